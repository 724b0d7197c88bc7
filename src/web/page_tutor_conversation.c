/* A conversation: the page every reader shares, its messages, its live
 * stream and the reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "core/log.h"
#include "http/live.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/tutoring.h"
#include "web/widgets.h"

#define COLLEAGUES_MAX 50

/* Load the conversation of route parameter 0 if `r` may read it: 1, or
 * the status of the error page already written. */
static int conversation_load(struct request *r, struct tutor_question *q)
{
	int64_t id = param_id(r, 0);
	int found = id > 0 ? tutor_question_load(r->db, id, q) : 0;

	if (found < 0)
		return page_error(r, 500, _("Cette conversation n'a pas pu être lue. Réessaie dans un instant."));
	/* Another person's conversation is "not found", never "forbidden". */
	if (found == 0 || !tutor_may_read(r->db, &r->user, q))
		return page_not_found(r);
	return 1;
}

struct render_state {
	struct buf *b;
	struct tutoring_viewer viewer;
	const struct catalog *catalog;
	int64_t last_id;
};

static void message_item(const struct tutor_message *m, void *ctx)
{
	struct render_state *rs = ctx;

	tutoring_message_html(rs->b, &rs->viewer, m, rs->catalog);
	rs->last_id = m->id;
}

static void context_html(struct request *r, const struct tutor_question *q)
{
	const struct activity *a = *q->context.activity_id ? catalog_find(r->catalog, q->context.activity_id) : NULL;
	struct buf *b = &r->out;

	buf_html(b, "<dl class=\"tutor-context\"><dt>%s</dt><dd>%s (%s)</dd>", _("Élève"), q->child_name,
		 *q->context.level ? q->context.level : "?");
	if (*q->context.activity_id) {
		buf_html(b, "<dt>%s</dt><dd>%s <span class=\"muted\">(%s, version %d)</span></dd>", _("Activité"),
			 a ? a->title : q->context.activity_id, q->context.activity_id, q->context.activity_version);
		if (q->context.question_number > 0)
			buf_html(b, "<dt>%s</dt><dd>%d</dd>", _("Question"), q->context.question_number);
		if (*q->context.child_answer)
			buf_html(b, "<dt>%s</dt><dd>%s</dd>", _("Réponse de l'élève"), q->context.child_answer);
	} else {
		buf_html(b, "<dt>%s</dt><dd>%s</dd>", _("Posée depuis"), _("la page d'aide"));
	}
	buf_adds(b, "</dl>");
}

static void snippet_option(const struct tutor_snippet *s, void *ctx)
{
	struct buf *b = ctx;

	buf_html(b, "<option value=\"%lld\" data-body=\"%s\">%s</option>", (long long)s->id, s->body, s->title);
}

/* The answer form of the claiming tuteur: text, resource or worked example. */
static void tuteur_answer_fields(struct request *r)
{
	struct buf *b = &r->out;

	buf_html(b, "<div class=\"field\"><label for=\"genre\">%s</label><select id=\"genre\" name=\"genre\">"
		    "<option value=\"texte\">%s</option><option value=\"activite\">%s</option><option value=\"exemple\">%s</option></select></div>",
		 _("Type de réponse"), _("Texte"), _("Lien vers une activité de la base"), _("Exemple guidé"));
	buf_html(b, "<div class=\"field\"><label for=\"activite\">%s</label><p class=\"hint\" id=\"activite-aide\">%s</p>"
		    "<input id=\"activite\" name=\"activite\" maxlength=\"120\" aria-describedby=\"activite-aide\"></div>",
		 _("Activité conseillée (identifiant)"), _("Seulement pour un lien : par exemple maths-ce2-nombres-jusqu-a-10000."));
	buf_html(b, "<div class=\"field\"><label for=\"modele\">%s</label><select id=\"modele\" name=\"modele\" data-snippets>"
		    "<option value=\"\">%s</option>", _("Réponse toute prête"), _("Aucune"));
	tutor_snippets_each(r->db, r->user.id, snippet_option, b);
	buf_html(b, "</select></div>");
}

