#!/bin/bash
# `make test`: run every suite on SQLite, the storage and HTTP suites again
# on a private PostgreSQL server, the browser tests, then the SQLite suites
# built with AddressSanitizer and UndefinedBehaviorSanitizer, then each fuzz
# target for a few seconds. Ends with one line "N passed, N failed" and exits non-zero
# on any failure.
set -u

passed=0
failed=0
failures=()
logdir=build/test-logs
mkdir -p "$logdir"

# Add the counts of one cmocka binary's output, or count the run as one test.
count_suite() {
	local name=$1 log=$2 rc=$3 ok bad
	ok=$(grep -oE '^\[  PASSED  \] [0-9]+|^# pass [0-9]+' "$log" | awk '{s+=$NF} END {print s+0}')
	bad=$(grep -oE '^\[  FAILED  \] [0-9]+|^# fail [0-9]+' "$log" | awk '{s+=$NF} END {print s+0}')
	if [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ]; then
		if [ "$rc" -eq 0 ]; then ok=1; else bad=1; fi
	elif [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1 # crashed or a sanitizer stopped it
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$bad" -ne 0 ]; then
		failures+=("$name (log: $log)")
		echo "ÉCHEC $name"
		tail -n 30 "$log"
	else
		echo "ok    $name ($ok)"
	fi
}

run_suite() {
	local name=$1 log rc
	shift
	log="$logdir/$(echo "$name" | tr '/ ' '__').log"
	"$@" > "$log" 2>&1
	rc=$?
	count_suite "$name" "$log" "$rc"
}

run_all() {
	local build=$1 label=$2 bin
	for bin in "$build"/tests/test_*; do
		[ -x "$bin" ] && run_suite "$label$(basename "$bin")" "$bin"
	done
	run_http "$build" "$label"
}

run_http() {
	local build=$1 label=$2 bin
	for bin in "$build"/tests/http_*; do
		[ -x "$bin" ] && ARDOISE_BIN="$build/ardoise" run_suite "$label$(basename "$bin")" "$bin"
	done
}

# The storage tests and every HTTP test again on a private PostgreSQL 15.
run_postgres() {
	local url
	if ! url=$(scripts/pg-test-server.sh start build/pg-test 2> "$logdir/pg-start.log"); then
		count_suite "postgresql start" "$logdir/pg-start.log" 1
		return
	fi
	trap 'scripts/pg-test-server.sh stop build/pg-test > /dev/null 2>&1' EXIT
	export ARDOISE_TEST_PG_URL=$url
	run_suite "postgresql test_store" build/tests/test_store
	run_suite "postgresql test_partner_rollup" build/tests/test_partner_rollup
	run_http build "postgresql "
	ARDOISE_FAULT_PARTS=postgresql run_suite "postgresql fault kill-test" tests/fault/kill-test.sh
	unset ARDOISE_TEST_PG_URL
	scripts/pg-test-server.sh stop build/pg-test > /dev/null 2>&1
	trap - EXIT
}

echo "== Suites"
run_all build ""
run_suite "content check" build/ardoise content check content
# The starter catalogue: every subject and level, and every competency of
# mathématiques and français, reach their minimum numbers of contents.
run_suite "content stats --minimums" build/ardoise content stats content --minimums
run_suite "check-src" scripts/check-src.sh
ARDOISE_FAULT_PARTS=sqlite run_suite "fault kill-test" tests/fault/kill-test.sh

if [ "${ARDOISE_SKIP_POSTGRES:-}" != 1 ]; then
	echo "== Suites sur PostgreSQL"
	run_postgres
fi

if [ "${ARDOISE_SKIP_E2E:-}" != 1 ]; then
	echo "== Navigateur (Chromium, playwright-core, axe-core)"
	run_suite "e2e" scripts/e2e.sh
fi

if [ "${ARDOISE_SKIP_SANITIZE:-}" != 1 ]; then
	echo "== Suites sous AddressSanitizer et UndefinedBehaviorSanitizer"
	if make -s sanitize > "$logdir/sanitize-build.log" 2>&1; then
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
			LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
			run_all build-san "asan+ubsan "
	else
		count_suite "sanitizer build" "$logdir/sanitize-build.log" 1
	fi
fi

if [ "${ARDOISE_SKIP_FUZZ:-}" != 1 ] && [ -x scripts/fuzz.sh ]; then
	echo "== Fuzzing (${ARDOISE_FUZZ_SECONDS:-10} s par cible)"
	run_suite "fuzz" scripts/fuzz.sh "${ARDOISE_FUZZ_SECONDS:-10}"
fi

echo
for f in "${failures[@]+"${failures[@]}"}"; do
	echo "échec : $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
