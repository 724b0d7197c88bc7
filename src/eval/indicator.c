/* Standard indicators read from the rollups. */
#include "eval/indicator.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "eval/child_set.h"
#include "eval/paris_time.h"

/* Each query exists once per scope kind, in the order of enum
 * stats_scope_kind, and every filter takes exactly one parameter. */
#define F_NATIONAL "? >= 0"
#define F_ORGANISATION "structure_id IN (SELECT s.id FROM structure s WHERE s.financeur_id IN (" \
	"WITH RECURSIVE t(id) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT o.id FROM organisation o JOIN t ON o.parent_id = t.id) " \
	"SELECT id FROM t))"
#define F_STRUCTURE "structure_id = ?"
#define F_GROUP "account_id IN (SELECT account_id FROM group_member WHERE group_id = ?)"
#define BY_SCOPE(head, tail) { head F_NATIONAL tail, head F_ORGANISATION tail, head F_STRUCTURE tail, head F_GROUP tail }

/* The levels read by a distinct count of children: whole school years,
 * whole months, and the MASK_SLOTS months cut by the period (one at each
 * end, or two in a row when the period contains no whole month), read
 * through their masks of active days; a slot left empty matches no month. */
#define FROM_YEARS(columns) "SELECT " columns " FROM usage_child_year WHERE year BETWEEN ? AND ? AND "
#define FROM_MONTHS(columns) " UNION ALL SELECT " columns " FROM usage_child_month WHERE (month BETWEEN ? AND ? OR month BETWEEN ? AND ?) AND "
#define FROM_SLOT(columns) " UNION ALL SELECT " columns " FROM usage_child_month WHERE month = ? AND (active_days & ?) <> 0 AND "
#define DISTINCT_SQL(f, head, columns, slot, tail) head FROM_YEARS(columns) f FROM_MONTHS(columns) f \
	FROM_SLOT(slot) f FROM_SLOT(slot) f tail
/* The same levels read as sets of children (eval/child_set.h), for
 * SET_PERIODS periods in one pass. Each row gives a structure, 1 for a
 * school year's set or 0 for a month's, the year or month, and the set.
 * distinct_mask() then gives the days each period keeps of it. */
#define SET_PERIODS DISTINCT_PERIODS
#define SET_YEARS "SELECT structure_id, 1, year, children FROM usage_structure_year WHERE " DISTINCT_YEARS_SQL " AND "
#define SET_MONTHS " UNION ALL SELECT structure_id, 0, month, children FROM usage_structure_month WHERE " DISTINCT_MONTHS_SQL " AND "
#define SETS_SQL(f, tail) SET_YEARS f SET_MONTHS f tail
#define BY_SCOPE_SETS(tail) { SETS_SQL(F_NATIONAL, tail), SETS_SQL(F_ORGANISATION, tail), SETS_SQL(F_STRUCTURE, tail), NULL }
#define ALL_DAYS 0xffffffffu
#define SUMS "coalesce(sum(connections), 0), coalesce(sum(seconds), 0), coalesce(sum(pages), 0), coalesce(sum(activities_started), 0), " \
	"coalesce(sum(activities_done), 0), coalesce(sum(activities_passed), 0), coalesce(sum(resources), 0), coalesce(sum(tutoring), 0)"
#define SUM_COLUMNS "structure_id, connections, seconds, pages, activities_started, activities_done, activities_passed, resources, tutoring"
#define LONG_PERIOD_DAYS 62
/* The national and organisation scopes read their days summed per
 * organisation (org_id 0 for national) by the rollup. */
#define SCOPE_DAYS "day BETWEEN ? AND ? AND org_id = ?"
#define UNION_OF(head, middle, tail) head F_STRUCTURE middle F_STRUCTURE tail

/* The registered children. A structure or a group counts its accounts
 * (a whole query). An organisation or the whole country adds up the
 * hours of creation and deactivation counted by the rollup (the end of a
 * query, after SELECT and any grouping column). */
#define REGISTERED_LIVE(f, tail) "SELECT count(*) FROM (SELECT id AS account_id, structure_id FROM account WHERE role = 'eleve' " \
	"AND created_at < ? AND (active = 1 OR deactivated_at >= ?)) a WHERE " f tail
#define REGISTERED_ROLLED(f, tail) "coalesce(sum(CASE WHEN kind = 0 THEN children ELSE -children END), 0) FROM usage_registered " \
	"WHERE (kind = 0 AND hour < ? OR kind = 1 AND hour < ?) AND " f tail

/* Full months inside the period and the days left at both ends. */
struct period_parts {
	int64_t month_from, month_to; /* empty when month_from > month_to */
	int64_t head_from, head_to, tail_from, tail_to;
};

static void period_split(int64_t from_day, int64_t to_day, struct period_parts *p)
{
	int64_t first = day_month(from_day), last = day_month(to_day);

	if (month_first_day(first) != from_day)
		first++;
	if (month_first_day(last + 1) - 1 != to_day)
		last--;
	p->month_from = first;
	p->month_to = last;
	if (first > last) {
		p->head_from = from_day;
		p->head_to = to_day;
		p->tail_from = 1;
		p->tail_to = 0;
		return;
	}
	p->head_from = from_day;
	p->head_to = month_first_day(first) - 1;
	p->tail_from = month_first_day(last + 1);
	p->tail_to = to_day;
}

