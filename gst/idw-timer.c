/* gst-idlewatchdog: the seam between a watch and its clock
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "idw-timer.h"

#include <string.h>

GWeakRef *
idw_weak_new (GObject * object)
{
  GWeakRef *ref = g_atomic_rc_box_new0 (GWeakRef);

  g_weak_ref_init (ref, object);
  return ref;
}

GWeakRef *
idw_weak_acquire (GWeakRef * ref)
{
  return g_atomic_rc_box_acquire (ref);
}

void
idw_weak_release (gpointer ref)
{
  g_atomic_rc_box_release_full (ref, (GDestroyNotify) g_weak_ref_clear);
}

/* ------------------------------------------------------------------------ */
/* One timer per clock, kept as the clock's qdata (it goes with the clock)  */

struct _IdwClockTimer
{
  GstClock *clock;              /* not a reference: the timer is its qdata */
  GMutex lock;
  IdwTimer **heap;              /* min-heap on ->at */
  guint len, size;
  GstClockID id;                /* the one clock entry, or NULL */
  GstClockTime id_at;
  guint64 serial;               /* the last token handed out */
};

static GQuark clock_timer_quark;
static GMutex registry_lock;    /* creating a clock's timer */

static void
clock_timer_free (gpointer data)
{
  IdwClockTimer *ct = data;

  /* every attached IdwTimer holds a reference on the clock: none is left */
  g_warn_if_fail (ct->len == 0);
  if (ct->id) {
    gst_clock_id_unschedule (ct->id);
    gst_clock_id_unref (ct->id);
  }
  g_free (ct->heap);
  g_mutex_clear (&ct->lock);
  g_free (ct);
}

static IdwClockTimer *
clock_timer_get (GstClock * clock)
{
  IdwClockTimer *ct;

  g_mutex_lock (&registry_lock);
  if (clock_timer_quark == 0)
    clock_timer_quark = g_quark_from_static_string ("idw-clock-timer");
  ct = g_object_get_qdata (G_OBJECT (clock), clock_timer_quark);
  if (ct == NULL) {
    ct = g_new0 (IdwClockTimer, 1);
    ct->clock = clock;
    g_mutex_init (&ct->lock);
    ct->id_at = GST_CLOCK_TIME_NONE;
    g_object_set_qdata_full (G_OBJECT (clock), clock_timer_quark, ct,
        clock_timer_free);
  }
  g_mutex_unlock (&registry_lock);
  return ct;
}

static void
heap_set (IdwClockTimer * ct, guint i, IdwTimer * t)
{
  ct->heap[i] = t;
  t->slot = i;
}

static void
sift_up (IdwClockTimer * ct, guint i)
{
  IdwTimer *t = ct->heap[i];

  while (i > 0) {
    guint parent = (i - 1) / 2;

    if (ct->heap[parent]->at <= t->at)
      break;
    heap_set (ct, i, ct->heap[parent]);
    i = parent;
  }
  heap_set (ct, i, t);
}

static void
sift_down (IdwClockTimer * ct, guint i)
{
  IdwTimer *t = ct->heap[i];

  for (;;) {
    guint child = 2 * i + 1;

    if (child >= ct->len)
      break;
    if (child + 1 < ct->len && ct->heap[child + 1]->at < ct->heap[child]->at)
      child++;
    if (t->at <= ct->heap[child]->at)
      break;
    heap_set (ct, i, ct->heap[child]);
    i = child;
  }
  heap_set (ct, i, t);
}

static void
heap_remove (IdwClockTimer * ct, IdwTimer * t)
{
  guint i = t->slot;
  IdwTimer *last = ct->heap[--ct->len];

  t->at = GST_CLOCK_TIME_NONE;
  if (last == t)
    return;
  heap_set (ct, i, last);
  sift_up (ct, i);
  sift_down (ct, last->slot);
}

static void
heap_insert (IdwClockTimer * ct, IdwTimer * t, GstClockTime at)
{
  if (ct->len == ct->size) {
    ct->size = MAX (16, ct->size * 2);
    ct->heap = g_renew (IdwTimer *, ct->heap, ct->size);
  }
  t->at = at;
  heap_set (ct, ct->len++, t);
  sift_up (ct, t->slot);
}

static gboolean on_clock_wake (GstClock * clock, GstClockTime time,
    GstClockID id, gpointer user_data);

/* Points the clock entry at the earliest queued time */
static void
rearm_locked (IdwClockTimer * ct)
{
  GstClockTime at = ct->len ? ct->heap[0]->at : GST_CLOCK_TIME_NONE;

  if (ct->id && ct->id_at == at)
    return;
  if (ct->id) {
    gst_clock_id_unschedule (ct->id);
    gst_clock_id_unref (ct->id);
    ct->id = NULL;
  }
  ct->id_at = GST_CLOCK_TIME_NONE;
  if (!GST_CLOCK_TIME_IS_VALID (at))
    return;
  ct->id = gst_clock_new_single_shot_id (ct->clock, at);
  if (gst_clock_id_wait_async (ct->id, on_clock_wake, ct, NULL) !=
      GST_CLOCK_OK) {
    GST_WARNING_OBJECT (ct->clock, "could not schedule a wait");
    gst_clock_id_unref (ct->id);
    ct->id = NULL;
    return;
  }
  ct->id_at = at;
}

typedef struct
{
  GWeakRef *owner;
  IdwTimerFunc func;
  guint64 token;
} Due;

/* On the clock's thread: hands every due wait to its owner, in time order,
 * with the lock released */
