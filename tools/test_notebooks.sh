#!/usr/bin/env bash
# Test every notebook with nbdev-test, in two streams at once, so that both cores work (one nbdev-test leaves one core
# idle much of the time). Each stream is a `nbdev-test --n-workers 1` process of its own: never --n-workers 2, since
# TensorFlow can deadlock in forked workers. Each stream runs its notebooks in the order one nbdev-test would, so no
# notebook starts in a process that has run anything it would not have run before it there. The split balances the
# two streams' times (`--timing`). They share the cache safely: entries are written atomically, and an entry that one
# process is writing is left to it.
# Usage: bash tools/test_notebooks.sh [more nbdev-test options, e.g. --timing]; fails if either stream fails.
set -uo pipefail
cd "$(dirname "$0")/.."
split='^(05e|06b|06c|06d|06e|06f|07)_'        # the second stream's notebooks
logs=$(mktemp -d)
nbdev-test --n-workers 1 --file-re "$split" "$@" > "$logs/second" 2>&1 &
other=$!
trap 'kill $(pgrep -P "$other") "$other" 2>/dev/null; rm -rf "$logs"' EXIT    # stopped early: the second stream too
nbdev-test --n-workers 1 --skip-file-re "^[_.]|$split" "$@" > "$logs/first" 2>&1
first=$?
wait "$other"
second=$?
cat "$logs/first" "$logs/second"
[ "$first" = 0 ] && [ "$second" = 0 ]
