/* gst-idlewatchdog: switch awareness against real GStreamer elements:
 * input-selector (active-pad), intervideosrc/interaudiosrc (channel),
 * proxysrc (proxysink), through bins, ghost pads, queues and converters
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every pipeline runs on a GstTestClock that only the test moves. appsrc
 * branches are fed by the test, which waits for each buffer to have crossed
 * the watchdog before it moves the clock; the inter sources wait on the
 * clock for every buffer, and the test releases those waits one by one.
 */
#include "switch-helpers.h"

#define TEST_CAPS "application/x-test"

/* Two appsrc branches into an input-selector in front of the watchdog */
#define SELECTOR_PIPELINE \
  "appsrc name=a is-live=true format=time caps=" TEST_CAPS " ! sel.sink_0 " \
  "appsrc name=b is-live=true format=time caps=" TEST_CAPS " ! sel.sink_1 " \
  "input-selector name=sel sync-streams=false ! idlewatchdog name=wd " \
  "timeout=1000 switch-timeout=300 session-id=s1 ! " \
  "fakesink name=out sync=false async=false"

typedef struct
{
  GstClock *clock;
  GstTestClock *tc;
  GstElement *pipe, *a, *b, *sel, *wd;
  GstPad *sink_0, *sink_1;
  GstBus *bus;
  FlowCounter out;
  guint notifies;
} Selector;

static void
count_notify (GObject * object, GParamSpec * pspec, guint * count)
{
  g_atomic_int_inc (count);
}

static void
selector_setup (Selector * s)
{
  s->clock = gst_test_clock_new ();
  s->tc = GST_TEST_CLOCK (s->clock);
  s->pipe = switch_pipeline_new (SELECTOR_PIPELINE, s->clock);
  s->a = switch_pipeline_get (s->pipe, "a");
  s->b = switch_pipeline_get (s->pipe, "b");
  s->sel = switch_pipeline_get (s->pipe, "sel");
  s->wd = switch_pipeline_get (s->pipe, "wd");
  s->sink_0 = gst_element_get_static_pad (s->sel, "sink_0");
  s->sink_1 = gst_element_get_static_pad (s->sel, "sink_1");
  fail_unless (s->sink_0 && s->sink_1);
  s->bus = gst_element_get_bus (s->pipe);
  flow_counter_attach (&s->out, switch_pipeline_get (s->pipe, "out"), "sink");
  /* chosen before PLAYING, so that the selector picking its first pad on
   * the first buffer is not a change */
  g_object_set (s->sel, "active-pad", s->sink_0, NULL);
  s->notifies = 0;
  g_signal_connect (s->sel, "notify::active-pad", G_CALLBACK (count_notify),
      &s->notifies);
  switch_pipeline_play (s->pipe);
}

static void
selector_teardown (Selector * s)
{
  flow_counter_detach (&s->out);
  gst_object_unref (s->sink_0);
  gst_object_unref (s->sink_1);
  gst_object_unref (s->bus);
  switch_pipeline_free (s->pipe);
  gst_object_unref (s->clock);
}

/* Feeds the live branch a and waits for the buffer to cross the watchdog */
static void
feed_a (Selector * s)
{
  guint64 n = flow_counter_get (&s->out);

  push_buffer (s->a, n);
  fail_unless (flow_counter_wait (&s->out, n + 1));
}

static void
assert_switch_timeout (GstMessage * msg, const gchar * element,
    const gchar * target, GstClockTime silence, GstClockTime timeout)
{
  GstIdleWatchdogTimeout info;

  fail_unless (msg != NULL, "no timeout message");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info),
      "not a timeout: %s", describe_message (msg));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_SWITCH);
  fail_unless_equals_uint64 (info.silence, silence);
  fail_unless_equals_uint64 (info.timeout, timeout);
  fail_unless_equals_string (info.switch_element, element);
  fail_unless_equals_string (info.switch_target, target);
  fail_unless_equals_string (info.session_id, "s1");
}

