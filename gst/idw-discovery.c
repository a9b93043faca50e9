/* gst-idlewatchdog: switch and listener discovery
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Locking: walk_lock serialises the walks and guards the arrays of watches;
 * lock, held only briefly and never while calling out, guards the rest. A
 * walk holds no lock of another discovery; a relay copies what it needs
 * under the lock and calls out without it. Callbacks from signals hold a
 * reference on the discovery and reach the owner through a weak reference.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdatomic.h>

#include "idw-discovery.h"

GST_DEBUG_CATEGORY_STATIC (idw_discovery_debug);
#define GST_CAT_DEFAULT idw_discovery_debug

/* upper bounds on the elements one walk visits, on the watchdogs one relay
 * reaches and on a chain of watchdogs a listener is looked up through */
#define MAX_WALK 256
#define MAX_RELAY 1024
#define MAX_CHAIN 64

static const gchar *const switch_properties[] = {
  "listen-to", "active-pad", "channel", "proxysink", NULL
};

struct _IdwDiscovery
{
  GWeakRef owner;
  IdwDiscoveryCallbacks cb;
  gpointer user_data;
  gboolean in_front;            /* the owner is downstream of the watch */
  atomic_bool rediscover_pending;
  atomic_bool changed;          /* a link or pad changed on the walked path
                                 * since the last walk began */

  GMutex walk_lock;
  GPtrArray *switch_watches;    /* SwitchWatch */
  GPtrArray *link_watches;      /* LinkWatch */

  GMutex lock;
  gboolean enabled;
  gboolean started;
  gboolean walked;              /* the last walk was made enabled and
                                 * started: idw_discovery_revisit() */
  GPtrArray *upstream;          /* IdwDiscovery, referenced: followed */
  GPtrArray *followers;         /* IdwDiscovery, not referenced: each
                                 * removes itself before it goes */
  GstElement *listener;
  IdwDiscovery *downstream;     /* referenced */
  gboolean reported_listener;
};

/* One notify:: connection to a switching element; freed with its closure */
typedef struct
{
  IdwDiscovery *d;              /* referenced */
  GstElement *element;
  const gchar *property;
  gchar *value;                 /* d->lock */
  gboolean had_target;          /* d->lock: a target other than "" was seen */
  gulong handler;
} SwitchWatch;

/* The link and pad signals of one walked pad or element */
typedef struct
{
  GObject *object;
  gulong handlers[2];
} LinkWatch;

static GQuark discovery_quark;

static IdwDiscovery *
discovery_ref (IdwDiscovery * d)
{
  return g_atomic_rc_box_acquire (d);
}

static void
discovery_clear (IdwDiscovery * d)
{
  g_weak_ref_clear (&d->owner);
  g_ptr_array_unref (d->switch_watches);
  g_clear_pointer (&d->link_watches, g_ptr_array_unref);
  g_ptr_array_unref (d->upstream);
  g_ptr_array_unref (d->followers);
  g_mutex_clear (&d->walk_lock);
  g_mutex_clear (&d->lock);
}

static void
discovery_unref (gpointer d)
{
  g_atomic_rc_box_release_full (d, (GDestroyNotify) discovery_clear);
}

/* The discovery of another watchdog, referenced, or NULL */
static IdwDiscovery *
discovery_of (GstElement * element)
{
  IdwDiscovery *d = g_object_get_qdata (G_OBJECT (element), discovery_quark);

  /* alive as long as @element, on which the caller holds a reference */
  return d ? discovery_ref (d) : NULL;
}

static void
switch_watch_free (gpointer data, GClosure * closure)
{
  SwitchWatch *w = data;

  discovery_unref (w->d);
  gst_object_unref (w->element);
  g_free (w->value);
  g_free (w);
}

