/*
 * client: what the HTTP benchmark tools share. Signs a child in through the
 * real pages with libcurl and lists benchmark children from the database.
 */
#ifndef ARDOISE_BENCH_CLIENT_H
#define ARDOISE_BENCH_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "store/db.h"

/* The activity the benchmarks answer, and a fully right answer to it. */
#define BENCH_ACTIVITY "maths-ce2-nombres-jusqu-a-10000"
#define BENCH_ANSWERS "q0=1&q1=3+506&q2b0=6&q2b1=2&q2b2=8&q3=1&q4=5+000"
/* The picture sequence make-volume-db gives every child. */
#define BENCH_PICTURES_FIRST "chat+soleil"
#define BENCH_PICTURES_LAST "arbre"
#define BENCH_TOKEN_CHARS 43

struct bench_child {
	int64_t account_id;
	char code[32];
};

/* A signed-in child and the hidden fields of its activity form. */
struct bench_session {
	char cookie[BENCH_TOKEN_CHARS + 1]; /* value of ardoise_session */
	char csrf[BENCH_TOKEN_CHARS + 1];
	char key[BENCH_TOKEN_CHARS + 1]; /* idempotency key the form carried */
	int version;
	long started;
};

/* A response body collected by the write callback. */
struct bench_body {
	char *data;
	size_t len;
};

size_t bench_body_write(char *data, size_t size, size_t n, void *user);
void bench_body_release(struct bench_body *b);

/* Copy the value of hidden input `name` out of `html`; -1 if absent. */
int bench_hidden(const char *html, const char *name, char *out, size_t size);

/* Sign in `child` on the server at `base` (http://127.0.0.1:PORT) with a
 * new easy handle that keeps the cookies, then load the activity page.
 * Returns the handle (caller cleans it up) with `out` filled, or NULL with
 * a message on stderr. */
CURL *bench_sign_in(const char *base, const struct bench_child *child, const char *activity,
		    struct bench_session *out);

/* Load up to `max` active benchmark children of level `level` into `out`,
 * in id order; returns how many. Children of group `group_id` only when it
 * is not 0. */
long bench_children(struct db *db, const char *level, int64_t group_id, struct bench_child *out, long max);

#endif