/* The form to write in the conversation. After a refused message, `error`
 * says why and `typed` is the text sent back into the field. */
static void write_form(struct request *r, const struct tutor_question *q, bool tuteur, const char *error, const char *typed)
{
	struct buf *b = &r->out;

	buf_html(b, "<form method=\"post\" action=\"/tutorat/conversation/%lld\" class=\"write-form\" data-live-form>", (long long)q->id);
	page_csrf_field(r);
	if (error)
		buf_html(b, "<p class=\"field-error\" id=\"texte-erreur\" role=\"alert\">%s</p>", error);
	if (tuteur)
		tuteur_answer_fields(r);
	buf_html(b, "<div class=\"field\"><label for=\"texte\">%s</label>%S"
		    "<textarea id=\"texte\" name=\"texte\" rows=\"4\" maxlength=\"%d\"%S%S>%s</textarea></div>"
		    "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 tuteur ? _("Votre réponse") : _("Ton message"),
		 tuteur ? "" : "<p class=\"hint\" id=\"texte-aide\">Explique ce que tu as essayé. N'écris ni ton adresse ni ton numéro de téléphone.</p>",
		 TUTOR_MESSAGE_MAX_BYTES, tuteur ? "" : " aria-describedby=\"texte-aide\"", error ? " aria-invalid=\"true\"" : "",
		 typed ? typed : "", _("Envoyer"));
}

static void action_button(struct request *r, int64_t id, const char *action, const char *label)
{
	buf_html(&r->out, "<form method=\"post\" action=\"/tuteur/question/%lld/%s\" class=\"inline-form\">", (long long)id, action);
	page_csrf_field(r);
	buf_html(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>", label);
}

static void tuteur_actions(struct request *r, const struct tutor_question *q)
{
	struct tutor_colleague colleagues[COLLEAGUES_MAX];
	int n, i;

	buf_adds(&r->out, "<div class=\"tutor-actions\">");
	if (strcmp(q->status, "waiting") == 0)
		action_button(r, q->id, "prendre", _("Prendre cette question"));
	else if (strcmp(q->status, "closed") == 0)
		action_button(r, q->id, "rouvrir", _("Rouvrir"));
	else if (q->claimed_by == r->user.id) {
		action_button(r, q->id, "fermer", _("Clore la conversation"));
		n = tutor_colleagues(r->db, r->user.id, colleagues, COLLEAGUES_MAX);
		if (n > 0) {
			buf_html(&r->out, "<form method=\"post\" action=\"/tuteur/question/%lld/passer\" class=\"inline-form\">", (long long)q->id);
			page_csrf_field(r);
			buf_html(&r->out, "<label for=\"collegue\">%s</label> <select id=\"collegue\" name=\"collegue\">", _("Passer à"));
			for (i = 0; i < n; i++)
				buf_html(&r->out, "<option value=\"%lld\">%s</option>", (long long)colleagues[i].id, colleagues[i].name);
			buf_html(&r->out, "</select> <button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>", _("Passer"));
		}
	}
	buf_adds(&r->out, "</div>");
}

/* The conversation page; `status`, `error` and `typed` come from a refused
 * message (200, NULL, NULL otherwise). */
static int conversation_render(struct request *r, struct tutor_question *q_in, int status, const char *error, const char *typed)
{
	struct tutor_question q = *q_in;
	struct render_state rs = { &r->out, { r->user.id, r->user.csrf, (r->user.caps & CAP_DO_ACTIVITIES) != 0 }, r->catalog, 0 };
	bool child, tuteur;
	char title[64];

	child = q.child_id == r->user.id;
	tuteur = tutor_answers_for(r->db, &r->user, q.structure_id);
	if (child && tutor_question_mark_read(r->db, q.id, (int64_t)time(NULL)) < 0)
		log_warn("tutoring read mark failed request=%s question=%lld", r->id, (long long)q.id);
	snprintf(title, sizeof(title), "%s %lld", _("Question n°"), (long long)q.id);
	page_begin(r, title);
	buf_html(&r->out, "<h1>%s</h1>", title);
	if (form_get(&r->query, "signale"))
		widget_flash(r, "success", child ? _("Merci, ton signalement a été envoyé. Une personne de l'équipe va le lire.")
						 : _("Merci, votre signalement a été envoyé. L'équipe de l'opérateur va le lire."));
	context_html(r, &q);
	buf_adds(&r->out, "<p class=\"tutor-state\" id=\"etat\" aria-live=\"polite\">");
	tutoring_state_html(&r->out, &q, child);
	buf_adds(&r->out, "</p>");
	if (child && strcmp(q.status, "waiting") == 0) {
		buf_adds(&r->out, "<div class=\"tutor-status\" id=\"attente\">");
		tutoring_status_html(&r->out, r->db, q.id);
		buf_adds(&r->out, "</div>");
	}
	if (tuteur)
		tuteur_actions(r, &q);
	buf_html(&r->out, "<ol class=\"messages\" id=\"messages\" aria-live=\"polite\" aria-label=\"%s\">", _("Messages"));
	if (tutor_messages_each(r->db, q.id, 0, message_item, &rs) < 0)
		return page_error(r, 500, _("Cette conversation n'a pas pu être lue. Réessaie dans un instant."));
	buf_html(&r->out, "</ol><div id=\"bas\" data-stream=\"/tutorat/conversation/%lld/flux?depuis=%lld\"></div>", (long long)q.id,
		 (long long)rs.last_id);
	if (tutor_may_write(r->db, &r->user, &q, time(NULL)))
		write_form(r, &q, !child, error, typed);
	if (child)
		buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/tutorat\">%s</a></p>", _("Mes questions"));
	else if (tuteur)
		buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/tuteur\">%s</a></p>", _("File d'attente"));
	else
		buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/accueil\">%s</a></p>", _("Accueil"));
	buf_adds(&r->out, "<script src=\"/static/tutorat.js\" defer></script>");
	page_end(r);
	return status;
}

