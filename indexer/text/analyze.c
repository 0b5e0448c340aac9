/* analyze.c - the text analyser shared by the indexer and the query tool.
 * See gk_analyze.h for the term scheme and why it finds every substring. */
#include "gk_analyze.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "gk_array.h"
#include "gk_schema.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* Longest word term kept, in bytes; longer words are cut (on a character
 * boundary) the same way on both sides, so they still match. */
#define GK_WORD_MAX 64

struct gk_analyzer {
    UBreakIterator *words;
};

static gk_status set_error(char **errmsg, gk_status st, const char *msg)
{
    return gk_fail(errmsg, st, "%s", msg);
}

gk_status gk_analyzer_new(gk_analyzer **out, char **errmsg)
{
    *out = NULL;
    gk_analyzer *az = calloc(1, sizeof *az);
    if (az == NULL)
        return set_error(errmsg, GK_ENOMEM, "out of memory");
    UErrorCode err = U_ZERO_ERROR;
    az->words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &err);
    if (U_FAILURE(err)) {
        free(az);
        return set_error(errmsg, GK_EINTERNAL,
                         "ICU word break iterator unavailable");
    }
    *out = az;
    return GK_OK;
}

void gk_analyzer_free(gk_analyzer *az)
{
    if (az == NULL)
        return;
    ubrk_close(az->words);
    free(az);
}

/* CJK characters are indexed one by one; everything else in words. */
static int is_cjk(uint32_t c)
{
    if (c < 0x2E80)
        return 0;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)c, &err);
    if (U_FAILURE(err))
        return 0;
    return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
           sc == USCRIPT_KATAKANA || sc == USCRIPT_BOPOMOFO ||
           u_hasBinaryProperty((UChar32)c, UCHAR_IDEOGRAPHIC);
}

/* Growable arrays of the analysis. */
static gk_status push_unit(gk_analysis *a, size_t *cap, const gk_unit *u)
{
    if (GK_ARRAY_RESERVE(a->units, *cap, a->nunits + 1) != GK_OK)
        return GK_ENOMEM;
    a->units[a->nunits++] = *u;
    return GK_OK;
}

static gk_status push_term(gk_analysis *a, size_t *cap, const char *t,
                           size_t len)
{
    if (GK_ARRAY_RESERVE(a->terms, *cap, a->terms_len + len + 1) != GK_OK)
        return GK_ENOMEM;
    memcpy(a->terms + a->terms_len, t, len);
    a->terms_len += len;
    a->terms[a->terms_len] = '\0';
    return GK_OK;
}

static gk_status push_word(gk_analysis *a, size_t *cap, size_t start,
                           size_t end)
{
    if (GK_ARRAY_RESERVE(a->words, *cap, a->nwords + 1) != GK_OK)
        return GK_ENOMEM;
    a->words[a->nwords].start = start;
    a->words[a->nwords].end = end;
    a->nwords++;
    return GK_OK;
}

/* Lower-case a word (ASCII fast path, ICU case folding otherwise), drop the
 * thousands separators of numbers, cut at GK_WORD_MAX bytes.  Writes at most
 * GK_WORD_MAX bytes to out; returns the length. */
static size_t word_term(const char *s, size_t len, int is_number, char *out)
{
    size_t n = 0, i = 0;
    int ascii = 1;
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)s[k] >= 0x80)
            ascii = 0;
    if (ascii) {
        for (i = 0; i < len && n < GK_WORD_MAX; i++) {
            char c = s[i];
            if (is_number && c == ',')
                continue;
            out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        }
        return n;
    }
    while (i < len) {
        uint32_t cp = gk_utf8_next(s, len, &i);
        if (is_number && cp == ',')
            continue;
        cp = (uint32_t)u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
        char buf[4];
        size_t k = gk_utf8_put(buf, cp);
        if (n + k > GK_WORD_MAX)
            break;
        memcpy(out + n, buf, k);
        n += k;
    }
    return n;
}

/* Close the CJK run that ends with the last unit, if any. */
static void end_run(gk_analysis *a, int *in_run)
{
    if (*in_run && a->nunits > 0)
        a->units[a->nunits - 1].run_end = 1;
    *in_run = 0;
}

