/*
 * PostgreSQL backend of the storage interface (db.h, store/backend.h),
 * written for PostgreSQL 15 through libpq.
 *
 * Statements go through the extended query protocol: each is prepared once
 * per connection under a generated name, with `?` rewritten to $1..$n, and
 * run with text parameters (blobs are sent in binary). The first db_step
 * fetches the whole result, and later steps walk its rows, so column text
 * stays valid until db_reset. That suits Ardoise's small result sets.
 *
 * NOTE: a connection lost while the server runs (PostgreSQL restarted) is
 * not reopened: every later statement on it fails until ardoise restarts.
 */
#include "store/backup_internal.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"

#include "migrations.h"

#define PG_CONNECT_TIMEOUT "10" /* seconds, unless the URL sets connect_timeout */
#define PG_ERROR_MAX 512
#define PG_SQLSTATE_UNIQUE "23505"

struct pg_db {
	struct db base;
	PGconn *conn;
	char *url; /* as opened, for pg_dump and pg_restore; may hold a password */
	unsigned statements; /* prepared so far, names the next one */
	int changes;
	char sqlstate[6];
	char error[PG_ERROR_MAX];
};

struct pg_stmt {
	struct db_stmt base;
	char name[24];
	int param_count;
	char **values;  /* owned copies; NULL is SQL NULL */
	int *lengths;   /* used for binary parameters only */
	int *formats;   /* 0 text, 1 binary */
	PGresult *result;
	unsigned char *blob; /* the last bytea read, decoded; freed at reset */
	size_t blob_cap;
	int row;        /* current row, -1 before the first */
	bool failed;    /* the last run failed: steps return DB_ERROR until reset */
	bool binary;    /* results in binary form (see binary_results) */
};

static struct pg_db *pg(struct db *db)
{
	return (struct pg_db *)db;
}

static struct pg_stmt *pg_st(struct db_stmt *st)
{
	return (struct pg_stmt *)st;
}

/* Copy `message` into the connection's last error as one line, for logs. */
static void error_set(struct pg_db *db, const char *sqlstate, const char *message)
{
	size_t len, i;

	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", sqlstate ? sqlstate : "");
	snprintf(db->error, sizeof(db->error), "%s", message && *message ? message : "unknown error");
	len = strlen(db->error);
	while (len > 0 && (db->error[len - 1] == '\n' || db->error[len - 1] == ' '))
		db->error[--len] = '\0';
	for (i = 0; i < len; i++)
		if (db->error[i] == '\n' || db->error[i] == '\r' || db->error[i] == '\t')
			db->error[i] = ' ';
}

/* Record the error of `result`, or of the connection when there is no
 * result (out of memory, connection lost). Only the primary message is
 * kept: the detail may quote row values, such as a secret hash. */
static void error_from_result(struct pg_db *db, const PGresult *result)
{
	const char *primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (!primary) {
		error_set(db, result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : NULL,
			  PQerrorMessage(db->conn));
		return;
	}
	error_set(db, PQresultErrorField(result, PG_DIAG_SQLSTATE), primary);
}

