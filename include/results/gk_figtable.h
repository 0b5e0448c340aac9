/* gk_figtable.h - one row of figures per report (gongkai-query --figures):
 * CSV or TSV for spreadsheets and pandas, or JSON Lines. */
#ifndef GK_FIGTABLE_H
#define GK_FIGTABLE_H

#include <stdio.h>

#include "gk_book.h"
#include "gk_output.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_figtable_format {
    GK_FIGTABLE_CSV,
    GK_FIGTABLE_TSV,
    GK_FIGTABLE_JSON,
    GK_FIGTABLE_XLSX  /* a workbook: gk_figtable_book_header and _row */
} gk_figtable_format;

/* One report's row: its place and year, then every canonical figure. */
typedef struct gk_figtable_row {
    const char *report_id;
    const char *path;
    const char *title;
    const char *township;         /* "" when unknown, as the others */
    const char *county;
    const char *city;
    const char *province;
    const char *place_code;       /* GB/T 2260, "" unless resolved */
    const char *place_status;     /* "resolved", "ambiguous", "unknown" */
    int year;                     /* 0: unknown */
    const char *template_version; /* NULL: unknown */
    const char *consistency;
    const char *completeness;     /* "complete", "incomplete"; NULL: unknown */
    const char *missing;          /* the parts missing, joined by ","; "" if none */
    const char *signed_date;      /* "YYYY-MM-DD"; NULL: none given */
    const char *deadline;         /* "on_time", "late", "unknown"; NULL */
    const gk_hit_figure *figures;
    size_t nfigures;
    const char *notes;            /* "proactive_items approx; ..." or "" */
    const char *continuity;       /* "ok", "mismatch", "unknown"; NULL:
                                     not known to the database */
    int previous_cf_known;        /* the 结转下年度 of the same place's
                                     report of the year before */
    double previous_cf;
    const char *copied;           /* "previous_year", "other_place",
                                     "previous_year,other_place", "none",
                                     "unknown"; NULL: not known */
    const char *copied_from;      /* the ids it copies, joined by "," */
} gk_figtable_row;

/* One text cell of a CSV or TSV row (quoted, or its tabs made spaces;
 * control characters escaped), after a separator unless first. */
void gk_figtable_cell(FILE *to, gk_figtable_format f, const char *s, int first);

/* One number cell after a separator: empty when not known, never 0. */
void gk_figtable_number_cell(FILE *to, gk_figtable_format f, int known, double v);

/* The format called name ("csv", "tsv", "json", "xlsx"); -1 if none. */
int gk_figtable_format_of(const char *name);

/* The header line (CSV and TSV; nothing for JSON), naming the columns:
 * report_id, path, title, township, county, city, province, place_code,
 * place_status, year, template, consistency, completeness, missing,
 * signed, deadline, each figure id, notes, continuity,
 * previous_requests_carried_forward, copied, copied_from. */
void gk_figtable_header(FILE *to, gk_figtable_format f,
                        const gk_hit_figure *figures, size_t nfigures);

/* One row.  Unknown figures are empty cells (null in JSON), never 0. */
void gk_figtable_row_print(FILE *to, gk_figtable_format f,
                           const gk_figtable_row *row);

/* A sheet "figures" in b whose header names the columns of
 * gk_figtable_header. */
void gk_figtable_book_header(gk_book *b, const gk_hit_figure *figures, size_t nfigures);

/* One row in b's sheet of figures: the year and the figures as numbers
 * (unknown: an empty cell), the rest as text (place_code too: a code, not
 * a quantity). */
void gk_figtable_book_row(gk_book *b, const gk_figtable_row *row);

#ifdef __cplusplus
}
#endif

#endif
