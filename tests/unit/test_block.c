/* Unit tests of the "::: name" question kinds: parsing, parse errors and
 * grading of short answers, text analysis, matching, ordering and sorting,
 * and the pictures of choices. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content/activity.h"
#include "content/answer.h"

#define NBSP "\u00a0"
#define NNBSP "\u202f"

#define HEADER \
	"---\n" \
	"id: essai-blocs\n" \
	"type: activite\n" \
	"subject: francais\n" \
	"levels: [CM1]\n" \
	"competencies: [FR-LE-COMPRENDRE]\n" \
	"title: Essai\n" \
	"minutes: 5\n" \
	"author: Anne\n" \
	"reviewer: Bruno\n" \
	"version: 1\n" \
	"---\n"

static const char sample[] = HEADER
	"## Question\n\nLe petit du chat ?\n\n::: reponse\nle chaton\nchaton\n:::\n\n> Si faux : chaton.\n"
	"## Question\n\nLes verbes ?\n\n::: analyse\nLe chat [dort]. Les {deux chiens} [jouent] !\n\nFin.\n:::\n"
	"## Question\n\nAssocie.\n\n::: associer\nchien -> aboie\nchat → miaule\n-> hennit\n:::\n"
	"## Question\n\nOrdonne.\n\n::: ordonner\nun\ndeux\ntrois\n:::\n"
	"## Question\n\nClasse.\n\n::: classer\n# Noms\n- maison\n- joie\n# Verbes\n- courir\n# Adjectifs\n:::\n"
	"## Question\n\nCapitale ?\n\n::: reponse majuscules max=10\nParis\n:::\n"
	"## Question\n\nUn légume ?\n\n::: reponse rectifications\noignon\n:::\n"
	"## Question\n\nLes groupes ?\n\n::: analyse groupes\n[Le chat] dort sur {le tapis}.\n:::\n"
	"## Question\n\nSans accents ?\n\n::: reponse sans-accents\néléphant\n:::\n"
	"## Question\n\nUn animal ?\n\n- [x] ![un chat assis](chat.svg) le chat\n- [ ] le chien\n";

enum { Q_SHORT, Q_ANALYSIS, Q_MATCH, Q_ORDER, Q_SORT, Q_CASE, Q_REFORM, Q_GROUPS, Q_NO_ACCENTS, Q_PICTURE, Q_COUNT };

static struct activity *load(const char *text)
{
	struct content_error err;
	struct activity *a = activity_parse(text, strlen(text), &err);

	if (!a)
		print_error("line %d: %s\n", err.line, err.message);
	return a;
}

/* ---- parsing ---- */

static void short_parsed(void **state)
{
	struct activity *a = load(sample);
	const struct question *q;

	assert_non_null(a);
	assert_int_equal(a->question_count, Q_COUNT);
	q = &a->questions[Q_SHORT];
	assert_int_equal(q->kind, QUESTION_SHORT);
	assert_int_equal(q->short_answer.accepted_count, 2);
	assert_string_equal(q->short_answer.accepted[0], "le chaton");
	assert_int_equal(q->short_answer.max_chars, SHORT_DEFAULT_CHARS);
	assert_non_null(q->feedback_wrong_html);
	assert_int_equal(a->questions[Q_CASE].short_answer.max_chars, 10);
	activity_free(a);
}

static void analysis_parsed(void **state)
{
	static const char *const texts[] = { "Le", " ", "chat", " ", "dort", ". ", "Les", " ", "deux chiens", " ", "jouent", " !",
					     "Fin", "." };
	static const bool selectable[] = { 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0 };
	struct activity *a = load(sample);
	const struct analysis *an;
	size_t k;

	assert_non_null(a);
	an = &a->questions[Q_ANALYSIS].analysis;
	assert_int_equal(an->unit_count, 14);
	assert_int_equal(an->correct_count, 2);
	assert_int_equal(an->selectable_count, 7);
	for (k = 0; k < an->unit_count; k++) {
		assert_string_equal(an->units[k].text, texts[k]);
		assert_int_equal(an->units[k].selectable, selectable[k]);
	}
	assert_true(an->units[4].correct);
	assert_true(an->units[10].correct);
	assert_false(an->units[8].correct);
	assert_true(an->units[12].paragraph);
	assert_false(an->units[6].paragraph);
	activity_free(a);
}