static bool result_ok(const PGresult *result)
{
	ExecStatusType status = PQresultStatus(result);

	return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

/* Keep the row count of INSERT, UPDATE and DELETE for db_changes; like
 * sqlite3_changes, a SELECT leaves it alone. */
static void changes_record(struct pg_db *db, PGresult *result)
{
	const char *status = PQcmdStatus(result), *tuples = PQcmdTuples(result);

	if (!*tuples || strncmp(status, "SELECT", 6) == 0)
		return;
	db->changes = (int)strtol(tuples, NULL, 10);
}

/* Server notices ("relation already exists, skipping") go to the debug
 * log instead of libpq's default, stderr. */
static void notice_log(void *arg, const char *message)
{
	log_debug("postgresql notice message=\"%.*s\"", (int)strcspn(message, "\n"), message);
}

const char *pg_connection_url(struct db *db)
{
	return pg(db)->url;
}

static void pg_close(struct db *db)
{
	if (!db)
		return;
	PQfinish(pg(db)->conn);
	free(pg(db)->url);
	free(db);
}

static struct db *pg_open(const char *url, char *err, size_t errlen)
{
	/* No parallel workers: each request is one short query or a few, and
	 * on a dashboard's read of the sets of children, starting workers cost
	 * more than they saved (67 ms against 47 ms on 2 cores). The URL comes
	 * after, so its own `options` win. */
	const char *const keys[] = { "connect_timeout", "options", "dbname", "fallback_application_name", NULL };
	const char *const values[] = { PG_CONNECT_TIMEOUT, "-c max_parallel_workers_per_gather=0", url, "ardoise", NULL };
	struct pg_db *db = calloc(1, sizeof(*db));

	if (!db) {
		snprintf(err, errlen, "mémoire insuffisante");
		return NULL;
	}
	db->url = strdup(url);
	if (!db->url) {
		snprintf(err, errlen, "mémoire insuffisante");
		goto fail;
	}
	/* The URL may hold a password, so messages never repeat it. */
	db->conn = PQconnectdbParams(keys, values, 1);
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		error_set(db, NULL, db->conn ? PQerrorMessage(db->conn) : "mémoire insuffisante");
		snprintf(err, errlen, "connexion à PostgreSQL impossible : %s", db->error);
		goto fail;
	}
	if (PQsetClientEncoding(db->conn, "UTF8") != 0) {
		error_set(db, NULL, PQerrorMessage(db->conn));
		snprintf(err, errlen, "PostgreSQL refuse l'encodage UTF-8 : %s", db->error);
		goto fail;
	}
	PQsetNoticeProcessor(db->conn, notice_log, NULL);
	return &db->base;
fail:
	pg_close(&db->base);
	return NULL;
}

static int pg_exec(struct db *db, const char *sql)
{
	PGresult *result = PQexec(pg(db)->conn, sql);
	int rc = 0;

	if (!result || !result_ok(result)) {
		error_from_result(pg(db), result);
		log_error("sql exec failed error=\"%s\" sql=\"%.80s\"", pg(db)->error, sql);
		rc = -1;
	} else {
		changes_record(pg(db), result);
	}
	PQclear(result);
	return rc;
}

static int pg_begin(struct db *db)
{
	return pg_exec(db, "BEGIN ISOLATION LEVEL READ COMMITTED");
}

static void pg_rollback(struct db *db)
{
	if (PQtransactionStatus(pg(db)->conn) != PQTRANS_IDLE)
		PQclear(PQexec(pg(db)->conn, "ROLLBACK"));
}

/* Skip a quoted run opened at sql[i]. A doubled quote inside closes the
 * run and opens the next one, which the caller's loop skips in turn. */
static size_t skip_quoted(const char *sql, size_t i)
{
	char quote = sql[i++];

	while (sql[i] && sql[i] != quote)
		i++;
	return sql[i] ? i + 1 : i;
}

/* Skip a comment opened at sql[i]; returns i when there is none. */
static size_t skip_comment(const char *sql, size_t i)
{
	const char *end;

	if (sql[i] == '-' && sql[i + 1] == '-')
		return i + strcspn(sql + i, "\n");
	if (sql[i] == '/' && sql[i + 1] == '*') {
		end = strstr(sql + i + 2, "*/");
		return end ? (size_t)(end - sql) + 2 : strlen(sql);
	}
	return i;
}

/* Rewrite each `?` outside quotes and comments as $1, $2... Returns the
 * new text (free it) and its parameter count, or NULL when out of memory.
 * NOTE: E'...' strings with backslash-escaped quotes and dollar-quoted
 * strings are not recognised, so a `?` inside them would be rewritten. */
static char *placeholders_translate(const char *sql, int *count)
{
	struct buf out = BUF_INIT(0);
	size_t i = 0, next;
	int n = 0;

	while (sql[i]) {
		next = sql[i] == '\'' || sql[i] == '"' ? skip_quoted(sql, i) : skip_comment(sql, i);
		if (next > i) {
			buf_add(&out, sql + i, next - i);
			i = next;
			continue;
		}
		if (sql[i] == '?')
			buf_addf(&out, "$%d", ++n);
		else
			buf_addc(&out, sql[i]);
		i++;
	}
	*count = n;
	return buf_detach(&out, NULL);
}

