/* The opérateur's pages: the organisation tree, new organisations and
 * structures, and financeur accounts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "org/organisation.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define TREE_MAX_NODES 5000 /* organisations, and structures, read for one page */
#define TREE_MAX_DEPTH 8    /* a deeper branch is a loop in the data */
#define NAME_BYTES (ORGANISATION_NAME_MAX * 4 + 1)

struct org_node {
	int64_t id;
	int64_t parent_id;
	char kind[16];
	char name[NAME_BYTES];
	char code[16];
};

struct structure_node {
	int64_t id;
	int64_t financeur_id;
	int64_t children;
	int64_t administrators;
	char kind[24];
	char name[NAME_BYTES];
	char code[STRUCTURE_CODE_MAX + 1];
};

struct tree {
	struct org_node *orgs;
	size_t org_count;
	struct structure_node *structures;
	size_t structure_count;
};

/* Select values and labels built from the tree, freed by choices_free(). */
struct choices {
	const char **values;
	const char **labels;
	char (*ids)[24];
	char (*texts)[NAME_BYTES + 32];
	size_t count;
};

static const char *const org_kinds[] = { "academie", "departement", "financeur" };
static const char *const org_kind_labels[] = { "académie", "département", "financeur" };
static const char *const structure_kinds[] = { "association", "dispositif", "maison-de-quartier", "clae", "ecole", "college" };
static const char *const structure_kind_labels[] = { "association", "dispositif", "maison de quartier", "CLAE", "école", "collège" };

/* ---- the tree, read once into memory ---- */

static void tree_free(struct tree *t)
{
	free(t->orgs);
	free(t->structures);
	memset(t, 0, sizeof(*t));
}

static int tree_load_orgs(struct db *db, struct tree *t)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, coalesce(parent_id, 0), kind, name, code FROM organisation ORDER BY name, id LIMIT ?");

	if (!st)
		return -1;
	t->orgs = calloc(TREE_MAX_NODES, sizeof(*t->orgs));
	if (!t->orgs) {
		db_reset(st);
		return -1;
	}
	db_bind_int(st, 1, TREE_MAX_NODES);
	while (db_step(st) == DB_ROW) {
		struct org_node *n = &t->orgs[t->org_count++];

		n->id = db_column_int(st, 0);
		n->parent_id = db_column_int(st, 1);
		snprintf(n->kind, sizeof(n->kind), "%s", db_column_text(st, 2));
		snprintf(n->name, sizeof(n->name), "%s", db_column_text(st, 3));
		snprintf(n->code, sizeof(n->code), "%s", db_column_text(st, 4));
	}
	db_reset(st);
	return 0;
}

static int tree_load_structures(struct db *db, struct tree *t)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT s.id, coalesce(s.financeur_id, 0), s.kind, s.name, s.code,"
		" (SELECT count(*) FROM account a WHERE a.structure_id = s.id AND a.role = 'eleve' AND a.active = 1),"
		" (SELECT count(*) FROM role_grant g WHERE g.structure_id = s.id AND g.role = 'administrateur')"
		" FROM structure s ORDER BY s.name, s.id LIMIT ?");

	if (!st)
		return -1;
	t->structures = calloc(TREE_MAX_NODES, sizeof(*t->structures));
	if (!t->structures) {
		db_reset(st);
		return -1;
	}
	db_bind_int(st, 1, TREE_MAX_NODES);
	while (db_step(st) == DB_ROW) {
		struct structure_node *n = &t->structures[t->structure_count++];

		n->id = db_column_int(st, 0);
		n->financeur_id = db_column_int(st, 1);
		snprintf(n->kind, sizeof(n->kind), "%s", db_column_text(st, 2));
		snprintf(n->name, sizeof(n->name), "%s", db_column_text(st, 3));
		snprintf(n->code, sizeof(n->code), "%s", db_column_text(st, 4));
		n->children = db_column_int(st, 5);
		n->administrators = db_column_int(st, 6);
	}
	db_reset(st);
	return 0;
}

static int tree_load(struct db *db, struct tree *t)
{
	memset(t, 0, sizeof(*t));
	if (tree_load_orgs(db, t) < 0 || tree_load_structures(db, t) < 0) {
		tree_free(t);
		return -1;
	}
	return 0;
}

