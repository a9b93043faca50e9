/* gst-idlewatchdog: tests of the session runner
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The runner runs pipelines in real time in their own threads, so these
 * tests use short real timeouts (tens of milliseconds) and assert outcomes,
 * never durations, except for generous upper bounds where a bounded wait is
 * the point.
 */
#include <gst/check/gstcheck.h>
#include <string.h>

#include <gst/idlewatchdog/idlewatchdog.h>

#include "session-check.h"

/* silent live pipeline: the watchdog sees no buffer at all */
#define SILENT(ms) "appsrc is-live=true ! idlewatchdog name=wd timeout=" ms \
  " session-id=s1 ! fakesink async=false"
/* silent live pipeline without a watchdog: it never ends on its own */
#define FOREVER "appsrc is-live=true ! fakesink async=false"
#define ENDS_WITH_EOS "fakesrc num-buffers=3 ! fakesink"
#define ENDS_WITH_ERROR "filesrc location=/nonexistent/iwd-test ! fakesink"
/* a pipeline that cannot drain: the valve drops the EOS the runner sends */
#define NEVER_DRAINS "appsrc is-live=true ! valve drop=true ! " \
  "fakesink async=false"

/* ------------------------------------------------------------------------ */
/* helpers                                                                  */

static guint
count_entries (const gchar * path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  fail_unless (dir != NULL);
  while (g_dir_read_name (dir))
    n++;
  g_dir_close (dir);
  return n;
}

static guint
count_threads (void)
{
  return count_entries ("/proc/self/task");
}

static guint
count_fds (void)
{
  /* minus the descriptor of the open directory itself */
  return count_entries ("/proc/self/fd") - 1;
}

/* A joined thread may linger in /proc for a moment after pthread_join():
 * wait (at most 10 s) for the count to come down to @expected */
static guint
settled_threads (guint expected)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  guint n;

  while ((n = count_threads ()) > expected && g_get_monotonic_time () < end)
    g_thread_yield ();
  return n;
}

/* gst-check only watches its own log domains: count the library's criticals */
static gint criticals;

static void
count_critical (const gchar * domain, GLogLevelFlags level,
    const gchar * message, gpointer user_data)
{
  g_atomic_int_inc (&criticals);
}

#define ASSERT_LIB_CRITICAL(stmt) G_STMT_START {                        \
    gint before = g_atomic_int_get (&criticals);                        \
    guint id = g_log_set_handler ("GstIdleWatchdog",                    \
        G_LOG_LEVEL_CRITICAL, count_critical, NULL);                    \
    stmt;                                                               \
    g_log_remove_handler ("GstIdleWatchdog", id);                       \
    fail_unless (g_atomic_int_get (&criticals) == before + 1,           \
        "expected one critical from: " #stmt);                          \
  } G_STMT_END

static GstIdleWatchdogSession *
session_new (const gchar * id, GstIdleWatchdogSessionFlags flags,
    const gchar * desc1, const gchar * desc2)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new (id, flags);
  GError *err = NULL;

  fail_unless (gst_idle_watchdog_session_add_description (s, "first", desc1,
          &err) == 0);
  g_assert_no_error (err);
  if (desc2) {
    fail_unless (gst_idle_watchdog_session_add_description (s, "second",
            desc2, &err) == 1);
    g_assert_no_error (err);
  }
  return s;
}

static gpointer
stop_thread (gpointer data)
{
  gst_idle_watchdog_session_stop (data);
  return NULL;
}

static gpointer
stop_after_random_delay (gpointer data)
{
  g_usleep (g_random_int_range (0, 3000));
  gst_idle_watchdog_session_stop (data);
  return NULL;
}

typedef struct
{
  GstIdleWatchdogSession *session;
  GMutex lock;
  GCond cond;
  gboolean done;
  const GstIdleWatchdogSessionResult *result;
  GThread *thread;
} Joiner;

static gpointer
joiner_thread (gpointer data)
{
  Joiner *j = data;
  const GstIdleWatchdogSessionResult *r =
      gst_idle_watchdog_session_join (j->session);

  g_mutex_lock (&j->lock);
  j->result = r;
  j->done = TRUE;
  g_cond_signal (&j->cond);
  g_mutex_unlock (&j->lock);
  return NULL;
}

static Joiner *
joiner_start (GstIdleWatchdogSession * s)
{
  Joiner *j = g_new0 (Joiner, 1);

  j->session = s;
  g_mutex_init (&j->lock);
  g_cond_init (&j->cond);
  j->thread = g_thread_new ("joiner", joiner_thread, j);
  return j;
}

/* Whether the join returned within @ms milliseconds */
static gboolean
joiner_wait (Joiner * j, gint64 ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  gboolean done;

  g_mutex_lock (&j->lock);
  while (!j->done && g_cond_wait_until (&j->cond, &j->lock, end));
  done = j->done;
  g_mutex_unlock (&j->lock);
  return done;
}

/* Frees a joiner whose join has returned */
static const GstIdleWatchdogSessionResult *
joiner_finish (Joiner * j)
{
  const GstIdleWatchdogSessionResult *r;

  g_thread_join (j->thread);
  r = j->result;
  g_mutex_clear (&j->lock);
  g_cond_clear (&j->cond);
  g_free (j);
  return r;
}

/* Joins @s from another thread and fails the test, rather than hanging,
 * if the join has not returned after @seconds (a generous bound). On
 * failure the joiner is left behind: the test process is lost anyway. */
static const GstIdleWatchdogSessionResult *
join_within (GstIdleWatchdogSession * s, gint seconds)
{
  Joiner *j = joiner_start (s);

  fail_unless (joiner_wait (j, seconds * 1000),
      "the join did not return within %d s", seconds);
  return joiner_finish (j);
}

/* Waits (at most 10 s) until *@counter reaches @n */
static void
wait_for_count (gint * counter, gint n)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (g_atomic_int_get (counter) < n && g_get_monotonic_time () < end)
    g_usleep (1000);
  fail_unless (g_atomic_int_get (counter) >= n);
}

static GstPadProbeReturn
count_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

/* Adds @type with count_buffer() on the pad @pad_name of element @element
 * of pipeline @index */
static void
probe_pad (GstIdleWatchdogSession * s, guint index, const gchar * element,
    const gchar * pad_name, GstPadProbeType type, gint * counter)
{
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, index);
  GstElement *e = gst_bin_get_by_name (GST_BIN (p), element);
  GstPad *pad = gst_element_get_static_pad (e, pad_name);

  gst_pad_add_probe (pad, type, count_buffer, counter, NULL);
  gst_object_unref (pad);
  gst_object_unref (e);
  gst_object_unref (p);
}

/* ------------------------------------------------------------------------ */
/* how a session ends                                                       */

