/* gst-idlewatchdog: what a watch reports
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "idw-report.h"

/* The element's category: the error's log line reads the same whoever
 * watches (a category made twice under one name is the same category) */
GST_DEBUG_CATEGORY_STATIC (idw_report_debug);
#define GST_CAT_DEFAULT idw_report_debug

static void
init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (idw_report_debug, "idlewatchdog", 0,
        "Idle watchdog");
    g_once_init_leave (&done, 1);
  }
}

/* The `idle-watchdog-timeout` message of the timeout in @v, from @src */
GstMessage *
idw_report_timeout_message (GstObject * src, const IdwVerdict * v,
    const IdwReportFlow * flow)
{
  GstIdleWatchdogTimeout info = { 0, };

  info.reason = v->reason;
  info.silence = v->silence;
  info.timeout = v->limit;
  info.buffers = flow->buffers;
  info.last_pts = flow->last_pts;
  info.media_type = g_quark_to_string (flow->media_type);
  info.session_id = flow->session_id;
  if (v->after_switch) {
    info.switch_element = flow->switch_element;
    info.switch_target = flow->switch_target;
  }
  return gst_idle_watchdog_message_new_timeout (src, &info);
}

/* The action carried out for a timeout of @reason: an EOS cannot pass a
 * consumer that takes nothing, so `blocked` turns `eos` into `error` */
GstIdleWatchdogAction
idw_report_action (GstIdleWatchdogAction action, GstIdleWatchdogReason reason)
{
  if (reason == GST_IDLE_WATCHDOG_REASON_BLOCKED &&
      action == GST_IDLE_WATCHDOG_ACTION_EOS)
    return GST_IDLE_WATCHDOG_ACTION_ERROR;
  return action;
}

/* The error of `action=error`, from @element */
void
idw_report_error (GstElement * element, const IdwOutgoing * out)
{
  init_debug ();
  GST_ELEMENT_ERROR (element, STREAM, FAILED,
      ("No data for %" G_GUINT64_FORMAT " ms (idle watchdog: %s).",
          out->silence / GST_MSECOND,
          gst_idle_watchdog_reason_to_string (out->reason)),
      ("the limit was %" G_GUINT64_FORMAT " ms", out->limit / GST_MSECOND));
}

/* Whether the application wants the pipeline PLAYING: the target state of
 * the top-level bin of @object (or of @object, alone) */
gboolean
idw_report_app_playing (GstObject * object)
{
  GstObject *top = gst_object_ref (object), *parent;
  gboolean playing = TRUE;

  while ((parent = gst_object_get_parent (top))) {
    gst_object_unref (top);
    top = parent;
  }
  if (GST_IS_ELEMENT (top)) {
    GST_OBJECT_LOCK (top);
    playing = GST_STATE_TARGET (top) == GST_STATE_PLAYING;
    GST_OBJECT_UNLOCK (top);
  }
  gst_object_unref (top);
  return playing;
}

/* The `application/x-idlewatchdog-stats` structure of @w (docs/element.md,
 * Statistics); @clock: the watch's, NULL when it has none (not PLAYING) */
GstStructure *
idw_report_stats (const IdwWatch * w, guint64 buffers, GstClock * clock)
{
  GstClockTime now = clock ? gst_clock_get_time (clock) : 0;

  return gst_structure_new ("application/x-idlewatchdog-stats",
      "buffers", G_TYPE_UINT64, buffers,
      "timeouts", G_TYPE_UINT, idw_watch_timeouts (w),
      "timeouts-startup", G_TYPE_UINT,
      w->timeouts[GST_IDLE_WATCHDOG_REASON_STARTUP],
      "timeouts-silence", G_TYPE_UINT,
      w->timeouts[GST_IDLE_WATCHDOG_REASON_SILENCE],
      "timeouts-switch", G_TYPE_UINT,
      w->timeouts[GST_IDLE_WATCHDOG_REASON_SWITCH],
      "timeouts-no-listeners", G_TYPE_UINT,
      w->timeouts[GST_IDLE_WATCHDOG_REASON_NO_LISTENERS],
      "timeouts-blocked", G_TYPE_UINT,
      w->timeouts[GST_IDLE_WATCHDOG_REASON_BLOCKED],
      "resumes", G_TYPE_UINT, w->resumes,
      "switches", G_TYPE_UINT, w->switches,
      "idle", G_TYPE_BOOLEAN, idw_watch_is_idle (w),
      "silence", G_TYPE_UINT64, (guint64) (clock ?
          idw_watch_current_silence (w, now) : 0),
      "last-timeout-reason", G_TYPE_STRING, w->have_last_timeout ?
      gst_idle_watchdog_reason_to_string (w->last_reason) : "",
      "last-timeout-time", G_TYPE_UINT64,
      (guint64) idw_watch_last_timeout_time (w), NULL);
}
