/* gst-idlewatchdog: the session runner's metrics and their Prometheus text
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The counters are process-wide and only grow, so the tests assert the
 * difference between a snapshot taken before and one taken after. Sessions
 * run in real time; nothing sleeps for a duration: every wait is on a
 * condition, with a generous bound that fails rather than hangs.
 */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "../common/idw-check.h"

#include <gst/idlewatchdog/idlewatchdog.h>

#include "session-check.h"

#define SILENT "appsrc is-live=true ! idlewatchdog timeout=50 ! " \
  "fakesink async=false"
#define FOREVER "appsrc is-live=true ! fakesink async=false"
#define ENDS_WITH_EOS "fakesrc num-buffers=3 ! fakesink"
#define ENDS_WITH_ERROR "filesrc location=/nonexistent/iwd-metrics ! fakesink"
/* the valve drops the EOS of the drain: it never reaches the sink */
#define NEVER_DRAINS "appsrc is-live=true ! valve drop=true ! " \
  "fakesink async=false"
/* a sink that never finishes the EOS: its queue is full and nobody pulls,
 * so the EOS waits behind the streaming thread blocked in it */
#define SINK_NEVER_FINISHES "fakesrc is-live=true ! " \
  "appsink max-buffers=1 drop=false sync=false"

/* ------------------------------------------------------------------------ */
/* helpers                                                                  */

static GstIdleWatchdogMetrics *
snapshot (void)
{
  GstIdleWatchdogMetrics *m = gst_idle_watchdog_metrics_get_snapshot ();

  fail_unless (m != NULL);
  return m;
}

#define ASSERT_DELTA(before, after, field, expected)                    \
  fail_unless ((after)->field - (before)->field == (guint64) (expected), \
      #field " moved by %" G_GINT64_FORMAT ", expected %d",             \
      (gint64) ((after)->field - (before)->field), (gint) (expected))

/* The sessions started and finished between @before and @after, by cause */
static void
assert_sessions (const GstIdleWatchdogMetrics * before,
    const GstIdleWatchdogMetrics * after, guint started, guint alive,
    guint timeout, guint error, guint eos, guint stopped)
{
  ASSERT_DELTA (before, after, sessions_started, started);
  ASSERT_DELTA (before, after, sessions_alive, alive);
  ASSERT_DELTA (before, after, sessions_ended_timeout, timeout);
  ASSERT_DELTA (before, after, sessions_ended_error, error);
  ASSERT_DELTA (before, after, sessions_ended_eos, eos);
  ASSERT_DELTA (before, after, sessions_ended_stopped, stopped);
}

static GstIdleWatchdogSession *
session_new (const gchar * id, const gchar * desc, guint n_pipelines,
    GstClockTime stop_timeout)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new (id, 0);
  GError *err = NULL;
  guint i;

  for (i = 0; i < n_pipelines; i++) {
    fail_unless (gst_idle_watchdog_session_add_description (s, NULL, desc,
            &err) == (gint) i);
    g_assert_no_error (err);
  }
  gst_idle_watchdog_session_set_stop_timeout (s, stop_timeout);
  return s;
}

/* Waits until every pipeline of @s is PLAYING: a pipeline stopped before
 * it got there is not drained */
static void
wait_for_all_playing (GstIdleWatchdogSession * s)
{
  guint i;

  for (i = 0; i < gst_idle_watchdog_session_get_n_pipelines (s); i++)
    wait_for_playing (s, i);
}

static GstPadProbeReturn
count_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  g_atomic_int_inc ((gint *) data);
  return GST_PAD_PROBE_OK;
}

/* Waits (at most 10 s) until the appsink holds a buffer and its streaming
 * thread is blocked pushing the next one */
static void
wait_for_blocked_sink (gint * n_buffers)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (g_atomic_int_get (n_buffers) < 2 && g_get_monotonic_time () < end)
    g_thread_yield ();
  fail_unless (g_atomic_int_get (n_buffers) >= 2, "the sink never blocked");
}

static void
probe_sink (GstIdleWatchdogSession * s, gint * n_buffers)
{
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, 0);
  GstElement *sink = NULL;
  GstIterator *it = gst_bin_iterate_sinks (GST_BIN (p));
  GValue item = G_VALUE_INIT;
  GstPad *pad;

  fail_unless_equals_int (gst_iterator_next (it, &item), GST_ITERATOR_OK);
  sink = g_value_dup_object (&item);
  g_value_unset (&item);
  gst_iterator_free (it);
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer, n_buffers,
      NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
  gst_object_unref (p);
}

