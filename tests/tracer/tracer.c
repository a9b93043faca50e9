/* gst-idlewatchdog: unit tests of the idlewatchdogtracer tracer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The tracer is enabled before gst_init() by GST_TRACERS (tests/tracer/
 * meson.build), once per process: the same binary runs twice, with the
 * configuration IDW_TRACER_SUITE names:
 *
 * - "message": idlewatchdogtracer(timeout=500,startup-timeout=800)
 * - "error": idlewatchdogtracer(timeout=500,action=error,name=watched*)
 *
 * The pipelines have no idlewatchdog element: appsrc (live) into a sink, on
 * a GstTestClock. Time moves only when a test advances it; the tracer
 * decides on the clock's callback (the test's thread) and posts its
 * timeouts from GStreamer's thread pool, so expected messages are read with
 * a bounded timed pop, and "no message" is asserted after the clock has
 * moved well past every deadline and a bounded wait shows nothing.
 */
#include <gst/check/gstcheck.h>
#include <gst/check/gsttestclock.h>

#include "idlewatchdog.h"

#define MS GST_MSECOND
/* Bound of every wait for an expected post */
#define POST_BOUND (20 * GST_SECOND)
/* How long "nothing more" is watched for, in real time */
#define QUIET (300 * MS)

typedef struct
{
  GstElement *pipeline;
  GstElement *src;
  GstElement *sink;
  GstTestClock *clock;
  GstBus *bus;
  GMutex lock;
  GCond cond;
  guint arrived;                /* buffers that reached the sink */
  guint need_data;              /* appsrc's need-data signals */
  guint need_at_arrival;        /* need_data when the last buffer arrived */
  guint consumed;               /* buffers at a consumer's sink */
} Fixture;

static GstPadProbeReturn
count_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Fixture *f = user_data;

  g_mutex_lock (&f->lock);
  f->arrived++;
  f->need_at_arrival = f->need_data;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);
  return GST_PAD_PROBE_OK;
}

/* appsrc asks for data on its streaming thread once its last push has
 * returned (tracer hooks after the push included) and its queue is empty */
static void
count_need_data (GstElement * src, guint length, gpointer user_data)
{
  Fixture *f = user_data;

  g_mutex_lock (&f->lock);
  f->need_data++;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);
}

/* @desc has an appsrc "src" and a sink "sink" (or "watched-sink"); on
 * @clock, or a new test clock */
static void
fixture_init_on (Fixture * f, const gchar * desc, GstTestClock * clock)
{
  GError *err = NULL;
  GstPad *pad;

  memset (f, 0, sizeof (*f));
  g_mutex_init (&f->lock);
  g_cond_init (&f->cond);
  f->pipeline = gst_parse_launch (desc, &err);
  fail_unless (f->pipeline != NULL, "%s", err ? err->message : "?");
  f->src = gst_bin_get_by_name (GST_BIN (f->pipeline), "src");
  f->sink = gst_bin_get_by_name (GST_BIN (f->pipeline), "sink");
  if (f->sink == NULL)
    f->sink = gst_bin_get_by_name (GST_BIN (f->pipeline), "watched-sink");
  fail_unless (f->src && f->sink);
  g_signal_connect (f->src, "need-data", G_CALLBACK (count_need_data), f);
  f->clock = clock ? gst_object_ref (clock) :
      GST_TEST_CLOCK (gst_test_clock_new ());
  gst_pipeline_use_clock (GST_PIPELINE (f->pipeline), GST_CLOCK (f->clock));
  f->bus = gst_element_get_bus (f->pipeline);
  pad = gst_element_get_static_pad (f->sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer, f, NULL);
  gst_object_unref (pad);
}

static void
fixture_init (Fixture * f, const gchar * desc)
{
  fixture_init_on (f, desc, NULL);
}

static void
fixture_play (Fixture * f)
{
  GstStateChangeReturn r =
      gst_element_set_state (f->pipeline, GST_STATE_PLAYING);

  fail_unless (r != GST_STATE_CHANGE_FAILURE);
}

static void
fixture_clear (Fixture * f)
{
  fail_unless (gst_element_set_state (f->pipeline, GST_STATE_NULL) ==
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (f->src);
  gst_object_unref (f->sink);
  gst_object_unref (f->bus);
  gst_object_unref (f->pipeline);
  gst_object_unref (f->clock);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->cond);
}

