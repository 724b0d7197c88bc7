/*
 * Replays student-response data in time order and measures how well the
 * mastery model predicts each next answer (AUC and RMSE), beside a
 * per-skill marginal baseline. See bench/mastery.sh and docs/maitrise.md.
 *
 *   mastery-replay kt TRAIN TEST        ASSISTments format (three lines a student)
 *   mastery-replay matrix FILE [INFO]   one student a line of 0/1 answers to the
 *                                       same exercises, the first half of the
 *                                       students for fitting, the second for
 *                                       testing; skills are the exercises, or
 *                                       the hidden concepts of INFO
 *   mastery-replay simulate STUDENTS SKILLS ANSWERS SEED
 *                                       students drawn from known parameters
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/mastery.h"

struct response {
	int skill;
	bool right;
};

struct student {
	size_t first; /* index of the first response in the data set */
	size_t count;
};

struct data_set {
	struct response *responses;
	size_t response_count, response_cap;
	struct student *students;
	size_t student_count, student_cap;
	int skill_count; /* skills are 0 .. skill_count - 1 */
};

static void *grow(void *array, size_t *cap, size_t need, size_t item)
{
	if (need <= *cap)
		return array;
	*cap = need * 2 + 64;
	array = realloc(array, *cap * item);
	if (!array) {
		perror("realloc");
		exit(2);
	}
	return array;
}

static void add_response(struct data_set *d, int skill, bool right)
{
	d->responses = grow(d->responses, &d->response_cap, d->response_count + 1, sizeof(*d->responses));
	d->responses[d->response_count++] = (struct response){ skill, right };
	d->students[d->student_count - 1].count++;
	if (skill + 1 > d->skill_count)
		d->skill_count = skill + 1;
}

static void add_student(struct data_set *d)
{
	d->students = grow(d->students, &d->student_cap, d->student_count + 1, sizeof(*d->students));
	d->students[d->student_count++] = (struct student){ d->response_count, 0 };
}

/* Split a line on commas into integers; empty fields are skipped. */
static size_t split_ints(char *line, long *out, size_t max)
{
	size_t n = 0;
	char *p = line, *end;

	while (*p && n < max) {
		long v = strtol(p, &end, 10);
		if (end != p)
			out[n++] = v;
		p = strchr(end, ',');
		if (!p)
			break;
		p++;
	}
	return n;
}

#define MAX_LINE (1 << 20)

static void load_kt(const char *path, struct data_set *d)
{
	FILE *f = fopen(path, "r");
	char *line = malloc(MAX_LINE);
	long *skills = malloc(sizeof(long) * MAX_LINE / 2), *answers = malloc(sizeof(long) * MAX_LINE / 2);
	size_t n, i, got;

	if (!f || !line || !skills || !answers) {
		perror(path);
		exit(2);
	}
	while (fgets(line, MAX_LINE, f)) {
		n = (size_t)strtol(line, NULL, 10);
		if (!fgets(line, MAX_LINE, f))
			break;
		got = split_ints(line, skills, MAX_LINE / 2);
		if (!fgets(line, MAX_LINE, f))
			break;
		if (split_ints(line, answers, MAX_LINE / 2) != got || got != n) {
			fprintf(stderr, "%s: a student's lines disagree (%zu, %zu)\n", path, n, got);
			exit(2);
		}
		add_student(d);
		for (i = 0; i < n; i++)
			add_response(d, (int)skills[i], answers[i] != 0);
	}
	fclose(f);
	free(line);
	free(skills);
	free(answers);
}

/* One student a line of 0/1; `concept` maps an exercise to its skill.
 * The first half of the lines go to `train`, the rest to `test`. */
static void load_matrix(const char *path, struct data_set *train, struct data_set *test, const int *concept)
{
	struct data_set *d;
	size_t lines = 0, line_no = 0;

	FILE *f = fopen(path, "r");
	char line[4096];
	long answers[1024];
	size_t n, i;

	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f))
		lines++;
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		n = split_ints(line, answers, 1024);
		d = line_no++ < lines / 2 ? train : test;
		if (n == 0)
			continue;
		add_student(d);
		for (i = 0; i < n; i++)
			add_response(d, concept ? concept[i] : (int)i, answers[i] != 0);
	}
	fclose(f);
}

