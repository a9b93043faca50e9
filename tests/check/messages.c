/* gst-idlewatchdog: unit tests of the gstidlewatchdog-1.0 message helpers
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gst/check/gstcheck.h>

#include "../common/idw-check.h"

#include "idlewatchdog.h"

static GstObject *
test_source (void)
{
  return GST_OBJECT (gst_object_ref_sink (gst_element_factory_make
          ("identity", "src0")));
}

static const GstIdleWatchdogTimeout full_timeout = {
  GST_IDLE_WATCHDOG_REASON_SWITCH, 1500 * GST_MSECOND, 1000 * GST_MSECOND,
  42, 7 * GST_SECOND, "video/x-raw", "session-1", "isrc", "producer-b"
};

/* A timeout structure with every required field well-typed, to break one
 * field at a time */
static GstStructure *
valid_timeout_structure (void)
{
  return gst_structure_new (GST_IDLE_WATCHDOG_TIMEOUT_NAME,
      "reason", G_TYPE_STRING, "silence",
      "silence", G_TYPE_UINT64, (guint64) GST_SECOND,
      "timeout", G_TYPE_UINT64, (guint64) GST_SECOND,
      "buffers", G_TYPE_UINT64, (guint64) 3,
      "last-pts", G_TYPE_UINT64, (guint64) 0,
      "media-type", G_TYPE_STRING, "audio/x-raw", NULL);
}

/* Parses @s as a timeout message and checks the result is FALSE with the
 * output untouched */
static void
assert_timeout_rejected (GstStructure * s, const gchar * what)
{
  GstMessage *msg = gst_message_new_element (NULL, s);
  GstIdleWatchdogTimeout info, before;

  memset (&info, 0xa5, sizeof (info));
  before = info;
  fail_if (gst_idle_watchdog_message_parse_timeout (msg, &info),
      "accepted a timeout message with %s", what);
  fail_unless (memcmp (&info, &before, sizeof (info)) == 0,
      "output written for a timeout message with %s", what);
  gst_message_unref (msg);
}

/* ------------------------------------------------------------------------ */
/* Round trips                                                               */

GST_START_TEST (test_timeout_round_trip_all_fields)
{
  GstObject *src = test_source ();
  GstMessage *msg = gst_idle_watchdog_message_new_timeout (src, &full_timeout);
  GstIdleWatchdogTimeout out;

  fail_unless (msg != NULL);
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_ELEMENT);
  fail_unless (GST_MESSAGE_SRC (msg) == src);
  fail_unless (gst_message_has_name (msg, "idle-watchdog-timeout"));
  fail_unless (gst_idle_watchdog_message_is_timeout (msg));
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &out));
  fail_unless_equals_int (out.reason, full_timeout.reason);
  fail_unless_equals_uint64 (out.silence, full_timeout.silence);
  fail_unless_equals_uint64 (out.timeout, full_timeout.timeout);
  fail_unless_equals_uint64 (out.buffers, full_timeout.buffers);
  fail_unless_equals_uint64 (out.last_pts, full_timeout.last_pts);
  fail_unless_equals_string (out.media_type, "video/x-raw");
  fail_unless_equals_string (out.session_id, "session-1");
  fail_unless_equals_string (out.switch_element, "isrc");
  fail_unless_equals_string (out.switch_target, "producer-b");
  gst_message_unref (msg);
  gst_object_unref (src);
}

GST_END_TEST;

GST_START_TEST (test_timeout_field_names_and_types)
{
  GstMessage *msg = gst_idle_watchdog_message_new_timeout (NULL,
      &full_timeout);
  const GstStructure *s = gst_message_get_structure (msg);
  const gchar *u64[] = { "silence", "timeout", "buffers", "last-pts" };
  const gchar *str[] = { "reason", "media-type", "session-id",
    "switch-element", "switch-target"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (u64); i++)
    fail_unless (gst_structure_has_field_typed (s, u64[i], G_TYPE_UINT64),
        "%s", u64[i]);
  for (i = 0; i < G_N_ELEMENTS (str); i++)
    fail_unless (gst_structure_has_field_typed (s, str[i], G_TYPE_STRING),
        "%s", str[i]);
  fail_unless_equals_int (gst_structure_n_fields (s), 9);
  fail_unless_equals_string (gst_structure_get_string (s, "reason"), "switch");
  gst_message_unref (msg);
}

GST_END_TEST;

