/* Unit tests of the mastery model on sequences computed by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "learn/mastery.h"

/* Round numbers so that the steps below can be checked on paper. */
static const struct bkt_params paper = { .known0 = 0.5, .learn = 0.1, .forget = 0, .guess = 0.2, .slip = 0.1 };

static void predict_mixes_slip_and_guess(void **state)
{
	/* 0.5 × (1 − 0.1) + 0.5 × 0.2 = 0.55 */
	assert_float_equal(bkt_predict(&paper, 0.5), 0.55, 1e-12);
	/* 1 × 0.9 = 0.9; 0 × 0.9 + 1 × 0.2 = 0.2 */
	assert_float_equal(bkt_predict(&paper, 1.0), 0.9, 1e-12);
	assert_float_equal(bkt_predict(&paper, 0.0), 0.2, 1e-12);
}

static void right_right_wrong_by_hand(void **state)
{
	double k = paper.known0;

	/* Right: 0.45 / (0.45 + 0.1) = 0.818182, then + 0.181818 × 0.1. */
	k = bkt_update(&paper, k, true);
	assert_float_equal(k, 0.8363636364, 1e-9);
	/* Right: 0.752727 / (0.752727 + 0.163636 × 0.2) = 0.958333, then
	 * + 0.041667 × 0.1. */
	k = bkt_update(&paper, k, true);
	assert_float_equal(k, 0.9625, 1e-9);
	/* Wrong: 0.09625 / (0.09625 + 0.0375 × 0.8) = 0.762376, then
	 * + 0.237624 × 0.1. */
	k = bkt_update(&paper, k, false);
	assert_float_equal(k, 0.7861386139, 1e-9);
}

static void forgetting_lowers_a_known_competency(void **state)
{
	struct bkt_params p = paper;

	p.forget = 0.1;
	/* Right from 1: knew stays 1, then 1 × (1 − 0.1) = 0.9. */
	assert_float_equal(bkt_update(&p, 1.0, true), 0.9, 1e-12);
}

static void levels_follow_answers_and_reviews(void **state)
{
	struct mastery_state s;
	int64_t day = 86400, t = 1800000000;

	memset(&s, 0, sizeof(s));
	assert_int_equal(s.level, MASTERY_TO_DISCOVER);
	mastery_answer(&s, &paper, true, t);
	/* 0.836 after one answer: high, but one answer is not enough. */
	assert_int_equal(s.level, MASTERY_IN_PROGRESS);
	mastery_answer(&s, &paper, true, t + 60);
	assert_int_equal(s.level, MASTERY_IN_PROGRESS);
	mastery_answer(&s, &paper, true, t + 120);
	assert_int_equal(s.answers, 3);
	assert_int_equal(s.right, 3);
	assert_int_equal(s.level, MASTERY_ACQUIRED);
	assert_int_equal(s.next_review, t + 120 + 1 * day);
	/* Right again before the review date: no review passed. */
	mastery_answer(&s, &paper, true, t + 3600);
	assert_int_equal(s.level, MASTERY_ACQUIRED);
	assert_int_equal(s.review_step, 0);
	/* Right after the review date: maîtrisé, next review in 3 days. */
	mastery_answer(&s, &paper, true, t + 2 * day);
	assert_int_equal(s.level, MASTERY_MASTERED);
	assert_int_equal(s.review_step, 1);
	assert_int_equal(s.next_review, t + 2 * day + 3 * day);
	/* A wrong answer brings it back to en cours, without a review date. */
	mastery_answer(&s, &paper, false, t + 6 * day);
	assert_int_equal(s.level, MASTERY_IN_PROGRESS);
	assert_int_equal(s.next_review, 0);
	assert_int_equal(s.review_step, 0);
}

static void review_delays_grow_then_stay(void **state)
{
	assert_int_equal(mastery_review_delay(0), 1 * 86400);
	assert_int_equal(mastery_review_delay(1), 3 * 86400);
	assert_int_equal(mastery_review_delay(2), 7 * 86400);
	assert_int_equal(mastery_review_delay(3), 14 * 86400);
	assert_int_equal(mastery_review_delay(4), 30 * 86400);
	assert_int_equal(mastery_review_delay(9), 30 * 86400);
}

static void record_stores_one_row_per_competency(void **state)
{
	char path[] = "/tmp/ardoise-mastery-XXXXXX", err[256];
	const char *codes[] = { "MA-NC-FRACTIONS", "MA-NC-DECIMAUX" };
	const bool answers[] = { true, false, true };
	struct mastery_state s;
	int fd = mkstemp(path);
	struct db *db;

	assert_true(fd >= 0);
	close(fd);
	db = db_open(path, err, sizeof(err));
	assert_non_null(db);
	assert_true(db_migrate(db) >= 0);
	assert_int_equal(db_exec(db, "INSERT INTO account (id, role, login, first_name, secret_hash, created_at) "
				     "VALUES (40, 'eleve', 'lea', 'Léa', 'x', 0)"), 0);
	assert_int_equal(mastery_load(db, 40, codes[0], &s), 0);
	assert_int_equal(mastery_record(db, 40, codes, 2, answers, 3, 1000), 0);
	assert_int_equal(mastery_load(db, 40, codes[1], &s), 1);
	assert_int_equal(s.answers, 3);
	assert_int_equal(s.right, 2);
	assert_int_equal(s.last_answer, 1000);
	/* A second attempt goes on from the stored state. */
	assert_int_equal(mastery_record(db, 40, codes, 1, answers, 1, 2000), 0);
	assert_int_equal(mastery_load(db, 40, codes[0], &s), 1);
	assert_int_equal(s.answers, 4);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM mastery WHERE child_id = 40", -1), 2);
	db_close(db);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(predict_mixes_slip_and_guess),
		cmocka_unit_test(right_right_wrong_by_hand),
		cmocka_unit_test(forgetting_lowers_a_known_competency),
		cmocka_unit_test(levels_follow_answers_and_reviews),
		cmocka_unit_test(review_delays_grow_then_stay),
		cmocka_unit_test(record_stores_one_row_per_competency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
