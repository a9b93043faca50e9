/* gst-idlewatchdog benchmarks: summary lines, JSON and the Markdown report
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-suite.h"

#include <math.h>
#include <string.h>

const gchar *
bench_format (gdouble v, gchar * buf, gsize size)
{
  gchar *end;

  if (isnan (v) || isinf (v)) {
    g_strlcpy (buf, "n/a", size);
    return buf;
  }
  g_ascii_formatd (buf, size, "%.3f", v);
  if (strchr (buf, '.')) {
    end = buf + strlen (buf) - 1;
    while (*end == '0')
      *end-- = '\0';
    if (*end == '.')
      *end = '\0';
  }
  if (strcmp (buf, "-0") == 0)
    g_strlcpy (buf, "0", size);
  return buf;
}

/* bench_format into a string the caller frees */
static gchar *
fmt (gdouble v)
{
  gchar buf[64];

  return g_strdup (bench_format (v, buf, sizeof (buf)));
}

void
bench_report_summary (const BenchSummary * s, FILE * out)
{
  gchar b[64];

  fprintf (out, "per_buffer_ratio_vs_identity: %s\n",
      bench_format (s->ratio_vs_identity, b, sizeof (b)));
  fprintf (out, "per_buffer_ratio_vs_watchdog: %s\n",
      bench_format (s->ratio_vs_watchdog, b, sizeof (b)));
  fprintf (out, "threads_added_per_1000: %s\n",
      bench_format (s->threads_added_per_1000, b, sizeof (b)));
  fprintf (out, "rss_kib_per_element: %s\n",
      bench_format (s->rss_kib_per_element, b, sizeof (b)));
  fprintf (out, "overshoot_median_ms: %s\n",
      bench_format (s->overshoot_median_ms, b, sizeof (b)));
  fprintf (out, "overshoot_max_ms: %s\n",
      bench_format (s->overshoot_max_ms, b, sizeof (b)));
  fprintf (out, "watchdog_overshoot_median_ms: %s\n",
      bench_format (s->watchdog_overshoot_median_ms, b, sizeof (b)));
  fprintf (out, "flow_n: %u\n", s->flow_n);
  fprintf (out, "flow_clock_thread_cpu_pct: %s\n",
      bench_format (s->clock_cpu_pct, b, sizeof (b)));
  fprintf (out, "flow_false_timeouts: %s\n",
      bench_format (s->false_timeouts, b, sizeof (b)));
  fprintf (out, "flow_late_max_ms: %s\n",
      bench_format (s->late_max_ms, b, sizeof (b)));
  fprintf (out, "flow_stall_max_ms: %s\n",
      bench_format (s->stall_max_ms, b, sizeof (b)));
  fprintf (out, "flow_identity_stall_max_ms: %s\n",
      bench_format (s->identity_stall_max_ms, b, sizeof (b)));
  fprintf (out, "flow_playing_ratio_vs_identity: %s\n",
      bench_format (s->play_ratio, b, sizeof (b)));
  fprintf (out, "flow_teardown_ratio_vs_identity: %s\n",
      bench_format (s->teardown_ratio, b, sizeof (b)));
  fprintf (out, "rss_kib_per_element_pipes: %s\n",
      bench_format (s->rss_kib_pipes, b, sizeof (b)));
  fprintf (out, "rss_kib_per_element_chain: %s\n",
      bench_format (s->rss_kib_chain, b, sizeof (b)));
  fprintf (out, "fan_playing_ratio_vs_identity: %s\n",
      bench_format (s->fan_play_ratio, b, sizeof (b)));
  fprintf (out, "many_ok: %s\n", bench_format (s->many_ok, b, sizeof (b)));
  fflush (out);
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */

static void
json_string (GString * j, const gchar * s)
{
  g_string_append_c (j, '"');
  for (; s && *s; s++) {
    if (*s == '"' || *s == '\\')
      g_string_append_printf (j, "\\%c", *s);
    else if ((guchar) * s < 0x20)
      g_string_append_printf (j, "\\u%04x", (guchar) * s);
    else
      g_string_append_c (j, *s);
  }
  g_string_append_c (j, '"');
}

static void
json_number (GString * j, gdouble v)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v) || isinf (v))
    g_string_append (j, "null");
  else
    g_string_append (j, g_ascii_dtostr (buf, sizeof (buf), v));
}

static void
json_field (GString * j, const gchar * name, gdouble v, gboolean last)
{
  json_string (j, name);
  g_string_append (j, ": ");
  json_number (j, v);
  if (!last)
    g_string_append (j, ", ");
}

