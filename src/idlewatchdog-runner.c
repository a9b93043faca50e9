/* gst-idlewatchdog: private
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The pipeline thread of a session: it pushes its own GMainContext as
 * thread-default, attaches the pipeline's bus watch there, sets the
 * pipeline to PLAYING and runs its own GMainLoop until told to stop; then
 * it drains the pipeline (EOS, bounded), sets it to NULL and returns.
 *
 * Taking the bus: the runner creates its bus watch when the pipeline is
 * added (gst_bus_create_watch() registers it as the bus's one watch, and
 * returns NULL, logging at ERROR level only, when the bus already has one),
 * so a watch the application added before is detected without touching it,
 * and one it tries to add later fails (gst_bus_add_watch() returns 0).
 * GStreamer 1.22 has no way to ask whether a bus has a sync handler, and
 * setting one silently replaces the previous one: the runner reads the
 * bus's private sync-handler slot, after checking once, on a bus of its
 * own, that GStreamer's private layout is the one it expects (1.22's). If
 * it is not, the sync-handler check is skipped (logged once).
 */
#include "idlewatchdog-runner.h"
#include "idlewatchdog-metrics-private.h"

#include <gst/idlewatchdog/idlewatchdog-session.h>

GST_DEBUG_CATEGORY_STATIC (runner_debug);
#define GST_CAT_DEFAULT runner_debug

struct _IdwRunner
{
  guint index;
  gchar *name;
  GstElement *pipeline;
  GstBus *bus;
  GSource *watch;               /* registered on the bus from creation */
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  gint stop_requested;          /* atomic */

  const IdwRunnerCallbacks *callbacks;
  gpointer data;

  /* only used by the runner's own thread */
  gboolean stopping;
  gboolean drained;             /* the pipeline posted EOS or ERROR */
  GSource *stop_timer;
};

/* The data of the runner whose thread the current thread is, if any */
static GPrivate current_data;

/* ------------------------------------------------------------------------ */
/* Whether a bus has a sync handler                                         */

/* GstBusPrivate and its SyncHandler as GStreamer 1.22 lays them out */
typedef struct
{
  GstBusSyncHandler handler;
  gpointer user_data;
  GDestroyNotify destroy_notify;
  gint ref_count;
} SyncHandlerLayout;

typedef struct
{
  gpointer queue;
  GMutex queue_lock;
  SyncHandlerLayout *sync_handler;
  guint num_signal_watchers;
  guint num_sync_message_emitters;
  GSource *gsource;
} BusPrivateLayout;

static GstBusSyncReply
probe_handler (GstBus * bus, GstMessage * msg, gpointer data)
{
  return GST_BUS_PASS;
}

static gboolean
layout_matches (void)
{
  static gint marker;
  GstBus *bus = gst_bus_new ();
  BusPrivateLayout *priv = (BusPrivateLayout *) bus->priv;
  GSource *watch;
  gboolean ok;

  ok = priv->sync_handler == NULL && priv->gsource == NULL;
  gst_bus_set_sync_handler (bus, probe_handler, &marker, NULL);
  ok = ok && priv->sync_handler != NULL &&
      priv->sync_handler->handler == probe_handler &&
      priv->sync_handler->user_data == &marker;
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  ok = ok && priv->sync_handler == NULL;
  watch = gst_bus_create_watch (bus);
  ok = ok && watch != NULL && priv->gsource == watch;
  g_source_unref (watch);
  ok = ok && priv->gsource == NULL;
  gst_object_unref (bus);
  return ok;
}

static gboolean
layout_known (void)
{
  static gsize known = 0;

  if (g_once_init_enter (&known)) {
    gsize k = layout_matches ()? 1 : 2;

    if (k == 2)
      GST_WARNING ("unknown GstBus layout: a pipeline whose bus has a sync "
          "handler cannot be refused");
    g_once_init_leave (&known, k);
  }
  return known == 1;
}