static GstClockTime
now (Fixture * f)
{
  return gst_clock_get_time (GST_CLOCK (f->clock));
}

/* Moves the clock @delta forward, firing every wait due on the way at its
 * exact time */
static void
advance (Fixture * f, GstClockTime delta)
{
  GstClockTime target = now (f) + delta;

  for (;;) {
    GstClockTime next = gst_test_clock_get_next_entry_time (f->clock);
    GstClockID id;

    if (!GST_CLOCK_TIME_IS_VALID (next) || next > target)
      break;
    if (next > now (f))
      gst_test_clock_set_time (f->clock, next);
    id = gst_test_clock_process_next_clock_id (f->clock);
    if (id == NULL)
      break;
    gst_clock_id_unref (id);
  }
  gst_test_clock_set_time (f->clock, target);
}

/* Pushes a buffer into the appsrc and waits (bounded) until it reached the
 * sink's pad and, if @returned, until that push returned */
static void
push_full (Fixture * f, gboolean returned)
{
  GstFlowReturn ret;
  GstBuffer *buf = gst_buffer_new ();
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  guint want;

  GST_BUFFER_PTS (buf) = now (f);
  g_mutex_lock (&f->lock);
  want = f->arrived + 1;
  g_mutex_unlock (&f->lock);
  g_signal_emit_by_name (f->src, "push-buffer", buf, &ret);
  gst_buffer_unref (buf);
  fail_unless_equals_int (ret, GST_FLOW_OK);
  g_mutex_lock (&f->lock);
  while (f->arrived < want && g_cond_wait_until (&f->cond, &f->lock,
          deadline));
  fail_unless (f->arrived >= want, "the buffer never reached the sink");
  while (returned && f->need_data <= f->need_at_arrival &&
      g_cond_wait_until (&f->cond, &f->lock, deadline));
  fail_unless (!returned || f->need_data > f->need_at_arrival,
      "the push never returned");
  g_mutex_unlock (&f->lock);
}

static void
push (Fixture * f)
{
  push_full (f, TRUE);
}

static gboolean
is_watchdog (GstMessage * m)
{
  return gst_idle_watchdog_message_is_timeout (m) ||
      gst_idle_watchdog_message_is_resumed (m) ||
      gst_idle_watchdog_message_is_switch (m);
}

/* The next watchdog message or error on @bus, within @bound; NULL if none */
static GstMessage *
pop_bus (GstBus * bus, GstClockTime bound)
{
  GstMessage *m;

  while ((m = gst_bus_timed_pop_filtered (bus, bound,
              GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR))) {
    if (GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR || is_watchdog (m))
      return m;
    gst_message_unref (m);
  }
  return NULL;
}

static GstMessage *
pop (Fixture * f, GstClockTime bound)
{
  return pop_bus (f->bus, bound);
}

static void
assert_quiet (Fixture * f)
{
  GstMessage *m = pop (f, QUIET);

  fail_unless (m == NULL, "unexpected %" GST_PTR_FORMAT, m);
}

/* The next message is a timeout from the sink: @reason, @silence, @limit */
static void
expect_timeout (Fixture * f, GstIdleWatchdogReason reason,
    GstClockTime silence, GstClockTime limit, guint64 n_buffers)
{
  GstMessage *m = pop (f, POST_BOUND);
  GstIdleWatchdogTimeout info;

  fail_unless (m != NULL, "no timeout within the bound");
  fail_unless (gst_idle_watchdog_message_parse_timeout (m, &info),
      "not a timeout: %" GST_PTR_FORMAT, m);
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (f->sink),
      "posted by %s", GST_MESSAGE_SRC_NAME (m));
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (info.reason), gst_idle_watchdog_reason_to_string (reason));
  fail_unless_equals_uint64 (info.silence, silence);
  fail_unless_equals_uint64 (info.timeout, limit);
  fail_unless_equals_uint64 (info.buffers, n_buffers);
  gst_message_unref (m);
}

/* EOS reaches the application; the watch is disarmed after it */
static void
expect_eos_then_quiet (Fixture * f)
{
  GstMessage *m = gst_bus_timed_pop_filtered (f->bus, POST_BOUND,
      GST_MESSAGE_EOS);

  fail_unless (m != NULL, "no EOS");
  gst_message_unref (m);
  advance (f, 10 * GST_SECOND);
  assert_quiet (f);
}