static void
release_discovery (gpointer data, GClosure * closure)
{
  discovery_unref (data);
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

/* Tells the owner of @d of a switch */
static void
report (IdwDiscovery * d, const gchar * element, const gchar * property,
    const gchar * old_value, const gchar * new_value, gboolean relayed)
{
  GstElement *owner = g_weak_ref_get (&d->owner);

  if (owner) {
    d->cb.switched (owner, element, property, old_value, new_value, relayed,
        d->user_data);
    gst_object_unref (owner);
  }
}

/* Appends the followers of @d, referenced, to @queue */
static void
queue_followers (IdwDiscovery * d, GQueue * queue)
{
  guint i;

  g_mutex_lock (&d->lock);
  for (i = 0; i < d->followers->len; i++)
    g_queue_push_tail (queue, discovery_ref (g_ptr_array_index (d->followers,
                i)));
  g_mutex_unlock (&d->lock);
}

/* Reports a switch to every watchdog downstream of @d, nearest first */
static void
relay (IdwDiscovery * d, const gchar * element, const gchar * property,
    const gchar * old_value, const gchar * new_value)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  GQueue queue = G_QUEUE_INIT;
  IdwDiscovery *f;

  queue_followers (d, &queue);
  while ((f = g_queue_pop_head (&queue))) {
    if (g_hash_table_size (seen) < MAX_RELAY && g_hash_table_add (seen, f)) {
      report (f, element, property, old_value, new_value, TRUE);
      queue_followers (f, &queue);
    }
    discovery_unref (f);
  }
  g_hash_table_unref (seen);
}

/* A value read from a watched property: a switch if it differs from the
 * last one, unless it is the first target (input-selector picking its first
 * pad, listen-to set on a source that never listened), which is a
 * connection. Every change after it is a switch, to "" and back included. */
static void
take_value (SwitchWatch * w, const gchar * value)
{
  IdwDiscovery *d = w->d;
  gchar *old = NULL, *name;

  g_mutex_lock (&d->lock);
  if (g_strcmp0 (value, w->value) != 0) {
    if (w->had_target)
      old = g_strdup (w->value);
    w->had_target = TRUE;
    g_free (w->value);
    w->value = g_strdup (value);
  }
  g_mutex_unlock (&d->lock);
  if (old == NULL)
    return;

  name = gst_object_get_name (GST_OBJECT (w->element));
  GST_DEBUG_OBJECT (w->element, "switched %s from '%s' to '%s'", w->property,
      old, value);
  report (d, name, w->property, old, value, FALSE);
  relay (d, name, w->property, old, value);
  g_free (name);
  g_free (old);
}

static void
on_switch_notify (GObject * object, GParamSpec * pspec, SwitchWatch * w)
{
  gchar *value = read_value (object, w->property);

  take_value (w, value);
  g_free (value);
}

static void
rediscover (GstElement * owner, gpointer user_data)
{
  IdwDiscovery *d = user_data;

  atomic_store (&d->rediscover_pending, FALSE);
  idw_discovery_refresh (d);
}

/* A link change on the walked path: walk again, off the linking thread */
static void
request_rediscovery (IdwDiscovery * d)
{
  GstElement *owner;

  if (atomic_exchange (&d->rediscover_pending, TRUE))
    return;
  owner = g_weak_ref_get (&d->owner);
  if (owner) {
    gst_element_call_async (owner, rediscover, discovery_ref (d),
        discovery_unref);
    gst_object_unref (owner);
  } else {
    atomic_store (&d->rediscover_pending, FALSE);
  }
}

static void
on_pad_link (GstPad * pad, GstPad * peer, IdwDiscovery * d)
{
  atomic_store (&d->changed, TRUE);
  request_rediscovery (d);
}

static void
on_element_pad (GstElement * element, GstPad * pad, IdwDiscovery * d)
{
  atomic_store (&d->changed, TRUE);
  request_rediscovery (d);
}

static LinkWatch *
link_watch_new (IdwDiscovery * d, GObject * object)
{
  LinkWatch *w = g_new0 (LinkWatch, 1);
  gboolean pad = GST_IS_PAD (object);
  GCallback cb = pad ? G_CALLBACK (on_pad_link) : G_CALLBACK (on_element_pad);

  w->object = g_object_ref (object);
  w->handlers[0] = g_signal_connect_data (object,
      pad ? "linked" : "pad-added", cb, discovery_ref (d), release_discovery,
      0);
  w->handlers[1] = g_signal_connect_data (object,
      pad ? "unlinked" : "pad-removed", cb, discovery_ref (d),
      release_discovery, 0);
  return w;
}