static int64_t school_year_of(int64_t day)
{
	int64_t month = day_month(day);

	return month % 12 >= 8 ? month / 12 : month / 12 - 1;
}

/* The one range of days of a side of the school years: a side ends or
 * starts on a month boundary, so either its head or its tail is empty. */
static void side_days(const struct period_parts *side, int64_t out[2])
{
	bool head = side->head_from <= side->head_to;

	out[0] = head ? side->head_from : side->tail_from;
	out[1] = head ? side->head_to : side->tail_to;
}

/* Add the months of days from..to as masked slots. */
static void slots_add(struct distinct_parts *d, int64_t from, int64_t to)
{
	while (from <= to) {
		int64_t month = day_month(from), first = month_first_day(month), end = month_first_day(month + 1) - 1;
		int64_t last = to < end ? to : end, mask = 0, day;

		for (day = from; day <= last; day++)
			mask |= (int64_t)1 << (day - first);
		assert(d->slots < MASK_SLOTS);
		d->slot_month[d->slots] = month;
		d->slot_mask[d->slots++] = mask;
		from = last + 1;
	}
}

void distinct_split(int64_t from_day, int64_t to_day, struct distinct_parts *d)
{
	static const struct period_parts empty = { 1, 0, 1, 0, 1, 0 };
	int64_t first = school_year_of(from_day), last = school_year_of(to_day), years_start, years_end, days[2][2];
	struct period_parts left = empty, right = empty;
	int i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < MASK_SLOTS; i++)
		d->slot_month[i] = -1;
	if (day_from_date((int)first, 9, 1) != from_day)
		first++;
	if (day_from_date((int)last + 1, 8, 31) != to_day)
		last--;
	if (first > last) {
		/* No whole school year: the months and the days at both ends. */
		period_split(from_day, to_day, &left);
		d->year_from = 1;
		d->year_to = 0;
		d->months[0][0] = left.month_from;
		d->months[0][1] = left.month_to;
		d->months[1][0] = 1;
		d->months[1][1] = 0;
		slots_add(d, left.head_from, left.head_to);
		slots_add(d, left.tail_from, left.tail_to);
		return;
	}
	years_start = day_from_date((int)first, 9, 1);
	years_end = day_from_date((int)last + 1, 8, 31);
	d->year_from = first;
	d->year_to = last;
	if (from_day < years_start)
		period_split(from_day, years_start - 1, &left);
	if (to_day > years_end)
		period_split(years_end + 1, to_day, &right);
	d->months[0][0] = left.month_from;
	d->months[0][1] = left.month_to;
	d->months[1][0] = right.month_from;
	d->months[1][1] = right.month_to;
	side_days(&left, days[0]);
	side_days(&right, days[1]);
	slots_add(d, days[0][0], days[0][1]);
	slots_add(d, days[1][0], days[1][1]);
}

/* Bind (years, scope, months, scope, then per slot mask, month, mask,
 * scope) of a group's distinct count. */
static void bind_distinct(struct db_stmt *st, const struct distinct_parts *d, const struct stats_scope *scope)
{
	int n = 1, i;

	db_bind_int(st, n++, d->year_from);
	db_bind_int(st, n++, d->year_to);
	db_bind_int(st, n++, scope->id);
	for (i = 0; i < 4; i++)
		db_bind_int(st, n++, d->months[i / 2][i % 2]);
	db_bind_int(st, n++, scope->id);
	for (i = 0; i < MASK_SLOTS; i++) {
		db_bind_int(st, n++, d->slot_mask[i]);
		db_bind_int(st, n++, d->slot_month[i]);
		db_bind_int(st, n++, d->slot_mask[i]);
		db_bind_int(st, n++, scope->id);
	}
}

void distinct_none(struct distinct_parts *d)
{
	int i;

	memset(d, 0, sizeof(*d));
	d->year_from = d->months[0][0] = d->months[1][0] = 1;
	for (i = 0; i < MASK_SLOTS; i++)
		d->slot_month[i] = -1;
}

uint32_t distinct_mask(const struct distinct_parts *d, bool year, int64_t key)
{
	uint32_t mask = 0;
	int i;

	if (year)
		return key >= d->year_from && key <= d->year_to ? ALL_DAYS : 0;
	for (i = 0; i < 2; i++)
		if (key >= d->months[i][0] && key <= d->months[i][1])
			return ALL_DAYS;
	for (i = 0; i < MASK_SLOTS; i++)
		if (d->slot_month[i] == key)
			mask |= (uint32_t)d->slot_mask[i];
	return mask;
}

int distinct_add(struct child_count count[DISTINCT_PERIODS], const struct distinct_parts d[DISTINCT_PERIODS], bool year, int64_t key,
		 const void *set, size_t len)
{
	int k;

	for (k = 0; k < DISTINCT_PERIODS; k++) {
		uint32_t mask = distinct_mask(&d[k], year, key);

		if (mask && child_count_add(&count[k], set, len, mask) < 0)
			return -1;
	}
	return 0;
}

