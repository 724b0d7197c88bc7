/*
 * Every route of the route table, called as every role: a signed-out
 * visitor, a child, the demo's accompagnateur and administrateur, the
 * financeur, the opérateur and the tuteur. Three more people are out of the demo's
 * scope: an accompagnateur of another group, an administrateur of another
 * structure, and a person who follows the demo's group but manages another
 * structure.
 * A route that needs a capability the role lacks must return 403 (or send a
 * signed-out visitor to the sign-in page); a route whose path names an
 * object of the demo structure out of the person's scope must return 404
 * or 403. Neither shows any child's name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "auth/password.h"
#include "auth/roles.h"
#include "harness.h"
#include "http/router.h"

static struct server server;

static const char *const child_names[] = { "Léa", "Noah", "Inès", "Yanis", "Chloé", "Adam" };

/* Which objects of the demo structure a path names, or a person may reach.
 * Ordered: reaching the managed objects includes the followed ones. */
enum demo_reach {
	REACH_NONE,     /* nothing of the demo structure */
	REACH_FOLLOWED, /* the demo group "Les Hiboux" and its children */
	REACH_MANAGED,  /* the demo structure and every account of it */
};

/* Password of the accounts that setup() creates through the database. */
#define SETUP_PASSWORD "mot-de-passe-autre"

struct role_case {
	const char *name;     /* for failure messages */
	const char *roles[2]; /* roles granted, for the capabilities; none for a visitor */
	const char *account;  /* demo account (role or "Léa M."), or a login made by setup() */
	enum demo_reach reach;
};

static const struct role_case role_cases[] = {
	{ "visitor", { NULL }, NULL, REACH_NONE },
	{ "child", { "eleve" }, "Léa M.", REACH_NONE },
	{ "accompagnateur", { "accompagnateur" }, "accompagnateur", REACH_FOLLOWED },
	{ "administrateur", { "administrateur" }, "administrateur", REACH_MANAGED },
	{ "financeur", { "financeur" }, "financeur", REACH_NONE },
	{ "operateur", { "operateur" }, "operateur", REACH_MANAGED },
	{ "tuteur", { "tuteur" }, "tuteur", REACH_NONE },
	{ "accompagnateur of another group", { "accompagnateur" }, "anim.ecureuils", REACH_NONE },
	{ "administrateur of another structure", { "administrateur" }, "admin.tilleuls", REACH_NONE },
	{ "accompagnateur here, administrateur elsewhere", { "accompagnateur", "administrateur" }, "mixte.tilleuls", REACH_FOLLOWED },
};

static bool is_child(const struct role_case *rc)
{
	return rc->roles[0] && strcmp(rc->roles[0], "eleve") == 0;
}

static unsigned role_case_caps(const struct role_case *rc)
{
	unsigned caps = 0;
	size_t i;

	for (i = 0; i < 2 && rc->roles[i]; i++)
		caps |= role_capabilities(rc->roles[i]);
	return caps;
}

/* Replace each ":name" segment of the pattern with a real value. `named`
 * receives what of the demo structure the path names, and `exists` whether
 * every value names an existing object. */
