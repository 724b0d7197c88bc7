/* Writing an exercise set in Ardoise's content format. */
#include <stdio.h>
#include <string.h>

#include "integ/exo.h"

/* A YAML double-quoted scalar on one line. */
static void yaml_quoted(struct buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '\n')
			buf_addc(out, ' ');
		else if (*s == '"' || *s == '\\')
			buf_addf(out, "\\%c", *s);
		else
			buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

/* Write one character of Markdown text so it reads as itself: the
 * characters that start HTML, code, links or escapes are escaped. */
static void char_write(struct buf *out, const char *s)
{
	if (strchr("<`\\[", *s))
		buf_addc(out, '\\');
	buf_addc(out, *s == '\n' ? ' ' : *s);
}

/* One line of text: new lines become spaces. */
static void line_write(struct buf *out, const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x20 || *s == '\n')
			char_write(out, s);
}

/* A block of text whose lines may not start like the format's own lines
 * (question headings, choices, messages, numbers, blocks, "~~~" fences of
 * dictations and code). Blanks between the markers are copied as they are. */
static void text_write(struct buf *out, const char *s)
{
	const char *close;
	int start = 1;

	while (*s) {
		if (start && strchr("#>-=:+*|~", *s))
			buf_addc(out, '\\');
		if (*s == EXO_BLANK_OPEN && (close = strchr(s, EXO_BLANK_CLOSE))) {
			buf_add(out, s + 1, (size_t)(close - s - 1));
			s = close + 1;
			start = 0;
			continue;
		}
		if (*s == '\n')
			buf_addc(out, '\n');
		else if ((unsigned char)*s >= 0x20)
			char_write(out, s);
		start = *s == '\n';
		s++;
	}
	buf_adds(out, "\n\n");
}

static void feedback_write(struct buf *out, const char *label, const char *text)
{
	if (!*text)
		return;
	buf_adds(out, "> ");
	buf_adds(out, label);
	buf_adds(out, " : ");
	line_write(out, text);
	buf_addc(out, '\n');
}

static void answers_write(struct buf *out, const struct exo_question *q)
{
	size_t i;

	switch (q->kind) {
	case EXO_CHOICE:
		for (i = 0; i < q->option_count; i++) {
			buf_adds(out, q->options[i].correct ? "- [x] " : "- [ ] ");
			line_write(out, q->options[i].text);
			buf_addc(out, '\n');
		}
		break;
	case EXO_NUMBER:
		buf_addf(out, "= %s%s%s\n", q->number, q->tolerance[0] ? " ± " : "", q->tolerance);
		break;
	case EXO_MATCH:
	case EXO_ORDER:
		buf_adds(out, q->kind == EXO_MATCH ? "::: associer\n" : "::: ordonner\n");
		for (i = 0; i < q->option_count; i++) {
			buf_adds(out, q->options[i].text);
			if (q->kind == EXO_MATCH)
				buf_addf(out, "%s-> %s", q->options[i].text[0] ? " " : "", q->options[i].right);
			buf_addc(out, '\n');
		}
		buf_adds(out, ":::\n");
		break;
	case EXO_TEXT:
		break;
	}
}

static int first_paragraph_has_blank(const char *stem)
{
	const char *blank = strchr(stem, EXO_BLANK_OPEN), *paragraph = strstr(stem, "\n\n");

	return blank && (!paragraph || blank < paragraph);
}

static void question_write(struct buf *out, const struct exo_question *q, size_t number)
{
	buf_addf(out, "## Question %zu", number);
	if (q->title[0]) {
		buf_adds(out, " : ");
		line_write(out, q->title);
	}
	buf_adds(out, "\n\n");
	if (q->kind == EXO_TEXT && first_paragraph_has_blank(q->stem))
		buf_adds(out, "Complète.\n\n"); /* the format needs an instruction above the text */
	text_write(out, q->stem);
	answers_write(out, q);
	buf_addc(out, '\n');
	feedback_write(out, "Si juste", q->feedback_right);
	feedback_write(out, "Si faux", q->feedback_wrong);
	buf_addc(out, '\n');
}

int exo_write(const struct exo_set *s, const struct exo_meta *meta, struct buf *out)
{
	size_t i, minutes = s->count * 2;

	buf_addf(out, "---\nid: %s\ntype: activite\nsubject: %s\nlevels: [%s]\ncompetencies: [%s]\ntitle: ", meta->id, meta->subject,
		 meta->level, meta->competency);
	yaml_quoted(out, s->title[0] ? s->title : "Activité importée");
	buf_addf(out, "\nminutes: %zu\nauthor: ", minutes < 1 ? 1 : minutes > 120 ? 120 : minutes);
	yaml_quoted(out, meta->author);
	buf_adds(out, "\nreviewer: \"à relire\"\nversion: 1\n---\n\n");
	for (i = 0; i < s->count; i++)
		question_write(out, &s->questions[i], i + 1);
	return buf_failed(out) ? -1 : 0;
}

void exo_id_from_name(const char *name, char *out, size_t size)
{
	const char *base = strrchr(name, '/'), *dot;
	size_t n, max = size - 1 < 64 ? size - 1 : 64;
	int hyphen = 1;

	base = base ? base + 1 : name;
	dot = strrchr(base, '.');
	n = (size_t)snprintf(out, size, "import-");
	for (; *base && base != dot && n < max; base++) {
		char c = *base >= 'A' && *base <= 'Z' ? (char)(*base - 'A' + 'a') : *base;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out[n++] = c;
			hyphen = 0;
		} else if (!hyphen) {
			out[n++] = '-';
			hyphen = 1;
		}
	}
	while (n > 7 && out[n - 1] == '-')
		n--;
	if (n == 7)
		n += (size_t)snprintf(out + n, size - n, "fichier");
	out[n] = '\0';
}

const char *exo_default_competency(const char *subject)
{
	if (strcmp(subject, "mathematiques") == 0)
		return "MA-NC-CALCUL";
	if (strcmp(subject, "francais") == 0)
		return "FR-EL-VOCABULAIRE";
	return NULL;
}

int exo_convert(const char *name, const char *data, size_t len, const struct exo_meta *meta, struct exo_set *s,
		struct buf *out)
{
	const char *slash = strrchr(name, '/');

	snprintf(s->title, sizeof(s->title), "Activité importée de %s", slash ? slash + 1 : name);
	if (exo_read_any(name, data, len, s) < 0)
		return -1;
	return exo_write(s, meta, out);
}
