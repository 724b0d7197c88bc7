/*
 * eval-events: fill a database made by make-volume-db with what the
 * evaluation dashboards need: an organisation tree above its structures
 * (académies, départements, financeurs), an opérateur account for the
 * benchmark, and usage events for every child over a number of school
 * days. With --measure-queue it also times event_record_account() and the
 * flush of the queue.
 *
 * Each child is active on a school day with the chance --active (percent)
 * and then has one connection after school, with 4 to 14 events a few
 * minutes apart; 7 in 10 connections end with a sign-out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/password.h"
#include "eval/event.h"
#include "eval/indicator.h"
#include "eval/paris_time.h"
#include "store/db.h"

#define ACADEMIES 3
#define DEPARTEMENTS_PER_ACADEMIE 2
#define FINANCEURS_PER_DEPARTEMENT 5
#define FINANCEURS (ACADEMIES * DEPARTEMENTS_PER_ACADEMIE * FINANCEURS_PER_DEPARTEMENT)
#define OPERATOR_LOGIN "bench-operateur"
#define OPERATOR_PASSWORD "bench-operateur-2025"
#define QUEUE_CALLS 100000

struct options {
	const char *db_url;
	const char *start;
	long days;
	long active_percent;
	int measure_queue;
	int profile; /* only time the indicator computations */
};

static void die(const char *what, struct db *db)
{
	fprintf(stderr, "eval-events: %s failed: %s\n", what, db ? db_errmsg(db) : "");
	exit(1);
}

static long count_option(const char *name, const char *text, long max)
{
	char *end;
	long value;

	errno = 0;
	value = text ? strtol(text, &end, 10) : -1;
	if (!text || errno || *end || value < 1 || value > max) {
		fprintf(stderr, "eval-events: invalid value for %s: \"%s\" (expected an integer from 1 to %ld)\n", name, text ? text : "", max);
		exit(2);
	}
	return value;
}

static void options_parse(int argc, char **argv, struct options *o)
{
	int i;

	o->start = "2025-09-01";
	o->days = 20;
	o->active_percent = 40;
	for (i = 1; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "--db") == 0 && value)
			o->db_url = argv[++i];
		else if (strcmp(argv[i], "--start") == 0 && value)
			o->start = argv[++i];
		else if (strcmp(argv[i], "--days") == 0)
			o->days = count_option("--days", argv[++i], 400);
		else if (strcmp(argv[i], "--active") == 0)
			o->active_percent = count_option("--active", argv[++i], 100);
		else if (strcmp(argv[i], "--measure-queue") == 0)
			o->measure_queue = 1;
		else if (strcmp(argv[i], "--profile") == 0)
			o->profile = 1;
		else {
			fprintf(stderr, "usage: eval-events --db URL [--start YYYY-MM-DD] [--days N] [--active PERCENT] [--measure-queue] [--profile]\n");
			exit(2);
		}
	}
	if (!o->db_url) {
		fprintf(stderr, "eval-events: --db is required\n");
		exit(2);
	}
}

static int64_t org_insert(struct db *db, const char *kind, int64_t parent, const char *name)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO organisation (kind, parent_id, name, code, created_at) VALUES (?, ?, ?, '', 0) RETURNING id");
	int64_t id = -1;

	db_bind_text(st, 1, kind);
	db_bind_int(st, 2, parent);
	db_bind_text(st, 3, name);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	if (id < 0)
		die("organisation insert", db);
	return id;
}

/* Académies, départements and financeurs under the national root, and the
 * structures without a financeur spread over the financeurs. */
