/* gst-idlewatchdog: switch and listener discovery
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Finds, from one element, the switching elements upstream (by the
 * properties they expose: listen-to, active-pad, channel, proxysink) and the
 * nearest element downstream with a readable num-listeners, following pad
 * peers through ghost pads. It owns its lock, its watches and a weak
 * reference to its owner, and reports through callbacks; it never touches
 * the owner's state.
 *
 * A walk stops at another element that has a discovery (another watchdog):
 * upstream, it follows that one, which relays every switch it sees; down,
 * the listener element is the one that discovery found. A chain of
 * watchdogs thus costs a walk of its own length, and every watchdog
 * downstream of a switch hears of it.
 *
 * A discovery "in front of" its owner (the tracer's: it watches as if a
 * watchdog stood before the owner's sink pad) counts the owner itself as
 * downstream of it: the owner may be the listener element, and a walk
 * from elsewhere that stops at the owner still inspects the owner's own
 * switch properties before following the discovery.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _IdwDiscovery IdwDiscovery;

typedef struct
{
  /* An upstream element changed its target (any thread, no discovery lock
   * held). @relayed: found by a discovery nearer to the switch, which
   * reported it to its owner first. */
  void (*switched) (GstElement * owner, const gchar * element,
      const gchar * property, const gchar * old_value,
      const gchar * new_value, gboolean relayed, gpointer user_data);
  /* The listener element (or a watchdog downstream that may have one) was
   * found or lost */
  void (*listener_changed) (GstElement * owner, gboolean have,
      gpointer user_data);
} IdwDiscoveryCallbacks;

IdwDiscovery *idw_discovery_new (GstElement * owner,
    const IdwDiscoveryCallbacks * callbacks, gpointer user_data,
    gboolean in_front);
gboolean idw_discovery_exists (GstElement * element);
void idw_discovery_free (IdwDiscovery * d, GstElement * owner);

void idw_discovery_set_enabled (IdwDiscovery * d, gboolean enabled);
void idw_discovery_start (IdwDiscovery * d);
void idw_discovery_refresh (IdwDiscovery * d);
void idw_discovery_revisit (IdwDiscovery * d);
void idw_discovery_stop (IdwDiscovery * d);

GstElement *idw_discovery_dup_listener (IdwDiscovery * d);
gint idw_discovery_read_listeners (GstElement * sink);

G_END_DECLS
