/* gst-idlewatchdog: unit tests of the shared clock timer (gst/idw-timer.c)
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Many timers on one GstTestClock: the clock holds one entry, for the
 * earliest of them; every wait fires once, in time order, never before its
 * time; a rescheduled, cancelled or ownerless wait does not fire.
 */
#include <gst/check/gstcheck.h>
#include <gst/check/gsttestclock.h>

#include "idw-timer.h"

#define MS(x) ((GstClockTime) (x) * GST_MSECOND)

typedef struct
{
  GObject *owner;
  IdwTimer timer;
  GstClockTime at;              /* what it was scheduled for */
  GstClockTime fired_at;        /* clock time when it fired, or NONE */
  guint fired;
} Waiter;

static GQuark waiter_quark;

static void
on_fire (GObject * owner, GstClock * clock, guint64 token)
{
  Waiter *w = g_object_get_qdata (owner, waiter_quark);

  /* the owner serialises: here the test's single thread */
  if (!idw_timer_take (&w->timer, token))
    return;
  w->fired++;
  w->fired_at = gst_clock_get_time (clock);
}

static void
waiter_init (Waiter * w, GstClock * clock, GstClockTime at)
{
  w->owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_qdata (w->owner, waiter_quark, w);
  idw_timer_init (&w->timer, w->owner);
  w->fired = 0;
  w->fired_at = GST_CLOCK_TIME_NONE;
  w->at = at;
  if (clock)
    idw_timer_schedule (&w->timer, clock, at, on_fire);
}

static void
waiter_clear (Waiter * w)
{
  idw_timer_clear (&w->timer);
  g_clear_object (&w->owner);
}

static GstClock *
new_clock (void)
{
  GstClock *clock = gst_test_clock_new_with_start_time (MS (1000));

  if (waiter_quark == 0)
    waiter_quark = g_quark_from_static_string ("timer-test-waiter");
  return clock;
}

static GstClockTime
next_entry (GstClock * clock)
{
  GstClockID id;
  GstClockTime t;

  if (!gst_test_clock_peek_next_pending_id (GST_TEST_CLOCK (clock), &id))
    return GST_CLOCK_TIME_NONE;
  t = gst_clock_id_get_time (id);
  gst_clock_id_unref (id);
  return t;
}

/* Advances to the clock's one entry and releases it */
static void
crank (GstClock * clock)
{
  fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
          (clock)), 1);
  fail_unless (gst_test_clock_crank (GST_TEST_CLOCK (clock)));
}

#define N_MANY 2000

GST_START_TEST (test_many_share_one_entry)
{
  GstClock *clock = new_clock ();
  Waiter *w = g_new0 (Waiter, N_MANY);
  GRand *rand = g_rand_new_with_seed (7);
  GstClockTime min = GST_CLOCK_TIME_NONE, last = 0;
  guint i, fired = 0, cranks = 0;

  for (i = 0; i < N_MANY; i++) {
    /* many on the same times, as on the re-check grid */
    waiter_init (&w[i], clock, MS (1000 + 4 * g_rand_int_range (rand, 1,
                400)));
    min = MIN (min, w[i].at);
  }
  /* one clock entry for them all, at the earliest time */
  fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
          (clock)), 1);
  fail_unless_equals_uint64 (next_entry (clock), min);
  fail_unless_equals_int (idw_timer_queued (clock), N_MANY);

  while (fired < N_MANY) {
    GstClockTime t = next_entry (clock);

    fail_unless (t > last, "the entry goes back in time");
    crank (clock);
    cranks++;
    last = t;
    fired = 0;
    for (i = 0; i < N_MANY; i++) {
      fail_unless (w[i].fired <= 1, "fired twice");
      fired += w[i].fired;
      /* never early, and all that were due fired */
      if (w[i].fired)
        fail_unless (w[i].at <= w[i].fired_at);
      else
        fail_unless (w[i].at > t, "a due wait did not fire");
    }
  }
  /* one crank per distinct time: at most 399 */
  fail_unless (cranks <= 399, "%u cranks", cranks);
  fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
          (clock)), 0);
  fail_unless_equals_int (idw_timer_queued (clock), 0);

  for (i = 0; i < N_MANY; i++)
    waiter_clear (&w[i]);
  g_free (w);
  g_rand_free (rand);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_reschedule_and_cancel_move_the_entry)
{
  GstClock *clock = new_clock ();
  Waiter a, b;

  waiter_init (&a, clock, MS (1500));
  waiter_init (&b, clock, MS (1800));
  fail_unless_equals_uint64 (next_entry (clock), MS (1500));

  /* the head moves later: the entry follows it */
  idw_timer_schedule (&a.timer, clock, MS (2000), on_fire);
  fail_unless_equals_uint64 (next_entry (clock), MS (1800));
  /* earlier than all */
  idw_timer_schedule (&a.timer, clock, MS (1200), on_fire);
  fail_unless_equals_uint64 (next_entry (clock), MS (1200));
  /* the same time again changes nothing */
  idw_timer_schedule (&a.timer, clock, MS (1200), on_fire);
  fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
          (clock)), 1);
  /* cancelling the head re-arms for the next one */
  idw_timer_cancel (&a.timer);
  fail_unless_equals_uint64 (next_entry (clock), MS (1800));
  crank (clock);
  fail_unless_equals_int (a.fired, 0);
  fail_unless_equals_int (b.fired, 1);
  fail_unless_equals_uint64 (b.fired_at, MS (1800));
  fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
          (clock)), 0);

  /* NONE cancels */
  idw_timer_schedule (&b.timer, clock, MS (1900), on_fire);
  idw_timer_schedule (&b.timer, clock, GST_CLOCK_TIME_NONE, on_fire);
  fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
          (clock)), 0);

  waiter_clear (&a);
  waiter_clear (&b);
  gst_object_unref (clock);
}

