/* gk_report.h - the structure of one annual report: title, issuing body,
 * year and sections.  Pure C; knows nothing of the search engine. */
#ifndef GK_REPORT_H
#define GK_REPORT_H

#include <stddef.h>

#include "gk_places.h"
#include "gk_sections.h"
#include "gk_status.h"

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
} gk_section;

typedef struct gk_report {
    char *text;          /* the whole normalised text, owned */
    size_t len;
    gk_report_kind kind;
    char *title;         /* "" if none was found; owned */
    char *body;          /* issuing body as written, "" if unknown; owned */
    gk_place place;      /* its parts ("" if unknown) */
    int year;            /* the year reported on; 0 if unknown */
    gk_section *sections;
    size_t nsections;
} gk_report;

/* What the parser needs from the data files. */
typedef struct gk_report_rules {
    gk_section_table *sections;
    const gk_place_rules *places;
} gk_report_rules;

/* Parse normalised UTF-8 text (see gk_text_normalize) into a report.  The
 * report takes ownership of text (malloc'd, len bytes, NUL-terminated) even
 * on failure.  Sections cover the text without gaps or overlaps; sections
 * longer than max_section bytes (0: no limit) are split at line breaks into
 * several with the same id.  Fails only with GK_ENOMEM. */
gk_status gk_report_parse(gk_report **out, const gk_report_rules *rules,
                          char *text, size_t len, size_t max_section,
                          char **errmsg);

/* Release a report.  A harmless no-op on NULL. */
void gk_report_free(gk_report *r);

/* "report" or "document". */
const char *gk_report_kind_name(gk_report_kind kind);

/* ---- pieces of the parser, public for their tests ----------------------- */

/* The year written at the start of s (UTF-8): "2020", "2020 年", "二〇二一",
 * "二0一七"; 0 if s does not start with a plausible year (1990..2099).
 * *used receives the bytes consumed. */
int gk_report_year_at(const char *s, size_t len, size_t *used);

/* Value of a heading number written in Chinese numerals at the start of s
 * ("一" 1, "十二" 12, "二十" 20); 0 if none.  *used receives bytes consumed. */
int gk_report_cn_number(const char *s, size_t len, size_t *used);

#ifdef __cplusplus
}
#endif

#endif
