#!/usr/bin/env bash
# gst-idlewatchdog: builds the Debian packages from a clean copy of the tree,
# installs them, checks them from the system paths, and removes them again.
#
# Checks, one count each:
#   version   debian/changelog's upstream version is meson.build's
#   build     dpkg-buildpackage -us -uc -b in a copy of the tree that holds
#             only the files git knows (tracked, or new and not ignored)
#   install   apt-get install of the three .debs
#   inspect   gst-inspect-1.0 idlewatchdog finds the element in the system
#             plugin folder (no GST_PLUGIN_PATH*, a fresh GST_REGISTRY)
#   compile   tests/package/installed.c builds with nothing but
#             `pkg-config --cflags --libs gstidlewatchdog-1.0`, and runs: it
#             parses a message built with the installed library and makes
#             the element from the installed plugin
#   launch    gst-launch-1.0 with the installed element posts its timeout
#             and exits with an error (action=error)
#   remove    the packages are purged again, so the system copy never
#             shadows a build tree's plugin in other runs
#
# Ends with one line `package-test: N passed, M failed` and exits non-zero
# if anything failed. Logs go to $OUT (default build/package-test).
#
# Usage: bash scripts/package-test.sh [OUT]
#
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=${1:-${BUILD_DIR:-build}/package-test}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
PACKAGES=(gstreamer1.0-idlewatchdog libgstidlewatchdog-1.0-0
  libgstidlewatchdog-1.0-dev)
# the element must come from the system plugin folder (GStreamer may name
# it through /lib, which is /usr/lib on a merged-/usr system)
SYSTEM_PLUGINS=$(pkg-config --variable=pluginsdir gstreamer-1.0)
SYSTEM_PLUGIN=$(readlink -f "$SYSTEM_PLUGINS")/libgstidlewatchdog.so
# from_system LOG PATTERN: the file named after PATTERN in LOG is ours
from_system () {
  local f
  f=$(sed -n "s|.*$2 *\(/[^ ]*libgstidlewatchdog.so\)\$|\1|p" "$1" | head -n1)
  [ -n "$f" ] && [ "$(readlink -f "$f")" = "$SYSTEM_PLUGIN" ]
}

passed=0
failed=0
notes=()
pass () { passed=$((passed + 1)); echo "package-test: PASS $1"; }
fail () {
  failed=$((failed + 1)); notes+=("$1: $2")
  echo "package-test: FAIL $1: $2"
}

finish () {
  echo
  for n in "${notes[@]}"; do echo "$n"; done
  echo "package-test: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  fail install "not root and no sudo: the packages cannot be installed"
  finish
fi
APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get
  -o DPkg::Lock::Timeout=300 -q -y)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/idw-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# ------------------------------------------------------------------ version
project_version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" meson.build |
  head -n1)
debian_version=$(dpkg-parsechangelog -l debian/changelog -S Version)
if [ -n "$project_version" ] &&
    [ "${debian_version%-*}" = "$project_version" ]; then
  pass "version ($project_version)"
else
  fail version "meson.build says '$project_version', debian/changelog '$debian_version'"
fi

# ------------------------------------------------------------------ build
mkdir -p "$WORK/src"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
    (cd "$ROOT" && tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$WORK/src"
else
  tar -C "$ROOT" --exclude='./build*' -cf - . | tar -xf - -C "$WORK/src"
fi
t0=$(date +%s)
if (cd "$WORK/src" && dpkg-buildpackage -us -uc -b) > "$OUT/build.log" 2>&1; then
  pass "build ($(($(date +%s) - t0)) s)"
else
  fail build "dpkg-buildpackage failed (see $OUT/build.log)"
  tail -n 20 "$OUT/build.log"
  finish
fi
debs=()
for p in "${PACKAGES[@]}"; do
  debs+=("$(ls "$WORK/${p}_"*.deb 2>/dev/null | head -n1)")
done
cp "$WORK"/*.deb "$OUT/" 2>/dev/null

# ------------------------------------------------------------------ install
was_installed=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] && was_installed+=("$p")
done
if "${APT[@]}" install --no-install-recommends "${debs[@]}" \
    > "$OUT/install.log" 2>&1; then
  pass install
else
  fail install "apt-get install failed (see $OUT/install.log)"
  tail -n 20 "$OUT/install.log"
  finish
fi

# what an ordinary user has: no plugin path of ours, a registry made anew
clean_env=(env -u GST_PLUGIN_PATH -u GST_PLUGIN_PATH_1_0
  -u GST_PLUGIN_SYSTEM_PATH -u GST_PLUGIN_SYSTEM_PATH_1_0
  -u GST_PLUGIN_LOADING_WHITELIST -u GST_REGISTRY_FORK
  GST_REGISTRY="$WORK/registry.bin")

# ------------------------------------------------------------------ inspect
if "${clean_env[@]}" timeout 120 gst-inspect-1.0 idlewatchdog \
    > "$OUT/inspect.log" 2>&1 &&
    from_system "$OUT/inspect.log" Filename &&
    grep -Eq "Version +$project_version\$" "$OUT/inspect.log"; then
  pass "inspect ($SYSTEM_PLUGIN)"
else
  fail inspect "gst-inspect-1.0 idlewatchdog did not find the installed plugin (see $OUT/inspect.log)"
fi

# ------------------------------------------------------------------ compile
# shellcheck disable=SC2046 # pkg-config's words are meant to split
if cc -o "$WORK/installed" tests/package/installed.c \
      $(pkg-config --cflags --libs gstidlewatchdog-1.0) \
      > "$OUT/compile.log" 2>&1 &&
    "${clean_env[@]}" timeout 120 "$WORK/installed" >> "$OUT/compile.log" 2>&1 &&
    from_system "$OUT/compile.log" "idlewatchdog from"; then
  pass "compile (pkg-config gstidlewatchdog-1.0 $(pkg-config --modversion gstidlewatchdog-1.0))"
else
  fail compile "tests/package/installed.c did not build or run (see $OUT/compile.log)"
fi

# ------------------------------------------------------------------ launch
"${clean_env[@]}" timeout -s INT -k 5 60 gst-launch-1.0 -m \
    appsrc is-live=true ! idlewatchdog timeout=200 session-id=pkg action=error \
    ! fakesink > "$OUT/launch.log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] &&
    grep -q 'idle-watchdog-timeout, reason=(string)startup' "$OUT/launch.log" &&
    grep -q 'session-id=(string)pkg' "$OUT/launch.log"; then
  pass launch
else
  fail launch "gst-launch-1.0 exit $rc, no startup timeout (see $OUT/launch.log)"
fi

# ------------------------------------------------------------------ remove
remove=()
for p in "${PACKAGES[@]}"; do
  case " ${was_installed[*]} " in
    *" $p "*) ;;
    *) remove+=("$p") ;;
  esac
done
if [ "${#was_installed[@]}" -gt 0 ]; then
  echo "package-test: installed before this run, left installed (now this build): ${was_installed[*]}"
fi
left=()
if [ "${#remove[@]}" -gt 0 ]; then
  "${APT[@]}" purge "${remove[@]}" > "$OUT/remove.log" 2>&1
  for p in "${remove[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] && left+=("$p")
  done
fi
if [ "${#left[@]}" -eq 0 ]; then
  pass remove
else
  fail remove "still installed: ${left[*]} (see $OUT/remove.log)"
fi

finish
