/* Satisfaction surveys: the builder and results for opérateurs and
 * administrateurs, the answer pages for children, structures' adults and
 * families (by code, no account), and the printed sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "eval/event.h"
#include "eval/survey.h"
#include "speech/speech.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/survey_view.h"
#include "web/widgets.h"

static const char *const smiley_labels[SURVEY_SMILEYS] = { "Pas content", "Moyen", "Content" };
static const char *const smiley_faces[SURVEY_SMILEYS] = { "😞", "😐", "😊" };

/* True when the person may build or read the results of the survey. */
static bool survey_managed(struct request *r, const struct survey *s)
{
	if (s->structure_id == 0)
		return scope_national(&r->user);
	return scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, s->structure_id);
}

/* True when the signed-in person is one of the survey's audience. */
static bool survey_audience(struct request *r, const struct survey *s)
{
	bool child = (r->user.caps & CAP_DO_ACTIVITIES) != 0;
	size_t i;

	if (strcmp(s->audience, "enfants") == 0)
		return child && (s->structure_id == 0 || r->user.structure_id == s->structure_id);
	if (strcmp(s->audience, "structures") != 0 || child)
		return false;
	for (i = 0; i < r->user.grant_count; i++)
		if (r->user.grants[i].structure_id && (s->structure_id == 0 || r->user.grants[i].structure_id == s->structure_id))
			return true;
	return false;
}

int survey_speech_text(struct db *db, const struct user *u, int64_t survey_id, int position, struct buf *text)
{
	static const char *const scale = "De 1, pas du tout, à 5, tout à fait.";
	struct survey s;
	const struct survey_question *q;
	int i;

	if (survey_load(db, survey_id, &s) != 1 || strcmp(s.audience, "enfants") != 0 || position < 1 || position > s.question_count)
		return -1;
	if (!(u->caps & CAP_DO_ACTIVITIES) || (s.structure_id && u->structure_id != s.structure_id))
		return -1;
	q = &s.questions[position - 1];
	speech_text_add(text, q->prompt);
	buf_adds(text, " … ");
	if (q->kind == SURVEY_SMILEYS_KIND)
		for (i = 0; i < SURVEY_SMILEYS; i++) {
			speech_text_add(text, smiley_labels[i]);
			buf_adds(text, ". ");
		}
	else if (q->kind == SURVEY_SCALE)
		speech_text_add(text, scale);
	for (i = 0; q->kind == SURVEY_CHOICE && i < q->choice_count; i++) {
		speech_text_add(text, q->choices[i]);
		buf_adds(text, ". ");
	}
	return 0;
}

/* ---- answering ---- */

static void question_inputs(struct request *r, const struct survey *s, int position, bool child)
{
	const struct survey_question *q = &s->questions[position - 1];
	struct buf *b = &r->out;
	int i, count = q->kind == SURVEY_SMILEYS_KIND ? SURVEY_SMILEYS : q->kind == SURVEY_SCALE ? SURVEY_SCALE_MAX : q->choice_count;

	buf_html(b, "<fieldset class=\"survey-question\"><legend>%s</legend>", q->prompt);
	if (child)
		listen_survey(r, s->id, position);
	if (q->kind == SURVEY_TEXT) {
		buf_html(b, "<label class=\"sr-only\" for=\"r%d\">%s</label><textarea id=\"r%d\" name=\"r%d\" maxlength=\"%d\" rows=\"3\"></textarea></fieldset>",
			 position, q->prompt, position, position, SURVEY_TEXT_MAX);
		return;
	}
	buf_adds(b, "<div class=\"survey-options\">");
	for (i = 1; i <= count; i++) {
		char label[96];

		if (q->kind == SURVEY_SMILEYS_KIND)
			snprintf(label, sizeof(label), "%s", smiley_labels[i - 1]);
		else if (q->kind == SURVEY_SCALE)
			snprintf(label, sizeof(label), "%d", i);
		else
			snprintf(label, sizeof(label), "%s", q->choices[i - 1]);
		buf_html(b, "<label class=\"survey-option\"><input type=\"radio\" name=\"r%d\" value=\"%d\"> ", position, i);
		if (q->kind == SURVEY_SMILEYS_KIND)
			buf_html(b, "<span class=\"smiley\" aria-hidden=\"true\">%s</span> ", smiley_faces[i - 1]);
		buf_html(b, "%s</label>", label);
	}
	buf_adds(b, "</div></fieldset>");
}

