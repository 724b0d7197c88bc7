/* Ardoise as an LTI 1.3 tool: the published key set, the OIDC login
 * initiation, the launch (checked on a worker) and deep linking, where a
 * teacher picks an activity from the catalogue. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/session.h"
#include "content/catalog.h"
#include "core/log.h"
#include "integ/lti.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

int page_lti_jwks(struct request *r)
{
	char kid[65], *pem = NULL, *jwks;

	if (lti_key_current(r->db, kid, &pem) < 0)
		return page_error(r, 500, _("Les clés d'Ardoise n'ont pas pu être lues."));
	sodium_memzero(pem, strlen(pem));
	free(pem);
	jwks = lti_jwks(r->db);
	if (!jwks)
		return page_error(r, 500, _("Les clés d'Ardoise n'ont pas pu être lues."));
	buf_adds(&r->out, jwks);
	free(jwks);
	r->content_type = "application/json";
	return 200;
}

/* A parameter of the login initiation, sent by GET or POST. */
static const char *login_param(struct request *r, const char *name)
{
	const char *v = form_get(&r->body, name);

	return v ? v : form_get(&r->query, name);
}

int page_lti_login(struct request *r)
{
	const char *iss = login_param(r, "iss"), *hint = login_param(r, "login_hint");
	struct buf url = BUF_INIT(4096);
	struct lti_platform p;
	int found, status;

	if (!iss || !hint || strlen(iss) > LTI_TEXT_MAX || strlen(hint) > LTI_TEXT_MAX) {
		log_warn("lti login rejected request=%s reason=\"iss or login_hint missing\"", r->id);
		return page_error(r, 400, _("La demande de connexion de la plateforme est incomplète (iss ou login_hint manquant). Relancez l'activité depuis la plateforme."));
	}
	found = lti_platform_find_issuer(r->db, iss, login_param(r, "client_id"), &p);
	if (found < 0)
		return page_error(r, 500, _("La plateforme n'a pas pu être lue. Réessayez dans un instant."));
	if (found == 0) {
		log_warn("lti login rejected request=%s reason=\"unknown issuer\"", r->id);
		return page_error(r, 400, _("Cette plateforme de cours n'est pas enregistrée dans Ardoise. Demandez à l'opérateur de l'enregistrer."));
	}
	if (!p.enabled) {
		log_warn("lti login rejected request=%s platform=%lld reason=\"platform disabled\"", r->id, (long long)p.id);
		return page_error(r, 403, _("Cette plateforme de cours est désactivée dans Ardoise : l'opérateur d'Ardoise l'a suspendue. "
					    "Votre compte et votre travail sont conservés. Adressez-vous à l'administrateur de la plateforme."));
	}
	if (lti_login_start(r->db, &p, hint, login_param(r, "lti_message_hint"), &url) < 0) {
		buf_release(&url);
		return page_error(r, 500, _("La connexion n'a pas pu être préparée. Réessayez dans un instant."));
	}
	status = request_redirect(r, buf_cstr(&url));
	buf_release(&url);
	return status;
}

struct launch_job {
	char state[SESSION_TOKEN_CHARS + 1];
	char *id_token;
	struct lti_platform platform;
	struct lti_launch launch;
	struct lti_refusal why;
	int64_t account_id;
	char pick_token[SESSION_TOKEN_CHARS + 1]; /* deep linking */
};

static void launch_job_free(void *data)
{
	struct launch_job *job = data;

	if (job)
		free(job->id_token);
	free(job);
}

/* On a worker: the key set may be fetched from the platform. */
static void launch_work(struct request *r, struct db *db)
{
	struct launch_job *job = r->job_data;
	int verified = lti_launch_verify(db, job->state, job->id_token, &job->platform, &job->launch, &job->why);

	if (verified <= 0) {
		job->account_id = verified;
		return;
	}
	if (job->launch.deep_linking && (strcmp(job->launch.role, "eleve") == 0 || !job->launch.return_url[0])) {
		job->why.message = _("Seul un enseignant peut choisir une activité pour la plateforme.");
		snprintf(job->why.reason, sizeof(job->why.reason), "deep linking by a learner or without a return URL");
		return;
	}
	job->account_id = lti_link(db, &job->platform, &job->launch, &job->why);
	if (job->account_id > 0 && job->launch.deep_linking && lti_pick_create(db, job->platform.id, job->account_id, &job->launch, job->pick_token) < 0)
		job->account_id = -1;
	if (job->account_id > 0 && strcmp(job->launch.role, "eleve") == 0 && job->launch.activity[0] && job->launch.lineitem[0] &&
	    lti_grade_link_save(db, job->account_id, job->launch.activity, job->platform.id, job->launch.lineitem) < 0)
		job->account_id = -1;
}

