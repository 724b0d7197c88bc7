/* The root redirect, the adults' home page and the health check. */
#include <string.h>

#include "auth/roles.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/survey_view.h"

int page_root(struct request *r)
{
	if (!r->signed_in)
		return request_redirect(r, "/connexion");
	if (r->user.caps & CAP_DO_ACTIVITIES)
		return request_redirect(r, "/eleve");
	return request_redirect(r, "/accueil");
}

static void home_groups(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT g.id, g.name, s.name FROM group_member m JOIN class_group g ON g.id = m.group_id "
					       "JOIN structure s ON s.id = g.structure_id WHERE m.account_id = ? ORDER BY s.name, g.name");
	size_t shown = 0;

	if (!st)
		return;
	buf_html(&r->out, "<section class=\"card\" aria-labelledby=\"mes-groupes\"><h2 id=\"mes-groupes\">%s</h2><ul>", _("Mes groupes"));
	db_bind_int(st, 1, r->user.id);
	while (db_step(st) == DB_ROW) {
		buf_html(&r->out, "<li><a href=\"/groupe/%lld\">%s</a> <span class=\"muted\">%s</span></li>",
			 (long long)db_column_int(st, 0), db_column_text(st, 1), db_column_text(st, 2));
		shown++;
	}
	db_reset(st);
	if (!shown)
		buf_html(&r->out, "<li>%s</li>", _("Aucun groupe ne vous est confié pour l'instant."));
	buf_adds(&r->out, "</ul></section>");
}

#define HOME_MAX_STRUCTURES 5 /* structures with shortcuts on the home page */

/* The frequent tasks of the structures the person administers, one click
 * from the home page; opérateurs, who reach every structure, use /admin. */
static void home_structures(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT DISTINCT s.id, s.name FROM role_grant g JOIN structure s ON s.id = g.structure_id "
					       "WHERE g.account_id = ? AND g.role = 'administrateur' ORDER BY s.name LIMIT ?");

	if (!st)
		return;
	db_bind_int(st, 1, r->user.id);
	db_bind_int(st, 2, HOME_MAX_STRUCTURES);
	while (db_step(st) == DB_ROW) {
		long long id = (long long)db_column_int(st, 0);

		buf_html(&r->out, "<section class=\"card\"><h2><a href=\"/admin/structure/%lld\">%s</a></h2><p class=\"form-actions\">"
				  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/eleve\">%s</a> "
				  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/import\">%s</a> "
				  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/cartes.pdf\">%s</a></p></section>",
			 id, db_column_text(st, 1), id, _("Ajouter un élève"), id, _("Importer une liste"),
			 id, _("Imprimer les cartes"));
	}
	db_reset(st);
}

int page_adult_home(struct request *r)
{
	struct buf *b = &r->out;

	if (r->user.caps & CAP_DO_ACTIVITIES)
		return request_redirect(r, "/eleve");
	page_begin(r, _("Accueil"));
	buf_html(b, "<h1>%s %s</h1><p class=\"lead\">%s %s.</p>", _("Bonjour"), r->user.first_name,
		 _("Votre rôle :"), role_label(r->user.role));
	if (r->user.caps & CAP_FOLLOW_GROUPS)
		home_groups(r);
	if (r->user.caps & CAP_MANAGE_STRUCTURE)
		home_structures(r);
	buf_html(b, "<p class=\"form-actions\">");
	if (r->user.caps & CAP_MANAGE_ORGANISATIONS)
		buf_html(b, "<a class=\"btn btn-primary\" href=\"/operateur\">%s</a> ", _("Organisations et structures"));
	if (r->user.caps & CAP_MANAGE_STRUCTURE)
		buf_html(b, "<a class=\"btn btn-primary\" href=\"/admin\">%s</a> ", _("Gérer les structures et les comptes"));
	if (r->user.caps & CAP_MANAGE_CONTENT)
		buf_html(b, "<a class=\"btn btn-primary\" href=\"/operateur/contenu\">%s</a> ", _("Publier du contenu"));
	if (r->user.caps & CAP_BROWSE_CONTENT)
		buf_html(b, "<a class=\"btn btn-secondary\" href=\"/catalogue\">%s</a> <a class=\"btn btn-secondary\" href=\"/referentiel\">%s</a> ",
			 _("Catalogue"), _("Référentiel"));
	if (r->user.caps & CAP_MANAGE_OFFER)
		buf_html(b, "<a class=\"btn btn-primary\" href=\"/offre\">%s</a> ", _("Offre et licences"));
	if (r->user.caps & CAP_ADULT_TRAINING)
		buf_html(b, "<a class=\"btn btn-secondary\" href=\"/formation\">%s</a> ", _("Formation"));
	if (r->user.caps & CAP_VIEW_STATISTICS)
		buf_html(b, "<a class=\"btn btn-primary\" href=\"/statistiques\">%s</a> ", _("Indicateurs"));
	if (r->user.caps & CAP_MANAGE_STRUCTURE)
		buf_html(b, "<a class=\"btn btn-secondary\" href=\"/enquetes\">%s</a> ", _("Enquêtes de satisfaction"));
	if (r->user.caps & CAP_ANSWER_QUESTIONS)
		buf_html(b, "<a class=\"btn btn-primary\" href=\"/tuteur\">%s</a> ", _("Questions des élèves"));
	if (r->user.caps & CAP_MANAGE_OFFER)
		buf_html(b, "<a class=\"btn btn-secondary\" href=\"/operateur/tutorat\">%s</a> ", _("Tutorat"));
	buf_html(b, "<a class=\"btn btn-secondary\" href=\"/compte\">%s</a></p>", _("Mon compte"));
	survey_adult_invite(r);
	page_end(r);
	return 200;
}

int page_health(struct request *r)
{
	r->content_type = "text/plain; charset=utf-8";
	if (db_query_int(r->db, "SELECT 1", 0) != 1) {
		buf_adds(&r->out, "base de données indisponible\n");
		return 503;
	}
	buf_adds(&r->out, "ok\n");
	return 200;
}
