/* Ardoise as an LTI 1.3 tool, against a platform played by this test on
 * 127.0.0.1 with its own RSA key pair: OIDC login, launches signed with
 * RS256, every refusal (forged, expired, wrong audience, replayed, unknown
 * key) leaving nothing written, deep linking and Ardoise's key set. */
#include "mock_server.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <sodium.h>
#include <stdbool.h>
#include <time.h>

#include "harness.h"
#include "integ_helpers.h"
#include "integ/jwt.h"

#define ISSUER "https://moodle.test"
#define CLIENT "ardoise-client"
#define ACTIVITY "maths-cm2-perimetre-et-aire"

static struct server server;
static struct mock_server platform;
static EVP_PKEY *platform_key, *other_key;
static char jwks[4096];
static int jwks_calls;
static char token_request[8192], score_body[1024], score_auth[128], score_path[256];

static void platform_handler(void *ctx, const struct mock_request *req, struct mock_reply *reply)
{
	reply->status = 404;
	if (strcmp(req->method, "POST") == 0 && strcmp(req->path, "/token") == 0) {
		snprintf(token_request, sizeof(token_request), "%.*s", (int)req->body_len, req->body);
		reply->status = 200;
		snprintf(reply->content_type, sizeof(reply->content_type), "application/json");
		snprintf(reply->body, sizeof(reply->body), "{\"access_token\":\"jeton-ags\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
		return;
	}
	if (strcmp(req->method, "POST") == 0 && strncmp(req->path, "/lineitems/7/scores", 19) == 0) {
		const char *auth = strcasestr(req->headers, "\nAuthorization: ");

		snprintf(score_path, sizeof(score_path), "%.200s", req->path);
		snprintf(score_body, sizeof(score_body), "%.*s", (int)req->body_len, req->body);
		if (auth)
			snprintf(score_auth, sizeof(score_auth), "%.*s", (int)strcspn(auth + 16, "\r"), auth + 16);
		reply->status = 200;
		return;
	}
	if (strcmp(req->path, "/jwks") == 0) {
		jwks_calls++;
		reply->status = 200;
		snprintf(reply->content_type, sizeof(reply->content_type), "application/json");
		snprintf(reply->body, sizeof(reply->body), "%s", jwks);
	}
}

static char *b64(const unsigned char *data, size_t len)
{
	size_t size = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = malloc(size);

	sodium_bin2base64(out, size, data, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static char *bn_b64(EVP_PKEY *key, const char *name)
{
	BIGNUM *n = NULL;
	unsigned char raw[600];
	int len;
	char *out;

	assert_int_equal(EVP_PKEY_get_bn_param(key, name, &n), 1);
	len = BN_bn2bin(n, raw);
	out = b64(raw, (size_t)len);
	BN_free(n);
	return out;
}

/* Sign `claims` (JSON text) with `key` under `kid` and `alg`. */
static char *sign(EVP_PKEY *key, const char *kid, const char *alg, const char *claims)
{
	char header[128], *h, *c, *s, *token, part[8192];
	unsigned char sig[512];
	size_t sig_len = sizeof(sig);
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	snprintf(header, sizeof(header), "{\"alg\":\"%s\",\"kid\":\"%s\",\"typ\":\"JWT\"}", alg, kid);
	h = b64((const unsigned char *)header, strlen(header));
	c = b64((const unsigned char *)claims, strlen(claims));
	snprintf(part, sizeof(part), "%s.%s", h, c);
	assert_int_equal(EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key), 1);
	assert_int_equal(EVP_DigestSign(md, sig, &sig_len, (const unsigned char *)part, strlen(part)), 1);
	s = b64(sig, sig_len);
	token = malloc(strlen(part) + strlen(s) + 2);
	snprintf(token, strlen(part) + strlen(s) + 2, "%s.%s", part, s);
	EVP_MD_CTX_free(md);
	free(h);
	free(c);
	free(s);
	return token;
}

static int setup(void **state)
{
	char fields[2048], *n, *e;
	struct client op;
	struct response r;

	platform_key = EVP_RSA_gen(2048);
	other_key = EVP_RSA_gen(2048);
	n = bn_b64(platform_key, OSSL_PKEY_PARAM_RSA_N);
	e = bn_b64(platform_key, OSSL_PKEY_PARAM_RSA_E);
	snprintf(jwks, sizeof(jwks), "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"cle-1\",\"alg\":\"RS256\",\"n\":\"%s\",\"e\":\"%s\"}]}", n, e);
	free(n);
	free(e);
	if (mock_start(&platform, platform_handler, NULL) < 0)
		return -1;
	server_start(&server);
	integ_demo_client(&server, &op, "operateur");
	snprintf(fields, sizeof(fields),
		 "nom=Moodle&iss=https%%3A%%2F%%2Fmoodle.test&client_id=" CLIENT "&deployment_id=dep-1"
		 "&auth_url=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fauth&jwks_url=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fjwks"
		 "&token_url=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Ftoken&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&groupe=1&niveau=CM2",
		 platform.port, platform.port, platform.port);
	assert_int_equal(integ_post_form(&op, "/operateur/lti", fields, &r), 303);
	response_release(&r);
	client_release(&op);
	return 0;
}

static int teardown(void **state)
{
	mock_stop(&platform);
	EVP_PKEY_free(platform_key);
	EVP_PKEY_free(other_key);
	return server_stop(&server);
}

/* Value of query parameter `name` in `url`, decoded, into `out`. */
static void url_value(struct client *c, const char *url, const char *name, char *out, size_t size)
{
	char key[64];
	const char *p;
	size_t len;
	int decoded_len;
	char *decoded;

	snprintf(key, sizeof(key), "%s=", name);
	p = strstr(url, key);
	assert_non_null(p);
	p += strlen(key);
	len = strcspn(p, "&");
	decoded = curl_easy_unescape(c->curl, p, (int)len, &decoded_len);
	snprintf(out, size, "%s", decoded);
	curl_free(decoded);
}

/* Start a login as the platform does; returns state and nonce. */
static void login(struct client *c, char *state, char *nonce)
{
	struct response r;
	char want[128];

	client_get(c, "/lti/connexion?iss=https%3A%2F%2Fmoodle.test&login_hint=u1&client_id=" CLIENT, &r);
	assert_int_equal(r.status, 303);
	snprintf(want, sizeof(want), "http://127.0.0.1:%d/auth?scope=openid&response_type=id_token", platform.port);
	assert_memory_equal(r.location, want, strlen(want));
	assert_non_null(strstr(r.location, "redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Flti%2Flancement"));
	url_value(c, r.location, "state", state, 64);
	url_value(c, r.location, "nonce", nonce, 64);
	response_release(&r);
}

struct claims {
	const char *iss, *aud, *sub, *nonce, *role, *type, *given, *deployment;
	long exp_offset;
};

static void claims_default(struct claims *k, const char *nonce)
{
	k->iss = ISSUER;
	k->aud = CLIENT;
	k->sub = "moodle-user-12";
	k->nonce = nonce;
	k->role = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
	k->type = "LtiResourceLinkRequest";
	k->given = "Maëlle";
	k->deployment = "dep-1";
	k->exp_offset = 300;
}

static char *claims_json(const struct claims *k)
{
	char lineitem[128];
	long now = (long)time(NULL);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:[s], s:{s:s}, s:{s:s, s:s}}",
			      "iss", k->iss, "aud", k->aud, "sub", k->sub, "nonce", k->nonce, "iat", (json_int_t)now,
			      "exp", (json_int_t)(now + k->exp_offset), "given_name", k->given, "family_name", "Ortiz",
			      "https://purl.imsglobal.org/spec/lti/claim/message_type", k->type,
			      "https://purl.imsglobal.org/spec/lti/claim/version", "1.3.0",
			      "https://purl.imsglobal.org/spec/lti/claim/deployment_id", k->deployment,
			      "https://purl.imsglobal.org/spec/lti/claim/roles", k->role,
			      "https://purl.imsglobal.org/spec/lti/claim/custom", "activite", ACTIVITY,
			      "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", "deep_link_return_url",
			      "https://moodle.test/retour", "data", "contexte-42");
	char *text;

	snprintf(lineitem, sizeof(lineitem), "http://127.0.0.1:%d/lineitems/7?type=ardoise", platform.port);
	json_object_set_new(j, "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
			    json_pack("{s:[s], s:s}", "scope", "https://purl.imsglobal.org/spec/lti-ags/scope/score", "lineitem", lineitem));
	text = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	return text;
}

