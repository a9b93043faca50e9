/* gst-idlewatchdog: the seam between a watch and its clock
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every watch of the process that waits on one clock shares one timer: a
 * min-heap of the watches' wake-up times with a single clock entry, for
 * the earliest of them. GStreamer's system clock keeps every pending wait
 * of the process in one sorted list, walked under one lock on each insert;
 * one entry per watch, re-armed while data flows, made the clock thread's
 * work grow with the square of the number of watches. Here a watch moves
 * within the heap (O(log n), under the clock's timer lock) and the clock
 * entry is replaced only when the earliest time changes.
 *
 * A due wait calls its function on the clock's thread (or the thread that
 * advances a test clock) through a shared, refcounted weak reference, so a
 * wait that fires after its owner is gone does nothing. Callers serialise
 * the calls on one IdwTimer (the element: its object lock), keep the clock
 * alive while a wait is scheduled on it, and cancel (idw_timer_clear)
 * before the IdwTimer's memory goes.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _IdwClockTimer IdwClockTimer;

typedef struct _IdwTimer IdwTimer;

/* Called with a strong reference on the owner, for a wait that
 * idw_timer_take() must accept before the owner acts on it */
typedef void (*IdwTimerFunc) (GObject * owner, GstClock * clock,
    guint64 token);

struct _IdwTimer
{
  /* under the clock timer's lock */
  IdwClockTimer *shared;        /* the clock's timer, while attached */
  GstClockTime at;              /* the time queued for, NONE if not queued */
  guint slot;                   /* its place in the heap, while queued */
  guint64 fired;                /* the token of a wake handed out, or 0 */
  IdwTimerFunc func;
  GWeakRef *owner;              /* shared with every wake handed out */
};

void idw_timer_init (IdwTimer * t, GObject * owner);
void idw_timer_clear (IdwTimer * t);
void idw_timer_schedule (IdwTimer * t, GstClock * clock, GstClockTime at,
    IdwTimerFunc func);
void idw_timer_cancel (IdwTimer * t);
gboolean idw_timer_take (IdwTimer * t, guint64 token);

/* Number of clock entries the clock timer of @clock holds (0 or 1) and
 * of waits queued in it: for tests and benches */
guint idw_timer_queued (GstClock * clock);

/* The clock a watch counts and waits on, given its element's clock
 * (transfer full, NULL for none). A GstSystemClock, and every clock derived
 * from one (audio sinks' clocks, network clocks), waits in real time
 * whatever pace its time keeps: a wait for 500 ms of an audio clock that
 * runs 20,000 times too fast (alsasink device=null) lasts 500 ms, after
 * which the clock says 10,000 s went by. For those the watch counts on the
 * process's system clock, so that a silence is real time and every such
 * watch of the process shares one timer; any other clock (a GstTestClock,
 * a clock of the application's own) is counted on as it is. Transfer
 * full. */
GstClock *idw_clock_for_timing (GstClock * element_clock);

/* The data path's clock read. For the process's monotonic system clock
 * with no calibration (the clock of every pipeline without a clock
 * provider) gst_clock_get_time() is clock_gettime (CLOCK_MONOTONIC)
 * behind a type check, a sequence lock and a scaling: idw_clock_is_plain()
 * says so once per PLAYING run and the data path reads the time directly,
 * the same value for half the cost. */
gboolean idw_clock_is_plain (GstClock * clock);

static inline GstClockTime
idw_clock_now (GstClock * clock, gboolean plain)
{
  if (G_LIKELY (plain)) {
    struct timespec ts;

    clock_gettime (CLOCK_MONOTONIC, &ts);
    return GST_TIMESPEC_TO_TIME (ts);
  }
  return gst_clock_get_time (clock);
}

GWeakRef *idw_weak_acquire (GWeakRef * ref);
void idw_weak_release (gpointer ref);
GWeakRef *idw_weak_new (GObject * object);

G_END_DECLS
