/* The opérateur's training sessions: create them, see who registered,
 * record attendance and print the certificates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "core/log.h"
#include "offer/training.h"
#include "web/format.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define SESSIONS_SHOWN 200
/* Checkboxes read from one attendance form: a session has at most
 * TRAINING_CAPACITY_MAX adults. */
#define ATTENDEES_PER_FORM TRAINING_CAPACITY_MAX

static const char *const audiences[] = { "accompagnateurs", "tuteurs" };
static const char *const audience_labels[] = { "accompagnateurs locaux", "tuteurs" };

static void sessions_table(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT s.id, s.starts_at, s.place, s.audience, s.capacity, "
					       "(SELECT count(*) FROM training_registration g WHERE g.session_id = s.id) "
					       "FROM training_session s ORDER BY s.starts_at DESC LIMIT ?");
	char date[40];

	if (!st)
		return;
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>", _("Date"), _("Lieu"), _("Public"), _("Inscrits"));
	db_bind_int(st, 1, SESSIONS_SHOWN);
	while (db_step(st) == DB_ROW) {
		format_date_paris(db_column_int(st, 1), date, sizeof(date));
		buf_html(&r->out, "<tr><td><a href=\"/offre/formation/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%lld / %lld</td></tr>",
			 (long long)db_column_int(st, 0), date, db_column_text(st, 2), training_audience_label(db_column_text(st, 3)),
			 (long long)db_column_int(st, 5), (long long)db_column_int(st, 4));
	}
	db_reset(st);
	buf_adds(&r->out, "</tbody></table></div>");
}

static int sessions_page(struct request *r, int status, const struct training_session_input *in, const struct field_errors *errors)
{
	page_begin(r, _("Sessions de formation"));
	buf_html(&r->out, "<h1>%s</h1>", _("Sessions de formation"));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	sessions_table(r);
	buf_html(&r->out, "<section class=\"card\"><h2>%s</h2>", _("Nouvelle session"));
	widget_error_summary(r, errors);
	buf_adds(&r->out, "<form method=\"post\" action=\"/offre/formations\" data-once>");
	page_csrf_field(r);
	widget_text(r, "date", _("Date"), in ? in->date : NULL, NULL, errors, "type=\"date\" required");
	widget_text(r, "heure", _("Heure de début"), in ? in->time : NULL, NULL, errors, "type=\"time\" required");
	widget_text(r, "lieu", _("Lieu"), in ? in->place : NULL, _("Salle et adresse."), errors, "required maxlength=\"200\"");
	widget_select(r, "public", _("Public"), audiences, audience_labels, 2, in ? in->audience : NULL, errors);
	widget_text(r, "places", _("Nombre de places"), in ? in->capacity : NULL, NULL, errors, "required inputmode=\"numeric\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>"
			  "<p><a href=\"/offre\">%s</a></p>", _("Créer la session"), _("← Offre et licences"));
	page_end(r);
	return status;
}

int page_offer_training(struct request *r)
{
	return sessions_page(r, 200, NULL, NULL);
}

int page_offer_training_create(struct request *r)
{
	struct field_errors errors = { .count = 0 };
	struct training_session_input in;

	form_trim(&r->body, "lieu");
	in = (struct training_session_input){ form_get(&r->body, "date"), form_get(&r->body, "heure"), form_get(&r->body, "lieu"),
					      form_get(&r->body, "public"), form_get(&r->body, "places") };
	if (training_session_create(r->db, r->user.id, &in, time(NULL), &errors) < 0) {
		if (errors.count)
			return sessions_page(r, 422, &in, &errors);
		return page_error(r, 500, _("La session n'a pas pu être créée. Réessayez dans un instant."));
	}
	return request_redirect(r, "/offre/formations?fait=1");
}

int page_offer_training_session(struct request *r)
{
	struct training_session s;
	struct db_stmt *st;
	int64_t id = param_id(r, 0);
	char date[40];

	if (!id || training_session_find(r->db, id, &s) != 1)
		return page_not_found(r);
	format_date_paris(s.starts_at, date, sizeof(date));
	page_begin(r, _("Session de formation"));
	buf_html(&r->out, "<h1>%s %s</h1><p class=\"lead\">%s · %s · %lld / %lld %s</p>", _("Session du"), date, s.place,
		 training_audience_label(s.audience), (long long)s.registered, (long long)s.capacity, _("inscrits"));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	buf_html(&r->out, "<form method=\"post\" action=\"/offre/formation/%lld/presence\"><fieldset class=\"field\"><legend>%s</legend>",
		 (long long)id, _("Présents"));
	page_csrf_field(r);
	st = db_prepare(r->db, "SELECT a.id, a.first_name, a.last_initial, a.role, g.attended FROM training_registration g "
			       "JOIN account a ON a.id = g.account_id WHERE g.session_id = ? ORDER BY a.first_name, a.last_initial");
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st) == DB_ROW) {
			int64_t account = db_column_int(st, 0);

			buf_html(&r->out, "<label class=\"choice\"><input type=\"checkbox\" name=\"present\" value=\"%lld\"%S> %s %s (%s)</label>",
				 (long long)account, db_column_int(st, 4) ? " checked" : "", db_column_text(st, 1), db_column_text(st, 2),
				 db_column_text(st, 3));
			if (db_column_int(st, 4))
				buf_html(&r->out, " <a href=\"/offre/formation/%lld/attestation/%lld\">%s</a>", (long long)id, (long long)account,
					 _("attestation"));
		}
		db_reset(st);
	}
	buf_html(&r->out, "</fieldset><div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>"
			  "<p><a href=\"/offre/formations\">%s</a></p>", _("Enregistrer les présences"), _("← Sessions de formation"));
	page_end(r);
	return 200;
}

int page_offer_training_attendance(struct request *r)
{
	const char *values[ATTENDEES_PER_FORM + 1];
	int64_t present[ATTENDEES_PER_FORM];
	struct training_session s;
	int64_t id = param_id(r, 0);
	size_t n, i;
	char url[96], *end;

	if (!id || training_session_find(r->db, id, &s) != 1)
		return page_not_found(r);
	n = form_get_all(&r->body, "present", values, ATTENDEES_PER_FORM + 1);
	if (n > ATTENDEES_PER_FORM)
		return page_error(r, 413, _("Trop de présents cochés pour un seul envoi."));
	for (i = 0; i < n; i++) {
		present[i] = strtoll(values[i], &end, 10);
		if (*end || present[i] <= 0)
			return page_error(r, 400, _("Le formulaire a été modifié : rechargez la page puis recommencez."));
	}
	if (training_attendance_set(r->db, r->user.id, id, present, n) < 0)
		return page_error(r, 500, _("Les présences n'ont pas pu être enregistrées. Réessayez dans un instant."));
	snprintf(url, sizeof(url), "/offre/formation/%lld?fait=1", (long long)id);
	return request_redirect(r, url);
}
