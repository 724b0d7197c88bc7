/* Media and resources: byte ranges of /media/, captions, the progress of a
 * video counted from the ranges really played, and the resource pages. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define MEDIA_SIZE 10000
#define VIDEO_NAME "lecon-fractions.webm"
#define VIDEO_ID "video-maths-fractions"

static struct server server;
static char media_dir[400];

/* Byte i of the test video: a pattern that shows any offset mistake. */
static unsigned char media_byte(size_t i)
{
	return (unsigned char)(i % 251);
}

static void write_file(const char *name, const void *data, size_t len)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", media_dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static int server_up(void **state)
{
	static const char vtt[] = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBonjour !\n";
	static char option[420];
	const char *extra[] = { "--media", option, NULL };
	unsigned char data[MEDIA_SIZE];
	size_t i;

	snprintf(media_dir, sizeof(media_dir), "/tmp/ardoise-test-media-%ld", (long)getpid());
	mkdir(media_dir, 0700);
	for (i = 0; i < MEDIA_SIZE; i++)
		data[i] = media_byte(i);
	write_file(VIDEO_NAME, data, sizeof(data));
	write_file("lecon-fractions.vtt", vtt, strlen(vtt));
	snprintf(option, sizeof(option), "%s", media_dir);
	server_start_with(&server, extra);
	return 0;
}

static int server_down(void **state)
{
	char cmd[480];

	assert_int_equal(server_stop(&server), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", media_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void child_client(struct client *c, const char *name)
{
	client_init(c, &server);
	assert_int_equal(sign_in_child(c, name), 0);
}

/* GET `path` with a "Range:" header value (NULL = none). */
static void get_range(struct client *c, const char *path, const char *range, struct response *r)
{
	struct curl_slist *headers = NULL;
	char line[200];

	if (range) {
		snprintf(line, sizeof(line), "Range: %s", range);
		headers = curl_slist_append(NULL, line);
	}
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, headers);
	client_get(c, path, r);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(headers);
}

static bool has_header(const struct response *r, const char *line)
{
	return strcasestr(r->headers, line) != NULL;
}

/* The body contains bytes [first, first + len) of the test video. */
static void assert_bytes(const struct response *r, size_t first, size_t len)
{
	size_t i;

	assert_int_equal(r->len, len);
	for (i = 0; i < len; i++)
		if ((unsigned char)r->body[i] != media_byte(first + i))
			fail_msg("byte %zu of the body is %u, expected %u", i, (unsigned char)r->body[i],
				 media_byte(first + i));
}

struct range_case {
	const char *range;
	long status;
	const char *content_range; /* expected header line, or NULL */
	size_t first, len;
};

static void media_ranges(void **state)
{
	static const struct range_case cases[] = {
		{ NULL, 200, NULL, 0, MEDIA_SIZE },
		{ "bytes=0-", 206, "content-range: bytes 0-9999/10000", 0, MEDIA_SIZE },
		{ "bytes=1000-1999", 206, "content-range: bytes 1000-1999/10000", 1000, 1000 },
		{ "bytes=-500", 206, "content-range: bytes 9500-9999/10000", 9500, 500 },
		{ "bytes=9990-20000", 206, "content-range: bytes 9990-9999/10000", 9990, 10 },
		{ "bytes=-20000", 206, "content-range: bytes 0-9999/10000", 0, MEDIA_SIZE },
		{ "bytes=10000-", 416, "content-range: bytes */10000", 0, 0 },
		{ "bytes=-0", 416, "content-range: bytes */10000", 0, 0 },
		/* Malformed or multiple ranges: the whole file, as the RFC allows. */
		{ "bytes=abc", 200, NULL, 0, MEDIA_SIZE },
		{ "bytes=0-1,5-6", 200, NULL, 0, MEDIA_SIZE },
		{ "bytes=500-100", 200, NULL, 0, MEDIA_SIZE },
	};
	struct client c;
	struct response r;
	size_t i;

	child_client(&c, "Inès K.");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		get_range(&c, "/media/" VIDEO_NAME, cases[i].range, &r);
		if (r.status != cases[i].status)
			fail_msg("Range %s: status %ld, expected %ld", cases[i].range ? cases[i].range : "(none)", r.status,
				 cases[i].status);
		assert_true(has_header(&r, "accept-ranges: bytes"));
		if (cases[i].content_range && !has_header(&r, cases[i].content_range))
			fail_msg("Range %s: no \"%s\" in\n%s", cases[i].range, cases[i].content_range, r.headers);
		if (!cases[i].content_range)
			assert_false(has_header(&r, "content-range:"));
		if (cases[i].status != 416)
			assert_bytes(&r, cases[i].first, cases[i].len);
		else
			assert_non_null(strstr(r.body, "Plage d'octets impossible"));
		assert_string_equal(r.content_type, cases[i].status == 416 ? "text/plain; charset=utf-8" : "video/webm");
		response_release(&r);
	}
	client_release(&c);
}

