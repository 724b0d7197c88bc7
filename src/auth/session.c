#include "auth/session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"

void token_random(char out[SESSION_TOKEN_CHARS + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SESSION_TOKEN_CHARS + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Hex SHA-256 of the token: what the session table stores. */
static void token_digest(const char *token, char out[2 * crypto_hash_sha256_BYTES + 1])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 2 * crypto_hash_sha256_BYTES + 1, digest, sizeof(digest));
}

int session_create(struct db *db, int64_t account_id,
		   char token[SESSION_TOKEN_CHARS + 1])
{
	char digest[2 * crypto_hash_sha256_BYTES + 1], csrf[SESSION_TOKEN_CHARS + 1];
	struct db_stmt *st;
	int64_t now = (int64_t)time(NULL);
	int rc;

	token_random(token);
	token_random(csrf);
	token_digest(token, digest);
	st = db_prepare(db, "INSERT INTO session (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	db_bind_text(st, 1, digest);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, csrf);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, now + SESSION_LIFETIME_SECONDS);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

static void copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* Load the account's grants and the union of their capabilities. */
static int grants_load(struct db *db, struct user *u)
{
	struct db_stmt *st = db_prepare(db, "SELECT role, coalesce(structure_id, 0), coalesce(organisation_id, 0) FROM role_grant WHERE account_id = ? ORDER BY id");
	enum db_step step;

	if (!st)
		return -1;
	u->grant_count = 0;
	u->caps = 0;
	db_bind_int(st, 1, u->id);
	while ((step = db_step(st)) == DB_ROW) {
		struct grant *g = &u->grants[u->grant_count];

		if (u->grant_count == USER_MAX_GRANTS)
			continue;
		copy_text(g->role, sizeof(g->role), db_column_text(st, 0));
		g->structure_id = db_column_int(st, 1);
		g->organisation_id = db_column_int(st, 2);
		u->caps |= role_capabilities(g->role);
		u->grant_count++;
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int session_lookup(struct db *db, const char *token, struct user *out)
{
	char digest[2 * crypto_hash_sha256_BYTES + 1];
	struct db_stmt *st;
	enum db_step step;

	if (!token || strlen(token) != SESSION_TOKEN_CHARS)
		return 0;
	token_digest(token, digest);
	st = db_prepare(db, "SELECT a.id, coalesce(a.structure_id, 0), a.role, a.first_name, a.last_initial, coalesce(a.level, ''), a.avatar, s.csrf_token, a.must_change_password "
			    "FROM session s JOIN account a ON a.id = s.account_id "
			    "WHERE s.token_hash = ? AND s.expires_at > ? AND a.active = 1");
	if (!st)
		return -1;
	db_bind_text(st, 1, digest);
	db_bind_int(st, 2, (int64_t)time(NULL));
	step = db_step(st);
	if (step == DB_ROW) {
		out->id = db_column_int(st, 0);
		out->structure_id = db_column_int(st, 1);
		copy_text(out->role, sizeof(out->role), db_column_text(st, 2));
		copy_text(out->first_name, sizeof(out->first_name), db_column_text(st, 3));
		copy_text(out->last_initial, sizeof(out->last_initial), db_column_text(st, 4));
		copy_text(out->level, sizeof(out->level), db_column_text(st, 5));
		copy_text(out->avatar, sizeof(out->avatar), db_column_text(st, 6));
		copy_text(out->csrf, sizeof(out->csrf), db_column_text(st, 7));
		out->must_change_password = (int)db_column_int(st, 8);
	}
	db_reset(st);
	if (step == DB_ROW && grants_load(db, out) < 0)
		return -1;
	return db_found(step);
}

int session_delete(struct db *db, const char *token)
{
	char digest[2 * crypto_hash_sha256_BYTES + 1];
	struct db_stmt *st;
	int rc;

	if (!token)
		return 0;
	token_digest(token, digest);
	st = db_prepare(db, "DELETE FROM session WHERE token_hash = ?");
	if (!st)
		return -1;
	db_bind_text(st, 1, digest);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int login_failure_record(struct db *db, const char *key)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO login_failure (key, at) VALUES (?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int login_failure_count(struct db *db, const char *key)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM login_failure WHERE key = ? AND at > ?");
	int count = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, (int64_t)time(NULL) - LOGIN_WINDOW_SECONDS);
	if (db_step(st) == DB_ROW)
		count = (int)db_column_int(st, 0);
	db_reset(st);
	return count;
}

int login_failure_clear(struct db *db, const char *key)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM login_failure WHERE key = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}
