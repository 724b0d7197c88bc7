/* Unit tests of content/catalog.c: the real content base loads without a
 * problem, and each broken sample file under tests/data/content-broken/
 * is reported once with its exact line. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content/catalog.h"

#define CONTENT_DIR "content"
#define BROKEN_DIR "tests/data/content-broken"

struct problem_row {
	const char *file; /* relative to BROKEN_DIR */
	int line;
};

static const struct problem_row problems[] = {
	{ "francais/competence-inconnue.md", 6 },
	{ "francais/doublon-b.md", 2 },
	{ "francais/mauvais-dossier.md", 4 },
	{ "francais/trou-non-ferme.md", 18 },
	{ "mathematiques/champ-inconnu.md", 8 },
	{ "mathematiques/id-manquant.md", 11 },
	{ "mathematiques/niveau-inconnu.md", 5 },
	{ "mathematiques/nombre-invalide.md", 18 },
	{ "mathematiques/yaml-invalide.md", 4 },
};

#define PROBLEM_COUNT (sizeof(problems) / sizeof(problems[0]))

/* Load `root` and return the problem report (free() it). */
static char *load(const char *root, struct catalog *c, int *rc)
{
	char *report = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&report, &size);

	assert_non_null(f);
	catalog_init(c);
	*rc = catalog_load_dir(c, root, f);
	fclose(f);
	return report;
}

static void real_content_loads(void **state)
{
	struct catalog c;
	int rc;
	char *report = load(CONTENT_DIR, &c, &rc);

	if (rc != 0)
		print_error("%s", report);
	assert_int_equal(rc, 0);
	assert_string_equal(report, "");
	assert_true(c.count >= 12);
	assert_non_null(catalog_find(&c, "maths-cm1-fractions-simples"));
	catalog_release(&c);
	free(report);
}

static void broken_count(void **state)
{
	struct catalog c;
	int rc;
	char *report = load(BROKEN_DIR, &c, &rc);

	assert_int_equal(rc, (int)PROBLEM_COUNT);
	catalog_release(&c);
	free(report);
}

static void broken_lines(void **state)
{
	struct catalog c;
	int rc;
	char *report = load(BROKEN_DIR, &c, &rc);
	size_t i, failed = 0;

	for (i = 0; i < PROBLEM_COUNT; i++) {
		char prefix[256];

		snprintf(prefix, sizeof(prefix), "%s/%s:%d: ", BROKEN_DIR,
			 problems[i].file, problems[i].line);
		if (!strstr(report, prefix)) {
			print_error("missing \"%s\" in report:\n%s\n", prefix,
				    report);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
	catalog_release(&c);
	free(report);
}

static void broken_messages(void **state)
{
	struct catalog c;
	int rc;
	char *report = load(BROKEN_DIR, &c, &rc);

	assert_non_null(strstr(report, BROKEN_DIR "/francais/doublon-b.md:2:"
			       " identifiant «\u00a0essai-doublon\u00a0» déjà"
			       " utilisé par " BROKEN_DIR "/francais/"
			       "doublon-a.md\u00a0: choisissez un autre"
			       " identifiant\n"));
	assert_non_null(strstr(report, BROKEN_DIR "/francais/"
			       "competence-inconnue.md:6: compétence inconnue"
			       " «\u00a0FR-XX-INCONNU\u00a0»\u00a0: corrigez le"
			       " code ou ajoutez-le à"
			       " referentiel/competences.tsv\n"));
	assert_null(strstr(report, "README.md"));
	catalog_release(&c);
	free(report);
}

static void broken_keeps_good_files(void **state)
{
	struct catalog c;
	int rc;
	char *report = load(BROKEN_DIR, &c, &rc);

	assert_int_equal(c.count, 2);
	assert_non_null(catalog_find(&c, "essai-bonne"));
	assert_non_null(catalog_find(&c, "essai-doublon"));
	assert_null(catalog_find(&c, "essai-niveau"));
	assert_string_equal(c.entries[0].path,
			    BROKEN_DIR "/francais/doublon-a.md");
	catalog_release(&c);
	free(report);
}

static void missing_root(void **state)
{
	struct catalog c;
	int rc;
	char *report = load("tests/data/no-such-folder", &c, &rc);

	assert_int_equal(rc, -1);
	assert_int_equal(c.count, 0);
	catalog_release(&c);
	free(report);
}

static void add_rejects_duplicate(void **state)
{
	static const char text[] = "---\nid: x\ntype: activite\nsubject:"
		" francais\nlevels: [CM1]\ncompetencies: [FR-A]\ntitle: T\n"
		"minutes: 2\nauthor: A\nreviewer: B\nversion: 1\n---\n"
		"## Question\n\nCombien ?\n\n= 2\n";
	struct content_error err;
	struct catalog c;

	catalog_init(&c);
	assert_int_equal(catalog_add(&c, "a.md", text, strlen(text), &err), 0);
	assert_int_equal(catalog_add(&c, "b.md", text, strlen(text), &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.message, "identifiant «\u00a0x\u00a0» déjà"
			    " utilisé par a.md\u00a0: choisissez un autre"
			    " identifiant");
	assert_int_equal(c.count, 1);
	assert_int_equal(c.entries[0].source_len, strlen(text));
	assert_string_equal(c.entries[0].source, text);
	catalog_release(&c);
	catalog_release(&c);
	catalog_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_content_loads),
		cmocka_unit_test(broken_count),
		cmocka_unit_test(broken_lines),
		cmocka_unit_test(broken_messages),
		cmocka_unit_test(broken_keeps_good_files),
		cmocka_unit_test(missing_root),
		cmocka_unit_test(add_rejects_duplicate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
