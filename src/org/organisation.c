#include "org/organisation.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/account.h"
#include "auth/password.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/form.h"

static const struct {
	const char *kind;
	const char *parent_kind; /* NULL: not created through the forms */
	const char *label;
} organisation_kinds[] = {
	{ "operateur", NULL, "opérateur" },
	{ "academie", "operateur", "académie" },
	{ "departement", "academie", "département" },
	{ "financeur", "departement", "financeur" },
};

static const struct {
	const char *kind;
	const char *label;
} structure_kinds[] = {
	{ "association", "association" },
	{ "dispositif", "dispositif" },
	{ "maison-de-quartier", "maison de quartier" },
	{ "clae", "CLAE" },
	{ "ecole", "école" },
	{ "college", "collège" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *organisation_parent_kind(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < COUNT(organisation_kinds); i++)
		if (strcmp(organisation_kinds[i].kind, kind) == 0)
			return organisation_kinds[i].parent_kind;
	return NULL;
}

const char *organisation_kind_label(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < COUNT(organisation_kinds); i++)
		if (strcmp(organisation_kinds[i].kind, kind) == 0)
			return _(organisation_kinds[i].label);
	for (i = 0; kind && i < COUNT(structure_kinds); i++)
		if (strcmp(structure_kinds[i].kind, kind) == 0)
			return _(structure_kinds[i].label);
	return "?";
}

static bool structure_kind_known(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < COUNT(structure_kinds); i++)
		if (strcmp(structure_kinds[i].kind, kind) == 0)
			return true;
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool departement_code_valid(const char *code)
{
	size_t len = code ? strlen(code) : 0;
	long n;

	if (len == 2 && (strcmp(code, "2A") == 0 || strcmp(code, "2B") == 0))
		return true;
	if ((len != 2 && len != 3) || !all_digits(code, len))
		return false;
	n = strtol(code, NULL, 10);
	if (len == 2)
		return n >= 1 && n <= 95 && n != 20;
	return (n >= 971 && n <= 974) || n == 976;
}

bool insee_code_valid(const char *code)
{
	char departement[4];

	if (!code || strlen(code) != INSEE_CHARS)
		return false;
	if (strncmp(code, "97", 2) == 0)
		snprintf(departement, sizeof(departement), "%.3s", code);
	else
		snprintf(departement, sizeof(departement), "%.2s", code);
	return departement_code_valid(departement) && all_digits(code + strlen(departement), INSEE_CHARS - strlen(departement));
}

bool uai_valid(const char *uai)
{
	static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
	long number = 0;
	size_t i;

	if (!uai || strlen(uai) != UAI_CHARS || !all_digits(uai, UAI_CHARS - 1))
		return false;
	for (i = 0; i < UAI_CHARS - 1; i++)
		number = number * 10 + (uai[i] - '0');
	return toupper((unsigned char)uai[UAI_CHARS - 1]) == letters[number % 23];
}

/* A name typed in a form: present, valid UTF-8, at most
 * ORGANISATION_NAME_MAX characters, no control character or angle bracket. */
static void check_name(const char *name, struct field_errors *errors)
{
	size_t i, chars = 0;

	if (!name || !*name) {
		field_errors_add(errors, "nom", _("Écrivez le nom."));
		return;
	}
	for (i = 0; name[i]; i++)
		chars += ((unsigned char)name[i] & 0xC0) != 0x80;
	if (!utf8_valid(name, strlen(name)) || chars > ORGANISATION_NAME_MAX) {
		field_errors_add(errors, "nom", _("Le nom doit faire %d caractères au plus."), ORGANISATION_NAME_MAX);
		return;
	}
	for (i = 0; name[i]; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == '<' || name[i] == '>') {
			field_errors_add(errors, "nom", _("Le nom contient un caractère non permis (< ou > par exemple)."));
			return;
		}
}

/* Copy the kind and code of organisation `id`. Returns 1, 0 when not
 * found, or -1 on a database error. */
