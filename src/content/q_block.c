/*
 * q_block: the "::: name options" ... ":::" block that carries the answers
 * of the short-answer, analysis, matching, ordering and sorting questions.
 * This file finds the block and reads its name, then hands the lines inside
 * to the parser of that kind. It also holds the helpers those parsers
 * share.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"

#define FENCE ":::"
#define FENCE_LEN (sizeof(FENCE) - 1)

typedef int (*block_parser)(const struct src_line *lines, size_t first,
			    size_t last, const struct block_header *h,
			    struct question *q, struct content_error *err);

static const struct {
	const char *name;
	block_parser parse;
} kinds[] = {
	{ "reponse", short_parse },
	{ "réponse", short_parse },
	{ "analyse", analysis_parse },
	{ "associer", match_parse },
	{ "ordonner", order_parse },
	{ "classer", sort_parse },
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_fence(const struct src_line *l)
{
	return l->len >= FENCE_LEN && memcmp(l->text, FENCE, FENCE_LEN) == 0;
}

static bool is_closing(const struct src_line *l)
{
	const char *s = l->text;
	size_t len = l->len;

	content_trim(&s, &len);
	return len == FENCE_LEN && memcmp(s, FENCE, FENCE_LEN) == 0;
}

bool block_find(const struct src_line *lines, size_t first, size_t last,
		size_t *at)
{
	size_t i;

	for (i = first; i < last; i++)
		if (is_fence(&lines[i])) {
			*at = i;
			return true;
		}
	return false;
}

bool block_next_option(const char **s, const char *end, const char **word,
		       size_t *len)
{
	while (*s < end && is_space(**s))
		(*s)++;
	if (*s == end)
		return false;
	*word = *s;
	while (*s < end && !is_space(**s))
		(*s)++;
	*len = (size_t)(*s - *word);
	return true;
}

int block_bad_option(struct content_error *err, int line, const char *word,
		     size_t len, const char *allowed)
{
	char quoted[80];

	content_quote(word, len, quoted, sizeof(quoted));
	if (!allowed)
		return content_fail(err, line, "option inconnue " LQ "%s" RQ
				    SC " ce bloc n’a pas d’option", quoted);
	return content_fail(err, line, "option inconnue " LQ "%s" RQ SC
			    " les options possibles sont %s", quoted, allowed);
}

int block_no_options(const struct block_header *h, struct content_error *err)
{
	const char *s = h->options, *word;
	size_t len;

	if (block_next_option(&s, h->options + h->options_len, &word, &len))
		return block_bad_option(err, h->line, word, len, NULL);
	return 0;
}

char *block_item_copy(const char *s, size_t len, int line, const char *what,
		      struct content_error *err)
{
	char *copy;

	content_trim(&s, &len);
	if (len == 0) {
		content_fail(err, line, "%s vide" SC " écrivez son texte", what);
		return NULL;
	}
	if (len > BLOCK_MAX_ITEM_BYTES) {
		content_fail(err, line, "%s trop long (%zu octets)" SC " %d"
			     " octets au plus", what, len, BLOCK_MAX_ITEM_BYTES);
		return NULL;
	}
	copy = strndup(s, len);
	if (!copy)
		content_fail(err, line, "mémoire insuffisante");
	return copy;
}

int block_check_unique(char *const *texts, size_t n, int line,
		       const char *what, struct content_error *err)
{
	char quoted[80];
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(texts[i], texts[j]) == 0) {
				content_quote(texts[i], strlen(texts[i]),
					      quoted, sizeof(quoted));
				return content_fail(err, line, LQ "%s" RQ
						    " est écrit deux fois"
						    SC " chaque %s doit"
						    " être unique", quoted,
						    what);
			}
	return 0;
}

/* Read the block's name; returns its parser or fails. */
static block_parser block_kind(const struct src_line *l,
			       struct block_header *h,
			       struct content_error *err)
{
	const char *s = l->text + FENCE_LEN, *end = l->text + l->len, *word;
	size_t len, i;
	char quoted[80];

	if (!block_next_option(&s, end, &word, &len)) {
		content_fail(err, l->number, "bloc sans nom" SC " écrivez par"
			     " exemple " LQ "::: reponse" RQ ", " LQ
			     "::: analyse" RQ ", " LQ "::: associer" RQ ", "
			     LQ "::: ordonner" RQ " ou " LQ "::: classer" RQ);
		return NULL;
	}
	h->line = l->number;
	h->options = s;
	h->options_len = (size_t)(end - s);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].name) == len &&
		    memcmp(kinds[i].name, word, len) == 0)
			return kinds[i].parse;
	content_quote(word, len, quoted, sizeof(quoted));
	content_fail(err, l->number, "sorte de bloc inconnue " LQ "%s" RQ SC
		     " écrivez reponse, analyse, associer, ordonner ou"
		     " classer", quoted);
	return NULL;
}

