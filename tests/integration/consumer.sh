#!/usr/bin/env bash
# gst-idlewatchdog: builds consumer/consumer.c, which includes
# <gst/idlewatchdog/idlewatchdog.h>, the three ways another project gets the
# library: the uninstalled pkg-config file of this build, the installed
# files (meson install into a scratch DESTDIR), and a meson project that
# has this tree as a subproject; runs each program.
#
# Usage: consumer.sh SOURCE_ROOT BUILD_ROOT
#
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

src=$1
build=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CC=${CC:-cc}

echo "== uninstalled pkg-config file"
export PKG_CONFIG_PATH="$build/meson-uninstalled${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
cflags=$(pkg-config --cflags gstidlewatchdog-1.0)
for flag in $cflags; do
  case $flag in
    -I*) if [ -e "${flag#-I}/config.h" ]; then
           echo "FAIL: $flag holds a config.h"; exit 1
         fi ;;
  esac
done
"$CC" -o "$tmp/uninstalled" "$here/consumer/consumer.c" $cflags \
  $(pkg-config --libs gstidlewatchdog-1.0)
LD_LIBRARY_PATH="$build/src" "$tmp/uninstalled"

echo "== installed (DESTDIR)"
meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/dest"
pc=$(find "$tmp/dest" -name gstidlewatchdog-1.0.pc | head -n 1)
prefix=$(sed -n 's/^prefix=//p' "$pc")
mkdir -p "$tmp/pc"
sed "s|^prefix=.*|prefix=$tmp/dest$prefix|" "$pc" > "$tmp/pc/gstidlewatchdog-1.0.pc"
unset PKG_CONFIG_PATH
export PKG_CONFIG_PATH="$tmp/pc"
"$CC" -o "$tmp/installed" "$here/consumer/consumer.c" \
  $(pkg-config --cflags --libs gstidlewatchdog-1.0)
libdir=$(dirname "$(find "$tmp/dest" -name 'libgstidlewatchdog-1.0.so.0' | head -n 1)")
LD_LIBRARY_PATH="$libdir" "$tmp/installed"
unset PKG_CONFIG_PATH

echo "== meson subproject"
mkdir -p "$tmp/project/subprojects"
cp "$here/consumer/meson.build" "$here/consumer/consumer.c" "$tmp/project/"
ln -s "$src" "$tmp/project/subprojects/gst-idlewatchdog"
meson setup --wrap-mode=forcefallback "$tmp/project/build" "$tmp/project" \
  -Dgst-idlewatchdog:tests=disabled -Dgst-idlewatchdog:examples=disabled \
  -Dgst-idlewatchdog:doc=disabled -Dgst-idlewatchdog:introspection=disabled \
  > "$tmp/setup.log" || { cat "$tmp/setup.log"; exit 1; }
meson compile -C "$tmp/project/build" > "$tmp/compile.log" ||
  { cat "$tmp/compile.log"; exit 1; }
"$tmp/project/build/consumer"
echo "consumer: all three builds ran"
