/* gst-idlewatchdog benchmarks: the suite, run from the parent process
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every measurement runs in a fresh child process (the same program with
 * --child), so that one variant's threads, heap and clock thread never
 * colour another's figures. The variants of one repetition run back to
 * back, in an order that rotates between repetitions, so slow drifts of
 * the machine hit all of them alike; figures are paired within a
 * repetition (element minus bare of the same repetition).
 */
#include "bench-suite.h"

#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#define VIDEO_SIZE 1382400      /* one 1280x720 I420 frame */

const BenchPerbufCase bench_perbuf_cases[] = {
  {"empty", "empty buffers, single branch", 2000000, 0, 1, 1},
  {"empty-tee", "empty buffers, behind a 2-way tee", 1000000, 0, 2, 1},
  {"video", "1280x720 I420-sized buffers (1382400 bytes, not filled), "
        "single branch", 500000, VIDEO_SIZE, 1, 1},
  {"video-tee", "1280x720 I420-sized buffers, behind a 2-way tee", 250000,
      VIDEO_SIZE, 2, 1},
  {"chain10", "empty buffers, a chain of 10 elements", 100000, 0, 1, 10},
  {"chain100", "empty buffers, a chain of 100 elements", 10000, 0, 1, 100},
};

const guint bench_n_perbuf_cases = G_N_ELEMENTS (bench_perbuf_cases);

void
bench_config_init (BenchConfig * cfg, gboolean quick)
{
  guint v;

  memset (cfg, 0, sizeof (*cfg));
  cfg->quick = quick;
  for (v = 0; v < BENCH_N_VARIANTS; v++)
    cfg->have[v] = bench_variant_available (v);

  cfg->perbuf_reps = quick ? 3 : 5;
  cfg->buffer_divisor = quick ? 10 : 1;

  cfg->scale_reps = quick ? 2 : 3;
  cfg->scale_n[0] = 1;
  cfg->scale_n[1] = 100;
  cfg->scale_n[2] = 1000;
  cfg->scale_n[3] = 10000;
  cfg->n_scale_n = quick ? 3 : 4;
  cfg->settle_ms = quick ? 300 : 1000;

  cfg->live_streams = 100;
  cfg->live_reps = quick ? 2 : 3;
  cfg->live_window_ms = quick ? 1500 : 5000;
  cfg->live_warmup_ms = quick ? 500 : 1000;

  cfg->batch_runs = 10;
  cfg->batches_100 = quick ? 5 : 20;
  cfg->batches_1000 = quick ? 1 : 2;

  cfg->teardown_chunks = quick ? 1 : 3;
  cfg->teardown_runs = 10;
  cfg->switch_runs = quick ? 5 : 20;
  bench_config_init_flow (cfg, quick);
}

/* Frees the strings of a NULL-terminated array on the stack */
static void
free_args (gchar ** a)
{
  for (; *a; a++)
    g_free (*a);
}

/* The variants in the order of repetition @rep, unavailable ones left out */
static guint
rotation (BenchConfig * cfg, guint rep, BenchVariant * out)
{
  guint i, n = 0;

  for (i = 0; i < BENCH_N_VARIANTS; i++) {
    BenchVariant v = (rep + i) % BENCH_N_VARIANTS;

    if (cfg->have[v])
      out[n++] = v;
  }
  return n;
}

static gchar *
first_line_of (const gchar * path, const gchar * prefix)
{
  gchar *contents = NULL, **lines, *found = NULL;
  guint i;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (i = 0; lines[i] && !found; i++) {
    if (g_str_has_prefix (lines[i], prefix)) {
      gchar *colon = strchr (lines[i], ':');

      found = g_strdup (g_strstrip (colon ? colon + 1 : lines[i]));
    }
  }
  g_strfreev (lines);
  g_free (contents);
  return found;
}

