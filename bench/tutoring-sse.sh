#!/bin/sh
# Tutoring streams: many open server-sent event streams on one
# `ardoise serve`, the server's memory, and the delivery delay of one
# tuteur's answer to the subscribers of its conversation.
#
#   bench/tutoring-sse.sh [--connections N] [--conversations K] [--seconds S]
#
# A demo database (SQLite) gets K conversations of Léa M. and N sessions;
# the tool opens N streams (default 10,000), one conversation each in turn,
# reads the server's RSS, posts one answer on the first conversation and
# times its arrival on each of that conversation's streams (N / K, default
# 100). The server runs with --max-connections N + 1,000; the file
# descriptor limit must allow N on each side. Everything listens on
# 127.0.0.1, and the tool gives up after S seconds (default 50).
set -eu
. "$(dirname "$0")/lib.sh"

connections=10000
conversations=100
seconds=50
while [ $# -gt 0 ]; do
	case $1 in
	--connections) connections=$2; shift 2 ;;
	--conversations) conversations=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	*) bench_die "unknown option $1 (see the comment at the top)" ;;
	esac
done

limit=$(ulimit -n)
[ "$limit" = unlimited ] || [ "$limit" -gt $((connections + 100)) ] || ulimit -n $((connections + 1000)) 2> /dev/null ||
	bench_die "the file descriptor limit ($limit) is below $connections streams: raise it with ulimit -n"

bench_build
work=$(mktemp -d)
trap 'bench_server_stop; rm -rf "$work"' EXIT INT TERM
"$ARDOISE" init --db "$work/ardoise.db" --demo > /dev/null 2>&1 || bench_die "ardoise init failed"
bench_server_start "$work/ardoise.db" "$work/server.log" --max-connections $((connections + 1000))
port=${SERVER_URL##*:}
echo "ardoise serve pid $SERVER_PID on $SERVER_URL, $(nproc) cores, $connections streams over $conversations conversations"
"$BENCH_BIN/tutoring-sse" --db "$work/ardoise.db" --port "$port" --pid "$SERVER_PID" \
	--connections "$connections" --conversations "$conversations" --seconds "$seconds"
echo "server peak RSS: $(bench_rss_mib "$SERVER_PID") MiB"