int page_tutoring_conversation(struct request *r)
{
	struct tutor_question q;
	int status = conversation_load(r, &q);

	if (status != 1)
		return status;
	return conversation_render(r, &q, 200, NULL, NULL);
}

/* Check the activity a tuteur advises: the child opens /activite/ID, which
 * answers only for an activity of the child's level. NULL when it fits. */
static const char *advised_activity_check(struct request *r, const struct tutor_question *q, const char *id)
{
	const struct activity *a = id ? catalog_find(r->catalog, id) : NULL;
	unsigned level = level_parse(q->context.level);

	if (!a || a->type != CONTENT_ACTIVITY)
		return _("Cette activité n'existe pas dans la base : vérifiez son identifiant (par exemple maths-ce2-nombres-jusqu-a-10000).");
	/* A question asked before the level was kept has none: no check. */
	if (level && (a->adults_only || !(a->levels & level)))
		return _("Cette activité n'est pas du niveau de l'élève : choisissez-en une de son niveau, que l'élève pourra ouvrir.");
	return NULL;
}

/* Read the kind, resource and text of a tuteur's answer into `text`. */
static const char *tuteur_message_read(struct request *r, const struct tutor_question *q, int *kind, const char **activity,
				       char *snippet, size_t size)
{
	const char *kind_text = form_get(&r->body, "genre"), *model = form_get(&r->body, "modele");
	const char *error;
	char *end;
	long long snippet_id;

	*kind = kind_text && *kind_text ? tutor_kind_parse(kind_text) : TUTOR_KIND_TEXT;
	if (*kind < 0)
		return _("Type de réponse inconnu : choisissez Texte, Lien vers une activité ou Exemple guidé.");
	*activity = form_get(&r->body, "activite");
	if (*kind == TUTOR_KIND_ACTIVITY && (error = advised_activity_check(r, q, *activity)) != NULL)
		return error;
	if (model && *model) {
		snippet_id = strtoll(model, &end, 10);
		if (*end || snippet_id <= 0 || tutor_snippet_body(r->db, r->user.id, snippet_id, snippet, size) != 1)
			return _("Cette réponse toute prête n'existe pas. Rechargez la page puis choisissez-en une autre.");
	}
	return NULL;
}

