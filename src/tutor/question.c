/* Questions, messages, claims and the rights on a conversation. */
#include "tutor/tutor.h"

#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/log.h"
#include "eval/event.h"
#include "offer/offer.h"
#include "tutor/mask.h"

static const char *const origin_names[] = { "activite", "resultat", "aide" };
static const char *const kind_names[] = { "texte", "activite", "exemple" };

const char *tutor_origin_name(enum tutor_origin origin)
{
	return origin_names[origin];
}

const char *tutor_kind_name(enum tutor_message_kind kind)
{
	return kind_names[kind];
}

int tutor_kind_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(kind_names[i], name) == 0)
			return (int)i;
	return -1;
}

static enum tutor_origin origin_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(origin_names) / sizeof(origin_names[0]); i++)
		if (strcmp(origin_names[i], name) == 0)
			return (enum tutor_origin)i;
	return TUTOR_FROM_HELP;
}

static void copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* Bind `text`, or NULL when it is empty. */
static void bind_optional_text(struct db_stmt *st, int index, const char *text)
{
	if (text && *text)
		db_bind_text(st, index, text);
	else
		db_bind_null(st, index);
}

static void bind_optional_int(struct db_stmt *st, int index, int64_t value)
{
	if (value)
		db_bind_int(st, index, value);
	else
		db_bind_null(st, index);
}

/* Insert one message, masked; returns the masked kinds or -1. */
static int message_insert(struct db *db, int64_t question_id, const struct user *author, enum tutor_message_kind kind,
			  const char *text, const char *activity_id, int64_t now, int64_t *id_out)
{
	struct buf masked = BUF_INIT(8 * TUTOR_MESSAGE_MAX_BYTES);
	struct db_stmt *st;
	int found = mask_contact_details(text, strlen(text), &masked);

	st = found < 0 ? NULL : db_prepare(db,
		"INSERT INTO tutoring_message (question_id, author_id, author_role, kind, body, activity_id, flagged, original, created_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (!st) {
		buf_release(&masked);
		return -1;
	}
	db_bind_int(st, 1, question_id);
	db_bind_int(st, 2, author->id);
	db_bind_text(st, 3, (author->caps & CAP_ANSWER_QUESTIONS) ? "tuteur" : "eleve");
	db_bind_text(st, 4, tutor_kind_name(kind));
	db_bind_text(st, 5, buf_cstr(&masked));
	bind_optional_text(st, 6, kind == TUTOR_KIND_ACTIVITY ? activity_id : NULL);
	db_bind_int(st, 7, found ? 1 : 0);
	bind_optional_text(st, 8, found ? text : NULL);
	db_bind_int(st, 9, now);
	*id_out = db_step(st) == DB_ROW ? db_column_int(st, 0) : -1;
	db_reset(st);
	buf_release(&masked);
	return *id_out > 0 ? found : -1;
}

