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
 * is a single-shot asynchronous wait on the system clock when the pipeline
 * clock is a system, audio or network clock (those wait in real time, and
 * the silence is then real time too, whatever pace the clock's own time
 * keeps), or on the pipeline clock otherwise (a #GstTestClock).
 *
 * Activity is a buffer, a buffer list, a GAP event or the `kick` action
 * signal. Nothing else resets the silence: caps, segments, tags, custom
 * events and upstream events do not.
 *
 * The watchdog runs only while the element is PLAYING, whether the pipeline
 * is live or not (a non-live pipeline that stalls right after preroll times
 * out too). It is disarmed in PAUSED, READY and NULL, after EOS (until
 * FLUSH_STOP or a new STREAM_START) and between FLUSH_START and FLUSH_STOP.
 * After FLUSH_STOP the wait for the first buffer is a startup phase
 * (#GstIdleWatchdog:startup-timeout), and nothing fires while the top-level
 * pipeline's target state is not PLAYING (a bin that lost its state in a
 * flushing seek leaves its children PLAYING): the count starts again once
 * it is. One timeout is posted per silent episode; when activity returns, a
 * resumed message is posted and the watchdog re-arms.
 *
 * A timeout whose last buffer is still inside the element's push
 * downstream at the deadline has reason `blocked`: the consumer stopped
 * taking data (an appsink nobody pulls, a blocked network sink), as opposed
 * to `silence`, where nothing came from upstream.
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
 * posts nothing; every change after it is a switch, to "" included.
 *
 * The walk stops at another idlewatchdog and follows it instead: that one
 * posts `idle-watchdog-switch` and tells every watchdog downstream of it,
 * each of which then applies its own `switch-timeout` (a chain of
 * watchdogs costs walks of its own length).
 *
 * Downstream, the nearest element with a readable integer `num-listeners`
 * property (gst-interpipe's `interpipesink`, which never notifies it) is
 * read every `listener-timeout` / 4 (within 10-250 ms); with another
 * idlewatchdog in between, the element it found is read. Zero listeners for
 * #GstIdleWatchdog:listener-timeout while PLAYING, counted from the first
 * read of zero (the count restarts on entering PLAYING, after a flush or a
 * new stream), gives a timeout with reason `no-listeners`, and listeners
 * coming back give `idle-watchdog-resumed`. This check is independent of
 * #GstIdleWatchdog:timeout: it also works with `timeout=0`.
 *
 * ## Threads
 *
 * The clock's thread, which GStreamer shares between every asynchronous wait
 * of the process, only decides: the timeout message and its action are
 * posted, and `num-listeners` is read, from a thread of GStreamer's shared
 * pool (gst_element_call_async()), so that a slow bus sync handler or a
 * blocked getter never delays another watchdog. `idle-watchdog-resumed` is
 * posted from the thread that brought the activity (the streaming thread,
 * or the one that emitted `kick`), `idle-watchdog-switch` from the thread
 * that changed the switching element's property; the element's messages
 * keep their order whatever thread posts them.
 *
 * Every watchdog of the process that waits on one clock shares one timer:
 * the clock holds a single entry, for the earliest wake-up of them all, so
 * the clock thread's work does not grow with the number of watchdogs.
 *
 * The per-buffer path stamps the last activity with the clock it counts on:
 * on the system clock it reads the monotonic time directly (clock_gettime(),
 * the same value gst_clock_get_time() gives, without its calibration).
 *
 * ## Messages
 *
 * All are GST_MESSAGE_ELEMENT messages from the element; the library
 * `gstidlewatchdog-1.0` builds and parses them
 * (gst_idle_watchdog_message_parse_timeout() and friends).
 *
 * `idle-watchdog-timeout`:
 *
 * * `reason` (string): `startup` (no activity since entering PLAYING or
 *   since a flush), `silence` (no activity after data had flowed), `switch`
 *   (no activity since an upstream source switch), `blocked` (the last
 *   buffer is still inside the push downstream) or `no-listeners`
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
 * pushes EOS downstream, so an application that quits on EOS stops. An EOS
 * cannot pass a consumer that does not take data: with reason `blocked`,
 * `action=eos` posts the error instead.
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

#include <stdatomic.h>

#include "gstidlewatchdog.h"
#include "idlewatchdog-message.h"
#include "idw-discovery.h"
#include "idw-links.h"
#include "idw-outbox.h"
#include "idw-report.h"
#include "idw-timer.h"
#include "idw-watch.h"

GST_DEBUG_CATEGORY_STATIC (gst_idle_watchdog_debug);
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
  PROP_STATS,
  PROP_LAST
};

static GParamSpec *properties[PROP_LAST];

enum
{
  SIGNAL_KICK,
  SIGNAL_LAST
};

static guint signals[SIGNAL_LAST];

struct _GstIdleWatchdog
{
  GstElement element;

  GstPad *sinkpad;
  GstPad *srcpad;

  /* Written by the streaming thread without a lock */
  _Atomic guint64 buffers;      /* buffers seen */
  _Atomic guint64 gaps;         /* GAP events seen */
  _Atomic GstClockTime last_stamp;      /* clock time of the last of them */
  _Atomic GstClockTime last_pts;
  _Atomic guint32 media_type;   /* GQuark of the caps' structure name */
  atomic_bool pushing;          /* inside the push of a buffer */
  atomic_bool idle;             /* mirrors watch.idle for the fast path */
  atomic_bool ended;            /* the EOS action ended the stream: data
                                 * is refused until a flush or new stream */
  /* The clock that stamps and times, with bit 0 set if it is the plain
   * system clock (idw_clock_is_plain(): the data path then reads the
   * monotonic time itself); set in PAUSED->PLAYING and kept (with every
   * clock it replaced, in retired_clocks) until READY, so the streaming
   * thread may use it without a reference. One word: the flag always
   * goes with its clock. */
  _Atomic guintptr clock_word;

  /* Everything below is protected by the object lock */
  IdwWatch watch;
  IdwTimer timer;
  GstIdleWatchdogAction action;
  gchar *session_id;
  gboolean watch_switches;
  GSList *retired_clocks;
  guint run;                    /* bumped when a PLAYING run ends or starts */
  IdwLinks links;               /* its discovery has its own lock */
  IdwOutbox outbox;             /* its own lock, taken under ours */
};

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

static GstClock *
get_clock (GstIdleWatchdog * self)
{
  return (GstClock *) (atomic_load_explicit (&self->clock_word,
          memory_order_acquire) & ~(guintptr) 1);
}

static GstClockTime
now_locked (GstIdleWatchdog * self)
{
  GstClock *clock = get_clock (self);

  return clock ? gst_clock_get_time (clock) : 0;
}

static guint64
flow_count (GstIdleWatchdog * self)
{
  return atomic_load_explicit (&self->buffers, memory_order_relaxed) +
      atomic_load_explicit (&self->gaps, memory_order_relaxed);
}

static void on_wake (GObject * owner, GstClock * clock, guint64 token);

/* Makes the pending wait match the watch */
static void
reschedule_locked (GstIdleWatchdog * self)
{
  idw_timer_schedule (&self->timer, get_clock (self),
      idw_watch_next_wake (&self->watch), on_wake);
}

/* ------------------------------------------------------------------------ */
/* Posting: through the outbox (idw-outbox.c), in order                     */

/* TRUE if the PLAYING run @run is still going on */
static gboolean
same_run (GstIdleWatchdog * self, guint run)
{
  gboolean same;

  GST_OBJECT_LOCK (self);
  same = self->watch.playing && self->run == run;
  GST_OBJECT_UNLOCK (self);
  return same;
}

/* A timeout built in a run that has ended meanwhile is dropped, and the
 * watch forgets it */
static gboolean
keep_timeout (GstElement * element, const IdwOutgoing * out)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (element);
  gboolean keep;

  GST_OBJECT_LOCK (self);
  keep = self->watch.playing && self->run == out->run;
  if (!keep) {
    GST_DEBUG_OBJECT (self, "dropping a timeout of a run that ended");
    idw_watch_retract (&self->watch, out->reason);
    atomic_store_explicit (&self->idle, self->watch.idle,
        memory_order_relaxed);
    reschedule_locked (self);
  }
  GST_OBJECT_UNLOCK (self);
  return keep;
}

