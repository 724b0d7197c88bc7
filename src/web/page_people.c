/* Administrateurs create, change, deactivate and reactivate accounts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "offer/licence.h"
#include "org/people.h"
#include "web/offer_notice.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/pictures.h"
#include "web/widgets.h"

static const char *const level_values[] = { "", "CE2", "CM1", "CM2", "6e" };
static const char *const level_labels[] = { "—", "CE2", "CM1", "CM2", "6e (passerelle)" };
static const char *const adult_roles[] = { "accompagnateur", "administrateur", "tuteur" };
static const char *const adult_labels[] = { "accompagnateur", "administrateur", "tuteur" };

/* Read the person fields of the posted form into `in`. Returns false when
 * a group id is not a number (a forged form). */
static bool input_from_form(struct form *f, struct person_input *in, const char *role)
{
	const char *groups[PEOPLE_MAX_GROUPS + 1];
	size_t i, n;
	char *end;

	form_trim(f, "prenom");
	form_trim(f, "initiale");
	form_trim(f, "identifiant");
	memset(in, 0, sizeof(*in));
	in->role = role ? role : form_get(f, "role");
	in->first_name = form_get(f, "prenom");
	in->last_initial = form_get(f, "initiale");
	in->level = form_get(f, "niveau");
	in->login = form_get(f, "identifiant");
	n = form_get_all(f, "groupes", groups, PEOPLE_MAX_GROUPS + 1);
	if (n > PEOPLE_MAX_GROUPS)
		return false;
	for (i = 0; i < n; i++) {
		in->groups[i] = strtoll(groups[i], &end, 10);
		if (*end || in->groups[i] <= 0)
			return false;
	}
	in->group_count = n;
	return true;
}

static bool group_checked(const struct person_input *in, int64_t group_id)
{
	size_t i;

	for (i = 0; in && i < in->group_count; i++)
		if (in->groups[i] == group_id)
			return true;
	return false;
}

static void group_checkboxes(struct request *r, int64_t structure_id, const struct person_input *in,
			     const struct field_errors *errors)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT id, name FROM class_group WHERE structure_id = ? ORDER BY name");
	const char *error = field_errors_get(errors, "groupes");

	buf_html(&r->out, "<fieldset class=\"field\" id=\"groupes\"><legend>%s</legend>", _("Groupes"));
	if (error)
		buf_html(&r->out, "<p class=\"field-error\">%s</p>", error);
	if (!st)
		return;
	db_bind_int(st, 1, structure_id);
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);

		buf_html(&r->out, "<label class=\"choice\"><input type=\"checkbox\" name=\"groupes\" value=\"%lld\"%S> %s</label>",
			 (long long)id, group_checked(in, id) ? " checked" : "", db_column_text(st, 1));
	}
	db_reset(st);
	buf_adds(&r->out, "</fieldset>");
}

static void person_fields(struct request *r, int64_t structure_id, const struct person_input *in,
			  const struct field_errors *errors, bool child, bool new_account)
{
	widget_text(r, "prenom", _("Prénom"), in ? in->first_name : NULL, NULL, errors, "maxlength=\"60\" required autocomplete=\"off\"");
	widget_text(r, "initiale", _("Initiale du nom"), in ? in->last_initial : NULL,
		    _("Une seule lettre : Ardoise ne garde pas le nom de famille."), errors, "maxlength=\"4\" required autocomplete=\"off\"");
	if (child)
		widget_select(r, "niveau", _("Niveau"), level_values, level_labels, 5, in ? in->level : NULL, errors);
	if (!child && new_account) {
		widget_select(r, "role", _("Rôle"), adult_roles, adult_labels, 3, in ? in->role : NULL, errors);
		widget_text(r, "identifiant", _("Identifiant"), in ? in->login : NULL,
			    _("Lettres minuscules sans accent, chiffres, « . », « - » ou « _ » ; par exemple : prenom.nom"),
			    errors, "maxlength=\"64\" required autocomplete=\"off\" autocapitalize=\"none\"");
	}
	group_checkboxes(r, structure_id, in, errors);
}

/* 1 when the structure is in the manager's scope. */
static bool managed(struct request *r, int64_t structure_id)
{
	return structure_id && scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, structure_id);
}

