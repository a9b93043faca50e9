/* gst-idlewatchdog benchmarks: the scale runs while data flows (parent side)
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * flow: N elements, one per live pipeline (pipes) or in chains of
 * flow_chain (chain), for identity, idlewatchdog, idlewatchdog with
 * watch-switches=false and (up to flow_watchdog_max) watchdog, each run in a
 * fresh child (bench-flow.c). Every line a child prints is kept as
 * flow.<layout>.<N>.<flavour>.<key>.
 * many: many_n elements in chains of many_chain, every source stopped:
 * many.<flavour>.<key>.
 * fan: a live source teed into fan_branches branches, one element each:
 * fan.<variant>.<key>.
 */
#include "bench-suite.h"

#include <math.h>
#include <string.h>

typedef struct
{
  const gchar *name;
  BenchVariant variant;
  const gchar *props;
  gboolean short_window;        /* measured for memory and start-up only */
} Flavour;

static const Flavour flavours[] = {
  {"identity", BENCH_IDENTITY, NULL, FALSE},
  {"idlewatchdog", BENCH_IDLEWATCHDOG, NULL, FALSE},
  {"idlewatchdog_noswitch", BENCH_IDLEWATCHDOG, "watch-switches:false", TRUE},
  {"watchdog", BENCH_WATCHDOG, NULL, FALSE},
};

void
bench_config_init_flow (BenchConfig * cfg, gboolean quick)
{
  cfg->flow_n[0] = 1000;
  cfg->flow_n[1] = 5000;
  cfg->flow_n[2] = 10000;
  cfg->n_flow_n = quick ? 1 : 3;
  cfg->flow_chain = 100;
  cfg->flow_reps = 1;
  cfg->flow_window_ms = quick ? 5000 : 10000;
  cfg->flow_warmup_ms = quick ? 1000 : 2000;
  cfg->flow_timeout_ms = 2000;
  cfg->flow_stop_permille = 10;
  cfg->flow_play_timeout_s = quick ? 60 : 180;
  cfg->flow_teardown_timeout_s = quick ? 60 : 120;
  cfg->flow_watchdog_max = 1000;
  cfg->many_n = quick ? 10000 : 100000;
  cfg->many_chain = 100;
  cfg->many_play_timeout_s = quick ? 60 : 300;
  cfg->fan_branches = 100;
  cfg->fan_reps = quick ? 5 : 10;
}

static void
free_args (GPtrArray * a)
{
  g_ptr_array_unref (a);
}

/* Keeps every "key value" line of a child under @prefix; notes a phase the
 * child gave up on */
static void
keep_all (BenchResults * r, GHashTable * out, const gchar * prefix)
{
  GList *keys = g_hash_table_get_keys (out), *l;

  /* in a stable order, for the JSON file */
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (l = keys; l; l = l->next) {
    GArray *a = g_hash_table_lookup (out, l->data);
    gchar *k = g_strdup_printf ("%s.%s", prefix, (gchar *) l->data);
    guint i;

    for (i = 0; i < a->len; i++)
      bench_results_add (r, k, g_array_index (a, gdouble, i));
    g_free (k);
  }
  g_list_free (keys);
  if (!isnan (bench_child_value (out, "play_gave_up")))
    g_ptr_array_add (r->failures, g_strdup_printf ("%s: did not reach "
            "PLAYING in %.0f s (%.0f of %.0f pipelines did)", prefix,
            bench_child_value (out, "play_gave_up_ms") / 1000,
            bench_child_value (out, "play_done"),
            bench_child_value (out, "pipelines")));
  if (!isnan (bench_child_value (out, "teardown_gave_up")))
    g_ptr_array_add (r->failures, g_strdup_printf ("%s: teardown not done in "
            "%.0f s (%.0f of %.0f pipelines were)", prefix,
            bench_child_value (out, "teardown_gave_up_ms") / 1000,
            bench_child_value (out, "teardown_done"),
            bench_child_value (out, "pipelines")));
}

