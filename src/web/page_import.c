/* Administrateurs import a structure's class list from a CSV file: upload,
 * preview with every problem, confirmation, progress; and export it. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "http/multipart.h"
#include "org/import.h"
#include "org/people.h"
#include "web/import_job.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

/* Rows shown in the preview table; the import takes them all. */
#define IMPORT_PREVIEW_MAX_ROWS 1000
/* A pending import older than this is deleted when a new one is stored,
 * and can no longer be confirmed. */
#define PENDING_MAX_AGE_SECONDS (24 * 60 * 60)
#define STATUS_REFRESH_SECONDS 2
/* Children written by the export: as many as one import reads back.
 * NOTE: a structure with more active children gets a list cut at this
 * count (logged), and about 4 MiB of CSV fills the page buffer first. */
#define EXPORT_MAX_ROWS ROSTER_MAX_ROWS

static bool managed(struct request *r, int64_t structure_id)
{
	return structure_id && scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, structure_id);
}

/* ---- the upload form ---- */

static void formats_section(struct request *r, int64_t structure_id)
{
	buf_html(&r->out, "<section class=\"card\" id=\"formats\" aria-labelledby=\"formats-titre\"><h2 id=\"formats-titre\">%s</h2><ul>"
			  "<li>%s</li><li>%s</li><li>%s</li><li>%s</li></ul>"
			  "<p><a href=\"/admin/structure/%lld/modele.csv\">%s</a></p></section>",
		 _("Les fichiers acceptés"),
		 _("Le modèle Ardoise : une première ligne de titres « Prénom ; Nom ; Niveau ; Groupe », puis une ligne par enfant. Le niveau est CE2, CM1, CM2 ou 6e ; le groupe peut rester vide."),
		 _("L'export ONDE de l'école (fichier CSVExtraction.csv), importé tel quel."),
		 _("Un fichier CSV de 8 Mio et de 20 000 élèves au plus, en UTF-8, Windows-1252 ou ISO-8859-15, séparé par des points-virgules, des virgules ou des tabulations : Ardoise reconnaît tout cela seul."),
		 _("Pas de classeur .xlsx ou .ods : enregistrez-le d'abord au type « CSV UTF-8 » dans le tableur."),
		 (long long)structure_id, _("Télécharger le modèle à remplir (CSV)"));
}

static int upload_form(struct request *r, int status, int64_t structure_id, const struct field_errors *errors)
{
	page_begin(r, _("Importer une liste d'élèves"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s <a href=\"#formats\">%s</a></p>", _("Importer une liste d'élèves"),
		 _("Envoyez la liste des enfants en CSV. Ardoise lit tout le fichier et vous montre ce qu'il a compris avant d'inscrire qui que ce soit ; il garde seulement l'initiale du nom de famille."),
		 _("Voir les fichiers acceptés."));
	widget_error_summary(r, errors);
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/structure/%lld/import\" enctype=\"multipart/form-data\">",
		 (long long)structure_id);
	page_csrf_field(r);
	widget_text(r, "fichier", _("Fichier CSV"), NULL, _("8 Mio et 20 000 élèves au plus."), errors,
		    "type=\"file\" accept=\".csv,.txt,text/csv,text/plain\" required");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></div></form>",
		 _("Lire le fichier"), (long long)structure_id, _("Annuler"));
	formats_section(r, structure_id);
	page_end(r);
	return status;
}

int page_import_form(struct request *r)
{
	int64_t structure_id = param_id(r, 0);

	if (!managed(r, structure_id))
		return page_not_found(r);
	return upload_form(r, 200, structure_id, NULL);
}

/* Send `len` bytes of CSV as a download named `filename`. */
static int csv_send(struct request *r, const char *csv, size_t len, const char *filename)
{
	char disposition[128];

	if (buf_add(&r->out, csv, len) < 0)
		return page_error(r, 500, _("Le fichier est trop gros pour être envoyé."));
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", filename);
	request_add_header(r, "content-disposition", disposition);
	r->content_type = "text/csv; charset=utf-8";
	return 200;
}

int page_import_template(struct request *r)
{
	int64_t structure_id = param_id(r, 0);
	size_t len = 0;
	char *csv;
	int status;

	if (!managed(r, structure_id))
		return page_not_found(r);
	csv = roster_export(NULL, 0, &len);
	if (!csv)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	status = csv_send(r, csv, len, "modele-eleves.csv");
	free(csv);
	return status;
}

