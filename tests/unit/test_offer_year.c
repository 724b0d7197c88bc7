/* Unit tests of school years and the tutoring seat check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "offer/offer.h"

static void year_of(time_t when, const char *expected)
{
	char year[16];

	offer_school_year(when, year, sizeof(year));
	assert_string_equal(year, expected);
}

static void school_year_changes_on_first_september_in_paris(void **state)
{
	/* 2026-08-31 21:59:59 UTC is 23:59:59 in Paris: still 2025-2026. */
	year_of(1788213599, "2025-2026");
	/* 2026-08-31 22:00:00 UTC is midnight on 1 September in Paris. */
	year_of(1788213600, "2026-2027");
	/* 2027-01-01 12:00 UTC, in the middle of the year. */
	year_of(1798804800, "2026-2027");
	/* 2027-07-01 12:00 UTC, the summer holidays of the same year. */
	year_of(1814443200, "2026-2027");
}

static void tutoring_needs_a_seat_for_the_current_year(void **state)
{
	char path[] = "/tmp/ardoise-offer-XXXXXX", err[256];
	int fd = mkstemp(path);
	struct db *db;
	time_t now = 1798804800; /* in 2026-2027 */

	assert_true(fd >= 0);
	close(fd);
	db = db_open(path, err, sizeof(err));
	assert_non_null(db);
	assert_true(db_migrate(db) >= 0);
	assert_int_equal(db_exec(db, "INSERT INTO account (id, role, login, first_name, secret_hash, created_at) VALUES (40, 'eleve', 'lea', 'Léa', 'x', 0)"), 0);
	assert_false(offer_child_has_tutoring(db, 40, now));
	assert_int_equal(db_exec(db, "INSERT INTO tutoring_seat (child_id, school_year, granted_at) VALUES (40, '2025-2026', 0)"), 0);
	assert_false(offer_child_has_tutoring(db, 40, now));
	assert_int_equal(db_exec(db, "INSERT INTO tutoring_seat (child_id, school_year, granted_at) VALUES (40, '2026-2027', 0)"), 0);
	assert_true(offer_child_has_tutoring(db, 40, now));
	assert_false(offer_child_has_tutoring(db, 41, now));
	db_close(db);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(school_year_changes_on_first_september_in_paris),
		cmocka_unit_test(tutoring_needs_a_seat_for_the_current_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
