/* The root redirect, the adults' home page and the health check. */
#include <string.h>

#include "auth/roles.h"
#include "web/page.h"
#include "web/pages.h"

int page_root(struct request *r)
{
	if (!r->signed_in)
		return request_redirect(r, "/connexion");
	if (r->user.caps & CAP_DO_ACTIVITIES)
		return request_redirect(r, "/eleve");
	return request_redirect(r, "/accueil");
}

int page_adult_home(struct request *r)
{
	struct buf *b = &r->out;

	if (r->user.caps & CAP_DO_ACTIVITIES)
		return request_redirect(r, "/eleve");
	page_begin(r, _("Accueil"));
	buf_html(b, "<h1>%s %s</h1><p class=\"lead\">%s %s.</p>", _("Bonjour"), r->user.first_name,
		 _("Vous êtes connecté en tant que"), role_label(r->user.role));
	/* TODO: group tables, account management and statistics come with the accounts and evaluation work. */
	buf_html(b, "<div class=\"card\"><p>%s</p></div>",
		 _("Les tableaux de suivi des groupes et la gestion des comptes arrivent bientôt."));
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
