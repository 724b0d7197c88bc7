/* Dictation: the audio prepared by init, the page, who may fetch the
 * audio, the graded submission kept exactly as typed, and a second
 * submission with the same key. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define CE2_DICTATION "francais-ce2-dictee-le-chien-de-leo"
#define CM1_DICTATION "francais-cm1-dictee-la-fete-du-village"
#define NUMBERS_ACTIVITY "maths-ce2-nombres-jusqu-a-10000"
/* Audio files init reported: (sentences + whole text) x 2 speeds of every
 * dictation of the content; set by init_prepares_audio. */
static int audio_files = -1;
#define CE2_AUDIO "/dictee/audio?activite=" CE2_DICTATION "&version=1&question=0"

static struct server server;
static char audio_dir[400];
static char init_output[4096];

static int ogg_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		n += strlen(e->d_name) == 36 && strcmp(e->d_name + 32, ".ogg") == 0;
	if (d)
		closedir(d);
	return n;
}

/* Run `ardoise init` on a scratch database with the shared audio folder
 * and keep its standard output. */
static void init_with_audio(void)
{
	char cmd[1024];
	size_t n;
	FILE *out;

	snprintf(cmd, sizeof(cmd), "build/ardoise init --db '%s/init.db' --audio-cache '%s' 2>/dev/null", audio_dir, audio_dir);
	out = popen(cmd, "r");
	assert_non_null(out);
	n = fread(init_output, 1, sizeof(init_output) - 1, out);
	init_output[n] = '\0';
	assert_int_equal(pclose(out), 0);
}

static int server_up(void **state)
{
	static char option[420];
	const char *extra[] = { "--audio-cache", option, NULL };

	snprintf(audio_dir, sizeof(audio_dir), "/tmp/ardoise-test-dictee-%ld", (long)getpid());
	snprintf(option, sizeof(option), "%s", audio_dir);
	assert_int_equal(mkdir(audio_dir, 0755), 0);
	init_with_audio();
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

/* The number of files in init's "Audio des dictées prêt : N fichiers.", or -1. */
static int ready_count(void)
{
	const char *line = strstr(init_output, "Audio des dictées prêt : ");
	int n;

	return line && sscanf(line, "Audio des dictées prêt : %d fichiers.", &n) == 1 ? n : -1;
}

static void init_prepares_audio(void **state)
{
	char progress[160];

	audio_files = ready_count();
	/* At least the two sentences and the text of each speed of the CE2 dictation. */
	assert_true(audio_files >= 6);
	snprintf(progress, sizeof(progress), "/%d (" CE2_DICTATION ")", audio_files);
	assert_non_null(strstr(init_output, progress));
	assert_int_equal(ogg_files(audio_dir), audio_files);

	/* A second run finds every file in the cache and makes no new one. */
	init_with_audio();
	assert_int_equal(ready_count(), audio_files);
	assert_int_equal(ogg_files(audio_dir), audio_files);
}

static void page_has_players(void **state)
{
	struct client c;
	struct response r;

	child_client(&c, "Léa M.");
	client_get(&c, "/activite/" CE2_DICTATION, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<textarea id=\"q0\" name=\"q0\" rows=\"8\" maxlength=\"600\""));
	assert_non_null(strstr(r.body, "aria-describedby=\"q0-aide\""));
	assert_non_null(strstr(r.body, "<label for=\"q0\">Ton texte</label>"));
	assert_non_null(strstr(r.body, "600 caractères au plus"));
	assert_non_null(strstr(r.body, "<audio controls preload=\"none\" src=\"" "/dictee/audio?activite=" CE2_DICTATION
				       "&amp;version=1&amp;question=0&amp;vitesse=normale\""));
	assert_non_null(strstr(r.body, "&amp;phrase=3&amp;vitesse=lente"));
	assert_null(strstr(r.body, "&amp;phrase=4&amp;"));
	assert_non_null(strstr(r.body, "Mots donnés : <strong>Léo</strong>, <strong>Filou</strong>"));
	/* The page never shows the text to write. */
	assert_null(strstr(r.body, "appelle Filou"));
	assert_null(strstr(r.body, "remue la queue"));
	response_release(&r);
	client_release(&c);
}

