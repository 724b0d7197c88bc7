/* Progress pages: the child's next step and "Mes progrès", the group's
 * table of competencies for its accompagnateurs, the detail of one child
 * with their answers, assignments and the family report. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "content/catalog.h"
#include "learn/mastery.h"
#include "learn/progress.h"
#include "offer/pdf_writer.h"
#include "web/format.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define WEEK_SECONDS (7 * 86400)
#define IDLE_ALERT_SECONDS (14 * 86400)
/* A competency with this many wrong answers and an estimate under
 * STRUGGLE_KNOWN puts the child in the "à aider" list. */
#define STRUGGLE_WRONG 3
#define STRUGGLE_KNOWN 0.5
#define DETAIL_MAX_ATTEMPTS 30

/* Subjects in the order of the child's home page. */
static const char *const subjects[] = { "mathematiques", "francais", "histoire", "geographie", "education-civique", "sciences",
					"informatique", "anglais", "education-musicale", "arts-visuels", "methodologie" };
#define SUBJECT_COUNT (sizeof(subjects) / sizeof(subjects[0]))

/* The French label of a competency code, or the code itself when the
 * referential does not have it. */
static const char *competency_label(const struct request *r, const char *code)
{
	const struct competency *c = referential_find(&r->catalog->ref, code);

	return c ? c->label : code;
}

/* The subject of the first activity serving `code`, or NULL. */
static const char *competency_subject(const struct catalog *c, const char *code)
{
	size_t i, k;

	for (i = 0; i < c->count; i++) {
		const struct activity *a = c->entries[i].activity;
		if (a->type != CONTENT_ACTIVITY)
			continue;
		for (k = 0; k < a->competency_count; k++)
			if (strcmp(a->competencies[k], code) == 0)
				return a->subject;
	}
	return NULL;
}

/* Three dots, filled by level, with the level's name beside them: a
 * child reads the dots, a screen reader the words. */
static void level_badge(struct request *r, enum mastery_level level)
{
	int i;

	buf_html(&r->out, "<span class=\"niveau %s\"><span class=\"niveau-points\" aria-hidden=\"true\">", mastery_level_class(level));
	for (i = 1; i <= 3; i++)
		buf_html(&r->out, "<span class=\"point%s\"></span>", i <= (int)level ? " plein" : "");
	buf_html(&r->out, "</span> %s</span>", mastery_level_label(level));
}

static void format_day(int64_t when, char *out, size_t size)
{
	time_t t = (time_t)when;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, size, "%d/%m/%Y", &tm);
}

/* ---- the child's home: next step and assigned work ---- */

static const char *next_reason_text(enum next_reason reason)
{
	switch (reason) {
	case NEXT_ASSIGNED:
		return _("Ton animateur te propose cette activité.");
	case NEXT_REVIEW:
		return _("C'est le moment de revoir ce que tu as appris.");
	case NEXT_PRACTICE:
		return _("Pour t'entraîner encore un peu sur ce qui n'est pas encore acquis.");
	case NEXT_DISCOVER:
		return _("Une activité que tu n'as pas encore faite.");
	case NEXT_AGAIN:
		return _("Tu as tout essayé ! Refais celle-ci pour t'entraîner.");
	case NEXT_NONE:
		break;
	}
	return "";
}

struct child_assignments {
	struct request *r;
	size_t shown;
};

static void child_assignment_item(const struct assignment *a, void *ctx)
{
	struct child_assignments *c = ctx;
	struct request *r = c->r;
	const struct activity *act = a->activity_id ? catalog_find(r->catalog, a->activity_id) : NULL;
	const struct activity *path = a->path_id ? catalog_find(r->catalog, a->path_id) : NULL;
	char day[16];

	if ((a->activity_id && !act) || (a->path_id && !path))
		return;
	/* Work given to a mixed-level group reaches only the children of its levels. */
	if ((act && !content_visible(r, act)) || (path && !content_visible(r, path)))
		return;
	if (!c->shown++)
		buf_html(&r->out, "<section class=\"card\"><h2>%s</h2><ul class=\"list-activities\">", _("Ce que ton animateur te propose"));
	if (path)
		buf_html(&r->out, "<li><a class=\"activity-link\" href=\"/ressource/%U\"><span class=\"activity-title\">%s</span>", path->id, path->title);
	else if (act)
		buf_html(&r->out, "<li><a class=\"activity-link\" href=\"/activite/%U\"><span class=\"activity-title\">%s</span>", act->id, act->title);
	else
		buf_html(&r->out, "<li><span class=\"activity-link\"><span class=\"activity-title\">%s %s</span>", _("S'entraîner :"),
			 competency_label(r, a->competency));
	if (a->due_at) {
		format_day(a->due_at, day, sizeof(day));
		buf_html(&r->out, "<span class=\"activity-meta\">%s %s</span>", _("pour le"), day);
	}
	buf_html(&r->out, "<span class=\"activity-meta\">%s</span>%S</li>", a->done ? _("fait ✓") : _("à faire"),
		 act || path ? "</a>" : "</span>");
}

void progress_child_home_section(struct request *r)
{
	struct next_step next;
	struct child_assignments list = { r, 0 };

	if (progress_next_step(r->db, r->catalog, r->user.id, level_parse(r->user.level), (int64_t)time(NULL), &next) < 0)
		return;
	if (next.activity)
		buf_html(&r->out, "<section class=\"card next-step\"><h2>%s</h2><p>%s</p><p><a class=\"btn btn-primary\" href=\"/activite/%U\">%s</a></p></section>",
			 _("Ta prochaine activité"), next_reason_text(next.reason), next.activity->id, next.activity->title);
	if (assignment_list_child(r->db, r->user.id, child_assignment_item, &list) == 0 && list.shown)
		buf_adds(&r->out, "</ul></section>");
}

/* ---- "Mes progrès" ---- */

