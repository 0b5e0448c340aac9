/* categories.c - the taxonomy of problem categories (categories.tsv) and
 * the classification of a problems section's statements by it. */
#include "gk_categories.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gk_regex.h"
#include "gk_tsv.h"
#include "gk_utf8.h"
#include "gk_util.h"

typedef struct category {
    char *id;
    char *label;
    char **aliases;
    size_t naliases;
    gk_rx **cues;
    size_t ncues;
} category;

struct gk_taxonomy {
    category *cats;
    size_t n;
    gk_rx **splits;
    size_t nsplits;
};

void gk_taxonomy_free(gk_taxonomy *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->cats[i].id);
        free(t->cats[i].label);
        for (size_t k = 0; k < t->cats[i].naliases; k++)
            free(t->cats[i].aliases[k]);
        free(t->cats[i].aliases);
        for (size_t k = 0; k < t->cats[i].ncues; k++)
            gk_rx_free(t->cats[i].cues[k]);
        free(t->cats[i].cues);
    }
    free(t->cats);
    for (size_t k = 0; k < t->nsplits; k++)
        gk_rx_free(t->splits[k]);
    free(t->splits);
    free(t);
}

static gk_status push_rx(gk_rx ***v, size_t *n, const char *pattern, char **errmsg)
{
    gk_rx **p = realloc(*v, (*n + 1) * sizeof *p);
    if (p == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    *v = p;
    gk_status st = gk_rx_new(&p[*n], pattern, errmsg);
    if (st != GK_OK)
        return st == GK_ENOMEM ? st : GK_ECORRUPT;
    (*n)++;
    return GK_OK;
}

static int valid_id(const char *id)
{
    if (id[0] == '\0')
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return 0;
    return 1;
}

static gk_status add_row(void *ctx, char **f, size_t n, size_t line,
                         char **errmsg)
{
    (void)line;
    gk_taxonomy *t = ctx;
    if (n != 3 || f[2][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "expected 3 fields: id, kind, text");
    if (strcmp(f[0], "-") == 0) {
        if (strcmp(f[1], "split") != 0)
            return gk_fail(errmsg, GK_ECORRUPT, "a '-' record must be a split");
        return push_rx(&t->splits, &t->nsplits, f[2], errmsg);
    }
    if (!valid_id(f[0]))
        return gk_fail(errmsg, GK_ECORRUPT, "category id '%s' must be a-z and _", f[0]);
    category *c = NULL;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->cats[i].id, f[0]) == 0)
            c = &t->cats[i];
    if (c == NULL) {
        category *v = realloc(t->cats, (t->n + 1) * sizeof *v);
        if (v == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        t->cats = v;
        c = &v[t->n];
        memset(c, 0, sizeof *c);
        if ((c->id = gk_strdup(f[0])) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        t->n++;
    }
    if (strcmp(f[1], "label") == 0) {
        free(c->label);
        return (c->label = gk_strdup(f[2])) ? GK_OK
                                            : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    if (strcmp(f[1], "alias") == 0) {
        char **a = realloc(c->aliases, (c->naliases + 1) * sizeof *a);
        if (a == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        c->aliases = a;
        if ((a[c->naliases] = gk_strdup(f[2])) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        c->naliases++;
        return GK_OK;
    }
    if (strcmp(f[1], "cue") == 0)
        return push_rx(&c->cues, &c->ncues, f[2], errmsg);
    return gk_fail(errmsg, GK_ECORRUPT, "unknown record kind '%s' (label, alias, cue, split)",
                   f[1]);
}

gk_status gk_taxonomy_load(gk_taxonomy **out, const char *dir, char **errmsg)
{
    *out = NULL;
    gk_taxonomy *t = calloc(1, sizeof *t);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_tsv_read_in(dir, "categories.tsv", add_row, t, errmsg);
    for (size_t i = 0; st == GK_OK && i < t->n; i++)
        if (t->cats[i].label == NULL || t->cats[i].ncues == 0)
            st = gk_fail(errmsg, GK_ECORRUPT,
                         "%s/categories.tsv: category %s needs a label and a cue", dir,
                         t->cats[i].id);
    if (st == GK_OK && (t->n == 0 || t->nsplits == 0))
        st = gk_fail(errmsg, GK_ECORRUPT,
                     "%s/categories.tsv: needs categories and a '-  split' record", dir);
    if (st != GK_OK) {
        gk_taxonomy_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}

size_t gk_taxonomy_count(const gk_taxonomy *t)
{
    return t->n;
}

const char *gk_taxonomy_id(const gk_taxonomy *t, size_t i)
{
    return i < t->n ? t->cats[i].id : NULL;
}

const char *gk_taxonomy_label(const gk_taxonomy *t, size_t i)
{
    return i < t->n ? t->cats[i].label : NULL;
}

int gk_taxonomy_lookup(const gk_taxonomy *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++) {
        const category *c = &t->cats[i];
        if (strcasecmp(c->id, name) == 0 || strcmp(c->label, name) == 0)
            return (int)i;
        for (size_t k = 0; k < c->naliases; k++)
            if (strcmp(c->aliases[k], name) == 0)
                return (int)i;
    }
    return -1;
}

size_t gk_problems_split(const gk_taxonomy *t, const char *text, size_t len)
{
    size_t end = len;
    for (size_t k = 0; k < t->nsplits; k++) {
        gk_rx_match m;
        if (gk_rx_search(t->splits[k], text, len, 0, 0, &m) && m.start < end)
            end = m.start;
    }
    return end;
}

void gk_categories_clear(gk_categories *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->hits[i].evidence);
    free(c->hits);
    memset(c, 0, sizeof *c);
}

static int statement_end(uint32_t c)
{
    return c == 0x3002 || c == ';' || c == '\n';
}

/* The statement s[a..b) without leading list marks and blanks. */
static char *statement(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '-' || s[a] == '#'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    return gk_strndup(s + a, b - a);
}

gk_status gk_problems_classify(gk_categories *out, const gk_taxonomy *t,
                               const char *text, size_t len, char **errmsg)
{
    memset(out, 0, sizeof *out);
    char **evidence = calloc(t->n ? t->n : 1, sizeof *evidence);
    if (evidence == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    size_t end = gk_problems_split(t, text, len);
    gk_status st = GK_OK;
    for (size_t a = 0, i = 0; i <= end && st == GK_OK;) {
        size_t b = i;
        uint32_t c = i < end ? gk_utf8_next(text, end, &i) : '\n';
        if (i == b)
            i++; /* past the end */
        if (!statement_end(c) && b < end)
            continue;
        for (size_t k = 0; k < t->n && b > a; k++) {
            if (evidence[k] != NULL)
                continue;
            for (size_t q = 0; q < t->cats[k].ncues; q++) {
                gk_rx_match m;
                if (gk_rx_search(t->cats[k].cues[q], text + a, b - a, 0, 0, &m)) {
                    evidence[k] = statement(text, a, b);
                    if (evidence[k] == NULL)
                        st = GK_ENOMEM;
                    break;
                }
            }
        }
        a = i;
        if (b >= end)
            break;
    }
    size_t found = 0;
    for (size_t k = 0; k < t->n; k++)
        found += evidence[k] != NULL;
    if (st == GK_OK && found > 0 &&
        (out->hits = calloc(found, sizeof *out->hits)) == NULL)
        st = GK_ENOMEM;
    for (size_t k = 0; k < t->n; k++) {
        if (evidence[k] == NULL)
            continue;
        if (st == GK_OK) {
            out->hits[out->n].category = k;
            out->hits[out->n].evidence = evidence[k];
            out->n++;
        } else {
            free(evidence[k]);
        }
    }
    free(evidence);
    if (st != GK_OK) {
        gk_categories_clear(out);
        return gk_fail(errmsg, st, "out of memory while classifying problems");
    }
    return GK_OK;
}
