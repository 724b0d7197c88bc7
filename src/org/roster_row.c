/* roster_row: check the values of one record and add it as a row. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "org/roster_internal.h"

/* find_slot() result for a row that repeats an earlier one. */
#define SLOT_DUPLICATE (-2L)

/* The values of one record, owned until moved into a row. */
struct row_values {
	char *first, *last, *level, *group, *birth;
	bool ok;
};

static const char *separator_name(char separator)
{
	if (separator == '\t')
		return "tabulation";
	return separator == ',' ? "virgule" : "point-virgule";
}

int roster_too_many_fields(struct roster_parser *ps)
{
	return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
				  "la ligne a plus de %d champs. Vérifiez que ce fichier est bien une "
				  "liste d'élèves.",
				  ROSTER_MAX_COLUMNS);
}

static void row_values_free(struct row_values *v)
{
	free(v->first);
	free(v->last);
	free(v->level);
	free(v->group);
	free(v->birth);
}

/* Check the number of fields against the header. Extra empty fields, as
 * a trailing separator leaves, are accepted. */
static int check_shape(struct roster_parser *ps, struct row_values *v)
{
	const char *sep = separator_name(ps->r->separator);
	size_t i, count = ps->rec.count;

	if (ps->rec.too_many_fields) {
		v->ok = false;
		return roster_too_many_fields(ps);
	}
	for (i = ps->title_count; i < ps->rec.count; i++) {
		if (strspn(csv_field_text(&ps->rec, i), " \t\r\n") != ps->rec.fields[i].len)
			break;
	}
	if (i == ps->rec.count && count > ps->title_count)
		count = ps->title_count;
	if (count == ps->title_count)
		return 0;
	v->ok = false;
	if (count > ps->title_count)
		return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
					  "%zu champs au lieu de %zu comme la ligne d'en-tête. Une valeur "
					  "contient sans doute le séparateur (%s) : entourez-la de guillemets "
					  "ou retirez ce caractère.",
					  count, ps->title_count, sep);
	return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
				  "%zu champs au lieu de %zu comme la ligne d'en-tête. Complétez la ligne, "
				  "en séparant les valeurs par un %s.",
				  count, ps->title_count, sep);
}

/* Report a value that is too long, undecodable or would run as a formula. */
static int check_value(struct roster_parser *ps, int index, const char *value, bool name, struct row_values *v)
{
	int line = ps->rec.fields[index].line;
	const char *title = ps->titles[index];
	char excerpt[ROSTER_EXCERPT_BYTES + 4];
	size_t len = strlen(value);

	roster_excerpt(value, ROSTER_EXCERPT_BYTES, excerpt, sizeof(excerpt));
	if (len > ROSTER_MAX_FIELD_BYTES) {
		v->ok = false;
		return roster_problem_add(ps->r, line, index + 1, title,
					  "la valeur « %s » est trop longue (%zu octets, %d au plus). "
					  "Raccourcissez-la.",
					  excerpt, len, ROSTER_MAX_FIELD_BYTES);
	}
	if (strstr(value, ROSTER_REPLACEMENT)) {
		v->ok = false;
		return roster_problem_add(ps->r, line, index + 1, title,
					  "la valeur « %s » contient des caractères illisibles (�). "
					  "Enregistrez le fichier depuis le tableur au type « CSV UTF-8 », "
					  "puis importez-le de nouveau.",
					  excerpt);
	}
	if (name && value[0] && strchr("=+-@", value[0])) {
		v->ok = false;
		return roster_problem_add(ps->r, line, index + 1, title,
					  "la valeur « %s » commence par « %c », qu'un tableur prendrait "
					  "pour le début d'une formule. Retirez ce caractère.",
					  excerpt, value[0]);
	}
	return 0;
}

/* Read the cleaned value of `role` into *out ("" when the column is absent). */
static int field_value(struct roster_parser *ps, enum column_role role, bool name, struct row_values *v,
		       char **out)
{
	int index = ps->column[role];

	if (index < 0 || (size_t)index >= ps->rec.count) {
		*out = strdup("");
		return *out ? 0 : -1;
	}
	*out = roster_clean(csv_field_text(&ps->rec, index), ps->rec.fields[index].len);
	if (!*out)
		return -1;
	return check_value(ps, index, *out, name, v);
}

/* Split "Dupont, Jean" at its first comma into last and first name. */
static int split_full_name(struct roster_parser *ps, struct row_values *v)
{
	int index = ps->column[ROLE_FULL];
	char excerpt[ROSTER_EXCERPT_BYTES + 4];
	char *comma = strchr(v->last, ',');

	if (!comma) {
		if (!v->last[0])
			return 0;
		v->ok = false;
		roster_excerpt(v->last, ROSTER_EXCERPT_BYTES, excerpt, sizeof(excerpt));
		return roster_problem_add(ps->r, ps->rec.fields[index].line, index + 1,
					  ps->titles[index],
					  "impossible de séparer le nom et le prénom dans « %s ». Écrivez "
					  "« Nom, Prénom » avec une virgule, ou ajoutez une colonne Prénom.",
					  excerpt);
	}
	free(v->first);
	v->first = roster_clean(comma + 1, strlen(comma + 1));
	*comma = '\0';
	comma = v->last;
	v->last = roster_clean(comma, strlen(comma));
	free(comma);
	return v->first && v->last ? 0 : -1;
}

