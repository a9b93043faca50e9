/* gst-idlewatchdog: replays the leaked-sessions incident on one machine
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A streaming server runs one session per user: a video and an audio
 * producer pipeline (capture -> appsink) and a video and an audio streaming
 * pipeline (channel source -> encoder -> payloader -> network sink), each in
 * its own thread. The producers feed the streaming pipelines the way
 * gst-interpipe does: a streaming pipeline's source listens to a producer
 * channel by name (`channel` property) and can be re-pointed at run time.
 * The video streaming pipeline also receives the client's keep-alive packets
 * (the RTCP receiver reports of a real server) on an appsrc.
 *
 * Over time faults are injected into some sessions:
 *
 * * client-gone: the client vanishes without a word (its keep-alives stop);
 * * producer-stall: the video producer stops delivering (a valve drops);
 * * switch-gone: the video stream is re-pointed at a producer that does not
 *   exist (a screen share that was closed).
 *
 * Each such user reconnects a second later, which starts a new session.
 * With the watchdog (the default) every faulty session is detected by an
 * `idlewatchdog` and torn down by the session runner of gstidlewatchdog-1.0;
 * with --no-watchdog nothing tears them down, as in the incident, and the
 * threads and memory of the leaked sessions pile up.
 *
 * The bridging is the demo's own (appsink -> a channel router -> appsrc):
 * GStreamer's intervideosrc and interaudiosrc keep producing black frames
 * and silence for a channel that has no producer, so they never starve.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <glib-unix.h>
#include <gst/app/app.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gst/idlewatchdog/idlewatchdog.h>

#include "demo-metrics-server.h"

GST_DEBUG_CATEGORY_STATIC (demo_debug);
#define GST_CAT_DEFAULT demo_debug

/* ------------------------------------------------------------------------ */
/* Options                                                                  */

static gint opt_sessions = 20;
static gint opt_faults = -1;
static gdouble opt_duration = 40.0;
static gint opt_timeout = 2000;
static gint opt_startup_timeout = 5000;
static gint opt_switch_timeout = 3000;
static gint opt_client_timeout = 2000;
static gint opt_stop_timeout = 2000;
static gboolean opt_no_watchdog = FALSE;
static gboolean opt_quiet = FALSE;
static gchar *opt_csv = NULL;
static gint opt_metrics_port = -1;
static gboolean opt_metrics_hold = FALSE;

static GOptionEntry entries[] = {
  {"sessions", 'n', 0, G_OPTION_ARG_INT, &opt_sessions,
      "Sessions started at the beginning (default 20)", "N"},
  {"faults", 'f', 0, G_OPTION_ARG_INT, &opt_faults,
      "Sessions that get a fault (default 3/5 of the sessions)", "F"},
  {"duration", 'd', 0, G_OPTION_ARG_DOUBLE, &opt_duration,
      "Seconds the scenario runs (default 40)", "S"},
  {"timeout", 't', 0, G_OPTION_ARG_INT, &opt_timeout,
      "Watchdog timeout of the media pipelines, ms (default 2000)", "MS"},
  {"startup-timeout", 0, 0, G_OPTION_ARG_INT, &opt_startup_timeout,
      "Watchdog startup-timeout, ms (default 5000)", "MS"},
  {"switch-timeout", 0, 0, G_OPTION_ARG_INT, &opt_switch_timeout,
      "Watchdog switch-timeout of the video stream, ms (default 3000)", "MS"},
  {"client-timeout", 0, 0, G_OPTION_ARG_INT, &opt_client_timeout,
      "Silence of the client keep-alives allowed, ms (default 2000)", "MS"},
  {"stop-timeout", 0, 0, G_OPTION_ARG_INT, &opt_stop_timeout,
      "Drain time allowed when a session is torn down, ms (default 2000)",
      "MS"},
  {"no-watchdog", 0, 0, G_OPTION_ARG_NONE, &opt_no_watchdog,
      "Run the same scenario without idlewatchdog (the old server)", NULL},
  {"csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv,
      "Write the time series (one row per second) to FILE", "FILE"},
  {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
      "No live display, only the summary", NULL},
  {"metrics-port", 0, 0, G_OPTION_ARG_INT, &opt_metrics_port,
        "Serve the session runner's metrics (Prometheus text) on "
        "http://127.0.0.1:PORT/metrics while running; 0 picks a free port "
        "(the URL is printed first)", "PORT"},
  {"metrics-hold", 0, 0, G_OPTION_ARG_NONE, &opt_metrics_hold,
        "After the summary, keep serving the metrics until standard input "
        "is closed (or Ctrl-C)", NULL},
  {NULL}
};

