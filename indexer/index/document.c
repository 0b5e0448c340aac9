/* document.c - the search document of one report, its sections as parts
 * of it (gk_schema.h). */
#include "document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "continuity.h"
#include "copied.h"
#include "bands.h"
#include "gk_report_id.h"
#include "gk_schema.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* A boolean term prefix+value, skipped when value is empty or too long. */
static gk_status add_filter(gk_doc *doc, const char *prefix, const char *value)
{
    char term[GK_DB_MAX_TERM + 1];
    size_t plen = strlen(prefix), vlen = strlen(value);
    if (vlen == 0 || plen + vlen > GK_DB_MAX_TERM)
        return GK_OK;
    memcpy(term, prefix, plen);
    memcpy(term + plen, value, vlen + 1);
    return gk_doc_add_boolean(doc, term);
}

/* A place name as a filter, both whole and without its suffix, so that
 * township:柳泉 finds 柳泉镇. */
static gk_status add_place(const gk_place_rules *places, gk_doc *doc,
                           const char *prefix, const char *name)
{
    gk_status st = add_filter(doc, prefix, name);
    char stem[64];
    gk_place_stem(places, name, stem, sizeof stem);
    if (st == GK_OK && stem[0] != '\0')
        st = add_filter(doc, prefix, stem);
    return st;
}

static gk_status set_text(gk_doc *doc, unsigned slot, const char *s)
{
    return gk_doc_set_value(doc, slot, s, strlen(s));
}

/* A value that --facet counts (query/main.c) */
static gk_status set_facet(gk_doc *doc, unsigned slot, const char *s)
{
    return gk_doc_set_facet(doc, slot, s, strlen(s));
}

/* What --sum adds up (GK_SLOT_FIGURE_TOTALS): the year and every known
 * figure as exact decimal text, one facet value, set on every document
 * (a database without it on some match is older than --sum). */
static gk_status set_figure_totals(gk_doc *doc, const gk_report_facts *f)
{
    gk_buf b = {0};
    gk_status st = f->report->year != 0 ? gk_buf_printf(&b, "y=%d", f->report->year)
                                        : gk_buf_adds(&b, "y=");
    const gk_figures *figs = f->report->kind == GK_KIND_REPORT ? f->figures : NULL;
    for (size_t i = 0; st == GK_OK && figs != NULL && i < figs->nfigures; i++)
        if (figs->figures[i].known)
            st = gk_buf_printf(&b, ";%s=%.15g", gk_figure_id(f->figure_rules, i),
                               figs->figures[i].value);
    if (st == GK_OK)
        st = gk_doc_set_wide_facet(doc, GK_SLOT_FIGURE_TOTALS, b.data, b.len);
    gk_buf_free(&b);
    return st;
}

/* The figures as numbers (for ranges and sorting), consistency and
 * template. */
static gk_status add_figures(const gk_report_facts *f, gk_doc *doc)
{
    const gk_figures *figs = f->figures;
    gk_status st = GK_OK;
    for (size_t i = 0; i < figs->nfigures && st == GK_OK; i++)
        if (figs->figures[i].known)
            st = gk_doc_set_number(doc, gk_figure_slot(f->figure_rules, i),
                                   figs->figures[i].value);
    const char *consistency = gk_consistency_name(figs->consistency);
    if (st == GK_OK) st = add_filter(doc, GK_PREFIX_CONSISTENCY, consistency);
    if (st == GK_OK) st = set_facet(doc, GK_SLOT_CONSISTENCY, consistency);
    if (st == GK_OK && figs->template_version != NULL) {
        st = add_filter(doc, GK_PREFIX_TEMPLATE, figs->template_version);
        if (st == GK_OK)
            st = set_facet(doc, GK_SLOT_TEMPLATE, figs->template_version);
    }
    return st;
}

/* What the law requires (docs/COMPLETENESS.md): completeness and the
 * parts missing, the date signed and the deadline. */
