/* RS256 tokens and RSA keys with OpenSSL 3; see jwt.h. */
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "integ/jwt.h"

unsigned char *jwt_b64_decode(const char *in, size_t len, size_t *out_len)
{
	unsigned char *out = malloc(len + 1);

	if (!out)
		return NULL;
	if (sodium_base642bin(out, len + 1, in, len, NULL, out_len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

char *jwt_b64_encode(const unsigned char *in, size_t len)
{
	size_t size = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = malloc(size);

	if (out)
		sodium_bin2base64(out, size, in, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static json_t *json_part(const char *in, size_t len)
{
	size_t raw_len;
	unsigned char *raw = jwt_b64_decode(in, len, &raw_len);
	json_t *j;

	if (!raw)
		return NULL;
	j = json_loadb((const char *)raw, raw_len, JSON_REJECT_DUPLICATES, NULL);
	free(raw);
	if (j && !json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static int fail(char *reason, size_t size, const char *text)
{
	snprintf(reason, size, "%s", text);
	return -1;
}

int jwt_decode(const char *token, struct jwt *out, char *reason, size_t reason_size)
{
	const char *dot1, *dot2, *alg, *kid;
	size_t len = token ? strlen(token) : 0;

	memset(out, 0, sizeof(*out));
	if (len == 0 || len > JWT_MAX_BYTES)
		return fail(reason, reason_size, "token missing or too long");
	dot1 = strchr(token, '.');
	dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	if (!dot2 || strchr(dot2 + 1, '.'))
		return fail(reason, reason_size, "token is not three base64url parts");
	out->header = json_part(token, (size_t)(dot1 - token));
	out->claims = json_part(dot1 + 1, (size_t)(dot2 - dot1 - 1));
	out->signature = jwt_b64_decode(dot2 + 1, strlen(dot2 + 1), &out->signature_len);
	out->signed_part = strndup(token, (size_t)(dot2 - token));
	if (!out->header || !out->claims || !out->signature || !out->signed_part)
		return fail(reason, reason_size, "token part not valid base64url JSON");
	alg = json_string_value(json_object_get(out->header, "alg"));
	kid = json_string_value(json_object_get(out->header, "kid"));
	if (!alg || strcmp(alg, "RS256") != 0)
		return fail(reason, reason_size, "alg is not RS256");
	if (!kid || !*kid || strlen(kid) > JWT_KID_MAX)
		return fail(reason, reason_size, "kid missing or too long");
	snprintf(out->kid, sizeof(out->kid), "%s", kid);
	return 0;
}

void jwt_release(struct jwt *t)
{
	json_decref(t->header);
	json_decref(t->claims);
	free(t->signed_part);
	free(t->signature);
	memset(t, 0, sizeof(*t));
}

static BIGNUM *jwk_number(const json_t *jwk, const char *name)
{
	const char *text = json_string_value(json_object_get(jwk, name));
	unsigned char *raw;
	size_t len;
	BIGNUM *n;

	if (!text)
		return NULL;
	raw = jwt_b64_decode(text, strlen(text), &len);
	if (!raw)
		return NULL;
	n = BN_bin2bn(raw, (int)len, NULL);
	free(raw);
	return n;
}

/* The public key of an RSA JWK, or NULL. */
static EVP_PKEY *jwk_public_key(const json_t *jwk)
{
	const char *kty = json_string_value(json_object_get(jwk, "kty"));
	BIGNUM *n = jwk_number(jwk, "n"), *e = jwk_number(jwk, "e");
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *key = NULL;

	if (!kty || strcmp(kty, "RSA") != 0 || !n || !e || !bld || BN_num_bits(n) < 2048)
		goto out;
	if (!OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		key = NULL;
out:
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(n);
	BN_free(e);
	return key;
}

int jwt_verify_jwk(const struct jwt *t, const json_t *jwk)
{
	EVP_PKEY *key = jwk_public_key(jwk);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok = 0;

	if (key && md && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key) == 1)
		ok = EVP_DigestVerify(md, t->signature, t->signature_len, (const unsigned char *)t->signed_part,
				      strlen(t->signed_part)) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	return ok ? 0 : -1;
}

static EVP_PKEY *pem_private_key(const char *pem)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;

	BIO_free(bio);
	return key;
}

/* Base64url of a JSON value's compact text. */
static char *json_b64(const json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT);
	char *out = text ? jwt_b64_encode((const unsigned char *)text, strlen(text)) : NULL;

	free(text);
	return out;
}

static char *signature_append(const char *signed_part, EVP_PKEY *key)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char sig[512];
	size_t sig_len = sizeof(sig);
	char *sig64 = NULL, *token = NULL;
	size_t size;

	if (md && EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) == 1 &&
	    EVP_DigestSign(md, sig, &sig_len, (const unsigned char *)signed_part, strlen(signed_part)) == 1)
		sig64 = jwt_b64_encode(sig, sig_len);
	size = sig64 ? strlen(signed_part) + strlen(sig64) + 2 : 0;
	if (size && (token = malloc(size)))
		snprintf(token, size, "%s.%s", signed_part, sig64);
	EVP_MD_CTX_free(md);
	free(sig64);
	return token;
}

char *jwt_sign(const json_t *claims, const char *kid, const char *private_pem)
{
	json_t *header = json_pack("{s:s, s:s, s:s}", "alg", "RS256", "typ", "JWT", "kid", kid);
	char *h64 = header ? json_b64(header) : NULL, *c64 = json_b64(claims), *signed_part = NULL, *token = NULL;
	EVP_PKEY *key = pem_private_key(private_pem);

	if (h64 && c64 && key && (signed_part = malloc(strlen(h64) + strlen(c64) + 2))) {
		snprintf(signed_part, strlen(h64) + strlen(c64) + 2, "%s.%s", h64, c64);
		token = signature_append(signed_part, key);
	}
	json_decref(header);
	free(h64);
	free(c64);
	free(signed_part);
	EVP_PKEY_free(key);
	return token;
}

static char *bn_b64(const EVP_PKEY *key, const char *name)
{
	BIGNUM *n = NULL;
	unsigned char raw[1024];
	char *out = NULL;
	int len;

	if (EVP_PKEY_get_bn_param(key, name, &n) == 1 && BN_num_bytes(n) <= (int)sizeof(raw)) {
		len = BN_bn2bin(n, raw);
		out = jwt_b64_encode(raw, (size_t)len);
	}
	BN_free(n);
	return out;
}

static char *pem_of(EVP_PKEY *key)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data, *out = NULL;
	long len;

	if (bio && PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL) == 1) {
		len = BIO_get_mem_data(bio, &data);
		out = strndup(data, (size_t)len);
	}
	BIO_free(bio);
	return out;
}

int jwk_generate(const char *kid, char **private_pem, char **public_jwk)
{
	EVP_PKEY *key = EVP_RSA_gen(2048);
	char *n = key ? bn_b64(key, OSSL_PKEY_PARAM_RSA_N) : NULL, *e = key ? bn_b64(key, OSSL_PKEY_PARAM_RSA_E) : NULL;
	json_t *jwk = NULL;

	*private_pem = key ? pem_of(key) : NULL;
	*public_jwk = NULL;
	if (n && e)
		jwk = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kty", "RSA", "kid", kid, "alg", "RS256", "use", "sig", "n", n, "e", e);
	if (jwk)
		*public_jwk = json_dumps(jwk, JSON_COMPACT);
	json_decref(jwk);
	free(n);
	free(e);
	EVP_PKEY_free(key);
	if (*private_pem && *public_jwk)
		return 0;
	free(*private_pem);
	free(*public_jwk);
	*private_pem = *public_jwk = NULL;
	return -1;
}
