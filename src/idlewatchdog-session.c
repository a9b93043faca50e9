/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:idlewatchdog-session
 * @title: GstIdleWatchdogSession
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
 * time (#GstIdleWatchdogSession:stop-timeout) to post EOS or ERROR after
 * an EOS is pushed into the peers of its sources' pads (from a GStreamer
 * pool thread, so that a streaming thread blocked downstream cannot stall
 * the stop), then set to NULL, and its thread returns. The threads are
 * joined, never detached.
 *
 * A running session keeps itself alive (it holds a reference on itself
 * from gst_idle_watchdog_session_start() until its threads are joined, as
 * a #GTask or a #GSubprocess does): dropping the application's last
 * reference does not stop it. It ends by one of the causes above, and is
 * then freed.
 *
 * The #GstIdleWatchdogSession::ended signal, and the
 * #GstIdleWatchdogSession::timeout, #GstIdleWatchdogSession::resumed and
 * #GstIdleWatchdogSession::switch signals that forward the watchdogs'
 * messages, are emitted in the session's #GstIdleWatchdogSession:context
 * (the thread-default main context of the thread that created it, unless
 * one was given), in the thread that iterates it.
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
 * g_object_unref (s);
 * ]|
 */
#include "idlewatchdog-metrics-private.h"
#include "idlewatchdog-runner.h"
#include "idlewatchdog-session-private.h"

GST_DEBUG_CATEGORY_STATIC (session_debug);
#define GST_CAT_DEFAULT session_debug

struct _GstIdleWatchdogSession
{
  GObject parent;

  /* construct-only */
  gchar *id;
  GstIdleWatchdogSessionFlags flags;
  GMainContext *context;

  GMutex lock;
  GCond cond;

  /* everything below is under the lock; runners is fixed once started */
  GPtrArray *runners;
  GstClockTime stop_timeout;
  gboolean started;
  gboolean ended;
  guint n_running;              /* threads still running, plus the starter */
  gboolean finished;            /* ended, and no thread is running */
  gboolean joining;
  gboolean joined;
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

  GstIdleWatchdogSessionManager *manager;       /* not a reference */
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_FLAGS,
  PROP_STOP_TIMEOUT,
  PROP_CONTEXT,
  N_PROPS
};

enum
{
  SIGNAL_ENDED,
  SIGNAL_TIMEOUT,
  SIGNAL_RESUMED,
  SIGNAL_SWITCH,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (gst-idle-watchdog-session-error-quark,
    gst_idle_watchdog_session_error);

G_DEFINE_TYPE_WITH_CODE (GstIdleWatchdogSession, gst_idle_watchdog_session,
    G_TYPE_OBJECT, idw_session_init_debug ());

G_DEFINE_BOXED_TYPE (GstIdleWatchdogSessionResult,
    gst_idle_watchdog_session_result, gst_idle_watchdog_session_result_copy,
    gst_idle_watchdog_session_result_free);

void
idw_session_init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (session_debug, "idlewatchdogsession", 0,
        "Idle watchdog session runner");
    g_once_init_leave (&done, 1);
  }
}

/**
 * gst_idle_watchdog_session_end_to_string:
 * @end: a #GstIdleWatchdogSessionEnd
 *
 * Returns: (nullable): the nick of @end (`none`, `timeout`, `error`, `eos`,
 * `stopped`), or %NULL for a value that is not one.
 */
const gchar *
gst_idle_watchdog_session_end_to_string (GstIdleWatchdogSessionEnd end)
{
  static GEnumClass *klass = NULL;
  GEnumValue *v;

  if (g_once_init_enter (&klass)) {
    GEnumClass *k = g_type_class_ref (GST_TYPE_IDLE_WATCHDOG_SESSION_END);

    g_once_init_leave (&klass, k);
  }
  v = g_enum_get_value (klass, end);
  return v ? v->value_nick : NULL;
}

/* ------------------------------------------------------------------------ */
/* The result                                                               */

static void
result_set_strings (GstIdleWatchdogSessionResult * dst,
    const GstIdleWatchdogSessionResult * src)
{
  dst->pipeline_name = g_strdup (src->pipeline_name);
  dst->element_name = g_strdup (src->element_name);
  dst->timeout.media_type = g_strdup (src->timeout.media_type);
  dst->timeout.session_id = g_strdup (src->timeout.session_id);
  dst->timeout.switch_element = g_strdup (src->timeout.switch_element);
  dst->timeout.switch_target = g_strdup (src->timeout.switch_target);
  dst->error = src->error ? g_error_copy (src->error) : NULL;
  dst->debug = g_strdup (src->debug);
}

