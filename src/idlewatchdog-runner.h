/* gst-idlewatchdog: private
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One pipeline run in its own thread with its own GMainContext and
 * GMainLoop, and stopped with a bounded drain. The session owns one runner
 * per pipeline and decides, from what the runner reports, when they all
 * stop.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _IdwRunner IdwRunner;

typedef struct
{
  /* In the runner's thread: an ELEMENT message, or an EOS or ERROR that the
   * runner did not ask for (posted before it was told to stop) */
  void (*message) (IdwRunner * runner, GstMessage * msg, gpointer data);
  /* In the runner's thread: the pipeline could not go to PLAYING */
  void (*state_failure) (IdwRunner * runner, gpointer data);
  /* In the runner's thread, last thing it does: the pipeline is in NULL */
  void (*done) (IdwRunner * runner, gpointer data);
} IdwRunnerCallbacks;

G_GNUC_INTERNAL
IdwRunner * idw_runner_new (GstElement * pipeline, guint index,
    const IdwRunnerCallbacks * callbacks, gpointer data, GError ** error);

G_GNUC_INTERNAL
gboolean idw_runner_check_bus (IdwRunner * runner, GError ** error);

G_GNUC_INTERNAL
gboolean idw_runner_start (IdwRunner * runner, GError ** error);

G_GNUC_INTERNAL
void idw_runner_stop (IdwRunner * runner, GstClockTime timeout);

G_GNUC_INTERNAL
void idw_runner_join (IdwRunner * runner);

G_GNUC_INTERNAL
void idw_runner_free (IdwRunner * runner);

G_GNUC_INTERNAL
GstElement * idw_runner_get_pipeline (IdwRunner * runner);

G_GNUC_INTERNAL
const gchar * idw_runner_get_name (IdwRunner * runner);

G_GNUC_INTERNAL
guint idw_runner_get_index (IdwRunner * runner);

G_GNUC_INTERNAL
gpointer idw_runner_get_current_data (void);

G_END_DECLS
