/* gst-idlewatchdog: a test double of gst-interpipe, the source
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-testinterpipesrc
 * @title: testinterpipesrc
 *
 * Test double of gst-interpipe's `interpipesrc`: a live source that forwards
 * the buffers rendered by the `testinterpipesink` named in `listen-to`,
 * timestamped with the running time at which it pushes them.
 *
 * `listen-to` may change in any state and from any thread; every set emits
 * notify, whether the name changed or not and whether the node exists or
 * not. What was queued from the previous node is dropped on a change. While
 * no node of that name exists the source produces nothing, logs at INFO only
 * and posts neither an error nor EOS; it resumes when the node appears.
 *
 * Caps: those of the `caps` property when set, else those of the node's
 * buffers, as they come.
 *
 * With `block` set (gst-interpipe's appsrc `block`), a buffer delivered
 * while one is still queued waits for room instead of dropping the oldest,
 * and the node waits with it, holding the registry's lock, as
 * gst-interpipe's node holds its listeners' lock while it pushes: a
 * downstream that takes nothing then blocks the node and everything that
 * takes that lock, its `num-listeners` getter included.
 *
 * `switch-on-watched-read` (test only) names a node that the first read of
 * `listen-to` after a `notify::listen-to` handler got connected switches to
 * (notifying, from inside the getter): a switch that lands between an
 * observer's connection and its first read.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 testinterpipesrc listen-to=cam ! videoconvert ! autovideosink
 * ]|
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "testinterpipe.h"

GST_DEBUG_CATEGORY_STATIC (gst_test_interpipe_src_debug);
#define GST_CAT_DEFAULT gst_test_interpipe_src_debug

/* Buffers queued per source; the oldest is dropped beyond that */
#define MAX_QUEUED 64

enum
{
  PROP_0,
  PROP_LISTEN_TO,
  PROP_CAPS,
  PROP_BLOCK,
  PROP_SWITCH_ON_WATCHED_READ,
  PROP_LAST
};

static GParamSpec *properties[PROP_LAST];

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

#define gst_test_interpipe_src_parent_class parent_class
G_DEFINE_TYPE_WITH_CODE (GstTestInterpipeSrc, gst_test_interpipe_src,
    GST_TYPE_PUSH_SRC,
    GST_DEBUG_CATEGORY_INIT (gst_test_interpipe_src_debug,
        "testinterpipesrc", 0, "test double of interpipesrc"));
GST_ELEMENT_REGISTER_DEFINE (testinterpipesrc, "testinterpipesrc",
    GST_RANK_NONE, GST_TYPE_TEST_INTERPIPE_SRC);

void
gst_test_interpipe_src_deliver (GstTestInterpipeSrc * self,
    GstSample * sample)
{
  g_mutex_lock (&self->lock);
  while (self->block && !self->flushing && !self->stopped &&
      !g_queue_is_empty (&self->queue))
    g_cond_wait (&self->cond, &self->lock);
  if (g_queue_get_length (&self->queue) >= MAX_QUEUED) {
    GST_DEBUG_OBJECT (self, "queue full: dropping the oldest buffer");
    gst_sample_unref (g_queue_pop_head (&self->queue));
  }
  g_queue_push_tail (&self->queue, gst_sample_ref (sample));
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
gst_test_interpipe_src_drop_queued (GstTestInterpipeSrc * self)
{
  g_mutex_lock (&self->lock);
  g_queue_clear_full (&self->queue, (GDestroyNotify) gst_sample_unref);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static gboolean
gst_test_interpipe_src_start (GstBaseSrc * bsrc)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (bsrc);

  g_mutex_lock (&self->lock);
  self->flushing = FALSE;
  self->stopped = FALSE;
  g_mutex_unlock (&self->lock);
  testinterpipe_registry_add_listener (self);
  return TRUE;
}

static gboolean
gst_test_interpipe_src_stop (GstBaseSrc * bsrc)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (bsrc);

  /* a delivery blocked on us (block=true) holds the registry's lock */
  g_mutex_lock (&self->lock);
  self->stopped = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  testinterpipe_registry_remove_listener (self);
  gst_test_interpipe_src_drop_queued (self);
  return TRUE;
}