struct subject_figures {
	int64_t attempts;
	double score_sum; /* of score / max_score, each between 0 and 1 */
	int64_t scored;   /* attempts with max_score > 0 */
};

/* Add up the attempts of `child_id` per subject into `figures`, one per
 * entry of subjects[]. Returns 0 or -1. */
static int subject_figures_load(struct request *r, int64_t child_id, struct subject_figures *figures)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT activity_id, score, max_score FROM attempt WHERE account_id = ?");
	enum db_step step;
	size_t s;

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	while ((step = db_step(st)) == DB_ROW) {
		const struct activity *a = catalog_find(r->catalog, db_column_text(st, 0));

		for (s = 0; a && s < SUBJECT_COUNT; s++) {
			if (strcmp(subjects[s], a->subject) != 0)
				continue;
			figures[s].attempts++;
			if (db_column_int(st, 2) > 0) {
				figures[s].score_sum += db_column_double(st, 1) / (double)db_column_int(st, 2);
				figures[s].scored++;
			}
		}
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

/* Activities of the last seven days and the time spent on them, each
 * attempt counted for at most an hour. */
static int child_week(struct request *r, int64_t child_id, int64_t *attempts, int64_t *seconds)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT count(*), coalesce(sum(CASE WHEN submitted_at - started_at > 3600 THEN 3600 "
					       "WHEN started_at > 0 AND submitted_at > started_at THEN submitted_at - started_at ELSE 0 END), 0) "
					       "FROM attempt WHERE account_id = ? AND submitted_at >= ?");
	enum db_step step;

	*attempts = *seconds = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, (int64_t)time(NULL) - WEEK_SECONDS);
	step = db_step(st);
	if (step == DB_ROW) {
		*attempts = db_column_int(st, 0);
		*seconds = db_column_int(st, 1);
	}
	db_reset(st);
	return step == DB_ROW ? 0 : -1;
}

/* Percentage of an average of ratios, kept within 0-100; "—" when no
 * attempt has a score. */
static void format_average(double sum, int64_t count, char *out, size_t size)
{
	double percent;

	if (count <= 0) {
		snprintf(out, size, "—");
		return;
	}
	percent = 100.0 * sum / (double)count;
	if (percent < 0)
		percent = 0;
	if (percent > 100)
		percent = 100;
	snprintf(out, size, "%.0f %%", percent);
}

int page_child_progress(struct request *r)
{
	struct subject_figures figures[SUBJECT_COUNT] = { 0 };
	struct db_stmt *st;
	int64_t week_attempts, week_seconds, acquired_month;
	size_t s;
	char duration[32], average[16];

	if (child_week(r, r->user.id, &week_attempts, &week_seconds) < 0)
		return page_error(r, 500, _("Tes progrès n'ont pas pu être lus. Réessaie dans un instant."));
	if (subject_figures_load(r, r->user.id, figures) < 0)
		return page_error(r, 500, _("Tes progrès n'ont pas pu être lus. Réessaie dans un instant."));
	acquired_month = db_query_int_param2(r->db, "SELECT count(*) FROM mastery WHERE child_id = ? AND level >= 2 AND last_answer >= ?",
					     r->user.id, (int64_t)time(NULL) - 30 * 86400, 0);

	page_begin(r, _("Mes progrès"));
	buf_html(&r->out, "<h1>%s</h1><section class=\"card encouragement\"><h2>%s</h2>", _("Mes progrès"), _("Ma semaine"));
	format_duration(week_seconds, duration, sizeof(duration));
	if (week_attempts > 0)
		buf_html(&r->out, "<p>%s %lld %s (%s). %s</p>", _("Cette semaine, tu as fait"), (long long)week_attempts,
			 week_attempts > 1 ? _("activités") : _("activité"), duration, _("Bravo pour tes efforts !"));
	else
		buf_html(&r->out, "<p>%s</p>", _("Tu n'as pas encore fait d'activité cette semaine. Une petite activité aujourd'hui ?"));
	if (acquired_month > 0)
		buf_html(&r->out, "<p>%s %lld %s</p>", _("Ce mois-ci, tu as acquis"), (long long)acquired_month,
			 acquired_month > 1 ? _("compétences. Tu progresses !") : _("compétence. Tu progresses !"));
	buf_adds(&r->out, "</section>");

	for (s = 0; s < SUBJECT_COUNT; s++) {
		const char *subject = subjects[s];
		size_t shown = 0;

		st = db_prepare(r->db, "SELECT competency, level FROM mastery WHERE child_id = ? ORDER BY competency");
		if (!st)
			break;
		db_bind_int(st, 1, r->user.id);
		while (db_step(st) == DB_ROW) {
			const char *code = db_column_text(st, 0), *of = competency_subject(r->catalog, code);

			if (!of || strcmp(of, subject) != 0)
				continue;
			if (!shown++) {
				format_average(figures[s].score_sum, figures[s].scored, average, sizeof(average));
				buf_html(&r->out, "<section class=\"card\"><h2><img class=\"tile-icon\" src=\"/static/img/subjects/%U.svg\" alt=\"\" width=\"48\" height=\"48\"> %s</h2>"
						  "<p>%lld %s · %s %s</p><ul class=\"competences\">",
					 subject, subject_label(subject), (long long)figures[s].attempts,
					 figures[s].attempts > 1 ? _("activités faites") : _("activité faite"), _("réussite moyenne :"), average);
			}
			buf_html(&r->out, "<li><span class=\"competence-nom\">%s</span> ", competency_label(r, code));
			level_badge(r, (enum mastery_level)db_column_int(st, 1));
			buf_adds(&r->out, "</li>");
		}
		db_reset(st);
		if (shown)
			buf_adds(&r->out, "</ul></section>");
	}
	buf_html(&r->out, "<p class=\"muted\">%s</p><p><a class=\"btn btn-secondary\" href=\"/eleve\">%s</a> <a class=\"btn btn-secondary\" href=\"/eleve/resultats\">%s</a></p>",
		 _("Trois points : maîtrisé. Deux : acquis. Un : en cours. Aucun : à découvrir."), _("Mes matières"), _("Mes résultats"));
	page_end(r);
	return 200;
}

