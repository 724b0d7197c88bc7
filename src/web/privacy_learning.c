/* The export's sections on a child's learning data beyond the attempts
 * (reading settings, mastery, work given, videos, tutoring questions) and
 * on an adult's training registrations, tutoring snippets and work for the
 * structure. */
#include <stdio.h>
#include <string.h>

#include "learn/mastery.h"
#include "learn/reading.h"
#include "learn/video_progress.h"
#include "org/privacy.h"
#include "tutor/tutor.h"
#include "web/format.h"
#include "web/page.h"
#include "web/privacy_view.h"

/* Open a section with a table whose columns are the NULL-terminated `columns`. */
static void table_begin(struct request *r, const char *id, const char *title, const char *caption, const char *const *columns)
{
	buf_html(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2><div class=\"table-wrap\"><table class=\"data stack\">"
			  "<caption>%s</caption><thead><tr>",
		 id, id, title, caption);
	for (; *columns; columns++)
		buf_html(&r->out, "<th scope=\"col\">%s</th>", _(*columns));
	buf_adds(&r->out, "</tr></thead><tbody>");
}

/* Close the table, with one row reading `empty` when nothing was written since `before`. */
static void table_end(struct request *r, size_t before, int columns, const char *empty)
{
	if (r->out.len == before)
		buf_html(&r->out, "<tr><td colspan=\"%d\">%s</td></tr>", columns, empty);
	buf_adds(&r->out, "</tbody></table></div></section>");
}

static void date_or_dash(int64_t t, char *out, size_t size)
{
	if (t)
		format_date_paris(t, out, size);
	else
		snprintf(out, size, "—");
}

/* ---- HTML ---- */

static int reading_html(struct request *r, int64_t account_id)
{
	struct reading_settings s;
	int rc = reading_load(r->db, account_id, &s);

	buf_html(&r->out, "<section aria-labelledby=\"lecture\"><h2 id=\"lecture\">%s</h2><dl class=\"card\">"
			  "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl></section>",
		 _("Réglages de lecture"), _("Police adaptée à la dyslexie"), s.dyslexic_font ? _("oui") : _("non"),
		 _("Texte plus espacé"), s.wide_spacing ? _("oui") : _("non"), _("Syllabes en couleur"), s.syllables ? _("oui") : _("non"),
		 _("Voix lente"), s.slow_voice ? _("oui") : _("non"));
	return rc;
}

static void mastery_row(const struct privacy_mastery *m, void *ctx)
{
	struct request *r = ctx;
	char last[64], review[64];

	date_or_dash(m->last_answer, last, sizeof(last));
	date_or_dash(m->next_review, review, sizeof(review));
	buf_html(&r->out, "<tr><td data-label=\"%s\"><code>%s</code></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%lld / %lld</td>"
			  "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
		 _("Compétence"), m->competency, _("Niveau"), mastery_level_label((enum mastery_level)m->level), _("Réponses justes"),
		 (long long)m->right_answers, (long long)m->answers, _("Dernière réponse"), last, _("Prochaine révision"), review);
}

static void assignment_row(const struct privacy_assignment *a, void *ctx)
{
	struct request *r = ctx;
	const char *work = a->competency;
	char created[64], due[64];

	if (a->path_id[0])
		work = a->path_id;
	else if (a->activity_id[0])
		work = a->activity_id;
	date_or_dash(a->created_at, created, sizeof(created));
	date_or_dash(a->due_at, due, sizeof(due));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\"><code>%s</code></td><td data-label=\"%s\">%s</td></tr>",
		 _("Donné le"), created, _("Travail"), work,
		 _("À faire pour le"), due);
}

static void video_row(const struct video_progress_row *v, void *ctx)
{
	struct request *r = ctx;
	char date[64];

	format_date_paris(v->updated_at, date, sizeof(date));
	buf_html(&r->out, "<tr><td data-label=\"%s\"><code>%s</code></td><td data-label=\"%s\">%lld s / %lld s</td><td data-label=\"%s\">%s</td></tr>",
		 _("Vidéo"), v->video_id, _("Temps vu"), (long long)v->seconds_played, (long long)v->duration, _("Dernière lecture"), date);
}

struct tutoring_html {
	struct request *r;
	int failed;
};

static void tutoring_message_html(const struct tutor_message *m, void *ctx)
{
	struct request *r = ctx;

	buf_html(&r->out, "<li>%s : %s</li>", strcmp(m->author_role, "eleve") == 0 ? _("l'enfant") : _("le tuteur"), m->body);
}