GST_START_TEST (test_timeout_ends_session_with_watchdog_fields)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, FOREVER, SILENT ("30"));
  const GstIdleWatchdogSessionResult *r;

  start (s);
  r = gst_idle_watchdog_session_join (s);
  fail_unless (r != NULL);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT);
  fail_unless_equals_int (r->pipeline_index, 1);
  fail_unless_equals_string (r->pipeline_name, "second");
  fail_unless_equals_string (r->element_name, "wd");
  fail_unless_equals_int (r->timeout.reason, GST_IDLE_WATCHDOG_REASON_STARTUP);
  fail_unless_equals_uint64 (r->timeout.timeout, 30 * GST_MSECOND);
  fail_unless (r->timeout.silence >= 30 * GST_MSECOND);
  fail_unless_equals_uint64 (r->timeout.buffers, 0);
  fail_unless_equals_string (r->timeout.session_id, "s1");
  fail_unless (r->error == NULL);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_error_ends_session_with_the_error)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, FOREVER, ENDS_WITH_ERROR);
  const GstIdleWatchdogSessionResult *r;

  start (s);
  r = gst_idle_watchdog_session_join (s);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_ERROR);
  fail_unless_equals_int (r->pipeline_index, 1);
  fail_unless (r->error != NULL);
  fail_unless (r->error->domain == GST_RESOURCE_ERROR);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_eos_ends_session)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, FOREVER, ENDS_WITH_EOS);
  const GstIdleWatchdogSessionResult *r;

  start (s);
  r = gst_idle_watchdog_session_join (s);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_EOS);
  fail_unless_equals_int (r->pipeline_index, 1);
  fail_unless_equals_string (r->pipeline_name, "second");
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_stop_from_another_thread_ends_session)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, FOREVER, FOREVER);
  const GstIdleWatchdogSessionResult *r;
  GThread *t;

  start (s);
  t = g_thread_new ("stopper", stop_thread, s);
  r = gst_idle_watchdog_session_join (s);
  g_thread_join (t);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  fail_unless_equals_int (r->pipeline_index, -1);
  fail_unless (r->pipeline_name == NULL);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_ending_stops_every_pipeline)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, FOREVER, ENDS_WITH_EOS);
  guint i;

  start (s);
  gst_idle_watchdog_session_join (s);
  for (i = 0; i < 2; i++) {
    GstElement *p = gst_idle_watchdog_session_get_pipeline (s, i);
    GstState state;

    fail_unless_equals_int (gst_element_get_state (p, &state, NULL, 0),
        GST_STATE_CHANGE_SUCCESS);
    fail_unless_equals_int (state, GST_STATE_NULL);
    gst_object_unref (p);
  }
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_first_cause_wins)
{
  /* the EOS comes long before the timeout could; stopping then is a no-op */
  GstIdleWatchdogSession *s = session_new ("s1", 0, SILENT ("60000"),
      ENDS_WITH_EOS);
  const GstIdleWatchdogSessionResult *r;

  start (s);
  r = gst_idle_watchdog_session_join (s);
  gst_idle_watchdog_session_stop (s);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_EOS);
  fail_unless_equals_int (r->pipeline_index, 1);
  fail_unless (gst_idle_watchdog_session_get_result (s) == r);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_EOS);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_stop_is_idempotent_from_many_threads)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, FOREVER, FOREVER);
  const GstIdleWatchdogSessionResult *r;
  GThread *t[8];
  guint i;

  start (s);
  for (i = 0; i < G_N_ELEMENTS (t); i++)
    t[i] = g_thread_new ("stopper", stop_thread, s);
  gst_idle_watchdog_session_stop (s);
  for (i = 0; i < G_N_ELEMENTS (t); i++)
    g_thread_join (t[i]);
  r = gst_idle_watchdog_session_join (s);
  gst_idle_watchdog_session_stop (s);
  fail_unless (gst_idle_watchdog_session_join (s) == r);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  g_object_unref (s);
}

GST_END_TEST;

static void
count_report (GstIdleWatchdogSession * s, guint index,
    const GstIdleWatchdogTimeout * info, gpointer user_data)
{
  gint *reports = user_data;

  fail_unless_equals_string (info->session_id, "s1");
  g_atomic_int_inc (reports);
}

GST_START_TEST (test_report_only_timeout_does_not_end_session)
{
  GstIdleWatchdogSession *s = session_new ("s1",
      GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS, SILENT ("20"), NULL);
  gint reports = 0;
  gint64 end;
  const GstIdleWatchdogSessionResult *r;

  gst_idle_watchdog_session_set_timeout_callback (s, count_report, &reports,
      NULL);
  start (s);
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (g_atomic_int_get (&reports) == 0 && g_get_monotonic_time () < end)
    g_thread_yield ();
  fail_unless (g_atomic_int_get (&reports) >= 1);
  fail_if (gst_idle_watchdog_session_is_ended (s));

  gst_idle_watchdog_session_stop (s);
  r = gst_idle_watchdog_session_join (s);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_timeout_callback_runs_before_end)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, SILENT ("20"), NULL);
  gint reports = 0;
  const GstIdleWatchdogSessionResult *r;

  gst_idle_watchdog_session_set_timeout_callback (s, count_report, &reports,
      NULL);
  start (s);
  r = gst_idle_watchdog_session_join (s);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT);
  fail_unless_equals_int (g_atomic_int_get (&reports), 1);
  g_object_unref (s);
}

GST_END_TEST;

static GstPadProbeReturn
count_eos (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

GST_START_TEST (test_stop_drains_running_pipeline_with_eos)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0,
      "appsrc is-live=true ! fakesink name=sink async=false", NULL);
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, 0);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (p), "sink");
  GstPad *pad = gst_element_get_static_pad (sink, "sink");
  gint eos = 0;

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, count_eos,
      &eos, NULL);
  start (s);
  wait_for_playing (s, 0);
  gst_idle_watchdog_session_stop (s);
  fail_unless_equals_int (gst_idle_watchdog_session_join (s)->end,
      GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  fail_unless_equals_int (g_atomic_int_get (&eos), 1);
  gst_object_unref (pad);
  gst_object_unref (sink);
  gst_object_unref (p);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_pipeline_that_cannot_drain_is_stopped_after_stop_timeout)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, NEVER_DRAINS, NULL);
  const GstIdleWatchdogSessionResult *r;
  gint64 t0, elapsed;

  gst_idle_watchdog_session_set_stop_timeout (s, 100 * GST_MSECOND);
  start (s);
  /* a pipeline stopped before it got to PLAYING is not drained */
  wait_for_playing (s, 0);
  t0 = g_get_monotonic_time ();
  gst_idle_watchdog_session_stop (s);
  r = gst_idle_watchdog_session_join (s);
  elapsed = g_get_monotonic_time () - t0;
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  /* it did wait for the drain, and no longer than the bound (generous
   * margin: far below the 2 s default) */
  fail_unless (elapsed >= 100 * G_TIME_SPAN_MILLISECOND);
  fail_unless (elapsed < 1900 * G_TIME_SPAN_MILLISECOND);
  g_object_unref (s);
}

GST_END_TEST;

typedef struct
{
  GMutex lock;
  GstDebugLevel level;
  GObject *object;              /* of the first line of the runner's */
  gchar *text;
} LogLine;

static void
catch_runner_line (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  LogLine *l = user_data;

  if (strcmp (gst_debug_category_get_name (category), "idlewatchdogrunner"))
    return;
  g_mutex_lock (&l->lock);
  if (l->text == NULL) {
    l->level = level;
    l->object = object;
    l->text = g_strdup (gst_debug_message_get (message));
  }
  g_mutex_unlock (&l->lock);
}

/* The runner's lines name the pipeline as their object */
GST_START_TEST (test_forced_drain_is_a_warning_on_the_pipeline)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, NEVER_DRAINS, NULL);
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, 0);
  LogLine l = { 0, };

  g_mutex_init (&l.lock);
  gst_debug_set_threshold_for_name ("idlewatchdogrunner", GST_LEVEL_WARNING);
  gst_debug_add_log_function (catch_runner_line, &l, NULL);
  gst_idle_watchdog_session_set_stop_timeout (s, 100 * GST_MSECOND);
  start (s);
  wait_for_playing (s, 0);
  gst_idle_watchdog_session_stop (s);
  gst_idle_watchdog_session_join (s);
  gst_debug_remove_log_function (catch_runner_line);

  fail_unless (l.text != NULL, "no WARNING from the runner");
  fail_unless_equals_int (l.level, GST_LEVEL_WARNING);
  fail_unless (l.object == G_OBJECT (p));
  fail_unless (strstr (l.text, "stop timeout") != NULL, "%s", l.text);
  g_free (l.text);
  g_mutex_clear (&l.lock);
  gst_object_unref (p);
  g_object_unref (s);
}

