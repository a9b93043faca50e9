/* gst-idlewatchdog: switch and listener awareness
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Finds the switching elements upstream of the watchdog (by the properties
 * they expose: listen-to, active-pad, channel, proxysink) and the first
 * element downstream with a readable num-listeners property, by following
 * pad peers through ghost pads. Watches notify:: on the former, and the
 * links and pads of everything it walked so that a relink runs the walk
 * again. None of this touches the streaming path.
 *
 * Locking: a walk runs under discover_lock and never holds the object lock
 * while it calls into another element. Every callback gets the watchdog
 * through its shared weak reference and does nothing once it is disposed.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstidlewatchdog.h"

GST_DEBUG_CATEGORY_EXTERN (gst_idle_watchdog_debug);
#define GST_CAT_DEFAULT gst_idle_watchdog_debug

/* an upper bound on the elements one walk visits */
#define MAX_WALK 256

static const gchar *const switch_properties[] = {
  "listen-to", "active-pad", "channel", "proxysink", NULL
};

/* One notify:: connection to a switching element; freed with its closure */
typedef struct
{
  GWeakRef *self;               /* the watchdog's shared weak reference */
  GstElement *element;
  const gchar *property;
  gchar *value;                 /* protected by the watchdog's object lock */
  gboolean had_target;          /* idem: a target other than "" was seen */
  gulong handler;
} SwitchWatch;

/* The link and pad signals of one walked pad or element */
typedef struct
{
  GObject *object;
  gulong handlers[2];
} LinkWatch;

static void
switch_watch_free (gpointer data, GClosure * closure)
{
  SwitchWatch *w = data;

  gst_idle_watchdog_weak_release (w->self);
  gst_object_unref (w->element);
  g_free (w->value);
  g_free (w);
}

static void
release_weak (gpointer data, GClosure * closure)
{
  gst_idle_watchdog_weak_release (data);
}

static void
link_watch_free (gpointer data)
{
  LinkWatch *w = data;

  g_signal_handler_disconnect (w->object, w->handlers[0]);
  g_signal_handler_disconnect (w->object, w->handlers[1]);
  g_object_unref (w->object);
  g_free (w);
}

/* The property's value as a string: objects by name, "" for none */
static gchar *
read_value (GObject * object, const gchar * property)
{
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  GValue v = G_VALUE_INIT;
  gchar *str;

  g_value_init (&v, pspec->value_type);
  g_object_get_property (object, property, &v);
  if (G_VALUE_HOLDS_STRING (&v)) {
    str = g_value_dup_string (&v);
  } else if (G_VALUE_HOLDS_OBJECT (&v)) {
    GObject *o = g_value_get_object (&v);

    str = GST_IS_OBJECT (o) ? gst_object_get_name (GST_OBJECT (o)) : NULL;
  } else {
    str = g_strdup_value_contents (&v);
  }
  g_value_unset (&v);
  return str ? str : g_strdup ("");
}

static gboolean
readable (GObject * object, const gchar * property, GType type)
{
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  return pspec && (pspec->flags & G_PARAM_READABLE) &&
      (type == G_TYPE_INVALID || G_TYPE_FUNDAMENTAL (pspec->value_type) ==
      type);
}

static void
on_switch_notify (GObject * object, GParamSpec * pspec, SwitchWatch * w)
{
  GstIdleWatchdog *self = g_weak_ref_get (w->self);
  GstMessage *msg = NULL;
  gchar *value, *name;

  if (self == NULL)
    return;

  value = read_value (object, w->property);
  name = gst_object_get_name (GST_OBJECT (object));
  GST_OBJECT_LOCK (self);
  if (g_strcmp0 (value, w->value) != 0) {
    /* the first target (input-selector picking its first pad, listen-to
     * set on a source that never listened) is a connection, not a switch;
     * every change after it is one, to "" and back included */
    if (w->had_target)
      msg = gst_idle_watchdog_switched_locked (self, name, w->property,
          value);
    w->had_target = TRUE;
    g_free (w->value);
    w->value = g_strdup (value);
  }
  GST_OBJECT_UNLOCK (self);

  if (msg) {
    GST_INFO_OBJECT (self, "%s switched %s to '%s'", name, w->property, value);
    gst_idle_watchdog_post (self, msg);
  }
  g_free (value);
  g_free (name);
  gst_object_unref (self);
}

