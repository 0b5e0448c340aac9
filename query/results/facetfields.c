/* facetfields.c - what --facet counts by: the value slot of each field. */
#include "gk_facetfields.h"

#include <stdlib.h>
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
    {"year", GK_SLOT_YEAR_FACET, 0, 0, 1},
    {"section", GK_SLOT_SECTIONS, 0, ',', 1},
    {"category", GK_SLOT_CATEGORIES, 0, ',', 1},
    {"consistency", GK_SLOT_CONSISTENCY, 0, 0, 1},
    {"template", GK_SLOT_TEMPLATE, 0, 0, 1},
    {"place_status", GK_SLOT_PLACE_STATUS, 0, 0, 1},
    {"completeness", GK_SLOT_COMPLETENESS, 0, 0, 1},
    {"missing", GK_SLOT_MISSING, 0, ',', 1},
    {"deadline", GK_SLOT_DEADLINE, 0, 0, 1},
    {"continuity", GK_SLOT_CONTINUITY, 0, 0, 1},
    {"copied", GK_SLOT_COPIED, 0, ',', 1},
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
                                size_t n, int by_year, const gk_facet_sections *sections,
                                gk_facets **out, char **errmsg)
{
    return gk_facet_fields_count_totals(db, q, fields, n, by_year, 0, sections, out,
                                        errmsg);
}

gk_status gk_facet_fields_count_totals(gk_db *db, const gk_xquery *q, const int *fields,
                                       size_t n, int by_year, int totals,
                                       const gk_facet_sections *sections,
                                       gk_facets **out, char **errmsg)
{
    *out = NULL;
    /* lists 0..n-1: the fields asked for; n..2n-1: each field's value
     * whole, once per report (summed: the reports with a value); 2n: the
     * reports' kinds (summed: how many reports); 2n+1: the years (reports
     * per year); with totals, the same three paired with the figures
     * (GK_FACET_LIST_* in gk_facetfields.h) */
    gk_facet_spec specs[4 * GK_FACET_FIELDS_MAX + 3];
    if (n > GK_FACET_FIELDS_MAX)
        return gk_fail(errmsg, GK_EINVAL, "at most %d facets at once",
                       GK_FACET_FIELDS_MAX);
    int pair = by_year ? GK_SLOT_YEAR_FACET : -1;
    for (size_t i = 0; i < n; i++) {
        const struct facet_field *ff = &facet_fields[fields[i]];
        int wide = GK_SLOT_WIDE_FACET(ff->slot);
        gk_facet_spec s = {ff->slot, ff->numeric, ff->split, pair, 0, ff->per_report,
                           NULL, NULL, 0, wide};
        gk_facet_spec whole = {ff->slot, ff->numeric, 0, pair, 0, 1, NULL, NULL, 0, wide};
        if (strcmp(ff->name, "section") == 0 && sections != NULL) {
            /* exact: the reports whose section X matched, one query each */
            s.queries = sections->queries;
            s.query_values = sections->ids;
            s.nqueries = sections->n;
        }
        specs[i] = s;
        specs[n + i] = whole;
        /* the figures of each value's reports (the year is among them) */
        s.pair_slot = GK_SLOT_FIGURE_TOTALS;
        whole.pair_slot = GK_SLOT_FIGURE_TOTALS;
        s.wide = whole.wide = 1;
        specs[GK_FACET_LIST_TOTALS(n, i)] = s;
        specs[GK_FACET_LIST_TOTALS_WHOLE(n, i)] = whole;
    }
    gk_facet_spec reports = {GK_SLOT_KIND, 0, 0, -1, 0, 1, NULL, NULL, 0, 0};
    gk_facet_spec years = {GK_SLOT_YEAR_FACET, 0, 0, -1, 0, 1, NULL, NULL, 0, 0};
    gk_facet_spec all = {GK_SLOT_FIGURE_TOTALS, 0, 0, -1, 0, 1, NULL, NULL, 0, 1};
    specs[GK_FACET_LIST_REPORTS(n)] = reports;
    specs[GK_FACET_LIST_YEARS(n)] = years;
    specs[GK_FACET_LIST_TOTALS_ALL(n)] = all;
    /* one document per report: nothing to deduplicate */
    return gk_db_facets(db, q, GK_DB_MAX_SLOT, specs, totals ? 4 * n + 3 : 2 * n + 2,
                        out, errmsg);
}

/* The sum of the counts of list i (of year, when not NULL). */
static unsigned long sum(const gk_facets *f, size_t i, const char *year)
{
    unsigned long total = 0;
    for (size_t k = 0; k < gk_facets_size(f, i); k++) {
        const gk_facet_count *c = gk_facets_get(f, i, k);
        if (year == NULL || (c->pair != NULL && strcmp(c->pair, year) == 0))
            total += c->count;
    }
    return total;
}