GST_END_TEST;

/* A client that stopped pulling: the appsink's queue is full and the
 * streaming thread waits in it, holding the stream locks upstream */
GST_START_TEST (test_stop_is_bounded_when_streaming_thread_is_blocked_in_sink)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0,
      "fakesrc is-live=true ! appsink name=sink max-buffers=1 drop=false "
      "sync=false", NULL);
  const GstIdleWatchdogSessionResult *r;
  gint n_buffers = 0;

  gst_idle_watchdog_session_set_stop_timeout (s, 300 * GST_MSECOND);
  probe_pad (s, 0, "sink", "sink", GST_PAD_PROBE_TYPE_BUFFER, &n_buffers);
  start (s);
  /* one queued, the next waiting for room */
  wait_for_count (&n_buffers, 2);
  gst_idle_watchdog_session_stop (s);
  r = join_within (s, 10);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_stop_is_bounded_when_streaming_thread_is_blocked_in_probe)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0,
      "fakesrc is-live=true ! identity name=id ! fakesink async=false", NULL);
  const GstIdleWatchdogSessionResult *r;
  gint blocked = 0;

  gst_idle_watchdog_session_set_stop_timeout (s, 300 * GST_MSECOND);
  /* the probe returns OK: the streaming thread then blocks until flushed */
  probe_pad (s, 0, "id", "src",
      GST_PAD_PROBE_TYPE_BLOCK | GST_PAD_PROBE_TYPE_BUFFER, &blocked);
  start (s);
  wait_for_count (&blocked, 1);
  gst_idle_watchdog_session_stop (s);
  r = join_within (s, 10);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_stop_timeout_beyond_guint_milliseconds_is_clamped)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, NEVER_DRAINS, NULL);
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, 0);
  GstBus *bus = gst_element_get_bus (p);
  Joiner *j;

  /* 2^32 ms: wrapped to 0 (and then 1 ms) when truncated to a guint */
  gst_idle_watchdog_session_set_stop_timeout (s,
      ((guint64) G_MAXUINT + 1) * GST_MSECOND);
  start (s);
  wait_for_playing (s, 0);
  gst_idle_watchdog_session_stop (s);
  j = joiner_start (s);
  /* the valve drops the EOS: the runner keeps waiting for the drain */
  fail_if (joiner_wait (j, 300));
  /* until the pipeline says it drained */
  gst_bus_post (bus, gst_message_new_eos (GST_OBJECT (p)));
  fail_unless (joiner_wait (j, 10000));
  fail_unless_equals_int (joiner_finish (j)->end,
      GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  gst_object_unref (bus);
  gst_object_unref (p);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_bus_of_stopped_pipeline_is_not_left_flushing)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_parse_launch (ENDS_WITH_EOS, NULL);
  GstBus *bus = gst_element_get_bus (p);
  GstMessage *msg;

  gst_object_ref (p);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          NULL), 0);
  start (s);
  join_within (s, 10);
  /* the runner's messages are gone, and the application's get through */
  fail_unless (gst_bus_pop (bus) == NULL);
  fail_unless (gst_bus_post (bus,
          gst_message_new_application (GST_OBJECT (p),
              gst_structure_new_empty ("app"))));
  msg = gst_bus_pop (bus);
  fail_unless (msg != NULL);
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_APPLICATION);
  gst_message_unref (msg);
  gst_object_unref (bus);
  g_object_unref (s);
  gst_object_unref (p);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* the ended callback                                                       */

typedef struct
{
  gint calls;
  GThread *thread;
  GstIdleWatchdogSessionEnd end;
  gboolean threads_joined;
} Ended;

static void
on_ended (GstIdleWatchdogSession * s, const GstIdleWatchdogSessionResult * r,
    gpointer user_data)
{
  Ended *e = user_data;

  e->calls++;
  e->thread = g_thread_self ();
  e->end = r->end;
  /* join returns at once: the threads were joined before the call */
  e->threads_joined = gst_idle_watchdog_session_join (s) == r;
}

GST_START_TEST (test_ended_callback_runs_once_in_its_context)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = session_new ("s1", 0, FOREVER, ENDS_WITH_EOS);
  Ended e = { 0, };

  gst_idle_watchdog_session_set_ended_callback (s, ctx, on_ended, &e, NULL);
  start (s);
  while (e.calls == 0)
    g_main_context_iteration (ctx, TRUE);
  gst_idle_watchdog_session_stop (s);
  while (g_main_context_iteration (ctx, FALSE));

  fail_unless_equals_int (e.calls, 1);
  fail_unless (e.thread == g_thread_self ());
  fail_unless_equals_int (e.end, GST_IDLE_WATCHDOG_SESSION_END_EOS);
  fail_unless (e.threads_joined);
  g_object_unref (s);
  g_main_context_unref (ctx);
}

GST_END_TEST;

static void
unref_in_callback (GstIdleWatchdogSession * s,
    const GstIdleWatchdogSessionResult * r, gpointer user_data)
{
  gint *calls = user_data;

  (*calls)++;
  g_object_unref (s);
}

GST_START_TEST (test_ended_callback_may_drop_last_reference)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = session_new ("s1", 0, ENDS_WITH_EOS, NULL);
  gint calls = 0;

  gst_idle_watchdog_session_set_ended_callback (s, ctx, unref_in_callback,
      &calls, NULL);
  start (s);
  while (calls == 0)
    g_main_context_iteration (ctx, TRUE);
  fail_unless_equals_int (calls, 1);
  g_main_context_unref (ctx);
}

GST_END_TEST;

typedef struct
{
  gint calls;
  gint notified;
} Counts;

static void
count_call (GstIdleWatchdogSession * s, const GstIdleWatchdogSessionResult * r,
    gpointer user_data)
{
  g_atomic_int_inc (&((Counts *) user_data)->calls);
}

static void
count_notify (gpointer user_data)
{
  g_atomic_int_inc (&((Counts *) user_data)->notified);
}

/* Iterates @ctx until @counter is non-zero, at most 10 s */
static void
iterate_until (GMainContext * ctx, gint * counter)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (g_atomic_int_get (counter) == 0 && g_get_monotonic_time () < end) {
    if (!g_main_context_iteration (ctx, FALSE))
      g_usleep (1000);
  }
  while (g_main_context_iteration (ctx, FALSE));
}

static void
set_flag (gpointer data, GObject * where_the_object_was)
{
  g_atomic_int_set ((gint *) data, TRUE);
}

/* A garbage-collected binding may drop its last reference to a session
 * that still runs: the session keeps itself alive until it has ended */
GST_START_TEST (test_last_unref_of_running_session_keeps_it_running)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = session_new ("s1", 0, SILENT ("200"), NULL);
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, 0);
  Ended e = { 0, };
  gint freed = FALSE;
  GstState state = GST_STATE_NULL;

  g_object_weak_ref (G_OBJECT (s), set_flag, &freed);
  gst_idle_watchdog_session_set_ended_callback (s, ctx, on_ended, &e, NULL);
  start (s);
  wait_for_playing (s, 0);
  g_object_unref (s);
  /* still running, not freed */
  fail_if (g_atomic_int_get (&freed));
  gst_element_get_state (p, &state, NULL, 0);
  fail_unless_equals_int (state, GST_STATE_PLAYING);
  /* until its watchdog ends it; then the callback runs and it is freed */
  iterate_until (ctx, &e.calls);
  fail_unless_equals_int (e.calls, 1);
  fail_unless_equals_int (e.end, GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT);
  fail_unless (e.threads_joined);
  iterate_until (ctx, &freed);
  fail_unless (g_atomic_int_get (&freed));
  gst_element_get_state (p, &state, NULL, 0);
  fail_unless_equals_int (state, GST_STATE_NULL);
  gst_object_unref (p);
  g_main_context_unref (ctx);
}

