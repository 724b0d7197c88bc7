/* The opérateur's pages: the organisation tree, new organisations and
 * structures with their checks, financeur accounts, and who may use them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

static struct server server;

static const char *const child_names[] = { "Léa", "Noah", "Inès", "Yanis", "Chloé", "Adam" };

/* Counts that a refused form must leave unchanged. */
struct written {
	long organisations;
	long structures;
	long accounts;
	long grants;
	long audit;
};

static void written_now(struct written *w)
{
	w->organisations = server_query_count(&server, "SELECT count(*) FROM organisation");
	w->structures = server_query_count(&server, "SELECT count(*) FROM structure");
	w->accounts = server_query_count(&server, "SELECT count(*) FROM account");
	w->grants = server_query_count(&server, "SELECT count(*) FROM role_grant");
	w->audit = server_query_count(&server, "SELECT count(*) FROM audit_log");
}

static void assert_nothing_written(const struct written *before)
{
	struct written now;

	written_now(&now);
	assert_int_equal(now.organisations, before->organisations);
	assert_int_equal(now.structures, before->structures);
	assert_int_equal(now.accounts, before->accounts);
	assert_int_equal(now.grants, before->grants);
	assert_int_equal(now.audit, before->audit);
}

static void assert_no_child_name(const char *what, const char *body)
{
	size_t i;

	for (i = 0; i < sizeof(child_names) / sizeof(child_names[0]); i++)
		if (strstr(body, child_names[i]))
			fail_msg("%s shows the name %s", what, child_names[i]);
}

static void demo_client(struct client *c, const char *role)
{
	const struct demo_account *a = server_account(&server, role);

	assert_non_null(a);
	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

static long post_form(struct client *c, const char *path, const char *fields, struct response *r)
{
	char csrf[64], body[2048];
	struct response page;

	client_get(c, "/accueil", &page);
	assert_int_equal(page_hidden(&page, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&page);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	client_post(c, path, body, r);
	return r->status;
}

/* POST a form that must be refused with 422 and `message`, writing nothing. */
static void refused(struct client *c, const char *path, const char *fields, const char *message)
{
	struct written before;
	struct response r;

	written_now(&before);
	if (post_form(c, path, fields, &r) != 422)
		fail_msg("POST %s %s: expected 422, got %ld", path, fields, r.status);
	if (!strstr(r.body, message))
		fail_msg("POST %s %s: message \"%s\" missing", path, fields, message);
	assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
	response_release(&r);
	assert_nothing_written(&before);
}

static long organisation_id(const char *name)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT id FROM organisation WHERE name = '%s'", name);
	return server_query_count(&server, sql);
}

static void demo_tree_shown(void **state)
{
	struct client op;
	struct response r;

	demo_client(&op, "operateur");
	client_get(&op, "/accueil", &r);
	assert_non_null(strstr(r.body, "href=\"/operateur\""));
	response_release(&r);
	client_get(&op, "/operateur", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Ardoise (opérateur national)"));
	assert_non_null(strstr(r.body, "Académie de Toulouse"));
	assert_non_null(strstr(r.body, "Haute-Garonne"));
	assert_non_null(strstr(r.body, "Ville de Toulouse"));
	assert_non_null(strstr(r.body, "Association de démonstration"));
	assert_non_null(strstr(r.body, "6 élèves"));
	assert_no_child_name("/operateur", r.body);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM structure s JOIN organisation o ON o.id = s.financeur_id "
						     "WHERE s.code = 'DEMO' AND o.code = '31555' AND o.kind = 'financeur'"), 1);
	client_release(&op);
}

static void tree_created_level_by_level(void **state)
{
	struct client op;
	struct response r;
	char fields[512];
	long academie, departement, financeur;
	long audit = server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'create'");

	demo_client(&op, "operateur");
	assert_int_equal(post_form(&op, "/operateur/organisation", "type=academie&parent=1&nom=Acad%C3%A9mie+de+Bordeaux&code=", &r), 303);
	response_release(&r);
	academie = organisation_id("Académie de Bordeaux");
	assert_true(academie > 0);
	snprintf(fields, sizeof(fields), "type=departement&parent=%ld&nom=Gironde&code=33", academie);
	assert_int_equal(post_form(&op, "/operateur/organisation", fields, &r), 303);
	response_release(&r);
	departement = organisation_id("Gironde");
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM organisation WHERE name = 'Gironde' AND code = '33' AND kind = 'departement'"), 1);
	snprintf(fields, sizeof(fields), "type=financeur&parent=%ld&nom=Ville+de+Bordeaux&code=33063", departement);
	assert_int_equal(post_form(&op, "/operateur/organisation", fields, &r), 303);
	response_release(&r);
	financeur = organisation_id("Ville de Bordeaux");
	assert_true(financeur > 0);

	snprintf(fields, sizeof(fields), "nom=%%C3%%89cole+Jules+Ferry&type=ecole&financeur=%ld&code=ferry-bdx&uai=0330001x&insee=33063", financeur);
	assert_int_equal(post_form(&op, "/operateur/structure", fields, &r), 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM structure WHERE code = 'FERRY-BDX' AND kind = 'ecole' "
						     "AND uai = '0330001X' AND commune_insee = '33063'"), 1);
	/* One audit line for each of the four. */
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'create'"), audit + 4);

	/* The tree shows the new branch and links to the structure's first administrateur. */
	client_get(&op, "/operateur", &r);
	assert_non_null(strstr(r.body, "Gironde"));
	assert_non_null(strstr(r.body, "École Jules Ferry"));
	assert_non_null(strstr(r.body, "Créer le premier administrateur"));
	response_release(&r);
	client_release(&op);
}

