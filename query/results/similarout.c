/* similarout.c - what --similar prints: text, JSON Lines or CSV
 * (docs/JSON.md, "similar"). */
#include "gk_similar.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_escape.h"
#include "gk_json.h"
#include "gk_utf8.h"

/* A CSV field: quoted, quotes doubled, bytes that are not UTF-8 as U+FFFD. */
static void csv_text(FILE *to, const char *s)
{
    char *clean = gk_utf8_sanitize(s, strlen(s));
    fputc('"', to);
    for (const char *p = clean != NULL ? clean : ""; *p; p++) {
        if (*p == '"')
            fputc('"', to);
        fputc(*p, to);
    }
    fputc('"', to);
    free(clean);
}

static const char *label_of(const gk_section_table *t, const char *id)
{
    for (size_t i = 0; i < gk_section_table_count(t); i++)
        if (strcmp(gk_section_table_id(t, i), id) == 0)
            return gk_section_table_label(t, i);
    return id;
}

static void print_json(FILE *to, const gk_similar *s, const gk_section_table *t)
{
    for (size_t i = 0; i < s->n; i++) {
        const gk_similar_match *m = &s->matches[i];
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("similar"));
        json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
        json_object_set_new(o, "similar_to", json_string(s->report_id));
        json_object_set_new(o, "report_id", json_string(m->report_id));
        json_object_set_new(o, "section", json_string(m->section));
        json_object_set_new(o, "section_label", gk_json_text(label_of(t, m->section)));
        json_object_set_new(o, "share", json_real((double)(long)(m->share * 1000 + 0.5) / 1000));
        json_object_set_new(o, "common", json_integer((json_int_t)m->common));
        json_object_set_new(o, "shingles", json_integer((json_int_t)m->shingles));
        json_object_set_new(o, "other_shingles", json_integer((json_int_t)m->other));
        json_object_set_new(o, "year", m->year ? json_integer(m->year) : json_null());
        json_object_set_new(o, "title", gk_json_text(m->title));
        json_object_set_new(o, "path", gk_json_text(m->path));
        gk_json_print(to, o);
    }
    json_t *sum = json_object();
    json_object_set_new(sum, "type", json_string("summary"));
    json_object_set_new(sum, "similar_to", json_string(s->report_id));
    json_object_set_new(sum, "total", json_integer((json_int_t)s->n));
    json_object_set_new(sum, "candidates", json_integer((json_int_t)s->candidates));
    gk_json_print(to, sum);
}

void gk_similar_print(FILE *to, const gk_similar *s, const gk_section_table *t,
                      gk_similar_format format)
{
    if (format == GK_SIMILAR_JSON) {
        print_json(to, s, t);
        return;
    }
    if (format == GK_SIMILAR_CSV)
        fputs("similar_to,report_id,section,share,common,shingles,other_shingles,year,"
              "title,path\n", to);
    for (size_t i = 0; i < s->n; i++) {
        const gk_similar_match *m = &s->matches[i];
        if (format == GK_SIMILAR_CSV) {
            fprintf(to, "%s,%s,%s,%.3f,%zu,%zu,%zu,", s->report_id, m->report_id, m->section,
                    m->share, m->common, m->shingles, m->other);
            if (m->year)
                fprintf(to, "%d", m->year);
            fputc(',', to);
            csv_text(to, m->title);
            fputc(',', to);
            csv_text(to, m->path);
            fputc('\n', to);
            continue;
        }
        fprintf(to, "%5.1f%%  %s %s  %s", m->share * 100, m->section, label_of(t, m->section),
                m->report_id);
        if (m->year)
            fprintf(to, "  %d", m->year);
        fputs("  ", to);
        gk_escape_fputs(to, m->title[0] ? m->title : "(no title)");
        fputs("\n        ", to);
        gk_escape_fputs(to, m->path);
        fputc('\n', to);
    }
    if (format == GK_SIMILAR_TEXT)
        fprintf(to, "%zu section%s of other reports share %.0f%% or more with %s (%zu "
                "candidate%s read)\n", s->n, s->n == 1 ? "" : "s", s->min_share * 100,
                s->report_id, s->candidates, s->candidates == 1 ? "" : "s");
}
