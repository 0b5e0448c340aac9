/* gk_record.h - the whole record of one indexed report as JSON (its place,
 * sections, figures with their sources, raw table cells and arithmetic
 * checks): what --show and --figures --format json print.  docs/JSON.md
 * describes it. */
#ifndef GK_RECORD_H
#define GK_RECORD_H

#include <jansson.h>

#include "gk_categories.h"
#include "gk_divisions.h"
#include "gk_figures.h"
#include "gk_report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Everything learnt about one report; all borrowed. */
typedef struct gk_report_facts {
    const gk_report *report;
    const char *report_id;          /* 16 hex digits */
    const char *path;               /* absolute */
    const gk_figures *figures;
    const gk_figure_rules *figure_rules;
    const gk_resolved_place *place;
    const gk_categories *categories;
    const gk_taxonomy *taxonomy;
} gk_report_facts;

/* The place names to show and index: the resolved place, or what the
 * report itself says when it could not be resolved. */
const gk_place *gk_facts_place(const gk_report_facts *f);

/* The record of a report.  NULL when out of memory; the caller owns the
 * reference. */
json_t *gk_record_build(const gk_report_facts *f);

/* The record's place.candidates alone (a new reference; NULL when out of
 * memory). */
json_t *gk_record_candidates(const gk_report_facts *f);

/* The record as compact JSON text, byte for byte what json_dumps of
 * gk_record_build writes (*len its length), built faster; NULL when out
 * of memory.  The caller frees it. */
char *gk_record_text(const gk_report_facts *f, size_t *len);

#ifdef __cplusplus
}
#endif

#endif
