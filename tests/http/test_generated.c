/* Generated activities: a child answers questions made from a seed, the
 * seed is stored with the attempt, and the result page shows the same
 * questions again. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define TABLES "maths-ce2-tables-entrainement"

static struct server server;
static struct client child;

static int server_up(void **state)
{
	server_start(&server);
	client_init(&child, &server);
	return sign_in_child(&child, "Léa M.");
}

static int server_down(void **state)
{
	client_release(&child);
	return server_stop(&server);
}

/* The form's answers: each "<strong>a × b</strong>" gives q<i>=a*b. */
static int answers_from_form(const char *html, char *out, size_t size, char *prompts, size_t prompts_size)
{
	const char *p = html;
	size_t n = 0, k = 0;
	long a, b;
	int count = 0;

	prompts[0] = '\0';
	while ((p = strstr(p, "Calcule de tête : <strong>")) != NULL) {
		p += strlen("Calcule de tête : <strong>");
		if (sscanf(p, "%ld × %ld", &a, &b) != 2)
			return -1;
		n += (size_t)snprintf(out + n, size - n, "%sq%d=%ld", count ? "&" : "", count, a * b);
		k += (size_t)snprintf(prompts + k, prompts_size - k, "%ld×%ld;", a, b);
		count++;
	}
	return count;
}

static long query_number(const char *sql_format, long id)
{
	char sql[256];

	snprintf(sql, sizeof(sql), sql_format, id);
	return server_query_count(&server, sql);
}

static void generated_attempt_replays(void **state)
{
	struct response r;
	char csrf[64], key[64], version[16], seed[32], answers[1024], body[2048], prompts[1024], again[1024], path[256];
	long attempt;

	client_get(&child, "/activite/" TABLES, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	assert_int_equal(page_hidden(&r, "version", version, sizeof(version)), 0);
	assert_int_equal(page_hidden(&r, "graine", seed, sizeof(seed)), 0);
	assert_int_equal(answers_from_form(r.body, answers, sizeof(answers), prompts, sizeof(prompts)), 10);
	response_release(&r);

	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=%s&debut=0&graine=%s&%s", csrf, key, version, seed, answers);
	client_post(&child, "/activite/" TABLES, body, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/resultat/"));
	attempt = atol(strstr(r.location, "/resultat/") + strlen("/resultat/"));
	response_release(&r);

	/* The seed is stored, and the result page shows the same questions. */
	assert_int_equal(query_number("SELECT seed FROM attempt WHERE id = %ld", attempt), atol(seed));
	assert_int_equal(query_number("SELECT max_score FROM attempt WHERE id = %ld", attempt), 10);
	assert_int_equal(query_number("SELECT CAST(score AS INTEGER) FROM attempt WHERE id = %ld", attempt), 10);
	snprintf(path, sizeof(path), "/resultat/%ld", attempt);
	client_get(&child, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Bravo, tout est juste"));
	assert_non_null(strstr(r.body, seed));
	response_release(&r);

	/* ?graine= gives the same questions again. */
	snprintf(path, sizeof(path), "/activite/" TABLES "?graine=%s", seed);
	client_get(&child, path, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(answers_from_form(r.body, answers, sizeof(answers), again, sizeof(again)), 10);
	assert_string_equal(again, prompts);
	response_release(&r);
}

static void generated_form_needs_seed(void **state)
{
	struct response r;
	char csrf[64], key[64], body[512];

	client_get(&child, "/activite/" TABLES, &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=1&debut=0&graine=abc&q0=4", csrf, key);
	client_post(&child, "/activite/" TABLES, body, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "graine des questions absente ou invalide"));
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=1&debut=0&q0=4", csrf, key);
	client_post(&child, "/activite/" TABLES, body, &r);
	assert_int_equal(r.status, 400);
	response_release(&r);
}

static void every_generated_file_opens(void **state)
{
	static const char *const cm1[] = {
		"maths-cm1-calcul-mental-entrainement", "maths-cm2-operations-posees", "maths-cm1-comparer-decimaux",
		"maths-cm1-fractions-entrainement", "maths-cm1-conversions-longueurs", "maths-cm1-conversions-durees",
		"francais-cm1-conjuguer-au-present", "francais-cm1-dictee-a-trous",
	};
	static const char *const ce2[] = {
		"maths-ce2-ranger-nombres", "maths-ce2-valeur-des-chiffres", "francais-ce2-homophones-entrainement",
	};
	struct client ines;
	struct response r;
	char path[256];
	size_t i;

	client_init(&ines, &server);
	assert_int_equal(sign_in_child(&ines, "Inès K."), 0);
	for (i = 0; i < sizeof(cm1) / sizeof(cm1[0]); i++) {
		snprintf(path, sizeof(path), "/activite/%s", cm1[i]);
		client_get(&ines, path, &r);
		if (r.status != 200 || !strstr(r.body, "name=\"graine\""))
			fail_msg("%s: status %ld", path, r.status);
		response_release(&r);
	}
	for (i = 0; i < sizeof(ce2) / sizeof(ce2[0]); i++) {
		snprintf(path, sizeof(path), "/activite/%s", ce2[i]);
		client_get(&child, path, &r);
		if (r.status != 200 || !strstr(r.body, "name=\"graine\""))
			fail_msg("%s: status %ld", path, r.status);
		response_release(&r);
	}
	client_release(&ines);
}

/* "Écouter" on a dictation question reads its generated line. */
static void dictation_read_aloud(void **state)
{
	struct client ines;
	struct response r;
	char seed[32], link[256], *start, *end;

	client_init(&ines, &server);
	assert_int_equal(sign_in_child(&ines, "Inès K."), 0);
	client_get(&ines, "/activite/francais-cm1-dictee-a-trous", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "graine", seed, sizeof(seed)), 0);
	snprintf(link, sizeof(link), "/ecouter?activite=francais-cm1-dictee-a-trous&amp;version=1&amp;graine=%s&amp;question=0", seed);
	start = strstr(r.body, link);
	assert_non_null(start);
	end = strchr(start, '"');
	snprintf(link, sizeof(link), "%.*s", (int)(end - start), start);
	response_release(&r);
	/* Undo the HTML escaping of the ampersands. */
	while ((start = strstr(link, "&amp;")) != NULL)
		memmove(start + 1, start + 5, strlen(start + 5) + 1);
	client_get(&ines, link, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/audio/"));
	response_release(&r);
	snprintf(link, sizeof(link), "/ecouter?activite=francais-cm1-dictee-a-trous&version=1&graine=x&question=0");
	client_get(&ines, link, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&ines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(generated_attempt_replays),
		cmocka_unit_test(generated_form_needs_seed),
		cmocka_unit_test(every_generated_file_opens),
		cmocka_unit_test(dictation_read_aloud),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