static void
push_eos (GstElement * element, gpointer user_data)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (element);
  gboolean push;

  /* serialised with the streaming thread, as an EOS from upstream is */
  GST_PAD_STREAM_LOCK (self->sinkpad);
  GST_OBJECT_LOCK (self);
  /* not if the run ended or the stream came back meanwhile */
  push = self->watch.playing && self->run == GPOINTER_TO_UINT (user_data) &&
      self->watch.idle;
  if (push) {
    idw_watch_disarm (&self->watch, IDW_DISARM_EOS_ACTION);
    atomic_store_explicit (&self->idle, FALSE, memory_order_relaxed);
    /* from now on the stream is over: data from upstream is refused */
    atomic_store_explicit (&self->ended, TRUE, memory_order_relaxed);
    reschedule_locked (self);
  }
  GST_OBJECT_UNLOCK (self);
  GST_PAD_STREAM_UNLOCK (self->sinkpad);
  /* Not under the stream lock: a sink that is prerolling (the pipeline on
   * its way to PAUSED) holds on to the EOS, and anything waiting for the
   * stream lock with it: upstream's streaming thread, and so the state
   * change that would release the sink. */
  if (push) {
    GST_DEBUG_OBJECT (self, "pushing EOS after the timeout");
    gst_pad_push_event (self->srcpad, gst_event_new_eos ());
  }
}

