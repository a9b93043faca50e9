/* gst-idlewatchdog: rules that only a whole pipeline shows
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Stacked watchdogs (switches and listeners seen through another
 * watchdog), property writes that must not restart the listener count, a
 * pipeline PAUSED by its application while a flushing seek left the
 * element PLAYING, and a consumer that stopped taking data (reason
 * `blocked`). Every pipeline runs on a GstTestClock that only the test
 * moves.
 */
#include "switch-helpers.h"

#define PRODUCER(name) \
  "appsrc name=in is-live=true format=time caps=application/x-test ! " \
  "testinterpipesink name=" name " sync=false async=false"

static void
assert_timeout_from (GstMessage * msg, const gchar * from,
    GstIdleWatchdogReason reason, GstClockTime silence, GstClockTime timeout)
{
  GstIdleWatchdogTimeout info;

  fail_unless (msg != NULL, "no timeout from %s", from);
  fail_unless_equals_string (GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), from);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info),
      "not a timeout: %s", describe_message (msg));
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string (info.reason),
      gst_idle_watchdog_reason_to_string (reason));
  fail_unless_equals_uint64 (info.silence, silence);
  fail_unless_equals_uint64 (info.timeout, timeout);
}

/* --- stacked watchdogs ------------------------------------------------- */

/* selector ! w1 ! queue ! w2: both apply their switch-timeout; only w1,
 * the nearest, posts the switch */
GST_START_TEST (test_every_watchdog_downstream_of_a_switch_applies_it)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod = switch_pipeline_new (PRODUCER ("p1"), clock);
  GstElement *cons = switch_pipeline_new ("testinterpipesrc name=src "
      "listen-to=p1 ! idlewatchdog name=w1 switch-timeout=3000 ! queue ! "
      "idlewatchdog name=w2 switch-timeout=3000 ! fakesink name=out "
      "sync=false async=false", clock);
  GstBus *bus = gst_element_get_bus (cons);
  GstMessage *msg, *m1 = NULL, *m2 = NULL;
  FlowCounter out;

  flow_counter_attach (&out, switch_pipeline_get (cons, "out"), "sink");
  switch_pipeline_play (prod);
  switch_pipeline_play (cons);
  push_buffer (switch_pipeline_get (prod, "in"), 0);
  fail_unless (flow_counter_wait (&out, 1));
  /* w2's push has returned (flow_counter_wait), and so must w1's into the
   * queue, or its deadline finds it pushing: `blocked` */
  wait_element_chain_done (switch_pipeline_get (cons, "w1"));

  advance_to (tc, 100 * MS);
  g_object_set (switch_pipeline_get (cons, "src"), "listen-to", "gone", NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "listen-to", "gone", NULL);
  fail_unless_equals_string (GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), "w1");
  gst_message_unref (msg);

  /* no `silence` from w2 one timeout after its last buffer */
  advance_to (tc, 3099 * MS);
  assert_no_watchdog_message (bus);
  advance_to (tc, 3100 * MS);
  while ((msg = pop_watchdog_message (bus))) {
    if (GST_MESSAGE_SRC (msg) == GST_OBJECT (switch_pipeline_get (cons, "w1")))
      m1 = msg;
    else
      m2 = msg;
  }
  assert_timeout_from (m1, "w1", GST_IDLE_WATCHDOG_REASON_SWITCH,
      3000 * MS, 3000 * MS);
  assert_timeout_from (m2, "w2", GST_IDLE_WATCHDOG_REASON_SWITCH,
      3000 * MS, 3000 * MS);
  gst_message_unref (m1);
  gst_message_unref (m2);

  flow_counter_detach (&out);
  gst_object_unref (bus);
  switch_pipeline_free (cons);
  switch_pipeline_free (prod);
  gst_object_unref (clock);
}

GST_END_TEST;

