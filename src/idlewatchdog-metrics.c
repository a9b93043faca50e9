/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:idlewatchdog-metrics
 * @title: GstIdleWatchdogMetrics
 * @short_description: the session runner's counters, and their Prometheus
 *   text exposition
 *
 * The session runner keeps process-wide counts of every session it runs
 * (sessions started, alive and ended by cause, pipelines held, pipeline
 * threads started and joined, drains and the drains that hit the stop
 * timeout), the numbers an operator graphs to see sessions leak. Each is
 * one atomic integer: counting takes no lock and costs nothing per buffer.
 *
 * gst_idle_watchdog_metrics_get_snapshot() copies them into a
 * #GstIdleWatchdogMetrics; gst_idle_watchdog_metrics_render_prometheus()
 * renders them in the Prometheus text exposition format (version 0.0.4),
 * ready to serve on an HTTP endpoint with the content type
 * #GST_IDLE_WATCHDOG_METRICS_PROMETHEUS_CONTENT_TYPE:
 *
 * |[<!-- language="C" -->
 * gchar *text = gst_idle_watchdog_metrics_render_prometheus ();
 *
 * send_http_response (client, 200,
 *     GST_IDLE_WATCHDOG_METRICS_PROMETHEUS_CONTENT_TYPE, text);
 * g_free (text);
 * ]|
 *
 * Since: 0.1
 */
#include "idlewatchdog-metrics-private.h"

/* pointer-sized, so that GLib's atomics apply (64 bits on 64-bit systems) */
static gsize counters[IDW_N_METRICS];

G_DEFINE_BOXED_TYPE (GstIdleWatchdogMetrics, gst_idle_watchdog_metrics,
    gst_idle_watchdog_metrics_copy, gst_idle_watchdog_metrics_free);

void
idw_metrics_add (IdwMetric metric, gint delta)
{
  g_return_if_fail (metric < IDW_N_METRICS);

  g_atomic_pointer_add (&counters[metric], (gssize) delta);
}

void
idw_metrics_session_finished (GstIdleWatchdogSessionEnd end)
{
  static const IdwMetric by_end[] = {
    [GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT] = IDW_METRIC_SESSIONS_ENDED_TIMEOUT,
    [GST_IDLE_WATCHDOG_SESSION_END_ERROR] = IDW_METRIC_SESSIONS_ENDED_ERROR,
    [GST_IDLE_WATCHDOG_SESSION_END_EOS] = IDW_METRIC_SESSIONS_ENDED_EOS,
    [GST_IDLE_WATCHDOG_SESSION_END_STOPPED] = IDW_METRIC_SESSIONS_ENDED_STOPPED,
  };

  g_return_if_fail (end > GST_IDLE_WATCHDOG_SESSION_END_NONE &&
      end < G_N_ELEMENTS (by_end));

  /* ended first: a concurrent snapshot sees the session twice at most,
   * never missing (gst_idle_watchdog_metrics_get_snapshot()) */
  idw_metrics_add (by_end[end], 1);
  idw_metrics_add (IDW_METRIC_SESSIONS_ALIVE, -1);
}

static guint64
counter_get (IdwMetric metric)
{
  return g_atomic_pointer_get (&counters[metric]);
}

/**
 * gst_idle_watchdog_metrics_get_snapshot:
 *
 * Reads the session runner's process-wide counters. Thread-safe, takes no
 * lock.
 *
 * Returns: (transfer full): the current counts; free them with
 * gst_idle_watchdog_metrics_free()
 *
 * Since: 0.1
 */
GstIdleWatchdogMetrics *
gst_idle_watchdog_metrics_get_snapshot (void)
{
  GstIdleWatchdogMetrics *m = g_new0 (GstIdleWatchdogMetrics, 1);

  /* alive before ended (a session finishing meanwhile, ended + 1 then
   * alive - 1, is seen twice rather than not at all), started last (a
   * session counted alive was counted started before) */
  m->sessions_alive = counter_get (IDW_METRIC_SESSIONS_ALIVE);
  m->sessions_ended_timeout = counter_get (IDW_METRIC_SESSIONS_ENDED_TIMEOUT);
  m->sessions_ended_error = counter_get (IDW_METRIC_SESSIONS_ENDED_ERROR);
  m->sessions_ended_eos = counter_get (IDW_METRIC_SESSIONS_ENDED_EOS);
  m->sessions_ended_stopped = counter_get (IDW_METRIC_SESSIONS_ENDED_STOPPED);
  m->sessions_started = counter_get (IDW_METRIC_SESSIONS_STARTED);
  m->threads_joined = counter_get (IDW_METRIC_THREADS_JOINED);
  m->threads_started = counter_get (IDW_METRIC_THREADS_STARTED);
  m->pipelines_alive = counter_get (IDW_METRIC_PIPELINES_ALIVE);
  m->drains_forced = counter_get (IDW_METRIC_DRAINS_FORCED);
  m->drains = counter_get (IDW_METRIC_DRAINS);
  return m;
}

