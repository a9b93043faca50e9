/* gst-idlewatchdog: the idlewatchdogtracer tracer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:tracer-idlewatchdogtracer
 * @title: idlewatchdogtracer
 *
 * (The tracer is `idlewatchdogtracer`, not `idlewatchdog`: GStreamer keeps
 * elements and tracers in one namespace of feature names, which the
 * element already uses.)
 *
 * Watches every pipeline of an application that was not changed, as if an
 * `idlewatchdog` element stood before each of its sinks:
 *
 * |[
 * GST_TRACERS='idlewatchdogtracer(timeout=2000,startup-timeout=5000,action=error)' ./server
 * ]|
 *
 * The watched elements are the sinks (GST_ELEMENT_FLAG_SINK, bins left
 * out), or, with `factory=` and/or `name=`, the elements of that factory
 * and/or whose name matches that pattern (g_pattern_match_simple()). Each
 * is watched on its first sink pad (as it is at its first READY->PAUSED),
 * with the element's rules (the watch core, idw-watch.c): armed from the
 * moment the element or its bin goes to PLAYING (where an idlewatchdog
 * before it would be PLAYING: a sink waiting for its preroll behind a
 * silent live source stays in PAUSED itself), disarmed in PAUSED, after
 * EOS and during a flush, one timeout per silent episode,
 * `blocked` when the last buffer is still inside the push into the element
 * at the deadline, nothing while the application holds the pipeline
 * PAUSED. The timeout, resumed and switch messages, and the error of
 * `action=error`, are posted from the watched element on its pipeline's
 * bus; `action=eos` sends EOS into the watched element's sink pad (holding
 * no lock) and, until a flush or a new stream, refuses upstream's data with
 * GST_FLOW_EOS through a probe on the pad's peer, as the element refuses it.
 *
 * Switches and listeners: each watch has the element's discovery
 * (idw-discovery.c, wired by idw-links.c as in the element), standing in
 * front of the watched element: switching elements upstream of the watched
 * pad post `idle-watchdog-switch` and start a `switch-timeout` count; the
 * watched element itself, or the nearest element downstream, with a
 * `num-listeners` property is read for `listener-timeout`. An idlewatchdog
 * element met upstream reports the switch and the watch follows it.
 *
 * Parameters: `timeout`, `startup-timeout`, `switch-timeout`,
 * `listener-timeout` (milliseconds), `action` (`message`, `eos`, `error`),
 * `session-id`, `factory`, `name`, `watch-switches`. A bad one gives a
 * warning naming it, and its default is kept.
 *
 * Stats: the action signal `get-stats` (an element, returning its
 * watch's `application/x-idlewatchdog-stats`), and an INFO line with them
 * when a watched element goes from PAUSED to READY. No `kick`: the watched
 * elements have no such signal.
 *
 * Per buffer (pad-push-pre/-post, pad-push-list-pre/-post,
 * pad-pull-range-post) the tracer takes no lock and allocates nothing: the
 * pushed-to pad is looked up by address in a lock-free table of slots that
 * are never freed (a free one is reused), and its slot is stamped as the
 * element stamps its own counters.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdatomic.h>
#include <string.h>

#include "idw-tracer.h"
#include "idlewatchdog-message.h"
#include "idw-links.h"
#include "idw-outbox.h"
#include "idw-report.h"
#include "idw-timer.h"
#include "idw-watch.h"

GST_DEBUG_CATEGORY_STATIC (idw_tracer_debug);
#define GST_CAT_DEFAULT idw_tracer_debug

#define MAX_TIMEOUT_MS (24 * 60 * 60 * 1000)
#define DEFAULT_TIMEOUT 1000
#define DEFAULT_STARTUP_TIMEOUT 0
#define DEFAULT_SWITCH_TIMEOUT 0
#define DEFAULT_LISTENER_TIMEOUT 0
#define DEFAULT_ACTION GST_IDLE_WATCHDOG_ACTION_MESSAGE
#define DEFAULT_WATCH_SWITCHES TRUE

struct _IdwTracer
{
  GstTracer parent;
};

/* The configuration, from the params string; fixed once constructed */
typedef struct
{
  IdwLimits lim;
  GstIdleWatchdogAction action;
  gchar *session_id;
  gchar *factory;
  gchar *name;
  gboolean watch_switches;
} IdwTracerConfig;

static IdwTracerConfig config;
static gboolean active;         /* one tracer instance hooks, the first */

/* ------------------------------------------------------------------------ */
/* Slots: what the data path writes, found without a lock                   */

/* The hot part of a watch. Slots are never freed (a free one is reused),
 * so that a hook racing with the end of a watch writes into memory that
 * stays valid. */
typedef struct
{
  _Atomic (gpointer) key;       /* the watched sink pad, NULL when free;
                                 * compared, never dereferenced */
  _Atomic guint64 buffers;
  _Atomic guint64 gaps;
  _Atomic GstClockTime last_stamp;
  _Atomic GstClockTime last_pts;
  _Atomic guint32 media_type;
  atomic_bool pushing;
  atomic_bool idle;
  /* held by the watch (IdwTraced.clocks) until its element is finalized;
   * bit 0 set for the plain system clock (see idw_clock_is_plain()) */
  _Atomic guintptr clock_word;
  GWeakRef *owner;              /* the element; under table_lock */
} IdwSlot;

/* Open addressing on the pad's address, never more than half full. A
 * table that grows is replaced, and kept: a reader may still probe it. */
typedef struct
{
  guint mask;
  _Atomic (IdwSlot *) slots[];
} IdwTable;

static _Atomic (IdwTable *) table;
static GMutex table_lock;
static guint table_used;        /* non-NULL entries of the current table */
static GSList *old_tables;
static GSList *free_slots;      /* slots that are in no table */

