/* gst-idlewatchdog benchmarks: teardown and switch-to-message latencies
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Teardown: appsrc is-live=true ! element timeout=<ms> ! fakesink, one
 * buffer pushed, then set_state (NULL) timed while the timer is pending.
 *
 * Switch: two live appsrc ! input-selector ! idlewatchdog ! fakesink; the
 * time from setting input-selector's active-pad to the idle-watchdog-switch
 * message in a sync bus handler. Prints switch_na when the element posts no
 * such message (the feature is not there yet).
 */
#include "bench-sections.h"

#include <gst/app/gstappsrc.h>
#include "idlewatchdog-message.h"

static GstElement *
make_watched (BenchVariant v, guint timeout_ms, GstElement ** src)
{
  GstElement *pipeline = gst_pipeline_new (NULL);
  GstElement *e, *sink;

  *src = bench_make ("appsrc", NULL);
  g_object_set (*src, "is-live", TRUE, "format", GST_FORMAT_TIME,
      "do-timestamp", TRUE, NULL);
  sink = bench_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), *src, sink, NULL);
  e = bench_make_element (v, NULL);
  if (e) {
    if (v == BENCH_WATCHDOG || v == BENCH_IDLEWATCHDOG)
      g_object_set (e, "timeout", timeout_ms, NULL);
    gst_bin_add (GST_BIN (pipeline), e);
    bench_link (*src, e);
    bench_link (e, sink);
  } else {
    bench_link (*src, sink);
  }
  return pipeline;
}

gint
bench_teardown_main (gint argc, gchar ** argv)
{
  BenchVariant v = bench_arg_variant (argc, argv);
  guint runs = bench_arg_uint (argc, argv, "runs", 10);
  guint timeout_ms = bench_arg_uint (argc, argv, "timeout_ms", 1000);
  guint i;

  if (runs < 1 || runs > 10000 || timeout_ms < 100) {
    g_printerr ("idlewatchdog-bench: runs must be 1..10000, "
        "timeout_ms >= 100\n");
    return 2;
  }
  for (i = 0; i < runs; i++) {
    GstElement *src, *pipeline = make_watched (v, timeout_ms, &src);
    guint64 t0, t1;

    if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE) {
      g_printerr ("idlewatchdog-bench: teardown run %u failed to start\n", i);
      return 3;
    }
    gst_app_src_push_buffer (GST_APP_SRC (src), gst_buffer_new ());
    /* well inside the timeout: the timer is pending */
    bench_sleep_ms (20);
    t0 = bench_now_ns ();
    bench_set_state (pipeline, GST_STATE_NULL);
    t1 = bench_now_ns ();
    gst_object_unref (pipeline);
    bench_emit ("teardown_ms", (t1 - t0) / 1e6);
  }
  return 0;
}

typedef struct
{
  GMutex lock;
  GCond cond;
  guint64 t_msg;
} SwitchWait;

static GstBusSyncReply
on_switch_message (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  SwitchWait *w = user_data;

  if (gst_idle_watchdog_message_is_switch (msg)) {
    guint64 now = bench_now_ns ();

    g_mutex_lock (&w->lock);
    if (w->t_msg == 0)
      w->t_msg = now;
    g_cond_signal (&w->cond);
    g_mutex_unlock (&w->lock);
  }
  /* a handler that drops a message owns it */
  gst_message_unref (msg);
  return GST_BUS_DROP;
}

gint
bench_switch_main (gint argc, gchar ** argv)
{
  guint runs = bench_arg_uint (argc, argv, "runs", 10);
  guint i;

  if (runs < 1 || runs > 10000) {
    g_printerr ("idlewatchdog-bench: runs must be 1..10000\n");
    return 2;
  }
  for (i = 0; i < runs; i++) {
    GstElement *pipeline = gst_pipeline_new (NULL);
    GstElement *src[2], *sel, *e, *sink;
    GstPad *pads[2], *active, *srcpad;
    SwitchWait w;
    GstBus *bus;
    guint64 t0, t_msg;
    gint64 deadline;
    guint k;

    sel = bench_make ("input-selector", NULL);
    e = bench_make ("idlewatchdog", NULL);
    g_object_set (e, "timeout", 5000, NULL);
    sink = bench_make ("fakesink", NULL);
    g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
    gst_bin_add_many (GST_BIN (pipeline), sel, e, sink, NULL);
    for (k = 0; k < 2; k++) {
      src[k] = bench_make ("appsrc", NULL);
      g_object_set (src[k], "is-live", TRUE, "format", GST_FORMAT_TIME,
          "do-timestamp", TRUE, NULL);
      gst_bin_add (GST_BIN (pipeline), src[k]);
      bench_link (src[k], sel);
      srcpad = gst_element_get_static_pad (src[k], "src");
      pads[k] = gst_pad_get_peer (srcpad);
      gst_object_unref (srcpad);
    }
    bench_link (sel, e);
    bench_link (e, sink);

    g_mutex_init (&w.lock);
    g_cond_init (&w.cond);
    w.t_msg = 0;
    bus = gst_element_get_bus (pipeline);
    gst_bus_set_sync_handler (bus, on_switch_message, &w, NULL);
    gst_object_unref (bus);

    bench_set_state (pipeline, GST_STATE_PLAYING);
    for (k = 0; k < 2; k++)
      gst_app_src_push_buffer (GST_APP_SRC (src[k]), gst_buffer_new ());
    bench_sleep_ms (20);

    g_object_get (sel, "active-pad", &active, NULL);
    /* input-selector's own first choice of a pad may have posted one */
    g_mutex_lock (&w.lock);
    w.t_msg = 0;
    g_mutex_unlock (&w.lock);
    t0 = bench_now_ns ();
    g_object_set (sel, "active-pad", active == pads[0] ? pads[1] : pads[0],
        NULL);
    deadline = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;
    g_mutex_lock (&w.lock);
    while (w.t_msg == 0) {
      if (!g_cond_wait_until (&w.cond, &w.lock, deadline))
        break;
    }
    t_msg = w.t_msg;
    g_mutex_unlock (&w.lock);

    bench_set_state (pipeline, GST_STATE_NULL);
    bus = gst_element_get_bus (pipeline);
    gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
    gst_object_unref (bus);
    if (active)
      gst_object_unref (active);
    for (k = 0; k < 2; k++)
      gst_object_unref (pads[k]);
    gst_object_unref (pipeline);
    g_mutex_clear (&w.lock);
    g_cond_clear (&w.cond);

    if (t_msg == 0) {
      bench_emit ("switch_na", 1);
      return 0;
    }
    bench_emit ("switch_ms", ((gdouble) t_msg - (gdouble) t0) / 1e6);
  }
  return 0;
}
