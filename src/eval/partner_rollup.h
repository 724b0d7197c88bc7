/*
 * partner_rollup: the figures of the partner indicators computed from
 * events (eval/partner.h), summed per indicator, so a dashboard reads a few
 * rows instead of the events of its period. The tables (migration 025):
 * partner_day has the events and distinct children per Paris day.
 * partner_month and partner_year have the events, the distinct children,
 * and the children as a set (eval/child_set.h) with the mask of their days.
 *
 * An event counts on its own Paris day. The level and group filters, and
 * the structures of an organisation, are read when the day is rolled up:
 * a child who moves up a level keeps last year's figures under last
 * year's level.
 *
 * A new indicator is filled month by month from the month of the first
 * event, one month per call of partner_backfill_step, so a national
 * indicator never keeps the database busy for long. Until the current
 * month is filled, its figures are "being computed" (partner_compute
 * returns 1).
 */
#ifndef ARDOISE_EVAL_PARTNER_ROLLUP_H
#define ARDOISE_EVAL_PARTNER_ROLLUP_H

#include <stdint.h>

#include "store/db.h"

/* Roll up the Paris days from_day..to_day of every computed indicator
 * whose months holding them are already filled. Returns 0 or -1. */
int partner_rollup_days(struct db *db, int64_t from_day, int64_t to_day);

/* Fill the next month of one indicator still being filled, at time `now`.
 * Returns 1 when a month was filled, 0 when none is left, -1 on error. */
int partner_backfill_step(struct db *db, int64_t now);

#endif
