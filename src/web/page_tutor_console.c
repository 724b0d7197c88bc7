/* The tuteur's console: the queue, claims, hand-overs and ready-made
 * answers. */
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

static void queue_row(const struct tutor_question *q, void *ctx)
{
	struct request *r = ctx;
	const struct activity *a = *q->context.activity_id ? catalog_find(r->catalog, q->context.activity_id) : NULL;
	int64_t waited = (int64_t)time(NULL) - q->created_at;
	bool mine = strcmp(q->status, "claimed") == 0;

	buf_html(&r->out, "<tr><td data-label=\"%s\"><a href=\"/tutorat/conversation/%lld\">%s %lld</a>%S</td>"
			  "<td data-label=\"%s\">%s (%s)</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%lld min</td><td data-label=\"%s\">",
		 _("Question"), (long long)q->id, _("n°"), (long long)q->id, q->priority > 0 ? " <strong>prioritaire</strong>" : "",
		 _("Élève"), q->child_name, q->context.level, _("Contexte"), a ? a->title : _("page d'aide"),
		 _("Attente"), (long long)(waited / 60), _("Action"));
	if (mine) {
		buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"/tutorat/conversation/%lld\">%s</a>", (long long)q->id, _("Répondre"));
	} else {
		buf_html(&r->out, "<form method=\"post\" action=\"/tuteur/question/%lld/prendre\" class=\"inline-form\">", (long long)q->id);
		page_csrf_field(r);
		buf_html(&r->out, "<button class=\"btn btn-primary\" type=\"submit\">%s<span class=\"sr-only\"> %s %lld</span></button></form>",
			 _("Prendre"), _("la question n°"), (long long)q->id);
	}
	buf_adds(&r->out, "</td></tr>");
}

int page_tutor_console(struct request *r)
{
	size_t before;

	if (tutor_presence_touch(r->db, r->user.id, (int64_t)time(NULL)) < 0)
		log_warn("tutoring presence failed request=%s tuteur=%lld", r->id, (long long)r->user.id);
	page_begin(r, _("Tutorat"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Questions des élèves"),
		 _("Les questions prioritaires puis les plus anciennes d'abord. Prenez une question pour y répondre : personne d'autre ne pourra la prendre."));
	buf_html(&r->out, "<div id=\"file-attente\" data-queue-stream=\"/tuteur/flux\" data-presence=\"/tuteur/presence\" data-csrf=\"%s\">",
		 r->user.csrf);
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("File d'attente"), _("Question"), _("Élève"), _("Contexte"), _("Attente"), _("Action"));
	before = r->out.len;
	if (tutor_queue_each(r->db, &r->user, queue_row, r) < 0)
		return page_error(r, 500, _("La file d'attente n'a pas pu être lue. Réessayez dans un instant."));
	if (r->out.len == before)
		buf_html(&r->out, "<tr><td colspan=\"5\">%s</td></tr>", _("Aucune question en attente."));
	buf_html(&r->out, "</tbody></table></div></div><p><a class=\"btn btn-secondary\" href=\"/tuteur/reponses\">%s</a></p>"
			  "<script src=\"/static/tutorat.js\" defer></script>",
		 _("Mes réponses toutes prêtes"));
	page_end(r);
	return 200;
}

int page_tutor_presence(struct request *r)
{
	if (tutor_presence_touch(r->db, r->user.id, (int64_t)time(NULL)) < 0)
		return page_error(r, 500, _("La présence n'a pas pu être enregistrée."));
	r->content_type = "text/plain; charset=utf-8";
	buf_adds(&r->out, "ok\n");
	return 200;
}

/* The question of route parameter 0 if the tuteur answers for it. */
static int question_for_tuteur(struct request *r, struct tutor_question *q)
{
	int64_t id = param_id(r, 0);
	int found = id > 0 ? tutor_question_load(r->db, id, q) : 0;

	if (found < 0)
		return page_error(r, 500, _("Cette question n'a pas pu être lue. Réessayez dans un instant."));
	if (found == 0 || !tutor_answers_for(r->db, &r->user, q->structure_id))
		return page_not_found(r);
	return 1;
}

