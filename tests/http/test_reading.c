/* Reading help: a child's reading settings, the "Écouter" audio and its
 * cache, the style guide's access, and the sorted, paginated people table. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define NUMBERS_ACTIVITY "maths-ce2-nombres-jusqu-a-10000"
#define CM2_ACTIVITY "maths-cm2-nombres-decimaux"

static struct server server;
static char audio_dir[400];

static int server_up(void **state)
{
	static char option[420];
	const char *extra[] = { "--audio-cache", option, NULL };

	/* The folder is only known once server_start_with made the temporary
	 * folder, so it lives under /tmp with the process id instead. */
	snprintf(audio_dir, sizeof(audio_dir), "/tmp/ardoise-test-audio-%ld", (long)getpid());
	snprintf(option, sizeof(option), "%s", audio_dir);
	server_start_with(&server, extra);
	return 0;
}

static int server_down(void **state)
{
	char cmd[480];

	assert_int_equal(server_stop(&server), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", audio_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void child_client(struct client *c, const char *name)
{
	client_init(c, &server);
	assert_int_equal(sign_in_child(c, name), 0);
}

static void adult_client(struct client *c, const char *role)
{
	const struct demo_account *a = server_account(&server, role);

	assert_non_null(a);
	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

/* The opening <body ...> tag of a page, into `out`. */
static void body_tag(const struct response *r, char *out, size_t size)
{
	const char *p = strstr(r->body, "<body"), *end = p ? strchr(p, '>') : NULL;

	assert_non_null(end);
	snprintf(out, size, "%.*s", (int)(end - p + 1), p);
}

static void save_settings(struct client *c, const char *fields)
{
	struct response r;
	char csrf[64], body[256];

	client_get(c, "/eleve/lecture", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s%s", csrf, fields);
	client_post(c, "/eleve/lecture", body, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/eleve/lecture?fait=1");
	response_release(&r);
}

static void expect_body(struct client *c, const char *path, const char *expected)
{
	struct response r;
	char tag[128];

	client_get(c, path, &r);
	assert_int_equal(r.status, 200);
	body_tag(&r, tag, sizeof(tag));
	assert_string_equal(tag, expected);
	response_release(&r);
}

static void settings_follow_child(void **state)
{
	struct client first, second, other;

	child_client(&first, "Léa M.");
	expect_body(&first, "/eleve", "<body class=\"eleve\">");
	save_settings(&first, "&police=1&espaces=1");
	expect_body(&first, "/eleve", "<body class=\"eleve police-dys espaces-larges\">");
	expect_body(&first, "/activite/" NUMBERS_ACTIVITY, "<body class=\"eleve police-dys espaces-larges\">");

	/* Another browser signed in as the same child gets them too. */
	child_client(&second, "Léa M.");
	expect_body(&second, "/eleve/resultats", "<body class=\"eleve police-dys espaces-larges\">");
	child_client(&other, "Noah B.");
	expect_body(&other, "/eleve", "<body class=\"eleve\">");

	save_settings(&second, "&syllabes=1");
	expect_body(&first, "/eleve", "<body class=\"eleve syllabes\">");
	save_settings(&second, "");
	expect_body(&first, "/eleve", "<body class=\"eleve\">");
	client_release(&first);
	client_release(&second);
	client_release(&other);
}

static void settings_page_checked(void **state)
{
	struct client c;
	struct response r;

	child_client(&c, "Inès K.");
	save_settings(&c, "&voix-lente=1");
	client_get(&c, "/eleve/lecture?fait=1", &r);
	assert_non_null(strstr(r.body, "name=\"voix-lente\" value=\"1\" checked"));
	assert_null(strstr(r.body, "name=\"police\" value=\"1\" checked"));
	assert_non_null(strstr(r.body, "flash-success"));
	assert_non_null(strstr(r.body, "href=\"/eleve/lecture\""));
	response_release(&r);
	client_release(&c);
}

/* The first "Écouter" link of the page whose href contains `needle`,
 * with "&amp;" decoded, into `out`. */
static void listen_href(const struct response *r, const char *needle, char *out, size_t size)
{
	const char *p = r->body;
	size_t n = 0;

	while ((p = strstr(p, "href=\"/ecouter?")) != NULL) {
		const char *start = p + 6, *end = strchr(start, '"');
		if (end && memmem(start, (size_t)(end - start), needle, strlen(needle))) {
			for (p = start; p < end && n + 1 < size; p++) {
				out[n++] = *p;
				if (strncmp(p, "&amp;", 5) == 0)
					p += 4;
			}
			out[n] = '\0';
			return;
		}
		p = start;
	}
	fail_msg("no listen link containing %s", needle);
}

static long log_count(const char *needle)
{
	FILE *f = fopen(server.log, "r");
	char line[2048];
	long n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, needle))
			n++;
	fclose(f);
	return n;
}

static void cache_stat(const char *location, struct stat *st)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", audio_dir, location + strlen("/audio/"));
	assert_int_equal(stat(path, st), 0);
}

static void prompt_audio_cached(void **state)
{
	struct client c;
	struct response r;
	char href[512], location[512];
	struct stat before, after;
	long generated;

	child_client(&c, "Léa M.");
	client_get(&c, "/activite/" NUMBERS_ACTIVITY, &r);
	listen_href(&r, "question=0", href, sizeof(href));
	response_release(&r);

	generated = log_count("audio generated");
	client_get(&c, href, &r);
	assert_int_equal(r.status, 303);
	assert_true(strncmp(r.location, "/audio/", 7) == 0);
	snprintf(location, sizeof(location), "%s", r.location);
	response_release(&r);
	assert_int_equal(log_count("audio generated"), generated + 1);

	client_get(&c, location, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "audio/ogg");
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, "OggS", 4);
	response_release(&r);
	cache_stat(location, &before);

	/* The second request is served from the cache: same file, no synthesis. */
	client_get(&c, href, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, location);
	response_release(&r);
	cache_stat(location, &after);
	assert_int_equal(log_count("audio generated"), generated + 1);
	assert_true(before.st_mtim.tv_sec == after.st_mtim.tv_sec && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
	assert_true(before.st_ino == after.st_ino);
	client_release(&c);
}

static void audio_byte_range(void **state)
{
	struct client c;
	struct response r;
	char location[512];

	child_client(&c, "Léa M.");
	client_get(&c, "/ecouter?page=accueil", &r);
	assert_int_equal(r.status, 303);
	snprintf(location, sizeof(location), "%s", r.location);
	response_release(&r);

	curl_easy_setopt(c.curl, CURLOPT_RANGE, "0-3");
	client_get(&c, location, &r);
	curl_easy_setopt(c.curl, CURLOPT_RANGE, NULL);
	assert_int_equal(r.status, 206);
	assert_int_equal(r.len, 4);
	assert_memory_equal(r.body, "OggS", 4);
	assert_non_null(strcasestr(r.headers, "content-range: bytes 0-3/"));
	response_release(&r);
	client_release(&c);
}

static void slow_voice_other_key(void **state)
{
	struct client c;
	struct response r;
	char normal[512];

	child_client(&c, "Yanis D.");
	client_get(&c, "/ecouter?page=resultats&vitesse=normale", &r);
	assert_int_equal(r.status, 303);
	snprintf(normal, sizeof(normal), "%s", r.location);
	response_release(&r);
	client_get(&c, "/ecouter?page=resultats&vitesse=lente", &r);
	assert_int_equal(r.status, 303);
	assert_string_not_equal(r.location, normal);
	response_release(&r);
	client_release(&c);
}

static void unknown_audio_not_found(void **state)
{
	static const char *const paths[] = {
		"/audio/00000000000000000000000000000000.ogg",
		"/audio/../ardoise.db",
		"/ecouter",
		"/ecouter?page=inconnue",
		"/ecouter?activite=inconnue&version=1",
		"/ecouter?activite=" NUMBERS_ACTIVITY "&version=999",
		"/ecouter?activite=" NUMBERS_ACTIVITY "&version=1&question=99",
		"/ecouter?activite=" NUMBERS_ACTIVITY "&version=1&question=-1",
		"/ecouter?activite=" CM2_ACTIVITY "&version=1", /* not Léa's level */
	};
	struct client c, visitor;
	struct response r;
	size_t i;

	child_client(&c, "Léa M.");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		client_get(&c, paths[i], &r);
		if (r.status != 404)
			fail_msg("%s: expected 404, got %ld", paths[i], r.status);
		response_release(&r);
	}
	client_init(&visitor, &server);
	client_get(&visitor, "/ecouter?page=accueil", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/connexion");
	response_release(&r);
	client_get(&visitor, "/ecouter?activite=" NUMBERS_ACTIVITY "&version=1", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/connexion");
	response_release(&r);
	/* The sign-in pages' instructions are read to visitors too. */
	client_get(&visitor, "/ecouter?page=images", &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(strncmp(r.location, "/audio/", 7), 0);
	response_release(&r);
	client_get(&visitor, "/connexion/enfant/DEMO", &r);
	assert_non_null(strstr(r.body, "/ecouter?page=prenoms"));
	response_release(&r);
	client_release(&visitor);
	client_release(&c);
}

static void style_guide_operator_only(void **state)
{
	static const char *const refused[] = { "administrateur", "accompagnateur" };
	struct client c;
	struct response r;
	size_t i;

	child_client(&c, "Léa M.");
	client_get(&c, "/guide-style", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&c);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		adult_client(&c, refused[i]);
		client_get(&c, "/guide-style", &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
		client_release(&c);
	}
	adult_client(&c, "operateur");
	client_get(&c, "/guide-style", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<h1>Guide de style</h1>"));
	assert_non_null(strstr(r.body, "feedback-invalid"));
	assert_non_null(strstr(r.body, "14,0:1")); /* ink on paper */
	response_release(&r);
	client_release(&c);
}

/* Rows of the people table in a page. */
static int table_rows(const char *body)
{
	const char *p = strstr(body, "id=\"personnes\"");
	int n = 0;

	while (p && (p = strstr(p, "<tr><td")) != NULL) {
		n++;
		p++;
	}
	return n;
}

static void people_table_pages(void **state)
{
	struct client c;
	struct response r;
	char sql[256];
	int i;

	for (i = 0; i < 60; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO account (structure_id, role, login, first_name, last_initial, level, secret_hash, created_at) "
					   "VALUES (1, 'eleve', 'page.%02d', 'Zed%02d', 'P.', 'CM1', 'x', 0)", i, i);
		assert_int_equal(server_sql(&server, sql), 0);
	}
	adult_client(&c, "administrateur");
	client_get(&c, "/admin/structure/1", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(table_rows(r.body), 50);
	assert_non_null(strstr(r.body, "<span aria-current=\"page\">1</span>"));
	assert_non_null(strstr(r.body, "href=\"/admin/structure/1?page=2#personnes\""));
	assert_null(strstr(r.body, "aria-sort"));
	response_release(&r);

	client_get(&c, "/admin/structure/1?tri=nom&page=2", &r);
	assert_int_equal(r.status, 200);
	assert_true(table_rows(r.body) > 0 && table_rows(r.body) <= 50);
	assert_non_null(strstr(r.body, "<th scope=\"col\" aria-sort=\"ascending\"><a class=\"sort\" href=\"/admin/structure/1?tri=nom&amp;sens=desc&amp;page=1#personnes\">"));
	assert_non_null(strstr(r.body, "<span aria-current=\"page\">2</span>"));
	assert_non_null(strstr(r.body, "Zed59"));
	response_release(&r);

	client_get(&c, "/admin/structure/1?tri=nom&sens=desc", &r);
	assert_non_null(strstr(r.body, "aria-sort=\"descending\""));
	assert_true(strstr(r.body, "Zed59") && strstr(r.body, "Zed58") && strstr(r.body, "Zed59") < strstr(r.body, "Zed58"));
	response_release(&r);

	client_get(&c, "/admin/structure/1?tri=niveau&page=999", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<span aria-current=\"page\">2</span>"));
	response_release(&r);
	client_get(&c, "/admin/structure/1?tri=inconnu&page=abc", &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "aria-sort"));
	response_release(&r);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_follow_child),
		cmocka_unit_test(settings_page_checked),
		cmocka_unit_test(prompt_audio_cached),
		cmocka_unit_test(audio_byte_range),
		cmocka_unit_test(slow_voice_other_key),
		cmocka_unit_test(unknown_audio_not_found),
		cmocka_unit_test(style_guide_operator_only),
		cmocka_unit_test(people_table_pages),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
