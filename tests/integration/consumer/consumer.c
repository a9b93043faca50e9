/* gst-idlewatchdog: a program of another project, built against the
 * library installed, uninstalled (pkg-config) and as a meson subproject
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/idlewatchdog/idlewatchdog.h>

/* the library's private configuration is not visible from here */
#if defined(__has_include)
#if __has_include(<config.h>) || __has_include(<idlewatchdog-message.h>)
#error "the include path exposes more than <gst/idlewatchdog/...>"
#endif
#endif

int
main (int argc, char **argv)
{
  GstIdleWatchdogSession *s;

  gst_init (&argc, &argv);
  s = gst_idle_watchdog_session_new ("consumer", 0);
  g_print ("%s %s %s\n", gst_idle_watchdog_session_get_id (s),
      gst_idle_watchdog_reason_to_string (GST_IDLE_WATCHDOG_REASON_SWITCH),
      g_type_name (GST_TYPE_IDLE_WATCHDOG_SESSION_FLAGS));
  g_object_unref (s);
  return 0;
}
