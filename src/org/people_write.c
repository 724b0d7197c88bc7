/* The writing half of people.h: create, update, (de)activate, new secrets. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/password.h"
#include "auth/session.h"
#include "core/log.h"
#include "offer/licence.h"
#include "org/people.h"

static int secret_set(struct db *db, int64_t account_id, const char *hash, bool must_change);

static int64_t structure_code(struct db *db, int64_t structure_id, char *code, size_t size)
{
	struct db_stmt *st = db_prepare(db, "SELECT code FROM structure WHERE id = ?");
	int64_t found = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	if (db_step(st) == DB_ROW) {
		snprintf(code, size, "%s", db_column_text(st, 0));
		found = 1;
	}
	db_reset(st);
	return found;
}

static int groups_set(struct db *db, int64_t account_id, const struct person_input *in)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM group_member WHERE account_id = ?");
	size_t i;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	if (db_step(st) != DB_DONE) {
		db_reset(st);
		return -1;
	}
	db_reset(st);
	for (i = 0; i < in->group_count; i++)
		if (group_add_member(db, in->groups[i], account_id) < 0)
			return -1;
	return 0;
}

/* Fill the common columns of a new account row. */
static void row_fill(struct account_row *a, int64_t structure_id, const struct person_input *in)
{
	memset(a, 0, sizeof(*a));
	a->structure_id = structure_id;
	snprintf(a->role, sizeof(a->role), "%s", in->role);
	snprintf(a->first_name, sizeof(a->first_name), "%s", in->first_name);
	initial_normalize(in->last_initial, a->last_initial, sizeof(a->last_initial));
	snprintf(a->level, sizeof(a->level), "%s", strcmp(in->role, "eleve") == 0 && in->level ? in->level : "");
	snprintf(a->avatar, sizeof(a->avatar), "%s", strcmp(in->role, "eleve") == 0 ? "renard" : "hibou");
}

static int64_t child_insert(struct db *db, int64_t actor_id, int64_t structure_id, const struct person_input *in,
			    char *pictures, size_t pictures_size)
{
	static const char *const avatars[] = { "renard", "hibou", "tortue", "lapin", "ours", "panda" };
	char code[STRUCTURE_CODE_MAX + 1], token[SESSION_TOKEN_CHARS + 1];
	struct account_row a;
	int64_t id;

	if (structure_code(db, structure_id, code, sizeof(code)) != 1)
		return -1;
	row_fill(&a, structure_id, in);
	snprintf(a.avatar, sizeof(a.avatar), "%s", avatars[randombytes_uniform(6)]);
	if (login_for_child(db, code, a.first_name, a.last_initial, a.login, sizeof(a.login)) < 0)
		return -1;
	random_pictures(pictures, pictures_size);
	token_random(token);
	if (password_hash_pictures(pictures, a.secret_hash) < 0)
		return -1;
	id = account_create(db, &a);
	if (id < 0 || account_set_card(db, id, pictures, token) < 0 || groups_set(db, id, in) < 0 ||
	    audit_record(db, actor_id, "create", "eleve", id, structure_id, a.login) < 0)
		return -1;
	return id;
}