static gk_status add_completeness(const gk_figures *figs, gk_doc *doc)
{
    gk_status st = GK_OK;
    if (figs->completeness != NULL) {
        st = add_filter(doc, GK_PREFIX_COMPLETENESS, figs->completeness);
        if (st == GK_OK) st = set_facet(doc, GK_SLOT_COMPLETENESS, figs->completeness);
    }
    gk_buf ids = {0};
    for (size_t i = 0; i < figs->nmissing && st == GK_OK; i++) {
        st = add_filter(doc, GK_PREFIX_MISSING, figs->missing[i]);
        if (st == GK_OK)
            st = gk_buf_printf(&ids, "%s%s", i ? "," : "", figs->missing[i]);
    }
    if (st == GK_OK && ids.len > 0)
        st = gk_doc_set_wide_facet(doc, GK_SLOT_MISSING, ids.data, ids.len);
    gk_buf_free(&ids);
    if (st == GK_OK && figs->deadline != NULL) {
        st = add_filter(doc, GK_PREFIX_DEADLINE, figs->deadline);
        if (st == GK_OK) st = set_facet(doc, GK_SLOT_DEADLINE, figs->deadline);
    }
    if (st == GK_OK && figs->signed_date != 0) {
        char iso[11];
        gk_date_iso(figs->signed_date, iso);
        st = set_text(doc, GK_SLOT_SIGNED, iso);
        if (st == GK_OK) st = gk_doc_set_number(doc, GK_SLOT_SIGNED_DATE, figs->signed_date);
    }
    return st;
}

/* The place: names at every level, the code of the place and of every
 * level above it, the status, and the facet keys that keep same-named
 * places apart. */
static gk_status add_place_facts(const gk_place_rules *places,
                                 const gk_report_facts *f, gk_doc *doc)
{
    const gk_place *p = gk_facts_place(f);
    gk_place_status status = f->place->status;
    gk_status st = add_place(places, doc, GK_PREFIX_TOWNSHIP, p->township);
    if (st == GK_OK) st = add_place(places, doc, GK_PREFIX_COUNTY, p->county);
    if (st == GK_OK) st = add_place(places, doc, GK_PREFIX_CITY, p->city);
    if (st == GK_OK) st = add_place(places, doc, GK_PREFIX_PROVINCE, p->province);
    /* a county-level city (德惠市) is a city to its readers: 市:德惠 finds it */
    size_t cl = strlen(p->county);
    if (st == GK_OK && cl > GK_LEN("市") && GK_ENDS_WITH(p->county, cl, "市"))
        st = add_place(places, doc, GK_PREFIX_CITY, p->county);
    const char *code = status == GK_PLACE_RESOLVED ? f->place->place.code : "";
    /* GB/T 2260: 2 digits province, 4 city, 6 county, 9 township */
    static const size_t levels[] = {2, 4, 6, 9};
    for (size_t k = 0; k < sizeof levels / sizeof levels[0] && st == GK_OK; k++) {
        if (strlen(code) < levels[k])
            break;
        char prefix[16];
        snprintf(prefix, sizeof prefix, "%.*s", (int)levels[k], code);
        st = add_filter(doc, GK_PREFIX_PLACE_CODE, prefix);
    }
    const char *name = gk_place_status_name(status);
    if (st == GK_OK) st = add_filter(doc, GK_PREFIX_PLACE_STATUS, name);
    if (st == GK_OK) st = set_facet(doc, GK_SLOT_PLACE_STATUS, name);
    if (st == GK_OK) st = set_text(doc, GK_SLOT_PLACE_CODE, code);
    if (st == GK_OK) st = set_text(doc, GK_SLOT_TOWNSHIP, p->township);
    if (st == GK_OK) st = set_text(doc, GK_SLOT_COUNTY, p->county);
    if (st == GK_OK) st = set_facet(doc, GK_SLOT_CITY, p->city);
    if (st == GK_OK) st = set_facet(doc, GK_SLOT_PROVINCE, p->province);
    char key[256];
    if (st == GK_OK && p->township[0]) {
        if (status == GK_PLACE_AMBIGUOUS)
            snprintf(key, sizeof key, "%s (ambiguous)", p->township);
        else if (p->county[0])
            snprintf(key, sizeof key, "%s (%s)", p->township, p->county);
        else
            snprintf(key, sizeof key, "%s", p->township);
        st = set_facet(doc, GK_SLOT_TOWNSHIP_KEY, key);
    }
    if (st == GK_OK && p->county[0]) {
        const char *above = p->city[0] ? p->city : p->province;
        if (above[0] && strcmp(above, p->county) != 0)
            snprintf(key, sizeof key, "%s (%s)", p->county, above);
        else
            snprintf(key, sizeof key, "%s", p->county);
        st = set_facet(doc, GK_SLOT_COUNTY_KEY, key);
    }
    return st;
}

