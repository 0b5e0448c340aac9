/* continuity.c - what the link pass of gongkai-index wrote in a report's
 * document, read back for --show: its continuity (GK_SLOT_CONTINUITY and
 * the slots beside it) and whether its problems section is copied
 * (GK_SLOT_COPIED, GK_SLOT_COPIED_FROM). */
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

json_t *gk_copied_json(const gk_results *res, size_t i)
{
    const char *status, *ids;
    size_t len, ids_len;
    gk_results_value(res, i, GK_SLOT_COPIED, &status, &len);
    if (len == 0)
        return NULL;
    gk_results_value(res, i, GK_SLOT_COPIED_FROM, &ids, &ids_len);
    char *from = malloc(ids_len + 1);
    json_t *o = json_object();
    if (from == NULL || o == NULL) {
        free(from);
        json_decref(o);
        return NULL;
    }
    memcpy(from, ids, ids_len);
    from[ids_len] = '\0';
    json_object_set_new(o, "status", json_stringn(status, len));
    json_object_set_new(o, "from", gk_json_list(from));
    free(from);
    return o;
}
