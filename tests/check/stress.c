/* gst-idlewatchdog: teardown race stress tests
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * gst-plugins-bad's `watchdog` deadlocks when its pipeline is set to NULL
 * while its timer fires. These tests run real pipelines on the system clock
 * (the point here is the clock's own thread racing the application) with a
 * 1 ms timeout, and take them down at, around and from within the moment
 * of firing, as many times as fit in the time each test is given
 * (IDLEWATCHDOG_STRESS_SECONDS, default 10 s; a slow or loaded machine does
 * fewer iterations, never a longer run). Each test prints how many
 * iterations it did. They assert behaviour only: every state change
 * succeeds, the timeout does fire when waited for, and every pipeline and
 * element is finalized in the end. A hang is caught by the check timeout
 * (set from the same duration), a crash by the forked test process.
 */
#include <gst/check/gstcheck.h>

#include "idlewatchdog.h"

/* Wall-clock time each test runs for, unless IDLEWATCHDOG_STRESS_SECONDS */
#define DEFAULT_STRESS_SECONDS 10
/* How long a waited-for timeout (1 ms) may take on a loaded machine */
#define FIRE_WAIT_SECONDS 10
/* MODE_NULL_AROUND_FIRING reuses a pipeline for this many iterations */
#define REUSE 50

#define PIPELINE_DESC "appsrc name=src is-live=true format=time " \
    "! idlewatchdog name=wd timeout=1 ! fakesink sync=false"

typedef enum
{
  MODE_NULL_AROUND_FIRING,      /* NULL after a delay spanning the deadline */
  MODE_NULL_AFTER_TIMEOUT_POSTED,       /* NULL as soon as the message is out */
  MODE_NULL_IN_SYNC_HANDLER,    /* NULL from the bus sync handler */
  MODE_ASYNC_NULL_FROM_SYNC_HANDLER,    /* gst_element_call_async(NULL) */
  MODE_UNREF_AFTER_TIMEOUT_POSTED,      /* NULL + last unref at once */
  MODE_RESTART_AFTER_EOS_ACTION,        /* NULL in the handler, PLAYING again */
} Mode;

typedef struct
{
  Mode mode;
  GMutex lock;
  GCond cond;
  GstElement *pipeline;         /* the current one; set by the test thread */
  gboolean acted;               /* the handler took this iteration down */
  gint timeouts;                /* timeout messages of this iteration */
  gint timeouts_total;
  gint async_done;              /* MODE_ASYNC_NULL_FROM_SYNC_HANDLER */
  gint null_failures;           /* set_state (NULL) that did not succeed */
  gint created;                 /* pipelines and watchdogs created */
  gint finalized;               /* ... and gone */
  guint iterations;
} Run;