static gboolean
bus_has_sync_handler (GstBus * bus)
{
  gboolean has;

  if (!layout_known ())
    return FALSE;
  GST_OBJECT_LOCK (bus);
  has = ((BusPrivateLayout *) bus->priv)->sync_handler != NULL;
  GST_OBJECT_UNLOCK (bus);
  return has;
}

/* Only a shortcut, which spares the application GStreamer's ERROR log line:
 * gst_bus_create_watch() is what refuses a second watch */
static gboolean
bus_has_watch (GstBus * bus)
{
  gboolean has;

  if (!layout_known ())
    return FALSE;
  GST_OBJECT_LOCK (bus);
  has = ((BusPrivateLayout *) bus->priv)->gsource != NULL;
  GST_OBJECT_UNLOCK (bus);
  return has;
}

/* ------------------------------------------------------------------------ */
/* Stopping                                                                 */

static void
quit_loop (IdwRunner * r)
{
  if (r->stop_timer) {
    g_source_destroy (r->stop_timer);
    g_source_unref (r->stop_timer);
    r->stop_timer = NULL;
  }
  g_main_loop_quit (r->loop);
}

static gboolean
on_stop_timeout (gpointer data)
{
  IdwRunner *r = data;

  GST_WARNING_OBJECT (r->pipeline, "did not drain within the stop timeout, "
      "setting it to NULL");
  idw_metrics_add (IDW_METRIC_DRAINS_FORCED, 1);
  quit_loop (r);
  return G_SOURCE_REMOVE;
}

/* Collects, with a reference each, the pads an EOS is pushed into: the
 * peers of the source pads of every source element of @bin, recursively */
static void
collect_source_peers (GstBin * bin, GPtrArray * peers)
{
  GstIterator *it = gst_bin_iterate_sources (bin);
  GValue item = G_VALUE_INIT;
  gboolean done = FALSE;

  while (!done) {
    switch (gst_iterator_next (it, &item)) {
      case GST_ITERATOR_OK:{
        GstElement *e = g_value_get_object (&item);

        if (GST_IS_BIN (e)) {
          collect_source_peers (GST_BIN (e), peers);
        } else {
          GList *l;

          GST_OBJECT_LOCK (e);
          for (l = e->srcpads; l; l = l->next) {
            GstPad *peer = gst_pad_get_peer (l->data);

            if (peer)
              g_ptr_array_add (peers, peer);
          }
          GST_OBJECT_UNLOCK (e);
        }
        g_value_reset (&item);
        break;
      }
      case GST_ITERATOR_RESYNC:
        /* start over */
        g_ptr_array_set_size (peers, 0);
        gst_iterator_resync (it);
        break;
      default:
        done = TRUE;
        break;
    }
  }
  g_value_unset (&item);
  gst_iterator_free (it);
}

/* Runs in a GStreamer pool thread (gst_element_call_async()), never in the
 * runner's thread: pushing a serialized event waits for the pad's stream
 * lock, which a streaming thread blocked downstream may hold until the
 * pipeline is set to NULL. It holds no lock the state change needs: it
 * never goes through gst_element_send_event() (and its state lock). */
static void
push_eos (GstElement * pipeline, gpointer data)
{
  GPtrArray *peers = data;
  GstEvent *eos = gst_event_new_eos ();
  guint i;

  for (i = 0; i < peers->len; i++) {
    GstPad *peer = g_ptr_array_index (peers, i);

    if (!gst_pad_send_event (peer, gst_event_ref (eos)))
      GST_DEBUG_OBJECT (pipeline, "EOS refused by %" GST_PTR_FORMAT, peer);
  }
  gst_event_unref (eos);
}

typedef struct
{
  IdwRunner *runner;
  GstClockTime timeout;
} StopRequest;

