/* Roll the partner indicators computed from events up per day, month and
 * school year. */
#include "eval/partner_rollup.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "eval/child_set.h"
#include "eval/indicator.h"
#include "eval/paris_time.h"
#include "eval/partner.h"

/* The events of one indicator between two times, counted per child and
 * hour (Paris days start on a whole UTC hour): the filters of
 * eval/partner.h, then the scope (a SCOPE_ macro), then EVENTS_GROUP. */
#define EVENTS_SQL "SELECT e.account_id, e.at / 3600, count(*) FROM usage_event e WHERE e.at >= ? AND e.at < ? " \
	"AND (? = '' OR e.feature = ?) AND (? = '' OR e.action = ?) " \
	"AND e.account_id IN (SELECT id FROM account WHERE role = 'eleve' AND (? = '' OR level = ?)) " \
	"AND (? = 0 OR e.account_id IN (SELECT account_id FROM group_member WHERE group_id = ?)) " \
	"AND (? = '' OR e.object IN (SELECT id FROM activity WHERE subject = ?)) AND "
#define SCOPE_NATIONAL "? >= 0"
#define SCOPE_ORGANISATION "e.structure_id IN (SELECT s.id FROM structure s WHERE s.financeur_id IN (" \
	"WITH RECURSIVE t(id) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT o.id FROM organisation o JOIN t ON o.parent_id = t.id) " \
	"SELECT id FROM t))"
#define SCOPE_STRUCTURE "e.structure_id = ?"
#define EVENTS_GROUP " GROUP BY e.account_id, e.at / 3600"
#define INDICATORS_SQL "SELECT p.id, p.scope, p.scope_id, coalesce(o.kind, ''), p.feature, p.action, p.level, p.group_id, p.subject, " \
	"p.backfill_month FROM partner_indicator p LEFT JOIN organisation o ON p.scope = 'organisation' AND o.id = p.scope_id " \
	"WHERE p.kind <> 'value' AND "
#define BACKFILL_KEEP (-2) /* month_roll leaves backfill_month alone */

/* A computed indicator as the rollup needs it. */
struct rolled {
	int64_t id, scope_id, group_id, backfill_month;
	enum stats_scope_kind kind;
	char feature[PARTNER_FILTER_MAX], action[PARTNER_FILTER_MAX], level[8], subject[PARTNER_FILTER_MAX];
};

/* The days of each child in a month (or 1 in a school year), indexed by
 * account id. */
struct masks {
	uint32_t *day;
	size_t size;
	bool failed;
};

static uint32_t *masks_at(struct masks *m, int64_t account_id)
{
	if (account_id < 0 || account_id > CHILD_SET_MAX_ID) {
		m->failed = true;
		return NULL;
	}
	if ((size_t)account_id >= m->size) {
		size_t size = m->size ? m->size : 1024;
		uint32_t *grown;

		while (size <= (size_t)account_id)
			size *= 2;
		grown = realloc(m->day, size * sizeof(*grown));
		if (!grown) {
			m->failed = true;
			return NULL;
		}
		memset(grown + m->size, 0, (size - m->size) * sizeof(*grown));
		m->day = grown;
		m->size = size;
	}
	return &m->day[account_id];
}

/* Add the records of a stored set, their masks ANDed with `keep` (or set to
 * 1 when `keep` is 0). Returns 0, or -1 for a damaged value. */
static int masks_add_set(struct masks *m, const void *set, size_t len, uint32_t keep)
{
	struct child_set_reader r;
	uint32_t id, bits, tutoring;
	int rc;

	if (child_set_read(&r, set, len) < 0)
		return -1;
	while ((rc = child_set_next(&r, &id, &bits, &tutoring)) == 1) {
		uint32_t *slot = masks_at(m, id);

		if (!slot)
			return -1;
		*slot |= keep ? bits & keep : (bits ? 1 : 0);
	}
	return rc;
}

/* The children with a mask, as a set, and their number. */
static int masks_to_set(const struct masks *m, struct child_set *set, int64_t *children)
{
	size_t id;

	*children = 0;
	for (id = 0; id < m->size; id++) {
		if (!m->day[id])
			continue;
		if (child_set_add(set, (int64_t)id, m->day[id], 0) < 0)
			return -1;
		(*children)++;
	}
	return child_set_finish(set) ? 0 : -1;
}