static void
rediscover (GstElement * element, gpointer user_data)
{
  GstIdleWatchdog *self = GST_IDLE_WATCHDOG (element);

  atomic_store (&self->rediscover_pending, FALSE);
  gst_idle_watchdog_discover (self);
}

/* A link change on the walked path: walk again, off the linking thread */
static void
request_rediscovery (GWeakRef * ref)
{
  GstIdleWatchdog *self = g_weak_ref_get (ref);

  if (self == NULL)
    return;
  if (!atomic_exchange (&self->rediscover_pending, TRUE))
    gst_element_call_async (GST_ELEMENT (self), rediscover, NULL, NULL);
  gst_object_unref (self);
}

static void
on_pad_link (GstPad * pad, GstPad * peer, GWeakRef * ref)
{
  request_rediscovery (ref);
}

static void
on_element_pad (GstElement * element, GstPad * pad, GWeakRef * ref)
{
  request_rediscovery (ref);
}

static LinkWatch *
link_watch_new (GstIdleWatchdog * self, GObject * object)
{
  LinkWatch *w = g_new0 (LinkWatch, 1);
  gboolean pad = GST_IS_PAD (object);
  GCallback cb = pad ? G_CALLBACK (on_pad_link) : G_CALLBACK (on_element_pad);

  w->object = g_object_ref (object);
  w->handlers[0] = g_signal_connect_data (object,
      pad ? "linked" : "pad-added", cb,
      gst_idle_watchdog_weak_acquire (self), release_weak, 0);
  w->handlers[1] = g_signal_connect_data (object,
      pad ? "unlinked" : "pad-removed", cb,
      gst_idle_watchdog_weak_acquire (self), release_weak, 0);
  return w;
}

typedef struct
{
  GstIdleWatchdog *self;
  GHashTable *seen;
  GQueue todo;
  GPtrArray *links;             /* LinkWatch */
} Walk;

/* Queues @element to be inspected and walked from, once. The walk stops
 * at another idlewatchdog: what lies beyond it is that element's to watch,
 * which keeps the cost of a chain of watchdogs linear in its length. */
static void
walk_queue (Walk * walk, GstElement * element)
{
  if (g_hash_table_size (walk->seen) < MAX_WALK &&
      g_hash_table_add (walk->seen, element) &&
      !GST_IS_IDLE_WATCHDOG (element))
    g_queue_push_tail (&walk->todo, gst_object_ref (element));
}

/* The pad an element really meets on the other side of @pad: through the
 * ghost pads of bins, into them and out of them. A bin entered on the way
 * is queued too: it may be the switching element itself (proxysrc is a
 * bin with a ghost pad). */
static GstPad *
real_peer (Walk * walk, GstPad * pad)
{
  GstPad *peer = gst_pad_get_peer (pad);

  while (peer) {
    GstPad *next;

    if (GST_IS_GHOST_PAD (peer)) {
      /* entering a bin */
      GstElement *bin = gst_pad_get_parent_element (peer);

      if (bin) {
        walk_queue (walk, bin);
        gst_object_unref (bin);
      }
      next = gst_ghost_pad_get_target (GST_GHOST_PAD (peer));
    } else if (GST_IS_PROXY_PAD (peer)) {
      /* leaving a bin through the ghost pad this internal pad belongs to */
      GstPad *ghost = GST_PAD (gst_proxy_pad_get_internal (GST_PROXY_PAD
              (peer)));

      next = ghost ? gst_pad_get_peer (ghost) : NULL;
      gst_clear_object (&ghost);
    } else {
      break;
    }
    gst_object_unref (peer);
    peer = next;
  }
  return peer;
}

