/*
 * jwt: RS256 JSON Web Tokens (RFC 7519, RFC 7515) and RSA JSON Web Keys
 * (RFC 7517), with OpenSSL and jansson, for LTI 1.3.
 */
#ifndef ARDOISE_INTEG_JWT_H
#define ARDOISE_INTEG_JWT_H

#include <jansson.h>
#include <stddef.h>

#define JWT_MAX_BYTES (32 * 1024)
#define JWT_KID_MAX 128

/* The header and claims of a token whose signature is not checked yet. */
struct jwt {
	json_t *header;
	json_t *claims;
	char kid[JWT_KID_MAX + 1];
	char *signed_part; /* "header.payload", what the signature covers */
	unsigned char *signature;
	size_t signature_len;
};

/* Split and decode `token`; requires alg RS256 and a kid. Returns 0, or -1
 * with the reason (English, for the log) in `reason`. Release with
 * jwt_release() either way. */
int jwt_decode(const char *token, struct jwt *out, char *reason, size_t reason_size);
void jwt_release(struct jwt *t);

/* Check the signature with the RSA public key `jwk` (an object with n and
 * e in base64url). Returns 0 when it verifies, -1 otherwise. */
int jwt_verify_jwk(const struct jwt *t, const json_t *jwk);

/* Sign `claims` with the PEM private key; returns the token (free() it) or
 * NULL. */
char *jwt_sign(const json_t *claims, const char *kid, const char *private_pem);

/* Make a 2048-bit RSA key: PEM private key and public JWK (kty, n, e, kid,
 * alg, use) as a JSON string; both free()d by the caller. Returns 0 or -1. */
int jwk_generate(const char *kid, char **private_pem, char **public_jwk);

/* Base64url without padding. `jwt_b64_decode` returns a malloc()ed buffer
 * and its length, or NULL on invalid input. */
unsigned char *jwt_b64_decode(const char *in, size_t len, size_t *out_len);
char *jwt_b64_encode(const unsigned char *in, size_t len);

#endif
