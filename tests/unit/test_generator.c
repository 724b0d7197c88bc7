/* Unit tests of the activity generators: the same seed gives the same
 * items, answers are right, and numbers stay in their ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/generator.h"
#include "gen/rng.h"
#include "tools/calc.h"
#include "tools/conjugation.h"

struct setting {
	const char *generator, *variant;
	int difficulty;
};

static const struct setting settings[] = {
	{ "calcul-mental", "mixte", 1 }, { "calcul-mental", "addition", 3 }, { "calcul-mental", "tables", 2 },
	{ "operations", "entiers", 1 }, { "operations", "entiers", 3 }, { "operations", "decimaux", 2 },
	{ "fractions", "mixte", 1 }, { "fractions", "decimal", 3 }, { "conversions", "longueurs", 1 },
	{ "conversions", "masses", 3 }, { "conversions", "contenances", 2 }, { "conversions", "durees", 1 },
	{ "conversions", "durees", 2 }, { "conversions", "durees", 3 }, { "numeration", "entiers", 2 },
	{ "numeration", "decimaux", 3 }, { "comparaison", "comparer", 3 }, { "comparaison", "ranger", 2 },
	{ "conjugaison", "cycle3", 3 }, { "conjugaison", "passe-compose", 2 }, { "homophones", NULL, 1 },
	{ "dictee", NULL, 3 },
};

static struct activity *expand(const struct setting *s, uint64_t seed, int items)
{
	struct activity a = { 0 };
	struct activity *x;
	char err[256];

	a.id = "essai";
	a.title = "Essai";
	a.version = 1;
	a.generator = (char *)s->generator;
	a.variant = (char *)s->variant;
	a.difficulty = s->difficulty;
	a.generated_count = items;
	x = generator_expand(&a, seed, err, sizeof(err));
	if (!x)
		fail_msg("%s: %s", s->generator, err);
	return x;
}

/* All the text of the items, to compare two expansions. */
static void items_text(const struct activity *a, struct buf *out)
{
	size_t i, j, k;

	for (i = 0; i < a->question_count; i++) {
		const struct question *q = &a->questions[i];

		buf_adds(out, q->prompt_html);
		buf_adds(out, q->answer_text ? q->answer_text : "");
		for (j = 0; j < q->blank_count; j++) {
			buf_adds(out, q->pieces_html[j]);
			for (k = 0; k < q->blanks[j].accepted_count; k++)
				buf_adds(out, q->blanks[j].accepted[k]);
		}
		buf_addc(out, '\n');
	}
}

static void rng_known_values(void **state)
{
	struct rng g;
	long long x;
	int i;

	/* splitmix64 from state 0, as published with the algorithm. */
	rng_seed(&g, 0);
	assert_true(rng_next(&g) == 0xe220a8397b1dcdafULL);
	assert_true(rng_next(&g) == 0x6e789e6aa1b965f4ULL);
	for (i = 0; i < 1000; i++) {
		x = rng_range(&g, -3, 3);
		assert_true(x >= -3 && x <= 3);
	}
	assert_int_equal(rng_range(&g, 5, 5), 5);
}

static void same_seed_same_items(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		struct activity *a = expand(&settings[i], 12345, 10), *b = expand(&settings[i], 12345, 10);
		struct activity *c = expand(&settings[i], 999, 10);
		struct buf ta = BUF_INIT(0), tb = BUF_INIT(0), tc = BUF_INIT(0);

		assert_int_equal(a->question_count, 10);
		assert_true(a->seed == 12345);
		items_text(a, &ta);
		items_text(b, &tb);
		items_text(c, &tc);
		if (strcmp(buf_cstr(&ta), buf_cstr(&tb)) != 0)
			fail_msg("%s %s: the same seed gave other items", settings[i].generator, settings[i].variant);
		if (strcmp(buf_cstr(&ta), buf_cstr(&tc)) == 0)
			fail_msg("%s %s: two seeds gave the same items", settings[i].generator, settings[i].variant);
		buf_release(&ta);
		buf_release(&tb);
		buf_release(&tc);
		activity_free(a);
		activity_free(b);
		activity_free(c);
	}
}

/* The calculation between <strong> and </strong>, without the narrow
 * spaces that group digits. */
static void strong_text(const char *html, char *out, size_t size)
{
	const char *p = strstr(html, "<strong>"), *end = p ? strstr(p, "</strong>") : NULL;
	size_t k = 0;

	assert_non_null(end);
	for (p += 8; p < end && k + 1 < size; p++) {
		if (strncmp(p, "\u202f", 3) == 0) {
			p += 2;
			continue;
		}
		out[k++] = *p;
	}
	out[k] = '\0';
}

