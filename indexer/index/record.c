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

/* A number as the record holds it: null when JSON cannot hold it. */
static json_t *number(double v)
{
    return isfinite(v) ? gk_json_number(v) : json_null();
}

static json_t *figure(const gk_figure *g)
{
    if (!g->known)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "value", number(g->value));
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

/* The record as a tree: what gk_record_text writes straight. */
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
            json_object_set_new(k, "left", number(c->left));
            json_object_set_new(k, "right", number(c->right));
            json_object_set_new(k, "difference", number(c->left - c->right));
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
        json_object_set_new(k, "value", x->known ? number(x->value) : json_null());
        json_object_set_new(k, "text", text(x->text));
        json_array_append_new(raw, k);
    }
    json_object_set_new(o, "raw_figures", raw);
    return o;
}

json_t *gk_record_candidates(const gk_report_facts *facts)
{
    json_t *p = place(facts->place);
    json_t *cands = json_incref(json_object_get(p, "candidates"));
    json_decref(p);
    return cands;
}

/* ---- the record as text --------------------------------------------------
 *
 * A record is built for every report indexed: written straight into one
 * buffer, member by member in gk_record_build's order, instead of as a
 * tree of thousands of jansson values dumped and freed (which cost the
 * analysing thread a tenth of its time).  test_record holds the two to the
 * same bytes. */

/* The writer: a failed step makes every later one a no-op. */
typedef struct jw {
    gk_buf b;
    gk_status st;
} jw;

/* Literal JSON text: punctuation and quoted keys. */
static void lit(jw *w, const char *s)
{
    if (w->st == GK_OK)
        w->st = gk_buf_adds(&w->b, s);
}

/* s (NULL: null) as json_dumps writes a string: \\ \" \b \f \n \r \t
 * and \uXXXX for the other control characters escaped, the rest as it is;
 * invalid UTF-8 first made valid as text() makes it. */
