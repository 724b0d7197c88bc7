/*
 * /operateur/contenu: the opérateur uploads a content package, reads the
 * check report (file:line problems) and publishes it while the server runs.
 * Unpacking, checking and publishing run on a worker thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/publish.h"
#include "core/log.h"
#include "http/multipart.h"
#include "http/server.h"
#include "web/format.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define PACKAGES_SHOWN 20

struct publish_job {
	char *data; /* copy of the upload: the request body may go away */
	size_t len;
	char file_name[MULTIPART_MAX_NAME_BYTES + 1];
	int64_t account_id;
	int64_t package_id;
	int rc;
	struct package_result result;
};

static void publish_job_free(void *data)
{
	struct publish_job *job = data;

	if (!job)
		return;
	free(job->data);
	package_result_release(&job->result);
	free(job);
}

static const char *status_label(const char *status)
{
	if (strcmp(status, "published") == 0)
		return _("publié");
	if (strcmp(status, "checked") == 0)
		return _("vérifié, à publier");
	return _("refusé");
}

static void packages_table(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT id, file_name, status, item_count, uploaded_at FROM content_package "
					       "ORDER BY id DESC LIMIT ?");
	char date[32];

	if (!st)
		return;
	db_bind_int(st, 1, PACKAGES_SHOWN);
	buf_html(&r->out, "<h2>%s</h2><table class=\"table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Derniers paquets"), _("Date"), _("Fichier"), _("Contenus"), _("État"));
	while (db_step(st) == DB_ROW) {
		format_date_paris(db_column_int(st, 4), date, sizeof(date));
		buf_html(&r->out, "<tr><td>%s</td><td>%s</td><td>%lld</td><td>%s</td></tr>", date, db_column_text(st, 1),
			 (long long)db_column_int(st, 3), status_label(db_column_text(st, 2)));
	}
	db_reset(st);
	buf_adds(&r->out, "</tbody></table>");
}

static void upload_form(struct request *r)
{
	buf_html(&r->out, "<form method=\"post\" action=\"/operateur/contenu\" enctype=\"multipart/form-data\">"
			  "<p><label for=\"paquet\">%s</label><br><span class=\"hint\" id=\"paquet-aide\">%s</span><br>"
			  "<input id=\"paquet\" type=\"file\" name=\"paquet\" accept=\".tar.gz,.tgz,.zip\" aria-describedby=\"paquet-aide\" required></p>",
		 _("Paquet de contenu (.tar.gz ou .zip)"),
		 _("L'archive du dossier content : les dossiers des matières, referentiel/ et media/. Rien n'est publié avant votre confirmation."));
	page_csrf_field(r);
	buf_html(&r->out, "<p><button class=\"btn btn-primary\" type=\"submit\">%s</button></p></form>", _("Vérifier le paquet"));
}

int page_publish_form(struct request *r)
{
	const char *published = form_get(&r->query, "publie");

	page_begin(r, _("Publier du contenu"));
	buf_html(&r->out, "<h1>%s</h1>", _("Publier du contenu"));
	if (published)
		widget_flash(r, "success", _("Le paquet est publié : les nouvelles pages l'utilisent déjà."));
	upload_form(r);
	packages_table(r);
	page_end(r);
	return 200;
}

static void report_render(struct request *r, const char *report)
{
	const char *line = report, *end;

	buf_html(&r->out, "<h2>%s</h2><ul class=\"report\">", _("Problèmes à corriger"));
	while (line && *line) {
		end = strchr(line, '\n');
		buf_html(&r->out, "<li><code>%.*s</code></li>", (int)(end ? end - line : (long)strlen(line)), line);
		line = end ? end + 1 : NULL;
	}
	buf_adds(&r->out, "</ul>");
}

static void check_work(struct request *r, struct db *db)
{
	struct publish_job *job = r->job_data;

	job->rc = package_check(db, server_media_dir(), job->account_id, job->file_name, job->data, job->len, &job->result);
	free(job->data);
	job->data = NULL;
}

