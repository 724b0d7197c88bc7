/* The opérateur's changes to a registered LTI platform: edit, switch off
 * and on, delete. Each runs in one transaction with its audit line. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "integ/lti.h"
#include "integ/registration.h"
#include "org/people.h"

static struct registration_audit audit_of(int64_t actor_id, const struct lti_platform *p)
{
	struct registration_audit a = { actor_id, LTI_AUDIT_KIND, p->id, p->structure_id, p->name };

	return a;
}

int lti_platform_taken(struct db *db, const char *issuer, const char *client_id, int64_t except_id)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM lti_platform WHERE issuer = ? AND client_id = ? AND id <> ?");
	int64_t count = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, issuer);
	db_bind_text(st, 2, client_id);
	db_bind_int(st, 3, except_id);
	if (db_step(st) == DB_ROW)
		count = db_column_int(st, 0);
	db_reset(st);
	return count < 0 ? -1 : count > 0;
}

int lti_platform_set_enabled(struct db *db, int64_t actor_id, const struct lti_platform *p, int enabled)
{
	struct registration_audit a = audit_of(actor_id, p);

	return registration_switch(db, "UPDATE lti_platform SET enabled = ? WHERE id = ?", &a, enabled);
}

/* The platform's name and the French names of the fields that differ. */
static void changes_describe(const struct lti_platform *was, const struct lti_platform *now, char *out, size_t size)
{
	static const struct {
		size_t offset;
		const char *label;
	} texts[] = {
		{ offsetof(struct lti_platform, name), "nom" },
		{ offsetof(struct lti_platform, issuer), "issuer" },
		{ offsetof(struct lti_platform, client_id), "client_id" },
		{ offsetof(struct lti_platform, deployment_id), "deployment_id" },
		{ offsetof(struct lti_platform, auth_url), "adresse d'authentification" },
		{ offsetof(struct lti_platform, jwks_url), "adresse du jeu de clés" },
		{ offsetof(struct lti_platform, token_url), "adresse des jetons" },
		{ offsetof(struct lti_platform, public_url), "adresse publique d'Ardoise" },
		{ offsetof(struct lti_platform, level), "niveau" },
	};
	const char *sep = " : ";
	size_t i, len;

	snprintf(out, size, "%s", now->name);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (strcmp((const char *)was + texts[i].offset, (const char *)now + texts[i].offset) == 0)
			continue;
		len = strlen(out);
		snprintf(out + len, size - len, "%s%s", sep, texts[i].label);
		sep = ", ";
	}
	len = strlen(out);
	if (was->group_id != now->group_id)
		snprintf(out + len, size - len, "%sgroupe", sep);
}

int lti_platform_update(struct db *db, int64_t actor_id, const struct lti_platform *was, const struct lti_platform *now)
{
	/* A new key set address drops the cached key set, so the next launch
	 * fetches the keys from the new address. */
	struct db_stmt *st;
	const char *texts[] = { now->level, now->name, now->issuer, now->client_id, now->deployment_id,
				now->auth_url, now->jwks_url, now->token_url, now->public_url };
	char details[1024];
	int i, rc;

	changes_describe(was, now, details, sizeof(details));
	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, "UPDATE lti_platform SET"
			    " jwks_cache = CASE WHEN jwks_url = ? THEN jwks_cache ELSE NULL END,"
			    " jwks_fetched_at = CASE WHEN jwks_url = ? THEN jwks_fetched_at ELSE NULL END,"
			    " structure_id = ?, group_id = ?, level = ?, name = ?, issuer = ?, client_id = ?, deployment_id = ?,"
			    " auth_url = ?, jwks_url = ?, token_url = ?, public_url = ? WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_text(st, 1, now->jwks_url);
	db_bind_text(st, 2, now->jwks_url);
	db_bind_int(st, 3, now->structure_id);
	db_bind_int(st, 4, now->group_id);
	for (i = 0; i < 9; i++)
		db_bind_text(st, 5 + i, texts[i]);
	db_bind_int(st, 14, was->id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0 || audit_record(db, actor_id, "update", LTI_AUDIT_KIND, was->id, now->structure_id, details) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

long lti_platform_linked_count(struct db *db, int64_t platform_id)
{
	return (long)db_query_int_param(db, "SELECT count(*) FROM lti_identity WHERE platform_id = ?", platform_id, -1);
}

int lti_platform_delete(struct db *db, int64_t actor_id, const struct lti_platform *p)
{
	/* Logins in progress, deep-linking requests, grade links and queued
	 * scores go with the platform (ON DELETE CASCADE). The identities do
	 * not cascade, so they are deleted first. */
	static const char *const deletes[] = {
		"DELETE FROM lti_identity WHERE platform_id = ?",
		"DELETE FROM lti_platform WHERE id = ?",
	};
	struct registration_audit a = audit_of(actor_id, p);

	return registration_delete(db, "SELECT count(*) FROM lti_identity WHERE platform_id = ?", deletes,
				   sizeof(deletes) / sizeof(deletes[0]), &a, "lien avec la plateforme");
}
