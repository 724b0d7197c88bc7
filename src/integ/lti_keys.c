/* Ardoise's LTI signing keys and the messages it signs; see lti.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "integ/jwt.h"
#include "integ/lti.h"

#define DEEP_LINK_SECONDS 300 /* lifetime of a deep-linking response */

static int key_insert(struct db *db)
{
	unsigned char raw[16];
	char kid[33], *pem = NULL, *jwk = NULL;
	struct db_stmt *st;
	int rc = -1;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(kid, sizeof(kid), raw, sizeof(raw));
	if (jwk_generate(kid, &pem, &jwk) < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO lti_key (kid, private_pem, public_jwk, created_at) VALUES (?, ?, ?, ?)");
	if (st) {
		db_bind_text(st, 1, kid);
		db_bind_text(st, 2, pem);
		db_bind_text(st, 3, jwk);
		db_bind_int(st, 4, (int64_t)time(NULL));
		rc = db_step(st) == DB_DONE ? 0 : -1;
		db_reset(st);
	}
	sodium_memzero(pem, strlen(pem));
	free(pem);
	free(jwk);
	return rc;
}

/* Read the current key; 1, 0 (none yet) or -1. */
static int key_read(struct db *db, char kid[65], char **private_pem)
{
	struct db_stmt *st = db_prepare(db, "SELECT kid, private_pem FROM lti_key WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1");
	enum db_step step;

	if (!st)
		return -1;
	step = db_step(st);
	if (step == DB_ROW) {
		snprintf(kid, 65, "%s", db_column_text(st, 0));
		*private_pem = strdup(db_column_text(st, 1));
	}
	db_reset(st);
	if (step == DB_ROW && !*private_pem)
		return -1;
	return db_found(step);
}

int lti_key_current(struct db *db, char kid[65], char **private_pem)
{
	int found;

	*private_pem = NULL;
	found = key_read(db, kid, private_pem);
	if (found != 0)
		return found < 0 ? -1 : 0;
	/* NOTE: two first uses at once may both make a key: both stay valid and
	 * published, and the newest one signs. */
	if (key_insert(db) < 0)
		return -1;
	return key_read(db, kid, private_pem) == 1 ? 0 : -1;
}

int lti_key_rotate(struct db *db)
{
	struct db_stmt *st;

	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, "UPDATE lti_key SET retired_at = ? WHERE retired_at IS NULL");
	if (!st)
		goto fail;
	db_bind_int(st, 1, (int64_t)time(NULL));
	if (db_step(st) != DB_DONE) {
		db_reset(st);
		goto fail;
	}
	db_reset(st);
	if (key_insert(db) < 0 || db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

char *lti_jwks(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT public_jwk FROM lti_key WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at DESC");
	json_t *keys = json_array(), *set;
	char *text = NULL;

	if (!st || !keys) {
		json_decref(keys);
		return NULL;
	}
	db_bind_int(st, 1, (int64_t)time(NULL) - LTI_KEY_GRACE_SECONDS);
	while (db_step(st) == DB_ROW) {
		json_t *jwk = json_loads(db_column_text(st, 0), 0, NULL);

		if (jwk)
			json_array_append_new(keys, jwk);
	}
	db_reset(st);
	set = json_pack("{s:o}", "keys", keys);
	if (set)
		text = json_dumps(set, JSON_COMPACT);
	json_decref(set);
	return text;
}

static json_t *deep_link_claims(const struct lti_platform *p, const struct lti_launch *l, const char *activity_id,
				const char *title)
{
	char url[LTI_TEXT_MAX + 32], nonce[33];
	unsigned char raw[16];
	int64_t now = (int64_t)time(NULL);
	json_t *item, *claims;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(nonce, sizeof(nonce), raw, sizeof(raw));
	snprintf(url, sizeof(url), "%s/lti/lancement", p->public_url);
	item = json_pack("{s:s, s:s, s:s, s:{s:s}}", "type", "ltiResourceLink", "title", title, "url", url, "custom",
			 "activite", activity_id);
	claims = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:[o]}", "iss", p->client_id, "aud", p->issuer, "iat",
			   (json_int_t)now, "exp", (json_int_t)(now + DEEP_LINK_SECONDS), "nonce", nonce,
			   LTI_CLAIM "message_type", "LtiDeepLinkingResponse", LTI_CLAIM "version", "1.3.0",
			   LTI_CLAIM "deployment_id", p->deployment_id, LTI_DL_CLAIM "content_items", item);
	if (claims && l->dl_data[0])
		json_object_set_new(claims, LTI_DL_CLAIM "data", json_string(l->dl_data));
	return claims;
}

char *lti_deep_link_response(struct db *db, const struct lti_platform *p, const struct lti_launch *l,
			     const char *activity_id, const char *title)
{
	json_t *claims = deep_link_claims(p, l, activity_id, title);
	char kid[65], *pem = NULL, *token = NULL;

	if (claims && lti_key_current(db, kid, &pem) == 0)
		token = jwt_sign(claims, kid, pem);
	if (pem)
		sodium_memzero(pem, strlen(pem));
	free(pem);
	json_decref(claims);
	return token;
}
