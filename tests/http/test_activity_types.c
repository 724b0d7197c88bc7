/* The question kinds written as "::: name" blocks, and the pictures of
 * choices, through the real server: the form without JavaScript, right,
 * wrong and partial answers, and the French 4xx answers to malformed
 * forms. The right answers are computed from the content files, read with
 * the same parser as the server's. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "core/buf.h"
#include "harness.h"

#define GRAMMAR "francais-cm1-verbes-et-sujets"
#define GRAMMAR_FILE "content/francais/grammaire/cm1-verbes-et-sujets.md"
#define STORY "francais-cm1-l-ordre-du-recit"
#define STORY_FILE "content/francais/lecture/cm1-l-ordre-du-recit.md"
#define SHAPES "maths-cm1-reconnaitre-les-figures"
#define SHAPES_FILE "content/mathematiques/geometrie/cm1-reconnaitre-les-figures.md"

#define ALL_RIGHT "Bravo, tout est juste !"
#define COUNT_ATTEMPTS "SELECT COUNT(*) FROM attempt"

static struct server server;

static int server_up(void **state)
{
	server_start(&server);
	return 0;
}

static int server_down(void **state)
{
	return server_stop(&server) == 0 ? 0 : -1;
}

static struct activity *load_file(const char *path)
{
	static char text[ACTIVITY_MAX_FILE_BYTES];
	struct content_error err;
	struct activity *a;
	FILE *f = fopen(path, "rb");
	size_t len;

	assert_non_null(f);
	len = fread(text, 1, sizeof(text), f);
	fclose(f);
	a = activity_parse(text, len, &err);
	if (!a)
		print_error("%s:%d: %s\n", path, err.line, err.message);
	assert_non_null(a);
	return a;
}

static void child_client(struct client *c)
{
	client_init(c, &server);
	assert_int_equal(sign_in_child(c, "Inès K."), 0);
}

/* Open the activity's page and start the form body with its hidden
 * fields; `page` keeps the page when not NULL. */
