/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:idlewatchdog-message
 * @title: Idle watchdog messages
 * @short_description: build, recognise and parse the idlewatchdog bus messages
 *
 * The `idlewatchdog` element posts three GST_MESSAGE_ELEMENT messages. Their
 * schema lives here, in one place: the element builds them with the `_new`
 * functions, applications recognise them with the `_is` functions and read
 * them with the `_parse` functions, which check every field's presence and
 * type and return %FALSE, filling in nothing, for a message that does not
 * follow the schema.
 */
#include <gst/idlewatchdog/idlewatchdog-message.h>

#include <string.h>

/* A copy owns its strings: they live in the same block, after the
 * structure, so that g_free() (g_boxed_free()) frees it all */
static GstIdleWatchdogTimeout *
timeout_copy (const GstIdleWatchdogTimeout * info)
{
  const gchar *const strings[] = { info->media_type, info->session_id,
    info->switch_element, info->switch_target
  };
  gsize size = sizeof (GstIdleWatchdogTimeout), len[G_N_ELEMENTS (strings)];
  GstIdleWatchdogTimeout *copy;
  const gchar **fields[G_N_ELEMENTS (strings)];
  gchar *p;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (strings); i++) {
    len[i] = strings[i] ? strlen (strings[i]) + 1 : 0;
    size += len[i];
  }
  copy = g_malloc0 (size);
  copy->reason = info->reason;
  copy->silence = info->silence;
  copy->timeout = info->timeout;
  copy->buffers = info->buffers;
  copy->last_pts = info->last_pts;
  fields[0] = &copy->media_type;
  fields[1] = &copy->session_id;
  fields[2] = &copy->switch_element;
  fields[3] = &copy->switch_target;
  p = (gchar *) (copy + 1);
  for (i = 0; i < G_N_ELEMENTS (strings); i++) {
    if (strings[i]) {
      memcpy (p, strings[i], len[i]);
      *fields[i] = p;
      p += len[i];
    }
  }
  return copy;
}

G_DEFINE_BOXED_TYPE (GstIdleWatchdogTimeout, gst_idle_watchdog_timeout,
    timeout_copy, g_free);

/* The registered enum (glib-mkenums) is the one table of reason nicks */
static GEnumClass *
reason_class (void)
{
  static GEnumClass *klass = NULL;

  if (g_once_init_enter (&klass)) {
    GEnumClass *k = g_type_class_ref (GST_TYPE_IDLE_WATCHDOG_REASON);

    g_once_init_leave (&klass, k);
  }
  return klass;
}

/**
 * gst_idle_watchdog_reason_to_string:
 * @reason: a #GstIdleWatchdogReason
 *
 * Returns: the nick used in the `reason` field, or %NULL for a value that is
 * not a reason.
 */
const gchar *
gst_idle_watchdog_reason_to_string (GstIdleWatchdogReason reason)
{
  GEnumValue *v = g_enum_get_value (reason_class (), reason);

  return v ? v->value_nick : NULL;
}

/**
 * gst_idle_watchdog_reason_from_string:
 * @str: a `reason` nick
 * @reason: (out): the reason
 *
 * Returns: %TRUE if @str is one of the documented nicks.
 */
gboolean
gst_idle_watchdog_reason_from_string (const gchar * str,
    GstIdleWatchdogReason * reason)
{
  GEnumValue *v;

  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  v = g_enum_get_value_by_nick (reason_class (), str);
  if (v == NULL)
    return FALSE;
  *reason = v->value;
  return TRUE;
}

static gboolean
message_has_name (GstMessage * msg, const gchar * name)
{
  g_return_val_if_fail (GST_IS_MESSAGE (msg), FALSE);

  return GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT &&
      gst_message_has_name (msg, name);
}

/* Reads an optional string field: absent is fine (NULL), another type is not */
static gboolean
get_optional_string (const GstStructure * s, const gchar * field,
    const gchar ** out)
{
  const GValue *v = gst_structure_get_value (s, field);

  if (v == NULL) {
    *out = NULL;
    return TRUE;
  }
  if (!G_VALUE_HOLDS_STRING (v))
    return FALSE;
  *out = g_value_get_string (v);
  return TRUE;
}

static void
set_optional_string (GstStructure * s, const gchar * field, const gchar * val)
{
  if (val != NULL)
    gst_structure_set (s, field, G_TYPE_STRING, val, NULL);
}

/**
 * gst_idle_watchdog_message_new_timeout:
 * @src: (transfer none) (nullable): the posting object
 * @info: the fields; %NULL strings are left out of the message, except
 *   `media_type`, which becomes ""
 *
 * Builds an `idle-watchdog-timeout` element message with the fields
 * `reason` (string), `silence`, `timeout`, `buffers`, `last-pts` (guint64),
 * `media-type` (string) and, when set, `session-id`, `switch-element` and
 * `switch-target` (strings).
 *
 * Returns: (transfer full): the new message, or %NULL if @info->reason is
 * not a #GstIdleWatchdogReason
 */