static void launch(struct client *c, const char *state, const char *token, struct response *r)
{
	char *body = malloc(strlen(token) + 128);

	snprintf(body, strlen(token) + 128, "state=%s&id_token=%s", state, token);
	client_post(c, "/lti/lancement", body, r);
	free(body);
}

static long written(void)
{
	return server_query_count(&server, "SELECT count(*) FROM account") * 1000 +
	       server_query_count(&server, "SELECT count(*) FROM lti_identity") * 100 +
	       server_query_count(&server, "SELECT count(*) FROM session");
}

/* A fresh login, then a launch with the token made by `change`; expect a
 * refusal with `message` in the page and `reason` in the log. */
static void refused_launch(void (*change)(struct claims *k), EVP_PKEY *key, const char *kid, const char *alg,
			   const char *message, const char *reason)
{
	char state[64], nonce[64], *claims, *token;
	struct claims k;
	struct client c;
	struct response r;
	long before = written();

	client_init(&c, &server);
	login(&c, state, nonce);
	claims_default(&k, nonce);
	if (change)
		change(&k);
	claims = claims_json(&k);
	token = sign(key, kid, alg, claims);
	launch(&c, state, token, &r);
	assert_int_equal(r.status, 403);
	if (!strstr(r.body, message))
		fail_msg("message \"%s\" missing", message);
	if (!integ_log_has(&server, reason))
		fail_msg("reason \"%s\" missing from the log", reason);
	assert_int_equal(written(), before);
	response_release(&r);
	client_release(&c);
	free(claims);
	free(token);
}