/* Read the events of days a..b (of one month starting on `first`) into the
 * masks and the daily counts. */
static int events_read(struct db *db, const struct rolled *r, int64_t first, int64_t a, int64_t b, struct masks *m, int64_t events[31],
		       int64_t children[31])
{
	static const char *const sql[] = { EVENTS_SQL SCOPE_NATIONAL EVENTS_GROUP, EVENTS_SQL SCOPE_ORGANISATION EVENTS_GROUP,
					   EVENTS_SQL SCOPE_STRUCTURE EVENTS_GROUP };
	struct db_stmt *st;
	enum db_step step;

	if (r->kind > STATS_STRUCTURE)
		return -1;
	st = db_prepare(db, sql[r->kind]);
	if (!st)
		return -1;
	db_bind_int(st, 1, paris_day_start(a));
	db_bind_int(st, 2, paris_day_start(b + 1));
	db_bind_text(st, 3, r->feature);
	db_bind_text(st, 4, r->feature);
	db_bind_text(st, 5, r->action);
	db_bind_text(st, 6, r->action);
	db_bind_text(st, 7, r->level);
	db_bind_text(st, 8, r->level);
	db_bind_int(st, 9, r->group_id);
	db_bind_int(st, 10, r->group_id);
	db_bind_text(st, 11, r->subject);
	db_bind_text(st, 12, r->subject);
	db_bind_int(st, 13, r->scope_id);
	while ((step = db_step(st)) == DB_ROW) {
		int64_t day = paris_day(db_column_int(st, 1) * 3600);
		uint32_t bit, *slot;

		if (day < a || day > b)
			continue;
		slot = masks_at(m, db_column_int(st, 0));
		if (!slot) {
			step = DB_ERROR;
			break;
		}
		bit = (uint32_t)1 << (day - first);
		children[day - first] += !(*slot & bit);
		events[day - first] += db_column_int(st, 2);
		*slot |= bit;
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

/* Load the stored set of a month, without the days a..b, into the masks. */
static int month_set_read(struct db *db, int64_t indicator_id, int64_t month, uint32_t keep, struct masks *m)
{
	struct db_stmt *st = db_prepare(db, "SELECT members FROM partner_month WHERE indicator_id = ? AND month = ?");
	enum db_step step;
	int rc = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, indicator_id);
	db_bind_int(st, 2, month);
	step = db_step(st);
	if (step == DB_ROW) {
		size_t len;
		const void *set = db_column_blob(st, 0, &len);

		if (keep && masks_add_set(m, set, len, keep) < 0) {
			log_error("partner indicator %lld: set of month %lld is damaged", (long long)indicator_id, (long long)month);
			rc = -1;
		}
	} else if (step == DB_ERROR) {
		rc = -1;
	}
	db_reset(st);
	return rc;
}

/* Replace the row of one month (with its events) or school year, unless
 * it has no child and no event. */
static int period_write(struct db *db, bool month, int64_t indicator_id, int64_t period, int64_t events, const struct masks *m)
{
	int64_t key[2] = { indicator_id, period }, children;
	struct child_set set;
	struct db_stmt *st;
	enum db_step step;
	int n = 1;

	child_set_init(&set, 256u * 1024 * 1024);
	if (db_exec_ints(db, month ? "DELETE FROM partner_month WHERE indicator_id = ? AND month = ?"
				: "DELETE FROM partner_year WHERE indicator_id = ? AND year = ?", key, 2) < 0)
		return -1;
	if (masks_to_set(m, &set, &children) < 0) {
		child_set_release(&set);
		return -1;
	}
	if (children == 0 && events == 0) {
		child_set_release(&set);
		return 0;
	}
	st = db_prepare(db, month ? "INSERT INTO partner_month (indicator_id, month, events, children, members) VALUES (?, ?, ?, ?, ?)"
				  : "INSERT INTO partner_year (indicator_id, year, children, members) VALUES (?, ?, ?, ?)");
	if (!st) {
		child_set_release(&set);
		return -1;
	}
	db_bind_int(st, n++, indicator_id);
	db_bind_int(st, n++, period);
	if (month)
		db_bind_int(st, n++, events);
	db_bind_int(st, n++, children);
	db_bind_blob(st, n, set.data.data, set.data.len);
	step = db_step(st);
	db_reset(st);
	child_set_release(&set);
	return step == DB_ERROR ? -1 : 0;
}

/* Rebuild the school year starting in September of `year` from its months. */
static int year_write(struct db *db, int64_t indicator_id, int64_t year)
{
	struct db_stmt *st = db_prepare(db, "SELECT members FROM partner_month WHERE indicator_id = ? AND month BETWEEN ? AND ?");
	struct masks m = { 0 };
	enum db_step step;
	int rc = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, indicator_id);
	db_bind_int(st, 2, year * 12 + 8);
	db_bind_int(st, 3, year * 12 + 19);
	while ((step = db_step(st)) == DB_ROW) {
		size_t len;
		const void *set = db_column_blob(st, 0, &len);

		if (masks_add_set(&m, set, len, 0) < 0) {
			log_error("partner indicator %lld: a set of school year %lld is damaged", (long long)indicator_id, (long long)year);
			step = DB_ERROR;
			break;
		}
	}
	db_reset(st);
	if (step == DB_DONE && !m.failed)
		rc = period_write(db, false, indicator_id, year, 0, &m);
	free(m.day);
	return rc;
}

