/* boilerplate.c - the template's own sentences (boilerplate.tsv), which
 * near-duplicate detection must not count: every report has them; and
 * the folding it compares text with. */
#define _GNU_SOURCE /* memmem */
#include "gk_shingle.h"

#include <stdlib.h>
#include <string.h>

#include "gk_text.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "gk_words.h"
#include "shingle_fold.h"

enum { SENTENCE, LINE };
static const char *const kinds[] = {"sentence", "line", NULL};

struct gk_boilerplate {
    gk_words *words;
    gk_folder *folder;
    /* the patterns as compared: squeezed (below), a sentence pattern's
     * parts separated by \x01 */
    char **sentences, **lines;
    size_t nsentences, nlines;
    /* per pattern: a mask of the characters it holds (char_mask), so
     * that a sentence lacking one is passed over without a search; and
     * each line's length */
    uint64_t (*masks)[2];
    size_t *line_len;
};

static gk_status squeeze(gk_buf *out, const char *s, size_t len);

/* A 128-bit mask of the characters of s[0..len) (squeezed UTF-8): a
 * pattern can occur in a sentence only if its mask is within the
 * sentence's.  A bit per character's hash; \x01 (between a pattern's
 * parts) is left out. */
static void char_mask(const char *s, size_t len, uint64_t mask[2])
{
    mask[0] = mask[1] = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = gk_utf8_next(s, len, &i);
        if (cp == 0x01)
            continue;
        uint32_t bit = (cp * 2654435761u) >> 25; /* 0..127 */
        mask[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
}

/* The records of `kind` squeezed into *out; a sentence pattern's parts
 * (split at "…" or "...") joined by \x01. */
static gk_status compile(const gk_words *w, size_t kind, char ***out, size_t *n)
{
    const char *const *words = gk_words_of(w, kind, n);
    if (*n == 0)
        return GK_OK;
    if ((*out = calloc(*n, sizeof **out)) == NULL)
        return GK_ENOMEM;
    gk_status st = GK_OK;
    for (size_t k = 0; k < *n && st == GK_OK; k++) {
        gk_buf all = {0}, part = {0};
        for (const char *p = words[k]; st == GK_OK;) {
            const char *cut = strstr(p, "…"), *dots = strstr(p, "...");
            size_t skip = GK_LEN("…");
            if (cut == NULL || (dots != NULL && dots < cut)) {
                cut = dots;
                skip = GK_LEN("...");
            }
            st = squeeze(&part, p, cut != NULL ? (size_t)(cut - p) : strlen(p));
            if (st == GK_OK && part.len > 0)
                st = gk_buf_printf(&all, "%s%s", all.len ? "\x01" : "", part.data);
            if (cut == NULL)
                break;
            p = cut + skip;
        }
        if (st == GK_OK)
            st = gk_buf_adds(&all, "");
        gk_buf_free(&part);
        if (st == GK_OK && ((*out)[k] = gk_buf_take(&all, NULL)) == NULL)
            st = GK_ENOMEM;
        gk_buf_free(&all);
    }
    return st;
}

gk_status gk_boilerplate_load(gk_boilerplate **out, const char *dir, char **errmsg)
{
    *out = NULL;
    gk_boilerplate *bp = calloc(1, sizeof *bp);
    if (bp == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_words_load(&bp->words, dir, "boilerplate.tsv", kinds, errmsg);
    if (st == GK_OK)
        st = gk_folder_new(&bp->folder, dir, errmsg);
    if (st == GK_OK &&
        ((st = compile(bp->words, SENTENCE, &bp->sentences, &bp->nsentences)) != GK_OK ||
         (st = compile(bp->words, LINE, &bp->lines, &bp->nlines)) != GK_OK ||
         (bp->nsentences > 0 &&
          (bp->masks = calloc(bp->nsentences, sizeof *bp->masks)) == NULL) ||
         (bp->nlines > 0 && (bp->line_len = calloc(bp->nlines, sizeof *bp->line_len)) == NULL)))
        st = gk_fail(errmsg, st != GK_OK ? st : GK_ENOMEM, "out of memory");
    for (size_t k = 0; st == GK_OK && k < bp->nsentences; k++)
        char_mask(bp->sentences[k], strlen(bp->sentences[k]), bp->masks[k]);
    for (size_t k = 0; st == GK_OK && k < bp->nlines; k++)
        bp->line_len[k] = strlen(bp->lines[k]);
    if (st != GK_OK) {
        gk_boilerplate_free(bp);
        return st;
    }
    *out = bp;
    return GK_OK;
}

void gk_boilerplate_free(gk_boilerplate *bp)
{
    if (bp == NULL)
        return;
    gk_words_free(bp->words);
    gk_folder_free(bp->folder);
    for (size_t k = 0; bp->sentences != NULL && k < bp->nsentences; k++)
        free(bp->sentences[k]);
    for (size_t k = 0; bp->lines != NULL && k < bp->nlines; k++)
        free(bp->lines[k]);
    free(bp->sentences);
    free(bp->lines);
    free(bp->masks);
    free(bp->line_len);
    free(bp);
}

gk_status gk_boilerplate_fold(gk_boilerplate *bp, const char *text, size_t len, char **out,
                              size_t *out_len)
{
    if (bp == NULL) {
        *out = gk_strndup(text, len);
        *out_len = len;
        return *out != NULL ? GK_OK : GK_ENOMEM;
    }
    return gk_text_fold(bp->folder, text, len, out, out_len, NULL, NULL);
}

/* s[0..len) without what gk_shingle_fold drops, as UTF-8 into out
 * (NUL-terminated).  Fails with GK_ENOMEM. */
static gk_status squeeze(gk_buf *out, const char *s, size_t len)
{
    out->len = 0;
    gk_status st = gk_buf_reserve(out, len + 1);
    size_t i = 0;
    while (st == GK_OK && i < len) {
        uint32_t cp = gk_shingle_fold(gk_utf8_next(s, len, &i));
        if (cp != 0)
            out->len += gk_utf8_put(out->data + out->len, cp);
    }
    if (st == GK_OK)
        out->data[out->len] = '\0';
    return st;
}

/* Where needle first occurs in s[from..len), or NULL. */
static const char *find(const char *s, size_t len, size_t from, const char *needle, size_t n)
{
    /* glibc's memmem (two-way, vectorised): a byte-by-byte memcmp here was
     * 5% of an analysing thread (docs/BENCHMARKS.md) */
    return from <= len ? (const char *)memmem(s + from, len - from, needle, n) : NULL;
}

/* 1 if the parts of a compiled sentence pattern occur in s in order. */
static int has_parts(const char *s, size_t len, const char *pattern)
{
    size_t from = 0;
    for (const char *p = pattern;;) {
        size_t n = strcspn(p, "\x01");
        const char *at = find(s, len, from, p, n);
        if (at == NULL)
            return 0;
        from = (size_t)(at - s) + n;
        if (p[n] == '\0')
            return 1;
        p += n + 1;
    }
}

/* How many bytes of ordinal (一 二 ... 十, digits, 第) s begins with, at
 * most four characters. */
static size_t ordinal_len(const char *s, size_t len)
{
    static const char ordinals[] = "一二三四五六七八九十第";
    size_t i = 0, end = 0;
    for (int k = 0; k < 4 && i < len; k++) {
        uint32_t cp = gk_utf8_next(s, len, &i);
        char one[5] = {0};
        gk_utf8_put(one, cp);
        if (!(cp >= '0' && cp <= '9') && strstr(ordinals, one) == NULL)
            break;
        end = i;
    }
    return end;
}

int gk_boilerplate_is(const gk_boilerplate *bp, const char *s, size_t len)
{
    if (bp == NULL)
        return 0;
    gk_buf sentence = {0};
    if (squeeze(&sentence, s, len) != GK_OK || sentence.len == 0) {
        gk_buf_free(&sentence);
        return 0;
    }
    int is = 0;
    uint64_t mask[2];
    char_mask(sentence.data, sentence.len, mask);
    for (size_t k = 0; k < bp->nsentences && !is; k++)
        is = (bp->masks[k][0] & ~mask[0]) == 0 && (bp->masks[k][1] & ~mask[1]) == 0 &&
             has_parts(sentence.data, sentence.len, bp->sentences[k]);
    size_t skip = ordinal_len(sentence.data, sentence.len), trail = 0;
    while (trail < sentence.len && sentence.data[sentence.len - trail - 1] >= '0' &&
           sentence.data[sentence.len - trail - 1] <= '9')
        trail++;
    for (size_t k = 0; k < bp->nlines && !is; k++) {
        size_t n = bp->line_len[k];
        for (int way = 0; way < 4 && !is; way++) { /* with and without ordinal and figures */
            size_t from = way & 1 ? skip : 0, to = way & 2 ? sentence.len - trail : sentence.len;
            is = to >= from && n == to - from &&
                 memcmp(bp->lines[k], sentence.data + from, n) == 0;
        }
    }
    gk_buf_free(&sentence);
    return is;
}