static int child_form(struct request *r, int status, int64_t structure_id, const struct person_input *in,
		      const struct field_errors *errors)
{
	page_begin(r, _("Ajouter un élève"));
	buf_html(&r->out, "<h1>%s</h1>", _("Ajouter un élève"));
	widget_error_summary(r, errors);
	offer_seats_notice(r, structure_id);
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/structure/%lld/eleve\" data-once>", (long long)structure_id);
	page_csrf_field(r);
	person_fields(r, structure_id, in, errors, true, true);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></div></form>",
		 _("Créer l'élève"), (long long)structure_id, _("Annuler"));
	page_end(r);
	return status;
}

int page_child_new(struct request *r)
{
	int64_t structure_id = param_id(r, 0);

	if (!managed(r, structure_id))
		return page_not_found(r);
	return child_form(r, 200, structure_id, NULL, NULL);
}

static void pictures_show(struct request *r, const char *sequence)
{
	char copy[64], *save = NULL, *word;
	int n = 0;

	snprintf(copy, sizeof(copy), "%s", sequence);
	buf_adds(&r->out, "<ol class=\"picture-sequence\">");
	for (word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		const struct picture *p = picture_find(word);

		buf_html(&r->out, "<li><img src=\"/static/img/pictures/%U.svg\" alt=\"\" width=\"48\" height=\"48\"> %s</li>",
			 word, p ? p->label : word);
		n++;
	}
	buf_adds(&r->out, "</ol>");
}

int page_child_create(struct request *r)
{
	int64_t structure_id = param_id(r, 0), id;
	struct field_errors errors = { .count = 0 };
	struct person_input in;
	char pictures_text[64];

	if (!managed(r, structure_id))
		return page_not_found(r);
	if (!input_from_form(&r->body, &in, "eleve"))
		return page_error(r, 400, _("Le formulaire a été modifié : rechargez la page puis recommencez."));
	id = people_create_child(r->db, r->user.id, structure_id, &in, true, pictures_text, sizeof(pictures_text), &errors);
	if (id < 0 && errors.count)
		return child_form(r, 422, structure_id, &in, &errors);
	if (id < 0)
		return page_error(r, 500, _("L'élève n'a pas pu être créé. Réessayez dans un instant."));
	page_begin(r, _("Élève créé"));
	buf_html(&r->out, "<h1>%s %s</h1>", in.first_name, _("est inscrit"));
	widget_flash(r, "success", _("Voici ses images de connexion, dans l'ordre. Elles sont aussi sur sa carte à imprimer."));
	pictures_show(r, pictures_text);
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/admin/structure/%lld/eleve\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></p>",
		 (long long)structure_id, _("Ajouter un autre élève"), (long long)structure_id, _("Retour à la structure"));
	page_end(r);
	return 201;
}

/* ---- adults: the password hash runs on a worker ---- */

struct adult_job {
	int64_t structure_id;
	struct person_input in;
	struct form copy;       /* keeps the strings `in` points to */
	struct field_errors errors;
	char password[32];
	int64_t id;
};

static void adult_job_free(void *data)
{
	struct adult_job *job = data;

	if (!job)
		return;
	form_release(&job->copy);
	free(job);
}

static int adult_form(struct request *r, int status, int64_t structure_id, const struct person_input *in,
		      const struct field_errors *errors)
{
	page_begin(r, _("Ajouter un adulte"));
	buf_html(&r->out, "<h1>%s</h1>", _("Ajouter un adulte"));
	widget_error_summary(r, errors);
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/structure/%lld/adulte\" data-once>", (long long)structure_id);
	page_csrf_field(r);
	person_fields(r, structure_id, in, errors, false, true);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></div></form>",
		 _("Créer le compte"), (long long)structure_id, _("Annuler"));
	page_end(r);
	return status;
}

int page_adult_new(struct request *r)
{
	int64_t structure_id = param_id(r, 0);

	if (!managed(r, structure_id))
		return page_not_found(r);
	return adult_form(r, 200, structure_id, NULL, NULL);
}

static void adult_create_work(struct request *r, struct db *db)
{
	struct adult_job *job = r->job_data;

	job->id = people_create_adult(db, r->user.id, job->structure_id, &job->in, job->password,
				      sizeof(job->password), &job->errors);
}

static int adult_create_done(struct request *r)
{
	struct adult_job *job = r->job_data;

	if (job->id < 0 && job->errors.count)
		return adult_form(r, 422, job->structure_id, &job->in, &job->errors);
	if (job->id < 0)
		return page_error(r, 500, _("Le compte n'a pas pu être créé. Réessayez dans un instant."));
	page_begin(r, _("Compte créé"));
	buf_html(&r->out, "<h1>%s</h1>", _("Compte créé"));
	widget_flash(r, "success", _("Donnez ces informations à la personne. Le mot de passe ne sera plus affiché ; elle devra le changer à sa première connexion."));
	buf_html(&r->out, "<dl class=\"card\"><dt>%s</dt><dd><code>%s</code></dd><dt>%s</dt><dd><code>%s</code></dd></dl>",
		 _("Identifiant"), job->in.login, _("Mot de passe provisoire"), job->password);
	buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></p>",
		 (long long)job->structure_id, _("Retour à la structure"));
	page_end(r);
	return 201;
}

