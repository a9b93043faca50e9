#!/usr/bin/env bash
# Runs the whole benchmark suite and rewrites docs/performance.md and
# docs/performance.svg; the full results go to build-bench/bench-results.json.
#
#   bash tests/bench/run.sh            # full run (about 10 minutes, 2 cores)
#   bash tests/bench/run.sh --quick    # about a minute
#
# Any other argument is passed to idlewatchdog-bench (see --help).
# BUILD_DIR overrides the build directory (default: build-bench).
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
export GST_PLUGIN_PATH_1_0="$build_dir/gst:$(pkg-config --variable=pluginsdir gstreamer-1.0)"
export GST_REGISTRY="$build_dir/tests/bench/bench.registry"
export GST_DEBUG=${GST_DEBUG:-*:1}

cd "$src_dir"
exec "$bench" --json "$build_dir/bench-results.json" \
  --doc "$src_dir/docs/performance.md" "$@"
