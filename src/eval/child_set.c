/* Sets of active children and their distinct counts. */
#include "eval/child_set.h"

#include <stdlib.h>
#include <string.h>

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void child_set_init(struct child_set *s, size_t max)
{
	buf_init(&s->data, max);
	s->last_id = -1;
}

int child_set_add(struct child_set *s, int64_t account_id, uint32_t active_days, uint32_t tutoring_days)
{
	unsigned char record[1 + 4 + 4 + 4];
	uint32_t gap;
	size_t n = 0;

	if (account_id < 0 || account_id > CHILD_SET_MAX_ID || account_id <= s->last_id)
		return -1;
	if (s->data.len == 0 && buf_addc(&s->data, (char)CHILD_SET_TAG) < 0)
		return -1;
	gap = (uint32_t)(account_id - (s->last_id < 0 ? 0 : s->last_id)) << 1 | (tutoring_days ? 1 : 0);
	while (gap >= 0x80) {
		record[n++] = (unsigned char)(gap | 0x80);
		gap >>= 7;
	}
	record[n++] = (unsigned char)gap;
	put32(record + n, active_days);
	n += 4;
	if (tutoring_days) {
		put32(record + n, tutoring_days);
		n += 4;
	}
	s->last_id = account_id;
	return buf_add(&s->data, record, n);
}

const void *child_set_finish(struct child_set *s)
{
	if (s->data.len == 0)
		buf_addc(&s->data, (char)CHILD_SET_TAG);
	else if (s->data.len % CHILD_SET_RECORD == 0)
		buf_addc(&s->data, 0);
	return buf_failed(&s->data) ? NULL : s->data.data;
}

void child_set_reset(struct child_set *s)
{
	buf_reset(&s->data);
	s->last_id = -1;
}

void child_set_release(struct child_set *s)
{
	buf_release(&s->data);
	s->last_id = -1;
}

int child_set_read(struct child_set_reader *r, const void *set, size_t len)
{
	const unsigned char *p = set;

	memset(r, 0, sizeof(*r));
	r->first = true;
	/* An empty set may come as NULL (an empty BLOB reads so). */
	if (len == 0)
		return 0;
	if (!p)
		return -1;
	r->compact = len % CHILD_SET_RECORD != 0;
	if (r->compact && p[0] != CHILD_SET_TAG)
		return -1;
	r->p = r->compact ? p + 1 : p;
	r->end = p + len;
	return 0;
}

/* The next record of a compact set, after its tag. */
static int compact_next(struct child_set_reader *r, uint32_t *account_id, uint32_t *active_days, uint32_t *tutoring_days)
{
	uint32_t gap = 0;
	int shift = 0;

	/* One byte 0 left at a record boundary pads the set. */
	if (r->end - r->p == 1 && r->p[0] == 0) {
		r->p++;
		return 0;
	}
	do {
		if (r->p == r->end || shift > 21)
			return -1;
		gap |= (uint32_t)(*r->p & 0x7f) << shift;
		shift += 7;
	} while (*r->p++ & 0x80);
	if (r->end - r->p < ((gap & 1) ? 8 : 4))
		return -1;
	*active_days = get32(r->p);
	r->p += 4;
	*tutoring_days = 0;
	if (gap & 1) {
		*tutoring_days = get32(r->p);
		r->p += 4;
	}
	gap >>= 1;
	if (!r->first && gap == 0)
		return -1;
	if ((uint64_t)(r->first ? 0 : r->previous) + gap > CHILD_SET_MAX_ID)
		return -1;
	*account_id = (r->first ? 0 : r->previous) + gap;
	return 1;
}

int child_set_next(struct child_set_reader *r, uint32_t *account_id, uint32_t *active_days, uint32_t *tutoring_days)
{
	int rc;

	if (r->p == r->end)
		return 0;
	if (r->compact) {
		rc = compact_next(r, account_id, active_days, tutoring_days);
		if (rc <= 0)
			return rc;
	} else {
		*account_id = get32(r->p);
		*active_days = get32(r->p + 4);
		*tutoring_days = get32(r->p + 8);
		r->p += CHILD_SET_RECORD;
		if ((!r->first && *account_id <= r->previous) || *account_id > CHILD_SET_MAX_ID)
			return -1;
	}
	r->first = false;
	r->previous = *account_id;
	return 1;
}

void child_count_init(struct child_count *c)
{
	memset(c, 0, sizeof(*c));
}

void child_count_release(struct child_count *c)
{
	free(c->active);
	free(c->tutoring);
	free(c->stamp);
	child_count_init(c);
}

void child_count_clear(struct child_count *c)
{
	if (c->words) {
		memset(c->active, 0, c->words * sizeof(*c->active));
		memset(c->tutoring, 0, c->words * sizeof(*c->tutoring));
	}
	c->children = 0;
	c->tutoring_children = 0;
	c->group_children = 0;
}

void child_count_group(struct child_count *c)
{
	c->group++;
	c->group_children = 0;
}

/* Grow a zeroed array to at least `need` items (doubling). */
static bool grow(void **array, size_t *count, size_t need, size_t size)
{
	size_t n = *count ? *count : 1024;
	void *grown;

	while (n < need)
		n *= 2;
	grown = realloc(*array, n * size);
	if (!grown)
		return false;
	memset((char *)grown + *count * size, 0, (n - *count) * size);
	*array = grown;
	*count = n;
	return true;
}

/* Make room for account `id` in the bit arrays and, once a group is
 * used, in the stamps. */
static bool room_for(struct child_count *c, uint32_t id)
{
	size_t word = id / 64, tutoring_words = c->words;

	if (word >= c->words && (!grow((void **)&c->tutoring, &tutoring_words, word + 1, sizeof(*c->tutoring)) ||
				 !grow((void **)&c->active, &c->words, word + 1, sizeof(*c->active))))
		return false;
	if (c->group && id >= c->stamps && !grow((void **)&c->stamp, &c->stamps, (size_t)id + 1, sizeof(*c->stamp)))
		return false;
	return true;
}

int child_count_add(struct child_count *c, const void *set, size_t len, uint32_t days)
{
	struct child_set_reader r;
	uint32_t id, active, tutoring;
	int rc;

	if (child_set_read(&r, set, len) < 0)
		return -1;
	while ((rc = child_set_next(&r, &id, &active, &tutoring)) == 1) {
		uint64_t bit = (uint64_t)1 << (id % 64);

		if (!(active & days))
			continue;
		if (!room_for(c, id)) {
			c->failed = true;
			return 0;
		}
		if (!(c->active[id / 64] & bit)) {
			c->active[id / 64] |= bit;
			c->children++;
		}
		if ((tutoring & days) && !(c->tutoring[id / 64] & bit)) {
			c->tutoring[id / 64] |= bit;
			c->tutoring_children++;
		}
		if (c->group && c->stamp[id] != c->group) {
			c->stamp[id] = c->group;
			c->group_children++;
		}
	}
	return rc;
}
