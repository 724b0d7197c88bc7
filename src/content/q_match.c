/*
 * q_match: the "::: associer" block of a matching question. Each line is a
 * pair "left -> right" (or "left → right"); a line "-> right" adds a
 * distractor on the right.
 */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"

#define ARROW "->"
#define ARROW_UTF8 "\xe2\x86\x92" /* → */

/* Find the arrow of a pair line; returns its offset and length. */
static bool find_arrow(const char *s, size_t len, size_t *at, size_t *n)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (memcmp(s + i, ARROW, 2) == 0) {
			*at = i;
			*n = 2;
			return true;
		}
		if (i + 2 < len && memcmp(s + i, ARROW_UTF8, 3) == 0) {
			*at = i;
			*n = 3;
			return true;
		}
	}
	return false;
}

/* Add one line to the pairs or the distractors. */
static int match_line(const struct src_line *l, char **left, char **right,
		      char **extra, size_t *pairs, size_t *extras,
		      struct content_error *err)
{
	size_t at, n;

	if (!find_arrow(l->text, l->len, &at, &n))
		return content_fail(err, l->number, "paire sans flèche" SC
				    " écrivez " LQ "élément de gauche ->"
				    " élément de droite" RQ);
	if (at == strspn(l->text, " \t")) {
		if (*extras == BLOCK_MAX_DISTRACTORS)
			return content_fail(err, l->number, "trop d’intrus"
					    SC " %d au plus",
					    BLOCK_MAX_DISTRACTORS);
		extra[*extras] = block_item_copy(l->text + at + n,
						 l->len - at - n, l->number,
						 "élément de droite", err);
		return extra[(*extras)++] ? 0 : -1;
	}
	if (*pairs == BLOCK_MAX_PAIRS)
		return content_fail(err, l->number, "trop de paires" SC " %d"
				    " au plus", BLOCK_MAX_PAIRS);
	left[*pairs] = block_item_copy(l->text, at, l->number,
				       "élément de gauche", err);
	if (!left[*pairs])
		return -1;
	right[*pairs] = block_item_copy(l->text + at + n, l->len - at - n,
					l->number, "élément de droite", err);
	(*pairs)++; /* counted even when NULL, so the release frees left */
	return right[*pairs - 1] ? 0 : -1;
}

int match_parse(const struct src_line *lines, size_t first, size_t last,
		const struct block_header *h, struct question *q,
		struct content_error *err)
{
	struct item_set *it = &q->items;
	char *extra[BLOCK_MAX_DISTRACTORS] = { NULL };
	size_t i, extras = 0;
	int rc = 0;

	q->kind = QUESTION_MATCH;
	if (block_no_options(h, err) < 0)
		return -1;
	it->left = calloc(BLOCK_MAX_PAIRS, sizeof(char *));
	it->right = calloc(BLOCK_MAX_PAIRS + BLOCK_MAX_DISTRACTORS,
			   sizeof(char *));
	it->display_order = calloc(BLOCK_MAX_PAIRS + BLOCK_MAX_DISTRACTORS,
			   sizeof(size_t));
	if (!it->left || !it->right || !it->display_order)
		return content_fail(err, h->line, "mémoire insuffisante");
	for (i = first; rc == 0 && i < last; i++)
		if (lines[i].len > strspn(lines[i].text, " \t"))
			rc = match_line(&lines[i], it->left, it->right, extra,
					&it->left_count, &extras, err);
	/* The right items own the distractors from here on. */
	it->right_count = it->left_count;
	for (i = 0; i < extras; i++)
		it->right[it->right_count++] = extra[i];
	if (rc < 0)
		return -1;
	if (it->left_count < 2)
		return content_fail(err, h->line, "une question " LQ "associer"
				    RQ " demande au moins deux paires");
	if (block_check_unique(it->right, it->right_count, h->line,
			       "élément de droite", err) < 0 ||
	    block_check_unique(it->left, it->left_count, h->line,
			       "élément de gauche", err) < 0)
		return -1;
	block_shuffle(it->right, it->right_count, it->display_order);
	return 0;
}
