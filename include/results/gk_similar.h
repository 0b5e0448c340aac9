/* gk_similar.h - the reports that share most of a section with a report
 * (--similar, similar:; docs/SIMILAR.md): candidates by the LSH band
 * terms of its sections, then each candidate's shared share measured on
 * the sections it stored. */
#ifndef GK_SIMILAR_H
#define GK_SIMILAR_H

#include <stdio.h>

#include "gk_db.h"
#include "gk_report_id.h"
#include "gk_sections.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Candidates read at most: the reports matching most band terms of the
 * report's sections, best first (ties by report id). */
#define GK_SIMILAR_CANDIDATES 200

/* One section another report shares with the report asked about. */
typedef struct gk_similar_match {
    char report_id[GK_REPORT_ID_LEN + 1];
    char section[64];    /* canonical section id */
    double share;        /* common / the smaller section's shingles */
    size_t common;       /* shingles in common */
    size_t shingles;     /* the asked report's section's shingles */
    size_t other;        /* the other report's section's shingles */
    int year;            /* 0: unknown */
    char *title, *path;  /* owned */
    size_t order;        /* the section's place in the asked report */
} gk_similar_match;

typedef struct gk_similar {
    char report_id[GK_REPORT_ID_LEN + 1]; /* the report asked about */
    gk_similar_match *matches;            /* by share, largest first, then
                                             report id, then section in
                                             reading order */
    size_t n;
    size_t candidates;                    /* candidates read */
    double min_share;                     /* what was asked */
} gk_similar;

/* The reports sharing at least min_share of a section with report
 * report_id (16 hex digits) in *out (the caller's: gk_similar_free), t's
 * template sentences skipped.  Fails with GK_ENOTFOUND when db has no
 * such report, GK_ENOMEM, or the database's status. */
gk_status gk_similar_find(gk_similar **out, gk_db *db, const gk_section_table *t,
                          const char *report_id, double min_share, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_similar_free(gk_similar *s);

/* How --similar prints. */
typedef enum gk_similar_format {
    GK_SIMILAR_TEXT,
    GK_SIMILAR_JSON,
    GK_SIMILAR_CSV
} gk_similar_format;

/* Print s to `to`: text (a line per match: share, section, report id,
 * year, title, path; then a count), JSON Lines (a "similar" line per match
 * and one "summary"), or CSV with a header row.  Section labels from t. */
void gk_similar_print(FILE *to, const gk_similar *s, const gk_section_table *t,
                      gk_similar_format format);

#ifdef __cplusplus
}
#endif

#endif
