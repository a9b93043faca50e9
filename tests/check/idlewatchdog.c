/* gst-idlewatchdog: unit tests of the idlewatchdog element
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every timing test runs on the harness' GstTestClock: time only moves when
 * a test sets it or cranks a pending clock wait, so each expected time below
 * is exact. Messages are read from a private bus set on the element. The
 * element decides on the clock's callback (here the test's own thread) and
 * posts its timeouts from GStreamer's thread pool: before reading the bus,
 * settle() waits (bounded) until every timeout and resumed message its
 * `stats` count is on the bus, so that no read races a post.
 */
#include <gst/check/gstcheck.h>

#include "../common/idw-check.h"
#include "../common/idw-tap.h"
#include <gst/check/gstharness.h>
#include <gst/check/gsttestclock.h>

#include "idlewatchdog.h"

#define MS GST_MSECOND

typedef struct
{
  GstElement *wd;
  GstHarness *h;
  GstBus *bus;
  GstTestClock *clock;
  IdwTap *tap;                  /* the watchdog's messages */
} Fixture;

static guint
stats_uint (GstElement * wd, const gchar * field)
{
  GstStructure *s;
  guint v = 0;

  g_object_get (wd, "stats", &s, NULL);
  fail_unless (s != NULL && gst_structure_get_uint (s, field, &v),
      "no %s in the stats", field);
  gst_structure_free (s);
  return v;
}

/* Waits (bounded) until every timeout and resumed message the element
 * counted is posted */
static void
settle (Fixture * f)
{
  fail_unless (idw_tap_settle (f->tap), "%u messages counted, %u posted",
      idw_tap_decided (f->wd), f->tap->posted);
}

/* Creates the element with the given properties, then the harness, which
 * puts it in PLAYING on its test clock at time 0 (so the watchdog is armed
 * at 0). */
static void
fixture_init (Fixture * f, const gchar * first_property, ...)
{
  f->wd = gst_element_factory_make ("idlewatchdog", "wd");
  fail_unless (f->wd != NULL);
  gst_object_ref_sink (f->wd);
  if (first_property != NULL) {
    va_list args;

    va_start (args, first_property);
    g_object_set_valist (G_OBJECT (f->wd), first_property, args);
    va_end (args);
  }
  f->bus = gst_bus_new ();
  f->tap = idw_tap_attach (f->bus, f->wd);
  gst_element_set_bus (f->wd, f->bus);
  f->h = gst_harness_new_with_element (f->wd, "sink", "src");
  f->clock = gst_harness_get_testclock (f->h);
  fail_unless_equals_uint64 (gst_clock_get_time (GST_CLOCK (f->clock)), 0);
}

static void
fixture_clear (Fixture * f)
{
  settle (f);
  gst_harness_teardown (f->h);
  gst_element_set_bus (f->wd, NULL);
  fail_unless (g_queue_is_empty (&f->tap->messages), "messages left unread");
  gst_object_unref (f->bus);
  gst_object_unref (f->clock);
  gst_object_unref (f->wd);
}

/* stream-start, caps (unless NULL) and segment, so buffers may flow */
static void
start_stream (Fixture * f, const gchar * caps)
{
  if (caps != NULL) {
    gst_harness_set_src_caps_str (f->h, caps);
  } else {
    GstSegment segment;

    fail_unless (gst_harness_push_event (f->h,
            gst_event_new_stream_start ("no-caps")));
    gst_segment_init (&segment, GST_FORMAT_TIME);
    fail_unless (gst_harness_push_event (f->h,
            gst_event_new_segment (&segment)));
  }
}

static GstClockTime
now (Fixture * f)
{
  return gst_clock_get_time (GST_CLOCK (f->clock));
}

static void
set_time (Fixture * f, GstClockTime t)
{
  gst_test_clock_set_time (f->clock, t);
}

static GstBuffer *
buffer_with_pts (GstClockTime pts)
{
  GstBuffer *buf = gst_buffer_new ();

  GST_BUFFER_PTS (buf) = pts;
  return buf;
}

static void
push_buffer (Fixture * f, GstClockTime pts)
{
  fail_unless_equals_int (gst_harness_push (f->h, buffer_with_pts (pts)),
      GST_FLOW_OK);
}

static void
kick (Fixture * f)
{
  g_signal_emit_by_name (f->wd, "kick");
}

static guint
pending_ids (Fixture * f)
{
  return gst_test_clock_peek_id_count (f->clock);
}

/* Releases the one pending wait (advancing the clock to it) and returns the
 * clock time once the callback has run. Fails instead of blocking when the
 * watchdog has no wait pending. */
static GstClockTime
crank (Fixture * f)
{
  fail_unless (pending_ids (f) > 0, "no clock wait pending");
  fail_unless (gst_harness_crank_single_clock_wait (f->h));
  return now (f);
}

/* Runs every wait due at the current time without moving the clock */
static void
process_due_waits (Fixture * f)
{
  GstClockID id;

  while ((id = gst_test_clock_process_next_clock_id (f->clock)) != NULL)
    gst_clock_id_unref (id);
}

/* The next timeout or resumed message, or NULL */
static GstMessage *
pop_element_message (Fixture * f)
{
  GstMessage *msg;

  settle (f);
  msg = idw_tap_pop (f->tap);
  return msg ? msg : gst_bus_pop_filtered (f->bus, GST_MESSAGE_ELEMENT);
}

/* The messages the watchdog may post: its own and what its actions post
 * (state and structure changes of the harness are not of interest) */
#define WATCHDOG_MESSAGES (GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR | \
    GST_MESSAGE_WARNING | GST_MESSAGE_INFO | GST_MESSAGE_EOS)

static void
assert_no_message (Fixture * f)
{
  GstMessage *msg;

  msg = pop_element_message (f);
  if (msg == NULL)
    msg = gst_bus_pop_filtered (f->bus, WATCHDOG_MESSAGES);

  fail_unless (msg == NULL, "unexpected %s message (%" GST_PTR_FORMAT ")",
      msg ? GST_MESSAGE_TYPE_NAME (msg) : "", msg ?
      gst_message_get_structure (msg) : NULL);
}

/* Cranks until a message is on the bus (a crank that posts nothing is the
 * watchdog waking to find activity, or to re-check, and waiting again),
 * then checks it is a timeout posted at @at, with @reason, @silence and
 * @limit, and returns it. No crank may go past @at without a message. */
static GstMessage *
expect_timeout_at (Fixture * f, GstClockTime at, GstIdleWatchdogReason reason,
    GstClockTime silence, GstClockTime limit)
{
  GstIdleWatchdogTimeout info;
  GstMessage *msg = NULL;
  GstClockTime t = GST_CLOCK_TIME_NONE;
  guint i;

  for (i = 0; i < 64 && msg == NULL; i++) {
    t = crank (f);
    fail_unless (t <= at, "no timeout by %" GST_TIME_FORMAT " (now %"
        GST_TIME_FORMAT ")", GST_TIME_ARGS (at), GST_TIME_ARGS (t));
    msg = pop_element_message (f);
  }
  fail_unless (msg != NULL, "no message after %u cranks", i);
  fail_unless_equals_uint64 (t, at);
  fail_unless (GST_MESSAGE_SRC (msg) == GST_OBJECT (f->wd));
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string (info.reason),
      gst_idle_watchdog_reason_to_string (reason));
  fail_unless_equals_uint64 (info.silence, silence);
  fail_unless_equals_uint64 (info.timeout, limit);
  return msg;
}

