/* gst-idlewatchdog benchmarks
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* The elements compared side by side, in this order everywhere */
typedef enum
{
  BENCH_BARE,
  BENCH_IDENTITY,
  BENCH_WATCHDOG,
  BENCH_IDLEWATCHDOG,
  BENCH_N_VARIANTS
} BenchVariant;

const gchar *bench_variant_name (BenchVariant v);
gboolean bench_variant_from_name (const gchar * name, BenchVariant * v);
gboolean bench_variant_available (BenchVariant v);

/* A new instance of the variant's element, or NULL for BENCH_BARE.
 * Aborts the (child) process with a message if the factory is missing. */
GstElement *bench_make_element (BenchVariant v, const gchar * name);

/* Makes an element from a factory or exits the child with a clear error */
GstElement *bench_make (const gchar * factory, const gchar * name);

/* Links a chain of elements, exits with a clear error on failure */
void bench_link (GstElement * a, GstElement * b);

/* props is "name:value,name:value" (e.g. watch-switches:false); names the
 * element does not have are reported on stderr and skipped */
void bench_set_props (GstElement * e, const gchar * props);

/* Clocks, in nanoseconds */
guint64 bench_now_ns (void);
guint64 bench_cpu_ns (void);
void bench_sleep_ms (guint ms);

/* From /proc/self/status and getrusage */
gint bench_proc_threads (void);
gint64 bench_proc_rss_kib (void);
guint64 bench_ctx_switches (void);
/* Open file descriptors of the process, or -1 */
gint bench_proc_fds (void);
/* CPU time (user + system) of one thread of the process, from
 * /proc/self/task/<tid>/stat, in clock-tick resolution; 0 if it is gone */
guint64 bench_thread_cpu_ns (gint tid);
/* The threads of the process whose name (comm) starts with @prefix */
GArray *bench_threads_named (const gchar * prefix);
/* Raises RLIMIT_NOFILE of this process to @want if it may (a privileged
 * process may raise the hard limit too), else the soft limit to the hard
 * one; returns the soft limit now in force */
guint64 bench_raise_nofile (guint64 want);
/* How many more threads the machine allows now, with a margin left for
 * everyone else: the least of pid_max and threads-max minus the threads
 * running system-wide, RLIMIT_NPROC and max_map_count / 2 */
guint64 bench_threads_room (void);

/* Order statistics of a sample (nearest-rank percentiles) */
typedef struct
{
  guint n;
  gdouble median;
  gdouble p25;
  gdouble p75;
  gdouble p99;
  gdouble min;
  gdouble max;
} BenchStats;

gboolean bench_stats_compute (const gdouble * values, guint n,
    BenchStats * stats);

/* Child arguments are "key=value" words */
guint64 bench_arg_uint (gint argc, gchar ** argv, const gchar * key,
    guint64 def);
const gchar *bench_arg_str (gint argc, gchar ** argv, const gchar * key);
BenchVariant bench_arg_variant (gint argc, gchar ** argv);

/* Child results are printed one "key value" pair per line */
void bench_emit (const gchar * key, gdouble value);

/* Waits for EOS (TRUE) or an error/timeout (FALSE, with a message) */
gboolean bench_wait_eos (GstElement * pipeline, guint64 timeout_ns);

/* Sets a state and waits for it; exits the child with a message on failure */
void bench_set_state (GstElement * pipeline, GstState state);

G_END_DECLS
