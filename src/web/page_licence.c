/* A structure's licence: its seats, its licences and requests, the request
 * form, and the tutoring option given to children within the tutoring
 * seats. For the administrateurs of the structure and the opérateur. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "offer/document.h"
#include "offer/licence.h"
#include "offer/offer.h"
#include "web/offer_notice.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define YEARS_SHOWN 4

static const char *const status_labels[][2] = {
	{ "demandee", "demandée, en attente du devis" },
	{ "devis", "devis envoyé" },
	{ "facturee", "facturée, licence active" },
	{ "annulee", "annulée par un avoir" },
};

const char *licence_request_status_label(const char *status)
{
	size_t i;

	for (i = 0; i < sizeof(status_labels) / sizeof(status_labels[0]); i++)
		if (strcmp(status, status_labels[i][0]) == 0)
			return status_labels[i][1];
	return status;
}

static bool managed(struct request *r, int64_t structure_id)
{
	return structure_id && scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, structure_id);
}

static void licences_table(struct request *r, int64_t structure_id)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT l.school_year, l.seats, l.tutoring_seats, coalesce(o.name, ''), l.active FROM licence l "
					       "LEFT JOIN organisation o ON o.id = l.financeur_id WHERE l.structure_id = ? ORDER BY l.school_year DESC, l.id");
	int rows = 0;

	buf_html(&r->out, "<h2>%s</h2>", _("Licences"));
	if (!st)
		return;
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Année scolaire"), _("Places"), _("Places de soutien"), _("Financeur"), _("État"));
	db_bind_int(st, 1, structure_id);
	while (db_step(st) == DB_ROW) {
		buf_html(&r->out, "<tr><td>%s</td><td>%lld</td><td>%lld</td><td>%s</td><td>%s</td></tr>", db_column_text(st, 0),
			 (long long)db_column_int(st, 1), (long long)db_column_int(st, 2), db_column_text(st, 3),
			 db_column_int(st, 4) ? _("active") : _("annulée"));
		rows++;
	}
	db_reset(st);
	buf_adds(&r->out, "</tbody></table></div>");
	if (!rows)
		buf_html(&r->out, "<p>%s</p>", _("Aucune licence : tant qu'aucune licence n'est enregistrée, la structure n'a pas de limite de places, mais pas de soutien."));
}

static void requests_table(struct request *r, int64_t structure_id)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT school_year, seats, tutoring_seats, status FROM licence_request "
					       "WHERE structure_id = ? ORDER BY requested_at DESC, id DESC");

	if (!st)
		return;
	db_bind_int(st, 1, structure_id);
	buf_html(&r->out, "<h2>%s</h2><ul>", _("Demandes"));
	while (db_step(st) == DB_ROW)
		buf_html(&r->out, "<li>%s : %lld places, dont %lld de soutien · %s</li>", db_column_text(st, 0), (long long)db_column_int(st, 1),
			 (long long)db_column_int(st, 2), licence_request_status_label(db_column_text(st, 3)));
	db_reset(st);
	buf_adds(&r->out, "</ul>");
}

/* The school years that have a price list, from the current one on. */
static size_t years_offered(struct request *r, char values[][SCHOOL_YEAR_TEXT], const char **pointers)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT school_year FROM price_list WHERE school_year >= ? ORDER BY school_year LIMIT 4");
	char current[SCHOOL_YEAR_TEXT];
	size_t n = 0;

	if (!st)
		return 0;
	offer_school_year(time(NULL), current, sizeof(current));
	db_bind_text(st, 1, current);
	while (n < YEARS_SHOWN && db_step(st) == DB_ROW) {
		snprintf(values[n], SCHOOL_YEAR_TEXT, "%s", db_column_text(st, 0));
		pointers[n] = values[n];
		n++;
	}
	db_reset(st);
	return n;
}

static void request_form(struct request *r, int64_t structure_id, const struct licence_request_input *in,
			 const struct field_errors *errors)
{
	char years[YEARS_SHOWN][SCHOOL_YEAR_TEXT];
	const char *pointers[YEARS_SHOWN];
	size_t n = years_offered(r, years, pointers);

	buf_html(&r->out, "<section class=\"card\" id=\"structure\"><h2>%s</h2>", _("Demander des places"));
	if (!n) {
		buf_html(&r->out, "<p>%s</p></section>", _("Aucun tarif n'est encore publié pour cette année scolaire : l'opérateur Ardoise doit d'abord le publier."));
		return;
	}
	widget_error_summary(r, errors);
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/structure/%lld/licence\" data-once>", (long long)structure_id);
	page_csrf_field(r);
	widget_select(r, "annee", _("Année scolaire"), pointers, pointers, n, in ? in->school_year : NULL, errors);
	widget_text(r, "places", _("Nombre de places élève"), in ? in->seats : NULL, _("Une place par enfant inscrit pendant l'année."),
		    errors, "inputmode=\"numeric\" required");
	widget_text(r, "places_soutien", _("Dont places avec soutien illimité"), in ? in->tutoring_seats : "0",
		    _("L'option soutien permet à l'enfant de poser des questions à un tuteur."), errors, "inputmode=\"numeric\"");
	widget_text(r, "adresse", _("Adresse de facturation du financeur"), in ? in->billing_address : NULL,
		    _("Service, rue, code postal et ville : elle figurera sur le devis et la facture."), errors, "maxlength=\"300\" required");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Envoyer la demande"));
}

