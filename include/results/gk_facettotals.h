/* gk_facettotals.h - --sum and --avg: one figure added up exactly over
 * the reports of each facet value (or of every match), with how many
 * reports there are and how many of them know the figure. */
#ifndef GK_FACETTOTALS_H
#define GK_FACETTOTALS_H

#include <stdio.h>

#include "gk_book.h"
#include "gk_categories.h"
#include "gk_db.h"
#include "gk_facetout.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The figure added up, and how. */
typedef struct gk_total_figure {
    const char *id;    /* "procurement_amount_yuan" */
    const char *label; /* its Chinese name */
    int money;         /* in 元, else a count */
    int mean;          /* --avg: the mean of the known values, not their sum */
} gk_total_figure;

/* Print, for fields[0..n) as counted by gk_facet_fields_count_totals
 * into f (n == 0: one row, "all", for every match), each value's reports,
 * those with the figure known and its exact sum (or mean, rounded half
 * away from zero to 2 decimals), with an (unknown) row for the reports
 * without a value; by_year: per value and year.  Category ids with their
 * labels from tx (may be NULL) in text.  Fails with GK_EUNSUPPORTED
 * (and nothing printed) when a match was indexed before the figures were
 * stored for --sum, GK_ETOOBIG when a value is not exact to 9 decimals. */
gk_status gk_facet_totals_print_all(FILE *to, gk_facet_format fmt, int color,
                                    const int *fields, size_t n, const gk_facets *f,
                                    int by_year, const gk_taxonomy *tx,
                                    const gk_total_figure *fig, char **errmsg);

/* The same tables in b, one sheet per field named after it (n == 0: one
 * sheet, "all"): columns value, count, known, sum or mean (with by_year:
 * value, year, count, known, sum or mean), every number a number of the
 * workbook, a sum or mean none is known of an empty cell, the (unknown)
 * rows with an empty value.  Fails as gk_facet_totals_print_all, with
 * nothing added to b. */
gk_status gk_facet_totals_book(gk_book *b, const int *fields, size_t n, const gk_facets *f,
                               int by_year, const gk_total_figure *fig, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
