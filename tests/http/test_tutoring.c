/* Tutoring: a child asks, tuteurs claim at once (one wins), the live
 * stream of a conversation reaches only its readers, and the opening
 * hours set by the opérateur change what the child reads. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "auth/password.h"
#include "harness.h"

#define CLAIMERS 8
#define TUTEUR_PASSWORD "mot-de-passe-tuteur"
#define STREAM_WAIT_MS 3000

static struct server server;
static pid_t second_server; /* see second_server_start; 0 when not running */

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

static void csrf_of(struct client *c, const char *path, char *out, size_t size)
{
	struct response r;

	client_get(c, path, &r);
	assert_int_equal(page_hidden(&r, "csrf", out, size), 0);
	response_release(&r);
}

/* Ask a question from the help page; returns the conversation id. */
static long ask(struct client *c, const char *text)
{
	char csrf[64], body[1024], escaped[512];
	struct response r;
	long id = 0;

	csrf_of(c, "/tutorat", csrf, sizeof(csrf));
	form_escape(c, text, escaped, sizeof(escaped));
	snprintf(body, sizeof(body), "csrf=%s&origine=aide&texte=%s", csrf, escaped);
	client_post(c, "/tutorat/demander", body, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(sscanf(r.location, "/tutorat/conversation/%ld", &id), 1);
	response_release(&r);
	return id;
}

/* The value of the session cookie of a client. */
static void session_cookie(struct client *c, char *out, size_t size)
{
	struct curl_slist *cookies = NULL, *item;
	const char *tab;

	out[0] = '\0';
	curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &cookies);
	for (item = cookies; item; item = item->next) {
		tab = strstr(item->data, "\tardoise_session\t");
		if (tab)
			snprintf(out, size, "%s", tab + strlen("\tardoise_session\t"));
	}
	curl_slist_free_all(cookies);
	assert_true(out[0] != '\0');
}

/* A raw connection reading an event stream. */
struct stream {
	int fd;
	char data[65536];
	size_t len;
};

/* Open a stream on the server at `base` ("http://127.0.0.1:PORT"). */
static void stream_open_at(struct stream *s, struct client *c, const char *base, const char *path)
{
	struct sockaddr_in addr = { 0 };
	char cookie[128], request[512];
	unsigned port = 0;
	ssize_t n;

	session_cookie(c, cookie, sizeof(cookie));
	assert_int_equal(sscanf(base, "http://127.0.0.1:%u", &port), 1);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->fd >= 0);
	assert_int_equal(connect(s->fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	snprintf(request, sizeof(request), "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: ardoise_session=%s\r\n\r\n",
		 path, cookie);
	n = write(s->fd, request, strlen(request));
	assert_int_equal(n, (ssize_t)strlen(request));
	s->len = 0;
	s->data[0] = '\0';
}

static void stream_open(struct stream *s, struct client *c, const char *path)
{
	stream_open_at(s, c, server.base, path);
}

/* Read until `needle` arrives or `ms` pass; returns whether it came. */
static bool stream_wait(struct stream *s, const char *needle, int ms)
{
	struct pollfd p = { s->fd, POLLIN, 0 };
	struct timespec start, now;
	ssize_t n;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!strstr(s->data, needle)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		int left = ms - (int)((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);

		if (left <= 0 || poll(&p, 1, left) <= 0)
			return false;
		n = read(s->fd, s->data + s->len, sizeof(s->data) - 1 - s->len);
		if (n <= 0)
			return strstr(s->data, needle) != NULL;
		s->len += (size_t)n;
		s->data[s->len] = '\0';
	}
	return true;
}

static void stream_close(struct stream *s)
{
	close(s->fd);
}

static void post_message(struct client *c, long id, const char *text, long expected)
{
	char csrf[64], body[1024], escaped[512], path[64];
	struct response r;

	snprintf(path, sizeof(path), "/tutorat/conversation/%ld", id);
	csrf_of(c, path, csrf, sizeof(csrf));
	form_escape(c, text, escaped, sizeof(escaped));
	snprintf(body, sizeof(body), "csrf=%s&texte=%s", csrf, escaped);
	client_post(c, path, body, &r);
	if (r.status != expected)
		fail_msg("POST %s: expected %ld, got %ld: %.300s", path, expected, r.status, r.body);
	response_release(&r);
}

static void claim(struct client *c, long id, long expected)
{
	char csrf[64], body[128], path[64];
	struct response r;

	csrf_of(c, "/tuteur", csrf, sizeof(csrf));
	snprintf(path, sizeof(path), "/tuteur/question/%ld/prendre", id);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	client_post(c, path, body, &r);
	assert_int_equal(r.status, expected);
	response_release(&r);
}

/* A child with a seat asks; one without a seat sees no button and is
 * rejected by every child route. */
static void asking_needs_a_seat(void **state)
{
	struct client lea, noah;
	struct response r;
	long id;

	child_client(&lea, "Léa M.");
	client_get(&lea, "/eleve", &r);
	assert_non_null(strstr(r.body, "href=\"/tutorat\""));
	response_release(&r);
	client_get(&lea, "/activite/maths-ce2-nombres-jusqu-a-10000", &r);
	assert_non_null(strstr(r.body, "/tutorat/demander?activite=maths-ce2-nombres-jusqu-a-10000"));
	response_release(&r);
	id = ask(&lea, "Je ne comprends pas les milliers. J'ai essayé de compter.");
	assert_true(id > 0);
	client_get(&lea, "/tutorat/demander?activite=maths-ce2-nombres-jusqu-a-10000&question=2", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "tu as déjà essayé ?"));
	response_release(&r);

	child_client(&noah, "Noah B.");
	client_get(&noah, "/eleve", &r);
	assert_null(strstr(r.body, "href=\"/tutorat\""));
	response_release(&r);
	client_get(&noah, "/activite/maths-ce2-nombres-jusqu-a-10000", &r);
	assert_null(strstr(r.body, "/tutorat/demander"));
	response_release(&r);
	client_get(&noah, "/tutorat", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&lea);
	client_release(&noah);
}