static void
expect_timeout_at_and_free (Fixture * f, GstClockTime at,
    GstIdleWatchdogReason reason, GstClockTime silence, GstClockTime limit)
{
  gst_message_unref (expect_timeout_at (f, at, reason, silence, limit));
}

static GstClockTime
expect_resumed (Fixture * f)
{
  GstMessage *msg = pop_element_message (f);
  GstClockTime silence = GST_CLOCK_TIME_NONE;

  fail_unless (msg != NULL, "no resumed message");
  fail_unless (gst_idle_watchdog_message_parse_resumed (msg, &silence, NULL));
  gst_message_unref (msg);
  return silence;
}

/* READY then PAUSED: the element's counters start again */
static void
back_to_paused_through_ready (Fixture * f)
{
  settle (f);
  idw_tap_forget_counts (f->tap);
  fail_unless_equals_int (gst_element_set_state (f->wd, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (gst_element_set_state (f->wd, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
}

static guint
get_uint (Fixture * f, const gchar * name)
{
  guint v;

  g_object_get (f->wd, name, &v, NULL);
  return v;
}

static gboolean
is_idle (Fixture * f)
{
  gboolean idle;

  g_object_get (f->wd, "idle", &idle, NULL);
  return idle;
}

static guint64
buffers_seen (Fixture * f)
{
  guint64 n;

  g_object_get (f->wd, "buffers", &n, NULL);
  return n;
}

/* ------------------------------------------------------------------------ */
/* Activity resets the silence                                              */

GST_START_TEST (test_buffer_resets_silence)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 400 * MS);
  push_buffer (&f, 0);
  /* without the buffer the startup timeout would fire at 1000 ms */
  expect_timeout_at_and_free (&f, 1400 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_buffer_list_resets_silence)
{
  Fixture f;
  GstBufferList *list = gst_buffer_list_new ();

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 400 * MS);
  gst_buffer_list_add (list, buffer_with_pts (0));
  gst_buffer_list_add (list, buffer_with_pts (10 * MS));
  fail_unless_equals_int (gst_pad_push_list (f.h->srcpad, list), GST_FLOW_OK);
  expect_timeout_at_and_free (&f, 1400 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_gap_event_resets_silence)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "audio/x-raw");
  set_time (&f, 400 * MS);
  fail_unless (gst_harness_push_event (f.h, gst_event_new_gap (0, 10 * MS)));
  expect_timeout_at_and_free (&f, 1400 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless_equals_uint64 (buffers_seen (&f), 0);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_kick_resets_silence)
{
  Fixture f;

  fixture_init (&f, NULL);
  set_time (&f, 400 * MS);
  kick (&f);
  expect_timeout_at_and_free (&f, 1400 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

typedef struct
{
  GstElement *wd;
  gint kicks;
  gint stop;
} Kicker;

static gpointer
kicker_thread (gpointer data)
{
  Kicker *k = data;

  while (!g_atomic_int_get (&k->stop)) {
    g_signal_emit_by_name (k->wd, "kick");
    g_atomic_int_inc (&k->kicks);
  }
  return NULL;
}

/* Waits until two more kicks completed, so that one of them started after
 * the call: the last kick then happened at the current clock time. */
static void
wait_for_fresh_kick (Kicker * k)
{
  gint start = g_atomic_int_get (&k->kicks);

  while (g_atomic_int_get (&k->kicks) < start + 2)
    g_thread_yield ();
}

GST_START_TEST (test_kick_from_another_thread_while_cranking)
{
  Fixture f;
  Kicker k = { NULL, 0, 0 };
  GThread *thread;
  GstClockTime t = 0;
  guint step;

  fixture_init (&f, NULL);
  k.wd = f.wd;
  thread = g_thread_new ("kicker", kicker_thread, &k);

  /* the clock moves in steps of a quarter of the timeout while another
   * thread keeps kicking; every wait that falls due runs concurrently with
   * the kicks and must find the stream alive */
  for (step = 1; step <= 40; step++) {
    t = step * 250 * MS;
    set_time (&f, t);
    wait_for_fresh_kick (&k);
    process_due_waits (&f);
    assert_no_message (&f);
    fail_unless_equals_int (pending_ids (&f), 1);
  }
  g_atomic_int_set (&k.stop, 1);
  g_thread_join (thread);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 0);

  /* the last kick happened at t */
  expect_timeout_at_and_free (&f, t + 1000 * MS,
      GST_IDLE_WATCHDOG_REASON_SILENCE, 1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Everything else leaves the silence alone                                 */

/* A buffer at 100 ms, then @event at 600 ms: the timeout must still come at
 * 100 + 1000 ms */
static void
check_event_does_not_reset (GstEvent * event, gboolean upstream)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  set_time (&f, 600 * MS);
  if (upstream)
    gst_harness_push_upstream_event (f.h, event);
  else
    fail_unless (gst_harness_push_event (f.h, event));
  expect_timeout_at_and_free (&f, 1100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_START_TEST (test_caps_event_does_not_reset)
{
  GstCaps *caps = gst_caps_new_empty_simple ("video/x-raw");

  check_event_does_not_reset (gst_event_new_caps (caps), FALSE);
  gst_caps_unref (caps);
}

GST_END_TEST;

GST_START_TEST (test_segment_event_does_not_reset)
{
  GstSegment segment;

  gst_segment_init (&segment, GST_FORMAT_TIME);
  segment.base = 5 * GST_SECOND;
  check_event_does_not_reset (gst_event_new_segment (&segment), FALSE);
}

GST_END_TEST;

GST_START_TEST (test_tag_event_does_not_reset)
{
  check_event_does_not_reset (gst_event_new_tag (gst_tag_list_new
          (GST_TAG_TITLE, "still alive?", NULL)), FALSE);
}

GST_END_TEST;

GST_START_TEST (test_custom_downstream_event_does_not_reset)
{
  check_event_does_not_reset (gst_event_new_custom
      (GST_EVENT_CUSTOM_DOWNSTREAM, gst_structure_new_empty ("heartbeat")),
      FALSE);
}

GST_END_TEST;

GST_START_TEST (test_custom_downstream_oob_event_does_not_reset)
{
  check_event_does_not_reset (gst_event_new_custom
      (GST_EVENT_CUSTOM_DOWNSTREAM_OOB, gst_structure_new_empty ("heartbeat")),
      FALSE);
}

GST_END_TEST;

GST_START_TEST (test_upstream_event_does_not_reset)
{
  check_event_does_not_reset (gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
          gst_structure_new_empty ("keep-alive")), TRUE);
}

GST_END_TEST;

GST_START_TEST (test_upstream_qos_event_does_not_reset)
{
  check_event_does_not_reset (gst_event_new_qos (GST_QOS_TYPE_UNDERFLOW, 0.9,
          0, 0), TRUE);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Arming                                                                    */

GST_START_TEST (test_paused_never_fires)
{
  Fixture f;

  fixture_init (&f, "startup-timeout", 100, "timeout", 100, NULL);
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  fail_unless_equals_int (pending_ids (&f), 0);
  assert_no_message (&f);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 0);
  fail_if (is_idle (&f));
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_paused_after_data_never_fires)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  fail_unless_equals_int (pending_ids (&f), 0);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_eos_disarms)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  set_time (&f, 200 * MS);
  fail_unless (gst_harness_push_event (f.h, gst_event_new_eos ()));
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  fail_unless_equals_int (pending_ids (&f), 0);
  assert_no_message (&f);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 0);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_eos_before_data_disarms)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  fail_unless (gst_harness_push_event (f.h, gst_event_new_eos ()));
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

static void
eos_then_silence (Fixture * f)
{
  start_stream (f, "video/x-raw");
  set_time (f, 100 * MS);
  push_buffer (f, 0);
  set_time (f, 200 * MS);
  fail_unless (gst_harness_push_event (f->h, gst_event_new_eos ()));
  set_time (f, 5000 * MS);
  fail_unless_equals_int (pending_ids (f), 0);
}

GST_START_TEST (test_flush_stop_rearms_after_eos)
{
  Fixture f;

  fixture_init (&f, NULL);
  eos_then_silence (&f);
  fail_unless (gst_harness_push_event (f.h, gst_event_new_flush_start ()));
  fail_unless (gst_harness_push_event (f.h, gst_event_new_flush_stop (TRUE)));
  fail_unless_equals_int (pending_ids (&f), 1);
  /* after a flush the wait for the first buffer is a startup phase */
  expect_timeout_at_and_free (&f, 6000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_stream_start_rearms_after_eos)
{
  Fixture f;

  fixture_init (&f, NULL);
  eos_then_silence (&f);
  fail_unless (gst_harness_push_event (f.h,
          gst_event_new_stream_start ("second-stream")));
  fail_unless_equals_int (pending_ids (&f), 1);
  expect_timeout_at_and_free (&f, 6000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_flush_start_disarms_until_flush_stop)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  set_time (&f, 200 * MS);
  fail_unless (gst_harness_push_event (f.h, gst_event_new_flush_start ()));
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 5000 * MS);
  process_due_waits (&f);
  assert_no_message (&f);

  fail_unless (gst_harness_push_event (f.h, gst_event_new_flush_stop (TRUE)));
  fail_unless_equals_int (pending_ids (&f), 1);
  /* after a flush the wait for the first buffer is a startup phase */
  expect_timeout_at_and_free (&f, 6000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

/* A non-live pipeline prerolls a buffer in PAUSED, goes to PLAYING and then
 * stalls: the watchdog must count from PLAYING and fire (gst-plugins-bad's
 * watchdog never does). */
GST_START_TEST (test_fires_after_preroll_stall)
{
  Fixture f;

  fixture_init (&f, NULL);
  back_to_paused_through_ready (&f);
  start_stream (&f, "video/x-raw");
  set_time (&f, 500 * MS);
  push_buffer (&f, 0);
  fail_unless_equals_int (pending_ids (&f), 0);

  set_time (&f, 2000 * MS);
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_PLAYING),
      GST_STATE_CHANGE_SUCCESS);
  expect_timeout_at_and_free (&f, 3000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless_equals_uint64 (buffers_seen (&f), 1);
  fixture_clear (&f);
}

GST_END_TEST;

/* The pipeline clock replaced while idle (PAUSED, a new clock, PLAYING):
 * the silence counted on the old clock carries over, whether the new clock
 * is far ahead of it or far behind */
static void
resume_on_new_clock (GstClockTime new_start)
{
  Fixture f;
  GstClock *other = gst_test_clock_new_with_start_time (new_start);

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  set_time (&f, 1500 * MS);
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless (gst_element_set_clock (f.wd, other));
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_PLAYING),
      GST_STATE_CHANGE_SUCCESS);
  gst_test_clock_set_time (GST_TEST_CLOCK (other), new_start + 200 * MS);
  push_buffer (&f, 1 * GST_SECOND);
  /* 1500 ms on the old clock (since the last buffer at 0), 200 on the new */
  fail_unless_equals_uint64 (expect_resumed (&f), 1700 * MS);
  /* and the watch goes on on the new clock */
  fail_unless (gst_test_clock_peek_id_count (GST_TEST_CLOCK (other)) == 1);
  fail_unless_equals_int (pending_ids (&f), 0);
  fixture_clear (&f);
  gst_object_unref (other);
}

static gboolean
find_event (GstHarness * h, gboolean upstream, const gchar * name)
{
  GstEvent *e;
  gboolean found = FALSE;

  while (!found && (e = upstream ? gst_harness_try_pull_upstream_event (h) :
          gst_harness_try_pull_event (h))) {
    const GstStructure *s = gst_event_get_structure (e);

    found = s && gst_structure_has_name (s, name);
    gst_event_unref (e);
  }
  return found;
}

/* Events and queries pass as gst_pad_event_default() and
 * gst_pad_query_default() pass them for a proxying pad (the element answers
 * the streaming threads' ones itself, without a pad iterator) */
GST_START_TEST (test_events_and_queries_pass_through)
{
  Fixture f;
  GstCaps *caps, *video, *audio;
  GstPad *sinkpad;
  GstQuery *q;

  fixture_init (&f, NULL);
  gst_harness_set_sink_caps_str (f.h, "video/x-raw");
  sinkpad = gst_element_get_static_pad (f.wd, "sink");
  video = gst_caps_from_string ("video/x-raw");
  audio = gst_caps_from_string ("audio/x-raw");

  /* caps: downstream's, within the filter */
  caps = gst_pad_query_caps (sinkpad, NULL);
  fail_unless (gst_caps_is_equal (caps, video), "%" GST_PTR_FORMAT, caps);
  gst_caps_unref (caps);
  caps = gst_pad_query_caps (sinkpad, audio);
  fail_unless (gst_caps_is_empty (caps), "%" GST_PTR_FORMAT, caps);
  gst_caps_unref (caps);
  /* accept-caps: downstream's answer */
  fail_unless (gst_pad_query_accept_caps (sinkpad, video));
  fail_if (gst_pad_query_accept_caps (sinkpad, audio));
  /* other queries are forwarded: downstream answers the latency one */
  q = gst_query_new_latency ();
  fail_unless (gst_pad_query (sinkpad, q));
  gst_query_unref (q);

  /* downstream events reach downstream, upstream events upstream */
  start_stream (&f, "video/x-raw");
  fail_unless (gst_harness_push_event (f.h,
          gst_event_new_custom (GST_EVENT_CUSTOM_DOWNSTREAM,
              gst_structure_new_empty ("down"))));
  fail_unless (gst_harness_push_upstream_event (f.h,
          gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
              gst_structure_new_empty ("up"))));
  fail_unless (find_event (f.h, TRUE, "up"), "the upstream event is lost");
  fail_unless (find_event (f.h, FALSE, "down"), "the event is lost");

  gst_caps_unref (video);
  gst_caps_unref (audio);
  gst_object_unref (sinkpad);
  fixture_clear (&f);
}

