#include "web/privacy_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "eval/paris_time.h"
#include "org/privacy.h"
#include "web/format.h"
#include "web/page.h"

json_t *privacy_json_time(int64_t t)
{
	time_t seconds = (time_t)t;
	struct tm tm;
	char text[32];

	if (!t || !gmtime_r(&seconds, &tm))
		return json_null();
	strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(text);
}

/* ---- labels ---- */

const char *privacy_label_of(const struct privacy_code_label *labels, size_t count, const char *code)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strcmp(code, labels[i].code) == 0)
			return _(labels[i].label);
	return code;
}

static const char *feature_label(const char *feature)
{
	static const struct privacy_code_label labels[] = {
		{ "connexion", N_("Connexion") },     { "activites", N_("Activités") },
		{ "ressources", N_("Ressources") },   { "videos", N_("Vidéos") },
		{ "dictionnaires", N_("Dictionnaires") }, { "tutorat", N_("Tutorat") },
		{ "enquetes", N_("Questionnaires") },
	};

	return privacy_label_of(labels, sizeof(labels) / sizeof(labels[0]), feature);
}

static const char *action_label(const char *action)
{
	static const struct privacy_code_label labels[] = {
		{ "sign-in", N_("connexion") },       { "sign-out", N_("déconnexion") },
		{ "hide", N_("page quittée") },       { "page", N_("page vue") },
		{ "start", N_("activité commencée") }, { "submit", N_("activité envoyée") },
		{ "open", N_("ouverture") },          { "play", N_("lecture") },
		{ "search", N_("recherche") },        { "message", N_("message") },
		{ "answer", N_("réponse") },
	};

	return privacy_label_of(labels, sizeof(labels) / sizeof(labels[0]), action);
}

/* "décembre 2026" for a month number (year * 12 + month - 1). */
static void month_label(int64_t month, char *out, size_t size)
{
	static const char *const names[12] = {
		N_("janvier"), N_("février"), N_("mars"),      N_("avril"),   N_("mai"),      N_("juin"),
		N_("juillet"), N_("août"),    N_("septembre"), N_("octobre"), N_("novembre"), N_("décembre"),
	};

	snprintf(out, size, "%s %lld", _(names[month % 12]), (long long)(month / 12));
}

/* ---- usage events, HTML ---- */

static int usage_counts_html(struct request *r, int64_t account_id, int64_t *total)
{
	struct privacy_event_count *counts = NULL;
	size_t n = 0, i;
	char month[32];

	if (privacy_event_counts(r->db, account_id, &counts, &n, total) < 0)
		return -1;
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Nombre d'événements par mois (heure de Paris) et par fonction, du mois le plus récent au plus ancien"),
		 _("Mois"), _("Fonction"), _("Événements"));
	for (i = 0; i < n; i++) {
		month_label(counts[i].month, month, sizeof(month));
		buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%lld</td></tr>",
			 _("Mois"), month, _("Fonction"), feature_label(counts[i].feature), _("Événements"),
			 (long long)counts[i].events);
	}
	if (n == 0)
		buf_html(&r->out, "<tr><td colspan=\"3\">%s</td></tr>", _("Aucun événement."));
	buf_adds(&r->out, "</tbody></table></div>");
	free(counts);
	return 0;
}

static void event_row(const struct privacy_event *e, void *ctx)
{
	struct request *r = ctx;
	char date[64];

	format_date_paris(e->at, date, sizeof(date));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			  "<td data-label=\"%s\">%s</td></tr>",
		 _("Date"), date, _("Fonction"), feature_label(e->feature), _("Action"), action_label(e->action), _("Objet"),
		 e->object[0] ? e->object : "—");
}