static void
act (GstElement * element, const IdwOutgoing * out)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (element);

  /* the application may have stopped the pipeline on the message */
  if (!same_run (self, out->run))
    return;
  switch (out->action) {
    case GST_IDLE_WATCHDOG_ACTION_ERROR:
      idw_report_error (element, out);
      break;
    case GST_IDLE_WATCHDOG_ACTION_EOS:
      /* it takes the stream lock: never from the thread that posts */
      gst_element_call_async (element, push_eos,
          GUINT_TO_POINTER (out->run), NULL);
      break;
    case GST_IDLE_WATCHDOG_ACTION_MESSAGE:
      break;
  }
}

static const IdwOutboxFuncs outbox_funcs = { keep_timeout, act };

/* Queues @msg (with the timeout of @v, if any); TRUE if the caller must
 * drain the outbox */
static gboolean
send_locked (GstIdleWatchdog * self, GstMessage * msg, const IdwVerdict * v)
{
  IdwOutgoing *out = g_new0 (IdwOutgoing, 1);

  out->msg = msg;
  if (v) {
    out->timeout = TRUE;
    out->run = self->run;
    /* an EOS cannot pass a consumer that takes nothing */
    out->action = idw_report_action (self->action, v->reason);
    out->reason = v->reason;
    out->silence = v->silence;
    out->limit = v->limit;
  }
  return idw_outbox_push (&self->outbox, out);
}

static void
drain (GstIdleWatchdog * self, gboolean pool)
{
  idw_outbox_drain (&self->outbox, GST_ELEMENT (self), pool);
}

static void
drain_async (GstElement * element, gpointer user_data)
{
  drain (GST_IDLE_WATCHDOG (element), TRUE);
}

/* Queues what @v says to post; TRUE if the caller must drain */
static gboolean
send_verdict_locked (GstIdleWatchdog * self, const IdwVerdict * v)
{
  gboolean must_drain = FALSE;

  if (v->what & IDW_DO_TIMEOUT) {
    IdwReportFlow flow = { 0, };

    flow.buffers = atomic_load_explicit (&self->buffers, memory_order_relaxed);
    flow.last_pts =
        atomic_load_explicit (&self->last_pts, memory_order_relaxed);
    flow.media_type =
        atomic_load_explicit (&self->media_type, memory_order_relaxed);
    flow.session_id = self->session_id;
    flow.switch_element = self->links.switch_element;
    flow.switch_target = self->links.switch_target;
    GST_WARNING_OBJECT (self, "timeout (%s): silent for %" GST_TIME_FORMAT
        ", limit %" GST_TIME_FORMAT, gst_idle_watchdog_reason_to_string
        (v->reason), GST_TIME_ARGS (v->silence), GST_TIME_ARGS (v->limit));
    must_drain |= send_locked (self,
        idw_report_timeout_message (GST_OBJECT (self), v, &flow), v);
  }
  if (v->what & IDW_DO_RESUMED) {
    GST_INFO_OBJECT (self, "resumed after %" GST_TIME_FORMAT,
        GST_TIME_ARGS (v->resumed_silence));
    must_drain |= send_locked (self,
        gst_idle_watchdog_message_new_resumed (GST_OBJECT (self),
            v->resumed_silence, self->session_id), NULL);
  }
  return must_drain;
}

