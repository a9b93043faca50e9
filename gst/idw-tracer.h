/* gst-idlewatchdog: the idlewatchdog tracer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* The name in GST_TRACERS: a plugin feature name, which cannot be the
 * element's ("idlewatchdog"): the registry has one namespace for every
 * kind of feature, and GST_TRACERS looks the name up in it */
#define IDW_TRACER_NAME "idlewatchdogtracer"

#define IDW_TYPE_TRACER (idw_tracer_get_type ())
G_DECLARE_FINAL_TYPE (IdwTracer, idw_tracer, IDW, TRACER, GstTracer)

G_END_DECLS
