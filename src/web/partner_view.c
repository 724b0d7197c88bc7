/* Partner indicators on the dashboards. */
#include "web/partner_view.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "eval/event.h"
#include "web/page.h"
#include "web/widgets.h"

enum cell_state { CELL_SHOWN, CELL_HIDDEN, CELL_PENDING };

/* The values of one indicator for the period and the previous one: shown,
 * hidden (below the threshold, failed, or the previous period of an
 * indicator with its own period) or still being computed. */
static void partner_values(struct db *db, const struct stats_view *v, const struct partner_indicator *p,
			   enum cell_state state[PARTNER_PERIODS], double value[PARTNER_PERIODS])
{
	const int64_t days[PARTNER_PERIODS][2] = { { v->from_day, v->to_day }, { v->previous_from, v->previous_to } };
	struct partner_result result[PARTNER_PERIODS];
	int rc = partner_compute_periods(db, p, days, v->aggregates_only, result), k;

	for (k = 0; k < PARTNER_PERIODS; k++) {
		value[k] = result[k].value;
		if (rc == 1)
			state[k] = CELL_PENDING;
		else if (rc < 0 || (k > 0 && p->own_period) || (result[k].children >= 0 && !stats_cell_visible(v, result[k].children)))
			state[k] = CELL_HIDDEN;
		else
			state[k] = CELL_SHOWN;
	}
}

static void cell(struct request *r, enum cell_state state, double value)
{
	char text[32];

	if (state == CELL_PENDING) {
		buf_html(&r->out, "<td>%s</td>", _("en cours de calcul"));
		return;
	}
	if (state == CELL_HIDDEN) {
		buf_adds(&r->out, "<td>—</td>");
		return;
	}
	sheet_number_format(value, 1, text, sizeof(text));
	buf_html(&r->out, "<td>%s</td>", text);
}

