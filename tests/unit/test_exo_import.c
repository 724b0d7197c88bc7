/*
 * Exercise import: each sample file of tests/data/import/ is converted, the
 * converted text parses as an Ardoise activity (choice, text entry, inline
 * choice, number), the match and order blocks read as expected, and every
 * question left out is reported with its line and reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "integ/exo.h"

#define DATA "tests/data/import/"

struct converted {
	struct exo_set set;
	struct buf text;
	int rc;
};

static char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = malloc(EXO_FILE_MAX);

	assert_non_null(f);
	assert_non_null(data);
	*len = fread(data, 1, EXO_FILE_MAX, f);
	fclose(f);
	return data;
}

static void convert(const char *name, struct converted *c)
{
	struct exo_meta meta = { "import-test", "mathematiques", "CM1", "MA-NC-CALCUL", "test" };
	char path[256];
	size_t len;
	char *data;

	snprintf(path, sizeof(path), DATA "%s", name);
	data = file_read(path, &len);
	assert_int_equal(exo_set_init(&c->set), 0);
	buf_init(&c->text, 0);
	c->rc = exo_convert(name, data, len, &meta, &c->set, &c->text);
	free(data);
}

static void release(struct converted *c)
{
	exo_set_release(&c->set);
	buf_release(&c->text);
}

/* The converted text must be an activity with `questions` questions. */
static void assert_parses(const struct converted *c, size_t questions)
{
	struct content_error err = { 0 };
	struct activity *a = activity_parse(buf_cstr(&c->text), c->text.len, &err);

	if (!a)
		fail_msg("line %d: %s\n%s", err.line, err.message, buf_cstr(&c->text));
	assert_int_equal(a->question_count, questions);
	activity_free(a);
}

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("\"%s\" missing from:\n%s", part, text);
}

static void gift_converted(void **state)
{
	struct converted c;
	const char *report;

	convert("quiz.gift", &c);
	assert_int_equal(c.rc, 0);
	assert_int_equal(c.set.count, 8);
	assert_parses(&c, 8);
	assert_has(buf_cstr(&c.text), "- [x] 3/8\n- [ ] 8/3\n- [ ] 3/5\n");
	assert_has(buf_cstr(&c.text), "[[Paris|paris]]");
	assert_has(buf_cstr(&c.text), "Les enfants [[?*jouent|joue|jouez]] dans la cour.");
	assert_has(buf_cstr(&c.text), "- [x] Vrai\n- [ ] Faux\n");
	assert_has(buf_cstr(&c.text), "= 4,2\n");
	assert_has(buf_cstr(&c.text), "= 12,5 ± 0,5\n");
	assert_has(buf_cstr(&c.text), "- [x] 4 × 6\n- [x] 3 × 8\n- [ ] 5 × 5\n");
	assert_has(buf_cstr(&c.text), "> Si faux : Le nombre de parts en tout va en bas.");
	report = buf_cstr(&c.set.report);
	assert_has(report, "ligne 26 : question non convertie : question à réponse libre");
	assert_has(report, "ligne 28 : texte sans réponses entre accolades");
	assert_has(report, "ligne 30 : question non convertie : question numérique avec intervalle");
	assert_int_equal(c.set.report_lines, 3);
	release(&c);
}

static void moodle_converted(void **state)
{
	struct converted c;

	convert("moodle.xml", &c);
	assert_int_equal(c.rc, 0);
	assert_int_equal(c.set.count, 5);
	assert_parses(&c, 5);
	assert_has(buf_cstr(&c.text), "Quelle est la bonne forme de jouer avec « nous » ?");
	assert_has(buf_cstr(&c.text), "- [x] jouons\n- [ ] jouez\n");
	assert_has(buf_cstr(&c.text), "- [ ] Vrai\n- [x] Faux\n");
	assert_has(buf_cstr(&c.text), "[[veau|le veau]]");
	assert_has(buf_cstr(&c.text), "= 2000\n");
	assert_has(buf_cstr(&c.text), "Il [[?*est|a]] parti et il [[?est|*a]] pris son sac.");
	assert_has(buf_cstr(&c.text), "> Si faux : Avec « nous », la terminaison est -ons.");
	assert_has(buf_cstr(&c.set.report), "ligne 40 : question non convertie : le type Moodle « essay » n'existe pas");
	assert_has(buf_cstr(&c.set.report), "ligne 44 : question non convertie : réponse courte sans réponse juste à 100 %");
	release(&c);
}

