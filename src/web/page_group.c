/* A group: its children with their activity, for the accompagnateurs who
 * follow it and the administrateurs of its structure. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "auth/session.h"
#include "web/format.h"
#include "web/offer_notice.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

static bool child_locked(struct request *r, int64_t child_id)
{
	char key[48];

	snprintf(key, sizeof(key), "account:%lld", (long long)child_id);
	return login_failure_count(r->db, key) >= LOGIN_MAX_FAILURES_PER_ACCOUNT;
}

static void child_row(struct request *r, struct db_stmt *st)
{
	int64_t id = db_column_int(st, 0), last = db_column_int(st, 5);
	char date[40] = "—";

	if (last)
		format_date_paris(last, date, sizeof(date));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s %s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%lld</td>"
			  "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
		 _("Élève"), db_column_text(st, 1), db_column_text(st, 2), _("Niveau"), db_column_text(st, 3),
		 _("Activités faites"), (long long)db_column_int(st, 4), _("Dernière activité"), date, _("Connexion"));
	if (child_locked(r, id)) {
		buf_html(&r->out, "<form method=\"post\" action=\"/eleve/%lld/debloquer\">", (long long)id);
		page_csrf_field(r);
		buf_html(&r->out, "<span>%s</span> <button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>",
			 _("bloquée"), _("Débloquer"));
	} else {
		buf_html(&r->out, "%s", _("possible"));
	}
	buf_html(&r->out, " <a href=\"/eleve/%lld/carte\">%s</a> <a href=\"/eleve/%lld/tutorat\">%s</a></td></tr>", (long long)id,
		 _("Images et carte"), (long long)id, _("Questions au tuteur"));
}

int page_group(struct request *r)
{
	int64_t id = param_id(r, 0);
	struct db_stmt *st;
	char name[128] = "";

	if (!id || !scope_group(r->db, &r->user, id))
		return page_not_found(r);
	st = db_prepare(r->db, "SELECT name FROM class_group WHERE id = ?");
	if (!st)
		return page_error(r, 500, _("Le groupe n'a pas pu être lu."));
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW)
		snprintf(name, sizeof(name), "%s", db_column_text(st, 0));
	db_reset(st);
	page_begin(r, name);
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", name,
		 _("Les enfants de ce groupe et leur activité. Un enfant bloqué après trop d'essais : cliquez sur « Débloquer ». Une carte perdue : ouvrez « Images et carte »."));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est fait."));
	offer_group_notice(r, id);
	buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/groupe/%lld/progres\">%s</a></p>", (long long)id,
		 _("Progrès du groupe et travail à donner"));
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "</tr></thead><tbody>",
		 _("Les enfants du groupe"), _("Élève"), _("Niveau"), _("Activités faites"), _("Dernière activité"), _("Connexion"));
	st = db_prepare(r->db, "SELECT a.id, a.first_name, a.last_initial, coalesce(a.level, ''), "
			       "(SELECT count(*) FROM attempt t WHERE t.account_id = a.id), "
			       "coalesce((SELECT max(t.submitted_at) FROM attempt t WHERE t.account_id = a.id), 0) "
			       "FROM group_member m JOIN account a ON a.id = m.account_id "
			       "WHERE m.group_id = ? AND a.role = 'eleve' AND a.active = 1 ORDER BY a.first_name, a.last_initial");
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st) == DB_ROW)
			child_row(r, st);
		db_reset(st);
	}
	buf_adds(&r->out, "</tbody></table></div>");
	page_end(r);
	return 200;
}