/* ---- the group's table, for its accompagnateurs ---- */

struct codes {
	char **items;
	size_t count;
};

static void codes_release(struct codes *c)
{
	size_t i;

	for (i = 0; i < c->count; i++)
		free(c->items[i]);
	free(c->items);
	memset(c, 0, sizeof(*c));
}

/* The competencies that at least one child of the group answered on. */
static int group_codes(struct request *r, int64_t group_id, struct codes *out)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT DISTINCT y.competency FROM mastery y JOIN group_member m ON m.account_id = y.child_id "
					       "WHERE m.group_id = ? ORDER BY y.competency");
	enum db_step step;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int(st, 1, group_id);
	while ((step = db_step(st)) == DB_ROW) {
		char **grown = realloc(out->items, (out->count + 1) * sizeof(*grown));

		if (!grown || !(grown[out->count] = strdup(db_column_text(st, 0)))) {
			if (grown)
				out->items = grown;
			step = DB_ERROR;
			break;
		}
		out->items = grown;
		out->count++;
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

static enum mastery_level child_level(struct request *r, int64_t child_id, const char *code)
{
	struct mastery_state s;

	return mastery_load(r->db, child_id, code, &s) == 1 ? s.level : MASTERY_TO_DISCOVER;
}

/* The reason a child needs help, or NULL. */
static const char *struggle_reason(struct request *r, int64_t child_id, int64_t last_attempt, int64_t created_at, char *buf,
				   size_t size)
{
	struct db_stmt *st;
	int64_t now = (int64_t)time(NULL);

	if ((last_attempt && last_attempt < now - IDLE_ALERT_SECONDS) || (!last_attempt && created_at < now - IDLE_ALERT_SECONDS))
		return _("aucune activité depuis deux semaines");
	st = db_prepare(r->db, "SELECT competency FROM mastery WHERE child_id = ? AND level = 1 AND answers - right_answers >= ? "
			       "AND known < ? ORDER BY known LIMIT 1");
	if (!st)
		return NULL;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, STRUGGLE_WRONG);
	db_bind_double(st, 3, STRUGGLE_KNOWN);
	if (db_step(st) == DB_ROW) {
		snprintf(buf, size, "%s %s", _("plusieurs erreurs en"), competency_label(r, db_column_text(st, 0)));
		db_reset(st);
		return buf;
	}
	db_reset(st);
	return NULL;
}

struct group_assignments {
	struct request *r;
	size_t shown;
};

static void group_assignment_row(const struct assignment *a, void *ctx)
{
	struct group_assignments *g = ctx;
	struct request *r = g->r;
	const struct activity *act = a->activity_id ? catalog_find(r->catalog, a->activity_id) : NULL;
	const struct activity *path = a->path_id ? catalog_find(r->catalog, a->path_id) : NULL;
	char day[16] = "—", who[160] = "";
	const char *prefix = "", *work;
	int done = a->done, children = a->children;

	if (!g->shown++)
		buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
				  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			 _("Le travail donné"), _("Travail"), _("Pour"), _("À faire pour le"), _("Fait"));
	if (a->due_at)
		format_day(a->due_at, day, sizeof(day));
	if (a->child_id) {
		struct db_stmt *st = db_prepare(r->db, "SELECT first_name, last_initial FROM account WHERE id = ?");
		if (st) {
			db_bind_int(st, 1, a->child_id);
			if (db_step(st) == DB_ROW)
				snprintf(who, sizeof(who), "%s %s", db_column_text(st, 0), db_column_text(st, 1));
			db_reset(st);
		}
	} else {
		snprintf(who, sizeof(who), "%s", _("tout le groupe"));
		/* Count only the children of the activity's levels. */
		if (act && assignment_group_completion(r->db, a->id, act->levels, &done, &children) < 0) {
			done = a->done;
			children = a->children;
		}
	}
	/* The work: a path, an activity, or a competency to practise. */
	if (path)
		work = path->title;
	else if (act)
		work = act->title;
	else {
		prefix = _("S'entraîner : ");
		work = competency_label(r, a->competency ? a->competency : "?");
	}
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			  "<td data-label=\"%s\">%d / %d</td></tr>",
		 _("Travail"), prefix, work, _("Pour"), who, _("À faire pour le"), day, _("Fait"), done, children);
}

/* " selected" when the option `prefix``value` is the one sent in field
 * `name` of a form shown again; "" on a first display. */
static const char *option_selected(struct request *r, const char *name, const char *prefix, const char *value)
{
	const char *sent = form_get(&r->body, name);
	size_t len = strlen(prefix);

	if (!sent || strncmp(sent, prefix, len) != 0 || strcmp(sent + len, value) != 0)
		return "";
	return " selected";
}

/* The form that assigns work: an activity or a competency, to the group
 * or one child, with an optional due date. After an error it shows the
 * choices sent again. */
