/* A person's data: the export page and JSON file, the erasure, the
 * structure's audit log and the retention purge. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "auth/password.h"
#include <sodium.h>
#include "harness.h"

static struct server server;

static void csrf_of(struct client *c, const char *path, char *out, size_t size)
{
	struct response r;

	client_get(c, path, &r);
	assert_int_equal(page_hidden(&r, "csrf", out, size), 0);
	response_release(&r);
}

static void admin_client(struct client *c)
{
	const struct demo_account *admin = server_account(&server, "administrateur");

	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, admin->login, admin->secret), 0);
}

static long post_form(struct client *c, const char *path, const char *fields, struct response *r)
{
	char csrf[64], body[2048];

	csrf_of(c, strncmp(path, "/admin", 6) == 0 ? "/admin" : "/accueil", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s%s%s", csrf, *fields ? "&" : "", fields);
	client_post(c, path, body, r);
	return r->status;
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

static long account_id(const char *first_name)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT id FROM account WHERE first_name = '%s'", first_name);
	return server_query_count(&server, sql);
}

static long count_for(const char *sql_with_id, long id)
{
	char sql[512];

	snprintf(sql, sizeof(sql), sql_with_id, id);
	return server_query_count(&server, sql);
}

/* Give the named child one attempt at the first activity, with `answers`
 * as the stored JSON. */
static void attempt_add(const char *first_name, const char *key, const char *answers)
{
	char sql[1024];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, results, score, max_score, started_at, submitted_at) "
		 "SELECT a.id, v.id, v.version, '%s', '%s', '[]', 1.5, 2, 1764000000, 1764000090 "
		 "FROM account a, (SELECT id, version FROM activity ORDER BY id, version LIMIT 1) v WHERE a.first_name = '%s'",
		 key, answers, first_name);
	assert_int_equal(server_sql(&server, sql), 0);
}

/* The survey, ENT and LMS platform the children's answers and links refer to. */
static void sources_add(void)
{
	assert_int_equal(server_sql(&server,
		"INSERT INTO survey (audience, structure_id, title, code, active, author_id, created_at) "
		"VALUES ('enfants', 1, 'Ton avis sur Ardoise', 'AVISTEST', 0, 1, 0);"
		"INSERT INTO survey_question (survey_id, position, kind, prompt, choices) "
		"SELECT id, 1, 'smileys', 'Tu aimes Ardoise ?', '' FROM survey WHERE code = 'AVISTEST';"
		"INSERT INTO survey_question (survey_id, position, kind, prompt, choices) "
		"SELECT id, 2, 'text', 'Que veux-tu ajouter ?', '' FROM survey WHERE code = 'AVISTEST';"
		"INSERT INTO cas_server (structure_id, name, base_url, public_url, enabled, created_at) "
		"VALUES (1, 'ENT des écoles (test)', 'https://ent.invalid/cas', 'http://127.0.0.1', 0, 0);"
		"INSERT INTO lti_platform (structure_id, name, issuer, client_id, deployment_id, auth_url, jwks_url, token_url, "
		"public_url, group_id, level, created_at) VALUES (1, 'Moodle de test', 'https://moodle.invalid', 'client-1', 'dep-1', "
		"'https://moodle.invalid/auth', 'https://moodle.invalid/jwks', 'https://moodle.invalid/token', 'http://127.0.0.1', 1, 'CE2', 0);"), 0);
}

/* Give the named child a survey response answered on 2025-11-24 at 16:00
 * UTC, a CAS identity "cas-TAG" and an LTI identity "sub-TAG". The text
 * answer is "TAG-veut-plus-de-calcul". */
static void person_data_add(const char *first_name, const char *tag)
{
	char sql[2048];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO survey_response (survey_id, account_id, skipped, created_at) "
		 "SELECT s.id, a.id, 0, 1764000000 FROM survey s, account a WHERE s.code = 'AVISTEST' AND a.first_name = '%s';"
		 "INSERT INTO survey_answer (response_id, position, value) "
		 "SELECT r.id, 1, '3' FROM survey_response r JOIN account a ON a.id = r.account_id WHERE a.first_name = '%s';"
		 "INSERT INTO survey_answer (response_id, position, value) "
		 "SELECT r.id, 2, '%s-veut-plus-de-calcul' FROM survey_response r JOIN account a ON a.id = r.account_id WHERE a.first_name = '%s';"
		 "INSERT INTO cas_identity (cas_server_id, cas_user, account_id, linked_at) "
		 "SELECT s.id, 'cas-%s', a.id, 1764000000 FROM cas_server s, account a WHERE a.first_name = '%s';"
		 "INSERT INTO lti_identity (platform_id, sub, account_id, linked_at) "
		 "SELECT p.id, 'sub-%s', a.id, 1764000000 FROM lti_platform p, account a WHERE a.first_name = '%s';",
		 first_name, first_name, tag, first_name, tag, first_name, tag, first_name);
	assert_int_equal(server_sql(&server, sql), 0);
}

/* Usage events of the named child: an activity start on 2025-11-30 at 23:30
 * UTC (1 December 00:30 in Paris) with object `object`, a sign-in on
 * 2025-10-15, and `pages` page views on 2025-09-01 (feature "eleve"). */
static void events_add(const char *first_name, const char *object, int pages)
{
	char sql[2048];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object, value) "
		 "SELECT 1764545400, id, 1, 77, 'activites', 'start', '%s', 0 FROM account WHERE first_name = '%s';"
		 "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object, value) "
		 "SELECT 1760515200, id, 1, 76, 'connexion', 'sign-in', '', 0 FROM account WHERE first_name = '%s';"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
		 "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object, value) "
		 "SELECT 1756713600 + i * 60, a.id, 1, 75, 'eleve', 'page', '', 0 FROM n, account a WHERE a.first_name = '%s';",
		 object, first_name, first_name, pages, first_name);
	assert_int_equal(server_sql(&server, sql), 0);
}

