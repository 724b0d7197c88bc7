/* Unit tests of Paris days and of the connection rules, on hand-built
 * event sequences. Instants are Unix seconds UTC; each comment gives the
 * Paris time and how the expected value is computed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eval/connection.h"
#include "eval/paris_time.h"

#define MIN 60
#define IDLE (30 * MIN)

/* 2026-01-15 13:00 UTC = 14:00 in Paris (winter, UTC+1). */
#define JAN15_1400 1768482000
/* 2026-01-15 17:00 UTC = 18:00 in Paris. */
#define JAN15_1800 1768496400
/* 2026-01-16 07:00 UTC = 08:00 in Paris. */
#define JAN16_0800 1768546800
/* 2026-01-15 22:30 UTC = 23:30 in Paris. */
#define JAN15_2330 1768516200
/* 2026-03-29 00:50 UTC = 01:50 in Paris, ten minutes before the clocks
 * jump from 02:00 to 03:00 (01:00 UTC). */
#define MAR29_0150 1774745400
/* 2026-10-25 00:50 UTC = 02:50 summer time in Paris, ten minutes before
 * the clocks go back from 03:00 to 02:00 (01:00 UTC). */
#define OCT25_0250 1792889400
#define DAY_JAN15 20468
#define DAY_MAR29 20541
#define DAY_OCT25 20751

static size_t build(const struct connection_event *e, size_t n, struct connection_span *out)
{
	return connection_build(e, n, IDLE, out);
}

static void paris_offset_follows_eu_rule(void **state)
{
	/* The spring change: 00:59:59 UTC is still winter, 01:00 UTC summer. */
	assert_int_equal(paris_offset(MAR29_0150 + 9 * MIN + 59), 3600);
	assert_int_equal(paris_offset(MAR29_0150 + 10 * MIN), 7200);
	/* The autumn change: 00:59:59 UTC is summer, 01:00 UTC winter. */
	assert_int_equal(paris_offset(OCT25_0250 + 9 * MIN + 59), 7200);
	assert_int_equal(paris_offset(OCT25_0250 + 10 * MIN), 3600);
	assert_int_equal(paris_offset(JAN15_1400), 3600);
}

static void change_days_have_23_and_25_hours(void **state)
{
	/* Midnight of 29 March is 23:00 UTC the day before (UTC+1), midnight
	 * of 30 March is 22:00 UTC (UTC+2): 23 hours. */
	assert_int_equal(paris_day_start(DAY_MAR29), 1774738800);
	assert_int_equal(paris_day_start(DAY_MAR29 + 1), 1774821600);
	assert_int_equal(paris_day_seconds(DAY_MAR29), 23 * 3600);
	/* Midnight of 25 October is 22:00 UTC (UTC+2), of 26 October 23:00
	 * UTC (UTC+1): 25 hours. */
	assert_int_equal(paris_day_start(DAY_OCT25), 1792879200);
	assert_int_equal(paris_day_start(DAY_OCT25 + 1), 1792969200);
	assert_int_equal(paris_day_seconds(DAY_OCT25), 25 * 3600);
	assert_int_equal(paris_day_seconds(DAY_JAN15), 24 * 3600);
}

/* The EU rule agrees with the system time zone database on every hour of
 * 2024 to 2030. */
static void paris_day_matches_tz_database(void **state)
{
	int64_t t;

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	for (t = 1704067200; t < 1924992000; t += 3600) {
		time_t tt = (time_t)t;
		struct tm tm;

		localtime_r(&tt, &tm);
		if (tm.tm_gmtoff != paris_offset(t))
			fail_msg("offset at %lld: tz database %ld, EU rule %d", (long long)t, tm.tm_gmtoff, paris_offset(t));
		if (paris_day(t) != day_from_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday))
			fail_msg("day at %lld differs from the tz database", (long long)t);
	}
}

static void dates_parse_and_format(void **state)
{
	int64_t day;
	char text[16];

	assert_true(day_parse("2026-01-15", &day));
	assert_int_equal(day, DAY_JAN15);
	day_format(day, text, sizeof(text));
	assert_string_equal(text, "2026-01-15");
	day_format_french(day, text, sizeof(text));
	assert_string_equal(text, "15/01/2026");
	assert_false(day_parse("2026-02-30", &day));
	assert_false(day_parse("2026-1-5", &day));
	assert_false(day_parse("15/01/2026", &day));
	/* Spaces where digits belong: sscanf alone would read 2026-03-29. */
	assert_false(day_parse("2026- 3-29", &day));
	assert_false(day_parse("2026-\n3-29", &day));
	assert_false(day_parse(NULL, &day));
	/* 2026-01-15 was a Thursday (3, Monday = 0). */
	assert_int_equal(day_weekday(DAY_JAN15), 3);
	assert_int_equal(day_month(DAY_JAN15), 2026 * 12);
	assert_int_equal(month_first_day(2026 * 12 + 2), day_from_date(2026, 3, 1));
}

/* Sign-in 14:00, page 14:05, submit 14:20, then the tab is closed with no
 * sign-out and no beacon: 5 + 15 = 20 minutes. */
static void no_sign_out(void **state)
{
	const struct connection_event e[] = {
		{ JAN15_1400, MARK_NONE }, { JAN15_1400 + 5 * MIN, MARK_NONE }, { JAN15_1400 + 20 * MIN, MARK_NONE },
	};
	struct connection_span c[3];

	assert_int_equal(build(e, 3, c), 1);
	assert_int_equal(c[0].seconds, 20 * MIN);
	assert_int_equal(c[0].day, DAY_JAN15);
	assert_int_equal(c[0].events, 3);
}

