/* gst-idlewatchdog benchmarks: the report of the scale runs while data flows
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-suite.h"

#include <math.h>
#include <string.h>

static const gchar *flow_flavours[][2] = {
  {"identity", "identity"},
  {"idlewatchdog", "idlewatchdog"},
  {"idlewatchdog_noswitch", "idlewatchdog watch-switches=false"},
  {"watchdog", "watchdog"},
};

static gdouble
medk (BenchResults * r, const gchar * prefix, const gchar * key)
{
  gchar *k = g_strdup_printf ("%s.%s", prefix, key);
  gdouble v = bench_results_median (r, k);

  g_free (k);
  return v;
}

/* The median of @key under @prefix, scaled, or "n/a" */
static gchar *
fmtk (BenchResults * r, const gchar * prefix, const gchar * key,
    gdouble scale)
{
  gchar buf[64];

  return g_strdup (bench_format (medk (r, prefix, key) * scale, buf, 64));
}

/* The time of a phase, or what became of it */
static gchar *
phase_cell (BenchResults * r, const gchar * prefix, const gchar * phase,
    const gchar * key)
{
  gchar *k = g_strdup_printf ("%s_gave_up", phase);
  gchar buf[64];
  gdouble gave_up = medk (r, prefix, k);
  gchar *c;

  g_free (k);
  if (!isnan (gave_up)) {
    gchar *d = g_strdup_printf ("%s_done", phase);

    k = g_strdup_printf ("%s_gave_up_ms", phase);
    c = g_strdup_printf ("**gave up at %s** (%.0f of %.0f)",
        bench_format (medk (r, prefix, k) / 1000, buf, 64),
        medk (r, prefix, d), medk (r, prefix, "pipelines"));
    g_free (d);
    g_free (k);
    return c;
  }
  return g_strdup (bench_format (medk (r, prefix, key) / 1000, buf, 64));
}

static void
flow_table (GString * m, BenchConfig * cfg, BenchResults * r,
    const gchar * layout)
{
  guint k, f;

  g_string_append (m, "| N | element | to PLAYING s | teardown s | clock "
      "thread, % of a core | process, % of a core | largest stall ms | "
      "pipelines stalled > 100 ms | false timeouts | late median / max ms | "
      "early / missing / twice | RSS KiB per element beyond identity |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (k = 0; k < cfg->n_flow_n; k++) {
    guint n = cfg->flow_n[k];
    gchar *idp = g_strdup_printf ("flow.%s.%u.identity", layout, n);

    for (f = 0; f < G_N_ELEMENTS (flow_flavours); f++) {
      gchar *p = g_strdup_printf ("flow.%s.%u.%s", layout, n,
          flow_flavours[f][0]);
      gchar *play, *stop, *clk, *cpu, *stall, *stalled, *fto, *lm, *lx, *rss;
      gchar *eme;
      gdouble built = medk (r, p, "pipelines");
      gdouble exp = medk (r, p, "expected_timeouts");

      if (isnan (built)) {
        g_free (p);
        continue;
      }
      play = phase_cell (r, p, "play", "play_ms");
      stop = phase_cell (r, p, "teardown", "stop_ms");
      clk = fmtk (r, p, "clock_cpu_pct", 1);
      cpu = fmtk (r, p, "cpu_pct", 1);
      stall = fmtk (r, p, "stall_max_ms", 1);
      stalled = fmtk (r, p, "stalled_100ms", 1);
      if (medk (r, p, "false_timeouts") > 0)
        fto = g_strdup_printf ("**%.0f** (%.0f fresh, %.0f before the "
            "window)", medk (r, p, "false_timeouts"),
            medk (r, p, "false_timeouts_fresh"),
            medk (r, p, "false_timeouts_before_window"));
      else
        fto = fmtk (r, p, "false_timeouts", 1);
      lm = fmtk (r, p, "late_median_ms", 1);
      lx = fmtk (r, p, "late_max_ms", 1);
      if (isnan (exp))
        eme = g_strdup ("");
      else
        eme = g_strdup_printf ("%.0f / %.0f / %.0f of %.0f",
            medk (r, p, "early_timeouts"), medk (r, p, "missing_timeouts"),
            medk (r, p, "duplicate_timeouts"), exp);
      if (f == 0) {
        rss = g_strdup ("(baseline)");
      } else {
        gchar buf[64];

        rss = g_strdup (bench_format ((medk (r, p, "rss_kib") -
                    medk (r, idp, "rss_kib")) / n, buf, 64));
      }
      if (isnan (exp) || exp == 0) {
        /* no timeout expected (identity, or nothing stopped) */
        g_free (lm);
        g_free (lx);
        lm = g_strdup ("");
        lx = g_strdup ("");
      }
      g_string_append_printf (m, "| %u | %s | %s | %s | %s | %s | %s | %s | "
          "%s | %s%s%s | %s | %s |\n", n, flow_flavours[f][1], play, stop,
          clk, cpu, stall, stalled, isnan (exp) ? "" : fto, lm,
          *lm ? " / " : "", lx, eme, rss);
      g_free (play);
      g_free (stop);
      g_free (clk);
      g_free (cpu);
      g_free (stall);
      g_free (stalled);
      g_free (fto);
      g_free (lm);
      g_free (lx);
      g_free (eme);
      g_free (rss);
      g_free (p);
    }
    g_free (idp);
  }
  g_string_append (m, "\nidlewatchdog / identity, to PLAYING and teardown:");
  for (k = 0; k < cfg->n_flow_n; k++) {
    guint n = cfg->flow_n[k];
    gchar *iw = g_strdup_printf ("flow.%s.%u.idlewatchdog", layout, n);
    gchar *id = g_strdup_printf ("flow.%s.%u.identity", layout, n);
    gchar a[64], b[64];

    g_string_append_printf (m, " **%s** and **%s** at N = %u%s",
        bench_format (medk (r, iw, "play_ms") / medk (r, id, "play_ms"), a,
            64), bench_format (medk (r, iw, "stop_ms") / medk (r, id,
                "stop_ms"), b, 64), n, k + 1 < cfg->n_flow_n ? ";" : ".");
    g_free (iw);
    g_free (id);
  }
  g_string_append (m, " (n/a where a phase was given up)\n\n");
}

