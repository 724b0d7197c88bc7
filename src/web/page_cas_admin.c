/* The opérateur's ENT (CAS) pages: register a server, check and edit its
 * profile and class mappings, then open or close sign-in through it. The
 * edit form and deletion are in page_cas_edit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "integ/cas.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/platform_admin.h"
#include "web/widgets.h"

#define CAS_CLASS_MAX 64

static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };
static const char *const role_values[] = { "eleve", "accompagnateur", "administrateur", "refuse" };
static const char *const role_labels[] = { "élève", "accompagnateur", "administrateur", "pas d'accès" };

/* Options of a select, built from listing rows. */
struct options {
	struct request *r;
	const char *selected;
};

static void option_row(void *ctx, const struct cas_row *row)
{
	struct options *o = ctx;
	char id[24];

	snprintf(id, sizeof(id), "%lld", (long long)row->id);
	buf_html(&o->r->out, "<option value=\"%s\"%S>%s%S%s%S</option>", id,
		 o->selected && strcmp(o->selected, id) == 0 ? " selected" : "", row->text[0],
		 row->text[1] ? " (" : "", row->text[1], row->text[1] ? ")" : "");
}

static void server_row(void *ctx, const struct cas_row *row)
{
	struct request *r = ctx;

	buf_html(&r->out, "<tr><td><a href=\"/operateur/ent/%lld\">%s</a></td><td>%s</td><td>%s</td></tr>", (long long)row->id,
		 row->text[0], row->text[1], strcmp(row->text[2], "1") == 0 ? _("ouverte") : _("fermée"));
}

