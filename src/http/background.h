/*
 * background: long jobs that outlive the request which started them, such
 * as a class-list import of thousands of children, each on its own thread
 * with its own database connection. The page that starts one answers at
 * once and the job reports progress through its own shared state.
 *
 * The worker pool (request_defer) is not used for this: its few threads are
 * sized for short jobs such as password hashing, and a deferred request
 * holds its HTTP response until the work ends.
 */
#ifndef ARDOISE_HTTP_BACKGROUND_H
#define ARDOISE_HTTP_BACKGROUND_H

#include <stdbool.h>

#include "store/db.h"

/* Max jobs running at once: background_start() rejects more. */
#define BACKGROUND_MAX_JOBS 5 /* four imports and the xAPI sender */

/* Store the server's database URL. Call it before the first job. */
void background_init(const char *db_url);
/* Run `run(arg, db)` on a new thread with a new connection that is closed
 * afterwards. `run` owns `arg`. Returns 0, or -1 (and `run` is not called)
 * when BACKGROUND_MAX_JOBS run already, the server is stopping, or the
 * connection or thread cannot be made. */
int background_start(void (*run)(void *arg, struct db *db), void *arg);
/* True once the server stops: a job should roll back and return soon. */
bool background_stopping(void);
/* Ask the jobs to stop and wait until every one has returned. */
void background_stop(void);

#endif
