/* gst-idlewatchdog: hostile input to the element and the message parsers
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every property is given out-of-range, wrong-type and garbage values, both
 * through gst_parse_launch() strings (what gst-launch-1.0 and applications
 * that take a pipeline description do) and through g_object_set(). Each must
 * end in a clear error (a GError, or GLib's warning or critical naming the
 * property), never a crash, and the element must keep its previous value
 * and keep working: every test then runs the element on GstTestClock and
 * checks that the timeout still fires with the kept limit.
 *
 * The message parsers get messages with each field missing or of the wrong
 * type: they must return FALSE and leave their outputs untouched.
 */
#include <gst/check/gstcheck.h>

#include "../common/idw-check.h"
#include <gst/check/gstharness.h>
#include <gst/check/gsttestclock.h>

#include <gst/idlewatchdog/idlewatchdog.h>
#include "../common/idw-tap.h"

#define MS GST_MSECOND

static guint inputs_tried;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

typedef enum
{
  LOG_NONE = 0,
  LOG_WARNING = 1 << 0,
  LOG_CRITICAL = 1 << 1,
} LogSeen;

/* gst-check aborts on any GLib warning or critical it does not expect: say
 * that one may come, and report which came. */
static void
expect_log_begin (void)
{
  _gst_check_raised_warning = FALSE;
  _gst_check_raised_critical = FALSE;
  _gst_check_expecting_log = TRUE;
}

static LogSeen
expect_log_end (void)
{
  LogSeen seen = LOG_NONE;

  _gst_check_expecting_log = FALSE;
  if (_gst_check_raised_warning)
    seen |= LOG_WARNING;
  if (_gst_check_raised_critical)
    seen |= LOG_CRITICAL;
  return seen;
}

static void
setup (void)
{
  idw_check_watch_own_log_domains ();
  inputs_tried = 0;
}

/* each test runs in its own process: count per test */
static void
teardown (void)
{
  g_print ("hostile: %u inputs tried\n", inputs_tried);
}

/* Runs @wd (in PLAYING from time 0) on a GstTestClock and returns the limit
 * of its first timeout, after checking the action was only a message. */
static GstClockTime
first_timeout_limit (GstElement * wd)
{
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstTestClock *clock;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;
  GstClockTime limit = GST_CLOCK_TIME_NONE;
  IdwTap *tap;

  /* takes the caller's (floating) reference */
  gst_object_ref_sink (wd);
  h = gst_harness_new_with_element (wd, "sink", "src");

  tap = idw_tap_attach (bus, wd);
  gst_element_set_bus (wd, bus);
  clock = gst_harness_get_testclock (h);
  gst_harness_set_src_caps_str (h, "video/x-raw");
  fail_unless (gst_harness_crank_single_clock_wait (h));
  msg = idw_tap_pop (tap);
  fail_unless (msg != NULL, "the element no longer times out");
  fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
  limit = info.timeout;
  fail_unless_equals_uint64 (gst_clock_get_time (GST_CLOCK (clock)), limit);
  gst_message_unref (msg);
  /* action stayed `message`: no error, no EOS */
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR) == NULL);
  {
    GstEvent *ev;

    while ((ev = gst_harness_try_pull_event (h)) != NULL) {
      fail_if (GST_EVENT_TYPE (ev) == GST_EVENT_EOS);
      gst_event_unref (ev);
    }
  }

  gst_object_unref (clock);
  gst_element_set_bus (wd, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
  gst_object_unref (wd);
  return limit;
}

static guint
get_uint (GstElement * e, const gchar * prop)
{
  guint v;

  g_object_get (e, prop, &v, NULL);
  return v;
}

static const gchar *const uint_props[] = {
  "timeout", "startup-timeout", "switch-timeout", "listener-timeout", NULL
};

static const guint uint_defaults[] = { 1000, 0, 0, 0 };

/* Values no guint property in [0, 86400000] may accept */
static const gchar *const bad_uint_values[] = {
  "-5", "-1", "86400001", "4294967295", "99999999999999999999",
  "18446744073709551615", "abc", "12abc", "1e3", "1.5", "0.0", "{1,2}",
  "<1,2>", "[1,2]", "(string)5", "(int)5", "(guint64)5", "(double)1.0",
  "true", "0x", "--1", "+-3", "\"\\\"\"", "\"1 2\"", "NaN", "inf",
  "0b101", "١٢", "\"\\xff\\xfe\"", "1;2", "%d%n%s",
  NULL
};

static const gchar *const bad_action_values[] = {
  "explode", "99", "-1", "3", "message,eos", "{eos}", "(int)1", "1.0",
  "\"eos error\"", "GST_IDLE_WATCHDOG_ACTION_BOGUS",
  "%s%s%s", NULL
};

static const gchar *const bad_boolean_values[] = {
  "maybe", "2", "-1", "\"\"", "(int)1", "{true,false}", "truefalse", NULL
};

/* Parses "idlewatchdog <prop>=<value>" and checks it failed clearly: either
 * a GError (and no element), or a GLib warning naming the problem with the
 * property left at @old. Returns the element when one was built. */
