/* gst-idlewatchdog: a test double of gst-interpipe, the node registry
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A process-wide table of the started sinks (nodes, by name) and the started
 * sources (listeners). A source listens to whatever node currently carries
 * the name in its `listen-to`, so it resumes by itself when a node of that
 * name appears. Everything here runs under one lock; a source's queue lock
 * is only ever taken inside it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "testinterpipe.h"

GST_DEBUG_CATEGORY_STATIC (testinterpipe_registry_debug);
#define GST_CAT_DEFAULT testinterpipe_registry_debug

static GMutex registry_lock;
static GHashTable *nodes;       /* name -> GstTestInterpipeSink (no ref) */
static GList *listeners;        /* started GstTestInterpipeSrc (no ref) */

void
testinterpipe_registry_init (void)
{
  GST_DEBUG_CATEGORY_INIT (testinterpipe_registry_debug,
      "testinterpipe-registry", 0, "test double of the interpipe registry");
}

static void
ensure_init_locked (void)
{
  if (nodes == NULL)
    nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Frees the table once nothing is registered, so the process ends clean */
static void
maybe_clear_locked (void)
{
  if (nodes && g_hash_table_size (nodes) == 0 && listeners == NULL)
    g_clear_pointer (&nodes, g_hash_table_unref);
}

gboolean
testinterpipe_registry_add_node (GstTestInterpipeSink * sink,
    const gchar * name)
{
  gboolean ok = FALSE;

  g_mutex_lock (&registry_lock);
  ensure_init_locked ();
  if (!g_hash_table_contains (nodes, name)) {
    g_hash_table_insert (nodes, g_strdup (name), sink);
    sink->node_name = g_strdup (name);
    ok = TRUE;
  }
  maybe_clear_locked ();
  g_mutex_unlock (&registry_lock);
  if (ok)
    GST_DEBUG_OBJECT (sink, "node %s added", name);
  return ok;
}

void
testinterpipe_registry_remove_node (GstTestInterpipeSink * sink)
{
  g_mutex_lock (&registry_lock);
  if (sink->node_name) {
    GST_DEBUG_OBJECT (sink, "node %s removed", sink->node_name);
    g_hash_table_remove (nodes, sink->node_name);
    g_clear_pointer (&sink->node_name, g_free);
  }
  gst_clear_caps (&sink->caps);
  maybe_clear_locked ();
  g_mutex_unlock (&registry_lock);
}

gint
testinterpipe_registry_count_listeners (GstTestInterpipeSink * sink)
{
  gint n = 0;
  GList *l;

  g_mutex_lock (&registry_lock);
  if (sink->node_name) {
    for (l = listeners; l; l = l->next) {
      GstTestInterpipeSrc *src = l->data;

      if (g_strcmp0 (src->listen_to, sink->node_name) == 0)
        n++;
    }
  }
  g_mutex_unlock (&registry_lock);
  return n;
}

void
testinterpipe_registry_set_caps (GstTestInterpipeSink * sink, GstCaps * caps)
{
  g_mutex_lock (&registry_lock);
  gst_caps_replace (&sink->caps, caps);
  g_mutex_unlock (&registry_lock);
}

void
testinterpipe_registry_dispatch (GstTestInterpipeSink * sink,
    GstBuffer * buffer)
{
  GstSample *sample = NULL;
  GList *l;

  g_mutex_lock (&registry_lock);
  if (sink->node_name) {
    for (l = listeners; l; l = l->next) {
      GstTestInterpipeSrc *src = l->data;

      if (g_strcmp0 (src->listen_to, sink->node_name) != 0)
        continue;
      if (sample == NULL)
        sample = gst_sample_new (buffer, sink->caps, NULL, NULL);
      GST_LOG_OBJECT (sink, "%" GST_PTR_FORMAT " to %" GST_PTR_FORMAT, buffer,
          src);
      gst_test_interpipe_src_deliver (src, sample);
    }
  }
  g_mutex_unlock (&registry_lock);
  if (sample)
    gst_sample_unref (sample);
}

void
testinterpipe_registry_add_listener (GstTestInterpipeSrc * src)
{
  g_mutex_lock (&registry_lock);
  ensure_init_locked ();
  listeners = g_list_prepend (listeners, src);
  GST_DEBUG_OBJECT (src, "listening to %s", GST_STR_NULL (src->listen_to));
  if (src->listen_to == NULL || !g_hash_table_contains (nodes, src->listen_to))
    GST_INFO_OBJECT (src, "no node named %s yet: waiting for it",
        GST_STR_NULL (src->listen_to));
  g_mutex_unlock (&registry_lock);
}

void
testinterpipe_registry_remove_listener (GstTestInterpipeSrc * src)
{
  g_mutex_lock (&registry_lock);
  listeners = g_list_remove (listeners, src);
  maybe_clear_locked ();
  g_mutex_unlock (&registry_lock);
}

void
testinterpipe_registry_set_listen_to (GstTestInterpipeSrc * src,
    const gchar * name)
{
  g_mutex_lock (&registry_lock);
  if (g_strcmp0 (src->listen_to, name) != 0) {
    g_free (src->listen_to);
    src->listen_to = g_strdup (name);
    /* what the old node sent is not wanted any more */
    gst_test_interpipe_src_drop_queued (src);
  }
  if (g_list_find (listeners, src) && (name == NULL || nodes == NULL
          || !g_hash_table_contains (nodes, name)))
    GST_INFO_OBJECT (src, "no node named %s: starving until it appears",
        GST_STR_NULL (name));
  g_mutex_unlock (&registry_lock);
}

gchar *
testinterpipe_registry_dup_listen_to (GstTestInterpipeSrc * src)
{
  gchar *name;

  g_mutex_lock (&registry_lock);
  name = g_strdup (src->listen_to);
  g_mutex_unlock (&registry_lock);
  return name;
}
