/* rng.c - xoshiro256** (Blackman and Vigna), seeded with splitmix64. */
#include "rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void gen_rng_seed(gen_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

uint64_t gen_rng_next(gen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

size_t gen_rng_below(gen_rng *r, size_t n)
{
    return n == 0 ? 0 : (size_t)(gen_rng_next(r) % n);
}

long gen_rng_range(gen_rng *r, long lo, long hi)
{
    return lo + (long)gen_rng_below(r, (size_t)(hi - lo + 1));
}

int gen_rng_chance(gen_rng *r, unsigned percent)
{
    return gen_rng_below(r, 100) < percent;
}

const char *gen_rng_pick(gen_rng *r, const char *const *list, size_t n)
{
    return list[gen_rng_below(r, n)];
}
