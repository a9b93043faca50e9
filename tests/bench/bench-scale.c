/* gst-idlewatchdog benchmarks: threads and memory of N instances
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One run: min(N, 100) live pipelines, each
 * videotestsrc is-live=true ! video/x-raw,GRAY8,16x16,10/1 !
 * <N / pipelines> x element ! fakesink, all PLAYING; the threads and the
 * resident memory of the process are read from /proc/self/status before
 * building them and after they have run for a while.
 */
#include "bench-sections.h"

#include <string.h>

#define MAX_PIPELINES 100

static GstElement *
make_pipeline (BenchVariant v, guint index, guint chain, const gchar * props)
{
  gchar *name = g_strdup_printf ("scale%u", index);
  GstElement *pipeline = gst_pipeline_new (name);
  GstElement *src, *filter, *prev, *sink;
  GstCaps *caps;
  guint i;

  g_free (name);
  src = bench_make ("videotestsrc", NULL);
  g_object_set (src, "is-live", TRUE, NULL);
  gst_util_set_object_arg (G_OBJECT (src), "pattern", "black");
  filter = bench_make ("capsfilter", NULL);
  caps = gst_caps_from_string ("video/x-raw,format=GRAY8,width=16,height=16,"
      "framerate=10/1");
  g_object_set (filter, "caps", caps, NULL);
  gst_caps_unref (caps);
  sink = bench_make ("fakesink", NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, filter, NULL);
  bench_link (src, filter);
  prev = filter;
  for (i = 0; i < chain; i++) {
    GstElement *e = bench_make_element (v, NULL);

    if (e == NULL)
      break;
    if (props)
      bench_set_props (e, props);
    gst_bin_add (GST_BIN (pipeline), e);
    bench_link (prev, e);
    prev = e;
  }
  gst_bin_add (GST_BIN (pipeline), sink);
  bench_link (prev, sink);
  return pipeline;
}

/* "comm.<thread name> <count>" for every thread of the process, so that
 * the report can say which threads an element adds. Returns how many are
 * idle GLib thread-pool workers ("pool-<program>": GstTaskPool and
 * gst_element_call_async threads between jobs, which GLib keeps for a while
 * and whose number drifts from run to run). */
static guint
emit_thread_names (void)
{
  guint pool = 0;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, NULL);
  GDir *dir = g_dir_open ("/proc/self/task", 0, NULL);
  const gchar *tid;
  GHashTableIter iter;
  gpointer key, value;

  while (dir && (tid = g_dir_read_name (dir))) {
    gchar *path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
    gchar *comm = NULL;

    if (g_file_get_contents (path, &comm, NULL, NULL)) {
      /* "videotestsrc12:src" and "videotestsrc3:s" count as one name */
      gchar *name = g_strstrip (comm);
      guint n;

      name[strcspn (name, "0123456789: \t")] = '\0';
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
      if (g_str_has_prefix (name, "pool-"))
        pool++;
      g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (n + 1));
    }
    g_free (comm);
    g_free (path);
  }
  if (dir)
    g_dir_close (dir);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    gchar *k = g_strconcat ("comm.", (gchar *) key, NULL);

    bench_emit (k, GPOINTER_TO_UINT (value));
    g_free (k);
  }
  g_hash_table_unref (counts);
  return pool;
}

gint
bench_scale_main (gint argc, gchar ** argv)
{
  BenchVariant v = bench_arg_variant (argc, argv);
  guint n = bench_arg_uint (argc, argv, "n", 1);
  guint settle_ms = bench_arg_uint (argc, argv, "settle_ms", 1000);
  const gchar *props = bench_arg_str (argc, argv, "props");
  guint npipes, i, made = 0, pool;
  GstElement **pipes;
  gint threads0, threads1;
  gint64 rss0, rss1;
  guint64 t0, t1;

  if (n < 1 || n > 1000000) {
    g_printerr ("idlewatchdog-bench: n must be 1..1000000\n");
    return 2;
  }
  npipes = MIN (n, MAX_PIPELINES);
  pipes = g_new0 (GstElement *, npipes);

  threads0 = bench_proc_threads ();
  rss0 = bench_proc_rss_kib ();

  t0 = bench_now_ns ();
  for (i = 0; i < npipes; i++) {
    /* spread the remainder so that exactly n elements exist */
    guint chain = n / npipes + (i < n % npipes ? 1 : 0);

    pipes[i] = make_pipeline (v, i, chain, props);
    made += chain;
  }
  for (i = 0; i < npipes; i++) {
    if (gst_element_set_state (pipes[i], GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE) {
      g_printerr ("idlewatchdog-bench: pipeline %u failed to start\n", i);
      return 3;
    }
  }
  for (i = 0; i < npipes; i++) {
    GstState state;

    if (gst_element_get_state (pipes[i], &state, NULL, 30 * GST_SECOND) ==
        GST_STATE_CHANGE_FAILURE || state != GST_STATE_PLAYING) {
      g_printerr ("idlewatchdog-bench: pipeline %u is not PLAYING\n", i);
      return 3;
    }
  }
  t1 = bench_now_ns ();
  bench_sleep_ms (settle_ms);

  threads1 = bench_proc_threads ();
  rss1 = bench_proc_rss_kib ();

  pool = emit_thread_names ();
  bench_emit ("elements", v == BENCH_BARE ? 0 : made);
  bench_emit ("pipelines", npipes);
  bench_emit ("threads", threads1 - threads0);
  bench_emit ("threads_nopool", threads1 - threads0 - (gint) pool);
  bench_emit ("rss_kib", (gdouble) (rss1 - rss0));
  bench_emit ("startup_ms", (t1 - t0) / 1e6);

  t0 = bench_now_ns ();
  for (i = 0; i < npipes; i++) {
    bench_set_state (pipes[i], GST_STATE_NULL);
    gst_object_unref (pipes[i]);
  }
  t1 = bench_now_ns ();
  bench_emit ("stop_ms", (t1 - t0) / 1e6);
  g_free (pipes);
  return 0;
}