/* The child's answer is masked like a message: it is the child's text. */
static int question_insert(struct db *db, const struct user *child, const struct tutor_context *ctx, int64_t now)
{
	struct buf answer = BUF_INIT(8 * TUTOR_ANSWER_MAX_BYTES);
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO tutoring_question (child_id, structure_id, status, priority, origin, activity_id, activity_version, "
		"question_number, child_answer, level, created_at, last_message_at) "
		"VALUES (?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	int64_t id = -1;

	if (!st || mask_contact_details(ctx->child_answer, strlen(ctx->child_answer), &answer) < 0) {
		buf_release(&answer);
		return -1;
	}
	db_bind_int(st, 1, child->id);
	bind_optional_int(st, 2, child->structure_id);
	db_bind_int(st, 3, ctx->priority);
	db_bind_text(st, 4, tutor_origin_name(ctx->origin));
	bind_optional_text(st, 5, ctx->activity_id);
	bind_optional_int(st, 6, ctx->activity_version);
	bind_optional_int(st, 7, ctx->question_number);
	bind_optional_text(st, 8, buf_cstr(&answer));
	bind_optional_text(st, 9, ctx->level);
	db_bind_int(st, 10, now);
	db_bind_int(st, 11, now);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	buf_release(&answer);
	return id;
}

int tutor_question_create(struct db *db, const struct user *child, const struct tutor_context *ctx, const char *text,
			  int64_t *id_out)
{
	int64_t now = (int64_t)time(NULL), message_id;
	int found;

	if (db_begin(db) < 0)
		return -1;
	*id_out = question_insert(db, child, ctx, now);
	found = *id_out > 0 ? message_insert(db, *id_out, child, TUTOR_KIND_TEXT, text, NULL, now, &message_id) : -1;
	if (found < 0 || db_commit(db) < 0) {
		log_error("tutoring question failed child=%lld error=\"%s\"", (long long)child->id, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return found;
}

/* Stamp the question after a message: the first answer, the last activity,
 * and a child's message on a closed question puts it back in the queue. */
static int question_touch(struct db *db, int64_t question_id, bool by_tuteur, int64_t author_id, int64_t now)
{
	struct db_stmt *st;
	int rc;

	if (by_tuteur) {
		st = db_prepare(db, "UPDATE tutoring_question SET last_message_at = ?, first_answer_by = coalesce(first_answer_by, ?), "
				    "first_answer_at = coalesce(first_answer_at, ?) WHERE id = ?");
		if (!st)
			return -1;
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, author_id);
		db_bind_int(st, 3, now);
		db_bind_int(st, 4, question_id);
	} else {
		st = db_prepare(db, "UPDATE tutoring_question SET last_message_at = ?, child_read_at = ?, "
				    "claimed_by = CASE WHEN status = 'closed' THEN NULL ELSE claimed_by END, "
				    "priority = CASE WHEN status = 'closed' THEN 1 ELSE priority END, "
				    "status = CASE WHEN status = 'closed' THEN 'waiting' ELSE status END, closed_at = NULL WHERE id = ?");
		if (!st)
			return -1;
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, now);
		db_bind_int(st, 3, question_id);
	}
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int tutor_message_post(struct db *db, int64_t question_id, const struct user *author, enum tutor_message_kind kind,
		       const char *text, const char *activity_id, int64_t *id_out)
{
	int64_t now = (int64_t)time(NULL);
	bool by_tuteur = (author->caps & CAP_ANSWER_QUESTIONS) != 0;
	int found;

	if (db_begin(db) < 0)
		return -1;
	found = message_insert(db, question_id, author, kind, text, activity_id, now, id_out);
	if (found < 0 || question_touch(db, question_id, by_tuteur, author->id, now) < 0 || db_commit(db) < 0) {
		log_error("tutoring message failed question=%lld error=\"%s\"", (long long)question_id, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	if (found >= 0)
		event_record_account(author->id, NULL, EVENT_FEATURE_TUTORING, EVENT_ACTION_MESSAGE, by_tuteur ? "tuteur" : "enfant", 0);
	return found;
}

#define QUESTION_COLUMNS \
	"q.id, q.child_id, coalesce(q.structure_id, 0), q.status, q.priority, q.origin, coalesce(q.activity_id, ''), " \
	"coalesce(q.activity_version, 0), coalesce(q.question_number, 0), coalesce(q.child_answer, ''), coalesce(q.level, ''), " \
	"coalesce(q.claimed_by, 0), q.created_at, coalesce(q.first_answer_at, 0), q.last_message_at, q.child_read_at, " \
	"c.first_name, c.last_initial, coalesce(t.first_name, '') " \
	"FROM tutoring_question q JOIN account c ON c.id = q.child_id LEFT JOIN account t ON t.id = q.claimed_by "

static void question_read(struct db_stmt *st, struct tutor_question *q)
{
	memset(q, 0, sizeof(*q));
	q->id = db_column_int(st, 0);
	q->child_id = db_column_int(st, 1);
	q->structure_id = db_column_int(st, 2);
	copy_text(q->status, sizeof(q->status), db_column_text(st, 3));
	q->priority = (int)db_column_int(st, 4);
	q->context.priority = q->priority;
	q->context.origin = origin_parse(db_column_text(st, 5));
	copy_text(q->context.activity_id, sizeof(q->context.activity_id), db_column_text(st, 6));
	q->context.activity_version = (int)db_column_int(st, 7);
	q->context.question_number = (int)db_column_int(st, 8);
	copy_text(q->context.child_answer, sizeof(q->context.child_answer), db_column_text(st, 9));
	copy_text(q->context.level, sizeof(q->context.level), db_column_text(st, 10));
	q->claimed_by = db_column_int(st, 11);
	q->created_at = db_column_int(st, 12);
	q->first_answer_at = db_column_int(st, 13);
	q->last_message_at = db_column_int(st, 14);
	q->child_read_at = db_column_int(st, 15);
	snprintf(q->child_name, sizeof(q->child_name), "%s %s", db_column_text(st, 16), db_column_text(st, 17));
	copy_text(q->tuteur_name, sizeof(q->tuteur_name), db_column_text(st, 18));
}

int tutor_question_load(struct db *db, int64_t id, struct tutor_question *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " QUESTION_COLUMNS "WHERE q.id = ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	step = db_step(st);
	if (step == DB_ROW)
		question_read(st, out);
	db_reset(st);
	return db_found(step);
}

int tutor_messages_each(struct db *db, int64_t question_id, int64_t after_id, tutor_message_fn *fn, void *ctx)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT m.id, m.question_id, coalesce(m.author_id, 0), m.author_role, coalesce(a.first_name, ''), m.kind, m.body, "
		"coalesce(m.activity_id, ''), m.flagged, m.created_at "
		"FROM tutoring_message m LEFT JOIN account a ON a.id = m.author_id WHERE m.question_id = ? AND m.id > ? ORDER BY m.id");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, question_id);
	db_bind_int(st, 2, after_id);
	while ((step = db_step(st)) == DB_ROW) {
		struct tutor_message m;
		int kind = tutor_kind_parse(db_column_text(st, 5));

		m.id = db_column_int(st, 0);
		m.question_id = db_column_int(st, 1);
		m.author_id = db_column_int(st, 2);
		m.author_role = db_column_text(st, 3);
		m.author_name = db_column_text(st, 4);
		m.kind = kind < 0 ? TUTOR_KIND_TEXT : (enum tutor_message_kind)kind;
		m.body = db_column_text(st, 6);
		m.activity_id = db_column_text(st, 7);
		m.flagged = db_column_int(st, 8) != 0;
		m.created_at = db_column_int(st, 9);
		fn(&m, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

bool tutor_answers_for(struct db *db, const struct user *u, int64_t structure_id)
{
	return (u->caps & CAP_ANSWER_QUESTIONS) && scope_structure(db, u, CAP_ANSWER_QUESTIONS, structure_id);
}

bool tutor_may_read(struct db *db, const struct user *u, const struct tutor_question *q)
{
	if (q->child_id == u->id)
		return true;
	if (tutor_answers_for(db, u, q->structure_id))
		return true;
	/* The adults who follow the child; a child never reads another's. */
	return !(u->caps & CAP_DO_ACTIVITIES) && scope_child(db, u, q->child_id);
}

bool tutor_may_write(struct db *db, const struct user *u, const struct tutor_question *q, time_t now)
{
	if (q->child_id == u->id)
		return (u->caps & CAP_ASK_QUESTIONS) && offer_child_has_tutoring(db, u->id, now);
	return q->claimed_by == u->id && strcmp(q->status, "claimed") == 0 && tutor_answers_for(db, u, q->structure_id);
}

/* Run an UPDATE with `count` (1 to 3) integer parameters; returns 1 when
 * it changed a row, 0 when none matched, -1 on error. */
static int update_one(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c, int count)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, a);
	if (count > 1)
		db_bind_int(st, 2, b);
	if (count > 2)
		db_bind_int(st, 3, c);
	rc = -1;
	if (db_step(st) == DB_DONE)
		rc = db_changes(db) > 0 ? 1 : 0;
	db_reset(st);
	return rc;
}

int tutor_question_claim(struct db *db, int64_t question_id, int64_t tuteur_id)
{
	return update_one(db, "UPDATE tutoring_question SET status = 'claimed', claimed_by = ?, claimed_at = ? "
			      "WHERE id = ? AND status = 'waiting'",
			  tuteur_id, (int64_t)time(NULL), question_id, 3);
}

int tutor_question_pass(struct db *db, int64_t question_id, int64_t from, int64_t to)
{
	return update_one(db, "UPDATE tutoring_question SET claimed_by = ? WHERE id = ? AND claimed_by = ? AND status = 'claimed'",
			  to, question_id, from, 3);
}

int tutor_question_close(struct db *db, int64_t question_id, int64_t tuteur_id)
{
	return update_one(db, "UPDATE tutoring_question SET status = 'closed', closed_at = ? "
			      "WHERE id = ? AND claimed_by = ? AND status = 'claimed'",
			  (int64_t)time(NULL), question_id, tuteur_id, 3);
}

int tutor_question_reopen(struct db *db, int64_t question_id)
{
	return update_one(db, "UPDATE tutoring_question SET status = 'waiting', claimed_by = NULL, closed_at = NULL, priority = 1 "
			      "WHERE id = ? AND status = 'closed'",
			  question_id, 0, 0, 1);
}

static int questions_each(struct db_stmt *st, const struct user *filter, struct db *db, tutor_question_fn *fn, void *ctx)
{
	enum db_step step;
	struct tutor_question q;

	while ((step = db_step(st)) == DB_ROW) {
		question_read(st, &q);
		if (filter && !tutor_answers_for(db, filter, q.structure_id))
			continue;
		fn(&q, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int tutor_queue_each(struct db *db, const struct user *tuteur, tutor_question_fn *fn, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT " QUESTION_COLUMNS
		"WHERE q.status = 'waiting' OR (q.status = 'claimed' AND q.claimed_by = ?) "
		"ORDER BY CASE WHEN q.status = 'claimed' THEN 0 ELSE 1 END, q.priority DESC, q.created_at, q.id LIMIT ?");

	if (!st)
		return -1;
	db_bind_int(st, 1, tuteur->id);
	db_bind_int(st, 2, TUTOR_QUEUE_MAX_ROWS);
	return questions_each(st, tuteur, db, fn, ctx);
}

int tutor_child_questions_each(struct db *db, int64_t child_id, tutor_question_fn *fn, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT " QUESTION_COLUMNS "WHERE q.child_id = ? ORDER BY q.last_message_at DESC, q.id DESC LIMIT ?");

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, TUTOR_QUEUE_MAX_ROWS);
	return questions_each(st, NULL, db, fn, ctx);
}

int64_t tutor_child_unread_count(struct db *db, int64_t child_id)
{
	return db_query_int_param(db,
		"SELECT count(*) FROM tutoring_question q WHERE q.child_id = ? AND EXISTS (SELECT 1 FROM tutoring_message m "
		"WHERE m.question_id = q.id AND m.author_role = 'tuteur' AND m.created_at >= q.child_read_at)",
		child_id, 0);
}

int tutor_question_mark_read(struct db *db, int64_t question_id, int64_t now)
{
	return update_one(db, "UPDATE tutoring_question SET child_read_at = ? WHERE id = ?", now + 1, question_id, 0, 2) < 0 ? -1 : 0;
}

int tutor_presence_touch(struct db *db, int64_t tuteur_id, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO tutoring_presence (tuteur_id, seen_at) VALUES (?, ?) "
					    "ON CONFLICT (tuteur_id) DO UPDATE SET seen_at = excluded.seen_at");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, tuteur_id);
	db_bind_int(st, 2, now);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int64_t tutor_presence_count(struct db *db, int64_t now)
{
	return db_query_int_param(db, "SELECT count(*) FROM tutoring_presence WHERE seen_at >= ?", now - TUTOR_PRESENCE_SECONDS, 0);
}

int64_t tutor_expected_wait(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT first_answer_at - created_at FROM tutoring_question "
					    "WHERE first_answer_at IS NOT NULL ORDER BY created_at DESC LIMIT 21");
	int64_t delays[21], tmp;
	int n = 0, i, j;

	if (!st)
		return -1;
	while (n < 21 && db_step(st) == DB_ROW)
		delays[n++] = db_column_int(st, 0);
	db_reset(st);
	if (n == 0)
		return -1;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && delays[j - 1] > delays[j]; j--) {
			tmp = delays[j];
			delays[j] = delays[j - 1];
			delays[j - 1] = tmp;
		}
	return delays[n / 2];
}

