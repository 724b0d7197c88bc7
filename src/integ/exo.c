/* The exercise model, its text helpers and the content-format writer; see exo.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "http/form.h"
#include "integ/exo.h"

int exo_set_init(struct exo_set *s)
{
	memset(s, 0, sizeof(*s));
	buf_init(&s->report, 64 * 1024);
	s->questions = calloc(EXO_MAX_QUESTIONS, sizeof(*s->questions));
	return s->questions ? 0 : -1;
}

void exo_set_release(struct exo_set *s)
{
	free(s->questions);
	buf_release(&s->report);
	memset(s, 0, sizeof(*s));
}

void exo_report(struct exo_set *s, int line, const char *fmt, ...)
{
	va_list ap;

	if (s->report_lines >= EXO_REPORT_MAX)
		return;
	if (line > 0)
		buf_addf(&s->report, "ligne %d : ", line);
	va_start(ap, fmt);
	buf_vaddf(&s->report, fmt, ap);
	va_end(ap);
	buf_addc(&s->report, '\n');
	s->report_lines++;
}

struct exo_question *exo_question_add(struct exo_set *s, int line)
{
	struct exo_question *q;

	if (s->count == EXO_MAX_QUESTIONS) {
		exo_report(s, line, "question non convertie : un fichier d'Ardoise contient au plus %d questions (découpez le fichier source)",
			   EXO_MAX_QUESTIONS);
		return NULL;
	}
	q = &s->questions[s->count++];
	memset(q, 0, sizeof(*q));
	q->line = line;
	return q;
}

void exo_question_drop(struct exo_set *s)
{
	if (s->count)
		s->count--;
}

/* ---- text helpers ---- */

static const struct {
	const char *name;
	const char *text;
} entities[] = {
	{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" }, { "#39;", "'" }, { "nbsp;", " " },
};

/* Decode the entity after '&' at `in`; returns the bytes read, 0 if none. */
static size_t entity_decode(const char *in, size_t len, struct buf *out)
{
	utf8proc_uint8_t encoded[4];
	size_t i, n;
	long cp;
	char *end;

	for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
		n = strlen(entities[i].name);
		if (len >= n && memcmp(in, entities[i].name, n) == 0) {
			buf_adds(out, entities[i].text);
			return n;
		}
	}
	if (len < 3 || in[0] != '#')
		return 0;
	cp = in[1] == 'x' || in[1] == 'X' ? strtol(in + 2, &end, 16) : strtol(in + 1, &end, 10);
	if ((size_t)(end - in) >= len || *end != ';' || cp < 0x20 || !utf8proc_codepoint_valid((utf8proc_int32_t)cp))
		return 0;
	n = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, encoded);
	buf_add(out, encoded, n);
	return (size_t)(end - in) + 1;
}

/* True when the tag at `in` (after '<') ends a line: br, p, div, li, tr. */
static int tag_breaks(const char *in, size_t len)
{
	static const char *const tags[] = { "br", "/p", "/div", "/li", "/tr", "p>", "p " };
	size_t i, n;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		n = strlen(tags[i]);
		if (len >= n && strncasecmp(in, tags[i], n) == 0)
			return tags[i][0] == '/' || tags[i][0] == 'p' ? 2 : 1;
	}
	return 0;
}

/* Collapse spaces, trim each line, keep at most one empty line. */
static int text_tidy(const char *in, char *out, size_t size)
{
	size_t n = 0, newlines = 0;
	int space = 0;

	for (; *in; in++) {
		/* Control characters, which the content format refuses, become spaces. */
		char c = ((unsigned char)*in < 0x20 && *in != '\n' && *in != EXO_BLANK_OPEN && *in != EXO_BLANK_CLOSE) || *in == 0x7f ? ' ' : *in;

		if (c == '\n') {
			newlines += n > 0;
			space = 0;
			continue;
		}
		if (c == ' ') {
			space = n > 0 && !newlines;
			continue;
		}
		if (n + 4 >= size)
			return -1;
		if (newlines) {
			out[n++] = '\n';
			if (newlines > 1)
				out[n++] = '\n';
		} else if (space) {
			out[n++] = ' ';
		}
		out[n++] = c;
		newlines = 0;
		space = 0;
	}
	out[n] = '\0';
	return 0;
}

