/* tables.h - the statistical tables of a report read cell by cell;
 * private to figures (tables.c reads, figures.c and consistency.c use). */
#ifndef GK_TABLES_H
#define GK_TABLES_H

#include <stddef.h>

#include "figure_rules.h"
#include "gk_figures.h"

/* One cell of a data row, in its column. */
typedef struct read_cell {
    const tbl_column *column;
    gk_amount amount;      /* as written (BLANK when the row had no cell) */
    char *text;            /* the cell as written, "" when missing */
    double value;          /* scaled: counts as written, money in 元 */
    int known;             /* a number or 0 (无); blank, dash: unknown */
    int unit_assumed;      /* money with no unit in the cell or header */
    int derived;           /* computed from other cells (tables.tsv derive) */
} read_cell;

/* One data row of a table. */
typedef struct read_row {
    const tbl_def *table;
    const char *row_id;    /* the matched row; NULL for a numbered sub-item */
    const char *group_id;  /* the group of a sub-item (or of a group row) */
    char *label;           /* as written, label cells joined by " / " */
    read_cell *cells;      /* one per column, in column order */
    size_t ncells;
    const char *section;   /* section id */
} read_row;

typedef struct table_reading {
    read_row *rows;
    size_t nrows, rows_cap;
    int votes_2019;        /* evidence for the template version */
    int votes_2021;
} table_reading;

/* Read the tables in one section's text and append their rows to *out
 * (zeroed before the first call).  Fails only with GK_ENOMEM. */
gk_status gk_tables_read(table_reading *out, const gk_figure_rules *rules,
                         const char *section, const char *text, size_t len);

/* Release and zero.  NULL-safe. */
void gk_tables_clear(table_reading *t);

/* The cell of column `column` in the first row of `table` with row id
 * `row`, or NULL. */
const read_cell *gk_tables_cell(const table_reading *t, const char *table,
                                const char *row, const char *column);

#endif