GST_START_TEST (test_timeout_round_trip_without_optional_strings)
{
  GstIdleWatchdogTimeout in = { GST_IDLE_WATCHDOG_REASON_STARTUP, 1, 2, 0,
    GST_CLOCK_TIME_NONE, NULL, NULL, NULL, NULL
  }, out;
  GstMessage *msg = gst_idle_watchdog_message_new_timeout (NULL, &in);
  const GstStructure *s = gst_message_get_structure (msg);

  fail_if (gst_structure_has_field (s, "session-id"));
  fail_if (gst_structure_has_field (s, "switch-element"));
  fail_if (gst_structure_has_field (s, "switch-target"));
  memset (&out, 0xa5, sizeof (out));
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &out));
  fail_unless_equals_int (out.reason, GST_IDLE_WATCHDOG_REASON_STARTUP);
  fail_unless_equals_uint64 (out.silence, 1);
  fail_unless_equals_uint64 (out.timeout, 2);
  fail_unless_equals_uint64 (out.buffers, 0);
  fail_unless_equals_uint64 (out.last_pts, GST_CLOCK_TIME_NONE);
  /* a NULL media type becomes "" */
  fail_unless_equals_string (out.media_type, "");
  fail_unless (out.session_id == NULL);
  fail_unless (out.switch_element == NULL);
  fail_unless (out.switch_target == NULL);
  gst_message_unref (msg);
}

GST_END_TEST;

GST_START_TEST (test_timeout_round_trip_every_reason)
{
  GstIdleWatchdogReason reasons[] = { GST_IDLE_WATCHDOG_REASON_STARTUP,
    GST_IDLE_WATCHDOG_REASON_SILENCE, GST_IDLE_WATCHDOG_REASON_SWITCH,
    GST_IDLE_WATCHDOG_REASON_NO_LISTENERS, GST_IDLE_WATCHDOG_REASON_BLOCKED
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (reasons); i++) {
    GstIdleWatchdogTimeout in = full_timeout, out;
    GstMessage *msg;

    in.reason = reasons[i];
    msg = gst_idle_watchdog_message_new_timeout (NULL, &in);
    fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &out));
    fail_unless_equals_int (out.reason, reasons[i]);
    fail_unless_equals_string (gst_structure_get_string
        (gst_message_get_structure (msg), "reason"),
        gst_idle_watchdog_reason_to_string (reasons[i]));
    gst_message_unref (msg);
  }
}

GST_END_TEST;

GST_START_TEST (test_new_timeout_refuses_invalid_reason)
{
  GstIdleWatchdogTimeout in = full_timeout;
  GstMessage *msg = NULL;

  in.reason = (GstIdleWatchdogReason) 42;
  ASSERT_CRITICAL (msg = gst_idle_watchdog_message_new_timeout (NULL, &in));
  fail_unless (msg == NULL);
}

GST_END_TEST;

GST_START_TEST (test_new_timeout_refuses_null_info)
{
  GstMessage *msg = NULL;

  ASSERT_CRITICAL (msg = gst_idle_watchdog_message_new_timeout (NULL, NULL));
  fail_unless (msg == NULL);
}

GST_END_TEST;

GST_START_TEST (test_resumed_round_trip)
{
  GstObject *src = test_source ();
  GstMessage *msg = gst_idle_watchdog_message_new_resumed (src,
      4 * GST_SECOND, "session-2");
  const GstStructure *s = gst_message_get_structure (msg);
  GstClockTime silence = 0;
  const gchar *sid = NULL;

  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_ELEMENT);
  fail_unless (GST_MESSAGE_SRC (msg) == src);
  fail_unless (gst_structure_has_name (s, "idle-watchdog-resumed"));
  fail_unless (gst_structure_has_field_typed (s, "silence", G_TYPE_UINT64));
  fail_unless (gst_structure_has_field_typed (s, "session-id", G_TYPE_STRING));
  fail_unless_equals_int (gst_structure_n_fields (s), 2);
  fail_unless (gst_idle_watchdog_message_is_resumed (msg));
  fail_unless (gst_idle_watchdog_message_parse_resumed (msg, &silence, &sid));
  fail_unless_equals_uint64 (silence, 4 * GST_SECOND);
  fail_unless_equals_string (sid, "session-2");
  /* every output is optional */
  fail_unless (gst_idle_watchdog_message_parse_resumed (msg, NULL, NULL));
  gst_message_unref (msg);
  gst_object_unref (src);
}

