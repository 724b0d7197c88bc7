/*
 * q_analysis: the "::: analyse" block of a text-analysis question. The text
 * is cut into units, and every word may be selected (only the groups with
 * the option "groupes"). "[...]" marks a right selection and "{...}" a
 * group that may be selected but is wrong. A blank line starts a paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"

/* The units being built, and the plain text waiting before the next one. */
struct cutter {
	struct analysis *an;
	size_t capacity;
	char *plain;
	size_t plain_len;
	bool paragraph; /* the next unit starts a paragraph */
	bool groups_only;
	struct content_error *err;
	int line;
};

static int push_unit(struct cutter *c, const char *text, size_t len,
		     bool selectable, bool correct)
{
	struct text_unit *u;

	if (c->an->unit_count == c->capacity) {
		size_t capacity = c->capacity ? c->capacity * 2 : 16;
		struct text_unit *units = realloc(c->an->units,
						  capacity * sizeof(*units));

		if (!units)
			return content_fail(c->err, c->line, "mémoire"
					    " insuffisante");
		c->an->units = units;
		c->capacity = capacity;
	}
	u = &c->an->units[c->an->unit_count];
	u->text = strndup(text, len);
	if (!u->text)
		return content_fail(c->err, c->line, "mémoire insuffisante");
	u->selectable = selectable;
	u->correct = correct;
	u->paragraph = c->paragraph;
	c->paragraph = false;
	c->an->unit_count++;
	return 0;
}

static int flush_plain(struct cutter *c)
{
	int rc = 0;

	if (c->plain_len > 0)
		rc = push_unit(c, c->plain, c->plain_len, false, false);
	c->plain_len = 0;
	return rc;
}

static int add_plain(struct cutter *c, const char *s, size_t len)
{
	char *plain = realloc(c->plain, c->plain_len + len + 1);

	if (!plain)
		return content_fail(c->err, c->line, "mémoire insuffisante");
	memcpy(plain + c->plain_len, s, len);
	c->plain = plain;
	c->plain_len += len;
	return 0;
}

static int add_selectable(struct cutter *c, const char *s, size_t len,
			  bool correct)
{
	if (c->an->selectable_count == BLOCK_MAX_UNITS)
		return content_fail(c->err, c->line, "trop de mots ou de"
				    " groupes à sélectionner" SC " %d au plus",
				    BLOCK_MAX_UNITS);
	if (flush_plain(c) < 0 || push_unit(c, s, len, true, correct) < 0)
		return -1;
	c->an->selectable_count++;
	c->an->correct_count += correct;
	return 0;
}

/* Bytes of the separator (space or punctuation) at s, 0 for a word byte. */
static size_t separator_len(const char *s, size_t len)
{
	static const char *const wide[] = {
		"\xc2\xab", "\xc2\xbb", "\xc2\xa0", "\xe2\x80\xaf",
		"\xe2\x80\xa6", "\xe2\x80\x94", "\xe2\x80\x93", "\xe2\x80\x9c",
		"\xe2\x80\x9d",
	};
	unsigned char c = (unsigned char)*s;
	size_t k;

	if (c < 0x80)
		return strchr(" \t.,;:!?\"()/\\[]{}", c) && c ? 1 : 0;
	for (k = 0; k < sizeof(wide) / sizeof(wide[0]); k++)
		if (len >= strlen(wide[k]) &&
		    memcmp(s, wide[k], strlen(wide[k])) == 0)
			return strlen(wide[k]);
	return 0;
}

static bool is_escapable(char c)
{
	return c && strchr("[]{}\\", c);
}

