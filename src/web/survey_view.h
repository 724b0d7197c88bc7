/* survey_view: the HTML of the survey builder, results and printed sheet,
 * and the hooks other pages call (the child's invitation, read-aloud). */
#ifndef ARDOISE_WEB_SURVEY_VIEW_H
#define ARDOISE_WEB_SURVEY_VIEW_H

#include "auth/session.h"
#include "eval/survey.h"
#include "http/request.h"

/* The invitation on the child's home page, when a survey is waiting. */
void survey_invite(struct request *r);
/* The surveys for structures waiting for this adult, on their home page. */
void survey_adult_invite(struct request *r);
/* The text "Écouter" reads for question `position` (from 1) of a
 * children's survey the child `u` may answer; 0, or -1 when none. */
int survey_speech_text(struct db *db, const struct user *u, int64_t survey_id, int position, struct buf *text);
/* The "Écouter" link of a survey question (src/web/listen.c). */
void listen_survey(struct request *r, int64_t survey_id, int position);

/* The builder: the person's surveys and the form (refilled after errors). */
void survey_builder_write(struct request *r, const struct field_errors *errors, const struct form *typed);
void survey_input_read(struct request *r, struct survey_input *in);
/* Counts and distribution of each question, and the free texts. */
void survey_results_write(struct request *r, const struct survey *s);
/* The sheet handed to families: code, address and questions. */
void survey_sheet_write(struct request *r, const struct survey *s);

#endif