int exo_text_from_html(const char *in, size_t len, char *out, size_t size)
{
	struct buf b = BUF_INIT(4 * EXO_TEXT_MAX);
	size_t i = 0, used;
	const char *close;
	int rc;

	while (i < len) {
		if (in[i] == '<' && (close = memchr(in + i, '>', len - i))) {
			int brk = tag_breaks(in + i + 1, len - i - 1);

			buf_adds(&b, brk == 2 ? "\n\n" : brk ? "\n" : "");
			i = (size_t)(close - in) + 1;
		} else if (in[i] == '&' && (used = entity_decode(in + i + 1, len - i - 1, &b)) > 0) {
			i += used + 1;
		} else {
			buf_addc(&b, in[i] == '\0' ? ' ' : in[i]);
			i++;
		}
	}
	rc = buf_failed(&b) || !utf8_valid(buf_cstr(&b), b.len) ? -1 : text_tidy(buf_cstr(&b), out, size);
	buf_release(&b);
	return rc;
}

void exo_blank_write(struct buf *out, const char *const *values, const int *correct, size_t count, int list)
{
	size_t i;
	const char *p;

	buf_addc(out, EXO_BLANK_OPEN);
	buf_adds(out, list ? "[[?" : "[[");
	for (i = 0; i < count; i++) {
		if (i)
			buf_addc(out, '|');
		if (list && correct[i])
			buf_addc(out, '*');
		p = values[i];
		if (*p == '*' || (i == 0 && !(list && correct[0]) && (*p == '?' || *p == '!')))
			buf_addc(out, '\\');
		for (; *p; p++) {
			if ((unsigned char)*p < 0x20)
				continue;
			if (*p == '|' || *p == '\\' || (*p == ']' && p[1] == ']'))
				buf_addc(out, '\\');
			buf_addc(out, *p);
		}
	}
	buf_adds(out, "]]");
	buf_addc(out, EXO_BLANK_CLOSE);
}

int exo_number_french(const char *in, char *out, size_t size)
{
	size_t n = 0;
	int digits = 0, mark = 0;

	while (*in == ' ')
		in++;
	if (*in == '-' || *in == '+') {
		if (*in == '-' && n + 1 < size)
			out[n++] = '-';
		in++;
	}
	for (; *in && *in != ' '; in++) {
		if (n + 2 >= size)
			return -1;
		if (*in >= '0' && *in <= '9') {
			out[n++] = *in;
			digits++;
		} else if ((*in == '.' || *in == ',') && !mark && digits) {
			out[n++] = ',';
			mark = 1;
		} else {
			return -1;
		}
	}
	while (*in == ' ')
		in++;
	out[n] = '\0';
	/* NOTE: 12 digits is an estimate of what the number parser keeps exactly. */
	return digits && digits <= 12 && !*in && out[n - 1] != ',' ? 0 : -1;
}

int exo_text_plain(const char *in, size_t len, char *out, size_t size)
{
	struct buf b = BUF_INIT(4 * EXO_TEXT_MAX);
	int rc;

	buf_add(&b, in, len);
	rc = buf_failed(&b) || memchr(in, '\0', len) || !utf8_valid(buf_cstr(&b), b.len) ? -1 : text_tidy(buf_cstr(&b), out, size);
	buf_release(&b);
	return rc;
}

static int options_distinct(const struct exo_question *q, int right_side)
{
	size_t i, k;

	for (i = 0; i < q->option_count; i++)
		for (k = i + 1; k < q->option_count; k++)
			if (strcmp(right_side ? q->options[i].right : q->options[i].text,
				   right_side ? q->options[k].right : q->options[k].text) == 0)
				return 0;
	return 1;
}

const char *exo_question_problem(const struct exo_question *q)
{
	size_t i, right = 0;

	if (q->kind != EXO_TEXT && !q->stem[0])
		return "question sans énoncé";
	for (i = 0; i < q->option_count; i++) {
		if (!q->options[i].text[0] && !(q->kind == EXO_MATCH && q->options[i].right[0]))
			return "réponse ou élément vide";
		if (q->kind == EXO_MATCH && !q->options[i].right[0])
			return "paire sans élément de droite";
		right += q->options[i].correct;
	}
	if (q->kind == EXO_CHOICE && (q->option_count < 2 || right == 0))
		return "question à choix sans deux réponses dont une juste";
	if ((q->kind == EXO_MATCH || q->kind == EXO_ORDER) && q->option_count < 2)
		return "moins de deux éléments";
	if ((q->kind == EXO_ORDER && !options_distinct(q, 0)) || (q->kind == EXO_MATCH && !options_distinct(q, 1)))
		return "deux éléments identiques";
	if (q->kind == EXO_TEXT && !strchr(q->stem, EXO_BLANK_OPEN))
		return "texte à trous sans trou";
	return NULL;
}
