/* The opérateur's xAPI page: the learning-record store settings and the
 * export of statements for a period and a structure. */
#define _GNU_SOURCE 1
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "integ/cas.h"
#include "integ/xapi.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

static int operator_only(struct request *r)
{
	if ((r->user.caps & CAP_MANAGE_ORGANISATIONS) && scope_national(&r->user))
		return 0;
	return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
}

static int settings_page(struct request *r, int status, const struct xapi_settings *s, const char *error)
{
	page_begin(r, _("Traces d'apprentissage (xAPI)"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Traces d'apprentissage (xAPI)"),
		 _("Chaque activité terminée devient une trace xAPI. L'élève y est désigné par un identifiant opaque : jamais son nom ni une adresse électronique."));
	if (error)
		widget_flash(r, "error", error);
	else if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	buf_html(&r->out, "<h2>%s</h2><form method=\"get\" action=\"/operateur/xapi/export.json\">", _("Exporter"));
	widget_text(r, "du", _("Du (inclus)"), NULL, _("Date au format AAAA-MM-JJ"), NULL, "type=\"date\" required");
	widget_text(r, "au", _("Au (exclu)"), NULL, _("Date au format AAAA-MM-JJ"), NULL, "type=\"date\" required");
	widget_text(r, "structure", _("Numéro de la structure"), NULL, _("Laissez vide pour toutes les structures"), NULL, "inputmode=\"numeric\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-secondary\" type=\"submit\">%s</button></div></form>",
		 _("Télécharger les traces (JSON)"));
	buf_html(&r->out, "<h2>%s</h2><form method=\"post\" action=\"/operateur/xapi\">", _("Envoi à un entrepôt de traces (LRS)"));
	page_csrf_field(r);
	widget_text(r, "accueil", _("Adresse publique d'Ardoise"), s->home_page, _("Par exemple : https://ardoise.example.fr"), NULL, "maxlength=\"256\"");
	widget_text(r, "lrs", _("Adresse de l'entrepôt"), s->lrs_url, _("Sans « /statements » à la fin, par exemple : https://lrs.example.fr/xapi"), NULL, "maxlength=\"256\"");
	widget_text(r, "cle", _("Clé de l'entrepôt"), NULL, _("Laissez vide pour garder la clé enregistrée"), NULL, "maxlength=\"100\" autocomplete=\"off\"");
	widget_text(r, "secret", _("Secret de l'entrepôt"), NULL, _("Laissez vide pour garder le secret enregistré"), NULL, "maxlength=\"100\" type=\"password\" autocomplete=\"off\"");
	buf_html(&r->out, "<div class=\"field\"><input type=\"checkbox\" id=\"envoi\" name=\"envoi\" value=\"1\"%S> <label for=\"envoi\">%s</label></div>",
		 s->enabled ? " checked" : "", _("Envoyer les traces à cet entrepôt"));
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>", _("Enregistrer"));
	page_end(r);
	return status;
}

int page_xapi_settings(struct request *r)
{
	struct xapi_settings s;
	int status = operator_only(r);

	if (status)
		return status;
	if (xapi_settings_get(r->db, &s) < 0)
		return page_error(r, 500, _("Les réglages xAPI n'ont pas pu être lus."));
	return settings_page(r, 200, &s, NULL);
}

/* "Basic base64(key:secret)" into `out`; -1 when too long. */
static int basic_auth(const char *key, const char *secret, char *out, size_t size)
{
	char pair[256];

	if ((size_t)snprintf(pair, sizeof(pair), "%s:%s", key, secret) >= sizeof(pair))
		return -1;
	if (sodium_base64_ENCODED_LEN(strlen(pair), sodium_base64_VARIANT_ORIGINAL) + 6 > size)
		return -1;
	memcpy(out, "Basic ", 6);
	sodium_bin2base64(out + 6, size - 6, (const unsigned char *)pair, strlen(pair), sodium_base64_VARIANT_ORIGINAL);
	return 0;
}

int page_xapi_save(struct request *r)
{
	struct xapi_settings s;
	const char *home, *lrs, *key, *secret;
	int status = operator_only(r);

	if (status)
		return status;
	if (xapi_settings_get(r->db, &s) < 0)
		return page_error(r, 500, _("Les réglages xAPI n'ont pas pu être lus."));
	form_trim(&r->body, "accueil");
	form_trim(&r->body, "lrs");
	home = form_get(&r->body, "accueil");
	lrs = form_get(&r->body, "lrs");
	key = form_get(&r->body, "cle");
	secret = form_get(&r->body, "secret");
	if (home && *home && !cas_url_valid(home))
		return settings_page(r, 422, &s, _("L'adresse publique d'Ardoise doit commencer par https://, sans espace et sans barre à la fin."));
	if (lrs && *lrs && !cas_url_valid(lrs))
		return settings_page(r, 422, &s, _("L'adresse de l'entrepôt doit commencer par https://, sans espace, sans « ? » et sans barre à la fin."));
	s.enabled = form_get(&r->body, "envoi") != NULL;
	if (s.enabled && (!lrs || !*lrs))
		return settings_page(r, 422, &s, _("Pour envoyer les traces, donnez l'adresse de l'entrepôt."));
	snprintf(s.home_page, sizeof(s.home_page), "%s", home ? home : "");
	snprintf(s.lrs_url, sizeof(s.lrs_url), "%s", lrs ? lrs : "");
	if (key && *key && basic_auth(key, secret ? secret : "", s.lrs_auth, sizeof(s.lrs_auth)) < 0)
		return settings_page(r, 422, &s, _("La clé et le secret de l'entrepôt sont trop longs (100 caractères au plus chacun)."));
	if (xapi_settings_save(r->db, &s) < 0)
		return page_error(r, 500, _("Les réglages xAPI n'ont pas pu être enregistrés."));
	log_info("xapi settings saved request=%s account=%lld enabled=%d", r->id, (long long)r->user.id, s.enabled);
	return request_redirect(r, "/operateur/xapi?fait=1");
}

/* Parse "YYYY-MM-DD" as midnight UTC; -1 when invalid. */
static int64_t date_utc(const char *text)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if (!text || strlen(text) != 10 || !(end = strptime(text, "%Y-%m-%d", &tm)) || *end)
		return -1;
	return (int64_t)timegm(&tm);
}