static int list_page(struct request *r, int status, const char *error)
{
	struct options o = { r, form_get(&r->body, "structure") };

	page_begin(r, _("Connexion par les ENT"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Connexion par les ENT"),
		 _("Un ENT relié par CAS permet aux élèves et aux adultes d'une structure de se connecter avec leur compte ENT."));
	if (error)
		widget_flash(r, "error", error);
	else if (form_get(&r->query, "supprime"))
		widget_flash(r, "success", _("L'ENT est supprimé. Les comptes qui s'y connectaient sont gardés : ils se connectent désormais avec leur identifiant Ardoise."));
	buf_html(&r->out, "<table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("ENT enregistrés"), _("ENT"), _("Structure"), _("Connexion"));
	if (cas_servers_each(r->db, server_row, r) < 0)
		return page_error(r, 500, _("La liste des ENT n'a pas pu être lue."));
	buf_html(&r->out, "</tbody></table><h2>%s</h2><form method=\"post\" action=\"/operateur/ent\" data-once>", _("Relier un ENT"));
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"field\"><label for=\"structure\">%s</label><select id=\"structure\" name=\"structure\">", _("Structure"));
	cas_structures_each(r->db, option_row, &o);
	buf_adds(&r->out, "</select></div>");
	widget_text(r, "nom", _("Nom de l'ENT"), form_get(&r->body, "nom"), _("Par exemple : ENT Occitanie"), NULL, "maxlength=\"120\" required");
	widget_text(r, "cas", _("Adresse du serveur CAS"), form_get(&r->body, "cas"),
		    _("Commence par https:// et sans barre à la fin, par exemple : https://cas.ent.example.fr/cas"), NULL, "maxlength=\"256\" required");
	widget_text(r, "ardoise", _("Adresse publique d'Ardoise"), form_get(&r->body, "ardoise"),
		    _("Par exemple : https://ardoise.example.fr. L'adresse de retour donnée à l'ENT en découle."), NULL, "maxlength=\"256\" required");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Enregistrer l'ENT"));
	page_end(r);
	return status;
}

int page_cas_admin_list(struct request *r)
{
	int status = platform_operator_only(r);

	return status ? status : list_page(r, 200, NULL);
}

int page_cas_admin_create(struct request *r)
{
	struct cas_server s = { 0 };
	struct field_errors errors = { 0 };
	char location[64];
	int64_t id;
	int status = platform_operator_only(r);

	if (status)
		return status;
	if (cas_form_read(r, &s, &errors) < 0)
		return list_page(r, 422, errors.items[0].message);
	id = cas_server_create(r->db, r->user.id, s.structure_id, s.name, s.base_url, s.public_url);
	if (id < 0)
		return page_error(r, 500, _("L'ENT n'a pas pu être enregistré. Réessayez dans un instant."));
	log_info("cas server created request=%s server=%lld account=%lld", r->id, (long long)id, (long long)r->user.id);
	snprintf(location, sizeof(location), "/operateur/ent/%lld", (long long)id);
	return request_redirect(r, location);
}

/* ---- one server: its mappings ---- */

static const char *role_label_of(const char *role)
{
	size_t i;

	for (i = 0; i < sizeof(role_values) / sizeof(role_values[0]); i++)
		if (strcmp(role, role_values[i]) == 0)
			return role_labels[i];
	return role;
}

static void role_row(void *ctx, const struct cas_row *row)
{
	struct request *r = ctx;
	size_t i;

	buf_html(&r->out, "<tr><th scope=\"row\">%s</th><td><label class=\"sr-only\" for=\"p-%s\">%s</label><select id=\"p-%s\" name=\"%s\">",
		 row->text[0], row->text[0], row->text[0], row->text[0], row->text[0]);
	for (i = 0; i < sizeof(role_values) / sizeof(role_values[0]); i++)
		buf_html(&r->out, "<option value=\"%s\"%S>%s</option>", role_values[i],
			 strcmp(row->text[1], role_values[i]) == 0 ? " selected" : "", role_labels[i]);
	buf_html(&r->out, "</select></td><td>%s</td></tr>", role_label_of(row->text[1]));
}

static void class_row(void *ctx, const struct cas_row *row)
{
	struct request *r = ctx;

	buf_html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", row->text[0], row->text[1], row->text[2]);
}

static void mapping_forms(struct request *r, const struct cas_server *s)
{
	struct options o = { r, NULL };
	size_t i;

	buf_html(&r->out, "<h2>%s</h2><form method=\"post\" action=\"/operateur/ent/%lld/profils\">", _("Profils de l'ENT"), (long long)s->id);
	page_csrf_field(r);
	buf_html(&r->out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Profil national"), _("Rôle dans Ardoise"), _("Actuellement"));
	cas_roles_each(r->db, s->id, role_row, r);
	buf_html(&r->out, "</tbody></table><div class=\"form-actions\"><button class=\"btn btn-secondary\" type=\"submit\">%s</button></div></form>",
		 _("Enregistrer les profils"));
	buf_html(&r->out, "<h2>%s</h2><p>%s</p><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Classes de l'ENT"), _("Un élève dont la classe n'est reliée à aucun groupe ne peut pas se connecter."),
		 _("Classe dans l'ENT"), _("Groupe"), _("Niveau"));
	cas_classes_each(r->db, s->id, class_row, r);
	buf_html(&r->out, "</tbody></table><form method=\"post\" action=\"/operateur/ent/%lld/classe\">", (long long)s->id);
	page_csrf_field(r);
	widget_text(r, "classe", _("Classe dans l'ENT"), NULL, _("Exactement comme l'ENT l'écrit, par exemple : 0310001A$CM1 B"), NULL,
		    "maxlength=\"64\" required");
	buf_html(&r->out, "<div class=\"field\"><label for=\"groupe\">%s</label><select id=\"groupe\" name=\"groupe\">", _("Groupe"));
	cas_groups_each(r->db, s->structure_id, option_row, &o);
	buf_html(&r->out, "</select></div><div class=\"field\"><label for=\"niveau\">%s</label><select id=\"niveau\" name=\"niveau\">", _("Niveau"));
	for (i = 0; i < 4; i++)
		buf_html(&r->out, "<option>%s</option>", levels[i]);
	buf_html(&r->out, "</select></div><div class=\"form-actions\"><button class=\"btn btn-secondary\" type=\"submit\">%s</button></div></form>",
		 _("Relier la classe"));
}

int cas_admin_server_page(struct request *r, int status, const struct cas_server *s, const char *error,
			  const struct field_errors *errors)
{
	char service[CAS_URL_MAX + 64];

	cas_service_url(s, service, sizeof(service));
	page_begin(r, s->name);
	buf_html(&r->out, "<p><a href=\"/operateur/ent\">%s</a></p><h1>%s</h1>", _("Tous les ENT"), s->name);
	if (error)
		widget_flash(r, "error", error);
	else if (errors && errors->count)
		widget_error_summary(r, errors);
	else if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	buf_html(&r->out, "<dl><dt>%s</dt><dd><code>%s</code></dd><dt>%s</dt><dd><code>%s</code></dd><dt>%s</dt><dd><code>%s/cas/%lld</code></dd></dl>",
		 _("Serveur CAS"), s->base_url, _("Adresse de retour à déclarer dans l'ENT"), service,
		 _("Lien à placer dans l'ENT"), s->public_url, (long long)s->id);
	cas_edit_form(r, s, errors);
	mapping_forms(r, s);
	buf_html(&r->out, "<h2>%s</h2><p>%s</p><form method=\"post\" action=\"/operateur/ent/%lld/ouverture\">", _("Ouverture"),
		 s->enabled ? _("La connexion par cet ENT est ouverte.")
			    : _("La connexion est fermée : personne ne peut se connecter par cet ENT. Les comptes déjà reliés sont gardés et "
				"peuvent se connecter avec leur identifiant Ardoise. Vérifiez les correspondances ci-dessus avant d'ouvrir."),
		 (long long)s->id);
	page_csrf_field(r);
	buf_html(&r->out, "<input type=\"hidden\" name=\"ouvert\" value=\"%S\"><div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 s->enabled ? "0" : "1", s->enabled ? _("Fermer la connexion") : _("J'ai vérifié les correspondances : ouvrir la connexion"));
	buf_html(&r->out, "<h2>%s</h2><p>%s</p><p><a class=\"btn btn-danger\" href=\"/operateur/ent/%lld/supprimer\">%s</a></p>",
		 _("Suppression"), _("Supprimer l'ENT retire son lien avec les comptes ; les comptes sont gardés. Une page de confirmation suit."),
		 (long long)s->id, _("Supprimer cet ENT…"));
	page_end(r);
	return status;
}

int cas_admin_server(struct request *r, struct cas_server *s)
{
	int64_t id = param_id(r, 0);
	int status = platform_operator_only(r), found;

	if (status)
		return status;
	found = id ? cas_server_find(r->db, id, s) : 0;
	if (found < 0)
		return page_error(r, 500, _("L'ENT n'a pas pu être lu."));
	return found ? 0 : page_error(r, 404, _("Cet ENT n'existe pas."));
}

int page_cas_admin_server(struct request *r)
{
	struct cas_server s;
	int status = cas_admin_server(r, &s);

	return status ? status : cas_admin_server_page(r, 200, &s, NULL, NULL);
}

static int saved(struct request *r, const struct cas_server *s)
{
	char location[64];

	snprintf(location, sizeof(location), "/operateur/ent/%lld?fait=1", (long long)s->id);
	return request_redirect(r, location);
}

int page_cas_admin_roles(struct request *r)
{
	struct cas_server s;
	const char *role;
	size_t i;
	int status = cas_admin_server(r, &s);

	if (status)
		return status;
	for (i = 0; i < cas_profile_default_count; i++) {
		role = form_get(&r->body, cas_profile_defaults[i].profile);
		if (role && !cas_role_valid(role))
			return cas_admin_server_page(r, 422, &s, _("Un des rôles choisis n'existe pas : choisissez élève, accompagnateur, administrateur ou pas d'accès."), NULL);
	}
	for (i = 0; i < cas_profile_default_count; i++) {
		role = form_get(&r->body, cas_profile_defaults[i].profile);
		if (role && cas_role_set(r->db, s.id, cas_profile_defaults[i].profile, role) < 0)
			return page_error(r, 500, _("Les profils n'ont pas pu être enregistrés."));
	}
	return saved(r, &s);
}

static int class_code_valid(const char *code)
{
	size_t len = code ? strlen(code) : 0, i;

	if (len == 0 || len > CAS_CLASS_MAX || !utf8_valid(code, len))
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)code[i] < 0x20 || code[i] == 0x7f)
			return 0;
	return 1;
}

