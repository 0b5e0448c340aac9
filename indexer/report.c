/* report.c - from normalised text to a report: title, issuing body, year
 * and sections (headings.c finds the headings, title.c the rest). */
#include "gk_report.h"

#include <stdlib.h>
#include <string.h>

#include "gk_utf8.h"
#include "gk_util.h"
#include "report_parts.h"

/* Longest title kept for a plain document, in characters. */
#define GK_DOC_TITLE_CHARS 80

const char *gk_report_kind_name(gk_report_kind kind)
{
    return kind == GK_KIND_REPORT ? "report" : "document";
}

void gk_report_free(gk_report *r)
{
    if (r == NULL)
        return;
    free(r->text);
    free(r->title);
    free(r->body);
    for (size_t i = 0; i < r->nsections; i++)
        free(r->sections[i].title);
    free(r->sections);
    free(r);
}

/* Word exports leave "[bookmark: bookmark3]" before paragraphs; it is not
 * text of the report. */
static void strip_noise(char *text, size_t *len)
{
    static const char mark[] = "[bookmark:";
    size_t n = *len, w = 0;
    for (size_t i = 0; i < n;) {
        if (text[i] == '[' && n - i >= sizeof mark - 1 &&
            memcmp(text + i, mark, sizeof mark - 1) == 0) {
            const char *close = memchr(text + i, ']', n - i < 120 ? n - i : 120);
            if (close != NULL) {
                i = (size_t)(close - text) + 1;
                continue;
            }
        }
        text[w++] = text[i++];
    }
    text[w] = '\0';
    *len = w;
}

static int blank(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '|' &&
            s[i] != '#')
            return 0;
    return 1;
}

static gk_status add_section(gk_report *r, size_t *cap, const char *id,
                             const char *title, size_t title_len, size_t start,
                             size_t end)
{
    if (r->nsections == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        gk_section *n = realloc(r->sections, ncap * sizeof *n);
        if (n == NULL)
            return GK_ENOMEM;
        r->sections = n;
        *cap = ncap;
    }
    char *t = gk_strndup(title, title_len);
    if (t == NULL)
        return GK_ENOMEM;
    gk_section *s = &r->sections[r->nsections++];
    s->id = id;
    s->title = t;
    s->start = start;
    s->end = end;
    return GK_OK;
}

/* Add [start, end) as one section, or as several of at most max bytes cut
 * at line breaks when it is longer. */
static gk_status add_split(gk_report *r, size_t *cap, const char *id,
                           const char *title, size_t title_len, size_t start,
                           size_t end, size_t max)
{
    while (max > 0 && end - start > max) {
        size_t cut = start + max;
        while (cut > start + max / 2 && r->text[cut - 1] != '\n')
            cut--;
        if (r->text[cut - 1] != '\n')
            cut = gk_utf8_floor(r->text, r->len, start + max);
        if (cut <= start)
            cut = start + max; /* cannot happen with valid UTF-8 */
        gk_status st = add_section(r, cap, id, title, title_len, start, cut);
        if (st != GK_OK)
            return st;
        start = cut;
    }
    return add_section(r, cap, id, title, title_len, start, end);
}

/* The first non-empty line, cut to GK_DOC_TITLE_CHARS characters. */
static char *first_line(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                       text[i] == '#'))
        i++;
    size_t e = i, n = 0;
    while (e < len && text[e] != '\n' && n < GK_DOC_TITLE_CHARS) {
        gk_utf8_next(text, len, &e);
        n++;
    }
    while (e > i && (text[e - 1] == ' ' || text[e - 1] == '\t'))
        e--;
    return gk_strndup(text + i, e - i);
}

static gk_status parse(gk_report *r, const gk_report_rules *rules,
                       size_t max_section)
{
    gk_heading *h = NULL;
    size_t nh = 0, cap = 0;
    gk_status st = gk_headings_find(rules->sections, r->text, r->len, &h, &nh);
    if (st != GK_OK)
        return st;
    size_t preamble_end = nh > 0 ? h[0].pos : r->len;
    char *title = gk_title_find(rules->places, r->text, preamble_end);
    int is_report = (title != NULL && gk_title_is_report(title)) || nh >= 2;
    if (!is_report) {
        free(title);
        free(h);
        r->kind = GK_KIND_DOCUMENT;
        r->title = first_line(r->text, r->len);
        r->body = gk_strdup("");
        if (r->title == NULL || r->body == NULL)
            return GK_ENOMEM;
        return add_split(r, &cap, "document", "", 0, 0, r->len, max_section);
    }
    r->kind = GK_KIND_REPORT;
    r->title = title != NULL ? title : gk_strdup("");
    r->year = gk_year_find(title, r->text, r->len);
    r->body = gk_body_find(rules->places, title, r->text, r->len);
    if (r->body != NULL)
        gk_place_split(rules->places, r->body, strlen(r->body), &r->place);
    else
        r->body = gk_strdup("");
    if (r->title == NULL || r->body == NULL) {
        free(h);
        return GK_ENOMEM;
    }
    if (preamble_end > 0 && !blank(r->text, 0, preamble_end))
        st = add_split(r, &cap, "preamble", "", 0, 0, preamble_end, max_section);
    for (size_t i = 0; i < nh && st == GK_OK; i++) {
        size_t end = i + 1 < nh ? h[i + 1].pos : r->len;
        const char *id = gk_section_table_id(rules->sections, (size_t)h[i].section);
        st = add_split(r, &cap, id, r->text + h[i].title_start,
                       h[i].title_end - h[i].title_start, h[i].pos, end,
                       max_section);
    }
    if (st == GK_OK && r->nsections == 0) /* a title and nothing else */
        st = add_split(r, &cap, "preamble", "", 0, 0, r->len, max_section);
    free(h);
    return st;
}

gk_status gk_report_parse(gk_report **out, const gk_report_rules *rules,
                          char *text, size_t len, size_t max_section,
                          char **errmsg)
{
    *out = NULL;
    gk_report *r = calloc(1, sizeof *r);
    if (r == NULL) {
        free(text);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    r->text = text;
    r->len = len;
    strip_noise(r->text, &r->len);
    gk_status st = parse(r, rules, max_section);
    if (st != GK_OK) {
        gk_report_free(r);
        return gk_fail(errmsg, st, "out of memory while reading the report");
    }
    *out = r;
    return GK_OK;
}