/* Add a word unit for text[start, end); Latin words are split at '.', '_'
 * and '/' so that "www.pengyang.gov.cn" gives four words.  Numbers keep
 * their decimal point ("0.65"). */
static gk_status add_words(gk_analysis *a, size_t *ucap, size_t *tcap,
                           const char *text, size_t start, size_t end,
                           int is_number)
{
    size_t p = start;
    while (p < end) {
        size_t q = p;
        if (!is_number)
            while (q < end && text[q] != '.' && text[q] != '_' && text[q] != '/')
                q++;
        else
            q = end;
        if (q > p) {
            char term[GK_WORD_MAX];
            size_t tl = word_term(text + p, q - p, is_number, term);
            if (tl > 0) {
                gk_unit u = {GK_UNIT_WORD, 0, 0, p, q, a->terms_len, tl};
                if (push_unit(a, ucap, &u) != GK_OK ||
                    push_term(a, tcap, term, tl) != GK_OK)
                    return GK_ENOMEM;
            }
        }
        p = q + 1;
    }
    return GK_OK;
}

gk_status gk_analyze(gk_analyzer *az, const char *text, size_t len,
                     gk_analysis *out, char **errmsg)
{
    memset(out, 0, sizeof *out);
    if (len > INT32_MAX)
        return set_error(errmsg, GK_EINVAL, "text too long to analyse");
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
    if (U_SUCCESS(err))
        ubrk_setUText(az->words, ut, &err);
    if (U_FAILURE(err)) {
        utext_close(ut);
        return set_error(errmsg, GK_EINTERNAL, "ICU could not read the text");
    }
    size_t ucap = 0, tcap = 0, wcap = 0;
    int in_run = 0;
    gk_status st = GK_OK;
    int32_t seg_start = ubrk_first(az->words);
    for (int32_t seg_end = ubrk_next(az->words);
         seg_end != UBRK_DONE && st == GK_OK;
         seg_start = seg_end, seg_end = ubrk_next(az->words)) {
        int status = ubrk_getRuleStatus(az->words);
        size_t s = (size_t)seg_start, e = (size_t)seg_end;
        if (status < UBRK_WORD_NONE_LIMIT) {
            end_run(out, &in_run);
            continue;
        }
        /* Walk the segment's characters: CJK ones become units of a run,
         * other stretches become words (or, right after a CJK character,
         * marks that belong to it). */
        size_t i = s, cjk_chars = 0, stretch = (size_t)-1;
        int mixed = 0;
        while (i < e && st == GK_OK) {
            size_t cs = i;
            uint32_t cp = gk_utf8_next(text, e, &i);
            if (is_cjk(cp)) {
                if (stretch != (size_t)-1) {
                    end_run(out, &in_run);
                    st = add_words(out, &ucap, &tcap, text, stretch, cs,
                                   status < UBRK_WORD_NUMBER_LIMIT);
                    stretch = (size_t)-1;
                }
                gk_unit u = {GK_UNIT_CJK, (unsigned char)!in_run, 0, cs, i, 0, 0};
                if (st == GK_OK)
                    st = push_unit(out, &ucap, &u);
                in_run = 1;
                cjk_chars++;
            } else if (stretch == (size_t)-1 && in_run && cjk_chars > 0 &&
                       (u_getCombiningClass((UChar32)cp) != 0 ||
                        u_hasBinaryProperty((UChar32)cp,
                                            UCHAR_VARIATION_SELECTOR))) {
                out->units[out->nunits - 1].end = i; /* a mark on the character */
            } else if (stretch == (size_t)-1) {
                stretch = cs;
                mixed = 1;
            }
        }
        if (st == GK_OK && stretch != (size_t)-1) {
            end_run(out, &in_run);
            st = add_words(out, &ucap, &tcap, text, stretch, e,
                           status < UBRK_WORD_NUMBER_LIMIT);
        }
        if (st == GK_OK && cjk_chars >= 2 && !mixed)
            st = push_word(out, &wcap, s, e);
    }
    end_run(out, &in_run);
    utext_close(ut);
    if (st != GK_OK) {
        gk_analysis_clear(out);
        return set_error(errmsg, st, "out of memory while analysing text");
    }
    return GK_OK;
}

void gk_analysis_clear(gk_analysis *a)
{
    if (a == NULL)
        return;
    free(a->units);
    free(a->terms);
    free(a->words);
    memset(a, 0, sizeof *a);
}