/* With the object lock held: mirrors the watch's idle flag for the fast
 * path, queues what @v says, re-arms the wait, drops the lock and posts
 * from this thread (a timeout goes on to the pool) */
static void
conclude_unlock (GstIdleWatchdog * self, const IdwVerdict * v)
{
  gboolean must_drain;

  atomic_store_explicit (&self->idle, self->watch.idle, memory_order_relaxed);
  must_drain = send_verdict_locked (self, v);
  reschedule_locked (self);
  GST_OBJECT_UNLOCK (self);
  if (must_drain)
    drain (self, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Timer and listener reads                                                 */

/* On the clock's thread: decides, and hands every post and read that may
 * block to GStreamer's thread pool */
static void
on_wake (GObject * owner, GstClock * clock, guint64 token)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (owner);
  IdwSample sample;
  IdwVerdict v;
  gboolean must_drain;
  guint run;

  sample.app_playing = idw_report_app_playing (GST_OBJECT (self));
  GST_OBJECT_LOCK (self);
  if (!idw_timer_take (&self->timer, token)) {
    /* replaced or cancelled while it fired */
    GST_OBJECT_UNLOCK (self);
    return;
  }
  sample.flow = flow_count (self);
  sample.last = atomic_load_explicit (&self->last_stamp, memory_order_relaxed);
  sample.pushing = atomic_load_explicit (&self->pushing, memory_order_acquire);
  v = idw_watch_check (&self->watch, gst_clock_get_time (clock), &sample);
  GST_LOG_OBJECT (self, "checked at %" GST_TIME_FORMAT ": flowing %d, "
      "pushing %d", GST_TIME_ARGS (self->watch.last_check),
      self->watch.flowing, sample.pushing);
  atomic_store_explicit (&self->idle, self->watch.idle, memory_order_relaxed);
  must_drain = send_verdict_locked (self, &v);
  reschedule_locked (self);
  run = self->run;
  GST_OBJECT_UNLOCK (self);

  if (must_drain)
    gst_element_call_async (GST_ELEMENT (self), drain_async, NULL, NULL);
  if (v.what & IDW_DO_POLL)
    idw_links_poll (&self->links, GST_ELEMENT (self), run);
}

/* ------------------------------------------------------------------------ */
/* Streaming path: no lock, no allocation, no wake-up.                      */

/* Activity after a timeout: resumed, posted from this thread */
static void
resume (GstIdleWatchdog * self, GstClockTime now)
{
  IdwVerdict v;

  GST_OBJECT_LOCK (self);
  v = idw_watch_activity (&self->watch, now, flow_count (self));
  conclude_unlock (self, &v);
}

static inline void
note_flow (GstIdleWatchdog * self)
{
  guintptr word = atomic_load_explicit (&self->clock_word,
      memory_order_acquire);
  GstClockTime now;

  if (word == 0)
    return;                     /* no clock before the first PLAYING */
  now = idw_clock_now ((GstClock *) (word & ~(guintptr) 1), word & 1);
  atomic_store_explicit (&self->last_stamp, now, memory_order_relaxed);
  if (G_UNLIKELY (atomic_load_explicit (&self->idle, memory_order_relaxed)))
    resume (self, now);
}

static inline void
note_buffers (GstIdleWatchdog * self, guint n, GstClockTime pts)
{
  guint64 b = atomic_load_explicit (&self->buffers, memory_order_relaxed);

  /* only the streaming thread writes these: no read-modify-write needed */
  atomic_store_explicit (&self->buffers, b + n, memory_order_relaxed);
  atomic_store_explicit (&self->last_pts, pts, memory_order_relaxed);
  note_flow (self);
}

static GstFlowReturn
gst_idle_watchdog_chain (GstPad * pad, GstObject * parent, GstBuffer * buf)
{
  /* no type check on the per-buffer path: the pad is ours */
  GstIdleWatchdog *self = (GstIdleWatchdog *) parent;
  GstFlowReturn ret;

  if (G_UNLIKELY (atomic_load_explicit (&self->ended, memory_order_relaxed))) {
    gst_buffer_unref (buf);
    return GST_FLOW_EOS;
  }
  note_buffers (self, 1, GST_BUFFER_PTS (buf));
  atomic_store_explicit (&self->pushing, TRUE, memory_order_release);
  ret = gst_pad_push (self->srcpad, buf);
  atomic_store_explicit (&self->pushing, FALSE, memory_order_relaxed);
  return ret;
}

static GstFlowReturn
gst_idle_watchdog_chain_list (GstPad * pad, GstObject * parent,
    GstBufferList * list)
{
  GstIdleWatchdog *self = (GstIdleWatchdog *) parent;
  guint n = gst_buffer_list_length (list);
  GstFlowReturn ret;

  if (G_UNLIKELY (atomic_load_explicit (&self->ended, memory_order_relaxed))) {
    gst_buffer_list_unref (list);
    return GST_FLOW_EOS;
  }
  if (n > 0)
    note_buffers (self, n, GST_BUFFER_PTS (gst_buffer_list_get (list, n - 1)));
  atomic_store_explicit (&self->pushing, TRUE, memory_order_release);
  ret = gst_pad_push_list (self->srcpad, list);
  atomic_store_explicit (&self->pushing, FALSE, memory_order_relaxed);
  return ret;
}

static void
arm (GstIdleWatchdog * self, IdwArm how)
{
  GST_OBJECT_LOCK (self);
  idw_watch_arm (&self->watch, how, now_locked (self), flow_count (self));
  reschedule_locked (self);
  GST_OBJECT_UNLOCK (self);
}

static void
disarm (GstIdleWatchdog * self, IdwDisarm why)
{
  GST_OBJECT_LOCK (self);
  idw_watch_disarm (&self->watch, why);
  reschedule_locked (self);
  GST_OBJECT_UNLOCK (self);
}

static gboolean
gst_idle_watchdog_sink_event (GstPad * pad, GstObject * parent,
    GstEvent * event)
{
  GstIdleWatchdog *self = (GstIdleWatchdog *) parent;

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_GAP:{
      guint64 g = atomic_load_explicit (&self->gaps, memory_order_relaxed);

      atomic_store_explicit (&self->gaps, g + 1, memory_order_relaxed);
      note_flow (self);
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
      disarm (self, IDW_DISARM_EOS);
      break;
    case GST_EVENT_FLUSH_START:
      disarm (self, IDW_DISARM_FLUSH_START);
      break;
    case GST_EVENT_FLUSH_STOP:
      atomic_store (&self->ended, FALSE);
      arm (self, IDW_ARM_FLUSH_STOP);
      break;
    case GST_EVENT_STREAM_START:
      atomic_store (&self->ended, FALSE);
      arm (self, IDW_ARM_STREAM_START);
      break;
    default:
      break;
  }

  /* what gst_pad_event_default() does for a pad with one internal link and
   * proxied caps, without its pad iterator: GLib 2.74's slice allocator
   * keeps a cache per thread for every size it sees, so the iterator of
   * the first event cost every streaming thread about 1.7 KiB for good */
  return gst_pad_push_event (self->srcpad, event);
}

static gboolean
gst_idle_watchdog_src_event (GstPad * pad, GstObject * parent,
    GstEvent * event)
{
  return gst_pad_push_event (((GstIdleWatchdog *) parent)->sinkpad, event);
}

/* The queries of the streaming threads (caps, accept-caps, allocation)
 * answered as gst_pad_query_default() answers them for a pad with proxied
 * caps and allocation, ANY template caps and one internal link, without its
 * pad iterator (see gst_idle_watchdog_sink_event()); the others go to it */
static gboolean
gst_idle_watchdog_query (GstPad * pad, GstObject * parent, GstQuery * query)
{
  GstIdleWatchdog *self = (GstIdleWatchdog *) parent;
  GstPad *other = pad == self->sinkpad ? self->srcpad : self->sinkpad;

  switch (GST_QUERY_TYPE (query)) {
    case GST_QUERY_CAPS:{
      GstCaps *filter, *caps, *peer;

      gst_query_parse_caps (query, &filter);
      caps = filter ? gst_caps_ref (filter) : gst_caps_new_any ();
      if (gst_pad_peer_query (other, query)) {
        GstCaps *both;

        gst_query_parse_caps_result (query, &peer);
        both = gst_caps_intersect (caps, peer);
        gst_caps_unref (caps);
        caps = both;
      }
      gst_query_set_caps_result (query, caps);
      gst_caps_unref (caps);
      return TRUE;
    }
    case GST_QUERY_ACCEPT_CAPS:{
      gboolean accepted = TRUE;

      /* no peer accepts anything */
      if (gst_pad_peer_query (other, query))
        gst_query_parse_accept_caps_result (query, &accepted);
      gst_query_set_accept_caps_result (query, accepted);
      return TRUE;
    }
    case GST_QUERY_ALLOCATION:
      return gst_pad_peer_query (other, query);
    default:
      return gst_pad_query_default (pad, parent, query);
  }
}

/* ------------------------------------------------------------------------ */
/* Switches and listeners (idw-links.c), and the kick signal              */

/* What the links need of the element: its object lock */
static IdwWatch *
links_lock (GstElement * owner, IdwLinksState * st)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (owner);

  GST_OBJECT_LOCK (self);
  st->now = now_locked (self);
  st->flow = flow_count (self);
  st->run = self->run;
  st->session_id = self->session_id;
  return &self->watch;
}

