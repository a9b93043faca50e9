/* gst-idlewatchdog: public header of the gstidlewatchdog-1.0 library
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Applications include <gst/idlewatchdog/idlewatchdog.h> and link with
 * `pkg-config --cflags --libs gstidlewatchdog-1.0`.
 */
#pragma once

#include "idlewatchdog-prelude.h"
#include "idlewatchdog-message.h"
#include "idlewatchdog-session.h"
