/* Unit tests of activity_grade(): one row per answer to one question of a
 * sample activity, with the expected verdict, score and message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content/activity.h"

#define NBSP "\u00a0"
#define NNBSP "\u202f"

static const char sample[] =
	"---\n"
	"id: essai-notes\n"
	"type: activite\n"
	"subject: mathematiques\n"
	"levels: [CM1]\n"
	"competencies: [MA-NC-DECIMAUX]\n"
	"title: Essai\n"
	"minutes: 5\n"
	"author: Anne\n"
	"reviewer: Bruno\n"
	"version: 1\n"
	"---\n"
	"## Question\n\nUn seul ?\n\n- [ ] a\n- [x] *b*\n- [ ] c\n"
	"## Question\n\nPlusieurs ?\n\n- [x] a\n- [ ] b\n- [x] c\n"
	"## Question\n\nLe [[été|ete]], [[?le|*la|les]] et [[!Paris]].\n"
	"## Question\n\nCombien ?\n\n= 3,5 ± 0,1 cm\n"
	"## Question\n\n0,1 + 0,2 ?\n\n= 0,3\n"
	"## Question\n\nUn mot : [[à]].\n";

enum { Q_SINGLE, Q_MULTIPLE, Q_CLOZE, Q_NUMBER, Q_EXACT, Q_ACCENT };

#define MAX_TEXTS 3
#define NO_CHOICE -99

struct grade_row {
	const char *name;
	int question;
	const char *texts[MAX_TEXTS]; /* NULL ends the list */
	int choices[MAX_TEXTS + 1];   /* NO_CHOICE ends the list */
	enum verdict verdict;
	double score;
	const char *message;
};

#define T(...) { __VA_ARGS__ }
#define C(...) { __VA_ARGS__, NO_CHOICE }
#define NONE { NO_CHOICE }

#define RIGHT "Bravo" NNBSP "!"
#define WRONG "Ce n’est pas ça."
#define EMPTY "Tu n’as pas encore répondu."

static const struct grade_row rows[] = {
	{ "single right", Q_SINGLE, T(NULL), C(1), VERDICT_RIGHT, 1, RIGHT },
	{ "single wrong", Q_SINGLE, T(NULL), C(0), VERDICT_WRONG, 0, WRONG },
	{ "single two ticks", Q_SINGLE, T(NULL), C(0, 1), VERDICT_WRONG, 0,
	  WRONG },
	{ "single none", Q_SINGLE, T(NULL), NONE, VERDICT_EMPTY, 0, EMPTY },
	{ "single out of range", Q_SINGLE, T(NULL), C(7), VERDICT_EMPTY, 0,
	  EMPTY },
	{ "multiple right", Q_MULTIPLE, T(NULL), C(2, 0), VERDICT_RIGHT, 1,
	  RIGHT },
	{ "multiple repeated", Q_MULTIPLE, T(NULL), C(0, 2, 0), VERDICT_RIGHT,
	  1, RIGHT },
	{ "multiple missing", Q_MULTIPLE, T(NULL), C(0), VERDICT_WRONG, 0,
	  "Presque" NBSP ": il manque une bonne réponse." },
	{ "multiple extra", Q_MULTIPLE, T(NULL), C(0, 1, 2), VERDICT_WRONG, 0,
	  "Une des cases cochées n’est pas juste." },
	{ "cloze right", Q_CLOZE, T("été", "la", "Paris"), NONE,
	  VERDICT_RIGHT, 1, RIGHT },
	{ "cloze variant", Q_CLOZE, T(" ETE ", "LA", "Paris"), NONE,
	  VERDICT_RIGHT, 1, RIGHT },
	{ "cloze two of three", Q_CLOZE, T("été", "les", "Paris"), NONE,
	  VERDICT_WRONG, 2.0 / 3.0, "Tu as trouvé 2 trous sur 3." },
	{ "cloze one of three", Q_CLOZE, T("hiver", "les", "Paris"), NONE,
	  VERDICT_WRONG, 1.0 / 3.0, "Tu as trouvé 1 trou sur 3." },
	{ "cloze case", Q_CLOZE, T("été", "la", "paris"), NONE,
	  VERDICT_WRONG, 2.0 / 3.0, "Presque" NBSP ": regarde les"
	  " majuscules." },
	{ "cloze missing blank", Q_CLOZE, T("été", "la"), NONE, VERDICT_WRONG,
	  2.0 / 3.0, "Tu as trouvé 2 trous sur 3." },
	{ "cloze all empty", Q_CLOZE, T("", " ", NULL), NONE, VERDICT_EMPTY,
	  0, EMPTY },
	{ "cloze all wrong", Q_CLOZE, T("x", "y", "z"), NONE, VERDICT_WRONG,
	  0, WRONG },
	{ "accent only", Q_ACCENT, T("a"), NONE, VERDICT_WRONG, 0,
	  "Presque" NBSP ": regarde les accents." },
	{ "accent right", Q_ACCENT, T("À"), NONE, VERDICT_RIGHT, 1, RIGHT },
	{ "number exact", Q_NUMBER, T("3,5"), NONE, VERDICT_RIGHT, 1, RIGHT },
	{ "number in tolerance", Q_NUMBER, T("3,6"), NONE, VERDICT_RIGHT, 1,
	  RIGHT },
	{ "number out of tolerance", Q_NUMBER, T("3,61"), NONE, VERDICT_WRONG,
	  0, WRONG },
	{ "number with unit", Q_NUMBER, T("3,5 cm"), NONE, VERDICT_RIGHT, 1,
	  RIGHT },
	{ "number with point", Q_NUMBER, T("3.5"), NONE, VERDICT_INVALID, 0,
	  "Écris le nombre avec une virgule" NBSP ": 3,5" },
	{ "number empty", Q_NUMBER, T(""), NONE, VERDICT_EMPTY, 0, EMPTY },
	{ "number missing", Q_NUMBER, T(NULL), NONE, VERDICT_EMPTY, 0,
	  EMPTY },
	{ "number words", Q_NUMBER, T("trois"), NONE, VERDICT_INVALID, 0,
	  "Écris seulement un nombre, par exemple 12 ou 3,5." },
	{ "exact 0,3", Q_EXACT, T("0,3"), NONE, VERDICT_RIGHT, 1, RIGHT },
	{ "exact 0,30", Q_EXACT, T("0,30"), NONE, VERDICT_RIGHT, 1, RIGHT },
	{ "exact near", Q_EXACT, T("0,30000000001"), NONE, VERDICT_WRONG, 0,
	  WRONG },
};

