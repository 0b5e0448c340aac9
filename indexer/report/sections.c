/* sections.c - the canonical report sections, their names and the regular
 * expressions that recognise their headings (data file sections.tsv). */
#include "gk_sections.h"

#include <stdlib.h>
#include <string.h>

#include "gk_regex.h"
#include "gk_table.h"
#include "gk_util.h"
#include "report_parts.h"

static const char *const section_kinds[] = {"heading", "follows", NULL};
static const gk_table_spec section_spec = {"section", section_kinds, NULL,
                                           GK_TABLE_ID_ANYCASE};

typedef struct heading_rx {
    size_t section;
    size_t after; /* follows records: the section whose heading comes before */
    gk_rx *rx;
} heading_rx;

struct gk_section_table {
    gk_table *names;
    heading_rx *rxs;
    size_t nrxs;
    heading_rx *follows;
    size_t nfollows;
};

void gk_section_table_free(gk_section_table *t)
{
    if (t == NULL)
        return;
    gk_table_free(t->names);
    for (size_t i = 0; i < t->nrxs; i++)
        gk_rx_free(t->rxs[i].rx);
    free(t->rxs);
    for (size_t i = 0; i < t->nfollows; i++)
        gk_rx_free(t->follows[i].rx);
    free(t->follows);
    free(t);
}

/* Compile the heading records, in file order. */
static gk_status compile_headings(gk_section_table *t, char **errmsg)
{
    size_t n = 0;
    for (size_t k = 0; gk_table_next(t->names, "heading", &k) != NULL;)
        n++;
    if (n > 0 && (t->rxs = calloc(n, sizeof *t->rxs)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    const gk_table_record *r;
    for (size_t k = 0; (r = gk_table_next(t->names, "heading", &k)) != NULL;) {
        char *why = NULL;
        gk_status st = gk_rx_new(&t->rxs[t->nrxs].rx, r->text, &why);
        if (st != GK_OK) {
            st = gk_table_fail_at(t->names, r, st == GK_ENOMEM ? st : GK_ECORRUPT, errmsg,
                                  "%s", why != NULL ? why : gk_status_str(st));
            free(why);
            return st;
        }
        t->rxs[t->nrxs++].section = r->entry;
    }
    return GK_OK;
}

/* Compile the follows records ("PREV_ID REGEX"), in file order. */
static gk_status compile_follows(gk_section_table *t, char **errmsg)
{
    size_t n = 0;
    for (size_t k = 0; gk_table_next(t->names, "follows", &k) != NULL;)
        n++;
    if (n > 0 && (t->follows = calloc(n, sizeof *t->follows)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    const gk_table_record *r;
    for (size_t k = 0; (r = gk_table_next(t->names, "follows", &k)) != NULL;) {
        const char *sp = strchr(r->text, ' ');
        int prev = sp != NULL ? gk_table_find(t->names, r->text, (size_t)(sp - r->text)) : -1;
        if (prev < 0)
            return gk_table_fail_at(t->names, r, GK_ECORRUPT, errmsg, "%s",
                                    "expected a section id, a space and a regular expression");
        char *why = NULL;
        gk_status st = gk_rx_new(&t->follows[t->nfollows].rx, sp + 1, &why);
        if (st != GK_OK) {
            st = gk_table_fail_at(t->names, r, st == GK_ENOMEM ? st : GK_ECORRUPT, errmsg,
                                  "%s", why != NULL ? why : gk_status_str(st));
            free(why);
            return st;
        }
        t->follows[t->nfollows].after = (size_t)prev;
        t->follows[t->nfollows++].section = r->entry;
    }
    return GK_OK;
}

int gk_section_table_match_follows(const gk_section_table *t, const char *text,
                                   size_t len, int *after)
{
    for (size_t i = 0; i < t->nfollows; i++) {
        gk_rx_match m;
        if (gk_rx_search(t->follows[i].rx, text, len, 0, 1, &m)) {
            *after = (int)t->follows[i].after;
            return (int)t->follows[i].section;
        }
    }
    return -1;
}

gk_status gk_section_table_load(gk_section_table **out, const char *dir,
                                char **errmsg)
{
    *out = NULL;
    gk_section_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_table_load(&t->names, dir, "sections.tsv", &section_spec, errmsg);
    if (st == GK_OK)
        st = compile_headings(t, errmsg);
    if (st == GK_OK)
        st = compile_follows(t, errmsg);
    for (size_t i = 0; st == GK_OK && i < gk_table_count(t->names); i++)
        if (gk_table_label(t->names, i) == NULL)
            st = gk_fail(errmsg, GK_ECORRUPT,
                         "%s/sections.tsv: section %s has no label", dir,
                         gk_table_id(t->names, i));
    if (st == GK_OK && gk_table_count(t->names) == 0)
        st = gk_fail(errmsg, GK_ECORRUPT, "%s/sections.tsv: no sections defined",
                     dir);
    if (st != GK_OK) {
        gk_section_table_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}

const gk_table *gk_section_table_names(const gk_section_table *t)
{
    return t->names;
}

size_t gk_section_table_count(const gk_section_table *t)
{
    return gk_table_count(t->names);
}

const char *gk_section_table_id(const gk_section_table *t, size_t i)
{
    return gk_table_id(t->names, i);
}

const char *gk_section_table_label(const gk_section_table *t, size_t i)
{
    return gk_table_label(t->names, i);
}

const char *gk_section_table_lookup(const gk_section_table *t,
                                    const char *name)
{
    int i = gk_table_find(t->names, name, strlen(name));
    return i < 0 ? NULL : gk_table_id(t->names, (size_t)i);
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
