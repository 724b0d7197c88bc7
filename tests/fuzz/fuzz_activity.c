/* libFuzzer target: parse any bytes as a content file (every question
 * kind, including the "::: name" blocks and the numeric forms), then grade
 * the parsed activity with no answers and with the author's own answers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"

/* Answer every question with what the author accepts, and tick every
 * option, so grading walks all its paths. */
static void grade_with_author_answers(const struct activity *a)
{
	static const int all[ACTIVITY_MAX_CHOICES] = { 0, 1, 2, 3, 4, 5,
						       6, 7, 8, 9, 10, 11 };
	struct question_answer *answers = calloc(a->question_count,
						 sizeof(*answers));
	const char **texts = calloc(a->question_count * ACTIVITY_MAX_BLANKS,
				    sizeof(*texts));
	static const char *const digits[10] = { "0", "1", "2", "3", "4", "5",
						"6", "7", "8", "9" };
	struct grade g;
	size_t i, k;

	if (!answers || !texts)
		goto out;
	for (i = 0; i < a->question_count; i++) {
		const struct question *q = &a->questions[i];
		const char **t = texts + i * ACTIVITY_MAX_BLANKS;

		answers[i].choices = all;
		answers[i].choice_count = q->option_count;
		answers[i].texts = t;
		if (q->kind == QUESTION_NUMERIC) {
			t[0] = q->answer_text;
			answers[i].text_count = 1;
		}
		for (k = 0; q->kind == QUESTION_CLOZE && k < q->blank_count; k++)
			t[k] = q->blanks[k].accepted[0];
		answers[i].text_count += q->kind == QUESTION_CLOZE ?
					 q->blank_count : 0;
		if (q->kind == QUESTION_SHORT) {
			t[0] = q->short_answer.accepted[0];
			answers[i].text_count = 1;
		}
		if (q->kind == QUESTION_ANALYSIS)
			answers[i].choice_count = q->analysis.unit_count <
				ACTIVITY_MAX_CHOICES ? q->analysis.unit_count :
				ACTIVITY_MAX_CHOICES;
		/* Slot values for matching, ordering and sorting: small
		 * numbers, some in range, some not. */
		if (question_has_items(q)) {
			for (k = 0; k < question_slot_count(q) &&
			     k < ACTIVITY_MAX_BLANKS; k++)
				t[k] = digits[k % 10];
			answers[i].text_count = k;
		}
	}
	if (activity_grade(a, answers, &g) == 0)
		grade_release(&g);
out:
	free(answers);
	free(texts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content_error err;
	struct activity *a = activity_parse((const char *)data, size, &err);
	struct grade g;

	if (!a)
		return 0;
	if (activity_grade(a, NULL, &g) == 0)
		grade_release(&g);
	grade_with_author_answers(a);
	activity_free(a);
	return 0;
}
