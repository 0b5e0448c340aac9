/* gk_record.h - the whole record of one indexed report as JSON (its place,
 * sections, figures with their sources, raw table cells and arithmetic
 * checks): what --show and --figures --format json print.  docs/JSON.md
 * describes it. */
#ifndef GK_RECORD_H
#define GK_RECORD_H

#include <jansson.h>

#include "gk_figures.h"
#include "gk_report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The record of report r (with its figures f read by rules), indexed under
 * report_id from path.  NULL when out of memory; the caller owns the
 * reference. */
json_t *gk_record_build(const gk_report *r, const gk_figures *f,
                        const gk_figure_rules *rules, const char *report_id,
                        const char *path);

/* A figure's value as a JSON number: an integer when it is one, else a
 * real. */
json_t *gk_record_number(double value);

#ifdef __cplusplus
}
#endif

#endif
