/* encode.c - GB18030 through ICU, full-width digits, CRLF, traditional
 * characters. */
#define _POSIX_C_SOURCE 200809L
#include "encode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

int gen_encode_gb18030(const char *text, gen_buf *out)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = (int32_t)strlen(text);
    int32_t need = ucnv_convert("GB18030", "UTF-8", NULL, 0, text, len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return -1;
    err = U_ZERO_ERROR;
    char *bytes = gen_xrealloc(NULL, (size_t)need + 1);
    ucnv_convert("GB18030", "UTF-8", bytes, need + 1, text, len, &err);
    if (U_FAILURE(err)) {
        free(bytes);
        return -1;
    }
    gen_buf_add(out, bytes, (size_t)need);
    free(bytes);
    return 0;
}

void gen_encode_fullwidth_digits(const char *text, gen_buf *out)
{
    for (const char *p = text; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            /* U+FF10 + d: EF BC 90+d */
            char fw[3] = {(char)0xEF, (char)0xBC, (char)(0x90 + (*p - '0'))};
            gen_buf_add(out, fw, 3);
        } else {
            gen_buf_add(out, p, 1);
        }
    }
}

void gen_encode_crlf(const char *text, gen_buf *out)
{
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            gen_buf_add(out, "\r", 1);
        gen_buf_add(out, p, 1);
    }
}

/* ---- traditional characters ------------------------------------------------ */

typedef struct pair {
    UChar32 simplified, traditional;
} pair;

struct gen_trad {
    pair *map; /* sorted by simplified */
    size_t n;
};

static int by_simplified(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->simplified != y->simplified)
        return x->simplified < y->simplified ? -1 : 1;
    return (x->traditional > y->traditional) - (x->traditional < y->traditional);
}

/* The single code point a UTF-8 string holds, or -1. */
static UChar32 one_char(const char *s)
{
    UChar u[4];
    int32_t len = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, 4, &len, s, -1, &err);
    if (U_FAILURE(err) || len == 0)
        return -1;
    UChar32 c;
    int32_t i = 0;
    U16_NEXT(u, i, len, c);
    return i == len ? c : -1;
}

gen_trad *gen_trad_load(const char *dir, char *err, size_t errsz)
{
    gen_buf path = {0};
    gen_buf_printf(&path, "%s/t2s.tsv", dir);
    FILE *fp = fopen(gen_buf_str(&path), "r");
    if (fp == NULL) {
        snprintf(err, errsz, "%s: cannot open", gen_buf_str(&path));
        gen_buf_free(&path);
        return NULL;
    }
    gen_buf_free(&path);
    pair *all = NULL;
    size_t nall = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, fp) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || tab == NULL)
            continue;
        *tab = '\0';
        UChar32 t = one_char(line), s = one_char(tab + 1);
        if (t < 0 || s < 0 || t == s)
            continue;
        all = gen_xrealloc(all, (nall + 1) * sizeof *all);
        all[nall++] = (pair){s, t};
    }
    free(line);
    fclose(fp);
    qsort(all, nall, sizeof *all, by_simplified);

    /* of the characters that fold to one simplified character, the one ICU
     * writes for it; none when ICU writes another */
    UErrorCode uerr = U_ZERO_ERROR;
    UTransliterator *tr = utrans_openU(u"Simplified-Traditional", -1, UTRANS_FORWARD, NULL, 0,
                                       NULL, &uerr);
    if (U_FAILURE(uerr)) {
        snprintf(err, errsz, "ICU Simplified-Traditional: %s", u_errorName(uerr));
        free(all);
        return NULL;
    }
    gen_trad *g = calloc(1, sizeof *g);
    if (g == NULL) {
        utrans_close(tr);
        free(all);
        return NULL;
    }
    g->map = gen_xrealloc(NULL, (nall + 1) * sizeof *g->map);
    for (size_t k = 0; k < nall;) {
        size_t e = k;
        while (e < nall && all[e].simplified == all[k].simplified)
            e++;
        UChar u[8];
        int32_t len = 0, limit;
        U16_APPEND_UNSAFE(u, len, all[k].simplified);
        limit = len;
        uerr = U_ZERO_ERROR;
        utrans_transUChars(tr, u, &len, 8, 0, &limit, &uerr);
        UChar32 c = -1;
        if (U_SUCCESS(uerr) && len > 0) {
            int32_t i = 0;
            U16_NEXT(u, i, len, c);
            if (i != len)
                c = -1;
        }
        for (size_t j = k; j < e; j++)
            if (all[j].traditional == c) {
                g->map[g->n++] = all[j];
                break;
            }
        k = e;
    }
    utrans_close(tr);
    free(all);
    return g;
}

void gen_trad_free(gen_trad *t)
{
    if (t == NULL)
        return;
    free(t->map);
    free(t);
}

void gen_encode_traditional(const gen_trad *t, const char *text, gen_buf *out)
{
    int32_t len = (int32_t)strlen(text), i = 0;
    while (i < len) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(text, i, len, c);
        pair key = {c, 0};
        const pair *hit = NULL;
        /* the map has one pair per simplified character: find it by hand */
        size_t lo = 0, hi = t->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (t->map[mid].simplified < key.simplified)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < t->n && t->map[lo].simplified == c)
            hit = &t->map[lo];
        if (hit == NULL) {
            gen_buf_add(out, text + start, (size_t)(i - start));
            continue;
        }
        char b[4];
        int32_t n = 0;
        U8_APPEND_UNSAFE(b, n, hit->traditional);
        gen_buf_add(out, b, (size_t)n);
    }
}
