/* Unit tests of the dictation: alignment and classification (one row per
 * case), the correction HTML, the spoken text, the parser and the grade. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content/activity.h"
#include "content/dictation.h"

#define NBSP "\u00a0"
#define NNBSP "\u202f"

/* Letters of the mistake kinds in the `mistakes` column, in text order. */
static const char kind_letters[DICTATION_KINDS] = {
	[DICTATION_RIGHT] = '.',
	[DICTATION_ACCENT] = 'A',
	[DICTATION_AGREEMENT] = 'G',
	[DICTATION_HOMOPHONE] = 'H',
	[DICTATION_CAPITAL] = 'C',
	[DICTATION_PUNCTUATION] = 'P',
	[DICTATION_MISSING] = 'M',
	[DICTATION_EXTRA] = 'E',
	[DICTATION_SPELLING] = 'S',
};

struct row {
	const char *name;
	const char *expected;
	const char *typed;
	const char *mistakes; /* letters above, right steps left out */
	size_t words_right;
};

static const struct row rows[] = {
	{ "identical", "Le chat dort.", "Le chat dort.", "", 3 },
	{ "accent missing", "Léa va à l'école.", "Léa va à l'ecole.", "A", 3 },
	{ "accents missing twice", "Un élève.", "Un eleve.", "A", 1 },
	{ "accent wrong way", "Il est très grand.", "Il est trés grand.", "A", 3 },
	{ "noun plural", "Les chats dorment.", "Les chat dorment.", "G", 2 },
	{ "verb plural ent", "Les chats dorment.", "Les chats dorme.", "G", 2 },
	{ "participle er", "Il a mangé.", "Il a manger.", "G", 2 },
	{ "imparfait ait", "Je chantais.", "Je chantait.", "G", 1 },
	{ "feminine adjective", "Une petite fille.", "Une petit fille.", "G", 2 },
	{ "plural in aux", "Des chevaux courent.", "Des cheval courent.", "G", 2 },
	{ "infinitive for present", "Il finit.", "Il finir.", "G", 1 },
	{ "homophone a/à", "Il va à Paris.", "Il va a Paris.", "H", 3 },
	{ "homophone et/est", "Il est grand.", "Il et grand.", "H", 2 },
	{ "homophone son/sont", "Ils sont là.", "Ils son là.", "H", 2 },
	{ "homophone on/ont", "Ils ont faim.", "Ils on faim.", "H", 2 },
	{ "homophone ce/se", "Il se lave.", "Il ce lave.", "H", 2 },
	{ "homophone ces/ses", "Il range ses jouets.", "Il range ces jouets.", "H", 3 },
	{ "homophone ou/où", "Où vas-tu ?", "Ou vas-tu ?", "H", 1 },
	{ "homophone la/l'a", "Il l'a vu.", "Il la vu.", "H", 2 },
	{ "homophone mes/mais", "Je viens, mais tard.", "Je viens, mes tard.", "H", 3 },
	{ "homophone leur/leurs", "Ils prennent leurs sacs.", "Ils prennent leur sacs.", "H", 3 },
	{ "homophone c'est/s'est", "Il s'est levé.", "Il c'est levé.", "H", 2 },
	{ "homophone capital À", "À demain.", "A demain.", "H", 1 },
	{ "missing word", "Le petit chat dort.", "Le chat dort.", "M", 3 },
	{ "extra word", "Le chat dort.", "Le gros chat dort.", "E", 3 },
	{ "missing full stop", "Le chat dort.", "Le chat dort", "P", 3 },
	{ "wrong mark", "Tu viens ?", "Tu viens.", "P", 2 },
	{ "extra comma", "Le chat dort.", "Le chat, dort.", "P", 3 },
	{ "lower case start", "Le chat dort.", "le chat dort.", "C", 2 },
	{ "lower case name", "Léo rit.", "léo rit.", "C", 1 },
	{ "other spelling", "Le chat dort.", "Le chien dort.", "S", 2 },
	{ "several in one sentence", "Les enfants ont mangé à la cantine.",
	  "les enfant on manger a la cantine", "CGHGHP", 2 },
	{ "empty answer", "Le chat dort.", "", "MMMP", 0 },
	{ "only spaces", "Le chat.", "  \n\t ", "MMP", 0 },
	{ "typographic apostrophe", "L’école est fermée.", "L'école est fermée.", "", 3 },
	{ "typed curly apostrophe", "L'école est fermée.", "L’école est fermée.", "", 3 },
	{ "narrow space before mark", "Tu viens" NNBSP "?", "Tu viens ?", "", 2 },
	{ "no-break spaces typed", "Il dit oui.", "Il" NBSP "dit\u2009oui.", "", 3 },
	{ "decomposed accent", "Léa lit.", "Le\u0301a lit.", "", 2 },
	{ "straight quotes", "Il dit : « Viens ! »", "Il dit : \"Viens !\"", "", 3 },
	{ "three dots", "Il attend…", "Il attend...", "", 2 },
	{ "oe ligature", "Ma sœur lit.", "Ma soeur lit.", "", 3 },
	{ "hyphen kept in word", "Il est peut-être là.", "Il est peut être là.", "SE", 3 },
	{ "line break ignored", "Il pleut.\nIl fait froid.", "Il pleut. Il fait froid.", "", 5 },
	{ "invisible character", "Le chat.", "Le ch\u200bat.", "", 2 },
};

