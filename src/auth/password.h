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
/* Hash a child's picture sequence with argon2id at its minimum cost. With
 * 729 possible sequences no hash cost would stop a guess; the sign-in lock
 * does. The low cost lets an import of 10,000 children finish in seconds. */
int password_hash_pictures(const char *pictures, char out[PASSWORD_HASH_BYTES]);
/* Constant-time check of `secret` against a stored hash. */
bool password_verify(const char *hash, const char *secret);

#endif