static void
result_clear (GstIdleWatchdogSessionResult * r)
{
  g_free ((gchar *) r->pipeline_name);
  g_free ((gchar *) r->element_name);
  g_free ((gchar *) r->timeout.media_type);
  g_free ((gchar *) r->timeout.session_id);
  g_free ((gchar *) r->timeout.switch_element);
  g_free ((gchar *) r->timeout.switch_target);
  if (r->error)
    g_error_free ((GError *) r->error);
  g_free ((gchar *) r->debug);
}

/**
 * gst_idle_watchdog_session_result_copy:
 * @result: a result
 *
 * Returns: (transfer full): a copy of @result that owns its strings and
 * error; free it with gst_idle_watchdog_session_result_free()
 */
GstIdleWatchdogSessionResult *
gst_idle_watchdog_session_result_copy (const GstIdleWatchdogSessionResult *
    result)
{
  GstIdleWatchdogSessionResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new (GstIdleWatchdogSessionResult, 1);
  *copy = *result;
  result_set_strings (copy, result);
  return copy;
}

/**
 * gst_idle_watchdog_session_result_free:
 * @result: (transfer full): a result made by
 *   gst_idle_watchdog_session_result_copy()
 *
 * Frees a copy (never the result a session hands out).
 */
void
gst_idle_watchdog_session_result_free (GstIdleWatchdogSessionResult * result)
{
  g_return_if_fail (result != NULL);

  result_clear (result);
  g_free (result);
}

/* ------------------------------------------------------------------------ */
/* Ending                                                                   */

/* Joins the pipeline threads once; called and returns with the lock held */
static void
join_threads_locked (GstIdleWatchdogSession * s)
{
  guint i;

  while (s->joining)
    g_cond_wait (&s->cond, &s->lock);
  if (s->joined)
    return;

  s->joining = TRUE;
  g_mutex_unlock (&s->lock);
  /* runners is fixed once started, and only one joiner gets here */
  for (i = 0; i < s->runners->len; i++)
    idw_runner_join (g_ptr_array_index (s->runners, i));
  g_mutex_lock (&s->lock);
  s->joining = FALSE;
  s->joined = TRUE;
  g_cond_broadcast (&s->cond);
}

static gboolean
dispatch_ended_callback (gpointer data)
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

static gboolean
emit_ended (gpointer data)
{
  GstIdleWatchdogSession *s = data;

  g_mutex_lock (&s->lock);
  join_threads_locked (s);
  g_mutex_unlock (&s->lock);

  g_signal_emit (s, signals[SIGNAL_ENDED], 0, &s->result);
  return G_SOURCE_REMOVE;
}

/* Runs @func (with a reference to @s held until it has run) in @context */
static void
invoke_in (GstIdleWatchdogSession * s, GMainContext * context,
    GSourceFunc func)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, g_object_ref (s), g_object_unref);
  g_source_attach (source, context);
  g_source_unref (source);
}

static void
schedule_ended_callback_locked (GstIdleWatchdogSession * s)
{
  if (!s->finished || s->ended_func == NULL || s->ended_scheduled)
    return;
  s->ended_scheduled = TRUE;
  invoke_in (s, s->ended_context, dispatch_ended_callback);
}

/* Marks the session finished; returns the manager to tell, if any */
static GstIdleWatchdogSessionManager *
finish_locked (GstIdleWatchdogSession * s)
{
  s->finished = TRUE;
  g_cond_broadcast (&s->cond);
  schedule_ended_callback_locked (s);
  if (g_signal_has_handler_pending (s, signals[SIGNAL_ENDED], 0, TRUE))
    invoke_in (s, s->context, emit_ended);
  return s->manager;
}

/* Runs in a GLib pool thread: joins the threads of a session whose last
 * reference was dropped by one of them (see dispose()), and frees it */
static void
reap (gpointer data, gpointer unused)
{
  GstIdleWatchdogSession *s = data;

  g_mutex_lock (&s->lock);
  join_threads_locked (s);
  g_mutex_unlock (&s->lock);
  GST_DEBUG_OBJECT (s, "session %s: threads joined, freeing it", s->id);
  g_object_unref (s);
}

