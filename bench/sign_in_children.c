/*
 * sign-in-children: sign in benchmark children through the real pages and
 * write one line per child for bench/student-loop.lua:
 *   <session cookie> <csrf token> <activity version>
 *
 *   sign-in-children --db URL --base http://127.0.0.1:PORT --count N --out FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define MAX_CHILDREN 100000

static const char *argument(int argc, char **argv, const char *name, const char *fallback)
{
	int i;

	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return fallback;
}

int main(int argc, char **argv)
{
	const char *url = argument(argc, argv, "--db", NULL), *base = argument(argc, argv, "--base", NULL);
	const char *path = argument(argc, argv, "--out", NULL);
	long count = strtol(argument(argc, argv, "--count", "256"), NULL, 10), n, i, done = 0;
	struct bench_child *children;
	struct db *db;
	char err[512];
	FILE *out;

	if (!url || !base || !path || count < 1 || count > MAX_CHILDREN) {
		fprintf(stderr, "usage: sign-in-children --db URL --base http://127.0.0.1:PORT --count N (1 to %d) --out FILE\n", MAX_CHILDREN);
		return 2;
	}
	db = db_open(url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "sign-in-children: cannot open %s: %s\n", url, err);
		return 1;
	}
	children = calloc((size_t)count, sizeof(*children));
	n = children ? bench_children(db, "CE2", 0, children, count) : -1;
	db_close(db);
	if (n < count) {
		fprintf(stderr, "sign-in-children: found %ld CE2 benchmark children, %ld needed (run bench/make-volume-db)\n", n, count);
		return 1;
	}
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (i = 0; i < n; i++) {
		struct bench_session s;
		CURL *c = bench_sign_in(base, &children[i], BENCH_ACTIVITY, &s);

		if (!c)
			continue;
		fprintf(out, "%s %s %d\n", s.cookie, s.csrf, s.version);
		curl_easy_cleanup(c);
		done++;
	}
	fclose(out);
	free(children);
	curl_global_cleanup();
	printf("signed in %ld of %ld children\n", done, n);
	return done == n ? 0 : 1;
}