struct export_job {
	int64_t from, to, structure;
	struct buf out;
	long count;
};

static void export_job_free(void *data)
{
	struct export_job *job = data;

	if (job)
		buf_release(&job->out);
	free(job);
}

/* On a worker: a long period may hold many attempts. */
static void export_work(struct request *r, struct db *db)
{
	struct export_job *job = r->job_data;

	job->count = xapi_export(db, job->from, job->to, job->structure, &job->out);
}

static int export_done(struct request *r)
{
	struct export_job *job = r->job_data;

	if (job->count < 0)
		return page_error(r, 500, _("L'export des traces a échoué."));
	if (job->count >= XAPI_EXPORT_MAX_STATEMENTS)
		return page_error(r, 422, _("Cette période compte plus de 50 000 traces : choisissez une période plus courte ou une seule structure."));
	if (r->out.max < job->out.len + 4096)
		r->out.max = job->out.len + 4096; /* the page maximum does not fit an export */
	buf_add(&r->out, buf_cstr(&job->out), job->out.len);
	r->content_type = "application/json";
	request_add_header(r, "content-disposition", "attachment; filename=\"traces-xapi.json\"");
	log_info("xapi export request=%s account=%lld statements=%ld", r->id, (long long)r->user.id, job->count);
	return buf_failed(&r->out) ? page_error(r, 500, _("L'export des traces est trop gros : choisissez une période plus courte.")) : 200;
}

int page_xapi_export(struct request *r)
{
	int64_t from = date_utc(form_get(&r->query, "du")), to = date_utc(form_get(&r->query, "au")), structure = 0;
	const char *scope = form_get(&r->query, "structure");
	struct export_job *job;
	char *end = NULL;
	int status = operator_only(r);

	if (status)
		return status;
	if (from < 0 || to < 0 || to <= from)
		return page_error(r, 400, _("Donnez deux dates au format AAAA-MM-JJ, la seconde après la première."));
	if (scope && *scope && ((structure = strtoll(scope, &end, 10)) <= 0 || *end))
		return page_error(r, 400, _("Le numéro de structure doit être un nombre entier positif, ou vide pour toutes."));
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	job->from = from;
	job->to = to;
	job->structure = structure;
	buf_init(&job->out, XAPI_EXPORT_MAX_BYTES);
	r->job_data = job;
	r->job_free = export_job_free;
	if (request_defer(r, export_work, export_done) < 0)
		return page_error(r, 503, _("Le serveur est très occupé. Réessayez dans un instant."));
	return HANDLER_DEFERRED;
}
