/* Unit tests of eval/partner_rollup.c and of partner_compute(): indicators
 * over a year of generated events, each figure checked against a count
 * made directly from the events, on SQLite in a temporary file and on
 * PostgreSQL when ARDOISE_TEST_PG_URL names a test server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "eval/paris_time.h"
#include "eval/partner.h"
#include "eval/partner_rollup.h"
#include "pg_scratch.h"
#include "sqlite_scratch.h"
#include "store/db.h"

#define EVENTS_MAX 2000
#define ADULT_ID 20

struct event {
	int64_t at, account_id, structure_id;
	const char *feature, *action;
};

/* The children: id, structure, level, member of group 1. */
static const struct {
	int64_t id, structure_id;
	const char *level;
	int in_group;
} children[] = {
	{ 10, 1, "CE2", 1 }, { 11, 1, "CE2", 0 }, { 12, 1, "CM1", 1 }, { 13, 1, "CM1", 0 }, { 14, 2, "CM1", 0 }, { 15, 2, "CM2", 0 },
};
#define CHILDREN (sizeof(children) / sizeof(children[0]))

static const struct {
	const char *feature, *action;
} kinds[] = { { "connexion", "sign-in" }, { "activites", "submit" }, { "ressources", "open" } };

static struct db *db;
static char url[512];
static char pg_name[PG_SCRATCH_NAME_MAX];
static struct event events[EVENTS_MAX];
static size_t event_count;
static uint32_t seed;