int privacy_usage_html(struct request *r, int64_t account_id)
{
	int64_t total = 0;
	int rc;

	buf_html(&r->out, "<section aria-labelledby=\"utilisation\"><h2 id=\"utilisation\">%s</h2><p>%s</p>",
		 _("Journal d'utilisation"),
		 _("Ardoise note l'heure de chaque connexion et déconnexion, des pages vues, des activités commencées et envoyées, "
		   "des ressources et vidéos ouvertes, des recherches dans les dictionnaires, des messages au tuteur et des réponses aux questionnaires, "
		   "pour calculer les indicateurs d'utilisation de la structure. Ce journal ne contient ni texte tapé ni nom."));
	if (usage_counts_html(r, account_id, &total) < 0)
		return -1;
	buf_html(&r->out, "<p>%s %lld.", _("Nombre total d'événements :"), (long long)total);
	if (total > PRIVACY_RECENT_EVENTS)
		buf_html(&r->out, " %s %d %s", _("Seuls les"), PRIVACY_RECENT_EVENTS,
			 _("événements les plus récents sont détaillés ci-dessous ; les plus anciens sont résumés dans le tableau par mois. "
			   "Le fichier JSON les détaille tous."));
	buf_html(&r->out, "</p><div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Les événements les plus récents, du plus récent au plus ancien, en heure de Paris"), _("Date"), _("Fonction"),
		 _("Action"), _("Objet"));
	rc = privacy_events(r->db, account_id, PRIVACY_RECENT_EVENTS, event_row, r);
	if (total == 0)
		buf_html(&r->out, "<tr><td colspan=\"4\">%s</td></tr>", _("Aucun événement."));
	buf_adds(&r->out, "</tbody></table></div></section>");
	return rc;
}

/* ---- survey answers, HTML ---- */

/* The stored value as the child chose it: "2 sur 3", "choix n°1", « text ». */
static void survey_value(const struct privacy_survey_answer *a, char *out, size_t size)
{
	if (a->skipped)
		snprintf(out, size, "%s", _("aucune : « Pas maintenant »"));
	else if (!a->value[0])
		snprintf(out, size, "—");
	else if (strcmp(a->kind, "smileys") == 0)
		snprintf(out, size, "%s %s", a->value, _("sur 3"));
	else if (strcmp(a->kind, "scale") == 0)
		snprintf(out, size, "%s %s", a->value, _("sur 5"));
	else if (strcmp(a->kind, "choice") == 0)
		snprintf(out, size, "%s%s", _("choix n°"), a->value);
	else
		snprintf(out, size, "« %s »", a->value);
}

static void survey_row(const struct privacy_survey_answer *a, void *ctx)
{
	struct request *r = ctx;
	char date[64], value[1024];

	format_date_paris(a->answered_at, date, sizeof(date));
	survey_value(a, value, sizeof(value));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			  "<td data-label=\"%s\">%s</td></tr>",
		 _("Date"), date, _("Questionnaire"), a->survey_title, _("Question"), a->skipped ? "—" : a->prompt,
		 _("Réponse"), value);
}

int privacy_surveys_html(struct request *r, int64_t account_id)
{
	size_t before;
	int rc;

	buf_html(&r->out, "<section aria-labelledby=\"questionnaires\"><h2 id=\"questionnaires\">%s</h2><div class=\"table-wrap\">"
			  "<table class=\"data stack\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Réponses aux questionnaires"), _("Chaque réponse aux questionnaires de satisfaction, de la plus ancienne à la plus récente"),
		 _("Date"), _("Questionnaire"), _("Question"), _("Réponse"));
	before = r->out.len;
	rc = privacy_survey_answers(r->db, account_id, survey_row, r);
	if (r->out.len == before)
		buf_html(&r->out, "<tr><td colspan=\"4\">%s</td></tr>", _("Aucune réponse."));
	buf_adds(&r->out, "</tbody></table></div></section>");
	return rc;
}

/* ---- linked ENT and LMS identities, HTML ---- */

static const char *link_kind_label(const char *kind)
{
	return strcmp(kind, "cas") == 0 ? _("ENT (connexion CAS)") : _("plateforme de cours (LTI)");
}

static void link_row(const struct privacy_link *l, void *ctx)
{
	struct request *r = ctx;
	char date[64];

	format_date_paris(l->linked_at, date, sizeof(date));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\"><code>%s</code></td>"
			  "<td data-label=\"%s\">%s</td></tr>",
		 _("Type"), link_kind_label(l->kind), _("Nom"), l->server, _("Identifiant chez eux"), l->remote_id, _("Lié le"), date);
}