static void
many_table (GString * m, BenchConfig * cfg, BenchResults * r)
{
  guint f;

  g_string_append_printf (m, "## 7. %u elements in one process\n\n"
      "%u chains of %u elements (`fakesrc is-live=true sync=true "
      "datarate=2 ... ! %u x element timeout=%u ! fakesink`, one bus), PLAYING bounded "
      "by %u s; %u ms after the window opens every source stops (a probe in "
      "front of the first element drops its buffers): each element must post "
      "exactly one timeout, none before its last buffer + timeout.\n\n"
      "| element | to PLAYING s | timeouts expected | on time | early | "
      "missing | twice | false | late median / p99 / max ms | teardown s | "
      "threads | RSS MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n",
      cfg->many_n, cfg->many_n / cfg->many_chain, cfg->many_chain,
      cfg->many_chain, cfg->flow_timeout_ms, cfg->many_play_timeout_s, 2000);
  for (f = 0; f < 2; f++) {
    gchar *p = g_strdup_printf ("many.%s", flow_flavours[f][0]);
    gchar *play, *stop, *v[10];
    guint i;

    if (isnan (medk (r, p, "pipelines"))) {
      g_free (p);
      continue;
    }
    play = phase_cell (r, p, "play", "play_ms");
    stop = phase_cell (r, p, "teardown", "stop_ms");
    v[0] = fmtk (r, p, "expected_timeouts", 1);
    v[1] = fmtk (r, p, "timeouts_on_time", 1);
    v[2] = fmtk (r, p, "early_timeouts", 1);
    v[3] = fmtk (r, p, "missing_timeouts", 1);
    v[4] = fmtk (r, p, "duplicate_timeouts", 1);
    v[5] = fmtk (r, p, "false_timeouts", 1);
    v[6] = fmtk (r, p, "late_median_ms", 1);
    v[7] = fmtk (r, p, "late_p99_ms", 1);
    v[8] = fmtk (r, p, "late_max_ms", 1);
    v[9] = fmtk (r, p, "threads", 1);
    g_string_append_printf (m, "| %s | %s | %s | %s | %s | %s | %s | %s | "
        "%s / %s / %s | %s | %s | %.0f |\n", flow_flavours[f][1], play,
        f ? v[0] : "", f ? v[1] : "", f ? v[2] : "", f ? v[3] : "",
        f ? v[4] : "", f ? v[5] : "", v[6], v[7], v[8], stop, v[9],
        medk (r, p, "rss_kib") / 1024);
    for (i = 0; i < G_N_ELEMENTS (v); i++)
      g_free (v[i]);
    g_free (play);
    g_free (stop);
    g_free (p);
  }
  g_string_append (m, "\n");
}

