/*
 * db: the storage interface. Pages and services call these functions and
 * never a database library directly.
 *
 * A `struct db` is one connection, owned by one thread at a time (each
 * event-loop thread and each worker has its own). Statements are prepared
 * once per connection and cached by their SQL text pointer, so pass string
 * literals. Parameters are written `?` and numbered from 1.
 *
 * Two backends sit behind this interface (see store/backend.h). SQLite, the
 * default, runs in WAL mode with foreign keys, a busy timeout and
 * synchronous=FULL, so a committed write survives a crash. PostgreSQL 15 is
 * reached with libpq, and `?` is rewritten to $1..$n outside quoted text.
 *
 * Portable SQL only: no COLLATE NOCASE, no sqlite_master, booleans stored as
 * INTEGER 0/1, and `INSERT ... RETURNING id` where the new id is needed.
 */
#ifndef ARDOISE_STORE_DB_H
#define ARDOISE_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_step { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 };

/* Open the database at `url`: PostgreSQL when it starts with
 * "postgresql://" or "postgres://" (a libpq connection URI, database
 * already created), otherwise a SQLite file path (created if needed).
 * Returns NULL and writes a French message into `err` on failure. */
struct db *db_open(const char *url, char *err, size_t errlen);
void db_close(struct db *db);

/* Apply the backend's pending numbered migrations in one transaction each
 * and record them in schema_migration. Re-runnable, and safe when two
 * processes run it at once. Returns the number applied or -1. */
int db_migrate(struct db *db);
/* Number of migrations this build embeds for the connection's backend. */
int db_migration_count(const struct db *db);
/* True when schema_migration exists, that is `ardoise init` has run. */
bool db_is_initialised(struct db *db);

/* SQLite: BEGIN IMMEDIATE, which takes the write lock at once, so a
 * transaction never fails half-way on a lock upgrade and writers run one
 * after the other. PostgreSQL: BEGIN in READ COMMITTED, where writers run
 * side by side: a check-then-insert needs a unique constraint or a row lock
 * (SELECT ... FOR UPDATE) to stay correct there. On PostgreSQL any failed
 * statement aborts the whole transaction, so roll back after an error. */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Run SQL with no parameters and no rows (may hold several statements). */
int db_exec(struct db *db, const char *sql);

/* Prepared statements: `db_prepare` returns a reset statement with no
 * bindings, owned by the connection (never finalize it yourself). */
struct db_stmt *db_prepare(struct db *db, const char *sql);
int db_bind_text(struct db_stmt *st, int index, const char *text);
int db_bind_blob(struct db_stmt *st, int index, const void *data, size_t len);
int db_bind_int(struct db_stmt *st, int index, int64_t value);
int db_bind_double(struct db_stmt *st, int index, double value);
int db_bind_null(struct db_stmt *st, int index);
enum db_step db_step(struct db_stmt *st);
/* Column readers for the current row; text is valid until the next step
 * or reset. A NULL column reads as NULL text, 0 or 0.0. */
const char *db_column_text(struct db_stmt *st, int column);
int64_t db_column_int(struct db_stmt *st, int column);
/* The bytes of a BLOB (bytea) column and their count, valid like text;
 * NULL with *len 0 for SQL NULL or an empty value. */
const void *db_column_blob(struct db_stmt *st, int column, size_t *len);
double db_column_double(struct db_stmt *st, int column);
bool db_column_is_null(struct db_stmt *st, int column);
/* Reset after use so the statement can be reused and releases its locks. */
void db_reset(struct db_stmt *st);

/* Map the step of a one-row lookup to the usual result: 1 when a row was
 * found, 0 when there was none, -1 on a database error. */
static inline int db_found(enum db_step step)
{
	if (step == DB_ROW)
		return 1;
	return step == DB_DONE ? 0 : -1;
}

/* Id of the last inserted row: sqlite3_last_insert_rowid on SQLite,
 * lastval() on PostgreSQL, which is only right when the last sequence this
 * connection advanced was the inserted table's. Prefer reading the id from
 * `INSERT ... RETURNING id`, which behaves the same on both. */
int64_t db_last_id(struct db *db);
/* Number of rows changed by the last statement. */
int db_changes(struct db *db);
/* True when the last error was a UNIQUE or PRIMARY KEY violation
 * (SQLSTATE 23505 on PostgreSQL). */
bool db_last_error_is_unique(struct db *db);
/* The last error message, for logs. */
const char *db_errmsg(struct db *db);

/* Convenience: run a prepared single-value query and return its integer,
 * or `fallback` when there is no row. */
int64_t db_query_int(struct db *db, const char *sql, int64_t fallback);
/* The same with one or two integer parameters. */
int64_t db_query_int_param(struct db *db, const char *sql, int64_t param, int64_t fallback);
int64_t db_query_int_param2(struct db *db, const char *sql, int64_t first, int64_t second, int64_t fallback);
int64_t db_query_text_int(struct db *db, const char *sql, const char *param, int64_t fallback);
/* The same with `count` integer parameters. */
int64_t db_query_int_params(struct db *db, const char *sql, const int64_t *values, int count, int64_t fallback);
/* Run a statement with `count` integer parameters and no rows. Returns 0
 * or -1. */
int db_exec_ints(struct db *db, const char *sql, const int64_t *values, int count);

/* Progress of a copy: `done` of `total` pages, reported after each step. */
typedef void db_progress_fn(void *arg, int64_t done, int64_t total);

/* Write a consistent copy of the whole database to the file `dest` while
 * other connections keep reading and writing. SQLite copies one snapshot
 * with the online backup API into "DEST.tmp", checks it (quick_check),
 * syncs it and renames it to `dest`, so `dest` is either the old file or a
 * whole backup. PostgreSQL runs `pg_dump --format=custom` the same way
 * (pg_dump must be on PATH); the password goes through the child's
 * environment, never its command line. `progress` may be NULL and is only
 * called on SQLite. Returns 0, or -1 with a French message in `err`. */
int db_backup(struct db *db, const char *dest, db_progress_fn *progress, void *arg, char *err, size_t errlen);

/* Replace the whole database with the backup file `src` made by db_backup
 * on the same backend. SQLite checks `src` and copies it in with the
 * backup API; PostgreSQL runs `pg_restore --clean --if-exists --no-owner
 * --single-transaction`. Stop the servers first: they would keep serving
 * the old content. Does not migrate, so call db_migrate afterwards (on
 * PostgreSQL on a new connection). Returns 0, or -1 with a message. */
int db_restore(struct db *db, const char *src, db_progress_fn *progress, void *arg, char *err, size_t errlen);

/* True when `url` names a PostgreSQL database rather than a SQLite file. */
bool db_url_is_postgres(const char *url);
/* Copy `url` into `out` with its password, if any, replaced by "***", for
 * messages and logs. */
void db_url_redact(const char *url, char *out, size_t size);

#endif