static int back_to_conversation(struct request *r, int64_t id)
{
	char location[64];

	live_publish(id, 0);
	live_publish(TUTOR_TOPIC_QUEUE, id);
	snprintf(location, sizeof(location), "/tutorat/conversation/%lld", (long long)id);
	return request_redirect(r, location);
}

int page_tutor_claim(struct request *r)
{
	struct tutor_question q;
	int status = question_for_tuteur(r, &q), claimed;

	if (status != 1)
		return status;
	claimed = tutor_question_claim(r->db, q.id, r->user.id);
	if (claimed < 0)
		return page_error(r, 500, _("La question n'a pas pu être prise. Réessayez dans un instant."));
	if (claimed == 0)
		return page_error(r, 409, _("Cette question est déjà prise par un autre tuteur, ou elle est close. Retournez à la file d'attente."));
	return back_to_conversation(r, q.id);
}

/* True when `id` is one of the colleagues the console offers. */
static bool colleague_known(struct request *r, long long id)
{
	struct tutor_colleague colleagues[TUTOR_QUEUE_MAX_ROWS];
	int n = tutor_colleagues(r->db, r->user.id, colleagues, TUTOR_QUEUE_MAX_ROWS), i;

	for (i = 0; i < n; i++)
		if (colleagues[i].id == id)
			return true;
	return false;
}

int page_tutor_pass(struct request *r)
{
	struct tutor_question q;
	const char *to_text = form_get(&r->body, "collegue");
	int status = question_for_tuteur(r, &q), passed;
	char *end = NULL;
	long long to = to_text ? strtoll(to_text, &end, 10) : 0;

	if (status != 1)
		return status;
	if (!to_text || *end || to <= 0 || !colleague_known(r, to))
		return page_error(r, 400, _("Choisissez un collègue tuteur dans la liste."));
	passed = tutor_question_pass(r->db, q.id, r->user.id, to);
	if (passed < 0)
		return page_error(r, 500, _("La question n'a pas pu être passée. Réessayez dans un instant."));
	if (passed == 0)
		return page_error(r, 409, _("Vous ne tenez plus cette question : elle a peut-être été close. Retournez à la file d'attente."));
	log_info("tutoring pass question=%lld from=%lld to=%lld", (long long)q.id, (long long)r->user.id, to);
	return back_to_conversation(r, q.id);
}

int page_tutor_close(struct request *r)
{
	struct tutor_question q;
	int status = question_for_tuteur(r, &q), closed;

	if (status != 1)
		return status;
	closed = tutor_question_close(r->db, q.id, r->user.id);
	if (closed < 0)
		return page_error(r, 500, _("La conversation n'a pas pu être close. Réessayez dans un instant."));
	if (closed == 0)
		return page_error(r, 409, _("Seul le tuteur qui a pris la question peut la clore."));
	return back_to_conversation(r, q.id);
}

int page_tutor_reopen(struct request *r)
{
	struct tutor_question q;
	int status = question_for_tuteur(r, &q), reopened;

	if (status != 1)
		return status;
	reopened = tutor_question_reopen(r->db, q.id);
	if (reopened < 0)
		return page_error(r, 500, _("La conversation n'a pas pu être rouverte. Réessayez dans un instant."));
	if (reopened == 0)
		return page_error(r, 409, _("Cette conversation n'est pas close."));
	return back_to_conversation(r, q.id);
}

static void snippet_row(const struct tutor_snippet *s, void *ctx)
{
	struct request *r = ctx;

	buf_html(&r->out, "<li><strong>%s</strong><p>%s</p><form method=\"post\" action=\"/tuteur/reponses/%lld/supprimer\" class=\"inline-form\">",
		 s->title, s->body, (long long)s->id);
	page_csrf_field(r);
	buf_html(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s<span class=\"sr-only\"> %s</span></button></form></li>",
		 _("Supprimer"), s->title);
}