static gboolean
gst_test_interpipe_src_unlock (GstBaseSrc * bsrc)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (bsrc);

  g_mutex_lock (&self->lock);
  self->flushing = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
gst_test_interpipe_src_unlock_stop (GstBaseSrc * bsrc)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (bsrc);

  g_mutex_lock (&self->lock);
  self->flushing = FALSE;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static GstCaps *
gst_test_interpipe_src_get_caps (GstBaseSrc * bsrc, GstCaps * filter)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (bsrc);
  GstCaps *caps;

  GST_OBJECT_LOCK (self);
  caps = self->caps ? gst_caps_ref (self->caps) : gst_caps_new_any ();
  GST_OBJECT_UNLOCK (self);

  if (filter) {
    GstCaps *res = gst_caps_intersect_full (filter, caps,
        GST_CAPS_INTERSECT_FIRST);

    gst_caps_unref (caps);
    caps = res;
  }
  return caps;
}

static GstFlowReturn
gst_test_interpipe_src_create (GstPushSrc * psrc, GstBuffer ** outbuf)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (psrc);
  GstSample *sample;
  GstCaps *caps;
  GstBuffer *buf;
  gboolean fixed_caps;

  g_mutex_lock (&self->lock);
  while (g_queue_is_empty (&self->queue) && !self->flushing)
    g_cond_wait (&self->cond, &self->lock);
  if (self->flushing) {
    g_mutex_unlock (&self->lock);
    return GST_FLOW_FLUSHING;
  }
  sample = g_queue_pop_head (&self->queue);
  g_cond_broadcast (&self->cond);       /* room for a blocked delivery */
  g_mutex_unlock (&self->lock);

  GST_OBJECT_LOCK (self);
  fixed_caps = self->caps != NULL;
  GST_OBJECT_UNLOCK (self);

  caps = gst_sample_get_caps (sample);
  if (!fixed_caps && caps) {
    GstCaps *current = gst_pad_get_current_caps (GST_BASE_SRC_PAD (self));

    if (current == NULL || !gst_caps_is_equal (current, caps)) {
      if (!gst_base_src_set_caps (GST_BASE_SRC (self), caps)) {
        gst_clear_caps (&current);
        gst_sample_unref (sample);
        GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
            ("downstream refused the caps of the node: %" GST_PTR_FORMAT,
                caps));
        return GST_FLOW_NOT_NEGOTIATED;
      }
    }
    gst_clear_caps (&current);
  }

  /* restamped by the base class with the running time (do-timestamp) */
  buf = gst_buffer_copy (gst_sample_get_buffer (sample));
  gst_sample_unref (sample);
  GST_BUFFER_PTS (buf) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS (buf) = GST_CLOCK_TIME_NONE;
  *outbuf = buf;
  return GST_FLOW_OK;
}

