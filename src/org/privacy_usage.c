/* The export's readers for what other features record about an account:
 * usage events, survey answers and the ENT and LMS identities. */
#include "org/privacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/paris_time.h"

int privacy_events(struct db *db, int64_t account_id, int64_t limit,
		   void (*each)(const struct privacy_event *e, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT at, feature, action, object, coalesce(value, 0) FROM usage_event "
					    "WHERE account_id = ? ORDER BY at DESC, id DESC");
	struct privacy_event e;
	enum db_step step = DB_DONE;
	int64_t n = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((limit == 0 || n < limit) && (step = db_step(st)) == DB_ROW) {
		e.at = db_column_int(st, 0);
		e.feature = db_column_text(st, 1);
		e.action = db_column_text(st, 2);
		e.object = db_column_text(st, 3);
		e.value = db_column_int(st, 4);
		each(&e, ctx);
		n++;
	}
	if (limit && n == limit)
		step = DB_DONE;
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

static int count_order(const void *a, const void *b)
{
	const struct privacy_event_count *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? 1 : -1;
	return strcmp(x->feature, y->feature);
}

/* Find the slot of (month, feature) in the list, or add it. Returns NULL
 * when memory runs out. Events come newest first, so a month's slots are
 * the last ones of the list. */
static struct privacy_event_count *count_slot(struct privacy_event_count **list, size_t *n, size_t *cap,
					      int64_t month, const char *feature)
{
	struct privacy_event_count *grown;
	size_t i;

	for (i = *n; i > 0 && (*list)[i - 1].month == month; i--)
		if (strcmp((*list)[i - 1].feature, feature) == 0)
			return &(*list)[i - 1];
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		grown = realloc(*list, *cap * sizeof(**list));
		if (!grown)
			return NULL;
		*list = grown;
	}
	grown = &(*list)[(*n)++];
	grown->month = month;
	snprintf(grown->feature, sizeof(grown->feature), "%s", feature);
	grown->events = 0;
	return grown;
}

int privacy_event_counts(struct db *db, int64_t account_id, struct privacy_event_count **out, size_t *count,
			 int64_t *total)
{
	/* Months are Paris months, which SQL cannot cut the same way on both
	 * backends, so the events are counted here. */
	struct db_stmt *st = db_prepare(db, "SELECT at, feature FROM usage_event WHERE account_id = ? ORDER BY at DESC");
	struct privacy_event_count *list = NULL, *slot;
	size_t n = 0, cap = 0;
	enum db_step step;

	*out = NULL;
	*count = 0;
	*total = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		slot = count_slot(&list, &n, &cap, day_month(paris_day(db_column_int(st, 0))), db_column_text(st, 1));
		if (!slot) {
			step = DB_ERROR;
			break;
		}
		slot->events++;
		(*total)++;
	}
	db_reset(st);
	if (step != DB_DONE) {
		free(list);
		*total = 0;
		return -1;
	}
	if (n)
		qsort(list, n, sizeof(*list), count_order);
	*out = list;
	*count = n;
	return 0;
}

int privacy_survey_answers(struct db *db, int64_t account_id,
			   void (*each)(const struct privacy_survey_answer *a, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT r.id, r.created_at, s.title, r.skipped, coalesce(a.position, 0), "
					    "coalesce(q.kind, ''), coalesce(q.prompt, ''), coalesce(a.value, '') "
					    "FROM survey_response r JOIN survey s ON s.id = r.survey_id "
					    "LEFT JOIN survey_answer a ON a.response_id = r.id "
					    "LEFT JOIN survey_question q ON q.survey_id = r.survey_id AND q.position = a.position "
					    "WHERE r.account_id = ? ORDER BY r.created_at, r.id, a.position");
	struct privacy_survey_answer a;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		a.response_id = db_column_int(st, 0);
		a.answered_at = db_column_int(st, 1);
		a.survey_title = db_column_text(st, 2);
		a.skipped = db_column_int(st, 3) != 0;
		a.position = db_column_int(st, 4);
		a.kind = db_column_text(st, 5);
		a.prompt = db_column_text(st, 6);
		a.value = db_column_text(st, 7);
		each(&a, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int privacy_links(struct db *db, int64_t account_id, void (*each)(const struct privacy_link *l, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT 'cas', s.name, i.cas_user, i.linked_at FROM cas_identity i "
					    "JOIN cas_server s ON s.id = i.cas_server_id WHERE i.account_id = ? "
					    "UNION ALL SELECT 'lti', p.name, i.sub, i.linked_at FROM lti_identity i "
					    "JOIN lti_platform p ON p.id = i.platform_id WHERE i.account_id = ? ORDER BY 1, 4");
	struct privacy_link l;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		l.kind = db_column_text(st, 0);
		l.server = db_column_text(st, 1);
		l.remote_id = db_column_text(st, 2);
		l.linked_at = db_column_int(st, 3);
		each(&l, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}
