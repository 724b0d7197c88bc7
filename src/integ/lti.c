/* LTI 1.3 platforms, OIDC login and launch verification; see lti.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/session.h"
#include "core/log.h"
#include "integ/fetch.h"
#include "integ/identity.h"
#include "integ/jwt.h"
#include "integ/lti.h"
#include "org/people.h"

#define PLATFORM_COLUMNS "id, structure_id, group_id, level, name, issuer, client_id, deployment_id, auth_url, jwks_url, token_url, public_url, enabled"

static void copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static int platform_row(struct db_stmt *st, struct lti_platform *p)
{
	enum db_step step = db_step(st);

	if (step == DB_ROW) {
		p->id = db_column_int(st, 0);
		p->structure_id = db_column_int(st, 1);
		p->group_id = db_column_int(st, 2);
		copy_text(p->level, sizeof(p->level), db_column_text(st, 3));
		copy_text(p->name, sizeof(p->name), db_column_text(st, 4));
		copy_text(p->issuer, sizeof(p->issuer), db_column_text(st, 5));
		copy_text(p->client_id, sizeof(p->client_id), db_column_text(st, 6));
		copy_text(p->deployment_id, sizeof(p->deployment_id), db_column_text(st, 7));
		copy_text(p->auth_url, sizeof(p->auth_url), db_column_text(st, 8));
		copy_text(p->jwks_url, sizeof(p->jwks_url), db_column_text(st, 9));
		copy_text(p->token_url, sizeof(p->token_url), db_column_text(st, 10));
		copy_text(p->public_url, sizeof(p->public_url), db_column_text(st, 11));
		p->enabled = db_column_int(st, 12) != 0;
	}
	db_reset(st);
	return db_found(step);
}

int lti_platform_find(struct db *db, int64_t id, struct lti_platform *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " PLATFORM_COLUMNS " FROM lti_platform WHERE id = ?");

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	return platform_row(st, out);
}

int lti_platform_find_issuer(struct db *db, const char *issuer, const char *client_id, struct lti_platform *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " PLATFORM_COLUMNS " FROM lti_platform WHERE issuer = ? AND (client_id = ? OR ? = '') ORDER BY enabled DESC, id LIMIT 1");

	if (!st)
		return -1;
	db_bind_text(st, 1, issuer);
	db_bind_text(st, 2, client_id ? client_id : "");
	db_bind_text(st, 3, client_id ? client_id : "");
	return platform_row(st, out);
}

int64_t lti_platform_create(struct db *db, int64_t actor_id, const struct lti_platform *p)
{
	const char *texts[] = { p->level, p->name, p->issuer, p->client_id, p->deployment_id, p->auth_url, p->jwks_url, p->token_url, p->public_url };
	struct db_stmt *st;
	int64_t id = -1;
	int i;

	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO lti_platform (structure_id, group_id, level, name, issuer, client_id, deployment_id, auth_url, jwks_url, token_url, public_url, created_at)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (!st) {
		db_rollback(db);
		return -1;
	}
	db_bind_int(st, 1, p->structure_id);
	db_bind_int(st, 2, p->group_id);
	for (i = 0; i < 9; i++)
		db_bind_text(st, 3 + i, texts[i]);
	db_bind_int(st, 12, (int64_t)time(NULL));
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	if (id < 0 || audit_record(db, actor_id, "create", LTI_AUDIT_KIND, id, p->structure_id, p->name) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return id;
}

/* ---- OIDC login initiation ---- */

static void url_param(struct buf *url, const char *name, const char *value)
{
	buf_adds(url, name);
	buf_addc(url, '=');
	buf_add_url(url, value, strlen(value));
}

int lti_login_start(struct db *db, const struct lti_platform *p, const char *login_hint, const char *message_hint,
		    struct buf *url)
{
	char state[SESSION_TOKEN_CHARS + 1], nonce[SESSION_TOKEN_CHARS + 1], redirect[LTI_TEXT_MAX + 32];
	struct db_stmt *st = db_prepare(db, "INSERT INTO lti_state (state, nonce, platform_id, expires_at) VALUES (?, ?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	token_random(state);
	token_random(nonce);
	db_bind_text(st, 1, state);
	db_bind_text(st, 2, nonce);
	db_bind_int(st, 3, p->id);
	db_bind_int(st, 4, (int64_t)time(NULL) + LTI_STATE_SECONDS);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0)
		return -1;
	snprintf(redirect, sizeof(redirect), "%s/lti/lancement", p->public_url);
	buf_adds(url, p->auth_url);
	buf_adds(url, strchr(p->auth_url, '?') ? "&" : "?");
	buf_adds(url, "scope=openid&response_type=id_token&response_mode=form_post&prompt=none&");
	url_param(url, "client_id", p->client_id);
	url_param(url, "&redirect_uri", redirect);
	url_param(url, "&login_hint", login_hint);
	if (message_hint)
		url_param(url, "&lti_message_hint", message_hint);
	url_param(url, "&state", state);
	url_param(url, "&nonce", nonce);
	return buf_failed(url) ? -1 : 0;
}

