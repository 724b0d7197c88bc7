/* Rebuild the usage rollups from the events. */
#include "eval/rollup.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "eval/child_set.h"
#include "eval/connection.h"
#include "eval/event.h"
#include "eval/paris_time.h"
#include "eval/partner_rollup.h"

enum tally_field {
	T_CONNECTIONS, T_SECONDS, T_PAGES, T_STARTED, T_DONE, T_PASSED, T_RESOURCES, T_TUTORING, TALLY_FIELDS
};

/* One child's counts on one day (several per child before merging). */
struct child_tally {
	int64_t day, account_id, structure_id;
	int64_t n[TALLY_FIELDS];
};

struct feature_tally {
	int64_t day, structure_id, events;
	char feature[EVENT_FEATURE_MAX];
};

struct duration_tally {
	int64_t day, structure_id, minutes, connections;
};

/* An event read back, and the session being put together. */
struct read_event {
	int64_t account_id, structure_id, value;
	char feature[EVENT_FEATURE_MAX];
	char action[EVENT_FEATURE_MAX];
};

struct rollup_run {
	int64_t from_day, to_day, idle;
	struct child_tally *children;
	size_t child_count, child_cap;
	struct feature_tally *features;
	size_t feature_count, feature_cap;
	struct duration_tally *durations;
	size_t duration_count, duration_cap;
	/* The current session. */
	struct connection_event *marks;
	struct read_event *events;
	struct connection_span *spans;
	size_t session_count, session_cap;
	bool failed;
};

static int64_t refresh_interval = ROLLUP_DEFAULT_INTERVAL;

/* Grow `*array` by one item of `size` bytes and return it, or NULL. */
static void *slot_next(void **array, size_t *count, size_t *cap, size_t size)
{
	if (*count == *cap) {
		size_t grown = *cap ? *cap * 2 : 1024;
		void *p = realloc(*array, grown * size);

		if (!p)
			return NULL;
		*array = p;
		*cap = grown;
	}
	return (char *)*array + (*count)++ * size;
}

static bool session_grow(struct rollup_run *run)
{
	size_t cap = run->session_cap ? run->session_cap * 2 : 256;
	void *m = realloc(run->marks, cap * sizeof(*run->marks));
	void *e, *s;

	if (m)
		run->marks = m;
	e = m ? realloc(run->events, cap * sizeof(*run->events)) : NULL;
	if (e)
		run->events = e;
	s = e ? realloc(run->spans, cap * sizeof(*run->spans)) : NULL;
	if (!s)
		return false;
	run->spans = s;
	run->session_cap = cap;
	return true;
}

static void count_event(struct child_tally *t, const struct read_event *e)
{
	bool activity = strcmp(e->feature, EVENT_FEATURE_ACTIVITIES) == 0;

	if (strcmp(e->action, EVENT_ACTION_PAGE) == 0)
		t->n[T_PAGES]++;
	else if (activity && strcmp(e->action, EVENT_ACTION_START) == 0)
		t->n[T_STARTED]++;
	else if (activity && strcmp(e->action, EVENT_ACTION_SUBMIT) == 0) {
		t->n[T_DONE]++;
		t->n[T_PASSED] += e->value >= EVENT_PASS_PERCENT;
	} else if (strcmp(e->feature, EVENT_FEATURE_RESOURCES) == 0 && strcmp(e->action, EVENT_ACTION_OPEN) == 0)
		t->n[T_RESOURCES]++;
	else if (strcmp(e->feature, EVENT_FEATURE_TUTORING) == 0 && strcmp(e->action, EVENT_ACTION_MESSAGE) == 0)
		t->n[T_TUTORING]++;
}

/* Tally one connection (or one event outside any connection). */
static void tally_span(struct rollup_run *run, const struct connection_span *span, bool connection)
{
	const struct read_event *first = &run->events[span->first];
	struct child_tally *t;
	struct duration_tally *d;
	size_t i;

	if (span->day < run->from_day || span->day > run->to_day)
		return;
	t = slot_next((void **)&run->children, &run->child_count, &run->child_cap, sizeof(*t));
	if (!t) {
		run->failed = true;
		return;
	}
	memset(t, 0, sizeof(*t));
	t->day = span->day;
	t->account_id = first->account_id;
	t->structure_id = first->structure_id;
	t->n[T_CONNECTIONS] = connection;
	t->n[T_SECONDS] = span->seconds;
	for (i = span->first; i < span->first + span->events; i++) {
		struct feature_tally *f = slot_next((void **)&run->features, &run->feature_count, &run->feature_cap, sizeof(*f));

		if (!f) {
			run->failed = true;
			return;
		}
		f->day = span->day;
		f->structure_id = first->structure_id;
		f->events = 1;
		memcpy(f->feature, run->events[i].feature, sizeof(f->feature));
		count_event(t, &run->events[i]);
	}
	if (!connection)
		return;
	d = slot_next((void **)&run->durations, &run->duration_count, &run->duration_cap, sizeof(*d));
	if (!d) {
		run->failed = true;
		return;
	}
	d->day = span->day;
	d->structure_id = first->structure_id;
	d->minutes = span->seconds / 60;
	d->connections = 1;
}

