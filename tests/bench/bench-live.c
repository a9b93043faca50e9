/* gst-idlewatchdog benchmarks: steady state with many live streams
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One run: <streams> live pipelines, half video-like
 * (videotestsrc is-live=true, 30 buffers/s) and half audio-like
 * (audiotestsrc is-live=true, 480 samples at 48 kHz: 100 buffers/s), each
 * src ! capsfilter ! element ! fakesink. After a warm-up, the CPU time and
 * the context switches (voluntary + involuntary, all threads) of the
 * process are taken over a fixed window.
 */
#include "bench-sections.h"

static GstElement *
make_stream (BenchVariant v, guint index)
{
  gboolean video = (index % 2) == 0;
  gchar *name = g_strdup_printf ("live%u", index);
  GstElement *pipeline = gst_pipeline_new (name);
  GstElement *src, *filter, *e, *sink;
  GstCaps *caps;

  g_free (name);
  if (video) {
    src = bench_make ("videotestsrc", NULL);
    gst_util_set_object_arg (G_OBJECT (src), "pattern", "black");
    caps = gst_caps_from_string ("video/x-raw,format=GRAY8,width=64,"
        "height=48,framerate=30/1");
  } else {
    src = bench_make ("audiotestsrc", NULL);
    gst_util_set_object_arg (G_OBJECT (src), "wave", "silence");
    g_object_set (src, "samplesperbuffer", 480, NULL);
    caps = gst_caps_from_string ("audio/x-raw,format=S16LE,rate=48000,"
        "channels=1");
  }
  g_object_set (src, "is-live", TRUE, NULL);
  filter = bench_make ("capsfilter", NULL);
  g_object_set (filter, "caps", caps, NULL);
  gst_caps_unref (caps);
  sink = bench_make ("fakesink", NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, filter, sink, NULL);
  bench_link (src, filter);
  e = bench_make_element (v, NULL);
  if (e) {
    gst_bin_add (GST_BIN (pipeline), e);
    bench_link (filter, e);
    bench_link (e, sink);
  } else {
    bench_link (filter, sink);
  }
  return pipeline;
}

gint
bench_live_main (gint argc, gchar ** argv)
{
  BenchVariant v = bench_arg_variant (argc, argv);
  guint streams = bench_arg_uint (argc, argv, "streams", 100);
  guint window_ms = bench_arg_uint (argc, argv, "window_ms", 5000);
  guint warmup_ms = bench_arg_uint (argc, argv, "warmup_ms", 1000);
  GstElement **pipes;
  guint64 cpu0, wall0, cs0, cpu1, wall1, cs1;
  gdouble secs;
  guint i;

  if (streams < 1 || streams > 10000 || window_ms < 100) {
    g_printerr ("idlewatchdog-bench: streams must be 1..10000, "
        "window_ms >= 100\n");
    return 2;
  }
  pipes = g_new0 (GstElement *, streams);
  for (i = 0; i < streams; i++) {
    pipes[i] = make_stream (v, i);
    if (gst_element_set_state (pipes[i], GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE) {
      g_printerr ("idlewatchdog-bench: live stream %u failed to start\n", i);
      return 3;
    }
  }
  bench_sleep_ms (warmup_ms);

  cpu0 = bench_cpu_ns ();
  wall0 = bench_now_ns ();
  cs0 = bench_ctx_switches ();
  bench_sleep_ms (window_ms);
  cpu1 = bench_cpu_ns ();
  wall1 = bench_now_ns ();
  cs1 = bench_ctx_switches ();

  secs = (wall1 - wall0) / 1e9;
  bench_emit ("cpu_pct", 100.0 * (cpu1 - cpu0) / (gdouble) (wall1 - wall0));
  bench_emit ("ctxsw_per_s", (cs1 - cs0) / secs);
  bench_emit ("threads", bench_proc_threads ());

  for (i = 0; i < streams; i++) {
    bench_set_state (pipes[i], GST_STATE_NULL);
    gst_object_unref (pipes[i]);
  }
  g_free (pipes);
  return 0;
}
