/* Unit tests of the tutoring indicators on a SQLite database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "tutor/tutor.h"

#define NOW 1796657400 /* Monday 2026-12-07 16:30 in Paris */

static char path[] = "/tmp/ardoise-tutor-stats-XXXXXX";

/* One question asked `age` seconds before NOW, first answered `delay`
 * seconds later by tuteur `by` (no answer when `delay` is negative). */
static void question_add(struct db *db, int64_t age, int64_t delay, int by)
{
	char sql[512];

	if (delay < 0)
		snprintf(sql, sizeof(sql), "INSERT INTO tutoring_question (child_id, origin, created_at, last_message_at) VALUES (1, 'aide', %lld, %lld)",
			 (long long)(NOW - age), (long long)(NOW - age));
	else
		snprintf(sql, sizeof(sql), "INSERT INTO tutoring_question (child_id, origin, status, claimed_by, created_at, last_message_at, first_answer_at, first_answer_by) "
					   "VALUES (1, 'aide', 'claimed', %d, %lld, %lld, %lld, %d)",
			 by, (long long)(NOW - age), (long long)(NOW - age), (long long)(NOW - age + delay), by);
	assert_int_equal(db_exec(db, sql), 0);
}

static int setup(void **state)
{
	char err[256];
	int fd = mkstemp(path);
	struct db *db;

	assert_true(fd >= 0);
	close(fd);
	db = db_open(path, err, sizeof(err));
	assert_non_null(db);
	assert_true(db_migrate(db) > 0);
	assert_int_equal(db_exec(db, "INSERT INTO account (id, role, login, first_name, secret_hash, created_at) VALUES "
				     "(1, 'eleve', 'c', 'C', 'x', 0), (2, 'tuteur', 't2', 'T', 'x', 0), (3, 'tuteur', 't3', 'U', 'x', 0)"), 0);
	/* Tuteur 2: 60, 120, 180, 240 and 600 s. Tuteur 3: 30 h (late). */
	question_add(db, 3600, 60, 2);
	question_add(db, 3600, 120, 2);
	question_add(db, 3600, 180, 2);
	question_add(db, 3600, 240, 2);
	question_add(db, 3600, 600, 2);
	question_add(db, 40 * 3600, 30 * 3600, 3);
	/* Never answered: one old (counts as unanswered), one recent. */
	question_add(db, 30 * 3600, -1, 0);
	question_add(db, 600, -1, 0);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	unlink(path);
	return 0;
}

static void stats_overall(void **state)
{
	struct tutor_stats s;

	assert_int_equal(tutor_stats_compute(*state, NOW - 7 * 86400, NOW, 0, &s), 0);
	assert_int_equal(s.questions, 8);
	assert_int_equal(s.answered, 6);
	/* Sorted delays 60, 120, 180, 240, 600, 108000: nearest rank 3 and 6. */
	assert_int_equal(s.median_first_answer, 180);
	assert_int_equal(s.p90_first_answer, 108000);
	/* The 30 h answer and the 30 h old question without one. */
	assert_int_equal(s.unanswered_24h, 2);
}

static void stats_per_tuteur(void **state)
{
	struct tutor_stats s;

	assert_int_equal(tutor_stats_compute(*state, NOW - 7 * 86400, NOW, 2, &s), 0);
	assert_int_equal(s.questions, 5);
	assert_int_equal(s.answered, 5);
	assert_int_equal(s.median_first_answer, 180);
	assert_int_equal(s.p90_first_answer, 600);
	assert_int_equal(s.unanswered_24h, 0);
	assert_int_equal(tutor_stats_compute(*state, NOW - 7 * 86400, NOW, 3, &s), 0);
	assert_int_equal(s.answered, 1);
	assert_int_equal(s.unanswered_24h, 1);
}

static void stats_without_answers(void **state)
{
	struct tutor_stats s;

	assert_int_equal(tutor_stats_compute(*state, NOW - 60, NOW, 0, &s), 0);
	assert_int_equal(s.questions, 0);
	assert_int_equal(s.median_first_answer, -1);
	assert_int_equal(s.p90_first_answer, -1);
}

static void questions_by_paris_day(void **state)
{
	int64_t counts[3];

	assert_int_equal(tutor_questions_per_day(*state, NOW, counts, 3), 0);
	/* Today: five at 15:30 and one at 16:20. Sunday: the ones asked 30 h
	 * and 40 h before, at 10:30 and 00:30. Saturday: none. */
	assert_int_equal(counts[2], 6);
	assert_int_equal(counts[1], 2);
	assert_int_equal(counts[0], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stats_overall),
		cmocka_unit_test(stats_per_tuteur),
		cmocka_unit_test(stats_without_answers),
		cmocka_unit_test(questions_by_paris_day),
	};

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	return cmocka_run_group_tests_name("tutor_stats", tests, setup, teardown);
}
