#include "org/people.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "auth/password.h"
#include "auth/session.h"
#include "content/activity.h"
#include "core/log.h"
#include "http/form.h"
#include "web/pictures.h"

#define LOGIN_SUFFIX_MAX 999

void field_errors_add(struct field_errors *e, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (e->count == PEOPLE_MAX_ERRORS)
		return;
	e->items[e->count].field = field;
	va_start(ap, fmt);
	vsnprintf(e->items[e->count].message, sizeof(e->items[e->count].message), fmt, ap);
	va_end(ap);
	e->count++;
}

const char *field_errors_get(const struct field_errors *e, const char *field)
{
	size_t i;

	for (i = 0; e && i < e->count; i++)
		if (strcmp(e->items[i].field, field) == 0)
			return e->items[i].message;
	return NULL;
}

bool login_valid(const char *login, char *message, size_t size)
{
	size_t i, len = login ? strlen(login) : 0;

	if (len < LOGIN_MIN || len > ACCOUNT_LOGIN_MAX) {
		snprintf(message, size, "L'identifiant doit faire de %d à %d caractères.", LOGIN_MIN, ACCOUNT_LOGIN_MAX);
		return false;
	}
	if (login[0] < 'a' || login[0] > 'z') {
		snprintf(message, size, "L'identifiant « %s » doit commencer par une lettre minuscule.", login);
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
			snprintf(message, size, "L'identifiant « %s » contient un caractère non permis : utilisez des lettres minuscules sans accent, des chiffres, « . », « - » ou « _ ».", login);
			return false;
		}
	}
	return true;
}

/* Number of Unicode characters of a valid UTF-8 string. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

bool initial_normalize(const char *in, char *out, size_t size)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;
	utf8proc_uint8_t encoded[4];
	size_t n;

	if (!in)
		return false;
	while (*in == ' ')
		in++;
	len = utf8proc_iterate((const utf8proc_uint8_t *)in, -1, &cp);
	if (len <= 0 || !(utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU && utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO))
		return false;
	if (in[len] != '\0' && !(in[len] == '.' && in[len + 1] == '\0'))
		return false;
	n = (size_t)utf8proc_encode_char(utf8proc_toupper(cp), encoded);
	if (n + 2 > size)
		return false;
	memcpy(out, encoded, n);
	out[n] = '.';
	out[n + 1] = '\0';
	return true;
}

static void check_first_name(const struct person_input *in, struct field_errors *errors)
{
	const char *name = in->first_name ? in->first_name : "";
	size_t i;

	if (!*name) {
		field_errors_add(errors, "prenom", "Écrivez le prénom.");
		return;
	}
	if (!utf8_valid(name, strlen(name)) || utf8_chars(name) > PEOPLE_NAME_MAX) {
		field_errors_add(errors, "prenom", "Le prénom doit faire %d caractères au plus.", PEOPLE_NAME_MAX);
		return;
	}
	for (i = 0; name[i]; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == '<' || name[i] == '>') {
			field_errors_add(errors, "prenom", "Le prénom « %s » contient un caractère non permis.", name);
			return;
		}
	/* A first name has a letter: "0", "-5" or "%00" are typing mistakes.
	 * Any byte above 0x7f starts a letter of another alphabet or an accent. */
	for (i = 0; name[i]; i++)
		if (((name[i] | 0x20) >= 'a' && (name[i] | 0x20) <= 'z') || (unsigned char)name[i] >= 0x80)
			return;
	field_errors_add(errors, "prenom", "Le prénom « %s » ne contient aucune lettre : écrivez le prénom de la personne.", name);
}

static void check_level(const struct person_input *in, struct field_errors *errors)
{
	if (strcmp(in->role, "eleve") != 0)
		return;
	if (!in->level || !*in->level)
		field_errors_add(errors, "niveau", "Choisissez le niveau de l'élève.");
	else if (!level_parse(in->level))
		field_errors_add(errors, "niveau", "Niveau inconnu « %s » : choisissez CE2, CM1, CM2 ou 6e.", in->level);
}

static void check_login(struct db *db, const struct person_input *in, int64_t self_id, struct field_errors *errors)
{
	char message[256];
	int64_t owner;

	if (strcmp(in->role, "eleve") == 0)
		return;
	if (!login_valid(in->login, message, sizeof(message))) {
		field_errors_add(errors, "identifiant", "%s", message);
		return;
	}
	owner = db_query_text_int(db, "SELECT id FROM account WHERE login = ?", in->login, 0);
	if (owner && owner != self_id)
		field_errors_add(errors, "identifiant", "L'identifiant « %s » est déjà pris : choisissez-en un autre, par exemple en ajoutant un chiffre.", in->login);
}