GST_END_TEST;

static GstPadProbeReturn
unref_once_in_probe (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstIdleWatchdogSession **s = user_data;
  GstIdleWatchdogSession *last = g_atomic_pointer_exchange (s, NULL);

  if (last)
    g_object_unref (last);
  return GST_PAD_PROBE_OK;
}

GST_START_TEST (test_last_unref_from_streaming_thread_frees_session)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0,
      "fakesrc is-live=true num-buffers=20 ! identity name=id ! "
      "fakesink async=false", NULL);
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, 0);
  GstElement *id = gst_bin_get_by_name (GST_BIN (p), "id");
  GstPad *pad = gst_element_get_static_pad (id, "src");
  GstIdleWatchdogSession *only = s;
  GMainContext *ctx = g_main_context_new ();
  Counts c = { 0, };

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, unref_once_in_probe,
      &only, NULL);
  gst_object_unref (pad);
  gst_object_unref (id);
  gst_object_unref (p);
  gst_idle_watchdog_session_set_ended_callback (s, ctx, count_call, &c,
      count_notify);
  start (s);
  /* the first buffer drops the only reference, in the streaming thread:
   * the session runs on until its EOS, then is joined, its callback
   * invoked and it is freed (its data notified) */
  iterate_until (ctx, &c.notified);
  fail_unless_equals_int (g_atomic_int_get (&c.calls), 1);
  fail_unless_equals_int (g_atomic_int_get (&c.notified), 1);
  g_main_context_unref (ctx);
}

GST_END_TEST;

static void
unref_in_timeout_callback (GstIdleWatchdogSession * s, guint index,
    const GstIdleWatchdogTimeout * info, gpointer user_data)
{
  g_object_unref (s);
}

GST_START_TEST (test_last_unref_from_pipeline_thread_frees_session)
{
  GstIdleWatchdogSession *s = session_new ("s1", 0, SILENT ("20"), NULL);
  Counts c = { 0, };

  gst_idle_watchdog_session_set_timeout_callback (s,
      unref_in_timeout_callback, &c, count_notify);
  start (s);
  /* the timeout callback drops the only reference, in the session's own
   * thread: no critical, no leak, the session is freed */
  wait_for_count (&c.notified, 1);
}

GST_END_TEST;

GST_START_TEST (test_ended_callback_is_not_replaced_once_scheduled)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = session_new ("s1", 0, ENDS_WITH_EOS, NULL);
  Counts old_cb = { 0, }, new_cb = { 0, };

  gst_idle_watchdog_session_set_ended_callback (s, ctx, count_call, &old_cb,
      count_notify);
  start (s);
  /* finished, and (nobody iterating ctx) the invocation is pending */
  join_within (s, 10);
  gst_idle_watchdog_session_set_ended_callback (s, ctx, count_call, &new_cb,
      count_notify);
  /* refused: the new data is freed at once, the old one is kept */
  fail_unless_equals_int (new_cb.notified, 1);
  fail_unless_equals_int (old_cb.notified, 0);
  iterate_until (ctx, &old_cb.calls);
  fail_unless_equals_int (old_cb.calls, 1);
  fail_unless_equals_int (new_cb.calls, 0);
  g_object_unref (s);
  fail_unless_equals_int (old_cb.notified, 1);
  fail_unless_equals_int (new_cb.notified, 1);
  g_main_context_unref (ctx);
}

GST_END_TEST;

GST_START_TEST (test_stop_racing_timeout_gives_one_result_and_one_callback)
{
  GMainContext *ctx = g_main_context_new ();
  guint i, timeouts = 0, stops = 0;

  for (i = 0; i < 100; i++) {
    GstIdleWatchdogSession *s = session_new ("s1", 0, SILENT ("1"),
        SILENT ("1"));
    const GstIdleWatchdogSessionResult *r;
    Ended e = { 0, };
    GThread *t;

    gst_idle_watchdog_session_set_ended_callback (s, ctx, on_ended, &e, NULL);
    start (s);
    t = g_thread_new ("stopper", stop_after_random_delay, s);
    r = gst_idle_watchdog_session_join (s);
    g_thread_join (t);
    while (g_main_context_iteration (ctx, FALSE));

    fail_unless_equals_int (e.calls, 1);
    fail_unless_equals_int (e.end, r->end);
    fail_unless (r->end == GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT ||
        r->end == GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
    if (r->end == GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT)
      timeouts++;
    else
      stops++;
    g_object_unref (s);
  }
  GST_INFO ("%u timeouts, %u stops won the race", timeouts, stops);
  g_main_context_unref (ctx);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* many sessions: nothing leaks                                             */

enum
{
  END_BY_TIMEOUT,
  END_BY_ERROR,
  END_BY_EOS,
  END_BY_STOP,
  END_BY_STOP_RACING_TIMEOUT,
  END_BY_UNREF,
  N_WAYS
};

static void
count_freed (gpointer data, GObject * where_the_object_was)
{
  g_atomic_int_inc ((gint *) data);
}

/* Runs @n sessions ended in every way, at most @batch at a time */
static void
run_sessions (guint n, guint batch)
{
  static const GstIdleWatchdogSessionEnd expected[N_WAYS] = {
    GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT,
    GST_IDLE_WATCHDOG_SESSION_END_ERROR,
    GST_IDLE_WATCHDOG_SESSION_END_EOS,
    GST_IDLE_WATCHDOG_SESSION_END_STOPPED,
    GST_IDLE_WATCHDOG_SESSION_END_NONE,
    GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT,
  };
  guint done = 0;
  gint n_freed = 0, n_orphans = 0;

  while (done < n) {
    GstIdleWatchdogSessionManager *m = gst_idle_watchdog_session_manager_new ();
    GPtrArray *sessions = g_ptr_array_new ();
    GPtrArray *stoppers = g_ptr_array_new ();
    guint i, k = MIN (batch, n - done);

    for (i = 0; i < k; i++) {
      guint way = (done + i) % N_WAYS;
      gchar *id = g_strdup_printf ("s%u", done + i);
      const gchar *desc = (way == END_BY_TIMEOUT || way == END_BY_UNREF) ?
          SILENT ("20") :
          way == END_BY_ERROR ? ENDS_WITH_ERROR :
          way == END_BY_EOS ? ENDS_WITH_EOS :
          way == END_BY_STOP_RACING_TIMEOUT ? SILENT ("1") : FOREVER;
      GstIdleWatchdogSession *s = session_new (id, 0, FOREVER, desc);

      g_free (id);
      start (s);
      if (way == END_BY_UNREF) {
        /* dropping the only reference to a running session does not stop
         * it: it runs until its watchdog ends it, and is freed then */
        g_object_weak_ref (G_OBJECT (s), count_freed, &n_freed);
        n_orphans++;
        g_object_unref (s);
        continue;
      }
      fail_unless (gst_idle_watchdog_session_manager_add (m, s));
      g_ptr_array_add (sessions, s);
      if (way == END_BY_STOP)
        g_ptr_array_add (stoppers, g_thread_new ("stopper", stop_thread, s));
      else if (way == END_BY_STOP_RACING_TIMEOUT)
        g_ptr_array_add (stoppers, g_thread_new ("stopper",
                stop_after_random_delay, s));
    }

    gst_idle_watchdog_session_manager_wait_all (m);
    wait_for_count (&n_freed, n_orphans);
    fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_alive (m),
        0);
    fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_ended (m),
        sessions->len);
    for (i = 0; i < stoppers->len; i++)
      g_thread_join (g_ptr_array_index (stoppers, i));
    for (i = 0; i < sessions->len; i++) {
      GstIdleWatchdogSession *s = g_ptr_array_index (sessions, i);
      const GstIdleWatchdogSessionResult *r =
          gst_idle_watchdog_session_get_result (s);
      guint way = g_ascii_strtoull (gst_idle_watchdog_session_get_id (s) + 1,
          NULL, 10) % N_WAYS;

      fail_unless (r != NULL);
      if (expected[way] != GST_IDLE_WATCHDOG_SESSION_END_NONE) {
        fail_unless_equals_int (r->end, expected[way]);
      } else {
        fail_unless (r->end == GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT ||
            r->end == GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
      }
      g_object_unref (s);
    }
    g_ptr_array_unref (sessions);
    g_ptr_array_unref (stoppers);
    g_object_unref (m);
    done += k;
  }
}

GST_START_TEST (test_hundreds_of_sessions_leave_no_thread_and_no_fd)
{
  guint threads0, fds0;

  /* GLib keeps up to two idle pool threads (GStreamer's streaming threads
   * come from its pool) and lets them go after a while: keep none, so the
   * count does not drift with the machine's load */
  g_thread_pool_set_max_unused_threads (0);
  /* GStreamer's own one-time threads (system clock) and fds exist after a
   * first round */
  run_sessions (2 * N_WAYS, 2 * N_WAYS);
  threads0 = settled_threads (0);
  fds0 = count_fds ();

  run_sessions (300, 60);

  fail_unless_equals_int (settled_threads (threads0), threads0);
  fail_unless_equals_int (count_fds (), fds0);
}

GST_END_TEST;

GST_START_TEST (test_manager_counts_alive_and_ended)
{
  GstIdleWatchdogSessionManager *m = gst_idle_watchdog_session_manager_new ();
  GstIdleWatchdogSession *s[4];
  guint i;

  for (i = 0; i < 4; i++) {
    s[i] = session_new ("s", 0, i < 2 ? ENDS_WITH_EOS : FOREVER, NULL);
    fail_unless (gst_idle_watchdog_session_manager_add (m, s[i]));
  }
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_alive (m),
      4);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_ended (m),
      0);
  for (i = 0; i < 4; i++)
    start (s[i]);
  gst_idle_watchdog_session_join (s[0]);
  gst_idle_watchdog_session_join (s[1]);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_alive (m),
      2);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_ended (m),
      2);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_reap (m), 2);

  gst_idle_watchdog_session_manager_stop_all (m);
  gst_idle_watchdog_session_manager_wait_all (m);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_alive (m),
      0);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_ended (m),
      4);
  for (i = 0; i < 4; i++)
    g_object_unref (s[i]);
  g_object_unref (m);
}

