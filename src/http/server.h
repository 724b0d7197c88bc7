/*
 * server: the HTTP server. One h2o event loop per thread, each with its own
 * SO_REUSEPORT listener and its own database connection; a worker pool for
 * slow work (password hashing) that posts results back to the loop.
 */
#ifndef ARDOISE_HTTP_SERVER_H
#define ARDOISE_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

struct catalog;

struct server_config {
	const char *db_url;
	const char *host;    /* address to listen on, e.g. "127.0.0.1" */
	uint16_t port;       /* 0 = pick a free port; the chosen one is logged */
	int threads;         /* event-loop threads; 0 = twice the cores */
	int workers;         /* worker threads; 0 = the number of cores */
	const char *static_dir; /* served under /static/ */
	const struct catalog *catalog; /* the content, read-only while serving */
	int max_connections; /* open connections over all loops; 0 = SERVER_DEFAULT_CONNECTIONS */
	int request_timeout_ms; /* a request must arrive whole within this; 0 = default */
	const char *trusted_proxy; /* address of the reverse proxy whose X-Real-IP is believed; NULL = none */
	const char *audio_cache; /* "Écouter" audio files, served under /audio/; NULL = none */
	const char *media_dir; /* videos, captions and images of the content, served under /media/ */
};

#define SERVER_DEFAULT_CONNECTIONS 10000
#define SERVER_DEFAULT_REQUEST_TIMEOUT_MS 10000

/* Serve until SIGTERM or SIGINT, then finish the requests in flight and
 * return 0; returns -1 (after logging why) if the server cannot start. */
int server_run(const struct server_config *config);

/* Make `c` (allocated with malloc, filled) the catalogue of every request
 * that starts from now on; requests already running keep theirs. The
 * server owns `c` from then on and frees it when it stops. Returns 0, or
 * -1 (the caller keeps `c`) when out of memory. Any thread may call it. */
int server_catalog_publish(struct catalog *c);

/* The media folder of the running server (config.media_dir), or NULL. */
const char *server_media_dir(void);

#endif
