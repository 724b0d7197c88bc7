/* CAS servers, their mappings and the accounts linked to CAS users. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/account.h"
#include "integ/cas.h"
#include "integ/identity.h"
#include "org/people.h"

const struct cas_profile_default cas_profile_defaults[] = {
	{ "National_ELV", "eleve", "élève" },
	{ "National_ENS", "accompagnateur", "enseignant" },
	{ "National_DIR", "administrateur", "directeur ou directrice" },
	{ "National_EVS", "accompagnateur", "personnel de vie scolaire" },
	{ "National_DOC", "accompagnateur", "professeur documentaliste" },
	{ "National_TUT", "refuse", "parent ou responsable" },
	{ "National_COL", "refuse", "personnel de collectivité" },
};
const size_t cas_profile_default_count = sizeof(cas_profile_defaults) / sizeof(cas_profile_defaults[0]);

static void copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

int cas_server_find(struct db *db, int64_t id, struct cas_server *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, structure_id, name, base_url, public_url, enabled FROM cas_server WHERE id = ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	step = db_step(st);
	if (step == DB_ROW) {
		out->id = db_column_int(st, 0);
		out->structure_id = db_column_int(st, 1);
		copy_text(out->name, sizeof(out->name), db_column_text(st, 2));
		copy_text(out->base_url, sizeof(out->base_url), db_column_text(st, 3));
		copy_text(out->public_url, sizeof(out->public_url), db_column_text(st, 4));
		out->enabled = (int)db_column_int(st, 5);
	}
	db_reset(st);
	return db_found(step);
}

void cas_service_url(const struct cas_server *s, char *out, size_t size)
{
	snprintf(out, size, "%s/cas/%lld/retour", s->public_url, (long long)s->id);
}

static int loopback_http(const char *url)
{
	static const char *const prefixes[] = { "http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/" };
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(url, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

int cas_url_valid(const char *url)
{
	size_t len, i;

	if (!url)
		return 0;
	len = strlen(url);
	if (len < 10 || len > CAS_URL_MAX || url[len - 1] == '/')
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f || strchr("\"'<>\\?#", url[i]))
			return 0;
	if (strncmp(url, "https://", 8) == 0)
		return url[8] != '\0' && url[8] != '/';
	return loopback_http(url);
}

int cas_ticket_valid(const char *ticket)
{
	size_t len, i;

	if (!ticket)
		return 0;
	len = strlen(ticket);
	if (len < 3 || len > CAS_TICKET_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)ticket[i] <= 0x20 || (unsigned char)ticket[i] >= 0x7f)
			return 0;
	return 1;
}

int64_t cas_server_create(struct db *db, int64_t actor_id, int64_t structure_id, const char *name, const char *base_url,
			  const char *public_url)
{
	struct db_stmt *st;
	int64_t id = -1;
	size_t i;

	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO cas_server (structure_id, name, base_url, public_url, enabled, created_at) VALUES (?, ?, ?, ?, 0, ?) RETURNING id");
	if (!st)
		goto fail;
	db_bind_int(st, 1, structure_id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, base_url);
	db_bind_text(st, 4, public_url);
	db_bind_int(st, 5, (int64_t)time(NULL));
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	if (id < 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO cas_role_map (cas_server_id, profile, role) VALUES (?, ?, ?)");
	for (i = 0; st && i < cas_profile_default_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, cas_profile_defaults[i].profile);
		db_bind_text(st, 3, cas_profile_defaults[i].role);
		if (db_step(st) != DB_DONE)
			st = NULL;
		else
			db_reset(st);
	}
	if (!st || audit_record(db, actor_id, "create", CAS_AUDIT_KIND, id, structure_id, name) < 0 || db_commit(db) < 0)
		goto fail;
	return id;
fail:
	if (st)
		db_reset(st);
	db_rollback(db);
	return -1;
}

/* ---- linking a CAS user to an account ---- */

/* The role of the first released profile the mapping allows; "" if none. */
static int role_for(struct db *db, int64_t server_id, const struct cas_attributes *a, char *role, size_t size)
{
	struct db_stmt *st = db_prepare(db, "SELECT role FROM cas_role_map WHERE cas_server_id = ? AND profile = ?");
	size_t i;

	role[0] = '\0';
	if (!st)
		return -1;
	for (i = 0; i < a->profile_count && !role[0]; i++) {
		db_bind_int(st, 1, server_id);
		db_bind_text(st, 2, a->profiles[i]);
		if (db_step(st) == DB_ROW && strcmp(db_column_text(st, 0), "refuse") != 0)
			copy_text(role, size, db_column_text(st, 0));
		db_reset(st);
	}
	return 0;
}

