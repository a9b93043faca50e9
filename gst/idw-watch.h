/* gst-idlewatchdog: the watch core
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The rule "time out when the silence reaches the limit of the phase", in
 * one place: a state machine over GstClockTime arithmetic. It makes no
 * GStreamer call, takes no lock and reads no clock: the caller feeds it
 * events stamped with the time of its clock (idw_watch_rebase() when that
 * clock is replaced) and serialises the calls (the
 * element does so under its object lock), then carries out the verdicts
 * (post a message, read a listener count) and waits until
 * idw_watch_next_wake(). The element and the tracer share it.
 */
#pragma once

#include <gst/gst.h>

#include "idlewatchdog-message.h"

G_BEGIN_DECLS

typedef enum
{
  IDW_PHASE_STARTUP,            /* armed, no activity yet */
  IDW_PHASE_SILENCE,            /* data has flowed */
  IDW_PHASE_SWITCH,             /* since an upstream switch */
} IdwPhase;

/* The limits, in nanoseconds */
typedef struct
{
  GstClockTime timeout;         /* 0: no startup, silence or switch watch */
  GstClockTime startup_timeout; /* 0: timeout */
  GstClockTime switch_timeout;  /* 0: timeout */
  GstClockTime listener_timeout;        /* 0: no listener watch */
} IdwLimits;

/* What the data path shows when the watch looks (idw_watch_check()) */
typedef struct
{
  guint64 flow;                 /* buffers and GAPs seen so far */
  GstClockTime last;            /* when the last of them came, 0 if unknown */
  gboolean pushing;             /* the last buffer is still inside the push */
  gboolean app_playing;         /* the top-level bin's target is PLAYING */
} IdwSample;

typedef enum
{
  IDW_DO_NOTHING = 0,
  IDW_DO_TIMEOUT = 1 << 0,      /* post a timeout (reason, silence, limit) */
  IDW_DO_RESUMED = 1 << 1,      /* post resumed (resumed_silence) */
  IDW_DO_POLL = 1 << 2,         /* read the listener count, then
                                 * idw_watch_listeners() */
} IdwDo;

typedef struct
{
  IdwDo what;
  GstIdleWatchdogReason reason;
  GstClockTime silence;         /* of the timeout */
  GstClockTime limit;           /* of the timeout */
  gboolean after_switch;        /* the timeout ends a switch phase */
  GstClockTime resumed_silence; /* the whole episode */
} IdwVerdict;

#define IDW_N_REASONS (GST_IDLE_WATCHDOG_REASON_BLOCKED + 1)

typedef struct
{
  IdwLimits lim;
  gint64 offset;                /* timeline = clock time + offset */

  /* armed while playing && !eos && !flushing */
  gboolean playing;
  gboolean eos;
  gboolean flushing;

  /* the silence watch */
  IdwPhase phase;
  gboolean seen;                /* activity since the last reset */
  gboolean held;                /* due while the application had it PAUSED */
  GstClockTime ref;             /* when the silence counted started */
  GstClockTime switch_at;
  GstClockTime last_check;
  GstClockTime last_kick;
  guint64 flow_at_check;
  gboolean flowing;             /* the last look found activity */
  gboolean fired;               /* timed out: no other until activity/switch */
  gboolean idle;                /* timed out: resumed at the next activity */
  GstClockTime idle_since;

  /* the listener watch */
  gboolean have_listener;
  gboolean polling;             /* a read is under way */
  GstClockTime next_poll;
  GstClockTime zero_since;      /* first read of zero, or NONE */
  gboolean listener_idle;
  GstClockTime listener_idle_since;

  /* counters, since the last reset */
  guint timeouts[IDW_N_REASONS];
  guint resumes;
  guint switches;
  gboolean have_last_timeout;
  GstIdleWatchdogReason last_reason;
  GstClockTime last_timeout_at;
} IdwWatch;

typedef enum
{
  IDW_ARM_PLAYING,              /* entering PLAYING */
  IDW_ARM_FLUSH_STOP,           /* after a flush: a startup phase */
  IDW_ARM_STREAM_START,         /* a new stream after EOS */
} IdwArm;

typedef enum
{
  IDW_DISARM_PAUSED,
  IDW_DISARM_EOS,               /* EOS from upstream */
  IDW_DISARM_EOS_ACTION,        /* the EOS that ends a timed-out stream */
  IDW_DISARM_FLUSH_START,
} IdwDisarm;

void idw_watch_init (IdwWatch * w, const IdwLimits * lim);
void idw_watch_reset (IdwWatch * w);
void idw_watch_set_limits (IdwWatch * w, const IdwLimits * lim,
    GstClockTime now);
void idw_watch_arm (IdwWatch * w, IdwArm how, GstClockTime now, guint64 flow);
void idw_watch_disarm (IdwWatch * w, IdwDisarm why);
IdwVerdict idw_watch_activity (IdwWatch * w, GstClockTime now, guint64 flow);
IdwVerdict idw_watch_kick (IdwWatch * w, GstClockTime now, guint64 flow);
void idw_watch_switch (IdwWatch * w, GstClockTime now, guint64 flow);
void idw_watch_set_listener (IdwWatch * w, gboolean have, GstClockTime now);
IdwVerdict idw_watch_check (IdwWatch * w, GstClockTime now,
    const IdwSample * sample);
IdwVerdict idw_watch_listeners (IdwWatch * w, gint n, GstClockTime now);
void idw_watch_rebase (IdwWatch * w, GstClockTime old_now,
    GstClockTime new_now);
void idw_watch_retract (IdwWatch * w, GstIdleWatchdogReason reason);

GstClockTime idw_watch_next_wake (const IdwWatch * w);
gboolean idw_watch_armed (const IdwWatch * w);
gboolean idw_watch_is_idle (const IdwWatch * w);
guint idw_watch_timeouts (const IdwWatch * w);
GstClockTime idw_watch_current_silence (const IdwWatch * w,
    GstClockTime now);
GstClockTime idw_watch_last_timeout_time (const IdwWatch * w);

G_END_DECLS
