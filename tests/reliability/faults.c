/* gst-idlewatchdog: fault injection
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Clocks that jump, stop or wake the element early, a pipeline clock lost
 * and replaced (GST_MESSAGE_CLOCK_LOST, then a new clock through
 * PAUSED->PLAYING), and a source that errors while the timer is pending.
 * Every clock here is a GstTestClock: nothing sleeps.
 */
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/check/gsttestclock.h>
#include <gst/base/gstpushsrc.h>

#include "idlewatchdog.h"
#include "../common/idw-tap.h"

#define MS GST_MSECOND
#define TIMEOUT_MS 1000
#define TIMEOUT (TIMEOUT_MS * MS)
#define DAY (24 * 3600 * GST_SECOND)

static guint faults_injected;

static void
setup (void)
{
  faults_injected = 0;
}

static void
teardown (void)
{
  g_print ("faults: %u faults injected\n", faults_injected);
}

typedef struct
{
  GstHarness *h;
  GstBus *bus;
  GstTestClock *clock;
  IdwTap *tap;
  guint timeouts, resumes;
  GstClockTime last_timeout_silence, last_resume_silence;
} Fixture;

static void
fixture_setup (Fixture * f)
{
  memset (f, 0, sizeof (*f));
  f->h = gst_harness_new ("idlewatchdog");
  g_object_set (f->h->element, "timeout", TIMEOUT_MS, NULL);
  f->bus = gst_bus_new ();
  f->tap = idw_tap_attach (f->bus, f->h->element);
  gst_element_set_bus (f->h->element, f->bus);
  f->clock = gst_harness_get_testclock (f->h);
  gst_harness_set_src_caps_str (f->h, "video/x-raw");
}

static void
fixture_teardown (Fixture * f)
{
  gst_object_unref (f->clock);
  gst_element_set_bus (f->h->element, NULL);
  gst_object_unref (f->bus);
  gst_harness_teardown (f->h);
}

static void
drain (Fixture * f)
{
  GstMessage *msg;

  /* the watchdog's messages (posted from another thread), then the rest */
  while ((msg = idw_tap_pop (f->tap)) || (msg = gst_bus_pop (f->bus))) {
    GstIdleWatchdogTimeout info;
    GstClockTime silence;

    if (gst_idle_watchdog_message_parse_timeout (msg, &info)) {
      f->timeouts++;
      f->last_timeout_silence = info.silence;
    } else if (gst_idle_watchdog_message_parse_resumed (msg, &silence, NULL)) {
      f->resumes++;
      f->last_resume_silence = silence;
    }
    gst_message_unref (msg);
  }
}