static int snippets_page(struct request *r, int status, const char *error)
{
	page_begin(r, _("Réponses toutes prêtes"));
	buf_html(&r->out, "<h1>%s</h1>", _("Mes réponses toutes prêtes"));
	if (error)
		widget_flash(r, "error", error);
	buf_adds(&r->out, "<ul class=\"tutor-list\">");
	if (tutor_snippets_each(r->db, r->user.id, snippet_row, r) < 0)
		return page_error(r, 500, _("Vos réponses n'ont pas pu être lues. Réessayez dans un instant."));
	buf_html(&r->out, "</ul><h2>%s</h2><form method=\"post\" action=\"/tuteur/reponses\">", _("Ajouter une réponse"));
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"field\"><label for=\"titre\">%s</label><input id=\"titre\" name=\"titre\" maxlength=\"%d\" required></div>"
			  "<div class=\"field\"><label for=\"texte\">%s</label><textarea id=\"texte\" name=\"texte\" rows=\"4\" maxlength=\"%d\" required></textarea></div>"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>"
			  "<p><a class=\"btn btn-secondary\" href=\"/tuteur\">%s</a></p>",
		 _("Titre"), TUTOR_SNIPPET_TITLE_MAX_BYTES, _("Texte"), TUTOR_MESSAGE_MAX_BYTES, _("Ajouter"), _("File d'attente"));
	page_end(r);
	return status;
}

int page_tutor_snippets(struct request *r)
{
	return snippets_page(r, 200, NULL);
}

int page_tutor_snippet_add(struct request *r)
{
	const char *title = form_get(&r->body, "titre"), *text = form_get(&r->body, "texte");

	if (!title || !*title || !text || !*text)
		return snippets_page(r, 400, _("Donnez un titre et un texte à la réponse toute prête."));
	if (strlen(title) > TUTOR_SNIPPET_TITLE_MAX_BYTES || strlen(text) > TUTOR_MESSAGE_MAX_BYTES)
		return snippets_page(r, 400, _("Le titre (80 caractères au plus) ou le texte (2 000 caractères au plus) est trop long."));
	if (tutor_snippet_add(r->db, r->user.id, title, text) < 0)
		return snippets_page(r, 422, _("La réponse n'a pas pu être ajoutée : vous en avez peut-être déjà 50. Supprimez-en une puis recommencez."));
	return request_redirect(r, "/tuteur/reponses");
}

int page_tutor_snippet_delete(struct request *r)
{
	int64_t id = param_id(r, 0);
	int deleted = id > 0 ? tutor_snippet_delete(r->db, r->user.id, id) : 0;

	if (deleted < 0)
		return page_error(r, 500, _("La réponse n'a pas pu être supprimée. Réessayez dans un instant."));
	if (deleted == 0)
		return page_not_found(r);
	return request_redirect(r, "/tuteur/reponses");
}

/* ---- the live stream of the queue ---- */

struct queue_stream {
	char token[SESSION_TOKEN_CHARS + 1];
};

static void queue_deliver(struct live_stream *s, struct db *db, int64_t event_id, void *data)
{
	struct queue_stream *qs = data;
	struct user u;
	static const char changed[] = "event: file\ndata: changed\n\n";

	memset(&u, 0, sizeof(u));
	if (session_lookup(db, qs->token, &u) != 1 || !(u.caps & CAP_ANSWER_QUESTIONS)) {
		live_stream_close(s);
		return;
	}
	live_stream_write(s, changed, sizeof(changed) - 1);
}

int page_tutor_stream(struct request *r)
{
	struct queue_stream *qs;
	struct live_stream *s;
	static const char hello[] = "retry: 3000\n\n";
	int status = tutoring_stream_accepted(r);

	if (status != 0)
		return status;
	qs = calloc(1, sizeof(*qs));
	if (!qs)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	memcpy(qs->token, r->session_token, sizeof(qs->token));
	s = live_stream_open(r, TUTOR_TOPIC_QUEUE, queue_deliver, qs, free);
	if (!s)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	live_stream_write(s, hello, sizeof(hello) - 1);
	return HANDLER_DEFERRED;
}
