/* Login cards: the PDF for a structure or one child, and the QR sign-in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "eval/event.h"
#include "org/cards.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define CARD_BASE_MAX 120

/* One child's card as read from the database; the strings are owned. */
struct card_row {
	char first_name[64], initial[8], level[8], pictures[64], token[64], name[128], code[32];
};

struct cards_job {
	int64_t structure_id; /* all the children of a structure, or */
	int64_t child_id;     /* one child */
	char base[CARD_BASE_MAX]; /* "http://host" for the QR codes */
	unsigned char *pdf;
	size_t len;
	char error[256];
};

static void cards_job_free(void *data)
{
	struct cards_job *job = data;

	if (job)
		free(job->pdf);
	free(job);
}

/* "http://host:port" of this request, for the QR codes; the Host header
 * is checked so nothing but a host name can end up in the URL. */
static bool request_base(struct request *r, char *out, size_t size)
{
	char proto[16];
	h2o_iovec_t host = r->req->authority;
	size_t i;

	if (!host.len || host.len > 100)
		return false;
	for (i = 0; i < host.len; i++) {
		char c = host.base[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
			return false;
	}
	request_header(r, "x-forwarded-proto", proto, sizeof(proto));
	snprintf(out, size, "%s://%.*s", strcmp(proto, "https") == 0 ? "https" : "http", (int)host.len, host.base);
	return true;
}

static void row_read(struct db_stmt *st, struct card_row *c)
{
	snprintf(c->first_name, sizeof(c->first_name), "%s", db_column_text(st, 0));
	snprintf(c->initial, sizeof(c->initial), "%s", db_column_text(st, 1));
	snprintf(c->level, sizeof(c->level), "%s", db_column_text(st, 2));
	snprintf(c->pictures, sizeof(c->pictures), "%s", db_column_text(st, 3));
	snprintf(c->token, sizeof(c->token), "%s", db_column_text(st, 4));
	snprintf(c->name, sizeof(c->name), "%s", db_column_text(st, 5));
	snprintf(c->code, sizeof(c->code), "%s", db_column_text(st, 6));
}

/* Read the cards of the job's children; returns how many, or -1. */
static long rows_read(struct db *db, const struct cards_job *job, struct card_row **out)
{
	struct db_stmt *st = db_prepare(db, "SELECT a.first_name, a.last_initial, coalesce(a.level, ''), coalesce(a.picture_secret, ''), coalesce(a.card_token, ''), s.name, s.code "
					    "FROM account a JOIN structure s ON s.id = a.structure_id "
					    "WHERE a.role = 'eleve' AND a.active = 1 AND a.card_token IS NOT NULL AND (a.structure_id = ? OR a.id = ?) "
					    "ORDER BY a.first_name, a.last_initial LIMIT ?");
	struct card_row *rows = calloc(CARDS_MAX, sizeof(*rows));
	long n = 0;

	if (!st || !rows) {
		free(rows);
		return -1;
	}
	db_bind_int(st, 1, job->structure_id);
	db_bind_int(st, 2, job->child_id);
	db_bind_int(st, 3, CARDS_MAX);
	while (db_step(st) == DB_ROW)
		row_read(st, &rows[n++]);
	db_reset(st);
	*out = rows;
	return n;
}

static void cards_work(struct request *r, struct db *db)
{
	struct cards_job *job = r->job_data;
	struct card_row *rows = NULL;
	struct card *cards = NULL;
	char (*urls)[CARDS_URL_MAX] = NULL;
	char *words[3], *save;
	long n = rows_read(db, job, &rows), i;

	if (n < 0 || !(cards = calloc((size_t)(n ? n : 1), sizeof(*cards))) || !(urls = calloc((size_t)(n ? n : 1), CARDS_URL_MAX))) {
		snprintf(job->error, sizeof(job->error), "mémoire insuffisante");
		goto out;
	}
	for (i = 0; i < n; i++) {
		save = NULL;
		words[0] = strtok_r(rows[i].pictures, " ", &save);
		words[1] = strtok_r(NULL, " ", &save);
		words[2] = strtok_r(NULL, " ", &save);
		snprintf(urls[i], CARDS_URL_MAX, "%s/carte/%s", job->base, rows[i].token);
		cards[i] = (struct card){ rows[i].first_name, rows[i].initial, rows[i].name, rows[i].code, rows[i].level,
					  { words[0], words[1], words[2] }, urls[i] };
	}
	if (cards_render_pdf(cards, (size_t)n, &job->pdf, &job->len, job->error, sizeof(job->error)) < 0)
		job->pdf = NULL;
out:
	free(urls);
	free(cards);
	free(rows);
}

static int cards_done(struct request *r)
{
	struct cards_job *job = r->job_data;

	if (!job->pdf) {
		log_info("cards not rendered request=%s reason=\"%s\"", r->id, job->error);
		return page_error(r, 422, job->error[0] ? job->error : _("Les cartes n'ont pas pu être préparées."));
	}
	r->content_type = "application/pdf";
	request_add_header(r, "content-disposition", "inline; filename=\"cartes-ardoise.pdf\"");
	buf_add(&r->out, job->pdf, job->len);
	return 200;
}

static int cards_start(struct request *r, int64_t structure_id, int64_t child_id)
{
	struct cards_job *job = calloc(1, sizeof(*job));

	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = cards_job_free;
	job->structure_id = structure_id;
	job->child_id = child_id;
	if (!request_base(r, job->base, sizeof(job->base)))
		return page_error(r, 400, _("L'adresse du site demandée est invalide (en-tête Host)."));
	if (request_defer(r, cards_work, cards_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

int page_structure_cards(struct request *r)
{
	int64_t id = param_id(r, 0);

	if (!id || !scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, id))
		return page_not_found(r);
	return cards_start(r, id, 0);
}

int page_child_card_pdf(struct request *r)
{
	int64_t id = param_id(r, 0);

	if (!id || id == r->user.id || !scope_child(r->db, &r->user, id))
		return page_not_found(r);
	return cards_start(r, 0, id);
}

/* The QR code of a card: sign the child in on this device. */
int page_card_sign_in(struct request *r)
{
	const char *token = r->params[0];
	char peer[64], key[96], session[SESSION_TOKEN_CHARS + 1];
	int64_t id;

	request_peer(r, peer, sizeof(peer));
	snprintf(key, sizeof(key), "%s%s", LOGIN_KEY_CHILDREN, peer);
	if (login_failure_count(r->db, key) >= LOGIN_MAX_CHILD_FAILURES_PER_ADDRESS)
		return page_error(r, 429, _("Trop d'essais depuis cet appareil. Attends un quart d'heure ou demande à ton animateur."));
	id = strlen(token) == SESSION_TOKEN_CHARS
		     ? db_query_text_int(r->db, "SELECT id FROM account WHERE card_token = ? AND role = 'eleve' AND active = 1", token, 0)
		     : 0;
	if (!id) {
		login_failure_record(r->db, key);
		return page_error(r, 404, _("Cette carte ne marche plus. Demande une nouvelle carte à ton animateur, ou connecte-toi avec le code et tes images."));
	}
	if (session_create(r->db, id, session) < 0)
		return page_error(r, 500, _("La connexion n'a pas pu être enregistrée. Réessaie."));
	request_set_cookie(r, SESSION_COOKIE, session, SESSION_LIFETIME_SECONDS);
	event_record_account(id, session, EVENT_FEATURE_SESSION, EVENT_ACTION_SIGN_IN, "carte", 0);
	log_info("sign-in by card request=%s account=%lld", r->id, (long long)id);
	return request_redirect(r, "/eleve");
}
