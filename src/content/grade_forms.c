/*
 * grade_forms: a numeric answer written as a fraction or a mixed number, or
 * one whose question states its accepted forms. A right value in a form the
 * question does not accept is not wrong: the child is asked to write it
 * again in an accepted form, and nothing is counted.
 */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/answer.h"
#include "content/grade_internal.h"

int grade_number_form(const struct question *q, const char *text, size_t len,
		      struct question_result *r)
{
	unsigned allowed = q->forms ? q->forms : ANSWER_FORM_DECIMAL;
	struct answer_rational given, expected;
	unsigned form, expected_form;
	char *message = NULL;
	int rc = answer_parse_rational(text, len, &given, &form, &message);

	if (rc == ANSWER_NUMBER_NOMEM)
		return -1;
	if (rc == ANSWER_NUMBER_EMPTY) {
		r->verdict = VERDICT_EMPTY;
		return 0;
	}
	if (rc == ANSWER_NUMBER_INVALID) {
		r->verdict = VERDICT_INVALID;
		r->message = message;
		return 0;
	}

	/* The author's number was checked by the parser. */
	answer_parse_rational(q->answer_text, strlen(q->answer_text), &expected,
			      &expected_form, NULL);
	if (!answer_rational_equal(&given, &expected)) {
		r->verdict = VERDICT_WRONG;
		r->score = 0;
		return 0;
	}
	if (!(form & allowed)) {
		r->verdict = VERDICT_INVALID;
		return grade_set_message(r, answer_form_message(allowed));
	}
	r->verdict = VERDICT_RIGHT;
	r->score = 1;
	return 0;
}
