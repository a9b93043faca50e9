/* gst-idlewatchdog: runs the incident-replay demo briefly and checks its
 * machine-readable summary
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The demo (src/tools/idlewatchdog-demo) is found through the
 * IDLEWATCHDOG_DEMO environment variable set by meson. Each run takes about
 * 12 s of real time; the timeouts are short but ten times the frame period,
 * so a loaded machine does not make a healthy session look dead.
 */
#include <gst/check/gstcheck.h>
#include <string.h>

#define N_SESSIONS 6
#define N_FAULTS 3

typedef struct
{
  GHashTable *keys;             /* key -> value, the last of each key */
  GPtrArray *sessions;          /* GHashTable of field -> value per session */
} Summary;

static void
summary_free (Summary * s)
{
  g_hash_table_unref (s->keys);
  g_ptr_array_unref (s->sessions);
}

/* "id key=value key=value ..." */
static GHashTable *
parse_session (const gchar * line)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      g_free);
  gchar **words = g_strsplit (line, " ", -1);
  guint i;

  g_hash_table_insert (fields, g_strdup ("id"), g_strdup (words[0]));
  for (i = 1; words[i]; i++) {
    gchar *eq = strchr (words[i], '=');

    if (eq)
      g_hash_table_insert (fields, g_strndup (words[i], eq - words[i]),
          g_strdup (eq + 1));
  }
  g_strfreev (words);
  return fields;
}

static void
run_demo (const gchar * mode_arg, Summary * summary)
{
  const gchar *demo = g_getenv ("IDLEWATCHDOG_DEMO");
  gchar *out = NULL, *err = NULL;
  gint status = 0;
  gboolean inside = FALSE, seen_end = FALSE;
  GError *error = NULL;
  gchar **lines, **l;
  const gchar *argv[] = { demo, "--quiet", "--sessions", "6", "--faults", "3",
    "--duration", "12", "--timeout", "1000", "--switch-timeout", "1500",
    "--client-timeout", "1000", "--startup-timeout", "4000",
    "--stop-timeout", "500", mode_arg, NULL
  };

  fail_unless (demo != NULL, "IDLEWATCHDOG_DEMO is not set");
  fail_unless (g_file_test (demo, G_FILE_TEST_IS_EXECUTABLE),
      "%s is not an executable", demo);
  fail_unless (g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_DEFAULT,
          NULL, NULL, &out, &err, &status, &error), "could not run %s: %s",
      demo, error ? error->message : "");
  fail_unless (g_spawn_check_wait_status (status, NULL),
      "the demo failed: %s", err);

  summary->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      g_free);
  summary->sessions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  lines = g_strsplit (out, "\n", -1);
  for (l = lines; *l; l++) {
    gchar *colon;

    if (strcmp (*l, "summary-begin") == 0) {
      inside = TRUE;
      continue;
    }
    if (strcmp (*l, "summary-end") == 0) {
      seen_end = inside;
      break;
    }
    if (!inside || !(colon = strstr (*l, ": ")))
      continue;
    if (g_str_has_prefix (*l, "session: "))
      g_ptr_array_add (summary->sessions, parse_session (colon + 2));
    else
      g_hash_table_insert (summary->keys, g_strndup (*l, colon - *l),
          g_strdup (colon + 2));
  }
  g_strfreev (lines);
  fail_unless (seen_end, "no complete summary in the output:\n%s", out);
  g_free (out);
  g_free (err);
}

static guint64
key_uint (Summary * s, const gchar * key)
{
  const gchar *v = g_hash_table_lookup (s->keys, key);

  fail_unless (v != NULL, "summary has no %s", key);
  return g_ascii_strtoull (v, NULL, 10);
}

static const gchar *
field (GHashTable * session, const gchar * name)
{
  const gchar *v = g_hash_table_lookup (session, name);

  fail_unless (v != NULL, "session line has no %s", name);
  return v;
}

