/* gk_report.h - the structure of one annual report: title, issuing body,
 * year and sections.  Pure C; knows nothing of the search engine. */
#ifndef GK_REPORT_H
#define GK_REPORT_H

#include <stddef.h>

#include "gk_places.h"
#include "gk_sections.h"
#include "gk_status.h"
#include "gk_text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_report_kind {
    GK_KIND_REPORT,  /* recognised as a disclosure report */
    GK_KIND_DOCUMENT /* any other text: searchable, no township or year */
} gk_report_kind;

typedef struct gk_section {
    const char *id; /* canonical id ("preamble", "problems"...; "document"
                       for plain documents), borrowed from the section table
                       or static */
    char *title;    /* heading as written, number kept, markup removed; ""
                       for the preamble; owned */
    size_t start;   /* byte range in gk_report.text, heading included */
    size_t end;
    size_t title_start, title_end; /* the title's range in text */
    char *display_title; /* the title as the source writes it (see
                            gk_report_set_display); NULL: title; owned */
    size_t display_start, display_end; /* range in gk_report.display */
    unsigned long line;  /* the line of the source file where it starts
                            (its first line that is not blank), 1-based as
                            grep counts; 0: unknown (set by the indexer for
                            plain text, gk_schema.h) */
} gk_section;

typedef struct gk_report {
    char *text;          /* the whole folded text (gk_text_fold), owned */
    size_t len;
    char *display;       /* the text as the source writes it, owned; NULL:
                            text (see gk_report_set_display) */
    size_t display_len;
    gk_report_kind kind;
    char *title;         /* "" if none was found; owned */
    char *display_title; /* title as the source writes it; NULL: title */
    size_t title_start[2], title_end[2], title_pieces; /* where in text */
    char *body;          /* issuing body as written, "" if unknown; owned */
    char *display_body;  /* body as the source writes it; NULL: body */
    gk_place place;      /* its parts ("" if unknown) */
    int year;            /* the year reported on; 0 if unknown */
    int signed_date;     /* yyyymmdd: the date under its signature, else
                            the publication date of its page's metadata
                            (docs/COMPLETENESS.md); 0 if it gives none */
    gk_section *sections;
    size_t nsections;
} gk_report;

/* The words that find a report's title, the year it reports on and its
 * issuing body (title_words.tsv). */
typedef struct gk_words gk_title_words;

/* Load DIR/title_words.tsv.  Fails like gk_tsv_read, or with GK_ECORRUPT
 * naming the file and line of a record with an unknown role or an empty
 * word, or naming a role that must have a word and has none (report,
 * year).  The caller owns *out and releases it with gk_title_words_free. */
gk_status gk_title_words_load(gk_title_words **out, const char *dir,
                              char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_title_words_free(gk_title_words *w);

/* What the parser needs from the data files; all three are required. */
typedef struct gk_report_rules {
    gk_section_table *sections;
    const gk_place_rules *places;
    const gk_title_words *title_words;
} gk_report_rules;

/* Parse folded UTF-8 text (see gk_text_fold) into a report.  The
 * report takes ownership of text (malloc'd, len bytes, NUL-terminated) even
 * on failure.  Until gk_report_set_display is called, the text shown is the
 * folded text.  Sections cover the text without gaps or overlaps; sections
 * longer than max_section bytes (0: no limit) are split at line breaks into
 * several with the same id.  Fails only with GK_ENOMEM. */
gk_status gk_report_parse(gk_report **out, const gk_report_rules *rules,
                          char *text, size_t len, size_t max_section,
                          char **errmsg);

/* Give the report the text its folded text was made from (display,
 * malloc'd, len bytes, NUL-terminated; owned by the report from now on, even
 * on failure) and the map from folded to display offsets: sections get
 * their display ranges and the report and section titles their display
 * forms.  Fails only with GK_ENOMEM. */
gk_status gk_report_set_display(gk_report *r, char *display, size_t len,
                                const gk_foldmap *map, char **errmsg);

/* Read the page the report's text was cut from (page: its folded text
 * before the breadcrumb, metadata and other page noise were cut, len
 * bytes; borrowed): when the report found no title, no issuing body or no
 * place in its text, take them from the page's breadcrumb and metadata
 * (您现在的位置: 首页 > … > 某街道2017年度…年度报告, 发布机构:, 首页 > 某县人民
 * 政府 > …); a document takes the page's 标题: as its title.  A title or
 * body found only there is shown as found.  Call it after gk_report_parse,
 * before or after gk_report_set_display.  Fails only with GK_ENOMEM. */
gk_status gk_report_use_page(gk_report *r, const gk_report_rules *rules,
                             const char *page, size_t len);

/* The page folded (folded[0..len)) and as written (display, with map
 * from folded to display offsets; both may be NULL), all borrowed. */
typedef struct gk_report_page {
    const char *folded;
    size_t len;
    const char *display;
    const gk_foldmap *map;
} gk_report_page;

/* gk_report_use_page, showing a title or body found only in the page as
 * the page writes it (a traditional-character page's title stays
 * traditional) when page->display is given. */
gk_status gk_report_use_page_shown(gk_report *r, const gk_report_rules *rules,
                                   const gk_report_page *page);

/* Section i as the source writes it. */
const char *gk_section_display(const gk_report *r, size_t i, size_t *len);

/* Titles and issuing body as the source writes them. */
const char *gk_report_display_title(const gk_report *r);
const char *gk_report_display_body(const gk_report *r);
const char *gk_section_display_title(const gk_section *s);

/* Release a report.  A harmless no-op on NULL. */
void gk_report_free(gk_report *r);

/* "report" or "document". */
const char *gk_report_kind_name(gk_report_kind kind);

/* ---- pieces of the parser, public for their tests ----------------------- */

/* The year written at the start of s (UTF-8): "2020", "2020 年", "二〇二一",
 * "二0一七"; 0 if s does not start with a plausible year (1990..2099).
 * *used receives the bytes consumed. */
int gk_report_year_at(const char *s, size_t len, size_t *used);

/* The calendar date written at the start of s as yyyymmdd: "2022年1月20日",
 * "2022 年 01 月 20 日", "二〇二二年一月二十日", "二〇二二年元月八日",
 * "2022-01-20", "2022/1/20", "2022.1.20", full-width digits too; 0 if s
 * does not start with a real date.  *used (may be NULL) receives the bytes
 * consumed. */
int gk_report_date_at(const char *s, size_t len, size_t *used);

/* Value of a heading number written in Chinese numerals at the start of s
 * ("一" 1, "十二" 12, "二十" 20); 0 if none.  *used receives bytes consumed. */
int gk_report_cn_number(const char *s, size_t len, size_t *used);

#ifdef __cplusplus
}
#endif

#endif
