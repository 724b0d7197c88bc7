/* Dashboards of usage indicators for administrateurs, financeurs and
 * opérateurs, their CSV and .ods exports, and the pagehide beacon. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "eval/event.h"
#include "eval/paris_time.h"
#include "eval/rollup.h"
#include "web/diagnostic_view.h"
#include "web/page.h"
#include "web/partner_view.h"
#include "web/pages.h"
#include "web/stats_view.h"
#include "web/widgets.h"

#define ORGANISATION_MAX_DEPTH 8 /* opérateur, académie, département, financeur, with room */

/* True when one of the person's grants with CAP_VIEW_STATISTICS is on the
 * organisation or on one above it. */
static bool organisation_granted(struct db *db, const struct user *u, int64_t organisation_id)
{
	int64_t id = organisation_id;
	int depth;
	size_t i;

	for (depth = 0; id > 0 && depth < ORGANISATION_MAX_DEPTH; depth++) {
		for (i = 0; i < u->grant_count; i++)
			if (u->grants[i].organisation_id == id && (role_capabilities(u->grants[i].role) & CAP_VIEW_STATISTICS))
				return true;
		id = db_query_int_param(db, "SELECT coalesce(parent_id, 0) FROM organisation WHERE id = ?", id, 0);
	}
	return false;
}

/* Structures and groups: their administrateurs and the opérateur.
 * Financeurs see them as lines of their organisation's dashboard. */
static bool structure_allowed(struct db *db, const struct user *u, int64_t structure_id)
{
	return scope_structure(db, u, CAP_MANAGE_STRUCTURE, structure_id) && scope_structure(db, u, CAP_VIEW_STATISTICS, structure_id);
}

/* Fill the scope and title of the view from the URL. Returns false when the
 * object does not exist or is out of the person's scope. */
static bool view_scope(struct request *r, struct stats_view *v, enum stats_scope_kind kind, int64_t id)
{
	struct db_stmt *st;
	char kind_name[16] = "";
	bool found = false;

	v->scope.kind = kind;
	v->scope.id = id;
	if (id <= 0)
		return false;
	if (kind == STATS_ORGANISATION) {
		st = db_prepare(r->db, "SELECT kind, name FROM organisation WHERE id = ?");
		snprintf(v->scope_path, sizeof(v->scope_path), "/statistiques/organisation/%lld", (long long)id);
	} else if (kind == STATS_STRUCTURE) {
		st = db_prepare(r->db, "SELECT 'structure', name FROM structure WHERE id = ?");
		snprintf(v->scope_path, sizeof(v->scope_path), "/statistiques/structure/%lld", (long long)id);
	} else {
		st = db_prepare(r->db, "SELECT 'groupe', name FROM class_group WHERE id = ?");
		snprintf(v->scope_path, sizeof(v->scope_path), "/statistiques/groupe/%lld", (long long)id);
	}
	if (!st)
		return false;
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW) {
		snprintf(kind_name, sizeof(kind_name), "%s", db_column_text(st, 0));
		snprintf(v->title, sizeof(v->title), "%s", db_column_text(st, 1));
		found = true;
	}
	db_reset(st);
	if (!found)
		return false;
	if (kind == STATS_ORGANISATION) {
		if (strcmp(kind_name, "operateur") == 0)
			v->scope.kind = STATS_NATIONAL;
		v->aggregates_only = !scope_national(&r->user);
		return scope_national(&r->user) || organisation_granted(r->db, &r->user, id);
	}
	if (kind == STATS_GROUP)
		id = db_query_int_param(r->db, "SELECT structure_id FROM class_group WHERE id = ?", id, 0);
	return structure_allowed(r->db, &r->user, id);
}