static void assignment_form(struct request *r, int64_t group_id, const char *error)
{
	const char *due = form_get(&r->body, "echeance");
	char child_id[24];
	struct db_stmt *st;
	size_t i, k;

	buf_html(&r->out, "<section class=\"card\" id=\"donner\"><h2>%s</h2>", _("Donner du travail"));
	if (error)
		widget_flash(r, "error", error);
	buf_html(&r->out, "<form method=\"post\" action=\"/groupe/%lld/travail\">", (long long)group_id);
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"field\"><label for=\"quoi\">%s</label><select id=\"quoi\" name=\"quoi\" required><option value=\"\">%s</option><optgroup label=\"%s\">",
		 _("Quoi"), _("— choisir —"), _("Une activité"));
	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;
		if (a->type == CONTENT_ACTIVITY && !a->adults_only)
			buf_html(&r->out, "<option value=\"%s\"%S>%s (%s)</option>", a->id, option_selected(r, "quoi", "", a->id), a->title,
				 subject_label(a->subject));
	}
	buf_html(&r->out, "</optgroup><optgroup label=\"%s\">", _("Un parcours J'explore"));
	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;
		if (a->type == CONTENT_PARCOURS)
			buf_html(&r->out, "<option value=\"parcours:%s\"%S>%s (%s)</option>", a->id, option_selected(r, "quoi", "parcours:", a->id),
				 a->title, subject_label(a->subject));
	}
	buf_html(&r->out, "</optgroup><optgroup label=\"%s\">", _("Une compétence à travailler"));
	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;
		for (k = 0; a->type == CONTENT_ACTIVITY && k < a->competency_count; k++) {
			bool seen = false;
			size_t j;

			for (j = 0; j < i && !seen; j++) {
				const struct activity *b = r->catalog->entries[j].activity;
				size_t m;
				for (m = 0; b->type == CONTENT_ACTIVITY && m < b->competency_count && !seen; m++)
					seen = strcmp(b->competencies[m], a->competencies[k]) == 0;
			}
			if (!seen)
				buf_html(&r->out, "<option value=\"competence:%s\"%S>%s</option>", a->competencies[k],
					 option_selected(r, "quoi", "competence:", a->competencies[k]), competency_label(r, a->competencies[k]));
		}
	}
	buf_html(&r->out, "</optgroup></select></div><div class=\"field\"><label for=\"pour\">%s</label><select id=\"pour\" name=\"pour\">"
			  "<option value=\"groupe\">%s</option>",
		 _("Pour qui"), _("Tout le groupe"));
	st = db_prepare(r->db, "SELECT a.id, a.first_name, a.last_initial FROM group_member m JOIN account a ON a.id = m.account_id "
			       "WHERE m.group_id = ? AND a.role = 'eleve' AND a.active = 1 ORDER BY a.first_name, a.last_initial");
	if (st) {
		db_bind_int(st, 1, group_id);
		while (db_step(st) == DB_ROW) {
			snprintf(child_id, sizeof(child_id), "%lld", (long long)db_column_int(st, 0));
			buf_html(&r->out, "<option value=\"%s\"%S>%s %s</option>", child_id, option_selected(r, "pour", "", child_id),
				 db_column_text(st, 1), db_column_text(st, 2));
		}
		db_reset(st);
	}
	buf_html(&r->out, "</select></div><div class=\"field\"><label for=\"echeance\">%s</label><p class=\"hint\" id=\"echeance-aide\">%s</p>"
			  "<input id=\"echeance\" name=\"echeance\" type=\"date\" value=\"%s\" aria-describedby=\"echeance-aide\"></div>"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("À faire pour le (facultatif)"), _("Une date au format jj/mm/aaaa ou aaaa-mm-jj. Laissez vide s'il n'y a pas de date."),
		 due ? due : "", _("Donner ce travail"));
}

static int group_progress_render(struct request *r, int64_t group_id, int status, const char *error)
{
	struct codes codes;
	struct group_assignments list = { r, 0 };
	struct db_stmt *st;
	char name[128] = "", reason[200], duration[32];
	size_t i, helped = 0;
	struct buf alerts = BUF_INIT(0);

	st = db_prepare(r->db, "SELECT name FROM class_group WHERE id = ?");
	if (!st)
		return page_error(r, 500, _("Le groupe n'a pas pu être lu."));
	db_bind_int(st, 1, group_id);
	if (db_step(st) == DB_ROW)
		snprintf(name, sizeof(name), "%s", db_column_text(st, 0));
	db_reset(st);
	if (group_codes(r, group_id, &codes) < 0)
		return page_error(r, 500, _("Les progrès du groupe n'ont pas pu être lus."));

	page_begin(r, name);
	buf_html(&r->out, "<h1>%s : %s</h1><p class=\"lead\">%s</p>", _("Progrès"), name,
		 _("Pour chaque enfant, le niveau atteint dans chaque compétence travaillée, le temps passé cette semaine et les enfants à aider."));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("Le travail est donné. Les enfants le verront sur leur page d'accueil."));
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data progres\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th>",
		 _("Niveau par compétence (à découvrir, en cours, acquis, maîtrisé)"), _("Élève"), _("Temps cette semaine"));
	for (i = 0; i < codes.count; i++)
		buf_html(&r->out, "<th scope=\"col\">%s</th>", competency_label(r, codes.items[i]));
	buf_adds(&r->out, "</tr></thead><tbody>");
	st = db_prepare(r->db, "SELECT a.id, a.first_name, a.last_initial, a.created_at, "
			       "coalesce((SELECT max(t.submitted_at) FROM attempt t WHERE t.account_id = a.id), 0) "
			       "FROM group_member m JOIN account a ON a.id = m.account_id "
			       "WHERE m.group_id = ? AND a.role = 'eleve' AND a.active = 1 ORDER BY a.first_name, a.last_initial");
	if (st) {
		db_bind_int(st, 1, group_id);
		while (db_step(st) == DB_ROW) {
			int64_t child = db_column_int(st, 0), attempts, seconds;
			const char *why;

			child_week(r, child, &attempts, &seconds);
			format_duration(seconds, duration, sizeof(duration));
			buf_html(&r->out, "<tr><th scope=\"row\"><a href=\"/eleve/%lld/suivi\">%s %s</a></th><td>%s</td>", (long long)child,
				 db_column_text(st, 1), db_column_text(st, 2), duration);
			for (i = 0; i < codes.count; i++) {
				enum mastery_level level = child_level(r, child, codes.items[i]);
				buf_html(&r->out, "<td class=\"%s\">%s</td>", mastery_level_class(level), mastery_level_label(level));
			}
			buf_adds(&r->out, "</tr>");
			why = struggle_reason(r, child, db_column_int(st, 4), db_column_int(st, 3), reason, sizeof(reason));
			if (why) {
				buf_html(&alerts, "<li><a href=\"/eleve/%lld/suivi\">%s %s</a> : %s</li>", (long long)child, db_column_text(st, 1),
					 db_column_text(st, 2), why);
				helped++;
			}
		}
		db_reset(st);
	}
	buf_adds(&r->out, "</tbody></table></div>");
	if (!codes.count)
		buf_html(&r->out, "<p>%s</p>", _("Aucun enfant du groupe n'a encore fait d'activité : le tableau se remplira au fil des activités."));
	buf_html(&r->out, "<section class=\"card\"><h2>%s</h2>", _("Enfants à aider"));
	if (helped)
		buf_html(&r->out, "<ul>%S</ul>", buf_cstr(&alerts));
	else
		buf_html(&r->out, "<p>%s</p>", _("Aucun enfant en difficulté pour l'instant."));
	buf_adds(&r->out, "</section>");
	buf_release(&alerts);
	assignment_list_group(r->db, group_id, group_assignment_row, &list);
	if (list.shown)
		buf_adds(&r->out, "</tbody></table></div>");
	assignment_form(r, group_id, error);
	buf_html(&r->out, "<p><a href=\"/groupe/%lld\">%s</a></p>", (long long)group_id, _("← Les enfants du groupe"));
	codes_release(&codes);
	page_end(r);
	return status;
}

