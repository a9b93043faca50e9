/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-idlewatchdog
 * @title: idlewatchdog
 *
 * A pass-through that watches the data flowing through it and posts an
 * element message on the bus when the stream has been silent for too long.
 * It never copies, modifies or delays a buffer and owns no thread: its timer
 * is a single-shot asynchronous wait on the pipeline clock (the system clock
 * when the element has none).
 *
 * Activity is a buffer, a buffer list, a GAP event or the `kick` action
 * signal. Nothing else resets the silence: caps, segments, tags, custom
 * events and upstream events do not.
 *
 * The watchdog runs only while the element is PLAYING, whether the pipeline
 * is live or not (a non-live pipeline that stalls right after preroll times
 * out too). It is disarmed in PAUSED, READY and NULL, after EOS (until
 * FLUSH_STOP or a new STREAM_START) and between FLUSH_START and FLUSH_STOP.
 * One timeout is posted per silent episode; when activity returns, a resumed
 * message is posted and the watchdog re-arms.
 *
 * ## Switches and listeners
 *
 * Unless #GstIdleWatchdog:watch-switches is FALSE, the element walks
 * upstream from its sink pad (through queues, converters, bins and ghost
 * pads) when it goes to PAUSED and to PLAYING, and again whenever a pad on
 * that path is linked or unlinked, and watches every element with a readable
 * `listen-to` (gst-interpipe's `interpipesrc`), `active-pad`
 * (`input-selector`), `channel` (`intervideosrc`, `interaudiosrc`,
 * `intersubsrc`) or `proxysink` (`proxysrc`) property. A change of value
 * (a notify that leaves the value as it was is ignored) posts
 * `idle-watchdog-switch` and restarts the silence count under
 * #GstIdleWatchdog:switch-timeout; a timeout in that phase has reason
 * `switch`. The switch phase ends once data has flowed for `timeout` since
 * the switch, so that buffers already on their way do not end it. Object
 * values are reported by name. The first target an element gets
 * (`input-selector` picking its first pad on its first buffer, `listen-to`
 * set on a source that never listened) is a connection, not a switch: it
 * posts nothing; every change after it is a switch, to "" included. The walk stops at another idlewatchdog: switches beyond
 * it are that element's to report.
 *
 * Downstream, the nearest element with a readable integer `num-listeners`
 * property (gst-interpipe's `interpipesink`, which never notifies it) is
 * read on the element's own timer every `listener-timeout` / 4 (within
 * 10-250 ms); zero listeners for
 * #GstIdleWatchdog:listener-timeout while PLAYING, counted from the first
 * read of zero (the count restarts on entering PLAYING, after a flush or a
 * new stream), gives a timeout with reason `no-listeners`, and listeners
 * coming back give `idle-watchdog-resumed`. This check is independent of
 * #GstIdleWatchdog:timeout: it also works with `timeout=0`.
 *
 * The per-buffer path stamps the last activity with the pipeline clock: with
 * the system clock (the clock of network pipelines) that is a lock-free read;
 * a clock provided by an audio element may take that element's lock.
 *
 * ## Messages
 *
 * All are GST_MESSAGE_ELEMENT messages from the element; the library
 * `gstidlewatchdog-1.0` builds and parses them
 * (gst_idle_watchdog_message_parse_timeout() and friends).
 *
 * `idle-watchdog-timeout`:
 *
 * * `reason` (string): `startup` (no activity since entering PLAYING),
 *   `silence` (no activity after data had flowed), `switch` (no activity
 *   since an upstream source switch) or `no-listeners`
 * * `silence` (guint64): nanoseconds since the last activity, or since arming
 * * `timeout` (guint64): the limit that applied, in nanoseconds
 * * `buffers` (guint64): buffers seen so far
 * * `last-pts` (guint64): PTS of the last buffer, GST_CLOCK_TIME_NONE if none
 * * `media-type` (string): the caps' structure name, e.g. `video/x-raw`, or ""
 * * `session-id` (string): the `session-id` property, when set
 * * `switch-element`, `switch-target` (strings): after a switch
 *
 * `idle-watchdog-resumed`: `silence` (guint64, nanoseconds: the whole silent
 * episode) and `session-id` (string, when set).
 *
 * `idle-watchdog-switch`: `switch-element`, `switch-property`,
 * `switch-target` and `session-id` (strings), posted when an upstream
 * switching element changes its target.
 *
 * With `action=error` a GST_STREAM_ERROR_FAILED error follows the timeout
 * message (gst-launch-1.0 then exits non-zero); with `action=eos` the element
 * pushes EOS downstream, so an application that quits on EOS stops.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m udpsrc port=5004 ! idlewatchdog timeout=500 session-id=s1 ! fakesink
 * ]| Posts `idle-watchdog-timeout` with reason `startup` half a second after
 * PLAYING if nothing arrives on the port, and `silence` half a second after
 * the sender stops.
 * |[
 * gst-launch-1.0 udpsrc port=5004 ! idlewatchdog timeout=500 action=error ! fakesink
 * ]| Exits with an error instead.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstidlewatchdog.h"

GST_DEBUG_CATEGORY (gst_idle_watchdog_debug);
#define GST_CAT_DEFAULT gst_idle_watchdog_debug

/* The largest accepted limit: one day. A mistyped negative number parsed as
 * an unsigned one (timeout=-5 becomes 4294967291) is refused, not run as a
 * 49-day timeout. */
#define MAX_TIMEOUT_MS (24 * 60 * 60 * 1000)

#define DEFAULT_TIMEOUT 1000
#define DEFAULT_STARTUP_TIMEOUT 0
#define DEFAULT_SWITCH_TIMEOUT 0
#define DEFAULT_LISTENER_TIMEOUT 0
#define DEFAULT_ACTION GST_IDLE_WATCHDOG_ACTION_MESSAGE
#define DEFAULT_SESSION_ID NULL
#define DEFAULT_WATCH_SWITCHES TRUE

