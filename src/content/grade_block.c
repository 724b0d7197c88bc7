/*
 * grade_block: judge the answers to the kinds written as a "::: name"
 * block (see content/block.h for the answer slots). Texts go through
 * content/answer.h like every other question. Messages are plain French
 * text; the expected answer is HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "content/activity.h"
#include "content/answer.h"
#include "content/grade_internal.h"
#include "core/buf.h"

#define NBSP "\u00a0"

#define MSG_ACCENTS "Attention aux accents" NBSP ": regarde bien chaque" \
		    " lettre."
#define MSG_CASE "Presque" NBSP ": regarde les majuscules."

static bool is_empty_text(const char *text)
{
	return !text || text[strspn(text, " \t\r\n")] == '\0';
}

static const char *slot_text(const struct question_answer *ans, size_t k)
{
	return ans->texts && k < ans->text_count ? ans->texts[k] : NULL;
}

/* Read a whole decimal number in [0, n); 1 when read, 0 when empty, -1
 * when it is not such a number. */
static int read_index(const char *text, size_t n, size_t *k)
{
	char *end;
	long value;

	if (is_empty_text(text))
		return 0;
	text += strspn(text, " \t");
	if (*text < '0' || *text > '9')
		return -1;
	value = strtol(text, &end, 10);
	end += strspn(end, " \t");
	if (*end || value < 0 || (size_t)value >= n)
		return -1;
	*k = (size_t)value;
	return 1;
}

static void set_verdict(struct question_result *r, size_t right, size_t total,
			size_t answered)
{
	if (answered == 0)
		r->verdict = VERDICT_EMPTY;
	else
		r->verdict = right == total ? VERDICT_RIGHT : VERDICT_WRONG;
	r->score = total ? (double)right / (double)total : 0;
}

/* "Tu as bien placé 2 éléments sur 4." and the like. */
static int count_message(struct question_result *r, const char *verb,
			 size_t right, size_t total, const char *noun)
{
	char text[160];

	if (r->verdict != VERDICT_WRONG)
		return 0;
	snprintf(text, sizeof(text), "Tu as %s %zu %s%s sur %zu.", verb, right,
		 noun, right > 1 ? "s" : "", total);
	return grade_set_message(r, text);
}

/* ---- short answer ---- */

static int grade_short(const struct question *q,
		       const struct question_answer *ans,
		       struct question_result *r)
{
	const struct short_answer *sa = &q->short_answer;
	const char *text = slot_text(ans, 0);
	bool accents = false, cases = false;
	size_t i, len;
	char message[128];

	if (is_empty_text(text)) {
		r->verdict = VERDICT_EMPTY;
		return 0;
	}
	len = strlen(text);
	if (utf8proc_decompose((const utf8proc_uint8_t *)text,
			       (utf8proc_ssize_t)len, NULL, 0, 0) >
	    sa->max_chars) {
		r->verdict = VERDICT_INVALID;
		snprintf(message, sizeof(message), "Ta réponse est trop"
			 " longue" NBSP ": %d caractères au plus.",
			 sa->max_chars);
		return grade_set_message(r, message);
	}
	for (i = 0; i < sa->accepted_count; i++) {
		int m = answer_text_matches(text, len, sa->accepted[i],
					    strlen(sa->accepted[i]), sa->flags);

		if (m == ANSWER_ERR_NOMEM)
			return -1;
		if (m == ANSWER_SAME) {
			set_verdict(r, 1, 1, 1);
			return 0;
		}
		accents |= m == ANSWER_ACCENTS_DIFFER;
		cases |= m == ANSWER_CASE_DIFFERS;
	}
	set_verdict(r, 0, 1, 1);
	if (accents)
		return grade_set_message(r, MSG_ACCENTS);
	return cases ? grade_set_message(r, MSG_CASE) : 0;
}

static int expected_short(const struct question *q, struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);

	buf_html(&b, "%s", q->short_answer.accepted[0]);
	return grade_set_expected(r, &b);
}