int page_tutoring_message(struct request *r)
{
	struct tutor_question q;
	const char *text = form_get(&r->body, "texte"), *activity = NULL, *error = NULL;
	char snippet[TUTOR_MESSAGE_MAX_BYTES + 1] = "", location[80];
	int status = conversation_load(r, &q), kind = TUTOR_KIND_TEXT;
	bool child;
	int64_t id;

	if (status != 1)
		return status;
	if (!tutor_may_write(r->db, &r->user, &q, time(NULL)))
		return page_error(r, 403, _("Tu ne peux pas écrire dans cette conversation."));
	child = q.child_id == r->user.id;
	if (!child)
		error = tuteur_message_read(r, &q, &kind, &activity, snippet, sizeof(snippet));
	if (!error && (!text || !*text))
		text = snippet;
	if (!error && !*text)
		error = child ? _("Écris ton message avant de l'envoyer.") : _("Écrivez votre réponse ou choisissez une réponse toute prête.");
	if (!error && strlen(text) > TUTOR_MESSAGE_MAX_BYTES)
		error = _("Le message est trop long (2 000 caractères au plus). Raccourcis-le.");
	if (error)
		return conversation_render(r, &q, 422, error, text);
	if (tutor_message_post(r->db, q.id, &r->user, (enum tutor_message_kind)kind, text, activity, &id) < 0)
		return page_error(r, 500, _("Le message n'a pas pu être envoyé. Réessaie dans un instant."));
	live_publish(q.id, id);
	if (child && strcmp(q.status, "closed") == 0)
		live_publish(TUTOR_TOPIC_QUEUE, q.id);
	snprintf(location, sizeof(location), "/tutorat/conversation/%lld#bas", (long long)q.id);
	return request_redirect(r, location);
}

int page_tutoring_report(struct request *r)
{
	int64_t message_id = param_id(r, 0), question_id;
	const char *reason = form_get(&r->body, "raison");
	struct tutor_question q;
	char location[80];

	question_id = message_id > 0 ? tutor_message_question(r->db, message_id) : 0;
	if (question_id <= 0 || tutor_question_load(r->db, question_id, &q) != 1 || !tutor_may_read(r->db, &r->user, &q))
		return page_not_found(r);
	if (reason && strlen(reason) > TUTOR_REASON_MAX_BYTES)
		return page_error(r, 400, _("Le motif est trop long (500 caractères au plus). Raccourcis-le puis envoie de nouveau."));
	if (tutor_report_add(r->db, message_id, r->user.id, reason ? reason : "") < 0)
		return page_error(r, 500, _("Le signalement n'a pas pu être envoyé. Réessaie dans un instant."));
	log_info("tutoring report request=%s message=%lld reporter=%lld", r->id, (long long)message_id, (long long)r->user.id);
	snprintf(location, sizeof(location), "/tutorat/conversation/%lld?signale=1", (long long)question_id);
	return request_redirect(r, location);
}

/* ---- the live stream of a conversation ---- */

struct conversation_stream {
	char token[SESSION_TOKEN_CHARS + 1];
	int64_t question_id;
	int64_t last_id;
	char status[12];
	int64_t claimed_by;
	const struct catalog *catalog;
};