/* w1 ! w2 ! interpipesink: w1's listener-timeout reads the element w2 found */
GST_START_TEST (test_listener_timeout_through_another_watchdog)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod = switch_pipeline_new ("appsrc is-live=true format=time "
      "caps=application/x-test ! idlewatchdog name=w1 timeout=60000 "
      "listener-timeout=400 ! idlewatchdog name=w2 timeout=60000 ! "
      "testinterpipesink name=p1 sync=false async=false", clock);
  GstBus *bus = gst_element_get_bus (prod);
  GstIdleWatchdogTimeout info;
  GstClockTime at;
  GstMessage *msg;

  /* nobody listens from the start */
  switch_pipeline_play (prod);
  msg = step_until_message (tc, bus, 2000 * MS, &at, TRUE);
  fail_unless (msg != NULL, "no listener timeout through w2");
  fail_unless_equals_string (GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), "w1");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_NO_LISTENERS);
  /* the first read of zero at 100 ms, the timeout 400 ms later */
  fail_unless (at >= 500 * MS && at <= 600 * MS, "at %" GST_TIME_FORMAT,
      GST_TIME_ARGS (at));
  gst_message_unref (msg);

  gst_object_unref (bus);
  switch_pipeline_free (prod);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- property writes --------------------------------------------------- */

/* A write changes only what it changes: session-id every 50 ms does not
 * restart the listener count */
GST_START_TEST (test_session_id_writes_do_not_restart_the_listener_count)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod = switch_pipeline_new ("appsrc is-live=true format=time "
      "caps=application/x-test ! idlewatchdog name=wd timeout=60000 "
      "listener-timeout=400 ! testinterpipesink name=p1 sync=false "
      "async=false", clock);
  GstElement *wd = switch_pipeline_get (prod, "wd");
  GstBus *bus = gst_element_get_bus (prod);
  GstMessage *msg = NULL;
  GstIdleWatchdogTimeout info;
  GstClockTime t = 0;
  guint i = 0;

  switch_pipeline_play (prod);
  while (msg == NULL && t < 2000 * MS) {
    gchar *id = g_strdup_printf ("s%u", i++);

    if (i % 5 == 0)
      g_object_set (wd, "session-id", id, NULL);
    g_free (id);
    t += 10 * MS;
    advance_to (tc, t);
    wait_for_next_poll (tc);
    msg = pop_watchdog_message (bus);
  }
  fail_unless (msg != NULL, "no listener timeout while session-id changed");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_NO_LISTENERS);
  fail_unless (t <= 600 * MS, "at %" GST_TIME_FORMAT, GST_TIME_ARGS (t));
  gst_message_unref (msg);

  gst_object_unref (bus);
  switch_pipeline_free (prod);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- a flushing seek, then PAUSED -------------------------------------- */

/* A flush makes the sink lose its state: the pipeline re-prerolls while its
 * children stay PLAYING, and PAUSED right then does not reach them. The
 * watchdog must not fire while the application has the pipeline PAUSED,
 * and counts again (a startup phase, after the flush) once it is PLAYING. */
GST_START_TEST (test_paused_after_flushing_seek_never_fires)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *p = switch_pipeline_new ("appsrc name=in format=time "
      "caps=application/x-test ! idlewatchdog name=wd timeout=300 ! "
      "fakesink name=out sync=false", clock);
  GstElement *in = switch_pipeline_get (p, "in");
  GstElement *wd = switch_pipeline_get (p, "wd");
  GstPad *pad = gst_element_get_static_pad (in, "src");
  GstBus *bus = gst_element_get_bus (p);
  GstClockTime at;
  GstMessage *msg;
  GstState state;

  gst_element_set_state (p, GST_STATE_PLAYING);
  push_buffer (in, 0);
  fail_unless_equals_int (gst_element_get_state (p, &state, NULL,
          20 * GST_SECOND), GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (state, GST_STATE_PLAYING);

  /* a flush from upstream, as a flushing seek makes: the sink loses its
   * state; the application pauses right away */
  advance_to (tc, 100 * MS);
  fail_unless (gst_pad_push_event (pad, gst_event_new_flush_start ()));
  fail_unless (gst_pad_push_event (pad, gst_event_new_flush_stop (TRUE)));
  gst_element_set_state (p, GST_STATE_PAUSED);
  fail_unless_equals_int (GST_STATE (wd), GST_STATE_PLAYING);

  advance_to (tc, 5000 * MS);
  assert_no_watchdog_message (bus);
  fail_unless_equals_int (idw_tap_decided (p), 0);

  /* PLAYING again: a count from the first look that sees it */
  gst_element_set_state (p, GST_STATE_PLAYING);
  msg = step_until_message (tc, bus, 6000 * MS, &at, FALSE);
  fail_unless (msg != NULL, "no timeout once PLAYING again");
  fail_unless (at >= 5300 * MS && at <= 5350 * MS, "at %" GST_TIME_FORMAT,
      GST_TIME_ARGS (at));
  {
    GstIdleWatchdogTimeout info;

    fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
    fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_STARTUP);
    fail_unless (info.silence >= 300 * MS && info.silence <= at - 5000 * MS);
  }
  gst_message_unref (msg);

  gst_object_unref (pad);
  gst_object_unref (bus);
  switch_pipeline_free (p);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- a consumer that stopped taking data ------------------------------- */

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean blocked;
} Block;