GST_END_TEST;

GST_START_TEST (test_resumed_round_trip_without_session_id)
{
  GstMessage *msg = gst_idle_watchdog_message_new_resumed (NULL, 5, NULL);
  GstClockTime silence = 0;
  const gchar *sid = "untouched?";

  fail_if (gst_structure_has_field (gst_message_get_structure (msg),
          "session-id"));
  fail_unless (gst_idle_watchdog_message_parse_resumed (msg, &silence, &sid));
  fail_unless_equals_uint64 (silence, 5);
  fail_unless (sid == NULL);
  gst_message_unref (msg);
}

GST_END_TEST;

GST_START_TEST (test_switch_round_trip)
{
  GstObject *src = test_source ();
  GstMessage *msg = gst_idle_watchdog_message_new_switch (src, "isrc",
      "listen-to", "producer-b", "session-3");
  const GstStructure *s = gst_message_get_structure (msg);
  const gchar *e = NULL, *p = NULL, *t = NULL, *sid = NULL;

  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_ELEMENT);
  fail_unless (GST_MESSAGE_SRC (msg) == src);
  fail_unless (gst_structure_has_name (s, "idle-watchdog-switch"));
  fail_unless_equals_int (gst_structure_n_fields (s), 4);
  fail_unless (gst_idle_watchdog_message_is_switch (msg));
  fail_unless (gst_idle_watchdog_message_parse_switch (msg, &e, &p, &t, &sid));
  fail_unless_equals_string (e, "isrc");
  fail_unless_equals_string (p, "listen-to");
  fail_unless_equals_string (t, "producer-b");
  fail_unless_equals_string (sid, "session-3");
  fail_unless (gst_idle_watchdog_message_parse_switch (msg, NULL, NULL, NULL,
          NULL));
  gst_message_unref (msg);
  gst_object_unref (src);
}

GST_END_TEST;

GST_START_TEST (test_switch_round_trip_null_target_and_session)
{
  GstMessage *msg = gst_idle_watchdog_message_new_switch (NULL, "sel",
      "active-pad", NULL, NULL);
  const gchar *t = NULL, *sid = "untouched?";

  fail_if (gst_structure_has_field (gst_message_get_structure (msg),
          "session-id"));
  fail_unless (gst_idle_watchdog_message_parse_switch (msg, NULL, NULL, &t,
          &sid));
  fail_unless_equals_string (t, "");
  fail_unless (sid == NULL);
  gst_message_unref (msg);
}

GST_END_TEST;

GST_START_TEST (test_new_switch_refuses_null_element_or_property)
{
  GstMessage *msg = NULL;

  ASSERT_CRITICAL (msg = gst_idle_watchdog_message_new_switch (NULL, NULL,
          "listen-to", "x", NULL));
  fail_unless (msg == NULL);
  ASSERT_CRITICAL (msg = gst_idle_watchdog_message_new_switch (NULL, "isrc",
          NULL, "x", NULL));
  fail_unless (msg == NULL);
}

GST_END_TEST;

