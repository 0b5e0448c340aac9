/* output.c - printing hits as text for people or JSON Lines for programs. */
#include "gk_output.h"

#include <stdlib.h>
#include <string.h>

#include "gk_escape.h"
#include "gk_json.h"
#include "gk_utf8.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_DIM "\033[2m"
#define ANSI_MATCH "\033[1;31m"
#define ANSI_RESET "\033[0m"

/* bytes[0..len) as a JSON string (invalid UTF-8 replaced by U+FFFD, as
 * gk_json_text does); NULL when out of memory. */
static json_t *json_text_n(const char *bytes, size_t len)
{
    char *s = malloc(len + 1);
    if (s == NULL)
        return NULL;
    memcpy(s, bytes, len);
    s[len] = '\0';
    json_t *j = gk_json_text(s);
    free(s);
    return j;
}

/* The JSON object of a matched section: {id, label, title} and, with
 * --text, its text. */
static json_t *section_json(const gk_hit_section *s)
{
    json_t *o = json_pack("{s:o,s:o,s:o}", "id", gk_json_text(s->id), "label",
                          gk_json_text(s->label), "title", gk_json_text(s->title));
    if (o != NULL && s->text != NULL)
        json_object_set_new(o, "text", json_text_n(s->text, s->text_len));
    if (o != NULL && s->line > 0)
        json_object_set_new(o, "line", json_integer((json_int_t)s->line));
    return o;
}

json_t *gk_hit_json(const gk_hit *h)
{
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "type", json_string("hit"));
    json_object_set_new(o, "rank", json_integer((json_int_t)h->rank));
    json_object_set_new(o, "report_id", gk_json_text(h->report_id));
    json_object_set_new(o, "path", gk_json_text(h->path));
    json_object_set_new(o, "title", gk_json_text(h->title));
    json_object_set_new(o, "kind", gk_json_text(h->kind));
    json_object_set_new(o, "body", gk_json_text(h->body));
    json_object_set_new(o, "province", gk_json_text(h->province));
    json_object_set_new(o, "city", gk_json_text(h->city));
    json_object_set_new(o, "county", gk_json_text(h->county));
    json_object_set_new(o, "township", gk_json_text(h->township));
    json_object_set_new(o, "year", h->year ? json_integer(h->year) : json_null());
    if (h->place_status != NULL) {
        json_object_set_new(o, "place_status", json_string(h->place_status));
        json_object_set_new(o, "place_code", h->place_code && h->place_code[0]
                                                 ? gk_json_text(h->place_code)
                                                 : json_null());
        if (h->place_candidates != NULL)
            json_object_set(o, "place_candidates", h->place_candidates);
        json_t *cats = json_array();
        const char *c = h->categories ? h->categories : "";
        while (*c) {
            size_t n = strcspn(c, ",");
            char id[64];
            snprintf(id, sizeof id, "%.*s", (int)(n < 63 ? n : 63), c);
            json_array_append_new(cats, gk_json_text(id));
            c += n + (c[n] == ',');
        }
        json_object_set_new(o, "categories", cats);
    }
    json_object_set_new(o, "section", gk_json_text(h->section));
    json_object_set_new(o, "section_label", gk_json_text(h->section_label));
    json_object_set_new(o, "section_title", gk_json_text(h->section_title));
    json_object_set_new(o, "score", json_real(h->score));
    json_t *secs = json_array();
    for (size_t i = 0; i < h->nsections; i++)
        json_array_append_new(secs, section_json(&h->sections[i]));
    json_object_set_new(o, "sections", secs);
    json_object_set_new(o, "sections_matched",
                        json_integer((json_int_t)h->sections_matched));
    const gk_snippet *s = h->snippet;
    json_object_set_new(o, "snippet", gk_json_text(s != NULL && s->text ? s->text : ""));
    json_t *hl = json_array();
    for (size_t i = 0; s != NULL && i < s->nhighlights; i++)
        json_array_append_new(hl, json_pack("[II]", (json_int_t)s->highlights[i].start,
                                            (json_int_t)s->highlights[i].end));
    json_object_set_new(o, "highlights", hl);
    json_object_set_new(o, "cut_before", json_boolean(s != NULL && s->cut_before));
    json_object_set_new(o, "cut_after", json_boolean(s != NULL && s->cut_after));
    if (h->nfigures > 0) {
        json_object_set_new(o, "template", h->template_version
                                               ? json_string(h->template_version)
                                               : json_null());
        json_object_set_new(o, "consistency",
                            h->consistency ? json_string(h->consistency) : json_null());
        json_object_set_new(o, "completeness",
                            h->completeness ? json_string(h->completeness) : json_null());
        json_t *missing = json_array();
        for (const char *p = h->missing ? h->missing : ""; *p;) {
            size_t n = strcspn(p, ",");
            if (n > 0)
                json_array_append_new(missing, json_stringn(p, n));
            p += n + (p[n] == ',');
        }
        json_object_set_new(o, "missing", missing);
        json_object_set_new(o, "signed",
                            h->signed_date ? gk_json_text(h->signed_date) : json_null());
        json_object_set_new(o, "deadline",
                            h->deadline ? json_string(h->deadline) : json_null());
        json_t *figs = json_object();
        for (size_t i = 0; i < h->nfigures; i++)
            json_object_set_new(figs, h->figures[i].id,
                                h->figures[i].known ? gk_json_number(h->figures[i].value)
                                                    : json_null());
        json_object_set_new(o, "figures", figs);
        json_object_set_new(o, "copied", h->copied ? json_string(h->copied) : json_null());
        json_object_set_new(o, "copied_from", gk_json_list(h->copied_from));
    }
    return o;
}