int64_t tutor_waiting_ahead(struct db *db, int64_t id)
{
	if (id == 0)
		return db_query_int(db, "SELECT count(*) FROM tutoring_question WHERE status = 'waiting'", 0);
	return db_query_int_param(db,
		"SELECT count(*) FROM tutoring_question o, tutoring_question q WHERE q.id = ? AND o.status = 'waiting' AND o.id <> q.id "
		"AND (o.priority > q.priority OR (o.priority = q.priority AND o.created_at <= q.created_at))",
		id, 0);
}

int64_t tutor_purge(struct db *db, int64_t before)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM tutoring_question WHERE last_message_at < ?");
	int64_t count = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, before);
	if (db_step(st) == DB_DONE)
		count = db_changes(db);
	db_reset(st);
	return count;
}

int64_t tutor_purge_count(struct db *db, int64_t before)
{
	return db_query_int_param(db, "SELECT count(*) FROM tutoring_question WHERE last_message_at < ?", before, -1);
}

int tutor_recent_messages_each(struct db *db, int64_t since, void (*fn)(int64_t question_id, int64_t message_id))
{
	struct db_stmt *st = db_prepare(db, "SELECT question_id, max(id) FROM tutoring_message WHERE created_at >= ? GROUP BY question_id");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, since);
	while ((step = db_step(st)) == DB_ROW)
		fn(db_column_int(st, 0), db_column_int(st, 1));
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int64_t tutor_last_question_id(struct db *db)
{
	return db_query_int(db, "SELECT coalesce(max(id), 0) FROM tutoring_question", -1);
}

int64_t tutor_child_waiting_count(struct db *db, int64_t child_id)
{
	return db_query_int_param(db, "SELECT count(*) FROM tutoring_question WHERE child_id = ? AND status = 'waiting'", child_id, -1);
}
