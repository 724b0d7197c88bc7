/* An adult's own account: change the password, sign out everywhere. */
#include <stdlib.h>
#include <string.h>

#include "auth/account.h"
#include "auth/password.h"
#include "auth/roles.h"
#include "core/log.h"
#include "org/people.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define PASSWORD_MIN_CHARS 10

struct password_job {
	char current[PASSWORD_MAX_BYTES + 1];
	char fresh[PASSWORD_MAX_BYTES + 1];
	struct field_errors errors;
	bool done;
};

static void password_job_free(void *data)
{
	struct password_job *job = data;

	if (job) {
		sodium_memzero(job->current, sizeof(job->current));
		sodium_memzero(job->fresh, sizeof(job->fresh));
	}
	free(job);
}

static int account_page(struct request *r, int status, const struct field_errors *errors)
{
	page_begin(r, _("Mon compte"));
	buf_html(&r->out, "<h1>%s</h1>", _("Mon compte"));
	if (r->user.must_change_password)
		widget_flash(r, "info", _("Votre mot de passe est provisoire : choisissez-en un nouveau pour continuer."));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("Votre mot de passe est changé."));
	widget_error_summary(r, errors);
	buf_adds(&r->out, "<section class=\"card\"><form method=\"post\" action=\"/compte/mot-de-passe\" data-once>");
	page_csrf_field(r);
	buf_html(&r->out, "<h2>%s</h2>", _("Changer de mot de passe"));
	widget_text(r, "actuel", _("Mot de passe actuel"), NULL, NULL, errors, "type=\"password\" autocomplete=\"current-password\" required maxlength=\"256\"");
	widget_text(r, "nouveau", _("Nouveau mot de passe"), NULL, _("10 caractères au moins. Une phrase facile à retenir convient bien."),
		    errors, "type=\"password\" autocomplete=\"new-password\" required maxlength=\"256\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Changer le mot de passe"));
	buf_adds(&r->out, "<section class=\"card\"><form method=\"post\" action=\"/compte/deconnexion-partout\">");
	page_csrf_field(r);
	buf_html(&r->out, "<h2>%s</h2><p>%s</p><button class=\"btn btn-secondary\" type=\"submit\">%s</button></form></section>",
		 _("Sessions"), _("Vous avez oublié de vous déconnecter sur un ordinateur partagé ? Fermez toutes vos sessions, sur tous les appareils."),
		 _("Me déconnecter partout"));
	page_end(r);
	return status;
}

int page_account(struct request *r)
{
	if (r->user.caps & CAP_DO_ACTIVITIES)
		return page_not_found(r);
	return account_page(r, 200, NULL);
}

static void password_work(struct request *r, struct db *db)
{
	struct password_job *job = r->job_data;
	struct account_row a;
	char hash[PASSWORD_HASH_BYTES];
	struct db_stmt *st;

	if (account_find(db, r->user.id, &a) != 1 || !password_verify(a.secret_hash, job->current)) {
		field_errors_add(&job->errors, "actuel", "Le mot de passe actuel est incorrect.");
		return;
	}
	if (password_hash(job->fresh, hash) < 0 || !(st = db_prepare(db, "UPDATE account SET secret_hash = ?, must_change_password = 0 WHERE id = ?")))
		return;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, a.id);
	job->done = db_step(st) == DB_DONE;
	db_reset(st);
	if (job->done)
		audit_record(db, a.id, "change-password", "account", a.id, a.structure_id, "");
}

static int password_done(struct request *r)
{
	struct password_job *job = r->job_data;

	if (job->errors.count)
		return account_page(r, 422, &job->errors);
	if (!job->done)
		return page_error(r, 500, _("Le mot de passe n'a pas pu être changé. Réessayez."));
	r->user.must_change_password = 0;
	return request_redirect(r, "/compte?fait=1");
}

/* Number of characters of a valid UTF-8 string. */
static size_t chars_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int page_account_password(struct request *r)
{
	const char *current = form_get(&r->body, "actuel"), *fresh = form_get(&r->body, "nouveau");
	struct password_job *job;

	if (r->user.caps & CAP_DO_ACTIVITIES)
		return page_not_found(r);
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = password_job_free;
	if (!current || !*current)
		field_errors_add(&job->errors, "actuel", "Écrivez votre mot de passe actuel.");
	if (!fresh || chars_count(fresh) < PASSWORD_MIN_CHARS)
		field_errors_add(&job->errors, "nouveau", "Le nouveau mot de passe doit faire %d caractères au moins.", PASSWORD_MIN_CHARS);
	else if (strlen(fresh) > PASSWORD_MAX_BYTES)
		field_errors_add(&job->errors, "nouveau", "Le nouveau mot de passe doit faire %d octets au plus.", PASSWORD_MAX_BYTES);
	else if (current && strcmp(current, fresh) == 0)
		field_errors_add(&job->errors, "nouveau", "Choisissez un mot de passe différent de l'actuel.");
	if (job->errors.count)
		return account_page(r, 422, &job->errors);
	snprintf(job->current, sizeof(job->current), "%s", current);
	snprintf(job->fresh, sizeof(job->fresh), "%s", fresh);
	if (request_defer(r, password_work, password_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

int page_account_sign_out_everywhere(struct request *r)
{
	if (sessions_end(r->db, r->user.id) < 0)
		return page_error(r, 500, _("Les sessions n'ont pas pu être fermées."));
	request_set_cookie(r, SESSION_COOKIE, "", -1);
	log_info("signed out everywhere request=%s account=%lld", r->id, (long long)r->user.id);
	return request_redirect(r, "/connexion");
}