int page_cas_admin_class(struct request *r)
{
	struct cas_server s;
	const char *code, *group, *level;
	int64_t group_id;
	size_t i;
	int status = cas_admin_server(r, &s), level_ok = 0;

	if (status)
		return status;
	form_trim(&r->body, "classe");
	code = form_get(&r->body, "classe");
	group = form_get(&r->body, "groupe");
	level = form_get(&r->body, "niveau");
	group_id = group ? strtoll(group, NULL, 10) : 0;
	for (i = 0; level && i < 4; i++)
		level_ok |= strcmp(level, levels[i]) == 0;
	if (!class_code_valid(code))
		return cas_admin_server_page(r, 422, &s, _("Écrivez la classe comme l'ENT la transmet (64 caractères au plus)."), NULL);
	if (group_id <= 0 || !cas_group_in_structure(r->db, group_id, s.structure_id))
		return cas_admin_server_page(r, 422, &s, _("Choisissez un groupe de la structure reliée à cet ENT (créez-le d'abord s'il manque)."), NULL);
	if (!level_ok)
		return cas_admin_server_page(r, 422, &s, _("Choisissez le niveau des élèves de cette classe : CE2, CM1, CM2 ou 6e."), NULL);
	if (cas_class_set(r->db, s.id, code, group_id, level) < 0)
		return page_error(r, 500, _("La classe n'a pas pu être reliée."));
	return saved(r, &s);
}

int page_cas_admin_open(struct request *r)
{
	struct cas_server s;
	int status = cas_admin_server(r, &s), open;

	if (status)
		return status;
	open = platform_switch_value(r, "ouvert");
	if (open < 0)
		return cas_admin_server_page(r, 422, &s, _("Choix d'ouverture inconnu : utilisez le bouton de la page."), NULL);
	if (cas_server_set_enabled(r->db, r->user.id, &s, open) < 0)
		return page_error(r, 500, _("L'ouverture n'a pas pu être enregistrée."));
	log_info("cas server %s request=%s server=%lld account=%lld", open ? "opened" : "closed", r->id,
		 (long long)s.id, (long long)r->user.id);
	return saved(r, &s);
}
