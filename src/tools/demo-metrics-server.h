/* gst-idlewatchdog: the demo's Prometheus endpoint
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DemoMetricsServer DemoMetricsServer;

DemoMetricsServer * demo_metrics_server_start (guint16 port, GError ** error);

guint16 demo_metrics_server_get_port (DemoMetricsServer * server);

void demo_metrics_server_stop (DemoMetricsServer * server);

G_END_DECLS
