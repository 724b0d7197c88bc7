/* xAPI statements of attempts, their export and the settings; see xapi.h. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "integ/xapi.h"

#define SECRET_HEX (2 * crypto_auth_hmacsha256_KEYBYTES)
#define DEFAULT_HOME_PAGE "https://ardoise.invalid"

static void copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* Create the settings row with a random secret unless it exists. */
static int settings_ensure(struct db *db)
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
	char hex[SECRET_HEX + 1];
	struct db_stmt *st = db_prepare(db, "INSERT INTO xapi_setting (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING");
	int rc;

	if (!st)
		return -1;
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	db_bind_text(st, 1, hex);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	sodium_memzero(key, sizeof(key));
	return rc;
}

int xapi_settings_get(struct db *db, struct xapi_settings *out)
{
	struct db_stmt *st;
	enum db_step step;

	memset(out, 0, sizeof(*out));
	if (settings_ensure(db) < 0 || !(st = db_prepare(db, "SELECT home_page, lrs_url, lrs_auth, enabled FROM xapi_setting WHERE id = 1")))
		return -1;
	step = db_step(st);
	if (step == DB_ROW) {
		copy_text(out->home_page, sizeof(out->home_page), db_column_text(st, 0));
		copy_text(out->lrs_url, sizeof(out->lrs_url), db_column_text(st, 1));
		copy_text(out->lrs_auth, sizeof(out->lrs_auth), db_column_text(st, 2));
		out->enabled = (int)db_column_int(st, 3);
	}
	db_reset(st);
	return step == DB_ROW ? 0 : -1;
}

