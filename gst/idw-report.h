/* gst-idlewatchdog: what a watch reports, built the same way by the element
 * and the tracer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The timeout message of a verdict, the error of `action=error`, the action
 * a reason allows and whether the application wants the pipeline PLAYING:
 * plain functions, no state, so that a watched element posts the same
 * thing whoever watches it.
 */
#pragma once

#include <gst/gst.h>

#include "idlewatchdog-message.h"
#include "idw-outbox.h"
#include "idw-watch.h"

G_BEGIN_DECLS

/* What the data path showed, for the message's fields */
typedef struct
{
  guint64 buffers;
  GstClockTime last_pts;
  GQuark media_type;            /* 0: none */
  const gchar *session_id;
  const gchar *switch_element;  /* used only after a switch */
  const gchar *switch_target;
} IdwReportFlow;

GstMessage *idw_report_timeout_message (GstObject * src, const IdwVerdict * v,
    const IdwReportFlow * flow);
GstIdleWatchdogAction idw_report_action (GstIdleWatchdogAction action,
    GstIdleWatchdogReason reason);
void idw_report_error (GstElement * element, const IdwOutgoing * out);
gboolean idw_report_app_playing (GstObject * object);
GstStructure *idw_report_stats (const IdwWatch * w, guint64 buffers,
    GstClock * clock);

G_END_DECLS