static const gchar *
suite_name (void)
{
  const gchar *s = g_getenv ("IDW_TRACER_SUITE");

  return s ? s : "message";
}

/* ------------------------------------------------------------------------ */
/* idlewatchdogtracer(timeout=500,startup-timeout=800)                      */

#define LIVE_FAKESINK "appsrc name=src is-live=true format=time " \
  "caps=video/x-raw ! fakesink name=sink sync=false"

GST_START_TEST (test_startup_timeout_is_posted_from_the_sink)
{
  Fixture f;

  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  advance (&f, 799 * MS);
  assert_quiet (&f);
  advance (&f, 1 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_STARTUP, 800 * MS, 800 * MS,
      0);
  /* once per episode */
  advance (&f, 5 * GST_SECOND);
  assert_quiet (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_silence_after_data_has_the_timeout_limit)
{
  Fixture f;
  GstMessage *m;
  GstIdleWatchdogTimeout info;

  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  advance (&f, 100 * MS);
  push (&f);
  advance (&f, 499 * MS);
  assert_quiet (&f);
  advance (&f, 1 * MS);
  m = pop (&f, POST_BOUND);
  fail_unless (m != NULL && gst_idle_watchdog_message_parse_timeout (m,
          &info));
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (f.sink));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_SILENCE);
  fail_unless_equals_uint64 (info.silence, 500 * MS);
  fail_unless_equals_uint64 (info.timeout, 500 * MS);
  fail_unless_equals_uint64 (info.buffers, 1);
  fail_unless_equals_uint64 (info.last_pts, 100 * MS);
  fail_unless_equals_string (info.media_type, "video/x-raw");
  fail_unless (info.session_id == NULL);
  gst_message_unref (m);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_flowing_pipeline_posts_nothing)
{
  Fixture f;
  guint i;

  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  for (i = 0; i < 40; i++) {
    advance (&f, 100 * MS);
    push (&f);
  }
  /* 4 s of data with a 500 ms limit, then 400 ms more: below the limit */
  advance (&f, 400 * MS);
  assert_quiet (&f);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_activity_after_timeout_posts_resumed)
{
  Fixture f;
  GstMessage *m;
  GstClockTime silence;

  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  push (&f);
  advance (&f, 500 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_SILENCE, 500 * MS, 500 * MS,
      1);
  advance (&f, 200 * MS);
  push (&f);
  m = pop (&f, POST_BOUND);
  fail_unless (m != NULL && gst_idle_watchdog_message_parse_resumed (m,
          &silence, NULL), "no resumed");
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (f.sink));
  fail_unless_equals_uint64 (silence, 700 * MS);
  gst_message_unref (m);
  /* re-armed: a new episode times out again */
  advance (&f, 500 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_SILENCE, 500 * MS, 500 * MS,
      2);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_paused_never_fires)
{
  Fixture f;

  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  advance (&f, 300 * MS);
  fail_unless (gst_element_set_state (f.pipeline, GST_STATE_PAUSED) !=
      GST_STATE_CHANGE_FAILURE);
  advance (&f, 10 * GST_SECOND);
  assert_quiet (&f);
  fail_unless_equals_int (gst_test_clock_peek_id_count (f.clock), 0);
  /* PLAYING again: a new startup count, from now */
  fixture_play (&f);
  advance (&f, 800 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_STARTUP, 800 * MS, 800 * MS,
      0);
  fixture_clear (&f);
}

GST_END_TEST;

GST_START_TEST (test_eos_disarms)
{
  Fixture f;
  GstFlowReturn ret;

  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  push (&f);
  g_signal_emit_by_name (f.src, "end-of-stream", &ret);
  expect_eos_then_quiet (&f);
  fixture_clear (&f);
}

GST_END_TEST;

/* appsink with room for one buffer, which nobody pulls: the second push
 * never returns */
