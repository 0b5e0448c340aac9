/* page.c - the page of results asked of the engine. */
#include "gk_page.h"

#include "gk_schema.h"

gk_search_opts gk_page_opts(unsigned offset, unsigned limit, int by_report, int exact,
                            const gk_order *o)
{
    gk_search_opts so = {offset, limit, by_report ? GK_SLOT_REPORT_ID : -1, -1, 0, 0};
    if (o != NULL) {
        so.sort_slot = o->slot;
        so.sort_descending = o->descending;
    }
    if (!exact && limit > 0)
        so.check_at_least = offset + limit > GK_PAGE_EXACT_UP_TO ? offset + limit
                                                                 : GK_PAGE_EXACT_UP_TO;
    return so;
}