/* ---- launch verification ---- */

static int refuse(struct lti_refusal *why, const char *message, const char *reason)
{
	why->message = message;
	copy_text(why->reason, sizeof(why->reason), reason);
	return 0;
}

/* Take the state: its nonce and platform, then delete it. 1, 0 or -1. */
static int state_take(struct db *db, const char *state, char *nonce, size_t size, int64_t *platform_id)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM lti_state WHERE state = ? AND expires_at >= ? RETURNING nonce, platform_id");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_text(st, 1, state);
	db_bind_int(st, 2, (int64_t)time(NULL));
	step = db_step(st);
	if (step == DB_ROW) {
		copy_text(nonce, size, db_column_text(st, 0));
		*platform_id = db_column_int(st, 1);
	}
	db_reset(st);
	return db_found(step);
}

/* The key of `kid` in a key set (JSON text), as a new reference, or NULL. */
static json_t *jwks_key(const char *jwks, const char *kid)
{
	json_t *set = jwks ? json_loads(jwks, 0, NULL) : NULL, *keys = json_object_get(set, "keys"), *key, *found = NULL;
	size_t i;

	json_array_foreach(keys, i, key) {
		const char *k = json_string_value(json_object_get(key, "kid"));

		if (k && strcmp(k, kid) == 0) {
			found = json_incref(key);
			break;
		}
	}
	json_decref(set);
	return found;
}