static void
links_unlock (GstElement * owner)
{
  GST_OBJECT_UNLOCK (owner);
}

static void
links_reschedule (GstElement * owner)
{
  reschedule_locked (GST_IDLE_WATCHDOG (owner));
}

static gboolean
links_queue (GstElement * owner, GstMessage * msg, const IdwVerdict * v)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (owner);

  return msg ? send_locked (self, msg, NULL) : send_verdict_locked (self, v);
}

static void
links_drain (GstElement * owner, gboolean pool)
{
  drain (GST_IDLE_WATCHDOG (owner), pool);
}

static const IdwLinksFuncs links_funcs = {
  links_lock, links_unlock, links_reschedule, links_queue, links_drain
};

static void
gst_idle_watchdog_kick (GstIdleWatchdog * self)
{
  IdwVerdict v;

  GST_LOG_OBJECT (self, "kicked");
  GST_OBJECT_LOCK (self);
  v = idw_watch_kick (&self->watch, now_locked (self), flow_count (self));
  conclude_unlock (self, &v);
}

/* ------------------------------------------------------------------------ */
/* States                                                                   */

/* Drops the clocks; only once no streaming thread can be using them */
static void
release_clocks_locked (GstIdleWatchdog * self)
{
  GstClock *clock = (GstClock *) (atomic_exchange (&self->clock_word, 0) &
      ~(guintptr) 1);

  idw_timer_cancel (&self->timer);
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
  atomic_store (&self->ended, FALSE);
  atomic_store (&self->media_type, 0);
  idw_watch_reset (&self->watch);
  idw_links_reset_locked (&self->links);
}

