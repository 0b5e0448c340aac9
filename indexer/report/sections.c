/* sections.c - the canonical report sections, their names and the regular
 * expressions that recognise their headings (data file sections.tsv). */
#include "gk_sections.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gk_regex.h"
#include "gk_tsv.h"
#include "gk_util.h"

typedef struct section_def {
    char *id;
    char *label;
    char **aliases;
    size_t naliases;
} section_def;

typedef struct heading_rx {
    size_t section;
    gk_rx *rx;
} heading_rx;

struct gk_section_table {
    section_def *defs;
    size_t ndefs;
    heading_rx *rxs;
    size_t nrxs;
};

void gk_section_table_free(gk_section_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->ndefs; i++) {
        free(t->defs[i].id);
        free(t->defs[i].label);
        for (size_t k = 0; k < t->defs[i].naliases; k++)
            free(t->defs[i].aliases[k]);
        free(t->defs[i].aliases);
    }
    free(t->defs);
    for (size_t i = 0; i < t->nrxs; i++)
        gk_rx_free(t->rxs[i].rx);
    free(t->rxs);
    free(t);
}

/* The definition for id, created at the end when new; NULL on ENOMEM. */
static section_def *def_for(gk_section_table *t, const char *id)
{
    for (size_t i = 0; i < t->ndefs; i++)
        if (strcmp(t->defs[i].id, id) == 0)
            return &t->defs[i];
    section_def *n = realloc(t->defs, (t->ndefs + 1) * sizeof *n);
    if (n == NULL)
        return NULL;
    t->defs = n;
    section_def *d = &t->defs[t->ndefs];
    memset(d, 0, sizeof *d);
    d->id = gk_strdup(id);
    if (d->id == NULL)
        return NULL;
    t->ndefs++;
    return d;
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
    gk_section_table *t = ctx;
    if (n != 3 || f[2][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT,
                       "expected 3 fields: id, kind, text");
    if (!valid_id(f[0]))
        return gk_fail(errmsg, GK_ECORRUPT,
                       "section id '%s' must be lower-case letters and _", f[0]);
    section_def *d = def_for(t, f[0]);
    if (d == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    size_t idx = (size_t)(d - t->defs);
    if (strcmp(f[1], "label") == 0) {
        if (d->label != NULL)
            return gk_fail(errmsg, GK_ECORRUPT, "second label for %s", f[0]);
        d->label = gk_strdup(f[2]);
        return d->label ? GK_OK : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    if (strcmp(f[1], "alias") == 0) {
        char **a = realloc(d->aliases, (d->naliases + 1) * sizeof *a);
        if (a == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        d->aliases = a;
        a[d->naliases] = gk_strdup(f[2]);
        if (a[d->naliases] == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        d->naliases++;
        return GK_OK;
    }
    if (strcmp(f[1], "heading") == 0) {
        heading_rx *r = realloc(t->rxs, (t->nrxs + 1) * sizeof *r);
        if (r == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        t->rxs = r;
        gk_rx *rx = NULL;
        gk_status st = gk_rx_new(&rx, f[2], errmsg);
        if (st != GK_OK)
            return st == GK_ENOMEM ? st : GK_ECORRUPT;
        t->rxs[t->nrxs].section = idx;
        t->rxs[t->nrxs].rx = rx;
        t->nrxs++;
        return GK_OK;
    }
    return gk_fail(errmsg, GK_ECORRUPT,
                   "unknown record kind '%s' (label, alias or heading)", f[1]);
}

gk_status gk_section_table_load(gk_section_table **out, const char *dir,
                                char **errmsg)
{
    *out = NULL;
    gk_section_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_tsv_read_in(dir, "sections.tsv", add_row, t, errmsg);
    for (size_t i = 0; st == GK_OK && i < t->ndefs; i++)
        if (t->defs[i].label == NULL)
            st = gk_fail(errmsg, GK_ECORRUPT,
                         "%s/sections.tsv: section %s has no label", dir,
                         t->defs[i].id);
    if (st == GK_OK && t->ndefs == 0)
        st = gk_fail(errmsg, GK_ECORRUPT, "%s/sections.tsv: no sections defined",
                     dir);
    if (st != GK_OK) {
        gk_section_table_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}

size_t gk_section_table_count(const gk_section_table *t)
{
    return t->ndefs;
}

const char *gk_section_table_id(const gk_section_table *t, size_t i)
{
    return i < t->ndefs ? t->defs[i].id : NULL;
}

const char *gk_section_table_label(const gk_section_table *t, size_t i)
{
    return i < t->ndefs ? t->defs[i].label : NULL;
}

const char *gk_section_table_lookup(const gk_section_table *t,
                                    const char *name)
{
    for (size_t i = 0; i < t->ndefs; i++) {
        const section_def *d = &t->defs[i];
        if (strcasecmp(d->id, name) == 0 || strcmp(d->label, name) == 0)
            return d->id;
        for (size_t k = 0; k < d->naliases; k++)
            if (strcmp(d->aliases[k], name) == 0)
                return d->id;
    }
    return NULL;
}

int gk_section_table_match(const gk_section_table *t, const char *text,
                           size_t len, size_t *match_len)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < t->nrxs; i++) {
        gk_rx_match m;
        if (gk_rx_search(t->rxs[i].rx, text, len, 0, 1, &m) && m.end > best_len) {
            best_len = m.end;
            best = (int)t->rxs[i].section;
        }
    }
    if (best >= 0 && match_len != NULL)
        *match_len = best_len;
    return best;
}
