/* gst-idlewatchdog benchmarks: the SVG plot of the report
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Three log-log panels written as plain SVG: added CPU per buffer per
 * element against the number of elements a buffer crosses (1, 10, 100),
 * threads started against N instances, and resident memory per instance
 * (beyond the same pipelines without it) against N.
 */
#include "bench-suite.h"

#include <math.h>

#define PANEL_W 340.0
#define PANEL_H 260.0
#define MARGIN_L 70.0
#define MARGIN_T 50.0
#define GAP 110.0
#define WIDTH (MARGIN_L + 3 * PANEL_W + 2 * GAP + 30.0)
#define HEIGHT (MARGIN_T + PANEL_H + 100.0)

static const gchar *colours[BENCH_N_VARIANTS] = {
  "#888888", "#1f77b4", "#d62728", "#2ca02c"
};

/* drawn thickest first, so that lines that coincide all stay visible */
static const gdouble widths[BENCH_N_VARIANTS] = { 1.5, 2.5, 4.0, 5.0 };

typedef struct
{
  gdouble x0;                   /* left of the plot area */
  gdouble lx_min, lx_max;       /* log10 range on x */
  gdouble ly_min, ly_max;       /* log10 range on y */
} Panel;

static gdouble
px (const Panel * p, gdouble x)
{
  return p->x0 + (log10 (x) - p->lx_min) / (p->lx_max - p->lx_min) * PANEL_W;
}

static gdouble
py (const Panel * p, gdouble y)
{
  gdouble ly = log10 (y);

  ly = CLAMP (ly, p->ly_min, p->ly_max);
  return MARGIN_T + PANEL_H - (ly - p->ly_min) / (p->ly_max - p->ly_min) *
      PANEL_H;
}

static void
axes (GString * s, const Panel * p, const gchar * title, const gchar * xlabel,
    const gchar * ylabel)
{
  gdouble d;
  gchar buf[32];

  g_string_append_printf (s, "<rect x='%.1f' y='%.1f' width='%.1f' "
      "height='%.1f' fill='none' stroke='#000'/>\n", p->x0, MARGIN_T,
      PANEL_W, PANEL_H);
  for (d = ceil (p->lx_min); d <= p->lx_max + 1e-9; d++) {
    gdouble x = px (p, pow (10, d));

    g_string_append_printf (s, "<line x1='%.1f' y1='%.1f' x2='%.1f' "
        "y2='%.1f' stroke='#ddd'/>\n<text x='%.1f' y='%.1f' "
        "text-anchor='middle'>%s</text>\n", x, MARGIN_T, x,
        MARGIN_T + PANEL_H, x, MARGIN_T + PANEL_H + 16,
        bench_format (pow (10, d), buf, sizeof (buf)));
  }
  for (d = ceil (p->ly_min); d <= p->ly_max + 1e-9; d++) {
    gdouble y = py (p, pow (10, d));

    g_string_append_printf (s, "<line x1='%.1f' y1='%.1f' x2='%.1f' "
        "y2='%.1f' stroke='#ddd'/>\n<text x='%.1f' y='%.1f' "
        "text-anchor='end'>%s</text>\n", p->x0, y, p->x0 + PANEL_W, y,
        p->x0 - 6, y + 4, bench_format (pow (10, d), buf, sizeof (buf)));
  }
  g_string_append_printf (s, "<text x='%.1f' y='%.1f' text-anchor='middle' "
      "font-weight='bold'>%s</text>\n", p->x0 + PANEL_W / 2, MARGIN_T - 14,
      title);
  g_string_append_printf (s, "<text x='%.1f' y='%.1f' text-anchor='middle'>"
      "%s</text>\n", p->x0 + PANEL_W / 2, MARGIN_T + PANEL_H + 36, xlabel);
  g_string_append_printf (s, "<text transform='translate(%.1f,%.1f) "
      "rotate(-90)' text-anchor='middle'>%s</text>\n", p->x0 - 48,
      MARGIN_T + PANEL_H / 2, ylabel);
}

/* One polyline with markers; points with no value or <= 0 are left out */
static void
series (GString * s, const Panel * p, const gdouble * xs, const gdouble * ys,
    guint n, BenchVariant v)
{
  guint i;
  gboolean any = FALSE;

  g_string_append_printf (s, "<polyline fill='none' stroke='%s' "
      "stroke-width='%.1f'%s points='", colours[v], widths[v],
      v == BENCH_BARE ? " stroke-dasharray='5 3'" : "");
  for (i = 0; i < n; i++) {
    if (isnan (ys[i]) || ys[i] <= 0)
      continue;
    g_string_append_printf (s, "%s%.1f,%.1f", any ? " " : "", px (p, xs[i]),
        py (p, ys[i]));
    any = TRUE;
  }
  g_string_append (s, "'/>\n");
  for (i = 0; i < n; i++) {
    if (isnan (ys[i]) || ys[i] <= 0)
      continue;
    g_string_append_printf (s, "<circle cx='%.1f' cy='%.1f' r='%.1f' "
        "fill='%s'/>\n", px (p, xs[i]), py (p, ys[i]), widths[v] / 2 + 2,
        colours[v]);
  }
}