static uint32_t next_random(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static int64_t day_of(int year, int month, int mday)
{
	return day_from_date(year, month, mday);
}

static void exec(const char *sql)
{
	if (db_exec(db, sql) < 0)
		fail_msg("%s: %s", sql, db_errmsg(db));
}

static void event_add(int64_t at, int64_t account_id, int kind)
{
	char sql[512];
	int64_t structure_id = account_id == ADULT_ID ? 1 : 0;
	size_t i;

	for (i = 0; i < CHILDREN; i++)
		if (children[i].id == account_id)
			structure_id = children[i].structure_id;
	assert_true(event_count < EVENTS_MAX);
	events[event_count++] = (struct event){ at, account_id, structure_id, kinds[kind].feature, kinds[kind].action };
	snprintf(sql, sizeof(sql), "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action) "
		 "VALUES (%lld, %lld, %lld, %lld, '%s', '%s')", (long long)at, (long long)account_id, (long long)structure_id,
		 (long long)(account_id * 1000 + (int64_t)event_count), kinds[kind].feature, kinds[kind].action);
	exec(sql);
}

/* 23:30 in Paris on `day`, whatever the length of the day. */
static int64_t late_evening(int64_t day)
{
	return paris_day_start(day + 1) - 30 * 60;
}

/* The fixture: a national root, a financeur with structure 1, structure
 * 2 outside it, six children, an adult, and events from September 2025 to
 * October 2026 with evenings on the days the clocks change. */
static void fixture(void)
{
	int64_t day, first = day_of(2025, 9, 1), last = day_of(2026, 10, 18);
	size_t i;

	exec("INSERT INTO organisation (id, kind, parent_id, name, created_at) VALUES (1, 'operateur', NULL, 'France', 0)");
	exec("INSERT INTO organisation (id, kind, parent_id, name, created_at) VALUES (2, 'financeur', 1, 'Ville', 0)");
	exec("INSERT INTO structure (id, name, code, created_at, financeur_id) VALUES (1, 'Les Hiboux', 'HIB', 0, 2)");
	exec("INSERT INTO structure (id, name, code, created_at) VALUES (2, 'La Ruche', 'RUC', 0)");
	exec("INSERT INTO class_group (id, structure_id, name) VALUES (1, 1, 'Mardi')");
	for (i = 0; i < CHILDREN; i++) {
		char sql[256];

		snprintf(sql, sizeof(sql), "INSERT INTO account (id, structure_id, role, login, first_name, level, secret_hash, created_at) "
			 "VALUES (%lld, %lld, 'eleve', 'e%lld', 'E', '%s', 'x', 0)", (long long)children[i].id,
			 (long long)children[i].structure_id, (long long)children[i].id, children[i].level);
		exec(sql);
		if (children[i].in_group) {
			snprintf(sql, sizeof(sql), "INSERT INTO group_member (group_id, account_id) VALUES (1, %lld)", (long long)children[i].id);
			exec(sql);
		}
	}
	exec("INSERT INTO account (id, structure_id, role, login, first_name, secret_hash, created_at) VALUES (20, 1, 'accompagnateur', 'a', 'A', 'x', 0)");
	event_count = 0;
	seed = 7;
	for (day = first; day <= last; day += 1 + next_random() % 4) {
		int n = 1 + (int)(next_random() % 3), k;

		for (k = 0; k < n; k++) {
			int64_t at = paris_day_start(day) + 8 * 3600 + (int64_t)(next_random() % (15 * 3600));
			uint32_t person = next_random() % (CHILDREN + 1);

			event_add(at, person == CHILDREN ? ADULT_ID : children[person].id, (int)(next_random() % 3));
		}
	}
	/* The evenings of the clock changes, and of New Year's Eve. */
	event_add(late_evening(day_of(2025, 10, 26)), 12, 1);
	event_add(late_evening(day_of(2026, 3, 29)), 12, 1);
	event_add(late_evening(day_of(2026, 3, 29)), 14, 1);
	event_add(paris_day_start(day_of(2026, 3, 30)) + 10 * 60, 13, 1);
	event_add(late_evening(day_of(2025, 12, 31)), 10, 0);
}

/* The indicator's figure counted from the events themselves. */
static void expected(const struct partner_indicator *p, int scope, int64_t from_day, int64_t to_day, int64_t *count, int64_t *distinct)
{
	int64_t seen[64] = { 0 };
	size_t i, c;

	*count = *distinct = 0;
	if (p->own_period) {
		from_day = p->from_day;
		to_day = p->to_day;
	}
	for (i = 0; i < event_count; i++) {
		const struct event *e = &events[i];
		int64_t day = paris_day(e->at);

		if (day < from_day || day > to_day || e->account_id == ADULT_ID)
			continue;
		if (*p->feature && strcmp(p->feature, e->feature) != 0)
			continue;
		if (*p->action && strcmp(p->action, e->action) != 0)
			continue;
		if (scope > 0 && e->structure_id != 1)
			continue;
		for (c = 0; children[c].id != e->account_id; c++)
			;
		if (*p->level && strcmp(p->level, children[c].level) != 0)
			continue;
		if (p->group_id && !children[c].in_group)
			continue;
		(*count)++;
		if (!seen[e->account_id]++)
			(*distinct)++;
	}
}

/* The test indicators: scope 0 national (organisation 1), 1 the
 * financeur, 2 structure 1. */
static const struct {
	int scope;
	struct partner_input in;
} defined[] = {
	{ 0, { "Activités envoyées", "events", "activites", "submit", "", "", "", NULL, NULL, NULL } },
	{ 1, { "Enfants actifs", "children", "", "", "", "", "", NULL, NULL, NULL } },
	{ 2, { "Événements CM1", "events", "", "", "CM1", "", "", NULL, NULL, NULL } },
	{ 2, { "Enfants du groupe", "children", "", "", "", "1", "", NULL, NULL, NULL } },
	{ 0, { "Connectés en mars", "children", "connexion", "sign-in", "", "", "", "2026-03-01", "2026-03-31", NULL } },
};
#define DEFINED (sizeof(defined) / sizeof(defined[0]))

static void indicators_define(void)
{
	static const char *const scopes[] = { "organisation", "organisation", "structure" };
	static const int64_t scope_ids[] = { 1, 2, 1 };
	size_t i;

	for (i = 0; i < DEFINED; i++) {
		struct partner_indicator p;
		struct field_errors errors = { 0 };
		int scope = defined[i].scope;

		assert_true(partner_check(db, &defined[i].in, scope == 2 ? 1 : 0, &p, &errors));
		assert_int_equal(partner_insert(db, scopes[scope], scope_ids[scope], &p, ADULT_ID), 0);
	}
}

/* Indicator i as the dashboards read it. */
static void indicator_get(size_t i, struct partner_indicator *out)
{
	static const char *const scopes[] = { "organisation", "organisation", "structure" };
	static const int64_t scope_ids[] = { 1, 2, 1 };
	struct partner_indicator list[PARTNER_LIST_MAX];
	int scope = defined[i].scope, count = partner_list(db, scopes[scope], scope_ids[scope], list, PARTNER_LIST_MAX), k;

	for (k = 0; k < count; k++)
		if (strcmp(list[k].name, defined[i].in.name) == 0) {
			*out = list[k];
			return;
		}
	fail_msg("indicator %s not found", defined[i].in.name);
}

/* The period read together with the one before it, as the dashboards
 * compare them: the period's result is `alone`'s, the previous period's
 * is computed from the events, and an indicator with its own period has
 * none. */
static void check_with_previous(const struct partner_indicator *p, int scope, int64_t from_day, int64_t to_day,
				const struct partner_result *alone)
{
	const int64_t days[PARTNER_PERIODS][2] = { { from_day, to_day }, { from_day - (to_day - from_day + 1), from_day - 1 } };
	struct partner_result both[PARTNER_PERIODS];
	int64_t count, distinct;

	assert_int_equal(partner_compute_periods(db, p, days, true, both), 0);
	assert_true(both[0].value == alone->value);
	assert_int_equal(both[0].children, alone->children);
	if (p->own_period || strcmp(p->kind, "value") == 0) {
		assert_int_equal(both[1].children, -1);
		return;
	}
	expected(p, scope, days[1][0], days[1][1], &count, &distinct);
	assert_int_equal(both[1].children, distinct);
	assert_true(both[1].value == (double)(strcmp(p->kind, "children") == 0 ? distinct : count));
}

static void check_period(int64_t from_day, int64_t to_day)
{
	size_t i;

	for (i = 0; i < DEFINED; i++) {
		struct partner_indicator p;
		struct partner_result r, quick;
		int64_t count, distinct;
		char from[16], to[16];

		indicator_get(i, &p);
		expected(&p, defined[i].scope, from_day, to_day, &count, &distinct);
		assert_int_equal(partner_compute(db, &p, from_day, to_day, true, &r), 0);
		/* Without the threshold, an events indicator skips its children. */
		assert_int_equal(partner_compute(db, &p, from_day, to_day, false, &quick), 0);
		assert_true(quick.value == r.value);
		if (strcmp(p.kind, "events") == 0)
			assert_int_equal(quick.children, -1);
		day_format(from_day, from, sizeof(from));
		day_format(to_day, to, sizeof(to));
		if (r.children != distinct || r.value != (double)(strcmp(p.kind, "children") == 0 ? distinct : count))
			fail_msg("%s, %s to %s: got %g (%lld children), expected %lld events, %lld children", p.name, from, to, r.value,
				 (long long)r.children, (long long)count, (long long)distinct);
		check_with_previous(&p, defined[i].scope, from_day, to_day, &r);
	}
}

static void fill(int64_t now, int expected_steps)
{
	int steps = 0, rc;

	while ((rc = partner_backfill_step(db, now)) == 1)
		steps++;
	assert_int_equal(rc, 0);
	assert_int_equal(steps, expected_steps);
}

/* Periods of every kind the dashboards ask for. */
static void check_all_periods(void)
{
	check_period(day_of(2026, 3, 29), day_of(2026, 3, 29));   /* spring forward */
	check_period(day_of(2026, 3, 30), day_of(2026, 3, 30));
	check_period(day_of(2025, 10, 26), day_of(2025, 10, 26)); /* fall back */
	check_period(day_of(2025, 12, 31), day_of(2026, 1, 1));
	check_period(day_of(2026, 3, 23), day_of(2026, 3, 29));   /* a week */
	check_period(day_of(2025, 12, 1), day_of(2025, 12, 31));  /* a month */
	check_period(day_of(2025, 9, 1), day_of(2026, 8, 31));    /* a school year */
	check_period(day_of(2025, 12, 15), day_of(2026, 2, 10));  /* cut months around a whole one */
	check_period(day_of(2025, 8, 1), day_of(2026, 10, 31));   /* a year and months on both sides */
	check_period(day_of(2025, 9, 20), day_of(2026, 10, 5));   /* a year with cut months on both sides */
	check_period(day_of(2026, 10, 1), day_of(2026, 10, 31));
}

static void rolled_up_figures(void **state)
{
	struct partner_indicator p;
	struct partner_result r;
	char sql[256];
	size_t i;

	fixture();
	indicators_define();
	/* Before the backfill, every computed indicator is being computed;
	 * an entered value would not be. */
	for (i = 0; i < DEFINED; i++) {
		indicator_get(i, &p);
		assert_int_equal(partner_compute(db, &p, day_of(2025, 9, 1), day_of(2026, 8, 31), true, &r), 1);
	}
	/* September 2025 to October 2026: 14 months for each indicator. */
	fill(paris_day_start(day_of(2026, 10, 18)) + 12 * 3600, 14 * (int)DEFINED);
	check_all_periods();

	/* New events today and yesterday, then the server's refresh of those
	 * two days: the other days of October keep their children. */
	event_add(paris_day_start(day_of(2026, 10, 19)) + 15 * 3600, 15, 0);
	event_add(paris_day_start(day_of(2026, 10, 20)) + 16 * 3600, 12, 1);
	event_add(late_evening(day_of(2026, 10, 20)), 10, 1);
	assert_int_equal(partner_rollup_days(db, day_of(2026, 10, 19), day_of(2026, 10, 20)), 0);
	check_all_periods();
	check_period(day_of(2026, 10, 20), day_of(2026, 10, 20));

	/* A day rolled up again drops the children whose events were deleted
	 * since, as an erasure of the event log would delete them. */
	event_add(paris_day_start(day_of(2026, 10, 20)) + 10 * 3600, 11, 2);
	assert_int_equal(partner_rollup_days(db, day_of(2026, 10, 20), day_of(2026, 10, 20)), 0);
	check_period(day_of(2026, 10, 19), day_of(2026, 10, 20));
	snprintf(sql, sizeof(sql), "DELETE FROM usage_event WHERE account_id = 11 AND at = %lld", (long long)events[--event_count].at);
	exec(sql);
	assert_int_equal(partner_rollup_days(db, day_of(2026, 10, 20), day_of(2026, 10, 20)), 0);
	check_period(day_of(2026, 10, 19), day_of(2026, 10, 20));
	assert_int_equal(partner_backfill_step(db, paris_day_start(day_of(2026, 10, 20))), 0);
}

/* An indicator defined on a database with no event yet is ready at once,
 * with zeros, and the next refresh counts what comes. */
static void no_events_yet(void **state)
{
	struct partner_indicator p;
	struct partner_result r;
	int64_t today = day_of(2026, 11, 3);

	exec("INSERT INTO organisation (id, kind, parent_id, name, created_at) VALUES (1, 'operateur', NULL, 'France', 0)");
	exec("INSERT INTO organisation (id, kind, parent_id, name, created_at) VALUES (2, 'financeur', 1, 'Ville', 0)");
	exec("INSERT INTO structure (id, name, code, created_at, financeur_id) VALUES (1, 'Les Hiboux', 'HIB', 0, 2)");
	exec("INSERT INTO class_group (id, structure_id, name) VALUES (1, 1, 'Mardi')");
	exec("INSERT INTO account (id, structure_id, role, login, first_name, level, secret_hash, created_at) VALUES (10, 1, 'eleve', 'e', 'E', 'CE2', 'x', 0)");
	event_count = 0;
	indicators_define();
	fill(paris_day_start(today), (int)DEFINED);
	indicator_get(0, &p);
	assert_int_equal(partner_compute(db, &p, today, today, true, &r), 0);
	assert_true(r.value == 0 && r.children == 0);
	event_add(paris_day_start(today) + 9 * 3600, 10, 1);
	assert_int_equal(partner_rollup_days(db, today, today), 0);
	assert_int_equal(partner_compute(db, &p, today - 3, today, true, &r), 0);
	assert_true(r.value == 1 && r.children == 1);
}

/* A damaged set is an error, not a wrong figure. */
static void damaged_set(void **state)
{
	struct partner_indicator p;
	struct partner_result r;

	no_events_yet(state);
	indicator_get(0, &p);
	exec("UPDATE partner_month SET members = substr(members, 1, 5)");
	assert_int_equal(partner_compute(db, &p, day_of(2026, 11, 1), day_of(2026, 11, 5), true, &r), -1);
	assert_int_equal(partner_rollup_days(db, day_of(2026, 11, 3), day_of(2026, 11, 3)), -1);
}

static int db_connect(void)
{
	char err[256];

	db = db_open(url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "db_open failed: %s\n", err);
		return -1;
	}
	return db_migrate(db) < 0 ? -1 : 0;
}