typedef struct
{
  IdwDiscovery *d;
  GstElement *start;
  GHashTable *seen;
  GQueue todo;
  GPtrArray *links;             /* LinkWatch */
  GPtrArray *watchdogs;         /* IdwDiscovery met, referenced */
  GPtrArray *fronted;           /* owners of in-front discoveries met */
} Walk;

/* Queues @element to be inspected and walked from, once. Another watchdog
 * ends the walk there: it is noted, not walked through. */
static void
walk_queue (Walk * walk, GstElement * element)
{
  IdwDiscovery *other;

  if (g_hash_table_size (walk->seen) >= MAX_WALK ||
      !g_hash_table_add (walk->seen, element))
    return;
  if ((other = discovery_of (element))) {
    g_ptr_array_add (walk->watchdogs, other);
    /* that watch is before @element: @element is on this side of it */
    if (other->in_front)
      g_ptr_array_add (walk->fronted, gst_object_ref (element));
  } else
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
      GstElement *bin = gst_pad_get_parent_element (peer);

      if (bin) {
        walk_queue (walk, bin);
        gst_object_unref (bin);
      }
      next = gst_ghost_pad_get_target (GST_GHOST_PAD (peer));
    } else if (GST_IS_PROXY_PAD (peer)) {
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

/* TRUE if pads may be added to @element or removed from it after it was
 * made: a bin (ghost pads), or an element with a pad template that is not
 * `always` */
static gboolean
may_add_pads (GstElement * element)
{
  const GList *l;

  if (GST_IS_BIN (element))
    return TRUE;
  for (l = gst_element_class_get_pad_template_list (GST_ELEMENT_GET_CLASS
          (element)); l; l = l->next) {
    if (GST_PAD_TEMPLATE_PRESENCE (l->data) != GST_PAD_ALWAYS)
      return TRUE;
  }
  return FALSE;
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

  /* pads come and go only on bins and elements with sometimes or request
   * pads: the others (and the owner) have no pad-added to watch */
  if (element != walk->start && may_add_pads (element))
    g_ptr_array_add (walk->links, link_watch_new (walk->d, G_OBJECT (element)));
  for (l = pads; l; l = l->next) {
    GstPad *peer = real_peer (walk, l->data);
    GstElement *next = peer ? gst_pad_get_parent_element (peer) : NULL;

    g_ptr_array_add (walk->links, link_watch_new (walk->d, l->data));
    if (next)
      walk_queue (walk, next);
    gst_clear_object (&next);
    gst_clear_object (&peer);
  }
  g_list_free_full (pads, gst_object_unref);
}

static void
walk_init (Walk * walk, IdwDiscovery * d, GstElement * start,
    GPtrArray * links)
{
  walk->d = d;
  walk->start = start;
  walk->seen = g_hash_table_new (NULL, NULL);
  g_hash_table_add (walk->seen, start);
  g_queue_init (&walk->todo);
  walk->links = links;
  walk->watchdogs = g_ptr_array_new_with_free_func (discovery_unref);
  walk->fronted = g_ptr_array_new_with_free_func (gst_object_unref);
}

static void
walk_clear (Walk * walk)
{
  g_queue_clear_full (&walk->todo, gst_object_unref);
  g_hash_table_unref (walk->seen);
  g_ptr_array_unref (walk->fronted);
}

/* Adds a SwitchWatch (not connected) to @found for every switch property
 * of @e */
static void
inspect (GstElement * e, GPtrArray * found)
{
  guint i;

  for (i = 0; switch_properties[i]; i++) {
    if (readable (G_OBJECT (e), switch_properties[i], G_TYPE_INVALID)) {
      SwitchWatch *w = g_new0 (SwitchWatch, 1);

      w->element = gst_object_ref (e);
      w->property = switch_properties[i];
      g_ptr_array_add (found, w);
    }
  }
}

static gboolean
has_listeners (GstElement * e)
{
  return readable (G_OBJECT (e), "num-listeners", G_TYPE_INT) ||
      readable (G_OBJECT (e), "num-listeners", G_TYPE_UINT);
}

/* Switching elements upstream (a new array of SwitchWatch, not connected)
 * and the watchdogs the walk stopped at (@upstream) */
static GPtrArray *
find_switches (Walk * walk, GPtrArray ** upstream)
{
  GPtrArray *found = g_ptr_array_new ();
  GstElement *e;
  guint i;

  walk_from (walk, walk->start, GST_PAD_SINK);
  while ((e = g_queue_pop_head (&walk->todo))) {
    inspect (e, found);
    walk_from (walk, e, GST_PAD_SINK);
    gst_object_unref (e);
  }
  /* the owner of a watch in front of it is upstream of us, not of it */
  for (i = 0; i < walk->fronted->len; i++)
    inspect (g_ptr_array_index (walk->fronted, i), found);
  *upstream = g_ptr_array_ref (walk->watchdogs);
  return found;
}

/* The nearest element downstream with a readable integer num-listeners, or
 * the nearest watchdog (@downstream) if it comes first */
static GstElement *
find_listener (Walk * walk, IdwDiscovery ** downstream)
{
  GstElement *found = NULL, *e;

  *downstream = NULL;
  /* in front of its owner: the owner is the nearest element downstream */
  if (walk->d->in_front && has_listeners (walk->start))
    return gst_object_ref (walk->start);
  walk_from (walk, walk->start, GST_PAD_SRC);
  while (!found && walk->watchdogs->len == 0 &&
      (e = g_queue_pop_head (&walk->todo))) {
    if (has_listeners (e))
      found = gst_object_ref (e);
    else
      walk_from (walk, e, GST_PAD_SRC);
    gst_object_unref (e);
  }
  if (!found && walk->watchdogs->len > 0)
    *downstream = discovery_ref (g_ptr_array_index (walk->watchdogs, 0));
  return found;
}

static gboolean
same_watch (gconstpointer a, gconstpointer b)
{
  const SwitchWatch *x = a, *y = b;

  return x->element == y->element && x->property == y->property;
}

/* Connects a new watch: read, connect, read again, so that a change
 * between the first read and the connection is a switch too, and a notify
 * that comes before the second read compares with the first */
static void
connect_watch (IdwDiscovery * d, SwitchWatch * w)
{
  gchar *detailed = g_strconcat ("notify::", w->property, NULL);
  gchar *value = read_value (G_OBJECT (w->element), w->property);

  w->d = discovery_ref (d);
  w->had_target = value[0] != '\0';
  w->value = value;
  w->handler = g_signal_connect_data (w->element, detailed,
      G_CALLBACK (on_switch_notify), w, switch_watch_free, 0);
  g_free (detailed);
  value = read_value (G_OBJECT (w->element), w->property);
  take_value (w, value);
  g_free (value);
  GST_DEBUG_OBJECT (w->element, "watching %" GST_PTR_FORMAT "::%s",
      w->element, w->property);
}

static void
follow (IdwDiscovery * d, IdwDiscovery * up, gboolean on)
{
  g_mutex_lock (&up->lock);
  if (on)
    g_ptr_array_add (up->followers, d);
  else
    g_ptr_array_remove_fast (up->followers, d);
  g_mutex_unlock (&up->lock);
}

/* Brings the connections up to date: keeps the watches (and the values
 * they remember) of switching elements still found, connects new ones,
 * disconnects the rest; follows the watchdogs met upstream; picks the
 * listener element. */
void
idw_discovery_refresh (IdwDiscovery * d)
{
  GstElement *owner = g_weak_ref_get (&d->owner);
  GPtrArray *found, *links, *gone, *upstream, *old_upstream;
  GstElement *listener = NULL, *old_listener;
  IdwDiscovery *downstream = NULL, *old_downstream;
  gboolean active, have, report_have;
  guint i;

  g_mutex_lock (&d->walk_lock);
  g_mutex_lock (&d->lock);
  active = d->enabled && d->started && owner != NULL;
  d->walked = active;
  g_mutex_unlock (&d->lock);
  /* a change from here on is one this walk may not see */
  atomic_store (&d->changed, FALSE);

  links = g_ptr_array_new_with_free_func (link_watch_free);
  if (active) {
    Walk walk;

    walk_init (&walk, d, owner, links);
    found = find_switches (&walk, &upstream);
    walk_clear (&walk);
    g_ptr_array_unref (walk.watchdogs);
    walk_init (&walk, d, owner, links);
    listener = find_listener (&walk, &downstream);
    walk_clear (&walk);
    g_ptr_array_unref (walk.watchdogs);
  } else {
    found = g_ptr_array_new ();
    upstream = g_ptr_array_new_with_free_func (discovery_unref);
  }

  /* keep what is still there, connect what is new */
  gone = d->switch_watches;
  d->switch_watches = g_ptr_array_new ();
  for (i = 0; i < found->len; i++) {
    SwitchWatch *w = g_ptr_array_index (found, i);
    guint idx;

    if (g_ptr_array_find_with_equal_func (gone, w, same_watch, &idx)) {
      g_ptr_array_add (d->switch_watches,
          g_ptr_array_steal_index_fast (gone, idx));
      gst_object_unref (w->element);
      g_free (w);
      continue;
    }
    connect_watch (d, w);
    g_ptr_array_add (d->switch_watches, w);
  }
  g_ptr_array_unref (found);
  for (i = 0; i < gone->len; i++) {
    SwitchWatch *w = g_ptr_array_index (gone, i);

    g_signal_handler_disconnect (w->element, w->handler);
  }
  g_ptr_array_unref (gone);

  g_clear_pointer (&d->link_watches, g_ptr_array_unref);
  d->link_watches = links;

  g_mutex_lock (&d->lock);
  old_upstream = d->upstream;
  d->upstream = upstream;
  old_listener = d->listener;
  d->listener = listener;
  old_downstream = d->downstream;
  d->downstream = downstream;
  have = listener != NULL || downstream != NULL;
  report_have = have != d->reported_listener || listener != old_listener;
  d->reported_listener = have;
  g_mutex_unlock (&d->lock);

  /* follow the new watchdogs upstream, leave the old ones */
  for (i = 0; i < upstream->len; i++)
    if (!g_ptr_array_find (old_upstream, g_ptr_array_index (upstream, i),
            NULL))
      follow (d, g_ptr_array_index (upstream, i), TRUE);
  for (i = 0; i < old_upstream->len; i++)
    if (!g_ptr_array_find (upstream, g_ptr_array_index (old_upstream, i),
            NULL))
      follow (d, g_ptr_array_index (old_upstream, i), FALSE);
  g_ptr_array_unref (old_upstream);
  gst_clear_object (&old_listener);
  g_clear_pointer (&old_downstream, discovery_unref);

  if (owner) {
    if (report_have) {
      /* a new element is a new count, even if one was there before */
      if (listener != NULL && old_listener != NULL)
        d->cb.listener_changed (owner, FALSE, d->user_data);
      d->cb.listener_changed (owner, have, d->user_data);
    }
    if (active)
      GST_DEBUG_OBJECT (owner, "watching %u switch properties, following %u "
          "watchdogs upstream, listener element %" GST_PTR_FORMAT "%s",
          d->switch_watches->len, upstream->len, listener,
          downstream ? " (through a watchdog downstream)" : "");
  }
  g_mutex_unlock (&d->walk_lock);
  gst_clear_object (&owner);
}

static void
discovery_init_once (void)
{
  static gsize init = 0;

  if (g_once_init_enter (&init)) {
    GST_DEBUG_CATEGORY_INIT (idw_discovery_debug, "idlewatchdog-discovery", 0,
        "Idle watchdog switch and listener discovery");
    discovery_quark = g_quark_from_static_string ("idw-discovery");
    g_once_init_leave (&init, 1);
  }
}

/* Whether @element has a discovery (it is a watchdog, or watched by one in
 * front of it): an element has one at most */
gboolean
idw_discovery_exists (GstElement * element)
{
  discovery_init_once ();
  return g_object_get_qdata (G_OBJECT (element), discovery_quark) != NULL;
}

/* @callbacks get @user_data; @in_front: the watch stands before @owner's
 * sink pad (see the header) */
IdwDiscovery *
idw_discovery_new (GstElement * owner, const IdwDiscoveryCallbacks * callbacks,
    gpointer user_data, gboolean in_front)
{
  IdwDiscovery *d = g_atomic_rc_box_new0 (IdwDiscovery);

  discovery_init_once ();
  g_weak_ref_init (&d->owner, owner);
  d->cb = *callbacks;
  d->user_data = user_data;
  d->in_front = in_front;
  atomic_init (&d->rediscover_pending, FALSE);
  atomic_init (&d->changed, FALSE);
  g_mutex_init (&d->walk_lock);
  g_mutex_init (&d->lock);
  d->enabled = TRUE;
  d->switch_watches = g_ptr_array_new ();
  d->upstream = g_ptr_array_new_with_free_func (discovery_unref);
  d->followers = g_ptr_array_new ();
  g_object_set_qdata (G_OBJECT (owner), discovery_quark, d);
  return d;
}

/* From the owner's finalize: drops every connection, then the discovery */
void
idw_discovery_free (IdwDiscovery * d, GstElement * owner)
{
  idw_discovery_stop (d);
  g_object_set_qdata (G_OBJECT (owner), discovery_quark, NULL);
  discovery_unref (d);
}

/* Walks again only if something on the walked path changed since the
 * last walk, or that walk was made before the discovery was enabled and
 * started: a pipeline going to PLAYING as it was in PAUSED costs no walk */
void
idw_discovery_revisit (IdwDiscovery * d)
{
  gboolean walked;

  g_mutex_lock (&d->lock);
  walked = d->walked && d->enabled && d->started;
  g_mutex_unlock (&d->lock);
  if (walked && !atomic_load (&d->changed))
    return;
  idw_discovery_refresh (d);
}

void
idw_discovery_set_enabled (IdwDiscovery * d, gboolean enabled)
{
  g_mutex_lock (&d->lock);
  d->enabled = enabled;
  g_mutex_unlock (&d->lock);
  idw_discovery_refresh (d);
}

/* From READY to PAUSED, and until idw_discovery_stop() */
void
idw_discovery_start (IdwDiscovery * d)
{
  g_mutex_lock (&d->lock);
  d->started = TRUE;
  g_mutex_unlock (&d->lock);
  idw_discovery_refresh (d);
}

/* Drops every connection and reference the discovery made */
void
idw_discovery_stop (IdwDiscovery * d)
{
  g_mutex_lock (&d->lock);
  d->started = FALSE;
  g_mutex_unlock (&d->lock);
  idw_discovery_refresh (d);
}

/* The listener element, referenced, or NULL: the one found, else the one a
 * watchdog downstream found (chains of watchdogs are followed, bounded) */
GstElement *
idw_discovery_dup_listener (IdwDiscovery * d)
{
  GstElement *found = NULL;
  IdwDiscovery *cur = discovery_ref (d), *next;
  guint depth;

  for (depth = 0; cur && depth < MAX_CHAIN; depth++) {
    g_mutex_lock (&cur->lock);
    if (cur->listener)
      found = gst_object_ref (cur->listener);
    next = (!found && cur->downstream) ? discovery_ref (cur->downstream) : NULL;
    g_mutex_unlock (&cur->lock);
    discovery_unref (cur);
    cur = next;
  }
  g_clear_pointer (&cur, discovery_unref);
  return found;
}

/* Reads num-listeners (may block: never on a clock's thread) */
gint
idw_discovery_read_listeners (GstElement * sink)
{
  GValue v = G_VALUE_INIT;
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (sink),
      "num-listeners");
  gint n;

  g_value_init (&v, pspec->value_type);
  g_object_get_property (G_OBJECT (sink), "num-listeners", &v);
  n = G_VALUE_HOLDS_INT (&v) ? MAX (g_value_get_int (&v), 0) :
      (gint) MIN (g_value_get_uint (&v), G_MAXINT);
  g_value_unset (&v);
  return n;
}
