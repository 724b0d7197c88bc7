/*
 * registration: the writes shared by the opérateur's changes to ENT (CAS)
 * servers and LTI platforms, each in one transaction with its audit line.
 * The callers pass their SQL as literals because each registration kind
 * has its own tables.
 */
#ifndef ARDOISE_INTEG_REGISTRATION_H
#define ARDOISE_INTEG_REGISTRATION_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* The actor and the registration named by an audit line. */
struct registration_audit {
	int64_t actor_id;
	const char *kind;      /* audit_log.target_kind */
	int64_t id;
	int64_t structure_id;
	const char *name;      /* the registration's name, first in the details */
};

/* Run `sql`, whose only parameter is `id`. 0 or -1. */
int registration_exec(struct db *db, const char *sql, int64_t id);
/* Run `update_sql` (parameters: enabled as 0 or 1, then the id) and write
 * an "enable" or "disable" audit line. One transaction; 0 or -1. */
int registration_switch(struct db *db, const char *update_sql, const struct registration_audit *a, int enabled);
/* Count the linked accounts with `count_sql`, run each of `deletes`
 * (parameter: the id) and write a "delete" audit line that gives the
 * number of accounts kept and `link` (the link removed, in French). One
 * transaction; 0 or -1. */
int registration_delete(struct db *db, const char *count_sql, const char *const *deletes, size_t delete_count,
			const struct registration_audit *a, const char *link);

#endif