GST_START_TEST (test_consumer_that_stops_taking_data_is_blocked)
{
  Fixture f;

  fixture_init (&f, "appsrc name=src is-live=true format=time "
      "caps=video/x-raw ! appsink name=sink sync=false max-buffers=1 "
      "drop=false");
  fixture_play (&f);
  push (&f);
  push_full (&f, FALSE);        /* reaches the pad, then blocks */
  advance (&f, 500 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_BLOCKED, 500 * MS, 500 * MS,
      2);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* idlewatchdogtracer(timeout=500,action=error,name=watched*)               */

GST_START_TEST (test_action_error_posts_an_error_from_the_sink)
{
  Fixture f;
  GstMessage *m;
  GError *err = NULL;

  fixture_init (&f, "appsrc name=src is-live=true format=time "
      "! fakesink name=watched-sink sync=false "
      "appsrc is-live=true ! fakesink name=other sync=false");
  /* only the elements whose name matches watched* are watched */
  fixture_play (&f);
  advance (&f, 500 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_STARTUP, 500 * MS, 500 * MS,
      0);
  m = pop (&f, POST_BOUND);
  fail_unless (m != NULL && GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR,
      "no error");
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (f.sink));
  gst_message_parse_error (m, &err, NULL);
  fail_unless (g_error_matches (err, GST_STREAM_ERROR,
          GST_STREAM_ERROR_FAILED));
  fail_unless (strstr (err->message, "idle watchdog: startup") != NULL,
      "%s", err->message);
  g_error_free (err);
  gst_message_unref (m);
  /* "other" is not watched */
  advance (&f, 5 * GST_SECOND);
  assert_quiet (&f);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* With the gst-interpipe test double:
 * "switch": idlewatchdogtracer(timeout=1000,switch-timeout=300,session-id=s1)
 * "listeners": idlewatchdogtracer(timeout=0,listener-timeout=400)
 * (apart: listener reads run on GStreamer's pool and move the clock's one
 * entry from there, which a switch test moving the clock would race)      */

/* The producer: its sink, a testinterpipesink, is watched (a sink) */
#define PRODUCER "appsrc name=src is-live=true format=time " \
  "caps=application/x-test ! testinterpipesink name=sink sync=false " \
  "async=false"

/* A consumer of the producer "sink" */
typedef struct
{
  GstElement *pipeline;
  GstElement *isrc;             /* testinterpipesrc */
  GstElement *sink;             /* watched */
  GstBus *bus;
  Fixture *counts;              /* counts its buffers on the producer's */
} Consumer;

static GstPadProbeReturn
count_consumed (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Consumer *c = user_data;
  Fixture *f = c->counts;

  g_mutex_lock (&f->lock);
  f->consumed++;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);
  return GST_PAD_PROBE_OK;
}

/* @middle: what stands between the source and the consumer's fakesink */
static void
consumer_init (Consumer * c, Fixture * prod, const gchar * middle)
{
  gchar *desc = g_strdup_printf ("testinterpipesrc name=isrc listen-to=sink "
      "%s ! fakesink name=csink sync=false async=false", middle);
  GError *err = NULL;
  GstPad *pad;

  c->pipeline = gst_parse_launch (desc, &err);
  fail_unless (c->pipeline != NULL, "%s", err ? err->message : "?");
  g_free (desc);
  gst_pipeline_use_clock (GST_PIPELINE (c->pipeline), GST_CLOCK (prod->clock));
  c->isrc = gst_bin_get_by_name (GST_BIN (c->pipeline), "isrc");
  c->sink = gst_bin_get_by_name (GST_BIN (c->pipeline), "csink");
  c->bus = gst_element_get_bus (c->pipeline);
  c->counts = prod;
  pad = gst_element_get_static_pad (c->sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_consumed, c, NULL);
  gst_object_unref (pad);
  fail_unless (gst_element_set_state (c->pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
}

static void
consumer_clear (Consumer * c)
{
  fail_unless (gst_element_set_state (c->pipeline, GST_STATE_NULL) ==
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (c->isrc);
  gst_object_unref (c->sink);
  gst_object_unref (c->bus);
  gst_object_unref (c->pipeline);
}

/* Pushes a buffer into the producer and waits (bounded) until it has
 * reached the consumer's sink */
static void
feed (Fixture * prod)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  guint want;

  g_mutex_lock (&prod->lock);
  want = prod->consumed + 1;
  g_mutex_unlock (&prod->lock);
  push_full (prod, FALSE);
  g_mutex_lock (&prod->lock);
  while (prod->consumed < want && g_cond_wait_until (&prod->cond,
          &prod->lock, deadline));
  fail_unless (prod->consumed >= want, "the buffer never reached the "
      "consumer");
  g_mutex_unlock (&prod->lock);
}

static void
expect_switch (GstBus * bus, GstElement * from, const gchar * target)
{
  GstMessage *m = pop_bus (bus, POST_BOUND);
  const gchar *e, *p, *t, *sid;

  fail_unless (m != NULL, "no switch message");
  fail_unless (gst_idle_watchdog_message_parse_switch (m, &e, &p, &t, &sid),
      "not a switch: %" GST_PTR_FORMAT, m);
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (from), "posted by %s",
      GST_MESSAGE_SRC_NAME (m));
  fail_unless_equals_string (e, "isrc");
  fail_unless_equals_string (p, "listen-to");
  fail_unless_equals_string (t, target);
  fail_unless_equals_string (sid, "s1");
  gst_message_unref (m);
}

static void
expect_switch_timeout (GstMessage * m, GstElement * from)
{
  GstIdleWatchdogTimeout info;

  fail_unless (m != NULL, "no timeout within the bound");
  fail_unless (gst_idle_watchdog_message_parse_timeout (m, &info),
      "not a timeout: %" GST_PTR_FORMAT, m);
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (from), "posted by %s",
      GST_MESSAGE_SRC_NAME (m));
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (info.reason), "switch");
  fail_unless_equals_uint64 (info.silence, 300 * MS);
  fail_unless_equals_uint64 (info.timeout, 300 * MS);
  fail_unless_equals_uint64 (info.buffers, 1);
  fail_unless_equals_string (info.switch_element, "isrc");
  fail_unless_equals_string (info.switch_target, "gone");
  fail_unless_equals_string (info.session_id, "s1");
}