static void params_clear(struct pg_stmt *st)
{
	int i;

	for (i = 0; i < st->param_count; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
	}
}

static void pg_finalize(struct db_stmt *base)
{
	struct pg_stmt *st = pg_st(base);

	/* The server drops the prepared statement with the connection, which
	 * db_close closes right after. */
	PQclear(st->result);
	params_clear(st);
	free(st->blob);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st);
}

static struct pg_stmt *stmt_alloc(struct pg_db *db, int param_count)
{
	struct pg_stmt *st = calloc(1, sizeof(*st));
	size_t slots = param_count > 0 ? (size_t)param_count : 1;

	if (!st)
		return NULL;
	st->param_count = param_count;
	st->row = -1;
	st->values = calloc(slots, sizeof(*st->values));
	st->lengths = calloc(slots, sizeof(*st->lengths));
	st->formats = calloc(slots, sizeof(*st->formats));
	snprintf(st->name, sizeof(st->name), "ardoise_%u", db->statements++);
	if (!st->values || !st->lengths || !st->formats) {
		pg_finalize(&st->base);
		return NULL;
	}
	return st;
}

/* Type OIDs of PostgreSQL's pg_type catalogue. */
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25
#define OID_VARCHAR 1043

/*
 * Whether a prepared statement should get its results in binary form:
 * when it returns a bytea, which the text form doubles in hex, and its
 * other columns are integers or text, which the accessors below decode.
 */
static bool binary_results(struct pg_db *db, const char *name)
{
	PGresult *described = PQdescribePrepared(db->conn, name);
	bool bytea = false, decodable = true;
	int i;

	if (!described || PQresultStatus(described) != PGRES_COMMAND_OK) {
		PQclear(described);
		return false;
	}
	for (i = 0; i < PQnfields(described); i++) {
		Oid type = PQftype(described, i);

		bytea |= type == OID_BYTEA;
		decodable &= type == OID_BYTEA || type == OID_INT8 || type == OID_INT4 || type == OID_INT2 || type == OID_TEXT ||
			     type == OID_VARCHAR;
	}
	PQclear(described);
	return bytea && decodable;
}

static struct db_stmt *pg_prepare(struct db *base, const char *sql)
{
	struct pg_db *db = pg(base);
	struct pg_stmt *st = NULL;
	PGresult *result = NULL;
	char *text;
	int count;

	text = placeholders_translate(sql, &count);
	if (text)
		st = stmt_alloc(db, count);
	if (!st) {
		error_set(db, NULL, "out of memory");
		goto fail;
	}
	result = PQprepare(db->conn, st->name, text, count, NULL);
	if (!result || PQresultStatus(result) != PGRES_COMMAND_OK) {
		error_from_result(db, result);
		goto fail;
	}
	PQclear(result);
	free(text);
	st->binary = strstr(sql, "SELECT") && binary_results(db, st->name);
	return &st->base;
fail:
	log_error("sql prepare failed error=\"%s\" sql=\"%.80s\"", db->error, sql);
	PQclear(result);
	free(text);
	if (st)
		pg_finalize(&st->base);
	return NULL;
}

/* Store one parameter value (taking ownership of `value`). */
static int param_set(struct db_stmt *base, int index, char *value, int length, int format)
{
	struct pg_stmt *st = pg_st(base);

	if (index < 1 || index > st->param_count) {
		log_error("sql bind failed error=\"index %d out of range 1..%d\" sql=\"%.80s\"", index,
			  st->param_count, base->sql);
		free(value);
		return -1;
	}
	free(st->values[index - 1]);
	st->values[index - 1] = value;
	st->lengths[index - 1] = length;
	st->formats[index - 1] = format;
	return 0;
}