static GstPadProbeReturn
on_blocked (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Block *b = user_data;

  g_mutex_lock (&b->lock);
  b->blocked = TRUE;
  g_cond_broadcast (&b->cond);
  g_mutex_unlock (&b->lock);
  return GST_PAD_PROBE_OK;
}

static void
wait_blocked (Block * b)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&b->lock);
  while (!b->blocked)
    fail_unless (g_cond_wait_until (&b->cond, &b->lock, deadline));
  g_mutex_unlock (&b->lock);
}

static void
blocked_consumer (const gchar * action)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  gchar *desc = g_strdup_printf ("appsrc name=in is-live=true format=time "
      "caps=application/x-test ! idlewatchdog name=wd timeout=500 action=%s "
      "! fakesink name=out sync=false async=false", action);
  GstElement *p = switch_pipeline_new (desc, clock);
  GstPad *pad = gst_element_get_static_pad (switch_pipeline_get (p, "out"),
      "sink");
  GstBus *bus = gst_element_get_bus (p);
  Block b = { 0, };
  GstMessage *msg;
  GstClockTime silence;
  gulong probe;

  g_free (desc);
  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);
  probe = gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BLOCK |
      GST_PAD_PROBE_TYPE_BUFFER, on_blocked, &b, NULL);
  switch_pipeline_play (p);
  advance_to (tc, 100 * MS);
  push_buffer (switch_pipeline_get (p, "in"), 0);
  wait_blocked (&b);

  /* the buffer went into the element's push at 100 ms and never came
   * back: blocked, not silence */
  advance_to (tc, 599 * MS);
  assert_no_watchdog_message (bus);
  advance_to (tc, 600 * MS);
  msg = pop_watchdog_message (bus);
  assert_timeout_from (msg, "wd", GST_IDLE_WATCHDOG_REASON_BLOCKED,
      500 * MS, 500 * MS);
  gst_message_unref (msg);

  if (g_str_equal (action, "eos")) {
    /* an EOS cannot pass it: the error ends the pipeline instead */
    msg = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND,
        GST_MESSAGE_ERROR);
    fail_unless (msg != NULL, "no error for a blocked consumer");
    fail_unless (GST_MESSAGE_SRC (msg) ==
        GST_OBJECT (switch_pipeline_get (p, "wd")));
    gst_message_unref (msg);
  } else {
    /* the consumer takes data again: resumed with the next buffer */
    gst_pad_remove_probe (pad, probe);
    advance_to (tc, 800 * MS);
    push_buffer (switch_pipeline_get (p, "in"), 1);
    msg = wait_watchdog_message (bus);
    fail_unless (msg != NULL);
    fail_unless (gst_idle_watchdog_message_parse_resumed (msg, &silence,
            NULL));
    gst_message_unref (msg);
  }

  gst_object_unref (pad);
  gst_object_unref (bus);
  switch_pipeline_free (p);
  gst_object_unref (clock);
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.cond);
}

GST_START_TEST (test_blocked_consumer_is_reason_blocked)
{
  blocked_consumer ("message");
}

GST_END_TEST;

GST_START_TEST (test_blocked_consumer_with_action_eos_posts_error)
{
  blocked_consumer ("eos");
}

GST_END_TEST;

/* --- a timeout built in PLAYING, posted after PAUSED ------------------- */

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean in_handler, release;
  guint timeouts;
  GstElement *src;
} Held;

/* Holds the thread that posts the switch message (and so the element's
 * outbox) until the test releases it */