static inline guint
slot_hash (gconstpointer key, guint mask)
{
  guint64 h = ((guint64) (guintptr) key >> 4) * G_GUINT64_CONSTANT
      (0x9E3779B97F4A7C15);

  return (guint) (h >> 32) & mask;
}

/* No lock, no allocation: a few loads */
static inline IdwSlot *
slot_find (gconstpointer key)
{
  IdwTable *t = atomic_load_explicit (&table, memory_order_acquire);
  guint i;
  IdwSlot *s;

  if (t != NULL && key != NULL) {
    for (i = slot_hash (key, t->mask);; i = (i + 1) & t->mask) {
      s = atomic_load_explicit (&t->slots[i], memory_order_acquire);
      if (s == NULL)
        return NULL;
      if (atomic_load_explicit (&s->key, memory_order_relaxed) == key)
        return s;
    }
  }
  return NULL;
}

static void
slot_clear (IdwSlot * s)
{
  atomic_store (&s->buffers, 0);
  atomic_store (&s->gaps, 0);
  atomic_store (&s->last_stamp, 0);
  atomic_store (&s->last_pts, GST_CLOCK_TIME_NONE);
  atomic_store (&s->media_type, 0);
  atomic_store (&s->pushing, FALSE);
  atomic_store (&s->idle, FALSE);
}

/* Puts @s (with its key) where its key hashes to; table_lock held */
static void
table_place (IdwTable * t, IdwSlot * s)
{
  guint i = slot_hash (atomic_load (&s->key), t->mask);

  while (atomic_load (&t->slots[i]) != NULL)
    i = (i + 1) & t->mask;
  atomic_store_explicit (&t->slots[i], s, memory_order_release);
}

static IdwTable *
table_new (guint size)
{
  IdwTable *t = g_malloc0 (sizeof (IdwTable) + size * sizeof (IdwSlot *));

  t->mask = size - 1;
  return t;
}

/* A slot for @key; table_lock held */
static IdwSlot *
slot_claim (gpointer key, GWeakRef * owner)
{
  IdwTable *t = atomic_load (&table);
  IdwSlot *s = NULL;
  guint i;

  /* a free slot on the probe chain of @key keeps the chain short */
  if (t) {
    for (i = slot_hash (key, t->mask);; i = (i + 1) & t->mask) {
      IdwSlot *e = atomic_load (&t->slots[i]);

      if (e == NULL)
        break;
      if (atomic_load (&e->key) == NULL) {
        s = e;
        break;
      }
    }
  }
  if (s == NULL) {
    if (t == NULL || (table_used + 1) * 2 > t->mask + 1) {
      IdwTable *bigger = table_new (t ? (t->mask + 1) * 2 : 64);

      table_used = 0;
      if (t) {
        for (i = 0; i <= t->mask; i++) {
          IdwSlot *e = atomic_load (&t->slots[i]);

          if (e == NULL)
            continue;
          if (atomic_load (&e->key) == NULL) {
            free_slots = g_slist_prepend (free_slots, e);
          } else {
            table_place (bigger, e);
            table_used++;
          }
        }
        old_tables = g_slist_prepend (old_tables, t);
      }
      atomic_store_explicit (&table, bigger, memory_order_release);
      t = bigger;
    }
    if (free_slots) {
      s = free_slots->data;
      free_slots = g_slist_delete_link (free_slots, free_slots);
    } else {
      s = g_new0 (IdwSlot, 1);
    }
    slot_clear (s);
    atomic_store (&s->clock_word, 0);
    atomic_store (&s->key, key);
    table_place (t, s);
    table_used++;
  } else {
    slot_clear (s);
    atomic_store (&s->clock_word, 0);
    atomic_store_explicit (&s->key, key, memory_order_release);
  }
  s->owner = idw_weak_acquire (owner);
  return s;
}

static void
slot_release (IdwSlot * s)
{
  g_mutex_lock (&table_lock);
  atomic_store (&s->key, NULL);
  atomic_store (&s->clock_word, 0);
  g_clear_pointer (&s->owner, idw_weak_release);
  g_mutex_unlock (&table_lock);
}

/* The element watched through @s, if @s still watches @key */
static GstElement *
slot_dup_owner (IdwSlot * s, gpointer key)
{
  GstElement *e = NULL;

  g_mutex_lock (&table_lock);
  if (atomic_load (&s->key) == key && s->owner)
    e = g_weak_ref_get (s->owner);
  g_mutex_unlock (&table_lock);
  return e;
}

/* ------------------------------------------------------------------------ */
/* The watch of one element (qdata on it, freed when it is finalized)       */

typedef struct
{
  GMutex lock;                  /* the outbox's lock is taken under it */
  GstPad *sinkpad;              /* the watched pad (a reference) */
  IdwSlot *slot;
  IdwWatch watch;
  IdwTimer timer;               /* its owner is the element */
  IdwOutbox outbox;
  guint run;                    /* bumped when a PLAYING run ends or starts */
  GSList *clocks;               /* every clock the slot had */
  IdwLinks links;               /* discovery NULL: no switch awareness */
  GstPad *refusing;             /* the peer refusing data after the EOS
                                 * action (a reference), or NULL */
  gulong refuse_id;             /* its probe */
  GstElement *element;          /* not referenced: the qdata's owner */
} IdwTraced;

static GQuark traced_quark;

static GstClock *
slot_clock (IdwSlot * s)
{
  return (GstClock *) (atomic_load_explicit (&s->clock_word,
          memory_order_acquire) & ~(guintptr) 1);
}

static IdwTraced *
traced_of (GstElement * element)
{
  return g_object_get_qdata (G_OBJECT (element), traced_quark);
}

static void on_wake (GObject * owner, GstClock * clock, guint64 token);

