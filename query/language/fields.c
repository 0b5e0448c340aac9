/* fields.c - the names users may give query fields (data file fields.tsv)
 * and the values of the fields that take one of a list (values.tsv). */
#include "gk_query.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_table.h"
#include "gk_tsv.h"
#include "gk_utf8.h"
#include "gk_util.h"

static const struct {
    const char *name;
    int listed; /* takes one of the values of values.tsv */
} fields[GK_FIELD_COUNT] = {
    [GK_FIELD_TOWNSHIP] = {"township", 0},
    [GK_FIELD_COUNTY] = {"county", 0},
    [GK_FIELD_YEAR] = {"year", 0},
    [GK_FIELD_SECTION] = {"section", 0},
    [GK_FIELD_KIND] = {"kind", 1},
    [GK_FIELD_REPORT] = {"report", 0},
    [GK_FIELD_CONSISTENCY] = {"consistency", 1},
    [GK_FIELD_TEMPLATE] = {"template", 1},
    [GK_FIELD_CITY] = {"city", 0},
    [GK_FIELD_PROVINCE] = {"province", 0},
    [GK_FIELD_PLACE_CODE] = {"place_code", 0},
    [GK_FIELD_PLACE_STATUS] = {"place_status", 1},
    [GK_FIELD_CATEGORY] = {"category", 0},
    [GK_FIELD_COMPLETENESS] = {"completeness", 1},
    [GK_FIELD_MISSING] = {"missing", 1},
    [GK_FIELD_DEADLINE] = {"deadline", 1},
    [GK_FIELD_SIGNED] = {"signed", 0},
    [GK_FIELD_CONTINUITY] = {"continuity", 1},
    [GK_FIELD_COPIED] = {"copied", 1},
    [GK_FIELD_SIMILAR] = {"similar", 0},
    [GK_FIELD_FIGURE] = {"figure", 0},
};

/* fields.tsv: an id per field, every name an alias, in any case. */
static const gk_table_spec field_spec = {"field", NULL, NULL, GK_TABLE_ANYCASE};
/* values.tsv: an id per canonical value, every name an alias, exactly. */
static const gk_table_spec value_spec = {"value", NULL, NULL, GK_TABLE_ID_DIGITS};

/* A name a user may type before the colon, and what it names. */
typedef struct field_name {
    char *name;
    char *of;   /* the field ("township") or the figure id */
    int figure; /* 1: a figure of figures.tsv */
} field_name;

struct gk_field_table {
    gk_table *names;                  /* fields.tsv */
    gk_table *values[GK_FIELD_COUNT]; /* values.tsv; NULL for a field not listed */
    field_name *all;                  /* every name of fields.tsv and figures.tsv,
                                         in file order, for "did you mean" */
    size_t nall, all_cap;
};

const char *gk_field_name(gk_field f)
{
    return f < GK_FIELD_COUNT ? fields[f].name : "?";
}

void gk_field_table_free(gk_field_table *t)
{
    if (t == NULL)
        return;
    gk_table_free(t->names);
    for (size_t i = 0; i < GK_FIELD_COUNT; i++)
        gk_table_free(t->values[i]);
    for (size_t i = 0; i < t->nall; i++) {
        free(t->all[i].name);
        free(t->all[i].of);
    }
    free(t->all);
    free(t);
}

/* The field called name in the data files (not the figures), or -1. */
static int field_of(const char *name)
{
    for (int k = 0; k < GK_FIELD_FIGURE; k++)
        if (strcmp(name, fields[k].name) == 0)
            return k;
    return -1;
}

/* Remember name as a name of `of`. */
static gk_status add_name(gk_field_table *t, const char *name, const char *of, int figure)
{
    if (GK_ARRAY_RESERVE(t->all, t->all_cap, t->nall + 1) != GK_OK)
        return GK_ENOMEM;
    field_name *e = &t->all[t->nall];
    e->name = gk_strdup(name);
    e->of = gk_strdup(of);
    e->figure = figure;
    if (e->name == NULL || e->of == NULL) {
        free(e->name);
        free(e->of);
        return GK_ENOMEM;
    }
    t->nall++;
    return GK_OK;
}

/* figures.tsv, read for its names only (id, label, alias); the figures
 * module reads the rest. */
static gk_status figure_row(void *ctx, char **f, size_t n, size_t line, char **errmsg)
{
    (void)line;
    gk_field_table *t = ctx;
    if (n != 3)
        return GK_OK; /* the figures module says what is wrong */
    gk_status st = GK_OK;
    if (t->nall == 0 || !t->all[t->nall - 1].figure ||
        strcmp(t->all[t->nall - 1].of, f[0]) != 0) {
        int seen = 0;
        for (size_t i = 0; i < t->nall && !seen; i++)
            seen = t->all[i].figure && strcmp(t->all[i].of, f[0]) == 0;
        if (!seen)
            st = add_name(t, f[0], f[0], 1);
    }
    if (st == GK_OK && (strcmp(f[1], "label") == 0 || strcmp(f[1], "alias") == 0))
        st = add_name(t, f[2], f[0], 1);
    return st == GK_OK ? GK_OK : gk_fail(errmsg, st, "out of memory");
}