static gk_status add_categories(const gk_report_facts *f, gk_doc *doc)
{
    gk_buf ids = {0};
    gk_status st = GK_OK;
    for (size_t i = 0; i < f->categories->n && st == GK_OK; i++) {
        const char *id = gk_taxonomy_id(f->taxonomy, f->categories->hits[i].category);
        st = add_filter(doc, GK_PREFIX_CATEGORY, id);
        if (st == GK_OK)
            st = gk_buf_printf(&ids, "%s%s", i ? "," : "", id);
    }
    if (st == GK_OK && ids.len > 0)
        st = gk_doc_set_facet(doc, GK_SLOT_CATEGORIES, ids.data, ids.len);
    gk_buf_free(&ids);
    return st;
}

/* Where one section's terms go: prefixed with its code, moved to its
 * positions. */
typedef struct section_sink {
    gk_doc *doc;
    char code;
    unsigned base; /* the section's first position is base + 1 */
    unsigned last; /* the last position it used */
} section_sink;

static gk_status add_section_posting(void *ctx, const char *term, size_t len,
                                     unsigned pos)
{
    section_sink *s = ctx;
    if (pos == 0) /* whole words rank a report whatever the section */
        return gk_doc_add_term(s->doc, term, len, 1);
    char prefixed[GK_DB_MAX_TERM + 1];
    if (len + 1 > GK_DB_MAX_TERM)
        return GK_OK; /* too long to be searched for anyway */
    prefixed[0] = s->code;
    memcpy(prefixed + 1, term, len);
    if (s->base + pos > s->last)
        s->last = s->base + pos;
    return gk_doc_add_posting(s->doc, prefixed, len + 1, s->base + pos);
}

gk_status gk_document_layout(const gk_section_table *t, char **out)
{
    gk_buf b = {0};
    gk_status st = gk_buf_adds(&b, GK_LAYOUT);
    for (size_t i = 0; i < gk_section_table_count(t) && st == GK_OK; i++)
        st = gk_buf_printf(&b, " %c=%s", i < GK_LEN(GK_SECTION_CODES) ? GK_SECTION_CODES[i] : '?',
                           gk_section_table_id(t, i));
    if (st != GK_OK) {
        gk_buf_free(&b);
        return st;
    }
    *out = gk_buf_take(&b, NULL);
    return *out != NULL ? GK_OK : GK_ENOMEM;
}

/* Every section's text terms, at its positions and with its code, and the
 * XS term of every section id.  Fails with the analyser's or the shim's
 * status. */