static GstClockTime
now_locked (IdwTraced * t)
{
  GstClock *clock = slot_clock (t->slot);

  return clock ? gst_clock_get_time (clock) : 0;
}

static guint64
flow_count (IdwTraced * t)
{
  return atomic_load_explicit (&t->slot->buffers, memory_order_relaxed) +
      atomic_load_explicit (&t->slot->gaps, memory_order_relaxed);
}

static void
reschedule_locked (IdwTraced * t)
{
  idw_timer_schedule (&t->timer, slot_clock (t->slot),
      idw_watch_next_wake (&t->watch), on_wake);
}

static gboolean
same_run (IdwTraced * t, guint run)
{
  gboolean same;

  g_mutex_lock (&t->lock);
  same = t->watch.playing && t->run == run;
  g_mutex_unlock (&t->lock);
  return same;
}

static gboolean
keep_timeout (GstElement * element, const IdwOutgoing * out)
{
  IdwTraced *t = traced_of (element);
  gboolean keep;

  g_mutex_lock (&t->lock);
  keep = t->watch.playing && t->run == out->run;
  if (!keep) {
    GST_DEBUG_OBJECT (element, "dropping a timeout of a run that ended");
    idw_watch_retract (&t->watch, out->reason);
    atomic_store (&t->slot->idle, t->watch.idle);
    reschedule_locked (t);
  }
  g_mutex_unlock (&t->lock);
  return keep;
}

static void
weak_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* On the peer of the watched pad, after the EOS action: data is refused
 * with GST_FLOW_EOS before it reaches the watched pad (whose stream lock
 * the EOS may hold), an EOS or GAP from upstream is dropped (the element
 * had its EOS), a flush or a new stream ends the refusal. */
static GstPadProbeReturn
refuse_after_eos (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstElement *element;
  IdwTraced *t;

  if (info->type & (GST_PAD_PROBE_TYPE_BUFFER |
          GST_PAD_PROBE_TYPE_BUFFER_LIST)) {
    gst_mini_object_unref (GST_PAD_PROBE_INFO_DATA (info));
    GST_PAD_PROBE_INFO_DATA (info) = NULL;
    GST_PAD_PROBE_INFO_FLOW_RETURN (info) = GST_FLOW_EOS;
    return GST_PAD_PROBE_HANDLED;
  }
  switch (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info))) {
    case GST_EVENT_EOS:
    case GST_EVENT_GAP:
      return GST_PAD_PROBE_DROP;
    case GST_EVENT_FLUSH_STOP:
    case GST_EVENT_STREAM_START:
      element = g_weak_ref_get (user_data);
      if (element && (t = traced_of (element))) {
        g_mutex_lock (&t->lock);
        if (t->refuse_id == GST_PAD_PROBE_INFO_ID (info)) {
          t->refuse_id = 0;
          gst_clear_object (&t->refusing);
        }
        g_mutex_unlock (&t->lock);
      }
      gst_clear_object (&element);
      return GST_PAD_PROBE_REMOVE;
    default:
      return GST_PAD_PROBE_OK;
  }
}

static void
refuse_upstream (GstElement * element, IdwTraced * t)
{
  GstPad *peer = gst_pad_get_peer (t->sinkpad);
  GWeakRef *ref;
  gulong id;

  if (peer == NULL)
    return;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, element);
  id = gst_pad_add_probe (peer, GST_PAD_PROBE_TYPE_DATA_DOWNSTREAM,
      refuse_after_eos, ref, weak_free);
  g_mutex_lock (&t->lock);
  if (t->refuse_id == 0) {
    t->refuse_id = id;
    t->refusing = peer;
    peer = NULL;
    id = 0;
  }
  g_mutex_unlock (&t->lock);
  if (id)                       /* one was there already */
    gst_pad_remove_probe (peer, id);
  gst_clear_object (&peer);
}

/* At READY, and when the element goes */
static void
stop_refusing (IdwTraced * t)
{
  GstPad *pad;
  gulong id;

  g_mutex_lock (&t->lock);
  pad = t->refusing;
  id = t->refuse_id;
  t->refusing = NULL;
  t->refuse_id = 0;
  g_mutex_unlock (&t->lock);
  if (pad) {
    gst_pad_remove_probe (pad, id);
    gst_object_unref (pad);
  }
}

static void
send_eos (GstElement * element, gpointer user_data)
{
  IdwTraced *t = traced_of (element);
  gboolean send;

  g_mutex_lock (&t->lock);
  /* not if the run ended or the stream came back meanwhile */
  send = t->watch.playing && t->run == GPOINTER_TO_UINT (user_data) &&
      t->watch.idle;
  if (send) {
    idw_watch_disarm (&t->watch, IDW_DISARM_EOS_ACTION);
    atomic_store (&t->slot->idle, FALSE);
    reschedule_locked (t);
  }
  g_mutex_unlock (&t->lock);
  if (!send)
    return;
  /* As the element's EOS action: the stream is over, upstream's data is
   * refused from now on rather than left waiting for the watched pad's
   * stream lock, which a sink holds while it prerolls on the EOS (the
   * application pausing the pipeline at that moment). The EOS itself is
   * serialised with the data by gst_pad_send_event(), which takes that
   * lock; the tracer holds none around it. */
  refuse_upstream (element, t);
  GST_DEBUG_OBJECT (element, "sending EOS after the timeout");
  gst_pad_send_event (t->sinkpad, gst_event_new_eos ());
}

static void
act (GstElement * element, const IdwOutgoing * out)
{
  if (!same_run (traced_of (element), out->run))
    return;
  switch (out->action) {
    case GST_IDLE_WATCHDOG_ACTION_ERROR:
      idw_report_error (element, out);
      break;
    case GST_IDLE_WATCHDOG_ACTION_EOS:
      gst_element_call_async (element, send_eos,
          GUINT_TO_POINTER (out->run), NULL);
      break;
    case GST_IDLE_WATCHDOG_ACTION_MESSAGE:
      break;
  }
}

