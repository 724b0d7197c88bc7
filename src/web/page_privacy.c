/* A person's data: the export a family can read or download (GDPR rights of
 * access and portability) and the erasure, for administrateurs of the
 * account's structure. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "core/log.h"
#include "learn/video_progress.h"
#include "org/people.h"
#include "org/privacy.h"
#include "tutor/tutor.h"
#include "web/format.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/privacy_view.h"
#include "web/widgets.h"

/* The account of the URL when the signed-in person manages its structure. */
static bool managed_account(struct request *r, struct account_row *a)
{
	int64_t id = param_id(r, 0);

	return id && account_find(r->db, id, a) == 1 && a->structure_id &&
	       scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, a->structure_id);
}

/* The noun phrase for an audit action in the export, such as "création du compte". */
static const char *action_noun(const char *action)
{
	static const struct {
		const char *action;
		const char *noun;
	} nouns[] = {
		{ "create", N_("création du compte") },
		{ "update", N_("modification du prénom, du niveau ou des groupes") },
		{ "deactivate", N_("désactivation du compte") },
		{ "reactivate", N_("réactivation du compte") },
		{ "new-card", N_("nouvelles images et nouvelle carte") },
		{ "reset-password", N_("nouveau mot de passe provisoire") },
		{ "change-password", N_("changement du mot de passe") },
		{ "unlock", N_("déblocage de la connexion") },
		{ "export", N_("export de ces données") },
		{ "erase", N_("effacement des données") },
	};
	size_t i;

	for (i = 0; i < sizeof(nouns) / sizeof(nouns[0]); i++)
		if (strcmp(action, nouns[i].action) == 0)
			return _(nouns[i].noun);
	return action;
}

static void date_or_dash(int64_t t, char *out, size_t size)
{
	if (t)
		format_date_paris(t, out, size);
	else
		snprintf(out, size, "—");
}

/* ---- the readable page ---- */

static void intro_section(struct request *r, const struct account_row *a, const struct privacy_facts *f)
{
	buf_html(&r->out, "<section class=\"card\"><h2>%s</h2><p>%s « %s ». %s</p><p>%s</p><p>%s</p><p>%s</p></section>",
		 _("Ce qu'Ardoise garde, et pourquoi"),
		 _("Ardoise est le site d'exercices utilisé par la structure"), f->structure_name,
		 _("Cette page montre tout ce qu'Ardoise garde sur ce compte, pour que l'enfant et sa famille puissent le lire."),
		 _("Le prénom, l'initiale du nom et le niveau servent à retrouver l'enfant au moment de se connecter et à lui proposer des activités de son niveau. "
		   "Les réponses, les scores et les durées servent à l'enfant pour voir ses progrès, et aux adultes de la structure pour l'aider. "
		   "Ardoise ne garde ni le nom de famille, ni l'adresse, ni la date de naissance, et ne montre aucune publicité."),
		 _("La structure décide de ce qui est gardé : elle est responsable de ces données. Quand un compte est désactivé, "
		   "ses données sont effacées après la durée de conservation choisie par la structure (un an sauf autre choix)."),
		 _("Pour demander une correction ou l'effacement de ces données, adressez-vous à la structure : "
		   "un administrateur peut les corriger ou les effacer dans Ardoise. Pour les imprimer, utilisez la commande Imprimer de votre navigateur."));
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-primary\" href=\"/admin/compte/%lld/donnees.json\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/compte/%lld\">%s</a>",
		 (long long)a->id, _("Télécharger ces données (fichier JSON)"), (long long)a->id, _("Retour au compte"));
	/* One's own account is erased by another administrateur. */
	if (!f->erased_at && a->id != r->user.id)
		buf_html(&r->out, " <a class=\"btn btn-secondary\" href=\"/admin/compte/%lld/effacer\">%s</a>", (long long)a->id,
			 _("Effacer ces données"));
	buf_adds(&r->out, "</p>");
}

static void group_item(const char *name, void *ctx)
{
	struct request *r = ctx;

	buf_html(&r->out, "<li>%s</li>", name);
}