/* The snippet with its highlights; characters are copied whole. */
static void print_snippet(const gk_output *o, const gk_snippet *s)
{
    if (s == NULL || s->text == NULL || s->len == 0)
        return;
    fputs("   ", o->to);
    if (s->cut_before)
        fputs("…", o->to);
    size_t i = 0, ch = 0, k = 0;
    int open = 0;
    while (i < s->len) {
        if (o->color && !open && k < s->nhighlights && ch == s->highlights[k].start) {
            fputs(ANSI_MATCH, o->to);
            open = 1;
        }
        size_t start = i;
        gk_utf8_next(s->text, s->len, &i);
        gk_escape_fwrite(o->to, s->text + start, i - start);
        ch++;
        if (open && ch == s->highlights[k].end) {
            fputs(ANSI_RESET, o->to);
            open = 0;
            k++;
        }
    }
    if (open)
        fputs(ANSI_RESET, o->to);
    if (s->cut_after)
        fputs("…", o->to);
    fputc('\n', o->to);
}

void gk_output_text(FILE *to, const char *text, size_t len)
{
    /* line breaks and tabs (the cells of its tables) are the text's own;
     * every other control character is escaped */
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
        len--; /* the blank lines between it and the next section */
    while (len > 0 && text[0] == '\n') {
        text++; /* and those before it */
        len--;
    }
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '\n' && text[end] != '\t')
            end++;
        gk_escape_fwrite(to, text + i, end - i);
        fputc(end < len ? text[end] : '\n', to);
        i = end + 1;
    }
    if (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\t'))
        fputc('\n', to);
}

/* A matched section whole: a line naming it (id and Chinese name, and
 * path:line where the line is known), then its text as written, which
 * starts with its heading. */
static void print_section(const gk_output *o, const char *path, const gk_hit_section *s)
{
    fprintf(o->to, "%s── %s ", o->color ? ANSI_DIM : "", s->id);
    gk_escape_fputs(o->to, s->label);
    if (s->line > 0) {
        fputs("  ", o->to);
        gk_escape_fputs(o->to, path);
        fprintf(o->to, ":%lu", s->line);
    }
    fprintf(o->to, "%s\n", o->color ? ANSI_RESET : "");
    gk_output_text(o->to, s->text, s->text_len);
}

