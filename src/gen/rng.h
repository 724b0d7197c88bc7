/*
 * rng: the deterministic pseudo-random generator of the activity
 * generators. It is splitmix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014): the same seed gives the
 * same sequence on every machine, so a stored seed replays an attempt's
 * items exactly. Not for secrets.
 */
#ifndef ARDOISE_GEN_RNG_H
#define ARDOISE_GEN_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t state;
};

void rng_seed(struct rng *g, uint64_t seed);
uint64_t rng_next(struct rng *g);
/* A whole number in [low, high], uniform (no modulo bias). low <= high. */
long long rng_range(struct rng *g, long long low, long long high);
/* An index in [0, count), count > 0. */
size_t rng_index(struct rng *g, size_t count);
/* Shuffle `count` elements of `size` bytes in place (Fisher-Yates). */
void rng_shuffle(struct rng *g, void *items, size_t count, size_t size);

#endif
