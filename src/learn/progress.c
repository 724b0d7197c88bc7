/* The next step of a child, and assignments. */
#include "learn/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/mastery.h"

/* Whether the child in SQL column `C` did the assignment `x`. */
#define ASSIGNMENT_DONE(C)                                                                                              \
	"((x.activity_id IS NOT NULL AND EXISTS (SELECT 1 FROM attempt t WHERE t.account_id = " C                       \
	" AND t.activity_id = x.activity_id AND t.submitted_at >= x.created_at)) OR (x.competency IS NOT NULL AND "    \
	"EXISTS (SELECT 1 FROM mastery y WHERE y.child_id = " C " AND y.competency = x.competency AND "                 \
	"y.last_answer >= x.created_at)))"

/* The activities a child did, with the time of the last attempt. */
struct done_list {
	char **ids;
	int64_t *last;
	size_t count;
};

static void done_release(struct done_list *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		free(d->ids[i]);
	free(d->ids);
	free(d->last);
	memset(d, 0, sizeof(*d));
}

static int done_load(struct db *db, int64_t child_id, struct done_list *d)
{
	struct db_stmt *st = db_prepare(db, "SELECT activity_id, max(submitted_at) FROM attempt WHERE account_id = ? GROUP BY activity_id");
	enum db_step step;

	memset(d, 0, sizeof(*d));
	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	while ((step = db_step(st)) == DB_ROW) {
		char **ids = realloc(d->ids, (d->count + 1) * sizeof(*ids));
		int64_t *last = ids ? realloc(d->last, (d->count + 1) * sizeof(*last)) : NULL;

		if (ids)
			d->ids = ids;
		if (last)
			d->last = last;
		if (!ids || !last || !(d->ids[d->count] = strdup(db_column_text(st, 0)))) {
			step = DB_ERROR;
			break;
		}
		d->last[d->count++] = db_column_int(st, 1);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

/* Time of the child's last attempt on `id`, or 0 when never done. */
static int64_t done_at(const struct done_list *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		if (strcmp(d->ids[i], id) == 0)
			return d->last[i];
	return 0;
}

static bool serves(const struct activity *a, const char *competency)
{
	size_t i;

	for (i = 0; i < a->competency_count; i++)
		if (strcmp(a->competencies[i], competency) == 0)
			return true;
	return false;
}

/* The activity of the child's level serving `competency` (any when NULL)
 * that was done longest ago, one never done first, ties to catalogue
 * order. */
static const struct activity *least_recent(const struct catalog *catalog, unsigned levels, const struct done_list *d,
					   const char *competency)
{
	const struct activity *best = NULL;
	int64_t best_at = 0;
	size_t i;

	for (i = 0; i < catalog->count; i++) {
		const struct activity *a = catalog->entries[i].activity;
		int64_t at;

		if (a->type != CONTENT_ACTIVITY || a->adults_only || !(a->levels & levels) || (competency && !serves(a, competency)))
			continue;
		at = done_at(d, a->id);
		if (!best || at < best_at) {
			best = a;
			best_at = at;
		}
	}
	return best;
}

/* Rule 1: the open assignment with the nearest due date. */
struct assigned_pick {
	const struct catalog *catalog;
	unsigned levels;
	const struct done_list *done;
	struct next_step *out;
};

static void pick_assigned(const struct assignment *a, void *ctx)
{
	struct assigned_pick *p = ctx;
	const struct activity *found;

	if (p->out->reason != NEXT_NONE || a->done)
		return;
	if (a->activity_id) {
		/* For a path, the child starts with its problem. */
		found = catalog_find(p->catalog, a->activity_id);
		if (!found || found->type != CONTENT_ACTIVITY || !(found->levels & p->levels))
			return;
	} else {
		found = least_recent(p->catalog, p->levels, p->done, a->competency);
		if (!found)
			return;
		snprintf(p->out->competency, sizeof(p->out->competency), "%s", a->competency);
	}
	p->out->reason = NEXT_ASSIGNED;
	p->out->activity = found;
	p->out->due_at = a->due_at;
}

/* Rules 2 and 3: a review due, then the weakest competency en cours,
 * each only when an activity of the child's level serves it. */
static int pick_from_mastery(struct db *db, const struct catalog *catalog, int64_t child_id, unsigned levels,
			     const struct done_list *done, int64_t now, struct next_step *out)
{
	static const char *const queries[] = {
		"SELECT competency FROM mastery WHERE child_id = ? AND level >= 2 AND next_review > 0 AND next_review <= ? "
		"ORDER BY next_review, competency",
		"SELECT competency FROM mastery WHERE child_id = ? AND level = 1 ORDER BY known, competency",
	};
	static const enum next_reason reasons[] = { NEXT_REVIEW, NEXT_PRACTICE };
	size_t q;

	for (q = 0; q < 2 && out->reason == NEXT_NONE; q++) {
		struct db_stmt *st = db_prepare(db, queries[q]);
		enum db_step step;

		if (!st)
			return -1;
		db_bind_int(st, 1, child_id);
		if (reasons[q] == NEXT_REVIEW)
			db_bind_int(st, 2, now);
		while ((step = db_step(st)) == DB_ROW) {
			const char *code = db_column_text(st, 0);
			const struct activity *a = least_recent(catalog, levels, done, code);

			if (a) {
				out->reason = reasons[q];
				out->activity = a;
				snprintf(out->competency, sizeof(out->competency), "%s", code);
				break;
			}
		}
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return 0;
}

int progress_next_step(struct db *db, const struct catalog *catalog, int64_t child_id, unsigned levels, int64_t now,
		       struct next_step *out)
{
	struct done_list done;
	struct assigned_pick pick = { catalog, levels, &done, out };
	const struct activity *a;

	memset(out, 0, sizeof(*out));
	if (done_load(db, child_id, &done) < 0)
		return -1;
	if (assignment_list_child(db, child_id, pick_assigned, &pick) < 0 ||
	    (out->reason == NEXT_NONE && pick_from_mastery(db, catalog, child_id, levels, &done, now, out) < 0)) {
		done_release(&done);
		memset(out, 0, sizeof(*out));
		return -1;
	}
	if (out->reason == NEXT_NONE && (a = least_recent(catalog, levels, &done, NULL))) {
		out->reason = done_at(&done, a->id) ? NEXT_AGAIN : NEXT_DISCOVER;
		out->activity = a;
	}
	done_release(&done);
	return 0;
}

int64_t assignment_create(struct db *db, int64_t group_id, int64_t child_id, const struct assignment_work *work,
			  int64_t due_at, int64_t created_by, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO assignment (group_id, child_id, activity_id, competency, path_id, due_at, "
					    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	const char *texts[3] = { work->activity_id, work->competency, work->path_id };
	size_t i;
	enum db_step step;

	if (!st)
		return -1;
	if (group_id)
		db_bind_int(st, 1, group_id);
	else
		db_bind_null(st, 1);
	if (child_id)
		db_bind_int(st, 2, child_id);
	else
		db_bind_null(st, 2);
	for (i = 0; i < 3; i++) {
		if (texts[i])
			db_bind_text(st, 3 + (int)i, texts[i]);
		else
			db_bind_null(st, 3 + (int)i);
	}
	db_bind_int(st, 6, due_at);
	db_bind_int(st, 7, created_by);
	db_bind_int(st, 8, now);
	step = db_step(st);
	db_reset(st);
	return step == DB_DONE ? db_last_id(db) : -1;
}

static int assignment_rows(struct db_stmt *st, void (*each)(const struct assignment *a, void *ctx), void *ctx)
{
	enum db_step step;

	while ((step = db_step(st)) == DB_ROW) {
		struct assignment a = {
			.id = db_column_int(st, 0),
			.group_id = db_column_int(st, 1),
			.child_id = db_column_int(st, 2),
			.activity_id = db_column_is_null(st, 3) ? NULL : db_column_text(st, 3),
			.competency = db_column_is_null(st, 4) ? NULL : db_column_text(st, 4),
			.due_at = db_column_int(st, 5),
			.created_at = db_column_int(st, 6),
			.done = (int)db_column_int(st, 7),
			.children = (int)db_column_int(st, 8),
			.path_id = db_column_is_null(st, 9) ? NULL : db_column_text(st, 9),
		};
		each(&a, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

#define GROUP_CHILDREN "SELECT m.account_id FROM group_member m JOIN account c ON c.id = m.account_id " \
		       "WHERE m.group_id = ? AND c.role = 'eleve' AND c.active = 1"

int assignment_group_completion(struct db *db, int64_t assignment_id, unsigned levels, int *done, int *children)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT coalesce(c.level, ''), " ASSIGNMENT_DONE("c.id") " FROM assignment x JOIN group_member m ON "
		    "m.group_id = x.group_id JOIN account c ON c.id = m.account_id "
		    "WHERE x.id = ? AND c.role = 'eleve' AND c.active = 1");
	enum db_step step;

	*done = *children = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, assignment_id);
	while ((step = db_step(st)) == DB_ROW) {
		if (!(level_parse(db_column_text(st, 0)) & levels))
			continue;
		(*children)++;
		*done += db_column_int(st, 1) != 0;
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int assignment_list_group(struct db *db, int64_t group_id, void (*each)(const struct assignment *a, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT x.id, coalesce(x.group_id, 0), coalesce(x.child_id, 0), x.activity_id, x.competency, x.due_at, "
		    "x.created_at, "
		    "CASE WHEN x.group_id IS NOT NULL THEN (SELECT count(*) FROM group_member m JOIN account c ON "
		    "c.id = m.account_id WHERE m.group_id = x.group_id AND c.role = 'eleve' AND c.active = 1 AND " ASSIGNMENT_DONE("c.id") ") "
		    "ELSE (SELECT count(*) FROM account c WHERE c.id = x.child_id AND " ASSIGNMENT_DONE("c.id") ") END, "
		    "CASE WHEN x.group_id IS NOT NULL THEN (SELECT count(*) FROM group_member m JOIN account c ON "
		    "c.id = m.account_id WHERE m.group_id = x.group_id AND c.role = 'eleve' AND c.active = 1) ELSE 1 END, x.path_id "
		    "FROM assignment x WHERE x.group_id = ? OR x.child_id IN (" GROUP_CHILDREN ") "
		    "ORDER BY x.created_at DESC, x.id DESC");

	if (!st)
		return -1;
	db_bind_int(st, 1, group_id);
	db_bind_int(st, 2, group_id);
	return assignment_rows(st, each, ctx);
}

int assignment_list_child(struct db *db, int64_t child_id, void (*each)(const struct assignment *a, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT x.id, coalesce(x.group_id, 0), coalesce(x.child_id, 0), x.activity_id, x.competency, x.due_at, "
		    "x.created_at, (SELECT count(*) FROM account c WHERE c.id = ? AND " ASSIGNMENT_DONE("c.id") "), 1, x.path_id "
		    "FROM assignment x WHERE x.child_id = ? OR x.group_id IN (SELECT group_id FROM group_member WHERE account_id = ?) "
		    "ORDER BY CASE WHEN x.due_at = 0 THEN 1 ELSE 0 END, x.due_at, x.created_at, x.id");

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, child_id);
	db_bind_int(st, 3, child_id);
	return assignment_rows(st, each, ctx);
}
