/*
 * referential: the competencies that contents point to, read from
 * content/referentiel/competences.tsv, and the components of the socle
 * commun they serve, read from content/referentiel/socle.tsv.
 *
 * Ownership: the referential owns every string of its rows;
 * referential_release() frees them (and accepts an empty referential).
 */
#ifndef ARDOISE_CONTENT_REFERENTIAL_H
#define ARDOISE_CONTENT_REFERENTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define REFERENTIAL_COMPETENCIES_FILE "referentiel/competences.tsv"
#define REFERENTIAL_SOCLE_FILE "referentiel/socle.tsv"
/* Names of the two files in the content_referential table. */
#define REFERENTIAL_COMPETENCIES_NAME "competences.tsv"
#define REFERENTIAL_SOCLE_NAME "socle.tsv"
#define REFERENTIAL_MAX_BYTES (1024 * 1024)
#define REFERENTIAL_MAX_ROWS 5000
#define REFERENTIAL_MIN_COLUMNS 6
#define REFERENTIAL_MAX_COLUMNS 8

struct competency {
	char *code;      /* e.g. "MA-NC-FRACTIONS" */
	char *programme; /* e.g. "C3-2018" */
	char *subject;   /* a subject id, e.g. "mathematiques" */
	char *domain;    /* e.g. "Nombres et calculs" */
	unsigned levels; /* bit set of enum level */
	char *label;     /* French label */
	char *reference; /* id in the source nomenclature, or "" */
	char *socle;     /* socle components, comma-separated, or "" */
	int line;        /* line in competences.tsv */
};

struct socle_component {
	char *code;  /* "D1.1" ... "D5" */
	char *lsu;   /* code of the national school report, e.g. "CPD_FRA" */
	char *label;
};

struct referential {
	struct competency *items; /* in file order */
	size_t count;
	struct socle_component *socle;
	size_t socle_count;
	char *source;       /* the text of competences.tsv, as read */
	char *socle_source; /* the text of socle.tsv, or NULL */
};

void referential_init(struct referential *ref);
void referential_release(struct referential *ref);

/*
 * Parse the two files held in memory (`socle` may be NULL). Each problem
 * goes to `errors` as "path:line: message" with `path` and `socle_path`
 * naming the files; rows with a problem are left out. Keeps a copy of both
 * texts. Returns the number of problems, or -1 when out of memory.
 */
int referential_parse(struct referential *ref, const char *path,
		      const char *text, size_t len, const char *socle_path,
		      const char *socle, size_t socle_len, FILE *errors);

/* Read root/referentiel/competences.tsv and socle.tsv and parse them.
 * Returns the number of problems, or -1 when competences.tsv is absent. */
int referential_load_dir(struct referential *ref, const char *root,
			 FILE *errors);

/* The competency with this code, or NULL. */
const struct competency *referential_find(const struct referential *ref,
					  const char *code);

#endif
