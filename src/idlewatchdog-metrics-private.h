/* gst-idlewatchdog: private
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What the session and its runners count (src/idlewatchdog-metrics.c):
 * one atomic add each, no lock.
 */
#pragma once

#include <gst/idlewatchdog/idlewatchdog-metrics.h>

G_BEGIN_DECLS

typedef enum
{
  IDW_METRIC_SESSIONS_STARTED,
  IDW_METRIC_SESSIONS_ALIVE,
  IDW_METRIC_SESSIONS_ENDED_TIMEOUT,
  IDW_METRIC_SESSIONS_ENDED_ERROR,
  IDW_METRIC_SESSIONS_ENDED_EOS,
  IDW_METRIC_SESSIONS_ENDED_STOPPED,
  IDW_METRIC_PIPELINES_ALIVE,
  IDW_METRIC_THREADS_STARTED,
  IDW_METRIC_THREADS_JOINED,
  IDW_METRIC_DRAINS,
  IDW_METRIC_DRAINS_FORCED,
  IDW_N_METRICS
} IdwMetric;

/* Adds @delta (negative for a gauge going down) to @metric */
G_GNUC_INTERNAL
void idw_metrics_add (IdwMetric metric, gint delta);

/* A session that was started has finished: alive - 1, ended{end} + 1 */
G_GNUC_INTERNAL
void idw_metrics_session_finished (GstIdleWatchdogSessionEnd end);

G_END_DECLS