static void
hand_to_reaper (GstIdleWatchdogSession * s)
{
  static GThreadPool *reaper = NULL;

  if (g_once_init_enter (&reaper)) {
    /* shared (non-exclusive) threads: creating it cannot fail */
    GThreadPool *pool = g_thread_pool_new (reap, NULL, -1, FALSE, NULL);

    g_once_init_leave (&reaper, pool);
  }
  g_thread_pool_push (reaper, s, NULL);
}

/* A pipeline thread (or the starter) is done with the session */
static void
thread_done (GstIdleWatchdogSession * s, guint n)
{
  GstIdleWatchdogSessionManager *m = NULL;
  gboolean last;

  g_mutex_lock (&s->lock);
  g_assert (s->n_running >= n);
  s->n_running -= n;
  last = s->n_running == 0;
  if (last) {
    /* counted before anyone can see the session finished (join(), the
     * ended callback, the manager) */
    idw_metrics_session_finished (s->result.end);
    m = finish_locked (s);
  }
  g_mutex_unlock (&s->lock);

  if (!last)
    return;
  /* the manager holds a reference until it has been told */
  if (m)
    idw_manager_session_finished (m, s);
  /* the reference the session held on itself since start(): whoever joins
   * the threads (join(), the ended callback, a manager) finds it dropped,
   * so that the application's last unref frees the session at once */
  g_object_unref (s);
}

/* Decides why the session ends, once. Returns FALSE if it had already
 * ended. @runner, @msg, @info and @error are all optional. */
static gboolean
end_session (GstIdleWatchdogSession * s, GstIdleWatchdogSessionEnd end,
    IdwRunner * runner, GstMessage * msg, const GstIdleWatchdogTimeout * info,
    const GError * error)
{
  GstIdleWatchdogSessionResult *r = &s->result;
  GstIdleWatchdogSessionManager *m = NULL;
  GstClockTime stop_timeout;
  gboolean started;
  guint i;

  g_mutex_lock (&s->lock);
  if (s->ended) {
    g_mutex_unlock (&s->lock);
    return FALSE;
  }
  s->ended = TRUE;
  started = s->started;
  stop_timeout = s->stop_timeout;

  r->end = end;
  r->pipeline_index = runner ? (gint) idw_runner_get_index (runner) : -1;
  r->pipeline_name = runner ? g_strdup (idw_runner_get_name (runner)) : NULL;
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

  /* the pipeline that ended the session, if one did */
  GST_INFO_OBJECT (runner ? (GObject *) idw_runner_get_pipeline (runner) :
      (GObject *) s, "session %s ends: %s", s->id,
      gst_idle_watchdog_session_end_to_string (end));

  if (started) {
    for (i = 0; i < s->runners->len; i++)
      idw_runner_stop (g_ptr_array_index (s->runners, i), stop_timeout);
  }
  if (m)
    idw_manager_session_finished (m, s);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* What the pipeline threads report                                         */

typedef struct
{
  GstIdleWatchdogSession *session;
  guint signal;
  guint index;
  GstMessage *msg;
} Forward;

static gboolean
emit_forward (gpointer data)
{
  Forward *f = data;

  g_signal_emit (f->session, signals[f->signal], 0, f->index, f->msg);
  return G_SOURCE_REMOVE;
}

static void
forward_free (gpointer data)
{
  Forward *f = data;

  gst_message_unref (f->msg);
  g_object_unref (f->session);
  g_free (f);
}

/* Emits @signal for @msg in the session's context, if anyone listens */
static void
forward (GstIdleWatchdogSession * s, guint signal, IdwRunner * runner,
    GstMessage * msg)
{
  GSource *source;
  Forward *f;

  if (!g_signal_has_handler_pending (s, signals[signal], 0, TRUE))
    return;
  f = g_new (Forward, 1);
  f->session = g_object_ref (s);
  f->signal = signal;
  f->index = idw_runner_get_index (runner);
  f->msg = gst_message_ref (msg);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_forward, f, forward_free);
  g_source_attach (source, s->context);
  g_source_unref (source);
}

static void
on_timeout_message (GstIdleWatchdogSession * s, IdwRunner * runner,
    GstMessage * msg)
{
  GstIdleWatchdogTimeout info;

  if (!gst_idle_watchdog_message_parse_timeout (msg, &info)) {
    GST_WARNING_OBJECT (idw_runner_get_pipeline (runner),
        "session %s: malformed timeout message from %s", s->id,
        GST_MESSAGE_SRC_NAME (msg));
    return;
  }
  GST_DEBUG_OBJECT (idw_runner_get_pipeline (runner),
      "session %s: timeout (%s) from %s", s->id,
      gst_idle_watchdog_reason_to_string (info.reason),
      GST_MESSAGE_SRC_NAME (msg));

  /* set before start and never changed after: no lock needed */
  if (s->timeout_func)
    s->timeout_func (s, idw_runner_get_index (runner), &info,
        s->timeout_data);
  forward (s, SIGNAL_TIMEOUT, runner, msg);
  if (!(s->flags & GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS))
    end_session (s, GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT, runner, msg, &info,
        NULL);
}