/* The mistakes of `r` as kind letters, right steps left out. */
static void mistakes_string(const struct dictation_result *r, char *out,
			    size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < r->step_count && n + 1 < size; i++)
		if (r->steps[i].kind != DICTATION_RIGHT)
			out[n++] = kind_letters[r->steps[i].kind];
	out[n] = '\0';
}

static void compare_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *row = &rows[i];
		struct dictation_result r;
		char mistakes[64];
		int rc = dictation_compare(row->expected, strlen(row->expected),
					   row->typed, strlen(row->typed), &r);

		print_message("row: %s\n", row->name);
		assert_int_equal(rc, 0);
		mistakes_string(&r, mistakes, sizeof(mistakes));
		assert_string_equal(mistakes, row->mistakes);
		assert_int_equal(r.words_right, row->words_right);
		dictation_result_release(&r);
	}
}

static void words_counted(void **state)
{
	const char *quote = "Il dit : « Viens, Léo ! »";
	struct dictation_result r;

	(void)state;
	assert_int_equal(dictation_compare(quote, strlen(quote), "Il dit viens", 12, &r), 0);
	assert_int_equal(r.words, 4);
	assert_int_equal(r.words_right, 2);
	assert_int_equal(r.counts[DICTATION_CAPITAL], 1);
	assert_int_equal(r.counts[DICTATION_MISSING], 1);
	assert_int_equal(r.counts[DICTATION_PUNCTUATION], 5);
	dictation_result_release(&r);
}

static void very_long_answer(void **state)
{
	struct buf typed = BUF_INIT(0);
	struct dictation_result r;
	int i;

	(void)state;
	buf_adds(&typed, "Le chat dort.");
	for (i = 0; i < 450; i++)
		buf_adds(&typed, " bla");
	assert_true(typed.len <= DICTATION_MAX_ANSWER_BYTES);
	assert_int_equal(dictation_compare("Le chat dort.", 13, typed.data,
					   typed.len, &r), 0);
	assert_int_equal(r.words_right, 3);
	assert_int_equal(r.counts[DICTATION_EXTRA], 450);
	dictation_result_release(&r);
	buf_release(&typed);
}

static void too_long_answer(void **state)
{
	char *typed = malloc(DICTATION_MAX_ANSWER_BYTES + 2);
	struct dictation_result r;

	(void)state;
	memset(typed, 'a', DICTATION_MAX_ANSWER_BYTES + 1);
	typed[DICTATION_MAX_ANSWER_BYTES + 1] = '\0';
	assert_int_equal(dictation_compare("Le chat.", 8, typed,
					   DICTATION_MAX_ANSWER_BYTES + 1, &r),
			 DICTATION_ERR_TOO_LONG);
	assert_int_equal(r.step_count, 0);
	free(typed);
}

static void invalid_utf8(void **state)
{
	struct dictation_result r;

	(void)state;
	assert_int_equal(dictation_compare("Le chat.", 8, "Le \xff", 4, &r),
			 DICTATION_ERR_UTF8);
	assert_null(r.steps);
}