gboolean
bench_report_json (BenchConfig * cfg, BenchResults * r,
    const BenchSummary * s, const gchar * path)
{
  GString *j = g_string_new ("{\n  \"facts\": {");
  GError *error = NULL;
  gboolean ok;
  guint i, k;

  for (i = 0; i < r->fact_order->len; i++) {
    const gchar *key = r->fact_order->pdata[i];

    g_string_append (j, i ? ",\n    " : "\n    ");
    json_string (j, key);
    g_string_append (j, ": ");
    json_string (j, bench_results_get_fact (r, key));
  }
  g_string_append (j, "\n  },\n  \"summary\": {");
  json_field (j, "per_buffer_ratio_vs_identity", s->ratio_vs_identity, FALSE);
  json_field (j, "per_buffer_ratio_vs_watchdog", s->ratio_vs_watchdog, FALSE);
  json_field (j, "threads_added_per_1000", s->threads_added_per_1000, FALSE);
  json_field (j, "rss_kib_per_element", s->rss_kib_per_element, FALSE);
  json_field (j, "overshoot_median_ms", s->overshoot_median_ms, FALSE);
  json_field (j, "overshoot_max_ms", s->overshoot_max_ms, FALSE);
  json_field (j, "watchdog_overshoot_median_ms",
      s->watchdog_overshoot_median_ms, FALSE);
  json_field (j, "flow_n", s->flow_n, FALSE);
  json_field (j, "flow_clock_thread_cpu_pct", s->clock_cpu_pct, FALSE);
  json_field (j, "flow_false_timeouts", s->false_timeouts, FALSE);
  json_field (j, "flow_late_max_ms", s->late_max_ms, FALSE);
  json_field (j, "flow_stall_max_ms", s->stall_max_ms, FALSE);
  json_field (j, "flow_identity_stall_max_ms", s->identity_stall_max_ms,
      FALSE);
  json_field (j, "flow_playing_ratio_vs_identity", s->play_ratio, FALSE);
  json_field (j, "flow_teardown_ratio_vs_identity", s->teardown_ratio, FALSE);
  json_field (j, "rss_kib_per_element_pipes", s->rss_kib_pipes, FALSE);
  json_field (j, "rss_kib_per_element_chain", s->rss_kib_chain, FALSE);
  json_field (j, "fan_playing_ratio_vs_identity", s->fan_play_ratio, FALSE);
  json_field (j, "many_ok", s->many_ok, TRUE);
  g_string_append (j, "},\n  \"results\": {");
  for (i = 0; i < r->order->len; i++) {
    const gchar *key = r->order->pdata[i];
    GArray *a = bench_results_get (r, key);
    BenchStats st;

    bench_results_stats (r, key, &st);
    g_string_append (j, i ? ",\n    " : "\n    ");
    json_string (j, key);
    g_string_append (j, ": {");
    json_field (j, "n", st.n, FALSE);
    json_field (j, "median", st.median, FALSE);
    json_field (j, "p25", st.p25, FALSE);
    json_field (j, "p75", st.p75, FALSE);
    json_field (j, "p99", st.p99, FALSE);
    json_field (j, "min", st.min, FALSE);
    json_field (j, "max", st.max, FALSE);
    g_string_append (j, "\"samples\": [");
    for (k = 0; k < a->len; k++) {
      if (k)
        g_string_append (j, ", ");
      json_number (j, g_array_index (a, gdouble, k));
    }
    g_string_append (j, "]}");
  }
  g_string_append (j, "\n  },\n  \"notes\": [");
  for (i = 0; i < r->failures->len; i++) {
    g_string_append (j, i ? ",\n    " : "\n    ");
    json_string (j, r->failures->pdata[i]);
  }
  g_string_append (j, "]\n}\n");

  ok = g_file_set_contents (path, j->str, j->len, &error);
  if (!ok) {
    g_printerr ("idlewatchdog-bench: cannot write %s: %s\n", path,
        error->message);
    g_clear_error (&error);
  } else {
    g_printerr ("idlewatchdog-bench: results in %s\n", path);
  }
  g_string_free (j, TRUE);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Markdown                                                                 */

/* "median (min-max)" of a key, or "n/a" */
static gchar *
cell (BenchResults * r, const gchar * key, gboolean range)
{
  BenchStats st;
  gchar a[64], b[64], c[64];

  if (!bench_results_stats (r, key, &st))
    return g_strdup ("n/a");
  bench_format (st.median, a, sizeof (a));
  if (!range || st.min == st.max)
    return g_strdup (a);
  return g_strdup_printf ("%s (%s to %s)", a,
      bench_format (st.min, b, sizeof (b)),
      bench_format (st.max, c, sizeof (c)));
}

static gchar *
cellf (BenchResults * r, gboolean range, const gchar * format, ...)
    G_GNUC_PRINTF (3, 4);

static gchar *
cellf (BenchResults * r, gboolean range, const gchar * format, ...)
{
  va_list args;
  gchar *key, *c;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  c = cell (r, key, range);
  g_free (key);
  return c;
}

static gdouble
medianf (BenchResults * r, const gchar * format, ...) G_GNUC_PRINTF (2, 3);

static gdouble
medianf (BenchResults * r, const gchar * format, ...)
{
  va_list args;
  gchar *key;
  gdouble v;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  v = bench_results_median (r, key);
  g_free (key);
  return v;
}

static const gchar *
met (gboolean measured, gboolean ok)
{
  return !measured ? "n/a" : (ok ? "yes" : "**no**");
}

static guint
count_below (BenchResults * r, const gchar * key, gdouble limit)
{
  GArray *a = bench_results_get (r, key);
  guint i, n = 0;

  for (i = 0; a && i < a->len; i++)
    if (g_array_index (a, gdouble, i) < limit)
      n++;
  return n;
}

static guint
count_of (BenchResults * r, const gchar * key)
{
  GArray *a = bench_results_get (r, key);

  return a ? a->len : 0;
}

/* The targets of issue 10 (sections 6 to 8) */
static void
md_targets_flow (GString * m, const BenchSummary * s)
{
  gchar *v[10];
  guint i;

  if (isnan (s->clock_cpu_pct) && isnan (s->fan_play_ratio) &&
      isnan (s->many_ok))
    return;
  v[0] = fmt (s->clock_cpu_pct);
  v[1] = fmt (s->false_timeouts);
  v[2] = fmt (s->late_max_ms);
  v[3] = fmt (s->stall_max_ms);
  v[4] = fmt (s->identity_stall_max_ms);
  v[5] = fmt (s->play_ratio);
  v[6] = fmt (s->teardown_ratio);
  v[7] = fmt (s->rss_kib_pipes);
  v[8] = fmt (s->rss_kib_chain);
  v[9] = fmt (s->fan_play_ratio);
  g_string_append_printf (m, "| target (issue 10), at N = %u live elements "
      "unless said | measured | met |\n|---|---|---|\n", s->flow_n);
  g_string_append_printf (m, "| clock thread < 5%% of a core | %s%% | %s |\n",
      v[0], met (!isnan (s->clock_cpu_pct), s->clock_cpu_pct < 5));
  g_string_append_printf (m, "| 0 false timeouts (every flow run) | %s | %s "
      "|\n", v[1], met (!isnan (s->false_timeouts), s->false_timeouts == 0));
  g_string_append_printf (m, "| timeouts <= 5 ms late (every flow run) | %s "
      "ms | %s |\n", v[2], met (!isnan (s->late_max_ms),
          s->late_max_ms <= 5));
  g_string_append_printf (m, "| no stall beyond identity's | %s ms vs %s ms "
      "| %s |\n", v[3], v[4], met (!isnan (s->stall_max_ms) &&
          !isnan (s->identity_stall_max_ms),
          s->stall_max_ms <= MAX (s->identity_stall_max_ms, 0) + 10));
  g_string_append_printf (m, "| to PLAYING <= 1.5x identity | %s | %s |\n",
      v[5], met (!isnan (s->play_ratio), s->play_ratio <= 1.5));
  g_string_append_printf (m, "| teardown <= 1.5x identity | %s | %s |\n",
      v[6], met (!isnan (s->teardown_ratio), s->teardown_ratio <= 1.5));
  g_string_append_printf (m, "| RSS per element beyond identity <= 2 KiB, "
      "one per pipeline | %s KiB | %s |\n", v[7],
      met (!isnan (s->rss_kib_pipes), s->rss_kib_pipes <= 2));
  g_string_append_printf (m, "| RSS per element beyond identity <= 2 KiB, "
      "chained | %s KiB | %s |\n", v[8], met (!isnan (s->rss_kib_chain),
          s->rss_kib_chain <= 2));
  g_string_append_printf (m, "| discovery: PLAYING with 100 tee branches <= "
      "1.5x identity | %s | %s |\n", v[9], met (!isnan (s->fan_play_ratio),
          s->fan_play_ratio <= 1.5));
  g_string_append_printf (m, "| 100,000 elements reach PLAYING and time out "
      "exactly once each | %s | %s |\n\n", isnan (s->many_ok) ? "n/a" :
      (s->many_ok ? "yes" : "no"), met (!isnan (s->many_ok),
          s->many_ok == 1));
  for (i = 0; i < G_N_ELEMENTS (v); i++)
    g_free (v[i]);
}

static void
md_summary (GString * m, BenchConfig * cfg, BenchResults * r,
    const BenchSummary * s)
{
  gdouble cs_iw = bench_results_median (r, "live.idlewatchdog.ctxsw_per_s");
  gdouble cs_id = bench_results_median (r, "live.identity.ctxsw_per_s");
  guint early = count_below (r, "timeout.100.idlewatchdog.late_push_ms", 0) +
      count_below (r, "timeout.1000.idlewatchdog.late_push_ms", 0);
  guint runs = count_of (r, "timeout.100.idlewatchdog.late_push_ms") +
      count_of (r, "timeout.1000.idlewatchdog.late_push_ms");
  gchar *v[8];
  FILE *f;
  gchar *lines = NULL;
  gsize len = 0;
  guint i;

  f = open_memstream (&lines, &len);
  bench_report_summary (s, f);
  fclose (f);

  g_string_append (m, "## Summary\n\n```\n");
  g_string_append (m, lines);
  g_string_append (m, "```\n\n");
  free (lines);

  v[0] = fmt (s->ratio_vs_identity);
  v[1] = fmt (s->ratio_vs_watchdog);
  v[2] = fmt (s->threads_added_per_1000);
  v[3] = fmt (s->overshoot_median_ms);
  v[4] = fmt (s->overshoot_max_ms);
  v[5] = fmt (cs_iw);
  v[6] = fmt (cs_id);
  v[7] = fmt (s->rss_kib_per_element);
  g_string_append (m, "| target (issue 5) | measured | met |\n"
      "|---|---|---|\n");
  g_string_append_printf (m, "| per_buffer_ratio_vs_identity <= 1.10 "
      "(moonshot 1.00) | %s | %s |\n", v[0],
      met (!isnan (s->ratio_vs_identity), s->ratio_vs_identity <= 1.10));
  g_string_append_printf (m, "| per_buffer_ratio_vs_watchdog <= 0.15 | %s | "
      "%s |\n", v[1], met (!isnan (s->ratio_vs_watchdog),
          s->ratio_vs_watchdog <= 0.15));
  g_string_append_printf (m, "| threads_added_per_1000 = 0 | %s | %s |\n",
      v[2], met (!isnan (s->threads_added_per_1000),
          s->threads_added_per_1000 == 0));
  g_string_append_printf (m, "| overshoot median <= 1.0 ms at 100 ms | %s ms "
      "| %s |\n", v[3], met (!isnan (s->overshoot_median_ms),
          s->overshoot_median_ms <= 1.0));
  g_string_append_printf (m, "| overshoot max <= 5 ms at 100 ms | %s ms | "
      "%s |\n", v[4], met (!isnan (s->overshoot_max_ms),
          s->overshoot_max_ms <= 5.0));
  g_string_append_printf (m, "| never early (100 ms and 1000 ms) | %u early "
      "of %u | %s |\n", early, runs, met (runs > 0, early == 0));
  g_string_append_printf (m, "| context switches/s, 100 live streams, no "
      "higher than identity | %s vs %s | %s |\n", v[5], v[6],
      met (!isnan (cs_iw) && !isnan (cs_id), cs_iw <= cs_id));
  g_string_append_printf (m, "| rss_kib_per_element (no target) | %s KiB "
      "| |\n\n", v[7]);
  md_targets_flow (m, s);
  for (i = 0; i < G_N_ELEMENTS (v); i++)
    g_free (v[i]);
}

static void
md_machine (GString * m, BenchConfig * cfg, BenchResults * r)
{
  static const gchar *facts[][2] = {
    {"date", "date"}, {"mode", "mode"}, {"cpu", "CPU (/proc/cpuinfo)"},
    {"nproc", "nproc"}, {"kernel", "kernel"}, {"gstreamer", "GStreamer"},
    {"watchdog", "watchdog from"}, {"plugin", "idlewatchdog plugin"},
    {"loadavg_at_start", "load at start"},
  };
  guint i;

  g_string_append (m, "## Machine and how to reproduce\n\n"
      "| | |\n|---|---|\n");
  for (i = 0; i < G_N_ELEMENTS (facts); i++) {
    const gchar *v = bench_results_get_fact (r, facts[i][0]);

    g_string_append_printf (m, "| %s | %s |\n", facts[i][1], v ? v : "?");
  }
  g_string_append_printf (m, "\nThis report came from `%s` "
      "(through `tests/bench/run.sh`). To reproduce, from the source tree:\n\n"
      "```\n"
      "bash tests/bench/run.sh            # full run, 20 to 50 minutes on 2 "
      "cores (sections 6 to 8 give up on what does not start or stop in "
      "time); rewrites this file\n"
      "bash tests/bench/run.sh --quick    # about two minutes, fewer "
      "repetitions, N = 1000 and 10,000 elements in chains only\n"
      "bash tests/bench/run.sh --sections flow,many,fan   # sections 6 to "
      "8 only\n"
      "meson test --benchmark -C build-bench -v   # the same full run as a "
      "meson benchmark (report in the build dir)\n"
      "```\n\n"
      "`run.sh` configures and builds `build-bench` if needed, runs "
      "`build-bench/tests/bench/idlewatchdog-bench --json "
      "build-bench/bench-results.json --doc docs/performance.md` with "
      "`GST_PLUGIN_PATH` on the build tree, and prints the summary. Every "
      "sample (and its median, quartiles, p99, min and max) is in the JSON "
      "file.\n\n", bench_results_get_fact (r, "command"));
}

/* What the per-buffer figures leave to explain: measured by hand (the
 * commands are in the text), not by this program */
#define PERBUF_NOTE \
  "What idlewatchdog does per buffer: two relaxed stores of counters, one " \
  "read of the monotonic time and two stores around the push (the " \
  "`blocked` flag); no lock, no allocation, no wake-up. On the system " \
  "clock (the clock of every pipeline without a clock provider, and the " \
  "one the element counts on for audio and network clocks too) it reads " \
  "CLOCK_MONOTONIC itself: measured here, `gst_clock_get_time()` costs " \
  "56-63 ns, `clock_gettime (CLOCK_MONOTONIC)` 32-38 ns and " \
  "`CLOCK_MONOTONIC_COARSE` 6-7 ns. The coarse clock is not used: on this " \
  "machine's kernel it lags the monotonic clock by 2.6 to 6.7 ms (20,000 " \
  "samples), more than the 4 ms resolution it reports, so a stamp from it " \
  "would make a timeout early by up to 6.7 ms, or, padded to be never " \
  "early, late by up to about 11 ms, against the 5 ms bound. What remains " \
  "natively is mostly the extra element hop every pass-through pays. By " \
  "callgrind (instructions of `gst-launch-1.0 fakesrc num-buffers=30000 ! " \
  "E ! fakesink sync=false` minus those of 10000 buffers, / 20000, minus " \
  "the same without E) idlewatchdog adds 533 instructions per buffer " \
  "against identity's 1274 (0.42x; 822 against 1466, 0.56x, before the " \
  "direct clock read and the shared timer).\n\n"

static void
md_perbuf (GString * m, BenchConfig * cfg, BenchResults * r)
{
  guint c, v;

  g_string_append_printf (m, "## 1. CPU time per buffer\n\n"
      "`fakesrc num-buffers=B ! [tee, 2 branches] ! K x element ! fakesink`, "
      "%u repetitions, each running bare, identity, watchdog and idlewatchdog "
      "back to back in a rotating order, each in a fresh process. CPU time is "
      "the process's (CLOCK_PROCESS_CPUTIME_ID: every thread, so the "
      "watchdog's own thread counts), of the steady state only: the first "
      "buffer prerolls, the second is held at fakesrc's pad until the "
      "pipeline is PLAYING (and 20 ms more), and the clocks run from its "
      "release to EOS. *Added* is (element run - bare run of the same "
      "repetition) / ((B - 1) x branches x K): nanoseconds one element adds "
      "to one buffer. *Start-up* is the CPU time of going from NULL to "
      "PLAYING, reported apart. Cells are median (min to max).\n\n",
      cfg->perbuf_reps);
  for (c = 0; c < bench_n_perbuf_cases; c++) {
    const BenchPerbufCase *pc = &bench_perbuf_cases[c];
    gchar *ri, *rw;
    gdouble id, wd, iw;

    if (isnan (medianf (r, "perbuf.%s.bare.cpu_ns_per_buffer", pc->id)))
      continue;
    g_string_append_printf (m, "**%s** (`%s`, B = %" G_GUINT64_FORMAT
        ")\n\n| element | pipeline CPU ns per source buffer | added CPU ns "
        "per buffer per element | added wall ns | start-up CPU ms |\n"
        "|---|---|---|---|---|\n",
        pc->label, pc->id, pc->buffers / cfg->buffer_divisor);
    for (v = 0; v < BENCH_N_VARIANTS; v++) {
      gchar *a, *b, *w, *st;

      if (!cfg->have[v])
        continue;
      a = cellf (r, TRUE, "perbuf.%s.%s.cpu_ns_per_buffer", pc->id,
          bench_variant_name (v));
      if (v == BENCH_BARE) {
        b = g_strdup ("(baseline)");
        w = g_strdup ("");
      } else {
        b = cellf (r, TRUE, "perbuf.%s.%s.added_cpu_ns", pc->id,
            bench_variant_name (v));
        w = cellf (r, TRUE, "perbuf.%s.%s.added_wall_ns", pc->id,
            bench_variant_name (v));
      }
      st = cellf (r, TRUE, "perbuf.%s.%s.start_cpu_ms", pc->id,
          bench_variant_name (v));
      g_string_append_printf (m, "| %s | %s | %s | %s | %s |\n",
          bench_variant_name (v), a, b, w, st);
      g_free (st);
      g_free (a);
      g_free (b);
      g_free (w);
    }
    id = medianf (r, "perbuf.%s.identity.added_cpu_ns", pc->id);
    wd = medianf (r, "perbuf.%s.watchdog.added_cpu_ns", pc->id);
    iw = medianf (r, "perbuf.%s.idlewatchdog.added_cpu_ns", pc->id);
    ri = fmt (iw / id);
    rw = fmt (iw / wd);
    g_string_append_printf (m, "\nidlewatchdog added / identity added = "
        "**%s**; idlewatchdog added / watchdog added = **%s**\n\n", ri, rw);
    g_free (ri);
    g_free (rw);
  }
  g_string_append (m, PERBUF_NOTE);
}

static void
md_scale (GString * m, BenchConfig * cfg, BenchResults * r)
{
  static const gchar *what[][2] = {
    {"threads_nopool", "Threads started (process threads after - before), "
          "not counting idle GLib pool workers"},
    {"threads", "All threads started, idle GLib pool workers included"},
    {"rss_kib", "Resident memory added (KiB, VmRSS after - before)"},
  };
  guint w, k, v;
  guint nmax = cfg->scale_n[cfg->n_scale_n - 1];

  g_string_append_printf (m, "## 2. Threads and memory against N\n\n"
      "N elements in min(N, 100) live pipelines (`videotestsrc is-live=true "
      "! 16x16 GRAY8 at 10/s ! N/pipelines x element ! fakesink`), all "
      "PLAYING for %u ms before /proc/self/status is read; each N and "
      "element in a fresh process, %u repetitions. Cells are median (min to "
      "max).\n\n", cfg->settle_ms, cfg->scale_reps);
  for (w = 0; w < G_N_ELEMENTS (what); w++) {
    g_string_append_printf (m, "**%s**\n\n| N |", what[w][1]);
    for (v = 0; v < BENCH_N_VARIANTS; v++)
      if (cfg->have[v])
        g_string_append_printf (m, " %s |", bench_variant_name (v));
    g_string_append (m, "\n|---|");
    for (v = 0; v < BENCH_N_VARIANTS; v++)
      if (cfg->have[v])
        g_string_append (m, "---|");
    g_string_append (m, "\n");
    for (k = 0; k < cfg->n_scale_n; k++) {
      g_string_append_printf (m, "| %u |", cfg->scale_n[k]);
      for (v = 0; v < BENCH_N_VARIANTS; v++) {
        gchar *c;

        if (!cfg->have[v])
          continue;
        c = cellf (r, TRUE, "scale.%u.%s.%s", cfg->scale_n[k],
            bench_variant_name (v), what[w][0]);
        g_string_append_printf (m, " %s |", c);
        g_free (c);
      }
      g_string_append (m, "\n");
    }
    g_string_append (m, "\n");
  }

  g_string_append (m, "idlewatchdog minus identity, threads (no pool "
      "workers):");
  for (k = 0; k < cfg->n_scale_n; k++) {
    gchar *d = fmt (medianf (r, "scale.%u.idlewatchdog.threads_nopool",
            cfg->scale_n[k]) - medianf (r, "scale.%u.identity.threads_nopool",
            cfg->scale_n[k]));

    g_string_append_printf (m, " %s at N = %u%s", d, cfg->scale_n[k],
        k + 1 < cfg->n_scale_n ? ";" : ".");
    g_free (d);
  }
  {
    gchar *d = fmt ((medianf (r, "scale.%u.idlewatchdog.rss_kib", nmax) -
            medianf (r, "scale.%u.identity.rss_kib", nmax)) / nmax);

    g_string_append_printf (m, " Resident memory per idlewatchdog beyond an "
        "identity, at N = %u: %s KiB.\n\n", nmax, d);
    g_free (d);
  }
  for (v = BENCH_IDENTITY; v < BENCH_N_VARIANTS; v++) {
    gchar *key = g_strdup_printf ("threads.1000.%s", bench_variant_name (v));
    const gchar *names = bench_results_get_fact (r, key);

    if (names && v != BENCH_WATCHDOG)
      g_string_append_printf (m, "- threads by name at N = 1000, %s: %s\n",
          bench_variant_name (v), names);
    g_free (key);
  }
  g_string_append (m, "\nidlewatchdog times with asynchronous single-shot "
      "waits on the pipeline clock. On the system clock these are served by "
      "the one `GstSystemClock` thread that GStreamer starts, once per "
      "process, on the first asynchronous wait; it is shared by every "
      "element and pipeline. The names above show whether that is the "
      "difference.\n\n");
}

static void
md_live (GString * m, BenchConfig * cfg, BenchResults * r)
{
  guint v;

  g_string_append_printf (m, "## 3. %u live streams, steady state\n\n"
      "Half video-like (`videotestsrc is-live=true`, 64x48 GRAY8 at 30 "
      "buffers/s), half audio-like (`audiotestsrc is-live=true "
      "wave=silence samplesperbuffer=480`, 48 kHz: 100 buffers/s), each `src "
      "! capsfilter ! element ! fakesink`, one element per stream (default "
      "timeout, 1000 ms). After %u ms of warm-up, CPU time and context "
      "switches (getrusage: voluntary + involuntary, all threads) over %u ms; "
      "%u repetitions, each in a fresh process. Cells are median (min to "
      "max).\n\n| element | CPU, %% of one core | context switches/s | "
      "threads |\n|---|---|---|---|\n", cfg->live_streams,
      cfg->live_warmup_ms, cfg->live_window_ms, cfg->live_reps);
  for (v = 0; v < BENCH_N_VARIANTS; v++) {
    gchar *a, *b, *c;

    if (!cfg->have[v])
      continue;
    a = cellf (r, TRUE, "live.%s.cpu_pct", bench_variant_name (v));
    b = cellf (r, TRUE, "live.%s.ctxsw_per_s", bench_variant_name (v));
    c = cellf (r, FALSE, "live.%s.threads", bench_variant_name (v));
    g_string_append_printf (m, "| %s | %s | %s | %s |\n",
        bench_variant_name (v), a, b, c);
    g_free (a);
    g_free (b);
    g_free (c);
  }
  {
    gdouble iw = bench_results_median (r, "live.idlewatchdog.ctxsw_per_s");
    gdouble id = bench_results_median (r, "live.identity.ctxsw_per_s");
    gchar *d = fmt (iw - id), *e = fmt ((iw - id) / cfg->live_streams);

    g_string_append_printf (m, "\nidlewatchdog minus identity: %s context "
        "switches/s, %s per element per second. The element itself starts no "
        "thread and wakes none per buffer; what it can add here are the "
        "expiries of its timer, served by the shared clock thread.\n\n", d, e);
    g_free (d);
    g_free (e);
  }
}

static void
md_timeout_row (GString * m, BenchResults * r, guint timeout_ms,
    BenchVariant v, const gchar * what, const gchar * label)
{
  gchar *key = g_strdup_printf ("timeout.%u.%s.%s", timeout_ms,
      bench_variant_name (v), what);
  gchar *mkey = g_strdup_printf ("timeout.%u.%s.missing", timeout_ms,
      bench_variant_name (v));
  BenchStats st;
  gchar a[64], b[64], c[64], d[64];

  if (bench_results_stats (r, key, &st)) {
    g_string_append_printf (m, "| %u | %s | %s | %u | %u | %s | %s | %s | %s "
        "| %u |\n", timeout_ms, bench_variant_name (v), label, st.n,
        count_of (r, mkey), bench_format (st.median, a, sizeof (a)),
        bench_format (st.p99, b, sizeof (b)),
        bench_format (st.max, c, sizeof (c)),
        bench_format (st.min, d, sizeof (d)), count_below (r, key, 0));
  }
  g_free (key);
  g_free (mkey);
}

static void
md_timeout (GString * m, BenchConfig * cfg, BenchResults * r)
{
  static const guint timeouts[] = { 100, 1000 };
  guint t;

  g_string_append_printf (m, "## 4. Timeout precision\n\n"
      "`appsrc is-live=true ! element timeout=T ! fakesink`: a first buffer "
      "is pushed and waited for (the streaming thread is then up and idle), "
      "then the known last buffer, and the monotonic time is taken right "
      "after its push returns; then silence. A sync bus handler takes the time the timeout reaches "
      "the bus (idlewatchdog: the `idle-watchdog-timeout` message; watchdog: "
      "its error). Lateness = bus time - (push time + T), in ms; it includes "
      "appsrc handing the buffer to its streaming thread. *From arrival* "
      "measures from a buffer probe on the element's sink pad instead; "
      "*silence field* is idlewatchdog's own `silence` minus T (pipeline "
      "clock). Runs go in batches of %u concurrent pipelines started 10 ms "
      "(T = 100) or 50 ms (T = 1000) apart, so their deadlines never "
      "coincide; batches alternate between the two elements, each in a fresh "
      "process. *Missing*: no timeout within T + 2 s.\n\n"
      "| T (ms) | element | measured | runs | missing | median | p99 | max | "
      "min | early (< 0) |\n|---|---|---|---|---|---|---|---|---|---|\n",
      cfg->batch_runs);
  for (t = 0; t < G_N_ELEMENTS (timeouts); t++) {
    md_timeout_row (m, r, timeouts[t], BENCH_IDLEWATCHDOG, "late_push_ms",
        "from push");
    md_timeout_row (m, r, timeouts[t], BENCH_IDLEWATCHDOG, "late_arrive_ms",
        "from arrival");
    md_timeout_row (m, r, timeouts[t], BENCH_IDLEWATCHDOG, "silence_over_ms",
        "silence field");
    if (cfg->have[BENCH_WATCHDOG]) {
      md_timeout_row (m, r, timeouts[t], BENCH_WATCHDOG, "late_push_ms",
          "from push");
      md_timeout_row (m, r, timeouts[t], BENCH_WATCHDOG, "late_arrive_ms",
          "from arrival");
    }
  }
  g_string_append (m, "\n");
}

static void
md_teardown (GString * m, BenchConfig * cfg, BenchResults * r)
{
  guint v;
  BenchStats st;
  gchar a[64], b[64], c[64];

  g_string_append (m, "## 5. Teardown and switch latencies\n\n"
      "Teardown: `appsrc is-live=true ! element timeout=1000 ! fakesink`, "
      "one buffer, 20 ms later (the timer pending) `gst_element_set_state "
      "(NULL)` is timed.\n\n| element | runs | median ms | p99 ms | max ms "
      "|\n|---|---|---|---|---|\n");
  for (v = 0; v < BENCH_N_VARIANTS; v++) {
    gchar *key = g_strdup_printf ("teardown.%s.teardown_ms",
        bench_variant_name (v));

    if (cfg->have[v] && bench_results_stats (r, key, &st))
      g_string_append_printf (m, "| %s | %u | %s | %s | %s |\n",
          bench_variant_name (v), st.n, bench_format (st.median, a, 64),
          bench_format (st.p99, b, 64), bench_format (st.max, c, 64));
    g_free (key);
  }
  g_string_append (m, "\nSwitch: two live appsrc `! input-selector ! "
      "idlewatchdog ! fakesink`; the time from setting `active-pad` to the "
      "`idle-watchdog-switch` message in a sync bus handler: ");
  if (bench_results_stats (r, "switch.switch_ms", &st)) {
    g_string_append_printf (m, "median %s ms, p99 %s ms, max %s ms over %u "
        "runs.\n\n", bench_format (st.median, a, 64),
        bench_format (st.p99, b, 64), bench_format (st.max, c, 64), st.n);
  } else if (bench_results_get (r, "switch.switch_na")) {
    g_string_append (m, "n/a: the element posted no idle-watchdog-switch "
        "message within 500 ms when this ran.\n\n");
  } else {
    g_string_append (m, "not measured.\n\n");
  }
}

gboolean
bench_report_markdown (BenchConfig * cfg, BenchResults * r,
    const BenchSummary * s, const gchar * path, const gchar * svg_name)
{
  GString *m = g_string_new (NULL);
  GError *error = NULL;
  gboolean ok;
  guint i;

  g_string_append (m, "# Performance\n\n"
      "<!-- Generated by tests/bench/run.sh (idlewatchdog-bench --doc). "
      "Edit tests/bench/bench-report.c, not this file. -->\n\n"
      "What `idlewatchdog` costs next to no element at all (*bare*), "
      "`identity` (the floor: one more element in the chain) and "
      "gst-plugins-bad's `watchdog`, all measured in the same run, "
      "interleaved, with several repetitions. The figures are this "
      "machine's; the ratios are what carries over.\n\n");
  md_summary (m, cfg, r, s);
  g_string_append_printf (m, "![Added CPU per buffer against chain length, "
      "and threads against N](%s)\n\n", svg_name);
  md_machine (m, cfg, r);
  md_perbuf (m, cfg, r);
  md_scale (m, cfg, r);
  md_live (m, cfg, r);
  md_timeout (m, cfg, r);
  md_teardown (m, cfg, r);
  bench_report_flow (m, cfg, r);
  if (r->failures->len) {
    g_string_append (m, "## Notes from this run\n\n");
    for (i = 0; i < r->failures->len; i++)
      g_string_append_printf (m, "- %s\n", (gchar *) r->failures->pdata[i]);
    g_string_append (m, "\n");
  }

  ok = g_file_set_contents (path, m->str, m->len, &error);
  if (!ok) {
    g_printerr ("idlewatchdog-bench: cannot write %s: %s\n", path,
        error->message);
    g_clear_error (&error);
  } else {
    g_printerr ("idlewatchdog-bench: report in %s\n", path);
  }
  g_string_free (m, TRUE);
  return ok;
}