static int organisation_kind_of(struct db *db, int64_t id, char *kind, size_t kind_size, char *code, size_t code_size)
{
	struct db_stmt *st = db_prepare(db, "SELECT kind, code FROM organisation WHERE id = ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	step = db_step(st);
	if (step == DB_ROW) {
		snprintf(kind, kind_size, "%s", db_column_text(st, 0));
		snprintf(code, code_size, "%s", db_column_text(st, 1));
	}
	db_reset(st);
	if (step == DB_ROW)
		return 1;
	return step == DB_DONE ? 0 : -1;
}

static const char *wrong_parent_message(const char *kind)
{
	if (strcmp(kind, "academie") == 0)
		return _("Une académie se place sous l'opérateur national : choisissez-le comme organisation au-dessus.");
	if (strcmp(kind, "departement") == 0)
		return _("Un département se place sous une académie : choisissez une académie comme organisation au-dessus.");
	return _("Un financeur se place sous un département : choisissez un département comme organisation au-dessus.");
}

static void check_parent(struct db *db, const struct organisation_input *in, char *parent_code, size_t size,
			 struct field_errors *errors)
{
	const char *expected = organisation_parent_kind(in->kind);
	char kind[16] = "";

	parent_code[0] = '\0';
	if (!expected)
		return;
	if (in->parent_id <= 0 || organisation_kind_of(db, in->parent_id, kind, sizeof(kind), parent_code, size) != 1) {
		field_errors_add(errors, "parent", _("Choisissez l'organisation au-dessus dans la liste."));
		return;
	}
	if (strcmp(kind, expected) != 0)
		field_errors_add(errors, "parent", "%s", wrong_parent_message(in->kind));
}

static void check_departement_code(struct db *db, const char *code, struct field_errors *errors)
{
	if (!*code) {
		field_errors_add(errors, "code", _("Écrivez le numéro du département, par exemple 31, 2A ou 974."));
		return;
	}
	if (!departement_code_valid(code)) {
		field_errors_add(errors, "code", _("« %s » n'est pas un numéro de département : écrivez par exemple 31, 2A ou 974."), code);
		return;
	}
	if (db_query_text_int(db, "SELECT count(*) FROM organisation WHERE kind = 'departement' AND code = ?", code, 0) > 0)
		field_errors_add(errors, "code", _("Le département %s existe déjà dans l'arbre."), code);
}

static void check_financeur_code(const char *code, const char *parent_code, struct field_errors *errors)
{
	if (!*code)
		return;
	if (!insee_code_valid(code)) {
		field_errors_add(errors, "code", _("« %s » n'est pas un code INSEE de commune : 5 caractères, par exemple 31555 pour Toulouse."), code);
		return;
	}
	if (*parent_code && strncmp(code, parent_code, strlen(parent_code)) != 0)
		field_errors_add(errors, "code", _("La commune %s n'est pas dans le département %s : vérifiez le code INSEE ou l'organisation au-dessus."),
				 code, parent_code);
}

/* Check every field; the département number and the commune code are
 * upper-cased into `code` (2a becomes 2A). */
static bool organisation_check(struct db *db, const struct organisation_input *in, char *code, size_t code_size,
			       struct field_errors *errors)
{
	char parent_code[16];
	size_t i;

	if (!organisation_parent_kind(in->kind)) {
		field_errors_add(errors, "type", _("Type d'organisation inconnu « %s » : choisissez académie, département ou financeur."),
				 in->kind ? in->kind : "");
		return false;
	}
	check_parent(db, in, parent_code, sizeof(parent_code), errors);
	check_name(in->name, errors);
	snprintf(code, code_size, "%s", in->code ? in->code : "");
	for (i = 0; code[i]; i++)
		code[i] = (char)toupper((unsigned char)code[i]);
	if (strcmp(in->kind, "academie") == 0 && *code)
		field_errors_add(errors, "code", _("Laissez le code vide pour une académie : il sert aux départements et aux communes."));
	else if (strcmp(in->kind, "departement") == 0)
		check_departement_code(db, code, errors);
	else if (strcmp(in->kind, "financeur") == 0)
		check_financeur_code(code, parent_code, errors);
	return errors->count == 0;
}

int64_t organisation_insert(struct db *db, const char *kind, int64_t parent_id, const char *name, const char *code)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO organisation (kind, parent_id, name, code, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, kind);
	if (parent_id > 0)
		db_bind_int(st, 2, parent_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, code ? code : "");
	db_bind_int(st, 5, (int64_t)time(NULL));
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

int64_t organisation_create(struct db *db, int64_t actor_id, const struct organisation_input *in,
			    struct field_errors *errors)
{
	char code[32];
	int64_t id;

	if (!organisation_check(db, in, code, sizeof(code), errors))
		return -1;
	if (db_begin(db) < 0)
		return -1;
	id = organisation_insert(db, in->kind, in->parent_id, in->name, code);
	if (id < 0 || audit_record(db, actor_id, "create", in->kind, id, 0, in->name) < 0 || db_commit(db) < 0) {
		log_error("organisation creation failed kind=%s error=\"%s\"", in->kind, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return id;
}

/* ---- structures ---- */

#define STRUCTURE_CODE_HINT "1 à 16 lettres sans accent, chiffres ou tirets"

static void check_structure_code(struct db *db, const char *typed, char *code, size_t size, struct field_errors *errors)
{
	struct structure_row existing;
	size_t i, len = typed ? strlen(typed) : 0;

	code[0] = '\0';
	if (len == 0 || len > STRUCTURE_CODE_MAX || len >= size) {
		field_errors_add(errors, "code", _("Écrivez le code de connexion : %s."), _(STRUCTURE_CODE_HINT));
		return;
	}
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)typed[i]) && typed[i] != '-') {
			field_errors_add(errors, "code", _("Le code « %s » contient un caractère non permis : %s."), typed, _(STRUCTURE_CODE_HINT));
			return;
		}
		code[i] = (char)toupper((unsigned char)typed[i]);
	}
	code[len] = '\0';
	if (structure_find_by_code(db, code, &existing) != 0)
		field_errors_add(errors, "code", _("Le code « %s » est déjà pris par une autre structure : choisissez-en un autre."), code);
}

