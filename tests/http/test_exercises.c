/* The opérateur's exercise import page: a GIFT file is converted with its
 * report, a broken file is refused, and nobody else may use the page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "integ_helpers.h"

static struct server server;

static size_t body_add(char *data, size_t size, size_t n, void *user)
{
	struct response *r = user;
	char *grown = realloc(r->body, r->len + size * n + 1);

	if (!grown)
		return 0;
	r->body = grown;
	memcpy(r->body + r->len, data, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return size * n;
}

/* POST the file at `path` to the import page, with the CSRF token. */
static long upload(struct client *c, const char *name, const char *data, size_t len, struct response *r)
{
	curl_mime *mime = curl_mime_init(c->curl);
	struct response page;
	char csrf[64], url[256];
	curl_mimepart *part;
	const char *fields[][2] = { { "csrf", csrf }, { "matiere", "francais" }, { "niveau", "CM2" } };
	size_t i;

	client_get(c, "/operateur/exercices", &page);
	assert_int_equal(page_hidden(&page, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&page);
	for (i = 0; i < 3; i++) {
		part = curl_mime_addpart(mime);
		curl_mime_name(part, fields[i][0]);
		curl_mime_data(part, fields[i][1], CURL_ZERO_TERMINATED);
	}
	part = curl_mime_addpart(mime);
	curl_mime_name(part, "fichier");
	curl_mime_filename(part, name);
	curl_mime_data(part, data, len);
	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "%s/operateur/exercices", server.base);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, body_add);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, r);
	assert_int_equal(curl_easy_perform(c->curl), CURLE_OK);
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(mime);
	if (!r->body)
		r->body = calloc(1, 1);
	return r->status;
}

static int setup(void **state)
{
	server_start(&server);
	return 0;
}

static int teardown(void **state)
{
	return server_stop(&server);
}

static void gift_converted_with_report(void **state)
{
	static const char gift[] = "::Accord::Les enfants {=jouent ~joue} dans la cour.\n\n::Libre::Raconte. {}\n";
	struct client op;
	struct response r;

	integ_demo_client(&server, &op, "operateur");
	assert_int_equal(upload(&op, "accords.gift", gift, sizeof(gift) - 1, &r), 200);
	assert_non_null(strstr(r.body, "1 question(s) convertie(s)."));
	assert_non_null(strstr(r.body, "Les enfants [[?*jouent|joue]] dans la cour."));
	assert_non_null(strstr(r.body, "subject: francais"));
	assert_non_null(strstr(r.body, "competencies: [FR-EL-VOCABULAIRE]"));
	assert_non_null(strstr(r.body, "ligne 3 : question non convertie : question à réponse libre"));
	assert_non_null(strstr(r.body, "content/francais/import/import-accords.md"));
	response_release(&r);
	client_release(&op);
}

static void broken_file_refused(void **state)
{
	static const char xml[] = "<quiz><question type=\"multichoice\">";
	struct client op;
	struct response r;

	integ_demo_client(&server, &op, "operateur");
	assert_int_equal(upload(&op, "casse.xml", xml, sizeof(xml) - 1, &r), 422);
	assert_non_null(strstr(r.body, "Aucune question"));
	assert_non_null(strstr(r.body, "XML mal formé"));
	response_release(&r);
	assert_int_equal(upload(&op, "notes.docx", "x", 1, &r), 422);
	assert_non_null(strstr(r.body, "format inconnu"));
	response_release(&r);
	client_release(&op);
	assert_true(integ_log_has(&server, "exercise import request="));
}

static void others_may_not_import(void **state)
{
	struct client admin;
	struct response r;

	integ_demo_client(&server, &admin, "administrateur");
	client_get(&admin, "/operateur/exercices", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&admin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gift_converted_with_report),
		cmocka_unit_test(broken_file_refused),
		cmocka_unit_test(others_may_not_import),
	};

	return cmocka_run_group_tests_name("http_exercises", tests, setup, teardown);
}
