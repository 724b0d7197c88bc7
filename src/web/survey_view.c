/* HTML of the survey builder, results and printed sheet. */
#include "web/survey_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/i18n.h"
#include "web/page.h"
#include "web/widgets.h"

#define SURVEY_TEXTS_SHOWN 50

static const char *const kind_labels[] = { "Smileys (3 visages)", "Échelle de 1 à 5", "Choix", "Texte libre" };

/* The person's surveys: national ones for an opérateur, those of the
 * structures they manage otherwise. */
static void survey_list(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT id, title, audience, coalesce(structure_id, 0) FROM survey WHERE active = 1 ORDER BY id DESC");
	bool any = false;

	if (!st)
		return;
	buf_html(&r->out, "<h2>%s</h2><ul class=\"links\">", _("Vos enquêtes"));
	while (db_step(st) == DB_ROW) {
		int64_t structure_id = db_column_int(st, 3);

		if (structure_id ? !scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, structure_id) : !scope_national(&r->user))
			continue;
		buf_html(&r->out, "<li><a href=\"/enquetes/%lld\">%s</a> (%s)</li>", (long long)db_column_int(st, 0), db_column_text(st, 1),
			 db_column_text(st, 2));
		any = true;
	}
	db_reset(st);
	if (!any)
		buf_html(&r->out, "<li>%s</li>", _("Aucune enquête pour l'instant."));
	buf_adds(&r->out, "</ul>");
}

static void structure_select(struct request *r, const struct field_errors *errors, const char *selected)
{
	const char *values[USER_MAX_GRANTS + 1], *labels[USER_MAX_GRANTS + 1];
	char ids[USER_MAX_GRANTS][24], names[USER_MAX_GRANTS][64];
	size_t i, n = 0;

	if (scope_national(&r->user)) {
		values[n] = "0";
		labels[n++] = _("Toutes les structures (national)");
	}
	for (i = 0; i < r->user.grant_count && n <= USER_MAX_GRANTS; i++) {
		const struct grant *g = &r->user.grants[i];

		if (!g->structure_id || !(role_capabilities(g->role) & CAP_MANAGE_STRUCTURE))
			continue;
		snprintf(ids[i], sizeof(ids[i]), "%lld", (long long)g->structure_id);
		snprintf(names[i], sizeof(names[i]), "%s %lld", _("Structure"), (long long)g->structure_id);
		values[n] = ids[i];
		labels[n++] = names[i];
	}
	widget_select(r, "structure", _("Pour"), values, labels, n, selected, errors);
}

void survey_builder_write(struct request *r, const struct field_errors *errors, const struct form *typed)
{
	static const char *const audiences[] = { "enfants", "familles", "structures" };
	static const char *const audience_labels[] = { "Enfants (3 questions au plus)", "Familles (lien ou feuille avec un code)", "Structures (leurs adultes)" };
	const char *kinds[5] = { "", "smileys", "scale", "choice", "text" };
	const char *kind_options[5] = { "(pas de question)", kind_labels[0], kind_labels[1], kind_labels[2], kind_labels[3] };
	int i;

	buf_html(&r->out, "<h1>%s</h1>", _("Enquêtes de satisfaction"));
	survey_list(r);
	buf_html(&r->out, "<h2>%s</h2>", _("Nouvelle enquête"));
	if (errors && errors->count)
		widget_error_summary(r, errors);
	buf_adds(&r->out, "<form method=\"post\" action=\"/enquetes\">");
	page_csrf_field(r);
	widget_text(r, "titre", _("Titre"), typed ? form_get(typed, "titre") : NULL, NULL, errors, "required maxlength=\"120\"");
	widget_select(r, "public", _("Public"), audiences, audience_labels, 3, typed ? form_get(typed, "public") : "enfants", errors);
	structure_select(r, errors, typed ? form_get(typed, "structure") : NULL);
	for (i = 1; i <= SURVEY_MAX_QUESTIONS; i++) {
		char name[3][16], label[3][48];

		snprintf(name[0], sizeof(name[0]), "type%d", i);
		snprintf(name[1], sizeof(name[1]), "question%d", i);
		snprintf(name[2], sizeof(name[2]), "choix%d", i);
		snprintf(label[0], sizeof(label[0]), _("Question %d : type"), i);
		snprintf(label[1], sizeof(label[1]), _("Question %d : texte"), i);
		snprintf(label[2], sizeof(label[2]), _("Question %d : choix (séparés par ;)"), i);
		widget_select(r, name[0], label[0], kinds, kind_options, 5, typed ? form_get(typed, name[0]) : "", errors);
		widget_text(r, name[1], label[1], typed ? form_get(typed, name[1]) : NULL, NULL, errors, "maxlength=\"200\"");
		widget_text(r, name[2], label[2], typed ? form_get(typed, name[2]) : NULL, NULL, errors, NULL);
	}
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Créer l'enquête"));
}