GST_END_TEST;

/* A wake handed out and then overtaken by a new schedule is refused */
static Waiter *stale_waiter;

static void
on_fire_reschedule_first (GObject * owner, GstClock * clock, guint64 token)
{
  Waiter *w = g_object_get_qdata (owner, waiter_quark);

  /* as if another thread moved the wait before the owner took the wake */
  idw_timer_schedule (&w->timer, clock, MS (5000), on_fire);
  fail_if (idw_timer_take (&w->timer, token), "a stale wake was accepted");
  stale_waiter = w;
}

GST_START_TEST (test_stale_wake_refused)
{
  GstClock *clock = new_clock ();
  Waiter a;

  waiter_init (&a, clock, GST_CLOCK_TIME_NONE);
  idw_timer_schedule (&a.timer, clock, MS (1100), on_fire_reschedule_first);
  crank (clock);
  fail_unless (stale_waiter == &a);
  /* the new wait stands */
  fail_unless_equals_uint64 (next_entry (clock), MS (5000));
  crank (clock);
  fail_unless_equals_int (a.fired, 1);
  /* a token is used once */
  fail_if (idw_timer_take (&a.timer, 1));
  waiter_clear (&a);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_owner_gone)
{
  GstClock *clock = new_clock ();
  Waiter a, b;

  waiter_init (&a, clock, MS (1100));
  waiter_init (&b, clock, MS (1100));
  /* the owner goes while its wait is queued (its timer stays until
   * cleared): nothing is called for it */
  g_clear_object (&a.owner);
  crank (clock);
  fail_unless_equals_int (a.fired, 0);
  fail_unless_equals_int (b.fired, 1);
  waiter_clear (&a);
  waiter_clear (&b);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_clocks_apart)
{
  GstClock *c1 = new_clock (), *c2 = new_clock ();
  Waiter a, b;

  waiter_init (&a, c1, MS (1100));
  waiter_init (&b, c2, MS (1200));
  fail_unless_equals_uint64 (next_entry (c1), MS (1100));
  fail_unless_equals_uint64 (next_entry (c2), MS (1200));
  /* moving to another clock leaves the first */
  idw_timer_schedule (&a.timer, c2, MS (1150), on_fire);
  fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK (c1)),
      0);
  fail_unless_equals_uint64 (next_entry (c2), MS (1150));
  crank (c2);
  fail_unless_equals_int (a.fired, 1);
  fail_unless_equals_int (b.fired, 0);
  crank (c2);
  fail_unless_equals_int (b.fired, 1);
  waiter_clear (&a);
  waiter_clear (&b);
  /* the timers hold no reference once cancelled: the clocks go */
  ASSERT_OBJECT_REFCOUNT (c1, "c1", 1);
  ASSERT_OBJECT_REFCOUNT (c2, "c2", 1);
  gst_object_unref (c1);
  gst_object_unref (c2);
}

GST_END_TEST;

GST_START_TEST (test_plain_clock)
{
  GstClock *sys = gst_system_clock_obtain ();
  GstClock *test = new_clock ();
  GstClock *realtime = g_object_new (GST_TYPE_SYSTEM_CLOCK,
      "clock-type", GST_CLOCK_TYPE_REALTIME, NULL);
  GstClock *calibrated = g_object_new (GST_TYPE_SYSTEM_CLOCK, NULL);
  GstClockTime before, now, after;
  guint i;

  gst_object_ref_sink (realtime);
  gst_object_ref_sink (calibrated);
  fail_unless (idw_clock_is_plain (sys));
  fail_if (idw_clock_is_plain (test));
  fail_if (idw_clock_is_plain (realtime));
  gst_clock_set_calibration (calibrated, 0, GST_SECOND, 1, 1);
  fail_if (idw_clock_is_plain (calibrated));
  fail_if (idw_clock_is_plain (NULL));

  /* the direct read is the system clock's time */
  for (i = 0; i < 1000; i++) {
    before = gst_clock_get_time (sys);
    now = idw_clock_now (sys, TRUE);
    after = gst_clock_get_time (sys);
    fail_unless (before <= now && now <= after);
  }
  /* and the other clocks are read through GStreamer */
  gst_test_clock_set_time (GST_TEST_CLOCK (test), MS (4321));
  fail_unless_equals_uint64 (idw_clock_now (test, FALSE), MS (4321));

  gst_object_unref (calibrated);
  gst_object_unref (realtime);
  gst_object_unref (test);
  gst_object_unref (sys);
}

GST_END_TEST;

static Suite *
timer_suite (void)
{
  Suite *s = suite_create ("idw-timer");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_many_share_one_entry);
  tcase_add_test (tc, test_reschedule_and_cancel_move_the_entry);
  tcase_add_test (tc, test_stale_wake_refused);
  tcase_add_test (tc, test_owner_gone);
  tcase_add_test (tc, test_clocks_apart);
  tcase_add_test (tc, test_plain_clock);
  return s;
}

GST_CHECK_MAIN (timer);