static void
on_finalized (gpointer user_data, GObject * where_the_object_was)
{
  Run *run = user_data;

  g_mutex_lock (&run->lock);
  run->finalized++;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

/* Takes @pipeline to NULL from any thread. It must get there; a return
 * other than SUCCESS is counted (and fails the test at its end, so that the
 * race keeps being exercised meanwhile). */
static void
set_null (Run * run, GstElement * pipeline)
{
  GstStateChangeReturn ret = gst_element_set_state (pipeline, GST_STATE_NULL);

  fail_unless_equals_int (GST_STATE (pipeline), GST_STATE_NULL);
  if (ret != GST_STATE_CHANGE_SUCCESS) {
    GST_WARNING_OBJECT (pipeline, "set_state (NULL) returned %s",
        gst_element_state_change_return_get_name (ret));
    g_mutex_lock (&run->lock);
    run->null_failures++;
    g_mutex_unlock (&run->lock);
  }
}

static void
set_null_async (GstElement * pipeline, gpointer user_data)
{
  Run *run = user_data;

  set_null (run, pipeline);
  g_mutex_lock (&run->lock);
  run->async_done++;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

/* Runs in the thread that posts: for a timeout, the clock's thread, inside
 * the element's timer callback */
static GstBusSyncReply
sync_handler (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  Run *run = user_data;

  if (gst_idle_watchdog_message_is_timeout (msg)) {
    GstIdleWatchdogTimeout info;
    gboolean act;

    fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
    /* a buffer pushed after a startup timeout resumes the watchdog, which
     * may time out again before the pipeline is down: act only once */
    g_mutex_lock (&run->lock);
    act = !run->acted;
    run->acted = TRUE;
    g_mutex_unlock (&run->lock);
    if (act && (run->mode == MODE_NULL_IN_SYNC_HANDLER ||
            run->mode == MODE_RESTART_AFTER_EOS_ACTION)) {
      set_null (run, run->pipeline);
    } else if (act && run->mode == MODE_ASYNC_NULL_FROM_SYNC_HANDLER) {
      gst_element_call_async (run->pipeline, set_null_async, run, NULL);
    }

    g_mutex_lock (&run->lock);
    run->timeouts++;
    run->timeouts_total++;
    g_cond_broadcast (&run->cond);
    g_mutex_unlock (&run->lock);
  }
  /* nobody pops this bus: keep it empty (a dropping handler unrefs) */
  gst_message_unref (msg);
  return GST_BUS_DROP;
}

static GstElement *
new_pipeline (Run * run)
{
  GError *error = NULL;
  GstElement *pipeline = gst_parse_launch (PIPELINE_DESC, &error);
  GstElement *wd;
  GstBus *bus;

  fail_unless (pipeline != NULL && error == NULL, "%s",
      error ? error->message : "");
  wd = gst_bin_get_by_name (GST_BIN (pipeline), "wd");
  g_object_weak_ref (G_OBJECT (pipeline), on_finalized, run);
  g_object_weak_ref (G_OBJECT (wd), on_finalized, run);
  gst_object_unref (wd);
  bus = gst_element_get_bus (pipeline);
  gst_bus_set_sync_handler (bus, sync_handler, run, NULL);
  gst_object_unref (bus);

  g_mutex_lock (&run->lock);
  run->created += 2;
  g_mutex_unlock (&run->lock);
  return pipeline;
}

static const gchar *
set_action (GstElement * pipeline, Mode mode, guint i)
{
  static const gchar *actions[] = { "message", "eos", "error" };
  GstElement *wd = gst_bin_get_by_name (GST_BIN (pipeline), "wd");
  const gchar *action =
      mode == MODE_RESTART_AFTER_EOS_ACTION ? "eos" : actions[i % 3];

  gst_util_set_object_arg (G_OBJECT (wd), "action", action);
  gst_object_unref (wd);
  return action;
}

/* Half of the iterations see a buffer first (reason silence), the others
 * none (reason startup) */
static void
maybe_push_buffer (GstElement * pipeline, guint i)
{
  GstElement *src;
  GstFlowReturn ret;
  GstBuffer *buf;

  if (i % 2 == 0)
    return;
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  buf = gst_buffer_new ();
  g_signal_emit_by_name (src, "push-buffer", buf, &ret);
  gst_buffer_unref (buf);
  gst_object_unref (src);
}

static void
wait_for_timeout (Run * run, guint i, const gchar * action)
{
  gint64 end = g_get_monotonic_time () + FIRE_WAIT_SECONDS * G_TIME_SPAN_SECOND;

  g_mutex_lock (&run->lock);
  while (run->timeouts == 0)
    fail_unless (g_cond_wait_until (&run->cond, &run->lock, end),
        "iteration %u (action %s, %s): no timeout within %d s of PLAYING", i,
        action, i % 2 ? "after a buffer" : "no buffer", FIRE_WAIT_SECONDS);
  g_mutex_unlock (&run->lock);
}

static void
wait_for_async_null (Run * run, gint count)
{
  gint64 end = g_get_monotonic_time () + FIRE_WAIT_SECONDS * G_TIME_SPAN_SECOND;

  g_mutex_lock (&run->lock);
  while (run->async_done < count)
    fail_unless (g_cond_wait_until (&run->cond, &run->lock, end),
        "the asynchronous state change never ran");
  g_mutex_unlock (&run->lock);
}

/* Busy-waits (the system clock's thread must get the CPU meanwhile) */
static void
spin_until (gint64 end_us)
{
  while (g_get_monotonic_time () < end_us)
    g_thread_yield ();
}

static gdouble
stress_seconds (void)
{
  const gchar *env = g_getenv ("IDLEWATCHDOG_STRESS_SECONDS");

  if (env != NULL && *env != '\0')
    return MAX (g_ascii_strtod (env, NULL), 1.0);
  return DEFAULT_STRESS_SECONDS;
}

static const gchar *
mode_name (Mode mode)
{
  switch (mode) {
    case MODE_NULL_AROUND_FIRING:
      return "NULL around the moment of firing";
    case MODE_NULL_AFTER_TIMEOUT_POSTED:
      return "NULL right after the timeout";
    case MODE_NULL_IN_SYNC_HANDLER:
      return "NULL from the sync handler";
    case MODE_ASYNC_NULL_FROM_SYNC_HANDLER:
      return "asynchronous NULL from the sync handler";
    case MODE_UNREF_AFTER_TIMEOUT_POSTED:
      return "last unref right after the timeout";
    case MODE_RESTART_AFTER_EOS_ACTION:
      return "restart after the EOS action";
  }
  return "?";
}

static void
run_stress (Mode mode)
{
  Run run = { 0, };
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) (stress_seconds () * G_TIME_SPAN_SECOND);
  /* the teardown modes take every pipeline down for good; the other two
   * bring the same one back to PLAYING */
  gboolean recreate_each = (mode != MODE_NULL_AROUND_FIRING &&
      mode != MODE_RESTART_AFTER_EOS_ACTION);
  GstElement *pipeline = NULL;
  guint i;

  run.mode = mode;
  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);

  for (i = 0; g_get_monotonic_time () < end; i++) {
    GstStateChangeReturn ret;
    gint64 playing_at;
    const gchar *action;

    if (pipeline == NULL)
      pipeline = new_pipeline (&run);
    action = set_action (pipeline, mode, i);
    g_mutex_lock (&run.lock);
    run.pipeline = pipeline;
    run.acted = FALSE;
    run.timeouts = 0;
    g_mutex_unlock (&run.lock);

    ret = gst_element_set_state (pipeline, GST_STATE_PLAYING);
    fail_if (ret == GST_STATE_CHANGE_FAILURE);
    playing_at = g_get_monotonic_time ();
    maybe_push_buffer (pipeline, i);

    switch (mode) {
      case MODE_NULL_AROUND_FIRING:
        /* 0 to 2 ms after PLAYING, in 40 us steps: the 1 ms deadline is
         * hit before, at and after its firing */
        spin_until (playing_at + (i % 50) * 40);
        set_null (&run, pipeline);
        break;
      case MODE_NULL_AFTER_TIMEOUT_POSTED:
      case MODE_UNREF_AFTER_TIMEOUT_POSTED:
        /* the timer callback may still be carrying out its action */
        wait_for_timeout (&run, i, action);
        set_null (&run, pipeline);
        break;
      case MODE_NULL_IN_SYNC_HANDLER:
      case MODE_RESTART_AFTER_EOS_ACTION:
        wait_for_timeout (&run, i, action);
        fail_unless_equals_int (GST_STATE (pipeline), GST_STATE_NULL);
        set_null (&run, pipeline);
        break;
      case MODE_ASYNC_NULL_FROM_SYNC_HANDLER:
        wait_for_timeout (&run, i, action);
        wait_for_async_null (&run, i + 1);
        fail_unless_equals_int (GST_STATE (pipeline), GST_STATE_NULL);
        set_null (&run, pipeline);
        break;
    }

    if (recreate_each || (mode == MODE_NULL_AROUND_FIRING &&
            (i + 1) % REUSE == 0)) {
      /* this may not be the last reference to the watchdog: the clock's
       * thread or a pending asynchronous call can hold one */
      gst_object_unref (pipeline);
      pipeline = NULL;
    }
  }
  if (pipeline != NULL) {
    set_null (&run, pipeline);
    gst_object_unref (pipeline);
  }
  run.iterations = i;

  /* everything created is finalized, wherever its last reference went */
  {
    gint64 deadline = g_get_monotonic_time () +
        FIRE_WAIT_SECONDS * G_TIME_SPAN_SECOND;

    g_mutex_lock (&run.lock);
    while (run.finalized < run.created)
      fail_unless (g_cond_wait_until (&run.cond, &run.lock, deadline),
          "%d of %d pipelines/watchdogs never finalized",
          run.created - run.finalized, run.created);
    g_mutex_unlock (&run.lock);
  }

  g_print ("stress: %s: %u iterations, %d timeouts, %.1f s\n",
      mode_name (mode), run.iterations, run.timeouts_total,
      (g_get_monotonic_time () - start) / 1e6);
  fail_unless (run.iterations >= 10, "only %u iterations", run.iterations);
  /* the other modes waited for a timeout in every iteration; here, over
   * thousands of tries, some got as far as firing */
  fail_unless (run.timeouts_total > 0);
  /* a pipeline taken to NULL stays there quietly: nothing the watchdog was
   * doing when it fired (posting an error, queueing EOS) may turn a later
   * set_state (NULL) into a failure */
  fail_unless (run.null_failures == 0, "%d of %u set_state (NULL) did not "
      "return SUCCESS", run.null_failures, run.iterations);

  g_cond_clear (&run.cond);
  g_mutex_clear (&run.lock);
}