static void
on_runner_message (IdwRunner * runner, GstMessage * msg, gpointer data)
{
  GstIdleWatchdogSession *s = data;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ELEMENT:
      if (gst_idle_watchdog_message_is_timeout (msg))
        on_timeout_message (s, runner, msg);
      else if (gst_idle_watchdog_message_is_resumed (msg))
        forward (s, SIGNAL_RESUMED, runner, msg);
      else if (gst_idle_watchdog_message_is_switch (msg))
        forward (s, SIGNAL_SWITCH, runner, msg);
      break;
    case GST_MESSAGE_EOS:
      end_session (s, GST_IDLE_WATCHDOG_SESSION_END_EOS, runner, msg, NULL,
          NULL);
      break;
    case GST_MESSAGE_ERROR:
      end_session (s, GST_IDLE_WATCHDOG_SESSION_END_ERROR, runner, msg, NULL,
          NULL);
      break;
    default:
      break;
  }
}

static void
on_runner_state_failure (IdwRunner * runner, gpointer data)
{
  GError *err = g_error_new (GST_CORE_ERROR, GST_CORE_ERROR_STATE_CHANGE,
      "Pipeline %s could not be set to PLAYING", idw_runner_get_name (runner));

  end_session (data, GST_IDLE_WATCHDOG_SESSION_END_ERROR, runner, NULL, NULL,
      err);
  g_error_free (err);
}

static void
on_runner_done (IdwRunner * runner, gpointer data)
{
  thread_done (data, 1);
}

static const IdwRunnerCallbacks runner_callbacks = {
  on_runner_message,
  on_runner_state_failure,
  on_runner_done,
};

/* ------------------------------------------------------------------------ */
/* Manager links                                                            */

gboolean
idw_session_attach_manager (GstIdleWatchdogSession * s,
    GstIdleWatchdogSessionManager * m, gboolean * finished)
{
  gboolean ok;

  g_mutex_lock (&s->lock);
  ok = s->manager == NULL;
  if (ok)
    s->manager = m;
  *finished = s->finished;
  g_mutex_unlock (&s->lock);
  return ok;
}

