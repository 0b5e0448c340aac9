/* hits.c - a hit of a page of results, read back from the values the
 * indexer stored with its section and, where they are not enough, from
 * its report's stored record. */
#include "gk_hits.h"

#include <stdlib.h>
#include <string.h>

#include "gk_schema.h"
#include "gk_stored.h"
#include "gk_util.h"

struct gk_hits {
    gk_hits_env env;
    size_t nfigures;
    gk_hit_figure *figures; /* every canonical figure, named; the values of
                               the hit last read */
    gk_hit_figure shown[GK_HITS_MAX_SHOWN];
    gk_snippet snippet;     /* of the hit last read */
    json_t *record;         /* the stored record it borrows from, or NULL */
    char *notes;            /* of the row last read */
};

gk_status gk_hits_new(gk_hits **out, const gk_hits_env *env, char **errmsg)
{
    *out = NULL;
    gk_hits *h = calloc(1, sizeof *h);
    size_t n = gk_figure_count(env->figure_rules);
    if (h == NULL || (h->figures = calloc(n + 1, sizeof *h->figures)) == NULL) {
        free(h);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    h->env = *env;
    h->nfigures = n;
    for (size_t k = 0; k < n; k++) {
        h->figures[k].id = gk_figure_id(env->figure_rules, k);
        h->figures[k].label = gk_figure_label(env->figure_rules, k);
    }
    *out = h;
    return GK_OK;
}

/* Drop what the hit last read held. */
static void forget(gk_hits *h)
{
    gk_snippet_clear(&h->snippet);
    json_decref(h->record);
    h->record = NULL;
    free(h->notes);
    h->notes = NULL;
}

void gk_hits_free(gk_hits *h)
{
    if (h == NULL)
        return;
    forget(h);
    free(h->figures);
    free(h);
}

const gk_hit_figure *gk_hits_figure_names(const gk_hits *h, size_t *n)
{
    *n = h->nfigures;
    return h->figures;
}

/* Value slot `slot` of hit i; "" when unset. */
static const char *value(const gk_results *res, size_t i, unsigned slot)
{
    const char *s;
    size_t len;
    gk_results_value(res, i, slot, &s, &len);
    return s;
}

/* The year hit i reports on; 0 if unknown. */
static int year_of(const gk_results *res, size_t i)
{
    double year = 0;
    return gk_results_number(res, i, GK_SLOT_YEAR, &year) ? (int)year : 0;
}

/* The Chinese name of section id, "" if it has none. */
static const char *label_of(const gk_section_table *t, const char *id)
{
    for (size_t i = 0; i < gk_section_table_count(t); i++)
        if (strcmp(gk_section_table_id(t, i), id) == 0)
            return gk_section_table_label(t, i);
    return strcmp(id, "document") == 0 ? "文档" : "";
}

/* The canonical figures of hit i into h->figures. */
static void read_figures(gk_hits *h, const gk_results *res, size_t i)
{
    for (size_t k = 0; k < h->nfigures; k++) {
        gk_hit_figure *f = &h->figures[k];
        f->known = gk_results_number(res, i, gk_figure_slot(h->env.figure_rules, k),
                                     &f->value);
    }
}

/* h->record: the stored record of report_id, or NULL when there is none
 * (a report indexed without one shows no more than its values). */
static void read_record(gk_hits *h, const char *report_id)
{
    if (gk_stored_record_get(&h->record, h->env.db, report_id, NULL) != GK_OK)
        h->record = NULL;
}

gk_status gk_hits_read(gk_hits *h, const gk_results *res, size_t i,
                       const gk_hits_view *v, gk_hit *out, char **errmsg)
{
    forget(h);
    memset(out, 0, sizeof *out);
    const char *data;
    size_t data_len;
    gk_results_data(res, i, &data, &data_len);
    gk_status st = gk_snippet_make_shown(&h->snippet, h->env.az, h->env.folder,
                                         h->env.noise, v->phrases, v->nphrases, data,
                                         data_len, GK_HITS_SNIPPET_CHARS, errmsg);
    if (st != GK_OK)
        return st;
    out->rank = v->offset + i + 1;
    out->report_id = value(res, i, GK_SLOT_REPORT_ID);
    out->path = value(res, i, GK_SLOT_PATH);
    out->title = value(res, i, GK_SLOT_TITLE);
    out->kind = value(res, i, GK_SLOT_KIND);
    out->body = value(res, i, GK_SLOT_BODY);
    out->township = value(res, i, GK_SLOT_TOWNSHIP);
    out->county = value(res, i, GK_SLOT_COUNTY);
    out->city = value(res, i, GK_SLOT_CITY);
    out->province = value(res, i, GK_SLOT_PROVINCE);
    out->year = year_of(res, i);
    out->section = value(res, i, GK_SLOT_SECTION);
    out->section_label = label_of(h->env.sections, out->section);
    out->section_title = value(res, i, GK_SLOT_SECTION_TITLE);
    out->score = gk_results_score(res, i);
    out->sections_matched = v->by_report ? gk_results_collapsed(res, i) + 1 : 0;
    out->snippet = &h->snippet;
    read_figures(h, res, i);
    int is_report = strcmp(out->kind, "report") == 0;
    if (v->by_report && is_report) {
        out->figures = h->figures;
        out->nfigures = h->nfigures;
        out->consistency = value(res, i, GK_SLOT_CONSISTENCY);
        const char *tv = value(res, i, GK_SLOT_TEMPLATE);
        out->template_version = tv[0] ? tv : NULL;
    }
    for (size_t k = 0; k < v->nshown && k < GK_HITS_MAX_SHOWN && is_report; k++)
        h->shown[out->nshown++] = h->figures[v->shown[k]];
    out->shown = h->shown;
    if (is_report) {
        out->place_status = value(res, i, GK_SLOT_PLACE_STATUS);
        out->place_code = value(res, i, GK_SLOT_PLACE_CODE);
        out->categories = value(res, i, GK_SLOT_CATEGORIES);
        if (strcmp(out->place_status, "ambiguous") == 0) {
            read_record(h, out->report_id);
            if (h->record != NULL)
                out->place_candidates =
                    json_object_get(json_object_get(h->record, "place"), "candidates");
        }
    }
    return GK_OK;
}

void gk_hits_row(gk_hits *h, const gk_results *res, size_t i, gk_figtable_row *out)
{
    forget(h);
    read_figures(h, res, i);
    memset(out, 0, sizeof *out);
    out->report_id = value(res, i, GK_SLOT_REPORT_ID);
    out->path = value(res, i, GK_SLOT_PATH);
    out->title = value(res, i, GK_SLOT_TITLE);
    out->township = value(res, i, GK_SLOT_TOWNSHIP);
    out->county = value(res, i, GK_SLOT_COUNTY);
    out->year = year_of(res, i);
    const char *tv = value(res, i, GK_SLOT_TEMPLATE);
    out->template_version = tv[0] ? tv : NULL;
    const char *cs = value(res, i, GK_SLOT_CONSISTENCY);
    out->consistency = cs[0] ? cs : NULL;
    out->figures = h->figures;
    out->nfigures = h->nfigures;
    read_record(h, out->report_id);
    h->notes = gk_stored_figure_notes(h->record);
    out->notes = h->notes;
}
