/* facetfields.c - what --facet counts by: the value slot of each field. */
#include "gk_facetfields.h"

#include <string.h>

#include "gk_facetout.h"
#include "gk_schema.h"
#include "gk_util.h"

static const struct facet_field {
    const char *name;
    unsigned slot;
    int numeric;
    char split;     /* a list of values: their separator */
    int per_report; /* the same in every section of a report */
} facet_fields[] = {
    {"province", GK_SLOT_PROVINCE, 0, 0, 1},
    {"city", GK_SLOT_CITY, 0, 0, 1},
    {"county", GK_SLOT_COUNTY_KEY, 0, 0, 1},
    {"township", GK_SLOT_TOWNSHIP_KEY, 0, 0, 1},
    {"year", GK_SLOT_YEAR, 1, 0, 1},
    {"section", GK_SLOT_SECTION, 0, 0, 0},
    {"category", GK_SLOT_CATEGORIES, 0, ',', 1},
    {"consistency", GK_SLOT_CONSISTENCY, 0, 0, 1},
    {"template", GK_SLOT_TEMPLATE, 0, 0, 1},
    {"place_status", GK_SLOT_PLACE_STATUS, 0, 0, 1},
};
#define NFACET_FIELDS (sizeof facet_fields / sizeof facet_fields[0])

int gk_facet_field_lookup(const char *name, size_t len, const char *canonical)
{
    for (size_t i = 0; i < NFACET_FIELDS; i++)
        if ((canonical != NULL && strcmp(facet_fields[i].name, canonical) == 0) ||
            (strlen(facet_fields[i].name) == len &&
             strncmp(facet_fields[i].name, name, len) == 0))
            return (int)i;
    return -1;
}

size_t gk_facet_field_count(void)
{
    return NFACET_FIELDS;
}

const char *gk_facet_field_name(int f)
{
    return facet_fields[f].name;
}

gk_status gk_facet_fields_count(gk_db *db, const gk_xquery *q, const int *fields,
                                size_t n, int by_year, gk_facets **out,
                                char **errmsg)
{
    *out = NULL;
    gk_facet_spec specs[GK_FACET_FIELDS_MAX];
    if (n > GK_FACET_FIELDS_MAX)
        return gk_fail(errmsg, GK_EINVAL, "at most %d facets at once",
                       GK_FACET_FIELDS_MAX);
    for (size_t i = 0; i < n; i++) {
        const struct facet_field *ff = &facet_fields[fields[i]];
        gk_facet_spec s = {ff->slot, ff->numeric, ff->split,
                           by_year ? GK_SLOT_YEAR : -1, 1, ff->per_report};
        specs[i] = s;
    }
    return gk_db_facets(db, q, GK_SLOT_REPORT_ID, specs, n, out, errmsg);
}

void gk_facet_fields_print(FILE *to, int json, int color, int field,
                           const gk_facets *f, size_t i, int by_year,
                           const gk_taxonomy *tx)
{
    const char *name = facet_fields[field].name;
    gk_facet_print(to, json, color, name, f, i, by_year,
                   facet_fields[field].slot == GK_SLOT_CATEGORIES ? tx : NULL);
}
