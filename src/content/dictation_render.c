/*
 * dictation_render: the corrected text shown to the child, and the text
 * espeak-ng reads with the punctuation said aloud.
 */
#include <stdlib.h>
#include <string.h>

#include "content/dictation.h"

#define NBSP "\u00a0"

/* ---- the corrected text ---- */

static bool key_is(const struct dictation_token *t, const char *keys)
{
	return t && t->punct && t->norm[0] && strlen(t->norm) == 1 &&
	       strchr(keys, t->norm[0]);
}

static bool is_open_quote(const struct dictation_token *t)
{
	return t && t->len >= 2 && memcmp(t->text, "«", 2) == 0;
}

static bool is_close_quote(const struct dictation_token *t)
{
	return t && t->len >= 2 && memcmp(t->text, "»", 2) == 0;
}

/* The space French typography puts between `prev` and `t`. */
static const char *space_between(const struct dictation_token *prev,
				 const struct dictation_token *t)
{
	if (!prev)
		return "";
	if (key_is(t, ",.)]") || (t->punct && strcmp(t->norm, "…") == 0))
		return "";
	if (key_is(prev, "(["))
		return "";
	if (key_is(t, ";:!?") || is_close_quote(t) || is_open_quote(prev))
		return NBSP;
	return " ";
}

static void token_add(struct buf *b, const struct dictation_token *t)
{
	buf_add_html(b, t->text, t->len);
}

/* One step: plain when right, otherwise the typed token struck out, the
 * right one inserted and the kind of mistake named in words, so that the
 * marks do not rely on colour. */
static void step_add(struct buf *b, const struct dictation_step *s)
{
	if (s->kind == DICTATION_RIGHT) {
		token_add(b, s->expected);
		return;
	}
	buf_adds(b, "<span class=\"dictation-mistake\">");
	if (s->typed) {
		buf_html(b, "<del><span class=\"sr-only\">%s </span>",
			 "tu as écrit");
		token_add(b, s->typed);
		buf_adds(b, "</del>");
	}
	if (s->typed && s->expected)
		buf_adds(b, " ");
	if (s->expected) {
		buf_html(b, "<ins><span class=\"sr-only\">%s </span>",
			 s->typed ? "il fallait écrire" : "il manque");
		token_add(b, s->expected);
		buf_adds(b, "</ins>");
	}
	buf_html(b, " <span class=\"dictation-kind\">(%s)</span></span>",
		 dictation_mistake_name(s->kind));
}

static void corrected_add(struct buf *b, const struct dictation_result *r)
{
	const struct dictation_token *prev = NULL;
	size_t i;

	buf_adds(b, "<p class=\"dictation-corrected\">");
	for (i = 0; i < r->step_count; i++) {
		const struct dictation_step *s = &r->steps[i];
		const struct dictation_token *t = s->expected ? s->expected :
								s->typed;

		if (s->expected && s->expected->line_before)
			buf_adds(b, "<br>");
		else
			buf_adds(b, space_between(prev, t));
		step_add(b, s);
		prev = t;
	}
	buf_adds(b, "</p>");
}

static void summary_add(struct buf *b, const struct dictation_result *r)
{
	int kind;

	buf_html(b, "<ul class=\"dictation-summary\">");
	for (kind = DICTATION_ACCENT; kind < DICTATION_KINDS; kind++)
		if (r->counts[kind])
			buf_html(b, "<li>%s" NBSP ": %lu</li>",
				 dictation_mistake_name(kind),
				 (unsigned long)r->counts[kind]);
	buf_adds(b, "</ul>");
}

/* The typed text exactly as stored, escaped, with its line breaks. */
static void typed_add(struct buf *b, const char *typed)
{
	const char *p = typed ? typed : "";
	size_t n;

	buf_adds(b, "<p class=\"dictation-typed\">");
	while (*p) {
		n = strcspn(p, "\r\n");
		buf_add_html(b, p, n);
		p += n;
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p) {
			buf_adds(b, "<br>");
			p++;
		}
	}
	buf_adds(b, "</p>");
}

int dictation_result_html(const struct dictation_result *r, const char *typed,
			  struct buf *b)
{
	size_t mistakes = r->step_count - r->counts[DICTATION_RIGHT];

	buf_html(b, "<h3>%s</h3>", "Le texte corrigé");
	corrected_add(b, r);
	if (mistakes) {
		buf_html(b, "<h3>%s</h3>", "Tes erreurs");
		summary_add(b, r);
	}
	buf_html(b, "<h3>%s</h3>", "Ton texte, tel que tu l’as écrit");
	typed_add(b, typed);
	return buf_failed(b) ? -1 : 0;
}

/* ---- the spoken text ---- */

/* How a teacher says each mark while dictating. The comma after the words
 * makes espeak-ng pause. */
static const char *mark_words(const struct dictation_token *t, bool *quote_open)
{
	static const struct { const char *key; const char *words; } marks[] = {
		{ ",", "virgule," },
		{ ".", "point." },
		{ "?", "point d'interrogation." },
		{ "!", "point d'exclamation." },
		{ ":", "deux-points," },
		{ ";", "point-virgule," },
		{ "…", "points de suspension." },
		{ "(", "ouvrez la parenthèse," },
		{ ")", "fermez la parenthèse," },
		{ "[", "ouvrez le crochet," },
		{ "]", "fermez le crochet," },
		{ "-", "tiret," },
		{ "/", "barre oblique," },
	};
	size_t i;

	if (strcmp(t->norm, "\"") == 0) {
		bool open = is_open_quote(t) || (!is_close_quote(t) && !*quote_open);

		*quote_open = open;
		return open ? "ouvrez les guillemets," : "fermez les guillemets,";
	}
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strcmp(t->norm, marks[i].key) == 0)
			return marks[i].words;
	return "";
}

static int spoken_add(struct buf *b, const char *text, bool paragraph)
{
	struct dictation_token *tokens = NULL;
	bool quote_open = false;
	long n = dictation_tokenize(text, strlen(text), &tokens);
	long i;

	if (n < 0)
		return -1;
	if (paragraph)
		buf_adds(b, "À la ligne. ");
	for (i = 0; i < n; i++) {
		const struct dictation_token *t = &tokens[i];

		if (i > 0 && t->line_before)
			buf_adds(b, " À la ligne.");
		if (b->len && b->data[b->len - 1] != ' ')
			buf_adds(b, " ");
		if (t->punct)
			buf_adds(b, mark_words(t, &quote_open));
		else
			buf_add(b, t->text, t->len);
	}
	dictation_tokens_free(tokens, (size_t)n);
	return 0;
}

int dictation_spoken_text(const struct dictation *d, int sentence,
			  struct buf *b)
{
	const char *text;
	bool paragraph;

	if (sentence >= (int)d->sentence_count)
		return -1;
	if (sentence < 0)
		return spoken_add(b, d->text, false) < 0 || buf_failed(b) ? -1 : 0;

	/* A sentence is read twice, as in class. */
	text = d->sentences[sentence];
	paragraph = d->new_paragraph[sentence] && sentence > 0;
	if (spoken_add(b, text, paragraph) < 0)
		return -1;
	buf_adds(b, " … ");
	if (spoken_add(b, text, false) < 0)
		return -1;
	return buf_failed(b) ? -1 : 0;
}
