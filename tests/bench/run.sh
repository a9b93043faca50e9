#!/usr/bin/env bash
# Runs the whole benchmark suite and rewrites docs/performance.md and
# docs/performance.svg; the full results go to build-bench/bench-results.json.
#
#   bash tests/bench/run.sh            # full run (about 10 minutes, 2 cores,
#                                      # plus the scale runs: see below)
#   bash tests/bench/run.sh --quick    # about two minutes
#   bash tests/bench/run.sh --sections flow,many,fan   # the scale runs only
#
# Any other argument is passed to idlewatchdog-bench (see --help), e.g.
# --flow-n 1000,5000,10000, --flow-window MS, --flow-play-timeout S,
# --many-n N (0 skips the 100,000-element run).
# BUILD_DIR overrides the build directory (default: build-bench);
# PLUGIN_DIR the directory of the plugin under test (default: its gst/), to
# measure another tree's element with this tree's bench.
#
# The scale runs (sections flow, many and fan: 1,000 to 10,000 live
# pipelines while data flows, 100,000 elements in one process, 100 tee
# branches) take 10 to 40 minutes more, depending on the element: every run
# that does not reach PLAYING, or does not tear down, within its bound is
# given up and reported as such. Their live sources are fakesrc: a
# videotestsrc holds two file descriptors, and 10,000 would not fit under
# the usual RLIMIT_NOFILE of 20,000 (with the flow child's
# source=videotestsrc, the child raises its own limit as far as it may).
# A run the machine has no room of threads for (one streaming thread per
# pipeline, against pid_max, threads-max, RLIMIT_NPROC and max_map_count) is
# refused; nothing is changed outside the bench's processes.
#
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

src_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BUILD_DIR:-$src_dir/build-bench}

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$src_dir" -Dexamples=enabled
fi
meson compile -C "$build_dir" idlewatchdog-bench gst/gstidlewatchdog

bench="$build_dir/tests/bench/idlewatchdog-bench"
if [ ! -x "$bench" ]; then
  echo "run.sh: $bench was not built (is gstreamer-app-1.0 installed?)" >&2
  exit 1
fi

# only the freshly built plugin plus the system ones, with a private registry
export GST_PLUGIN_SYSTEM_PATH_1_0=
plugin_dir=${PLUGIN_DIR:-$build_dir/gst}
export GST_PLUGIN_PATH_1_0="$plugin_dir:$(pkg-config --variable=pluginsdir gstreamer-1.0)"
export GST_REGISTRY="$build_dir/tests/bench/bench.registry"
export GST_DEBUG=${GST_DEBUG:-*:1}

cd "$src_dir"
exec "$bench" --json "$build_dir/bench-results.json" \
  --doc "$src_dir/docs/performance.md" "$@"
