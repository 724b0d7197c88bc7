/* The adults' training space: self-paced modules (content files with
 * "audience: adultes") and in-person sessions with registration; for the
 * opérateur, the sessions, their attendance and the certificates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "core/log.h"
#include "offer/training.h"
#include "web/format.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define SESSIONS_SHOWN 200

static void modules_list(struct request *r)
{
	size_t i;

	buf_html(&r->out, "<h2>%s</h2><ul class=\"list-activities\">", _("Modules à suivre à votre rythme"));
	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;

		if (!a->adults_only)
			continue;
		buf_html(&r->out, "<li><a class=\"activity-link\" href=\"/formation/module/%U\"><span class=\"activity-title\">%s</span>"
				  "<span class=\"activity-meta\">%d %s</span></a></li>", a->id, a->title, a->minutes, _("min environ"));
	}
	buf_adds(&r->out, "</ul>");
}

static void session_row(struct request *r, struct db_stmt *st, time_t now)
{
	int64_t id = db_column_int(st, 0), capacity = db_column_int(st, 4), registered = db_column_int(st, 5);
	bool mine = db_column_int(st, 6) > 0, attended = db_column_int(st, 7) > 0;
	time_t starts = (time_t)db_column_int(st, 1);
	char date[40];

	format_date_paris(starts, date, sizeof(date));
	buf_html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%lld / %lld</td><td>", date, db_column_text(st, 2),
		 training_audience_label(db_column_text(st, 3)), (long long)registered, (long long)capacity);
	if (attended)
		buf_html(&r->out, "<a href=\"/formation/session/%lld/attestation.pdf\">%s</a>", (long long)id, _("Attestation de présence"));
	else if (starts > now && (mine || training_audience_allows(db_column_text(st, 3), r->user.role))) {
		buf_html(&r->out, "<form method=\"post\" action=\"/formation/session/%lld/%s\">", (long long)id, mine ? "desinscription" : "inscription");
		page_csrf_field(r);
		buf_html(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>", mine ? _("Me désinscrire") : _("M'inscrire"));
	} else if (mine) {
		buf_html(&r->out, "%s", _("inscrit"));
	}
	buf_adds(&r->out, "</td></tr>");
}

static void sessions_list(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT s.id, s.starts_at, s.place, s.audience, s.capacity, "
					       "(SELECT count(*) FROM training_registration g WHERE g.session_id = s.id), "
					       "(SELECT count(*) FROM training_registration g WHERE g.session_id = s.id AND g.account_id = ?), "
					       "(SELECT count(*) FROM training_registration g WHERE g.session_id = s.id AND g.account_id = ? AND g.attended = 1) "
					       "FROM training_session s WHERE s.starts_at > ? OR EXISTS (SELECT 1 FROM training_registration g "
					       "WHERE g.session_id = s.id AND g.account_id = ?) ORDER BY s.starts_at LIMIT ?");
	time_t now = time(NULL);

	buf_html(&r->out, "<h2>%s</h2>", _("Sessions en présentiel"));
	if (!st)
		return;
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Date"), _("Lieu"), _("Public"), _("Inscrits"), _("Inscription"));
	db_bind_int(st, 1, r->user.id);
	db_bind_int(st, 2, r->user.id);
	db_bind_int(st, 3, (int64_t)now - 7 * 86400);
	db_bind_int(st, 4, r->user.id);
	db_bind_int(st, 5, SESSIONS_SHOWN);
	while (db_step(st) == DB_ROW)
		session_row(r, st, now);
	db_reset(st);
	buf_adds(&r->out, "</tbody></table></div>");
}

static int training_page(struct request *r, int status, const char *flash)
{
	page_begin(r, _("Formation"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Formation"),
		 _("Des modules courts pour bien accompagner les enfants, et des sessions en présentiel avec un formateur."));
	if (flash)
		widget_flash(r, status < 400 ? "success" : "error", flash);
	modules_list(r);
	sessions_list(r);
	page_end(r);
	return status;
}

int page_training(struct request *r)
{
	return training_page(r, 200, form_get(&r->query, "fait") ? _("C'est enregistré.") : NULL);
}

/* A module is read, not graded: each question shows its expected answer
 * and explanation on request. */
