/* The opérateur's exercise import: upload a GIFT, Moodle XML or QTI file,
 * get it converted (on a worker) with the report of what was left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "content/activity.h"
#include "core/log.h"
#include "http/multipart.h"
#include "integ/exo.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

static const char *const subjects[] = { "mathematiques", "francais" };
static const char *const subject_labels[] = { "Mathématiques", "Maîtrise de la langue" };
static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };

struct exo_job {
	char *data;
	size_t len;
	char filename[256];
	char id[80];
	char subject[32];
	char level[8];
	struct exo_set set;
	struct buf text;
	int rc;
};

static void exo_job_free(void *data)
{
	struct exo_job *job = data;

	if (!job)
		return;
	free(job->data);
	exo_set_release(&job->set);
	buf_release(&job->text);
	free(job);
}

static int form_page(struct request *r, int status, const char *error)
{
	page_begin(r, _("Importer des exercices"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Importer des exercices"),
		 _("Un fichier GIFT (.gift, .txt), un export Moodle XML (.xml), un item QTI 2.1 (.xml) ou un paquet QTI 2.1 (.zip) devient une activité d'Ardoise à relire."));
	if (error)
		widget_flash(r, "error", error);
	buf_adds(&r->out, "<form method=\"post\" action=\"/operateur/exercices\" enctype=\"multipart/form-data\">");
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"field\"><label for=\"fichier\">%s</label><input type=\"file\" id=\"fichier\" name=\"fichier\" required accept=\".gift,.txt,.xml,.zip\"></div>",
		 _("Fichier d'exercices"));
	widget_select(r, "matiere", _("Matière"), subjects, subject_labels, 2, NULL, NULL);
	widget_select(r, "niveau", _("Niveau"), levels, levels, 4, "CM1", NULL);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>", _("Convertir"));
	page_end(r);
	return status;
}

static int operator_only(struct request *r)
{
	if ((r->user.caps & CAP_MANAGE_CONTENT) && scope_national(&r->user))
		return 0;
	return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
}

int page_exo_import_form(struct request *r)
{
	int status = operator_only(r);

	return status ? status : form_page(r, 200, NULL);
}

static void exo_work(struct request *r, struct db *db)
{
	struct exo_job *job = r->job_data;
	struct exo_meta meta = { job->id, job->subject, job->level, exo_default_competency(job->subject), "import" };

	job->rc = exo_convert(job->filename, job->data, job->len, &meta, &job->set, &job->text);
}

static void report_list(struct request *r, const struct exo_set *s)
{
	const char *p = buf_cstr(&s->report), *eol;

	if (!*p)
		return;
	buf_html(&r->out, "<h2>%s</h2><ul>", _("Ce qui n'a pas été converti"));
	for (; (eol = strchr(p, '\n')); p = eol + 1)
		buf_html(&r->out, "<li>%.*s</li>", (int)(eol - p), p);
	buf_adds(&r->out, "</ul>");
}

static int exo_done(struct request *r)
{
	struct exo_job *job = r->job_data;
	char message[160];

	log_info("exercise import request=%s account=%lld file=\"%.60s\" questions=%zu refused=%zu", r->id, (long long)r->user.id,
		 job->filename, job->set.count, job->set.report_lines);
	page_begin(r, _("Importer des exercices"));
	buf_html(&r->out, "<h1>%s</h1>", _("Résultat de l'import"));
	if (job->rc < 0) {
		widget_flash(r, "error", _("Aucune question n'a pu être convertie : voyez la liste ci-dessous, corrigez le fichier et recommencez."));
		report_list(r, &job->set);
		page_end(r);
		return 422;
	}
	snprintf(message, sizeof(message), _("%zu question(s) convertie(s)."), job->set.count);
	widget_flash(r, "success", message);
	report_list(r, &job->set);
	buf_html(&r->out, "<h2>%s</h2><p>%s <code>content/%s/import/%s.md</code>%s</p>", _("Activité convertie"),
		 _("Relisez-la, enregistrez-la sous"), job->subject, job->id, _(", puis vérifiez-la avec « ardoise content check »."));
	buf_html(&r->out, "<label for=\"texte\">%s</label><textarea id=\"texte\" rows=\"20\" cols=\"80\" readonly>%s</textarea>", _("Texte de l'activité"),
		 buf_cstr(&job->text));
	page_end(r);
	return 200;
}

static int choice_ok(const char *value, const char *const *choices, size_t count)
{
	size_t i;

	for (i = 0; value && i < count; i++)
		if (strcmp(value, choices[i]) == 0)
			return 1;
	return 0;
}

int page_exo_import(struct request *r)
{
	const struct multipart_part *file = r->files ? multipart_file(r->files, "fichier") : NULL;
	const char *subject = form_get(&r->body, "matiere"), *level = form_get(&r->body, "niveau");
	struct exo_job *job;
	int status = operator_only(r);

	if (status)
		return status;
	if (!file || !file->len)
		return form_page(r, 422, _("Choisissez un fichier d'exercices non vide."));
	if (file->len > EXO_FILE_MAX)
		return form_page(r, 413, _("Le fichier dépasse 8 Mio : découpez-le."));
	if (!choice_ok(subject, subjects, 2) || !choice_ok(level, levels, 4))
		return form_page(r, 422, _("Choisissez la matière et le niveau dans les listes."));
	job = calloc(1, sizeof(*job));
	if (!job || exo_set_init(&job->set) < 0 || !(job->data = malloc(file->len))) {
		exo_job_free(job);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	buf_init(&job->text, 0);
	memcpy(job->data, file->data, file->len);
	job->len = file->len;
	snprintf(job->filename, sizeof(job->filename), "%s", file->filename ? file->filename : "");
	snprintf(job->subject, sizeof(job->subject), "%s", subject);
	snprintf(job->level, sizeof(job->level), "%s", level);
	exo_id_from_name(job->filename, job->id, sizeof(job->id));
	r->job_data = job;
	r->job_free = exo_job_free;
	if (request_defer(r, exo_work, exo_done) < 0)
		return page_error(r, 503, _("Le serveur est très occupé. Réessayez dans un instant."));
	return HANDLER_DEFERRED;
}
