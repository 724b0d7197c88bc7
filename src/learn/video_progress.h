/*
 * video_progress: what a child has actually watched of a video. The player
 * reports the time ranges it has played (HTML video.played); the server
 * merges them with the ranges stored before, so skipping to the end counts
 * only the seconds really played.
 */
#ifndef ARDOISE_LEARN_VIDEO_PROGRESS_H
#define ARDOISE_LEARN_VIDEO_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define VIDEO_MAX_INTERVALS 64
#define VIDEO_MAX_RANGES_BYTES 2000  /* the "played" text sent by the player */
#define VIDEO_MAX_DURATION_SECONDS (4 * 3600)
/* Ranges closer than this are joined: the player reports positions about
 * four times a second. */
#define VIDEO_JOIN_GAP_SECONDS 0.3

struct interval {
	double start; /* seconds */
	double end;   /* seconds, > start */
};

/*
 * Parse "START-END,START-END" (seconds, decimal point) and append the
 * ranges to v[*n..max). Ranges are clamped to [0, duration]; empty ones are
 * dropped. Returns 0, or -1 when the text is malformed or has too many
 * ranges.
 */
int intervals_parse(const char *text, double duration, struct interval *v,
		    size_t *n, size_t max);
/* Sort and merge overlapping or nearly touching ranges in place; returns
 * the new count. */
size_t intervals_merge(struct interval *v, size_t n);
/* Total length of the ranges, in seconds. */
double intervals_total(const struct interval *v, size_t n);

struct video_progress {
	double seconds_played;
	double duration;
};

/*
 * Merge `played` into the stored ranges of (child, video) and store the
 * result. Returns 0 with *out filled, 1 when `played` or `duration` is
 * invalid (nothing stored), or -1 on a database error.
 */
int video_progress_record(struct db *db, int64_t child_id, const char *video_id,
			  const char *played, double duration,
			  struct video_progress *out);

/* One video a child has played, for the personal data export. */
struct video_progress_row {
	const char *video_id; /* valid during the callback */
	const char *intervals; /* "START-END,..." in seconds */
	double seconds_played;
	double duration;
	int64_t updated_at;
};

/* Call `each` for every video the child has played, by video id.
 * Returns 0 or -1. */
int video_progress_each(struct db *db, int64_t child_id,
			void (*each)(const struct video_progress_row *row, void *ctx), void *ctx);

/* The stored progress of (child, video): 0 found, 1 absent, -1 error. */
int video_progress_get(struct db *db, int64_t child_id, const char *video_id,
		       struct video_progress *out);

#endif
