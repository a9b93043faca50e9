/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>

#ifndef GST_IDLE_WATCHDOG_API
# ifdef BUILDING_GST_IDLE_WATCHDOG
#  define GST_IDLE_WATCHDOG_API __attribute__ ((visibility ("default"))) extern
# else
#  define GST_IDLE_WATCHDOG_API extern
# endif
#endif