static void check_arithmetic(const struct setting *s, long long max_operand)
{
	size_t i;
	uint64_t seed;

	for (seed = 1; seed <= 30; seed++) {
		struct activity *a = expand(s, seed, 12);

		for (i = 0; i < a->question_count; i++) {
			char expr[128], err[256], value[64];
			struct calc_value v;
			bool exact;
			long long x, y;

			strong_text(a->questions[i].prompt_html, expr, sizeof(expr));
			assert_int_equal(calc_eval(expr, strlen(expr), &v, err, sizeof(err)), 0);
			calc_format(v, value, sizeof(value), &exact);
			assert_true(exact);
			if (strcmp(value, a->questions[i].answer_text) != 0)
				fail_msg("%s = %s, but the expected answer is %s", expr, value, a->questions[i].answer_text);
			if (max_operand && sscanf(expr, "%lld %*s %lld", &x, &y) == 2 && (x > max_operand || y > max_operand))
				fail_msg("%s: an operand passes %lld", expr, max_operand);
			assert_true(v.num >= 0);
		}
		activity_free(a);
	}
}

static void arithmetic_answers_right(void **state)
{
	static const struct setting easy = { "calcul-mental", "mixte", 1 }, hard = { "calcul-mental", "mixte", 3 };
	static const struct setting whole = { "operations", "entiers", 3 }, decimals = { "operations", "decimaux", 2 };

	check_arithmetic(&easy, 20);
	check_arithmetic(&hard, 999);
	check_arithmetic(&whole, 99999);
	check_arithmetic(&decimals, 0);
}

static void fraction_of_quantity_right(void **state)
{
	static const struct setting s = { "fractions", "partage", 2 };
	struct activity *a = expand(&s, 77, 15);
	size_t i;

	for (i = 0; i < a->question_count; i++) {
		long long num, den, whole;

		assert_int_equal(sscanf(a->questions[i].prompt_html, "<p>Calcule <strong>%lld/%lld de %lld", &num, &den, &whole), 3);
		assert_true(den >= 2 && den <= 10 && num < den && whole % den == 0);
		assert_int_equal(atoll(a->questions[i].answer_text), whole / den * num);
	}
	activity_free(a);
}

static void conversions_right(void **state)
{
	static const char *const units[] = { "km", "hm", "dam", "m", "dm", "cm", "mm" };
	static const struct setting s = { "conversions", "longueurs", 1 };
	struct activity *a = expand(&s, 5, 20);
	size_t i;

	for (i = 0; i < a->question_count; i++) {
		char from[8], to[8];
		long long v, power = 1;
		int f = -1, t = -1, k;

		assert_int_equal(sscanf(a->questions[i].prompt_html, "<p>Convertis : <strong>%lld %7s = … %7[^<]", &v, from, to), 3);
		for (k = 0; k < 7; k++) {
			f = strcmp(units[k], from) == 0 ? k : f;
			t = strcmp(units[k], to) == 0 ? k : t;
		}
		/* Difficulty 1 converts to a smaller unit: the result is whole. */
		assert_true(f >= 0 && t > f && t - f <= 3);
		for (k = f; k < t; k++)
			power *= 10;
		assert_int_equal(atoll(a->questions[i].answer_text), v * power);
		assert_string_equal(a->questions[i].unit, to);
	}
	activity_free(a);
}

static void conjugation_answers_right(void **state)
{
	static const struct setting s = { "conjugaison", "cycle3", 2 };
	const struct conjugation *c = conjugation_shared();
	struct activity *a;
	size_t i;

	assert_non_null(c);
	a = expand(&s, 2024, 20);
	for (i = 0; i < a->question_count; i++) {
		const struct question *q = &a->questions[i];
		const char *answer = q->blanks[0].accepted[0], *last = strrchr(answer, ' ');
		struct conj_match m[CONJ_MAX_MATCHES];
		char verb[64];
		size_t n, k;
		bool found = false;

		assert_int_equal(sscanf(q->prompt_html, "<p>Conjugue le verbe <strong>%63[^<]", verb), 1);
		/* The answer, or the participle of a compound tense, is a form of the verb. */
		n = conjugation_find(c, last ? last + 1 : answer, m, CONJ_MAX_MATCHES);
		for (k = 0; k < n; k++)
			found |= strcmp(conjugation_infinitive(c, m[k].verb), verb) == 0;
		if (!found)
			fail_msg("« %s » is not a form of %s", answer, verb);
	}
	activity_free(a);
}