GST_END_TEST;

GST_START_TEST (test_last_unref_of_manager_stops_running_sessions)
{
  GstIdleWatchdogSessionManager *m = gst_idle_watchdog_session_manager_new ();
  GstIdleWatchdogSession *s = session_new ("s", 0, FOREVER, FOREVER);

  start (s);
  fail_unless (gst_idle_watchdog_session_manager_add (m, s));
  g_object_unref (m);
  fail_unless_equals_int (gst_idle_watchdog_session_get_result (s)->end,
      GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  g_object_unref (s);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* bad input                                                                */

GST_START_TEST (test_unparsable_description_is_an_error)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GError *err = NULL;

  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s, NULL,
          "fakesrc ! ! ! (", &err), -1);
  fail_unless (err != NULL && err->domain == GST_PARSE_ERROR);
  g_clear_error (&err);
  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s, NULL,
          "fakesrc ! no-such-element-iwd ! fakesink", &err), -1);
  g_assert_error (err, GST_PARSE_ERROR, GST_PARSE_ERROR_NO_SUCH_ELEMENT);
  g_clear_error (&err);
  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s, NULL,
          "fakesrc no-such-property=1 ! fakesink", &err), -1);
  fail_unless (err != NULL && err->domain == GST_PARSE_ERROR);
  g_clear_error (&err);
  fail_unless_equals_int (gst_idle_watchdog_session_get_n_pipelines (s), 0);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_single_element_description_is_freed_with_session)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p, *e;
  gint freed = FALSE;

  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s,
          "one", "fakesink name=only", NULL), 0);
  p = gst_idle_watchdog_session_get_pipeline (s, 0);
  e = gst_bin_get_by_name (GST_BIN (p), "only");
  fail_unless (e != NULL);
  g_object_weak_ref (G_OBJECT (e), set_flag, &freed);
  gst_object_unref (e);
  gst_object_unref (p);
  g_object_unref (s);
  fail_unless (g_atomic_int_get (&freed));
}

GST_END_TEST;

GST_START_TEST (test_new_from_descriptions_fails_on_bad_one)
{
  const gchar *good[] = { ENDS_WITH_EOS, FOREVER, NULL };
  const gchar *bad[] = { ENDS_WITH_EOS, "fakesrc ! ! (", NULL };
  GstIdleWatchdogSession *s;
  GstElement *p;
  GError *err = NULL;

  s = gst_idle_watchdog_session_new_from_descriptions ("s", 0, bad, &err);
  fail_unless (s == NULL);
  fail_unless (err != NULL && err->domain == GST_PARSE_ERROR);
  g_clear_error (&err);

  s = gst_idle_watchdog_session_new_from_descriptions ("s", 0, good, &err);
  g_assert_no_error (err);
  fail_unless_equals_int (gst_idle_watchdog_session_get_n_pipelines (s), 2);
  /* named after their index */
  p = gst_idle_watchdog_session_get_pipeline (s, 1);
  fail_unless_equals_string (GST_OBJECT_NAME (p), "1");
  gst_object_unref (p);
  start (s);
  fail_unless_equals_int (gst_idle_watchdog_session_join (s)->end,
      GST_IDLE_WATCHDOG_SESSION_END_EOS);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_missing_watchdog_is_an_error_when_required)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s",
      GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG);
  GError *err = NULL;

  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s, NULL,
          FOREVER, &err), -1);
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG);
  g_clear_error (&err);
  /* found inside a bin too */
  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s, NULL,
          "fakesrc num-buffers=1 ! fakesink ( appsrc ! idlewatchdog ! fakesink )", &err), 0);
  g_assert_no_error (err);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_built_pipeline_without_watchdog_is_refused_when_required)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s",
      GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG);
  GstElement *p = gst_pipeline_new ("built");
  GError *err = NULL;

  gst_object_ref (p);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          &err), -1);
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG);
  g_clear_error (&err);
  ASSERT_OBJECT_REFCOUNT (p, "pipeline", 1);
  gst_object_unref (p);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_built_pipeline_runs)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_parse_launch (ENDS_WITH_EOS, NULL);
  GError *err = NULL;

  gst_object_set_name (GST_OBJECT (p), "built");
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p, &err),
      0);
  g_assert_no_error (err);
  start (s);
  fail_unless_equals_string (gst_idle_watchdog_session_join (s)->pipeline_name,
      "built");
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_start_without_pipeline_is_an_error_that_ends_session)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  const GstIdleWatchdogSessionResult *r;
  GError *err = NULL;

  fail_if (gst_idle_watchdog_session_start (s, &err));
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_STATE);
  g_clear_error (&err);
  fail_unless (gst_idle_watchdog_session_is_ended (s));
  r = join_within (s, 10);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_ERROR);
  g_assert_error (r->error, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_STATE);
  fail_unless_equals_int (r->pipeline_index, -1);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_manager_does_not_wait_for_session_that_failed_to_start)
{
  GstIdleWatchdogSessionManager *m = gst_idle_watchdog_session_manager_new ();
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("empty", 0);
  GError *err = NULL;

  /* the documented order: add, start, unref */
  fail_unless (gst_idle_watchdog_session_manager_add (m, s));
  fail_if (gst_idle_watchdog_session_start (s, &err));
  g_clear_error (&err);
  g_object_unref (s);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_alive (m),
      0);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_get_n_ended (m),
      1);

  /* nothing is alive: this returns at once, releasing the session */
  gst_idle_watchdog_session_manager_wait_all (m);
  fail_unless_equals_int (gst_idle_watchdog_session_manager_reap (m), 0);
  g_object_unref (m);
}