static gpointer
stop_thread (gpointer data)
{
  gst_idle_watchdog_session_stop (data);
  return NULL;
}

/* Waits (at most 10 s) for the pipelines-alive gauge to come down to
 * @expected: a session freed in a pool thread releases them there */
static void
wait_for_pipelines_alive (guint64 expected)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  GstIdleWatchdogMetrics *m;

  for (;;) {
    m = snapshot ();
    if (m->pipelines_alive == expected || g_get_monotonic_time () >= end)
      break;
    gst_idle_watchdog_metrics_free (m);
    g_thread_yield ();
  }
  fail_unless (m->pipelines_alive == expected,
      "pipelines alive: %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
      m->pipelines_alive, expected);
  gst_idle_watchdog_metrics_free (m);
}

/* g_regex_match() that frees the match info of the previous try, which
 * it makes even when it does not match */
static gboolean
matches (GRegex * regex, const gchar * line, GMatchInfo ** mi)
{
  g_clear_pointer (mi, g_match_info_free);
  return g_regex_match (regex, line, 0, mi);
}

/* Checks the text exposition format 0.0.4 line by line: every line is a
 * `# HELP name text` or `# TYPE name counter|gauge` comment, or a sample
 * `name{label="value",...} value` of the family announced just before; a
 * counter's name ends in _total; the text ends with a line feed. Returns
 * the number of samples. */
static guint
check_exposition_format (const gchar * text)
{
  GRegex *help = g_regex_new ("^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) "
      "([^\\\\\\n]|\\\\\\\\|\\\\n)*$", 0, 0, NULL);
  GRegex *type = g_regex_new ("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) "
      "(counter|gauge)$", 0, 0, NULL);
  GRegex *sample = g_regex_new ("^([a-zA-Z_:][a-zA-Z0-9_:]*)"
      "(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\""
      "(,[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\")*\\})? "
      "[0-9]+$", 0, 0, NULL);
  gchar **lines, **l;
  gchar *family = NULL, *family_type = NULL;
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  guint n_samples = 0;

  fail_unless (g_str_has_suffix (text, "\n"), "no final line feed");
  lines = g_strsplit (text, "\n", -1);
  /* the split leaves an empty string after the final line feed */
  for (l = lines; l[1]; l++) {
    GMatchInfo *mi = NULL;

    if (matches (help, *l, &mi)) {
      g_free (family);
      family = g_match_info_fetch (mi, 1);
      g_clear_pointer (&family_type, g_free);
      fail_unless (g_hash_table_add (seen, g_strdup (family)),
          "family %s announced twice", family);
    } else if (matches (type, *l, &mi)) {
      gchar *name = g_match_info_fetch (mi, 1);

      fail_unless (family != NULL && strcmp (name, family) == 0 &&
          family_type == NULL, "TYPE line out of place: %s", *l);
      family_type = g_match_info_fetch (mi, 2);
      if (strcmp (family_type, "counter") == 0)
        fail_unless (g_str_has_suffix (family, "_total"),
            "counter %s is not named _total", family);
      g_free (name);
    } else if (matches (sample, *l, &mi)) {
      gchar *name = g_match_info_fetch (mi, 1);

      fail_unless (family_type != NULL && strcmp (name, family) == 0,
          "sample outside its family: %s", *l);
      g_free (name);
      n_samples++;
    } else {
      fail ("not a comment nor a sample: \"%s\"", *l);
    }
    g_match_info_free (mi);
  }
  g_strfreev (lines);
  g_free (family);
  g_free (family_type);
  g_hash_table_unref (seen);
  g_regex_unref (help);
  g_regex_unref (type);
  g_regex_unref (sample);
  return n_samples;
}

/* The value of one sample line of @text (`name` or `name{...}` followed by
 * a space) */
static guint64
sample_value (const gchar * text, const gchar * name_and_labels)
{
  gchar *needle = g_strdup_printf ("\n%s ", name_and_labels);
  const gchar *p = strstr (text, needle);

  fail_unless (p != NULL, "no sample %s", name_and_labels);
  p += strlen (needle);
  g_free (needle);
  return g_ascii_strtoull (p, NULL, 10);
}