/* Cut the session read so far into connections and tally them. */
static void session_close(struct rollup_run *run, int64_t connection_id)
{
	size_t i, n;

	if (run->session_count == 0)
		return;
	if (connection_id == 0) {
		/* Events outside any session: each is counted on its own day. */
		for (i = 0; i < run->session_count; i++) {
			struct connection_span one = { run->marks[i].at, run->marks[i].at, 0, paris_day(run->marks[i].at), i, 1 };

			tally_span(run, &one, false);
		}
	} else {
		n = connection_build(run->marks, run->session_count, run->idle, run->spans);
		for (i = 0; i < n; i++)
			tally_span(run, &run->spans[i], true);
	}
	run->session_count = 0;
}

static enum connection_mark event_mark(const char *action)
{
	if (strcmp(action, EVENT_ACTION_HIDE) == 0)
		return MARK_HIDE;
	if (strcmp(action, EVENT_ACTION_SIGN_OUT) == 0)
		return MARK_SIGN_OUT;
	return MARK_NONE;
}

static int events_read(struct db *db, struct rollup_run *run)
{
	struct db_stmt *st = db_prepare(db, "SELECT e.connection_id, e.at, e.account_id, e.structure_id, e.feature, e.action, e.value "
					    "FROM usage_event e JOIN account a ON a.id = e.account_id "
					    "WHERE a.role = 'eleve' AND e.at >= ? AND e.at < ? ORDER BY e.connection_id, e.at, e.id");
	int64_t current = -1;
	enum db_step step = DB_DONE;

	if (!st)
		return -1;
	/* NOTE: a connection that started more than ROLLUP_LOOKBACK_SECONDS
	 * before the first day and is still going is counted as a new one. */
	db_bind_int(st, 1, paris_day_start(run->from_day) - ROLLUP_LOOKBACK_SECONDS);
	db_bind_int(st, 2, paris_day_start(run->to_day + 1) + ROLLUP_LOOKBACK_SECONDS);
	while (!run->failed && (step = db_step(st)) == DB_ROW) {
		int64_t connection_id = db_column_int(st, 0);
		struct read_event *e;

		if (connection_id != current) {
			session_close(run, current);
			current = connection_id;
		}
		if (run->session_count == run->session_cap && !session_grow(run)) {
			run->failed = true;
			break;
		}
		run->marks[run->session_count].at = db_column_int(st, 1);
		e = &run->events[run->session_count];
		e->account_id = db_column_int(st, 2);
		e->structure_id = db_column_int(st, 3);
		snprintf(e->feature, sizeof(e->feature), "%s", db_column_text(st, 4));
		snprintf(e->action, sizeof(e->action), "%s", db_column_text(st, 5));
		e->value = db_column_int(st, 6);
		run->marks[run->session_count].mark = event_mark(e->action);
		run->session_count++;
	}
	db_reset(st);
	session_close(run, current);
	return run->failed || step == DB_ERROR ? -1 : 0;
}

static int compare_int64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int child_compare(const void *pa, const void *pb)
{
	const struct child_tally *a = pa, *b = pb;
	int c = compare_int64(a->day, b->day);

	if (!c)
		c = compare_int64(a->account_id, b->account_id);
	return c ? c : compare_int64(a->structure_id, b->structure_id);
}

static int feature_compare(const void *pa, const void *pb)
{
	const struct feature_tally *a = pa, *b = pb;
	int c = compare_int64(a->day, b->day);

	if (!c)
		c = compare_int64(a->structure_id, b->structure_id);
	return c ? c : strcmp(a->feature, b->feature);
}

static int duration_compare(const void *pa, const void *pb)
{
	const struct duration_tally *a = pa, *b = pb;
	int c = compare_int64(a->day, b->day);

	if (!c)
		c = compare_int64(a->structure_id, b->structure_id);
	return c ? c : compare_int64(a->minutes, b->minutes);
}

