/* Event-loop threads, listeners, the h2o handler and shutdown. */
#define _GNU_SOURCE /* accept4 */
#include "http/server.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <h2o.h>

#include "content/catalog.h"
#include "core/log.h"
#include "http/background.h"
#include "eval/event.h"
#include "integ/sender.h"
#include "http/internal.h"
#include "http/router.h"
#include "store/db.h"
#include "web/page.h"

#define SHUTDOWN_FLUSH_MS 500
#define LISTEN_BACKLOG 1024
/* File descriptors kept apart from client connections: listeners, database
 * files and sockets, logs, static and audio files being sent. */
#define FD_RESERVE 256

static h2o_globalconf_t globalconf;
static atomic_int stopping;
static struct loop_thread *threads;
static int thread_count;
static const struct server_config *server_config;
static int max_connections; /* the configured limit, lowered to fit the descriptors */

/* The catalogue published while serving, NULL before the first publish.
 * A request reads it once at its start, so every published catalogue is
 * kept until the server stops: one in flight may still use it. */
static _Atomic(const struct catalog *) published_catalog;
static struct catalog **retired_catalogs;
static size_t retired_count;
static pthread_mutex_t retired_lock = PTHREAD_MUTEX_INITIALIZER;

static void published_release(void);

int64_t clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int listener_open(const char *host, uint16_t port, uint16_t *bound_port)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	int fd, on = 1;

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons(port);
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		log_error("invalid listen address host=\"%s\"", host);
		return -1;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on));
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
	    listen(fd, LISTEN_BACKLOG) != 0) {
		log_error("listen failed host=%s port=%u error=\"%s\"", host, port, strerror(errno));
		close(fd);
		return -1;
	}
	getsockname(fd, (struct sockaddr *)&addr, &len);
	*bound_port = ntohs(addr.sin_port);
	return fd;
}

/* Sent to a connection over the limit, then the connection is closed. */
static const char busy_body[] =
	"<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Ardoise est très demandée</title></head>"
	"<body><h1>Ardoise est très demandée</h1><p>Trop de personnes sont connectées en même temps. Réessaie dans une minute.</p></body></html>\n";

static void busy_send(int fd)
{
	char head[256];
	struct iovec parts[2];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=utf-8\r\n"
			 "Retry-After: 10\r\nConnection: close\r\nContent-Length: %zu\r\n\r\n",
			 sizeof(busy_body) - 1);
	ssize_t sent;

	parts[0].iov_base = head;
	parts[0].iov_len = (size_t)n;
	parts[1].iov_base = (void *)busy_body;
	parts[1].iov_len = sizeof(busy_body) - 1;
	sent = writev(fd, parts, 2);
	(void)sent;
}

static void on_connection_close(void *data)
{
	struct loop_thread *t = data;

	t->connections--;
}

/* Accept what is waiting. Connections past this loop's share of the limit
 * get a short French 503 and are closed, so the server never exhausts its
 * file descriptors. */