/* Léa's learning data beyond her attempts, and a training registration
 * and a tutoring snippet of the administrateur. */
static void learning_add(void)
{
	assert_int_equal(server_sql(&server,
		"INSERT INTO mastery (child_id, competency, known, answers, right_answers, level, last_answer) "
		"SELECT id, 'C3-MATH-LEA', 0.9, 4, 3, 2, 1764000000 FROM account WHERE first_name = 'Léa';"
		"INSERT INTO reading_setting (account_id, dyslexic_font, updated_at) SELECT id, 1, 0 FROM account WHERE first_name = 'Léa';"
		"INSERT INTO assignment (child_id, competency, due_at, created_by, created_at) "
		"SELECT id, 'C3-FR-LEA', 1764600000, 1, 1764000000 FROM account WHERE first_name = 'Léa';"
		"INSERT INTO video_progress (child_id, video_id, intervals, seconds_played, duration, updated_at) "
		"SELECT id, 'video-lea', '0.0-42.0', 42, 120, 1764000000 FROM account WHERE first_name = 'Léa';"
		"INSERT INTO tutoring_question (child_id, structure_id, origin, activity_id, created_at, last_message_at) "
		"SELECT id, 1, 'aide', 'activite-lea', 1764000000, 1764000000 FROM account WHERE first_name = 'Léa';"
		"INSERT INTO tutoring_message (question_id, author_id, author_role, body, created_at) "
		"SELECT q.id, q.child_id, 'eleve', 'lea-demande-aide', 1764000000 FROM tutoring_question q "
		"JOIN account a ON a.id = q.child_id WHERE a.first_name = 'Léa';"
		"INSERT INTO tutoring_message (question_id, author_id, author_role, body, created_at) "
		"SELECT q.id, 1, 'tuteur', 'Regarde la consigne.', 1764000100 FROM tutoring_question q "
		"JOIN account a ON a.id = q.child_id WHERE a.first_name = 'Léa';"
		"INSERT INTO training_session (starts_at, place, audience, capacity, trainer_id, created_at) "
		"VALUES (1764600000, 'Salle des fêtes de test', 'accompagnateurs', 10, 1, 0);"
		"INSERT INTO training_registration (session_id, account_id, registered_at, attended) "
		"SELECT s.id, a.id, 1764000000, 1 FROM training_session s, account a WHERE a.role = 'administrateur' AND a.structure_id = 1;"
		"INSERT INTO tutoring_snippet (tuteur_id, title, body, created_at) "
		"SELECT id, 'Salutation', 'Bonjour, je suis là pour t''aider.', 0 FROM account WHERE role = 'administrateur' AND structure_id = 1;"), 0);
}

/* How many times `needle` occurs in `haystack`. */
static int occurrences(const char *haystack, const char *needle)
{
	int n = 0;

	while ((haystack = strstr(haystack, needle))) {
		n++;
		haystack += strlen(needle);
	}
	return n;
}

/* Read the picture ids shown in the page's <ol class="picture-sequence">. */
static void shown_pictures(const struct response *r, char *out, size_t size)
{
	const char *p = strstr(r->body, "picture-sequence"), *end = p ? strstr(p, "</ol>") : NULL;
	size_t n = 0;

	out[0] = '\0';
	while (p && end && (p = strstr(p, "/static/img/pictures/")) && p < end) {
		const char *dot;

		p += strlen("/static/img/pictures/");
		dot = strstr(p, ".svg");
		n += (size_t)snprintf(out + n, size - n, "%s%.*s", n ? " " : "", (int)(dot - p), p);
	}
}

/* Sign a child in by structure code, id and pictures; returns the status. */
static long child_sign_in(struct client *c, long id, const char *pictures)
{
	char path[96], csrf[64], body[256], two[64], escaped[128];
	const char *space = strrchr(pictures, ' ');
	struct response r;
	long status;

	snprintf(path, sizeof(path), "/connexion/enfant/DEMO/%ld", id);
	client_get(c, path, &r);
	status = r.status;
	if (status == 200)
		page_hidden(&r, "csrf", csrf, sizeof(csrf));
	response_release(&r);
	if (status != 200)
		return status;
	snprintf(two, sizeof(two), "%.*s", (int)(space - pictures), pictures);
	form_escape(c, two, escaped, sizeof(escaped));
	snprintf(body, sizeof(body), "csrf=%s&pictures=%s&pick=%s", csrf, escaped, space + 1);
	client_post(c, path, body, &r);
	status = r.status;
	response_release(&r);
	return status;
}