static gk_status add_sections(gk_doc *doc, gk_analyzer *az, const gk_section_table *t,
                              const gk_report *r, char **errmsg)
{
    section_sink sink = {doc, 0, 0, 0};
    gk_status st = GK_OK;
    for (size_t i = 0; i < r->nsections && st == GK_OK; i++) {
        const gk_section *sec = &r->sections[i];
        sink.code = gk_section_table_code(t, sec->id);
        if (sink.code == 0)
            return gk_fail(errmsg, GK_EINVAL, "section %s has no code (more than %zu "
                           "sections in sections.tsv)", sec->id,
                           GK_LEN(GK_SECTION_CODES));
        gk_analysis a = {0};
        st = gk_analyze(az, r->text + sec->start, sec->end - sec->start, &a, errmsg);
        if (st != GK_OK)
            return st;
        st = gk_analysis_index_terms(&a, r->text + sec->start, add_section_posting, &sink);
        gk_analysis_clear(&a);
        sink.base = sink.last + GK_SECTION_GAP;
        sink.last = sink.base;
        int first = 1; /* of its id */
        for (size_t k = 0; k < i; k++)
            first = first && strcmp(r->sections[k].id, sec->id) != 0;
        if (st == GK_OK && first)
            st = add_filter(doc, GK_PREFIX_SECTION, sec->id);
    }
    return st;
}

/* The data (gk_schema.h): every section's title and text as written. */
static gk_status set_sections_data(gk_doc *doc, const gk_report *r)
{
    gk_buf head = {0}, body = {0};
    gk_status st = gk_buf_printf(&head, GK_DATA_MAGIC "%zu\n", r->nsections);
    for (size_t i = 0; i < r->nsections && st == GK_OK; i++) {
        const char *title = gk_section_display_title(&r->sections[i]);
        size_t tlen = strlen(title), len;
        const char *text = gk_section_display(r, i, &len);
        st = gk_buf_printf(&head, "%s %zu %zu %lu\n", r->sections[i].id, tlen, len,
                           r->sections[i].line);
        if (st == GK_OK) st = gk_buf_add(&body, title, tlen);
        if (st == GK_OK) st = gk_buf_add(&body, text, len);
    }
    if (st == GK_OK) st = gk_buf_add(&head, body.data ? body.data : "", body.len);
    if (st == GK_OK) st = gk_doc_set_data(doc, head.data, head.len);
    gk_buf_free(&head);
    gk_buf_free(&body);
    return st;
}

/* The report's section ids, each once, joined by ",". */
static gk_status set_section_ids(gk_doc *doc, const gk_report *r)
{
    gk_buf ids = {0};
    gk_status st = GK_OK;
    for (size_t i = 0; i < r->nsections && st == GK_OK; i++) {
        int first = 1;
        for (size_t k = 0; k < i; k++)
            first = first && strcmp(r->sections[k].id, r->sections[i].id) != 0;
        if (first)
            st = gk_buf_printf(&ids, "%s%s", ids.len ? "," : "", r->sections[i].id);
    }
    if (st == GK_OK && ids.len > 0)
        st = gk_doc_set_wide_facet(doc, GK_SLOT_SECTIONS, ids.data, ids.len);
    gk_buf_free(&ids);
    return st;
}

/* GK_SLOT_DETAILS: the candidates of an ambiguous place (from the
 * record, as --show gives them) and the notes on approximate figures. */
static gk_status set_details(gk_doc *doc, const gk_report_facts *f)
{
    json_t *details = json_object();
    if (details == NULL)
        return GK_ENOMEM;
    if (f->place->status == GK_PLACE_AMBIGUOUS) {
        json_t *cands = gk_record_candidates(f); /* as the record has them */
        if (cands != NULL)
            json_object_set_new(details, "candidates", cands);
    }
    gk_buf notes = {0};
    const gk_figures *figs = f->figures;
    for (size_t i = 0; i < figs->nfigures; i++) {
        const gk_figure *g = &figs->figures[i];
        const char *id = gk_figure_id(f->figure_rules, i);
        if (g->known && g->approx)
            gk_buf_printf(&notes, "%s%s approx", notes.len ? "; " : "", id);
        if (g->known && g->unit_assumed)
            gk_buf_printf(&notes, "%s%s unit not given (taken as 元)", notes.len ? "; " : "",
                          id);
    }
    if (notes.len > 0)
        json_object_set_new(details, "notes", json_string(notes.data));
    gk_buf_free(&notes);
    gk_status st = GK_OK;
    if (json_object_size(details) > 0) {
        char *text = json_dumps(details, JSON_COMPACT);
        st = text != NULL ? set_text(doc, GK_SLOT_DETAILS, text) : GK_ENOMEM;
        free(text);
    }
    json_decref(details);
    return st;
}

