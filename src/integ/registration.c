/* Switching off and deleting registrations with their audit lines; see
 * registration.h. */
#include <stdio.h>

#include "integ/registration.h"
#include "org/people.h"

int registration_exec(struct db *db, const char *sql, int64_t id)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int registration_switch(struct db *db, const char *update_sql, const struct registration_audit *a, int enabled)
{
	struct db_stmt *st;
	int rc;

	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, update_sql);
	if (!st)
		goto fail;
	db_bind_int(st, 1, enabled ? 1 : 0);
	db_bind_int(st, 2, a->id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0 || audit_record(db, a->actor_id, enabled ? "enable" : "disable", a->kind, a->id, a->structure_id, a->name) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int registration_delete(struct db *db, const char *count_sql, const char *const *deletes, size_t delete_count,
			const struct registration_audit *a, const char *link)
{
	char details[1024];
	int64_t linked;
	size_t i;

	if (db_begin(db) < 0)
		return -1;
	linked = db_query_int_param(db, count_sql, a->id, -1);
	if (linked < 0)
		goto fail;
	for (i = 0; i < delete_count; i++)
		if (registration_exec(db, deletes[i], a->id) < 0)
			goto fail;
	snprintf(details, sizeof(details), "%s : %lld compte(s) gardé(s), %s retiré", a->name, (long long)linked, link);
	if (audit_record(db, a->actor_id, "delete", a->kind, a->id, a->structure_id, details) < 0 || db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