static void check_uai(const struct structure_input *in, char *uai, size_t size, struct field_errors *errors)
{
	bool school = in->kind && (strcmp(in->kind, "ecole") == 0 || strcmp(in->kind, "college") == 0);
	size_t i;

	snprintf(uai, size, "%s", in->uai ? in->uai : "");
	for (i = 0; uai[i]; i++)
		uai[i] = (char)toupper((unsigned char)uai[i]);
	if (!school && *uai)
		field_errors_add(errors, "uai", _("Seules les écoles et les collèges ont un numéro UAI : laissez ce champ vide."));
	else if (school && !*uai)
		field_errors_add(errors, "uai", _("Écrivez le numéro UAI de l'établissement : 7 chiffres et une lettre, par exemple 0310036W."));
	else if (school && !uai_valid(uai))
		field_errors_add(errors, "uai", _("Le numéro UAI « %s » n'est pas valide : 7 chiffres puis la lettre de contrôle, par exemple 0310036W."), uai);
}

static bool structure_check(struct db *db, const struct structure_input *in, char *code, size_t code_size,
			    char *uai, size_t uai_size, struct field_errors *errors)
{
	char kind[16] = "", parent_code[16];

	check_name(in->name, errors);
	if (!structure_kind_known(in->kind))
		field_errors_add(errors, "type", _("Type de structure inconnu « %s » : choisissez dans la liste."), in->kind ? in->kind : "");
	if (in->financeur_id <= 0 || organisation_kind_of(db, in->financeur_id, kind, sizeof(kind), parent_code, sizeof(parent_code)) != 1 ||
	    strcmp(kind, "financeur") != 0)
		field_errors_add(errors, "financeur", _("Choisissez le financeur de la structure dans la liste."));
	check_structure_code(db, in->code, code, code_size, errors);
	check_uai(in, uai, uai_size, errors);
	if (in->insee && *in->insee && !insee_code_valid(in->insee))
		field_errors_add(errors, "insee", _("« %s » n'est pas un code INSEE de commune : 5 caractères, par exemple 31555 pour Toulouse."), in->insee);
	return errors->count == 0;
}

static int64_t structure_insert(struct db *db, const struct structure_input *in, const char *code, const char *uai)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO structure (name, code, created_at, kind, financeur_id, uai, commune_insee) "
					    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, in->name);
	db_bind_text(st, 2, code);
	db_bind_int(st, 3, (int64_t)time(NULL));
	db_bind_text(st, 4, in->kind);
	db_bind_int(st, 5, in->financeur_id);
	db_bind_text(st, 6, uai);
	db_bind_text(st, 7, in->insee ? in->insee : "");
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

