/* gst-idlewatchdog: the watch core
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two watches share the core:
 *
 * - the silence watch: a count starts when the watch is armed, after a
 *   switch and after each resumed episode; activity moves its start
 *   forward. It times out when now - start reaches the limit of the phase
 *   (startup, silence or switch), once per episode. The switch phase ends
 *   once data has flowed for `timeout` since the switch, so that buffers
 *   already on their way when the switch happened do not end it.
 * - the listener watch: the listener count is read every listener-timeout
 *   / 4 (within 10-250 ms); zero from the first read of zero for
 *   listener-timeout is a timeout, a count above zero after it a resume.
 *
 * idw_watch_next_wake() merges the deadline, the re-check grid and the
 * next poll into the one time the caller waits for.
 */
#include <string.h>

#include "idw-watch.h"

#define MS GST_MSECOND

/* The watch counts on its own timeline: the clock's time plus an offset
 * that idw_watch_rebase() sets when the clock is replaced, so that the
 * timeline goes on where it was and every time counted on the old clock
 * keeps its meaning. Clock time in, timeline inside, clock time out. */
static GstClockTime
tin (const IdwWatch * w, GstClockTime t)
{
  gint64 v;

  if (!GST_CLOCK_TIME_IS_VALID (t))
    return t;
  v = (gint64) t + w->offset;
  return v > 0 ? (GstClockTime) v : 0;
}

static GstClockTime
tout (const IdwWatch * w, GstClockTime t)
{
  gint64 v;

  if (!GST_CLOCK_TIME_IS_VALID (t))
    return t;
  v = (gint64) t - w->offset;
  return v > 0 ? (GstClockTime) v : 0;
}

static GstClockTime
since (GstClockTime now, GstClockTime then)
{
  return now > then ? now - then : 0;
}

static GstClockTime
poll_interval (const IdwWatch * w)
{
  return CLAMP (w->lim.listener_timeout / 4, 10 * MS, 250 * MS);
}

/* The limit of the current phase; 0 when the silence watch is off */
static GstClockTime
phase_limit (const IdwWatch * w)
{
  GstClockTime l = 0;

  if (w->lim.timeout == 0)
    return 0;
  switch (w->phase) {
    case IDW_PHASE_STARTUP:
      l = w->lim.startup_timeout;
      break;
    case IDW_PHASE_SWITCH:
      l = w->lim.switch_timeout;
      break;
    case IDW_PHASE_SILENCE:
      break;
  }
  return l ? l : w->lim.timeout;
}

static GstIdleWatchdogReason
phase_reason (IdwPhase phase)
{
  switch (phase) {
    case IDW_PHASE_STARTUP:
      return GST_IDLE_WATCHDOG_REASON_STARTUP;
    case IDW_PHASE_SWITCH:
      return GST_IDLE_WATCHDOG_REASON_SWITCH;
    case IDW_PHASE_SILENCE:
    default:
      return GST_IDLE_WATCHDOG_REASON_SILENCE;
  }
}

gboolean
idw_watch_armed (const IdwWatch * w)
{
  return w->playing && !w->eos && !w->flushing;
}

static gboolean
listening (const IdwWatch * w)
{
  return idw_watch_armed (w) && w->have_listener &&
      w->lim.listener_timeout > 0;
}

void
idw_watch_init (IdwWatch * w, const IdwLimits * lim)
{
  memset (w, 0, sizeof (*w));
  w->lim = *lim;
  idw_watch_reset (w);
}

void
idw_watch_reset (IdwWatch * w)
{
  IdwLimits lim = w->lim;
  gboolean have_listener = w->have_listener;

  memset (w, 0, sizeof (*w));
  w->lim = lim;
  w->have_listener = have_listener;
  w->phase = IDW_PHASE_STARTUP;
  w->next_poll = GST_CLOCK_TIME_NONE;
  w->zero_since = GST_CLOCK_TIME_NONE;
}

