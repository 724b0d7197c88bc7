#!/bin/sh
# Student loop: signed-in children doing an activity, measured with wrk,
# next to nginx serving a static file of the same size as the activity page.
#
#   bench/student-loop.sh [--backend sqlite|postgresql|both] [--children N]
#                         [--sessions N] [--connections N] [--duration S]
#                         [--server-threads N]
#
# For each backend: a volume database of N children (default 2,000, with a
# school year of attempts), `ardoise serve` with its default threads (twice
# the cores, or --server-threads), --sessions children signed in beforehand (default 256), then
# three wrk runs of --duration seconds (default 20) with 2 threads and
# --connections connections (default 256):
#   loop    GET the activity page, POST a right answer, GET /eleve
#   page    GET the activity page only
#   nginx   GET a static copy of the activity page from nginx
# PostgreSQL comes from scripts/pg-test-server.sh, switched to durable
# commits (see bench_pg_start in bench/lib.sh). Everything listens on
# 127.0.0.1 and is stopped when the script exits.
set -eu
. "$(dirname "$0")/lib.sh"

backends="sqlite postgresql"
children=2000
sessions=256
connections=256
duration=20
wrk_threads=2
server_threads=""
while [ $# -gt 0 ]; do
	case "$1" in
	--backend) [ "$2" = both ] && backends="sqlite postgresql" || backends=$2 ;;
	--children) children=$2 ;;
	--sessions) sessions=$2 ;;
	--connections) connections=$2 ;;
	--duration) duration=$2 ;;
	--server-threads) server_threads=$2 ;;
	*) echo "usage: $0 [--backend sqlite|postgresql|both] [--children N] [--sessions N] [--connections N] [--duration S] [--server-threads N]" >&2; exit 2 ;;
	esac
	shift 2
done
for b in $backends; do
	case "$b" in sqlite | postgresql) ;; *) bench_die "invalid backend: $b (expected sqlite, postgresql or both)" ;; esac
done

bench_need_packages wrk nginx-light curl
bench_build
work=$(mktemp -d /tmp/ardoise-bench-XXXXXX)
chmod 755 "$work"
cleanup() {
	bench_server_stop
	bench_nginx_stop
	[ -f "$work/pg/url" ] && bench_pg_stop "$work/pg"
	[ -n "${ARDOISE_KEEP_BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM
results="$work/results.txt"
: > "$results"

# Run wrk; prints its report and appends "NAME rps p50 p99 errors" to results.
run_wrk() {
	name=$1
	url=$2
	shift 2
	echo "+ wrk -t$wrk_threads -c$connections -d${duration}s --latency -s bench/student-loop.lua $url -- $*"
	wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$BENCH_ROOT/bench/student-loop.lua" "$url" -- "$@" > "$work/wrk.out" 2>&1 ||
		{ cat "$work/wrk.out"; bench_die "wrk failed"; }
	grep -v '^RESULT' "$work/wrk.out" | sed -n '/^requests/,$p'
	sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p99=\([^ ]*\) errors=\(.*\)/\1 \2 \3 \4/p' "$work/wrk.out" |
		{ read -r rps p50 p99 errors; echo "$name $rps $p50 $p99 $errors" >> "$results"; }
}

run_backend() {
	backend=$1
	if [ "$backend" = sqlite ]; then
		db="$work/volume.db"
	else
		server=$(bench_pg_start "$work/pg")
		db=$(bench_pg_database "$server" ardoise_bench)
	fi
	echo "== $backend: volume database of $children children"
	echo "+ bench/make-volume-db --db $db --children $children"
	"$BENCH_ROOT/bench/make-volume-db" --db "$db" --children "$children" | tail -n 2

	bench_server_start "$db" "$work/server-$backend.log" ${server_threads:+--threads "$server_threads"}
	echo "+ ardoise serve --db $db --listen 127.0.0.1:0 --threads ${server_threads:-$(($(nproc) * 2)) (the default, twice the cores)}"
	"$BENCH_BIN/sign-in-children" --db "$db" --base "$SERVER_URL" --count "$sessions" --out "$work/sessions.txt"

	# The activity page as wrk receives it (no compression), copied for nginx.
	mkdir -p "$work/static"
	chmod 755 "$work/static"
	cookie=$(head -n 1 "$work/sessions.txt" | cut -d ' ' -f 1)
	curl -s -o "$work/static/page.html" -b "ardoise_session=$cookie" "$SERVER_URL/activite/maths-ce2-nombres-jusqu-a-10000"
	page_bytes=$(wc -c < "$work/static/page.html")
	echo "activity page: $page_bytes bytes"

	attempts_before=$(count_attempts "$db")
	cpu_server=$(bench_cpu_ticks "$SERVER_PID")
	cpu_pg=$( [ "$backend" = postgresql ] && bench_pg_cpu_ticks "$(cat "$work/pg/cluster")" || echo 0)
	run_wrk "$backend-loop" "$SERVER_URL" loop "$wrk_threads" "$work/sessions.txt"
	cpu_server=$(($(bench_cpu_ticks "$SERVER_PID") - cpu_server))
	cpu_pg=$(( $( [ "$backend" = postgresql ] && bench_pg_cpu_ticks "$(cat "$work/pg/cluster")" || echo 0) - cpu_pg))
	attempts=$(($(count_attempts "$db") - attempts_before))
	echo "attempts stored during the loop: $attempts"
	echo "CPU during the loop: ardoise $(cpu_share "$cpu_server"), postgres $(cpu_share "$cpu_pg") (of $(nproc) cores x ${duration} s)"
	run_wrk "$backend-page" "$SERVER_URL" page "$wrk_threads" "$work/sessions.txt"
	rss=$(bench_rss_mib "$SERVER_PID")
	echo "ardoise peak RSS (VmHWM): $rss MiB"
	echo "$backend-rss $rss" >> "$results"
	bench_server_stop

	port=$(bench_free_port)
	bench_nginx_start "$work/static" "$port" "$work/nginx"
	run_wrk "$backend-nginx" "http://127.0.0.1:$port" static "$wrk_threads" /page.html
	bench_nginx_stop
	[ "$backend" = postgresql ] && bench_pg_stop "$work/pg"
	return 0
}

count_attempts() {
	case "$1" in
	postgres*) psql -At "$1" -c "SELECT count(*) FROM attempt" ;;
	*) sqlite3 "$1" "SELECT count(*) FROM attempt" ;;
	esac
}

# Ticks of CPU as a share of the run: "1.52 cores".
cpu_share() {
	awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v d="$duration" 'BEGIN { printf "%.2f cores", t / hz / d }'
}

for backend in $backends; do
	run_backend "$backend"
done

echo
echo "== Summary ($(nproc) cores; wrk -t$wrk_threads -c$connections -d${duration}s; $children children, $sessions signed in)"
printf "%-11s %-6s %10s %9s %9s %7s %9s %8s\n" backend run "req/s" "p50 ms" "p99 ms" errors "x nginx" "RSS MiB"
for backend in $backends; do
	nginx_rps=$(awk -v n="$backend-nginx" '$1 == n { print $2 }' "$results")
	rss=$(awk -v n="$backend-rss" '$1 == n { print $2 }' "$results")
	for run in loop page nginx; do
		awk -v n="$backend-$run" -v b="$backend" -v r="$run" -v base="$nginx_rps" -v rss="$rss" '$1 == n {
			printf "%-11s %-6s %10s %9s %9s %7s %9.2f %8s\n", b, r, $2, $3, $4, $5, (base > 0 ? $2 / base : 0), (r == "nginx" ? "-" : rss)
		}' "$results"
	done
done
