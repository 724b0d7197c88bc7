/*
 * dictation_parse: a dictation question in a content file.
 *
 *     ## Question 1 : Le chat
 *     Écoute la dictée, puis écris le texte.        (the prompt, optional)
 *
 *     ~~~dictée
 *     Mon chat s'appelle Pacha. Il dort sur le lit.
 *
 *     Le soir, il chasse les souris !
 *     ~~~
 *     Mots donnés : Pacha
 *
 * A blank line inside the block starts a paragraph ("à la ligne"). The
 * text is cut into sentences after ".", "!", "?" or "…" when a capital
 * letter, "«" or a dash follows; when the author writes "|" anywhere in
 * the text, only the "|" cut it. Feedback lines may follow, as for any
 * question.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "content/activity.h"
#include "content/dictation.h"
#include "content/parse.h"

#define FENCE "~~~"
#define GIVEN_LABEL "Mots donnés"
#define DICTATION_MAX_GIVEN_BYTES 40
#define DEFAULT_PROMPT "Écoute la dictée, puis écris le texte."

/* Sentences and paragraphs gathered while reading the block. */
struct draft {
	char *sentences[DICTATION_MAX_SENTENCES];
	bool new_paragraph[DICTATION_MAX_SENTENCES];
	size_t count;
	bool paragraph_pending;
};

static bool line_blank(const struct src_line *l)
{
	const char *s = l->text;
	size_t len = l->len;

	content_trim(&s, &len);
	return len == 0;
}

static bool line_is_fence(const struct src_line *l)
{
	const char *s = l->text;
	size_t len = l->len;

	content_trim(&s, &len);
	return len == strlen(FENCE) && memcmp(s, FENCE, len) == 0;
}

static bool line_opens_dictation(const struct src_line *l)
{
	const char *s = l->text;
	size_t len = l->len;

	content_trim(&s, &len);
	if (len < strlen(FENCE) || memcmp(s, FENCE, strlen(FENCE)) != 0)
		return false;
	s += strlen(FENCE);
	len -= strlen(FENCE);
	content_trim(&s, &len);
	return (len == 6 && strncasecmp(s, "dictee", 6) == 0) ||
	       (len == 7 && (memcmp(s, "dictée", 7) == 0 ||
			     memcmp(s, "Dictée", 7) == 0));
}

bool dictation_block_find(const struct src_line *lines, size_t first,
			  size_t last, size_t *where)
{
	size_t i;

	for (i = first; i < last; i++)
		if (line_opens_dictation(&lines[i])) {
			*where = i;
			return true;
		}
	return false;
}

/* ---- sentences ---- */

static int draft_add(struct draft *d, const char *s, size_t len, int line,
		     struct content_error *err)
{
	content_trim(&s, &len);
	if (len == 0)
		return content_fail(err, line, "phrase vide dans la dictée" SC
				    " enlevez la barre " LQ "|" RQ " en trop");
	if (d->count == DICTATION_MAX_SENTENCES)
		return content_fail(err, line, "dictée trop longue" SC " %d"
				    " phrases au plus", DICTATION_MAX_SENTENCES);
	d->sentences[d->count] = strndup(s, len);
	if (!d->sentences[d->count])
		return content_fail(err, line, "mémoire insuffisante");
	d->new_paragraph[d->count++] = d->paragraph_pending;
	d->paragraph_pending = false;
	return 0;
}

static int cut_at_bars(struct draft *d, const char *p, size_t len, int line,
		       struct content_error *err)
{
	const char *bar;

	while ((bar = memchr(p, '|', len)) != NULL) {
		if (draft_add(d, p, (size_t)(bar - p), line, err) < 0)
			return -1;
		len -= (size_t)(bar - p) + 1;
		p = bar + 1;
	}
	return draft_add(d, p, len, line, err);
}

/* Length of the sentence-end mark at `s`, or 0. */
static size_t end_mark(const char *s, size_t len)
{
	if (*s == '.' || *s == '!' || *s == '?')
		return 1;
	return len >= 3 && memcmp(s, "…", 3) == 0 ? 3 : 0;
}

