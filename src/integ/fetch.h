/*
 * fetch: outgoing HTTP calls to the servers the opérateur configured (CAS
 * servers, LTI platforms, learning-record stores), with libcurl. Only the
 * URL given is called: no redirects followed, no proxy from the
 * environment, http and https only, bounded time and answer size.
 * Blocking: call it from a worker or a background job, never a loop.
 */
#ifndef ARDOISE_INTEG_FETCH_H
#define ARDOISE_INTEG_FETCH_H

#include <stddef.h>

#include "core/buf.h"

#define FETCH_TIMEOUT_SECONDS 10
#define FETCH_MAX_HEADERS 4

struct fetch_request {
	const char *method;      /* "GET" or "POST" */
	const char *url;
	const char *body;        /* POST only, may be NULL */
	size_t body_len;
	const char *headers[FETCH_MAX_HEADERS]; /* "Name: value", NULL-terminated if fewer */
};

/*
 * Send `req`; the answer body goes into `out` (its maximum bounds it) and
 * the HTTP status into `*status`. Returns 0 when an answer came (whatever
 * its status), -1 on a transport failure with the cause in `err`.
 */
int fetch_send(const struct fetch_request *req, struct buf *out, long *status, char *err, size_t err_size);

#endif
