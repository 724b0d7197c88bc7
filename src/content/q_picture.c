/*
 * q_picture: the pictures of a choice, written "![alt](path)". The alt
 * text is required (it is what a child who cannot see the picture hears),
 * and the name is a file of the content's media/ folder, so the text is
 * rewritten to point at /media/ before it becomes HTML.
 */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"

#define PICTURE_DIR "/media/"
#define PICTURE_MAX_PATH 120

static bool has_suffix(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && memcmp(s + len - n, suffix, n) == 0;
}

static bool path_valid(const char *s, size_t len)
{
	static const char *const formats[] = { ".svg", ".png", ".jpg", ".jpeg",
					       ".webp" };
	size_t i;
	bool format = false;

	if (len == 0 || len > PICTURE_MAX_PATH || s[0] == '/' ||
	    s[len - 1] == '/')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      strchr("-._", s[i])) || (s[i] == '.' && i + 1 < len &&
						  s[i + 1] == '.'))
			return false;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		format |= has_suffix(s, len, formats[i]);
	return format;
}

/* Check the picture at text[*i] ("![") and copy it, rewritten, to `out`. */
static int take_picture(const char *text, size_t len, size_t *i, char *out,
			size_t *o, int line, struct content_error *err)
{
	const char *alt = text + *i + 2, *end = text + len, *close, *path;
	size_t alt_len, path_len;
	char quoted[80];

	close = memchr(alt, ']', (size_t)(end - alt));
	if (!close || close + 1 >= end || close[1] != '(')
		return content_fail(err, line, "image mal écrite" SC " écrivez"
				    " " LQ "![description](dossier/image.svg)"
				    RQ);
	alt_len = (size_t)(close - alt);
	path = close + 2;
	close = memchr(path, ')', (size_t)(end - path));
	if (!close)
		return content_fail(err, line, "image mal écrite" SC " fermez"
				    " la parenthèse après le nom du fichier");
	path_len = (size_t)(close - path);
	if (alt_len == strspn(alt, " \t") || alt_len == 0)
		return content_fail(err, line, "image sans description" SC
				    " écrivez ce qu’elle montre entre les"
				    " crochets, par exemple " LQ "![un chat"
				    " assis](chat.svg)" RQ);
	content_quote(path, path_len, quoted, sizeof(quoted));
	if (!path_valid(path, path_len))
		return content_fail(err, line, "nom d’image invalide " LQ "%s"
				    RQ SC " écrivez le nom d’un fichier du"
				    " dossier media/, en minuscules sans"
				    " accent ni dossier, terminé par .svg,"
				    " .png, .jpg ou .webp", quoted);
	memcpy(out + *o, text + *i, (size_t)(path - (text + *i)));
	*o += (size_t)(path - (text + *i));
	memcpy(out + *o, PICTURE_DIR, strlen(PICTURE_DIR));
	*o += strlen(PICTURE_DIR);
	memcpy(out + *o, path, path_len + 1);
	*o += path_len + 1;
	*i = (size_t)(close + 1 - text);
	return 0;
}

char *choice_label_html(const char *text, size_t len, int line,
			struct content_error *err)
{
	size_t count = 0, i = 0, o = 0;
	char *rewritten, *html;

	for (i = 0; i + 1 < len; i++)
		count += text[i] == '!' && text[i + 1] == '[';
	rewritten = malloc(len + count * strlen(PICTURE_DIR) + 1);
	if (!rewritten) {
		content_fail(err, line, "mémoire insuffisante");
		return NULL;
	}
	for (i = 0; i < len;) {
		if (i + 1 < len && text[i] == '!' && text[i + 1] == '[') {
			if (take_picture(text, len, &i, rewritten, &o, line,
					 err) < 0) {
				free(rewritten);
				return NULL;
			}
			continue;
		}
		rewritten[o++] = text[i++];
	}
	html = markdown_inline(rewritten, o);
	free(rewritten);
	if (!html)
		content_fail(err, line, "mémoire insuffisante");
	return html;
}