int page_adult_create(struct request *r)
{
	int64_t structure_id = param_id(r, 0);
	struct adult_job *job;

	if (!managed(r, structure_id))
		return page_not_found(r);
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = adult_job_free;
	job->structure_id = structure_id;
	/* The worker reads the strings after this handler returns: copy them. */
	job->copy = r->body;
	memset(&r->body, 0, sizeof(r->body));
	if (!input_from_form(&job->copy, &job->in, NULL))
		return page_error(r, 400, _("Le formulaire a été modifié : rechargez la page puis recommencez."));
	if (!job->in.role || strcmp(job->in.role, "eleve") == 0)
		job->in.role = "";
	if (!people_check(r->db, structure_id, &job->in, 0, &job->errors))
		return adult_form(r, 422, structure_id, &job->in, &job->errors);
	if (request_defer(r, adult_create_work, adult_create_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

/* ---- one account ---- */

/* The account of the URL when the manager may manage it; 0 otherwise. */
static int managed_account(struct request *r, struct account_row *a)
{
	int64_t id = param_id(r, 0);

	if (!id || account_find(r->db, id, a) != 1 || !managed(r, a->structure_id))
		return 0;
	return 1;
}

static void account_groups(struct request *r, int64_t account_id, struct person_input *in)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT group_id FROM group_member WHERE account_id = ? ORDER BY group_id");

	in->group_count = 0;
	if (!st)
		return;
	db_bind_int(st, 1, account_id);
	while (db_step(st) == DB_ROW && in->group_count < PEOPLE_MAX_GROUPS)
		in->groups[in->group_count++] = db_column_int(st, 0);
	db_reset(st);
}

static void account_buttons(struct request *r, const struct account_row *a)
{
	bool child = strcmp(a->role, "eleve") == 0;

	buf_html(&r->out, "<section class=\"card\"><h2>%s</h2><p class=\"form-actions\">", _("Autres actions"));
	if (child)
		buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"/eleve/%lld/carte\">%s</a> ", (long long)a->id, _("Images et carte"));
	buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"/admin/compte/%lld/donnees\">%s</a> ", (long long)a->id, _("Voir ses données"));
	if (a->active)
		buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"/admin/compte/%lld/desactiver\">%s</a>", (long long)a->id, _("Désactiver le compte"));
	buf_adds(&r->out, "</p>");
	if (!a->active) {
		buf_html(&r->out, "<form method=\"post\" action=\"/admin/compte/%lld/reactiver\">", (long long)a->id);
		page_csrf_field(r);
		buf_html(&r->out, "<p>%s</p><button class=\"btn btn-primary\" type=\"submit\">%s</button></form>",
			 _("Ce compte est désactivé : la personne ne peut plus se connecter, son historique est gardé."), _("Réactiver le compte"));
	}
	if (!child && a->active) {
		buf_html(&r->out, "<form method=\"post\" action=\"/admin/compte/%lld/mot-de-passe\">", (long long)a->id);
		page_csrf_field(r);
		buf_html(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>", _("Donner un nouveau mot de passe provisoire"));
	}
	buf_adds(&r->out, "</section>");
}

static int account_form(struct request *r, int status, const struct account_row *a, const struct person_input *in,
			const struct field_errors *errors)
{
	bool child = strcmp(a->role, "eleve") == 0;

	page_begin(r, a->first_name);
	buf_html(&r->out, "<h1>%s %s</h1><p class=\"lead\">%s · %s <code>%s</code></p>", a->first_name, a->last_initial,
		 role_label(a->role), _("identifiant"), a->login);
	buf_html(&r->out, "<p>%s</p>", _("Modifiez le prénom, l'initiale, le niveau ou les groupes, puis enregistrez. Le rôle et l'identifiant ne changent pas."));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	widget_error_summary(r, errors);
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/compte/%lld\" data-once>", (long long)a->id);
	page_csrf_field(r);
	person_fields(r, a->structure_id, in, errors, child, false);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></div></form>",
		 _("Enregistrer"), (long long)a->structure_id, _("Retour à la structure"));
	account_buttons(r, a);
	page_end(r);
	return status;
}

