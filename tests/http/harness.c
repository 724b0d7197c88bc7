#include "harness.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pg_scratch.h"
#include "store/db.h"

#define START_TIMEOUT_MS 10000

static const char *binary(void)
{
	const char *bin = getenv("ARDOISE_BIN");

	return bin ? bin : "build/ardoise";
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Parse one line of the demo logins table printed by init --demo. */
static void parse_login_line(struct server *s, char *line)
{
	struct demo_account *a;
	char *p;

	if (s->account_count == HARNESS_MAX_ACCOUNTS)
		return;
	a = &s->accounts[s->account_count];
	memset(a, 0, sizeof(*a));
	if (strncmp(line, "administrateur", 14) == 0 || strncmp(line, "accompagnateur", 14) == 0 ||
	    strncmp(line, "financeur", 9) == 0 || strncmp(line, "tuteur ", 7) == 0) {
		if (sscanf(line, "%31s %63s %63s", a->role, a->login, a->secret) == 3)
			s->account_count++;
		return;
	}
	/* Printed with its accent; stored as account.role spells it. */
	if (strncmp(line, "opérateur", strlen("opérateur")) == 0) {
		if (sscanf(line, "%*s %63s %63s", a->login, a->secret) == 2) {
			snprintf(a->role, sizeof(a->role), "operateur");
			s->account_count++;
		}
		return;
	}
	if (strncmp(line, "élève", strlen("élève")) != 0 || !(p = strstr(line, "DEMO / ")))
		return;
	snprintf(a->role, sizeof(a->role), "eleve");
	p += strlen("DEMO / ");
	/* "Léa M.   arbre chat poisson (CE2)" */
	{
		char first[32], initial[8], p1[16], p2[16], p3[16];
		if (sscanf(p, "%31s %7s %15s %15s %15s (%7[^)])", first, initial, p1, p2, p3, a->level) != 6)
			return;
		snprintf(a->login, sizeof(a->login), "%s %s", first, initial);
		snprintf(a->secret, sizeof(a->secret), "%s %s %s", p1, p2, p3);
		s->account_count++;
	}
}

static void run_init(struct server *s)
{
	char cmd[1024], line[512];
	FILE *out;

	snprintf(cmd, sizeof(cmd), "%s init --db '%s' --demo --sans-audio 2>>%s", binary(), s->db, s->log);
	out = popen(cmd, "r");
	if (!out)
		fail("popen failed: %s", strerror(errno));
	while (fgets(line, sizeof(line), out))
		parse_login_line(s, line);
	if (pclose(out) != 0)
		fail("ardoise init failed, see %s", s->log);
}

/* Wait for "listening address=http://127.0.0.1:PORT/" in the log. */
static void wait_listening(struct server *s)
{
	struct timespec pause = { 0, 20 * 1000000 };
	char line[1024];
	int waited;

	for (waited = 0; waited < START_TIMEOUT_MS; waited += 20) {
		FILE *f = fopen(s->log, "r");
		while (f && fgets(line, sizeof(line), f)) {
			char *p = strstr(line, "listening address=");
			if (p) {
				unsigned port = 0;
				sscanf(p, "listening address=http://127.0.0.1:%u/", &port);
				snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%u", port);
				fclose(f);
				return;
			}
		}
		if (f)
			fclose(f);
		nanosleep(&pause, NULL);
	}
	fail("server did not start in %d ms, see %s", START_TIMEOUT_MS, s->log);
}

void server_start(struct server *s)
{
	server_start_with(s, NULL);
}

void server_start_with(struct server *s, const char *const *extra)
{
	char templ[] = "/tmp/ardoise-test-XXXXXX";
	const char *argv[32] = { binary(), "serve", "--db", NULL, "--listen", "127.0.0.1:0", "--threads", "2", "--workers", "2" };
	size_t argc = 10;

	memset(s, 0, sizeof(*s));
	if (!mkdtemp(templ))
		fail("mkdtemp failed");
	snprintf(s->dir, sizeof(s->dir), "%s", templ);
	snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
	if (!pg_scratch_server())
		snprintf(s->db, sizeof(s->db), "%s/ardoise.db", s->dir);
	else if (pg_scratch_create(pg_scratch_server(), s->pg_database, sizeof(s->pg_database), s->db, sizeof(s->db)) < 0)
		fail("could not create a database on ARDOISE_TEST_PG_URL");
	run_init(s);
	s->pid = fork();
	if (s->pid == 0) {
		FILE *log = freopen(s->log, "a", stderr);
		(void)log;
		argv[3] = s->db;
		while (extra && *extra && argc < 31)
			argv[argc++] = *extra++;
		argv[argc] = NULL;
		execv(binary(), (char *const *)argv);
		_exit(127);
	}
	wait_listening(s);
}

int server_stop(struct server *s)
{
	int status = 0;
	char cmd[600];

	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	waitpid(s->pid, &status, 0);
	s->pid = 0;
	if (s->pg_database[0] && !getenv("ARDOISE_KEEP_TEST_DIR") &&
	    pg_scratch_drop(pg_scratch_server(), s->pg_database) < 0)
		fprintf(stderr, "could not drop database %s\n", s->pg_database);
	if (!getenv("ARDOISE_KEEP_TEST_DIR")) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", s->dir);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

const struct demo_account *server_account(const struct server *s, const char *role_or_name)
{
	size_t i;

	for (i = 0; i < s->account_count; i++)
		if (strcmp(s->accounts[i].role, role_or_name) == 0 ||
		    strcmp(s->accounts[i].login, role_or_name) == 0)
			return &s->accounts[i];
	return NULL;
}

long server_query_count(const struct server *s, const char *sql)
{
	char err[256];
	struct db *db = db_open(s->db, err, sizeof(err));
	long n;

	if (!db) {
		fprintf(stderr, "server_query_count: %s\n", err);
		return -1;
	}
	n = (long)db_query_int(db, sql, -1);
	db_close(db);
	return n;
}

int server_sql(const struct server *s, const char *sql)
{
	char err[256];
	struct db *db = db_open(s->db, err, sizeof(err));
	int rc;

	if (!db) {
		fprintf(stderr, "server_sql: %s\n", err);
		return -1;
	}
	rc = db_exec(db, sql);
	db_close(db);
	return rc;
}

void client_init(struct client *c, struct server *s)
{
	c->server = s;
	c->curl = curl_easy_init();
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c->curl, CURLOPT_ACCEPT_ENCODING, "");
}

void client_release(struct client *c)
{
	curl_easy_cleanup(c->curl);
	c->curl = NULL;
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
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

static size_t on_header(char *data, size_t size, size_t n, void *user)
{
	struct response *r = user;
	size_t len = size * n, used = strlen(r->headers);

	if (used + len < sizeof(r->headers)) {
		memcpy(r->headers + used, data, len);
		r->headers[used + len] = '\0';
	}
	if (len > 10 && strncasecmp(data, "location: ", 10) == 0)
		snprintf(r->location, sizeof(r->location), "%.*s", (int)(len - 12), data + 10);
	if (len > 14 && strncasecmp(data, "content-type: ", 14) == 0)
		snprintf(r->content_type, sizeof(r->content_type), "%.*s", (int)(len - 16), data + 14);
	return len;
}

static void perform(struct client *c, const char *path, struct response *r)
{
	char url[1024];
	CURLcode rc;

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "%s%s", c->server->base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, r);
	rc = curl_easy_perform(c->curl);
	if (rc != CURLE_OK)
		fail("request %s failed: %s", url, curl_easy_strerror(rc));
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
	if (!r->body)
		r->body = calloc(1, 1);
}

void client_get(struct client *c, const char *path, struct response *r)
{
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	perform(c, path, r);
}

void client_post(struct client *c, const char *path, const char *body, struct response *r)
{
	curl_easy_setopt(c->curl, CURLOPT_POST, 1L);
	curl_easy_setopt(c->curl, CURLOPT_COPYPOSTFIELDS, body);
	perform(c, path, r);
}

void client_post_file(struct client *c, const char *path, const char *csrf, const char *field,
		      const char *filename, const void *data, size_t len, struct response *r)
{
	curl_mime *mime = curl_mime_init(c->curl);
	curl_mimepart *part = curl_mime_addpart(mime);

	curl_mime_name(part, "csrf");
	curl_mime_data(part, csrf, CURL_ZERO_TERMINATED);
	part = curl_mime_addpart(mime);
	curl_mime_name(part, field);
	curl_mime_filename(part, filename);
	curl_mime_type(part, "application/octet-stream");
	curl_mime_data(part, data, len);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, mime);
	perform(c, path, r);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(mime);
}