enum
{
  PROP_0,
  PROP_TIMEOUT,
  PROP_STARTUP_TIMEOUT,
  PROP_SWITCH_TIMEOUT,
  PROP_LISTENER_TIMEOUT,
  PROP_ACTION,
  PROP_SESSION_ID,
  PROP_BUFFERS,
  PROP_TIMEOUTS,
  PROP_IDLE,
  PROP_WATCH_SWITCHES,
  PROP_LAST
};

static GParamSpec *properties[PROP_LAST];

enum
{
  SIGNAL_KICK,
  SIGNAL_LAST
};

static guint signals[SIGNAL_LAST];

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

#define gst_idle_watchdog_parent_class parent_class
G_DEFINE_TYPE_WITH_CODE (GstIdleWatchdog, gst_idle_watchdog, GST_TYPE_ELEMENT,
    GST_DEBUG_CATEGORY_INIT (gst_idle_watchdog_debug, "idlewatchdog", 0,
        "Idle watchdog"));
GST_ELEMENT_REGISTER_DEFINE (idlewatchdog, "idlewatchdog", GST_RANK_NONE,
    GST_TYPE_IDLE_WATCHDOG);

/* ------------------------------------------------------------------------ */
/* Timer. Everything here runs with the object lock held unless noted.      */

/* The limit of the current phase in nanoseconds; 0 when disarmed by it */
static GstClockTime
phase_limit_locked (GstIdleWatchdog * self)
{
  guint ms = 0;

  if (self->timeout == 0)
    return 0;
  switch (self->phase) {
    case GST_IDLE_WATCHDOG_PHASE_STARTUP:
      ms = self->startup_timeout;
      break;
    case GST_IDLE_WATCHDOG_PHASE_SWITCH:
      ms = self->switch_timeout;
      break;
    case GST_IDLE_WATCHDOG_PHASE_SILENCE:
      break;
  }
  return (ms ? ms : self->timeout) * GST_MSECOND;
}

static GstIdleWatchdogReason
phase_reason (GstIdleWatchdogPhase phase)
{
  switch (phase) {
    case GST_IDLE_WATCHDOG_PHASE_STARTUP:
      return GST_IDLE_WATCHDOG_REASON_STARTUP;
    case GST_IDLE_WATCHDOG_PHASE_SWITCH:
      return GST_IDLE_WATCHDOG_REASON_SWITCH;
    case GST_IDLE_WATCHDOG_PHASE_SILENCE:
    default:
      return GST_IDLE_WATCHDOG_REASON_SILENCE;
  }
}

static guint64
flow_count (GstIdleWatchdog * self)
{
  return atomic_load_explicit (&self->buffers, memory_order_relaxed) +
      atomic_load_explicit (&self->gaps, memory_order_relaxed);
}

static GstClock *
get_clock (GstIdleWatchdog * self)
{
  return atomic_load_explicit (&self->clock, memory_order_acquire);
}

static void
cancel_timer_locked (GstIdleWatchdog * self)
{
  if (self->clock_id) {
    gst_clock_id_unschedule (self->clock_id);
    gst_clock_id_unref (self->clock_id);
    self->clock_id = NULL;
  }
}

/* Moves the start of the silence to the last activity seen since it was
 * taken, if any. That ends the startup phase; it ends the switch phase only
 * once data has flowed for `timeout` since the switch, so that buffers
 * already on their way when the switch happened do not end it. */
static gboolean
catch_up_locked (GstIdleWatchdog * self, GstClockTime now)
{
  guint64 flow = flow_count (self);
  GstClockTime stamp =
      atomic_load_explicit (&self->last_stamp, memory_order_relaxed);
  GstClockTime last = MAX (stamp, self->last_kick);

  /* a stamp taken on a clock that was since replaced may lie in the future */
  if (last > now)
    last = now;
  if (flow != self->flow_at_check || last > self->ref_time) {
    self->flow_at_check = flow;
    self->ref_time = MAX (self->ref_time, last);
    if (self->phase != GST_IDLE_WATCHDOG_PHASE_SWITCH ||
        self->ref_time >= self->switch_time + self->timeout * GST_MSECOND)
      self->phase = GST_IDLE_WATCHDOG_PHASE_SILENCE;
    return TRUE;
  }
  return FALSE;
}

static gboolean on_timer (GstClock * clock, GstClockTime time, GstClockID id,
    gpointer user_data);
static void fire (GstIdleWatchdog * self, GstMessage * msg,
    GstIdleWatchdogAction action, guint run,
    const GstIdleWatchdogTimeout * info);

/* Callbacks (clock waits, signal handlers) reach the element through one
 * shared, refcounted weak reference: they do nothing once it is disposed. */
GWeakRef *
gst_idle_watchdog_weak_acquire (GstIdleWatchdog * self)
{
  return g_atomic_rc_box_acquire (self->weak);
}

void
gst_idle_watchdog_weak_release (GWeakRef * ref)
{
  g_atomic_rc_box_release_full (ref, (GDestroyNotify) g_weak_ref_clear);
}

static void
weak_release (gpointer ref)
{
  gst_idle_watchdog_weak_release (ref);
}

static GstClockID
wait_async_locked (GstIdleWatchdog * self, GstClock * clock,
    GstClockTime time, GstClockCallback func)
{
  GstClockID id = gst_clock_new_single_shot_id (clock, time);

  if (gst_clock_id_wait_async (id, func,
          gst_idle_watchdog_weak_acquire (self), weak_release) != GST_CLOCK_OK) {
    GST_WARNING_OBJECT (self, "could not schedule a wait on %" GST_PTR_FORMAT,
        clock);
    gst_clock_id_unref (id);
    return NULL;
  }
  return id;
}

/* Makes the pending wait match the state: none when disarmed, else one at
 * the end of the allowed silence. */