static void answer_form(struct request *r, const struct survey *s, const char *action, const char *code, bool child)
{
	int i;

	buf_html(&r->out, "<form method=\"post\" action=\"%s\" class=\"survey\">", action);
	page_csrf_field(r);
	if (code)
		buf_html(&r->out, "<input type=\"hidden\" name=\"code\" value=\"%s\">", code);
	for (i = 1; i <= s->question_count; i++)
		question_inputs(r, s, i, child);
	buf_html(&r->out, "<p class=\"hint\">%s</p><div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<button class=\"btn btn-secondary\" type=\"submit\" name=\"passer\" value=\"1\">%s</button></div></form>",
		 child ? _("Tu peux laisser une question sans réponse.") : _("Chaque question est facultative."), _("Envoyer"), _("Pas maintenant"));
}

static int answer_page(struct request *r, int status, const struct survey *s, const char *action, const char *code, const char *error)
{
	bool child = (r->user.caps & CAP_DO_ACTIVITIES) && r->signed_in;

	page_begin(r, s->title);
	buf_html(&r->out, "<h1>%s</h1>", s->title);
	if (error)
		widget_flash(r, "error", error);
	answer_form(r, s, action, code, child);
	page_end(r);
	return status;
}

/* Store the posted answers (or the skip); returns the status. */
static int answer_store(struct request *r, const struct survey *s, int64_t account_id, const char *action, const char *code)
{
	const char *values[SURVEY_MAX_QUESTIONS] = { NULL };
	char message[256] = "", field[8];
	bool skip = form_get(&r->body, "passer") != NULL;
	int i, rc;

	for (i = 0; i < s->question_count; i++) {
		snprintf(field, sizeof(field), "r%d", i + 1);
		values[i] = form_get(&r->body, field);
	}
	rc = survey_answer(r->db, s, account_id, skip, values, message, sizeof(message));
	if (rc == 0)
		return answer_page(r, 422, s, action, code, message);
	if (rc < 0)
		return page_error(r, 500, _("La réponse n'a pas pu être enregistrée. Réessayez dans un instant."));
	if (!skip)
		event_record(r, EVENT_FEATURE_SURVEYS, EVENT_ACTION_ANSWER, s->code);
	return 0;
}

int page_survey_answer_form(struct request *r)
{
	struct survey s;
	char action[64];

	if (survey_load(r->db, param_id(r, 0), &s) != 1 || !survey_audience(r, &s))
		return page_not_found(r);
	snprintf(action, sizeof(action), "/enquete/%lld", (long long)s.id);
	return answer_page(r, 200, &s, action, NULL, NULL);
}

int page_survey_answer(struct request *r)
{
	struct survey s;
	char action[64];
	int status;

	if (survey_load(r->db, param_id(r, 0), &s) != 1 || !survey_audience(r, &s))
		return page_not_found(r);
	snprintf(action, sizeof(action), "/enquete/%lld", (long long)s.id);
	status = answer_store(r, &s, r->user.id, action, NULL);
	if (status)
		return status;
	return request_redirect(r, (r->user.caps & CAP_DO_ACTIVITIES) ? "/eleve" : "/accueil");
}

