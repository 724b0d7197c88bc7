/*
 * tutoring: pieces of the tutoring pages shared by the child's pages, the
 * tuteur's console, the live streams and the pages of other features
 * (the "Poser une question" links of activities and results).
 */
#ifndef ARDOISE_WEB_TUTORING_H
#define ARDOISE_WEB_TUTORING_H

#include <stdint.h>

#include "content/activity.h"
#include "http/request.h"
#include "tutor/tutor.h"

struct catalog;

/* The reader of a message, whose report form carries their CSRF token. */
struct tutoring_viewer {
	int64_t user_id;
	const char *csrf;
	bool child; /* gets the "Écouter" links of the tuteur's messages */
};

/* True when the signed-in person is a child with a tutoring seat now. */
bool tutoring_child_may_ask(struct request *r);
/* Write the "Poser une question à un tuteur" link of an activity
 * (`attempt_id` 0) or of question `question` (1-based, 0 = the whole
 * activity) of a result; nothing when the child may not ask. */
void tutoring_ask_link(struct request *r, const struct activity *a, int question, int64_t attempt_id);
/* Write the child home's tutoring block: new answers and the help page. */
void tutoring_child_home(struct request *r);

/* Write one message as an <li>; `viewer` decides the report form. */
void tutoring_message_html(struct buf *b, const struct tutoring_viewer *viewer, const struct tutor_message *m,
			   const struct catalog *catalog);
/* Write the sentence about tuteurs on line, the wait and the hours. */
void tutoring_status_html(struct buf *b, struct db *db, int64_t question_id);
/* Write the sentence of the question's state ("Ta question attend un
 * tuteur."), to the asking child or, in the third person, to an adult. */
void tutoring_state_html(struct buf *b, const struct tutor_question *q, bool to_child);
/* Answer 406 unless the request accepts text/event-stream, as EventSource
 * does: a stream opened by a plain link or a crawler would never end.
 * Returns 0 when the request may have a stream. */
int tutoring_stream_accepted(struct request *r);
/* Publish the messages and questions of the last seconds, so that the
 * streams of this process also get what other processes wrote. Runs on
 * the first loop (see live_poll_set). */
void tutoring_live_poll(struct db *db);
/* Write "lundi 7 décembre à 16 h 30" (Paris time). */
void tutoring_date_text(int64_t when, char *out, size_t size);

#endif