/* What each fault must end in, read from the session's own fields */
static void
check_faulty_session (GHashTable * s)
{
  const gchar *id = field (s, "id"), *fault = field (s, "fault");
  const gchar *pipeline = field (s, "pipeline");

  fail_unless_equals_string (field (s, "end"), "timeout");
  if (strcmp (fault, "client-gone") == 0) {
    /* the keep-alive watchdog of the video stream */
    fail_unless_equals_string (field (s, "element"), "client");
    fail_unless_equals_string (field (s, "reason"), "silence");
  } else if (strcmp (fault, "producer-stall") == 0) {
    fail_unless_equals_string (field (s, "reason"), "silence");
    fail_unless (strcmp (pipeline, "video-producer") == 0 ||
        strcmp (pipeline, "video-stream") == 0,
        "%s: stall seen in %s", id, pipeline);
  } else if (strcmp (fault, "switch-gone") == 0) {
    fail_unless_equals_string (field (s, "reason"), "switch");
    fail_unless_equals_string (pipeline, "video-stream");
  } else {
    fail ("%s: unknown fault %s", id, fault);
  }
}

GST_START_TEST (test_demo_ends_every_faulty_session_for_its_reason)
{
  Summary s;
  guint i, faulty = 0, healthy = 0;
  GHashTable *kinds = g_hash_table_new (g_str_hash, g_str_equal);

  run_demo (NULL, &s);
  fail_unless_equals_string (g_hash_table_lookup (s.keys, "mode"),
      "watchdog");
  for (i = 0; i < s.sessions->len; i++) {
    GHashTable *session = g_ptr_array_index (s.sessions, i);
    const gchar *fault = field (session, "fault");

    if (strcmp (fault, "none") == 0) {
      healthy++;
      fail_unless_equals_string (field (session, "end"), "none");
    } else {
      faulty++;
      g_hash_table_add (kinds, (gpointer) fault);
      check_faulty_session (session);
    }
  }
  /* every kind of fault was injected, and every user reconnected */
  fail_unless_equals_int (faulty, N_FAULTS);
  fail_unless_equals_int (g_hash_table_size (kinds), 3);
  fail_unless_equals_int (healthy, N_SESSIONS);
  fail_unless_equals_int (key_uint (&s, "sessions-alive-at-end"), N_SESSIONS);
  fail_unless_equals_int (key_uint (&s, "leaked-sessions"), 0);
  g_hash_table_unref (kinds);
  summary_free (&s);
}

GST_END_TEST;

GST_START_TEST (test_demo_without_watchdog_leaks_every_faulty_session)
{
  Summary s;
  guint i, faulty = 0;

  run_demo ("--no-watchdog", &s);
  fail_unless_equals_string (g_hash_table_lookup (s.keys, "mode"),
      "no-watchdog");
  for (i = 0; i < s.sessions->len; i++) {
    GHashTable *session = g_ptr_array_index (s.sessions, i);

    fail_unless_equals_string (field (session, "end"), "none");
    if (strcmp (field (session, "fault"), "none") != 0)
      faulty++;
  }
  fail_unless_equals_int (faulty, N_FAULTS);
  fail_unless_equals_int (key_uint (&s, "leaked-sessions"), N_FAULTS);
  fail_unless_equals_int (key_uint (&s, "sessions-alive-at-end"),
      N_SESSIONS + N_FAULTS);
  /* the leaked sessions' threads are still there at the end */
  fail_unless (key_uint (&s, "threads-end") > key_uint (&s, "threads-start"));
  summary_free (&s);
}

GST_END_TEST;

static Suite *
demo_suite (void)
{
  Suite *s = suite_create ("demo");
  TCase *tc = tcase_create ("demo");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_demo_ends_every_faulty_session_for_its_reason);
  tcase_add_test (tc, test_demo_without_watchdog_leaks_every_faulty_session);
  return s;
}

GST_CHECK_MAIN (demo);