static void
schedule_locked (GstIdleWatchdog * self)
{
  GstClock *clock = get_clock (self);
  GstClockTime limit = phase_limit_locked (self), deadline;

  if (!self->playing || self->eos || self->flushing || clock == NULL ||
      limit == 0 || self->fired) {
    cancel_timer_locked (self);
    return;
  }

  deadline = self->ref_time + limit;
  /* A startup or switch limit longer than timeout: look every timeout for
   * the first activity, which shortens the limit to timeout from then on. */
  if (self->phase != GST_IDLE_WATCHDOG_PHASE_SILENCE &&
      limit > self->timeout * GST_MSECOND)
    deadline = MIN (deadline, self->last_check + self->timeout * GST_MSECOND);
  /* While data flows, the wait only re-checks: put it on a grid shared by
   * every watchdog of the process (a power of two of milliseconds, 1/16 to
   * 1/8 of the limit, before the deadline), so that one clock wake-up
   * serves many of them. A re-check that finds no activity waits for the
   * exact deadline: a timeout is never early nor late for this. */
  if (self->flowing) {
    GstClockTime step = GST_MSECOND << g_bit_storage (MAX (limit /
            GST_MSECOND / 16, 1)), wake = deadline / step * step;

    if (wake > self->last_check)
      deadline = wake;
  }
  if (self->clock_id && self->clock_id_time == deadline)
    return;

  cancel_timer_locked (self);
  self->clock_id = wait_async_locked (self, clock, deadline, on_timer);
  self->clock_id_time = deadline;
}

/* Starts a new silence count at now, in the phase the state calls for */
static void
rearm_locked (GstIdleWatchdog * self)
{
  GstClock *clock = get_clock (self);

  if (clock == NULL)
    return;
  self->ref_time = self->last_check = gst_clock_get_time (clock);
  self->flowing = FALSE;
  /* a listener count restarts too: PAUSED, EOS or a flush do not count */
  self->zero_since = GST_CLOCK_TIME_NONE;
  /* a switch phase goes on, counted from now; it ends only as
   * catch_up_locked() says */
  if (self->phase == GST_IDLE_WATCHDOG_PHASE_SWITCH)
    self->switch_time = self->ref_time;
  else
    self->phase = (self->seen_activity || flow_count (self) > 0) ?
        GST_IDLE_WATCHDOG_PHASE_SILENCE : GST_IDLE_WATCHDOG_PHASE_STARTUP;
  self->flow_at_check = flow_count (self);
  schedule_locked (self);
}

/* Holds a reference on every ancestor bin while a message travels up from
 * a thread of ours (the clock's, an application's): a bin disposed by the
 * application at that moment stays valid until the message has passed. A
 * parent read under its child's lock has not yet let the child go, so it is
 * not finalized yet. */
static GSList *
ref_ancestors (GstIdleWatchdog * self)
{
  GSList *ancestors = NULL;
  GstObject *o = gst_object_get_parent (GST_OBJECT (self));

  while (o) {
    ancestors = g_slist_prepend (ancestors, o);
    o = gst_object_get_parent (o);
  }
  return ancestors;
}

void
gst_idle_watchdog_post (GstIdleWatchdog * self, GstMessage * msg)
{
  GSList *ancestors = ref_ancestors (self);

  gst_element_post_message (GST_ELEMENT (self), msg);
  g_slist_free_full (ancestors, gst_object_unref);
}

/* TRUE if the run that timed out (PLAYING since READY->PAUSED or the last
 * PAUSED->PLAYING) is still going: an action is carried out only then */
static gboolean
same_run (GstIdleWatchdog * self, guint run)
{
  gboolean same;

  GST_OBJECT_LOCK (self);
  same = self->playing && self->run == run;
  GST_OBJECT_UNLOCK (self);
  return same;
}

static void
push_eos (GstElement * element, gpointer user_data)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (element);
  gboolean push;

  /* the end of the stream, as an EOS from upstream would be: disarmed */
  /* serialised with the streaming thread, as an EOS from upstream is */
  GST_PAD_STREAM_LOCK (self->sinkpad);
  GST_OBJECT_LOCK (self);
  /* not if the run ended or the stream came back meanwhile */
  push = self->playing && self->run == GPOINTER_TO_UINT (user_data) &&
      atomic_load_explicit (&self->idle, memory_order_relaxed);
  if (push) {
    self->eos = TRUE;
    atomic_store_explicit (&self->idle, FALSE, memory_order_relaxed);
    schedule_locked (self);
    gst_idle_watchdog_schedule_listener_locked (self);
  }
  GST_OBJECT_UNLOCK (self);
  if (push) {
    GST_DEBUG_OBJECT (self, "pushing EOS after the timeout");
    gst_pad_push_event (self->srcpad, gst_event_new_eos ());
  }
  GST_PAD_STREAM_UNLOCK (self->sinkpad);
}

