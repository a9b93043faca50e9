/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/idlewatchdog/idlewatchdog-prelude.h>
#include <gst/idlewatchdog/idlewatchdog-session.h>

G_BEGIN_DECLS

/**
 * GstIdleWatchdogMetrics:
 * @sessions_started: sessions whose pipeline threads
 *   gst_idle_watchdog_session_start() started (or began to start: a
 *   session whose thread could not be created counts, and ends with
 *   %GST_IDLE_WATCHDOG_SESSION_END_ERROR)
 * @sessions_alive: sessions started whose pipeline threads have not all
 *   returned yet (a gauge: a session that is stopping is still alive)
 * @sessions_ended_timeout: sessions started that have finished (every
 *   thread returned) after a watchdog timeout
 * @sessions_ended_error: ... after an ERROR, a failed state change or a
 *   thread that could not be created
 * @sessions_ended_eos: ... after an EOS a pipeline posted on its own
 * @sessions_ended_stopped: ... after gst_idle_watchdog_session_stop()
 * @pipelines_alive: pipelines the session runner holds: added to a session
 *   and not yet released with it (a gauge; a session the application never
 *   frees keeps its pipelines here)
 * @threads_started: pipeline threads started
 * @threads_joined: pipeline threads joined
 * @drains: pipelines sent EOS with a bounded wait when their session ended
 * @drains_forced: of those, the ones that did not post EOS or ERROR within
 *   the stop timeout and were set to NULL anyway
 *
 * A snapshot of the session runner's process-wide counters, for every
 * session of the process (managed or not). The counters only grow; the
 * gauges go up and down. @sessions_started is @sessions_alive plus the
 * four ended counts. Each field is read atomically, but not all of them at
 * the same instant: a snapshot taken while sessions start or finish may
 * be off by those sessions (a session finishing meanwhile is seen alive
 * and ended, never neither). A session stopped before it was started, or
 * started without any pipeline, never ran and is not counted.
 *
 * Get one with gst_idle_watchdog_metrics_get_snapshot(); render one with
 * gst_idle_watchdog_metrics_to_prometheus(), or the current counts with
 * gst_idle_watchdog_metrics_render_prometheus().
 *
 * Since: 0.1
 */
typedef struct
{
  guint64 sessions_started;
  guint64 sessions_alive;
  guint64 sessions_ended_timeout;
  guint64 sessions_ended_error;
  guint64 sessions_ended_eos;
  guint64 sessions_ended_stopped;
  guint64 pipelines_alive;
  guint64 threads_started;
  guint64 threads_joined;
  guint64 drains;
  guint64 drains_forced;

  /*< private >*/
  gpointer _gst_reserved[GST_PADDING];
} GstIdleWatchdogMetrics;

#define GST_TYPE_IDLE_WATCHDOG_METRICS (gst_idle_watchdog_metrics_get_type ())
GST_IDLE_WATCHDOG_API
GType gst_idle_watchdog_metrics_get_type (void);

GST_IDLE_WATCHDOG_API
GstIdleWatchdogMetrics * gst_idle_watchdog_metrics_get_snapshot (void);

GST_IDLE_WATCHDOG_API
GstIdleWatchdogMetrics * gst_idle_watchdog_metrics_copy (
    const GstIdleWatchdogMetrics * metrics);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_metrics_free (GstIdleWatchdogMetrics * metrics);

GST_IDLE_WATCHDOG_API
guint64 gst_idle_watchdog_metrics_get_sessions_ended (
    const GstIdleWatchdogMetrics * metrics, GstIdleWatchdogSessionEnd end);

GST_IDLE_WATCHDOG_API
gchar * gst_idle_watchdog_metrics_to_prometheus (
    const GstIdleWatchdogMetrics * metrics);

GST_IDLE_WATCHDOG_API
gchar * gst_idle_watchdog_metrics_render_prometheus (void);

/**
 * GST_IDLE_WATCHDOG_METRICS_PROMETHEUS_CONTENT_TYPE:
 *
 * The HTTP `Content-Type` of the text gst_idle_watchdog_metrics_to_prometheus()
 * renders: Prometheus text exposition format 0.0.4.
 *
 * Since: 0.1
 */
#define GST_IDLE_WATCHDOG_METRICS_PROMETHEUS_CONTENT_TYPE \
  "text/plain; version=0.0.4; charset=utf-8"

G_END_DECLS