static GPtrArray *
flow_args (BenchConfig * cfg, const Flavour * f, guint n, guint chain,
    guint stop_permille, guint play_timeout_s)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (a, g_strdup_printf ("variant=%s",
          bench_variant_name (f->variant)));
  g_ptr_array_add (a, g_strdup_printf ("n=%u", n));
  g_ptr_array_add (a, g_strdup_printf ("chain=%u", chain));
  g_ptr_array_add (a, g_strdup_printf ("timeout_ms=%u", cfg->flow_timeout_ms));
  g_ptr_array_add (a, g_strdup_printf ("warmup_ms=%u", cfg->flow_warmup_ms));
  g_ptr_array_add (a, g_strdup_printf ("window_ms=%u", f->short_window ?
          MIN (cfg->flow_window_ms, 2000) : cfg->flow_window_ms));
  g_ptr_array_add (a, g_strdup_printf ("stop_permille=%u", f->short_window ?
          0 : stop_permille));
  g_ptr_array_add (a, g_strdup_printf ("play_timeout_s=%u", play_timeout_s));
  g_ptr_array_add (a, g_strdup_printf ("teardown_timeout_s=%u",
          cfg->flow_teardown_timeout_s));
  if (f->props)
    g_ptr_array_add (a, g_strdup_printf ("props=%s", f->props));
  g_ptr_array_add (a, NULL);
  return a;
}

static guint
child_timeout (BenchConfig * cfg, guint n, guint play_timeout_s)
{
  /* building takes about 0.1 s per 1000 pipelines; windows and grace */
  return play_timeout_s + cfg->flow_teardown_timeout_s + n / 5000 +
      (cfg->flow_warmup_ms + 2 * cfg->flow_window_ms +
      cfg->flow_timeout_ms) / 1000 + 60;
}

void
bench_suite_flow (BenchConfig * cfg, BenchResults * r)
{
  static const gchar *layouts[] = { BENCH_FLOW_PIPES, BENCH_FLOW_CHAIN };
  guint rep, l, k, i;

  for (rep = 0; rep < cfg->flow_reps; rep++) {
    for (l = 0; l < G_N_ELEMENTS (layouts); l++) {
      for (k = 0; k < cfg->n_flow_n; k++) {
        guint n = cfg->flow_n[k];
        guint chain = l == 0 ? 1 : cfg->flow_chain;

        for (i = 0; i < G_N_ELEMENTS (flavours); i++) {
          const Flavour *f = &flavours[(i + rep) % G_N_ELEMENTS (flavours)];
          GPtrArray *a;
          GHashTable *out;
          gchar *prefix;

          if (!cfg->have[f->variant])
            continue;
          if (f->variant == BENCH_WATCHDOG && n > cfg->flow_watchdog_max)
            continue;
          g_printerr ("[flow] rep %u: %s, N = %u, %s\n", rep + 1, layouts[l],
              n, f->name);
          a = flow_args (cfg, f, n, chain, cfg->flow_stop_permille,
              cfg->flow_play_timeout_s);
          out = bench_child_run (r, "flow", (const gchar * const *) a->pdata,
              child_timeout (cfg, n, cfg->flow_play_timeout_s));
          prefix = g_strdup_printf ("flow.%s.%u.%s", layouts[l], n, f->name);
          if (out) {
            keep_all (r, out, prefix);
            g_hash_table_unref (out);
          }
          g_free (prefix);
          free_args (a);
        }
      }
    }
  }
}

void
bench_suite_many (BenchConfig * cfg, BenchResults * r)
{
  guint i;

  if (cfg->many_n == 0)
    return;
  for (i = 0; i < 2; i++) {
    const Flavour *f = &flavours[i];
    GPtrArray *a;
    GHashTable *out;
    gchar *prefix;

    g_printerr ("[many] %u elements in chains of %u, %s\n", cfg->many_n,
        cfg->many_chain, f->name);
    a = flow_args (cfg, f, cfg->many_n, cfg->many_chain, 1000,
        cfg->many_play_timeout_s);
    out = bench_child_run (r, "flow", (const gchar * const *) a->pdata,
        child_timeout (cfg, cfg->many_n, cfg->many_play_timeout_s));
    prefix = g_strdup_printf ("many.%s", f->name);
    if (out) {
      keep_all (r, out, prefix);
      g_hash_table_unref (out);
    }
    g_free (prefix);
    free_args (a);
  }
}

