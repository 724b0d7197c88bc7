/*
 * load: children submitting answers as fast as the server takes them, for
 * the durability fault test (kill-test.sh). Each client signs one CE2 demo
 * child in, opens the activity, then posts it again and again, each time
 * with a new idempotency key. Every key whose POST was acknowledged with a
 * 303 is appended to the --acked file at once, so the file lists the
 * answers the server promised to keep.
 *
 *   load --base URL --logins FILE --clients N --seconds S --acked FILE [--insecure]
 *
 * FILE of --logins is the output of `ardoise init --demo`. On SIGUSR1 the
 * client notes how many requests are in flight: the script sends it right
 * before each kill. Prints a summary line, one line per 5xx, and exits 0
 * unless the set-up (sign-in) failed. SIGALRM stops it REQUEST_TIMEOUT_S
 * plus 20 s after the end of the load at the latest.
 */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ACTIVITY "maths-ce2-nombres-jusqu-a-10000"
#define MAX_CLIENTS 256
#define MAX_CHILDREN 16
#define MAX_KILLS 16
#define MAX_5XX_LINES 100
#define KEY_CHARS 43 /* the server's idempotency key length */
#define RETRY_MS 50  /* pause after a failed request (server down) */
#define REQUEST_TIMEOUT_S 10L

struct child {
	char name[64];    /* "Léa M." */
	char secret[64];  /* "soleil arbre maison" */
};

struct response {
	char *body;
	size_t len;
	char location[256];
};

struct client {
	CURL *curl;
	const struct child *child;
	char csrf[64], version[16], key[KEY_CHARS + 1];
	char post[512];
	struct response r;
	bool in_flight;
	long next_ms; /* earliest time of the next POST */
	unsigned seq;
};

struct stats {
	long sent, acked, server_errors, transport_errors, other;
};

static const char *base, *logins_path, *acked_path;
static int client_count = 8;
static long seconds = 5;
static bool insecure;
static struct child children[MAX_CHILDREN];
static int child_count;
static struct client clients[MAX_CLIENTS];
static unsigned run_id;
static struct timespec started;

static volatile sig_atomic_t in_flight;
static volatile sig_atomic_t kills;
static volatile sig_atomic_t in_flight_at_kill[MAX_KILLS];

static void on_usr1(int sig)
{
	if (kills < MAX_KILLS)
		in_flight_at_kill[kills++] = in_flight;
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - started.tv_sec) * 1000 + (t.tv_nsec - started.tv_nsec) / 1000000;
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
	size_t len = size * n;

	if (len > 12 && strncasecmp(data, "location: ", 10) == 0)
		snprintf(r->location, sizeof(r->location), "%.*s", (int)(len - 12), data + 10);
	return len;
}

static void response_clear(struct response *r)
{
	free(r->body);
	memset(r, 0, sizeof(*r));
}