GST_END_TEST;

GST_START_TEST (test_start_twice_and_add_after_start_are_errors)
{
  GstIdleWatchdogSession *s = session_new ("s", 0, FOREVER, NULL);
  GError *err = NULL;

  start (s);
  fail_if (gst_idle_watchdog_session_start (s, &err));
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_STATE);
  g_clear_error (&err);
  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s, NULL,
          FOREVER, &err), -1);
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_STATE);
  g_clear_error (&err);
  fail_if (gst_idle_watchdog_session_is_ended (s));
  gst_idle_watchdog_session_stop (s);
  fail_unless_equals_int (gst_idle_watchdog_session_join (s)->end,
      GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_stop_before_start_ends_session_without_threads)
{
  GstIdleWatchdogSession *s = session_new ("s", 0, FOREVER, NULL);
  const GstIdleWatchdogSessionResult *r;
  GError *err = NULL;

  fail_unless (gst_idle_watchdog_session_join (s) == NULL);
  gst_idle_watchdog_session_stop (s);
  gst_idle_watchdog_session_stop (s);
  r = gst_idle_watchdog_session_join (s);
  fail_unless (r != NULL);
  fail_unless_equals_int (r->end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  fail_unless_equals_uint64 (r->duration, 0);
  fail_if (gst_idle_watchdog_session_start (s, &err));
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_STATE);
  g_clear_error (&err);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_null_arguments_are_refused)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GError *err = NULL;

  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_new (NULL, 0));
  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_add_description (s, NULL, NULL,
          &err));
  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_add_description (NULL, NULL,
          FOREVER, &err));
  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_add_pipeline (s, NULL, &err));
  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_start (NULL, &err));
  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_stop (NULL));
  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_join (NULL));
  ASSERT_LIB_CRITICAL (gst_idle_watchdog_session_manager_add (NULL, s));
  fail_unless (err == NULL);
  fail_unless (gst_idle_watchdog_session_get_pipeline (s, 3) == NULL);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_session_in_two_managers_is_refused)
{
  GstIdleWatchdogSessionManager *m1 = gst_idle_watchdog_session_manager_new ();
  GstIdleWatchdogSessionManager *m2 = gst_idle_watchdog_session_manager_new ();
  GstIdleWatchdogSession *s = session_new ("s", 0, ENDS_WITH_EOS, NULL);

  fail_unless (gst_idle_watchdog_session_manager_add (m1, s));
  ASSERT_LIB_CRITICAL (fail_if (gst_idle_watchdog_session_manager_add (m2, s)));
  start (s);
  gst_idle_watchdog_session_manager_wait_all (m1);
  g_object_unref (m1);
  g_object_unref (m2);
  g_object_unref (s);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* the pipeline's bus belongs to the session                                */

static gboolean
count_watch_call (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  g_atomic_int_inc ((gint *) user_data);
  return G_SOURCE_CONTINUE;
}

static GstBusSyncReply
pass_sync (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  return GST_BUS_PASS;
}

/* Adds @p (holding a reference of the caller's) and expects @code */
static void
assert_add_refused (GstIdleWatchdogSession * s, GstElement * p, gint code)
{
  GError *err = NULL;

  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          &err), -1);
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR, code);
  g_error_free (err);
  /* the session kept nothing */
  ASSERT_OBJECT_REFCOUNT (p, "pipeline", 1);
}

GST_START_TEST (test_bus_with_a_watch_is_refused_and_left_working)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_object_ref_sink (gst_pipeline_new ("watched"));
  GstBus *bus = gst_element_get_bus (p);
  gint calls = 0;

  g_main_context_push_thread_default (ctx);
  fail_unless (gst_bus_add_watch (bus, count_watch_call, &calls) != 0);
  g_main_context_pop_thread_default (ctx);

  assert_add_refused (s, p, GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE);
  fail_unless_equals_int (gst_idle_watchdog_session_get_n_pipelines (s), 0);
  /* the application's watch still gets the messages */
  gst_bus_post (bus, gst_message_new_application (GST_OBJECT (p),
          gst_structure_new_empty ("app")));
  iterate_until (ctx, &calls);
  fail_unless_equals_int (calls, 1);

  fail_unless (gst_bus_remove_watch (bus));
  gst_object_unref (bus);
  gst_object_unref (p);
  g_object_unref (s);
  g_main_context_unref (ctx);
}

GST_END_TEST;

GST_START_TEST (test_bus_with_a_signal_watch_is_refused)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_object_ref_sink (gst_pipeline_new ("signalled"));
  GstBus *bus = gst_element_get_bus (p);

  g_main_context_push_thread_default (ctx);
  gst_bus_add_signal_watch (bus);
  g_main_context_pop_thread_default (ctx);

  assert_add_refused (s, p, GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE);

  gst_bus_remove_signal_watch (bus);
  gst_object_unref (bus);
  gst_object_unref (p);
  g_object_unref (s);
  g_main_context_unref (ctx);
}

GST_END_TEST;

GST_START_TEST (test_bus_with_a_sync_handler_is_refused)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_object_ref_sink (gst_pipeline_new ("synced"));
  GstBus *bus = gst_element_get_bus (p);

  gst_bus_set_sync_handler (bus, pass_sync, NULL, NULL);
  assert_add_refused (s, p, GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE);
  /* once the handler is gone, the same pipeline is accepted */
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          NULL), 0);

  gst_object_unref (bus);
  gst_object_unref (p);
  g_object_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_sync_handler_set_after_adding_is_refused_at_start)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_parse_launch (ENDS_WITH_EOS, NULL);
  GstBus *bus = gst_element_get_bus (p);
  GError *err = NULL;

  gst_object_ref (p);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          NULL), 0);
  gst_bus_set_sync_handler (bus, pass_sync, NULL, NULL);
  fail_if (gst_idle_watchdog_session_start (s, &err));
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE);
  g_clear_error (&err);
  /* unchanged: it can still be started */
  fail_if (gst_idle_watchdog_session_is_ended (s));
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  start (s);
  fail_unless_equals_int (join_within (s, 10)->end,
      GST_IDLE_WATCHDOG_SESSION_END_EOS);

  gst_object_unref (bus);
  g_object_unref (s);
  gst_object_unref (p);
}

GST_END_TEST;

GST_START_TEST (test_application_cannot_add_a_watch_while_the_session_holds_the_bus)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_parse_launch (ENDS_WITH_EOS, NULL);
  GstBus *bus = gst_element_get_bus (p);
  gint calls = 0;

  gst_object_ref (p);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          NULL), 0);
  g_main_context_push_thread_default (ctx);
  /* refused by GStreamer (0, an ERROR log line; no critical) */
  fail_unless_equals_int (gst_bus_add_watch (bus, count_watch_call, &calls),
      0);
  start (s);
  fail_unless_equals_int (join_within (s, 10)->end,
      GST_IDLE_WATCHDOG_SESSION_END_EOS);
  /* the stopped pipeline's bus is the application's again */
  fail_unless (gst_bus_add_watch (bus, count_watch_call, &calls) != 0);
  g_main_context_pop_thread_default (ctx);
  fail_unless (gst_bus_remove_watch (bus));

  gst_object_unref (bus);
  g_object_unref (s);
  gst_object_unref (p);
  g_main_context_unref (ctx);
}