/* ------------------------------------------------------------------------ */
/* The channel router: producer appsinks -> consumer sources by name        */

static GMutex router_lock;
static GHashTable *router;      /* channel -> GPtrArray of GstAppSrc refs */

static void
router_attach_locked (GstAppSrc * src, const gchar * channel)
{
  GPtrArray *consumers = g_hash_table_lookup (router, channel);

  if (consumers == NULL) {
    consumers = g_ptr_array_new_with_free_func (gst_object_unref);
    g_hash_table_insert (router, g_strdup (channel), consumers);
  }
  g_ptr_array_add (consumers, gst_object_ref (src));
}

static void
router_detach_locked (GstAppSrc * src, const gchar * channel)
{
  GPtrArray *consumers = g_hash_table_lookup (router, channel);

  if (consumers)
    g_ptr_array_remove (consumers, src);
}

/* From a producer's streaming thread */
static GstFlowReturn
router_on_sample (GstAppSink * sink, gpointer user_data)
{
  const gchar *channel = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  GPtrArray *consumers;
  guint i;

  if (sample == NULL)
    return GST_FLOW_EOS;
  g_mutex_lock (&router_lock);
  consumers = g_hash_table_lookup (router, channel);
  for (i = 0; consumers && i < consumers->len; i++)
    gst_app_src_push_sample (g_ptr_array_index (consumers, i), sample);
  g_mutex_unlock (&router_lock);
  gst_sample_unref (sample);
  return GST_FLOW_OK;
}

/* DemoChannelSrc: an appsrc whose `channel` property says which producer it
 * listens to; the idlewatchdog downstream sees a change of it as a switch */
typedef struct
{
  GstAppSrc parent;
  gchar *channel;               /* under router_lock */
} DemoChannelSrc;

typedef struct
{
  GstAppSrcClass parent_class;
} DemoChannelSrcClass;

static GType demo_channel_src_get_type (void);
G_DEFINE_TYPE (DemoChannelSrc, demo_channel_src, GST_TYPE_APP_SRC);

enum
{
  PROP_0,
  PROP_CHANNEL
};

