/* fields.c - the names users may give query fields (data file fields.tsv). */
#include "gk_query.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gk_tsv.h"
#include "gk_util.h"

static const char *const field_names[GK_FIELD_COUNT] = {
    "township", "county", "year", "section", "kind", "report", "consistency",
    "template", "city", "province", "place_code", "place_status", "category",
    "figure"};

typedef struct field_alias {
    char *name;
    gk_field field;
} field_alias;

struct gk_field_table {
    field_alias *aliases;
    size_t n;
};

const char *gk_field_name(gk_field f)
{
    return f < GK_FIELD_COUNT ? field_names[f] : "?";
}

void gk_field_table_free(gk_field_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->aliases[i].name);
    free(t->aliases);
    free(t);
}

static gk_status add_row(void *ctx, char **f, size_t n, size_t line,
                         char **errmsg)
{
    (void)line;
    gk_field_table *t = ctx;
    if (n != 2 || f[1][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "expected 2 fields: field, name");
    int field = -1;
    for (int k = 0; k < GK_FIELD_FIGURE; k++)
        if (strcmp(f[0], field_names[k]) == 0)
            field = k;
    if (field < 0)
        return gk_fail(errmsg, GK_ECORRUPT, "unknown field '%s'", f[0]);
    if (strpbrk(f[1], ": \"()") != NULL)
        return gk_fail(errmsg, GK_ECORRUPT,
                       "name '%s' may not contain ':', spaces, quotes or "
                       "parentheses", f[1]);
    field_alias *a = realloc(t->aliases, (t->n + 1) * sizeof *a);
    if (a == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    t->aliases = a;
    a[t->n].name = gk_strdup(f[1]);
    a[t->n].field = (gk_field)field;
    if (a[t->n].name == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    t->n++;
    return GK_OK;
}

gk_status gk_field_table_load(gk_field_table **out, const char *dir,
                              char **errmsg)
{
    *out = NULL;
    gk_field_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_tsv_read_in(dir, "fields.tsv", add_row, t, errmsg);
    if (st != GK_OK) {
        gk_field_table_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}

int gk_field_lookup(const gk_field_table *t, const char *name, size_t len)
{
    for (size_t i = 0; i < t->n; i++)
        if (strlen(t->aliases[i].name) == len &&
            strncasecmp(t->aliases[i].name, name, len) == 0)
            return (int)t->aliases[i].field;
    return -1;
}
