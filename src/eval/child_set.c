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

int child_set_add(struct buf *set, int64_t account_id, uint32_t active_days, uint32_t tutoring_days)
{
	unsigned char record[CHILD_SET_RECORD];

	if (account_id < 0 || account_id > CHILD_SET_MAX_ID)
		return -1;
	put32(record, (uint32_t)account_id);
	put32(record + 4, active_days);
	put32(record + 8, tutoring_days);
	return buf_add(set, record, sizeof(record));
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
	const unsigned char *p = set, *end;
	uint32_t previous = 0;
	bool first = true;

	/* An empty set may come as NULL (an empty BLOB reads so). */
	if (len == 0)
		return 0;
	if (!set || len % CHILD_SET_RECORD)
		return -1;
	end = p + len;
	for (; p < end; p += CHILD_SET_RECORD) {
		uint32_t id = get32(p), active = get32(p + 4), tutoring = get32(p + 8);
		uint64_t bit = (uint64_t)1 << (id % 64);

		if ((!first && id <= previous) || id > CHILD_SET_MAX_ID)
			return -1;
		first = false;
		previous = id;
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
	return 0;
}
