/* Unit tests of the storage interface (db.h): the same checks on SQLite,
 * in a temporary file, and on PostgreSQL in a scratch database when
 * ARDOISE_TEST_PG_URL names a test server (scripts/pg-test-server.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pg_scratch.h"
#include "sqlite_scratch.h"
#include "store/db.h"

#define ACCENTED_NAME "École Élisée-Reclus « ça » naïve ÇŒ 🦊🐢"
#define ACCENTED_NAME_CHARS 38

static struct db *db;
static char url[512];
static char pg_name[PG_SCRATCH_NAME_MAX];

static int db_connect(void)
{
	char err[256];

	db = db_open(url, err, sizeof(err));
	if (!db)
		fprintf(stderr, "db_open failed: %s\n", err);
	return db ? 0 : -1;
}

static int sqlite_setup(void **state)
{
	if (sqlite_scratch_create("ardoise-store", url, sizeof(url)) < 0)
		return -1;
	return db_connect();
}

static int sqlite_teardown(void **state)
{
	db_close(db);
	db = NULL;
	sqlite_scratch_remove(url);
	return 0;
}

static int pg_setup(void **state)
{
	if (pg_scratch_create(pg_scratch_server(), pg_name, sizeof(pg_name), url, sizeof(url)) < 0)
		return -1;
	return db_connect();
}

static int pg_teardown(void **state)
{
	db_close(db);
	db = NULL;
	return pg_scratch_drop(pg_scratch_server(), pg_name);
}

/* Every test but the first one needs the schema. */
static int migrated(void **state)
{
	return db_migrate(db) < 0 ? -1 : 0;
}

/* Insert a structure and return its id from RETURNING, or -1. */
static int64_t structure_insert(const char *name, const char *code)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO structure (name, code, created_at) VALUES (?, ?, 1700000000) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, code);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

static int64_t structure_count(const char *code)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM structure WHERE code = ?");
	int64_t n = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	if (db_step(st) == DB_ROW)
		n = db_column_int(st, 0);
	db_reset(st);
	return n;
}

static void migrate_twice(void **state)
{
	assert_false(db_is_initialised(db));
	assert_true(db_migration_count(db) >= 2);
	assert_int_equal(db_migrate(db), db_migration_count(db));
	assert_true(db_is_initialised(db));
	assert_int_equal(db_migrate(db), 0);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM schema_migration", -1), db_migration_count(db));
}

static void text_round_trip(void **state)
{
	int64_t id = structure_insert(ACCENTED_NAME, "ACCENTS");
	struct db_stmt *st = db_prepare(db, "SELECT name, length(name) FROM structure WHERE id = ?");

	assert_true(id > 0);
	assert_non_null(st);
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), ACCENTED_NAME);
	/* Both count characters, not bytes, so the text arrived as UTF-8. */
	assert_int_equal(db_column_int(st, 1), ACCENTED_NAME_CHARS);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
}

static void null_round_trip(void **state)
{
	struct db_stmt *st = db_prepare(db, "SELECT ?, ?, coalesce(?, 'vide')");

	assert_non_null(st);
	assert_int_equal(db_bind_null(st, 1), 0);
	assert_int_equal(db_bind_text(st, 2, NULL), 0);
	assert_int_equal(db_bind_null(st, 3), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_column_is_null(st, 0));
	assert_null(db_column_text(st, 0));
	assert_int_equal(db_column_int(st, 0), 0);
	assert_true(db_column_double(st, 0) == 0.0);
	assert_true(db_column_is_null(st, 1));
	assert_false(db_column_is_null(st, 2));
	assert_string_equal(db_column_text(st, 2), "vide");
	db_reset(st);
}

static void null_column_stored(void **state)
{
	struct db_stmt *insert = db_prepare(db, "INSERT INTO account (structure_id, role, login, first_name, level, secret_hash, created_at) VALUES (?, 'tuteur', 'tuteur.nul', 'Nadia', ?, 'x', 1) RETURNING id");
	struct db_stmt *select = db_prepare(db, "SELECT structure_id, level, last_initial FROM account WHERE id = ?");
	int64_t id = -1;

	assert_non_null(insert);
	assert_non_null(select);
	db_bind_null(insert, 1);
	db_bind_text(insert, 2, NULL);
	if (db_step(insert) == DB_ROW)
		id = db_column_int(insert, 0);
	db_reset(insert);
	assert_true(id > 0);
	db_bind_int(select, 1, id);
	assert_int_equal(db_step(select), DB_ROW);
	assert_true(db_column_is_null(select, 0));
	assert_true(db_column_is_null(select, 1));
	assert_false(db_column_is_null(select, 2));
	assert_string_equal(db_column_text(select, 2), "");
	db_reset(select);
}

static void unique_violation_detected(void **state)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO structure (name, code, created_at) VALUES ('Deux', 'DOUBLE', 1)");

	assert_non_null(st);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(db_step(st), DB_ERROR);
	assert_true(db_last_error_is_unique(db));
	db_reset(st);
	assert_int_equal(structure_count("DOUBLE"), 1);
}

