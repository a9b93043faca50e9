#!/usr/bin/env bash
# gst-idlewatchdog: installs what is needed, builds, and runs the demo.
#
# The demo (run_demo below, the one place to change it): a live audio stream
# is sent over UDP on the loopback interface and received by a pipeline with
# an idlewatchdog in it. After about two seconds the sender stops. UDP
# carries no end-of-stream, so the receiver would wait forever; the watchdog
# posts `idle-watchdog-timeout` (reason `silence`) half a second later and,
# with action=error, ends the run.
#
# Usage: bash scripts/demo.sh        (build dir: build, or $BUILD_DIR)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${BUILD_DIR:-build}

bash scripts/deps.sh
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

run_demo () {
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

run_demo
