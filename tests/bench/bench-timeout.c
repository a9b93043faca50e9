/* gst-idlewatchdog benchmarks: timeout precision
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One run: <runs> pipelines appsrc is-live=true ! element timeout=<ms> !
 * fakesink, started one after the other <stagger_ms> apart (so their
 * deadlines do not coincide). Each gets a first buffer (waited for), then
 * the known last one: the monotonic time is taken right after its push
 * returns (and again in a probe when it reaches the element), then nothing
 * more. A sync bus handler takes the
 * time the timeout reaches the bus: the idle-watchdog-timeout message for
 * idlewatchdog, the error for watchdog. Lateness = that time - (push time
 * + timeout); it is never expected to be negative.
 */
#include "bench-sections.h"

#include <gst/app/gstappsrc.h>
#include "idlewatchdog-message.h"

typedef struct
{
  GstElement *pipeline;
  GstElement *src;
  BenchVariant variant;
  guint64 t_push;
  guint arrived;                /* buffers seen by the probe */
  guint64 t_arrive;             /* when the last one arrived */
  guint64 t_msg;                /* written by the bus sync handler */
  guint64 silence;              /* idlewatchdog's own silence field */
  gboolean other;               /* a startup timeout: the run is void */
} Run;

static GMutex lock;
static GCond cond;
static guint done;

static GstPadProbeReturn
on_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Run *run = user_data;
  guint64 now = bench_now_ns ();

  g_mutex_lock (&lock);
  run->t_arrive = now;
  run->arrived++;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  return GST_PAD_PROBE_OK;
}

static GstBusSyncReply
on_message (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  Run *run = user_data;
  guint64 now = bench_now_ns ();
  gboolean hit = FALSE;

  if (run->variant == BENCH_IDLEWATCHDOG &&
      gst_idle_watchdog_message_is_timeout (msg)) {
    GstIdleWatchdogTimeout info;

    if (gst_idle_watchdog_message_parse_timeout (msg, &info)) {
      hit = TRUE;
      run->silence = info.silence;
      run->other = info.reason != GST_IDLE_WATCHDOG_REASON_SILENCE;
    }
  } else if (run->variant == BENCH_WATCHDOG &&
      GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    hit = TRUE;
  }
  if (hit) {
    g_mutex_lock (&lock);
    if (run->t_msg == 0) {
      run->t_msg = now;
      done++;
      g_cond_broadcast (&cond);
    }
    g_mutex_unlock (&lock);
  }
  /* a handler that drops a message owns it */
  gst_message_unref (msg);
  return GST_BUS_DROP;
}

static void
make_run (Run * run, BenchVariant v, guint timeout_ms)
{
  GstElement *e, *sink;
  GstBus *bus;
  GstPad *pad;

  run->variant = v;
  run->pipeline = gst_pipeline_new (NULL);
  run->src = bench_make ("appsrc", NULL);
  g_object_set (run->src, "is-live", TRUE, "format", GST_FORMAT_TIME,
      "do-timestamp", TRUE, NULL);
  e = bench_make_element (v, "watched");
  g_object_set (e, "timeout", timeout_ms, NULL);
  sink = bench_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add_many (GST_BIN (run->pipeline), run->src, e, sink, NULL);
  bench_link (run->src, e);
  bench_link (e, sink);

  pad = gst_element_get_static_pad (e, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, run, NULL);
  gst_object_unref (pad);
  bus = gst_element_get_bus (run->pipeline);
  gst_bus_set_sync_handler (bus, on_message, run, NULL);
  gst_object_unref (bus);
}

/* Pushes a buffer and waits (up to 5 s) until it reaches the element */
static gboolean
push_and_wait (Run * run)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gboolean ok = TRUE;

  if (gst_app_src_push_buffer (GST_APP_SRC (run->src),
          gst_buffer_new ()) != GST_FLOW_OK) {
    g_printerr ("idlewatchdog-bench: appsrc refused the first buffer\n");
    return FALSE;
  }
  g_mutex_lock (&lock);
  while (run->arrived == 0 && ok)
    ok = g_cond_wait_until (&cond, &lock, deadline);
  g_mutex_unlock (&lock);
  if (!ok)
    g_printerr ("idlewatchdog-bench: the first buffer never arrived\n");
  return ok;
}

gint
bench_timeout_main (gint argc, gchar ** argv)
{
  BenchVariant v = bench_arg_variant (argc, argv);
  guint timeout_ms = bench_arg_uint (argc, argv, "timeout_ms", 100);
  guint runs = bench_arg_uint (argc, argv, "runs", 10);
  guint stagger_ms = bench_arg_uint (argc, argv, "stagger_ms", 10);
  guint64 deadline;
  Run *r;
  guint i;

  if (v != BENCH_WATCHDOG && v != BENCH_IDLEWATCHDOG) {
    g_printerr ("idlewatchdog-bench: timeouts exist only for watchdog and "
        "idlewatchdog\n");
    return 2;
  }
  if (runs < 1 || runs > 1000 || timeout_ms < 1 || timeout_ms > 60000) {
    g_printerr ("idlewatchdog-bench: runs must be 1..1000, "
        "timeout_ms 1..60000\n");
    return 2;
  }

  r = g_new0 (Run, runs);
  for (i = 0; i < runs; i++)
    make_run (&r[i], v, timeout_ms);

  for (i = 0; i < runs; i++) {
    if (gst_element_set_state (r[i].pipeline, GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE) {
      g_printerr ("idlewatchdog-bench: run %u failed to start\n", i);
      return 3;
    }
    /* a first buffer gets the streaming thread going (and ends the
     * startup phase); the known last buffer follows once it has arrived,
     * so that the push returns to an idle, waiting streaming thread */
    if (!push_and_wait (&r[i]))
      return 3;
    bench_sleep_ms (2);
    if (gst_app_src_push_buffer (GST_APP_SRC (r[i].src),
            gst_buffer_new ()) != GST_FLOW_OK) {
      g_printerr ("idlewatchdog-bench: run %u refused the buffer\n", i);
      return 3;
    }
    r[i].t_push = bench_now_ns ();
    if (stagger_ms)
      bench_sleep_ms (stagger_ms);
  }

  /* generous: the last deadline plus two seconds */
  deadline = g_get_monotonic_time () +
      ((gint64) timeout_ms + 2000) * G_TIME_SPAN_MILLISECOND;
  g_mutex_lock (&lock);
  while (done < runs) {
    if (!g_cond_wait_until (&cond, &lock, deadline))
      break;
  }
  g_mutex_unlock (&lock);

  for (i = 0; i < runs; i++) {
    bench_set_state (r[i].pipeline, GST_STATE_NULL);
    gst_object_unref (r[i].pipeline);
  }

  for (i = 0; i < runs; i++) {
    guint64 limit = (guint64) timeout_ms * GST_MSECOND;

    if (r[i].t_msg == 0 || r[i].arrived < 2 || r[i].other) {
      bench_emit ("missing", 1);
      continue;
    }
    bench_emit ("late_push_ms",
        ((gdouble) r[i].t_msg - (gdouble) (r[i].t_push + limit)) / 1e6);
    bench_emit ("late_arrive_ms",
        ((gdouble) r[i].t_msg - (gdouble) (r[i].t_arrive + limit)) / 1e6);
    if (v == BENCH_IDLEWATCHDOG)
      bench_emit ("silence_over_ms",
          ((gdouble) r[i].silence - (gdouble) limit) / 1e6);
  }
  g_free (r);
  return 0;
}