static void tutoring_row(const struct tutor_question *q, void *ctx)
{
	struct tutoring_html *t = ctx;
	char date[64];

	format_date_paris(q->created_at, date, sizeof(date));
	buf_html(&t->r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\"><ul>",
		 _("Posée le"), date, _("Activité"), q->context.activity_id[0] ? q->context.activity_id : "—", _("Messages"));
	if (tutor_messages_each(t->r->db, q->id, 0, tutoring_message_html, t->r) < 0)
		t->failed = 1;
	buf_adds(&t->r->out, "</ul></td></tr>");
}

static void snippet_row(const struct tutor_snippet *s, void *ctx)
{
	struct request *r = ctx;

	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>", _("Titre"), s->title, _("Texte"), s->body);
}

static const char *work_kind_label(const char *kind)
{
	static const struct privacy_code_label labels[] = {
		{ "licence-request", N_("demande de places") },
		{ "document", N_("devis, facture ou avoir émis") },
		{ "training-given", N_("formation donnée") },
		{ "diagnostic", N_("diagnostic saisi") },
		{ "indicator", N_("indicateur défini") },
		{ "survey", N_("questionnaire créé") },
		{ "content-package", N_("contenus envoyés") },
		{ "tutoring-messages", N_("messages écrits comme tuteur (nombre)") },
	};

	return privacy_label_of(labels, sizeof(labels) / sizeof(labels[0]), kind);
}

static void work_row(const struct privacy_work *w, void *ctx)
{
	struct request *r = ctx;
	char date[64];

	date_or_dash(w->at, date, sizeof(date));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
		 _("Date"), date, _("Quoi"), work_kind_label(w->kind), _("Détail"), w->label);
}

static void training_row(const struct privacy_training *t, void *ctx)
{
	struct request *r = ctx;
	char starts[64], registered[64];

	format_date_paris(t->starts_at, starts, sizeof(starts));
	format_date_paris(t->registered_at, registered, sizeof(registered));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			  "<td data-label=\"%s\">%s</td></tr>",
		 _("Séance"), starts, _("Lieu"), t->place, _("Inscription"), registered, _("Présence"),
		 t->attended ? _("présent") : _("non notée"));
}

/* The child's sections: reading, mastery, work given, videos, tutoring. */
static int child_learning_html(struct request *r, int64_t id)
{
	static const char *const mastery_columns[] = { N_("Compétence"), N_("Niveau"), N_("Réponses justes"), N_("Dernière réponse"),
						       N_("Prochaine révision"), NULL };
	static const char *const work_columns[] = { N_("Donné le"), N_("Travail"), N_("À faire pour le"), NULL };
	static const char *const video_columns[] = { N_("Vidéo"), N_("Temps vu"), N_("Dernière lecture"), NULL };
	static const char *const tutoring_columns[] = { N_("Posée le"), N_("Activité"), N_("Messages"), NULL };
	struct tutoring_html tutoring = { r, 0 };
	size_t before;
	int rc = reading_html(r, id);

	table_begin(r, "competences", _("Compétences travaillées"), _("L'estimation de ce que l'enfant sait de chaque compétence, qui choisit les activités proposées"),
		    mastery_columns);
	before = r->out.len;
	rc |= privacy_mastery_each(r->db, id, mastery_row, r);
	table_end(r, before, 5, _("Aucune compétence travaillée."));

	table_begin(r, "travail", _("Travail donné à l'enfant seul"), _("Les activités et compétences qu'un adulte a données à cet enfant, hors travail du groupe"),
		    work_columns);
	before = r->out.len;
	rc |= privacy_assignments(r->db, id, assignment_row, r);
	table_end(r, before, 3, _("Aucun travail donné à l'enfant seul."));

	table_begin(r, "videos", _("Vidéos regardées"), _("Le temps vu de chaque vidéo"), video_columns);
	before = r->out.len;
	rc |= video_progress_each(r->db, id, video_row, r);
	table_end(r, before, 3, _("Aucune vidéo regardée."));

	table_begin(r, "tutorat", _("Questions au tuteur"), _("Chaque question posée au tuteur, avec les messages échangés (coordonnées masquées)"),
		    tutoring_columns);
	before = r->out.len;
	rc |= tutor_child_questions_each(r->db, id, tutoring_row, &tutoring);
	table_end(r, before, 3, _("Aucune question posée."));
	return rc || tutoring.failed ? -1 : 0;
}

