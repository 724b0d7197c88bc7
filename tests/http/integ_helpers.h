/*
 * integ_helpers: helpers shared by the tests of the school-system
 * integrations (CAS, LTI, xAPI, exercise import).
 */
#ifndef ARDOISE_TESTS_INTEG_HELPERS_H
#define ARDOISE_TESTS_INTEG_HELPERS_H

#include <stdio.h>
#include <string.h>

#include "harness.h"

/* POST `fields` to `path` with the CSRF token of the signed-in client. */
static __attribute__((unused)) long integ_post_form(struct client *c, const char *path, const char *fields, struct response *r)
{
	char csrf[64], body[4096];
	struct response page;

	client_get(c, "/accueil", &page);
	assert_int_equal(page_hidden(&page, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&page);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	client_post(c, path, body, r);
	return r->status;
}

/* True when a line of the server's log contains `text`. */
static __attribute__((unused)) int integ_log_has(const struct server *s, const char *text)
{
	FILE *f = fopen(s->log, "r");
	char line[2048];
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, text) != NULL;
	if (f)
		fclose(f);
	return found;
}

/* Sign in as the demo account of `role`. */
static __attribute__((unused)) void integ_demo_client(struct server *s, struct client *c, const char *role)
{
	const struct demo_account *a = server_account(s, role);

	assert_non_null(a);
	client_init(c, s);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

#endif
