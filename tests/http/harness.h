/*
 * harness: starts the real `ardoise` server on a free loopback port with a
 * fresh database (init --demo), and drives it with libcurl. Each client
 * keeps its own cookies, like one browser.
 *
 * The database is a SQLite file in the server's temporary folder or, when
 * ARDOISE_TEST_PG_URL names a PostgreSQL server, a new database on that
 * server, dropped by server_stop.
 */
#ifndef ARDOISE_TESTS_HARNESS_H
#define ARDOISE_TESTS_HARNESS_H

#include <curl/curl.h>
#include <stddef.h>
#include <sys/types.h>

#define HARNESS_MAX_ACCOUNTS 16

struct demo_account {
	char role[32];
	char login[64];  /* adults: the login; children: "Léa M." */
	char secret[64]; /* password, or the pictures "chat soleil arbre" */
	char level[8];
};

struct server {
	char dir[256];      /* temporary folder with the database and logs */
	char db[300];       /* the --db value: a file path or a PostgreSQL URL */
	char pg_database[32]; /* the scratch database's name, empty on SQLite */
	char log[300];
	char base[64];      /* "http://127.0.0.1:PORT" */
	pid_t pid;
	struct demo_account accounts[HARNESS_MAX_ACCOUNTS];
	size_t account_count;
};

struct response {
	long status;
	char *body;
	size_t len;
	char location[512];
	char content_type[128];
	char headers[4096];
};

struct client {
	CURL *curl;
	struct server *server;
};

/* Start a server; aborts the test on failure. */
void server_start(struct server *s);
/* The same with more `ardoise serve` options, a NULL-terminated list. */
void server_start_with(struct server *s, const char *const *extra);
/* SIGTERM the server and return its exit status (0 expected). */
int server_stop(struct server *s);
/* The demo account of this role (first match) or child first name. */
const struct demo_account *server_account(const struct server *s, const char *role_or_name);
/* Run a single-value query (such as a count) on the server's database
 * through db.h; returns the value, or -1 on failure. */
long server_query_count(const struct server *s, const char *sql);

/* Run SQL statements on the server's database (test set-up only). */
int server_sql(const struct server *s, const char *sql);

void client_init(struct client *c, struct server *s);
void client_release(struct client *c);
/* GET or POST (urlencoded body) without following redirects. */
void client_get(struct client *c, const char *path, struct response *r);
void client_post(struct client *c, const char *path, const char *body, struct response *r);
/* POST multipart/form-data: the CSRF token and one file field `field`
 * named `filename` holding `len` bytes of `data`. */
void client_post_file(struct client *c, const char *path, const char *csrf, const char *field,
		      const char *filename, const void *data, size_t len, struct response *r);
void response_release(struct response *r);
/* pdftotext of a PDF body, whitespace collapsed to single spaces (malloc'd);
 * NULL when pdftotext cannot run. */
char *response_pdf_text(const struct response *r);

/* Copy the value of the first hidden input `name` of the page into out. */
int page_hidden(const struct response *r, const char *name, char *out, size_t size);
/* URL-encode a form value into out. */
void form_escape(struct client *c, const char *value, char *out, size_t size);

/* Sign in through the real pages; return 0 on success. */
int sign_in_adult(struct client *c, const char *login, const char *password);
int sign_in_child(struct client *c, const char *first_name_initial);

#endif
