/*
 * attempt: a child's submitted answers to one version of an activity, with
 * the score. Saving is idempotent on (child, idempotency key): the form
 * carries a random key, so a double click or a retried request stores one
 * attempt and returns the same id.
 */
#ifndef ARDOISE_LEARN_ATTEMPT_H
#define ARDOISE_LEARN_ATTEMPT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

#define ATTEMPT_MAX_SECONDS (4 * 3600) /* longer spans are cut to this */

struct attempt {
	int64_t id;
	int64_t account_id;
	char activity_id[128];
	int activity_version;
	char *answers_json; /* owned; free with attempt_release() */
	double score;
	int max_score;
	int64_t started_at;
	int64_t submitted_at;
	bool has_seed;       /* a generated activity: its questions come from `seed` */
	uint64_t seed;
};

/* Store the attempt in one transaction, unless an attempt with the same
 * key exists. Fills `id_out` with the stored (or earlier) attempt's id.
 * Returns 1 when a new attempt was stored, 0 for a repeat, -1 on error. */
int attempt_save(struct db *db, const struct attempt *a, const char *key,
		 const char *results_json, int64_t *id_out);
/* The same inside the caller's transaction (the writer's group commit). */
int attempt_store(struct db *db, const struct attempt *a, const char *key,
		  const char *results_json, int64_t *id_out);
/* Load the attempt `id` of `account_id`; 1 found, 0 not (or not theirs), -1. */
int attempt_load(struct db *db, int64_t id, int64_t account_id, struct attempt *out);
void attempt_release(struct attempt *a);

/* A line of "Mes résultats". */
struct attempt_summary {
	int64_t id;
	const char *activity_id;
	const char *title;
	const char *subject;
	double score;
	int max_score;
	int64_t submitted_at;
	int64_t seconds;
};

/* Call `each` for the child's attempts, newest first (at most `limit`). */
int attempt_list(struct db *db, int64_t account_id, int limit,
		 void (*each)(const struct attempt_summary *s, void *ctx), void *ctx);

#endif
