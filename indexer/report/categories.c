/* categories.c - the taxonomy of problem categories (categories.tsv) and
 * the classification of a problems section's statements by it. */
#include "gk_categories.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_regex.h"
#include "gk_table.h"
#include "gk_utf8.h"
#include "gk_util.h"

static const char *const category_kinds[] = {"cue", NULL};
static const char *const shared_kinds[] = {"split", NULL};
static const gk_table_spec category_spec = {"category", category_kinds, shared_kinds,
                                            GK_TABLE_ID_ANYCASE};

typedef struct category {
    gk_rx **cues;
    size_t ncues, cues_cap;
} category;

struct gk_taxonomy {
    gk_table *names;
    category *cats; /* one per id of names */
    size_t n;
    gk_rx **splits;
    size_t nsplits, splits_cap;
};

void gk_taxonomy_free(gk_taxonomy *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < t->cats[i].ncues; k++)
            gk_rx_free(t->cats[i].cues[k]);
        free(t->cats[i].cues);
    }
    free(t->cats);
    for (size_t k = 0; k < t->nsplits; k++)
        gk_rx_free(t->splits[k]);
    free(t->splits);
    gk_table_free(t->names);
    free(t);
}

static gk_status push_rx(gk_rx ***v, size_t *n, size_t *cap, const gk_table *names,
                         const gk_table_record *r, char **errmsg)
{
    if (GK_ARRAY_RESERVE(*v, *cap, *n + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_rx **p = *v;
    char *why = NULL;
    gk_status st = gk_rx_new(&p[*n], r->text, &why);
    if (st != GK_OK) {
        st = gk_table_fail_at(names, r, st == GK_ENOMEM ? st : GK_ECORRUPT, errmsg, "%s",
                              why != NULL ? why : gk_status_str(st));
        free(why);
        return st;
    }
    (*n)++;
    return GK_OK;
}

/* Compile the cue and split records, in file order. */
static gk_status compile_rules(gk_taxonomy *t, char **errmsg)
{
    t->n = gk_table_count(t->names);
    if (t->n > 0 && (t->cats = calloc(t->n, sizeof *t->cats)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = GK_OK;
    const gk_table_record *r;
    for (size_t k = 0; st == GK_OK && (r = gk_table_next(t->names, NULL, &k)) != NULL;)
        st = r->entry == GK_TABLE_SHARED
                 ? push_rx(&t->splits, &t->nsplits, &t->splits_cap, t->names, r, errmsg)
                 : push_rx(&t->cats[r->entry].cues, &t->cats[r->entry].ncues,
                           &t->cats[r->entry].cues_cap, t->names, r, errmsg);
    return st;
}

gk_status gk_taxonomy_load(gk_taxonomy **out, const char *dir, char **errmsg)
{
    *out = NULL;
    gk_taxonomy *t = calloc(1, sizeof *t);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_table_load(&t->names, dir, "categories.tsv", &category_spec, errmsg);
    if (st == GK_OK)
        st = compile_rules(t, errmsg);
    for (size_t i = 0; st == GK_OK && i < t->n; i++)
        if (gk_table_label(t->names, i) == NULL || t->cats[i].ncues == 0)
            st = gk_fail(errmsg, GK_ECORRUPT,
                         "%s/categories.tsv: category %s needs a label and a cue", dir,
                         gk_table_id(t->names, i));
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

const gk_table *gk_taxonomy_names(const gk_taxonomy *t)
{
    return t->names;
}

size_t gk_taxonomy_count(const gk_taxonomy *t)
{
    return t->n;
}

const char *gk_taxonomy_id(const gk_taxonomy *t, size_t i)
{
    return gk_table_id(t->names, i);
}

const char *gk_taxonomy_label(const gk_taxonomy *t, size_t i)
{
    return gk_table_label(t->names, i);
}

int gk_taxonomy_lookup(const gk_taxonomy *t, const char *name)
{
    return gk_table_find(t->names, name, strlen(name));
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