GST_START_TEST (test_input_selector_posts_one_switch_per_change)
{
  Selector s;
  GstMessage *msg;

  selector_setup (&s);
  feed_a (&s);
  assert_no_watchdog_message (s.bus);

  g_object_set (s.sel, "active-pad", s.sink_1, NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "sel", "active-pad", "sink_1", "s1");
  gst_message_unref (msg);
  push_buffer (s.b, 50);
  fail_unless (flow_counter_wait (&s.out, 2));
  assert_no_watchdog_message (s.bus);

  /* setting the pad that is already active notifies again (GStreamer 1.22
   * input-selector notifies on every set) but changes nothing */
  g_object_set (s.sel, "active-pad", s.sink_1, NULL);
  fail_unless_equals_int (g_atomic_int_get (&s.notifies), 2);
  assert_no_watchdog_message (s.bus);

  g_object_set (s.sel, "active-pad", s.sink_0, NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "sel", "active-pad", "sink_0", "s1");
  gst_message_unref (msg);
  feed_a (&s);
  assert_no_watchdog_message (s.bus);

  selector_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_input_selector_switch_to_silent_branch_times_out)
{
  Selector s;
  GstMessage *msg;

  selector_setup (&s);
  feed_a (&s);
  advance_to (s.tc, 100 * MS);
  /* b is linked but silent */
  g_object_set (s.sel, "active-pad", s.sink_1, NULL);
  gst_message_unref (wait_watchdog_message (s.bus));

  /* a goes on, dropped by the selector */
  advance_to (s.tc, 200 * MS);
  push_buffer (s.a, 100);
  advance_to (s.tc, 399 * MS);
  assert_no_watchdog_message (s.bus);
  advance_to (s.tc, 400 * MS);
  msg = pop_watchdog_message (s.bus);
  assert_switch_timeout (msg, "sel", "sink_1", 300 * MS, 300 * MS);
  gst_message_unref (msg);
  fail_unless_equals_uint64 (flow_counter_get (&s.out), 1);

  selector_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_input_selector_switch_back_in_time_does_not_time_out)
{
  Selector s;
  GstMessage *msg;
  GstClockTime t;

  selector_setup (&s);
  feed_a (&s);
  advance_to (s.tc, 100 * MS);
  g_object_set (s.sel, "active-pad", s.sink_1, NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "sel", "active-pad", "sink_1", "s1");
  gst_message_unref (msg);

  /* back to the live branch 200 ms later (switch-timeout is 300 ms) */
  advance_to (s.tc, 300 * MS);
  g_object_set (s.sel, "active-pad", s.sink_0, NULL);
  msg = wait_watchdog_message (s.bus);
  assert_switch_message (msg, "sel", "active-pad", "sink_0", "s1");
  gst_message_unref (msg);

  for (t = 350 * MS; t <= 3000 * MS; t += 100 * MS) {
    advance_to (s.tc, t);
    feed_a (&s);
  }
  advance_to (s.tc, 3050 * MS);
  assert_no_watchdog_message (s.bus);

  selector_teardown (&s);
}

GST_END_TEST;

GST_START_TEST (test_input_selector_picking_first_pad_is_no_switch)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *pipe = switch_pipeline_new (SELECTOR_PIPELINE, clock);
  GstElement *sel = switch_pipeline_get (pipe, "sel");
  GstBus *bus = gst_element_get_bus (pipe);
  GstPad *sink_1 = gst_element_get_static_pad (sel, "sink_1");
  FlowCounter out;
  GstMessage *msg;

  /* no active-pad set: the selector picks sink_0 on the first buffer, a
   * first connection and not a switch */
  flow_counter_attach (&out, switch_pipeline_get (pipe, "out"), "sink");
  switch_pipeline_play (pipe);
  push_buffer (switch_pipeline_get (pipe, "a"), 0);
  fail_unless (flow_counter_wait (&out, 1));
  assert_no_watchdog_message (bus);

  g_object_set (sel, "active-pad", sink_1, NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "sel", "active-pad", "sink_1", "s1");
  gst_message_unref (msg);

  gst_object_unref (sink_1);
  flow_counter_detach (&out);
  gst_object_unref (bus);
  switch_pipeline_free (pipe);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- inter sources ----------------------------------------------------- */

/* Releases the next clock wait once both the source's frame wait and the
 * watchdog's timer are pending: the clock never jumps past a frame. */
static void
crank_inter (GstTestClock * tc)
{
  fail_unless (gst_test_clock_timed_wait_for_multiple_pending_ids (tc, 2,
          20000, NULL), "the source stopped waiting for its next buffer");
  advance_to (tc, gst_test_clock_get_next_entry_time (tc));
}