static void analysis_groups_only(void **state)
{
	struct activity *a = load(sample);
	const struct analysis *an;

	assert_non_null(a);
	an = &a->questions[Q_GROUPS].analysis;
	assert_int_equal(an->selectable_count, 2);
	assert_string_equal(an->units[0].text, "Le chat");
	assert_true(an->units[0].correct);
	assert_string_equal(an->units[1].text, " dort sur ");
	assert_false(an->units[1].selectable);
	assert_string_equal(an->units[2].text, "le tapis");
	activity_free(a);
}

static void match_parsed(void **state)
{
	struct activity *a = load(sample);
	const struct item_set *it;
	size_t d, seen = 0;

	assert_non_null(a);
	it = &a->questions[Q_MATCH].items;
	assert_int_equal(it->left_count, 2);
	assert_int_equal(it->right_count, 3);
	assert_string_equal(it->left[1], "chat");
	assert_string_equal(it->right[1], "miaule");
	assert_string_equal(it->right[2], "hennit");
	for (d = 0; d < it->right_count; d++)
		seen |= 1u << it->display_order[d];
	assert_int_equal(seen, 7);
	activity_free(a);
}

static void order_shuffled(void **state)
{
	struct activity *a = load(sample);
	const struct item_set *it;
	size_t d, in_place = 0;

	assert_non_null(a);
	it = &a->questions[Q_ORDER].items;
	assert_int_equal(it->right_count, 3);
	assert_string_equal(it->right[0], "un");
	for (d = 0; d < it->right_count; d++)
		in_place += it->display_order[d] == d;
	assert_true(in_place < it->right_count);
	activity_free(a);
}

static void sort_parsed(void **state)
{
	struct activity *a = load(sample);
	const struct item_set *it;

	assert_non_null(a);
	it = &a->questions[Q_SORT].items;
	assert_int_equal(it->left_count, 3);
	assert_string_equal(it->left[2], "Adjectifs");
	assert_int_equal(it->right_count, 3);
	assert_int_equal(it->category[0], 0);
	assert_int_equal(it->category[1], 0);
	assert_int_equal(it->category[2], 1);
	activity_free(a);
}

static void picture_rewritten(void **state)
{
	struct activity *a = load(sample);

	assert_non_null(a);
	assert_string_equal(a->questions[Q_PICTURE].options[0].html,
			    "<img src=\"/media/chat.svg\" alt=\"un chat assis\" /> le chat");
	activity_free(a);
}

static void shuffle_stable(void **state)
{
	char *texts[] = { "a", "b", "c", "d", "e" };
	size_t first[5], second[5], d;

	block_shuffle(texts, 5, first);
	block_shuffle(texts, 5, second);
	for (d = 0; d < 5; d++)
		assert_int_equal(first[d], second[d]);
}

/* ---- parse errors ---- */

struct error_row {
	const char *name;
	const char *body;
	int line; /* in the file; the header takes 12 lines */
	const char *message;
};

