/* An activity: the form, the graded submission, and the result page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "content/answer.h"
#include "content/catalog.h"
#include "content/content_store.h"
#include "core/log.h"
#include "gen/generator.h"
#include "eval/event.h"
#include "learn/attempt.h"
#include "learn/mastery.h"
#include "web/activity_block.h"
#include "web/answers.h"
#include "web/format.h"
#include "web/listen.h"
#include "web/offer_notice.h"
#include "web/page.h"
#include "web/tutoring.h"
#include "web/pages.h"

/* State of a form shown again: the values typed and the messages. */
struct form_state {
	const struct form *values;
	const struct grade *grade; /* messages of unreadable answers */
	const char *key;
	long long started;
	int version;
	bool preview; /* an adult reads the questions: no form to send */
};

static const struct activity *activity_for_child(struct request *r, const char *id)
{
	const struct activity *a = catalog_find(r->catalog, id);

	/* Training modules for adults answer 404 to a child, like an unknown id. */
	if (!a || a->type != CONTENT_ACTIVITY || a->adults_only || !(a->levels & level_parse(r->user.level)))
		return NULL;
	return a;
}

static void render_choice(struct request *r, const struct question *q, size_t i, const struct form *values)
{
	const char *ticked[ACTIVITY_MAX_CHOICES + 1];
	size_t j, k, n;
	char name[64], index[32];

	snprintf(name, sizeof(name), "q%zu", i);
	n = values ? form_get_all(values, name, ticked, ACTIVITY_MAX_CHOICES + 1) : 0;
	buf_html(&r->out, "<p class=\"hint\" id=\"%s-aide\">%s</p><div class=\"choices\">", name,
		 q->multiple ? _("Coche toutes les bonnes réponses.") : _("Coche une seule réponse."));
	for (j = 0; j < q->option_count; j++) {
		bool checked = false;

		snprintf(index, sizeof(index), "%zu", j);
		for (k = 0; k < n && k <= ACTIVITY_MAX_CHOICES; k++)
			checked |= strcmp(ticked[k], index) == 0;
		buf_html(&r->out, "<label class=\"choice\"><input type=\"%S\" name=\"%s\" value=\"%s\" aria-describedby=\"%s-aide\"%S> <span>%S</span></label>",
			 q->multiple ? "checkbox" : "radio", name, index, name, checked ? " checked" : "", q->options[j].html);
	}
	buf_adds(&r->out, "</div>");
}

static void render_blank(struct request *r, const struct blank *bl, size_t i, size_t j, const struct form *values)
{
	char name[64];
	const char *value;
	size_t k;

	snprintf(name, sizeof(name), "q%zub%zu", i, j);
	value = values ? form_get(values, name) : NULL;
	if (bl->menu_count) {
		buf_html(&r->out, "<select class=\"blank\" name=\"%s\" aria-label=\"%s %lu\" aria-describedby=\"q%zu-aide\"><option value=\"\">…</option>", name,
			 _("Trou"), (unsigned long)j + 1, i);
		for (k = 0; k < bl->menu_count; k++)
			buf_html(&r->out, "<option%S>%s</option>", value && strcmp(value, bl->menu[k]) == 0 ? " selected" : "", bl->menu[k]);
		buf_adds(&r->out, "</select>");
		return;
	}
	buf_html(&r->out, "<input class=\"blank\" name=\"%s\" aria-label=\"%s %lu\" aria-describedby=\"q%zu-aide\" autocomplete=\"off\" spellcheck=\"false\" maxlength=\"%d\" value=\"%s\">",
		 name, _("Trou"), (unsigned long)j + 1, i, ACTIVITY_MAX_ANSWER_BYTES, value ? value : "");
}

