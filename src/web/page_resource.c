/*
 * The resource pages: a lesson sheet (fiche) or a methodology module with
 * a print view, a dossier with its items in order, a video with captions.
 * A child sees the resources of its level; adults who browse the content
 * see them all.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "eval/event.h"
#include "http/server.h"
#include "learn/video_progress.h"
#include "web/page.h"
#include "web/pages.h"

bool content_visible(const struct request *r, const struct activity *a)
{
	if (!(r->user.caps & CAP_DO_ACTIVITIES))
		return true;
	return !a->adults_only && (a->levels & level_parse(r->user.level)) != 0;
}

const char *content_href_prefix(const struct activity *a)
{
	return a->type == CONTENT_ACTIVITY ? "/activite/" : "/ressource/";
}

void resource_list_render(struct request *r, const char *subject)
{
	struct buf *b = &r->out;
	size_t i, shown = 0;

	for (i = 0; i < r->catalog->count; i++) {
		const struct activity *a = r->catalog->entries[i].activity;

		if (a->type == CONTENT_ACTIVITY || strcmp(a->subject, subject) != 0 || !content_visible(r, a))
			continue;
		if (shown++ == 0)
			buf_html(b, "<h2>%s</h2><ul class=\"list-activities list-resources\">", _("Fiches, vidéos et dossiers"));
		buf_html(b, "<li><a class=\"activity-link\" href=\"/ressource/%U\"><span class=\"activity-title\">%s</span>"
			    "<span class=\"activity-meta\">%s</span></a></li>",
			 a->id, a->title, content_type_label(a->type));
	}
	if (shown)
		buf_adds(b, "</ul>");
}

/* The competencies of `a`, with their labels, as links to the referential. */
static void competencies_render(struct request *r, const struct activity *a)
{
	const struct competency *c;
	size_t i;

	buf_html(&r->out, "<section class=\"resource-competencies\"><h2>%s</h2><ul>", _("Compétences travaillées"));
	for (i = 0; i < a->competency_count; i++) {
		c = referential_find(&r->catalog->ref, a->competencies[i]);
		buf_html(&r->out, "<li><a href=\"/referentiel#%U\"><code>%s</code></a> %s</li>", a->competencies[i],
			 a->competencies[i], c ? c->label : "");
	}
	buf_adds(&r->out, "</ul></section>");
}

static void dossier_render(struct request *r, const struct activity *a)
{
	const struct activity *item;
	size_t i;

	buf_html(&r->out, "<ol class=\"dossier-items\">");
	for (i = 0; i < a->item_count; i++) {
		item = catalog_find(r->catalog, a->items[i]);
		if (!item || !content_visible(r, item))
			continue;
		buf_html(&r->out, "<li><a href=\"%S%U\">%s</a> <span class=\"muted\">%s</span></li>",
			 content_href_prefix(item), item->id, item->title, content_type_label(item->type));
	}
	buf_adds(&r->out, "</ol>");
}

/* Whether the media folder has the file `name`: videos are made by
 * `make videos`, not by `ardoise init`. */
static bool media_ready(const char *name)
{
	const char *dir = server_media_dir();
	char path[4096];

	if (!dir || !name)
		return false;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, R_OK) == 0;
}

static void video_render(struct request *r, const struct activity *a)
{
	bool child = (r->user.caps & CAP_DO_ACTIVITIES) != 0;
	struct video_progress seen;

	if (!media_ready(a->media)) {
		buf_html(&r->out, "<p class=\"flash flash-info\" role=\"status\">%s</p>",
			 child ? _("Cette vidéo n'est pas encore prête. Demande à l'adulte qui t'accompagne.")
			       : _("Cette vidéo n'est pas encore fabriquée sur ce serveur : lancez « make videos » (ou « make run »), "
				   "qui la crée dans le dossier des médias, puis rechargez la page."));
		return;
	}
	buf_html(&r->out, "<figure class=\"video\"><video controls preload=\"metadata\" src=\"/media/%U\" "
			  "data-video-id=\"%s\" data-progress-url=\"%S\" data-csrf=\"%s\">"
			  "<track kind=\"captions\" srclang=\"fr\" label=\"Français\" src=\"/media/%U\" default>"
			  "<p>%s <a href=\"/media/%U\">%s</a></p></video></figure>",
		 a->media, a->id, child ? "/video/progression" : "", child ? r->user.csrf : "", a->captions,
		 child ? _("Ton navigateur ne lit pas cette vidéo.") : _("Votre navigateur ne lit pas cette vidéo."), a->media,
		 _("Télécharger la vidéo"));
	if (!child)
		return;
	if (video_progress_get(r->db, r->user.id, a->id, &seen) == 0 && seen.duration > 0)
		buf_html(&r->out, "<p class=\"video-progress\">%s %d %%.</p>", _("Tu as déjà regardé cette vidéo à"),
			 (int)(100.0 * seen.seconds_played / seen.duration + 0.5));
	buf_adds(&r->out, "<script src=\"/static/video.js\" defer></script>");
}

int page_resource(struct request *r)
{
	const struct activity *a = catalog_find(r->catalog, r->params[0]);
	struct buf *b = &r->out;

	if (!a || a->type == CONTENT_ACTIVITY || !content_visible(r, a))
		return page_not_found(r);
	event_record(r, a->type == CONTENT_VIDEO ? EVENT_FEATURE_VIDEOS : EVENT_FEATURE_RESOURCES, EVENT_ACTION_OPEN, a->id);
	page_begin(r, a->title);
	buf_html(b, "<article class=\"resource resource-%S\"><p class=\"resource-kind muted\">%s · %s</p><h1>%s</h1>",
		 content_type_name(a->type), content_type_label(a->type), subject_label(a->subject), a->title);
	if (a->type == CONTENT_VIDEO)
		video_render(r, a);
	buf_html(b, "<div class=\"resource-body\">%S</div>", a->body_html ? a->body_html : "");
	if (a->type == CONTENT_DOSSIER)
		dossier_render(r, a);
	if (a->type == CONTENT_PARCOURS)
		progress_explore_render(r, a);
	if (a->type == CONTENT_FICHE || a->type == CONTENT_METHODOLOGIE)
		buf_html(b, "<p class=\"no-print\"><button type=\"button\" class=\"btn btn-secondary\" data-print>%s</button></p>",
			 _("Imprimer la fiche"));
	competencies_render(r, a);
	buf_html(b, "</article><p class=\"no-print\"><a href=\"%S%U\">%s</a></p>",
		 (r->user.caps & CAP_DO_ACTIVITIES) ? "/eleve/matiere/" : "/catalogue?matiere=", a->subject,
		 _("← Retour à la matière"));
	page_end(r);
	return 200;
}
