/* page.c - the page of results asked of the engine. */
#include "gk_page.h"

#include "gk_schema.h"

gk_search_opts gk_page_opts(unsigned offset, unsigned limit, int by_report, int exact,
                            const gk_order *o)
{
    /* one document per report: nothing to collapse */
    gk_search_opts so = {offset, limit, -1, -1, 0, 0, GK_SLOT_ORDER, NULL, 0, 0};
    if (o != NULL) {
        so.sort_slot = o->slot;
        so.sort_descending = o->descending;
    }
    if (!by_report && !exact && limit > 0)
        so.check_at_least = offset + limit > GK_PAGE_EXACT_UP_TO ? offset + limit
                                                                 : GK_PAGE_EXACT_UP_TO;
    return so;
}

unsigned long gk_page_total(const gk_search_opts *so, const gk_results *r, int *exact)
{
    unsigned long total = gk_results_total(r);
    *exact = gk_results_total_exact(r);
    /* the engine's lower bound moves with the page size; say what was
     * checked, which it always reaches */
    if (!*exact && so->check_at_least > 0 && total > so->check_at_least)
        total = so->check_at_least;
    return total;
}

gk_status gk_page_count_reports(gk_db *db, const gk_xquery *q, unsigned long *out,
                                char **errmsg)
{
    gk_search_opts so = {0, 0, -1, -1, 0, 0, 0, NULL, 0, 0};
    gk_results *r = NULL;
    gk_status st = gk_db_search(db, q, &so, &r, errmsg);
    if (st == GK_OK)
        *out = gk_results_total(r);
    gk_results_free(r);
    return st;
}
