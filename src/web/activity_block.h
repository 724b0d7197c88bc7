/*
 * activity_block: the form fields of the question kinds written as a
 * "::: name" block (short answer, text analysis, matching, ordering,
 * sorting). Every field works without JavaScript; static/activites.js
 * enhances the ones marked with data-* attributes. Element ids start with
 * the activity id, so two activities on one page never share an id.
 */
#ifndef ARDOISE_WEB_ACTIVITY_BLOCK_H
#define ARDOISE_WEB_ACTIVITY_BLOCK_H

#include "content/activity.h"
#include "http/form.h"
#include "http/request.h"

/* Write the fields of question `i` of `a`. When the form is shown again,
 * `values` fills them and `result` (or NULL) carries the message of an
 * answer to rewrite. */
void activity_block_render(struct request *r, const struct activity *a, size_t i, const struct form *values,
			   const struct question_result *result);

#endif
