/* gst-idlewatchdog: silences are real time on clocks that wait in real time
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An audio sink's clock keeps the pace of its device: with a device that
 * takes samples as fast as they come (alsasink device=null) it ran about
 * 20,000 times faster than real time, and a 500 ms timeout reported a
 * silence of 8,370 s. Its waits are real time all the same (a GstSystemClock
 * waits for the difference to its own time). The test double here is such a
 * clock: a GstSystemClock whose time runs 1000 times too fast. Real time is
 * the point, so the bounds are generous and the measured values printed.
 */
#include "switch-helpers.h"

#define SPEED 1000

typedef struct
{
  GstSystemClock parent;
  GstClockTime base;
} TestFastClock;

typedef struct
{
  GstSystemClockClass parent_class;
} TestFastClockClass;

GType test_fast_clock_get_type (void);
G_DEFINE_TYPE (TestFastClock, test_fast_clock, GST_TYPE_SYSTEM_CLOCK);

static GstClockTime
test_fast_clock_get_internal_time (GstClock * clock)
{
  TestFastClock *self = (TestFastClock *) clock;
  GstClockTime now = GST_CLOCK_CLASS (test_fast_clock_parent_class)
      ->get_internal_time (clock);

  return self->base + (now - self->base) * SPEED;
}

static void
test_fast_clock_class_init (TestFastClockClass * klass)
{
  GST_CLOCK_CLASS (klass)->get_internal_time =
      test_fast_clock_get_internal_time;
}

static void
test_fast_clock_init (TestFastClock * self)
{
  self->base = GST_CLOCK_CLASS (test_fast_clock_parent_class)
      ->get_internal_time (GST_CLOCK (self));
}

GST_START_TEST (test_fast_clock_reports_real_silence)
{
  GstClock *clock = g_object_new (test_fast_clock_get_type (), NULL);
  GstElement *p;
  GstBus *bus;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;
  GstClockTime t0;
  gint64 start;
  gdouble waited_ms;

  gst_object_ref_sink (clock);
  t0 = gst_clock_get_time (clock);
  g_usleep (10 * 1000);
  /* the double runs fast: 10 ms are 10 s of its time */
  fail_unless (gst_clock_get_time (clock) - t0 >= 10 * GST_SECOND);

  p = switch_pipeline_new ("appsrc name=in is-live=true format=time ! "
      "idlewatchdog timeout=300 ! fakesink sync=false async=false", clock);
  bus = gst_element_get_bus (p);
  switch_pipeline_play (p);
  push_buffer (switch_pipeline_get (p, "in"), 0);
  start = g_get_monotonic_time ();
  msg = timed_pop_watchdog_message (bus, 20 * G_TIME_SPAN_SECOND);
  waited_ms = (g_get_monotonic_time () - start) / 1000.0;
  fail_unless (msg != NULL, "no timeout");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  g_print ("fast clock: timeout after %.1f ms, silence %" GST_TIME_FORMAT
      "\n", waited_ms, GST_TIME_ARGS (info.silence));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_SILENCE);
  fail_unless_equals_uint64 (info.timeout, 300 * GST_MSECOND);
  /* never early in real time, and the silence is real time: not the
   * clock's 300 s */
  fail_unless (waited_ms >= 299.0, "early: %.1f ms", waited_ms);
  fail_unless (info.silence >= 300 * GST_MSECOND &&
      info.silence <= 3 * GST_SECOND, "silence %" GST_TIME_FORMAT,
      GST_TIME_ARGS (info.silence));
  gst_message_unref (msg);

  gst_object_unref (bus);
  switch_pipeline_free (p);
  gst_object_unref (clock);
}

GST_END_TEST;

static Suite *
clocks_suite (void)
{
  Suite *s = suite_create ("clocks");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_fast_clock_reports_real_silence);
  return s;
}

GST_CHECK_MAIN (clocks);