int64_t organisation_structure_create(struct db *db, int64_t actor_id, const struct structure_input *in,
				      char *code_out, size_t code_size, struct field_errors *errors)
{
	char code[STRUCTURE_CODE_MAX + 1], uai[16];
	int64_t id;

	if (!structure_check(db, in, code, sizeof(code), uai, sizeof(uai), errors))
		return -1;
	if (db_begin(db) < 0)
		return -1;
	id = structure_insert(db, in, code, uai);
	if (id < 0 || audit_record(db, actor_id, "create", "structure", id, id, code) < 0 || db_commit(db) < 0) {
		/* A code taken between the check and the insert lands here. */
		if (db_last_error_is_unique(db))
			field_errors_add(errors, "code", _("Le code « %s » est déjà pris par une autre structure : choisissez-en un autre."), code);
		else
			log_error("structure creation failed code=%s error=\"%s\"", code, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	snprintf(code_out, code_size, "%s", code);
	return id;
}

int organisation_attach_structure(struct db *db, int64_t structure_id, int64_t financeur_id, const char *insee)
{
	struct db_stmt *st = db_prepare(db, "UPDATE structure SET financeur_id = ?, commune_insee = ? WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, financeur_id);
	db_bind_text(st, 2, insee ? insee : "");
	db_bind_int(st, 3, structure_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* ---- financeur accounts ---- */

bool financeur_check(struct db *db, const struct person_input *in, struct field_errors *errors)
{
	struct person_input adult = *in;

	/* people_check() accepts only the roles of a structure. Its rules for
	 * first names, initials and logins are the same for every adult, and
	 * a tuteur has no level or group to check. */
	adult.role = "tuteur";
	adult.group_count = 0;
	return people_check(db, 0, &adult, 0, errors);
}

static int must_change_password(struct db *db, int64_t account_id)
{
	struct db_stmt *st = db_prepare(db, "UPDATE account SET must_change_password = 1 WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

static void financeur_row(struct account_row *a, const struct person_input *in)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->role, sizeof(a->role), "financeur");
	snprintf(a->login, sizeof(a->login), "%s", in->login);
	snprintf(a->first_name, sizeof(a->first_name), "%s", in->first_name);
	initial_normalize(in->last_initial, a->last_initial, sizeof(a->last_initial));
	snprintf(a->avatar, sizeof(a->avatar), "hibou");
}

int64_t financeur_create(struct db *db, int64_t actor_id, int64_t organisation_id, const struct person_input *in,
			 char *password, size_t password_size, struct field_errors *errors)
{
	struct account_row a;
	int64_t id;

	if (!financeur_check(db, in, errors))
		return -1;
	financeur_row(&a, in);
	random_password(password, password_size);
	if (password_hash(password, a.secret_hash) < 0 || db_begin(db) < 0)
		return -1;
	id = account_create(db, &a);
	if (id < 0 || must_change_password(db, id) < 0 || grant_add(db, id, "financeur", 0, organisation_id) < 0 ||
	    audit_record(db, actor_id, "create", "financeur", id, 0, a.login) < 0 || db_commit(db) < 0) {
		/* A login taken between the check and the insert lands here. */
		if (db_last_error_is_unique(db))
			field_errors_add(errors, "identifiant", _("L'identifiant « %s » est déjà pris : choisissez-en un autre."), in->login);
		else
			log_error("financeur creation failed organisation=%lld error=\"%s\"", (long long)organisation_id, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return id;
}

int operator_bootstrap(struct db *db, const char *login, char *password, size_t size, char *message, size_t message_size)
{
	struct account_row a = { 0 };
	int64_t root, id;

	if (!login_valid(login, message, message_size))
		return -1;
	if (db_query_text_int(db, "SELECT count(*) FROM account WHERE login = ?", login, 1) != 0) {
		snprintf(message, message_size, "l'identifiant « %s » est déjà pris.", login);
		return -1;
	}
	snprintf(a.role, sizeof(a.role), "operateur");
	snprintf(a.login, sizeof(a.login), "%s", login);
	snprintf(a.first_name, sizeof(a.first_name), "Opérateur");
	snprintf(a.avatar, sizeof(a.avatar), "hibou");
	random_password(password, size);
	if (password_hash(password, a.secret_hash) < 0 || db_begin(db) < 0)
		goto fail;
	root = db_query_int(db, "SELECT coalesce(min(id), 0) FROM organisation WHERE kind = 'operateur'", -1);
	if (root == 0)
		root = organisation_insert(db, "operateur", 0, "Opérateur national", "");
	id = root > 0 ? account_create(db, &a) : -1;
	if (id < 0 || grant_add(db, id, "operateur", 0, root) < 0 ||
	    db_query_int_param(db, "UPDATE account SET must_change_password = 1 WHERE id = ? RETURNING id", id, 0) != id ||
	    audit_record(db, 0, "create", "operateur", id, 0, login) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		goto fail;
	}
	return 0;
fail:
	snprintf(message, message_size, "le compte n'a pas pu être créé (%s).", db_errmsg(db));
	return -1;
}