static void first_administrateur_of_new_structure(void **state)
{
	struct client op, admin;
	struct response r;
	char fields[256], path[96], password[32] = "", link[128];
	const char *code;
	long financeur = organisation_id("Ville de Toulouse"), structure;

	demo_client(&op, "operateur");
	snprintf(fields, sizeof(fields), "nom=Maison+des+Pins&type=maison-de-quartier&financeur=%ld&code=PINS&uai=&insee=", financeur);
	assert_int_equal(post_form(&op, "/operateur/structure", fields, &r), 303);
	response_release(&r);
	structure = server_query_count(&server, "SELECT id FROM structure WHERE code = 'PINS'");
	assert_true(structure > 0);
	client_get(&op, "/operateur", &r);
	snprintf(link, sizeof(link), "href=\"/admin/structure/%ld/adulte\"", structure);
	assert_non_null(strstr(r.body, link));
	response_release(&r);

	snprintf(path, sizeof(path), "/admin/structure/%ld/adulte", structure);
	assert_int_equal(post_form(&op, path, "role=administrateur&prenom=Roxane&initiale=P&identifiant=roxane.p", &r), 201);
	code = strstr(r.body, "Mot de passe provisoire</dt><dd><code>");
	assert_non_null(code);
	sscanf(code + strlen("Mot de passe provisoire</dt><dd><code>"), "%31[^<]", password);
	response_release(&r);
	client_init(&admin, &server);
	assert_int_equal(sign_in_adult(&admin, "roxane.p", password), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM role_grant g JOIN account a ON a.id = g.account_id "
						     "WHERE a.login = 'roxane.p' AND g.role = 'administrateur'"), 1);
	client_release(&admin);
	client_release(&op);
}

static void organisation_bad_input(void **state)
{
	struct client op;
	char fields[256];
	long academie = organisation_id("Académie de Toulouse"), departement = organisation_id("Haute-Garonne");

	demo_client(&op, "operateur");
	refused(&op, "/operateur/organisation", "type=region&parent=1&nom=Occitanie&code=", "Type d&#39;organisation inconnu « region »");
	refused(&op, "/operateur/organisation", "type=academie&parent=&nom=Acad%C3%A9mie+de+Lyon&code=", "Choisissez l&#39;organisation au-dessus");
	/* A département hangs under an académie, not under the opérateur root. */
	refused(&op, "/operateur/organisation", "type=departement&parent=1&nom=Ari%C3%A8ge&code=09", "Un département se place sous une académie");
	snprintf(fields, sizeof(fields), "type=financeur&parent=%ld&nom=Ville+de+Foix&code=", academie);
	refused(&op, "/operateur/organisation", fields, "Un financeur se place sous un département");
	snprintf(fields, sizeof(fields), "type=departement&parent=%ld&nom=Corse&code=20", academie);
	refused(&op, "/operateur/organisation", fields, "« 20 » n&#39;est pas un numéro de département");
	snprintf(fields, sizeof(fields), "type=departement&parent=%ld&nom=Nulle+part&code=975", academie);
	refused(&op, "/operateur/organisation", fields, "« 975 » n&#39;est pas un numéro de département");
	snprintf(fields, sizeof(fields), "type=departement&parent=%ld&nom=Doublon&code=31", academie);
	refused(&op, "/operateur/organisation", fields, "Le département 31 existe déjà");
	snprintf(fields, sizeof(fields), "type=departement&parent=%ld&nom=&code=", academie);
	refused(&op, "/operateur/organisation", fields, "Écrivez le nom.");
	snprintf(fields, sizeof(fields), "type=financeur&parent=%ld&nom=Ville+de+Paris&code=75056", departement);
	refused(&op, "/operateur/organisation", fields, "La commune 75056 n&#39;est pas dans le département 31");
	snprintf(fields, sizeof(fields), "type=financeur&parent=%ld&nom=Ville+de+Muret&code=3139", departement);
	refused(&op, "/operateur/organisation", fields, "« 3139 » n&#39;est pas un code INSEE de commune");
	client_release(&op);
}