/* A second structure with its own administrateur. */
static void second_structure(void)
{
	char hash[PASSWORD_HASH_BYTES], sql[1024];

	assert_int_equal(password_hash("mot-de-passe-autre", hash), 0);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO structure (name, code, created_at) VALUES ('Maison de quartier des Tilleuls', 'TILLEULS', 0);"
		 "INSERT INTO account (structure_id, role, login, first_name, last_initial, avatar, secret_hash, active, created_at) "
		 "VALUES (2, 'administrateur', 'admin.tilleuls', 'Nadia', 'K.', 'hibou', '%s', 1, 0);", hash);
	assert_int_equal(server_sql(&server, sql), 0);
	assert_int_equal(server_sql(&server,
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'administrateur', 2 FROM account WHERE login = 'admin.tilleuls';"), 0);
}

static void export_page_shows_own_data(void **state)
{
	long lea = account_id("Léa");
	long exports = server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'export'");
	struct client admin;
	struct response r;
	char path[96];

	admin_client(&admin);
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees", lea);
	client_get(&admin, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Ce qu&#39;Ardoise garde, et pourquoi"));
	assert_non_null(strstr(r.body, "Léa"));
	assert_non_null(strstr(r.body, "demo-lea-m"));
	assert_non_null(strstr(r.body, "Association de démonstration"));
	/* The typed answer, escaped, and nothing of Noah's. */
	assert_non_null(strstr(r.body, "&lt;b&gt;douze&lt;/b&gt;"));
	assert_null(strstr(r.body, "<b>douze</b>"));
	assert_non_null(strstr(r.body, "1,5 / 2"));
	assert_null(strstr(r.body, "reponse-de-noah"));
	assert_null(strstr(r.body, "Noah"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'export'"), exports + 1);
	client_release(&admin);
}

/* GET the export of the named person as the administrateur `c`
 * (`suffix` "" for the page, ".json" for the file); asserts status 200. */
static void export_get(struct client *c, const char *first_name, const char *suffix, struct response *r)
{
	char path[96];

	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees%s", account_id(first_name), suffix);
	client_get(c, path, r);
	assert_int_equal(r->status, 200);
}

static void export_page_shows_usage(void **state)
{
	struct client admin;
	struct response r;

	admin_client(&admin);
	export_get(&admin, "Léa", "", &r);
	assert_non_null(strstr(r.body, "Journal d&#39;utilisation"));
	assert_non_null(strstr(r.body, "Nombre total d&#39;événements : 602."));
	assert_non_null(strstr(r.body, "Seuls les 500 événements les plus récents"));
	/* Counted per Paris month: the start at 23:30 UTC on 30 November is in December. */
	assert_non_null(strstr(r.body, "décembre 2025</td><td data-label=\"Fonction\">Activités</td><td data-label=\"Événements\">1</td>"));
	assert_non_null(strstr(r.body, "octobre 2025</td><td data-label=\"Fonction\">Connexion</td><td data-label=\"Événements\">1</td>"));
	assert_non_null(strstr(r.body, "septembre 2025</td><td data-label=\"Fonction\">eleve</td><td data-label=\"Événements\">600</td>"));
	assert_null(strstr(r.body, "novembre 2025</td>"));
	/* The 500 most recent events, newest first, in Paris time. */
	assert_int_equal(occurrences(r.body, "data-label=\"Objet\""), 500);
	assert_non_null(strstr(r.body, "01/12/2025 à 00:30</td><td data-label=\"Fonction\">Activités</td>"
				       "<td data-label=\"Action\">activité commencée</td><td data-label=\"Objet\">objet-lea-dec</td>"));
	assert_non_null(strstr(r.body, "15/10/2025 à 10:00</td><td data-label=\"Fonction\">Connexion</td>"));
	assert_true(strstr(r.body, "01/12/2025 à 00:30") < strstr(r.body, "15/10/2025 à 10:00"));
	response_release(&r);
	client_release(&admin);
}

static void export_page_shows_surveys_and_links(void **state)
{
	struct client admin;
	struct response r;

	admin_client(&admin);
	export_get(&admin, "Léa", "", &r);
	assert_non_null(strstr(r.body, "Réponses aux questionnaires"));
	assert_non_null(strstr(r.body, "24/11/2025 à 17:00</td><td data-label=\"Questionnaire\">Ton avis sur Ardoise</td>"
				       "<td data-label=\"Question\">Tu aimes Ardoise ?</td><td data-label=\"Réponse\">3 sur 3</td>"));
	assert_non_null(strstr(r.body, "<td data-label=\"Question\">Que veux-tu ajouter ?</td>"
				       "<td data-label=\"Réponse\">« lea-veut-plus-de-calcul »</td>"));
	assert_non_null(strstr(r.body, "Comptes ENT et LTI liés"));
	assert_non_null(strstr(r.body, "ENT (connexion CAS)</td><td data-label=\"Nom\">ENT des écoles (test)</td>"
				       "<td data-label=\"Identifiant chez eux\"><code>cas-lea</code></td>"
				       "<td data-label=\"Lié le\">24/11/2025 à 17:00</td>"));
	assert_non_null(strstr(r.body, "plateforme de cours (LTI)</td><td data-label=\"Nom\">Moodle de test</td>"
				       "<td data-label=\"Identifiant chez eux\"><code>sub-lea</code></td>"));
	assert_null(strstr(r.body, "cas-noah"));
	assert_null(strstr(r.body, "noah-veut"));
	response_release(&r);
	client_release(&admin);
}

static void export_json_lists_usage_surveys_links(void **state)
{
	struct client admin;
	struct response r;
	json_t *doc, *events, *months, *surveys, *answers, *links;

	admin_client(&admin);
	export_get(&admin, "Léa", ".json", &r);
	doc = json_loadb(r.body, r.len, 0, NULL);
	assert_non_null(doc);

	/* Every event, newest first, times in UTC. */
	events = json_object_get(doc, "usage_events");
	assert_int_equal(json_array_size(events), 602);
	assert_string_equal(json_string_value(json_object_get(json_array_get(events, 0), "at")), "2025-11-30T23:30:00Z");
	assert_string_equal(json_string_value(json_object_get(json_array_get(events, 0), "feature")), "activites");
	assert_string_equal(json_string_value(json_object_get(json_array_get(events, 0), "action")), "start");
	assert_string_equal(json_string_value(json_object_get(json_array_get(events, 0), "object")), "objet-lea-dec");
	assert_string_equal(json_string_value(json_object_get(json_array_get(events, 1), "at")), "2025-10-15T08:00:00Z");
	assert_string_equal(json_string_value(json_object_get(json_array_get(events, 601), "at")), "2025-09-01T08:01:00Z");

	/* The counts per Paris month and feature. */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "usage_summary"), "events")), 602);
	months = json_object_get(json_object_get(doc, "usage_summary"), "per_month_and_feature");
	assert_int_equal(json_array_size(months), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(months, 0), "month")), "2025-12");
	assert_string_equal(json_string_value(json_object_get(json_array_get(months, 0), "feature")), "activites");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(months, 0), "events")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(months, 2), "month")), "2025-09");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(months, 2), "events")), 600);

	surveys = json_object_get(doc, "survey_answers");
	assert_int_equal(json_array_size(surveys), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(surveys, 0), "survey")), "Ton avis sur Ardoise");
	assert_string_equal(json_string_value(json_object_get(json_array_get(surveys, 0), "answered_at")), "2025-11-24T16:00:00Z");
	answers = json_object_get(json_array_get(surveys, 0), "answers");
	assert_int_equal(json_array_size(answers), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(answers, 0), "value")), "3");
	assert_string_equal(json_string_value(json_object_get(json_array_get(answers, 1), "prompt")), "Que veux-tu ajouter ?");
	assert_string_equal(json_string_value(json_object_get(json_array_get(answers, 1), "value")), "lea-veut-plus-de-calcul");

	links = json_object_get(doc, "linked_accounts");
	assert_int_equal(json_array_size(links), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(links, 0), "kind")), "cas");
	assert_string_equal(json_string_value(json_object_get(json_array_get(links, 0), "name")), "ENT des écoles (test)");
	assert_string_equal(json_string_value(json_object_get(json_array_get(links, 0), "remote_id")), "cas-lea");
	assert_string_equal(json_string_value(json_object_get(json_array_get(links, 1), "kind")), "lti");
	assert_string_equal(json_string_value(json_object_get(json_array_get(links, 1), "remote_id")), "sub-lea");
	assert_string_equal(json_string_value(json_object_get(json_array_get(links, 1), "linked_at")), "2025-11-24T16:00:00Z");
	assert_null(strstr(r.body, "noah"));
	json_decref(doc);
	response_release(&r);
	client_release(&admin);
}