gk_status gk_analysis_index_terms(const gk_analysis *a, const char *text,
                                  gk_term_fn fn, void *ctx)
{
    char buf[2 * GK_WORD_MAX + 8];
    gk_status st = GK_OK;
    for (size_t i = 0; i < a->nunits && st == GK_OK; i++) {
        const gk_unit *u = &a->units[i];
        unsigned pos = (unsigned)(i + 1);
        if (u->kind == GK_UNIT_WORD) {
            st = fn(ctx, a->terms + u->term_off, u->term_len, pos);
            continue;
        }
        size_t ulen = u->end - u->start;
        if (!u->run_end) {
            const gk_unit *v = &a->units[i + 1];
            size_t vlen = v->end - v->start;
            if (ulen + vlen <= sizeof buf) {
                memcpy(buf, text + u->start, ulen);
                memcpy(buf + ulen, text + v->start, vlen);
                st = fn(ctx, buf, ulen + vlen, pos);
            }
        }
        if (st == GK_OK && (u->run_start || u->run_end))
            st = fn(ctx, text + u->start, ulen, pos);
    }
    size_t plen = strlen(GK_PREFIX_WORD);
    for (size_t w = 0; w < a->nwords && st == GK_OK; w++) {
        size_t wl = a->words[w].end - a->words[w].start;
        if (plen + wl > sizeof buf)
            continue;
        memcpy(buf, GK_PREFIX_WORD, plen);
        memcpy(buf + plen, text + a->words[w].start, wl);
        st = fn(ctx, buf, plen + wl, 0);
    }
    return st;
}

void gk_phrase_clear(gk_phrase *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nterms; i++)
        free(p->terms[i].term);
    free(p->terms);
    for (size_t i = 0; i < p->nrank_words; i++)
        free(p->rank_words[i]);
    free(p->rank_words);
    memset(p, 0, sizeof *p);
}

/* The phrase's arrays grow while gk_phrase_build fills them; their
 * capacities live there, not in the public gk_phrase. */
static gk_status phrase_add(gk_phrase *p, size_t *cap, const char *a,
                            size_t alen, const char *b, size_t blen,
                            unsigned width, int cjk)
{
    if (GK_ARRAY_RESERVE(p->terms, *cap, p->nterms + 1) != GK_OK)
        return GK_ENOMEM;
    char *t = malloc(alen + blen + 1);
    if (t == NULL)
        return GK_ENOMEM;
    memcpy(t, a, alen);
    if (blen > 0)
        memcpy(t + alen, b, blen);
    t[alen + blen] = '\0';
    p->terms[p->nterms].term = t;
    p->terms[p->nterms].len = alen + blen;
    p->terms[p->nterms].width = width;
    p->terms[p->nterms].cjk = cjk;
    p->nterms++;
    return GK_OK;
}

static gk_status phrase_add_rank_word(gk_phrase *p, size_t *cap,
                                      const char *w, size_t len)
{
    size_t plen = strlen(GK_PREFIX_WORD);
    for (size_t i = 0; i < p->nrank_words; i++)
        if (strlen(p->rank_words[i]) == plen + len &&
            memcmp(p->rank_words[i] + plen, w, len) == 0)
            return GK_OK;
    if (GK_ARRAY_RESERVE(p->rank_words, *cap, p->nrank_words + 1) != GK_OK)
        return GK_ENOMEM;
    char *t = malloc(plen + len + 1);
    if (t == NULL)
        return GK_ENOMEM;
    memcpy(t, GK_PREFIX_WORD, plen);
    memcpy(t + plen, w, len);
    t[plen + len] = '\0';
    p->rank_words[p->nrank_words++] = t;
    return GK_OK;
}

/* Which index term must sit at unit i of the query for the query to occur
 * there in a document:
 *  - a character followed by another of its run: the bigram;
 *  - the last character of a run that something else follows, or the only
 *    character of a run that something precedes: the unigram, because the
 *    document's run must end (or start) there too;
 *  - the last character of a longer run at the very end of the query:
 *    nothing, the bigram before it already covers it (the document may go
 *    on with more characters). */
