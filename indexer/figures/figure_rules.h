/* figure_rules.h - the loaded rules of figures.tsv, tables.tsv,
 * prose_figures.tsv, templates.tsv, units.tsv and amount_words.tsv;
 * private to figures
 * (figure_rules.c loads them, amount.c, grid.c, tables.c, prose.c and
 * figures.c use them). */
#ifndef GK_FIGURE_RULES_H
#define GK_FIGURE_RULES_H

#include <signal.h>
#include <stddef.h>

#include "amount.h"
#include "gk_figures.h"
#include "gk_regex.h"
#include "gk_table.h"

/* What figures.tsv says of a figure besides its names. */
typedef struct fig_def {
    unsigned slot;  /* 0: not given */
    int money;      /* -1: not given */
} fig_def;

typedef struct tbl_column {
    char *id;
    char *label;
    char *version;  /* "2019", "2021", "any" */
    gk_rx *rx;
} tbl_column;

typedef struct tbl_row {
    char *id;
    gk_rx *rx;
    int group;      /* its numbered sub-items carry the values */
} tbl_row;

typedef struct tbl_figure {
    char *row;
    char *column;
    int figure;     /* index in gk_figure_rules.figs */
} tbl_figure;

typedef struct tbl_sum {
    char *row;
    int figure;
    char **columns;
    size_t ncolumns;
} tbl_sum;

typedef struct tbl_derive {
    char *row;
    char *column;    /* the total */
    char **parts;
    size_t nparts;
} tbl_derive;

typedef struct tbl_hint {
    char *version;
    gk_rx *rx;
} tbl_hint;

typedef struct tbl_def {
    char *id;
    tbl_column *columns;  /* all versions, in file order */
    size_t ncolumns, columns_cap;
    tbl_row *rows;
    size_t nrows, rows_cap;
    char *values_row;     /* an unlabelled row of numbers, or NULL */
    tbl_figure *figures;
    size_t nfigures, figures_cap;
    tbl_sum *sums;
    size_t nsums, sums_cap;
    tbl_derive *derives;
    size_t nderives, derives_cap;
    tbl_hint *hints;
    size_t nhints, hints_cap;
    int versioned;        /* columns differ by template version */
    int align_right;
} tbl_def;

/* prose_figures.tsv kinds: a count, a count that is itself a part (read in
 * a 其中 clause too), an amount of money, none (0). */
enum { PROSE_COUNT, PROSE_PART, PROSE_MONEY, PROSE_ZERO };

typedef struct prose_rule {
    int figure;
    int kind;
    gk_rx *rx;
    int group_n, group_q, group_u; /* capture groups, -1 if absent */
    char *section;  /* read only in this section (sections.tsv id); NULL: any */
} prose_rule;

/* A report structure told by its headings (templates.tsv). */
typedef struct tpl_structure {
    char *id;        /* "new", "pre2019" */
    gk_rx **cues;    /* headings only this structure has */
    size_t ncues, cues_cap;
    unsigned min;    /* headings with a cue needed; 0: not given */
} tpl_structure;

struct gk_figure_rules {
    gk_table *names; /* figures.tsv: ids, labels, aliases */
    fig_def *figs;   /* one per id of names */
    size_t nfigs;
    tbl_def *tables;
    size_t ntables, tables_cap;
    prose_rule *prose;
    size_t nprose, prose_cap;
    amount_words amounts;  /* units.tsv, amount_words.tsv */
    tpl_structure *structures; /* templates.tsv */
    size_t nstructures, structures_cap;
    /* every row and group expression of every table as one alternation, a
     * pre-filter: a label none can match costs one search, not one per
     * expression (NULL when they cannot be joined: a back reference) */
    gk_rx *any_row;
    struct gk_completeness_rules *completeness; /* completeness.tsv */
    const volatile sig_atomic_t *stop; /* gk_figure_rules_watch */
    gk_buf any_row_text;   /* while loading */
    int any_row_unjoinable;
};

/* Index of the figure with this id, or -1. */
int gk_figure_index(const gk_figure_rules *r, const char *id);

#endif
