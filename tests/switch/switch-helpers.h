/* gst-idlewatchdog: helpers shared by the switch-awareness tests
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/check/gstcheck.h>
#include <gst/check/gsttestclock.h>

#include "idlewatchdog.h"
#include "../common/idw-tap.h"

G_BEGIN_DECLS

#define MS GST_MSECOND

/* Counts the buffers crossing a pad; lets the test wait for data to have
 * gone through (a synchronisation, not a timing: the wait is bounded only
 * so that a broken element fails the test instead of hanging it). */
typedef struct
{
  GMutex lock;
  GCond cond;
  guint64 count;
  guint64 last_offset;          /* GST_BUFFER_OFFSET of the last one */
  GstPad *pad;
  gulong probe;
} FlowCounter;

void flow_counter_attach (FlowCounter * c, GstElement * element,
    const gchar * pad_name);
void flow_counter_detach (FlowCounter * c);
guint64 flow_counter_get (FlowCounter * c);
guint64 flow_counter_last_offset (FlowCounter * c);
/* Waits until the streaming thread in @e's chain (if any) has left it: a
 * watchdog's push has then returned, and it no longer counts as pushing */
void wait_element_chain_done (GstElement * e);
gboolean flow_counter_wait (FlowCounter * c, guint64 count);

GstElement *switch_pipeline_new (const gchar * description, GstClock * clock);
void switch_pipeline_tap (GstElement * pipeline);
void switch_pipeline_play (GstElement * pipeline);
void switch_pipeline_free (GstElement * pipeline);
GstElement *switch_pipeline_get (GstElement * pipeline, const gchar * name);

void push_buffer (GstElement * appsrc, guint64 offset);

void advance_to (GstTestClock * clock, GstClockTime time);
void wait_for_next_poll (GstTestClock * tc);
GstMessage *step_until_message (GstTestClock * tc, GstBus * bus,
    GstClockTime until, GstClockTime * at, gboolean polls);

GstMessage *pop_watchdog_message (GstBus * bus);
GstMessage *wait_watchdog_message (GstBus * bus);
GstMessage *timed_pop_watchdog_message (GstBus * bus, gint64 timeout);
guint drain_watchdog_messages (GstBus * bus);

gchar *describe_message (GstMessage * msg);
void assert_no_watchdog_message (GstBus * bus);
void assert_switch_message (GstMessage * msg, const gchar * element,
    const gchar * property, const gchar * target, const gchar * session_id);

G_END_DECLS
