/* gst-idlewatchdog: the seam between a watch and its clock
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One pending single-shot wait per owner, moved only when the time it waits
 * for changes. The callback reaches the owner through a shared, refcounted
 * weak reference, so a wait that fires after the owner is gone does
 * nothing. Callers serialise the calls (the element: its object lock).
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct
{
  GstClockID id;                /* the pending wait, or NULL */
  GstClockTime at;
  GWeakRef *owner;              /* shared with every pending callback */
} IdwTimer;

/* Called on the clock's thread (or the thread that advances a test clock)
 * with a strong reference on the owner, for a wait idw_timer_take() must
 * accept before the owner acts on it */
typedef void (*IdwTimerFunc) (GObject * owner, GstClock * clock,
    GstClockID id);

void idw_timer_init (IdwTimer * t, GObject * owner);
void idw_timer_clear (IdwTimer * t);
void idw_timer_schedule (IdwTimer * t, GstClock * clock, GstClockTime at,
    IdwTimerFunc func);
void idw_timer_cancel (IdwTimer * t);
gboolean idw_timer_take (IdwTimer * t, GstClockID id);

GWeakRef *idw_weak_acquire (GWeakRef * ref);
void idw_weak_release (gpointer ref);
GWeakRef *idw_weak_new (GObject * object);

G_END_DECLS
