/* The opérateur's corrections to a registered ENT (CAS) server: the edit
 * form shown on the server's page with its checks (shared with the
 * registration), and deletion behind a confirmation page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/platform_admin.h"
#include "web/widgets.h"

/* Check one address field. `label` names it in the message. */
static void url_check(const char *name, const char *value, const char *label, struct field_errors *errors)
{
	char quoted[PLATFORM_QUOTE_MAX + 8];

	if (!value || !*value) {
		field_errors_add(errors, name, _("%s est vide : écrivez-la, en commençant par https://."), label);
		return;
	}
	if (cas_url_valid(value))
		return;
	platform_quote(value, quoted, sizeof(quoted));
	field_errors_add(errors, name, _("%s « %s » n'est pas valide : écrivez-la en commençant par https://, sans espace, sans « ? » et sans barre à la fin."),
			 label, quoted);
}

int cas_form_read(struct request *r, struct cas_server *out, struct field_errors *errors)
{
	const char *name, *structure;
	char quoted[PLATFORM_QUOTE_MAX + 8], *end = NULL;
	long long structure_id = 0;

	form_trim(&r->body, "nom");
	form_trim(&r->body, "cas");
	form_trim(&r->body, "ardoise");
	name = form_get(&r->body, "nom");
	structure = form_get(&r->body, "structure");
	if (!name || !*name)
		field_errors_add(errors, "nom", "%s", _("Le nom de l'ENT est vide : donnez-lui un nom, par exemple « ENT Occitanie »."));
	else if (!utf8_valid(name, strlen(name)))
		field_errors_add(errors, "nom", "%s", _("Le nom de l'ENT contient des caractères illisibles : retapez-le."));
	else if (platform_text_length(name) > CAS_NAME_MAX)
		field_errors_add(errors, "nom", _("Le nom de l'ENT dépasse %d caractères : raccourcissez-le."), CAS_NAME_MAX);
	else
		snprintf(out->name, sizeof(out->name), "%s", name);
	url_check("cas", form_get(&r->body, "cas"), _("L'adresse du serveur CAS"), errors);
	url_check("ardoise", form_get(&r->body, "ardoise"), _("L'adresse publique d'Ardoise"), errors);
	if (structure)
		structure_id = strtoll(structure, &end, 10);
	if (!structure || !*structure || *end || structure_id <= 0 ||
	    db_query_int_param(r->db, "SELECT count(*) FROM structure WHERE id = ?", structure_id, 0) != 1) {
		platform_quote(structure ? structure : "", quoted, sizeof(quoted));
		field_errors_add(errors, "structure", _("La structure « %s » n'existe pas : choisissez dans la liste la structure dont les élèves et les adultes se connecteront par cet ENT."),
				 quoted);
	}
	if (errors->count)
		return -1;
	snprintf(out->base_url, sizeof(out->base_url), "%s", form_get(&r->body, "cas"));
	snprintf(out->public_url, sizeof(out->public_url), "%s", form_get(&r->body, "ardoise"));
	out->structure_id = structure_id;
	return 0;
}

/* Options of the structure list, the selected one marked. */
struct structure_options {
	struct request *r;
	const char *selected;
};

static void structure_option(void *ctx, const struct cas_row *row)
{
	struct structure_options *o = ctx;
	char id[24];

	snprintf(id, sizeof(id), "%lld", (long long)row->id);
	buf_html(&o->r->out, "<option value=\"%s\"%S>%s (%s)</option>", id, strcmp(o->selected, id) == 0 ? " selected" : "",
		 row->text[0], row->text[1]);
}

