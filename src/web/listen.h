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

/* Send the audio of the plain `text` (taken over and released)
 * read at `speed`: a redirect to the cached file, synthesised first on the
 * worker pool when missing. The caller has checked who may hear it. */
int listen_serve(struct request *r, struct buf *text, int speed);

/* The query parameter `name` as a number from 0 to 999999; `fallback`
 * when absent, -2 when invalid. */
long listen_query_number(struct request *r, const char *name, long fallback);

/* Version `version` of `current`: `current` itself, or an older version
 * read from the database into `*older` (for activity_free()). NULL when
 * that version does not exist. */
const struct activity *listen_activity_version(struct request *r, const struct activity *current, long version,
					       struct activity **older);

/* Write the "Écouter" link of step `step` of the written operation `a`
 * `op` `b` (op is "addition", "soustraction"...). */
void listen_operation(struct request *r, const char *a, const char *b, const char *op, int step);

/* Append to `b` the "Écouter" link of tutoring message `message_id`;
 * /ecouter reads it only to the readers of its conversation. */
void listen_tutoring_message(struct buf *b, int64_t message_id);

/* GET /ecouter */
int page_listen(struct request *r);

#endif
