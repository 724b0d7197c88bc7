/*
 * stats_view: what a dashboard shows, computed once and then written as
 * HTML (page_statistics.c) or exported (CSV, .ods): the scope, the period
 * and the one before it, the figures with the cells hidden from
 * financeurs, the trend and the breakdown per structure.
 */
#ifndef ARDOISE_WEB_STATS_VIEW_H
#define ARDOISE_WEB_STATS_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "eval/indicator.h"
#include "eval/sheet.h"
#include "http/request.h"

/* Default minimum of children behind a figure shown to a financeur. */
#define STATS_DEFAULT_MIN_CHILDREN 5
#define STATS_MAX_RANGE_DAYS (3 * 366)

enum stats_line {
	LINE_REGISTERED, LINE_ACTIVE, LINE_CONNECTIONS_PER_CHILD, LINE_MEAN_MINUTES, LINE_MEDIAN_MINUTES,
	LINE_DONE, LINE_SUCCESS, LINE_RESOURCES, LINE_TUTORING_CHILDREN, LINE_TUTORING, LINE_COUNT
};

struct stats_view {
	struct stats_scope scope;
	char title[160];
	char scope_path[64];   /* "/statistiques/structure/1" */
	const char *period_kind; /* jour, semaine, mois, annee, plage */
	int64_t from_day, to_day, previous_from, previous_to;
	bool aggregates_only;  /* the viewer is a financeur: hide small cells */
	struct stats_figures now, before;
	struct stats_feature features[STATS_MAX_FEATURES];
	int feature_count;
	struct stats_point points[STATS_MAX_POINTS];
	int point_count;
	bool monthly;
	struct stats_part *parts; /* owned */
	int part_count;
};

/* The minimum set at start-up (ardoise serve --min-children). */
void stats_min_children_set(int64_t count);
int64_t stats_min_children(void);

/* Read the period from the query (periode, date, du, au). Returns NULL,
 * or a French message naming the wrong value. */
const char *stats_view_period(struct stats_view *v, const struct form *query, int64_t today);
/* Compute every figure. Returns 0 or -1. */
int stats_view_compute(struct stats_view *v, struct db *db);
void stats_view_release(struct stats_view *v);

/* Set `value` to the line's figure. Returns false when the viewer may not
 * see it (too few children) or it is unknown. */
bool stats_line_value(const struct stats_view *v, const struct stats_figures *f, enum stats_line line, double *value);
const char *stats_line_label(enum stats_line line);
int stats_line_decimals(enum stats_line line);
/* True when a financeur may see a figure covering `children` children. */
bool stats_cell_visible(const struct stats_view *v, int64_t children);

/* Fill the sheet with the figures, features and breakdown. */
void stats_view_sheet(const struct stats_view *v, struct sheet *s);
/* Write the trend chart as inline SVG. */
void stats_view_chart(struct request *r, const struct stats_view *v);

#endif
