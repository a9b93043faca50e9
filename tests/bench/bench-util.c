/* gst-idlewatchdog benchmarks: clocks, /proc readers, statistics, helpers
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

static const gchar *variant_names[BENCH_N_VARIANTS] = {
  "bare", "identity", "watchdog", "idlewatchdog"
};

static const gchar *variant_factories[BENCH_N_VARIANTS] = {
  NULL, "identity", "watchdog", "idlewatchdog"
};

const gchar *
bench_variant_name (BenchVariant v)
{
  g_return_val_if_fail (v < BENCH_N_VARIANTS, "?");
  return variant_names[v];
}

gboolean
bench_variant_from_name (const gchar * name, BenchVariant * v)
{
  guint i;

  for (i = 0; i < BENCH_N_VARIANTS; i++) {
    if (g_strcmp0 (name, variant_names[i]) == 0) {
      *v = i;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
bench_variant_available (BenchVariant v)
{
  GstElementFactory *f;

  if (variant_factories[v] == NULL)
    return TRUE;
  f = gst_element_factory_find (variant_factories[v]);
  if (f == NULL)
    return FALSE;
  gst_object_unref (f);
  return TRUE;
}

GstElement *
bench_make (const gchar * factory, const gchar * name)
{
  GstElement *e = gst_element_factory_make (factory, name);

  if (e == NULL) {
    g_printerr ("idlewatchdog-bench: no element '%s' (is GST_PLUGIN_PATH "
        "pointing at the build tree?)\n", factory);
    exit (2);
  }
  return e;
}

GstElement *
bench_make_element (BenchVariant v, const gchar * name)
{
  if (variant_factories[v] == NULL)
    return NULL;
  return bench_make (variant_factories[v], name);
}

void
bench_link (GstElement * a, GstElement * b)
{
  if (!gst_element_link (a, b)) {
    g_printerr ("idlewatchdog-bench: cannot link %s to %s\n",
        GST_OBJECT_NAME (a), GST_OBJECT_NAME (b));
    exit (2);
  }
}

static guint64
clock_ns (clockid_t id)
{
  struct timespec ts;

  clock_gettime (id, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

guint64
bench_now_ns (void)
{
  return clock_ns (CLOCK_MONOTONIC);
}

guint64
bench_cpu_ns (void)
{
  return clock_ns (CLOCK_PROCESS_CPUTIME_ID);
}

void
bench_sleep_ms (guint ms)
{
  g_usleep ((gulong) ms * 1000);
}

/* The number after "key:" in /proc/self/status, or -1 */
static gint64
proc_status_field (const gchar * key)
{
  gchar *contents = NULL, *line;
  gint64 value = -1;
  gsize keylen = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;
  for (line = contents; line && *line; line = strchr (line, '\n')) {
    if (*line == '\n')
      line++;
    if (strncmp (line, key, keylen) == 0 && line[keylen] == ':') {
      value = g_ascii_strtoll (line + keylen + 1, NULL, 10);
      break;
    }
  }
  g_free (contents);
  return value;
}

gint
bench_proc_threads (void)
{
  return (gint) proc_status_field ("Threads");
}

gint64
bench_proc_rss_kib (void)
{
  return proc_status_field ("VmRSS");
}

guint64
bench_ctx_switches (void)
{
  struct rusage ru;

  /* RUSAGE_SELF sums every thread of the process, ended ones included */
  getrusage (RUSAGE_SELF, &ru);
  return (guint64) ru.ru_nvcsw + (guint64) ru.ru_nivcsw;
}