static gboolean
on_timer (GstClock * clock, GstClockTime time, GstClockID id,
    gpointer user_data)
{
  GstIdleWatchdog *self = g_weak_ref_get (user_data);
  GstIdleWatchdogTimeout info;
  GstIdleWatchdogAction action;
  GstMessage *msg;
  GstClockTime now;
  guint run;

  if (self == NULL)
    return TRUE;

  GST_OBJECT_LOCK (self);
  if (id != self->clock_id) {
    /* replaced or cancelled while it fired */
    GST_OBJECT_UNLOCK (self);
    gst_object_unref (self);
    return TRUE;
  }
  gst_clock_id_unref (self->clock_id);
  self->clock_id = NULL;

  now = gst_clock_get_time (clock);
  self->flowing = catch_up_locked (self, now);
  self->last_check = now;
  info.timeout = phase_limit_locked (self);
  if (info.timeout == 0 || now < self->ref_time + info.timeout) {
    schedule_locked (self);
    GST_OBJECT_UNLOCK (self);
    gst_object_unref (self);
    return TRUE;
  }

  if (!atomic_load_explicit (&self->idle, memory_order_relaxed))
    self->idle_since = self->ref_time;
  atomic_store_explicit (&self->idle, TRUE, memory_order_relaxed);
  self->fired = TRUE;
  self->timeouts++;
  info.reason = phase_reason (self->phase);
  info.silence = now - self->ref_time;
  info.buffers = atomic_load_explicit (&self->buffers, memory_order_relaxed);
  info.last_pts = atomic_load_explicit (&self->last_pts, memory_order_relaxed);
  info.media_type =
      g_quark_to_string (atomic_load_explicit (&self->media_type,
          memory_order_relaxed));
  info.session_id = self->session_id;
  info.switch_element = NULL;
  info.switch_target = NULL;
  if (self->phase == GST_IDLE_WATCHDOG_PHASE_SWITCH) {
    info.switch_element = self->switch_element;
    info.switch_target = self->switch_target;
  }
  msg = gst_idle_watchdog_message_new_timeout (GST_OBJECT (self), &info);
  action = self->action;
  run = self->run;
  GST_OBJECT_UNLOCK (self);

  fire (self, msg, action, run, &info);
  gst_object_unref (self);
  return TRUE;
}

/* Posts the timeout message and carries out the action, unless the run
 * that timed out ended meanwhile (the application may stop the pipeline as
 * soon as it sees the message); no lock held */
static void
fire (GstIdleWatchdog * self, GstMessage * msg, GstIdleWatchdogAction action,
    guint run, const GstIdleWatchdogTimeout * info)
{
  GSList *ancestors = ref_ancestors (self);

  GST_INFO_OBJECT (self, "timeout (%s): silent for %" GST_TIME_FORMAT,
      gst_idle_watchdog_reason_to_string (info->reason),
      GST_TIME_ARGS (info->silence));
  gst_element_post_message (GST_ELEMENT (self), msg);

  switch (same_run (self, run) ? action : GST_IDLE_WATCHDOG_ACTION_MESSAGE) {
    case GST_IDLE_WATCHDOG_ACTION_ERROR:
      GST_ELEMENT_ERROR (self, STREAM, FAILED,
          ("No data for %" G_GUINT64_FORMAT " ms (idle watchdog: %s).",
              info->silence / GST_MSECOND,
              gst_idle_watchdog_reason_to_string (info->reason)),
          ("the limit was %" G_GUINT64_FORMAT " ms",
              info->timeout / GST_MSECOND));
      break;
    case GST_IDLE_WATCHDOG_ACTION_EOS:
      /* not from the clock's thread: a blocked downstream would stall every
       * other wait on this clock */
      gst_element_call_async (GST_ELEMENT (self), push_eos,
          GUINT_TO_POINTER (run), NULL);
      break;
    case GST_IDLE_WATCHDOG_ACTION_MESSAGE:
      break;
  }
  g_slist_free_full (ancestors, gst_object_unref);
}

/* Activity after a timeout: post resumed and re-arm. Off the fast path. */
static void
resume (GstIdleWatchdog * self, GstClockTime now)
{
  GstClockTime silence;
  GstMessage *msg;

  GST_OBJECT_LOCK (self);
  if (!atomic_load_explicit (&self->idle, memory_order_relaxed) || self->eos) {
    GST_OBJECT_UNLOCK (self);
    return;
  }
  atomic_store_explicit (&self->idle, FALSE, memory_order_relaxed);
  self->fired = FALSE;
  silence = now > self->idle_since ? now - self->idle_since : 0;
  self->ref_time = self->last_check = now;
  self->flowing = FALSE;
  self->flow_at_check = flow_count (self);
  self->phase = GST_IDLE_WATCHDOG_PHASE_SILENCE;
  schedule_locked (self);
  msg = gst_idle_watchdog_message_new_resumed (GST_OBJECT (self), silence,
      self->session_id);
  GST_OBJECT_UNLOCK (self);

  GST_INFO_OBJECT (self, "resumed after %" GST_TIME_FORMAT,
      GST_TIME_ARGS (silence));
  gst_idle_watchdog_post (self, msg);
}

/* A switching element upstream changed its target (any thread): a new
 * silence count under switch-timeout. Returns the message to post. */
GstMessage *
gst_idle_watchdog_switched_locked (GstIdleWatchdog * self,
    const gchar * element, const gchar * property, const gchar * target)
{
  GstClock *clock = get_clock (self);

  g_free (self->switch_element);
  self->switch_element = g_strdup (element);
  g_free (self->switch_target);
  self->switch_target = g_strdup (target);
  /* a new count, in the same idle episode if one is going on: the resumed
   * message still comes with the first activity */
  self->fired = FALSE;
  self->phase = GST_IDLE_WATCHDOG_PHASE_SWITCH;
  self->flow_at_check = flow_count (self);
  if (clock)
    self->ref_time = self->switch_time = self->last_check =
        gst_clock_get_time (clock);
  self->flowing = FALSE;
  schedule_locked (self);
  return gst_idle_watchdog_message_new_switch (GST_OBJECT (self), element,
      property, target, self->session_id);
}

/* Listener polling: num-listeners is read on the element's own timer, every
 * listener-timeout / 4 (within 10-250 ms), and at the deadline. */
static void
cancel_listener_locked (GstIdleWatchdog * self)
{
  if (self->listener_id) {
    gst_clock_id_unschedule (self->listener_id);
    gst_clock_id_unref (self->listener_id);
    self->listener_id = NULL;
  }
}

static gboolean on_listener_timer (GstClock * clock, GstClockTime time,
    GstClockID id, gpointer user_data);

