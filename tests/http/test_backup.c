/* ardoise backup while the server runs, then ardoise restore into a new
 * database and a server on it: accounts and attempts come back. Runs on
 * SQLite, and on PostgreSQL when ARDOISE_TEST_PG_URL is set. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "pg_scratch.h"

#define ACTIVITY "maths-ce2-nombres-jusqu-a-10000"
#define START_TIMEOUT_MS 10000

static struct server original, restored;
static char work_dir[64];    /* the backup file and the CLI logs */
static char backup_file[128];
static char result_path[128]; /* "/resultat/N" of the attempt made before the backup */
static long attempts_at_backup, accounts_at_backup;

static const char *binary(void)
{
	const char *bin = getenv("ARDOISE_BIN");

	return bin ? bin : "build/ardoise";
}

/* Run `ardoise ARGS...` with its output appended to work_dir/cli.log;
 * returns its exit status. */
static int ardoise_run(const char *first, ...)
{
	const char *argv[16] = { binary() };
	char log[128];
	size_t n = 1;
	va_list ap;
	pid_t pid;
	int status = 0;

	va_start(ap, first);
	for (argv[n] = first; argv[n] && n < 15; argv[n] = va_arg(ap, const char *))
		n++;
	va_end(ap);
	argv[n] = NULL;
	snprintf(log, sizeof(log), "%s/cli.log", work_dir);
	pid = fork();
	if (pid == 0) {
		if (!freopen(log, "a", stdout) || !freopen(log, "a", stderr))
			_exit(126);
		execv(binary(), (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Start `ardoise serve` on the existing database `db`, with the accounts
 * of `from`. server_stop then removes s->dir and drops s->pg_database. */
static void serve_existing(struct server *s, const struct server *from, const char *db, const char *pg_name)
{
	struct timespec pause = { 0, 20 * 1000000 };
	char templ[] = "/tmp/ardoise-test-XXXXXX", line[1024], *p;
	unsigned port = 0;
	int waited;
	FILE *f;

	memset(s, 0, sizeof(*s));
	assert_non_null(mkdtemp(templ));
	snprintf(s->dir, sizeof(s->dir), "%s", templ);
	snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
	snprintf(s->db, sizeof(s->db), "%s", db);
	snprintf(s->pg_database, sizeof(s->pg_database), "%s", pg_name);
	memcpy(s->accounts, from->accounts, sizeof(s->accounts));
	s->account_count = from->account_count;
	s->pid = fork();
	if (s->pid == 0) {
		if (!freopen(s->log, "a", stderr))
			_exit(126);
		execl(binary(), binary(), "serve", "--db", s->db, "--listen", "127.0.0.1:0", "--threads", "2",
		      "--workers", "2", (char *)NULL);
		_exit(127);
	}
	for (waited = 0; waited < START_TIMEOUT_MS && !port; waited += 20) {
		f = fopen(s->log, "r");
		while (f && fgets(line, sizeof(line), f))
			if ((p = strstr(line, "listening address=")))
				sscanf(p, "listening address=http://127.0.0.1:%u/", &port);
		if (f)
			fclose(f);
		if (!port)
			nanosleep(&pause, NULL);
	}
	assert_int_not_equal(port, 0);
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%u", port);
}

/* Open the activity and submit one answer; returns the status and copies
 * the redirect target into `location`. */
static long attempt_submit(struct client *c, char *location, size_t size)
{
	struct response r;
	char csrf[64], key[64], version[16], body[512];
	long status;

	client_get(c, "/activite/" ACTIVITY, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	assert_int_equal(page_hidden(&r, "version", version, sizeof(version)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=%s&debut=0&q0=1&q1=3+506", csrf, key, version);
	client_post(c, "/activite/" ACTIVITY, body, &r);
	status = r.status;
	snprintf(location, size, "%s", r.location);
	response_release(&r);
	return status;
}

static int setup(void **state)
{
	char templ[] = "/tmp/ardoise-backup-XXXXXX";

	if (!mkdtemp(templ))
		return -1;
	snprintf(work_dir, sizeof(work_dir), "%s", templ);
	snprintf(backup_file, sizeof(backup_file), "%s/ardoise.sauvegarde", work_dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	if (getenv("ARDOISE_KEEP_TEST_DIR"))
		return 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", work_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void backup_usage_errors(void **state)
{
	assert_int_equal(ardoise_run("backup", "--help", NULL), 0);
	assert_int_equal(ardoise_run("restore", "--help", NULL), 0);
	assert_int_equal(ardoise_run("backup", "--db", "x.db", NULL), 2);
	assert_int_equal(ardoise_run("restore", "--from", NULL), 2);
	assert_int_equal(ardoise_run("backup", "--out", "x", "--bogus", NULL), 2);
	assert_int_equal(ardoise_run("backup", "--db", "/nonexistent/ardoise.db", "--out", backup_file, NULL), 1);
	assert_int_equal(ardoise_run("restore", "--db", "/nonexistent/r.db", "--from", "/nonexistent/b", NULL), 1);
}

static void backup_while_serving(void **state)
{
	struct client c;
	char location[512];

	server_start(&original);
	client_init(&c, &original);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	assert_int_equal(attempt_submit(&c, result_path, sizeof(result_path)), 303);
	assert_non_null(strstr(result_path, "/resultat/"));
	attempts_at_backup = server_query_count(&original, "SELECT count(*) FROM attempt");
	accounts_at_backup = server_query_count(&original, "SELECT count(*) FROM account");
	assert_true(attempts_at_backup >= 1);
	assert_true(accounts_at_backup >= 8);

	assert_int_equal(ardoise_run("backup", "--db", original.db, "--out", backup_file, NULL), 0);
	assert_int_equal(access(backup_file, R_OK), 0);
	/* An existing file is kept unless --force. */
	assert_int_equal(ardoise_run("backup", "--db", original.db, "--out", backup_file, NULL), 1);

	/* Written after the backup, so absent from the restored copy. */
	assert_int_equal(attempt_submit(&c, location, sizeof(location)), 303);
	assert_int_equal(server_query_count(&original, "SELECT count(*) FROM attempt"), attempts_at_backup + 1);
	client_release(&c);
	assert_int_equal(server_stop(&original), 0);
}

/* The new database to restore into: a file, or a fresh PostgreSQL one. */
static void restore_target(char *url, size_t size, char *pg_name, size_t name_size)
{
	pg_name[0] = '\0';
	if (!pg_scratch_server()) {
		snprintf(url, size, "%s/restored.db", work_dir);
		return;
	}
	assert_int_equal(pg_scratch_create(pg_scratch_server(), pg_name, name_size, url, size), 0);
}

static void restore_and_serve(void **state)
{
	char url[300], pg_name[PG_SCRATCH_NAME_MAX];
	struct client c;
	struct response r;

	restore_target(url, sizeof(url), pg_name, sizeof(pg_name));
	assert_int_equal(ardoise_run("restore", "--db", url, "--from", backup_file, NULL), 0);
	/* A second restore over the now filled database needs --force. */
	assert_int_equal(ardoise_run("restore", "--db", url, "--from", backup_file, NULL), 1);
	assert_int_equal(ardoise_run("restore", "--db", url, "--from", backup_file, "--force", NULL), 0);

	serve_existing(&restored, &original, url, pg_name);
	assert_int_equal(server_query_count(&restored, "SELECT count(*) FROM attempt"), attempts_at_backup);
	assert_int_equal(server_query_count(&restored, "SELECT count(*) FROM account"), accounts_at_backup);

	/* The child signs in with the restored secret and opens the result. */
	client_init(&c, &restored);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	client_get(&c, result_path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "/ 5"));
	response_release(&r);
	client_release(&c);
	assert_int_equal(server_stop(&restored), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backup_usage_errors),
		cmocka_unit_test(backup_while_serving),
		cmocka_unit_test(restore_and_serve),
	};

	return cmocka_run_group_tests_name("http_backup", tests, setup, teardown);
}