void
idw_session_detach_manager (GstIdleWatchdogSession * s)
{
  g_mutex_lock (&s->lock);
  if (s->started)
    join_threads_locked (s);
  s->manager = NULL;
  g_mutex_unlock (&s->lock);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
gst_idle_watchdog_session_init (GstIdleWatchdogSession * s)
{
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->runners = g_ptr_array_new ();
  s->stop_timeout = GST_IDLE_WATCHDOG_SESSION_DEFAULT_STOP_TIMEOUT;
  s->result.end = GST_IDLE_WATCHDOG_SESSION_END_NONE;
  s->result.pipeline_index = -1;
}

static void
gst_idle_watchdog_session_constructed (GObject * object)
{
  GstIdleWatchdogSession *s = GST_IDLE_WATCHDOG_SESSION (object);

  if (s->id == NULL)
    s->id = g_strdup ("");
  if (s->context == NULL)
    s->context = g_main_context_ref_thread_default ();

  G_OBJECT_CLASS (gst_idle_watchdog_session_parent_class)->constructed
      (object);
}

/* Never running here: a running session holds a reference on itself. Its
 * threads have returned, or are returning, but may not have been joined:
 * when the last reference goes in one of them (the self reference dropped
 * by the last thread, nobody else holding one), the session is kept alive
 * and handed to a pool thread that joins them and frees it. */
static void
gst_idle_watchdog_session_dispose (GObject * object)
{
  GstIdleWatchdogSession *s = GST_IDLE_WATCHDOG_SESSION (object);

  g_mutex_lock (&s->lock);
  if (s->started && !s->joined) {
    if (idw_runner_get_current_data () == s) {
      g_mutex_unlock (&s->lock);
      hand_to_reaper (g_object_ref (s));
      return;
    }
    join_threads_locked (s);
  }
  g_mutex_unlock (&s->lock);

  G_OBJECT_CLASS (gst_idle_watchdog_session_parent_class)->dispose (object);
}

static void
gst_idle_watchdog_session_finalize (GObject * object)
{
  GstIdleWatchdogSession *s = GST_IDLE_WATCHDOG_SESSION (object);
  guint i;

  for (i = 0; i < s->runners->len; i++)
    idw_runner_free (g_ptr_array_index (s->runners, i));
  idw_metrics_add (IDW_METRIC_PIPELINES_ALIVE, -(gint) s->runners->len);
  g_ptr_array_unref (s->runners);
  result_clear (&s->result);

  if (s->ended_notify)
    s->ended_notify (s->ended_data);
  if (s->ended_context)
    g_main_context_unref (s->ended_context);
  if (s->timeout_notify)
    s->timeout_notify (s->timeout_data);

  g_main_context_unref (s->context);
  g_cond_clear (&s->cond);
  g_mutex_clear (&s->lock);
  g_free (s->id);

  G_OBJECT_CLASS (gst_idle_watchdog_session_parent_class)->finalize (object);
}

static void
gst_idle_watchdog_session_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstIdleWatchdogSession *s = GST_IDLE_WATCHDOG_SESSION (object);

  switch (prop_id) {
    case PROP_ID:
      s->id = g_value_dup_string (value);
      break;
    case PROP_FLAGS:
      s->flags = g_value_get_flags (value);
      break;
    case PROP_STOP_TIMEOUT:
      gst_idle_watchdog_session_set_stop_timeout (s,
          g_value_get_uint64 (value));
      break;
    case PROP_CONTEXT:
      s->context = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_idle_watchdog_session_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstIdleWatchdogSession *s = GST_IDLE_WATCHDOG_SESSION (object);

  switch (prop_id) {
    case PROP_ID:
      g_value_set_string (value, s->id);
      break;
    case PROP_FLAGS:
      g_value_set_flags (value, s->flags);
      break;
    case PROP_STOP_TIMEOUT:
      g_value_set_uint64 (value, gst_idle_watchdog_session_get_stop_timeout
          (s));
      break;
    case PROP_CONTEXT:
      g_value_set_boxed (value, s->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_idle_watchdog_session_class_init (GstIdleWatchdogSessionClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->constructed = gst_idle_watchdog_session_constructed;
  gobject_class->dispose = gst_idle_watchdog_session_dispose;
  gobject_class->finalize = gst_idle_watchdog_session_finalize;
  gobject_class->set_property = gst_idle_watchdog_session_set_property;
  gobject_class->get_property = gst_idle_watchdog_session_get_property;

  /**
   * GstIdleWatchdogSession:id:
   *
   * The session's identifier, for logs and the application.
   */
  properties[PROP_ID] = g_param_spec_string ("id", "Id",
      "The session's identifier", NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GstIdleWatchdogSession:flags:
   *
   * The session's #GstIdleWatchdogSessionFlags.
   */
  properties[PROP_FLAGS] = g_param_spec_flags ("flags", "Flags",
      "Options of the session", GST_TYPE_IDLE_WATCHDOG_SESSION_FLAGS,
      GST_IDLE_WATCHDOG_SESSION_FLAG_NONE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GstIdleWatchdogSession:stop-timeout:
   *
   * Nanoseconds each pipeline may take, once sent EOS at the end of the
   * session, to post EOS or ERROR before it is set to NULL anyway; 0 sets
   * the pipelines to NULL without draining. Values beyond %G_MAXUINT
   * milliseconds are clamped to that.
   */
  properties[PROP_STOP_TIMEOUT] = g_param_spec_uint64 ("stop-timeout",
      "Stop timeout", "How long each pipeline may take to drain (ns)",
      0, G_MAXUINT64 - 1, GST_IDLE_WATCHDOG_SESSION_DEFAULT_STOP_TIMEOUT,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstIdleWatchdogSession:context:
   *
   * The #GMainContext in which the session's signals are emitted; by
   * default the thread-default main context of the thread that created the
   * session. It must be iterated for a handler of those signals to run
   * (and, while a handler is connected, for the session to be freed).
   */
  properties[PROP_CONTEXT] = g_param_spec_boxed ("context", "Context",
      "Where the session's signals are emitted", G_TYPE_MAIN_CONTEXT,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);

  /**
   * GstIdleWatchdogSession::ended:
   * @session: the session
   * @result: how it ended
   *
   * Emitted once, in #GstIdleWatchdogSession:context, when the session has
   * ended, every one of its pipelines is in NULL state and every one of its
   * threads has been joined. Connect before the session ends: a handler
   * connected later is not called.
   */
  signals[SIGNAL_ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass),
      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
      GST_TYPE_IDLE_WATCHDOG_SESSION_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GstIdleWatchdogSession::timeout:
   * @session: the session
   * @pipeline_index: index of the pipeline whose watchdog fired
   * @message: the `idle-watchdog-timeout` message (read it with
   *   gst_idle_watchdog_message_parse_timeout())
   *
   * Emitted in #GstIdleWatchdogSession:context for every watchdog timeout
   * of the session's pipelines, whether it ends the session or (with
   * %GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS) not, before
   * #GstIdleWatchdogSession::ended.
   */
  signals[SIGNAL_TIMEOUT] = g_signal_new ("timeout", G_TYPE_FROM_CLASS (klass),
      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
      gst_message_get_type ());

  /**
   * GstIdleWatchdogSession::resumed:
   * @session: the session
   * @pipeline_index: index of the pipeline
   * @message: the `idle-watchdog-resumed` message (read it with
   *   gst_idle_watchdog_message_parse_resumed())
   *
   * Emitted in #GstIdleWatchdogSession:context when a watchdog of the
   * session sees activity again after a timeout (with
   * %GST_IDLE_WATCHDOG_SESSION_FLAG_REPORT_TIMEOUTS, or a watchdog whose
   * timeout did not end the session).
   */
  signals[SIGNAL_RESUMED] = g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass),
      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
      gst_message_get_type ());

  /**
   * GstIdleWatchdogSession::switch:
   * @session: the session
   * @pipeline_index: index of the pipeline
   * @message: the `idle-watchdog-switch` message (read it with
   *   gst_idle_watchdog_message_parse_switch())
   *
   * Emitted in #GstIdleWatchdogSession:context when a watchdog of the
   * session sees an upstream source switch.
   */
  signals[SIGNAL_SWITCH] = g_signal_new ("switch", G_TYPE_FROM_CLASS (klass),
      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
      gst_message_get_type ());
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

/**
 * gst_idle_watchdog_session_new:
 * @session_id: the session's identifier, for logs and the application
 * @flags: #GstIdleWatchdogSessionFlags
 *
 * Creates an empty session whose signals are emitted in the calling
 * thread's thread-default main context: add pipelines with
 * gst_idle_watchdog_session_add_description() or
 * gst_idle_watchdog_session_add_pipeline(), then start it. To choose the
 * context, create it with g_object_new() and
 * #GstIdleWatchdogSession:context.
 *
 * Returns: (transfer full): a new session
 */
GstIdleWatchdogSession *
gst_idle_watchdog_session_new (const gchar * session_id,
    GstIdleWatchdogSessionFlags flags)
{
  g_return_val_if_fail (session_id != NULL, NULL);

  return g_object_new (GST_TYPE_IDLE_WATCHDOG_SESSION, "id", session_id,
      "flags", flags, NULL);
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
      g_object_unref (s);
      return NULL;
    }
  }
  return s;
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
  IdwRunner *runner;
  guint i;
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
  for (i = 0; i < s->runners->len; i++) {
    if (idw_runner_get_pipeline (g_ptr_array_index (s->runners, i)) ==
        pipeline) {
      g_mutex_unlock (&s->lock);
      g_set_error (error, GST_IDLE_WATCHDOG_SESSION_ERROR,
          GST_IDLE_WATCHDOG_SESSION_ERROR_DUPLICATE,
          "Pipeline %s is already in session %s (index %u)",
          GST_OBJECT_NAME (pipeline), s->id, i);
      gst_object_unref (pipeline);
      return -1;
    }
  }
  runner = idw_runner_new (pipeline, s->runners->len, &runner_callbacks, s,
      error);
  if (runner == NULL) {
    g_mutex_unlock (&s->lock);
    return -1;
  }
  g_ptr_array_add (s->runners, runner);
  index = idw_runner_get_index (runner);
  g_mutex_unlock (&s->lock);
  idw_metrics_add (IDW_METRIC_PIPELINES_ALIVE, 1);

  return index;
}

/**
 * gst_idle_watchdog_session_add_pipeline:
 * @session: a session that has not been started
 * @pipeline: (transfer floating): a #GstPipeline in NULL state
 * @error: return location for a #GError
 *
 * Adds an already built pipeline. The session takes a reference (sinking a
 * floating one) and owns the pipeline's bus from now on: its bus must have
 * no watch and no sync handler, and while the session holds it the
 * application cannot add a watch (gst_bus_add_watch() returns 0) and must
 * not set a sync handler (gst_idle_watchdog_session_start() refuses one).
 * Once the pipeline is stopped its bus is flushed (dropping the messages
 * still queued) and left usable, not flushing and without a watch.
 *
 * Returns: the pipeline's index in the session, or -1 with @error set
 * (%GST_IDLE_WATCHDOG_SESSION_ERROR_NO_WATCHDOG,
 * %GST_IDLE_WATCHDOG_SESSION_ERROR_STATE after start,
 * %GST_IDLE_WATCHDOG_SESSION_ERROR_DUPLICATE if it is already in the
 * session, %GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE if its bus has a
 * watch or a sync handler, including another session's); the session
 * keeps no reference then, and the bus is untouched
 */
gint
gst_idle_watchdog_session_add_pipeline (GstIdleWatchdogSession * session,
    GstElement * pipeline, GError ** error)
{
  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), -1);
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

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), -1);
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
    GST_INFO_OBJECT (session, "session %s: could not parse \"%s\": %s", session->id,
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
 * Sets #GstIdleWatchdogSession:stop-timeout: how long each pipeline may
 * take, once sent EOS at the end of the session, to post EOS or ERROR
 * before it is set to NULL anyway. The bound holds even when a streaming
 * thread is blocked downstream (the EOS is pushed from another thread, and
 * setting NULL flushes). The default is
 * #GST_IDLE_WATCHDOG_SESSION_DEFAULT_STOP_TIMEOUT; values beyond
 * %G_MAXUINT milliseconds are clamped to that. A change applies to a
 * session that has not ended yet.
 */
void
gst_idle_watchdog_session_set_stop_timeout (GstIdleWatchdogSession * session,
    GstClockTime timeout)
{
  g_return_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session));
  g_return_if_fail (GST_CLOCK_TIME_IS_VALID (timeout));

  g_mutex_lock (&session->lock);
  session->stop_timeout = timeout;
  g_mutex_unlock (&session->lock);
}