int distinct_bind_years(struct db_stmt *st, int n, const struct distinct_parts d[DISTINCT_PERIODS])
{
	int k;

	for (k = 0; k < DISTINCT_PERIODS; k++) {
		db_bind_int(st, n++, d[k].year_from);
		db_bind_int(st, n++, d[k].year_to);
	}
	return n;
}

int distinct_bind_months(struct db_stmt *st, int n, const struct distinct_parts d[DISTINCT_PERIODS])
{
	int k, i;

	for (k = 0; k < DISTINCT_PERIODS; k++)
		for (i = 0; i < 4; i++)
			db_bind_int(st, n++, d[k].months[i / 2][i % 2]);
	for (k = 0; k < DISTINCT_PERIODS; k++)
		for (i = 0; i < MASK_SLOTS; i++)
			db_bind_int(st, n++, d[k].slot_month[i]);
	return n;
}

/* Bind (years, scope, months, scope) of a SETS_SQL query. */
static void bind_sets(struct db_stmt *st, const struct distinct_parts *d, const struct stats_scope *scope)
{
	int n = distinct_bind_years(st, 1, d);

	db_bind_int(st, n++, scope->id);
	n = distinct_bind_months(st, n, d);
	db_bind_int(st, n, scope->id);
}

/* A structure id and the position of its line. */
struct part_key {
	int64_t structure_id;
	int index;
};

/* The structures' lines, and their keys ordered by structure id for
 * part_find(). */
struct part_table {
	struct stats_part *parts;
	int count;
	struct part_key *by_id;
};

static struct stats_part *part_find(const struct part_table *table, int64_t structure_id);
static bool scope_rolled(const struct stats_scope *scope);

/*
 * The distinct counts of an organisation or the whole country when the
 * period is exactly one school year or one month: the rollup counted
 * them. Returns 1 when read, 0 for another period (count from the sets),
 * -1 on error.
 */
static int stored_count(struct db *db, const struct stats_scope *scope, const struct distinct_parts *d, struct stats_figures *out)
{
	bool no_months = d->months[0][0] > d->months[0][1] && d->months[1][0] > d->months[1][1];
	bool one_year = d->year_from == d->year_to && no_months;
	bool one_month = d->year_from > d->year_to && d->months[0][0] == d->months[0][1] && d->months[1][0] > d->months[1][1];
	struct db_stmt *st;
	enum db_step step;

	if (d->slots || (!one_year && !one_month))
		return 0;
	st = db_prepare(db, one_year ? "SELECT active, tutoring_children FROM usage_scope_year WHERE year = ? AND org_id = ?"
				     : "SELECT active, tutoring_children FROM usage_scope_month WHERE month = ? AND org_id = ?");
	if (!st)
		return -1;
	db_bind_int(st, 1, one_year ? d->year_from : d->months[0][0]);
	db_bind_int(st, 2, scope->kind == STATS_NATIONAL ? 0 : scope->id);
	step = db_step(st);
	out->active = step == DB_ROW ? db_column_int(st, 0) : 0;
	out->tutoring_children = step == DB_ROW ? db_column_int(st, 1) : 0;
	db_reset(st);
	return step == DB_ERROR ? -1 : 1;
}

/*
 * Count the distinct active children and tutoring users of a national,
 * organisation or structure scope from the sets, for the SET_PERIODS
 * periods `days` in one pass. out[k] receives period k's counts, and a
 * NULL out[k] skips that period. With `parts`, also count the active
 * children of each structure in the first period. The rows then come
 * ordered by structure, and each structure's sets make one group.
 */
static int sets_count(struct db *db, const struct stats_scope *scope, const int64_t days[SET_PERIODS][2],
		      struct stats_figures *const out[SET_PERIODS], const struct part_table *parts)
{
	static const char *const total_sql[] = BY_SCOPE_SETS("");
	static const char *const parts_sql[] = BY_SCOPE_SETS(" ORDER BY 1");
	struct db_stmt *st = db_prepare(db, parts ? parts_sql[scope->kind] : total_sql[scope->kind]);
	struct stats_part *part = NULL;
	struct child_count count[SET_PERIODS];
	struct distinct_parts d[SET_PERIODS];
	enum db_step step;
	int64_t structure_id = 0;
	bool null_structure = false, first = true, counted[SET_PERIODS] = { false }, any = false;
	int rc = -1, k;

