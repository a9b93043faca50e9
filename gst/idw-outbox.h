/* gst-idlewatchdog: an element's messages, in order, off the clock thread
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every message of a watched element goes through its outbox: the thread
 * that queues one into an idle outbox posts it (and whatever is queued
 * meanwhile); a timeout, whose posting runs the application's bus sync
 * handlers and then the element's action, is posted only from GStreamer's
 * thread pool, never from a clock's thread nor a streaming thread. Posts
 * keep their order whatever thread makes them.
 */
#pragma once

#include <gst/gst.h>

#include "idlewatchdog-message.h"

G_BEGIN_DECLS

typedef struct
{
  GstMessage *msg;
  gboolean timeout;             /* a timeout, with its action */
  guint run;                    /* the owner's PLAYING run it belongs to */
  GstIdleWatchdogAction action;
  GstIdleWatchdogReason reason;
  GstClockTime silence;
  GstClockTime limit;
} IdwOutgoing;

typedef struct
{
  /* Whether the timeout @out may still be posted (its run goes on); when
   * not, it is dropped and the owner forgets it. No outbox lock held. */
  gboolean (*keep) (GstElement * owner, const IdwOutgoing * out);
  /* Carries out the action of a timeout just posted, if its run still
   * goes on (a sync handler may have stopped the pipeline on the message) */
  void (*act) (GstElement * owner, const IdwOutgoing * out);
} IdwOutboxFuncs;

typedef struct
{
  GMutex lock;
  GQueue queue;                 /* IdwOutgoing */
  gboolean posting;             /* a thread is draining */
  const IdwOutboxFuncs *funcs;
} IdwOutbox;

void idw_outbox_init (IdwOutbox * ob, const IdwOutboxFuncs * funcs);
void idw_outbox_clear (IdwOutbox * ob);
gboolean idw_outbox_push (IdwOutbox * ob, IdwOutgoing * out);
void idw_outbox_drain (IdwOutbox * ob, GstElement * owner, gboolean pool);

G_END_DECLS
