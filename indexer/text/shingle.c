/* shingle.c - a section as a set of character shingles, its MinHash
 * signature and LSH band terms, and the overlap of two sections
 * (docs/SIMILAR.md). */
#include "gk_shingle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_utf8.h"
#include "gk_util.h"
#include "shingle_fold.h"

/* splitmix64's finaliser: a good 64-bit mix. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

static int cmp_hash(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* v[0..n) in increasing order: a radix sort of the eight bytes, least
 * significant first, in linear time (qsort's calls of cmp_hash were a
 * quarter of shingling a section, which the link pass does for every
 * candidate it reads); qsort when there is no room for the copy. */
static void sort_hashes(uint64_t *v, size_t n)
{
    uint64_t *tmp = n > 1 ? malloc(n * sizeof *tmp) : NULL;
    if (tmp == NULL) {
        if (n > 1)
            qsort(v, n, sizeof *v, cmp_hash);
        return;
    }
    size_t count[8][256];
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++)
        for (unsigned b = 0; b < 8; b++)
            count[b][(v[i] >> (8 * b)) & 0xFF]++;
    uint64_t *from = v, *to = tmp;
    for (unsigned b = 0; b < 8; b++) {
        if (count[b][(from[0] >> (8 * b)) & 0xFF] == n)
            continue; /* every value has this byte: nothing moves */
        size_t at = 0;
        for (unsigned d = 0; d < 256; d++) {
            size_t c = count[b][d];
            count[b][d] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            to[count[b][(from[i] >> (8 * b)) & 0xFF]++] = from[i];
        uint64_t *t = from;
        from = to;
        to = t;
    }
    if (from != v)
        memcpy(v, from, n * sizeof *v);
    free(tmp);
}

static gk_status push(gk_shingles *s, uint64_t h)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        uint64_t *grown = realloc(s->hash, cap * sizeof *grown);
        if (grown == NULL)
            return GK_ENOMEM;
        s->hash = grown;
        s->cap = cap;
    }
    s->hash[s->n++] = h;
    return GK_OK;
}

/* The shingles of one sentence's folded characters cps[0..n). */
static gk_status add_sentence(gk_shingles *s, const uint32_t *cps, size_t n)
{
    gk_status st = GK_OK;
    for (size_t i = 0; i + GK_SHINGLE_K <= n && st == GK_OK; i++) {
        uint64_t h = 0xCBF29CE484222325ULL; /* FNV-1a over the code points */
        int cjk = 0;
        for (size_t k = 0; k < GK_SHINGLE_K; k++) {
            h = (h ^ cps[i + k]) * 0x100000001B3ULL;
            cjk |= gk_shingle_is_cjk(cps[i + k]);
        }
        if (cjk) /* runs of figures alone are tables, not prose */
            st = push(s, h);
    }
    return st;
}

static gk_status add(gk_shingles *s, gk_boilerplate *bp, const char *raw, size_t raw_len,
                     int folded)
{
    s->text += raw_len;
    if (s->text > GK_SHINGLE_MAX_TEXT) { /* too long to compare */
        free(s->hash);
        s->hash = NULL;
        s->n = s->cap = 0;
        return GK_OK;
    }
    size_t keep = s->n, len = raw_len;
    char *copy = NULL;
    gk_status st = folded ? GK_OK : gk_boilerplate_fold(bp, raw, raw_len, &copy, &len);
    if (st != GK_OK)
        return st;
    const char *text = folded ? raw : copy;
    uint32_t *cps = malloc((len + 1) * sizeof *cps);
    if (cps == NULL) {
        free(copy);
        return GK_ENOMEM;
    }
    size_t i = 0, start = 0;
    while (i <= len && st == GK_OK) {
        size_t at = i;
        uint32_t cp = i < len ? gk_utf8_next(text, len, &i) : '\n';
        if (at == len)
            i = len + 1;
        if (!gk_shingle_is_stop(cp))
            continue;
        size_t n = 0, j = start;
        while (j < at) {
            uint32_t c = gk_shingle_fold(gk_utf8_next(text, at, &j));
            if (c != 0)
                cps[n++] = c;
        }
        if (n >= GK_SHINGLE_K && !gk_boilerplate_is(bp, text + start, at - start))
            st = add_sentence(s, cps, n);
        start = i;
    }
    free(copy);
    free(cps);
    if (st != GK_OK) {
        s->n = keep;
        return st;
    }
    sort_hashes(s->hash, s->n);
    size_t out = 0;
    for (size_t k = 0; k < s->n; k++)
        if (out == 0 || s->hash[out - 1] != s->hash[k])
            s->hash[out++] = s->hash[k];
    s->n = out;
    return GK_OK;
}

