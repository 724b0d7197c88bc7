/*
 * rollup: the daily and monthly sums the dashboards read, rebuilt from the
 * usage events of children (role élève) with the connection rules of
 * eval/connection.h. Every figure of a connection, its events included, is
 * counted on the Paris day the connection started.
 *
 * Tables (migration 010): usage_child_day and usage_child_month (one row
 * per child, structure and day or month; a month row also contains the masks
 * of its active days and of its days with a tutoring message, migration
 * 019), usage_child_year (per child, structure and school year),
 * usage_structure_day (per structure and day), usage_duration_day and
 * _month (connections per whole minute of duration, for the median),
 * usage_feature_day and _month.
 */
#ifndef ARDOISE_EVAL_ROLLUP_H
#define ARDOISE_EVAL_ROLLUP_H

#include <stdint.h>

#include "store/db.h"

/* Events this long before the first day are read too, so a connection that
 * started the evening before is recognised and left to its own day. */
#define ROLLUP_LOOKBACK_SECONDS (24 * 3600)
/* Days rebuilt at most when the server catches up after a stop. Older
 * days need `ardoise indicateurs`. */
#define ROLLUP_CATCH_UP_DAYS 31
/* Rebuild period of the server, in seconds (see rollup_maybe_refresh). */
#define ROLLUP_DEFAULT_INTERVAL 300

/* Rebuild the rollups of Paris days from_day..to_day (inclusive) and of
 * the months that contain them, in one transaction, with the idle time
 * `idle_seconds`. Returns 0, or -1 (logged, and nothing changed). */
int rollup_refresh(struct db *db, int64_t from_day, int64_t to_day, int64_t idle_seconds);

/* Rebuild yesterday and today (Paris), and the days since the last
 * rebuild after a stop (ROLLUP_CATCH_UP_DAYS at most), when the last
 * rebuild of this process is older than the interval set by
 * rollup_interval_set. The event flusher calls it.
 * Returns 1 when it rebuilt, 0 when not due, -1 on failure. */
int rollup_maybe_refresh(struct db *db, int64_t now);
void rollup_interval_set(int64_t seconds);
/* Time of the last rebuild, 0 if none. */
int64_t rollup_refreshed_at(struct db *db);

#endif
