/* The export's readers for a child's learning data beyond the attempts
 * (mastery, work given to the child alone) and an adult's training and
 * work for the structure. */
#include "org/privacy.h"

#include <stdio.h>

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

/* One row per record an adult authored; every branch binds the account id once. */
#define WORK_RECORDS                                                                                               \
	"SELECT requested_at, 'licence-request', school_year || ' : ' || seats FROM licence_request WHERE requested_by = ? " \
	"UNION ALL SELECT issued_at, 'document', number FROM offer_document WHERE issued_by = ? "                    \
	"UNION ALL SELECT starts_at, 'training-given', place FROM training_session WHERE trainer_id = ? "             \
	"UNION ALL SELECT created_at, 'diagnostic', measured_on FROM diagnostic WHERE author_id = ? "                \
	"UNION ALL SELECT created_at, 'indicator', name FROM partner_indicator WHERE author_id = ? "                  \
	"UNION ALL SELECT created_at, 'survey', title FROM survey WHERE author_id = ? "                               \
	"UNION ALL SELECT uploaded_at, 'content-package', file_name FROM content_package WHERE uploaded_by = ? "     \
	"ORDER BY 1, 2"
#define WORK_RECORD_SOURCES 7

int privacy_work_records(struct db *db, int64_t account_id,
			 void (*each)(const struct privacy_work *w, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, WORK_RECORDS);
	struct privacy_work w;
	enum db_step step;
	int64_t messages;
	char count[24];
	int i;

	if (!st)
		return -1;
	for (i = 1; i <= WORK_RECORD_SOURCES; i++)
		db_bind_int(st, i, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		w.at = db_column_int(st, 0);
		w.kind = db_column_text(st, 1);
		w.label = db_column_text(st, 2);
		each(&w, ctx);
	}
	db_reset(st);
	if (step != DB_DONE)
		return -1;

	/* A tuteur's messages are about children, so only their number is given. */
	messages = db_query_int_param(db, "SELECT count(*) FROM tutoring_message WHERE author_id = ? AND author_role = 'tuteur'",
				      account_id, -1);
	if (messages < 0)
		return -1;
	if (messages > 0) {
		snprintf(count, sizeof(count), "%lld", (long long)messages);
		w.at = db_query_int_param(db, "SELECT coalesce(max(created_at), 0) FROM tutoring_message WHERE author_id = ? "
					      "AND author_role = 'tuteur'", account_id, 0);
		w.kind = "tutoring-messages";
		w.label = count;
		each(&w, ctx);
	}
	return 0;
}