static void on_accept(h2o_socket_t *listener, const char *err)
{
	struct loop_thread *t = listener->data;
	int fd, tries, on = 1;
	h2o_socket_t *sock;

	if (err)
		return;
	for (tries = 0; tries < 16; tries++) {
		fd = accept4(t->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		if (t->connections >= t->max_connections) {
			busy_send(fd);
			close(fd);
			log_warn("connection refused reason=limit connections=%d", t->connections);
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
		sock = h2o_evloop_socket_create(t->loop, fd, H2O_SOCKET_FLAG_IS_ACCEPTED_CONNECTION);
		t->connections++;
		sock->on_close.cb = on_connection_close;
		sock->on_close.data = t;
		h2o_accept(&t->accept_ctx, sock);
	}
}

/* Wake-up messages from the signal thread: start shutting down. */
static void on_control(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	struct loop_thread *t = H2O_STRUCT_FROM_MEMBER(struct loop_thread, control, receiver);

	while (!h2o_linklist_is_empty(messages)) {
		h2o_multithread_message_t *m = H2O_STRUCT_FROM_MEMBER(h2o_multithread_message_t, link, messages->next);
		h2o_linklist_unlink(&m->link);
	}
	live_loop_stop(t);
	if (t->listener) {
		h2o_socket_read_stop(t->listener);
		h2o_socket_close(t->listener);
		t->listener = NULL;
	}
}

/* Start-up handshake: each loop thread reports whether its set-up worked. */
static pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cond = PTHREAD_COND_INITIALIZER;
static int ready_count, ready_failures;

static void ready_report(bool ok)
{
	pthread_mutex_lock(&ready_lock);
	ready_count++;
	ready_failures += !ok;
	pthread_cond_broadcast(&ready_cond);
	pthread_mutex_unlock(&ready_lock);
}

static int loop_thread_init(struct loop_thread *t, int index, int fd);

static void *loop_main(void *arg)
{
	struct loop_thread *t = arg;
	int64_t flush_until = 0;

	/* Everything h2o allocates for this loop (event loop, context, queue,
	 * listener) is made here, on the loop's own thread: h2o's socket buffers
	 * come from a thread-local pool, and a socket made on another thread
	 * would share that thread's pool with this one. */
	if (loop_thread_init(t, t->index, t->listen_fd) < 0) {
		ready_report(false);
		return NULL;
	}
	ready_report(true);

	while (1) {
		if (atomic_load(&stopping) && t->in_flight == 0) {
			if (!flush_until)
				flush_until = clock_ns() + (int64_t)SHUTDOWN_FLUSH_MS * 1000000;
			else if (clock_ns() > flush_until)
				break;
		}
		h2o_evloop_run(t->loop, atomic_load(&stopping) ? 50 : 1000);
	}
	return NULL;
}

static int thread_count_planned;

/* Each loop's share of the connection limit, at least one. */
static int connections_share(int total, int loops)
{
	int share;

	if (total <= 0)
		total = SERVER_DEFAULT_CONNECTIONS;
	share = total / (loops > 0 ? loops : 1);
	return share > 0 ? share : 1;
}

static int loop_thread_init(struct loop_thread *t, int index, int fd)
{
	char err[256];

	t->index = index;
	t->db = db_open(server_config->db_url, err, sizeof(err));
	if (!t->db) {
		log_error("database open failed error=\"%s\"", err);
		return -1;
	}
	t->loop = h2o_evloop_create();
	h2o_context_init(&t->ctx, t->loop, &globalconf);
	t->accept_ctx.ctx = &t->ctx;
	t->accept_ctx.hosts = globalconf.hosts;
	t->queue = h2o_multithread_create_queue(t->ctx.loop);
	h2o_multithread_register_receiver(t->queue, &t->control, on_control);
	h2o_multithread_register_receiver(t->queue, &t->jobs_done, worker_on_done);
	live_loop_init(t);
	t->listen_fd = fd;
	t->max_connections = connections_share(max_connections, thread_count_planned);
	t->listener = h2o_evloop_socket_create(t->loop, fd, H2O_SOCKET_FLAG_DONT_READ);
	t->listener->data = t;
	h2o_socket_read_start(t->listener, on_accept);
	return 0;
}

/* One log line per static file served, in the same form as the pages'
 * lines. Written through log.c rather than h2o's access log, which needs a
 * file path and fails when stderr is a pipe or a socket. */
static void log_static(h2o_logger_t *self, h2o_req_t *req)
{
	struct timeval *start = &req->processed_at.at;
	struct timeval end;
	double ms;

	gettimeofday(&end, NULL);
	ms = (double)(end.tv_sec - start->tv_sec) * 1e3 + (double)(end.tv_usec - start->tv_usec) / 1e3;
	log_info("request method=%.*s path=\"%.*s\" status=%d duration_ms=%.1f user=0",
		 (int)req->method.len, req->method.base, (int)req->path.len, req->path.base,
		 req->res.status, ms);
}

/* /audio/: the "Écouter" files of the speech cache. Their names are hashes
 * of their text, so they never change and browsers may keep them. */
static void register_audio(h2o_hostconf_t *host, const char *dir)
{
	static h2o_iovec_t cache_name = { H2O_STRLIT("cache-control") };
	static h2o_headers_command_t audio_headers[] = {
		{ H2O_HEADERS_CMD_SET, &cache_name, { H2O_STRLIT("public, max-age=31536000, immutable") } },
		{ H2O_HEADERS_CMD_NULL, NULL, { NULL, 0 } },
	};
	h2o_mimemap_t *types = h2o_mimemap_create();
	h2o_pathconf_t *path = h2o_config_register_path(host, "/audio", 0);

	h2o_mimemap_define_mimetype(types, "ogg", "audio/ogg", NULL);
	h2o_mimemap_define_mimetype(types, "wav", "audio/wav", NULL);
	h2o_file_register(path, dir, NULL, types, 0);
	h2o_mem_release_shared(types);
	h2o_headers_register(path, audio_headers);
	h2o_create_logger(path, sizeof(h2o_logger_t))->log_access = log_static;
}

static void register_paths(const char *static_dir)
{
	static h2o_iovec_t cache_name = { H2O_STRLIT("cache-control") };
	static h2o_headers_command_t static_headers[] = {
		{ H2O_HEADERS_CMD_SET, &cache_name, { H2O_STRLIT("public, max-age=3600") } },
		{ H2O_HEADERS_CMD_NULL, NULL, { NULL, 0 } },
	};
	h2o_compress_args_t gzip = { 256, { 5 }, { -1 } };
	h2o_hostconf_t *host;
	h2o_pathconf_t *path;
	h2o_handler_t *handler;

	host = h2o_config_register_host(&globalconf, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	path = h2o_config_register_path(host, "/static", 0);
	h2o_file_register(path, static_dir, NULL, NULL, 0);
	h2o_headers_register(path, static_headers);
	h2o_compress_register(path, &gzip);
	h2o_create_logger(path, sizeof(h2o_logger_t))->log_access = log_static;
	if (server_config->audio_cache)
		register_audio(host, server_config->audio_cache);
	path = h2o_config_register_path(host, "/", 0);
	handler = h2o_create_handler(path, sizeof(*handler));
	handler->on_req = http_on_req;
	h2o_compress_register(path, &gzip);
}

/* Block the stop signals in every thread; the main thread waits for them. */
static void signals_block(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int threads_start(int count, int fd_first, uint16_t port)
{
	int i, fd, started = 0;
	uint16_t bound;

	thread_count_planned = count;
	threads = calloc((size_t)count, sizeof(*threads));
	if (!threads)
		return -1;
	for (i = 0; i < count; i++) {
		fd = i == 0 ? fd_first : listener_open(server_config->host, port, &bound);
		if (fd < 0)
			return -1;
		threads[i].index = i;
		threads[i].listen_fd = fd;
	}
	for (i = 0; i < count; i++)
		if (pthread_create(&threads[i].thread, NULL, loop_main, &threads[i]) == 0)
			started++;
	pthread_mutex_lock(&ready_lock);
	while (ready_count < started)
		pthread_cond_wait(&ready_cond, &ready_lock);
	pthread_mutex_unlock(&ready_lock);
	thread_count = started;
	return started == count && ready_failures == 0 ? 0 : -1;
}

static void threads_stop(void)
{
	static h2o_multithread_message_t wake[256];
	int i;

	atomic_store(&stopping, 1);
	for (i = 0; i < thread_count && i < 256; i++)
		h2o_multithread_send_message(&threads[i].control, &wake[i]);
	for (i = 0; i < thread_count; i++)
		pthread_join(threads[i].thread, NULL);
	for (i = 0; i < thread_count; i++)
		db_close(threads[i].db);
}

static int default_threads(int configured, int factor)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	if (configured > 0)
		return configured;
	return (int)(cores > 0 ? cores : 1) * factor;
}

/* Raise the soft limit on open files to what `wanted` connections need,
 * up to the hard limit, and return the connections that fit. A connection
 * past the descriptors would make accept() fail and the listener spin. */
static int connections_fit(int wanted)
{
	struct rlimit limit;
	rlim_t needed = (rlim_t)wanted + FD_RESERVE;

	if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
		return wanted;
	if (limit.rlim_cur < needed) {
		limit.rlim_cur = limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= needed ? needed : limit.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
			getrlimit(RLIMIT_NOFILE, &limit);
	}
	if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed)
		return wanted;
	log_warn("open file limit too low for the connections limit=%llu max_connections=%d fitted=%d "
		 "hint=\"raise LimitNOFILE or ulimit -n\"",
		 (unsigned long long)limit.rlim_cur, wanted, limit.rlim_cur > FD_RESERVE ? (int)(limit.rlim_cur - FD_RESERVE) : 1);
	return limit.rlim_cur > FD_RESERVE ? (int)(limit.rlim_cur - FD_RESERVE) : 1;
}

int server_run(const struct server_config *config)
{
	sigset_t set;
	uint16_t port;
	int fd, sig = 0, count;

	server_config = config;
	max_connections = connections_fit(config->max_connections > 0 ? config->max_connections : SERVER_DEFAULT_CONNECTIONS);
	signals_block(&set);
	h2o_config_init(&globalconf);
	globalconf.max_request_entity_size = REQUEST_BUFFERED_BODY_BYTES;
	/* A request (headers and body) must arrive within this time, so a
	 * client that sends one byte per second is dropped. */
	globalconf.http1.req_timeout = config->request_timeout_ms > 0 ? (uint64_t)config->request_timeout_ms : SERVER_DEFAULT_REQUEST_TIMEOUT_MS;
	register_paths(config->static_dir);
	fd = listener_open(config->host, config->port, &port);
	if (fd < 0)
		return -1;
	count = default_threads(config->threads, 2);
	if (count > 256)
		count = 256;
	if (workers_start(config->db_url, default_threads(config->workers, 1)) < 0 || writer_start(config->db_url) < 0 ||
	    event_start(config->db_url) < 0)
		return -1;
	background_init(config->db_url);
	if (integ_sender_start() < 0)
		log_error("integration sender start failed");
	if (threads_start(count, fd, port) < 0) {
		log_error("server start failed");
		return -1;
	}
	log_info("listening address=http://%s:%u/ threads=%d max_connections=%d", config->host, port, count, max_connections);
	sigwait(&set, &sig);
	log_info("stopping signal=%s", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	threads_stop();
	event_stop();
	writer_stop();
	background_stop();
	workers_stop();
	published_release();
	log_info("stopped");
	return 0;
}

struct loop_thread *server_loops(int *count)
{
	*count = thread_count;
	return threads;
}

const char *server_trusted_proxy(void)
{
	return server_config->trusted_proxy && *server_config->trusted_proxy ? server_config->trusted_proxy : NULL;
}

const char *server_media_dir(void)
{
	return server_config ? server_config->media_dir : NULL;
}

const struct catalog *server_catalog(void)
{
	const struct catalog *c = atomic_load(&published_catalog);

	return c ? c : server_config->catalog;
}

int server_catalog_publish(struct catalog *c)
{
	struct catalog **grown;

	pthread_mutex_lock(&retired_lock);
	grown = realloc(retired_catalogs, (retired_count + 1) * sizeof(*grown));
	if (!grown) {
		pthread_mutex_unlock(&retired_lock);
		return -1;
	}
	retired_catalogs = grown;
	retired_catalogs[retired_count++] = c;
	atomic_store(&published_catalog, c);
	pthread_mutex_unlock(&retired_lock);
	log_info("catalogue published contents=%zu", c->count);
	return 0;
}

/* Free the published catalogues once no request can use them. */
static void published_release(void)
{
	size_t i;

	atomic_store(&published_catalog, NULL);
	for (i = 0; i < retired_count; i++) {
		catalog_release(retired_catalogs[i]);
		free(retired_catalogs[i]);
	}
	free(retired_catalogs);
	retired_catalogs = NULL;
	retired_count = 0;
}
