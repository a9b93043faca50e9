/* gst-idlewatchdog benchmarks: the suite (parent side) and its reports
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdio.h>

#include "bench-results.h"

G_BEGIN_DECLS

typedef struct
{
  const gchar *id;
  const gchar *label;
  guint64 buffers;              /* in a full run */
  guint size;                   /* 0: empty buffers */
  guint branches;
  guint chain;
} BenchPerbufCase;

extern const BenchPerbufCase bench_perbuf_cases[];
extern const guint bench_n_perbuf_cases;

typedef struct
{
  gboolean quick;
  gboolean have[BENCH_N_VARIANTS];
  gchar *command;               /* how this run was started, for the report */

  guint perbuf_reps;
  guint buffer_divisor;

  guint scale_reps;
  guint scale_n[8];
  guint n_scale_n;
  guint settle_ms;

  guint live_streams;
  guint live_reps;
  guint live_window_ms;
  guint live_warmup_ms;

  guint batch_runs;             /* concurrent pipelines per timeout batch */
  guint batches_100;
  guint batches_1000;

  guint teardown_chunks;
  guint teardown_runs;          /* per chunk */
  guint switch_runs;
} BenchConfig;

void bench_config_init (BenchConfig * cfg, gboolean quick);

void bench_suite_machine (BenchConfig * cfg, BenchResults * r);
void bench_suite_perbuf (BenchConfig * cfg, BenchResults * r);
void bench_suite_scale (BenchConfig * cfg, BenchResults * r);
void bench_suite_live (BenchConfig * cfg, BenchResults * r);
void bench_suite_timeout (BenchConfig * cfg, BenchResults * r);
void bench_suite_teardown (BenchConfig * cfg, BenchResults * r);

/* The headline figures, NAN when not measured */
typedef struct
{
  gdouble ratio_vs_identity;
  gdouble ratio_vs_watchdog;
  gdouble threads_added_per_1000;
  gdouble rss_kib_per_element;
  gdouble overshoot_median_ms;
  gdouble overshoot_max_ms;
  gdouble watchdog_overshoot_median_ms;
} BenchSummary;

void bench_summary_compute (BenchConfig * cfg, BenchResults * r,
    BenchSummary * s);
void bench_report_summary (const BenchSummary * s, FILE * out);
gboolean bench_report_json (BenchConfig * cfg, BenchResults * r,
    const BenchSummary * s, const gchar * path);
gboolean bench_report_markdown (BenchConfig * cfg, BenchResults * r,
    const BenchSummary * s, const gchar * path, const gchar * svg_name);
gboolean bench_report_svg (BenchConfig * cfg, BenchResults * r,
    const gchar * path);

/* "%.3f" with trailing zeros dropped, or "n/a" for NAN; returns @buf */
const gchar *bench_format (gdouble v, gchar * buf, gsize size);

G_END_DECLS
