/* Scores sent back to LTI platforms through the Assignment and Grade
 * Services; see lti.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "integ/fetch.h"
#include "integ/jwt.h"
#include "integ/lti.h"

#define TOKEN_ANSWER_MAX (16 * 1024)
#define ASSERTION_SECONDS 300
#define SCORES_PER_ROUND 20

int lti_grade_link_save(struct db *db, int64_t account_id, const char *activity_id, int64_t platform_id,
			const char *lineitem)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO lti_grade_link (account_id, activity_id, platform_id, lineitem, linked_at) VALUES (?, ?, ?, ?, ?)"
					    " ON CONFLICT (account_id, activity_id) DO UPDATE SET platform_id = excluded.platform_id, lineitem = excluded.lineitem, linked_at = excluded.linked_at");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	db_bind_text(st, 2, activity_id);
	db_bind_int(st, 3, platform_id);
	db_bind_text(st, 4, lineitem);
	db_bind_int(st, 5, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

long lti_scores_fill(struct db *db)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO lti_score_outbox (attempt_id, platform_id, lineitem, sub, score, max_score, submitted_at, next_try_at)"
		" SELECT t.id, g.platform_id, g.lineitem, i.sub, t.score, t.max_score, t.submitted_at, t.submitted_at"
		" FROM attempt t JOIN lti_grade_link g ON g.account_id = t.account_id AND g.activity_id = t.activity_id"
		" JOIN lti_identity i ON i.account_id = t.account_id AND i.platform_id = g.platform_id"
		" WHERE t.id > (SELECT coalesce(max(attempt_id), 0) FROM lti_score_outbox)"
		" ON CONFLICT (attempt_id) DO NOTHING");
	long count;

	if (!st)
		return -1;
	count = db_step(st) == DB_DONE ? db_changes(db) : -1;
	db_reset(st);
	return count;
}

/* The client assertion: a JWT signed with Ardoise's key, for the token endpoint. */
static char *assertion_make(struct db *db, const struct lti_platform *p)
{
	unsigned char raw[16];
	char jti[33], kid[65], *pem = NULL, *token = NULL;
	int64_t now = (int64_t)time(NULL);
	json_t *claims;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(jti, sizeof(jti), raw, sizeof(raw));
	claims = json_pack("{s:s, s:s, s:s, s:I, s:I, s:s}", "iss", p->client_id, "sub", p->client_id, "aud", p->token_url,
			   "iat", (json_int_t)now, "exp", (json_int_t)(now + ASSERTION_SECONDS), "jti", jti);
	if (claims && lti_key_current(db, kid, &pem) == 0)
		token = jwt_sign(claims, kid, pem);
	if (pem)
		sodium_memzero(pem, strlen(pem));
	free(pem);
	json_decref(claims);
	return token;
}

/* Ask the platform for an access token for the score scope. 0 or -1. */
static int token_get(struct db *db, const struct lti_platform *p, char *token, size_t size, char *err, size_t err_size)
{
	struct fetch_request req = { .method = "POST", .url = p->token_url, .headers = { "Content-Type: application/x-www-form-urlencoded" } };
	struct buf body = BUF_INIT(16 * 1024), answer = BUF_INIT(TOKEN_ANSWER_MAX);
	char *assertion = assertion_make(db, p);
	json_t *j = NULL;
	long status = 0;
	int rc = -1;

	buf_adds(&body, "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&scope=");
	buf_add_url(&body, LTI_SCORE_SCOPE, strlen(LTI_SCORE_SCOPE));
	buf_adds(&body, "&client_assertion=");
	if (assertion)
		buf_add_url(&body, assertion, strlen(assertion));
	req.body = buf_cstr(&body);
	req.body_len = body.len;
	if (!assertion || buf_failed(&body))
		snprintf(err, err_size, "client assertion not signed");
	else if (fetch_send(&req, &answer, &status, err, err_size) == 0 && status == 200 &&
		 (j = json_loadb(buf_cstr(&answer), answer.len, 0, NULL)) && json_string_value(json_object_get(j, "access_token")) &&
		 strlen(json_string_value(json_object_get(j, "access_token"))) < size) {
		snprintf(token, size, "%s", json_string_value(json_object_get(j, "access_token")));
		rc = 0;
	} else if (status) {
		snprintf(err, err_size, "token status=%ld", status);
	}
	json_decref(j);
	free(assertion);
	buf_release(&body);
	buf_release(&answer);
	return rc;
}

struct due_score {
	int64_t id;
	int64_t platform_id;
	char lineitem[LTI_TEXT_MAX + 1];
	char sub[LTI_TEXT_MAX + 1];
	double score;
	int64_t max_score;
	int64_t submitted_at;
};

