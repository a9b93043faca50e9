/* gst-idlewatchdog: the seam between a watch and its clock
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "idw-timer.h"

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

typedef struct
{
  GWeakRef *owner;
  IdwTimerFunc func;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  idw_weak_release (p->owner);
  g_free (p);
}

static gboolean
on_wait_done (GstClock * clock, GstClockTime time, GstClockID id,
    gpointer user_data)
{
  Pending *p = user_data;
  GObject *owner = g_weak_ref_get (p->owner);

  if (owner) {
    p->func (owner, clock, id);
    g_object_unref (owner);
  }
  return TRUE;
}

void
idw_timer_init (IdwTimer * t, GObject * owner)
{
  t->id = NULL;
  t->at = GST_CLOCK_TIME_NONE;
  t->owner = idw_weak_new (owner);
}

void
idw_timer_clear (IdwTimer * t)
{
  idw_timer_cancel (t);
  g_clear_pointer (&t->owner, idw_weak_release);
}

void
idw_timer_cancel (IdwTimer * t)
{
  if (t->id) {
    gst_clock_id_unschedule (t->id);
    gst_clock_id_unref (t->id);
    t->id = NULL;
  }
  t->at = GST_CLOCK_TIME_NONE;
}

/* Waits for @at on @clock, unless a wait for that time is already pending;
 * NONE cancels */
void
idw_timer_schedule (IdwTimer * t, GstClock * clock, GstClockTime at,
    IdwTimerFunc func)
{
  Pending *p;

  if (clock == NULL || !GST_CLOCK_TIME_IS_VALID (at)) {
    idw_timer_cancel (t);
    return;
  }
  if (t->id && t->at == at && gst_clock_id_uses_clock (t->id, clock))
    return;
  idw_timer_cancel (t);
  p = g_new (Pending, 1);
  p->owner = idw_weak_acquire (t->owner);
  p->func = func;
  t->id = gst_clock_new_single_shot_id (clock, at);
  if (gst_clock_id_wait_async (t->id, on_wait_done, p, pending_free) !=
      GST_CLOCK_OK) {
    GST_WARNING_OBJECT (clock, "could not schedule a wait");
    gst_clock_id_unref (t->id);
    t->id = NULL;
    return;
  }
  t->at = at;
}

/* TRUE if @id is the pending wait, which it then is no longer */
gboolean
idw_timer_take (IdwTimer * t, GstClockID id)
{
  if (t->id == NULL || id != t->id)
    return FALSE;
  gst_clock_id_unref (t->id);
  t->id = NULL;
  t->at = GST_CLOCK_TIME_NONE;
  return TRUE;
}
