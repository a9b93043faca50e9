/* gst-idlewatchdog example: the same server, with the session runner
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The runner does what server.c writes by hand: one thread, GMainContext
 * and GMainLoop per pipeline, the whole session stopped (EOS with a bounded
 * wait, then NULL) when one pipeline times out, fails or ends, every thread
 * joined, and one "ended" signal, in the application's main context, that
 * says why. Session "s1"'s video producer stalls after 0.7 s; "s2" is ended
 * by the server (gst_idle_watchdog_session_stop()) once s1 is gone.
 *   meson devenv -C build examples/server-session-c
 */
#include <gst/gst.h>
#include <gst/idlewatchdog/idlewatchdog.h>

#define WATCHDOG "idlewatchdog timeout=500 startup-timeout=5000 session-id=%s"

/* each pipeline: what comes before the watchdog, and what after */
static const struct
{
  const gchar *name, *before, *after;
} pipelines[] = {
  {"video-producer", "videotestsrc is-live=true ! "
        "video/x-raw,width=160,height=120 ! valve name=valve",
      "fakesink sync=false"},
  {"audio-producer", "audiotestsrc is-live=true", "fakesink sync=false"},
  {"video-stream", "videotestsrc is-live=true ! "
        "video/x-raw,width=160,height=120", "jpegenc ! rtpjpegpay ! "
        "fakesink sync=false"},
  {"audio-stream", "audiotestsrc is-live=true",
      "mulawenc ! rtppcmupay ! fakesink sync=false"},
};

static GMainLoop *loop;
static GstIdleWatchdogSession *s2;
static gint n_alive;
static gboolean ok = TRUE;

/* In the main thread, once every pipeline of @s is in NULL and joined */
static void
on_ended (GstIdleWatchdogSession * s, const GstIdleWatchdogSessionResult * r,
    gpointer expected)
{
  g_print ("%s ended: %s", gst_idle_watchdog_session_get_id (s),
      gst_idle_watchdog_session_end_to_string (r->end));
  if (r->end == GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT)
    g_print (" (%s in %s)", gst_idle_watchdog_reason_to_string
        (r->timeout.reason), r->pipeline_name);
  g_print ("\n");
  ok = ok && (gint) r->end == GPOINTER_TO_INT (expected);

  /* the server ends the other session once this one is gone */
  if (s != s2)
    gst_idle_watchdog_session_stop (s2);
  if (--n_alive == 0)
    g_main_loop_quit (loop);
}

static GstIdleWatchdogSession *
session_start (const gchar * id, GstIdleWatchdogSessionEnd expected)
{
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new (id,
      GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG);
  GError *err = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (pipelines) && !err; i++) {
    gchar *desc = g_strdup_printf ("%s ! " WATCHDOG " ! %s",
        pipelines[i].before, id, pipelines[i].after);

    gst_idle_watchdog_session_add_description (s, pipelines[i].name, desc, &err);
    g_free (desc);
  }
  g_signal_connect (s, "ended", G_CALLBACK (on_ended),
      GINT_TO_POINTER (expected));
  if (err || !gst_idle_watchdog_session_start (s, &err))
    g_error ("session %s: %s", id, err->message);
  n_alive++;
  return s;
}

static gboolean
stall_producer (gpointer session)
{
  GstElement *p = gst_idle_watchdog_session_get_pipeline (session, 0);
  GstElement *valve = gst_bin_get_by_name (GST_BIN (p), "valve");

  g_object_set (valve, "drop", TRUE, NULL);
  gst_object_unref (valve);
  gst_object_unref (p);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  GstIdleWatchdogSession *s1;

  gst_init (&argc, &argv);
  loop = g_main_loop_new (NULL, FALSE);
  s1 = session_start ("s1", GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT);
  s2 = session_start ("s2", GST_IDLE_WATCHDOG_SESSION_END_STOPPED);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 700, stall_producer,
      g_object_ref (s1), g_object_unref);
  /* a running session keeps itself alive: the server may let go of it */
  g_object_unref (s1);

  g_main_loop_run (loop);
  g_object_unref (s2);
  g_main_loop_unref (loop);
  g_print ("%s\n", ok ? "ok" : "unexpected");
  return ok ? 0 : 1;
}
