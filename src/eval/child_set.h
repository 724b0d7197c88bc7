/*
 * child_set: the children active in a structure over a month or a school
 * year, stored as one binary value (migration 020), and the distinct
 * counts read from many of them.
 *
 * A set is a list of records sorted by account id. Each record contains
 * the account id, the mask of the days of the month with an event (bit
 * d - 1 for day d), and the mask of the days with a tutoring message. A
 * school year's set has the mask 1 for every child, and the tutoring mask
 * 1 when the child wrote to a tutor.
 *
 * Two forms are read. The older one has records of CHILD_SET_RECORD
 * bytes: id, days and tutoring days, 32 bits each, little-endian, so its
 * length is a multiple of 12. The compact form starts with the byte
 * CHILD_SET_TAG, and each record has three parts:
 * - a varint (7 bits a byte, low bits first): the gap from the previous id
 *   (from 0 for the first record) shifted left by one, with bit 0 set when
 *   tutoring days follow;
 * - the days, 32 bits little-endian;
 * - the tutoring days, 32 bits, only when bit 0 of the varint is set.
 * The length of a compact set is never a multiple of 12: a last byte 0
 * pads it when needed.
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
#define CHILD_SET_TAG 0xa2
/* The shortest compact record: a one-byte gap and the days. */
#define CHILD_SET_COMPACT_RECORD 5
/* The largest account id a set may contain. The counts take a bit per id,
 * and a 32-bit stamp per id for the counts per structure. */
#define CHILD_SET_MAX_ID ((1 << 26) - 1)

/* A set being written, in the compact form. */
struct child_set {
	struct buf data;
	int64_t last_id; /* -1 before the first record */
};

/* Start an empty set; `max` bounds its size as for BUF_INIT. */
void child_set_init(struct child_set *s, size_t max);
/* Append one record. The account ids must come in increasing order.
 * Returns 0, or -1 for an id over CHILD_SET_MAX_ID, an id out of order or
 * out of memory. */
int child_set_add(struct child_set *s, int64_t account_id, uint32_t active_days, uint32_t tutoring_days);
/* Pad the set when its length would read as the older form, and return
 * its bytes (s->data.len of them), or NULL out of memory. Add no record
 * after this call. */
const void *child_set_finish(struct child_set *s);
/* Forget the records, keeping the memory, to write another set. */
void child_set_reset(struct child_set *s);
void child_set_release(struct child_set *s);

/* A walk over the records of a stored set, in either form. */
struct child_set_reader {
	const unsigned char *p, *end;
	bool compact, first;
	uint32_t previous;
};

/* Start reading `len` bytes. Returns 0, or -1 when the length and first
 * byte match neither form. */
int child_set_read(struct child_set_reader *r, const void *set, size_t len);
/* The next record. Returns 1, 0 after the last one, or -1 for a damaged
 * value (a cut record, ids out of order, an id over CHILD_SET_MAX_ID). */
int child_set_next(struct child_set_reader *r, uint32_t *account_id, uint32_t *active_days, uint32_t *tutoring_days);

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
 * -1 when the value is not a set (see child_set_next). */
int child_count_add(struct child_count *c, const void *set, size_t len, uint32_t days);

#endif
