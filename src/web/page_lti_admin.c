/* The opérateur's LTI 1.3 pages: register a platform (an LMS such as
 * Moodle) for a group of a structure, and rotate Ardoise's keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "integ/cas.h"
#include "integ/lti.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };

/* The text fields of the form: name, label, hint. */
static const char *const fields[][3] = {
	{ "nom", "Nom de la plateforme", "Par exemple : Éléa, académie de Toulouse" },
	{ "iss", "Identifiant de la plateforme (issuer)", "Donné par la plateforme, par exemple : https://elea.example.fr" },
	{ "client_id", "Identifiant client (client_id)", "Donné par la plateforme quand l'outil Ardoise y est déclaré" },
	{ "deployment_id", "Identifiant de déploiement (deployment_id)", "Donné par la plateforme" },
	{ "auth_url", "Adresse d'authentification OIDC", "Commence par https://" },
	{ "jwks_url", "Adresse du jeu de clés (JWKS)", "Commence par https://" },
	{ "token_url", "Adresse des jetons OAuth 2", "Commence par https://" },
	{ "ardoise", "Adresse publique d'Ardoise", "Par exemple : https://ardoise.example.fr" },
};
#define FIELD_COUNT (sizeof(fields) / sizeof(fields[0]))

static int operator_only(struct request *r)
{
	if ((r->user.caps & CAP_MANAGE_ORGANISATIONS) && scope_national(&r->user))
		return 0;
	return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
}

static void platform_row(void *ctx, const struct lti_platform *p)
{
	struct request *r = ctx;

	buf_html(&r->out, "<tr><td>%s</td><td><code>%s</code></td><td><code>%s</code></td></tr>", p->name, p->issuer, p->client_id);
}

static int list_page(struct request *r, int status, const char *error)
{
	size_t i;

	page_begin(r, _("Plateformes de cours (LTI)"));
	buf_html(&r->out, "<h1>%s</h1>", _("Plateformes de cours (LTI 1.3)"));
	if (error)
		widget_flash(r, "error", error);
	else if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	buf_html(&r->out, "<p>%s <code>/lti/connexion</code>, <code>/lti/lancement</code>, <code>/.well-known/jwks.json</code></p>",
		 _("Adresses d'Ardoise à déclarer dans la plateforme :"));
	buf_html(&r->out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Plateforme"), _("Issuer"), _("Client"));
	if (lti_platforms_each(r->db, platform_row, r) < 0)
		return page_error(r, 500, _("La liste des plateformes n'a pas pu être lue."));
	buf_html(&r->out, "</tbody></table><h2>%s</h2><form method=\"post\" action=\"/operateur/lti\">", _("Enregistrer une plateforme"));
	page_csrf_field(r);
	for (i = 0; i < FIELD_COUNT; i++)
		widget_text(r, fields[i][0], _(fields[i][1]), form_get(&r->body, fields[i][0]), _(fields[i][2]), NULL, "maxlength=\"256\" required");
	widget_text(r, "groupe", _("Numéro du groupe des élèves"), form_get(&r->body, "groupe"),
		    _("Le groupe d'Ardoise où arrivent les élèves venus de la plateforme"), NULL, "inputmode=\"numeric\" required");
	widget_select(r, "niveau", _("Niveau de ces élèves"), levels, levels, 4, form_get(&r->body, "niveau"), NULL);
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
	int status = operator_only(r);

	return status ? status : list_page(r, 200, NULL);
}

static int text_ok(const char *v)
{
	return v && *v && strlen(v) <= LTI_TEXT_MAX;
}

int page_lti_admin_create(struct request *r)
{
	struct lti_platform p = { 0 };
	char *targets[] = { p.name, p.issuer, p.client_id, p.deployment_id, p.auth_url, p.jwks_url, p.token_url, p.public_url };
	const char *level = form_get(&r->body, "niveau"), *group = form_get(&r->body, "groupe");
	size_t i;
	int status = operator_only(r);

	if (status)
		return status;
	for (i = 0; i < FIELD_COUNT; i++) {
		form_trim(&r->body, fields[i][0]);
		if (!text_ok(form_get(&r->body, fields[i][0])))
			return list_page(r, 422, _("Remplissez tous les champs (256 caractères au plus)."));
		snprintf(targets[i], i == 0 ? sizeof(p.name) : LTI_TEXT_MAX + 1, "%s", form_get(&r->body, fields[i][0]));
	}
	if (!cas_url_valid(p.auth_url) || !cas_url_valid(p.jwks_url) || !cas_url_valid(p.token_url) || !cas_url_valid(p.public_url))
		return list_page(r, 422, _("Les adresses doivent commencer par https://, sans espace, sans « ? » et sans barre à la fin."));
	p.group_id = group ? strtoll(group, NULL, 10) : 0;
	p.structure_id = p.group_id > 0 ? db_query_int_param(r->db, "SELECT structure_id FROM class_group WHERE id = ?", p.group_id, 0) : 0;
	if (!p.structure_id)
		return list_page(r, 422, _("Ce numéro de groupe n'existe pas : il figure dans l'adresse de la page du groupe."));
	for (i = 0; i < 4 && (!level || strcmp(level, levels[i]) != 0); i++)
		;
	if (i == 4)
		return list_page(r, 422, _("Choisissez le niveau : CE2, CM1, CM2 ou 6e."));
	snprintf(p.level, sizeof(p.level), "%s", level);
	if (lti_platform_create(r->db, &p) < 0)
		return list_page(r, 422, _("Cette plateforme (même issuer et même client_id) est peut-être déjà enregistrée."));
	log_info("lti platform created request=%s account=%lld", r->id, (long long)r->user.id);
	return request_redirect(r, "/operateur/lti?fait=1");
}

int page_lti_admin_rotate(struct request *r)
{
	int status = operator_only(r);

	if (status)
		return status;
	if (lti_key_rotate(r->db) < 0)
		return page_error(r, 500, _("La nouvelle clé n'a pas pu être créée."));
	log_info("lti key rotated request=%s account=%lld", r->id, (long long)r->user.id);
	return request_redirect(r, "/operateur/lti?fait=1");
}
