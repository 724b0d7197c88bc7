#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REQUEST_TIMEOUT_SECONDS 30L

size_t bench_body_write(char *data, size_t size, size_t n, void *user)
{
	struct bench_body *b = user;
	char *grown = realloc(b->data, b->len + size * n + 1);

	if (!grown)
		return 0;
	b->data = grown;
	memcpy(b->data + b->len, data, size * n);
	b->len += size * n;
	b->data[b->len] = '\0';
	return size * n;
}

void bench_body_release(struct bench_body *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

int bench_hidden(const char *html, const char *name, char *out, size_t size)
{
	char needle[96];
	const char *p, *end;

	snprintf(needle, sizeof(needle), "name=\"%s\" value=\"", name);
	p = html ? strstr(html, needle) : NULL;
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

/* GET or POST (when body is not NULL) `path`; returns the status or -1. */
static long perform(CURL *c, const char *base, const char *path, const char *body, struct bench_body *out)
{
	char url[512];
	long status = -1;
	CURLcode rc;

	snprintf(url, sizeof(url), "%s%s", base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (body)
		curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, body);
	else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bench_body_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		fprintf(stderr, "%s %s failed: %s\n", body ? "POST" : "GET", url, curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

/* The session token from the handle's cookie jar. */
static int session_cookie(CURL *c, char *out, size_t size)
{
	struct curl_slist *cookies = NULL, *it;
	int rc = -1;

	curl_easy_getinfo(c, CURLINFO_COOKIELIST, &cookies);
	for (it = cookies; it; it = it->next) {
		/* Netscape format: domain, flag, path, secure, expiry, name, value. */
		const char *name = it->data;
		int tabs;

		for (tabs = 0; tabs < 5 && (name = strchr(name, '\t')); tabs++)
			name++;
		if (name && strncmp(name, "ardoise_session\t", 16) == 0 && strlen(name + 16) < size) {
			snprintf(out, size, "%s", name + 16);
			rc = 0;
		}
	}
	curl_slist_free_all(cookies);
	return rc;
}

static int activity_form(CURL *c, const char *base, const char *activity, struct bench_session *out)
{
	struct bench_body page = { 0 };
	char path[256], number[32];
	long status;
	int rc = -1;

	snprintf(path, sizeof(path), "/activite/%s", activity);
	status = perform(c, base, path, NULL, &page);
	if (status == 200 && bench_hidden(page.data, "csrf", out->csrf, sizeof(out->csrf)) == 0 &&
	    bench_hidden(page.data, "cle", out->key, sizeof(out->key)) == 0 &&
	    bench_hidden(page.data, "version", number, sizeof(number)) == 0) {
		out->version = (int)strtol(number, NULL, 10);
		if (bench_hidden(page.data, "debut", number, sizeof(number)) == 0)
			out->started = strtol(number, NULL, 10);
		rc = 0;
	} else {
		fprintf(stderr, "GET %s%s: status %ld, no activity form (is the child's level right?)\n", base, path, status);
	}
	bench_body_release(&page);
	return rc;
}

CURL *bench_sign_in(const char *base, const struct bench_child *child, const char *activity,
		    struct bench_session *out)
{
	struct bench_body page = { 0 };
	char path[128], csrf[BENCH_TOKEN_CHARS + 1], body[256];
	CURL *c = curl_easy_init();
	long status;

	if (!c)
		return NULL;
	memset(out, 0, sizeof(*out));
	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_SECONDS);
	snprintf(path, sizeof(path), "/connexion/enfant/%s/%lld", child->code, (long long)child->account_id);
	status = perform(c, base, path, NULL, &page);
	if (status != 200 || bench_hidden(page.data, "csrf", csrf, sizeof(csrf)) < 0) {
		fprintf(stderr, "GET %s%s: status %ld, no sign-in form\n", base, path, status);
		goto fail;
	}
	bench_body_release(&page);
	snprintf(body, sizeof(body), "csrf=%s&pictures=%s&pick=%s", csrf, BENCH_PICTURES_FIRST, BENCH_PICTURES_LAST);
	status = perform(c, base, path, body, &page);
	if (status != 303 || session_cookie(c, out->cookie, sizeof(out->cookie)) < 0) {
		fprintf(stderr, "POST %s%s: status %ld, no session cookie\n", base, path, status);
		goto fail;
	}
	bench_body_release(&page);
	if (activity_form(c, base, activity, out) < 0)
		goto fail;
	return c;
fail:
	bench_body_release(&page);
	curl_easy_cleanup(c);
	return NULL;
}

long bench_children(struct db *db, const char *level, int64_t group_id, struct bench_child *out, long max)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT a.id, s.code FROM account a JOIN structure s ON s.id = a.structure_id "
		"WHERE a.role = 'eleve' AND a.active = 1 AND a.level = ? AND a.login LIKE 'bench-e-%' "
		"AND (? = 0 OR a.id IN (SELECT account_id FROM group_member WHERE group_id = ?)) ORDER BY a.id LIMIT ?");
	long n = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, level);
	db_bind_int(st, 2, group_id);
	db_bind_int(st, 3, group_id);
	db_bind_int(st, 4, max);
	while (n < max && db_step(st) == DB_ROW) {
		out[n].account_id = db_column_int(st, 0);
		snprintf(out[n].code, sizeof(out[n].code), "%s", db_column_text(st, 1));
		n++;
	}
	db_reset(st);
	return n;
}
