/*
 * activity: entry point of the content parser. This file checks the bytes,
 * cuts the file into lines and hands them to the front matter and body
 * parsers. It also contains the level and subject tables and the helpers
 * declared in content/parse.h.
 */
#include "content/activity.h"

#include <cmark.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "content/dictation.h"
#include "content/parse.h"

static const struct {
	const char *name;
	unsigned bit;
} level_table[] = {
	{ "CE2", LEVEL_CE2 },
	{ "CM1", LEVEL_CM1 },
	{ "CM2", LEVEL_CM2 },
	{ "6e", LEVEL_6E },
};

/* Ardoise's eleven subjects and the adults' training: the id used in files
 * and its French name. */
static const struct {
	const char *id;
	const char *label;
} subject_table[] = {
	{ "mathematiques", "Mathématiques" },
	{ "francais", "Maîtrise de la langue" },
	{ "histoire", "Histoire" },
	{ "geographie", "Géographie" },
	{ "education-civique", "Éducation civique" },
	{ "sciences", "Sciences" },
	{ "informatique", "Informatique et internet" },
	{ "anglais", "Anglais" },
	{ "education-musicale", "Éducation musicale" },
	{ "arts-visuels", "Arts visuels" },
	{ "methodologie", "Méthodologie" },
	/* Training modules for the adults, written with "audience: adultes". */
	{ "formation", "Formation des adultes" },
};

#define COUNT_OF(t) (sizeof(t) / sizeof((t)[0]))

unsigned level_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < COUNT_OF(level_table); i++)
		if (strcmp(name, level_table[i].name) == 0)
			return level_table[i].bit;
	return 0;
}

const char *level_name(unsigned level)
{
	size_t i;

	for (i = 0; i < COUNT_OF(level_table); i++)
		if (level == level_table[i].bit)
			return level_table[i].name;
	return "?";
}

const char *subject_label(const char *id)
{
	size_t i;

	for (i = 0; id && i < COUNT_OF(subject_table); i++)
		if (strcmp(id, subject_table[i].id) == 0)
			return subject_table[i].label;
	return NULL;
}

static const struct {
	const char *name;
	const char *label;
} type_table[] = {
	[CONTENT_ACTIVITY] = { "activite", "Activité" },
	[CONTENT_FICHE] = { "fiche", "Fiche de leçon" },
	[CONTENT_DOSSIER] = { "dossier", "Dossier" },
	[CONTENT_VIDEO] = { "video", "Vidéo" },
	[CONTENT_METHODOLOGIE] = { "methodologie", "Méthodologie" },
	[CONTENT_PARCOURS] = { "parcours", "J'explore" },
};

bool activity_has_competency(const struct activity *a, const char *code)
{
	size_t i;

	for (i = 0; i < a->competency_count; i++)
		if (strcmp(a->competencies[i], code) == 0)
			return true;
	return false;
}

const char *subject_id(size_t i)
{
	return i < COUNT_OF(subject_table) ? subject_table[i].id : NULL;
}

const char *content_type_name(enum content_type type)
{
	return (size_t)type < COUNT_OF(type_table) ? type_table[type].name : "?";
}

const char *content_type_label(enum content_type type)
{
	return (size_t)type < COUNT_OF(type_table) ? type_table[type].label : "?";
}

int content_type_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < COUNT_OF(type_table); i++)
		if (strcmp(name, type_table[i].name) == 0)
			return (int)i;
	return -1;
}

/* ---- helpers shared by the parser files ---- */

int content_fail(struct content_error *err, int line, const char *fmt, ...)
{
	va_list ap;

	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

void content_quote(const char *s, size_t len, char *out, size_t size)
{
	static const char ellipsis[] = "…";
	size_t keep = len;

	if (size == 0)
		return;
	if (keep + 1 > size) {
		keep = size > sizeof(ellipsis) ? size - sizeof(ellipsis) : 0;
		/* Back up to the start of a UTF-8 sequence. */
		while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80)
			keep--;
	}
	memcpy(out, s, keep);
	out[keep] = '\0';
	if (keep < len && keep + sizeof(ellipsis) <= size)
		memcpy(out + keep, ellipsis, sizeof(ellipsis));
}

void content_trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