/**
 * gst_idle_watchdog_session_get_stop_timeout:
 * @session: a session
 *
 * Returns: the #GstIdleWatchdogSession:stop-timeout, in nanoseconds
 */
GstClockTime
gst_idle_watchdog_session_get_stop_timeout (GstIdleWatchdogSession * session)
{
  GstClockTime timeout;

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), 0);

  g_mutex_lock (&session->lock);
  timeout = session->stop_timeout;
  g_mutex_unlock (&session->lock);
  return timeout;
}

/**
 * gst_idle_watchdog_session_set_ended_callback:
 * @session: a session
 * @context: (nullable): where to invoke @func; %NULL means the
 *   thread-default main context of the calling thread
 * @func: (nullable) (scope notified) (closure user_data) (destroy notify):
 *   the callback, or %NULL to remove it
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data when the session is freed or the
 *   callback replaced
 *
 * Sets the function invoked once when the session has ended and all its
 * threads have been joined: the C equivalent of the
 * #GstIdleWatchdogSession::ended signal, in a context of its own. It is
 * invoked from @context, in the thread that iterates it (see
 * #GstIdleWatchdogSessionEndedFunc); until then the session keeps itself
 * alive, so @context must be iterated. If the session has already
 * finished, the invocation is scheduled right away.
 *
 * Once the invocation has been scheduled, the callback can no longer be
 * replaced nor removed: the call then does nothing but free @user_data
 * with @notify (at once, in the calling thread); the scheduled function
 * runs with its own data. Check gst_idle_watchdog_session_is_ended() first
 * if that matters.
 */