gk_status gk_phrase_build(gk_analyzer *az, const char *text, size_t len,
                          gk_phrase *out, char **errmsg)
{
    memset(out, 0, sizeof *out);
    gk_analysis a = {0};
    gk_status st = gk_analyze(az, text, len, &a, errmsg);
    if (st != GK_OK)
        return st;
    size_t terms_cap = 0, rank_cap = 0;
    if (a.nunits == 1 && a.units[0].kind == GK_UNIT_CJK) {
        out->any_position = 1;
        st = phrase_add(out, &terms_cap, text + a.units[0].start,
                        a.units[0].end - a.units[0].start, NULL, 0, 1, 1);
    }
    for (size_t i = 0; i < a.nunits && st == GK_OK && !out->any_position; i++) {
        const gk_unit *u = &a.units[i];
        const char *t = text + u->start;
        size_t tl = u->end - u->start;
        int last = i + 1 == a.nunits;
        if (u->kind == GK_UNIT_WORD)
            st = phrase_add(out, &terms_cap, a.terms + u->term_off,
                            u->term_len, NULL, 0, 1, 0);
        else if (!u->run_end)
            st = phrase_add(out, &terms_cap, t, tl,
                            text + a.units[i + 1].start,
                            a.units[i + 1].end - a.units[i + 1].start, 2, 1);
        else if (!last || u->run_start)
            st = phrase_add(out, &terms_cap, t, tl, NULL, 0, 1, 1);
    }
    /* A boost only for a query that is one whole word: whether the query
     * stands as a word in a report is then what its XW term says.  The
     * words inside a longer query say nothing about where the query
     * matches (their XW terms count them anywhere in the report), and
     * their boost kept the matcher from stopping early (docs/BENCHMARKS.md,
     * "Ranking and term costs"). */
    if (st == GK_OK && a.nwords == 1 && a.nunits > 0 &&
        a.words[0].start == a.units[0].start &&
        a.words[0].end == a.units[a.nunits - 1].end)
        st = phrase_add_rank_word(out, &rank_cap, text + a.words[0].start,
                                  a.words[0].end - a.words[0].start);
    gk_analysis_clear(&a);
    if (st != GK_OK) {
        gk_phrase_clear(out);
        return set_error(errmsg, st, "out of memory while analysing the query");
    }
    return GK_OK;
}

/* Does the index hold phrase term t at unit j of analysis a? */
static int term_at(const gk_phrase_term *t, const gk_analysis *a,
                   const char *text, size_t j)
{
    if (j >= a->nunits)
        return 0;
    const gk_unit *u = &a->units[j];
    if (!t->cjk)
        return u->kind == GK_UNIT_WORD && u->term_len == t->len &&
               memcmp(a->terms + u->term_off, t->term, t->len) == 0;
    if (u->kind != GK_UNIT_CJK)
        return 0;
    size_t ulen = u->end - u->start;
    if (t->width == 1)
        return (u->run_start || u->run_end) && ulen == t->len &&
               memcmp(text + u->start, t->term, ulen) == 0;
    if (u->run_end)
        return 0;
    const gk_unit *v = &a->units[j + 1];
    size_t vlen = v->end - v->start;
    return ulen + vlen == t->len &&
           memcmp(text + u->start, t->term, ulen) == 0 &&
           memcmp(text + v->start, t->term + ulen, vlen) == 0;
}

void gk_phrase_find(const gk_phrase *p, const gk_analysis *a,
                    const char *text, gk_match_fn fn, void *ctx)
{
    if (p->nterms == 0)
        return;
    if (p->any_position) {
        for (size_t j = 0; j < a->nunits; j++) {
            const gk_unit *u = &a->units[j];
            if (u->kind == GK_UNIT_CJK && u->end - u->start == p->terms[0].len &&
                memcmp(text + u->start, p->terms[0].term, p->terms[0].len) == 0)
                fn(ctx, u->start, u->end);
        }
        return;
    }
    size_t span = p->nterms - 1 + p->terms[p->nterms - 1].width;
    for (size_t i = 0; i + span <= a->nunits; i++) {
        size_t k = 0;
        while (k < p->nterms && term_at(&p->terms[k], a, text, i + k))
            k++;
        if (k == p->nterms)
            fn(ctx, a->units[i].start, a->units[i + span - 1].end);
    }
}
