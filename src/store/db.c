/* The storage interface (db.h): picks the backend from the URL, caches
 * prepared statements, runs migrations and forwards the rest. */
#include "store/backend.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"

bool db_url_is_postgres(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

struct db *db_open(const char *url, char *err, size_t errlen)
{
	const struct db_backend *backend = &db_sqlite_backend;
	struct db *db;

	if (db_url_is_postgres(url))
		backend = &db_pg_backend;
	db = backend->open(url, err, errlen);
	if (db)
		db->backend = backend;
	return db;
}

void db_close(struct db *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->cached; i++)
		db->backend->finalize(db->cache[i]);
	db->backend->close(db);
}

int db_exec(struct db *db, const char *sql)
{
	return db->backend->exec(db, sql);
}

int db_begin(struct db *db)
{
	return db->backend->begin(db);
}

int db_commit(struct db *db)
{
	return db->backend->exec(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	db->backend->rollback(db);
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	struct db_stmt *st;
	size_t i;

	for (i = 0; i < db->cached; i++)
		if (db->cache[i]->sql == sql)
			return db->cache[i];
	if (db->cached == DB_STMT_CACHE_MAX) {
		log_error("statement cache full max=%d", DB_STMT_CACHE_MAX);
		return NULL;
	}
	st = db->backend->prepare(db, sql);
	if (!st)
		return NULL;
	st->db = db;
	st->sql = sql;
	db->cache[db->cached++] = st;
	return st;
}

int db_bind_text(struct db_stmt *st, int index, const char *text)
{
	if (!text)
		return db_bind_null(st, index);
	return st->db->backend->bind_text(st, index, text);
}

int db_bind_blob(struct db_stmt *st, int index, const void *data, size_t len)
{
	return st->db->backend->bind_blob(st, index, data, len);
}

int db_bind_int(struct db_stmt *st, int index, int64_t value)
{
	return st->db->backend->bind_int(st, index, value);
}

int db_bind_double(struct db_stmt *st, int index, double value)
{
	return st->db->backend->bind_double(st, index, value);
}

int db_bind_null(struct db_stmt *st, int index)
{
	return st->db->backend->bind_null(st, index);
}

enum db_step db_step(struct db_stmt *st)
{
	return st->db->backend->step(st);
}

const char *db_column_text(struct db_stmt *st, int column)
{
	return st->db->backend->column_text(st, column);
}

const void *db_column_blob(struct db_stmt *st, int column, size_t *len)
{
	return st->db->backend->column_blob(st, column, len);
}

int64_t db_column_int(struct db_stmt *st, int column)
{
	return st->db->backend->column_int(st, column);
}

double db_column_double(struct db_stmt *st, int column)
{
	return st->db->backend->column_double(st, column);
}

bool db_column_is_null(struct db_stmt *st, int column)
{
	return st->db->backend->column_is_null(st, column);
}

void db_reset(struct db_stmt *st)
{
	if (st)
		st->db->backend->reset(st);
}

int64_t db_last_id(struct db *db)
{
	return db->backend->last_id(db);
}

int db_changes(struct db *db)
{
	return db->backend->changes(db);
}

bool db_last_error_is_unique(struct db *db)
{
	return db->backend->last_error_is_unique(db);
}

const char *db_errmsg(struct db *db)
{
	return db->backend->errmsg(db);
}

int64_t db_query_int(struct db *db, const char *sql, int64_t fallback)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t value = fallback;

	if (!st)
		return fallback;
	if (db_step(st) == DB_ROW)
		value = db_column_int(st, 0);
	db_reset(st);
	return value;
}

int64_t db_query_int_param(struct db *db, const char *sql, int64_t param, int64_t fallback)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t value = fallback;

	if (!st)
		return fallback;
	db_bind_int(st, 1, param);
	if (db_step(st) == DB_ROW)
		value = db_column_int(st, 0);
	db_reset(st);
	return value;
}

int64_t db_query_int_param2(struct db *db, const char *sql, int64_t first, int64_t second, int64_t fallback)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t value = fallback;

	if (!st)
		return fallback;
	db_bind_int(st, 1, first);
	db_bind_int(st, 2, second);
	if (db_step(st) == DB_ROW)
		value = db_column_int(st, 0);
	db_reset(st);
	return value;
}

int64_t db_query_int_params(struct db *db, const char *sql, const int64_t *values, int count, int64_t fallback)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t value = fallback;
	int i;

	if (!st)
		return fallback;
	for (i = 0; i < count; i++)
		db_bind_int(st, i + 1, values[i]);
	if (db_step(st) == DB_ROW)
		value = db_column_int(st, 0);
	db_reset(st);
	return value;
}

int db_exec_ints(struct db *db, const char *sql, const int64_t *values, int count)
{
	struct db_stmt *st = db_prepare(db, sql);
	enum db_step step;
	int i;

	if (!st)
		return -1;
	for (i = 0; i < count; i++)
		db_bind_int(st, i + 1, values[i]);
	step = db_step(st);
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

int64_t db_query_text_int(struct db *db, const char *sql, const char *param, int64_t fallback)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t value = fallback;

	if (!st)
		return fallback;
	db_bind_text(st, 1, param);
	if (db_step(st) == DB_ROW)
		value = db_column_int(st, 0);
	db_reset(st);
	return value;
}

bool db_is_initialised(struct db *db)
{
	return db_query_int(db, db->backend->is_initialised_sql, 0) > 0;
}

int db_migration_count(const struct db *db)
{
	return (int)db->backend->migration_count;
}

static int migration_record(struct db *db, const struct migration *m)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, m->version);
	db_bind_text(st, 2, m->name);
	db_bind_int(st, 3, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* Open a migration transaction: take the backend's lock, make sure the
 * version table exists and return the version already applied, or -1. */
static int64_t migration_begin(struct db *db)
{
	if (db_begin(db) < 0)
		return -1;
	if (db->backend->migration_lock_sql && db_exec(db, db->backend->migration_lock_sql) < 0)
		return -1;
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migration ("
			"version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
			"applied_at BIGINT NOT NULL)") < 0)
		return -1;
	return db_query_int(db, "SELECT coalesce(max(version), 0) FROM schema_migration", -1);
}

/* Apply `m` unless it already is. Returns 1 when applied, 0 when it
 * already was, -1 on failure. */
static int migration_apply(struct db *db, const struct migration *m)
{
	int64_t current = migration_begin(db);

	if (current < 0)
		goto fail;
	if (m->version <= current) {
		db_rollback(db);
		return 0;
	}
	if (db_exec(db, m->sql) < 0 || migration_record(db, m) < 0)
		goto fail;
	if (db_commit(db) < 0)
		goto fail;
	log_info("migration applied backend=%s version=%d name=%s", db->backend->name, m->version, m->name);
	return 1;
fail:
	log_error("migration failed backend=%s version=%d name=%s error=\"%s\"", db->backend->name,
		  m->version, m->name, db_errmsg(db));
	db_rollback(db);
	return -1;
}

int db_migrate(struct db *db)
{
	const struct db_backend *backend = db->backend;
	int applied = 0, rc;
	size_t i;

	for (i = 0; i < backend->migration_count; i++) {
		rc = migration_apply(db, &backend->migrations[i]);
		if (rc < 0)
			return -1;
		applied += rc;
	}
	return applied;
}
