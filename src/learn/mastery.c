/* Knowledge tracing, the four levels and the review schedule. */
#include "learn/mastery.h"

#include <stdlib.h>
#include <string.h>

/* One parameter set for every competency, fitted on the training file of
 * the de-duplicated ASSISTments 2009-2010 data by bench/mastery.sh (the
 * line "one set fitted on train"); see docs/maitrise.md. */
const struct bkt_params mastery_default_params = {
	.known0 = 0.70,
	.learn = 0.13,
	.forget = 0.02,
	.guess = 0.20,
	.slip = 0.20,
};

double bkt_predict(const struct bkt_params *p, double known)
{
	return known * (1.0 - p->slip) + (1.0 - known) * p->guess;
}

double bkt_update(const struct bkt_params *p, double known, bool right)
{
	double knew, denominator;

	if (right) {
		denominator = known * (1.0 - p->slip) + (1.0 - known) * p->guess;
		knew = denominator > 0 ? known * (1.0 - p->slip) / denominator : known;
	} else {
		denominator = known * p->slip + (1.0 - known) * (1.0 - p->guess);
		knew = denominator > 0 ? known * p->slip / denominator : known;
	}
	return knew * (1.0 - p->forget) + (1.0 - knew) * p->learn;
}

const char *mastery_level_label(enum mastery_level level)
{
	switch (level) {
	case MASTERY_TO_DISCOVER:
		return "à découvrir";
	case MASTERY_IN_PROGRESS:
		return "en cours";
	case MASTERY_ACQUIRED:
		return "acquis";
	case MASTERY_MASTERED:
		return "maîtrisé";
	}
	return "?";
}

const char *mastery_level_class(enum mastery_level level)
{
	switch (level) {
	case MASTERY_TO_DISCOVER:
		return "niveau-decouvrir";
	case MASTERY_IN_PROGRESS:
		return "niveau-en-cours";
	case MASTERY_ACQUIRED:
		return "niveau-acquis";
	case MASTERY_MASTERED:
		return "niveau-maitrise";
	}
	return "";
}

int64_t mastery_review_delay(int step)
{
	static const int days[MASTERY_REVIEW_STEPS] = { 1, 3, 7, 14, 30 };

	if (step < 0)
		step = 0;
	if (step >= MASTERY_REVIEW_STEPS)
		step = MASTERY_REVIEW_STEPS - 1;
	return (int64_t)days[step] * 86400;
}

void mastery_answer(struct mastery_state *s, const struct bkt_params *p, bool right, int64_t now)
{
	bool due = s->next_review > 0 && now >= s->next_review;

	s->known = bkt_update(p, s->answers == 0 ? p->known0 : s->known, right);
	s->answers++;
	s->right += right;
	s->last_answer = now;
	if (s->level >= MASTERY_ACQUIRED) {
		if (!right) {
			s->level = MASTERY_IN_PROGRESS;
			s->review_step = 0;
			s->next_review = 0;
		} else if (due) {
			s->level = MASTERY_MASTERED;
			if (s->review_step < MASTERY_REVIEW_STEPS - 1)
				s->review_step++;
			s->next_review = now + mastery_review_delay(s->review_step);
		}
		return;
	}
	if (s->known >= MASTERY_ACQUIRED_AT && s->answers >= MASTERY_MIN_ANSWERS) {
		s->level = MASTERY_ACQUIRED;
		s->review_step = 0;
		s->next_review = now + mastery_review_delay(0);
	} else {
		s->level = MASTERY_IN_PROGRESS;
	}
}

int mastery_load(struct db *db, int64_t child_id, const char *competency, struct mastery_state *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT known, answers, right_answers, level, review_step, last_answer, next_review "
					    "FROM mastery WHERE child_id = ? AND competency = ?");
	enum db_step step;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, competency);
	step = db_step(st);
	if (step == DB_ROW) {
		out->known = db_column_double(st, 0);
		out->answers = (int)db_column_int(st, 1);
		out->right = (int)db_column_int(st, 2);
		out->level = (enum mastery_level)db_column_int(st, 3);
		out->review_step = (int)db_column_int(st, 4);
		out->last_answer = db_column_int(st, 5);
		out->next_review = db_column_int(st, 6);
	}
	db_reset(st);
	return db_found(step);
}

static int mastery_store(struct db *db, int64_t child_id, const char *competency, const struct mastery_state *s)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO mastery (child_id, competency, known, answers, right_answers, level, "
					    "review_step, last_answer, next_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
					    "ON CONFLICT (child_id, competency) DO UPDATE SET known = excluded.known, "
					    "answers = excluded.answers, right_answers = excluded.right_answers, level = excluded.level, "
					    "review_step = excluded.review_step, last_answer = excluded.last_answer, "
					    "next_review = excluded.next_review");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, competency);
	db_bind_double(st, 3, s->known);
	db_bind_int(st, 4, s->answers);
	db_bind_int(st, 5, s->right);
	db_bind_int(st, 6, s->level);
	db_bind_int(st, 7, s->review_step);
	db_bind_int(st, 8, s->last_answer);
	db_bind_int(st, 9, s->next_review);
	step = db_step(st);
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int mastery_record(struct db *db, int64_t child_id, const char *const *competencies, size_t competency_count,
		   const bool *right, size_t answer_count, int64_t now)
{
	struct mastery_state s;
	size_t c, a;

	for (c = 0; c < competency_count; c++) {
		if (mastery_load(db, child_id, competencies[c], &s) < 0)
			return -1;
		for (a = 0; a < answer_count; a++)
			mastery_answer(&s, &mastery_default_params, right[a], now);
		if (answer_count > 0 && mastery_store(db, child_id, competencies[c], &s) < 0)
			return -1;
	}
	return 0;
}

int mastery_answers_add(struct mastery_answers *m, bool right)
{
	bool *grown = realloc(m->right, (m->count + 1) * sizeof(*grown));

	if (!grown)
		return -1;
	m->right = grown;
	m->right[m->count++] = right;
	return 0;
}

int mastery_answers_competencies(struct mastery_answers *m, const char *const *codes, size_t count)
{
	size_t i;

	m->competencies = calloc(count ? count : 1, sizeof(*m->competencies));
	if (!m->competencies)
		return -1;
	for (i = 0; i < count; i++) {
		m->competencies[i] = strdup(codes[i]);
		if (!m->competencies[i])
			return -1;
		m->competency_count++;
	}
	return 0;
}

int mastery_answers_record(struct db *db, int64_t child_id, const struct mastery_answers *m, int64_t now)
{
	return mastery_record(db, child_id, (const char *const *)m->competencies, m->competency_count, m->right,
			      m->count, now);
}

void mastery_answers_release(struct mastery_answers *m)
{
	size_t i;

	for (i = 0; i < m->competency_count; i++)
		free(m->competencies[i]);
	free(m->competencies);
	free(m->right);
	memset(m, 0, sizeof(*m));
}