/* PAUSED->PLAYING: the clock to count on (idw_clock_for_timing()). Times
 * counted on a clock it replaces are carried over to the new one. */
static void
take_clock_locked (GstIdleWatchdog * self, GstClock * clock)
{
  GstClock *old = get_clock (self);

  if (old == clock) {
    gst_object_unref (clock);
    return;
  }
  if (old) {
    idw_watch_rebase (&self->watch, gst_clock_get_time (old),
        gst_clock_get_time (clock));
    /* the streaming thread may still be stamping with the old one */
    self->retired_clocks = g_slist_prepend (self->retired_clocks, old);
  }
  atomic_store_explicit (&self->last_stamp, 0, memory_order_relaxed);
  atomic_store_explicit (&self->clock_word,
      (guintptr) clock | (idw_clock_is_plain (clock) ? 1 : 0),
      memory_order_release);
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
      GST_OBJECT_UNLOCK (self);
      idw_discovery_start (self->links.discovery);
      break;
    case GST_STATE_CHANGE_PAUSED_TO_PLAYING:{
      GstClock *clock = gst_element_get_clock (element);

      GST_OBJECT_LOCK (self);
      take_clock_locked (self, idw_clock_for_timing (clock));
      GST_OBJECT_UNLOCK (self);
      GST_DEBUG_OBJECT (self, "arming");
      arm (self, IDW_ARM_PLAYING);
      idw_discovery_revisit (self->links.discovery);
      break;
    }
    case GST_STATE_CHANGE_PLAYING_TO_PAUSED:
      GST_DEBUG_OBJECT (self, "disarming");
      GST_OBJECT_LOCK (self);
      self->run++;
      GST_OBJECT_UNLOCK (self);
      disarm (self, IDW_DISARM_PAUSED);
      break;
    default:
      break;
  }

  ret = GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);
  if (ret == GST_STATE_CHANGE_FAILURE &&
      transition == GST_STATE_CHANGE_READY_TO_PAUSED)
    idw_discovery_stop (self->links.discovery);

  if (transition == GST_STATE_CHANGE_PAUSED_TO_READY) {
    idw_discovery_stop (self->links.discovery);
    GST_OBJECT_LOCK (self);
    release_clocks_locked (self);
    GST_OBJECT_UNLOCK (self);
  }
  return ret;
}

