#!/usr/bin/env python3
# gst-idlewatchdog: scrapes the demo's /metrics endpoint while it runs and
# after its summary, and checks the counts against the summary
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The demo (IDLEWATCHDOG_DEMO, set by meson) runs briefly, as in demo.c,
# with --metrics-port=0 (a free port on 127.0.0.1, printed first) and
# --metrics-hold (it keeps serving after the summary until its standard
# input is closed). Only loopback is used. Every wait is on a condition,
# with a generous bound that fails rather than hangs.

import os
import re
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.request

N_SESSIONS = 6
N_FAULTS = 3
PIPELINES = 4
CAUSES = ("timeout", "error", "eos", "stopped")

HELP = re.compile(r"^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (?:[^\\\n]|\\\\|\\n)*$")
TYPE = re.compile(r"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)$")
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)'
                    r'(?:\{([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"\})?'
                    r' ([0-9]+)$')


def parse_exposition(text):
    """Checks the text format 0.0.4 line by line and returns
    {(name, label value or None): value}"""
    assert text.endswith("\n"), "no final line feed"
    samples = {}
    family = family_type = None
    for line in text.split("\n")[:-1]:
        m = HELP.match(line)
        if m:
            family, family_type = m.group(1), None
            continue
        m = TYPE.match(line)
        if m:
            assert m.group(1) == family and family_type is None, line
            family_type = m.group(2)
            assert family_type != "counter" or family.endswith("_total"), line
            continue
        m = SAMPLE.match(line)
        assert m, "not a comment nor a sample: %r" % line
        assert m.group(1) == family and family_type, line
        samples[(m.group(1), m.group(3))] = int(m.group(4))
    return samples


# no proxy from the environment: the requests stay on loopback
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def scrape(url):
    with OPENER.open(url, timeout=10) as r:
        assert r.status == 200
        assert r.headers["Content-Type"] == \
            "text/plain; version=0.0.4; charset=utf-8", r.headers
        return parse_exposition(r.read().decode("utf-8"))


def value(samples, name, cause=None):
    return samples[("idlewatchdog_" + name, cause)]


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = predicate()
        if got:
            return got
        time.sleep(0.05)
    return predicate()


class DemoMetrics(unittest.TestCase):
    def setUp(self):
        demo = os.environ.get("IDLEWATCHDOG_DEMO")
        self.assertTrue(demo and os.access(demo, os.X_OK),
                        "IDLEWATCHDOG_DEMO is not an executable")
        self.demo = subprocess.Popen(
            [demo, "--quiet", "--sessions", str(N_SESSIONS),
             "--faults", str(N_FAULTS), "--duration", "12",
             "--timeout", "1000", "--switch-timeout", "1500",
             "--client-timeout", "1000", "--startup-timeout", "4000",
             "--stop-timeout", "500", "--metrics-port", "0",
             "--metrics-hold"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def tearDown(self):
        if self.demo.poll() is None:
            self.demo.kill()
            self.demo.wait()
        self.demo.stdout.close()

    def read_summary(self):
        keys, sessions, inside = {}, [], False
        for line in self.demo.stdout:
            line = line.rstrip("\n")
            if line == "summary-begin":
                inside = True
            elif line == "summary-end":
                return keys, sessions
            elif inside and line.startswith("session: "):
                words = line[len("session: "):].split(" ")
                sessions.append(dict(w.split("=", 1) for w in words[1:]))
            elif inside and ": " in line:
                k, v = line.split(": ", 1)
                keys[k] = v
        self.fail("the demo's output ended without a complete summary")

    def test_scraped_counts_match_the_summary(self):
        first = self.demo.stdout.readline()
        m = re.match(r"^metrics-url: (http://127\.0\.0\.1:[0-9]+/metrics)$",
                     first.rstrip("\n"))
        self.assertTrue(m, "first line: %r" % first)
        url = m.group(1)

        # anything but GET /metrics is 404
        with self.assertRaises(urllib.error.HTTPError) as cm:
            OPENER.open(url[:-len("metrics")] + "other", timeout=10)
        self.assertEqual(cm.exception.code, 404)

        # during the run: once a faulty session has been torn down, while
        # the others (and the reconnected users) still run
        during = wait_for(lambda: (lambda s: s if value(
            s, "sessions_ended_total", "timeout") >= 1 else None)(
                scrape(url)))
        self.assertTrue(during, "no session ended by a timeout during the run")
        self.assertGreaterEqual(value(during, "sessions_started_total"),
                                N_SESSIONS)
        self.assertGreaterEqual(value(during, "sessions_alive"), 1)
        self.assertGreaterEqual(value(during, "pipelines_alive"), PIPELINES)
        self.assertLessEqual(value(during, "pipeline_threads_joined_total"),
                             value(during, "pipeline_threads_started_total"))

        keys, sessions = self.read_summary()
        # after the summary: every session stopped, joined and released
        after = wait_for(lambda: (lambda s: s if value(
            s, "pipelines_alive") == 0 else None)(scrape(url)), seconds=10)
        self.assertTrue(after, "pipelines still held after the summary")

        started = int(keys["sessions-started"])
        self.assertEqual(int(keys["pipelines-per-session"]), PIPELINES)
        self.assertEqual(value(after, "sessions_started_total"), started)
        self.assertEqual(value(after, "sessions_alive"), 0)
        for cause in CAUSES:
            self.assertEqual(value(after, "sessions_ended_total", cause),
                             int(keys["sessions-finished-" + cause]), cause)
        self.assertEqual(sum(value(after, "sessions_ended_total", c)
                             for c in CAUSES), started)
        # the sessions that ended during the scenario, by their own lines
        for cause in CAUSES:
            self.assertGreaterEqual(
                value(after, "sessions_ended_total", cause),
                sum(1 for s in sessions if s["end"] == cause), cause)
        self.assertEqual(value(after, "sessions_ended_total", "timeout"),
                         int(keys["faulty-ended-as-expected"]))
        self.assertEqual(value(after, "pipeline_threads_started_total"),
                         PIPELINES * started)
        self.assertEqual(value(after, "pipeline_threads_joined_total"),
                         PIPELINES * started)
        self.assertLessEqual(value(after, "pipeline_drains_forced_total"),
                             value(after, "pipeline_drains_total"))
        # the run's counts only grew
        for k, v in during.items():
            if not k[0].endswith("_alive"):
                self.assertLessEqual(v, after[k], k)

        print("during: %s\nafter: %s" % (during, after))
        self.demo.stdin.close()
        self.assertEqual(self.demo.wait(timeout=30), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2, argv=sys.argv[:1])
