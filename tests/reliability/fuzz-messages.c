/* gst-idlewatchdog: libFuzzer target for the message parsers
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * bytes -> gst_structure_from_string -> element message -> every parser and
 * gst_idle_watchdog_message_get_session_id. A parser that accepts a message
 * must return fields of the documented shape; one that refuses it must leave
 * its outputs untouched. Built (with the parsers compiled in, so that their
 * coverage guides the fuzzer) only by a clang build dir; see meson.build.
 */
#include <string.h>
#include <gst/gst.h>

#include "idlewatchdog-message.h"

int LLVMFuzzerTestOneInput (const guint8 * data, size_t size);

static volatile gsize sink;

/* reads every byte of a string the parser handed out */
static void
touch (const gchar * str)
{
  sink += strlen (str);
}

static void
check (GstMessage * msg)
{
  GstIdleWatchdogTimeout info, sentinel;
  GstClockTime silence = 7;
  const gchar *a = "a", *b = "b", *c = "c", *d = "d";

  memset (&sentinel, 0x5a, sizeof (sentinel));
  info = sentinel;
  if (gst_idle_watchdog_message_parse_timeout (msg, &info)) {
    if (gst_idle_watchdog_reason_to_string (info.reason) == NULL ||
        info.media_type == NULL)
      __builtin_trap ();
    /* the strings belong to the message: touch every byte */
    touch (info.media_type);
    if (info.session_id)
      touch (info.session_id);
    if (info.switch_element)
      touch (info.switch_element);
    if (info.switch_target)
      touch (info.switch_target);
  } else if (memcmp (&info, &sentinel, sizeof (info)) != 0) {
    __builtin_trap ();
  }

  if (gst_idle_watchdog_message_parse_resumed (msg, &silence, &a)) {
    if (a)
      touch (a);
  } else if (silence != 7 || strcmp (a, "a") != 0) {
    __builtin_trap ();
  }
  a = "a";

  if (gst_idle_watchdog_message_parse_switch (msg, &a, &b, &c, &d)) {
    if (a == NULL || b == NULL || c == NULL)
      __builtin_trap ();
    touch (a);
    touch (b);
    touch (c);
    if (d)
      touch (d);
  } else if (strcmp (a, "a") || strcmp (b, "b") || strcmp (c, "c") ||
      strcmp (d, "d")) {
    __builtin_trap ();
  }

  a = gst_idle_watchdog_message_get_session_id (msg);
  if (a)
    touch (a);
}

int
LLVMFuzzerTestOneInput (const guint8 * data, size_t size)
{
  static gboolean initialised = FALSE;
  gchar *str;
  GstStructure *s;
  gchar *end = NULL;

  if (!initialised) {
    /* GStreamer's own parser logs what it cannot read: not our findings */
    g_log_set_always_fatal (G_LOG_FATAL_MASK);
    g_setenv ("GST_DEBUG", "0", TRUE);
    gst_init (NULL, NULL);
    initialised = TRUE;
  }

  /* Deeply nested lists only exercise GStreamer's own parser (whose error
   * path leaks nested list values, deeper than LeakSanitizer's stacks
   * reach its suppression): the parsers under test see no difference
   * between a list nested 4 and 40 times. */
  {
    gsize i, open = 0;

    for (i = 0; i < size; i++)
      open += data[i] == '{' || data[i] == '<' || data[i] == '[';
    if (open > 4)
      return 0;
  }
  str = g_strndup ((const gchar *) data, size);
  s = gst_structure_from_string (str, &end);
  if (s != NULL) {
    GstMessage *msg = gst_message_new_element (NULL, s);

    check (msg);
    gst_message_unref (msg);
    /* and the same structure as other message types */
    s = gst_structure_from_string (str, &end);
    msg = gst_message_new_application (NULL, s);
    check (msg);
    gst_message_unref (msg);
  }
  g_free (str);
  return 0;
}