void
bench_suite_machine (BenchConfig * cfg, BenchResults * r)
{
  struct utsname u;
  gchar *s, *load = NULL;
  GDateTime *now = g_date_time_new_now_utc ();
  GstPluginFeature *f;

  s = g_strdup_printf ("%u", g_get_num_processors ());
  bench_results_fact (r, "nproc", s);
  g_free (s);
  s = first_line_of ("/proc/cpuinfo", "model name");
  bench_results_fact (r, "cpu", s ? s : "unknown");
  g_free (s);
  if (uname (&u) == 0) {
    s = g_strdup_printf ("%s %s %s", u.sysname, u.release, u.machine);
    bench_results_fact (r, "kernel", s);
    g_free (s);
  }
  s = gst_version_string ();
  bench_results_fact (r, "gstreamer", s);
  g_free (s);
  f = gst_registry_lookup_feature (gst_registry_get (), "watchdog");
  if (f) {
    GstPlugin *p = gst_plugin_feature_get_plugin (f);

    s = g_strdup_printf ("%s %s", gst_plugin_get_source (p),
        gst_plugin_get_version (p));
    bench_results_fact (r, "watchdog", s);
    g_free (s);
    gst_object_unref (p);
    gst_object_unref (f);
  } else {
    bench_results_fact (r, "watchdog", "not installed");
  }
  f = gst_registry_lookup_feature (gst_registry_get (), "idlewatchdog");
  if (f) {
    GstPlugin *p = gst_plugin_feature_get_plugin (f);

    bench_results_fact (r, "plugin", gst_plugin_get_filename (p));
    gst_object_unref (p);
    gst_object_unref (f);
  }
  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    bench_results_fact (r, "loadavg_at_start", g_strstrip (load));
  g_free (load);
  s = g_date_time_format (now, "%Y-%m-%d %H:%M UTC");
  bench_results_fact (r, "date", s);
  g_free (s);
  g_date_time_unref (now);
  bench_results_fact (r, "mode", cfg->quick ? "quick" : "full");
  bench_results_fact (r, "command", cfg->command);
}

/* ------------------------------------------------------------------------ */
/* 1. CPU per buffer                                                        */

void
bench_suite_perbuf (BenchConfig * cfg, BenchResults * r)
{
  guint c, rep, i, reps = cfg->perbuf_reps;

  for (c = 0; c < bench_n_perbuf_cases; c++) {
    const BenchPerbufCase *pc = &bench_perbuf_cases[c];
    guint64 buffers = pc->buffers / cfg->buffer_divisor;
    gdouble cpu[16][BENCH_N_VARIANTS], wall[16][BENCH_N_VARIANTS];
    gdouble start[16][BENCH_N_VARIANTS];
    /* the first buffer prerolls before the clocks start */
    gdouble timed = (gdouble) buffers - 1;
    gdouble per = timed * pc->branches * pc->chain;

    g_printerr ("[perbuf] %s: %" G_GUINT64_FORMAT " buffers, %u reps\n",
        pc->id, buffers, reps);
    for (rep = 0; rep < reps && rep < 16; rep++) {
      BenchVariant order[BENCH_N_VARIANTS];
      guint n = rotation (cfg, rep, order);

      for (i = 0; i < n; i++) {
        gchar *a[6];
        GHashTable *out;

        a[0] = g_strdup_printf ("variant=%s", bench_variant_name (order[i]));
        a[1] = g_strdup_printf ("buffers=%" G_GUINT64_FORMAT, buffers);
        a[2] = g_strdup_printf ("size=%u", pc->size);
        a[3] = g_strdup_printf ("branches=%u", pc->branches);
        a[4] = g_strdup_printf ("chain=%u", pc->chain);
        a[5] = NULL;
        out = bench_child_run (r, "perbuf", (const gchar * const *) a, 300);
        cpu[rep][order[i]] = bench_child_value (out, "cpu_ns");
        wall[rep][order[i]] = bench_child_value (out, "wall_ns");
        start[rep][order[i]] = bench_child_value (out, "start_cpu_ns");
        if (out)
          g_hash_table_unref (out);
        free_args (a);
      }
    }

    /* paired within each repetition; failed runs (NAN) drop out */
    for (rep = 0; rep < reps && rep < 16; rep++) {
      for (i = BENCH_IDENTITY; i < BENCH_N_VARIANTS; i++) {
        gchar *key;

        if (!cfg->have[i] || isnan (cpu[rep][i]) ||
            isnan (cpu[rep][BENCH_BARE]))
          continue;
        key = g_strdup_printf ("perbuf.%s.%s.added_cpu_ns", pc->id,
            bench_variant_name (i));
        bench_results_add (r, key,
            (cpu[rep][i] - cpu[rep][BENCH_BARE]) / per);
        g_free (key);
        key = g_strdup_printf ("perbuf.%s.%s.added_wall_ns", pc->id,
            bench_variant_name (i));
        bench_results_add (r, key,
            (wall[rep][i] - wall[rep][BENCH_BARE]) / per);
        g_free (key);
      }
      for (i = 0; i < BENCH_N_VARIANTS; i++) {
        gchar *key;

        if (!cfg->have[i] || isnan (cpu[rep][i]))
          continue;
        key = g_strdup_printf ("perbuf.%s.%s.cpu_ns_per_buffer", pc->id,
            bench_variant_name (i));
        bench_results_add (r, key, cpu[rep][i] / timed);
        g_free (key);
        key = g_strdup_printf ("perbuf.%s.%s.start_cpu_ms", pc->id,
            bench_variant_name (i));
        bench_results_add (r, key, start[rep][i] / 1e6);
        g_free (key);
      }
    }
  }
}