/* The format hint of a numeric field: the forms its question accepts. */
static const char *numeric_hint(const struct question *q)
{
	if (q->forms == ANSWER_FORM_FRACTION)
		return _("Une fraction, par exemple 3/4");
	if (q->forms == (ANSWER_FORM_FRACTION | ANSWER_FORM_MIXED))
		return _("Une fraction, par exemple 3/4, ou un nombre entier suivi d'une fraction : 1 1/2");
	if (q->forms == ANSWER_FORM_MIXED)
		return _("Un nombre entier suivi d'une fraction, par exemple 1 1/2");
	if (q->forms & ~(unsigned)ANSWER_FORM_DECIMAL)
		return _("Un nombre décimal avec une virgule (3,5) ou une fraction (3/4)");
	return _("Un nombre ; pour un nombre décimal, écris une virgule : 3,5");
}

static void render_numeric(struct request *r, const struct question *q, size_t i, const struct form_state *st)
{
	const char *message = st->grade && st->grade->results[i].verdict == VERDICT_INVALID ? st->grade->results[i].message : NULL;
	char name[64];
	const char *value;

	snprintf(name, sizeof(name), "q%zu", i);
	value = st->values ? form_get(st->values, name) : NULL;
	buf_html(&r->out, "<div class=\"field numeric\"><label for=\"%s\">%s</label><p class=\"hint\" id=\"%s-aide\">%s</p>",
		 name, _("Ta réponse"), name, numeric_hint(q));
	if (message)
		buf_html(&r->out, "<p class=\"field-error\" id=\"%s-erreur\">%s</p>", name, message);
	buf_html(&r->out, "<input id=\"%s\" name=\"%s\" inputmode=\"%S\" autocomplete=\"off\" maxlength=\"64\" value=\"%s\" aria-describedby=\"%s-aide%S%s%S\"%S>",
		 name, name, q->forms & ~(unsigned)ANSWER_FORM_DECIMAL ? "text" : "decimal", value ? value : "", name, message ? " " : "",
		 message ? name : "", message ? "-erreur" : "",
		 message ? " aria-invalid=\"true\"" : "");
	if (q->unit)
		buf_html(&r->out, " <span class=\"unit\">%s</span>", q->unit);
	buf_adds(&r->out, "</div>");
}

static void render_question(struct request *r, const struct activity *a, size_t i, const struct form_state *st)
{
	const struct question *q = &a->questions[i];
	size_t j;

	buf_html(&r->out, "<fieldset class=\"question\"><legend>%s %lu</legend><div class=\"prompt\">%S</div>",
		 _("Question"), (unsigned long)i + 1, q->prompt_html);
	listen_activity(r, a, (int)i);
	if (q->kind == QUESTION_CHOICE) {
		render_choice(r, q, i, st->values);
	} else if (q->kind == QUESTION_CLOZE) {
		buf_html(&r->out, "<p class=\"hint\" id=\"q%zu-aide\">%s</p><div class=\"cloze\">", i,
			 _("Écris ou choisis ce qui manque dans chaque trou."));
		for (j = 0; j < q->blank_count; j++) {
			buf_adds(&r->out, q->pieces_html[j]);
			render_blank(r, &q->blanks[j], i, j, st->values);
		}
		buf_adds(&r->out, q->pieces_html[q->blank_count]);
		buf_adds(&r->out, "</div>");
	} else if (q->kind == QUESTION_DICTATION) {
		dictation_render_form(r, a, i, st->values, st->grade && st->grade->results[i].verdict == VERDICT_INVALID ? st->grade->results[i].message : NULL);
	} else if (q->kind == QUESTION_NUMERIC) {
		render_numeric(r, q, i, st);
	} else if (question_is_block(q)) {
		activity_block_render(r, a, i, st->values, st->grade ? &st->grade->results[i] : NULL);
	}
	if (q->hint_html)
		buf_html(&r->out, "<details class=\"hint\"><summary>%s</summary>%S</details>", _("Un indice ?"), q->hint_html);
	buf_adds(&r->out, "</fieldset>");
}

