/* gst-idlewatchdog: a watch's switches and listeners, wired to its
 * discovery the same way by the element and the tracer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The discovery (idw-discovery.c) finds the switching elements upstream and
 * the listener element downstream and reports through callbacks; the links
 * turn its reports into the watch's events: a switch restarts the count
 * under switch-timeout and, unless a watchdog nearer to it reported it
 * first, posts idle-watchdog-switch; the listener element found or lost
 * starts or stops the listener watch; a poll the watch asks for
 * (IDW_DO_POLL) reads num-listeners on a thread of GStreamer's pool, never
 * on the clock's. The owner keeps its own lock and state and lends them
 * through IdwLinksFuncs.
 */
#pragma once

#include <gst/gst.h>

#include "idw-discovery.h"
#include "idw-watch.h"

G_BEGIN_DECLS

/* What the owner's lock guards, read when it is taken */
typedef struct
{
  GstClockTime now;             /* on the owner's clock, 0 without one */
  guint64 flow;                 /* buffers and GAPs seen */
  guint run;                    /* the owner's PLAYING run */
  const gchar *session_id;      /* valid until unlock */
} IdwLinksState;

typedef struct
{
  /* Takes the lock that guards the owner's watch; returns the watch */
  IdwWatch *(*lock) (GstElement * owner, IdwLinksState * state);
  void (*unlock) (GstElement * owner);
  /* Lock held: makes the owner's pending wait match its watch */
  void (*reschedule) (GstElement * owner);
  /* Lock held: queues @msg (no action) or, if @msg is NULL, what @v says to
   * post; TRUE if the caller must drain once it has unlocked */
  gboolean (*queue) (GstElement * owner, GstMessage * msg,
      const IdwVerdict * v);
  /* Posts what is queued (idw_outbox_drain()) */
  void (*drain) (GstElement * owner, gboolean pool);
} IdwLinksFuncs;

typedef struct
{
  IdwDiscovery *discovery;      /* NULL: no switch or listener awareness */
  const IdwLinksFuncs *funcs;
  /* the owner's lock: the last switch, for the timeout message */
  gchar *switch_element;
  gchar *switch_target;
} IdwLinks;

void idw_links_init (IdwLinks * l, GstElement * owner,
    const IdwLinksFuncs * funcs, gboolean in_front);
void idw_links_clear (IdwLinks * l, GstElement * owner);
void idw_links_reset_locked (IdwLinks * l);
void idw_links_poll (IdwLinks * l, GstElement * owner, guint run);

G_END_DECLS