static const IdwOutboxFuncs outbox_funcs = { keep_timeout, act };

static gboolean
send_locked (IdwTraced * t, GstMessage * msg, const IdwVerdict * v)
{
  IdwOutgoing *out = g_new0 (IdwOutgoing, 1);

  out->msg = msg;
  if (v) {
    out->timeout = TRUE;
    out->run = t->run;
    out->action = idw_report_action (config.action, v->reason);
    out->reason = v->reason;
    out->silence = v->silence;
    out->limit = v->limit;
  }
  return idw_outbox_push (&t->outbox, out);
}

static gboolean
send_verdict_locked (GstElement * element, IdwTraced * t,
    const IdwVerdict * v)
{
  gboolean must_drain = FALSE;

  if (v->what & IDW_DO_TIMEOUT) {
    IdwReportFlow flow = { 0, };

    flow.buffers = atomic_load (&t->slot->buffers);
    flow.last_pts = atomic_load (&t->slot->last_pts);
    flow.media_type = atomic_load (&t->slot->media_type);
    flow.session_id = config.session_id;
    flow.switch_element = t->links.switch_element;
    flow.switch_target = t->links.switch_target;
    GST_WARNING_OBJECT (element, "timeout (%s): silent for %" GST_TIME_FORMAT
        ", limit %" GST_TIME_FORMAT, gst_idle_watchdog_reason_to_string
        (v->reason), GST_TIME_ARGS (v->silence), GST_TIME_ARGS (v->limit));
    must_drain |= send_locked (t, idw_report_timeout_message (GST_OBJECT
            (element), v, &flow), v);
  }
  if (v->what & IDW_DO_RESUMED) {
    GST_INFO_OBJECT (element, "resumed after %" GST_TIME_FORMAT,
        GST_TIME_ARGS (v->resumed_silence));
    must_drain |= send_locked (t,
        gst_idle_watchdog_message_new_resumed (GST_OBJECT (element),
            v->resumed_silence, config.session_id), NULL);
  }
  return must_drain;
}

static void
drain_async (GstElement * element, gpointer user_data)
{
  idw_outbox_drain (&traced_of (element)->outbox, element, TRUE);
}

/* On the clock's thread: decides, and hands the posts to the pool */
static void
on_wake (GObject * owner, GstClock * clock, guint64 token)
{
  GstElement *element = GST_ELEMENT (owner);
  IdwTraced *t = traced_of (element);
  IdwSample sample;
  IdwVerdict v;
  gboolean must_drain;
  guint run;

  if (t == NULL)
    return;
  sample.app_playing = idw_report_app_playing (GST_OBJECT (element));
  g_mutex_lock (&t->lock);
  if (!idw_timer_take (&t->timer, token)) {
    g_mutex_unlock (&t->lock);
    return;
  }
  sample.flow = flow_count (t);
  sample.last = atomic_load (&t->slot->last_stamp);
  sample.pushing = atomic_load_explicit (&t->slot->pushing,
      memory_order_acquire);
  v = idw_watch_check (&t->watch, gst_clock_get_time (clock), &sample);
  GST_LOG_OBJECT (element, "checked: flowing %d, pushing %d",
      t->watch.flowing, sample.pushing);
  /* the data path's idle flag mirrors the watch */
  atomic_store (&t->slot->idle, t->watch.idle);
  must_drain = send_verdict_locked (element, t, &v);
  reschedule_locked (t);
  run = t->run;
  g_mutex_unlock (&t->lock);
  if (must_drain)
    gst_element_call_async (element, drain_async, NULL, NULL);
  if (v.what & IDW_DO_POLL)
    idw_links_poll (&t->links, element, run);
}

/* What the links (idw-links.c) need of a watch: its lock */
static IdwWatch *
links_lock (GstElement * owner, IdwLinksState * st)
{
  IdwTraced *t = traced_of (owner);

  g_mutex_lock (&t->lock);
  st->now = now_locked (t);
  st->flow = flow_count (t);
  st->run = t->run;
  st->session_id = config.session_id;
  return &t->watch;
}

static void
links_unlock (GstElement * owner)
{
  g_mutex_unlock (&traced_of (owner)->lock);
}

static void
links_reschedule (GstElement * owner)
{
  reschedule_locked (traced_of (owner));
}

static gboolean
links_queue (GstElement * owner, GstMessage * msg, const IdwVerdict * v)
{
  IdwTraced *t = traced_of (owner);

  return msg ? send_locked (t, msg, NULL) : send_verdict_locked (owner, t, v);
}

static void
links_drain (GstElement * owner, gboolean pool)
{
  idw_outbox_drain (&traced_of (owner)->outbox, owner, pool);
}

static const IdwLinksFuncs links_funcs = {
  links_lock, links_unlock, links_reschedule, links_queue, links_drain
};

static void
traced_free (gpointer data)
{
  IdwTraced *t = data;

  /* in the element's finalize: no callback reaches it any more */
  idw_links_clear (&t->links, t->element);
  stop_refusing (t);
  slot_release (t->slot);
  idw_timer_clear (&t->timer);
  idw_outbox_clear (&t->outbox);
  g_slist_free_full (t->clocks, gst_object_unref);
  gst_object_unref (t->sinkpad);
  g_mutex_clear (&t->lock);
  g_free (t);
}

