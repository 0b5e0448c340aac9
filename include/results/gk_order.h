/* gk_order.h - the order in which gongkai-query lists results: by
 * relevance, by year or by a figure (--sort NAME, -NAME, --reverse), a
 * listing without text newest first. */
#ifndef GK_ORDER_H
#define GK_ORDER_H

#include <stddef.h>

#include "gk_figures.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_order {
    int slot;       /* the value slot sorted on; -1: by relevance */
    int descending; /* with slot: largest first */
    int figure;     /* the figure sorted on (an index into the rules), or -1 */
} gk_order;

/* The order of the results of a query (has_text: it has text to match;
 * without, it only lists what its filters match).  sort names the key:
 * "relevance", "year" ("年份") or a figure's id, label or alias, ascending,
 * "-NAME" descending; NULL: by relevance, or a listing by year newest
 * first.  reverse turns the order round (not relevance: there reverse
 * needs a sort key).  Fails with GK_ENOTFOUND when sort names no key (the
 * name without its '-' is the culprit) and GK_EINVAL when reverse is given
 * for the relevance order of a query with text and no sort. */
gk_status gk_order_choose(gk_order *out, const char *sort, int reverse, int has_text,
                          const gk_figure_rules *rules);

/* Add the figure o sorts on to the figures shown with each hit (shown, n
 * of them, room for max) unless it is there already; returns the new n. */
size_t gk_order_show(const gk_order *o, int *shown, size_t n, size_t max);

#ifdef __cplusplus
}
#endif

#endif
