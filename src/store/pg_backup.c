/* PostgreSQL backup and restore behind db_backup and db_restore (db.h):
 * pg_dump and pg_restore run as child processes, without a shell, on the
 * parameters of the connection's URL. The password goes through the
 * child's PGPASSWORD variable: a command line is readable by every local
 * user (ps), an environment only by the same user. */
#include "store/backup_internal.h"

#include <errno.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/log.h"

#define PG_PASSWORD_VAR "PGPASSWORD="

extern char **environ;

/* Append " key='value'" quoted as libpq connection strings require. */
static void conninfo_add(struct buf *b, const char *key, const char *value)
{
	buf_addf(b, "%s%s='", b->len ? " " : "", key);
	for (; *value; value++) {
		if (*value == '\'' || *value == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *value);
	}
	buf_addc(b, '\'');
}

/* Split `url` into a connection string without the password (free it) and
 * the password (free it; NULL when the URL has none). NULL on error. */
static char *conninfo_from_url(const char *url, char **password, char *err, size_t errlen)
{
	struct buf b = BUF_INIT(0);
	PQconninfoOption *options = PQconninfoParse(url, NULL), *o;
	char *text = NULL;

	*password = NULL;
	if (!options) {
		snprintf(err, errlen, _("adresse PostgreSQL invalide"));
		return NULL;
	}
	for (o = options; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (strcmp(o->keyword, "password") == 0)
			*password = strdup(o->val);
		else
			conninfo_add(&b, o->keyword, o->val);
	}
	PQconninfoFree(options);
	text = buf_detach(&b, NULL);
	if (!text)
		snprintf(err, errlen, _("mémoire insuffisante"));
	return text;
}

/* The current environment with PGPASSWORD set to `assignment`
 * ("PGPASSWORD=..."). Free the array only: its strings are borrowed. */
static char **env_with_password(char *assignment)
{
	size_t count = 0, i, n = 0;
	char **env;

	while (environ[count])
		count++;
	env = calloc(count + 2, sizeof(*env));
	if (!env)
		return NULL;
	for (i = 0; i < count; i++)
		if (strncmp(environ[i], PG_PASSWORD_VAR, strlen(PG_PASSWORD_VAR)) != 0)
			env[n++] = environ[i];
	env[n] = assignment;
	return env;
}

/* Spawn argv[0], looked up on PATH, with PGPASSWORD set to `password`
 * when there is one and the environment unchanged otherwise. */
static int child_spawn(pid_t *pid, char *const argv[], const char *password)
{
	struct buf assignment = BUF_INIT(0);
	char **env = environ;
	int rc;

	if (password) {
		buf_addf(&assignment, "%s%s", PG_PASSWORD_VAR, password);
		env = buf_failed(&assignment) ? NULL : env_with_password(assignment.data);
	}
	rc = env ? posix_spawnp(pid, argv[0], NULL, NULL, argv, env) : ENOMEM;
	if (env != environ)
		free(env);
	if (assignment.data)
		sodium_memzero(assignment.data, assignment.len);
	buf_release(&assignment);
	return rc;
}

/* Run argv[0] (looked up on PATH) and wait for it. Its messages go to our
 * stderr. Returns 0 when it exits with status 0. */
static int child_run(char *const argv[], const char *password, char *err, size_t errlen)
{
	pid_t pid;
	int status = 0, rc;

	rc = child_spawn(&pid, argv, password);
	if (rc == ENOENT) {
		snprintf(err, errlen, _("programme « %s » introuvable : installez le paquet postgresql-client-15."), argv[0]);
		return -1;
	}
	if (rc != 0) {
		snprintf(err, errlen, _("impossible de lancer « %s » : %s"), argv[0], strerror(rc));
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		snprintf(err, errlen, _("%s a échoué (code %d) : voir ses messages ci-dessus."), argv[0], WEXITSTATUS(status));
	else
		snprintf(err, errlen, _("%s a été arrêté par le signal %d."), argv[0], WTERMSIG(status));
	log_error("child failed program=%s status=%d", argv[0], status);
	return -1;
}

int pg_backup(struct db *db, const char *tmp, db_progress_fn *progress, void *arg, char *err, size_t errlen)
{
	char *password = NULL;
	char *conninfo = conninfo_from_url(pg_connection_url(db), &password, err, errlen);
	int rc = -1;

	if (conninfo) {
		/* --no-password: fail at once instead of prompting on a terminal. */
		char *const argv[] = { "pg_dump", "--format=custom", "--no-password", "--file", (char *)tmp,
				       "--dbname", conninfo, NULL };
		rc = child_run(argv, password, err, errlen);
	}
	free(conninfo);
	free(password);
	return rc;
}

int pg_restore(struct db *db, const char *src, db_progress_fn *progress, void *arg, char *err, size_t errlen)
{
	char *password = NULL;
	char *conninfo = conninfo_from_url(pg_connection_url(db), &password, err, errlen);
	int rc = -1;

	if (conninfo) {
		/* One transaction: a failed restore leaves the database as it was. */
		char *const argv[] = { "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
				       "--no-password", "--dbname", conninfo, "--", (char *)src, NULL };
		rc = child_run(argv, password, err, errlen);
	}
	free(conninfo);
	free(password);
	return rc;
}