/* The decade range covering the positive values, at least one decade */
static void
range (const gdouble * v, guint n, gdouble * lo, gdouble * hi)
{
  gdouble mn = G_MAXDOUBLE, mx = 0;
  guint i;

  for (i = 0; i < n; i++) {
    if (isnan (v[i]) || v[i] <= 0)
      continue;
    mn = MIN (mn, v[i]);
    mx = MAX (mx, v[i]);
  }
  if (mx <= 0) {
    *lo = 0;
    *hi = 1;
    return;
  }
  *lo = floor (log10 (mn));
  *hi = ceil (log10 (mx));
  if (*hi <= *lo)
    *hi = *lo + 1;
}

gboolean
bench_report_svg (BenchConfig * cfg, BenchResults * r, const gchar * path)
{
  static const gchar *chain_cases[] = { "empty", "chain10", "chain100" };
  static const gdouble chain_x[] = { 1, 10, 100 };
  gdouble cost[BENCH_N_VARIANTS][3], threads[BENCH_N_VARIANTS][8];
  gdouble rss[BENCH_N_VARIANTS][8];
  gdouble all[BENCH_N_VARIANTS * 8], ns[8];
  GString *s = g_string_new (NULL);
  GError *error = NULL;
  Panel a, b, c;
  guint v, i, n_all = 0;
  gboolean ok;

  for (v = 0; v < BENCH_N_VARIANTS; v++) {
    for (i = 0; i < 3; i++) {
      gchar *key = g_strdup_printf ("perbuf.%s.%s.added_cpu_ns",
          chain_cases[i], bench_variant_name (v));

      cost[v][i] = bench_results_median (r, key);
      if (v != BENCH_BARE)
        all[n_all++] = cost[v][i];
      g_free (key);
    }
  }
  a.x0 = MARGIN_L;
  a.lx_min = 0;
  a.lx_max = 2;
  range (all, n_all, &a.ly_min, &a.ly_max);

  n_all = 0;
  for (i = 0; i < cfg->n_scale_n; i++) {
    ns[i] = cfg->scale_n[i];
    for (v = 0; v < BENCH_N_VARIANTS; v++) {
      gchar *key = g_strdup_printf ("scale.%u.%s.threads_nopool", cfg->scale_n[i],
          bench_variant_name (v));

      threads[v][i] = bench_results_median (r, key);
      all[n_all++] = threads[v][i];
      g_free (key);
    }
  }
  b.x0 = MARGIN_L + PANEL_W + GAP;
  b.lx_min = 0;
  b.lx_max = ceil (log10 (MAX (ns[cfg->n_scale_n - 1], 10)));
  range (all, n_all, &b.ly_min, &b.ly_max);
  b.ly_min = MIN (b.ly_min, 0);

  n_all = 0;
  for (i = 0; i < cfg->n_scale_n; i++) {
    gchar *key = g_strdup_printf ("scale.%u.bare.rss_kib", cfg->scale_n[i]);
    gdouble base = bench_results_median (r, key);

    g_free (key);
    for (v = BENCH_IDENTITY; v < BENCH_N_VARIANTS; v++) {
      key = g_strdup_printf ("scale.%u.%s.rss_kib", cfg->scale_n[i],
          bench_variant_name (v));
      rss[v][i] = (bench_results_median (r, key) - base) / cfg->scale_n[i];
      all[n_all++] = rss[v][i];
      g_free (key);
    }
  }
  c.x0 = MARGIN_L + 2 * (PANEL_W + GAP);
  c.lx_min = 0;
  c.lx_max = b.lx_max;
  range (all, n_all, &c.ly_min, &c.ly_max);

  g_string_append_printf (s, "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<svg xmlns='http://www.w3.org/2000/svg' width='%.0f' height='%.0f' "
      "viewBox='0 0 %.0f %.0f' font-family='sans-serif' font-size='12'>\n"
      "<rect width='100%%' height='100%%' fill='#fff'/>\n", WIDTH, HEIGHT,
      WIDTH, HEIGHT);
  axes (s, &a, "Added CPU per buffer per element",
      "elements a buffer crosses (chain length)",
      "ns per buffer per element (median)");
  axes (s, &b, "Threads started by N instances",
      "N elements (in min(N, 100) live pipelines)",
      "threads (median, no idle pool workers)");
  axes (s, &c, "Resident memory per instance",
      "N elements (in min(N, 100) live pipelines)",
      "KiB per element beyond bare (median)");
  for (i = BENCH_N_VARIANTS; i > 0; i--) {
    v = i - 1;
    if (!cfg->have[v])
      continue;
    if (v != BENCH_BARE)
      series (s, &a, chain_x, cost[v], 3, v);
    series (s, &b, ns, threads[v], cfg->n_scale_n, v);
    if (v != BENCH_BARE)
      series (s, &c, ns, rss[v], cfg->n_scale_n, v);
  }
  for (v = 0; v < BENCH_N_VARIANTS; v++) {
    gdouble x = MARGIN_L + v * 170.0, y = HEIGHT - 22;

    g_string_append_printf (s, "<line x1='%.1f' y1='%.1f' x2='%.1f' "
        "y2='%.1f' stroke='%s' stroke-width='%.1f'/><text x='%.1f' "
        "y='%.1f'>%s%s</text>\n", x, y - 4, x + 24, y - 4, colours[v],
        widths[v], x + 30, y,
        bench_variant_name (v), cfg->have[v] ? "" : " (not installed)");
  }
  g_string_append (s, "</svg>\n");

  ok = g_file_set_contents (path, s->str, s->len, &error);
  if (!ok) {
    g_printerr ("idlewatchdog-bench: cannot write %s: %s\n", path,
        error->message);
    g_clear_error (&error);
  }
  g_string_free (s, TRUE);
  return ok;
}
