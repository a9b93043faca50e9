/* gst-idlewatchdog: a test double of gst-interpipe, the plugin
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "testinterpipe.h"

static gboolean
plugin_init (GstPlugin * plugin)
{
  gboolean ret = FALSE;

  testinterpipe_registry_init ();
  ret |= GST_ELEMENT_REGISTER (testinterpipesink, plugin);
  ret |= GST_ELEMENT_REGISTER (testinterpipesrc, plugin);
  return ret;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, testinterpipe,
    "Test double of gst-interpipe (tests only, never installed)",
    plugin_init, PACKAGE_VERSION, GST_LICENSE, GST_PACKAGE_NAME,
    GST_PACKAGE_ORIGIN)
