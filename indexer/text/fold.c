/* fold.c - clean text folded into the text that is searched, with a map
 * back.
 *
 * Text is cut into normalisation segments: a character with an NFKC
 * boundary before it and the combining characters after it.  Segments that
 * NFKC and the traditional-to-simplified table leave alone are copied and
 * map byte for byte; a segment that changes maps, as a whole, to its start.
 * Normalising segment by segment gives what normalising the whole text
 * gives, because segments start at boundaries.
 */
#include "gk_text.h"

#include <stdint.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "gk_array.h"
#include "gk_noise.h"
#include "gk_tsv.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* A segment longer than this (a base with hundreds of combining marks) is
 * passed through unnormalised rather than given an unbounded buffer. */
#define GK_FOLD_MAX_SEGMENT 64

typedef struct t2s_pair {
    uint32_t from, to;
} t2s_pair;

struct gk_folder {
    const UNormalizer2 *nfkc;
    uint16_t *bmp;     /* 65536 entries: simplified form, 0 = unchanged */
    /* 65536 entries: NF_KNOWN with NF_BOUNDARY and NF_INERT, what NFKC
     * says of each BMP character, asked the first time it is folded
     * instead of every time; atomic, as threads share a folder */
    _Atomic unsigned char *nf;
    t2s_pair *astral;  /* sorted by from */
    size_t nastral, astral_cap;
};

typedef struct fold_run {
    size_t out, src;
    int same; /* 1: bytes map one to one */
} fold_run;

struct gk_foldmap {
    fold_run *runs;
    size_t n, cap;
    size_t out_len, src_len;
};

/* ---- the folder --------------------------------------------------------- */

enum { NF_BOUNDARY = 1, NF_INERT = 2, NF_KNOWN = 4 };

/* What NFKC says of BMP character cp. */
static unsigned nf_of(const gk_folder *f, uint32_t cp)
{
    unsigned v = atomic_load_explicit(&f->nf[cp], memory_order_relaxed);
    if (v == 0) {
        v = NF_KNOWN | (unorm2_hasBoundaryBefore(f->nfkc, (UChar32)cp) ? NF_BOUNDARY : 0) |
            (unorm2_isInert(f->nfkc, (UChar32)cp) ? NF_INERT : 0);
        atomic_store_explicit(&f->nf[cp], (unsigned char)v, memory_order_relaxed);
    }
    return v;
}

static int boundary_before(const gk_folder *f, uint32_t cp)
{
    return cp <= 0xFFFF ? (nf_of(f, cp) & NF_BOUNDARY) != 0
                        : unorm2_hasBoundaryBefore(f->nfkc, (UChar32)cp);
}

static int inert(const gk_folder *f, uint32_t cp)
{
    return cp <= 0xFFFF ? (nf_of(f, cp) & NF_INERT) != 0 : unorm2_isInert(f->nfkc, (UChar32)cp);
}

static gk_status one_char(const char *field, uint32_t *cp)
{
    size_t len = strlen(field), i = 0;
    if (len == 0 || !gk_utf8_valid(field, len))
        return GK_ECORRUPT;
    *cp = gk_utf8_next(field, len, &i);
    return i == len ? GK_OK : GK_ECORRUPT;
}

