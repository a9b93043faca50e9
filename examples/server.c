/* gst-idlewatchdog example: a streaming server without the session runner
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The shape of the server of the incident: each user session has four
 * pipelines (video and audio producer, video and audio streaming pipeline),
 * each run in its own thread with its own GMainContext and GMainLoop, and
 * a pipeline's loop quits on ERROR or EOS. What this example adds to such a
 * server is marked "idlewatchdog:" (one element per pipeline, and one case
 * in the bus handler); the rest is the server as it was, plus what any
 * server needs anyway: when one pipeline of a session stops, the session's
 * other pipelines are stopped too, and every thread is joined.
 *
 * Here session "s1"'s video producer stalls after 0.7 s (its valve closes),
 * its watchdog fires 0.5 s later and s1 is torn down; session "s2" is then
 * ended as a server ends one on a client's request. Run from a build tree:
 *   meson devenv -C build examples/server-c
 */
#include <gst/gst.h>
#include <gst/idlewatchdog/idlewatchdog.h>

#define N_PIPELINES 4

/* idlewatchdog: in each pipeline, where the data of that pipeline flows */
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

typedef struct Session Session;

typedef struct
{
  Session *session;
  const gchar *name;
  GstElement *pipeline;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
} Pipeline;

struct Session
{
  gchar id[16];
  Pipeline pipelines[N_PIPELINES];
  gint timed_out;               /* atomic */
};

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (((Pipeline *) data)->loop);
  return G_SOURCE_REMOVE;
}

/* Any thread: every pipeline of the session quits its loop */
static void
session_stop (Session * s)
{
  guint i;

  for (i = 0; i < N_PIPELINES; i++) {
    GSource *source = g_idle_source_new ();

    g_source_set_callback (source, quit_loop, &s->pipelines[i], NULL);
    g_source_attach (source, s->pipelines[i].context);
    g_source_unref (source);
  }
}

static gboolean
on_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  Pipeline *p = data;
  GstIdleWatchdogTimeout t;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR:
    case GST_MESSAGE_EOS:
      g_main_loop_quit (p->loop);
      break;
    case GST_MESSAGE_ELEMENT:
      /* idlewatchdog: the stream went silent: this pipeline is done */
      if (gst_idle_watchdog_message_parse_timeout (msg, &t)) {
        g_print ("%s/%s: silent for %" GST_TIME_FORMAT " (%s)\n",
            t.session_id, p->name, GST_TIME_ARGS (t.silence),
            gst_idle_watchdog_reason_to_string (t.reason));
        g_atomic_int_set (&p->session->timed_out, TRUE);
        g_main_loop_quit (p->loop);
      }
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

static gpointer
run_pipeline (gpointer data)
{
  Pipeline *p = data;
  GstBus *bus = gst_element_get_bus (p->pipeline);

  g_main_context_push_thread_default (p->context);
  gst_bus_add_watch (bus, on_message, p);
  gst_element_set_state (p->pipeline, GST_STATE_PLAYING);
  g_main_loop_run (p->loop);
  gst_element_set_state (p->pipeline, GST_STATE_NULL);
  gst_bus_remove_watch (bus);
  gst_object_unref (bus);
  g_main_context_pop_thread_default (p->context);
  /* one pipeline is down: the whole session goes */
  session_stop (p->session);
  return NULL;
}

static void
session_start (Session * s, const gchar * id)
{
  guint i;

  g_strlcpy (s->id, id, sizeof (s->id));
  for (i = 0; i < N_PIPELINES; i++) {
    Pipeline *p = &s->pipelines[i];
    gchar *desc = g_strdup_printf ("%s ! " WATCHDOG " ! %s",
        pipelines[i].before, id, pipelines[i].after);

    p->session = s;
    p->name = pipelines[i].name;
    p->pipeline = gst_parse_launch (desc, NULL);
    g_assert (p->pipeline != NULL);
    g_free (desc);
    p->context = g_main_context_new ();
    p->loop = g_main_loop_new (p->context, FALSE);
  }
  for (i = 0; i < N_PIPELINES; i++)
    s->pipelines[i].thread = g_thread_new (pipelines[i].name, run_pipeline,
        &s->pipelines[i]);
}

static void
session_join (Session * s)
{
  guint i;

  /* every thread first: each one that returns stops the others through
   * their contexts, which must be there until the last one has returned */
  for (i = 0; i < N_PIPELINES; i++)
    g_thread_join (s->pipelines[i].thread);
  for (i = 0; i < N_PIPELINES; i++) {
    Pipeline *p = &s->pipelines[i];

    gst_object_unref (p->pipeline);
    g_main_loop_unref (p->loop);
    g_main_context_unref (p->context);
  }
  g_print ("%s: all %d pipelines stopped, threads joined\n", s->id,
      N_PIPELINES);
}

int
main (int argc, char **argv)
{
  Session s1 = { {0}, }, s2 = { {0}, };
  GstElement *valve;
  gboolean ok;

  gst_init (&argc, &argv);
  session_start (&s1, "s1");
  session_start (&s2, "s2");

  g_usleep (700 * G_TIME_SPAN_MILLISECOND);
  /* s1's capture stalls; nothing else tells the server */
  valve = gst_bin_get_by_name (GST_BIN (s1.pipelines[0].pipeline), "valve");
  g_object_set (valve, "drop", TRUE, NULL);
  gst_object_unref (valve);
  session_join (&s1);

  /* s2's client says goodbye */
  session_stop (&s2);
  session_join (&s2);

  ok = g_atomic_int_get (&s1.timed_out) && !g_atomic_int_get (&s2.timed_out);
  g_print ("%s\n", ok ? "ok" : "unexpected");
  return ok ? 0 : 1;
}
