/* splitmix64 and the draws built on it. */
#include "gen/rng.h"

#include <string.h>

void rng_seed(struct rng *g, uint64_t seed)
{
	g->state = seed;
}

uint64_t rng_next(struct rng *g)
{
	uint64_t z = (g->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long long rng_range(struct rng *g, long long low, long long high)
{
	uint64_t span = (uint64_t)(high - low) + 1, limit, x;

	if (span == 0) /* the whole 64-bit range */
		return (long long)rng_next(g);
	/* Reject the top values that would make some results more likely. */
	limit = UINT64_MAX - UINT64_MAX % span;
	do
		x = rng_next(g);
	while (x >= limit);
	return low + (long long)(x % span);
}

size_t rng_index(struct rng *g, size_t count)
{
	return (size_t)rng_range(g, 0, (long long)count - 1);
}

void rng_shuffle(struct rng *g, void *items, size_t count, size_t size)
{
	unsigned char *p = items, tmp[256];
	size_t i, j;

	if (size > sizeof(tmp))
		return;
	for (i = count; i > 1; i--) {
		j = rng_index(g, i);
		memcpy(tmp, p + (i - 1) * size, size);
		memcpy(p + (i - 1) * size, p + j * size, size);
		memcpy(p + j * size, tmp, size);
	}
}