static void learner_launch_opens_activity(void **state)
{
	char st[64], nonce[64], *claims, *token;
	struct claims k;
	struct client c;
	struct response r;

	client_init(&c, &server);
	login(&c, st, nonce);
	claims_default(&k, nonce);
	claims = claims_json(&k);
	token = sign(platform_key, "cle-1", "RS256", claims);
	launch(&c, st, token, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/activite/" ACTIVITY);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account a JOIN lti_identity i ON i.account_id = a.id"
						      " WHERE i.sub = 'moodle-user-12' AND a.role = 'eleve' AND a.level = 'CM2'"
						      " AND a.first_name = 'Maëlle' AND a.last_initial = 'O.'"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM group_member m JOIN lti_identity i ON i.account_id = m.account_id WHERE m.group_id = 1"), 1);

	/* The same state and token a second time: the state served once. */
	{
		long before = written();

		launch(&c, st, token, &r);
		assert_int_equal(r.status, 403);
		assert_non_null(strstr(r.body, "déjà servi"));
		assert_int_equal(written(), before);
		assert_true(integ_log_has(&server, "state unknown, used or expired"));
		response_release(&r);
	}
	client_release(&c);
	free(claims);
	free(token);
}

/* An attempt of the launched activity goes back to the platform's line item. */
static void learner_score_sent_back(void **state)
{
	char *assertion, *decoded, *claims_part;
	struct client c;
	struct response keys;
	struct jwt jwt;
	char reason[160];
	json_t *set, *score;
	int i, len;

	assert_int_equal(server_sql(&server,
				    "INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, results, score, max_score, started_at, submitted_at)"
				    " SELECT i.account_id, v.id, v.version, 'ags-1', '{}', '{}', 3, 4, 1700000000, 1700000100"
				    " FROM lti_identity i, activity v WHERE i.sub = 'moodle-user-12' AND v.id = '" ACTIVITY "' AND v.is_current = 1"), 0);
	for (i = 0; i < 100; i++) {
		pthread_mutex_lock(&platform.lock);
		len = (int)strlen(score_body);
		pthread_mutex_unlock(&platform.lock);
		if (len)
			break;
		usleep(100 * 1000);
	}
	pthread_mutex_lock(&platform.lock);
	assert_string_equal(score_path, "/lineitems/7/scores?type=ardoise");
	assert_string_equal(score_auth, "Bearer jeton-ags");
	score = json_loads(score_body, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(score, "userId")), "moodle-user-12");
	assert_true(json_real_value(json_object_get(score, "scoreGiven")) == 3.0);
	assert_int_equal(json_integer_value(json_object_get(score, "scoreMaximum")), 4);
	assert_string_equal(json_string_value(json_object_get(score, "gradingProgress")), "FullyGraded");
	json_decref(score);
	assert_non_null(strstr(token_request, "grant_type=client_credentials"));
	assert_non_null(strstr(token_request, "scope=https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2Flti-ags%2Fscope%2Fscore"));
	assertion = strstr(token_request, "client_assertion=");
	assert_non_null(assertion);
	assertion += strlen("client_assertion=");
	client_init(&c, &server);
	decoded = curl_easy_unescape(c.curl, assertion, (int)strcspn(assertion, "&"), NULL);
	pthread_mutex_unlock(&platform.lock);

	/* The assertion is signed with the key Ardoise publishes. */
	client_get(&c, "/.well-known/jwks.json", &keys);
	set = json_loads(keys.body, 0, NULL);
	assert_int_equal(jwt_decode(decoded, &jwt, reason, sizeof(reason)), 0);
	assert_int_equal(jwt_verify_jwk(&jwt, json_array_get(json_object_get(set, "keys"), 0)), 0);
	assert_string_equal(json_string_value(json_object_get(jwt.claims, "iss")), CLIENT);
	claims_part = json_dumps(json_object_get(jwt.claims, "aud"), JSON_ENCODE_ANY);
	assert_non_null(strstr(claims_part, "/token"));
	free(claims_part);
	jwt_release(&jwt);
	json_decref(set);
	response_release(&keys);
	curl_free(decoded);
	client_release(&c);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_score_outbox WHERE sent_at IS NOT NULL"), 1);
}