static void
gst_test_interpipe_src_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (object);

  switch (prop_id) {
    case PROP_LISTEN_TO:
      testinterpipe_registry_set_listen_to (self, g_value_get_string (value));
      break;
    case PROP_CAPS:{
      const GstCaps *caps = gst_value_get_caps (value);

      GST_OBJECT_LOCK (self);
      gst_caps_replace (&self->caps, (GstCaps *) caps);
      GST_OBJECT_UNLOCK (self);
      break;
    }
    case PROP_BLOCK:
      g_mutex_lock (&self->lock);
      self->block = g_value_get_boolean (value);
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_SWITCH_ON_WATCHED_READ:
      GST_OBJECT_LOCK (self);
      g_free (self->switch_on_watched_read);
      self->switch_on_watched_read = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_test_interpipe_src_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (object);

  switch (prop_id) {
    case PROP_LISTEN_TO:{
      gchar *target = NULL;

      GST_OBJECT_LOCK (self);
      if (self->switch_on_watched_read && g_signal_has_handler_pending (self,
              g_signal_lookup ("notify", G_TYPE_OBJECT),
              g_quark_from_static_string ("listen-to"), FALSE))
        target = g_steal_pointer (&self->switch_on_watched_read);
      GST_OBJECT_UNLOCK (self);
      if (target) {
        testinterpipe_registry_set_listen_to (self, target);
        g_object_notify_by_pspec (object, properties[PROP_LISTEN_TO]);
        g_free (target);
      }
      g_value_take_string (value, testinterpipe_registry_dup_listen_to (self));
      break;
    }
    case PROP_SWITCH_ON_WATCHED_READ:
      GST_OBJECT_LOCK (self);
      g_value_set_string (value, self->switch_on_watched_read);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_CAPS:
      GST_OBJECT_LOCK (self);
      gst_value_set_caps (value, self->caps);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_BLOCK:
      g_mutex_lock (&self->lock);
      g_value_set_boolean (value, self->block);
      g_mutex_unlock (&self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_test_interpipe_src_finalize (GObject * object)
{
  GstTestInterpipeSrc *self = GST_TEST_INTERPIPE_SRC (object);

  /* normally done by stop(); never leave a dangling listener behind */
  testinterpipe_registry_remove_listener (self);
  g_free (self->listen_to);
  g_free (self->switch_on_watched_read);
  gst_clear_caps (&self->caps);
  g_queue_clear_full (&self->queue, (GDestroyNotify) gst_sample_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_test_interpipe_src_init (GstTestInterpipeSrc * self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->queue);
  gst_base_src_set_live (GST_BASE_SRC (self), TRUE);
  gst_base_src_set_format (GST_BASE_SRC (self), GST_FORMAT_TIME);
  gst_base_src_set_do_timestamp (GST_BASE_SRC (self), TRUE);
}

static void
gst_test_interpipe_src_class_init (GstTestInterpipeSrcClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSrcClass *basesrc_class = GST_BASE_SRC_CLASS (klass);
  GstPushSrcClass *pushsrc_class = GST_PUSH_SRC_CLASS (klass);

  gobject_class->set_property = gst_test_interpipe_src_set_property;
  gobject_class->get_property = gst_test_interpipe_src_get_property;
  gobject_class->finalize = gst_test_interpipe_src_finalize;

  /**
   * GstTestInterpipeSrc:listen-to:
   *
   * Name of the testinterpipesink to forward. Changeable in any state and
   * from any thread; notifies on every set.
   */
  properties[PROP_LISTEN_TO] = g_param_spec_string ("listen-to", "Listen to",
      "Name of the testinterpipesink to forward (notifies on every set)",
      NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_PLAYING);

  /**
   * GstTestInterpipeSrc:caps:
   *
   * Caps to output; when unset the node's caps are used.
   */
  properties[PROP_CAPS] = g_param_spec_boxed ("caps", "Caps",
      "Caps to output (NULL = those of the node)", GST_TYPE_CAPS,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_READY);
  properties[PROP_SWITCH_ON_WATCHED_READ] =
      g_param_spec_string ("switch-on-watched-read", "Switch on watched read",
      "Test only: the node that the first read of listen-to after a "
      "notify::listen-to handler got connected switches to", NULL,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCK] = g_param_spec_boolean ("block", "Block",
      "Wait for room instead of dropping, holding the node (as "
      "gst-interpipe's block=true)", FALSE,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (gobject_class, PROP_LAST, properties);

  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "Test interpipe source", "Source",
      "Test double of interpipesrc: forwards the buffers of the "
      "testinterpipesink named by listen-to", "The gst-idlewatchdog authors");

  basesrc_class->start = GST_DEBUG_FUNCPTR (gst_test_interpipe_src_start);
  basesrc_class->stop = GST_DEBUG_FUNCPTR (gst_test_interpipe_src_stop);
  basesrc_class->unlock = GST_DEBUG_FUNCPTR (gst_test_interpipe_src_unlock);
  basesrc_class->unlock_stop =
      GST_DEBUG_FUNCPTR (gst_test_interpipe_src_unlock_stop);
  basesrc_class->get_caps = GST_DEBUG_FUNCPTR (gst_test_interpipe_src_get_caps);
  pushsrc_class->create = GST_DEBUG_FUNCPTR (gst_test_interpipe_src_create);
}
