/*
 * backend: the table of operations behind db.h. db.c owns the statement
 * cache and the migration loop, and forwards everything else to the
 * backend that db_open chose from the URL (sqlite.c or pg.c).
 *
 * A backend embeds `struct db` and `struct db_stmt` as the first member of
 * its own connection and statement types, and casts back in its functions.
 */
#ifndef ARDOISE_STORE_BACKEND_H
#define ARDOISE_STORE_BACKEND_H

#include "store/db.h"

#define DB_STMT_CACHE_MAX 256

/* One numbered migration, embedded at build time by
 * scripts/embed-migrations.sh. */
struct migration {
	int version;
	const char *name;
	const char *sql;
};

struct db_backend {
	const char *name; /* for logs: "sqlite" or "postgresql" */
	const struct migration *migrations;
	size_t migration_count;
	/* Single-value query: 1 when schema_migration exists, else 0. */
	const char *is_initialised_sql;
	/* Run inside each migration transaction before anything else, so two
	 * processes migrating at once take turns; NULL when the transaction
	 * itself already serialises writers. */
	const char *migration_lock_sql;

	struct db *(*open)(const char *url, char *err, size_t errlen);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	int (*begin)(struct db *db);
	void (*rollback)(struct db *db);

	/* Returns a new statement with `sql` as its cache key, or NULL. */
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	void (*finalize)(struct db_stmt *st);
	int (*bind_text)(struct db_stmt *st, int index, const char *text);
	int (*bind_blob)(struct db_stmt *st, int index, const void *data, size_t len);
	int (*bind_int)(struct db_stmt *st, int index, int64_t value);
	int (*bind_double)(struct db_stmt *st, int index, double value);
	int (*bind_null)(struct db_stmt *st, int index);
	enum db_step (*step)(struct db_stmt *st);
	const char *(*column_text)(struct db_stmt *st, int column);
	const void *(*column_blob)(struct db_stmt *st, int column, size_t *len);
	int64_t (*column_int)(struct db_stmt *st, int column);
	double (*column_double)(struct db_stmt *st, int column);
	bool (*column_is_null)(struct db_stmt *st, int column);
	void (*reset)(struct db_stmt *st);

	int64_t (*last_id)(struct db *db);
	int (*changes)(struct db *db);
	bool (*last_error_is_unique)(struct db *db);
	const char *(*errmsg)(struct db *db);

	/* Copy the database into the new file `tmp`, which db_backup then
	 * renames; and the reverse (see db_backup and db_restore in db.h). */
	int (*backup)(struct db *db, const char *tmp, db_progress_fn *progress, void *arg, char *err, size_t errlen);
	int (*restore)(struct db *db, const char *src, db_progress_fn *progress, void *arg, char *err, size_t errlen);
};

struct db {
	const struct db_backend *backend;
	struct db_stmt *cache[DB_STMT_CACHE_MAX];
	size_t cached;
};

struct db_stmt {
	struct db *db;
	const char *sql; /* cache key: the literal's address */
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

#endif