static void
check_inter_channel_switch (const gchar * factory, const gchar * caps,
    GstClockTime period)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  gchar *desc = g_strdup_printf ("%s name=src channel=ch1 ! %s ! "
      "idlewatchdog name=wd timeout=1000 switch-timeout=300 session-id=s1 ! "
      "fakesink name=out sync=false async=false", factory, caps);
  GstElement *pipe = switch_pipeline_new (desc, clock);
  GstElement *src = switch_pipeline_get (pipe, "src");
  GstBus *bus = gst_element_get_bus (pipe);
  FlowCounter out;
  GstMessage *msg;
  guint64 before;

  g_free (desc);
  flow_counter_attach (&out, switch_pipeline_get (pipe, "out"), "sink");
  switch_pipeline_play (pipe);
  while (gst_clock_get_time (clock) < 500 * MS)
    crank_inter (tc);
  fail_unless (flow_counter_get (&out) > 0);
  assert_no_watchdog_message (bus);

  g_object_set (src, "channel", "nobody-here", NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "channel", "nobody-here", "s1");
  gst_message_unref (msg);

  /* the inter sources fill a missing channel (black video, silent audio)
   * and keep producing: the switch is reported, the silence never comes */
  before = flow_counter_get (&out);
  while (gst_clock_get_time (clock) < 500 * MS + 3000 * MS)
    crank_inter (tc);
  fail_unless (flow_counter_get (&out) >= before + 3000 * MS / period - 2,
      "%" G_GUINT64_FORMAT " buffers after the switch",
      flow_counter_get (&out) - before);
  assert_no_watchdog_message (bus);

  flow_counter_detach (&out);
  gst_object_unref (bus);
  switch_pipeline_free (pipe);
  gst_object_unref (clock);
}

GST_START_TEST (test_intervideosrc_channel_switch_posts_switch)
{
  check_inter_channel_switch ("intervideosrc",
      "video/x-raw,format=I420,width=16,height=16,framerate=10/1", 100 * MS);
}

GST_END_TEST;

GST_START_TEST (test_interaudiosrc_channel_switch_posts_switch)
{
  check_inter_channel_switch ("interaudiosrc",
      "audio/x-raw,format=S16LE,rate=8000,channels=1,layout=interleaved",
      25 * MS);
}

GST_END_TEST;

/* --- proxysrc ---------------------------------------------------------- */

GST_START_TEST (test_proxysrc_proxysink_switch_posts_switch_and_times_out)
{
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstElement *prod1 = switch_pipeline_new ("appsrc name=in is-live=true "
      "format=time caps=" TEST_CAPS " ! proxysink name=ps1", clock);
  GstElement *prod2 = switch_pipeline_new ("appsrc name=in is-live=true "
      "format=time caps=" TEST_CAPS " ! proxysink name=ps2", clock);
  GstElement *cons = switch_pipeline_new ("proxysrc name=src ! "
      "idlewatchdog name=wd timeout=1000 switch-timeout=300 session-id=s1 ! "
      "fakesink name=out sync=false async=false", clock);
  GstElement *src = switch_pipeline_get (cons, "src");
  GstBus *bus = gst_element_get_bus (cons);
  FlowCounter out;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;

  g_object_set (src, "proxysink", switch_pipeline_get (prod1, "ps1"), NULL);
  flow_counter_attach (&out, switch_pipeline_get (cons, "out"), "sink");
  switch_pipeline_play (prod1);
  switch_pipeline_play (prod2);
  switch_pipeline_play (cons);
  push_buffer (switch_pipeline_get (prod1, "in"), 0);
  fail_unless (flow_counter_wait (&out, 1));

  /* to a proxysink nobody feeds */
  advance_to (tc, 100 * MS);
  g_object_set (src, "proxysink", switch_pipeline_get (prod2, "ps2"), NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "proxysink", "ps2", "s1");
  gst_message_unref (msg);

  advance_to (tc, 399 * MS);
  assert_no_watchdog_message (bus);
  advance_to (tc, 400 * MS);
  msg = pop_watchdog_message (bus);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info),
      "not a timeout: %s", describe_message (msg));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_SWITCH);
  fail_unless_equals_string (info.switch_element, "src");
  fail_unless_equals_string (info.switch_target, "ps2");
  gst_message_unref (msg);

  /* to no proxysink at all: an object property reads "" when NULL */
  g_object_set (src, "proxysink", NULL, NULL);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "src", "proxysink", "", "s1");
  gst_message_unref (msg);

  flow_counter_detach (&out);
  gst_object_unref (bus);
  switch_pipeline_free (cons);
  switch_pipeline_free (prod2);
  switch_pipeline_free (prod1);
  gst_object_unref (clock);
}

GST_END_TEST;

/* --- discovery --------------------------------------------------------- */

#define AUDIO_CAPS \
  "audio/x-raw,format=S16LE,rate=8000,channels=1,layout=interleaved"

