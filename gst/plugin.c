/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstidlewatchdog.h"
#include "idw-tracer.h"

static gboolean
plugin_init (GstPlugin * plugin)
{
  gboolean ok = GST_ELEMENT_REGISTER (idlewatchdog, plugin);

  /* the same watch for pipelines nobody edited (GST_TRACERS). Elements
   * and tracers share the registry's one namespace of feature names, so
   * the tracer cannot be called "idlewatchdog" too. */
  ok &= gst_tracer_register (plugin, IDW_TRACER_NAME, IDW_TYPE_TRACER);
  return ok;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, idlewatchdog,
    "Makes silence in a pipeline visible on the bus",
    plugin_init, PACKAGE_VERSION, GST_LICENSE, GST_PACKAGE_NAME,
    GST_PACKAGE_ORIGIN)
