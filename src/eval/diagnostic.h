/*
 * diagnostic: figures a partner records for an organisation or a
 * structure (children concerned, local and national evaluation results,
 * children already followed by a support scheme, computers in schools and
 * associations), dated, to compare with the usage indicators before and
 * after. Every figure is optional, but at least one must be given.
 */
#ifndef ARDOISE_EVAL_DIAGNOSTIC_H
#define ARDOISE_EVAL_DIAGNOSTIC_H

#include <stdbool.h>
#include <stdint.h>

#include "org/people.h"
#include "store/db.h"

#define DIAGNOSTIC_COUNT_MAX 10000000 /* children or computers in one record */
#define DIAGNOSTIC_NOTE_MAX 500       /* bytes of the note */
#define DIAGNOSTIC_LIST_MAX 20        /* records shown, newest first */

enum diagnostic_field {
	DIAG_CHILDREN, DIAG_LOCAL_SCORE, DIAG_NATIONAL_SCORE, DIAG_FOLLOWED, DIAG_COMPUTERS_SCHOOLS,
	DIAG_COMPUTERS_ASSOCIATIONS, DIAG_FIELDS
};

/* The form as typed: `values` by enum diagnostic_field, any may be NULL or "". */
struct diagnostic_input {
	const char *measured_on; /* YYYY-MM-DD */
	const char *values[DIAG_FIELDS];
	const char *note;
};

struct diagnostic {
	char measured_on[11];
	bool known[DIAG_FIELDS];
	double values[DIAG_FIELDS];
	char note[DIAGNOSTIC_NOTE_MAX + 1];
};

/* Form field names and French labels, by enum diagnostic_field. */
extern const char *const diagnostic_field_names[DIAG_FIELDS];
extern const char *const diagnostic_field_labels[DIAG_FIELDS];

/* Check the input and fill `out`. Returns false, with French messages in
 * `errors`, when a field is invalid. */
bool diagnostic_check(const struct diagnostic_input *in, struct diagnostic *out, struct field_errors *errors);
/* Store a checked record for scope "organisation" or "structure". Returns 0 or -1. */
int diagnostic_insert(struct db *db, const char *scope, int64_t scope_id, const struct diagnostic *d, int64_t author_id);
/* The records of the scope, newest first, at most `max`. Returns the count or -1. */
int diagnostic_list(struct db *db, const char *scope, int64_t scope_id, struct diagnostic *out, int max);

#endif
