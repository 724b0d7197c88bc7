/* Unit tests of the resource types and of the referential: each broken
 * sample under tests/data/resources-broken/ is reported once with its exact
 * line, good resources load, and referential rows are checked column by
 * column. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content/catalog.h"
#include "content/referential.h"

#define BROKEN_DIR "tests/data/resources-broken"

struct problem_row {
	const char *file; /* relative to BROKEN_DIR */
	int line;
	const char *words; /* part of the message */
};

static const struct problem_row problems[] = {
	{ "mathematiques/fiche-avec-items.md", 12, "ne sert qu’au type dossier" },
	{ "mathematiques/fiche-image-invalide.md", 17, "image invalide" },
	{ "mathematiques/type-inconnu.md", 3, "type inconnu" },
	{ "mathematiques/video-nom-invalide.md", 12, "nom de fichier invalide" },
	{ "mathematiques/video-sans-sous-titres.md", 13, "champ «\u00a0captions\u00a0» manquant" },
	{ "methodologie/methodo-corps-vide.md", 12, "le corps du fichier est vide" },
	{ "mathematiques/dossier-item-inconnu.md", 14, "«\u00a0essai-absente\u00a0» n’existe pas" },
	{ "mathematiques/video-fichier-absent.md", 12, "fichier «\u00a0absente.webm\u00a0» introuvable" },
	{ "mathematiques/parcours-sans-probleme.md", 13, "«\u00a0essai-fiche-bonne\u00a0» n’est pas une activité" },
	{ "mathematiques/parcours-sans-probleme.md", 14, "«\u00a0essai-dossier\u00a0» est un dossier ou un parcours" },
};

#define PROBLEM_COUNT (sizeof(problems) / sizeof(problems[0]))

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

