/* The walking skeleton end to end: sign-in, an activity, the history. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "auth/session.h"
#include "harness.h"

static struct server server;

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

static void health_ok(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_get(&c, "/sante", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "ok\n");
	response_release(&r);
	client_release(&c);
}

static void adult_sign_in(void **state)
{
	const struct demo_account *admin = server_account(&server, "administrateur");
	struct client c;
	struct response r;

	assert_non_null(admin);
	client_init(&c, &server);
	assert_int_equal(sign_in_adult(&c, admin->login, admin->secret), 0);
	client_get(&c, "/accueil", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Camille"));
	assert_non_null(strstr(r.body, "administrateur"));
	/* Frequent tasks are one click away from the home page. */
	assert_non_null(strstr(r.body, "href=\"/admin/structure/1/eleve\""));
	assert_non_null(strstr(r.body, "href=\"/admin/structure/1/import\""));
	response_release(&r);
	client_release(&c);
}

static void adult_login_any_case(void **state)
{
	const struct demo_account *admin = server_account(&server, "administrateur");
	char typed[96];
	struct client c;
	size_t i;

	/* " ADMIN.DEMO " signs in as admin.demo. */
	snprintf(typed, sizeof(typed), " %s ", admin->login);
	for (i = 0; typed[i]; i++)
		if (typed[i] >= 'a' && typed[i] <= 'z')
			typed[i] = (char)(typed[i] - 'a' + 'A');
	client_init(&c, &server);
	assert_int_equal(sign_in_adult(&c, typed, admin->secret), 0);
	client_release(&c);
}

static void adult_wrong_password(void **state)
{
	const struct demo_account *helper = server_account(&server, "accompagnateur");
	struct client c;
	struct response r;
	char csrf[64], body[256];

	client_init(&c, &server);
	client_get(&c, "/connexion", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&login=%s&password=faux-mot-de-passe", csrf, helper->login);
	client_post(&c, "/connexion/adulte", body, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Identifiant ou mot de passe incorrect"));
	assert_non_null(strstr(r.body, "name=\"password\""));
	assert_null(strstr(r.headers, "ardoise_session="));
	response_release(&r);
	/* No session: a protected page sends back to the sign-in page. */
	client_get(&c, "/accueil", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/connexion");
	response_release(&r);
	client_release(&c);
}

static void post_without_csrf(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_post(&c, "/connexion/adulte", "login=admin.demo&password=x", &r);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "jeton CSRF"));
	response_release(&r);
	client_release(&c);
}

static void unknown_page(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	client_get(&c, "/activite/activite-qui-n-existe-pas", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "Page introuvable"));
	assert_non_null(strstr(r.body, "lang=\"fr\""));
	response_release(&r);
	client_get(&c, "/nulle-part", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&c);
}

/* Open the activity and submit `answers` (urlencoded fields after the
 * hidden ones); returns the status and copies the redirect target. */