/* ------------------------------------------------------------------------ */
/* The text                                                                 */

static const gchar expected_text[] =
    "# HELP idlewatchdog_sessions_started_total Sessions whose pipeline "
    "threads the session runner started.\n"
    "# TYPE idlewatchdog_sessions_started_total counter\n"
    "idlewatchdog_sessions_started_total 17\n"
    "# HELP idlewatchdog_sessions_alive Sessions started whose pipeline "
    "threads have not all returned.\n"
    "# TYPE idlewatchdog_sessions_alive gauge\n"
    "idlewatchdog_sessions_alive 2\n"
    "# HELP idlewatchdog_sessions_ended_total Sessions started that have "
    "finished (every thread returned), by the cause that ended them.\n"
    "# TYPE idlewatchdog_sessions_ended_total counter\n"
    "idlewatchdog_sessions_ended_total{cause=\"timeout\"} 9\n"
    "idlewatchdog_sessions_ended_total{cause=\"error\"} 1\n"
    "idlewatchdog_sessions_ended_total{cause=\"eos\"} 2\n"
    "idlewatchdog_sessions_ended_total{cause=\"stopped\"} 3\n"
    "# HELP idlewatchdog_pipelines_alive Pipelines held by sessions (added, "
    "not yet released with their session).\n"
    "# TYPE idlewatchdog_pipelines_alive gauge\n"
    "idlewatchdog_pipelines_alive 8\n"
    "# HELP idlewatchdog_pipeline_threads_started_total Pipeline threads "
    "started.\n"
    "# TYPE idlewatchdog_pipeline_threads_started_total counter\n"
    "idlewatchdog_pipeline_threads_started_total 68\n"
    "# HELP idlewatchdog_pipeline_threads_joined_total Pipeline threads "
    "joined.\n"
    "# TYPE idlewatchdog_pipeline_threads_joined_total counter\n"
    "idlewatchdog_pipeline_threads_joined_total 60\n"
    "# HELP idlewatchdog_pipeline_drains_total Pipelines sent EOS, with the "
    "stop timeout as a bound, when their session ended.\n"
    "# TYPE idlewatchdog_pipeline_drains_total counter\n"
    "idlewatchdog_pipeline_drains_total 41\n"
    "# HELP idlewatchdog_pipeline_drains_forced_total Drains that hit the "
    "stop timeout: the pipeline was set to NULL without posting EOS or "
    "ERROR.\n"
    "# TYPE idlewatchdog_pipeline_drains_forced_total counter\n"
    "idlewatchdog_pipeline_drains_forced_total 18446744073709551615\n";

GST_START_TEST (test_prometheus_text_of_known_counts_is_exact)
{
  GstIdleWatchdogMetrics m = { 0, };
  gchar *text;

  m.sessions_started = 17;
  m.sessions_alive = 2;
  m.sessions_ended_timeout = 9;
  m.sessions_ended_error = 1;
  m.sessions_ended_eos = 2;
  m.sessions_ended_stopped = 3;
  m.pipelines_alive = 8;
  m.threads_started = 68;
  m.threads_joined = 60;
  m.drains = 41;
  m.drains_forced = G_MAXUINT64;
  text = gst_idle_watchdog_metrics_to_prometheus (&m);
  fail_unless_equals_string (text, expected_text);
  /* 7 families of one sample, one of four */
  fail_unless_equals_int (check_exposition_format (text), 11);
  g_free (text);
}

GST_END_TEST;

GST_START_TEST (test_rendered_text_is_the_current_snapshot)
{
  GstIdleWatchdogSession *s = session_new ("render", ENDS_WITH_EOS, 1,
      GST_SECOND);
  GstIdleWatchdogMetrics *m;
  gchar *text;

  /* something to count (every test runs in its own process) */
  start (s);
  gst_idle_watchdog_session_join (s);
  g_object_unref (s);

  m = snapshot ();
  text = gst_idle_watchdog_metrics_render_prometheus ();
  fail_unless_equals_int (check_exposition_format (text), 11);
  fail_unless (m->sessions_started >= 1 && m->sessions_ended_eos >= 1);
  fail_unless (sample_value (text, "idlewatchdog_sessions_started_total") ==
      m->sessions_started);
  fail_unless (sample_value (text, "idlewatchdog_sessions_alive") ==
      m->sessions_alive);
  fail_unless (sample_value (text,
          "idlewatchdog_sessions_ended_total{cause=\"eos\"}") ==
      m->sessions_ended_eos);
  fail_unless (sample_value (text,
          "idlewatchdog_pipeline_threads_joined_total") == m->threads_joined);
  g_free (text);
  gst_idle_watchdog_metrics_free (m);
}

