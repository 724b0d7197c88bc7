#include <string.h>

#include "auth/roles.h"
#include "core/log.h"
#include "http/router.h"
#include "learn/reading.h"
#include "web/listen.h"
#include "web/page.h"

static void header_user(struct request *r)
{
	struct buf *b = &r->out;
	bool child = r->user.caps & CAP_DO_ACTIVITIES;

	buf_html(b, "<nav class=\"site-nav\" aria-label=\"%s\"><ul>", _("Menu principal"));
	if (child) {
		buf_html(b, "<li><a href=\"/eleve\">%s</a></li>", _("Mes matières"));
		buf_html(b, "<li><a href=\"/eleve/resultats\">%s</a></li>", _("Mes résultats"));
		buf_html(b, "<li><a href=\"/eleve/lecture\">%s</a></li>", _("Lecture"));
	} else {
		buf_html(b, "<li><a href=\"/accueil\">%s</a></li>", _("Accueil"));
		buf_html(b, "<li><a href=\"/compte\">%s</a></li>", _("Mon compte"));
	}
	if (r->user.caps & CAP_BROWSE_CONTENT)
		buf_html(b, "<li><a href=\"/outils\">%s</a></li>", _("Outils"));
	buf_adds(b, "</ul></nav>");
	buf_html(b, "<div class=\"user\"><img class=\"avatar\" src=\"/static/img/avatars/%U.svg\" alt=\"\" width=\"40\" height=\"40\"> <span>%s %s</span>",
		 child ? r->user.avatar : "hibou", r->user.first_name, r->user.last_initial);
	buf_html(b, "<form class=\"signout\" method=\"post\" action=\"/deconnexion\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<button class=\"btn-link\" type=\"submit\">%s</button></form></div>",
		 r->user.csrf, _("Se déconnecter"));
}

void page_begin(struct request *r, const char *title)
{
	struct buf *b = &r->out;
	bool child = r->signed_in && (r->user.caps & CAP_DO_ACTIVITIES);
	struct reading_settings reading = { 0 };
	char classes[96];

	/* A child's reading settings apply to every page as <body> classes. */
	if (child && reading_load(r->db, r->user.id, &reading) < 0)
		log_warn("reading settings unreadable request=%s account=%lld", r->id, (long long)r->user.id);
	reading_body_classes(&reading, classes, sizeof(classes));
	buf_html(b, "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s – Ardoise</title>"
		    "<link rel=\"stylesheet\" href=\"/static/ardoise.css\">"
		    "<link rel=\"icon\" href=\"/static/img/logo.svg\" type=\"image/svg+xml\">"
		    "<script src=\"/static/ardoise.js\" defer></script>"
		    "</head><body class=\"%s%s\">",
		 title, child ? "eleve" : "adulte", classes);
	buf_html(b, "<a class=\"skip-link\" href=\"#contenu\">%s</a>", _("Aller au contenu"));
	buf_html(b, "<header class=\"site-header\"><a class=\"brand\" href=\"/\">"
		    "<img src=\"/static/img/logo.svg\" alt=\"\" width=\"40\" height=\"40\"> Ardoise</a>");
	if (r->signed_in)
		header_user(r);
	buf_adds(b, "</header><main id=\"contenu\">");
	/* Child pages, and the children's sign-in pages before they sign in. */
	if (child || !r->signed_in)
		listen_page_instructions(r);
}

void page_end(struct request *r)
{
	buf_html(&r->out, "</main><footer class=\"site-footer\"><p>%s</p></footer></body></html>\n",
		 _("Ardoise – soutien scolaire du CE2 à la 6e"));
}

int page_error(struct request *r, int status, const char *message)
{
	const char *title = status == 404 ? _("Page introuvable")
			  : status >= 500 ? _("Erreur du serveur")
			  : status == 403 ? _("Accès refusé")
					  : _("Demande impossible");

	if (status >= 500)
		log_error("server error request=%s path=\"%s\" status=%d", r->id, r->path, status);
	buf_reset(&r->out);
	r->content_type = NULL;
	page_begin(r, title);
	buf_html(&r->out, "<h1>%s</h1><div class=\"flash flash-error\" role=\"alert\"><p>%s</p></div>"
			  "<p><a class=\"btn btn-secondary\" href=\"/\">%s</a></p>",
		 title, message, _("Retour à l'accueil"));
	page_end(r);
	return status;
}

bool page_speaks_to_adult(const struct request *r)
{
	return r->signed_in && !(r->user.caps & CAP_DO_ACTIVITIES);
}

int page_not_found(struct request *r)
{
	if (page_speaks_to_adult(r))
		return page_error(r, 404, _("Cette page n'existe pas. Vérifiez l'adresse ou retournez à l'accueil."));
	return page_error(r, 404, _("Cette page n'existe pas. Vérifie l'adresse ou retourne à l'accueil."));
}

void page_csrf_field(struct request *r)
{
	const char *token = r->signed_in ? r->user.csrf : form_get(&r->cookies, CSRF_COOKIE);

	if (!token || strlen(token) != SESSION_TOKEN_CHARS) {
		/* Later forms of the same page reuse the token just sent. */
		if (!r->anon_csrf[0]) {
			token_random(r->anon_csrf);
			request_set_cookie(r, CSRF_COOKIE, r->anon_csrf, 0);
		}
		token = r->anon_csrf;
	}
	buf_html(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", token);
}