/* Queues the element across every pad of @element in @direction */
static void
walk_from (Walk * walk, GstElement * element, GstPadDirection direction)
{
  GList *pads = NULL, *l;

  GST_OBJECT_LOCK (element);
  for (l = direction == GST_PAD_SINK ? element->sinkpads : element->srcpads;
      l; l = l->next)
    pads = g_list_prepend (pads, gst_object_ref (l->data));
  GST_OBJECT_UNLOCK (element);

  /* the watchdog's own pads are always pads: no pad-added to watch (and no
   * reference to itself to keep) */
  if (element != GST_ELEMENT (walk->self))
    g_ptr_array_add (walk->links, link_watch_new (walk->self,
            G_OBJECT (element)));
  for (l = pads; l; l = l->next) {
    GstPad *peer = real_peer (walk, l->data);
    GstElement *next = peer ? gst_pad_get_parent_element (peer) : NULL;

    g_ptr_array_add (walk->links, link_watch_new (walk->self, l->data));
    if (next)
      walk_queue (walk, next);
    gst_clear_object (&next);
    gst_clear_object (&peer);
  }
  g_list_free_full (pads, gst_object_unref);
}

static void
walk_init (Walk * walk, GstIdleWatchdog * self)
{
  walk->self = self;
  walk->seen = g_hash_table_new (NULL, NULL);
  g_hash_table_add (walk->seen, self);
  g_queue_init (&walk->todo);
}

static void
walk_clear (Walk * walk)
{
  g_queue_clear_full (&walk->todo, gst_object_unref);
  g_hash_table_unref (walk->seen);
}

/* Switching elements upstream: a new array of SwitchWatch, not connected */
static GPtrArray *
find_switches (GstIdleWatchdog * self, GPtrArray * links)
{
  GPtrArray *found = g_ptr_array_new ();
  Walk walk;
  GstElement *e;

  walk_init (&walk, self);
  walk.links = links;
  walk_from (&walk, GST_ELEMENT (self), GST_PAD_SINK);
  while ((e = g_queue_pop_head (&walk.todo))) {
    guint i;

    for (i = 0; switch_properties[i]; i++) {
      if (readable (G_OBJECT (e), switch_properties[i], G_TYPE_INVALID)) {
        SwitchWatch *w = g_new0 (SwitchWatch, 1);

        w->element = gst_object_ref (e);
        w->property = switch_properties[i];
        g_ptr_array_add (found, w);
      }
    }
    walk_from (&walk, e, GST_PAD_SINK);
    gst_object_unref (e);
  }
  walk_clear (&walk);
  return found;
}

/* The nearest element downstream with a readable integer num-listeners */
static GstElement *
find_listener_sink (GstIdleWatchdog * self, GPtrArray * links)
{
  GstElement *found = NULL, *e;
  Walk walk;

  walk_init (&walk, self);
  walk.links = links;
  walk_from (&walk, GST_ELEMENT (self), GST_PAD_SRC);
  while (!found && (e = g_queue_pop_head (&walk.todo))) {
    if (readable (G_OBJECT (e), "num-listeners", G_TYPE_INT) ||
        readable (G_OBJECT (e), "num-listeners", G_TYPE_UINT))
      found = gst_object_ref (e);
    else
      walk_from (&walk, e, GST_PAD_SRC);
    gst_object_unref (e);
  }
  walk_clear (&walk);
  return found;
}

static gboolean
same_watch (gconstpointer a, gconstpointer b)
{
  const SwitchWatch *x = a, *y = b;

  return x->element == y->element && x->property == y->property;
}

/**
 * gst_idle_watchdog_discover:
 *
 * Walks the pipeline and brings the connections up to date: keeps the
 * watches (and the values they remember) of switching elements still found,
 * connects new ones, disconnects the rest; picks the listener element.
 */