/* Point the handle at `path` (GET, or POST of `body`) and its response. */
static void request_set(struct client *c, const char *path, const char *body)
{
	char url[512];

	response_clear(&c->r);
	snprintf(url, sizeof(url), "%s%s", base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	if (body) {
		curl_easy_setopt(c->curl, CURLOPT_POST, 1L);
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
	} else {
		curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	}
}

/* Run one blocking request; returns the HTTP status or -1. */
static long request_run(struct client *c, const char *path, const char *body)
{
	long status = -1;

	request_set(c, path, body);
	if (curl_easy_perform(c->curl) != CURLE_OK)
		return -1;
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

static int hidden_field(const struct response *r, const char *name, char *out, size_t size)
{
	char needle[96];
	const char *p, *end;

	snprintf(needle, sizeof(needle), "name=\"%s\" value=\"", name);
	p = r->body ? strstr(r->body, needle) : NULL;
	if (!p)
		return -1;
	p += strlen(needle);
	end = strchr(p, '"');
	if (!end || (size_t)(end - p) >= size)
		return -1;
	snprintf(out, size, "%.*s", (int)(end - p), p);
	return 0;
}

/* The href of the link around the child's name on the names page. */
static int child_link(const struct response *r, const char *name, char *out, size_t size)
{
	const char *at = r->body ? strstr(r->body, name) : NULL, *href, *end;

	if (!at)
		return -1;
	for (href = at; href > r->body && strncmp(href, "href=\"", 6) != 0; href--)
		;
	if (href == r->body)
		return -1;
	href += 6;
	end = strchr(href, '"');
	if (!end || (size_t)(end - href) >= size)
		return -1;
	snprintf(out, size, "%.*s", (int)(end - href), href);
	return 0;
}

/* Sign the client's child in (two pictures chosen, the third picked now)
 * and read the activity form's CSRF token and version. */
static int client_sign_in(struct client *c)
{
	char link[128], body[512], two[64], *escaped;
	const char *third = strrchr(c->child->secret, ' ');

	if (!third || request_run(c, "/connexion/enfant/DEMO", NULL) != 200 ||
	    child_link(&c->r, c->child->name, link, sizeof(link)) < 0)
		return -1;
	if (request_run(c, link, NULL) != 200 || hidden_field(&c->r, "csrf", c->csrf, sizeof(c->csrf)) < 0)
		return -1;
	snprintf(two, sizeof(two), "%.*s", (int)(third - c->child->secret), c->child->secret);
	escaped = curl_easy_escape(c->curl, two, 0);
	snprintf(body, sizeof(body), "csrf=%s&pictures=%s&pick=%s", c->csrf, escaped ? escaped : "", third + 1);
	curl_free(escaped);
	if (request_run(c, link, body) != 303 || strcmp(c->r.location, "/eleve") != 0)
		return -1;
	if (request_run(c, "/activite/" ACTIVITY, NULL) != 200 ||
	    hidden_field(&c->r, "csrf", c->csrf, sizeof(c->csrf)) < 0 ||
	    hidden_field(&c->r, "version", c->version, sizeof(c->version)) < 0)
		return -1;
	return 0;
}

static int client_init(struct client *c, int index)
{
	c->curl = curl_easy_init();
	if (!c->curl)
		return -1;
	c->child = &children[index % child_count];
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &c->r);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, &c->r);
	curl_easy_setopt(c->curl, CURLOPT_PRIVATE, c);
	if (insecure) {
		curl_easy_setopt(c->curl, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(c->curl, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	return client_sign_in(c);
}

/* Read the CE2 children of the `ardoise init --demo` table, whose lines
 * read "élève  DEMO / Léa M.  soleil arbre maison (CE2)". */
static int logins_read(const char *path)
{
	char line[512], first[32], initial[8], p1[16], p2[16], p3[16], level[8];
	const char *p;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && child_count < MAX_CHILDREN) {
		p = strstr(line, "DEMO / ");
		if (!p || sscanf(p + 7, "%31s %7s %15s %15s %15s (%7[^)])", first, initial, p1, p2, p3, level) != 6 ||
		    strcmp(level, "CE2") != 0)
			continue;
		snprintf(children[child_count].name, sizeof(children[0].name), "%s %s", first, initial);
		snprintf(children[child_count].secret, sizeof(children[0].secret), "%s %s %s", p1, p2, p3);
		child_count++;
	}
	fclose(f);
	return child_count > 0 ? 0 : -1;
}

/* Queue the client's next POST with a new key, unique within the run. */
static void submit_start(CURLM *multi, struct client *c)
{
	int n = snprintf(c->key, sizeof(c->key), "load-%08x-%03d-%08u", run_id, (int)(c - clients), c->seq++);

	memset(c->key + n, 'x', KEY_CHARS - (size_t)n);
	c->key[KEY_CHARS] = '\0';
	snprintf(c->post, sizeof(c->post), "csrf=%s&cle=%s&version=%s&debut=0&q0=1&q1=3+506", c->csrf, c->key,
		 c->version);
	request_set(c, "/activite/" ACTIVITY, c->post);
	c->in_flight = true;
	in_flight++;
	curl_multi_add_handle(multi, c->curl);
}

static void submit_done(CURLM *multi, struct client *c, CURLcode code, struct stats *s, FILE *acked)
{
	long status = 0;

	curl_multi_remove_handle(multi, c->curl);
	c->in_flight = false;
	in_flight--;
	s->sent++;
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
	c->next_ms = now_ms();
	if (code != CURLE_OK) {
		s->transport_errors++;
		c->next_ms += RETRY_MS;
	} else if (status == 303 && strstr(c->r.location, "/resultat/")) {
		s->acked++;
		fprintf(acked, "%s\n", c->key);
		fflush(acked);
	} else if (status >= 500) {
		if (s->server_errors++ < MAX_5XX_LINES)
			printf("5xx t=%ldms status=%ld key=%s\n", now_ms(), status, c->key);
		c->next_ms += RETRY_MS;
	} else {
		if (s->other++ < 5)
			printf("unexpected t=%ldms status=%ld\n", now_ms(), status);
		c->next_ms += RETRY_MS;
	}
}

static void load_run(CURLM *multi, FILE *acked, struct stats *s)
{
	long deadline = now_ms() + seconds * 1000;
	struct CURLMsg *msg;
	int running, left, i;

	while (now_ms() < deadline || in_flight > 0) {
		for (i = 0; i < client_count && now_ms() < deadline; i++)
			if (!clients[i].in_flight && now_ms() >= clients[i].next_ms)
				submit_start(multi, &clients[i]);
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left))) {
			struct client *c = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&c);
			submit_done(multi, c, msg->data.result, s, acked);
		}
		curl_multi_poll(multi, NULL, 0, 10, NULL);
	}
}