void
gst_idle_watchdog_schedule_listener_locked (GstIdleWatchdog * self)
{
  GstClock *clock = get_clock (self);
  GstClockTime limit = self->listener_timeout * GST_MSECOND, next;

  if (!self->playing || self->eos || self->flushing || clock == NULL ||
      limit == 0 || self->listener_sink == NULL || !self->watch_switches) {
    cancel_listener_locked (self);
    return;
  }
  if (self->listener_id || self->listener_polling)
    return;

  next = gst_clock_get_time (clock) + CLAMP (limit / 4, 10 * GST_MSECOND,
      250 * GST_MSECOND);
  if (self->zero_since != GST_CLOCK_TIME_NONE && !self->listener_idle)
    next = MIN (next, self->zero_since + limit);
  self->listener_id = wait_async_locked (self, clock, next, on_listener_timer);
}

/* Reads num-listeners and decides. It runs on the clock's thread, which
 * keeps the polls deterministic on a GstTestClock; a getter that blocks
 * (gst-interpipe holds its listeners' lock while it pushes, which blocks only
 * with a listener set to block=true) would delay the other waits of the
 * clock meanwhile. */
static void
poll_listeners (GstIdleWatchdog * self, guint run)
{
  GstMessage *msg = NULL;
  GstIdleWatchdogTimeout info = { 0, };
  GstIdleWatchdogAction action = GST_IDLE_WATCHDOG_ACTION_MESSAGE;
  GstElement *sink = NULL;
  GstClockTime now;
  gint n;

  GST_OBJECT_LOCK (self);
  if (self->playing && self->run == run && self->listener_sink)
    sink = gst_object_ref (self->listener_sink);
  GST_OBJECT_UNLOCK (self);

  /* not under our lock: the getter may take the sink's locks */
  n = sink ? gst_idle_watchdog_read_listeners (sink) : 0;

  GST_OBJECT_LOCK (self);
  self->listener_polling = FALSE;
  /* the run may have ended, the stream too, or the sink changed meanwhile */
  if (sink == NULL || !self->playing || self->run != run || self->eos ||
      self->flushing || sink != self->listener_sink) {
  } else if (n > 0) {
    now = gst_clock_get_time (get_clock (self));
    if (self->listener_idle) {
      msg = gst_idle_watchdog_message_new_resumed (GST_OBJECT (self),
          now - self->listener_idle_since, self->session_id);
      self->listener_idle = FALSE;
    }
    self->zero_since = GST_CLOCK_TIME_NONE;
  } else if (self->zero_since == GST_CLOCK_TIME_NONE) {
    self->zero_since = gst_clock_get_time (get_clock (self));
  } else if (!self->listener_idle && (now = gst_clock_get_time (get_clock
              (self))) - self->zero_since >=
      self->listener_timeout * GST_MSECOND) {
    self->listener_idle = TRUE;
    self->listener_idle_since = self->zero_since;
    self->timeouts++;
    info.reason = GST_IDLE_WATCHDOG_REASON_NO_LISTENERS;
    info.silence = now - self->zero_since;
    info.timeout = self->listener_timeout * GST_MSECOND;
    info.buffers = atomic_load_explicit (&self->buffers, memory_order_relaxed);
    info.last_pts =
        atomic_load_explicit (&self->last_pts, memory_order_relaxed);
    info.media_type =
        g_quark_to_string (atomic_load_explicit (&self->media_type,
            memory_order_relaxed));
    info.session_id = self->session_id;
    msg = gst_idle_watchdog_message_new_timeout (GST_OBJECT (self), &info);
    action = self->action;
  }
  gst_idle_watchdog_schedule_listener_locked (self);
  GST_OBJECT_UNLOCK (self);
  gst_clear_object (&sink);

  if (msg && info.timeout)
    fire (self, msg, action, run, &info);
  else if (msg)
    gst_idle_watchdog_post (self, msg);
}

static gboolean
on_listener_timer (GstClock * clock, GstClockTime time, GstClockID id,
    gpointer user_data)
{
  GstIdleWatchdog *self = g_weak_ref_get (user_data);
  guint run;

  if (self == NULL)
    return TRUE;

  GST_OBJECT_LOCK (self);
  if (id != self->listener_id) {
    GST_OBJECT_UNLOCK (self);
    gst_object_unref (self);
    return TRUE;
  }
  gst_clock_id_unref (self->listener_id);
  self->listener_id = NULL;
  self->listener_polling = TRUE;
  run = self->run;
  GST_OBJECT_UNLOCK (self);

  poll_listeners (self, run);
  gst_object_unref (self);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Streaming path: no lock, no allocation, no wake-up.                      */

static inline void
note_flow (GstIdleWatchdog * self, GstClockTime now)
{
  if (now == GST_CLOCK_TIME_NONE)
    return;                     /* no clock before the first PLAYING */
  atomic_store_explicit (&self->last_stamp, now, memory_order_relaxed);
  if (G_UNLIKELY (atomic_load_explicit (&self->idle, memory_order_relaxed)))
    resume (self, now);
}

static inline GstClockTime
stamp_now (GstIdleWatchdog * self)
{
  GstClock *clock = get_clock (self);

  return clock ? gst_clock_get_time (clock) : GST_CLOCK_TIME_NONE;
}

static inline void
note_buffers (GstIdleWatchdog * self, guint n, GstClockTime pts)
{
  guint64 b = atomic_load_explicit (&self->buffers, memory_order_relaxed);

  /* only the streaming thread writes these: no read-modify-write needed */
  atomic_store_explicit (&self->buffers, b + n, memory_order_relaxed);
  atomic_store_explicit (&self->last_pts, pts, memory_order_relaxed);
  note_flow (self, stamp_now (self));
}

static GstFlowReturn
gst_idle_watchdog_chain (GstPad * pad, GstObject * parent, GstBuffer * buf)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG_CAST (parent);

  note_buffers (self, 1, GST_BUFFER_PTS (buf));
  return gst_pad_push (self->srcpad, buf);
}