int page_group_progress(struct request *r)
{
	int64_t id = param_id(r, 0);

	if (!id || !scope_group(r->db, &r->user, id))
		return page_not_found(r);
	return group_progress_render(r, id, 200, NULL);
}

/* Read a due date typed as aaaa-mm-jj (the date field) or jj/mm/aaaa.
 * Returns the end of that day in Paris, 0 for an empty value, or -1. */
static int64_t parse_due_date(const char *text)
{
	struct tm tm = { 0 };
	int d, m, y;
	char extra;
	time_t t;

	if (!text || !*text)
		return 0;
	if (sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 && sscanf(text, "%2d/%2d/%4d%c", &d, &m, &y, &extra) != 3)
		return -1;
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return -1;
	return (int64_t)t;
}

static bool competency_served(const struct catalog *c, const char *code)
{
	return competency_subject(c, code) != NULL;
}

int page_group_assign(struct request *r)
{
	int64_t group_id = param_id(r, 0), child_id = 0, due, id;
	const char *what = form_get(&r->body, "quoi"), *who = form_get(&r->body, "pour"), *code = NULL, *activity = NULL,
		   *path = NULL;
	struct assignment_work work;
	char message[300];

	if (!group_id || !scope_group(r->db, &r->user, group_id))
		return page_not_found(r);
	if (!what || !*what)
		return group_progress_render(r, group_id, 422, _("Choisissez une activité, un parcours ou une compétence dans la liste « Quoi »."));
	if (strncmp(what, "competence:", 11) == 0) {
		code = what + 11;
		if (!competency_served(r->catalog, code)) {
			snprintf(message, sizeof(message), _("La compétence « %s » n'est travaillée par aucune activité. Choisissez-en une dans la liste."), code);
			return group_progress_render(r, group_id, 422, message);
		}
	} else if (strncmp(what, "parcours:", 9) == 0) {
		const struct activity *found = catalog_find(r->catalog, what + 9);

		if (!found || found->type != CONTENT_PARCOURS || !found->item_count) {
			snprintf(message, sizeof(message), _("Le parcours « %s » n'existe pas. Choisissez-en un dans la liste."), what + 9);
			return group_progress_render(r, group_id, 422, message);
		}
		path = found->id;
		activity = found->items[0];
	} else {
		const struct activity *found = catalog_find(r->catalog, what);

		if (!found || found->type != CONTENT_ACTIVITY || found->adults_only) {
			snprintf(message, sizeof(message), _("L'activité « %s » n'existe pas. Choisissez-en une dans la liste."), what);
			return group_progress_render(r, group_id, 422, message);
		}
		activity = what;
	}
	if (who && strcmp(who, "groupe") != 0) {
		char *end;
		long long n = strtoll(who, &end, 10);

		if (*end || n <= 0 ||
		    db_query_int_param2(r->db, "SELECT count(*) FROM group_member m JOIN account a ON a.id = m.account_id "
					       "WHERE m.group_id = ? AND m.account_id = ? AND a.role = 'eleve' AND a.active = 1",
					group_id, n, 0) != 1) {
			snprintf(message, sizeof(message), _("« %s » n'est pas un enfant de ce groupe. Choisissez « Tout le groupe » ou un enfant de la liste."), who);
			return group_progress_render(r, group_id, 422, message);
		}
		child_id = n;
	}
	due = parse_due_date(form_get(&r->body, "echeance"));
	if (due < 0) {
		snprintf(message, sizeof(message), _("La date « %s » n'est pas valide. Écrivez-la comme 15/01/2027, ou laissez la case vide."),
			 form_get(&r->body, "echeance"));
		return group_progress_render(r, group_id, 422, message);
	}
	/* The due time is the end of the chosen day: before now, the day is over. */
	if (due > 0 && due < (int64_t)time(NULL)) {
		snprintf(message, sizeof(message), _("La date « %s » est déjà passée. Choisissez aujourd'hui ou un jour à venir, ou laissez la case vide."),
			 form_get(&r->body, "echeance"));
		return group_progress_render(r, group_id, 422, message);
	}
	work.activity_id = activity;
	work.path_id = path;
	work.competency = code;
	id = assignment_create(r->db, child_id ? 0 : group_id, child_id, &work, due, r->user.id, (int64_t)time(NULL));
	if (id < 0)
		return page_error(r, 500, _("Le travail n'a pas pu être enregistré. Réessayez dans un instant."));
	snprintf(message, sizeof(message), "/groupe/%lld/progres?fait=1", (long long)group_id);
	return request_redirect(r, message);
}

