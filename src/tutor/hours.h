/*
 * hours: the opening hours of tutoring, one interval per weekday in
 * Europe/Paris time, stored in the database and set by the opérateur.
 * Outside them a child may still ask; the answer comes at the next opening.
 * Times are read with localtime_r, so the process must run with
 * TZ=Europe/Paris (main() sets it).
 */
#ifndef ARDOISE_TUTOR_HOURS_H
#define ARDOISE_TUTOR_HOURS_H

#include <stdbool.h>
#include <time.h>

#include "store/db.h"

/* Minutes since midnight; opens[d] < 0 when closed on weekday d
 * (0 = Sunday, as struct tm counts). */
struct tutor_hours {
	int opens[7];
	int closes[7];
};

/* Load the hours; a weekday without a row is closed. Returns 0 or -1. */
int tutor_hours_load(struct db *db, struct tutor_hours *out);
/* Replace every weekday's hours in one transaction. Returns 0 or -1. */
int tutor_hours_save(struct db *db, const struct tutor_hours *h);
/* Parse "16:30" or "9h05" into minutes since midnight (0 to 1440); -1 when
 * invalid. */
int tutor_hours_parse_time(const char *text);
bool tutor_hours_open_at(const struct tutor_hours *h, time_t when);
/* The next opening strictly after `when` within a week, or -1 when every
 * day is closed. */
time_t tutor_hours_next_opening(const struct tutor_hours *h, time_t when);

#endif