static void expired(struct claims *k) { k->exp_offset = -3600; }
static void wrong_audience(struct claims *k) { k->aud = "autre-outil"; }
static void wrong_issuer(struct claims *k) { k->iss = "https://pirate.test"; }
static void wrong_nonce(struct claims *k) { k->nonce = "nonce-rejoue"; }
static void wrong_deployment(struct claims *k) { k->deployment = "dep-9"; }
static void no_role(struct claims *k) { k->role = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"; k->sub = "u-mentor"; }
static void no_name(struct claims *k) { k->given = ""; k->sub = "u-sans-nom"; }

static void refused_expired(void **state)
{
	refused_launch(expired, platform_key, "cle-1", "RS256", "a expiré", "token expired");
}

static void refused_wrong_audience(void **state)
{
	refused_launch(wrong_audience, platform_key, "cle-1", "RS256", "pas pu être vérifiée", "audience is not this tool");
}

static void refused_wrong_issuer(void **state)
{
	refused_launch(wrong_issuer, platform_key, "cle-1", "RS256", "pas pu être vérifiée", "issuer does not match");
}

static void refused_replayed_nonce(void **state)
{
	refused_launch(wrong_nonce, platform_key, "cle-1", "RS256", "pas pu être vérifiée", "nonce does not match");
}

static void refused_wrong_deployment(void **state)
{
	refused_launch(wrong_deployment, platform_key, "cle-1", "RS256", "pas pu être vérifiée", "unknown deployment id");
}

static void refused_forged_signature(void **state)
{
	refused_launch(NULL, other_key, "cle-1", "RS256", "pas pu être vérifiée", "signature does not verify");
}

static void refused_unknown_key(void **state)
{
	int calls;

	/* An unknown kid makes Ardoise fetch the key set again, but not twice
	 * within LTI_JWKS_MIN_AGE_SECONDS (10 s). */
	assert_int_equal(server_sql(&server, "UPDATE lti_platform SET jwks_fetched_at = jwks_fetched_at - 20"), 0);
	calls = platform.calls;
	refused_launch(NULL, platform_key, "cle-inconnue", "RS256", "pas pu être vérifiée", "unknown key id");
	assert_int_equal(platform.calls, calls + 1);
	refused_launch(NULL, platform_key, "cle-inconnue", "RS256", "pas pu être vérifiée", "unknown key id");
	assert_int_equal(platform.calls, calls + 1);
}

static void refused_other_algorithm(void **state)
{
	refused_launch(NULL, platform_key, "cle-1", "RS384", "pas pu être vérifiée", "alg is not RS256");
}

static void refused_without_role(void **state)
{
	refused_launch(no_role, platform_key, "cle-1", "RS256", "ne donne pas accès", "no learner, instructor or administrator role");
}

static void refused_without_name(void **state)
{
	refused_launch(no_name, platform_key, "cle-1", "RS256", "pas transmis votre prénom", "given_name or family_name missing");
}

static void refused_bad_requests(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_get(&c, "/lti/connexion?iss=https%3A%2F%2Finconnu.test&login_hint=u1", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "pas enregistrée"));
	response_release(&r);
	client_get(&c, "/lti/connexion?iss=https%3A%2F%2Fmoodle.test", &r);
	assert_int_equal(r.status, 400);
	response_release(&r);
	client_post(&c, "/lti/lancement", "state=x", &r);
	assert_int_equal(r.status, 400);
	response_release(&r);
	launch(&c, "etat-inconnu", "a.b.c", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&c);
	assert_true(integ_log_has(&server, "iss or login_hint missing"));
	assert_true(integ_log_has(&server, "unknown issuer"));
}

