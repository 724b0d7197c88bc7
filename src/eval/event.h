/*
 * event: the usage event log that every indicator is computed from.
 *
 * Features call event_record() while they handle a request. The call only
 * copies the event into an in-memory queue (a mutex and a memcpy), and a
 * flusher thread writes the queue in one transaction every
 * EVENT_FLUSH_MS, or sooner once EVENT_FLUSH_BATCH events wait, so a
 * child's request never waits for the event's write. The account's
 * structure is read when the row is written. Events still queued are
 * written by event_stop(), so a crash loses at most the last second.
 *
 * Names are short lower-case French words, as the dashboards show them:
 *   feature: EVENT_FEATURE_* below, or the page family for "page" events
 *   action:  EVENT_ACTION_* below
 *   object:  what was used (activity id, resource id, video id, the
 *            dictionary's name, a survey id), or NULL
 *   value:   a number that goes with the action: the score in percent of
 *            an activity submit, the seconds of video played, 0 otherwise
 */
#ifndef ARDOISE_EVAL_EVENT_H
#define ARDOISE_EVAL_EVENT_H

#include <stdint.h>

#include "store/db.h"

struct request;

#define EVENT_FEATURE_MAX 32 /* bytes of a feature or action name, NUL included */
#define EVENT_OBJECT_MAX 128 /* bytes of an object id, NUL included; longer ones are cut */
#define EVENT_QUEUE_MAX 100000 /* events waiting at most; more are dropped and logged */
#define EVENT_FLUSH_MS 1000
#define EVENT_FLUSH_BATCH 2000

#define EVENT_FEATURE_SESSION "connexion"
#define EVENT_FEATURE_ACTIVITIES "activites"
#define EVENT_FEATURE_RESOURCES "ressources"
#define EVENT_FEATURE_VIDEOS "videos"
#define EVENT_FEATURE_DICTIONARIES "dictionnaires"
#define EVENT_FEATURE_TUTORING "tutorat"
#define EVENT_FEATURE_SURVEYS "enquetes"

#define EVENT_ACTION_SIGN_IN "sign-in"
#define EVENT_ACTION_SIGN_OUT "sign-out"
#define EVENT_ACTION_HIDE "hide"       /* pagehide beacon of a page */
#define EVENT_ACTION_PAGE "page"       /* a page of the feature was shown */
#define EVENT_ACTION_START "start"     /* activity shown, ready to answer */
#define EVENT_ACTION_SUBMIT "submit"   /* activity answered; value = score % */
#define EVENT_ACTION_OPEN "open"       /* resource opened */
#define EVENT_ACTION_PLAY "play"       /* video played; value = seconds */
#define EVENT_ACTION_SEARCH "search"   /* dictionary search */
#define EVENT_ACTION_MESSAGE "message" /* tutoring message sent */
#define EVENT_ACTION_ANSWER "answer"   /* survey answered */

/* A submitted activity counts as passed from this score (percent). */
#define EVENT_PASS_PERCENT 50

/* Record an event of the signed-in person of `r`, in their current
 * connection. Does nothing for a signed-out request. Never blocks on the
 * database, and is safe from any thread. */
void event_record(struct request *r, const char *feature, const char *action, const char *object);
/* The same with a value (see above). */
void event_record_value(struct request *r, const char *feature, const char *action, const char *object,
			int64_t value);
/* Record an activity submit with its score as a whole percentage. */
void event_record_submit(struct request *r, const char *activity_id, double score, int max_score);
/* The same without a request, for background work or right after a
 * sign-in: `session_token` is the cookie token of the session the event
 * belongs to, or NULL for an event outside any connection. */
void event_record_account(int64_t account_id, const char *session_token, const char *feature,
			  const char *action, const char *object, int64_t value);

/* The feature a page belongs to, from its route pattern: "activites" for
 * "/activite/:id", "statistiques" for "/statistiques/...", and otherwise
 * the first path segment ("admin", "groupe"). Static storage. */
const char *event_page_feature(const char *pattern);

/* The connection id of a session token: the first 62 bits of its
 * SHA-256, so the token itself is never stored twice. */
int64_t event_connection_id(const char *session_token);

/* Start the flusher thread on its own connection to `db_url`, and the
 * rollup thread on another, which rebuilds the rollups of yesterday and
 * today (eval/rollup.h) when due and fills new partner indicators
 * (eval/partner_rollup.h). Without them (command-line tools, tests),
 * events wait until event_flush(). */
int event_start(const char *db_url);
/* Write what is queued and stop both threads. */
void event_stop(void);
/* Ask the rollup thread to look for work now (a new partner indicator)
 * rather than within a second. */
void event_rollup_wake(void);
/* Write every queued event now through `db`, in one transaction. Returns
 * the number written, or -1 (the events are put back in the queue). */
int event_flush(struct db *db);
/* Events dropped because the queue was full, since the start. */
int64_t event_dropped(void);

#endif
