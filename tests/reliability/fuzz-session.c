/* gst-idlewatchdog: libFuzzer target for the session runner's descriptions
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * bytes -> one or more gst_parse_launch() descriptions (split at newlines)
 * -> gst_idle_watchdog_session_new_from_descriptions() and
 * gst_idle_watchdog_session_add_description(), with and without
 * REQUIRE_WATCHDOG. Either a session comes back with one pipeline per
 * description, or NULL / -1 with a GError; never both, never neither.
 *
 * Run it with only this project's plugin on the plugin path (what
 * scripts/reliability.sh does): descriptions can then name `idlewatchdog`,
 * `bin` and `pipeline` but no element that touches files or the network.
 * No session is started.
 */
#include <string.h>
#include <gst/gst.h>

#include <gst/idlewatchdog/idlewatchdog.h>

int LLVMFuzzerTestOneInput (const guint8 * data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 * data, size_t size)
{
  static gboolean initialised = FALSE;
  GstIdleWatchdogSessionFlags flags;
  GstIdleWatchdogSession *s;
  GError *err = NULL;
  gchar *str, **descs;
  guint n, i;
  gint idx;

  if (!initialised) {
    g_setenv ("GST_DEBUG", "0", TRUE);
    gst_init (NULL, NULL);
    initialised = TRUE;
  }
  if (size < 1)
    return 0;

  flags = (data[0] & 1) ? GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG :
      GST_IDLE_WATCHDOG_SESSION_FLAG_NONE;
  str = g_strndup ((const gchar *) data + 1, size - 1);
  descs = g_strsplit (str, "\n", 8);
  n = g_strv_length (descs);

  s = gst_idle_watchdog_session_new_from_descriptions ("fuzz", flags,
      (const gchar * const *) descs, &err);
  if ((s == NULL) == (err == NULL))
    __builtin_trap ();
  if (s != NULL) {
    if (gst_idle_watchdog_session_get_n_pipelines (s) != n)
      __builtin_trap ();
    g_object_unref (s);
  }
  g_clear_error (&err);

  /* one by one into a session, a NULL name and a given one */
  s = gst_idle_watchdog_session_new ("fuzz", flags);
  for (i = 0; i < n; i++) {
    idx = gst_idle_watchdog_session_add_description (s, (i & 1) ? NULL : "p",
        descs[i], &err);
    if ((idx < 0) == (err == NULL))
      __builtin_trap ();
    g_clear_error (&err);
  }
  g_object_unref (s);

  g_strfreev (descs);
  g_free (str);
  return 0;
}
