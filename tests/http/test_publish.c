/* Publishing content packages: who may, the check report, bad archives
 * refused with nothing published, a new version that leaves old results
 * readable, and a publish while children's requests run. */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define FRACTIONS "maths-cm1-fractions-simples"
#define FRACTIONS_FILE "mathematiques/fractions/cm1-fractions-simples.md"

static struct server server;
static char work[300]; /* scratch folder for the packages */

static int run(const char *command)
{
	int rc = system(command);

	if (rc != 0)
		print_error("command failed (%d): %s\n", rc, command);
	return rc;
}

static int server_up(void **state)
{
	char cmd[800];

	snprintf(work, sizeof(work), "/tmp/ardoise-test-publish-%ld", (long)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", work, work);
	if (run(cmd) != 0)
		return -1;
	server_start(&server);
	return 0;
}

static int server_down(void **state)
{
	char cmd[400];

	assert_int_equal(server_stop(&server), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", work);
	return run(cmd) == 0 ? 0 : -1;
}

static void operator_client(struct client *c)
{
	const struct demo_account *a = server_account(&server, "operateur");

	assert_non_null(a);
	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

/* Read a whole file into a malloc'ed buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	*len = fread(data, 1, (size_t)n, f);
	fclose(f);
	return data;
}

/* Upload the file `archive` of the scratch folder; the check page is in r. */
static void upload(struct client *c, const char *archive, struct response *r)
{
	struct response page;
	char csrf[128], path[600];
	size_t len;
	char *data;

	client_get(c, "/operateur/contenu", &page);
	assert_int_equal(page.status, 200);
	assert_int_equal(page_hidden(&page, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&page);
	snprintf(path, sizeof(path), "%s/%s", work, archive);
	data = slurp(path, &len);
	client_post_file(c, "/operateur/contenu", csrf, "paquet", archive, data, len, r);
	free(data);
}

/* The package id in the publish form of a check page, or -1. */
static long package_id(const struct response *r)
{
	const char *p = strstr(r->body, "action=\"/operateur/contenu/");

	return p ? strtol(p + strlen("action=\"/operateur/contenu/"), NULL, 10) : -1;
}

static long publish(struct client *c, long id, struct response *r)
{
	struct response page;
	char csrf[128], path[96], body[200];

	client_get(c, "/operateur/contenu", &page);
	assert_int_equal(page_hidden(&page, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&page);
	snprintf(path, sizeof(path), "/operateur/contenu/%ld/publier", id);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	client_post(c, path, body, r);
	return r->status;
}

/* Copy the real content into work/NAME, for a package to change. */
static void content_copy(const char *name)
{
	char cmd[800];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s/%s' && cp -r content '%s/%s'", work, name, work, name);
	assert_int_equal(run(cmd), 0);
}

/* Write version 2 of the fractions activity into work/NAME, with a new
 * first question; `raise_version` false keeps "version: 1". */
static void fractions_v2(const char *name, bool raise_version)
{
	char cmd[1200];

	snprintf(cmd, sizeof(cmd),
		 "sed -i -e 's/^version: 1$/version: %d/' -e 's/Une pizza est coupée en 8 parts égales/Une tarte est coupée en 8 parts égales/' "
		 "'%s/%s/" FRACTIONS_FILE "'",
		 raise_version ? 2 : 1, work, name);
	assert_int_equal(run(cmd), 0);
}

static void tar_gz(const char *dir, const char *archive)
{
	char cmd[800];

	snprintf(cmd, sizeof(cmd), "cd '%s' && tar czf '%s' -C '%s' .", work, archive, dir);
	assert_int_equal(run(cmd), 0);
}

static void only_operators(void **state)
{
	static const char *const who[] = { "Inès K.", "accompagnateur", "administrateur", "financeur" };
	struct client c;
	struct response r;
	const struct demo_account *a;
	size_t i;

	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		client_init(&c, &server);
		a = server_account(&server, who[i]);
		if (i == 0)
			assert_int_equal(sign_in_child(&c, who[i]), 0);
		else
			assert_int_equal(sign_in_adult(&c, a->login, a->secret), 0);
		client_get(&c, "/operateur/contenu", &r);
		if (r.status != 403)
			fail_msg("%s: status %ld, expected 403", who[i], r.status);
		response_release(&r);
		client_release(&c);
	}
}

struct bad_case {
	const char *archive;
	const char *make;  /* shell command run in the scratch folder */
	const char *words; /* part of the French message */
};

static void bad_archives_rejected(void **state)
{
	static const struct bad_case cases[] = {
		{ "texte.tar.gz", "echo 'pas une archive' > texte.tar.gz", "n’est pas une archive .tar.gz ou .zip" },
		{ "remonte.tar.gz", "mkdir -p r && echo x > r/a.md && tar czf remonte.tar.gz -P --transform='s,^r/,../,' r/a.md",
		  "chemin qui remonte avec .." },
		{ "absolu.tar.gz", "mkdir -p abs && echo x > abs/a.md && tar czf absolu.tar.gz -P \"$PWD/abs/a.md\"", "chemin absolu" },
		{ "lien.tar.gz", "mkdir -p l && ln -sf /etc/passwd l/lien.md && tar czf lien.tar.gz -C l lien.md",
		  "les liens ne sont pas acceptés" },
		{ "bombe.tar.gz", "mkdir -p b && head -c 70000000 /dev/zero > b/gros.md && tar czf bombe.tar.gz -C b gros.md && rm b/gros.md",
		  "archive trop grosse une fois décompressée" },
		{ "lien.zip", "mkdir -p z && ln -sf /etc/passwd z/lien.md && cd z && zip -q -y ../lien.zip lien.md",
		  "les liens ne sont pas acceptés" },
	};
	struct client c;
	struct response r;
	char cmd[1200];
	long before = server_query_count(&server, "SELECT count(*) FROM activity");
	size_t i;

	operator_client(&c);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(cmd, sizeof(cmd), "cd '%s' && %s", work, cases[i].make);
		assert_int_equal(run(cmd), 0);
		upload(&c, cases[i].archive, &r);
		if (r.status != 422 || !strstr(r.body, cases[i].words))
			fail_msg("%s: status %ld, expected 422 with \"%s\":\n%s", cases[i].archive, r.status, cases[i].words, r.body);
		assert_non_null(strstr(r.body, "Le paquet n&#39;est pas publiable"));
		assert_int_equal(package_id(&r), -1);
		response_release(&r);
	}
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM activity"), before);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM content_package WHERE status <> 'rejected'"), 0);
	client_release(&c);
}

static void broken_content_reported(void **state)
{
	struct client c;
	struct response r;
	char cmd[900];

	content_copy("casse");
	snprintf(cmd, sizeof(cmd), "sed -i 's/^levels: .*/levels: [CM3]/' '%s/casse/" FRACTIONS_FILE "'", work);
	assert_int_equal(run(cmd), 0);
	tar_gz("casse", "casse.tar.gz");
	operator_client(&c);
	upload(&c, "casse.tar.gz", &r);
	assert_int_equal(r.status, 422);
	/* The report names the file inside the package and its line. */
	assert_non_null(strstr(r.body, "<code>" FRACTIONS_FILE ":5: niveau inconnu"));
	response_release(&r);
	client_release(&c);
}

/* Answer the fractions activity as Inès; returns the result page path. */
static void fractions_attempt(struct client *ines, char *location, size_t size)
{
	struct response r;
	char csrf[64], key[64], body[512];

	client_get(ines, "/activite/" FRACTIONS, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Une pizza est coupée"));
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=1&debut=0&q0=1", csrf, key);
	client_post(ines, "/activite/" FRACTIONS, body, &r);
	assert_int_equal(r.status, 303);
	snprintf(location, size, "%s", r.location);
	response_release(&r);
}

struct load {
	atomic_bool stop;
	long requests;
	long failures;
};

/* A child loading pages over and over while the publish runs. */
static void *child_load(void *arg)
{
	struct load *load = arg;
	struct client c;
	struct response r;

	client_init(&c, &server);
	if (sign_in_child(&c, "Yanis D.") != 0) {
		load->failures++;
		return NULL;
	}
	while (!atomic_load(&load->stop)) {
		client_get(&c, load->requests % 2 ? "/eleve/matiere/mathematiques" : "/activite/" FRACTIONS, &r);
		if (r.status != 200 && load->failures++ == 0)
			print_error("child load: status %ld\n", r.status);
		load->requests++;
		response_release(&r);
	}
	client_release(&c);
	return NULL;
}

static void publish_new_version(void **state)
{
	struct client op, ines;
	struct response r;
	char location[512];
	struct load load = { false, 0, 0 };
	pthread_t thread;
	long id, conflict_id;

	client_init(&ines, &server);
	assert_int_equal(sign_in_child(&ines, "Inès K."), 0);
	fractions_attempt(&ines, location, sizeof(location));

	/* Changed text under the same version: refused at publish. */
	operator_client(&op);
	content_copy("meme-version");
	fractions_v2("meme-version", false);
	tar_gz("meme-version", "meme-version.tar.gz");
	upload(&op, "meme-version.tar.gz", &r);
	assert_int_equal(r.status, 200);
	conflict_id = package_id(&r);
	response_release(&r);
	assert_int_equal(publish(&op, conflict_id, &r), 422);
	assert_non_null(strstr(r.body, "augmentez « version »"));
	response_release(&r);

	content_copy("v2");
	fractions_v2("v2", true);
	tar_gz("v2", "v2.tar.gz");
	upload(&op, "v2.tar.gz", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Aucun problème"));
	id = package_id(&r);
	assert_true(id > 0);
	response_release(&r);

	assert_int_equal(pthread_create(&thread, NULL, child_load, &load), 0);
	while (load.requests < 5)
		usleep(10000);
	assert_int_equal(publish(&op, id, &r), 303);
	response_release(&r);
	usleep(200000);
	atomic_store(&load.stop, true);
	pthread_join(thread, NULL);
	assert_int_equal(load.failures, 0);
	assert_true(load.requests > 5);

	/* New requests see version 2; the old result still shows version 1. */
	client_get(&ines, "/activite/" FRACTIONS, &r);
	assert_non_null(strstr(r.body, "Une tarte est coupée"));
	response_release(&r);
	client_get(&ines, location, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Une pizza est coupée"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM activity WHERE id = '" FRACTIONS "'"), 2);
	assert_int_equal(server_query_count(&server, "SELECT activity_version FROM attempt ORDER BY id DESC LIMIT 1"), 1);

	/* A package is published once. */
	assert_int_equal(publish(&op, id, &r), 409);
	response_release(&r);
	client_release(&op);
	client_release(&ines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_operators),
		cmocka_unit_test(bad_archives_rejected),
		cmocka_unit_test(broken_content_reported),
		cmocka_unit_test(publish_new_version),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