static void teacher_deep_links_activity(void **state)
{
	char st[64], nonce[64], csrf[64], *claims, *token, jwt_text[4096], body[600], *p, *end;
	struct claims k;
	struct client c;
	struct response r, keys;
	struct jwt decoded;
	char reason[160];
	json_t *set, *jwk;

	client_init(&c, &server);
	login(&c, st, nonce);
	claims_default(&k, nonce);
	k.sub = "prof-1";
	k.role = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
	k.type = "LtiDeepLinkingRequest";
	claims = claims_json(&k);
	token = sign(platform_key, "cle-1", "RS256", claims);
	launch(&c, st, token, &r);
	assert_int_equal(r.status, 303);
	assert_memory_equal(r.location, "/lti/choix/", 11);
	snprintf(body, sizeof(body), "%.500s", r.location);
	response_release(&r);
	client_get(&c, body, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, ACTIVITY));
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	{
		char fields[256], path[600];

		snprintf(path, sizeof(path), "%.500s", body);
		snprintf(fields, sizeof(fields), "csrf=%s&activite=" ACTIVITY, csrf);
		client_post(&c, path, fields, &r);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.body, "action=\"https://moodle.test/retour\""));
		p = strstr(r.body, "name=\"JWT\" value=\"");
		assert_non_null(p);
		p += strlen("name=\"JWT\" value=\"");
		end = strchr(p, '"');
		snprintf(jwt_text, sizeof(jwt_text), "%.*s", (int)(end - p), p);
		response_release(&r);
		/* The pick serves once. */
		client_post(&c, path, fields, &r);
		assert_int_equal(r.status, 404);
		response_release(&r);
	}

	/* The response verifies with Ardoise's published key. */
	client_get(&c, "/.well-known/jwks.json", &keys);
	assert_int_equal(keys.status, 200);
	set = json_loads(keys.body, 0, NULL);
	assert_non_null(set);
	assert_int_equal(jwt_decode(jwt_text, &decoded, reason, sizeof(reason)), 0);
	jwk = json_array_get(json_object_get(set, "keys"), 0);
	assert_string_equal(json_string_value(json_object_get(jwk, "kid")), decoded.kid);
	assert_int_equal(jwt_verify_jwk(&decoded, jwk), 0);
	assert_string_equal(json_string_value(json_object_get(decoded.claims, "aud")), ISSUER);
	assert_string_equal(json_string_value(json_object_get(decoded.claims, "https://purl.imsglobal.org/spec/lti-dl/claim/data")), "contexte-42");
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(json_object_get(decoded.claims,
		"https://purl.imsglobal.org/spec/lti-dl/claim/content_items"), 0), "custom"), "activite")), ACTIVITY);
	jwt_release(&decoded);
	json_decref(set);
	response_release(&keys);
	client_release(&c);
	free(claims);
	free(token);
}

