/* gst-idlewatchdog: tests of the gst-interpipe test double itself
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The switch tests trust testinterpipesink/testinterpipesrc to behave like
 * gst-interpipe where the watchdog can see it; these tests hold the double to
 * that: starving silently on a missing node, resuming when it appears,
 * notifying listen-to on every set, counting listeners without notify.
 */
#include <gst/check/gstharness.h>

#include "switch-helpers.h"

#define PRODUCER(name) \
  "appsrc name=in is-live=true format=time caps=application/x-test ! " \
  "testinterpipesink name=" name " sync=false async=false"

#define CONSUMER(listen_to) \
  "testinterpipesrc name=src listen-to=" listen_to " ! " \
  "fakesink name=out sync=false async=false"

/* A producer the test pushes into synchronously: when gst_harness_push()
 * returns, the node has handed the buffer to its listeners */
static GstHarness *
producer_new (const gchar * name)
{
  GstElement *sink = gst_element_factory_make ("testinterpipesink", name);
  GstHarness *h;

  fail_unless (sink != NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  h = gst_harness_new_with_element (sink, "sink", NULL);
  gst_object_unref (sink);
  gst_harness_set_src_caps_str (h, "application/x-test");
  return h;
}

static void
produce (GstHarness * h, guint64 offset)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 16, NULL);

  GST_BUFFER_OFFSET (buf) = offset;
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
}

static void
count_notify (GObject * object, GParamSpec * pspec, guint * count)
{
  g_atomic_int_inc (count);
}

/* Fails on any error or EOS the pipeline posted */
static void
assert_no_error_or_eos (GstElement * pipeline)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg = gst_bus_pop_filtered (bus,
      GST_MESSAGE_ERROR | GST_MESSAGE_EOS | GST_MESSAGE_WARNING);

  fail_unless (msg == NULL, "unexpected %s from %s",
      msg ? GST_MESSAGE_TYPE_NAME (msg) : "", msg ? GST_MESSAGE_SRC_NAME (msg)
      : "");
  gst_object_unref (bus);
}

GST_START_TEST (test_src_listening_to_missing_node_forwards_nothing)
{
  GstHarness *prod = producer_new ("p1");
  GstElement *cons = switch_pipeline_new (CONSUMER ("nobody"), NULL);
  GstElement *src = switch_pipeline_get (cons, "src");
  FlowCounter out;

  flow_counter_attach (&out, switch_pipeline_get (cons, "out"), "sink");
  switch_pipeline_play (cons);

  /* rendered by p1 while nobody listens to it: it goes nowhere */
  produce (prod, 1);
  /* the first buffer the consumer ever outputs is the one sent after it
   * started listening to p1 */
  g_object_set (src, "listen-to", "p1", NULL);
  produce (prod, 2);
  fail_unless (flow_counter_wait (&out, 1));
  fail_unless_equals_uint64 (flow_counter_last_offset (&out), 2);
  assert_no_error_or_eos (cons);

  flow_counter_detach (&out);
  switch_pipeline_free (cons);
  gst_harness_teardown (prod);
}

GST_END_TEST;

GST_START_TEST (test_src_resumes_when_node_appears)
{
  GstElement *cons = switch_pipeline_new (CONSUMER ("late"), NULL);
  GstHarness *prod;
  FlowCounter out;

  flow_counter_attach (&out, switch_pipeline_get (cons, "out"), "sink");
  switch_pipeline_play (cons);
  /* the node appears after the consumer started listening to its name */
  prod = producer_new ("late");
  produce (prod, 7);
  fail_unless (flow_counter_wait (&out, 1));
  fail_unless_equals_uint64 (flow_counter_last_offset (&out), 7);

  /* the node goes away and comes back: the consumer follows it */
  gst_harness_teardown (prod);
  prod = producer_new ("late");
  produce (prod, 8);
  fail_unless (flow_counter_wait (&out, 2));
  fail_unless_equals_uint64 (flow_counter_last_offset (&out), 8);
  assert_no_error_or_eos (cons);

  flow_counter_detach (&out);
  switch_pipeline_free (cons);
  gst_harness_teardown (prod);
}

GST_END_TEST;