int block_parse(const struct src_line *lines, size_t count, size_t start,
		size_t *after, struct question *q, struct content_error *err)
{
	struct block_header h;
	block_parser parse = block_kind(&lines[start], &h, err);
	size_t end;

	if (!parse)
		return -1;
	for (end = start + 1; end < count; end++)
		if (is_closing(&lines[end]))
			break;
		else if (is_fence(&lines[end]))
			return content_fail(err, lines[end].number, "un seul"
					    " bloc " LQ ":::" RQ " par"
					    " question" SC " fermez le bloc"
					    " précédent par une ligne " LQ
					    ":::" RQ " ou faites deux"
					    " questions");
	if (end == count)
		return content_fail(err, lines[start].number, "bloc jamais"
				    " fermé" SC " ajoutez une ligne " LQ ":::"
				    RQ " après la dernière réponse");
	*after = end + 1;
	if (parse(lines, start + 1, end, &h, q, err) < 0)
		return -1;
	if (block_find(lines, end + 1, count, &start))
		return content_fail(err, lines[start].number, "un seul bloc "
				    LQ ":::" RQ " par question" SC " faites"
				    " deux questions");
	return 0;
}

/* FNV-1a over the texts, then xorshift for the Fisher-Yates draws. */
static uint64_t texts_seed(char *const *texts, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;
	const char *s;

	for (i = 0; i < n; i++)
		for (s = texts[i]; *s; s++) {
			h ^= (unsigned char)*s;
			h *= 1099511628211ULL;
		}
	return h ? h : 1;
}

static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

void block_shuffle(char *const *texts, size_t n, size_t *order)
{
	uint64_t state = texts_seed(texts, n);
	size_t i, j, tmp;
	bool identity = true;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n; i > 1; i--) {
		j = (size_t)(next_random(&state) % i);
		tmp = order[i - 1];
		order[i - 1] = order[j];
		order[j] = tmp;
	}
	for (i = 0; i < n; i++)
		identity &= order[i] == i;
	/* A list shown in the right order would give the answer away. */
	if (identity && n > 1)
		for (i = 0; i < n; i++)
			order[i] = (i + 1) % n;
}

void block_release(struct question *q)
{
	size_t i;

	strv_free(q->short_answer.accepted, q->short_answer.accepted_count);
	for (i = 0; q->analysis.units && i < q->analysis.unit_count; i++)
		free(q->analysis.units[i].text);
	free(q->analysis.units);
	strv_free(q->items.left, q->items.left_count);
	strv_free(q->items.right, q->items.right_count);
	free(q->items.category);
	free(q->items.display_order);
}

/* ---- answer slots ---- */

bool question_is_block(const struct question *q)
{
	return q->kind == QUESTION_SHORT || q->kind == QUESTION_ANALYSIS ||
	       question_has_items(q);
}

bool question_has_items(const struct question *q)
{
	return q->kind == QUESTION_MATCH || q->kind == QUESTION_ORDER ||
	       q->kind == QUESTION_SORT;
}

size_t question_slot_count(const struct question *q)
{
	switch (q->kind) {
	case QUESTION_CLOZE:
		return q->blank_count;
	case QUESTION_NUMERIC:
	case QUESTION_SHORT:
	case QUESTION_DICTATION:
		return 1;
	case QUESTION_MATCH:
		return q->items.left_count;
	case QUESTION_ORDER:
	case QUESTION_SORT:
		return q->items.right_count;
	case QUESTION_CHOICE:
	case QUESTION_ANALYSIS:
		return 0;
	}
	return 0;
}

bool question_takes_indices(const struct question *q)
{
	return q->kind == QUESTION_CHOICE || q->kind == QUESTION_ANALYSIS;
}

size_t question_index_count(const struct question *q)
{
	if (q->kind == QUESTION_ANALYSIS)
		return q->analysis.unit_count;
	return q->option_count;
}

bool question_index_valid(const struct question *q, size_t k)
{
	if (q->kind == QUESTION_ANALYSIS)
		return k < q->analysis.unit_count &&
		       q->analysis.units[k].selectable;
	return k < q->option_count;
}
