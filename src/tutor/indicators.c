/* Tutoring indicators: questions per day, first-answer times, questions
 * left unanswered. */
#include "tutor/tutor.h"

#include <stdlib.h>
#include <string.h>

static int delay_compare(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile `p` (1 to 100) of sorted `v`. */
static int64_t percentile(const int64_t *v, size_t n, int p)
{
	size_t rank = (n * (size_t)p + 99) / 100;

	if (n == 0)
		return -1;
	if (rank == 0)
		rank = 1;
	return v[rank - 1];
}

int tutor_stats_compute(struct db *db, int64_t since, int64_t now, int64_t tuteur_id, struct tutor_stats *out)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT created_at, coalesce(first_answer_at, 0), coalesce(first_answer_by, 0), coalesce(claimed_by, 0) "
		"FROM tutoring_question WHERE created_at >= ? AND created_at <= ?");
	int64_t *delays = NULL, *grown;
	size_t n = 0, cap = 0;
	enum db_step step;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int(st, 1, since);
	db_bind_int(st, 2, now);
	while ((step = db_step(st)) == DB_ROW) {
		int64_t created = db_column_int(st, 0), answered = db_column_int(st, 1);
		int64_t by = db_column_int(st, 2), claimer = db_column_int(st, 3);

		if (tuteur_id && by != tuteur_id && claimer != tuteur_id)
			continue;
		out->questions++;
		if (created <= now - TUTOR_UNANSWERED_SECONDS && (!answered || answered - created > TUTOR_UNANSWERED_SECONDS))
			out->unanswered_24h++;
		if (!answered || (tuteur_id && by != tuteur_id))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(delays, cap * sizeof(*delays));
			if (!grown) {
				step = DB_ERROR;
				break;
			}
			delays = grown;
		}
		delays[n++] = answered - created;
	}
	db_reset(st);
	if (n)
		qsort(delays, n, sizeof(*delays), delay_compare);
	out->answered = (int64_t)n;
	out->median_first_answer = percentile(delays, n, 50);
	out->p90_first_answer = percentile(delays, n, 90);
	free(delays);
	return step == DB_DONE ? 0 : -1;
}

/* Midnight (Paris) of the day `when` falls in. */
static time_t day_start(time_t when)
{
	struct tm tm;

	localtime_r(&when, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int tutor_questions_per_day(struct db *db, int64_t now, int64_t *counts, int days)
{
	time_t starts[days];
	struct db_stmt *st;
	enum db_step step;
	int d;

	if (days <= 0)
		return -1;
	/* Midnights by the calendar, so days of 23 or 25 hours count right:
	 * day d runs from starts[d] to starts[d + 1], today to now. */
	starts[days - 1] = day_start((time_t)now);
	for (d = days - 2; d >= 0; d--)
		starts[d] = day_start(starts[d + 1] - 12 * 3600);
	memset(counts, 0, sizeof(*counts) * (size_t)days);
	st = db_prepare(db, "SELECT created_at FROM tutoring_question WHERE created_at >= ? AND created_at <= ?");
	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)starts[0]);
	db_bind_int(st, 2, now);
	while ((step = db_step(st)) == DB_ROW) {
		int64_t at = db_column_int(st, 0);

		for (d = days - 1; d > 0 && at < (int64_t)starts[d]; d--)
			;
		counts[d]++;
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}