static const struct error_row errors[] = {
	{ "unknown kind", "## Question\n\nA ?\n\n::: dessin\nx\n:::\n", 17,
	  "sorte de bloc inconnue «" NBSP "dessin" NBSP "»" NBSP ": écrivez reponse, analyse, associer, ordonner ou classer" },
	{ "no kind", "## Question\n\nA ?\n\n:::\nx\n:::\n", 17, "bloc sans nom" },
	{ "never closed", "## Question\n\nA ?\n\n::: reponse\nx\n", 17, "bloc jamais fermé" },
	{ "two blocks", "## Question\n\nA ?\n\n::: reponse\nx\n:::\n::: reponse\ny\n:::\n", 20, "un seul bloc" },
	{ "unknown option", "## Question\n\nA ?\n\n::: reponse gras\nx\n:::\n", 17, "option inconnue «" NBSP "gras" NBSP "»" },
	{ "bad max", "## Question\n\nA ?\n\n::: reponse max=0\nx\n:::\n", 17, "longueur invalide" },
	{ "max too big", "## Question\n\nA ?\n\n::: reponse max=201\nx\n:::\n", 17, "longueur invalide" },
	{ "empty short", "## Question\n\nA ?\n\n::: reponse\n\n:::\n", 17, "bloc «" NBSP "reponse" NBSP "» vide" },
	{ "no prompt", "## Question\n\n::: reponse\nx\n:::\n", 13, "question sans énoncé" },
	{ "text after block", "## Question\n\nA ?\n\n::: reponse\nx\n:::\nencore\n", 20, "texte après les indices" },
	{ "analysis no right", "## Question\n\nA ?\n\n::: analyse\nLe chat dort.\n:::\n", 17, "aucune bonne réponse" },
	{ "analysis open group", "## Question\n\nA ?\n\n::: analyse\nLe [chat dort.\n:::\n", 18, "groupe non fermé" },
	{ "analysis nested", "## Question\n\nA ?\n\n::: analyse\n[Le {chat}] dort.\n:::\n", 18, "groupe dans un groupe" },
	{ "analysis empty group", "## Question\n\nA ?\n\n::: analyse\n[ ] [dort]\n:::\n", 18, "groupe vide" },
	{ "analysis stray close", "## Question\n\nA ?\n\n::: analyse\nLe chat] [dort]\n:::\n", 18, "«" NBSP "]" NBSP "» sans ouverture" },
	{ "match no arrow", "## Question\n\nA ?\n\n::: associer\nchien aboie\nchat -> miaule\n:::\n", 18, "paire sans flèche" },
	{ "match one pair", "## Question\n\nA ?\n\n::: associer\nchien -> aboie\n:::\n", 17, "au moins deux paires" },
	{ "match twice", "## Question\n\nA ?\n\n::: associer\nchien -> aboie\nloup -> aboie\n:::\n", 17, "«" NBSP "aboie" NBSP "» est écrit deux fois" },
	{ "match empty right", "## Question\n\nA ?\n\n::: associer\nchien ->\nchat -> miaule\n:::\n", 18, "élément de droite vide" },
	{ "order one item", "## Question\n\nA ?\n\n::: ordonner\nun\n:::\n", 17, "au moins deux éléments" },
	{ "order twice", "## Question\n\nA ?\n\n::: ordonner\nun\nun\n:::\n", 17, "«" NBSP "un" NBSP "» est écrit deux fois" },
	{ "order option", "## Question\n\nA ?\n\n::: ordonner vite\nun\ndeux\n:::\n", 17, "option inconnue «" NBSP "vite" NBSP "»" NBSP ": ce bloc n’a pas d’option" },
	{ "sort no category", "## Question\n\nA ?\n\n::: classer\n- chat\n:::\n", 18, "élément sans catégorie" },
	{ "sort one category", "## Question\n\nA ?\n\n::: classer\n# Noms\n- chat\n- chien\n:::\n", 17, "au moins deux catégories" },
	{ "sort one item", "## Question\n\nA ?\n\n::: classer\n# Noms\n- chat\n# Verbes\n:::\n", 17, "au moins deux éléments" },
	{ "sort stray line", "## Question\n\nA ?\n\n::: classer\n# Noms\nchat\n:::\n", 19, "ligne inattendue" },
	{ "picture without alt", "## Question\n\nA ?\n\n- [x] ![](a/chat.svg)\n- [ ] b\n", 17, "image sans description" },
	{ "picture bad path", "## Question\n\nA ?\n\n- [x] ![chat](../chat.svg)\n- [ ] b\n", 17, "nom d’image invalide" },
	{ "picture bad format", "## Question\n\nA ?\n\n- [x] ![chat](chat.gif)\n- [ ] b\n", 17, "nom d’image invalide" },
	{ "picture unclosed", "## Question\n\nA ?\n\n- [x] ![chat](chat.svg\n- [ ] b\n", 17, "image mal écrite" },
};

static void error_table(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		const struct error_row *row = &errors[i];
		char text[2048];
		struct content_error err = { 0, "" };
		struct activity *a;

		snprintf(text, sizeof(text), HEADER "%s", row->body);
		a = activity_parse(text, strlen(text), &err);
		if (a || err.line != row->line || !strstr(err.message, row->message))
			print_error("row \"%s\": line %d, \"%s\"\n", row->name, err.line, err.message);
		assert_null(a);
		assert_int_equal(err.line, row->line);
		assert_non_null(strstr(err.message, row->message));
	}
}

/* ---- grading ---- */

#define RIGHT "Bravo" NNBSP "!"
#define WRONG "Ce n’est pas ça."
#define EMPTY "Tu n’as pas encore répondu."

struct text_row {
	const char *name;
	int question;
	const char *text;
	enum verdict verdict;
	const char *message;
};

