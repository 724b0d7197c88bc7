/*
 * stats: counts of a content base, and the check of the minimums a base
 * must reach before it opens to children.
 */
#ifndef ARDOISE_CONTENT_STATS_H
#define ARDOISE_CONTENT_STATS_H

#include <stdio.h>

#include "content/catalog.h"

/* Minimums per subject and level that the referential teaches. Each
 * competency of the core subjects below has its own minimums too. */
#define STATS_MIN_ACTIVITIES_PER_LEVEL 4
#define STATS_MIN_RESOURCES_PER_LEVEL 2
#define STATS_MIN_ACTIVITIES_PER_COMPETENCY 2
#define STATS_MIN_RESOURCES_PER_COMPETENCY 1
#define STATS_CORE_SUBJECTS "mathematiques", "francais"

/* Write the counts per subject, level, type and competency, in French. */
void content_stats_print(const struct catalog *c, FILE *out);

/* Write one French line per minimum not reached; returns their number. A
 * (subject, level) pair is required when the referential has a competency
 * of that subject at that level. */
int content_minimums_check(const struct catalog *c, FILE *out);

#endif
