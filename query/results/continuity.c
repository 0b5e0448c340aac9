/* continuity.c - a report's continuity read back from its document
 * (GK_SLOT_CONTINUITY and the slots beside it, written by the link pass
 * of gongkai-index), for --show. */
#include "gk_continuity.h"

#include <stdlib.h>
#include <string.h>

#include "gk_json.h"
#include "gk_schema.h"

json_t *gk_continuity_json(const gk_results *res, size_t i, const gk_figure_rules *rules)
{
    const char *status, *cf, *ids;
    size_t len, cf_len, ids_len;
    gk_results_value(res, i, GK_SLOT_CONTINUITY, &status, &len);
    if (len == 0)
        return NULL;
    gk_results_value(res, i, GK_SLOT_PREVIOUS_CARRIED_FORWARD, &cf, &cf_len);
    gk_results_value(res, i, GK_SLOT_PREVIOUS_REPORTS, &ids, &ids_len);
    json_t *o = json_object(), *previous = json_array();
    if (o == NULL || previous == NULL) {
        json_decref(o);
        json_decref(previous);
        return NULL;
    }
    json_object_set_new(o, "status", json_stringn(status, len));
    int over = gk_figure_lookup(rules, "requests_carried_over");
    double v = 0;
    int known = over >= 0 && gk_results_number(res, i, gk_figure_slot(rules, (size_t)over), &v);
    json_object_set_new(o, "requests_carried_over", known ? gk_json_number(v) : json_null());
    json_object_set_new(o, "previous_requests_carried_forward",
                        cf_len > 0 ? gk_json_number(strtod(cf, NULL)) : json_null());
    for (size_t at = 0; at < ids_len;) {
        size_t n = strcspn(ids + at, ",");
        json_array_append_new(previous, json_stringn(ids + at, n));
        at += n + 1;
    }
    json_object_set_new(o, "previous_reports", previous);
    return o;
}
