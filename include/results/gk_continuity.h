/* gk_continuity.h - what the link pass of gongkai-index stored in a
 * report's document: its continuity (this year's 上年结转 against the
 * same place's 结转下年度 of the year before) and whether its problems
 * section is copied (--show). */
#ifndef GK_CONTINUITY_JSON_H
#define GK_CONTINUITY_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "gk_db.h"
#include "gk_figures.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The continuity of hit i of res (a report's document) as
 * {"status", "requests_carried_over", "previous_requests_carried_forward",
 * "previous_reports": [ids]}, the numbers null when unknown; the caller
 * owns it.  NULL when the document holds none (a document, or out of
 * memory). */
json_t *gk_continuity_json(const gk_results *res, size_t i, const gk_figure_rules *rules);

/* Whether the problems section of hit i of res copies another report's,
 * as {"status": "previous_year" | "other_place" |
 * "previous_year,other_place" | "none" | "unknown", "from": [ids]}; the
 * caller owns it.  NULL when the document holds none (a document, a
 * database of before layout 7, or out of memory). */
json_t *gk_copied_json(const gk_results *res, size_t i);

#ifdef __cplusplus
}
#endif

#endif
