/* The opérateur's page of one LTI platform: correct its registration with
 * the checks of the registration form, switch it off and on, and delete it
 * behind a confirmation page. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/platform_admin.h"
#include "web/widgets.h"

#define TEXT_FIELD(name, label, hint, member, max_chars, url) \
	{ name, label, hint, offsetof(struct lti_platform, member), sizeof(((struct lti_platform *)0)->member), max_chars, url }

const struct lti_field lti_fields[] = {
	TEXT_FIELD("nom", N_("Nom de la plateforme"), N_("Par exemple : Éléa, académie de Toulouse"), name, LTI_NAME_MAX, 0),
	TEXT_FIELD("iss", N_("Identifiant de la plateforme (issuer)"), N_("Donné par la plateforme, par exemple : https://elea.example.fr"), issuer, LTI_TEXT_MAX, 0),
	TEXT_FIELD("client_id", N_("Identifiant client (client_id)"), N_("Donné par la plateforme quand l'outil Ardoise y est déclaré"), client_id, LTI_TEXT_MAX, 0),
	TEXT_FIELD("deployment_id", N_("Identifiant de déploiement (deployment_id)"), N_("Donné par la plateforme"), deployment_id, LTI_TEXT_MAX, 0),
	TEXT_FIELD("auth_url", N_("Adresse d'authentification OIDC"), N_("Commence par https://"), auth_url, LTI_TEXT_MAX, 1),
	TEXT_FIELD("jwks_url", N_("Adresse du jeu de clés (JWKS)"), N_("Commence par https://"), jwks_url, LTI_TEXT_MAX, 1),
	TEXT_FIELD("token_url", N_("Adresse des jetons OAuth 2"), N_("Commence par https://"), token_url, LTI_TEXT_MAX, 1),
	TEXT_FIELD("ardoise", N_("Adresse publique d'Ardoise"), N_("Par exemple : https://ardoise.example.fr"), public_url, LTI_TEXT_MAX, 1),
};
const size_t lti_field_count = sizeof(lti_fields) / sizeof(lti_fields[0]);
const char *const lti_levels[4] = { "CE2", "CM1", "CM2", "6e" };

/* Check one text field and copy it into `out`. */
static void text_read(struct request *r, const struct lti_field *f, struct lti_platform *out, struct field_errors *errors)
{
	const char *v;
	char quoted[PLATFORM_QUOTE_MAX + 8];

	form_trim(&r->body, f->name);
	v = form_get(&r->body, f->name);
	if (!v || !*v) {
		field_errors_add(errors, f->name, _("Le champ « %s » est vide : remplissez-le."), _(f->label));
		return;
	}
	if (!utf8_valid(v, strlen(v))) {
		field_errors_add(errors, f->name, _("Le champ « %s » contient des caractères illisibles : retapez-le."), _(f->label));
		return;
	}
	if (platform_text_length(v) > f->max_chars || strlen(v) >= f->size) {
		field_errors_add(errors, f->name, _("Le champ « %s » dépasse %zu caractères : vérifiez-le et raccourcissez-le."), _(f->label), f->max_chars);
		return;
	}
	if (f->is_url && !cas_url_valid(v)) {
		platform_quote(v, quoted, sizeof(quoted));
		field_errors_add(errors, f->name, _("L'adresse « %s » n'est pas valide : écrivez-la en commençant par https://, sans espace, sans « ? » et sans barre à la fin."),
				 quoted);
		return;
	}
	snprintf((char *)out + f->offset, f->size, "%s", v);
}

/* Check the group number and the level. */
static void group_read(struct request *r, struct lti_platform *out, struct field_errors *errors)
{
	const char *group = form_get(&r->body, "groupe"), *level = form_get(&r->body, "niveau");
	char quoted[PLATFORM_QUOTE_MAX + 8], *end = NULL;
	long long group_id = 0;
	size_t i;

	if (group)
		group_id = strtoll(group, &end, 10);
	out->structure_id = group && *group && !*end && group_id > 0
				    ? db_query_int_param(r->db, "SELECT structure_id FROM class_group WHERE id = ?", group_id, 0)
				    : 0;
	out->group_id = group_id;
	if (!out->structure_id) {
		platform_quote(group ? group : "", quoted, sizeof(quoted));
		field_errors_add(errors, "groupe", _("Le groupe n° « %s » n'existe pas : son numéro figure dans l'adresse de la page du groupe."), quoted);
	}
	for (i = 0; i < 4 && (!level || strcmp(level, lti_levels[i]) != 0); i++)
		;
	if (i == 4)
		field_errors_add(errors, "niveau", "%s", _("Le niveau choisi n'existe pas : choisissez CE2, CM1, CM2 ou 6e."));
	else
		snprintf(out->level, sizeof(out->level), "%s", level);
}

