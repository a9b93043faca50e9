#!/usr/bin/env bash
# gst-idlewatchdog: installs what is needed (scripts/deps.sh test), builds,
# and runs the whole test suite: every meson test suite, the unit suite
# again under the GST_TRACERS=leaks setup, the Debian packages built,
# installed, checked and removed (scripts/package-test.sh), and the
# reliability runs (scripts/reliability.sh). Ends with one line
# `tests: N passed, M failed` counted from meson's test logs and the count
# lines of the two scripts, and exits non-zero if anything failed.
#
# Usage: bash scripts/test.sh        (build dir: build, or $BUILD_DIR)
#
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${BUILD_DIR:-build}

bash scripts/deps.sh test

build () {
  if [ -f "$BUILD/build.ninja" ]; then
    meson setup --reconfigure "$BUILD"
  else
    meson setup "$BUILD"
  fi && meson compile -C "$BUILD"
}

if ! build; then
  echo "test.sh: the build failed; no test ran (counted as 1 failure)"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

LOGS=$BUILD/meson-logs
# no stale results from an earlier run
rm -f "$LOGS/testlog.json" "$LOGS/testlog-leaks.json" "$LOGS/reliability.txt" \
  "$LOGS/package-test.txt"

status=0
echo "=== meson test: all suites"
meson test -C "$BUILD" --print-errorlogs || status=1
echo "=== meson test: unit suite under the leaks tracer (--setup leaks)"
meson test -C "$BUILD" --setup leaks --suite unit --print-errorlogs || status=1
echo "=== Debian packages: build, install, check, remove (scripts/package-test.sh)"
bash scripts/package-test.sh "$BUILD/package-test" 2>&1 |
  tee "$LOGS/package-test.txt" || status=1
echo "=== reliability runs: ASan+UBSan, TSan, valgrind, libFuzzer (scripts/reliability.sh)"
bash scripts/reliability.sh 2>&1 | tee "$LOGS/reliability.txt" || status=1

# One line per test in each JSON log; a result of OK or EXPECTEDFAIL is a
# pass, SKIP is neither (and is listed), anything else is a failure. A run
# that left no log, or a line that is not JSON, counts as a failure.
summary=$(python3 - "$LOGS/reliability.txt" "$LOGS/package-test.txt" \
    "$LOGS/testlog.json" "$LOGS/testlog-leaks.json" <<'PY'
import json, re, sys

passed = failed = 0
skipped = []
notes = []
# the reliability runs and the package test end with their own count line
for path, word in ((sys.argv[1], "reliability"), (sys.argv[2], "package-test")):
    try:
        last = [l for l in open(path, encoding="utf-8")
                if l.startswith(word + ": ")][-1]
        m = re.match(word + r": (\d+) passed, (\d+) failed", last)
        passed += int(m.group(1))
        failed += int(m.group(2))
    except (OSError, IndexError, AttributeError):
        notes.append("no count line from scripts/%s.sh (counted as a failure)" % word)
        failed += 1
for path in sys.argv[3:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        notes.append("no test log %s" % path)
        failed += 1
        continue
    setup = "leaks: " if path.endswith("-leaks.json") else ""
    for line in lines:
        line = line.strip().strip("\0")
        if not line:
            continue
        try:
            t = json.loads(line)
        except ValueError:
            # e.g. two meson test runs writing the same build dir at once
            notes.append("unreadable line in %s (counted as a failure)" % path)
            failed += 1
            continue
        result = t.get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped.append(setup + t.get("name", "?"))
        else:
            failed += 1
            notes.append("%s %s%s" % (result, setup, t.get("name", "?")))
for n in notes:
    print(n)
if skipped:
    print("skipped (not counted): " + ", ".join(skipped))
print("tests: %d passed, %d failed" % (passed, failed))
PY
) || { echo "test.sh: could not read the test logs" >&2; exit 1; }

echo
echo "$summary"
case $summary in
  *"tests: "*" passed, 0 failed") [ "$status" -eq 0 ] || exit 1 ;;
  *) exit 1 ;;
esac
