/* The child's pages: subjects, activities of a subject, "Mes résultats". */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "content/catalog.h"
#include "learn/attempt.h"
#include "web/format.h"
#include "web/offer_notice.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"
#include "web/survey_view.h"
#include "web/tutoring.h"

#define HISTORY_MAX_ROWS 200

static bool activity_for_child(const struct activity *a, const struct request *r)
{
	return a->type == CONTENT_ACTIVITY && !a->adults_only && (a->levels & level_parse(r->user.level)) != 0;
}

/* Number of activities of `subject` at the child's level. */
static size_t subject_count(const struct request *r, const char *subject)
{
	size_t i, n = 0;

	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;
		if (strcmp(a->subject, subject) == 0 && activity_for_child(a, r))
			n++;
	}
	return n;
}

/* Number of resources (fiches, videos...) of `subject` at the child's level. */
static size_t subject_resource_count(const struct request *r, const char *subject)
{
	size_t i, n = 0;

	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;
		if (a->type != CONTENT_ACTIVITY && strcmp(a->subject, subject) == 0 && content_visible(r, a))
			n++;
	}
	return n;
}

int page_child_home(struct request *r)
{
	static const char *const order[] = { "mathematiques", "francais", "histoire", "geographie", "education-civique",
					     "sciences", "informatique", "anglais", "education-musicale", "arts-visuels", "methodologie" };
	struct buf *b = &r->out;
	size_t i, n, resources, shown = 0;

	page_begin(r, _("Mes matières"));
	buf_html(b, "<h1>%s %s !</h1>", _("Bonjour"), r->user.first_name);
	tutoring_child_home(r);
	buf_html(b, "<p class=\"lead\">%s</p>", _("Choisis une matière pour commencer."));
	if (!offer_child_allowed(r))
		widget_flash(r, "info", _("Ton inscription pour cette année scolaire n'est pas encore faite : tu ne peux pas commencer de nouvelle activité, "
					  "mais tu peux revoir « Mes résultats ». Demande à ton animateur."));
	progress_child_home_section(r);
	buf_html(b, "<h2>%s</h2><div class=\"tiles\">", _("Mes matières"));
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		n = subject_count(r, order[i]);
		resources = subject_resource_count(r, order[i]);
		if (n == 0 && resources == 0)
			continue;
		buf_html(b, "<a class=\"tile\" href=\"/eleve/matiere/%U\"><img class=\"tile-icon\" src=\"/static/img/subjects/%U.svg\" alt=\"\" width=\"64\" height=\"64\">"
			    "<span class=\"tile-label\">%s</span><span class=\"tile-count\">%lu %s</span></a>",
			 order[i], order[i], subject_label(order[i]), (unsigned long)(n ? n : resources),
			 n ? (n > 1 ? _("activités") : _("activité")) : (resources > 1 ? _("ressources") : _("ressource")));
		shown++;
	}
	buf_adds(b, "</div>");
	if (!shown)
		buf_html(b, "<p>%s</p>", _("Il n'y a pas encore d'activité pour ta classe. Demande à ton animateur."));
	buf_html(b, "<p><a class=\"btn btn-secondary\" href=\"/eleve/progres\">%s</a> <a class=\"btn btn-secondary\" href=\"/eleve/resultats\">%s</a></p>",
		 _("Mes progrès"), _("Mes résultats"));
	survey_invite(r);
	page_end(r);
	return 200;
}

int page_child_subject(struct request *r)
{
	const char *subject = r->params[0];
	struct buf *b = &r->out;
	size_t i;

	if (subject_count(r, subject) == 0 && subject_resource_count(r, subject) == 0)
		return page_not_found(r);
	page_begin(r, subject_label(subject));
	buf_html(b, "<h1>%s</h1><ul class=\"list-activities\">", subject_label(subject));
	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;

		if (strcmp(a->subject, subject) != 0 || !activity_for_child(a, r))
			continue;
		buf_html(b, "<li><a class=\"activity-link\" href=\"/activite/%U\"><span class=\"activity-title\">%s</span>"
			    "<span class=\"activity-meta\">%d %s</span></a></li>",
			 a->id, a->title, a->minutes, _("min environ"));
	}
	buf_adds(b, "</ul>");
	resource_list_render(r, subject);
	buf_html(b, "<p><a href=\"/eleve\">%s</a></p>", _("← Toutes les matières"));
	page_end(r);
	return 200;
}

static void history_row(const struct attempt_summary *s, void *ctx)
{
	struct request *r = ctx;
	char date[32], score[32], duration[32];

	format_date_paris(s->submitted_at, date, sizeof(date));
	format_score(s->score, s->max_score, score, sizeof(score));
	format_duration(s->seconds, duration, sizeof(duration));
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\"><span><a href=\"/resultat/%lld\">%s</a><br><span class=\"muted\">%s</span></span></td>"
			  "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
		 _("Date"), date, _("Activité"), (long long)s->id, s->title, subject_label(s->subject),
		 _("Score"), score, _("Temps passé"), duration);
}

int page_child_results(struct request *r)
{
	struct buf *b = &r->out;
	size_t before;

	page_begin(r, _("Mes résultats"));
	buf_html(b, "<h1>%s</h1><div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption>"
		    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Mes résultats"), _("Les activités que tu as faites, les plus récentes d'abord"),
		 _("Date"), _("Activité"), _("Score"), _("Temps passé"));
	before = b->len;
	if (attempt_list(r->db, r->user.id, HISTORY_MAX_ROWS, history_row, r) < 0)
		return page_error(r, 500, _("Tes résultats n'ont pas pu être lus. Réessaie dans un instant."));
	if (b->len == before)
		buf_html(b, "<tr><td colspan=\"4\">%s</td></tr>", _("Tu n'as pas encore fait d'activité. Choisis une matière pour commencer !"));
	buf_html(b, "</tbody></table></div><p><a class=\"btn btn-secondary\" href=\"/eleve\">%s</a></p>", _("Mes matières"));
	page_end(r);
	return 200;
}