int privacy_learning_html(struct request *r, int64_t account_id, bool child)
{
	static const char *const training_columns[] = { N_("Séance"), N_("Lieu"), N_("Inscription"), N_("Présence"), NULL };
	static const char *const snippet_columns[] = { N_("Titre"), N_("Texte"), NULL };
	static const char *const work_columns[] = { N_("Date"), N_("Quoi"), N_("Détail"), NULL };
	size_t before;
	int rc;

	if (child)
		return child_learning_html(r, account_id);
	table_begin(r, "formations", _("Formations"), _("Les séances de formation en présentiel auxquelles cette personne s'est inscrite"),
		    training_columns);
	before = r->out.len;
	rc = privacy_trainings(r->db, account_id, training_row, r);
	table_end(r, before, 4, _("Aucune inscription."));

	table_begin(r, "reponses-pretes", _("Réponses toutes prêtes du tuteur"), _("Les textes qu'un tuteur a préparés pour répondre plus vite"),
		    snippet_columns);
	before = r->out.len;
	rc |= tutor_snippets_each(r->db, account_id, snippet_row, r);
	table_end(r, before, 2, _("Aucune réponse toute prête."));

	table_begin(r, "actes", _("Ce que cette personne a fait pour la structure"),
		    _("Les demandes, documents, formations, diagnostics, indicateurs, questionnaires et contenus dont cette personne est l'auteur, "
		      "et le nombre de ses messages de tuteur, dont le texte concerne les enfants"),
		    work_columns);
	before = r->out.len;
	rc |= privacy_work_records(r->db, account_id, work_row, r);
	table_end(r, before, 3, _("Rien d'enregistré."));
	return rc;
}

/* ---- JSON ---- */

static void mastery_json(const struct privacy_mastery *m, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:f, s:I, s:I, s:o, s:o}", "competency", m->competency, "level",
					     mastery_level_label((enum mastery_level)m->level), "estimate", m->known, "answers",
					     (json_int_t)m->answers, "right_answers", (json_int_t)m->right_answers, "last_answer_at",
					     privacy_json_time(m->last_answer), "next_review_at", privacy_json_time(m->next_review)));
}

static void assignment_json(const struct privacy_assignment *a, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:s?, s:s?, s:s?, s:o, s:o}", "activity_id", a->activity_id[0] ? a->activity_id : NULL,
					     "competency", a->competency[0] ? a->competency : NULL, "path_id",
					     a->path_id[0] ? a->path_id : NULL, "due_at", privacy_json_time(a->due_at), "given_at",
					     privacy_json_time(a->created_at)));
}

static void training_json(const struct privacy_training *t, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:o, s:s, s:o, s:b}", "starts_at", privacy_json_time(t->starts_at), "place", t->place,
					     "registered_at", privacy_json_time(t->registered_at), "attended", t->attended));
}

static void work_json(const struct privacy_work *w, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:o, s:s, s:s}", "at", privacy_json_time(w->at), "kind", w->kind, "detail", w->label));
}

static void snippet_json(const struct tutor_snippet *s, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s}", "title", s->title, "text", s->body));
}

json_t *privacy_learning_json(struct db *db, int64_t account_id)
{
	json_t *mastery = json_array(), *work = json_array(), *trainings = json_array(), *snippets = json_array();
	json_t *records = json_array();
	struct reading_settings s;

	if (!mastery || !work || !trainings || !snippets || !records || reading_load(db, account_id, &s) < 0 ||
	    privacy_mastery_each(db, account_id, mastery_json, mastery) < 0 ||
	    privacy_assignments(db, account_id, assignment_json, work) < 0 ||
	    privacy_trainings(db, account_id, training_json, trainings) < 0 ||
	    tutor_snippets_each(db, account_id, snippet_json, snippets) < 0 ||
	    privacy_work_records(db, account_id, work_json, records) < 0) {
		json_decref(mastery);
		json_decref(work);
		json_decref(trainings);
		json_decref(snippets);
		json_decref(records);
		return NULL;
	}
	return json_pack("{s:{s:b, s:b, s:b, s:b}, s:o, s:o, s:o, s:o, s:o}", "reading_settings", "dyslexic_font", s.dyslexic_font,
			 "wide_spacing", s.wide_spacing, "syllables", s.syllables, "slow_voice", s.slow_voice, "mastery", mastery,
			 "assignments", work, "trainings", trainings, "tutoring_snippets", snippets, "work_records", records);
}
