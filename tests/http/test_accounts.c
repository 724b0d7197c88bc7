/* Accounts: groups, children and adults created through the pages, their
 * sign-in, deactivation, cards, locks, and the scope of each adult. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/password.h"
#include "harness.h"
#include "store/db.h"

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

	csrf_of(c, c->server && strncmp(path, "/admin", 6) == 0 ? "/admin" : "/accueil", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	client_post(c, path, body, r);
	return r->status;
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

static void child_created_signs_in(void **state)
{
	struct client admin, child;
	struct response r;
	char pictures[64];
	long id;

	admin_client(&admin);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=No%C3%ABl&initiale=n&niveau=CM1&groupes=1", &r), 201);
	assert_non_null(strstr(r.body, "Noël est inscrit"));
	shown_pictures(&r, pictures, sizeof(pictures));
	response_release(&r);
	assert_int_equal(strlen(pictures) > 8, 1);
	id = server_query_count(&server, "SELECT id FROM account WHERE first_name = 'Noël'");
	assert_true(id > 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account WHERE login = 'demo-noel-n' AND last_initial = 'N.' AND level = 'CM1'"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'create' AND target_kind = 'eleve'"), 1);

	client_init(&child, &server);
	assert_int_equal(child_sign_in(&child, id, pictures), 303);
	client_get(&child, "/eleve", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Bonjour Noël"));
	response_release(&r);
	client_release(&child);
	client_release(&admin);
}

static void child_form_errors(void **state)
{
	struct client admin;
	struct response r;
	long before = server_query_count(&server, "SELECT count(*) FROM account");

	admin_client(&admin);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=+++&initiale=M&niveau=CM3&groupes=1", &r), 422);
	assert_non_null(strstr(r.body, "Écrivez le prénom."));
	assert_non_null(strstr(r.body, "Niveau inconnu « CM3 »"));
	assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=Zo%C3%AB&initiale=Martin&niveau=CE2", &r), 422);
	assert_non_null(strstr(r.body, "seulement l&#39;initiale"));
	/* What was typed is kept in the form. */
	assert_non_null(strstr(r.body, "value=\"Zoë\""));
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=Zo%C3%AB&initiale=M&niveau=CE2&groupes=999", &r), 422);
	assert_non_null(strstr(r.body, "n&#39;existe pas dans cette structure"));
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=Zo%C3%AB&initiale=M&niveau=CE2&groupes=abc", &r), 400);
	response_release(&r);
	/* A first name needs a letter. */
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=-5&initiale=M&niveau=CE2&groupes=1", &r), 422);
	assert_non_null(strstr(r.body, "Le prénom « -5 » ne contient aucune lettre"));
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=%2500&initiale=M&niveau=CE2&groupes=1", &r), 422);
	assert_non_null(strstr(r.body, "Le prénom « %00 » ne contient aucune lettre"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), before);
	client_release(&admin);
}

