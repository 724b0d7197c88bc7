/*
 * pg_scratch: throwaway PostgreSQL databases for tests, on the server named
 * by ARDOISE_TEST_PG_URL (see scripts/pg-test-server.sh). Each one is
 * created empty under a random name "ardoise_t_<hex>" and dropped after.
 */
#ifndef ARDOISE_TESTS_PG_SCRATCH_H
#define ARDOISE_TESTS_PG_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>

#include "store/db.h"

#define PG_SCRATCH_NAME_MAX 32

/* The test server's URL, or NULL when the PostgreSQL tests are off. */
static inline const char *pg_scratch_server(void)
{
	const char *url = getenv("ARDOISE_TEST_PG_URL");

	return url && *url ? url : NULL;
}

/* Write into `out` the URL of database `name` on the server of `url`,
 * that is `url` with its path replaced. Returns 0, or -1 when too long. */
static inline int pg_scratch_url(const char *url, const char *name, char *out, size_t size)
{
	const char *host = strstr(url, "://"), *path, *query;
	int n;

	host = host ? host + 3 : url;
	path = host + strcspn(host, "/?");
	query = strchr(path, '?');
	n = snprintf(out, size, "%.*s/%s%s", (int)(path - url), url, name, query ? query : "");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Run one statement on the server's own database. */
static inline int pg_scratch_exec(const char *server_url, const char *sql)
{
	char err[256];
	struct db *db = db_open(server_url, err, sizeof(err));
	int rc;

	if (!db) {
		fprintf(stderr, "pg_scratch: %s\n", err);
		return -1;
	}
	rc = db_exec(db, sql);
	db_close(db);
	return rc;
}

/* Create an empty database: its name goes to `name` (at least
 * PG_SCRATCH_NAME_MAX bytes) and its URL to `url_out`. Returns 0 or -1. */
static inline int pg_scratch_create(const char *server_url, char *name, size_t name_size,
				    char *url_out, size_t size)
{
	unsigned char bytes[6];
	char sql[96];

	if (name_size < PG_SCRATCH_NAME_MAX || getrandom(bytes, sizeof(bytes), 0) != (ssize_t)sizeof(bytes))
		return -1;
	snprintf(name, name_size, "ardoise_t_%02x%02x%02x%02x%02x%02x", bytes[0], bytes[1],
		 bytes[2], bytes[3], bytes[4], bytes[5]);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	if (pg_scratch_exec(server_url, sql) < 0)
		return -1;
	return pg_scratch_url(server_url, name, url_out, size);
}

/* Drop the database `name`, closing any connection left to it. */
static inline int pg_scratch_drop(const char *server_url, const char *name)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	return pg_scratch_exec(server_url, sql);
}

#endif