int64_t people_create_child(struct db *db, int64_t actor_id, int64_t structure_id,
			    const struct person_input *in, bool own_transaction,
			    char *pictures, size_t pictures_size, struct field_errors *errors)
{
	char message[OFFER_MESSAGE_MAX];
	int64_t id;
	int fits;

	if (!people_check(db, structure_id, in, 0, errors))
		return -1;
	if (own_transaction && db_begin(db) < 0)
		return -1;
	/* Inside the transaction, so concurrent creations cannot both take the last seat. */
	fits = offer_seats_reserve(db, structure_id, 1, time(NULL), message, sizeof(message));
	if (fits == 0)
		field_errors_add(errors, "licence", "%s", message);
	id = fits == 1 ? child_insert(db, actor_id, structure_id, in, pictures, pictures_size) : -1;
	if (!own_transaction)
		return id;
	if (id < 0 || db_commit(db) < 0) {
		if (fits != 0)
			log_error("child creation failed structure=%lld error=\"%s\"", (long long)structure_id, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return id;
}

int64_t people_create_adult(struct db *db, int64_t actor_id, int64_t structure_id,
			    const struct person_input *in, char *password, size_t password_size,
			    struct field_errors *errors)
{
	struct account_row a;
	int64_t id;

	if (!people_check(db, structure_id, in, 0, errors))
		return -1;
	row_fill(&a, structure_id, in);
	snprintf(a.login, sizeof(a.login), "%s", in->login);
	random_password(password, password_size);
	if (password_hash(password, a.secret_hash) < 0 || db_begin(db) < 0)
		return -1;
	id = account_create(db, &a);
	if (id < 0 || secret_set(db, id, a.secret_hash, true) < 0 || groups_set(db, id, in) < 0 || audit_record(db, actor_id, "create", in->role, id, structure_id, a.login) < 0 ||
	    db_commit(db) < 0) {
		/* A login taken between the check and the insert lands here. */
		if (db_last_error_is_unique(db))
			field_errors_add(errors, "identifiant", "L'identifiant « %s » est déjà pris : choisissez-en un autre.", in->login);
		db_rollback(db);
		return -1;
	}
	return id;
}

int people_update(struct db *db, int64_t actor_id, int64_t account_id, int64_t structure_id,
		  const struct person_input *in, struct field_errors *errors)
{
	struct db_stmt *st;
	char initial[16];
	int rc;

	if (!people_check(db, structure_id, in, account_id, errors))
		return -1;
	initial_normalize(in->last_initial, initial, sizeof(initial));
	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, "UPDATE account SET first_name = ?, last_initial = ?, level = ? WHERE id = ? AND structure_id = ?");
	if (!st)
		goto fail;
	db_bind_text(st, 1, in->first_name);
	db_bind_text(st, 2, initial);
	db_bind_text(st, 3, strcmp(in->role, "eleve") == 0 ? in->level : NULL);
	db_bind_int(st, 4, account_id);
	db_bind_int(st, 5, structure_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0 || groups_set(db, account_id, in) < 0 ||
	    audit_record(db, actor_id, "update", in->role, account_id, structure_id, "") < 0 || db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* Store a new secret hash; `must_change` forces a password change at the
 * next sign-in (adults given a temporary password). */
static int secret_set(struct db *db, int64_t account_id, const char *hash, bool must_change)
{
	struct db_stmt *st = db_prepare(db, "UPDATE account SET secret_hash = ?, must_change_password = ? WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, must_change ? 1 : 0);
	db_bind_int(st, 3, account_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int sessions_end(struct db *db, int64_t account_id)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM session WHERE account_id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* A reactivated child takes a seat again: 1 when one is free, 0 when not
 * (message filled), -1 on a database error. Adults take no seat. */
static int reactivation_seat(struct db *db, int64_t account_id, int64_t structure_id, char *message, size_t size)
{
	int64_t child = db_query_int_param(db, "SELECT count(*) FROM account WHERE id = ? AND role = 'eleve' AND active = 0", account_id, -1);

	if (child <= 0)
		return child < 0 ? -1 : 1;
	return offer_seats_reserve(db, structure_id, 1, time(NULL), message, size);
}

int people_set_active(struct db *db, int64_t actor_id, int64_t account_id, bool active, char *message, size_t size)
{
	struct db_stmt *st;
	int64_t structure_id = db_query_int_param(db, "SELECT coalesce(structure_id, 0) FROM account WHERE id = ?", account_id, 0);
	int rc;

	if (db_begin(db) < 0)
		return -1;
	if (active) {
		rc = reactivation_seat(db, account_id, structure_id, message, size);
		if (rc != 1) {
			db_rollback(db);
			return rc == 0 ? PEOPLE_NO_SEAT : -1;
		}
	}
	st = db_prepare(db, "UPDATE account SET active = ?, deactivated_at = ? WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, active ? 1 : 0);
	if (active)
		db_bind_null(st, 2);
	else
		db_bind_int(st, 2, (int64_t)time(NULL));
	db_bind_int(st, 3, account_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0 || (!active && sessions_end(db, account_id) < 0) ||
	    audit_record(db, actor_id, active ? "reactivate" : "deactivate", "account", account_id, structure_id, "") < 0 ||
	    db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int people_new_card(struct db *db, int64_t actor_id, int64_t account_id, char *pictures, size_t size)
{
	char token[SESSION_TOKEN_CHARS + 1], hash[PASSWORD_HASH_BYTES];
	int64_t structure_id = db_query_int_param(db, "SELECT coalesce(structure_id, 0) FROM account WHERE id = ? AND role = 'eleve'", account_id, 0);

	if (!structure_id)
		return -1;
	random_pictures(pictures, size);
	token_random(token);
	if (password_hash_pictures(pictures, hash) < 0 || db_begin(db) < 0)
		return -1;
	if (account_set_card(db, account_id, pictures, token) < 0 ||
	    secret_set(db, account_id, hash, false) < 0 ||
	    sessions_end(db, account_id) < 0 ||
	    audit_record(db, actor_id, "new-card", "eleve", account_id, structure_id, "") < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int people_reset_password(struct db *db, int64_t actor_id, int64_t account_id, char *password, size_t size)
{
	char hash[PASSWORD_HASH_BYTES];
	int64_t structure_id = db_query_int_param(db, "SELECT coalesce(structure_id, 0) FROM account WHERE id = ? AND role <> 'eleve'", account_id, -1);

	if (structure_id < 0)
		return -1;
	random_password(password, size);
	if (password_hash(password, hash) < 0 || db_begin(db) < 0)
		return -1;
	if (secret_set(db, account_id, hash, true) < 0 || sessions_end(db, account_id) < 0 ||
	    audit_record(db, actor_id, "reset-password", "account", account_id, structure_id, "") < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
