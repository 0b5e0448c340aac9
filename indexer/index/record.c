/* record.c - the whole record of one indexed report as JSON. */
#include "gk_record.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk_json.h"
#include "gk_utf8.h"

/* A JSON string, or null for NULL; invalid UTF-8 becomes U+FFFD. */
static json_t *text(const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *j = json_string(s);
    if (j != NULL)
        return j;
    char *clean = gk_utf8_sanitize(s, strlen(s));
    j = clean != NULL ? json_string(clean) : NULL;
    free(clean);
    return j != NULL ? j : json_null();
}

static json_t *figure(const gk_figure *g)
{
    if (!g->known)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "value", gk_json_number(g->value));
    json_object_set_new(o, "approx", json_boolean(g->approx));
    json_object_set_new(o, "unit_assumed", json_boolean(g->unit_assumed));
    json_object_set_new(o, "source", json_string(gk_figure_source_name(g->source)));
    json_object_set_new(o, "section", text(g->section));
    if (g->source != GK_SOURCE_PROSE) {
        json_object_set_new(o, "row", text(g->row));
        json_object_set_new(o, "column", text(g->column));
    }
    json_object_set_new(o, "text", text(g->text));
    return o;
}

const gk_place *gk_facts_place(const gk_report_facts *f)
{
    return &f->place->place.names;
}

static json_t *place_names(const gk_place *p, json_t *o)
{
    json_object_set_new(o, "province", text(p->province));
    json_object_set_new(o, "city", text(p->city));
    json_object_set_new(o, "county", text(p->county));
    json_object_set_new(o, "township", text(p->township));
    return o;
}

static json_t *place(const gk_resolved_place *rp)
{
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(gk_place_status_name(rp->status)));
    json_object_set_new(o, "code", rp->status == GK_PLACE_RESOLVED ? text(rp->place.code)
                                                                   : json_null());
    json_object_set_new(o, "evidence", text(rp->evidence));
    json_t *cands = json_array();
    for (size_t i = 0; i < rp->ncandidates; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "code", text(rp->candidates[i].code));
        json_array_append_new(cands, place_names(&rp->candidates[i].names, c));
    }
    json_object_set_new(o, "candidates", cands);
    return o;
}

json_t *gk_record_build(const gk_report_facts *facts)
{
    const gk_report *r = facts->report;
    const gk_figures *f = facts->figures;
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "report_id", text(facts->report_id));
    json_object_set_new(o, "path", text(facts->path));
    json_object_set_new(o, "title", text(gk_report_display_title(r)));
    json_object_set_new(o, "kind", json_string(gk_report_kind_name(r->kind)));
    json_object_set_new(o, "body", text(gk_report_display_body(r)));
    place_names(gk_facts_place(facts), o);
    json_object_set_new(o, "place", place(facts->place));
    json_object_set_new(o, "year", r->year ? json_integer(r->year) : json_null());
    json_object_set_new(o, "template", text(f->template_version));
    json_object_set_new(o, "consistency", json_string(gk_consistency_name(f->consistency)));
    json_object_set_new(o, "completeness", text(f->completeness));
    json_t *missing = json_array();
    for (size_t i = 0; i < f->nmissing; i++)
        json_array_append_new(missing, text(f->missing[i]));
    json_object_set_new(o, "missing", missing);
    json_object_set_new(o, "body_class", text(f->body_class));
    char iso[11];
    gk_date_iso(f->signed_date, iso);
    json_object_set_new(o, "signed", iso[0] ? text(iso) : json_null());
    gk_date_iso(f->due_date, iso);
    json_object_set_new(o, "due", iso[0] ? text(iso) : json_null());
    json_object_set_new(o, "deadline", text(f->deadline));
    json_t *sections = json_array();
    for (size_t i = 0; i < r->nsections; i++) {
        json_t *s = json_object();
        json_object_set_new(s, "id", text(r->sections[i].id));
        size_t len;
        const char *shown = gk_section_display(r, i, &len);
        json_object_set_new(s, "title", text(gk_section_display_title(&r->sections[i])));
        json_object_set_new(s, "chars", json_integer((json_int_t)gk_utf8_count(shown, len)));
        json_array_append_new(sections, s);
    }
    json_object_set_new(o, "sections", sections);
    json_t *cats = json_array();
    for (size_t i = 0; i < facts->categories->n; i++) {
        size_t k = facts->categories->hits[i].category;
        json_t *c = json_object();
        json_object_set_new(c, "id", text(gk_taxonomy_id(facts->taxonomy, k)));
        json_object_set_new(c, "label", text(gk_taxonomy_label(facts->taxonomy, k)));
        json_object_set_new(c, "evidence", text(facts->categories->hits[i].evidence));
        json_array_append_new(cats, c);
    }
    json_object_set_new(o, "categories", cats);
    json_t *figures = json_object();
    for (size_t i = 0; i < f->nfigures; i++)
        json_object_set_new(figures, gk_figure_id(facts->figure_rules, i), figure(&f->figures[i]));
    json_object_set_new(o, "figures", figures);
    json_t *checks = json_array();
    for (size_t i = 0; i < f->nchecks; i++) {
        const gk_check *c = &f->checks[i];
        json_t *k = json_object();
        json_object_set_new(k, "identity", text(c->identity));
        json_object_set_new(k, "description", text(c->description));
        json_object_set_new(k, "status", json_string(gk_consistency_name(c->status)));
        if (c->status != GK_CONSISTENCY_INCOMPLETE) {
            json_object_set_new(k, "left", gk_json_number(c->left));
            json_object_set_new(k, "right", gk_json_number(c->right));
            json_object_set_new(k, "difference", gk_json_number(c->left - c->right));
        }
        json_array_append_new(checks, k);
    }
    json_object_set_new(o, "checks", checks);
    json_t *raw = json_array();
    for (size_t i = 0; i < f->nraw; i++) {
        const gk_raw_figure *x = &f->raw[i];
        json_t *k = json_object();
        json_object_set_new(k, "table", text(x->table));
        json_object_set_new(k, "row", text(x->row));
        json_object_set_new(k, "column", text(x->column));
        json_object_set_new(k, "value", x->known ? gk_json_number(x->value) : json_null());
        json_object_set_new(k, "text", text(x->text));
        json_array_append_new(raw, k);
    }
    json_object_set_new(o, "raw_figures", raw);
    return o;
}
