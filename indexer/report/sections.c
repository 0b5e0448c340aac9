/* sections.c - the canonical report sections, their names and the regular
 * expressions that recognise their headings (data file sections.tsv). */
#include "gk_sections.h"

#include <stdlib.h>
#include <string.h>

#include "gk_regex.h"
#include "gk_schema.h"
#include "gk_shingle.h"
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
    /* every heading expression, and every follows one, as one alternation:
     * a line none can match costs one search, not one per expression
     * (NULL when the expressions cannot be joined) */
    gk_rx *any_heading;
    gk_rx *any_follows;
    const volatile sig_atomic_t *stop; /* gk_section_table_watch */
    gk_boilerplate *boilerplate; /* the template's own sentences (gk_shingle.h) */
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
    gk_rx_free(t->any_heading);
    gk_rx_free(t->any_follows);
    gk_boilerplate_free(t->boilerplate);
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
    gk_rx_match m;
    if (t->nfollows == 0 ||
        (t->any_follows != NULL && !gk_rx_search(t->any_follows, text, len, 0, 1, &m)))
        return -1;
    for (size_t i = 0; i < t->nfollows; i++) {
        if (gk_rx_search(t->follows[i].rx, text, len, 0, 1, &m)) {
            *after = (int)t->follows[i].after;
            return (int)t->follows[i].section;
        }
    }
    return -1;
}

gk_status gk_section_rx_join(gk_buf *b, const char *pattern)
{
    size_t mark = b->len;
    gk_status st = b->len > 0 ? gk_buf_addc(b, '|') : GK_OK;
    if (st == GK_OK)
        st = gk_buf_adds(b, "(?:");
    int in_class = 0;
    for (const char *q = pattern; st == GK_OK && *q != '\0'; q++) {
        if (*q == '\\' && q[1] != '\0') {
            if (q[1] == 'k' || q[1] == 'Q' || (q[1] >= '1' && q[1] <= '9'))
                st = GK_EINVAL; /* a back reference (numbers shift when
                                   joined), or quoted text this does not read */
            else if ((st = gk_buf_add(b, q, 2)) == GK_OK)
                q++;
            continue;
        }
        if (*q == '[')
            in_class++;
        else if (*q == ']' && in_class > 0)
            in_class--;
        if (!in_class && *q == '(' && q[1] == '?' && q[2] == '<' && q[3] != '=' &&
            q[3] != '!')
            st = GK_EINVAL; /* a named group: two branches may share its name */
        else if (!in_class && *q == '(' && q[1] != '?')
            st = gk_buf_adds(b, "(?:");
        else
            st = gk_buf_addc(b, *q);
    }
    if (st == GK_OK)
        st = gk_buf_addc(b, ')');
    if (st != GK_OK) {
        b->len = mark;
        if (b->data != NULL)
            b->data[mark] = '\0';
    }
    return st;
}

/* One expression matching where any of the `kind` records' expressions
 * matches (after the first space with `after_space`), as a pre-filter:
 * *out stays NULL when they cannot be joined, and the records are then
 * tried one by one.  Fails only on memory. */
static gk_status join_any(gk_rx **out, const gk_table *names, const char *kind,
                          int after_space, char **errmsg)
{
    *out = NULL;
    gk_buf b = {0};
    gk_status st = GK_OK;
    const gk_table_record *r;
    for (size_t k = 0; st == GK_OK && (r = gk_table_next(names, kind, &k)) != NULL;)
        st = gk_section_rx_join(&b, after_space ? strchr(r->text, ' ') + 1 : r->text);
    if (st == GK_OK && b.len > 0 && gk_rx_new(out, b.data, NULL) == GK_ENOMEM)
        st = GK_ENOMEM;
    gk_buf_free(&b);
    if (st == GK_ENOMEM)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    return GK_OK;
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
    if (st == GK_OK)
        st = join_any(&t->any_heading, t->names, "heading", 0, errmsg);
    if (st == GK_OK)
        st = join_any(&t->any_follows, t->names, "follows", 1, errmsg);
    for (size_t i = 0; st == GK_OK && i < gk_table_count(t->names); i++)
        if (gk_table_label(t->names, i) == NULL)
            st = gk_fail(errmsg, GK_ECORRUPT,
                         "%s/sections.tsv: section %s has no label", dir,
                         gk_table_id(t->names, i));
    if (st == GK_OK && gk_table_count(t->names) == 0)
        st = gk_fail(errmsg, GK_ECORRUPT, "%s/sections.tsv: no sections defined",
                     dir);
    if (st == GK_OK)
        st = gk_boilerplate_load(&t->boilerplate, dir, errmsg);
    if (st != GK_OK) {
        gk_section_table_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}

gk_boilerplate *gk_section_table_boilerplate(const gk_section_table *t)
{
    return t->boilerplate;
}

void gk_section_table_watch(gk_section_table *t, const volatile sig_atomic_t *stop)
{
    t->stop = stop;
}

int gk_section_table_stopped(const gk_section_table *t)
{
    return t->stop != NULL && *t->stop;
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

char gk_section_table_code(const gk_section_table *t, const char *id)
{
    if (strcmp(id, "document") == 0)
        return GK_SECTION_CODE_DOCUMENT;
    for (size_t i = 0; i < gk_section_table_count(t); i++)
        if (strcmp(gk_section_table_id(t, i), id) == 0)
            return i < sizeof GK_SECTION_CODES - 1 ? GK_SECTION_CODES[i] : 0;
    return 0;
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
    gk_rx_match m;
    if (t->nrxs == 0 ||
        (t->any_heading != NULL && !gk_rx_search(t->any_heading, text, len, 0, 1, &m)))
        return -1;
    for (size_t i = 0; i < t->nrxs; i++) {
        if (gk_rx_search(t->rxs[i].rx, text, len, 0, 1, &m) && m.end > best_len) {
            best_len = m.end;
            best = (int)t->rxs[i].section;
        }
    }
    if (best >= 0 && match_len != NULL)
        *match_len = best_len;
    return best;
}
