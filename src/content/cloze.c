/*
 * cloze: a text with blanks. A blank is written [[answer|variant]] for free
 * typing, or [[?choice|*right|choice]] for a drop-down list whose right
 * choices carry a star; a "!" before the first answer makes case count:
 * [[!Paris]]. Inside a blank a backslash makes the next character plain,
 * so "\|", "\]", "\*", "\?", "\!" and "\\" write those characters. A blank
 * stays on one line.
 *
 * The text is rendered once by cmark with a control character (rejected in
 * files, so it cannot come from the author) in place of each blank, then
 * cut at those characters into the HTML pieces around the blanks.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"
#include "core/buf.h"

#define PLACEHOLDER '\x01'

/* Reading position inside one line, just after "[[". */
struct reader {
	const char *s;
	size_t len;
	size_t i;
	int line;
};

static bool at_end(const struct reader *r)
{
	return r->i + 1 < r->len && r->s[r->i] == ']' && r->s[r->i + 1] == ']';
}

static void skip_spaces(struct reader *r)
{
	while (r->i < r->len && (r->s[r->i] == ' ' || r->s[r->i] == '\t'))
		r->i++;
}

static int push_text(char ***v, size_t *count, size_t max, char *text)
{
	if (!*v)
		*v = calloc(max, sizeof(**v));
	if (!*v || *count == max) {
		free(text);
		return -1;
	}
	(*v)[(*count)++] = text;
	return 0;
}

/* Read one answer up to "|" or "]]" into a new string, or NULL with `err`
 * filled. `*star` tells whether the answer started with a plain "*". */
static char *read_answer(struct reader *r, bool *star,
			 struct content_error *err)
{
	char *text = malloc(r->len - r->i + 1);
	size_t n = 0;

	if (!text) {
		content_fail(err, r->line, "mémoire insuffisante");
		return NULL;
	}
	skip_spaces(r);
	*star = r->i < r->len && r->s[r->i] == '*';
	r->i += *star;
	skip_spaces(r);
	while (r->i < r->len && r->s[r->i] != '|' && !at_end(r)) {
		if (r->s[r->i] == '\\' && r->i + 1 < r->len)
			r->i++;
		text[n++] = r->s[r->i++];
	}
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	text[n] = '\0';
	return text;
}

static int check_answer(const struct reader *r, const char *text, bool star,
			bool menu, struct content_error *err)
{
	if (r->i >= r->len)
		return content_fail(err, r->line, "trou non fermé" SC " ajoutez "
				    LQ "]]" RQ " après la réponse, sur la même"
				    " ligne (écrivez \\]] pour des crochets"
				    " dans la réponse)");
	if (text[0] == '\0')
		return content_fail(err, r->line, "réponse vide dans un trou"
				    SC " écrivez une réponse entre les barres"
				    " " LQ "|" RQ);
	if (strlen(text) > ACTIVITY_MAX_ANSWER_BYTES)
		return content_fail(err, r->line, "réponse trop longue dans un"
				    " trou" SC " %d octets au plus",
				    ACTIVITY_MAX_ANSWER_BYTES);
	if (star && !menu)
		return content_fail(err, r->line, "l’étoile * marque la bonne"
				    " réponse d’une liste" SC " commencez le"
				    " trou par ? pour une liste, ou écrivez"
				    " \\* pour une vraie étoile");
	return 0;
}

/* Store one answer of the blank `b`. */
static int add_answer(struct blank *b, char *text, bool star, bool menu,
		      int line, struct content_error *err)
{
	if (menu && star) {
		char *copy = strdup(text);

		if (!copy || push_text(&b->accepted, &b->accepted_count,
				       ACTIVITY_MAX_ACCEPTED, copy) < 0) {
			free(text);
			return content_fail(err, line, "trop de bonnes réponses"
					    " dans une liste" SC " %d au plus",
					    ACTIVITY_MAX_ACCEPTED);
		}
	}
	if (menu && push_text(&b->menu, &b->menu_count, ACTIVITY_MAX_CHOICES,
			      text) < 0)
		return content_fail(err, line, "trop de choix dans une liste"
				    SC " %d au plus", ACTIVITY_MAX_CHOICES);
	if (!menu && push_text(&b->accepted, &b->accepted_count,
			       ACTIVITY_MAX_ACCEPTED, text) < 0)
		return content_fail(err, line, "trop de variantes dans un trou"
				    SC " %d au plus", ACTIVITY_MAX_ACCEPTED);
	return 0;
}

static int check_blank(const struct blank *b, bool menu, int line,
		       struct content_error *err)
{
	if (menu && b->menu_count < 2)
		return content_fail(err, line, "une liste [[?…]] demande au"
				    " moins deux choix séparés par " LQ "|" RQ);
	if (menu && b->accepted_count == 0)
		return content_fail(err, line, "aucun choix n’a d’étoile dans la"
				    " liste" SC " écrivez * devant la bonne"
				    " réponse, comme [[?le|*la|les]]");
	return 0;
}

static bool line_is_blank(const struct src_line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (l->text[i] != ' ' && l->text[i] != '\t')
			return false;
	return true;
}

/* Parse one blank at `r` (just after "[["), leaving `r` after "]]". */
static int parse_blank(struct reader *r, struct blank *b,
		       struct content_error *err)
{
	bool menu = false, star;