static int options_parse(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--insecure") == 0) {
			insecure = true;
			continue;
		}
		if (!value)
			return -1;
		if (strcmp(argv[i], "--base") == 0)
			base = value;
		else if (strcmp(argv[i], "--logins") == 0)
			logins_path = value;
		else if (strcmp(argv[i], "--acked") == 0)
			acked_path = value;
		else if (strcmp(argv[i], "--clients") == 0)
			client_count = (int)strtol(value, NULL, 10);
		else if (strcmp(argv[i], "--seconds") == 0)
			seconds = strtol(value, NULL, 10);
		else
			return -1;
		i++;
	}
	if (!base || !logins_path || !acked_path || client_count < 1 || client_count > MAX_CLIENTS || seconds < 1)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	struct stats s = { 0 };
	CURLM *multi;
	FILE *acked;
	int i;

	if (options_parse(argc, argv) < 0) {
		fprintf(stderr, "usage: load --base URL --logins FILE --clients N --seconds S --acked FILE [--insecure]\n");
		return 2;
	}
	if (logins_read(logins_path) < 0) {
		fprintf(stderr, "load: no CE2 child in %s\n", logins_path);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &started);
	run_id = (unsigned)getpid() ^ (unsigned)time(NULL);
	signal(SIGUSR1, on_usr1);
	/* A hard bound even if the server hangs: SIGALRM ends the process. */
	alarm((unsigned)(seconds + REQUEST_TIMEOUT_S + 20));
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (i = 0; i < client_count; i++)
		if (client_init(&clients[i], i) < 0) {
			fprintf(stderr, "load: sign-in of client %d (%s) failed\n", i, clients[i].child->name);
			return 1;
		}
	acked = fopen(acked_path, "w");
	multi = curl_multi_init();
	if (!acked || !multi) {
		fprintf(stderr, "load: cannot open %s: %s\n", acked_path, strerror(errno));
		return 1;
	}
	printf("ready clients=%d\n", client_count);
	fflush(stdout);
	load_run(multi, acked, &s);
	printf("summary sent=%ld acked=%ld 5xx=%ld transport_errors=%ld other=%ld kills=%d in_flight_at_kills=",
	       s.sent, s.acked, s.server_errors, s.transport_errors, s.other, (int)kills);
	for (i = 0; i < kills; i++)
		printf("%s%d", i ? "," : "", (int)in_flight_at_kill[i]);
	printf("\n");
	fclose(acked);
	for (i = 0; i < client_count; i++) {
		response_clear(&clients[i].r);
		curl_easy_cleanup(clients[i].curl);
	}
	curl_multi_cleanup(multi);
	curl_global_cleanup();
	return 0;
}
