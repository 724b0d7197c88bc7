/*
 * router: the route table and dispatch. Every route names the capabilities
 * it needs; the router checks sign-in, capabilities and the CSRF token of
 * every POST before a handler runs, so a handler only adds its scope check
 * (for example: this attempt belongs to this child).
 */
#ifndef ARDOISE_HTTP_ROUTER_H
#define ARDOISE_HTTP_ROUTER_H

#include "http/request.h"

struct route {
	const char *method;  /* "GET" or "POST" */
	const char *pattern; /* "/activite/:id": ":name" matches one segment */
	int (*handler)(struct request *r);
	unsigned caps;       /* required capabilities; CAP_NONE = public */
	const char *scope;   /* the scope check done by the handler, for docs and tests */
};

/* The table, defined with the pages in src/web/routes.c. */
extern const struct route routes[];
extern const size_t route_count;

/* Cookie of the CSRF token of signed-out forms (double-submit). */
#define CSRF_COOKIE "ardoise_csrf"

/* Route the request; returns the status to send (handlers may defer). */
int router_dispatch(struct request *r, const char *method);

/* Match `path` against `pattern`; fills r->params. Returns 1 on a match. */
int route_match(const char *pattern, const char *path, struct request *r);

#endif
