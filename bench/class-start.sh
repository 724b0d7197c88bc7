#!/bin/sh
# Class start: the 30 children of a group submit the same activity at the
# same moment, and 1,000 groups do it one after the other.
#
#   bench/class-start.sh [--backend sqlite|postgresql|both] [--groups N] [--group-size N]
#
# Builds a database of groups × group-size CE2 children (no earlier
# attempt), starts `ardoise serve` with its default threads, and runs
# build/bench/class-start (bench/class_start.c): per group, each child signs
# in and opens the activity, then all answers go out at once. It reports
# errors, lost answers (acknowledged but not in the database) and the
# latency distribution. Everything runs on 127.0.0.1.
set -eu
. "$(dirname "$0")/lib.sh"

backends="sqlite"
groups=1000
size=30
while [ $# -gt 0 ]; do
	case "$1" in
	--backend) [ "$2" = both ] && backends="sqlite postgresql" || backends=$2 ;;
	--groups) groups=$2 ;;
	--group-size) size=$2 ;;
	*) echo "usage: $0 [--backend sqlite|postgresql|both] [--groups N] [--group-size N]" >&2; exit 2 ;;
	esac
	shift 2
done

bench_build
work=$(mktemp -d /tmp/ardoise-bench-XXXXXX)
cleanup() {
	bench_server_stop
	[ -f "$work/pg/url" ] && bench_pg_stop "$work/pg"
	[ -n "${ARDOISE_KEEP_BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

for backend in $backends; do
	case "$backend" in
	sqlite) db="$work/class.db" ;;
	postgresql) db=$(bench_pg_database "$(bench_pg_start "$work/pg")" ardoise_class) ;;
	*) bench_die "invalid backend: $backend (expected sqlite, postgresql or both)" ;;
	esac
	echo "== $backend"
	echo "+ bench/make-volume-db --db $db --children $((groups * size)) --per-group $size --per-structure $((size * 10)) --level CE2 --weeks 0"
	"$BENCH_ROOT/bench/make-volume-db" --db "$db" --children $((groups * size)) --per-group "$size" \
		--per-structure $((size * 10)) --level CE2 --weeks 0 | tail -n 1
	bench_server_start "$db" "$work/server-$backend.log"
	echo "+ build/bench/class-start --db $db --base $SERVER_URL --groups $groups --group-size $size"
	"$BENCH_BIN/class-start" --db "$db" --base "$SERVER_URL" --groups "$groups" --group-size "$size" | grep -v '^groups [0-9]*/'
	echo "ardoise peak RSS (VmHWM): $(bench_rss_mib "$SERVER_PID") MiB"
	bench_server_stop
	[ "$backend" = postgresql ] && bench_pg_stop "$work/pg"
done