void response_release(struct response *r)
{
	free(r->body);
	r->body = NULL;
}

int page_hidden(const struct response *r, const char *name, char *out, size_t size)
{
	char needle[128];
	const char *p, *end;

	snprintf(needle, sizeof(needle), "name=\"%s\" value=\"", name);
	p = r->body ? strstr(r->body, needle) : NULL;
	if (!p)
		return -1;
	p += strlen(needle);
	end = strchr(p, '"');
	if (!end || (size_t)(end - p) >= size)
		return -1;
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return 0;
}

void form_escape(struct client *c, const char *value, char *out, size_t size)
{
	char *escaped = curl_easy_escape(c->curl, value, 0);

	snprintf(out, size, "%s", escaped ? escaped : "");
	curl_free(escaped);
}

int sign_in_adult(struct client *c, const char *login, const char *password)
{
	struct response r;
	char csrf[64], body[512], l[128], p[128];
	int ok;

	client_get(c, "/connexion", &r);
	ok = page_hidden(&r, "csrf", csrf, sizeof(csrf)) == 0;
	response_release(&r);
	if (!ok)
		return -1;
	form_escape(c, login, l, sizeof(l));
	form_escape(c, password, p, sizeof(p));
	snprintf(body, sizeof(body), "csrf=%s&login=%s&password=%s", csrf, l, p);
	client_post(c, "/connexion/adulte", body, &r);
	ok = r.status == 303 && strcmp(r.location, "/accueil") == 0;
	response_release(&r);
	return ok ? 0 : -1;
}

