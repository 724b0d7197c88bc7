/*
 * partner: indicators a partner defines for its organisation or structure,
 * either computed from the usage events of its children (a count of
 * events or of distinct children, filtered on feature, action, level,
 * group and subject) or entered as a value.
 *
 * Computed indicators are read from their rollups (eval/partner_rollup.h).
 */
#ifndef ARDOISE_EVAL_PARTNER_H
#define ARDOISE_EVAL_PARTNER_H

#include <stdbool.h>
#include <stdint.h>

#include "eval/indicator.h"
#include "org/people.h"
#include "store/db.h"

#define PARTNER_NAME_MAX 80       /* bytes of an indicator's name */
#define PARTNER_LIST_MAX 20       /* indicators of one scope */
#define PARTNER_FILTER_MAX 32     /* bytes of a filter value */
#define PARTNER_BACKFILL_DONE (-1) /* backfill_month of a rolled-up indicator */
#define PARTNER_ALL_DAYS 0xffffffffu

/* The form as typed (any field may be NULL). */
struct partner_input {
	const char *name;
	const char *kind;     /* events, children or value */
	const char *feature;
	const char *action;
	const char *level;
	const char *group;    /* a group id of the structure, or "" */
	const char *subject;
	const char *from, *to; /* own period, YYYY-MM-DD, both or neither */
	const char *value;    /* kind value */
};

struct partner_indicator {
	int64_t id;
	char name[PARTNER_NAME_MAX + 1];
	char kind[16];
	char feature[PARTNER_FILTER_MAX], action[PARTNER_FILTER_MAX], level[8], subject[PARTNER_FILTER_MAX];
	int64_t group_id;
	bool own_period;
	int64_t from_day, to_day;
	double value;
	int64_t backfill_month; /* PARTNER_BACKFILL_DONE once rolled up */
};

/* A computed result: the figure, and the distinct children behind it (for
 * the financeurs' threshold). `children` is -1 for an entered value. */
struct partner_result {
	double value;
	int64_t children;
};

/* Check the input for a scope (`structure_id` > 0 when the scope is a
 * structure, for the group check). Returns false with French messages. */
bool partner_check(struct db *db, const struct partner_input *in, int64_t structure_id, struct partner_indicator *out,
		   struct field_errors *errors);
int partner_insert(struct db *db, const char *scope, int64_t scope_id, const struct partner_indicator *p, int64_t author_id);
/* The indicators of the scope, oldest first. Returns the count or -1. */
int partner_list(struct db *db, const char *scope, int64_t scope_id, struct partner_indicator *out, int max);
/* Read one indicator over Paris days from_day..to_day (ignored when it has
 * its own period) from its rollups, for the children of its own scope.
 * An events indicator counts its children only with `count_children`
 * (for the financeurs' threshold), and `children` is -1 otherwise.
 * Returns 0, 1 while its rollup is being filled (no figure yet), or -1. */
int partner_compute(struct db *db, const struct partner_indicator *p, int64_t from_day, int64_t to_day, bool count_children,
		    struct partner_result *out);
/* The same for PARTNER_PERIODS periods at once (a period and the one it is
 * compared with), reading the sets of children once: out[k] for days[k].
 * out[k] is left at 0 (children -1) for a period whose first day comes
 * after its last, and for every period but the first when the indicator
 * has its own period. */
#define PARTNER_PERIODS DISTINCT_PERIODS
int partner_compute_periods(struct db *db, const struct partner_indicator *p, const int64_t days[PARTNER_PERIODS][2], bool count_children,
			    struct partner_result out[PARTNER_PERIODS]);

#endif