static GstFlowReturn
gst_idle_watchdog_chain_list (GstPad * pad, GstObject * parent,
    GstBufferList * list)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG_CAST (parent);
  guint n = gst_buffer_list_length (list);

  if (n > 0)
    note_buffers (self, n, GST_BUFFER_PTS (gst_buffer_list_get (list, n - 1)));
  return gst_pad_push_list (self->srcpad, list);
}

static gboolean
gst_idle_watchdog_sink_event (GstPad * pad, GstObject * parent,
    GstEvent * event)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG_CAST (parent);

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_GAP:{
      guint64 g = atomic_load_explicit (&self->gaps, memory_order_relaxed);

      atomic_store_explicit (&self->gaps, g + 1, memory_order_relaxed);
      note_flow (self, stamp_now (self));
      break;
    }
    case GST_EVENT_CAPS:{
      GstCaps *caps;
      GQuark media_type = 0;

      gst_event_parse_caps (event, &caps);
      if (!gst_caps_is_empty (caps) && !gst_caps_is_any (caps))
        media_type =
            gst_structure_get_name_id (gst_caps_get_structure (caps, 0));
      atomic_store_explicit (&self->media_type, media_type,
          memory_order_relaxed);
      break;
    }
    case GST_EVENT_EOS:
      GST_OBJECT_LOCK (self);
      self->eos = TRUE;
      schedule_locked (self);
      gst_idle_watchdog_schedule_listener_locked (self);
      GST_OBJECT_UNLOCK (self);
      break;
    case GST_EVENT_FLUSH_START:
      GST_OBJECT_LOCK (self);
      self->flushing = TRUE;
      schedule_locked (self);
      gst_idle_watchdog_schedule_listener_locked (self);
      GST_OBJECT_UNLOCK (self);
      break;
    case GST_EVENT_FLUSH_STOP:
      GST_OBJECT_LOCK (self);
      self->flushing = FALSE;
      self->eos = FALSE;
      rearm_locked (self);
      gst_idle_watchdog_schedule_listener_locked (self);
      GST_OBJECT_UNLOCK (self);
      break;
    case GST_EVENT_STREAM_START:
      GST_OBJECT_LOCK (self);
      if (self->eos) {
        self->eos = FALSE;
        rearm_locked (self);
        gst_idle_watchdog_schedule_listener_locked (self);
      }
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      break;
  }

  return gst_pad_event_default (pad, parent, event);
}

/* ------------------------------------------------------------------------ */

static void
gst_idle_watchdog_kick (GstIdleWatchdog * self)
{
  GstClock *clock;
  GstClockTime now = GST_CLOCK_TIME_NONE;

  GST_OBJECT_LOCK (self);
  self->seen_activity = TRUE;
  clock = get_clock (self);
  if (clock) {
    now = gst_clock_get_time (clock);
    self->last_kick = now;
  }
  GST_OBJECT_UNLOCK (self);

  GST_LOG_OBJECT (self, "kicked");
  if (now != GST_CLOCK_TIME_NONE &&
      atomic_load_explicit (&self->idle, memory_order_relaxed))
    resume (self, now);
}

/* Drops the clocks; only once no streaming thread can be using them */
static void
release_clocks_locked (GstIdleWatchdog * self)
{
  GstClock *clock = atomic_exchange (&self->clock, NULL);

  cancel_timer_locked (self);
  cancel_listener_locked (self);
  if (clock)
    gst_object_unref (clock);
  g_slist_free_full (self->retired_clocks, gst_object_unref);
  self->retired_clocks = NULL;
}

static void
reset_locked (GstIdleWatchdog * self)
{
  atomic_store (&self->buffers, 0);
  atomic_store (&self->gaps, 0);
  atomic_store (&self->last_stamp, 0);
  atomic_store (&self->last_pts, GST_CLOCK_TIME_NONE);
  atomic_store (&self->idle, FALSE);
  atomic_store (&self->media_type, 0);
  self->fired = FALSE;
  self->eos = FALSE;
  self->flushing = FALSE;
  self->seen_activity = FALSE;
  self->last_kick = 0;
  self->timeouts = 0;
  self->phase = GST_IDLE_WATCHDOG_PHASE_STARTUP;
  self->zero_since = GST_CLOCK_TIME_NONE;
  self->listener_idle = FALSE;
  self->listener_polling = FALSE;
  g_clear_pointer (&self->switch_element, g_free);
  g_clear_pointer (&self->switch_target, g_free);
}

static GstStateChangeReturn
gst_idle_watchdog_change_state (GstElement * element,
    GstStateChange transition)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (element);
  GstStateChangeReturn ret;

  switch (transition) {
    case GST_STATE_CHANGE_READY_TO_PAUSED:
      GST_OBJECT_LOCK (self);
      reset_locked (self);
      self->run++;
      self->discovering = TRUE;
      GST_OBJECT_UNLOCK (self);
      gst_idle_watchdog_discover (self);
      break;
    case GST_STATE_CHANGE_PAUSED_TO_PLAYING:{
      GstClock *clock = gst_element_get_clock (element), *old;

      if (clock == NULL)
        clock = gst_system_clock_obtain ();
      GST_OBJECT_LOCK (self);
      old = get_clock (self);
      if (old != clock) {
        /* the streaming thread may still be stamping with the old one */
        if (old)
          self->retired_clocks = g_slist_prepend (self->retired_clocks, old);
        atomic_store_explicit (&self->last_stamp, 0, memory_order_relaxed);
        self->last_kick = 0;
        atomic_store_explicit (&self->clock, clock, memory_order_release);
      } else {
        gst_object_unref (clock);
      }
      self->playing = TRUE;
      rearm_locked (self);
      gst_idle_watchdog_schedule_listener_locked (self);
      GST_OBJECT_UNLOCK (self);
      gst_idle_watchdog_discover (self);
      break;
    }
    case GST_STATE_CHANGE_PLAYING_TO_PAUSED:
      GST_OBJECT_LOCK (self);
      self->playing = FALSE;
      self->run++;
      cancel_timer_locked (self);
      cancel_listener_locked (self);
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      break;
  }

  ret = GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);
  if (ret == GST_STATE_CHANGE_FAILURE &&
      transition == GST_STATE_CHANGE_READY_TO_PAUSED)
    gst_idle_watchdog_forget (self);

  switch (transition) {
    case GST_STATE_CHANGE_PAUSED_TO_READY:
      gst_idle_watchdog_forget (self);
      GST_OBJECT_LOCK (self);
      release_clocks_locked (self);
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      break;
  }

  return ret;
}