	if (!st)
		return -1;
	for (k = 0; k < SET_PERIODS; k++) {
		bool with_parts = k == 0 && parts;
		int stored = 0;

		distinct_none(&d[k]);
		if (!out[k] && !with_parts)
			continue;
		distinct_split(days[k][0], days[k][1], &d[k]);
		if (!with_parts && scope_rolled(scope))
			stored = stored_count(db, scope, &d[k], out[k]);
		if (stored < 0)
			return -1;
		if (stored > 0)
			distinct_none(&d[k]);
		else
			any = counted[k] = true;
	}
	if (!any)
		return 0;
	for (k = 0; k < SET_PERIODS; k++)
		child_count_init(&count[k]);
	bind_sets(st, d, scope);
	while ((step = db_step(st)) == DB_ROW) {
		size_t len;
		const void *set = db_column_blob(st, 3, &len);
		bool year = db_column_int(st, 1) != 0;
		int64_t key = db_column_int(st, 2);

		if (parts && (first || db_column_is_null(st, 0) != null_structure || db_column_int(st, 0) != structure_id)) {
			if (part)
				part->figures.active = count[0].group_children;
			first = false;
			null_structure = db_column_is_null(st, 0);
			structure_id = db_column_int(st, 0);
			part = null_structure ? NULL : part_find(parts, structure_id);
			child_count_group(&count[0]);
		}
		if (distinct_add(count, d, year, key, set, len) < 0) {
			log_error("usage set of structure %lld is damaged", (long long)db_column_int(st, 0));
			step = DB_ERROR;
			break;
		}
	}
	db_reset(st);
	if (part)
		part->figures.active = count[0].group_children;
	if (step == DB_DONE && !count[0].failed && !count[1].failed) {
		for (k = 0; k < SET_PERIODS; k++)
			if (out[k] && counted[k]) {
				out[k]->active = count[k].children;
				out[k]->tutoring_children = count[k].tutoring_children;
			}
		rc = 0;
	}
	for (k = 0; k < SET_PERIODS; k++)
		child_count_release(&count[k]);
	return rc;
}

static bool scope_rolled(const struct stats_scope *scope)
{
	return scope->kind == STATS_NATIONAL || scope->kind == STATS_ORGANISATION;
}

/* Bind (days, organisation) of a SCOPE_DAYS query. */
static void bind_scope_days(struct db_stmt *st, int64_t from_day, int64_t to_day, const struct stats_scope *scope)
{
	db_bind_int(st, 1, from_day);
	db_bind_int(st, 2, to_day);
	db_bind_int(st, 3, scope->kind == STATS_NATIONAL ? 0 : scope->id);
}

/* Bind (month range, scope, head days, tail days, scope) of a union query. */
static void bind_union(struct db_stmt *st, const struct period_parts *p, const struct stats_scope *scope)
{
	db_bind_int(st, 1, p->month_from);
	db_bind_int(st, 2, p->month_to);
	db_bind_int(st, 3, scope->id);
	db_bind_int(st, 4, p->head_from);
	db_bind_int(st, 5, p->head_to);
	db_bind_int(st, 6, p->tail_from);
	db_bind_int(st, 7, p->tail_to);
	db_bind_int(st, 8, scope->id);
}

/* The sums of a scope. An organisation reads its days. A structure reads
 * its whole months, and the days at both ends. A group reads its
 * children's days. */
static int sums_read(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day, struct stats_figures *out)
{
	static const char *const sql[] = {
		"SELECT " SUMS " FROM usage_scope_day WHERE " SCOPE_DAYS,
		"SELECT " SUMS " FROM usage_scope_day WHERE " SCOPE_DAYS,
		UNION_OF("SELECT " SUMS " FROM (SELECT " SUM_COLUMNS " FROM usage_structure_month WHERE month BETWEEN ? AND ? AND ",
			 " UNION ALL SELECT " SUM_COLUMNS " FROM usage_structure_day WHERE (day BETWEEN ? AND ? OR day BETWEEN ? AND ?) AND ",
			 ") x"),
		"SELECT " SUMS " FROM usage_child_day WHERE day BETWEEN ? AND ? AND " F_GROUP,
	};
	struct db_stmt *st = db_prepare(db, sql[scope->kind]);
	struct period_parts p;
	int rc = -1;

	if (!st)
		return -1;
	if (scope->kind != STATS_STRUCTURE) {
		bind_scope_days(st, from_day, to_day, scope);
	} else {
		period_split(from_day, to_day, &p);
		bind_union(st, &p, scope);
	}
	if (db_step(st) == DB_ROW) {
		out->connections = db_column_int(st, 0);
		out->seconds = db_column_int(st, 1);
		out->pages = db_column_int(st, 2);
		out->started = db_column_int(st, 3);
		out->done = db_column_int(st, 4);
		out->passed = db_column_int(st, 5);
		out->resources = db_column_int(st, 6);
		out->tutoring = db_column_int(st, 7);
		rc = 0;
	}
	db_reset(st);
	return rc;
}

/* Bind (end, start, scope) of a registered count: the accounts created
 * before the end of the period and not deactivated before its start. The
 * rolled-up scopes read the hours of usage_registered (migration 026). */
static void bind_registered(struct db_stmt *st, const struct stats_scope *scope, int64_t from_day, int64_t to_day)
{
	int64_t end = paris_day_start(to_day + 1), start = paris_day_start(from_day);

	db_bind_int(st, 1, scope_rolled(scope) ? end / 3600 : end);
	db_bind_int(st, 2, scope_rolled(scope) ? start / 3600 : start);
	db_bind_int(st, 3, scope->id);
}

static int64_t registered_count(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day)
{
	static const char *const sql[] = {
		"SELECT " REGISTERED_ROLLED(F_NATIONAL, ""),
		"SELECT " REGISTERED_ROLLED(F_ORGANISATION, ""),
		REGISTERED_LIVE(F_STRUCTURE, ""),
		REGISTERED_LIVE(F_GROUP, ""),
	};
	struct db_stmt *st = db_prepare(db, sql[scope->kind]);
	int64_t n = -1;

	if (!st)
		return -1;
	bind_registered(st, scope, from_day, to_day);
	if (db_step(st) == DB_ROW)
		n = db_column_int(st, 0);
	db_reset(st);
	return n;
}