/* Runs in the runner's thread: the first step of stopping its pipeline */
static gboolean
begin_stop (gpointer data)
{
  StopRequest *req = data;
  IdwRunner *r = req->runner;
  GstState state = GST_STATE_NULL;
  GPtrArray *peers;

  if (r->stopping)
    return G_SOURCE_REMOVE;
  r->stopping = TRUE;

  gst_element_get_state (r->pipeline, &state, NULL, 0);
  if (r->drained || req->timeout == 0 || state < GST_STATE_PAUSED) {
    quit_loop (r);
    return G_SOURCE_REMOVE;
  }

  peers = g_ptr_array_new_with_free_func (gst_object_unref);
  collect_source_peers (GST_BIN (r->pipeline), peers);
  if (peers->len == 0) {
    GST_DEBUG_OBJECT (r->pipeline, "no linked source to drain");
    g_ptr_array_unref (peers);
    quit_loop (r);
    return G_SOURCE_REMOVE;
  }

  /* the bound is armed before anything can block */
  r->stop_timer = g_timeout_source_new (req->timeout / GST_MSECOND >=
      G_MAXUINT ? G_MAXUINT : MAX ((guint) (req->timeout / GST_MSECOND), 1));
  g_source_set_callback (r->stop_timer, on_stop_timeout, r, NULL);
  g_source_attach (r->stop_timer, r->context);

  GST_DEBUG_OBJECT (r->pipeline, "draining: EOS into %u pads, at most %"
      GST_TIME_FORMAT, peers->len, GST_TIME_ARGS (req->timeout));
  idw_metrics_add (IDW_METRIC_DRAINS, 1);
  gst_element_call_async (r->pipeline, push_eos, peers,
      (GDestroyNotify) g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/* Any thread; the runner's thread does the work, once */
void
idw_runner_stop (IdwRunner * r, GstClockTime timeout)
{
  GSource *source = g_idle_source_new ();
  StopRequest *req = g_new (StopRequest, 1);

  g_atomic_int_set (&r->stop_requested, TRUE);
  req->runner = r;
  req->timeout = timeout;
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, begin_stop, req, g_free);
  g_source_attach (source, r->context);
  g_source_unref (source);
}

/* ------------------------------------------------------------------------ */
/* The thread                                                               */

static gboolean
on_bus_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  IdwRunner *r = data;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ELEMENT:
      r->callbacks->message (r, msg, r->data);
      break;
    case GST_MESSAGE_ERROR:
    case GST_MESSAGE_EOS:
      r->drained = TRUE;
      if (r->stopping)
        quit_loop (r);
      else
        r->callbacks->message (r, msg, r->data);
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

/* Runs after any ERROR message the failed state change posted */
static gboolean
on_state_failure (gpointer data)
{
  IdwRunner *r = data;

  r->callbacks->state_failure (r, r->data);
  return G_SOURCE_REMOVE;
}

static gpointer
runner_thread (gpointer data)
{
  IdwRunner *r = data;

  g_private_set (&current_data, r->data);
  g_main_context_push_thread_default (r->context);

  g_source_set_callback (r->watch, G_SOURCE_FUNC (on_bus_message), r, NULL);
  g_source_attach (r->watch, r->context);

  /* a session that ended before this thread ran never plays */
  if (!g_atomic_int_get (&r->stop_requested) &&
      gst_element_set_state (r->pipeline,
          GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    GSource *idle = g_idle_source_new ();

    g_source_set_priority (idle, G_PRIORITY_LOW);
    g_source_set_callback (idle, on_state_failure, r, NULL);
    g_source_attach (idle, r->context);
    g_source_unref (idle);
  }

  g_main_loop_run (r->loop);

  gst_element_set_state (r->pipeline, GST_STATE_NULL);
  /* unregisters the bus's watch: the application may add its own again */
  g_source_destroy (r->watch);
  g_clear_pointer (&r->watch, g_source_unref);
  /* drop what is still queued, and the element references it holds */
  gst_bus_set_flushing (r->bus, TRUE);
  /* and leave it usable, for a pipeline the application built */
  gst_bus_set_flushing (r->bus, FALSE);
  GST_DEBUG_OBJECT (r->pipeline, "stopped, thread returning");

  g_main_context_pop_thread_default (r->context);
  /* still marked as the session's thread: the last reference may go here */
  r->callbacks->done (r, r->data);
  g_private_set (&current_data, NULL);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                               */

/* Takes @pipeline (a non-floating reference) in every case. Refuses a
 * pipeline whose bus has a watch or a sync handler already. */
IdwRunner *
idw_runner_new (GstElement * pipeline, guint index,
    const IdwRunnerCallbacks * callbacks, gpointer data, GError ** error)
{
  static gsize debug_done = 0;
  IdwRunner *r;

  if (g_once_init_enter (&debug_done)) {
    GST_DEBUG_CATEGORY_INIT (runner_debug, "idlewatchdogrunner", 0,
        "Idle watchdog session runner: pipeline threads");
    g_once_init_leave (&debug_done, 1);
  }

  r = g_new0 (IdwRunner, 1);
  r->index = index;
  r->name = gst_object_get_name (GST_OBJECT (pipeline));
  r->pipeline = pipeline;
  r->bus = gst_element_get_bus (pipeline);
  r->callbacks = callbacks;
  r->data = data;

  if (!idw_runner_check_bus (r, error)) {
    idw_runner_free (r);
    return NULL;
  }
  if (!bus_has_watch (r->bus))
    r->watch = gst_bus_create_watch (r->bus);
  if (r->watch == NULL) {
    g_set_error (error, GST_IDLE_WATCHDOG_SESSION_ERROR,
        GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE,
        "The bus of pipeline %s already has a watch: the session must be "
        "the only one to read it", r->name);
    idw_runner_free (r);
    return NULL;
  }
  r->context = g_main_context_new ();
  r->loop = g_main_loop_new (r->context, FALSE);
  return r;
}

/* Whether the bus still has no sync handler (one may be set after the
 * pipeline was added) */
gboolean
idw_runner_check_bus (IdwRunner * r, GError ** error)
{
  if (!bus_has_sync_handler (r->bus))
    return TRUE;
  g_set_error (error, GST_IDLE_WATCHDOG_SESSION_ERROR,
      GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE,
      "The bus of pipeline %s has a sync handler: it could drop the "
      "messages the session must see", r->name);
  return FALSE;
}

gboolean
idw_runner_start (IdwRunner * r, GError ** error)
{
  gchar *name = g_strdup_printf ("iwd-%u", r->index);

  r->thread = g_thread_try_new (name, runner_thread, r, error);
  g_free (name);
  if (r->thread == NULL)
    return FALSE;
  idw_metrics_add (IDW_METRIC_THREADS_STARTED, 1);
  return TRUE;
}

/* Joins the thread, if it was started; only one caller at a time */
void
idw_runner_join (IdwRunner * r)
{
  if (r->thread) {
    g_thread_join (r->thread);
    idw_metrics_add (IDW_METRIC_THREADS_JOINED, 1);
  }
  r->thread = NULL;
}

/* Frees a runner whose thread was joined or never started */
void
idw_runner_free (IdwRunner * r)
{
  g_assert (r->thread == NULL);

  if (r->watch) {
    /* never started: unregister the watch, and the pipeline never ran */
    g_source_destroy (r->watch);
    g_source_unref (r->watch);
    gst_element_set_state (r->pipeline, GST_STATE_NULL);
  }
  gst_object_unref (r->bus);
  gst_object_unref (r->pipeline);
  if (r->loop)
    g_main_loop_unref (r->loop);
  if (r->context)
    g_main_context_unref (r->context);
  g_free (r->name);
  g_free (r);
}

GstElement *
idw_runner_get_pipeline (IdwRunner * r)
{
  return r->pipeline;
}

const gchar *
idw_runner_get_name (IdwRunner * r)
{
  return r->name;
}

guint
idw_runner_get_index (IdwRunner * r)
{
  return r->index;
}

/* The data of the runner whose thread this is, or NULL */
gpointer
idw_runner_get_current_data (void)
{
  return g_private_get (&current_data);
}