static void correction_html(void **state)
{
	const char *expected = "Le chat dort à l’école.";
	const char *typed = "Le <b>chat</b> dor a l'ecole";
	struct buf b = BUF_INIT(0);
	struct dictation_result r;

	(void)state;
	assert_int_equal(dictation_compare(expected, strlen(expected), typed,
					   strlen(typed), &r), 0);
	assert_int_equal(dictation_result_html(&r, typed, &b), 0);
	assert_non_null(strstr(b.data, "(accent)"));
	assert_non_null(strstr(b.data, "(homophone)"));
	assert_non_null(strstr(b.data, "(mot en trop)"));
	assert_non_null(strstr(b.data, "<ins><span class=\"sr-only\">il fallait écrire </span>l’école</ins>"));
	assert_non_null(strstr(b.data, "<p class=\"dictation-typed\">Le &lt;b&gt;chat&lt;/b&gt; dor a l"));
	assert_null(strstr(b.data, "<b>"));
	dictation_result_release(&r);
	buf_release(&b);
}

static const char sample[] =
	"---\n"
	"id: essai-dictee\n"
	"type: activite\n"
	"subject: francais\n"
	"levels: [CE2]\n"
	"competencies: [FR-EL-HOMOPHONES-C2]\n"
	"title: Essai\n"
	"minutes: 5\n"
	"author: Anne\n"
	"reviewer: Bruno\n"
	"version: 1\n"
	"---\n"
	"## Question\n\n"
	"~~~dictée\n"
	"Léo a un chien, il dit : « Viens ! » puis il part.\n"
	"Il rit. Il court !\n"
	"\n"
	"« Bravo ! » Filou aboie.\n"
	"~~~\n"
	"Mots donnés : Léo, Filou\n"
	"\n"
	"> Si faux : Relis-toi.\n";

static void parse_sentences(void **state)
{
	struct content_error err = { 0 };
	struct activity *a = activity_parse(sample, strlen(sample), &err);
	const struct dictation *d;

	(void)state;
	assert_non_null(a);
	assert_int_equal(a->questions[0].kind, QUESTION_DICTATION);
	d = a->questions[0].dictation;
	assert_int_equal(d->sentence_count, 5);
	assert_string_equal(d->sentences[0], "Léo a un chien, il dit : « Viens ! » puis il part.");
	assert_string_equal(d->sentences[2], "Il court !");
	assert_string_equal(d->sentences[3], "« Bravo ! »");
	assert_false(d->new_paragraph[2]);
	assert_true(d->new_paragraph[3]);
	assert_non_null(strstr(d->text, "Il court !\n« Bravo"));
	assert_int_equal(d->given_word_count, 2);
	assert_string_equal(d->given_words[1], "Filou");
	assert_non_null(a->questions[0].prompt_html);
	assert_non_null(a->questions[0].feedback_wrong_html);
	activity_free(a);
}

static struct activity *parse_body(const char *body, struct content_error *err)
{
	char text[2048];

	snprintf(text, sizeof(text), "%.*s%s", (int)(strstr(sample, "## Question") - sample), sample, body);
	return activity_parse(text, strlen(text), err);
}

static void parse_bars(void **state)
{
	struct content_error err = { 0 };
	struct activity *a = parse_body("## Question\n~~~dictee\nM. Martin arrive. Il rit. | Fin.\n~~~\n", &err);

	(void)state;
	assert_non_null(a);
	assert_int_equal(a->questions[0].dictation->sentence_count, 2);
	assert_string_equal(a->questions[0].dictation->sentences[0], "M. Martin arrive. Il rit.");
	activity_free(a);
}