/* The watch of @element, made on its first READY->PAUSED */
static IdwTraced *
traced_ensure (GstElement * element)
{
  IdwTraced *t = traced_of (element);
  GstPad *pad = NULL;

  if (t)
    return t;
  GST_OBJECT_LOCK (element);
  if (element->sinkpads)
    pad = gst_object_ref (element->sinkpads->data);
  GST_OBJECT_UNLOCK (element);
  if (pad == NULL)
    return NULL;                /* nothing flows into it */

  t = g_new0 (IdwTraced, 1);
  g_mutex_init (&t->lock);
  t->sinkpad = pad;
  idw_watch_init (&t->watch, &config.lim);
  idw_timer_init (&t->timer, G_OBJECT (element));
  idw_outbox_init (&t->outbox, &outbox_funcs);
  g_mutex_lock (&table_lock);
  t->slot = slot_claim (pad, t->timer.owner);
  g_mutex_unlock (&table_lock);
  t->element = element;
  g_object_set_qdata_full (G_OBJECT (element), traced_quark, t, traced_free);
  /* as an idlewatchdog before the element would: in front of it. An
   * idlewatchdog element watched itself has its own discovery. */
  if (config.watch_switches && !idw_discovery_exists (element))
    idw_links_init (&t->links, element, &links_funcs, TRUE);
  GST_DEBUG_OBJECT (element, "watching %" GST_PTR_FORMAT "%s", pad,
      t->links.discovery ? ", with its switches and listeners" : "");
  return t;
}

/* ------------------------------------------------------------------------ */
/* The data path: no lock, no allocation, no wake-up                        */

static void
resume (IdwSlot * s, gpointer key, GstClockTime now)
{
  GstElement *element = slot_dup_owner (s, key);
  IdwTraced *t = element ? traced_of (element) : NULL;
  gboolean must_drain = FALSE;
  IdwVerdict v;

  if (t) {
    g_mutex_lock (&t->lock);
    v = idw_watch_activity (&t->watch, now, flow_count (t));
    atomic_store (&s->idle, t->watch.idle);
    must_drain = send_verdict_locked (element, t, &v);
    reschedule_locked (t);
    g_mutex_unlock (&t->lock);
    if (must_drain)
      idw_outbox_drain (&t->outbox, element, FALSE);
  }
  gst_clear_object (&element);
}

static inline void
note_flow (IdwSlot * s, gpointer key)
{
  guintptr word = atomic_load_explicit (&s->clock_word, memory_order_acquire);
  GstClockTime now;

  if (word == 0)
    return;
  now = idw_clock_now ((GstClock *) (word & ~(guintptr) 1), word & 1);
  atomic_store_explicit (&s->last_stamp, now, memory_order_relaxed);
  if (G_UNLIKELY (atomic_load_explicit (&s->idle, memory_order_relaxed)))
    resume (s, key, now);
}

static inline void
note_buffers (IdwSlot * s, gpointer key, guint n, GstClockTime pts)
{
  guint64 b = atomic_load_explicit (&s->buffers, memory_order_relaxed);

  /* one streaming thread pushes into a pad at a time */
  atomic_store_explicit (&s->buffers, b + n, memory_order_relaxed);
  atomic_store_explicit (&s->last_pts, pts, memory_order_relaxed);
  note_flow (s, key);
}

/* The peer is read without its lock, only as a key */
#define PEER_OF(pad) ((gpointer) GST_PAD_PEER (pad))

static void
do_push_buffer_pre (GObject * self, GstClockTime ts, GstPad * pad,
    GstBuffer * buffer)
{
  gpointer key = PEER_OF (pad);
  IdwSlot *s = slot_find (key);

  if (s == NULL)
    return;
  note_buffers (s, key, 1, GST_BUFFER_PTS (buffer));
  atomic_store_explicit (&s->pushing, TRUE, memory_order_release);
}

static void
do_push_list_pre (GObject * self, GstClockTime ts, GstPad * pad,
    GstBufferList * list)
{
  gpointer key = PEER_OF (pad);
  IdwSlot *s = slot_find (key);
  guint n;

  if (s == NULL)
    return;
  n = gst_buffer_list_length (list);
  if (n > 0)
    note_buffers (s, key, n,
        GST_BUFFER_PTS (gst_buffer_list_get (list, n - 1)));
  atomic_store_explicit (&s->pushing, TRUE, memory_order_release);
}

static void
do_push_post (GObject * self, GstClockTime ts, GstPad * pad,
    GstFlowReturn res)
{
  IdwSlot *s = slot_find (PEER_OF (pad));

  if (s)
    atomic_store_explicit (&s->pushing, FALSE, memory_order_relaxed);
}

static void
do_pull_range_post (GObject * self, GstClockTime ts, GstPad * pad,
    GstBuffer * buffer, GstFlowReturn res)
{
  IdwSlot *s = slot_find (pad);

  if (s && res == GST_FLOW_OK && buffer)
    note_buffers (s, pad, 1, GST_BUFFER_PTS (buffer));
}

static void
arm_disarm (IdwSlot * s, gpointer key, gboolean arm, gint how)
{
  GstElement *element = slot_dup_owner (s, key);
  IdwTraced *t = element ? traced_of (element) : NULL;

  if (t) {
    g_mutex_lock (&t->lock);
    if (arm)
      idw_watch_arm (&t->watch, how, now_locked (t), flow_count (t));
    else
      idw_watch_disarm (&t->watch, how);
    reschedule_locked (t);
    g_mutex_unlock (&t->lock);
  }
  gst_clear_object (&element);
}

