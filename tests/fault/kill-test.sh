#!/bin/bash
# Durability fault test. Children submit answers without pause while the
# server is killed with SIGKILL; afterwards every answer the server
# acknowledged (303) must be in the attempt table.
#
#   SQLite: one `ardoise serve` on a fresh demo database, killed
#   ARDOISE_FAULT_KILLS times (default 3) and restarted each time, then
#   PRAGMA integrity_check.
#   PostgreSQL, when ARDOISE_TEST_PG_URL is set: two `ardoise serve`
#   behind nginx, configured from deploy/nginx/ardoise.conf; one process is
#   killed once and restarted. No acknowledged answer may be lost, and the
#   5xx answers may not outnumber the requests in flight at the kill.
#
# Bounded: each part loads for ARDOISE_FAULT_SECONDS (default 6) and every
# wait has a timeout, about 20 s for both parts. Builds tests/fault/load.c
# into build/fault-load. Ends with "N passed, N failed"; exits 1 on any
# failure. ARDOISE_FAULT_PARTS=sqlite (or postgresql) runs one part only;
# ARDOISE_KEEP_TEST_DIR=1 keeps the work folder.
set -u
cd "$(dirname "$0")/../.." || exit 1

BIN=${ARDOISE_BIN:-build/ardoise}
LOAD=build/fault-load
CLIENTS=${ARDOISE_FAULT_CLIENTS:-16}
SECONDS_LOAD=${ARDOISE_FAULT_SECONDS:-6}
KILLS=${ARDOISE_FAULT_KILLS:-3}
PARTS=${ARDOISE_FAULT_PARTS:-sqlite postgresql} # the parts to run
START_TIMEOUT=10 # seconds to wait for a server, nginx or the load's sign-ins

passed=0
failed=0
children=()
pg_database=
work=$(mktemp -d /tmp/ardoise-fault-XXXXXX)