static void check_violation_not_unique(void **state)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO account (role, login, first_name, secret_hash, created_at) VALUES ('pirate', 'pirate', 'Jack', 'x', 1)");

	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ERROR);
	assert_false(db_last_error_is_unique(db));
	assert_true(strlen(db_errmsg(db)) > 0);
	db_reset(st);
}

static void rollback_leaves_nothing(void **state)
{
	assert_int_equal(db_begin(db), 0);
	assert_true(structure_insert("Annulée", "ROLLBACK") > 0);
	assert_int_equal(structure_count("ROLLBACK"), 1);
	db_rollback(db);
	assert_int_equal(structure_count("ROLLBACK"), 0);
}

static void rollback_after_error(void **state)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO structure (name, code, created_at) VALUES ('Bis', 'BIS', 1)");

	assert_non_null(st);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(db_step(st), DB_ERROR);
	db_reset(st);
	db_rollback(db);
	assert_int_equal(structure_count("BIS"), 0);
	/* The connection is usable again after the rollback. */
	assert_true(structure_insert("Bis", "BIS") > 0);
}

static void commit_keeps_rows(void **state)
{
	assert_int_equal(db_begin(db), 0);
	assert_true(structure_insert("Gardée", "COMMIT") > 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(structure_count("COMMIT"), 1);
}

static void insert_returning_id(void **state)
{
	int64_t first = structure_insert("Première", "ID1");
	int64_t second = structure_insert("Seconde", "ID2");

	assert_true(first > 0);
	assert_true(second > first);
	assert_int_equal(db_last_id(db), second);
	assert_int_equal(db_query_int(db, "SELECT max(id) FROM structure", -1), second);
}

static void last_id_in_transaction(void **state)
{
	int64_t id;

	assert_int_equal(db_begin(db), 0);
	id = structure_insert("Dans une transaction", "ID3");
	assert_true(id > 0);
	assert_int_equal(db_last_id(db), id);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(structure_count("ID3"), 1);
}

static void question_mark_in_literal(void **state)
{
	struct db_stmt *st = db_prepare(db, "SELECT 'Pourquoi ?', ? /* ? */, 'l''été ?' AS \"quoi ?\" -- ?\n");

	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, 7), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "Pourquoi ?");
	assert_int_equal(db_column_int(st, 1), 7);
	assert_string_equal(db_column_text(st, 2), "l'été ?");
	db_reset(st);
}

static void numbers_round_trip(void **state)
{
	struct db_stmt *st = db_prepare(db, "SELECT ?, ?, ?");

	assert_non_null(st);
	db_bind_int(st, 1, INT64_C(-9007199254740993));
	db_bind_double(st, 2, 0.1);
	db_bind_double(st, 3, -2.5e-300);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int(st, 0), INT64_C(-9007199254740993));
	assert_true(db_column_double(st, 1) == 0.1);
	assert_true(db_column_double(st, 2) == -2.5e-300);
	db_reset(st);
}

static void changes_counted(void **state)
{
	struct db_stmt *st = db_prepare(db, "UPDATE structure SET created_at = 2 WHERE code LIKE ?");

	assert_true(structure_insert("Un", "CHG1") > 0);
	assert_true(structure_insert("Deux", "CHG2") > 0);
	assert_non_null(st);
	db_bind_text(st, 1, "CHG%");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(db_changes(db), 2);
}

static void rows_walked_in_order(void **state)
{
	struct db_stmt *st = db_prepare(db, "SELECT code FROM structure WHERE code IN ('ID1', 'ID2', 'ID3') ORDER BY code DESC");

	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "ID3");
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "ID2");
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "ID1");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
}

static void statement_cached(void **state)
{
	static const char sql[] = "SELECT 1";

	assert_ptr_equal(db_prepare(db, sql), db_prepare(db, sql));
	assert_int_equal(db_query_int(db, sql, 0), 1);
}

static void upper_matches_code(void **state)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM structure WHERE upper(code) = upper(?)");

	assert_true(structure_insert("Casse", "CASSE") > 0);
	assert_non_null(st);
	db_bind_text(st, 1, "casse");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int(st, 0), 1);
	db_reset(st);
}

static void upsert_excluded(void **state)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO structure (name, code, created_at) VALUES (?, 'UPSERT', 1) "
					    "ON CONFLICT (code) DO UPDATE SET name = excluded.name");
	struct db_stmt *select = db_prepare(db, "SELECT name FROM structure WHERE code = 'UPSERT'");

	assert_non_null(st);
	assert_non_null(select);
	db_bind_text(st, 1, "Avant");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	db_bind_text(st, 1, "Après");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(structure_count("UPSERT"), 1);
	assert_int_equal(db_step(select), DB_ROW);
	assert_string_equal(db_column_text(select, 0), "Après");
	db_reset(select);
}

