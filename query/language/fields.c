/* fields.c - the names users may give query fields (data file fields.tsv)
 * and the values of the fields that take one of a list (values.tsv). */
#include "gk_query.h"

#include <stdlib.h>
#include <string.h>

#include "gk_table.h"
#include "gk_tsv.h"
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
    [GK_FIELD_FIGURE] = {"figure", 0},
};

/* fields.tsv: an id per field, every name an alias, in any case. */
static const gk_table_spec field_spec = {"field", NULL, NULL, GK_TABLE_ANYCASE};
/* values.tsv: an id per canonical value, every name an alias, exactly. */
static const gk_table_spec value_spec = {"value", NULL, NULL, GK_TABLE_ID_DIGITS};

struct gk_field_table {
    gk_table *names;                  /* fields.tsv */
    gk_table *values[GK_FIELD_COUNT]; /* values.tsv; NULL for a field not listed */
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