static int check_done(struct request *r)
{
	struct publish_job *job = r->job_data;
	const struct package_result *res = &job->result;

	if (job->rc < 0)
		return page_error(r, 500, _("Le paquet n'a pas pu être vérifié. Réessayez dans un instant."));
	page_begin(r, _("Vérification du paquet"));
	buf_html(&r->out, "<h1>%s</h1><p>%s <strong>%s</strong> : %lu %s.</p>", _("Vérification du paquet"), _("Fichier"),
		 job->file_name, (unsigned long)res->item_count, _("contenu(s) lu(s)"));
	if (res->status == PACKAGE_REJECTED) {
		widget_flash(r, "error", _("Le paquet n'est pas publiable : corrigez les problèmes ci-dessous, puis envoyez-le de nouveau. Rien n'a été publié."));
		report_render(r, res->report);
		upload_form(r);
	} else {
		widget_flash(r, "success", _("Aucun problème : vous pouvez publier le paquet. Les élèves en cours d'activité ne sont pas interrompus."));
		buf_html(&r->out, "<form method=\"post\" action=\"/operateur/contenu/%lld/publier\">", (long long)res->id);
		page_csrf_field(r);
		buf_html(&r->out, "<p><button class=\"btn btn-primary\" type=\"submit\">%s</button> <a class=\"btn btn-secondary\" "
				  "href=\"/operateur/contenu\">%s</a></p></form>",
			 _("Publier"), _("Annuler"));
	}
	page_end(r);
	return res->status == PACKAGE_REJECTED ? 422 : 200;
}

int page_publish_upload(struct request *r)
{
	const struct multipart_part *file = multipart_file(r->files, "paquet");
	struct publish_job *job;

	if (!server_media_dir())
		return page_error(r, 503, _("Le serveur n'a pas de dossier media : relancez-le avec --media DOSSIER."));
	if (!file || !file->len) {
		page_begin(r, _("Publier du contenu"));
		buf_html(&r->out, "<h1>%s</h1>", _("Publier du contenu"));
		widget_flash(r, "error", _("Choisissez le fichier .tar.gz ou .zip du paquet."));
		upload_form(r);
		page_end(r);
		return 422;
	}
	job = calloc(1, sizeof(*job));
	if (!job || !(job->data = malloc(file->len))) {
		free(job);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	r->job_data = job;
	r->job_free = publish_job_free;
	memcpy(job->data, file->data, file->len);
	job->len = file->len;
	job->account_id = r->user.id;
	snprintf(job->file_name, sizeof(job->file_name), "%s", *file->filename ? file->filename : "paquet");
	if (request_defer(r, check_work, check_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

static void publish_work(struct request *r, struct db *db)
{
	struct publish_job *job = r->job_data;

	job->rc = package_publish(db, server_media_dir(), job->package_id, server_catalog_publish, &job->result);
}

static int publish_done(struct request *r)
{
	struct publish_job *job = r->job_data;
	char location[64];

	if (job->rc < 0)
		return page_error(r, 500, _("Le paquet n'a pas pu être publié ; rien n'a changé. Réessayez dans un instant."));
	if (job->rc > 0)
		return page_error(r, 409, _("Ce paquet n'est pas à publier : il est déjà publié, refusé ou inconnu. Envoyez-le de nouveau."));
	if (job->result.status == PACKAGE_REJECTED) {
		page_begin(r, _("Publication refusée"));
		buf_html(&r->out, "<h1>%s</h1>", _("Publication refusée"));
		widget_flash(r, "error", _("Rien n'a été publié : corrigez les problèmes ci-dessous, puis envoyez le paquet de nouveau."));
		report_render(r, job->result.report);
		page_end(r);
		return 422;
	}
	snprintf(location, sizeof(location), "/operateur/contenu?publie=%lld", (long long)job->package_id);
	return request_redirect(r, location);
}

int page_publish(struct request *r)
{
	int64_t id = param_id(r, 0);
	struct publish_job *job;

	if (id <= 0)
		return page_not_found(r);
	if (!server_media_dir())
		return page_error(r, 503, _("Le serveur n'a pas de dossier media : relancez-le avec --media DOSSIER."));
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	job->package_id = id;
	r->job_data = job;
	r->job_free = publish_job_free;
	if (request_defer(r, publish_work, publish_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}