/* ------------------------------------------------------------------------ */

static void
gst_idle_watchdog_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_TIMEOUT:
      self->timeout = g_value_get_uint (value);
      break;
    case PROP_STARTUP_TIMEOUT:
      self->startup_timeout = g_value_get_uint (value);
      break;
    case PROP_SWITCH_TIMEOUT:
      self->switch_timeout = g_value_get_uint (value);
      break;
    case PROP_LISTENER_TIMEOUT:
      self->listener_timeout = g_value_get_uint (value);
      break;
    case PROP_ACTION:
      self->action = g_value_get_enum (value);
      break;
    case PROP_SESSION_ID:{
      const gchar *id = g_value_get_string (value);

      /* a message cannot carry it: refuse it like an out-of-range number */
      if (id && !g_utf8_validate (id, -1, NULL)) {
        g_warning ("%s: session-id is not valid UTF-8; keeping \"%s\"",
            GST_OBJECT_NAME (self), GST_STR_NULL (self->session_id));
        break;
      }
      g_free (self->session_id);
      self->session_id = g_strdup (id);
      break;
    }
    case PROP_WATCH_SWITCHES:
      self->watch_switches = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  /* a new limit applies to the silence already counted */
  schedule_locked (self);
  cancel_listener_locked (self);
  gst_idle_watchdog_schedule_listener_locked (self);
  GST_OBJECT_UNLOCK (self);
  if (prop_id == PROP_WATCH_SWITCHES)
    gst_idle_watchdog_discover (self);
}

static void
gst_idle_watchdog_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_STARTUP_TIMEOUT:
      g_value_set_uint (value, self->startup_timeout);
      break;
    case PROP_SWITCH_TIMEOUT:
      g_value_set_uint (value, self->switch_timeout);
      break;
    case PROP_LISTENER_TIMEOUT:
      g_value_set_uint (value, self->listener_timeout);
      break;
    case PROP_ACTION:
      g_value_set_enum (value, self->action);
      break;
    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;
    case PROP_BUFFERS:
      g_value_set_uint64 (value, atomic_load (&self->buffers));
      break;
    case PROP_TIMEOUTS:
      g_value_set_uint (value, self->timeouts);
      break;
    case PROP_IDLE:
      g_value_set_boolean (value, atomic_load (&self->idle) ||
          self->listener_idle);
      break;
    case PROP_WATCH_SWITCHES:
      g_value_set_boolean (value, self->watch_switches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_idle_watchdog_dispose (GObject * object)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (object);

  gst_idle_watchdog_forget (self);
  GST_OBJECT_LOCK (self);
  release_clocks_locked (self);
  GST_OBJECT_UNLOCK (self);

  G_OBJECT_CLASS (parent_class)->dispose (object);
}

static void
gst_idle_watchdog_finalize (GObject * object)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (object);

  g_free (self->session_id);
  g_free (self->switch_element);
  g_free (self->switch_target);
  g_ptr_array_unref (self->switch_watches);
  g_clear_pointer (&self->link_watches, g_ptr_array_unref);
  g_mutex_clear (&self->discover_lock);
  gst_idle_watchdog_weak_release (self->weak);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_idle_watchdog_init (GstIdleWatchdog * self)
{
  self->sinkpad = gst_pad_new_from_static_template (&sink_template, "sink");
  gst_pad_set_chain_function (self->sinkpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_chain));
  gst_pad_set_chain_list_function (self->sinkpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_chain_list));
  gst_pad_set_event_function (self->sinkpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_sink_event));
  GST_PAD_SET_PROXY_CAPS (self->sinkpad);
  GST_PAD_SET_PROXY_ALLOCATION (self->sinkpad);
  gst_element_add_pad (GST_ELEMENT (self), self->sinkpad);

  self->srcpad = gst_pad_new_from_static_template (&src_template, "src");
  GST_PAD_SET_PROXY_CAPS (self->srcpad);
  GST_PAD_SET_PROXY_ALLOCATION (self->srcpad);
  gst_element_add_pad (GST_ELEMENT (self), self->srcpad);

  self->timeout = DEFAULT_TIMEOUT;
  self->startup_timeout = DEFAULT_STARTUP_TIMEOUT;
  self->switch_timeout = DEFAULT_SWITCH_TIMEOUT;
  self->listener_timeout = DEFAULT_LISTENER_TIMEOUT;
  self->action = DEFAULT_ACTION;
  self->session_id = g_strdup (DEFAULT_SESSION_ID);
  self->watch_switches = DEFAULT_WATCH_SWITCHES;
  atomic_init (&self->clock, NULL);
  atomic_init (&self->rediscover_pending, FALSE);
  self->weak = g_atomic_rc_box_new0 (GWeakRef);
  g_weak_ref_init (self->weak, self);
  g_mutex_init (&self->discover_lock);
  self->switch_watches = g_ptr_array_new ();
  reset_locked (self);
}