/* The tracer's stats of @element, through its get-stats action signal */
static GstStructure *
tracer_stats (GstElement * element)
{
  GList *tracers = gst_tracing_get_active_tracers (), *l;
  GstStructure *s = NULL;

  for (l = tracers; l; l = l->next)
    if (g_signal_lookup ("get-stats", G_OBJECT_TYPE (l->data)))
      g_signal_emit_by_name (l->data, "get-stats", element, &s);
  g_list_free_full (tracers, gst_object_unref);
  return s;
}

static guint
stats_uint (const GstStructure * s, const gchar * field)
{
  guint v = G_MAXUINT;

  fail_unless (gst_structure_get_uint (s, field, &v), "no %s", field);
  return v;
}

GST_START_TEST (test_switch_to_missing_producer_posts_switch_then_times_out)
{
  Fixture prod;
  Consumer c;
  GstStructure *s;

  fixture_init (&prod, PRODUCER);
  fixture_play (&prod);
  consumer_init (&c, &prod, "");
  feed (&prod);
  advance (&prod, 100 * MS);
  g_object_set (c.isrc, "listen-to", "gone", NULL);
  /* from the watched sink, as an idlewatchdog before it would */
  expect_switch (c.bus, c.sink, "gone");
  advance (&prod, 299 * MS);
  fail_unless (pop_bus (c.bus, QUIET) == NULL);
  advance (&prod, 1 * MS);
  expect_switch_timeout (pop_bus (c.bus, POST_BOUND), c.sink);
  /* the counters, as the element's stats has them */
  s = tracer_stats (c.sink);
  fail_unless (s != NULL, "no stats for the watched sink");
  fail_unless_equals_int (stats_uint (s, "timeouts-switch"), 1);
  fail_unless_equals_int (stats_uint (s, "timeouts"), 1);
  fail_unless_equals_int (stats_uint (s, "switches"), 1);
  fail_unless_equals_string (gst_structure_get_string (s,
          "last-timeout-reason"), "switch");
  gst_structure_free (s);
  fail_unless (tracer_stats (c.isrc) == NULL, "a source is not watched");
  /* one timeout per episode */
  advance (&prod, 5 * GST_SECOND);
  fail_unless (pop_bus (c.bus, QUIET) == NULL);
  consumer_clear (&c);
  fixture_clear (&prod);
}

GST_END_TEST;

/* An idlewatchdog element before the watched sink: the element is nearest
 * to the switch and reports it (one switch message); the tracer's watch
 * follows it and times out under its own switch-timeout, as a second
 * idlewatchdog would */