/* Median in whole minutes from the duration histogram, -1 without data. */
static int64_t median_minutes(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			      const struct period_parts *p)
{
	static const char *const rolled_sql = "SELECT minutes, sum(connections) FROM usage_scope_duration_day WHERE " SCOPE_DAYS
					      " GROUP BY minutes ORDER BY minutes";
	static const char *const structure_sql = UNION_OF(
		"SELECT minutes, sum(connections) FROM (SELECT minutes, connections FROM usage_duration_month WHERE month BETWEEN ? AND ? AND ",
		" UNION ALL SELECT minutes, connections FROM usage_duration_day WHERE (day BETWEEN ? AND ? OR day BETWEEN ? AND ?) AND ",
		") x GROUP BY minutes ORDER BY minutes");
	struct db_stmt *st;
	int64_t total = 0, seen = 0, median = -1, minutes[2048], counts[2048];
	size_t n = 0, i;

	if (scope->kind == STATS_GROUP)
		return -1;
	st = db_prepare(db, scope_rolled(scope) ? rolled_sql : structure_sql);
	if (!st)
		return -1;
	if (scope_rolled(scope))
		bind_scope_days(st, from_day, to_day, scope);
	else
		bind_union(st, p, scope);
	while (db_step(st) == DB_ROW && n < sizeof(minutes) / sizeof(minutes[0])) {
		minutes[n] = db_column_int(st, 0);
		counts[n] = db_column_int(st, 1);
		total += counts[n++];
	}
	db_reset(st);
	/* NOTE: durations past the 2048th distinct minute value (34 hours)
	 * are left out, which the connection rules make practically absent.
	 * The lower median: the duration of connection number ceil(total / 2). */
	for (i = 0; i < n && median < 0; i++) {
		seen += counts[i];
		if (2 * seen >= total)
			median = minutes[i];
	}
	return median;
}

/* Active children and those who used tutoring, in one pass: from the sets
 * for a structure and above, from the children's rows for a group. */
static int active_counts(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day, struct stats_figures *out)
{
	static const char *const group_sql = DISTINCT_SQL(F_GROUP,
		"SELECT count(*), coalesce(sum(used), 0) FROM (SELECT account_id, CASE WHEN max(tutoring) > 0 THEN 1 ELSE 0 END AS used FROM (",
		"account_id, tutoring", "account_id, tutoring_days & ?", ") x GROUP BY account_id) y");
	struct distinct_parts d;
	struct db_stmt *st;
	int rc = -1;

	if (scope->kind != STATS_GROUP) {
		const int64_t days[SET_PERIODS][2] = { { from_day, to_day }, { 1, 0 } };
		struct stats_figures *const outs[SET_PERIODS] = { out, NULL };

		return sets_count(db, scope, days, outs, NULL);
	}
	st = db_prepare(db, group_sql);
	if (!st)
		return -1;
	distinct_split(from_day, to_day, &d);
	bind_distinct(st, &d, scope);
	if (db_step(st) == DB_ROW) {
		out->active = db_column_int(st, 0);
		out->tutoring_children = db_column_int(st, 1);
		rc = 0;
	}
	db_reset(st);
	return rc;
}

/* The figures of a scope, with the distinct children unless `distinct` is
 * false (the caller then counts them with the structures' lines). */
static int figures_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day, struct stats_figures *out,
			   bool distinct)
{
	struct period_parts p;

	memset(out, 0, sizeof(*out));
	period_split(from_day, to_day, &p);
	if (sums_read(db, scope, from_day, to_day, out) < 0 || (distinct && active_counts(db, scope, from_day, to_day, out) < 0))
		return -1;
	out->registered = registered_count(db, scope, from_day, to_day);
	out->median_minutes = median_minutes(db, scope, from_day, to_day, &p);
	return out->registered < 0 ? -1 : 0;
}

int stats_figures_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			  struct stats_figures *out)
{
	return figures_compute(db, scope, from_day, to_day, out, true);
}