void survey_input_read(struct request *r, struct survey_input *in)
{
	const char *structure = form_get(&r->body, "structure");
	char name[16];
	int i;

	memset(in, 0, sizeof(*in));
	in->title = form_get(&r->body, "titre");
	in->audience = form_get(&r->body, "public");
	in->structure_id = structure ? strtoll(structure, NULL, 10) : 0;
	for (i = 0; i < SURVEY_MAX_QUESTIONS; i++) {
		snprintf(name, sizeof(name), "type%d", i + 1);
		in->kinds[i] = form_get(&r->body, name);
		snprintf(name, sizeof(name), "question%d", i + 1);
		in->prompts[i] = form_get(&r->body, name);
		snprintf(name, sizeof(name), "choix%d", i + 1);
		in->choices[i] = form_get(&r->body, name);
	}
}

struct texts {
	struct request *r;
	int position;
	int shown;
};

static void text_item(int position, const char *text, void *ctx)
{
	struct texts *t = ctx;

	if (position != t->position || t->shown == SURVEY_TEXTS_SHOWN)
		return;
	buf_html(&t->r->out, "<li>%s</li>", text);
	t->shown++;
}

static const char *option_label(const struct survey_question *q, int value, char *out, size_t size)
{
	static const char *const smileys[] = { "Pas content", "Moyen", "Content" };

	if (q->kind == SURVEY_SMILEYS_KIND)
		snprintf(out, size, "%s", smileys[value - 1]);
	else if (q->kind == SURVEY_SCALE)
		snprintf(out, size, "%d", value);
	else
		snprintf(out, size, "%s", q->choices[value - 1]);
	return out;
}

static void question_results(struct request *r, const struct survey *s, const struct survey_tally *t, int i)
{
	const struct survey_question *q = &s->questions[i];
	int count = q->kind == SURVEY_SMILEYS_KIND ? SURVEY_SMILEYS : q->kind == SURVEY_SCALE ? SURVEY_SCALE_MAX : q->choice_count, v;
	char label[80];

	buf_html(&r->out, "<h3>%d. %s</h3><p>%lld %s</p>", i + 1, q->prompt, (long long)t->answered[i], _("réponses"));
	if (q->kind == SURVEY_TEXT) {
		struct texts texts = { r, i + 1, 0 };

		buf_adds(&r->out, "<ul>");
		survey_results(r->db, s, &(struct survey_tally){ 0 }, text_item, &texts);
		buf_adds(&r->out, "</ul>");
		return;
	}
	buf_html(&r->out, "<table class=\"data\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Réponse"), _("Nombre"), _("Part"));
	for (v = 1; v <= count; v++)
		buf_html(&r->out, "<tr><th scope=\"row\">%s</th><td>%lld</td><td>%lld %%</td></tr>", option_label(q, v, label, sizeof(label)),
			 (long long)t->counts[i][v], (long long)(t->answered[i] ? (100 * t->counts[i][v] + t->answered[i] / 2) / t->answered[i] : 0));
	buf_adds(&r->out, "</tbody></table>");
}

void survey_results_write(struct request *r, const struct survey *s)
{
	struct survey_tally t;
	int i;

	buf_html(&r->out, "<h1>%s</h1>", s->title);
	if (survey_results(r->db, s, &t, NULL, NULL) < 0) {
		buf_html(&r->out, "<p>%s</p>", _("Les résultats n'ont pas pu être lus."));
		return;
	}
	buf_html(&r->out, "<p class=\"lead\">%lld %s, %lld %s.</p>", (long long)t.responses, _("réponses"), (long long)t.skipped,
		 _("« Pas maintenant »"));
	if (strcmp(s->audience, "familles") == 0)
		buf_html(&r->out, "<p>%s <strong>%s</strong> — <a href=\"/enquetes/%lld/feuille\">%s</a></p>", _("Code pour les familles :"), s->code,
			 (long long)s->id, _("Feuille à imprimer"));
	buf_html(&r->out, "<h2>%s</h2>", _("Résultats par question"));
	for (i = 0; i < s->question_count; i++)
		question_results(r, s, &t, i);
}

void survey_sheet_write(struct request *r, const struct survey *s)
{
	int i;

	buf_html(&r->out, "<article class=\"survey-sheet\"><h1>%s</h1><p>%s</p><p class=\"lead\">%s <strong>/famille/enquete</strong> — %s <strong>%s</strong></p><ol>",
		 s->title, _("Votre avis nous aide. Répondez en ligne, sans compte :"), _("adresse du site Ardoise, puis"), _("code :"), s->code);
	for (i = 0; i < s->question_count; i++)
		buf_html(&r->out, "<li>%s</li>", s->questions[i].prompt);
	buf_adds(&r->out, "</ol></article>");
}