/* Build select choices from the organisations whose kind is one of `kinds`. */
static int choices_build(const struct tree *t, const char *const *kinds, size_t kind_count, struct choices *c)
{
	size_t i, k;

	memset(c, 0, sizeof(*c));
	c->values = calloc(t->org_count + 1, sizeof(*c->values));
	c->labels = calloc(t->org_count + 1, sizeof(*c->labels));
	c->ids = calloc(t->org_count + 1, sizeof(*c->ids));
	c->texts = calloc(t->org_count + 1, sizeof(*c->texts));
	if (!c->values || !c->labels || !c->ids || !c->texts)
		return -1;
	c->values[0] = "";
	c->labels[0] = "—";
	c->count = 1;
	for (i = 0; i < t->org_count; i++)
		for (k = 0; k < kind_count; k++) {
			const struct org_node *n = &t->orgs[i];

			if (strcmp(n->kind, kinds[k]) != 0)
				continue;
			snprintf(c->ids[c->count], sizeof(c->ids[0]), "%lld", (long long)n->id);
			snprintf(c->texts[c->count], sizeof(c->texts[0]), "%s (%s%s%s)", n->name, organisation_kind_label(n->kind),
				 *n->code ? " " : "", n->code);
			c->values[c->count] = c->ids[c->count];
			c->labels[c->count] = c->texts[c->count];
			c->count++;
		}
	return 0;
}

static void choices_free(struct choices *c)
{
	free(c->values);
	free(c->labels);
	free(c->ids);
	free(c->texts);
	memset(c, 0, sizeof(*c));
}

/* ---- rendering the tree ---- */

static size_t org_child_count(const struct tree *t, int64_t id)
{
	size_t i, n = 0;

	for (i = 0; i < t->org_count; i++)
		n += t->orgs[i].parent_id == id;
	for (i = 0; i < t->structure_count; i++)
		n += t->structures[i].financeur_id == id;
	return n;
}

/* Return the French name of the children of an organisation of `kind`,
 * singular or plural. */
static const char *children_label(const char *kind, size_t n)
{
	if (strcmp(kind, "operateur") == 0)
		return n > 1 ? _("académies") : _("académie");
	if (strcmp(kind, "academie") == 0)
		return n > 1 ? _("départements") : _("département");
	if (strcmp(kind, "departement") == 0)
		return n > 1 ? _("financeurs") : _("financeur");
	return n > 1 ? _("structures") : _("structure");
}

static void render_structure(struct request *r, const struct structure_node *s)
{
	buf_html(&r->out, "<li id=\"structure-%lld\"><a href=\"/admin/structure/%lld\">%s</a> <span class=\"muted\">%s · %s %s · %lld %s</span> ",
		 (long long)s->id, (long long)s->id, s->name, organisation_kind_label(s->kind), _("code"), s->code,
		 (long long)s->children, s->children > 1 ? _("élèves") : _("élève"));
	buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/adulte\">%s</a></li>", (long long)s->id,
		 s->administrators ? _("Ajouter un adulte") : _("Créer le premier administrateur"));
}

static void render_org_actions(struct request *r, const struct org_node *n)
{
	const char *child_kind = strcmp(n->kind, "operateur") == 0 ? "academie" :
				 strcmp(n->kind, "academie") == 0 ? "departement" :
				 strcmp(n->kind, "departement") == 0 ? "financeur" : NULL;

	if (child_kind)
		buf_html(&r->out, " <a href=\"/operateur/organisation?type=%U&amp;parent=%lld\">%s %s</a>", child_kind, (long long)n->id,
			 _("Ajouter :"), organisation_kind_label(child_kind));
	if (strcmp(n->kind, "financeur") == 0)
		buf_html(&r->out, " <a href=\"/operateur/structure?financeur=%lld\">%s</a> · <a href=\"/operateur/organisation/%lld/financeur\">%s</a>",
			 (long long)n->id, _("Ajouter une structure"), (long long)n->id, _("Créer un compte financeur"));
}

static void render_org(struct request *r, const struct tree *t, const struct org_node *n, int depth)
{
	size_t i, count = org_child_count(t, n->id);

	buf_html(&r->out, "<li id=\"organisation-%lld\"><strong>%s</strong> <span class=\"muted\">%s%S%s · %lld %s</span>", (long long)n->id,
		 n->name, organisation_kind_label(n->kind), *n->code ? " " : "", n->code, (long long)count, children_label(n->kind, count));
	render_org_actions(r, n);
	if (count && depth < TREE_MAX_DEPTH) {
		buf_adds(&r->out, "<ul>");
		for (i = 0; i < t->org_count; i++)
			if (t->orgs[i].parent_id == n->id && t->orgs[i].id != n->id)
				render_org(r, t, &t->orgs[i], depth + 1);
		for (i = 0; i < t->structure_count; i++)
			if (t->structures[i].financeur_id == n->id)
				render_structure(r, &t->structures[i]);
		buf_adds(&r->out, "</ul>");
	}
	buf_adds(&r->out, "</li>");
}

