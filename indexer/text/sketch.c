/* sketch.c - a section's shingle count and a byte of each MinHash
 * minimum, kept in a value slot so that the link pass can leave out,
 * without reading or shingling it, a candidate whose section cannot share
 * enough with the one measured (gk_shingle.h, docs/SIMILAR.md). */
#include <stdint.h>

#include "gk_shingle.h"

/* How far below the agreement expected of the least similar pair that
 * could still share enough a pair's agreement must fall to be left out,
 * in standard deviations. */
#define SKETCH_SIGMAS 5.0

void gk_sketch_make(unsigned char out[GK_SKETCH_SIZE], const gk_shingles *s,
                    const uint32_t sig[GK_MINHASH_N])
{
    uint32_t n = s->n > UINT32_MAX ? UINT32_MAX : (uint32_t)s->n;
    out[0] = (unsigned char)(n >> 24);
    out[1] = (unsigned char)(n >> 16);
    out[2] = (unsigned char)(n >> 8);
    out[3] = (unsigned char)n;
    for (size_t k = 0; k < GK_MINHASH_N; k++)
        out[4 + k] = (unsigned char)(sig[k] & 0xFF);
}

static size_t sketch_count(const unsigned char *sk)
{
    return (size_t)sk[0] << 24 | (size_t)sk[1] << 16 | (size_t)sk[2] << 8 | (size_t)sk[3];
}

int gk_sketch_may_share(const unsigned char mine[GK_SKETCH_SIZE], const unsigned char *sketch,
                        size_t len, double share)
{
    if (len != GK_SKETCH_SIZE)
        return 1;
    size_t n = sketch_count(mine), other = sketch_count(sketch);
    if (n == 0 || other == 0)
        return 1;
    /* sharing `share` of the smaller set s with the larger l, their
     * Jaccard similarity is at least share*s / ((1 - share)*s + l): the
     * least a minimum agrees with (a byte of two different minima agrees
     * by chance too, which only makes agreement likelier) */
    double s = (double)(n < other ? n : other), l = (double)(n < other ? other : n);
    double j = share * s / ((1.0 - share) * s + l);
    /* bytes against bytes, a loop the compiler turns into a few vector
     * compares: the link pass asks this of every candidate it weighs */
    unsigned agree = 0;
    for (size_t k = 4; k < GK_SKETCH_SIZE; k++)
        agree += mine[k] == sketch[k];
    /* agreements are Binomial(GK_MINHASH_N, >= j): left out only when
     * (mean - agree) exceeds SKETCH_SIGMAS standard deviations */
    double mean = GK_MINHASH_N * j, below = mean - (double)agree;
    double var = GK_MINHASH_N * j * (1.0 - j);
    return !(below > 0 && below * below > SKETCH_SIGMAS * SKETCH_SIGMAS * var);
}