static int pg_bind_text(struct db_stmt *st, int index, const char *text)
{
	char *copy = strdup(text);

	return copy ? param_set(st, index, copy, 0, 0) : -1;
}

static int pg_bind_blob(struct db_stmt *st, int index, const void *data, size_t len)
{
	char *copy = malloc(len ? len : 1);

	if (!copy || len > INT32_MAX) {
		free(copy);
		return -1;
	}
	memcpy(copy, data, len);
	return param_set(st, index, copy, (int)len, 1);
}

static int pg_bind_int(struct db_stmt *st, int index, int64_t value)
{
	char text[24];

	snprintf(text, sizeof(text), "%" PRId64, value);
	return pg_bind_text(st, index, text);
}

/* %.17g round-trips every double; i18n pins LC_NUMERIC to "C", so the
 * decimal separator is a point. */
static int pg_bind_double(struct db_stmt *st, int index, double value)
{
	char text[40];

	snprintf(text, sizeof(text), "%.17g", value);
	return pg_bind_text(st, index, text);
}

static int pg_bind_null(struct db_stmt *st, int index)
{
	return param_set(st, index, NULL, 0, 0);
}

static bool pg_last_error_is_unique(struct db *db)
{
	return strcmp(pg(db)->sqlstate, PG_SQLSTATE_UNIQUE) == 0;
}

/* Run the statement and keep its whole result for the steps to walk. */
static int stmt_run(struct pg_stmt *st)
{
	struct pg_db *db = pg(st->base.db);

	st->result = PQexecPrepared(db->conn, st->name, st->param_count, (const char *const *)st->values,
				    st->lengths, st->formats, st->binary ? 1 : 0);
	if (st->result && result_ok(st->result)) {
		changes_record(db, st->result);
		st->row = -1;
		return 0;
	}
	error_from_result(db, st->result);
	PQclear(st->result);
	st->result = NULL;
	st->failed = true;
	/* Unique violations are expected by callers that check for them. */
	if (!pg_last_error_is_unique(&db->base))
		log_error("sql step failed error=\"%s\" sql=\"%.80s\"", db->error, st->base.sql);
	return -1;
}

static enum db_step pg_step(struct db_stmt *base)
{
	struct pg_stmt *st = pg_st(base);

	if (st->failed)
		return DB_ERROR;
	if (!st->result && stmt_run(st) < 0)
		return DB_ERROR;
	if (st->row < PQntuples(st->result))
		st->row++;
	return st->row < PQntuples(st->result) ? DB_ROW : DB_DONE;
}

