/* gk_history.h - a place over the years (gongkai-query --history): the
 * matching reports grouped by place, each place's reports in year order
 * with every figure, its change from the year before, consistency,
 * continuity and problem categories; as text tables, JSON Lines or CSV/TSV. */
#ifndef GK_HISTORY_H
#define GK_HISTORY_H

#include <stddef.h>
#include <stdio.h>

#include "gk_db.h"
#include "gk_figtable.h"
#include "gk_figures.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_history gk_history;

/* An empty history of the figures of rules (borrowed: must outlive it).
 * Fails with GK_ENOMEM. */
gk_status gk_history_new(gk_history **out, const gk_figure_rules *rules, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_history_free(gk_history *h);

/* Add hit i of res, a report (anything else is left out).  Its place is
 * its place_code when resolved, else its township's facet key, else its
 * county's; a report of no place is a place of its own.  Fails with
 * GK_ENOMEM. */
gk_status gk_history_add(gk_history *h, const gk_results *res, size_t i, char **errmsg);

/* Print every place, in order of its key, and its reports by year: a
 * table per place (text; bold headings when color), or with
 * GK_FIGTABLE_JSON a "place" line then one "history" line per report,
 * or with GK_FIGTABLE_CSV / _TSV one row per report under one header.
 * A change is the figure minus the same place's figure of the year
 * before; unknown (blank, null) when either is, or when there is no
 * report of the year before (several reports of that year count only
 * where they agree). */
void gk_history_print(gk_history *h, FILE *to, int text, gk_figtable_format f, int color);

#ifdef __cplusplus
}
#endif

#endif
