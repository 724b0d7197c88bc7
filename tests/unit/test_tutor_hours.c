/* Unit tests of the tutoring opening hours, in Paris time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <time.h>

#include "tutor/hours.h"

/* Monday to Friday 16:30 to 19:00, Wednesday 13:30 to 19:00, Saturday
 * 10:00 to 12:00, closed on Sunday. */
static void week_hours(struct tutor_hours *h)
{
	int d;

	for (d = 0; d < 7; d++) {
		h->opens[d] = 990;
		h->closes[d] = 1140;
	}
	h->opens[0] = h->closes[0] = -1;
	h->opens[3] = 810;
	h->opens[6] = 600;
	h->closes[6] = 720;
}

static void parse_times(void **state)
{
	assert_int_equal(tutor_hours_parse_time("16:30"), 990);
	assert_int_equal(tutor_hours_parse_time("9h05"), 545);
	assert_int_equal(tutor_hours_parse_time("9h"), 540);
	assert_int_equal(tutor_hours_parse_time("0:00"), 0);
	assert_int_equal(tutor_hours_parse_time("24:00"), 1440);
	assert_int_equal(tutor_hours_parse_time("24:01"), -1);
	assert_int_equal(tutor_hours_parse_time("25:00"), -1);
	assert_int_equal(tutor_hours_parse_time("16:3"), -1);
	assert_int_equal(tutor_hours_parse_time("16:60"), -1);
	assert_int_equal(tutor_hours_parse_time("16:"), -1);
	assert_int_equal(tutor_hours_parse_time("midi"), -1);
	assert_int_equal(tutor_hours_parse_time(""), -1);
	assert_int_equal(tutor_hours_parse_time(NULL), -1);
}

static void open_in_paris_time(void **state)
{
	struct tutor_hours h;

	week_hours(&h);
	/* Monday 2026-12-07 15:30 UTC is 16:30 in Paris (UTC+1): open. */
	assert_true(tutor_hours_open_at(&h, 1796657400));
	/* 15:29 UTC is 16:29 in Paris: not yet. */
	assert_false(tutor_hours_open_at(&h, 1796657340));
	/* 18:00 UTC is 19:00 in Paris: closed, the closing minute excluded. */
	assert_false(tutor_hours_open_at(&h, 1796666400));
	/* Sunday 2026-12-06 17:00 Paris: closed all day. */
	assert_false(tutor_hours_open_at(&h, 1796572800));
	/* Summer: Monday 2026-06-01 14:30 UTC is 16:30 in Paris (UTC+2). */
	assert_true(tutor_hours_open_at(&h, 1780324200));
}

static void next_opening_skips_closed_days(void **state)
{
	struct tutor_hours h;
	int d;

	week_hours(&h);
	/* Sunday 2026-12-06 13:00 Paris, closed all day: next is Monday 7 at 16:30. */
	assert_int_equal(tutor_hours_next_opening(&h, 1796558400), 1796657400);
	/* Monday 2026-12-07 10:00 Paris: the same day at 16:30. */
	assert_int_equal(tutor_hours_next_opening(&h, 1796634000), 1796657400);
	/* Saturday 2027-03-27 13:00 Paris (UTC+1), the night before summer
	 * time: Monday 29 at 16:30 Paris is 14:30 UTC. */
	assert_int_equal(tutor_hours_next_opening(&h, 1806148800), 1806330600);
	for (d = 0; d < 7; d++)
		h.opens[d] = -1;
	assert_int_equal(tutor_hours_next_opening(&h, 1796558400), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_times),
		cmocka_unit_test(open_in_paris_time),
		cmocka_unit_test(next_opening_skips_closed_days),
	};

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	return cmocka_run_group_tests_name("tutor_hours", tests, NULL, NULL);
}