/* ---- the upload and its preview: parsing runs on a worker ---- */

struct upload_job {
	int64_t structure_id;
	int64_t actor_id;
	char *data;        /* copy of the file: the request body may go away */
	size_t len;
	char filename[MULTIPART_MAX_NAME_BYTES + 1];
	struct import_plan plan;
	int rc;
	int64_t pending_id;
};

static void upload_job_free(void *data)
{
	struct upload_job *job = data;

	if (!job)
		return;
	free(job->data);
	import_plan_release(&job->plan);
	free(job);
}

static int pending_expire(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM pending_import WHERE created_at < ?");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)time(NULL) - PENDING_MAX_AGE_SECONDS);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* Store the file until it is confirmed; returns the row id or -1. */
static int64_t pending_store(struct db *db, const struct upload_job *job)
{
	size_t size = sodium_base64_ENCODED_LEN(job->len, sodium_base64_VARIANT_ORIGINAL);
	char *text = malloc(size);
	struct db_stmt *st;
	int64_t id = -1;

	if (!text || pending_expire(db) < 0)
		goto out;
	sodium_bin2base64(text, size, (const unsigned char *)job->data, job->len, sodium_base64_VARIANT_ORIGINAL);
	st = db_prepare(db, "INSERT INTO pending_import (structure_id, actor_id, data, created_at) VALUES (?, ?, ?, ?) RETURNING id");
	if (!st)
		goto out;
	db_bind_int(st, 1, job->structure_id);
	db_bind_int(st, 2, job->actor_id);
	db_bind_text(st, 3, text);
	db_bind_int(st, 4, (int64_t)time(NULL));
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
out:
	if (id < 0)
		log_error("pending import store failed structure=%lld error=\"%s\"", (long long)job->structure_id, db_errmsg(db));
	free(text);
	return id;
}

static void upload_work(struct request *r, struct db *db)
{
	struct upload_job *job = r->job_data;

	job->rc = import_plan_make(db, job->structure_id, job->data, job->len, &job->plan);
	if (job->rc == 0 && import_plan_ready(&job->plan)) {
		job->pending_id = pending_store(db, job);
		if (job->pending_id < 0)
			job->rc = -1;
	}
	free(job->data);
	job->data = NULL;
}

static const char *encoding_label(enum roster_encoding e)
{
	switch (e) {
	case ROSTER_UTF8: return "UTF-8";
	case ROSTER_UTF8_BOM: return _("UTF-8 avec BOM");
	case ROSTER_WINDOWS_1252: return "Windows-1252";
	case ROSTER_ISO_8859_15: return "ISO-8859-15";
	}
	return "";
}

static const char *separator_label(char separator)
{
	switch (separator) {
	case ';': return _("point-virgule « ; »");
	case ',': return _("virgule « , »");
	case '\t': return _("tabulation");
	}
	return "—";
}

static void file_summary(struct request *r, const struct upload_job *job)
{
	const struct roster *ro = &job->plan.roster;
	bool read = job->plan.parse_result == 0;

	buf_html(&r->out, "<dl class=\"card\"><dt>%s</dt><dd>%s</dd>", _("Fichier"), job->filename);
	if (read)
		buf_html(&r->out, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%lu</dd>",
			 _("Encodage"), encoding_label(ro->encoding), _("Séparateur"), separator_label(ro->separator),
			 _("Format"), ro->format ? ro->format : "—", _("Lignes vides ignorées"), (unsigned long)ro->blank_lines);
	buf_adds(&r->out, "</dl>");
}

/* Every problem, the file's and the structure's merged in line order; a
 * line 0 problem (the whole file) comes last. */
static void problems_list(struct request *r, const struct import_plan *p)
{
	const struct roster_problem *a = p->roster.problems, *b = p->problems;
	size_t i = 0, k = 0, na = p->roster.problem_count, nb = p->problem_count;

	buf_adds(&r->out, "<ol class=\"problems\">");
	while (i < na || k < nb) {
		bool take_a = k == nb || (i < na && a[i].line != 0 && a[i].line <= b[k].line);

		buf_html(&r->out, "<li>%s</li>", take_a ? a[i++].message : b[k++].message);
	}
	buf_adds(&r->out, "</ol>");
}

static void problems_section(struct request *r, const struct import_plan *p, int64_t structure_id)
{
	char text[256];

	snprintf(text, sizeof(text),
		 ngettext("%zu problème empêche l'import : aucun élève n'est inscrit. Corrigez la ligne citée dans le tableur, enregistrez le fichier, puis importez-le de nouveau.",
			  "%zu problèmes empêchent l'import : aucun élève n'est inscrit. Corrigez chaque ligne citée dans le tableur, enregistrez le fichier, puis importez-le de nouveau.",
			  import_plan_problems(p)),
		 import_plan_problems(p));
	widget_flash(r, "error", text);
	problems_list(r, p);
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/admin/structure/%lld/import\">%s</a></p>",
		 (long long)structure_id, _("Importer un fichier corrigé"));
}