static void export_json_is_attachment(void **state)
{
	long lea = account_id("Léa");
	struct client admin;
	struct response r;
	json_t *doc, *attempts, *answer;
	char path[96];

	admin_client(&admin);
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees.json", lea);
	client_get(&admin, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.content_type, "application/json"));
	assert_non_null(strcasestr(r.headers, "content-disposition: attachment"));
	assert_null(strstr(r.body, "Noah"));
	assert_null(strstr(r.body, "reponse-de-noah"));
	doc = json_loadb(r.body, r.len, 0, NULL);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "account"), "first_name")), "Léa");
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "account"), "login")), "demo-lea-m");
	/* No secret: neither the pictures nor the card token. */
	assert_null(strstr(r.body, server_account(&server, "Léa M.")->secret));
	attempts = json_object_get(doc, "attempts");
	assert_int_equal(json_array_size(attempts), 1);
	answer = json_array_get(json_array_get(json_object_get(json_array_get(attempts, 0), "answers"), 0), 0);
	assert_string_equal(json_string_value(answer), "<b>douze</b>");
	assert_true(json_array_size(json_object_get(doc, "audit_log")) >= 1);
	json_decref(doc);
	response_release(&r);
	client_release(&admin);
}

/* A history whose JSON passes the 4 MiB of a page still downloads whole. */
static void export_json_passes_page_limit(void **state)
{
	struct client admin;
	struct response r;
	json_t *doc;

	events_add("Yanis", "objet-yanis", 50000);
	admin_client(&admin);
	export_get(&admin, "Yanis", ".json", &r);
	assert_true(r.len > 4u * 1024 * 1024);
	doc = json_loadb(r.body, r.len, 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "usage_events")), 50002);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "usage_summary"), "events")), 50002);
	json_decref(doc);
	response_release(&r);

	/* The page still lists 500 of them. */
	export_get(&admin, "Yanis", "", &r);
	assert_int_equal(occurrences(r.body, "data-label=\"Objet\""), 500);
	assert_non_null(strstr(r.body, "Nombre total d&#39;événements : 50002."));
	response_release(&r);
	client_release(&admin);
}

static void export_shows_learning_data(void **state)
{
	struct client admin;
	struct response r;
	json_t *doc;

	admin_client(&admin);
	export_get(&admin, "Léa", "", &r);
	assert_non_null(strstr(r.body, "<dt>Police adaptée à la dyslexie</dt><dd>oui</dd><dt>Texte plus espacé</dt><dd>non</dd>"));
	assert_non_null(strstr(r.body, "<code>C3-MATH-LEA</code></td><td data-label=\"Niveau\">acquis</td>"
				       "<td data-label=\"Réponses justes\">3 / 4</td>"));
	assert_non_null(strstr(r.body, "<code>C3-FR-LEA</code></td><td data-label=\"À faire pour le\">01/12/2025 à 15:40</td>"));
	assert_non_null(strstr(r.body, "<code>video-lea</code></td><td data-label=\"Temps vu\">42 s / 120 s</td>"));
	assert_non_null(strstr(r.body, "activite-lea</td><td data-label=\"Messages\"><ul><li>l&#39;enfant : lea-demande-aide</li>"
				       "<li>le tuteur : Regarde la consigne.</li></ul>"));
	assert_null(strstr(r.body, "Salle des fêtes de test"));
	response_release(&r);

	export_get(&admin, "Léa", ".json", &r);
	doc = json_loadb(r.body, r.len, 0, NULL);
	assert_non_null(doc);
	assert_true(json_is_true(json_object_get(json_object_get(doc, "reading_settings"), "dyslexic_font")));
	assert_true(json_is_false(json_object_get(json_object_get(doc, "reading_settings"), "slow_voice")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "mastery"), 0), "competency")), "C3-MATH-LEA");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "mastery"), 0), "level")), "acquis");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "assignments"), 0), "competency")), "C3-FR-LEA");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "assignments"), 0), "due_at")),
			    "2025-12-01T14:40:00Z");
	assert_int_equal(json_array_size(json_object_get(doc, "trainings")), 0);
	/* The usage events stay the last member, after the learning data. */
	assert_true(strstr(r.body, "\"trainings\"") < strstr(r.body, "\"usage_events\""));
	json_decref(doc);
	response_release(&r);
	client_release(&admin);
}

