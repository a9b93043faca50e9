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

  /* while data flows (flow), discovery (fan), 100,000 elements (many) */
  guint flow_n[8];
  guint n_flow_n;
  guint flow_chain;             /* elements per pipeline, chained layout */
  guint flow_reps;
  guint flow_window_ms;
  guint flow_warmup_ms;
  guint flow_timeout_ms;
  guint flow_stop_permille;
  guint flow_play_timeout_s;
  guint flow_teardown_timeout_s;
  guint flow_watchdog_max;      /* gst-plugins-bad watchdog only up to N */
  guint many_n;                 /* 0: skipped */
  guint many_chain;
  guint many_play_timeout_s;
  guint fan_branches;
  guint fan_reps;
} BenchConfig;

/* The layouts of the flow section: one element per pipeline, or chains */
#define BENCH_FLOW_PIPES "pipes"
#define BENCH_FLOW_CHAIN "chain"

void bench_config_init (BenchConfig * cfg, gboolean quick);

void bench_suite_machine (BenchConfig * cfg, BenchResults * r);
void bench_suite_perbuf (BenchConfig * cfg, BenchResults * r);
void bench_suite_scale (BenchConfig * cfg, BenchResults * r);
void bench_suite_live (BenchConfig * cfg, BenchResults * r);
void bench_suite_timeout (BenchConfig * cfg, BenchResults * r);
void bench_suite_teardown (BenchConfig * cfg, BenchResults * r);
void bench_suite_flow (BenchConfig * cfg, BenchResults * r);
void bench_suite_fan (BenchConfig * cfg, BenchResults * r);
void bench_suite_many (BenchConfig * cfg, BenchResults * r);
/* Sets the flow, fan and many defaults (bench_config_init calls it) */
void bench_config_init_flow (BenchConfig * cfg, gboolean quick);

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
  /* issue 10, at the largest N of the flow section, pipes layout */
  guint flow_n;
  gdouble clock_cpu_pct;
  gdouble false_timeouts;
  gdouble late_max_ms;
  gdouble stall_max_ms;
  gdouble identity_stall_max_ms;
  gdouble play_ratio;           /* idlewatchdog / identity */
  gdouble teardown_ratio;
  gdouble rss_kib_pipes;        /* per element beyond identity */
  gdouble rss_kib_chain;
  gdouble fan_play_ratio;
  gdouble many_ok;              /* 1: reached PLAYING, exact timeouts */
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
void bench_summary_compute_flow (BenchConfig * cfg, BenchResults * r,
    BenchSummary * s);
void bench_report_flow (GString * m, BenchConfig * cfg, BenchResults * r);

/* "%.3f" with trailing zeros dropped, or "n/a" for NAN; returns @buf */
const gchar *bench_format (gdouble v, gchar * buf, gsize size);

G_END_DECLS
