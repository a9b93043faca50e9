/* gst-idlewatchdog: soak of the idlewatchdog element on GstTestClock
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A simulated day of a live stream: 30 fps bursts separated by gaps drawn
 * just below, exactly at, and just above the timeout, plus a few long
 * outages, from a seeded PRNG (the seed is printed; set
 * IDLEWATCHDOG_SOAK_SEED to replay one). The clock is a GstTestClock moved
 * by cranking the element's own waits, so a day of clock time passes in
 * seconds and nothing sleeps. Every gap at or above the timeout must give
 * exactly one timeout (silence == timeout) and one resumed (silence == the
 * gap), every gap below it nothing.
 *
 * IDLEWATCHDOG_SOAK_HOURS shortens the simulated time (the valgrind run of
 * scripts/reliability.sh uses it); the default is 24.
 */
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/check/gsttestclock.h>

#include "idlewatchdog.h"
#include "../common/idw-tap.h"

#define MS GST_MSECOND
#define US GST_USECOND
#define FRAME (GST_SECOND / 30)
#define TIMEOUT_MS 1000
#define TIMEOUT (TIMEOUT_MS * MS)

typedef enum
{
  ACTIVITY_BUFFER,
  ACTIVITY_BUFFER_LIST,
  ACTIVITY_GAP_EVENT,
  ACTIVITY_KICK,
  N_ACTIVITIES
} Activity;

typedef struct
{
  GstHarness *h;
  GstBus *bus;
  IdwTap *tap;
  GstTestClock *clock;
  GRand *rand;
  guint32 seed;
  gboolean mixed;               /* activity of every kind, or buffers only */

  /* expected, from the gap pattern */
  guint gaps, gaps_below, gaps_at, gaps_above, gaps_long;
  guint expected_timeouts;
  /* observed */
  guint timeouts, resumes, other_messages, cranks, activities;
  guint64 bad_timeout_fields, bad_resumed_fields;
  GstClockTime last_activity;
  GstClockTime expected_resume_silence;
} Soak;

static guint32
soak_seed (void)
{
  const gchar *env = g_getenv ("IDLEWATCHDOG_SOAK_SEED");

  if (env != NULL && *env != '\0')
    return (guint32) g_ascii_strtoull (env, NULL, 10);
  return g_random_int ();
}

static GstClockTime
soak_duration (void)
{
  const gchar *env = g_getenv ("IDLEWATCHDOG_SOAK_HOURS");
  guint64 hours = 24;

  if (env != NULL && *env != '\0')
    hours = g_ascii_strtoull (env, NULL, 10);
  return MAX (hours, 1) * 3600 * GST_SECOND;
}

static void
soak_drain_bus (Soak * s)
{
  GstMessage *msg;

  /* the watchdog's messages (posted from another thread), then the rest */
  while ((msg = idw_tap_pop (s->tap)) || (msg = gst_bus_pop (s->bus))) {
    GstIdleWatchdogTimeout info;
    GstClockTime silence;

    if (gst_idle_watchdog_message_parse_timeout (msg, &info)) {
      s->timeouts++;
      if (info.reason != GST_IDLE_WATCHDOG_REASON_SILENCE ||
          info.silence != TIMEOUT || info.timeout != TIMEOUT)
        s->bad_timeout_fields++;
    } else if (gst_idle_watchdog_message_parse_resumed (msg, &silence, NULL)) {
      s->resumes++;
      if (silence != s->expected_resume_silence)
        s->bad_resumed_fields++;
    } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT ||
        GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR ||
        GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING) {
      s->other_messages++;
    }
    gst_message_unref (msg);
  }
}

/* Moves the clock to @target, releasing (in order) every wait due by then */
static void
soak_advance_to (Soak * s, GstClockTime target)
{
  GstClockID id;

  while (gst_test_clock_peek_next_pending_id (s->clock, &id)) {
    GstClockTime t = gst_clock_id_get_time (id);

    gst_clock_id_unref (id);
    if (t > target)
      break;
    fail_unless (gst_test_clock_crank (s->clock));
    s->cranks++;
    soak_drain_bus (s);
  }
  if (gst_clock_get_time (GST_CLOCK (s->clock)) < target)
    gst_test_clock_set_time (s->clock, target);
}

static void
soak_activity (Soak * s, GstClockTime t)
{
  Activity a = ACTIVITY_BUFFER;
  GstBuffer *buf;

  soak_advance_to (s, t);
  if (s->mixed)
    a = g_rand_int_range (s->rand, 0, N_ACTIVITIES);

  switch (a) {
    case ACTIVITY_BUFFER:
      buf = gst_buffer_new ();
      GST_BUFFER_PTS (buf) = t;
      fail_unless_equals_int (gst_harness_push (s->h, buf), GST_FLOW_OK);
      break;
    case ACTIVITY_BUFFER_LIST:{
      GstBufferList *list = gst_buffer_list_new ();
      guint i;

      for (i = 0; i < 3; i++) {
        buf = gst_buffer_new ();
        GST_BUFFER_PTS (buf) = t;
        gst_buffer_list_add (list, buf);
      }
      fail_unless_equals_int (gst_pad_push_list (s->h->srcpad, list),
          GST_FLOW_OK);
      break;
    }
    case ACTIVITY_GAP_EVENT:
      fail_unless (gst_harness_push_event (s->h, gst_event_new_gap (t,
                  FRAME)));
      break;
    case ACTIVITY_KICK:
      g_signal_emit_by_name (s->h->element, "kick");
      break;
    default:
      g_assert_not_reached ();
  }
  s->activities++;
  s->last_activity = t;
  soak_drain_bus (s);
  /* the harness sink queue is not what is being tested */
  while ((buf = gst_harness_try_pull (s->h)) != NULL)
    gst_buffer_unref (buf);
}

