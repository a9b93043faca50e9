/* gst-idlewatchdog: the demo's Prometheus endpoint
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A tiny HTTP/1.0 responder on 127.0.0.1 only: `GET /metrics` answers 200
 * with gst_idle_watchdog_metrics_render_prometheus(), anything else 404;
 * one request per connection, then it is closed. It runs in a thread of
 * its own, with its own GMainContext (the GSocketService is made there, so
 * its accepts are dispatched there): a scrape is answered even while the
 * demo's main thread waits for sessions to stop.
 */
#include "demo-metrics-server.h"

#include <gio/gio.h>
#include <string.h>

#include <gst/idlewatchdog/idlewatchdog.h>

/* a request head longer than this is refused */
#define MAX_HEAD 8192
/* a client that sends nothing, or reads nothing, is dropped after this */
#define IO_TIMEOUT_S 5

struct _DemoMetricsServer
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GSocketService *service;

  /* handed back by the thread once it listens, or failed to */
  GMutex lock;
  GCond cond;
  gboolean ready;
  guint16 port;
  GError *error;
};

/* Reads the request head (up to the blank line); NULL if it never ends */
static gchar *
read_head (GInputStream * in)
{
  GString *head = g_string_sized_new (512);
  gchar buf[512];

  while (head->len < MAX_HEAD) {
    gssize n = g_input_stream_read (in, buf, sizeof (buf), NULL, NULL);

    if (n <= 0)
      break;
    g_string_append_len (head, buf, n);
    if (strstr (head->str, "\r\n\r\n") || strstr (head->str, "\n\n"))
      return g_string_free (head, FALSE);
  }
  g_string_free (head, TRUE);
  return NULL;
}

/* Whether the request line is `GET /metrics HTTP/1.x` (a query allowed) */
static gboolean
is_metrics_request (const gchar * head)
{
  gchar **words;
  gboolean ok;

  if (head == NULL)
    return FALSE;
  words = g_strsplit_set (head, " \r\n", 4);
  ok = g_strv_length (words) >= 3 && strcmp (words[0], "GET") == 0 &&
      (strcmp (words[1], "/metrics") == 0 ||
      g_str_has_prefix (words[1], "/metrics?")) &&
      g_str_has_prefix (words[2], "HTTP/1.");
  g_strfreev (words);
  return ok;
}

static gboolean
on_incoming (GSocketService * service, GSocketConnection * connection,
    GObject * source, gpointer data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out =
      g_io_stream_get_output_stream (G_IO_STREAM (connection));
  gchar *head, *body, *response;

  g_socket_set_timeout (g_socket_connection_get_socket (connection),
      IO_TIMEOUT_S);
  head = read_head (in);
  if (is_metrics_request (head)) {
    body = gst_idle_watchdog_metrics_render_prometheus ();
    response = g_strdup_printf ("HTTP/1.0 200 OK\r\n"
        "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
        "Connection: close\r\n\r\n%s",
        GST_IDLE_WATCHDOG_METRICS_PROMETHEUS_CONTENT_TYPE, strlen (body),
        body);
    g_free (body);
  } else {
    response = g_strdup ("HTTP/1.0 404 Not Found\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 10\r\n"
        "Connection: close\r\n\r\nnot found\n");
  }
  /* a client gone meanwhile is its own problem */
  g_output_stream_write_all (out, response, strlen (response), NULL, NULL,
      NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_free (response);
  g_free (head);
  return TRUE;
}

static gboolean
listen_loopback (DemoMetricsServer * self, guint16 port, GError ** error)
{
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *address = g_inet_socket_address_new (loopback, port);
  GSocketAddress *effective = NULL;
  gboolean ok;

  self->service = g_socket_service_new ();
  ok = g_socket_listener_add_address (G_SOCKET_LISTENER (self->service),
      address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &effective,
      error);
  if (ok) {
    self->port =
        g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
    g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming),
        self);
    g_socket_service_start (self->service);
  }
  g_clear_object (&effective);
  g_object_unref (address);
  g_object_unref (loopback);
  return ok;
}

static gpointer
server_thread (gpointer data)
{
  DemoMetricsServer *self = data;
  GError *error = NULL;
  gboolean ok;
  guint16 port;

  g_main_context_push_thread_default (self->context);
  g_mutex_lock (&self->lock);
  port = self->port;
  g_mutex_unlock (&self->lock);
  ok = listen_loopback (self, port, &error);

  g_mutex_lock (&self->lock);
  self->error = error;
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (ok)
    g_main_loop_run (self->loop);
  if (self->service) {
    g_socket_service_stop (self->service);
    g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    g_clear_object (&self->service);
  }
  /* what the stopped service left behind */
  while (g_main_context_iteration (self->context, FALSE));
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
server_free (DemoMetricsServer * self)
{
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* Listens on 127.0.0.1:@port (0: a port the system picks) and serves in a
 * thread of its own; NULL with @error set if it cannot listen */
DemoMetricsServer *
demo_metrics_server_start (guint16 port, GError ** error)
{
  DemoMetricsServer *self = g_new0 (DemoMetricsServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->port = port;
  self->thread = g_thread_new ("metrics-http", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->error) {
    g_thread_join (self->thread);
    g_propagate_error (error, self->error);
    server_free (self);
    return NULL;
  }
  return self;
}

guint16
demo_metrics_server_get_port (DemoMetricsServer * self)
{
  return self->port;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Stops listening, joins the thread and frees @self */
void
demo_metrics_server_stop (DemoMetricsServer * self)
{
  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);
  server_free (self);
}
