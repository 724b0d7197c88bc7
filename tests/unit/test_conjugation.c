/* Unit tests of the conjugation dictionary, on verbiste's real data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/conjugation.h"
#include "tools/fold.h"

static struct conjugation *dict;

static int dict_setup(void **state)
{
	char err[512];

	dict = conjugation_open(NULL, err, sizeof(err));
	if (!dict)
		fprintf(stderr, "%s\n", err);
	return dict ? 0 : -1;
}

static int dict_teardown(void **state)
{
	conjugation_free(dict);
	return 0;
}

static size_t verb_of(const char *infinitive)
{
	struct conj_match m[CONJ_MAX_MATCHES];
	size_t n = conjugation_find(dict, infinitive, m, CONJ_MAX_MATCHES), i;

	for (i = 0; i < n; i++)
		if (strcmp(conjugation_infinitive(dict, m[i].verb), infinitive) == 0)
			return m[i].verb;
	fail_msg("verb %s not found", infinitive);
	return 0;
}

static void expect_simple(const char *verb, enum conj_tense tense, int person, const char *expected)
{
	char form[128];

	assert_int_equal(conjugation_simple(dict, verb_of(verb), tense, person, form, sizeof(form)), 0);
	assert_string_equal(form, expected);
}

static void expect_compound(const char *verb, enum conj_compound tense, int person, const char *expected)
{
	char form[128];

	assert_int_equal(conjugation_compound(dict, verb_of(verb), tense, person, form, sizeof(form)), 0);
	assert_string_equal(form, expected);
}

static void dictionary_has_many_verbs(void **state)
{
	assert_true(conjugation_verb_count(dict) > 7000);
}

static void table_etre(void **state)
{
	static const char *const present[] = { "suis", "es", "est", "sommes", "êtes", "sont" };
	int p;

	for (p = 0; p < 6; p++)
		expect_simple("être", CONJ_IND_PRESENT, p, present[p]);
	expect_simple("être", CONJ_IND_IMPERFECT, 3, "étions");
	expect_simple("être", CONJ_IND_FUTURE, 0, "serai");
	expect_simple("être", CONJ_IND_SIMPLE_PAST, 5, "furent");
	expect_simple("être", CONJ_SUBJ_PRESENT, 0, "sois");
	expect_simple("être", CONJ_IMPERATIVE, 1, "soyons");
	expect_simple("être", CONJ_PAST_PARTICIPLE, 0, "été");
	expect_compound("être", CONJ_PASSE_COMPOSE, 0, "ai été");
}

static void table_avoir(void **state)
{
	static const char *const present[] = { "ai", "as", "a", "avons", "avez", "ont" };
	int p;

	for (p = 0; p < 6; p++)
		expect_simple("avoir", CONJ_IND_PRESENT, p, present[p]);
	expect_simple("avoir", CONJ_IND_FUTURE, 4, "aurez");
	expect_simple("avoir", CONJ_IND_SIMPLE_PAST, 0, "eus");
	expect_simple("avoir", CONJ_COND_PRESENT, 2, "aurait");
	expect_compound("avoir", CONJ_PLUS_QUE_PARFAIT, 3, "avions eu");
}

static void table_aller(void **state)
{
	static const char *const present[] = { "vais", "vas", "va", "allons", "allez", "vont" };
	int p;

	for (p = 0; p < 6; p++)
		expect_simple("aller", CONJ_IND_PRESENT, p, present[p]);
	expect_simple("aller", CONJ_IND_FUTURE, 0, "irai");
	expect_simple("aller", CONJ_IND_IMPERFECT, 3, "allions");
	expect_simple("aller", CONJ_SUBJ_PRESENT, 0, "aille");
	expect_compound("aller", CONJ_PASSE_COMPOSE, 0, "suis allé(e)");
	expect_compound("aller", CONJ_PASSE_COMPOSE, 5, "sont allé(e)s");
	expect_compound("aller", CONJ_FUTUR_ANTERIEUR, 3, "serons allé(e)s");
	expect_compound("aller", CONJ_INFINITIVE_PASSE, 0, "être allé(e)");
	expect_compound("aller", CONJ_PARTICIPLE_PASSE, 0, "étant allé(e)");
}

static void table_finir(void **state)
{
	static const char *const present[] = { "finis", "finis", "finit", "finissons", "finissez", "finissent" };
	int p;

	for (p = 0; p < 6; p++)
		expect_simple("finir", CONJ_IND_PRESENT, p, present[p]);
	expect_simple("finir", CONJ_IND_IMPERFECT, 0, "finissais");
	expect_simple("finir", CONJ_IND_SIMPLE_PAST, 5, "finirent");
	expect_simple("finir", CONJ_PRESENT_PARTICIPLE, 0, "finissant");
	expect_compound("finir", CONJ_PASSE_COMPOSE, 3, "avons fini");
	expect_compound("finir", CONJ_INFINITIVE_PASSE, 0, "avoir fini");
	expect_compound("finir", CONJ_PARTICIPLE_PASSE, 0, "ayant fini");
}

static void table_prendre(void **state)
{
	static const char *const present[] = { "prends", "prends", "prend", "prenons", "prenez", "prennent" };
	int p;

	for (p = 0; p < 6; p++)
		expect_simple("prendre", CONJ_IND_PRESENT, p, present[p]);
	expect_simple("prendre", CONJ_IND_SIMPLE_PAST, 2, "prit");
	expect_simple("prendre", CONJ_IND_FUTURE, 5, "prendront");
	expect_simple("prendre", CONJ_PAST_PARTICIPLE, 0, "pris");
	expect_compound("prendre", CONJ_PASSE_COMPOSE, 1, "as pris");
}

static void find_conjugated_form(void **state)
{
	struct conj_match m[CONJ_MAX_MATCHES];
	size_t n = conjugation_find(dict, "allions", m, CONJ_MAX_MATCHES), i;
	int aller = -1, allier = -1;

	/* "allions" is "aller" at the imperfect and "allier" at the present. */
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++) {
		if (strcmp(conjugation_infinitive(dict, m[i].verb), "aller") == 0)
			aller = (int)i;
		if (strcmp(conjugation_infinitive(dict, m[i].verb), "allier") == 0)
			allier = (int)i;
	}
	assert_int_not_equal(aller, -1);
	assert_int_not_equal(allier, -1);
	assert_int_equal(m[aller].tense, CONJ_IND_IMPERFECT);
	assert_int_equal(m[aller].person, 3);
	assert_int_equal(m[allier].tense, CONJ_IND_PRESENT);
}