/* Write `html` as one SSE event. The markup contains no newline, so one
 * data line carries it. */
static void sse_event(struct buf *out, const char *event, int64_t id, const char *html)
{
	if (id > 0)
		buf_addf(out, "id: %lld\n", (long long)id);
	buf_addf(out, "event: %s\ndata: %s\n\n", event, html);
}

static void stream_message(const struct tutor_message *m, void *ctx)
{
	struct render_state *rs = ctx;
	struct buf html = BUF_INIT(64 * 1024);

	tutoring_message_html(&html, &rs->viewer, m, rs->catalog);
	sse_event(rs->b, "message", m->id, buf_cstr(&html));
	rs->last_id = m->id;
	buf_release(&html);
}

/* Send what the subscriber has not seen, after checking again that the
 * session is alive and the person may still read the conversation. */
static void conversation_deliver(struct live_stream *s, struct db *db, int64_t event_id, void *data)
{
	struct conversation_stream *cs = data;
	struct user u;
	struct tutor_question q;
	struct buf out = BUF_INIT(256 * 1024), state = BUF_INIT(1024);
	struct render_state rs = { &out, { 0, NULL, false }, cs->catalog, cs->last_id };

	/* A message the stream has sent already (the poll publishes recent
	 * messages again): nothing to deliver, so no query either. */
	if (event_id > 0 && event_id <= cs->last_id) {
		buf_release(&out);
		buf_release(&state);
		return;
	}
	memset(&u, 0, sizeof(u));
	if (session_lookup(db, cs->token, &u) != 1 || tutor_question_load(db, cs->question_id, &q) != 1 ||
	    !tutor_may_read(db, &u, &q)) {
		log_info("live stream closed reason=rights question=%lld", (long long)cs->question_id);
		live_stream_close(s);
		return;
	}
	rs.viewer.user_id = u.id;
	rs.viewer.csrf = u.csrf;
	rs.viewer.child = (u.caps & CAP_DO_ACTIVITIES) != 0;
	tutor_messages_each(db, q.id, cs->last_id, stream_message, &rs);
	cs->last_id = rs.last_id;
	if (strcmp(q.status, cs->status) != 0 || q.claimed_by != cs->claimed_by) {
		snprintf(cs->status, sizeof(cs->status), "%s", q.status);
		cs->claimed_by = q.claimed_by;
		tutoring_state_html(&state, &q, rs.viewer.child);
		sse_event(&out, "etat", 0, buf_cstr(&state));
	}
	if (out.len)
		live_stream_write(s, out.data, out.len);
	buf_release(&out);
	buf_release(&state);
}

int page_tutoring_stream(struct request *r)
{
	struct tutor_question q;
	struct conversation_stream *cs;
	struct live_stream *s;
	char last_event[24];
	const char *since = form_get(&r->query, "depuis");
	int status = conversation_load(r, &q);
	static const char hello[] = "retry: 3000\n\n";

	if (status != 1)
		return status;
	if ((status = tutoring_stream_accepted(r)) != 0)
		return status;
	cs = calloc(1, sizeof(*cs));
	if (!cs)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	memcpy(cs->token, r->session_token, sizeof(cs->token));
	cs->question_id = q.id;
	cs->catalog = r->catalog;
	snprintf(cs->status, sizeof(cs->status), "%s", q.status);
	cs->claimed_by = q.claimed_by;
	/* A reconnecting browser sends the id of the last event it received. */
	if (request_header(r, "last-event-id", last_event, sizeof(last_event)))
		since = last_event;
	cs->last_id = since ? strtoll(since, NULL, 10) : 0;
	if (cs->last_id < 0)
		cs->last_id = 0;
	s = live_stream_open(r, q.id, conversation_deliver, cs, free);
	if (!s)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	live_stream_write(s, hello, sizeof(hello) - 1);
	conversation_deliver(s, r->db, 0, cs);
	return HANDLER_DEFERRED;
}
