/*
 * scope: where a signed-in person may use a capability. The router checks
 * that the person has the capability somewhere; handlers then call these
 * functions with the structure, group or child the URL names. A refusal
 * should be answered 404 when naming the object would leak it, 403 otherwise.
 */
#ifndef ARDOISE_AUTH_SCOPE_H
#define ARDOISE_AUTH_SCOPE_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/session.h"
#include "store/db.h"

/* True when a grant gives `cap` on the structure: a grant on the structure
 * itself, on an organisation above it, or an opérateur grant (national). */
bool scope_structure(struct db *db, const struct user *u, unsigned cap, int64_t structure_id);
/* True when the person may see the group: they follow it (member
 * accompagnateur with CAP_FOLLOW_GROUPS) or manage its structure. */
bool scope_group(struct db *db, const struct user *u, int64_t group_id);
/* True when the person may see this child's work: the child, an
 * accompagnateur of one of the child's groups, or a manager of the
 * child's structure. Financeurs never see a child. */
bool scope_child(struct db *db, const struct user *u, int64_t child_id);
/* True when the person is an opérateur (national scope). */
bool scope_national(const struct user *u);

#endif