static int sqlite_setup(void **state)
{
	if (sqlite_scratch_create("ardoise-partner", url, sizeof(url)) < 0)
		return -1;
	return db_connect();
}

static int sqlite_teardown(void **state)
{
	db_close(db);
	db = NULL;
	sqlite_scratch_remove(url);
	return 0;
}

static int pg_setup(void **state)
{
	if (pg_scratch_create(pg_scratch_server(), pg_name, sizeof(pg_name), url, sizeof(url)) < 0)
		return -1;
	return db_connect();
}

static int pg_teardown(void **state)
{
	db_close(db);
	db = NULL;
	return pg_scratch_drop(pg_scratch_server(), pg_name);
}

#define PARTNER_TESTS(setup, teardown)                                   \
	cmocka_unit_test_setup_teardown(rolled_up_figures, setup, teardown), \
	cmocka_unit_test_setup_teardown(no_events_yet, setup, teardown),     \
	cmocka_unit_test_setup_teardown(damaged_set, setup, teardown)

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = { PARTNER_TESTS(sqlite_setup, sqlite_teardown) };
	const struct CMUnitTest postgresql_tests[] = { PARTNER_TESTS(pg_setup, pg_teardown) };
	int failed = cmocka_run_group_tests_name("partner_rollup_sqlite", sqlite_tests, NULL, NULL);

	if (pg_scratch_server())
		failed += cmocka_run_group_tests_name("partner_rollup_postgresql", postgresql_tests, NULL, NULL);
	else
		fprintf(stderr, "test_partner_rollup: ARDOISE_TEST_PG_URL is not set, PostgreSQL tests skipped\n");
	return failed;
}