/* ------------------------------------------------------------------------ */
/* Properties                                                               */

static void
set_limit_locked (GstIdleWatchdog * self, guint prop_id, guint ms)
{
  IdwLimits lim = self->watch.lim;

  switch (prop_id) {
    case PROP_TIMEOUT:
      lim.timeout = ms * GST_MSECOND;
      break;
    case PROP_STARTUP_TIMEOUT:
      lim.startup_timeout = ms * GST_MSECOND;
      break;
    case PROP_SWITCH_TIMEOUT:
      lim.switch_timeout = ms * GST_MSECOND;
      break;
    case PROP_LISTENER_TIMEOUT:
      lim.listener_timeout = ms * GST_MSECOND;
      break;
  }
  /* a new limit applies to the silence already counted */
  idw_watch_set_limits (&self->watch, &lim, now_locked (self));
  reschedule_locked (self);
}

static void
gst_idle_watchdog_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (object);
  gboolean rediscover = FALSE;

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_TIMEOUT:
    case PROP_STARTUP_TIMEOUT:
    case PROP_SWITCH_TIMEOUT:
    case PROP_LISTENER_TIMEOUT:
      set_limit_locked (self, prop_id, g_value_get_uint (value));
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
      /* the walks follow the state changes: fixed from PAUSED on */
      if (GST_STATE (self) > GST_STATE_READY) {
        g_warning ("%s: watch-switches can only be changed in NULL or READY;"
            " keeping %s", GST_OBJECT_NAME (self),
            self->watch_switches ? "TRUE" : "FALSE");
        break;
      }
      self->watch_switches = g_value_get_boolean (value);
      rediscover = TRUE;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
  if (rediscover)
    idw_discovery_set_enabled (self->links.discovery,
        g_value_get_boolean (value));
}

static GstStructure *
stats_locked (GstIdleWatchdog * self)
{
  return idw_report_stats (&self->watch, atomic_load (&self->buffers),
      get_clock (self));
}

static void
gst_idle_watchdog_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->watch.lim.timeout / GST_MSECOND);
      break;
    case PROP_STARTUP_TIMEOUT:
      g_value_set_uint (value, self->watch.lim.startup_timeout / GST_MSECOND);
      break;
    case PROP_SWITCH_TIMEOUT:
      g_value_set_uint (value, self->watch.lim.switch_timeout / GST_MSECOND);
      break;
    case PROP_LISTENER_TIMEOUT:
      g_value_set_uint (value, self->watch.lim.listener_timeout / GST_MSECOND);
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
      g_value_set_uint (value, idw_watch_timeouts (&self->watch));
      break;
    case PROP_IDLE:
      g_value_set_boolean (value, idw_watch_is_idle (&self->watch));
      break;
    case PROP_WATCH_SWITCHES:
      g_value_set_boolean (value, self->watch_switches);
      break;
    case PROP_STATS:
      g_value_take_boxed (value, stats_locked (self));
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

  idw_discovery_stop (self->links.discovery);
  GST_OBJECT_LOCK (self);
  release_clocks_locked (self);
  GST_OBJECT_UNLOCK (self);

  G_OBJECT_CLASS (parent_class)->dispose (object);
}