static const struct text_row text_rows[] = {
	{ "short first", Q_SHORT, "le chaton", VERDICT_RIGHT, RIGHT },
	{ "short second", Q_SHORT, "  Chaton ", VERDICT_RIGHT, RIGHT },
	{ "short wrong", Q_SHORT, "le chat", VERDICT_WRONG, WRONG },
	{ "short empty", Q_SHORT, " ", VERDICT_EMPTY, EMPTY },
	{ "short missing", Q_SHORT, NULL, VERDICT_EMPTY, EMPTY },
	{ "short nbsp", Q_SHORT, "le" NBSP "chaton", VERDICT_RIGHT, RIGHT },
	{ "case required", Q_CASE, "paris", VERDICT_WRONG, "Presque" NBSP ": regarde les majuscules." },
	{ "case right", Q_CASE, "Paris", VERDICT_RIGHT, RIGHT },
	{ "too long", Q_CASE, "Paris Paris", VERDICT_INVALID, "Ta réponse est trop longue" NBSP ": 10 caractères au plus." },
	{ "ten accented letters", Q_CASE, "éééééééééé", VERDICT_WRONG, WRONG },
	{ "reform new", Q_REFORM, "ognon", VERDICT_RIGHT, RIGHT },
	{ "reform old", Q_REFORM, "oignon", VERDICT_RIGHT, RIGHT },
	{ "no accents ignored", Q_NO_ACCENTS, "elephant", VERDICT_RIGHT, RIGHT },
	{ "accent missing", Q_SHORT, "le châton", VERDICT_WRONG, "Attention aux accents" NBSP ": regarde bien chaque lettre." },
};

static void grade_one(const struct activity *a, int question, const struct question_answer *ans, struct grade *g)
{
	struct question_answer answers[Q_COUNT];

	memset(answers, 0, sizeof(answers));
	answers[question] = *ans;
	assert_int_equal(activity_grade(a, answers, g), 0);
}

static void text_table(void **state)
{
	struct activity *a = load(sample);
	size_t i;

	assert_non_null(a);
	for (i = 0; i < sizeof(text_rows) / sizeof(text_rows[0]); i++) {
		const struct text_row *row = &text_rows[i];
		const char *texts[1] = { row->text };
		struct question_answer ans = { texts, 1, NULL, 0 };
		const struct question_result *r;
		struct grade g;

		grade_one(a, row->question, &ans, &g);
		r = &g.results[row->question];
		if (r->verdict != row->verdict || !r->message || strcmp(r->message, row->message) != 0)
			print_error("row \"%s\": verdict %d, \"%s\"\n", row->name, r->verdict, r->message ? r->message : "");
		assert_int_equal(r->verdict, row->verdict);
		assert_non_null(r->message);
		assert_string_equal(r->message, row->message);
		grade_release(&g);
	}
	activity_free(a);
}

/* Units of the analysis sample: 2 "chat", 4 "dort" (right), 8 "deux
 * chiens", 10 "jouent" (right). */
static void analysis_graded(void **state)
{
	static const struct {
		int picks[4];
		size_t count;
		enum verdict verdict;
		double score;
		size_t found, missed, extra;
		const char *message;
	} rows[] = {
		{ { 4, 10 }, 2, VERDICT_RIGHT, 1, 2, 0, 0, RIGHT },
		{ { 10, 4, 4 }, 3, VERDICT_RIGHT, 1, 2, 0, 0, RIGHT },
		{ { 4 }, 1, VERDICT_WRONG, 0.5, 1, 1, 0, "Tu as trouvé 1 bonne réponse sur 2. 1 oubliée." },
		{ { 4, 10, 8 }, 3, VERDICT_WRONG, 2.0 / 3.0, 2, 0, 1, "Tu as trouvé 2 bonnes réponses sur 2. 1 sélection en trop." },
		{ { 2, 8 }, 2, VERDICT_WRONG, 0, 0, 2, 2, "Tu as trouvé 0 bonne réponse sur 2. 2 oubliées. 2 sélections en trop." },
		{ { 0 }, 0, VERDICT_EMPTY, 0, 0, 2, 0, EMPTY },
		{ { 1, 3 }, 2, VERDICT_EMPTY, 0, 0, 2, 0, EMPTY }, /* spaces are not selectable */
	};
	struct activity *a = load(sample);
	size_t i;

	assert_non_null(a);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct question_answer ans = { NULL, 0, rows[i].picks, rows[i].count };
		const struct question_result *r;
		struct grade g;

		grade_one(a, Q_ANALYSIS, &ans, &g);
		r = &g.results[Q_ANALYSIS];
		print_message("row %zu\n", i);
		assert_int_equal(r->verdict, rows[i].verdict);
		assert_true(r->score == rows[i].score);
		assert_int_equal(r->found, rows[i].found);
		assert_int_equal(r->missed, rows[i].missed);
		assert_int_equal(r->extra, rows[i].extra);
		assert_string_equal(r->message, rows[i].message);
		grade_release(&g);
	}
	activity_free(a);
}

