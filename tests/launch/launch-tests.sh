#!/usr/bin/env bash
# gst-idlewatchdog: gst-launch-1.0 tests of the idlewatchdog element and tracer
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runs real gst-launch-1.0 command lines against the plugin of the build tree
# and checks exit status, elapsed wall time and printed output. Run by
# `meson test --suite launch`, which provides the hermetic environment
# (GST_PLUGIN_PATH_1_0, GST_PLUGIN_SYSTEM_PATH_1_0, GST_REGISTRY).
#
# Usage: launch-tests.sh [CASE...]   (no argument: every case)
#
# Environment: GST_LAUNCH, GST_INSPECT (default: from PATH), PYTHON (used to
# find a free UDP port; default python3).

set -u

GST_LAUNCH=${GST_LAUNCH:-gst-launch-1.0}
GST_INSPECT=${GST_INSPECT:-gst-inspect-1.0}
PYTHON=${PYTHON:-python3}
# hard limit for any one command line, so that a hang fails instead of
# blocking the suite
HANG_LIMIT=20

WORK=$(mktemp -d "${TMPDIR:-/tmp}/idw-launch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
failures=()

# ------------------------------------------------------------------------
# helpers

# run ARGS...: runs gst-launch-1.0 ARGS, stdout in $OUT and stderr in $ERR
# (apart, so that an error line never lands inside a message line), exit
# status in $RC, wall time in $ELAPSED_MS
OUT=$WORK/stdout.txt
ERR=$WORK/stderr.txt
run () {
  run_with_limit "$HANG_LIMIT" "$@"
}

# run_with_limit SECONDS ARGS...: as run, but interrupts gst-launch-1.0 with
# SIGINT (as Ctrl-C does) after SECONDS; $RC is then 124
run_with_limit () {
  local t0 t1 limit=$1
  shift
  t0=$(date +%s%N)
  timeout -s INT -k 5 "$limit" "$GST_LAUNCH" "$@" >"$OUT" 2>"$ERR"
  RC=$?
  t1=$(date +%s%N)
  ELAPSED_MS=$(( (t1 - t0) / 1000000 ))
  echo "  \$ gst-launch-1.0 $*"
  echo "  -> exit $RC after $ELAPSED_MS ms"
}

# free_udp_port: prints a UDP port on 127.0.0.1 that nothing is bound to
free_udp_port () {
  "$PYTHON" -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Each assertion prints why it failed and returns non-zero; a case is the
# && chain of its assertions.
fail () {
  echo "  assertion failed: $*"
  echo "  ---- stdout ----"
  sed 's/^/  | /' "$OUT"
  echo "  ---- stderr ----"
  sed 's/^/  | /' "$ERR"
  echo "  ----------------"
  return 1
}

expect_rc () {
  [ "$RC" -eq "$1" ] || fail "exit status $RC, expected $1"
}

expect_rc_nonzero () {
  [ "$RC" -ne 0 ] || fail "exit status 0, expected non-zero"
  [ "$RC" -ne 124 ] || fail "gst-launch-1.0 hung (killed after ${HANG_LIMIT} s)"
}

expect_elapsed_between () {
  [ "$ELAPSED_MS" -ge "$1" ] && [ "$ELAPSED_MS" -le "$2" ] ||
    fail "took $ELAPSED_MS ms, expected between $1 and $2 ms"
}

expect_output () {
  grep -q -E -- "$1" "$OUT" "$ERR" || fail "output lacks /$1/"
}

expect_output_fixed () {
  grep -q -F -- "$1" "$OUT" "$ERR" || fail "output lacks '$1'"
}

expect_no_output () {
  ! grep -q -E -- "$1" "$OUT" "$ERR" || fail "output has /$1/"
}

# the -m line of the idle-watchdog-timeout message
TIMEOUT_MSG='Got message #[0-9]+ from element "[^"]*" \(element\): idle-watchdog-timeout'

# ------------------------------------------------------------------------
# cases: one behaviour each, named after it

# the plugin of the build tree is the one found, with the documented element
case_inspect_finds_the_build_tree_element () {
  timeout "$HANG_LIMIT" "$GST_INSPECT" idlewatchdog >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 &&
    expect_output 'Factory Details:' &&
    expect_output_fixed "${IDW_PLUGIN_DIR:-unset}/libgstidlewatchdog.so" &&
    expect_output '^  timeout +: ' &&
    expect_output '^  action +: ' &&
    expect_output '^  session-id +: ' &&
    expect_output '"kick" +: +void user_function'
}

# docs/element.md has a row for every property gst-inspect-1.0 lists (and
# no row for one it does not), and documents the kick signal
case_element_doc_lists_every_property () {
  local doc=${IDW_SOURCE_ROOT:-}/docs/element.md props documented p ok=0
  [ -f "$doc" ] || { echo "  no $doc (IDW_SOURCE_ROOT unset?)"; return 1; }
  timeout "$HANG_LIMIT" "$GST_INSPECT" idlewatchdog >"$OUT" 2>"$ERR"
  props=$(sed -n 's/^  \([a-z][a-z-]*\) *: .*/\1/p' "$OUT" |
    grep -v -x -E 'name|parent' | sort)
  documented=$(sed -n '/^## Properties/,/^## /s/^| `\([a-z-]*\)` |.*/\1/p' "$doc" | sort)
  echo "  gst-inspect: $(echo $props)"
  [ -n "$props" ] || fail "gst-inspect-1.0 listed no property" || return 1
  for p in $props; do
    grep -q -x -F "$p" <<<"$documented" || { echo "  not documented: $p"; ok=1; }
  done
  for p in $documented; do
    grep -q -x -F "$p" <<<"$props" || { echo "  documented but absent: $p"; ok=1; }
  done
  grep -q '^## Action signal `kick`' "$doc" || { echo "  kick not documented"; ok=1; }
  return $ok
}

# a silent live source with action=error: non-zero exit after ~0.5 s
case_silent_live_source_errors_after_timeout () {
  run appsrc is-live=true ! idlewatchdog action=error timeout=500 ! fakesink
  expect_rc_nonzero &&
    expect_elapsed_between 450 3000 &&
    expect_output 'ERROR: from element /GstPipeline:pipeline0/GstIdleWatchdog:idlewatchdog0: No data for [0-9]+ ms \(idle watchdog: startup\)'
}

# -m shows the timeout message with reason startup and the session id
case_message_shows_startup_reason_and_session_id () {
  run -m appsrc is-live=true ! idlewatchdog action=error timeout=500 \
      session-id=launch-42 ! fakesink
  expect_rc_nonzero &&
    expect_output "$TIMEOUT_MSG, reason=\(string\)startup, silence=\(guint64\)[0-9]+, timeout=\(guint64\)500000000, buffers=\(guint64\)0, last-pts=\(guint64\)18446744073709551615, media-type=\(string\)\"\", session-id=\(string\)launch-42;"
}

# a UDP sender that stops (no EOS crosses UDP) gives reason silence
case_sender_that_stops_gives_silence () {
  local port caps
  port=$(free_udp_port) || { echo "  no free UDP port"; return 1; }
  caps=audio/x-raw,format=S16BE,layout=interleaved,rate=8000,channels=1
  # 40 buffers of 20 ms: the stream flows for 0.8 s, then stops
  run -m audiotestsrc is-live=true num-buffers=40 samplesperbuffer=160 \
      ! $caps ! udpsink host=127.0.0.1 port="$port" async=false \
      udpsrc address=127.0.0.1 port="$port" caps=$caps \
      ! idlewatchdog action=error timeout=500 session-id=udp ! fakesink
  expect_rc_nonzero &&
    expect_elapsed_between 1250 5000 &&
    expect_output "$TIMEOUT_MSG, reason=\(string\)silence, silence=\(guint64\)[0-9]+, timeout=\(guint64\)500000000, buffers=\(guint64\)40, last-pts=\(guint64\)[0-9]+, media-type=\(string\)audio/x-raw, session-id=\(string\)udp;" &&
    expect_output 'No data for [0-9]+ ms \(idle watchdog: silence\)'
}

# a sender that pauses: timeout, then resumed (with the whole silence, at
# least the 500 ms limit) when it sends again, then a second timeout when it
# stops for good (one timeout per silent episode)
case_sender_that_pauses_gives_timeout_then_resumed () {
  local port caps
  port=$(free_udp_port) || { echo "  no free UDP port"; return 1; }
  caps=audio/x-raw,format=S16BE,layout=interleaved,rate=8000,channels=1
  # two senders of 25 buffers (0.5 s) each to the same port; the second
  # one's sink renders 1.5 s late (ts-offset)
  run_with_limit 3 -m \
      audiotestsrc is-live=true num-buffers=25 samplesperbuffer=160 \
      ! $caps ! udpsink host=127.0.0.1 port="$port" async=false \
      audiotestsrc is-live=true num-buffers=25 samplesperbuffer=160 \
      ! $caps ! udpsink host=127.0.0.1 port="$port" async=false \
        ts-offset=1500000000 \
      udpsrc address=127.0.0.1 port="$port" caps=$caps \
      ! idlewatchdog timeout=500 session-id=pause ! fakesink
  local seq
  seq=$(grep -o -E 'idle-watchdog-(timeout|resumed), (reason=\(string\)[a-z]+|silence=\(guint64\)[0-9]+)' "$OUT" |
    sed -E 's/idle-watchdog-//; s/, reason=\(string\)/:/; s/, silence=\(guint64\)[0-9]+//' |
    tr '\n' ' ')
  echo "  messages: $seq"
  [ "$seq" = "timeout:silence resumed timeout:silence " ] ||
    fail "messages '$seq', expected 'timeout:silence resumed timeout:silence '" &&
    expect_output "idle-watchdog-timeout, reason=\(string\)silence, silence=\(guint64\)[0-9]+, timeout=\(guint64\)500000000, buffers=\(guint64\)25, .*session-id=\(string\)pause;" &&
    expect_output "idle-watchdog-resumed, silence=\(guint64\)([5-9][0-9]{8}|[0-9]{10,}), session-id=\(string\)pause;" &&
    expect_output "idle-watchdog-timeout, reason=\(string\)silence, silence=\(guint64\)[0-9]+, timeout=\(guint64\)500000000, buffers=\(guint64\)50, .*session-id=\(string\)pause;"
}

# action=eos ends gst-launch with EOS and exit status 0
case_action_eos_ends_with_eos_and_exit_0 () {
  run -m appsrc is-live=true ! idlewatchdog action=eos timeout=500 ! fakesink
  expect_rc 0 &&
    expect_elapsed_between 450 3000 &&
    expect_output "$TIMEOUT_MSG, reason=\(string\)startup" &&
    expect_output 'Got EOS from element "pipeline0"' &&
    expect_no_output '^ERROR'
}

# a flowing non-live pipeline runs to its EOS without a timeout
case_flowing_pipeline_has_no_timeout () {
  run -m fakesrc num-buffers=1000 ! idlewatchdog ! fakesink
  expect_rc 0 &&
    expect_output 'Got EOS from element "pipeline0"' &&
    expect_no_output 'idle-watchdog-timeout'
}

# a non-live pipeline that prerolls on one block and then stalls (stdin open
# and silent) times out with reason silence: gst-plugins-bad's watchdog
# never fires here
case_nonlive_stall_after_preroll_times_out () {
  run -m fdsrc ! idlewatchdog action=error timeout=500 ! fakesink \
      < <(head -c 4096 /dev/zero; sleep 2)
  expect_rc_nonzero &&
    expect_elapsed_between 450 1900 &&
    expect_output "$TIMEOUT_MSG, reason=\(string\)silence, silence=\(guint64\)[0-9]+, timeout=\(guint64\)500000000, buffers=\(guint64\)1,"
}

# downstream elements that want to pull (wavparse, typefind) fall back to
# push through the watchdog, as through identity: the element answers the
# scheduling query for push mode only
case_pull_wanting_downstream_works_in_push_mode () {
  "$GST_LAUNCH" -q audiotestsrc num-buffers=20 ! wavenc \
      ! filesink location="$WORK/t.wav" >/dev/null 2>&1
  run filesrc location="$WORK/t.wav" ! idlewatchdog ! wavparse ! fakesink
  expect_rc 0 &&
    expect_no_output 'CRITICAL' &&
    expect_no_output 'ERROR'
}

# input-selector taking its first pad is a connection, not a switch: the
# watchdog found it (its debug log says so) and posts no switch message
case_input_selector_first_pad_is_not_a_switch () {
  GST_DEBUG='idlewatchdog*:5' run -m input-selector name=sel \
      ! idlewatchdog session-id=sw ! fakesink \
      videotestsrc num-buffers=10 ! sel.
  expect_rc 0 &&
    expect_output 'watching .*sel.*::active-pad' &&
    expect_no_output 'idle-watchdog-switch' &&
    expect_no_output 'idle-watchdog-timeout'
}

# an unknown enum nick fails the pipeline, naming the property
case_bad_action_fails_naming_action () {
  run appsrc is-live=true ! idlewatchdog action=bogus ! fakesink
  expect_rc_nonzero &&
    expect_elapsed_between 0 3000 &&
    expect_output 'could not set property "action" in element "idlewatchdog" to "bogus"'
}

# a word where a number belongs fails the pipeline, naming the property
case_bad_timeout_word_fails_naming_timeout () {
  run appsrc is-live=true ! idlewatchdog timeout=abc ! fakesink
  expect_rc_nonzero &&
    expect_elapsed_between 0 3000 &&
    expect_output 'could not set property "timeout" in element "idlewatchdog" to "abc"'
}

# out-of-range numbers are refused with a warning and the previous value is
# kept: the timeout that fires is the 300 ms set before
refused_timeout_keeps_previous () {
  run -m appsrc is-live=true ! idlewatchdog action=error timeout=300 \
      "timeout=$1" ! fakesink
  expect_rc_nonzero &&
    expect_output "GLib-GObject-WARNING \*\*: .*value \"$2\" of type 'guint' is invalid or out of range for property 'timeout' of type 'guint'" &&
    expect_output "$TIMEOUT_MSG, reason=\(string\)startup, silence=\(guint64\)[0-9]+, timeout=\(guint64\)300000000," &&
    expect_elapsed_between 250 3000
}

# gst-launch parses -5 as the guint 4294967291
case_negative_timeout_is_refused_and_previous_kept () {
  refused_timeout_keeps_previous -5 4294967291
}

# gst-launch wraps 99999999999 to 32 bits (1215752191): still above the
# one-day maximum
case_huge_timeout_is_refused_and_previous_kept () {
  refused_timeout_keeps_previous 99999999999 1215752191
}

# one millisecond above the one-day maximum is refused too
case_timeout_above_one_day_is_refused_and_previous_kept () {
  refused_timeout_keeps_previous 86400001 86400001
}

# the other limits refuse negative values in the same way
case_negative_startup_timeout_is_refused () {
  run -m appsrc is-live=true ! idlewatchdog action=error timeout=300 \
      startup-timeout=-1 ! fakesink
  expect_rc_nonzero &&
    expect_output "value \"4294967295\" of type 'guint' is invalid or out of range for property 'startup-timeout'" &&
    expect_output "$TIMEOUT_MSG, reason=\(string\)startup, silence=\(guint64\)[0-9]+, timeout=\(guint64\)300000000,"
}

# at the usual production level (GST_DEBUG=2) a timeout is one WARNING
# line naming the element, the reason and the silence (action=message: the
# error action's own error adds lines of GStreamer's; interrupted after 2 s)
case_timeout_is_one_warning_line_at_debug_level_2 () {
  GST_DEBUG=2 GST_DEBUG_NO_COLOR=1 run_with_limit 2 appsrc is-live=true ! \
      idlewatchdog name=wd timeout=300 ! fakesink
  expect_rc 124 &&
    expect_output 'WARN +idlewatchdog [^ ]+:<wd> timeout \(startup\): silent for 0:00:00\.3[0-9]+, limit 0:00:00\.300000000' &&
    [ "$(grep -c -E 'WARN +idlewatchdog ' "$ERR")" -eq 1 ] ||
    fail "$(grep -c -E 'WARN +idlewatchdog ' "$ERR") idlewatchdog WARN lines, expected 1"
}

# ------------------------------------------------------------------------
# the tracer: the same watch on an unchanged pipeline string (GST_TRACERS)

# a silent live source, no idlewatchdog in the pipeline, action=error: the
# tracer alone ends it with an error from the sink, exit non-zero
case_tracer_alone_errors_on_a_silent_live_source () {
  GST_TRACERS='idlewatchdogtracer(timeout=500,action=error)' \
    run appsrc is-live=true ! fakesink
  expect_rc_nonzero &&
    expect_elapsed_between 450 3000 &&
    expect_output 'ERROR: from element /GstPipeline:pipeline0/GstFakeSink:fakesink0: No data for [0-9]+ ms \(idle watchdog: startup\)'
}

# -m shows the tracer's timeout message, posted from the sink, with the
# limit and the session id of its parameters
case_tracer_message_comes_from_the_sink () {
  GST_TRACERS='idlewatchdogtracer(timeout=400,action=error,session-id=tr-7)' \
    run -m appsrc is-live=true ! fakesink
  expect_rc_nonzero &&
    expect_output 'Got message #[0-9]+ from element "fakesink0" \(element\): idle-watchdog-timeout, reason=\(string\)startup, silence=\(guint64\)[0-9]+, timeout=\(guint64\)400000000, buffers=\(guint64\)0, .*session-id=\(string\)tr-7;'
}

# the tracer's timeout is the same one WARNING line, on the sink
case_tracer_timeout_is_one_warning_line_at_debug_level_2 () {
  GST_DEBUG=2 GST_DEBUG_NO_COLOR=1 \
    GST_TRACERS='idlewatchdogtracer(timeout=300)' \
    run_with_limit 2 appsrc is-live=true ! fakesink name=out
  expect_rc 124 &&
    expect_output 'WARN +idlewatchdogtracer [^ ]+:<out> timeout \(startup\): silent for 0:00:00\.3[0-9]+, limit 0:00:00\.300000000' &&
    [ "$(grep -c -E 'WARN +idlewatchdogtracer ' "$ERR")" -eq 1 ] ||
    fail "$(grep -c -E 'WARN +idlewatchdogtracer ' "$ERR") tracer WARN lines, expected 1"
}

# action=eos: the sink gets EOS, gst-launch-1.0 ends with exit status 0
case_tracer_action_eos_ends_with_eos_and_exit_0 () {
  GST_TRACERS='idlewatchdogtracer(timeout=500,action=eos)' \
    run -m appsrc is-live=true ! fakesink
  expect_rc 0 &&
    expect_elapsed_between 450 3000 &&
    expect_output 'from element "fakesink0" \(element\): idle-watchdog-timeout, reason=\(string\)startup' &&
    expect_output 'Got EOS from element "pipeline0"'
}

# a flowing pipeline runs to its EOS under the tracer without a timeout
case_tracer_flowing_pipeline_has_no_timeout () {
  GST_TRACERS='idlewatchdogtracer(timeout=500,action=error)' \
    run -m fakesrc num-buffers=1000 ! fakesink
  expect_rc 0 &&
    expect_output 'Got EOS from element "pipeline0"' &&
    expect_no_output 'idle-watchdog-timeout'
}

# a non-live pipeline that stalls after preroll: reason silence
case_tracer_nonlive_stall_after_preroll_times_out () {
  GST_TRACERS='idlewatchdogtracer(timeout=500,action=error)' \
    run -m fdsrc ! fakesink < <(head -c 4096 /dev/zero; sleep 2)
  expect_rc_nonzero &&
    expect_elapsed_between 450 1900 &&
    expect_output 'from element "fakesink0" \(element\): idle-watchdog-timeout, reason=\(string\)silence, silence=\(guint64\)[0-9]+, timeout=\(guint64\)500000000, buffers=\(guint64\)1,'
}

# name= selects by element name pattern: only "watched*" is watched
case_tracer_name_pattern_selects_elements () {
  GST_TRACERS='idlewatchdogtracer(timeout=300,action=error,name=watched*)' \
    run -m appsrc is-live=true ! identity name=watched-id ! fakesink
  expect_rc_nonzero &&
    expect_output 'from element "watched-id" \(element\): idle-watchdog-timeout' &&
    expect_no_output 'from element "fakesink0" \(element\): idle-watchdog-timeout'
}

# factory= selects by factory name: the identity is watched, not the sink
case_tracer_factory_selects_elements () {
  GST_TRACERS='idlewatchdogtracer(timeout=300,action=error,factory=identity)' \
    run -m appsrc is-live=true ! identity ! fakesink
  expect_rc_nonzero &&
    expect_output 'from element "identity0" \(element\): idle-watchdog-timeout, reason=\(string\)startup' &&
    expect_no_output 'from element "fakesink0" \(element\): idle-watchdog-timeout'
}

# a bad number: a warning naming the parameter, and its default (1000 ms)
# is kept
case_tracer_bad_number_warns_naming_the_parameter () {
  GST_TRACERS='idlewatchdogtracer(timeout=abc,action=error)' \
    run -m appsrc is-live=true ! fakesink
  expect_rc_nonzero &&
    expect_output "WARNING \*\*: .*idlewatchdogtracer: parameter 'timeout' must be a number of milliseconds from 0 to 86400000, not 'abc'; keeping 1000" &&
    expect_output 'idle-watchdog-timeout, reason=\(string\)startup, silence=\(guint64\)[0-9]+, timeout=\(guint64\)1000000000,' &&
    expect_elapsed_between 950 4000
}

# an unknown parameter, a bad switch-timeout and a bad action: warnings
# naming them; the rest of the parameters apply
case_tracer_unknown_parameter_and_bad_action_warn () {
  GST_TRACERS='idlewatchdogtracer(timeout=300,kick-interval=5,switch-timeout=abc,action=bogus)' \
    run_with_limit 3 -m appsrc is-live=true ! fakesink
  expect_output "idlewatchdogtracer: unknown parameter 'kick-interval'" &&
    expect_output "idlewatchdogtracer: parameter 'switch-timeout' must be a number of milliseconds from 0 to 86400000, not 'abc'; keeping 0" &&
    expect_output "idlewatchdogtracer: parameter 'action' must be message, eos or error, not 'bogus'; keeping message" &&
    expect_output 'idle-watchdog-timeout, reason=\(string\)startup, silence=\(guint64\)[0-9]+, timeout=\(guint64\)300000000,'
}

# a consumer switched to a producer that does not exist, with the tracer
# alone: the switch message from the consumer's sink, then a `switch`
# timeout after switch-timeout and the error, exit non-zero. gst-launch
# cannot switch a running pipeline: the test double's
# switch-on-watched-read switches listen-to from p1 to "gone" at the first
# read after a watch connected to it (the tracer's, at READY->PAUSED).
case_tracer_switch_to_missing_producer_errors () {
  GST_TRACERS='idlewatchdogtracer(timeout=5000,switch-timeout=500,action=error)' \
    run -m videotestsrc is-live=true ! testinterpipesink name=p1 sync=false async=false \
      testinterpipesrc listen-to=p1 switch-on-watched-read=gone ! fakesink name=consumer
  expect_rc_nonzero &&
    expect_elapsed_between 450 4000 &&
    expect_output 'from element "consumer" \(element\): idle-watchdog-switch, switch-element=\(string\)testinterpipesrc0, switch-property=\(string\)listen-to, switch-target=\(string\)gone;' &&
    expect_output 'from element "consumer" \(element\): idle-watchdog-timeout, reason=\(string\)switch, silence=\(guint64\)[0-9]+, timeout=\(guint64\)500000000,.* switch-element=\(string\)testinterpipesrc0, switch-target=\(string\)gone;' &&
    expect_output 'ERROR: from element /GstPipeline:pipeline0/GstFakeSink:consumer: No data for [0-9]+ ms \(idle watchdog: switch\)'
}

# ------------------------------------------------------------------------

ALL_CASES=$(declare -F | sed -n 's/^declare -f case_//p')
CASES=${*:-$ALL_CASES}

# Build the registry once, so that no case pays for the first plugin scan
timeout "$HANG_LIMIT" "$GST_INSPECT" idlewatchdog >/dev/null 2>&1

for name in $CASES; do
  if ! declare -F "case_$name" >/dev/null; then
    echo "no such case: $name"
    failed=$((failed + 1))
    failures+=("$name")
    continue
  fi
  echo "=== $name"
  if "case_$name"; then
    echo "PASS $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    failed=$((failed + 1))
    failures+=("$name")
  fi
done

echo
[ "$failed" -eq 0 ] || echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
