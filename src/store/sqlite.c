/* SQLite backend of the storage interface (db.h). */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"

#define DB_BUSY_TIMEOUT_MS 5000
#define DB_STMT_CACHE_MAX 256

struct migration {
	int version;
	const char *name;
	const char *sql;
};

#include "migrations.h"

struct db_stmt {
	const char *sql; /* cache key: the literal's address */
	sqlite3_stmt *handle;
	struct db *db;
};

struct db {
	sqlite3 *handle;
	struct db_stmt cache[DB_STMT_CACHE_MAX];
	size_t cached;
	int last_rc;
};

static const char *const open_pragmas =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=FULL;"
	"PRAGMA foreign_keys=ON;"
	"PRAGMA temp_store=MEMORY;";

struct db *db_open(const char *url, char *err, size_t errlen)
{
	struct db *db = calloc(1, sizeof(*db));
	int rc;

	if (!db) {
		snprintf(err, errlen, "mémoire insuffisante");
		return NULL;
	}
	rc = sqlite3_open_v2(url, &db->handle,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "impossible d'ouvrir la base « %s » : %s",
			 url, db->handle ? sqlite3_errmsg(db->handle) : "?");
		goto fail;
	}
	sqlite3_busy_timeout(db->handle, DB_BUSY_TIMEOUT_MS);
	if (sqlite3_exec(db->handle, open_pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "la base « %s » est illisible : %s", url,
			 sqlite3_errmsg(db->handle));
		goto fail;
	}
	return db;
fail:
	db_close(db);
	return NULL;
}

void db_close(struct db *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->cached; i++)
		sqlite3_finalize(db->cache[i].handle);
	sqlite3_close(db->handle);
	free(db);
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	db->last_rc = sqlite3_exec(db->handle, sql, NULL, NULL, &msg);
	if (db->last_rc != SQLITE_OK) {
		log_error("sql exec failed error=\"%s\"", msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle))
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

static int migration_apply(struct db *db, const struct migration *m)
{
	struct db_stmt *st;

	if (db_begin(db) < 0)
		return -1;
	if (db_exec(db, m->sql) < 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)");
	if (!st)
		goto fail;
	db_bind_int(st, 1, m->version);
	db_bind_text(st, 2, m->name);
	db_bind_int(st, 3, (int64_t)time(NULL));
	if (db_step(st) != DB_DONE)
		goto fail;
	db_reset(st);
	if (db_commit(db) < 0)
		goto fail;
	log_info("migration applied version=%d name=%s", m->version, m->name);
	return 0;
fail:
	log_error("migration failed version=%d name=%s error=\"%s\"", m->version,
		  m->name, db_errmsg(db));
	db_rollback(db);
	return -1;
}

int db_migrate(struct db *db)
{
	size_t i, count = sizeof(migrations) / sizeof(migrations[0]);
	int64_t current;
	int applied = 0;

	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migration ("
			"version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
			"applied_at INTEGER NOT NULL)") < 0)
		return -1;
	current = db_query_int(db, "SELECT coalesce(max(version), 0) FROM schema_migration", 0);
	for (i = 0; i < count; i++) {
		if (migrations[i].version <= current)
			continue;
		if (migration_apply(db, &migrations[i]) < 0)
			return -1;
		applied++;
	}
	return applied;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	struct db_stmt *st;
	size_t i;

	for (i = 0; i < db->cached; i++)
		if (db->cache[i].sql == sql)
			return &db->cache[i];
	if (db->cached == DB_STMT_CACHE_MAX) {
		log_error("statement cache full max=%d", DB_STMT_CACHE_MAX);
		return NULL;
	}
	st = &db->cache[db->cached];
	db->last_rc = sqlite3_prepare_v3(db->handle, sql, -1,
					 SQLITE_PREPARE_PERSISTENT, &st->handle, NULL);
	if (db->last_rc != SQLITE_OK) {
		log_error("sql prepare failed error=\"%s\" sql=\"%.80s\"",
			  sqlite3_errmsg(db->handle), sql);
		return NULL;
	}
	st->sql = sql;
	st->db = db;
	db->cached++;
	return st;
}

int db_bind_text(struct db_stmt *st, int index, const char *text)
{
	if (!text)
		return db_bind_null(st, index);
	return sqlite3_bind_text(st->handle, index, text, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

int db_bind_blob(struct db_stmt *st, int index, const void *data, size_t len)
{
	return sqlite3_bind_blob64(st->handle, index, data, len, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

int db_bind_int(struct db_stmt *st, int index, int64_t value)
{
	return sqlite3_bind_int64(st->handle, index, value) == SQLITE_OK ? 0 : -1;
}

int db_bind_double(struct db_stmt *st, int index, double value)
{
	return sqlite3_bind_double(st->handle, index, value) == SQLITE_OK ? 0 : -1;
}

int db_bind_null(struct db_stmt *st, int index)
{
	return sqlite3_bind_null(st->handle, index) == SQLITE_OK ? 0 : -1;
}

enum db_step db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->handle);

	st->db->last_rc = rc;
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	if (sqlite3_extended_errcode(st->db->handle) != SQLITE_CONSTRAINT_UNIQUE &&
	    sqlite3_extended_errcode(st->db->handle) != SQLITE_CONSTRAINT_PRIMARYKEY)
		log_error("sql step failed error=\"%s\" sql=\"%.80s\"",
			  sqlite3_errmsg(st->db->handle), st->sql);
	return DB_ERROR;
}

const char *db_column_text(struct db_stmt *st, int column)
{
	return (const char *)sqlite3_column_text(st->handle, column);
}

int64_t db_column_int(struct db_stmt *st, int column)
{
	return sqlite3_column_int64(st->handle, column);
}

double db_column_double(struct db_stmt *st, int column)
{
	return sqlite3_column_double(st->handle, column);
}

bool db_column_is_null(struct db_stmt *st, int column)
{
	return sqlite3_column_type(st->handle, column) == SQLITE_NULL;
}

void db_reset(struct db_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st->handle);
	sqlite3_clear_bindings(st->handle);
}

int64_t db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->handle);
}

int db_changes(struct db *db)
{
	return sqlite3_changes(db->handle);
}

bool db_last_error_is_unique(struct db *db)
{
	int code = sqlite3_extended_errcode(db->handle);

	return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

const char *db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->handle);
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