static gint
compare_doubles (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

/* Nearest-rank percentile of a sorted sample */
static gdouble
percentile (const gdouble * sorted, guint n, gdouble p)
{
  guint rank = (guint) (p / 100.0 * n + 0.999999);

  if (rank < 1)
    rank = 1;
  if (rank > n)
    rank = n;
  return sorted[rank - 1];
}

gboolean
bench_stats_compute (const gdouble * values, guint n, BenchStats * stats)
{
  gdouble *sorted;

  memset (stats, 0, sizeof (*stats));
  if (n == 0)
    return FALSE;
  sorted = g_memdup2 (values, n * sizeof (gdouble));
  qsort (sorted, n, sizeof (gdouble), compare_doubles);
  stats->n = n;
  stats->min = sorted[0];
  stats->max = sorted[n - 1];
  stats->median = (n % 2) ? sorted[n / 2] :
      (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  stats->p25 = percentile (sorted, n, 25);
  stats->p75 = percentile (sorted, n, 75);
  stats->p99 = percentile (sorted, n, 99);
  g_free (sorted);
  return TRUE;
}

void
bench_emit (const gchar * key, gdouble value)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  printf ("%s %s\n", key, g_ascii_dtostr (buf, sizeof (buf), value));
  fflush (stdout);
}

gboolean
bench_wait_eos (GstElement * pipeline, guint64 timeout_ns)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;
  gboolean ok = FALSE;

  msg = gst_bus_timed_pop_filtered (bus, timeout_ns,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (msg == NULL) {
    g_printerr ("idlewatchdog-bench: no EOS within %" GST_TIME_FORMAT "\n",
        GST_TIME_ARGS (timeout_ns));
  } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    GError *err = NULL;

    gst_message_parse_error (msg, &err, NULL);
    g_printerr ("idlewatchdog-bench: error from %s: %s\n",
        GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), err->message);
    g_clear_error (&err);
  } else {
    ok = TRUE;
  }
  if (msg)
    gst_message_unref (msg);
  gst_object_unref (bus);
  return ok;
}

void
bench_set_state (GstElement * pipeline, GstState state)
{
  GstStateChangeReturn ret = gst_element_set_state (pipeline, state);

  if (ret == GST_STATE_CHANGE_ASYNC)
    ret = gst_element_get_state (pipeline, NULL, NULL, 30 * GST_SECOND);
  if (ret == GST_STATE_CHANGE_FAILURE || ret == GST_STATE_CHANGE_ASYNC) {
    g_printerr ("idlewatchdog-bench: %s could not reach %s\n",
        GST_OBJECT_NAME (pipeline), gst_element_state_get_name (state));
    exit (3);
  }
}

const gchar *
bench_arg_str (gint argc, gchar ** argv, const gchar * key)
{
  gsize keylen = strlen (key);
  gint i;

  for (i = 0; i < argc; i++) {
    if (strncmp (argv[i], key, keylen) == 0 && argv[i][keylen] == '=')
      return argv[i] + keylen + 1;
  }
  return NULL;
}

guint64
bench_arg_uint (gint argc, gchar ** argv, const gchar * key, guint64 def)
{
  const gchar *s = bench_arg_str (argc, argv, key);
  guint64 v;

  if (s == NULL)
    return def;
  if (!g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT64, &v, NULL)) {
    g_printerr ("idlewatchdog-bench: %s=%s is not a number\n", key, s);
    exit (2);
  }
  return v;
}

BenchVariant
bench_arg_variant (gint argc, gchar ** argv)
{
  const gchar *s = bench_arg_str (argc, argv, "variant");
  BenchVariant v;

  if (s == NULL || !bench_variant_from_name (s, &v)) {
    g_printerr ("idlewatchdog-bench: variant= must be bare, identity, "
        "watchdog or idlewatchdog\n");
    exit (2);
  }
  return v;
}

void
bench_set_props (GstElement * e, const gchar * props)
{
  gchar **list = g_strsplit (props, ",", -1);
  guint i;

  for (i = 0; list[i]; i++) {
    gchar **kv = g_strsplit (list[i], ":", 2);

    if (kv[0] && kv[1] &&
        g_object_class_find_property (G_OBJECT_GET_CLASS (e), kv[0]))
      gst_util_set_object_arg (G_OBJECT (e), kv[0], kv[1]);
    else if (*list[i])
      g_printerr ("idlewatchdog-bench: ignoring props entry '%s'\n",
          list[i]);
    g_strfreev (kv);
  }
  g_strfreev (list);
}

