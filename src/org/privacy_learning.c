/* The export's readers for a child's learning data beyond the attempts
 * (mastery, work given to the child alone) and an adult's training. */
#include "org/privacy.h"

int privacy_mastery_each(struct db *db, int64_t account_id,
			 void (*each)(const struct privacy_mastery *m, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT competency, level, known, answers, right_answers, last_answer, next_review "
					    "FROM mastery WHERE child_id = ? ORDER BY competency");
	struct privacy_mastery m;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		m.competency = db_column_text(st, 0);
		m.level = (int)db_column_int(st, 1);
		m.known = db_column_double(st, 2);
		m.answers = db_column_int(st, 3);
		m.right_answers = db_column_int(st, 4);
		m.last_answer = db_column_int(st, 5);
		m.next_review = db_column_int(st, 6);
		each(&m, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int privacy_assignments(struct db *db, int64_t account_id,
			void (*each)(const struct privacy_assignment *a, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT coalesce(activity_id, ''), coalesce(competency, ''), coalesce(path_id, ''), "
					    "due_at, created_at FROM assignment WHERE child_id = ? ORDER BY created_at, id");
	struct privacy_assignment a;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		a.activity_id = db_column_text(st, 0);
		a.competency = db_column_text(st, 1);
		a.path_id = db_column_text(st, 2);
		a.due_at = db_column_int(st, 3);
		a.created_at = db_column_int(st, 4);
		each(&a, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int privacy_trainings(struct db *db, int64_t account_id,
		      void (*each)(const struct privacy_training *t, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT s.starts_at, s.place, r.registered_at, r.attended FROM training_registration r "
					    "JOIN training_session s ON s.id = r.session_id WHERE r.account_id = ? ORDER BY s.starts_at, s.id");
	struct privacy_training t;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		t.starts_at = db_column_int(st, 0);
		t.place = db_column_text(st, 1);
		t.registered_at = db_column_int(st, 2);
		t.attended = db_column_int(st, 3) != 0;
		each(&t, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}
