/* gk_output.h - how gongkai-query prints hits: text for people (colour only
 * when asked or on a terminal), JSON Lines for programs (docs/JSON.md). */
#ifndef GK_OUTPUT_H
#define GK_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "gk_snippet.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One canonical figure of a hit's report. */
typedef struct gk_hit_figure {
    const char *id;     /* "procurement_amount_yuan" */
    const char *label;  /* its Chinese name */
    int known;          /* 0: unknown (printed as null or "unknown") */
    double value;
} gk_hit_figure;

/* One section of a hit's report that matched. */
typedef struct gk_hit_section {
    const char *id;    /* canonical id */
    const char *label; /* its Chinese name */
    const char *title; /* the heading as written, "" for the preamble */
    const char *text;  /* with --text: the section whole, as written (its
                          heading too when the report writes one), text_len
                          bytes; NULL otherwise */
    size_t text_len;
    unsigned long line; /* the line of the file where it starts; 0: unknown */
} gk_hit_section;

/* One hit, as read back from the index; strings are borrowed. */
typedef struct gk_hit {
    size_t rank;             /* 1-based, counting --offset */
    const char *report_id;
    const char *path;
    const char *title;
    const char *kind;        /* "report" or "document" */
    const char *body;        /* issuing body, "" if unknown */
    const char *township;    /* "" if unknown */
    const char *county;
    const char *city;
    const char *province;
    int year;                /* 0 if unknown */
    const char *section;     /* the section of the snippet: canonical id */
    const char *section_label; /* its Chinese name */
    const char *section_title; /* the heading as written */
    double score;
    const gk_hit_section *sections; /* the sections that matched, in
                                       reading order (the snippet's first);
                                       for a listing without text, the
                                       sections in the query's scope */
    size_t nsections;
    unsigned long sections_matched; /* how many sections matched (nsections) */
    const gk_snippet *snippet;
    const char *consistency;        /* "ok", ...; NULL: not shown */
    const char *template_version;   /* "2019", ...; NULL: unknown */
    const char *completeness;       /* with figures: "complete", ...; NULL: unknown */
    const char *missing;            /* the parts missing, joined by "," */
    const char *signed_date;        /* "YYYY-MM-DD"; NULL: none given */
    const char *deadline;           /* "on_time", "late", "unknown"; NULL */
    const gk_hit_figure *figures;   /* JSON: every canonical figure */
    size_t nfigures;                /* 0: no figures in the JSON */
    const gk_hit_figure *shown;     /* text: the figures the query filters
                                       or sorts on */
    size_t nshown;
    const char *place_status;       /* reports: "resolved", ...; NULL else */
    const char *place_code;         /* "" unless resolved */
    json_t *place_candidates;       /* borrowed JSON array, or NULL */
    const char *categories;         /* ids joined by ",", "" if none */
    const char *copied;             /* --by report: "previous_year", ...
                                       (GK_SLOT_COPIED); NULL: not shown */
    const char *copied_from;        /* the ids it copies, joined by "," */
} gk_hit;

typedef struct gk_output {
    FILE *to;
    int json;  /* JSON Lines instead of text */
    int color; /* ANSI colours in text output */
} gk_output;

/* The JSON object for a hit ("type":"hit"); NULL when out of memory. */
json_t *gk_hit_json(const gk_hit *h);

/* Print text[0..len) (a section as written) to `to`: its line breaks and
 * tabs as they are (blank lines before and after it left out), every other
 * control character escaped (gk_escape.h), ended by a line break. */
void gk_output_text(FILE *to, const char *text, size_t len);

/* Print a hit: as text, its report id before its path and, when its
 * sections carry their text (--text), each whole instead of the snippet. */
void gk_output_hit(const gk_output *o, const gk_hit *h);

/* Print the closing summary: total matches (sections, or reports when
 * by_report; exact, or when exact is 0 a lower bound: "at least N", JSON
 * "total_exact": false), how many were shown, from which offset. */
void gk_output_summary(const gk_output *o, unsigned long total, int exact,
                       size_t returned, unsigned offset, int by_report);

/* The summary of one query of a batch: the same, plus the query's text and
 * the milliseconds it took (JSON "query", "elapsed_ms"; in text a line
 * "query: TEXT (N ms)" before the summary). */
void gk_output_query_summary(const gk_output *o, unsigned long total,
                             int exact, size_t returned, unsigned offset, int by_report,
                             const char *query, double elapsed_ms);

#ifdef __cplusplus
}
#endif

#endif
