/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/idlewatchdog/idlewatchdog-prelude.h>
#include <gst/idlewatchdog/idlewatchdog-enumtypes.h>
#include <gst/idlewatchdog/idlewatchdog-message.h>

G_BEGIN_DECLS

/**
 * GST_IDLE_WATCHDOG_SESSION_ERROR:
 *
 * Error domain of the session runner. Errors from gst_parse_launch() keep
 * their own domain (#GST_PARSE_ERROR).
 */
#define GST_IDLE_WATCHDOG_SESSION_ERROR (gst_idle_watchdog_session_error_quark ())
GST_IDLE_WATCHDOG_API
GQuark gst_idle_watchdog_session_error_quark (void);

/**
 * GstIdleWatchdogSessionError:
 * @GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG: the session requires an
 *   `idlewatchdog` element in each pipeline and this one has none
 * @GST_IDLE_WATCHDOG_SESSION_ERROR_STATE: the call is not valid in the
 *   session's current state (adding a pipeline after start, starting twice,
 *   starting a session that has already ended, or that has no pipeline:
 *   that one then ends with %GST_IDLE_WATCHDOG_SESSION_END_ERROR)
 * @GST_IDLE_WATCHDOG_SESSION_ERROR_THREAD: a pipeline thread could not be
 *   created
 * @GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE: the pipeline's bus already
 *   has a watch (gst_bus_add_watch(), gst_bus_add_signal_watch(), a
 *   gst_bus_create_watch() source, or another session) or a sync handler
 *   (gst_bus_set_sync_handler()): the runner could not see every message
 * @GST_IDLE_WATCHDOG_SESSION_ERROR_DUPLICATE: the pipeline is already in
 *   the session
 *
 * Error codes of #GST_IDLE_WATCHDOG_SESSION_ERROR.
 */
typedef enum
{
  GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG,
  GST_IDLE_WATCHDOG_SESSION_ERROR_STATE,
  GST_IDLE_WATCHDOG_SESSION_ERROR_THREAD,
  GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE,
  GST_IDLE_WATCHDOG_SESSION_ERROR_DUPLICATE,
} GstIdleWatchdogSessionError;

/**
 * GstIdleWatchdogSessionFlags:
 * @GST_IDLE_WATCHDOG_SESSION_FLAG_NONE: defaults: a watchdog timeout ends the
 *   session, pipelines without a watchdog are accepted
 * @GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG: adding a pipeline that
 *   contains no `idlewatchdog` element (searched recursively) fails with
 *   %GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG
 * @GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS: watchdog timeouts are only
 *   reported (the timeout callback and the #GstIdleWatchdogSession::timeout
 *   signal); they do not end the session
 *
 * Options of a session (its #GstIdleWatchdogSession:flags).
 */
typedef enum /*< flags >*/
{
  GST_IDLE_WATCHDOG_SESSION_FLAG_NONE = 0,
  GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG = (1 << 0),
  GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS = (1 << 1),
} GstIdleWatchdogSessionFlags;

/**
 * GstIdleWatchdogSessionEnd:
 * @GST_IDLE_WATCHDOG_SESSION_END_NONE: the session has not ended
 * @GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT: a pipeline posted
 *   `idle-watchdog-timeout`
 * @GST_IDLE_WATCHDOG_SESSION_END_ERROR: a pipeline posted an ERROR message,
 *   failed to go to PLAYING, a pipeline thread could not be created, or
 *   the session was started without any pipeline
 * @GST_IDLE_WATCHDOG_SESSION_END_EOS: a pipeline posted EOS on its own
 * @GST_IDLE_WATCHDOG_SESSION_END_STOPPED: the application called
 *   gst_idle_watchdog_session_stop()
 *
 * Why a session ended. The first cause wins; later ones are ignored.
 */
typedef enum
{
  GST_IDLE_WATCHDOG_SESSION_END_NONE,
  GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT,
  GST_IDLE_WATCHDOG_SESSION_END_ERROR,
  GST_IDLE_WATCHDOG_SESSION_END_EOS,
  GST_IDLE_WATCHDOG_SESSION_END_STOPPED,
} GstIdleWatchdogSessionEnd;

GST_IDLE_WATCHDOG_API
const gchar * gst_idle_watchdog_session_end_to_string (GstIdleWatchdogSessionEnd end);

/**
 * GstIdleWatchdogSessionResult:
 * @end: why the session ended
 * @pipeline_index: index (in the order the pipelines were added) of the
 *   pipeline that ended the session, or -1 when the application stopped it
 *   or a thread could not be created
 * @pipeline_name: (nullable): name of that pipeline
 * @element_name: (nullable): name of the element that posted the message
 *   that ended the session (the watchdog on a timeout)
 * @timeout: with %GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT, the fields of the
 *   watchdog's message; zeroed otherwise
 * @error: (nullable): with %GST_IDLE_WATCHDOG_SESSION_END_ERROR, the error
 * @debug: (nullable): with %GST_IDLE_WATCHDOG_SESSION_END_ERROR, the
 *   message's debug string, if any
 * @duration: time from gst_idle_watchdog_session_start() to the decision
 *   to end, in nanoseconds (0 if the session ended before it started)
 *
 * How a session ended. The session owns the structure it hands out and
 * every string in it (including those of @timeout, copied from the
 * message): they stay valid and unchanged for as long as the session
 * lives. Its type (#GST_TYPE_IDLE_WATCHDOG_SESSION_RESULT) is boxed: a copy
 * (gst_idle_watchdog_session_result_copy()) owns its own strings and error.
 * Applications never allocate one.
 */