static int days_write(struct db *db, int64_t indicator_id, int64_t first, int64_t a, int64_t b, const int64_t events[31],
		      const int64_t children[31])
{
	int64_t range[3] = { indicator_id, a, b }, day;

	if (db_exec_ints(db, "DELETE FROM partner_day WHERE indicator_id = ? AND day BETWEEN ? AND ?", range, 3) < 0)
		return -1;
	for (day = a; day <= b; day++) {
		int64_t row[4] = { indicator_id, day, events[day - first], children[day - first] };

		if (row[2] && db_exec_ints(db, "INSERT INTO partner_day (indicator_id, day, events, children) VALUES (?, ?, ?, ?)", row, 4) < 0)
			return -1;
	}
	return 0;
}

/*
 * Roll up days a..b of `month` for one indicator: the days' rows, then
 * the month and its school year from the stored days and months. With
 * `backfill` other than BACKFILL_KEEP, the indicator's next month to fill
 * is set in the same transaction, unless another process has moved it on
 * since `r` was read: the month is then left to that process.
 */
static int month_roll(struct db *db, const struct rolled *r, int64_t month, int64_t a, int64_t b, int64_t backfill)
{
	int64_t first = month_first_day(month), last = month_first_day(month + 1) - 1;
	int64_t events[31] = { 0 }, children[31] = { 0 }, month_events, year = month % 12 >= 8 ? month / 12 : month / 12 - 1;
	int64_t sum_range[3] = { r->id, first, last }, next[2] = { backfill, r->id };
	uint32_t keep = 0;
	struct masks m = { 0 };
	int64_t day;
	int rc = -1;

	for (day = first; day <= last; day++)
		if (day < a || day > b)
			keep |= (uint32_t)1 << (day - first);
	/* Read outside the transaction: only the writes hold the write lock. */
	if (month_set_read(db, r->id, month, keep, &m) < 0 || events_read(db, r, first, a, b, &m, events, children) < 0 || m.failed)
		goto out;
	if (db_begin(db) < 0)
		goto out;
	/* Lock the indicator's row first: the server and `ardoise indicateurs`
	 * may roll the same month up at once, and would then both insert it. */
	if (db_exec_ints(db, "UPDATE partner_indicator SET backfill_month = backfill_month WHERE id = ?", &r->id, 1) < 0)
		goto rollback;
	if (backfill != BACKFILL_KEEP) {
		int64_t stored = db_query_int_params(db, "SELECT backfill_month FROM partner_indicator WHERE id = ?", &r->id, 1, -2);

		if (stored == -2)
			goto rollback;
		/* Without this check, a late writer would set a finished
		 * indicator back to this month. */
		if (stored != r->backfill_month) {
			db_rollback(db);
			rc = 0;
			goto out;
		}
	}
	if (days_write(db, r->id, first, a, b, events, children) < 0)
		goto rollback;
	month_events = db_query_int_params(db, "SELECT coalesce(sum(events), 0) FROM partner_day WHERE indicator_id = ? AND day BETWEEN ? AND ?",
					   sum_range, 3, -1);
	if (month_events < 0 || period_write(db, true, r->id, month, month_events, &m) < 0 || year_write(db, r->id, year) < 0)
		goto rollback;
	if (backfill != BACKFILL_KEEP && db_exec_ints(db, "UPDATE partner_indicator SET backfill_month = ? WHERE id = ?", next, 2) < 0)
		goto rollback;
	if (db_commit(db) < 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	db_rollback(db);
out:
	if (rc < 0)
		log_error("partner indicator %lld: rollup of month %lld failed error=\"%s\"", (long long)r->id, (long long)month, db_errmsg(db));
	free(m.day);
	return rc;
}

/* Read the computed indicators of `sql` (INDICATORS_SQL and a condition,
 * as a literal: statements are cached by address). Returns their number
 * (the array is malloc'd) or -1. */
static int indicators_read(struct db *db, const char *sql, struct rolled **out)
{
	struct db_stmt *st;
	struct rolled *list = NULL;
	enum db_step step;
	int n = 0, cap = 0;

	st = db_prepare(db, sql);
	if (!st)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		struct rolled *r;

		if (n == cap) {
			struct rolled *grown = realloc(list, (size_t)(cap = cap ? cap * 2 : 16) * sizeof(*list));

			if (!grown) {
				step = DB_ERROR;
				break;
			}
			list = grown;
		}
		r = &list[n++];
		memset(r, 0, sizeof(*r));
		r->id = db_column_int(st, 0);
		r->scope_id = db_column_int(st, 2);
		if (strcmp(db_column_text(st, 1), "structure") == 0)
			r->kind = STATS_STRUCTURE;
		else
			r->kind = strcmp(db_column_text(st, 3), "operateur") == 0 ? STATS_NATIONAL : STATS_ORGANISATION;
		snprintf(r->feature, sizeof(r->feature), "%s", db_column_text(st, 4));
		snprintf(r->action, sizeof(r->action), "%s", db_column_text(st, 5));
		snprintf(r->level, sizeof(r->level), "%s", db_column_text(st, 6));
		r->group_id = db_column_int(st, 7);
		snprintf(r->subject, sizeof(r->subject), "%s", db_column_text(st, 8));
		r->backfill_month = db_column_int(st, 9);
	}
	db_reset(st);
	if (step != DB_DONE) {
		free(list);
		return -1;
	}
	*out = list;
	return n;
}

