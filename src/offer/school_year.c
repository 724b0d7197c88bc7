/* School years and the tutoring seats of the current one. */
#include "offer/offer.h"

#include <stdio.h>

void offer_school_year(time_t when, char *out, size_t size)
{
	struct tm tm;
	int first;

	/* A school year changes on 1 September at midnight in Paris; UTC+2
	 * then, so add two hours to the UTC date. */
	when += 2 * 3600;
	gmtime_r(&when, &tm);
	first = tm.tm_year + 1900 - (tm.tm_mon < 8 ? 1 : 0);
	snprintf(out, size, "%d-%d", first, first + 1);
}

bool offer_child_has_tutoring(struct db *db, int64_t child_id, time_t now)
{
	char year[24];
	struct db_stmt *st;
	enum db_step step;

	offer_school_year(now, year, sizeof(year));
	st = db_prepare(db, "SELECT 1 FROM tutoring_seat WHERE child_id = ? AND school_year = ?");
	if (!st)
		return false;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, year);
	step = db_step(st);
	db_reset(st);
	return step == DB_ROW;
}
