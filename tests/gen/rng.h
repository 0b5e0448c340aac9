/* rng.h - the generator's own deterministic random numbers (xoshiro256**
 * seeded through splitmix64): the same seed gives the same corpus on every
 * machine and libc. */
#ifndef GEN_RNG_H
#define GEN_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct gen_rng {
    uint64_t s[4];
} gen_rng;

/* Seed the generator; any seed (0 too) is fine. */
void gen_rng_seed(gen_rng *r, uint64_t seed);

/* The next 64 random bits. */
uint64_t gen_rng_next(gen_rng *r);

/* A number in [0, n); 0 when n is 0. */
size_t gen_rng_below(gen_rng *r, size_t n);

/* A number in [lo, hi]. */
long gen_rng_range(gen_rng *r, long lo, long hi);

/* 1 with probability percent/100. */
int gen_rng_chance(gen_rng *r, unsigned percent);

/* One of the n strings of list. */
const char *gen_rng_pick(gen_rng *r, const char *const *list, size_t n);

#define GEN_PICK(r, arr) gen_rng_pick((r), (arr), sizeof(arr) / sizeof((arr)[0]))

#endif