int privacy_links_html(struct request *r, int64_t account_id)
{
	size_t before;
	int rc;

	buf_html(&r->out, "<section aria-labelledby=\"comptes-lies\"><h2 id=\"comptes-lies\">%s</h2><div class=\"table-wrap\">"
			  "<table class=\"data stack\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Comptes ENT et LTI liés"),
		 _("Les comptes d'un ENT ou d'une plateforme de cours par lesquels cette personne se connecte à Ardoise, avec l'identifiant qu'ils lui donnent"),
		 _("Type"), _("Nom"), _("Identifiant chez eux"), _("Lié le"));
	before = r->out.len;
	rc = privacy_links(r->db, account_id, link_row, r);
	if (r->out.len == before)
		buf_html(&r->out, "<tr><td colspan=\"4\">%s</td></tr>", _("Aucun compte lié."));
	buf_adds(&r->out, "</tbody></table></div></section>");
	return rc;
}

/* ---- JSON ---- */

json_t *privacy_usage_summary_json(struct db *db, int64_t account_id)
{
	struct privacy_event_count *counts = NULL;
	size_t n = 0, i;
	int64_t total = 0;
	json_t *months;
	char month[48];

	if (privacy_event_counts(db, account_id, &counts, &n, &total) < 0)
		return NULL;
	months = json_array();
	for (i = 0; months && i < n; i++) {
		snprintf(month, sizeof(month), "%04lld-%02lld", (long long)(counts[i].month / 12), (long long)(counts[i].month % 12 + 1));
		json_array_append_new(months, json_pack("{s:s, s:s, s:I}", "month", month, "feature", counts[i].feature,
							"events", (json_int_t)counts[i].events));
	}
	free(counts);
	if (!months)
		return NULL;
	return json_pack("{s:I, s:s, s:o}", "events", (json_int_t)total, "months_in", "Europe/Paris", "per_month_and_feature", months);
}

struct survey_json {
	json_t *list;
	json_t *answers;      /* of the last response appended */
	int64_t response_id;
};

static void survey_json_row(const struct privacy_survey_answer *a, void *ctx)
{
	struct survey_json *s = ctx;

	if (!s->answers || a->response_id != s->response_id) {
		s->answers = json_array();
		s->response_id = a->response_id;
		json_array_append_new(s->list, json_pack("{s:o, s:s, s:b, s:o}", "answered_at", privacy_json_time(a->answered_at),
							 "survey", a->survey_title, "skipped", a->skipped, "answers", s->answers));
	}
	if (!a->skipped && a->position)
		json_array_append_new(s->answers, json_pack("{s:I, s:s, s:s, s:s}", "question", (json_int_t)a->position,
							    "prompt", a->prompt, "kind", a->kind, "value", a->value));
}

json_t *privacy_surveys_json(struct db *db, int64_t account_id)
{
	struct survey_json s = { json_array(), NULL, 0 };

	if (!s.list || privacy_survey_answers(db, account_id, survey_json_row, &s) < 0) {
		json_decref(s.list);
		return NULL;
	}
	return s.list;
}

static void link_json(const struct privacy_link *l, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:o}", "kind", l->kind, "name", l->server, "remote_id", l->remote_id,
					     "linked_at", privacy_json_time(l->linked_at)));
}

json_t *privacy_links_json(struct db *db, int64_t account_id)
{
	json_t *list = json_array();

	if (!list || privacy_links(db, account_id, link_json, list) < 0) {
		json_decref(list);
		return NULL;
	}
	return list;
}

struct event_stream {
	struct buf *out;
	int64_t written;
};

static void event_json(const struct privacy_event *e, void *ctx)
{
	struct event_stream *s = ctx;
	json_t *line = json_pack("{s:o, s:s, s:s, s:s, s:I}", "at", privacy_json_time(e->at), "feature", e->feature,
				 "action", e->action, "object", e->object, "value", (json_int_t)e->value);
	char *text = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

	buf_adds(s->out, s->written ? ",\n    " : "\n    ");
	if (!text || buf_adds(s->out, text) < 0)
		s->out->failed = true;
	s->written++;
	free(text);
	json_decref(line);
}

int privacy_events_json(struct db *db, int64_t account_id, struct buf *out)
{
	struct event_stream s = { out, 0 };

	buf_addc(out, '[');
	if (privacy_events(db, account_id, 0, event_json, &s) < 0)
		return -1;
	buf_adds(out, s.written ? "\n  ]" : "]");
	return buf_failed(out) ? -1 : 0;
}