GST_START_TEST (test_new_refuses_non_object_source)
{
  GstMessage *msg = NULL;
  GstIdleWatchdogTimeout in = full_timeout;
  GObject *not_a_gst_object = g_object_new (G_TYPE_OBJECT, NULL);

  ASSERT_CRITICAL (msg = gst_idle_watchdog_message_new_timeout ((GstObject *)
          not_a_gst_object, &in));
  fail_unless (msg == NULL);
  ASSERT_CRITICAL (msg = gst_idle_watchdog_message_new_resumed ((GstObject *)
          not_a_gst_object, 1, NULL));
  fail_unless (msg == NULL);
  g_object_unref (not_a_gst_object);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Parsers reject what does not follow the schema                            */

GST_START_TEST (test_parse_timeout_rejects_wrong_typed_fields)
{
  GstStructure *s;

  s = valid_timeout_structure ();
  gst_structure_set (s, "reason", G_TYPE_INT, 1, NULL);
  assert_timeout_rejected (s, "an int reason");

  s = valid_timeout_structure ();
  gst_structure_set (s, "reason", G_TYPE_STRING, "bored", NULL);
  assert_timeout_rejected (s, "an unknown reason");

  s = valid_timeout_structure ();
  gst_structure_set (s, "silence", G_TYPE_STRING, "1000", NULL);
  assert_timeout_rejected (s, "a string silence");

  s = valid_timeout_structure ();
  gst_structure_set (s, "timeout", G_TYPE_UINT, 1000, NULL);
  assert_timeout_rejected (s, "a guint timeout");

  s = valid_timeout_structure ();
  gst_structure_set (s, "buffers", G_TYPE_INT64, (gint64) 3, NULL);
  assert_timeout_rejected (s, "a gint64 buffers");

  s = valid_timeout_structure ();
  gst_structure_set (s, "last-pts", G_TYPE_DOUBLE, 1.0, NULL);
  assert_timeout_rejected (s, "a double last-pts");

  s = valid_timeout_structure ();
  gst_structure_set (s, "media-type", G_TYPE_INT, 0, NULL);
  assert_timeout_rejected (s, "an int media-type");

  s = valid_timeout_structure ();
  gst_structure_set (s, "session-id", G_TYPE_INT, 0, NULL);
  assert_timeout_rejected (s, "an int session-id");

  s = valid_timeout_structure ();
  gst_structure_set (s, "switch-element", G_TYPE_BOOLEAN, TRUE, NULL);
  assert_timeout_rejected (s, "a boolean switch-element");

  s = valid_timeout_structure ();
  gst_structure_set (s, "switch-target", G_TYPE_UINT64, (guint64) 1, NULL);
  assert_timeout_rejected (s, "a guint64 switch-target");
}

GST_END_TEST;

GST_START_TEST (test_parse_timeout_rejects_missing_fields)
{
  const gchar *required[] = { "reason", "silence", "timeout", "buffers",
    "last-pts", "media-type"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (required); i++) {
    GstStructure *s = valid_timeout_structure ();
    gchar *what = g_strdup_printf ("no %s", required[i]);

    gst_structure_remove_field (s, required[i]);
    assert_timeout_rejected (s, what);
    g_free (what);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_timeout_accepts_the_reference_structure)
{
  /* the structure the rejection tests break is itself valid */
  GstMessage *msg = gst_message_new_element (NULL,
      valid_timeout_structure ());
  GstIdleWatchdogTimeout info;

  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  fail_unless_equals_int (info.reason, GST_IDLE_WATCHDOG_REASON_SILENCE);
  fail_unless_equals_string (info.media_type, "audio/x-raw");
  gst_message_unref (msg);
}

GST_END_TEST;

GST_START_TEST (test_parse_resumed_rejects_bad_fields)
{
  GstStructure *bad[3];
  guint i;

  bad[0] = gst_structure_new_empty (GST_IDLE_WATCHDOG_RESUMED_NAME);
  bad[1] = gst_structure_new (GST_IDLE_WATCHDOG_RESUMED_NAME,
      "silence", G_TYPE_STRING, "5", NULL);
  bad[2] = gst_structure_new (GST_IDLE_WATCHDOG_RESUMED_NAME,
      "silence", G_TYPE_UINT64, (guint64) 5, "session-id", G_TYPE_INT, 3, NULL);
  for (i = 0; i < G_N_ELEMENTS (bad); i++) {
    GstMessage *msg = gst_message_new_element (NULL, bad[i]);
    GstClockTime silence = 77;
    const gchar *sid = "untouched";

    fail_if (gst_idle_watchdog_message_parse_resumed (msg, &silence, &sid),
        "case %u", i);
    fail_unless_equals_uint64 (silence, 77);
    fail_unless_equals_string (sid, "untouched");
    gst_message_unref (msg);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_switch_rejects_bad_fields)
{
  const gchar *fields[] = { "switch-element", "switch-property",
    "switch-target"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (fields) * 2 + 1; i++) {
    GstStructure *s = gst_structure_new (GST_IDLE_WATCHDOG_SWITCH_NAME,
        "switch-element", G_TYPE_STRING, "e",
        "switch-property", G_TYPE_STRING, "p",
        "switch-target", G_TYPE_STRING, "t", NULL);
    GstMessage *msg;
    const gchar *e = "E", *p = "P", *t = "T", *sid = "S";

    if (i < G_N_ELEMENTS (fields))
      gst_structure_remove_field (s, fields[i]);
    else if (i < G_N_ELEMENTS (fields) * 2)
      gst_structure_set (s, fields[i - G_N_ELEMENTS (fields)], G_TYPE_INT, 1,
          NULL);
    else
      gst_structure_set (s, "session-id", G_TYPE_DOUBLE, 1.0, NULL);
    msg = gst_message_new_element (NULL, s);
    fail_if (gst_idle_watchdog_message_parse_switch (msg, &e, &p, &t, &sid),
        "case %u", i);
    fail_unless_equals_string (e, "E");
    fail_unless_equals_string (p, "P");
    fail_unless_equals_string (t, "T");
    fail_unless_equals_string (sid, "S");
    gst_message_unref (msg);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_refuses_null_message)
{
  GstIdleWatchdogTimeout info;
  gboolean ok = TRUE;

  ASSERT_CRITICAL (ok = gst_idle_watchdog_message_parse_timeout (NULL, &info));
  fail_if (ok);
  ok = TRUE;
  ASSERT_CRITICAL (ok = gst_idle_watchdog_message_parse_resumed (NULL, NULL,
          NULL));
  fail_if (ok);
  ok = TRUE;
  ASSERT_CRITICAL (ok = gst_idle_watchdog_message_parse_switch (NULL, NULL,
          NULL, NULL, NULL));
  fail_if (ok);
}

GST_END_TEST;

GST_START_TEST (test_parse_timeout_refuses_null_output)
{
  GstMessage *msg = gst_idle_watchdog_message_new_timeout (NULL,
      &full_timeout);
  gboolean ok = TRUE;

  ASSERT_CRITICAL (ok = gst_idle_watchdog_message_parse_timeout (msg, NULL));
  fail_if (ok);
  gst_message_unref (msg);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Recognising messages                                                      */

GST_START_TEST (test_is_false_for_other_messages)
{
  GstMessage *others[4];
  guint i;

  others[0] = gst_message_new_eos (NULL);
  others[1] = gst_message_new_element (NULL,
      gst_structure_new_empty ("GstUDPSrcTimeout"));
  /* the right name on the wrong message type */
  others[2] = gst_message_new_application (NULL,
      gst_structure_new_empty (GST_IDLE_WATCHDOG_TIMEOUT_NAME));
  others[3] = gst_message_new_custom (GST_MESSAGE_WARNING, NULL,
      gst_structure_new_empty (GST_IDLE_WATCHDOG_RESUMED_NAME));

  for (i = 0; i < G_N_ELEMENTS (others); i++) {
    GstIdleWatchdogTimeout info;

    fail_if (gst_idle_watchdog_message_is_timeout (others[i]), "case %u", i);
    fail_if (gst_idle_watchdog_message_is_resumed (others[i]), "case %u", i);
    fail_if (gst_idle_watchdog_message_is_switch (others[i]), "case %u", i);
    fail_if (gst_idle_watchdog_message_parse_timeout (others[i], &info));
    fail_if (gst_idle_watchdog_message_parse_resumed (others[i], NULL, NULL));
    fail_if (gst_idle_watchdog_message_parse_switch (others[i], NULL, NULL,
            NULL, NULL));
    gst_message_unref (others[i]);
  }
}

GST_END_TEST;

GST_START_TEST (test_is_distinguishes_the_three_messages)
{
  GstMessage *t = gst_idle_watchdog_message_new_timeout (NULL, &full_timeout);
  GstMessage *r = gst_idle_watchdog_message_new_resumed (NULL, 1, NULL);
  GstMessage *s = gst_idle_watchdog_message_new_switch (NULL, "e", "p", "t",
      NULL);
  GstIdleWatchdogTimeout info;

  fail_unless (gst_idle_watchdog_message_is_timeout (t));
  fail_if (gst_idle_watchdog_message_is_resumed (t));
  fail_if (gst_idle_watchdog_message_is_switch (t));
  fail_if (gst_idle_watchdog_message_is_timeout (r));
  fail_unless (gst_idle_watchdog_message_is_resumed (r));
  fail_if (gst_idle_watchdog_message_is_switch (r));
  fail_if (gst_idle_watchdog_message_is_timeout (s));
  fail_if (gst_idle_watchdog_message_is_resumed (s));
  fail_unless (gst_idle_watchdog_message_is_switch (s));

  fail_if (gst_idle_watchdog_message_parse_timeout (r, &info));
  fail_if (gst_idle_watchdog_message_parse_resumed (s, NULL, NULL));
  fail_if (gst_idle_watchdog_message_parse_switch (t, NULL, NULL, NULL, NULL));
  gst_message_unref (t);
  gst_message_unref (r);
  gst_message_unref (s);
}

GST_END_TEST;

GST_START_TEST (test_is_refuses_null)
{
  gboolean ok = TRUE;

  ASSERT_CRITICAL (ok = gst_idle_watchdog_message_is_timeout (NULL));
  fail_if (ok);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Reasons                                                                   */

GST_START_TEST (test_reason_to_string)
{
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (GST_IDLE_WATCHDOG_REASON_STARTUP), "startup");
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (GST_IDLE_WATCHDOG_REASON_SILENCE), "silence");
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (GST_IDLE_WATCHDOG_REASON_SWITCH), "switch");
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (GST_IDLE_WATCHDOG_REASON_NO_LISTENERS), "no-listeners");
  fail_unless_equals_string (gst_idle_watchdog_reason_to_string
      (GST_IDLE_WATCHDOG_REASON_BLOCKED), "blocked");
}

GST_END_TEST;

GST_START_TEST (test_reason_to_string_invalid_is_null)
{
  fail_unless (gst_idle_watchdog_reason_to_string ((GstIdleWatchdogReason)
          5) == NULL);
  fail_unless (gst_idle_watchdog_reason_to_string ((GstIdleWatchdogReason)
          - 1) == NULL);
  fail_unless (gst_idle_watchdog_reason_to_string ((GstIdleWatchdogReason)
          G_MAXINT) == NULL);
}

GST_END_TEST;

GST_START_TEST (test_reason_from_string)
{
  const gchar *nicks[] = { "startup", "silence", "switch", "no-listeners",
    "blocked"
  };
  GstIdleWatchdogReason expected[] = { GST_IDLE_WATCHDOG_REASON_STARTUP,
    GST_IDLE_WATCHDOG_REASON_SILENCE, GST_IDLE_WATCHDOG_REASON_SWITCH,
    GST_IDLE_WATCHDOG_REASON_NO_LISTENERS, GST_IDLE_WATCHDOG_REASON_BLOCKED
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (nicks); i++) {
    GstIdleWatchdogReason r = (GstIdleWatchdogReason) 99;

    fail_unless (gst_idle_watchdog_reason_from_string (nicks[i], &r));
    fail_unless_equals_int (r, expected[i]);
  }
}

GST_END_TEST;

GST_START_TEST (test_reason_from_string_invalid)
{
  const gchar *bad[] = { "", "Silence", "silence ", "no_listeners", "0",
    "timeout"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad); i++) {
    GstIdleWatchdogReason r = (GstIdleWatchdogReason) 99;

    fail_if (gst_idle_watchdog_reason_from_string (bad[i], &r), "'%s'", bad[i]);
    fail_unless_equals_int (r, 99);
  }
}

GST_END_TEST;

GST_START_TEST (test_reason_from_string_refuses_null)
{
  GstIdleWatchdogReason r = (GstIdleWatchdogReason) 99;
  gboolean ok = TRUE;

  ASSERT_CRITICAL (ok = gst_idle_watchdog_reason_from_string (NULL, &r));
  fail_if (ok);
  fail_unless_equals_int (r, 99);
  ok = TRUE;
  ASSERT_CRITICAL (ok = gst_idle_watchdog_reason_from_string ("silence", NULL));
  fail_if (ok);
}

GST_END_TEST;

GST_START_TEST (test_reason_enum_type_nicks)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_IDLE_WATCHDOG_REASON);
  guint i;

  fail_unless_equals_int (klass->n_values, 5);
  for (i = 0; i < klass->n_values; i++)
    fail_unless_equals_string (klass->values[i].value_nick,
        gst_idle_watchdog_reason_to_string (klass->values[i].value));
  g_type_class_unref (klass);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Session ids                                                               */

