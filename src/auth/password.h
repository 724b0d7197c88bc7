/*
 * password: argon2id hashing (libsodium) of adult passwords and of the
 * picture sequences children use. Both calls are slow on purpose (tens of
 * milliseconds, 64 MiB): call them from a worker thread, never from an
 * event loop.
 */
#ifndef ARDOISE_AUTH_PASSWORD_H
#define ARDOISE_AUTH_PASSWORD_H

#include <sodium.h>
#include <stdbool.h>

#define PASSWORD_HASH_BYTES crypto_pwhash_STRBYTES
#define PASSWORD_MAX_BYTES 256

/* Hash `secret` into `out` (NUL-terminated). Returns 0 or -1. */
int password_hash(const char *secret, char out[PASSWORD_HASH_BYTES]);
/* Constant-time check of `secret` against a stored hash. */
bool password_verify(const char *hash, const char *secret);

#endif