static void period_form(struct request *r, const struct stats_view *v, const struct form *q)
{
	static const char *const kinds[] = { "jour", "semaine", "mois", "annee", "plage" };
	static const char *const labels[] = { "Jour", "Semaine", "Mois", "Année scolaire", "Plage de dates" };
	const char *date = form_get(q, "date"), *from = form_get(q, "du"), *to = form_get(q, "au");
	size_t i;

	buf_html(&r->out, "<form class=\"filters\" method=\"get\" action=\"%s\"><div class=\"field\"><label for=\"periode\">%s</label>"
			  "<select id=\"periode\" name=\"periode\">", v->scope_path, _("Période"));
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		buf_html(&r->out, "<option value=\"%s\"%S>%s</option>", kinds[i],
			 v->period_kind && strcmp(v->period_kind, kinds[i]) == 0 ? " selected" : "", _(labels[i]));
	buf_html(&r->out, "</select></div><div class=\"field\"><label for=\"date\">%s</label><input id=\"date\" name=\"date\" type=\"date\" value=\"%s\"></div>"
			  "<div class=\"field\"><label for=\"du\">%s</label><input id=\"du\" name=\"du\" type=\"date\" value=\"%s\"></div>"
			  "<div class=\"field\"><label for=\"au\">%s</label><input id=\"au\" name=\"au\" type=\"date\" value=\"%s\"></div>"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Jour de la période"), date ? date : "", _("Du (plage de dates)"), from ? from : "", _("Au (plage de dates)"), to ? to : "",
		 _("Afficher"));
}

static void figure_cell(struct request *r, bool shown, double value, int decimals)
{
	char text[64];

	if (!shown) {
		buf_html(&r->out, "<td><span aria-describedby=\"masque\">—</span></td>");
		return;
	}
	sheet_number_format(value, decimals, text, sizeof(text));
	buf_html(&r->out, "<td>%s</td>", text);
}

static void figures_table(struct request *r, const struct stats_view *v)
{
	char from[16], to[16];
	int line;

	day_format_french(v->from_day, from, sizeof(from));
	day_format_french(v->to_day, to, sizeof(to));
	buf_html(&r->out, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data\"><caption>%s %s – %s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Indicateurs du"), from, to, _("Indicateur"), _("Période"), _("Période précédente"), _("Évolution"));
	for (line = 0; line < LINE_COUNT; line++) {
		double now = 0, before = 0;
		bool shown_now = stats_line_value(v, &v->now, line, &now);
		bool shown_before = stats_line_value(v, &v->before, line, &before);

		buf_html(&r->out, "<tr><th scope=\"row\">%s</th>", stats_line_label(line));
		figure_cell(r, shown_now, now, stats_line_decimals(line));
		figure_cell(r, shown_before, before, stats_line_decimals(line));
		figure_cell(r, shown_now && shown_before, now - before, stats_line_decimals(line));
		buf_adds(&r->out, "</tr>");
	}
	buf_adds(&r->out, "</tbody></table></div>");
}

