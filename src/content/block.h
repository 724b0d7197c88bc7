/*
 * block: the question kinds whose answers sit in a "::: name" block of the
 * content file (short answer, text analysis, matching, ordering, sorting).
 * content/activity.h includes this header because it owns the question
 * structure. The parsers are q_block.c (framing and dispatch) and one
 * q_<kind>.c file per kind, and the graders are in grade_block.c. Every
 * string is owned by the question and freed by question_release().
 *
 * Answer slots (struct question_answer.texts) and form fields:
 * - QUESTION_MATCH: slot k is left item k; its value is the display
 *   position of the right item picked ("q<i>e<k>");
 * - QUESTION_ORDER: slot d is the item shown at position d; its value is
 *   the rank typed by the child, 1 to n ("q<i>e<d>");
 * - QUESTION_SORT: slot d is the item shown at position d; its value is
 *   the index of the category picked ("q<i>e<d>").
 * Display positions go through `item_set.display_order`, so the page
 * never reveals the author's order.
 */
#ifndef ARDOISE_CONTENT_BLOCK_H
#define ARDOISE_CONTENT_BLOCK_H

#include <stdbool.h>
#include <stddef.h>

/* Limits shared by the parsers and the messages that report them. */
#define BLOCK_MAX_ITEM_BYTES 200  /* one item, pair side or category */
#define BLOCK_MAX_PAIRS 12
#define BLOCK_MAX_DISTRACTORS 6
#define BLOCK_MAX_ORDER_ITEMS 12
#define BLOCK_MAX_CATEGORIES 6
#define BLOCK_MAX_SORT_ITEMS 20
#define BLOCK_MAX_UNITS 300       /* selectable units of a text analysis */
#define SHORT_DEFAULT_CHARS 80
#define SHORT_MAX_CHARS 200

/* A short answer: accepted texts, the first one shown after grading. */
struct short_answer {
	char **accepted;
	size_t accepted_count;
	unsigned flags; /* enum answer_flags */
	int max_chars;  /* longest answer, in characters (code points) */
};

/* One piece of an analysed text: a selectable word or group, or the plain
 * text between them. Texts are as written, escaped when shown. */
struct text_unit {
	char *text;
	bool selectable;
	bool correct;
	bool paragraph; /* starts a new paragraph */
};

struct analysis {
	struct text_unit *units;
	size_t unit_count;
	size_t correct_count;
	size_t selectable_count;
};

/*
 * Items of a matching, ordering or sorting question.
 * - QUESTION_MATCH: left[i] pairs with right[i] for i < left_count; the
 *   right items after them are distractors.
 * - QUESTION_ORDER: right[] in the right order; left is unused.
 * - QUESTION_SORT: left[] are the category names, right[] the items and
 *   category[k] the index of right[k]'s category.
 * order[d] is the index in right[] of the item displayed at position d.
 */
struct item_set {
	char **left;
	size_t left_count;
	char **right;
	size_t right_count;
	int *category;
	size_t *display_order;
};

struct question;
struct question_answer;
struct question_result;

/* True for the kinds written as a "::: name" block. */
bool question_is_block(const struct question *q);
/* True for the kinds whose items live in `item_set` (matching, ordering,
 * sorting). */
bool question_has_items(const struct question *q);

/* Number of text slots a question's answer has (see above and
 * struct question_answer); 0 for the kinds answered by indices. */
size_t question_slot_count(const struct question *q);
/* True for the kinds whose answer is a list of indices (choice, analysis). */
bool question_takes_indices(const struct question *q);
/* Number of indices such a question accepts (options or units). */
size_t question_index_count(const struct question *q);
/* True when index `k` may be sent for such a question. */
bool question_index_valid(const struct question *q, size_t k);

/* Grade a question of one of the block kinds into `r`: verdict, score,
 * message and expected HTML. Returns 0, or -1 on allocation failure. */
int block_grade(const struct question *q, const struct question_answer *ans,
		struct question_result *r);

/* Fill `order` with a permutation of 0..n-1 that depends only on the
 * texts, so a page shows the same order at each visit, and that differs
 * from the identity when n > 1. */
void block_shuffle(char *const *texts, size_t n, size_t *order);

#endif
