/* Administrateurs: their structures, a structure's groups and people, and
 * the group page shared with accompagnateurs. */
#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "org/people.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/people_table.h"
#include "web/widgets.h"

#define GROUP_NAME_MAX 60 /* characters of a group name */

int page_admin_home(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT id, name, code, (SELECT count(*) FROM account a WHERE a.structure_id = s.id AND a.role = 'eleve' AND a.active = 1) FROM structure s ORDER BY name LIMIT 500");
	bool national = scope_national(&r->user);
	size_t shown = 0;

	if (!st)
		return page_error(r, 500, _("La liste des structures n'a pas pu être lue."));
	page_begin(r, _("Mes structures"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p><ul class=\"list-activities\">", _("Mes structures"),
		 _("Choisissez une structure pour gérer ses groupes, ses élèves et ses adultes."));
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);

		if (!national && !scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, id))
			continue;
		buf_html(&r->out, "<li><a class=\"activity-link\" href=\"/admin/structure/%lld\"><span class=\"activity-title\">%s</span>"
				  "<span class=\"activity-meta\">%s %s · %lld %s</span></a></li>",
			 (long long)id, db_column_text(st, 1), _("code"), db_column_text(st, 2),
			 (long long)db_column_int(st, 3), db_column_int(st, 3) > 1 ? _("élèves") : _("élève"));
		shown++;
	}
	db_reset(st);
	buf_adds(&r->out, "</ul>");
	if (!shown)
		buf_html(&r->out, "<p>%s</p>", _("Aucune structure ne vous est confiée pour l'instant."));
	page_end(r);
	return 200;
}

/* Structure header; returns false (and renders 404) when out of scope. */
static bool structure_load(struct request *r, int64_t id, char *name, size_t name_size, char *code, size_t code_size)
{
	struct db_stmt *st;
	bool found = false;

	if (!id || !scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, id))
		return false;
	st = db_prepare(r->db, "SELECT name, code FROM structure WHERE id = ?");
	if (!st)
		return false;
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW) {
		snprintf(name, name_size, "%s", db_column_text(st, 0));
		snprintf(code, code_size, "%s", db_column_text(st, 1));
		found = true;
	}
	db_reset(st);
	return found;
}

static void structure_actions(struct request *r, int64_t id)
{
	buf_html(&r->out, "<p class=\"form-actions\">"
			  "<a class=\"btn btn-primary\" href=\"/admin/structure/%lld/eleve\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/adulte\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/import\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/cartes.pdf\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/export.csv\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/journal\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/licence\">%s</a></p>",
		 (long long)id, _("Ajouter un élève"), (long long)id, _("Ajouter un adulte"),
		 (long long)id, _("Importer une liste"), (long long)id, _("Imprimer les cartes"),
		 (long long)id, _("Exporter la liste"), (long long)id, _("Journal des modifications"),
		 (long long)id, _("Licence et soutien"));
}

static void groups_section(struct request *r, int64_t id, const char *typed, const struct field_errors *errors)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT g.id, g.name, (SELECT count(*) FROM group_member m JOIN account a ON a.id = m.account_id WHERE m.group_id = g.id AND a.role = 'eleve' AND a.active = 1) FROM class_group g WHERE g.structure_id = ? ORDER BY g.name");

	buf_html(&r->out, "<section class=\"card\" aria-labelledby=\"groupes\"><h2 id=\"groupes\">%s</h2><ul>", _("Groupes"));
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st) == DB_ROW)
			buf_html(&r->out, "<li><a href=\"/groupe/%lld\">%s</a> (%lld %s)</li>", (long long)db_column_int(st, 0),
				 db_column_text(st, 1), (long long)db_column_int(st, 2), db_column_int(st, 2) > 1 ? _("élèves") : _("élève"));
		db_reset(st);
	}
	buf_html(&r->out, "</ul><form method=\"post\" action=\"/admin/structure/%lld/groupe\">", (long long)id);
	page_csrf_field(r);
	widget_text(r, "nom", _("Nouveau groupe"), typed, _("Par exemple : Les Hiboux, CM1 mardi"), errors, "maxlength=\"60\" required");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-secondary\" type=\"submit\">%s</button></div></form></section>",
		 _("Créer le groupe"));
}