static void card_facts(struct request *r, const struct account_row *a, const struct privacy_facts *f)
{
	if (strcmp(a->role, "eleve") == 0)
		buf_html(&r->out, "<dt>%s</dt><dd>%s %s</dd>", _("Connexion"),
			 f->has_pictures ? _("par trois images choisies par Ardoise, gardées pour réimprimer la carte.")
					 : _("aucune image enregistrée."),
			 f->has_card ? _("Une carte de connexion avec un code QR est valable.") : _("Aucune carte valable."));
	else
		buf_html(&r->out, "<dt>%s</dt><dd>%s</dd>", _("Connexion"),
			 _("par identifiant et mot de passe (Ardoise n'en garde qu'une empreinte, illisible)."));
	buf_html(&r->out, "<dt>%s</dt><dd>%lld</dd>", _("Essais de connexion manqués encore enregistrés"), (long long)f->failures);
}

static int identity_section(struct request *r, const struct account_row *a, const struct privacy_facts *f)
{
	char created[64], deactivated[64], erased[64];
	int rc;

	date_or_dash(f->created_at, created, sizeof(created));
	date_or_dash(f->deactivated_at, deactivated, sizeof(deactivated));
	date_or_dash(f->erased_at, erased, sizeof(erased));
	buf_html(&r->out, "<section aria-labelledby=\"identite\"><h2 id=\"identite\">%s</h2><dl class=\"card\">"
			  "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><code>%s</code></dd>"
			  "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><ul>",
		 _("Identité"), _("Prénom"), a->first_name, _("Initiale du nom"), a->last_initial[0] ? a->last_initial : "—",
		 _("Niveau"), a->level[0] ? a->level : "—", _("Identifiant"), a->login, _("Rôle"), role_label(a->role),
		 _("Structure"), f->structure_name, _("Groupes"));
	rc = privacy_groups(r->db, a->id, group_item, r);
	buf_html(&r->out, "</ul></dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
		 _("Compte créé le"), created, _("Désactivé le"), deactivated, _("Données effacées le"), erased,
		 _("État"), a->active ? _("actif") : _("désactivé"));
	card_facts(r, a, f);
	buf_adds(&r->out, "</dl></section>");
	return rc;
}

/* The typed answers: one list item per question, texts in quotes. */
static void answers_html(struct buf *out, const char *answers_json)
{
	json_t *root = json_loads(answers_json, 0, NULL), *question, *text;
	size_t i, k;

	if (!json_is_array(root) || json_array_size(root) == 0) {
		buf_adds(out, "—");
		json_decref(root);
		return;
	}
	buf_adds(out, "<ol class=\"answers\">");
	json_array_foreach(root, i, question) {
		buf_adds(out, "<li>");
		json_array_foreach(question, k, text)
			buf_html(out, "%S« %s »", k ? ", " : "", json_is_string(text) ? json_string_value(text) : "");
		buf_adds(out, "</li>");
	}
	buf_adds(out, "</ol>");
	json_decref(root);
}

static void attempt_row(const struct privacy_attempt *a, void *ctx)
{
	struct request *r = ctx;
	char date[64], score[32], duration[32];

	format_date_paris(a->submitted_at, date, sizeof(date));
	format_score(a->score, (int)a->max_score, score, sizeof(score));
	format_duration(a->submitted_at - a->started_at, duration, sizeof(duration));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s <span class=\"activity-meta\">(%s, %s %lld)</span></td>"
			  "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
		 _("Date"), date, _("Activité"), a->title[0] ? a->title : a->activity_id, a->activity_id, _("version"),
		 (long long)a->activity_version, _("Score"), score, _("Durée"), duration, _("Réponses tapées"));
	answers_html(&r->out, a->answers_json);
	buf_adds(&r->out, "</td></tr>");
}

static int attempts_section(struct request *r, int64_t account_id)
{
	size_t before;
	int rc;

	buf_html(&r->out, "<section aria-labelledby=\"activites\"><h2 id=\"activites\">%s</h2><div class=\"table-wrap\"><table class=\"data stack\">"
			  "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Activités faites"), _("Chaque activité envoyée, de la plus ancienne à la plus récente, avec les réponses telles qu'elles ont été tapées"),
		 _("Date"), _("Activité"), _("Score"), _("Durée"), _("Réponses tapées"));
	before = r->out.len;
	rc = privacy_attempts(r->db, account_id, attempt_row, r);
	if (r->out.len == before)
		buf_html(&r->out, "<tr><td colspan=\"5\">%s</td></tr>", _("Aucune activité."));
	buf_adds(&r->out, "</tbody></table></div></section>");
	return rc;
}

