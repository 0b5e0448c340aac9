/* truth.c - the truth of one report as a JSON line (docs/GENERATOR.md). */
#include "truth.h"

#include <string.h>

#include <jansson.h>

const char *const gen_figure_ids[GEN_NFIGURES] = {
    "proactive_items", "normative_docs_issued", "normative_docs_repealed",
    "normative_docs_in_force", "rules_issued", "rules_in_force",
    "licensing_decisions", "penalty_decisions", "enforcement_decisions",
    "fees_amount_yuan", "procurement_count", "procurement_amount_yuan",
    "requests_new", "requests_carried_over", "requests_granted",
    "requests_partial", "requests_handled_total", "requests_carried_forward",
    "reviews_total", "reviews_corrected", "lawsuits_total", "lawsuits_corrected"};

const char *const gen_section_ids[GEN_NSECTIONS] = {
    "preamble", "overview", "proactive", "requests", "fees",
    "review_litigation", "problems", "other"};

void gen_truth_set(gen_truth *t, int figure, double value)
{
    t->known[figure] = 1;
    t->value[figure] = value;
}

const char *gen_truth_consistency(const gen_truth *t)
{
    if (t->checks.mismatch)
        return "mismatch";
    if (t->checks.balance == 1 && t->checks.review_checked)
        return "ok";
    return "incomplete";
}

void gen_truth_form(gen_truth *t, const char *form)
{
    size_t len = strlen(t->forms), n = strlen(form);
    for (const char *p = strstr(t->forms, form); p; p = strstr(p + 1, form))
        if ((p == t->forms || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return;
    if (len + strlen(form) + 2 < sizeof t->forms)
        snprintf(t->forms + len, sizeof t->forms - len, "%s%s", len ? " " : "", form);
}

/* A whole number as an integer, anything else as a real. */
static json_t *number(double v)
{
    if (v == (double)(json_int_t)v)
        return json_integer((json_int_t)v);
    return json_real(v);
}

int gen_truth_write(FILE *fp, const gen_truth *t, const gen_cues *cues)
{
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(t->file));
    json_object_set_new(o, "format", json_string(t->format));
    json_object_set_new(o, "encoding", json_string(t->encoding));
    json_object_set_new(o, "title", json_string(t->title));
    json_t *place = json_object();
    json_object_set_new(place, "status", json_string(t->place_status));
    if (strcmp(t->place_status, "resolved") == 0) {
        json_object_set_new(place, "code", json_string(t->code));
        json_object_set_new(place, "township", json_string(t->township));
        json_object_set_new(place, "county", json_string(t->county));
        json_object_set_new(place, "city", json_string(t->city));
        json_object_set_new(place, "province", json_string(t->province));
    } else {
        json_object_set_new(place, "township", json_string(t->township));
        json_object_set_new(place, "candidates", json_integer((json_int_t)t->candidates));
    }
    json_object_set_new(place, "evidence", json_string(t->evidence));
    json_object_set_new(o, "place", place);
    json_object_set_new(o, "year", json_integer(t->year));
    json_object_set_new(o, "template",
                        t->template_version ? json_string(t->template_version) : json_null());
    json_t *sections = json_array();
    for (int k = 0; k < GEN_NSECTIONS; k++)
        if (t->sections & (1u << k))
            json_array_append_new(sections, json_string(gen_section_ids[k]));
    json_object_set_new(o, "sections", sections);
    json_t *figures = json_object();
    for (int k = 0; k < GEN_NFIGURES; k++)
        if (t->known[k])
            json_object_set_new(figures, gen_figure_ids[k], number(t->value[k]));
    json_object_set_new(o, "figures", figures);
    json_object_set_new(o, "consistency", json_string(gen_truth_consistency(t)));
    json_t *cats = json_array();
    for (size_t k = 0; k < cues->ncats; k++)
        if (t->categories & (1u << k))
            json_array_append_new(cats, json_string(cues->cats[k].id));
    json_object_set_new(o, "categories", cats);
    json_object_set_new(o, "forms", json_string(t->forms));
    if (t->copy_of[0]) {
        json_object_set_new(o, "copy_of", json_string(t->copy_of));
        json_object_set_new(o, "copy", json_string(t->copy));
        json_object_set_new(o, "copy_place", json_string(t->copy_same_place ? "same" : "other"));
    }
    json_object_set_new(o, "body", json_string(t->body));
    int rc = json_dumpf(o, fp, JSON_COMPACT | JSON_REAL_PRECISION(17)) == 0 &&
                     fputc('\n', fp) != EOF ? 0 : -1;
    json_decref(o);
    return rc;
}