static void broken_resources_reported(void **state)
{
	struct catalog c;
	int rc;
	char *report = load(BROKEN_DIR, &c, &rc);
	size_t i, failed = 0;

	assert_int_equal(rc, (int)PROBLEM_COUNT);
	for (i = 0; i < PROBLEM_COUNT; i++) {
		char prefix[256];
		const char *at;

		snprintf(prefix, sizeof(prefix), "%s/%s:%d: ", BROKEN_DIR, problems[i].file, problems[i].line);
		at = strstr(report, prefix);
		if (!at || !strstr(at, problems[i].words)) {
			print_error("missing \"%s...%s\" in report:\n%s\n", prefix, problems[i].words, report);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
	catalog_release(&c);
	free(report);
}

static void good_resources_load(void **state)
{
	struct catalog c;
	int rc;
	char *report = load(BROKEN_DIR, &c, &rc);
	const struct activity *fiche = catalog_find(&c, "essai-fiche-bonne");
	const struct activity *video = catalog_find(&c, "essai-video-bonne");

	assert_non_null(fiche);
	assert_int_equal(fiche->type, CONTENT_FICHE);
	assert_non_null(strstr(fiche->body_html, "<h1>Titre</h1>"));
	assert_int_equal(fiche->question_count, 0);
	assert_non_null(video);
	assert_int_equal(video->type, CONTENT_VIDEO);
	assert_string_equal(video->media, "bonne.webm");
	assert_string_equal(video->captions, "bonne.vtt");
	assert_null(catalog_find(&c, "essai-type"));
	catalog_release(&c);
	free(report);
}

static void real_resources_load(void **state)
{
	struct catalog c;
	int rc;
	char *report = load("content", &c, &rc);
	const struct activity *fiche = catalog_find(&c, "fiche-maths-fractions");
	const struct activity *dossier = catalog_find(&c, "dossier-maths-fractions");

	if (rc != 0)
		print_error("%s", report);
	assert_int_equal(rc, 0);
	assert_non_null(fiche);
	/* Images point at the media route. */
	assert_non_null(strstr(fiche->body_html, "src=\"/media/fractions-pizza.svg\""));
	assert_non_null(dossier);
	assert_int_equal(dossier->item_count, 3);
	assert_string_equal(dossier->items[1], "video-maths-fractions");
	assert_non_null(catalog_find(&c, "methodo-apprendre-une-lecon"));
	assert_non_null(catalog_find(&c, "methodo-organiser-son-cahier"));
	assert_non_null(catalog_find(&c, "methodo-lire-une-consigne"));
	assert_true(c.ref.count > 100);
	assert_int_equal(c.ref.socle_count, 8);
	catalog_release(&c);
	free(report);
}

struct referential_case {
	const char *row;
	const char *expected; /* "path:line: ..." prefix and words; NULL = valid */
};

static const struct referential_case referential_cases[] = {
	{ "MA-A\tC3-2018\tmathematiques\tNombres\tCM1\tLibellé", NULL },
	{ "MA-A\tC3-2018\tmathematiques\tNombres\tCM1\tLibellé\t541\tD1.3,D2", NULL },
	{ "ma-a\tC3-2018\tmathematiques\tNombres\tCM1\tLibellé", "code invalide" },
	{ "MA-A\tC3-2018\tmaths\tNombres\tCM1\tLibellé", "matière inconnue «\u00a0maths\u00a0»" },
	{ "MA-A\tC3-2018\tmathematiques\tNombres\tCM3\tLibellé", "niveaux invalides «\u00a0CM3\u00a0»" },
	{ "MA-A\tC3-2018\tmathematiques\tNombres\tCM1\tLibellé\t541\tD9", "composante du socle inconnue" },
	{ "MA-A\tC3-2018\tmathematiques\tNombres\tCM1", "6 à 8 colonnes attendues" },
	{ "MA-A\tC3-2018\tmathematiques\t\tCM1\tLibellé", "domaine ou libellé vide" },
};

static void referential_rows_checked(void **state)
{
	static const char socle[] = "D1.3\tCPD_SCI\tMaths\nD2\tMET_APP\tMéthodes\n";
	size_t i;

	for (i = 0; i < sizeof(referential_cases) / sizeof(referential_cases[0]); i++) {
		const struct referential_case *t = &referential_cases[i];
		struct referential ref;
		char text[512], *report = NULL;
		size_t size = 0;
		FILE *f = open_memstream(&report, &size);
		int rc;

		/* The row under test is line 2, after a comment line. */
		snprintf(text, sizeof(text), "# essai\n%s\n", t->row);
		referential_init(&ref);
		rc = referential_parse(&ref, "c.tsv", text, strlen(text), "s.tsv", socle, strlen(socle), f);
		fclose(f);
		if (!t->expected) {
			assert_int_equal(rc, 0);
			assert_non_null(referential_find(&ref, "MA-A"));
		} else {
			if (!strstr(report, "c.tsv:2: ") || !strstr(report, t->expected))
				print_error("case %zu: \"%s\" not in report:\n%s\n", i, t->expected, report);
			assert_int_equal(rc, 1);
			assert_non_null(strstr(report, "c.tsv:2: "));
			assert_non_null(strstr(report, t->expected));
			assert_null(referential_find(&ref, "MA-A"));
		}
		referential_release(&ref);
		free(report);
	}
}

static void referential_duplicate_rejected(void **state)
{
	static const char text[] = "MA-A\tC3-2018\tmathematiques\tN\tCM1\tL\nMA-A\tC3-2018\tmathematiques\tN\tCM1\tL\n";
	struct referential ref;
	char *report = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&report, &size);

	referential_init(&ref);
	assert_int_equal(referential_parse(&ref, "c.tsv", text, strlen(text), "s.tsv", NULL, 0, f), 1);
	fclose(f);
	assert_non_null(strstr(report, "c.tsv:2: code «\u00a0MA-A\u00a0» écrit deux fois"));
	assert_int_equal(ref.count, 1);
	referential_release(&ref);
	free(report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(broken_resources_reported),
		cmocka_unit_test(good_resources_load),
		cmocka_unit_test(real_resources_load),
		cmocka_unit_test(referential_rows_checked),
		cmocka_unit_test(referential_duplicate_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