static void check_groups(struct db *db, int64_t structure_id, const struct person_input *in, struct field_errors *errors)
{
	size_t i;

	for (i = 0; i < in->group_count; i++)
		if (db_query_int_param2(db, "SELECT count(*) FROM class_group WHERE id = ? AND structure_id = ?",
					in->groups[i], structure_id, 0) != 1) {
			field_errors_add(errors, "groupes", "Le groupe n°%lld n'existe pas dans cette structure : rechargez la page.",
					 (long long)in->groups[i]);
			return;
		}
}

bool people_check(struct db *db, int64_t structure_id, const struct person_input *in,
		  int64_t self_id, struct field_errors *errors)
{
	static const char *const roles[] = { "eleve", "accompagnateur", "administrateur", "tuteur" };
	char initial[16];
	size_t i;
	bool known = false;

	for (i = 0; in->role && i < sizeof(roles) / sizeof(roles[0]); i++)
		known |= strcmp(in->role, roles[i]) == 0;
	if (!known) {
		field_errors_add(errors, "role", "Rôle inconnu « %s » : choisissez élève, accompagnateur, administrateur ou tuteur.",
				 in->role ? in->role : "");
		return false;
	}
	check_first_name(in, errors);
	if (!initial_normalize(in->last_initial, initial, sizeof(initial)))
		field_errors_add(errors, "initiale", "Écrivez seulement l'initiale du nom : une lettre, par exemple « M ».");
	check_level(in, errors);
	check_login(db, in, self_id, errors);
	check_groups(db, structure_id, in, errors);
	return errors->count == 0;
}

/* Lower-case ASCII letters and digits of `text`, accents removed. */
static void ascii_fold(const char *text, char *out, size_t size)
{
	utf8proc_uint8_t *folded = NULL;
	const char *p;
	size_t n = 0;

	out[0] = '\0';
	if (utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) < 0)
		return;
	for (p = (const char *)folded; *p && n + 3 < size; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			out[n++] = *p;
		} else if (strncmp(p, "\xc5\x93", 2) == 0 || strncmp(p, "\xc3\xa6", 2) == 0) {
			/* Ligatures have no decomposition: œ gives "oe", æ gives "ae". */
			out[n++] = p[0] == '\xc5' ? 'o' : 'a';
			out[n++] = 'e';
			p++;
		}
	}
	out[n] = '\0';
	free(folded);
}

int login_for_child(struct db *db, const char *structure_code, const char *first_name,
		    const char *initial, char *out, size_t size)
{
	char code[STRUCTURE_CODE_MAX + 1], name[24], letter[8], base[ACCOUNT_LOGIN_MAX + 1];
	int suffix;

	ascii_fold(structure_code, code, sizeof(code));
	ascii_fold(first_name, name, sizeof(name));
	ascii_fold(initial, letter, sizeof(letter));
	snprintf(base, sizeof(base), "%s-%s-%s", code, name[0] ? name : "eleve", letter);
	for (suffix = 1; suffix <= LOGIN_SUFFIX_MAX; suffix++) {
		if (suffix == 1)
			snprintf(out, size, "%s", base);
		else
			snprintf(out, size, "%s-%d", base, suffix);
		if (db_query_text_int(db, "SELECT count(*) FROM account WHERE login = ?", out, 1) == 0)
			return 0;
	}
	return -1;
}

void random_pictures(char *out, size_t size)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < PICTURE_PASSWORD_LENGTH; i++) {
		if (i)
			strncat(out, " ", size - strlen(out) - 1);
		strncat(out, pictures[randombytes_uniform((uint32_t)picture_count)].id, size - strlen(out) - 1);
	}
}

/* Three groups of four letters and digits, without look-alikes (0/o, 1/l/i). */
void random_password(char *out, size_t size)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t i, n = 0;

	for (i = 0; i < 12 && n + 2 < size; i++) {
		if (i && i % 4 == 0)
			out[n++] = '-';
		out[n++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[n] = '\0';
}

int audit_record(struct db *db, int64_t actor_id, const char *action, const char *target_kind,
		 int64_t target_id, int64_t structure_id, const char *details)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO audit_log (at, actor_id, action, target_kind, target_id, structure_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)time(NULL));
	if (actor_id)
		db_bind_int(st, 2, actor_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, action);
	db_bind_text(st, 4, target_kind);
	db_bind_int(st, 5, target_id);
	db_bind_int(st, 6, structure_id);
	db_bind_text(st, 7, details ? details : "");
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}
