/*
 * indicator: the standard indicators of a scope over a period of Paris
 * days, read from the rollups (eval/rollup.h). Children only.
 *
 * Additive figures (connections, seconds, activities, ...) of a scope are
 * the sum of those of its structures. Active children are counted once
 * each over the whole period, so a child who changed structure within the
 * period counts in both structures but once in the total.
 */
#ifndef ARDOISE_EVAL_INDICATOR_H
#define ARDOISE_EVAL_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eval/child_set.h"
#include "store/db.h"

enum stats_scope_kind {
	STATS_NATIONAL,
	STATS_ORGANISATION, /* académie, département or financeur, with what hangs below */
	STATS_STRUCTURE,
	STATS_GROUP,
};

struct stats_scope {
	enum stats_scope_kind kind;
	int64_t id; /* 0 for national */
};

struct stats_figures {
	int64_t registered;  /* children's accounts open on some day of the period */
	int64_t active;      /* children with at least one event */
	int64_t connections;
	int64_t seconds;     /* total connection time */
	int64_t pages;
	int64_t started;     /* activities started */
	int64_t done;        /* activities submitted */
	int64_t passed;      /* submitted with at least EVENT_PASS_PERCENT */
	int64_t resources;
	int64_t tutoring;    /* tutoring messages */
	int64_t tutoring_children;
	int64_t median_minutes; /* median connection time in whole minutes, -1 if unknown */
};

#define STATS_MAX_FEATURES 64
#define STATS_MAX_POINTS 400

struct stats_feature {
	char feature[32];
	int64_t events;
};

/* One point of the trend chart: a day, or a month for long periods. */
struct stats_point {
	int64_t key;      /* day, or month when `monthly` */
	int64_t active;   /* children active that day (sum over structures) or month */
	int64_t connections;
	int64_t seconds;
};

/* A structure's line of the breakdown table. */
struct stats_part {
	int64_t structure_id;
	char name[128];
	struct stats_figures figures;
};

/* A period cut for distinct counts: whole school years, the whole months
 * before and after them (two ranges, empty when from > to), and the
 * months cut at both ends with the mask of their days inside the period
 * (bit d - 1 for day d). */
#define MASK_SLOTS 2
struct distinct_parts {
	int64_t year_from, year_to;
	int64_t months[2][2];
	int64_t slot_month[MASK_SLOTS], slot_mask[MASK_SLOTS];
	int slots;
};

void distinct_split(int64_t from_day, int64_t to_day, struct distinct_parts *d);
/* Parts that read no set: a period counted otherwise, or not asked for. */
void distinct_none(struct distinct_parts *d);
/* The days of a school year's (`year`) or a month's set that the parts
 * keep: 0 when they do not read that set. */
uint32_t distinct_mask(const struct distinct_parts *d, bool year, int64_t key);

/* The parts of DISTINCT_PERIODS periods read by one query: the conditions
 * on its years and on its months, and their parameters. */
#define DISTINCT_PERIODS 2
#define DISTINCT_YEARS_SQL "(year BETWEEN ? AND ? OR year BETWEEN ? AND ?)"
#define DISTINCT_MONTHS_SQL "(month BETWEEN ? AND ? OR month BETWEEN ? AND ? OR month BETWEEN ? AND ? OR month BETWEEN ? AND ? " \
	"OR month IN (?, ?, ?, ?))"
/* Bind the parameters of DISTINCT_YEARS_SQL or DISTINCT_MONTHS_SQL from
 * parameter n on. Return the number of the next parameter. */
int distinct_bind_years(struct db_stmt *st, int n, const struct distinct_parts d[DISTINCT_PERIODS]);
int distinct_bind_months(struct db_stmt *st, int n, const struct distinct_parts d[DISTINCT_PERIODS]);
/* Add a school year's (`year`) or a month's set to the count of each
 * period whose parts read it, with that period's days. Returns 0, or -1
 * for a damaged set. */
int distinct_add(struct child_count count[DISTINCT_PERIODS], const struct distinct_parts d[DISTINCT_PERIODS], bool year, int64_t key,
		 const void *set, size_t len);

/* Fill `out` for the scope and days from_day..to_day. Returns 0 or -1. */
int stats_figures_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			  struct stats_figures *out);
/* Events per feature, most used first. Returns the count, or -1, and 0 for a
 * group (features are summed per structure only). */
int stats_features_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			   struct stats_feature *out, size_t max);
/* The trend: one point per day, or per month when the period is longer
 * than 62 days (`*monthly` set). Returns the number of points, or -1. */
int stats_series_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			 struct stats_point *out, size_t max, bool *monthly);
/* The structures of a national or organisation scope, ordered by name,
 * with the figures of their lines: registered and active children,
 * connections, activities done and passed. The other figures stay 0. `*parts` is malloc'ed (free it).
 * Returns the count, or -1. */
int stats_parts_compute(struct db *db, const struct stats_scope *scope, int64_t from_day, int64_t to_day,
			struct stats_part **parts);
/* A period and the one it is compared with. */
struct stats_periods {
	int64_t from_day, to_day;
	int64_t previous_from, previous_to;
};

/* The figures of a period and of the previous one, and the structures'
 * lines of the period, reading the sets of children once for all three.
 * Returns the structures' count (0 for a structure or a group), or -1. */
int stats_compare_compute(struct db *db, const struct stats_scope *scope, const struct stats_periods *periods,
			  struct stats_figures *now, struct stats_figures *before, struct stats_part **parts);

/* Derived figures, 0 when the divisor is 0. */
double stats_rate(int64_t part, int64_t whole);

#endif
