/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>
#include <stdatomic.h>

#include "idlewatchdog-message.h"

G_BEGIN_DECLS

#define GST_TYPE_IDLE_WATCHDOG (gst_idle_watchdog_get_type ())
G_DECLARE_FINAL_TYPE (GstIdleWatchdog, gst_idle_watchdog, GST, IDLE_WATCHDOG,
    GstElement)

#define GST_IDLE_WATCHDOG_CAST(obj) ((GstIdleWatchdog *) (obj))

typedef enum
{
  GST_IDLE_WATCHDOG_PHASE_STARTUP,
  GST_IDLE_WATCHDOG_PHASE_SILENCE,
  GST_IDLE_WATCHDOG_PHASE_SWITCH,
} GstIdleWatchdogPhase;

struct _GstIdleWatchdog
{
  GstElement element;

  GstPad *sinkpad;
  GstPad *srcpad;

  /* Written by the streaming thread without a lock, read by the timer. */
  _Atomic guint64 buffers;      /* buffers seen */
  _Atomic guint64 gaps;         /* GAP events seen */
  _Atomic GstClockTime last_stamp;      /* clock time of the last buffer/GAP */
  _Atomic GstClockTime last_pts;
  _Atomic guint32 media_type;   /* GQuark of the caps' structure name */
  atomic_bool idle;             /* TRUE from a timeout to the next activity */
  /* The clock that stamps and times; set in PAUSED->PLAYING and kept (with
   * every clock it replaced, in retired_clocks) until READY, so the
   * streaming thread may use it without a reference. */
  _Atomic (GstClock *) clock;

  /* Everything below is protected by the object lock. */
  guint timeout;
  guint startup_timeout;
  guint switch_timeout;
  guint listener_timeout;
  GstIdleWatchdogAction action;
  gchar *session_id;

  GSList *retired_clocks;
  GstClockID clock_id;          /* the pending single-shot wait, or NULL */
  GstClockTime clock_id_time;

  gboolean playing;
  gboolean eos;
  gboolean flushing;
  gboolean seen_activity;       /* a GAP or kick before the first PLAYING */
  GstIdleWatchdogPhase phase;
  GstClockTime ref_time;        /* when the current silence started */
  GstClockTime switch_time;     /* when the last switch happened */
  GstClockTime last_check;      /* when the timer last looked */
  gboolean flowing;             /* the last look found activity */
  gboolean fired;               /* timed out: disarmed until activity/switch */
  GstClockTime idle_since;      /* start of the silent episode that fired */
  guint run;                    /* bumped when a PLAYING run ends or starts */
  guint64 flow_at_check;        /* buffers + gaps when ref_time was taken */
  GstClockTime last_kick;
  guint timeouts;
  gchar *switch_element;        /* the last switch, for the timeout message */
  gchar *switch_target;

  /* Switch and listener awareness (idlewatchdog-discovery.c) */
  GWeakRef *weak;               /* shared by every callback, refcounted */
  gboolean watch_switches;
  gboolean discovering;         /* from READY->PAUSED to PAUSED->READY */
  GMutex discover_lock;         /* serialises walks; guards the arrays */
  GPtrArray *switch_watches;
  GPtrArray *link_watches;
  atomic_bool rediscover_pending;
  GstElement *listener_sink;    /* object lock */
  GstClockID listener_id;
  GstClockTime zero_since;      /* first poll that read 0 listeners */
  gboolean listener_polling;    /* a read is under way, the lock dropped */
  GstClockTime listener_idle_since;     /* start of the no-listener episode */
  gboolean listener_idle;
};

/* internal API between the element and its discovery */
GWeakRef * gst_idle_watchdog_weak_acquire (GstIdleWatchdog * self);
void gst_idle_watchdog_weak_release (GWeakRef * ref);
GstMessage * gst_idle_watchdog_switched_locked (GstIdleWatchdog * self,
    const gchar * element, const gchar * property, const gchar * target);
void gst_idle_watchdog_schedule_listener_locked (GstIdleWatchdog * self);
void gst_idle_watchdog_post (GstIdleWatchdog * self, GstMessage * msg);
void gst_idle_watchdog_discover (GstIdleWatchdog * self);
void gst_idle_watchdog_forget (GstIdleWatchdog * self);
gint gst_idle_watchdog_read_listeners (GstElement * sink);

GST_ELEMENT_REGISTER_DECLARE (idlewatchdog);

G_END_DECLS
