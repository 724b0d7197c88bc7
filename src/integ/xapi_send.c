/* Posting the outbox to the learning-record store; see xapi.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "integ/fetch.h"
#include "integ/xapi.h"

#define RESPONSE_MAX (64 * 1024)

/* Read up to XAPI_BATCH due statements: their ids into `ids` and a JSON
 * array of their bodies into `body`. Returns the count or -1. */
static long due_read(struct db *db, int64_t *ids, struct buf *body)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, body FROM xapi_outbox WHERE sent_at IS NULL AND next_try_at <= ? ORDER BY id LIMIT ?");
	long count = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)time(NULL));
	db_bind_int(st, 2, XAPI_BATCH);
	buf_addc(body, '[');
	while (db_step(st) == DB_ROW) {
		if (count)
			buf_addc(body, ',');
		ids[count++] = db_column_int(st, 0);
		buf_adds(body, db_column_text(st, 1));
	}
	db_reset(st);
	buf_addc(body, ']');
	return buf_failed(body) ? -1 : count;
}

/* Mark the batch sent, or push its next try back exponentially. */
static int batch_mark(struct db *db, const int64_t *ids, long count, int sent)
{
	struct db_stmt *st = sent ? db_prepare(db, "UPDATE xapi_outbox SET sent_at = ?, tries = tries + 1 WHERE id = ?")
				  : db_prepare(db, "UPDATE xapi_outbox SET tries = tries + 1,"
						   " next_try_at = ? + CASE WHEN tries >= 12 THEN 3600 ELSE (1 << tries) END WHERE id = ?");
	int64_t now = (int64_t)time(NULL);
	long i;
	int rc = 0;

	if (!st || db_begin(db) < 0)
		return -1;
	for (i = 0; i < count && rc == 0; i++) {
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, ids[i]);
		rc = db_step(st) == DB_DONE ? 0 : -1;
		db_reset(st);
	}
	if (rc < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

static int batch_post(const struct xapi_settings *s, const struct buf *body, char *err, size_t err_size)
{
	char url[XAPI_URL_MAX + 16], auth[XAPI_URL_MAX + 32];
	struct buf answer = BUF_INIT(RESPONSE_MAX);
	struct fetch_request req = { .method = "POST", .body = buf_cstr(body), .body_len = body->len };
	long status = 0;
	int rc;

	snprintf(url, sizeof(url), "%s/statements", s->lrs_url);
	snprintf(auth, sizeof(auth), "Authorization: %s", s->lrs_auth);
	req.url = url;
	req.headers[0] = "Content-Type: application/json";
	req.headers[1] = "X-Experience-API-Version: 1.0.3";
	req.headers[2] = s->lrs_auth[0] ? auth : NULL;
	rc = fetch_send(&req, &answer, &status, err, err_size);
	if (rc == 0 && (status < 200 || status > 299)) {
		snprintf(err, err_size, "status=%ld", status);
		rc = -1;
	}
	buf_release(&answer);
	return rc;
}

long xapi_outbox_send(struct db *db)
{
	struct xapi_settings s;
	struct buf body = BUF_INIT(16 * 1024 * 1024);
	int64_t ids[XAPI_BATCH];
	char err[96] = "";
	long count;
	int posted;

	if (xapi_settings_get(db, &s) < 0)
		return -1;
	if (!s.enabled || !s.lrs_url[0])
		return 0;
	count = due_read(db, ids, &body);
	if (count <= 0) {
		buf_release(&body);
		return count;
	}
	posted = batch_post(&s, &body, err, sizeof(err)) == 0;
	buf_release(&body);
	if (batch_mark(db, ids, count, posted) < 0)
		return -1;
	if (!posted) {
		log_warn("xapi send failed statements=%ld error=\"%s\"", count, err);
		return -1;
	}
	log_info("xapi sent statements=%ld", count);
	return count;
}