	while (r->i < r->len && (r->s[r->i] == '?' || r->s[r->i] == '!')) {
		menu |= r->s[r->i] == '?';
		b->case_sensitive |= r->s[r->i] == '!';
		r->i++;
	}
	for (;;) {
		char *text = read_answer(r, &star, err);

		if (!text)
			return -1;
		if (check_answer(r, text, star, menu, err) < 0) {
			free(text);
			return -1;
		}
		if (add_answer(b, text, star, menu, r->line, err) < 0)
			return -1;
		if (at_end(r))
			break;
		r->i++; /* the "|" */
	}
	r->i += 2;
	return check_blank(b, menu, r->line, err);
}

/* Copy one line into `md`, replacing each blank with the placeholder. */
static int scan_line(const struct src_line *l, struct question *q,
		     struct buf *md, struct content_error *err)
{
	struct reader r = { l->text, l->len, 0, l->number };

	while (r.i < r.len) {
		if (r.s[r.i] == '\\' && r.i + 1 < r.len) {
			buf_add(md, r.s + r.i, 2); /* a CommonMark escape */
			r.i += 2;
			continue;
		}
		if (r.s[r.i] != '[' || r.i + 1 >= r.len || r.s[r.i + 1] != '[') {
			buf_addc(md, r.s[r.i++]);
			continue;
		}
		if (q->blank_count == ACTIVITY_MAX_BLANKS)
			return content_fail(err, l->number, "trop de trous" SC
					    " %d au plus par question",
					    ACTIVITY_MAX_BLANKS);
		r.i += 2;
		if (parse_blank(&r, &q->blanks[q->blank_count++], err) < 0)
			return -1;
		buf_addc(md, PLACEHOLDER);
	}
	buf_addc(md, '\n');
	return 0;
}

/* Cut the rendered HTML at the placeholders into q->pieces_html. */
static int split_pieces(char *html, struct question *q, int line,
			struct content_error *err)
{
	size_t k = 0, found = 0;
	char *p, *start = html;
	bool in_tag = false, in_attribute = false;

	/* cmark escapes "<" and ">" in text and attributes, so a bare "<"
	 * always opens a tag: a placeholder there would break the markup. */
	for (p = html; *p; p++) {
		if (*p == '<' || *p == '>')
			in_tag = *p == '<';
		found += *p == PLACEHOLDER;
		in_attribute |= *p == PLACEHOLDER && in_tag;
	}
	if (found != q->blank_count || in_attribute)
		return content_fail(err, line, "un trou est placé dans un lien,"
				    " une image ou une adresse" SC " mettez-le"
				    " dans le texte ordinaire");
	q->pieces_html = calloc(q->blank_count + 1, sizeof(char *));
	if (!q->pieces_html)
		return content_fail(err, line, "mémoire insuffisante");
	for (p = html;; p++) {
		if (*p != PLACEHOLDER && *p != '\0')
			continue;
		q->pieces_html[k] = strndup(start, (size_t)(p - start));
		if (!q->pieces_html[k++])
			return content_fail(err, line, "mémoire insuffisante");
		if (*p == '\0')
			break;
		start = p + 1;
	}
	return 0;
}

static int set_prompt(const struct src_line *lines, size_t first, size_t last,
		      struct question *q, struct content_error *err)
{
	size_t len = 0;
	char *md = first < last ? lines_join(lines, first, last, &len) : NULL;

	if (first < last && !md)
		return content_fail(err, lines[first].number, "mémoire"
				    " insuffisante");
	q->prompt_html = markdown_block(md, len);
	free(md);
	if (!q->prompt_html)
		return content_fail(err, lines[0].number, "mémoire"
				    " insuffisante");
	return 0;
}

int cloze_parse(const struct src_line *lines, size_t first, size_t last,
		struct question *q, struct content_error *err)
{
	struct buf md = BUF_INIT(ACTIVITY_MAX_FILE_BYTES);
	size_t start = first, i;
	char *html = NULL;
	int rc = -1;

	/* The paragraph holding the first blank starts the text; the
	 * paragraphs before it are the prompt. */
	while (start < last && !memmem(lines[start].text, lines[start].len,
				       "[[", 2))
		start++;
	while (start > first && !line_is_blank(&lines[start - 1]))
		start--;

	q->kind = QUESTION_CLOZE;
	q->blanks = calloc(ACTIVITY_MAX_BLANKS, sizeof(*q->blanks));
	if (!q->blanks) {
		content_fail(err, lines[first].number, "mémoire insuffisante");
		goto out;
	}
	if (set_prompt(lines, first, start, q, err) < 0)
		goto out;
	for (i = start; i < last; i++)
		if (scan_line(&lines[i], q, &md, err) < 0)
			goto out;
	if (q->blank_count == 0) {
		content_fail(err, lines[start].number, "aucun trou trouvé" SC
			     " écrivez la réponse entre [[ et ]]");
		goto out;
	}
	html = markdown_block(buf_cstr(&md), md.len);
	if (!html || buf_failed(&md)) {
		content_fail(err, lines[start].number, "mémoire insuffisante");
		goto out;
	}
	rc = split_pieces(html, q, lines[start].number, err);
out:
	free(html);
	buf_release(&md);
	return rc;
}