static gk_status field_row(void *ctx, char **f, size_t n, size_t line,
                           char **errmsg)
{
    (void)line;
    gk_field_table *t = ctx;
    if (n != 2 || f[1][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "expected 2 fields: field, name");
    if (field_of(f[0]) < 0)
        return gk_fail(errmsg, GK_ECORRUPT, "unknown field '%s'", f[0]);
    if (strpbrk(f[1], ": \"()") != NULL)
        return gk_fail(errmsg, GK_ECORRUPT,
                       "name '%s' may not contain ':', spaces, quotes or "
                       "parentheses", f[1]);
    if (add_name(t, f[1], f[0], 0) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    return gk_table_add(t->names, f[0], "alias", f[1], errmsg);
}

static gk_status value_row(void *ctx, char **f, size_t n, size_t line,
                           char **errmsg)
{
    (void)line;
    gk_field_table *t = ctx;
    if (n != 3 || f[2][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "expected 3 fields: field, value, name");
    int k = field_of(f[0]);
    if (k < 0)
        return gk_fail(errmsg, GK_ECORRUPT, "unknown field '%s'", f[0]);
    if (!fields[k].listed)
        return gk_fail(errmsg, GK_ECORRUPT, "field %s takes any value, not one of a list",
                       f[0]);
    gk_status st = t->values[k] != NULL ? GK_OK
                                        : gk_table_new(&t->values[k], &value_spec, errmsg);
    if (st == GK_OK)
        st = gk_table_add(t->values[k], f[1], "alias", f[2], errmsg);
    return st;
}

gk_status gk_field_table_load(gk_field_table **out, const char *dir,
                              char **errmsg)
{
    *out = NULL;
    gk_field_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_table_new(&t->names, &field_spec, errmsg);
    if (st == GK_OK)
        st = gk_tsv_read_in(dir, "fields.tsv", field_row, t, errmsg);
    if (st == GK_OK)
        st = gk_tsv_read_in(dir, "values.tsv", value_row, t, errmsg);
    for (size_t k = 0; st == GK_OK && k < GK_FIELD_COUNT; k++)
        if (fields[k].listed && t->values[k] == NULL)
            st = gk_fail(errmsg, GK_ECORRUPT, "%s/values.tsv: no values for %s", dir,
                         fields[k].name);
    if (st == GK_OK) {
        /* the figures' names, for "did you mean" only: without the file
         * (a data directory holding only the query fields) there are none */
        st = gk_tsv_read_in(dir, "figures.tsv", figure_row, t, errmsg);
        if (st == GK_ENOTFOUND) {
            st = GK_OK;
            if (errmsg != NULL) {
                free(*errmsg);
                *errmsg = NULL;
            }
        }
    }
    if (st != GK_OK) {
        gk_field_table_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}

int gk_field_lookup(const gk_field_table *t, const char *name, size_t len)
{
    int i = gk_table_find(t->names, name, len);
    return i < 0 ? -1 : field_of(gk_table_id(t->names, (size_t)i));
}

const gk_table *gk_field_names(const gk_field_table *t)
{
    return t->names;
}

const gk_table *gk_field_values(const gk_field_table *t, gk_field f)
{
    return f < GK_FIELD_COUNT ? t->values[f] : NULL;
}

size_t gk_field_name_count(const gk_field_table *t)
{
    return t->nall;
}

const char *gk_field_name_at(const gk_field_table *t, size_t i, const char **of,
                             int *figure)
{
    if (i >= t->nall)
        return NULL;
    if (of != NULL)
        *of = t->all[i].of;
    if (figure != NULL)
        *figure = t->all[i].figure;
    return t->all[i].name;
}

#define NAME_MAX_CHARS 48

/* s[0..len) as code points, ASCII lower-cased; how many (at most max). */
static size_t code_points(const char *s, size_t len, uint32_t *out, size_t max)
{
    size_t i = 0, n = 0;
    while (i < len && n < max) {
        uint32_t c = gk_utf8_next(s, len, &i);
        out[n++] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
    return i < len ? max + 1 : n;
}

/* The edit distance of a and b (insertions, deletions, substitutions and
 * swaps of neighbours each count 1). */
static size_t distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t d[NAME_MAX_CHARS + 1][NAME_MAX_CHARS + 1];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[na][nb];
}

size_t gk_field_nearest(const gk_field_table *t, const char *name, size_t len,
                        gk_buf *out)
{
    uint32_t a[NAME_MAX_CHARS], b[NAME_MAX_CHARS];
    size_t na = code_points(name, len, a, NAME_MAX_CHARS);
    if (na == 0 || na > NAME_MAX_CHARS)
        return 0;
    int latin = 1;
    for (size_t i = 0; i < na; i++)
        latin &= a[i] < 0x80;
    /* how far a name may be: one slip in a short Chinese name (never in a
     * single character, where any other is one slip away), more in longer
     * or Latin ones */
    size_t limit = latin ? (na <= 4 ? 1 : na <= 8 ? 2 : 3) : (na <= 1 ? 0 : na <= 4 ? 1 : 2);
    size_t best = limit + 1;
    for (size_t i = 0; i < t->nall; i++) {
        size_t nb = code_points(t->all[i].name, strlen(t->all[i].name), b, NAME_MAX_CHARS);
        if (nb > NAME_MAX_CHARS)
            continue;
        size_t d = distance(a, na, b, nb);
        if (d < best)
            best = d;
    }
    if (best > limit)
        return 0;
    size_t count = 0;
    for (size_t i = 0; i < t->nall; i++) {
        size_t nb = code_points(t->all[i].name, strlen(t->all[i].name), b, NAME_MAX_CHARS);
        if (nb > NAME_MAX_CHARS || distance(a, na, b, nb) != best)
            continue;
        if (count > 0)
            gk_buf_adds(out, ", ");
        gk_buf_adds(out, t->all[i].name);
        if (strcmp(t->all[i].name, t->all[i].of) != 0)
            gk_buf_printf(out, " (%s)", t->all[i].of);
        count++;
    }
    return count;
}
