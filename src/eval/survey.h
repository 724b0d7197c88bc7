/*
 * survey: satisfaction surveys. An opérateur (national) or an
 * administrateur (one structure) builds a survey for children, families or
 * the adults of structures. People answer or skip it ("Pas maintenant"),
 * and the results give the counts and distribution of each question.
 *
 * Children's surveys have at most SURVEY_CHILD_QUESTIONS questions and are
 * never forced: every question may stay empty, and a skip is recorded so
 * the child is not asked again for SURVEY_SKIP_DAYS days.
 */
#ifndef ARDOISE_EVAL_SURVEY_H
#define ARDOISE_EVAL_SURVEY_H

#include <stdbool.h>
#include <stdint.h>

#include "org/people.h"
#include "store/db.h"

#define SURVEY_MAX_QUESTIONS 6
#define SURVEY_CHILD_QUESTIONS 3
#define SURVEY_MAX_CHOICES 6
#define SURVEY_TITLE_MAX 120
#define SURVEY_PROMPT_MAX 200
#define SURVEY_TEXT_MAX 500   /* bytes of a free-text answer */
#define SURVEY_CODE_CHARS 8
#define SURVEY_SKIP_DAYS 7
#define SURVEY_SCALE_MAX 5    /* scale questions: 1 to 5 */
#define SURVEY_SMILEYS 3      /* smiley questions: 1 (sad) to 3 (happy) */

enum survey_kind { SURVEY_SMILEYS_KIND, SURVEY_SCALE, SURVEY_CHOICE, SURVEY_TEXT };

struct survey_question {
	enum survey_kind kind;
	char prompt[SURVEY_PROMPT_MAX + 1];
	char choices[SURVEY_MAX_CHOICES][64];
	int choice_count;
};

struct survey {
	int64_t id;
	char audience[16];    /* enfants, familles or structures */
	int64_t structure_id; /* 0 = national */
	char title[SURVEY_TITLE_MAX + 1];
	char code[SURVEY_CODE_CHARS + 1];
	struct survey_question questions[SURVEY_MAX_QUESTIONS];
	int question_count;
};

/* The builder's form as typed: kinds "smileys", "scale", "choice", "text"
 * or "" for an unused question; choices separated by ";". */
struct survey_input {
	const char *title;
	const char *audience;
	int64_t structure_id;
	const char *kinds[SURVEY_MAX_QUESTIONS];
	const char *prompts[SURVEY_MAX_QUESTIONS];
	const char *choices[SURVEY_MAX_QUESTIONS];
};

/* Question kinds by enum survey_kind, as stored. */
extern const char *const survey_kind_names[];

bool survey_check(const struct survey_input *in, struct survey *out, struct field_errors *errors);
/* Store a checked survey with a new random code. Returns the id or -1. */
int64_t survey_create(struct db *db, struct survey *s, int64_t author_id);
/* Load by id or by code. Returns 1 when found, 0 when not, -1 on error. */
int survey_load(struct db *db, int64_t id, struct survey *out);
int survey_load_by_code(struct db *db, const char *code, struct survey *out);

/* Check the answers (values by question, NULL or "" = not answered) and
 * store them, or a skip when `skip` is true or nothing was answered.
 * `account_id` is 0 for a family. Returns 1 stored, 0 invalid answers
 * (nothing stored, `message` filled), -1 database error. */
int survey_answer(struct db *db, const struct survey *s, int64_t account_id, bool skip,
		  const char *const *values, char *message, size_t size);

/* The children's survey to offer this child now, or 0: active, for the
 * child's structure or national, neither answered nor skipped in the last
 * SURVEY_SKIP_DAYS days. */
int64_t survey_for_child(struct db *db, int64_t child_id, int64_t structure_id, int64_t now);

/* Results of one question: how many gave each value (index 1..), and the
 * free texts through `each_text`. */
struct survey_tally {
	int64_t responses, skipped;
	int64_t counts[SURVEY_MAX_QUESTIONS][SURVEY_MAX_CHOICES + 1];
	int64_t answered[SURVEY_MAX_QUESTIONS];
};
int survey_results(struct db *db, const struct survey *s, struct survey_tally *out,
		   void (*each_text)(int position, const char *text, void *ctx), void *ctx);

#endif
