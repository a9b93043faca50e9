/* gst-idlewatchdog: a test double of gst-interpipe
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Test-only plugin `testinterpipe` (never installed). It reproduces what the
 * idlewatchdog element can observe of gst-interpipe, nothing more:
 *
 * - `testinterpipesink` registers a node under its element name in a
 *   process-wide registry while it is started (READY->PAUSED to
 *   PAUSED->READY) and hands every buffer to the sources listening to that
 *   name. Its read-only int `num-listeners` counts those sources and never
 *   emits notify.
 * - `testinterpipesrc` is a live source with a string `listen-to` property,
 *   settable in any state and from any thread, that forwards the buffers of
 *   the node of that name. Setting it emits notify on every set, even to the
 *   same name or to a missing node. While the node does not exist the source
 *   starves silently (it logs at INFO, posts no error and no EOS) and it
 *   resumes as soon as a node of that name appears.
 */
#pragma once

#include <gst/gst.h>
#include <gst/base/gstbasesink.h>
#include <gst/base/gstpushsrc.h>

G_BEGIN_DECLS

#define GST_TYPE_TEST_INTERPIPE_SINK (gst_test_interpipe_sink_get_type ())
G_DECLARE_FINAL_TYPE (GstTestInterpipeSink, gst_test_interpipe_sink, GST,
    TEST_INTERPIPE_SINK, GstBaseSink)

#define GST_TYPE_TEST_INTERPIPE_SRC (gst_test_interpipe_src_get_type ())
G_DECLARE_FINAL_TYPE (GstTestInterpipeSrc, gst_test_interpipe_src, GST,
    TEST_INTERPIPE_SRC, GstPushSrc)

GST_ELEMENT_REGISTER_DECLARE (testinterpipesink);
GST_ELEMENT_REGISTER_DECLARE (testinterpipesrc);

/* The registry (testinterpipe-registry.c). One process-wide lock guards the
 * nodes, the set of started sources and every source's `listen-to`; it is
 * taken before a source's own queue lock, never after. */

void testinterpipe_registry_init (void);
gboolean testinterpipe_registry_add_node (GstTestInterpipeSink * sink,
    const gchar * name);
void testinterpipe_registry_remove_node (GstTestInterpipeSink * sink);
gint testinterpipe_registry_count_listeners (GstTestInterpipeSink * sink);
void testinterpipe_registry_set_caps (GstTestInterpipeSink * sink,
    GstCaps * caps);
void testinterpipe_registry_dispatch (GstTestInterpipeSink * sink,
    GstBuffer * buffer);

void testinterpipe_registry_add_listener (GstTestInterpipeSrc * src);
void testinterpipe_registry_remove_listener (GstTestInterpipeSrc * src);
void testinterpipe_registry_set_listen_to (GstTestInterpipeSrc * src,
    const gchar * name);
gchar *testinterpipe_registry_dup_listen_to (GstTestInterpipeSrc * src);

/* Called by the registry with its lock held: queue @sample on @src. */
void gst_test_interpipe_src_deliver (GstTestInterpipeSrc * src,
    GstSample * sample);
/* Called by the registry with its lock held: drop what @src has queued. */
void gst_test_interpipe_src_drop_queued (GstTestInterpipeSrc * src);

struct _GstTestInterpipeSink
{
  GstBaseSink parent;

  /* registry lock */
  gchar *node_name;             /* the registered name, NULL when stopped */
  GstCaps *caps;                /* the current caps, or NULL */
};

struct _GstTestInterpipeSrc
{
  GstPushSrc parent;

  /* registry lock */
  gchar *listen_to;             /* the node listened to, or NULL */

  /* object lock */
  GstCaps *caps;                /* the `caps` property, or NULL */
  gchar *switch_on_watched_read;        /* test only, see the docs */

  /* queue lock */
  GMutex lock;
  GCond cond;
  GQueue queue;                 /* of GstSample */
  gboolean flushing;
  gboolean block;               /* the `block` property */
  gboolean stopped;             /* from stop() to start() */
};

G_END_DECLS