int lti_form_read(struct request *r, struct lti_platform *out, int64_t except_id, struct field_errors *errors)
{
	char quoted[PLATFORM_QUOTE_MAX + 8];
	size_t i;
	int taken;

	for (i = 0; i < lti_field_count; i++)
		text_read(r, &lti_fields[i], out, errors);
	group_read(r, out, errors);
	if (errors->count)
		return -1;
	taken = lti_platform_taken(r->db, out->issuer, out->client_id, except_id);
	if (taken) {
		platform_quote(out->client_id, quoted, sizeof(quoted));
		field_errors_add(errors, "client_id", taken < 0 ? _("La plateforme n'a pas pu être vérifiée. Réessayez dans un instant.")
							: _("Une autre plateforme enregistrée a déjà cet issuer et ce client_id « %s » : vérifiez-les, ou corrigez l'autre plateforme."),
				 quoted);
		return -1;
	}
	return 0;
}

void lti_form_fields(struct request *r, const struct lti_platform *p, const struct field_errors *errors)
{
	char stored_group[24] = "", attributes[48];
	size_t i;

	for (i = 0; i < lti_field_count; i++) {
		snprintf(attributes, sizeof(attributes), "maxlength=\"%zu\" required", lti_fields[i].max_chars);
		widget_text(r, lti_fields[i].name, _(lti_fields[i].label),
			    platform_field_value(r, lti_fields[i].name, p ? (const char *)p + lti_fields[i].offset : NULL), _(lti_fields[i].hint),
			    errors, attributes);
	}
	if (p)
		snprintf(stored_group, sizeof(stored_group), "%lld", (long long)p->group_id);
	widget_text(r, "groupe", _("Numéro du groupe des élèves"), platform_field_value(r, "groupe", p ? stored_group : NULL),
		    _("Le groupe d'Ardoise où arrivent les élèves venus de la plateforme"), errors, "inputmode=\"numeric\" required");
	widget_select(r, "niveau", _("Niveau de ces élèves"), lti_levels, lti_levels, 4, platform_field_value(r, "niveau", p ? p->level : NULL), errors);
}

/* ---- one platform ---- */

/* The platform named by the route, for the opérateur, or an error status. */
static int admin_platform(struct request *r, struct lti_platform *p)
{
	int64_t id = param_id(r, 0);
	int status = platform_operator_only(r), found;

	if (status)
		return status;
	found = id ? lti_platform_find(r->db, id, p) : 0;
	if (found < 0)
		return page_error(r, 500, _("La plateforme n'a pas pu être lue. Réessayez dans un instant."));
	return found ? 0 : page_error(r, 404, _("Cette plateforme n'existe pas ou a été supprimée."));
}

static int platform_page(struct request *r, int status, const struct lti_platform *p, const char *error, const struct field_errors *errors)
{
	page_begin(r, p->name);
	buf_html(&r->out, "<p><a href=\"/operateur/lti\">%s</a></p><h1>%s</h1>", _("Toutes les plateformes"), p->name);
	if (error)
		widget_flash(r, "error", error);
	else if (errors && errors->count)
		widget_error_summary(r, errors);
	else if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	buf_html(&r->out, "<h2>%s</h2><form method=\"post\" action=\"/operateur/lti/%lld/modifier\">", _("Corriger l'enregistrement"), (long long)p->id);
	page_csrf_field(r);
	lti_form_fields(r, p, errors);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Enregistrer les corrections"));
	buf_html(&r->out, "<h2>%s</h2><p>%s</p><form method=\"post\" action=\"/operateur/lti/%lld/ouverture\">", _("Activation"),
		 p->enabled ? _("La plateforme est active : ses élèves et ses enseignants se connectent à Ardoise depuis leurs cours.")
			    : _("La plateforme est désactivée : ses lancements sont refusés et les scores attendent. Les comptes déjà reliés sont gardés."),
		 (long long)p->id);
	page_csrf_field(r);
	buf_html(&r->out, "<input type=\"hidden\" name=\"active\" value=\"%S\"><div class=\"form-actions\"><button class=\"btn btn-secondary\" type=\"submit\">%s</button></div></form>",
		 p->enabled ? "0" : "1", p->enabled ? _("Désactiver la plateforme") : _("Réactiver la plateforme"));
	buf_html(&r->out, "<h2>%s</h2><p>%s</p><p><a class=\"btn btn-danger\" href=\"/operateur/lti/%lld/supprimer\">%s</a></p>",
		 _("Suppression"), _("Supprimer la plateforme retire son lien avec les comptes ; les comptes sont gardés. Une page de confirmation suit."),
		 (long long)p->id, _("Supprimer cette plateforme…"));
	page_end(r);
	return status;
}

