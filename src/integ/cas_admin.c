/* The opérateur's CAS configuration: listings and mapping changes. */
#include <stdio.h>
#include <string.h>

#include "integ/cas.h"
#include "integ/registration.h"
#include "org/people.h"

/* Run `st` (already bound) and call `each` for every row: column 0 is the
 * id when `with_id`, the next ones the texts. */
static int rows_each(struct db_stmt *st, int with_id, int texts, cas_row_fn *each, void *ctx)
{
	struct cas_row row;
	enum db_step step;
	int i;

	while ((step = db_step(st)) == DB_ROW) {
		memset(&row, 0, sizeof(row));
		row.id = with_id ? db_column_int(st, 0) : 0;
		for (i = 0; i < texts; i++)
			row.text[i] = db_column_text(st, i + with_id);
		each(ctx, &row);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int cas_servers_each(struct db *db, cas_row_fn *each, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT c.id, c.name, s.name, CASE WHEN c.enabled = 1 THEN '1' ELSE '0' END FROM cas_server c JOIN structure s ON s.id = c.structure_id ORDER BY c.name, c.id");

	return st ? rows_each(st, 1, 3, each, ctx) : -1;
}

int cas_structures_each(struct db *db, cas_row_fn *each, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, name, code FROM structure ORDER BY name, id LIMIT 2000");

	return st ? rows_each(st, 1, 2, each, ctx) : -1;
}

int cas_groups_each(struct db *db, int64_t structure_id, cas_row_fn *each, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, name FROM class_group WHERE structure_id = ? ORDER BY name, id");

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	return rows_each(st, 1, 1, each, ctx);
}

int cas_roles_each(struct db *db, int64_t server_id, cas_row_fn *each, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT profile, role FROM cas_role_map WHERE cas_server_id = ? ORDER BY profile");

	if (!st)
		return -1;
	db_bind_int(st, 1, server_id);
	return rows_each(st, 0, 2, each, ctx);
}

int cas_classes_each(struct db *db, int64_t server_id, cas_row_fn *each, void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT m.class_code, g.name, m.level FROM cas_class_map m JOIN class_group g ON g.id = m.group_id WHERE m.cas_server_id = ? ORDER BY m.class_code");

	if (!st)
		return -1;
	db_bind_int(st, 1, server_id);
	return rows_each(st, 0, 3, each, ctx);
}

int cas_role_valid(const char *role)
{
	static const char *const roles[] = { "eleve", "accompagnateur", "administrateur", "refuse" };
	size_t i;

	for (i = 0; role && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(role, roles[i]) == 0)
			return 1;
	return 0;
}

/* Run a prepared write; 0 or -1. */
static int write_done(struct db_stmt *st)
{
	int rc = db_step(st) == DB_DONE ? 0 : -1;

	db_reset(st);
	return rc;
}

int cas_role_set(struct db *db, int64_t server_id, const char *profile, const char *role)
{
	struct db_stmt *st = db_prepare(db, "UPDATE cas_role_map SET role = ? WHERE cas_server_id = ? AND profile = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, role);
	db_bind_int(st, 2, server_id);
	db_bind_text(st, 3, profile);
	return write_done(st);
}

int cas_class_remove(struct db *db, int64_t server_id, const char *class_code)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM cas_class_map WHERE cas_server_id = ? AND class_code = ?");

	if (!st)
		return -1;
	db_bind_int(st, 1, server_id);
	db_bind_text(st, 2, class_code);
	return write_done(st);
}

int cas_class_set(struct db *db, int64_t server_id, const char *class_code, int64_t group_id, const char *level)
{
	struct db_stmt *st;

	if (db_begin(db) < 0)
		return -1;
	if (cas_class_remove(db, server_id, class_code) < 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO cas_class_map (cas_server_id, class_code, group_id, level) VALUES (?, ?, ?, ?)");
	if (!st)
		goto fail;
	db_bind_int(st, 1, server_id);
	db_bind_text(st, 2, class_code);
	db_bind_int(st, 3, group_id);
	db_bind_text(st, 4, level);
	if (write_done(st) < 0 || db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

static struct registration_audit audit_of(int64_t actor_id, const struct cas_server *s)
{
	struct registration_audit a = { actor_id, CAS_AUDIT_KIND, s->id, s->structure_id, s->name };

	return a;
}

int cas_server_set_enabled(struct db *db, int64_t actor_id, const struct cas_server *s, int enabled)
{
	struct registration_audit a = audit_of(actor_id, s);

	return registration_switch(db, "UPDATE cas_server SET enabled = ? WHERE id = ?", &a, enabled);
}

/* The French names of the fields that differ, for the audit line. */
static void changes_describe(const struct cas_server *was, const struct cas_server *now, char *out, size_t size)
{
	size_t len;

	snprintf(out, size, "%s :%s%s%s%s", now->name, strcmp(was->name, now->name) ? " nom," : "",
		 strcmp(was->base_url, now->base_url) ? " adresse du serveur CAS," : "",
		 strcmp(was->public_url, now->public_url) ? " adresse publique d'Ardoise," : "",
		 was->structure_id != now->structure_id ? " structure," : "");
	len = strlen(out);
	if (len && (out[len - 1] == ',' || out[len - 1] == ':'))
		out[len - 1] = '\0';
}

int cas_server_update(struct db *db, int64_t actor_id, const struct cas_server *was, const struct cas_server *now)
{
	struct db_stmt *st;
	char details[1024];

	/* NOTE: a move to another structure is logged under the new structure
	 * only, so the old structure's journal does not show it. */
	changes_describe(was, now, details, sizeof(details));
	if (db_begin(db) < 0)
		return -1;
	if (was->structure_id != now->structure_id &&
	    registration_exec(db, "DELETE FROM cas_class_map WHERE cas_server_id = ?", was->id) < 0)
		goto fail;
	st = db_prepare(db, "UPDATE cas_server SET name = ?, base_url = ?, public_url = ?, structure_id = ? WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_text(st, 1, now->name);
	db_bind_text(st, 2, now->base_url);
	db_bind_text(st, 3, now->public_url);
	db_bind_int(st, 4, now->structure_id);
	db_bind_int(st, 5, was->id);
	if (write_done(st) < 0 || audit_record(db, actor_id, "update", CAS_AUDIT_KIND, was->id, now->structure_id, details) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

long cas_server_linked_count(struct db *db, int64_t server_id)
{
	return (long)db_query_int_param(db, "SELECT count(*) FROM cas_identity WHERE cas_server_id = ?", server_id, -1);
}

int cas_server_delete(struct db *db, int64_t actor_id, const struct cas_server *s)
{
	static const char *const deletes[] = {
		"DELETE FROM cas_identity WHERE cas_server_id = ?",
		"DELETE FROM cas_class_map WHERE cas_server_id = ?",
		"DELETE FROM cas_role_map WHERE cas_server_id = ?",
		"DELETE FROM cas_server WHERE id = ?",
	};
	struct registration_audit a = audit_of(actor_id, s);

	return registration_delete(db, "SELECT count(*) FROM cas_identity WHERE cas_server_id = ?", deletes,
				   sizeof(deletes) / sizeof(deletes[0]), &a, "lien avec l'ENT");
}

int cas_group_in_structure(struct db *db, int64_t group_id, int64_t structure_id)
{
	return db_query_int_param2(db, "SELECT count(*) FROM class_group WHERE id = ? AND structure_id = ?", group_id,
				   structure_id, 0) == 1;
}
