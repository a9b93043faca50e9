/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define GST_TYPE_IDLE_WATCHDOG (gst_idle_watchdog_get_type ())
G_DECLARE_FINAL_TYPE (GstIdleWatchdog, gst_idle_watchdog, GST, IDLE_WATCHDOG,
    GstElement)

GST_ELEMENT_REGISTER_DECLARE (idlewatchdog);

G_END_DECLS