static void rows_table(struct request *r, const struct import_plan *p)
{
	size_t i, shown = p->roster.row_count < IMPORT_PREVIEW_MAX_ROWS ? p->roster.row_count : IMPORT_PREVIEW_MAX_ROWS;

	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "</tr></thead><tbody>",
		 _("Les élèves lus dans le fichier"), _("Ligne"), _("Prénom"), _("Initiale du nom"), _("Niveau"), _("Groupe"));
	for (i = 0; i < shown; i++) {
		const struct roster_row *row = &p->roster.rows[i];

		buf_html(&r->out, "<tr><td data-label=\"%s\">%d</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
				  "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			 _("Ligne"), row->line, _("Prénom"), row->first_name, _("Initiale du nom"), p->initials[i],
			 _("Niveau"), row->level, _("Groupe"), row->group);
	}
	buf_adds(&r->out, "</tbody></table></div>");
	if (shown < p->roster.row_count)
		buf_html(&r->out, "<p>%s %lu %s</p>", _("Seuls les"), (unsigned long)shown,
			 _("premiers élèves sont affichés ; l'import les prendra tous."));
}

static void new_groups_note(struct request *r, const struct import_plan *p)
{
	size_t i;

	if (!p->new_group_count)
		return;
	buf_html(&r->out, "<div class=\"flash flash-info\"><p>%s</p><ul>", _("Ces groupes n'existent pas encore dans la structure : l'import les créera."));
	for (i = 0; i < p->new_group_count; i++)
		buf_html(&r->out, "<li>%s</li>", p->new_groups[i]);
	buf_adds(&r->out, "</ul></div>");
}

static void confirm_form(struct request *r, const struct upload_job *job)
{
	char label[128];

	snprintf(label, sizeof(label), ngettext("Confirmer l'import de %zu élève", "Confirmer l'import de %zu élèves", job->plan.roster.row_count),
		 job->plan.roster.row_count);
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/structure/%lld/import/%lld\" data-once>",
		 (long long)job->structure_id, (long long)job->pending_id);
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></div></form>",
		 label, (long long)job->structure_id, _("Annuler"));
}

static int upload_done(struct request *r)
{
	struct upload_job *job = r->job_data;
	const struct import_plan *p = &job->plan;
	bool ready = import_plan_ready(p);

	if (job->rc < 0)
		return page_error(r, 500, _("Le fichier n'a pas pu être lu. Réessayez dans un instant."));
	page_begin(r, _("Aperçu de l'import"));
	buf_html(&r->out, "<h1>%s</h1>", _("Aperçu de l'import"));
	file_summary(r, job);
	if (import_plan_problems(p))
		problems_section(r, p, job->structure_id);
	else if (!p->roster.row_count)
		widget_flash(r, "error", _("Le fichier ne contient aucun élève : écrivez une ligne par enfant sous la ligne des titres."));
	if (ready) {
		widget_flash(r, "info", _("Vérifiez la liste : rien n'est encore inscrit. Chaque enfant recevra un identifiant et trois images, à imprimer ensuite sur sa carte."));
		new_groups_note(r, p);
	}
	if (p->roster.row_count)
		rows_table(r, p);
	if (ready)
		confirm_form(r, job);
	page_end(r);
	return ready ? 200 : 422;
}