gint
bench_proc_fds (void)
{
  GDir *dir = g_dir_open ("/proc/self/fd", 0, NULL);
  gint n = 0;

  if (dir == NULL)
    return -1;
  while (g_dir_read_name (dir))
    n++;
  g_dir_close (dir);
  /* the directory's own descriptor */
  return n - 1;
}

guint64
bench_thread_cpu_ns (gint tid)
{
  gchar *path = g_strdup_printf ("/proc/self/task/%d/stat", tid);
  gchar *contents = NULL, *p, **fields;
  guint64 ticks = 0;

  if (g_file_get_contents (path, &contents, NULL, NULL) &&
      (p = strrchr (contents, ')'))) {
    /* after "pid (comm)": state is field 3, utime 14, stime 15 */
    fields = g_strsplit (p + 2, " ", 0);
    if (g_strv_length (fields) > 12)
      ticks = g_ascii_strtoull (fields[11], NULL, 10) +
          g_ascii_strtoull (fields[12], NULL, 10);
    g_strfreev (fields);
  }
  g_free (contents);
  g_free (path);
  return ticks * (G_GUINT64_CONSTANT (1000000000) / sysconf (_SC_CLK_TCK));
}

GArray *
bench_threads_named (const gchar * prefix)
{
  GArray *tids = g_array_new (FALSE, FALSE, sizeof (gint));
  GDir *dir = g_dir_open ("/proc/self/task", 0, NULL);
  const gchar *tid;

  while (dir && (tid = g_dir_read_name (dir))) {
    gchar *path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
    gchar *comm = NULL;

    if (g_file_get_contents (path, &comm, NULL, NULL) &&
        g_str_has_prefix (comm, prefix)) {
      gint t = atoi (tid);

      g_array_append_val (tids, t);
    }
    g_free (comm);
    g_free (path);
  }
  if (dir)
    g_dir_close (dir);
  return tids;
}

guint64
bench_raise_nofile (guint64 want)
{
  struct rlimit rl;

  if (getrlimit (RLIMIT_NOFILE, &rl) != 0)
    return 0;
  if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want) {
    /* only a privileged process may raise the hard limit */
    struct rlimit more = { want, want };

    if (setrlimit (RLIMIT_NOFILE, &more) == 0)
      return want;
  }
  if (rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit (RLIMIT_NOFILE, &rl);
    getrlimit (RLIMIT_NOFILE, &rl);
  }
  return rl.rlim_cur;
}

static guint64
file_number (const gchar * path)
{
  gchar *s = NULL;
  guint64 v = G_MAXUINT64;

  if (g_file_get_contents (path, &s, NULL, NULL))
    v = g_ascii_strtoull (s, NULL, 10);
  g_free (s);
  return v;
}

guint64
bench_threads_room (void)
{
  struct rlimit rl;
  guint64 room, running = 0, maps;
  gchar *s = NULL, *slash;

  /* /proc/loadavg: "0.00 0.01 0.05 1/83 1234": 83 threads system-wide */
  if (g_file_get_contents ("/proc/loadavg", &s, NULL, NULL) &&
      (slash = strchr (s, '/')))
    running = g_ascii_strtoull (slash + 1, NULL, 10);
  g_free (s);
  room = MIN (file_number ("/proc/sys/kernel/pid_max"),
      file_number ("/proc/sys/kernel/threads-max"));
  room = room > running ? room - running : 0;
  if (getrlimit (RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    room = MIN (room, rl.rlim_cur > running ? rl.rlim_cur - running : 0);
  /* a stack and its guard page per thread */
  maps = file_number ("/proc/sys/vm/max_map_count");
  if (maps != G_MAXUINT64)
    room = MIN (room, maps / 2);
  return room > 2000 ? room - 2000 : 0;
}
