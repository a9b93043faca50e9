#!/bin/sh
# gst-idlewatchdog: makes the folder of system plugins the tests may load
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: link-system-plugins.sh SYSTEM-PLUGIN-DIR OUT-DIR NAME...
#
# Fills OUT-DIR with one symbolic link per NAME, to
# SYSTEM-PLUGIN-DIR/libgstNAME.so, and nothing else (links from an earlier
# run are removed first). The tests point GST_PLUGIN_PATH_1_0 at OUT-DIR
# instead of the whole system plugin folder, so the registry they build
# (in-process under the sanitizers, GST_REGISTRY_FORK=no) opens only these
# plugins, whatever else the machine has installed. Prints the names whose
# file is missing (the tests that use them fail as "no element"); exits 0.
set -eu

src=$1
out=$2
shift 2

mkdir -p "$out"
find "$out" -maxdepth 1 -type l -name 'libgst*.so' -exec rm -f {} +
missing=
for name in "$@"; do
  file=$src/libgst$name.so
  if [ -f "$file" ]; then
    ln -s "$file" "$out/libgst$name.so"
  else
    missing="$missing $name"
  fi
done
if [ -n "$missing" ]; then
  echo "missing:$missing"
fi