/* The structure page; `typed` and `errors` re-show a refused group name. */
static int structure_page(struct request *r, int status, int64_t id, const char *typed, const struct field_errors *errors)
{
	char name[128], code[32];

	if (!structure_load(r, id, name, sizeof(name), code, sizeof(code)))
		return page_not_found(r);
	page_begin(r, name);
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s <strong>%s</strong>. %s</p>", name,
		 _("Les enfants se connectent avec le code"), code, _("Ils choisissent ensuite leur prénom puis leurs trois images."));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	widget_error_summary(r, errors);
	structure_actions(r, id);
	groups_section(r, id, typed, errors);
	people_table(r, id);
	page_end(r);
	return status;
}

int page_admin_structure(struct request *r)
{
	return structure_page(r, 200, param_id(r, 0), NULL, NULL);
}

/* A group name: 1 to 60 characters, no control character, and not
 * starting like a spreadsheet formula. */
static bool group_name_check(struct request *r, int64_t structure_id, const char *group, struct field_errors *errors)
{
	size_t i, chars = 0;

	if (!group || !*group) {
		field_errors_add(errors, "nom", "Écrivez le nom du groupe.");
		return false;
	}
	for (i = 0; group[i]; i++) {
		chars += ((unsigned char)group[i] & 0xC0) != 0x80;
		if ((unsigned char)group[i] < 0x20 || group[i] == 0x7F) {
			field_errors_add(errors, "nom", "Le nom du groupe contient un caractère invisible : écrivez-le de nouveau.");
			return false;
		}
	}
	if (!utf8_valid(group, i) || chars > GROUP_NAME_MAX)
		field_errors_add(errors, "nom", "Le nom du groupe doit faire %d caractères au plus.", GROUP_NAME_MAX);
	else if (strchr("=+-@", group[0]))
		field_errors_add(errors, "nom", "Le nom du groupe ne peut pas commencer par « %c ».", group[0]);
	return errors->count == 0;
}

/* True when the structure has a group of that name, capitals aside. */
static bool group_name_taken(struct request *r, int64_t structure_id, const char *group)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT count(*) FROM class_group WHERE structure_id = ? AND lower(name) = lower(?)");
	bool taken = false;

	if (!st)
		return false;
	db_bind_int(st, 1, structure_id);
	db_bind_text(st, 2, group);
	if (db_step(st) == DB_ROW)
		taken = db_column_int(st, 0) > 0;
	db_reset(st);
	return taken;
}

int page_admin_group_create(struct request *r)
{
	int64_t id = param_id(r, 0);
	struct field_errors errors = { .count = 0 };
	const char *group;
	char name[128], code[32], url[96];
	int64_t created;

	if (!structure_load(r, id, name, sizeof(name), code, sizeof(code)))
		return page_not_found(r);
	form_trim(&r->body, "nom");
	group = form_get(&r->body, "nom");
	if (!group_name_check(r, id, group, &errors))
		return structure_page(r, 422, id, group, &errors);
	if (group_name_taken(r, id, group)) {
		field_errors_add(&errors, "nom", "Un groupe porte déjà le nom « %s » dans cette structure : choisissez un autre nom.", group);
		return structure_page(r, 409, id, group, &errors);
	}
	if (db_begin(r->db) < 0)
		return page_error(r, 503, _("La base est occupée : réessayez dans un instant."));
	created = group_create(r->db, id, group);
	if (created < 0 || audit_record(r->db, r->user.id, "create", "groupe", created, id, group) < 0 || db_commit(r->db) < 0) {
		bool taken = db_last_error_is_unique(r->db);

		db_rollback(r->db);
		if (taken)
			return page_error(r, 409, _("Un groupe porte déjà ce nom dans cette structure : choisissez un autre nom."));
		return page_error(r, 500, _("Le groupe n'a pas pu être créé."));
	}
	snprintf(url, sizeof(url), "/admin/structure/%lld?fait=1", (long long)id);
	return request_redirect(r, url);
}