static void key_rotation_keeps_old_key(void **state)
{
	const struct demo_account *a = server_account(&server, "operateur");
	struct client op;
	struct response r;
	json_t *set;
	char csrf[64], body[128];

	client_init(&op, &server);
	client_get(&op, "/.well-known/jwks.json", &r);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_key"), 1);
	assert_int_equal(sign_in_adult(&op, a->login, a->secret), 0);
	client_get(&op, "/operateur/lti", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	client_post(&op, "/operateur/lti/cles", body, &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_get(&op, "/.well-known/jwks.json", &r);
	set = json_loads(r.body, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(set, "keys")), 2);
	assert_null(json_object_get(json_array_get(json_object_get(set, "keys"), 0), "d"));
	json_decref(set);
	response_release(&r);
	client_release(&op);
}

/* ---- the opérateur corrects, switches off and deletes a platform ---- */

#define PLATFORM_ROW "SELECT count(*) FROM lti_platform WHERE id = %d AND name = '%s' AND issuer = 'https://moodle.test'" \
	" AND client_id = '%s' AND deployment_id = 'dep-1' AND group_id = 1 AND level = 'CM2' AND public_url = 'http://127.0.0.1:1'"

/* The registration form of a platform like platform 1, with field `name`
 * set to `value` (URL-encoded) in place of its good value. */
static void platform_form(char *out, size_t size, const char *client, const char *name, const char *value)
{
	char urls[3][96];
	const char *names[] = { "nom", "iss", "client_id", "deployment_id", "auth_url", "jwks_url", "token_url", "ardoise", "groupe", "niveau" };
	const char *values[] = { "Moodle", "https%3A%2F%2Fmoodle.test", client, "dep-1", urls[0], urls[1], urls[2], "http%3A%2F%2F127.0.0.1%3A1", "1", "CM2" };
	size_t i, len = 0;

	snprintf(urls[0], sizeof(urls[0]), "http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fauth", platform.port);
	snprintf(urls[1], sizeof(urls[1]), "http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fjwks", platform.port);
	snprintf(urls[2], sizeof(urls[2]), "http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Ftoken", platform.port);
	out[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s=%s", i ? "&" : "", names[i],
					name && strcmp(name, names[i]) == 0 ? value : values[i]);
}

/* Edit platform `id` with one bad value: 422, `message`, the typed value
 * back in the form, and the platform unchanged. */
static void platform_edit_rejected(struct client *op, int id, const char *client, const char *name, const char *value,
				  const char *message, const char *refilled)
{
	char fields[4096], path[64], row[512];
	struct response r;
	long audits = server_query_count(&server, "SELECT count(*) FROM audit_log WHERE target_kind = 'lti'");

	platform_form(fields, sizeof(fields), client, name, value);
	snprintf(path, sizeof(path), "/operateur/lti/%d/modifier", id);
	assert_int_equal(integ_post_form(op, path, fields, &r), 422);
	if (!strstr(r.body, message))
		fail_msg("%s=%s: message \"%s\" missing", name, value, message);
	if (!strstr(r.body, refilled))
		fail_msg("%s=%s: value \"%s\" not refilled", name, value, refilled);
	response_release(&r);
	snprintf(row, sizeof(row), PLATFORM_ROW, id, id == 1 ? "Moodle" : "Moodle bis", client);
	assert_int_equal(server_query_count(&server, row), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE target_kind = 'lti'"), audits);
}

static void platform_edit_checks_values(void **state)
{
	char fields[4096], long_id[300], jwks_moved[128];
	struct client op;
	struct response r;

	integ_demo_client(&server, &op, "operateur");
	client_get(&op, "/operateur/lti", &r);
	assert_non_null(strstr(r.body, "href=\"/operateur/lti/1\""));
	assert_non_null(strstr(r.body, "<td>active</td>"));
	response_release(&r);
	client_get(&op, "/operateur/lti/1", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "action=\"/operateur/lti/1/modifier\""));
	assert_non_null(strstr(r.body, "name=\"deployment_id\" value=\"dep-1\""));
	assert_non_null(strstr(r.body, "Désactiver la plateforme"));
	response_release(&r);

	platform_edit_rejected(&op, 1, CLIENT, "nom", "+", "Le champ « Nom de la plateforme » est vide", "name=\"nom\" value=\"\"");
	platform_edit_rejected(&op, 1, CLIENT, "auth_url", "ftp%3A%2F%2Fx.fr", "L&#39;adresse « ftp://x.fr » n&#39;est pas valide",
			      "value=\"ftp://x.fr\"");
	platform_edit_rejected(&op, 1, CLIENT, "groupe", "999", "Le groupe n° « 999 » n&#39;existe pas", "name=\"groupe\" value=\"999\"");
	platform_edit_rejected(&op, 1, CLIENT, "niveau", "CP", "Le niveau choisi n&#39;existe pas", "name=\"nom\" value=\"Moodle\"");
	memset(long_id, 'a', 280);
	long_id[280] = '\0';
	platform_edit_rejected(&op, 1, CLIENT, "client_id", long_id, "Le champ « Identifiant client (client_id) » dépasse 256 caractères",
			      "name=\"nom\" value=\"Moodle\"");

	/* A second platform may not take the first one's issuer and client id,
	 * neither when registered nor when edited. */
	platform_form(fields, sizeof(fields), CLIENT, "nom", "Moodle+bis");
	assert_int_equal(integ_post_form(&op, "/operateur/lti", fields, &r), 422);
	assert_non_null(strstr(r.body, "déjà cet issuer et ce client_id « " CLIENT " »"));
	response_release(&r);
	platform_form(fields, sizeof(fields), "autre-client", "nom", "Moodle+bis");
	assert_int_equal(integ_post_form(&op, "/operateur/lti", fields, &r), 303);
	response_release(&r);
	platform_edit_rejected(&op, 2, "autre-client", "client_id", CLIENT, "déjà cet issuer et ce client_id", "value=\"" CLIENT "\"");

	/* A good edit is saved with an audit line. A new key set address drops
	 * the cached key set. The last edit puts the old address back. */
	platform_form(fields, sizeof(fields), CLIENT, "nom", "Moodle+acad%C3%A9mie");
	assert_int_equal(integ_post_form(&op, "/operateur/lti/1/modifier", fields, &r), 303);
	assert_string_equal(r.location, "/operateur/lti/1?fait=1");
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_platform WHERE id = 1 AND name = 'Moodle académie' AND jwks_cache IS NOT NULL"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'update' AND target_kind = 'lti'"
						      " AND target_id = 1 AND structure_id = 1 AND details = 'Moodle académie : nom'"), 1);
	snprintf(jwks_moved, sizeof(jwks_moved), "http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fjwks2", platform.port);
	platform_form(fields, sizeof(fields), CLIENT, "jwks_url", jwks_moved);
	assert_int_equal(integ_post_form(&op, "/operateur/lti/1/modifier", fields, &r), 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_platform WHERE id = 1 AND name = 'Moodle' AND jwks_cache IS NULL"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'update' AND target_kind = 'lti'"
						      " AND details = 'Moodle : nom, adresse du jeu de clés'"), 1);
	platform_form(fields, sizeof(fields), CLIENT, NULL, NULL);
	assert_int_equal(integ_post_form(&op, "/operateur/lti/1/modifier", fields, &r), 303);
	response_release(&r);
	client_release(&op);
}