/* Submit answers to the demo's CE2 activity; returns the attempt id. */
static long submit_attempt(struct client *c, const char *answers)
{
	char csrf[64], key[64], version[16], body[1024];
	struct response r;
	long id = 0;

	client_get(c, "/activite/maths-ce2-nombres-jusqu-a-10000", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	assert_int_equal(page_hidden(&r, "version", version, sizeof(version)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=%s&debut=0&%s", csrf, key, version, answers);
	client_post(c, "/activite/maths-ce2-nombres-jusqu-a-10000", body, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(sscanf(r.location, "/resultat/%ld", &id), 1);
	response_release(&r);
	return id;
}

/* From a failed result: the link of a missed question carries its
 * context, the form shows the child's answer, and the question is stored
 * with its context and a priority. */
static void result_question_keeps_context(void **state)
{
	struct client lea;
	struct response r;
	char path[128], link[160], csrf[64], body[1024], sql[256];
	long attempt, id;

	child_client(&lea, "Léa M.");
	attempt = submit_attempt(&lea, "q0=0&q1=3+605&q2b0=1&q2b1=1&q2b2=1&q3=0&q4=4+000");
	snprintf(path, sizeof(path), "/resultat/%ld", attempt);
	client_get(&lea, path, &r);
	snprintf(link, sizeof(link), "/tutorat/demander?activite=maths-ce2-nombres-jusqu-a-10000&amp;version=1&amp;question=2&amp;tentative=%ld", attempt);
	assert_non_null(strstr(r.body, link));
	response_release(&r);
	snprintf(path, sizeof(path), "/tutorat/demander?activite=maths-ce2-nombres-jusqu-a-10000&version=1&question=2&tentative=%ld", attempt);
	client_get(&lea, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "value=\"3 605\""));
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&origine=resultat&activite=maths-ce2-nombres-jusqu-a-10000&version=1&question=2&tentative=%ld"
				     "&reponse=3+605&texte=Je+ne+sais+pas+o%%C3%%B9+mettre+le+z%%C3%%A9ro.", csrf, attempt);
	client_post(&lea, "/tutorat/demander", body, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(sscanf(r.location, "/tutorat/conversation/%ld", &id), 1);
	response_release(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tutoring_question WHERE id = %ld AND origin = 'resultat' AND priority = 1 "
				   "AND activity_id = 'maths-ce2-nombres-jusqu-a-10000' AND activity_version = 1 AND question_number = 2 "
				   "AND child_answer = '3 605' AND level = 'CE2'", id);
	assert_int_equal(server_query_count(&server, sql), 1);

	/* A question number the activity does not have is rejected. */
	client_get(&lea, "/tutorat/demander?activite=maths-ce2-nombres-jusqu-a-10000&question=99", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&lea);
}

/* Tuteurs made through the database, each with a national grant. */
static void tuteurs_create(void)
{
	char hash[PASSWORD_HASH_BYTES], sql[1024];
	int i;

	assert_int_equal(password_hash(TUTEUR_PASSWORD, hash), 0);
	for (i = 0; i < CLAIMERS; i++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO account (role, login, first_name, last_initial, avatar, secret_hash, active, created_at) "
			 "VALUES ('tuteur', 'tuteur.%d', 'Tuteur%d', 'X.', 'hibou', '%s', 1, 0);"
			 "INSERT INTO role_grant (account_id, role, organisation_id) SELECT a.id, 'tuteur', o.id FROM account a, organisation o "
			 "WHERE a.login = 'tuteur.%d' AND o.kind = 'operateur';",
			 i, i, hash, i);
		assert_int_equal(server_sql(&server, sql), 0);
	}
}

struct claimer {
	struct client client;
	char csrf[64];
	char path[64];
	long status;
	pthread_barrier_t *start;
};

static void *claimer_run(void *arg)
{
	struct claimer *c = arg;
	char body[128];
	struct response r;

	snprintf(body, sizeof(body), "csrf=%s", c->csrf);
	pthread_barrier_wait(c->start);
	client_post(&c->client, c->path, body, &r);
	c->status = r.status;
	response_release(&r);
	return NULL;
}

static void claim_race_has_one_winner(void **state)
{
	struct claimer claimers[CLAIMERS];
	pthread_t threads[CLAIMERS];
	pthread_barrier_t start;
	struct client lea;
	char login[32], sql[256];
	int i, wins = 0, conflicts = 0;
	long id;

	tuteurs_create();
	child_client(&lea, "Léa M.");
	id = ask(&lea, "Combien de centaines dans 4 500 ?");
	pthread_barrier_init(&start, NULL, CLAIMERS);
	for (i = 0; i < CLAIMERS; i++) {
		client_init(&claimers[i].client, &server);
		snprintf(login, sizeof(login), "tuteur.%d", i);
		assert_int_equal(sign_in_adult(&claimers[i].client, login, TUTEUR_PASSWORD), 0);
		csrf_of(&claimers[i].client, "/tuteur", claimers[i].csrf, sizeof(claimers[i].csrf));
		snprintf(claimers[i].path, sizeof(claimers[i].path), "/tuteur/question/%ld/prendre", id);
		claimers[i].start = &start;
	}
	for (i = 0; i < CLAIMERS; i++)
		pthread_create(&threads[i], NULL, claimer_run, &claimers[i]);
	for (i = 0; i < CLAIMERS; i++) {
		pthread_join(threads[i], NULL);
		wins += claimers[i].status == 303;
		conflicts += claimers[i].status == 409;
		client_release(&claimers[i].client);
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(wins, 1);
	assert_int_equal(conflicts, CLAIMERS - 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tutoring_question WHERE id = %ld AND status = 'claimed' AND claimed_by IS NOT NULL", id);
	assert_int_equal(server_query_count(&server, sql), 1);
	client_release(&lea);
}

/* The live exchange: the child's stream gets the tuteur's answer without
 * a reload, another child's subscription is refused and gets nothing. */
static void live_stream_reaches_only_readers(void **state)
{
	struct client lea, ines, tuteur;
	struct stream mine, other_topic, foreign;
	char path[96], sql[256];
	long id, other;

	child_client(&lea, "Léa M.");
	adult_client(&tuteur, "tuteur");
	id = ask(&lea, "Comment on écrit 2 045 en lettres ?");
	other = ask(&lea, "Une autre question, sur les dizaines.");
	claim(&tuteur, id, 303);

	snprintf(path, sizeof(path), "/tutorat/conversation/%ld/flux", id);
	stream_open(&mine, &lea, path);
	assert_true(stream_wait(&mine, "retry: 3000", STREAM_WAIT_MS));
	assert_true(stream_wait(&mine, "Comment on écrit 2 045", STREAM_WAIT_MS));
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld/flux", other);
	stream_open(&other_topic, &lea, path);
	assert_true(stream_wait(&other_topic, "retry: 3000", STREAM_WAIT_MS));

	/* Inès gets a seat, then tries Léa's conversation. */
	snprintf(sql, sizeof(sql), "INSERT INTO tutoring_seat (child_id, school_year, granted_at) SELECT 5, school_year, 0 "
				   "FROM tutoring_seat WHERE child_id = 3 AND NOT EXISTS (SELECT 1 FROM tutoring_seat WHERE child_id = 5)");
	assert_int_equal(server_sql(&server, sql), 0);
	sql[0] = '\0';
	child_client(&ines, "Inès K.");
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld/flux", id);
	stream_open(&foreign, &ines, path);
	assert_true(stream_wait(&foreign, "HTTP/1.1 404", STREAM_WAIT_MS));

	post_message(&tuteur, id, "Deux mille quarante-cinq. Appelle-moi au 06 12 34 56 78", 303);
	assert_true(stream_wait(&mine, "Deux mille quarante-cinq", STREAM_WAIT_MS));
	assert_non_null(strstr(mine.data, "[numéro masqué]"));
	assert_null(strstr(mine.data, "06 12 34 56 78"));
	assert_false(stream_wait(&other_topic, "Deux mille", 500));
	assert_false(stream_wait(&foreign, "Deux mille", 200));

	/* The page without JavaScript shows the same answer, with an
	 * "Écouter" link that only the conversation's readers may use. */
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld", id);
	{
		struct response r;
		char listen[64];
		long message = server_query_count(&server, "SELECT max(id) FROM tutoring_message WHERE author_role = 'tuteur'");

		client_get(&ines, path, &r);
		assert_int_equal(r.status, 404);
		response_release(&r);
		client_get(&lea, path, &r);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.body, "Deux mille quarante-cinq"));
		snprintf(listen, sizeof(listen), "/ecouter?message=%ld", message);
		assert_non_null(strstr(r.body, listen));
		response_release(&r);
		client_get(&ines, listen, &r);
		assert_int_equal(r.status, 404);
		response_release(&r);
		/* On PostgreSQL the audio cache would default to the working
		 * folder, so only SQLite (cache in the test folder) reads aloud. */
		if (!getenv("ARDOISE_TEST_PG_URL")) {
			client_get(&lea, listen, &r);
			assert_int_equal(r.status, 303);
			assert_non_null(strstr(r.location, "/audio/"));
			response_release(&r);
		}
	}
	post_message(&ines, id, "Coucou", 404);
	stream_close(&mine);
	stream_close(&other_topic);
	stream_close(&foreign);
	client_release(&lea);
	client_release(&ines);
	client_release(&tuteur);
}

/* A second `ardoise serve` on the same database, as behind nginx; fills
 * `base` and returns its process id. */
static pid_t second_server_start(char *base, size_t size)
{
	char log[400], line[512];
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	const char *bin = getenv("ARDOISE_BIN") ? getenv("ARDOISE_BIN") : "build/ardoise";
	unsigned port = 0;
	int waited;
	pid_t pid;

	snprintf(log, sizeof(log), "%s/second.log", server.dir);
	pid = fork();
	if (pid == 0) {
		FILE *f = freopen(log, "a", stderr);

		/* The test's output is a pipe in scripts: keep it closable. */
		f = freopen("/dev/null", "w", stdout);
		(void)f;
		execl(bin, bin, "serve", "--db", server.db, "--listen", "127.0.0.1:0", "--threads", "2", "--workers", "1", (char *)NULL);
		_exit(127);
	}
	for (waited = 0; waited < 10000 && !port; waited += 20) {
		FILE *f = fopen(log, "r");

		while (f && fgets(line, sizeof(line), f))
			if (strstr(line, "listening address="))
				sscanf(strstr(line, "listening address="), "listening address=http://127.0.0.1:%u/", &port);
		if (f)
			fclose(f);
		if (!port)
			nanosleep(&pause, NULL);
	}
	second_server = pid;
	assert_true(port > 0);
	snprintf(base, size, "http://127.0.0.1:%u", port);
	return pid;
}

/* A message posted on one process reaches a stream held by another one
 * through the poll of the database. */
static void stream_across_processes(void **state)
{
	struct client lea, tuteur;
	struct stream remote;
	char base[64], path[96];
	int status = 0;
	pid_t second;
	long id;

	child_client(&lea, "Léa M.");
	adult_client(&tuteur, "tuteur");
	id = ask(&lea, "Question vue par un autre processus.");
	claim(&tuteur, id, 303);
	second = second_server_start(base, sizeof(base));
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld/flux", id);
	stream_open_at(&remote, &lea, base, path);
	assert_true(stream_wait(&remote, "retry: 3000", STREAM_WAIT_MS));
	post_message(&tuteur, id, "Réponse écrite sur le premier processus.", 303);
	assert_true(stream_wait(&remote, "Réponse écrite sur le premier processus.", STREAM_WAIT_MS));
	stream_close(&remote);
	kill(second, SIGTERM);
	waitpid(second, &status, 0);
	second_server = 0;
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	client_release(&lea);
	client_release(&tuteur);
}

static void tuteur_post(struct client *c, const char *path, const char *fields, long expected)
{
	char csrf[64], body[1024];
	struct response r;

	csrf_of(c, "/tuteur", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s%s", csrf, fields);
	client_post(c, path, body, &r);
	if (r.status != expected)
		fail_msg("POST %s %s: expected %ld, got %ld: %.300s", path, fields, expected, r.status, r.body);
	response_release(&r);
}

static long question_count(long id, const char *condition)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tutoring_question WHERE id = %ld AND %s", id, condition);
	return server_query_count(&server, sql);
}

/* Hand-over, close, reopen, ready-made answers and resource links. */
static void tuteur_console_actions(void **state)
{
	struct client lea, tuteur, colleague;
	char hash[PASSWORD_HASH_BYTES], sql[1024], path[96], fields[256], condition[128];
	long id, colleague_id, snippet;
	struct response r;

	assert_int_equal(password_hash(TUTEUR_PASSWORD, hash), 0);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO account (role, login, first_name, last_initial, avatar, secret_hash, active, created_at) "
		 "VALUES ('tuteur', 'tuteur.collegue', 'Marc', 'C.', 'hibou', '%s', 1, 0);"
		 "INSERT INTO role_grant (account_id, role, organisation_id) SELECT a.id, 'tuteur', o.id FROM account a, organisation o "
		 "WHERE a.login = 'tuteur.collegue' AND o.kind = 'operateur';", hash);
	assert_int_equal(server_sql(&server, sql), 0);
	colleague_id = server_query_count(&server, "SELECT id FROM account WHERE login = 'tuteur.collegue'");
	child_client(&lea, "Léa M.");
	adult_client(&tuteur, "tuteur");
	client_init(&colleague, &server);
	assert_int_equal(sign_in_adult(&colleague, "tuteur.collegue", TUTEUR_PASSWORD), 0);
	id = ask(&lea, "Question passée de main en main.");
	claim(&tuteur, id, 303);
	/* The state line speaks to the child, and of the question to adults. */
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld", id);
	client_get(&tuteur, path, &r);
	assert_non_null(strstr(r.body, "La question est prise en charge par"));
	assert_null(strstr(r.body, "Ta question"));
	assert_non_null(strstr(r.body, "Votre réponse"));
	response_release(&r);
	client_get(&lea, path, &r);
	assert_non_null(strstr(r.body, "Ta question est prise en charge par"));
	response_release(&r);

	snprintf(path, sizeof(path), "/tuteur/question/%ld/passer", id);
	tuteur_post(&tuteur, path, "&collegue=999999", 400);
	snprintf(fields, sizeof(fields), "&collegue=%ld", colleague_id);
	tuteur_post(&tuteur, path, fields, 303);
	snprintf(condition, sizeof(condition), "claimed_by = %ld", colleague_id);
	assert_int_equal(question_count(id, condition), 1);
	snprintf(path, sizeof(path), "/tuteur/question/%ld/fermer", id);
	tuteur_post(&tuteur, path, "", 409);
	post_message(&tuteur, id, "Je ne tiens plus la question.", 403);

	/* The colleague answers with a resource of the base, then closes. */
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld", id);
	/* A refused answer comes back in the conversation's form, text kept. */
	tuteur_post(&colleague, path, "&genre=activite&activite=inconnue&texte=Regarde+bien", 422);
	{
		char csrf[64], body[256];

		csrf_of(&colleague, "/tuteur", csrf, sizeof(csrf));
		snprintf(body, sizeof(body), "csrf=%s&genre=activite&activite=inconnue&texte=Regarde+bien", csrf);
		client_post(&colleague, path, body, &r);
		assert_int_equal(r.status, 422);
		assert_non_null(strstr(r.body, "Cette activité n&#39;existe pas dans la base"));
		assert_non_null(strstr(r.body, ">Regarde bien</textarea>"));
		response_release(&r);
	}
	/* Léa is in CE2: a CM1 activity or a lesson sheet would answer 404 to her. */
	tuteur_post(&colleague, path, "&genre=activite&activite=maths-cm1-fractions-simples&texte=Regarde", 422);
	tuteur_post(&colleague, path, "&genre=activite&activite=fiche-maths-ce2-tables-de-multiplication&texte=Regarde", 422);
	tuteur_post(&colleague, path, "&genre=activite&activite=maths-ce2-nombres-jusqu-a-10000&texte=Refais+celle-ci", 303);
	client_get(&lea, path, &r);
	assert_non_null(strstr(r.body, "href=\"/activite/maths-ce2-nombres-jusqu-a-10000\""));
	response_release(&r);

	/* Links typed in a message stay plain text. */
	post_message(&lea, id, "Regarde https://exemple.fr/aide", 303);
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld", id);
	client_get(&colleague, path, &r);
	assert_non_null(strstr(r.body, "Regarde https://exemple.fr/aide"));
	assert_null(strstr(r.body, "href=\"https://exemple.fr"));
	response_release(&r);
	snprintf(path, sizeof(path), "/tuteur/question/%ld/fermer", id);
	tuteur_post(&colleague, path, "", 303);
	assert_int_equal(question_count(id, "status = 'closed'"), 1);

	/* The child writes again: back in the queue, first in line. */
	post_message(&lea, id, "J'ai encore une question.", 303);
	assert_int_equal(question_count(id, "status = 'waiting' AND priority = 1 AND claimed_by IS NULL"), 1);
	claim(&colleague, id, 303);
	tuteur_post(&colleague, path, "", 303);
	snprintf(path, sizeof(path), "/tuteur/question/%ld/rouvrir", id);
	tuteur_post(&tuteur, path, "", 303);
	assert_int_equal(question_count(id, "status = 'waiting'"), 1);
	tuteur_post(&tuteur, path, "", 409);

	/* A ready-made answer, sent with an empty text. */
	claim(&tuteur, id, 303);
	tuteur_post(&tuteur, "/tuteur/reponses", "&titre=Milliers&texte=Compte+d%27abord+les+milliers.", 303);
	snippet = server_query_count(&server, "SELECT max(id) FROM tutoring_snippet");
	assert_true(snippet > 0);
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld", id);
	snprintf(fields, sizeof(fields), "&genre=texte&modele=%ld&texte=", snippet);
	tuteur_post(&tuteur, path, fields, 303);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tutoring_message WHERE question_id = %ld AND body = 'Compte d''abord les milliers.'", id);
	assert_int_equal(server_query_count(&server, sql), 1);
	/* Another tuteur's ready-made answer is not found. */
	snprintf(fields, sizeof(fields), "/tuteur/reponses/%ld/supprimer", snippet);
	tuteur_post(&colleague, fields, "", 404);
	tuteur_post(&tuteur, fields, "", 303);
	client_release(&lea);
	client_release(&tuteur);
	client_release(&colleague);
}

/* The adults who follow the child read the conversation; they never write. */
static void followers_read_only(void **state)
{
	struct client lea, anim, financeur;
	struct response r;
	char path[64];
	long id;

	child_client(&lea, "Léa M.");
	id = ask(&lea, "Question pour l'animateur aussi.");
	snprintf(path, sizeof(path), "/tutorat/conversation/%ld", id);
	adult_client(&anim, "accompagnateur");
	client_get(&anim, path, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "name=\"texte\""));
	response_release(&r);
	post_message(&anim, id, "Bonjour", 403);
	client_get(&anim, "/groupe/1", &r);
	assert_non_null(strstr(r.body, "href=\"/eleve/3/tutorat\""));
	response_release(&r);
	client_get(&anim, "/eleve/3/tutorat", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, path));
	response_release(&r);
	adult_client(&financeur, "financeur");
	client_get(&financeur, path, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_get(&financeur, "/eleve/3/tutorat", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&lea);
	client_release(&anim);
	client_release(&financeur);
}