static void tree_build(struct db *db)
{
	int64_t root = db_query_int(db, "SELECT min(id) FROM organisation WHERE kind = 'operateur'", 0), financeurs[FINANCEURS];
	int a, d, f, n = 0;
	char name[64];
	struct db_stmt *st;
	int64_t structures = 0;

	if (root <= 0)
		die("finding the national organisation (run ardoise init --demo first)", NULL);
	for (a = 0; a < ACADEMIES; a++) {
		int64_t academie, departement;

		snprintf(name, sizeof(name), "Académie bench %d", a + 1);
		academie = org_insert(db, "academie", root, name);
		for (d = 0; d < DEPARTEMENTS_PER_ACADEMIE; d++) {
			snprintf(name, sizeof(name), "Département bench %d-%d", a + 1, d + 1);
			departement = org_insert(db, "departement", academie, name);
			for (f = 0; f < FINANCEURS_PER_DEPARTEMENT; f++) {
				snprintf(name, sizeof(name), "Financeur bench %d-%d-%d", a + 1, d + 1, f + 1);
				financeurs[n++] = org_insert(db, "financeur", departement, name);
			}
		}
	}
	for (n = 0; n < FINANCEURS; n++) {
		st = db_prepare(db, "UPDATE structure SET financeur_id = ? WHERE financeur_id IS NULL AND id % ? = ?");
		db_bind_int(st, 1, financeurs[n]);
		db_bind_int(st, 2, FINANCEURS);
		db_bind_int(st, 3, n);
		if (db_step(st) == DB_ERROR)
			die("structure update", db);
		db_reset(st);
		structures += db_changes(db);
	}
	printf("tree: %d académies, %d financeurs, %lld structures attached\n", ACADEMIES, FINANCEURS, (long long)structures);
}

static void operator_create(struct db *db)
{
	char hash[PASSWORD_HASH_BYTES];
	struct db_stmt *st;
	int64_t id = -1;

	if (password_hash(OPERATOR_PASSWORD, hash) < 0)
		die("password hash", NULL);
	st = db_prepare(db, "INSERT INTO account (role, login, first_name, last_initial, secret_hash, created_at) "
			    "VALUES ('operateur', '" OPERATOR_LOGIN "', 'Bench', 'O.', ?, 0) RETURNING id");
	db_bind_text(st, 1, hash);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	if (id < 0)
		die("operator insert", db);
	st = db_prepare(db, "INSERT INTO role_grant (account_id, role, organisation_id) SELECT ?, 'operateur', min(id) FROM organisation WHERE kind = 'operateur'");
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ERROR)
		die("operator grant", db);
	db_reset(st);
}

struct child {
	int64_t id, structure_id;
};

static struct child *children_load(struct db *db, size_t *count)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, coalesce(structure_id, 0) FROM account WHERE role = 'eleve' ORDER BY id");
	struct child *list = NULL;
	size_t n = 0, cap = 0;

	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			list = realloc(list, cap * sizeof(*list));
			if (!list)
				die("memory", NULL);
		}
		list[n].id = db_column_int(st, 0);
		list[n++].structure_id = db_column_int(st, 1);
	}
	db_reset(st);
	*count = n;
	return list;
}

/* Events are written in multi-row INSERTs of EVENT_BATCH rows, so a
 * PostgreSQL run pays one round trip per batch instead of one per event. */
#define EVENT_BATCH 500
#define EVENT_ROW "(?, ?, ?, ?, ?, ?, ?, ?)"
#define EVENT_INSERT "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object, value) VALUES "

struct event_row {
	int64_t at, account_id, structure_id, connection_id, value;
	const char *feature, *action, *object;
};

static struct event_row pending[EVENT_BATCH];
static size_t pending_count;

/* The text of the INSERT of a full batch, built on the first call. Its
 * address stays the same, as the statement cache needs. */
