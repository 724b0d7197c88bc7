/*
 * request: what a route handler works with. A handler validates its input,
 * acts, renders into `out` and returns the HTTP status; the server sends the
 * buffered body afterwards, so an error page can still replace it.
 *
 * A handler that needs slow work calls request_defer() and returns
 * HANDLER_DEFERRED; `work` then runs on a worker thread with that worker's
 * own database connection, and `done` runs back on the loop thread and
 * returns the status like a handler. `work` must not touch `r->req`.
 */
#ifndef ARDOISE_HTTP_REQUEST_H
#define ARDOISE_HTTP_REQUEST_H

#include <h2o.h>
#include <stdbool.h>
#include <stdint.h>

#include "auth/session.h"
#include "core/buf.h"
#include "http/form.h"

#define HANDLER_DEFERRED 0
#define REQUEST_MAX_PARAMS 4
#define REQUEST_MAX_BODY_BYTES (64 * 1024)
/* Largest multipart/form-data body: an 8 MiB class list (ROSTER_MAX_BYTES)
 * plus room for the other fields and the part headers. */
#define REQUEST_MAX_MULTIPART_BYTES (8 * 1024 * 1024 + 64 * 1024)
/* Bodies up to this size reach the handler, which answers a French 413
 * above REQUEST_MAX_BODY_BYTES (urlencoded) or REQUEST_MAX_MULTIPART_BYTES;
 * h2o answers larger ones itself. h2o buffers the whole body before the
 * handler runs, and its limit is global, so it must cover uploads. */
#define REQUEST_BUFFERED_BODY_BYTES (9 * 1024 * 1024)

struct loop_thread;
struct catalog;
struct request_link;
struct multipart;

struct request {
	h2o_req_t *req;          /* NULL once the client has gone away */
	struct loop_thread *thread;
	struct db *db;           /* the loop thread's connection */
	const struct catalog *catalog;
	char path[512];          /* decoded path, without the query */
	char *params[REQUEST_MAX_PARAMS]; /* route parameters, decoded */
	size_t param_count;
	struct form query;
	struct form body;        /* urlencoded POST body, or the text fields of a multipart one */
	/* Parts of a multipart/form-data POST, NULL otherwise. Their data
	 * points into h2o's request body: copy it before request_defer. */
	struct multipart *files;
	struct form cookies;
	struct user user;
	bool signed_in;
	char session_token[SESSION_TOKEN_CHARS + 1];
	char anon_csrf[SESSION_TOKEN_CHARS + 1]; /* token sent in a new CSRF cookie */
	struct buf out;          /* response body */
	const char *content_type;
	int64_t started_ns;
	char id[17];             /* request id for the logs */
	bool deferred;
	int (*done)(struct request *r);
	void (*work)(struct request *r, struct db *db);
	void *job_data;          /* handler state across a deferral */
	void (*job_free)(void *data);
	struct request_link *link; /* cleared when the response is sent */
	int (*write)(struct request *r, struct db *db); /* see request_defer_write */
	int write_rc;            /* what `write` returned, for `done` */
	bool streamed;           /* a live stream owns the response (http/live.h) */
};

/* Queue `work` on the worker pool; see the file comment. */
int request_defer(struct request *r, void (*work)(struct request *r, struct db *db),
		  int (*done)(struct request *r));

/*
 * Queue `write` for the writer thread, which runs the writes of many
 * requests in one transaction, each in a savepoint, then commits once: one
 * durable commit (one fsync on SQLite) for a whole batch. `write` returns 0
 * or -1; on -1 only its own changes are rolled back. `done` runs back on
 * the loop and reads r->write_rc, which is also -1 when the commit failed.
 * The answer is sent only after the commit, so an acknowledged write is
 * stored.
 */
int request_defer_write(struct request *r, int (*write)(struct request *r, struct db *db),
			int (*done)(struct request *r));

/* Add a response header (copied into the request's memory pool). */
void request_add_header(struct request *r, const char *name, const char *value);
/* Set a cookie: HttpOnly, SameSite=Lax, Path=/; max_age < 0 deletes it. */
void request_set_cookie(struct request *r, const char *name, const char *value,
			long max_age);
/* Redirect with 303 See Other to `location` (a local path); returns 303. */
int request_redirect(struct request *r, const char *location);
/* Client address as text, for rate limits and logs. */
void request_peer(struct request *r, char *out, size_t size);
bool request_is_post(const struct request *r);
/* Value of a request header, or NULL; copied into `out`. */
const char *request_header(struct request *r, const char *name, char *out, size_t size);

#endif
