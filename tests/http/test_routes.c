/*
 * Every route of the route table, called as every role: a signed-out
 * visitor, a child, an accompagnateur and an administrateur. A route that
 * needs a capability the role lacks must answer 403 (or send a signed-out
 * visitor to the sign-in page) without showing any child's name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "harness.h"
#include "http/router.h"

static struct server server;

static const char *const child_names[] = { "Léa", "Noah", "Inès", "Yanis", "Chloé", "Adam" };

struct role_case {
	const char *role;    /* account.role, or NULL for a signed-out visitor */
	const char *account; /* demo account to sign in with */
};

static const struct role_case role_cases[] = {
	{ NULL, NULL },
	{ "eleve", "Léa M." },
	{ "accompagnateur", "accompagnateur" },
	{ "administrateur", "administrateur" },
};

/* Replace each ":name" segment of the pattern with a real value. */
static void route_path(const char *pattern, char *out, size_t size)
{
	static const struct {
		const char *prefix;
		const char *name;
		const char *value;
	} values[] = {
		{ "/connexion/enfant/", ":code", "DEMO" },
		{ "/connexion/enfant/", ":id", "3" },
		{ "/activite/", ":id", "maths-ce2-nombres-jusqu-a-10000" },
		{ "/resultat/", ":id", "1" },
		{ "/eleve/matiere/", ":subject", "mathematiques" },
		{ "/admin/structure/", ":id", "1" },
		/* Adam T., whom no role case signs in as: deactivating him is harmless. */
		{ "/admin/compte/", ":id", "8" },
		{ "/eleve/", ":id", "8" },
		{ "/groupe/", ":id", "1" },
		{ "/carte/", ":token", "carte-inconnue" },
	};
	const char *p = pattern;
	size_t n = 0, i;

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

	if (!rc->role)
		return;
	if (strcmp(rc->role, "eleve") == 0) {
		assert_int_equal(sign_in_child(c, rc->account), 0);
		return;
	}
	a = server_account(&server, rc->account);
	assert_non_null(a);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

/* A CSRF token valid for this client: the session's, or the cookie's. */
static void csrf_token(struct client *c, const struct role_case *rc, char *out, size_t size)
{
	struct response r;

	client_get(c, !rc->role ? "/connexion" : strcmp(rc->role, "eleve") == 0 ? "/eleve" : "/accueil", &r);
	assert_int_equal(page_hidden(&r, "csrf", out, size), 0);
	response_release(&r);
}

static void check_route(const struct route *route, const struct role_case *rc)
{
	unsigned caps = rc->role ? role_capabilities(rc->role) : 0;
	bool allowed = (caps & route->caps) == route->caps;
	char path[256], csrf[64], body[128], what[512];
	struct client c;
	struct response r;
	size_t i;

	route_path(route->pattern, path, sizeof(path));
	snprintf(what, sizeof(what), "%s %s as %s", route->method, path, rc->role ? rc->role : "visitor");
	client_init(&c, &server);
	sign_in(&c, rc);
	if (strcmp(route->method, "POST") == 0) {
		csrf_token(&c, rc, csrf, sizeof(csrf));
		snprintf(body, sizeof(body), "csrf=%s", csrf);
		client_post(&c, path, body, &r);
	} else {
		client_get(&c, path, &r);
	}
	if (allowed) {
		if (r.status == 401 || r.status == 403 || r.status >= 500)
			fail_msg("%s: expected access, got %ld", what, r.status);
	} else if (!rc->role && strcmp(route->method, "GET") == 0) {
		if (r.status != 303 || strcmp(r.location, "/connexion") != 0)
			fail_msg("%s: expected a redirect to /connexion, got %ld %s", what, r.status, r.location);
	} else if (r.status != (rc->role ? 403 : 401)) {
		fail_msg("%s: expected %d, got %ld", what, rc->role ? 403 : 401, r.status);
	}
	if (!allowed)
		for (i = 0; i < sizeof(child_names) / sizeof(child_names[0]); i++)
			if (strstr(r.body, child_names[i]) && !(rc->role && strcmp(rc->role, "eleve") == 0 && strcmp(child_names[i], "Léa") == 0))
				fail_msg("%s: refused page shows the name %s", what, child_names[i]);
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
		"GET /carte/:token",
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
		cmocka_unit_test(every_route_declares_scope),
		cmocka_unit_test(public_routes_are_known),
		cmocka_unit_test(every_route_every_role),
	};

	return cmocka_run_group_tests_name("http_routes", tests, setup, teardown);
}