/* GK_SLOT_ORDER: the report id's first 13 hex digits as a number (52
 * bits: exact in a double), so that ties follow the id, not the docid. */
static gk_status set_order(gk_doc *doc, const char *report_id)
{
    double order = 0;
    for (size_t i = 0; i < 13 && report_id[i] != '\0'; i++) {
        char c = report_id[i];
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
        order = order * 16 + digit;
    }
    return gk_doc_set_number(doc, GK_SLOT_ORDER, order);
}

gk_status gk_document_build(gk_doc *doc, gk_analyzer *az, const gk_place_rules *places,
                            const gk_section_table *sections, const gk_report_facts *f,
                            char **errmsg)
{
    const gk_report *r = f->report;
    gk_status st = add_sections(doc, az, sections, r, errmsg);
    if (st != GK_OK)
        return st;
    const char *kind = gk_report_kind_name(r->kind);
    if (st == GK_OK) st = add_filter(doc, GK_PREFIX_REPORT, f->report_id);
    if (st == GK_OK) {
        char file_key[GK_REPORT_ID_LEN + 1];
        gk_report_file_key(file_key, f->path);
        st = add_filter(doc, GK_PREFIX_FILE, file_key);
    }
    if (st == GK_OK) st = add_filter(doc, GK_PREFIX_KIND, kind);
    if (st == GK_OK && r->year != 0) {
        char year[16];
        snprintf(year, sizeof year, "%d", r->year);
        st = add_filter(doc, GK_PREFIX_YEAR, year);
        if (st == GK_OK)
            st = gk_doc_set_number(doc, GK_SLOT_YEAR, r->year);
        if (st == GK_OK)
            st = set_facet(doc, GK_SLOT_YEAR_FACET, year);
    }
    if (st == GK_OK)
        st = gk_doc_set_key(doc, GK_SLOT_REPORT_ID, f->report_id, strlen(f->report_id));
    if (st == GK_OK) st = set_order(doc, f->report_id);
    if (st == GK_OK) st = set_text(doc, GK_SLOT_PATH, f->path);
    if (st == GK_OK) st = set_text(doc, GK_SLOT_TITLE, gk_report_display_title(r));
    if (st == GK_OK) st = set_section_ids(doc, r);
    if (st == GK_OK) st = set_facet(doc, GK_SLOT_KIND, kind);
    if (st == GK_OK) st = set_text(doc, GK_SLOT_BODY, gk_report_display_body(r));
    if (st == GK_OK && r->kind == GK_KIND_REPORT) {
        st = add_place_facts(places, f, doc);
        if (st == GK_OK) st = add_figures(f, doc);
        if (st == GK_OK) st = add_completeness(f->figures, doc);
        if (st == GK_OK) st = add_categories(f, doc);
        if (st == GK_OK) st = set_details(doc, f);
        /* compared with the year before by the link pass, after storing */
        if (st == GK_OK) st = gk_continuity_initial(doc);
    }
    if (st == GK_OK) st = set_figure_totals(doc, f);
    if (st == GK_OK) st = set_sections_data(doc, r);
    int comparable = 0;
    unsigned char sketch[GK_SKETCH_SIZE];
    if (st == GK_OK)
        st = gk_bands_add(doc, sections, r, GK_COPIED_SECTION, sketch, &comparable);
    /* copied from another report: found by the link pass, after storing */
    if (st == GK_OK)
        st = gk_copied_initial(doc, r->kind == GK_KIND_REPORT, f->report_id,
                               comparable ? sketch : NULL);
    if (st != GK_OK && errmsg != NULL && *errmsg == NULL)
        gk_fail(errmsg, st, "cannot build the index document: %s", gk_status_str(st));
    return st;
}