static void
gst_idle_watchdog_finalize (GObject * object)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (object);

  idw_links_clear (&self->links, GST_ELEMENT (self));
  idw_timer_clear (&self->timer);
  idw_outbox_clear (&self->outbox);
  g_free (self->session_id);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_idle_watchdog_init (GstIdleWatchdog * self)
{
  IdwLimits lim = { DEFAULT_TIMEOUT * GST_MSECOND,
    DEFAULT_STARTUP_TIMEOUT * GST_MSECOND,
    DEFAULT_SWITCH_TIMEOUT * GST_MSECOND,
    DEFAULT_LISTENER_TIMEOUT * GST_MSECOND
  };

  self->sinkpad = gst_pad_new_from_static_template (&sink_template, "sink");
  gst_pad_set_chain_function (self->sinkpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_chain));
  gst_pad_set_chain_list_function (self->sinkpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_chain_list));
  gst_pad_set_event_function (self->sinkpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_sink_event));
  GST_PAD_SET_PROXY_CAPS (self->sinkpad);
  GST_PAD_SET_PROXY_ALLOCATION (self->sinkpad);
  gst_pad_set_query_function (self->sinkpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_query));
  gst_element_add_pad (GST_ELEMENT (self), self->sinkpad);

  self->srcpad = gst_pad_new_from_static_template (&src_template, "src");
  gst_pad_set_event_function (self->srcpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_src_event));
  gst_pad_set_query_function (self->srcpad,
      GST_DEBUG_FUNCPTR (gst_idle_watchdog_query));
  GST_PAD_SET_PROXY_CAPS (self->srcpad);
  GST_PAD_SET_PROXY_ALLOCATION (self->srcpad);
  gst_element_add_pad (GST_ELEMENT (self), self->srcpad);

  idw_watch_init (&self->watch, &lim);
  idw_timer_init (&self->timer, G_OBJECT (self));
  self->action = DEFAULT_ACTION;
  self->session_id = g_strdup (DEFAULT_SESSION_ID);
  self->watch_switches = DEFAULT_WATCH_SWITCHES;
  atomic_init (&self->clock_word, 0);
  atomic_init (&self->pushing, FALSE);
  atomic_init (&self->ended, FALSE);
  idw_outbox_init (&self->outbox, &outbox_funcs);
  idw_links_init (&self->links, GST_ELEMENT (self), &links_funcs, FALSE);
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
   * downstream. FALSE turns the discovery off. It can be changed in NULL
   * and READY only (a change later is refused with a warning).
   */
  properties[PROP_WATCH_SWITCHES] = g_param_spec_boolean ("watch-switches",
      "Watch switches",
      "Watch upstream source switches (listen-to, active-pad, channel, "
      "proxysink) and a downstream num-listeners (NULL or READY only)",
      DEFAULT_WATCH_SWITCHES, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_READY);

  /**
   * GstIdleWatchdog:stats:
   *
   * Counters an operator graphs, since the element last went from READY to
   * PAUSED, in an `application/x-idlewatchdog-stats` structure:
   *
   * * `buffers` (guint64): buffers seen
   * * `timeouts` (guint): timeouts posted, of every reason
   * * `timeouts-startup`, `timeouts-silence`, `timeouts-switch`,
   *   `timeouts-no-listeners`, `timeouts-blocked` (guint): per reason
   * * `resumes` (guint): resumed messages posted
   * * `switches` (guint): upstream switches that restarted the count
   *   (including those a watchdog nearer to the switch reported)
   * * `idle` (gboolean): as #GstIdleWatchdog:idle
   * * `silence` (guint64): nanoseconds of the silence counted now (the
   *   whole episode when idle; 0 when not PLAYING)
   * * `last-timeout-reason` (string): reason of the last timeout, "" if none
   * * `last-timeout-time` (guint64): time of the last timeout on the clock
   *   the element counts on, GST_CLOCK_TIME_NONE if none
   */
  properties[PROP_STATS] = g_param_spec_boxed ("stats", "Statistics",
      "Counters: buffers, timeouts (in all and per reason), resumes, "
      "switches, idle, current silence, last timeout reason and time",
      GST_TYPE_STRUCTURE, ro);

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