static gboolean
on_clock_wake (GstClock * clock, GstClockTime time, GstClockID id,
    gpointer user_data)
{
  IdwClockTimer *ct = user_data;
  Due stack[64], *due = stack;
  guint n = 0, size = G_N_ELEMENTS (stack), i;
  GstClockTime now;

  g_mutex_lock (&ct->lock);
  if (id != ct->id) {
    g_mutex_unlock (&ct->lock);         /* replaced while it fired */
    return TRUE;
  }
  gst_clock_id_unref (ct->id);
  ct->id = NULL;
  ct->id_at = GST_CLOCK_TIME_NONE;
  now = MAX (time, gst_clock_get_time (clock));
  while (ct->len > 0 && ct->heap[0]->at <= now) {
    IdwTimer *t = ct->heap[0];

    heap_remove (ct, t);
    t->fired = ++ct->serial;
    if (n == size) {
      size *= 2;
      due = due == stack ? g_memdup2 (stack, sizeof stack) : due;
      due = g_renew (Due, due, size);
    }
    due[n].owner = idw_weak_acquire (t->owner);
    due[n].func = t->func;
    due[n].token = t->fired;
    n++;
  }
  rearm_locked (ct);
  g_mutex_unlock (&ct->lock);

  for (i = 0; i < n; i++) {
    GObject *owner = g_weak_ref_get (due[i].owner);

    if (owner) {
      due[i].func (owner, clock, due[i].token);
      g_object_unref (owner);
    }
    idw_weak_release (due[i].owner);
  }
  if (due != stack)
    g_free (due);
  return TRUE;
}

/* ------------------------------------------------------------------------ */

void
idw_timer_init (IdwTimer * t, GObject * owner)
{
  memset (t, 0, sizeof *t);
  t->at = GST_CLOCK_TIME_NONE;
  t->owner = idw_weak_new (owner);
}

void
idw_timer_clear (IdwTimer * t)
{
  idw_timer_cancel (t);
  g_clear_pointer (&t->owner, idw_weak_release);
}

/* Detaches from the clock's timer; returns the clock to unref once no
 * lock is held (it may be the last reference) */
static GstClock *
detach (IdwTimer * t)
{
  IdwClockTimer *ct = t->shared;

  if (ct == NULL)
    return NULL;
  g_mutex_lock (&ct->lock);
  if (GST_CLOCK_TIME_IS_VALID (t->at)) {
    heap_remove (ct, t);
    rearm_locked (ct);
  }
  t->fired = 0;
  t->shared = NULL;
  g_mutex_unlock (&ct->lock);
  return ct->clock;
}

void
idw_timer_cancel (IdwTimer * t)
{
  GstClock *clock = detach (t);

  if (clock)
    gst_object_unref (clock);
}

/* Waits for @at on @clock; NONE (or no clock) cancels */
void
idw_timer_schedule (IdwTimer * t, GstClock * clock, GstClockTime at,
    IdwTimerFunc func)
{
  IdwClockTimer *ct;

  if (clock == NULL || !GST_CLOCK_TIME_IS_VALID (at)) {
    idw_timer_cancel (t);
    return;
  }
  if (t->shared == NULL || t->shared->clock != clock) {
    idw_timer_cancel (t);
    t->shared = clock_timer_get (clock);
    gst_object_ref (clock);     /* dropped by detach() */
  }
  ct = t->shared;
  g_mutex_lock (&ct->lock);
  t->func = func;
  t->fired = 0;                 /* a wake handed out is now stale */
  if (t->at != at) {
    if (GST_CLOCK_TIME_IS_VALID (t->at))
      heap_remove (ct, t);
    heap_insert (ct, t, at);
    rearm_locked (ct);
  }
  g_mutex_unlock (&ct->lock);
}

/* TRUE if @token is the wake handed out for the last schedule, which is
 * then used up */
gboolean
idw_timer_take (IdwTimer * t, guint64 token)
{
  IdwClockTimer *ct = t->shared;
  gboolean taken;

  if (ct == NULL || token == 0)
    return FALSE;
  g_mutex_lock (&ct->lock);
  taken = t->fired == token;
  if (taken)
    t->fired = 0;
  g_mutex_unlock (&ct->lock);
  return taken;
}

guint
idw_timer_queued (GstClock * clock)
{
  IdwClockTimer *ct;
  guint n;

  g_mutex_lock (&registry_lock);
  ct = clock_timer_quark ?
      g_object_get_qdata (G_OBJECT (clock), clock_timer_quark) : NULL;
  g_mutex_unlock (&registry_lock);
  if (ct == NULL)
    return 0;
  g_mutex_lock (&ct->lock);
  n = ct->len;
  g_mutex_unlock (&ct->lock);
  return n;
}

gboolean
idw_clock_is_plain (GstClock * clock)
{
  GstClockType type = GST_CLOCK_TYPE_REALTIME;
  GstClockTime internal, external, num, denom;
  GstClock *master;

  if (clock == NULL || G_OBJECT_TYPE (clock) != GST_TYPE_SYSTEM_CLOCK)
    return FALSE;
  g_object_get (clock, "clock-type", &type, NULL);
  if (type != GST_CLOCK_TYPE_MONOTONIC)
    return FALSE;
  master = gst_clock_get_master (clock);
  if (master) {
    gst_object_unref (master);
    return FALSE;
  }
  gst_clock_get_calibration (clock, &internal, &external, &num, &denom);
  return internal == external && num == denom;
}

GstClock *
idw_clock_for_timing (GstClock * element_clock)
{
  GstClock *system = gst_system_clock_obtain ();

  if (element_clock == NULL || GST_IS_SYSTEM_CLOCK (element_clock)) {
    gst_clear_object (&element_clock);
    return system;
  }
  gst_object_unref (system);
  return element_clock;
}
