/* gst-idlewatchdog: an element's messages, in order, off the clock thread
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "idw-outbox.h"

static void
outgoing_free (gpointer data)
{
  IdwOutgoing *out = data;

  gst_clear_message (&out->msg);
  g_free (out);
}

void
idw_outbox_init (IdwOutbox * ob, const IdwOutboxFuncs * funcs)
{
  g_mutex_init (&ob->lock);
  g_queue_init (&ob->queue);
  ob->posting = FALSE;
  ob->funcs = funcs;
}

void
idw_outbox_clear (IdwOutbox * ob)
{
  g_queue_clear_full (&ob->queue, outgoing_free);
  g_mutex_clear (&ob->lock);
}

/* Queues @out (taken); TRUE if the caller must drain: nobody else is */
gboolean
idw_outbox_push (IdwOutbox * ob, IdwOutgoing * out)
{
  gboolean drain;

  g_mutex_lock (&ob->lock);
  g_queue_push_tail (&ob->queue, out);
  drain = !ob->posting;
  ob->posting = TRUE;
  g_mutex_unlock (&ob->lock);
  return drain;
}

/* Holds a reference on every ancestor bin while a message travels up: a
 * bin disposed by the application at that moment stays valid until the
 * message has passed */
static GSList *
ref_ancestors (GstElement * owner)
{
  GSList *ancestors = NULL;
  GstObject *o = gst_object_get_parent (GST_OBJECT (owner));

  while (o) {
    ancestors = g_slist_prepend (ancestors, o);
    o = gst_object_get_parent (o);
  }
  return ancestors;
}

static void
drain_async (GstElement * owner, gpointer user_data)
{
  idw_outbox_drain (user_data, owner, TRUE);
}

/* Posts everything queued, in order (@pool: from GStreamer's thread pool).
 * A timeout met on another thread is handed, with the rest, to the pool. */
void
idw_outbox_drain (IdwOutbox * ob, GstElement * owner, gboolean pool)
{
  GSList *ancestors = ref_ancestors (owner);
  IdwOutgoing *out;

  for (;;) {
    g_mutex_lock (&ob->lock);
    out = g_queue_pop_head (&ob->queue);
    if (out && out->timeout && !pool) {
      g_queue_push_head (&ob->queue, out);
      g_mutex_unlock (&ob->lock);
      gst_element_call_async (owner, drain_async, ob, NULL);
      break;
    }
    if (out == NULL)
      ob->posting = FALSE;
    g_mutex_unlock (&ob->lock);
    if (out == NULL)
      break;
    if (!out->timeout || ob->funcs->keep (owner, out)) {
      gst_element_post_message (owner, g_steal_pointer (&out->msg));
      if (out->timeout)
        ob->funcs->act (owner, out);
    }
    outgoing_free (out);
  }
  g_slist_free_full (ancestors, gst_object_unref);
}