/* Read the group opened at s[*i] up to its closing bracket, unescaped. */
static int cut_group(struct cutter *c, const char *s, size_t len, size_t *i)
{
	char close = s[*i] == '[' ? ']' : '}';
	bool correct = s[*i] == '[';
	char *text = malloc(len + 1);
	size_t n = 0, j;
	int rc;

	if (!text)
		return content_fail(c->err, c->line, "mémoire insuffisante");
	for (j = *i + 1; j < len && s[j] != close; j++) {
		if (s[j] == '[' || s[j] == '{') {
			free(text);
			return content_fail(c->err, c->line, "groupe dans un"
					    " groupe" SC " fermez le premier"
					    " groupe avant d’en ouvrir un"
					    " autre");
		}
		if (s[j] == '\\' && j + 1 < len && is_escapable(s[j + 1]))
			j++;
		text[n++] = s[j];
	}
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	text[n] = '\0';
	j = j < len ? j : len;
	if (j == len)
		rc = content_fail(c->err, c->line, "groupe non fermé" SC
				  " ajoutez " LQ "%c" RQ " sur la même ligne",
				  close);
	else if (n == strspn(text, " \t"))
		rc = content_fail(c->err, c->line, "groupe vide " LQ "%c%c" RQ
				  SC " écrivez un mot entre les deux",
				  s[*i], close);
	else
		rc = add_selectable(c, text + strspn(text, " \t"),
				    n - strspn(text, " \t"), correct);
	free(text);
	*i = j + 1;
	return rc;
}

static int cut_line(struct cutter *c, const char *s, size_t len)
{
	size_t i = 0, n;
	int rc;

	while (i < len) {
		if (s[i] == '\\' && i + 1 < len && is_escapable(s[i + 1])) {
			if (add_plain(c, s + i + 1, 1) < 0)
				return -1;
			i += 2;
		} else if (s[i] == '[' || s[i] == '{') {
			if (cut_group(c, s, len, &i) < 0)
				return -1;
		} else if (s[i] == ']' || s[i] == '}') {
			return content_fail(c->err, c->line, LQ "%c" RQ " sans"
					    " ouverture" SC " écrivez \\%c"
					    " pour le caractère lui-même",
					    s[i], s[i]);
		} else if ((n = separator_len(s + i, len - i)) > 0) {
			if (add_plain(c, s + i, n) < 0)
				return -1;
			i += n;
		} else {
			/* A word runs up to the next space or punctuation
			 * mark; the backslash is one of those. */
			for (n = i; n < len && separator_len(s + n, len - n) ==
			     0; n++)
				;
			if (c->groups_only)
				rc = add_plain(c, s + i, n - i);
			else
				rc = add_selectable(c, s + i, n - i, false);
			if (rc < 0)
				return -1;
			i = n;
		}
	}
	return 0;
}

static int analysis_options(const struct block_header *h, struct cutter *c,
			    struct content_error *err)
{
	const char *s = h->options, *end = h->options + h->options_len, *word;
	size_t len;

	while (block_next_option(&s, end, &word, &len)) {
		if (len == 7 && memcmp(word, "groupes", 7) == 0)
			c->groups_only = true;
		else
			return block_bad_option(err, h->line, word, len,
						"groupes");
	}
	return 0;
}

int analysis_parse(const struct src_line *lines, size_t first, size_t last,
		   const struct block_header *h, struct question *q,
		   struct content_error *err)
{
	struct cutter c = { .an = &q->analysis, .err = err, .line = h->line };
	bool blank_before = false;
	size_t i;
	int rc = analysis_options(h, &c, err);

	q->kind = QUESTION_ANALYSIS;
	for (i = first; rc == 0 && i < last; i++) {
		const struct src_line *l = &lines[i];

		c.line = l->number;
		if (l->len == strspn(l->text, " \t")) {
			blank_before = c.an->unit_count > 0 || c.plain_len > 0;
			continue;
		}
		if (blank_before) {
			rc = flush_plain(&c);
			c.paragraph = true;
		} else if (c.an->unit_count > 0 || c.plain_len > 0) {
			rc = add_plain(&c, " ", 1);
		}
		blank_before = false;
		if (rc == 0)
			rc = cut_line(&c, l->text, l->len);
	}
	if (rc == 0)
		rc = flush_plain(&c);
	free(c.plain);
	if (rc == 0 && q->analysis.correct_count == 0)
		rc = content_fail(err, h->line, "aucune bonne réponse dans le"
				  " texte" SC " mettez entre crochets [ ] les"
				  " mots que l’élève doit sélectionner");
	return rc;
}