/* ---- text analysis ---- */

static int analysis_message(struct question_result *r)
{
	char text[256];
	int n;

	if (r->verdict != VERDICT_WRONG)
		return 0;
	n = snprintf(text, sizeof(text), "Tu as trouvé %zu bonne%s réponse%s"
		     " sur %zu.", r->found, r->found > 1 ? "s" : "",
		     r->found > 1 ? "s" : "", r->found + r->missed);
	if (r->missed > 0 && n > 0 && (size_t)n < sizeof(text))
		n += snprintf(text + n, sizeof(text) - (size_t)n, " %zu"
			      " oubliée%s.", r->missed, r->missed > 1 ? "s" :
			      "");
	if (r->extra > 0 && n > 0 && (size_t)n < sizeof(text))
		snprintf(text + n, sizeof(text) - (size_t)n, " %zu sélection%s"
			 " en trop.", r->extra, r->extra > 1 ? "s" : "");
	return grade_set_message(r, text);
}

static int grade_analysis(const struct question *q,
			  const struct question_answer *ans,
			  struct question_result *r)
{
	const struct analysis *an = &q->analysis;
	bool *picked = calloc(an->unit_count ? an->unit_count : 1,
			      sizeof(bool));
	size_t i, count = 0;

	if (!picked)
		return -1;
	for (i = 0; ans->choices && i < ans->choice_count; i++)
		if (ans->choices[i] >= 0 &&
		    question_index_valid(q, (size_t)ans->choices[i]))
			picked[ans->choices[i]] = true;
	for (i = 0; i < an->unit_count; i++) {
		count += picked[i];
		r->found += picked[i] && an->units[i].correct;
		r->missed += !picked[i] && an->units[i].correct;
		r->extra += picked[i] && !an->units[i].correct;
	}
	free(picked);
	if (count == 0)
		r->verdict = VERDICT_EMPTY;
	else if (r->missed == 0 && r->extra == 0)
		r->verdict = VERDICT_RIGHT;
	else
		r->verdict = VERDICT_WRONG;
	r->score = (double)r->found / (double)(an->correct_count + r->extra);
	return analysis_message(r);
}

static int expected_analysis(const struct question *q,
			     struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);
	size_t i;

	buf_adds(&b, "<span class=\"analysis-expected\">");
	for (i = 0; i < q->analysis.unit_count; i++) {
		const struct text_unit *u = &q->analysis.units[i];

		if (u->paragraph)
			buf_adds(&b, "<br><br>");
		if (u->correct)
			buf_html(&b, "<mark>%s</mark>", u->text);
		else
			buf_html(&b, "%s", u->text);
	}
	buf_adds(&b, "</span>");
	return grade_set_expected(r, &b);
}

/* ---- matching ---- */

static int grade_match(const struct question *q,
		       const struct question_answer *ans,
		       struct question_result *r)
{
	const struct item_set *it = &q->items;
	size_t k, right = 0, answered = 0, d;

	for (k = 0; k < it->left_count; k++) {
		int rc = read_index(slot_text(ans, k), it->right_count, &d);

		answered += rc != 0;
		right += rc == 1 && it->display_order[d] == k;
	}
	set_verdict(r, right, it->left_count, answered);
	return count_message(r, "réussi", right, it->left_count,
			     "association");
}

static int expected_match(const struct question *q, struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);
	size_t k;

	buf_adds(&b, "<ul>");
	for (k = 0; k < q->items.left_count; k++)
		buf_html(&b, "<li>%s → %s</li>", q->items.left[k],
			 q->items.right[k]);
	buf_adds(&b, "</ul>");
	return grade_set_expected(r, &b);
}

/* ---- ordering ---- */

/* Ranks typed for each shown item, from 0; false when one is missing,
 * not a number from 1 to n, or used twice. */