static void features_table(struct request *r, const struct stats_view *v)
{
	int i;

	if (v->feature_count <= 0)
		return;
	buf_html(&r->out, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Fonctions, de la plus utilisée à la moins utilisée"), _("Fonction"), _("Utilisations"));
	for (i = 0; i < v->feature_count; i++) {
		buf_html(&r->out, "<tr><th scope=\"row\">%s</th>", v->features[i].feature);
		figure_cell(r, stats_cell_visible(v, v->now.active), (double)v->features[i].events, 0);
		buf_adds(&r->out, "</tr>");
	}
	buf_adds(&r->out, "</tbody></table></div>");
}

static void parts_table(struct request *r, const struct stats_view *v)
{
	int i;

	if (v->part_count <= 0)
		return;
	buf_html(&r->out, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Par structure"), _("Structure"), _("Enfants inscrits"), _("Enfants actifs"), _("Connexions"), _("Activités faites"),
		 _("Activités réussies"));
	for (i = 0; i < v->part_count; i++) {
		const struct stats_figures *f = &v->parts[i].figures;
		bool shown = stats_cell_visible(v, f->active);

		buf_html(&r->out, "<tr><th scope=\"row\">%s</th>", v->parts[i].name);
		figure_cell(r, stats_cell_visible(v, f->registered), (double)f->registered, 0);
		figure_cell(r, shown, (double)f->active, 0);
		figure_cell(r, shown, (double)f->connections, 0);
		figure_cell(r, shown, (double)f->done, 0);
		figure_cell(r, shown, (double)f->passed, 0);
		buf_adds(&r->out, "</tr>");
	}
	buf_adds(&r->out, "</tbody></table></div>");
}

static void page_notes(struct request *r, const struct stats_view *v)
{
	int64_t refreshed = rollup_refreshed_at(r->db);
	char when[32] = "";

	if (refreshed > 0) {
		time_t t = (time_t)refreshed;
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%d/%m/%Y %H:%M", &tm);
	}
	buf_html(&r->out, "<p class=\"hint\">%s %s. %s</p>", _("Chiffres mis à jour le"), refreshed > 0 ? when : _("(jamais)"),
		 _("Les durées suivent la définition des connexions de la documentation « Indicateurs »."));
	if (v->aggregates_only)
		buf_html(&r->out, "<p class=\"hint\" id=\"masque\">%s %lld %s</p>", _("« — » : chiffre masqué parce qu'il porte sur moins de"),
			 (long long)stats_min_children(), _("enfants, pour qu'aucun enfant ne puisse être reconnu."));
	else
		buf_html(&r->out, "<p class=\"hint\" id=\"masque\">%s</p>", _("« — » : pas de donnée pour ce chiffre (aucune connexion, ou chiffre non calculé pour un groupe)."));
}

/* The diagnostic scope of a dashboard: "organisation", "structure", or
 * NULL for a group. */
static const char *diagnostic_scope(const struct stats_view *v)
{
	if (v->scope.kind == STATS_GROUP)
		return NULL;
	return v->scope.kind == STATS_STRUCTURE ? "structure" : "organisation";
}

static int export_send(struct request *r, struct stats_view *v, const char *format)
{
	struct sheet s;
	char disposition[96];
	bool ods = strcmp(format, "ods") == 0;
	int rc;

	sheet_init(&s, _("Indicateurs"));
	stats_view_sheet(v, &s);
	if (diagnostic_scope(v)) {
		partner_sheet(r->db, v, diagnostic_scope(v), &s);
		diagnostic_sheet(r->db, diagnostic_scope(v), v->scope.id, &s);
	}
	rc = ods ? sheet_ods(&s, &r->out) : sheet_csv(&s, &r->out);
	sheet_release(&s);
	if (rc < 0)
		return page_error(r, 500, _("Le fichier n'a pas pu être préparé."));
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"indicateurs.%s\"", ods ? "ods" : "csv");
	request_add_header(r, "content-disposition", disposition);
	r->content_type = ods ? "application/vnd.oasis.opendocument.spreadsheet" : "text/csv; charset=utf-8";
	return 200;
}

/* Links to the same figures as files, with the period of the page. */
static void export_links(struct request *r, const struct stats_view *v)
{
	static const char *const formats[] = { "csv", "ods" };
	static const char *const labels[] = { "Télécharger (CSV)", "Télécharger (tableur .ods)" };
	const char *date = form_get(&r->query, "date"), *from = form_get(&r->query, "du"), *to = form_get(&r->query, "au");
	size_t i;

	buf_adds(&r->out, "<p class=\"form-actions\">");
	for (i = 0; i < 2; i++)
		buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"%s?periode=%U&amp;date=%U&amp;du=%U&amp;au=%U&amp;format=%s\">%s</a> ",
			 v->scope_path, v->period_kind, date ? date : "", from ? from : "", to ? to : "", formats[i], _(labels[i]));
	buf_adds(&r->out, "</p>");
}

/* Which form of the page a rejected post came from. */
enum posted_form { POSTED_NONE, POSTED_DIAGNOSTIC, POSTED_INDICATOR };

