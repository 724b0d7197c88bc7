/*
 * answers: a child's answers to every question of an activity, read from
 * the submitted form or from the JSON stored with an attempt, in the shape
 * activity_grade() takes. Form fields: question i is "q<i>" (choice: the
 * option index, repeated for several ticks; analysis: the unit index,
 * repeated; numeric and short answer: the text), blank j of a cloze
 * question is "q<i>b<j>" and slot k of a matching, ordering or sorting
 * question is "q<i>e<k>" (see content/block.h).
 */
#ifndef ARDOISE_WEB_ANSWERS_H
#define ARDOISE_WEB_ANSWERS_H

#include <jansson.h>

#include "content/activity.h"
#include "http/form.h"

struct answer_sheet {
	struct question_answer *answers; /* one per question */
	size_t count;
	json_t *json; /* owns every string the answers point to */
};

enum sheet_error {
	SHEET_OK,
	SHEET_BAD_CHOICE,   /* an option, unit, item or category index that
			     * is not a number in range */
	SHEET_TOO_LONG,     /* an answer longer than ACTIVITY_MAX_ANSWER_BYTES */
	SHEET_NO_MEMORY,
	SHEET_BAD_JSON,
};

/* Read the form. On error, `question` is the 0-based question at fault. */
enum sheet_error answer_sheet_from_form(struct answer_sheet *s, const struct activity *a,
					const struct form *f, size_t *question);
/* Read stored answers (the JSON written by answer_sheet_json). */
enum sheet_error answer_sheet_from_json(struct answer_sheet *s, const struct activity *a,
					const char *json);
/* The answers as JSON text, exactly as typed; caller frees. */
char *answer_sheet_json(const struct answer_sheet *s);
void answer_sheet_release(struct answer_sheet *s);

#endif
