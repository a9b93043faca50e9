/* gst-idlewatchdog: what the session runner's gst-check tests share
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/check/gstcheck.h>

#include <gst/idlewatchdog/idlewatchdog.h>

static inline void
start (GstIdleWatchdogSession * s)
{
  GError *err = NULL;

  fail_unless (gst_idle_watchdog_session_start (s, &err));
  g_assert_no_error (err);
}

/* Waits until the pipeline's thread has set it to PLAYING; the bound only
 * turns a hang into a failure (60 s: a first plugin load under valgrind
 * took more than 10 s) */
static inline void
wait_for_playing (GstIdleWatchdogSession * s, guint index)
{
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, index);
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  GstState state = GST_STATE_NULL;

  while (state != GST_STATE_PLAYING && g_get_monotonic_time () < end)
    gst_element_get_state (p, &state, NULL, 10 * GST_MSECOND);
  fail_unless_equals_int (state, GST_STATE_PLAYING);
  gst_object_unref (p);
}
