/*
 * mastery: what a child knows of each competency, estimated by Bayesian
 * knowledge tracing with forgetting, and the spaced review that brings an
 * acquired competency back. The model, its parameters and how they were
 * fitted are described in docs/maitrise.md.
 *
 * The estimate is the probability that the child knows the competency. It
 * changes at each graded question: first by Bayes' rule on the answer
 * (a child who knows may slip, one who does not may guess), then by the
 * chance of learning from the question and of forgetting.
 */
#ifndef ARDOISE_LEARN_MASTERY_H
#define ARDOISE_LEARN_MASTERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct bkt_params {
	double known0; /* probability of knowing before any answer */
	double learn;  /* of learning from one question, when not known */
	double forget; /* of forgetting between two questions, when known */
	double guess;  /* of a right answer without knowing */
	double slip;   /* of a wrong answer while knowing */
};

/* The parameters Ardoise uses for every competency (see docs/maitrise.md). */
extern const struct bkt_params mastery_default_params;

/* Probability that the next answer is right, given `known`. */
double bkt_predict(const struct bkt_params *p, double known);
/* The estimate after one answer. */
double bkt_update(const struct bkt_params *p, double known, bool right);

/* The four levels shown to people. */
enum mastery_level {
	MASTERY_TO_DISCOVER, /* "à découvrir": no answer yet */
	MASTERY_IN_PROGRESS, /* "en cours" */
	MASTERY_ACQUIRED,    /* "acquis": the estimate passed MASTERY_ACQUIRED_AT */
	MASTERY_MASTERED,    /* "maîtrisé": acquired, and still right at a review */
};

#define MASTERY_ACQUIRED_AT 0.85
#define MASTERY_MIN_ANSWERS 3 /* acquis needs at least this many answers */
#define MASTERY_REVIEW_STEPS 5

/* French label of a level ("à découvrir", ...). */
const char *mastery_level_label(enum mastery_level level);
/* The CSS class of a level ("niveau-decouvrir", ...). */
const char *mastery_level_class(enum mastery_level level);

/* A child's state on one competency. */
struct mastery_state {
	double known;         /* the BKT estimate */
	int answers;          /* graded questions seen */
	int right;            /* of which right */
	enum mastery_level level;
	int review_step;      /* reviews passed since the level became acquis */
	int64_t last_answer;  /* Unix time */
	int64_t next_review;  /* Unix time; 0 while not acquired */
};

/* Delay before the review that follows `step` reviews passed: 1, 3, 7, 14
 * then 30 days. */
int64_t mastery_review_delay(int step);

/* Apply one graded answer given at `now` to `s` (a zeroed state is a
 * competency never seen). The competency becomes acquis, with a review
 * date, when the estimate reaches MASTERY_ACQUIRED_AT after at least
 * MASTERY_MIN_ANSWERS answers. A right answer on or after the review date
 * passes the review: maîtrisé, and a longer delay each time. A wrong
 * answer on an acquis or maîtrisé competency brings it back to en cours. */
void mastery_answer(struct mastery_state *s, const struct bkt_params *p, bool right, int64_t now);

/* Load the state of `child_id` on `competency` (zeroed when never seen).
 * Returns 1 found, 0 not, -1 on a database error. */
int mastery_load(struct db *db, int64_t child_id, const char *competency, struct mastery_state *out);
/* Apply the answers of one attempt to the stored states, inside the
 * caller's transaction: `right` has one entry a graded question, in order,
 * applied to each of the `competency_count` competencies. Returns 0 or -1. */
int mastery_record(struct db *db, int64_t child_id, const char *const *competencies, size_t competency_count,
		   const bool *right, size_t answer_count, int64_t now);

/* The graded answers of one attempt and the competencies of its activity,
 * gathered on the event loop and recorded by the writer. Zero it first. */
struct mastery_answers {
	bool *right;
	size_t count;
	char **competencies;
	size_t competency_count;
};

/* Append one graded answer. Returns 0, or -1 when out of memory. */
int mastery_answers_add(struct mastery_answers *m, bool right);
/* Copy the activity's competency codes. Returns 0 or -1. */
int mastery_answers_competencies(struct mastery_answers *m, const char *const *codes, size_t count);
/* Record the gathered answers with mastery_record(). */
int mastery_answers_record(struct db *db, int64_t child_id, const struct mastery_answers *m, int64_t now);
void mastery_answers_release(struct mastery_answers *m);

#endif