void
gst_idle_watchdog_session_set_ended_callback (GstIdleWatchdogSession * session,
    GMainContext * context, GstIdleWatchdogSessionEndedFunc func,
    gpointer user_data, GDestroyNotify notify)
{
  GDestroyNotify old_notify;
  gpointer old_data;
  GMainContext *old_context;

  g_return_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session));

  g_mutex_lock (&session->lock);
  if (session->ended_scheduled) {
    /* the invocation may be running: its function and data stay */
    g_mutex_unlock (&session->lock);
    GST_WARNING_OBJECT (session, "session %s: the ended callback has "
        "already been scheduled; not replacing it", session->id);
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
  schedule_ended_callback_locked (session);
  g_mutex_unlock (&session->lock);

  if (old_notify)
    old_notify (old_data);
  if (old_context)
    g_main_context_unref (old_context);
}

/**
 * gst_idle_watchdog_session_set_timeout_callback:
 * @session: a session that has not been started
 * @func: (nullable) (scope notified) (closure user_data) (destroy notify):
 *   the callback
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data when the session is freed
 *
 * Sets the function invoked for every `idle-watchdog-timeout` message of the
 * session's pipelines, in that pipeline's thread, before the runner decides
 * (see #GstIdleWatchdogSessionTimeoutFunc; the
 * #GstIdleWatchdogSession::timeout signal comes later, in the session's
 * context). Must be called before gst_idle_watchdog_session_start().
 */
