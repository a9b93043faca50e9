/* gst-idlewatchdog: unit tests of the idlewatchdog element
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/check/gsttestclock.h>

#include "idlewatchdog.h"

#define MS GST_MSECOND

typedef struct
{
  GstHarness *h;
  GstBus *bus;
  GstTestClock *clock;
} Fixture;

static void
fixture_setup (Fixture * f, const gchar * props)
{
  gchar *desc = g_strdup_printf ("idlewatchdog %s", props ? props : "");

  f->h = gst_harness_new_parse (desc);
  g_free (desc);
  f->bus = gst_bus_new ();
  gst_element_set_bus (f->h->element, f->bus);
  f->clock = gst_harness_get_testclock (f->h);
}

static void
fixture_teardown (Fixture * f)
{
  gst_object_unref (f->clock);
  gst_element_set_bus (f->h->element, NULL);
  gst_object_unref (f->bus);
  gst_harness_teardown (f->h);
}

static GstElement *
watchdog (Fixture * f)
{
  /* gst_harness_new_parse wraps the element in a bin */
  GstElement *e = f->h->element;

  if (GST_IS_BIN (e)) {
    GstElement *wd = gst_bin_get_by_name (GST_BIN (e), "wd");
    gst_object_unref (wd);
    return wd;
  }
  return e;
}

static GstMessage *
pop_watchdog_message (Fixture * f)
{
  return gst_bus_pop_filtered (f->bus, GST_MESSAGE_ELEMENT);
}

GST_START_TEST (test_silence_timeout_after_data)
{
  Fixture f;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;

  f.h = gst_harness_new ("idlewatchdog");
  f.bus = gst_bus_new ();
  gst_element_set_bus (f.h->element, f.bus);
  f.clock = gst_harness_get_testclock (f.h);
  gst_harness_set_src_caps_str (f.h, "video/x-raw");

  gst_test_clock_set_time (f.clock, 100 * MS);
  {
    GstBuffer *buf = gst_buffer_new ();
    GST_BUFFER_PTS (buf) = 42;
    fail_unless_equals_int (gst_harness_push (f.h, buf), GST_FLOW_OK);
  }
  /* the wait is armed at 0 + 1000 ms; it finds the buffer and re-arms */
  fail_unless (gst_harness_crank_single_clock_wait (f.h));
  fail_unless (pop_watchdog_message (&f) == NULL);
  fail_unless_equals_uint64 (gst_clock_get_time (GST_CLOCK (f.clock)),
      1000 * MS);
  fail_unless (gst_harness_crank_single_clock_wait (f.h));
  fail_unless_equals_uint64 (gst_clock_get_time (GST_CLOCK (f.clock)),
      1100 * MS);
  msg = pop_watchdog_message (&f);
  fail_unless (msg != NULL);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_SILENCE);
  fail_unless_equals_uint64 (info.silence, 1000 * MS);
  fail_unless_equals_uint64 (info.timeout, 1000 * MS);
  fail_unless_equals_uint64 (info.buffers, 1);
  fail_unless_equals_uint64 (info.last_pts, 42);
  fail_unless_equals_string (info.media_type, "video/x-raw");
  fail_unless (info.session_id == NULL);
  gst_message_unref (msg);

  fixture_teardown (&f);
}

GST_END_TEST;

static Suite *
idlewatchdog_suite (void)
{
  Suite *s = suite_create ("idlewatchdog");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_silence_timeout_after_data);
  return s;
}

GST_CHECK_MAIN (idlewatchdog);
