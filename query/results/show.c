/* show.c - one report's whole record, for gongkai-query --show. */
#include "gk_show.h"

#include <string.h>

#include "gk_escape.h"
#include "gk_facetout.h"
#include "gk_json.h"
#include "gk_output.h"
#include "gk_stored.h"

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL ? s : "";
}

static void heading(FILE *to, int color, const char *name)
{
    fprintf(to, "\n%s%s%s\n", color ? "\033[1m" : "", name, color ? "\033[0m" : "");
}

static void number(FILE *to, json_t *v)
{
    if (json_is_integer(v))
        fprintf(to, "%lld", (long long)json_integer_value(v));
    else if (json_is_number(v))
        fprintf(to, "%.15g", json_number_value(v));
    else
        fputs("unknown", to);
}

static void place_line(FILE *to, json_t *o)
{
    const char *parts[] = {str(o, "province"), str(o, "city"), str(o, "county"),
                           str(o, "township")};
    int first = 1;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i][0] == '\0' || (i > 0 && strcmp(parts[i], parts[i - 1]) == 0))
            continue;
        fprintf(to, "%s%s", first ? "" : " ", parts[i]);
        first = 0;
    }
    if (first)
        fputs("(none named)", to);
}

/* The sections of a search document's data as JSON: [{id, title, text}]
 * in reading order. */
static json_t *sections_json(const char *data, size_t len)
{
    json_t *a = json_array();
    gk_data_section s;
    for (size_t k = 0; a != NULL && gk_data_section_get(data, len, k, &s); k++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", gk_json_text(s.id));
        gk_buf b = {0};
        gk_buf_add(&b, s.title, s.title_len);
        json_object_set_new(o, "title", gk_json_text(b.data ? b.data : ""));
        b.len = 0;
        gk_buf_add(&b, s.text, s.text_len);
        json_object_set_new(o, "text", gk_json_text(b.data ? b.data : ""));
        if (s.line > 0)
            json_object_set_new(o, "line", json_integer((json_int_t)s.line));
        gk_buf_free(&b);
        json_array_append_new(a, o);
    }
    return a;
}

/* The report by section, as written: each section's heading line, then
 * its text. */
static void print_sections(FILE *to, int color, const char *path, const char *data,
                           size_t len)
{
    gk_data_section s;
    heading(to, color, "text");
    for (size_t k = 0; gk_data_section_get(data, len, k, &s); k++) {
        fprintf(to, "\n%s── %s", color ? "\033[2m" : "", s.id);
        if (s.line > 0)
            fprintf(to, "  %s:%lu", path, s.line);
        fprintf(to, "%s\n", color ? "\033[0m" : "");
        gk_output_text(to, s.text, s.text_len);
    }
}

/* What the law requires (docs/COMPLETENESS.md): "completeness: incomplete
 * (missing: problems, assessment) · signed: 2022-01-20 · deadline: on_time
 * (due 2022-03-31, government)". */
static void law_line(FILE *to, json_t *rec)
{
    const char *c = str(rec, "completeness");
    fprintf(to, "  completeness: %s", c[0] ? c : "unknown");
    json_t *missing = json_object_get(rec, "missing");
    size_t i;
    json_t *m;
    json_array_foreach(missing, i, m)
        fprintf(to, "%s%s", i == 0 ? " (missing: " : ", ", json_string_value(m));
    if (json_array_size(missing) > 0)
        fputc(')', to);
    const char *s = str(rec, "signed"), *due = str(rec, "due"), *cls = str(rec, "body_class");
    fprintf(to, " · signed: %s · deadline: %s", s[0] ? s : "none given", str(rec, "deadline"));
    if (due[0])
        fprintf(to, " (due %s, %s)", due, cls);
    else if (cls[0])
        fprintf(to, " (%s)", cls);
    fputc('\n', to);
}