static void organisation_codes_accepted(void **state)
{
	struct client op;
	struct response r;
	char fields[256];
	long academie = organisation_id("Académie de Toulouse");

	demo_client(&op, "operateur");
	/* Lower case is accepted and stored upper-cased. */
	snprintf(fields, sizeof(fields), "type=departement&parent=%ld&nom=Haute-Corse&code=2b", academie);
	assert_int_equal(post_form(&op, "/operateur/organisation", fields, &r), 303);
	response_release(&r);
	snprintf(fields, sizeof(fields), "type=departement&parent=%ld&nom=La+R%%C3%%A9union&code=974", academie);
	assert_int_equal(post_form(&op, "/operateur/organisation", fields, &r), 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM organisation WHERE kind = 'departement' AND code IN ('2B', '974')"), 2);
	client_release(&op);
}

static void structure_bad_input(void **state)
{
	struct client op;
	char fields[256];
	long financeur = organisation_id("Ville de Toulouse"), departement = organisation_id("Haute-Garonne");

	demo_client(&op, "operateur");
	snprintf(fields, sizeof(fields), "nom=Garderie&type=garderie&financeur=%ld&code=GARDE&uai=&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "Type de structure inconnu « garderie »");
	snprintf(fields, sizeof(fields), "nom=Autre+d%%C3%%A9mo&type=association&financeur=%ld&code=demo&uai=&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "Le code « DEMO » est déjà pris");
	snprintf(fields, sizeof(fields), "nom=Accents&type=association&financeur=%ld&code=%%C3%%89T%%C3%%89&uai=&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "contient un caractère non permis");
	snprintf(fields, sizeof(fields), "nom=Trop+long&type=association&financeur=%ld&code=ABCDEFGHIJKLMNOPQ&uai=&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "Écrivez le code de connexion");
	snprintf(fields, sizeof(fields), "nom=Coll%%C3%%A8ge+Fermat&type=college&financeur=%ld&code=FERMAT&uai=0310036X&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "Le numéro UAI « 0310036X » n&#39;est pas valide");
	snprintf(fields, sizeof(fields), "nom=Coll%%C3%%A8ge+Fermat&type=college&financeur=%ld&code=FERMAT&uai=31003&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "Le numéro UAI « 31003 » n&#39;est pas valide");
	snprintf(fields, sizeof(fields), "nom=%%C3%%89cole+sans+UAI&type=ecole&financeur=%ld&code=SANSUAI&uai=&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "Écrivez le numéro UAI");
	snprintf(fields, sizeof(fields), "nom=Club&type=association&financeur=%ld&code=CLUB&uai=0310036W&insee=", financeur);
	refused(&op, "/operateur/structure", fields, "Seules les écoles et les collèges ont un numéro UAI");
	/* The financeur must be an organisation of kind financeur. */
	snprintf(fields, sizeof(fields), "nom=Club&type=association&financeur=%ld&code=CLUB&uai=&insee=", departement);
	refused(&op, "/operateur/structure", fields, "Choisissez le financeur de la structure");
	snprintf(fields, sizeof(fields), "nom=Club&type=association&financeur=%ld&code=CLUB&uai=&insee=2C001", financeur);
	refused(&op, "/operateur/structure", fields, "« 2C001 » n&#39;est pas un code INSEE");
	client_release(&op);
}

/* Replace the temporary password of a new adult with `chosen`. */
static void change_password(struct client *c, const char *temporary, const char *chosen)
{
	struct response r;
	char csrf[64], body[256];

	client_get(c, "/compte", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&actuel=%s&nouveau=%s", csrf, temporary, chosen);
	client_post(c, "/compte/mot-de-passe", body, &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
}

static void financeur_account_sees_no_child(void **state)
{
	static const char *const paths[] = {
		"/", "/accueil", "/compte", "/admin", "/admin/structure/1", "/admin/compte/3", "/groupe/1",
		"/eleve/3/carte", "/eleve/3/carte.pdf", "/admin/structure/1/cartes.pdf", "/operateur", "/eleve",
	};
	struct client op, fin;
	struct response r;
	char path[96], password[32] = "";
	const char *code;
	long financeur = organisation_id("Ville de Toulouse");
	size_t i;

	demo_client(&op, "operateur");
	snprintf(path, sizeof(path), "/operateur/organisation/%ld/financeur", financeur);
	client_get(&op, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Ville de Toulouse"));
	response_release(&r);
	refused(&op, path, "prenom=Sophie&initiale=L&identifiant=Sophie+L", "doit commencer par une lettre minuscule");
	refused(&op, path, "prenom=&initiale=L&identifiant=sophie.l", "Écrivez le prénom.");
	refused(&op, path, "prenom=Sophie&initiale=L&identifiant=admin.demo", "« admin.demo » est déjà pris");
	assert_int_equal(post_form(&op, path, "prenom=Sophie&initiale=L&identifiant=sophie.l", &r), 201);
	code = strstr(r.body, "Mot de passe provisoire</dt><dd><code>");
	assert_non_null(code);
	sscanf(code + strlen("Mot de passe provisoire</dt><dd><code>"), "%31[^<]", password);
	response_release(&r);
	assert_int_equal(strlen(password), 14);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM role_grant g JOIN account a ON a.id = g.account_id "
						     "JOIN organisation o ON o.id = g.organisation_id WHERE a.login = 'sophie.l' "
						     "AND g.role = 'financeur' AND o.name = 'Ville de Toulouse' AND a.structure_id IS NULL"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE target_kind = 'financeur' AND details = 'sophie.l'"), 1);
	/* Only financeur organisations get financeur accounts. */
	snprintf(path, sizeof(path), "/operateur/organisation/%ld/financeur", organisation_id("Haute-Garonne"));
	client_get(&op, path, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&op);

	client_init(&fin, &server);
	assert_int_equal(sign_in_adult(&fin, "sophie.l", password), 0);
	change_password(&fin, password, "une+phrase+facile");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		client_get(&fin, paths[i], &r);
		if (r.status >= 500 || r.status == 401)
			fail_msg("GET %s as a financeur: got %ld", paths[i], r.status);
		assert_no_child_name(paths[i], r.body);
		response_release(&r);
	}
	client_get(&fin, "/admin/structure/1", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&fin);
}

static void operator_pages_forbidden_to_others(void **state)
{
	static const char *const roles[] = { "administrateur", "accompagnateur", "financeur" };
	static const char *const pages[] = { "/operateur", "/operateur/organisation", "/operateur/structure", "/operateur/organisation/4/financeur" };
	struct written before;
	struct client c;
	struct response r;
	size_t i, k;

	written_now(&before);
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		demo_client(&c, roles[i]);
		for (k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
			client_get(&c, pages[k], &r);
			if (r.status != 403)
				fail_msg("GET %s as %s: expected 403, got %ld", pages[k], roles[i], r.status);
			response_release(&r);
		}
		assert_int_equal(post_form(&c, "/operateur/organisation", "type=academie&parent=1&nom=Intrus&code=", &r), 403);
		response_release(&r);
		assert_int_equal(post_form(&c, "/operateur/structure", "nom=Intrus&type=association&financeur=4&code=INTRUS", &r), 403);
		response_release(&r);
		client_release(&c);
	}
	assert_nothing_written(&before);
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

/* `ardoise init --operateur LOGIN` creates the first opérateur of an
 * installation, whose temporary password must be changed at sign-in. */
static void first_operator_from_init(void **state)
{
	const char *bin = getenv("ARDOISE_BIN") ? getenv("ARDOISE_BIN") : "build/ardoise";
	char command[1024], line[512], password[32] = "";
	struct client c;
	struct response r;
	FILE *out;

	snprintf(command, sizeof(command), "%s init --db '%s' --operateur premier.operateur 2>&1", bin, server.db);
	out = popen(command, "r");
	assert_non_null(out);
	while (fgets(line, sizeof(line), out)) {
		const char *p = strstr(line, "mot de passe provisoire ");
		if (p)
			sscanf(p + strlen("mot de passe provisoire "), "%31s", password);
	}
	assert_int_equal(pclose(out), 0);
	assert_int_equal(strlen(password), 14);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM role_grant g JOIN account a ON a.id = g.account_id "
						     "WHERE a.login = 'premier.operateur' AND g.role = 'operateur'"), 1);
	client_init(&c, &server);
	assert_int_equal(sign_in_adult(&c, "premier.operateur", password), 0);
	client_get(&c, "/operateur", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/compte");
	response_release(&r);
	client_release(&c);
	/* The same login twice is refused, with exit status 1. */
	out = popen(command, "r");
	while (out && fgets(line, sizeof(line), out))
		;
	assert_int_equal(WEXITSTATUS(pclose(out)), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_tree_shown),
		cmocka_unit_test(operator_pages_forbidden_to_others),
		cmocka_unit_test(organisation_bad_input),
		cmocka_unit_test(organisation_codes_accepted),
		cmocka_unit_test(structure_bad_input),
		cmocka_unit_test(tree_created_level_by_level),
		cmocka_unit_test(first_administrateur_of_new_structure),
		cmocka_unit_test(financeur_account_sees_no_child),
		cmocka_unit_test(first_operator_from_init),
	};

	return cmocka_run_group_tests_name("http_operator", tests, setup, teardown);
}
