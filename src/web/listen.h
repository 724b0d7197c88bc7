/*
 * listen: the "Écouter" links and GET /ecouter.
 *
 * A link never carries the text to read. It names a text that the server
 * rendered itself: a fixed instruction of a child page (?page=accueil) or a
 * part of an activity (?activite=ID&version=N&question=I, without question
 * for the instructions), or a tutoring message (?message=ID). /ecouter looks the text up, synthesises it on the
 * worker pool when it is not cached yet, and answers 303 to
 * /audio/KEY.ogg, which h2o's file handler serves from the cache with byte
 * ranges. Without JavaScript the link opens the audio file; ardoise.js
 * plays it in the page instead.
 */
#ifndef ARDOISE_WEB_LISTEN_H
#define ARDOISE_WEB_LISTEN_H

#include "content/activity.h"
#include "http/request.h"

/* Write the "Écouter" link of the fixed instructions of the child page at
 * r->path, if that page has some; nothing when speech is unavailable. */
void listen_page_instructions(struct request *r);
/* Write the "Écouter" link of question `question` of `a`, or of its
 * instructions when `question` is negative. */
void listen_activity(struct request *r, const struct activity *a, int question);

/* Append to `b` the "Écouter" link of tutoring message `message_id`;
 * /ecouter reads it only to the readers of its conversation. */
void listen_tutoring_message(struct buf *b, int64_t message_id);

/* GET /ecouter */
int page_listen(struct request *r);

#endif