cleanup() {
	local pid
	for pid in "${children[@]+"${children[@]}"}"; do
		kill -TERM "$pid" 2> /dev/null
	done
	wait 2> /dev/null
	if [ -n "$pg_database" ]; then
		psql -q "$ARDOISE_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" > /dev/null 2>&1
	fi
	[ -n "${ARDOISE_KEEP_TEST_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# check NAME COMMAND...: count one test.
check() {
	local name=$1
	shift
	if "$@"; then
		echo "ok    $name"
		passed=$((passed + 1))
	else
		echo "ÉCHEC $name"
		failed=$((failed + 1))
	fi
}

# Wait until FILE contains PATTERN; 1 after START_TIMEOUT seconds.
wait_for() {
	local file=$1 pattern=$2 i
	for ((i = 0; i < START_TIMEOUT * 20; i++)); do
		grep -q "$pattern" "$file" 2> /dev/null && return 0
		sleep 0.05
	done
	echo "timed out after ${START_TIMEOUT} s waiting for \"$pattern\" in $file" >&2
	return 1
}

# serve DB PORT LOG: start `ardoise serve` in the background (port 0 picks
# a free one). Sets server_pid and server_port; returns 1 if it did not start.
serve() {
	local db=$1 port=$2 log=$3
	: > "$log"
	"$BIN" serve --db "$db" --listen "127.0.0.1:$port" --threads 2 --workers 2 2>> "$log" &
	server_pid=$!
	children+=("$server_pid")
	wait_for "$log" "listening address=" || return 1
	server_port=$(grep -o 'listening address=http://127.0.0.1:[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$')
}

# A TCP port on 127.0.0.1 with no listener, from 20000-39999.
free_port() {
	local port
	while :; do
		port=$(shuf -i 20000-39999 -n 1)
		[ -z "$(ss -Hltn "sport = :$port")" ] && echo "$port" && return
	done
}

# lost_count ACKED STORED: acknowledged keys missing from the stored ones.
lost_count() {
	sort -u "$1" > "$1.sorted"
	sort -u "$2" > "$2.sorted"
	comm -23 "$1.sorted" "$2.sorted" | wc -l
}

# summary_field LOG NAME: a value of the load's "summary" line.
summary_field() {
	grep '^summary ' "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2
}

build_load() {
	mkdir -p build
	# shellcheck disable=SC2046 # pkg-config prints several words on purpose
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -o "$LOAD" tests/fault/load.c \
		$(pkg-config --cflags --libs libcurl)
}

# SIGKILL the process PID; the kill is announced to the load first so it
# notes the requests in flight.
kill_hard() {
	kill -USR1 "$load_pid"
	kill -KILL "$1"
	wait "$1" 2> /dev/null
}

sqlite_part() {
	local dir=$work/sqlite db=$work/sqlite/ardoise.db port k ok lost integrity acked in_flight
	mkdir -p "$dir"
	echo "== SQLite : un serveur, $KILLS SIGKILL pendant $SECONDS_LOAD s de charge ($CLIENTS clients)"
	if ! "$BIN" init --db "$db" --demo > "$dir/logins.txt" 2> "$dir/init.log" || ! serve "$db" 0 "$dir/server.log"; then
		check "sqlite: start" false
		return
	fi
	port=$server_port
	"$LOAD" --base "http://127.0.0.1:$port" --logins "$dir/logins.txt" \
		--clients "$CLIENTS" --seconds "$SECONDS_LOAD" --acked "$dir/acked.txt" > "$dir/load.log" 2>&1 &
	load_pid=$!
	children+=("$load_pid")
	wait_for "$dir/load.log" '^ready' || { check "sqlite: load sign-in" false; return; }

	ok=0
	for ((k = 1; k <= KILLS; k++)); do
		sleep "$(awk -v s="$SECONDS_LOAD" -v n="$KILLS" 'BEGIN { printf "%.2f", s / (n + 1) - 0.3 }')"
		kill_hard "$server_pid"
		echo "SIGKILL $k envoyé au serveur"
		serve "$db" "$port" "$dir/server.log" && ok=$((ok + 1))
	done
	wait "$load_pid"
	check "sqlite: server restarted after each of $KILLS kills" [ "$ok" -eq "$KILLS" ]
	kill -TERM "$server_pid"
	wait "$server_pid"

	sqlite3 "$db" "SELECT idempotency_key FROM attempt" > "$dir/stored.txt"
	acked=$(wc -l < "$dir/acked.txt")
	lost=$(lost_count "$dir/acked.txt" "$dir/stored.txt")
	integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
	in_flight=$(summary_field "$dir/load.log" in_flight_at_kills)
	grep -E '^(summary|5xx|unexpected)' "$dir/load.log"
	echo "SQLite : $acked réponses acquittées, $KILLS arrêts brutaux (requêtes en cours : $in_flight), $lost perdues, integrity_check : $integrity"
	check "sqlite: acknowledged answers" [ "$acked" -gt 0 ]
	check "sqlite: no acknowledged answer lost" [ "$lost" -eq 0 ]
	check "sqlite: integrity_check ok" [ "$integrity" = ok ]
}

# Write nginx.conf for a private nginx in DIR whose site is the deployment
# file with test ports, paths and a self-signed certificate.
nginx_configure() {
	local dir=$1 first=$2 second=$3 http=$4 https=$5
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
		-keyout "$dir/key.pem" -out "$dir/cert.pem" > /dev/null 2>&1 || return 1
	sed -e "s|127.0.0.1:8081|127.0.0.1:$first|" -e "s|127.0.0.1:8082|127.0.0.1:$second|" \
		-e "s|listen 80;|listen 127.0.0.1:$http;|" -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https ssl http2;|" \
		-e '/listen \[::\]/d' \
		-e "s|/etc/ssl/certs/ardoise.example.org.pem|$dir/cert.pem|" \
		-e "s|/etc/ssl/private/ardoise.example.org.key|$dir/key.pem|" \
		-e "s|/var/log/nginx/|$dir/|" -e "s|root /opt/ardoise;|root $PWD;|" \
		deploy/nginx/ardoise.conf > "$dir/ardoise.conf"
	cat > "$dir/nginx.conf" <<-CONF
		daemon off;
		worker_processes 2;
		pid $dir/nginx.pid;
		error_log $dir/error.log warn;
		events { worker_connections 1024; }
		http {
			include /etc/nginx/mime.types;
			default_type application/octet-stream;
			access_log $dir/access.log;
			client_body_temp_path $dir/client_body;
			proxy_temp_path $dir/proxy;
			fastcgi_temp_path $dir/fastcgi;
			uwsgi_temp_path $dir/uwsgi;
			scgi_temp_path $dir/scgi;
			include $dir/ardoise.conf;
		}
	CONF
}

# Install nginx from Debian when missing (needs root).
nginx_install() {
	command -v nginx > /dev/null && return 0
	[ "$(id -u)" -eq 0 ] || { echo "nginx missing: apt-get install nginx" >&2; return 1; }
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx > /dev/null 2>&1 ||
		{ apt-get update -q > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx > /dev/null 2>&1; }
}

# nginx_check DIR HTTP HTTPS: the redirect and the static headers.
nginx_check() {
	local dir=$1 http=$2 https=$3 status headers
	status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/eleve")
	check "nginx: plain HTTP redirects to HTTPS" [ "$status" = 301 ]
	headers=$(curl -sk -o /dev/null -D - -H 'Accept-Encoding: gzip' "https://127.0.0.1:$https/static/ardoise.css")
	check "nginx: /static/ served gzipped with a lifetime" \
		grep -qi 'content-encoding: gzip' <<< "$headers"
	check "nginx: /static/img/ kept 30 days" \
		grep -qi 'cache-control: max-age=2592000' <<< "$(curl -sk -o /dev/null -D - "https://127.0.0.1:$https/static/img/logo.svg")"
	status=$(curl -sk -o /dev/null -w '%{http_code}' --data-binary @<(head -c 2000000 /dev/zero) "https://127.0.0.1:$https/connexion/adulte")
	check "nginx: body over 1 MiB rejected with 413" [ "$status" = 413 ]
}

postgres_part() {
	local dir=$work/pg url first first_pid second http https nginx_pid k lost acked server_errors in_flight nginx_5xx retried
	mkdir -p "$dir"
	echo "== PostgreSQL : deux serveurs derrière nginx, un SIGKILL pendant $SECONDS_LOAD s de charge ($CLIENTS clients)"
	pg_database=ardoise_fault_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
	url=${ARDOISE_TEST_PG_URL%%\?*}
	url=${url%/*}/$pg_database
	if ! psql -q "$ARDOISE_TEST_PG_URL" -c "CREATE DATABASE $pg_database" > "$dir/createdb.log" 2>&1 ||
		! "$BIN" init --db "$url" --demo > "$dir/logins.txt" 2> "$dir/init.log"; then
		check "postgresql: create and init the database" false
		return
	fi
	serve "$url" 0 "$dir/server1.log" || { check "postgresql: start ardoise 1" false; return; }
	first=$server_port
	first_pid=$server_pid
	serve "$url" 0 "$dir/server2.log" || { check "postgresql: start ardoise 2" false; return; }
	second=$server_port

	nginx_install || { check "nginx: installed" false; return; }
	http=$(free_port)
	https=$(free_port)
	nginx_configure "$dir" "$first" "$second" "$http" "$https" || { check "nginx: configure" false; return; }
	check "nginx: nginx -t accepts deploy/nginx/ardoise.conf" \
		nginx -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
	nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" 2>> "$dir/nginx.stderr" &
	nginx_pid=$!
	children+=("$nginx_pid")
	for ((k = 0; k < START_TIMEOUT * 20; k++)); do
		curl -sk -o /dev/null "https://127.0.0.1:$https/sante" && break
		sleep 0.05
	done
	if ! curl -sk -o /dev/null "https://127.0.0.1:$https/sante"; then
		tail -n 5 "$dir/error.log" "$dir/ardoise.error.log"
		check "nginx: started on ports $http and $https" false
		return
	fi
	nginx_check "$dir" "$http" "$https"

	"$LOAD" --base "https://127.0.0.1:$https" --insecure --logins "$dir/logins.txt" \
		--clients "$CLIENTS" --seconds "$SECONDS_LOAD" --acked "$dir/acked.txt" > "$dir/load.log" 2>&1 &
	load_pid=$!
	children+=("$load_pid")
	wait_for "$dir/load.log" '^ready' || { check "postgresql: load sign-in" false; return; }
	sleep "$(awk -v s="$SECONDS_LOAD" 'BEGIN { printf "%.2f", s / 3 }')"
	kill_hard "$first_pid"
	echo "SIGKILL envoyé au serveur 1 (port $first)"
	sleep "$(awk -v s="$SECONDS_LOAD" 'BEGIN { printf "%.2f", s / 4 }')"
	serve "$url" "$first" "$dir/server1.log"
	check "postgresql: ardoise 1 restarted on its port" [ "$server_port" = "$first" ]
	wait "$load_pid"

	psql -At "$url" -c "SELECT idempotency_key FROM attempt" > "$dir/stored.txt"
	acked=$(wc -l < "$dir/acked.txt")
	lost=$(lost_count "$dir/acked.txt" "$dir/stored.txt")
	server_errors=$(summary_field "$dir/load.log" 5xx)
	in_flight=$(summary_field "$dir/load.log" in_flight_at_kills)
	nginx_5xx=$(awk '$9 ~ /^5/' "$dir/ardoise.access.log" | wc -l)
	retried=$(grep -c 'while reading response header from upstream' "$dir/ardoise.error.log")
	grep -E '^(summary|5xx|unexpected)' "$dir/load.log"
	awk '$9 ~ /^5/ { print "nginx 5xx:", $4, $6, $7, $9 }' "$dir/ardoise.access.log" | head -n 20
	echo "PostgreSQL : $acked réponses acquittées, 1 arrêt brutal (requêtes en cours : ${in_flight:-?}), $lost perdues, 5xx : $server_errors reçues par la charge, $nginx_5xx dans le journal de nginx ; nginx a vu $retried réponses coupées par l'arrêt"
	check "postgresql: acknowledged answers" [ "$acked" -gt 0 ]
	check "postgresql: no acknowledged answer lost" [ "$lost" -eq 0 ]
	check "postgresql: 5xx no more than the requests in flight at the kill" [ "$server_errors" -le "${in_flight:-0}" ]
	kill -TERM "$nginx_pid"
}

if ! build_load > "$work/build.log" 2>&1; then
	cat "$work/build.log"
	check "build tests/fault/load.c" false
else
	[[ " $PARTS " == *" sqlite "* ]] && sqlite_part
	[[ " $PARTS " == *" postgresql "* ]] && [ -n "${ARDOISE_TEST_PG_URL:-}" ] && postgres_part
fi
# The counts again in the form scripts/test.sh adds up.
echo "# pass $passed"
echo "# fail $failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