static void qti_package_converted(void **state)
{
	struct converted c;

	convert("paquet-qti.zip", &c);
	assert_int_equal(c.rc, 0);
	assert_int_equal(c.set.count, 3);
	assert_parses(&c, 3);
	assert_has(buf_cstr(&c.text), "Lis bien la question.\n\nQuels nombres sont des multiples de 5 ?");
	assert_has(buf_cstr(&c.text), "- [x] 15\n- [ ] 22\n- [x] 40\n");
	assert_has(buf_cstr(&c.text), "Nous [[jouons|Jouons]] au ballon.");
	assert_has(buf_cstr(&c.text), "Il [[?a|*est]] parti.");
	assert_has(buf_cstr(&c.set.report), "dessin.xml, ligne 2 : question non convertie : interaction QTI absente d'Ardoise");
	assert_has(buf_cstr(&c.set.report), "absent.xml : fichier absent du paquet");
	assert_has(buf_cstr(&c.set.report), "../evasion.xml : chemin refusé dans le paquet");
	release(&c);
}

/* Matching and ordering: checked on the text, in the syntax of
 * "::: associer" and "::: ordonner" blocks. */
static void match_and_order_written(void **state)
{
	struct converted c;

	convert("match-order.gift", &c);
	assert_int_equal(c.rc, 0);
	assert_has(buf_cstr(&c.text), "Associe chaque animal à son cri.\n\n::: associer\nle chien -> il aboie\nle chat -> il miaule\nla vache -> elle meugle\n:::\n");
	release(&c);
	convert("moodle-match-order.xml", &c);
	assert_int_equal(c.set.count, 2);
	assert_has(buf_cstr(&c.text), "::: associer\nFrance -> Paris\nItalie -> Rome\n-> Lyon\n:::\n");
	assert_has(buf_cstr(&c.text), "::: ordonner\nCasser les œufs.\nBattre les œufs.\nCuire l'omelette.\n:::\n");
	release(&c);
	convert("paquet-qti-associer-ordonner.zip", &c);
	assert_int_equal(c.set.count, 2);
	assert_has(buf_cstr(&c.text), "::: associer\nle chien -> il aboie\nle chat -> il miaule\n:::\n");
	assert_has(buf_cstr(&c.text), "::: ordonner\n10\n100\n1 000\n:::\n");
	release(&c);
}

/* Convert a file that must be refused with `reason`, writing nothing. */
static void refused(const char *name, const char *reason)
{
	struct converted c;

	convert(name, &c);
	assert_int_equal(c.rc, -1);
	assert_int_equal(c.set.count, 0);
	assert_int_equal(c.text.len, 0);
	assert_has(buf_cstr(&c.set.report), reason);
	release(&c);
}

static void refused_broken_xml(void **state)
{
	refused("casse.xml", "XML mal formé");
}

static void refused_doctype(void **state)
{
	refused("doctype.xml", "déclaration DOCTYPE");
}

static void refused_not_utf8(void **state)
{
	refused("latin1.gift", "pas en UTF-8");
}

static void refused_broken_zip(void **state)
{
	refused("pas-un-zip.zip", "archive zip illisible");
}

static void unknown_format_refused(void **state)
{
	struct exo_set s;

	assert_int_equal(exo_set_init(&s), 0);
	assert_int_equal(exo_read_any("notes.docx", "x", 1, &s), -1);
	assert_has(buf_cstr(&s.report), "format inconnu");
	exo_set_release(&s);
}

static void escapes_and_helpers(void **state)
{
	static const char *const values[] = { "a|b", "?x", "c]]d" };
	static const int correct[] = { 1, 0, 0 };
	struct buf b = BUF_INIT(0);
	char out[128];

	exo_blank_write(&b, values, correct, 3, 0);
	assert_string_equal(buf_cstr(&b), "\x01[[a\\|b|?x|c\\]]d]]\x02");
	buf_reset(&b);
	exo_blank_write(&b, values + 1, correct + 1, 2, 1);
	assert_string_equal(buf_cstr(&b), "\x01[[?\\?x|c\\]]d]]\x02");
	buf_release(&b);
	assert_int_equal(exo_number_french("12.50", out, sizeof(out)), 0);
	assert_string_equal(out, "12,50");
	assert_int_equal(exo_number_french("1e5", out, sizeof(out)), -1);
	assert_int_equal(exo_number_french("3.", out, sizeof(out)), -1);
	{
		const char *html = "<p>A&amp;B &#233;t&eacute;</p><p>x</p>";

		/* Numeric and the usual entities are decoded; others stay as written. */
		assert_int_equal(exo_text_from_html(html, strlen(html), out, sizeof(out)), 0);
		assert_string_equal(out, "A&B ét&eacute;\n\nx");
	}
	exo_id_from_name("dir/Mon Quiz (2).gift", out, sizeof(out));
	assert_string_equal(out, "import-mon-quiz-2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gift_converted),
		cmocka_unit_test(moodle_converted),
		cmocka_unit_test(qti_package_converted),
		cmocka_unit_test(match_and_order_written),
		cmocka_unit_test(refused_broken_xml),
		cmocka_unit_test(refused_doctype),
		cmocka_unit_test(refused_not_utf8),
		cmocka_unit_test(refused_broken_zip),
		cmocka_unit_test(unknown_format_refused),
		cmocka_unit_test(escapes_and_helpers),
	};

	return cmocka_run_group_tests_name("exo_import", tests, NULL, NULL);
}