static long submit(struct client *c, const char *id, const char *answers, char *location, size_t size, char *key_out)
{
	struct response r;
	char path[256], csrf[64], key[64], version[16], body[2048];
	long status;

	snprintf(path, sizeof(path), "/activite/%s", id);
	client_get(c, path, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	assert_int_equal(page_hidden(&r, "version", version, sizeof(version)), 0);
	response_release(&r);
	if (key_out)
		snprintf(key_out, 64, "%s", key);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=%s&debut=0&%s", csrf, key, version, answers);
	client_post(c, path, body, &r);
	status = r.status;
	snprintf(location, size, "%s", r.location);
	response_release(&r);
	return status;
}

/* Send the form of `id` again with the idempotency key of an earlier
 * submission, as a double click or a retry would. Returns the status and
 * copies the redirect target. */
static long resubmit(struct client *c, const char *id, const char *key, const char *answers, char *location, size_t size)
{
	struct response r;
	char csrf[64], path[256], body[1024];
	long status;

	client_get(c, "/eleve", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(path, sizeof(path), "/activite/%s", id);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=1&debut=0&%s", csrf, key, answers);
	client_post(c, path, body, &r);
	status = r.status;
	snprintf(location, size, "%s", r.location);
	response_release(&r);
	return status;
}

static void child_attempt_and_history(void **state)
{
	struct client c;
	struct response r;
	char location[512];

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	client_get(&c, "/eleve", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Bonjour Léa"));
	assert_non_null(strstr(r.body, "/eleve/matiere/mathematiques"));
	response_release(&r);

	/* 7 483 -> 4 right; 3 506 right; 6/2/8 with one blank wrong; 6 012 right; 5 000 right. */
	assert_int_equal(submit(&c, "maths-ce2-nombres-jusqu-a-10000",
				"q0=1&q1=3+506&q2b0=6&q2b1=2&q2b2=9&q3=1&q4=5%C2%A0000", location, sizeof(location), NULL), 303);
	assert_non_null(strstr(location, "/resultat/"));
	client_get(&c, location, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "4,7 / 5"));
	assert_non_null(strstr(r.body, "La bonne réponse"));
	response_release(&r);

	client_get(&c, "/eleve/resultats", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Les nombres jusqu’à 10 000"));
	assert_non_null(strstr(r.body, "4,7 / 5"));
	response_release(&r);
	client_release(&c);
}

static void double_submit_stores_once(void **state)
{
	struct client c;
	char location[512], second[512], key[64];
	long before, after;

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Noah B."), 0);
	before = server_query_count(&server, "SELECT count(*) FROM attempt");
	assert_int_equal(submit(&c, "maths-ce2-nombres-jusqu-a-10000", "q0=1", location, sizeof(location), key), 303);
	assert_int_equal(resubmit(&c, "maths-ce2-nombres-jusqu-a-10000", key, "q0=1", second, sizeof(second)), 303);
	assert_string_equal(location, second);
	after = server_query_count(&server, "SELECT count(*) FROM attempt");
	assert_int_equal(after, before + 1);
	client_release(&c);
}

/* Each graded question of an attempt updates the child's estimate on the
 * activity's competency once, even when the form is sent twice. */
static void attempt_updates_mastery(void **state)
{
	static const char answers_sql[] = "SELECT coalesce(sum(answers), 0) FROM mastery WHERE child_id = 3 AND competency = 'MA-NC-ENTIERS-C2'";
	static const char right_sql[] = "SELECT coalesce(sum(right_answers), 0) FROM mastery WHERE child_id = 3 AND competency = 'MA-NC-ENTIERS-C2'";
	struct client c;
	char location[512], key[64];
	long answers = server_query_count(&server, answers_sql), right = server_query_count(&server, right_sql);

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	/* Question 1 right (the digit 4), the four others left empty. */
	assert_int_equal(submit(&c, "maths-ce2-nombres-jusqu-a-10000", "q0=1", location, sizeof(location), key), 303);
	assert_int_equal(server_query_count(&server, answers_sql), answers + 5);
	assert_int_equal(server_query_count(&server, right_sql), right + 1);
	assert_int_equal(resubmit(&c, "maths-ce2-nombres-jusqu-a-10000", key, "q0=1", location, sizeof(location)), 303);
	assert_int_equal(server_query_count(&server, answers_sql), answers + 5);
	client_release(&c);
}

static void other_child_result_hidden(void **state)
{
	struct client lea, ines;
	struct response r;
	char location[512];

	client_init(&lea, &server);
	client_init(&ines, &server);
	assert_int_equal(sign_in_child(&lea, "Léa M."), 0);
	assert_int_equal(sign_in_child(&ines, "Inès K."), 0);
	assert_int_equal(submit(&lea, "maths-ce2-nombres-jusqu-a-10000", "q0=0", location, sizeof(location), NULL), 303);
	client_get(&ines, location, &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "Léa"));
	response_release(&r);
	/* A CE2 activity is not offered to a CM1 child. */
	client_get(&ines, "/activite/maths-ce2-nombres-jusqu-a-10000", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&lea);
	client_release(&ines);
}

static void ambiguous_number_kept(void **state)
{
	struct client c;
	struct response r;
	char csrf[64], key[64], body[512];
	long before = server_query_count(&server, "SELECT count(*) FROM attempt");

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	client_get(&c, "/activite/maths-ce2-nombres-jusqu-a-10000", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=1&debut=0&q1=3.506", csrf, key);
	client_post(&c, "/activite/maths-ce2-nombres-jusqu-a-10000", body, &r);
	assert_int_equal(r.status, 422);
	/* What the child typed is still in the field. */
	assert_non_null(strstr(r.body, "value=\"3.506\""));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM attempt"), before);
	client_release(&c);
}

static void bad_form_encoding(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_post(&c, "/connexion/adulte", "login=%ZZ", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "encodage invalide"));
	response_release(&r);
	client_post(&c, "/connexion/adulte", "login=%FF%FE", &r);
	assert_int_equal(r.status, 400);
	response_release(&r);
	client_release(&c);
}

static void oversized_body_rejected(void **state)
{
	static char body[70 * 1024];
	struct client c;
	struct response r;

	memset(body, 'a', sizeof(body) - 1);
	memcpy(body, "login=", 6);
	client_init(&c, &server);
	client_post(&c, "/connexion/adulte", body, &r);
	assert_int_equal(r.status, 413);
	assert_non_null(strstr(r.body, "trop gros"));
	response_release(&r);
	client_release(&c);
}

static void child_wrong_pictures(void **state)
{
	struct client c;
	struct response r;
	char csrf[64], body[256];
	long sessions = server_query_count(&server, "SELECT count(*) FROM session");

	client_init(&c, &server);
	client_get(&c, "/connexion/enfant/DEMO", &r);
	response_release(&r);
	client_get(&c, "/connexion/enfant/DEMO/8", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&pictures=chat+chat&pick=chat", csrf);
	client_post(&c, "/connexion/enfant/DEMO/8", body, &r);
	if (r.status == 303) /* the random secret happened to be chat chat chat */
		assert_string_equal(r.location, "/eleve");
	else
		assert_non_null(strstr(r.body, "Ce ne sont pas les bonnes images"));
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&pictures=chat+licorne&pick=chat", csrf);
	client_post(&c, "/connexion/enfant/DEMO/8", body, &r);
	assert_int_equal(r.status, 422);
	response_release(&r);
	assert_true(server_query_count(&server, "SELECT count(*) FROM session") <= sessions + 1);
	client_release(&c);
}

static void unknown_structure_code(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_get(&c, "/connexion/enfant?code=NOPE", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "Ce code est inconnu"));
	response_release(&r);
	client_get(&c, "/connexion/enfant?code=%3Cscript%3E", &r);
	assert_int_equal(r.status, 422);
	assert_null(strstr(r.body, "<script>"));
	assert_non_null(strstr(r.body, "&lt;script&gt;"));
	response_release(&r);
	client_release(&c);
}

static void structure_remembered(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_get(&c, "/connexion", &r);
	assert_null(strstr(r.body, "Les enfants d"));
	response_release(&r);
	client_get(&c, "/connexion/enfant/DEMO", &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
	/* The next child on this computer is offered the structure at once. */
	client_get(&c, "/connexion", &r);
	assert_non_null(strstr(r.body, "href=\"/connexion/enfant/DEMO\""));
	assert_non_null(strstr(r.body, "Association de démonstration"));
	response_release(&r);
	client_release(&c);
}

/* A client whose requests come as if through the proxy for `visitor`. */
static struct curl_slist *client_as(struct client *c, const char *visitor)
{
	struct curl_slist *headers = NULL;
	char header[96];

	client_init(c, &server);
	snprintf(header, sizeof(header), "X-Real-IP: %s", visitor);
	headers = curl_slist_append(headers, header);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, headers);
	return headers;
}

static long get_status(struct client *c, const char *path)
{
	struct response r;
	long status;

	client_get(c, path, &r);
	status = r.status;
	response_release(&r);
	return status;
}

/* Behind the proxy (127.0.0.1 by default) the limits per address apply to
 * each visitor's X-Real-IP, and children's failures never lock adults out
 * of the same address: a classroom shares one. */
static void address_limits_per_visitor(void **state)
{
	const struct demo_account *admin = server_account(&server, "administrateur");
	struct curl_slist *headers;
	struct client c;
	int i;

	headers = client_as(&c, "192.0.2.10");
	for (i = 0; i < LOGIN_MAX_CHILD_FAILURES_PER_ADDRESS; i++)
		assert_int_equal(get_status(&c, "/carte/inconnue"), 404);
	assert_int_equal(get_status(&c, "/carte/inconnue"), 429);
	assert_int_equal(sign_in_adult(&c, admin->login, admin->secret), 0);
	client_release(&c);
	curl_slist_free_all(headers);

	headers = client_as(&c, "192.0.2.11");
	assert_int_equal(get_status(&c, "/carte/inconnue"), 404);
	client_release(&c);
	curl_slist_free_all(headers);
}

static void sign_out_ends_session(void **state)
{
	struct client c;
	struct response r;
	char csrf[64], body[128];

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Chloé P."), 0);
	client_get(&c, "/eleve", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	client_post(&c, "/deconnexion", body, &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_get(&c, "/eleve", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/connexion");
	response_release(&r);
	client_release(&c);
}

static void static_file_cached(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_get(&c, "/static/ardoise.css", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strcasestr(r.headers, "etag:"));
	assert_non_null(strcasestr(r.headers, "cache-control: public"));
	assert_non_null(strcasestr(r.headers, "content-encoding: gzip"));
	response_release(&r);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(health_ok),
		cmocka_unit_test(adult_sign_in),
		cmocka_unit_test(adult_login_any_case),
		cmocka_unit_test(adult_wrong_password),
		cmocka_unit_test(post_without_csrf),
		cmocka_unit_test(unknown_page),
		cmocka_unit_test(child_attempt_and_history),
		cmocka_unit_test(double_submit_stores_once),
		cmocka_unit_test(other_child_result_hidden),
		cmocka_unit_test(ambiguous_number_kept),
		cmocka_unit_test(bad_form_encoding),
		cmocka_unit_test(oversized_body_rejected),
		cmocka_unit_test(child_wrong_pictures),
		cmocka_unit_test(unknown_structure_code),
		cmocka_unit_test(structure_remembered),
		cmocka_unit_test(address_limits_per_visitor),
		cmocka_unit_test(sign_out_ends_session),
		cmocka_unit_test(static_file_cached),
		cmocka_unit_test(attempt_updates_mastery),
	};

	return cmocka_run_group_tests_name("http_skeleton", tests, setup, teardown);
}
