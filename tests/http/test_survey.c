/* Satisfaction surveys: the builder's checks, a child who answers and one
 * who skips ("Pas maintenant"), families answering with a code and no
 * account, the results, and who may use which page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct server server;

static void adult(struct client *c, const char *role)
{
	const struct demo_account *a = server_account(&server, role);

	assert_non_null(a);
	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

static long post_form(struct client *c, const char *page, const char *path, const char *fields, struct response *r)
{
	char csrf[64], body[2048];
	struct response form;

	client_get(c, page, &form);
	assert_int_equal(page_hidden(&form, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&form);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	client_post(c, path, body, r);
	return r->status;
}

/* Create a survey through the builder; returns its id. */
static long survey_create(const char *fields)
{
	struct client c;
	struct response r;
	long id;

	adult(&c, "administrateur");
	assert_int_equal(post_form(&c, "/enquetes", "/enquetes", fields, &r), 303);
	assert_int_equal(sscanf(r.location, "/enquetes/%ld", &id), 1);
	response_release(&r);
	client_release(&c);
	return id;
}

static void builder_rejects_bad_surveys(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "administrateur");
	assert_int_equal(post_form(&c, "/enquetes", "/enquetes",
				   "titre=Trop&public=enfants&structure=1&type1=smileys&question1=A&type2=smileys&question2=B"
				   "&type3=smileys&question3=C&type4=smileys&question4=D", &r), 422);
	assert_non_null(strstr(r.body, "3 questions au plus"));
	response_release(&r);
	assert_int_equal(post_form(&c, "/enquetes", "/enquetes", "titre=National&public=enfants&structure=0&type1=smileys&question1=A", &r), 422);
	assert_non_null(strstr(r.body, "réservée à l&#39;opérateur"));
	response_release(&r);
	assert_int_equal(post_form(&c, "/enquetes", "/enquetes", "titre=Choix&public=familles&structure=1&type1=choice&question1=A&choix1=seul", &r), 422);
	assert_non_null(strstr(r.body, "de 2 à 6 choix"));
	/* The summary links to the field, and the message sits under it. */
	assert_non_null(strstr(r.body, "<a href=\"#choix1\">"));
	assert_non_null(strstr(r.body, "id=\"choix1-erreur\""));
	response_release(&r);
	assert_int_equal(post_form(&c, "/enquetes", "/enquetes", "titre=Type&public=familles&structure=1&type2=sondage&question2=B", &r), 422);
	assert_non_null(strstr(r.body, "<a href=\"#question2\">"));
	assert_non_null(strstr(r.body, "id=\"question2-erreur\""));
	response_release(&r);
	assert_int_equal(post_form(&c, "/enquetes", "/enquetes", "titre=&public=tous&structure=1", &r), 422);
	assert_non_null(strstr(r.body, "Donnez un titre"));
	assert_non_null(strstr(r.body, "Public inconnu"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM survey"), 0);
	client_release(&c);
}

/* Léa skips, Noah answers "Content" and the second choice; the results
 * count one answer and one skip. */
static void children_answer_or_skip(void **state)
{
	long id = survey_create("titre=Ardoise+et+toi&public=enfants&structure=1&type1=smileys&question1=Tu+aimes+Ardoise+%3F"
				"&type2=choice&question2=Ta+mati%C3%A8re+pr%C3%A9f%C3%A9r%C3%A9e+%3F&choix2=Maths%3B+Fran%C3%A7ais%3B+Anglais");
	char path[64], expected[64];
	struct client c;
	struct response r;

	snprintf(path, sizeof(path), "/enquete/%ld", id);
	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	client_get(&c, "/eleve", &r);
	assert_non_null(strstr(r.body, "Une petite question pour toi"));
	response_release(&r);
	assert_int_equal(post_form(&c, "/eleve", path, "passer=1", &r), 303);
	assert_string_equal(r.location, "/eleve");
	response_release(&r);
	client_get(&c, "/eleve", &r);
	assert_null(strstr(r.body, "Une petite question pour toi"));
	response_release(&r);
	client_release(&c);

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Noah B."), 0);
	client_get(&c, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Pas maintenant"));
	assert_non_null(strstr(r.body, "😊"));
	response_release(&r);
	assert_int_equal(post_form(&c, path, path, "r1=9&r2=2", &r), 422);
	assert_non_null(strstr(r.body, "n&#39;est pas un des choix"));
	response_release(&r);
	assert_int_equal(post_form(&c, path, path, "r1=3&r2=2", &r), 303);
	response_release(&r);
	client_release(&c);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM survey_response WHERE skipped = 1"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM survey_answer"), 2);

	adult(&c, "administrateur");
	snprintf(path, sizeof(path), "/enquetes/%ld", id);
	client_get(&c, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "1 réponses, 1 « Pas maintenant »"));
	snprintf(expected, sizeof(expected), "<th scope=\"row\">Content</th><td>1</td><td>100 %%</td>");
	assert_non_null(strstr(r.body, expected));
	assert_non_null(strstr(r.body, "<th scope=\"row\">Français</th><td>1</td><td>100 %</td>"));
	assert_non_null(strstr(r.body, "<th scope=\"row\">Maths</th><td>0</td><td>0 %</td>"));
	response_release(&r);
	client_release(&c);
}

