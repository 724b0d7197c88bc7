/* Partners' diagnostic data. */
#include "core/i18n.h"
#include "eval/diagnostic.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eval/paris_time.h"

const char *const diagnostic_field_names[DIAG_FIELDS] = {
	"enfants", "resultat_local", "resultat_national", "suivis", "ordinateurs_ecoles", "ordinateurs_associations",
};

const char *const diagnostic_field_labels[DIAG_FIELDS] = {
	"Enfants concernés", "Résultat local aux évaluations (%)", "Résultat national aux évaluations (%)",
	"Enfants déjà suivis par un dispositif", "Ordinateurs dans les écoles", "Ordinateurs dans les associations",
};

static bool is_score(enum diagnostic_field f)
{
	return f == DIAG_LOCAL_SCORE || f == DIAG_NATIONAL_SCORE;
}

/* Parse one figure: a whole count, or a percentage with a decimal comma or
 * point. Returns false with a message when it is invalid. */
static bool figure_parse(enum diagnostic_field f, const char *text, double *value, struct field_errors *errors)
{
	char copy[32], *end, *comma;
	double v;

	if (strlen(text) >= sizeof(copy)) {
		field_errors_add(errors, diagnostic_field_names[f], _("Valeur trop longue : écrivez un nombre."));
		return false;
	}
	snprintf(copy, sizeof(copy), "%s", text);
	comma = strchr(copy, ',');
	if (comma)
		*comma = '.';
	errno = 0;
	v = strtod(copy, &end);
	if (errno || *end || end == copy || !isfinite(v)) {
		field_errors_add(errors, diagnostic_field_names[f], _("« %s » n'est pas un nombre : écrivez par exemple %s."), text,
				 is_score(f) ? "62,5" : "120");
		return false;
	}
	if (is_score(f) && (v < 0 || v > 100)) {
		field_errors_add(errors, diagnostic_field_names[f], _("« %s » : un résultat en pourcentage va de 0 à 100."), text);
		return false;
	}
	if (!is_score(f) && (v < 0 || v > DIAGNOSTIC_COUNT_MAX || v != floor(v))) {
		field_errors_add(errors, diagnostic_field_names[f], _("« %s » : écrivez un nombre entier de 0 à %d."), text, DIAGNOSTIC_COUNT_MAX);
		return false;
	}
	*value = v;
	return true;
}

bool diagnostic_check(const struct diagnostic_input *in, struct diagnostic *out, struct field_errors *errors)
{
	int64_t day;
	int f, given = 0;

	memset(out, 0, sizeof(*out));
	if (!day_parse(in->measured_on, &day))
		field_errors_add(errors, "date", _("Date invalide : écrivez-la sous la forme AAAA-MM-JJ, par exemple 2026-09-15."));
	else
		day_format(day, out->measured_on, sizeof(out->measured_on));
	for (f = 0; f < DIAG_FIELDS; f++) {
		const char *text = in->values[f];

		if (!text || !*text)
			continue;
		given++;
		out->known[f] = figure_parse(f, text, &out->values[f], errors);
	}
	if (given == 0)
		field_errors_add(errors, diagnostic_field_names[DIAG_CHILDREN], _("Remplissez au moins un chiffre du diagnostic."));
	if (in->note && strlen(in->note) > DIAGNOSTIC_NOTE_MAX)
		field_errors_add(errors, "note", _("La note dépasse %d caractères : raccourcissez-la."), DIAGNOSTIC_NOTE_MAX);
	else if (in->note)
		snprintf(out->note, sizeof(out->note), "%s", in->note);
	return errors->count == 0;
}

static void bind_optional(struct db_stmt *st, int index, bool known, double value)
{
	if (known)
		db_bind_double(st, index, value);
	else
		db_bind_null(st, index);
}

int diagnostic_insert(struct db *db, const char *scope, int64_t scope_id, const struct diagnostic *d, int64_t author_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO diagnostic (scope, scope_id, measured_on, children_concerned, local_score, national_score, "
					    "children_followed, computers_schools, computers_associations, note, author_id, created_at) "
					    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	enum db_step step;
	int f;

	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_int(st, 2, scope_id);
	db_bind_text(st, 3, d->measured_on);
	for (f = 0; f < DIAG_FIELDS; f++) {
		if (is_score(f) || !d->known[f])
			bind_optional(st, 4 + f, d->known[f], d->values[f]);
		else
			db_bind_int(st, 4 + f, (int64_t)d->values[f]);
	}
	db_bind_text(st, 10, d->note);
	db_bind_int(st, 11, author_id);
	db_bind_int(st, 12, (int64_t)time(NULL));
	step = db_step(st);
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

int diagnostic_list(struct db *db, const char *scope, int64_t scope_id, struct diagnostic *out, int max)
{
	struct db_stmt *st = db_prepare(db, "SELECT measured_on, children_concerned, local_score, national_score, children_followed, "
					    "computers_schools, computers_associations, note FROM diagnostic "
					    "WHERE scope = ? AND scope_id = ? ORDER BY measured_on DESC, id DESC");
	enum db_step step = DB_DONE;
	int n = 0, f;

	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_int(st, 2, scope_id);
	while (n < max && (step = db_step(st)) == DB_ROW) {
		struct diagnostic *d = &out[n++];

		memset(d, 0, sizeof(*d));
		snprintf(d->measured_on, sizeof(d->measured_on), "%s", db_column_text(st, 0));
		for (f = 0; f < DIAG_FIELDS; f++) {
			d->known[f] = !db_column_is_null(st, 1 + f);
			d->values[f] = db_column_double(st, 1 + f);
		}
		snprintf(d->note, sizeof(d->note), "%s", db_column_text(st, 7));
	}
	if (n < max && step == DB_ERROR)
		n = -1;
	db_reset(st);
	return n;
}