static void homophone_answer_in_menu(void **state)
{
	static const struct setting s = { "homophones", NULL, 1 };
	struct activity *a = expand(&s, 3, 20);
	size_t i;

	for (i = 0; i < a->question_count; i++) {
		const struct blank *b = &a->questions[i].blanks[0];

		assert_int_equal(b->menu_count, 2);
		assert_true(strcmp(b->accepted[0], b->menu[0]) == 0 || strcmp(b->accepted[0], b->menu[1]) == 0);
	}
	activity_free(a);
}

static void dictation_rebuilds_text(void **state)
{
	static const struct setting s = { "dictee", NULL, 3 };
	struct activity *a = expand(&s, 11, 4);
	size_t i, j;

	for (i = 0; i < a->question_count; i++) {
		const struct question *q = &a->questions[i];
		struct buf line = BUF_INIT(0);

		assert_true(q->blank_count >= 1 && q->blank_count <= 3);
		for (j = 0; j <= q->blank_count; j++) {
			buf_html(&line, "%S", q->pieces_html[j]);
			if (j < q->blank_count)
				buf_html(&line, "%s", q->blanks[j].accepted[0]);
		}
		{
			struct buf expected = BUF_INIT(0);

			buf_html(&expected, "%s", q->speech_text);
			assert_string_equal(buf_cstr(&line), buf_cstr(&expected));
			buf_release(&expected);
		}
		buf_release(&line);
	}
	activity_free(a);
}

static void content_file_with_generator(void **state)
{
	static const char ok[] = "---\nid: essai-calcul\ntype: activite\nsubject: mathematiques\nlevels: [CM1]\n"
				 "competencies: [MA-NC-CALCUL]\ntitle: Calcul\nminutes: 5\nauthor: A\nreviewer: B\nversion: 1\n"
				 "generator: calcul-mental\nvariant: tables\ndifficulty: 2\nquestions: 8\n---\n\nCalcule vite !\n";
	struct content_error err;
	struct activity *a = activity_parse(ok, strlen(ok), &err);
	char text[1024];

	if (!a)
		fail_msg("line %d: %s", err.line, err.message);
	assert_string_equal(a->generator, "calcul-mental");
	assert_string_equal(a->variant, "tables");
	assert_int_equal(a->difficulty, 2);
	assert_int_equal(a->generated_count, 8);
	assert_int_equal(a->question_count, 0);
	assert_non_null(strstr(a->intro_html, "Calcule vite"));
	activity_free(a);

	snprintf(text, sizeof(text), "%.*sgenerator: calcul-magique\n---\n", (int)(strstr(ok, "generator:") - ok), ok);
	assert_null(activity_parse(text, strlen(text), &err));
	assert_non_null(strstr(err.message, "générateur inconnu"));
	snprintf(text, sizeof(text), "%.*sgenerator: fractions\nvariant: tables\n---\n", (int)(strstr(ok, "generator:") - ok), ok);
	assert_null(activity_parse(text, strlen(text), &err));
	assert_non_null(strstr(err.message, "variante"));
	snprintf(text, sizeof(text), "%.*sdifficulty: 2\n---\n", (int)(strstr(ok, "generator:") - ok), ok);
	assert_null(activity_parse(text, strlen(text), &err));
	assert_non_null(strstr(err.message, "qu’avec un générateur"));
	snprintf(text, sizeof(text), "%s\n## Question 1\n\nCombien ?\n\n= 4\n", ok);
	assert_null(activity_parse(text, strlen(text), &err));
	assert_non_null(strstr(err.message, "pas de questions écrites"));
	snprintf(text, sizeof(text), "%.*sgenerator: dictee\ndifficulty: 4\n---\n", (int)(strstr(ok, "generator:") - ok), ok);
	assert_null(activity_parse(text, strlen(text), &err));
}

static void seed_text_round_trip(void **state)
{
	uint64_t seed = 0;

	assert_true(generator_seed_parse(generator_seed_text(9223372036854775807ULL).text, &seed));
	assert_true(seed == 9223372036854775807ULL);
	assert_false(generator_seed_parse("9223372036854775808", &seed));
	assert_false(generator_seed_parse("-1", &seed));
	assert_false(generator_seed_parse("12a", &seed));
	assert_false(generator_seed_parse("", &seed));
	assert_false(generator_seed_parse(NULL, &seed));
	assert_true(generator_new_seed() <= INT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rng_known_values),
		cmocka_unit_test(same_seed_same_items),
		cmocka_unit_test(arithmetic_answers_right),
		cmocka_unit_test(fraction_of_quantity_right),
		cmocka_unit_test(conversions_right),
		cmocka_unit_test(conjugation_answers_right),
		cmocka_unit_test(homophone_answer_in_menu),
		cmocka_unit_test(dictation_rebuilds_text),
		cmocka_unit_test(content_file_with_generator),
		cmocka_unit_test(seed_text_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