GST_END_TEST;

GST_START_TEST (test_snapshot_copy_and_cause_getter)
{
  GstIdleWatchdogMetrics m = { 0, }, *copy;

  m.sessions_ended_timeout = 1;
  m.sessions_ended_error = 2;
  m.sessions_ended_eos = 3;
  m.sessions_ended_stopped = 4;
  copy = gst_idle_watchdog_metrics_copy (&m);
  fail_unless (memcmp (copy, &m, sizeof (m)) == 0);
  fail_unless (gst_idle_watchdog_metrics_get_sessions_ended (copy,
          GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT) == 1);
  fail_unless (gst_idle_watchdog_metrics_get_sessions_ended (copy,
          GST_IDLE_WATCHDOG_SESSION_END_ERROR) == 2);
  fail_unless (gst_idle_watchdog_metrics_get_sessions_ended (copy,
          GST_IDLE_WATCHDOG_SESSION_END_EOS) == 3);
  fail_unless (gst_idle_watchdog_metrics_get_sessions_ended (copy,
          GST_IDLE_WATCHDOG_SESSION_END_STOPPED) == 4);
  fail_unless (G_TYPE_IS_BOXED (GST_TYPE_IDLE_WATCHDOG_METRICS));
  gst_idle_watchdog_metrics_free (copy);
}

GST_END_TEST;