static int launch_done(struct request *r)
{
	struct launch_job *job = r->job_data;
	char token[SESSION_TOKEN_CHARS + 1], next[LTI_TEXT_MAX + 64];

	if (job->account_id <= 0 || session_create(r->db, job->account_id, token) < 0) {
		log_warn("lti launch rejected request=%s platform=%lld reason=\"%s\"", r->id, (long long)job->platform.id,
			 job->why.reason[0] ? job->why.reason : "internal error");
		if (job->why.message)
			return page_error(r, 403, job->why.message);
		return page_error(r, 500, _("Le lancement n'a pas pu être enregistré. Réessayez dans un instant."));
	}
	request_set_cookie(r, SESSION_COOKIE, token, SESSION_LIFETIME_SECONDS);
	log_info("sign-in request=%s account=%lld via=lti platform=%lld", r->id, (long long)job->account_id,
		 (long long)job->platform.id);
	if (job->launch.deep_linking)
		snprintf(next, sizeof(next), "/lti/choix/%s", job->pick_token);
	else if (job->launch.activity[0] && r->catalog && catalog_find(r->catalog, job->launch.activity))
		snprintf(next, sizeof(next), "/activite/%s", job->launch.activity);
	else
		snprintf(next, sizeof(next), "/");
	return request_redirect(r, next);
}

int page_lti_launch(struct request *r)
{
	const char *state = form_get(&r->body, "state"), *id_token = form_get(&r->body, "id_token");
	struct launch_job *job;

	if (!state || !id_token || strlen(state) > SESSION_TOKEN_CHARS) {
		log_warn("lti launch rejected request=%s reason=\"state or id_token missing\"", r->id);
		return page_error(r, 400, _("Le lancement ne contient pas de jeton d'identité. Relancez l'activité depuis la plateforme."));
	}
	job = calloc(1, sizeof(*job));
	if (!job || !(job->id_token = strdup(id_token))) {
		free(job);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	snprintf(job->state, sizeof(job->state), "%s", state);
	r->job_data = job;
	r->job_free = launch_job_free;
	if (request_defer(r, launch_work, launch_done) < 0)
		return page_error(r, 503, _("Le serveur est très occupé. Réessayez dans un instant."));
	return HANDLER_DEFERRED;
}

/* ---- deep linking: the teacher picks an activity ---- */

static int pick_request(struct request *r, int take, struct lti_platform *p, struct lti_launch *l)
{
	const char *token = r->param_count ? r->params[0] : "";
	int found = strlen(token) <= SESSION_TOKEN_CHARS ? lti_pick_find(r->db, token, r->user.id, take, p, l) : 0;

	if (found < 0)
		return page_error(r, 500, _("Le choix d'activité n'a pas pu être lu. Réessayez dans un instant."));
	if (found == 0)
		return page_error(r, 404, _("Ce choix d'activité n'existe pas ou a expiré. Relancez-le depuis la plateforme."));
	if (!p->enabled)
		return page_error(r, 403, _("Cette plateforme de cours est désactivée dans Ardoise : l'activité choisie ne peut pas lui être envoyée. Adressez-vous à l'opérateur d'Ardoise."));
	return 0;
}

int page_lti_pick(struct request *r)
{
	struct lti_platform p;
	struct lti_launch l;
	size_t i;
	int status = pick_request(r, 0, &p, &l);

	if (status)
		return status;
	page_begin(r, _("Choisir une activité"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p><form method=\"post\" action=\"/lti/choix/%U\">", _("Choisir une activité"),
		 _("L'activité choisie sera ajoutée à votre cours sur la plateforme."), r->params[0]);
	page_csrf_field(r);
	buf_html(&r->out, "<fieldset><legend>%s</legend>", _("Activités d'Ardoise"));
	for (i = 0; r->catalog && i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;

		buf_html(&r->out, "<div class=\"choice\"><input type=\"radio\" name=\"activite\" id=\"a%lu\" value=\"%s\" required>"
				  "<label for=\"a%lu\">%s</label></div>", (unsigned long)i, a->id, (unsigned long)i, a->title ? a->title : a->id);
	}
	buf_html(&r->out, "</fieldset><div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Ajouter au cours"));
	page_end(r);
	return 200;
}

int page_lti_pick_submit(struct request *r)
{
	const char *id = form_get(&r->body, "activite");
	const struct activity *a = id && r->catalog ? catalog_find(r->catalog, id) : NULL;
	struct lti_platform p;
	struct lti_launch l;
	char *jwt;
	int status;

	if (!a)
		return page_error(r, 422, _("Choisissez une des activités de la liste."));
	status = pick_request(r, 1, &p, &l);
	if (status)
		return status;
	if (strncmp(l.return_url, "https://", 8) != 0 && strncmp(l.return_url, "http://127.0.0.1:", 17) != 0)
		return page_error(r, 422, _("L'adresse de retour de la plateforme n'est pas en https : prévenez l'opérateur."));
	jwt = lti_deep_link_response(r->db, &p, &l, a->id, a->title ? a->title : a->id);
	if (!jwt)
		return page_error(r, 500, _("La réponse à la plateforme n'a pas pu être signée."));
	page_begin(r, _("Retour à la plateforme"));
	buf_html(&r->out, "<h1>%s</h1><p>%s</p><form method=\"post\" action=\"%s\"><input type=\"hidden\" name=\"JWT\" value=\"%s\">"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Retour à la plateforme"), a->title ? a->title : a->id, l.return_url, jwt, _("Envoyer à la plateforme"));
	page_end(r);
	free(jwt);
	log_info("lti deep link request=%s account=%lld platform=%lld activity=%s", r->id, (long long)r->user.id, (long long)p.id, a->id);
	return 200;
}
