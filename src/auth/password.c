#include "auth/password.h"

#include <string.h>

int password_hash(const char *secret, char out[PASSWORD_HASH_BYTES])
{
	return crypto_pwhash_str_alg(out, secret, strlen(secret),
				     crypto_pwhash_OPSLIMIT_INTERACTIVE,
				     crypto_pwhash_MEMLIMIT_INTERACTIVE,
				     crypto_pwhash_ALG_ARGON2ID13);
}

int password_hash_pictures(const char *pictures, char out[PASSWORD_HASH_BYTES])
{
	return crypto_pwhash_str_alg(out, pictures, strlen(pictures),
				     crypto_pwhash_OPSLIMIT_MIN,
				     crypto_pwhash_MEMLIMIT_MIN,
				     crypto_pwhash_ALG_ARGON2ID13);
}

bool password_verify(const char *hash, const char *secret)
{
	if (!hash || !secret || strlen(secret) > PASSWORD_MAX_BYTES)
		return false;
	return crypto_pwhash_str_verify(hash, secret, strlen(secret)) == 0;
}