/**
 * gst_idle_watchdog_metrics_copy:
 * @metrics: a snapshot
 *
 * Returns: (transfer full): a copy of @metrics
 *
 * Since: 0.1
 */
GstIdleWatchdogMetrics *
gst_idle_watchdog_metrics_copy (const GstIdleWatchdogMetrics * metrics)
{
  g_return_val_if_fail (metrics != NULL, NULL);

  return g_memdup2 (metrics, sizeof (*metrics));
}

/**
 * gst_idle_watchdog_metrics_free:
 * @metrics: (transfer full): a snapshot
 *
 * Frees a snapshot.
 *
 * Since: 0.1
 */
void
gst_idle_watchdog_metrics_free (GstIdleWatchdogMetrics * metrics)
{
  g_return_if_fail (metrics != NULL);

  g_free (metrics);
}

/**
 * gst_idle_watchdog_metrics_get_sessions_ended:
 * @metrics: a snapshot
 * @end: a cause other than %GST_IDLE_WATCHDOG_SESSION_END_NONE
 *
 * Returns: how many sessions of @metrics had finished after @end (the
 * field of @metrics for that cause), or 0 with a critical warning for a
 * value that is not a cause
 *
 * Since: 0.1
 */
guint64
gst_idle_watchdog_metrics_get_sessions_ended (const GstIdleWatchdogMetrics *
    metrics, GstIdleWatchdogSessionEnd end)
{
  g_return_val_if_fail (metrics != NULL, 0);

  switch (end) {
    case GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT:
      return metrics->sessions_ended_timeout;
    case GST_IDLE_WATCHDOG_SESSION_END_ERROR:
      return metrics->sessions_ended_error;
    case GST_IDLE_WATCHDOG_SESSION_END_EOS:
      return metrics->sessions_ended_eos;
    case GST_IDLE_WATCHDOG_SESSION_END_STOPPED:
      return metrics->sessions_ended_stopped;
    default:
      break;
  }
  g_return_val_if_reached (0);
}

/* ------------------------------------------------------------------------ */
/* Prometheus text exposition format 0.0.4                                  */

/* In HELP text: backslash and line feed; in a label value, also the
 * double quote */
static void
append_escaped (GString * out, const gchar * text, gboolean label_value)
{
  const gchar *p;

  for (p = text; *p; p++) {
    if (*p == '\\')
      g_string_append (out, "\\\\");
    else if (*p == '\n')
      g_string_append (out, "\\n");
    else if (*p == '"' && label_value)
      g_string_append (out, "\\\"");
    else
      g_string_append_c (out, *p);
  }
}

static void
append_header (GString * out, const gchar * name, const gchar * type,
    const gchar * help)
{
  g_string_append_printf (out, "# HELP %s ", name);
  append_escaped (out, help, FALSE);
  g_string_append_printf (out, "\n# TYPE %s %s\n", name, type);
}

static void
append_sample (GString * out, const gchar * name, const gchar * label,
    const gchar * label_value, guint64 value)
{
  g_string_append (out, name);
  if (label) {
    g_string_append_printf (out, "{%s=\"", label);
    append_escaped (out, label_value, TRUE);
    g_string_append (out, "\"}");
  }
  g_string_append_printf (out, " %" G_GUINT64_FORMAT "\n", value);
}

typedef struct
{
  const gchar *name;
  const gchar *type;
  const gchar *help;
  gsize offset;                 /* of the field, unless by_cause */
  gboolean by_cause;            /* one sample per GstIdleWatchdogSessionEnd */
} Family;

#define FIELD(f) G_STRUCT_OFFSET (GstIdleWatchdogMetrics, f)