/* "Camille R.", or who the actor was when no name is left. */
static void actor_name(const struct privacy_audit *line, char *out, size_t size)
{
	if (!line->actor_id)
		snprintf(out, size, "%s", _("Ardoise (tâche automatique)"));
	else if (line->actor_erased || !line->actor_first[0])
		snprintf(out, size, "%s", _("un compte effacé"));
	else
		snprintf(out, size, "%s %s", line->actor_first, line->actor_initial);
}

static void audit_row(const struct privacy_audit *line, void *ctx)
{
	struct request *r = ctx;
	char date[64], actor[96];

	format_date_paris(line->at, date, sizeof(date));
	actor_name(line, actor, sizeof(actor));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
		 _("Date"), date, _("Par"), actor, _("Action"), action_noun(line->action), _("Détails"), line->details);
}

static int audit_section(struct request *r, int64_t account_id)
{
	int rc;

	buf_html(&r->out, "<section aria-labelledby=\"journal\"><h2 id=\"journal\">%s</h2><div class=\"table-wrap\"><table class=\"data stack\">"
			  "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Ce que les adultes ont fait sur ce compte"), _("Le journal des modifications, du plus ancien au plus récent"),
		 _("Date"), _("Par"), _("Action"), _("Détails"));
	rc = privacy_audit_lines(r->db, account_id, audit_row, r);
	buf_adds(&r->out, "</tbody></table></div></section>");
	return rc;
}

/* NOTE: the page stops at BUF_DEFAULT_MAX (4 MiB) and the JSON file at
 * PRIVACY_JSON_MAX (64 MiB). At about 500 bytes an attempt (an estimate),
 * that is several thousand attempts. A longer history gets this error
 * instead of a cut export. */
static int export_too_large(struct request *r, const struct account_row *a)
{
	char message[256];

	log_error("export too large account=%lld request=%s max=%zu", (long long)a->id, r->id, r->out.max);
	snprintf(message, sizeof(message), "%s (%zu Mio) : %s", _("Ces données dépassent la taille maximale d'une réponse"),
		 r->out.max / (1024 * 1024), _("demandez un export à l'opérateur."));
	return page_error(r, 500, message);
}

/* Record the export in the audit log before anything is shown. */
static int export_record(struct request *r, const struct account_row *a, const char *format)
{
	return audit_record(r->db, r->user.id, "export", privacy_target_kind(a->role), a->id, a->structure_id, format);
}

int page_privacy_export(struct request *r)
{
	struct account_row a;
	struct privacy_facts f;
	char title[160];

	if (!managed_account(r, &a))
		return page_not_found(r);
	if (privacy_facts_load(r->db, a.id, &f) != 1 || export_record(r, &a, "html") < 0)
		return page_error(r, 500, _("Les données de ce compte n'ont pas pu être lues. Réessayez dans un instant."));
	snprintf(title, sizeof(title), "%s %s %s", _("Les données de"), a.first_name, a.last_initial);
	page_begin(r, title);
	buf_html(&r->out, "<h1>%s</h1>", title);
	intro_section(r, &a, &f);
	if (identity_section(r, &a, &f) < 0 || privacy_links_html(r, a.id) < 0 || attempts_section(r, a.id) < 0 ||
	    privacy_learning_html(r, a.id, strcmp(a.role, "eleve") == 0) < 0 || privacy_usage_html(r, a.id) < 0 ||
	    privacy_surveys_html(r, a.id) < 0 || audit_section(r, a.id) < 0)
		return page_error(r, 500, _("Les données de ce compte n'ont pas pu être lues. Réessayez dans un instant."));
	page_end(r);
	if (buf_failed(&r->out))
		return export_too_large(r, &a);
	return 200;
}

/* ---- the JSON file ---- */

static void group_json(const char *name, void *ctx)
{
	json_array_append_new(ctx, json_string(name));
}

