/* report.c - from normalised text to a report: title, issuing body, year
 * and sections (headings.c finds the headings, title.c the rest). */
#define _GNU_SOURCE /* memmem */
#include "gk_report.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "report_parts.h"

/* Longest title kept for a plain document, in characters. */
#define GK_DOC_TITLE_CHARS 80
/* Lines of the first part read for the report's name when no title
 * precedes it. */
#define GK_PART_OPENING_LINES 3
/* How much of a page's start is read for the report's title, in bytes. */
#define GK_PAGE_OPENING 6000

const char *gk_report_kind_name(gk_report_kind kind)
{
    return kind == GK_KIND_REPORT ? "report" : "document";
}

void gk_report_free(gk_report *r)
{
    if (r == NULL)
        return;
    free(r->text);
    free(r->display);
    free(r->title);
    free(r->display_title);
    free(r->body);
    free(r->display_body);
    for (size_t i = 0; i < r->nsections; i++) {
        free(r->sections[i].title);
        free(r->sections[i].display_title);
    }
    free(r->sections);
    free(r);
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
                             size_t title_start, size_t title_end, size_t start,
                             size_t end)
{
    if (GK_ARRAY_RESERVE(r->sections, *cap, r->nsections + 1) != GK_OK)
        return GK_ENOMEM;
    char *t = gk_strndup(r->text + title_start, title_end - title_start);
    if (t == NULL)
        return GK_ENOMEM;
    gk_section *s = &r->sections[r->nsections++];
    memset(s, 0, sizeof *s);
    s->id = id;
    s->title = t;
    s->start = s->display_start = start;
    s->end = s->display_end = end;
    s->title_start = title_start;
    s->title_end = title_end;
    return GK_OK;
}

/* Add [start, end) as one section, or as several of at most max bytes cut
 * at line breaks when it is longer. */
static gk_status add_split(gk_report *r, size_t *cap, const char *id,
                           size_t title_start, size_t title_end, size_t start,
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
        gk_status st = add_section(r, cap, id, title_start, title_end, start, cut);
        if (st != GK_OK)
            return st;
        start = cut;
    }
    return add_section(r, cap, id, title_start, title_end, start, end);
}

/* The value of a 标题: metadata label, else the first non-empty line that
 * is not the page's metadata or breadcrumb (else the first line), cut to GK_DOC_TITLE_CHARS characters;
 * its range in *where. */
static char *first_line(const gk_report_rules *rules, const char *text,
                        size_t len, gk_title_spans *where)
{
    size_t i = 0, first = (size_t)-1;
    for (int lines = 0; lines < 40;) {
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                           text[i] == '#'))
            i++;
        if (i >= len)
            break;
        const char *nl = memchr(text + i, '\n', len - i);
        size_t le = nl ? (size_t)(nl - text) : len;
        if (first == (size_t)-1)
            first = i;
        size_t vs, ve;
        if (!gk_title_page_line(rules, text, i, le, &vs, &ve))
            break;
        if (ve > vs) { /* 标题: the page names its title */
            where->start[0] = vs;
            where->end[0] = ve;
            where->n = 1;
            return gk_strndup(text + vs, ve - vs);
        }
        lines++;
        i = le;
    }
    if (i >= len && first != (size_t)-1)
        i = first;
    size_t e = i, n = 0;
    while (e < len && text[e] != '\n' && n < GK_DOC_TITLE_CHARS) {
        gk_utf8_next(text, len, &e);
        n++;
    }
    while (e > i && (text[e - 1] == ' ' || text[e - 1] == '\t'))
        e--;
    where->start[0] = i;
    where->end[0] = e;
    where->n = 1;
    return gk_strndup(text + i, e - i);
}

/* 1 if the title at where is the value of a 标题: label, not a line of its
 * own. */
static int labelled(const gk_report_rules *rules, const char *text,
                    gk_title_spans where)
{
    size_t ls = where.start[0];
    while (ls > 0 && text[ls - 1] != '\n')
        ls--;
    const char *nl = strchr(text + where.start[0], '\n');
    size_t le = nl != NULL ? (size_t)(nl - text) : strlen(text), vs, ve;
    return gk_title_page_line(rules, text, ls, le, &vs, &ve) && vs == where.start[0] &&
           ve > vs;
}