static int render_form(struct request *r, int status, const struct activity *a, const struct form_state *st)
{
	size_t i;

	page_begin(r, a->title);
	buf_html(&r->out, "<article class=\"activity\"><h1>%s</h1><p class=\"activity-meta\">%s · %d %s</p>",
		 a->title, subject_label(a->subject), a->minutes, _("min environ"));
	if (st->grade)
		buf_html(&r->out, "<div class=\"flash flash-info\" role=\"alert\"><p>%s</p></div>",
			 _("Une réponse est à réécrire : lis le message sous la question. Rien n'est compté pour l'instant."));
	buf_html(&r->out, "<div class=\"activity-intro\">%S</div>", a->intro_html ? a->intro_html : "");
	listen_activity(r, a, -1);
	if (st->preview) {
		/* No form: the answers of an adult are neither sent nor graded. */
		buf_html(&r->out, "<div class=\"flash flash-info\"><p>%s</p></div><div class=\"activity-preview\">",
			 _("Aperçu : vous voyez les questions comme un élève, mais vos réponses ne sont ni envoyées ni corrigées."));
		for (i = 0; i < a->question_count; i++)
			render_question(r, a, i, st);
		buf_adds(&r->out, "</div></article>");
		page_end(r);
		return status;
	}
	buf_html(&r->out, "<form method=\"post\" action=\"/activite/%U\" data-once data-activity>", a->id);
	page_csrf_field(r);
	buf_html(&r->out, "<input type=\"hidden\" name=\"cle\" value=\"%s\"><input type=\"hidden\" name=\"version\" value=\"%d\">"
			  "<input type=\"hidden\" name=\"debut\" value=\"%lld\">",
		 st->key, st->version, st->started);
	if (a->generator)
		buf_html(&r->out, "<input type=\"hidden\" name=\"graine\" value=\"%S\">", generator_seed_text(a->seed).text);
	for (i = 0; i < a->question_count; i++)
		render_question(r, a, i, st);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Valider mes réponses"));
	tutoring_ask_link(r, a, 0, 0);
	buf_adds(&r->out, "</article><script src=\"/static/activites.js\" defer></script>");
	page_end(r);
	return status;
}

/* The questions of a generated activity for `seed`; NULL (logged) when
 * the generator fails. */
static struct activity *activity_generate(struct request *r, const struct activity *a, uint64_t seed)
{
	char err[256];
	struct activity *x = generator_expand(a, seed, err, sizeof(err));

	if (!x)
		log_error("generator failed request=%s activity=%s generator=%s error=\"%s\"", r->id, a->id, a->generator, err);
	return x;
}

/* The activity of the request for an adult who browses the content: any
 * level, training modules included, as the catalogue lists them. */
static const struct activity *activity_for_adult(struct request *r, const char *id)
{
	const struct activity *a = catalog_find(r->catalog, id);

	return a && a->type == CONTENT_ACTIVITY ? a : NULL;
}

int page_activity(struct request *r)
{
	bool child = (r->user.caps & CAP_DO_ACTIVITIES) != 0;
	const struct activity *a = child ? activity_for_child(r, r->params[0]) : activity_for_adult(r, r->params[0]);
	char key[SESSION_TOKEN_CHARS + 1];
	struct form_state st = { 0 };
	struct activity *generated = NULL;
	uint64_t seed;
	int status;

	if (!a)
		return page_not_found(r);
	if (child && !offer_child_allowed(r))
		return offer_child_refused(r);
	if (a->generator) {
		/* ?graine= replays the questions of an earlier attempt. */
		if (!generator_seed_parse(form_get(&r->query, "graine"), &seed))
			seed = generator_new_seed();
		generated = activity_generate(r, a, seed);
		if (!generated)
			return page_error(r, 503, _("Les questions de cette activité n'ont pas pu être préparées. Préviens l'adulte qui t'accompagne."));
		a = generated;
	}
	token_random(key);
	st.key = key;
	st.started = (long long)time(NULL);
	st.version = a->version;
	st.preview = !child;
	if (child)
		event_record(r, EVENT_FEATURE_ACTIVITIES, EVENT_ACTION_START, a->id);
	status = render_form(r, 200, a, &st);
	activity_free(generated);
	return status;
}