static json_t *account_json(struct request *r, const struct account_row *a, const struct privacy_facts *f)
{
	json_t *groups = json_array();

	if (!groups || privacy_groups(r->db, a->id, group_json, groups) < 0) {
		json_decref(groups);
		return NULL;
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:{s:I, s:s}, s:o, s:o, s:o, s:o, s:b, s:{s:s, s:b, s:b, s:I}}",
			 "id", (json_int_t)a->id, "role", a->role, "first_name", a->first_name, "last_initial", a->last_initial,
			 "level", a->level[0] ? a->level : NULL, "login", a->login,
			 "structure", "id", (json_int_t)a->structure_id, "name", f->structure_name, "groups", groups,
			 "created_at", privacy_json_time(f->created_at), "deactivated_at", privacy_json_time(f->deactivated_at),
			 "erased_at", privacy_json_time(f->erased_at), "active", a->active != 0,
			 "sign_in", "method", strcmp(a->role, "eleve") == 0 ? "pictures" : "password",
			 "pictures_set", f->has_pictures, "card_valid", f->has_card, "failed_attempts_recorded", (json_int_t)f->failures);
}

static void attempt_json(const struct privacy_attempt *a, void *ctx)
{
	json_t *answers = json_loads(a->answers_json, 0, NULL);

	json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:s, s:o, s:o, s:I, s:f, s:I, s:o}",
					     "id", (json_int_t)a->id, "activity_id", a->activity_id,
					     "activity_version", (json_int_t)a->activity_version, "activity_title", a->title,
					     "started_at", privacy_json_time(a->started_at), "submitted_at", privacy_json_time(a->submitted_at),
					     "seconds", (json_int_t)(a->submitted_at - a->started_at), "score", a->score,
					     "max_score", (json_int_t)a->max_score,
					     "answers", answers ? answers : json_string(a->answers_json)));
}

static void audit_json(const struct privacy_audit *line, void *ctx)
{
	char actor[96];

	actor_name(line, actor, sizeof(actor));
	json_array_append_new(ctx, json_pack("{s:o, s:s, s:s, s:s}", "at", privacy_json_time(line->at), "action", line->action,
					     "by", actor, "details", line->details));
}

static void video_json(const struct video_progress_row *row, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:f, s:f, s:o}", "video_id", row->video_id, "played_ranges",
					     row->intervals, "seconds_played", row->seconds_played, "duration",
					     row->duration, "updated_at", privacy_json_time(row->updated_at)));
}

struct tutoring_export {
	struct db *db;
	json_t *list;
	int failed;
};

static void tutoring_message_json(const struct tutor_message *m, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:o, s:s, s:s, s:s, s:b}", "at", privacy_json_time(m->created_at), "from", m->author_role,
					     "kind", tutor_kind_name(m->kind), "text", m->body, "contact_details_masked", m->flagged));
}

/* One tutoring question of the child with its context and messages. */
static void tutoring_question_json(const struct tutor_question *q, void *ctx)
{
	struct tutoring_export *e = ctx;
	json_t *messages = json_array();

	if (!messages || tutor_messages_each(e->db, q->id, 0, tutoring_message_json, messages) < 0) {
		json_decref(messages);
		e->failed = 1;
		return;
	}
	json_array_append_new(e->list, json_pack("{s:I, s:o, s:s, s:s, s:I, s:I, s:s, s:s, s:o}", "id", (json_int_t)q->id,
						 "asked_at", privacy_json_time(q->created_at), "status", q->status,
						 "activity_id", q->context.activity_id, "activity_version", (json_int_t)q->context.activity_version,
						 "question_number", (json_int_t)q->context.question_number,
						 "child_answer", q->context.child_answer, "level", q->context.level, "messages", messages));
}

static void json_decref_all(json_t **values, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		json_decref(values[i]);
}

/* The identity, attempts, audit lines, videos, tutoring, links, survey
 * answers and usage counts as one JSON document. Returns NULL when a read
 * fails or memory runs out. */