static int dashboard_render(struct request *r, struct stats_view *v, int status, enum posted_form posted,
			    const struct field_errors *errors)
{
	char action[96];

	page_begin(r, v->title);
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", v->title, _("Utilisation d'Ardoise par les enfants : chiffres, évolution et comparaison avec la période précédente."));
	period_form(r, v, &r->query);
	figures_table(r, v);
	stats_view_chart(r, v);
	features_table(r, v);
	parts_table(r, v);
	page_notes(r, v);
	export_links(r, v);
	if (form_get(&r->query, "diagnostic"))
		widget_flash(r, "success", _("Le diagnostic est enregistré."));
	if (form_get(&r->query, "indicateur"))
		widget_flash(r, "success", _("L'indicateur est enregistré."));
	if (diagnostic_scope(v)) {
		snprintf(action, sizeof(action), "%s/indicateur", v->scope_path);
		partner_section(r, v, diagnostic_scope(v), action, posted == POSTED_INDICATOR ? errors : NULL);
		snprintf(action, sizeof(action), "%s/diagnostic", v->scope_path);
		diagnostic_section(r, diagnostic_scope(v), v->scope.id, action, posted == POSTED_DIAGNOSTIC ? errors : NULL,
				   posted == POSTED_DIAGNOSTIC ? &r->body : NULL);
	}
	page_end(r);
	return status;
}

/* A period or format the page cannot show: the message above the period
 * form, still filled with what was asked, so it can be corrected. */
static int period_rejected(struct request *r, struct stats_view *v, const char *error)
{
	page_begin(r, v->title);
	buf_html(&r->out, "<h1>%s</h1>", v->title);
	widget_flash(r, "error", error);
	period_form(r, v, &r->query);
	page_end(r);
	return 422;
}

/* Render the dashboard (or its export), with the diagnostic form's
 * errors after a rejected post. */
static int dashboard(struct request *r, enum stats_scope_kind kind, int page_status, enum posted_form posted,
		     const struct field_errors *errors)
{
	struct stats_view v = { 0 };
	const char *error, *format = form_get(&r->query, "format");
	int status;

	if (!view_scope(r, &v, kind, param_id(r, 0)))
		return page_not_found(r);
	error = stats_view_period(&v, &r->query, paris_day((int64_t)time(NULL)));
	if (!error && format && strcmp(format, "csv") != 0 && strcmp(format, "ods") != 0)
		error = _("Format inconnu : choisissez csv ou ods.");
	if (error)
		return period_rejected(r, &v, error);
	if (stats_view_compute(&v, r->db) < 0) {
		stats_view_release(&v);
		return page_error(r, 500, _("Les indicateurs n'ont pas pu être calculés. Réessayez dans un instant."));
	}
	status = format && !errors ? export_send(r, &v, format) : dashboard_render(r, &v, page_status, posted, errors);
	stats_view_release(&v);
	return status;
}

int page_stats_organisation(struct request *r)
{
	return dashboard(r, STATS_ORGANISATION, 200, POSTED_NONE, NULL);
}

int page_stats_structure(struct request *r)
{
	return dashboard(r, STATS_STRUCTURE, 200, POSTED_NONE, NULL);
}

int page_stats_group(struct request *r)
{
	return dashboard(r, STATS_GROUP, 200, POSTED_NONE, NULL);
}

/* Add a diagnostic record to an organisation or a structure. */
static int diagnostic_post(struct request *r, enum stats_scope_kind kind)
{
	struct stats_view v = { 0 };
	struct diagnostic_input in;
	struct diagnostic d;
	struct field_errors errors = { 0 };
	char location[96];

	if (!view_scope(r, &v, kind, param_id(r, 0)))
		return page_not_found(r);
	diagnostic_input_read(r, &in);
	if (!diagnostic_check(&in, &d, &errors))
		return dashboard(r, kind, 422, POSTED_DIAGNOSTIC, &errors);
	if (diagnostic_insert(r->db, diagnostic_scope(&v), v.scope.id, &d, r->user.id) < 0)
		return page_error(r, 500, _("Le diagnostic n'a pas pu être enregistré. Réessayez dans un instant."));
	log_info("diagnostic added request=%s account=%lld scope=%s id=%lld", r->id, (long long)r->user.id, diagnostic_scope(&v),
		 (long long)v.scope.id);
	snprintf(location, sizeof(location), "%s?diagnostic=enregistre", v.scope_path);
	return request_redirect(r, location);
}