/* The current row's value, or NULL for SQL NULL or no current row. */
static const char *cell(struct db_stmt *base, int column)
{
	struct pg_stmt *st = pg_st(base);

	if (!st->result || st->row < 0 || st->row >= PQntuples(st->result))
		return NULL;
	if (column < 0 || column >= PQnfields(st->result))
		return NULL;
	if (PQgetisnull(st->result, st->row, column))
		return NULL;
	return PQgetvalue(st->result, st->row, column);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A bytea arrives in the hex text form \x0a1b... (PostgreSQL's default
 * bytea_output); it is decoded into a buffer the statement keeps. */
static const void *pg_column_blob(struct db_stmt *base, int column, size_t *len)
{
	struct pg_stmt *st = pg_st(base);
	const char *text = cell(base, column);
	size_t n, i;

	*len = 0;
	if (text && st->binary) {
		*len = (size_t)PQgetlength(st->result, st->row, column);
		return *len ? text : NULL;
	}
	if (!text || text[0] != '\\' || text[1] != 'x')
		return NULL;
	text += 2;
	n = strlen(text) / 2;
	if (n == 0)
		return NULL;
	if (n > st->blob_cap) {
		unsigned char *grown = realloc(st->blob, n);

		if (!grown)
			return NULL;
		st->blob = grown;
		st->blob_cap = n;
	}
	for (i = 0; i < n; i++) {
		int high = hex_value(text[2 * i]), low = hex_value(text[2 * i + 1]);

		if (high < 0 || low < 0)
			return NULL;
		st->blob[i] = (unsigned char)(high << 4 | low);
	}
	*len = n;
	return st->blob;
}

static const char *pg_column_text(struct db_stmt *st, int column)
{
	return cell(st, column);
}

/* An integer in binary form: big-endian, 2, 4 or 8 bytes. */
static int64_t binary_int(const unsigned char *p, Oid type)
{
	uint64_t value = 0;
	int size = 2, i;

	if (type == OID_INT8)
		size = 8;
	else if (type == OID_INT4)
		size = 4;

	for (i = 0; i < size; i++)
		value = value << 8 | p[i];
	if (size == 4)
		return (int32_t)(uint32_t)value;
	if (size == 2)
		return (int16_t)(uint16_t)value;
	return (int64_t)value;
}

/* Integers arrive as decimal text (or binary, see binary_results); a
 * boolean column reads as 1 or 0. */
static int64_t pg_column_int(struct db_stmt *base, int column)
{
	struct pg_stmt *st = pg_st(base);
	const char *text = cell(base, column);
	Oid type;

	if (!text)
		return 0;
	type = st->binary ? PQftype(st->result, column) : 0;
	if (type == OID_INT8 || type == OID_INT4 || type == OID_INT2)
		return binary_int((const unsigned char *)text, type);
	if (strcmp(text, "t") == 0)
		return 1;
	return strtoll(text, NULL, 10);
}

static double pg_column_double(struct db_stmt *base, int column)
{
	const char *text = cell(base, column);

	if (text && pg_st(base)->binary)
		return (double)pg_column_int(base, column);
	return text ? strtod(text, NULL) : 0.0;
}

static bool pg_column_is_null(struct db_stmt *st, int column)
{
	return cell(st, column) == NULL;
}

static void pg_reset(struct db_stmt *base)
{
	struct pg_stmt *st = pg_st(base);

	PQclear(st->result);
	st->result = NULL;
	st->row = -1;
	st->failed = false;
	params_clear(st);
}

/* Read lastval() inside a savepoint when a transaction is open, because
 * the "lastval is not yet defined" error would otherwise abort it. */
static int64_t pg_last_id(struct db *db)
{
	PGconn *conn = pg(db)->conn;
	bool in_transaction = PQtransactionStatus(conn) == PQTRANS_INTRANS;
	PGresult *result;
	int64_t id = 0;

	if (in_transaction)
		PQclear(PQexec(conn, "SAVEPOINT ardoise_last_id"));
	result = PQexec(conn, "SELECT lastval()");
	if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1)
		id = strtoll(PQgetvalue(result, 0, 0), NULL, 10);
	PQclear(result);
	if (in_transaction) {
		if (id == 0)
			PQclear(PQexec(conn, "ROLLBACK TO SAVEPOINT ardoise_last_id"));
		PQclear(PQexec(conn, "RELEASE SAVEPOINT ardoise_last_id"));
	}
	return id;
}

static int pg_changes(struct db *db)
{
	return pg(db)->changes;
}

static const char *pg_errmsg(struct db *db)
{
	return pg(db)->error[0] ? pg(db)->error : "no error";
}

const struct db_backend db_pg_backend = {
	.name = "postgresql",
	.migrations = pg_migrations,
	.migration_count = sizeof(pg_migrations) / sizeof(pg_migrations[0]),
	.is_initialised_sql = "SELECT CASE WHEN to_regclass('schema_migration') IS NULL THEN 0 ELSE 1 END",
	/* A transaction-scoped advisory lock; the key is "ardoise" in ASCII. */
	.migration_lock_sql = "SELECT pg_advisory_xact_lock(27428848432411493)",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_text = pg_column_text,
	.column_blob = pg_column_blob,
	.column_int = pg_column_int,
	.column_double = pg_column_double,
	.column_is_null = pg_column_is_null,
	.reset = pg_reset,
	.last_id = pg_last_id,
	.changes = pg_changes,
	.last_error_is_unique = pg_last_error_is_unique,
	.errmsg = pg_errmsg,
	.backup = pg_backup,
	.restore = pg_restore,
};