/* 1 if every non-blank line of text[0..len) is the page's metadata or a
 * breadcrumb. */
static int page_lines_only(const gk_report_rules *rules, const char *text, size_t len)
{
    for (size_t ls = 0; ls < len;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len, vs, ve;
        if (!blank(text, ls, le) && !gk_title_page_line(rules, text, ls, le, &vs, &ve))
            return 0;
        ls = le + 1;
    }
    return 1;
}

static void keep_title_spans(gk_report *r, const gk_title_spans *where)
{
    r->title_pieces = where->n;
    for (size_t k = 0; k < where->n; k++) {
        r->title_start[k] = where->start[k];
        r->title_end[k] = where->end[k];
    }
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
    gk_title_spans where;
    char *title = gk_title_find(rules, r->text, preamble_end, &where);
    int is_report = (title != NULL && gk_title_is_report(rules, title)) || nh >= 2;
    char *other = NULL;
    if (title == NULL && is_report &&
        (other = gk_title_other_doc(rules, r->text, preamble_end, &where)) != NULL) {
        /* its own title line says what it is (某局政府信息公开指南): a
         * document, whatever its headings look like */
        free(h);
        r->kind = GK_KIND_DOCUMENT;
        r->title = other;
        r->body = gk_strdup("");
        if (r->body == NULL)
            return GK_ENOMEM;
        keep_title_spans(r, &where);
        return add_split(r, &cap, "document", 0, 0, 0, r->len, max_section);
    }
    if (!is_report) {
        free(h);
        r->kind = GK_KIND_DOCUMENT;
        gk_title_spans line = where;
        char *own = first_line(rules, r->text, r->len, &where);
        if (title != NULL && !line.sentence && own != NULL &&
            !labelled(rules, r->text, where)) {
            /* a line naming a report, not one: a news item's headline
             * (某县发布2019年…年度报告) below the page's chrome */
            free(own);
            own = title;
            where = line;
        } else {
            free(title);
        }
        r->title = own;
        r->body = gk_strdup("");
        if (r->title == NULL || r->body == NULL)
            return GK_ENOMEM;
        keep_title_spans(r, &where);
        return add_split(r, &cap, "document", 0, 0, 0, r->len, max_section);
    }
    if (title == NULL && nh >= 2) {
        /* no title before the first part: the sentence that names the
         * report in the first lines of that part (本街道特公布2022年度
         * 某街道办事处…年度报告), if it names its body */
        size_t end = h[0].title_end;
        for (int lines = 0; lines < GK_PART_OPENING_LINES && end < h[1].pos; lines++) {
            const char *nl = memchr(r->text + end + 1, '\n', h[1].pos - end - 1);
            end = nl != NULL ? (size_t)(nl - r->text) : h[1].pos;
        }
        title = gk_title_in_part(rules, r->text, h[0].title_end, end, &where);
    }
    r->kind = GK_KIND_REPORT;
    r->title = title != NULL ? title : gk_strdup("");
    keep_title_spans(r, &where);
    r->year = gk_year_find(rules, title, r->text, r->len);
    r->signed_date = gk_signed_in_text(r->text, r->len, r->year);
    r->body = gk_body_find(rules, title, r->text, r->len);
    if (r->body != NULL)
        gk_place_split(rules->places, r->body, strlen(r->body), &r->place);
    else
        r->body = gk_strdup("");
    if (r->place.township[0] == '\0' && r->place.county[0] == '\0' &&
        r->place.city[0] == '\0') {
        /* 县教育局: the county the rest of the text gives its body */
        gk_place_hint(rules, r->text, r->len, &r->place);
    }
    if (r->title == NULL || r->body == NULL) {
        free(h);
        return GK_ENOMEM;
    }
    /* a preamble that is only the page's metadata and breadcrumb (no
     * title, no sentence of the report) is no part of it: the first part
     * starts with the page */
    int chrome = preamble_end > 0 &&
                 (r->title_pieces == 0 || r->title_start[0] >= preamble_end) &&
                 page_lines_only(rules, r->text, preamble_end);
    if (preamble_end > 0 && !blank(r->text, 0, preamble_end) && !chrome)
        st = add_split(r, &cap, "preamble", 0, 0, 0, preamble_end, max_section);
    for (size_t i = 0; i < nh && st == GK_OK; i++) {
        size_t end = i + 1 < nh ? h[i + 1].pos : r->len;
        if (i == 0 && chrome)
            h[0].pos = 0;
        const char *id = gk_section_table_id(rules->sections, (size_t)h[i].section);
        st = add_split(r, &cap, id, h[i].title_start, h[i].title_end, h[i].pos,
                       end, max_section);
    }
    if (st == GK_OK && r->nsections == 0) /* a title and nothing else */
        st = add_split(r, &cap, "preamble", 0, 0, 0, r->len, max_section);
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
    gk_status st = parse(r, rules, max_section);
    if (st != GK_OK) {
        gk_report_free(r);
        return gk_fail(errmsg, st, "out of memory while reading the report");
    }
    *out = r;
    return GK_OK;
}