int page_account_edit(struct request *r)
{
	struct account_row a;
	struct person_input in = { 0 };

	if (!managed_account(r, &a))
		return page_not_found(r);
	in.role = a.role;
	in.first_name = a.first_name;
	in.last_initial = a.last_initial;
	in.level = a.level;
	in.login = a.login;
	account_groups(r, a.id, &in);
	return account_form(r, 200, &a, &in, NULL);
}

int page_account_update(struct request *r)
{
	struct field_errors errors = { .count = 0 };
	struct person_input in;
	struct account_row a;
	char url[96];

	if (!managed_account(r, &a))
		return page_not_found(r);
	if (!input_from_form(&r->body, &in, a.role))
		return page_error(r, 400, _("Le formulaire a été modifié : rechargez la page puis recommencez."));
	in.login = a.login;
	if (people_update(r->db, r->user.id, a.id, a.structure_id, &in, &errors) < 0) {
		if (errors.count)
			return account_form(r, 422, &a, &in, &errors);
		return page_error(r, 500, _("Les modifications n'ont pas pu être enregistrées."));
	}
	snprintf(url, sizeof(url), "/admin/compte/%lld?fait=1", (long long)a.id);
	return request_redirect(r, url);
}

int page_account_deactivate_confirm(struct request *r)
{
	struct account_row a;

	if (!managed_account(r, &a))
		return page_not_found(r);
	page_begin(r, _("Désactiver le compte"));
	buf_html(&r->out, "<h1>%s %s %s ?</h1><p>%s</p>", _("Désactiver le compte de"), a.first_name, a.last_initial,
		 _("La personne ne pourra plus se connecter. Son historique est gardé et vous pourrez réactiver le compte à tout moment."));
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/compte/%lld/desactiver\">", (long long)a.id);
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/compte/%lld\">%s</a></div></form>",
		 _("Oui, désactiver"), (long long)a.id, _("Non, revenir"));
	page_end(r);
	return 200;
}

static int set_active(struct request *r, bool active)
{
	char url[96], message[OFFER_MESSAGE_MAX];
	struct account_row a;
	int rc;

	if (!managed_account(r, &a))
		return page_not_found(r);
	if (a.id == r->user.id && !active)
		return page_error(r, 409, _("Vous ne pouvez pas désactiver votre propre compte : demandez à un autre administrateur."));
	rc = people_set_active(r->db, r->user.id, a.id, active, message, sizeof(message));
	if (rc == PEOPLE_NO_SEAT)
		return page_error(r, 409, message);
	if (rc < 0)
		return page_error(r, 500, _("Le compte n'a pas pu être modifié."));
	snprintf(url, sizeof(url), "/admin/compte/%lld?fait=1", (long long)a.id);
	return request_redirect(r, url);
}

int page_account_deactivate(struct request *r)
{
	return set_active(r, false);
}

int page_account_reactivate(struct request *r)
{
	return set_active(r, true);
}

/* ---- new temporary password for an adult (argon2id on a worker) ---- */

struct reset_job {
	int64_t account_id;
	char login[ACCOUNT_LOGIN_MAX + 1];
	char password[32];
	int rc;
};

static void reset_work(struct request *r, struct db *db)
{
	struct reset_job *job = r->job_data;

	job->rc = people_reset_password(db, r->user.id, job->account_id, job->password, sizeof(job->password));
}

static int reset_done(struct request *r)
{
	struct reset_job *job = r->job_data;

	if (job->rc < 0)
		return page_error(r, 500, _("Le mot de passe n'a pas pu être changé."));
	page_begin(r, _("Nouveau mot de passe"));
	buf_html(&r->out, "<h1>%s</h1>", _("Nouveau mot de passe provisoire"));
	widget_flash(r, "success", _("Toutes les sessions de ce compte sont fermées. Donnez ce mot de passe à la personne : il ne sera plus affiché, et elle devra le changer à sa prochaine connexion."));
	buf_html(&r->out, "<dl class=\"card\"><dt>%s</dt><dd><code>%s</code></dd><dt>%s</dt><dd><code>%s</code></dd></dl>"
			  "<p><a class=\"btn btn-secondary\" href=\"/admin/compte/%lld\">%s</a></p>",
		 _("Identifiant"), job->login, _("Mot de passe provisoire"), job->password, (long long)job->account_id, _("Retour"));
	page_end(r);
	return 200;
}

