/* record.c - the whole record of one indexed report as JSON. */
#include "gk_record.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk_json.h"
#include "gk_utf8.h"
#include "gk_util.h"

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

/* The record without raw_figures, or with them (the last member). */
static json_t *build(const gk_report_facts *facts, int with_raw)
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
    if (!with_raw)
        return o;
    json_t *raw = json_array();
    for (size_t i = 0; i < f->nraw; i++) {
        const gk_raw_figure *x = &f->raw[i];
        json_t *k = json_object();
        json_object_set_new(k, "table", text(x->table));
        json_object_set_new(k, "row", text(x->row));
        json_object_set_new(k, "column", text(x->column));
        json_object_set_new(k, "value", x->known && isfinite(x->value) ? gk_json_number(x->value)
                                                                       : json_null());
        json_object_set_new(k, "text", text(x->text));
        json_array_append_new(raw, k);
    }
    json_object_set_new(o, "raw_figures", raw);
    return o;
}

json_t *gk_record_build(const gk_report_facts *facts)
{
    return build(facts, 1);
}

json_t *gk_record_candidates(const gk_report_facts *facts)
{
    json_t *p = place(facts->place);
    json_t *cands = json_incref(json_object_get(p, "candidates"));
    json_decref(p);
    return cands;
}

/* s (NULL: null) as json_dumps writes a string: \\ \" \b \f \n \r \t
 * and \uXXXX for the other control characters escaped, the rest as it is;
 * invalid UTF-8 first made valid as text() makes it. */
static gk_status put_string(gk_buf *b, const char *s)
{
    if (s == NULL)
        return gk_buf_adds(b, "null");
    size_t len = strlen(s);
    char *clean = NULL;
    if (!gk_utf8_valid(s, len)) {
        if ((clean = gk_utf8_sanitize(s, len)) == NULL)
            return GK_ENOMEM;
        s = clean;
        len = strlen(s);
    }
    gk_status st = gk_buf_addc(b, '"');
    size_t from = 0;
    for (size_t i = 0; i < len && st == GK_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        st = gk_buf_add(b, s + from, i - from);
        from = i + 1;
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
                        : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                        : c == '\t' ? "\\t" : NULL;
        if (st == GK_OK)
            st = esc != NULL ? gk_buf_adds(b, esc) : gk_buf_printf(b, "\\u%04X", c);
    }
    if (st == GK_OK)
        st = gk_buf_add(b, s + from, len - from);
    if (st == GK_OK)
        st = gk_buf_addc(b, '"');
    free(clean);
    return st;
}

/* A known value as gk_json_number's value dumps; null when unknown (or
 * not a number JSON can hold). */
static gk_status put_value(gk_buf *b, int known, double v)
{
    if (!known || !isfinite(v))
        return gk_buf_adds(b, "null");
    if (v == floor(v) && fabs(v) < 9e15)
        return gk_buf_printf(b, "%" PRId64, (int64_t)v);
    json_t *j = json_real(v); /* rare: jansson's own form of a fraction */
    char *text = j != NULL ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    gk_status st = text != NULL ? gk_buf_adds(b, text) : GK_ENOMEM;
    free(text);
    return st;
}

char *gk_record_text(const gk_report_facts *facts, size_t *len)
{
    /* the raw table cells are most of a record (thousands of small
     * objects): written straight after the rest, not built as a tree */
    json_t *o = build(facts, 0);
    char *head = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    size_t n = head != NULL ? strlen(head) : 0;
    if (n < 2 || head[n - 1] != '}') {
        free(head);
        return NULL;
    }
    gk_buf b = {0};
    gk_status st = gk_buf_add(&b, head, n - 1);
    free(head);
    const gk_figures *f = facts->figures;
    if (st == GK_OK)
        st = gk_buf_adds(&b, n > 2 ? ",\"raw_figures\":[" : "\"raw_figures\":[");
    for (size_t i = 0; i < f->nraw && st == GK_OK; i++) {
        const gk_raw_figure *x = &f->raw[i];
        if ((st = gk_buf_adds(&b, i ? ",{\"table\":" : "{\"table\":")) == GK_OK &&
            (st = put_string(&b, x->table)) == GK_OK &&
            (st = gk_buf_adds(&b, ",\"row\":")) == GK_OK && (st = put_string(&b, x->row)) == GK_OK &&
            (st = gk_buf_adds(&b, ",\"column\":")) == GK_OK &&
            (st = put_string(&b, x->column)) == GK_OK &&
            (st = gk_buf_adds(&b, ",\"value\":")) == GK_OK &&
            (st = put_value(&b, x->known, x->value)) == GK_OK &&
            (st = gk_buf_adds(&b, ",\"text\":")) == GK_OK && (st = put_string(&b, x->text)) == GK_OK)
            st = gk_buf_addc(&b, '}');
    }
    if (st == GK_OK)
        st = gk_buf_adds(&b, "]}");
    if (st != GK_OK) {
        gk_buf_free(&b);
        return NULL;
    }
    return gk_buf_take(&b, len);
}