/* Find the child's link "/connexion/enfant/DEMO/ID" on the names page. */
static int child_link(const struct response *r, const char *name, char *out, size_t size)
{
	const char *p = r->body, *at, *href, *end;

	while ((at = strstr(p, name)) != NULL) {
		href = at;
		while (href > r->body && strncmp(href, "href=\"", 6) != 0)
			href--;
		if (href > r->body) {
			href += 6;
			end = strchr(href, '"');
			if (end && (size_t)(end - href) < size) {
				memcpy(out, href, (size_t)(end - href));
				out[end - href] = '\0';
				return 0;
			}
		}
		p = at + 1;
	}
	return -1;
}

int sign_in_child(struct client *c, const char *name)
{
	const struct demo_account *a = server_account(c->server, name);
	struct response r;
	char link[128], csrf[64], body[512], two[48], escaped[96];
	const char *space;
	int ok;

	if (!a)
		return -1;
	client_get(c, "/connexion/enfant/DEMO", &r);
	ok = child_link(&r, name, link, sizeof(link)) == 0;
	response_release(&r);
	if (!ok)
		return -1;
	client_get(c, link, &r);
	ok = page_hidden(&r, "csrf", csrf, sizeof(csrf)) == 0;
	response_release(&r);
	if (!ok)
		return -1;
	/* Two pictures already chosen, the third one picked now. */
	space = strrchr(a->secret, ' ');
	if (!space)
		return -1;
	snprintf(two, sizeof(two), "%.*s", (int)(space - a->secret), a->secret);
	form_escape(c, two, escaped, sizeof(escaped));
	snprintf(body, sizeof(body), "csrf=%s&pictures=%s&pick=%s", csrf, escaped, space + 1);
	client_post(c, link, body, &r);
	ok = r.status == 303 && strcmp(r.location, "/eleve") == 0;
	response_release(&r);
	return ok ? 0 : -1;
}

/* pdftotext of a PDF body, whitespace collapsed to single spaces (malloc'd). */
char *response_pdf_text(const struct response *r)
{
	char path[] = "/tmp/ardoise-http-pdf-XXXXXX", command[128], *text = calloc(1, 65536), *in, *out;
	int fd = mkstemp(path);
	FILE *p;
	size_t n;

	if (!text || fd < 0 || write(fd, r->body, r->len) != (ssize_t)r->len) {
		if (fd >= 0)
			close(fd);
		free(text);
		return NULL;
	}
	close(fd);
	snprintf(command, sizeof(command), "pdftotext %s - 2>/dev/null", path);
	p = popen(command, "r");
	if (!p) {
		unlink(path);
		free(text);
		return NULL;
	}
	n = fread(text, 1, 65535, p);
	pclose(p);
	unlink(path);
	text[n] = '\0';
	for (in = out = text; *in; in++) {
		char ch = *in == '\n' || *in == '\f' ? ' ' : *in;

		if (ch == ' ' && out > text && out[-1] == ' ')
			continue;
		*out++ = ch;
	}
	*out = '\0';
	return text;
}