/* Idempotency keys are the 43-character base64url tokens of token_random. */
static bool key_valid(const char *key)
{
	size_t i;

	if (!key || strlen(key) != SESSION_TOKEN_CHARS)
		return false;
	for (i = 0; i < SESSION_TOKEN_CHARS; i++) {
		char c = key[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

static long long number_field(const struct form *f, const char *name, long long fallback)
{
	const char *text = form_get(f, name);
	char *end;
	long long value;

	if (!text || !*text)
		return fallback;
	value = strtoll(text, &end, 10);
	return *end ? fallback : value;
}

static const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_RIGHT: return "right";
	case VERDICT_WRONG: return "wrong";
	case VERDICT_EMPTY: return "empty";
	case VERDICT_INVALID: return "invalid";
	}
	return "?";
}

static char *results_json(const struct grade *g)
{
	json_t *list = json_array();
	char *text;
	size_t i;

	for (i = 0; i < g->count; i++)
		json_array_append_new(list, json_pack("{s:s, s:f}", "verdict", verdict_name(g->results[i].verdict),
						      "score", g->results[i].score));
	text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	return text;
}

static bool grade_has_invalid(const struct grade *g)
{
	size_t i;

	for (i = 0; i < g->count; i++)
		if (g->results[i].verdict == VERDICT_INVALID)
			return true;
	return false;
}

/* An attempt waiting for the writer's group commit. */
struct submit_job {
	struct attempt at;
	char key[SESSION_TOKEN_CHARS + 1];
	char *results;
	struct mastery_answers mastery; /* for the child's mastery estimates */
	int64_t id;
	int saved;
};

static void submit_job_free(void *data)
{
	struct submit_job *job = data;

	if (!job)
		return;
	free(job->at.answers_json);
	free(job->results);
	mastery_answers_release(&job->mastery);
	free(job);
}

/* On the writer thread, inside the shared transaction. */
static int submit_write(struct request *r, struct db *db)
{
	struct submit_job *job = r->job_data;

	job->saved = attempt_store(db, &job->at, job->key, job->results, &job->id);
	if (job->saved == 1 && mastery_answers_record(db, job->at.account_id, &job->mastery, job->at.submitted_at) < 0)
		return -1;
	return job->saved < 0 ? -1 : 0;
}

/* Back on the loop once the attempt is durably committed. */
static int submit_done(struct request *r)
{
	struct submit_job *job = r->job_data;
	char url[64];

	if (r->write_rc < 0)
		return page_error(r, 503, _("Tes réponses n'ont pas pu être enregistrées. Elles sont encore dans la page : reviens en arrière et valide de nouveau."));
	log_info("attempt request=%s account=%lld attempt=%lld activity=%s version=%d repeat=%d",
		 r->id, (long long)r->user.id, (long long)job->id, job->at.activity_id, job->at.activity_version, job->saved == 0);
	if (job->saved == 1)
		event_record_submit(r, job->at.activity_id, job->at.score, job->at.max_score);
	snprintf(url, sizeof(url), "/resultat/%lld", (long long)job->id);
	return request_redirect(r, url);
}

/* Grade, then hand the attempt to the writer; the child is sent to the
 * result page only after the commit. */
static int submit_graded(struct request *r, const struct activity *a, struct answer_sheet *sheet,
			 const struct form_state *st)
{
	struct submit_job *job;
	struct grade g = { 0 };
	bool rights_ok = true;
	size_t i;
	int status;

	if (activity_grade(a, sheet->answers, &g) < 0)
		return page_error(r, 500, _("La correction a échoué. Réessaie dans un instant."));
	if (grade_has_invalid(&g)) {
		struct form_state again = *st;

		again.grade = &g;
		status = render_form(r, 422, a, &again);
		grade_release(&g);
		return status;
	}
	job = calloc(1, sizeof(*job));
	if (!job) {
		grade_release(&g);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	r->job_data = job;
	r->job_free = submit_job_free;
	job->at.account_id = r->user.id;
	snprintf(job->at.activity_id, sizeof(job->at.activity_id), "%s", a->id);
	job->at.activity_version = a->version;
	job->at.answers_json = answer_sheet_json(sheet);
	job->at.score = g.score;
	job->at.max_score = g.max_score;
	job->at.started_at = st->started;
	job->at.has_seed = a->generator != NULL;
	job->at.seed = a->seed;
	job->at.submitted_at = (int64_t)time(NULL);
	snprintf(job->key, sizeof(job->key), "%s", st->key);
	job->results = results_json(&g);
	for (i = 0; i < g.count; i++)
		rights_ok &= mastery_answers_add(&job->mastery, g.results[i].verdict == VERDICT_RIGHT) == 0;
	grade_release(&g);
	rights_ok &= mastery_answers_competencies(&job->mastery, (const char *const *)a->competencies, a->competency_count) == 0;
	if (!rights_ok || !job->at.answers_json || !job->results || request_defer_write(r, submit_write, submit_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

int page_activity_submit(struct request *r)
{
	const struct activity *current = activity_for_child(r, r->params[0]);
	const struct activity *a = current;
	struct activity *older = NULL, *generated = NULL;
	struct answer_sheet sheet = { 0 };
	uint64_t seed;
	struct form_state st = { 0 };
	enum sheet_error e;
	size_t question = 0;
	int status;

	if (!current)
		return page_not_found(r);
	if (!offer_child_allowed(r))
		return offer_child_refused(r);
	st.values = &r->body;
	st.key = form_get(&r->body, "cle");
	st.version = (int)number_field(&r->body, "version", current->version);
	st.started = number_field(&r->body, "debut", (long long)time(NULL));
	if (!key_valid(st.key))
		return page_error(r, 400, _("Le formulaire est incomplet (clé d'envoi absente ou invalide). Recharge l'activité puis recommence."));
	/* The child answers the version the page showed, even if it changed since. */
	if (st.version != current->version) {
		older = content_store_version(r->db, current->id, st.version);
		if (!older)
			return page_error(r, 400, _("Cette version de l'activité n'existe pas. Recharge l'activité puis recommence."));
		a = older;
	}
	if (a->generator) {
		if (!generator_seed_parse(form_get(&r->body, "graine"), &seed)) {
			activity_free(older);
			return page_error(r, 400, _("Le formulaire est incomplet (graine des questions absente ou invalide). Recharge l'activité puis recommence."));
		}
		generated = activity_generate(r, a, seed);
		if (!generated) {
			activity_free(older);
			return page_error(r, 503, _("Les questions de cette activité n'ont pas pu être préparées. Tes réponses sont encore dans la page : réessaie dans un instant."));
		}
		a = generated;
	}
	e = answer_sheet_from_form(&sheet, a, &r->body, &question);
	if (e == SHEET_OK)
		status = submit_graded(r, a, &sheet, &st);
	else if (e == SHEET_TOO_LONG)
		status = page_error(r, 422, _("Une réponse est trop longue (2 000 caractères au plus). Raccourcis-la puis valide de nouveau."));
	else if (e == SHEET_BAD_CHOICE)
		status = page_error(r, 422, _("Une case cochée n'existe pas dans cette activité. Recharge l'activité puis recommence."));
	else
		status = page_error(r, 500, _("Le serveur manque de mémoire."));
	answer_sheet_release(&sheet);
	activity_free(generated);
	activity_free(older);
	return status;
}

static void render_result(struct request *r, const struct attempt *at, const struct activity *a, const struct question_result *res,
			  size_t i)
{
	const struct question *q = &a->questions[i];
	const char *cls = res->verdict == VERDICT_RIGHT ? "feedback-right" : "feedback-wrong";
	const char *verdict = res->verdict == VERDICT_RIGHT ? _("Juste !")
			    : res->verdict == VERDICT_EMPTY ? _("Pas de réponse")
							    : _("Pas encore");
	const char *extra = res->verdict == VERDICT_RIGHT ? q->feedback_right_html : q->feedback_wrong_html;

	buf_html(&r->out, "<section class=\"feedback %S\"><h2>%s %lu</h2><div class=\"prompt\">%S</div><p class=\"verdict\">%s</p>",
		 cls, _("Question"), (unsigned long)i + 1, q->prompt_html, verdict);
	if (res->message)
		buf_html(&r->out, "<p>%s</p>", res->message);
	if (q->kind == QUESTION_DICTATION)
		dictation_render_correction(r, res);
	else if (res->verdict != VERDICT_RIGHT && res->expected_html)
		buf_html(&r->out, "<p class=\"expected\">%s %S</p>", _("La bonne réponse :"), res->expected_html);
	if (extra)
		buf_html(&r->out, "<div class=\"explanation\">%S</div>", extra);
	if (res->verdict != VERDICT_RIGHT)
		tutoring_ask_link(r, a, (int)i + 1, at->id);
	buf_adds(&r->out, "</section>");
}

static const char *score_sentence(double score, int max)
{
	if (max > 0 && score >= max)
		return _("Bravo, tout est juste !");
	if (max > 0 && score * 2 >= max)
		return _("Beau travail ! Regarde les corrections pour progresser encore.");
	return _("Continue, tu vas y arriver ! Lis les corrections, puis réessaie.");
}

static int render_attempt(struct request *r, const struct attempt *at, const struct activity *a, const struct grade *g)
{
	char score[32], duration[32];
	size_t i;

	format_score(at->score, at->max_score, score, sizeof(score));
	format_duration(at->submitted_at - at->started_at, duration, sizeof(duration));
	page_begin(r, _("Résultat"));
	buf_html(&r->out, "<h1>%s</h1><div class=\"score\"><p><strong>%s</strong></p><p>%s</p><p class=\"muted\">%s %s</p></div>",
		 a->title, score, score_sentence(at->score, at->max_score), _("Temps passé :"), duration);
	for (i = 0; i < a->question_count && i < g->count; i++)
		render_result(r, at, a, &g->results[i], i);
	/* The current version's resources: an older attempt still gets today's help. */
	progress_remediation_section(r, catalog_find(r->catalog, a->id) ? catalog_find(r->catalog, a->id) : a, at->score, at->max_score);
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/activite/%U\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/eleve/resultats\">%s</a> <a class=\"btn btn-secondary\" href=\"/eleve\">%s</a></p>",
		 a->id, _("Refaire l'activité"), _("Mes résultats"), _("Mes matières"));
	if (a->generator)
		buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/activite/%U?graine=%S\">%s</a></p>", a->id,
			 generator_seed_text(a->seed).text, _("Refaire les mêmes questions"));
	page_end(r);
	return 200;
}

int page_attempt(struct request *r)
{
	struct attempt at = { 0 };
	struct answer_sheet sheet = { 0 };
	struct grade g = { 0 };
	struct activity *a = NULL;
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	int status, found;

	if (*end || id <= 0)
		return page_not_found(r);
	/* Scope: only the child's own attempts; another child's id is "not found". */
	found = attempt_load(r->db, id, r->user.id, &at);
	if (found < 0)
		return page_error(r, 500, _("Ce résultat n'a pas pu être lu. Réessaie dans un instant."));
	if (found == 0)
		return page_not_found(r);
	a = content_store_version(r->db, at.activity_id, at.activity_version);
	if (a && a->generator) {
		struct activity *generated = at.has_seed ? activity_generate(r, a, at.seed) : NULL;

		activity_free(a);
		a = generated;
	}
	if (!a || answer_sheet_from_json(&sheet, a, at.answers_json) != SHEET_OK ||
	    activity_grade(a, sheet.answers, &g) < 0)
		status = page_error(r, 500, _("Ce résultat n'a pas pu être affiché. Réessaie dans un instant."));
	else
		status = render_attempt(r, &at, a, &g);
	grade_release(&g);
	answer_sheet_release(&sheet);
	activity_free(a);
	attempt_release(&at);
	return status;
}