static void render_unattached(struct request *r, const struct tree *t)
{
	size_t i, shown = 0;

	for (i = 0; i < t->structure_count; i++) {
		if (t->structures[i].financeur_id)
			continue;
		if (!shown++)
			buf_html(&r->out, "<section class=\"card\"><h2>%s</h2><ul>", _("Structures sans financeur"));
		render_structure(r, &t->structures[i]);
	}
	if (shown)
		buf_adds(&r->out, "</ul></section>");
}

static bool operator_allowed(struct request *r)
{
	return (r->user.caps & CAP_MANAGE_ORGANISATIONS) && scope_national(&r->user);
}

int page_operator_home(struct request *r)
{
	struct tree t;
	size_t i;

	if (!operator_allowed(r))
		return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
	if (tree_load(r->db, &t) < 0)
		return page_error(r, 500, _("L'arbre des organisations n'a pas pu être lu."));
	page_begin(r, _("Organisations et structures"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Organisations et structures"),
		 _("Académies, départements, financeurs et les structures qu'ils financent."));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/operateur/organisation\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/operateur/structure\">%s</a></p><ul class=\"tree\">",
		 _("Créer une organisation"), _("Créer une structure"));
	for (i = 0; i < t.org_count; i++)
		if (!t.orgs[i].parent_id)
			render_org(r, &t, &t.orgs[i], 0);
	buf_adds(&r->out, "</ul>");
	render_unattached(r, &t);
	page_end(r);
	tree_free(&t);
	return 200;
}

/* ---- a new organisation ---- */

static int organisation_form(struct request *r, int status, const struct organisation_input *in, const char *parent,
			     const struct field_errors *errors)
{
	static const char *const parent_kinds[] = { "operateur", "academie", "departement" };
	struct choices parents = { 0 };
	struct tree t;

	if (tree_load(r->db, &t) < 0 || choices_build(&t, parent_kinds, 3, &parents) < 0) {
		choices_free(&parents);
		tree_free(&t);
		return page_error(r, 500, _("L'arbre des organisations n'a pas pu être lu."));
	}
	page_begin(r, _("Créer une organisation"));
	buf_html(&r->out, "<h1>%s</h1>", _("Créer une organisation"));
	widget_error_summary(r, errors);
	buf_adds(&r->out, "<form method=\"post\" action=\"/operateur/organisation\" data-once>");
	page_csrf_field(r);
	widget_select(r, "type", _("Type"), org_kinds, org_kind_labels, 3, in->kind, errors);
	widget_select(r, "parent", _("Organisation au-dessus"), parents.values, parents.labels, parents.count, parent, errors);
	widget_text(r, "nom", _("Nom"), in->name, _("Par exemple : Académie de Toulouse, Haute-Garonne, Ville de Toulouse"), errors,
		    "maxlength=\"120\" required");
	widget_text(r, "code", _("Code"), in->code,
		    _("Département : son numéro (31, 2A, 974). Commune qui finance : son code INSEE (31555), facultatif. Académie : laissez vide."),
		    errors, "maxlength=\"5\" autocomplete=\"off\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/operateur\">%s</a></div></form>",
		 _("Créer l'organisation"), _("Annuler"));
	page_end(r);
	choices_free(&parents);
	tree_free(&t);
	return status;
}

int page_operator_organisation_new(struct request *r)
{
	struct organisation_input in = { 0 };

	if (!operator_allowed(r))
		return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
	in.kind = form_get(&r->query, "type");
	return organisation_form(r, 200, &in, form_get(&r->query, "parent"), NULL);
}

/* The positive id in form field `name`, 0 when missing, -1 when not a number. */
static int64_t form_id(const struct form *f, const char *name)
{
	const char *text = form_get(f, name);
	char *end;
	long long id;

	if (!text || !*text)
		return 0;
	id = strtoll(text, &end, 10);
	return *end || id <= 0 ? -1 : id;
}

int page_operator_organisation_create(struct request *r)
{
	struct field_errors errors = { .count = 0 };
	struct organisation_input in = { 0 };

	if (!operator_allowed(r))
		return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
	in.kind = form_get(&r->body, "type");
	in.parent_id = form_id(&r->body, "parent");
	in.name = form_get(&r->body, "nom");
	in.code = form_get(&r->body, "code");
	if (in.parent_id < 0)
		return page_error(r, 400, _("Le formulaire a été modifié : rechargez la page puis recommencez."));
	if (organisation_create(r->db, r->user.id, &in, &errors) < 0) {
		if (errors.count)
			return organisation_form(r, 422, &in, form_get(&r->body, "parent"), &errors);
		return page_error(r, 500, _("L'organisation n'a pas pu être créée. Réessayez dans un instant."));
	}
	return request_redirect(r, "/operateur?fait=1");
}