/* ---- one child, for the adults who follow them ---- */

static bool child_name(struct request *r, int64_t child_id, char *out, size_t size)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT first_name, last_initial FROM account WHERE id = ? AND role = 'eleve'");
	bool found = false;

	if (!st)
		return false;
	db_bind_int(st, 1, child_id);
	if (db_step(st) == DB_ROW) {
		snprintf(out, size, "%s %s", db_column_text(st, 0), db_column_text(st, 1));
		found = true;
	}
	db_reset(st);
	return found;
}

/* Append an answer as the child typed it: a text as is, the blanks or
 * choices of one question separated by " · ". */
static void answer_text(struct buf *out, json_t *answer)
{
	size_t i;

	if (json_is_string(answer)) {
		buf_adds(out, json_string_value(answer));
	} else if (json_is_array(answer)) {
		for (i = 0; i < json_array_size(answer); i++) {
			if (i)
				buf_adds(out, " · ");
			answer_text(out, json_array_get(answer, i));
		}
	} else if (json_is_integer(answer)) {
		buf_addf(out, "%lld", (long long)json_integer_value(answer));
	}
}

/* The child's answers of one attempt, question by question. */
static void attempt_answers(struct request *r, const char *answers, const char *results)
{
	json_t *a = json_loads(answers, 0, NULL), *v = json_loads(results, 0, NULL);
	struct buf typed = BUF_INIT(0);
	size_t i;

	buf_adds(&r->out, "<ol class=\"reponses\">");
	for (i = 0; json_is_array(v) && i < json_array_size(v); i++) {
		const char *verdict = json_string_value(json_object_get(json_array_get(v, i), "verdict"));
		const char *label = _("à revoir");

		if (verdict && strcmp(verdict, "right") == 0)
			label = _("juste");
		else if (verdict && strcmp(verdict, "empty") == 0)
			label = _("sans réponse");
		buf_reset(&typed);
		if (json_is_array(a))
			answer_text(&typed, json_array_get(a, i));
		buf_html(&r->out, "<li><span class=\"verdict-%s\">%s</span>", verdict ? verdict : "", label);
		if (typed.len)
			buf_html(&r->out, " — <span class=\"muted\">%s</span> %s", _("réponse donnée :"), buf_cstr(&typed));
		buf_adds(&r->out, "</li>");
	}
	buf_adds(&r->out, "</ol>");
	buf_release(&typed);
	json_decref(a);
	json_decref(v);
}

int page_child_follow(struct request *r)
{
	int64_t id = param_id(r, 0);
	struct db_stmt *st;
	char name[96], date[40], score[32];

	if (!id || !scope_child(r->db, &r->user, id) || !child_name(r, id, name, sizeof(name)))
		return page_not_found(r);
	page_begin(r, name);
	buf_html(&r->out, "<h1>%s</h1><p><a class=\"btn btn-secondary\" href=\"/eleve/%lld/bilan.pdf\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/eleve/%lld/bilan.csv\">%s</a></p>"
			  "<section class=\"card\"><h2>%s</h2><ul class=\"competences\">",
		 name, (long long)id, _("Bilan pour la famille (PDF)"), (long long)id, _("Bilan (CSV)"), _("Compétences"));
	st = db_prepare(r->db, "SELECT competency, level, answers, right_answers FROM mastery WHERE child_id = ? ORDER BY competency");
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st) == DB_ROW) {
			buf_html(&r->out, "<li><span class=\"competence-nom\">%s</span> ", competency_label(r, db_column_text(st, 0)));
			level_badge(r, (enum mastery_level)db_column_int(st, 1));
			buf_html(&r->out, " <span class=\"muted\">(%lld %s %lld)</span></li>", (long long)db_column_int(st, 3), _("juste(s) sur"),
				 (long long)db_column_int(st, 2));
		}
		db_reset(st);
	}
	buf_html(&r->out, "</ul></section><h2>%s</h2>", _("Dernières activités et réponses"));
	st = db_prepare(r->db, "SELECT activity_id, score, max_score, submitted_at, answers, results FROM attempt WHERE account_id = ? "
			       "ORDER BY submitted_at DESC, id DESC LIMIT ?");
	if (st) {
		size_t n = 0;

		db_bind_int(st, 1, id);
		db_bind_int(st, 2, DETAIL_MAX_ATTEMPTS);
		while (db_step(st) == DB_ROW) {
			const struct activity *a = catalog_find(r->catalog, db_column_text(st, 0));

			format_date_paris(db_column_int(st, 3), date, sizeof(date));
			format_score(db_column_double(st, 1), (int)db_column_int(st, 2), score, sizeof(score));
			buf_html(&r->out, "<section class=\"card\"><h3>%s</h3><p class=\"muted\">%s · %s %s</p>", a ? a->title : db_column_text(st, 0),
				 date, _("score"), score);
			attempt_answers(r, db_column_text(st, 4), db_column_text(st, 5));
			buf_adds(&r->out, "</section>");
			n++;
		}
		db_reset(st);
		if (!n)
			buf_html(&r->out, "<p>%s</p>", _("Pas encore d'activité."));
	}
	page_end(r);
	return 200;
}

/* Append `text` for a quoted CSV field: quotes doubled, and a leading
 * = + - @ neutralised so that a spreadsheet does not run it as a formula. */
static void csv_text(struct buf *b, const char *text)
{
	if (strchr("=+-@", *text) && *text)
		buf_addc(b, '\'');
	for (; *text; text++) {
		if (*text == '"')
			buf_addc(b, '"');
		buf_addc(b, *text);
	}
}

/* The family report as CSV: one line per subject, then the total, which
 * is the sum of the lines above it. */