/* Position at which item `k` of the question is displayed. */
static size_t position_of(const struct item_set *it, size_t k)
{
	size_t d;

	for (d = 0; d < it->right_count && it->display_order[d] != k; d++)
		;
	return d;
}

static void match_graded(void **state)
{
	struct activity *a = load(sample);
	const struct item_set *it;
	char right0[8], right1[8], extra[8];
	const char *texts[2];
	struct question_answer ans = { texts, 2, NULL, 0 };
	struct grade g;

	assert_non_null(a);
	it = &a->questions[Q_MATCH].items;
	snprintf(right0, sizeof(right0), "%zu", position_of(it, 0));
	snprintf(right1, sizeof(right1), "%zu", position_of(it, 1));
	snprintf(extra, sizeof(extra), "%zu", position_of(it, 2));

	texts[0] = right0;
	texts[1] = right1;
	grade_one(a, Q_MATCH, &ans, &g);
	assert_int_equal(g.results[Q_MATCH].verdict, VERDICT_RIGHT);
	assert_true(g.results[Q_MATCH].score == 1);
	grade_release(&g);

	texts[1] = extra;
	grade_one(a, Q_MATCH, &ans, &g);
	assert_int_equal(g.results[Q_MATCH].verdict, VERDICT_WRONG);
	assert_true(g.results[Q_MATCH].score == 0.5);
	assert_string_equal(g.results[Q_MATCH].message, "Tu as réussi 1 association sur 2.");
	assert_string_equal(g.results[Q_MATCH].expected_html, "<ul><li>chien → aboie</li><li>chat → miaule</li></ul>");
	grade_release(&g);

	texts[0] = "";
	texts[1] = NULL;
	grade_one(a, Q_MATCH, &ans, &g);
	assert_int_equal(g.results[Q_MATCH].verdict, VERDICT_EMPTY);
	grade_release(&g);
	activity_free(a);
}

static void order_graded(void **state)
{
	struct activity *a = load(sample);
	const struct item_set *it;
	char ranks[3][8];
	const char *texts[3] = { ranks[0], ranks[1], ranks[2] };
	struct question_answer ans = { texts, 3, NULL, 0 };
	struct grade g;
	size_t d;

	assert_non_null(a);
	it = &a->questions[Q_ORDER].items;
	for (d = 0; d < 3; d++)
		snprintf(ranks[d], sizeof(ranks[d]), "%zu", it->display_order[d] + 1);
	grade_one(a, Q_ORDER, &ans, &g);
	assert_int_equal(g.results[Q_ORDER].verdict, VERDICT_RIGHT);
	assert_string_equal(g.results[Q_ORDER].expected_html, "<ol><li>un</li><li>deux</li><li>trois</li></ol>");
	grade_release(&g);

	/* Swap the items ranked 2 and 3: one of three stays in place. */
	for (d = 0; d < 3; d++)
		snprintf(ranks[d], sizeof(ranks[d]), "%zu", it->display_order[d] == 0 ? 1 : 5 - (it->display_order[d] + 1));
	grade_one(a, Q_ORDER, &ans, &g);
	assert_int_equal(g.results[Q_ORDER].verdict, VERDICT_WRONG);
	assert_true(g.results[Q_ORDER].score == 1.0 / 3.0);
	assert_string_equal(g.results[Q_ORDER].message, "Tu as bien placé 1 élément sur 3.");
	grade_release(&g);

	snprintf(ranks[0], sizeof(ranks[0]), "1");
	snprintf(ranks[1], sizeof(ranks[1]), "1");
	snprintf(ranks[2], sizeof(ranks[2]), "2");
	grade_one(a, Q_ORDER, &ans, &g);
	assert_int_equal(g.results[Q_ORDER].verdict, VERDICT_INVALID);
	assert_string_equal(g.results[Q_ORDER].message, "Donne à chaque élément un numéro différent, de 1 à 3.");
	grade_release(&g);

	snprintf(ranks[1], sizeof(ranks[1]), "4");
	grade_one(a, Q_ORDER, &ans, &g);
	assert_int_equal(g.results[Q_ORDER].verdict, VERDICT_INVALID);
	grade_release(&g);

	snprintf(ranks[1], sizeof(ranks[1]), "deux");
	grade_one(a, Q_ORDER, &ans, &g);
	assert_int_equal(g.results[Q_ORDER].verdict, VERDICT_INVALID);
	grade_release(&g);

	ranks[0][0] = ranks[1][0] = ranks[2][0] = '\0';
	grade_one(a, Q_ORDER, &ans, &g);
	assert_int_equal(g.results[Q_ORDER].verdict, VERDICT_EMPTY);
	grade_release(&g);
	activity_free(a);
}

