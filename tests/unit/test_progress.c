/* Unit tests of the rules that choose a child's next activity, in their
 * order: assigned work, a review due, the weakest competency en cours, an
 * activity never done, then the one done longest ago. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/catalog.h"
#include "learn/progress.h"

#define CHILD 40
#define NOW 1800000000

static struct db *db;
static struct catalog catalog;
static char path[] = "/tmp/ardoise-progress-XXXXXX";

/* An activity of one question at `level` on `competency`. */
static void add_activity(const char *id, const char *level, const char *competency)
{
	char text[1024], sql[512];
	struct content_error err = { 0 };

	snprintf(text, sizeof(text),
		 "---\nid: %s\ntype: activite\nsubject: mathematiques\nlevels: [%s]\ncompetencies: [%s]\n"
		 "title: Activité %s\nminutes: 5\nauthor: Test\nreviewer: Test\nversion: 1\n---\n\n## Question\n\nCombien ?\n\n= 2\n",
		 id, level, competency, id);
	assert_int_equal(catalog_add(&catalog, id, text, strlen(text), &err), 0);
	snprintf(sql, sizeof(sql), "INSERT INTO activity (id, version, subject, levels, title, path, source, loaded_at) "
				   "VALUES ('%s', 1, 'mathematiques', 0, '%s', '%s', '', 0)", id, id, id);
	assert_int_equal(db_exec(db, sql), 0);
}

/* An attempt of the child on `id` submitted at `when`. */
static void add_attempt(const char *id, long when)
{
	char sql[512];
	static int key;

	snprintf(sql, sizeof(sql), "INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, "
				   "results, score, max_score, started_at, submitted_at) VALUES (%d, '%s', 1, 'k%d', '[]', '[]', 0, 1, %ld, %ld)",
		 CHILD, id, key++, when, when);
	assert_int_equal(db_exec(db, sql), 0);
}

static void set_mastery(const char *competency, int level, double known, long next_review)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO mastery (child_id, competency, known, answers, right_answers, level, review_step, "
				   "last_answer, next_review) VALUES (%d, '%s', %f, 3, 1, %d, 0, %d, %ld) "
				   "ON CONFLICT (child_id, competency) DO UPDATE SET level = excluded.level, known = excluded.known, "
				   "next_review = excluded.next_review",
		 CHILD, competency, known, level, NOW - 100, next_review);
	assert_int_equal(db_exec(db, sql), 0);
}

static struct next_step next(void)
{
	struct next_step step;

	assert_int_equal(progress_next_step(db, &catalog, CHILD, level_parse("CM1"), NOW, &step), 0);
	return step;
}

static int setup(void **state)
{
	char err[256];
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	close(fd);
	db = db_open(path, err, sizeof(err));
	if (!db || db_migrate(db) < 0)
		return -1;
	if (db_exec(db, "INSERT INTO account (id, role, login, first_name, secret_hash, level, created_at) "
			"VALUES (40, 'eleve', 'ines', 'Inès', 'x', 'CM1', 0), (41, 'accompagnateur', 'anim', 'Samir', 'x', NULL, 0)") < 0)
		return -1;
	catalog_init(&catalog);
	add_activity("a-ce2", "CE2", "MA-NC-ENTIERS-C2");
	add_activity("a-fractions-1", "CM1", "MA-NC-FRACTIONS");
	add_activity("a-fractions-2", "CM1", "MA-NC-FRACTIONS");
	add_activity("a-decimaux", "CM1", "MA-NC-DECIMAUX");
	return 0;
}

static int teardown(void **state)
{
	catalog_release(&catalog);
	db_close(db);
	unlink(path);
	return 0;
}

/* The rules are checked in one sequence, each step adding what the next
 * rule needs, so that the order between rules is tested too. */
static void rules_in_order(void **state)
{
	struct next_step step = next();
	struct assignment_work ce2 = { "a-ce2", NULL, NULL }, decimals = { "a-decimaux", NULL, NULL };

	/* Nothing done: the first activity of the child's level, never the CE2 one. */
	assert_int_equal(step.reason, NEXT_DISCOVER);
	assert_string_equal(step.activity->id, "a-fractions-1");

	/* The first one done: the next never done. */
	add_attempt("a-fractions-1", NOW - 3000);
	step = next();
	assert_int_equal(step.reason, NEXT_DISCOVER);
	assert_string_equal(step.activity->id, "a-fractions-2");

	/* Everything done: the one done longest ago. */
	add_attempt("a-fractions-2", NOW - 2000);
	add_attempt("a-decimaux", NOW - 1000);
	step = next();
	assert_int_equal(step.reason, NEXT_AGAIN);
	assert_string_equal(step.activity->id, "a-fractions-1");

	/* A competency en cours comes before: the weakest one. */
	set_mastery("MA-NC-FRACTIONS", 1, 0.6, 0);
	set_mastery("MA-NC-DECIMAUX", 1, 0.3, 0);
	step = next();
	assert_int_equal(step.reason, NEXT_PRACTICE);
	assert_string_equal(step.competency, "MA-NC-DECIMAUX");
	assert_string_equal(step.activity->id, "a-decimaux");

	/* A review due comes before that. */
	set_mastery("MA-NC-FRACTIONS", 2, 0.9, NOW - 10);
	step = next();
	assert_int_equal(step.reason, NEXT_REVIEW);
	assert_string_equal(step.competency, "MA-NC-FRACTIONS");
	assert_string_equal(step.activity->id, "a-fractions-1");

	/* A review not yet due does not count. */
	set_mastery("MA-NC-FRACTIONS", 2, 0.9, NOW + 86400);
	step = next();
	assert_int_equal(step.reason, NEXT_PRACTICE);

	/* Work given by an adult comes first, unless it is of another level. */
	assert_true(assignment_create(db, 0, CHILD, &ce2, 0, 41, NOW - 50) > 0);
	step = next();
	assert_int_equal(step.reason, NEXT_PRACTICE);
	assert_true(assignment_create(db, 0, CHILD, &decimals, NOW + 86400, 41, NOW - 50) > 0);
	step = next();
	assert_int_equal(step.reason, NEXT_ASSIGNED);
	assert_string_equal(step.activity->id, "a-decimaux");
	assert_int_equal(step.due_at, NOW + 86400);

	/* Once done after it was given, the assignment no longer comes first. */
	add_attempt("a-decimaux", NOW - 10);
	step = next();
	assert_int_equal(step.reason, NEXT_PRACTICE);
}

static void competency_assignment_picks_least_recent(void **state)
{
	struct assignment_work fractions = { NULL, NULL, "MA-NC-FRACTIONS" };
	struct next_step step;

	assert_int_equal(db_exec(db, "DELETE FROM assignment"), 0);
	assert_true(assignment_create(db, 0, CHILD, &fractions, 0, 41, NOW - 5) > 0);
	step = next();
	assert_int_equal(step.reason, NEXT_ASSIGNED);
	assert_string_equal(step.competency, "MA-NC-FRACTIONS");
	/* a-fractions-1 was done at NOW - 3000, a-fractions-2 at NOW - 2000. */
	assert_string_equal(step.activity->id, "a-fractions-1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_in_order),
		cmocka_unit_test(competency_assignment_picks_least_recent),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
