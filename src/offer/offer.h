/*
 * offer: what a child's licence gives them. A school year runs from
 * 1 September to 31 August and is written "2026-2027".
 */
#ifndef ARDOISE_OFFER_OFFER_H
#define ARDOISE_OFFER_OFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

/* Write the school year that contains `when` (Europe/Paris calendar date)
 * into `out` as "2026-2027". `size` should be at least 24 (10 are used for years 1000 to 9998). */
void offer_school_year(time_t when, char *out, size_t size);
/* Whether `child_id` holds a tutoring seat for the school year of `now`.
 * A database error counts as no seat. */
bool offer_child_has_tutoring(struct db *db, int64_t child_id, time_t now);

#endif
