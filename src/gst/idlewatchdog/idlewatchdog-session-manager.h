/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/idlewatchdog/idlewatchdog-session.h>

G_BEGIN_DECLS

#define GST_TYPE_IDLE_WATCHDOG_SESSION_MANAGER (gst_idle_watchdog_session_manager_get_type ())
GST_IDLE_WATCHDOG_API
G_DECLARE_FINAL_TYPE (GstIdleWatchdogSessionManager,
    gst_idle_watchdog_session_manager, GST, IDLE_WATCHDOG_SESSION_MANAGER,
    GObject)

GST_IDLE_WATCHDOG_API
GstIdleWatchdogSessionManager * gst_idle_watchdog_session_manager_new (void);

GST_IDLE_WATCHDOG_API
gboolean gst_idle_watchdog_session_manager_add (GstIdleWatchdogSessionManager * manager,
    GstIdleWatchdogSession * session);

GST_IDLE_WATCHDOG_API
guint gst_idle_watchdog_session_manager_get_n_alive (GstIdleWatchdogSessionManager * manager);

GST_IDLE_WATCHDOG_API
guint gst_idle_watchdog_session_manager_get_n_ended (GstIdleWatchdogSessionManager * manager);

GST_IDLE_WATCHDOG_API
guint gst_idle_watchdog_session_manager_reap (GstIdleWatchdogSessionManager * manager);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_session_manager_stop_all (GstIdleWatchdogSessionManager * manager);

GST_IDLE_WATCHDOG_API
void gst_idle_watchdog_session_manager_wait_all (GstIdleWatchdogSessionManager * manager);

G_END_DECLS
