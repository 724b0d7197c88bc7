#!/bin/sh
# Run a private PostgreSQL 15 server for the tests.
#
#   scripts/pg-test-server.sh start DIR   start it, print its URL
#   scripts/pg-test-server.sh url DIR     print the URL of the running server
#   scripts/pg-test-server.sh stop DIR    stop it and remove its files and DIR
#
# DIR keeps the server's state: the path of its cluster folder and its URL.
# The cluster lives in a new folder under ${TMPDIR:-/tmp}, owned by the
# postgres system user when run as root, because initdb and postgres refuse
# to run as root. The server listens on 127.0.0.1 only, on a random free
# port in 20000-39999, and on a Unix socket in the cluster folder. Local
# connections need no password (trust). It holds one database,
# ardoise_test. Durability is off (fsync=off) because it serves tests only.
#
# Use it with: ARDOISE_TEST_PG_URL=$(scripts/pg-test-server.sh start build/pg)
set -eu

PG_BIN=/usr/lib/postgresql/15/bin
PORT_TRIES=20
DATABASE=ardoise_test

usage() {
	echo "usage: $0 start|stop|url DIR" >&2
	exit 2
}

# Run a PostgreSQL program as the postgres user when we are root.
as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

install_postgres() {
	[ -x "$PG_BIN/initdb" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "$0: $PG_BIN/initdb not found; install the postgresql-15 package (as root: apt-get install postgresql-15)." >&2
		exit 1
	fi
	echo "$0: installing postgresql-15" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q --no-install-recommends postgresql-15 >&2 ||
		{ apt-get update -q >&2 && apt-get install -y -q --no-install-recommends postgresql-15 >&2; }
}

# Start postgres on random ports until one is free; prints the port.
start_on_free_port() {
	cluster=$1
	tries=0
	while [ "$tries" -lt "$PORT_TRIES" ]; do
		port=$(shuf -i 20000-39999 -n 1)
		if as_postgres "$PG_BIN/pg_ctl" start -w -s -t 30 -D "$cluster/data" -l "$cluster/server.log" \
			-o "-p $port -c listen_addresses=127.0.0.1 -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2; then
			echo "$port"
			return 0
		fi
		tries=$((tries + 1))
	done
	echo "$0: postgres did not start on $PORT_TRIES random ports, see $cluster/server.log" >&2
	return 1
}

cmd_start() {
	dir=$1
	if [ -f "$dir/url" ] && [ -f "$dir/cluster" ] &&
		as_postgres "$PG_BIN/pg_ctl" status -D "$(cat "$dir/cluster")/data" > /dev/null 2>&1; then
		cat "$dir/url"
		return 0
	fi
	install_postgres
	mkdir -p "$dir"
	cluster=$(mktemp -d "${TMPDIR:-/tmp}/ardoise-pg-XXXXXX")
	echo "$cluster" > "$dir/cluster"
	[ "$(id -u)" -ne 0 ] || chown postgres: "$cluster"
	as_postgres "$PG_BIN/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$cluster/initdb.log" 2>&1 ||
		{ echo "$0: initdb failed, see $cluster/initdb.log" >&2; exit 1; }
	port=$(start_on_free_port "$cluster")
	as_postgres "$PG_BIN/createdb" -h "$cluster" -p "$port" -U postgres "$DATABASE"
	echo "postgresql://postgres@127.0.0.1:$port/$DATABASE" > "$dir/url"
	cat "$dir/url"
}

cmd_stop() {
	dir=$1
	[ -f "$dir/cluster" ] || { echo "$0: no server state in $dir" >&2; exit 1; }
	cluster=$(cat "$dir/cluster")
	if [ -d "$cluster/data" ]; then
		as_postgres "$PG_BIN/pg_ctl" stop -s -m fast -D "$cluster/data" || true
	fi
	rm -rf "$cluster" "$dir"
}

cmd_url() {
	dir=$1
	[ -f "$dir/url" ] || { echo "$0: no server started in $dir" >&2; exit 1; }
	cat "$dir/url"
}

[ $# -eq 2 ] || usage
case "$1" in
start) cmd_start "$2" ;;
stop) cmd_stop "$2" ;;
url) cmd_url "$2" ;;
*) usage ;;
esac