static void parse_errors(void **state)
{
	static const struct { const char *body; const char *message; } cases[] = {
		{ "## Question\n~~~dictée\nLe chat.\n", "non fermé" },
		{ "## Question\n~~~dictée\n~~~\n", "dictée vide" },
		{ "## Question\n~~~dictée\nLe chat. || Fin.\n~~~\n", "phrase vide" },
		{ "## Question\n~~~dictée\nLe chat. | !\n~~~\n", "aucun mot" },
		{ "## Question\n~~~dictée\nLe chat.\n~~~\nAutre chose\n", "texte après la dictée" },
		{ "## Question\n~~~dictée\nLe chat.\n~~~\nMots donnés : Léo,\n", "mot donné vide" },
		{ "## Question\n~~~dictée\nA.\n~~~\n~~~dictée\nB.\n~~~\n", "qu’une dictée" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct content_error err = { 0 };
		struct activity *a = parse_body(cases[i].body, &err);

		print_message("case: %s\n", cases[i].message);
		assert_null(a);
		assert_non_null(strstr(err.message, cases[i].message));
	}
}

/* A text of `count` copies of `sentence` inside a dictation block. */
static struct activity *parse_repeated(const char *sentence, int count, struct content_error *err)
{
	struct buf body = BUF_INIT(0);
	struct activity *a;
	int i;

	buf_adds(&body, "## Question\n~~~dictée\n");
	for (i = 0; i < count; i++)
		buf_adds(&body, sentence);
	buf_adds(&body, "\n~~~\n");
	a = parse_body(body.data, err);
	buf_release(&body);
	return a;
}

static void parse_limits(void **state)
{
	struct content_error err = { 0 };
	struct activity *a;

	(void)state;
	a = parse_repeated("Il rit. ", DICTATION_MAX_SENTENCES, &err);
	assert_non_null(a);
	assert_int_equal(a->questions[0].dictation->sentence_count, DICTATION_MAX_SENTENCES);
	activity_free(a);

	assert_null(parse_repeated("Il rit. ", DICTATION_MAX_SENTENCES + 1, &err));
	assert_non_null(strstr(err.message, "30 phrases au plus"));

	assert_null(parse_repeated("été ", DICTATION_MAX_TEXT_CHARS / 4 + 1, &err));
	assert_non_null(strstr(err.message, "500 caractères au plus"));
}

static void spoken_text(void **state)
{
	struct content_error err = { 0 };
	struct activity *a = activity_parse(sample, strlen(sample), &err);
	const struct dictation *d = a->questions[0].dictation;
	struct buf whole = BUF_INIT(0), one = BUF_INIT(0);

	(void)state;
	assert_int_equal(dictation_spoken_text(d, -1, &whole), 0);
	assert_non_null(strstr(whole.data, "Léo a un chien virgule, il dit deux-points, ouvrez les guillemets, Viens point d'exclamation. fermez les guillemets, puis"));
	assert_non_null(strstr(whole.data, "Il court point d'exclamation. À la ligne. ouvrez les guillemets,"));
	assert_int_equal(dictation_spoken_text(d, 3, &one), 0);
	assert_string_equal(one.data, "À la ligne. ouvrez les guillemets, Bravo point d'exclamation. fermez les guillemets, … "
				      "ouvrez les guillemets, Bravo point d'exclamation. fermez les guillemets,");
	assert_int_equal(dictation_spoken_text(d, 5, &one), -1);
	buf_release(&whole);
	buf_release(&one);
	activity_free(a);
}

static void grade_dictation(void **state)
{
	struct content_error err = { 0 };
	struct activity *a = activity_parse(sample, strlen(sample), &err);
	const char *texts[1] = { NULL };
	struct question_answer answer = { texts, 1, NULL, 0 };
	struct grade g;

	(void)state;
	texts[0] = a->questions[0].dictation->text;
	assert_int_equal(activity_grade(a, &answer, &g), 0);
	assert_int_equal(g.results[0].verdict, VERDICT_RIGHT);
	assert_true(g.score == 1.0);
	grade_release(&g);

	texts[0] = "Léo a un chien";
	assert_int_equal(activity_grade(a, &answer, &g), 0);
	assert_int_equal(g.results[0].verdict, VERDICT_WRONG);
	assert_true(g.score > 0.1 && g.score < 0.3);
	assert_string_equal(g.results[0].message, "Tu as écrit 4 mots justes sur 17.");
	assert_non_null(strstr(g.results[0].expected_html, "(mot oublié)"));
	grade_release(&g);

	texts[0] = " ";
	assert_int_equal(activity_grade(a, &answer, &g), 0);
	assert_int_equal(g.results[0].verdict, VERDICT_EMPTY);
	grade_release(&g);

	texts[0] = "\xc3";
	assert_int_equal(activity_grade(a, &answer, &g), 0);
	assert_int_equal(g.results[0].verdict, VERDICT_INVALID);
	grade_release(&g);
	activity_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compare_table),
		cmocka_unit_test(words_counted),
		cmocka_unit_test(very_long_answer),
		cmocka_unit_test(too_long_answer),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(correction_html),
		cmocka_unit_test(parse_sentences),
		cmocka_unit_test(parse_bars),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(parse_limits),
		cmocka_unit_test(spoken_text),
		cmocka_unit_test(grade_dictation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