GST_END_TEST;

GST_START_TEST (test_same_pipeline_twice_is_refused)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("s", 0);
  GstElement *p = gst_parse_launch (ENDS_WITH_EOS, NULL);
  GError *err = NULL;

  gst_object_ref (p);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          NULL), 0);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s, p,
          &err), -1);
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_DUPLICATE);
  g_clear_error (&err);
  fail_unless_equals_int (gst_idle_watchdog_session_get_n_pipelines (s), 1);
  /* the caller's reference and the session's */
  ASSERT_OBJECT_REFCOUNT (p, "pipeline", 2);
  start (s);
  fail_unless_equals_int (join_within (s, 10)->end,
      GST_IDLE_WATCHDOG_SESSION_END_EOS);
  g_object_unref (s);
  gst_object_unref (p);
}

GST_END_TEST;

GST_START_TEST (test_pipeline_of_another_session_is_refused)
{
  GstIdleWatchdogSession *s1 = gst_idle_watchdog_session_new ("s1", 0);
  GstIdleWatchdogSession *s2 = gst_idle_watchdog_session_new ("s2", 0);
  GstElement *p = gst_object_ref_sink (gst_pipeline_new ("shared"));
  GError *err = NULL;

  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s1, p,
          NULL), 0);
  fail_unless_equals_int (gst_idle_watchdog_session_add_pipeline (s2, p,
          &err), -1);
  g_assert_error (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE);
  g_clear_error (&err);
  g_object_unref (s2);
  g_object_unref (s1);
  ASSERT_OBJECT_REFCOUNT (p, "pipeline", 1);
  gst_object_unref (p);
}

GST_END_TEST;

GST_START_TEST (test_adding_after_start_leaves_the_bus_alone)
{
  GstIdleWatchdogSession *s = session_new ("s", 0, FOREVER, NULL);
  GstElement *p = gst_object_ref_sink (gst_pipeline_new ("late"));
  GstBus *bus = gst_element_get_bus (p);
  GMainContext *ctx = g_main_context_new ();
  gint calls = 0;

  start (s);
  assert_add_refused (s, p, GST_IDLE_WATCHDOG_SESSION_ERROR_STATE);
  /* not taken: the application may still watch it */
  g_main_context_push_thread_default (ctx);
  fail_unless (gst_bus_add_watch (bus, count_watch_call, &calls) != 0);
  g_main_context_pop_thread_default (ctx);
  fail_unless (gst_bus_remove_watch (bus));
  gst_idle_watchdog_session_stop (s);
  join_within (s, 10);
  g_object_unref (s);
  gst_object_unref (bus);
  gst_object_unref (p);
  g_main_context_unref (ctx);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* signals, in the session's context                                        */

typedef struct
{
  GstIdleWatchdogSession *session;
  gint ended;
  gint timeouts;
  gint resumed;
  gint switches;
  GThread *thread;
  GThread *timeout_thread;
  GstIdleWatchdogSessionEnd end;
  gboolean threads_joined;
  gboolean timeout_before_ended;
  gchar *switch_target;
  GstClockTime resumed_silence;
} Signals;

static void
on_ended_signal (GstIdleWatchdogSession * s,
    const GstIdleWatchdogSessionResult * r, Signals * sig)
{
  g_atomic_int_inc (&sig->ended);
  sig->thread = g_thread_self ();
  sig->end = r->end;
  sig->threads_joined = gst_idle_watchdog_session_join (s) == r;
  sig->timeout_before_ended = sig->timeouts > 0;
}

static void
on_timeout_signal (GstIdleWatchdogSession * s, guint index, GstMessage * msg,
    Signals * sig)
{
  GstIdleWatchdogTimeout info;

  sig->timeout_thread = g_thread_self ();
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_string (info.session_id, "s1");
  g_atomic_int_inc (&sig->timeouts);
}

static void
on_resumed_signal (GstIdleWatchdogSession * s, guint index, GstMessage * msg,
    Signals * sig)
{
  fail_unless (gst_idle_watchdog_message_parse_resumed (msg,
          &sig->resumed_silence, NULL));
  g_atomic_int_inc (&sig->resumed);
}

static void
on_switch_signal (GstIdleWatchdogSession * s, guint index, GstMessage * msg,
    Signals * sig)
{
  const gchar *target = NULL;

  fail_unless (gst_idle_watchdog_message_parse_switch (msg, NULL, NULL,
          &target, NULL));
  g_free (sig->switch_target);
  sig->switch_target = g_strdup (target);
  g_atomic_int_inc (&sig->switches);
}

static void
connect_signals (GstIdleWatchdogSession * s, Signals * sig)
{
  g_signal_connect (s, "ended", G_CALLBACK (on_ended_signal), sig);
  g_signal_connect (s, "timeout", G_CALLBACK (on_timeout_signal), sig);
  g_signal_connect (s, "resumed", G_CALLBACK (on_resumed_signal), sig);
  g_signal_connect (s, "switch", G_CALLBACK (on_switch_signal), sig);
}

GST_START_TEST (test_ended_signal_runs_once_in_the_context_of_creation)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s;
  Signals sig = { 0, };
  GError *err = NULL;

  /* the thread-default context when the session is created */
  g_main_context_push_thread_default (ctx);
  s = gst_idle_watchdog_session_new ("s1", 0);
  g_main_context_pop_thread_default (ctx);
  fail_unless (gst_idle_watchdog_session_get_context (s) == ctx);
  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s,
          "first", SILENT ("20"), &err), 0);
  connect_signals (s, &sig);
  start (s);
  iterate_until (ctx, &sig.ended);
  fail_unless_equals_int (sig.ended, 1);
  fail_unless (sig.thread == g_thread_self ());
  fail_unless_equals_int (sig.end, GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT);
  fail_unless (sig.threads_joined);
  fail_unless_equals_int (sig.timeouts, 1);
  fail_unless (sig.timeout_thread == g_thread_self ());
  fail_unless (sig.timeout_before_ended);
  g_object_unref (s);
  g_main_context_unref (ctx);
}

GST_END_TEST;

GST_START_TEST (test_signals_run_in_the_context_given)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s = g_object_new (GST_TYPE_IDLE_WATCHDOG_SESSION,
      "id", "s1", "context", ctx, "stop-timeout", 100 * GST_MSECOND, NULL);
  Signals sig = { 0, };
  GMainContext *got = NULL;
  gchar *id = NULL;
  guint64 stop_timeout = 0;

  g_object_get (s, "context", &got, "id", &id, "stop-timeout", &stop_timeout,
      NULL);
  fail_unless (got == ctx);
  fail_unless_equals_string (id, "s1");
  fail_unless_equals_uint64 (stop_timeout, 100 * GST_MSECOND);
  g_main_context_unref (got);
  g_free (id);
  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s,
          NULL, ENDS_WITH_EOS, NULL), 0);
  connect_signals (s, &sig);
  start (s);
  /* nothing in the default context */
  fail_unless_equals_int (join_within (s, 10)->end,
      GST_IDLE_WATCHDOG_SESSION_END_EOS);
  while (g_main_context_iteration (NULL, FALSE));
  fail_unless_equals_int (sig.ended, 0);
  iterate_until (ctx, &sig.ended);
  fail_unless_equals_int (sig.ended, 1);
  fail_unless_equals_int (sig.end, GST_IDLE_WATCHDOG_SESSION_END_EOS);
  g_object_unref (s);
  g_main_context_unref (ctx);
}

