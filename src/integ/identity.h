/*
 * identity: accounts created for people who sign in through another system
 * (an ENT with CAS, an LMS with LTI). They get a random login nobody types,
 * no password, and only the first name, the initial of the last name, the
 * level (children) and one group.
 */
#ifndef ARDOISE_INTEG_IDENTITY_H
#define ARDOISE_INTEG_IDENTITY_H

#include <stdint.h>

#include "store/db.h"

#define IDENTITY_FIRST_NAME_MAX 63 /* bytes: account_row.first_name */

struct identity_person {
	int64_t structure_id;
	const char *role;       /* eleve, accompagnateur or administrateur */
	const char *first_name;
	const char *last_name;  /* only its first letter is kept */
	const char *level;      /* children only, else NULL */
	int64_t group_id;       /* 0: none */
	const char *source;     /* for the audit log: the ENT's or LMS's name */
};

/* True when the names can make an account: a first name of at most
 * IDENTITY_FIRST_NAME_MAX bytes and a last name starting with a letter. */
int identity_names_usable(const char *first_name, const char *last_name);

/* Create the account, its group membership and an audit line, in the
 * caller's transaction. Returns the new id or -1. */
int64_t identity_account_create(struct db *db, const struct identity_person *p);

#endif
