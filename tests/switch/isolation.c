/* gst-idlewatchdog: one stuck pipeline never delays another's watchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GStreamer runs every asynchronous wait of the process on one clock
 * thread. These tests block what a watchdog would call if it did its work
 * there (a num-listeners getter held by a blocked node; a bus sync handler
 * that takes 3 s) and measure how late an unrelated pipeline's 500 ms
 * timeout comes. Real time on the system clock is the point here, so the
 * bound is generous (1 s, against 3-6 s when the clock thread is blocked);
 * the measured lateness is printed.
 */
#include "switch-helpers.h"

#define LIMIT_MS 500
#define LATE_BOUND_MS 1000

/* PLAYING to its timeout message, in ms, for an unrelated silent pipeline */
static gdouble
unrelated_timeout_ms (void)
{
  GstElement *p = switch_pipeline_new ("appsrc is-live=true format=time ! "
      "idlewatchdog timeout=500 session-id=unrelated ! fakesink", NULL);
  GstBus *bus = gst_element_get_bus (p);
  gint64 start = g_get_monotonic_time ();
  GstMessage *msg;
  gdouble ms;

  switch_pipeline_play (p);
  msg = timed_pop_watchdog_message (bus, 20 * G_TIME_SPAN_SECOND);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  fail_unless (msg != NULL && gst_idle_watchdog_message_is_timeout (msg),
      "no timeout from the unrelated pipeline");
  gst_message_unref (msg);
  gst_object_unref (bus);
  switch_pipeline_free (p);
  return ms;
}

static void
assert_not_delayed (const gchar * what, gdouble ms)
{
  g_print ("isolation: %s: the unrelated 500 ms timeout came after %.1f ms "
      "(%.1f ms late)\n", what, ms, ms - LIMIT_MS);
  fail_unless (ms >= LIMIT_MS, "early: %.1f ms", ms);
  fail_unless (ms < LIMIT_MS + LATE_BOUND_MS, "%s delayed an unrelated "
      "watchdog: %.1f ms for a 500 ms timeout", what, ms);
}

/* A producer whose listener blocks (block=true into an appsink nobody
 * pulls): its node, and its num-listeners getter, block. */
GST_START_TEST (test_blocked_listener_getter_delays_no_other_watchdog)
{
  GstElement *prod = switch_pipeline_new ("appsrc name=in is-live=true "
      "format=time caps=application/x-test ! idlewatchdog timeout=60000 "
      "listener-timeout=40 ! testinterpipesink name=stuck sync=false "
      "async=false", NULL);
  GstElement *cons = switch_pipeline_new ("testinterpipesrc listen-to=stuck "
      "block=true ! appsink name=nobody max-buffers=1 drop=false sync=false "
      "async=false", NULL);
  GstElement *in = switch_pipeline_get (prod, "in");
  guint i;

  switch_pipeline_play (cons);
  switch_pipeline_play (prod);
  /* one in the appsink, one in the source's push, one queued, the rest
   * behind the blocked node */
  for (i = 0; i < 8; i++)
    push_buffer (in, i);

  assert_not_delayed ("a blocked num-listeners getter",
      unrelated_timeout_ms ());

  /* the consumer going down unblocks the node */
  switch_pipeline_free (cons);
  switch_pipeline_free (prod);
}

GST_END_TEST;

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean entered;
} SlowHandler;

static GstBusSyncReply
slow_handler (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  SlowHandler *h = user_data;

  if (gst_idle_watchdog_message_is_timeout (msg)) {
    g_mutex_lock (&h->lock);
    h->entered = TRUE;
    g_cond_broadcast (&h->cond);
    g_mutex_unlock (&h->lock);
    /* the injected fault: an application that takes 3 s in its handler */
    g_usleep (3 * G_USEC_PER_SEC);
  }
  return GST_BUS_PASS;
}

GST_START_TEST (test_slow_sync_handler_delays_no_other_watchdog)
{
  GstElement *slow = gst_parse_launch ("appsrc is-live=true format=time ! "
      "idlewatchdog timeout=100 session-id=slow ! fakesink", NULL);
  GstBus *bus = gst_element_get_bus (slow);
  SlowHandler h = { 0, };
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  g_mutex_init (&h.lock);
  g_cond_init (&h.cond);
  gst_bus_set_sync_handler (bus, slow_handler, &h, NULL);
  switch_pipeline_play (slow);
  g_mutex_lock (&h.lock);
  while (!h.entered)
    fail_unless (g_cond_wait_until (&h.cond, &h.lock, deadline),
        "the slow pipeline never timed out");
  g_mutex_unlock (&h.lock);

  assert_not_delayed ("a 3 s bus sync handler", unrelated_timeout_ms ());

  switch_pipeline_free (slow);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (bus);
  g_mutex_clear (&h.lock);
  g_cond_clear (&h.cond);
}

GST_END_TEST;

static Suite *
isolation_suite (void)
{
  Suite *s = suite_create ("isolation");
  TCase *tc = tcase_create ("general");

  /* each case waits for real time; the slow handler holds 3 s */
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_blocked_listener_getter_delays_no_other_watchdog);
  tcase_add_test (tc, test_slow_sync_handler_delays_no_other_watchdog);
  return s;
}

GST_CHECK_MAIN (isolation);
