/* gst-idlewatchdog benchmarks: CPU time per buffer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One run: fakesrc num-buffers=<buffers> [sizetype=fixed sizemax=<size>
 * filltype=nothing] ! [tee, <branches> branches] ! <chain> x element !
 * fakesink, with CPU time of the whole process (every thread, so the
 * watchdog's own thread counts) and wall time from PAUSED (prerolled) to
 * EOS.
 */
#include "bench-sections.h"

/* Adds "[chain x element] ! fakesink" behind @from */
static void
add_branch (GstBin * bin, GstElement * from, BenchVariant v, guint chain,
    guint branch, gboolean tee)
{
  GstElement *prev = from, *sink;
  guint i;

  for (i = 0; i < chain; i++) {
    gchar *name = g_strdup_printf ("e%u_%u", branch, i);
    GstElement *e = bench_make_element (v, name);

    g_free (name);
    if (e == NULL)
      break;
    gst_bin_add (bin, e);
    bench_link (prev, e);
    prev = e;
  }
  sink = bench_make ("fakesink", NULL);
  /* behind a tee without queues the first sink would block prerolling
   * while the second waits for data: let them skip preroll */
  if (tee)
    g_object_set (sink, "async", FALSE, NULL);
  gst_bin_add (bin, sink);
  bench_link (prev, sink);
}

gint
bench_perbuf_main (gint argc, gchar ** argv)
{
  BenchVariant v = bench_arg_variant (argc, argv);
  guint64 buffers = bench_arg_uint (argc, argv, "buffers", 1000000);
  guint64 size = bench_arg_uint (argc, argv, "size", 0);
  guint branches = bench_arg_uint (argc, argv, "branches", 1);
  guint chain = bench_arg_uint (argc, argv, "chain", 1);
  GstElement *pipeline, *src, *from;
  guint64 cpu0, wall0, cpu1, wall1;
  guint b;

  if (branches < 1 || branches > 16 || chain < 1 || chain > 10000) {
    g_printerr ("idlewatchdog-bench: branches must be 1..16, chain 1..10000\n");
    return 2;
  }

  pipeline = gst_pipeline_new ("perbuf");
  src = bench_make ("fakesrc", NULL);
  g_object_set (src, "num-buffers", (gint) MIN (buffers, G_MAXINT), NULL);
  if (size > 0) {
    gst_util_set_object_arg (G_OBJECT (src), "sizetype", "fixed");
    gst_util_set_object_arg (G_OBJECT (src), "filltype", "nothing");
    g_object_set (src, "sizemax", (gint) size, NULL);
  }
  gst_bin_add (GST_BIN (pipeline), src);
  from = src;
  if (branches > 1) {
    from = bench_make ("tee", NULL);
    gst_bin_add (GST_BIN (pipeline), from);
    bench_link (src, from);
  }
  for (b = 0; b < branches; b++)
    add_branch (GST_BIN (pipeline), from, v, chain, b, branches > 1);

  /* set-up (and the element's own start-up work) is not per-buffer cost:
   * the clocks start once the pipeline has prerolled */
  bench_set_state (pipeline, GST_STATE_PAUSED);
  cpu0 = bench_cpu_ns ();
  wall0 = bench_now_ns ();
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    g_printerr ("idlewatchdog-bench: perbuf pipeline failed to start\n");
    return 3;
  }
  if (!bench_wait_eos (pipeline, 600 * GST_SECOND))
    return 3;
  cpu1 = bench_cpu_ns ();
  wall1 = bench_now_ns ();
  bench_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);

  bench_emit ("cpu_ns", (gdouble) (cpu1 - cpu0));
  bench_emit ("wall_ns", (gdouble) (wall1 - wall0));
  bench_emit ("buffers", (gdouble) buffers);
  return 0;
}