static void
do_push_event_pre (GObject * self, GstClockTime ts, GstPad * pad,
    GstEvent * event)
{
  gpointer key = PEER_OF (pad);
  IdwSlot *s = slot_find (key);

  if (s == NULL)
    return;
  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_GAP:{
      guint64 g = atomic_load_explicit (&s->gaps, memory_order_relaxed);

      atomic_store_explicit (&s->gaps, g + 1, memory_order_relaxed);
      note_flow (s, key);
      break;
    }
    case GST_EVENT_CAPS:{
      GstCaps *caps;
      GQuark media_type = 0;

      gst_event_parse_caps (event, &caps);
      if (!gst_caps_is_empty (caps) && !gst_caps_is_any (caps))
        media_type =
            gst_structure_get_name_id (gst_caps_get_structure (caps, 0));
      atomic_store (&s->media_type, media_type);
      break;
    }
    case GST_EVENT_EOS:
      arm_disarm (s, key, FALSE, IDW_DISARM_EOS);
      break;
    case GST_EVENT_FLUSH_START:
      arm_disarm (s, key, FALSE, IDW_DISARM_FLUSH_START);
      break;
    case GST_EVENT_FLUSH_STOP:
      arm_disarm (s, key, TRUE, IDW_ARM_FLUSH_STOP);
      break;
    case GST_EVENT_STREAM_START:
      arm_disarm (s, key, TRUE, IDW_ARM_STREAM_START);
      break;
    default:
      break;
  }
}

/* ------------------------------------------------------------------------ */
/* States                                                                   */

static gboolean
selected (GstElement * element)
{
  GstElementFactory *f;

  if (config.factory == NULL && config.name == NULL)
    return GST_OBJECT_FLAG_IS_SET (element, GST_ELEMENT_FLAG_SINK) &&
        !GST_IS_BIN (element);
  if (config.factory) {
    f = gst_element_get_factory (element);
    if (f == NULL || strcmp (GST_OBJECT_NAME (f), config.factory) != 0)
      return FALSE;
  }
  if (config.name) {
    gboolean match;

    GST_OBJECT_LOCK (element);
    match = g_pattern_match_simple (config.name, GST_OBJECT_NAME (element));
    GST_OBJECT_UNLOCK (element);
    if (!match)
      return FALSE;
  }
  return TRUE;
}

static GstStructure *
stats_locked (IdwTraced * t)
{
  return idw_report_stats (&t->watch, atomic_load (&t->slot->buffers),
      slot_clock (t->slot));
}

/* At the end of a watch's stream (PAUSED->READY): its counters, for an
 * operator who reads logs (GST_DEBUG=idlewatchdogtracer:4) */
static void
log_stats_locked (GstElement * element, IdwTraced * t)
{
  GstStructure *s = stats_locked (t);

  GST_INFO_OBJECT (element, "stats: %" GST_PTR_FORMAT, s);
  gst_structure_free (s);
}

/* PAUSED->PLAYING: the clock to count on (idw_clock_for_timing()), kept until
 * the element is finalized (a hook may be stamping with it) */
static void
take_clock_locked (IdwTraced * t, GstClock * clock)
{
  GstClock *old = slot_clock (t->slot);

  if (old == clock) {
    gst_object_unref (clock);
    return;
  }
  if (old)
    idw_watch_rebase (&t->watch, gst_clock_get_time (old),
        gst_clock_get_time (clock));
  if (g_slist_find (t->clocks, clock))
    gst_object_unref (clock);
  else
    t->clocks = g_slist_prepend (t->clocks, clock);
  atomic_store (&t->slot->last_stamp, 0);
  atomic_store_explicit (&t->slot->clock_word,
      (guintptr) clock | (idw_clock_is_plain (clock) ? 1 : 0),
      memory_order_release);
}

/* The watch runs while the element is PLAYING as an idlewatchdog before it
 * would be: from the moment the element or its bin goes to PLAYING (a
 * sink still waiting for its preroll, behind a live source that sends
 * nothing, stays in PAUSED, but the element before it would be PLAYING) */
static void
arm_playing (GstElement * element, IdwTraced * t)
{
  GstClock *clock = gst_element_get_clock (element);
  gboolean armed = FALSE;

  g_mutex_lock (&t->lock);
  if (!t->watch.playing) {
    GST_DEBUG_OBJECT (element, "arming");
    take_clock_locked (t, idw_clock_for_timing (clock));
    idw_watch_arm (&t->watch, IDW_ARM_PLAYING, now_locked (t),
        flow_count (t));
    reschedule_locked (t);
    armed = TRUE;
  } else {
    gst_clear_object (&clock);
  }
  g_mutex_unlock (&t->lock);
  /* walks again, as the element does on PAUSED->PLAYING */
  if (armed && t->links.discovery)
    idw_discovery_revisit (t->links.discovery);
}

static void
disarm_paused (GstElement * element, IdwTraced * t)
{
  g_mutex_lock (&t->lock);
  if (t->watch.playing) {
    GST_DEBUG_OBJECT (element, "disarming");
    t->run++;
    idw_watch_disarm (&t->watch, IDW_DISARM_PAUSED);
    reschedule_locked (t);
  }
  g_mutex_unlock (&t->lock);
}

/* Calls @func on every watched child of @bin */
static void
foreach_watched_child (GstElement * bin,
    void (*func) (GstElement * element, IdwTraced * t))
{
  GList *l, *watched = NULL;

  GST_OBJECT_LOCK (bin);
  for (l = GST_BIN_CHILDREN (bin); l; l = l->next)
    if (traced_of (l->data))
      watched = g_list_prepend (watched, gst_object_ref (l->data));
  GST_OBJECT_UNLOCK (bin);
  for (l = watched; l; l = l->next)
    func (l->data, traced_of (l->data));
  g_list_free_full (watched, gst_object_unref);
}

static void
do_change_state_pre (GObject * self, GstClockTime ts, GstElement * element,
    GstStateChange transition)
{
  IdwTraced *t;

  switch (transition) {
    case GST_STATE_CHANGE_READY_TO_PAUSED:
      if (!selected (element) || !(t = traced_ensure (element)))
        return;
      g_mutex_lock (&t->lock);
      slot_clear (t->slot);
      idw_watch_reset (&t->watch);
      idw_links_reset_locked (&t->links);
      t->run++;
      g_mutex_unlock (&t->lock);
      if (t->links.discovery)
        idw_discovery_start (t->links.discovery);
      break;
    case GST_STATE_CHANGE_PLAYING_TO_PAUSED:
      if (GST_IS_BIN (element))
        foreach_watched_child (element, disarm_paused);
      if ((t = traced_of (element)))
        disarm_paused (element, t);
      break;
    default:
      break;
  }
}