static void group_name_checks(void **state)
{
	struct client admin;
	struct response r;
	long before = server_query_count(&server, "SELECT count(*) FROM class_group");

	admin_client(&admin);
	assert_int_equal(post_form(&admin, "/admin/structure/1/groupe", "nom=+++", &r), 422);
	assert_non_null(strstr(r.body, "Écrivez le nom du groupe."));
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/groupe", "nom=les+hiboux+", &r), 409);
	assert_non_null(strstr(r.body, "déjà le nom « les hiboux »"));
	assert_non_null(strstr(r.body, "value=\"les hiboux\""));
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/groupe", "nom=%3DHYPERLIEN", &r), 422);
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/groupe", "nom=ab%1Bcd", &r), 422);
	assert_non_null(strstr(r.body, "caractère invisible"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM class_group"), before);
	client_release(&admin);
}

static void adult_created_must_change_password(void **state)
{
	struct client admin, adult;
	struct response r;
	char password[32] = "", body[256], csrf[64];
	const char *code;

	admin_client(&admin);
	assert_int_equal(post_form(&admin, "/admin/structure/1/adulte", "role=accompagnateur&prenom=Julie&initiale=R&identifiant=julie.r&groupes=1", &r), 201);
	code = strstr(r.body, "Mot de passe provisoire</dt><dd><code>");
	assert_non_null(code);
	sscanf(code + strlen("Mot de passe provisoire</dt><dd><code>"), "%31[^<]", password);
	response_release(&r);
	assert_int_equal(strlen(password), 14);
	/* The same login again is refused with a message next to the field. */
	assert_int_equal(post_form(&admin, "/admin/structure/1/adulte", "role=accompagnateur&prenom=Julie&initiale=R&identifiant=julie.r", &r), 422);
	assert_non_null(strstr(r.body, "« julie.r » est déjà pris"));
	response_release(&r);

	client_init(&adult, &server);
	assert_int_equal(sign_in_adult(&adult, "julie.r", password), 0);
	client_get(&adult, "/groupe/1", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/compte");
	response_release(&r);
	csrf_of(&adult, "/compte", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s&actuel=%s&nouveau=court", csrf, password);
	client_post(&adult, "/compte/mot-de-passe", body, &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "10 caractères au moins"));
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&actuel=%s&nouveau=une+phrase+facile", csrf, password);
	client_post(&adult, "/compte/mot-de-passe", body, &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_get(&adult, "/groupe/1", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Léa"));
	response_release(&r);
	client_release(&adult);
	client_release(&admin);
}

static void deactivated_child_cannot_sign_in(void **state)
{
	const struct demo_account *yanis = server_account(&server, "Yanis D.");
	struct client admin, child;
	struct response r;
	long id = server_query_count(&server, "SELECT id FROM account WHERE first_name = 'Yanis'");
	char path[96];

	admin_client(&admin);
	snprintf(path, sizeof(path), "/admin/compte/%ld/desactiver", id);
	client_get(&admin, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Oui, désactiver"));
	response_release(&r);
	assert_int_equal(post_form(&admin, path, "", &r), 303);
	response_release(&r);
	client_init(&child, &server);
	assert_int_equal(child_sign_in(&child, id, yanis->secret), 404);
	client_get(&child, "/connexion/enfant/DEMO", &r);
	assert_null(strstr(r.body, "Yanis"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account WHERE first_name = 'Yanis' AND active = 0"), 1);

	snprintf(path, sizeof(path), "/admin/compte/%ld/reactiver", id);
	assert_int_equal(post_form(&admin, path, "", &r), 303);
	response_release(&r);
	assert_int_equal(child_sign_in(&child, id, yanis->secret), 303);
	client_release(&child);
	client_release(&admin);
}

static void cards_pdf_and_qr_sign_in(void **state)
{
	struct client admin, tablet;
	struct response r;
	char token[64], path[128];


	admin_client(&admin);
	client_get(&admin, "/admin/structure/1/cartes.pdf", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "application/pdf");
	assert_memory_equal(r.body, "%PDF", 4);
	response_release(&r);

	client_init(&tablet, &server);
	/* Read Chloé's card token from the database, as the QR code holds it. */
	{
		char err[256];
		struct db *db = db_open(server.db, err, sizeof(err));
		struct db_stmt *st = db_prepare(db, "SELECT card_token FROM account WHERE first_name = 'Chloé'");

		assert_int_equal(db_step(st), DB_ROW);
		snprintf(token, sizeof(token), "%s", db_column_text(st, 0));
		db_reset(st);
		db_close(db);
	}
	snprintf(path, sizeof(path), "/carte/%s", token);
	client_get(&tablet, path, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/eleve");
	response_release(&r);

	/* A new card needs a confirmation; then the old QR code stops working. */
	assert_int_equal(post_form(&admin, "/eleve/7/carte", "", &r), 422);
	response_release(&r);
	assert_int_equal(post_form(&admin, "/eleve/7/carte", "confirmer=oui", &r), 303);
	response_release(&r);
	client_release(&tablet);
	client_init(&tablet, &server);
	client_get(&tablet, path, &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "Cette carte ne marche plus"));
	response_release(&r);
	client_release(&tablet);
	client_release(&admin);
}

static void lock_and_unlock(void **state)
{
	const struct demo_account *adam = server_account(&server, "Adam T.");
	const struct demo_account *helper = server_account(&server, "accompagnateur");
	struct client child, adult;
	struct response r;
	char wrong[64];
	int i;

	/* A sequence that is surely wrong: Adam's pictures with the first changed. */
	snprintf(wrong, sizeof(wrong), "%s%s", strncmp(adam->secret, "chat", 4) == 0 ? "fleur" : "chat", strchr(adam->secret, ' '));
	client_init(&child, &server);
	for (i = 0; i < 5; i++)
		assert_int_equal(child_sign_in(&child, 8, wrong), 200);
	assert_int_equal(child_sign_in(&child, 8, adam->secret), 429);

	client_init(&adult, &server);
	assert_int_equal(sign_in_adult(&adult, helper->login, helper->secret), 0);
	client_get(&adult, "/groupe/1", &r);
	assert_non_null(strstr(r.body, "bloquée"));
	response_release(&r);
	assert_int_equal(post_form(&adult, "/eleve/8/debloquer", "", &r), 303);
	response_release(&r);
	assert_int_equal(child_sign_in(&child, 8, adam->secret), 303);
	client_release(&adult);
	client_release(&child);
}

/* A second structure with an administrateur who is also accompagnateur of
 * the demo's group: one person, two roles in two places. */
static void second_structure(void)
{
	char hash[PASSWORD_HASH_BYTES], sql[1024];

	assert_int_equal(password_hash("mot-de-passe-autre", hash), 0);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO structure (name, code, created_at) VALUES ('Maison de quartier des Tilleuls', 'TILLEULS', 0);"
		 "INSERT INTO class_group (structure_id, name) VALUES (2, 'Les Castors');"
		 "INSERT INTO account (structure_id, role, login, first_name, last_initial, level, avatar, secret_hash, active, created_at) "
		 "VALUES (2, 'eleve', 'tilleuls-timeo-b', 'Timéo', 'B.', 'CM2', 'ours', 'x', 1, 0);"
		 "INSERT INTO account (structure_id, role, login, first_name, last_initial, avatar, secret_hash, active, created_at) "
		 "VALUES (2, 'administrateur', 'admin.tilleuls', 'Nadia', 'K.', 'hibou', '%s', 1, 0);", hash);
	assert_int_equal(server_sql(&server, sql), 0);
	assert_int_equal(server_sql(&server,
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'administrateur', 2 FROM account WHERE login = 'admin.tilleuls';"
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'eleve', 2 FROM account WHERE login = 'tilleuls-timeo-b';"
		"INSERT INTO group_member (group_id, account_id) SELECT 2, id FROM account WHERE login = 'tilleuls-timeo-b';"), 0);
}

static void scope_of_each_adult(void **state)
{
	const struct demo_account *helper = server_account(&server, "accompagnateur");
	struct client other, follower;
	struct response r;
	long timeo;

	second_structure();
	timeo = server_query_count(&server, "SELECT id FROM account WHERE login = 'tilleuls-timeo-b'");
	client_init(&other, &server);
	assert_int_equal(sign_in_adult(&other, "admin.tilleuls", "mot-de-passe-autre"), 0);
	client_get(&other, "/admin/structure/1", &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "Léa"));
	response_release(&r);
	client_get(&other, "/admin/compte/3", &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "Léa"));
	response_release(&r);
	client_get(&other, "/eleve/3/carte", &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "Léa"));
	response_release(&r);
	client_get(&other, "/admin/structure/2", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Timéo"));
	assert_null(strstr(r.body, "Léa"));
	response_release(&r);
	client_get(&other, "/admin", &r);
	assert_null(strstr(r.body, "démonstration"));
	response_release(&r);

	/* Now the same person also follows the demo's group. */
	assert_int_equal(server_sql(&server,
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'accompagnateur', 1 FROM account WHERE login = 'admin.tilleuls';"
		"INSERT INTO group_member (group_id, account_id) SELECT 1, id FROM account WHERE login = 'admin.tilleuls';"), 0);
	client_release(&other);
	client_init(&other, &server);
	assert_int_equal(sign_in_adult(&other, "admin.tilleuls", "mot-de-passe-autre"), 0);
	client_get(&other, "/groupe/1", &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
	client_get(&other, "/admin/structure/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);

	/* The demo's accompagnateur sees neither the other structure nor its child. */
	client_init(&follower, &server);
	assert_int_equal(sign_in_adult(&follower, helper->login, helper->secret), 0);
	client_get(&follower, "/groupe/2", &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "Timéo"));
	response_release(&r);
	{
		char path[64];

		snprintf(path, sizeof(path), "/eleve/%ld/carte", timeo);
		client_get(&follower, path, &r);
		assert_int_equal(r.status, 404);
		assert_null(strstr(r.body, "Timéo"));
		response_release(&r);
	}
	client_release(&follower);
	client_release(&other);
}

static void sign_out_everywhere(void **state)
{
	const struct demo_account *helper = server_account(&server, "accompagnateur");
	struct client first, second;
	struct response r;

	client_init(&first, &server);
	client_init(&second, &server);
	assert_int_equal(sign_in_adult(&first, helper->login, helper->secret), 0);
	assert_int_equal(sign_in_adult(&second, helper->login, helper->secret), 0);
	assert_int_equal(post_form(&first, "/compte/deconnexion-partout", "", &r), 303);
	response_release(&r);
	client_get(&second, "/accueil", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/connexion");
	response_release(&r);
	client_release(&first);
	client_release(&second);
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
		cmocka_unit_test(child_created_signs_in),
		cmocka_unit_test(child_form_errors),
		cmocka_unit_test(group_name_checks),
		cmocka_unit_test(adult_created_must_change_password),
		cmocka_unit_test(deactivated_child_cannot_sign_in),
		cmocka_unit_test(cards_pdf_and_qr_sign_in),
		cmocka_unit_test(lock_and_unlock),
		cmocka_unit_test(scope_of_each_adult),
		cmocka_unit_test(sign_out_everywhere),
	};

	return cmocka_run_group_tests_name("http_accounts", tests, setup, teardown);
}
