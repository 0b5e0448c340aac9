/* report_parts.h - the pieces of the report parser (headings.c, title.c,
 * title_words.c), private to report. */
#ifndef GK_REPORT_PARTS_H
#define GK_REPORT_PARTS_H

#include <stddef.h>
#include <stdint.h>

#include "gk_places.h"
#include "gk_report.h"
#include "gk_sections.h"
#include "gk_status.h"

/* A top-level heading found in the text. */
typedef struct gk_heading {
    size_t pos;         /* where its section starts (line or marker start) */
    size_t title_start; /* the heading as it should be shown */
    size_t title_end;
    int section;        /* index in the section table */
} gk_heading;

/* The section a heading text (white space removed) is only when the
 * heading before it is section *after (sections.tsv's follows records:
 * 二、政府信息公开情况 after 一、概述 is the proactive part); -1 if none. */
/* The table's stop flag (gk_section_table_watch) is non-zero. */
int gk_section_table_stopped(const gk_section_table *t);

int gk_section_table_match_follows(const gk_section_table *t, const char *text,
                                   size_t len, int *after);

/* Lines read between two looks at a run's stop flag. */
#define GK_STOP_EVERY 4096

/* The top-level section headings of text, in order.  *out is malloc'd
 * (NULL with *n == 0 when there are none).  Once the table's stop flag
 * (gk_section_table_watch) is non-zero the search ends early and what it
 * found is incomplete.
 * Fails only with GK_ENOMEM. */
gk_status gk_headings_find(gk_section_table *t, const char *text, size_t len,
                           gk_heading **out, size_t *n);

/* Where a title was found: one or two pieces of the text (a title split over
 * two lines), joined without what lies between. */
typedef struct gk_title_spans {
    size_t start[2], end[2];
    size_t n;
    int sentence; /* 1: found inside a sentence, not on a line of its own */
} gk_title_spans;

/* The roles of title_words.tsv (title_words.c lists their names in this
 * order; title.c says what each does). */
typedef enum gk_title_role {
    GK_TITLE_REPORT,
    GK_TITLE_DISCLOSURE,
    GK_TITLE_HEAD,
    GK_TITLE_YEAR,
    GK_TITLE_ANNUAL,
    GK_TITLE_MONTH,
    GK_TITLE_PERIOD_START,
    GK_TITLE_PERIOD_END,
    GK_TITLE_BODY_END,
    GK_TITLE_BODY_BEFORE,
    GK_TITLE_BODY_AFTER,
    GK_TITLE_PREAMBLE,
    GK_TITLE_COPULA,
    GK_TITLE_PREAMBLE_END,
    GK_TITLE_CRUMB_SEP,
    GK_TITLE_CRUMB_START,
    GK_TITLE_CRUMB_WEAK,
    GK_TITLE_META_LABEL,
    GK_TITLE_TITLE_LABEL,
    GK_TITLE_PUBLISHER,
    GK_TITLE_LEAD,
    GK_TITLE_NOT_REPORT,
    GK_TITLE_ADDRESS,
    GK_TITLE_CONTACT_OPEN,
    GK_TITLE_CONTACT_CLOSE,
    GK_TITLE_GOVERNMENT,
    GK_TITLE_QUOTE,
    GK_TITLE_SITE,
    GK_TITLE_NAME_END,
    GK_TITLE_OWNER,
    GK_TITLE_SUBJECT_END,
    GK_TITLE_CLAUSE_END,
    GK_TITLE_OTHER_DOC,
    GK_TITLE_FORMAL_GOVERNMENT,
    GK_TITLE_DATE_LABEL
} gk_title_role;

/* The report's title in text[0..len) (the part before the first heading),
 * joined when split over two lines; malloc'd, or NULL if there is none.
 * *where receives the pieces it was joined from. */
char *gk_title_find(const gk_report_rules *rules, const char *text,
                    size_t len, gk_title_spans *where);

/* The report's title named, with its body, in a sentence of
 * text[start..end) (我街道特公布2022年度某区某街道办事处…年度报告。);
 * malloc'd, or NULL.  For a report whose text opens with its first part:
 * its opening paragraph says what the preamble would. */
char *gk_title_in_part(const gk_report_rules *rules, const char *text,
                       size_t start, size_t end, gk_title_spans *where);

/* The report's name as a sentence of text[0..len) gives it without its
 * body, from its year on (现向社会公布2017年度…年度报告; 编制我乡2013年…:
 * the pronoun dropped); malloc'd, or NULL.  Weaker than gk_title_find:
 * for a report that has no other title.  *where receives its span. */
char *gk_title_in_sentence(const gk_report_rules *rules, const char *text,
                           size_t len, gk_title_spans *where);

/* The title of another kind of document (某局政府信息公开指南, …目录,
 * …工作要点): the first plain line of text[0..len) naming disclosure and
 * ending in an other_doc word; malloc'd, or NULL.  *where receives it. */
char *gk_title_other_doc(const gk_report_rules *rules, const char *text,
                         size_t len, gk_title_spans *where);

/* 1 if title reads like the title of a disclosure report. */
int gk_title_is_report(const gk_report_rules *rules, const char *title);

/* The year reported on: from the title, else the statistics period, else a
 * "YYYY年度" or leading "YYYY年" in the opening text; 0 if none. */
int gk_year_find(const gk_report_rules *rules, const char *title,
                 const char *text, size_t len);

/* The issuing body: from the title, else "本报告是...依据" in the opening
 * text, else a line of its own near the end (the signature); malloc'd, or
 * NULL if none. */
char *gk_body_find(const gk_report_rules *rules, const char *title,
                   const char *text, size_t len);

/* The county, city and province of the body the text names outside its
 * title (metadata, preamble, signature, breadcrumb, contact), when those
 * places agree; for a body whose own name gives none (县教育局).  The
 * township is never given. */
void gk_place_hint(const gk_report_rules *rules, const char *text, size_t len,
                   gk_place *out);

/* 1 if the line text[start..end) is the page's metadata or a breadcrumb;
 * the value of its title label (名称:, 标题:) in [*vstart, *vend), empty if
 * none. */
int gk_title_page_line(const gk_report_rules *rules, const char *text,
                       size_t start, size_t end, size_t *vstart, size_t *vend);

/* The date the report is signed on (yyyymmdd): the last date of its last
 * lines, on a line of its own or after the signing body ("某镇人民政府
 * 2022年1月20日"), in a year after the year reported on (year, 0:
 * unknown); 0 if none (signed.c). */
int gk_signed_in_text(const char *text, size_t len, int year);

/* The date the page's metadata gives the report (发布日期: 2022-01-20,
 * the labels of title_words.tsv's date_label; a date with a time of day,
 * 2013年03月28日 10時12分; a date opening a line before a meta_label,
 * 2022年01月18日来源:; a date alone under the title) among the first
 * lines of page[0..len), in a year after year; 0 if none (signed.c). */
int gk_signed_in_page(const gk_report_rules *rules, const char *page, size_t len,
                      int year);

/* ---- character helpers shared by the parser files ---------------------- */

/* Code point at s[i] (U+FFFD if invalid) and its length in *n. */
uint32_t gk_cp_at(const char *s, size_t len, size_t i, size_t *n);

/* 1 for ASCII space, tab and U+3000. */
int gk_is_space_cp(uint32_t c);

/* 1 for sentence punctuation that cannot occur inside a heading. */
int gk_is_sentence_punct(uint32_t c);

/* Position of needle in s[from..len), or (size_t)-1. */
size_t gk_find(const char *s, size_t len, size_t from, const char *needle);

#endif
