/*
 * child_set: the children active in a structure over a month or a school
 * year, stored as one binary value (migration 020), and the distinct
 * counts read from many of them.
 *
 * A set is a list of records sorted by account id, CHILD_SET_RECORD bytes
 * each, little-endian. A record contains the account id (32 bits), the
 * mask of the days of the month with an event (bit d - 1 for day d), and
 * the mask of the days with a tutoring message. A school year's set has
 * the mask 1 for every child, and the tutoring mask 1 when the child wrote
 * to a tutor.
 *
 * A child_count adds sets and keeps only the records whose masks meet the
 * requested days. It counts each child once, in a bit array indexed by
 * account id for the total. When the sets come grouped by structure, a
 * stamp per account counts each child once in the current structure too.
 */
#ifndef ARDOISE_EVAL_CHILD_SET_H
#define ARDOISE_EVAL_CHILD_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define CHILD_SET_RECORD 12
/* The largest account id a set may contain. The counts take a bit per id,
 * and a 32-bit stamp per id for the counts per structure. */
#define CHILD_SET_MAX_ID ((1 << 26) - 1)

/* Append one record. The account ids must come in increasing order.
 * Returns 0, or -1 for an id over CHILD_SET_MAX_ID or out of memory. */
int child_set_add(struct buf *set, int64_t account_id, uint32_t active_days, uint32_t tutoring_days);

struct child_count {
	uint64_t *active;   /* bit per account id */
	uint64_t *tutoring;
	uint32_t *stamp;    /* group number of the last count, per account id */
	size_t words;       /* of active and tutoring */
	size_t stamps;      /* of stamp, 0 until a group is used */
	uint32_t group;     /* the current group, from 1 */
	int64_t children;   /* distinct children added */
	int64_t tutoring_children;
	int64_t group_children; /* distinct children of the current group */
	bool failed;        /* out of memory: the counts are wrong */
};

void child_count_init(struct child_count *c);
void child_count_release(struct child_count *c);
/* Forget every child added, keeping the memory. */
void child_count_clear(struct child_count *c);
/* Start a new group (a structure): group_children restarts from 0. */
void child_count_group(struct child_count *c);
/* Add the records of `set` whose active days meet `days`. Returns 0, or
 * -1 when the value is not a list of records (its length, its order or an
 * id over CHILD_SET_MAX_ID). */
int child_count_add(struct child_count *c, const void *set, size_t len, uint32_t days);

#endif