gk_status gk_shingles_add(gk_shingles *s, gk_boilerplate *bp, const char *text, size_t len)
{
    return add(s, bp, text, len, 0);
}

gk_status gk_shingles_add_folded(gk_shingles *s, gk_boilerplate *bp, const char *text,
                                 size_t len)
{
    return add(s, bp, text, len, 1);
}

void gk_shingles_clear(gk_shingles *s)
{
    free(s->hash);
    s->hash = NULL;
    s->n = s->cap = s->text = 0;
}

size_t gk_shingles_common(const gk_shingles *a, const gk_shingles *b)
{
    size_t i = 0, j = 0, common = 0;
    while (i < a->n && j < b->n) {
        if (a->hash[i] < b->hash[j])
            i++;
        else if (a->hash[i] > b->hash[j])
            j++;
        else {
            common++;
            i++;
            j++;
        }
    }
    return common;
}

double gk_shingles_share(const gk_shingles *a, const gk_shingles *b)
{
    size_t smaller = a->n < b->n ? a->n : b->n;
    return smaller == 0 ? 0 : (double)gk_shingles_common(a, b) / (double)smaller;
}

int gk_shingles_share_at_least(const gk_shingles *a, const gk_shingles *b, double share)
{
    /* the same walk as gk_shingles_common, which gives the same count
     * either way round, given away as soon as the smaller set has missed
     * too many of its shingles to reach share */
    const gk_shingles *s = a->n <= b->n ? a : b, *l = s == a ? b : a;
    if (s->n == 0)
        return 0.0 >= share;
    size_t i = 0, j = 0, common = 0, missed = 0;
    double n = (double)s->n;
    while (i < s->n && j < l->n) {
        if (s->hash[i] < l->hash[j]) {
            i++;
            if ((n - (double)++missed) / n < share)
                return 0;
        } else if (s->hash[i] > l->hash[j]) {
            j++;
        } else {
            common++;
            i++;
            j++;
        }
    }
    return (double)common / n >= share;
}

void gk_minhash(const gk_shingles *s, uint32_t sig[GK_MINHASH_N])
{
    uint64_t seed[GK_MINHASH_N];
    for (size_t k = 0; k < GK_MINHASH_N; k++) {
        sig[k] = UINT32_MAX;
        seed[k] = mix64(k + 1);
    }
    for (size_t i = 0; i < s->n; i++) {
        uint64_t x = s->hash[i];
        for (size_t k = 0; k < GK_MINHASH_N; k++) {
            /* hash k of the shingle: the mix of its hash and a seed of k's */
            uint32_t v = (uint32_t)(mix64(x ^ seed[k]) >> 32);
            if (v < sig[k])
                sig[k] = v;
        }
    }
}

size_t gk_lsh_band_term(char out[GK_LSH_TERM_SIZE], char code,
                        const uint32_t sig[GK_MINHASH_N], size_t band)
{
    uint32_t h = 0x811C9DC5u; /* FNV-1a over the band's minima */
    for (size_t r = 0; r < GK_LSH_ROWS; r++) {
        uint32_t v = sig[band * GK_LSH_ROWS + r];
        for (int b = 0; b < 4; b++)
            h = (h ^ ((v >> (8 * b)) & 0xFF)) * 0x01000193u;
    }
    int n = snprintf(out, GK_LSH_TERM_SIZE, "%s%c%02x%08x", GK_PREFIX_SIMILAR_BAND, code,
                     (unsigned)band, (unsigned)h);
    return n > 0 ? (size_t)n : 0;
}
