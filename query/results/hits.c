/* hits.c - a hit of a page of results (a report), read back from the
 * values and the sections the indexer stored with it: a result needs
 * nothing from the database's metadata (which a stub of shards reads
 * from its first shard only). */
#include "gk_hits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_schema.h"
#include "gk_stored.h"
#include "gk_utf8.h"
#include "gk_util.h"

struct gk_hits {
    gk_hits_env env;
    size_t nfigures;
    gk_hit_figure *figures; /* every canonical figure, named; the values of
                               the hit last read */
    gk_hit_figure shown[GK_HITS_MAX_SHOWN];
    gk_snippet snippet;     /* of the hit last read */
    gk_snippet other;       /* a section of it tried for matches */
    gk_hit_section *sections; /* of the hit last read: matched */
    size_t nsections, sections_cap;
    json_t *record;         /* its details (GK_SLOT_DETAILS), or NULL */
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
    gk_snippet_clear(&h->other);
    for (size_t k = 0; k < h->nsections; k++)
        free((char *)h->sections[k].title);
    h->nsections = 0;
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
    free(h->sections);
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

/* The text in slot of hit i; NULL when it is unset or empty. */
static const char *known(const gk_results *res, size_t i, unsigned slot)
{
    const char *v = value(res, i, slot);
    return v[0] ? v : NULL;
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

/* h->record: the details of hit i (GK_SLOT_DETAILS), or NULL when it
 * has none. */
static void read_details(gk_hits *h, const gk_results *res, size_t i)
{
    const char *s;
    size_t len;
    gk_results_value(res, i, GK_SLOT_DETAILS, &s, &len);
    h->record = len > 0 ? json_loadb(s, len, 0, NULL) : NULL;
}

/* 1 if section id is in the view's scope. */
static int in_scope(const gk_hits_view *v, const char *id)
{
    if (v->scope == NULL)
        return 1;
    for (size_t i = 0; i < v->nscope; i++)
        if (strcmp(v->scope[i], id) == 0)
            return 1;
    return 0;
}

/* Remember section s of the hit as matched. */
static gk_status add_matched(gk_hits *h, const gk_data_section *s, int with_text)
{
    if (h->nsections == h->sections_cap) {
        size_t cap = h->sections_cap ? 2 * h->sections_cap : 8;
        gk_hit_section *secs = realloc(h->sections, cap * sizeof *secs);
        if (secs == NULL)
            return GK_ENOMEM;
        h->sections = secs;
        h->sections_cap = cap;
    }
    char *title = malloc(s->title_len + 1);
    if (title == NULL)
        return GK_ENOMEM;
    memcpy(title, s->title, s->title_len);
    title[s->title_len] = '\0';
    gk_hit_section *hs = &h->sections[h->nsections++];
    hs->title = title;
    hs->text = with_text ? s->text : NULL;
    hs->text_len = with_text ? s->text_len : 0;
    hs->line = s->line;
    hs->id = NULL;
    for (size_t i = 0; i < gk_section_table_count(h->env.sections); i++)
        if (strcmp(gk_section_table_id(h->env.sections, i), s->id) == 0)
            hs->id = gk_section_table_id(h->env.sections, i);
    if (hs->id == NULL)
        hs->id = strcmp(s->id, "document") == 0 ? "document" : "other";
    hs->label = label_of(h->env.sections, hs->id);
    return GK_OK;
}

/* The sections of hit i (data) in scope where the phrases occur into
 * h->sections, and the snippet of the first; without phrases every
 * section in scope, and the beginning of the first (the first alone when
 * the phrases are found nowhere). */
static gk_status read_sections(gk_hits *h, const char *data, size_t len, const gk_hits_view *v,
                               char **errmsg)
{
    gk_data_section s, first = {{0}, "", "", 0, 0, 0};
    int have_first = 0, found = 0;
    for (size_t k = 0; gk_data_section_get(data, len, k, &s); k++) {
        if (!in_scope(v, s.id))
            continue;
        if (!have_first) {
            first = s;
            have_first = 1;
        }
        if (v->nphrases == 0) { /* a listing: every section in scope */
            gk_status st = add_matched(h, &s, v->text);
            if (st != GK_OK)
                return gk_fail(errmsg, st, "out of memory");
            found = 1;
            continue;
        }
        gk_snippet *sn = found ? &h->other : &h->snippet;
        gk_snippet_clear(sn);
        gk_status st = gk_snippet_make_shown(sn, h->env.az, h->env.folder, h->env.noise,
                                             v->phrases, v->nphrases, s.text, s.text_len,
                                             GK_HITS_SNIPPET_CHARS, errmsg);
        if (st != GK_OK)
            return st;
        if (sn->nhighlights == 0)
            continue;
        found = 1;
        if ((st = add_matched(h, &s, v->text)) != GK_OK)
            return gk_fail(errmsg, st, "out of memory");
    }
    if (!found || v->nphrases == 0) {
        gk_snippet_clear(&h->snippet);
        gk_status st = gk_snippet_make_shown(&h->snippet, h->env.az, h->env.folder,
                                             h->env.noise, v->phrases, v->nphrases,
                                             first.text, first.text_len,
                                             GK_HITS_SNIPPET_CHARS, errmsg);
        if (st != GK_OK)
            return st;
        if (!found && have_first && (st = add_matched(h, &first, v->text)) != GK_OK)
            return gk_fail(errmsg, st, "out of memory");
    }
    return GK_OK;
}

gk_status gk_hits_read(gk_hits *h, const gk_results *res, size_t i,
                       const gk_hits_view *v, gk_hit *out, char **errmsg)
{
    forget(h);
    memset(out, 0, sizeof *out);
    const char *data;
    size_t data_len;
    gk_results_data(res, i, &data, &data_len);
    gk_status st = read_sections(h, data, data_len, v, errmsg);
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
    out->sections = h->sections;
    out->nsections = h->nsections;
    out->sections_matched = h->nsections;
    out->section = h->nsections ? h->sections[0].id : "";
    out->section_label = h->nsections ? h->sections[0].label : "";
    out->section_title = h->nsections ? h->sections[0].title : "";
    out->score = gk_results_score(res, i);
    out->snippet = &h->snippet;
    read_figures(h, res, i);
    int is_report = strcmp(out->kind, "report") == 0;
    if (v->by_report && is_report) {
        out->figures = h->figures;
        out->nfigures = h->nfigures;
        out->consistency = value(res, i, GK_SLOT_CONSISTENCY);
        out->template_version = known(res, i, GK_SLOT_TEMPLATE);
        out->completeness = known(res, i, GK_SLOT_COMPLETENESS);
        out->missing = value(res, i, GK_SLOT_MISSING);
        out->signed_date = known(res, i, GK_SLOT_SIGNED);
        out->deadline = known(res, i, GK_SLOT_DEADLINE);
        out->copied = known(res, i, GK_SLOT_COPIED);
        out->copied_from = value(res, i, GK_SLOT_COPIED_FROM);
    }
    for (size_t k = 0; k < v->nshown && k < GK_HITS_MAX_SHOWN && is_report; k++)
        h->shown[out->nshown++] = h->figures[v->shown[k]];
    out->shown = h->shown;
    if (is_report) {
        out->place_status = value(res, i, GK_SLOT_PLACE_STATUS);
        out->place_code = value(res, i, GK_SLOT_PLACE_CODE);
        out->categories = value(res, i, GK_SLOT_CATEGORIES);
        if (strcmp(out->place_status, "ambiguous") == 0) {
            read_details(h, res, i);
            out->place_candidates = json_object_get(h->record, "candidates");
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
    out->city = value(res, i, GK_SLOT_CITY);
    out->province = value(res, i, GK_SLOT_PROVINCE);
    out->place_code = value(res, i, GK_SLOT_PLACE_CODE);
    out->place_status = value(res, i, GK_SLOT_PLACE_STATUS);
    out->year = year_of(res, i);
    out->template_version = known(res, i, GK_SLOT_TEMPLATE);
    out->consistency = known(res, i, GK_SLOT_CONSISTENCY);
    out->completeness = known(res, i, GK_SLOT_COMPLETENESS);
    out->missing = value(res, i, GK_SLOT_MISSING);
    out->signed_date = known(res, i, GK_SLOT_SIGNED);
    out->deadline = known(res, i, GK_SLOT_DEADLINE);
    out->figures = h->figures;
    out->nfigures = h->nfigures;
    read_details(h, res, i);
    const char *notes = json_string_value(json_object_get(h->record, "notes"));
    h->notes = gk_strdup(notes != NULL ? notes : "");
    out->notes = h->notes;
    out->continuity = known(res, i, GK_SLOT_CONTINUITY);
    const char *pcf = value(res, i, GK_SLOT_PREVIOUS_CARRIED_FORWARD);
    out->previous_cf_known = pcf[0] != '\0';
    out->previous_cf = out->previous_cf_known ? strtod(pcf, NULL) : 0;
    out->copied = known(res, i, GK_SLOT_COPIED);
    out->copied_from = value(res, i, GK_SLOT_COPIED_FROM);
}