/* Launch platform 1 as a learner from an earlier login. Returns the status. */
static long learner_launch(struct client *c, const char *st, const char *nonce, struct response *r)
{
	struct claims k;
	char *claims, *token;

	claims_default(&k, nonce);
	claims = claims_json(&k);
	token = sign(platform_key, "cle-1", "RS256", claims);
	launch(c, st, token, r);
	free(claims);
	free(token);
	return r->status;
}

static void platform_switch(const char *value, long status)
{
	struct client op;
	struct response r;
	char fields[32];

	integ_demo_client(&server, &op, "operateur");
	snprintf(fields, sizeof(fields), "active=%s", value);
	assert_int_equal(integ_post_form(&op, "/operateur/lti/1/ouverture", fields, &r), status);
	response_release(&r);
	client_release(&op);
}

#define QUEUED_SCORE "SELECT count(*) FROM lti_score_outbox o JOIN attempt t ON t.id = o.attempt_id" \
	" WHERE t.idempotency_key = 'ags-disabled' AND o.platform_id = 1"

/* Whether the platform receives a score within `seconds`. */
static bool score_received(int seconds)
{
	bool received = false;
	int i;

	for (i = 0; i < seconds * 10 && !received; i++) {
		pthread_mutex_lock(&platform.lock);
		received = score_body[0] != '\0';
		pthread_mutex_unlock(&platform.lock);
		if (!received)
			usleep(100 * 1000);
	}
	return received;
}

static void disabled_platform_rejects_launch(void **state)
{
	char st[64], nonce[64];
	struct client c;
	struct response r;
	long before, i, accounts = server_query_count(&server, "SELECT count(*) FROM account");

	client_init(&c, &server);
	login(&c, st, nonce);
	platform_switch("0", 303);
	assert_int_equal(server_query_count(&server, "SELECT enabled FROM lti_platform WHERE id = 1"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'disable' AND target_kind = 'lti' AND target_id = 1"), 1);

	/* A login started before the switch, then a new login: both refused. */
	before = written();
	assert_int_equal(learner_launch(&c, st, nonce, &r), 403);
	assert_non_null(strstr(r.body, "Cette plateforme de cours est désactivée dans Ardoise"));
	response_release(&r);
	assert_int_equal(written(), before);
	assert_true(integ_log_has(&server, "platform disabled by the operateur"));
	client_get(&c, "/lti/connexion?iss=https%3A%2F%2Fmoodle.test&login_hint=u1&client_id=" CLIENT, &r);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "Cette plateforme de cours est désactivée dans Ardoise"));
	response_release(&r);
	platform_switch("7", 422);
	assert_int_equal(server_query_count(&server, "SELECT enabled FROM lti_platform WHERE id = 1"), 0);

	/* A score of a disabled platform is queued but not sent. */
	pthread_mutex_lock(&platform.lock);
	score_body[0] = '\0';
	pthread_mutex_unlock(&platform.lock);
	assert_int_equal(server_sql(&server,
				    "INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, results, score, max_score, started_at, submitted_at)"
				    " SELECT i.account_id, v.id, v.version, 'ags-disabled', '{}', '{}', 2, 4, 1700000200, 1700000300"
				    " FROM lti_identity i, activity v WHERE i.sub = 'moodle-user-12' AND v.id = '" ACTIVITY "' AND v.is_current = 1"), 0);
	for (i = 0; i < 100 && server_query_count(&server, QUEUED_SCORE) == 0; i++)
		usleep(100 * 1000);
	assert_false(score_received(2));
	assert_int_equal(server_query_count(&server, QUEUED_SCORE " AND o.sent_at IS NULL"), 1);

	/* Switched on again, the same learner launches as before. */
	platform_switch("1", 303);
	assert_true(score_received(10));
	assert_int_equal(server_query_count(&server, QUEUED_SCORE " AND o.sent_at IS NOT NULL"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'enable' AND target_kind = 'lti' AND target_id = 1"), 1);
	login(&c, st, nonce);
	assert_int_equal(learner_launch(&c, st, nonce, &r), 303);
	assert_string_equal(r.location, "/activite/" ACTIVITY);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), accounts);
	client_release(&c);

	integ_demo_client(&server, &c, "administrateur");
	client_get(&c, "/admin/structure/1/journal", &r);
	assert_non_null(strstr(r.body, "a désactivé la plateforme de cours « Moodle »"));
	assert_non_null(strstr(r.body, "a réactivé la plateforme de cours « Moodle »"));
	assert_non_null(strstr(r.body, "a enregistré la plateforme de cours « Moodle »"));
	response_release(&r);
	client_release(&c);
}