/* Length of a closing mark or space that may follow a sentence end. */
static size_t trailer(const char *s, size_t len, bool *space)
{
	size_t n = end_mark(s, len);

	if (n)
		return n;
	if (*s == ' ' || *s == '\t') {
		*space = true;
		return 1;
	}
	if (*s == '"' || *s == ')')
		return 1;
	if (len >= 2 && (memcmp(s, "»", 2) == 0 || memcmp(s, "\u00a0", 2) == 0))
		return 2;
	return len >= 3 && memcmp(s, "\u202f", 3) == 0 ? 3 : 0;
}

/* True when the text at `s` opens a sentence: a capital letter, "«" or a
 * dialogue dash. */
static bool opens_sentence(const char *s, size_t len)
{
	utf8proc_int32_t cp;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			     &cp) <= 0)
		return false;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || cp == 0xab ||
	       cp == '-' || cp == 0x2013 || cp == 0x2014;
}

static int cut_sentences(struct draft *d, const char *p, size_t len, int line,
			 struct content_error *err)
{
	size_t start = 0, i = 0, n, j;
	bool space;

	while (i < len) {
		n = end_mark(p + i, len - i);
		if (n == 0) {
			i++;
			continue;
		}
		space = false;
		for (j = i; j < len && (n = trailer(p + j, len - j, &space)); j += n)
			;
		if (j < len && space && opens_sentence(p + j, len - j)) {
			if (draft_add(d, p + start, j - start, line, err) < 0)
				return -1;
			start = j;
		}
		i = j > i ? j : i + 1;
	}
	return draft_add(d, p + start, len - start, line, err);
}

/* ---- the block ---- */