static GstElement *
parse_bad (const gchar * prop, const gchar * value, guint old)
{
  gchar *desc = g_strdup_printf ("idlewatchdog name=wd %s=%s", prop, value);
  GError *err = NULL;
  GstElement *e;
  LogSeen seen;

  inputs_tried++;
  expect_log_begin ();
  e = gst_parse_launch (desc, &err);
  seen = expect_log_end ();

  if (err != NULL) {
    fail_unless (e == NULL, "'%s': error '%s' but an element was built",
        desc, err->message);
    fail_unless (err->domain == GST_PARSE_ERROR, "'%s': %s", desc,
        err->message);
    fail_unless (strstr (err->message, prop) != NULL,
        "'%s': the error does not name the property: %s", desc, err->message);
    g_error_free (err);
  } else {
    fail_unless (e != NULL, "'%s': neither element nor error", desc);
    fail_unless (seen & LOG_WARNING, "'%s' was accepted silently (value %u)",
        desc, get_uint (e, prop));
    fail_unless_equals_int (get_uint (e, prop), old);
  }
  g_free (desc);
  return e;
}

/* ------------------------------------------------------------------------ */
/* Properties through launch strings                                        */

GST_START_TEST (test_launch_bad_unsigned_values_are_refused_and_default_kept)
{
  guint p, v, built = 0;

  for (p = 0; uint_props[p] != NULL; p++) {
    for (v = 0; bad_uint_values[v] != NULL; v++) {
      GstElement *e = parse_bad (uint_props[p], bad_uint_values[v],
          uint_defaults[p]);

      if (e == NULL)
        continue;
      built++;
      /* the element still works with the default limits */
      fail_unless_equals_uint64 (first_timeout_limit (e), 1000 * MS);
    }
  }
  GST_INFO ("%u elements built and run", built);
}

GST_END_TEST;

GST_START_TEST (test_launch_bad_action_values_are_refused)
{
  guint v;

  for (v = 0; bad_action_values[v] != NULL; v++) {
    gchar *desc = g_strdup_printf ("idlewatchdog action=%s",
        bad_action_values[v]);
    GError *err = NULL;
    GstElement *e;

    inputs_tried++;
    e = gst_parse_launch (desc, &err);
    fail_unless (e == NULL, "'%s' was accepted", desc);
    fail_unless (err != NULL && g_error_matches (err, GST_PARSE_ERROR,
            GST_PARSE_ERROR_COULD_NOT_SET_PROPERTY), "'%s'", desc);
    fail_unless (strstr (err->message, "action") != NULL);
    g_error_free (err);
    g_free (desc);
  }
}

GST_END_TEST;

GST_START_TEST (test_launch_bad_boolean_values_are_refused)
{
  guint v;

  for (v = 0; bad_boolean_values[v] != NULL; v++) {
    gchar *desc = g_strdup_printf ("idlewatchdog watch-switches=%s",
        bad_boolean_values[v]);
    GError *err = NULL;
    GstElement *e;

    inputs_tried++;
    e = gst_parse_launch (desc, &err);
    fail_unless (e == NULL, "'%s' was accepted", desc);
    fail_unless (g_error_matches (err, GST_PARSE_ERROR,
            GST_PARSE_ERROR_COULD_NOT_SET_PROPERTY), "'%s'", desc);
    g_error_free (err);
    g_free (desc);
  }
}

GST_END_TEST;

GST_START_TEST (test_launch_unknown_properties_and_signals_are_refused)
{
  const gchar *const props[] = {
    "nosuch=1", "kick=1", "Timeout=5", "time-out=5", "timeout_ms=5",
    "session-idx=x", "buffers-=1", NULL
  };
  guint i;

  for (i = 0; props[i] != NULL; i++) {
    gchar *desc = g_strdup_printf ("idlewatchdog %s", props[i]);
    GError *err = NULL;
    GstElement *e;

    inputs_tried++;
    e = gst_parse_launch (desc, &err);
    fail_unless (e == NULL, "'%s' was accepted", desc);
    fail_unless (g_error_matches (err, GST_PARSE_ERROR,
            GST_PARSE_ERROR_NO_SUCH_PROPERTY), "'%s': %s", desc,
        err ? err->message : "no error");
    g_error_free (err);
    g_free (desc);
  }
}

GST_END_TEST;

GST_START_TEST (test_launch_read_only_properties_are_refused_with_a_critical)
{
  const gchar *const props[] = {
    "buffers=5", "timeouts=1", "idle=true", NULL
  };
  guint i;

  for (i = 0; props[i] != NULL; i++) {
    gchar *desc = g_strdup_printf ("idlewatchdog name=wd %s", props[i]);
    GError *err = NULL;
    GstElement *e = NULL;
    guint timeouts;
    guint64 nbuffers;
    gboolean idle;

    inputs_tried++;
    /* GLib refuses to construct with a read-only property: a critical */
    ASSERT_CRITICAL (e = gst_parse_launch (desc, &err));
    fail_unless (e != NULL);
    g_clear_error (&err);
    g_object_get (e, "buffers", &nbuffers, "timeouts", &timeouts, "idle",
        &idle, NULL);
    fail_unless_equals_uint64 (nbuffers, 0);
    fail_unless_equals_int (timeouts, 0);
    fail_unless (!idle);
    fail_unless_equals_uint64 (first_timeout_limit (e), 1000 * MS);
    g_free (desc);
  }
}