/* ---- a new structure ---- */

static int structure_form(struct request *r, int status, const struct structure_input *in, const char *financeur,
			  const struct field_errors *errors)
{
	static const char *const financeur_kind[] = { "financeur" };
	struct choices financeurs = { 0 };
	struct tree t;

	if (tree_load(r->db, &t) < 0 || choices_build(&t, financeur_kind, 1, &financeurs) < 0) {
		choices_free(&financeurs);
		tree_free(&t);
		return page_error(r, 500, _("L'arbre des organisations n'a pas pu être lu."));
	}
	page_begin(r, _("Créer une structure"));
	buf_html(&r->out, "<h1>%s</h1>", _("Créer une structure"));
	widget_error_summary(r, errors);
	buf_adds(&r->out, "<form method=\"post\" action=\"/operateur/structure\" data-once>");
	page_csrf_field(r);
	widget_text(r, "nom", _("Nom"), in->name, _("Par exemple : Maison de quartier des Tilleuls"), errors, "maxlength=\"120\" required");
	widget_select(r, "type", _("Type"), structure_kinds, structure_kind_labels, 6, in->kind, errors);
	widget_select(r, "financeur", _("Financeur"), financeurs.values, financeurs.labels, financeurs.count, financeur, errors);
	widget_text(r, "code", _("Code de connexion des enfants"), in->code,
		    _("1 à 16 lettres sans accent, chiffres ou tirets, unique ; écrit en majuscules. Par exemple : TILLEULS"),
		    errors, "maxlength=\"16\" required autocomplete=\"off\" autocapitalize=\"characters\"");
	widget_text(r, "uai", _("Numéro UAI"), in->uai, _("Écoles et collèges seulement : 7 chiffres et une lettre, par exemple 0310036W."),
		    errors, "maxlength=\"8\" autocomplete=\"off\"");
	widget_text(r, "insee", _("Code INSEE de la commune"), in->insee, _("Facultatif : 5 caractères, par exemple 31555 pour Toulouse."),
		    errors, "maxlength=\"5\" autocomplete=\"off\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/operateur\">%s</a></div></form>",
		 _("Créer la structure"), _("Annuler"));
	page_end(r);
	choices_free(&financeurs);
	tree_free(&t);
	return status;
}

int page_operator_structure_new(struct request *r)
{
	struct structure_input in = { 0 };

	if (!operator_allowed(r))
		return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
	return structure_form(r, 200, &in, form_get(&r->query, "financeur"), NULL);
}

int page_operator_structure_create(struct request *r)
{
	struct field_errors errors = { .count = 0 };
	struct structure_input in = { 0 };
	char code[STRUCTURE_CODE_MAX + 1], url[96];
	int64_t id;

	if (!operator_allowed(r))
		return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
	in.name = form_get(&r->body, "nom");
	in.kind = form_get(&r->body, "type");
	in.financeur_id = form_id(&r->body, "financeur");
	in.code = form_get(&r->body, "code");
	in.uai = form_get(&r->body, "uai");
	in.insee = form_get(&r->body, "insee");
	if (in.financeur_id < 0)
		return page_error(r, 400, _("Le formulaire a été modifié : rechargez la page puis recommencez."));
	id = organisation_structure_create(r->db, r->user.id, &in, code, sizeof(code), &errors);
	if (id < 0 && errors.count)
		return structure_form(r, 422, &in, form_get(&r->body, "financeur"), &errors);
	if (id < 0)
		return page_error(r, 500, _("La structure n'a pas pu être créée. Réessayez dans un instant."));
	snprintf(url, sizeof(url), "/operateur?fait=1#structure-%lld", (long long)id);
	return request_redirect(r, url);
}

/* ---- financeur accounts: the password hash runs on a worker ---- */

struct financeur_job {
	int64_t organisation_id;
	char organisation[NAME_BYTES];
	struct person_input in;
	struct form copy; /* keeps the strings `in` points to */
	struct field_errors errors;
	char password[32];
	int64_t id;
};

static void financeur_job_free(void *data)
{
	struct financeur_job *job = data;

	if (!job)
		return;
	form_release(&job->copy);
	free(job);
}