/* Families type the code of the printed sheet; no account is needed. */
static void families_answer_with_code(void **state)
{
	long id = survey_create("titre=Avis+des+familles&public=familles&structure=1&type1=scale&question1=Votre+enfant+progresse+%3F"
				"&type2=text&question2=Une+remarque+%3F");
	char path[64], code[16] = "", fields[256], *p;
	struct client c;
	struct response r;

	adult(&c, "administrateur");
	snprintf(path, sizeof(path), "/enquetes/%ld/feuille", id);
	client_get(&c, path, &r);
	assert_int_equal(r.status, 200);
	p = strstr(r.body, "code :</strong>");
	if (!p)
		p = strstr(r.body, "code : <strong>");
	assert_non_null(p);
	assert_int_equal(sscanf(strstr(p, "<strong>") + 8, "%8[A-Z0-9]", code), 1);
	response_release(&r);
	client_release(&c);

	client_init(&c, &server);
	snprintf(path, sizeof(path), "/famille/enquete?code=%s", code);
	client_get(&c, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Votre enfant progresse"));
	response_release(&r);
	client_get(&c, "/famille/enquete?code=AAAAAAAA", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	snprintf(path, sizeof(path), "/famille/enquete?code=%s", code);
	snprintf(fields, sizeof(fields), "code=%s&r1=4&r2=Tr%%C3%%A8s+bien", code);
	assert_int_equal(post_form(&c, path, "/famille/enquete", fields, &r), 200);
	assert_non_null(strstr(r.body, "Votre réponse est enregistrée"));
	response_release(&r);
	client_release(&c);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM survey_response WHERE account_id IS NULL AND skipped = 0"), 1);

	adult(&c, "administrateur");
	snprintf(path, sizeof(path), "/enquetes/%ld", id);
	client_get(&c, path, &r);
	assert_non_null(strstr(r.body, "<li>Très bien</li>"));
	assert_non_null(strstr(r.body, "<th scope=\"row\">4</th><td>1</td><td>100 %</td>"));
	response_release(&r);
	client_release(&c);
}

/* A survey for structures reaches their adults from their home page. */
static void structures_answer_from_home(void **state)
{
	long id = survey_create("titre=Avis+des+%C3%A9quipes&public=structures&structure=1&type1=scale&question1=Ardoise+vous+aide+%3F");
	char path[64];
	struct client c;
	struct response r;

	snprintf(path, sizeof(path), "/enquete/%ld", id);
	adult(&c, "accompagnateur");
	client_get(&c, "/accueil", &r);
	assert_non_null(strstr(r.body, "Enquêtes à remplir"));
	assert_non_null(strstr(r.body, path));
	response_release(&r);
	assert_int_equal(post_form(&c, path, path, "r1=5", &r), 303);
	assert_string_equal(r.location, "/accueil");
	response_release(&r);
	client_get(&c, "/accueil", &r);
	assert_null(strstr(r.body, "Enquêtes à remplir"));
	response_release(&r);
	client_release(&c);
	/* Not for children. */
	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	client_get(&c, path, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&c);
}

static void survey_pages_permissions(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "financeur");
	client_get(&c, "/enquetes", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&c);
	/* A children's survey is not for adults. */
	adult(&c, "accompagnateur");
	client_get(&c, "/enquete/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&c);
}

static int setup(void **state)
{
	server_start(&server);
	return 0;
}

static int teardown(void **state)
{
	assert_int_equal(server_stop(&server), 0);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builder_rejects_bad_surveys),
		cmocka_unit_test(children_answer_or_skip),
		cmocka_unit_test(families_answer_with_code),
		cmocka_unit_test(structures_answer_from_home),
		cmocka_unit_test(survey_pages_permissions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
