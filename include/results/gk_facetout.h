/* gk_facetout.h - printing facet counts: bar charts for people, JSON
 * Lines for programs (docs/JSON.md). */
#ifndef GK_FACETOUT_H
#define GK_FACETOUT_H

#include <stdio.h>

#include "gk_categories.h"
#include "gk_db.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How facets are printed. */
typedef enum gk_facet_format {
    GK_FACET_TEXT, /* bar charts, value x year tables */
    GK_FACET_JSON, /* one {"type":"facet",...} line per facet */
    GK_FACET_CSV,  /* field,value,count (field,value,year,count) rows */
    GK_FACET_TSV
} gk_facet_format;

/* The matching reports without a value for a facet, so that its counts
 * add up: a count, or with --by-year one per year (pair: the year, value
 * unused). */
typedef struct gk_facet_unknown {
    int known;       /* 0: no (unknown) row */
    unsigned long count;
    const gk_facet_count *by_year;
    size_t nyears;
} gk_facet_unknown;

/* The header line of CSV and TSV facet rows (nothing for other formats). */
void gk_facet_header(FILE *to, gk_facet_format fmt, int by_year);

/* One CSV or TSV cell of s: control characters escaped, quoted (CSV) when
 * it holds a comma or a quote. */
void gk_facet_cell(FILE *to, gk_facet_format fmt, const char *s);

/* Print facet list i of f under the name `field` in format fmt, the year
 * facet in year order and the others largest count first, with an
 * "(unknown)" row (JSON: "unknown"; CSV: an empty value) when unknown is
 * not NULL.  Otherwise as gk_facet_print. */
void gk_facet_print_as(FILE *to, gk_facet_format fmt, int color, const char *field,
                       const gk_facets *f, size_t i, int by_year, const gk_taxonomy *tx,
                       const gk_facet_unknown *unknown);

/* Print facet list i of f under the name `field`.  `by_year` when its
 * counts are pairs (value, year).  Category ids are shown with their
 * labels from tx (may be NULL).  json: one line {"type":"facet",...};
 * otherwise a sorted bar chart (or a value x year table), with colour when
 * asked. */
void gk_facet_print(FILE *to, int json, int color, const char *field,
                    const gk_facets *f, size_t i, int by_year,
                    const gk_taxonomy *tx);

/* Columns a UTF-8 string takes on a terminal (CJK characters take two). */
size_t gk_display_width(const char *s);

#ifdef __cplusplus
}
#endif

#endif