GstMessage *
gst_idle_watchdog_message_new_timeout (GstObject * src,
    const GstIdleWatchdogTimeout * info)
{
  const gchar *reason;
  GstStructure *s;

  g_return_val_if_fail (src == NULL || GST_IS_OBJECT (src), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  reason = gst_idle_watchdog_reason_to_string (info->reason);
  g_return_val_if_fail (reason != NULL, NULL);

  s = gst_structure_new (GST_IDLE_WATCHDOG_TIMEOUT_NAME,
      "reason", G_TYPE_STRING, reason,
      "silence", G_TYPE_UINT64, (guint64) info->silence,
      "timeout", G_TYPE_UINT64, (guint64) info->timeout,
      "buffers", G_TYPE_UINT64, info->buffers,
      "last-pts", G_TYPE_UINT64, (guint64) info->last_pts,
      "media-type", G_TYPE_STRING, info->media_type ? info->media_type : "",
      NULL);
  set_optional_string (s, "session-id", info->session_id);
  set_optional_string (s, "switch-element", info->switch_element);
  set_optional_string (s, "switch-target", info->switch_target);

  return gst_message_new_element (src, s);
}

/**
 * gst_idle_watchdog_message_is_timeout:
 * @msg: a #GstMessage
 *
 * Returns: %TRUE if @msg is an `idle-watchdog-timeout` element message.
 */
gboolean
gst_idle_watchdog_message_is_timeout (GstMessage * msg)
{
  return message_has_name (msg, GST_IDLE_WATCHDOG_TIMEOUT_NAME);
}

/**
 * gst_idle_watchdog_message_parse_timeout:
 * @msg: an `idle-watchdog-timeout` message
 * @info: (out caller-allocates): the fields; strings belong to @msg
 *
 * Returns: %TRUE if @msg is a timeout message with every required field of
 * the right type (optional strings that are absent are set to %NULL);
 * %FALSE otherwise, and @info is left untouched.
 */
gboolean
gst_idle_watchdog_message_parse_timeout (GstMessage * msg,
    GstIdleWatchdogTimeout * info)
{
  const GstStructure *s;
  GstIdleWatchdogTimeout out = { 0, };
  const gchar *reason;

  g_return_val_if_fail (info != NULL, FALSE);
  if (!gst_idle_watchdog_message_is_timeout (msg))
    return FALSE;

  s = gst_message_get_structure (msg);
  reason = gst_structure_get_string (s, "reason");
  if (reason == NULL || !gst_idle_watchdog_reason_from_string (reason,
          &out.reason))
    return FALSE;
  if (!gst_structure_get_uint64 (s, "silence", &out.silence) ||
      !gst_structure_get_uint64 (s, "timeout", &out.timeout) ||
      !gst_structure_get_uint64 (s, "buffers", &out.buffers) ||
      !gst_structure_get_uint64 (s, "last-pts", &out.last_pts))
    return FALSE;
  out.media_type = gst_structure_get_string (s, "media-type");
  if (out.media_type == NULL)
    return FALSE;
  if (!get_optional_string (s, "session-id", &out.session_id) ||
      !get_optional_string (s, "switch-element", &out.switch_element) ||
      !get_optional_string (s, "switch-target", &out.switch_target))
    return FALSE;

  *info = out;
  return TRUE;
}

/**
 * gst_idle_watchdog_message_new_resumed:
 * @src: (transfer none) (nullable): the posting object
 * @silence: the length of the whole silent episode, in nanoseconds
 * @session_id: (nullable): copied into `session-id` when not %NULL
 *
 * Returns: (transfer full): a new `idle-watchdog-resumed` element message
 */
GstMessage *
gst_idle_watchdog_message_new_resumed (GstObject * src, GstClockTime silence,
    const gchar * session_id)
{
  GstStructure *s;

  g_return_val_if_fail (src == NULL || GST_IS_OBJECT (src), NULL);

  s = gst_structure_new (GST_IDLE_WATCHDOG_RESUMED_NAME,
      "silence", G_TYPE_UINT64, (guint64) silence, NULL);
  set_optional_string (s, "session-id", session_id);
  return gst_message_new_element (src, s);
}

/**
 * gst_idle_watchdog_message_is_resumed:
 * @msg: a #GstMessage
 *
 * Returns: %TRUE if @msg is an `idle-watchdog-resumed` element message.
 */
gboolean
gst_idle_watchdog_message_is_resumed (GstMessage * msg)
{
  return message_has_name (msg, GST_IDLE_WATCHDOG_RESUMED_NAME);
}

/**
 * gst_idle_watchdog_message_parse_resumed:
 * @msg: an `idle-watchdog-resumed` message
 * @silence: (out) (optional): the length of the silent episode
 * @session_id: (out) (optional) (transfer none): the session id or %NULL
 *
 * Returns: %TRUE if @msg is a well-formed resumed message; on %FALSE the
 * outputs are left untouched.
 */
gboolean
gst_idle_watchdog_message_parse_resumed (GstMessage * msg,
    GstClockTime * silence, const gchar ** session_id)
{
  const GstStructure *s;
  guint64 sil;
  const gchar *sid;

  if (!gst_idle_watchdog_message_is_resumed (msg))
    return FALSE;
  s = gst_message_get_structure (msg);
  if (!gst_structure_get_uint64 (s, "silence", &sil) ||
      !get_optional_string (s, "session-id", &sid))
    return FALSE;
  if (silence)
    *silence = sil;
  if (session_id)
    *session_id = sid;
  return TRUE;
}

/**
 * gst_idle_watchdog_message_new_switch:
 * @src: (transfer none) (nullable): the posting object
 * @element: name of the upstream switching element
 * @property: the property that changed (e.g. `listen-to`)
 * @target: (nullable): the new value as a string ("" for none)
 * @session_id: (nullable): copied into `session-id` when not %NULL
 *
 * Returns: (transfer full): a new `idle-watchdog-switch` element message
 */
GstMessage *
gst_idle_watchdog_message_new_switch (GstObject * src, const gchar * element,
    const gchar * property, const gchar * target, const gchar * session_id)
{
  GstStructure *s;

  g_return_val_if_fail (src == NULL || GST_IS_OBJECT (src), NULL);
  g_return_val_if_fail (element != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  s = gst_structure_new (GST_IDLE_WATCHDOG_SWITCH_NAME,
      "switch-element", G_TYPE_STRING, element,
      "switch-property", G_TYPE_STRING, property,
      "switch-target", G_TYPE_STRING, target ? target : "", NULL);
  set_optional_string (s, "session-id", session_id);
  return gst_message_new_element (src, s);
}

/**
 * gst_idle_watchdog_message_is_switch:
 * @msg: a #GstMessage
 *
 * Returns: %TRUE if @msg is an `idle-watchdog-switch` element message.
 */
gboolean
gst_idle_watchdog_message_is_switch (GstMessage * msg)
{
  return message_has_name (msg, GST_IDLE_WATCHDOG_SWITCH_NAME);
}

/**
 * gst_idle_watchdog_message_parse_switch:
 * @msg: an `idle-watchdog-switch` message
 * @element: (out) (optional) (transfer none): the switching element's name
 * @property: (out) (optional) (transfer none): the property that changed
 * @target: (out) (optional) (transfer none): the new target
 * @session_id: (out) (optional) (transfer none): the session id or %NULL
 *
 * Returns: %TRUE if @msg is a well-formed switch message; on %FALSE the
 * outputs are left untouched.
 */
gboolean
gst_idle_watchdog_message_parse_switch (GstMessage * msg,
    const gchar ** element, const gchar ** property, const gchar ** target,
    const gchar ** session_id)
{
  const GstStructure *s;
  const gchar *e, *p, *t, *sid;

  if (!gst_idle_watchdog_message_is_switch (msg))
    return FALSE;
  s = gst_message_get_structure (msg);
  e = gst_structure_get_string (s, "switch-element");
  p = gst_structure_get_string (s, "switch-property");
  t = gst_structure_get_string (s, "switch-target");
  if (e == NULL || p == NULL || t == NULL ||
      !get_optional_string (s, "session-id", &sid))
    return FALSE;
  if (element)
    *element = e;
  if (property)
    *property = p;
  if (target)
    *target = t;
  if (session_id)
    *session_id = sid;
  return TRUE;
}

/**
 * gst_idle_watchdog_message_get_session_id:
 * @msg: any #GstMessage
 *
 * Routes messages of many sessions through one bus handler.
 *
 * Returns: (nullable) (transfer none): the `session-id` string of an
 * idlewatchdog message, or %NULL if @msg is not one or carries none.
 */
const gchar *
gst_idle_watchdog_message_get_session_id (GstMessage * msg)
{
  const GstStructure *s;
  const GValue *v;

  g_return_val_if_fail (GST_IS_MESSAGE (msg), NULL);

  if (!gst_idle_watchdog_message_is_timeout (msg) &&
      !gst_idle_watchdog_message_is_resumed (msg) &&
      !gst_idle_watchdog_message_is_switch (msg))
    return NULL;
  s = gst_message_get_structure (msg);
  v = gst_structure_get_value (s, "session-id");
  return (v && G_VALUE_HOLDS_STRING (v)) ? g_value_get_string (v) : NULL;
}