int page_stats_diagnostic_organisation(struct request *r)
{
	return diagnostic_post(r, STATS_ORGANISATION);
}

int page_stats_diagnostic_structure(struct request *r)
{
	return diagnostic_post(r, STATS_STRUCTURE);
}

/* Define a partner indicator for an organisation or a structure. */
static int indicator_post(struct request *r, enum stats_scope_kind kind)
{
	struct stats_view v = { 0 };
	struct partner_input in;
	struct partner_indicator p;
	struct field_errors errors = { 0 };
	char location[96];

	if (!view_scope(r, &v, kind, param_id(r, 0)))
		return page_not_found(r);
	partner_input_read(r, &in);
	if (!partner_check(r->db, &in, kind == STATS_STRUCTURE ? v.scope.id : 0, &p, &errors))
		return dashboard(r, kind, 422, POSTED_INDICATOR, &errors);
	if (partner_insert(r->db, diagnostic_scope(&v), v.scope.id, &p, r->user.id) < 0)
		return page_error(r, 500, _("L'indicateur n'a pas pu être enregistré. Réessayez dans un instant."));
	event_rollup_wake();
	log_info("partner indicator added request=%s account=%lld scope=%s id=%lld", r->id, (long long)r->user.id,
		 diagnostic_scope(&v), (long long)v.scope.id);
	snprintf(location, sizeof(location), "%s?indicateur=enregistre", v.scope_path);
	return request_redirect(r, location);
}

int page_stats_indicator_organisation(struct request *r)
{
	return indicator_post(r, STATS_ORGANISATION);
}

int page_stats_indicator_structure(struct request *r)
{
	return indicator_post(r, STATS_STRUCTURE);
}

/* The dashboards the person may open. */
int page_stats_home(struct request *r)
{
	size_t i;

	page_begin(r, _("Indicateurs"));
	buf_html(&r->out, "<h1>%s</h1><ul class=\"links\">", _("Indicateurs"));
	if (scope_national(&r->user)) {
		int64_t root = db_query_int(r->db, "SELECT min(id) FROM organisation WHERE kind = 'operateur'", 0);

		if (root > 0)
			buf_html(&r->out, "<li><a href=\"/statistiques/organisation/%lld\">%s</a></li>", (long long)root, _("National"));
	}
	for (i = 0; i < r->user.grant_count; i++) {
		const struct grant *g = &r->user.grants[i];

		if (!(role_capabilities(g->role) & CAP_VIEW_STATISTICS) || strcmp(g->role, "operateur") == 0)
			continue;
		if (g->organisation_id)
			buf_html(&r->out, "<li><a href=\"/statistiques/organisation/%lld\">%s</a></li>", (long long)g->organisation_id,
				 _("Mon territoire"));
		else if (structure_allowed(r->db, &r->user, g->structure_id))
			buf_html(&r->out, "<li><a href=\"/statistiques/structure/%lld\">%s</a></li>", (long long)g->structure_id,
				 _("Ma structure"));
	}
	buf_adds(&r->out, "</ul>");
	page_end(r);
	return 200;
}

/* The pagehide beacon: the page was left, so the time until the next
 * event does not count (see eval/connection.h). */
int page_event_hide(struct request *r)
{
	event_record(r, EVENT_FEATURE_SESSION, EVENT_ACTION_HIDE, NULL);
	r->content_type = "text/plain; charset=utf-8";
	return 204;
}