static void invalid_sql_rejected(void **state)
{
	assert_null(db_prepare(db, "SELECT nothing FROM nowhere"));
	assert_int_equal(db_exec(db, "NOT SQL"), -1);
}

/* A row with a binary value, integers of every size and text reads back
 * as written (PostgreSQL sends such rows in binary form). */
static void blob_row_round_trip(void **state)
{
	static const unsigned char data[] = { 0x00, 0xff, 0x5c, 0x78, 0x01, 0x00 };
	struct db_stmt *st;
	const void *read;
	size_t len;

	assert_int_equal(db_exec(db, db_url_is_postgres(url) ? "CREATE TABLE blob_test (id BIGINT, n INTEGER, name TEXT, data BYTEA)"
							    : "CREATE TABLE blob_test (id INTEGER, n INTEGER, name TEXT, data BLOB)"), 0);
	st = db_prepare(db, "INSERT INTO blob_test (id, n, name, data) VALUES (?, ?, ?, ?)");
	assert_non_null(st);
	db_bind_int(st, 1, -5000000000LL);
	db_bind_int(st, 2, -7);
	db_bind_text(st, 3, ACCENTED_NAME);
	db_bind_blob(st, 4, data, sizeof(data));
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	st = db_prepare(db, "SELECT id, n, name, data, CAST(? AS BIGINT), 2, NULL FROM blob_test");
	assert_non_null(st);
	db_bind_int(st, 1, 1LL << 40);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int(st, 0), -5000000000LL);
	assert_int_equal(db_column_int(st, 1), -7);
	assert_string_equal(db_column_text(st, 2), ACCENTED_NAME);
	read = db_column_blob(st, 3, &len);
	assert_int_equal(len, sizeof(data));
	assert_memory_equal(read, data, sizeof(data));
	assert_int_equal(db_column_int(st, 4), 1LL << 40);
	assert_int_equal(db_column_int(st, 5), 2);
	assert_true(db_column_double(st, 5) == 2.0);
	assert_true(db_column_is_null(st, 6));
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
}

#define STORE_TESTS                                                        \
	cmocka_unit_test(migrate_twice),                                   \
	cmocka_unit_test_setup(text_round_trip, migrated),                 \
	cmocka_unit_test_setup(null_round_trip, migrated),                 \
	cmocka_unit_test_setup(null_column_stored, migrated),              \
	cmocka_unit_test_setup(unique_violation_detected, migrated),       \
	cmocka_unit_test_setup(check_violation_not_unique, migrated),      \
	cmocka_unit_test_setup(rollback_leaves_nothing, migrated),         \
	cmocka_unit_test_setup(rollback_after_error, migrated),            \
	cmocka_unit_test_setup(commit_keeps_rows, migrated),               \
	cmocka_unit_test_setup(insert_returning_id, migrated),             \
	cmocka_unit_test_setup(last_id_in_transaction, migrated),          \
	cmocka_unit_test_setup(question_mark_in_literal, migrated),        \
	cmocka_unit_test_setup(numbers_round_trip, migrated),              \
	cmocka_unit_test_setup(changes_counted, migrated),                 \
	cmocka_unit_test_setup(rows_walked_in_order, migrated),            \
	cmocka_unit_test_setup(statement_cached, migrated),                \
	cmocka_unit_test_setup(upper_matches_code, migrated),              \
	cmocka_unit_test_setup(upsert_excluded, migrated),                 \
	cmocka_unit_test_setup(invalid_sql_rejected, migrated),            \
	cmocka_unit_test_setup(blob_row_round_trip, migrated)

/* PostgreSQL connections start no parallel workers, and a URL's own
 * options still apply. */
static void no_parallel_workers(void **state)
{
	char err[256], with_options[600];
	struct db *other;

	assert_int_equal(db_query_int(db, "SELECT CAST(current_setting('max_parallel_workers_per_gather') AS INTEGER)", -1), 0);
	snprintf(with_options, sizeof(with_options), "%s%soptions=-c%%20max_parallel_workers_per_gather%%3D1", url,
		 strchr(url, '?') ? "&" : "?");
	other = db_open(with_options, err, sizeof(err));
	if (!other)
		fail_msg("db_open failed: %s", err);
	assert_int_equal(db_query_int(other, "SELECT CAST(current_setting('max_parallel_workers_per_gather') AS INTEGER)", -1), 1);
	db_close(other);
}

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = { STORE_TESTS };
	const struct CMUnitTest postgresql_tests[] = { STORE_TESTS, cmocka_unit_test_setup(no_parallel_workers, migrated) };
	int failed;

	failed = cmocka_run_group_tests(sqlite_tests, sqlite_setup, sqlite_teardown);
	if (pg_scratch_server())
		failed += cmocka_run_group_tests(postgresql_tests, pg_setup, pg_teardown);
	else
		fprintf(stderr, "test_store: ARDOISE_TEST_PG_URL is not set, PostgreSQL tests skipped\n");
	return failed;
}