GST_START_TEST (test_bad_arguments_are_refused)
{
  GstIdleWatchdogMetrics m = { 0, };

  ASSERT_CRITICAL (fail_unless (gst_idle_watchdog_metrics_to_prometheus
          (NULL) == NULL));
  ASSERT_CRITICAL (fail_unless (gst_idle_watchdog_metrics_copy (NULL) ==
          NULL));
  ASSERT_CRITICAL (gst_idle_watchdog_metrics_free (NULL));
  ASSERT_CRITICAL (fail_unless (gst_idle_watchdog_metrics_get_sessions_ended
          (NULL, GST_IDLE_WATCHDOG_SESSION_END_EOS) == 0));
  ASSERT_CRITICAL (fail_unless (gst_idle_watchdog_metrics_get_sessions_ended
          (&m, GST_IDLE_WATCHDOG_SESSION_END_NONE) == 0));
  ASSERT_CRITICAL (fail_unless (gst_idle_watchdog_metrics_get_sessions_ended
          (&m, (GstIdleWatchdogSessionEnd) 99) == 0));
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* The counts                                                               */

/* Counted before join() returns: nothing to wait for but the join */
GST_START_TEST (test_counts_are_final_when_join_returns)
{
  GstIdleWatchdogMetrics *before = snapshot (), *during, *after, *freed;
  GstIdleWatchdogSession *s = session_new ("one", ENDS_WITH_EOS, 2,
      GST_SECOND);

  during = snapshot ();
  ASSERT_DELTA (before, during, pipelines_alive, 2);
  gst_idle_watchdog_metrics_free (during);

  start (s);
  fail_unless_equals_int (gst_idle_watchdog_session_join (s)->end,
      GST_IDLE_WATCHDOG_SESSION_END_EOS);
  after = snapshot ();
  assert_sessions (before, after, 1, 0, 0, 0, 1, 0);
  ASSERT_DELTA (before, after, threads_started, 2);
  ASSERT_DELTA (before, after, threads_joined, 2);
  /* still held by the session */
  ASSERT_DELTA (before, after, pipelines_alive, 2);

  g_object_unref (s);
  freed = snapshot ();
  ASSERT_DELTA (before, freed, pipelines_alive, 0);
  gst_idle_watchdog_metrics_free (before);
  gst_idle_watchdog_metrics_free (after);
  gst_idle_watchdog_metrics_free (freed);
}

GST_END_TEST;

GST_START_TEST (test_alive_counts_a_running_session)
{
  GstIdleWatchdogSession *s = session_new ("alive", FOREVER, 3, GST_SECOND);
  GstIdleWatchdogMetrics *before = snapshot (), *running, *after;

  start (s);
  wait_for_all_playing (s);
  running = snapshot ();
  assert_sessions (before, running, 1, 1, 0, 0, 0, 0);
  ASSERT_DELTA (before, running, threads_started, 3);
  ASSERT_DELTA (before, running, threads_joined, 0);

  gst_idle_watchdog_session_stop (s);
  gst_idle_watchdog_session_join (s);
  after = snapshot ();
  assert_sessions (before, after, 1, 0, 0, 0, 0, 1);
  ASSERT_DELTA (before, after, threads_joined, 3);
  /* each of the three was PLAYING, drained with EOS, in time */
  ASSERT_DELTA (before, after, drains, 3);
  ASSERT_DELTA (before, after, drains_forced, 0);
  g_object_unref (s);
  gst_idle_watchdog_metrics_free (before);
  gst_idle_watchdog_metrics_free (running);
  gst_idle_watchdog_metrics_free (after);
}

GST_END_TEST;

GST_START_TEST (test_sessions_that_never_ran_are_not_counted)
{
  GstIdleWatchdogSession *stopped = session_new ("stopped", FOREVER, 1,
      GST_SECOND);
  GstIdleWatchdogSession *empty = gst_idle_watchdog_session_new ("empty", 0);
  GstIdleWatchdogMetrics *before = snapshot (), *after;
  GError *err = NULL;

  gst_idle_watchdog_session_stop (stopped);
  fail_if (gst_idle_watchdog_session_start (empty, &err));
  g_clear_error (&err);
  after = snapshot ();
  assert_sessions (before, after, 0, 0, 0, 0, 0, 0);
  ASSERT_DELTA (before, after, threads_started, 0);
  g_object_unref (stopped);
  g_object_unref (empty);
  wait_for_pipelines_alive (before->pipelines_alive - 1);
  gst_idle_watchdog_metrics_free (before);
  gst_idle_watchdog_metrics_free (after);
}

GST_END_TEST;

/* Many sessions at once, each ending by one cause, the stops from threads
 * of their own: the deltas are exact */
#define ROUNDS 4

typedef enum
{
  BY_TIMEOUT,
  BY_ERROR,
  BY_EOS,
  BY_STOP,
  BY_FORCED_VALVE,
  BY_FORCED_SINK,
  N_KINDS
} Kind;

GST_START_TEST (test_counts_by_cause_are_exact_under_concurrency)
{
  static const struct
  {
    const gchar *desc;
    guint n_pipelines;
    GstIdleWatchdogSessionEnd end;
  } kinds[N_KINDS] = {
    [BY_TIMEOUT] = {SILENT, 1, GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT},
    [BY_ERROR] = {ENDS_WITH_ERROR, 1, GST_IDLE_WATCHDOG_SESSION_END_ERROR},
    [BY_EOS] = {ENDS_WITH_EOS, 1, GST_IDLE_WATCHDOG_SESSION_END_EOS},
    [BY_STOP] = {FOREVER, 3, GST_IDLE_WATCHDOG_SESSION_END_STOPPED},
    [BY_FORCED_VALVE] = {NEVER_DRAINS, 1,
        GST_IDLE_WATCHDOG_SESSION_END_STOPPED},
    [BY_FORCED_SINK] = {SINK_NEVER_FINISHES, 1,
        GST_IDLE_WATCHDOG_SESSION_END_STOPPED},
  };
  GstIdleWatchdogSession *s[ROUNDS][N_KINDS];
  gint n_buffers[ROUNDS] = { 0, };
  GThread *stoppers[ROUNDS][N_KINDS] = { {NULL,}, };
  GstIdleWatchdogMetrics *before, *after;
  guint r, k, n_threads = 0;

  before = snapshot ();
  for (r = 0; r < ROUNDS; r++) {
    for (k = 0; k < N_KINDS; k++) {
      gchar *id = g_strdup_printf ("r%u-k%u", r, k);

      /* a short bound for the drains that cannot finish */
      s[r][k] = session_new (id, kinds[k].desc, kinds[k].n_pipelines,
          k >= BY_FORCED_VALVE ? 100 * GST_MSECOND : 10 * GST_SECOND);
      n_threads += kinds[k].n_pipelines;
      g_free (id);
    }
    probe_sink (s[r][BY_FORCED_SINK], &n_buffers[r]);
  }
  for (r = 0; r < ROUNDS; r++)
    for (k = 0; k < N_KINDS; k++)
      start (s[r][k]);
  /* the stopped ones once they play (a pipeline stopped earlier is not
   * drained), each from a thread of its own */
  for (r = 0; r < ROUNDS; r++) {
    for (k = BY_STOP; k < N_KINDS; k++) {
      wait_for_all_playing (s[r][k]);
      if (k == BY_FORCED_SINK)
        wait_for_blocked_sink (&n_buffers[r]);
      stoppers[r][k] = g_thread_new ("stopper", stop_thread, s[r][k]);
    }
  }
  for (r = 0; r < ROUNDS; r++) {
    for (k = 0; k < N_KINDS; k++) {
      fail_unless_equals_int (gst_idle_watchdog_session_join (s[r][k])->end,
          kinds[k].end);
      if (stoppers[r][k])
        g_thread_join (stoppers[r][k]);
      g_object_unref (s[r][k]);
    }
  }

  after = snapshot ();
  assert_sessions (before, after, ROUNDS * N_KINDS, 0, ROUNDS, ROUNDS,
      ROUNDS, 3 * ROUNDS);
  ASSERT_DELTA (before, after, threads_started, n_threads);
  ASSERT_DELTA (before, after, threads_joined, n_threads);
  /* drained: the timed-out pipeline (PLAYING, its EOS reaches the sink),
   * the three stopped ones, the two that cannot drain; not the ones that
   * posted EOS or ERROR themselves */
  ASSERT_DELTA (before, after, drains, ROUNDS * (1 + 3 + 1 + 1));
  ASSERT_DELTA (before, after, drains_forced, ROUNDS * 2);
  gst_idle_watchdog_metrics_free (after);
  wait_for_pipelines_alive (before->pipelines_alive);
  gst_idle_watchdog_metrics_free (before);
}

GST_END_TEST;

GST_START_TEST (test_managed_sessions_are_counted_once)
{
  GstIdleWatchdogSessionManager *m = gst_idle_watchdog_session_manager_new ();
  GstIdleWatchdogMetrics *before = snapshot (), *after;
  guint i;

  for (i = 0; i < 8; i++) {
    GstIdleWatchdogSession *s = session_new ("managed",
        i % 2 ? ENDS_WITH_EOS : FOREVER, 2, GST_SECOND);

    gst_idle_watchdog_session_manager_add (m, s);
    start (s);
    g_object_unref (s);
  }
  gst_idle_watchdog_session_manager_stop_all (m);
  gst_idle_watchdog_session_manager_wait_all (m);
  after = snapshot ();
  ASSERT_DELTA (before, after, sessions_started, 8);
  ASSERT_DELTA (before, after, sessions_alive, 0);
  fail_unless (after->sessions_ended_eos - before->sessions_ended_eos +
      after->sessions_ended_stopped - before->sessions_ended_stopped == 8);
  ASSERT_DELTA (before, after, threads_joined, 16);
  g_object_unref (m);
  wait_for_pipelines_alive (before->pipelines_alive);
  gst_idle_watchdog_metrics_free (before);
  gst_idle_watchdog_metrics_free (after);
}

GST_END_TEST;

static Suite *
metrics_suite (void)
{
  Suite *s = suite_create ("metrics");
  TCase *tc_text = tcase_create ("text");
  TCase *tc_counts = tcase_create ("counts");

  idw_check_watch_own_log_domains ();

  suite_add_tcase (s, tc_text);
  tcase_add_test (tc_text, test_prometheus_text_of_known_counts_is_exact);
  tcase_add_test (tc_text, test_rendered_text_is_the_current_snapshot);
  tcase_add_test (tc_text, test_snapshot_copy_and_cause_getter);
  tcase_add_test (tc_text, test_bad_arguments_are_refused);

  suite_add_tcase (s, tc_counts);
  tcase_set_timeout (tc_counts, 120);
  tcase_add_test (tc_counts, test_counts_are_final_when_join_returns);
  tcase_add_test (tc_counts, test_alive_counts_a_running_session);
  tcase_add_test (tc_counts, test_sessions_that_never_ran_are_not_counted);
  tcase_add_test (tc_counts, test_counts_by_cause_are_exact_under_concurrency);
  tcase_add_test (tc_counts, test_managed_sessions_are_counted_once);
  return s;
}

GST_CHECK_MAIN (metrics);
