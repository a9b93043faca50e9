/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:idlewatchdog-session
 * @title: Session runner
 * @short_description: run a set of pipelines that live and die together
 *
 * A #GstIdleWatchdogSession is a set of pipelines (for example the video and
 * audio producers and streaming pipelines of one user of a streaming server)
 * that must be torn down together. The runner gives each pipeline its own
 * thread, with its own #GMainContext and #GMainLoop and a bus watch attached
 * to that context; nothing is attached to the global default context.
 *
 * The session ends at the first of these causes (the first one wins, later
 * ones are ignored):
 *
 * * a pipeline posts `idle-watchdog-timeout` (unless the session was made
 *   with %GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS),
 * * a pipeline posts ERROR, or fails to go to PLAYING,
 * * a pipeline posts EOS,
 * * the application calls gst_idle_watchdog_session_stop(), from any
 *   thread, any number of times.
 *
 * Ending stops every pipeline of the session: each one is given a bounded
 * time (gst_idle_watchdog_session_set_stop_timeout()) to post EOS or ERROR
 * after an EOS is pushed into the peers of its sources' pads (from a
 * GStreamer pool thread, so that a streaming thread blocked downstream
 * cannot stall the stop), then set to NULL, and its thread returns. The
 * threads are joined, never detached: by gst_idle_watchdog_session_join(),
 * before the ended callback runs, by a #GstIdleWatchdogSessionManager, or
 * (by a pool thread, see gst_idle_watchdog_session_unref()) after the last
 * reference is dropped (which stops the session first if it is running).
 *
 * |[<!-- language="C" -->
 * GstIdleWatchdogSession *s = gst_idle_watchdog_session_new ("user-42",
 *     GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG);
 * const GstIdleWatchdogSessionResult *r;
 *
 * if (gst_idle_watchdog_session_add_description (s, "video",
 *         "appsrc is-live=true ! idlewatchdog timeout=2000 ! fakesink",
 *         &error) < 0 || !gst_idle_watchdog_session_start (s, &error))
 *   ... report error ...
 * r = gst_idle_watchdog_session_join (s);
 * g_print ("%s ended: %s\n", r->pipeline_name,
 *     gst_idle_watchdog_session_end_to_string (r->end));
 * gst_idle_watchdog_session_unref (s);
 * ]|
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "idlewatchdog-session.h"

GST_DEBUG_CATEGORY_STATIC (session_debug);
#define GST_CAT_DEFAULT session_debug

/* The session whose pipeline thread the current thread is, if any */
static GPrivate current_session;

typedef struct
{
  GstIdleWatchdogSession *session;      /* not a reference: it outlives us */
  guint index;
  gchar *name;
  GstElement *pipeline;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;              /* under the session lock */

  /* only used by the slot's own thread */
  gboolean stopping;
  gboolean drained;             /* the pipeline posted EOS or ERROR */
  GSource *stop_timer;
} Slot;

struct _GstIdleWatchdogSession
{
  gint refcount;
  gchar *id;
  GstIdleWatchdogSessionFlags flags;

  GMutex lock;
  GCond cond;

  /* everything below is under the lock; slots is fixed once started */
  GPtrArray *slots;
  GstClockTime stop_timeout;
  gboolean started;
  gboolean ended;
  guint n_running;              /* threads still running, plus the starter */
  gboolean finished;            /* ended, and no thread is running */
  gboolean joining;
  gboolean joined;
  gboolean reap_when_finished;  /* the last reference went while running */
  gint64 start_time;            /* monotonic, microseconds */

  GstIdleWatchdogSessionResult result;  /* written once, when ended */

  GstIdleWatchdogSessionEndedFunc ended_func;
  gpointer ended_data;
  GDestroyNotify ended_notify;
  GMainContext *ended_context;
  gboolean ended_scheduled;

  GstIdleWatchdogSessionTimeoutFunc timeout_func;
  gpointer timeout_data;
  GDestroyNotify timeout_notify;

  GstIdleWatchdogSessionManager *manager;
};

struct _GstIdleWatchdogSessionManager
{
  GMutex lock;
  GCond cond;
  GHashTable *alive;            /* session -> session, holds a reference */
  GQueue finished;              /* references waiting to be joined */
  guint n_ended;
};

G_DEFINE_QUARK (gst-idle-watchdog-session-error-quark,
    gst_idle_watchdog_session_error);

G_DEFINE_BOXED_TYPE (GstIdleWatchdogSession, gst_idle_watchdog_session,
    gst_idle_watchdog_session_ref, gst_idle_watchdog_session_unref);

static const GEnumValue end_values[] = {
  {GST_IDLE_WATCHDOG_SESSION_END_NONE, "Not ended", "none"},
  {GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT, "A watchdog timed out", "timeout"},
  {GST_IDLE_WATCHDOG_SESSION_END_ERROR, "A pipeline failed", "error"},
  {GST_IDLE_WATCHDOG_SESSION_END_EOS, "A pipeline reached EOS", "eos"},
  {GST_IDLE_WATCHDOG_SESSION_END_STOPPED, "Stopped by the application",
      "stopped"},
  {0, NULL, NULL}
};

GType
gst_idle_watchdog_session_end_get_type (void)
{
  static GType type = 0;

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstIdleWatchdogSessionEnd",
        end_values);
    g_once_init_leave (&type, t);
  }
  return type;
}

/**
 * gst_idle_watchdog_session_end_to_string:
 * @end: a #GstIdleWatchdogSessionEnd
 *
 * Returns: the nick of @end (`none`, `timeout`, `error`, `eos`, `stopped`),
 * or %NULL for a value that is not one.
 */
const gchar *
gst_idle_watchdog_session_end_to_string (GstIdleWatchdogSessionEnd end)
{
  if ((guint) end >= G_N_ELEMENTS (end_values) - 1)
    return NULL;
  return end_values[end].value_nick;
}

static void
init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (session_debug, "idlewatchdogsession", 0,
        "Idle watchdog session runner");
    g_once_init_leave (&done, 1);
  }
}

/* ------------------------------------------------------------------------ */
/* Ending                                                                   */

static void manager_session_finished (GstIdleWatchdogSessionManager * m,
    GstIdleWatchdogSession * s);
static void hand_to_reaper (GstIdleWatchdogSession * s);

