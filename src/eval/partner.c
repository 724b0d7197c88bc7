/* Partner-defined indicators. */
#include "core/i18n.h"
#include "eval/partner.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eval/paris_time.h"

/* One query per scope kind (see eval/indicator.c for the filters). */
#define P_NATIONAL "? >= 0"
#define P_ORGANISATION "structure_id IN (SELECT s.id FROM structure s WHERE s.financeur_id IN (" \
	"WITH RECURSIVE t(id) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT o.id FROM organisation o JOIN t ON o.parent_id = t.id) " \
	"SELECT id FROM t))"
#define P_STRUCTURE "structure_id = ?"
#define P_GROUP "account_id IN (SELECT account_id FROM group_member WHERE group_id = ?)"
/* The events are read from the scope's structures (index usage_event_structure)
 * or the group's children, the children's accounts checked by id. */
#define P_EVENTS "SELECT count(*), count(DISTINCT e.account_id) FROM usage_event e WHERE e.at >= ? AND e.at < ? " \
	"AND (? = '' OR e.feature = ?) AND (? = '' OR e.action = ?) " \
	"AND e.account_id IN (SELECT id FROM account WHERE role = 'eleve' AND (? = '' OR level = ?)) " \
	"AND (? = 0 OR e.account_id IN (SELECT account_id FROM group_member WHERE group_id = ?)) " \
	"AND (? = '' OR e.object IN (SELECT id FROM activity WHERE subject = ?)) AND "

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
	struct db_stmt *st = db_prepare(db, "SELECT id, name, kind, feature, action, level, group_id, subject, from_day, to_day, value "
					    "FROM partner_indicator WHERE scope = ? AND scope_id = ? ORDER BY id");
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
	}
	if (step == DB_ERROR)
		n = -1;
	db_reset(st);
	return n;
}

int partner_compute(struct db *db, const struct partner_indicator *p, const struct stats_scope *scope, int64_t from_day,
		    int64_t to_day, struct partner_result *out)
{
	static const char *const sql[] = { P_EVENTS P_NATIONAL, P_EVENTS P_ORGANISATION, P_EVENTS P_STRUCTURE, P_EVENTS P_GROUP };
	struct db_stmt *st;
	int rc = -1;

	if (strcmp(p->kind, "value") == 0) {
		out->value = p->value;
		out->children = -1;
		return 0;
	}
	if (p->own_period) {
		from_day = p->from_day;
		to_day = p->to_day;
	}
	st = db_prepare(db, sql[scope->kind]);
	if (!st)
		return -1;
	db_bind_int(st, 1, paris_day_start(from_day));
	db_bind_int(st, 2, paris_day_start(to_day + 1));
	db_bind_text(st, 3, p->feature);
	db_bind_text(st, 4, p->feature);
	db_bind_text(st, 5, p->action);
	db_bind_text(st, 6, p->action);
	db_bind_text(st, 7, p->level);
	db_bind_text(st, 8, p->level);
	db_bind_int(st, 9, p->group_id);
	db_bind_int(st, 10, p->group_id);
	db_bind_text(st, 11, p->subject);
	db_bind_text(st, 12, p->subject);
	db_bind_int(st, 13, scope->id);
	if (db_step(st) == DB_ROW) {
		out->children = db_column_int(st, 1);
		out->value = (double)(strcmp(p->kind, "children") == 0 ? out->children : db_column_int(st, 0));
		rc = 0;
	}
	db_reset(st);
	return rc;
}