GST_START_TEST (test_null_around_the_moment_of_firing)
{
  run_stress (MODE_NULL_AROUND_FIRING);
}

GST_END_TEST;

GST_START_TEST (test_null_right_after_timeout_posted)
{
  run_stress (MODE_NULL_AFTER_TIMEOUT_POSTED);
}

GST_END_TEST;

GST_START_TEST (test_null_from_sync_handler_of_timeout)
{
  run_stress (MODE_NULL_IN_SYNC_HANDLER);
}

GST_END_TEST;

GST_START_TEST (test_async_null_from_sync_handler_of_timeout)
{
  run_stress (MODE_ASYNC_NULL_FROM_SYNC_HANDLER);
}

GST_END_TEST;

GST_START_TEST (test_last_unref_right_after_timeout_posted)
{
  run_stress (MODE_UNREF_AFTER_TIMEOUT_POSTED);
}

GST_END_TEST;

/* An application that restarts its pipeline (NULL, then PLAYING) as soon as
 * the watchdog reports a timeout: with action=eos, the EOS of the old run
 * must not leak into the new one, which must time out again. */
GST_START_TEST (test_restart_after_eos_action_times_out_again)
{
  run_stress (MODE_RESTART_AFTER_EOS_ACTION);
}

GST_END_TEST;

static Suite *
stress_suite (void)
{
  Suite *s = suite_create ("stress");
  TCase *tc = tcase_create ("teardown");

  suite_add_tcase (s, tc);
  /* the duration is the test's own; this only catches a hang (the run, its
   * last waits for a timeout and for finalization, under a sanitizer) */
  tcase_set_timeout (tc, (gint) (stress_seconds () * 2 +
          3 * FIRE_WAIT_SECONDS + 30));
  tcase_add_test (tc, test_null_around_the_moment_of_firing);
  tcase_add_test (tc, test_null_right_after_timeout_posted);
  tcase_add_test (tc, test_null_from_sync_handler_of_timeout);
  tcase_add_test (tc, test_async_null_from_sync_handler_of_timeout);
  tcase_add_test (tc, test_last_unref_right_after_timeout_posted);
  tcase_add_test (tc, test_restart_after_eos_action_times_out_again);
  return s;
}

GST_CHECK_MAIN (stress);
