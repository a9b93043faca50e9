#!/usr/bin/env bash
# gst-idlewatchdog: installs the Debian 12 packages that a job needs.
#
#   bash scripts/deps.sh demo   what scripts/demo.sh needs: the build and the
#                               plugins the demo runs
#   bash scripts/deps.sh test   all of it: the demo's, plus what the test
#                               suite adds (gst-plugins-bad, valgrind, clang
#                               and its sanitizer runtimes, the Debian
#                               packaging tools)
#   bash scripts/deps.sh        the same as `test`
#
# Idempotent: when every package of the job is already installed it says so
# in one line and does not run apt-get at all.
#
# This is the one list of the project's system packages (below); the other
# scripts call this one.
#
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

# job  package                            what for
LIST='
demo  meson
demo  ninja-build
demo  pkg-config
demo  gcc
demo  libc6-dev
demo  libglib2.0-dev
demo  libgstreamer1.0-dev                 # also gst-check, for the tests
demo  libgstreamer-plugins-base1.0-dev    # gstreamer-app-1.0 (demo, bench)
demo  gstreamer1.0-plugins-base           # appsrc, audio/videotestsrc, videoconvert
demo  gstreamer1.0-plugins-good           # jpegenc, rtp payloaders, mulaw, udp
demo  gstreamer1.0-tools                  # gst-launch-1.0, gst-inspect-1.0
demo  python3                             # free ports, the demo plot, test logs
test  gstreamer1.0-plugins-bad            # watchdog, inter, proxy (tests, bench)
test  valgrind                            # the `valgrind` meson test setup
test  clang                               # libFuzzer targets (reliability.sh)
test  libclang-rt-14-dev                  # clang sanitizer and fuzzer runtimes
test  build-essential                     # implied build dependency of any .deb
test  dpkg-dev                            # dpkg-buildpackage (package-test.sh)
test  debhelper                           # dh, debian/rules
test  gobject-introspection               # GIR and typelib of the library
test  libgirepository1.0-dev              # build dependencies of g-ir-scanner
test  gir1.2-gstreamer-1.0                # Gst-1.0 typelib, for the Python tests
test  python3-gi                          # PyGObject: Python tests and example
test  python3-gst-1.0                     # Gst overrides for PyGObject
test  g++                                 # the C++ examples
'

job=${1:-test}
case $job in
  demo) jobs='demo' ;;
  test) jobs='demo test' ;;
  *) echo "usage: bash scripts/deps.sh [demo|test]" >&2; exit 2 ;;
esac

PACKAGES=()
while read -r j pkg _; do
  [ -n "$j" ] || continue
  case " $jobs " in *" $j "*) PACKAGES+=("$pkg") ;; esac
done <<< "$LIST"

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "deps ($job): all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "deps ($job): installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "deps: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
  exit 1
fi

# through env, so that DEBIAN_FRONTEND survives sudo (which resets the
# environment) and no package asks a question on the terminal
APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get
  -o DPkg::Lock::Timeout=300)
"${APT[@]}" update -qq
"${APT[@]}" install -y -q --no-install-recommends "${missing[@]}"