int page_import_upload(struct request *r)
{
	int64_t structure_id = param_id(r, 0);
	const struct multipart_part *file;
	struct field_errors errors = { .count = 0 };
	struct upload_job *job;

	if (!managed(r, structure_id))
		return page_not_found(r);
	file = multipart_file(r->files, "fichier");
	if (!file || (!*file->filename && !file->len)) {
		field_errors_add(&errors, "fichier", "%s", _("Choisissez le fichier CSV de la liste."));
		return upload_form(r, 422, structure_id, &errors);
	}
	job = calloc(1, sizeof(*job));
	if (!job || !(job->data = malloc(file->len ? file->len : 1))) {
		free(job);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	r->job_data = job;
	r->job_free = upload_job_free;
	memcpy(job->data, file->data, file->len);
	job->len = file->len;
	job->structure_id = structure_id;
	job->actor_id = r->user.id;
	snprintf(job->filename, sizeof(job->filename), "%s", file->filename);
	if (request_defer(r, upload_work, upload_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

/* ---- confirmation and progress ---- */

/* True when the pending import is this person's, for this structure, and
 * young enough to confirm. */
static bool pending_owned(struct request *r, int64_t structure_id, int64_t pending_id)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT count(*) FROM pending_import WHERE id = ? AND structure_id = ? AND actor_id = ? AND created_at >= ?");
	bool found = false;

	if (!st)
		return false;
	db_bind_int(st, 1, pending_id);
	db_bind_int(st, 2, structure_id);
	db_bind_int(st, 3, r->user.id);
	db_bind_int(st, 4, (int64_t)time(NULL) - PENDING_MAX_AGE_SECONDS);
	if (db_step(st) == DB_ROW)
		found = db_column_int(st, 0) == 1;
	db_reset(st);
	return found;
}

static int status_redirect(struct request *r, int64_t structure_id, int64_t job_id)
{
	char url[128];

	snprintf(url, sizeof(url), "/admin/structure/%lld/import/statut/%lld", (long long)structure_id, (long long)job_id);
	return request_redirect(r, url);
}

int page_import_confirm(struct request *r)
{
	int64_t structure_id = param_id(r, 0), pending_id = param_id(r, 1), job_id;

	if (!managed(r, structure_id) || !pending_id)
		return page_not_found(r);
	/* A second click after the import ended finds the job, not the row. */
	job_id = import_job_of_pending(structure_id, r->user.id, pending_id);
	if (job_id > 0)
		return status_redirect(r, structure_id, job_id);
	if (!pending_owned(r, structure_id, pending_id))
		return page_not_found(r);
	job_id = import_job_start(structure_id, r->user.id, pending_id);
	if (job_id < 0)
		return page_error(r, 503, _("Trop d'imports sont en cours : réessayez dans une minute."));
	return status_redirect(r, structure_id, job_id);
}

static void progress_show(struct request *r, const struct import_job_status *s)
{
	unsigned long percent = s->total ? (unsigned long)(s->done * 100 / s->total) : 0;

	buf_html(&r->out, "<p><progress max=\"%lu\" value=\"%lu\">%lu %%</progress></p>"
			  "<p class=\"lead\" role=\"status\">%lu / %lu %s (%lu %%)</p>",
		 (unsigned long)(s->total ? s->total : 1), (unsigned long)s->done, percent,
		 (unsigned long)s->done, (unsigned long)s->total, _("élèves inscrits"), percent);
}

static void status_running(struct request *r, const struct import_job_status *s)
{
	/* Browsers apply a refresh <meta> in the body as well; this keeps the
	 * shared layout free of a per-page head. */
	buf_html(&r->out, "<meta http-equiv=\"refresh\" content=\"%d\"><h1>%s</h1>", STATUS_REFRESH_SECONDS, _("Import en cours"));
	progress_show(r, s);
	buf_html(&r->out, "<p>%s</p>", _("Cette page se met à jour toute seule. Si l'import échoue, aucun élève n'est inscrit."));
}

static void status_done(struct request *r, const struct import_job_status *s)
{
	char text[128];

	buf_html(&r->out, "<h1>%s</h1>", _("Import terminé"));
	progress_show(r, s);
	snprintf(text, sizeof(text), ngettext("%zu élève est inscrit.", "%zu élèves sont inscrits.", s->done), s->done);
	widget_flash(r, "success", text);
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/admin/structure/%lld/cartes.pdf\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></p>",
		 (long long)s->structure_id, _("Imprimer les cartes"), (long long)s->structure_id, _("Retour à la structure"));
}

static void status_failed(struct request *r, const struct import_job_status *s)
{
	buf_html(&r->out, "<h1>%s</h1>", _("Import interrompu"));
	widget_flash(r, "error", s->message);
	buf_html(&r->out, "<p>%s</p><p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/admin/structure/%lld/import\">%s</a></p>",
		 _("Aucun élève n'a été inscrit."), (long long)s->structure_id, _("Importer un fichier"));
}

int page_import_status(struct request *r)
{
	int64_t structure_id = param_id(r, 0);
	struct import_job_status s;

	if (!managed(r, structure_id) || !import_job_get(param_id(r, 1), &s) || s.structure_id != structure_id ||
	    s.actor_id != r->user.id)
		return page_not_found(r);
	page_begin(r, _("Import de la liste"));
	if (s.state == IMPORT_JOB_RUNNING)
		status_running(r, &s);
	else if (s.state == IMPORT_JOB_DONE)
		status_done(r, &s);
	else
		status_failed(r, &s);
	page_end(r);
	return 200;
}

/* ---- export ---- */

static void rows_release(struct roster_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(rows[i].first_name);
		free(rows[i].last_name);
		free(rows[i].level);
		free(rows[i].group);
	}
	free(rows);
}

/* The structure's active children as roster rows. A child in several
 * groups is written once, with the first group by name, because the
 * template has one group column. Returns the count, or -1. */
static long children_load(struct db *db, int64_t structure_id, struct roster_row **out)
{
	struct db_stmt *st = db_prepare(db, "SELECT a.first_name, a.last_initial, coalesce(a.level, ''), "
					    "coalesce((SELECT min(g.name) FROM group_member m JOIN class_group g ON g.id = m.group_id WHERE m.account_id = a.id), '') "
					    "FROM account a WHERE a.structure_id = ? AND a.role = 'eleve' AND a.active = 1 "
					    "ORDER BY a.first_name, a.last_initial, a.id LIMIT ?");
	struct roster_row *rows = calloc(EXPORT_MAX_ROWS, sizeof(*rows));
	enum db_step step = DB_DONE;
	bool failed = false;
	long n = 0;

	if (!st || !rows) {
		free(rows);
		return -1;
	}
	db_bind_int(st, 1, structure_id);
	db_bind_int(st, 2, EXPORT_MAX_ROWS);
	while (!failed && (step = db_step(st)) == DB_ROW) {
		struct roster_row *row = &rows[n++];

		row->first_name = strdup(db_column_text(st, 0));
		row->last_name = strdup(db_column_text(st, 1));
		row->level = strdup(db_column_text(st, 2));
		row->group = strdup(db_column_text(st, 3));
		failed = !row->first_name || !row->last_name || !row->level || !row->group;
	}
	failed |= step == DB_ERROR;
	db_reset(st);
	if (n == EXPORT_MAX_ROWS)
		log_error("export cut structure=%lld rows=%ld", (long long)structure_id, n);
	if (failed) {
		rows_release(rows, (size_t)n);
		return -1;
	}
	*out = rows;
	return n;
}

int page_export(struct request *r)
{
	int64_t structure_id = param_id(r, 0);
	struct roster_row *rows = NULL;
	char filename[64], details[64];
	size_t len = 0;
	char *csv = NULL;
	long count;
	int status;

	if (!managed(r, structure_id))
		return page_not_found(r);
	count = children_load(r->db, structure_id, &rows);
	if (count >= 0)
		csv = roster_export(rows, (size_t)count, &len);
	if (count >= 0)
		rows_release(rows, (size_t)count);
	if (!csv)
		return page_error(r, 500, _("La liste n'a pas pu être exportée. Réessayez dans un instant."));
	snprintf(details, sizeof(details), "%ld élèves", count);
	if (audit_record(r->db, r->user.id, "export", "structure", structure_id, structure_id, details) < 0)
		log_error("export audit failed structure=%lld", (long long)structure_id);
	snprintf(filename, sizeof(filename), "eleves-structure-%lld.csv", (long long)structure_id);
	status = csv_send(r, csv, len, filename);
	free(csv);
	return status;
}