void gk_show_record(FILE *to, int json, int color, json_t *rec, const char *data,
                    size_t data_len)
{
    if (json) {
        json_t *copy = json_deep_copy(rec);
        json_object_set_new(copy, "type", json_string("report"));
        if (data != NULL)
            json_object_set_new(copy, "section_texts", sections_json(data, data_len));
        gk_json_print(to, copy);
        return;
    }
    /* names, titles and sentences come from files: escape their control
     * characters once, here, rather than at every fprintf below */
    json_t *safe = json_deep_copy(rec);
    if (safe == NULL)
        return;
    gk_escape_json_strings(safe);
    rec = safe;
    fprintf(to, "%s%s%s\n", color ? "\033[1m" : "", str(rec, "title")[0] ? str(rec, "title") : "(untitled)",
            color ? "\033[0m" : "");
    fprintf(to, "  report %s · %s · %s\n", str(rec, "report_id"), str(rec, "kind"), str(rec, "path"));
    json_t *place = json_object_get(rec, "place");
    fprintf(to, "  place: ");
    place_line(to, rec);
    fprintf(to, " · %s", str(place, "status"));
    if (str(place, "code")[0])
        fprintf(to, " %s", str(place, "code"));
    if (str(place, "evidence")[0])
        fprintf(to, " (%s)", str(place, "evidence"));
    fputc('\n', to);
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(place, "candidates"), i, c)
    {
        fprintf(to, "     candidate %s: ", str(c, "code"));
        place_line(to, c);
        fputc('\n', to);
    }
    fputs("  year: ", to);
    number(to, json_object_get(rec, "year"));
    fprintf(to, " · template: %s · consistency: %s\n",
            str(rec, "template")[0] ? str(rec, "template") : "unknown", str(rec, "consistency"));
    if (json_object_get(rec, "deadline") != NULL && !json_is_null(json_object_get(rec, "deadline")))
        law_line(to, rec);
    json_t *cont = json_object_get(rec, "continuity");
    if (cont != NULL) {
        fprintf(to, "  continuity: %s · 上年结转 ", str(cont, "status"));
        number(to, json_object_get(cont, "requests_carried_over"));
        fputs(" · the year before, 结转下年度 ", to);
        number(to, json_object_get(cont, "previous_requests_carried_forward"));
        size_t k;
        json_t *id;
        json_array_foreach(json_object_get(cont, "previous_reports"), k, id)
            fprintf(to, "%s%s", k ? ", " : " (report ", json_string_value(id));
        fputs(json_array_size(json_object_get(cont, "previous_reports")) ? ")\n"
                                                                          : " (no report)\n",
              to);
    }

    json_t *copied = json_object_get(rec, "copied");
    if (copied != NULL) {
        fprintf(to, "  copied: %s", str(copied, "status"));
        size_t k;
        json_t *id;
        json_array_foreach(json_object_get(copied, "from"), k, id)
            fprintf(to, "%s%s", k ? ", " : " (from report ", json_string_value(id));
        fputs(json_array_size(json_object_get(copied, "from")) ? ")\n" : "\n", to);
    }

    heading(to, color, "sections");
    size_t width = 0;
    json_array_foreach(json_object_get(rec, "sections"), i, c)
    {
        size_t w = gk_display_width(str(c, "title"));
        if (w > width)
            width = w;
    }
    json_array_foreach(json_object_get(rec, "sections"), i, c)
    {
        fprintf(to, "  %-18s %s", str(c, "id"), str(c, "title"));
        for (size_t w = gk_display_width(str(c, "title")); w < width + 2; w++)
            fputc(' ', to);
        fprintf(to, "%6lld chars\n", (long long)json_integer_value(json_object_get(c, "chars")));
    }

    json_t *figs = json_object_get(rec, "figures");
    if (json_object_size(figs) > 0) {
        heading(to, color, "figures");
        const char *id;
        json_t *f;
        json_object_foreach(figs, id, f)
        {
            fprintf(to, "  %-25s ", id);
            if (json_is_null(f)) {
                fputs("unknown\n", to);
                continue;
            }
            number(to, json_object_get(f, "value"));
            if (json_is_true(json_object_get(f, "approx")))
                fputs(" (approx)", to);
            if (json_is_true(json_object_get(f, "unit_assumed")))
                fputs(" (no unit given: 元 assumed)", to);
            fprintf(to, "  %s", str(f, "source"));
            if (str(f, "row")[0])
                fprintf(to, " %s / %s:", str(f, "row"), str(f, "column"));
            else if (str(f, "column")[0])
                fprintf(to, " %s:", str(f, "column"));
            else
                fputc(':', to);
            fprintf(to, " %s\n", str(f, "text"));
        }
    }
    json_t *checks = json_object_get(rec, "checks");
    if (json_array_size(checks) > 0) {
        heading(to, color, "arithmetic");
        json_array_foreach(checks, i, c)
        {
            fprintf(to, "  %-10s %s", str(c, "status"), str(c, "description"));
            if (json_object_get(c, "left") != NULL) {
                fputs(" (", to);
                number(to, json_object_get(c, "left"));
                fputs(" vs ", to);
                number(to, json_object_get(c, "right"));
                fputc(')', to);
            }
            fputc('\n', to);
        }
    }
    json_t *cats = json_object_get(rec, "categories");
    if (json_array_size(cats) > 0) {
        heading(to, color, "problem categories");
        json_array_foreach(cats, i, c)
            fprintf(to, "  %s %s: %s\n", str(c, "id"), str(c, "label"), str(c, "evidence"));
    }
    if (data != NULL)
        print_sections(to, color, str(rec, "path"), data, data_len);
    json_decref(safe);
}