static const Family families[] = {
  {"idlewatchdog_sessions_started_total", "counter",
      "Sessions whose pipeline threads the session runner started.",
      FIELD (sessions_started)},
  {"idlewatchdog_sessions_alive", "gauge",
      "Sessions started whose pipeline threads have not all returned.",
      FIELD (sessions_alive)},
  {"idlewatchdog_sessions_ended_total", "counter",
      "Sessions started that have finished (every thread returned), by "
      "the cause that ended them.", 0, TRUE},
  {"idlewatchdog_pipelines_alive", "gauge",
      "Pipelines held by sessions (added, not yet released with their "
      "session).", FIELD (pipelines_alive)},
  {"idlewatchdog_pipeline_threads_started_total", "counter",
      "Pipeline threads started.", FIELD (threads_started)},
  {"idlewatchdog_pipeline_threads_joined_total", "counter",
      "Pipeline threads joined.", FIELD (threads_joined)},
  {"idlewatchdog_pipeline_drains_total", "counter",
      "Pipelines sent EOS, with the stop timeout as a bound, when their "
      "session ended.", FIELD (drains)},
  {"idlewatchdog_pipeline_drains_forced_total", "counter",
      "Drains that hit the stop timeout: the pipeline was set to NULL "
      "without posting EOS or ERROR.", FIELD (drains_forced)},
};

/**
 * gst_idle_watchdog_metrics_to_prometheus:
 * @metrics: a snapshot
 *
 * Renders @metrics in the Prometheus text exposition format, version
 * 0.0.4 (content type #GST_IDLE_WATCHDOG_METRICS_PROMETHEUS_CONTENT_TYPE):
 * a `# HELP` and a `# TYPE` line before the samples of each metric,
 * counters named `..._total`, one sample of
 * `idlewatchdog_sessions_ended_total` per cause, with the label `cause` set
 * to the nick of its #GstIdleWatchdogSessionEnd (`timeout`, `error`, `eos`,
 * `stopped`), and a line feed after the last line. For 3 sessions started,
 * 1 alive, 2 ended by a timeout:
 *
 * |[
 * # HELP idlewatchdog_sessions_started_total Sessions whose pipeline threads the session runner started.
 * # TYPE idlewatchdog_sessions_started_total counter
 * idlewatchdog_sessions_started_total 3
 * # HELP idlewatchdog_sessions_alive Sessions started whose pipeline threads have not all returned.
 * # TYPE idlewatchdog_sessions_alive gauge
 * idlewatchdog_sessions_alive 1
 * # HELP idlewatchdog_sessions_ended_total Sessions started that have finished (every thread returned), by the cause that ended them.
 * # TYPE idlewatchdog_sessions_ended_total counter
 * idlewatchdog_sessions_ended_total{cause="timeout"} 2
 * idlewatchdog_sessions_ended_total{cause="error"} 0
 * ...
 * ]|
 *
 * Returns: (transfer full): the text; free it with g_free()
 *
 * Since: 0.1
 */
gchar *
gst_idle_watchdog_metrics_to_prometheus (const GstIdleWatchdogMetrics *
    metrics)
{
  GString *out;
  guint i;

  g_return_val_if_fail (metrics != NULL, NULL);

  out = g_string_sized_new (2048);
  for (i = 0; i < G_N_ELEMENTS (families); i++) {
    const Family *f = &families[i];

    append_header (out, f->name, f->type, f->help);
    if (f->by_cause) {
      GstIdleWatchdogSessionEnd end;

      for (end = GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT;
          end <= GST_IDLE_WATCHDOG_SESSION_END_STOPPED; end++)
        append_sample (out, f->name, "cause",
            gst_idle_watchdog_session_end_to_string (end),
            gst_idle_watchdog_metrics_get_sessions_ended (metrics, end));
    } else {
      append_sample (out, f->name, NULL, NULL,
          G_STRUCT_MEMBER (guint64, metrics, f->offset));
    }
  }
  return g_string_free (out, FALSE);
}

/**
 * gst_idle_watchdog_metrics_render_prometheus:
 *
 * Renders the current counts (gst_idle_watchdog_metrics_get_snapshot())
 * as gst_idle_watchdog_metrics_to_prometheus() does: what an HTTP
 * `/metrics` endpoint serves. Thread-safe.
 *
 * Returns: (transfer full): the text; free it with g_free()
 *
 * Since: 0.1
 */
gchar *
gst_idle_watchdog_metrics_render_prometheus (void)
{
  GstIdleWatchdogMetrics *m = gst_idle_watchdog_metrics_get_snapshot ();
  gchar *text = gst_idle_watchdog_metrics_to_prometheus (m);

  gst_idle_watchdog_metrics_free (m);
  return text;
}
