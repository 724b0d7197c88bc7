#include "learn/video_progress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void intervals_format(const struct interval *v, size_t n, char *out, size_t size)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%.2f-%.2f", i ? "," : "", v[i].start, v[i].end);
}

/* Stored ranges of (child, video) into v; returns 0 or -1. */
static int stored_intervals(struct db *db, int64_t child_id, const char *video_id,
			    struct interval *v, size_t *n, double duration)
{
	struct db_stmt *st = db_prepare(db, "SELECT intervals FROM video_progress WHERE child_id = ? AND video_id = ?");
	enum db_step step;
	int rc = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, video_id);
	step = db_step(st);
	/* Stored text was written by intervals_format: a parse failure means
	 * the duration shrank, and the ranges past it are dropped. */
	if (step == DB_ROW && intervals_parse(db_column_text(st, 0), duration, v, n, VIDEO_MAX_INTERVALS) < 0)
		*n = 0;
	if (step == DB_ERROR)
		rc = -1;
	db_reset(st);
	return rc;
}

int video_progress_record(struct db *db, int64_t child_id, const char *video_id,
			  const char *played, double duration,
			  struct video_progress *out)
{
	struct interval v[2 * VIDEO_MAX_INTERVALS];
	char text[VIDEO_MAX_INTERVALS * 24];
	struct db_stmt *st;
	size_t n = 0;
	int rc;

	if (!isfinite(duration) || duration <= 0 || duration > VIDEO_MAX_DURATION_SECONDS)
		return 1;
	if (stored_intervals(db, child_id, video_id, v, &n, duration) < 0)
		return -1;
	if (intervals_parse(played, duration, v, &n, 2 * VIDEO_MAX_INTERVALS) < 0)
		return 1;
	n = intervals_merge(v, n);
	if (n > VIDEO_MAX_INTERVALS)
		return 1;
	intervals_format(v, n, text, sizeof(text));
	out->seconds_played = intervals_total(v, n);
	out->duration = duration;

	st = db_prepare(db, "INSERT INTO video_progress (child_id, video_id, intervals, seconds_played, duration, updated_at) "
			    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (child_id, video_id) DO UPDATE SET "
			    "intervals = excluded.intervals, seconds_played = excluded.seconds_played, "
			    "duration = excluded.duration, updated_at = excluded.updated_at");
	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, video_id);
	db_bind_text(st, 3, text);
	db_bind_double(st, 4, out->seconds_played);
	db_bind_double(st, 5, duration);
	db_bind_int(st, 6, (int64_t)time(NULL));
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int video_progress_get(struct db *db, int64_t child_id, const char *video_id,
		       struct video_progress *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT seconds_played, duration FROM video_progress WHERE child_id = ? AND video_id = ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, video_id);
	step = db_step(st);
	if (step == DB_ROW) {
		out->seconds_played = db_column_double(st, 0);
		out->duration = db_column_double(st, 1);
	}
	db_reset(st);
	if (step == DB_ERROR)
		return -1;
	return step == DB_ROW ? 0 : 1;
}

int video_progress_each(struct db *db, int64_t child_id,
			void (*each)(const struct video_progress_row *row, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT video_id, intervals, seconds_played, duration, updated_at "
					    "FROM video_progress WHERE child_id = ? ORDER BY video_id");
	struct video_progress_row row;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	while ((step = db_step(st)) == DB_ROW) {
		row.video_id = db_column_text(st, 0);
		row.intervals = db_column_text(st, 1);
		row.seconds_played = db_column_double(st, 2);
		row.duration = db_column_double(st, 3);
		row.updated_at = db_column_int(st, 4);
		each(&row, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}