static void open_form(struct client *c, const char *id, struct buf *body, struct response *page)
{
	struct response r;
	char path[128], csrf[64], key[64], version[16];

	snprintf(path, sizeof(path), "/activite/%s", id);
	client_get(c, path, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	assert_int_equal(page_hidden(&r, "version", version, sizeof(version)), 0);
	buf_addf(body, "csrf=%s&cle=%s&version=%s&debut=0", csrf, key, version);
	if (page)
		*page = r;
	else
		response_release(&r);
}

static size_t position_of(const struct item_set *it, size_t k)
{
	size_t d;

	for (d = 0; d < it->right_count && it->display_order[d] != k; d++)
		;
	return d;
}

static size_t unit_index(const struct question *q, const char *text)
{
	size_t k;

	for (k = 0; k < q->analysis.unit_count; k++)
		if (strcmp(q->analysis.units[k].text, text) == 0)
			return k;
	fail_msg("no unit \"%s\"", text);
	return 0;
}

/* Append the right answer to question i. */
static void right_answer(struct client *c, const struct question *q, size_t i, struct buf *body)
{
	char value[256];
	size_t k;

	switch (q->kind) {
	case QUESTION_CHOICE:
		for (k = 0; k < q->option_count; k++)
			if (q->options[k].correct)
				buf_addf(body, "&q%zu=%zu", i, k);
		break;
	case QUESTION_SHORT:
		form_escape(c, q->short_answer.accepted[0], value, sizeof(value));
		buf_addf(body, "&q%zu=%s", i, value);
		break;
	case QUESTION_ANALYSIS:
		for (k = 0; k < q->analysis.unit_count; k++)
			if (q->analysis.units[k].correct)
				buf_addf(body, "&q%zu=%zu", i, k);
		break;
	case QUESTION_MATCH:
		for (k = 0; k < q->items.left_count; k++)
			buf_addf(body, "&q%zue%zu=%zu", i, k, position_of(&q->items, k));
		break;
	case QUESTION_ORDER:
		for (k = 0; k < q->items.right_count; k++)
			buf_addf(body, "&q%zue%zu=%zu", i, k, q->items.display_order[k] + 1);
		break;
	case QUESTION_SORT:
		for (k = 0; k < q->items.right_count; k++)
			buf_addf(body, "&q%zue%zu=%d", i, k, q->items.category[q->items.display_order[k]]);
		break;
	default:
		fail_msg("question %zu: kind %d not in these activities", i, q->kind);
	}
}

/* Post the form; on a redirect to the result, fetch the result page. */
static void submit(struct client *c, const char *id, struct buf *body, struct response *out)
{
	char path[128];
	struct response r;

	snprintf(path, sizeof(path), "/activite/%s", id);
	client_post(c, path, buf_cstr(body), &r);
	if (r.status != 303) {
		*out = r;
		return;
	}
	assert_non_null(strstr(r.location, "/resultat/"));
	client_get(c, r.location, out);
	assert_int_equal(out->status, 200);
	response_release(&r);
}

static void all_right(const char *id, const char *file)
{
	struct activity *a = load_file(file);
	struct buf body = BUF_INIT(BUF_DEFAULT_MAX);
	struct client c;
	struct response r;
	size_t i;

	child_client(&c);
	open_form(&c, id, &body, NULL);
	for (i = 0; i < a->question_count; i++)
		right_answer(&c, &a->questions[i], i, &body);
	submit(&c, id, &body, &r);
	if (!strstr(r.body, ALL_RIGHT))
		print_error("%s\n", r.body);
	assert_non_null(strstr(r.body, ALL_RIGHT));
	response_release(&r);
	buf_release(&body);
	client_release(&c);
	activity_free(a);
}

static void grammar_all_right(void **state)
{
	all_right(GRAMMAR, GRAMMAR_FILE);
}

static void story_all_right(void **state)
{
	all_right(STORY, STORY_FILE);
}

static void shapes_all_right(void **state)
{
	all_right(SHAPES, SHAPES_FILE);
}

/* Fail when two elements of the page share an id. */
static void expect_unique_ids(const char *html)
{
	const char *p, *q;
	char id[160], other[160];

	for (p = strstr(html, " id=\""); p; p = strstr(p + 1, " id=\"")) {
		if (sscanf(p, " id=\"%159[^\"]\"", id) != 1)
			continue;
		for (q = strstr(p + 1, " id=\""); q; q = strstr(q + 1, " id=\""))
			if (sscanf(q, " id=\"%159[^\"]\"", other) == 1 && strcmp(id, other) == 0)
				fail_msg("id \"%s\" used twice", id);
	}
}

/* The form works without JavaScript: fields, names, hints and limits. */
static void form_without_javascript(void **state)
{
	struct buf body = BUF_INIT(BUF_DEFAULT_MAX);
	struct client c;
	struct response r;

	child_client(&c);
	open_form(&c, GRAMMAR, &body, &r);
	assert_non_null(strstr(r.body, "<input type=\"checkbox\" name=\"q0\" value=\""));
	assert_non_null(strstr(r.body, "<span>prend</span>"));
	assert_non_null(strstr(r.body, "id=\"" GRAMMAR "-q3\" name=\"q3\""));
	assert_non_null(strstr(r.body, "maxlength=\"80\""));
	assert_non_null(strstr(r.body, "Un mot ou un groupe de mots, 80 caractères au plus."));
	assert_non_null(strstr(r.body, "aria-describedby=\"" GRAMMAR "-q3-aide\""));
	assert_non_null(strstr(r.body, "<select id=\"" GRAMMAR "-q2-e0\" name=\"q2e0\""));
	assert_non_null(strstr(r.body, "<option value=\"1\">Verbe</option>"));
	expect_unique_ids(r.body);
	/* The right answers never reach the page. */
	assert_null(strstr(r.body, "correct"));
	assert_null(strstr(r.body, "[prend]"));
	response_release(&r);
	buf_release(&body);

	open_form(&c, SHAPES, &body, &r);
	assert_non_null(strstr(r.body, "<img src=\"/media/forme-triangle.svg\" alt=\"un triangle bleu\""));
	response_release(&r);
	buf_release(&body);

	open_form(&c, STORY, &body, &r);
	assert_non_null(strstr(r.body, "type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"5\""));
	assert_non_null(strstr(r.body, "name=\"q0e4\""));
	assert_null(strstr(r.body, "name=\"q0e5\""));
	expect_unique_ids(r.body);
	response_release(&r);
	buf_release(&body);

	client_get(&c, "/media/forme-triangle.svg", &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
	client_release(&c);
}

/* Partial and wrong answers get their counts on the result page. */
static void partial_answers(void **state)
{
	struct activity *a = load_file(GRAMMAR_FILE);
	const struct question *sort = &a->questions[2];
	struct buf body = BUF_INIT(BUF_DEFAULT_MAX);
	struct client c;
	struct response r;
	size_t d;

	child_client(&c);
	open_form(&c, GRAMMAR, &body, NULL);
	/* Q0: one verb of three and one wrong word. */
	buf_addf(&body, "&q0=%zu&q0=%zu", unit_index(&a->questions[0], "prend"), unit_index(&a->questions[0], "vélo"));
	/* Q2: every item in the first category: three of six right. */
	for (d = 0; d < sort->items.right_count; d++)
		buf_addf(&body, "&q2e%zu=0", d);
	/* Q3: the accent is missing. */
	buf_adds(&body, "&q3=nous+finissons");
	submit(&c, GRAMMAR, &body, &r);
	assert_non_null(strstr(r.body, "Tu as trouvé 1 bonne réponse sur 3. 2 oubliées. 1 sélection en trop."));
	assert_non_null(strstr(r.body, "Tu as bien rangé 3 éléments sur 6."));
	assert_non_null(strstr(r.body, "Pas de réponse"));
	assert_non_null(strstr(r.body, "<mark>prend</mark>"));
	response_release(&r);
	buf_release(&body);

	open_form(&c, GRAMMAR, &body, NULL);
	buf_adds(&body, "&q3=nous+finissions");
	submit(&c, GRAMMAR, &body, &r);
	assert_non_null(strstr(r.body, "Ce n’est pas ça."));
	assert_non_null(strstr(r.body, "nous finissons"));
	response_release(&r);
	buf_release(&body);
	client_release(&c);
	activity_free(a);
}

static void short_answer_accents(void **state)
{
	struct buf body = BUF_INIT(BUF_DEFAULT_MAX);
	struct client c;
	struct response r;

	child_client(&c);
	open_form(&c, SHAPES, &body, NULL);
	buf_adds(&body, "&q2=carre");
	submit(&c, SHAPES, &body, &r);
	assert_non_null(strstr(r.body, "Attention aux accents"));
	response_release(&r);
	buf_release(&body);
	client_release(&c);
}

/* The answer is stored exactly as typed, and escaped when shown again. */
static void text_kept_as_typed(void **state)
{
	struct buf body = BUF_INIT(BUF_DEFAULT_MAX);
	struct client c;
	struct response r;
	long before = server_query_count(&server, COUNT_ATTEMPTS);
	size_t i;

	child_client(&c);
	open_form(&c, STORY, &body, NULL);
	/* Two items ranked 1: the form comes back, nothing is stored. */
	buf_adds(&body, "&q0e0=1&q0e1=1&q0e2=2&q0e3=3&q0e4=4");
	client_post(&c, "/activite/" STORY, buf_cstr(&body), &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "Donne à chaque élément un numéro différent, de 1 à 5."));
	assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
	assert_non_null(strstr(r.body, "name=\"q0e1\" value=\"1\""));
	assert_int_equal(server_query_count(&server, COUNT_ATTEMPTS), before);
	response_release(&r);
	buf_release(&body);

	open_form(&c, GRAMMAR, &body, NULL);
	buf_adds(&body, "&q3=%3Cb%3E++nous+finissons%22");
	submit(&c, GRAMMAR, &body, &r);
	response_release(&r);
	/* No backslash in the pattern: PostgreSQL's LIKE reads it as an escape. */
	assert_int_equal(server_query_count(&server, "SELECT COUNT(*) FROM attempt WHERE answers LIKE '%\"<b>  nous finissons%'"), 1);
	buf_release(&body);

	/* Shown again after an answer too long: escaped. */
	open_form(&c, GRAMMAR, &body, NULL);
	buf_adds(&body, "&q3=%3Cb%3E%22");
	for (i = 0; i < 80; i++)
		buf_adds(&body, "x");
	client_post(&c, "/activite/" GRAMMAR, buf_cstr(&body), &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "value=\"&lt;b&gt;&quot;xxx"));
	assert_null(strstr(r.body, "<b>\"xxx"));
	response_release(&r);
	buf_release(&body);
	client_release(&c);
}

