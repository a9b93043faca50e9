/* gst-idlewatchdog: helpers shared by the switch-awareness tests
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "switch-helpers.h"

/* Bound of every wait for something another thread does */
#define WAIT_BOUND (20 * G_TIME_SPAN_SECOND)

static GstPadProbeReturn
count_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  FlowCounter *c = user_data;

  g_mutex_lock (&c->lock);
  c->count++;
  c->last_offset = GST_BUFFER_OFFSET (GST_PAD_PROBE_INFO_BUFFER (info));
  g_cond_broadcast (&c->cond);
  g_mutex_unlock (&c->lock);
  return GST_PAD_PROBE_OK;
}

void
flow_counter_attach (FlowCounter * c, GstElement * element,
    const gchar * pad_name)
{
  g_mutex_init (&c->lock);
  g_cond_init (&c->cond);
  c->count = 0;
  c->last_offset = GST_BUFFER_OFFSET_NONE;
  c->pad = gst_element_get_static_pad (element, pad_name);
  fail_unless (c->pad != NULL, "no pad %s on %s", pad_name,
      GST_ELEMENT_NAME (element));
  c->probe = gst_pad_add_probe (c->pad, GST_PAD_PROBE_TYPE_BUFFER,
      count_buffer, c, NULL);
}

void
flow_counter_detach (FlowCounter * c)
{
  gst_pad_remove_probe (c->pad, c->probe);
  gst_object_unref (c->pad);
  g_mutex_clear (&c->lock);
  g_cond_clear (&c->cond);
}

guint64
flow_counter_get (FlowCounter * c)
{
  guint64 n;

  g_mutex_lock (&c->lock);
  n = c->count;
  g_mutex_unlock (&c->lock);
  return n;
}

guint64
flow_counter_last_offset (FlowCounter * c)
{
  guint64 n;

  g_mutex_lock (&c->lock);
  n = c->last_offset;
  g_mutex_unlock (&c->lock);
  return n;
}

/* The probe runs inside the push: waits until the element that pushed to
 * @pad has left its chain function (it holds its sink pads' stream locks
 * meanwhile), so that a watchdog there no longer counts as pushing */
void
wait_element_chain_done (GstElement * e)
{
  GList *pads = NULL, *l;

  /* not under the element's lock, which its chain may take */
  GST_OBJECT_LOCK (e);
  for (l = e->sinkpads; l; l = l->next)
    pads = g_list_prepend (pads, gst_object_ref (l->data));
  GST_OBJECT_UNLOCK (e);
  for (l = pads; l; l = l->next) {
    GST_PAD_STREAM_LOCK (l->data);
    GST_PAD_STREAM_UNLOCK (l->data);
  }
  g_list_free_full (pads, gst_object_unref);
}

static void
wait_chain_done (GstPad * pad)
{
  GstPad *peer = gst_pad_get_peer (pad);
  GstElement *e = peer ? gst_pad_get_parent_element (peer) : NULL;

  if (e)
    wait_element_chain_done (e);
  gst_clear_object (&e);
  gst_clear_object (&peer);
}

gboolean
flow_counter_wait (FlowCounter * c, guint64 count)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_BOUND;
  gboolean ok = TRUE;

  g_mutex_lock (&c->lock);
  while (ok && c->count < count)
    ok = g_cond_wait_until (&c->cond, &c->lock, deadline);
  ok = c->count >= count;
  g_mutex_unlock (&c->lock);
  if (ok)
    wait_chain_done (c->pad);
  return ok;
}

GstElement *
switch_pipeline_new (const gchar * description, GstClock * clock)
{
  GError *err = NULL;
  GstElement *p = gst_parse_launch (description, &err);

  fail_unless (err == NULL, "could not parse '%s': %s", description,
      err ? err->message : "");
  fail_unless (GST_IS_PIPELINE (p));
  if (clock)
    gst_pipeline_use_clock (GST_PIPELINE (p), clock);
  switch_pipeline_tap (p);
  return p;
}

void
switch_pipeline_play (GstElement * pipeline)
{
  GstStateChangeReturn ret =
      gst_element_set_state (pipeline, GST_STATE_PLAYING);

  fail_unless (ret != GST_STATE_CHANGE_FAILURE, "%s failed to play",
      GST_ELEMENT_NAME (pipeline));
}

void
switch_pipeline_free (GstElement * pipeline)
{
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (pipeline);
}

/* A borrowed pointer: the pipeline keeps the element alive */
GstElement *
switch_pipeline_get (GstElement * pipeline, const gchar * name)
{
  GstElement *e = gst_bin_get_by_name (GST_BIN (pipeline), name);

  fail_unless (e != NULL, "no element %s", name);
  gst_object_unref (e);
  return e;
}