GST_END_TEST;

GST_START_TEST (test_launch_garbage_session_ids_are_carried_verbatim)
{
  /* strings have no invalid values: whatever the parser makes of them must
   * reach the message unchanged */
  const gchar *const ids[][2] = {
    {"\"a b;c=d,e\"", "a b;c=d,e"},
    {"(int)5", "(int)5"},
    {"\"{1,2}\"", "{1,2}"},
    {"\"%s%n%x\"", "%s%n%x"},
    {"\"\xc3\xa9t\xc3\xa9\"", "\xc3\xa9t\xc3\xa9"},
    {"\"\"", ""},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ids); i++) {
    gchar *desc = g_strdup_printf ("idlewatchdog session-id=%s", ids[i][0]);
    GError *err = NULL;
    GstElement *e;
    gchar *got;

    inputs_tried++;
    e = gst_parse_launch (desc, &err);
    fail_unless (e != NULL && err == NULL, "'%s': %s", desc,
        err ? err->message : "");
    g_object_get (e, "session-id", &got, NULL);
    fail_unless_equals_string (got, ids[i][1]);
    g_free (got);
    fail_unless_equals_uint64 (first_timeout_limit (e), 1000 * MS);
    g_free (desc);
  }
}

GST_END_TEST;

/* GStreamer's own deserialiser (gst_value_deserialize for guint, not the
 * element) turns these into 0, which disables the watchdog. The element
 * cannot tell them from a real 0; this documents the hazard (see
 * docs/reliability.md) and notices if GStreamer changes. */
