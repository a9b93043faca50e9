/* gst-idlewatchdog: private
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What the session and its manager tell each other.
 */
#pragma once

#include <gst/idlewatchdog/idlewatchdog-session.h>
#include <gst/idlewatchdog/idlewatchdog-session-manager.h>

G_BEGIN_DECLS

/* Sets the session's manager unless it has one; *finished tells whether
 * the session has finished already (then the manager is not told later) */
G_GNUC_INTERNAL
gboolean idw_session_attach_manager (GstIdleWatchdogSession * session,
    GstIdleWatchdogSessionManager * manager, gboolean * finished);

/* Joins a finished session's threads and forgets its manager */
G_GNUC_INTERNAL
void idw_session_detach_manager (GstIdleWatchdogSession * session);

/* The session tells its manager, once, that it has finished (every thread
 * returned); called without the session's lock */
G_GNUC_INTERNAL
void idw_manager_session_finished (GstIdleWatchdogSessionManager * manager,
    GstIdleWatchdogSession * session);

G_GNUC_INTERNAL
void idw_session_init_debug (void);

G_END_DECLS