/* The group and level of the first released class the mapping knows. */
static int class_for(struct db *db, int64_t server_id, const struct cas_attributes *a, int64_t *group_id,
		     char *level, size_t size)
{
	struct db_stmt *st = db_prepare(db, "SELECT group_id, level FROM cas_class_map WHERE cas_server_id = ? AND class_code = ?");
	size_t i;

	*group_id = 0;
	if (!st)
		return -1;
	for (i = 0; i < a->class_count && !*group_id; i++) {
		db_bind_int(st, 1, server_id);
		db_bind_text(st, 2, a->classes[i]);
		if (db_step(st) == DB_ROW) {
			*group_id = db_column_int(st, 0);
			copy_text(level, size, db_column_text(st, 1));
		}
		db_reset(st);
	}
	return 0;
}

static int64_t identity_find(struct db *db, int64_t server_id, const char *user)
{
	struct db_stmt *st = db_prepare(db, "SELECT i.account_id, a.active FROM cas_identity i JOIN account a ON a.id = i.account_id WHERE i.cas_server_id = ? AND i.cas_user = ?");
	enum db_step step;
	int64_t id = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, server_id);
	db_bind_text(st, 2, user);
	step = db_step(st);
	if (step == DB_ROW)
		id = db_column_int(st, 1) ? db_column_int(st, 0) : -2;
	db_reset(st);
	return step == DB_ERROR ? -1 : id;
}

static int refuse(struct cas_refusal *why, const char *message, const char *reason)
{
	why->message = message;
	why->reason = reason;
	return 0;
}

/* Check what a new account needs; fills `row` and the group. Returns 1 when
 * acceptable, 0 when refused. */
static int new_account_check(struct db *db, const struct cas_server *s, const struct cas_attributes *a,
			     struct account_row *row, int64_t *group_id, struct cas_refusal *why)
{
	if (role_for(db, s->id, a, row->role, sizeof(row->role)) < 0 ||
	    class_for(db, s->id, a, group_id, row->level, sizeof(row->level)) < 0)
		return -1;
	if (!row->role[0])
		return refuse(why, "Votre profil dans l'ENT ne donne pas accès à Ardoise. Demandez à l'opérateur de vérifier la correspondance des profils.",
			      "no released profile is mapped to a role");
	if (!a->first_name[0] || !a->last_name[0])
		return refuse(why, "L'ENT n'a pas transmis votre prénom et votre nom. Demandez à l'administrateur de l'ENT de les transmettre à Ardoise.",
			      "first or last name attribute missing");
	if (!identity_names_usable(a->first_name, a->last_name))
		return refuse(why, "Le prénom ou le nom transmis par l'ENT n'est pas utilisable. Demandez à l'opérateur de créer le compte à la main.",
			      "first name too long or last name without a leading letter");
	if (strcmp(row->role, "eleve") == 0 && !*group_id)
		return refuse(why, "Ta classe n'est pas encore reliée à un groupe d'Ardoise. Demande à ton enseignant de prévenir l'opérateur.",
			      "no released class is mapped to a group");
	return 1;
}

static int identity_insert(struct db *db, int64_t server_id, const char *user, int64_t account_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO cas_identity (cas_server_id, cas_user, account_id, linked_at) VALUES (?, ?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, server_id);
	db_bind_text(st, 2, user);
	db_bind_int(st, 3, account_id);
	db_bind_int(st, 4, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int64_t cas_link(struct db *db, const struct cas_server *s, const struct cas_attributes *a, struct cas_refusal *why)
{
	struct identity_person person = { 0 };
	struct account_row row;
	int64_t group_id = 0, id;
	int ok;

	memset(&row, 0, sizeof(row));
	why->message = why->reason = NULL;
	if (db_begin(db) < 0)
		return -1;
	id = identity_find(db, s->id, a->user);
	if (id == -2) {
		db_rollback(db);
		refuse(why, "Votre compte Ardoise est désactivé. Adressez-vous à votre structure.", "linked account deactivated");
		return 0;
	}
	if (id != 0) {
		db_rollback(db);
		return id;
	}
	ok = new_account_check(db, s, a, &row, &group_id, why);
	if (ok <= 0) {
		db_rollback(db);
		return ok;
	}
	person.structure_id = s->structure_id;
	person.role = row.role;
	person.first_name = a->first_name;
	person.last_name = a->last_name;
	person.level = row.level;
	person.group_id = group_id;
	person.source = s->name;
	id = identity_account_create(db, &person);
	if (id < 0 || identity_insert(db, s->id, a->user, id) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return id;
}