/* The hidden concept of each exercise: third column of the info file. */
static int *load_concepts(const char *path)
{
	FILE *f = fopen(path, "r");
	int *concept = calloc(1024, sizeof(int));
	char line[512];
	size_t n = 0;
	double a, b;
	int c;

	if (!f || !concept) {
		perror(path);
		exit(2);
	}
	while (n < 1024 && fgets(line, sizeof(line), f)) {
		char *comma;
		while ((comma = strchr(line, ','))) /* some files use commas, some tabs */
			*comma = ' ';
		if (sscanf(line, "%lf %lf %d", &a, &b, &c) == 3)
			concept[n++] = c;
	}
	fclose(f);
	return concept;
}

/* Small deterministic generator for the simulation. */
static uint64_t rng_state;
static double uniform(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	return (double)(z >> 11) / 9007199254740992.0;
}

/* Students who follow the model itself with `p`: each practises `answers`
 * questions on skills taken in turn at random. */
static void simulate(struct data_set *d, const struct bkt_params *p, int students, int skills, int answers)
{
	bool *known = malloc((size_t)skills);
	int s, k, a;

	for (s = 0; s < students; s++) {
		add_student(d);
		for (k = 0; k < skills; k++)
			known[k] = uniform() < p->known0;
		for (a = 0; a < answers; a++) {
			k = (int)(uniform() * skills);
			bool right = known[k] ? uniform() >= p->slip : uniform() < p->guess;
			add_response(d, k, right);
			known[k] = known[k] ? uniform() >= p->forget : uniform() < p->learn;
		}
	}
	d->skill_count = skills;
	free(known);
}

/* Log-likelihood of all responses under `p`, each student's state on
 * each skill starting at known0. `state` has room for every skill. */
static double log_likelihood(const struct data_set *d, const struct bkt_params *p, double *state)
{
	double total = 0;
	size_t s, i;

	for (s = 0; s < d->student_count; s++) {
		const struct student *st = &d->students[s];
		for (i = 0; i < st->count; i++)
			state[d->responses[st->first + i].skill] = p->known0;
		for (i = 0; i < st->count; i++) {
			const struct response *r = &d->responses[st->first + i];
			double q = bkt_predict(p, state[r->skill]);
			if (q < 1e-6)
				q = 1e-6;
			if (q > 1 - 1e-6)
				q = 1 - 1e-6;
			total += r->right ? log(q) : log(1 - q);
			state[r->skill] = bkt_update(p, state[r->skill], r->right);
		}
	}
	return total;
}

/* The responses of each skill alone, student by student, so that a skill
 * is fitted on its own answers. Returns `skills` data sets. */
static struct data_set *split_by_skill(const struct data_set *d, int skills)
{
	struct data_set *out = calloc((size_t)skills, sizeof(*out));
	int *last_student = malloc(sizeof(int) * (size_t)skills);
	size_t s, i;
	int k;

	for (k = 0; k < skills; k++)
		last_student[k] = -1;
	for (s = 0; s < d->student_count; s++) {
		const struct student *st = &d->students[s];
		for (i = 0; i < st->count; i++) {
			const struct response *r = &d->responses[st->first + i];
			if (last_student[r->skill] != (int)s) {
				add_student(&out[r->skill]);
				last_student[r->skill] = (int)s;
			}
			add_response(&out[r->skill], r->skill, r->right);
		}
	}
	free(last_student);
	return out;
}

/* Coordinate ascent on the log-likelihood, a parameter at a time over a
 * grid, three rounds. Guess and slip stay under 0.5 so that a right
 * answer always counts for knowing. */