static struct activity *load_sample(void)
{
	struct content_error err;
	struct activity *a = activity_parse(sample, strlen(sample), &err);

	if (!a)
		print_error("sample: line %d: %s\n", err.line, err.message);
	return a;
}

/* Grade `row` alone: the other questions get no answer. */
static int grade_row(const struct activity *a, const struct grade_row *row,
		     struct grade *g)
{
	struct question_answer answers[6];
	size_t texts = 0, choices = 0;

	memset(answers, 0, sizeof(answers));
	while (texts < MAX_TEXTS && row->texts[texts])
		texts++;
	while (choices < MAX_TEXTS && row->choices[choices] != NO_CHOICE)
		choices++;
	answers[row->question].texts = (const char **)row->texts;
	answers[row->question].text_count = texts;
	answers[row->question].choices = row->choices;
	answers[row->question].choice_count = choices;
	return activity_grade(a, answers, g);
}

static void grade_table(void **state)
{
	struct activity *a = load_sample();
	size_t i, failed = 0;

	assert_non_null(a);
	assert_int_equal(a->question_count, 6);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct grade_row *row = &rows[i];
		const struct question_result *r;
		struct grade g;

		assert_int_equal(grade_row(a, row, &g), 0);
		r = &g.results[row->question];
		if (r->verdict != row->verdict || r->score != row->score ||
		    !r->message || strcmp(r->message, row->message) != 0) {
			print_error("row \"%s\": got verdict %d, score %g,"
				    " message \"%s\"\n", row->name, r->verdict,
				    r->score, r->message ? r->message : "");
			failed++;
		}
		grade_release(&g);
	}
	activity_free(a);
	assert_int_equal(failed, 0);
}

static void expected_answers(void **state)
{
	struct activity *a = load_sample();
	struct grade g;

	assert_non_null(a);
	assert_int_equal(activity_grade(a, NULL, &g), 0);
	assert_string_equal(g.results[Q_SINGLE].expected_html, "<em>b</em>");
	assert_string_equal(g.results[Q_MULTIPLE].expected_html,
			    "<ul><li>a</li><li>c</li></ul>");
	assert_string_equal(g.results[Q_CLOZE].expected_html,
			    "<p>Le <strong>été</strong>, <strong>la</strong>"
			    " et <strong>Paris</strong>.</p>\n");
	assert_string_equal(g.results[Q_NUMBER].expected_html,
			    "3,5" NBSP "cm");
	grade_release(&g);
	activity_free(a);
}

static void totals(void **state)
{
	static const char *texts[] = { "été", "le", "Paris" };
	static const int pick[] = { 1 };
	struct activity *a = load_sample();
	struct question_answer answers[6];
	struct grade g;

	assert_non_null(a);
	memset(answers, 0, sizeof(answers));
	answers[Q_SINGLE].choices = pick;
	answers[Q_SINGLE].choice_count = 1;
	answers[Q_CLOZE].texts = texts;
	answers[Q_CLOZE].text_count = 3;
	assert_int_equal(activity_grade(a, answers, &g), 0);
	assert_int_equal(g.max_score, 6);
	assert_int_equal(g.count, 6);
	assert_true(g.score > 1.66 && g.score < 1.67);
	assert_int_equal(g.results[Q_CLOZE].blank_count, 3);
	assert_true(g.results[Q_CLOZE].blank_right[0]);
	assert_false(g.results[Q_CLOZE].blank_right[1]);
	assert_true(g.results[Q_CLOZE].blank_right[2]);
	grade_release(&g);
	activity_free(a);
}

static void release_twice(void **state)
{
	struct grade g;
	struct activity *a = load_sample();

	assert_non_null(a);
	assert_int_equal(activity_grade(a, NULL, &g), 0);
	grade_release(&g);
	grade_release(&g);
	grade_release(NULL);
	assert_null(g.results);
	activity_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grade_table),
		cmocka_unit_test(expected_answers),
		cmocka_unit_test(totals),
		cmocka_unit_test(release_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