/* ------------------------------------------------------------------------ */
/* 2. Threads and memory against N                                          */

/* Whether the machine allows @n more threads with some room to spare */
static gboolean
threads_allowed (guint n)
{
  struct rlimit rl;
  gchar *s = NULL;
  guint64 max = G_MAXUINT64;

  if (getrlimit (RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    max = rl.rlim_cur;
  if (g_file_get_contents ("/proc/sys/kernel/threads-max", &s, NULL, NULL))
    max = MIN (max, g_ascii_strtoull (s, NULL, 10));
  g_free (s);
  /* two mappings (stack and guard page) per thread */
  if (g_file_get_contents ("/proc/sys/vm/max_map_count", &s, NULL, NULL))
    max = MIN (max, g_ascii_strtoull (s, NULL, 10) / 2);
  g_free (s);
  return (guint64) n + 2000 < max;
}

/* Thread names and counts of the first repetition, kept as facts
 * ("threads.<N>.<variant>" -> "name x count, ...") */
static void
copy_thread_names (BenchResults * r, GHashTable * out, guint n,
    BenchVariant v)
{
  GString *s = g_string_new (NULL);
  GList *keys = g_hash_table_get_keys (out), *l;
  gchar *fact;

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (l = keys; l; l = l->next) {
    const gchar *k = l->data;

    if (g_str_has_prefix (k, "comm."))
      g_string_append_printf (s, "%s%s x %.0f", s->len ? ", " : "",
          k + 5, bench_child_value (out, k));
  }
  g_list_free (keys);
  fact = g_strdup_printf ("threads.%u.%s", n, bench_variant_name (v));
  bench_results_fact (r, fact, s->str);
  g_free (fact);
  g_string_free (s, TRUE);
}

void
bench_suite_scale (BenchConfig * cfg, BenchResults * r)
{
  guint rep, k, i;

  for (rep = 0; rep < cfg->scale_reps; rep++) {
    for (k = 0; k < cfg->n_scale_n; k++) {
      guint n = cfg->scale_n[k];
      BenchVariant order[BENCH_N_VARIANTS];
      guint nv = rotation (cfg, rep, order);

      g_printerr ("[scale] rep %u: N = %u\n", rep + 1, n);
      for (i = 0; i < nv; i++) {
        gchar *a[4], *key;
        GHashTable *out;

        if (order[i] == BENCH_WATCHDOG && !threads_allowed (n)) {
          if (rep == 0)
            g_ptr_array_add (r->failures, g_strdup_printf ("scale: "
                    "watchdog at N = %u skipped: the machine does not allow "
                    "that many threads", n));
          continue;
        }
        a[0] = g_strdup_printf ("variant=%s", bench_variant_name (order[i]));
        a[1] = g_strdup_printf ("n=%u", n);
        a[2] = g_strdup_printf ("settle_ms=%u", cfg->settle_ms);
        a[3] = NULL;
        out = bench_child_run (r, "scale", (const gchar * const *) a, 300);
        if (out) {
          key = g_strdup_printf ("scale.%u.%s.threads", n,
              bench_variant_name (order[i]));
          bench_results_add (r, key, bench_child_value (out, "threads"));
          g_free (key);
          key = g_strdup_printf ("scale.%u.%s.threads_nopool", n,
              bench_variant_name (order[i]));
          bench_results_add (r, key, bench_child_value (out,
                  "threads_nopool"));
          g_free (key);
          key = g_strdup_printf ("scale.%u.%s.rss_kib", n,
              bench_variant_name (order[i]));
          bench_results_add (r, key, bench_child_value (out, "rss_kib"));
          g_free (key);
          if (rep == 0)
            copy_thread_names (r, out, n, order[i]);
          key = g_strdup_printf ("scale.%u.%s.stop_ms", n,
              bench_variant_name (order[i]));
          bench_results_add (r, key, bench_child_value (out, "stop_ms"));
          g_free (key);
          g_hash_table_unref (out);
        }
        free_args (a);
      }
    }
  }
}

/* ------------------------------------------------------------------------ */
/* 3. Many live streams                                                     */

void
bench_suite_live (BenchConfig * cfg, BenchResults * r)
{
  guint rep, i;

  for (rep = 0; rep < cfg->live_reps; rep++) {
    BenchVariant order[BENCH_N_VARIANTS];
    guint nv = rotation (cfg, rep, order);

    g_printerr ("[live] rep %u: %u streams, %u ms window\n", rep + 1,
        cfg->live_streams, cfg->live_window_ms);
    for (i = 0; i < nv; i++) {
      gchar *a[5], *key;
      GHashTable *out;

      a[0] = g_strdup_printf ("variant=%s", bench_variant_name (order[i]));
      a[1] = g_strdup_printf ("streams=%u", cfg->live_streams);
      a[2] = g_strdup_printf ("window_ms=%u", cfg->live_window_ms);
      a[3] = g_strdup_printf ("warmup_ms=%u", cfg->live_warmup_ms);
      a[4] = NULL;
      out = bench_child_run (r, "live", (const gchar * const *) a, 120);
      if (out) {
        key = g_strdup_printf ("live.%s.cpu_pct",
            bench_variant_name (order[i]));
        bench_results_add (r, key, bench_child_value (out, "cpu_pct"));
        g_free (key);
        key = g_strdup_printf ("live.%s.ctxsw_per_s",
            bench_variant_name (order[i]));
        bench_results_add (r, key, bench_child_value (out, "ctxsw_per_s"));
        g_free (key);
        key = g_strdup_printf ("live.%s.threads",
            bench_variant_name (order[i]));
        bench_results_add (r, key, bench_child_value (out, "threads"));
        g_free (key);
        g_hash_table_unref (out);
      }
      free_args (a);
    }
  }
}

/* ------------------------------------------------------------------------ */
/* 4. Timeout precision                                                     */

static void
copy_values (BenchResults * r, GHashTable * out, const gchar * from,
    const gchar * prefix)
{
  GArray *a = bench_child_values (out, from);
  gchar *key = g_strdup_printf ("%s.%s", prefix, from);
  guint i;

  for (i = 0; a && i < a->len; i++)
    bench_results_add (r, key, g_array_index (a, gdouble, i));
  g_free (key);
}

static void
timeout_batches (BenchConfig * cfg, BenchResults * r, guint timeout_ms,
    guint batches, guint stagger_ms)
{
  static const BenchVariant which[] = { BENCH_WATCHDOG, BENCH_IDLEWATCHDOG };
  guint b, i;

  g_printerr ("[timeout] %u ms: %u batches of %u concurrent runs\n",
      timeout_ms, batches, cfg->batch_runs);
  for (b = 0; b < batches; b++) {
    for (i = 0; i < 2; i++) {
      BenchVariant v = which[(b + i) % 2];
      gchar *a[5], *prefix;
      GHashTable *out;

      if (!cfg->have[v])
        continue;
      a[0] = g_strdup_printf ("variant=%s", bench_variant_name (v));
      a[1] = g_strdup_printf ("timeout_ms=%u", timeout_ms);
      a[2] = g_strdup_printf ("runs=%u", cfg->batch_runs);
      a[3] = g_strdup_printf ("stagger_ms=%u", stagger_ms);
      a[4] = NULL;
      out = bench_child_run (r, "timeout", (const gchar * const *) a,
          timeout_ms / 1000 + 60);
      prefix = g_strdup_printf ("timeout.%u.%s", timeout_ms,
          bench_variant_name (v));
      if (out) {
        copy_values (r, out, "late_push_ms", prefix);
        copy_values (r, out, "late_arrive_ms", prefix);
        copy_values (r, out, "silence_over_ms", prefix);
        copy_values (r, out, "missing", prefix);
        g_hash_table_unref (out);
      } else {
        gchar *key = g_strdup_printf ("%s.failed_batches", prefix);

        bench_results_add (r, key, 1);
        g_free (key);
      }
      g_free (prefix);
      free_args (a);
    }
  }
}

void
bench_suite_timeout (BenchConfig * cfg, BenchResults * r)
{
  timeout_batches (cfg, r, 100, cfg->batches_100, 10);
  timeout_batches (cfg, r, 1000, cfg->batches_1000, 50);
}

/* ------------------------------------------------------------------------ */
/* 5. Teardown and switch latencies                                         */

void
bench_suite_teardown (BenchConfig * cfg, BenchResults * r)
{
  guint c, i;
  gchar *a[3];
  GHashTable *out;

  g_printerr ("[teardown] %u x %u runs per variant\n", cfg->teardown_chunks,
      cfg->teardown_runs);
  for (c = 0; c < cfg->teardown_chunks; c++) {
    BenchVariant order[BENCH_N_VARIANTS];
    guint nv = rotation (cfg, c, order);

    for (i = 0; i < nv; i++) {
      gchar *prefix;

      a[0] = g_strdup_printf ("variant=%s", bench_variant_name (order[i]));
      a[1] = g_strdup_printf ("runs=%u", cfg->teardown_runs);
      a[2] = NULL;
      out = bench_child_run (r, "teardown", (const gchar * const *) a, 120);
      prefix = g_strdup_printf ("teardown.%s", bench_variant_name (order[i]));
      if (out) {
        copy_values (r, out, "teardown_ms", prefix);
        g_hash_table_unref (out);
      }
      g_free (prefix);
      free_args (a);
    }
  }

  g_printerr ("[switch] %u runs\n", cfg->switch_runs);
  a[0] = g_strdup_printf ("runs=%u", cfg->switch_runs);
  a[1] = NULL;
  out = bench_child_run (r, "switch", (const gchar * const *) a, 120);
  if (out) {
    copy_values (r, out, "switch_ms", "switch");
    copy_values (r, out, "switch_na", "switch");
    g_hash_table_unref (out);
  }
  free_args (a);
}

/* ------------------------------------------------------------------------ */

void
bench_summary_compute (BenchConfig * cfg, BenchResults * r, BenchSummary * s)
{
  gdouble id = bench_results_median (r, "perbuf.empty.identity.added_cpu_ns");
  gdouble wd = bench_results_median (r, "perbuf.empty.watchdog.added_cpu_ns");
  gdouble iw =
      bench_results_median (r, "perbuf.empty.idlewatchdog.added_cpu_ns");
  guint nmax = cfg->scale_n[cfg->n_scale_n - 1];
  gchar *k_iw, *k_id;
  BenchStats st;

  s->ratio_vs_identity = iw / id;
  s->ratio_vs_watchdog = cfg->have[BENCH_WATCHDOG] ? iw / wd : NAN;
  s->threads_added_per_1000 =
      bench_results_median (r, "scale.1000.idlewatchdog.threads_nopool") -
      bench_results_median (r, "scale.1000.identity.threads_nopool");

  k_iw = g_strdup_printf ("scale.%u.idlewatchdog.rss_kib", nmax);
  k_id = g_strdup_printf ("scale.%u.identity.rss_kib", nmax);
  s->rss_kib_per_element = (bench_results_median (r, k_iw) -
      bench_results_median (r, k_id)) / nmax;
  g_free (k_iw);
  g_free (k_id);

  if (bench_results_stats (r, "timeout.100.idlewatchdog.late_push_ms", &st)) {
    s->overshoot_median_ms = st.median;
    s->overshoot_max_ms = st.max;
  } else {
    s->overshoot_median_ms = s->overshoot_max_ms = NAN;
  }
  s->watchdog_overshoot_median_ms =
      bench_results_median (r, "timeout.100.watchdog.late_push_ms");
  bench_summary_compute_flow (cfg, r, s);
}