static GstBusSyncReply
hold_on_switch (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  Held *h = user_data;

  g_mutex_lock (&h->lock);
  if (gst_idle_watchdog_message_is_switch (msg)) {
    h->in_handler = TRUE;
    g_cond_broadcast (&h->cond);
    while (!h->release)
      g_cond_wait (&h->cond, &h->lock);
  } else if (gst_idle_watchdog_message_is_timeout (msg)) {
    h->timeouts++;
    g_cond_broadcast (&h->cond);
  }
  g_mutex_unlock (&h->lock);
  return GST_BUS_PASS;
}

static gpointer
switch_from_thread (gpointer data)
{
  Held *h = data;

  g_object_set (h->src, "listen-to", "p2", NULL);
  return NULL;
}

static guint
stats_timeouts (GstElement * wd)
{
  GstStructure *s;
  guint n = 0;

  g_object_get (wd, "stats", &s, NULL);
  gst_structure_get_uint (s, "timeouts", &n);
  gst_structure_free (s);
  return n;
}

GST_START_TEST (test_timeout_of_a_run_that_ended_is_not_posted)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *p = gst_parse_launch ("testinterpipesrc name=src listen-to=p1 "
      "! idlewatchdog name=wd timeout=500 ! fakesink sync=false async=false",
      NULL);
  GstElement *wd = switch_pipeline_get (p, "wd");
  GstBus *bus = gst_element_get_bus (p);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  Held h = { 0, };
  GThread *t;

  g_mutex_init (&h.lock);
  g_cond_init (&h.cond);
  h.src = switch_pipeline_get (p, "src");
  gst_bus_set_sync_handler (bus, hold_on_switch, &h, NULL);
  gst_pipeline_use_clock (GST_PIPELINE (p), clock);
  switch_pipeline_play (p);

  /* a switch at 0 whose message is held in its handler */
  t = g_thread_new ("switcher", switch_from_thread, &h);
  g_mutex_lock (&h.lock);
  while (!h.in_handler)
    fail_unless (g_cond_wait_until (&h.cond, &h.lock, deadline));
  g_mutex_unlock (&h.lock);

  /* the timeout is decided in PLAYING, queued behind the held message; the
   * pipeline goes to PAUSED before it can be posted */
  advance_to (tc, 500 * MS);
  fail_unless_equals_int (stats_timeouts (wd), 1);
  fail_unless_equals_int (gst_element_set_state (p, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  g_mutex_lock (&h.lock);
  h.release = TRUE;
  g_cond_broadcast (&h.cond);
  g_mutex_unlock (&h.lock);
  g_thread_join (t);

  /* dropped, and not counted */
  while (stats_timeouts (wd) != 0) {
    fail_unless (g_get_monotonic_time () < deadline, "the timeout stayed");
    g_thread_yield ();
  }
  g_mutex_lock (&h.lock);
  fail_unless_equals_int (h.timeouts, 0);
  g_mutex_unlock (&h.lock);

  /* PLAYING again: a new count, a timeout that is posted */
  switch_pipeline_play (p);
  advance_to (tc, 1000 * MS);
  g_mutex_lock (&h.lock);
  while (h.timeouts == 0)
    fail_unless (g_cond_wait_until (&h.cond, &h.lock, deadline),
        "no timeout in the new run");
  g_mutex_unlock (&h.lock);

  switch_pipeline_free (p);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (bus);
  gst_object_unref (clock);
  g_mutex_clear (&h.lock);
  g_cond_clear (&h.cond);
}

GST_END_TEST;

static Suite *
rules_suite (void)
{
  Suite *s = suite_create ("rules");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_every_watchdog_downstream_of_a_switch_applies_it);
  tcase_add_test (tc, test_listener_timeout_through_another_watchdog);
  tcase_add_test (tc,
      test_session_id_writes_do_not_restart_the_listener_count);
  tcase_add_test (tc, test_paused_after_flushing_seek_never_fires);
  tcase_add_test (tc, test_blocked_consumer_is_reason_blocked);
  tcase_add_test (tc, test_blocked_consumer_with_action_eos_posts_error);
  tcase_add_test (tc, test_timeout_of_a_run_that_ended_is_not_posted);
  return s;
}

GST_CHECK_MAIN (rules);