GST_START_TEST (test_switch_before_an_idlewatchdog_is_reported_once)
{
  Fixture prod;
  Consumer c;
  GstElement *wd;
  GstMessage *m1, *m2;

  fixture_init (&prod, PRODUCER);
  fixture_play (&prod);
  consumer_init (&c, &prod, "! idlewatchdog name=wd timeout=1000 "
      "switch-timeout=300 session-id=s1");
  wd = gst_bin_get_by_name (GST_BIN (c.pipeline), "wd");
  feed (&prod);
  advance (&prod, 100 * MS);
  g_object_set (c.isrc, "listen-to", "gone", NULL);
  expect_switch (c.bus, wd, "gone");
  advance (&prod, 300 * MS);
  m1 = pop_bus (c.bus, POST_BOUND);
  m2 = pop_bus (c.bus, POST_BOUND);
  fail_unless (m1 && m2, "two timeouts expected");
  if (GST_MESSAGE_SRC (m1) != GST_OBJECT (wd)) {
    GstMessage *tmp = m1;

    m1 = m2;
    m2 = tmp;
  }
  expect_switch_timeout (m1, wd);
  expect_switch_timeout (m2, c.sink);
  gst_message_unref (m1);
  gst_message_unref (m2);
  fail_unless (pop_bus (c.bus, QUIET) == NULL, "a second switch message?");
  gst_object_unref (wd);
  consumer_clear (&c);
  fixture_clear (&prod);
}

GST_END_TEST;

/* Moves the clock in 10 ms steps to @until, letting every listener read
 * (from GStreamer's pool) finish and schedule the next one before the next
 * step; returns the first message of @bus on the way */
static GstMessage *
step_until_message (Fixture * f, GstBus * bus, GstClockTime until)
{
  GstMessage *m = NULL;

  while (m == NULL && now (f) < until) {
    gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

    advance (f, 10 * MS);
    /* a read in flight leaves no wait within the poll interval (100 ms) */
    while (gst_test_clock_get_next_entry_time (f->clock) > now (f) + 100 * MS)
      fail_unless (g_get_monotonic_time () < deadline, "no next read");
    m = pop_bus (bus, 0);
  }
  return m;
}

GST_START_TEST (test_producer_nobody_listens_to_times_out_no_listeners)
{
  Fixture prod;
  Consumer c;
  GstMessage *m;
  GstIdleWatchdogTimeout info;
  GstClockTime silence;

  fixture_init (&prod, PRODUCER);
  fixture_play (&prod);
  /* the first read (at 100 ms) finds no listener: 400 ms from it */
  m = step_until_message (&prod, prod.bus, 600 * MS);
  fail_unless (m != NULL, "no message");
  fail_unless (gst_idle_watchdog_message_parse_timeout (m, &info),
      "not a timeout: %" GST_PTR_FORMAT, m);
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (prod.sink));
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (info.reason), "no-listeners");
  fail_unless_equals_uint64 (now (&prod), 500 * MS);
  fail_unless_equals_uint64 (info.silence, 400 * MS);
  fail_unless_equals_uint64 (info.timeout, 400 * MS);
  gst_message_unref (m);
  /* a consumer starts listening: resumed at the next read */
  consumer_init (&c, &prod, "");
  m = step_until_message (&prod, prod.bus, 800 * MS);
  fail_unless (m != NULL && gst_idle_watchdog_message_parse_resumed (m,
          &silence, NULL), "no resumed");
  fail_unless (GST_MESSAGE_SRC (m) == GST_OBJECT (prod.sink));
  fail_unless_equals_uint64 (silence, 500 * MS);
  gst_message_unref (m);
  consumer_clear (&c);
  fixture_clear (&prod);
}

GST_END_TEST;

/* An idlewatchdog before a watched testinterpipesink still reads it: its
 * walk stops at the sink (the tracer's watch stands in front of it) and
 * takes the sink itself as the listener element; both time out. Two watches
 * read on the pool here, and a step waits for one of them only: the times
 * are not exact, the reasons and limits are. */