static const char *batch_sql(void)
{
	static char text[sizeof(EVENT_INSERT) + EVENT_BATCH * (sizeof(EVENT_ROW) + 2)];
	size_t i, len;

	if (text[0])
		return text;
	len = (size_t)snprintf(text, sizeof(text), "%s", EVENT_INSERT);
	for (i = 0; i < EVENT_BATCH; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s", i ? ", " : "", EVENT_ROW);
	return text;
}

/* Insert `count` queued rows from `first` with `sql`, which has `count` rows. */
static void rows_insert(struct db *db, const char *sql, size_t first, size_t count)
{
	struct db_stmt *st = db_prepare(db, sql);
	size_t i;
	int n = 1;

	if (!st)
		die("event insert prepare", db);
	for (i = first; i < first + count; i++) {
		const struct event_row *e = &pending[i];

		db_bind_int(st, n++, e->at);
		db_bind_int(st, n++, e->account_id);
		db_bind_int(st, n++, e->structure_id);
		db_bind_int(st, n++, e->connection_id);
		db_bind_text(st, n++, e->feature);
		db_bind_text(st, n++, e->action);
		db_bind_text(st, n++, e->object);
		db_bind_int(st, n++, e->value);
	}
	if (db_step(st) == DB_ERROR)
		die("event insert", db);
	db_reset(st);
}

/* Write the queued events: a full batch in one statement, the rest of a
 * day one row at a time, so only two statements are ever prepared. */
static void events_flush(struct db *db)
{
	size_t i;

	if (pending_count == EVENT_BATCH)
		rows_insert(db, batch_sql(), 0, EVENT_BATCH);
	else
		for (i = 0; i < pending_count; i++)
			rows_insert(db, EVENT_INSERT EVENT_ROW, i, 1);
	pending_count = 0;
}

/* Add one event to the batch. The strings must outlive the batch: they
 * are literals here. */
static void event_insert(struct db *db, int64_t at, const struct child *c, int64_t connection, const char *feature,
			 const char *action, const char *object, int64_t value)
{
	struct event_row *e = &pending[pending_count++];

	e->at = at;
	e->account_id = c->id;
	e->structure_id = c->structure_id;
	e->connection_id = connection;
	e->feature = feature;
	e->action = action;
	e->object = object;
	e->value = value;
	if (pending_count == EVENT_BATCH)
		events_flush(db);
}

/* One after-school connection of a child; returns the events written. */
static long connection_write(struct db *db, const struct child *c, int64_t day, int64_t connection)
{
	static const char *const pages[] = { "accueil", "matieres", "resultats", "lecture" };
	int64_t at = paris_day_start(day) + 16 * 3600 + 30 * 60 + rand() % 5400;
	int steps = 4 + rand() % 11, i;
	long written = 0;

	event_insert(db, at, c, connection, EVENT_FEATURE_SESSION, EVENT_ACTION_SIGN_IN, "", 0);
	for (i = 0; i < steps; i++, written++) {
		int kind = rand() % 10;

		at += 30 + rand() % 240;
		if (kind < 4)
			event_insert(db, at, c, connection, pages[rand() % 4], EVENT_ACTION_PAGE, "", 0);
		else if (kind < 7)
			event_insert(db, at, c, connection, EVENT_FEATURE_ACTIVITIES, EVENT_ACTION_START, "maths-ce2-nombres-jusqu-a-10000", 0);
		else if (kind < 9)
			event_insert(db, at, c, connection, EVENT_FEATURE_ACTIVITIES, EVENT_ACTION_SUBMIT, "maths-ce2-nombres-jusqu-a-10000", rand() % 101);
		else if (rand() % 4)
			event_insert(db, at, c, connection, EVENT_FEATURE_RESOURCES, EVENT_ACTION_OPEN, "fiche-nombres", 0);
		else
			event_insert(db, at, c, connection, EVENT_FEATURE_TUTORING, EVENT_ACTION_MESSAGE, "", 0);
	}
	if (rand() % 10 < 7) {
		event_insert(db, at + 60, c, connection, EVENT_FEATURE_SESSION, EVENT_ACTION_SIGN_OUT, "", 0);
		written++;
	}
	return written + 1;
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void events_generate(struct db *db, const struct options *o, const struct child *children, size_t count)
{
	int64_t day, first;
	char last[16];
	long done = 0, total = 0;
	int64_t connection = 1;
	struct timespec start;
	size_t i;

	if (!day_parse(o->start, &first))
		die("--start date (expected YYYY-MM-DD)", NULL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (day = first; done < o->days; day++) {
		long events = 0;
		char shown[16];

		/* School days: not on Saturday or Sunday. */
		if (day_weekday(day) >= 5)
			continue;
		if (db_begin(db) < 0)
			die("begin", db);
		for (i = 0; i < count; i++)
			if (rand() % 100 < o->active_percent)
				events += connection_write(db, &children[i], day, connection++);
		events_flush(db);
		if (db_commit(db) < 0)
			die("commit", db);
		total += events;
		done++;
		day_format(day, shown, sizeof(shown));
		printf("day %ld/%ld (%s): %ld events, %ld in all, %.0f s\n", done, o->days, shown, events, total, seconds_since(&start));
		fflush(stdout);
	}
	day_format(day - 1, last, sizeof(last));
	printf("last day: %s\n", last);
}

/* Time the call a request makes, and the flusher's write of a batch. */
static void queue_measure(struct db *db, const struct child *children, size_t count)
{
	struct timespec start;
	double call, flush;
	int written, i;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (i = 0; i < QUEUE_CALLS; i++)
		event_record_account(children[(size_t)i % count].id, "bench-session-token", "accueil", EVENT_ACTION_PAGE, NULL, 0);
	call = seconds_since(&start);
	clock_gettime(CLOCK_MONOTONIC, &start);
	written = event_flush(db);
	flush = seconds_since(&start);
	printf("event_record_account: %.0f ns per call (%d calls)\n", call * 1e9 / QUEUE_CALLS, QUEUE_CALLS);
	printf("event_flush: %d events in %.2f s, %.0f events/s in one transaction\n", written, flush, written / flush);
	if (db_exec(db, "DELETE FROM usage_event WHERE connection_id = (SELECT max(connection_id) FROM usage_event)") < 0)
		die("removing the measured events", db);
}

static double clock_ms(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static const char *const profile_steps[] = { "figures, previous period and structures", "features", "trend" };

/* Run computation `step` of a national dashboard of days first..last,
 * compared with as many days before. */
static int profile_step(struct db *db, int step, int64_t first, int64_t last)
{
	const struct stats_periods periods = { first, last, first - (last - first + 1), first - 1 };
	struct stats_scope national = { STATS_NATIONAL, 0 };
	struct stats_figures now, before;
	struct stats_feature features[STATS_MAX_FEATURES];
	struct stats_point points[STATS_MAX_POINTS];
	struct stats_part *parts = NULL;
	bool monthly;
	int rc;

	switch (step) {
	case 0:
		rc = stats_compare_compute(db, &national, &periods, &now, &before, &parts);
		free(parts);
		return rc;
	case 1:
		return stats_features_compute(db, &national, first, last, features, STATS_MAX_FEATURES);
	default:
		return stats_series_compute(db, &national, first, last, points, STATS_MAX_POINTS, &monthly);
	}
}

/* Time what a national dashboard computes, for the school year and for the
 * 45 days the latency run uses. The CPU of this process shows what the
 * latency hides on a loaded machine. The wall clock also includes
 * PostgreSQL's work. */
static void profile(struct db *db, const struct options *o)
{
	static const int steps = sizeof(profile_steps) / sizeof(profile_steps[0]);
	int64_t first, ranges[2][2];
	double cpu, wall, spent[sizeof(profile_steps) / sizeof(profile_steps[0])][2], total[2];
	int range, run, step;

	if (!day_parse(o->start, &first))
		die("--start date (expected YYYY-MM-DD)", NULL);
	ranges[0][0] = first;
	ranges[0][1] = first + 364;
	ranges[1][0] = first + 2;
	ranges[1][1] = first + 46;
	for (range = 0; range < 2; range++) {
		/* The third run is kept: the first ones warm the caches. */
		for (run = 0; run < 3; run++)
			for (step = 0; step < steps; step++) {
				cpu = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
				wall = clock_ms(CLOCK_MONOTONIC);
				if (profile_step(db, step, ranges[range][0], ranges[range][1]) < 0)
					die("indicator computation", db);
				spent[step][0] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu;
				spent[step][1] = clock_ms(CLOCK_MONOTONIC) - wall;
			}
		total[0] = total[1] = 0;
		printf("national %s, third run, CPU of this process / wall clock:", range ? "range of 45 days" : "school year");
		for (step = 0; step < steps; step++) {
			printf(" %s %.1f / %.1f ms,", profile_steps[step], spent[step][0], spent[step][1]);
			total[0] += spent[step][0];
			total[1] += spent[step][1];
		}
		printf(" in all %.1f / %.1f ms\n", total[0], total[1]);
	}
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct child *children;
	size_t count;
	char err[256];
	struct db *db;

	options_parse(argc, argv, &o);
	db = db_open(o.db_url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "eval-events: %s\n", err);
		return 1;
	}
	if (o.profile) {
		profile(db, &o);
		db_close(db);
		return 0;
	}
	srand(20250901);
	tree_build(db);
	operator_create(db);
	children = children_load(db, &count);
	if (count == 0)
		die("finding children (run make-volume-db first)", NULL);
	printf("children: %zu\n", count);
	if (o.measure_queue)
		queue_measure(db, children, count);
	events_generate(db, &o, children, count);
	free(children);
	db_close(db);
	return 0;
}
