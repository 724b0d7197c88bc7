#include "auth/scope.h"

#include <string.h>

#include "auth/roles.h"

bool scope_national(const struct user *u)
{
	size_t i;

	for (i = 0; i < u->grant_count; i++)
		if (strcmp(u->grants[i].role, "operateur") == 0)
			return true;
	return false;
}

/* True when organisation `org` is the structure's financeur or above it. */
static bool organisation_above(struct db *db, int64_t org, int64_t structure_id)
{
	struct db_stmt *st = db_prepare(db,
		"WITH RECURSIVE up(id) AS ("
		" SELECT financeur_id FROM structure WHERE id = ? AND financeur_id IS NOT NULL"
		" UNION ALL SELECT o.parent_id FROM organisation o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)"
		" SELECT 1 FROM up WHERE id = ? LIMIT 1");
	bool found;

	if (!st)
		return false;
	db_bind_int(st, 1, structure_id);
	db_bind_int(st, 2, org);
	found = db_step(st) == DB_ROW;
	db_reset(st);
	return found;
}

bool scope_structure(struct db *db, const struct user *u, unsigned cap, int64_t structure_id)
{
	size_t i;

	if (structure_id <= 0)
		return false;
	for (i = 0; i < u->grant_count; i++) {
		const struct grant *g = &u->grants[i];

		if ((role_capabilities(g->role) & cap) != cap)
			continue;
		if (strcmp(g->role, "operateur") == 0 || g->structure_id == structure_id)
			return true;
		if (g->organisation_id && organisation_above(db, g->organisation_id, structure_id))
			return true;
	}
	return false;
}

static int64_t group_structure(struct db *db, int64_t group_id)
{
	return db_query_int_param(db, "SELECT structure_id FROM class_group WHERE id = ?", group_id, 0);
}

static bool follows_group(struct db *db, const struct user *u, int64_t group_id)
{
	return (u->caps & CAP_FOLLOW_GROUPS) &&
	       db_query_int_param2(db, "SELECT count(*) FROM group_member WHERE group_id = ? AND account_id = ?", group_id, u->id, 0) > 0;
}

bool scope_group(struct db *db, const struct user *u, int64_t group_id)
{
	int64_t structure_id = group_structure(db, group_id);

	if (!structure_id)
		return false;
	return follows_group(db, u, group_id) || scope_structure(db, u, CAP_MANAGE_STRUCTURE, structure_id);
}

bool scope_child(struct db *db, const struct user *u, int64_t child_id)
{
	int64_t structure_id;

	if (child_id == u->id)
		return true;
	structure_id = db_query_int_param(db, "SELECT coalesce(structure_id, 0) FROM account WHERE id = ? AND role = 'eleve'", child_id, 0);
	if (!structure_id)
		return false;
	if (scope_structure(db, u, CAP_MANAGE_STRUCTURE, structure_id))
		return true;
	return (u->caps & CAP_FOLLOW_GROUPS) &&
	       db_query_int_param2(db, "SELECT count(*) FROM group_member c JOIN group_member a ON a.group_id = c.group_id "
				       "WHERE c.account_id = ? AND a.account_id = ?", child_id, u->id, 0) > 0;
}
