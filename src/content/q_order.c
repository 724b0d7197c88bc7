/*
 * q_order: the "::: ordonner" block of an ordering question: the items, one
 * a line, in the right order. The page shows them shuffled.
 */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"

int order_parse(const struct src_line *lines, size_t first, size_t last,
		const struct block_header *h, struct question *q,
		struct content_error *err)
{
	struct item_set *it = &q->items;
	size_t i;

	q->kind = QUESTION_ORDER;
	if (block_no_options(h, err) < 0)
		return -1;
	it->right = calloc(BLOCK_MAX_ORDER_ITEMS, sizeof(char *));
	it->display_order = calloc(BLOCK_MAX_ORDER_ITEMS, sizeof(size_t));
	if (!it->right || !it->display_order)
		return content_fail(err, h->line, "mémoire insuffisante");
	for (i = first; i < last; i++) {
		const struct src_line *l = &lines[i];

		if (l->len == strspn(l->text, " \t"))
			continue;
		if (it->right_count == BLOCK_MAX_ORDER_ITEMS)
			return content_fail(err, l->number, "trop d’éléments"
					    " à ordonner" SC " %d au plus",
					    BLOCK_MAX_ORDER_ITEMS);
		it->right[it->right_count] = block_item_copy(
			l->text, l->len, l->number, "élément", err);
		if (!it->right[it->right_count])
			return -1;
		it->right_count++;
	}
	if (it->right_count < 2)
		return content_fail(err, h->line, "une question " LQ "ordonner"
				    RQ " demande au moins deux éléments, un"
				    " par ligne");
	if (block_check_unique(it->right, it->right_count, h->line,
			       "élément", err) < 0)
		return -1;
	block_shuffle(it->right, it->right_count, it->display_order);
	return 0;
}