static void
do_change_state_post (GObject * self, GstClockTime ts, GstElement * element,
    GstStateChange transition, GstStateChangeReturn result)
{
  IdwTraced *t = traced_of (element);

  if (result == GST_STATE_CHANGE_FAILURE) {
    if (t && t->links.discovery &&
        transition == GST_STATE_CHANGE_READY_TO_PAUSED)
      idw_discovery_stop (t->links.discovery);
    return;
  }
  switch (transition) {
    case GST_STATE_CHANGE_PAUSED_TO_PLAYING:
      if (GST_IS_BIN (element))
        foreach_watched_child (element, arm_playing);
      if (t)
        arm_playing (element, t);
      break;
    case GST_STATE_CHANGE_PAUSED_TO_READY:
      if (t == NULL)
        break;
      disarm_paused (element, t);
      stop_refusing (t);
      if (t->links.discovery)
        idw_discovery_stop (t->links.discovery);
      g_mutex_lock (&t->lock);
      log_stats_locked (element, t);
      idw_timer_cancel (&t->timer);
      atomic_store (&t->slot->clock_word, 0);
      g_mutex_unlock (&t->lock);
      break;
    default:
      break;
  }
}

/* ------------------------------------------------------------------------ */
/* Parameters                                                               */

static const gchar *const known_params[] = {
  "timeout", "startup-timeout", "switch-timeout", "listener-timeout",
  "action", "session-id", "factory", "name", "watch-switches", NULL
};

static gchar *
value_to_string (const GValue * value)
{
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_dup_string (value);
  return gst_value_serialize (value);
}

/* A number of milliseconds within 0..MAX_TIMEOUT_MS into *@ns */
static void
parse_ms (const gchar * name, const GValue * value, GstClockTime * ns)
{
  gchar *str = value_to_string (value);
  guint64 ms;

  if (str && g_ascii_string_to_unsigned (str, 10, 0, MAX_TIMEOUT_MS, &ms,
          NULL)) {
    *ns = ms * GST_MSECOND;
  } else {
    g_warning ("idlewatchdogtracer: parameter '%s' must be a number of "
        "milliseconds from 0 to %d, not '%s'; keeping %" G_GUINT64_FORMAT,
        name, MAX_TIMEOUT_MS, GST_STR_NULL (str), *ns / GST_MSECOND);
  }
  g_free (str);
}

/* true/false, yes/no, 1/0 into *@b */
static void
parse_bool (const gchar * name, const GValue * value, gboolean * b)
{
  static const gchar *const yes[] = { "true", "yes", "1", NULL };
  static const gchar *const no[] = { "false", "no", "0", NULL };
  gchar *str = value_to_string (value);
  gchar *low = str ? g_ascii_strdown (str, -1) : NULL;

  if (low && g_strv_contains (yes, low))
    *b = TRUE;
  else if (low && g_strv_contains (no, low))
    *b = FALSE;
  else
    g_warning ("idlewatchdogtracer: parameter '%s' must be true or false, "
        "not '%s'; keeping %s", name, GST_STR_NULL (str),
        *b ? "true" : "false");
  g_free (low);
  g_free (str);
}

static gboolean
parse_param (GQuark field, const GValue * value, gpointer user_data)
{
  const gchar *name = g_quark_to_string (field);
  gchar *str;

  if (strcmp (name, "timeout") == 0) {
    parse_ms (name, value, &config.lim.timeout);
  } else if (strcmp (name, "startup-timeout") == 0) {
    parse_ms (name, value, &config.lim.startup_timeout);
  } else if (strcmp (name, "switch-timeout") == 0) {
    parse_ms (name, value, &config.lim.switch_timeout);
  } else if (strcmp (name, "listener-timeout") == 0) {
    parse_ms (name, value, &config.lim.listener_timeout);
  } else if (strcmp (name, "watch-switches") == 0) {
    parse_bool (name, value, &config.watch_switches);
  } else if (strcmp (name, "action") == 0) {
    GEnumClass *klass = g_type_class_ref (GST_TYPE_IDLE_WATCHDOG_ACTION);
    GEnumValue *ev;

    str = value_to_string (value);
    ev = str ? g_enum_get_value_by_nick (klass, str) : NULL;
    if (ev)
      config.action = ev->value;
    else
      g_warning ("idlewatchdogtracer: parameter 'action' must be message, "
          "eos or error, not '%s'; keeping %s", GST_STR_NULL (str),
          g_enum_get_value (klass, config.action)->value_nick);
    g_free (str);
    g_type_class_unref (klass);
  } else if (strcmp (name, "session-id") == 0 ||
      strcmp (name, "factory") == 0 || strcmp (name, "name") == 0) {
    gchar **dest = name[0] == 's' ? &config.session_id :
        name[0] == 'f' ? &config.factory : &config.name;

    str = value_to_string (value);
    if (str == NULL || !g_utf8_validate (str, -1, NULL)) {
      g_warning ("idlewatchdogtracer: parameter '%s' is not a valid "
          "string; ignored", name);
      g_free (str);
    } else {
      g_free (*dest);
      *dest = str;
    }
  } else {
    gchar *known = g_strjoinv (", ", (gchar **) known_params);

    g_warning ("idlewatchdogtracer: unknown parameter '%s' (known: %s); "
        "ignored", name, known);
    g_free (known);
  }
  return TRUE;
}