static void route_path(const char *pattern, char *out, size_t size, enum demo_reach *named, bool *exists)
{
	static const struct {
		const char *prefix;
		const char *name;
		const char *value;
		enum demo_reach object;
		bool missing; /* no such object: 404 even in scope */
	} values[] = {
		/* Public sign-in pages: naming the demo is their purpose. */
		{ "/connexion/enfant/", ":code", "DEMO", REACH_NONE, false },
		{ "/connexion/enfant/", ":id", "3", REACH_NONE, false },
		{ "/activite/", ":id", "maths-ce2-nombres-jusqu-a-10000", REACH_NONE, false },
		{ "/resultat/", ":id", "1", REACH_NONE, false },
		{ "/eleve/matiere/", ":subject", "mathematiques", REACH_NONE, false },
		{ "/admin/structure/", ":id", "1", REACH_MANAGED, false },
		/* No pending import or import job has these ids: 404 in scope. */
		{ "/admin/structure/", ":pending", "999", REACH_MANAGED, true },
		{ "/admin/structure/", ":job", "999", REACH_MANAGED, true },
		/* Adam T., whom no role case signs in as: deactivating him is harmless. */
		{ "/admin/compte/", ":id", "8", REACH_MANAGED, false },
		{ "/eleve/", ":id", "8", REACH_FOLLOWED, false },
		{ "/groupe/", ":id", "1", REACH_FOLLOWED, false },
		{ "/carte/", ":token", "carte-inconnue", REACH_NONE, false },
		/* No conversation, message, ready-made answer or report has id 999. */
		{ "/tutorat/conversation/", ":id", "999", REACH_NONE, true },
		{ "/tutorat/message/", ":id", "999", REACH_NONE, true },
		{ "/tuteur/question/", ":id", "999", REACH_NONE, true },
		{ "/tuteur/reponses/", ":id", "999", REACH_NONE, true },
		{ "/operateur/tutorat/signalements/", ":id", "999", REACH_NONE, true },
		/* "Ville de Toulouse", the demo's financeur. */
		{ "/operateur/organisation/", ":id", "4", REACH_NONE, false },
		/* A methodology module serves every level. The test server's
		 * media folder is empty, so a media name is a 404 in scope. */
		{ "/ressource/", ":id", "methodo-apprendre-une-lecon", REACH_NONE, false },
		{ "/media/", ":name", "absente.png", REACH_NONE, true },
		/* No package has this id: 409 for the opérateur. */
		{ "/operateur/contenu/", ":id", "999", REACH_NONE, true },
		/* The offer: the demo has no licence request, document or
		 * training session, so these ids are missing. */
		{ "/offre/demande/", ":id", "999", REACH_NONE, true },
		{ "/offre/document/", ":id", "999", REACH_NONE, true },
		{ "/offre/formation/", ":id", "999", REACH_NONE, true },
		{ "/offre/formation/", ":account", "2", REACH_NONE, true },
		{ "/formation/module/", ":id", "formation-prendre-en-main", REACH_NONE, false },
		{ "/formation/session/", ":id", "999", REACH_NONE, true },
		/* Indicators: a financeur's organisation answers 404 out of scope;
		 * structures and groups are for their administrateurs. */
		{ "/statistiques/organisation/", ":organisation", "4", REACH_NONE, false },
		{ "/statistiques/structure/", ":structure", "1", REACH_MANAGED, false },
		{ "/statistiques/groupe/", ":group", "1", REACH_MANAGED, false },
		/* The demo has no survey: 404 in scope. */
		{ "/enquetes/", ":survey", "999", REACH_NONE, true },
		{ "/enquete/", ":survey", "999", REACH_NONE, true },
		/* The demo has no ENT, LTI platform or import: 404 in scope. */
		{ "/cas/", ":id", "999", REACH_NONE, true },
		{ "/operateur/ent/", ":id", "999", REACH_NONE, true },
		{ "/operateur/lti/", ":id", "999", REACH_NONE, true },
		{ "/lti/choix/", ":token", "choix-inconnu", REACH_NONE, true },
	};
	const char *p = pattern;
	size_t n = 0, i;

	*named = REACH_NONE;
	*exists = true;
	while (*p && n + 1 < size) {
		if (*p != ':') {
			out[n++] = *p++;
			continue;
		}
		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			size_t len = strlen(values[i].name);
			if (strncmp(pattern, values[i].prefix, strlen(values[i].prefix)) == 0 &&
			    strncmp(p, values[i].name, len) == 0 && (p[len] == '/' || p[len] == '\0')) {
				n += (size_t)snprintf(out + n, size - n, "%s", values[i].value);
				p += len;
				if (values[i].object > *named)
					*named = values[i].object;
				*exists = *exists && !values[i].missing;
				break;
			}
		}
		assert_true(i < sizeof(values) / sizeof(values[0])); /* a new parameter needs a value above */
	}
	out[n] = '\0';
}