GST_START_TEST (test_switch_found_through_bins_ghost_pads_queue_converter)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *pipe = gst_pipeline_new (NULL);
  GstElement *up = gst_parse_bin_from_description ("appsrc is-live=true "
      "format=time caps=" AUDIO_CAPS " ! sel.sink_0 appsrc is-live=true "
      "format=time caps=" AUDIO_CAPS " ! sel.sink_1 input-selector name=sel",
      TRUE, NULL);
  GstElement *mid = gst_parse_bin_from_description ("queue ! capsfilter caps="
      AUDIO_CAPS " ! audioconvert", TRUE, NULL);
  GstElement *down = gst_parse_bin_from_description ("identity ! "
      "idlewatchdog name=wd session-id=s1", TRUE, NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstElement *sel;
  GstPad *pad;
  GstBus *bus;
  GstMessage *msg;

  fail_unless (up && mid && down && sink);
  /* bins in bins: the watchdog two levels below the selector's level */
  gst_bin_add_many (GST_BIN (pipe), up, mid, down, sink, NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  fail_unless (gst_element_link_many (up, mid, down, sink, NULL));
  gst_pipeline_use_clock (GST_PIPELINE (pipe), clock);
  switch_pipeline_tap (pipe);
  bus = gst_element_get_bus (pipe);

  sel = gst_bin_get_by_name (GST_BIN (up), "sel");
  pad = gst_element_get_static_pad (sel, "sink_0");
  g_object_set (sel, "active-pad", pad, NULL);
  gst_object_unref (pad);
  switch_pipeline_play (pipe);

  pad = gst_element_get_static_pad (sel, "sink_1");
  g_object_set (sel, "active-pad", pad, NULL);
  gst_object_unref (pad);
  msg = wait_watchdog_message (bus);
  assert_switch_message (msg, "sel", "active-pad", "sink_1", "s1");
  gst_message_unref (msg);

  gst_object_unref (sel);
  gst_object_unref (bus);
  switch_pipeline_free (pipe);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_selector_linked_while_playing_is_watched)
{
  GstClock *clock = gst_test_clock_new ();
  GstElement *pipe = switch_pipeline_new ("appsrc name=a is-live=true "
      "format=time caps=" TEST_CAPS " ! queue name=q ! idlewatchdog name=wd "
      "session-id=s1 ! fakesink sync=false async=false", clock);
  GstElement *a = switch_pipeline_get (pipe, "a");
  GstElement *q = switch_pipeline_get (pipe, "q");
  GstElement *sel = gst_element_factory_make ("input-selector", "sel");
  GstPad *pads[2];
  GstBus *bus = gst_element_get_bus (pipe);
  GstMessage *msg = NULL;
  guint i;

  switch_pipeline_play (pipe);
  pads[0] = gst_element_request_pad_simple (sel, "sink_%u");
  pads[1] = gst_element_request_pad_simple (sel, "sink_%u");

  /* a selector takes the place of a, upstream of the queue, while PLAYING */
  gst_element_unlink (a, q);
  gst_bin_add (GST_BIN (pipe), sel);
  fail_unless (gst_element_link (sel, q));
  fail_unless (gst_element_sync_state_with_parent (sel));

  /* the new walk runs asynchronously, shortly after the link: flip the
   * active pad until the watchdog reports it (bounded) */
  for (i = 0; msg == NULL && i < 2000; i++) {
    g_object_set (sel, "active-pad", pads[i % 2], NULL);
    msg = timed_pop_watchdog_message (bus, 10 * G_TIME_SPAN_MILLISECOND);
  }
  fail_unless (msg != NULL, "the selector linked while PLAYING was never "
      "watched");
  fail_unless (gst_idle_watchdog_message_parse_switch (msg, NULL, NULL, NULL,
          NULL), "not a switch: %s", describe_message (msg));
  gst_message_unref (msg);

  for (i = 0; i < 2; i++) {
    gst_element_release_request_pad (sel, pads[i]);
    gst_object_unref (pads[i]);
  }
  gst_object_unref (bus);
  switch_pipeline_free (pipe);
  gst_object_unref (clock);
}

GST_END_TEST;

static Suite *
switch_real_suite (void)
{
  Suite *s = suite_create ("switch-real");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_input_selector_posts_one_switch_per_change);
  tcase_add_test (tc, test_input_selector_switch_to_silent_branch_times_out);
  tcase_add_test (tc,
      test_input_selector_switch_back_in_time_does_not_time_out);
  tcase_add_test (tc, test_input_selector_picking_first_pad_is_no_switch);
  tcase_add_test (tc, test_intervideosrc_channel_switch_posts_switch);
  tcase_add_test (tc, test_interaudiosrc_channel_switch_posts_switch);
  tcase_add_test (tc,
      test_proxysrc_proxysink_switch_posts_switch_and_times_out);
  tcase_add_test (tc,
      test_switch_found_through_bins_ghost_pads_queue_converter);
  tcase_add_test (tc, test_selector_linked_while_playing_is_watched);
  return s;
}

GST_CHECK_MAIN (switch_real);
