/* gst-idlewatchdog: a test double of gst-interpipe, the sink
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-testinterpipesink
 * @title: testinterpipesink
 *
 * Test double of gst-interpipe's `interpipesink`: while started it is a node
 * named after the element, and every buffer it renders goes to the
 * `testinterpipesrc` elements whose `listen-to` names it. Two started sinks
 * may not share a name (the second fails to start with an error).
 *
 * `num-listeners` (int, read-only) is the number of started sources listening
 * to the node. Like the real element it emits no notify: an observer has to
 * poll it.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 videotestsrc is-live=true ! testinterpipesink name=cam
 * ]|
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "testinterpipe.h"

GST_DEBUG_CATEGORY_STATIC (gst_test_interpipe_sink_debug);
#define GST_CAT_DEFAULT gst_test_interpipe_sink_debug

enum
{
  PROP_0,
  PROP_NUM_LISTENERS,
  PROP_LAST
};

static GParamSpec *properties[PROP_LAST];

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

#define gst_test_interpipe_sink_parent_class parent_class
G_DEFINE_TYPE_WITH_CODE (GstTestInterpipeSink, gst_test_interpipe_sink,
    GST_TYPE_BASE_SINK,
    GST_DEBUG_CATEGORY_INIT (gst_test_interpipe_sink_debug,
        "testinterpipesink", 0, "test double of interpipesink"));
GST_ELEMENT_REGISTER_DEFINE (testinterpipesink, "testinterpipesink",
    GST_RANK_NONE, GST_TYPE_TEST_INTERPIPE_SINK);

static gboolean
gst_test_interpipe_sink_start (GstBaseSink * bsink)
{
  GstTestInterpipeSink *self = GST_TEST_INTERPIPE_SINK (bsink);
  gchar *name = gst_object_get_name (GST_OBJECT (self));
  gboolean ok = testinterpipe_registry_add_node (self, name);

  if (!ok)
    GST_ELEMENT_ERROR (self, RESOURCE, BUSY,
        ("A node named \"%s\" already exists.", name),
        ("another started testinterpipesink has this name"));
  g_free (name);
  return ok;
}

static gboolean
gst_test_interpipe_sink_stop (GstBaseSink * bsink)
{
  testinterpipe_registry_remove_node (GST_TEST_INTERPIPE_SINK (bsink));
  return TRUE;
}

static gboolean
gst_test_interpipe_sink_set_caps (GstBaseSink * bsink, GstCaps * caps)
{
  testinterpipe_registry_set_caps (GST_TEST_INTERPIPE_SINK (bsink), caps);
  return TRUE;
}

static GstFlowReturn
gst_test_interpipe_sink_render (GstBaseSink * bsink, GstBuffer * buffer)
{
  testinterpipe_registry_dispatch (GST_TEST_INTERPIPE_SINK (bsink), buffer);
  return GST_FLOW_OK;
}

static void
gst_test_interpipe_sink_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstTestInterpipeSink *self = GST_TEST_INTERPIPE_SINK (object);

  switch (prop_id) {
    case PROP_NUM_LISTENERS:
      g_value_set_int (value, testinterpipe_registry_count_listeners (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_test_interpipe_sink_finalize (GObject * object)
{
  GstTestInterpipeSink *self = GST_TEST_INTERPIPE_SINK (object);

  /* normally done by stop(); never leave a dangling node behind */
  testinterpipe_registry_remove_node (self);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_test_interpipe_sink_init (GstTestInterpipeSink * self)
{
}

static void
gst_test_interpipe_sink_class_init (GstTestInterpipeSinkClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSinkClass *basesink_class = GST_BASE_SINK_CLASS (klass);

  gobject_class->get_property = gst_test_interpipe_sink_get_property;
  gobject_class->finalize = gst_test_interpipe_sink_finalize;

  /**
   * GstTestInterpipeSink:num-listeners:
   *
   * Started sources listening to this node. Never notified.
   */
  properties[PROP_NUM_LISTENERS] = g_param_spec_int ("num-listeners",
      "Number of listeners", "Started sources listening to this node "
      "(never notified)", 0, G_MAXINT, 0,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (gobject_class, PROP_LAST, properties);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_set_static_metadata (element_class,
      "Test interpipe sink", "Sink",
      "Test double of interpipesink: a named node that feeds "
      "testinterpipesrc listeners", "The gst-idlewatchdog authors");

  basesink_class->start = GST_DEBUG_FUNCPTR (gst_test_interpipe_sink_start);
  basesink_class->stop = GST_DEBUG_FUNCPTR (gst_test_interpipe_sink_stop);
  basesink_class->set_caps =
      GST_DEBUG_FUNCPTR (gst_test_interpipe_sink_set_caps);
  basesink_class->render = GST_DEBUG_FUNCPTR (gst_test_interpipe_sink_render);
}