GST_START_TEST (test_idlewatchdog_before_a_watched_interpipesink_reads_it)
{
  Fixture prod;
  GstElement *wd;
  GstMessage *m;
  GstIdleWatchdogTimeout info;
  gboolean from_wd = FALSE, from_sink = FALSE;

  fixture_init (&prod, "appsrc name=src is-live=true format=time "
      "caps=application/x-test ! idlewatchdog name=wd timeout=0 "
      "listener-timeout=400 ! testinterpipesink name=sink sync=false "
      "async=false");
  wd = gst_bin_get_by_name (GST_BIN (prod.pipeline), "wd");
  fixture_play (&prod);
  while ((!from_wd || !from_sink) && (m = step_until_message (&prod,
              prod.bus, 5 * GST_SECOND))) {
    fail_unless (gst_idle_watchdog_message_parse_timeout (m, &info),
        "not a timeout: %" GST_PTR_FORMAT, m);
    fail_unless_equals_string (gst_idle_watchdog_reason_to_string
        (info.reason), "no-listeners");
    fail_unless_equals_uint64 (info.timeout, 400 * MS);
    fail_unless (info.silence >= 400 * MS);
    from_wd |= GST_MESSAGE_SRC (m) == GST_OBJECT (wd);
    from_sink |= GST_MESSAGE_SRC (m) == GST_OBJECT (prod.sink);
    gst_message_unref (m);
  }
  fail_unless (from_wd, "no no-listeners from the element");
  fail_unless (from_sink, "no no-listeners from the tracer's watch");
  gst_object_unref (wd);
  fixture_clear (&prod);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* idlewatchdogtracer(timeout=500,action=eos)                               */

/* Holds every EOS that reaches the sink's pad until released, as a sink
 * that prerolls on it does while the application pauses the pipeline */
typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean held;                /* an EOS is waiting in the probe */
  gboolean release;
} EosHold;

static GstPadProbeReturn
hold_eos (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  EosHold *h = user_data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) != GST_EVENT_EOS)
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&h->lock);
  h->held = TRUE;
  g_cond_broadcast (&h->cond);
  while (!h->release)
    g_cond_wait (&h->cond, &h->lock);
  g_mutex_unlock (&h->lock);
  return GST_PAD_PROBE_OK;
}

/* The EOS of the action sits in the sink; data that upstream still pushes
 * is refused (its push returns GST_FLOW_EOS) instead of waiting behind that
 * EOS for the sink's stream lock, as after the element's EOS action */
GST_START_TEST (test_eos_held_by_the_sink_does_not_hold_upstream)
{
  Fixture f;
  EosHold h = { 0, };
  GstPad *pad, *srcpad;
  gulong probe;
  GstFlowReturn ret;
  GstBuffer *buf;
  gint64 deadline;
  gboolean returned;

  g_mutex_init (&h.lock);
  g_cond_init (&h.cond);
  fixture_init (&f, LIVE_FAKESINK);
  pad = gst_element_get_static_pad (f.sink, "sink");
  probe = gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
      hold_eos, &h, NULL);
  fixture_play (&f);
  push (&f);
  advance (&f, 500 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_SILENCE, 500 * MS, 500 * MS,
      1);
  /* the EOS of the action reaches the sink, from GStreamer's pool */
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  g_mutex_lock (&h.lock);
  while (!h.held && g_cond_wait_until (&h.cond, &h.lock, deadline));
  fail_unless (h.held, "no EOS reached the sink");
  g_mutex_unlock (&h.lock);

  /* upstream goes on: its push returns, refused */
  srcpad = gst_element_get_static_pad (f.src, "src");
  fail_unless_equals_int (gst_pad_get_last_flow_return (srcpad),
      GST_FLOW_OK);
  buf = gst_buffer_new ();
  g_signal_emit_by_name (f.src, "push-buffer", buf, &ret);
  gst_buffer_unref (buf);
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (!(returned = gst_pad_get_last_flow_return (srcpad) == GST_FLOW_EOS)
      && g_get_monotonic_time () < deadline)
    g_usleep (1000);            /* a bound on a wait, not a timing */
  gst_object_unref (srcpad);

  /* let the sink go in any case, so that a failure does not hang */
  g_mutex_lock (&h.lock);
  h.release = TRUE;
  g_cond_broadcast (&h.cond);
  g_mutex_unlock (&h.lock);
  fail_unless (returned, "upstream's push waits behind the EOS in the sink");
  fail_unless_equals_int (f.arrived, 1);
  gst_pad_remove_probe (pad, probe);
  gst_object_unref (pad);
  fixture_clear (&f);
  g_mutex_clear (&h.lock);
  g_cond_clear (&h.cond);
}

GST_END_TEST;