static void
fan_table (GString * m, BenchConfig * cfg, BenchResults * r)
{
  guint v;
  gchar a[64];

  g_string_append_printf (m, "## 8. Discovery: PLAYING with %u branches\n\n"
      "`videotestsrc is-live=true ! 2x2 GRAY8 at 2/s ! tee ! %u x (queue ! "
      "element ! fakesink async=false)`, one pipeline built, taken from NULL "
      "to PLAYING (until get_state says PLAYING) and back to NULL, %u times "
      "per process after an untimed first one. Cells are median (min to "
      "max), ms.\n\n| element | to PLAYING | to NULL |\n|---|---|---|\n",
      cfg->fan_branches, cfg->fan_branches, cfg->fan_reps);
  for (v = 0; v < BENCH_N_VARIANTS; v++) {
    gchar *k1 = g_strdup_printf ("fan.%s.play_ms", bench_variant_name (v));
    gchar *k2 = g_strdup_printf ("fan.%s.stop_ms", bench_variant_name (v));
    BenchStats st;

    if (bench_results_stats (r, k1, &st)) {
      gchar b[64], c[64], d[64], e[64], f[64], g[64];
      BenchStats st2;

      bench_results_stats (r, k2, &st2);
      g_string_append_printf (m, "| %s | %s (%s to %s) | %s (%s to %s) |\n",
          bench_variant_name (v), bench_format (st.median, b, 64),
          bench_format (st.min, c, 64), bench_format (st.max, d, 64),
          bench_format (st2.median, e, 64), bench_format (st2.min, f, 64),
          bench_format (st2.max, g, 64));
    }
    g_free (k1);
    g_free (k2);
  }
  g_string_append_printf (m, "\nidlewatchdog / identity, to PLAYING: "
      "**%s**\n\n", bench_format (bench_results_median (r,
              "fan.idlewatchdog.play_ms") / bench_results_median (r,
              "fan.identity.play_ms"), a, 64));
}

void
bench_report_flow (GString * m, BenchConfig * cfg, BenchResults * r)
{
  gboolean flow = FALSE;
  guint i;

  for (i = 0; i < r->order->len && !flow; i++)
    flow = g_str_has_prefix (r->order->pdata[i], "flow.");
  if (flow) {
    g_string_append_printf (m, "## 6. While data flows, at N elements\n\n"
        "Every element in a live pipeline `fakesrc is-live=true sync=true "
        "datarate=2 sizetype=fixed sizemax=1 filltype=nothing format=time ! "
        "K x element ! fakesink` (2 one-byte buffers/s, paced by the clock); "
        "*pipes*: K = 1, N pipelines (the normal setup); "
        "*chain*: K = %u, N / %u pipelines. The pipelines share one bus "
        "without a poll and one sync handler that counts timeouts per "
        "element. Each N and element runs in a fresh process; idlewatchdog "
        "and watchdog get `timeout=%u`. *To PLAYING*: from the first "
        "set_state to the last get_state saying PLAYING, bounded by %u s "
        "(past it the run gives up and reports how many made it; teardown "
        "likewise, %u s). Then %u ms of warm-up and a %u ms window: CPU of "
        "the GStreamer clock thread (the threads named `GstSystemClock`, from "
        "/proc/self/task/*/stat, 10 ms ticks; none exists with identity) and "
        "of the process; the *largest stall*: at every healthy pipeline's "
        "fakesink the largest gap between two buffers beyond the 500 ms "
        "period (a pad probe, no lock), the largest over the pipelines. "
        "%u ms into the window %u permille of the pipelines stop passing "
        "data (a probe in front of the first element drops it): *late* is "
        "the timeout's arrival at the bus minus (last buffer let through + "
        "timeout), over their elements; *false timeouts* are those of "
        "elements in healthy pipelines, from PLAYING to the end (*fresh*: "
        "less than the timeout after a buffer had passed into the element, "
        "so wrong; the others: the source was in fact starved that long). "
        "*RSS*: "
        "VmRSS after the warm-up minus before building, per element, minus "
        "identity's; `watch-switches=false` runs have a 2 s window and stop "
        "nothing. watchdog (a thread per element) runs up to N = %u. fakesrc, "
        "not videotestsrc: a videotestsrc holds two file descriptors (its "
        "buffer pool's GstPoll), so 10,000 of them do not fit under the "
        "usual limit of 20,000 (the child takes `source=videotestsrc` and "
        "then raises its own RLIMIT_NOFILE as far as it may).\n\n"
        "**pipes** (one element per pipeline)\n\n",
        cfg->flow_chain, cfg->flow_chain, cfg->flow_timeout_ms,
        cfg->flow_play_timeout_s, cfg->flow_teardown_timeout_s,
        cfg->flow_warmup_ms, cfg->flow_window_ms, 2000,
        cfg->flow_stop_permille, cfg->flow_watchdog_max);
    flow_table (m, cfg, r, BENCH_FLOW_PIPES);
    g_string_append_printf (m, "**chain** (%u elements per pipeline)\n\n",
        cfg->flow_chain);
    flow_table (m, cfg, r, BENCH_FLOW_CHAIN);
  }
  if (bench_results_get (r, "many.identity.pipelines") ||
      bench_results_get (r, "many.idlewatchdog.pipelines"))
    many_table (m, cfg, r);
  if (bench_results_get (r, "fan.identity.play_ms"))
    fan_table (m, cfg, r);
}