GST_START_TEST (test_get_session_id_of_each_message)
{
  GstIdleWatchdogTimeout in = full_timeout;
  GstMessage *msgs[3];
  guint i;

  in.session_id = "s-timeout";
  msgs[0] = gst_idle_watchdog_message_new_timeout (NULL, &in);
  msgs[1] = gst_idle_watchdog_message_new_resumed (NULL, 1, "s-resumed");
  msgs[2] = gst_idle_watchdog_message_new_switch (NULL, "e", "p", "t",
      "s-switch");
  fail_unless_equals_string (gst_idle_watchdog_message_get_session_id
      (msgs[0]), "s-timeout");
  fail_unless_equals_string (gst_idle_watchdog_message_get_session_id
      (msgs[1]), "s-resumed");
  fail_unless_equals_string (gst_idle_watchdog_message_get_session_id
      (msgs[2]), "s-switch");
  for (i = 0; i < G_N_ELEMENTS (msgs); i++)
    gst_message_unref (msgs[i]);
}

GST_END_TEST;

GST_START_TEST (test_get_session_id_null_when_unset)
{
  GstIdleWatchdogTimeout in = full_timeout;
  GstMessage *msgs[3];
  guint i;

  in.session_id = NULL;
  msgs[0] = gst_idle_watchdog_message_new_timeout (NULL, &in);
  msgs[1] = gst_idle_watchdog_message_new_resumed (NULL, 1, NULL);
  msgs[2] = gst_idle_watchdog_message_new_switch (NULL, "e", "p", "t", NULL);
  for (i = 0; i < G_N_ELEMENTS (msgs); i++) {
    fail_unless (gst_idle_watchdog_message_get_session_id (msgs[i]) == NULL);
    gst_message_unref (msgs[i]);
  }
}