void cas_edit_form(struct request *r, const struct cas_server *s, const struct field_errors *errors)
{
	char stored_structure[24];
	struct structure_options o = { r, NULL };
	const char *error = field_errors_get(errors, "structure");

	snprintf(stored_structure, sizeof(stored_structure), "%lld", (long long)s->structure_id);
	o.selected = platform_field_value(r, "structure", stored_structure);
	buf_html(&r->out, "<h2>%s</h2><form method=\"post\" action=\"/operateur/ent/%lld/modifier\">", _("Corriger l'enregistrement"),
		 (long long)s->id);
	page_csrf_field(r);
	widget_text(r, "nom", _("Nom de l'ENT"), platform_field_value(r, "nom", s->name), _("Par exemple : ENT Occitanie"), errors,
		    "maxlength=\"120\" required");
	widget_text(r, "cas", _("Adresse du serveur CAS"), platform_field_value(r, "cas", s->base_url),
		    _("Commence par https:// et sans barre à la fin, par exemple : https://cas.ent.example.fr/cas"), errors,
		    "maxlength=\"256\" required");
	widget_text(r, "ardoise", _("Adresse publique d'Ardoise"), platform_field_value(r, "ardoise", s->public_url),
		    _("Par exemple : https://ardoise.example.fr. L'adresse de retour à déclarer dans l'ENT en découle."), errors,
		    "maxlength=\"256\" required");
	buf_html(&r->out, "<div class=\"field\"><label for=\"structure\">%s</label><p class=\"hint\" id=\"structure-aide\">%s</p>", _("Structure"),
		 _("Changer de structure retire les classes reliées, car leurs groupes sont ceux de l'ancienne structure. Les comptes déjà reliés restent dans leur structure."));
	if (error)
		buf_html(&r->out, "<p class=\"field-error\" id=\"structure-erreur\">%s</p>", error);
	buf_html(&r->out, "<select id=\"structure\" name=\"structure\" aria-describedby=\"structure-aide%S\"%S>", error ? " structure-erreur" : "",
		 error ? " aria-invalid=\"true\"" : "");
	cas_structures_each(r->db, structure_option, &o);
	buf_html(&r->out, "</select></div><div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Enregistrer les corrections"));
}

int page_cas_admin_update(struct request *r)
{
	struct cas_server s, now;
	struct field_errors errors = { 0 };
	char location[64];
	int status = cas_admin_server(r, &s);

	if (status)
		return status;
	now = s;
	if (cas_form_read(r, &now, &errors) < 0)
		return cas_admin_server_page(r, 422, &s, NULL, &errors);
	if (cas_server_update(r->db, r->user.id, &s, &now) < 0)
		return page_error(r, 500, _("Les corrections de l'ENT n'ont pas pu être enregistrées. Réessayez dans un instant."));
	log_info("cas server updated request=%s server=%lld account=%lld", r->id, (long long)s.id, (long long)r->user.id);
	snprintf(location, sizeof(location), "/operateur/ent/%lld?fait=1", (long long)s.id);
	return request_redirect(r, location);
}

/* ---- deletion ---- */

static int delete_page(struct request *r, int status, const struct cas_server *s, const char *error)
{
	char action[64], cancel[64];
	struct platform_deletion d = {
		.title = _("Supprimer l'ENT"),
		.name = s->name,
		.action = action,
		.cancel = cancel,
		.linked = cas_server_linked_count(r->db, s->id),
		.none_linked = _("Aucun compte n'est relié à cet ENT."),
		.linked_kept = _("Les %ld comptes reliés à cet ENT sont gardés, avec leur travail et leurs résultats. Seul leur lien avec l'ENT est retiré : "
				 "ils ne pourront plus se connecter par l'ENT, mais avec leur identifiant Ardoise, que leur structure peut leur redonner."),
		.consequences = { _("Les correspondances de profils et de classes de cet ENT sont effacées."),
				  _("Le lien placé dans l'ENT ne mènera plus nulle part : retirez-le de l'ENT."),
				  _("Pour seulement suspendre les connexions, fermez plutôt la connexion : rien n'est effacé.") },
		.button = _("Supprimer définitivement l'ENT"),
	};

	if (d.linked < 0)
		return page_error(r, 500, _("Les comptes reliés à l'ENT n'ont pas pu être comptés. Réessayez dans un instant."));
	snprintf(action, sizeof(action), "/operateur/ent/%lld/supprimer", (long long)s->id);
	snprintf(cancel, sizeof(cancel), "/operateur/ent/%lld", (long long)s->id);
	return platform_delete_page(r, status, &d, error);
}

int page_cas_admin_delete_confirm(struct request *r)
{
	struct cas_server s;
	int status = cas_admin_server(r, &s);

	return status ? status : delete_page(r, 200, &s, NULL);
}

int page_cas_admin_delete(struct request *r)
{
	struct cas_server s;
	int status = cas_admin_server(r, &s);

	if (status)
		return status;
	if (!platform_delete_confirmed(r))
		return delete_page(r, 422, &s, _("La suppression n'est pas confirmée : utilisez le bouton « Supprimer définitivement l'ENT » de cette page."));
	if (cas_server_delete(r->db, r->user.id, &s) < 0)
		return page_error(r, 500, _("L'ENT n'a pas pu être supprimé ; rien n'a été effacé. Réessayez dans un instant."));
	log_info("cas server deleted request=%s server=%lld account=%lld", r->id, (long long)s.id, (long long)r->user.id);
	return request_redirect(r, "/operateur/ent?supprime=1");
}