int xapi_settings_save(struct db *db, const struct xapi_settings *in)
{
	struct db_stmt *st;
	int rc;

	if (settings_ensure(db) < 0 || !(st = db_prepare(db, "UPDATE xapi_setting SET home_page = ?, lrs_url = ?, lrs_auth = ?, enabled = ? WHERE id = 1")))
		return -1;
	db_bind_text(st, 1, in->home_page);
	db_bind_text(st, 2, in->lrs_url);
	db_bind_text(st, 3, in->lrs_auth);
	db_bind_int(st, 4, in->enabled ? 1 : 0);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* The HMAC key and the home page. 0 or -1. */
static int secret_get(struct db *db, unsigned char key[crypto_auth_hmacsha256_KEYBYTES], char *home, size_t size)
{
	struct db_stmt *st;
	size_t len = 0;
	int rc = -1;

	if (settings_ensure(db) < 0 || !(st = db_prepare(db, "SELECT secret, home_page FROM xapi_setting WHERE id = 1")))
		return -1;
	if (db_step(st) == DB_ROW) {
		const char *hex = db_column_text(st, 0);

		if (sodium_hex2bin(key, crypto_auth_hmacsha256_KEYBYTES, hex, strlen(hex), NULL, &len, NULL) == 0 &&
		    len == crypto_auth_hmacsha256_KEYBYTES)
			rc = 0;
		copy_text(home, size, *db_column_text(st, 1) ? db_column_text(st, 1) : DEFAULT_HOME_PAGE);
	}
	db_reset(st);
	return rc;
}

/* Hex HMAC-SHA256 of "kind:id" under the key. */
static void opaque_id(const unsigned char *key, const char *kind, int64_t id, char out[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char text[64];

	snprintf(text, sizeof(text), "%s:%lld", kind, (long long)id);
	crypto_auth_hmacsha256(mac, (const unsigned char *)text, strlen(text), key);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

/* A version-8 (custom) UUID made of the first 16 bytes of the HMAC of the
 * attempt ("statement") or usage event ("view-statement") `id`. */
static void statement_uuid(const unsigned char *key, const char *kind, int64_t id, char out[37])
{
	char hex[65];

	opaque_id(key, kind, id, hex);
	hex[12] = '8';
	hex[16] = "89ab"[(hex[16] - '0') & 3];
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

struct attempt_fact {
	int64_t id;
	int64_t account_id;
	const char *activity_id;
	const char *title;
	double score;
	int64_t max_score;
	int64_t submitted_at;
};

/* The statement of one attempt: the child completed the activity. */
static json_t *statement_of(const unsigned char *key, const char *home, const struct attempt_fact *a)
{
	char actor[65], id[37], object[XAPI_URL_MAX + 160], stamp[32];
	time_t t = (time_t)a->submitted_at;
	struct tm tm;

	opaque_id(key, "account", a->account_id, actor);
	statement_uuid(key, "statement", a->id, id);
	snprintf(object, sizeof(object), "%s/activite/%s", home, a->activity_id);
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:{s:s, s:{s:s, s:s}}, s:{s:s, s:{s:s}}, s:{s:s, s:s, s:{s:{s:s}}},"
			 " s:{s:{s:f, s:i, s:I, s:f}, s:b}, s:s}",
			 "id", id,
			 "actor", "objectType", "Agent", "account", "homePage", home, "name", actor,
			 "verb", "id", "http://adlnet.gov/expapi/verbs/completed", "display", "fr-FR", "a terminé",
			 "object", "objectType", "Activity", "id", object, "definition", "name", "fr-FR", a->title,
			 "result", "score", "raw", a->score, "min", 0, "max", (json_int_t)a->max_score, "scaled",
			 a->max_score > 0 ? a->score / (double)a->max_score : 0.0, "completion", 1,
			 "timestamp", stamp);
}

#define ATTEMPT_COLUMNS "t.id, t.account_id, t.activity_id, coalesce(v.title, t.activity_id), t.score, t.max_score, t.submitted_at"
/* An erased account's attempts and views are never sent, because they stay
 * only for the structure's own figures. */
#define ATTEMPT_JOIN                                                                                               \
	" FROM attempt t JOIN account c ON c.id = t.account_id AND c.erased_at IS NULL"                              \
	" LEFT JOIN activity v ON v.id = t.activity_id AND v.version = t.activity_version"

static void fact_read(struct db_stmt *st, struct attempt_fact *a)
{
	a->id = db_column_int(st, 0);
	a->account_id = db_column_int(st, 1);
	a->activity_id = db_column_text(st, 2);
	a->title = db_column_text(st, 3);
	a->score = db_column_double(st, 4);
	a->max_score = db_column_int(st, 5);
	a->submitted_at = db_column_int(st, 6);
}


/* A child opened a resource (a fiche, a video, a dossier...). */
struct view_fact {
	int64_t id; /* of the usage event */
	int64_t account_id;
	const char *resource_id;
	const char *title;
	int64_t at;
};

/* The statement of one resource view: the child experienced the resource. */
static json_t *view_statement_of(const unsigned char *key, const char *home, const struct view_fact *v)
{
	char actor[65], id[37], object[XAPI_URL_MAX + 160], stamp[32];
	time_t t = (time_t)v->at;
	struct tm tm;

	opaque_id(key, "account", v->account_id, actor);
	statement_uuid(key, "view-statement", v->id, id);
	snprintf(object, sizeof(object), "%s/ressource/%s", home, v->resource_id);
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:{s:s, s:{s:s, s:s}}, s:{s:s, s:{s:s}}, s:{s:s, s:s, s:{s:{s:s}}}, s:s}",
			 "id", id,
			 "actor", "objectType", "Agent", "account", "homePage", home, "name", actor,
			 "verb", "id", "http://adlnet.gov/expapi/verbs/experienced", "display", "fr-FR", "a consulté",
			 "object", "objectType", "Activity", "id", object, "definition", "name", "fr-FR", v->title,
			 "timestamp", stamp);
}

/* Resource and video openings by children, from the usage events. */
#define VIEW_COLUMNS "e.id, e.account_id, e.object, coalesce(v.title, e.object), e.at"
#define VIEW_JOIN                                                                                                  \
	" FROM usage_event e JOIN account c ON c.id = e.account_id AND c.role = 'eleve' AND c.erased_at IS NULL"     \
	" LEFT JOIN activity v ON v.id = e.object AND v.is_current = 1"                                             \
	" WHERE e.feature IN ('ressources', 'videos') AND e.action = 'open'"

static void view_read(struct db_stmt *st, struct view_fact *v)
{
	v->id = db_column_int(st, 0);
	v->account_id = db_column_int(st, 1);
	v->resource_id = db_column_text(st, 2);
	v->title = db_column_text(st, 3);
	v->at = db_column_int(st, 4);
}

/* Append to `out` the view statements of the period and scope, after
 * `count` statements already written. Returns the new count, or -1. */
static long export_views(struct db *db, const unsigned char *key, const char *home, int64_t from, int64_t to,
			 int64_t structure_id, struct buf *out, long count)
{
	struct db_stmt *st = db_prepare(db, "SELECT " VIEW_COLUMNS VIEW_JOIN
					    " AND e.at >= ? AND e.at < ? AND (? = 0 OR c.structure_id = ?) ORDER BY e.id LIMIT ?");
	struct view_fact v;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	db_bind_int(st, 3, structure_id);
	db_bind_int(st, 4, structure_id);
	db_bind_int(st, 5, XAPI_EXPORT_MAX_STATEMENTS);
	while ((step = db_step(st)) == DB_ROW) {
		json_t *s;
		char *text;

		view_read(st, &v);
		s = view_statement_of(key, home, &v);
		text = s ? json_dumps(s, JSON_COMPACT) : NULL;
		json_decref(s);
		if (!text) {
			step = DB_ERROR;
			break;
		}
		if (count++)
			buf_addc(out, ',');
		buf_adds(out, text);
		free(text);
	}
	db_reset(st);
	return step == DB_DONE ? count : -1;
}

long xapi_export(struct db *db, int64_t from, int64_t to, int64_t structure_id, struct buf *out)
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
	char home[XAPI_URL_MAX + 1];
	struct db_stmt *st;
	struct attempt_fact a;
	enum db_step step;
	long count = 0;

	if (secret_get(db, key, home, sizeof(home)) < 0)
		return -1;
	st = db_prepare(db, "SELECT " ATTEMPT_COLUMNS ATTEMPT_JOIN
			    " WHERE t.submitted_at >= ? AND t.submitted_at < ? AND (? = 0 OR c.structure_id = ?) ORDER BY t.id LIMIT ?");
	if (!st)
		return -1;
	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	db_bind_int(st, 3, structure_id);
	db_bind_int(st, 4, structure_id);
	db_bind_int(st, 5, XAPI_EXPORT_MAX_STATEMENTS);
	buf_addc(out, '[');
	while ((step = db_step(st)) == DB_ROW) {
		json_t *s;
		char *text;

		fact_read(st, &a);
		s = statement_of(key, home, &a);
		text = s ? json_dumps(s, JSON_COMPACT) : NULL;
		json_decref(s);
		if (!text)
			break;
		if (count++)
			buf_addc(out, ',');
		buf_adds(out, text);
		free(text);
	}
	db_reset(st);
	if (step == DB_DONE)
		count = export_views(db, key, home, from, to, structure_id, out, count);
	buf_addc(out, ']');
	sodium_memzero(key, sizeof(key));
	return step == DB_DONE && count >= 0 && !buf_failed(out) ? count : -1;
}