GST_END_TEST;

GST_START_TEST (test_get_session_id_null_for_other_messages)
{
  GstMessage *other = gst_message_new_element (NULL,
      gst_structure_new ("not-a-watchdog", "session-id", G_TYPE_STRING, "x",
          NULL));
  GstMessage *wrong_type = gst_message_new_element (NULL,
      gst_structure_new (GST_IDLE_WATCHDOG_RESUMED_NAME,
          "silence", G_TYPE_UINT64, (guint64) 1, "session-id", G_TYPE_INT, 1,
          NULL));
  const gchar *sid = "untouched";

  fail_unless (gst_idle_watchdog_message_get_session_id (other) == NULL);
  fail_unless (gst_idle_watchdog_message_get_session_id (wrong_type) == NULL);
  ASSERT_CRITICAL (sid = gst_idle_watchdog_message_get_session_id (NULL));
  fail_unless (sid == NULL);
  gst_message_unref (other);
  gst_message_unref (wrong_type);
}

GST_END_TEST;

static Suite *
messages_suite (void)
{
  Suite *s = suite_create ("messages");
  TCase *tc;

  idw_check_watch_own_log_domains ();

  tc = tcase_create ("round-trips");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_timeout_round_trip_all_fields);
  tcase_add_test (tc, test_timeout_field_names_and_types);
  tcase_add_test (tc, test_timeout_round_trip_without_optional_strings);
  tcase_add_test (tc, test_timeout_round_trip_every_reason);
  tcase_add_test (tc, test_new_timeout_refuses_invalid_reason);
  tcase_add_test (tc, test_new_timeout_refuses_null_info);
  tcase_add_test (tc, test_resumed_round_trip);
  tcase_add_test (tc, test_resumed_round_trip_without_session_id);
  tcase_add_test (tc, test_switch_round_trip);
  tcase_add_test (tc, test_switch_round_trip_null_target_and_session);
  tcase_add_test (tc, test_new_switch_refuses_null_element_or_property);
  tcase_add_test (tc, test_new_refuses_non_object_source);

  tc = tcase_create ("parse");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_parse_timeout_rejects_wrong_typed_fields);
  tcase_add_test (tc, test_parse_timeout_rejects_missing_fields);
  tcase_add_test (tc, test_parse_timeout_accepts_the_reference_structure);
  tcase_add_test (tc, test_parse_resumed_rejects_bad_fields);
  tcase_add_test (tc, test_parse_switch_rejects_bad_fields);
  tcase_add_test (tc, test_parse_refuses_null_message);
  tcase_add_test (tc, test_parse_timeout_refuses_null_output);

  tc = tcase_create ("is");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_is_false_for_other_messages);
  tcase_add_test (tc, test_is_distinguishes_the_three_messages);
  tcase_add_test (tc, test_is_refuses_null);

  tc = tcase_create ("reasons");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_reason_to_string);
  tcase_add_test (tc, test_reason_to_string_invalid_is_null);
  tcase_add_test (tc, test_reason_from_string);
  tcase_add_test (tc, test_reason_from_string_invalid);
  tcase_add_test (tc, test_reason_from_string_refuses_null);
  tcase_add_test (tc, test_reason_enum_type_nicks);

  tc = tcase_create ("session-id");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_get_session_id_of_each_message);
  tcase_add_test (tc, test_get_session_id_null_when_unset);
  tcase_add_test (tc, test_get_session_id_null_for_other_messages);

  return s;
}

GST_CHECK_MAIN (messages);