/* Join the lines of one paragraph with spaces. */
static char *paragraph_join(const struct src_line *lines, size_t first,
			    size_t last, size_t *len)
{
	struct buf b = BUF_INIT(DICTATION_MAX_TEXT_BYTES * 4);
	size_t i;

	for (i = first; i < last; i++) {
		const char *s = lines[i].text;
		size_t n = lines[i].len;

		content_trim(&s, &n);
		if (i > first)
			buf_addc(&b, ' ');
		buf_add(&b, s, n);
	}
	if (buf_failed(&b)) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

static int read_paragraphs(const struct src_line *lines, size_t open,
			   size_t close, bool bars, struct draft *d,
			   struct content_error *err)
{
	size_t i = open + 1, end, len;
	char *text;
	int rc;

	while (i < close) {
		if (line_blank(&lines[i])) {
			d->paragraph_pending = d->count > 0;
			i++;
			continue;
		}
		for (end = i; end < close && !line_blank(&lines[end]); end++)
			;
		text = paragraph_join(lines, i, end, &len);
		if (!text)
			return content_fail(err, lines[i].number, "mémoire"
					    " insuffisante");
		rc = bars ? cut_at_bars(d, text, len, lines[i].number, err) :
			    cut_sentences(d, text, len, lines[i].number, err);
		free(text);
		if (rc < 0)
			return -1;
		i = end;
	}
	return 0;
}

static bool block_has_bar(const struct src_line *lines, size_t open,
			  size_t close)
{
	size_t i;

	for (i = open + 1; i < close; i++)
		if (memchr(lines[i].text, '|', lines[i].len))
			return true;
	return false;
}

/* Build the reference text: sentences joined by a space, paragraphs by a
 * line break. */
static int text_build(struct dictation *dict, int line,
		      struct content_error *err)
{
	struct buf b = BUF_INIT(DICTATION_MAX_TEXT_BYTES * 4);
	size_t i;

	for (i = 0; i < dict->sentence_count; i++) {
		if (i > 0)
			buf_addc(&b, dict->new_paragraph[i] ? '\n' : ' ');
		buf_adds(&b, dict->sentences[i]);
	}
	if (buf_failed(&b)) {
		buf_release(&b);
		return content_fail(err, line, "mémoire insuffisante");
	}
	dict->text = buf_detach(&b, NULL);
	return dict->text ? 0 : content_fail(err, line, "mémoire insuffisante");
}

/* Check the size of the text and that every sentence has a word. */
static int text_check(const struct dictation *dict, int line,
		      struct content_error *err)
{
	size_t bytes = strlen(dict->text), chars = 0, i;

	for (i = 0; i < bytes; i++)
		chars += ((unsigned char)dict->text[i] & 0xC0) != 0x80;

	if (bytes > DICTATION_MAX_TEXT_BYTES || chars > DICTATION_MAX_TEXT_CHARS)
		return content_fail(err, line, "dictée trop longue" SC " %d"
				    " caractères au plus", DICTATION_MAX_TEXT_CHARS);
	for (i = 0; i < dict->sentence_count; i++) {
		struct dictation_token *tokens = NULL;
		long n = dictation_tokenize(dict->sentences[i],
					   strlen(dict->sentences[i]), &tokens);
		long k, words = 0;

		for (k = 0; k < n; k++)
			words += !tokens[k].punct;
		dictation_tokens_free(tokens, n > 0 ? (size_t)n : 0);
		if (n < 0 || words == 0)
			return content_fail(err, line, "la phrase %zu de la"
					    " dictée n’a aucun mot", i + 1);
	}
	return 0;
}

static int take_sentences(struct draft *d, struct dictation *dict, int line,
			  struct content_error *err)
{
	if (d->count == 0)
		return content_fail(err, line, "dictée vide" SC " écrivez le"
				    " texte entre " LQ "~~~dictée" RQ " et "
				    LQ "~~~" RQ);
	dict->sentences = calloc(d->count, sizeof(char *));
	dict->new_paragraph = calloc(d->count, sizeof(bool));
	if (!dict->sentences || !dict->new_paragraph)
		return content_fail(err, line, "mémoire insuffisante");
	memcpy(dict->sentences, d->sentences, d->count * sizeof(char *));
	memcpy(dict->new_paragraph, d->new_paragraph, d->count * sizeof(bool));
	dict->sentence_count = d->count;
	d->count = 0;
	return 0;
}

/* ---- after the block ---- */

/* Length of "Mots donnés :" at the start of `s`, or 0. */
static size_t given_label(const char *s, size_t len)
{
	size_t n = strlen(GIVEN_LABEL), i;

	if (len < n || strncasecmp(s, GIVEN_LABEL, n) != 0)
		return 0;
	for (i = n; i < len && (s[i] == ' ' || s[i] == '\t');)
		i++;
	if (len - i >= 2 && memcmp(s + i, "\u00a0", 2) == 0)
		i += 2;
	return i < len && s[i] == ':' ? i + 1 : 0;
}

static int given_add(struct dictation *dict, const char *s, size_t len,
		     int line, struct content_error *err)
{
	char q[64];

	content_trim(&s, &len);
	content_quote(s, len, q, sizeof(q));
	if (len == 0)
		return content_fail(err, line, "mot donné vide" SC " séparez"
				    " les mots par une virgule, comme " LQ
				    "Mots donnés : Léa, Paris" RQ);
	if (len > DICTATION_MAX_GIVEN_BYTES)
		return content_fail(err, line, "mot donné trop long " LQ "%s"
				    RQ SC " %d octets au plus", q,
				    DICTATION_MAX_GIVEN_BYTES);
	if (dict->given_word_count == DICTATION_MAX_GIVEN)
		return content_fail(err, line, "trop de mots donnés" SC " %d"
				    " au plus", DICTATION_MAX_GIVEN);
	dict->given_words[dict->given_word_count] = strndup(s, len);
	if (!dict->given_words[dict->given_word_count])
		return content_fail(err, line, "mémoire insuffisante");
	dict->given_word_count++;
	return 0;
}

static int given_parse(const struct src_line *l, size_t label,
		       struct dictation *dict, struct content_error *err)
{
	const char *s = l->text + label, *comma;
	size_t len = l->len - label;

	if (dict->given_words)
		return content_fail(err, l->number, LQ GIVEN_LABEL RQ " est"
				    " écrit deux fois" SC " mettez tous les"
				    " mots sur une seule ligne");
	dict->given_words = calloc(DICTATION_MAX_GIVEN, sizeof(char *));
	if (!dict->given_words)
		return content_fail(err, l->number, "mémoire insuffisante");
	while ((comma = memchr(s, ',', len)) != NULL) {
		if (given_add(dict, s, (size_t)(comma - s), l->number, err) < 0)
			return -1;
		len -= (size_t)(comma - s) + 1;
		s = comma + 1;
	}
	return given_add(dict, s, len, l->number, err);
}

static int read_after(const struct src_line *lines, size_t close, size_t last,
		      struct dictation *dict, struct content_error *err)
{
	size_t i, label;

	for (i = close + 1; i < last; i++) {
		const struct src_line *l = &lines[i];

		if (line_blank(l))
			continue;
		label = given_label(l->text, l->len);
		if (label == 0)
			return content_fail(err, l->number, "texte après la"
					    " dictée" SC " seule une ligne " LQ
					    GIVEN_LABEL " : …" RQ " peut suivre"
					    " la ligne " LQ "~~~" RQ);
		if (given_parse(l, label, dict, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- the question ---- */

static int prompt_parse(const struct src_line *lines, size_t first,
			size_t open, struct question *q,
			struct content_error *err)
{
	size_t i, len;
	char *md;

	for (i = first; i < open && line_blank(&lines[i]); i++)
		;
	if (i == open) {
		q->prompt_html = markdown_block(DEFAULT_PROMPT,
						strlen(DEFAULT_PROMPT));
	} else {
		md = lines_join(lines, first, open, &len);
		q->prompt_html = md ? markdown_block(md, len) : NULL;
		free(md);
	}
	return q->prompt_html ? 0 : content_fail(err, lines[open].number,
						 "mémoire insuffisante");
}

static int dictation_block_parse(const struct src_line *lines, size_t open,
		       size_t close, struct dictation *dict,
		       struct content_error *err)
{
	struct draft d = { .count = 0 };
	int line = lines[open].number, rc;
	size_t i;

	rc = read_paragraphs(lines, open, close, block_has_bar(lines, open, close),
			     &d, err);
	if (rc == 0)
		rc = take_sentences(&d, dict, line, err);
	for (i = 0; i < d.count; i++)
		free(d.sentences[i]);
	if (rc == 0)
		rc = text_build(dict, line, err);
	if (rc == 0)
		rc = text_check(dict, line, err);
	return rc;
}

int dictation_parse(const struct src_line *lines, size_t first, size_t last,
		    struct question *q, struct content_error *err)
{
	size_t open = first, close, again;

	q->kind = QUESTION_DICTATION;
	dictation_block_find(lines, first, last, &open);
	for (close = open + 1; close < last; close++)
		if (line_is_fence(&lines[close]))
			break;
	if (close == last)
		return content_fail(err, lines[open].number, "bloc de dictée"
				    " non fermé" SC " ajoutez une ligne " LQ
				    "~~~" RQ " après le texte");
	if (dictation_block_find(lines, close + 1, last, &again))
		return content_fail(err, lines[again].number, "une question ne"
				    " contient qu’une dictée" SC " faites-en"
				    " deux questions");
	q->dictation = calloc(1, sizeof(*q->dictation));
	if (!q->dictation)
		return content_fail(err, lines[open].number, "mémoire"
				    " insuffisante");
	if (prompt_parse(lines, first, open, q, err) < 0 ||
	    dictation_block_parse(lines, open, close, q->dictation, err) < 0)
		return -1;
	return read_after(lines, close, last, q->dictation, err);
}