int page_account_reset_password(struct request *r)
{
	struct account_row a;
	struct reset_job *job;

	if (!managed_account(r, &a) || strcmp(a.role, "eleve") == 0)
		return page_not_found(r);
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = free;
	job->account_id = a.id;
	snprintf(job->login, sizeof(job->login), "%s", a.login);
	if (request_defer(r, reset_work, reset_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

/* ---- a child's pictures and card, for the adults who follow the child ---- */

/* The child of the URL when the person may see them; 0 otherwise. */
static int followed_child(struct request *r, struct account_row *a)
{
	int64_t id = param_id(r, 0);

	if (!id || id == r->user.id || account_find(r->db, id, a) != 1 || strcmp(a->role, "eleve") != 0 ||
	    !scope_child(r->db, &r->user, id))
		return 0;
	return 1;
}

int page_child_card(struct request *r)
{
	struct account_row a;
	char *pictures_text = NULL;
	struct db_stmt *st;

	if (!followed_child(r, &a))
		return page_not_found(r);
	st = db_prepare(r->db, "SELECT coalesce(picture_secret, '') FROM account WHERE id = ?");
	if (st) {
		db_bind_int(st, 1, a.id);
		if (db_step(st) == DB_ROW)
			pictures_text = strdup(db_column_text(st, 0));
		db_reset(st);
	}
	page_begin(r, _("Images et carte"));
	buf_html(&r->out, "<h1>%s %s %s</h1>", _("Les images de"), a.first_name, a.last_initial);
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("Nouvelles images données : l'ancienne carte ne marche plus. Imprimez la nouvelle."));
	pictures_show(r, pictures_text ? pictures_text : "");
	free(pictures_text);
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/eleve/%lld/carte.pdf\">%s</a></p>",
		 (long long)a.id, _("Imprimer sa carte"));
	buf_html(&r->out, "<form method=\"post\" action=\"/eleve/%lld/carte\">", (long long)a.id);
	page_csrf_field(r);
	buf_html(&r->out, "<p>%s</p><label class=\"choice\"><input type=\"checkbox\" name=\"confirmer\" value=\"oui\" required> %s</label>"
			  "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>",
		 _("Carte perdue ou images oubliées ? De nouvelles images remplacent les anciennes, et le code QR de l'ancienne carte ne marche plus."),
		 _("Oui, je remplace ses images et sa carte"), _("Donner de nouvelles images"));
	page_end(r);
	return 200;
}

int page_child_new_card(struct request *r)
{
	struct account_row a;
	char pictures_text[64], url[96];

	if (!followed_child(r, &a))
		return page_not_found(r);
	/* The old card stops working: ask first, as for every destructive action. */
	if (!form_get(&r->body, "confirmer") || strcmp(form_get(&r->body, "confirmer"), "oui") != 0)
		return page_error(r, 422, _("Cochez « Oui, je remplace ses images et sa carte » pour confirmer, puis validez de nouveau."));
	if (people_new_card(r->db, r->user.id, a.id, pictures_text, sizeof(pictures_text)) < 0)
		return page_error(r, 500, _("Les nouvelles images n'ont pas pu être enregistrées."));
	snprintf(url, sizeof(url), "/eleve/%lld/carte?fait=1", (long long)a.id);
	return request_redirect(r, url);
}

int page_child_unlock(struct request *r)
{
	struct account_row a;
	char key[96], url[96], peer[64];
	int64_t group;

	if (!followed_child(r, &a))
		return page_not_found(r);
	snprintf(key, sizeof(key), "account:%lld", (long long)a.id);
	if (login_failure_clear(r->db, key) < 0)
		return page_error(r, 500, _("Le déblocage n'a pas pu être enregistré."));
	/* The adult is usually on the children's network: clear its count of
	 * children's failures too, or the child could stay locked by it. */
	request_peer(r, peer, sizeof(peer));
	snprintf(key, sizeof(key), "%s%s", LOGIN_KEY_CHILDREN, peer);
	login_failure_clear(r->db, key);
	audit_record(r->db, r->user.id, "unlock", "eleve", a.id, a.structure_id, "");
	group = db_query_int_param2(r->db, "SELECT c.group_id FROM group_member c JOIN group_member a ON a.group_id = c.group_id "
					   "WHERE c.account_id = ? AND a.account_id = ? LIMIT 1", a.id, r->user.id, 0);
	if (group)
		snprintf(url, sizeof(url), "/groupe/%lld?fait=1", (long long)group);
	else
		snprintf(url, sizeof(url), "/admin/compte/%lld?fait=1", (long long)a.id);
	return request_redirect(r, url);
}