GST_START_TEST (test_src_starving_posts_no_error_and_stops_promptly)
{
  GstElement *cons = switch_pipeline_new (CONSUMER ("nobody"), NULL);
  GstState state;

  switch_pipeline_play (cons);
  fail_unless_equals_int (gst_element_get_state (cons, &state, NULL,
          GST_CLOCK_TIME_NONE), GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (state, GST_STATE_PLAYING);
  assert_no_error_or_eos (cons);
  /* the streaming thread is blocked waiting for data: stopping unblocks it
   * (a hang here fails the test by its timeout) */
  fail_unless_equals_int (gst_element_set_state (cons, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  switch_pipeline_play (cons);
  switch_pipeline_free (cons);
}

GST_END_TEST;

GST_START_TEST (test_src_switches_between_nodes_while_playing)
{
  GstHarness *p1 = producer_new ("p1");
  GstHarness *p2 = producer_new ("p2");
  GstElement *cons = switch_pipeline_new (CONSUMER ("p1"), NULL);
  GstElement *src = switch_pipeline_get (cons, "src");
  FlowCounter out;

  flow_counter_attach (&out, switch_pipeline_get (cons, "out"), "sink");
  switch_pipeline_play (cons);

  produce (p1, 1);
  fail_unless (flow_counter_wait (&out, 1));
  g_object_set (src, "listen-to", "p2", NULL);
  produce (p1, 2);
  produce (p2, 3);
  fail_unless (flow_counter_wait (&out, 2));
  fail_unless_equals_uint64 (flow_counter_last_offset (&out), 3);

  flow_counter_detach (&out);
  switch_pipeline_free (cons);
  gst_harness_teardown (p2);
  gst_harness_teardown (p1);
}

GST_END_TEST;

GST_START_TEST (test_listen_to_notifies_on_every_set)
{
  GstElement *src = gst_element_factory_make ("testinterpipesrc", NULL);
  guint notifies = 0;
  gchar *value;

  fail_unless (src != NULL);
  g_signal_connect (src, "notify::listen-to", G_CALLBACK (count_notify),
      &notifies);
  g_object_set (src, "listen-to", "a", NULL);
  g_object_set (src, "listen-to", "a", NULL);
  g_object_set (src, "listen-to", "missing", NULL);
  fail_unless_equals_int (g_atomic_int_get (&notifies), 3);
  g_object_get (src, "listen-to", &value, NULL);
  fail_unless_equals_string (value, "missing");
  g_free (value);
  gst_object_unref (src);
}

GST_END_TEST;

GST_START_TEST (test_num_listeners_counts_started_sources)
{
  GstElement *sink = gst_element_factory_make ("testinterpipesink", "node");
  GstElement *a = gst_element_factory_make ("testinterpipesrc", NULL);
  GstElement *b = gst_element_factory_make ("testinterpipesrc", NULL);
  gint n;

  g_object_set (a, "listen-to", "node", NULL);
  g_object_set (b, "listen-to", "node", NULL);
  /* the node exists only once the sink has started */
  fail_unless_equals_int (gst_element_set_state (a, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  g_object_get (sink, "num-listeners", &n, NULL);
  fail_unless_equals_int (n, 0);

  g_object_set (sink, "async", FALSE, NULL);
  fail_unless_equals_int (gst_element_set_state (sink, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (sink, "num-listeners", &n, NULL);
  fail_unless_equals_int (n, 1);
  fail_unless_equals_int (gst_element_set_state (b, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  g_object_get (sink, "num-listeners", &n, NULL);
  fail_unless_equals_int (n, 2);
  g_object_set (b, "listen-to", "elsewhere", NULL);
  g_object_get (sink, "num-listeners", &n, NULL);
  fail_unless_equals_int (n, 1);
  fail_unless_equals_int (gst_element_set_state (a, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (sink, "num-listeners", &n, NULL);
  fail_unless_equals_int (n, 0);

  gst_element_set_state (b, GST_STATE_NULL);
  gst_element_set_state (sink, GST_STATE_NULL);
  gst_object_unref (a);
  gst_object_unref (b);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_num_listeners_emits_no_notify)
{
  GstElement *sink = gst_element_factory_make ("testinterpipesink", "node");
  GstElement *a = gst_element_factory_make ("testinterpipesrc", NULL);
  guint notifies = 0;
  gint n;

  g_signal_connect (sink, "notify", G_CALLBACK (count_notify), &notifies);
  g_object_set (sink, "async", FALSE, NULL);
  notifies = 0;
  fail_unless_equals_int (gst_element_set_state (sink, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  g_object_set (a, "listen-to", "node", NULL);
  fail_unless_equals_int (gst_element_set_state (a, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  g_object_get (sink, "num-listeners", &n, NULL);
  fail_unless_equals_int (n, 1);
  gst_element_set_state (a, GST_STATE_NULL);
  g_object_get (sink, "num-listeners", &n, NULL);
  fail_unless_equals_int (n, 0);
  fail_unless_equals_int (g_atomic_int_get (&notifies), 0);

  gst_element_set_state (sink, GST_STATE_NULL);
  gst_object_unref (a);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_num_listeners_is_read_only)
{
  GstElement *sink = gst_element_factory_make ("testinterpipesink", NULL);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (sink),
      "num-listeners");

  fail_unless (pspec != NULL);
  fail_unless_equals_int (pspec->value_type, G_TYPE_INT);
  fail_unless (pspec->flags & G_PARAM_READABLE);
  fail_if (pspec->flags & G_PARAM_WRITABLE);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_duplicate_node_name_fails_with_error)
{
  GstElement *p1 = switch_pipeline_new (PRODUCER ("dup"), NULL);
  GstElement *p2 = switch_pipeline_new (PRODUCER ("dup"), NULL);
  GstBus *bus = gst_element_get_bus (p2);
  GstMessage *msg;
  GError *err = NULL;

  switch_pipeline_play (p1);
  fail_unless_equals_int (gst_element_set_state (p2, GST_STATE_PLAYING),
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (msg != NULL);
  gst_message_parse_error (msg, &err, NULL);
  fail_unless (g_error_matches (err, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_BUSY));
  fail_unless (strstr (err->message, "dup") != NULL);
  g_error_free (err);
  gst_message_unref (msg);
  gst_object_unref (bus);

  switch_pipeline_free (p2);
  switch_pipeline_free (p1);
}

GST_END_TEST;

GST_START_TEST (test_src_outputs_caps_of_producer_or_property)
{
  GstHarness *prod = producer_new ("p1");
  GstElement *c1 = switch_pipeline_new (CONSUMER ("p1"), NULL);
  GstElement *c2 = switch_pipeline_new ("testinterpipesrc listen-to=p1 "
      "caps=application/x-fixed ! fakesink name=out sync=false async=false",
      NULL);
  FlowCounter o1, o2;
  GstCaps *caps;

  flow_counter_attach (&o1, switch_pipeline_get (c1, "out"), "sink");
  flow_counter_attach (&o2, switch_pipeline_get (c2, "out"), "sink");
  switch_pipeline_play (c1);
  switch_pipeline_play (c2);
  produce (prod, 1);
  fail_unless (flow_counter_wait (&o1, 1));
  fail_unless (flow_counter_wait (&o2, 1));

  caps = gst_pad_get_current_caps (o1.pad);
  fail_unless (caps != NULL);
  fail_unless_equals_string (gst_structure_get_name (gst_caps_get_structure
          (caps, 0)), "application/x-test");
  gst_caps_unref (caps);
  caps = gst_pad_get_current_caps (o2.pad);
  fail_unless (caps != NULL);
  fail_unless_equals_string (gst_structure_get_name (gst_caps_get_structure
          (caps, 0)), "application/x-fixed");
  gst_caps_unref (caps);

  flow_counter_detach (&o1);
  flow_counter_detach (&o2);
  switch_pipeline_free (c2);
  switch_pipeline_free (c1);
  gst_harness_teardown (prod);
}

GST_END_TEST;

static Suite *
testinterpipe_suite (void)
{
  Suite *s = suite_create ("testinterpipe");
  TCase *tc = tcase_create ("double");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_src_listening_to_missing_node_forwards_nothing);
  tcase_add_test (tc, test_src_resumes_when_node_appears);
  tcase_add_test (tc, test_src_starving_posts_no_error_and_stops_promptly);
  tcase_add_test (tc, test_src_switches_between_nodes_while_playing);
  tcase_add_test (tc, test_listen_to_notifies_on_every_set);
  tcase_add_test (tc, test_num_listeners_counts_started_sources);
  tcase_add_test (tc, test_num_listeners_emits_no_notify);
  tcase_add_test (tc, test_num_listeners_is_read_only);
  tcase_add_test (tc, test_duplicate_node_name_fails_with_error);
  tcase_add_test (tc, test_src_outputs_caps_of_producer_or_property);
  return s;
}

GST_CHECK_MAIN (testinterpipe);