static void
demo_channel_src_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  DemoChannelSrc *self = (DemoChannelSrc *) object;

  switch (prop_id) {
    case PROP_CHANNEL:
      g_mutex_lock (&router_lock);
      if (self->channel)
        router_detach_locked (GST_APP_SRC (self), self->channel);
      g_free (self->channel);
      self->channel = g_value_dup_string (value);
      if (self->channel)
        router_attach_locked (GST_APP_SRC (self), self->channel);
      g_mutex_unlock (&router_lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
demo_channel_src_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  DemoChannelSrc *self = (DemoChannelSrc *) object;

  switch (prop_id) {
    case PROP_CHANNEL:
      g_mutex_lock (&router_lock);
      g_value_set_string (value, self->channel);
      g_mutex_unlock (&router_lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
demo_channel_src_finalize (GObject * object)
{
  g_free (((DemoChannelSrc *) object)->channel);
  G_OBJECT_CLASS (demo_channel_src_parent_class)->finalize (object);
}

static void
demo_channel_src_class_init (DemoChannelSrcClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->set_property = demo_channel_src_set_property;
  gobject_class->get_property = demo_channel_src_get_property;
  gobject_class->finalize = demo_channel_src_finalize;
  g_object_class_install_property (gobject_class, PROP_CHANNEL,
      g_param_spec_string ("channel", "Channel",
          "Name of the producer channel to listen to", NULL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));
  gst_element_class_set_static_metadata (GST_ELEMENT_CLASS (klass),
      "Demo channel source", "Source/Generic",
      "appsrc fed by the demo's channel router", "gst-idlewatchdog");
}

static void
demo_channel_src_init (DemoChannelSrc * self)
{
}

/* Drops the router's reference (and so stops feeding it) */
static void
channel_src_disconnect (GstElement * src)
{
  if (src)
    g_object_set (src, "channel", NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Sessions of the demo                                                     */

typedef enum
{
  FAULT_NONE,
  FAULT_CLIENT_GONE,
  FAULT_PRODUCER_STALL,
  FAULT_SWITCH_GONE,
  N_FAULTS
} Fault;

static const gchar *const fault_names[N_FAULTS] = {
  "none", "client-gone", "producer-stall", "switch-gone"
};

typedef struct
{
  gchar *id;
  Fault fault;
  gdouble fault_at;             /* seconds from the start; < 0: never */
  gboolean fault_injected;
  gboolean reconnected;
  gboolean client_alive;
  gdouble started_at;

  GstIdleWatchdogSession *session;
  GstElement *video_valve;
  GstElement *video_in;         /* DemoChannelSrc of the video stream */
  GstElement *audio_in;
  GstElement *keepalive;

  gboolean ended;
  gdouble ended_at;
  GstIdleWatchdogSessionEnd end;
  gchar *end_pipeline;
  gchar *end_element;
  gchar *end_reason;            /* the watchdog's reason, on a timeout */
} DemoSession;

typedef struct
{
  guint threads;
  guint64 rss_kb;
  guint fds;
} Usage;

static GPtrArray *sessions;
static GstIdleWatchdogSessionManager *manager;
static GMainLoop *loop;
static gint64 t0;
static FILE *csv;
static guint n_ended_by[GST_IDLE_WATCHDOG_SESSION_END_STOPPED + 1];
/* the same, shutdown included: what the runner's metrics count */
static guint n_finished_by[GST_IDLE_WATCHDOG_SESSION_END_STOPPED + 1];
static Usage usage_start, usage_peak, usage_end;
static gboolean shutting_down;

static gdouble
now_s (void)
{
  return (g_get_monotonic_time () - t0) / (gdouble) G_TIME_SPAN_SECOND;
}

static void
read_usage (Usage * u)
{
  gchar *status = NULL;
  gchar **lines, **l;
  GDir *dir;

  memset (u, 0, sizeof (*u));
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)) {
    lines = g_strsplit (status, "\n", -1);
    for (l = lines; *l; l++) {
      if (g_str_has_prefix (*l, "Threads:"))
        u->threads = g_ascii_strtoull (*l + 8, NULL, 10);
      else if (g_str_has_prefix (*l, "VmRSS:"))
        u->rss_kb = g_ascii_strtoull (*l + 6, NULL, 10);
    }
    g_strfreev (lines);
    g_free (status);
  }
  dir = g_dir_open ("/proc/self/fd", 0, NULL);
  if (dir) {
    while (g_dir_read_name (dir))
      u->fds++;
    u->fds--;                   /* the directory itself */
    g_dir_close (dir);
  }
}

static gchar *
watchdog (const gchar * name, const gchar * id, gint timeout, gint startup,
    gint switch_timeout)
{
  if (opt_no_watchdog)
    return g_strdup ("");
  return g_strdup_printf ("idlewatchdog name=%s session-id=%s timeout=%d "
      "startup-timeout=%d switch-timeout=%d ! ", name, id, timeout, startup,
      switch_timeout);
}

static GstElement *
get_element (GstIdleWatchdogSession * s, guint index, const gchar * name)
{
  GstElement *p = gst_idle_watchdog_session_get_pipeline (s, index);
  GstElement *e = gst_bin_get_by_name (GST_BIN (p), name);

  gst_object_unref (p);
  return e;
}

static void
connect_producer (GstIdleWatchdogSession * s, guint index,
    const gchar * channel)
{
  GstElement *sink = get_element (s, index, "out");
  GstAppSinkCallbacks callbacks = { NULL, NULL, router_on_sample };

  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks,
      g_strdup (channel), g_free);
  gst_object_unref (sink);
}

static void on_session_ended (GstIdleWatchdogSession * s,
    const GstIdleWatchdogSessionResult * r, gpointer user_data);
static void record_end (DemoSession * ds,
    const GstIdleWatchdogSessionResult * r);

static void
demo_session_release (DemoSession * ds)
{
  channel_src_disconnect (ds->video_in);
  channel_src_disconnect (ds->audio_in);
  gst_clear_object (&ds->video_valve);
  gst_clear_object (&ds->video_in);
  gst_clear_object (&ds->audio_in);
  gst_clear_object (&ds->keepalive);
  g_clear_object (&ds->session);
}

enum
{
  VIDEO_PRODUCER,
  AUDIO_PRODUCER,
  VIDEO_STREAM,
  AUDIO_STREAM
};

static DemoSession *
demo_session_start (const gchar * id, Fault fault, gdouble fault_at)
{
  DemoSession *ds = g_new0 (DemoSession, 1);
  GstIdleWatchdogSession *s;
  gchar *wd_vp, *wd_ap, *wd_vs, *wd_as, *wd_client, *desc;
  GError *err = NULL;
  gint startup = opt_startup_timeout;

  ds->id = g_strdup (id);
  ds->fault = fault;
  ds->fault_at = fault_at;
  ds->client_alive = TRUE;
  ds->started_at = now_s ();

  s = gst_idle_watchdog_session_new (id, opt_no_watchdog ? 0 :
      GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG);
  gst_idle_watchdog_session_set_stop_timeout (s,
      opt_stop_timeout * GST_MSECOND);
  wd_vp = watchdog ("wd", id, opt_timeout, startup, 0);
  wd_ap = watchdog ("wd", id, opt_timeout, startup, 0);
  wd_vs = watchdog ("wd", id, opt_timeout, startup, opt_switch_timeout);
  wd_as = watchdog ("wd", id, opt_timeout, startup, 0);
  wd_client = watchdog ("client", id, opt_client_timeout, startup, 0);

  desc = g_strdup_printf ("videotestsrc is-live=true pattern=ball ! "
      "video/x-raw,format=I420,width=160,height=120,framerate=10/1 ! "
      "valve name=valve ! "
      "%sappsink name=out sync=false max-buffers=2 drop=true", wd_vp);
  gst_idle_watchdog_session_add_description (s, "video-producer", desc, &err);
  g_free (desc);
  desc = g_strdup_printf ("audiotestsrc is-live=true samplesperbuffer=800 ! "
      "audio/x-raw,format=S16LE,rate=8000,channels=1 ! valve name=valve ! "
      "%sappsink name=out sync=false max-buffers=2 drop=true", wd_ap);
  if (!err)
    gst_idle_watchdog_session_add_description (s, "audio-producer", desc,
        &err);
  g_free (desc);
  desc = g_strdup_printf ("demochannelsrc name=in channel=%s-video "
      "is-live=true format=time max-buffers=5 leaky-type=downstream ! "
      "%squeue max-size-buffers=5 leaky=downstream ! jpegenc quality=30 ! "
      "rtpjpegpay ! fakesink name=net sync=false "
      "appsrc name=keepalive is-live=true format=time "
      "caps=application/x-rtcp ! %sfakesink sync=false async=false",
      id, wd_vs, wd_client);
  if (!err)
    gst_idle_watchdog_session_add_description (s, "video-stream", desc, &err);
  g_free (desc);
  desc = g_strdup_printf ("demochannelsrc name=in channel=%s-audio "
      "is-live=true format=time max-buffers=5 leaky-type=downstream ! "
      "%squeue max-size-buffers=5 leaky=downstream ! mulawenc ! rtppcmupay ! "
      "fakesink name=net sync=false", id, wd_as);
  if (!err)
    gst_idle_watchdog_session_add_description (s, "audio-stream", desc, &err);
  g_free (desc);
  g_free (wd_vp);
  g_free (wd_ap);
  g_free (wd_vs);
  g_free (wd_as);
  g_free (wd_client);
  if (err) {
    g_printerr ("Could not build session %s: %s\n", id, err->message);
    exit (1);
  }

  ds->session = s;
  ds->video_valve = get_element (s, VIDEO_PRODUCER, "valve");
  ds->video_in = get_element (s, VIDEO_STREAM, "in");
  ds->audio_in = get_element (s, AUDIO_STREAM, "in");
  ds->keepalive = get_element (s, VIDEO_STREAM, "keepalive");
  {
    gchar *video = g_strdup_printf ("%s-video", id);
    gchar *audio = g_strdup_printf ("%s-audio", id);

    connect_producer (s, VIDEO_PRODUCER, video);
    connect_producer (s, AUDIO_PRODUCER, audio);
    g_free (video);
    g_free (audio);
  }

  gst_idle_watchdog_session_set_ended_callback (s, NULL, on_session_ended, ds,
      NULL);
  gst_idle_watchdog_session_manager_add (manager, s);
  if (!gst_idle_watchdog_session_start (s, &err)) {
    g_printerr ("Could not start session %s: %s\n", id, err->message);
    exit (1);
  }
  g_ptr_array_add (sessions, ds);
  return ds;
}

/* In the main thread, once the session's threads are joined */
static void
on_session_ended (GstIdleWatchdogSession * s,
    const GstIdleWatchdogSessionResult * r, gpointer user_data)
{
  DemoSession *ds = user_data;

  channel_src_disconnect (ds->video_in);
  channel_src_disconnect (ds->audio_in);
  n_finished_by[r->end]++;
  /* the summary is about the state when the scenario ended */
  if (!shutting_down)
    record_end (ds, r);
  /* the server forgets the session: its pipelines and contexts are freed */
  demo_session_release (ds);
}

static void
record_end (DemoSession * ds, const GstIdleWatchdogSessionResult * r)
{
  ds->ended = TRUE;
  /* when the runner decided, not when the teardown finished */
  ds->ended_at = ds->started_at + r->duration / (gdouble) GST_SECOND;
  ds->end = r->end;
  ds->end_pipeline = g_strdup (r->pipeline_name);
  ds->end_element = g_strdup (r->element_name);
  if (r->end == GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT)
    ds->end_reason =
        g_strdup (gst_idle_watchdog_reason_to_string (r->timeout.reason));
  n_ended_by[r->end]++;

  if (!opt_quiet)
    g_print ("  %5.1fs  %s ended: %s%s%s in %s (%s)\n", ds->ended_at, ds->id,
        gst_idle_watchdog_session_end_to_string (r->end),
        ds->end_reason ? "/" : "", ds->end_reason ? ds->end_reason : "",
        r->pipeline_name ? r->pipeline_name : "-",
        r->element_name ? r->element_name : "-");
}

static void
demo_session_free (DemoSession * ds)
{
  demo_session_release (ds);
  g_free (ds->id);
  g_free (ds->end_pipeline);
  g_free (ds->end_element);
  g_free (ds->end_reason);
  g_free (ds);
}

static void
inject_fault (DemoSession * ds)
{
  gchar *gone;

  ds->fault_injected = TRUE;
  switch (ds->fault) {
    case FAULT_CLIENT_GONE:
      ds->client_alive = FALSE;
      break;
    case FAULT_PRODUCER_STALL:
      g_object_set (ds->video_valve, "drop", TRUE, NULL);
      break;
    case FAULT_SWITCH_GONE:
      gone = g_strdup_printf ("%s-screen-share", ds->id);
      g_object_set (ds->video_in, "channel", gone, NULL);
      g_free (gone);
      break;
    default:
      break;
  }
  if (!opt_quiet)
    g_print ("  %5.1fs  %s fault: %s\n", now_s (), ds->id,
        fault_names[ds->fault]);
}

static gboolean
is_leaked (DemoSession * ds)
{
  return ds->fault_injected && !ds->ended;
}

static void
show (gdouble t, const Usage * u)
{
  guint alive = 0, ended = 0, leaked = 0, i;

  for (i = 0; i < sessions->len; i++) {
    DemoSession *ds = g_ptr_array_index (sessions, i);

    if (ds->ended)
      ended++;
    else
      alive++;
    if (is_leaked (ds))
      leaked++;
  }
  if (!opt_quiet)
    g_print ("[%5.1fs] %s  sessions alive %3u  ended %3u (timeout %u, "
        "error %u, eos %u)  faulty still alive %3u  threads %4u  "
        "rss %6.1f MB  fds %4u\n", t,
        opt_no_watchdog ? "no-watchdog" : "watchdog", alive, ended,
        n_ended_by[GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT],
        n_ended_by[GST_IDLE_WATCHDOG_SESSION_END_ERROR],
        n_ended_by[GST_IDLE_WATCHDOG_SESSION_END_EOS], leaked, u->threads,
        u->rss_kb / 1024.0, u->fds);
  if (csv)
    fprintf (csv, "%.1f,%s,%u,%u,%u,%u,%" G_GUINT64_FORMAT ",%u\n", t,
        opt_no_watchdog ? "no-watchdog" : "watchdog", alive, ended, leaked,
        u->threads, u->rss_kb, u->fds);
}

static gboolean
on_tick (gpointer data)
{
  static guint ticks = 0;
  gdouble t = now_s ();
  guint i, n = sessions->len;

  /* interrupted: the scenario is over */
  if (shutting_down)
    return G_SOURCE_REMOVE;
  ticks++;
  for (i = 0; i < n; i++) {
    DemoSession *ds = g_ptr_array_index (sessions, i);

    if (ds->ended)
      continue;
    if (ds->fault != FAULT_NONE && !ds->fault_injected && t >= ds->fault_at)
      inject_fault (ds);
    /* the client's keep-alive, four times a second */
    if (ds->client_alive && ticks % 5 == 0)
      gst_app_src_push_buffer (GST_APP_SRC (ds->keepalive),
          gst_buffer_new_allocate (NULL, 32, NULL));
  }
  /* the users whose session broke reconnect a second later */
  for (i = 0; i < n; i++) {
    DemoSession *ds = g_ptr_array_index (sessions, i);

    if (ds->fault_injected && !ds->reconnected && t >= ds->fault_at + 1.0) {
      gchar *id = g_strdup_printf ("%s-r", ds->id);

      ds->reconnected = TRUE;
      demo_session_start (id, FAULT_NONE, -1);
      g_free (id);
    }
  }
  /* join and release the sessions that have ended */
  gst_idle_watchdog_session_manager_reap (manager);

  if (ticks % 20 == 0) {
    Usage u;

    read_usage (&u);
    usage_peak.threads = MAX (usage_peak.threads, u.threads);
    usage_peak.rss_kb = MAX (usage_peak.rss_kb, u.rss_kb);
    usage_peak.fds = MAX (usage_peak.fds, u.fds);
    show (t, &u);
  }
  if (t >= opt_duration) {
    read_usage (&usage_end);
    g_main_loop_quit (loop);
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

/* --metrics-hold: standard input was closed */
static gboolean
on_stdin (gint fd, GIOCondition condition, gpointer data)
{
  gchar buf[256];

  if ((condition & G_IO_IN) && read (fd, buf, sizeof (buf)) > 0)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_interrupt (gpointer data)
{
  /* in the scenario; or, after the summary, holding the metrics */
  if (!shutting_down) {
    g_print ("interrupted: ending the scenario now\n");
    read_usage (&usage_end);
  }
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

/* What the session's end should have been, for a fault */
static gboolean
ended_as_expected (DemoSession * ds)
{
  if (ds->end != GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT)
    return FALSE;
  switch (ds->fault) {
    case FAULT_CLIENT_GONE:
      return g_strcmp0 (ds->end_element, "client") == 0 &&
          g_strcmp0 (ds->end_reason, "silence") == 0;
    case FAULT_PRODUCER_STALL:
      return g_strcmp0 (ds->end_reason, "silence") == 0 &&
          (g_strcmp0 (ds->end_pipeline, "video-producer") == 0 ||
          g_strcmp0 (ds->end_pipeline, "video-stream") == 0);
    case FAULT_SWITCH_GONE:
      return g_strcmp0 (ds->end_reason, "switch") == 0 &&
          g_strcmp0 (ds->end_pipeline, "video-stream") == 0;
    default:
      return FALSE;
  }
}

static void
print_summary (guint n_faults, const Usage * after)
{
  guint i, healthy = 0, healthy_ended = 0, faulty_right = 0,
      faulty_wrong = 0, faulty_alive = 0, alive = 0;

  g_print ("summary-begin\n");
  g_print ("mode: %s\n", opt_no_watchdog ? "no-watchdog" : "watchdog");
  g_print ("duration-s: %.1f\n", opt_duration);
  for (i = 0; i < sessions->len; i++) {
    DemoSession *ds = g_ptr_array_index (sessions, i);

    g_print ("session: %s fault=%s fault-at=%.1f end=%s pipeline=%s "
        "element=%s reason=%s ended-at=%.1f\n", ds->id,
        fault_names[ds->fault], ds->fault_injected ? ds->fault_at : -1.0,
        ds->ended ? gst_idle_watchdog_session_end_to_string (ds->end) :
        "none", ds->end_pipeline ? ds->end_pipeline : "-",
        ds->end_element ? ds->end_element : "-",
        ds->end_reason ? ds->end_reason : "-",
        ds->ended ? ds->ended_at : -1.0);
    if (!ds->ended)
      alive++;
    if (!ds->fault_injected) {
      healthy++;
      healthy_ended += ds->ended;
    } else if (!ds->ended) {
      faulty_alive++;
    } else if (ended_as_expected (ds)) {
      faulty_right++;
    } else {
      faulty_wrong++;
    }
  }
  g_print ("sessions-started: %u\n", sessions->len);
  g_print ("sessions-alive-at-end: %u\n", alive);
  g_print ("faults-injected: %u\n", n_faults);
  g_print ("healthy-sessions: %u\n", healthy);
  g_print ("healthy-ended: %u\n", healthy_ended);
  g_print ("faulty-ended-as-expected: %u\n", faulty_right);
  g_print ("faulty-ended-otherwise: %u\n", faulty_wrong);
  g_print ("leaked-sessions: %u\n", faulty_alive);
  g_print ("threads-start: %u\n", usage_start.threads);
  g_print ("threads-end: %u\n", usage_end.threads);
  g_print ("threads-peak: %u\n", MAX (usage_peak.threads, usage_end.threads));
  g_print ("rss-start-kb: %" G_GUINT64_FORMAT "\n", usage_start.rss_kb);
  g_print ("rss-end-kb: %" G_GUINT64_FORMAT "\n", usage_end.rss_kb);
  g_print ("rss-peak-kb: %" G_GUINT64_FORMAT "\n",
      MAX (usage_peak.rss_kb, usage_end.rss_kb));
  g_print ("fds-start: %u\n", usage_start.fds);
  g_print ("fds-end: %u\n", usage_end.fds);
  g_print ("threads-after-shutdown: %u\n", after->threads);
  g_print ("fds-after-shutdown: %u\n", after->fds);
  /* every session, those stopped at shutdown included */
  g_print ("sessions-finished-timeout: %u\n",
      n_finished_by[GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT]);
  g_print ("sessions-finished-error: %u\n",
      n_finished_by[GST_IDLE_WATCHDOG_SESSION_END_ERROR]);
  g_print ("sessions-finished-eos: %u\n",
      n_finished_by[GST_IDLE_WATCHDOG_SESSION_END_EOS]);
  g_print ("sessions-finished-stopped: %u\n",
      n_finished_by[GST_IDLE_WATCHDOG_SESSION_END_STOPPED]);
  g_print ("pipelines-per-session: 4\n");
  g_print ("summary-end\n");
  fflush (stdout);
}

int
main (int argc, char **argv)
{
  GOptionContext *ctx;
  GError *err = NULL;
  guint i, n_faults;
  gdouble first, last;
  Usage after;
  gint64 wait_end;
  DemoMetricsServer *metrics = NULL;

  ctx = g_option_context_new ("- replay the leaked-sessions incident");
  g_option_context_set_summary (ctx,
      "Runs N streaming sessions (video and audio producers and streaming\n"
      "pipelines each), injects faults (vanished clients, stalled producers,\n"
      "switches to a missing producer) and shows sessions, threads and RSS.\n"
      "With --no-watchdog the same scenario runs without idlewatchdog.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    g_printerr ("%s\n", err->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (opt_faults < 0)
    opt_faults = opt_sessions * 3 / 5;
  if (opt_sessions < 1 || opt_faults > opt_sessions || opt_duration <= 0 ||
      opt_timeout < 1 || opt_startup_timeout < 0 || opt_switch_timeout < 0 ||
      opt_client_timeout < 1 || opt_stop_timeout < 0 ||
      opt_metrics_port < -1 || opt_metrics_port > G_MAXUINT16 ||
      (opt_metrics_hold && opt_metrics_port < 0)) {
    g_printerr ("Invalid options: need sessions >= 1, 0 <= faults <= "
        "sessions, a positive duration and timeouts, a metrics port from 0 "
        "to 65535, and --metrics-hold only with --metrics-port\n");
    return 2;
  }

  GST_DEBUG_CATEGORY_INIT (demo_debug, "idlewatchdogdemo", 0, "demo");
  if (!gst_element_register (NULL, "demochannelsrc", GST_RANK_NONE,
          demo_channel_src_get_type ())) {
    g_printerr ("Could not register the demo's channel source\n");
    return 1;
  }
  if (!opt_no_watchdog && !gst_element_factory_find ("idlewatchdog")) {
    g_printerr ("The idlewatchdog element is not available: set "
        "GST_PLUGIN_PATH to the build's gst/ folder\n");
    return 1;
  }
  if (opt_csv) {
    csv = fopen (opt_csv, "w");
    if (csv == NULL) {
      g_printerr ("Could not open %s for writing\n", opt_csv);
      return 1;
    }
    fprintf (csv, "t_s,mode,alive,ended,leaked,threads,rss_kb,fds\n");
  }

  if (opt_metrics_port >= 0) {
    metrics = demo_metrics_server_start (opt_metrics_port, &err);
    if (metrics == NULL) {
      g_printerr ("Could not serve the metrics on 127.0.0.1:%d: %s\n",
          opt_metrics_port, err->message);
      return 1;
    }
    /* first, even with --quiet: a scraper reads it */
    g_print ("metrics-url: http://127.0.0.1:%u/metrics\n",
        demo_metrics_server_get_port (metrics));
    fflush (stdout);
  }

  router = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      (GDestroyNotify) g_ptr_array_unref);
  sessions = g_ptr_array_new ();
  manager = gst_idle_watchdog_session_manager_new ();
  loop = g_main_loop_new (NULL, FALSE);
  read_usage (&usage_start);
  usage_peak = usage_start;
  t0 = g_get_monotonic_time ();

  /* faults spread from 15% of the run to the last moment they can still
   * be detected and torn down before the end */
  n_faults = opt_faults;
  first = opt_duration * 0.15;
  last = opt_duration - (MAX (MAX (opt_timeout, opt_switch_timeout),
          opt_client_timeout) + opt_stop_timeout) / 1000.0 - 1.5;
  if (last < first)
    last = first;
  for (i = 0; i < (guint) opt_sessions; i++) {
    gchar *id = g_strdup_printf ("s%02u", i);
    Fault fault = FAULT_NONE;
    gdouble at = -1;
    guint k;

    /* fault k goes to session k * N / F, kinds in turn */
    for (k = 0; k < n_faults; k++) {
      if (k * (guint) opt_sessions / n_faults == i) {
        fault = 1 + k % (N_FAULTS - 1);
        at = n_faults > 1 ? first + (last - first) * k / (n_faults - 1) :
            first;
      }
    }
    demo_session_start (id, fault, at);
    g_free (id);
  }

  if (!opt_quiet)
    g_print ("%s: %d sessions, %u faults, %.0f s; timeouts %d ms (startup "
        "%d, switch %d, client %d)\n",
        opt_no_watchdog ? "WITHOUT the watchdog" : "with the watchdog",
        opt_sessions, n_faults, opt_duration, opt_timeout,
        opt_startup_timeout, opt_switch_timeout, opt_client_timeout);
  g_timeout_add (50, on_tick, NULL);
  g_unix_signal_add (SIGINT, on_interrupt, NULL);
  g_main_loop_run (loop);

  /* shutdown: stop what is left, join every thread */
  shutting_down = TRUE;
  gst_idle_watchdog_session_manager_stop_all (manager);
  gst_idle_watchdog_session_manager_wait_all (manager);
  while (g_main_context_iteration (NULL, FALSE));
  /* joined threads may linger in /proc for a moment */
  wait_end = g_get_monotonic_time () + G_TIME_SPAN_SECOND;
  do {
    read_usage (&after);
    if (after.threads <= usage_start.threads)
      break;
    g_usleep (10000);
  } while (g_get_monotonic_time () < wait_end);

  if (!opt_quiet) {
    g_print ("\nAt %.0f s %s: threads %u (started with %u), RSS %.1f MB "
        "(started with %.1f MB)\n", opt_duration,
        opt_no_watchdog ? "without the watchdog" : "with the watchdog",
        usage_end.threads, usage_start.threads, usage_end.rss_kb / 1024.0,
        usage_start.rss_kb / 1024.0);
    g_print ("After shutting everything down: threads %u, fds %u\n\n",
        after.threads, after.fds);
  }
  print_summary (n_faults, &after);
  if (metrics && opt_metrics_hold) {
    g_unix_fd_add (0, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, NULL);
    g_main_loop_run (loop);
  }
  if (metrics)
    demo_metrics_server_stop (metrics);

  for (i = 0; i < sessions->len; i++)
    demo_session_free (g_ptr_array_index (sessions, i));
  g_ptr_array_unref (sessions);
  g_object_unref (manager);
  g_hash_table_unref (router);
  g_main_loop_unref (loop);
  if (csv)
    fclose (csv);
  g_free (opt_csv);
  /* lets GST_TRACERS=leaks report what is left */
  gst_deinit ();
  return 0;
}