static void audio_served_from_cache(void **state)
{
	struct client c;
	struct response r, file;
	char path[512];

	child_client(&c, "Léa M.");
	client_get(&c, CE2_AUDIO "&phrase=2&vitesse=lente", &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(strncmp(r.location, "/audio/", 7), 0);
	assert_int_equal(strlen(r.location), 7 + 36);
	/* Made by init, not on demand. */
	snprintf(path, sizeof(path), "%s/%.40s", audio_dir, r.location + 7);
	assert_int_equal(access(path, R_OK), 0);
	assert_int_equal(ogg_files(audio_dir), audio_files);
	client_get(&c, r.location, &file);
	assert_int_equal(file.status, 200);
	assert_string_equal(file.content_type, "audio/ogg");
	assert_true(file.len > 1000);
	assert_int_equal(memcmp(file.body, "OggS", 4), 0);
	response_release(&file);

	/* Each sentence and speed has its own file. */
	client_get(&c, CE2_AUDIO "&phrase=2&vitesse=normale", &file);
	assert_int_equal(file.status, 303);
	assert_string_not_equal(file.location, r.location);
	response_release(&file);
	client_get(&c, CE2_AUDIO "&vitesse=normale", &file);
	assert_int_equal(file.status, 303);
	assert_string_not_equal(file.location, r.location);
	response_release(&file);
	response_release(&r);
	client_release(&c);
}

static void audio_visitor_redirected(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_get(&c, CE2_AUDIO "&phrase=0", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/connexion");
	response_release(&r);
	client_release(&c);
}

static void audio_other_level_not_found(void **state)
{
	static const char *const paths[] = {
		CE2_AUDIO "&phrase=0",
		CE2_AUDIO,
	};
	struct client c;
	struct response r;
	size_t i;

	child_client(&c, "Inès K."); /* CM1 */
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		client_get(&c, paths[i], &r);
		print_message("path: %s\n", paths[i]);
		assert_int_equal(r.status, 404);
		response_release(&r);
	}
	/* Her own level's dictation is served. */
	client_get(&c, "/dictee/audio?activite=" CM1_DICTATION "&version=1&question=0&phrase=1", &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_release(&c);
}

static void audio_bad_queries(void **state)
{
	static const struct { const char *path; long status; } cases[] = {
		{ "/dictee/audio?activite=" CM1_DICTATION "&version=1&question=0", 404 }, /* not Léa's level */
		{ "/dictee/audio?activite=inconnue&version=1&question=0", 404 },
		{ "/dictee/audio?activite=" NUMBERS_ACTIVITY "&version=1&question=0", 404 }, /* no dictation */
		{ CE2_AUDIO "&phrase=4", 404 },
		{ CE2_AUDIO "&phrase=-1", 404 },
		{ "/dictee/audio?activite=" CE2_DICTATION "&version=7&question=0", 404 },
		{ "/dictee/audio?activite=" CE2_DICTATION "&version=1&question=1", 404 },
		{ "/dictee/audio?activite=" CE2_DICTATION "&version=1", 404 },
		{ CE2_AUDIO "&vitesse=rapide", 400 },
	};
	struct client c;
	struct response r;
	size_t i;

	child_client(&c, "Léa M.");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		client_get(&c, cases[i].path, &r);
		print_message("path: %s\n", cases[i].path);
		assert_int_equal(r.status, cases[i].status);
		response_release(&r);
	}
	client_release(&c);
}

/* An adult previews the dictations of every level, so hears them; a
 * financeur does not browse the content. */
static void audio_for_adult_preview(void **state)
{
	const struct demo_account *a = server_account(&server, "accompagnateur");
	const struct demo_account *f = server_account(&server, "financeur");
	struct client c;
	struct response r;

	assert_non_null(a);
	assert_non_null(f);
	client_init(&c, &server);
	assert_int_equal(sign_in_adult(&c, a->login, a->secret), 0);
	client_get(&c, CE2_AUDIO "&phrase=0", &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(strncmp(r.location, "/audio/", 7), 0);
	response_release(&r);
	client_get(&c, "/dictee/audio?activite=" CM1_DICTATION "&version=1&question=0&phrase=0", &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_release(&c);

	client_init(&c, &server);
	assert_int_equal(sign_in_adult(&c, f->login, f->secret), 0);
	client_get(&c, CE2_AUDIO "&phrase=0", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&c);
}

/* Open the dictation, post `typed` with a key (the page's when `key` is
 * empty, which is then filled), and return the response. */
static void dictation_submit(struct client *c, const char *typed, char *key, size_t key_size, struct response *out)
{
	struct response r;
	char csrf[64], page_key[64], body[8192], escaped[6000];

	client_get(c, "/activite/" CE2_DICTATION, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", page_key, sizeof(page_key)), 0);
	response_release(&r);
	if (!key[0])
		snprintf(key, key_size, "%s", page_key);
	form_escape(c, typed, escaped, sizeof(escaped));
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=1&debut=0&q0=%s", csrf, key, escaped);
	client_post(c, "/activite/" CE2_DICTATION, body, out);
}

static const char typed_text[] =
	"leo a un petit chien qui s'apelle Filou. Il et noir et blanc.\r\n"
	"Le matin, Filou suit Léo jusqu’a l'école. A la grille, les enfants on l'habitude : on le caresse <b>et</b> il remue la queue.";

static void submission_graded_and_kept(void **state)
{
	struct client c;
	struct response r, result;
	char key[64] = "", sql[512];

	child_client(&c, "Noah B.");
	dictation_submit(&c, typed_text, key, sizeof(key), &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(strncmp(r.location, "/resultat/", 10), 0);
	client_get(&c, r.location, &result);
	assert_int_equal(result.status, 200);
	assert_non_null(strstr(result.body, "Tu as écrit 28 mots justes sur 35."));
	assert_non_null(strstr(result.body, "<ins><span class=\"sr-only\">il fallait écrire </span>Léo</ins> <span class=\"dictation-kind\">(accent)</span>"));
	assert_non_null(strstr(result.body, "s’appelle</ins> <span class=\"dictation-kind\">(orthographe)</span>"));
	assert_non_null(strstr(result.body, "est</ins> <span class=\"dictation-kind\">(homophone)</span>"));
	assert_non_null(strstr(result.body, "jusqu’à</ins> <span class=\"dictation-kind\">(accent)</span>"));
	assert_non_null(strstr(result.body, "À</ins> <span class=\"dictation-kind\">(homophone)</span>"));
	assert_non_null(strstr(result.body, "ont</ins> <span class=\"dictation-kind\">(homophone)</span>"));
	/* The typed text is shown as typed, escaped. */
	assert_non_null(strstr(result.body, "on le caresse &lt;b&gt;et&lt;/b&gt; il remue"));
	assert_null(strstr(result.body, "<b>et</b>"));
	response_release(&result);

	/* Stored exactly as typed, with its CRLF and apostrophes. */
	/* LIKE with an explicit ESCAPE reads backslashes alike on SQLite and PostgreSQL. */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM attempt WHERE idempotency_key = '%s' AND answers LIKE '%%jusqu’a l''école%%' ESCAPE '!' "
				   "AND answers LIKE '%%blanc.\\r\\nLe matin%%' ESCAPE '!'", key);
	assert_int_equal(server_query_count(&server, sql), 1);
	response_release(&r);
	client_release(&c);
}

static void submission_once_per_key(void **state)
{
	struct client c;
	struct response first, second;
	char key[64] = "", sql[256];

	child_client(&c, "Léa M.");
	dictation_submit(&c, "Léo a un petit chien.", key, sizeof(key), &first);
	assert_int_equal(first.status, 303);
	dictation_submit(&c, "Léo a un petit chien.", key, sizeof(key), &second);
	assert_int_equal(second.status, 303);
	assert_string_equal(second.location, first.location);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM attempt WHERE idempotency_key = '%s'", key);
	assert_int_equal(server_query_count(&server, sql), 1);
	response_release(&first);
	response_release(&second);
	client_release(&c);
}

static void submission_too_long_rejected(void **state)
{
	char typed[2100], key[64] = "";
	struct client c;
	struct response r;

	memset(typed, 'a', sizeof(typed) - 1);
	typed[sizeof(typed) - 1] = '\0';
	child_client(&c, "Léa M.");
	dictation_submit(&c, typed, key, sizeof(key), &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "trop longue"));
	response_release(&r);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_prepares_audio),
		cmocka_unit_test(page_has_players),
		cmocka_unit_test(audio_served_from_cache),
		cmocka_unit_test(audio_visitor_redirected),
		cmocka_unit_test(audio_other_level_not_found),
		cmocka_unit_test(audio_bad_queries),
		cmocka_unit_test(audio_for_adult_preview),
		cmocka_unit_test(submission_graded_and_kept),
		cmocka_unit_test(submission_once_per_key),
		cmocka_unit_test(submission_too_long_rejected),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
