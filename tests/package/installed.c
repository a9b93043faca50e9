/* gst-idlewatchdog: a program built against the installed packages
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * scripts/package-test.sh compiles this file with nothing but
 * `pkg-config --cflags --libs gstidlewatchdog-1.0` after installing the
 * Debian packages, and runs it with no GST_PLUGIN_PATH: it builds and parses
 * a message with the installed library, and makes the element from the
 * installed plugin. Prints one line per check and exits non-zero on the
 * first that fails.
 */
#include <gst/gst.h>
#include <gst/idlewatchdog/idlewatchdog.h>

int
main (int argc, char **argv)
{
  GstMessage *msg;
  GstClockTime silence = GST_CLOCK_TIME_NONE;
  const gchar *session_id = NULL;
  GstElement *wd;
  gchar *filename = NULL;

  gst_init (&argc, &argv);

  msg = gst_idle_watchdog_message_new_resumed (NULL, 3 * GST_SECOND, "s1");
  if (msg == NULL || !gst_idle_watchdog_message_is_resumed (msg) ||
      !gst_idle_watchdog_message_parse_resumed (msg, &silence, &session_id) ||
      silence != 3 * GST_SECOND || g_strcmp0 (session_id, "s1") != 0) {
    g_printerr ("installed: the library did not parse its own message\n");
    return 1;
  }
  g_print ("installed: library: parsed %s (session-id %s, silence %"
      GST_TIME_FORMAT ")\n", gst_structure_get_name
      (gst_message_get_structure (msg)), session_id, GST_TIME_ARGS (silence));
  gst_message_unref (msg);

  wd = gst_element_factory_make ("idlewatchdog", NULL);
  if (wd == NULL) {
    g_printerr ("installed: no idlewatchdog element\n");
    return 1;
  }
  {
    GstPlugin *plugin = gst_plugin_feature_get_plugin
        (GST_PLUGIN_FEATURE (gst_element_get_factory (wd)));

    filename = g_strdup (gst_plugin_get_filename (plugin));
    gst_object_unref (plugin);
  }
  g_print ("installed: element: idlewatchdog from %s\n", filename);
  g_free (filename);
  gst_object_unref (wd);
  gst_deinit ();
  return 0;
}