void
push_buffer (GstElement * appsrc, guint64 offset)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 16, NULL);
  GstFlowReturn ret;

  GST_BUFFER_OFFSET (buf) = offset;
  g_signal_emit_by_name (appsrc, "push-buffer", buf, &ret);
  gst_buffer_unref (buf);
  fail_unless_equals_int (ret, GST_FLOW_OK);
}

/* Moves the clock to @time and fires every wait due by then, including
 * those the fired callbacks schedule at or before @time. */
void
advance_to (GstTestClock * clock, GstClockTime time)
{
  GstClockID id;

  if (gst_clock_get_time (GST_CLOCK (clock)) < time)
    gst_test_clock_set_time (clock, time);
  while ((id = gst_test_clock_process_next_clock_id (clock)))
    gst_clock_id_unref (id);
}

void
switch_pipeline_tap (GstElement * pipeline)
{
  GstBus *bus = gst_element_get_bus (pipeline);

  idw_tap_attach (bus, pipeline);
  gst_object_unref (bus);
}

static IdwTap *
tap_of (GstBus * bus)
{
  IdwTap *tap = idw_tap_of (bus);

  fail_unless (tap != NULL, "not the bus of a switch_pipeline_new() pipeline");
  return tap;
}

/* The next watchdog message, waiting up to @timeout (µs) for it */
GstMessage *
timed_pop_watchdog_message (GstBus * bus, gint64 timeout)
{
  return idw_tap_timed_pop (tap_of (bus), timeout);
}

/* The next watchdog message, once every counted one is posted, or NULL */
GstMessage *
pop_watchdog_message (GstBus * bus)
{
  IdwTap *tap = tap_of (bus);

  fail_unless (idw_tap_settle (tap), "a counted message was never posted");
  return idw_tap_pop (tap);
}

/* The next watchdog message, waiting for it if needed (bounded) */
GstMessage *
wait_watchdog_message (GstBus * bus)
{
  return timed_pop_watchdog_message (bus, WAIT_BOUND);
}

/* The watchdog reads num-listeners from GStreamer's thread pool and waits
 * for its next read once it has posted what the read decided: with
 * @polls, waits (bounded) for that wait to be pending, at most one poll
 * interval (100 ms here) ahead, before looking at the bus. A wait for a
 * condition, not for time: the test clock does not move meanwhile. */
void
wait_for_next_poll (GstTestClock * tc)
{
  GstClockTime t = gst_clock_get_time (GST_CLOCK (tc));
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (gst_test_clock_get_next_entry_time (tc) > t + 100 * MS) {
    fail_unless (g_get_monotonic_time () < deadline,
        "the watchdog did not schedule its next listener read");
    g_thread_yield ();
  }
}

/* Moves the clock 10 ms at a time up to @until; returns the first watchdog
 * message and the time it came at, or NULL */
GstMessage *
step_until_message (GstTestClock * tc, GstBus * bus, GstClockTime until,
    GstClockTime * at, gboolean polls)
{
  GstClockTime t = gst_clock_get_time (GST_CLOCK (tc));
  GstMessage *msg = NULL;

  while (msg == NULL && t < until) {
    t += 10 * MS;
    advance_to (tc, t);
    if (polls)
      wait_for_next_poll (tc);
    msg = pop_watchdog_message (bus);
  }
  *at = t;
  return msg;
}

guint
drain_watchdog_messages (GstBus * bus)
{
  GstMessage *msg;
  guint n = 0;

  while ((msg = pop_watchdog_message (bus))) {
    n++;
    gst_message_unref (msg);
  }
  return n;
}

/* For failure messages only (evaluated only when an assertion fails, so
 * the string is never freed) */
gchar *
describe_message (GstMessage * msg)
{
  const GstStructure *s = msg ? gst_message_get_structure (msg) : NULL;

  return s ? gst_structure_to_string (s) : g_strdup ("(none)");
}

void
assert_no_watchdog_message (GstBus * bus)
{
  GstMessage *msg = pop_watchdog_message (bus);

  fail_unless (msg == NULL, "unexpected %s", describe_message (msg));
}

void
assert_switch_message (GstMessage * msg, const gchar * element,
    const gchar * property, const gchar * target, const gchar * session_id)
{
  const gchar *e, *p, *t, *s;

  fail_unless (msg != NULL, "no switch message");
  fail_unless (gst_idle_watchdog_message_parse_switch (msg, &e, &p, &t, &s),
      "not a switch message: %s",
      describe_message (msg));
  fail_unless_equals_string (e, element);
  fail_unless_equals_string (p, property);
  fail_unless_equals_string (t, target);
  fail_unless_equals_string (s, session_id);
}