void gk_output_hit(const gk_output *o, const gk_hit *h)
{
    if (o->json) {
        gk_json_print(o->to, gk_hit_json(h));
        return;
    }
    fprintf(o->to, "%zu. %s", h->rank, o->color ? ANSI_BOLD : "");
    gk_escape_fputs(o->to, h->title[0] ? h->title : "(untitled)");
    fprintf(o->to, "%s\n   ", o->color ? ANSI_RESET : "");
    if (strcmp(h->kind, "report") == 0) {
        if (h->county[0] || h->township[0]) {
            gk_escape_fputs(o->to, h->county);
            gk_escape_fputs(o->to, h->township);
        } else if (h->body[0])
            gk_escape_fputs(o->to, h->body);
        else
            fputs("place unknown", o->to);
        if (h->place_status != NULL && strcmp(h->place_status, "ambiguous") == 0)
            fputs(" (place ambiguous)", o->to);
        if (h->year)
            fprintf(o->to, " · %d", h->year);
        else
            fputs(" · year unknown", o->to);
        fputs(" · ", o->to);
        gk_escape_fputs(o->to, h->section_title[0] ? h->section_title : h->section_label);
        fprintf(o->to, " [%s]", h->section);
    } else {
        fputs("document (not a report)", o->to);
    }
    for (size_t i = 1; i < h->nsections; i++)
        fprintf(o->to, "%s%s", i == 1 ? " · also in " : ", ", h->sections[i].id);
    fprintf(o->to, "\n   %s%s  ", o->color ? ANSI_DIM : "", h->report_id);
    gk_escape_fputs(o->to, h->path);
    fprintf(o->to, "%s\n", o->color ? ANSI_RESET : "");
    for (size_t i = 0; i < h->nshown; i++) {
        const gk_hit_figure *f = &h->shown[i];
        fprintf(o->to, "%s%s: ", i ? " · " : "   ", f->label);
        if (f->known)
            fprintf(o->to, "%.15g", f->value);
        else
            fputs("unknown", o->to);
    }
    if (h->nshown > 0)
        fputc('\n', o->to);
    int whole = h->nsections > 0 && h->sections[0].text != NULL;
    if (!whole)
        print_snippet(o, h->snippet);
    for (size_t i = 0; whole && i < h->nsections; i++)
        print_section(o, h->path, &h->sections[i]);
    fputc('\n', o->to);
}

void gk_output_summary(const gk_output *o, unsigned long total, int exact,
                       size_t returned, unsigned offset, int by_report)
{
    gk_output_query_summary(o, total, exact, returned, offset, by_report, NULL, 0.0);
}

void gk_output_query_summary(const gk_output *o, unsigned long total,
                             int exact, size_t returned, unsigned offset, int by_report,
                             const char *query, double elapsed_ms)
{
    if (o->json) {
        json_t *s = json_object();
        json_object_set_new(s, "type", json_string("summary"));
        json_object_set_new(s, "total", json_integer((json_int_t)total));
        json_object_set_new(s, "total_exact", json_boolean(exact));
        json_object_set_new(s, "returned", json_integer((json_int_t)returned));
        json_object_set_new(s, "offset", json_integer((json_int_t)offset));
        json_object_set_new(s, "by", json_string(by_report ? "report" : "section"));
        if (query != NULL) {
            json_object_set_new(s, "query", gk_json_text(query));
            json_object_set_new(s, "elapsed_ms",
                                json_real((double)(long long)(elapsed_ms * 1000.0 + 0.5) / 1000.0));
        }
        gk_json_print(o->to, s);
        return;
    }
    if (query != NULL) {
        fputs("query: ", o->to);
        gk_escape_fputs(o->to, query);
        fprintf(o->to, " (%.1f ms)\n", elapsed_ms);
    }
    const char *unit = by_report ? "report" : "section";
    if (total == 0) {
        fprintf(o->to, "No matching %ss.\n", unit);
        return;
    }
    fprintf(o->to, "%s%lu matching %s%s", exact ? "" : "at least ", total, unit,
            total == 1 ? "" : "s");
    if (returned > 0)
        fprintf(o->to, "; showing %u–%zu", offset + 1, offset + returned);
    else if (offset > 0)
        fprintf(o->to, "; none from %u on", offset + 1);
    if (returned > 0 && offset + returned < total)
        fprintf(o->to, " (--offset %zu for more)", offset + returned);
    fputs(".\n", o->to);
}
