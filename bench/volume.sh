#!/bin/sh
# Page timings on a volume database.
#
#   bench/volume.sh [--backend sqlite|postgresql|both] [--children N] [--pg-children N] [--requests N]
#
# Builds a volume database (default 30,000 children on SQLite, 100,000 on
# PostgreSQL, a school year of 72 attempts each), starts `ardoise serve`,
# signs in one child and times, one request after the other on one
# keep-alive connection, --requests GETs (default 200, after 20 not
# counted) of /eleve and /eleve/resultats, and of the accompagnateur's
# group page when `ardoise routes` lists one. Prints median, p90 and p99
# of curl's time_total.
set -eu
. "$(dirname "$0")/lib.sh"

backends="sqlite postgresql"
children=30000
pg_children=100000
requests=200
warmup=20
while [ $# -gt 0 ]; do
	case "$1" in
	--backend) [ "$2" = both ] && backends="sqlite postgresql" || backends=$2 ;;
	--children) children=$2 ;;
	--pg-children) pg_children=$2 ;;
	--requests) requests=$2 ;;
	*) echo "usage: $0 [--backend sqlite|postgresql|both] [--children N] [--pg-children N] [--requests N]" >&2; exit 2 ;;
	esac
	shift 2
done

bench_need_packages curl
bench_build
work=$(mktemp -d /tmp/ardoise-bench-XXXXXX)
cleanup() {
	bench_server_stop
	[ -f "$work/pg/url" ] && bench_pg_stop "$work/pg"
	[ -n "${ARDOISE_KEEP_BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

# time_path NAME PATH COOKIE: one curl process, one connection, warm-up
# requests first; prints "NAME median p90 p99 max" in milliseconds.
time_path() {
	config="$work/curl.conf"
	: > "$config"
	i=0
	while [ "$i" -lt $((warmup + requests)) ]; do
		printf 'url = "%s%s"\noutput = "/dev/null"\n' "$SERVER_URL" "$2" >> "$config"
		i=$((i + 1))
	done
	curl -s -b "$3" -w '%{http_code} %{time_total}\n' -K "$config" > "$work/times.txt"
	bad=$(awk '$1 != 200' "$work/times.txt" | wc -l)
	[ "$bad" -eq 0 ] || bench_die "$bad requests of $2 did not answer 200"
	tail -n "$requests" "$work/times.txt" | awk '{ print $2 * 1000 }' | sort -n |
		awk -v name="$1" '{ v[NR] = $1 } END {
			printf "%-22s median %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d requests)\n",
				name, v[int(NR * 0.5) + 1], v[int(NR * 0.9) + 1], v[int(NR * 0.99) + 1], v[NR], NR }'
}

# Sign in accompagnateur bench-anim-0; prints the cookie header value.
helper_cookie() {
	jar="$work/helper.jar"
	page=$(curl -s -c "$jar" "$SERVER_URL/connexion")
	csrf=$(echo "$page" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf=$csrf&login=bench-anim-0&password=bench-anim-2024" "$SERVER_URL/connexion/adulte"
	awk '$6 == "ardoise_session" { printf "ardoise_session=%s", $7 }' "$jar"
}

for backend in $backends; do
	case "$backend" in
	sqlite) db="$work/volume.db"; n=$children ;;
	postgresql) db=$(bench_pg_database "$(bench_pg_start "$work/pg")" ardoise_volume); n=$pg_children ;;
	*) bench_die "invalid backend: $backend (expected sqlite, postgresql or both)" ;;
	esac
	echo "== $backend: $n children"
	echo "+ bench/make-volume-db --db $db --children $n"
	"$BENCH_ROOT/bench/make-volume-db" --db "$db" --children "$n" | tail -n 2
	case "$db" in
	postgres*) echo "database size: $(psql -At "$db" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")" ;;
	*) echo "database size: $(du -h "$db" | cut -f 1)" ;;
	esac
	bench_server_start "$db" "$work/server-$backend.log"
	"$BENCH_BIN/sign-in-children" --db "$db" --base "$SERVER_URL" --count 1 --out "$work/session.txt" > /dev/null
	cookie="ardoise_session=$(cut -d ' ' -f 1 "$work/session.txt")"
	time_path "/eleve" /eleve "$cookie"
	time_path "/eleve/resultats" /eleve/resultats "$cookie"
	group_route=$("$ARDOISE" routes | awk '$1 == "GET" && $2 ~ /groupe/ { print $2; exit }')
	if [ -n "$group_route" ]; then
		group_id=$(case "$db" in
			postgres*) psql -At "$db" -c "SELECT group_id FROM group_member m JOIN account a ON a.id = m.account_id WHERE a.login = 'bench-anim-0'" ;;
			*) sqlite3 "$db" "SELECT group_id FROM group_member m JOIN account a ON a.id = m.account_id WHERE a.login = 'bench-anim-0'" ;;
			esac)
		path=$(echo "$group_route" | sed "s/:[a-z_]*/$group_id/")
		time_path "$path (group)" "$path" "$(helper_cookie)"
	else
		echo "no group page: ardoise routes lists no GET route with \"groupe\""
	fi
	bench_server_stop
	[ "$backend" = postgresql ] && bench_pg_stop "$work/pg"
done