/* A new count of the listener watch: the first read one interval away */
static void
restart_polls (IdwWatch * w, GstClockTime now)
{
  w->zero_since = GST_CLOCK_TIME_NONE;
  w->next_poll = now + poll_interval (w);
}

void
idw_watch_set_limits (IdwWatch * w, const IdwLimits * lim, GstClockTime now)
{
  GstClockTime old_listener = w->lim.listener_timeout;

  now = tin (w, now);
  /* the silence already counted stays counted: the next wake applies the
   * new limit to it */
  w->lim = *lim;
  if (lim->listener_timeout == old_listener)
    return;
  if (old_listener == 0) {
    restart_polls (w, now);
  } else if (lim->listener_timeout == 0) {
    w->next_poll = GST_CLOCK_TIME_NONE;
    w->zero_since = GST_CLOCK_TIME_NONE;
  } else if (!w->polling) {
    /* a shorter interval applies from now; zero_since stays */
    w->next_poll = MIN (w->next_poll, now + poll_interval (w));
  }
}

/* A new count from @now in the phase the state calls for */
static void
restart (IdwWatch * w, GstClockTime now, guint64 flow)
{
  w->ref = w->last_check = now;
  w->flowing = FALSE;
  w->held = FALSE;
  w->flow_at_check = flow;
}

void
idw_watch_arm (IdwWatch * w, IdwArm how, GstClockTime now, guint64 flow)
{
  now = tin (w, now);
  switch (how) {
    case IDW_ARM_PLAYING:
      w->playing = TRUE;
      break;
    case IDW_ARM_FLUSH_STOP:
      w->flushing = FALSE;
      w->eos = FALSE;
      break;
    case IDW_ARM_STREAM_START:
      if (!w->eos)
        return;
      w->eos = FALSE;
      break;
  }
  restart (w, now, flow);
  /* a timed-out episode goes on through PAUSED; an ended stream (the EOS
   * action cleared idle) starts afresh */
  if (!w->idle)
    w->fired = FALSE;
  if (how == IDW_ARM_FLUSH_STOP)
    w->phase = IDW_PHASE_STARTUP;       /* waiting for the re-preroll */
  else if (w->phase == IDW_PHASE_SWITCH)
    w->switch_at = now;         /* the switch phase goes on, from now */
  else
    w->phase = (w->seen || flow > 0) ? IDW_PHASE_SILENCE : IDW_PHASE_STARTUP;
  /* PAUSED, EOS or a flush do not count as zero listeners */
  if (w->lim.listener_timeout > 0)
    restart_polls (w, now);
}

void
idw_watch_disarm (IdwWatch * w, IdwDisarm why)
{
  switch (why) {
    case IDW_DISARM_PAUSED:
      w->playing = FALSE;
      break;
    case IDW_DISARM_EOS:
      w->eos = TRUE;
      break;
    case IDW_DISARM_EOS_ACTION:
      /* the stream is over: there is nothing left to resume */
      w->eos = TRUE;
      w->idle = FALSE;
      break;
    case IDW_DISARM_FLUSH_START:
      w->flushing = TRUE;
      break;
  }
  w->polling = FALSE;
  w->held = FALSE;
}

static IdwVerdict
activity (IdwWatch * w, GstClockTime now, guint64 flow)
{
  IdwVerdict v = { IDW_DO_NOTHING, };

  w->seen = TRUE;
  if (!w->idle || w->eos)
    return v;
  v.what = IDW_DO_RESUMED;
  v.resumed_silence = since (now, w->idle_since);
  w->idle = FALSE;
  w->fired = FALSE;
  w->resumes++;
  restart (w, now, flow);
  w->phase = IDW_PHASE_SILENCE;
  return v;
}

IdwVerdict
idw_watch_activity (IdwWatch * w, GstClockTime now, guint64 flow)
{
  return activity (w, tin (w, now), flow);
}

IdwVerdict
idw_watch_kick (IdwWatch * w, GstClockTime now, guint64 flow)
{
  now = tin (w, now);
  w->last_kick = MAX (w->last_kick, now);
  return activity (w, now, flow);
}