/* Read the last name: the usage name when given, else the legal name. */
static int read_last_name(struct roster_parser *ps, struct row_values *v, int *column)
{
	if (ps->column[ROLE_USAGE] >= 0) {
		if (field_value(ps, ROLE_USAGE, true, v, &v->last) < 0)
			return -1;
		*column = ps->column[ROLE_USAGE];
		if (v->last[0] || ps->column[ROLE_LAST] < 0)
			return 0;
		free(v->last);
		v->last = NULL;
	}
	*column = ps->column[ROLE_LAST];
	return field_value(ps, ROLE_LAST, true, v, &v->last);
}

static int check_names(struct roster_parser *ps, struct row_values *v, int first_column, int last_column)
{
	const struct csv_field *fields = ps->rec.fields;

	if (!v->first[0]) {
		v->ok = false;
		if (roster_problem_add(ps->r, fields[first_column].line, first_column + 1,
				       ps->titles[first_column],
				       "le prénom est vide. Écrivez le prénom de l'enfant, ou supprimez "
				       "la ligne.") < 0)
			return -1;
	}
	if (!v->last[0]) {
		v->ok = false;
		return roster_problem_add(ps->r, fields[last_column].line, last_column + 1,
					  ps->titles[last_column],
					  "le nom est vide. Écrivez le nom de l'enfant, ou supprimez la ligne.");
	}
	return 0;
}

static int check_level(struct roster_parser *ps, struct row_values *v)
{
	int index = ps->column[ROLE_LEVEL];
	char excerpt[ROSTER_EXCERPT_BYTES + 4];
	const char *level;

	if (!v->level[0]) {
		v->ok = false;
		return roster_problem_add(ps->r, ps->rec.fields[index].line, index + 1,
					  ps->titles[index],
					  "le niveau est vide. Écrivez CE2, CM1, CM2 ou 6e.");
	}
	/* NOTE: running out of memory here is reported as an unknown level. */
	level = roster_level_parse(v->level);
	if (!level) {
		v->ok = false;
		roster_excerpt(v->level, ROSTER_EXCERPT_BYTES, excerpt, sizeof(excerpt));
		return roster_problem_add(ps->r, ps->rec.fields[index].line, index + 1,
					  ps->titles[index],
					  "niveau « %s » inconnu. Écrivez un seul niveau parmi CE2, CM1, "
					  "CM2 et 6e.",
					  excerpt);
	}
	free(v->level);
	v->level = strdup(level);
	return v->level ? 0 : -1;
}

/* Replace the birth date with its ISO form, or NULL when it is empty. */
static int check_birth_date(struct roster_parser *ps, struct row_values *v)
{
	int index = ps->column[ROLE_BIRTH];
	char iso[11], excerpt[ROSTER_EXCERPT_BYTES + 4];

	if (!v->birth[0]) {
		free(v->birth);
		v->birth = NULL;
		return 0;
	}
	if (roster_date_parse(v->birth, iso) < 0) {
		v->ok = false;
		roster_excerpt(v->birth, ROSTER_EXCERPT_BYTES, excerpt, sizeof(excerpt));
		return roster_problem_add(ps->r, ps->rec.fields[index].line, index + 1,
					  ps->titles[index],
					  "date « %s » invalide. Écrivez-la jj/mm/aaaa avec l'année en "
					  "4 chiffres, par exemple 05/09/2015.",
					  excerpt);
	}
	free(v->birth);
	v->birth = strdup(iso);
	return v->birth ? 0 : -1;
}

static int read_values(struct roster_parser *ps, struct row_values *v)
{
	int first_column = ps->column[ROLE_FIRST], last_column = -1;

	if (ps->split_full_name) {
		if (field_value(ps, ROLE_FULL, true, v, &v->last) < 0)
			return -1;
		v->first = strdup("");
		if (!v->first || (v->ok && split_full_name(ps, v) < 0))
			return -1;
		first_column = last_column = ps->column[ROLE_FULL];
	} else if (field_value(ps, ROLE_FIRST, true, v, &v->first) < 0 ||
		   read_last_name(ps, v, &last_column) < 0) {
		return -1;
	}
	if (field_value(ps, ROLE_LEVEL, false, v, &v->level) < 0 ||
	    field_value(ps, ROLE_GROUP, true, v, &v->group) < 0 ||
	    field_value(ps, ROLE_BIRTH, false, v, &v->birth) < 0)
		return -1;

	/* A failed split already explains the empty names. */
	if ((!ps->split_full_name || v->ok) &&
	    check_names(ps, v, first_column, last_column) < 0)
		return -1;
	if (check_level(ps, v) < 0 || check_birth_date(ps, v) < 0)
		return -1;
	return 0;
}