static void module_question(struct request *r, const struct question *q, size_t index)
{
	size_t i;

	buf_html(&r->out, "<section class=\"card\"><h2>%s %lu</h2>%S", _("Question"), (unsigned long)(index + 1), q->prompt_html ? q->prompt_html : "");
	if (q->kind == QUESTION_CHOICE) {
		buf_adds(&r->out, "<ul>");
		for (i = 0; i < q->option_count; i++)
			buf_html(&r->out, "<li>%S</li>", q->options[i].html);
		buf_adds(&r->out, "</ul>");
	}
	buf_html(&r->out, "<details><summary>%s</summary>", _("Voir la réponse commentée"));
	for (i = 0; q->kind == QUESTION_CHOICE && i < q->option_count; i++)
		if (q->options[i].correct)
			buf_html(&r->out, "<p>✔ %S</p>", q->options[i].html);
	if (q->kind == QUESTION_NUMERIC && q->answer_text)
		buf_html(&r->out, "<p>%s</p>", q->answer_text);
	buf_html(&r->out, "%S%S</details></section>", q->feedback_right_html ? q->feedback_right_html : "",
		 q->feedback_wrong_html ? q->feedback_wrong_html : "");
}

int page_training_module(struct request *r)
{
	const struct activity *a = catalog_find(r->catalog, r->params[0]);
	size_t i;

	if (!a || !a->adults_only)
		return page_not_found(r);
	page_begin(r, a->title);
	buf_html(&r->out, "<article class=\"activity\"><h1>%s</h1><p class=\"lead\">%d %s</p>%S", a->title, a->minutes, _("min environ"),
		 a->intro_html ? a->intro_html : "");
	for (i = 0; i < a->question_count; i++)
		module_question(r, &a->questions[i], i);
	buf_html(&r->out, "</article><p><a href=\"/formation\">%s</a></p>", _("← Formation"));
	page_end(r);
	return 200;
}

int page_training_register(struct request *r)
{
	int64_t id = param_id(r, 0);
	struct training_session s;
	char message[256] = "";
	int rc;

	if (!id || training_session_find(r->db, id, &s) != 1)
		return page_not_found(r);
	rc = training_register(r->db, id, r->user.id, r->user.role, time(NULL), message, sizeof(message));
	if (rc == 0)
		return training_page(r, 409, message);
	if (rc < 0)
		return page_error(r, 500, _("L'inscription n'a pas pu être enregistrée. Réessayez dans un instant."));
	return request_redirect(r, "/formation?fait=1");
}

int page_training_unregister(struct request *r)
{
	int64_t id = param_id(r, 0);

	if (!id)
		return page_not_found(r);
	if (training_unregister(r->db, id, r->user.id, time(NULL)) < 0)
		return page_error(r, 500, _("La désinscription n'a pas pu être enregistrée. Réessayez dans un instant."));
	return request_redirect(r, "/formation?fait=1");
}

/* ---- certificates, rendered on a worker ---- */

struct certificate_job {
	int64_t session_id, account_id;
	int found;
	unsigned char *pdf;
	size_t len;
	char error[256];
};

static void certificate_job_free(void *data)
{
	struct certificate_job *job = data;

	if (job)
		free(job->pdf);
	free(job);
}

static void certificate_work(struct request *r, struct db *db)
{
	struct certificate_job *job = r->job_data;

	job->found = training_certificate_pdf(db, job->session_id, job->account_id, &job->pdf, &job->len, job->error, sizeof(job->error));
}

static int certificate_done(struct request *r)
{
	struct certificate_job *job = r->job_data;

	if (job->found == 0)
		return page_error(r, 404, _("Aucune présence n'est enregistrée pour cette session : l'attestation est délivrée après la session, quand le formateur a noté les présents."));
	if (job->found < 0) {
		log_error("certificate failed request=%s session=%lld reason=\"%s\"", r->id, (long long)job->session_id, job->error);
		return page_error(r, 500, _("L'attestation n'a pas pu être préparée. Réessayez dans un instant."));
	}
	r->content_type = "application/pdf";
	request_add_header(r, "content-disposition", "inline; filename=\"attestation-presence.pdf\"");
	buf_add(&r->out, job->pdf, job->len);
	return 200;
}

static int certificate_start(struct request *r, int64_t session_id, int64_t account_id)
{
	struct certificate_job *job;

	if (!session_id || !account_id)
		return page_not_found(r);
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = certificate_job_free;
	job->session_id = session_id;
	job->account_id = account_id;
	if (request_defer(r, certificate_work, certificate_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

int page_training_certificate(struct request *r)
{
	return certificate_start(r, param_id(r, 0), r->user.id);
}

int page_training_certificate_for(struct request *r)
{
	return certificate_start(r, param_id(r, 0), param_id(r, 1));
}