static void
gst_idle_watchdog_class_init (GstIdleWatchdogClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_PLAYING;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  gobject_class->set_property = gst_idle_watchdog_set_property;
  gobject_class->get_property = gst_idle_watchdog_get_property;
  gobject_class->dispose = gst_idle_watchdog_dispose;
  gobject_class->finalize = gst_idle_watchdog_finalize;

  /**
   * GstIdleWatchdog:timeout:
   *
   * Milliseconds of silence allowed once data has flowed; 0 disables the
   * watchdog (no startup, silence or switch timeout; the listener check of
   * #GstIdleWatchdog:listener-timeout is separate). Same name, unit and
   * default as the `watchdog` element of gst-plugins-bad.
   */
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", "Timeout",
      "Milliseconds of silence allowed once data has flowed (0 = disabled; "
      "listener-timeout is separate)",
      0, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT, rw);

  /**
   * GstIdleWatchdog:startup-timeout:
   *
   * Milliseconds of silence allowed from entering PLAYING until the first
   * activity; 0 means use #GstIdleWatchdog:timeout.
   */
  properties[PROP_STARTUP_TIMEOUT] = g_param_spec_uint ("startup-timeout",
      "Startup timeout",
      "Milliseconds of silence allowed from entering PLAYING until the first "
      "activity (0 = use timeout)", 0, MAX_TIMEOUT_MS, DEFAULT_STARTUP_TIMEOUT,
      rw);

  /**
   * GstIdleWatchdog:switch-timeout:
   *
   * Milliseconds of silence allowed after an upstream source switch;
   * 0 means use #GstIdleWatchdog:timeout.
   */
  properties[PROP_SWITCH_TIMEOUT] = g_param_spec_uint ("switch-timeout",
      "Switch timeout",
      "Milliseconds of silence allowed after an upstream source switch "
      "(0 = use timeout)", 0, MAX_TIMEOUT_MS, DEFAULT_SWITCH_TIMEOUT, rw);

  /**
   * GstIdleWatchdog:listener-timeout:
   *
   * Milliseconds a downstream element may report `num-listeners` = 0
   * before a timeout with reason `no-listeners`; 0 disables the check.
   */
  properties[PROP_LISTENER_TIMEOUT] = g_param_spec_uint ("listener-timeout",
      "Listener timeout",
      "Milliseconds a downstream element may report num-listeners = 0 before "
      "a timeout (0 = disabled)", 0, MAX_TIMEOUT_MS, DEFAULT_LISTENER_TIMEOUT,
      rw);

  /**
   * GstIdleWatchdog:action:
   *
   * What to do on a timeout besides posting `idle-watchdog-timeout`.
   */
  properties[PROP_ACTION] = g_param_spec_enum ("action", "Action",
      "What to do on a timeout besides posting the idle-watchdog-timeout "
      "message", GST_TYPE_IDLE_WATCHDOG_ACTION, DEFAULT_ACTION, rw);

  /**
   * GstIdleWatchdog:session-id:
   *
   * Copied into the `session-id` field of every message, so that one bus
   * handler can route the messages of many sessions.
   */
  properties[PROP_SESSION_ID] = g_param_spec_string ("session-id",
      "Session id", "Copied into the session-id field of every message",
      DEFAULT_SESSION_ID, rw);

  /**
   * GstIdleWatchdog:buffers:
   *
   * Buffers seen since the element last went from READY to PAUSED.
   */
  properties[PROP_BUFFERS] = g_param_spec_uint64 ("buffers", "Buffers",
      "Buffers seen", 0, G_MAXUINT64, 0, ro);

  /**
   * GstIdleWatchdog:timeouts:
   *
   * Timeouts fired since the element last went from READY to PAUSED.
   */
  properties[PROP_TIMEOUTS] = g_param_spec_uint ("timeouts", "Timeouts",
      "Timeouts fired", 0, G_MAXUINT, 0, ro);

  /**
   * GstIdleWatchdog:idle:
   *
   * TRUE between a timeout and the next activity (or, for a `no-listeners`
   * timeout, until listeners are back).
   */
  properties[PROP_IDLE] = g_param_spec_boolean ("idle", "Idle",
      "TRUE between a timeout and the next activity (or the listeners' return)",
      FALSE, ro);

  /**
   * GstIdleWatchdog:watch-switches:
   *
   * Whether to find and watch the switching elements upstream (`listen-to`,
   * `active-pad`, `channel`, `proxysink`) and the `num-listeners` element
   * downstream. FALSE turns the discovery off.
   */
  properties[PROP_WATCH_SWITCHES] = g_param_spec_boolean ("watch-switches",
      "Watch switches",
      "Watch upstream source switches (listen-to, active-pad, channel, "
      "proxysink) and a downstream num-listeners", DEFAULT_WATCH_SWITCHES,
      rw);

  g_object_class_install_properties (gobject_class, PROP_LAST, properties);

  /**
   * GstIdleWatchdog::kick:
   * @watchdog: the element
   *
   * Counts as activity, like a buffer: lets the application feed the
   * watchdog from an out-of-band liveness source such as client keep-alive
   * packets. Safe from any thread.
   */
  signals[SIGNAL_KICK] = g_signal_new_class_handler ("kick",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_idle_watchdog_kick), NULL, NULL, NULL, G_TYPE_NONE, 0);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Idle watchdog",
      "Generic",
      "Pass-through that posts idle-watchdog-timeout (fields: reason, "
      "silence, timeout, buffers, last-pts, media-type, session-id, "
      "switch-element, switch-target), idle-watchdog-resumed (silence, "
      "session-id) and idle-watchdog-switch (switch-element, "
      "switch-property, switch-target, session-id) element messages when "
      "the stream goes silent, resumes or is switched upstream",
      "The gst-idlewatchdog authors");
  gst_element_class_add_metadata (element_class, GST_ELEMENT_METADATA_DOC_URI,
      "https://github.com/gst-idlewatchdog/gst-idlewatchdog/blob/main/docs/"
      "element.md");

  element_class->change_state =
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_change_state);

  gst_type_mark_as_plugin_api (GST_TYPE_IDLE_WATCHDOG_ACTION, 0);
}