static void sign_in(struct client *c, const struct role_case *rc)
{
	const struct demo_account *a;

	if (!rc->roles[0])
		return;
	if (is_child(rc)) {
		assert_int_equal(sign_in_child(c, rc->account), 0);
		return;
	}
	a = server_account(&server, rc->account);
	if (!a) {
		if (sign_in_adult(c, rc->account, SETUP_PASSWORD) != 0)
			fail_msg("%s: sign-in as %s failed", rc->name, rc->account);
		return;
	}
	if (sign_in_adult(c, a->login, a->secret) != 0)
		fail_msg("%s: sign-in as %s failed", rc->name, a->login);
}

/* A CSRF token valid for this client: the session's, or the cookie's. */
static void csrf_token(struct client *c, const struct role_case *rc, char *out, size_t size)
{
	struct response r;

	client_get(c, !rc->roles[0] ? "/connexion" : is_child(rc) ? "/eleve" : "/accueil", &r);
	assert_int_equal(page_hidden(&r, "csrf", out, size), 0);
	response_release(&r);
}

/* Fail when the body shows a demo child's name; a child may see their own. */
static void check_no_child_name(const char *what, const struct role_case *rc, const char *body)
{
	size_t i;

	for (i = 0; i < sizeof(child_names) / sizeof(child_names[0]); i++)
		if (strstr(body, child_names[i]) && !(is_child(rc) && strcmp(child_names[i], "Léa") == 0))
			fail_msg("%s: page shows the name %s", what, child_names[i]);
}

static void check_route(const struct route *route, const struct role_case *rc)
{
	bool signed_in = rc->roles[0] != NULL;
	bool capable = (role_case_caps(rc) & route->caps) == route->caps;
	enum demo_reach named;
	bool in_scope, exists;
	char path[256], csrf[64], body[128], what[512];
	struct client c;
	struct response r;

	route_path(route->pattern, path, sizeof(path), &named, &exists);
	in_scope = route->caps == CAP_NONE || rc->reach >= named;
	snprintf(what, sizeof(what), "%s %s as %s", route->method, path, rc->name);
	client_init(&c, &server);
	sign_in(&c, rc);
	if (strcmp(route->method, "POST") == 0) {
		csrf_token(&c, rc, csrf, sizeof(csrf));
		snprintf(body, sizeof(body), "csrf=%s", csrf);
		client_post(&c, path, body, &r);
	} else {
		client_get(&c, path, &r);
	}
	if (capable && in_scope && named != REACH_NONE && exists && strcmp(route->method, "GET") == 0) {
		/* Tells a scope check that wrongly rejects apart from a missing object. */
		if (r.status != 200)
			fail_msg("%s: in scope, expected 200, got %ld", what, r.status);
	} else if (capable && in_scope) {
		if (r.status == 401 || r.status == 403 || r.status >= 500)
			fail_msg("%s: expected access, got %ld", what, r.status);
	} else if (capable) {
		if (r.status != 404 && r.status != 403)
			fail_msg("%s: out of scope, expected 404 or 403, got %ld", what, r.status);
	} else if (!signed_in && strcmp(route->method, "GET") == 0) {
		if (r.status != 303 || strcmp(r.location, "/connexion") != 0)
			fail_msg("%s: expected a redirect to /connexion, got %ld %s", what, r.status, r.location);
	} else if (r.status != (signed_in ? 403 : 401)) {
		fail_msg("%s: expected %d, got %ld", what, signed_in ? 403 : 401, r.status);
	}
	/* Public pages list the children who may sign in, by design. */
	if (!capable || !in_scope || (route->caps != CAP_NONE && rc->reach == REACH_NONE))
		check_no_child_name(what, rc, r.body);
	response_release(&r);
	client_release(&c);
}

static void every_route_every_role(void **state)
{
	size_t i, k;

	assert_true(route_count > 10);
	for (i = 0; i < route_count; i++)
		for (k = 0; k < sizeof(role_cases) / sizeof(role_cases[0]); k++)
			check_route(&routes[i], &role_cases[k]);
}

/* The routes a signed-out visitor may use, written out here so that a
 * route made public by mistake in the table fails this test. */