void
idw_watch_switch (IdwWatch * w, GstClockTime now, guint64 flow)
{
  now = tin (w, now);
  /* a new count, in the same idle episode if one is going on: the resumed
   * message still comes with the first activity */
  w->fired = FALSE;
  w->phase = IDW_PHASE_SWITCH;
  w->switch_at = now;
  w->switches++;
  restart (w, now, flow);
}

void
idw_watch_set_listener (IdwWatch * w, gboolean have, GstClockTime now)
{
  now = tin (w, now);
  if (have == w->have_listener)
    return;
  w->have_listener = have;
  w->listener_idle = FALSE;
  w->polling = FALSE;
  restart_polls (w, now);
}

/* Moves the start of the silence to the last activity seen since it was
 * taken, if any; TRUE if there was some */
static gboolean
catch_up (IdwWatch * w, GstClockTime now, const IdwSample * s)
{
  GstClockTime last = MAX (tin (w, s->last), w->last_kick);

  /* a stamp from a clock that was since replaced may lie ahead */
  last = MIN (last, now);
  if (s->flow == w->flow_at_check && last <= w->ref)
    return FALSE;
  w->seen = TRUE;
  w->held = FALSE;
  w->flow_at_check = s->flow;
  w->ref = MAX (w->ref, last);
  if (w->phase != IDW_PHASE_SWITCH ||
      w->ref >= w->switch_at + w->lim.timeout)
    w->phase = IDW_PHASE_SILENCE;
  return TRUE;
}

static void
count_timeout (IdwWatch * w, IdwVerdict * v, GstIdleWatchdogReason reason,
    GstClockTime silence, GstClockTime limit, GstClockTime now)
{
  v->what |= IDW_DO_TIMEOUT;
  v->reason = reason;
  v->silence = silence;
  v->limit = limit;
  w->timeouts[reason]++;
  w->have_last_timeout = TRUE;
  w->last_reason = reason;
  w->last_timeout_at = now;
}

IdwVerdict
idw_watch_check (IdwWatch * w, GstClockTime now, const IdwSample * s)
{
  IdwVerdict v = { IDW_DO_NOTHING, };
  GstClockTime limit;

  if (!idw_watch_armed (w))
    return v;
  now = tin (w, now);

  if (w->held && s->app_playing) {
    /* the application resumed the pipeline: count from now */
    restart (w, now, s->flow);
  }
  w->flowing = catch_up (w, now, s);
  w->last_check = now;
  limit = phase_limit (w);
  if (limit > 0 && !w->fired && now >= w->ref + limit) {
    if (!s->app_playing) {
      /* PAUSED as the application sees it (a bin that lost its state in a
       * flushing seek leaves its children PLAYING): never fires */
      w->held = TRUE;
    } else {
      count_timeout (w, &v, s->pushing ? GST_IDLE_WATCHDOG_REASON_BLOCKED :
          phase_reason (w->phase), now - w->ref, limit, now);
      v.after_switch = w->phase == IDW_PHASE_SWITCH;
      if (!w->idle)
        w->idle_since = w->ref;
      w->idle = TRUE;
      w->fired = TRUE;
    }
  }
  if (listening (w) && !w->polling && now >= w->next_poll) {
    v.what |= IDW_DO_POLL;
    w->polling = TRUE;
  }
  return v;
}