int page_child_report_csv(struct request *r)
{
	int64_t id = param_id(r, 0), total_attempts = 0;
	struct subject_figures figures[SUBJECT_COUNT] = { 0 }, total = { 0 };
	char name[96], average[16], disposition[96];
	size_t s;

	if (!id || !scope_child(r->db, &r->user, id) || !child_name(r, id, name, sizeof(name)))
		return page_not_found(r);
	if (subject_figures_load(r, id, figures) < 0)
		return page_error(r, 500, _("Le bilan n'a pas pu être lu."));
	buf_adds(&r->out, "\xEF\xBB\xBF");
	buf_adds(&r->out, "\"Bilan de ");
	csv_text(&r->out, name);
	buf_adds(&r->out, "\";;\r\nMatière;Activités faites;Réussite moyenne\r\n");
	for (s = 0; s < SUBJECT_COUNT; s++) {
		if (!figures[s].attempts)
			continue;
		format_average(figures[s].score_sum, figures[s].scored, average, sizeof(average));
		buf_addf(&r->out, "%s;%lld;%s\r\n", subject_label(subjects[s]), (long long)figures[s].attempts, average);
		total_attempts += figures[s].attempts;
		total.score_sum += figures[s].score_sum;
		total.scored += figures[s].scored;
	}
	format_average(total.score_sum, total.scored, average, sizeof(average));
	buf_addf(&r->out, "Total;%lld;%s\r\n", (long long)total_attempts, average);
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"bilan-%lld.csv\"", (long long)id);
	request_add_header(r, "content-disposition", disposition);
	r->content_type = "text/csv; charset=utf-8";
	return 200;
}

/* ---- J'explore paths and the help after a failed activity ---- */

/* The child's best score ratio on `activity_id` (0 to 1), or -1 when
 * never done. */
static double best_ratio(struct request *r, const char *activity_id)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT max(score / max_score) FROM attempt WHERE account_id = ? AND activity_id = ? "
					       "AND max_score > 0");
	double ratio = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, r->user.id);
	db_bind_text(st, 2, activity_id);
	if (db_step(st) == DB_ROW && !db_column_is_null(st, 0))
		ratio = db_column_double(st, 0);
	db_reset(st);
	return ratio;
}

/* Whether `item` serves a competency of `problem` that the child has not
 * acquired yet: the steps that build the missing skills. */
static bool builds_missing_skill(struct request *r, const struct activity *problem, const struct activity *item)
{
	size_t i;

	for (i = 0; i < problem->competency_count; i++) {
		if (!activity_has_competency(item, problem->competencies[i]))
			continue;
		if (child_level(r, r->user.id, problem->competencies[i]) < MASTERY_ACQUIRED)
			return true;
	}
	return false;
}

void progress_explore_render(struct request *r, const struct activity *path)
{
	const struct activity *problem = path->item_count ? catalog_find(r->catalog, path->items[0]) : NULL;
	bool child = (r->user.caps & CAP_DO_ACTIVITIES) != 0;
	double ratio;
	size_t i, advised = 0;

	if (!problem)
		return;
	ratio = child ? best_ratio(r, problem->id) : -1;
	buf_html(&r->out, "<section class=\"card explore-problem\"><h2>%s</h2><p><a class=\"btn btn-primary\" href=\"/activite/%U\">%s</a></p>",
		 _("1. Le problème"), problem->id, problem->title);
	if (ratio >= 1)
		buf_html(&r->out, "<p>%s</p>", _("Bravo, tu as résolu le problème ! Tu peux quand même explorer les étapes."));
	else if (ratio >= 0)
		buf_html(&r->out, "<p>%s</p>", _("Tu as essayé le problème. Les étapes marquées « conseillé » t'aident sur ce qui te manque encore, puis retente le problème."));
	else if (child)
		buf_html(&r->out, "<p>%s</p>", _("Commence par essayer le problème. Si tu bloques, les étapes ci-dessous t'aideront."));
	buf_html(&r->out, "</section><section class=\"card\"><h2>%s</h2><ol class=\"explore-steps\">", _("2. Les étapes pour y arriver"));
	for (i = 1; i < path->item_count; i++) {
		const struct activity *item = catalog_find(r->catalog, path->items[i]);
		bool advise;

		if (!item || !content_visible(r, item))
			continue;
		advise = child && ratio >= 0 && ratio < 1 && builds_missing_skill(r, problem, item);
		advised += advise;
		buf_html(&r->out, "<li><a href=\"%S%U\">%s</a> <span class=\"muted\">%s</span>%S", content_href_prefix(item), item->id,
			 item->title, content_type_label(item->type), advise ? " <strong class=\"badge\">" : "");
		if (advise)
			buf_html(&r->out, "%s</strong>", _("conseillé"));
		if (item->type == CONTENT_ACTIVITY && child && best_ratio(r, item->id) >= 0)
			buf_html(&r->out, " <span class=\"muted\">%s</span>", _("(fait)"));
		buf_adds(&r->out, "</li>");
	}
	buf_adds(&r->out, "</ol>");
	if (child && ratio >= 0 && ratio < 1 && !advised)
		buf_html(&r->out, "<p>%s</p>", _("Relis les fiches de ton choix, puis retente le problème."));
	buf_html(&r->out, "</section><section class=\"card\"><h2>%s</h2><p><a class=\"btn btn-secondary\" href=\"/activite/%U\">%s</a></p></section>",
		 _("3. Retente le problème"), problem->id, _("Retenter le problème"));
}

/* Resources and paths of the child's level that serve a competency of
 * `a`, then other activities of those competencies, at most `max` each. */
