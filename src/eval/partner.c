/* Partner-defined indicators. */
#include "core/i18n.h"
#include "eval/partner.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "eval/child_set.h"
#include "eval/paris_time.h"

static bool in_list(const char *value, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(value, *list) == 0)
			return true;
	return false;
}

/* A filter value: empty, or letters, digits and hyphens. */
static bool filter_valid(const char *value)
{
	const char *p;

	if (strlen(value) >= PARTNER_FILTER_MAX)
		return false;
	for (p = value; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

static void filters_check(struct db *db, const struct partner_input *in, int64_t structure_id, struct partner_indicator *out,
			  struct field_errors *errors)
{
	static const char *const levels[] = { "", "CE2", "CM1", "CM2", "6e", NULL };
	const char *feature = in->feature ? in->feature : "", *action = in->action ? in->action : "";
	const char *subject = in->subject ? in->subject : "", *level = in->level ? in->level : "", *group = in->group ? in->group : "";
	char *end;

	if (!filter_valid(feature))
		field_errors_add(errors, "fonction", _("Fonction invalide « %s » : choisissez-la dans la liste."), feature);
	if (!filter_valid(action))
		field_errors_add(errors, "action", _("Action invalide « %s » : choisissez-la dans la liste."), action);
	if (!filter_valid(subject))
		field_errors_add(errors, "matiere", _("Matière invalide « %s » : choisissez-la dans la liste."), subject);
	if (!in_list(level, levels))
		field_errors_add(errors, "niveau", _("Niveau invalide « %s » : CE2, CM1, CM2 ou 6e."), level);
	snprintf(out->feature, sizeof(out->feature), "%s", feature);
	snprintf(out->action, sizeof(out->action), "%s", action);
	snprintf(out->subject, sizeof(out->subject), "%s", subject);
	snprintf(out->level, sizeof(out->level), "%s", level);
	if (!*group)
		return;
	out->group_id = strtoll(group, &end, 10);
	if (*end || out->group_id <= 0 || structure_id <= 0 ||
	    db_query_int_param2(db, "SELECT count(*) FROM class_group WHERE id = ? AND structure_id = ?", out->group_id, structure_id, 0) != 1)
		field_errors_add(errors, "groupe", _("Groupe inconnu « %s » : choisissez un groupe de la structure, ou aucun."), group);
}

static void period_check(const struct partner_input *in, struct partner_indicator *out, struct field_errors *errors)
{
	bool has_from = in->from && *in->from, has_to = in->to && *in->to;

	if (!has_from && !has_to)
		return;
	if (!day_parse(in->from, &out->from_day))
		field_errors_add(errors, "du", _("Date de début invalide « %s » : écrivez AAAA-MM-JJ, ou laissez les deux dates vides."), has_from ? in->from : "");
	if (!day_parse(in->to, &out->to_day))
		field_errors_add(errors, "au", _("Date de fin invalide « %s » : écrivez AAAA-MM-JJ, ou laissez les deux dates vides."), has_to ? in->to : "");
	else if (has_from && out->to_day < out->from_day)
		field_errors_add(errors, "au", _("La date de fin est avant la date de début : échangez-les."));
	out->own_period = true;
}

bool partner_check(struct db *db, const struct partner_input *in, int64_t structure_id, struct partner_indicator *out,
		   struct field_errors *errors)
{
	static const char *const kinds[] = { "events", "children", "value", NULL };
	size_t len = in->name ? strlen(in->name) : 0;
	char *end;

	memset(out, 0, sizeof(*out));
	if (len == 0 || len > PARTNER_NAME_MAX)
		field_errors_add(errors, "nom", _("Donnez un nom à l'indicateur (%d caractères au plus)."), PARTNER_NAME_MAX);
	else
		snprintf(out->name, sizeof(out->name), "%s", in->name);
	if (!in->kind || !in_list(in->kind, kinds)) {
		field_errors_add(errors, "type", _("Type invalide : choisissez un nombre d'événements, un nombre d'enfants ou une valeur saisie."));
		return false;
	}
	snprintf(out->kind, sizeof(out->kind), "%s", in->kind);
	if (strcmp(in->kind, "value") == 0) {
		errno = 0;
		out->value = in->value && *in->value ? strtod(in->value, &end) : NAN;
		if (!in->value || !*in->value || errno || *end || !isfinite(out->value))
			field_errors_add(errors, "valeur", _("Valeur invalide « %s » : écrivez un nombre, avec un point pour les décimales."),
					 in->value ? in->value : "");
	} else {
		filters_check(db, in, structure_id, out, errors);
	}
	period_check(in, out, errors);
	return errors->count == 0;
}

int partner_insert(struct db *db, const char *scope, int64_t scope_id, const struct partner_indicator *p, int64_t author_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO partner_indicator (scope, scope_id, name, kind, feature, action, level, group_id, subject, "
					    "from_day, to_day, value, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_int(st, 2, scope_id);
	db_bind_text(st, 3, p->name);
	db_bind_text(st, 4, p->kind);
	db_bind_text(st, 5, p->feature);
	db_bind_text(st, 6, p->action);
	db_bind_text(st, 7, p->level);
	db_bind_int(st, 8, p->group_id);
	db_bind_text(st, 9, p->subject);
	if (p->own_period) {
		db_bind_int(st, 10, p->from_day);
		db_bind_int(st, 11, p->to_day);
	} else {
		db_bind_null(st, 10);
		db_bind_null(st, 11);
	}
	if (strcmp(p->kind, "value") == 0)
		db_bind_double(st, 12, p->value);
	else
		db_bind_null(st, 12);
	db_bind_int(st, 13, author_id);
	db_bind_int(st, 14, (int64_t)time(NULL));
	step = db_step(st);
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

int partner_list(struct db *db, const char *scope, int64_t scope_id, struct partner_indicator *out, int max)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, name, kind, feature, action, level, group_id, subject, from_day, to_day, value, "
					    "backfill_month FROM partner_indicator WHERE scope = ? AND scope_id = ? ORDER BY id");
	enum db_step step = DB_DONE;
	int n = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_int(st, 2, scope_id);
	while (n < max && (step = db_step(st)) == DB_ROW) {
		struct partner_indicator *p = &out[n++];

		memset(p, 0, sizeof(*p));
		p->id = db_column_int(st, 0);
		snprintf(p->name, sizeof(p->name), "%s", db_column_text(st, 1));
		snprintf(p->kind, sizeof(p->kind), "%s", db_column_text(st, 2));
		snprintf(p->feature, sizeof(p->feature), "%s", db_column_text(st, 3));
		snprintf(p->action, sizeof(p->action), "%s", db_column_text(st, 4));
		snprintf(p->level, sizeof(p->level), "%s", db_column_text(st, 5));
		p->group_id = db_column_int(st, 6);
		snprintf(p->subject, sizeof(p->subject), "%s", db_column_text(st, 7));
		p->own_period = !db_column_is_null(st, 8);
		p->from_day = db_column_int(st, 8);
		p->to_day = db_column_int(st, 9);
		p->value = db_column_double(st, 10);
		p->backfill_month = db_column_int(st, 11);
	}
	if (step == DB_ERROR)
		n = -1;
	db_reset(st);
	return n;
}

/* The distinct children of one day, one whole month or one whole school
 * year, counted by the rollup. Returns 1 when read, 0 for another period,
 * -1 on error. */
static int stored_children(struct db *db, int64_t indicator_id, int64_t from_day, int64_t to_day, const struct distinct_parts *d,
			   int64_t *children)
{
	bool no_months = d->months[0][0] > d->months[0][1] && d->months[1][0] > d->months[1][1];
	const char *sql;
	int64_t key;
	struct db_stmt *st;
	enum db_step step;

	if (from_day == to_day) {
		sql = "SELECT children FROM partner_day WHERE indicator_id = ? AND day = ?";
		key = from_day;
	} else if (d->slots == 0 && d->year_from == d->year_to && no_months) {
		sql = "SELECT children FROM partner_year WHERE indicator_id = ? AND year = ?";
		key = d->year_from;
	} else if (d->slots == 0 && d->year_from > d->year_to && d->months[0][0] == d->months[0][1] && d->months[1][0] > d->months[1][1]) {
		sql = "SELECT children FROM partner_month WHERE indicator_id = ? AND month = ?";
		key = d->months[0][0];
	} else {
		return 0;
	}
	st = db_prepare(db, sql);
	if (!st)
		return -1;
	db_bind_int(st, 1, indicator_id);
	db_bind_int(st, 2, key);
	step = db_step(st);
	*children = step == DB_ROW ? db_column_int(st, 0) : 0;
	db_reset(st);
	return step == DB_ERROR ? -1 : 1;
}

/* The distinct children of the periods whose parts read sets, from the
 * sets of their school years, whole months and cut months, in one pass:
 * children[k] for parts d[k] (NULL for parts that read nothing). */
static int sets_children(struct db *db, int64_t indicator_id, const struct distinct_parts d[PARTNER_PERIODS],
			 int64_t *const children[PARTNER_PERIODS])
{
	struct db_stmt *st = db_prepare(db, "SELECT 1, year, members FROM partner_year WHERE indicator_id = ? AND " DISTINCT_YEARS_SQL
					    " UNION ALL SELECT 0, month, members FROM partner_month WHERE indicator_id = ? AND " DISTINCT_MONTHS_SQL);
	struct child_count count[PARTNER_PERIODS];
	enum db_step step;
	int n, k, rc = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, indicator_id);
	n = distinct_bind_years(st, 2, d);
	db_bind_int(st, n++, indicator_id);
	distinct_bind_months(st, n, d);
	for (k = 0; k < PARTNER_PERIODS; k++)
		child_count_init(&count[k]);
	while ((step = db_step(st)) == DB_ROW) {
		size_t len;
		const void *set = db_column_blob(st, 2, &len);

		if (distinct_add(count, d, db_column_int(st, 0) != 0, db_column_int(st, 1), set, len) < 0) {
			log_error("partner indicator %lld: a set is damaged", (long long)indicator_id);
			step = DB_ERROR;
			break;
		}
	}
	db_reset(st);
	if (step == DB_DONE && !count[0].failed && !count[1].failed) {
		for (k = 0; k < PARTNER_PERIODS; k++)
			if (children[k])
				*children[k] = count[k].children;
		rc = 0;
	}
	for (k = 0; k < PARTNER_PERIODS; k++)
		child_count_release(&count[k]);
	return rc;
}

int partner_compute_periods(struct db *db, const struct partner_indicator *p, const int64_t days[PARTNER_PERIODS][2], bool count_children,
			    struct partner_result out[PARTNER_PERIODS])
{
	struct distinct_parts d[PARTNER_PERIODS];
	int64_t *children[PARTNER_PERIODS] = { NULL, NULL };
	bool read = false;
	int k;

	for (k = 0; k < PARTNER_PERIODS; k++) {
		out[k].value = strcmp(p->kind, "value") == 0 ? p->value : 0;
		out[k].children = -1;
	}
	if (strcmp(p->kind, "value") == 0)
		return 0;
	if (p->backfill_month != PARTNER_BACKFILL_DONE)
		return 1;
	for (k = 0; k < PARTNER_PERIODS; k++) {
		int64_t range[3] = { p->id, days[k][0], days[k][1] }, events;
		int stored;

		distinct_none(&d[k]);
		if (days[k][0] > days[k][1] || (p->own_period && k > 0))
			continue;
		if (p->own_period) {
			range[1] = p->from_day;
			range[2] = p->to_day;
		}
		events = db_query_int_params(db, "SELECT coalesce(sum(events), 0) FROM partner_day WHERE indicator_id = ? AND day BETWEEN ? AND ?",
					     range, 3, -1);
		if (events < 0)
			return -1;
		out[k].value = (double)events;
		if (!count_children && strcmp(p->kind, "events") == 0)
			continue;
		distinct_split(range[1], range[2], &d[k]);
		stored = stored_children(db, p->id, range[1], range[2], &d[k], &out[k].children);
		if (stored < 0)
			return -1;
		if (stored > 0) {
			distinct_none(&d[k]);
		} else {
			children[k] = &out[k].children;
			read = true;
		}
	}
	if (read && sets_children(db, p->id, d, children) < 0)
		return -1;
	if (strcmp(p->kind, "children") == 0)
		for (k = 0; k < PARTNER_PERIODS; k++)
			if (days[k][0] <= days[k][1] && !(p->own_period && k > 0))
				out[k].value = (double)out[k].children;
	return 0;
}

int partner_compute(struct db *db, const struct partner_indicator *p, int64_t from_day, int64_t to_day, bool count_children,
		    struct partner_result *out)
{
	const int64_t days[PARTNER_PERIODS][2] = { { from_day, to_day }, { 1, 0 } };
	struct partner_result results[PARTNER_PERIODS];
	int rc = partner_compute_periods(db, p, days, count_children, results);

	*out = results[0];
	return rc;
}