void
gst_idle_watchdog_session_set_timeout_callback (GstIdleWatchdogSession *
    session, GstIdleWatchdogSessionTimeoutFunc func, gpointer user_data,
    GDestroyNotify notify)
{
  GDestroyNotify old_notify;
  gpointer old_data;

  g_return_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session));

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
 * iterates its own main loop until the session ends. From now until its
 * threads have been joined, the session holds a reference on itself.
 *
 * Returns: %TRUE if every thread was started. %FALSE with @error set
 * (%GST_IDLE_WATCHDOG_SESSION_ERROR_STATE) if the session was already
 * started or ended (the session is unchanged then), or has no pipeline (the
 * session then ends with %GST_IDLE_WATCHDOG_SESSION_END_ERROR and that
 * error, without any thread, so that a manager or a join does not wait for
 * it; it can no longer be started nor given a pipeline);
 * %GST_IDLE_WATCHDOG_SESSION_ERROR_BUS_IN_USE, the session unchanged, if
 * a sync handler was set on a pipeline's bus since it was added. If a
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

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&s->lock);
  if (s->started || s->ended || s->runners->len == 0) {
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
  for (i = 0; i < s->runners->len; i++) {
    if (!idw_runner_check_bus (g_ptr_array_index (s->runners, i), error)) {
      g_mutex_unlock (&s->lock);
      return FALSE;
    }
  }
  s->started = TRUE;
  n = s->runners->len;
  /* the starter counts as running until every thread is created */
  s->n_running = n + 1;
  s->start_time = g_get_monotonic_time ();
  g_mutex_unlock (&s->lock);
  idw_metrics_add (IDW_METRIC_SESSIONS_STARTED, 1);
  idw_metrics_add (IDW_METRIC_SESSIONS_ALIVE, 1);

  /* dropped by the last thread to return (thread_done()) */
  g_object_ref (s);

  GST_INFO_OBJECT (s, "session %s: starting %u pipelines", s->id, n);
  for (i = 0; i < n; i++) {
    if (!idw_runner_start (g_ptr_array_index (s->runners, i), &err))
      break;
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
  g_return_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session));

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
 * to NULL while that thread waits, so it deadlocks. Stop the session there
 * instead and join it from another thread, or connect to
 * #GstIdleWatchdogSession::ended.
 *
 * Returns: (transfer none) (nullable): how the session ended, owned by
 * @session; %NULL if it was never started nor stopped (nothing to wait for)
 */
const GstIdleWatchdogSessionResult *
gst_idle_watchdog_session_join (GstIdleWatchdogSession * session)
{
  GstIdleWatchdogSession *s = session;

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), NULL);

  if (idw_runner_get_current_data () == s) {
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

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), FALSE);

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

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), NULL);

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
  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), NULL);

  return session->id;
}

/**
 * gst_idle_watchdog_session_get_flags:
 * @session: a session
 *
 * Returns: the session's #GstIdleWatchdogSession:flags
 */
GstIdleWatchdogSessionFlags
gst_idle_watchdog_session_get_flags (GstIdleWatchdogSession * session)
{
  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session),
      GST_IDLE_WATCHDOG_SESSION_FLAG_NONE);

  return session->flags;
}

/**
 * gst_idle_watchdog_session_get_context:
 * @session: a session
 *
 * Returns: (transfer none): the #GMainContext in which the session's
 * signals are emitted
 */
GMainContext *
gst_idle_watchdog_session_get_context (GstIdleWatchdogSession * session)
{
  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), NULL);

  return session->context;
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

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), 0);

  g_mutex_lock (&session->lock);
  n = session->runners->len;
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

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), NULL);

  g_mutex_lock (&session->lock);
  if (index < session->runners->len)
    pipeline = gst_object_ref (idw_runner_get_pipeline (g_ptr_array_index
            (session->runners, index)));
  g_mutex_unlock (&session->lock);
  return pipeline;
}