static void save_hours(struct client *op, const char *fields, long expected)
{
	char csrf[64], body[1024];
	struct response r;

	csrf_of(op, "/operateur/tutorat", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s%s", csrf, fields);
	client_post(op, "/operateur/tutorat/horaires", body, &r);
	if (r.status != expected)
		fail_msg("hours %s: expected %ld, got %ld", fields, expected, r.status);
	response_release(&r);
}

static void opening_hours_change_the_status(void **state)
{
	struct client op, lea;
	struct response r;

	adult_client(&op, "operateur");
	child_client(&lea, "Léa M.");
	save_hours(&op, "", 303);
	client_get(&lea, "/tutorat", &r);
	assert_non_null(strstr(r.body, "Tu auras une réponse dès leur retour"));
	response_release(&r);
	save_hours(&op, "&ouvre0=00:00&ferme0=24:00&ouvre1=0h&ferme1=24h&ouvre2=00:00&ferme2=24:00&ouvre3=00:00&ferme3=24:00"
			"&ouvre4=00:00&ferme4=24:00&ouvre5=00:00&ferme5=24:00&ouvre6=00:00&ferme6=24:00", 303);
	client_get(&lea, "/tutorat", &r);
	assert_non_null(strstr(r.body, "Attente estimée"));
	response_release(&r);
	save_hours(&op, "&ouvre1=19:00&ferme1=16:30", 400);
	save_hours(&op, "&ouvre1=25:00&ferme1=26:00", 400);
	client_get(&lea, "/operateur/tutorat", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&op);
	client_release(&lea);
}

/* A report reaches the opérateur's list and can be closed. */
static void report_reaches_operator(void **state)
{
	struct client lea, op;
	struct response r;
	char csrf[64], body[256], path[96];
	long id, message;

	child_client(&lea, "Léa M.");
	id = ask(&lea, "Mon mail est lea.m@exemple.fr");
	snprintf(path, sizeof(path), "SELECT id FROM tutoring_message WHERE question_id = %ld", id);
	message = server_query_count(&server, path);
	assert_true(message > 0);
	snprintf(path, sizeof(path), "SELECT flagged FROM tutoring_message WHERE id = %ld", message);
	assert_int_equal(server_query_count(&server, path), 1);
	csrf_of(&lea, "/tutorat", csrf, sizeof(csrf));
	snprintf(path, sizeof(path), "/tutorat/message/%ld/signaler", message);
	snprintf(body, sizeof(body), "csrf=%s&raison=test", csrf);
	client_post(&lea, path, body, &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	adult_client(&op, "operateur");
	client_get(&op, "/operateur/tutorat/signalements", &r);
	assert_non_null(strstr(r.body, "[adresse e-mail masquée]"));
	assert_non_null(strstr(r.body, "lea.m@exemple.fr")); /* the original, for review */
	assert_non_null(strstr(r.body, "Coordonnées masquées"));
	/* The tuteur's masked phone number of an earlier test is listed too. */
	assert_non_null(strstr(r.body, "06 12 34 56 78"));
	response_release(&r);
	client_get(&op, "/operateur/tutorat/indicateurs", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Tous les tuteurs"));
	response_release(&r);
	client_release(&lea);
	client_release(&op);
}

/* The data export of a child (GDPR access) carries their conversations. */
static void export_includes_conversations(void **state)
{
	struct client lea, admin;
	struct response r;

	child_client(&lea, "Léa M.");
	ask(&lea, "Question pour l'export des données.");
	adult_client(&admin, "administrateur");
	client_get(&admin, "/admin/compte/3/donnees.json", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"tutoring\""));
	assert_non_null(strstr(r.body, "Question pour l'export des données."));
	response_release(&r);
	client_release(&lea);
	client_release(&admin);
}

/* ardoise purge erases the conversations past their retention, with their
 * messages, and keeps the recent ones. */
static void purge_erases_old_conversations(void **state)
{
	struct client lea;
	char command[1024], sql[256];
	long old, recent;

	child_client(&lea, "Léa M.");
	old = ask(&lea, "Une vieille question.");
	recent = ask(&lea, "Une question récente.");
	snprintf(sql, sizeof(sql), "UPDATE tutoring_question SET last_message_at = 1000 WHERE id = %ld", old);
	assert_int_equal(server_sql(&server, sql), 0);
	snprintf(command, sizeof(command), "'%s' purge --db '%s' --tutoring-days 30 > /dev/null",
		 getenv("ARDOISE_BIN") ? getenv("ARDOISE_BIN") : "build/ardoise", server.db);
	assert_int_equal(system(command), 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tutoring_question WHERE id = %ld", old);
	assert_int_equal(server_query_count(&server, sql), 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tutoring_message WHERE question_id = %ld", old);
	assert_int_equal(server_query_count(&server, sql), 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tutoring_question WHERE id = %ld", recent);
	assert_int_equal(server_query_count(&server, sql), 1);
	client_release(&lea);
}

/* A child may have TUTOR_WAITING_MAX_PER_CHILD (10) questions waiting;
 * the next one is rejected with 429 and the typed text kept. */
static void waiting_questions_are_capped(void **state)
{
	char csrf[64], body[256];
	struct client lea;
	struct response r;
	long waiting;

	child_client(&lea, "Léa M.");
	waiting = server_query_count(&server, "SELECT count(*) FROM tutoring_question WHERE child_id = 3 AND status = 'waiting'");
	assert_true(waiting >= 0 && waiting <= 10);
	for (; waiting < 10; waiting++)
		ask(&lea, "Encore une question.");
	csrf_of(&lea, "/tutorat", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s&origine=aide&texte=La+onzi%%C3%%A8me", csrf);
	client_post(&lea, "/tutorat/demander", body, &r);
	assert_int_equal(r.status, 429);
	assert_non_null(strstr(r.body, "10 questions qui attendent"));
	assert_non_null(strstr(r.body, "La onzième"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM tutoring_question WHERE child_id = 3 AND status = 'waiting'"), 10);
	client_release(&lea);
}

static int setup(void **state)
{
	server_start(&server);
	return 0;
}

static int teardown(void **state)
{
	/* A failed check leaves the second server running. */
	if (second_server > 0) {
		kill(second_server, SIGTERM);
		waitpid(second_server, NULL, 0);
	}
	assert_int_equal(server_stop(&server), 0);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(asking_needs_a_seat),
		cmocka_unit_test(result_question_keeps_context),
		cmocka_unit_test(claim_race_has_one_winner),
		cmocka_unit_test(live_stream_reaches_only_readers),
		cmocka_unit_test(stream_across_processes),
		cmocka_unit_test(tuteur_console_actions),
		cmocka_unit_test(followers_read_only),
		cmocka_unit_test(opening_hours_change_the_status),
		cmocka_unit_test(report_reaches_operator),
		cmocka_unit_test(export_includes_conversations),
		cmocka_unit_test(purge_erases_old_conversations),
		cmocka_unit_test(waiting_questions_are_capped),
	};

	return cmocka_run_group_tests_name("http_tutoring", tests, setup, teardown);
}