static void tutoring_row(struct request *r, int64_t structure_id, struct db_stmt *st, time_t now)
{
	int64_t child = db_column_int(st, 0);
	bool has = offer_child_has_tutoring(r->db, child, now);

	buf_html(&r->out, "<tr><td>%s %s</td><td>%s</td><td><form method=\"post\" action=\"/admin/structure/%lld/soutien\">",
		 db_column_text(st, 1), db_column_text(st, 2), has ? _("oui") : _("non"), (long long)structure_id);
	page_csrf_field(r);
	buf_html(&r->out, "<input type=\"hidden\" name=\"eleve\" value=\"%lld\"><input type=\"hidden\" name=\"action\" value=\"%s\">"
			  "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form></td></tr>",
		 (long long)child, has ? "retirer" : "donner", has ? _("Retirer le soutien") : _("Donner le soutien"));
}

static void tutoring_section(struct request *r, int64_t structure_id, const struct offer_seats *s)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT id, first_name, last_initial FROM account WHERE structure_id = ? AND role = 'eleve' "
					       "AND active = 1 ORDER BY first_name, last_initial");
	time_t now = time(NULL);

	buf_html(&r->out, "<h2>%s</h2><p>%lld %s %lld %s %s.</p>", _("Soutien illimité"), (long long)s->tutoring_used,
		 _("places de soutien données sur"), (long long)s->tutoring_seats, _("pour l'année"), s->school_year);
	if (!st || s->tutoring_seats == 0) {
		buf_html(&r->out, "<p>%s</p>", _("Aucune place de soutien cette année : demandez-en avec le formulaire ci-dessous."));
		return;
	}
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th></tr></thead><tbody>", _("Élève"), _("Soutien"), _("Action"));
	db_bind_int(st, 1, structure_id);
	while (db_step(st) == DB_ROW)
		tutoring_row(r, structure_id, st, now);
	db_reset(st);
	buf_adds(&r->out, "</tbody></table></div>");
}

static int licence_page(struct request *r, int status, int64_t structure_id, const struct licence_request_input *in,
			const struct field_errors *errors, const char *flash)
{
	struct offer_seats s;

	if (offer_seats_read(r->db, structure_id, time(NULL), &s) < 0)
		return page_error(r, 500, _("La licence n'a pas pu être lue."));
	page_begin(r, _("Licence et soutien"));
	buf_html(&r->out, "<h1>%s</h1>", _("Licence et soutien"));
	if (flash)
		widget_flash(r, status < 400 ? "success" : "error", flash);
	if (s.licensed)
		buf_html(&r->out, "<p class=\"lead\">%lld %s %lld %s %s.</p>", (long long)s.used, _("élèves actifs pour"),
			 (long long)s.seats, _("places sur la licence"), s.school_year);
	offer_seats_notice(r, structure_id);
	tutoring_section(r, structure_id, &s);
	licences_table(r, structure_id);
	requests_table(r, structure_id);
	request_form(r, structure_id, in, errors);
	buf_html(&r->out, "<p><a href=\"/admin/structure/%lld\">%s</a></p>", (long long)structure_id, _("← Retour à la structure"));
	page_end(r);
	return status;
}

int page_licence(struct request *r)
{
	int64_t structure_id = param_id(r, 0);

	if (!managed(r, structure_id))
		return page_not_found(r);
	return licence_page(r, 200, structure_id, NULL, NULL, form_get(&r->query, "fait") ? _("C'est enregistré.") : NULL);
}

int page_licence_request(struct request *r)
{
	int64_t structure_id = param_id(r, 0);
	struct field_errors errors = { .count = 0 };
	struct licence_request_input in;
	char url[96];

	if (!managed(r, structure_id))
		return page_not_found(r);
	form_trim(&r->body, "adresse");
	in = (struct licence_request_input){ structure_id, form_get(&r->body, "annee"), form_get(&r->body, "places"),
					     form_get(&r->body, "places_soutien"), form_get(&r->body, "adresse") };
	if (licence_request_create(r->db, r->user.id, &in, time(NULL), &errors) < 0) {
		if (errors.count)
			return licence_page(r, 422, structure_id, &in, &errors, NULL);
		return page_error(r, 500, _("La demande n'a pas pu être enregistrée. Réessayez dans un instant."));
	}
	log_info("licence requested request=%s structure=%lld account=%lld", r->id, (long long)structure_id, (long long)r->user.id);
	snprintf(url, sizeof(url), "/admin/structure/%lld/licence?fait=1", (long long)structure_id);
	return request_redirect(r, url);
}

int page_licence_tutoring(struct request *r)
{
	int64_t structure_id = param_id(r, 0), child;
	const char *action = form_get(&r->body, "action"), *text = form_get(&r->body, "eleve");
	char message[OFFER_MESSAGE_MAX], url[96], *end = NULL;
	int rc;

	if (!managed(r, structure_id))
		return page_not_found(r);
	child = text ? strtoll(text, &end, 10) : 0;
	if (!text || *end || child <= 0 || !action || (strcmp(action, "donner") != 0 && strcmp(action, "retirer") != 0))
		return page_error(r, 400, _("Le formulaire a été modifié : rechargez la page puis recommencez."));
	if (db_query_int_param2(r->db, "SELECT count(*) FROM account WHERE id = ? AND structure_id = ? AND role = 'eleve'", child, structure_id, 0) != 1)
		return page_not_found(r);
	if (strcmp(action, "retirer") == 0)
		rc = offer_tutoring_revoke(r->db, r->user.id, child, time(NULL)) < 0 ? -1 : 1;
	else
		rc = offer_tutoring_grant(r->db, r->user.id, child, time(NULL), message, sizeof(message));
	if (rc == 0)
		return licence_page(r, 409, structure_id, NULL, NULL, message);
	if (rc < 0)
		return page_error(r, 500, _("Le soutien n'a pas pu être modifié. Réessayez dans un instant."));
	snprintf(url, sizeof(url), "/admin/structure/%lld/licence?fait=1", (long long)structure_id);
	return request_redirect(r, url);
}