static gk_status add_pair(void *ctx, char **fields, size_t nfields,
                          size_t line, char **errmsg)
{
    (void)line;
    gk_folder *f = ctx;
    uint32_t from, to;
    if (nfields != 2 || one_char(fields[0], &from) != GK_OK ||
        one_char(fields[1], &to) != GK_OK || to > 0xFFFF || to == 0)
        return gk_fail(errmsg, GK_ECORRUPT,
                       "expected a traditional character, a TAB and its "
                       "simplified form (a BMP character)");
    if (from <= 0xFFFF) {
        f->bmp[from] = (uint16_t)to;
        return GK_OK;
    }
    if (GK_ARRAY_RESERVE(f->astral, f->astral_cap, f->nastral + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    f->astral[f->nastral].from = from;
    f->astral[f->nastral++].to = to;
    return GK_OK;
}

static int by_from(const void *a, const void *b)
{
    const t2s_pair *x = a, *y = b;
    return x->from < y->from ? -1 : x->from > y->from;
}

gk_status gk_folder_new(gk_folder **out, const char *dir, char **errmsg)
{
    *out = NULL;
    gk_folder *f = calloc(1, sizeof *f);
    if (f == NULL || (f->bmp = calloc(65536, sizeof *f->bmp)) == NULL ||
        (f->nf = malloc(65536 * sizeof *f->nf)) == NULL) {
        if (f != NULL)
            free(f->bmp);
        free(f);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    UErrorCode err = U_ZERO_ERROR;
    f->nfkc = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err)) {
        gk_folder_free(f);
        return gk_fail(errmsg, GK_EINTERNAL, "ICU: NFKC data unavailable");
    }
    for (size_t c = 0; c <= 0xFFFF; c++)
        atomic_init(&f->nf[c], 0);
    gk_status st = gk_tsv_read_in(dir, "t2s.tsv", add_pair, f, errmsg);
    if (st != GK_OK) {
        gk_folder_free(f);
        return st;
    }
    if (f->nastral > 1)
        qsort(f->astral, f->nastral, sizeof *f->astral, by_from);
    *out = f;
    return GK_OK;
}

void gk_folder_free(gk_folder *f)
{
    if (f == NULL)
        return;
    free(f->bmp);
    free((void *)f->nf);
    free(f->astral);
    free(f);
}

static uint32_t simplified(const gk_folder *f, uint32_t cp)
{
    if (cp <= 0xFFFF)
        return f->bmp[cp] ? f->bmp[cp] : cp;
    size_t lo = 0, hi = f->nastral;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->astral[mid].from < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->nastral && f->astral[lo].from == cp ? f->astral[lo].to : cp;
}

/* ---- the map ------------------------------------------------------------ */

static gk_status map_add(gk_foldmap *m, size_t out, size_t src, int same)
{
    if (m->n > 0) {
        fold_run *last = &m->runs[m->n - 1];
        if (same && last->same && last->src + (out - last->out) == src)
            return GK_OK;
        if (last->out == out) { /* an empty segment before: replace it */
            last->src = src;
            last->same = same;
            return GK_OK;
        }
    }
    if (GK_ARRAY_RESERVE(m->runs, m->cap, m->n + 1) != GK_OK)
        return GK_ENOMEM;
    m->runs[m->n].out = out;
    m->runs[m->n].src = src;
    m->runs[m->n++].same = same;
    return GK_OK;
}

size_t gk_foldmap_source(const gk_foldmap *m, size_t at)
{
    if (at >= m->out_len || m->n == 0)
        return m->src_len;
    size_t lo = 0, hi = m->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->runs[mid].out <= at)
            lo = mid;
        else
            hi = mid;
    }
    const fold_run *r = &m->runs[lo];
    return r->same ? r->src + (at - r->out) : r->src;
}

void gk_foldmap_free(gk_foldmap *m)
{
    if (m == NULL)
        return;
    free(m->runs);
    free(m);
}

/* ---- folding ------------------------------------------------------------ */

