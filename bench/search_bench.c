/*
 * search-bench: time the catalogue search on a generated base.
 *
 *   search-bench [--items N] [--content DIR]
 *
 * Loads the referential of DIR (default: content), generates N contents
 * (default 20000) spread over the subjects, levels, types and competencies
 * of that referential with titles drawn from a word list, builds the
 * search index, then runs each query of a fixed list many times and prints
 * the median and worst time per query, in milliseconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content/catalog.h"
#include "content/search.h"

#define DEFAULT_ITEMS 20000
#define RUNS 50

static const char *const words[] = {
	"fractions", "décimaux", "périmètre", "aire", "conjugaison", "présent", "imparfait", "accord",
	"verbe", "sujet", "groupe", "nominal", "lecture", "récit", "poème", "Révolution", "rois",
	"République", "paysage", "carte", "énergie", "vivant", "matière", "programmer", "internet",
	"mots", "anglais", "chanson", "œuvre", "peinture", "leçon", "cahier", "consigne", "calcul",
	"problèmes", "géométrie", "symétrie", "angles", "durées", "masses",
};

static const char *const queries[] = {
	"fraction", "PERIM", "perimetre aire", "conjugaison imparfait", "zzz", "é", "revolution",
	"accord sujet verbe", "mathematiques fractions", "oeuvre",
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static bool count_hit(size_t entry, void *ctx)
{
	(void)entry;
	(*(long *)ctx)++;
	return true;
}

/* Write the source of generated content number i into `out`. */
static void make_source(const struct catalog *c, size_t i, char *out, size_t size)
{
	static const char *const types[] = { "activite", "fiche", "methodologie" };
	static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };
	const struct competency *comp = &c->ref.items[i % c->ref.count];
	const char *type = types[i % 3];
	size_t w = i * 7;

	snprintf(out, size,
		 "---\nid: gen-%zu\ntype: %s\nsubject: %s\nlevels: [%s]\ncompetencies: [%s]\n"
		 "title: %s %s %s %zu\ntheme: \"%s\"\nminutes: 10\nauthor: Banc\nreviewer: Banc\nversion: 1\n---\n%s",
		 i, type, comp->subject, levels[i % 4], comp->code, words[w % 40], words[(w / 40 + i) % 40],
		 words[(i * 13) % 40], i, comp->domain,
		 strcmp(type, "activite") == 0 ? "## Question\n\nCombien ?\n\n= 3\n" : "Texte de la leçon.\n");
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *root = "content";
	size_t items = DEFAULT_ITEMS, i, q;
	struct content_error err;
	struct catalog c;
	char source[2048];
	double t0, times[RUNS];

	for (i = 1; i + 1 < (size_t)argc; i += 2) {
		if (strcmp(argv[i], "--items") == 0)
			items = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--content") == 0)
			root = argv[i + 1];
	}
	catalog_init(&c);
	if (referential_load_dir(&c.ref, root, stderr) != 0 || c.ref.count == 0) {
		fprintf(stderr, "search-bench: referential of %s unreadable\n", root);
		return 1;
	}
	t0 = now_ms();
	for (i = 0; i < items; i++) {
		make_source(&c, i, source, sizeof(source));
		if (catalog_add(&c, "gen", source, strlen(source), &err) < 0) {
			fprintf(stderr, "search-bench: item %zu: line %d: %s\n", i, err.line, err.message);
			return 1;
		}
	}
	printf("generated %zu items in %.0f ms\n", items, now_ms() - t0);
	t0 = now_ms();
	if (search_index_build(&c) < 0)
		return 1;
	printf("index built in %.1f ms\n", now_ms() - t0);

	printf("%-26s %8s %10s %10s\n", "query", "hits", "median_ms", "max_ms");
	for (q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		struct search_filter f = { queries[q], NULL, 0, NULL, -1 };
		long hits = 0;

		for (i = 0; i < RUNS; i++) {
			hits = 0;
			t0 = now_ms();
			search_run(&c, &f, count_hit, &hits);
			times[i] = now_ms() - t0;
		}
		qsort(times, RUNS, sizeof(double), compare_double);
		printf("%-26s %8ld %10.2f %10.2f\n", queries[q], hits, times[RUNS / 2], times[RUNS - 1]);
	}
	catalog_release(&c);
	return 0;
}
