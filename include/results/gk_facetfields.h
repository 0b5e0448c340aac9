/* gk_facetfields.h - the fields gongkai-query --facet counts matching
 * reports by (province, city, county, township, year, section, category,
 * consistency, template, place_status) and the value slot that holds
 * each. */
#ifndef GK_FACETFIELDS_H
#define GK_FACETFIELDS_H

#include <stddef.h>
#include <stdio.h>

#include "gk_book.h"
#include "gk_categories.h"
#include "gk_db.h"
#include "gk_facetout.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Facet fields one count takes at most. */
#define GK_FACET_FIELDS_MAX 16

/* The facet field called name (len bytes, exactly as written: "county"),
 * or whose query field is called canonical (the canonical name of what the
 * user wrote, such as 县; NULL: none); -1 if neither. */
int gk_facet_field_lookup(const char *name, size_t len, const char *canonical);

/* How many facet fields there are (0 .. count-1). */
size_t gk_facet_field_count(void);

/* The name of facet field f ("county"). */
const char *gk_facet_field_name(int f);

/* The section facet counted exactly: queries[k] is the query restricted
 * to section ids[k] (its text matched there), n of them; borrowed. */
typedef struct gk_facet_sections {
    const gk_xquery *const *queries;
    const char *const *ids;
    size_t n;
} gk_facet_sections;

/* Count the reports matching q by each of the facet fields fields[0..n)
 * (by_year: by value and year).  The section facet counts the reports
 * whose section X matched when sections is given (else the sections the
 * matching reports have).  *out holds list i for fields[i] (and, after them, what
 * gk_facet_fields_print_all needs for the reports without a value); it is
 * the caller's, to
 * release with gk_facets_free.  Fails with the database's status. */
gk_status gk_facet_fields_count(gk_db *db, const gk_xquery *q, const int *fields,
                                size_t n, int by_year, const gk_facet_sections *sections,
                                gk_facets **out, char **errmsg);

/* The same, and with totals what gk_facet_totals_print_all adds up: the
 * figures (GK_SLOT_FIGURE_TOTALS) of every value's reports, counted in
 * the lists below. */
gk_status gk_facet_fields_count_totals(gk_db *db, const gk_xquery *q, const int *fields,
                                       size_t n, int by_year, int totals,
                                       const gk_facet_sections *sections,
                                       gk_facets **out, char **errmsg);

/* The lists gk_facet_fields_count_totals counts for n fields: field i by
 * value (and year), by its value whole (the reports with one), the
 * reports (by kind) and the years; with totals, field i's values and
 * whole values paired with the figures, and the figures of every match. */
#define GK_FACET_LIST_VALUES(n, i) (i)
#define GK_FACET_LIST_WHOLE(n, i) ((n) + (i))
#define GK_FACET_LIST_REPORTS(n) (2 * (n))
#define GK_FACET_LIST_YEARS(n) (2 * (n) + 1)
#define GK_FACET_LIST_TOTALS(n, i) (2 * (n) + 2 + (i))
#define GK_FACET_LIST_TOTALS_WHOLE(n, i) (3 * (n) + 2 + (i))
#define GK_FACET_LIST_TOTALS_ALL(n) (4 * (n) + 2)

/* The matching reports, as counted into f for n fields: exact, since
 * facets count every match. */
unsigned long gk_facet_fields_reports(const gk_facets *f, size_t n);

/* Print the counts of fields[0..n) (as counted by gk_facet_fields_count
 * into f) in format fmt, each with its "(unknown)" row: the matching
 * reports without a value, so that the counts add up (for a field with
 * one value per report). */
void gk_facet_fields_print_all(FILE *to, gk_facet_format fmt, int color, const int *fields,
                               size_t n, const gk_facets *f, int by_year,
                               const gk_taxonomy *tx);

/* The counts of fields[0..n) (as gk_facet_fields_print_all prints them
 * as CSV) in b, one sheet per field named after it: columns value, count
 * (with by_year: value, year, count), years and counts as numbers, the
 * "(unknown)" rows with an empty value. */
void gk_facet_fields_book(gk_book *b, const int *fields, size_t n, const gk_facets *f,
                          int by_year);

/* A facet value or year as a cell of b: a number when is_year and it is
 * one, else text. */
void gk_facet_value_cell(gk_book *b, const char *value, int is_year);

/* Print list i of f, the counts of facet field `field` (as gk_facet_print
 * does; category ids with their labels from tx, which may be NULL). */
void gk_facet_fields_print(FILE *to, int json, int color, int field,
                           const gk_facets *f, size_t i, int by_year,
                           const gk_taxonomy *tx);

#ifdef __cplusplus
}
#endif

#endif
