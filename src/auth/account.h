/*
 * account: structures, accounts and groups as the sign-in pages and the
 * demo need them.
 */
#ifndef ARDOISE_AUTH_ACCOUNT_H
#define ARDOISE_AUTH_ACCOUNT_H

#include <stdint.h>

#include "auth/password.h"
#include "store/db.h"

#define ACCOUNT_LOGIN_MAX 64
#define STRUCTURE_CODE_MAX 16

struct account_row {
	int64_t id;
	int64_t structure_id;
	char role[16];
	char login[ACCOUNT_LOGIN_MAX + 1];
	char first_name[64];
	char last_initial[8];
	char level[8];
	char avatar[32];
	char secret_hash[PASSWORD_HASH_BYTES];
	int active;
};

struct structure_row {
	int64_t id;
	char name[128];
	char code[STRUCTURE_CODE_MAX + 1];
};

/* Each returns 1 when found (filling `out`), 0 when not, -1 on error. */
int account_find_by_login(struct db *db, const char *login, struct account_row *out);
int account_find(struct db *db, int64_t id, struct account_row *out);
int account_find_child(struct db *db, int64_t structure_id, int64_t id, struct account_row *out);
int structure_find_by_code(struct db *db, const char *code, struct structure_row *out);

/* Call `each` for every active child of the structure, by first name. */
int structure_children(struct db *db, int64_t structure_id,
		       void (*each)(const struct account_row *child, void *ctx), void *ctx);

/* Create a structure / account / group; return the new id or -1. The secret
 * must already be hashed. An account of a structure also gets its role
 * granted on that structure. */
int64_t structure_create(struct db *db, const char *name, const char *code);
int64_t account_create(struct db *db, const struct account_row *a);
/* Grant `role` on a structure or an organisation (pass 0 for the other). */
int grant_add(struct db *db, int64_t account_id, const char *role, int64_t structure_id, int64_t organisation_id);
/* Store a child's picture sequence and login card token, both printable. */
int account_set_card(struct db *db, int64_t account_id, const char *pictures, const char *card_token);
int64_t group_create(struct db *db, int64_t structure_id, const char *name);
int group_add_member(struct db *db, int64_t group_id, int64_t account_id);

#endif