/* ---- the page around the report ----------------------------------------- */

/* The page's pieces folded[start[k]..end[k]) as the page writes them,
 * joined; NULL without a display (or out of memory: shown folded). */
static char *page_shown(const gk_report_page *pg, const size_t *start,
                        const size_t *end, size_t n)
{
    if (pg->display == NULL || pg->map == NULL)
        return NULL;
    gk_buf b = {0};
    if (gk_buf_reserve(&b, 1) != GK_OK)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        size_t s = gk_foldmap_source(pg->map, start[k]);
        size_t e = gk_foldmap_source(pg->map, end[k]);
        if (e > s && gk_buf_add(&b, pg->display + s, e - s) != GK_OK) {
            gk_buf_free(&b);
            return NULL;
        }
    }
    return gk_buf_take(&b, NULL);
}

gk_status gk_report_use_page(gk_report *r, const gk_report_rules *rules,
                             const char *page, size_t len)
{
    gk_report_page pg = {page, len, NULL, NULL};
    return gk_report_use_page_shown(r, rules, &pg);
}

gk_status gk_report_use_page_shown(gk_report *r, const gk_report_rules *rules,
                                   const gk_report_page *pg)
{
    const char *page = pg->folded;
    size_t len = pg->len;
    if (page == NULL || len == 0)
        return GK_OK;
    size_t open = len < GK_PAGE_OPENING ? len : GK_PAGE_OPENING;
    gk_title_spans where;
    if (r->kind == GK_KIND_DOCUMENT) {
        /* 标题: in the page's metadata names a document */
        size_t i = 0;
        for (int lines = 0; i < open && lines < 40; lines++) {
            const char *nl = memchr(page + i, '\n', open - i);
            size_t le = nl ? (size_t)(nl - page) : open, vs, ve;
            if (gk_title_page_line(rules, page, i, le, &vs, &ve) && ve > vs) {
                char *t = gk_strndup(page + vs, ve - vs);
                if (t == NULL)
                    return GK_ENOMEM;
                free(r->title);
                free(r->display_title);
                r->display_title = page_shown(pg, &vs, &ve, 1);
                r->title = t;
                r->title_pieces = 0;
                break;
            }
            i = le + 1;
        }
        return GK_OK;
    }
    if (r->title[0] == '\0') {
        gk_heading *h = NULL;
        size_t nh = 0;
        gk_status st = gk_headings_find(rules->sections, page, open, &h, &nh);
        if (st != GK_OK)
            return st;
        size_t preamble_end = nh > 0 ? h[0].pos : open;
        free(h);
        char *t = gk_title_find(rules, page, preamble_end, &where);
        if (t != NULL && gk_title_is_report(rules, t)) {
            free(r->title);
            free(r->display_title);
            /* not in the text: shown as the page writes it */
            r->display_title = page_shown(pg, where.start, where.end, where.n);
            r->title = t;
            r->title_pieces = 0;
            if (r->year == 0)
                r->year = gk_year_find(rules, t, r->text, r->len);
        } else {
            free(t);
        }
    }
    if (r->title[0] == '\0') {
        /* last, the report's name in a sentence of its opening that names
         * no body (现向社会公布2017年度…年度报告, 编制我乡2013年…): only
         * for what is a report already, never evidence that it is one */
        size_t opening = r->len;
        for (size_t i = 0; i < r->nsections; i++)
            if (strcmp(r->sections[i].id, "preamble") != 0) {
                opening = r->sections[i].start;
                break;
            }
        char *t = gk_title_in_sentence(rules, r->text, opening, &where);
        if (t != NULL) {
            free(r->title);
            free(r->display_title);
            r->display_title = NULL;
            r->title = t;
            keep_title_spans(r, &where); /* in the text: shown as written */
        }
    }
    if (r->body[0] == '\0') {
        char *b = gk_body_find(rules, r->title[0] != '\0' ? r->title : NULL, page, len);
        if (b != NULL) {
            free(r->body);
            free(r->display_body);
            r->display_body = NULL;
            /* shown as the page writes it where the page names it so */
            const char *at = pg->display != NULL && b[0] != '\0'
                                 ? memmem(page, len, b, strlen(b)) : NULL;
            if (at != NULL) {
                size_t i = (size_t)(at - page), e = i + strlen(b);
                r->display_body = page_shown(pg, &i, &e, 1);
            }
            r->body = b;
            gk_place_split(rules->places, b, strlen(b), &r->place);
        }
    }
    if (r->place.township[0] == '\0' && r->place.county[0] == '\0' &&
        r->place.city[0] == '\0')
        gk_place_hint(rules, page, len, &r->place);
    if (r->signed_date == 0)
        r->signed_date = gk_signed_in_page(rules, page, len, r->year);
    return GK_OK;
}

