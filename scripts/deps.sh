#!/usr/bin/env bash
# gst-idlewatchdog: installs the Debian 12 packages that the build, the
# tests, the demo and the benchmarks need. Idempotent: when every package is
# already installed it does not run apt-get at all.
#
# This is the one list of the project's system packages; the other scripts
# call this one.
set -euo pipefail

PACKAGES=(
  # build
  meson
  ninja-build
  pkg-config
  gcc
  libc6-dev
  libglib2.0-dev
  libgstreamer1.0-dev
  libgstreamer-plugins-base1.0-dev
  # run time, tests, demo, benchmarks
  gstreamer1.0-plugins-base   # appsrc, audiotestsrc, videotestsrc
  gstreamer1.0-plugins-good   # udpsrc, udpsink
  gstreamer1.0-plugins-bad    # watchdog (the element compared against)
  gstreamer1.0-tools          # gst-launch-1.0, gst-inspect-1.0
  python3                     # test scripts: free ports, test log summary
  valgrind                    # the `valgrind` meson test setup
  # reliability runs (scripts/reliability.sh)
  clang                       # libFuzzer targets
  libclang-rt-14-dev          # clang's sanitizer and fuzzer runtimes
  # issue 11: introspection, the Python tests and examples, the C++ examples
  gobject-introspection libgirepository1.0-dev gir1.2-gstreamer-1.0 python3-gi python3-gst-1.0 g++
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "deps: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