int stats_features_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			   struct stats_feature *out, size_t max)
{
	static const char *const rolled_sql = "SELECT feature, sum(events) FROM usage_scope_feature_day WHERE " SCOPE_DAYS
					      " GROUP BY feature ORDER BY 2 DESC, 1";
	static const char *const structure_sql = UNION_OF(
		"SELECT feature, sum(events) FROM (SELECT feature, events FROM usage_feature_month WHERE month BETWEEN ? AND ? AND ",
		" UNION ALL SELECT feature, events FROM usage_feature_day WHERE (day BETWEEN ? AND ? OR day BETWEEN ? AND ?) AND ",
		") x GROUP BY feature ORDER BY 2 DESC, 1");
	struct period_parts p;
	struct db_stmt *st;
	enum db_step step;
	size_t n = 0;

	if (scope->kind == STATS_GROUP)
		return 0;
	period_split(from_day, to_day, &p);
	st = db_prepare(db, scope_rolled(scope) ? rolled_sql : structure_sql);
	if (!st)
		return -1;
	if (scope_rolled(scope))
		bind_scope_days(st, from_day, to_day, scope);
	else
		bind_union(st, &p, scope);
	while ((step = db_step(st)) == DB_ROW && n < max) {
		snprintf(out[n].feature, sizeof(out[n].feature), "%s", db_column_text(st, 0));
		out[n++].events = db_column_int(st, 1);
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : (int)n;
}

/* The monthly trend of an organisation or the whole country, counted by
 * the rollup. */
static int monthly_series_stored(struct db *db, const struct stats_scope *scope, int64_t from_month, int64_t to_month,
				 struct stats_point *out, size_t max)
{
	struct db_stmt *st = db_prepare(db, "SELECT month, active, connections, seconds FROM usage_scope_month "
					    "WHERE month BETWEEN ? AND ? AND org_id = ? ORDER BY month");
	enum db_step step = DB_DONE;
	size_t n = 0;

	if (!st)
		return -1;
	bind_scope_days(st, from_month, to_month, scope);
	while (n < max && (step = db_step(st)) == DB_ROW) {
		out[n].key = db_column_int(st, 0);
		out[n].active = db_column_int(st, 1);
		out[n].connections = db_column_int(st, 2);
		out[n++].seconds = db_column_int(st, 3);
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : (int)n;
}

/* The monthly trend of a structure from its sets. */
static int monthly_series(struct db *db, const struct stats_scope *scope, int64_t from_month, int64_t to_month,
			  struct stats_point *out, size_t max)
{
	static const char *const sql = "SELECT month, connections, seconds, children FROM usage_structure_month "
				       "WHERE month BETWEEN ? AND ? AND " F_STRUCTURE " ORDER BY month";
	struct db_stmt *st;
	struct child_count count;
	struct stats_point *point = NULL;
	enum db_step step;
	size_t n = 0;

	if (scope_rolled(scope))
		return monthly_series_stored(db, scope, from_month, to_month, out, max);
	st = db_prepare(db, sql);
	if (!st)
		return -1;
	child_count_init(&count);
	db_bind_int(st, 1, from_month);
	db_bind_int(st, 2, to_month);
	db_bind_int(st, 3, scope->id);
	while ((step = db_step(st)) == DB_ROW) {
		int64_t month = db_column_int(st, 0);
		const void *set;
		size_t len;

		if (!point || point->key != month) {
			if (point)
				point->active = count.children;
			if (n == max)
				break;
			point = &out[n++];
			memset(point, 0, sizeof(*point));
			point->key = month;
			child_count_clear(&count);
		}
		point->connections += db_column_int(st, 1);
		point->seconds += db_column_int(st, 2);
		set = db_column_blob(st, 3, &len);
		if (child_count_add(&count, set, len, ALL_DAYS) < 0) {
			step = DB_ERROR;
			break;
		}
	}
	db_reset(st);
	if (point)
		point->active = count.children;
	if (count.failed)
		step = DB_ERROR;
	child_count_release(&count);
	return step == DB_ERROR ? -1 : (int)n;
}

int stats_series_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			 struct stats_point *out, size_t max, bool *monthly)
{
	static const char *const daily[] = {
		"SELECT day, active, connections, seconds FROM usage_scope_day WHERE " SCOPE_DAYS " ORDER BY day",
		"SELECT day, active, connections, seconds FROM usage_scope_day WHERE " SCOPE_DAYS " ORDER BY day",
		"SELECT day, active, connections, seconds FROM usage_structure_day WHERE day BETWEEN ? AND ? AND " F_STRUCTURE " ORDER BY day",
		"SELECT day, count(*), sum(connections), sum(seconds) FROM usage_child_day WHERE day BETWEEN ? AND ? AND " F_GROUP
		" GROUP BY day ORDER BY day",
	};
	static const char *const by_month_group = "SELECT month, count(DISTINCT account_id), sum(connections), sum(seconds) FROM usage_child_month "
						  "WHERE month BETWEEN ? AND ? AND " F_GROUP " GROUP BY month ORDER BY month";
	struct db_stmt *st;
	enum db_step step;
	size_t n = 0;

	*monthly = to_day - from_day + 1 > LONG_PERIOD_DAYS;
	if (*monthly && scope->kind != STATS_GROUP)
		return monthly_series(db, scope, day_month(from_day), day_month(to_day), out, max);
	if (*monthly)
		st = db_prepare(db, by_month_group);
	else
		st = db_prepare(db, daily[scope->kind]);
	if (!st)
		return -1;
	if (*monthly)
		bind_scope_days(st, day_month(from_day), day_month(to_day), scope);
	else
		bind_scope_days(st, from_day, to_day, scope);
	while ((step = db_step(st)) == DB_ROW && n < max) {
		out[n].key = db_column_int(st, 0);
		out[n].active = db_column_int(st, 1);
		out[n].connections = db_column_int(st, 2);
		out[n++].seconds = db_column_int(st, 3);
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : (int)n;
}

static struct stats_part *part_find(const struct part_table *table, int64_t structure_id)
{
	int low = 0, high = table->count;

	while (low < high) {
		int middle = low + (high - low) / 2;
		int64_t id = table->by_id[middle].structure_id;

		if (id == structure_id)
			return &table->parts[table->by_id[middle].index];
		if (id < structure_id)
			low = middle + 1;
		else
			high = middle;
	}
	return NULL;
}

static int by_structure_id(const void *a, const void *b)
{
	int64_t x = ((const struct part_key *)a)->structure_id, y = ((const struct part_key *)b)->structure_id;

	return (x > y) - (x < y);
}

static int parts_list(struct db *db, const struct stats_scope *scope, struct stats_part **parts)
{
	static const char *const sql[] = BY_SCOPE("SELECT structure_id, name FROM (SELECT id AS structure_id, name FROM structure) s WHERE ",
						  " ORDER BY name, structure_id");
	struct db_stmt *st = db_prepare(db, sql[scope->kind]);
	size_t n = 0, cap = 0;
	enum db_step step;

	*parts = NULL;
	if (!st)
		return -1;
	db_bind_int(st, 1, scope->id);
	while ((step = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct stats_part *grown = realloc(*parts, (cap ? cap * 2 : 64) * sizeof(**parts));

			if (!grown) {
				step = DB_ERROR;
				break;
			}
			*parts = grown;
			cap = cap ? cap * 2 : 64;
		}
		memset(&(*parts)[n], 0, sizeof(**parts));
		(*parts)[n].structure_id = db_column_int(st, 0);
		(*parts)[n].figures.median_minutes = -1;
		snprintf((*parts)[n].name, sizeof((*parts)[n].name), "%s", db_column_text(st, 1));
		n++;
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : (int)n;
}

/* The rows that sum a period for the structures' lines: whole months, and
 * for each month the period cuts, either its days inside the period or,
 * when fewer days fall outside, the whole month minus those days. */
struct sum_parts {
	int64_t months[2];       /* whole months, empty when months[0] > months[1] */
	int64_t cut_months[2];   /* -1 when unused */
	int64_t added[2][2];     /* ranges of days to add, empty when from > to */
	int64_t removed[2][2];   /* ranges of days to take away */
	int cut_count, added_count, removed_count;
};

/* Add the range of days from..to to the parts that take it away. */
static void sum_remove(struct sum_parts *sp, int64_t from, int64_t to)
{
	assert(sp->removed_count < 2);
	sp->removed[sp->removed_count][0] = from;
	sp->removed[sp->removed_count++][1] = to;
}

/* Add days a..b of one month to the parts. */
static void sum_piece(struct sum_parts *sp, int64_t a, int64_t b)
{
	int64_t month = day_month(a), first = month_first_day(month), last = month_first_day(month + 1) - 1;
	int64_t inside = b - a + 1, outside = last - first + 1 - inside;

	if (inside > outside) {
		assert(sp->cut_count < 2);
		sp->cut_months[sp->cut_count++] = month;
		if (a > first)
			sum_remove(sp, first, a - 1);
		if (b < last)
			sum_remove(sp, b + 1, last);
		return;
	}
	assert(sp->added_count < 2);
	sp->added[sp->added_count][0] = a;
	sp->added[sp->added_count++][1] = b;
}

/* Split days from..to into sum parts. The period cuts at most two
 * months: the months before and after its whole months, or its first and
 * last month when it has none. A piece that takes away days on both sides
 * is the only piece, so two ranges of each kind suffice. */
static void sums_split(int64_t from_day, int64_t to_day, struct sum_parts *sp)
{
	struct period_parts p;
	int i;

	memset(sp, 0, sizeof(*sp));
	for (i = 0; i < 2; i++) {
		sp->cut_months[i] = -1;
		sp->added[i][0] = sp->removed[i][0] = 1;
		sp->added[i][1] = sp->removed[i][1] = 0;
	}
	period_split(from_day, to_day, &p);
	sp->months[0] = p.month_from;
	sp->months[1] = p.month_to;
	if (p.month_from > p.month_to) {
		int64_t end = month_first_day(day_month(from_day) + 1) - 1;

		sum_piece(sp, from_day, to_day < end ? to_day : end);
		if (to_day > end)
			sum_piece(sp, end + 1, to_day);
		return;
	}
	if (p.head_from <= p.head_to)
		sum_piece(sp, p.head_from, p.head_to);
	if (p.tail_from <= p.tail_to)
		sum_piece(sp, p.tail_from, p.tail_to);
}

/* The sums shown on the structures' lines. The casts keep PostgreSQL's
 * sums in integers: a sum of BIGINT values would be a slower NUMERIC. */
#define LINE_COLUMNS(sign) "structure_id, " sign "CAST(connections AS INTEGER) AS c, " sign "CAST(activities_done AS INTEGER) AS d, " \
	sign "CAST(activities_passed AS INTEGER) AS p"
#define LINE_SUMS(f) "SELECT structure_id, sum(c), sum(d), sum(p) FROM (SELECT " LINE_COLUMNS("") " FROM usage_structure_month " \
	"WHERE (month BETWEEN ? AND ? OR month IN (?, ?)) AND " f " UNION ALL SELECT " LINE_COLUMNS("") " FROM usage_structure_day " \
	"WHERE (day BETWEEN ? AND ? OR day BETWEEN ? AND ?) AND " f " UNION ALL SELECT " LINE_COLUMNS("-") " FROM usage_structure_day " \
	"WHERE (day BETWEEN ? AND ? OR day BETWEEN ? AND ?) AND " f ") x GROUP BY structure_id"

/* Fill the connections and activities of each structure's line. */
static int parts_sums(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
		      const struct part_table *parts)
{
	static const char *const sql[] = { LINE_SUMS(F_NATIONAL), LINE_SUMS(F_ORGANISATION) };
	struct db_stmt *st = db_prepare(db, sql[scope->kind]);
	struct sum_parts sp;
	enum db_step step;
	int n = 1, i;

	if (!st)
		return -1;
	sums_split(from_day, to_day, &sp);
	db_bind_int(st, n++, sp.months[0]);
	db_bind_int(st, n++, sp.months[1]);
	db_bind_int(st, n++, sp.cut_months[0]);
	db_bind_int(st, n++, sp.cut_months[1]);
	db_bind_int(st, n++, scope->id);
	for (i = 0; i < 4; i++)
		db_bind_int(st, n++, sp.added[i / 2][i % 2]);
	db_bind_int(st, n++, scope->id);
	for (i = 0; i < 4; i++)
		db_bind_int(st, n++, sp.removed[i / 2][i % 2]);
	db_bind_int(st, n, scope->id);
	while ((step = db_step(st)) == DB_ROW) {
		struct stats_part *part = part_find(parts, db_column_int(st, 0));

		if (!part)
			continue;
		part->figures.connections = db_column_int(st, 1);
		part->figures.done = db_column_int(st, 2);
		part->figures.passed = db_column_int(st, 3);
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

/* Fill one per-structure count (registered, active) from a two-column query. */
static int parts_counts(struct db_stmt *st, const struct part_table *parts, size_t offset)
{
	enum db_step step;

	while ((step = db_step(st)) == DB_ROW) {
		struct stats_part *part = part_find(parts, db_column_int(st, 0));

		if (part)
			*(int64_t *)((char *)&part->figures + offset) = db_column_int(st, 1);
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

/* The structures' lines of the first of `days`, and the distinct children
 * of the whole scope for each period with a non-NULL totals[k], counted in
 * the same pass over the sets. */
static int parts_compute(struct db *db, const struct stats_scope *scope, const int64_t days[SET_PERIODS][2], struct stats_part **parts,
			 struct stats_figures *const totals[SET_PERIODS])
{
	static const char *const registered_sql[] = {
		"SELECT structure_id, " REGISTERED_ROLLED(F_NATIONAL, " GROUP BY structure_id"),
		"SELECT structure_id, " REGISTERED_ROLLED(F_ORGANISATION, " GROUP BY structure_id"),
	};
	struct part_table table = { NULL, 0, NULL };
	struct db_stmt *st;
	int i;

	*parts = NULL;
	if (scope->kind == STATS_GROUP || scope->kind == STATS_STRUCTURE)
		return 0;
	table.count = parts_list(db, scope, &table.parts);
	if (table.count <= 0)
		return table.count;
	table.by_id = malloc((size_t)table.count * sizeof(*table.by_id));
	if (!table.by_id)
		goto fail;
	for (i = 0; i < table.count; i++) {
		table.by_id[i].structure_id = table.parts[i].structure_id;
		table.by_id[i].index = i;
	}
	qsort(table.by_id, (size_t)table.count, sizeof(*table.by_id), by_structure_id);
	if (parts_sums(db, scope, days[0][0], days[0][1], &table) < 0 || sets_count(db, scope, days, totals, &table) < 0)
		goto fail;
	st = db_prepare(db, registered_sql[scope->kind]);
	if (!st)
		goto fail;
	bind_registered(st, scope, days[0][0], days[0][1]);
	if (parts_counts(st, &table, offsetof(struct stats_figures, registered)) < 0)
		goto fail;
	free(table.by_id);
	*parts = table.parts;
	return table.count;
fail:
	free(table.by_id);
	free(table.parts);
	return -1;
}

int stats_parts_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			struct stats_part **parts)
{
	const int64_t days[SET_PERIODS][2] = { { from_day, to_day }, { 1, 0 } };
	struct stats_figures *const totals[SET_PERIODS] = { NULL, NULL };

	return parts_compute(db, scope, days, parts, totals);
}

int stats_compare_compute(struct db *db, const struct stats_scope *scope, const struct stats_periods *periods,
			  struct stats_figures *now, struct stats_figures *before, struct stats_part **parts)
{
	const int64_t days[SET_PERIODS][2] = { { periods->from_day, periods->to_day }, { periods->previous_from, periods->previous_to } };
	struct stats_figures *const totals[SET_PERIODS] = { now, before };
	int count = 0;

	*parts = NULL;
	if (figures_compute(db, scope, periods->from_day, periods->to_day, now, scope->kind == STATS_GROUP) < 0 ||
	    figures_compute(db, scope, periods->previous_from, periods->previous_to, before, scope->kind == STATS_GROUP) < 0)
		return -1;
	if (scope->kind == STATS_GROUP)
		return 0;
	if (scope->kind != STATS_STRUCTURE)
		count = parts_compute(db, scope, days, parts, totals);
	/* Without structures' lines, one pass counts both periods. */
	if (count == 0 && sets_count(db, scope, days, totals, NULL) < 0)
		return -1;
	return count;
}

double stats_rate(int64_t part, int64_t whole)
{
	return whole > 0 ? (double)part / (double)whole : 0.0;
}