void progress_remediation_section(struct request *r, const struct activity *a, double score, int max_score)
{
	const size_t max = 3;
	size_t i, k, resources = 0, others = 0;
	struct buf more = BUF_INIT(0);

	if (!(r->user.caps & CAP_DO_ACTIVITIES) || max_score <= 0 || score >= max_score)
		return;
	buf_html(&r->out, "<section class=\"card remediation\"><h2>%s</h2><p>%s</p><ol>", _("Pour t'aider"),
		 _("Ce n'est pas encore tout juste, et c'est comme ça qu'on apprend. Voici, étape par étape, de quoi t'aider :"));
	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *c = r->catalog->entries[i].activity;
		bool serves_one = false;

		if (c == a || !content_visible(r, c) || c->adults_only)
			continue;
		for (k = 0; k < a->competency_count && !serves_one; k++)
			serves_one = activity_has_competency(c, a->competencies[k]);
		if (!serves_one)
			continue;
		if (c->type != CONTENT_ACTIVITY && c->type != CONTENT_DOSSIER && resources < max) {
			buf_html(&r->out, "<li><a href=\"/ressource/%U\">%s</a> <span class=\"muted\">%s</span></li>", c->id, c->title,
				 content_type_label(c->type));
			resources++;
		} else if (c->type == CONTENT_ACTIVITY && others < max && best_ratio(r, c->id) < 0) {
			buf_html(&more, "<li><a href=\"/activite/%U\">%s</a></li>", c->id, c->title);
			others++;
		}
	}
	if (!resources)
		buf_html(&r->out, "<li>%s</li>", _("Relis la correction ci-dessus : chaque message explique la méthode."));
	buf_adds(&r->out, "</ol>");
	if (others)
		buf_html(&r->out, "<h3>%s</h3><ul>%S</ul>", _("Puis entraîne-toi sur une autre activité"), buf_cstr(&more));
	buf_html(&r->out, "<p><a class=\"btn btn-primary\" href=\"/activite/%U\">%s</a></p></section>", a->id,
		 a->generator ? _("Réessayer avec de nouvelles questions") : _("Réessayer cette activité"));
	buf_release(&more);
}

/* The family report as a PDF, in plain French: what the child did per
 * subject, then the level of each competency worked on. */
int page_child_report_pdf(struct request *r)
{
	int64_t id = param_id(r, 0), total_attempts = 0;
	struct subject_figures figures[SUBJECT_COUNT] = { 0 }, total = { 0 };
	struct pdf_writer *w;
	struct db_stmt *st;
	unsigned char *pdf = NULL;
	size_t len = 0, s;
	char name[96], title[160], line[400], average[16], today[16], err[256], disposition[96];
	float y;

	if (!id || !scope_child(r->db, &r->user, id) || !child_name(r, id, name, sizeof(name)))
		return page_not_found(r);
	if (subject_figures_load(r, id, figures) < 0)
		return page_error(r, 500, _("Le bilan n'a pas pu être lu."));
	snprintf(title, sizeof(title), _("Bilan de %s"), name);
	w = pdf_writer_new(title, err, sizeof(err));
	if (!w)
		return page_error(r, 500, err);
	format_day((int64_t)time(NULL), today, sizeof(today));
	pdf_writer_text(w, PDF_MARGIN_MM, 28, 18, true, title);
	snprintf(line, sizeof(line), _("Ardoise, soutien scolaire. Bilan établi le %s pour la famille."), today);
	y = pdf_writer_paragraph(w, PDF_MARGIN_MM, 38, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 10, false, line);
	y = pdf_writer_paragraph(w, PDF_MARGIN_MM, y + 6, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 13, true, _("Les activités faites"));
	for (s = 0; s < SUBJECT_COUNT; s++) {
		if (!figures[s].attempts)
			continue;
		format_average(figures[s].score_sum, figures[s].scored, average, sizeof(average));
		snprintf(line, sizeof(line), _("%s : %lld activité(s), réussite moyenne %s"), subject_label(subjects[s]),
			 (long long)figures[s].attempts, average);
		y = pdf_writer_paragraph(w, PDF_MARGIN_MM, y + 1, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 11, false, line);
		total_attempts += figures[s].attempts;
		total.score_sum += figures[s].score_sum;
		total.scored += figures[s].scored;
	}
	format_average(total.score_sum, total.scored, average, sizeof(average));
	snprintf(line, sizeof(line), _("En tout : %lld activité(s), réussite moyenne %s"), (long long)total_attempts, average);
	y = pdf_writer_paragraph(w, PDF_MARGIN_MM, y + 2, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 11, true, line);
	y = pdf_writer_paragraph(w, PDF_MARGIN_MM, y + 6, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 13, true, _("Ce que l'enfant sait faire"));
	st = db_prepare(r->db, "SELECT competency, level FROM mastery WHERE child_id = ? ORDER BY competency");
	if (st) {
		size_t n = 0;

		db_bind_int(st, 1, id);
		while (db_step(st) == DB_ROW) {
			snprintf(line, sizeof(line), "%s : %s", competency_label(r, db_column_text(st, 0)),
				 mastery_level_label((enum mastery_level)db_column_int(st, 1)));
			y = pdf_writer_paragraph(w, PDF_MARGIN_MM, y + 1, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 11, false, line);
			n++;
		}
		db_reset(st);
		if (!n)
			y = pdf_writer_paragraph(w, PDF_MARGIN_MM, y + 1, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 11, false,
						 _("Pas encore d'activité : le bilan se remplira au fil des séances."));
	}
	pdf_writer_paragraph(w, PDF_MARGIN_MM, y + 6, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 10, false,
			     _("Les niveaux : à découvrir (pas encore travaillé), en cours, acquis, maîtrisé (acquis et réussi de nouveau "
			       "quelques jours plus tard). Chaque effort compte : encouragez votre enfant à continuer."));
	if (pdf_writer_finish(w, &pdf, &len, err, sizeof(err)) < 0)
		return page_error(r, 500, err);
	if (buf_add(&r->out, pdf, len) < 0) {
		free(pdf);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	free(pdf);
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"bilan-%lld.pdf\"", (long long)id);
	request_add_header(r, "content-disposition", disposition);
	r->content_type = "application/pdf";
	return 200;
}