static void export_shows_adult_training(void **state)
{
	const struct demo_account *admin_account = server_account(&server, "administrateur");
	struct client admin;
	struct response r;
	json_t *doc, *training;
	char path[96], sql[256];

	snprintf(sql, sizeof(sql), "SELECT id FROM account WHERE login = '%s'", admin_account->login);
	admin_client(&admin);
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees", server_query_count(&server, sql));
	client_get(&admin, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "01/12/2025 à 15:40</td><td data-label=\"Lieu\">Salle des fêtes de test</td>"
				       "<td data-label=\"Inscription\">24/11/2025 à 17:00</td><td data-label=\"Présence\">présent</td>"));
	assert_non_null(strstr(r.body, "Salutation</td><td data-label=\"Texte\">Bonjour, je suis là pour t&#39;aider.</td>"));
	/* What the administrateur did: the survey and the training of the set-up, and one tutoring message. */
	assert_non_null(strstr(r.body, "questionnaire créé</td><td data-label=\"Détail\">Ton avis sur Ardoise</td>"));
	assert_non_null(strstr(r.body, "01/12/2025 à 15:40</td><td data-label=\"Quoi\">formation donnée</td>"
				       "<td data-label=\"Détail\">Salle des fêtes de test</td>"));
	assert_non_null(strstr(r.body, "messages écrits comme tuteur (nombre)</td><td data-label=\"Détail\">1</td>"));
	assert_null(strstr(r.body, "Regarde la consigne."));
	assert_null(strstr(r.body, "Réglages de lecture"));
	response_release(&r);

	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees.json", server_query_count(&server, sql));
	client_get(&admin, path, &r);
	assert_int_equal(r.status, 200);
	doc = json_loadb(r.body, r.len, 0, NULL);
	assert_non_null(doc);
	training = json_array_get(json_object_get(doc, "trainings"), 0);
	assert_string_equal(json_string_value(json_object_get(training, "place")), "Salle des fêtes de test");
	assert_string_equal(json_string_value(json_object_get(training, "starts_at")), "2025-12-01T14:40:00Z");
	assert_true(json_is_true(json_object_get(training, "attended")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "tutoring_snippets"), 0), "text")),
			    "Bonjour, je suis là pour t'aider.");
	assert_int_equal(json_array_size(json_object_get(doc, "work_records")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "work_records"), 0), "kind")), "survey");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(doc, "work_records"), 1), "detail")),
			    "Salle des fêtes de test");
	json_decref(doc);
	response_release(&r);
	client_release(&admin);
}

static void export_and_erase_scope(void **state)
{
	const struct demo_account *helper = server_account(&server, "accompagnateur");
	long lea = account_id("Léa");
	struct client follower, other;
	struct response r;
	char path[96];

	client_init(&follower, &server);
	assert_int_equal(sign_in_adult(&follower, helper->login, helper->secret), 0);
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees", lea);
	assert_int_equal(get_status(&follower, path), 403);
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees.json", lea);
	assert_int_equal(get_status(&follower, path), 403);
	assert_int_equal(get_status(&follower, "/admin/structure/1/journal"), 403);
	client_release(&follower);

	second_structure();
	client_init(&other, &server);
	assert_int_equal(sign_in_adult(&other, "admin.tilleuls", "mot-de-passe-autre"), 0);
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees", lea);
	client_get(&other, path, &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "Léa"));
	response_release(&r);
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees.json", lea);
	assert_int_equal(get_status(&other, path), 404);
	snprintf(path, sizeof(path), "/admin/compte/%ld/effacer", lea);
	assert_int_equal(get_status(&other, path), 404);
	assert_int_equal(post_form(&other, path, "confirmer=oui", &r), 404);
	response_release(&r);
	assert_int_equal(get_status(&other, "/admin/structure/1/journal"), 404);
	assert_int_equal(get_status(&other, "/admin/structure/2/journal"), 200);
	assert_int_equal(account_id("Léa"), lea);
	client_release(&other);
}

