/* gk_figures.h - the figures of a report: read from its statistical tables
 * and sentences, in the units a reader means, with the report's own
 * arithmetic checked.  Pure C; knows nothing of the search engine.
 *
 * What is read where comes from data files: figures.tsv (the canonical
 * figures), tables.tsv (the tables and their cells), prose_figures.tsv
 * (sentences), templates.tsv (the headings that tell a structure),
 * units.tsv and amount_words.tsv (how numbers are written).
 * docs/FIGURES.md explains the rules. */
#ifndef GK_FIGURES_H
#define GK_FIGURES_H

#include <signal.h>
#include <stddef.h>

#include "gk_report.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- numbers as reports write them ------------------------------------- */

typedef enum gk_amount_kind {
    GK_AMOUNT_TEXT,   /* not a figure at all */
    GK_AMOUNT_BLANK,  /* empty: unknown, never 0 */
    GK_AMOUNT_DASH,   /* "-", "—", "/": a placeholder, unknown */
    GK_AMOUNT_ZERO,   /* 无, 零, 没有: 0 */
    GK_AMOUNT_NUMBER  /* a number */
} gk_amount_kind;

typedef struct gk_amount {
    gk_amount_kind kind;
    double value;    /* the number as written (0 for ZERO) */
    double scale;    /* 1, or 1e4 for 万, 1e8 for 亿 */
    int money_unit;  /* 元, 万元 or 亿元 was written */
    int approx;      /* 余, 多, 约: "100余条" */
} gk_amount;

typedef struct gk_figure_rules gk_figure_rules;

/* Read a table cell or a query value: "0", "54369", "1,234", "0.65 万元",
 * "180万元", "1万", "100余条", "约20件", "无", "", "-", with the units of
 * units.tsv and the words of amount_words.tsv loaded with rules.
 * Percentages, dates and anything with other text give GK_AMOUNT_TEXT. */
gk_amount gk_amount_read(const gk_figure_rules *rules, const char *s,
                         size_t len);

/* value in units of scale (0.65 in 万: 6500), rounded to millionths: a
 * figure is written with a few decimals at most, and the product in binary
 * is not exact (42.91 x 1e4 is 429099.99999999994, shown as such in JSON
 * and summed wrong). */
double gk_amount_scaled(double value, double scale);

/* ---- the rules ---------------------------------------------------------- */

/* Load figures.tsv, tables.tsv, prose_figures.tsv, templates.tsv,
 * units.tsv, amount_words.tsv, completeness.tsv and place_suffixes.tsv
 * from dir.  Fails like gk_tsv_read, or with GK_ECORRUPT
 * naming the file and line of a bad record, an unknown figure, or a bad
 * regular expression. */
gk_status gk_figure_rules_load(gk_figure_rules **out, const char *dir,
                               char **errmsg);

/* Release the rules.  A harmless no-op on NULL. */
void gk_figure_rules_free(gk_figure_rules *r);

/* The canonical figures, in figures.tsv order; strings borrowed for the
 * rules' lifetime. */
size_t gk_figure_count(const gk_figure_rules *r);
const char *gk_figure_id(const gk_figure_rules *r, size_t i);
const char *gk_figure_label(const gk_figure_rules *r, size_t i);
unsigned gk_figure_slot(const gk_figure_rules *r, size_t i);
int gk_figure_is_money(const gk_figure_rules *r, size_t i);

/* The figure called `name` (its id, case-insensitively, its label or an
 * alias), or -1. */
int gk_figure_lookup(const gk_figure_rules *r, const char *name);

/* ---- a report's figures ------------------------------------------------- */

typedef enum gk_figure_source {
    GK_SOURCE_NONE,    /* unknown */
    GK_SOURCE_TABLE,   /* a table cell */
    GK_SOURCE_PROSE,   /* a sentence */
    GK_SOURCE_DERIVED  /* computed from other cells (a missing total) */
} gk_figure_source;

