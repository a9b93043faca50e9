/* gst-idlewatchdog: switch and listener awareness against the gst-interpipe
 * test double (testinterpipesrc listen-to, testinterpipesink num-listeners)
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every pipeline runs on one GstTestClock that only the test moves; the
 * producers are appsrc elements the test feeds, and the test waits for each
 * buffer to have crossed the watchdog before it moves the clock, so the
 * watchdog's timings are exact.
 */
#include "switch-helpers.h"

#define PRODUCER(name) \
  "appsrc name=in is-live=true format=time caps=application/x-test ! " \
  "testinterpipesink name=" name " sync=false async=false"

/* timeout 1000 ms, switch-timeout 300 ms */
#define CONSUMER(props) \
  "testinterpipesrc name=src listen-to=p1 ! idlewatchdog name=wd " \
  "timeout=1000 switch-timeout=300 session-id=s1 " props " ! " \
  "fakesink name=out sync=false async=false"

/* The producers p1 and p2 and one consumer listening to p1, on one clock */
typedef struct
{
  GstClock *clock;
  GstTestClock *tc;
  GstElement *p1, *p2, *cons;
  GstElement *in1, *in2, *src, *wd;
  GstBus *bus;
  FlowCounter out;
  guint64 next_offset;
} Session;

static void
session_setup (Session * s, const gchar * consumer_props)
{
  gchar *desc = g_strdup_printf (CONSUMER ("%s"), consumer_props);

  s->clock = gst_test_clock_new ();
  s->tc = GST_TEST_CLOCK (s->clock);
  s->p1 = switch_pipeline_new (PRODUCER ("p1"), s->clock);
  s->p2 = switch_pipeline_new (PRODUCER ("p2"), s->clock);
  s->cons = switch_pipeline_new (desc, s->clock);
  g_free (desc);
  s->in1 = switch_pipeline_get (s->p1, "in");
  s->in2 = switch_pipeline_get (s->p2, "in");
  s->src = switch_pipeline_get (s->cons, "src");
  s->wd = switch_pipeline_get (s->cons, "wd");
  s->bus = gst_element_get_bus (s->cons);
  s->next_offset = 0;
  flow_counter_attach (&s->out, switch_pipeline_get (s->cons, "out"), "sink");
  switch_pipeline_play (s->p1);
  switch_pipeline_play (s->p2);
  switch_pipeline_play (s->cons);
}

static void
session_teardown (Session * s)
{
  flow_counter_detach (&s->out);
  gst_object_unref (s->bus);
  switch_pipeline_free (s->cons);
  switch_pipeline_free (s->p2);
  switch_pipeline_free (s->p1);
  gst_object_unref (s->clock);
}

/* Pushes one buffer into @in and waits until the consumer's watchdog has
 * passed it on */
static void
feed (Session * s, GstElement * in)
{
  guint64 n = flow_counter_get (&s->out);

  push_buffer (in, s->next_offset++);
  fail_unless (flow_counter_wait (&s->out, n + 1),
      "the buffer did not reach the consumer");
}

static void
assert_timeout (GstMessage * msg, GstIdleWatchdogReason reason,
    GstClockTime silence, GstClockTime timeout)
{
  GstIdleWatchdogTimeout info;

  fail_unless (msg != NULL, "no timeout message");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info),
      "not a timeout: %s", describe_message (msg));
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string (info.reason),
      gst_idle_watchdog_reason_to_string (reason));
  fail_unless_equals_uint64 (info.silence, silence);
  fail_unless_equals_uint64 (info.timeout, timeout);
  fail_unless_equals_string (info.session_id, "s1");
}