static json_t *export_json_base(struct request *r, const struct account_row *a, const struct privacy_facts *f)
{
	json_t *parts[] = { json_array(), json_array(), json_array(), json_array(), privacy_links_json(r->db, a->id),
			    privacy_surveys_json(r->db, a->id), privacy_usage_summary_json(r->db, a->id) };
	json_t *attempts = parts[0], *audit = parts[1], *videos = parts[2];
	struct tutoring_export tutoring = { r->db, parts[3], 0 };
	size_t i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (!parts[i])
			goto fail;
	if (privacy_attempts(r->db, a->id, attempt_json, attempts) < 0 || privacy_audit_lines(r->db, a->id, audit_json, audit) < 0 ||
	    video_progress_each(r->db, a->id, video_json, videos) < 0 ||
	    tutor_child_questions_each(r->db, a->id, tutoring_question_json, &tutoring) < 0 || tutoring.failed)
		goto fail;
	return json_pack("{s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "format", "ardoise-donnees-personnelles/1",
			 "exported_at", privacy_json_time((int64_t)time(NULL)),
			 "about", _("Données gardées par Ardoise sur un compte : identité, comptes ENT et LTI liés, activités faites avec les réponses tapées, "
				  "vidéos regardées, questions au tuteur avec leurs messages, réponses aux questionnaires, journal des modifications, "
				  "réglages de lecture, compétences travaillées, travail donné à l'enfant seul, pour un adulte ses formations, ses réponses toutes prêtes "
				  "et ce qu'il a fait pour la structure, "
				  "et journal d'utilisation (nombre d'événements par mois et par fonction, puis chaque événement, du plus récent au plus ancien). "
				  "Heures en UTC (ISO 8601), mois en heure de Paris."),
			 "account", account_json(r, a, f), "linked_accounts", parts[4], "attempts", attempts, "videos", videos,
			 "tutoring", tutoring.list, "survey_answers", parts[5], "audit_log", audit, "usage_summary", parts[6]);
fail:
	json_decref_all(parts, sizeof(parts) / sizeof(parts[0]));
	return NULL;
}

/* The whole export as one JSON document, without the usage events, which
 * export_json_write() streams after it. Returns NULL when a read fails or
 * memory runs out. */
static json_t *export_json(struct request *r, const struct account_row *a, const struct privacy_facts *f)
{
	json_t *doc = export_json_base(r, a, f), *learning = doc ? privacy_learning_json(r->db, a->id) : NULL;

	if (!learning || json_object_update(doc, learning) < 0) {
		json_decref(learning);
		json_decref(doc);
		return NULL;
	}
	json_decref(learning);
	return doc;
}

/* Write `doc` to r->out with the usage events appended as its last member
 * "usage_events", streamed so the whole list is never held twice.
 * Returns 0, or -1 when a read fails or the buffer is full. */
static int export_json_write(struct request *r, int64_t account_id, json_t *doc)
{
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *end = text ? strrchr(text, '}') : NULL;
	int rc = -1;

	/* The dump ends with the document's closing brace: cut it, add the
	 * last member, close again. */
	if (!end)
		goto out;
	while (end > text && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	r->out.max = PRIVACY_JSON_MAX;
	if (buf_add(&r->out, text, (size_t)(end - text)) < 0 || buf_adds(&r->out, ",\n  \"usage_events\": ") < 0 ||
	    privacy_events_json(r->db, account_id, &r->out) < 0 || buf_adds(&r->out, "\n}\n") < 0)
		goto out;
	rc = 0;
out:
	free(text);
	return rc;
}

int page_privacy_export_json(struct request *r)
{
	struct account_row a;
	struct privacy_facts f;
	json_t *doc = NULL;
	char disposition[96];
	int status = 200;

	if (!managed_account(r, &a))
		return page_not_found(r);
	if (privacy_facts_load(r->db, a.id, &f) != 1 || export_record(r, &a, "json") < 0)
		return page_error(r, 500, _("Les données de ce compte n'ont pas pu être lues. Réessayez dans un instant."));
	doc = export_json(r, &a, &f);
	if (!doc) {
		status = page_error(r, 500, _("Le fichier des données n'a pas pu être écrit."));
		goto out;
	}
	if (export_json_write(r, a.id, doc) < 0) {
		status = buf_failed(&r->out) ? export_too_large(r, &a)
					      : page_error(r, 500, _("Le fichier des données n'a pas pu être écrit."));
		goto out;
	}
	r->content_type = "application/json; charset=utf-8";
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"ardoise-donnees-%lld.json\"", (long long)a.id);
	request_add_header(r, "content-disposition", disposition);
out:
	json_decref(doc);
	return status;
}

/* ---- erasure ---- */

