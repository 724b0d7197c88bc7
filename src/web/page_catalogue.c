/*
 * /catalogue: browse the contents by subject, level, competency and type,
 * with an accent-insensitive search on the words of the title, theme and
 * competencies. Children see their level only.
 */
#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "web/page.h"
#include "web/pages.h"

#define CATALOGUE_MAX_SHOWN 100

struct listing {
	struct request *r;
	size_t shown;
};

static bool hit_render(size_t entry, void *ctx)
{
	struct listing *l = ctx;
	const struct activity *a = l->r->catalog->entries[entry].activity;

	if (!content_visible(l->r, a))
		return true;
	if (l->shown < CATALOGUE_MAX_SHOWN)
		buf_html(&l->r->out, "<li><a class=\"activity-link\" href=\"%S%U\"><span class=\"activity-title\">%s</span>"
				     "<span class=\"activity-meta\">%s · %s</span></a></li>",
			 content_href_prefix(a), a->id, a->title, content_type_label(a->type), subject_label(a->subject));
	l->shown++;
	return true;
}

static void select_render(struct buf *b, const char *name, const char *label, const char *current,
			  const char *const *values, const char *const *labels, size_t n)
{
	size_t i;

	buf_html(b, "<p><label for=\"f-%s\">%s</label> <select id=\"f-%s\" name=\"%s\"><option value=\"\">%s</option>", name,
		 label, name, name, _("Tout"));
	for (i = 0; i < n; i++)
		buf_html(b, "<option value=\"%s\"%S>%s</option>", values[i],
			 current && strcmp(current, values[i]) == 0 ? " selected" : "", labels[i]);
	buf_adds(b, "</select></p>");
}

static void form_render(struct request *r, const struct search_filter *f, const char *level)
{
	static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };
	static const char *const types[] = { "activite", "fiche", "dossier", "video", "methodologie" };
	const char *subjects[16], *subject_labels[16], *type_labels[5];
	struct buf *b = &r->out;
	size_t i, n = 0;

	for (i = 0; (subjects[n] = subject_id(i)) && n < 16; i++, n++)
		subject_labels[n] = subject_label(subjects[n]);
	for (i = 0; i < 5; i++)
		type_labels[i] = content_type_label((enum content_type)content_type_parse(types[i]));
	buf_html(b, "<form class=\"catalogue-search\" method=\"get\" action=\"/catalogue\" role=\"search\">"
		    "<p><label for=\"f-q\">%s</label> <input id=\"f-q\" type=\"search\" name=\"q\" value=\"%s\" maxlength=\"%d\"></p>",
		 _("Rechercher"), f->query ? f->query : "", SEARCH_MAX_QUERY_BYTES);
	select_render(b, "matiere", _("Matière"), f->subject, subjects, subject_labels, n);
	if (!(r->user.caps & CAP_DO_ACTIVITIES))
		select_render(b, "niveau", _("Niveau"), level, levels, levels, 4);
	select_render(b, "type", _("Type"), form_get(&r->query, "type"), types, type_labels, 5);
	buf_html(b, "<p><label for=\"f-c\">%s</label> <input id=\"f-c\" name=\"competence\" value=\"%s\" maxlength=\"40\"></p>"
		    "<p><button class=\"btn\" type=\"submit\">%s</button></p></form>",
		 _("Code de compétence"), f->competency ? f->competency : "", _("Chercher"));
}

/* Read the filter from the query string; returns NULL or a French error. */
static const char *filter_read(struct request *r, struct search_filter *f, const char **level)
{
	const char *type = form_get(&r->query, "type");

	f->query = form_get(&r->query, "q");
	f->subject = form_get(&r->query, "matiere");
	f->competency = form_get(&r->query, "competence");
	*level = form_get(&r->query, "niveau");
	f->type = -1;
	if (f->subject && !*f->subject)
		f->subject = NULL;
	if (f->competency && !*f->competency)
		f->competency = NULL;
	if (f->subject && !subject_label(f->subject))
		return _("Matière inconnue : choisissez-la dans la liste.");
	if (*level && **level && !level_parse(*level))
		return _("Niveau inconnu : choisissez CE2, CM1, CM2 ou 6e.");
	f->levels = *level ? level_parse(*level) : 0;
	if (type && *type && (f->type = content_type_parse(type)) < 0)
		return _("Type inconnu : choisissez-le dans la liste.");
	if (f->query && strlen(f->query) > SEARCH_MAX_QUERY_BYTES)
		return _("Recherche trop longue : 200 caractères au plus.");
	return NULL;
}

int page_catalogue(struct request *r)
{
	struct search_filter f = { 0 };
	struct listing l = { r, 0 };
	const char *level = NULL, *problem = filter_read(r, &f, &level);
	struct buf *b = &r->out;
	long hits;

	if (problem)
		return page_error(r, 400, problem);
	page_begin(r, _("Catalogue"));
	buf_html(b, "<h1>%s</h1>", _("Catalogue des activités et ressources"));
	form_render(r, &f, level);
	buf_adds(b, "<ul class=\"list-activities catalogue-results\">");
	hits = search_run(r->catalog, &f, hit_render, &l);
	buf_adds(b, "</ul>");
	if (hits < 0)
		return page_error(r, 400, _("Recherche illisible : tapez des mots en UTF-8, 200 caractères au plus."));
	buf_html(b, "<p class=\"catalogue-count\" role=\"status\">%lu %s</p>", (unsigned long)l.shown,
		 l.shown > 1 ? _("résultats") : _("résultat"));
	if (l.shown > CATALOGUE_MAX_SHOWN)
		buf_html(b, "<p>%s</p>", _("Seuls les 100 premiers sont affichés : précisez la recherche."));
	buf_html(b, "<p><a href=\"/referentiel\">%s</a></p>", _("Voir le référentiel des compétences"));
	page_end(r);
	return 200;
}