struct malformed_row {
	const char *name;
	const char *id;
	const char *fields;
	long status;
	const char *message;
};

static const struct malformed_row malformed[] = {
	{ "unit out of range", GRAMMAR, "&q0=9999", 422, "Une case cochée n&#39;existe pas" },
	{ "unit not a number", GRAMMAR, "&q0=verbe", 422, "Une case cochée n&#39;existe pas" },
	{ "space unit", GRAMMAR, "&q0=1", 422, "Une case cochée n&#39;existe pas" },
	{ "category out of range", GRAMMAR, "&q2e0=2", 422, "Une case cochée n&#39;existe pas" },
	{ "category negative", GRAMMAR, "&q2e0=-1", 422, "Une case cochée n&#39;existe pas" },
	{ "match not a number", STORY, "&q2e0=abc", 422, "Une case cochée n&#39;existe pas" },
	{ "match out of range", STORY, "&q2e0=4", 422, "Une case cochée n&#39;existe pas" },
	{ "rank zero", STORY, "&q3e0=0&q3e1=1&q3e2=2&q3e3=3", 422, "Donne à chaque élément un numéro différent, de 1 à 4." },
	{ "rank word", STORY, "&q3e0=un&q3e1=2&q3e2=3&q3e3=4", 422, "Donne à chaque élément un numéro différent, de 1 à 4." },
	{ "rank missing", STORY, "&q3e0=1&q3e1=2&q3e2=3", 422, "Donne à chaque élément un numéro différent, de 1 à 4." },
};