static void fit(const struct data_set *d, struct bkt_params *p, double *state)
{
	static const double grid[] = { 0.001, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.13, 0.16, 0.2, 0.25,
				       0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9 };
	double *fields[5] = { &p->known0, &p->learn, &p->forget, &p->guess, &p->slip };
	double best = log_likelihood(d, p, state), value;
	size_t round, f, g;

	for (round = 0; round < 3; round++)
		for (f = 0; f < 5; f++) {
			double keep = *fields[f];
			for (g = 0; g < sizeof(grid) / sizeof(grid[0]); g++) {
				if (f >= 3 && grid[g] >= 0.5)
					break;
				if (f == 2 && grid[g] > 0.2)
					break;
				*fields[f] = grid[g];
				value = log_likelihood(d, p, state);
				if (value > best) {
					best = value;
					keep = grid[g];
				}
			}
			*fields[f] = keep;
		}
}

struct prediction {
	double p;
	bool right;
};

static int by_probability(const void *a, const void *b)
{
	double x = ((const struct prediction *)a)->p, y = ((const struct prediction *)b)->p;
	return (x > y) - (x < y);
}

/* Pooled AUC (ties count half) and RMSE. */
static void score(struct prediction *pr, size_t n, double *auc, double *rmse)
{
	double positives = 0, negatives = 0, rank_sum = 0, squares = 0;
	size_t i = 0, j, k;

	qsort(pr, n, sizeof(*pr), by_probability);
	while (i < n) {
		j = i;
		while (j < n && pr[j].p == pr[i].p)
			j++;
		for (k = i; k < j; k++)
			if (pr[k].right)
				rank_sum += (double)(i + j + 1) / 2.0;
		i = j;
	}
	for (i = 0; i < n; i++) {
		positives += pr[i].right;
		negatives += !pr[i].right;
		squares += (pr[i].p - pr[i].right) * (pr[i].p - pr[i].right);
	}
	*auc = positives && negatives ? (rank_sum - positives * (positives + 1) / 2) / (positives * negatives) : 0.5;
	*rmse = n ? sqrt(squares / (double)n) : 0;
}

/* Predict responses 2..n of every test student with at least two. With
 * `per_skill` NULL, the marginal baseline: each skill's train rate. */
static size_t predict(const struct data_set *test, const struct bkt_params *per_skill, const double *marginal,
		      struct prediction *out)
{
	double *state = malloc(sizeof(double) * (size_t)(test->skill_count + 1));
	size_t s, i, n = 0;

	for (s = 0; s < test->student_count; s++) {
		const struct student *st = &test->students[s];
		if (st->count < 2)
			continue;
		for (i = 0; i < st->count; i++) {
			int k = test->responses[st->first + i].skill;
			state[k] = per_skill ? per_skill[k].known0 : 0;
		}
		for (i = 0; i < st->count; i++) {
			const struct response *r = &test->responses[st->first + i];
			double q = per_skill ? bkt_predict(&per_skill[r->skill], state[r->skill]) : marginal[r->skill];
			if (i > 0)
				out[n++] = (struct prediction){ q, r->right };
			if (per_skill)
				state[r->skill] = bkt_update(&per_skill[r->skill], state[r->skill], r->right);
		}
	}
	free(state);
	return n;
}