/* ---- the text as written ------------------------------------------------ */

/* The display form of the folded pieces text[start[k]..end[k]), joined. */
static char *display_of(const gk_report *r, const gk_foldmap *map,
                        const size_t *start, const size_t *end, size_t n)
{
    gk_buf b = {0};
    if (gk_buf_reserve(&b, 1) != GK_OK)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        size_t s = gk_foldmap_source(map, start[k]);
        size_t e = gk_foldmap_source(map, end[k]);
        if (e > s && gk_buf_add(&b, r->display + s, e - s) != GK_OK) {
            gk_buf_free(&b);
            return NULL;
        }
    }
    return gk_buf_take(&b, NULL);
}

gk_status gk_report_set_display(gk_report *r, char *display, size_t len,
                                const gk_foldmap *map, char **errmsg)
{
    free(r->display);
    r->display = display;
    r->display_len = len;
    if (r->title_pieces > 0) { /* else a title found outside the text,
                                  shown as gk_report_use_page_shown found it */
        free(r->display_title);
        r->display_title = display_of(r, map, r->title_start, r->title_end,
                                      r->title_pieces);
        if (r->display_title == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    /* the body is a name found in the text: shown as written where it
     * first appears */
    const char *at = r->body[0] != '\0' ? strstr(r->text, r->body) : NULL;
    if (at != NULL) {
        size_t start = (size_t)(at - r->text), end = start + strlen(r->body);
        free(r->display_body);
        r->display_body = display_of(r, map, &start, &end, 1);
        if (r->display_body == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < r->nsections; i++) {
        gk_section *s = &r->sections[i];
        s->display_start = gk_foldmap_source(map, s->start);
        s->display_end = gk_foldmap_source(map, s->end);
        free(s->display_title);
        s->display_title = display_of(r, map, &s->title_start, &s->title_end, 1);
        if (s->display_title == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    return GK_OK;
}

const char *gk_section_display(const gk_report *r, size_t i, size_t *len)
{
    const gk_section *s = &r->sections[i];
    *len = s->display_end - s->display_start;
    return (r->display != NULL ? r->display : r->text) + s->display_start;
}

const char *gk_report_display_title(const gk_report *r)
{
    return r->display_title != NULL ? r->display_title : r->title;
}

const char *gk_report_display_body(const gk_report *r)
{
    return r->display_body != NULL ? r->display_body : r->body;
}

const char *gk_section_display_title(const gk_section *s)
{
    return s->display_title != NULL ? s->display_title : s->title;
}