static void erase_needs_confirmation(void **state)
{
	long ines = account_id("Inès");
	struct client admin;
	struct response r;
	char path[96];

	admin_client(&admin);
	snprintf(path, sizeof(path), "/admin/compte/%ld/effacer", ines);
	client_get(&admin, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Ce qui reste, sans nom"));
	assert_non_null(strstr(r.body, "name=\"confirmer\""));
	response_release(&r);
	assert_int_equal(post_form(&admin, path, "", &r), 422);
	assert_non_null(strstr(r.body, "Cochez la case"));
	response_release(&r);
	assert_int_equal(post_form(&admin, path, "confirmer=non", &r), 422);
	response_release(&r);
	assert_int_equal(count_for("SELECT count(*) FROM account WHERE id = %ld AND first_name = 'Inès' AND erased_at IS NULL", ines), 1);
	/* An administrateur cannot erase their own account, and is not offered to. */
	{
		char sql[256], own[96], link[128];
		long self;

		snprintf(sql, sizeof(sql), "SELECT id FROM account WHERE login = '%s'", server_account(&server, "administrateur")->login);
		self = server_query_count(&server, sql);
		snprintf(path, sizeof(path), "/admin/compte/%ld/effacer", self);
		snprintf(own, sizeof(own), "/admin/compte/%ld/donnees", self);
		snprintf(link, sizeof(link), "href=\"%s\"", path);
		client_get(&admin, own, &r);
		assert_int_equal(r.status, 200);
		assert_null(strstr(r.body, link));
		response_release(&r);
	}
	assert_int_equal(post_form(&admin, path, "confirmer=oui", &r), 409);
	response_release(&r);
	client_release(&admin);
}

/* Create Zoé through the page, so the audit log has her creation. */
static long zoe_create(char *pictures, size_t size)
{
	struct client admin;
	struct response r;
	long id;

	admin_client(&admin);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=Zo%C3%A9&initiale=V&niveau=CM1&groupes=1", &r), 201);
	shown_pictures(&r, pictures, size);
	response_release(&r);
	client_release(&admin);
	id = account_id("Zoé");
	assert_true(id > 0);
	return id;
}

/* Add what other features store about a child: rollups, reading settings,
 * mastery, videos, a tutoring seat and question, work given to her alone,
 * an LTI score link and a deep-linking request. A tutoring snippet and
 * presence are added too: only tuteurs have them, but erasure does not
 * check the role. */
static void zoe_more_data(long id)
{
	char sql[4096];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO usage_child_day (day, structure_id, account_id, connections, seconds, pages, activities_started, "
		 "activities_done, activities_passed, resources, tutoring) VALUES (20422, 1, %ld, 1, 60, 2, 1, 0, 0, 0, 0);"
		 "INSERT INTO usage_child_month (month, structure_id, account_id, connections, seconds, pages, activities_started, "
		 "activities_done, activities_passed, resources, tutoring) VALUES (24310, 1, %ld, 1, 60, 2, 1, 0, 0, 0, 0);"
		 "INSERT INTO usage_child_year (year, structure_id, account_id, tutoring) VALUES (2025, 1, %ld, 0);"
		 "INSERT INTO reading_setting (account_id, dyslexic_font, updated_at) VALUES (%ld, 1, 0);"
		 "INSERT INTO mastery (child_id, competency, known, level, last_answer) VALUES (%ld, 'C3-MATH-1', 0.5, 1, 0);"
		 "INSERT INTO video_progress (child_id, video_id, intervals, seconds_played, duration, updated_at) "
		 "VALUES (%ld, 'video-1', '0.0-5.0', 5, 60, 0);"
		 "INSERT INTO tutoring_seat (child_id, school_year, granted_at) VALUES (%ld, '2025-2026', 0);"
		 "INSERT INTO tutoring_question (child_id, structure_id, origin, child_answer, created_at, last_message_at) "
		 "VALUES (%ld, 1, 'aide', 'zoe-demande', 0, 0);"
		 "INSERT INTO assignment (child_id, competency, created_by, created_at) VALUES (%ld, 'C3-MATH-1', 1, 0);"
		 "INSERT INTO lti_grade_link (account_id, activity_id, platform_id, lineitem, linked_at) "
		 "SELECT %ld, 'activite-1', id, 'https://moodle.invalid/lineitem/1', 0 FROM lti_platform;"
		 "INSERT INTO lti_deep_link (token, platform_id, account_id, return_url, data, expires_at) "
		 "SELECT 'jeton-zoe', id, %ld, 'https://moodle.invalid/retour', '', 0 FROM lti_platform;"
		 "INSERT INTO tutoring_snippet (tuteur_id, title, body, created_at) VALUES (%ld, 'Titre', 'zoe-texte', 0);"
		 "INSERT INTO tutoring_presence (tuteur_id, seen_at) VALUES (%ld, 0);",
		 id, id, id, id, id, id, id, id, id, id, id, id, id);
	assert_int_equal(server_sql(&server, sql), 0);
}

#define XAPI_TEST_SECRET "0707070707070707070707070707070707070707070707070707070707070707"

/* The xAPI actor name of an account under the test secret (32 bytes of 7):
 * the hex HMAC-SHA256 of "account:ID". */
static void xapi_actor(long id, char out[65])
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES], mac[crypto_auth_hmacsha256_BYTES];
	char text[64];

	memset(key, 7, sizeof(key));
	snprintf(text, sizeof(text), "account:%ld", id);
	crypto_auth_hmacsha256(mac, (const unsigned char *)text, strlen(text), key);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

/* Queue one xAPI statement whose actor is the account `id`. */
static void xapi_statement_add(long id, const char *statement_id)
{
	char actor[65], sql[1024];

	xapi_actor(id, actor);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO xapi_setting (id, secret) VALUES (1, '%s') ON CONFLICT (id) DO UPDATE SET secret = excluded.secret;"
		 "INSERT INTO xapi_outbox (statement_id, body, created_at, next_try_at) VALUES ('%s', "
		 "'{\"id\":\"%s\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"http://127.0.0.1\",\"name\":\"%s\"}}}', 0, 0);",
		 XAPI_TEST_SECRET, statement_id, statement_id, actor);
	assert_int_equal(server_sql(&server, sql), 0);
}

/* Tables that must hold no row about the erased account; %ld is its id. */
static const char *const erased_tables[] = {
	"SELECT count(*) FROM group_member WHERE account_id = %ld",
	"SELECT count(*) FROM session WHERE account_id = %ld",
	"SELECT count(*) FROM role_grant WHERE account_id = %ld",
	"SELECT count(*) FROM login_failure WHERE key = 'account:%ld'",
	"SELECT count(*) FROM reading_setting WHERE account_id = %ld",
	"SELECT count(*) FROM mastery WHERE child_id = %ld",
	"SELECT count(*) FROM video_progress WHERE child_id = %ld",
	"SELECT count(*) FROM tutoring_seat WHERE child_id = %ld",
	"SELECT count(*) FROM tutoring_question WHERE child_id = %ld",
	"SELECT count(*) FROM assignment WHERE child_id = %ld",
	"SELECT count(*) FROM cas_identity WHERE account_id = %ld",
	"SELECT count(*) FROM lti_identity WHERE account_id = %ld",
	"SELECT count(*) FROM lti_grade_link WHERE account_id = %ld",
	"SELECT count(*) FROM lti_deep_link WHERE account_id = %ld",
	"SELECT count(*) FROM tutoring_snippet WHERE tuteur_id = %ld",
	"SELECT count(*) FROM tutoring_presence WHERE tuteur_id = %ld",
	"SELECT count(*) FROM lti_score_outbox WHERE attempt_id IN (SELECT id FROM attempt WHERE account_id = %ld)",
	"SELECT count(*) FROM survey_answer WHERE value <> '' AND response_id IN (SELECT id FROM survey_response WHERE account_id = %ld)",
	"SELECT count(*) FROM attempt WHERE answers <> '[]' AND account_id = %ld",
	"SELECT count(*) FROM audit_log WHERE details <> '' AND target_id = %ld AND action <> 'erase'",
};

