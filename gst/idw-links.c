/* gst-idlewatchdog: a watch's switches and listeners, wired to its
 * discovery the same way by the element and the tracer
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "idw-links.h"
#include "idlewatchdog-message.h"

GST_DEBUG_CATEGORY_STATIC (idw_links_debug);
#define GST_CAT_DEFAULT idw_links_debug

/* Any thread, no discovery lock held */
static void
on_switched (GstElement * owner, const gchar * element,
    const gchar * property, const gchar * old_value, const gchar * new_value,
    gboolean relayed, gpointer user_data)
{
  IdwLinks *l = user_data;
  IdwLinksState st;
  IdwWatch *w;
  gboolean must_drain = FALSE;

  GST_DEBUG_OBJECT (owner, "%s switched %s from '%s' to '%s'%s", element,
      property, old_value, new_value, relayed ? " (upstream watchdog)" : "");
  w = l->funcs->lock (owner, &st);
  g_free (l->switch_element);
  l->switch_element = g_strdup (element);
  g_free (l->switch_target);
  l->switch_target = g_strdup (new_value);
  idw_watch_switch (w, st.now, st.flow);
  l->funcs->reschedule (owner);
  /* the watchdog nearest to the switch reports it */
  if (!relayed)
    must_drain = l->funcs->queue (owner,
        gst_idle_watchdog_message_new_switch (GST_OBJECT (owner), element,
            property, new_value, st.session_id), NULL);
  l->funcs->unlock (owner);
  if (must_drain)
    l->funcs->drain (owner, FALSE);
}

static void
on_listener_changed (GstElement * owner, gboolean have, gpointer user_data)
{
  IdwLinks *l = user_data;
  IdwLinksState st;
  IdwWatch *w = l->funcs->lock (owner, &st);

  idw_watch_set_listener (w, have, st.now);
  l->funcs->reschedule (owner);
  l->funcs->unlock (owner);
}

static const IdwDiscoveryCallbacks callbacks = {
  on_switched, on_listener_changed
};

void
idw_links_init (IdwLinks * l, GstElement * owner,
    const IdwLinksFuncs * funcs, gboolean in_front)
{
  static gsize init = 0;

  if (g_once_init_enter (&init)) {
    GST_DEBUG_CATEGORY_INIT (idw_links_debug, "idlewatchdog-links", 0,
        "Idle watchdog switches and listeners");
    g_once_init_leave (&init, 1);
  }
  l->funcs = funcs;
  l->switch_element = NULL;
  l->switch_target = NULL;
  l->discovery = idw_discovery_new (owner, &callbacks, l, in_front);
}

/* From the owner's finalize */
void
idw_links_clear (IdwLinks * l, GstElement * owner)
{
  if (l->discovery)
    idw_discovery_free (l->discovery, owner);
  l->discovery = NULL;
  idw_links_reset_locked (l);
}

void
idw_links_reset_locked (IdwLinks * l)
{
  g_clear_pointer (&l->switch_element, g_free);
  g_clear_pointer (&l->switch_target, g_free);
}

typedef struct
{
  IdwLinks *links;
  guint run;
} Poll;

/* On a thread of the pool: the getter may block */
static void
read_listeners (GstElement * owner, gpointer user_data)
{
  Poll *p = user_data;
  IdwLinks *l = p->links;
  GstElement *sink = idw_discovery_dup_listener (l->discovery);
  gint n = sink ? idw_discovery_read_listeners (sink) : -1;
  IdwVerdict v = { IDW_DO_NOTHING, };
  IdwLinksState st;
  IdwWatch *w;
  gboolean must_drain = FALSE;

  gst_clear_object (&sink);
  w = l->funcs->lock (owner, &st);
  if (st.run == p->run) {
    GST_LOG_OBJECT (owner, "%d listeners", n);
    v = idw_watch_listeners (w, n, st.now);
    must_drain = l->funcs->queue (owner, NULL, &v);
  }
  l->funcs->unlock (owner);
  if (must_drain)
    l->funcs->drain (owner, TRUE);
  /* the next read is scheduled once this one's verdict is posted */
  l->funcs->lock (owner, &st);
  l->funcs->reschedule (owner);
  l->funcs->unlock (owner);
}

/* After a check that asked for a poll (IDW_DO_POLL), no lock held: reads
 * num-listeners from GStreamer's pool, for the run @run */
void
idw_links_poll (IdwLinks * l, GstElement * owner, guint run)
{
  Poll *p;

  if (l->discovery == NULL)
    return;
  p = g_new (Poll, 1);
  p->links = l;
  p->run = run;
  gst_element_call_async (owner, read_listeners, p, g_free);
}
