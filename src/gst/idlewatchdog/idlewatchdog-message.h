/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/idlewatchdog/idlewatchdog-prelude.h>
#include <gst/idlewatchdog/idlewatchdog-enumtypes.h>

G_BEGIN_DECLS

/**
 * GST_IDLE_WATCHDOG_TIMEOUT_NAME:
 *
 * Name of the structure of the element message posted when a stream has been
 * silent for longer than the configured limit.
 */
#define GST_IDLE_WATCHDOG_TIMEOUT_NAME "idle-watchdog-timeout"
/**
 * GST_IDLE_WATCHDOG_RESUMED_NAME:
 *
 * Name of the structure of the element message posted when activity returns
 * after a timeout.
 */
#define GST_IDLE_WATCHDOG_RESUMED_NAME "idle-watchdog-resumed"
/**
 * GST_IDLE_WATCHDOG_SWITCH_NAME:
 *
 * Name of the structure of the element message posted when an upstream
 * switching element changes its target.
 */
#define GST_IDLE_WATCHDOG_SWITCH_NAME "idle-watchdog-switch"

/**
 * GstIdleWatchdogReason:
 * @GST_IDLE_WATCHDOG_REASON_STARTUP: no activity since the element entered
 *   PLAYING (the limit is `startup-timeout`)
 * @GST_IDLE_WATCHDOG_REASON_SILENCE: no activity after data had flowed (the
 *   limit is `timeout`)
 * @GST_IDLE_WATCHDOG_REASON_SWITCH: no activity since an upstream source
 *   switch (the limit is `switch-timeout`)
 * @GST_IDLE_WATCHDOG_REASON_NO_LISTENERS: the downstream element reported
 *   zero listeners for longer than `listener-timeout`
 * @GST_IDLE_WATCHDOG_REASON_BLOCKED: data stopped because the element's own
 *   downstream did not take the last buffer within the limit (a consumer
 *   that stopped reading); the streaming thread was still inside the push
 *
 * Why a timeout was posted; the `reason` field of the message carries the
 * nick (`startup`, `silence`, `switch`, `no-listeners`, `blocked`).
 */
typedef enum
{
  GST_IDLE_WATCHDOG_REASON_STARTUP,
  GST_IDLE_WATCHDOG_REASON_SILENCE,
  GST_IDLE_WATCHDOG_REASON_SWITCH,
  GST_IDLE_WATCHDOG_REASON_NO_LISTENERS,
  GST_IDLE_WATCHDOG_REASON_BLOCKED,
} GstIdleWatchdogReason;

/**
 * GstIdleWatchdogAction:
 * @GST_IDLE_WATCHDOG_ACTION_MESSAGE: post the timeout message only
 * @GST_IDLE_WATCHDOG_ACTION_EOS: post the message, then push EOS downstream
 * @GST_IDLE_WATCHDOG_ACTION_ERROR: post the message, then a
 *   GST_STREAM_ERROR_FAILED error
 *
 * What the element does on a timeout besides posting the message.
 */
typedef enum
{
  GST_IDLE_WATCHDOG_ACTION_MESSAGE,
  GST_IDLE_WATCHDOG_ACTION_EOS,
  GST_IDLE_WATCHDOG_ACTION_ERROR,
} GstIdleWatchdogAction;

GST_IDLE_WATCHDOG_API
const gchar * gst_idle_watchdog_reason_to_string (GstIdleWatchdogReason reason);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_reason_from_string (const gchar * str,
    GstIdleWatchdogReason * reason);

/**
 * GstIdleWatchdogTimeout:
 * @reason: why the timeout fired
 * @silence: nanoseconds since the last activity (or since arming)
 * @timeout: the limit that applied, in nanoseconds
 * @buffers: buffers seen by the element so far
 * @last_pts: PTS of the last buffer, or GST_CLOCK_TIME_NONE
 * @media_type: name of the caps' first structure (e.g. `video/x-raw`), or ""
 * @session_id: (nullable): the element's `session-id`, or %NULL if unset
 * @switch_element: (nullable): after a switch, the switching element's name
 * @switch_target: (nullable): after a switch, the new target as a string
 *
 * The fields of an `idle-watchdog-timeout` message. Strings filled in by
 * gst_idle_watchdog_message_parse_timeout() belong to the message and stay
 * valid as long as it does. Callers allocate it (on the stack, typically):
 * the reserved space at its end lets fields be added without breaking the
 * ABI. Its type (#GST_TYPE_IDLE_WATCHDOG_TIMEOUT) is boxed: a copy made with
 * g_boxed_copy() owns its strings and is freed with g_boxed_free().
 */
typedef struct
{
  GstIdleWatchdogReason reason;
  GstClockTime silence;
  GstClockTime timeout;
  guint64 buffers;
  GstClockTime last_pts;
  const gchar *media_type;
  const gchar *session_id;
  const gchar *switch_element;
  const gchar *switch_target;

  /*< private >*/
  gpointer _gst_reserved[GST_PADDING];
} GstIdleWatchdogTimeout;

#define GST_TYPE_IDLE_WATCHDOG_TIMEOUT (gst_idle_watchdog_timeout_get_type ())
GST_IDLE_WATCHDOG_API
GType gst_idle_watchdog_timeout_get_type (void);

GST_IDLE_WATCHDOG_API
GstMessage * gst_idle_watchdog_message_new_timeout (GstObject * src,
    const GstIdleWatchdogTimeout * info);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_message_is_timeout (GstMessage * msg);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_message_parse_timeout (GstMessage * msg,
    GstIdleWatchdogTimeout * info);

GST_IDLE_WATCHDOG_API
GstMessage * gst_idle_watchdog_message_new_resumed (GstObject * src,
    GstClockTime silence, const gchar * session_id);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_message_is_resumed (GstMessage * msg);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_message_parse_resumed (GstMessage * msg,
    GstClockTime * silence, const gchar ** session_id);

GST_IDLE_WATCHDOG_API
GstMessage * gst_idle_watchdog_message_new_switch (GstObject * src,
    const gchar * element, const gchar * property, const gchar * target,
    const gchar * session_id);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_message_is_switch (GstMessage * msg);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_message_parse_switch (GstMessage * msg,
    const gchar ** element, const gchar ** property, const gchar ** target,
    const gchar ** session_id);

GST_IDLE_WATCHDOG_API
const gchar * gst_idle_watchdog_message_get_session_id (GstMessage * msg);

G_END_DECLS