/* Queue one statement; an already queued one is left as it is. */
static int outbox_add(struct db *db, const json_t *statement)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO xapi_outbox (statement_id, body, created_at, next_try_at) VALUES (?, ?, ?, ?) ON CONFLICT (statement_id) DO NOTHING");
	char *text = json_dumps(statement, JSON_COMPACT);
	int64_t now = (int64_t)time(NULL);
	int rc = -1;

	if (st && text) {
		db_bind_text(st, 1, json_string_value(json_object_get(statement, "id")));
		db_bind_text(st, 2, text);
		db_bind_int(st, 3, now);
		db_bind_int(st, 4, now);
		rc = db_step(st) == DB_DONE ? 0 : -1;
		db_reset(st);
	}
	free(text);
	return rc;
}

/* Read the current row of a fill query: its statement, and its id in `*id`. */
typedef json_t *row_statement_fn(struct db_stmt *st, const unsigned char *key, const char *home, int64_t *id);

static json_t *attempt_row_statement(struct db_stmt *st, const unsigned char *key, const char *home, int64_t *id)
{
	struct attempt_fact a;

	fact_read(st, &a);
	*id = a.id;
	return statement_of(key, home, &a);
}

static json_t *view_row_statement(struct db_stmt *st, const unsigned char *key, const char *home, int64_t *id)
{
	struct view_fact v;

	view_read(st, &v);
	*id = v.id;
	return view_statement_of(key, home, &v);
}

