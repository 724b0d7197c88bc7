#!/bin/sh
# Evaluation dashboards at volume: children from make-volume-db, an
# organisation tree, usage events over school days, the rollups rebuilt by
# `ardoise indicateurs`, then the latency of each dashboard over loopback.
#
#   bench/evaluation.sh                  short run: 30,000 children, 5 school days (about a minute)
#   bench/evaluation.sh --days 160       a school year of events (about 6 minutes)
#   bench/evaluation.sh --backend postgresql --children 100000 --days 160   (about 25 minutes)
#   bench/evaluation.sh --backend postgresql --days 160 --active 10         (500,000 children, 1 in 10 active each day)
#
# --active is the chance, in percent, that a child uses Ardoise on a school
# day (40 by default). 500,000 children at 40 % make about 340 million
# events, about 80 GB on PostgreSQL with its indexes.
#
# Progress goes to the terminal; the last lines are the figures to quote.
set -eu
. "$(dirname "$0")/lib.sh"

backend=sqlite
children=""
days=5
requests=10
active=40
while [ $# -gt 0 ]; do
	case "$1" in
	--backend) backend=$2 ;;
	--children) children=$2 ;;
	--days) days=$2 ;;
	--requests) requests=$2 ;;
	--active) active=$2 ;;
	*) echo "usage: $0 [--backend sqlite|postgresql] [--children N] [--days N] [--active PERCENT] [--requests N]" >&2; exit 2 ;;
	esac
	shift 2
done
case "$backend" in
sqlite) children=${children:-30000} ;;
postgresql) children=${children:-500000} ;;
*) bench_die "invalid backend: $backend (expected sqlite or postgresql)" ;;
esac

bench_need_packages curl
bench_build
work=$(mktemp -d /tmp/ardoise-bench-eval-XXXXXX)
# ARDOISE_KEEP_BENCH_DIR=1 keeps the folder and leaves PostgreSQL running
# with the database, to time other code on it.
cleanup() {
	bench_server_stop
	if [ -n "${ARDOISE_KEEP_BENCH_DIR:-}" ]; then
		echo "kept $work (database $db)"
		[ -f "$work/pg/url" ] && echo "stop its PostgreSQL with: scripts/pg-test-server.sh stop $work/pg"
		return 0
	fi
	[ -f "$work/pg/url" ] && bench_pg_stop "$work/pg"
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

case "$backend" in
sqlite) db="$work/evaluation.db" ;;
postgresql) db=$(bench_pg_database "$(bench_pg_start "$work/pg")" ardoise_evaluation) ;;
esac

elapsed() {
	start=$(date +%s.%N)
	"$@"
	echo "  took $(echo "$(date +%s.%N) - $start" | bc) s"
}

echo "== $backend: $children children, $days school days of events, $active % of children active each day"
echo "+ make-volume-db (children, structures, groups)"
elapsed "$BENCH_ROOT/bench/make-volume-db" --db "$db" --children "$children" --weeks 0 | tail -n 2
sql() {
	case "$db" in
	postgres*) psql -At "$db" -c "$1" ;;
	*) sqlite3 "$db" "$1" ;;
	esac
}
# The children were registered before the school year (25 August 2025,
# 00:00 UTC), as in a real deployment: otherwise the dashboards would
# count no registered child and skip that part of their work.
sql "UPDATE account SET created_at = 1756080000 WHERE role = 'eleve'" > /dev/null
echo "+ eval-events (organisation tree, events, cost of recording one)"
# Every tenth day is shown as it is written, and the last one (a shell
# loop, because mawk reads a pipe in blocks).
elapsed "$BENCH_BIN/eval-events" --db "$db" --days "$days" --active "$active" --measure-queue | tee "$work/events.txt" | {
	n=0
	while IFS= read -r line; do
		case "$line" in
		"day "*)
			n=$((n + 1))
			[ $((n % 10)) -eq 0 ] || [ "$n" -eq "$days" ] || continue
			;;
		esac
		echo "$line"
	done
}
last=$(sed -n 's/^last day: //p' "$work/events.txt")
root=$(sql "SELECT min(id) FROM organisation WHERE kind = 'operateur'")
academie=$(sql "SELECT min(id) FROM organisation WHERE kind = 'academie' AND name LIKE 'Académie bench%'")
financeur=$(sql "SELECT min(id) FROM organisation WHERE kind = 'financeur' AND name LIKE 'Financeur bench%'")
structure=$(sql "SELECT max(structure_id) FROM account WHERE role = 'eleve'")
group=$(sql "SELECT min(id) FROM class_group WHERE structure_id = $structure")