static void sort_graded(void **state)
{
	struct activity *a = load(sample);
	const struct item_set *it;
	char cats[3][8];
	const char *texts[3] = { cats[0], cats[1], cats[2] };
	struct question_answer ans = { texts, 3, NULL, 0 };
	struct grade g;
	size_t d;

	assert_non_null(a);
	it = &a->questions[Q_SORT].items;
	for (d = 0; d < 3; d++)
		snprintf(cats[d], sizeof(cats[d]), "%d", it->category[it->display_order[d]]);
	grade_one(a, Q_SORT, &ans, &g);
	assert_int_equal(g.results[Q_SORT].verdict, VERDICT_RIGHT);
	assert_string_equal(g.results[Q_SORT].expected_html,
			    "<ul><li><strong>Noms</strong>" NBSP ": maison, joie</li><li><strong>Verbes</strong>" NBSP
			    ": courir</li><li><strong>Adjectifs</strong>" NBSP ": (aucun)</li></ul>");
	grade_release(&g);

	for (d = 0; d < 3; d++)
		snprintf(cats[d], sizeof(cats[d]), "2");
	grade_one(a, Q_SORT, &ans, &g);
	assert_int_equal(g.results[Q_SORT].verdict, VERDICT_WRONG);
	assert_true(g.results[Q_SORT].score == 0);
	grade_release(&g);

	cats[0][0] = '\0';
	snprintf(cats[1], sizeof(cats[1]), "%d", it->category[it->display_order[1]]);
	grade_one(a, Q_SORT, &ans, &g);
	assert_int_equal(g.results[Q_SORT].verdict, VERDICT_WRONG);
	assert_true(g.results[Q_SORT].score == 1.0 / 3.0);
	assert_string_equal(g.results[Q_SORT].message, "Tu as bien rangé 1 élément sur 3.");
	grade_release(&g);
	activity_free(a);
}

/* ---- accepted forms of a numeric answer ---- */

static const char forms_sample[] = HEADER
	"## Question\n\nTrois quarts ?\n\n= 3/4 [fraction]\n"
	"## Question\n\nUn et demi ?\n\n= 1 1/2 [fraction, mixte]\n"
	"## Question\n\nLa moitié de 1 ?\n\n= 0,5\n"
	"## Question\n\nUn demi ?\n\n= 0,5 [décimal, fraction]\n";

struct form_row {
	const char *name;
	int question;
	const char *text;
	enum verdict verdict;
	const char *message; /* NULL for the default one */
};

