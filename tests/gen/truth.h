/* truth.h - what a generated report says, as the generator wrote it: the
 * record the accuracy test compares gongkai-index's reading with
 * (docs/GENERATOR.md). */
#ifndef GEN_TRUTH_H
#define GEN_TRUTH_H

#include <stdio.h>

#include "cues.h"

/* The canonical figures of corpus/data/figures.tsv, in its order. */
enum {
    GEN_F_PROACTIVE, GEN_F_ND_ISSUED, GEN_F_ND_REPEALED, GEN_F_ND_IN_FORCE,
    GEN_F_RULES_ISSUED, GEN_F_RULES_IN_FORCE, GEN_F_LICENSING, GEN_F_PENALTY,
    GEN_F_ENFORCEMENT, GEN_F_FEES, GEN_F_PROC_COUNT, GEN_F_PROC_AMOUNT,
    GEN_F_REQ_NEW, GEN_F_REQ_OVER, GEN_F_REQ_GRANTED, GEN_F_REQ_PARTIAL,
    GEN_F_REQ_TOTAL, GEN_F_REQ_FORWARD, GEN_F_REV_TOTAL, GEN_F_REV_CORRECTED,
    GEN_F_LAW_TOTAL, GEN_F_LAW_CORRECTED, GEN_NFIGURES
};
extern const char *const gen_figure_ids[GEN_NFIGURES];

/* The canonical section ids, in reading order; bit k of a section mask. */
enum {
    GEN_S_PREAMBLE, GEN_S_OVERVIEW, GEN_S_PROACTIVE, GEN_S_REQUESTS, GEN_S_FEES,
    GEN_S_REVIEW, GEN_S_PROBLEMS, GEN_S_OTHER, GEN_NSECTIONS
};
extern const char *const gen_section_ids[GEN_NSECTIONS];

/* The report's arithmetic as the checks of docs/FIGURES.md see it. */
typedef struct gen_checks {
    int balance;        /* 1 holds, -1 fails, 0 cannot be checked */
    int review_checked; /* a review-table total was checked */
    int mismatch;       /* some check fails */
} gen_checks;

typedef struct gen_truth {
    char file[64];
    const char *format;    /* txt, md, html */
    const char *encoding;  /* UTF-8, GB18030 */
    const char *place_status;
    const char *code, *township, *county, *city, *province; /* resolved */
    size_t candidates;     /* ambiguous: how many */
    const char *evidence;  /* how the place can be told (for diagnostics) */
    int year;
    const char *template_version; /* NULL when unknown */
    unsigned sections;
    int known[GEN_NFIGURES];
    double value[GEN_NFIGURES];
    gen_checks checks;
    unsigned categories;   /* bit k: the k-th category of categories.tsv */
    char title[512];       /* the title as written, "" when the report has none */
    char forms[512];       /* the forms used, for diagnostics */
    char copy_of[64];      /* --copies: the file whose problems section this
                              one copies ("" for none) */
    const char *copy;      /* "exact" or "edited" with copy_of */
    int copy_same_place;   /* copy_of is this report's own place's earlier
                              report (a sequel: --copies) */
    char body[256];        /* the issuing body as written */
    /* how the place was drawn, for a sequel to draw it again (a
     * township's: place_index set) */
    struct gen_place_draw {
        int set;
        size_t index;
        int ev, contact;
        char postcode[7];
        const char *suffix;
    } draw;
} gen_truth;

/* Set a figure. */
void gen_truth_set(gen_truth *t, int figure, double value);

/* "ok", "mismatch" or "incomplete" from the checks. */
const char *gen_truth_consistency(const gen_truth *t);

/* Note a form used (for diagnostics); once, however often it is used. */
void gen_truth_form(gen_truth *t, const char *form);

/* Write the truth as one JSON line.  Returns 0, or -1 on a write error. */
int gen_truth_write(FILE *fp, const gen_truth *t, const gen_cues *cues);

#endif