GST_END_TEST;

/* Every watchdog on one clock shares one timer: the clock holds a single
 * entry however many wait on it, and each still times out at its own
 * limit, exactly, in time order */
#define N_SHARED 40

GST_START_TEST (test_watchdogs_share_one_clock_entry)
{
  GstElement *pipeline = gst_pipeline_new ("shared");
  GstClock *clock = gst_test_clock_new ();
  GstTestClock *tc = GST_TEST_CLOCK (clock);
  GstBus *bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  IdwTap *tap = idw_tap_attach (bus, pipeline);
  GstElement *wd[N_SHARED];
  guint i, seen = 0;

  for (i = 0; i < N_SHARED; i++) {
    wd[i] = gst_element_factory_make ("idlewatchdog", NULL);
    /* limits 300, 310, ... with pairs on the same time */
    g_object_set (wd[i], "timeout", 1000, "startup-timeout",
        300 + 10 * (i / 2), NULL);
    gst_bin_add (GST_BIN (pipeline), wd[i]);
  }
  gst_pipeline_use_clock (GST_PIPELINE (pipeline), clock);
  fail_unless_equals_int (gst_element_set_state (pipeline,
          GST_STATE_PLAYING), GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (gst_test_clock_peek_id_count (tc), 1);

  while (seen < N_SHARED) {
    GstClockTime t;
    GstMessage *msg;

    fail_unless_equals_int (gst_test_clock_peek_id_count (tc), 1);
    fail_unless (gst_test_clock_crank (tc));
    t = gst_clock_get_time (clock);
    fail_unless (idw_tap_settle (tap));
    /* the two watchdogs due at this time, and no other */
    for (i = 0; i < 2; i++) {
      GstIdleWatchdogTimeout info;
      guint index;

      msg = idw_tap_pop (tap);
      fail_unless (msg != NULL, "no timeout at %" GST_TIME_FORMAT,
          GST_TIME_ARGS (t));
      fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
      fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_STARTUP);
      fail_unless_equals_uint64 (info.silence, t);
      fail_unless_equals_uint64 (info.timeout, t);
      for (index = 0; wd[index] != (GstElement *) GST_MESSAGE_SRC (msg);)
        index++;
      fail_unless_equals_uint64 (t, (300 + 10 * (index / 2)) * MS);
      gst_message_unref (msg);
      seen++;
    }
    fail_unless (idw_tap_pop (tap) == NULL);
  }
  /* all fired: nothing is left on the clock */
  fail_unless_equals_int (gst_test_clock_peek_id_count (tc), 0);
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  gst_object_unref (clock);
}

