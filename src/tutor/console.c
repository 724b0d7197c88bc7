/* The tuteurs' colleagues and ready-made answers, and the reports. */
#include "tutor/tutor.h"

#include <stdio.h>
#include <string.h>

int tutor_colleagues(struct db *db, int64_t self, struct tutor_colleague *out, int max)
{
	struct db_stmt *st = db_prepare(db, "SELECT DISTINCT a.id, a.first_name, a.last_initial FROM role_grant g "
					    "JOIN account a ON a.id = g.account_id WHERE g.role = 'tuteur' AND a.active = 1 AND a.id <> ? "
					    "ORDER BY a.id");
	enum db_step step;
	int n = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, self);
	while ((step = db_step(st)) == DB_ROW && n < max) {
		out[n].id = db_column_int(st, 0);
		snprintf(out[n].name, sizeof(out[n].name), "%s %s", db_column_text(st, 1), db_column_text(st, 2));
		n++;
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : n;
}

int tutor_snippets_each(struct db *db, int64_t tuteur_id, tutor_snippet_fn *fn, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, title, body FROM tutoring_snippet WHERE tuteur_id = ? ORDER BY title, id");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, tuteur_id);
	while ((step = db_step(st)) == DB_ROW) {
		struct tutor_snippet s = { db_column_int(st, 0), db_column_text(st, 1), db_column_text(st, 2) };

		fn(&s, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int tutor_snippet_add(struct db *db, int64_t tuteur_id, const char *title, const char *body)
{
	struct db_stmt *st;
	int rc;

	if (db_query_int_param(db, "SELECT count(*) FROM tutoring_snippet WHERE tuteur_id = ?", tuteur_id, 0) >= TUTOR_SNIPPETS_MAX)
		return -1;
	st = db_prepare(db, "INSERT INTO tutoring_snippet (tuteur_id, title, body, created_at) VALUES (?, ?, ?, ?)");
	if (!st)
		return -1;
	db_bind_int(st, 1, tuteur_id);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, body);
	db_bind_int(st, 4, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int tutor_snippet_delete(struct db *db, int64_t tuteur_id, int64_t snippet_id)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM tutoring_snippet WHERE id = ? AND tuteur_id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, snippet_id);
	db_bind_int(st, 2, tuteur_id);
	rc = db_step(st) == DB_DONE ? (db_changes(db) > 0) : -1;
	db_reset(st);
	return rc;
}

int tutor_snippet_body(struct db *db, int64_t tuteur_id, int64_t snippet_id, char *out, size_t size)
{
	struct db_stmt *st = db_prepare(db, "SELECT body FROM tutoring_snippet WHERE id = ? AND tuteur_id = ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, snippet_id);
	db_bind_int(st, 2, tuteur_id);
	step = db_step(st);
	if (step == DB_ROW)
		snprintf(out, size, "%s", db_column_text(st, 0));
	db_reset(st);
	return db_found(step);
}

int64_t tutor_message_question(struct db *db, int64_t message_id)
{
	return db_query_int_param(db, "SELECT question_id FROM tutoring_message WHERE id = ?", message_id, 0);
}

int tutor_report_add(struct db *db, int64_t message_id, int64_t reporter_id, const char *reason)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO tutoring_report (message_id, reporter_id, reason, created_at) VALUES (?, ?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, message_id);
	db_bind_int(st, 2, reporter_id);
	db_bind_text(st, 3, reason);
	db_bind_int(st, 4, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int tutor_reports_each(struct db *db, tutor_report_fn *fn, void *ctx)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT r.id, r.message_id, m.question_id, r.reason, coalesce(a.role, ''), m.body, coalesce(m.original, ''), m.author_role, r.created_at "
		"FROM tutoring_report r JOIN tutoring_message m ON m.id = r.message_id LEFT JOIN account a ON a.id = r.reporter_id "
		"WHERE r.reviewed_at IS NULL ORDER BY r.created_at, r.id LIMIT 200");
	enum db_step step;

	if (!st)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		struct tutor_report rep = {
			db_column_int(st, 0), db_column_int(st, 1), db_column_int(st, 2), db_column_text(st, 3), db_column_text(st, 4),
			db_column_text(st, 5), db_column_text(st, 6), db_column_text(st, 7), db_column_int(st, 8),
		};

		fn(&rep, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int tutor_report_review(struct db *db, int64_t id, int64_t reviewer_id, const char *decision)
{
	struct db_stmt *st = db_prepare(db, "UPDATE tutoring_report SET reviewed_by = ?, reviewed_at = ?, decision = ? "
					    "WHERE id = ? AND reviewed_at IS NULL");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, reviewer_id);
	db_bind_int(st, 2, (int64_t)time(NULL));
	db_bind_text(st, 3, decision);
	db_bind_int(st, 4, id);
	rc = db_step(st) == DB_DONE ? (db_changes(db) > 0) : -1;
	db_reset(st);
	return rc;
}

int64_t tutor_flagged_count(struct db *db, int64_t since)
{
	return db_query_int_param(db, "SELECT count(*) FROM tutoring_message WHERE flagged = 1 AND created_at >= ?", since, 0);
}

int tutor_flagged_each(struct db *db, int64_t since, int max, void (*fn)(const struct tutor_flagged *f, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, question_id, author_role, coalesce(original, ''), created_at FROM tutoring_message "
					    "WHERE flagged = 1 AND created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, since);
	db_bind_int(st, 2, max);
	while ((step = db_step(st)) == DB_ROW) {
		struct tutor_flagged f = { db_column_int(st, 0), db_column_int(st, 1), db_column_text(st, 2), db_column_text(st, 3),
					   db_column_int(st, 4) };

		fn(&f, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}