IdwVerdict
idw_watch_listeners (IdwWatch * w, gint n, GstClockTime now)
{
  IdwVerdict v = { IDW_DO_NOTHING, };
  GstClockTime limit = w->lim.listener_timeout;

  now = tin (w, now);
  if (!w->polling || !listening (w))
    return v;                   /* disarmed or reconfigured meanwhile */
  w->polling = FALSE;
  if (n < 0) {
    /* nothing to read (the element was lost meanwhile): no verdict */
  } else if (n > 0) {
    if (w->listener_idle) {
      v.what = IDW_DO_RESUMED;
      v.resumed_silence = since (now, w->listener_idle_since);
      w->listener_idle = FALSE;
      w->resumes++;
    }
    w->zero_since = GST_CLOCK_TIME_NONE;
  } else if (!GST_CLOCK_TIME_IS_VALID (w->zero_since)) {
    w->zero_since = now;
  } else if (!w->listener_idle && now >= w->zero_since + limit) {
    count_timeout (w, &v, GST_IDLE_WATCHDOG_REASON_NO_LISTENERS,
        now - w->zero_since, limit, now);
    w->listener_idle = TRUE;
    w->listener_idle_since = w->zero_since;
  }
  w->next_poll = now + poll_interval (w);
  if (GST_CLOCK_TIME_IS_VALID (w->zero_since) && !w->listener_idle)
    w->next_poll = MIN (w->next_poll, w->zero_since + limit);
  return v;
}

/* A timeout the caller could not post (its PLAYING run ended before the
 * message went out): it does not count, and no resumed will answer it */
void
idw_watch_retract (IdwWatch * w, GstIdleWatchdogReason reason)
{
  if (w->timeouts[reason] > 0)
    w->timeouts[reason]--;
  if (reason == GST_IDLE_WATCHDOG_REASON_NO_LISTENERS) {
    w->listener_idle = FALSE;
  } else {
    w->idle = FALSE;
    w->fired = FALSE;
  }
}

/* The clock is replaced: @old_now on the old one is @new_now on the new */
void
idw_watch_rebase (IdwWatch * w, GstClockTime old_now, GstClockTime new_now)
{
  w->offset = (gint64) tin (w, old_now) - (gint64) new_now;
}

/* When the silence watch must look next, or NONE */
static GstClockTime
silence_wake (const IdwWatch * w)
{
  GstClockTime limit = phase_limit (w), deadline;

  if (limit == 0 || w->fired)
    return GST_CLOCK_TIME_NONE;
  if (w->held)
    return w->last_check + CLAMP (limit / 8, 10 * MS, 250 * MS);

  deadline = w->ref + limit;
  /* a startup or switch limit longer than timeout: look every timeout for
   * the first activity, which shortens the limit to timeout from then on */
  if (w->phase != IDW_PHASE_SILENCE && limit > w->lim.timeout)
    deadline = MIN (deadline, w->last_check + w->lim.timeout);
  /* While data flows, the wait only re-checks: put it on a grid shared by
   * every watchdog of the process (a power of two of milliseconds, 1/16 to
   * 1/8 of the limit, before the deadline), so that one clock wake-up
   * serves many of them. A re-check that finds no activity waits for the
   * exact deadline: a timeout is never early nor late for this. */
  if (w->flowing) {
    GstClockTime step = MS << g_bit_storage (MAX (limit / MS / 16, 1));
    /* the grid of the clock's time, shared with the other watchdogs */
    GstClockTime wake = tin (w, tout (w, deadline) / step * step);

    if (wake > w->last_check)
      deadline = wake;
  }
  return deadline;
}

GstClockTime
idw_watch_next_wake (const IdwWatch * w)
{
  GstClockTime wake;

  if (!idw_watch_armed (w))
    return GST_CLOCK_TIME_NONE;
  wake = silence_wake (w);
  if (listening (w) && !w->polling)
    wake = MIN (wake, w->next_poll);    /* NONE is the largest time */
  return tout (w, wake);
}

gboolean
idw_watch_is_idle (const IdwWatch * w)
{
  return w->idle || w->listener_idle;
}

guint
idw_watch_timeouts (const IdwWatch * w)
{
  guint i, n = 0;

  for (i = 0; i < IDW_N_REASONS; i++)
    n += w->timeouts[i];
  return n;
}

GstClockTime
idw_watch_current_silence (const IdwWatch * w, GstClockTime now)
{
  if (!w->playing)
    return 0;
  return since (tin (w, now), w->idle ? w->idle_since : w->ref);
}

GstClockTime
idw_watch_last_timeout_time (const IdwWatch * w)
{
  return w->have_last_timeout ? tout (w, w->last_timeout_at) :
      GST_CLOCK_TIME_NONE;
}