static void report(const char *name, const struct data_set *train, const struct data_set *test, const struct bkt_params *truth)
{
	int skills = train->skill_count > test->skill_count ? train->skill_count : test->skill_count;
	struct bkt_params global = mastery_default_params, *per_skill = calloc((size_t)skills, sizeof(*per_skill));
	double *state = malloc(sizeof(double) * (size_t)skills), *marginal = calloc((size_t)skills, sizeof(double));
	double *seen = calloc((size_t)skills, sizeof(double)), overall = 0, auc, rmse;
	struct prediction *pr = malloc(sizeof(*pr) * (test->response_count + 1));
	struct data_set *by_skill;
	size_t i, n;
	int k;

	for (i = 0; i < train->response_count; i++) {
		marginal[train->responses[i].skill] += train->responses[i].right;
		seen[train->responses[i].skill]++;
		overall += train->responses[i].right;
	}
	overall /= (double)(train->response_count ? train->response_count : 1);
	for (k = 0; k < skills; k++)
		marginal[k] = seen[k] ? marginal[k] / seen[k] : overall;

	printf("%s: %zu train students, %zu responses; %zu test students, %zu responses; %d skills\n", name,
	       train->student_count, train->response_count, test->student_count, test->response_count, skills);
	n = predict(test, NULL, marginal, pr);
	score(pr, n, &auc, &rmse);
	printf("  marginal (train rate of the skill)     AUC %.3f  RMSE %.3f  (%zu predictions)\n", auc, rmse, n);

	for (k = 0; k < skills; k++)
		per_skill[k] = mastery_default_params;
	n = predict(test, per_skill, NULL, pr);
	score(pr, n, &auc, &rmse);
	printf("  BKT, Ardoise's default parameters      AUC %.3f  RMSE %.3f\n", auc, rmse);

	fprintf(stderr, "  fitting one parameter set...\n");
	fit(train, &global, state);
	for (k = 0; k < skills; k++)
		per_skill[k] = global;
	n = predict(test, per_skill, NULL, pr);
	score(pr, n, &auc, &rmse);
	printf("  BKT, one set fitted on train           AUC %.3f  RMSE %.3f  known0 %.3f learn %.3f forget %.3f guess %.3f slip %.3f\n",
	       auc, rmse, global.known0, global.learn, global.forget, global.guess, global.slip);

	fprintf(stderr, "  fitting %d skills...\n", skills);
	by_skill = split_by_skill(train, skills);
	for (k = 0; k < skills; k++) {
		if (seen[k] >= 100) /* fewer answers: keep the global set */
			fit(&by_skill[k], &per_skill[k], state);
		free(by_skill[k].responses);
		free(by_skill[k].students);
		if ((k + 1) % 20 == 0)
			fprintf(stderr, "  %d/%d skills fitted\n", k + 1, skills);
	}
	free(by_skill);
	n = predict(test, per_skill, NULL, pr);
	score(pr, n, &auc, &rmse);
	printf("  BKT, fitted per skill                  AUC %.3f  RMSE %.3f\n", auc, rmse);

	if (truth) {
		for (k = 0; k < skills; k++)
			per_skill[k] = *truth;
		n = predict(test, per_skill, NULL, pr);
		score(pr, n, &auc, &rmse);
		printf("  BKT, the true parameters (ceiling)     AUC %.3f  RMSE %.3f  known0 %.3f learn %.3f forget %.3f guess %.3f slip %.3f\n",
		       auc, rmse, truth->known0, truth->learn, truth->forget, truth->guess, truth->slip);
	}
	free(per_skill);
	free(state);
	free(marginal);
	free(seen);
	free(pr);
}

static void usage(void)
{
	fprintf(stderr, "usage: mastery-replay kt TRAIN TEST | matrix FILE [INFO] | simulate STUDENTS SKILLS ANSWERS SEED\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct data_set train = { 0 }, test = { 0 };

	if (argc >= 4 && strcmp(argv[1], "kt") == 0) {
		load_kt(argv[2], &train);
		load_kt(argv[3], &test);
		report(argv[2], &train, &test, NULL);
	} else if (argc >= 3 && strcmp(argv[1], "matrix") == 0) {
		int *concept = argc >= 4 ? load_concepts(argv[3]) : NULL;
		load_matrix(argv[2], &train, &test, concept);
		report(concept ? "simulated-5, skill = hidden concept" : "simulated-5, skill = exercise", &train, &test, NULL);
		free(concept);
	} else if (argc >= 6 && strcmp(argv[1], "simulate") == 0) {
		const struct bkt_params truth = { .known0 = 0.3, .learn = 0.12, .forget = 0.02, .guess = 0.2, .slip = 0.1 };
		rng_state = strtoull(argv[5], NULL, 10);
		simulate(&train, &truth, atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
		simulate(&test, &truth, atoi(argv[2]) / 4, atoi(argv[3]), atoi(argv[4]));
		report("simulated from known parameters", &train, &test, &truth);
	} else {
		usage();
	}
	free(train.responses);
	free(train.students);
	free(test.responses);
	free(test.students);
	return 0;
}