static void
push_at (Fixture * f, GstClockTime t)
{
  GstBuffer *buf = gst_buffer_new ();

  if (gst_clock_get_time (GST_CLOCK (f->clock)) < t)
    gst_test_clock_set_time (f->clock, t);
  GST_BUFFER_PTS (buf) = t;
  fail_unless_equals_int (gst_harness_push (f->h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (f->h));
  drain (f);
}

/* Releases every wait due at the clock's current time; returns how many */
static guint
release_due (Fixture * f)
{
  GstClockID id;
  guint n = 0;

  while (gst_test_clock_peek_next_pending_id (f->clock, &id)) {
    GstClockTime t = gst_clock_id_get_time (id);

    gst_clock_id_unref (id);
    if (t > gst_clock_get_time (GST_CLOCK (f->clock)))
      break;
    fail_unless (gst_test_clock_crank (f->clock));
    n++;
    fail_unless (n < 100, "the element keeps scheduling waits in the past");
  }
  drain (f);
  return n;
}

/* ------------------------------------------------------------------------ */

GST_START_TEST (test_clock_jumping_a_day_gives_one_timeout_and_no_spin)
{
  Fixture f;
  GstClockID id;

  fixture_setup (&f);
  push_at (&f, 10 * MS);
  faults_injected++;
  gst_test_clock_set_time (f.clock, 10 * MS + DAY);
  fail_unless (release_due (&f) <= 2);
  fail_unless_equals_int (f.timeouts, 1);
  fail_unless_equals_uint64 (f.last_timeout_silence, DAY);
  /* idle: no wait left behind */
  fail_unless_equals_int (gst_test_clock_peek_id_count (f.clock), 0);

  push_at (&f, 10 * MS + DAY);
  fail_unless_equals_int (f.resumes, 1);
  fail_unless_equals_uint64 (f.last_resume_silence, DAY);
  fail_unless (gst_test_clock_peek_next_pending_id (f.clock, &id));
  fail_unless_equals_uint64 (gst_clock_id_get_time (id),
      10 * MS + DAY + TIMEOUT);
  gst_clock_id_unref (id);
  fixture_teardown (&f);
}

GST_END_TEST;

/* Jumps of random size between buffers: a jump at or above the timeout is
 * silence as the clock sees it (one timeout, one resumed), a smaller one is
 * nothing. */
GST_START_TEST (test_random_clock_jumps_time_out_exactly_when_at_or_above_limit)
{
  Fixture f;
  guint32 seed = g_random_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  GstClockTime t = 10 * MS;
  guint i, expected = 0;

  g_print ("faults: clock jumps with seed %u\n", seed);
  fixture_setup (&f);
  push_at (&f, t);
  for (i = 0; i < 2000; i++) {
    GstClockTime jump;

    switch (g_rand_int_range (rand, 0, 4)) {
      case 0:
        jump = g_rand_int_range (rand, 0, TIMEOUT_MS) * MS;
        break;
      case 1:
        jump = TIMEOUT;
        break;
      case 2:
        jump = TIMEOUT + g_rand_int_range (rand, 1, 1000) * GST_SECOND;
        break;
      default:
        jump = (guint64) g_rand_int_range (rand, 1, 365) * DAY;
        break;
    }
    faults_injected++;
    if (jump >= TIMEOUT)
      expected++;
    t += jump;
    gst_test_clock_set_time (f.clock, t);
    fail_unless (release_due (&f) <= 2, "more than two waits for one jump");
    push_at (&f, t);
  }
  fail_unless_equals_int (f.timeouts, expected);
  fail_unless_equals_int (f.resumes, expected);
  g_rand_free (rand);
  fixture_teardown (&f);
}

GST_END_TEST;

/* A clock that never advances: the timer never fires, and neither buffers
 * nor kicks make the element schedule more waits. */
GST_START_TEST (test_stopped_clock_never_fires_and_keeps_one_wait)
{
  Fixture f;
  GstClockID first, id;
  guint i;

  fixture_setup (&f);
  push_at (&f, 10 * MS);
  fail_unless (gst_test_clock_peek_next_pending_id (f.clock, &first));
  for (i = 0; i < 10000; i++) {
    faults_injected++;
    if (i % 2)
      push_at (&f, 10 * MS);
    else
      g_signal_emit_by_name (f.h->element, "kick");
    fail_unless_equals_int (gst_test_clock_peek_id_count (f.clock), 1);
  }
  fail_unless (gst_test_clock_peek_next_pending_id (f.clock, &id));
  fail_unless (id == first, "the per-buffer path re-scheduled the wait");
  gst_clock_id_unref (id);
  gst_clock_id_unref (first);
  drain (&f);
  fail_unless_equals_int (f.timeouts, 0);
  fixture_teardown (&f);
}

GST_END_TEST;

/* The clock calls the element back before the deadline (as a clock may
 * after an unschedule race): it must re-arm, once, for a wait no later than
 * the deadline (a re-check that found activity may wait on the shared grid
 * just before it; one that found none waits for the deadline itself), and
 * fire only when the deadline has really come. */
GST_START_TEST (test_early_wakeups_never_fire_early)
{
  Fixture f;
  GstClockID id;
  GstClockTime deadline;
  guint i;

  fixture_setup (&f);
  push_at (&f, 0);
  /* the startup wait finds the buffer: the deadline is 0 + TIMEOUT */
  fail_unless (gst_test_clock_peek_next_pending_id (f.clock, &id));
  deadline = gst_clock_id_get_time (id);
  gst_clock_id_unref (id);
  fail_unless_equals_uint64 (deadline, TIMEOUT);

  for (i = 0; i < 999; i++) {
    faults_injected++;
    gst_test_clock_set_time (f.clock, i * MS);
    fail_unless (gst_test_clock_peek_next_pending_id (f.clock, &id));
    /* takes the reference */
    fail_unless (gst_test_clock_process_id (f.clock, id));
    drain (&f);
    fail_unless_equals_int (f.timeouts, 0);
    fail_unless_equals_int (gst_test_clock_peek_id_count (f.clock), 1);
    fail_unless (gst_test_clock_peek_next_pending_id (f.clock, &id));
    fail_unless (gst_clock_id_get_time (id) <= deadline);
    /* nothing happened since the first wake: the exact deadline */
    if (i > 0)
      fail_unless_equals_uint64 (gst_clock_id_get_time (id), deadline);
    gst_clock_id_unref (id);
  }
  gst_test_clock_set_time (f.clock, deadline);
  fail_unless_equals_int (release_due (&f), 1);
  fail_unless_equals_int (f.timeouts, 1);
  fail_unless_equals_uint64 (f.last_timeout_silence, TIMEOUT);
  fixture_teardown (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* The pipeline clock lost and replaced                                     */

GST_START_TEST (test_clock_lost_and_replaced_keeps_working_on_the_new_clock)
{
  GstElement *pipe = gst_pipeline_new ("p");
  GstElement *wd = gst_element_factory_make ("idlewatchdog", "wd");
  GstPad *pad;
  GstHarness *h;
  GstBus *bus;
  GstClock *old, *cur;
  guint32 seed = g_random_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  guint i, timeouts = 0;
  IdwTap *tap;

  g_print ("faults: clock replacement with seed %u\n", seed);
  g_object_set (wd, "timeout", TIMEOUT_MS, NULL);
  gst_bin_add (GST_BIN (pipe), wd);
  pad = gst_element_get_static_pad (wd, "sink");
  gst_element_add_pad (pipe, gst_ghost_pad_new ("sink", pad));
  gst_object_unref (pad);
  pad = gst_element_get_static_pad (wd, "src");
  gst_element_add_pad (pipe, gst_ghost_pad_new ("src", pad));
  gst_object_unref (pad);
  cur = gst_test_clock_new_with_start_time (1000 * GST_SECOND);
  gst_pipeline_use_clock (GST_PIPELINE (pipe), cur);
  bus = gst_element_get_bus (pipe);
  tap = idw_tap_attach (bus, pipe);

  h = gst_harness_new_with_element (pipe, "sink", "src");
  gst_harness_play (h);
  gst_harness_set_src_caps_str (h, "video/x-raw");

  for (i = 0; i < 200; i++) {
    GstClockTime now, start;
    GstClockID id;
    GstMessage *msg;
    GstIdleWatchdogTimeout info;

    /* data flows on the current clock: after a stalled round, that is the
     * end of the silent episode, which lasted the one timeout */
    fail_unless_equals_int (gst_harness_push (h, gst_buffer_new ()),
        GST_FLOW_OK);
    gst_buffer_unref (gst_harness_pull (h));
    if (i % 5 == 1) {
      GstClockTime silence;

      msg = idw_tap_pop (tap);
      fail_unless (msg != NULL, "round %u: no resumed", i);
      fail_unless (gst_idle_watchdog_message_parse_resumed (msg, &silence,
              NULL));
      fail_unless_equals_uint64 (silence, TIMEOUT);
      gst_message_unref (msg);
    }

    /* the clock is lost; the application picks a new one, far behind or
     * far ahead of the old, and goes through PAUSED to PLAYING */
    faults_injected++;
    old = cur;
    start = (g_rand_boolean (rand) ? 1 : 1000000) * GST_SECOND +
        g_rand_int_range (rand, 0, 1000) * MS;
    cur = gst_test_clock_new_with_start_time (start);
    gst_element_post_message (pipe,
        gst_message_new_clock_lost (GST_OBJECT (pipe), old));
    msg = gst_bus_pop_filtered (bus, GST_MESSAGE_CLOCK_LOST);
    fail_unless (msg != NULL);
    gst_message_unref (msg);
    gst_pipeline_use_clock (GST_PIPELINE (pipe), cur);
    fail_unless_equals_int (gst_element_set_state (pipe, GST_STATE_PAUSED),
        GST_STATE_CHANGE_SUCCESS);
    fail_unless_equals_int (gst_element_set_state (pipe, GST_STATE_PLAYING),
        GST_STATE_CHANGE_SUCCESS);

    /* nothing is left on the old clock */
    fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
            (old)), 0);
    gst_object_unref (old);

    /* the one wait is on the new clock, a full timeout from now */
    now = gst_clock_get_time (cur);
    fail_unless_equals_uint64 (now, start);
    fail_unless (gst_test_clock_peek_next_pending_id (GST_TEST_CLOCK (cur),
            &id));
    fail_unless (gst_clock_id_get_time (id) >= now + TIMEOUT,
        "armed to fire %" GST_STIME_FORMAT " early",
        GST_STIME_ARGS ((GstClockTimeDiff) (now + TIMEOUT) -
            (GstClockTimeDiff) gst_clock_id_get_time (id)));
    gst_clock_id_unref (id);

    /* every fifth round the stream stalls on the new clock: it times out
     * exactly one timeout later, never before */
    if (i % 5 == 0) {
      fail_unless (gst_test_clock_crank (GST_TEST_CLOCK (cur)));
      msg = idw_tap_pop (tap);
      fail_unless (msg != NULL);
      fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
      fail_unless_equals_uint64 (info.silence, TIMEOUT);
      fail_unless_equals_uint64 (gst_clock_get_time (cur), start + TIMEOUT);
      gst_message_unref (msg);
      timeouts++;
    }
    msg = idw_tap_pop (tap);
    if (msg == NULL)
      msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR);
    fail_unless (msg == NULL, "round %u: unexpected %s", i,
        gst_structure_to_string (gst_message_get_structure (msg)));
    gst_clear_message (&msg);
  }
  fail_unless_equals_int (timeouts, 40);

  gst_harness_teardown (h);
  gst_object_unref (cur);
  gst_object_unref (bus);
  g_rand_free (rand);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* A source that errors while the timer is pending                          */

/* Waits for `go`, pushes n_before_error buffers, then errors */
typedef struct
{
  GstPushSrc parent;
  guint n_before_error;
  guint produced;
  GMutex lock;
  GCond cond;
  gboolean go, flushing;
} FaultSrc;

typedef struct
{
  GstPushSrcClass parent_class;
} FaultSrcClass;

static GType fault_src_get_type (void);
G_DEFINE_TYPE (FaultSrc, fault_src, GST_TYPE_PUSH_SRC);

static GstFlowReturn
fault_src_create (GstPushSrc * src, GstBuffer ** buf)
{
  FaultSrc *self = (FaultSrc *) src;

  g_mutex_lock (&self->lock);
  while (!self->go && !self->flushing)
    g_cond_wait (&self->cond, &self->lock);
  if (self->flushing) {
    g_mutex_unlock (&self->lock);
    return GST_FLOW_FLUSHING;
  }
  g_mutex_unlock (&self->lock);

  if (self->produced++ < self->n_before_error) {
    *buf = gst_buffer_new ();
    return GST_FLOW_OK;
  }
  GST_ELEMENT_ERROR (src, RESOURCE, READ, ("injected read error"), (NULL));
  return GST_FLOW_ERROR;
}

static void
fault_src_set_flushing (FaultSrc * self, gboolean flushing)
{
  g_mutex_lock (&self->lock);
  self->flushing = flushing;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

static gboolean
fault_src_unlock (GstBaseSrc * src)
{
  fault_src_set_flushing ((FaultSrc *) src, TRUE);
  return TRUE;
}

static gboolean
fault_src_unlock_stop (GstBaseSrc * src)
{
  fault_src_set_flushing ((FaultSrc *) src, FALSE);
  return TRUE;
}

static void
fault_src_go (FaultSrc * self)
{
  g_mutex_lock (&self->lock);
  self->go = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
fault_src_finalize (GObject * object)
{
  FaultSrc *self = (FaultSrc *) object;

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (fault_src_parent_class)->finalize (object);
}

static void
fault_src_init (FaultSrc * self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

static void
fault_src_class_init (FaultSrcClass * klass)
{
  static GstStaticPadTemplate src = GST_STATIC_PAD_TEMPLATE ("src",
      GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

  gst_element_class_add_static_pad_template (GST_ELEMENT_CLASS (klass), &src);
  gst_element_class_set_static_metadata (GST_ELEMENT_CLASS (klass),
      "Fault source", "Source", "Errors after n buffers", "tests");
  G_OBJECT_CLASS (klass)->finalize = fault_src_finalize;
  GST_BASE_SRC_CLASS (klass)->unlock = fault_src_unlock;
  GST_BASE_SRC_CLASS (klass)->unlock_stop = fault_src_unlock_stop;
  GST_PUSH_SRC_CLASS (klass)->create = fault_src_create;
}

/* Finalization may come a moment after the pipeline's, from the thread
 * that runs a queued gst_element_call_async() (the EOS action): wait for it,
 * bounded. */
static GMutex gone_lock;
static GCond gone_cond;

static void
finalized (gpointer data, GObject * where)
{
  g_mutex_lock (&gone_lock);
  *(gboolean *) data = TRUE;
  g_cond_broadcast (&gone_cond);
  g_mutex_unlock (&gone_lock);
}

static gboolean
wait_finalized (gboolean * gone)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&gone_lock);
  while (!*gone && g_cond_wait_until (&gone_cond, &gone_lock, end));
  g_mutex_unlock (&gone_lock);
  return *gone;
}

GST_START_TEST (test_source_error_while_timer_pending_tears_down_cleanly)
{
  guint32 seed = g_random_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  guint i, timer_fired_too = 0;

  g_print ("faults: source errors with seed %u\n", seed);
  for (i = 0; i < 200; i++) {
    GstElement *pipe = gst_pipeline_new (NULL);
    GstElement *src = g_object_new (fault_src_get_type (), "name", "src",
        NULL);
    GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
    GstElement *sink = gst_element_factory_make ("fakesink", NULL);
    GstClock *clock = gst_test_clock_new_with_start_time (GST_SECOND);
    GstBus *bus = gst_element_get_bus (pipe);
    GstMessage *msg;
    gboolean wd_gone = FALSE, crank = (i % 2) == 1;
    GError *err = NULL;

    faults_injected++;
    ((FaultSrc *) src)->n_before_error = g_rand_int_range (rand, 0, 5);
    g_object_set (wd, "timeout", 100, "action",
        g_rand_int_range (rand, 0, 3), NULL);
    g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
    gst_bin_add_many (GST_BIN (pipe), src, wd, sink, NULL);
    fail_unless (gst_element_link_many (src, wd, sink, NULL));
    gst_pipeline_use_clock (GST_PIPELINE (pipe), clock);
    g_object_weak_ref (G_OBJECT (wd), finalized, &wd_gone);

    gst_element_set_state (pipe, GST_STATE_PLAYING);
    /* the watchdog's wait is pending when the source errors */
    gst_test_clock_wait_for_pending_id_count (GST_TEST_CLOCK (clock), 1);
    fault_src_go ((FaultSrc *) src);
    if (crank) {
      /* and on odd rounds it fires at the same time, unless the EOS that
       * follows the error disarmed it first */
      GstClockID id;

      if (gst_test_clock_peek_next_pending_id (GST_TEST_CLOCK (clock), &id)) {
        gst_test_clock_set_time (GST_TEST_CLOCK (clock),
            gst_clock_id_get_time (id));
        gst_clock_id_unref (id);
        id = gst_test_clock_process_next_clock_id (GST_TEST_CLOCK (clock));
        if (id) {
          timer_fired_too++;
          gst_clock_id_unref (id);
        }
      }
    }
    msg = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND,
        GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
    fail_unless (msg != NULL, "neither error nor EOS posted");
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      /* the source's error, or the watchdog's (action=error) if it won */
      gst_message_parse_error (msg, &err, NULL);
      fail_unless (err != NULL);
      g_error_free (err);
    } else {
      /* the timer won with action=eos: the sink took EOS, the source then
       * got EOS back from its push and stopped before it could error */
      gint action;

      g_object_get (wd, "action", &action, NULL);
      fail_unless (crank && action == GST_IDLE_WATCHDOG_ACTION_EOS);
    }
    gst_message_unref (msg);

    fail_unless_equals_int (gst_element_set_state (pipe, GST_STATE_NULL),
        GST_STATE_CHANGE_SUCCESS);
    /* teardown leaves nothing on the clock and nothing alive */
    fail_unless_equals_int (gst_test_clock_peek_id_count (GST_TEST_CLOCK
            (clock)), 0);
    gst_bus_set_flushing (bus, TRUE);
    gst_object_unref (bus);
    gst_object_unref (pipe);
    fail_unless (wait_finalized (&wd_gone),
        "the watchdog outlived its pipeline by 10 s");
    gst_object_unref (clock);
  }
  g_print ("faults: 200 source errors, %u with the timer firing too\n",
      timer_fired_too);
  g_rand_free (rand);
}

GST_END_TEST;

static Suite *
faults_suite (void)
{
  Suite *s = suite_create ("reliability-faults");
  TCase *tc = tcase_create ("faults");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 300);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_clock_jumping_a_day_gives_one_timeout_and_no_spin);
  tcase_add_test (tc,
      test_random_clock_jumps_time_out_exactly_when_at_or_above_limit);
  tcase_add_test (tc, test_stopped_clock_never_fires_and_keeps_one_wait);
  tcase_add_test (tc, test_early_wakeups_never_fire_early);
  tcase_add_test (tc,
      test_clock_lost_and_replaced_keeps_working_on_the_new_clock);
  tcase_add_test (tc,
      test_source_error_while_timer_pending_tears_down_cleanly);
  return s;
}

GST_CHECK_MAIN (faults);
