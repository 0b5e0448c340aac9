/* gk_hits.h - the hits of a page of results read back from the index:
 * each one's stored values, its matched sections, snippet and figures
 * and, for a report whose place is ambiguous, its candidates (all stored
 * with its document: no result reads the database's metadata); or, for a
 * table of figures, each report's row. */
#ifndef GK_HITS_H
#define GK_HITS_H

#include <stddef.h>

#include "gk_analyze.h"
#include "gk_db.h"
#include "gk_figtable.h"
#include "gk_figures.h"
#include "gk_output.h"
#include "gk_sections.h"
#include "gk_status.h"
#include "gk_text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Characters of a section a hit's snippet shows at most. */
#define GK_HITS_SNIPPET_CHARS 100

/* Sections a view's scope names at most (gk_hits_view.scope). */
#define GK_HITS_MAX_SCOPE 32

/* Figures a hit shows beside its snippet at most (gk_hits_view.shown). */
#define GK_HITS_MAX_SHOWN 64

/* What reading hits needs; borrowed, and must outlive the reader. */
typedef struct gk_hits_env {
    gk_db *db;                          /* the stored records */
    const gk_section_table *sections;   /* the sections' Chinese names */
    const gk_figure_rules *figure_rules; /* the canonical figures */
    gk_analyzer *az;                    /* snippets: matches found as */
    gk_folder *folder;                  /* indexing found terms */
    const gk_noise *noise;              /* snippets pass over the page
                                           chrome it finds; may be NULL */
} gk_hits_env;

/* How a page of hits is shown. */
typedef struct gk_hits_view {
    unsigned offset;   /* results skipped before the page: ranks start after */
    int by_report;     /* one hit per report: a report's hit then carries
                          every figure and the number of sections matched */
    const gk_phrase *const *phrases; /* what the snippet highlights */
    size_t nphrases;
    const int *shown;  /* figures (indexes into the rules) shown beside a
                          report's snippet: those the query filters or
                          sorts on; at most GK_HITS_MAX_SHOWN */
    size_t nshown;
    const char *const *scope; /* the section ids a match may lie in (the
                                 query's section: filters), n of them;
                                 NULL: every section */
    size_t nscope;
    int text;          /* --text: each matched section carries its text */
} gk_hits_view;

typedef struct gk_hits gk_hits;

/* A reader of hits.  Fails with GK_ENOMEM. */
gk_status gk_hits_new(gk_hits **out, const gk_hits_env *env, char **errmsg);

/* Release a reader.  A harmless no-op on NULL. */
void gk_hits_free(gk_hits *h);

/* The canonical figures, n of them, whose ids and labels name the columns
 * of a table of figures.  Borrowed until gk_hits_free. */
const gk_hit_figure *gk_hits_figure_names(const gk_hits *h, size_t *n);

/* Hit i of page res (a report) in *out: the sections in v's scope where
 * v's phrases occur, and a snippet of the first of them around its first
 * match.  Everything *out points to is borrowed from
 * res and h until the next gk_hits_read or gk_hits_row, or gk_hits_free.
 * Fails with GK_ENOMEM or the analyser's status. */
gk_status gk_hits_read(gk_hits *h, const gk_results *res, size_t i,
                       const gk_hits_view *v, gk_hit *out, char **errmsg);

/* Hit i of page res (one hit per report) as a row of a table of figures,
 * with the notes on its figures (none when memory runs out).
 * Borrowed like gk_hits_read's. */
void gk_hits_row(gk_hits *h, const gk_results *res, size_t i,
                 gk_figtable_row *out);

#ifdef __cplusplus
}
#endif

#endif
