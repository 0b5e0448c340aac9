/* lexicon.c - a set of terms found at a text position by a hash of their
 * first two bytes, for the noise finder's labels, chrome tokens and spam
 * terms; and the growing range vector the finder fills. */
#include "noise_parts.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_util.h"

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static size_t bucket(unsigned char c0, unsigned char c1)
{
    return ((size_t)fold(c0) * 131u + fold(c1)) % GK_LEXICON_BUCKETS;
}

/* 1 if s[0..n) equals the lower-case term t[0..n) with latin letters in
 * any case. */
static int equal_folded(const char *s, const char *t, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (fold((unsigned char)s[k]) != (unsigned char)t[k])
            return 0;
    return 1;
}

gk_status gk_lexicon_add(gk_lexicon *lx, const char *text, int value,
                         char **errmsg)
{
    size_t len = strlen(text);
    if (len < 2)
        return gk_fail(errmsg, GK_EINVAL, "term '%s' is shorter than 2 bytes", text);
    if (lx->n >= UINT32_MAX - 1)
        return gk_fail(errmsg, GK_EINVAL, "too many terms");
    char *t = gk_strdup(text);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    for (size_t k = 0; k < len; k++)
        t[k] = (char)fold((unsigned char)t[k]);
    int dummy;
    if (gk_lexicon_match(lx, t, len, 0, &dummy) == len) {
        free(t);
        return gk_fail(errmsg, GK_EINVAL, "term '%s' is listed twice", text);
    }
    if (GK_ARRAY_RESERVE(lx->terms, lx->cap, lx->n + 1) != GK_OK) {
        free(t);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    gk_lexicon_term *v = lx->terms;
    gk_lexicon_term *term = &v[lx->n];
    term->text = t;
    term->len = len;
    term->value = value;
    /* Keep the chain longest first, so that the first hit is the longest. */
    uint32_t *link = &lx->head[bucket((unsigned char)t[0], (unsigned char)t[1])];
    while (*link != 0 && v[*link - 1].len > len)
        link = &v[*link - 1].next;
    term->next = *link;
    *link = (uint32_t)(lx->n + 1);
    lx->n++;
    return GK_OK;
}

size_t gk_lexicon_match(const gk_lexicon *lx, const char *s, size_t len,
                        size_t i, int *value)
{
    if (i + 2 > len)
        return 0;
    uint32_t k = lx->head[bucket((unsigned char)s[i], (unsigned char)s[i + 1])];
    while (k != 0) {
        const gk_lexicon_term *t = &lx->terms[k - 1];
        if (t->len <= len - i && equal_folded(s + i, t->text, t->len)) {
            *value = t->value;
            return t->len;
        }
        k = t->next;
    }
    return 0;
}

void gk_lexicon_clear(gk_lexicon *lx)
{
    if (lx == NULL)
        return;
    for (size_t i = 0; i < lx->n; i++)
        free(lx->terms[i].text);
    free(lx->terms);
    memset(lx, 0, sizeof *lx);
}

gk_status gk_range_vec_append(gk_range_vec *v, size_t start, size_t end)
{
    if (GK_ARRAY_RESERVE(v->v, v->cap, v->n + 1) != GK_OK)
        return GK_ENOMEM;
    v->v[v->n].start = start;
    v->v[v->n].end = end;
    v->n++;
    return GK_OK;
}

gk_status gk_range_vec_push(gk_range_vec *v, size_t start, size_t end)
{
    if (v->n > 0 && start <= v->v[v->n - 1].end) {
        if (end > v->v[v->n - 1].end)
            v->v[v->n - 1].end = end;
        return GK_OK;
    }
    return gk_range_vec_append(v, start, end);
}