static long due_read(struct db *db, struct due_score *due, size_t max)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, platform_id, lineitem, sub, score, max_score, submitted_at FROM lti_score_outbox"
					    " WHERE sent_at IS NULL AND next_try_at <= ? AND platform_id IN (SELECT id FROM lti_platform WHERE enabled = 1)"
					    " ORDER BY platform_id, id LIMIT ?");
	long n = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)time(NULL));
	db_bind_int(st, 2, (int64_t)max);
	while ((size_t)n < max && db_step(st) == DB_ROW) {
		struct due_score *d = &due[n++];

		d->id = db_column_int(st, 0);
		d->platform_id = db_column_int(st, 1);
		snprintf(d->lineitem, sizeof(d->lineitem), "%s", db_column_text(st, 2));
		snprintf(d->sub, sizeof(d->sub), "%s", db_column_text(st, 3));
		d->score = db_column_double(st, 4);
		d->max_score = db_column_int(st, 5);
		d->submitted_at = db_column_int(st, 6);
	}
	db_reset(st);
	return n;
}

/* Mark one score sent, or push its next try back exponentially. */
static void score_mark(struct db *db, int64_t id, int sent)
{
	struct db_stmt *st = sent ? db_prepare(db, "UPDATE lti_score_outbox SET sent_at = ?, tries = tries + 1 WHERE id = ?")
				  : db_prepare(db, "UPDATE lti_score_outbox SET tries = tries + 1,"
						   " next_try_at = ? + CASE WHEN tries >= 12 THEN 3600 ELSE (1 << tries) END WHERE id = ?");

	if (!st)
		return;
	db_bind_int(st, 1, (int64_t)time(NULL));
	db_bind_int(st, 2, id);
	db_step(st);
	db_reset(st);
}

/* The scores URL of a line item: its path followed by "/scores". */
static void scores_url(const char *lineitem, char *out, size_t size)
{
	size_t path = strcspn(lineitem, "?");

	snprintf(out, size, "%.*s/scores%s", (int)path, lineitem, lineitem + path);
}

static int score_post(const struct due_score *d, const char *token, char *err, size_t err_size)
{
	char url[2 * LTI_TEXT_MAX], auth[1200], stamp[32];
	time_t t = (time_t)d->submitted_at;
	struct buf answer = BUF_INIT(TOKEN_ANSWER_MAX);
	struct fetch_request req = { .method = "POST" };
	json_t *score;
	char *body;
	struct tm tm;
	long status = 0;
	int rc = -1;

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	score = json_pack("{s:s, s:f, s:I, s:s, s:s, s:s}", "userId", d->sub, "scoreGiven", d->score, "scoreMaximum",
			  (json_int_t)d->max_score, "activityProgress", "Completed", "gradingProgress", "FullyGraded", "timestamp", stamp);
	body = score ? json_dumps(score, JSON_COMPACT) : NULL;
	scores_url(d->lineitem, url, sizeof(url));
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	req.url = url;
	req.body = body;
	req.body_len = body ? strlen(body) : 0;
	req.headers[0] = "Content-Type: application/vnd.ims.lis.v1.score+json";
	req.headers[1] = auth;
	if (body && fetch_send(&req, &answer, &status, err, err_size) == 0 && status >= 200 && status <= 299)
		rc = 0;
	else if (status)
		snprintf(err, err_size, "score status=%ld", status);
	free(body);
	json_decref(score);
	buf_release(&answer);
	return rc;
}

long lti_scores_send(struct db *db)
{
	struct due_score *due = calloc(SCORES_PER_ROUND, sizeof(*due));
	struct lti_platform p = { 0 };
	char token[1024] = "", err[96] = "";
	long n, i, sent = 0;
	int failed = 0, have_token = 0;

	n = due ? due_read(db, due, SCORES_PER_ROUND) : -1;
	for (i = 0; i < n; i++) {
		if (p.id != due[i].platform_id) {
			have_token = lti_platform_find(db, due[i].platform_id, &p) == 1 &&
				     token_get(db, &p, token, sizeof(token), err, sizeof(err)) == 0;
			p.id = due[i].platform_id;
		}
		if (have_token && score_post(&due[i], token, err, sizeof(err)) == 0) {
			score_mark(db, due[i].id, 1);
			sent++;
		} else {
			score_mark(db, due[i].id, 0);
			log_warn("lti score send failed platform=%lld attempt_row=%lld error=\"%s\"", (long long)due[i].platform_id,
				 (long long)due[i].id, err);
			failed = 1;
		}
	}
	free(due);
	if (sent)
		log_info("lti scores sent count=%ld", sent);
	return n < 0 || failed ? -1 : sent;
}
