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
