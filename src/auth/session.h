/*
 * session: sign-in sessions stored in the database, so any server process
 * can serve any request. The browser holds a random token in an HttpOnly,
 * SameSite=Lax cookie; the database holds only its SHA-256.
 */
#ifndef ARDOISE_AUTH_SESSION_H
#define ARDOISE_AUTH_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

#define SESSION_COOKIE "ardoise_session"
#define SESSION_TOKEN_CHARS 43 /* 32 random bytes, base64url without padding */
#define SESSION_LIFETIME_SECONDS (8 * 3600)
/* Failed sign-ins allowed in LOGIN_WINDOW_SECONDS before a lock. */
#define LOGIN_MAX_FAILURES_PER_ACCOUNT 5
#define LOGIN_MAX_FAILURES_PER_ADDRESS 30
/* Children's picture and card failures are counted apart from adults', so a
 * classroom behind one address never locks its adults out, with a higher
 * bound because many children share that address. */
#define LOGIN_MAX_CHILD_FAILURES_PER_ADDRESS 100
#define LOGIN_KEY_ADDRESS "address:"
#define LOGIN_KEY_CHILDREN "children:"
#define LOGIN_WINDOW_SECONDS (15 * 60)

#define USER_MAX_GRANTS 16

/* A role held on one structure, or on one organisation (the other id is 0). */
struct grant {
	char role[16];
	int64_t structure_id;
	int64_t organisation_id;
};

/* The signed-in account, as pages need it. */
struct user {
	int64_t id;
	int64_t structure_id;
	char role[16];
	char first_name[64];
	char last_initial[8];
	char level[8];
	char avatar[32];
	char csrf[SESSION_TOKEN_CHARS + 1];
	unsigned caps; /* union of the capabilities of every grant */
	int must_change_password;
	struct grant grants[USER_MAX_GRANTS];
	size_t grant_count;
};

/* Fill `out` with a new random token (NUL-terminated). */
void token_random(char out[SESSION_TOKEN_CHARS + 1]);

/* Create a session; writes the cookie token into `token`. Returns 0 or -1. */
int session_create(struct db *db, int64_t account_id,
		   char token[SESSION_TOKEN_CHARS + 1]);
/* Look up an unexpired session of an active account. Returns 1 and fills
 * `out` when found, 0 when not, -1 on a database error. */
int session_lookup(struct db *db, const char *token, struct user *out);
/* Delete the session of `token`; deleting a missing one is not an error. */
int session_delete(struct db *db, const char *token);

/* Record a failed sign-in for `key` ("account:12", "address:127.0.0.1"). */
int login_failure_record(struct db *db, const char *key);
/* Number of failures of `key` in the current window. */
int login_failure_count(struct db *db, const char *key);
/* Forget the failures of `key` after a successful sign-in. */
int login_failure_clear(struct db *db, const char *key);

#endif
