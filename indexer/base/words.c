/* words.c - data files of words by kind ("KIND<TAB>WORD"). */
#include "gk_words.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_tsv.h"
#include "gk_util.h"

/* A kind's words in file order, and for the lookups their lengths and
 * their indexes grouped by first byte (by_first[b] .. by_first[b + 1] in
 * order), so that a lookup compares only the words that can match. */
typedef struct word_list {
    char **v;
    size_t n, cap;
    size_t *len;
    size_t *order;
    size_t by_first[257];
} word_list;

struct gk_words {
    word_list *kinds;   /* one list per kind */
    size_t nkinds;
};

typedef struct loading {
    gk_words *w;
    const char *const *names;
} loading;

void gk_words_free(gk_words *w)
{
    if (w == NULL)
        return;
    for (size_t k = 0; k < w->nkinds; k++) {
        for (size_t i = 0; i < w->kinds[k].n; i++)
            free(w->kinds[k].v[i]);
        free(w->kinds[k].v);
        free(w->kinds[k].len);
        free(w->kinds[k].order);
    }
    free(w->kinds);
    free(w);
}

static gk_status word_row(void *ctx, char **f, size_t n, size_t line,
                          char **errmsg)
{
    (void)line;
    loading *l = ctx;
    if (n != 2)
        return gk_fail(errmsg, GK_ECORRUPT, "expected 2 fields: kind, word");
    size_t k = 0;
    while (l->names[k] != NULL && strcmp(l->names[k], f[0]) != 0)
        k++;
    if (l->names[k] == NULL) {
        gk_buf known = {0};
        for (size_t i = 0; l->names[i] != NULL; i++)
            gk_buf_printf(&known, "%s%s", i ? ", " : "", l->names[i]);
        gk_status st = gk_fail(errmsg, GK_ECORRUPT, "unknown kind '%s' (expected %s)",
                               f[0], known.data != NULL ? known.data : "none");
        gk_buf_free(&known);
        return st;
    }
    if (f[1][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "empty word for kind %s", f[0]);
    word_list *list = &l->w->kinds[k];
    if (GK_ARRAY_RESERVE(list->v, list->cap, list->n + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    if ((list->v[list->n] = gk_strdup(f[1])) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    list->n++;
    return GK_OK;
}

/* Fill the lookup index of a list read in full. */
static gk_status index_list(word_list *l)
{
    l->len = calloc(l->n ? l->n : 1, sizeof *l->len);
    l->order = calloc(l->n ? l->n : 1, sizeof *l->order);
    if (l->len == NULL || l->order == NULL)
        return GK_ENOMEM;
    size_t count[256] = {0};
    for (size_t i = 0; i < l->n; i++) {
        l->len[i] = strlen(l->v[i]);
        count[(unsigned char)l->v[i][0]]++;
    }
    l->by_first[0] = 0;
    for (size_t b = 0; b < 256; b++)
        l->by_first[b + 1] = l->by_first[b] + count[b];
    size_t at[256];
    memcpy(at, l->by_first, sizeof at);
    for (size_t i = 0; i < l->n; i++)
        l->order[at[(unsigned char)l->v[i][0]]++] = i;
    return GK_OK;
}

gk_status gk_words_load(gk_words **out, const char *dir, const char *name,
                        const char *const *kinds, char **errmsg)
{
    *out = NULL;
    gk_words *w = calloc(1, sizeof *w);
    size_t nkinds = 0;
    while (kinds[nkinds] != NULL)
        nkinds++;
    if (w == NULL || (w->kinds = calloc(nkinds ? nkinds : 1, sizeof *w->kinds)) == NULL) {
        free(w);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    w->nkinds = nkinds;
    loading l = {w, kinds};
    gk_status st = gk_tsv_read_in(dir, name, word_row, &l, errmsg);
    for (size_t k = 0; k < nkinds && st == GK_OK; k++)
        if (index_list(&w->kinds[k]) != GK_OK)
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    if (st != GK_OK) {
        gk_words_free(w);
        return st;
    }
    *out = w;
    return GK_OK;
}

static const word_list *list_of(const gk_words *w, size_t kind)
{
    return w != NULL && kind < w->nkinds ? &w->kinds[kind] : NULL;
}

const char *const *gk_words_of(const gk_words *w, size_t kind, size_t *n)
{
    const word_list *l = list_of(w, kind);
    *n = l != NULL ? l->n : 0;
    return l != NULL ? (const char *const *)l->v : NULL;
}

size_t gk_words_prefix(const gk_words *w, size_t kind, const char *s,
                       size_t len)
{
    const word_list *l = list_of(w, kind);
    if (l == NULL || len == 0)
        return 0;
    size_t best = 0;
    unsigned char b = (unsigned char)s[0];
    for (size_t j = l->by_first[b]; j < l->by_first[b + 1]; j++) {
        size_t i = l->order[j], m = l->len[i];
        if (m > best && m <= len && memcmp(s, l->v[i], m) == 0)
            best = m;
    }
    return best;
}

size_t gk_words_suffix(const gk_words *w, size_t kind, const char *s,
                       size_t len)
{
    const word_list *l = list_of(w, kind);
    size_t best = 0;
    for (size_t i = 0; l != NULL && i < l->n; i++) {
        size_t m = strlen(l->v[i]);
        if (m > best && m <= len && memcmp(s + len - m, l->v[i], m) == 0)
            best = m;
    }
    return best;
}

int gk_words_is(const gk_words *w, size_t kind, const char *s, size_t len)
{
    const word_list *l = list_of(w, kind);
    if (l == NULL || len == 0)
        return 0;
    unsigned char b = (unsigned char)s[0];
    for (size_t j = l->by_first[b]; j < l->by_first[b + 1]; j++) {
        size_t i = l->order[j];
        if (l->len[i] == len && memcmp(s, l->v[i], len) == 0)
            return 1;
    }
    return 0;
}

size_t gk_words_find(const gk_words *w, size_t kind, const char *s,
                     size_t len, size_t from, size_t *n)
{
    *n = 0;
    const word_list *l = list_of(w, kind);
    if (l == NULL || l->n == 0)
        return (size_t)-1;
    for (size_t i = from; i < len; i++) {
        size_t m = gk_words_prefix(w, kind, s + i, len - i);
        if (m > 0) {
            *n = m;
            return i;
        }
    }
    return (size_t)-1;
}
