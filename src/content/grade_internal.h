/*
 * grade_internal: helpers shared by grade.c, grade_block.c and
 * grade_forms.c to fill a question result. Not part of the public contract.
 */
#ifndef ARDOISE_CONTENT_GRADE_INTERNAL_H
#define ARDOISE_CONTENT_GRADE_INTERNAL_H

#include "content/activity.h"
#include "core/buf.h"

/* Replace the result's message with a copy of `text`; 0 or -1. */
int grade_set_message(struct question_result *r, const char *text);
/* Move the HTML built in `b` into the result's expected answer; 0 or -1. */
int grade_set_expected(struct question_result *r, struct buf *b);

/* Grade the numeric answer `text[0, len)` as an exact rational against
 * the question's accepted forms (grade_forms.c); 0 or -1. */
int grade_number_form(const struct question *q, const char *text, size_t len,
		      struct question_result *r);

#endif