/* Families: a code (typed, or in the link of the printed sheet). */
static int family_code_page(struct request *r, int status, const char *error)
{
	page_begin(r, _("Enquête pour les familles"));
	buf_html(&r->out, "<h1>%s</h1>", _("Enquête pour les familles"));
	if (error)
		widget_flash(r, "error", error);
	buf_html(&r->out, "<form method=\"get\" action=\"/famille/enquete\"><div class=\"field\"><label for=\"code\">%s</label>"
			  "<input id=\"code\" name=\"code\" maxlength=\"%d\" autocapitalize=\"characters\" required></div>"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Le code écrit sur la feuille"), SURVEY_CODE_CHARS, _("Continuer"));
	page_end(r);
	return status;
}

static int family_survey(struct request *r, const char *code, struct survey *s)
{
	char upper[SURVEY_CODE_CHARS + 1];
	size_t i;

	if (!code || strlen(code) != SURVEY_CODE_CHARS)
		return 0;
	for (i = 0; i < SURVEY_CODE_CHARS; i++)
		upper[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 'a' + 'A' : code[i]);
	upper[SURVEY_CODE_CHARS] = '\0';
	return survey_load_by_code(r->db, upper, s) == 1 && strcmp(s->audience, "familles") == 0;
}

int page_survey_family_form(struct request *r)
{
	const char *code = form_get(&r->query, "code");
	struct survey s;

	if (!code)
		return family_code_page(r, 200, NULL);
	if (!family_survey(r, code, &s))
		return family_code_page(r, 404, _("Ce code ne correspond à aucune enquête en cours : vérifiez les 8 caractères de la feuille."));
	return answer_page(r, 200, &s, "/famille/enquete", s.code, NULL);
}

int page_survey_family_answer(struct request *r)
{
	struct survey s;
	int status;

	if (!family_survey(r, form_get(&r->body, "code"), &s))
		return family_code_page(r, 404, _("Ce code ne correspond à aucune enquête en cours : vérifiez les 8 caractères de la feuille."));
	status = answer_store(r, &s, 0, "/famille/enquete", s.code);
	if (status)
		return status;
	page_begin(r, _("Merci"));
	buf_html(&r->out, "<h1>%s</h1><p>%s</p>", _("Merci"), _("Votre réponse est enregistrée. Vous pouvez fermer cette page."));
	page_end(r);
	return 200;
}

/* ---- the child's invitation on their home page ---- */

void survey_invite(struct request *r)
{
	int64_t id = survey_for_child(r->db, r->user.id, r->user.structure_id, (int64_t)time(NULL));

	if (id <= 0)
		return;
	buf_html(&r->out, "<section class=\"card survey-invite\" aria-labelledby=\"enquete\"><h2 id=\"enquete\">%s</h2>"
			  "<p><a class=\"btn btn-primary\" href=\"/enquete/%lld\">%s</a></p>"
			  "<form method=\"post\" action=\"/enquete/%lld\">",
		 _("Une petite question pour toi ?"), (long long)id, _("Répondre"), (long long)id);
	page_csrf_field(r);
	buf_html(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\" name=\"passer\" value=\"1\">%s</button></form></section>",
		 _("Pas maintenant"));
}

void survey_adult_invite(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT s.id, s.title, coalesce(s.structure_id, 0) FROM survey s "
					       "WHERE s.active = 1 AND s.audience = 'structures' AND NOT EXISTS "
					       "(SELECT 1 FROM survey_response x WHERE x.survey_id = s.id AND x.account_id = ?) ORDER BY s.id");
	struct survey target = { .audience = "structures" };
	bool any = false;

	if (!st)
		return;
	db_bind_int(st, 1, r->user.id);
	while (db_step(st) == DB_ROW) {
		target.structure_id = db_column_int(st, 2);
		if (!survey_audience(r, &target))
			continue;
		if (!any)
			buf_html(&r->out, "<section class=\"card\" aria-labelledby=\"enquetes\"><h2 id=\"enquetes\">%s</h2><ul class=\"links\">",
				 _("Enquêtes à remplir"));
		buf_html(&r->out, "<li><a href=\"/enquete/%lld\">%s</a></li>", (long long)db_column_int(st, 0), db_column_text(st, 1));
		any = true;
	}
	db_reset(st);
	if (any)
		buf_adds(&r->out, "</ul></section>");
}

/* ---- builder and results ---- */

int page_survey_results(struct request *r)
{
	struct survey s;

	if (survey_load(r->db, param_id(r, 0), &s) != 1 || !survey_managed(r, &s))
		return page_not_found(r);
	page_begin(r, s.title);
	survey_results_write(r, &s);
	page_end(r);
	return 200;
}

int page_survey_sheet(struct request *r)
{
	struct survey s;

	if (survey_load(r->db, param_id(r, 0), &s) != 1 || !survey_managed(r, &s) || strcmp(s.audience, "familles") != 0)
		return page_not_found(r);
	page_begin(r, s.title);
	survey_sheet_write(r, &s);
	page_end(r);
	return 200;
}

int page_survey_builder(struct request *r)
{
	page_begin(r, _("Enquêtes de satisfaction"));
	survey_builder_write(r, NULL, NULL);
	page_end(r);
	return 200;
}

int page_survey_create(struct request *r)
{
	struct survey_input in;
	struct survey s;
	struct field_errors errors = { 0 };
	char location[64];

	survey_input_read(r, &in);
	if (in.structure_id == 0 && !scope_national(&r->user))
		field_errors_add(&errors, "structure", "Choisissez une de vos structures : une enquête nationale est réservée à l'opérateur.");
	else if (in.structure_id > 0 && !scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, in.structure_id))
		field_errors_add(&errors, "structure", "Structure inconnue ou hors de votre périmètre : choisissez-la dans la liste.");
	if (!survey_check(&in, &s, &errors) || errors.count) {
		page_begin(r, _("Enquêtes de satisfaction"));
		survey_builder_write(r, &errors, &r->body);
		page_end(r);
		return 422;
	}
	if (survey_create(r->db, &s, r->user.id) < 0)
		return page_error(r, 500, _("L'enquête n'a pas pu être enregistrée. Réessayez dans un instant."));
	log_info("survey created request=%s account=%lld survey=%lld", r->id, (long long)r->user.id, (long long)s.id);
	snprintf(location, sizeof(location), "/enquetes/%lld", (long long)s.id);
	return request_redirect(r, location);
}