void
bench_suite_fan (BenchConfig * cfg, BenchResults * r)
{
  guint round, i, rounds = cfg->quick ? 1 : 3;

  g_printerr ("[fan] %u branches, %u x %u runs per element\n",
      cfg->fan_branches, rounds, cfg->fan_reps);
  for (round = 0; round < rounds; round++) {
    for (i = 0; i < BENCH_N_VARIANTS; i++) {
      BenchVariant v = (round + i) % BENCH_N_VARIANTS;
      GPtrArray *a;
      GHashTable *out;
      gchar *prefix;

      if (!cfg->have[v])
        continue;
      a = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (a, g_strdup_printf ("variant=%s",
              bench_variant_name (v)));
      g_ptr_array_add (a, g_strdup_printf ("branches=%u", cfg->fan_branches));
      g_ptr_array_add (a, g_strdup_printf ("reps=%u", cfg->fan_reps));
      g_ptr_array_add (a, NULL);
      out = bench_child_run (r, "fan", (const gchar * const *) a->pdata, 300);
      prefix = g_strdup_printf ("fan.%s", bench_variant_name (v));
      if (out) {
        keep_all (r, out, prefix);
        g_hash_table_unref (out);
      }
      g_free (prefix);
      free_args (a);
    }
  }
}

/* ------------------------------------------------------------------------ */

static gdouble
med (BenchResults * r, const gchar * layout, guint n, const gchar * flavour,
    const gchar * key)
{
  gchar *k = g_strdup_printf ("flow.%s.%u.%s.%s", layout, n, flavour, key);
  gdouble v = bench_results_median (r, k);

  g_free (k);
  return v;
}

/* The sum (or the largest) of @key over every idlewatchdog flow run */
static gdouble
over_all (BenchResults * r, const gchar * key, gboolean largest)
{
  gdouble acc = NAN;
  guint i, k;

  for (i = 0; i < r->order->len; i++) {
    const gchar *name = r->order->pdata[i];
    GArray *a;

    if (!g_str_has_prefix (name, "flow.") || !g_str_has_suffix (name, key) ||
        !strstr (name, ".idlewatchdog."))
      continue;
    a = bench_results_get (r, name);
    for (k = 0; k < a->len; k++) {
      gdouble v = g_array_index (a, gdouble, k);

      if (isnan (acc))
        acc = v;
      else
        acc = largest ? MAX (acc, v) : acc + v;
    }
  }
  return acc;
}

void
bench_summary_compute_flow (BenchConfig * cfg, BenchResults * r,
    BenchSummary * s)
{
  guint n = cfg->flow_n[cfg->n_flow_n - 1];
  gdouble exp, got;

  s->flow_n = n;
  s->clock_cpu_pct = med (r, BENCH_FLOW_PIPES, n, "idlewatchdog",
      "clock_cpu_pct");
  s->false_timeouts = over_all (r, ".false_timeouts", FALSE);
  s->late_max_ms = over_all (r, ".late_max_ms", TRUE);
  s->stall_max_ms = med (r, BENCH_FLOW_PIPES, n, "idlewatchdog",
      "stall_max_ms");
  s->identity_stall_max_ms = med (r, BENCH_FLOW_PIPES, n, "identity",
      "stall_max_ms");
  s->play_ratio = med (r, BENCH_FLOW_PIPES, n, "idlewatchdog", "play_ms") /
      med (r, BENCH_FLOW_PIPES, n, "identity", "play_ms");
  s->teardown_ratio = med (r, BENCH_FLOW_PIPES, n, "idlewatchdog",
      "stop_ms") / med (r, BENCH_FLOW_PIPES, n, "identity", "stop_ms");
  s->rss_kib_pipes = (med (r, BENCH_FLOW_PIPES, n, "idlewatchdog",
          "rss_kib") - med (r, BENCH_FLOW_PIPES, n, "identity",
          "rss_kib")) / n;
  s->rss_kib_chain = (med (r, BENCH_FLOW_CHAIN, n, "idlewatchdog",
          "rss_kib") - med (r, BENCH_FLOW_CHAIN, n, "identity",
          "rss_kib")) / n;
  s->fan_play_ratio = bench_results_median (r, "fan.idlewatchdog.play_ms") /
      bench_results_median (r, "fan.identity.play_ms");

  exp = bench_results_median (r, "many.idlewatchdog.expected_timeouts");
  got = bench_results_median (r, "many.idlewatchdog.timeouts_on_time");
  if (bench_results_get (r, "many.idlewatchdog.play_gave_up"))
    s->many_ok = 0;
  else if (isnan (exp))
    s->many_ok = NAN;
  else
    s->many_ok = exp == cfg->many_n && got == exp &&
        bench_results_median (r, "many.idlewatchdog.false_timeouts") == 0 &&
        bench_results_median (r, "many.idlewatchdog.duplicate_timeouts") == 0;
}
