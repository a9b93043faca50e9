/* gst-idlewatchdog benchmarks: the samples of a run and how to get them
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-results.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static void
free_array (gpointer data)
{
  g_array_unref (data);
}

BenchResults *
bench_results_new (void)
{
  BenchResults *r = g_new0 (BenchResults, 1);

  r->samples = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
      free_array);
  r->order = g_ptr_array_new_with_free_func (g_free);
  r->facts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  r->fact_order = g_ptr_array_new_with_free_func (g_free);
  r->failures = g_ptr_array_new_with_free_func (g_free);
  return r;
}

void
bench_results_free (BenchResults * r)
{
  g_hash_table_unref (r->samples);
  g_ptr_array_unref (r->order);
  g_hash_table_unref (r->facts);
  g_ptr_array_unref (r->fact_order);
  g_ptr_array_unref (r->failures);
  g_free (r);
}

void
bench_results_add (BenchResults * r, const gchar * key, gdouble value)
{
  GArray *a = g_hash_table_lookup (r->samples, key);

  if (a == NULL) {
    gchar *k = g_strdup (key);

    a = g_array_new (FALSE, FALSE, sizeof (gdouble));
    g_ptr_array_add (r->order, k);
    g_hash_table_insert (r->samples, k, a);
  }
  g_array_append_val (a, value);
}

GArray *
bench_results_get (BenchResults * r, const gchar * key)
{
  return g_hash_table_lookup (r->samples, key);
}

gboolean
bench_results_stats (BenchResults * r, const gchar * key, BenchStats * stats)
{
  GArray *a = bench_results_get (r, key);

  if (a == NULL)
    return bench_stats_compute (NULL, 0, stats);
  return bench_stats_compute ((const gdouble *) a->data, a->len, stats);
}

gdouble
bench_results_median (BenchResults * r, const gchar * key)
{
  BenchStats s;

  return bench_results_stats (r, key, &s) ? s.median : NAN;
}

void
bench_results_fact (BenchResults * r, const gchar * key, const gchar * value)
{
  if (!g_hash_table_contains (r->facts, key)) {
    gchar *k = g_strdup (key);

    g_ptr_array_add (r->fact_order, k);
    g_hash_table_insert (r->facts, k, g_strdup (value));
  } else {
    /* an existing key keeps its (owned) string; the value is replaced */
    g_hash_table_insert (r->facts, (gpointer) key, g_strdup (value));
  }
}

const gchar *
bench_results_get_fact (BenchResults * r, const gchar * key)
{
  return g_hash_table_lookup (r->facts, key);
}

static void
parse_child_output (GHashTable * out, const gchar * text)
{
  gchar **lines = g_strsplit (text, "\n", -1);
  guint i;

  for (i = 0; lines[i]; i++) {
    gchar **kv = g_strsplit (g_strstrip (lines[i]), " ", 2);

    if (kv[0] && kv[1] && *kv[0]) {
      GArray *a = g_hash_table_lookup (out, kv[0]);
      gdouble v = g_ascii_strtod (kv[1], NULL);

      if (a == NULL) {
        a = g_array_new (FALSE, FALSE, sizeof (gdouble));
        g_hash_table_insert (out, g_strdup (kv[0]), a);
      }
      g_array_append_val (a, v);
    }
    g_strfreev (kv);
  }
  g_strfreev (lines);
}

GHashTable *
bench_child_run (BenchResults * r, const gchar * section,
    const gchar * const *args, guint timeout_s)
{
  GPtrArray *argv = g_ptr_array_new ();
  gchar *self = g_file_read_link ("/proc/self/exe", NULL);
  GString *text = g_string_new (NULL), *cmd = g_string_new (NULL);
  GHashTable *out = NULL;
  GError *error = NULL;
  gint64 deadline;
  gboolean killed = FALSE;
  gint fd, status = 0;
  GPid pid;
  guint i;

  g_ptr_array_add (argv, self);
  g_ptr_array_add (argv, (gpointer) "--child");
  g_ptr_array_add (argv, (gpointer) section);
  for (i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  for (i = 2; i < argv->len - 1; i++)
    g_string_append_printf (cmd, "%s ", (gchar *) argv->pdata[i]);

  if (!g_spawn_async_with_pipes (NULL, (gchar **) argv->pdata, NULL,
          G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL, &fd, NULL,
          &error)) {
    g_ptr_array_add (r->failures, g_strdup_printf ("%s: cannot start: %s",
            cmd->str, error->message));
    g_clear_error (&error);
    goto done;
  }

  deadline = g_get_monotonic_time () + (gint64) timeout_s * G_TIME_SPAN_SECOND;
  for (;;) {
    struct pollfd p = { fd, POLLIN, 0 };
    gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
    gchar buf[4096];
    gssize n;

    if (left <= 0) {
      kill (pid, SIGKILL);
      killed = TRUE;
      break;
    }
    if (poll (&p, 1, (gint) MIN (left, 1000)) < 0 && errno != EINTR)
      break;
    if (!(p.revents & (POLLIN | POLLHUP)))
      continue;
    n = read (fd, buf, sizeof (buf));
    if (n <= 0)
      break;
    g_string_append_len (text, buf, n);
  }
  close (fd);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  if (killed) {
    g_ptr_array_add (r->failures, g_strdup_printf ("%s: killed after %u s "
            "(hung)", cmd->str, timeout_s));
  } else if (!WIFEXITED (status) || WEXITSTATUS (status) != 0) {
    g_ptr_array_add (r->failures, g_strdup_printf ("%s: %s %d", cmd->str,
            WIFSIGNALED (status) ? "died of signal" : "exit status",
            WIFSIGNALED (status) ? WTERMSIG (status) :
            WEXITSTATUS (status)));
  } else {
    out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_array);
    parse_child_output (out, text->str);
  }

done:
  if (out == NULL)
    g_printerr ("  FAILED: %s\n",
        (gchar *) r->failures->pdata[r->failures->len - 1]);
  g_string_free (text, TRUE);
  g_string_free (cmd, TRUE);
  g_ptr_array_unref (argv);
  g_free (self);
  return out;
}

GArray *
bench_child_values (GHashTable * out, const gchar * key)
{
  return out ? g_hash_table_lookup (out, key) : NULL;
}

gdouble
bench_child_value (GHashTable * out, const gchar * key)
{
  GArray *a = bench_child_values (out, key);

  return (a && a->len) ? g_array_index (a, gdouble, 0) : NAN;
}
