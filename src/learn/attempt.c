#include "learn/attempt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t attempt_find_key(struct db *db, int64_t account_id, const char *key)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM attempt WHERE account_id = ? AND idempotency_key = ?");
	int64_t id = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	db_bind_text(st, 2, key);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

/* Insert the attempt. Returns its id, 0 when an attempt with this key was
 * committed meanwhile by another request, or -1 on failure. */
static int64_t attempt_insert(struct db *db, const struct attempt *a, const char *key,
			      const char *results_json)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, results, score, max_score, started_at, submitted_at, seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
					    "ON CONFLICT (account_id, idempotency_key) DO NOTHING RETURNING id");
	int64_t started = a->started_at, id;
	enum db_step step;

	if (!st)
		return -1;
	if (started > a->submitted_at)
		started = a->submitted_at;
	if (started < a->submitted_at - ATTEMPT_MAX_SECONDS)
		started = a->submitted_at - ATTEMPT_MAX_SECONDS;
	db_bind_int(st, 1, a->account_id);
	db_bind_text(st, 2, a->activity_id);
	db_bind_int(st, 3, a->activity_version);
	db_bind_text(st, 4, key);
	db_bind_text(st, 5, a->answers_json);
	db_bind_text(st, 6, results_json);
	db_bind_double(st, 7, a->score);
	db_bind_int(st, 8, a->max_score);
	db_bind_int(st, 9, started);
	db_bind_int(st, 10, a->submitted_at);
	if (a->has_seed)
		db_bind_int(st, 11, (int64_t)a->seed);
	else
		db_bind_null(st, 11);
	step = db_step(st);
	id = -1;
	if (step == DB_ROW)
		id = db_column_int(st, 0);
	else if (step == DB_DONE)
		id = 0;
	db_reset(st);
	return id;
}

int attempt_store(struct db *db, const struct attempt *a, const char *key,
		  const char *results_json, int64_t *id_out)
{
	int64_t existing = attempt_find_key(db, a->account_id, key), id;

	if (existing == 0) {
		id = attempt_insert(db, a, key, results_json);
		if (id > 0) {
			*id_out = id;
			return 1;
		}
		/* On PostgreSQL, transactions run side by side, so a request with
		 * the same key may have committed since the lookup. */
		if (id == 0)
			existing = attempt_find_key(db, a->account_id, key);
	}
	if (existing <= 0)
		return -1;
	*id_out = existing;
	return 0;
}

int attempt_save(struct db *db, const struct attempt *a, const char *key,
		 const char *results_json, int64_t *id_out)
{
	int rc;

	if (db_begin(db) < 0)
		return -1;
	rc = attempt_store(db, a, key, results_json, id_out);
	if (rc < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return rc;
}

int attempt_load(struct db *db, int64_t id, int64_t account_id, struct attempt *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT activity_id, activity_version, answers, score, max_score, started_at, submitted_at, seed FROM attempt WHERE id = ? AND account_id = ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	step = db_step(st);
	if (step == DB_ROW) {
		out->id = id;
		out->account_id = account_id;
		snprintf(out->activity_id, sizeof(out->activity_id), "%s", db_column_text(st, 0));
		out->activity_version = (int)db_column_int(st, 1);
		out->answers_json = strdup(db_column_text(st, 2));
		out->score = db_column_double(st, 3);
		out->max_score = (int)db_column_int(st, 4);
		out->started_at = db_column_int(st, 5);
		out->submitted_at = db_column_int(st, 6);
		out->has_seed = !db_column_is_null(st, 7);
		out->seed = out->has_seed ? (uint64_t)db_column_int(st, 7) : 0;
		if (!out->answers_json)
			step = DB_ERROR;
	}
	db_reset(st);
	return db_found(step);
}

void attempt_release(struct attempt *a)
{
	if (!a)
		return;
	free(a->answers_json);
	a->answers_json = NULL;
}

int attempt_list(struct db *db, int64_t account_id, int limit,
		 void (*each)(const struct attempt_summary *s, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT t.id, t.activity_id, a.title, a.subject, t.score, t.max_score, t.submitted_at, t.submitted_at - t.started_at "
					    "FROM attempt t JOIN activity a ON a.id = t.activity_id AND a.version = t.activity_version "
					    "WHERE t.account_id = ? ORDER BY t.submitted_at DESC, t.id DESC LIMIT ?");
	struct attempt_summary s;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, limit);
	while ((step = db_step(st)) == DB_ROW) {
		s.id = db_column_int(st, 0);
		s.activity_id = db_column_text(st, 1);
		s.title = db_column_text(st, 2);
		s.subject = db_column_text(st, 3);
		s.score = db_column_double(st, 4);
		s.max_score = (int)db_column_int(st, 5);
		s.submitted_at = db_column_int(st, 6);
		s.seconds = db_column_int(st, 7);
		each(&s, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}