static void results_table(struct request *r, const struct stats_view *v, const struct partner_indicator *list, int count)
{
	bool pending = false;
	int i;

	buf_html(&r->out, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Indicateurs définis par les partenaires"), _("Indicateur"), _("Période"), _("Période précédente"));
	for (i = 0; i < count; i++) {
		enum cell_state state[PARTNER_PERIODS];
		double value[PARTNER_PERIODS];

		partner_values(r->db, v, &list[i], state, value);
		buf_html(&r->out, "<tr><th scope=\"row\">%s</th>", list[i].name);
		cell(r, state[0], value[0]);
		cell(r, state[1], value[1]);
		buf_adds(&r->out, "</tr>");
		pending |= state[0] == CELL_PENDING;
	}
	buf_adds(&r->out, "</tbody></table></div>");
	if (pending)
		buf_html(&r->out, "<p class=\"hint\">%s</p>",
			 _("Un nouvel indicateur est calculé sur toute l'utilisation passée, un mois à la fois : rechargez la page dans quelques minutes."));
}

static void form_selects(struct request *r, const struct field_errors *errors, const struct form *typed)
{
	static const char *const kinds[] = { "events", "children", "value" };
	static const char *const kind_labels[] = { "Nombre d'événements", "Nombre d'enfants", "Valeur saisie" };
	static const char *const features[] = { "", EVENT_FEATURE_SESSION, EVENT_FEATURE_ACTIVITIES, EVENT_FEATURE_RESOURCES,
						EVENT_FEATURE_VIDEOS, EVENT_FEATURE_DICTIONARIES, EVENT_FEATURE_TUTORING, EVENT_FEATURE_SURVEYS };
	static const char *const actions[] = { "", EVENT_ACTION_SIGN_IN, EVENT_ACTION_PAGE, EVENT_ACTION_START, EVENT_ACTION_SUBMIT,
					       EVENT_ACTION_OPEN, EVENT_ACTION_PLAY, EVENT_ACTION_SEARCH, EVENT_ACTION_MESSAGE, EVENT_ACTION_ANSWER };
	static const char *const levels[] = { "", "CE2", "CM1", "CM2", "6e" };
	/* French labels in the order of features[] and actions[]: the stored
	 * names are identifiers, some of them English. */
	static const char *const any[] = { "(toutes)", "Connexions", "Activités", "Ressources", "Vidéos",
					   "Dictionnaires", "Tutorat", "Enquêtes" };
	static const char *const any_action[] = { "(toutes)", "Connexion", "Page affichée", "Activité commencée",
						  "Activité envoyée", "Ressource ouverte", "Vidéo regardée",
						  "Recherche dans un dictionnaire", "Message de tutorat", "Réponse à une enquête" };
	static const char *const level_labels[] = { "(tous)", "CE2", "CM1", "CM2", "6e" };

	widget_select(r, "type", _("Type"), kinds, kind_labels, 3, typed ? form_get(typed, "type") : "events", errors);
	widget_select(r, "fonction", _("Fonction"), features, any, 8, typed ? form_get(typed, "fonction") : "", errors);
	widget_select(r, "action", _("Action"), actions, any_action, 10, typed ? form_get(typed, "action") : "", errors);
	widget_select(r, "niveau", _("Niveau"), levels, level_labels, 5, typed ? form_get(typed, "niveau") : "", errors);
}

void partner_section(struct request *r, const struct stats_view *v, const char *scope, const char *action,
		     const struct field_errors *errors)
{
	struct partner_indicator list[PARTNER_LIST_MAX];
	int count = partner_list(r->db, scope, v->scope.id, list, PARTNER_LIST_MAX);
	const struct form *typed = errors ? &r->body : NULL;

	buf_html(&r->out, "<section class=\"card\" aria-labelledby=\"partenaires\"><h2 id=\"partenaires\">%s</h2>", _("Indicateurs des partenaires"));
	if (count > 0)
		results_table(r, v, list, count);
	if (errors && errors->count)
		widget_error_summary(r, errors);
	buf_html(&r->out, "<form method=\"post\" action=\"%s\"><h3>%s</h3><p class=\"hint\">%s</p>", action, _("Définir un indicateur"),
		 _("Un nombre calculé à partir de l'utilisation, avec des filtres, ou une valeur que vous saisissez."));
	page_csrf_field(r);
	widget_text(r, "nom", _("Nom"), typed ? form_get(typed, "nom") : NULL, NULL, errors, "required maxlength=\"80\"");
	form_selects(r, errors, typed);
	widget_text(r, "groupe", _("Numéro de groupe (facultatif)"), typed ? form_get(typed, "groupe") : NULL, NULL, errors, "inputmode=\"numeric\"");
	widget_text(r, "matiere", _("Matière (facultatif, par exemple mathematiques)"), typed ? form_get(typed, "matiere") : NULL, NULL, errors, NULL);
	widget_text(r, "du", _("Période propre : du (facultatif)"), typed ? form_get(typed, "du") : NULL, NULL, errors, "type=\"date\"");
	widget_text(r, "au", _("Période propre : au (facultatif)"), typed ? form_get(typed, "au") : NULL, NULL, errors, "type=\"date\"");
	widget_text(r, "valeur", _("Valeur (type « valeur saisie »)"), typed ? form_get(typed, "valeur") : NULL, NULL, errors, "inputmode=\"decimal\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Enregistrer l'indicateur"));
}

static void sheet_cell(struct sheet *s, enum cell_state state, double value)
{
	if (state == CELL_SHOWN)
		sheet_number(s, value, 1);
	else
		sheet_text(s, state == CELL_PENDING ? _("en cours de calcul") : "—");
}

void partner_sheet(struct db *db, const struct stats_view *v, const char *scope, struct sheet *s)
{
	struct partner_indicator list[PARTNER_LIST_MAX];
	int count = partner_list(db, scope, v->scope.id, list, PARTNER_LIST_MAX), i;

	if (count <= 0)
		return;
	sheet_row(s);
	sheet_row(s);
	sheet_text(s, _("Indicateur des partenaires"));
	sheet_text(s, _("Période"));
	sheet_text(s, _("Période précédente"));
	for (i = 0; i < count; i++) {
		enum cell_state state[PARTNER_PERIODS];
		double value[PARTNER_PERIODS];

		partner_values(db, v, &list[i], state, value);
		sheet_row(s);
		sheet_text(s, list[i].name);
		sheet_cell(s, state[0], value[0]);
		sheet_cell(s, state[1], value[1]);
	}
}

void partner_input_read(struct request *r, struct partner_input *in)
{
	in->name = form_get(&r->body, "nom");
	in->kind = form_get(&r->body, "type");
	in->feature = form_get(&r->body, "fonction");
	in->action = form_get(&r->body, "action");
	in->level = form_get(&r->body, "niveau");
	in->group = form_get(&r->body, "groupe");
	in->subject = form_get(&r->body, "matiere");
	in->from = form_get(&r->body, "du");
	in->to = form_get(&r->body, "au");
	in->value = form_get(&r->body, "valeur");
}
