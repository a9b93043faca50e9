/* gst-idlewatchdog benchmarks: the measurements, one per child process
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "bench-util.h"

G_BEGIN_DECLS

/* Each takes "key=value" words, prints "key value" lines, returns 0 on
 * success and exits non-zero with a message on stderr otherwise. */
gint bench_perbuf_main (gint argc, gchar ** argv);
gint bench_scale_main (gint argc, gchar ** argv);
gint bench_live_main (gint argc, gchar ** argv);
gint bench_timeout_main (gint argc, gchar ** argv);
gint bench_teardown_main (gint argc, gchar ** argv);
gint bench_switch_main (gint argc, gchar ** argv);
gint bench_flow_main (gint argc, gchar ** argv);
gint bench_fan_main (gint argc, gchar ** argv);

G_END_DECLS