static void media_names_checked(void **state)
{
	static const char *const paths[] = { "/media/absente.webm", "/media/..%2Fardoise.db", "/media/LECON.webm",
					     "/media/lecon-fractions.exe" };
	struct client c, visitor;
	struct response r;
	size_t i;

	child_client(&c, "Inès K.");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		client_get(&c, paths[i], &r);
		if (r.status != 404)
			fail_msg("%s: status %ld, expected 404", paths[i], r.status);
		response_release(&r);
	}
	client_release(&c);

	/* Signed out: no media. */
	client_init(&visitor, &server);
	client_get(&visitor, "/media/" VIDEO_NAME, &r);
	assert_int_not_equal(r.status, 200);
	assert_int_not_equal(r.status, 206);
	response_release(&r);
	client_release(&visitor);
}

static void video_page_has_captions(void **state)
{
	struct client c;
	struct response r;

	child_client(&c, "Inès K.");
	client_get(&c, "/ressource/" VIDEO_ID, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<video controls preload=\"metadata\" src=\"/media/" VIDEO_NAME "\""));
	assert_non_null(strstr(r.body, "<track kind=\"captions\" srclang=\"fr\" label=\"Français\" "
				       "src=\"/media/lecon-fractions.vtt\" default>"));
	assert_non_null(strstr(r.body, "MA-NC-FRACTIONS"));
	response_release(&r);

	client_get(&c, "/media/lecon-fractions.vtt", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "text/vtt; charset=utf-8");
	assert_true(strncmp(r.body, "WEBVTT", 6) == 0);
	response_release(&r);
	client_release(&c);
}

/* POST a progress report; returns the status and leaves the body in r. */
static long post_progress(struct client *c, const char *played, const char *duration, struct response *r)
{
	struct response page;
	char csrf[128], body[512];

	client_get(c, "/eleve", &page);
	assert_int_equal(page_hidden(&page, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&page);
	snprintf(body, sizeof(body), "csrf=%s&video=" VIDEO_ID "&played=%s&duration=%s", csrf, played, duration);
	client_post(c, "/video/progression", body, r);
	return r->status;
}

static void progress_merges_intervals(void **state)
{
	struct client c;
	struct response r;

	child_client(&c, "Yanis D.");
	/* Seeking to the end counts only what was played around it. */
	assert_int_equal(post_progress(&c, "0-10,95-100", "100", &r), 200);
	assert_non_null(strstr(r.body, "\"seconds_played\":15.00"));
	assert_non_null(strstr(r.body, "\"percent\":15"));
	response_release(&r);

	/* Overlapping ranges, sent again, count once. */
	assert_int_equal(post_progress(&c, "0-10,5-30", "100", &r), 200);
	assert_non_null(strstr(r.body, "\"seconds_played\":35.00"));
	response_release(&r);

	/* A range past the end is cut at the duration. */
	assert_int_equal(post_progress(&c, "90-400", "100", &r), 200);
	assert_non_null(strstr(r.body, "\"seconds_played\":40.00"));
	response_release(&r);

	assert_int_equal(server_query_count(&server, "SELECT CAST(seconds_played AS INTEGER) FROM video_progress "
						     "WHERE child_id = 6 AND video_id = '" VIDEO_ID "'"), 40);

	/* The video page tells the child how much is watched. */
	client_get(&c, "/ressource/" VIDEO_ID, &r);
	assert_non_null(strstr(r.body, "Tu as déjà regardé cette vidéo à 40 %."));
	response_release(&r);
	client_release(&c);
}

static void progress_rejects_bad_input(void **state)
{
	static const char *const bad[][2] = {
		{ "abc", "100" }, { "10-", "100" }, { "-5-10", "100" }, { "0-10", "0" },
		{ "0-10", "nan" }, { "0-10;20-30", "100" }, { "0-10", "99999999" },
	};
	struct client c;
	struct response r;
	size_t i;

	child_client(&c, "Yanis D.");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (post_progress(&c, bad[i][0], bad[i][1], &r) != 400)
			fail_msg("played=%s duration=%s: status %ld, expected 400", bad[i][0], bad[i][1], r.status);
		assert_non_null(strstr(r.body, "Plages lues invalides"));
		response_release(&r);
	}
	client_release(&c);
}

