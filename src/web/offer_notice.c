/* The licence notices shown on the child form, the child's pages and the group page. */
#include "web/offer_notice.h"

#include <stdio.h>
#include <time.h>

#include "core/log.h"
#include "offer/licence.h"
#include "offer/offer.h"
#include "web/page.h"
#include "web/widgets.h"

void offer_seats_notice(struct request *r, int64_t structure_id)
{
	struct offer_seats s;
	char message[OFFER_MESSAGE_MAX];

	if (offer_seats_read(r->db, structure_id, time(NULL), &s) < 0 || !s.licensed)
		return;
	offer_seats_message(&s, message, sizeof(message));
	buf_html(&r->out, "<p class=\"flash flash-info\" id=\"licence\">%s</p>", message);
}

bool offer_child_allowed(struct request *r)
{
	int may = offer_child_may_start(r->db, r->user.id, time(NULL));

	if (may < 0)
		log_error("licence check failed child=%lld error=\"%s\"", (long long)r->user.id, db_errmsg(r->db));
	return may != 0;
}

int offer_child_refused(struct request *r)
{
	page_begin(r, _("Pas de nouvelle activité"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p><p>%s</p>"
			  "<p><a class=\"btn btn-primary\" href=\"/eleve/resultats\">%s</a></p>",
		 _("Pas de nouvelle activité pour l'instant"),
		 _("Ton inscription à Ardoise pour cette année scolaire n'est pas encore faite."),
		 _("Tu peux toujours revoir tout ce que tu as déjà fait. Demande à ton animateur : il sait quoi faire."),
		 _("Mes résultats"));
	page_end(r);
	return 403;
}

void offer_group_notice(struct request *r, int64_t group_id)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT a.id, a.first_name, a.last_initial FROM group_member m JOIN account a ON a.id = m.account_id "
					       "WHERE m.group_id = ? AND a.role = 'eleve' AND a.active = 1 ORDER BY a.first_name, a.last_initial");
	struct buf names = BUF_INIT(4096);
	time_t now = time(NULL);
	char year[SCHOOL_YEAR_TEXT];
	int count = 0;

	if (!st)
		return;
	db_bind_int(st, 1, group_id);
	while (db_step(st) == DB_ROW) {
		if (offer_child_may_start(r->db, db_column_int(st, 0), now) != 0)
			continue;
		buf_html(&names, "%s%s %s", count ? ", " : "", db_column_text(st, 1), db_column_text(st, 2));
		count++;
	}
	db_reset(st);
	if (count) {
		offer_school_year(now, year, sizeof(year));
		buf_html(&r->out, "<div class=\"flash flash-error\" role=\"status\"><p>%s %s : %S.</p><p>%s</p></div>",
			 _("Sans place sur la licence de l'année scolaire"), year, buf_cstr(&names),
			 _("Ces enfants peuvent se connecter et revoir « Mes résultats », mais ne peuvent pas commencer de nouvelle activité. "
			   "L'administrateur de la structure peut demander des places ou une licence pour cette année."));
	}
	buf_release(&names);
}