/* Queue the statements of the rows of `sql` after id `*last` (at most one
 * batch). Returns the count, with `*last` moved to the last row queued, or -1. */
static long outbox_fill_rows(struct db *db, const char *sql, row_statement_fn *statement, const unsigned char *key,
			     const char *home, int64_t *last)
{
	struct db_stmt *st = db_prepare(db, sql);
	long count = 0;
	int failed = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, *last);
	while (!failed && db_step(st) == DB_ROW) {
		int64_t id;
		json_t *s = statement(st, key, home, &id);

		failed = !s || outbox_add(db, s) < 0;
		json_decref(s);
		if (!failed) {
			*last = id;
			count++;
		}
	}
	db_reset(st);
	return failed ? -1 : count;
}

/* Queue the attempts after `*last` (at most one batch). */
static long outbox_fill_batch(struct db *db, const unsigned char *key, const char *home, int64_t *last)
{
	return outbox_fill_rows(db, "SELECT " ATTEMPT_COLUMNS ATTEMPT_JOIN " WHERE t.id > ? ORDER BY t.id LIMIT 200", attempt_row_statement,
				key, home, last);
}

/* Queue the resource views after event `*last` (at most one batch). */
static long outbox_fill_views(struct db *db, const unsigned char *key, const char *home, int64_t *last)
{
	return outbox_fill_rows(db, "SELECT " VIEW_COLUMNS VIEW_JOIN " AND e.id > ? ORDER BY e.id LIMIT 200", view_row_statement, key,
				home, last);
}

long xapi_outbox_fill(struct db *db)
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
	char home[XAPI_URL_MAX + 1];
	struct db_stmt *st;
	int64_t last, last_event;
	long count, views;

	if (secret_get(db, key, home, sizeof(home)) < 0 || db_begin(db) < 0)
		return -1;
	last = db_query_int(db, "SELECT last_attempt_id FROM xapi_setting WHERE id = 1", 0);
	last_event = db_query_int(db, "SELECT last_event_id FROM xapi_setting WHERE id = 1", 0);
	count = outbox_fill_batch(db, key, home, &last);
	views = count < 0 ? -1 : outbox_fill_views(db, key, home, &last_event);
	sodium_memzero(key, sizeof(key));
	count = views < 0 ? -1 : count + views;
	st = count > 0 ? db_prepare(db, "UPDATE xapi_setting SET last_attempt_id = ?, last_event_id = ? WHERE id = 1") : NULL;
	if (st) {
		db_bind_int(st, 1, last);
		db_bind_int(st, 2, last_event);
		if (db_step(st) != DB_DONE)
			count = -1;
		db_reset(st);
	}
	if (count < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return count;
}

int xapi_forget_account(struct db *db, int64_t account_id)
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
	char home[XAPI_URL_MAX + 1], actor[65], pattern[96];
	struct db_stmt *st;
	int rc;

	/* With no statement queued there is nothing to find, and reading the
	 * secret would create one. */
	if (db_query_int(db, "SELECT count(*) FROM xapi_outbox", -1) == 0)
		return 0;
	if (secret_get(db, key, home, sizeof(home)) < 0)
		return -1;
	opaque_id(key, "account", account_id, actor);
	sodium_memzero(key, sizeof(key));
	/* outbox_add() stores compact JSON, so the actor name appears as "name":"HEX". */
	snprintf(pattern, sizeof(pattern), "%%\"name\":\"%s\"%%", actor);
	st = db_prepare(db, "DELETE FROM xapi_outbox WHERE body LIKE ?");
	if (!st)
		return -1;
	db_bind_text(st, 1, pattern);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}
