/* gst-idlewatchdog benchmarks: going to PLAYING with many branches
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One run: <reps> times (after one untimed warm-up) a pipeline of
 * <branches> branches, each with one element, is built, taken from NULL to
 * PLAYING (play_ms: set_state until get_state returns PLAYING) and back to
 * NULL (stop_ms), and freed. The live sources are
 * videotestsrc is-live=true ! GRAY8 2x2 at 2/1, then
 *   src ! tee ! branches x (queue ! element ! fakesink async=false)
 * (Fan-in through a funnel of 100 such live sources is not here: with
 * identity as well it hangs in GStreamer 1.22 on the way to PLAYING, the
 * sink prerolling under the funnel's stream lock.)
 */
#include "bench-sections.h"

#include <string.h>

static GstElement *
make_source (GstBin * bin)
{
  GstElement *src = bench_make ("videotestsrc", NULL);
  GstElement *filter = bench_make ("capsfilter", NULL);
  GstCaps *caps = gst_caps_from_string ("video/x-raw,format=GRAY8,width=2,"
      "height=2,framerate=2/1");

  g_object_set (src, "is-live", TRUE, NULL);
  gst_util_set_object_arg (G_OBJECT (src), "pattern", "black");
  g_object_set (filter, "caps", caps, NULL);
  gst_caps_unref (caps);
  gst_bin_add_many (bin, src, filter, NULL);
  bench_link (src, filter);
  return filter;
}

/* @from ! [queue !] element ! @to (a new fakesink if @to is NULL) */
static void
add_branch (GstBin * bin, BenchVariant v, GstElement * from, gboolean queue,
    GstElement * to, guint timeout_ms)
{
  GstElement *prev = from, *e;

  if (queue) {
    GstElement *q = bench_make ("queue", NULL);

    gst_bin_add (bin, q);
    bench_link (prev, q);
    prev = q;
  }
  e = bench_make_element (v, NULL);
  if (e) {
    if (v == BENCH_IDLEWATCHDOG || v == BENCH_WATCHDOG)
      g_object_set (e, "timeout", timeout_ms, NULL);
    gst_bin_add (bin, e);
    bench_link (prev, e);
    prev = e;
  }
  if (to == NULL) {
    to = bench_make ("fakesink", NULL);
    /* behind a tee, a sink must not hold the others' preroll */
    g_object_set (to, "async", FALSE, NULL);
    gst_bin_add (bin, to);
  }
  bench_link (prev, to);
}

static GstElement *
make_fan (BenchVariant v, guint branches, guint timeout_ms)
{
  GstElement *pipeline = gst_pipeline_new (NULL);
  GstBin *bin = GST_BIN (pipeline);
  GstElement *tee = bench_make ("tee", NULL);
  guint i;

  gst_bin_add (bin, tee);
  bench_link (make_source (bin), tee);
  for (i = 0; i < branches; i++)
    add_branch (bin, v, tee, TRUE, NULL, timeout_ms);
  return pipeline;
}

gint
bench_fan_main (gint argc, gchar ** argv)
{
  BenchVariant v = bench_arg_variant (argc, argv);
  guint branches = bench_arg_uint (argc, argv, "branches", 100);
  guint reps = bench_arg_uint (argc, argv, "reps", 10);
  guint timeout_ms = bench_arg_uint (argc, argv, "timeout_ms", 2000);
  guint i;

  if (branches < 1 || branches > 10000 || reps < 1 || reps > 10000) {
    g_printerr ("idlewatchdog-bench: branches and reps must be 1..10000\n");
    return 2;
  }
  for (i = 0; i <= reps; i++) {
    GstElement *pipeline = make_fan (v, branches, timeout_ms);
    guint64 t0, t1, t2;

    t0 = bench_now_ns ();
    bench_set_state (pipeline, GST_STATE_PLAYING);
    t1 = bench_now_ns ();
    bench_set_state (pipeline, GST_STATE_NULL);
    t2 = bench_now_ns ();
    gst_object_unref (pipeline);
    /* the first one loads plugins and warms caches */
    if (i == 0)
      continue;
    bench_emit ("play_ms", (t1 - t0) / 1e6);
    bench_emit ("stop_ms", (t2 - t1) / 1e6);
  }
  return 0;
}