/* Joins the pipeline threads once; called and returns with the lock held */
static void
join_threads_locked (GstIdleWatchdogSession * s)
{
  GPtrArray *threads;
  guint i;

  while (s->joining)
    g_cond_wait (&s->cond, &s->lock);
  if (s->joined)
    return;

  s->joining = TRUE;
  threads = g_ptr_array_new ();
  for (i = 0; i < s->slots->len; i++) {
    Slot *slot = g_ptr_array_index (s->slots, i);

    if (slot->thread)
      g_ptr_array_add (threads, slot->thread);
    slot->thread = NULL;
  }
  g_mutex_unlock (&s->lock);

  for (i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_ptr_array_unref (threads);

  g_mutex_lock (&s->lock);
  s->joining = FALSE;
  s->joined = TRUE;
  g_cond_broadcast (&s->cond);
}

static gboolean
dispatch_ended (gpointer data)
{
  GstIdleWatchdogSession *s = data;
  GstIdleWatchdogSessionEndedFunc func;
  gpointer user_data;

  g_mutex_lock (&s->lock);
  join_threads_locked (s);
  func = s->ended_func;
  user_data = s->ended_data;
  g_mutex_unlock (&s->lock);

  if (func)
    func (s, &s->result, user_data);
  return G_SOURCE_REMOVE;
}

/* Takes a reference unless the last one is already gone (the session is
 * being freed): nothing may bring it back then */
static gboolean
ref_unless_freeing (GstIdleWatchdogSession * s)
{
  gint old;

  do {
    old = g_atomic_int_get (&s->refcount);
    if (old == 0)
      return FALSE;
  } while (!g_atomic_int_compare_and_exchange (&s->refcount, old, old + 1));
  return TRUE;
}

static void
schedule_ended_locked (GstIdleWatchdogSession * s)
{
  GSource *source;

  if (!s->finished || s->ended_func == NULL || s->ended_scheduled)
    return;
  /* the last reference was dropped: session_free() owns the session now,
   * and the callback is not invoked */
  if (!ref_unless_freeing (s)) {
    s->ended_scheduled = TRUE;
    return;
  }

  s->ended_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_callback (source, dispatch_ended, s,
      (GDestroyNotify) gst_idle_watchdog_session_unref);
  g_source_attach (source, s->ended_context);
  g_source_unref (source);
}

/* Marks the session finished; returns the manager to tell, if any */
static GstIdleWatchdogSessionManager *
finish_locked (GstIdleWatchdogSession * s)
{
  s->finished = TRUE;
  g_cond_broadcast (&s->cond);
  schedule_ended_locked (s);
  return s->manager;
}

/* A pipeline thread (or the starter) is done with the session */
static void
thread_done (GstIdleWatchdogSession * s, guint n)
{
  GstIdleWatchdogSessionManager *m = NULL;
  gboolean reap = FALSE;

  g_mutex_lock (&s->lock);
  g_assert (s->n_running >= n);
  s->n_running -= n;
  if (s->n_running == 0) {
    m = finish_locked (s);
    reap = s->reap_when_finished;
  }
  g_mutex_unlock (&s->lock);

  /* no reference is left: nothing else may touch the session */
  if (reap) {
    hand_to_reaper (s);
    return;
  }
  /* the manager holds a reference until it has been told */
  if (m)
    manager_session_finished (m, s);
}

static void
quit_loop (Slot * slot)
{
  if (slot->stop_timer) {
    g_source_destroy (slot->stop_timer);
    g_source_unref (slot->stop_timer);
    slot->stop_timer = NULL;
  }
  g_main_loop_quit (slot->loop);
}

static gboolean
on_stop_timeout (gpointer data)
{
  Slot *slot = data;

  GST_WARNING ("session %s: pipeline %s did not drain in time, stopping it",
      slot->session->id, slot->name);
  quit_loop (slot);
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
 * slot's thread: pushing a serialized event waits for the pad's stream
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

/* Runs in the slot's thread: the first step of stopping its pipeline */
static gboolean
begin_stop (gpointer data)
{
  Slot *slot = data;
  GstIdleWatchdogSession *s = slot->session;
  GstClockTime timeout;
  GstState state = GST_STATE_NULL;
  GPtrArray *peers;

  slot->stopping = TRUE;

  g_mutex_lock (&s->lock);
  timeout = s->stop_timeout;
  g_mutex_unlock (&s->lock);

  gst_element_get_state (slot->pipeline, &state, NULL, 0);
  if (slot->drained || timeout == 0 || state < GST_STATE_PAUSED) {
    quit_loop (slot);
    return G_SOURCE_REMOVE;
  }

  peers = g_ptr_array_new_with_free_func (gst_object_unref);
  collect_source_peers (GST_BIN (slot->pipeline), peers);
  if (peers->len == 0) {
    GST_DEBUG ("session %s: pipeline %s has no linked source to drain",
        s->id, slot->name);
    g_ptr_array_unref (peers);
    quit_loop (slot);
    return G_SOURCE_REMOVE;
  }

  /* the bound is armed before anything can block */
  slot->stop_timer = g_timeout_source_new (timeout / GST_MSECOND >= G_MAXUINT ?
      G_MAXUINT : MAX ((guint) (timeout / GST_MSECOND), 1));
  g_source_set_callback (slot->stop_timer, on_stop_timeout, slot, NULL);
  g_source_attach (slot->stop_timer, slot->context);

  GST_DEBUG ("session %s: draining pipeline %s", s->id, slot->name);
  gst_element_call_async (slot->pipeline, push_eos, peers,
      (GDestroyNotify) g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

static void
request_stop (Slot * slot)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, begin_stop, slot, NULL);
  g_source_attach (source, slot->context);
  g_source_unref (source);
}

/* Decides why the session ends, once. Returns FALSE if it had already
 * ended. @slot, @msg, @info and @error are all optional. */
static gboolean
end_session (GstIdleWatchdogSession * s, GstIdleWatchdogSessionEnd end,
    Slot * slot, GstMessage * msg, const GstIdleWatchdogTimeout * info,
    const GError * error)
{
  GstIdleWatchdogSessionResult *r = &s->result;
  GstIdleWatchdogSessionManager *m = NULL;
  gboolean started;
  guint i;

  g_mutex_lock (&s->lock);
  if (s->ended) {
    g_mutex_unlock (&s->lock);
    return FALSE;
  }
  s->ended = TRUE;
  started = s->started;

  r->end = end;
  r->pipeline_index = slot ? (gint) slot->index : -1;
  r->pipeline_name = slot ? g_strdup (slot->name) : NULL;
  r->element_name = (msg && GST_MESSAGE_SRC (msg)) ?
      g_strdup (GST_MESSAGE_SRC_NAME (msg)) : NULL;
  if (info) {
    r->timeout = *info;
    r->timeout.media_type = g_strdup (info->media_type);
    r->timeout.session_id = g_strdup (info->session_id);
    r->timeout.switch_element = g_strdup (info->switch_element);
    r->timeout.switch_target = g_strdup (info->switch_target);
  }
  if (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    GError *err = NULL;
    gchar *debug = NULL;

    gst_message_parse_error (msg, &err, &debug);
    r->error = err;
    r->debug = debug;
  } else if (error) {
    r->error = g_error_copy (error);
  }
  r->duration = started ?
      (GstClockTime) (g_get_monotonic_time () - s->start_time) * GST_USECOND :
      0;

  /* never started: there is nothing to stop and no thread to join */
  if (!started) {
    s->joined = TRUE;
    m = finish_locked (s);
  }
  g_mutex_unlock (&s->lock);

  GST_INFO ("session %s ends: %s (pipeline %s)", s->id,
      gst_idle_watchdog_session_end_to_string (end),
      slot ? slot->name : "none");

  if (started) {
    for (i = 0; i < s->slots->len; i++)
      request_stop (g_ptr_array_index (s->slots, i));
  }
  if (m)
    manager_session_finished (m, s);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Pipeline threads                                                         */

static void
on_timeout_message (Slot * slot, GstMessage * msg)
{
  GstIdleWatchdogSession *s = slot->session;
  GstIdleWatchdogTimeout info;

  if (!gst_idle_watchdog_message_parse_timeout (msg, &info)) {
    GST_WARNING ("session %s: malformed timeout message from %s", s->id,
        GST_MESSAGE_SRC_NAME (msg));
    return;
  }
  GST_DEBUG ("session %s: timeout (%s) from %s in %s", s->id,
      gst_idle_watchdog_reason_to_string (info.reason),
      GST_MESSAGE_SRC_NAME (msg), slot->name);

  /* set before start and never changed after: no lock needed */
  if (s->timeout_func)
    s->timeout_func (s, slot->index, &info, s->timeout_data);
  if (!(s->flags & GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS))
    end_session (s, GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT, slot, msg, &info,
        NULL);
}

static gboolean
on_bus_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  Slot *slot = data;
  GstIdleWatchdogSession *s = slot->session;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ELEMENT:
      if (gst_idle_watchdog_message_is_timeout (msg))
        on_timeout_message (slot, msg);
      break;
    case GST_MESSAGE_ERROR:
    case GST_MESSAGE_EOS:
      slot->drained = TRUE;
      if (slot->stopping)
        quit_loop (slot);
      else
        end_session (s, GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS ?
            GST_IDLE_WATCHDOG_SESSION_END_EOS :
            GST_IDLE_WATCHDOG_SESSION_END_ERROR, slot, msg, NULL, NULL);
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
  Slot *slot = data;
  GError *err = g_error_new (GST_CORE_ERROR, GST_CORE_ERROR_STATE_CHANGE,
      "Pipeline %s could not be set to PLAYING", slot->name);

  end_session (slot->session, GST_IDLE_WATCHDOG_SESSION_END_ERROR, slot, NULL,
      NULL, err);
  g_error_free (err);
  return G_SOURCE_REMOVE;
}

static gpointer
pipeline_thread (gpointer data)
{
  Slot *slot = data;
  GstIdleWatchdogSession *s = slot->session;
  GstBus *bus = gst_element_get_bus (slot->pipeline);
  GSource *watch;
  gboolean ended;

  g_private_set (&current_session, s);
  g_main_context_push_thread_default (slot->context);

  watch = gst_bus_create_watch (bus);
  g_source_set_callback (watch, G_SOURCE_FUNC (on_bus_message), slot, NULL);
  g_source_attach (watch, slot->context);

  g_mutex_lock (&s->lock);
  ended = s->ended;
  g_mutex_unlock (&s->lock);

  if (!ended && gst_element_set_state (slot->pipeline,
          GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    GSource *idle = g_idle_source_new ();

    g_source_set_priority (idle, G_PRIORITY_LOW);
    g_source_set_callback (idle, on_state_failure, slot, NULL);
    g_source_attach (idle, slot->context);
    g_source_unref (idle);
  }

  g_main_loop_run (slot->loop);

  gst_element_set_state (slot->pipeline, GST_STATE_NULL);
  g_source_destroy (watch);
  g_source_unref (watch);
  /* drop what is still queued, and the element references it holds */
  gst_bus_set_flushing (bus, TRUE);
  /* and leave it usable, for a pipeline the application built */
  gst_bus_set_flushing (bus, FALSE);
  gst_object_unref (bus);
  GST_DEBUG ("session %s: pipeline %s stopped", s->id, slot->name);

  g_main_context_pop_thread_default (slot->context);
  g_private_set (&current_session, NULL);
  thread_done (s, 1);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

/**
 * gst_idle_watchdog_session_new:
 * @session_id: the session's identifier, for logs and the application
 * @flags: #GstIdleWatchdogSessionFlags
 *
 * Creates an empty session: add pipelines with
 * gst_idle_watchdog_session_add_description() or
 * gst_idle_watchdog_session_add_pipeline(), then start it.
 *
 * Returns: (transfer full): a new session
 */
GstIdleWatchdogSession *
gst_idle_watchdog_session_new (const gchar * session_id,
    GstIdleWatchdogSessionFlags flags)
{
  GstIdleWatchdogSession *s;

  g_return_val_if_fail (session_id != NULL, NULL);

  init_debug ();
  s = g_new0 (GstIdleWatchdogSession, 1);
  s->refcount = 1;
  s->id = g_strdup (session_id);
  s->flags = flags;
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->slots = g_ptr_array_new ();
  s->stop_timeout = GST_IDLE_WATCHDOG_SESSION_DEFAULT_STOP_TIMEOUT;
  s->result.end = GST_IDLE_WATCHDOG_SESSION_END_NONE;
  s->result.pipeline_index = -1;
  return s;
}

/**
 * gst_idle_watchdog_session_new_from_descriptions:
 * @session_id: the session's identifier
 * @flags: #GstIdleWatchdogSessionFlags
 * @descriptions: (array zero-terminated=1): one gst_parse_launch()
 *   description per pipeline, %NULL-terminated
 * @error: return location for a #GError
 *
 * Creates a session and adds one pipeline per description, named after
 * its index (`0`, `1`, ...); use gst_idle_watchdog_session_add_description()
 * to choose the names.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error set
 * if a description does not parse or (with
 * %GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG) has no `idlewatchdog`
 */
GstIdleWatchdogSession *
gst_idle_watchdog_session_new_from_descriptions (const gchar * session_id,
    GstIdleWatchdogSessionFlags flags, const gchar * const *descriptions,
    GError ** error)
{
  GstIdleWatchdogSession *s;
  guint i;

  g_return_val_if_fail (session_id != NULL, NULL);
  g_return_val_if_fail (descriptions != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = gst_idle_watchdog_session_new (session_id, flags);
  for (i = 0; descriptions[i]; i++) {
    gchar *name = g_strdup_printf ("%u", i);
    gint idx = gst_idle_watchdog_session_add_description (s, name,
        descriptions[i], error);

    g_free (name);
    if (idx < 0) {
      gst_idle_watchdog_session_unref (s);
      return NULL;
    }
  }
  return s;
}

/**
 * gst_idle_watchdog_session_ref:
 * @session: a session
 *
 * Returns: (transfer full): @session
 */
GstIdleWatchdogSession *
gst_idle_watchdog_session_ref (GstIdleWatchdogSession * session)
{
  g_return_val_if_fail (session != NULL, NULL);

  g_atomic_int_inc (&session->refcount);
  return session;
}

/* Frees a session whose threads have all been joined (or never started) */
static void
session_destroy (GstIdleWatchdogSession * s)
{
  gboolean started = s->started;
  guint i;

  for (i = 0; i < s->slots->len; i++) {
    Slot *slot = g_ptr_array_index (s->slots, i);

    if (!started)
      gst_element_set_state (slot->pipeline, GST_STATE_NULL);
    gst_object_unref (slot->pipeline);
    g_main_loop_unref (slot->loop);
    g_main_context_unref (slot->context);
    g_free (slot->name);
    g_free (slot);
  }
  g_ptr_array_unref (s->slots);

  g_free ((gchar *) s->result.pipeline_name);
  g_free ((gchar *) s->result.element_name);
  g_free ((gchar *) s->result.timeout.media_type);
  g_free ((gchar *) s->result.timeout.session_id);
  g_free ((gchar *) s->result.timeout.switch_element);
  g_free ((gchar *) s->result.timeout.switch_target);
  if (s->result.error)
    g_error_free ((GError *) s->result.error);
  g_free ((gchar *) s->result.debug);

  if (s->ended_notify)
    s->ended_notify (s->ended_data);
  if (s->ended_context)
    g_main_context_unref (s->ended_context);
  if (s->timeout_notify)
    s->timeout_notify (s->timeout_data);

  g_cond_clear (&s->cond);
  g_mutex_clear (&s->lock);
  g_free (s->id);
  g_free (s);
}

/* Runs in a GLib pool thread: joins and frees a session whose last
 * reference was dropped while it was running */
static void
reap_orphan (gpointer data, gpointer unused)
{
  GstIdleWatchdogSession *s = data;

  GST_DEBUG ("session %s: joining and freeing it", s->id);
  g_mutex_lock (&s->lock);
  join_threads_locked (s);
  g_mutex_unlock (&s->lock);
  session_destroy (s);
}

static void
hand_to_reaper (GstIdleWatchdogSession * s)
{
  static GThreadPool *reaper = NULL;

  if (g_once_init_enter (&reaper)) {
    /* shared (non-exclusive) threads: creating it cannot fail */
    GThreadPool *pool = g_thread_pool_new (reap_orphan, NULL, -1, FALSE,
        NULL);

    g_once_init_leave (&reaper, pool);
  }
  g_thread_pool_push (reaper, s, NULL);
}

/* The last reference is gone. A running session is stopped and this
 * returns at once, whatever the thread (a streaming thread of the session
 * could not wait for it): the last of its pipeline threads to return hands
 * it to hand_to_reaper(), which joins and frees it. */
static void
session_free (GstIdleWatchdogSession * s)
{
  gboolean started, finished = TRUE;

  g_mutex_lock (&s->lock);
  started = s->started;
  /* nothing may schedule the ended callback (and take a reference) any
   * more: it is not invoked for a session whose last reference is gone */
  s->ended_scheduled = TRUE;
  g_mutex_unlock (&s->lock);

  if (started) {
    gst_idle_watchdog_session_stop (s);
    g_mutex_lock (&s->lock);
    finished = s->finished;
    if (finished) {
      /* every thread has returned, or is returning: a short wait */
      join_threads_locked (s);
    } else {
      s->reap_when_finished = TRUE;
    }
    g_mutex_unlock (&s->lock);
  }
  if (!finished) {
    GST_DEBUG ("session %s: last reference dropped while running; freed "
        "once its threads have returned", s->id);
    return;
  }
  session_destroy (s);
}

/**
 * gst_idle_watchdog_session_unref:
 * @session: (transfer full): a session
 *
 * Drops a reference. Dropping the last one of a running session stops it
 * and returns at once, from any thread (including the session's own
 * pipeline and streaming threads: a timeout callback, a bus sync handler, a
 * pad probe); once the last of its pipeline threads has returned, a GLib
 * pool thread joins them and frees the session (the notify functions of its
 * callbacks run there). The ended callback is not invoked then. To wait for
 * the end, call gst_idle_watchdog_session_stop() and
 * gst_idle_watchdog_session_join() before dropping the reference. Dropping
 * the last reference of a session that is not running frees it at once.
 */
void
gst_idle_watchdog_session_unref (GstIdleWatchdogSession * session)
{
  g_return_if_fail (session != NULL);

  if (g_atomic_int_dec_and_test (&session->refcount))
    session_free (session);
}

static gboolean
has_watchdog (GstElement * pipeline)
{
  GstIterator *it = gst_bin_iterate_recurse (GST_BIN (pipeline));
  GValue item = G_VALUE_INIT;
  gboolean found = FALSE, done = FALSE;

  while (!found && !done) {
    switch (gst_iterator_next (it, &item)) {
      case GST_ITERATOR_OK:{
        GstElementFactory *f = gst_element_get_factory (g_value_get_object
            (&item));

        found = f && g_strcmp0 (gst_plugin_feature_get_name (f),
            "idlewatchdog") == 0;
        g_value_reset (&item);
        break;
      }
      case GST_ITERATOR_RESYNC:
        gst_iterator_resync (it);
        break;
      default:
        done = TRUE;
        break;
    }
  }
  g_value_unset (&item);
  gst_iterator_free (it);
  return found;
}

/* Takes ownership of @pipeline (a non-floating reference) in every case */
static gint
add_pipeline_take (GstIdleWatchdogSession * s, GstElement * pipeline,
    GError ** error)
{
  Slot *slot;
  gint index;

  if ((s->flags & GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG) &&
      !has_watchdog (pipeline)) {
    g_set_error (error, GST_IDLE_WATCHDOG_SESSION_ERROR,
        GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG,
        "Session %s requires an idlewatchdog element in each pipeline, and "
        "pipeline %s has none", s->id, GST_OBJECT_NAME (pipeline));
    gst_object_unref (pipeline);
    return -1;
  }

  g_mutex_lock (&s->lock);
  if (s->started || s->ended) {
    g_mutex_unlock (&s->lock);
    g_set_error (error, GST_IDLE_WATCHDOG_SESSION_ERROR,
        GST_IDLE_WATCHDOG_SESSION_ERROR_STATE,
        "Session %s has already been %s: no pipeline can be added", s->id,
        s->ended ? "ended" : "started");
    gst_object_unref (pipeline);
    return -1;
  }
  slot = g_new0 (Slot, 1);
  slot->session = s;
  slot->index = s->slots->len;
  slot->name = gst_object_get_name (GST_OBJECT (pipeline));
  slot->pipeline = pipeline;
  slot->context = g_main_context_new ();
  slot->loop = g_main_loop_new (slot->context, FALSE);
  g_ptr_array_add (s->slots, slot);
  index = slot->index;
  g_mutex_unlock (&s->lock);

  return index;
}

/**
 * gst_idle_watchdog_session_add_pipeline:
 * @session: a session that has not been started
 * @pipeline: (transfer floating): a #GstPipeline in NULL state
 * @error: return location for a #GError
 *
 * Adds an already built pipeline. The session takes a reference (sinking a
 * floating one) and owns the pipeline's bus from now on: do not add a bus
 * watch of your own (a sync handler is fine). Once the pipeline is stopped
 * its bus is flushed (dropping the messages still queued) and left usable,
 * not flushing.
 *
 * Returns: the pipeline's index in the session, or -1 with @error set
 * (%GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG,
 * %GST_IDLE_WATCHDOG_SESSION_ERROR_STATE after start); the pipeline is not
 * kept then
 */
gint
gst_idle_watchdog_session_add_pipeline (GstIdleWatchdogSession * session,
    GstElement * pipeline, GError ** error)
{
  g_return_val_if_fail (session != NULL, -1);
  g_return_val_if_fail (GST_IS_PIPELINE (pipeline), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return add_pipeline_take (session, gst_object_ref_sink (pipeline), error);
}

/**
 * gst_idle_watchdog_session_add_description:
 * @session: a session that has not been started
 * @name: (nullable): name to give the pipeline, or %NULL to keep the one
 *   gst_parse_launch() gives
 * @description: a gst_parse_launch() description
 * @error: return location for a #GError
 *
 * Builds a pipeline from @description and adds it. A description made of a
 * single element is placed in a new pipeline.
 *
 * Returns: the pipeline's index in the session, or -1 with @error set: a
 * #GST_PARSE_ERROR if the description does not parse (any missing element
 * or property is fatal), or as gst_idle_watchdog_session_add_pipeline()
 */
gint
gst_idle_watchdog_session_add_description (GstIdleWatchdogSession * session,
    const gchar * name, const gchar * description, GError ** error)
{
  GstElement *e;
  GError *err = NULL;

  g_return_val_if_fail (session != NULL, -1);
  g_return_val_if_fail (description != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  e = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS,
      &err);
  if (e == NULL || err != NULL) {
    if (e)
      gst_object_unref (gst_object_ref_sink (e));
    if (err == NULL)
      err = g_error_new (GST_PARSE_ERROR, GST_PARSE_ERROR_SYNTAX,
          "Could not build a pipeline from \"%s\"", description);
    GST_INFO ("session %s: could not parse \"%s\": %s", session->id,
        description, err->message);
    g_propagate_error (error, err);
    return -1;
  }

  gst_object_ref_sink (e);
  if (!GST_IS_PIPELINE (e)) {
    GstElement *pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));

    /* the bin takes its own reference: drop ours */
    gst_bin_add (GST_BIN (pipeline), e);
    gst_object_unref (e);
    e = pipeline;
  }
  if (name)
    gst_object_set_name (GST_OBJECT (e), name);

  return add_pipeline_take (session, e, error);
}

/**
 * gst_idle_watchdog_session_set_stop_timeout:
 * @session: a session
 * @timeout: nanoseconds; 0 sets the pipelines to NULL without draining
 *
 * How long each pipeline may take, once sent EOS at the end of the session,
 * to post EOS or ERROR before it is set to NULL anyway. The bound holds
 * even when a streaming thread is blocked downstream (the EOS is pushed
 * from another thread, and setting NULL flushes). The default is
 * #GST_IDLE_WATCHDOG_SESSION_DEFAULT_STOP_TIMEOUT; values beyond
 * %G_MAXUINT milliseconds are clamped to that.
 */
void
gst_idle_watchdog_session_set_stop_timeout (GstIdleWatchdogSession * session,
    GstClockTime timeout)
{
  g_return_if_fail (session != NULL);
  g_return_if_fail (GST_CLOCK_TIME_IS_VALID (timeout));

  g_mutex_lock (&session->lock);
  session->stop_timeout = timeout;
  g_mutex_unlock (&session->lock);
}

/**
 * gst_idle_watchdog_session_set_ended_callback:
 * @session: a session
 * @context: (nullable): where to invoke @func; %NULL means the
 *   thread-default main context of the calling thread
 * @func: (nullable): the callback, or %NULL to remove it
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data when the session is freed or the
 *   callback replaced
 *
 * Sets the function invoked once when the session has ended and all its
 * threads have been joined. It is invoked from @context, in the thread that
 * iterates it (see #GstIdleWatchdogSessionEndedFunc); until then the session
 * keeps itself alive, so @context must be iterated. If the session has
 * already finished, the invocation is scheduled right away.
 *
 * Once the invocation has been scheduled, the callback can no longer be
 * replaced nor removed: the call then does nothing but free @user_data
 * with @notify (at once, in the calling thread); the scheduled function
 * runs with its own data. Check gst_idle_watchdog_session_is_ended() first
 * if that matters. The callback is
 * not invoked if the last reference to the session is dropped before it has
 * been scheduled (for example on a running session): @notify still frees
 * @user_data once, when the session is freed.
 */
void
gst_idle_watchdog_session_set_ended_callback (GstIdleWatchdogSession * session,
    GMainContext * context, GstIdleWatchdogSessionEndedFunc func,
    gpointer user_data, GDestroyNotify notify)
{
  GDestroyNotify old_notify;
  gpointer old_data;
  GMainContext *old_context;

  g_return_if_fail (session != NULL);

  g_mutex_lock (&session->lock);
  if (session->ended_scheduled) {
    /* the invocation may be running: its function and data stay */
    g_mutex_unlock (&session->lock);
    GST_WARNING ("session %s: the ended callback has already been scheduled; "
        "not replacing it", session->id);
    if (notify)
      notify (user_data);
    return;
  }
  old_notify = session->ended_notify;
  old_data = session->ended_data;
  old_context = session->ended_context;
  session->ended_func = func;
  session->ended_data = user_data;
  session->ended_notify = notify;
  session->ended_context = context ? g_main_context_ref (context) :
      g_main_context_ref_thread_default ();
  schedule_ended_locked (session);
  g_mutex_unlock (&session->lock);

  if (old_notify)
    old_notify (old_data);
  if (old_context)
    g_main_context_unref (old_context);
}

/**
 * gst_idle_watchdog_session_set_timeout_callback:
 * @session: a session that has not been started
 * @func: (nullable): the callback
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data when the session is freed
 *
 * Sets the function invoked for every `idle-watchdog-timeout` message of the
 * session's pipelines, in that pipeline's thread (see
 * #GstIdleWatchdogSessionTimeoutFunc). With
 * %GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS it is the only effect of
 * a timeout. Must be called before gst_idle_watchdog_session_start().
 */
void
gst_idle_watchdog_session_set_timeout_callback (GstIdleWatchdogSession *
    session, GstIdleWatchdogSessionTimeoutFunc func, gpointer user_data,
    GDestroyNotify notify)
{
  GDestroyNotify old_notify;
  gpointer old_data;

  g_return_if_fail (session != NULL);

  g_mutex_lock (&session->lock);
  if (session->started) {
    g_mutex_unlock (&session->lock);
    g_critical ("The timeout callback of session %s must be set before it "
        "is started", session->id);
    return;
  }
  old_notify = session->timeout_notify;
  old_data = session->timeout_data;
  session->timeout_func = func;
  session->timeout_data = user_data;
  session->timeout_notify = notify;
  g_mutex_unlock (&session->lock);

  if (old_notify)
    old_notify (old_data);
}

/**
 * gst_idle_watchdog_session_start:
 * @session: a session with at least one pipeline
 * @error: return location for a #GError
 *
 * Starts one thread per pipeline; each sets its pipeline to PLAYING and
 * iterates its own main loop until the session ends.
 *
 * Returns: %TRUE if every thread was started. %FALSE with @error set
 * (%GST_IDLE_WATCHDOG_SESSION_ERROR_STATE) if the session was already
 * started or ended (the session is unchanged then), or has no pipeline (the
 * session then ends with %GST_IDLE_WATCHDOG_SESSION_END_ERROR and that
 * error, without any thread, so that a manager or a join does not wait for
 * it; it can no longer be started nor given a pipeline). If a
 * thread cannot be created (%GST_IDLE_WATCHDOG_SESSION_ERROR_THREAD), the
 * session ends with %GST_IDLE_WATCHDOG_SESSION_END_ERROR and the threads
 * already started are stopped and joined as usual.
 */
gboolean
gst_idle_watchdog_session_start (GstIdleWatchdogSession * session,
    GError ** error)
{
  GstIdleWatchdogSession *s = session;
  GError *err = NULL;
  guint i, n;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&s->lock);
  if (s->started || s->ended || s->slots->len == 0) {
    gboolean empty = !s->started && !s->ended;

    err = g_error_new (GST_IDLE_WATCHDOG_SESSION_ERROR,
        GST_IDLE_WATCHDOG_SESSION_ERROR_STATE,
        "Session %s cannot be started: %s", s->id,
        s->started ? "it was already started" : s->ended ?
        "it has already ended" : "it has no pipeline");
    g_mutex_unlock (&s->lock);
    /* an empty session can never run: it ends here, so that nothing (a
     * manager, a join) waits for it forever */
    if (empty)
      end_session (s, GST_IDLE_WATCHDOG_SESSION_END_ERROR, NULL, NULL, NULL,
          err);
    g_propagate_error (error, err);
    return FALSE;
  }
  s->started = TRUE;
  n = s->slots->len;
  /* the starter counts as running until every handle is stored */
  s->n_running = n + 1;
  s->start_time = g_get_monotonic_time ();
  g_mutex_unlock (&s->lock);

  GST_INFO ("session %s: starting %u pipelines", s->id, n);
  for (i = 0; i < n; i++) {
    Slot *slot = g_ptr_array_index (s->slots, i);
    gchar *name = g_strdup_printf ("iwd-%u", i);
    GThread *thread = g_thread_try_new (name, pipeline_thread, slot, &err);

    g_free (name);
    if (thread == NULL)
      break;
    g_mutex_lock (&s->lock);
    slot->thread = thread;
    g_mutex_unlock (&s->lock);
  }

  if (err) {
    GError *e = g_error_new (GST_IDLE_WATCHDOG_SESSION_ERROR,
        GST_IDLE_WATCHDOG_SESSION_ERROR_THREAD,
        "Session %s: could not create the thread of pipeline %u: %s", s->id,
        i, err->message);

    g_error_free (err);
    end_session (s, GST_IDLE_WATCHDOG_SESSION_END_ERROR, NULL, NULL, NULL, e);
    g_propagate_error (error, e);
    /* the threads that were never created, and the starter */
    thread_done (s, n - i + 1);
    return FALSE;
  }

  thread_done (s, 1);
  return TRUE;
}

/**
 * gst_idle_watchdog_session_stop:
 * @session: a session
 *
 * Ends the session with %GST_IDLE_WATCHDOG_SESSION_END_STOPPED, unless it
 * has already ended, and returns at once: the pipelines are stopped by their
 * own threads. Safe from any thread, including the session's own, any
 * number of times; on a session that has already ended it does nothing. A
 * session stopped before it was started can no longer be started.
 */
void
gst_idle_watchdog_session_stop (GstIdleWatchdogSession * session)
{
  g_return_if_fail (session != NULL);

  end_session (session, GST_IDLE_WATCHDOG_SESSION_END_STOPPED, NULL, NULL,
      NULL, NULL);
}

/**
 * gst_idle_watchdog_session_join:
 * @session: a session
 *
 * Waits until the session has ended, every pipeline is in NULL state and
 * every thread has been joined. It does not stop the session: call
 * gst_idle_watchdog_session_stop() first to end it now. Must not be called
 * from one of the session's own pipeline threads (a critical warning and
 * %NULL then), and never from one of its streaming threads (a pad probe, a
 * bus sync handler called from a streaming thread): the pipeline cannot go
 * to NULL while that thread waits, so it deadlocks. Drop the reference
 * there instead, or stop the session and join it from another thread.
 *
 * Returns: (transfer none) (nullable): how the session ended, owned by
 * @session; %NULL if it was never started nor stopped (nothing to wait for)
 */
const GstIdleWatchdogSessionResult *
gst_idle_watchdog_session_join (GstIdleWatchdogSession * session)
{
  GstIdleWatchdogSession *s = session;

  g_return_val_if_fail (session != NULL, NULL);

  if (g_private_get (&current_session) == s) {
    g_critical ("Session %s cannot be joined from its own pipeline thread",
        s->id);
    return NULL;
  }

  g_mutex_lock (&s->lock);
  if (!s->started && !s->ended) {
    g_mutex_unlock (&s->lock);
    return NULL;
  }
  while (!s->finished)
    g_cond_wait (&s->cond, &s->lock);
  join_threads_locked (s);
  g_mutex_unlock (&s->lock);

  return &s->result;
}

/**
 * gst_idle_watchdog_session_is_ended:
 * @session: a session
 *
 * Returns: %TRUE once the cause of the end has been decided (the pipelines
 * may still be stopping; gst_idle_watchdog_session_join() waits for them)
 */
gboolean
gst_idle_watchdog_session_is_ended (GstIdleWatchdogSession * session)
{
  gboolean ended;

  g_return_val_if_fail (session != NULL, FALSE);

  g_mutex_lock (&session->lock);
  ended = session->ended;
  g_mutex_unlock (&session->lock);
  return ended;
}

/**
 * gst_idle_watchdog_session_get_result:
 * @session: a session
 *
 * Returns: (transfer none) (nullable): how the session ended, owned by
 * @session and unchanged from then on, or %NULL if it has not ended; does
 * not wait
 */
const GstIdleWatchdogSessionResult *
gst_idle_watchdog_session_get_result (GstIdleWatchdogSession * session)
{
  gboolean ended;

  g_return_val_if_fail (session != NULL, NULL);

  g_mutex_lock (&session->lock);
  ended = session->ended;
  g_mutex_unlock (&session->lock);
  return ended ? &session->result : NULL;
}

/**
 * gst_idle_watchdog_session_get_id:
 * @session: a session
 *
 * Returns: (transfer none): the session's identifier
 */
const gchar *
gst_idle_watchdog_session_get_id (GstIdleWatchdogSession * session)
{
  g_return_val_if_fail (session != NULL, NULL);

  return session->id;
}

/**
 * gst_idle_watchdog_session_get_n_pipelines:
 * @session: a session
 *
 * Returns: the number of pipelines added
 */
guint
gst_idle_watchdog_session_get_n_pipelines (GstIdleWatchdogSession * session)
{
  guint n;

  g_return_val_if_fail (session != NULL, 0);

  g_mutex_lock (&session->lock);
  n = session->slots->len;
  g_mutex_unlock (&session->lock);
  return n;
}

/**
 * gst_idle_watchdog_session_get_pipeline:
 * @session: a session
 * @index: a pipeline index
 *
 * Returns: (transfer full) (nullable): the pipeline at @index, or %NULL if
 * there is none
 */
GstElement *
gst_idle_watchdog_session_get_pipeline (GstIdleWatchdogSession * session,
    guint index)
{
  GstElement *pipeline = NULL;

  g_return_val_if_fail (session != NULL, NULL);

  g_mutex_lock (&session->lock);
  if (index < session->slots->len) {
    Slot *slot = g_ptr_array_index (session->slots, index);

    pipeline = gst_object_ref (slot->pipeline);
  }
  g_mutex_unlock (&session->lock);
  return pipeline;
}

/* ------------------------------------------------------------------------ */
/* Manager                                                                  */

static void
manager_session_finished (GstIdleWatchdogSessionManager * m,
    GstIdleWatchdogSession * s)
{
  g_mutex_lock (&m->lock);
  if (g_hash_table_steal (m->alive, s)) {
    g_queue_push_tail (&m->finished, s);
    m->n_ended++;
    g_cond_broadcast (&m->cond);
  }
  g_mutex_unlock (&m->lock);
}

/**
 * gst_idle_watchdog_session_manager_new:
 *
 * Creates a manager. Sessions added to it are counted while they run, and
 * once they have ended they are joined and released by the next call to
 * gst_idle_watchdog_session_manager_add(),
 * gst_idle_watchdog_session_manager_reap(),
 * gst_idle_watchdog_session_manager_wait_all() or
 * gst_idle_watchdog_session_manager_free(), in the calling thread.
 *
 * Returns: (transfer full): a new manager
 */
GstIdleWatchdogSessionManager *
gst_idle_watchdog_session_manager_new (void)
{
  GstIdleWatchdogSessionManager *m = g_new0 (GstIdleWatchdogSessionManager, 1);

  init_debug ();
  g_mutex_init (&m->lock);
  g_cond_init (&m->cond);
  m->alive = g_hash_table_new (NULL, NULL);
  g_queue_init (&m->finished);
  return m;
}

/**
 * gst_idle_watchdog_session_manager_reap:
 * @manager: a manager
 *
 * Joins the threads of the sessions that have finished since the last call
 * and drops the manager's references to them.
 *
 * Returns: how many sessions were released
 */
guint
gst_idle_watchdog_session_manager_reap (GstIdleWatchdogSessionManager * manager)
{
  GQueue done = G_QUEUE_INIT;
  GstIdleWatchdogSession *s;
  guint n = 0;

  g_return_val_if_fail (manager != NULL, 0);

  g_mutex_lock (&manager->lock);
  done = manager->finished;
  g_queue_init (&manager->finished);
  g_mutex_unlock (&manager->lock);

  while ((s = g_queue_pop_head (&done))) {
    g_mutex_lock (&s->lock);
    join_threads_locked (s);
    s->manager = NULL;
    g_mutex_unlock (&s->lock);
    gst_idle_watchdog_session_unref (s);
    n++;
  }
  return n;
}

/**
 * gst_idle_watchdog_session_manager_add:
 * @manager: a manager
 * @session: a session, started or not, in no other manager
 *
 * Adds a reference to @session to the manager (reaping finished sessions
 * first). Starting it stays the caller's job.
 *
 * Returns: %TRUE, or %FALSE (with a critical warning) if @session already
 * belongs to a manager
 */
gboolean
gst_idle_watchdog_session_manager_add (GstIdleWatchdogSessionManager * manager,
    GstIdleWatchdogSession * session)
{
  gboolean finished;

  g_return_val_if_fail (manager != NULL, FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  gst_idle_watchdog_session_manager_reap (manager);

  g_mutex_lock (&manager->lock);
  g_mutex_lock (&session->lock);
  if (session->manager) {
    g_mutex_unlock (&session->lock);
    g_mutex_unlock (&manager->lock);
    g_critical ("Session %s already belongs to a manager", session->id);
    return FALSE;
  }
  session->manager = manager;
  finished = session->finished;
  g_mutex_unlock (&session->lock);

  gst_idle_watchdog_session_ref (session);
  if (finished) {
    g_queue_push_tail (&manager->finished, session);
    manager->n_ended++;
  } else {
    g_hash_table_add (manager->alive, session);
  }
  g_mutex_unlock (&manager->lock);
  return TRUE;
}

/**
 * gst_idle_watchdog_session_manager_get_n_alive:
 * @manager: a manager
 *
 * Returns: how many of the manager's sessions have not finished yet (a
 * session that is stopping counts as alive until its threads have returned)
 */
guint
gst_idle_watchdog_session_manager_get_n_alive (GstIdleWatchdogSessionManager *
    manager)
{
  guint n;

  g_return_val_if_fail (manager != NULL, 0);

  g_mutex_lock (&manager->lock);
  n = g_hash_table_size (manager->alive);
  g_mutex_unlock (&manager->lock);
  return n;
}

/**
 * gst_idle_watchdog_session_manager_get_n_ended:
 * @manager: a manager
 *
 * Returns: how many of the sessions added to the manager have finished,
 * since it was created
 */
guint
gst_idle_watchdog_session_manager_get_n_ended (GstIdleWatchdogSessionManager *
    manager)
{
  guint n;

  g_return_val_if_fail (manager != NULL, 0);

  g_mutex_lock (&manager->lock);
  n = manager->n_ended;
  g_mutex_unlock (&manager->lock);
  return n;
}

/**
 * gst_idle_watchdog_session_manager_stop_all:
 * @manager: a manager
 *
 * Calls gst_idle_watchdog_session_stop() on every session that is alive;
 * does not wait.
 */
void
gst_idle_watchdog_session_manager_stop_all (GstIdleWatchdogSessionManager *
    manager)
{
  GList *sessions, *l;

  g_return_if_fail (manager != NULL);

  g_mutex_lock (&manager->lock);
  sessions = g_hash_table_get_keys (manager->alive);
  for (l = sessions; l; l = l->next)
    gst_idle_watchdog_session_ref (l->data);
  g_mutex_unlock (&manager->lock);

  for (l = sessions; l; l = l->next) {
    gst_idle_watchdog_session_stop (l->data);
    gst_idle_watchdog_session_unref (l->data);
  }
  g_list_free (sessions);
}

/**
 * gst_idle_watchdog_session_manager_wait_all:
 * @manager: a manager
 *
 * Waits until every session of the manager has finished, then joins and
 * releases them. It does not stop them: call
 * gst_idle_watchdog_session_manager_stop_all() first to end them now.
 */
void
gst_idle_watchdog_session_manager_wait_all (GstIdleWatchdogSessionManager *
    manager)
{
  g_return_if_fail (manager != NULL);

  g_mutex_lock (&manager->lock);
  while (g_hash_table_size (manager->alive) > 0)
    g_cond_wait (&manager->cond, &manager->lock);
  g_mutex_unlock (&manager->lock);

  gst_idle_watchdog_session_manager_reap (manager);
}

/**
 * gst_idle_watchdog_session_manager_free:
 * @manager: (transfer full): a manager
 *
 * Stops every session still alive, waits for all of them, joins and
 * releases them, and frees the manager.
 */
void
gst_idle_watchdog_session_manager_free (GstIdleWatchdogSessionManager * manager)
{
  g_return_if_fail (manager != NULL);

  gst_idle_watchdog_session_manager_stop_all (manager);
  gst_idle_watchdog_session_manager_wait_all (manager);

  g_hash_table_unref (manager->alive);
  g_cond_clear (&manager->cond);
  g_mutex_clear (&manager->lock);
  g_free (manager);
}