static int jwks_store(struct db *db, int64_t platform_id, const char *jwks)
{
	struct db_stmt *st = db_prepare(db, "UPDATE lti_platform SET jwks_cache = ?, jwks_fetched_at = ? WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, jwks);
	db_bind_int(st, 2, (int64_t)time(NULL));
	db_bind_int(st, 3, platform_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* Fetch the platform's key set and cache it. 0 or -1 (reason filled). */
static int jwks_fetch(struct db *db, const struct lti_platform *p, struct lti_refusal *why)
{
	struct buf body = BUF_INIT(LTI_JWKS_MAX_BYTES);
	struct fetch_request req = { .method = "GET", .url = p->jwks_url, .headers = { "Accept: application/json" } };
	char err[64];
	long status;
	int rc = -1;

	if (fetch_send(&req, &body, &status, err, sizeof(err)) < 0 || status != 200)
		snprintf(why->reason, sizeof(why->reason), "key set fetch failed status=%ld", status);
	else
		rc = jwks_store(db, p->id, buf_cstr(&body));
	buf_release(&body);
	return rc;
}

/* The platform's key `kid`: from the cache, else from a fresh key set. */
static json_t *platform_key(struct db *db, const struct lti_platform *p, const char *kid, struct lti_refusal *why)
{
	struct db_stmt *st = db_prepare(db, "SELECT jwks_cache, coalesce(jwks_fetched_at, 0) FROM lti_platform WHERE id = ?");
	json_t *key = NULL;
	int64_t fetched = 0;

	if (!st)
		return NULL;
	db_bind_int(st, 1, p->id);
	if (db_step(st) == DB_ROW) {
		key = jwks_key(db_column_text(st, 0), kid);
		fetched = db_column_int(st, 1);
	}
	db_reset(st);
	if (key && fetched + LTI_JWKS_MAX_AGE_SECONDS > (int64_t)time(NULL))
		return key;
	json_decref(key);
	key = NULL;
	/* Forged tokens with unknown kids must not make Ardoise hammer the platform. */
	if (fetched + LTI_JWKS_MIN_AGE_SECONDS > (int64_t)time(NULL))
		return NULL;
	if (jwks_fetch(db, p, why) < 0)
		return NULL;
	st = db_prepare(db, "SELECT jwks_cache FROM lti_platform WHERE id = ?");
	if (!st)
		return NULL;
	db_bind_int(st, 1, p->id);
	if (db_step(st) == DB_ROW)
		key = jwks_key(db_column_text(st, 0), kid);
	db_reset(st);
	return key;
}

static const char *claim_text(const json_t *claims, const char *name)
{
	return json_string_value(json_object_get(claims, name));
}

/* The audience is the client id, or an array holding it (then azp must be it). */
static int audience_ok(const json_t *claims, const char *client_id)
{
	const json_t *aud = json_object_get(claims, "aud"), *item;
	const char *azp = claim_text(claims, "azp");
	size_t i;
	int found = 0;

	if (json_is_string(aud))
		return strcmp(json_string_value(aud), client_id) == 0 && (!azp || strcmp(azp, client_id) == 0);
	json_array_foreach(aud, i, item)
		found |= json_is_string(item) && strcmp(json_string_value(item), client_id) == 0;
	if (found && json_array_size(aud) > 1)
		return azp && strcmp(azp, client_id) == 0;
	return found;
}

static void role_of(const json_t *claims, char *role, size_t size)
{
	static const struct {
		const char *suffix;
		const char *role;
	} map[] = {
		{ "membership#Administrator", "administrateur" },
		{ "institution/person#Administrator", "administrateur" },
		{ "membership#Instructor", "accompagnateur" },
		{ "membership#Learner", "eleve" },
	};
	const json_t *roles = json_object_get(claims, LTI_CLAIM "roles"), *item;
	size_t i, k, len;

	role[0] = '\0';
	for (k = 0; k < sizeof(map) / sizeof(map[0]) && !role[0]; k++)
		json_array_foreach(roles, i, item) {
			const char *r = json_string_value(item);

			len = r ? strlen(r) : 0;
			if (len >= strlen(map[k].suffix) && strcmp(r + len - strlen(map[k].suffix), map[k].suffix) == 0)
				copy_text(role, size, map[k].role);
		}
}

static void launch_fill(const json_t *claims, struct lti_launch *out)
{
	const json_t *custom = json_object_get(claims, LTI_CLAIM "custom");
	const json_t *settings = json_object_get(claims, LTI_DL_CLAIM "deep_linking_settings");
	const json_t *endpoint = json_object_get(claims, LTI_AGS_CLAIM "endpoint");
	const json_t *scope, *item;
	size_t i;

	copy_text(out->sub, sizeof(out->sub), claim_text(claims, "sub"));
	copy_text(out->given_name, sizeof(out->given_name), claim_text(claims, "given_name"));
	copy_text(out->family_name, sizeof(out->family_name), claim_text(claims, "family_name"));
	copy_text(out->activity, sizeof(out->activity), json_string_value(json_object_get(custom, "activite")));
	role_of(claims, out->role, sizeof(out->role));
	out->deep_linking = strcmp(claim_text(claims, LTI_CLAIM "message_type"), "LtiDeepLinkingRequest") == 0;
	copy_text(out->return_url, sizeof(out->return_url), json_string_value(json_object_get(settings, "deep_link_return_url")));
	copy_text(out->dl_data, sizeof(out->dl_data), json_string_value(json_object_get(settings, "data")));
	scope = json_object_get(endpoint, "scope");
	json_array_foreach(scope, i, item)
		if (json_is_string(item) && strcmp(json_string_value(item), LTI_SCORE_SCOPE) == 0)
			copy_text(out->lineitem, sizeof(out->lineitem), json_string_value(json_object_get(endpoint, "lineitem")));
	if (strncmp(out->lineitem, "https://", 8) != 0 && strncmp(out->lineitem, "http://127.0.0.1:", 17) != 0)
		out->lineitem[0] = '\0'; /* only https, or the loopback in tests */
}

static const char *const platform_disabled = "Cette plateforme de cours est désactivée dans Ardoise : l'opérateur d'Ardoise l'a suspendue. "
	"Votre compte et votre travail sont conservés. Adressez-vous à l'administrateur de la plateforme.";
static const char *const platform_removed = "Cette plateforme de cours n'est plus enregistrée dans Ardoise. Adressez-vous à l'administrateur de la plateforme.";
static const char *const launch_refused = "La connexion depuis la plateforme de cours n'a pas pu être vérifiée. Relancez l'activité depuis la plateforme.";

/* The claims checks of a token whose signature verified. */
static int claims_check(const json_t *claims, const struct lti_platform *p, const char *nonce, struct lti_refusal *why)
{
	const char *iss = claim_text(claims, "iss"), *sub = claim_text(claims, "sub"), *type = claim_text(claims, LTI_CLAIM "message_type");
	const char *deployment = claim_text(claims, LTI_CLAIM "deployment_id"), *version = claim_text(claims, LTI_CLAIM "version");
	json_int_t exp = json_integer_value(json_object_get(claims, "exp")), iat = json_integer_value(json_object_get(claims, "iat"));
	int64_t now = (int64_t)time(NULL);

	if (!iss || strcmp(iss, p->issuer) != 0)
		return refuse(why, launch_refused, "issuer does not match the platform");
	if (!audience_ok(claims, p->client_id))
		return refuse(why, launch_refused, "audience is not this tool's client id");
	if (!json_is_integer(json_object_get(claims, "exp")) || exp + LTI_CLOCK_SKEW_SECONDS < now)
		return refuse(why, "Le lancement a expiré. Relancez l'activité depuis la plateforme.", "token expired");
	if (!json_is_integer(json_object_get(claims, "iat")) || iat > now + LTI_CLOCK_SKEW_SECONDS)
		return refuse(why, launch_refused, "token issued in the future");
	if (!claim_text(claims, "nonce") || strcmp(claim_text(claims, "nonce"), nonce) != 0)
		return refuse(why, launch_refused, "nonce does not match the login");
	if (!deployment || strcmp(deployment, p->deployment_id) != 0)
		return refuse(why, launch_refused, "unknown deployment id");
	if (!version || strcmp(version, "1.3.0") != 0 || !type ||
	    (strcmp(type, "LtiResourceLinkRequest") != 0 && strcmp(type, "LtiDeepLinkingRequest") != 0))
		return refuse(why, launch_refused, "not an LTI 1.3.0 launch or deep-linking request");
	if (!sub || !*sub || strlen(sub) > LTI_TEXT_MAX)
		return refuse(why, "La plateforme n'a pas transmis d'identifiant pour vous. Connectez-vous à la plateforme puis relancez l'activité.",
			      "sub missing or too long");
	return 1;
}

int lti_launch_verify(struct db *db, const char *state, const char *id_token, struct lti_platform *p,
		      struct lti_launch *out, struct lti_refusal *why)
{
	char nonce[SESSION_TOKEN_CHARS + 1];
	struct jwt token;
	json_t *key = NULL;
	int64_t platform_id = 0;
	int rc, found;

	memset(out, 0, sizeof(*out));
	memset(why, 0, sizeof(*why));
	found = state ? state_take(db, state, nonce, sizeof(nonce), &platform_id) : 0;
	if (found <= 0)
		return found < 0 ? -1 : refuse(why, "Ce lancement a déjà servi ou a expiré. Relancez l'activité depuis la plateforme.",
					      "state unknown, used or expired");
	found = lti_platform_find(db, platform_id, p);
	if (found <= 0)
		return found < 0 ? -1 : refuse(why, platform_removed, "platform deleted during the login");
	if (!p->enabled)
		return refuse(why, platform_disabled, "platform disabled by the operateur");
	if (jwt_decode(id_token, &token, why->reason, sizeof(why->reason)) < 0) {
		jwt_release(&token);
		why->message = launch_refused;
		return 0;
	}
	key = platform_key(db, p, token.kid, why);
	if (!key)
		rc = refuse(why, launch_refused, why->reason[0] ? why->reason : "unknown key id");
	else if (jwt_verify_jwk(&token, key) < 0)
		rc = refuse(why, launch_refused, "signature does not verify");
	else
		rc = claims_check(token.claims, p, nonce, why);
	if (rc == 1)
		launch_fill(token.claims, out);
	json_decref(key);
	jwt_release(&token);
	return rc;
}

/* ---- the account ---- */

static int64_t identity_find(struct db *db, int64_t platform_id, const char *sub)
{
	struct db_stmt *st = db_prepare(db, "SELECT i.account_id, a.active FROM lti_identity i JOIN account a ON a.id = i.account_id WHERE i.platform_id = ? AND i.sub = ?");
	enum db_step step;
	int64_t id = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, platform_id);
	db_bind_text(st, 2, sub);
	step = db_step(st);
	if (step == DB_ROW)
		id = db_column_int(st, 1) ? db_column_int(st, 0) : -2;
	db_reset(st);
	return step == DB_ERROR ? -1 : id;
}

static int identity_insert(struct db *db, int64_t platform_id, const char *sub, int64_t account_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO lti_identity (platform_id, sub, account_id, linked_at) VALUES (?, ?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, platform_id);
	db_bind_text(st, 2, sub);
	db_bind_int(st, 3, account_id);
	db_bind_int(st, 4, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* Fill `why` and return 1 when this launch may not sign in, else return 0. */
static int link_refused(int64_t found, const struct lti_launch *l, struct lti_refusal *why)
{
	if (found == -2) {
		refuse(why, "Votre compte Ardoise est désactivé. Adressez-vous à votre structure.", "linked account deactivated");
		return 1;
	}
	if (!l->role[0]) {
		refuse(why, "Votre rôle dans la plateforme ne donne pas accès à Ardoise.", "no learner, instructor or administrator role");
		return 1;
	}
	if (found == 0 && !identity_names_usable(l->given_name, l->family_name)) {
		refuse(why, "La plateforme n'a pas transmis votre prénom et votre nom. Demandez à son administrateur de les partager avec Ardoise.",
			      "given_name or family_name missing or unusable");
		return 1;
	}
	return 0;
}

int64_t lti_link(struct db *db, const struct lti_platform *p, const struct lti_launch *l, struct lti_refusal *why)
{
	struct identity_person person = { p->structure_id, l->role, l->given_name, l->family_name, p->level, p->group_id, p->name };
	int64_t id;

	if (db_begin(db) < 0)
		return -1;
	id = identity_find(db, p->id, l->sub);
	if (id == -1 || id > 0 || link_refused(id, l, why)) {
		db_rollback(db);
		return id == -2 ? 0 : id;
	}
	id = identity_account_create(db, &person);
	if (id < 0 || identity_insert(db, p->id, l->sub, id) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return id;
}

/* ---- deep linking ---- */

int lti_pick_create(struct db *db, int64_t platform_id, int64_t account_id, const struct lti_launch *l,
		    char token[44])
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO lti_deep_link (token, platform_id, account_id, return_url, data, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	token_random(token);
	db_bind_text(st, 1, token);
	db_bind_int(st, 2, platform_id);
	db_bind_int(st, 3, account_id);
	db_bind_text(st, 4, l->return_url);
	db_bind_text(st, 5, l->dl_data);
	db_bind_int(st, 6, (int64_t)time(NULL) + LTI_PICK_SECONDS);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int lti_pick_find(struct db *db, const char *token, int64_t account_id, int take, struct lti_platform *p,
		  struct lti_launch *l)
{
	struct db_stmt *st = take ? db_prepare(db, "DELETE FROM lti_deep_link WHERE token = ? AND account_id = ? AND expires_at >= ? RETURNING platform_id, return_url, data")
				  : db_prepare(db, "SELECT platform_id, return_url, data FROM lti_deep_link WHERE token = ? AND account_id = ? AND expires_at >= ?");
	enum db_step step;
	int64_t platform_id = 0;

	memset(l, 0, sizeof(*l));
	if (!st)
		return -1;
	db_bind_text(st, 1, token);
	db_bind_int(st, 2, account_id);
	db_bind_int(st, 3, (int64_t)time(NULL));
	step = db_step(st);
	if (step == DB_ROW) {
		platform_id = db_column_int(st, 0);
		copy_text(l->return_url, sizeof(l->return_url), db_column_text(st, 1));
		copy_text(l->dl_data, sizeof(l->dl_data), db_column_text(st, 2));
	}
	db_reset(st);
	if (step != DB_ROW)
		return db_found(step);
	return lti_platform_find(db, platform_id, p);
}

int lti_platforms_each(struct db *db, void (*each)(void *ctx, const struct lti_platform *p), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM lti_platform ORDER BY name, id LIMIT 500");
	int64_t ids[500];
	size_t n = 0, i;
	struct lti_platform p;

	if (!st)
		return -1;
	while (n < 500 && db_step(st) == DB_ROW)
		ids[n++] = db_column_int(st, 0);
	db_reset(st);
	for (i = 0; i < n; i++)
		if (lti_platform_find(db, ids[i], &p) == 1)
			each(ctx, &p);
	return 0;
}