unsigned long gk_facet_fields_reports(const gk_facets *f, size_t n)
{
    return sum(f, GK_FACET_LIST_REPORTS(n), NULL);
}

/* The matching reports without a value of facet i of n (as counted into
 * f): *u, its per-year counts in per_year (room for every year). */
static void unknown_of(gk_facet_unknown *u, gk_facet_count *per_year, const gk_facets *f,
                       size_t n, size_t i, int by_year)
{
    gk_facet_unknown none = {1, 0, per_year, 0};
    *u = none;
    if (!by_year) {
        unsigned long reports = sum(f, 2 * n, NULL), with = sum(f, n + i, NULL);
        u->count = reports > with ? reports - with : 0;
        return;
    }
    for (size_t y = 0; per_year != NULL && y < gk_facets_size(f, 2 * n + 1); y++) {
        /* per year: the reports of that year without a value */
        const gk_facet_count *yc = gk_facets_get(f, 2 * n + 1, y);
        unsigned long with = sum(f, n + i, yc->value);
        per_year[u->nyears].value = NULL;
        per_year[u->nyears].pair = yc->value;
        per_year[u->nyears].count = yc->count > with ? yc->count - with : 0;
        u->nyears++;
    }
}

void gk_facet_fields_print_all(FILE *to, gk_facet_format fmt, int color, const int *fields,
                               size_t n, const gk_facets *f, int by_year,
                               const gk_taxonomy *tx)
{
    gk_facet_header(to, fmt, by_year);
    gk_facet_count *per_year = calloc(gk_facets_size(f, 2 * n + 1) + 1, sizeof *per_year);
    for (size_t i = 0; i < n; i++) {
        const struct facet_field *ff = &facet_fields[fields[i]];
        gk_facet_unknown u;
        unknown_of(&u, per_year, f, n, i, by_year);
        gk_facet_print_as(to, fmt, color, ff->name, f, i, by_year,
                          ff->slot == GK_SLOT_CATEGORIES ? tx : NULL, &u);
    }
    free(per_year);
}

static int cmp_year(const void *a, const void *b)
{
    double x = atof((*(const gk_facet_count *const *)a)->value);
    double y = atof((*(const gk_facet_count *const *)b)->value);
    return (x > y) - (x < y);
}

void gk_facet_value_cell(gk_book *b, const char *value, int is_year)
{
    char *end;
    double v = value != NULL ? strtod(value, &end) : 0;
    if (is_year && value != NULL && value[0] != '\0' && *end == '\0')
        gk_book_number(b, 1, v);
    else
        gk_book_text(b, value);
}

void gk_facet_fields_book(gk_book *b, const int *fields, size_t n, const gk_facets *f,
                          int by_year)
{
    static const char *const plain[] = {"value", "count"};
    static const char *const yearly[] = {"value", "year", "count"};
    size_t nyears = gk_facets_size(f, 2 * n + 1);
    gk_facet_count *per_year = calloc(nyears + 1, sizeof *per_year);
    for (size_t i = 0; i < n; i++) {
        const struct facet_field *ff = &facet_fields[fields[i]];
        int is_year = ff->slot == GK_SLOT_YEAR_FACET;
        gk_book_sheet_add(b, ff->name, by_year ? yearly : plain, by_year ? 3 : 2);
        size_t nc = gk_facets_size(f, i);
        const gk_facet_count **c = calloc(nc + 1, sizeof *c);
        for (size_t k = 0; c != NULL && k < nc; k++)
            c[k] = gk_facets_get(f, i, k);
        if (c != NULL && is_year && !by_year) /* the year facet in year order */
            qsort(c, nc, sizeof *c, cmp_year);
        for (size_t k = 0; c != NULL && k < nc; k++) {
            gk_facet_value_cell(b, c[k]->value, is_year);
            if (by_year)
                gk_facet_value_cell(b, c[k]->pair, 1);
            gk_book_number(b, 1, (double)c[k]->count);
            gk_book_row_end(b);
        }
        free(c);
        /* the (unknown) row: an empty value, as in CSV */
        gk_facet_unknown u;
        unknown_of(&u, per_year, f, n, i, by_year);
        for (size_t k = 0; k < (by_year ? u.nyears : 1); k++) {
            gk_book_text(b, "");
            if (by_year)
                gk_facet_value_cell(b, u.by_year[k].pair, 1);
            gk_book_number(b, 1, (double)(by_year ? u.by_year[k].count : u.count));
            gk_book_row_end(b);
        }
    }
    free(per_year);
}

void gk_facet_fields_print(FILE *to, int json, int color, int field,
                           const gk_facets *f, size_t i, int by_year,
                           const gk_taxonomy *tx)
{
    const char *name = facet_fields[field].name;
    gk_facet_print(to, json, color, name, f, i, by_year,
                   facet_fields[field].slot == GK_SLOT_CATEGORIES ? tx : NULL);
}