GST_END_TEST;

GST_START_TEST (test_clock_replaced_while_idle_ahead)
{
  resume_on_new_clock (1000000 * GST_SECOND);
}

GST_END_TEST;

GST_START_TEST (test_clock_replaced_while_idle_behind)
{
  resume_on_new_clock (5 * MS);
}

GST_END_TEST;

GST_START_TEST (test_rearmed_when_playing_again)
{
  Fixture f;

  fixture_init (&f, NULL);
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  set_time (&f, 5000 * MS);
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_PLAYING),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (pending_ids (&f), 1);
  expect_timeout_at_and_free (&f, 6000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Reasons and limits                                                        */

GST_START_TEST (test_startup_reason_uses_startup_timeout)
{
  Fixture f;

  fixture_init (&f, "startup-timeout", 300, "timeout", 1000, NULL);
  expect_timeout_at_and_free (&f, 300 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      300 * MS, 300 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_startup_reason_falls_back_to_timeout)
{
  Fixture f;

  fixture_init (&f, "timeout", 700, NULL);
  expect_timeout_at_and_free (&f, 700 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      700 * MS, 700 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_longer_startup_timeout_than_timeout)
{
  Fixture f;

  fixture_init (&f, "startup-timeout", 5000, "timeout", 1000, NULL);
  expect_timeout_at_and_free (&f, 5000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      5000 * MS, 5000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_silence_reason_uses_timeout)
{
  Fixture f;

  fixture_init (&f, "startup-timeout", 5000, "timeout", 1000, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  expect_timeout_at_and_free (&f, 1100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Exactness and episodes                                                    */

GST_START_TEST (test_timeout_posted_exactly_at_deadline)
{
  Fixture f;
  const GstClockTime deadline = 1250 * MS;
  GstIdleWatchdogTimeout info;
  GstMessage *msg;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 250 * MS);
  push_buffer (&f, 0);

  /* one nanosecond before: whatever is due runs, nothing is posted */
  set_time (&f, deadline - 1);
  process_due_waits (&f);
  assert_no_message (&f);
  fail_unless_equals_int (pending_ids (&f), 1);

  set_time (&f, deadline);
  process_due_waits (&f);
  msg = pop_element_message (&f);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_uint64 (info.silence, 1000 * MS);
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_one_timeout_per_silent_episode)
{
  Fixture f;

  fixture_init (&f, NULL);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  assert_no_message (&f);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 1);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_buffer_after_timeout_posts_resumed)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  expect_timeout_at_and_free (&f, 1100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  set_time (&f, 5100 * MS);
  push_buffer (&f, GST_SECOND);
  /* the whole episode: from the last buffer to this one */
  fail_unless_equals_uint64 (expect_resumed (&f), 5000 * MS);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_kick_after_timeout_posts_resumed)
{
  Fixture f;

  fixture_init (&f, NULL);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  set_time (&f, 4000 * MS);
  kick (&f);
  /* no activity ever before: the episode started when PLAYING began */
  fail_unless_equals_uint64 (expect_resumed (&f), 4000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_gap_after_timeout_posts_resumed)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "audio/x-raw");
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  set_time (&f, 2500 * MS);
  fail_unless (gst_harness_push_event (f.h, gst_event_new_gap (0, MS)));
  fail_unless_equals_uint64 (expect_resumed (&f), 2500 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_rearms_after_resumed)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  expect_timeout_at_and_free (&f, 1100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  set_time (&f, 5100 * MS);
  push_buffer (&f, GST_SECOND);
  expect_resumed (&f);
  fail_unless_equals_int (pending_ids (&f), 1);
  expect_timeout_at_and_free (&f, 6100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 2);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_only_first_activity_posts_resumed)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  set_time (&f, 1500 * MS);
  push_buffer (&f, 0);
  push_buffer (&f, MS);
  kick (&f);
  expect_resumed (&f);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Message fields                                                            */

GST_START_TEST (test_timeout_message_fields_after_buffers)
{
  Fixture f;
  GstMessage *msg;
  const GstStructure *s;
  GstIdleWatchdogTimeout info;
  const gchar *str;
  guint64 v;

  fixture_init (&f, "session-id", "user-42", NULL);
  start_stream (&f, "video/x-raw, width=(int)320");
  set_time (&f, 100 * MS);
  push_buffer (&f, 40 * MS);
  push_buffer (&f, 80 * MS);
  msg = expect_timeout_at (&f, 1100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);

  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_ELEMENT);
  s = gst_message_get_structure (msg);
  fail_unless (gst_structure_has_name (s, "idle-watchdog-timeout"));
  fail_unless_equals_string (gst_structure_get_string (s, "reason"), "silence");
  fail_unless (gst_structure_get_uint64 (s, "silence", &v));
  fail_unless_equals_uint64 (v, 1000 * MS);
  fail_unless (gst_structure_get_uint64 (s, "timeout", &v));
  fail_unless_equals_uint64 (v, 1000 * MS);
  fail_unless (gst_structure_get_uint64 (s, "buffers", &v));
  fail_unless_equals_uint64 (v, 2);
  fail_unless (gst_structure_get_uint64 (s, "last-pts", &v));
  fail_unless_equals_uint64 (v, 80 * MS);
  fail_unless_equals_string (gst_structure_get_string (s, "media-type"),
      "video/x-raw");
  str = gst_structure_get_string (s, "session-id");
  fail_unless_equals_string (str, "user-42");
  fail_if (gst_structure_has_field (s, "switch-element"));
  fail_if (gst_structure_has_field (s, "switch-target"));
  fail_unless_equals_int (gst_structure_n_fields (s), 7);

  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_uint64 (info.buffers, 2);
  fail_unless_equals_uint64 (info.last_pts, 80 * MS);
  fail_unless_equals_string (info.media_type, "video/x-raw");
  fail_unless_equals_string (info.session_id, "user-42");
  fail_unless (info.switch_element == NULL);
  fail_unless (info.switch_target == NULL);
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_timeout_message_fields_without_data)
{
  Fixture f;
  GstMessage *msg;
  const GstStructure *s;
  guint64 v;

  fixture_init (&f, NULL);
  msg = expect_timeout_at (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  s = gst_message_get_structure (msg);
  fail_unless (gst_structure_get_uint64 (s, "buffers", &v));
  fail_unless_equals_uint64 (v, 0);
  fail_unless (gst_structure_get_uint64 (s, "last-pts", &v));
  fail_unless_equals_uint64 (v, GST_CLOCK_TIME_NONE);
  fail_unless_equals_string (gst_structure_get_string (s, "media-type"), "");
  fail_if (gst_structure_has_field (s, "session-id"));
  fail_if (gst_structure_has_field (s, "switch-element"));
  fail_if (gst_structure_has_field (s, "switch-target"));
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_media_type_empty_without_caps)
{
  Fixture f;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;

  fixture_init (&f, NULL);
  start_stream (&f, NULL);
  set_time (&f, 100 * MS);
  push_buffer (&f, 7);
  msg = expect_timeout_at (&f, 1100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_string (info.media_type, "");
  fail_unless_equals_uint64 (info.last_pts, 7);
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_media_type_follows_latest_caps)
{
  Fixture f;
  GstCaps *caps;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  caps = gst_caps_from_string ("audio/x-opus");
  fail_unless (gst_harness_push_event (f.h, gst_event_new_caps (caps)));
  gst_caps_unref (caps);
  msg = expect_timeout_at (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_string (info.media_type, "audio/x-opus");
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_last_pts_none_for_buffer_without_pts)
{
  Fixture f;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 5 * MS);
  push_buffer (&f, GST_CLOCK_TIME_NONE);
  msg = expect_timeout_at (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_uint64 (info.last_pts, GST_CLOCK_TIME_NONE);
  fail_unless_equals_uint64 (info.buffers, 2);
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_last_pts_of_buffer_list_is_its_last_buffer)
{
  Fixture f;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;
  GstBufferList *list = gst_buffer_list_new ();

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  gst_buffer_list_add (list, buffer_with_pts (10 * MS));
  gst_buffer_list_add (list, buffer_with_pts (20 * MS));
  gst_buffer_list_add (list, buffer_with_pts (30 * MS));
  fail_unless_equals_int (gst_pad_push_list (f.h->srcpad, list), GST_FLOW_OK);
  msg = expect_timeout_at (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_uint64 (info.last_pts, 30 * MS);
  fail_unless_equals_uint64 (info.buffers, 3);
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_session_id_changed_while_playing_is_used)
{
  Fixture f;
  GstMessage *msg;

  fixture_init (&f, "session-id", "old", NULL);
  set_time (&f, 100 * MS);
  g_object_set (f.wd, "session-id", "new", NULL);
  msg = expect_timeout_at (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fail_unless_equals_string (gst_idle_watchdog_message_get_session_id (msg),
      "new");
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_resumed_message_fields_with_session_id)
{
  Fixture f;
  GstMessage *msg;
  const GstStructure *s;
  guint64 v;

  fixture_init (&f, "session-id", "user-7", NULL);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  set_time (&f, 1800 * MS);
  kick (&f);
  msg = pop_element_message (&f);
  fail_unless (msg != NULL);
  fail_unless (GST_MESSAGE_SRC (msg) == GST_OBJECT (f.wd));
  s = gst_message_get_structure (msg);
  fail_unless (gst_structure_has_name (s, "idle-watchdog-resumed"));
  fail_unless (gst_structure_get_uint64 (s, "silence", &v));
  fail_unless_equals_uint64 (v, 1800 * MS);
  fail_unless_equals_string (gst_structure_get_string (s, "session-id"),
      "user-7");
  fail_unless_equals_int (gst_structure_n_fields (s), 2);
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_resumed_message_fields_without_session_id)
{
  Fixture f;
  GstMessage *msg;
  const GstStructure *s;

  fixture_init (&f, NULL);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  kick (&f);
  msg = pop_element_message (&f);
  fail_unless (gst_idle_watchdog_message_is_resumed (msg));
  s = gst_message_get_structure (msg);
  fail_unless (gst_structure_has_field_typed (s, "silence", G_TYPE_UINT64));
  fail_if (gst_structure_has_field (s, "session-id"));
  fail_unless_equals_int (gst_structure_n_fields (s), 1);
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */

GST_START_TEST (test_action_message_posts_only_the_element_message)
{
  Fixture f;
  GstEvent *ev;

  fixture_init (&f, "action", GST_IDLE_WATCHDOG_ACTION_MESSAGE, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  assert_no_message (&f);
  while ((ev = gst_harness_try_pull_event (f.h)) != NULL) {
    fail_if (GST_EVENT_TYPE (ev) == GST_EVENT_EOS);
    gst_event_unref (ev);
  }
  /* the stream is still open: data flows and resumes the watchdog */
  push_buffer (&f, GST_SECOND);
  expect_resumed (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_action_eos_pushes_eos_downstream)
{
  Fixture f;
  GstEvent *ev;
  gboolean got_eos = FALSE;

  fixture_init (&f, "action", GST_IDLE_WATCHDOG_ACTION_EOS, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  /* pushed from another thread: pulling blocks until it arrives */
  while (!got_eos && (ev = gst_harness_pull_event (f.h)) != NULL) {
    got_eos = GST_EVENT_TYPE (ev) == GST_EVENT_EOS;
    gst_event_unref (ev);
  }
  fail_unless (got_eos);
  fail_unless_equals_int (pending_ids (&f), 0);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_action_error_posts_stream_error)
{
  Fixture f;
  GstMessage *msg;
  GError *err = NULL;
  gchar *debug = NULL;

  fixture_init (&f, "action", GST_IDLE_WATCHDOG_ACTION_ERROR, NULL);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  /* right after the timeout, from the thread that posted it */
  msg = gst_bus_timed_pop_filtered (f.bus, 10 * GST_SECOND, WATCHDOG_MESSAGES);
  fail_unless (msg != NULL);
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_ERROR);
  fail_unless (GST_MESSAGE_SRC (msg) == GST_OBJECT (f.wd));
  gst_message_parse_error (msg, &err, &debug);
  fail_unless (err->domain == GST_STREAM_ERROR);
  fail_unless_equals_int (err->code, GST_STREAM_ERROR_FAILED);
  fail_unless (err->message != NULL && *err->message != '\0');
  g_error_free (err);
  g_free (debug);
  gst_message_unref (msg);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Properties                                                                */

GST_START_TEST (test_property_defaults)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
  guint timeout, startup, sw, listener, timeouts;
  GstIdleWatchdogAction action;
  gchar *session_id;
  guint64 nbuf;
  gboolean idle;

  fail_unless (wd != NULL);
  g_object_get (wd, "timeout", &timeout, "startup-timeout", &startup,
      "switch-timeout", &sw, "listener-timeout", &listener, "action", &action,
      "session-id", &session_id, "buffers", &nbuf, "timeouts", &timeouts,
      "idle", &idle, NULL);
  fail_unless_equals_int (timeout, 1000);
  fail_unless_equals_int (startup, 0);
  fail_unless_equals_int (sw, 0);
  fail_unless_equals_int (listener, 0);
  fail_unless_equals_int (action, GST_IDLE_WATCHDOG_ACTION_MESSAGE);
  fail_unless (session_id == NULL);
  fail_unless_equals_uint64 (nbuf, 0);
  fail_unless_equals_int (timeouts, 0);
  fail_if (idle);
  gst_object_unref (wd);
}

GST_END_TEST;

GST_START_TEST (test_action_enum_nicks)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_IDLE_WATCHDOG_ACTION);

  fail_unless_equals_int (g_enum_get_value_by_nick (klass, "message")->value,
      GST_IDLE_WATCHDOG_ACTION_MESSAGE);
  fail_unless_equals_int (g_enum_get_value_by_nick (klass, "eos")->value,
      GST_IDLE_WATCHDOG_ACTION_EOS);
  fail_unless_equals_int (g_enum_get_value_by_nick (klass, "error")->value,
      GST_IDLE_WATCHDOG_ACTION_ERROR);
  fail_unless_equals_int (klass->n_values, 3);
  g_type_class_unref (klass);
}

GST_END_TEST;

GST_START_TEST (test_limits_accept_one_day)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
  const gchar *names[] = { "timeout", "startup-timeout", "switch-timeout",
    "listener-timeout"
  };
  guint i, v;

  for (i = 0; i < G_N_ELEMENTS (names); i++) {
    g_object_set (wd, names[i], 86400000, NULL);
    g_object_get (wd, names[i], &v, NULL);
    fail_unless_equals_int (v, 86400000);
  }
  gst_object_unref (wd);
}

GST_END_TEST;

GST_START_TEST (test_limits_above_one_day_refused)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
  const gchar *names[] = { "timeout", "startup-timeout", "switch-timeout",
    "listener-timeout"
  };
  guint i, v;

  for (i = 0; i < G_N_ELEMENTS (names); i++) {
    g_object_set (wd, names[i], 1234, NULL);
    ASSERT_WARNING (g_object_set (wd, names[i], 86400001, NULL));
    g_object_get (wd, names[i], &v, NULL);
    fail_unless_equals_int (v, 1234);
    /* timeout=-5 on a command line */
    ASSERT_WARNING (g_object_set (wd, names[i], (guint) - 5, NULL));
    g_object_get (wd, names[i], &v, NULL);
    fail_unless_equals_int (v, 1234);
  }
  gst_object_unref (wd);
}

GST_END_TEST;

GST_START_TEST (test_action_out_of_range_refused)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
  GstIdleWatchdogAction action;

  g_object_set (wd, "action", GST_IDLE_WATCHDOG_ACTION_EOS, NULL);
  ASSERT_WARNING (g_object_set (wd, "action", 42, NULL));
  g_object_get (wd, "action", &action, NULL);
  fail_unless_equals_int (action, GST_IDLE_WATCHDOG_ACTION_EOS);
  gst_object_unref (wd);
}

GST_END_TEST;

GST_START_TEST (test_unknown_property_caught)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);

  ASSERT_WARNING (g_object_set (wd, "time-out", 5, NULL));
  gst_object_unref (wd);
}

GST_END_TEST;

GST_START_TEST (test_read_only_properties_refused)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
  guint64 nbuf;
  guint timeouts;
  gboolean idle;

  ASSERT_WARNING (g_object_set (wd, "buffers", (guint64) 5, NULL));
  ASSERT_WARNING (g_object_set (wd, "timeouts", 5, NULL));
  ASSERT_WARNING (g_object_set (wd, "idle", TRUE, NULL));
  g_object_get (wd, "buffers", &nbuf, "timeouts", &timeouts, "idle", &idle,
      NULL);
  fail_unless_equals_uint64 (nbuf, 0);
  fail_unless_equals_int (timeouts, 0);
  fail_if (idle);
  gst_object_unref (wd);
}

GST_END_TEST;

/* watch-switches follows the state changes: settable in NULL and READY,
 * refused (with a warning, the value kept) from PAUSED on */
GST_START_TEST (test_watch_switches_only_in_null_or_ready)
{
  Fixture f;
  GParamSpec *pspec;
  gboolean watch;

  fixture_init (&f, NULL);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (f.wd),
      "watch-switches");
  fail_unless (pspec->flags & GST_PARAM_MUTABLE_READY);
  fail_if (pspec->flags & GST_PARAM_MUTABLE_PLAYING);
  fail_if (pspec->flags & GST_PARAM_MUTABLE_PAUSED);
  ASSERT_WARNING (g_object_set (f.wd, "watch-switches", FALSE, NULL));
  g_object_get (f.wd, "watch-switches", &watch, NULL);
  fail_unless (watch);
  fail_unless_equals_int (gst_element_set_state (f.wd, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  g_object_set (f.wd, "watch-switches", FALSE, NULL);
  g_object_get (f.wd, "watch-switches", &watch, NULL);
  fail_if (watch);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_wrong_value_type_refused)
{
  GstElement *wd = gst_element_factory_make ("idlewatchdog", NULL);
  GValue v = G_VALUE_INIT;
  guint timeout;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "500");
  ASSERT_WARNING (g_object_set_property (G_OBJECT (wd), "timeout", &v));
  g_value_unset (&v);
  g_object_get (wd, "timeout", &timeout, NULL);
  fail_unless_equals_int (timeout, 1000);

  g_value_init (&v, G_TYPE_POINTER);
  g_value_set_pointer (&v, wd);
  ASSERT_WARNING (g_object_set_property (G_OBJECT (wd), "session-id", &v));
  g_value_unset (&v);

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "eos");
  ASSERT_WARNING (g_object_set_property (G_OBJECT (wd), "action", &v));
  g_value_unset (&v);
  gst_object_unref (wd);
}

GST_END_TEST;

GST_START_TEST (test_kick_on_null_caught)
{
  ASSERT_CRITICAL (g_signal_emit_by_name (NULL, "kick"));
}

GST_END_TEST;

GST_START_TEST (test_null_session_id_clears_it)
{
  Fixture f;
  GstMessage *msg;
  gchar *sid;

  fixture_init (&f, "session-id", "s1", NULL);
  g_object_set (f.wd, "session-id", NULL, NULL);
  g_object_get (f.wd, "session-id", &sid, NULL);
  fail_unless (sid == NULL);
  msg = expect_timeout_at (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fail_if (gst_structure_has_field (gst_message_get_structure (msg),
          "session-id"));
  gst_message_unref (msg);
  fixture_clear (&f);
}

GST_END_TEST;

/* A buffer at 100 ms, then the limit changes at 200 ms */
static void
change_while_playing (Fixture * f, const gchar * property, guint value)
{
  start_stream (f, "video/x-raw");
  set_time (f, 100 * MS);
  push_buffer (f, 0);
  set_time (f, 200 * MS);
  g_object_set (f->wd, property, value, NULL);
}

GST_START_TEST (test_shorter_timeout_while_playing)
{
  Fixture f;

  fixture_init (&f, NULL);
  change_while_playing (&f, "timeout", 500);
  expect_timeout_at_and_free (&f, 600 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      500 * MS, 500 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_longer_timeout_while_playing)
{
  Fixture f;

  fixture_init (&f, NULL);
  change_while_playing (&f, "timeout", 3000);
  expect_timeout_at_and_free (&f, 3100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      3000 * MS, 3000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_timeout_shorter_than_elapsed_silence_fires_at_once)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  set_time (&f, 900 * MS);
  g_object_set (f.wd, "timeout", 300, NULL);
  /* already 800 ms of silence: due now, not 300 ms from now */
  expect_timeout_at_and_free (&f, 900 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      800 * MS, 300 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_shorter_startup_timeout_while_playing)
{
  Fixture f;

  fixture_init (&f, NULL);
  set_time (&f, 100 * MS);
  g_object_set (f.wd, "startup-timeout", 300, NULL);
  expect_timeout_at_and_free (&f, 300 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      300 * MS, 300 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_longer_startup_timeout_while_playing)
{
  Fixture f;

  fixture_init (&f, NULL);
  set_time (&f, 100 * MS);
  g_object_set (f.wd, "startup-timeout", 4000, NULL);
  expect_timeout_at_and_free (&f, 4000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      4000 * MS, 4000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_startup_timeout_change_after_data_ignored)
{
  Fixture f;

  fixture_init (&f, NULL);
  change_while_playing (&f, "startup-timeout", 150);
  expect_timeout_at_and_free (&f, 1100 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_timeout_zero_disables)
{
  Fixture f;

  fixture_init (&f, "timeout", 0, NULL);
  fail_unless_equals_int (pending_ids (&f), 0);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_timeout_zero_while_playing_disarms)
{
  Fixture f;

  fixture_init (&f, NULL);
  set_time (&f, 100 * MS);
  fail_unless_equals_int (pending_ids (&f), 1);
  g_object_set (f.wd, "timeout", 0, NULL);
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_timeout_zero_disables_startup_timeout_too)
{
  Fixture f;

  fixture_init (&f, "timeout", 0, "startup-timeout", 500, NULL);
  fail_unless_equals_int (pending_ids (&f), 0);
  set_time (&f, 3600 * GST_SECOND);
  process_due_waits (&f);
  assert_no_message (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_timeout_reenabled_while_playing_rearms)
{
  Fixture f;

  fixture_init (&f, "timeout", 0, NULL);
  start_stream (&f, "video/x-raw");
  set_time (&f, 100 * MS);
  push_buffer (&f, 0);
  g_object_set (f.wd, "timeout", 500, NULL);
  fail_unless_equals_int (pending_ids (&f), 1);
  expect_timeout_at_and_free (&f, 600 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      500 * MS, 500 * MS);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Statistics                                                                */

GST_START_TEST (test_buffers_counts_buffers_and_list_items)
{
  Fixture f;
  GstBufferList *list = gst_buffer_list_new ();

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  push_buffer (&f, MS);
  fail_unless_equals_uint64 (buffers_seen (&f), 2);
  gst_buffer_list_add (list, buffer_with_pts (2 * MS));
  gst_buffer_list_add (list, buffer_with_pts (3 * MS));
  gst_buffer_list_add (list, buffer_with_pts (4 * MS));
  fail_unless_equals_int (gst_pad_push_list (f.h->srcpad, list), GST_FLOW_OK);
  fail_unless_equals_uint64 (buffers_seen (&f), 5);
  /* GAP events and kicks are activity, not buffers */
  fail_unless (gst_harness_push_event (f.h, gst_event_new_gap (0, MS)));
  kick (&f);
  fail_unless_equals_uint64 (buffers_seen (&f), 5);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_timeouts_counts_timeouts)
{
  Fixture f;

  fixture_init (&f, NULL);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 0);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 1);
  kick (&f);
  expect_resumed (&f);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 1);
  expect_timeout_at_and_free (&f, 2000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 2);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_idle_between_timeout_and_activity)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  fail_if (is_idle (&f));
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      1000 * MS, 1000 * MS);
  fail_unless (is_idle (&f));
  set_time (&f, 2000 * MS);
  fail_unless (is_idle (&f));
  push_buffer (&f, 0);
  fail_if (is_idle (&f));
  expect_resumed (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_stats_reset_on_ready_to_paused)
{
  Fixture f;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  expect_timeout_at_and_free (&f, 1000 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);
  back_to_paused_through_ready (&f);
  fail_unless_equals_uint64 (buffers_seen (&f), 0);
  fail_unless_equals_int (get_uint (&f, "timeouts"), 0);
  fail_if (is_idle (&f));
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_stats_count_per_reason_resumes_and_last_timeout)
{
  Fixture f;
  GstStructure *st;
  guint64 silence;
  GstClockTime t;
  const gchar *reason;

  fixture_init (&f, "startup-timeout", 300, NULL);
  fail_unless_equals_int (stats_uint (f.wd, "timeouts"), 0);
  g_object_get (f.wd, "stats", &st, NULL);
  fail_unless_equals_string (gst_structure_get_name (st),
      "application/x-idlewatchdog-stats");
  fail_unless_equals_string (gst_structure_get_string (st,
          "last-timeout-reason"), "");
  fail_unless (gst_structure_get_uint64 (st, "last-timeout-time", &t));
  fail_unless_equals_uint64 (t, GST_CLOCK_TIME_NONE);
  gst_structure_free (st);

  expect_timeout_at_and_free (&f, 300 * MS, GST_IDLE_WATCHDOG_REASON_STARTUP,
      300 * MS, 300 * MS);
  set_time (&f, 500 * MS);
  g_object_get (f.wd, "stats", &st, NULL);
  fail_unless (gst_structure_get_uint64 (st, "silence", &silence));
  /* idle: the whole episode, from arming at 0 */
  fail_unless_equals_uint64 (silence, 500 * MS);
  gst_structure_free (st);

  start_stream (&f, "video/x-raw");
  push_buffer (&f, 0);
  fail_unless_equals_uint64 (expect_resumed (&f), 500 * MS);
  expect_timeout_at_and_free (&f, 1500 * MS, GST_IDLE_WATCHDOG_REASON_SILENCE,
      1000 * MS, 1000 * MS);

  g_object_get (f.wd, "stats", &st, NULL);
  fail_unless_equals_int (stats_uint (f.wd, "timeouts"), 2);
  fail_unless_equals_int (stats_uint (f.wd, "timeouts-startup"), 1);
  fail_unless_equals_int (stats_uint (f.wd, "timeouts-silence"), 1);
  fail_unless_equals_int (stats_uint (f.wd, "timeouts-switch"), 0);
  fail_unless_equals_int (stats_uint (f.wd, "timeouts-no-listeners"), 0);
  fail_unless_equals_int (stats_uint (f.wd, "timeouts-blocked"), 0);
  fail_unless_equals_int (stats_uint (f.wd, "resumes"), 1);
  fail_unless_equals_int (stats_uint (f.wd, "switches"), 0);
  reason = gst_structure_get_string (st, "last-timeout-reason");
  fail_unless_equals_string (reason, "silence");
  fail_unless (gst_structure_get_uint64 (st, "last-timeout-time", &t));
  fail_unless_equals_uint64 (t, 1500 * MS);
  fail_unless (gst_structure_get_uint64 (st, "buffers", &silence));
  fail_unless_equals_uint64 (silence, 1);
  gst_structure_free (st);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Pass-through without copies                                               */

GST_START_TEST (test_buffer_passes_through_uncopied)
{
  Fixture f;
  GstBuffer *in = buffer_with_pts (0), *out;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  fail_unless_equals_int (gst_harness_push (f.h, gst_buffer_ref (in)),
      GST_FLOW_OK);
  out = gst_harness_pull (f.h);
  fail_unless (out == in);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_buffer_list_passes_through_uncopied)
{
  Fixture f;
  GstBufferList *list = gst_buffer_list_new ();
  GstBuffer *a = buffer_with_pts (0), *b = buffer_with_pts (MS), *out;

  fixture_init (&f, NULL);
  start_stream (&f, "video/x-raw");
  gst_buffer_list_add (list, gst_buffer_ref (a));
  gst_buffer_list_add (list, gst_buffer_ref (b));
  fail_unless_equals_int (gst_pad_push_list (f.h->srcpad, list), GST_FLOW_OK);
  out = gst_harness_pull (f.h);
  fail_unless (out == a);
  gst_buffer_unref (out);
  out = gst_harness_pull (f.h);
  fail_unless (out == b);
  gst_buffer_unref (out);
  gst_buffer_unref (a);
  gst_buffer_unref (b);
  fixture_clear (&f);
}

GST_END_TEST;

static GstPadProbeReturn
record_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  gpointer *slot = user_data;

  g_atomic_pointer_set (slot, GST_PAD_PROBE_INFO_BUFFER (info));
  return GST_PAD_PROBE_OK;
}

/* Records the last buffer that reaches the sink pad of element @name */
static void
probe_sink (GstElement * pipeline, const gchar * name, gpointer * slot)
{
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), name);
  GstPad *pad = gst_element_get_static_pad (sink, "sink");

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, record_buffer, slot, NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
}

GST_START_TEST (test_no_copies_behind_tee)
{
  GstElement *pipeline, *src;
  GstBuffer *in = gst_buffer_new_allocate (NULL, 64, NULL);
  gpointer got_tee = NULL, got_a = NULL, got_b = NULL;
  GstFlowReturn ret;
  GstMessage *msg;
  GError *error = NULL;

  pipeline = gst_parse_launch ("appsrc name=src format=time ! tee name=t "
      "t. ! queue ! idlewatchdog ! fakesink name=a sync=false "
      "t. ! queue ! idlewatchdog ! fakesink name=b sync=false", &error);
  fail_unless (pipeline != NULL, "%s", error ? error->message : "");
  probe_sink (pipeline, "t", &got_tee);
  probe_sink (pipeline, "a", &got_a);
  probe_sink (pipeline, "b", &got_b);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");

  fail_if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  GST_BUFFER_PTS (in) = 0;
  g_signal_emit_by_name (src, "push-buffer", in, &ret);
  fail_unless_equals_int (ret, GST_FLOW_OK);
  g_signal_emit_by_name (src, "end-of-stream", &ret);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline),
      GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_EOS);
  gst_message_unref (msg);

  /* what the tee fanned out is what both branches' sinks got */
  fail_unless (g_atomic_pointer_get (&got_tee) != NULL);
  fail_unless (g_atomic_pointer_get (&got_a) == got_tee);
  fail_unless (g_atomic_pointer_get (&got_b) == got_tee);

  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_buffer_unref (in);
  gst_object_unref (src);
  gst_object_unref (pipeline);
}

GST_END_TEST;

static Suite *
idlewatchdog_suite (void)
{
  Suite *s = suite_create ("idlewatchdog");
  TCase *tc;

  idw_check_watch_own_log_domains ();

  tc = tcase_create ("activity");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_buffer_resets_silence);
  tcase_add_test (tc, test_watchdogs_share_one_clock_entry);
  tcase_add_test (tc, test_events_and_queries_pass_through);
  tcase_add_test (tc, test_buffer_list_resets_silence);
  tcase_add_test (tc, test_gap_event_resets_silence);
  tcase_add_test (tc, test_kick_resets_silence);
  tcase_add_test (tc, test_kick_from_another_thread_while_cranking);

  tc = tcase_create ("non-activity");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_caps_event_does_not_reset);
  tcase_add_test (tc, test_segment_event_does_not_reset);
  tcase_add_test (tc, test_tag_event_does_not_reset);
  tcase_add_test (tc, test_custom_downstream_event_does_not_reset);
  tcase_add_test (tc, test_custom_downstream_oob_event_does_not_reset);
  tcase_add_test (tc, test_upstream_event_does_not_reset);
  tcase_add_test (tc, test_upstream_qos_event_does_not_reset);

  tc = tcase_create ("arming");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_paused_never_fires);
  tcase_add_test (tc, test_paused_after_data_never_fires);
  tcase_add_test (tc, test_eos_disarms);
  tcase_add_test (tc, test_eos_before_data_disarms);
  tcase_add_test (tc, test_flush_stop_rearms_after_eos);
  tcase_add_test (tc, test_stream_start_rearms_after_eos);
  tcase_add_test (tc, test_flush_start_disarms_until_flush_stop);
  tcase_add_test (tc, test_fires_after_preroll_stall);
  tcase_add_test (tc, test_rearmed_when_playing_again);
  tcase_add_test (tc, test_clock_replaced_while_idle_ahead);
  tcase_add_test (tc, test_clock_replaced_while_idle_behind);

  tc = tcase_create ("reasons");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_startup_reason_uses_startup_timeout);
  tcase_add_test (tc, test_startup_reason_falls_back_to_timeout);
  tcase_add_test (tc, test_longer_startup_timeout_than_timeout);
  tcase_add_test (tc, test_silence_reason_uses_timeout);

  tc = tcase_create ("episodes");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_timeout_posted_exactly_at_deadline);
  tcase_add_test (tc, test_one_timeout_per_silent_episode);
  tcase_add_test (tc, test_buffer_after_timeout_posts_resumed);
  tcase_add_test (tc, test_kick_after_timeout_posts_resumed);
  tcase_add_test (tc, test_gap_after_timeout_posts_resumed);
  tcase_add_test (tc, test_rearms_after_resumed);
  tcase_add_test (tc, test_only_first_activity_posts_resumed);

  tc = tcase_create ("fields");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_timeout_message_fields_after_buffers);
  tcase_add_test (tc, test_timeout_message_fields_without_data);
  tcase_add_test (tc, test_media_type_empty_without_caps);
  tcase_add_test (tc, test_media_type_follows_latest_caps);
  tcase_add_test (tc, test_last_pts_none_for_buffer_without_pts);
  tcase_add_test (tc, test_last_pts_of_buffer_list_is_its_last_buffer);
  tcase_add_test (tc, test_session_id_changed_while_playing_is_used);
  tcase_add_test (tc, test_resumed_message_fields_with_session_id);
  tcase_add_test (tc, test_resumed_message_fields_without_session_id);

  tc = tcase_create ("actions");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_action_message_posts_only_the_element_message);
  tcase_add_test (tc, test_action_eos_pushes_eos_downstream);
  tcase_add_test (tc, test_action_error_posts_stream_error);

  tc = tcase_create ("properties");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_property_defaults);
  tcase_add_test (tc, test_action_enum_nicks);
  tcase_add_test (tc, test_limits_accept_one_day);
  tcase_add_test (tc, test_limits_above_one_day_refused);
  tcase_add_test (tc, test_action_out_of_range_refused);
  tcase_add_test (tc, test_unknown_property_caught);
  tcase_add_test (tc, test_read_only_properties_refused);
  tcase_add_test (tc, test_wrong_value_type_refused);
  tcase_add_test (tc, test_watch_switches_only_in_null_or_ready);
  tcase_add_test (tc, test_kick_on_null_caught);
  tcase_add_test (tc, test_null_session_id_clears_it);
  tcase_add_test (tc, test_shorter_timeout_while_playing);
  tcase_add_test (tc, test_longer_timeout_while_playing);
  tcase_add_test (tc, test_timeout_shorter_than_elapsed_silence_fires_at_once);
  tcase_add_test (tc, test_shorter_startup_timeout_while_playing);
  tcase_add_test (tc, test_longer_startup_timeout_while_playing);
  tcase_add_test (tc, test_startup_timeout_change_after_data_ignored);
  tcase_add_test (tc, test_timeout_zero_disables);
  tcase_add_test (tc, test_timeout_zero_while_playing_disarms);
  tcase_add_test (tc, test_timeout_zero_disables_startup_timeout_too);
  tcase_add_test (tc, test_timeout_reenabled_while_playing_rearms);

  tc = tcase_create ("stats");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_buffers_counts_buffers_and_list_items);
  tcase_add_test (tc, test_timeouts_counts_timeouts);
  tcase_add_test (tc, test_idle_between_timeout_and_activity);
  tcase_add_test (tc, test_stats_reset_on_ready_to_paused);
  tcase_add_test (tc, test_stats_count_per_reason_resumes_and_last_timeout);

  tc = tcase_create ("pass-through");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_buffer_passes_through_uncopied);
  tcase_add_test (tc, test_buffer_list_passes_through_uncopied);
  tcase_add_test (tc, test_no_copies_behind_tee);

  return s;
}

GST_CHECK_MAIN (idlewatchdog);