static const struct form_row form_rows[] = {
	{ "fraction right", 0, "3/4", VERDICT_RIGHT, NULL },
	{ "fraction equivalent", 0, "6/8", VERDICT_RIGHT, NULL },
	{ "fraction spaced", 0, " 3 / 4 ", VERDICT_RIGHT, NULL },
	{ "fraction as decimal", 0, "0,75", VERDICT_INVALID, "Écris le résultat sous forme de fraction, par exemple 3/4." },
	{ "fraction wrong", 0, "4/3", VERDICT_WRONG, NULL },
	{ "fraction near", 0, "0,76", VERDICT_WRONG, NULL },
	{ "zero denominator", 0, "3/0", VERDICT_INVALID, "Le dénominateur (le nombre sous la barre) ne peut pas être 0." },
	{ "fraction words", 0, "trois/quatre", VERDICT_INVALID, "Écris une fraction avec des nombres entiers, par exemple 3/4 ou 1 1/2." },
	{ "fraction point", 0, "0.75", VERDICT_INVALID, "Écris le nombre avec une virgule" NBSP ": 0,75" },
	{ "fraction empty", 0, "  ", VERDICT_EMPTY, NULL },
	{ "mixed right", 1, "1 1/2", VERDICT_RIGHT, NULL },
	{ "mixed as fraction", 1, "3/2", VERDICT_RIGHT, NULL },
	{ "mixed as decimal", 1, "1,5", VERDICT_INVALID, "Écris le résultat sous forme de fraction, par exemple 3/4 ou 1 1/2." },
	{ "mixed wrong", 1, "1 1/3", VERDICT_WRONG, NULL },
	{ "decimal as fraction", 2, "1/2", VERDICT_INVALID, "Écris le résultat sous forme de nombre décimal, avec une virgule si besoin." },
	{ "decimal wrong fraction", 2, "1/3", VERDICT_WRONG, NULL },
	{ "decimal right", 2, "0,50", VERDICT_RIGHT, NULL },
	{ "either decimal", 3, "0,5", VERDICT_RIGHT, NULL },
	{ "either fraction", 3, "2/4", VERDICT_RIGHT, NULL },
	{ "either mixed", 3, "0 1/2", VERDICT_INVALID, "Écris le résultat sous forme de nombre décimal ou de fraction." },
};

static void forms_graded(void **state)
{
	struct activity *a = load(forms_sample);
	size_t i;

	assert_non_null(a);
	assert_int_equal(a->questions[0].forms, ANSWER_FORM_FRACTION);
	assert_int_equal(a->questions[1].forms, ANSWER_FORM_FRACTION | ANSWER_FORM_MIXED);
	assert_int_equal(a->questions[2].forms, 0);
	assert_string_equal(a->questions[1].answer_text, "1 1/2");
	for (i = 0; i < sizeof(form_rows) / sizeof(form_rows[0]); i++) {
		const struct form_row *row = &form_rows[i];
		const char *texts[1] = { row->text };
		struct question_answer answers[4];
		const struct question_result *r;
		struct grade g;

		memset(answers, 0, sizeof(answers));
		answers[row->question].texts = texts;
		answers[row->question].text_count = 1;
		assert_int_equal(activity_grade(a, answers, &g), 0);
		r = &g.results[row->question];
		print_message("row \"%s\": verdict %d, \"%s\"\n", row->name, r->verdict, r->message ? r->message : "");
		assert_int_equal(r->verdict, row->verdict);
		if (row->message)
			assert_string_equal(r->message, row->message);
		grade_release(&g);
	}
	activity_free(a);
}

static void forms_errors(void **state)
{
	static const struct {
		const char *line;
		const char *message;
	} rows[] = {
		{ "= 3/4 [fractions]", "forme inconnue «" NBSP "fractions" NBSP "»" },
		{ "= 3/4 []", "aucune forme entre les crochets" },
		{ "= 0,75 [fraction]", "n’est pas écrite sous une des formes demandées" },
		{ "= 3/0 [fraction]", "nombre illisible «" NBSP "3/0" NBSP "»" },
		{ "= 3/4 ± 0,1 [fraction]", "une tolérance ne se combine pas avec des formes" },
		{ "= [fraction]", "nombre illisible" },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char text[1024];
		struct content_error err = { 0, "" };
		struct activity *a;

		snprintf(text, sizeof(text), HEADER "## Question\n\nA ?\n\n%s\n", rows[i].line);
		a = activity_parse(text, strlen(text), &err);
		print_message("row %zu: %s\n", i, err.message);
		assert_null(a);
		assert_int_equal(err.line, 17);
		assert_non_null(strstr(err.message, rows[i].message));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_parsed),
		cmocka_unit_test(analysis_parsed),
		cmocka_unit_test(analysis_groups_only),
		cmocka_unit_test(match_parsed),
		cmocka_unit_test(order_shuffled),
		cmocka_unit_test(sort_parsed),
		cmocka_unit_test(picture_rewritten),
		cmocka_unit_test(shuffle_stable),
		cmocka_unit_test(error_table),
		cmocka_unit_test(text_table),
		cmocka_unit_test(analysis_graded),
		cmocka_unit_test(match_graded),
		cmocka_unit_test(order_graded),
		cmocka_unit_test(sort_graded),
		cmocka_unit_test(forms_graded),
		cmocka_unit_test(forms_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
