/* gst-idlewatchdog benchmarks: the samples of a run and how to get them
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "bench-util.h"

G_BEGIN_DECLS

/* Named samples ("perbuf.empty.identity.added_cpu_ns" -> values), kept in
 * the order they were first added, plus named text facts (machine, config) */
typedef struct
{
  GHashTable *samples;          /* key -> GArray of gdouble */
  GPtrArray *order;             /* keys, first-added first */
  GHashTable *facts;            /* key -> string */
  GPtrArray *fact_order;
  GPtrArray *failures;          /* one line per failed child run */
} BenchResults;

BenchResults *bench_results_new (void);
void bench_results_free (BenchResults * r);
void bench_results_add (BenchResults * r, const gchar * key, gdouble value);
GArray *bench_results_get (BenchResults * r, const gchar * key);
/* FALSE (and zeroed stats) if there is no sample under @key */
gboolean bench_results_stats (BenchResults * r, const gchar * key,
    BenchStats * stats);
/* The median, or NAN */
gdouble bench_results_median (BenchResults * r, const gchar * key);
void bench_results_fact (BenchResults * r, const gchar * key,
    const gchar * value);
const gchar *bench_results_get_fact (BenchResults * r, const gchar * key);

/* Runs "<self> --child <section> args..." and collects its "key value"
 * lines (key -> GArray of gdouble). NULL, with a line added to the
 * failures, if it fails or outlives @timeout_s (it is then killed). */
GHashTable *bench_child_run (BenchResults * r, const gchar * section,
    const gchar * const *args, guint timeout_s);
gdouble bench_child_value (GHashTable * out, const gchar * key);
GArray *bench_child_values (GHashTable * out, const gchar * key);

G_END_DECLS
