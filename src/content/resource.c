/*
 * resource: the body of a resource file (fiche, dossier, video,
 * methodologie), CommonMark rendered once at load time. An image names a
 * file of the media folder. Its address is rewritten to /media/NAME so the
 * page and the print view find it.
 */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/parse.h"

#define MEDIA_URL_PREFIX "/media/"

static bool image_name_valid(const char *url)
{
	static const char *const extensions[] = { "png", "jpg", "jpeg", "svg", "webp" };
	const char *dot = url ? strrchr(url, '.') : NULL;
	size_t i, stem;

	if (!dot || dot == url)
		return false;
	stem = (size_t)(dot - url);
	if (strspn(url, "abcdefghijklmnopqrstuvwxyz0123456789-") != stem ||
	    stem > RESOURCE_MAX_FILE_NAME_BYTES)
		return false;
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if (strcmp(dot + 1, extensions[i]) == 0)
			return true;
	return false;
}

/* Check every image of the document and point it at /media/. */
static int rewrite_images(cmark_node *doc, int first_line,
			  struct content_error *err)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int rc = 0;

	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *url;
		char fixed[sizeof(MEDIA_URL_PREFIX) + RESOURCE_MAX_FILE_NAME_BYTES + 8];
		char q[80];

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		url = cmark_node_get_url(node);
		if (!image_name_valid(url)) {
			content_quote(url ? url : "", url ? strlen(url) : 0, q, sizeof(q));
			rc = content_fail(err, first_line + cmark_node_get_start_line(node) - 1,
					  "image invalide " LQ "%s" RQ SC " écrivez le nom d’un"
					  " fichier du dossier media (minuscules sans accent,"
					  " .png, .jpg, .svg ou .webp), comme ![Une pizza](pizza.png)", q);
			break;
		}
		snprintf(fixed, sizeof(fixed), MEDIA_URL_PREFIX "%s", url);
		cmark_node_set_url(node, fixed);
	}
	cmark_iter_free(it);
	return rc;
}

static bool body_blank(const struct src_line *lines, size_t first, size_t count)
{
	size_t i, j;

	for (i = first; i < count; i++)
		for (j = 0; j < lines[i].len; j++)
			if (lines[i].text[j] != ' ' && lines[i].text[j] != '\t')
				return false;
	return true;
}

int resource_body_parse(const struct src_line *lines, size_t body_start,
			size_t count, struct activity *a,
			struct content_error *err)
{
	int close_line = body_start > 0 ? lines[body_start - 1].number : 1;
	cmark_node *doc;
	size_t len = 0;
	char *text;
	int rc;

	/* A dossier may have no text; the other resources are their text. */
	if (a->type != CONTENT_DOSSIER && body_blank(lines, body_start, count))
		return content_fail(err, close_line, "le corps du fichier est vide"
				    SC " écrivez le texte de la %s après la ligne " LQ
				    "---" RQ, a->type == CONTENT_VIDEO ? "présentation de la vidéo" :
				    "leçon");
	text = lines_join(lines, body_start, count, &len);
	if (!text)
		return content_fail(err, close_line, "mémoire insuffisante");
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	free(text);
	if (!doc)
		return content_fail(err, close_line, "mémoire insuffisante");
	rc = rewrite_images(doc, body_start < count ? lines[body_start].number : close_line, err);
	if (rc == 0) {
		a->body_html = cmark_render_html(doc, CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
		if (!a->body_html)
			rc = content_fail(err, close_line, "mémoire insuffisante");
	}
	cmark_node_free(doc);
	return rc;
}