static int to_utf16(UChar *u, uint32_t cp)
{
    if (cp < 0x10000) {
        u[0] = (UChar)cp;
        return 1;
    }
    u[0] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
    u[1] = (UChar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
    return 2;
}

/* Append the NFKC form of the segment text[start..end), its characters
 * simplified.  *same is set when the output equals the input. */
static gk_status fold_segment(const gk_folder *f, gk_buf *b, const char *text,
                              size_t start, size_t end, int *same)
{
    size_t out_start = b->len;
    /* NFKC makes at most 18 characters of one (U+FDFA) */
    UChar src[2 * GK_FOLD_MAX_SEGMENT], nf[18 * 2 * GK_FOLD_MAX_SEGMENT];
    int32_t n = 0, nf_len = -1;
    size_t nchars = gk_utf8_count(text + start, end - start);
    if (nchars <= GK_FOLD_MAX_SEGMENT) {
        for (size_t i = start; i < end;)
            n += to_utf16(src + n, gk_utf8_next(text, end, &i));
        UErrorCode err = U_ZERO_ERROR;
        nf_len = unorm2_normalize(f->nfkc, src, n, nf,
                                  (int32_t)(sizeof nf / sizeof nf[0]), &err);
        if (U_FAILURE(err))
            nf_len = -1;
    }
    if (nf_len < 0) { /* too long to normalise: kept as it is */
        *same = 1;
        return gk_buf_add(b, text + start, end - start);
    }
    for (int32_t k = 0; k < nf_len;) {
        UChar32 c;
        U16_NEXT(nf, k, nf_len, c);
        char u[4];
        if (gk_buf_add(b, u, gk_utf8_put(u, simplified(f, (uint32_t)c))) != GK_OK)
            return GK_ENOMEM;
    }
    *same = b->len - out_start == end - start &&
            memcmp(b->data + out_start, text + start, end - start) == 0;
    return GK_OK;
}

gk_status gk_text_fold(gk_folder *f, const char *text, size_t len, char **out,
                       size_t *out_len, gk_foldmap **map, char **errmsg)
{
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (map != NULL)
        *map = NULL;
    gk_buf b = {0};
    gk_foldmap *m = map != NULL ? calloc(1, sizeof *m) : NULL;
    if (gk_buf_reserve(&b, len + 1) != GK_OK || (map != NULL && m == NULL))
        goto nomem;
    for (size_t i = 0; i < len;) {
        size_t start = i, out_at = b.len;
        uint32_t cp = gk_utf8_next(text, len, &i);
        size_t first_end = i;
        while (i < len) { /* the combining characters that follow */
            size_t k = i;
            uint32_t next = gk_utf8_next(text, len, &k);
            if (next < 0x80 || boundary_before(f, next))
                break;
            i = k;
        }
        int same = 1;
        if (i == first_end && cp < 0x80) {
            if (gk_buf_addc(&b, (char)cp) != GK_OK)
                goto nomem;
        } else if (i == first_end && inert(f, cp)) {
            uint32_t s = simplified(f, cp);
            char u[4];
            if (gk_buf_add(&b, u, gk_utf8_put(u, s)) != GK_OK)
                goto nomem;
            same = s == cp;
        } else if (fold_segment(f, &b, text, start, i, &same) != GK_OK) {
            goto nomem;
        }
        if (m != NULL && map_add(m, out_at, start, same) != GK_OK)
            goto nomem;
    }
    if (m != NULL) {
        m->out_len = b.len;
        m->src_len = len;
        *map = m;
    }
    *out = gk_buf_take(&b, out_len);
    if (*out == NULL) {
        gk_foldmap_free(m);
        if (map != NULL)
            *map = NULL;
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    return GK_OK;
nomem:
    gk_buf_free(&b);
    gk_foldmap_free(m);
    return gk_fail(errmsg, GK_ENOMEM, "out of memory");
}

/* ---- cutting folded text ------------------------------------------------- */

/* Whether source offset at starts a normalisation segment of text (or is
 * its end): a segment is cut there whatever comes before. */
static int segment_starts(const gk_folder *f, const char *text, size_t len, size_t at)
{
    if (at >= len)
        return at == len;
    unsigned char b = (unsigned char)text[at];
    if (b < 0x80)
        return 1;
    if ((b & 0xC0) == 0x80)
        return 0; /* inside a character */
    size_t k = at;
    return boundary_before(f, gk_utf8_next(text, len, &k));
}

/* The run of m holding source offset at (the last that starts at or
 * before it). */
static size_t run_of(const gk_foldmap *m, size_t at)
{
    size_t lo = 0, hi = m->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->runs[mid].src <= at)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t run_out_end(const gk_foldmap *m, size_t k)
{
    return k + 1 < m->n ? m->runs[k + 1].out : m->out_len;
}

/* The folded offset of source offset at, a segment start; SIZE_MAX when
 * the map does not say it (at inside a segment folding changed). */
static size_t folded_at(const gk_foldmap *m, size_t at)
{
    if (at == m->src_len)
        return m->out_len;
    if (m->n == 0 || m->runs[0].src > at)
        return SIZE_MAX;
    size_t k = run_of(m, at);
    const fold_run *r = &m->runs[k];
    if (!r->same)
        return at == r->src ? r->out : SIZE_MAX;
    size_t o = r->out + (at - r->src);
    return o <= run_out_end(m, k) ? o : SIZE_MAX;
}

/* Map the kept source stretch [a, b) into n, shifted
 * back by the bytes cut before it. */
static gk_status keep_runs(gk_foldmap *n, const gk_foldmap *m, size_t a, size_t b,
                           size_t cut_src, size_t cut_out)
{
    for (size_t k = run_of(m, a); k < m->n && m->runs[k].src < b; k++) {
        const fold_run *r = &m->runs[k];
        size_t from = r->src < a ? a : r->src;
        size_t out = r->same ? r->out + (from - r->src) : r->out;
        if (map_add(n, out - cut_out, from - cut_src, r->same) != GK_OK)
            return GK_ENOMEM;
    }
    return GK_OK;
}

gk_status gk_text_fold_cut(const gk_folder *f, const char *text, size_t len,
                           const char *folded, const gk_foldmap *map,
                           const struct gk_range *cuts, size_t ncuts, char **out,
                           size_t *out_len, gk_foldmap **out_map, char **errmsg)
{
    *out = NULL;
    *out_len = 0;
    *out_map = NULL;
    if (map->src_len != len)
        return gk_fail(errmsg, GK_EINVAL, "the map is not the text's");
    /* every cut must start and end where segments do, so that what stays
     * joined folds as it did apart */
    for (size_t i = 0; i < ncuts; i++)
        if (cuts[i].start > cuts[i].end || cuts[i].end > len ||
            (i > 0 && cuts[i].start < cuts[i - 1].end) ||
            !segment_starts(f, text, len, cuts[i].start) ||
            !segment_starts(f, text, len, cuts[i].end) ||
            folded_at(map, cuts[i].start) == SIZE_MAX ||
            folded_at(map, cuts[i].end) == SIZE_MAX)
            return gk_fail(errmsg, GK_EUNSUPPORTED, "a cut is not at a segment boundary");
    gk_buf b = {0};
    gk_foldmap *n = calloc(1, sizeof *n);
    gk_status st = n != NULL ? gk_buf_reserve(&b, map->out_len + 1) : GK_ENOMEM;
    size_t a = 0, cut_src = 0, cut_out = 0;
    for (size_t i = 0; i <= ncuts && st == GK_OK; i++) {
        size_t z = i < ncuts ? cuts[i].start : len;
        size_t fa = folded_at(map, a), fz = folded_at(map, z);
        if (z > a) {
            st = gk_buf_add(&b, folded + fa, fz - fa);
            if (st == GK_OK)
                st = keep_runs(n, map, a, z, cut_src, cut_out);
        }
        if (i < ncuts) {
            cut_src += cuts[i].end - z;
            cut_out += folded_at(map, cuts[i].end) - fz;
            a = cuts[i].end;
        }
    }
    if (st == GK_OK) {
        n->out_len = b.len;
        n->src_len = len - cut_src;
        *out = gk_buf_take(&b, out_len);
        if (*out == NULL)
            st = GK_ENOMEM;
    }
    if (st != GK_OK) {
        gk_buf_free(&b);
        gk_foldmap_free(n);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    *out_map = n;
    return GK_OK;
}

gk_status gk_text_normalize(gk_folder *f, char **out, size_t *out_len,
                            const char *text, size_t len, char **errmsg)
{
    char *clean = NULL;
    size_t clean_len = 0;
    gk_status st = gk_text_clean(&clean, &clean_len, text, len, errmsg);
    if (st != GK_OK)
        return st;
    st = gk_text_fold(f, clean, clean_len, out, out_len, NULL, errmsg);
    free(clean);
    return st;
}
