/* gst-idlewatchdog: reading a watchdog's messages deterministically
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The element decides on its clock's callback (with a GstTestClock, on the
 * thread that advances it: the test's) and posts its timeouts from
 * GStreamer's thread pool. A tap on the bus takes every watchdog message
 * (idle-watchdog-*) as it is posted, and idw_tap_settle() waits, bounded,
 * until every timeout and resumed message the watchdogs' `stats` count is
 * in the tap: a read after it races no post. Other messages stay on the
 * bus.
 */
#pragma once

#include <gst/gst.h>

#include "idlewatchdog.h"

/* Bound of every wait for a post: a broken element fails, it never hangs */
#define IDW_TAP_BOUND (20 * G_TIME_SPAN_SECOND)

typedef struct
{
  GstElement *root;             /* a watchdog, or a bin holding them */
  GMutex lock;
  GCond cond;
  GQueue messages;
  guint posted;                 /* timeouts and resumed */
  guint posted_before_reset;    /* see idw_tap_forget_counts() */
} IdwTap;

static inline gboolean
idw_tap_is_watchdog_message (GstMessage * msg)
{
  const GstStructure *s = gst_message_get_structure (msg);

  return GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT && s &&
      g_str_has_prefix (gst_structure_get_name (s), "idle-watchdog-");
}

static GstBusSyncReply
idw_tap_message (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  IdwTap *tap = user_data;

  if (!idw_tap_is_watchdog_message (msg))
    return GST_BUS_PASS;
  g_mutex_lock (&tap->lock);
  if (gst_idle_watchdog_message_is_timeout (msg) ||
      gst_idle_watchdog_message_is_resumed (msg))
    tap->posted++;
  /* a handler that drops a message owns it */
  g_queue_push_tail (&tap->messages, msg);
  g_cond_broadcast (&tap->cond);
  g_mutex_unlock (&tap->lock);
  return GST_BUS_DROP;
}

static void
idw_tap_free (gpointer data)
{
  IdwTap *tap = data;

  g_queue_clear_full (&tap->messages, (GDestroyNotify) gst_message_unref);
  g_mutex_clear (&tap->lock);
  g_cond_clear (&tap->cond);
  g_free (tap);
}

/* Taps @bus for the watchdogs in @root (not referenced: it must outlive the
 * reads). The tap lives as long as the bus. */
static inline IdwTap *
idw_tap_attach (GstBus * bus, GstElement * root)
{
  IdwTap *tap = g_new0 (IdwTap, 1);

  tap->root = root;
  g_mutex_init (&tap->lock);
  g_cond_init (&tap->cond);
  g_queue_init (&tap->messages);
  g_object_set_data_full (G_OBJECT (bus), "idw-test-tap", tap, idw_tap_free);
  gst_bus_set_sync_handler (bus, idw_tap_message, tap, NULL);
  return tap;
}

static inline IdwTap *
idw_tap_of (GstBus * bus)
{
  return g_object_get_data (G_OBJECT (bus), "idw-test-tap");
}

static void
idw_tap_add_decided (const GValue * item, gpointer user_data)
{
  GstElement *e = g_value_get_object (item);
  GstElementFactory *f = gst_element_get_factory (e);
  guint *n = user_data, t = 0, r = 0;
  GstStructure *s;

  if (f == NULL || g_strcmp0 (GST_OBJECT_NAME (f), "idlewatchdog") != 0 ||
      !g_object_class_find_property (G_OBJECT_GET_CLASS (e), "stats"))
    return;                     /* (an element from before `stats` posted
                                 * everything from the deciding thread) */
  g_object_get (e, "stats", &s, NULL);
  gst_structure_get_uint (s, "timeouts", &t);
  gst_structure_get_uint (s, "resumes", &r);
  gst_structure_free (s);
  *n += t + r;
}

/* Timeouts and resumed messages the watchdogs in @root counted */
static inline guint
idw_tap_decided (GstElement * root)
{
  GValue v = G_VALUE_INIT;
  guint n = 0;

  if (GST_IS_BIN (root)) {
    GstIterator *it = gst_bin_iterate_recurse (GST_BIN (root));

    while (gst_iterator_foreach (it, idw_tap_add_decided, &n) ==
        GST_ITERATOR_RESYNC) {
      gst_iterator_resync (it);
      n = 0;
    }
    gst_iterator_free (it);
  } else {
    g_value_init (&v, GST_TYPE_ELEMENT);
    g_value_set_object (&v, root);
    idw_tap_add_decided (&v, &n);
    g_value_unset (&v);
  }
  return n;
}

/* Waits until every message counted is in the tap; FALSE after the bound */
static inline gboolean
idw_tap_settle (IdwTap * tap)
{
  guint want = idw_tap_decided (tap->root);
  gint64 deadline = g_get_monotonic_time () + IDW_TAP_BOUND;
  gboolean ok = TRUE;

  g_mutex_lock (&tap->lock);
  want += tap->posted_before_reset;
  while (ok && tap->posted < want)
    ok = g_cond_wait_until (&tap->cond, &tap->lock, deadline);
  ok = tap->posted >= want;
  g_mutex_unlock (&tap->lock);
  return ok;
}

/* Before a READY->PAUSED cycle, which resets the watchdogs' counts */
static inline void
idw_tap_forget_counts (IdwTap * tap)
{
  g_mutex_lock (&tap->lock);
  tap->posted_before_reset = tap->posted;
  g_mutex_unlock (&tap->lock);
}

/* The next watchdog message once settled, or NULL */
static inline GstMessage *
idw_tap_pop (IdwTap * tap)
{
  GstMessage *msg;

  if (!idw_tap_settle (tap))
    g_error ("a watchdog message it counted was never posted");
  g_mutex_lock (&tap->lock);
  msg = g_queue_pop_head (&tap->messages);
  g_mutex_unlock (&tap->lock);
  return msg;
}

/* The next watchdog message, waiting up to @timeout (µs) for one */
static inline GstMessage *
idw_tap_timed_pop (IdwTap * tap, gint64 timeout)
{
  gint64 deadline = g_get_monotonic_time () + timeout;
  GstMessage *msg;

  g_mutex_lock (&tap->lock);
  while (g_queue_is_empty (&tap->messages) &&
      g_cond_wait_until (&tap->cond, &tap->lock, deadline));
  msg = g_queue_pop_head (&tap->messages);
  g_mutex_unlock (&tap->lock);
  return msg;
}