void
gst_idle_watchdog_discover (GstIdleWatchdog * self)
{
  GPtrArray *found, *links, *old_links, *gone;
  GstElement *listener, *old_listener;
  gboolean enabled;
  guint i;

  g_mutex_lock (&self->discover_lock);
  GST_OBJECT_LOCK (self);
  enabled = self->watch_switches && self->discovering;
  GST_OBJECT_UNLOCK (self);

  links = g_ptr_array_new_with_free_func (link_watch_free);
  if (enabled) {
    found = find_switches (self, links);
    listener = find_listener_sink (self, links);
  } else {
    found = g_ptr_array_new ();
    listener = NULL;
  }

  /* keep what is still there, connect what is new */
  gone = self->switch_watches;
  self->switch_watches = g_ptr_array_new ();
  for (i = 0; i < found->len; i++) {
    SwitchWatch *w = g_ptr_array_index (found, i);
    guint idx;

    if (g_ptr_array_find_with_equal_func (gone, w, same_watch, &idx)) {
      g_ptr_array_add (self->switch_watches, g_ptr_array_steal_index_fast (gone,
              idx));
      gst_object_unref (w->element);
      g_free (w);
      continue;
    }
    w->self = gst_idle_watchdog_weak_acquire (self);
    /* connect before reading, so that no change falls in between */
    {
      gchar *detailed = g_strconcat ("notify::", w->property, NULL);
      gchar *value;

      GST_OBJECT_LOCK (self);
      w->value = g_strdup ("");
      GST_OBJECT_UNLOCK (self);
      w->handler = g_signal_connect_data (w->element, detailed,
          G_CALLBACK (on_switch_notify), w, switch_watch_free, 0);
      g_free (detailed);
      value = read_value (G_OBJECT (w->element), w->property);
      GST_OBJECT_LOCK (self);
      if (!w->had_target) {
        g_free (w->value);
        w->value = value;
        w->had_target = value[0] != '\0';
      } else {
        g_free (value);         /* a notify came first and knows better */
      }
      GST_OBJECT_UNLOCK (self);
    }
    GST_DEBUG_OBJECT (self, "watching %" GST_PTR_FORMAT "::%s", w->element,
        w->property);
    g_ptr_array_add (self->switch_watches, w);
  }
  g_ptr_array_unref (found);
  for (i = 0; i < gone->len; i++) {
    SwitchWatch *w = g_ptr_array_index (gone, i);

    g_signal_handler_disconnect (w->element, w->handler);
  }
  g_ptr_array_unref (gone);

  old_links = self->link_watches;
  self->link_watches = links;
  if (old_links)
    g_ptr_array_unref (old_links);

  GST_OBJECT_LOCK (self);
  old_listener = self->listener_sink;
  self->listener_sink = listener;
  if (listener != old_listener) {
    self->zero_since = GST_CLOCK_TIME_NONE;
    self->listener_idle = FALSE;
  }
  gst_idle_watchdog_schedule_listener_locked (self);
  GST_OBJECT_UNLOCK (self);
  gst_clear_object (&old_listener);

  g_mutex_unlock (&self->discover_lock);
}

/**
 * gst_idle_watchdog_forget:
 *
 * Drops every connection and reference the discovery made.
 */
void
gst_idle_watchdog_forget (GstIdleWatchdog * self)
{
  GST_OBJECT_LOCK (self);
  self->discovering = FALSE;
  GST_OBJECT_UNLOCK (self);
  gst_idle_watchdog_discover (self);
}

/* Reads num-listeners; called from the listener timer, no lock held */
gint
gst_idle_watchdog_read_listeners (GstElement * sink)
{
  GValue v = G_VALUE_INIT;
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (sink),
      "num-listeners");
  gint n;

  g_value_init (&v, pspec->value_type);
  g_object_get_property (G_OBJECT (sink), "num-listeners", &v);
  n = G_VALUE_HOLDS_INT (&v) ? g_value_get_int (&v) :
      (gint) MIN (g_value_get_uint (&v), G_MAXINT);
  g_value_unset (&v);
  return n;
}
