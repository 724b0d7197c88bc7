/* The child's tutoring pages: the help page, the question form and the
 * conversation page that every reader of a conversation shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/account.h"
#include "auth/roles.h"
#include "auth/scope.h"
#include "content/catalog.h"
#include "content/content_store.h"
#include "core/log.h"
#include "http/live.h"
#include "learn/attempt.h"
#include "web/answers.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/tutoring.h"
#include "web/widgets.h"

static int refuse_without_seat(struct request *r)
{
	return page_error(r, 403, _("Le tutorat n'est pas ouvert pour ton compte. Demande à ton animateur."));
}

static void question_row(const struct tutor_question *q, void *ctx)
{
	struct request *r = ctx;
	char when[96];
	bool unread = q->first_answer_at > 0 && q->last_message_at >= q->child_read_at && strcmp(q->status, "waiting") != 0;

	tutoring_date_text(q->last_message_at, when, sizeof(when));
	buf_html(&r->out, "<li><a href=\"/tutorat/conversation/%lld\">%s %lld</a> · %s", (long long)q->id, _("Question n°"),
		 (long long)q->id, when);
	if (unread)
		buf_html(&r->out, " · <strong>%s</strong>", _("nouvelle réponse"));
	buf_adds(&r->out, "</li>");
}

/* The question form; the context travels in hidden fields. */
static void ask_form(struct request *r, const struct tutor_context *ctx, const char *attempt, const char *text,
		     const char *error)
{
	struct buf *b = &r->out;

	buf_html(b, "<form method=\"post\" action=\"/tutorat/demander\" class=\"ask-form\" data-once>");
	page_csrf_field(r);
	buf_html(b, "<input type=\"hidden\" name=\"origine\" value=\"%s\">", tutor_origin_name(ctx->origin));
	if (*ctx->activity_id)
		buf_html(b, "<input type=\"hidden\" name=\"activite\" value=\"%s\"><input type=\"hidden\" name=\"version\" value=\"%d\">"
			    "<input type=\"hidden\" name=\"question\" value=\"%d\"><input type=\"hidden\" name=\"tentative\" value=\"%s\">",
			 ctx->activity_id, ctx->activity_version, ctx->question_number, attempt ? attempt : "");
	if (error)
		buf_html(b, "<div class=\"flash flash-error\" role=\"alert\"><p>%s</p></div>", error);
	buf_html(b, "<div class=\"field\"><label for=\"texte\">%s</label><p class=\"hint\" id=\"texte-aide\">%s</p>"
		    "<textarea id=\"texte\" name=\"texte\" rows=\"5\" maxlength=\"%d\" required aria-describedby=\"texte-aide\">%s</textarea></div>",
		 _("Ta question"), _("Qu'est-ce que tu as déjà essayé ? Qu'est-ce qui te bloque ? N'écris pas ton adresse ni ton numéro de téléphone."),
		 TUTOR_MESSAGE_MAX_BYTES, text ? text : "");
	if (*ctx->activity_id)
		buf_html(b, "<div class=\"field\"><label for=\"reponse\">%s</label><input id=\"reponse\" name=\"reponse\" maxlength=\"%d\" value=\"%s\"></div>",
			 _("Ta réponse (si tu en as une)"), TUTOR_ANSWER_MAX_BYTES, ctx->child_answer);
	buf_html(b, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Envoyer ma question"));
}

int page_tutoring_help(struct request *r)
{
	struct tutor_context ctx = { .origin = TUTOR_FROM_HELP };
	size_t before;

	if (!tutoring_child_may_ask(r))
		return refuse_without_seat(r);
	page_begin(r, _("Demander de l'aide"));
	buf_html(&r->out, "<h1>%s</h1><div class=\"tutor-status\">", _("Demander de l'aide à un tuteur"));
	tutoring_status_html(&r->out, r->db, 0);
	buf_html(&r->out, "</div><h2>%s</h2>", _("Poser une nouvelle question"));
	ask_form(r, &ctx, NULL, NULL, NULL);
	buf_html(&r->out, "<h2>%s</h2><ul class=\"tutor-list\">", _("Mes questions"));
	before = r->out.len;
	if (tutor_child_questions_each(r->db, r->user.id, question_row, r) < 0)
		return page_error(r, 500, _("Tes questions n'ont pas pu être lues. Réessaie dans un instant."));
	if (r->out.len == before)
		buf_html(&r->out, "<li>%s</li>", _("Tu n'as pas encore posé de question."));
	buf_html(&r->out, "</ul><p><a class=\"btn btn-secondary\" href=\"/eleve\">%s</a></p>", _("Mes matières"));
	page_end(r);
	return 200;
}

static long form_number(const struct form *f, const char *name)
{
	const char *text = form_get(f, name);
	char *end;
	long value;

	if (!text || !*text)
		return 0;
	value = strtol(text, &end, 10);
	return *end || value < 0 ? -1 : value;
}

/* The child's answer to question `number` of their attempt, as text. */
static void attempt_answer(struct request *r, int64_t attempt_id, int number, struct tutor_context *ctx)
{
	struct attempt at = { 0 };
	struct answer_sheet sheet = { 0 };
	struct activity *a = NULL;
	const struct question_answer *qa;
	size_t i, n = 0;

	if (attempt_id <= 0 || attempt_load(r->db, attempt_id, r->user.id, &at) != 1)
		return;
	if (at.max_score > 0 && at.score * 2 < at.max_score)
		ctx->priority = 1;
	a = content_store_version(r->db, at.activity_id, at.activity_version);
	if (number > 0 && a && (size_t)number <= a->question_count && answer_sheet_from_json(&sheet, a, at.answers_json) == SHEET_OK) {
		qa = &sheet.answers[number - 1];
		for (i = 0; i < qa->text_count && n < sizeof(ctx->child_answer); i++)
			n += (size_t)snprintf(ctx->child_answer + n, sizeof(ctx->child_answer) - n, "%s%s", i ? " / " : "", qa->texts[i] ? qa->texts[i] : "");
		for (i = 0; i < qa->choice_count && n < sizeof(ctx->child_answer); i++)
			n += (size_t)snprintf(ctx->child_answer + n, sizeof(ctx->child_answer) - n, "%schoix n°%d", n ? " / " : "", qa->choices[i] + 1);
	}
	answer_sheet_release(&sheet);
	activity_free(a);
	attempt_release(&at);
}

/* Read the context from `f` (the query or the form); returns an error
 * message, or NULL when it is valid. */
static const char *context_read(struct request *r, const struct form *f, struct tutor_context *ctx)
{
	const char *id = form_get(f, "activite");
	const struct activity *a;
	long number = form_number(f, "question"), version = form_number(f, "version");

	memset(ctx, 0, sizeof(*ctx));
	snprintf(ctx->level, sizeof(ctx->level), "%s", r->user.level);
	ctx->origin = TUTOR_FROM_HELP;
	if (!id || !*id)
		return NULL;
	a = catalog_find(r->catalog, id);
	if (!a || !(a->levels & level_parse(r->user.level)))
		return _("Cette activité n'existe pas ou n'est pas de ton niveau. Pose ta question depuis la page d'aide.");
	if (number < 0 || (size_t)number > a->question_count || version < 0 || version > a->version)
		return _("Le numéro de la question ne correspond pas à cette activité. Pose ta question depuis l'activité.");
	snprintf(ctx->activity_id, sizeof(ctx->activity_id), "%s", a->id);
	ctx->activity_version = version ? (int)version : a->version;
	ctx->question_number = (int)number;
	ctx->origin = form_number(f, "tentative") > 0 ? TUTOR_FROM_RESULT : TUTOR_FROM_ACTIVITY;
	return NULL;
}

static int ask_page(struct request *r, int status, const struct tutor_context *ctx, const char *text, const char *error)
{
	const struct activity *a = *ctx->activity_id ? catalog_find(r->catalog, ctx->activity_id) : NULL;
	const char *attempt = form_get(request_is_post(r) ? &r->body : &r->query, "tentative");

	page_begin(r, _("Poser une question"));
	buf_html(&r->out, "<h1>%s</h1>", _("Poser une question à un tuteur"));
	if (a) {
		buf_html(&r->out, "<p class=\"lead\">%s <strong>%s</strong>", _("Activité :"), a->title);
		if (ctx->question_number > 0)
			buf_html(&r->out, ", %s %d", _("question"), ctx->question_number);
		buf_adds(&r->out, "</p>");
	}
	buf_adds(&r->out, "<div class=\"tutor-status\">");
	tutoring_status_html(&r->out, r->db, 0);
	buf_adds(&r->out, "</div>");
	ask_form(r, ctx, attempt, text, error);
	page_end(r);
	return status;
}

int page_tutoring_ask(struct request *r)
{
	struct tutor_context ctx;
	const char *error;

	if (!tutoring_child_may_ask(r))
		return refuse_without_seat(r);
	error = context_read(r, &r->query, &ctx);
	if (error)
		return page_error(r, 404, error);
	attempt_answer(r, form_number(&r->query, "tentative"), ctx.question_number, &ctx);
	return ask_page(r, 200, &ctx, NULL, NULL);
}

int page_tutoring_ask_submit(struct request *r)
{
	const char *text = form_get(&r->body, "texte"), *answer = form_get(&r->body, "reponse");
	struct tutor_context ctx;
	const char *error;
	char location[64];
	int64_t id;

	if (!tutoring_child_may_ask(r))
		return refuse_without_seat(r);
	error = context_read(r, &r->body, &ctx);
	if (error)
		return page_error(r, 400, error);
	attempt_answer(r, form_number(&r->body, "tentative"), 0, &ctx);
	if (answer && strlen(answer) > TUTOR_ANSWER_MAX_BYTES)
		return ask_page(r, 400, &ctx, text, _("Ta réponse est trop longue (200 caractères au plus). Raccourcis-la."));
	snprintf(ctx.child_answer, sizeof(ctx.child_answer), "%s", answer ? answer : "");
	if (!text || !*text)
		return ask_page(r, 400, &ctx, text, _("Écris ta question avant de l'envoyer."));
	if (strlen(text) > TUTOR_MESSAGE_MAX_BYTES)
		return ask_page(r, 400, &ctx, text, _("Ta question est trop longue (2 000 caractères au plus). Raccourcis-la."));
	if (tutor_child_waiting_count(r->db, r->user.id) >= TUTOR_WAITING_MAX_PER_CHILD)
		return ask_page(r, 429, &ctx, text,
				_("Tu as déjà 10 questions qui attendent un tuteur. Attends leurs réponses, ou écris dans une de tes questions, avant d'en poser une nouvelle."));
	if (tutor_question_create(r->db, &r->user, &ctx, text, &id) < 0)
		return page_error(r, 500, _("Ta question n'a pas pu être envoyée. Réessaie dans un instant."));
	live_publish(TUTOR_TOPIC_QUEUE, id);
	snprintf(location, sizeof(location), "/tutorat/conversation/%lld", (long long)id);
	return request_redirect(r, location);
}

/* The conversations of a child, for the adults who follow the child. */
static void follower_row(const struct tutor_question *q, void *ctx)
{
	struct request *r = ctx;
	char when[96];

	tutoring_date_text(q->last_message_at, when, sizeof(when));
	buf_html(&r->out, "<li><a href=\"/tutorat/conversation/%lld\">%s %lld</a> · %s · ", (long long)q->id, _("Question n°"),
		 (long long)q->id, when);
	tutoring_state_html(&r->out, q, false);
	buf_adds(&r->out, "</li>");
}

int page_tutoring_child_list(struct request *r)
{
	int64_t child_id = param_id(r, 0);
	struct account_row child;
	char title[160];
	size_t before;

	/* A child out of scope is "not found", like one that does not exist. */
	if (child_id <= 0 || !scope_child(r->db, &r->user, child_id) || account_find(r->db, child_id, &child) != 1 ||
	    strcmp(child.role, "eleve") != 0)
		return page_not_found(r);
	snprintf(title, sizeof(title), "%s %s %s", _("Questions au tuteur de"), child.first_name, child.last_initial);
	page_begin(r, title);
	buf_html(&r->out, "<h1>%s</h1><ul class=\"tutor-list\">", title);
	before = r->out.len;
	if (tutor_child_questions_each(r->db, child_id, follower_row, r) < 0)
		return page_error(r, 500, _("Les questions n'ont pas pu être lues. Réessayez dans un instant."));
	if (r->out.len == before)
		buf_html(&r->out, "<li>%s</li>", _("Cet élève n'a pas encore posé de question à un tuteur."));
	buf_html(&r->out, "</ul><p><a class=\"btn btn-secondary\" href=\"/accueil\">%s</a></p>", _("Accueil"));
	page_end(r);
	return 200;
}
