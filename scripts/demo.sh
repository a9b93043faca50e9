#!/usr/bin/env bash
# gst-idlewatchdog: installs what is needed, builds, and runs the demo.
#
# The demo (run_demo below, the one place to change it) replays the incident
# this project exists for: 20 streaming sessions (video and audio producer
# and streaming pipelines each) run for 40 s while faults are injected
# (clients that vanish, producers that stall, switches to a producer that is
# gone). It runs twice, with the watchdog and then as the old server did
# (--no-watchdog), and prints threads, RSS and fds of both side by side; the
# plot of both runs goes to $BUILD/demo-threads-rss.svg.
#
# `bash scripts/demo.sh --udp` runs the short single-stream demo instead: a
# UDP sender on loopback that stops, and the receiver's watchdog that says so.
#
# Usage: bash scripts/demo.sh [--udp]   (build dir: build, or $BUILD_DIR)
#
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${BUILD_DIR:-build}

bash scripts/deps.sh demo
if [ -f "$BUILD/build.ninja" ]; then
  meson setup --reconfigure "$BUILD" >/dev/null
else
  meson setup "$BUILD" >/dev/null
fi
meson compile -C "$BUILD" >/dev/null

# the plugin of this build tree, with a registry of its own
export GST_PLUGIN_PATH="$PWD/$BUILD/gst${GST_PLUGIN_PATH:+:$GST_PLUGIN_PATH}"
export GST_REGISTRY="$PWD/$BUILD/demo.registry"

free_udp_port () {
  python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

run_udp_demo () {
  local port caps log rc=0 line
  port=$(free_udp_port)
  caps=audio/x-raw,format=S16BE,layout=interleaved,rate=8000,channels=1
  log="$BUILD/demo.log"

  cat <<TXT
== idlewatchdog demo: a stream that stops without saying so

A sender streams live audio over UDP to 127.0.0.1:$port for 2 seconds
(100 buffers of 20 ms), then stops. UDP carries no end-of-stream: the
receiver cannot tell a pause from a dead sender and, without a watchdog,
would wait forever. Its idlewatchdog (timeout=500 ms, session-id=demo,
action=error) watches the data and speaks up half a second after it stops.

  sender:   audiotestsrc is-live=true num-buffers=100 ! udpsink port=$port
  receiver: udpsrc port=$port ! idlewatchdog timeout=500 session-id=demo action=error ! fakesink

Running (the bus messages that matter; everything in $log):
TXT

  # async=false: the sender's sink must not wait for a preroll that a live
  # source never gives while the pipeline is PAUSED
  set +e
  stdbuf -oL -eL gst-launch-1.0 -m \
      audiotestsrc is-live=true num-buffers=100 samplesperbuffer=160 \
      ! "$caps" ! udpsink host=127.0.0.1 port="$port" async=false \
      udpsrc address=127.0.0.1 port="$port" caps="$caps" \
      ! idlewatchdog timeout=500 session-id=demo action=error \
      ! fakesink 2>&1 | tee "$log" |
    grep --line-buffered -E \
      'Setting pipeline to PLAYING|idle-watchdog-|^ERROR|Execution ended' |
    sed -u 's/^/  /'
  rc=${PIPESTATUS[0]}
  set -e

  line=$(grep -m1 'idle-watchdog-timeout, reason=(string)silence' "$log" || true)
  if [ -z "$line" ]; then
    echo
    echo "demo: FAILED, no idle-watchdog-timeout with reason silence (gst-launch-1.0 exit $rc); see $log" >&2
    return 1
  fi

  cat <<TXT

What happened: the stream flowed, the sender stopped, and
$(printf '%s\n' "$line" | sed -n 's/.*silence=(guint64)\([0-9]*\).*buffers=(guint64)\([0-9]*\).*/\1 \2/p' |
  { read -r ns bufs; echo "after $bufs buffers and $((ns / 1000000)) ms of silence the watchdog posted"; })
idle-watchdog-timeout with reason=silence and session-id=demo on the bus,
then the error that ended gst-launch-1.0 (exit status $rc, as action=error
asks). An application would do the same from its bus handler: read
session-id, tear that session down. With action=eos the pipeline ends
cleanly instead; with the default action=message only the message is posted.
Fields and actions: docs/element.md.
TXT
}

# Prints one key of the demo's machine-readable summary
summary_value () {
  sed -n '/^summary-begin/,/^summary-end/p' "$1" | sed -n "s/^$2: //p" | head -n1
}

run_demo () {
  local demo="$BUILD/src/tools/idlewatchdog-demo" with="$BUILD/demo-watchdog"
  local without="$BUILD/demo-no-watchdog" k

  cat <<TXT
== idlewatchdog demo: the leaked-sessions incident, replayed

20 user sessions, each a video and an audio producer plus a video and an
audio streaming pipeline, run for 40 s. Faults are injected over time:
clients that vanish without a word, producers that stall, streaming
pipelines switched to a producer that no longer exists. Each affected
user reconnects with a new session, as real users do.

Run 1 of 2: with idlewatchdog and the session runner (a timeout ends the
session: every pipeline stopped, every thread joined).
TXT
  "$demo" --csv "$with.csv" | tee "$with.log"
  cat <<TXT

Run 2 of 2: the same scenario as the old server ran it (--no-watchdog):
nothing notices the dead sessions.
TXT
  "$demo" --no-watchdog --csv "$without.csv" | tee "$without.log"

  python3 src/tools/plot-demo.py "$with.csv" "$without.csv" \
      -o "$BUILD/demo-threads-rss.svg" >/dev/null

  echo
  echo "== At the end of 40 s"
  printf '%-34s %16s %16s\n' "" "with watchdog" "without"
  for k in sessions-started sessions-alive-at-end faulty-ended-as-expected \
      leaked-sessions healthy-ended threads-end rss-end-kb fds-end; do
    printf '%-34s %16s %16s\n' "$k" "$(summary_value "$with.log" "$k")" \
        "$(summary_value "$without.log" "$k")"
  done
  cat <<TXT

Plot of threads and RSS over time, both runs: $BUILD/demo-threads-rss.svg
(the one from the project's own run is in docs/demo.md). Each leaked
session keeps its threads, sockets and memory until the process dies; with
the watchdog every faulty session ends for its reason and the counts stay
flat.
TXT
}

if [ "${1:-}" = "--udp" ]; then
  run_udp_demo
else
  run_demo
fi
