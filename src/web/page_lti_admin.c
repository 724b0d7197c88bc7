/* The opérateur's LTI 1.3 pages: register a platform (an LMS such as
 * Moodle) for a group of a structure, and rotate Ardoise's keys. One
 * platform's page (edit, switch, delete) is in page_lti_platform.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/platform_admin.h"
#include "web/widgets.h"

static void platform_row(void *ctx, const struct lti_platform *p)
{
	struct request *r = ctx;

	buf_html(&r->out, "<tr><td><a href=\"/operateur/lti/%lld\">%s</a></td><td><code>%s</code></td><td><code>%s</code></td><td>%s</td></tr>",
		 (long long)p->id, p->name, p->issuer, p->client_id, p->enabled ? _("active") : _("désactivée"));
}

static int list_page(struct request *r, int status, const struct field_errors *errors)
{
	page_begin(r, _("Plateformes de cours (LTI)"));
	buf_html(&r->out, "<h1>%s</h1>", _("Plateformes de cours (LTI 1.3)"));
	if (errors)
		widget_error_summary(r, errors);
	else if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	else if (form_get(&r->query, "supprime"))
		widget_flash(r, "success", _("La plateforme est supprimée. Les comptes qui s'y connectaient sont gardés, sans lien avec elle."));
	buf_html(&r->out, "<p>%s <code>/lti/connexion</code>, <code>/lti/lancement</code>, <code>/.well-known/jwks.json</code></p>",
		 _("Adresses d'Ardoise à déclarer dans la plateforme :"));
	buf_html(&r->out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Plateforme"), _("Issuer"), _("Client"), _("État"));
	if (lti_platforms_each(r->db, platform_row, r) < 0)
		return page_error(r, 500, _("La liste des plateformes n'a pas pu être lue."));
	buf_html(&r->out, "</tbody></table><h2>%s</h2><form method=\"post\" action=\"/operateur/lti\">", _("Enregistrer une plateforme"));
	page_csrf_field(r);
	lti_form_fields(r, NULL, errors);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Enregistrer la plateforme"));
	buf_html(&r->out, "<h2>%s</h2><p>%s</p><form method=\"post\" action=\"/operateur/lti/cles\">", _("Clés d'Ardoise"),
		 _("Changer de clé de signature : l'ancienne reste publiée sept jours pour les messages en cours."));
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-secondary\" type=\"submit\">%s</button></div></form>",
		 _("Changer de clé"));
	page_end(r);
	return status;
}

int page_lti_admin_list(struct request *r)
{
	int status = platform_operator_only(r);

	return status ? status : list_page(r, 200, NULL);
}

int page_lti_admin_create(struct request *r)
{
	struct lti_platform p = { 0 };
	struct field_errors errors = { 0 };
	int64_t id;
	int status = platform_operator_only(r);

	if (status)
		return status;
	if (lti_form_read(r, &p, 0, &errors) < 0)
		return list_page(r, 422, &errors);
	id = lti_platform_create(r->db, r->user.id, &p);
	if (id < 0)
		return page_error(r, 500, _("La plateforme n'a pas pu être enregistrée. Réessayez dans un instant."));
	log_info("lti platform created request=%s platform=%lld account=%lld", r->id, (long long)id, (long long)r->user.id);
	return request_redirect(r, "/operateur/lti?fait=1");
}

int page_lti_admin_rotate(struct request *r)
{
	int status = platform_operator_only(r);

	if (status)
		return status;
	if (lti_key_rotate(r->db) < 0)
		return page_error(r, 500, _("La nouvelle clé n'a pas pu être créée."));
	log_info("lti key rotated request=%s account=%lld", r->id, (long long)r->user.id);
	return request_redirect(r, "/operateur/lti?fait=1");
}