echo "+ ardoise indicateurs --du 2025-09-01 --au $last"
elapsed "$ARDOISE" indicateurs --db "$db" --du 2025-09-01 --au "$last"

"$BENCH_BIN/eval-events" --db "$db" --profile

bench_server_start "$db" "$work/server.log"
jar="$work/operator.jar"
csrf=$(curl -s -c "$jar" "$SERVER_URL/connexion" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf=$csrf&login=bench-operateur&password=bench-operateur-2025" "$SERVER_URL/connexion/adulte"

# Median and slowest of $requests GETs of one dashboard, after 2 warm-up requests.
measure() {
	i=0
	: > "$work/times.txt"
	while [ "$i" -lt $((requests + 2)) ]; do
		curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}\n' "$SERVER_URL$2" >> "$work/times.txt"
		i=$((i + 1))
	done
	awk '$1 != 200' "$work/times.txt" | grep -q . && bench_die "$2 did not answer 200 ($(head -n 1 "$work/times.txt"))"
	tail -n "$requests" "$work/times.txt" | awk '{ print $2 * 1000 }' | sort -n |
		awk -v name="$1" '{ v[NR] = $1 } END { printf "%-34s median %7.1f ms   max %7.1f ms\n", name, v[int(NR / 2) + 1], v[NR] }'
}

echo "== dashboard latency over loopback ($requests requests each, load average $(cut -d ' ' -f 1 /proc/loadavg))"
year="periode=annee&date=2025-10-01"
month="periode=mois&date=2025-09-15"
measure "national, school year" "/statistiques/organisation/$root?$year"
measure "national, month" "/statistiques/organisation/$root?$month"
measure "national, range of 45 days" "/statistiques/organisation/$root?periode=plage&du=2025-09-03&au=2025-10-17"
measure "académie, school year" "/statistiques/organisation/$academie?$year"
measure "financeur, school year" "/statistiques/organisation/$financeur?$year"
measure "structure, month" "/statistiques/structure/$structure?$month"
measure "group, week" "/statistiques/groupe/$group?periode=semaine&date=2025-09-10"
measure "national, school year, .ods export" "/statistiques/organisation/$root?$year&format=ods"

# Two partner indicators on a financeur and two on the national root, filled
# from the event log month by month (src/eval/partner_rollup.h) by
# `ardoise indicateurs` (the server's rollup thread helps).
sql "INSERT INTO partner_indicator (scope, scope_id, name, kind, feature, action, level, group_id, subject, author_id, created_at)
	VALUES ('organisation', $financeur, 'Activités validées', 'events', 'activites', 'submit', '', 0, '', 1, 0),
	('organisation', $financeur, 'Enfants de CM1 connectés', 'children', '', '', 'CM1', 0, '', 1, 0),
	('organisation', $root, 'Activités validées', 'events', 'activites', 'submit', '', 0, '', 1, 0),
	('organisation', $root, 'Enfants de CM1 connectés', 'children', '', '', 'CM1', 0, '', 1, 0)" > /dev/null
echo "+ ardoise indicateurs: fill the 4 partner indicators"
elapsed "$ARDOISE" indicateurs --db "$db" --du "$last" --au "$last"
curl -s -b "$jar" "$SERVER_URL/statistiques/organisation/$root?$year" | grep -q "en cours de calcul" &&
	bench_die "the partner indicators are still being computed after ardoise indicateurs"
echo "== the same pages with two partner indicators each, read from their rollups"
measure "national, school year" "/statistiques/organisation/$root?$year"
measure "national, month" "/statistiques/organisation/$root?$month"
measure "national, range of 45 days" "/statistiques/organisation/$root?periode=plage&du=2025-09-03&au=2025-10-17"
measure "financeur, school year" "/statistiques/organisation/$financeur?$year"