static void find_form_of_two_verbs(void **state)
{
	struct conj_match m[CONJ_MAX_MATCHES];
	size_t n = conjugation_find(dict, "suis", m, CONJ_MAX_MATCHES), i;
	bool etre = false, suivre = false;

	for (i = 0; i < n; i++) {
		etre |= strcmp(conjugation_infinitive(dict, m[i].verb), "être") == 0;
		suivre |= strcmp(conjugation_infinitive(dict, m[i].verb), "suivre") == 0;
	}
	assert_true(etre);
	assert_true(suivre);
}

static void find_without_accents(void **state)
{
	struct conj_match m[CONJ_MAX_MATCHES];

	assert_int_equal(conjugation_find(dict, "etre", m, CONJ_MAX_MATCHES), 1);
	assert_string_equal(conjugation_infinitive(dict, m[0].verb), "être");
	assert_int_equal(m[0].tense, CONJ_INFINITIVE);
	assert_int_equal(conjugation_find(dict, "ETIONS", m, CONJ_MAX_MATCHES), 1);
	assert_string_equal(conjugation_infinitive(dict, m[0].verb), "être");
	assert_int_equal(conjugation_find(dict, "xyzzy", m, CONJ_MAX_MATCHES), 0);
	assert_int_equal(conjugation_find(dict, "", m, CONJ_MAX_MATCHES), 0);
}

static void elision_and_auxiliary(void **state)
{
	assert_true(conjugation_elides(dict, verb_of("aimer"), "aime"));
	assert_true(conjugation_elides(dict, verb_of("habiter"), "habite"));
	assert_false(conjugation_elides(dict, verb_of("hurler"), "hurle"));
	assert_false(conjugation_elides(dict, verb_of("finir"), "finis"));
	assert_true(conjugation_elides(dict, verb_of("aller"), "irai"));
	assert_false(conjugation_elides(dict, verb_of("aller"), "vais"));
	assert_true(conjugation_uses_etre(dict, verb_of("tomber")));
	assert_false(conjugation_uses_etre(dict, verb_of("manger")));
}

static void defective_slot_rejected(void **state)
{
	char form[64];

	assert_int_equal(conjugation_simple(dict, verb_of("falloir"), CONJ_IND_PRESENT, 0, form, sizeof(form)), -1);
	assert_int_equal(conjugation_simple(dict, verb_of("falloir"), CONJ_IND_PRESENT, 2, form, sizeof(form)), 0);
	assert_string_equal(form, "faut");
	assert_int_equal(conjugation_simple(dict, verb_of("finir"), CONJ_IMPERATIVE, 3, form, sizeof(form)), -1);
}

static void fold_and_normalise(void **state)
{
	char out[TOOL_QUERY_MAX_BYTES + 1];
	char big[300];

	assert_int_equal(tool_fold("Être Cœur Ça", strlen("Être Cœur Ça"), out, sizeof(out)), 0);
	assert_string_equal(out, "etre coeur ca");
	assert_int_equal(tool_fold("\xff", 1, out, sizeof(out)), -1);
	assert_int_equal(tool_query_normalise("  aller   vite ", 15, out, sizeof(out)), QUERY_OK);
	assert_string_equal(out, "aller vite");
	assert_int_equal(tool_query_normalise("   ", 3, out, sizeof(out)), QUERY_EMPTY);
	assert_int_equal(tool_query_normalise("abc\x01", 4, out, sizeof(out)), QUERY_INVALID);
	assert_string_equal(out, "");
	assert_int_equal(tool_query_normalise("a\tb", 3, out, sizeof(out)), QUERY_OK);
	assert_string_equal(out, "a b");
	assert_int_equal(tool_query_normalise("\xc3", 1, out, sizeof(out)), QUERY_INVALID);
	memset(big, 'a', sizeof(big));
	assert_int_equal(tool_query_normalise(big, sizeof(big), out, sizeof(out)), QUERY_TOO_LONG);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dictionary_has_many_verbs),
		cmocka_unit_test(table_etre),
		cmocka_unit_test(table_avoir),
		cmocka_unit_test(table_aller),
		cmocka_unit_test(table_finir),
		cmocka_unit_test(table_prendre),
		cmocka_unit_test(find_conjugated_form),
		cmocka_unit_test(find_form_of_two_verbs),
		cmocka_unit_test(find_without_accents),
		cmocka_unit_test(elision_and_auxiliary),
		cmocka_unit_test(defective_slot_rejected),
		cmocka_unit_test(fold_and_normalise),
	};

	return cmocka_run_group_tests(tests, dict_setup, dict_teardown);
}
