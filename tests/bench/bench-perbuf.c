/* gst-idlewatchdog benchmarks: CPU time per buffer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One run: fakesrc num-buffers=<buffers> [sizetype=fixed sizemax=<size>
 * filltype=nothing] ! [tee, <branches> branches] ! <chain> x element !
 * fakesink, with CPU time of the whole process (every thread, so the
 * watchdog's own thread counts) and wall time of the steady state: from
 * the second buffer, released once the pipeline is PLAYING, to EOS. The
 * CPU time of going from NULL to PLAYING is reported on its own.
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

/* Lets the first (preroll) buffer through and holds the next ones */
static GstPadProbeReturn
hold_second_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  guint *seen = user_data;

  return (*seen)++ == 0 ? GST_PAD_PROBE_PASS : GST_PAD_PROBE_OK;
}

gint
bench_perbuf_main (gint argc, gchar ** argv)
{
  BenchVariant v = bench_arg_variant (argc, argv);
  guint64 buffers = bench_arg_uint (argc, argv, "buffers", 1000000);
  guint64 size = bench_arg_uint (argc, argv, "size", 0);
  guint branches = bench_arg_uint (argc, argv, "branches", 1);
  guint chain = bench_arg_uint (argc, argv, "chain", 1);
  /* lets work the elements defer past the state change finish first */
  guint settle_ms = bench_arg_uint (argc, argv, "settle_ms", 20);
  GstElement *pipeline, *src, *from;
  guint64 cpu0, wall0, cpu1, wall1, start_cpu;
  guint b, seen = 0;
  GstPad *srcpad;
  gulong gate;

  if (branches < 1 || branches > 16 || chain < 1 || chain > 10000 ||
      buffers < 2 || buffers > G_MAXINT) {
    g_printerr ("idlewatchdog-bench: branches must be 1..16, chain "
        "1..10000, buffers 2..%d\n", G_MAXINT);
    return 2;
  }

  pipeline = gst_pipeline_new ("perbuf");
  src = bench_make ("fakesrc", NULL);
  g_object_set (src, "num-buffers", (gint) buffers, NULL);
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

  /* Set-up and the elements' own start-up work are not per-buffer cost:
   * the first buffer prerolls, the second waits at the source's pad until
   * the pipeline is PLAYING and settled, and only then do the clocks
   * start. */
  srcpad = gst_element_get_static_pad (src, "src");
  gate = gst_pad_add_probe (srcpad, GST_PAD_PROBE_TYPE_BLOCK |
      GST_PAD_PROBE_TYPE_BUFFER, hold_second_buffer, &seen, NULL);
  cpu0 = bench_cpu_ns ();
  bench_set_state (pipeline, GST_STATE_PLAYING);
  start_cpu = bench_cpu_ns () - cpu0;
  bench_sleep_ms (settle_ms);

  cpu0 = bench_cpu_ns ();
  wall0 = bench_now_ns ();
  gst_pad_remove_probe (srcpad, gate);
  if (!bench_wait_eos (pipeline, 600 * GST_SECOND))
    return 3;
  cpu1 = bench_cpu_ns ();
  wall1 = bench_now_ns ();
  gst_object_unref (srcpad);
  bench_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);

  bench_emit ("cpu_ns", (gdouble) (cpu1 - cpu0));
  bench_emit ("wall_ns", (gdouble) (wall1 - wall0));
  bench_emit ("start_cpu_ns", (gdouble) start_cpu);
  /* the first buffer went by before the clocks started */
  bench_emit ("timed_buffers", (gdouble) (buffers - 1));
  return 0;
}