static void erase_checks_database(long id)
{
	size_t i;

	for (i = 0; i < sizeof(erased_tables) / sizeof(erased_tables[0]); i++) {
		if (count_for(erased_tables[i], id) != 0)
			fprintf(stderr, "left after erasure: %s\n", erased_tables[i]);
		assert_int_equal(count_for(erased_tables[i], id), 0);
	}
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_identity WHERE cas_user LIKE '%zoe%'"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM survey_answer WHERE value LIKE '%zoe%'"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM tutoring_question WHERE child_answer LIKE '%zoe%'"), 0);
	/* The usage events and rollups stay under the anonymous account, so
	 * the structure's figures do not change. */
	assert_int_equal(count_for("SELECT count(*) FROM usage_event WHERE account_id = %ld AND feature = 'eleve'", id), 2);
	assert_int_equal(count_for("SELECT count(*) FROM usage_child_day WHERE account_id = %ld", id), 1);
	assert_int_equal(count_for("SELECT count(*) FROM usage_child_month WHERE account_id = %ld", id), 1);
	assert_int_equal(count_for("SELECT count(*) FROM usage_child_year WHERE account_id = %ld", id), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM xapi_outbox WHERE statement_id = 'statement-zoe'"), 0);
	/* Léa's data is untouched. */
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM xapi_outbox WHERE statement_id = 'statement-lea'"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_identity WHERE cas_user = 'cas-lea'"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM survey_answer WHERE value = 'lea-veut-plus-de-calcul'"), 1);

	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account WHERE first_name = 'Zoé' OR login LIKE '%zoe%'"), 0);
	assert_int_equal(count_for("SELECT count(*) FROM account WHERE id = %ld AND first_name = '(effacé)' AND last_initial = '' "
				   "AND login LIKE 'efface-%%' AND active = 0 AND erased_at IS NOT NULL AND deactivated_at IS NOT NULL "
				   "AND card_token IS NULL AND picture_secret IS NULL", id), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE details LIKE '%zoe%' OR details LIKE '%Zoé%'"), 0);
	/* The attempt stays, counted for the structure, without the typed text. */
	assert_int_equal(count_for("SELECT count(*) FROM attempt WHERE account_id = %ld AND answers = '[]' AND score = 1.5", id), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM attempt WHERE answers LIKE '%zoe-ecrit%'"), 0);
	assert_int_equal(count_for("SELECT count(*) FROM audit_log WHERE action = 'erase' AND target_id = %ld AND structure_id = 1", id), 1);
}

static void erase_removes_name_everywhere(void **state)
{
	struct client admin, child, tablet;
	struct response r;
	char pictures[64], path[96], wrong[96];
	long id = zoe_create(pictures, sizeof(pictures));

	attempt_add("Zoé", "k-zoe-1", "[[\"zoe-ecrit\"]]");
	person_data_add("Zoé", "zoe");
	xapi_statement_add(id, "statement-zoe");
	xapi_statement_add(account_id("Léa"), "statement-lea");
	events_add("Zoé", "objet-z", 2);
	zoe_more_data(id);
	client_init(&child, &server);
	assert_int_equal(child_sign_in(&child, id, pictures), 303);
	/* One failed sign-in recorded against her account. */
	snprintf(wrong, sizeof(wrong), "%s%s", strncmp(pictures, "chat", 4) == 0 ? "fleur" : "chat", strchr(pictures, ' '));
	client_init(&tablet, &server);
	assert_int_equal(child_sign_in(&tablet, id, wrong), 200);
	assert_int_equal(count_for("SELECT count(*) FROM login_failure WHERE key = 'account:%ld'", id), 1);

	admin_client(&admin);
	snprintf(path, sizeof(path), "/admin/compte/%ld/effacer", id);
	assert_int_equal(post_form(&admin, path, "confirmer=oui", &r), 303);
	assert_string_equal(r.location, "/admin/structure/1?fait=1");
	response_release(&r);
	erase_checks_database(id);

	/* Her open session ended, and she can no longer sign in. */
	client_get(&child, "/eleve", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/connexion");
	response_release(&r);
	assert_int_equal(child_sign_in(&tablet, id, pictures), 404);
	client_get(&tablet, "/connexion/enfant/DEMO", &r);
	assert_null(strstr(r.body, "Zoé"));
	response_release(&r);

	/* The export of the erased account names no one; a second erasure is refused. */
	snprintf(path, sizeof(path), "/admin/compte/%ld/donnees", id);
	client_get(&admin, path, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "Zoé"));
	assert_null(strstr(r.body, "zoe"));
	response_release(&r);
	snprintf(path, sizeof(path), "/admin/compte/%ld/effacer", id);
	assert_int_equal(post_form(&admin, path, "confirmer=oui", &r), 409);
	response_release(&r);
	client_release(&tablet);
	client_release(&child);
	client_release(&admin);
}

static void journal_shows_creation_and_erasure(void **state)
{
	struct client admin;
	struct response r;

	admin_client(&admin);
	client_get(&admin, "/admin/structure/1/journal", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "a créé l'élève"));
	assert_non_null(strstr(r.body, "a effacé les données de"));
	assert_non_null(strstr(r.body, "a consulté ou téléchargé les données de"));
	assert_non_null(strstr(r.body, "href=\"/admin/compte/"));
	assert_null(strstr(r.body, "Zoé"));
	/* Newest first: the erasure comes before the creation. */
	assert_true(strstr(r.body, "a effacé les données de") < strstr(r.body, "a créé l'élève"));
	response_release(&r);
	assert_int_equal(get_status(&admin, "/admin/structure/1/journal?page=2"), 200);
	assert_int_equal(get_status(&admin, "/admin/structure/1/journal?page=abc"), 400);
	assert_int_equal(get_status(&admin, "/admin/structure/1/journal?page=0"), 400);
	client_release(&admin);
}

/* Run `ardoise purge ARGS` on the test database; returns the exit status
 * and the output in `out`. */
static int purge_run(const char *env, const char *args, char *out, size_t size)
{
	const char *bin = getenv("ARDOISE_BIN");
	char cmd[1024];
	size_t n = 0, got;
	FILE *p;
	int status;

	snprintf(cmd, sizeof(cmd), "env -u LC_ALL -u LC_MESSAGES -u LANG %s %s purge --db '%s' %s 2>&1", env,
		 bin ? bin : "build/ardoise", server.db, args);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n + 1 < size && (got = fread(out + n, 1, size - n - 1, p)) > 0)
		n += got;
	out[n] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void purge_erases_deactivated(void **state)
{
	long noah = account_id("Noah");
	struct client admin;
	struct response r;
	char path[96], out[4096], line[128];

	admin_client(&admin);
	snprintf(path, sizeof(path), "/admin/compte/%ld/desactiver", noah);
	assert_int_equal(post_form(&admin, path, "", &r), 303);
	response_release(&r);
	client_release(&admin);
	snprintf(line, sizeof(line), "compte n°%ld (élève)", noah);

	/* Within the retention period: nothing to erase. */
	assert_int_equal(purge_run("LANG=fr_FR.UTF-8", "--days 365", out, sizeof(out)), 0);
	assert_null(strstr(out, line));
	assert_non_null(strstr(out, "0 compte(s) effacé(s)"));

	assert_int_equal(purge_run("LANG=fr_FR.UTF-8", "--days 0 --dry-run", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "À effacer : "));
	assert_non_null(strstr(out, line));
	assert_null(strstr(out, "Noah"));
	assert_int_equal(count_for("SELECT count(*) FROM account WHERE id = %ld AND first_name = 'Noah' AND erased_at IS NULL", noah), 1);
	assert_int_equal(count_for("SELECT count(*) FROM attempt WHERE account_id = %ld AND answers LIKE '%%reponse-de-noah%%'", noah), 1);

	assert_int_equal(purge_run("LANG=fr_FR.UTF-8", "--days 0", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "Effacé : "));
	assert_non_null(strstr(out, line));
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account WHERE first_name = 'Noah'"), 0);
	assert_int_equal(count_for("SELECT count(*) FROM account WHERE id = %ld AND erased_at IS NOT NULL AND login LIKE 'efface-%%'", noah), 1);
	assert_int_equal(count_for("SELECT count(*) FROM audit_log WHERE action = 'erase' AND target_id = %ld AND actor_id IS NULL", noah), 1);
	assert_int_equal(count_for("SELECT count(*) FROM attempt WHERE account_id = %ld AND answers = '[]'", noah), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_identity WHERE cas_user = 'cas-noah'"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_identity WHERE sub = 'sub-noah'"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM survey_answer WHERE value LIKE 'noah%'"), 0);
	/* Run again: nothing left to do. */
	assert_int_equal(purge_run("LANG=fr_FR.UTF-8", "--days 0", out, sizeof(out)), 0);
	assert_null(strstr(out, line));
}

static void purge_usage_errors_and_help(void **state)
{
	char out[4096];

	assert_int_equal(purge_run("LANG=fr_FR.UTF-8", "--days -1", out, sizeof(out)), 2);
	assert_non_null(strstr(out, "--days vaut « -1 »"));
	assert_int_equal(purge_run("LANG=fr_FR.UTF-8", "--days 3x", out, sizeof(out)), 2);
	assert_int_equal(purge_run("LANG=fr_FR.UTF-8 ARDOISE_RETENTION_DAYS=abc", "--dry-run", out, sizeof(out)), 2);
	assert_non_null(strstr(out, "ARDOISE_RETENTION_DAYS vaut « abc »"));
	assert_int_equal(purge_run("LANG=fr_FR.UTF-8", "--help", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "Usage : ardoise purge"));
	assert_int_equal(purge_run("LANG=en_GB.UTF-8", "--help", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "Usage: ardoise purge"));
}

static int setup(void **state)
{
	server_start(&server);
	attempt_add("Léa", "k-lea-1", "[[\"<b>douze</b>\"],[\"12\"]]");
	attempt_add("Noah", "k-noah-1", "[[\"reponse-de-noah\"]]");
	sources_add();
	person_data_add("Léa", "lea");
	person_data_add("Noah", "noah");
	events_add("Léa", "objet-lea-dec", 600);
	events_add("Noah", "objet-noah", 3);
	learning_add();
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
		cmocka_unit_test(export_page_shows_own_data),
		cmocka_unit_test(export_json_is_attachment),
		cmocka_unit_test(export_page_shows_usage),
		cmocka_unit_test(export_page_shows_surveys_and_links),
		cmocka_unit_test(export_json_lists_usage_surveys_links),
		cmocka_unit_test(export_json_passes_page_limit),
		cmocka_unit_test(export_shows_learning_data),
		cmocka_unit_test(export_shows_adult_training),
		cmocka_unit_test(export_and_erase_scope),
		cmocka_unit_test(erase_needs_confirmation),
		cmocka_unit_test(erase_removes_name_everywhere),
		cmocka_unit_test(journal_shows_creation_and_erasure),
		cmocka_unit_test(purge_erases_deactivated),
		cmocka_unit_test(purge_usage_errors_and_help),
	};

	return cmocka_run_group_tests_name("http_privacy", tests, setup, teardown);
}
