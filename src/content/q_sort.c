/*
 * q_sort: the "::: classer" block of a sorting question: "# Category"
 * lines, each followed by its items written "- item".
 */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"

static int add_category(const struct src_line *l, struct item_set *it,
			struct content_error *err)
{
	if (it->left_count == BLOCK_MAX_CATEGORIES)
		return content_fail(err, l->number, "trop de catégories" SC
				    " %d au plus", BLOCK_MAX_CATEGORIES);
	it->left[it->left_count] = block_item_copy(l->text + 1, l->len - 1,
						   l->number, "catégorie",
						   err);
	return it->left[it->left_count++] ? 0 : -1;
}

static int add_item(const struct src_line *l, size_t dash,
		    struct item_set *it, struct content_error *err)
{
	if (it->left_count == 0)
		return content_fail(err, l->number, "élément sans catégorie"
				    SC " écrivez d’abord une ligne " LQ
				    "# Catégorie" RQ);
	if (it->right_count == BLOCK_MAX_SORT_ITEMS)
		return content_fail(err, l->number, "trop d’éléments à"
				    " classer" SC " %d au plus",
				    BLOCK_MAX_SORT_ITEMS);
	it->category[it->right_count] = (int)it->left_count - 1;
	it->right[it->right_count] = block_item_copy(l->text + dash + 1,
						     l->len - dash - 1,
						     l->number, "élément",
						     err);
	return it->right[it->right_count++] ? 0 : -1;
}

static int sort_line(const struct src_line *l, struct item_set *it,
		     struct content_error *err)
{
	size_t lead = strspn(l->text, " \t");

	if (lead == l->len)
		return 0;
	if (l->text[lead] == '#' && lead == 0)
		return add_category(l, it, err);
	if (l->text[lead] == '-' && lead + 1 < l->len &&
	    (l->text[lead + 1] == ' ' || l->text[lead + 1] == '\t'))
		return add_item(l, lead, it, err);
	return content_fail(err, l->number, "ligne inattendue dans " LQ
			    "classer" RQ SC " écrivez " LQ "# Catégorie" RQ
			    " ou " LQ "- élément" RQ);
}

int sort_parse(const struct src_line *lines, size_t first, size_t last,
	       const struct block_header *h, struct question *q,
	       struct content_error *err)
{
	struct item_set *it = &q->items;
	size_t i;

	q->kind = QUESTION_SORT;
	if (block_no_options(h, err) < 0)
		return -1;
	it->left = calloc(BLOCK_MAX_CATEGORIES, sizeof(char *));
	it->right = calloc(BLOCK_MAX_SORT_ITEMS, sizeof(char *));
	it->category = calloc(BLOCK_MAX_SORT_ITEMS, sizeof(int));
	it->display_order = calloc(BLOCK_MAX_SORT_ITEMS, sizeof(size_t));
	if (!it->left || !it->right || !it->category || !it->display_order)
		return content_fail(err, h->line, "mémoire insuffisante");
	for (i = first; i < last; i++)
		if (sort_line(&lines[i], it, err) < 0)
			return -1;
	if (it->left_count < 2)
		return content_fail(err, h->line, "une question " LQ "classer"
				    RQ " demande au moins deux catégories "
				    LQ "# …" RQ);
	if (it->right_count < 2)
		return content_fail(err, h->line, "une question " LQ "classer"
				    RQ " demande au moins deux éléments "
				    LQ "- …" RQ);
	if (block_check_unique(it->left, it->left_count, h->line,
			       "catégorie", err) < 0 ||
	    block_check_unique(it->right, it->right_count, h->line,
			       "élément", err) < 0)
		return -1;
	block_shuffle(it->right, it->right_count, it->display_order);
	return 0;
}
