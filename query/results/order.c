/* order.c - the order of results: relevance, year or a figure. */
#include "gk_order.h"

#include <string.h>

#include "gk_schema.h"

gk_status gk_order_choose(gk_order *out, const char *sort, int reverse, int has_text,
                          const gk_figure_rules *rules)
{
    out->slot = -1;
    out->descending = 0;
    out->figure = -1;
    if (sort == NULL) {
        if (!has_text) { /* a listing: newest first */
            out->slot = GK_SLOT_YEAR;
            out->descending = !reverse;
        } else if (reverse) {
            return GK_EINVAL;
        }
        return GK_OK;
    }
    int descending = 0;
    if (sort[0] == '-') {
        descending = 1;
        sort++;
    }
    if (strcmp(sort, "relevance") == 0)
        return GK_OK; /* best first, whatever the sign */
    if (strcmp(sort, "year") == 0 || strcmp(sort, "年份") == 0) {
        out->slot = GK_SLOT_YEAR;
    } else {
        int f = gk_figure_lookup(rules, sort);
        if (f < 0)
            return GK_ENOTFOUND;
        out->slot = (int)gk_figure_slot(rules, (size_t)f);
        out->figure = f;
    }
    out->descending = descending ^ reverse;
    return GK_OK;
}

size_t gk_order_show(const gk_order *o, int *shown, size_t n, size_t max)
{
    if (o->figure < 0)
        return n;
    for (size_t k = 0; k < n; k++)
        if (shown[k] == o->figure)
            return n;
    if (n < max)
        shown[n++] = o->figure;
    return n;
}