/* Sign-in 18:00, page 18:10, the tab stays open all night, the child comes
 * back at 08:00 and 08:05: the 14-hour gap is longer than the idle time,
 * so two connections of 10 and 5 minutes, on two days. */
static void tab_open_overnight(void **state)
{
	const struct connection_event e[] = {
		{ JAN15_1800, MARK_NONE }, { JAN15_1800 + 10 * MIN, MARK_NONE },
		{ JAN16_0800, MARK_NONE }, { JAN16_0800 + 5 * MIN, MARK_NONE },
	};
	struct connection_span c[4];

	assert_int_equal(build(e, 4, c), 2);
	assert_int_equal(c[0].seconds, 10 * MIN);
	assert_int_equal(c[0].day, DAY_JAN15);
	assert_int_equal(c[1].seconds, 5 * MIN);
	assert_int_equal(c[1].day, DAY_JAN15 + 1);
	assert_int_equal(c[1].first, 2);
}

/* 29 March: sign-in 01:50, next page at 03:10 on the clocks, which is 20
 * real minutes later (the hour from 02:00 to 03:00 does not exist). */
static void spring_change_day(void **state)
{
	const struct connection_event e[] = {
		{ MAR29_0150, MARK_NONE }, { MAR29_0150 + 20 * MIN, MARK_NONE }, { MAR29_0150 + 25 * MIN, MARK_SIGN_OUT },
	};
	struct connection_span c[3];

	assert_int_equal(build(e, 3, c), 1);
	assert_int_equal(c[0].seconds, 25 * MIN);
	assert_int_equal(c[0].day, DAY_MAR29);
	assert_int_equal(paris_day(MAR29_0150 + 20 * MIN), DAY_MAR29);
}

/* 25 October: sign-in at 02:50 summer time, next page at 02:10 winter
 * time on the clocks, 20 real minutes later: 20 minutes, not -40. */
static void autumn_change_day(void **state)
{
	const struct connection_event e[] = {
		{ OCT25_0250, MARK_NONE }, { OCT25_0250 + 20 * MIN, MARK_NONE },
	};
	struct connection_span c[2];

	assert_int_equal(build(e, 2, c), 1);
	assert_int_equal(c[0].seconds, 20 * MIN);
	assert_int_equal(c[0].day, DAY_OCT25);
}

/* Sign-in at 23:30, pages at 23:50 and 00:10, sign-out at 00:20: one
 * connection of 50 minutes, counted on the day it started. */
static void sign_in_at_2330(void **state)
{
	const struct connection_event e[] = {
		{ JAN15_2330, MARK_NONE }, { JAN15_2330 + 20 * MIN, MARK_NONE },
		{ JAN15_2330 + 40 * MIN, MARK_NONE }, { JAN15_2330 + 50 * MIN, MARK_SIGN_OUT },
	};
	struct connection_span c[4];

	assert_int_equal(paris_day(JAN15_2330 + 40 * MIN), DAY_JAN15 + 1);
	assert_int_equal(build(e, 4, c), 1);
	assert_int_equal(c[0].seconds, 50 * MIN);
	assert_int_equal(c[0].day, DAY_JAN15);
}

/* Page 14:00, tab closed at 14:04 (beacon), reopened 14:20 and a page at
 * 14:25: 4 + 0 + 5 = 9 minutes in one connection. */
static void closed_tab_counts_zero(void **state)
{
	const struct connection_event e[] = {
		{ JAN15_1400, MARK_NONE }, { JAN15_1400 + 4 * MIN, MARK_HIDE },
		{ JAN15_1400 + 20 * MIN, MARK_NONE }, { JAN15_1400 + 25 * MIN, MARK_NONE },
	};
	struct connection_span c[4];

	assert_int_equal(build(e, 4, c), 1);
	assert_int_equal(c[0].seconds, 9 * MIN);
	assert_int_equal(c[0].ended_at, JAN15_1400 + 25 * MIN);
}

/* A background tab woken after exactly the idle time adds the idle time;
 * one second more starts a new connection. */
static void idle_time_boundary(void **state)
{
	const struct connection_event e[] = {
		{ JAN15_1400, MARK_NONE }, { JAN15_1400 + IDLE, MARK_NONE }, { JAN15_1400 + 2 * IDLE + 1, MARK_NONE },
	};
	struct connection_span c[3];

	assert_int_equal(build(e, 3, c), 2);
	assert_int_equal(c[0].seconds, IDLE);
	assert_int_equal(c[1].seconds, 0);
	assert_int_equal(c[1].events, 1);
}

/* A sign-out ends the connection even if the next event comes soon, and a
 * sign-out alone makes no duration. */
static void sign_out_ends_connection(void **state)
{
	const struct connection_event e[] = {
		{ JAN15_1400, MARK_SIGN_OUT }, { JAN15_1400 + MIN, MARK_NONE }, { JAN15_1400 + 3 * MIN, MARK_NONE },
	};
	struct connection_span c[3];

	assert_int_equal(build(e, 3, c), 2);
	assert_int_equal(c[0].seconds, 0);
	assert_int_equal(c[1].seconds, 2 * MIN);
	assert_int_equal(build(e, 0, c), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paris_offset_follows_eu_rule),
		cmocka_unit_test(change_days_have_23_and_25_hours),
		cmocka_unit_test(paris_day_matches_tz_database),
		cmocka_unit_test(dates_parse_and_format),
		cmocka_unit_test(no_sign_out),
		cmocka_unit_test(tab_open_overnight),
		cmocka_unit_test(spring_change_day),
		cmocka_unit_test(autumn_change_day),
		cmocka_unit_test(sign_in_at_2330),
		cmocka_unit_test(closed_tab_counts_zero),
		cmocka_unit_test(idle_time_boundary),
		cmocka_unit_test(sign_out_ends_connection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
