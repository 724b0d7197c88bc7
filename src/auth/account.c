#include "auth/account.h"

#include <stdio.h>
#include <time.h>

#define ACCOUNT_COLUMNS "id, coalesce(structure_id, 0), role, login, first_name, last_initial, coalesce(level, ''), avatar, secret_hash, active"

static void copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static void account_read(struct db_stmt *st, struct account_row *out)
{
	out->id = db_column_int(st, 0);
	out->structure_id = db_column_int(st, 1);
	copy_text(out->role, sizeof(out->role), db_column_text(st, 2));
	copy_text(out->login, sizeof(out->login), db_column_text(st, 3));
	copy_text(out->first_name, sizeof(out->first_name), db_column_text(st, 4));
	copy_text(out->last_initial, sizeof(out->last_initial), db_column_text(st, 5));
	copy_text(out->level, sizeof(out->level), db_column_text(st, 6));
	copy_text(out->avatar, sizeof(out->avatar), db_column_text(st, 7));
	copy_text(out->secret_hash, sizeof(out->secret_hash), db_column_text(st, 8));
	out->active = (int)db_column_int(st, 9);
}

/* Step a prepared one-row query and read the account. */
static int account_fetch(struct db_stmt *st, struct account_row *out)
{
	enum db_step step = db_step(st);

	if (step == DB_ROW)
		account_read(st, out);
	db_reset(st);
	return db_found(step);
}

int account_find_by_login(struct db *db, const char *login, struct account_row *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE login = ? AND role <> 'eleve'");

	if (!st)
		return -1;
	db_bind_text(st, 1, login);
	return account_fetch(st, out);
}

int account_find(struct db *db, int64_t id, struct account_row *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ?");

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	return account_fetch(st, out);
}

int account_find_child(struct db *db, int64_t structure_id, int64_t id, struct account_row *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ? AND structure_id = ? AND role = 'eleve'");

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, structure_id);
	return account_fetch(st, out);
}

int structure_find_by_code(struct db *db, const char *code, struct structure_row *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, name, code FROM structure WHERE upper(code) = upper(?)");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	step = db_step(st);
	if (step == DB_ROW) {
		out->id = db_column_int(st, 0);
		copy_text(out->name, sizeof(out->name), db_column_text(st, 1));
		copy_text(out->code, sizeof(out->code), db_column_text(st, 2));
	}
	db_reset(st);
	return db_found(step);
}

int structure_children(struct db *db, int64_t structure_id,
		       void (*each)(const struct account_row *child, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE structure_id = ? AND role = 'eleve' AND active = 1 ORDER BY first_name, last_initial, id");
	struct account_row row;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	while ((step = db_step(st)) == DB_ROW) {
		account_read(st, &row);
		each(&row, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int64_t structure_create(struct db *db, const char *name, const char *code)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO structure (name, code, created_at) VALUES (?, ?, ?) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, code);
	db_bind_int(st, 3, (int64_t)time(NULL));
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

int64_t account_create(struct db *db, const struct account_row *a)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO account (structure_id, role, login, first_name, last_initial, level, avatar, secret_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	if (a->structure_id)
		db_bind_int(st, 1, a->structure_id);
	db_bind_text(st, 2, a->role);
	db_bind_text(st, 3, a->login);
	db_bind_text(st, 4, a->first_name);
	db_bind_text(st, 5, a->last_initial);
	db_bind_text(st, 6, a->level[0] ? a->level : NULL);
	db_bind_text(st, 7, a->avatar[0] ? a->avatar : "renard");
	db_bind_text(st, 8, a->secret_hash);
	db_bind_int(st, 9, (int64_t)time(NULL));
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	if (id > 0 && a->structure_id && grant_add(db, id, a->role, a->structure_id, 0) < 0)
		return -1;
	return id;
}

int grant_add(struct db *db, int64_t account_id, const char *role, int64_t structure_id, int64_t organisation_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO role_grant (account_id, role, structure_id, organisation_id) VALUES (?, ?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	db_bind_text(st, 2, role);
	if (structure_id)
		db_bind_int(st, 3, structure_id);
	else
		db_bind_null(st, 3);
	if (organisation_id)
		db_bind_int(st, 4, organisation_id);
	else
		db_bind_null(st, 4);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int account_set_card(struct db *db, int64_t account_id, const char *pictures, const char *card_token)
{
	struct db_stmt *st = db_prepare(db, "UPDATE account SET picture_secret = ?, card_token = ? WHERE id = ? AND role = 'eleve'");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, pictures);
	db_bind_text(st, 2, card_token);
	db_bind_int(st, 3, account_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int64_t group_create(struct db *db, int64_t structure_id, const char *name)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO class_group (structure_id, name) VALUES (?, ?) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	db_bind_text(st, 2, name);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

int group_add_member(struct db *db, int64_t group_id, int64_t account_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO group_member (group_id, account_id) VALUES (?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, group_id);
	db_bind_int(st, 2, account_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}