GST_START_TEST (test_launch_values_gstreamer_parses_as_zero)
{
  const gchar *const values[] = { "timeout=4294967296", "timeout=\"\"",
    "action=\"\"", NULL
  };
  guint i;

  for (i = 0; values[i] != NULL; i++) {
    gchar *desc = g_strdup_printf ("idlewatchdog action=error %s", values[i]);
    GError *err = NULL;
    GstElement *e;

    inputs_tried++;
    e = gst_parse_launch (desc, &err);
    fail_unless (e != NULL && err == NULL);
    if (g_str_has_prefix (values[i], "timeout")) {
      fail_unless_equals_int (get_uint (e, "timeout"), 0);
      gst_object_unref (e);
    } else {
      /* "" is read as the first value, `message` */
      fail_unless_equals_uint64 (first_timeout_limit (e), 1000 * MS);
    }
    g_free (desc);
  }
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Properties through g_object_set on a running element                     */

typedef struct
{
  GstHarness *h;
  GstBus *bus;
  GstTestClock *clock;
} Running;

static void
running_start (Running * r)
{
  r->h = gst_harness_new ("idlewatchdog");
  r->bus = gst_bus_new ();
  idw_tap_attach (r->bus, r->h->element);
  gst_element_set_bus (r->h->element, r->bus);
  r->clock = gst_harness_get_testclock (r->h);
  g_object_set (r->h->element, "timeout", 500, "startup-timeout", 300,
      "switch-timeout", 200, "listener-timeout", 100, "session-id", "s1",
      "action", GST_IDLE_WATCHDOG_ACTION_MESSAGE, NULL);
  gst_harness_set_src_caps_str (r->h, "video/x-raw");
  fail_unless_equals_int (gst_harness_push (r->h, gst_buffer_new ()),
      GST_FLOW_OK);
}

/* The limits set in running_start are still in force */
static void
running_check_and_stop (Running * r)
{
  GstElement *e = r->h->element;
  GstMessage *msg;
  GstIdleWatchdogTimeout info;
  gchar *sid;
  GstIdleWatchdogAction action;

  fail_unless_equals_int (get_uint (e, "timeout"), 500);
  fail_unless_equals_int (get_uint (e, "startup-timeout"), 300);
  fail_unless_equals_int (get_uint (e, "switch-timeout"), 200);
  fail_unless_equals_int (get_uint (e, "listener-timeout"), 100);
  g_object_get (e, "session-id", &sid, "action", &action, NULL);
  fail_unless_equals_string (sid, "s1");
  fail_unless_equals_int (action, GST_IDLE_WATCHDOG_ACTION_MESSAGE);
  g_free (sid);

  /* and the element still runs: the startup wait at 300 ms finds the buffer
   * pushed at 0, which then times out at 500 ms */
  while (gst_harness_crank_single_clock_wait (r->h)) {
    msg = idw_tap_pop (idw_tap_of (r->bus));
    if (msg == NULL)
      continue;
    fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
    fail_unless_equals_uint64 (info.timeout, 500 * MS);
    fail_unless_equals_uint64 (gst_clock_get_time (GST_CLOCK (r->clock)),
        500 * MS);
    fail_unless_equals_string (info.session_id, "s1");
    gst_message_unref (msg);
    break;
  }
  fail_unless_equals_int (get_uint (e, "timeouts"), 1);

  gst_object_unref (r->clock);
  gst_element_set_bus (r->h->element, NULL);
  gst_object_unref (r->bus);
  gst_harness_teardown (r->h);
}

GST_START_TEST (test_set_out_of_range_values_warns_and_keeps_value)
{
  Running r;
  const guint bad[] = { 86400001, 90000000, G_MAXINT, G_MAXUINT - 1,
    G_MAXUINT
  };
  guint p, v;

  running_start (&r);
  for (p = 0; uint_props[p] != NULL; p++) {
    for (v = 0; v < G_N_ELEMENTS (bad); v++) {
      inputs_tried++;
      ASSERT_WARNING (g_object_set (r.h->element, uint_props[p], bad[v],
              NULL));
    }
  }
  for (v = 0; v < 5; v++) {
    const gint actions[] = { 3, 4, 99, -1, G_MAXINT };

    inputs_tried++;
    ASSERT_WARNING (g_object_set (r.h->element, "action", actions[v], NULL));
  }
  running_check_and_stop (&r);
}

GST_END_TEST;

GST_START_TEST (test_set_wrong_typed_values_warns_and_keeps_value)
{
  Running r;
  GValue str = G_VALUE_INIT, neg = G_VALUE_INIT, big = G_VALUE_INIT,
      ptr = G_VALUE_INIT, obj = G_VALUE_INIT, boxed = G_VALUE_INIT;
  const GValue *values[] = { &str, &neg, &big, &ptr, &obj, &boxed };
  const gchar *const props[] = {
    "timeout", "startup-timeout", "switch-timeout", "listener-timeout",
    "action"
  };
  guint p, v;

  g_value_init (&str, G_TYPE_STRING);
  g_value_set_string (&str, "500");
  g_value_init (&neg, G_TYPE_INT);
  g_value_set_int (&neg, -5);
  g_value_init (&big, G_TYPE_UINT64);
  g_value_set_uint64 (&big, G_MAXUINT64);
  g_value_init (&ptr, G_TYPE_POINTER);
  g_value_set_pointer (&ptr, &r);
  g_value_init (&obj, GST_TYPE_OBJECT);
  g_value_init (&boxed, GST_TYPE_CAPS);
  g_value_take_boxed (&boxed, gst_caps_new_any ());

  running_start (&r);
  for (p = 0; p < G_N_ELEMENTS (props); p++) {
    for (v = 0; v < G_N_ELEMENTS (values); v++) {
      inputs_tried++;
      ASSERT_WARNING (g_object_set_property (G_OBJECT (r.h->element),
              props[p], values[v]));
    }
  }
  /* a string property takes no pointer */
  inputs_tried++;
  ASSERT_WARNING (g_object_set_property (G_OBJECT (r.h->element),
          "session-id", &ptr));
  running_check_and_stop (&r);

  for (v = 0; v < G_N_ELEMENTS (values); v++)
    g_value_unset ((GValue *) values[v]);
}

GST_END_TEST;

GST_START_TEST (test_set_read_only_and_unknown_properties_warns)
{
  Running r;

  running_start (&r);
  inputs_tried += 6;
  ASSERT_WARNING (g_object_set (r.h->element, "buffers", (guint64) 7, NULL));
  ASSERT_WARNING (g_object_set (r.h->element, "timeouts", 7, NULL));
  ASSERT_WARNING (g_object_set (r.h->element, "idle", TRUE, NULL));
  ASSERT_WARNING (g_object_set (r.h->element, "nosuch", 7, NULL));
  ASSERT_WARNING (g_object_set (r.h->element, "Timeout", 7, NULL));
  ASSERT_WARNING (g_signal_emit_by_name (r.h->element, "kick-me"));
  running_check_and_stop (&r);
}

GST_END_TEST;

GST_START_TEST (test_set_garbage_session_id_reaches_the_message_verbatim)
{
  GstHarness *h = gst_harness_new ("idlewatchdog");
  GstBus *bus = gst_bus_new ();
  IdwTap *tap;
  GString *huge = g_string_new (NULL);
  gchar bytes[128];
  const gchar *ids[4];
  guint i;

  /* every ASCII byte but NUL, multi-byte UTF-8, 1 MiB, empty */
  for (i = 0; i < 127; i++)
    bytes[i] = (gchar) (i + 1);
  bytes[127] = '\0';
  for (i = 0; i < 1024 * 1024; i++)
    g_string_append_c (huge, 'a' + i % 26);
  ids[0] = "\xe2\x82\xac\xf0\x9f\x98\x80 ;=,\"{}";
  ids[1] = bytes;
  ids[2] = huge->str;
  ids[3] = "";

  tap = idw_tap_attach (bus, h->element);
  gst_element_set_bus (h->element, bus);
  g_object_set (h->element, "timeout", 100, NULL);
  gst_harness_set_src_caps_str (h, "video/x-raw");
  for (i = 0; i < G_N_ELEMENTS (ids); i++) {
    GstMessage *msg;
    GstIdleWatchdogTimeout info;

    inputs_tried++;
    g_object_set (h->element, "session-id", ids[i], NULL);
    /* activity, then a timeout that carries the id */
    g_signal_emit_by_name (h->element, "kick");
    while ((msg = idw_tap_pop (tap)) == NULL)
      fail_unless (gst_harness_crank_single_clock_wait (h));
    if (gst_idle_watchdog_message_is_resumed (msg)) {
      gst_message_unref (msg);
      while ((msg = idw_tap_pop (tap)) == NULL)
        fail_unless (gst_harness_crank_single_clock_wait (h));
    }
    fail_unless (gst_idle_watchdog_message_parse_timeout (msg, &info));
    fail_unless_equals_string (info.session_id, ids[i]);
    fail_unless_equals_string (gst_idle_watchdog_message_get_session_id (msg),
        ids[i]);
    gst_message_unref (msg);
  }
  g_string_free (huge, TRUE);
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* GStreamer refuses to put a string that is not UTF-8 into a structure (it
 * warns and drops the field), so a session-id that is not UTF-8 would post
 * every message without its session-id: the element must refuse it when it
 * is set, with a warning, and keep the previous value. */
GST_START_TEST (test_set_non_utf8_session_id_is_refused_and_previous_kept)
{
  Running r;
  const gchar *const bad[] = { "\xff\xfe", "ok\x80", "\xc3\x28",
    "\xed\xa0\x80"
  };
  guint i;

  running_start (&r);
  for (i = 0; i < G_N_ELEMENTS (bad); i++) {
    inputs_tried++;
    ASSERT_WARNING (g_object_set (r.h->element, "session-id", bad[i], NULL));
  }
  running_check_and_stop (&r);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Message parsers                                                          */

static GstStructure *
valid_timeout_structure (void)
{
  return gst_structure_new (GST_IDLE_WATCHDOG_TIMEOUT_NAME,
      "reason", G_TYPE_STRING, "silence",
      "silence", G_TYPE_UINT64, (guint64) 1,
      "timeout", G_TYPE_UINT64, (guint64) 2,
      "buffers", G_TYPE_UINT64, (guint64) 3,
      "last-pts", G_TYPE_UINT64, (guint64) 4,
      "media-type", G_TYPE_STRING, "video/x-raw",
      "session-id", G_TYPE_STRING, "s",
      "switch-element", G_TYPE_STRING, "e",
      "switch-target", G_TYPE_STRING, "t", NULL);
}

static GstStructure *
valid_resumed_structure (void)
{
  return gst_structure_new (GST_IDLE_WATCHDOG_RESUMED_NAME,
      "silence", G_TYPE_UINT64, (guint64) 5,
      "session-id", G_TYPE_STRING, "s", NULL);
}

static GstStructure *
valid_switch_structure (void)
{
  return gst_structure_new (GST_IDLE_WATCHDOG_SWITCH_NAME,
      "switch-element", G_TYPE_STRING, "sel",
      "switch-property", G_TYPE_STRING, "active-pad",
      "switch-target", G_TYPE_STRING, "sink_1",
      "session-id", G_TYPE_STRING, "s", NULL);
}

/* Values of every type but the one a field wants */
static void
set_wrong_type (GstStructure * s, const gchar * field, guint which)
{
  switch (which) {
    case 0:
      gst_structure_set (s, field, G_TYPE_STRING, "1", NULL);
      break;
    case 1:
      gst_structure_set (s, field, G_TYPE_INT, 1, NULL);
      break;
    case 2:
      gst_structure_set (s, field, G_TYPE_UINT, 1, NULL);
      break;
    case 3:
      gst_structure_set (s, field, G_TYPE_INT64, (gint64) 1, NULL);
      break;
    case 4:
      gst_structure_set (s, field, G_TYPE_DOUBLE, 1.0, NULL);
      break;
    case 5:
      gst_structure_set (s, field, G_TYPE_BOOLEAN, TRUE, NULL);
      break;
    case 6:
      gst_structure_set (s, field, G_TYPE_UINT64, (guint64) 1, NULL);
      break;
    case 7:
      gst_structure_set (s, field, GST_TYPE_STRUCTURE, NULL, NULL);
      break;
    case 8:
      gst_structure_set (s, field, GST_TYPE_INT_RANGE, 1, 2, NULL);
      break;
    default:
      g_assert_not_reached ();
  }
}

#define N_TYPES 9

typedef enum
{
  KIND_TIMEOUT,
  KIND_RESUMED,
  KIND_SWITCH,
} Kind;

/* Whether the parser of @kind accepts @msg; on FALSE checks every output
 * was left untouched. */
static gboolean
parse_untouched (Kind kind, GstMessage * msg)
{
  GstIdleWatchdogTimeout info, sentinel;
  GstClockTime silence = 0x5a5a5a5a;
  const gchar *strs[4] = { (gpointer) 1, (gpointer) 2, (gpointer) 3,
    (gpointer) 4
  };
  gboolean ok = FALSE;

  inputs_tried++;
  memset (&sentinel, 0x5a, sizeof (sentinel));
  memcpy (&info, &sentinel, sizeof (info));
  switch (kind) {
    case KIND_TIMEOUT:
      ok = gst_idle_watchdog_message_parse_timeout (msg, &info);
      if (!ok)
        fail_unless (memcmp (&info, &sentinel, sizeof (info)) == 0);
      break;
    case KIND_RESUMED:
      ok = gst_idle_watchdog_message_parse_resumed (msg, &silence, &strs[0]);
      if (!ok) {
        fail_unless_equals_uint64 (silence, 0x5a5a5a5a);
        fail_unless (strs[0] == (gpointer) 1);
      }
      break;
    case KIND_SWITCH:
      ok = gst_idle_watchdog_message_parse_switch (msg, &strs[0], &strs[1],
          &strs[2], &strs[3]);
      if (!ok)
        fail_unless (strs[0] == (gpointer) 1 && strs[1] == (gpointer) 2 &&
            strs[2] == (gpointer) 3 && strs[3] == (gpointer) 4);
      break;
  }
  return ok;
}

static GstMessage *
element_message (GstStructure * s)
{
  return gst_message_new_element (NULL, s);
}

/* Each required field removed, then given each wrong type; each optional
 * string given each wrong type. Every variant must be refused. */
static void
check_field_mutations (Kind kind, GstStructure * (*make) (void),
    const gchar * const *required, const gchar * const *optional)
{
  guint f, t;
  GstMessage *msg;

  msg = element_message (make ());
  fail_unless (parse_untouched (kind, msg), "the valid message is refused");
  gst_message_unref (msg);

  for (f = 0; required[f] != NULL; f++) {
    GstStructure *s = make ();

    gst_structure_remove_field (s, required[f]);
    msg = element_message (s);
    fail_if (parse_untouched (kind, msg), "missing %s accepted", required[f]);
    gst_message_unref (msg);

    for (t = 0; t < N_TYPES; t++) {
      const GValue *orig;

      s = make ();
      orig = gst_structure_get_value (s, required[f]);
      /* skip the one type that is the right one */
      if ((G_VALUE_TYPE (orig) == G_TYPE_STRING && t == 0) ||
          (G_VALUE_TYPE (orig) == G_TYPE_UINT64 && t == 6)) {
        gst_structure_free (s);
        continue;
      }
      set_wrong_type (s, required[f], t);
      msg = element_message (s);
      fail_if (parse_untouched (kind, msg), "%s of type %s accepted",
          required[f], g_type_name (G_VALUE_TYPE (gst_structure_get_value
                  (gst_message_get_structure (msg), required[f]))));
      gst_message_unref (msg);
    }
  }
  for (f = 0; optional[f] != NULL; f++) {
    GstStructure *s = make ();

    /* absent optional fields are fine */
    gst_structure_remove_field (s, optional[f]);
    msg = element_message (s);
    fail_unless (parse_untouched (kind, msg), "missing optional %s refused",
        optional[f]);
    gst_message_unref (msg);

    for (t = 1; t < N_TYPES; t++) {
      s = make ();
      set_wrong_type (s, optional[f], t);
      msg = element_message (s);
      fail_if (parse_untouched (kind, msg), "optional %s of wrong type "
          "accepted", optional[f]);
      if (g_str_equal (optional[f], "session-id"))
        fail_unless (gst_idle_watchdog_message_get_session_id (msg) == NULL);
      gst_message_unref (msg);
    }
  }
}

GST_START_TEST (test_parse_timeout_refuses_missing_and_wrong_typed_fields)
{
  const gchar *const required[] = { "reason", "silence", "timeout",
    "buffers", "last-pts", "media-type", NULL
  };
  const gchar *const optional[] = { "session-id", "switch-element",
    "switch-target", NULL
  };

  check_field_mutations (KIND_TIMEOUT, valid_timeout_structure, required,
      optional);
}

GST_END_TEST;

GST_START_TEST (test_parse_timeout_refuses_unknown_reasons)
{
  const gchar *const reasons[] = { "", "SILENCE", "silence ", " silence",
    "bogus", "no_listeners", "startup\n", "silence\t", NULL
  };
  guint i;

  for (i = 0; reasons[i] != NULL; i++) {
    GstStructure *s = valid_timeout_structure ();
    GstMessage *msg;

    gst_structure_set (s, "reason", G_TYPE_STRING, reasons[i], NULL);
    msg = element_message (s);
    fail_if (parse_untouched (KIND_TIMEOUT, msg), "reason '%s' accepted",
        reasons[i]);
    gst_message_unref (msg);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_resumed_refuses_missing_and_wrong_typed_fields)
{
  const gchar *const required[] = { "silence", NULL };
  const gchar *const optional[] = { "session-id", NULL };

  check_field_mutations (KIND_RESUMED, valid_resumed_structure, required,
      optional);
}

GST_END_TEST;

GST_START_TEST (test_parse_switch_refuses_missing_and_wrong_typed_fields)
{
  const gchar *const required[] = { "switch-element", "switch-property",
    "switch-target", NULL
  };
  const gchar *const optional[] = { "session-id", NULL };

  check_field_mutations (KIND_SWITCH, valid_switch_structure, required,
      optional);
}

GST_END_TEST;

GST_START_TEST (test_parsers_refuse_other_message_types_and_names)
{
  GstStructure *(*makers[3]) (void) = {
  valid_timeout_structure, valid_resumed_structure, valid_switch_structure};
  guint m, k;

  for (m = 0; m < 3; m++) {
    GstMessage *others[] = {
      gst_message_new_application (NULL, makers[m] ()),
      gst_message_new_custom (GST_MESSAGE_WARNING, NULL, makers[m] ()),
      gst_message_new_custom (GST_MESSAGE_INFO, NULL, makers[m] ()),
      gst_message_new_eos (NULL),
      gst_message_new_element (NULL, gst_structure_new_empty ("other")),
      gst_message_new_element (NULL,
          gst_structure_new_empty ("idle-watchdog-timeout-x")),
    };

    for (k = 0; k < G_N_ELEMENTS (others); k++) {
      fail_if (parse_untouched (KIND_TIMEOUT, others[k]));
      fail_if (parse_untouched (KIND_RESUMED, others[k]));
      fail_if (parse_untouched (KIND_SWITCH, others[k]));
      fail_unless (gst_idle_watchdog_message_get_session_id (others[k]) ==
          NULL);
      gst_message_unref (others[k]);
    }
  }
  /* and each parser refuses the other two kinds */
  for (m = 0; m < 3; m++) {
    GstMessage *msg = element_message (makers[m] ());

    for (k = 0; k < 3; k++) {
      if (k != m)
        fail_if (parse_untouched ((Kind) k, msg));
    }
    gst_message_unref (msg);
  }
}

GST_END_TEST;

GST_START_TEST (test_parsers_given_null_arguments_fail_with_a_critical)
{
  GstMessage *msg = element_message (valid_timeout_structure ());
  GstIdleWatchdogTimeout info;
  GstClockTime silence;
  const gchar *s;

  inputs_tried += 6;
  ASSERT_CRITICAL (fail_if (gst_idle_watchdog_message_parse_timeout (NULL,
              &info)));
  ASSERT_CRITICAL (fail_if (gst_idle_watchdog_message_parse_timeout (msg,
              NULL)));
  ASSERT_CRITICAL (fail_if (gst_idle_watchdog_message_parse_resumed (NULL,
              &silence, &s)));
  ASSERT_CRITICAL (fail_if (gst_idle_watchdog_message_parse_switch (NULL,
              &s, &s, &s, &s)));
  ASSERT_CRITICAL (fail_unless (gst_idle_watchdog_message_get_session_id
          (NULL) == NULL));
  ASSERT_CRITICAL (fail_if (gst_idle_watchdog_message_is_timeout (NULL)));
  gst_message_unref (msg);
}

GST_END_TEST;

/* Valid messages serialised, with bytes flipped, inserted and cut, then
 * read back: whatever gst_structure_from_string makes of them, the parsers
 * must not crash, and on success must return fields of the right shape. */
GST_START_TEST (test_parsers_survive_mutated_serialised_messages)
{
  GstStructure *(*makers[3]) (void) = {
  valid_timeout_structure, valid_resumed_structure, valid_switch_structure};
  guint32 seed = g_random_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  guint i, parsed = 0, accepted = 0;

  g_print ("hostile: mutated messages with seed %u\n", seed);
  for (i = 0; i < 20000; i++) {
    GstStructure *s = makers[i % 3] ();
    gchar *str = gst_structure_to_string (s);
    gsize len = strlen (str);
    /* mutate after the structure name: GStreamer itself asserts on names
     * that are not valid */
    gsize first = strchr (str, ',') - str + 1;
    guint n = g_rand_int_range (rand, 1, 4), k;
    GstMessage *msg;
    GstIdleWatchdogTimeout info;
    gchar *end = NULL;

    gst_structure_free (s);
    for (k = 0; k < n && len > first; k++) {
      gsize at = g_rand_int_range (rand, first, len);

      switch (g_rand_int_range (rand, 0, 3)) {
        case 0:
          str[at] = (gchar) g_rand_int_range (rand, 1, 256);
          break;
        case 1:
          str[at] = '\0';
          len = at;
          break;
        default:
          str[at] = "\",;=(){}<>[]\\ 0123456789"[g_rand_int_range (rand, 0,
                  24)];
          break;
      }
    }
    inputs_tried++;
    /* GStreamer's own parser may warn about what it cannot read */
    expect_log_begin ();
    s = gst_structure_from_string (str, &end);
    expect_log_end ();
    g_free (str);
    if (s == NULL)
      continue;
    parsed++;
    msg = element_message (s);
    if (gst_idle_watchdog_message_parse_timeout (msg, &info)) {
      accepted++;
      fail_unless (info.media_type != NULL);
      fail_unless (gst_idle_watchdog_reason_to_string (info.reason) != NULL);
    }
    if (parse_untouched (KIND_RESUMED, msg))
      accepted++;
    if (parse_untouched (KIND_SWITCH, msg))
      accepted++;
    gst_idle_watchdog_message_get_session_id (msg);
    gst_message_unref (msg);
  }
  g_print ("hostile: 20000 mutated messages, %u read back, %u accepted\n",
      parsed, accepted);
  g_rand_free (rand);
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Session runner descriptions                                              */

GST_START_TEST (test_session_invalid_descriptions_give_an_error)
{
  const gchar *const bad[] = { "", "!", "fakesrc !", "! fakesink",
    "nosuchelement", "fakesrc ! nosuchelement", "idlewatchdog nosuch=1",
    "idlewatchdog timeout=abc", "idlewatchdog action=explode",
    "fakesrc ! fakesink ! fakesink", "(", "fakesrc ! ( fakesink",
    "idlewatchdog ! \"", NULL
  };
  GString *huge = g_string_new (NULL);
  guint i;

  for (i = 0; i < 100000; i++)
    g_string_append (huge, "x!");
  for (i = 0; bad[i] != NULL || huge != NULL; i++) {
    GstIdleWatchdogSession *s =
        gst_idle_watchdog_session_new ("h", GST_IDLE_WATCHDOG_SESSION_FLAG_NONE);
    const gchar *desc = bad[i] ? bad[i] : huge->str;
    GError *err = NULL;

    inputs_tried++;
    fail_unless_equals_int (gst_idle_watchdog_session_add_description (s,
            NULL, desc, &err), -1);
    fail_unless (err != NULL && err->message[0] != '\0', "'%.40s'", desc);
    g_error_free (err);
    fail_unless_equals_int (gst_idle_watchdog_session_get_n_pipelines (s), 0);
    g_object_unref (s);
    if (bad[i] == NULL) {
      g_string_free (huge, TRUE);
      huge = NULL;
      break;
    }
  }
}

GST_END_TEST;

GST_START_TEST (test_session_one_bad_description_fails_the_whole_session)
{
  const gchar *descs[] = { "fakesrc ! idlewatchdog ! fakesink",
    "fakesrc ! nosuchelement", "fakesrc ! idlewatchdog ! fakesink", NULL
  };
  GError *err = NULL;

  inputs_tried++;
  fail_unless (gst_idle_watchdog_session_new_from_descriptions ("h",
          GST_IDLE_WATCHDOG_SESSION_FLAG_NONE, descs, &err) == NULL);
  fail_unless (err != NULL);
  g_error_free (err);
}

GST_END_TEST;

GST_START_TEST (test_session_description_without_watchdog_refused_when_required)
{
  GstIdleWatchdogSession *s =
      gst_idle_watchdog_session_new ("h",
      GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG);
  GError *err = NULL;

  inputs_tried += 2;
  fail_unless_equals_int (gst_idle_watchdog_session_add_description (s, NULL,
          "fakesrc ! fakesink", &err), -1);
  fail_unless (g_error_matches (err, GST_IDLE_WATCHDOG_SESSION_ERROR,
          GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG));
  g_clear_error (&err);
  /* a NULL description is a programming error: a critical, no crash */
  ASSERT_CRITICAL (fail_unless_equals_int
      (gst_idle_watchdog_session_add_description (s, NULL, NULL, &err), -1));
  fail_unless_equals_int (gst_idle_watchdog_session_get_n_pipelines (s), 0);
  g_object_unref (s);
}

GST_END_TEST;

static Suite *
hostile_suite (void)
{
  Suite *s = suite_create ("reliability-hostile");
  TCase *tc_launch = tcase_create ("launch");
  TCase *tc_set = tcase_create ("set");
  TCase *tc_parse = tcase_create ("parse");

  tcase_add_checked_fixture (tc_launch, setup, teardown);
  tcase_add_checked_fixture (tc_set, setup, teardown);
  tcase_add_checked_fixture (tc_parse, setup, teardown);

  suite_add_tcase (s, tc_launch);
  tcase_add_test (tc_launch,
      test_launch_bad_unsigned_values_are_refused_and_default_kept);
  tcase_add_test (tc_launch, test_launch_bad_action_values_are_refused);
  tcase_add_test (tc_launch, test_launch_bad_boolean_values_are_refused);
  tcase_add_test (tc_launch,
      test_launch_unknown_properties_and_signals_are_refused);
  tcase_add_test (tc_launch,
      test_launch_read_only_properties_are_refused_with_a_critical);
  tcase_add_test (tc_launch,
      test_launch_garbage_session_ids_are_carried_verbatim);
  tcase_add_test (tc_launch, test_launch_values_gstreamer_parses_as_zero);

  suite_add_tcase (s, tc_set);
  tcase_add_test (tc_set, test_set_out_of_range_values_warns_and_keeps_value);
  tcase_add_test (tc_set, test_set_wrong_typed_values_warns_and_keeps_value);
  tcase_add_test (tc_set, test_set_read_only_and_unknown_properties_warns);
  tcase_add_test (tc_set,
      test_set_garbage_session_id_reaches_the_message_verbatim);
  tcase_add_test (tc_set,
      test_set_non_utf8_session_id_is_refused_and_previous_kept);

  {
    TCase *tc_session = tcase_create ("session");

    tcase_add_checked_fixture (tc_session, setup, teardown);
    suite_add_tcase (s, tc_session);
    tcase_add_test (tc_session,
        test_session_invalid_descriptions_give_an_error);
    tcase_add_test (tc_session,
        test_session_one_bad_description_fails_the_whole_session);
    tcase_add_test (tc_session,
        test_session_description_without_watchdog_refused_when_required);
  }

  suite_add_tcase (s, tc_parse);
  tcase_add_test (tc_parse,
      test_parse_timeout_refuses_missing_and_wrong_typed_fields);
  tcase_add_test (tc_parse, test_parse_timeout_refuses_unknown_reasons);
  tcase_add_test (tc_parse,
      test_parse_resumed_refuses_missing_and_wrong_typed_fields);
  tcase_add_test (tc_parse,
      test_parse_switch_refuses_missing_and_wrong_typed_fields);
  tcase_add_test (tc_parse, test_parsers_refuse_other_message_types_and_names);
  tcase_add_test (tc_parse,
      test_parsers_given_null_arguments_fail_with_a_critical);
  tcase_add_test (tc_parse, test_parsers_survive_mutated_serialised_messages);
  return s;
}

GST_CHECK_MAIN (hostile);
