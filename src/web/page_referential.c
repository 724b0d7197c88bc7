/*
 * /referentiel: the competencies by subject and domain, each with the
 * activities and resources that serve it. ?matiere=ID keeps one subject.
 */
#include <string.h>

#include "content/catalog.h"
#include "web/page.h"
#include "web/pages.h"

/* Write the levels of a bit set as "CM1, CM2". */
static void levels_render(struct buf *b, unsigned levels)
{
	static const unsigned bits[] = { LEVEL_CE2, LEVEL_CM1, LEVEL_CM2, LEVEL_6E };
	size_t i, shown = 0;

	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (levels & bits[i])
			buf_html(b, "%s%s", shown++ ? ", " : "", level_name(bits[i]));
}

/* The contents that serve `code`, as a list of links. */
static void contents_render(struct request *r, const char *code)
{
	struct buf *b = &r->out;
	size_t i, shown = 0;

	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;

		if (!activity_has_competency(a, code) || !content_visible(r, a))
			continue;
		buf_html(b, "%S<li><a href=\"%S%U\">%s</a> <span class=\"muted\">(%s)</span></li>", shown++ ? "" : "<ul>",
			 content_href_prefix(a), a->id, a->title, content_type_label(a->type));
	}
	if (shown)
		buf_adds(b, "</ul>");
	else
		buf_html(b, "<span class=\"muted\">%s</span>", _("Aucun contenu pour l'instant"));
}

static void competency_row(struct request *r, const struct competency *c)
{
	struct buf *b = &r->out;

	buf_html(b, "<tr id=\"%s\"><td><code>%s</code></td><td>%s</td><td>", c->code, c->code, c->label);
	levels_render(b, c->levels);
	buf_html(b, "</td><td>%s</td><td>", c->socle);
	contents_render(r, c->code);
	buf_adds(b, "</td></tr>");
}

/* One subject: a heading, then a table per domain in file order. */
static void subject_render(struct request *r, const char *subject)
{
	const struct referential *ref = &r->catalog->ref;
	struct buf *b = &r->out;
	size_t i, j;
	bool seen_domain;

	buf_html(b, "<h2 id=\"matiere-%s\">%s</h2>", subject, subject_label(subject));
	for (i = 0; i < ref->count; i++) {
		const struct competency *c = &ref->items[i];

		if (strcmp(c->subject, subject) != 0)
			continue;
		seen_domain = false;
		for (j = 0; j < i && !seen_domain; j++)
			seen_domain = strcmp(ref->items[j].subject, subject) == 0 &&
				      strcmp(ref->items[j].domain, c->domain) == 0;
		if (seen_domain)
			continue;
		buf_html(b, "<h3>%s</h3><table class=\"table referentiel-table\"><thead><tr><th scope=\"col\">%s</th>"
			    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			    "</tr></thead><tbody>",
			 c->domain, _("Code"), _("Compétence"), _("Niveaux"), _("Socle"), _("Activités et ressources"));
		for (j = i; j < ref->count; j++)
			if (strcmp(ref->items[j].subject, subject) == 0 && strcmp(ref->items[j].domain, c->domain) == 0)
				competency_row(r, &ref->items[j]);
		buf_adds(b, "</tbody></table>");
	}
}

int page_referential(struct request *r)
{
	const char *only = form_get(&r->query, "matiere");
	struct buf *b = &r->out;
	const char *subject;
	size_t i;

	if (only && !subject_label(only))
		return page_error(r, 400, _("Matière inconnue dans l'adresse : choisissez une matière dans la liste du référentiel."));
	page_begin(r, _("Référentiel des compétences"));
	buf_html(b, "<h1>%s</h1><p class=\"lead\">%s</p><nav aria-label=\"%s\"><ul class=\"subject-links\">",
		 _("Référentiel des compétences"),
		 _("Les compétences des programmes du cycle 2 (CE2) et du cycle 3, avec les activités et les ressources qui les travaillent."),
		 _("Matières"));
	for (i = 0; (subject = subject_id(i)); i++)
		buf_html(b, "<li><a href=\"/referentiel?matiere=%U\">%s</a></li>", subject, subject_label(subject));
	buf_adds(b, "</ul></nav>");
	if (r->catalog->ref.count == 0)
		buf_html(b, "<p>%s</p>", _("Le référentiel n'est pas encore chargé."));
	for (i = 0; (subject = subject_id(i)); i++)
		if (!only || strcmp(only, subject) == 0)
			subject_render(r, subject);
	buf_html(b, "<h2>%s</h2><ul>", _("Composantes du socle commun"));
	for (i = 0; i < r->catalog->ref.socle_count; i++)
		buf_html(b, "<li><strong>%s</strong> %s</li>", r->catalog->ref.socle[i].code, r->catalog->ref.socle[i].label);
	buf_adds(b, "</ul>");
	page_end(r);
	return 200;
}