typedef struct
{
  GstIdleWatchdogSessionEnd end;
  gint pipeline_index;
  const gchar *pipeline_name;
  const gchar *element_name;
  GstIdleWatchdogTimeout timeout;
  const GError *error;
  const gchar *debug;
  GstClockTime duration;

  /*< private >*/
  gpointer _gst_reserved[GST_PADDING];
} GstIdleWatchdogSessionResult;

#define GST_TYPE_IDLE_WATCHDOG_SESSION_RESULT (gst_idle_watchdog_session_result_get_type ())
GST_IDLE_WATCHDOG_API
GType gst_idle_watchdog_session_result_get_type (void);

GST_IDLE_WATCHDOG_API
GstIdleWatchdogSessionResult * gst_idle_watchdog_session_result_copy (
    const GstIdleWatchdogSessionResult * result);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_session_result_free (GstIdleWatchdogSessionResult * result);

/**
 * GST_IDLE_WATCHDOG_SESSION_DEFAULT_STOP_TIMEOUT:
 *
 * How long, by default, the runner waits for each pipeline to drain after
 * sending it EOS before it sets it to NULL anyway: two seconds.
 */
#define GST_IDLE_WATCHDOG_SESSION_DEFAULT_STOP_TIMEOUT (2 * GST_SECOND)

#define GST_TYPE_IDLE_WATCHDOG_SESSION (gst_idle_watchdog_session_get_type ())
GST_IDLE_WATCHDOG_API
G_DECLARE_FINAL_TYPE (GstIdleWatchdogSession, gst_idle_watchdog_session,
    GST, IDLE_WATCHDOG_SESSION, GObject)

/**
 * GstIdleWatchdogSessionEndedFunc:
 * @session: the session
 * @result: how it ended; owned by @session
 * @user_data: the data given with the callback
 *
 * Called once when a session has ended, every one of its pipelines is in
 * NULL state and every one of its threads has been joined. It runs in the
 * #GMainContext given to gst_idle_watchdog_session_set_ended_callback(), in
 * the thread that iterates that context, so it may do anything, including
 * dropping the last reference to @session.
 */
typedef void (*GstIdleWatchdogSessionEndedFunc) (GstIdleWatchdogSession *
    session, const GstIdleWatchdogSessionResult * result, gpointer user_data);

/**
 * GstIdleWatchdogSessionTimeoutFunc:
 * @session: the session
 * @pipeline_index: index of the pipeline whose watchdog fired
 * @info: the message's fields; its strings belong to the message and are
 *   only valid during the call
 * @user_data: the data given with the callback
 *
 * Called for every `idle-watchdog-timeout` message of the session's
 * pipelines, before the runner decides whether it ends the session. It runs
 * in that pipeline's own thread: it must return quickly and must not join
 * the session (it may drop a reference, even the last one the application
 * holds: a running session keeps itself alive).
 */
typedef void (*GstIdleWatchdogSessionTimeoutFunc) (GstIdleWatchdogSession *
    session, guint pipeline_index, const GstIdleWatchdogTimeout * info,
    gpointer user_data);

GST_IDLE_WATCHDOG_API
GstIdleWatchdogSession * gst_idle_watchdog_session_new (const gchar * session_id,
    GstIdleWatchdogSessionFlags flags);

GST_IDLE_WATCHDOG_API
GstIdleWatchdogSession * gst_idle_watchdog_session_new_from_descriptions (
    const gchar * session_id, GstIdleWatchdogSessionFlags flags,
    const gchar * const * descriptions, GError ** error);

GST_IDLE_WATCHDOG_API
gint gst_idle_watchdog_session_add_pipeline (GstIdleWatchdogSession * session,
    GstElement * pipeline, GError ** error);

GST_IDLE_WATCHDOG_API
gint gst_idle_watchdog_session_add_description (GstIdleWatchdogSession * session,
    const gchar * name, const gchar * description, GError ** error);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_session_set_stop_timeout (GstIdleWatchdogSession * session,
    GstClockTime timeout);

GST_IDLE_WATCHDOG_API
GstClockTime gst_idle_watchdog_session_get_stop_timeout (GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_session_set_ended_callback (GstIdleWatchdogSession * session,
    GMainContext * context, GstIdleWatchdogSessionEndedFunc func,
    gpointer user_data, GDestroyNotify notify);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_session_set_timeout_callback (GstIdleWatchdogSession * session,
    GstIdleWatchdogSessionTimeoutFunc func, gpointer user_data,
    GDestroyNotify notify);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_session_start (GstIdleWatchdogSession * session,
    GError ** error);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_session_stop (GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
const GstIdleWatchdogSessionResult * gst_idle_watchdog_session_join (
    GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_session_is_ended (GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
const GstIdleWatchdogSessionResult * gst_idle_watchdog_session_get_result (
    GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
const gchar * gst_idle_watchdog_session_get_id (GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
GstIdleWatchdogSessionFlags gst_idle_watchdog_session_get_flags (
    GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
GMainContext * gst_idle_watchdog_session_get_context (GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
guint gst_idle_watchdog_session_get_n_pipelines (GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
GstElement * gst_idle_watchdog_session_get_pipeline (GstIdleWatchdogSession * session,
    guint index);

G_END_DECLS