char *markdown_block(const char *text, size_t len)
{
	/* cmark 0.29 and later drop raw HTML and unsafe link schemes unless
	 * CMARK_OPT_UNSAFE is given; CMARK_OPT_SAFE keeps older ones safe. */
	return cmark_markdown_to_html(text ? text : "", text ? len : 0,
				      CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
}

char *markdown_inline(const char *text, size_t len)
{
	char *html = markdown_block(text, len);
	size_t n;

	if (!html)
		return NULL;
	n = strlen(html);
	if (n >= 8 && memcmp(html, "<p>", 3) == 0 &&
	    memcmp(html + n - 5, "</p>\n", 5) == 0 &&
	    !strstr(html + 3, "<p>")) {
		memmove(html, html + 3, n - 8);
		html[n - 8] = '\0';
	}
	return html;
}

char *lines_join(const struct src_line *lines, size_t first, size_t last,
		 size_t *len_out)
{
	size_t total = 0, i, o = 0;
	char *s;

	for (i = first; i < last; i++)
		total += lines[i].len + 1;
	s = malloc(total + 1);
	if (!s)
		return NULL;
	for (i = first; i < last; i++) {
		memcpy(s + o, lines[i].text, lines[i].len);
		o += lines[i].len;
		s[o++] = '\n';
	}
	s[o] = '\0';
	if (len_out)
		*len_out = o;
	return s;
}

/* ---- bytes and lines ---- */

/* Reject invalid UTF-8 and control characters, naming the line. */
static int check_bytes(const char *text, size_t len, struct content_error *err)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	size_t i = 0;
	int line = 1;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, len - i, &cp);

		if (n <= 0)
			return content_fail(err, line, "caractère illisible"
					    " (le fichier n’est pas en UTF-8)"
					    SC " enregistrez le fichier en"
					    " UTF-8");
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0x7f)
			return content_fail(err, line, "caractère de"
					    " contrôle invisible (code %d)" SC
					    " supprimez-le", (int)cp);
		if (cp == '\n')
			line++;
		i += (size_t)n;
	}
	return 0;
}

/* Cut the text into lines; returns the array (free() it) or NULL. */
static struct src_line *split_lines(const char *text, size_t len,
				    size_t *count)
{
	struct src_line *lines;
	size_t n = 1, i, start = 0, k = 0;

	/* A final end of line closes the last line; it opens no new one. */
	if (len > 0 && text[len - 1] == '\n')
		len--;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	lines = calloc(n, sizeof(*lines));
	if (!lines)
		return NULL;
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		lines[k].text = text + start;
		lines[k].len = i - start;
		if (lines[k].len > 0 && text[i - 1] == '\r')
			lines[k].len--;
		lines[k].number = (int)k + 1;
		k++;
		start = i + 1;
	}
	*count = k;
	return lines;
}

struct activity *activity_parse(const char *text, size_t len,
				struct content_error *err)
{
	struct activity *a = NULL;
	struct src_line *lines = NULL;
	size_t count = 0, body_start = 0;

	err->line = 0;
	err->message[0] = '\0';
	if (len > ACTIVITY_MAX_FILE_BYTES) {
		content_fail(err, 1, "fichier trop long (%zu octets)" SC " un"
			     " fichier d’activité fait au plus %d octets,"
			     " découpez-le en plusieurs activités", len,
			     ACTIVITY_MAX_FILE_BYTES);
		goto fail;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3; /* a byte order mark some editors add */
		len -= 3;
	}
	if (check_bytes(text, len, err) < 0)
		goto fail;

	lines = split_lines(text, len, &count);
	a = calloc(1, sizeof(*a));
	if (!lines || !a) {
		content_fail(err, 1, "mémoire insuffisante pour lire le"
			     " fichier");
		goto fail;
	}
	if (front_matter_parse(lines, count, &body_start, a, err) < 0)
		goto fail;
	if (a->type != CONTENT_ACTIVITY ? resource_body_parse(lines, body_start, count, a, err) < 0
	    : a->generator	    ? generated_body_parse(lines + body_start, count - body_start, a, err) < 0
				    : body_parse(lines + body_start, count - body_start, a, err) < 0)
		goto fail;
	free(lines);
	return a;
fail:
	free(lines);
	activity_free(a);
	return NULL;
}

void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void question_release(struct question *q)
{
	size_t i;

	if (!q)
		return;
	free(q->title);
	free(q->prompt_html);
	for (i = 0; q->options && i < q->option_count; i++)
		free(q->options[i].html);
	free(q->options);
	strv_free(q->pieces_html, q->pieces_html ? q->blank_count + 1 : 0);
	for (i = 0; q->blanks && i < q->blank_count; i++) {
		strv_free(q->blanks[i].accepted, q->blanks[i].accepted_count);
		strv_free(q->blanks[i].menu, q->blanks[i].menu_count);
	}
	free(q->blanks);
	free(q->unit);
	free(q->answer_text);
	free(q->tolerance_text);
	dictation_free(q->dictation);
	free(q->speech_text);
	free(q->hint_html);
	free(q->feedback_right_html);
	free(q->feedback_wrong_html);
	block_release(q);
	memset(q, 0, sizeof(*q));
}

void activity_free(struct activity *a)
{
	size_t i;

	if (!a)
		return;
	free(a->id);
	free(a->subject);
	strv_free(a->competencies, a->competency_count);
	free(a->competency_lines);
	free(a->title);
	free(a->theme);
	free(a->author);
	free(a->reviewer);
	free(a->intro_html);
	free(a->generator);
	free(a->variant);
	for (i = 0; a->questions && i < a->question_count; i++)
		question_release(&a->questions[i]);
	free(a->questions);
	free(a->body_html);
	strv_free(a->items, a->item_count);
	free(a->item_lines);
	free(a->media);
	free(a->captions);
	free(a);
}
