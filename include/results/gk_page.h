/* gk_page.h - the page of results gongkai-query asks the engine for: how
 * many reports from where, in what order, and how far the matches are
 * counted exactly. */
#ifndef GK_PAGE_H
#define GK_PAGE_H

#include "gk_db.h"
#include "gk_order.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A page counts its matches exactly up to this many and beyond says only
 * "at least 1000": counting 75,000 matches exactly means checking every
 * one of them, which is most of a common phrase's time. */
#define GK_PAGE_EXACT_UP_TO 1000

/* The search for limit results (reports: one document each) from offset
 * (limit 0: only the count), in order o (NULL: by relevance).  Reports
 * are counted exactly when exact, by_report (--by report, which always
 * counted exactly) or limit is 0; otherwise as many as the page reaches,
 * and at least GK_PAGE_EXACT_UP_TO. */
gk_search_opts gk_page_opts(unsigned offset, unsigned limit, int by_report, int exact,
                            const gk_order *o);

/* The number of reports the search so found (r): exact (*exact set), or
 * when the count stopped early the number it checked, which there are at
 * least (*exact 0), whatever the page size below GK_PAGE_EXACT_UP_TO. */
unsigned long gk_page_total(const gk_search_opts *so, const gk_results *r, int *exact);

/* The number of reports matching q, counted exactly, in *out.  Fails
 * with the database's status. */
gk_status gk_page_count_reports(gk_db *db, const gk_xquery *q, unsigned long *out,
                                char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
