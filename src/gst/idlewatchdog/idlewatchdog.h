/* gst-idlewatchdog: public header of the gstidlewatchdog-1.0 library
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Applications include <gst/idlewatchdog/idlewatchdog.h> and link with
 * `pkg-config --cflags --libs gstidlewatchdog-1.0` (or, in meson,
 * `dependency('gstidlewatchdog-1.0')`, which also works when this project
 * is a subproject).
 */
#pragma once

#include <gst/idlewatchdog/idlewatchdog-prelude.h>
#include <gst/idlewatchdog/idlewatchdog-enumtypes.h>
#include <gst/idlewatchdog/idlewatchdog-message.h>
#include <gst/idlewatchdog/idlewatchdog-session.h>
#include <gst/idlewatchdog/idlewatchdog-session-manager.h>
#include <gst/idlewatchdog/idlewatchdog-metrics.h>
