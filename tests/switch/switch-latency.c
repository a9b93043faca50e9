/* gst-idlewatchdog: switch-to-message latency (a benchmark, not a test)
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An application thread switches a testinterpipesrc's listen-to back and
 * forth while data flows; for each switch it measures, on the monotonic
 * clock:
 *
 * - set: how long g_object_set() takes, with the watchdog watching the
 *   source and, side by side in the same run, with watch-switches=false
 *   (the cost the watchdog adds to the application's switch call);
 * - sync: from the start of the set to the bus sync handler seeing
 *   `idle-watchdog-switch` (the message is posted from the setter's thread);
 * - async: from the start of the set to a bus watch in another thread's
 *   GMainLoop receiving it (what a session runner sees).
 *
 * Usage: switch-latency [switches]   (default 2000)
 */
#include <gst/gst.h>
#include <stdlib.h>

#include "idlewatchdog.h"

#define CONSUMER \
  "testinterpipesrc name=src listen-to=p1 ! idlewatchdog timeout=5000 " \
  "switch-timeout=5000 watch-switches=%s ! fakesink sync=false async=false"
#define PRODUCER(name) \
  "fakesrc is-live=true sizetype=fixed sizemax=16 datarate=1600 " \
  "filltype=zero ! testinterpipesink name=" name " sync=true async=false"

typedef struct
{
  GMutex lock;
  GCond cond;
  GstClockTime sync_at;         /* when the sync handler saw the message */
  GstClockTime async_at;        /* when the bus watch got it */
} Receiver;

static GstBusSyncReply
on_sync (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  Receiver *rx = user_data;

  if (gst_idle_watchdog_message_is_switch (msg)) {
    g_mutex_lock (&rx->lock);
    rx->sync_at = gst_util_get_timestamp ();
    g_mutex_unlock (&rx->lock);
  }
  return GST_BUS_PASS;
}

static gboolean
on_watch (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  Receiver *rx = user_data;

  if (gst_idle_watchdog_message_is_switch (msg)) {
    g_mutex_lock (&rx->lock);
    rx->async_at = gst_util_get_timestamp ();
    g_cond_signal (&rx->cond);
    g_mutex_unlock (&rx->lock);
  }
  return G_SOURCE_CONTINUE;
}

static gpointer
loop_thread (gpointer data)
{
  g_main_loop_run (data);
  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gint
compare_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
report (const gchar * what, GArray * v)
{
  guint64 *d = (guint64 *) v->data;

  g_array_sort (v, compare_u64);
  g_print ("%-34s median %7.2f us  p90 %7.2f us  p99 %7.2f us  max %8.2f us\n",
      what, d[v->len / 2] / 1000.0, d[v->len * 9 / 10] / 1000.0,
      d[v->len * 99 / 100] / 1000.0, d[v->len - 1] / 1000.0);
}

static gdouble
median (GArray * v)
{
  g_array_sort (v, compare_u64);
  return g_array_index (v, guint64, v->len / 2);
}

static GstElement *
launch (const gchar * desc)
{
  GError *err = NULL;
  GstElement *p = gst_parse_launch (desc, &err);

  if (p == NULL) {
    g_printerr ("could not build '%s': %s\n", desc, err->message);
    exit (1);
  }
  gst_element_set_state (p, GST_STATE_PLAYING);
  return p;
}

/* Switches @n times; fills @set and, when watching, @sync and @async */
static void
run (guint n, gboolean watching, GArray * set, GArray * sync, GArray * async)
{
  gchar *desc = g_strdup_printf (CONSUMER, watching ? "true" : "false");
  GstElement *cons = launch (desc);
  GstElement *src = gst_bin_get_by_name (GST_BIN (cons), "src");
  GstBus *bus = gst_element_get_bus (cons);
  GMainContext *ctx = g_main_context_new ();
  GMainLoop *loop = g_main_loop_new (ctx, FALSE);
  GSource *watch = gst_bus_create_watch (bus);
  Receiver rx;
  GThread *thread;
  guint i;

  g_free (desc);
  g_mutex_init (&rx.lock);
  g_cond_init (&rx.cond);
  gst_bus_set_sync_handler (bus, on_sync, &rx, NULL);
  g_source_set_callback (watch, G_SOURCE_FUNC (on_watch), &rx, NULL);
  g_source_attach (watch, ctx);
  thread = g_thread_new ("bus", loop_thread, loop);

  for (i = 0; i < n; i++) {
    GstClockTime t0, t1;

    g_mutex_lock (&rx.lock);
    rx.sync_at = rx.async_at = GST_CLOCK_TIME_NONE;
    g_mutex_unlock (&rx.lock);

    t0 = gst_util_get_timestamp ();
    g_object_set (src, "listen-to", (i % 2) ? "p1" : "p2", NULL);
    t1 = gst_util_get_timestamp ();
    g_array_append_val (set, (guint64) { t1 - t0 });
    if (!watching)
      continue;

    g_mutex_lock (&rx.lock);
    while (rx.async_at == GST_CLOCK_TIME_NONE)
      g_cond_wait (&rx.cond, &rx.lock);
    g_array_append_val (sync, (guint64) { rx.sync_at - t0 });
    g_array_append_val (async, (guint64) { rx.async_at - t0 });
    g_mutex_unlock (&rx.lock);
  }

  /* from inside the loop: quitting a loop that has not started yet would
   * be lost */
  {
    GSource *idle = g_idle_source_new ();

    g_source_set_callback (idle, quit_loop, loop, NULL);
    g_source_attach (idle, ctx);
    g_source_unref (idle);
  }
  g_thread_join (thread);
  g_source_destroy (watch);
  g_source_unref (watch);
  g_main_loop_unref (loop);
  g_main_context_unref (ctx);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (bus);
  gst_object_unref (src);
  gst_element_set_state (cons, GST_STATE_NULL);
  gst_object_unref (cons);
  g_mutex_clear (&rx.lock);
  g_cond_clear (&rx.cond);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 2000;
  GArray *set_on = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *set_off = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *sync = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *async = g_array_new (FALSE, FALSE, sizeof (guint64));
  GstElement *p1, *p2;
  guint round;

  gst_init (&argc, &argv);
  if (n < 10) {
    g_printerr ("usage: %s [switches >= 10]\n", argv[0]);
    return 1;
  }
  p1 = launch (PRODUCER ("p1"));
  p2 = launch (PRODUCER ("p2"));

  /* interleaved rounds, so both variants see the same machine state */
  for (round = 0; round < 4; round++) {
    run (n / 4, FALSE, set_off, NULL, NULL);
    run (n / 4, TRUE, set_on, sync, async);
  }

  g_print ("%u switches per variant, data flowing (100 buffers/s per "
      "producer)\n", set_on->len);
  report ("set, watch-switches=false", set_off);
  report ("set, watched", set_on);
  report ("set -> message (sync handler)", sync);
  report ("set -> message (bus watch thread)", async);
  g_print ("ratio of median set cost watched/unwatched: %.2f\n",
      median (set_on) / median (set_off));

  gst_element_set_state (p1, GST_STATE_NULL);
  gst_element_set_state (p2, GST_STATE_NULL);
  gst_object_unref (p1);
  gst_object_unref (p2);
  g_array_unref (set_on);
  g_array_unref (set_off);
  g_array_unref (sync);
  g_array_unref (async);
  return 0;
}