static bool meant_public(const struct route *route)
{
	static const char *const public_routes[] = {
		"GET /", "GET /sante", "GET /connexion", "POST /connexion/adulte", "GET /connexion/enfant",
		"GET /connexion/enfant/:code", "GET /connexion/enfant/:code/:id", "POST /connexion/enfant/:code/:id",
		"GET /carte/:token", "GET /ecouter",
		/* Families answer a survey with its code, without an account. */
		"GET /famille/enquete", "POST /famille/enquete",
		"GET /cas/:id", "GET /cas/:id/retour",
		"GET /.well-known/jwks.json", "GET /lti/connexion", "POST /lti/connexion", "POST /lti/lancement",
	};
	char key[256];
	size_t i;

	snprintf(key, sizeof(key), "%s %s", route->method, route->pattern);
	for (i = 0; i < sizeof(public_routes) / sizeof(public_routes[0]); i++)
		if (strcmp(key, public_routes[i]) == 0)
			return true;
	return false;
}

static void public_routes_are_known(void **state)
{
	size_t i;

	for (i = 0; i < route_count; i++)
		if ((routes[i].caps == CAP_NONE) != meant_public(&routes[i]))
			fail_msg("%s %s: public in the table = %d, expected %d", routes[i].method, routes[i].pattern,
				 routes[i].caps == CAP_NONE, meant_public(&routes[i]));
}

static void every_route_declares_scope(void **state)
{
	size_t i;

	for (i = 0; i < route_count; i++) {
		assert_non_null(routes[i].scope);
		assert_true(strlen(routes[i].scope) > 0);
		assert_true(strcmp(routes[i].method, "GET") == 0 || strcmp(routes[i].method, "POST") == 0);
	}
}

/* The people out of the demo's scope: a second group of the demo structure
 * with its own accompagnateur, a second structure with its administrateur,
 * and a person who follows the demo's group and manages the second
 * structure. */
static void out_of_scope_people(void)
{
	char hash[PASSWORD_HASH_BYTES], sql[2048];

	assert_int_equal(password_hash(SETUP_PASSWORD, hash), 0);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO class_group (structure_id, name) VALUES (1, 'Les Écureuils');"
		 "INSERT INTO structure (name, code, created_at) VALUES ('Maison de quartier des Tilleuls', 'TILLEULS', 0);"
		 "INSERT INTO account (structure_id, role, login, first_name, last_initial, avatar, secret_hash, active, created_at) "
		 "VALUES (1, 'accompagnateur', 'anim.ecureuils', 'Bérénice', 'F.', 'hibou', '%s', 1, 0);"
		 "INSERT INTO account (structure_id, role, login, first_name, last_initial, avatar, secret_hash, active, created_at) "
		 "SELECT id, 'administrateur', 'admin.tilleuls', 'Nadia', 'K.', 'hibou', '%s', 1, 0 FROM structure WHERE code = 'TILLEULS';"
		 "INSERT INTO account (structure_id, role, login, first_name, last_initial, avatar, secret_hash, active, created_at) "
		 "VALUES (1, 'accompagnateur', 'mixte.tilleuls', 'Gaspard', 'J.', 'hibou', '%s', 1, 0);",
		 hash, hash, hash);
	assert_int_equal(server_sql(&server, sql), 0);
	assert_int_equal(server_sql(&server,
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'accompagnateur', 1 FROM account WHERE login = 'anim.ecureuils';"
		"INSERT INTO group_member (group_id, account_id) SELECT g.id, a.id FROM class_group g, account a "
		"WHERE g.name = 'Les Écureuils' AND a.login = 'anim.ecureuils';"
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'administrateur', structure_id FROM account WHERE login = 'admin.tilleuls';"
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'accompagnateur', 1 FROM account WHERE login = 'mixte.tilleuls';"
		"INSERT INTO group_member (group_id, account_id) SELECT 1, id FROM account WHERE login = 'mixte.tilleuls';"
		"INSERT INTO role_grant (account_id, role, structure_id) SELECT a.id, 'administrateur', s.id FROM account a, structure s "
		"WHERE a.login = 'mixte.tilleuls' AND s.code = 'TILLEULS';"), 0);
}

static int setup(void **state)
{
	server_start(&server);
	out_of_scope_people();
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
		cmocka_unit_test(every_route_declares_scope),
		cmocka_unit_test(public_routes_are_known),
		cmocka_unit_test(every_route_every_role),
	};

	return cmocka_run_group_tests_name("http_routes", tests, setup, teardown);
}