GST_START_TEST (test_action_eos_ends_the_stream_in_the_sink)
{
  Fixture f;

  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  push (&f);
  advance (&f, 500 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_SILENCE, 500 * MS, 500 * MS,
      1);
  expect_eos_then_quiet (&f);
  fixture_clear (&f);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* idlewatchdogtracer(timeout=300,switch-timeout=abc,listener-timeout=-5,
 * watch-switches=maybe,kick=1): bad on purpose                             */

/* The plugin's warnings at gst_init(), recorded by main() */
static GPtrArray *warnings;

static void
note_warning (const gchar * domain, GLogLevelFlags level,
    const gchar * message, gpointer user_data)
{
  g_ptr_array_add (warnings, g_strdup (message));
}

static void
expect_warning (const gchar * text)
{
  guint i;

  for (i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), text))
      return;
  fail ("no warning with \"%s\" among the %u recorded", text, warnings->len);
}

GST_START_TEST (test_bad_parameters_warn_naming_them)
{
  Fixture f;

  expect_warning ("idlewatchdogtracer: parameter 'switch-timeout' must be a "
      "number of milliseconds from 0 to 86400000, not 'abc'; keeping 0");
  expect_warning ("idlewatchdogtracer: parameter 'listener-timeout' must be "
      "a number of milliseconds from 0 to 86400000, not '-5'; keeping 0");
  expect_warning ("idlewatchdogtracer: parameter 'watch-switches' must be "
      "true or false, not 'maybe'; keeping true");
  expect_warning ("idlewatchdogtracer: unknown parameter 'kick' (known: "
      "timeout, startup-timeout, switch-timeout, listener-timeout, action, "
      "session-id, factory, name, watch-switches); ignored");
  fail_unless_equals_int (warnings->len, 4);
  /* the good one applies */
  fixture_init (&f, LIVE_FAKESINK);
  fixture_play (&f);
  advance (&f, 300 * MS);
  expect_timeout (&f, GST_IDLE_WATCHDOG_REASON_STARTUP, 300 * MS, 300 * MS,
      0);
  fixture_clear (&f);
}

GST_END_TEST;

static Suite *
tracer_suite (void)
{
  Suite *s = suite_create ("idlewatchdogtracer");
  TCase *tc = tcase_create (suite_name ());

  suite_add_tcase (s, tc);
  if (g_str_equal (suite_name (), "error")) {
    tcase_add_test (tc, test_action_error_posts_an_error_from_the_sink);
  } else if (g_str_equal (suite_name (), "params")) {
    tcase_add_test (tc, test_bad_parameters_warn_naming_them);
  } else if (g_str_equal (suite_name (), "eos")) {
    tcase_add_test (tc, test_action_eos_ends_the_stream_in_the_sink);
    tcase_add_test (tc, test_eos_held_by_the_sink_does_not_hold_upstream);
  } else if (g_str_equal (suite_name (), "switch")) {
    tcase_add_test (tc,
        test_switch_to_missing_producer_posts_switch_then_times_out);
    tcase_add_test (tc, test_switch_before_an_idlewatchdog_is_reported_once);
  } else if (g_str_equal (suite_name (), "listeners")) {
    tcase_add_test (tc,
        test_producer_nobody_listens_to_times_out_no_listeners);
    tcase_add_test (tc,
        test_idlewatchdog_before_a_watched_interpipesink_reads_it);
  } else {
    tcase_add_test (tc, test_startup_timeout_is_posted_from_the_sink);
    tcase_add_test (tc, test_silence_after_data_has_the_timeout_limit);
    tcase_add_test (tc, test_flowing_pipeline_posts_nothing);
    tcase_add_test (tc, test_activity_after_timeout_posts_resumed);
    tcase_add_test (tc, test_paused_never_fires);
    tcase_add_test (tc, test_eos_disarms);
    tcase_add_test (tc, test_consumer_that_stops_taking_data_is_blocked);
  }
  return s;
}

int
main (int argc, char **argv)
{
  /* gst-check makes warnings fatal; the bad parameters' ones come at
   * gst_init(), which parses GST_TRACERS: recorded, before it */
  if (g_str_equal (suite_name (), "params")) {
    warnings = g_ptr_array_new_with_free_func (g_free);
    g_log_set_handler ("GStreamer-idlewatchdog", G_LOG_LEVEL_WARNING,
        note_warning, NULL);
    gst_init (&argc, &argv);
  }
  gst_check_init (&argc, &argv);
  return gst_check_run_suite (tracer_suite (), "tracer", __FILE__);
}