typedef struct gk_figure {
    int known;               /* 0: unknown (blank, missing, unreadable) */
    double value;            /* counts as integers, money in 元 */
    int approx;              /* the report says "100余条" */
    int unit_assumed;        /* kept for the record's schema: 0, since money written
                                without any unit is unknown (docs/FIGURES.md) */
    gk_figure_source source;
    char *row;               /* TABLE: the row's label as written */
    char *column;            /* TABLE: the column's label */
    char *text;              /* TABLE: the cell; PROSE: the sentence */
    const char *section;     /* the section id it was read in */
} gk_figure;

/* Any labelled table cell, canonical or not. */
typedef struct gk_raw_figure {
    const char *table;       /* table id from tables.tsv */
    char *row;               /* row label as written */
    const char *column;      /* the column's label */
    int known;
    double value;            /* scaled like the canonical figures */
    char *text;              /* the cell as written */
} gk_raw_figure;

typedef enum gk_consistency {
    GK_CONSISTENCY_INCOMPLETE, /* not enough figures to check */
    GK_CONSISTENCY_OK,
    GK_CONSISTENCY_MISMATCH
} gk_consistency;

/* One arithmetic identity the report states or implies. */
typedef struct gk_check {
    const char *identity;    /* "requests_balance", "applicants:new", ... */
    char *description;       /* in words, e.g. "本年新收 + 上年结转 = 总计 + 结转下年度" */
    gk_consistency status;
    double left, right;      /* the two sides, when checked */
} gk_check;

typedef struct gk_figures {
    gk_figure *figures;      /* one per canonical figure, figures.tsv order */
    size_t nfigures;
    gk_raw_figure *raw;
    size_t nraw;
    const char *template_version; /* "2019", "2021", "new", "pre2019" or
                                     NULL (docs/FIGURES.md, Template) */
    gk_consistency consistency;   /* mismatch if any check fails; ok if the
                                     requests balance holds and a review
                                     total was checked; else incomplete */
    gk_check *checks;
    size_t nchecks;
    /* what the law requires (completeness.tsv, docs/COMPLETENESS.md); all
     * NULL or 0 for a document */
    const char *completeness;     /* "complete", "incomplete"; NULL: no
                                     rules for its year (or template) */
    const char **missing;         /* the parts required and not found, in
                                     completeness.tsv order (borrowed ids) */
    size_t nmissing, missing_cap;
    const char *body_class;       /* "government", "department", "street";
                                     NULL: the body's kind is unknown */
    int signed_date;              /* yyyymmdd (gk_report.signed_date); 0: none */
    int due_date;                 /* yyyymmdd the report was due by; 0: unknown */
    const char *deadline;         /* "on_time", "late", "unknown" (NULL for a
                                     document) */
} gk_figures;

/* Have gk_figures_extract look at *stop (NULL: never) between sections:
 * once it is non-zero (in a signal handler: the run is asked to stop) the
 * figures read are incomplete, to be thrown away by the caller. */
void gk_figure_rules_watch(gk_figure_rules *rules, const volatile sig_atomic_t *stop);

/* Read every figure of report r.  *out must be zeroed; release with
 * gk_figures_clear.  Not thread-safe per rules object (the regular
 * expressions keep state).  Fails only with GK_ENOMEM. */
gk_status gk_figures_extract(gk_figures *out, const gk_figure_rules *rules,
                             const gk_report *r, char **errmsg);

/* Release what gk_figures_extract allocated and zero *f.  NULL-safe. */
void gk_figures_clear(gk_figures *f);

/* yyyymmdd as "YYYY-MM-DD" in out (at least 11 bytes); "" for 0. */
void gk_date_iso(int yyyymmdd, char out[11]);

/* "ok", "mismatch" or "incomplete". */
const char *gk_consistency_name(gk_consistency c);

/* "table", "prose", "derived" or "none". */
const char *gk_figure_source_name(gk_figure_source s);

#ifdef __cplusplus
}
#endif

#endif
