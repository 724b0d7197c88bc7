/* Signing in through an ENT with CAS: the redirect to the ENT, then the
 * ticket check on a worker and the session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/session.h"
#include "core/log.h"
#include "integ/cas.h"
#include "integ/fetch.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

struct cas_job {
	struct cas_server server;
	char ticket[CAS_TICKET_MAX + 1];
	int64_t account_id;        /* > 0 once signed in */
	int unreachable;           /* the ENT did not answer */
	const char *message;       /* French, when refused */
	char reason[CAS_REASON_MAX]; /* for the log */
};

/* The enabled server named by the route, or an error page status. */
static int server_of_route(struct request *r, struct cas_server *s)
{
	int64_t id = param_id(r, 0);
	int found = id ? cas_server_find(r->db, id, s) : 0;

	if (found < 0)
		return page_error(r, 500, _("La connexion par l'ENT n'a pas pu être lue. Réessayez dans un instant."));
	if (found == 0)
		return page_error(r, 404, _("Cette connexion par l'ENT n'existe pas. Vérifiez le lien donné par votre ENT."));
	if (!s->enabled)
		return page_error(r, 403, _("Cette connexion par l'ENT n'est pas encore ouverte ou a été fermée par l'opérateur d'Ardoise. "
					    "Votre compte Ardoise et votre travail sont gardés : adressez-vous à votre structure pour vous connecter autrement."));
	return 0;
}

int page_cas_login(struct request *r)
{
	struct cas_server s;
	char service[CAS_URL_MAX + 64];
	struct buf url = BUF_INIT(2048);
	int status = server_of_route(r, &s);

	if (status)
		return status;
	cas_service_url(&s, service, sizeof(service));
	buf_adds(&url, s.base_url);
	buf_adds(&url, "/login?service=");
	buf_add_url(&url, service, strlen(service));
	status = buf_failed(&url) ? page_error(r, 500, _("Le serveur manque de mémoire.")) : request_redirect(r, buf_cstr(&url));
	buf_release(&url);
	return status;
}

/* The validation URL: BASE/p3/serviceValidate?service=...&ticket=... */
static int validate_url(const struct cas_job *job, struct buf *url)
{
	char service[CAS_URL_MAX + 64];

	cas_service_url(&job->server, service, sizeof(service));
	buf_adds(url, job->server.base_url);
	buf_adds(url, "/p3/serviceValidate?service=");
	buf_add_url(url, service, strlen(service));
	buf_adds(url, "&ticket=");
	buf_add_url(url, job->ticket, strlen(job->ticket));
	return buf_failed(url) ? -1 : 0;
}

/* Ask the ENT whether the ticket is good; fills `attrs` or the job's refusal. */
static int ticket_check(struct cas_job *job, struct cas_attributes *attrs)
{
	struct buf url = BUF_INIT(2048), answer = BUF_INIT(CAS_RESPONSE_MAX);
	struct fetch_request req = { .method = "GET" };
	enum cas_parse_result parsed = CAS_PARSE_MALFORMED;
	char err[64];
	long status;

	if (validate_url(job, &url) < 0)
		goto out;
	req.url = buf_cstr(&url);
	if (fetch_send(&req, &answer, &status, err, sizeof(err)) < 0 || status != 200) {
		job->unreachable = 1;
		snprintf(job->reason, sizeof(job->reason), "validation call failed status=%ld error=\"%.60s\"", status,
			 status ? "" : err);
		goto out;
	}
	parsed = cas_response_parse(buf_cstr(&answer), answer.len, attrs, job->reason, sizeof(job->reason));
	if (parsed == CAS_PARSE_FAILURE)
		job->message = _("L'ENT n'a pas reconnu cette connexion (elle a peut-être expiré). Reconnectez-vous depuis l'ENT.");
	else if (parsed == CAS_PARSE_MALFORMED)
		job->message = _("La réponse de l'ENT est illisible. Prévenez l'opérateur d'Ardoise.");
out:
	buf_release(&url);
	buf_release(&answer);
	return parsed == CAS_PARSE_OK ? 0 : -1;
}

/* On a worker: the call to the ENT, then the account. */
static void cas_work(struct request *r, struct db *db)
{
	struct cas_job *job = r->job_data;
	struct cas_attributes attrs;
	struct cas_refusal why;

	if (ticket_check(job, &attrs) < 0)
		return;
	job->account_id = cas_link(db, &job->server, &attrs, &why);
	if (job->account_id == 0) {
		job->message = why.message;
		snprintf(job->reason, sizeof(job->reason), "%s", why.reason);
	} else if (job->account_id < 0) {
		snprintf(job->reason, sizeof(job->reason), "database error: %s", db_errmsg(db));
	}
}

static int cas_done(struct request *r)
{
	struct cas_job *job = r->job_data;
	char token[SESSION_TOKEN_CHARS + 1];

	if (job->account_id > 0 && session_create(r->db, job->account_id, token) == 0) {
		request_set_cookie(r, SESSION_COOKIE, token, SESSION_LIFETIME_SECONDS);
		log_info("sign-in request=%s account=%lld via=cas server=%lld", r->id, (long long)job->account_id,
			 (long long)job->server.id);
		return request_redirect(r, "/");
	}
	log_warn("cas sign-in rejected request=%s server=%lld reason=\"%s\"", r->id, (long long)job->server.id, job->reason);
	if (job->unreachable)
		return page_error(r, 502, _("Le serveur de l'ENT ne répond pas. Réessayez dans quelques minutes."));
	if (job->message)
		return page_error(r, 403, job->message);
	return page_error(r, 500, _("La connexion n'a pas pu être enregistrée. Réessayez dans un instant."));
}

int page_cas_return(struct request *r)
{
	const char *ticket = form_get(&r->query, "ticket");
	struct cas_job *job;
	struct cas_server s;
	int status = server_of_route(r, &s);

	if (status)
		return status;
	if (!cas_ticket_valid(ticket)) {
		log_warn("cas sign-in rejected request=%s server=%lld reason=\"missing or invalid ticket\"", r->id, (long long)s.id);
		return page_error(r, 400, _("Le ticket de connexion de l'ENT est absent ou illisible. Reconnectez-vous depuis l'ENT."));
	}
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	job->server = s;
	snprintf(job->ticket, sizeof(job->ticket), "%s", ticket);
	r->job_data = job;
	r->job_free = free;
	if (request_defer(r, cas_work, cas_done) < 0)
		return page_error(r, 503, _("Le serveur est très occupé. Réessayez dans un instant."));
	return HANDLER_DEFERRED;
}