/* "name=value,..." read plainly, for what GstStructure's syntax refuses
 * (a pattern such as name=video* unquoted): each value taken as written */
static void
parse_plain (const gchar * params)
{
  gchar **items = g_strsplit (params, ",", -1), **item;

  for (item = items; *item; item++) {
    gchar *eq = strchr (*item, '=');
    GValue value = G_VALUE_INIT;
    gchar *key;

    g_strstrip (*item);
    if (**item == '\0')
      continue;
    if (eq == NULL) {
      g_warning ("idlewatchdogtracer: parameter '%s' has no value "
          "(expected name=value); ignored", *item);
      continue;
    }
    *eq = '\0';
    key = g_strstrip (*item);
    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, g_strstrip (eq + 1));
    parse_param (g_quark_from_string (key), &value, NULL);
    g_value_unset (&value);
  }
  g_strfreev (items);
}

static void
parse_params (const gchar * params)
{
  gchar *text;
  GstStructure *s;

  if (params == NULL || *params == '\0')
    return;
  text = g_strdup_printf ("idlewatchdog,%s", params);
  s = gst_structure_from_string (text, NULL);
  if (s == NULL) {
    parse_plain (params);
  } else {
    gst_structure_foreach (s, parse_param, NULL);
    gst_structure_free (s);
  }
  g_free (text);
}

/* ------------------------------------------------------------------------ */

G_DEFINE_TYPE_WITH_CODE (IdwTracer, idw_tracer, GST_TYPE_TRACER,
    GST_DEBUG_CATEGORY_INIT (idw_tracer_debug, "idlewatchdogtracer", 0,
        "idlewatchdog tracer"));

static void
idw_tracer_constructed (GObject * object)
{
  GstTracer *tracer = GST_TRACER (object);
  gchar *params = NULL;

  G_OBJECT_CLASS (idw_tracer_parent_class)->constructed (object);

  if (active) {
    g_warning ("idlewatchdogtracer: enabled twice; only the first one "
        "watches");
    return;
  }
  active = TRUE;
  config.lim.timeout = DEFAULT_TIMEOUT * GST_MSECOND;
  config.lim.startup_timeout = DEFAULT_STARTUP_TIMEOUT * GST_MSECOND;
  config.lim.switch_timeout = DEFAULT_SWITCH_TIMEOUT * GST_MSECOND;
  config.lim.listener_timeout = DEFAULT_LISTENER_TIMEOUT * GST_MSECOND;
  config.action = DEFAULT_ACTION;
  config.watch_switches = DEFAULT_WATCH_SWITCHES;
  g_object_get (object, "params", &params, NULL);
  parse_params (params);
  g_free (params);
  GST_INFO_OBJECT (object, "timeout %" GST_TIME_FORMAT ", startup-timeout %"
      GST_TIME_FORMAT ", switch-timeout %" GST_TIME_FORMAT
      ", listener-timeout %" GST_TIME_FORMAT ", action %d, factory %s, "
      "name %s, watch-switches %d", GST_TIME_ARGS (config.lim.timeout),
      GST_TIME_ARGS (config.lim.startup_timeout),
      GST_TIME_ARGS (config.lim.switch_timeout),
      GST_TIME_ARGS (config.lim.listener_timeout), config.action,
      GST_STR_NULL (config.factory), GST_STR_NULL (config.name),
      config.watch_switches);

  gst_tracing_register_hook (tracer, "pad-push-pre",
      G_CALLBACK (do_push_buffer_pre));
  gst_tracing_register_hook (tracer, "pad-push-post",
      G_CALLBACK (do_push_post));
  gst_tracing_register_hook (tracer, "pad-push-list-pre",
      G_CALLBACK (do_push_list_pre));
  gst_tracing_register_hook (tracer, "pad-push-list-post",
      G_CALLBACK (do_push_post));
  gst_tracing_register_hook (tracer, "pad-pull-range-post",
      G_CALLBACK (do_pull_range_post));
  gst_tracing_register_hook (tracer, "pad-push-event-pre",
      G_CALLBACK (do_push_event_pre));
  gst_tracing_register_hook (tracer, "element-change-state-pre",
      G_CALLBACK (do_change_state_pre));
  gst_tracing_register_hook (tracer, "element-change-state-post",
      G_CALLBACK (do_change_state_post));
}

/* The action signal get-stats: the counters of the watch of @element */
static GstStructure *
idw_tracer_get_stats (IdwTracer * self, GstElement * element)
{
  IdwTraced *t;
  GstStructure *s;

  if (!GST_IS_ELEMENT (element) || !(t = traced_of (element)))
    return NULL;
  g_mutex_lock (&t->lock);
  s = stats_locked (t);
  g_mutex_unlock (&t->lock);
  return s;
}

static void
idw_tracer_class_init (IdwTracerClass * klass)
{
  G_OBJECT_CLASS (klass)->constructed = idw_tracer_constructed;

  /**
   * IdwTracer::get-stats:
   * @tracer: the tracer
   * @element: an element the tracer watches
   *
   * The counters of the watch of @element, in the element's
   * `application/x-idlewatchdog-stats` structure (docs/element.md,
   * Statistics), since it last went from READY to PAUSED. Safe from any
   * thread. The application finds the tracer with
   * gst_tracing_get_active_tracers().
   *
   * Returns: (transfer full) (nullable): the stats, NULL if @element is not
   * watched
   */
  g_signal_new_class_handler ("get-stats", G_TYPE_FROM_CLASS (klass),
      G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION, G_CALLBACK (idw_tracer_get_stats),
      NULL, NULL, NULL, GST_TYPE_STRUCTURE, 1, GST_TYPE_ELEMENT);
  traced_quark = g_quark_from_static_string ("idw-tracer-watch");
}

static void
idw_tracer_init (IdwTracer * self)
{
}
