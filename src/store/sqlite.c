/* SQLite backend of the storage interface (db.h, store/backend.h). */
#include "store/backup_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"

#include "migrations.h"

#define DB_BUSY_TIMEOUT_MS 5000

struct sqlite_db {
	struct db base;
	sqlite3 *handle;
};

struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *handle;
};

static const char *const open_pragmas =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=FULL;"
	"PRAGMA foreign_keys=ON;"
	"PRAGMA temp_store=MEMORY;";

static sqlite3 *conn(struct db *db)
{
	return ((struct sqlite_db *)db)->handle;
}

struct sqlite3 *sqlite_connection(struct db *db)
{
	return conn(db);
}

static sqlite3_stmt *handle(struct db_stmt *st)
{
	return ((struct sqlite_stmt *)st)->handle;
}

static void sqlite_close(struct db *db)
{
	if (!db)
		return;
	sqlite3_close(conn(db));
	free(db);
}

static struct db *sqlite_open(const char *url, char *err, size_t errlen)
{
	struct sqlite_db *db = calloc(1, sizeof(*db));
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
	return &db->base;
fail:
	sqlite_close(&db->base);
	return NULL;
}

static int sqlite_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(conn(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("sql exec failed error=\"%s\"", msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int sqlite_begin(struct db *db)
{
	return sqlite_exec(db, "BEGIN IMMEDIATE");
}

static void sqlite_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(conn(db)))
		sqlite3_exec(conn(db), "ROLLBACK", NULL, NULL, NULL);
}

static struct db_stmt *sqlite_prepare(struct db *db, const char *sql)
{
	struct sqlite_stmt *st = calloc(1, sizeof(*st));

	if (!st) {
		log_error("sql prepare failed error=\"out of memory\"");
		return NULL;
	}
	if (sqlite3_prepare_v3(conn(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &st->handle, NULL) != SQLITE_OK) {
		log_error("sql prepare failed error=\"%s\" sql=\"%.80s\"", sqlite3_errmsg(conn(db)), sql);
		free(st);
		return NULL;
	}
	return &st->base;
}

static void sqlite_finalize(struct db_stmt *st)
{
	sqlite3_finalize(handle(st));
	free(st);
}

static int bind_result(int rc)
{
	return rc == SQLITE_OK ? 0 : -1;
}

static int sqlite_bind_text(struct db_stmt *st, int index, const char *text)
{
	return bind_result(sqlite3_bind_text(handle(st), index, text, -1, SQLITE_TRANSIENT));
}

static int sqlite_bind_blob(struct db_stmt *st, int index, const void *data, size_t len)
{
	return bind_result(sqlite3_bind_blob64(handle(st), index, data, len, SQLITE_TRANSIENT));
}

static int sqlite_bind_int(struct db_stmt *st, int index, int64_t value)
{
	return bind_result(sqlite3_bind_int64(handle(st), index, value));
}

static int sqlite_bind_double(struct db_stmt *st, int index, double value)
{
	return bind_result(sqlite3_bind_double(handle(st), index, value));
}

static int sqlite_bind_null(struct db_stmt *st, int index)
{
	return bind_result(sqlite3_bind_null(handle(st), index));
}

static bool sqlite_last_error_is_unique(struct db *db)
{
	int code = sqlite3_extended_errcode(conn(db));

	return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

static enum db_step sqlite_step(struct db_stmt *st)
{
	int rc = sqlite3_step(handle(st));

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	/* Unique violations are expected by callers that check for them. */
	if (!sqlite_last_error_is_unique(st->db))
		log_error("sql step failed error=\"%s\" sql=\"%.80s\"", sqlite3_errmsg(conn(st->db)), st->sql);
	return DB_ERROR;
}

static const char *sqlite_column_text(struct db_stmt *st, int column)
{
	return (const char *)sqlite3_column_text(handle(st), column);
}

static const void *sqlite_column_blob(struct db_stmt *st, int column, size_t *len)
{
	const void *data = sqlite3_column_blob(handle(st), column);

	*len = data ? (size_t)sqlite3_column_bytes(handle(st), column) : 0;
	return data;
}

static int64_t sqlite_column_int(struct db_stmt *st, int column)
{
	return sqlite3_column_int64(handle(st), column);
}

static double sqlite_column_double(struct db_stmt *st, int column)
{
	return sqlite3_column_double(handle(st), column);
}

static bool sqlite_column_is_null(struct db_stmt *st, int column)
{
	return sqlite3_column_type(handle(st), column) == SQLITE_NULL;
}

static void sqlite_reset(struct db_stmt *st)
{
	sqlite3_reset(handle(st));
	sqlite3_clear_bindings(handle(st));
}

static int64_t sqlite_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(conn(db));
}

static int sqlite_changes(struct db *db)
{
	return sqlite3_changes(conn(db));
}

static const char *sqlite_errmsg(struct db *db)
{
	return sqlite3_errmsg(conn(db));
}

const struct db_backend db_sqlite_backend = {
	.name = "sqlite",
	.migrations = migrations,
	.migration_count = sizeof(migrations) / sizeof(migrations[0]),
	.is_initialised_sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
	.migration_lock_sql = NULL, /* BEGIN IMMEDIATE already admits one writer */
	.open = sqlite_open,
	.close = sqlite_close,
	.exec = sqlite_exec,
	.begin = sqlite_begin,
	.rollback = sqlite_rollback,
	.prepare = sqlite_prepare,
	.finalize = sqlite_finalize,
	.bind_text = sqlite_bind_text,
	.bind_blob = sqlite_bind_blob,
	.bind_int = sqlite_bind_int,
	.bind_double = sqlite_bind_double,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.column_text = sqlite_column_text,
	.column_blob = sqlite_column_blob,
	.column_int = sqlite_column_int,
	.column_double = sqlite_column_double,
	.column_is_null = sqlite_column_is_null,
	.reset = sqlite_reset,
	.last_id = sqlite_last_id,
	.changes = sqlite_changes,
	.last_error_is_unique = sqlite_last_error_is_unique,
	.errmsg = sqlite_errmsg,
	.backup = sqlite_backup,
	.restore = sqlite_restore,
};
