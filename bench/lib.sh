# Shared shell functions of the bench/ scripts; source it, do not run it.
# Everything runs on 127.0.0.1 and stops by itself or when the script exits.

BENCH_ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
ARDOISE="$BENCH_ROOT/$BUILD/ardoise"
BENCH_BIN="$BENCH_ROOT/$BUILD/bench"

bench_die() {
	echo "$0: $*" >&2
	exit 1
}

# Build ardoise and the C tools of bench/ with the Makefile's flags.
# ARDOISE_BENCH_NO_BUILD=1 uses the binaries already in $BUILD.
bench_build() {
	if [ -n "${ARDOISE_BENCH_NO_BUILD:-}" ]; then
		[ -x "$ARDOISE" ] && [ -x "$BENCH_BIN/class-start" ] || bench_die "ARDOISE_BENCH_NO_BUILD is set but $BUILD has no built tools"
		return 0
	fi
	make -s -C "$BENCH_ROOT" -f Makefile -f bench/bench.mk BUILD="$BUILD" bench-tools >&2 ||
		bench_die "build failed (run make in $BENCH_ROOT to see why)"
}

# Install Debian packages that are missing (root only).
bench_need_packages() {
	missing=""
	for pkg in "$@"; do
		dpkg -s "$pkg" > /dev/null 2>&1 || missing="$missing $pkg"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" -eq 0 ] || bench_die "missing packages:$missing (as root: apt-get install$missing)"
	echo "$0: installing$missing" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing > /dev/null 2>&1 ||
		{ apt-get update -q > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing > /dev/null; } ||
		bench_die "could not install$missing"
}

# Start a private PostgreSQL with scripts/pg-test-server.sh in DIR and make
# it durable (fsync, synchronous_commit and full_page_writes on) so it is
# compared with SQLite's synchronous=FULL on equal terms. Prints the URL.
bench_pg_start() {
	url=$("$BENCH_ROOT/scripts/pg-test-server.sh" start "$1") || bench_die "PostgreSQL did not start"
	psql -q "$url" -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
		-c "ALTER SYSTEM SET full_page_writes = on" -c "ALTER SYSTEM SET max_connections = 200" \
		-c "SELECT pg_reload_conf()" > /dev/null || bench_die "could not configure PostgreSQL at $url"
	echo "$url"
}

bench_pg_stop() {
	"$BENCH_ROOT/scripts/pg-test-server.sh" stop "$1" > /dev/null 2>&1 || true
}

# A fresh database named NAME on the server of URL; prints its URL.
bench_pg_database() {
	psql -q "$1" -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" > /dev/null || bench_die "could not create database $2"
	echo "${1%/*}/$2"
}

# Start `ardoise serve` on DB with a free port, logging to LOG. Sets
# SERVER_PID and SERVER_URL. The caller stops it with bench_server_stop.
bench_server_start() {
	db=$1
	log=$2
	shift 2
	"$ARDOISE" serve --db "$db" --listen 127.0.0.1:0 "$@" 2> "$log" &
	SERVER_PID=$!
	tries=0
	while ! grep -q "listening address=" "$log" 2> /dev/null; do
		tries=$((tries + 1))
		[ "$tries" -lt 200 ] && kill -0 "$SERVER_PID" 2> /dev/null ||
			bench_die "ardoise serve did not start, see $log"
		sleep 0.05
	done
	SERVER_URL=$(sed -n 's/.*listening address=\(http:[^ ]*\)\/.*/\1/p' "$log" | head -n 1)
}

bench_server_stop() {
	[ -n "${SERVER_PID:-}" ] || return 0
	kill -TERM "$SERVER_PID" 2> /dev/null || true
	wait "$SERVER_PID" 2> /dev/null || true
	SERVER_PID=
}

# Peak resident memory of a process, in MiB.
bench_rss_mib() {
	awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2> /dev/null
}

# A free TCP port on 127.0.0.1.
bench_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# CPU time (user + system) of a process and its reaped children, in
# clock ticks. Processes that are still running are not included.
bench_cpu_ticks() {
	awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2> /dev/null || echo 0
}

# CPU ticks of the PostgreSQL server of cluster folder DIR: the postmaster
# and all its backends.
bench_pg_cpu_ticks() {
	pid=$(head -n 1 "$1/data/postmaster.pid" 2> /dev/null) || { echo 0; return; }
	total=$(bench_cpu_ticks "$pid")
	for child in $(cat "/proc/$pid/task/$pid/children" 2> /dev/null); do
		total=$((total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2> /dev/null || echo 0)))
	done
	echo "$total"
}

# Start nginx with a temporary configuration serving folder ROOT on PORT,
# with the same worker count as cores, one access-log line per request as
# ardoise writes, and keep-alive without a request limit. Sets NGINX_DIR.
bench_nginx_start() {
	root=$1
	port=$2
	NGINX_DIR=$3
	mkdir -p "$NGINX_DIR"
	cat > "$NGINX_DIR/nginx.conf" << CONF
worker_processes $(nproc);
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log;
user root;
events { worker_connections 4096; }
http {
	access_log $NGINX_DIR/access.log;
	client_body_temp_path $NGINX_DIR/body;
	proxy_temp_path $NGINX_DIR/proxy;
	fastcgi_temp_path $NGINX_DIR/fastcgi;
	uwsgi_temp_path $NGINX_DIR/uwsgi;
	scgi_temp_path $NGINX_DIR/scgi;
	keepalive_requests 100000000;
	keepalive_timeout 120s;
	sendfile on;
	default_type text/html;
	server {
		listen 127.0.0.1:$port;
		root $root;
	}
}
CONF
	nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" || bench_die "nginx did not start, see $NGINX_DIR/error.log"
	tries=0
	until [ -s "$NGINX_DIR/nginx.pid" ]; do
		tries=$((tries + 1))
		[ "$tries" -lt 100 ] || bench_die "nginx did not write its pid, see $NGINX_DIR/error.log"
		sleep 0.05
	done
}

bench_nginx_stop() {
	[ -n "${NGINX_DIR:-}" ] && [ -s "$NGINX_DIR/nginx.pid" ] || return 0
	nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -s stop 2> /dev/null || true
	NGINX_DIR=
}