/* Sort the tallies and add up the rows of the same key, in place. */
static void tallies_merge(struct rollup_run *run)
{
	size_t i, n;

	if (run->child_count > 1) /* qsort must not get a NULL array, even empty */
		qsort(run->children, run->child_count, sizeof(*run->children), child_compare);
	for (i = 0, n = 0; i < run->child_count; i++) {
		int k;

		if (n && child_compare(&run->children[n - 1], &run->children[i]) == 0) {
			for (k = 0; k < TALLY_FIELDS; k++)
				run->children[n - 1].n[k] += run->children[i].n[k];
			continue;
		}
		run->children[n++] = run->children[i];
	}
	run->child_count = n;

	if (run->feature_count > 1) /* qsort must not get a NULL array, even empty */
		qsort(run->features, run->feature_count, sizeof(*run->features), feature_compare);
	for (i = 0, n = 0; i < run->feature_count; i++) {
		if (n && feature_compare(&run->features[n - 1], &run->features[i]) == 0)
			run->features[n - 1].events += run->features[i].events;
		else
			run->features[n++] = run->features[i];
	}
	run->feature_count = n;

	if (run->duration_count > 1) /* qsort must not get a NULL array, even empty */
		qsort(run->durations, run->duration_count, sizeof(*run->durations), duration_compare);
	for (i = 0, n = 0; i < run->duration_count; i++) {
		if (n && duration_compare(&run->durations[n - 1], &run->durations[i]) == 0)
			run->durations[n - 1].connections += run->durations[i].connections;
		else
			run->durations[n++] = run->durations[i];
	}
	run->duration_count = n;
}

static int days_delete(struct db *db, int64_t from_day, int64_t to_day)
{
	static const char *const sql[] = {
		"DELETE FROM usage_child_day WHERE day BETWEEN ? AND ?",
		"DELETE FROM usage_structure_day WHERE day BETWEEN ? AND ?",
		"DELETE FROM usage_feature_day WHERE day BETWEEN ? AND ?",
		"DELETE FROM usage_duration_day WHERE day BETWEEN ? AND ?",
	};
	size_t i;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		struct db_stmt *st = db_prepare(db, sql[i]);

		if (!st)
			return -1;
		db_bind_int(st, 1, from_day);
		db_bind_int(st, 2, to_day);
		if (db_step(st) == DB_ERROR) {
			db_reset(st);
			return -1;
		}
		db_reset(st);
	}
	return 0;
}

