/* gst-idlewatchdog: what every gst-check test of the project shares
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/check/gstcheck.h>

/* gst-check makes criticals and warnings fatal (unless a test expects one,
 * with ASSERT_CRITICAL or ASSERT_WARNING) only in GLib's and GStreamer's log
 * domains. The element logs in "GStreamer-idlewatchdog" and the library in
 * "GstIdleWatchdog": treat them the same way, so that their own checks
 * count in the tests. */
static void
idw_check_log_func (const gchar * domain, GLogLevelFlags level,
    const gchar * message, gpointer user_data)
{
  if (!_gst_check_expecting_log)
    g_error ("unexpected %s in %s: %s",
        (level & G_LOG_LEVEL_CRITICAL) ? "critical" : "warning", domain,
        message);
  if (level & G_LOG_LEVEL_CRITICAL)
    _gst_check_raised_critical = TRUE;
  else
    _gst_check_raised_warning = TRUE;
}

static inline void
idw_check_watch_own_log_domains (void)
{
  g_log_set_handler ("GStreamer-idlewatchdog",
      G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING, idw_check_log_func, NULL);
  g_log_set_handler ("GstIdleWatchdog",
      G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING, idw_check_log_func, NULL);
}