/* Case-folded NFC of first name, last name and group, joined by U+001F. */
static char *duplicate_key(const struct row_values *v)
{
	utf8proc_uint8_t *key = NULL;
	struct buf joined = BUF_INIT(0);
	utf8proc_ssize_t n;

	buf_adds(&joined, v->first);
	buf_addc(&joined, '\x1f');
	buf_adds(&joined, v->last);
	buf_addc(&joined, '\x1f');
	buf_adds(&joined, v->group);
	n = buf_failed(&joined) ? -1 :
	    utf8proc_map((const utf8proc_uint8_t *)joined.data, (utf8proc_ssize_t)joined.len, &key,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	buf_release(&joined);
	return n < 0 ? NULL : (char *)key;
}

/* FNV-1a. */
static uint32_t key_hash(const char *key)
{
	uint32_t h = 2166136261u;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

static int report_duplicate(struct roster_parser *ps, const struct row_values *v, size_t earlier)
{
	char first[ROSTER_EXCERPT_BYTES + 4], last[ROSTER_EXCERPT_BYTES + 4], group[ROSTER_EXCERPT_BYTES + 4];
	int line = ps->r->rows[earlier].line;

	roster_excerpt(v->first, ROSTER_EXCERPT_BYTES, first, sizeof(first));
	roster_excerpt(v->last, ROSTER_EXCERPT_BYTES, last, sizeof(last));
	roster_excerpt(v->group, ROSTER_EXCERPT_BYTES, group, sizeof(group));
	if (!v->group[0])
		return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
					  "« %s %s » figure déjà ligne %d. Supprimez la ligne en double ; "
					  "s'il s'agit de deux enfants, distinguez-les, par exemple par "
					  "l'initiale d'un second prénom.",
					  first, last, line);
	return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
				  "« %s %s » du groupe « %s » figure déjà ligne %d. Supprimez la ligne "
				  "en double ; s'il s'agit de deux enfants, distinguez-les, par exemple "
				  "par l'initiale d'un second prénom.",
				  first, last, group, line);
}

/* Find the free slot for `key`, or report the row it duplicates. Returns
 * the slot, SLOT_DUPLICATE for a duplicate, or -1 without memory. */
static long find_slot(struct roster_parser *ps, const struct row_values *v, const char *key)
{
	uint32_t i, mask = (uint32_t)ps->slot_count - 1;
	size_t row;

	if (!ps->slots) {
		ps->slots = calloc(ps->slot_count, sizeof(*ps->slots));
		if (!ps->slots)
			return -1;
	}
	for (i = key_hash(key) & mask; ps->slots[i]; i = (i + 1) & mask) {
		row = ps->slots[i] - 1;
		if (strcmp(ps->keys[row], key) == 0)
			return report_duplicate(ps, v, row) < 0 ? -1 : SLOT_DUPLICATE;
	}
	return (long)i;
}

static int grow_rows(struct roster_parser *ps)
{
	struct roster_row *rows;
	char **keys;
	size_t cap = ps->row_cap ? 2 * ps->row_cap : 64;

	rows = realloc(ps->r->rows, cap * sizeof(*rows));
	if (!rows)
		return -1;
	ps->r->rows = rows;
	keys = realloc(ps->keys, cap * sizeof(*keys));
	if (!keys)
		return -1;
	ps->keys = keys;
	ps->row_cap = cap;
	return 0;
}

/* Move the values into a new row unless they duplicate an earlier one. */
static int add_row(struct roster_parser *ps, struct row_values *v)
{
	struct roster_row *row;
	char *key = duplicate_key(v);
	long slot;

	if (!key)
		return -1;
	slot = find_slot(ps, v, key);
	if (slot == SLOT_DUPLICATE) {
		free(key);
		return 0;
	}
	if (slot < 0 || (ps->r->row_count == ps->row_cap && grow_rows(ps) < 0)) {
		free(key);
		return -1;
	}
	ps->keys[ps->r->row_count] = key;
	row = &ps->r->rows[ps->r->row_count++];
	ps->slots[slot] = (uint32_t)ps->r->row_count;
	*row = (struct roster_row){ ps->rec.line, v->first, v->last, v->level, v->group, v->birth };
	memset(v, 0, sizeof(*v));
	return 0;
}

int roster_read_row(struct roster_parser *ps)
{
	struct row_values v = { NULL, NULL, NULL, NULL, NULL, true };
	int ret = -1;

	if (check_shape(ps, &v) < 0)
		goto out;
	if (v.ok && read_values(ps, &v) < 0)
		goto out;
	if (v.ok && add_row(ps, &v) < 0)
		goto out;
	ret = 0;
out:
	row_values_free(&v);
	return ret;
}