static int children_insert(struct db *db, const struct rollup_run *run)
{
	size_t i;
	int k;

	for (i = 0; i < run->child_count; i++) {
		const struct child_tally *t = &run->children[i];
		struct db_stmt *st = db_prepare(db, "INSERT INTO usage_child_day (day, structure_id, account_id, connections, seconds, pages, "
						    "activities_started, activities_done, activities_passed, resources, tutoring) "
						    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		enum db_step step;

		if (!st)
			return -1;
		db_bind_int(st, 1, t->day);
		db_bind_int(st, 2, t->structure_id);
		db_bind_int(st, 3, t->account_id);
		for (k = 0; k < TALLY_FIELDS; k++)
			db_bind_int(st, 4 + k, t->n[k]);
		step = db_step(st);
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return 0;
}

static int features_insert(struct db *db, const struct rollup_run *run)
{
	size_t i;

	for (i = 0; i < run->feature_count; i++) {
		const struct feature_tally *f = &run->features[i];
		struct db_stmt *st = db_prepare(db, "INSERT INTO usage_feature_day (day, structure_id, feature, events) VALUES (?, ?, ?, ?)");
		enum db_step step;

		if (!st)
			return -1;
		db_bind_int(st, 1, f->day);
		db_bind_int(st, 2, f->structure_id);
		db_bind_text(st, 3, f->feature);
		db_bind_int(st, 4, f->events);
		step = db_step(st);
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return 0;
}

static int durations_insert(struct db *db, const struct rollup_run *run)
{
	size_t i;

	for (i = 0; i < run->duration_count; i++) {
		const struct duration_tally *d = &run->durations[i];
		struct db_stmt *st = db_prepare(db, "INSERT INTO usage_duration_day (day, structure_id, minutes, connections) VALUES (?, ?, ?, ?)");
		enum db_step step;

		if (!st)
			return -1;
		db_bind_int(st, 1, d->day);
		db_bind_int(st, 2, d->structure_id);
		db_bind_int(st, 3, d->minutes);
		db_bind_int(st, 4, d->connections);
		step = db_step(st);
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return 0;
}

#define ALL_DAYS_MASK 0xffffffffu
/* When a deactivated account stopped counting: its deactivation, or its
 * creation when the date is missing or earlier. */
#define DEACTIVATED_AT "CASE WHEN deactivated_at IS NULL OR deactivated_at < created_at THEN created_at ELSE deactivated_at END"
#define SET_SUMS 8 /* connections, seconds, pages, activities started, done and passed, resources, tutoring */

/* The set of one structure, being put together. */
struct set_writer {
	struct db_stmt *insert;
	struct child_set set;
	int64_t structure_id, sums[SET_SUMS];
	bool null_structure, started;
};

/* Write the set of the structure read so far, if any. The insert takes
 * (period, structure, children) for a year, and (period, structure, the
 * SET_SUMS sums, children) for a month. */
static int set_flush(struct set_writer *w, int64_t period, bool month)
{
	int n = 1, i;
	enum db_step step;
	const void *set;

	if (!w->started)
		return 0;
	set = child_set_finish(&w->set);
	if (!set)
		return -1;
	db_bind_int(w->insert, n++, period);
	if (w->null_structure)
		db_bind_null(w->insert, n++);
	else
		db_bind_int(w->insert, n++, w->structure_id);
	for (i = 0; month && i < SET_SUMS; i++)
		db_bind_int(w->insert, n++, w->sums[i]);
	db_bind_blob(w->insert, n, set, w->set.data.len);
	step = db_step(w->insert);
	db_reset(w->insert);
	child_set_reset(&w->set);
	memset(w->sums, 0, sizeof(w->sums));
	w->started = false;
	return step == DB_ERROR ? -1 : 0;
}

/*
 * Rebuild the sets of a month (`month` true) or school year from its
 * rows per child, read in the order of structure and account: columns
 * structure_id, account_id, active days, tutoring days, then the SET_SUMS
 * sums.
 */
static int sets_rebuild(struct db *db, int64_t period, bool month)
{
	static const char *const select_sql[2] = {
		"SELECT structure_id, account_id, 1, CASE WHEN tutoring > 0 THEN 1 ELSE 0 END, 0, 0, 0, 0, 0, 0, 0, 0 "
		"FROM usage_child_year WHERE year = ? ORDER BY structure_id, account_id",
		"SELECT structure_id, account_id, active_days, tutoring_days, connections, seconds, pages, activities_started, "
		"activities_done, activities_passed, resources, tutoring FROM usage_child_month WHERE month = ? ORDER BY structure_id, account_id",
	};
	static const char *const insert_sql[2] = {
		"INSERT INTO usage_structure_year (year, structure_id, children) VALUES (?, ?, ?)",
		"INSERT INTO usage_structure_month (month, structure_id, connections, seconds, pages, activities_started, activities_done, "
		"activities_passed, resources, tutoring, children) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	};
	int64_t key[1] = { period };
	struct set_writer w = { 0 };
	struct db_stmt *st;
	enum db_step step;
	int rc = -1, i;

	child_set_init(&w.set, 256u * 1024 * 1024);
	if (db_exec_ints(db, month ? "DELETE FROM usage_structure_month WHERE month = ?" : "DELETE FROM usage_structure_year WHERE year = ?",
		      key, 1) < 0)
		return -1;
	st = db_prepare(db, select_sql[month]);
	w.insert = db_prepare(db, insert_sql[month]);
	if (!st || !w.insert)
		return -1;
	db_bind_int(st, 1, period);
	while ((step = db_step(st)) == DB_ROW) {
		bool null_structure = db_column_is_null(st, 0);
		int64_t structure_id = db_column_int(st, 0);

		if (w.started && (null_structure != w.null_structure || structure_id != w.structure_id) && set_flush(&w, period, month) < 0)
			goto out;
		w.started = true;
		w.null_structure = null_structure;
		w.structure_id = structure_id;
		for (i = 0; i < SET_SUMS; i++)
			w.sums[i] += db_column_int(st, 4 + i);
		if (child_set_add(&w.set, db_column_int(st, 1), (uint32_t)db_column_int(st, 2), (uint32_t)db_column_int(st, 3)) < 0)
			goto out;
	}
	if (step == DB_DONE && set_flush(&w, period, month) == 0)
		rc = 0;
out:
	db_reset(st);
	child_set_release(&w.set);
	return rc;
}

/* After migration 020, build the sets of every month and school year
 * already rolled up, once. */
static int sets_backfill(struct db *db)
{
	int kind;

	if (db_query_int(db, "SELECT count(*) FROM usage_rollup_state WHERE name = 'sets-pending'", 0) <= 0)
		return 0;
	for (kind = 0; kind < 2; kind++) {
		struct db_stmt *st = db_prepare(db, kind ? "SELECT DISTINCT month FROM usage_child_month ORDER BY 1"
							: "SELECT DISTINCT year FROM usage_child_year ORDER BY 1");
		enum db_step step;

		if (!st)
			return -1;
		while ((step = db_step(st)) == DB_ROW)
			if (sets_rebuild(db, db_column_int(st, 0), kind == 1) < 0) {
				step = DB_ERROR;
				break;
			}
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return db_exec_ints(db, "DELETE FROM usage_rollup_state WHERE name = 'sets-pending'", NULL, 0);
}

/* Rebuild one month's rows from its days. */
static int month_rebuild(struct db *db, int64_t month)
{
	int64_t first = month_first_day(month), last = month_first_day(month + 1) - 1;
	int64_t range[3] = { month, first, last }, masks[5] = { month, first, first, first, last };

	if (db_exec_ints(db, "DELETE FROM usage_child_month WHERE month = ?", range, 1) < 0 ||
	    db_exec_ints(db, "DELETE FROM usage_feature_month WHERE month = ?", range, 1) < 0 ||
	    db_exec_ints(db, "DELETE FROM usage_duration_month WHERE month = ?", range, 1) < 0)
		return -1;
	/* A child has one daily row per structure and day, so the sum of the
	 * days' bits is their union. */
	if (db_exec_ints(db, "INSERT INTO usage_child_month (month, structure_id, account_id, connections, seconds, pages, activities_started, "
			  "activities_done, activities_passed, resources, tutoring, active_days, tutoring_days) "
			  "SELECT CAST(? AS BIGINT), structure_id, account_id, sum(connections), sum(seconds), "
			  "sum(pages), sum(activities_started), sum(activities_done), sum(activities_passed), sum(resources), sum(tutoring), "
			  "sum(CAST(1 AS BIGINT) << CAST(day - ? AS INTEGER)), "
			  "sum(CASE WHEN tutoring > 0 THEN CAST(1 AS BIGINT) << CAST(day - ? AS INTEGER) ELSE 0 END) "
			  "FROM usage_child_day WHERE day BETWEEN ? AND ? GROUP BY structure_id, account_id", masks, 5) < 0 ||
	    db_exec_ints(db, "INSERT INTO usage_feature_month SELECT CAST(? AS BIGINT), structure_id, feature, sum(events) "
			  "FROM usage_feature_day WHERE day BETWEEN ? AND ? GROUP BY structure_id, feature", range, 3) < 0 ||
	    db_exec_ints(db, "INSERT INTO usage_duration_month SELECT CAST(? AS BIGINT), structure_id, minutes, sum(connections) "
			  "FROM usage_duration_day WHERE day BETWEEN ? AND ? GROUP BY structure_id, minutes", range, 3) < 0)
		return -1;
	return sets_rebuild(db, month, true);
}

/* Rebuild the school year that starts in September of `year` from its months. */
static int year_rebuild(struct db *db, int64_t year)
{
	int64_t range[3] = { year, year * 12 + 8, year * 12 + 19 };

	if (db_exec_ints(db, "DELETE FROM usage_child_year WHERE year = ?", range, 1) < 0)
		return -1;
	if (db_exec_ints(db, "INSERT INTO usage_child_year SELECT CAST(? AS BIGINT), structure_id, account_id, sum(tutoring) "
			  "FROM usage_child_month WHERE month BETWEEN ? AND ? GROUP BY structure_id, account_id", range, 3) < 0)
		return -1;
	return sets_rebuild(db, year, false);
}

/* The school year of a month: the calendar year of its September. */
static int64_t month_school_year(int64_t month)
{
	return month % 12 >= 8 ? month / 12 : month / 12 - 1;
}

/* Sum the rebuilt days per structure, and rebuild the months around them. */
static int sums_rebuild(struct db *db, int64_t from_day, int64_t to_day)
{
	int64_t range[2] = { from_day, to_day }, month, year;

	if (db_exec_ints(db, "INSERT INTO usage_structure_day SELECT day, structure_id, count(*), sum(connections), sum(seconds), sum(pages), "
			  "sum(activities_started), sum(activities_done), sum(activities_passed), sum(resources), sum(tutoring) "
			  "FROM usage_child_day WHERE day BETWEEN ? AND ? GROUP BY day, structure_id", range, 2) < 0)
		return -1;
	for (month = day_month(from_day); month <= day_month(to_day); month++)
		if (month_rebuild(db, month) < 0)
			return -1;
	for (year = month_school_year(day_month(from_day)); year <= month_school_year(day_month(to_day)); year++)
		if (year_rebuild(db, year) < 0)
			return -1;
	return 0;
}

/* The organisations of each structure: its financeur and those above. */
#define SCOPE_MEMBERS "WITH RECURSIVE up(structure_id, org_id) AS (SELECT id, financeur_id FROM structure WHERE financeur_id IS NOT NULL " \
	"UNION SELECT up.structure_id, o.parent_id FROM up JOIN organisation o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL) "

/* Sum the structures' rows of days from..to per organisation and for the
 * whole country (org_id 0). */
static int scope_days_rebuild(struct db *db, int64_t from_day, int64_t to_day)
{
	static const char *const sql[] = {
		"DELETE FROM usage_scope_day WHERE day BETWEEN ? AND ?",
		"DELETE FROM usage_scope_feature_day WHERE day BETWEEN ? AND ?",
		"DELETE FROM usage_scope_duration_day WHERE day BETWEEN ? AND ?",
		"INSERT INTO usage_scope_day SELECT day, 0, sum(active), sum(connections), sum(seconds), sum(pages), sum(activities_started), "
		"sum(activities_done), sum(activities_passed), sum(resources), sum(tutoring) FROM usage_structure_day "
		"WHERE day BETWEEN ? AND ? GROUP BY day",
		"INSERT INTO usage_scope_day SELECT d.day, m.org_id, sum(d.active), sum(d.connections), sum(d.seconds), sum(d.pages), "
		"sum(d.activities_started), sum(d.activities_done), sum(d.activities_passed), sum(d.resources), sum(d.tutoring) "
		"FROM usage_structure_day d JOIN usage_scope_member m ON m.structure_id = d.structure_id "
		"WHERE d.day BETWEEN ? AND ? GROUP BY d.day, m.org_id",
		"INSERT INTO usage_scope_feature_day SELECT day, 0, feature, sum(events) FROM usage_feature_day "
		"WHERE day BETWEEN ? AND ? GROUP BY day, feature",
		"INSERT INTO usage_scope_feature_day SELECT d.day, m.org_id, d.feature, sum(d.events) "
		"FROM usage_feature_day d JOIN usage_scope_member m ON m.structure_id = d.structure_id "
		"WHERE d.day BETWEEN ? AND ? GROUP BY d.day, m.org_id, d.feature",
		"INSERT INTO usage_scope_duration_day SELECT day, 0, minutes, sum(connections) FROM usage_duration_day "
		"WHERE day BETWEEN ? AND ? GROUP BY day, minutes",
		"INSERT INTO usage_scope_duration_day SELECT d.day, m.org_id, d.minutes, sum(d.connections) "
		"FROM usage_duration_day d JOIN usage_scope_member m ON m.structure_id = d.structure_id "
		"WHERE d.day BETWEEN ? AND ? GROUP BY d.day, m.org_id, d.minutes",
	};
	int64_t range[2] = { from_day, to_day };
	size_t i;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (db_exec_ints(db, sql[i], range, 2) < 0)
			return -1;
	return 0;
}

/* One organisation's distinct count over a month or a school year. */
struct scope_tally {
	int64_t org_id, connections, seconds;
	struct child_count count;
};

/* The organisation of `org_id` in the tallies, added when new. */
static struct scope_tally *scope_tally_get(struct scope_tally **tallies, size_t *count, size_t *cap, int64_t org_id)
{
	struct scope_tally *t;
	size_t i;

	for (i = 0; i < *count; i++)
		if ((*tallies)[i].org_id == org_id)
			return &(*tallies)[i];
	t = slot_next((void **)tallies, count, cap, sizeof(**tallies));
	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->org_id = org_id;
	child_count_init(&t->count);
	return t;
}

/*
 * Count the distinct children of each organisation and of the whole
 * country (organisation 0) over a month (`month` true) or a school year,
 * from the structures' sets and the organisations of each structure.
 */
static int scope_counts_rebuild(struct db *db, int64_t period, bool month)
{
	static const char *const select_sql[2] = {
		"SELECT s.structure_id, m.org_id, 0, 0, s.children FROM usage_structure_year s "
		"LEFT JOIN usage_scope_member m ON m.structure_id = s.structure_id WHERE s.year = ? ORDER BY s.structure_id, m.org_id",
		"SELECT s.structure_id, m.org_id, s.connections, s.seconds, s.children FROM usage_structure_month s "
		"LEFT JOIN usage_scope_member m ON m.structure_id = s.structure_id WHERE s.month = ? ORDER BY s.structure_id, m.org_id",
	};
	int64_t key[1] = { period }, structure_id = -1;
	struct scope_tally *tallies = NULL, *national;
	size_t count = 0, cap = 0, i;
	struct db_stmt *st, *insert;
	bool null_structure = false, first = true;
	enum db_step step;
	int rc = -1;

	if (db_exec_ints(db, month ? "DELETE FROM usage_scope_month WHERE month = ?" : "DELETE FROM usage_scope_year WHERE year = ?", key, 1) < 0)
		return -1;
	national = scope_tally_get(&tallies, &count, &cap, 0);
	st = db_prepare(db, select_sql[month]);
	if (!national || !st)
		goto out;
	db_bind_int(st, 1, period);
	while ((step = db_step(st)) == DB_ROW) {
		size_t len;
		const void *set = db_column_blob(st, 4, &len);
		struct scope_tally *org;

		/* A structure comes once per organisation it counts in: the
		 * whole country takes its first row only. */
		if (first || db_column_is_null(st, 0) != null_structure || db_column_int(st, 0) != structure_id) {
			first = false;
			null_structure = db_column_is_null(st, 0);
			structure_id = db_column_int(st, 0);
			national = &tallies[0];
			national->connections += db_column_int(st, 2);
			national->seconds += db_column_int(st, 3);
			if (child_count_add(&national->count, set, len, ALL_DAYS_MASK) < 0)
				goto damaged;
		}
		if (db_column_is_null(st, 1))
			continue;
		org = scope_tally_get(&tallies, &count, &cap, db_column_int(st, 1));
		if (!org)
			goto out_step;
		org->connections += db_column_int(st, 2);
		org->seconds += db_column_int(st, 3);
		if (child_count_add(&org->count, set, len, ALL_DAYS_MASK) < 0)
			goto damaged;
	}
	db_reset(st);
	if (step == DB_ERROR)
		goto out;
	insert = db_prepare(db, month ? "INSERT INTO usage_scope_month (month, org_id, active, tutoring_children, connections, seconds) "
					"VALUES (?, ?, ?, ?, ?, ?)"
				      : "INSERT INTO usage_scope_year (year, org_id, active, tutoring_children) VALUES (?, ?, ?, ?)");
	if (!insert)
		goto out;
	for (i = 0; i < count; i++) {
		struct scope_tally *t = &tallies[i];

		if (t->count.failed)
			goto out;
		db_bind_int(insert, 1, period);
		db_bind_int(insert, 2, t->org_id);
		db_bind_int(insert, 3, t->count.children);
		db_bind_int(insert, 4, t->count.tutoring_children);
		if (month) {
			db_bind_int(insert, 5, t->connections);
			db_bind_int(insert, 6, t->seconds);
		}
		step = db_step(insert);
		db_reset(insert);
		if (step == DB_ERROR)
			goto out;
	}
	rc = 0;
	goto out;
damaged:
	log_error("usage set of structure %lld is damaged", (long long)structure_id);
out_step:
	db_reset(st);
out:
	for (i = 0; i < count; i++)
		child_count_release(&tallies[i].count);
	free(tallies);
	return rc;
}

/* Count the organisations' children of every month and school year that
 * has sets (all), or of those around days from..to. */
static int scope_counts_refresh(struct db *db, int64_t from_day, int64_t to_day, bool all)
{
	int kind;

	if (!all) {
		int64_t month, year;

		for (month = day_month(from_day); month <= day_month(to_day); month++)
			if (scope_counts_rebuild(db, month, true) < 0)
				return -1;
		for (year = month_school_year(day_month(from_day)); year <= month_school_year(day_month(to_day)); year++)
			if (scope_counts_rebuild(db, year, false) < 0)
				return -1;
		return 0;
	}
	for (kind = 0; kind < 2; kind++) {
		struct db_stmt *st = db_prepare(db, kind ? "SELECT DISTINCT month FROM usage_structure_month ORDER BY 1"
							: "SELECT DISTINCT year FROM usage_structure_year ORDER BY 1");
		enum db_step step;

		if (!st)
			return -1;
		while ((step = db_step(st)) == DB_ROW)
			if (scope_counts_rebuild(db, db_column_int(st, 0), kind == 1) < 0) {
				step = DB_ERROR;
				break;
			}
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return 0;
}

/*
 * Keep the organisations' days up to date: the days from..to, or every
 * day rolled up when a structure changed of financeur, an organisation of
 * parent, or after migration 021.
 */
static int scopes_refresh(struct db *db, int64_t from_day, int64_t to_day)
{
	int64_t changed = db_query_int(db, SCOPE_MEMBERS "SELECT (SELECT count(*) FROM (SELECT structure_id, org_id FROM up "
					   "EXCEPT SELECT structure_id, org_id FROM usage_scope_member) a) + (SELECT count(*) FROM "
					   "(SELECT structure_id, org_id FROM usage_scope_member EXCEPT SELECT structure_id, org_id FROM up) b)", -1);
	int64_t pending = db_query_int(db, "SELECT count(*) FROM usage_rollup_state WHERE name = 'scopes-pending'", -1);

	if (changed < 0 || pending < 0)
		return -1;
	if (changed > 0 &&
	    (db_exec_ints(db, "DELETE FROM usage_scope_member", NULL, 0) < 0 ||
	     db_exec_ints(db, "INSERT INTO usage_scope_member (structure_id, org_id) " SCOPE_MEMBERS "SELECT structure_id, org_id FROM up", NULL, 0) < 0))
		return -1;
	if (changed > 0 || pending > 0) {
		from_day = db_query_int(db, "SELECT coalesce(min(day), 0) FROM usage_structure_day", 0);
		to_day = db_query_int(db, "SELECT coalesce(max(day), -1) FROM usage_structure_day", -1);
		if (db_exec_ints(db, "DELETE FROM usage_rollup_state WHERE name = 'scopes-pending'", NULL, 0) < 0 ||
		    db_exec_ints(db, "DELETE FROM usage_scope_day", NULL, 0) < 0 ||
		    db_exec_ints(db, "DELETE FROM usage_scope_feature_day", NULL, 0) < 0 ||
		    db_exec_ints(db, "DELETE FROM usage_scope_duration_day", NULL, 0) < 0 ||
		    db_exec_ints(db, "DELETE FROM usage_scope_month", NULL, 0) < 0 ||
		    db_exec_ints(db, "DELETE FROM usage_scope_year", NULL, 0) < 0)
			return -1;
	}
	if (from_day <= to_day && scope_days_rebuild(db, from_day, to_day) < 0)
		return -1;
	return scope_counts_refresh(db, from_day, to_day, changed > 0 || pending > 0);
}

static void run_release(struct rollup_run *run)
{
	free(run->children);
	free(run->features);
	free(run->durations);
	free(run->marks);
	free(run->events);
	free(run->spans);
}

/* Rebuild the children counted by hour of creation and deactivation
 * (migration 026) from the accounts as they are now. */
static int registered_rebuild(struct db *db)
{
	if (db_exec(db, "DELETE FROM usage_registered") < 0)
		return -1;
	return db_exec(db, "INSERT INTO usage_registered (structure_id, hour, kind, children) "
			   "SELECT structure_id, created_at / 3600, 0, count(*) FROM account WHERE role = 'eleve' "
			   "GROUP BY structure_id, created_at / 3600 "
			   "UNION ALL SELECT structure_id, (" DEACTIVATED_AT ") / 3600, 1, count(*) FROM account "
			   "WHERE role = 'eleve' AND active = 0 GROUP BY structure_id, (" DEACTIVATED_AT ") / 3600");
}

static int state_save(struct db *db, int64_t now)
{
	int64_t at[1] = { now };

	if (db_exec_ints(db, "DELETE FROM usage_rollup_state WHERE name = 'usage'", NULL, 0) < 0)
		return -1;
	return db_exec_ints(db, "INSERT INTO usage_rollup_state (name, refreshed_at) VALUES ('usage', ?)", at, 1);
}

int rollup_refresh(struct db *db, int64_t from_day, int64_t to_day, int64_t idle_seconds)
{
	struct rollup_run run = { 0 };
	int rc = -1;

	run.from_day = from_day;
	run.to_day = to_day;
	run.idle = idle_seconds;
	/* Read and add up outside the transaction: only the writes hold the
	 * write lock. */
	if (events_read(db, &run) < 0)
		goto out;
	tallies_merge(&run);
	if (db_begin(db) < 0)
		goto out;
	if (days_delete(db, from_day, to_day) < 0 || children_insert(db, &run) < 0 || features_insert(db, &run) < 0 ||
	    durations_insert(db, &run) < 0 || sums_rebuild(db, from_day, to_day) < 0 || sets_backfill(db) < 0 ||
	    scopes_refresh(db, from_day, to_day) < 0 || registered_rebuild(db) < 0 ||
	    state_save(db, (int64_t)time(NULL)) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		goto out;
	}
	/* The partner indicators, in transactions of their own. */
	rc = partner_rollup_days(db, from_day, to_day);
out:
	if (rc < 0)
		log_error("usage rollup failed from_day=%lld to_day=%lld error=\"%s\"", (long long)from_day, (long long)to_day, db_errmsg(db));
	run_release(&run);
	return rc;
}

int64_t rollup_refreshed_at(struct db *db)
{
	return db_query_int(db, "SELECT refreshed_at FROM usage_rollup_state WHERE name = 'usage'", 0);
}

void rollup_interval_set(int64_t seconds)
{
	if (seconds > 0)
		refresh_interval = seconds;
}

int rollup_maybe_refresh(struct db *db, int64_t now)
{
	static int64_t last;
	int64_t today = paris_day(now), refreshed = rollup_refreshed_at(db), from = today - 1;

	if (now - last < refresh_interval)
		return 0;
	last = now;
	/* After a stop, catch up from the day of the last rebuild. */
	if (refreshed > 0 && paris_day(refreshed) < from)
		from = paris_day(refreshed) < today - ROLLUP_CATCH_UP_DAYS ? today - ROLLUP_CATCH_UP_DAYS : paris_day(refreshed);
	return rollup_refresh(db, from, today, connection_idle_get()) == 0 ? 1 : -1;
}
