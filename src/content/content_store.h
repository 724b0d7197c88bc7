/*
 * content_store: the content base in the database. `ardoise init` copies
 * every content file into the activity table, one row per (id, version);
 * the server reads the current versions back at start, and any earlier
 * version when it shows an old attempt.
 */
#ifndef ARDOISE_CONTENT_CONTENT_STORE_H
#define ARDOISE_CONTENT_CONTENT_STORE_H

#include <stdio.h>

#include "content/catalog.h"
#include "store/db.h"

/* Store every entry of `c` and its referential in one transaction and
 * mark the entries current.
 * An (id, version) already stored with a different text is rejected: the
 * author must raise the version. Problems go to `errors` as
 * "path: message"; returns the number of problems, or -1 on a database
 * error. Nothing is written unless there are no problems. */
int content_store_save(struct db *db, const struct catalog *c, FILE *errors);
/* Fill `c` with the current version of every content and with the stored
 * referential. Returns 0 or -1. */
int content_store_read(struct db *db, struct catalog *c);
/* Parse version `version` of activity `id`; NULL if absent or unreadable. */
struct activity *content_store_version(struct db *db, const char *id, int version);

#endif