GST_END_TEST;

static void
push_one_buffer (GstIdleWatchdogSession * s, const gchar * name)
{
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, 0);
  GstElement *src = gst_bin_get_by_name (GST_BIN (p), name);
  GstBuffer *buf = gst_buffer_new ();
  GstFlowReturn ret = GST_FLOW_ERROR;

  /* the action signal takes a reference of its own */
  g_signal_emit_by_name (src, "push-buffer", buf, &ret);
  gst_buffer_unref (buf);
  fail_unless_equals_int (ret, GST_FLOW_OK);
  gst_object_unref (src);
  gst_object_unref (p);
}

/* With REPORT_TIMEOUTS the application hears every watchdog message */
GST_START_TEST (test_report_only_session_forwards_timeout_resumed_and_switch)
{
  GMainContext *ctx = g_main_context_new ();
  GstIdleWatchdogSession *s;
  Signals sig = { 0, };
  GstElement *p, *sel;
  GstPad *pad;

  g_main_context_push_thread_default (ctx);
  s = session_new ("s1", GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS,
      "input-selector name=sel ! idlewatchdog timeout=50 session-id=s1 ! "
      "fakesink async=false sync=false "
      "appsrc name=a is-live=true caps=application/x-idw ! sel. "
      "appsrc name=b is-live=true caps=application/x-idw ! sel.", NULL);
  g_main_context_pop_thread_default (ctx);
  connect_signals (s, &sig);
  start (s);

  /* nothing flows: a startup timeout, which does not end the session */
  iterate_until (ctx, &sig.timeouts);
  fail_if (gst_idle_watchdog_session_is_ended (s));
  /* data again: resumed */
  push_one_buffer (s, "a");
  iterate_until (ctx, &sig.resumed);
  fail_unless (sig.resumed_silence >= 50 * GST_MSECOND);
  /* the selector switches to the other source */
  p = gst_idle_watchdog_session_get_pipeline (s, 0);
  sel = gst_bin_get_by_name (GST_BIN (p), "sel");
  pad = gst_element_get_static_pad (sel, "sink_1");
  g_object_set (sel, "active-pad", pad, NULL);
  iterate_until (ctx, &sig.switches);
  fail_unless_equals_string (sig.switch_target, "sink_1");

  gst_idle_watchdog_session_stop (s);
  iterate_until (ctx, &sig.ended);
  fail_unless_equals_int (sig.end, GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  gst_object_unref (pad);
  gst_object_unref (sel);
  gst_object_unref (p);
  g_free (sig.switch_target);
  g_object_unref (s);
  g_main_context_unref (ctx);
}

GST_END_TEST;

static Suite *
session_suite (void)
{
  Suite *s = suite_create ("session");
  TCase *tc = tcase_create ("ending");
  TCase *tc_many = tcase_create ("many");
  TCase *tc_bad = tcase_create ("bad-input");
  TCase *tc_signals = tcase_create ("signals");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_timeout_ends_session_with_watchdog_fields);
  tcase_add_test (tc, test_error_ends_session_with_the_error);
  tcase_add_test (tc, test_eos_ends_session);
  tcase_add_test (tc, test_stop_from_another_thread_ends_session);
  tcase_add_test (tc, test_ending_stops_every_pipeline);
  tcase_add_test (tc, test_first_cause_wins);
  tcase_add_test (tc, test_stop_is_idempotent_from_many_threads);
  tcase_add_test (tc, test_report_only_timeout_does_not_end_session);
  tcase_add_test (tc, test_timeout_callback_runs_before_end);
  tcase_add_test (tc, test_stop_drains_running_pipeline_with_eos);
  tcase_add_test (tc,
      test_pipeline_that_cannot_drain_is_stopped_after_stop_timeout);
  tcase_add_test (tc, test_forced_drain_is_a_warning_on_the_pipeline);
  tcase_add_test (tc,
      test_stop_is_bounded_when_streaming_thread_is_blocked_in_sink);
  tcase_add_test (tc,
      test_stop_is_bounded_when_streaming_thread_is_blocked_in_probe);
  tcase_add_test (tc, test_stop_timeout_beyond_guint_milliseconds_is_clamped);
  tcase_add_test (tc, test_bus_of_stopped_pipeline_is_not_left_flushing);
  tcase_add_test (tc, test_ended_callback_runs_once_in_its_context);
  tcase_add_test (tc, test_ended_callback_may_drop_last_reference);
  tcase_add_test (tc, test_last_unref_of_running_session_keeps_it_running);
  tcase_add_test (tc, test_ended_callback_is_not_replaced_once_scheduled);
  tcase_add_test (tc, test_last_unref_from_streaming_thread_frees_session);
  tcase_add_test (tc, test_last_unref_from_pipeline_thread_frees_session);
  tcase_add_test (tc,
      test_stop_racing_timeout_gives_one_result_and_one_callback);

  suite_add_tcase (s, tc_many);
  tcase_set_timeout (tc_many, 120);
  tcase_add_test (tc_many, test_hundreds_of_sessions_leave_no_thread_and_no_fd);
  tcase_add_test (tc_many, test_manager_counts_alive_and_ended);
  tcase_add_test (tc_many, test_last_unref_of_manager_stops_running_sessions);

  suite_add_tcase (s, tc_bad);
  tcase_add_test (tc_bad, test_unparsable_description_is_an_error);
  tcase_add_test (tc_bad, test_new_from_descriptions_fails_on_bad_one);
  tcase_add_test (tc_bad,
      test_single_element_description_is_freed_with_session);
  tcase_add_test (tc_bad, test_missing_watchdog_is_an_error_when_required);
  tcase_add_test (tc_bad,
      test_built_pipeline_without_watchdog_is_refused_when_required);
  tcase_add_test (tc_bad, test_built_pipeline_runs);
  tcase_add_test (tc_bad,
      test_start_without_pipeline_is_an_error_that_ends_session);
  tcase_add_test (tc_bad,
      test_manager_does_not_wait_for_session_that_failed_to_start);
  tcase_add_test (tc_bad, test_start_twice_and_add_after_start_are_errors);
  tcase_add_test (tc_bad, test_stop_before_start_ends_session_without_threads);
  tcase_add_test (tc_bad, test_null_arguments_are_refused);
  tcase_add_test (tc_bad, test_session_in_two_managers_is_refused);
  tcase_add_test (tc_bad, test_bus_with_a_watch_is_refused_and_left_working);
  tcase_add_test (tc_bad, test_bus_with_a_signal_watch_is_refused);
  tcase_add_test (tc_bad, test_bus_with_a_sync_handler_is_refused);
  tcase_add_test (tc_bad,
      test_sync_handler_set_after_adding_is_refused_at_start);
  tcase_add_test (tc_bad,
      test_application_cannot_add_a_watch_while_the_session_holds_the_bus);
  tcase_add_test (tc_bad, test_same_pipeline_twice_is_refused);
  tcase_add_test (tc_bad, test_pipeline_of_another_session_is_refused);
  tcase_add_test (tc_bad, test_adding_after_start_leaves_the_bus_alone);

  suite_add_tcase (s, tc_signals);
  tcase_add_test (tc_signals,
      test_ended_signal_runs_once_in_the_context_of_creation);
  tcase_add_test (tc_signals, test_signals_run_in_the_context_given);
  tcase_add_test (tc_signals,
      test_report_only_session_forwards_timeout_resumed_and_switch);
  return s;
}

GST_CHECK_MAIN (session);