/* A gap just below, exactly at, just above the timeout, or a long outage */
static GstClockTime
soak_draw_gap (Soak * s)
{
  gint kind = g_rand_int_range (s->rand, 0, 100);
  GstClockTime margin = g_rand_int_range (s->rand, 1, 100000) * US;
  GstClockTime gap;

  s->gaps++;
  if (kind < 47) {
    s->gaps_below++;
    gap = TIMEOUT - margin;
  } else if (kind < 52) {
    s->gaps_at++;
    gap = TIMEOUT;
  } else if (kind < 99) {
    s->gaps_above++;
    gap = TIMEOUT + margin;
  } else {
    s->gaps_long++;
    gap = TIMEOUT + g_rand_int_range (s->rand, 1, 600) * GST_SECOND;
  }
  if (gap >= TIMEOUT)
    s->expected_timeouts++;
  return gap;
}

static void
soak_run (Soak * s, gboolean mixed)
{
  GstClockTime end = soak_duration (), t = 10 * MS;
  guint64 start_us = g_get_monotonic_time ();
  guint element_timeouts;

  memset (s, 0, sizeof (*s));
  s->mixed = mixed;
  s->seed = soak_seed ();
  s->rand = g_rand_new_with_seed (s->seed);
  g_print ("soak (%s): seed %u (replay with IDLEWATCHDOG_SOAK_SEED=%u)\n",
      mixed ? "buffers, lists, GAP events, kicks" : "buffers", s->seed,
      s->seed);

  s->h = gst_harness_new ("idlewatchdog");
  g_object_set (s->h->element, "timeout", TIMEOUT_MS, NULL);
  s->bus = gst_bus_new ();
  s->tap = idw_tap_attach (s->bus, s->h->element);
  gst_element_set_bus (s->h->element, s->bus);
  s->clock = gst_harness_get_testclock (s->h);
  gst_harness_set_src_caps_str (s->h, "video/x-raw");

  while (t < end) {
    guint burst = g_rand_int_range (s->rand, 1, 6), i;
    GstClockTime gap;

    for (i = 0; i < burst; i++) {
      soak_activity (s, t);
      t += FRAME;
    }
    t -= FRAME;
    gap = soak_draw_gap (s);
    /* if this gap times out, the activity ending it resumes after @gap */
    s->expected_resume_silence = gap;
    t += gap;
  }
  /* the activity that ends the last gap */
  soak_activity (s, t);

  g_object_get (s->h->element, "timeouts", &element_timeouts, NULL);
  g_print ("soak (%s): %.1f h of clock time, %u gaps (%u below, %u at, "
      "%u above the timeout, %u long), %u activities, %u waits cranked; "
      "timeouts %u (expected %u), resumes %u; %.2f s wall\n",
      mixed ? "mixed" : "buffers",
      (gdouble) gst_clock_get_time (GST_CLOCK (s->clock)) / (3600.0 *
          GST_SECOND), s->gaps, s->gaps_below, s->gaps_at, s->gaps_above,
      s->gaps_long, s->activities, s->cranks, s->timeouts,
      s->expected_timeouts, s->resumes,
      (g_get_monotonic_time () - start_us) / 1e6);

  fail_unless_equals_int (s->timeouts, s->expected_timeouts);
  fail_unless_equals_int (s->resumes, s->expected_timeouts);
  fail_unless_equals_int (element_timeouts, s->expected_timeouts);
  fail_unless_equals_uint64 (s->bad_timeout_fields, 0);
  fail_unless_equals_uint64 (s->bad_resumed_fields, 0);
  fail_unless_equals_int (s->other_messages, 0);
  /* no busy loop: per gap at most one wake on the shared grid, one that
   * re-arms for the exact deadline and one that fires */
  fail_unless (s->cranks <= 3 * s->gaps + 2, "%u waits for %u gaps",
      s->cranks, s->gaps);
  /* the pattern really exercised both sides of the limit */
  fail_unless (s->gaps_below > 0 && s->gaps_at > 0 && s->gaps_above > 0);

  gst_object_unref (s->clock);
  gst_element_set_bus (s->h->element, NULL);
  gst_object_unref (s->bus);
  gst_harness_teardown (s->h);
  g_rand_free (s->rand);
}

GST_START_TEST (test_day_of_buffers_gives_one_timeout_per_gap_at_or_above_limit)
{
  Soak s;

  soak_run (&s, FALSE);
}

GST_END_TEST;

GST_START_TEST (test_day_of_mixed_activity_gives_one_timeout_per_gap_at_or_above_limit)
{
  Soak s;

  soak_run (&s, TRUE);
}

GST_END_TEST;

static Suite *
soak_suite (void)
{
  Suite *s = suite_create ("reliability-soak");
  TCase *tc = tcase_create ("soak");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc,
      test_day_of_buffers_gives_one_timeout_per_gap_at_or_above_limit);
  tcase_add_test (tc,
      test_day_of_mixed_activity_gives_one_timeout_per_gap_at_or_above_limit);
  return s;
}

GST_CHECK_MAIN (soak);