int page_lti_admin_platform(struct request *r)
{
	struct lti_platform p;
	int status = admin_platform(r, &p);

	return status ? status : platform_page(r, 200, &p, NULL, NULL);
}

static int saved(struct request *r, const struct lti_platform *p)
{
	char location[64];

	snprintf(location, sizeof(location), "/operateur/lti/%lld?fait=1", (long long)p->id);
	return request_redirect(r, location);
}

int page_lti_admin_update(struct request *r)
{
	struct lti_platform p, now;
	struct field_errors errors = { 0 };
	int status = admin_platform(r, &p);

	if (status)
		return status;
	now = p;
	if (lti_form_read(r, &now, p.id, &errors) < 0)
		return platform_page(r, 422, &p, NULL, &errors);
	if (lti_platform_update(r->db, r->user.id, &p, &now) < 0)
		return page_error(r, 500, _("Les corrections de la plateforme n'ont pas pu être enregistrées. Réessayez dans un instant."));
	log_info("lti platform updated request=%s platform=%lld account=%lld", r->id, (long long)p.id, (long long)r->user.id);
	return saved(r, &p);
}

int page_lti_admin_open(struct request *r)
{
	struct lti_platform p;
	int status = admin_platform(r, &p), active;

	if (status)
		return status;
	active = platform_switch_value(r, "active");
	if (active < 0)
		return platform_page(r, 422, &p, _("Choix d'activation inconnu : utilisez le bouton « Désactiver » ou « Réactiver » de la page."), NULL);
	if (lti_platform_set_enabled(r->db, r->user.id, &p, active) < 0)
		return page_error(r, 500, _("L'activation n'a pas pu être enregistrée. Réessayez dans un instant."));
	log_info("lti platform %s request=%s platform=%lld account=%lld", active ? "enabled" : "disabled", r->id,
		 (long long)p.id, (long long)r->user.id);
	return saved(r, &p);
}

/* ---- deletion ---- */

static int delete_page(struct request *r, int status, const struct lti_platform *p, const char *error)
{
	char action[64], cancel[64];
	struct platform_deletion d = {
		.title = _("Supprimer la plateforme"),
		.name = p->name,
		.action = action,
		.cancel = cancel,
		.linked = lti_platform_linked_count(r->db, p->id),
		.none_linked = _("Aucun compte n'est relié à cette plateforme."),
		.linked_kept = _("Les %ld comptes reliés à cette plateforme sont gardés, avec leur travail et leurs résultats. Seul leur lien avec la plateforme est retiré : "
				 "un lancement depuis la plateforme ne les retrouvera plus."),
		.consequences = { _("Les scores pas encore envoyés à la plateforme et les connexions en cours sont effacés."),
				  _("Les activités Ardoise placées dans les cours de la plateforme ne s'ouvriront plus."),
				  _("Pour seulement suspendre la plateforme, désactivez-la plutôt : rien n'est effacé.") },
		.button = _("Supprimer définitivement la plateforme"),
	};

	if (d.linked < 0)
		return page_error(r, 500, _("Les comptes reliés à la plateforme n'ont pas pu être comptés. Réessayez dans un instant."));
	snprintf(action, sizeof(action), "/operateur/lti/%lld/supprimer", (long long)p->id);
	snprintf(cancel, sizeof(cancel), "/operateur/lti/%lld", (long long)p->id);
	return platform_delete_page(r, status, &d, error);
}

int page_lti_admin_delete_confirm(struct request *r)
{
	struct lti_platform p;
	int status = admin_platform(r, &p);

	return status ? status : delete_page(r, 200, &p, NULL);
}

int page_lti_admin_delete(struct request *r)
{
	struct lti_platform p;
	int status = admin_platform(r, &p);

	if (status)
		return status;
	if (!platform_delete_confirmed(r))
		return delete_page(r, 422, &p, _("La suppression n'est pas confirmée : utilisez le bouton « Supprimer définitivement la plateforme » de cette page."));
	if (lti_platform_delete(r->db, r->user.id, &p) < 0)
		return page_error(r, 500, _("La plateforme n'a pas pu être supprimée ; rien n'a été effacé. Réessayez dans un instant."));
	log_info("lti platform deleted request=%s platform=%lld account=%lld", r->id, (long long)p.id, (long long)r->user.id);
	return request_redirect(r, "/operateur/lti?supprime=1");
}