static void deleted_platform_keeps_accounts(void **state)
{
	char st[64], nonce[64], want[256];
	struct client op, c;
	struct response r;
	long accounts = server_query_count(&server, "SELECT count(*) FROM account");
	long linked = server_query_count(&server, "SELECT count(*) FROM lti_identity WHERE platform_id = 1");
	long learner = server_query_count(&server, "SELECT account_id FROM lti_identity WHERE sub = 'moodle-user-12'");

	assert_true(linked > 0);
	assert_true(learner > 0);
	assert_true(server_query_count(&server, "SELECT count(*) FROM lti_grade_link WHERE platform_id = 1") > 0);
	client_init(&c, &server);
	login(&c, st, nonce);
	integ_demo_client(&server, &op, "operateur");
	client_get(&op, "/operateur/lti/1/supprimer", &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "Les %ld comptes reliés à cette plateforme sont gardés", linked);
	assert_non_null(strstr(r.body, want));
	response_release(&r);

	assert_int_equal(integ_post_form(&op, "/operateur/lti/1/supprimer", "x=1", &r), 422);
	assert_non_null(strstr(r.body, "La suppression n&#39;est pas confirmée"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_platform WHERE id = 1"), 1);

	assert_int_equal(integ_post_form(&op, "/operateur/lti/1/supprimer", "confirmation=oui", &r), 303);
	assert_string_equal(r.location, "/operateur/lti?supprime=1");
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_platform WHERE id = 1"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_identity WHERE platform_id = 1"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_grade_link WHERE platform_id = 1"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_score_outbox WHERE platform_id = 1"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM lti_state WHERE platform_id = 1"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), accounts);
	snprintf(want, sizeof(want), "SELECT count(*) FROM account WHERE id = %ld AND active = 1", learner);
	assert_int_equal(server_query_count(&server, want), 1);
	snprintf(want, sizeof(want), "SELECT count(*) FROM audit_log WHERE action = 'delete' AND target_kind = 'lti' AND target_id = 1"
				     " AND details LIKE '%% : %ld compte(s) gardé(s), lien avec la plateforme retiré'", linked);
	assert_int_equal(server_query_count(&server, want), 1);
	client_get(&op, "/operateur/lti/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&op);

	/* The login made before the deletion, then a new one: refused. */
	assert_int_equal(learner_launch(&c, st, nonce, &r), 403);
	assert_non_null(strstr(r.body, "déjà servi"));
	response_release(&r);
	client_get(&c, "/lti/connexion?iss=https%3A%2F%2Fmoodle.test&login_hint=u1&client_id=" CLIENT, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "pas enregistrée dans Ardoise"));
	response_release(&r);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(learner_launch_opens_activity),
		cmocka_unit_test(learner_score_sent_back),
		cmocka_unit_test(refused_expired),
		cmocka_unit_test(refused_wrong_audience),
		cmocka_unit_test(refused_wrong_issuer),
		cmocka_unit_test(refused_replayed_nonce),
		cmocka_unit_test(refused_wrong_deployment),
		cmocka_unit_test(refused_forged_signature),
		cmocka_unit_test(refused_unknown_key),
		cmocka_unit_test(refused_other_algorithm),
		cmocka_unit_test(refused_without_role),
		cmocka_unit_test(refused_without_name),
		cmocka_unit_test(refused_bad_requests),
		cmocka_unit_test(teacher_deep_links_activity),
		cmocka_unit_test(key_rotation_keeps_old_key),
		cmocka_unit_test(platform_edit_checks_values),
		cmocka_unit_test(disabled_platform_rejects_launch),
		cmocka_unit_test(deleted_platform_keeps_accounts),
	};

	return cmocka_run_group_tests_name("http_lti", tests, setup, teardown);
}