static void str(jw *w, const char *s)
{
    if (w->st != GK_OK)
        return;
    gk_buf *b = &w->b;
    if (s == NULL) {
        w->st = gk_buf_adds(b, "null");
        return;
    }
    size_t len = strlen(s);
    char *clean = NULL;
    if (!gk_utf8_valid(s, len)) {
        if ((clean = gk_utf8_sanitize(s, len)) == NULL) {
            w->st = GK_ENOMEM;
            return;
        }
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
    w->st = st;
}

static void integer(jw *w, long long v)
{
    if (w->st == GK_OK)
        w->st = gk_buf_printf(&w->b, "%lld", v);
}

/* A known value as number() dumps it; null when unknown (or not a number
 * JSON can hold). */
static void num(jw *w, int known, double v)
{
    if (!known || !isfinite(v)) {
        lit(w, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 9e15) {
        integer(w, (long long)v);
        return;
    }
    json_t *j = json_real(v); /* rare: jansson's own form of a fraction */
    char *text = j != NULL ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    if (text == NULL && w->st == GK_OK)
        w->st = GK_ENOMEM;
    lit(w, text != NULL ? text : "");
    free(text);
}

static void boolean(jw *w, int v)
{
    lit(w, v ? "true" : "false");
}

/* ,"province":..,"township":.. (after a member) */
static void put_place_names(jw *w, const gk_place *p)
{
    lit(w, ",\"province\":");
    str(w, p->province);
    lit(w, ",\"city\":");
    str(w, p->city);
    lit(w, ",\"county\":");
    str(w, p->county);
    lit(w, ",\"township\":");
    str(w, p->township);
}

static void put_place(jw *w, const gk_resolved_place *rp)
{
    lit(w, "{\"status\":");
    str(w, gk_place_status_name(rp->status));
    lit(w, ",\"code\":");
    str(w, rp->status == GK_PLACE_RESOLVED ? rp->place.code : NULL);
    lit(w, ",\"evidence\":");
    str(w, rp->evidence);
    lit(w, ",\"candidates\":[");
    for (size_t i = 0; i < rp->ncandidates; i++) {
        lit(w, i ? ",{\"code\":" : "{\"code\":");
        str(w, rp->candidates[i].code);
        put_place_names(w, &rp->candidates[i].names);
        lit(w, "}");
    }
    lit(w, "]}");
}

static void put_figure(jw *w, const gk_figure *g)
{
    if (!g->known) {
        lit(w, "null");
        return;
    }
    lit(w, "{\"value\":");
    num(w, 1, g->value);
    lit(w, ",\"approx\":");
    boolean(w, g->approx);
    lit(w, ",\"unit_assumed\":");
    boolean(w, g->unit_assumed);
    lit(w, ",\"source\":");
    str(w, gk_figure_source_name(g->source));
    lit(w, ",\"section\":");
    str(w, g->section);
    if (g->source != GK_SOURCE_PROSE) {
        lit(w, ",\"row\":");
        str(w, g->row);
        lit(w, ",\"column\":");
        str(w, g->column);
    }
    lit(w, ",\"text\":");
    str(w, g->text);
    lit(w, "}");
}

static void put_date(jw *w, int d)
{
    char iso[11];
    gk_date_iso(d, iso);
    str(w, iso[0] ? iso : NULL);
}

/* From "sections" to the end of "checks". */
static void put_parts(jw *w, const gk_report_facts *facts)
{
    const gk_report *r = facts->report;
    const gk_figures *f = facts->figures;
    lit(w, ",\"sections\":[");
    for (size_t i = 0; i < r->nsections; i++) {
        size_t len;
        const char *shown = gk_section_display(r, i, &len);
        lit(w, i ? ",{\"id\":" : "{\"id\":");
        str(w, r->sections[i].id);
        lit(w, ",\"title\":");
        str(w, gk_section_display_title(&r->sections[i]));
        lit(w, ",\"chars\":");
        integer(w, (long long)gk_utf8_count(shown, len));
        lit(w, "}");
    }
    lit(w, "],\"categories\":[");
    for (size_t i = 0; i < facts->categories->n; i++) {
        size_t k = facts->categories->hits[i].category;
        lit(w, i ? ",{\"id\":" : "{\"id\":");
        str(w, gk_taxonomy_id(facts->taxonomy, k));
        lit(w, ",\"label\":");
        str(w, gk_taxonomy_label(facts->taxonomy, k));
        lit(w, ",\"evidence\":");
        str(w, facts->categories->hits[i].evidence);
        lit(w, "}");
    }
    lit(w, "],\"figures\":{");
    for (size_t i = 0; i < f->nfigures; i++) {
        if (i)
            lit(w, ",");
        str(w, gk_figure_id(facts->figure_rules, i));
        lit(w, ":");
        put_figure(w, &f->figures[i]);
    }
    lit(w, "},\"checks\":[");
    for (size_t i = 0; i < f->nchecks; i++) {
        const gk_check *c = &f->checks[i];
        lit(w, i ? ",{\"identity\":" : "{\"identity\":");
        str(w, c->identity);
        lit(w, ",\"description\":");
        str(w, c->description);
        lit(w, ",\"status\":");
        str(w, gk_consistency_name(c->status));
        if (c->status != GK_CONSISTENCY_INCOMPLETE) {
            lit(w, ",\"left\":");
            num(w, 1, c->left);
            lit(w, ",\"right\":");
            num(w, 1, c->right);
            lit(w, ",\"difference\":");
            num(w, 1, c->left - c->right);
        }
        lit(w, "}");
    }
    lit(w, "]");
}

static void put_raw(jw *w, const gk_figures *f)
{
    lit(w, ",\"raw_figures\":[");
    for (size_t i = 0; i < f->nraw; i++) {
        const gk_raw_figure *x = &f->raw[i];
        lit(w, i ? ",{\"table\":" : "{\"table\":");
        str(w, x->table);
        lit(w, ",\"row\":");
        str(w, x->row);
        lit(w, ",\"column\":");
        str(w, x->column);
        lit(w, ",\"value\":");
        num(w, x->known, x->value);
        lit(w, ",\"text\":");
        str(w, x->text);
        lit(w, "}");
    }
    lit(w, "]");
}

char *gk_record_text(const gk_report_facts *facts, size_t *len)
{
    const gk_report *r = facts->report;
    const gk_figures *f = facts->figures;
    jw w = {{0}, GK_OK};
    lit(&w, "{\"report_id\":");
    str(&w, facts->report_id);
    lit(&w, ",\"path\":");
    str(&w, facts->path);
    lit(&w, ",\"title\":");
    str(&w, gk_report_display_title(r));
    lit(&w, ",\"kind\":");
    str(&w, gk_report_kind_name(r->kind));
    lit(&w, ",\"body\":");
    str(&w, gk_report_display_body(r));
    put_place_names(&w, gk_facts_place(facts));
    lit(&w, ",\"place\":");
    put_place(&w, facts->place);
    lit(&w, ",\"year\":");
    if (r->year)
        integer(&w, (long long)r->year);
    else
        lit(&w, "null");
    lit(&w, ",\"template\":");
    str(&w, f->template_version);
    lit(&w, ",\"consistency\":");
    str(&w, gk_consistency_name(f->consistency));
    lit(&w, ",\"completeness\":");
    str(&w, f->completeness);
    lit(&w, ",\"missing\":[");
    for (size_t i = 0; i < f->nmissing; i++) {
        if (i)
            lit(&w, ",");
        str(&w, f->missing[i]);
    }
    lit(&w, "],\"body_class\":");
    str(&w, f->body_class);
    lit(&w, ",\"signed\":");
    put_date(&w, f->signed_date);
    lit(&w, ",\"due\":");
    put_date(&w, f->due_date);
    lit(&w, ",\"deadline\":");
    str(&w, f->deadline);
    put_parts(&w, facts);
    put_raw(&w, f);
    lit(&w, "}");
    if (w.st != GK_OK) {
        gk_buf_free(&w.b);
        return NULL;
    }
    return gk_buf_take(&w.b, len);
}