/* The financeur organisation of the URL: its name into `name`; false when
 * there is none. */
static bool financeur_load(struct request *r, int64_t id, char *name, size_t size)
{
	struct db_stmt *st;
	bool found = false;

	if (!id)
		return false;
	st = db_prepare(r->db, "SELECT name FROM organisation WHERE id = ? AND kind = 'financeur'");
	if (!st)
		return false;
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW) {
		snprintf(name, size, "%s", db_column_text(st, 0));
		found = true;
	}
	db_reset(st);
	return found;
}

static int financeur_form(struct request *r, int status, int64_t id, const char *organisation, const struct person_input *in,
			  const struct field_errors *errors)
{
	page_begin(r, _("Créer un compte financeur"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s <strong>%s</strong>. %s</p>", _("Créer un compte financeur"),
		 _("Pour"), organisation, _("Ce compte voit les statistiques des structures financées, jamais le nom d'un enfant."));
	widget_error_summary(r, errors);
	buf_html(&r->out, "<form method=\"post\" action=\"/operateur/organisation/%lld/financeur\" data-once>", (long long)id);
	page_csrf_field(r);
	widget_text(r, "prenom", _("Prénom"), in ? in->first_name : NULL, NULL, errors, "maxlength=\"60\" required autocomplete=\"off\"");
	widget_text(r, "initiale", _("Initiale du nom"), in ? in->last_initial : NULL,
		    _("Une seule lettre : Ardoise ne garde pas le nom de famille."), errors, "maxlength=\"4\" required autocomplete=\"off\"");
	widget_text(r, "identifiant", _("Identifiant"), in ? in->login : NULL,
		    _("Lettres minuscules sans accent, chiffres, « . », « - » ou « _ » ; par exemple : prenom.nom"),
		    errors, "maxlength=\"64\" required autocomplete=\"off\" autocapitalize=\"none\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/operateur\">%s</a></div></form>",
		 _("Créer le compte"), _("Annuler"));
	page_end(r);
	return status;
}

int page_operator_financeur_new(struct request *r)
{
	int64_t id = param_id(r, 0);
	char name[NAME_BYTES];

	if (!operator_allowed(r))
		return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
	if (!financeur_load(r, id, name, sizeof(name)))
		return page_not_found(r);
	return financeur_form(r, 200, id, name, NULL, NULL);
}

static void financeur_create_work(struct request *r, struct db *db)
{
	struct financeur_job *job = r->job_data;

	job->id = financeur_create(db, r->user.id, job->organisation_id, &job->in, job->password, sizeof(job->password), &job->errors);
}

static int financeur_create_done(struct request *r)
{
	struct financeur_job *job = r->job_data;

	if (job->id < 0 && job->errors.count)
		return financeur_form(r, 422, job->organisation_id, job->organisation, &job->in, &job->errors);
	if (job->id < 0)
		return page_error(r, 500, _("Le compte n'a pas pu être créé. Réessayez dans un instant."));
	page_begin(r, _("Compte créé"));
	buf_html(&r->out, "<h1>%s</h1>", _("Compte financeur créé"));
	widget_flash(r, "success", _("Donnez ces informations à la personne. Le mot de passe ne sera plus affiché ; elle devra le changer à sa première connexion."));
	buf_html(&r->out, "<dl class=\"card\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><code>%s</code></dd><dt>%s</dt><dd><code>%s</code></dd></dl>",
		 _("Financeur"), job->organisation, _("Identifiant"), job->in.login, _("Mot de passe provisoire"), job->password);
	buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/operateur\">%s</a></p>", _("Retour aux organisations"));
	page_end(r);
	return 201;
}

int page_operator_financeur_create(struct request *r)
{
	int64_t id = param_id(r, 0);
	struct financeur_job *job;

	if (!operator_allowed(r))
		return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = financeur_job_free;
	if (!financeur_load(r, id, job->organisation, sizeof(job->organisation)))
		return page_not_found(r);
	job->organisation_id = id;
	/* The worker reads the strings after this handler returns: copy them. */
	job->copy = r->body;
	memset(&r->body, 0, sizeof(r->body));
	job->in.role = "financeur";
	job->in.first_name = form_get(&job->copy, "prenom");
	job->in.last_initial = form_get(&job->copy, "initiale");
	job->in.login = form_get(&job->copy, "identifiant");
	if (!financeur_check(r->db, &job->in, &job->errors))
		return financeur_form(r, 422, id, job->organisation, &job->in, &job->errors);
	if (request_defer(r, financeur_create_work, financeur_create_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}