static bool read_ranks(const struct question *q,
		       const struct question_answer *ans, size_t *rank,
		       size_t *answered)
{
	size_t n = q->items.right_count, d, typed;
	bool used[BLOCK_MAX_ORDER_ITEMS + 1] = { false }, ok = true;

	*answered = 0;
	for (d = 0; d < n; d++) {
		/* The child types 1 to n, so 0 is out of range too. */
		int rc = read_index(slot_text(ans, d), n + 1, &typed);

		*answered += rc != 0;
		if (rc != 1 || typed == 0 || used[typed]) {
			ok = false;
			continue;
		}
		used[typed] = true;
		rank[d] = typed - 1;
	}
	return ok;
}

static int grade_order(const struct question *q,
		       const struct question_answer *ans,
		       struct question_result *r)
{
	size_t rank[BLOCK_MAX_ORDER_ITEMS], n = q->items.right_count;
	size_t d, right = 0, answered;
	char text[160];

	if (!read_ranks(q, ans, rank, &answered)) {
		if (answered == 0) {
			r->verdict = VERDICT_EMPTY;
			return 0;
		}
		r->verdict = VERDICT_INVALID;
		snprintf(text, sizeof(text), "Donne à chaque élément un numéro"
			 " différent, de 1 à %zu.", n);
		return grade_set_message(r, text);
	}
	for (d = 0; d < n; d++)
		right += rank[d] == q->items.display_order[d];
	set_verdict(r, right, n, answered);
	return count_message(r, "bien placé", right, n, "élément");
}

static int expected_order(const struct question *q, struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);
	size_t k;

	buf_adds(&b, "<ol>");
	for (k = 0; k < q->items.right_count; k++)
		buf_html(&b, "<li>%s</li>", q->items.right[k]);
	buf_adds(&b, "</ol>");
	return grade_set_expected(r, &b);
}

/* ---- sorting ---- */

static int grade_sort(const struct question *q,
		      const struct question_answer *ans,
		      struct question_result *r)
{
	const struct item_set *it = &q->items;
	size_t d, right = 0, answered = 0, c;

	for (d = 0; d < it->right_count; d++) {
		int rc = read_index(slot_text(ans, d), it->left_count, &c);

		answered += rc != 0;
		right += rc == 1 && (int)c == it->category[it->display_order[d]];
	}
	set_verdict(r, right, it->right_count, answered);
	return count_message(r, "bien rangé", right, it->right_count,
			     "élément");
}

static int expected_sort(const struct question *q, struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);
	size_t c, k;
	const char *sep;

	buf_adds(&b, "<ul>");
	for (c = 0; c < q->items.left_count; c++) {
		buf_html(&b, "<li><strong>%s</strong>" NBSP ": ",
			 q->items.left[c]);
		sep = "";
		for (k = 0; k < q->items.right_count; k++)
			if (q->items.category[k] == (int)c) {
				buf_html(&b, "%S%s", sep, q->items.right[k]);
				sep = ", ";
			}
		if (!*sep)
			buf_adds(&b, "(aucun)");
		buf_adds(&b, "</li>");
	}
	buf_adds(&b, "</ul>");
	return grade_set_expected(r, &b);
}

int block_grade(const struct question *q, const struct question_answer *ans,
		struct question_result *r)
{
	switch (q->kind) {
	case QUESTION_SHORT:
		return grade_short(q, ans, r) < 0 || expected_short(q, r) < 0 ?
		       -1 : 0;
	case QUESTION_ANALYSIS:
		return grade_analysis(q, ans, r) < 0 ||
		       expected_analysis(q, r) < 0 ? -1 : 0;
	case QUESTION_MATCH:
		return grade_match(q, ans, r) < 0 || expected_match(q, r) < 0 ?
		       -1 : 0;
	case QUESTION_ORDER:
		return grade_order(q, ans, r) < 0 || expected_order(q, r) < 0 ?
		       -1 : 0;
	case QUESTION_SORT:
		return grade_sort(q, ans, r) < 0 || expected_sort(q, r) < 0 ?
		       -1 : 0;
	default:
		return -1;
	}
}