int partner_rollup_days(struct db *db, int64_t from_day, int64_t to_day)
{
	struct rolled *list = NULL;
	int count = indicators_read(db, INDICATORS_SQL "p.backfill_month <> 0 ORDER BY p.id", &list), i, rc = 0;

	if (count < 0)
		return -1;
	for (i = 0; i < count && rc == 0; i++) {
		int64_t month;

		for (month = day_month(from_day); month <= day_month(to_day) && rc == 0; month++) {
			int64_t first = month_first_day(month), last = month_first_day(month + 1) - 1;

			/* A month still to fill is left to the backfill. */
			if (list[i].backfill_month != PARTNER_BACKFILL_DONE && month >= list[i].backfill_month)
				break;
			rc = month_roll(db, &list[i], month, from_day > first ? from_day : first, to_day < last ? to_day : last, BACKFILL_KEEP);
		}
	}
	free(list);
	return rc;
}

int partner_backfill_step(struct db *db, int64_t now)
{
	struct rolled *list = NULL;
	int count = indicators_read(db, INDICATORS_SQL "p.backfill_month <> -1 ORDER BY p.id LIMIT 1", &list), rc;
	int64_t current = day_month(paris_day(now)), month;

	if (count <= 0)
		return count;
	month = list[0].backfill_month;
	if (month == 0) {
		int64_t first_at = db_query_int(db, "SELECT coalesce(min(at), -1) FROM usage_event", -2);

		if (first_at == -2) {
			free(list);
			return -1;
		}
		month = first_at == -1 ? current : day_month(paris_day(first_at));
	}
	if (month > current)
		month = current;
	rc = month_roll(db, &list[0], month, month_first_day(month), month_first_day(month + 1) - 1,
			month >= current ? PARTNER_BACKFILL_DONE : month + 1);
	free(list);
	return rc < 0 ? -1 : 1;
}