static void resource_pages(void **state)
{
	struct client cm1, ce2;
	struct response r;

	child_client(&cm1, "Inès K.");
	client_get(&cm1, "/ressource/fiche-maths-fractions", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "src=\"/media/fractions-pizza.svg\""));
	assert_non_null(strstr(r.body, "data-print"));
	response_release(&r);

	client_get(&cm1, "/ressource/dossier-maths-fractions", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<ol class=\"dossier-items\"><li><a href=\"/ressource/fiche-maths-fractions\">"));
	assert_non_null(strstr(r.body, "href=\"/activite/maths-cm1-fractions-simples\""));
	response_release(&r);

	/* Méthodologie: its tile and page show, with its modules. */
	client_get(&cm1, "/eleve", &r);
	assert_non_null(strstr(r.body, "href=\"/eleve/matiere/methodologie\""));
	response_release(&r);
	client_get(&cm1, "/eleve/matiere/methodologie", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "href=\"/ressource/methodo-lire-une-consigne\""));
	response_release(&r);
	client_get(&cm1, "/eleve/matiere/mathematiques", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "href=\"/ressource/video-maths-fractions\""));
	response_release(&r);

	/* An activity id is not a resource, and a CM1 fiche is not for CE2. */
	client_get(&cm1, "/ressource/maths-cm1-fractions-simples", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	child_client(&ce2, "Léa M.");
	client_get(&ce2, "/ressource/fiche-maths-fractions", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_get(&ce2, "/activite/fiche-maths-fractions", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&ce2);
	client_release(&cm1);
}

/* POST `fields` with the admin's CSRF token; returns the status. */
static long admin_post(struct client *admin, const char *path, const char *fields)
{
	struct response r;
	char csrf[128], body[300];
	long status;

	client_get(admin, "/accueil", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	client_post(admin, path, body, &r);
	status = r.status;
	response_release(&r);
	return status;
}

static void progress_exported_and_erased(void **state)
{
	const struct demo_account *a = server_account(&server, "administrateur");
	struct client adam, admin;
	struct response r;
	const char *videos;

	/* Adam T. (id 8) is erased here, so this test runs last. */
	child_client(&adam, "Adam T.");
	assert_int_equal(post_progress(&adam, "0-12.5", "100", &r), 200);
	response_release(&r);
	client_release(&adam);

	client_init(&admin, &server);
	assert_int_equal(sign_in_adult(&admin, a->login, a->secret), 0);
	client_get(&admin, "/admin/compte/8/donnees.json", &r);
	assert_int_equal(r.status, 200);
	videos = strstr(r.body, "\"videos\"");
	assert_non_null(videos);
	assert_non_null(strstr(videos, "\"video_id\": \"" VIDEO_ID "\""));
	assert_non_null(strstr(videos, "\"played_ranges\": \"0.00-12.50\""));
	response_release(&r);

	assert_int_equal(admin_post(&admin, "/admin/compte/8/effacer", "confirmer=oui"), 303);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM video_progress WHERE child_id = 8"), 0);
	client_release(&admin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(media_ranges),
		cmocka_unit_test(media_names_checked),
		cmocka_unit_test(video_page_has_captions),
		cmocka_unit_test(progress_merges_intervals),
		cmocka_unit_test(progress_rejects_bad_input),
		cmocka_unit_test(resource_pages),
		cmocka_unit_test(progress_exported_and_erased),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
