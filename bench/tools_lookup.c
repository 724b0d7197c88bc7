/*
 * Time the dictionaries and tools: loading each dictionary once, then many
 * lookups, calculations and generated activities, on this machine.
 * Usage: build/bench/tools-lookup [rounds] (default 20000).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen/generator.h"
#include "tools/bilingual.h"
#include "tools/calc.h"
#include "tools/conjugation.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void report(const char *what, long count, double seconds)
{
	printf("%-34s %8ld in %7.3f s  %10.1f µs each\n", what, count, seconds, seconds * 1e6 / (double)count);
}

int main(int argc, char **argv)
{
	static const char *const words[] = { "allions", "etre", "prenions", "finissez", "suis", "vont", "irai", "xyz" };
	static const char *const english[] = { "house", "cat", "school", "hous", "dog", "book", "zzz", "water" };
	long rounds = argc > 1 ? atol(argv[1]) : 20000, i;
	struct conj_match m[CONJ_MAX_MATCHES];
	size_t found[BILINGUAL_MAX_RESULTS];
	struct activity a = { 0 };
	const struct conjugation *c;
	struct bilingual *b;
	struct calc_value v;
	char err[512];
	double t;
	int exact;

	t = now();
	c = conjugation_shared();
	report("load verbiste + index", 1, now() - t);
	t = now();
	b = bilingual_open(NULL, BILINGUAL_EN_FR, err, sizeof(err));
	report("load FreeDict eng-fra", 1, now() - t);
	if (!c || !b) {
		fprintf(stderr, "dictionaries missing: %s\n", err);
		return 1;
	}

	t = now();
	for (i = 0; i < rounds; i++)
		conjugation_find(c, words[i % 8], m, CONJ_MAX_MATCHES);
	report("conjugation_find", rounds, now() - t);
	t = now();
	for (i = 0; i < rounds; i++)
		bilingual_find(b, english[i % 8], found, BILINGUAL_MAX_RESULTS, &exact);
	report("bilingual_find", rounds, now() - t);
	t = now();
	for (i = 0; i < rounds; i++)
		calc_eval("3,5 × (12 + 7) ÷ 4 − 1,25", strlen("3,5 × (12 + 7) ÷ 4 − 1,25"), &v, err, sizeof(err));
	report("calc_eval", rounds, now() - t);

	a.id = "bench";
	a.title = "Bench";
	a.version = 1;
	a.difficulty = 2;
	a.generated_count = 10;
	a.generator = "conjugaison";
	t = now();
	for (i = 0; i < rounds / 10; i++)
		activity_free(generator_expand(&a, (uint64_t)i, err, sizeof(err)));
	report("generator_expand conjugaison (10)", rounds / 10, now() - t);
	bilingual_free(b);
	return 0;
}