static void malformed_forms(void **state)
{
	struct client c;
	size_t i;
	long before = server_query_count(&server, COUNT_ATTEMPTS);

	child_client(&c);
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		const struct malformed_row *row = &malformed[i];
		struct buf body = BUF_INIT(BUF_DEFAULT_MAX);
		char path[128];
		struct response r;

		open_form(&c, row->id, &body, NULL);
		buf_adds(&body, row->fields);
		snprintf(path, sizeof(path), "/activite/%s", row->id);
		client_post(&c, path, buf_cstr(&body), &r);
		print_message("row \"%s\": %ld\n", row->name, r.status);
		assert_int_equal(r.status, row->status);
		assert_non_null(strstr(r.body, row->message));
		response_release(&r);
		buf_release(&body);
	}
	assert_int_equal(server_query_count(&server, COUNT_ATTEMPTS), before);
	client_release(&c);
}

static void short_answer_too_long(void **state)
{
	struct buf body = BUF_INIT(BUF_DEFAULT_MAX);
	struct client c;
	struct response r;
	size_t i;

	child_client(&c);
	open_form(&c, SHAPES, &body, NULL);
	buf_adds(&body, "&q2=");
	for (i = 0; i < 81; i++)
		buf_adds(&body, "a");
	client_post(&c, "/activite/" SHAPES, buf_cstr(&body), &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "Ta réponse est trop longue"));
	response_release(&r);
	buf_release(&body);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_without_javascript),
		cmocka_unit_test(grammar_all_right),
		cmocka_unit_test(story_all_right),
		cmocka_unit_test(shapes_all_right),
		cmocka_unit_test(partial_answers),
		cmocka_unit_test(short_answer_accents),
		cmocka_unit_test(text_kept_as_typed),
		cmocka_unit_test(malformed_forms),
		cmocka_unit_test(short_answer_too_long),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
