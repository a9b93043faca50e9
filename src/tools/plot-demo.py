#!/usr/bin/env python3
# gst-idlewatchdog: plots the demo's time series (threads and RSS over time,
# with and without the watchdog) as one SVG file, with no dependency beyond
# the Python standard library.
#
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: plot-demo.py WATCHDOG.csv NO-WATCHDOG.csv -o docs/demo.svg
# The CSV files are written by `idlewatchdog-demo --csv FILE`.

import argparse
import csv
import sys
from xml.sax.saxutils import escape

COLOURS = {"watchdog": "#1a7f37", "no-watchdog": "#cf222e"}
LABELS = {"watchdog": "with idlewatchdog", "no-watchdog": "without (--no-watchdog)"}

PANEL_W, PANEL_H = 420, 260
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 60, 20, 40, 45


def read_series(path):
    rows = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows.append(row)
    if not rows:
        sys.exit(f"{path}: no data rows")
    mode = rows[0]["mode"]
    t = [float(r["t_s"]) for r in rows]
    threads = [int(r["threads"]) for r in rows]
    rss = [int(r["rss_kb"]) / 1024.0 for r in rows]
    leaked = [int(r["leaked"]) for r in rows]
    return mode, t, threads, rss, leaked


def nice_max(v):
    """A round axis maximum at or above v."""
    if v <= 0:
        return 1
    step = 10 ** (len(str(int(v))) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= v:
            return m * step
    return 10 * step


def panel(x0, title, unit, series, key, t_max, out):
    y_max = nice_max(max(max(s[key]) for s in series) * 1.1)
    w = PANEL_W - MARGIN_L - MARGIN_R
    h = PANEL_H - MARGIN_T - MARGIN_B
    ox, oy = x0 + MARGIN_L, MARGIN_T + h

    def px(t):
        return ox + w * t / t_max

    def py(v):
        return oy - h * v / y_max

    out.append(f'<text x="{x0 + PANEL_W / 2}" y="22" text-anchor="middle" '
               f'font-weight="bold">{escape(title)}</text>')
    for i in range(6):
        v = y_max * i / 5
        y = py(v)
        out.append(f'<line x1="{ox}" y1="{y:.1f}" x2="{ox + w}" y2="{y:.1f}" '
                   f'stroke="#ddd"/>')
        label = f"{v:g}"
        out.append(f'<text x="{ox - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{label}</text>')
    for i in range(5):
        t = t_max * i / 4
        x = px(t)
        out.append(f'<text x="{x:.1f}" y="{oy + 18}" text-anchor="middle">'
                   f'{t:g}</text>')
    out.append(f'<text x="{ox + w / 2}" y="{oy + 36}" text-anchor="middle">'
               f'time (s)</text>')
    out.append(f'<text x="{x0 + 14}" y="{oy - h / 2}" text-anchor="middle" '
               f'transform="rotate(-90 {x0 + 14} {oy - h / 2})">'
               f'{escape(unit)}</text>')
    out.append(f'<rect x="{ox}" y="{MARGIN_T}" width="{w}" height="{h}" '
               f'fill="none" stroke="#888"/>')
    label_ys = []
    for s in series:
        mode, t = s["mode"], s["t"]
        pts = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(t, s[key]))
        out.append(f'<polyline points="{pts}" fill="none" '
                   f'stroke="{COLOURS.get(mode, "#333")}" stroke-width="2"/>')
        last = s[key][-1]
        val = f"{last:.0f}" if key == "threads" else f"{last:.1f} MB"
        ly = py(last) - 6
        # keep the end labels of close lines apart
        for other in label_ys:
            if abs(other - ly) < 16:
                ly = other + 16 if ly >= other else other - 16
        label_ys.append(ly)
        out.append(f'<text x="{px(t[-1]) - 4:.1f}" y="{ly:.1f}" '
                   f'text-anchor="end" fill="{COLOURS.get(mode, "#333")}">'
                   f'{val}</text>')


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("csv", nargs="+", help="CSV files written by the demo")
    ap.add_argument("-o", "--output", required=True, help="SVG file to write")
    ap.add_argument("--title", default="idlewatchdog-demo: the leaked-sessions "
                    "incident replayed")
    args = ap.parse_args()

    series = []
    for path in args.csv:
        mode, t, threads, rss, leaked = read_series(path)
        series.append({"mode": mode, "t": t, "threads": threads, "rss": rss,
                       "leaked": leaked})
    t_end = max(s["t"][-1] for s in series)
    t_max = 5 * int(t_end / 5 + 0.999)

    width, height = 2 * PANEL_W, PANEL_H + 70
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    panel(0, "Process threads", "threads", series, "threads", t_max, out)
    panel(PANEL_W, "Resident memory (RSS)", "MB", series, "rss", t_max, out)

    y = PANEL_H + 20
    out.append(f'<text x="{MARGIN_L}" y="{y}">{escape(args.title)}</text>')
    x = MARGIN_L
    for s in series:
        mode = s["mode"]
        colour = COLOURS.get(mode, "#333")
        text = (f'{LABELS.get(mode, mode)}: {s["leaked"][-1]} leaked '
                f'sessions at the end')
        out.append(f'<line x1="{x}" y1="{y + 22}" x2="{x + 24}" y2="{y + 22}" '
                   f'stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{x + 30}" y="{y + 26}">{escape(text)}</text>')
        x += 360
    out.append("</svg>")

    with open(args.output, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