static int erase_form(struct request *r, int status, const struct account_row *a, const struct field_errors *errors)
{
	const char *error = field_errors_get(errors, "confirmer");

	page_begin(r, _("Effacer les données"));
	buf_html(&r->out, "<h1>%s %s %s ?</h1>", _("Effacer les données de"), a->first_name, a->last_initial);
	widget_error_summary(r, errors);
	buf_html(&r->out, "<section class=\"card\"><h2>%s</h2><p>%s</p><h2>%s</h2><p>%s</p><p>%s</p></section>",
		 _("Ce qui est effacé"),
		 _("Le prénom, l'initiale et l'identifiant, remplacés par « (effacé) » ; les images et la carte de connexion ; "
		   "les groupes ; les connexions en cours ; les comptes ENT et LTI liés ; les réponses tapées dans les activités et les questionnaires ; "
		   "les vidéos regardées, la maîtrise des compétences, les questions au tuteur et le travail donné à cette personne seule ; "
		   "le nom dans le journal des modifications."),
		 _("Ce qui reste, sans nom"),
		 _("Les scores, les dates et les durées des activités, et le journal d'utilisation (heures, pages et activités, sans texte tapé), "
		   "restent rattachés à un compte anonyme de la structure, pour que les chiffres de la structure restent justes. "
		   "Le journal des modifications garde la trace de l'effacement."),
		 _("C'est définitif : le compte ne pourra plus se connecter et son nom ne pourra pas être retrouvé dans Ardoise. "
		   "Si la famille veut une copie de ces données, téléchargez-la avant d'effacer."));
	buf_html(&r->out, "<form method=\"post\" action=\"/admin/compte/%lld/effacer\">", (long long)a->id);
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"field\" id=\"confirmer\">");
	if (error)
		buf_html(&r->out, "<p class=\"field-error\" id=\"confirmer-erreur\">%s</p>", error);
	buf_html(&r->out, "<label class=\"choice\"><input type=\"checkbox\" name=\"confirmer\" value=\"oui\" required%S> %s</label></div>",
		 error ? " aria-invalid=\"true\" aria-describedby=\"confirmer-erreur\"" : "", _("Je confirme l'effacement définitif"));
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/compte/%lld/donnees\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/admin/compte/%lld\">%s</a></div></form>",
		 _("Effacer définitivement"), (long long)a->id, _("Voir et télécharger ses données d'abord"), (long long)a->id,
		 _("Non, revenir"));
	page_end(r);
	return status;
}

/* Already erased accounts and one's own account cannot be erased here. */
static int erase_refusal(struct request *r, const struct account_row *a)
{
	if (a->id == r->user.id)
		return page_error(r, 409, _("Vous ne pouvez pas effacer votre propre compte : demandez à un autre administrateur."));
	if (db_query_int_param(r->db, "SELECT count(*) FROM account WHERE id = ? AND erased_at IS NOT NULL", a->id, 0))
		return page_error(r, 409, _("Les données de ce compte sont déjà effacées."));
	return 0;
}

int page_privacy_erase_confirm(struct request *r)
{
	struct account_row a;
	int refused;

	if (!managed_account(r, &a))
		return page_not_found(r);
	refused = erase_refusal(r, &a);
	return refused ? refused : erase_form(r, 200, &a, NULL);
}

int page_privacy_erase(struct request *r)
{
	struct field_errors errors = { .count = 0 };
	const char *confirm = form_get(&r->body, "confirmer");
	struct account_row a;
	char url[96];
	int refused, erased;

	if (!managed_account(r, &a))
		return page_not_found(r);
	refused = erase_refusal(r, &a);
	if (refused)
		return refused;
	if (!confirm || strcmp(confirm, "oui") != 0) {
		field_errors_add(&errors, "confirmer", "%s", _("Cochez la case pour confirmer l'effacement définitif."));
		return erase_form(r, 422, &a, &errors);
	}
	erased = privacy_erase(r->db, r->user.id, a.id, "");
	if (erased < 0)
		return page_error(r, 500, _("Les données n'ont pas pu être effacées : rien n'a été changé. Réessayez dans un instant."));
	if (erased == 0)
		return page_error(r, 409, _("Les données de ce compte sont déjà effacées."));
	snprintf(url, sizeof(url), "/admin/structure/%lld?fait=1", (long long)a.structure_id);
	return request_redirect(r, url);
}
