/* Unit tests of content/stats.c and of `ardoise content stats`: one sample
 * tree meets the minimums, the other misses two, each named. Run from the
 * repository root after `make`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "content/stats.h"

#define OK_DIR "tests/data/stats-ok"
#define MISSING_DIR "tests/data/stats-missing"

/* Load `root`, run the minimums check; returns the report (free() it). */
static char *minimums(const char *root, int *missing)
{
	struct catalog c;
	char *report = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&report, &size);

	assert_non_null(f);
	catalog_init(&c);
	assert_int_equal(catalog_load_dir(&c, root, stderr), 0);
	*missing = content_minimums_check(&c, f);
	fclose(f);
	catalog_release(&c);
	return report;
}

static void minimums_met(void **state)
{
	int missing;
	char *report = minimums(OK_DIR, &missing);

	assert_int_equal(missing, 0);
	assert_string_equal(report, "");
	free(report);
}

static void minimums_missing(void **state)
{
	int missing;
	char *report = minimums(MISSING_DIR, &missing);

	assert_int_equal(missing, 2);
	assert_non_null(strstr(report, "mathematiques CM1 : 3 activité(s) et 1 ressource(s), il en faut au moins 4 et 2\n"));
	assert_non_null(strstr(report, "compétence MA-NC-DECIMAUX : 1 activité(s) et 0 ressource(s), il en faut au moins 2 et 1\n"));
	/* Levels the referential does not teach are not required. */
	assert_null(strstr(report, "CE2"));
	assert_null(strstr(report, "francais"));
	free(report);
}

static void stats_counts(void **state)
{
	struct catalog c;
	char *report = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&report, &size);

	catalog_init(&c);
	assert_int_equal(catalog_load_dir(&c, OK_DIR, stderr), 0);
	content_stats_print(&c, f);
	fclose(f);
	assert_non_null(strstr(report, "Contenus : 6\n"));
	assert_non_null(strstr(report, "  activite               4\n"));
	assert_non_null(strstr(report, "  fiche                  2\n"));
	assert_non_null(strstr(report, "  MA-NC-FRACTIONS                 2 /  1\n"));
	assert_non_null(strstr(report, "  mathematiques             0 /  0    4 /  2    0 /  0    0 /  0    4 /  2\n"));
	catalog_release(&c);
	free(report);
}

static int cli_status(const char *command)
{
	int rc = system(command);

	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void cli_exit_status(void **state)
{
	assert_int_equal(cli_status("build/ardoise content stats " OK_DIR " --minimums > /dev/null"), 0);
	assert_int_equal(cli_status("build/ardoise content stats " MISSING_DIR " --minimums > /dev/null"), 1);
	/* Without --minimums, counting succeeds whatever is missing. */
	assert_int_equal(cli_status("build/ardoise content stats " MISSING_DIR " > /dev/null"), 0);
	assert_int_equal(cli_status("build/ardoise content stats --bad > /dev/null 2>&1"), 2);
	assert_int_equal(cli_status("build/ardoise content stats tests/data/resources-broken > /dev/null 2>&1"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(minimums_met),
		cmocka_unit_test(minimums_missing),
		cmocka_unit_test(stats_counts),
		cmocka_unit_test(cli_exit_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
