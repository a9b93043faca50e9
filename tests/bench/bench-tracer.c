/* gst-idlewatchdog benchmarks: per-buffer cost of the tracer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * CPU time per buffer of `fakesrc num-buffers=N ! X ! fakesink`, side by
 * side: bare (no X), identity, the idlewatchdog element, and no X with the
 * idlewatchdogtracer tracer watching the fakesink (and with the tracer on
 * but watching nothing: the cost GStreamer's hook dispatch adds to every
 * push of the process). The tracer is process-wide, enabled at gst_init():
 * each run is a child process (this program, re-executed with GST_TRACERS
 * set for the tracer variants), the variants taking turns; the median
 * of each variant's runs is reported.
 *
 *   bench-tracer [buffers=1000000] [runs=5]
 */
#include <gst/gst.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct
{
  const gchar *name;
  const gchar *between;         /* "" or "! identity " ... */
  const gchar *tracers;         /* GST_TRACERS of the child, or NULL */
} Variant;

static const Variant variants[] = {
  {"bare", "", NULL},
  {"identity", "! identity ", NULL},
  {"idlewatchdog element", "! idlewatchdog timeout=1000 ", NULL},
  {"tracer, sink watched", "", "idlewatchdogtracer(timeout=1000)"},
  {"tracer, nothing watched", "",
      "idlewatchdogtracer(timeout=1000,factory=no-such-factory)"},
};

static guint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (guint64) ts.tv_sec * GST_SECOND + ts.tv_nsec;
}

static guint64
arg_uint (gint argc, gchar ** argv, const gchar * key, guint64 def)
{
  gsize n = strlen (key);
  gint i;

  for (i = 1; i < argc; i++)
    if (strncmp (argv[i], key, n) == 0 && argv[i][n] == '=')
      return g_ascii_strtoull (argv[i] + n + 1, NULL, 10);
  return def;
}

/* In the child: one run, prints the CPU nanoseconds per buffer */
static gint
child (const Variant * v, guint64 buffers)
{
  gchar *desc = g_strdup_printf ("fakesrc num-buffers=%" G_GUINT64_FORMAT
      " %s! fakesink", buffers, v->between);
  GError *err = NULL;
  GstElement *p = gst_parse_launch (desc, &err);
  GstBus *bus;
  GstMessage *m;
  guint64 c0, c1;

  g_free (desc);
  if (p == NULL) {
    g_printerr ("bench-tracer: %s\n", err->message);
    return 2;
  }
  bus = gst_element_get_bus (p);
  c0 = cpu_ns ();
  gst_element_set_state (p, GST_STATE_PLAYING);
  m = gst_bus_timed_pop_filtered (bus, 300 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  c1 = cpu_ns ();
  if (m == NULL || GST_MESSAGE_TYPE (m) != GST_MESSAGE_EOS) {
    g_printerr ("bench-tracer: %s did not reach EOS\n", v->name);
    return 3;
  }
  gst_message_unref (m);
  gst_element_set_state (p, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (p);
  g_print ("%.2f\n", (gdouble) (c1 - c0) / buffers);
  return 0;
}

static gint
cmp_double (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

/* In the parent: one child run of variant @i */
static gboolean
run_child (const gchar * self, guint i, guint64 buffers, gdouble * ns)
{
  gchar **envp = g_get_environ ();
  gchar *argv[5], *out = NULL;
  gint status = 0;
  GError *err = NULL;
  gboolean ok;

  if (variants[i].tracers)
    envp = g_environ_setenv (envp, "GST_TRACERS", variants[i].tracers, TRUE);
  else
    envp = g_environ_unsetenv (envp, "GST_TRACERS");
  argv[0] = (gchar *) self;
  argv[1] = (gchar *) "--child";
  argv[2] = g_strdup_printf ("%u", i);
  argv[3] = g_strdup_printf ("buffers=%" G_GUINT64_FORMAT, buffers);
  argv[4] = NULL;
  ok = g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out,
      NULL, &status, &err) && g_spawn_check_wait_status (status, &err);
  if (ok)
    *ns = g_ascii_strtod (out, NULL);
  else
    g_printerr ("bench-tracer: %s: %s\n", variants[i].name, err->message);
  g_clear_error (&err);
  g_free (out);
  g_free (argv[2]);
  g_free (argv[3]);
  g_strfreev (envp);
  return ok;
}

gint
main (gint argc, gchar ** argv)
{
  guint64 buffers = arg_uint (argc, argv, "buffers", 1000000);
  guint runs = arg_uint (argc, argv, "runs", 5), i;
  const guint nv = G_N_ELEMENTS (variants);
  gdouble *ns, bare = 0;
  gchar *self;
  guint r;

  if (argc >= 3 && strcmp (argv[1], "--child") == 0) {
    i = atoi (argv[2]);
    gst_init (NULL, NULL);
    return i < G_N_ELEMENTS (variants) ? child (&variants[i], buffers) : 2;
  }
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  if (buffers < 1 || runs < 1) {
    g_printerr ("usage: bench-tracer [buffers=N] [runs=N]\n");
    return 2;
  }
  g_print ("CPU ns per buffer, fakesrc num-buffers=%" G_GUINT64_FORMAT
      " ! X ! fakesink, median of %u runs\n\n", buffers, runs);
  g_print ("| variant | ns/buffer | over bare |\n|---|---:|---:|\n");
  /* rounds of every variant in turn, so that the load of the machine
   * weighs on all of them alike */
  ns = g_new0 (gdouble, nv * runs);
  for (r = 0; r < runs; r++)
    for (i = 0; i < nv; i++)
      if (!run_child (self, i, buffers, &ns[i * runs + r]))
        return 1;
  for (i = 0; i < nv; i++) {
    gdouble median;

    qsort (&ns[i * runs], runs, sizeof (gdouble), cmp_double);
    median = ns[i * runs + runs / 2];
    if (i == 0)
      bare = median;
    g_print ("| %s | %.1f | %+.1f |\n", variants[i].name, median,
        median - bare);
  }
  g_free (ns);
  g_free (self);
  return 0;
}