GST_START_TEST (test_switch_to_missing_producer_times_out_with_reason_switch)
{
  Session s;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;
  gboolean idle;

  session_setup (&s, "");
  feed (&s, s.in1);

  advance_to (s.tc, 100 * MS);
  g_object_set (s.src, "listen-to", "gone", NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "src", "listen-to", "gone", "s1");
  gst_message_unref (msg);

  /* p1 goes on producing, to nobody on this side */
  push_buffer (s.in1, 99);
  advance_to (s.tc, 399 * MS);
  assert_no_watchdog_message (s.bus);

  advance_to (s.tc, 400 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_timeout (msg, GST_IDLE_WATCHDOG_REASON_SWITCH, 300 * MS, 300 * MS);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_string (info.switch_element, "src");
  fail_unless_equals_string (info.switch_target, "gone");
  fail_unless_equals_uint64 (info.buffers, 1);
  gst_message_unref (msg);
  g_object_get (s.wd, "idle", &idle, NULL);
  fail_unless (idle);
  fail_unless_equals_uint64 (flow_counter_get (&s.out), 1);

  /* one timeout per episode */
  advance_to (s.tc, 5000 * MS);
  assert_no_watchdog_message (s.bus);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_quick_switch_between_producers_does_not_time_out)
{
  Session s;
  GstMessage *msg;
  GstClockTime t;

  session_setup (&s, "");
  feed (&s, s.in1);
  advance_to (s.tc, 100 * MS);
  g_object_set (s.src, "listen-to", "p2", NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "src", "listen-to", "p2", "s1");
  gst_message_unref (msg);

  /* p2's first frame comes 250 ms after the switch (switch-timeout 300),
   * then one every 100 ms */
  for (t = 350 * MS; t <= 3000 * MS; t += 100 * MS) {
    advance_to (s.tc, t);
    feed (&s, s.in2);
  }
  advance_to (s.tc, 3050 * MS);
  assert_no_watchdog_message (s.bus);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_silence_right_after_switch_times_out_with_reason_switch)
{
  Session s;
  GstMessage *msg;

  session_setup (&s, "");
  feed (&s, s.in1);
  advance_to (s.tc, 100 * MS);
  g_object_set (s.src, "listen-to", "p2", NULL);
  gst_message_unref (wait_watchdog_message (s.bus));

  /* one buffer from p2, then nothing: the switch phase (and its limit)
   * lasts until data has flowed for `timeout` since the switch */
  advance_to (s.tc, 200 * MS);
  feed (&s, s.in2);
  advance_to (s.tc, 499 * MS);
  assert_no_watchdog_message (s.bus);
  advance_to (s.tc, 500 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_timeout (msg, GST_IDLE_WATCHDOG_REASON_SWITCH, 300 * MS, 300 * MS);
  gst_message_unref (msg);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_switch_phase_ends_once_data_flowed_for_timeout)
{
  Session s;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;
  GstClockTime t;

  session_setup (&s, "");
  feed (&s, s.in1);
  advance_to (s.tc, 100 * MS);
  g_object_set (s.src, "listen-to", "p2", NULL);
  gst_message_unref (wait_watchdog_message (s.bus));

  /* data from 200 to 1200 ms: past switch + timeout (1100 ms) */
  for (t = 200 * MS; t <= 1200 * MS; t += 100 * MS) {
    advance_to (s.tc, t);
    feed (&s, s.in2);
  }
  /* from here the limit is `timeout` again, and the reason silence */
  advance_to (s.tc, 2199 * MS);
  assert_no_watchdog_message (s.bus);
  advance_to (s.tc, 2200 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_timeout (msg, GST_IDLE_WATCHDOG_REASON_SILENCE, 1000 * MS, 1000 * MS);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless (info.switch_element == NULL);
  fail_unless (info.switch_target == NULL);
  gst_message_unref (msg);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_set_to_same_producer_is_not_a_switch)
{
  Session s;
  GstMessage *msg;

  session_setup (&s, "");
  feed (&s, s.in1);
  /* the double notifies on every set, like gst-interpipe */
  advance_to (s.tc, 500 * MS);
  g_object_set (s.src, "listen-to", "p1", NULL);
  assert_no_watchdog_message (s.bus);

  /* and the silence count was not restarted: due at 0 + 1000 ms */
  advance_to (s.tc, 1000 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_timeout (msg, GST_IDLE_WATCHDOG_REASON_SILENCE, 1000 * MS, 1000 * MS);
  gst_message_unref (msg);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_switch_while_idle_starts_new_count_and_activity_resumes)
{
  Session s;
  GstMessage *msg;
  GstClockTime silence;
  guint timeouts;

  session_setup (&s, "");
  feed (&s, s.in1);
  advance_to (s.tc, 1000 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_timeout (msg, GST_IDLE_WATCHDOG_REASON_SILENCE, 1000 * MS, 1000 * MS);
  gst_message_unref (msg);

  advance_to (s.tc, 1100 * MS);
  g_object_set (s.src, "listen-to", "gone", NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "src", "listen-to", "gone", "s1");
  gst_message_unref (msg);
  /* a switch is not activity: no resumed */
  assert_no_watchdog_message (s.bus);

  advance_to (s.tc, 1399 * MS);
  assert_no_watchdog_message (s.bus);
  advance_to (s.tc, 1400 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_timeout (msg, GST_IDLE_WATCHDOG_REASON_SWITCH, 300 * MS, 300 * MS);
  gst_message_unref (msg);
  g_object_get (s.wd, "timeouts", &timeouts, NULL);
  fail_unless_equals_int (timeouts, 2);

  /* back to a live producer: its first buffer ends the whole silent
   * episode, which began with the last buffer at 0 */
  advance_to (s.tc, 1500 * MS);
  g_object_set (s.src, "listen-to", "p1", NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "src", "listen-to", "p1", "s1");
  gst_message_unref (msg);
  advance_to (s.tc, 1600 * MS);
  feed (&s, s.in1);
  msg = wait_watchdog_message (s.bus);
  fail_unless (gst_idle_watchdog_message_parse_resumed (msg, &silence, NULL),
      "not a resumed message");
  fail_unless_equals_uint64 (silence, 1600 * MS);
  gst_message_unref (msg);

  session_teardown (&s);
}

GST_END_TEST;

/* The storm: a thread sets listen-to N times, alternating p2 and p1 */
#define STORM_SETS 4000

typedef struct
{
  GstElement *src;
  gint done;
} Storm;

static gpointer
storm_thread (gpointer data)
{
  Storm *storm = data;
  guint i;

  for (i = 0; i < STORM_SETS; i++)
    g_object_set (storm->src, "listen-to", (i % 2) ? "p1" : "p2", NULL);
  g_atomic_int_set (&storm->done, 1);
  return NULL;
}

/* Feeds both producers until the consumer got one more buffer: with the
 * target flipping, a given buffer may go to a source that just left */
static void
feed_either (Session * s)
{
  guint64 n = flow_counter_get (&s->out);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (flow_counter_get (&s->out) == n) {
    fail_unless (g_get_monotonic_time () < deadline,
        "no buffer reached the consumer during the storm");
    push_buffer (s->in1, s->next_offset++);
    push_buffer (s->in2, s->next_offset++);
    g_mutex_lock (&s->out.lock);
    if (s->out.count == n)
      g_cond_wait_until (&s->out.cond, &s->out.lock,
          g_get_monotonic_time () + 5 * G_TIME_SPAN_MILLISECOND);
    g_mutex_unlock (&s->out.lock);
  }
}

GST_START_TEST (test_switch_storm_from_another_thread)
{
  Session s;
  Storm storm = { NULL, 0 };
  GThread *thread;
  GstMessage *msg;
  GstClockTime t = 0;
  guint switches = 0, after = 0;
  const gchar *target;
  gchar *final;

  session_setup (&s, "switch-timeout=500");
  storm.src = s.src;
  feed (&s, s.in1);
  thread = g_thread_new ("storm", storm_thread, &storm);

  /* data keeps flowing while the clock moves 20 ms at a time; no gap ever
   * comes near switch-timeout, so no timeout may fire */
  while (!g_atomic_int_get (&storm.done) || after < 50) {
    if (g_atomic_int_get (&storm.done))
      after++;
    t += 20 * MS;
    advance_to (s.tc, t);
    feed_either (&s);
  }
  g_thread_join (thread);
  advance_to (s.tc, t + 20 * MS);

  /* one switch message per set, in order; nothing else */
  while ((msg = pop_watchdog_message (s.bus))) {
    fail_unless (gst_idle_watchdog_message_is_switch (msg),
        "unexpected %s", describe_message (msg));
    assert_switch_message (msg, "src", "listen-to",
        (switches % 2) ? "p1" : "p2", "s1");
    switches++;
    gst_message_unref (msg);
  }
  fail_unless_equals_int (switches, STORM_SETS);
  g_object_get (s.src, "listen-to", &final, NULL);
  target = (STORM_SETS % 2) ? "p2" : "p1";
  fail_unless_equals_string (final, target);
  g_free (final);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_first_target_of_unconnected_source_is_no_switch)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *cons = switch_pipeline_new ("testinterpipesrc name=src ! "
      "idlewatchdog name=wd session-id=s1 ! fakesink sync=false async=false",
      clock);
  GstElement *src = switch_pipeline_get (cons, "src");
  GstBus *bus = gst_element_get_bus (cons);
  GstMessage *msg;

  /* a source that listened to nothing gets its first producer */
  switch_pipeline_play (cons);
  g_object_set (src, "listen-to", "p1", NULL);
  assert_no_watchdog_message (bus);
  g_object_set (src, "listen-to", "p2", NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "listen-to", "p2", "s1");
  gst_message_unref (msg);

  gst_object_unref (bus);
  switch_pipeline_free (cons);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_detach_and_reattach_are_switches)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *cons = switch_pipeline_new ("testinterpipesrc name=src "
      "listen-to=p1 ! idlewatchdog name=wd session-id=s1 ! "
      "fakesink sync=false async=false", clock);
  GstElement *src = switch_pipeline_get (cons, "src");
  GstBus *bus = gst_element_get_bus (cons);
  GstMessage *msg;

  /* once connected, detaching ("") and attaching again are both switches */
  switch_pipeline_play (cons);
  g_object_set (src, "listen-to", "", NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "listen-to", "", "s1");
  gst_message_unref (msg);
  g_object_set (src, "listen-to", "gone", NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "listen-to", "gone", "s1");
  gst_message_unref (msg);

  gst_object_unref (bus);
  switch_pipeline_free (cons);
  gst_object_unref (clock);
}

GST_END_TEST;

/* A switch that lands between the watchdog's connection to notify:: and
 * its first read is a switch, not the first target */
GST_START_TEST (test_switch_between_connection_and_first_read_is_reported)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *cons = switch_pipeline_new ("testinterpipesrc name=src "
      "listen-to=p1 switch-on-watched-read=p2 ! idlewatchdog name=wd ! "
      "fakesink sync=false async=false", clock);
  GstBus *bus = gst_element_get_bus (cons);
  GstMessage *msg;

  switch_pipeline_play (cons);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "listen-to", "p2", NULL);
  gst_message_unref (msg);
  assert_no_watchdog_message (bus);

  gst_object_unref (bus);
  switch_pipeline_free (cons);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_switch_reported_by_nearest_watchdog_only)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *cons = switch_pipeline_new ("testinterpipesrc name=src "
      "listen-to=p1 ! idlewatchdog name=w1 ! queue ! idlewatchdog name=w2 ! "
      "fakesink sync=false async=false", clock);
  GstElement *src = switch_pipeline_get (cons, "src");
  GstBus *bus = gst_element_get_bus (cons);
  GstMessage *msg;

  /* the walk of w2 stops at w1: one message per switch, from w1 */
  switch_pipeline_play (cons);
  g_object_set (src, "listen-to", "p2", NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "listen-to", "p2", NULL);
  fail_unless_equals_string (GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), "w1");
  gst_message_unref (msg);
  assert_no_watchdog_message (bus);

  gst_object_unref (bus);
  switch_pipeline_free (cons);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- no listeners ------------------------------------------------------ */

#define LISTENED_PRODUCER(props) \
  "appsrc name=in is-live=true format=time caps=application/x-test ! " \
  "idlewatchdog name=wd timeout=60000 listener-timeout=400 session-id=s1 " \
  props " ! testinterpipesink name=p1 sync=false async=false"

static GstElement *
consumer_new (void)
{
  GstElement *c = gst_element_factory_make ("testinterpipesrc", NULL);

  g_object_set (c, "listen-to", "p1", NULL);
  return c;
}

GST_START_TEST (test_no_listeners_times_out_and_resumes)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod = switch_pipeline_new (LISTENED_PRODUCER (""), clock);
  GstElement *c1 = consumer_new ();
  GstBus *bus = gst_element_get_bus (prod);
  GstIdleWatchdogTimeout info;
  GstClockTime at, silence;
  GstMessage *msg;
  const gchar *sid;

  /* a listener from the start */
  fail_unless_equals_int (gst_element_set_state (c1, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  switch_pipeline_play (prod);
  msg = step_until_message (tc, bus, 1000 * MS, &at, TRUE);
  fail_unless (msg == NULL, "unexpected %s",
      describe_message (msg));

  /* the client goes away at 1000 ms; the polls every 100 ms see it */
  fail_unless_equals_int (gst_element_set_state (c1, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  msg = step_until_message (tc, bus, 3000 * MS, &at, TRUE);
  fail_unless (msg != NULL, "no timeout with zero listeners");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info),
      "not a timeout: %s", describe_message (msg));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_NO_LISTENERS);
  fail_unless_equals_uint64 (info.timeout, 400 * MS);
  fail_unless_equals_string (info.session_id, "s1");
  /* counted from the first read of zero, which is at most one poll
   * interval after the client left */
  fail_unless (info.silence >= 400 * MS, "silence %" GST_TIME_FORMAT,
      GST_TIME_ARGS (info.silence));
  fail_unless (info.silence <= at - 1000 * MS);
  fail_unless (at >= 1400 * MS && at <= 1500 * MS, "fired at %"
      GST_TIME_FORMAT, GST_TIME_ARGS (at));
  gst_message_unref (msg);

  /* one timeout per episode */
  msg = step_until_message (tc, bus, 4000 * MS, &at, TRUE);
  fail_unless (msg == NULL, "unexpected %s",
      describe_message (msg));

  /* a client comes back at 4000 ms: resumed at the next poll */
  fail_unless_equals_int (gst_element_set_state (c1, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  msg = step_until_message (tc, bus, 5000 * MS, &at, TRUE);
  fail_unless (msg != NULL, "no resumed");
  fail_unless (gst_idle_watchdog_message_parse_resumed (msg, &silence, &sid),
      "not a resumed: %s", describe_message (msg));
  fail_unless (at <= 4100 * MS, "resumed at %" GST_TIME_FORMAT,
      GST_TIME_ARGS (at));
  fail_unless (silence <= at - 1000 * MS && silence >= at - 1100 * MS);
  fail_unless_equals_string (sid, "s1");
  gst_message_unref (msg);

  gst_element_set_state (c1, GST_STATE_NULL);
  gst_object_unref (c1);
  gst_object_unref (bus);
  switch_pipeline_free (prod);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_consumer_switching_away_counts_as_leaving)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod = switch_pipeline_new (LISTENED_PRODUCER (""), clock);
  GstElement *c1 = consumer_new ();
  GstBus *bus = gst_element_get_bus (prod);
  GstIdleWatchdogTimeout info;
  GstClockTime at;
  GstMessage *msg;

  fail_unless_equals_int (gst_element_set_state (c1, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  switch_pipeline_play (prod);
  advance_to (tc, 500 * MS);
  /* (the read the wakes before 500 ms started is over, and stamped 500) */
  wait_for_next_poll (tc);
  /* the streaming side is switched to another producer: p1 pushes to
   * nobody */
  g_object_set (c1, "listen-to", "p2", NULL);
  msg = step_until_message (tc, bus, 2000 * MS, &at, TRUE);
  fail_unless (msg != NULL);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_NO_LISTENERS);
  fail_unless (at >= 900 * MS && at <= 1000 * MS, "at %" GST_TIME_FORMAT,
      GST_TIME_ARGS (at));
  gst_message_unref (msg);

  gst_element_set_state (c1, GST_STATE_NULL);
  gst_object_unref (c1);
  gst_object_unref (bus);
  switch_pipeline_free (prod);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_listener_sink_found_through_queue_tee_and_bin)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod = switch_pipeline_new ("appsrc name=in is-live=true "
      "format=time caps=application/x-test ! idlewatchdog name=wd "
      "timeout=60000 listener-timeout=400 ! queue ! tee name=t "
      "t. ! queue ! fakesink sync=false async=false "
      "t. ! queue name=tq", clock);
  GstElement *inner = gst_parse_bin_from_description ("identity ! "
      "testinterpipesink name=p1 sync=false async=false", TRUE, NULL);
  GstBus *bus = gst_element_get_bus (prod);
  GstIdleWatchdogTimeout info;
  GstClockTime at;
  GstMessage *msg;

  /* the node sits in a bin behind a ghost pad, two queues and a tee away */
  fail_unless (inner != NULL);
  gst_bin_add (GST_BIN (prod), inner);
  fail_unless (gst_element_link (switch_pipeline_get (prod, "tq"), inner));

  switch_pipeline_play (prod);
  msg = step_until_message (tc, bus, 2000 * MS, &at, TRUE);
  fail_unless (msg != NULL, "the listener sink was not found");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_NO_LISTENERS);
  gst_message_unref (msg);

  gst_object_unref (bus);
  switch_pipeline_free (prod);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- re-linking while PLAYING ----------------------------------------- */

GST_START_TEST (test_relinked_source_is_watched)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *cons = switch_pipeline_new ("testinterpipesrc name=a "
      "listen-to=p1 ! queue name=q ! idlewatchdog name=wd session-id=s1 ! "
      "fakesink sync=false async=false", clock);
  GstElement *a = switch_pipeline_get (cons, "a");
  GstElement *q = switch_pipeline_get (cons, "q");
  GstElement *b = gst_element_factory_make ("testinterpipesrc", "b");
  GstBus *bus = gst_element_get_bus (cons);
  GstMessage *msg = NULL;
  guint i;

  switch_pipeline_play (cons);
  g_object_set (a, "listen-to", "x", NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "a", "listen-to", "x", "s1");
  gst_clear_message (&msg);

  /* replace a by b while PLAYING */
  gst_element_unlink (a, q);
  gst_bin_add (GST_BIN (cons), b);
  fail_unless (gst_element_link (b, q));
  fail_unless (gst_element_sync_state_with_parent (b));

  /* the new walk runs asynchronously, shortly after the link: flip b's
   * target until the watchdog reports it (bounded) */
  for (i = 0; msg == NULL && i < 2000; i++) {
    g_object_set (b, "listen-to", (i % 2) ? "y" : "z", NULL);
    msg = timed_pop_watchdog_message (bus, 10 * G_TIME_SPAN_MILLISECOND);
  }
  fail_unless (msg != NULL, "the re-linked source was never watched");
  fail_unless (gst_idle_watchdog_message_parse_switch (msg, NULL, NULL, NULL,
          NULL), "not a switch: %s",
      describe_message (msg));
  fail_unless_equals_string (GST_ELEMENT_NAME (GST_MESSAGE_SRC (msg)), "wd");
  gst_message_unref (msg);
  drain_watchdog_messages (bus);

  /* and a, off the path now, is not watched any more */
  g_object_set (a, "listen-to", "w", NULL);
  assert_no_watchdog_message (bus);

  fail_unless_equals_int (gst_element_set_state (a, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (bus);
  switch_pipeline_free (cons);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- teardown -------------------------------------------------------- */

static gboolean
has_notify_handler (GstElement * element, const gchar * property)
{
  return g_signal_has_handler_pending (element,
      g_signal_lookup ("notify", G_TYPE_OBJECT),
      g_quark_from_string (property), FALSE);
}

GST_START_TEST (test_ready_drops_watches_and_playing_restores_them)
{
  Session s;
  GstMessage *msg;

  session_setup (&s, "");
  fail_unless (has_notify_handler (s.src, "listen-to"));

  fail_unless_equals_int (gst_element_set_state (s.cons, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  fail_if (has_notify_handler (s.src, "listen-to"));
  g_object_set (s.src, "listen-to", "p2", NULL);
  assert_no_watchdog_message (s.bus);

  /* the next start walks again and remembers the current value */
  switch_pipeline_play (s.cons);
  fail_unless (has_notify_handler (s.src, "listen-to"));
  g_object_set (s.src, "listen-to", "p2", NULL);
  assert_no_watchdog_message (s.bus);
  g_object_set (s.src, "listen-to", "p1", NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "src", "listen-to", "p1", "s1");
  gst_message_unref (msg);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_source_outliving_its_watchdog_is_safe)
{
  GstElement *cons = switch_pipeline_new (CONSUMER (""), NULL);
  GstElement *src = gst_object_ref (switch_pipeline_get (cons, "src"));

  switch_pipeline_play (cons);
  fail_unless (has_notify_handler (src, "listen-to"));
  /* the pipeline and its watchdog go away; the source stays */
  switch_pipeline_free (cons);
  fail_if (has_notify_handler (src, "listen-to"));
  g_object_set (src, "listen-to", "elsewhere", NULL);
  gst_object_unref (src);
}

GST_END_TEST;

/* --- watch-switches=false ---------------------------------------------- */

GST_START_TEST (test_watch_switches_false_ignores_switches)
{
  Session s;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;

  session_setup (&s, "watch-switches=false");
  feed (&s, s.in1);
  advance_to (s.tc, 100 * MS);
  g_object_set (s.src, "listen-to", "gone", NULL);
  assert_no_watchdog_message (s.bus);

  /* the plain silence rule: 1000 ms after the last buffer, reason silence */
  advance_to (s.tc, 999 * MS);
  assert_no_watchdog_message (s.bus);
  advance_to (s.tc, 1000 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_timeout (msg, GST_IDLE_WATCHDOG_REASON_SILENCE, 1000 * MS, 1000 * MS);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless (info.switch_element == NULL);
  gst_message_unref (msg);

  session_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_watch_switches_false_ignores_listeners)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod =
      switch_pipeline_new (LISTENED_PRODUCER ("watch-switches=false"), clock);
  GstBus *bus = gst_element_get_bus (prod);
  GstClockTime at;
  GstMessage *msg;

  /* nobody ever listens (and nothing is read: no poll to wait for) */
  switch_pipeline_play (prod);
  msg = step_until_message (tc, bus, 3000 * MS, &at, FALSE);
  fail_unless (msg == NULL, "unexpected %s",
      describe_message (msg));

  gst_object_unref (bus);
  switch_pipeline_free (prod);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_watch_switches_defaults_to_true)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
  gboolean watch;

  fail_unless (wd != NULL);
  g_object_get (wd, "watch-switches", &watch, NULL);
  fail_unless (watch);
  gst_object_unref (wd);
}

GST_END_TEST;

static Suite *
switch_interpipe_suite (void)
{
  Suite *s = suite_create ("switch-interpipe");
  TCase *tc = tcase_create ("switch");
  TCase *tl = tcase_create ("listeners");

  suite_add_tcase (s, tc);
  tcase_add_test (tc,
      test_switch_to_missing_producer_times_out_with_reason_switch);
  tcase_add_test (tc, test_quick_switch_between_producers_does_not_time_out);
  tcase_add_test (tc,
      test_silence_right_after_switch_times_out_with_reason_switch);
  tcase_add_test (tc, test_switch_phase_ends_once_data_flowed_for_timeout);
  tcase_add_test (tc, test_set_to_same_producer_is_not_a_switch);
  tcase_add_test (tc,
      test_switch_while_idle_starts_new_count_and_activity_resumes);
  tcase_add_test (tc, test_switch_storm_from_another_thread);
  tcase_add_test (tc, test_first_target_of_unconnected_source_is_no_switch);
  tcase_add_test (tc, test_detach_and_reattach_are_switches);
  tcase_add_test (tc, test_switch_reported_by_nearest_watchdog_only);
  tcase_add_test (tc,
      test_switch_between_connection_and_first_read_is_reported);
  tcase_add_test (tc, test_relinked_source_is_watched);
  tcase_add_test (tc, test_ready_drops_watches_and_playing_restores_them);
  tcase_add_test (tc, test_source_outliving_its_watchdog_is_safe);
  tcase_add_test (tc, test_watch_switches_false_ignores_switches);
  tcase_add_test (tc, test_watch_switches_defaults_to_true);

  suite_add_tcase (s, tl);
  tcase_add_test (tl, test_no_listeners_times_out_and_resumes);
  tcase_add_test (tl, test_consumer_switching_away_counts_as_leaving);
  tcase_add_test (tl, test_listener_sink_found_through_queue_tee_and_bin);
  tcase_add_test (tl, test_watch_switches_false_ignores_listeners);
  return s;
}

GST_CHECK_MAIN (switch_interpipe);
