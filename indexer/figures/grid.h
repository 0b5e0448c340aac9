/* grid.h - table text in any rendering read as rows of cells; private to
 * figures (used by tables.c). */
#ifndef GK_GRID_H
#define GK_GRID_H

#include <stddef.h>

#include "gk_figures.h"
#include "gk_status.h"

typedef struct gk_grow {
    char **cells;      /* trimmed, owned */
    size_t ncells, cells_cap;
    int explicit_row;  /* one line with its own separators (tabs, pipes) */
} gk_grow;

typedef struct gk_grid {
    gk_grow *rows;
    size_t nrows, rows_cap;
} gk_grid;

/* 1 if a cell with this text begins a table row (a known row label). */
typedef int (*gk_row_start_fn)(void *ctx, const char *cell);

/* Read text as rows of cells, telling figures from labels by the rules'
 * units and words (gk_amount_read).  Renderings:
 *  - a line with tabs is a row of cells (a line "\tX" alone is one cell);
 *  - a line with pipes and two or more non-empty cells is a row ("| a | b |",
 *    markdown); markdown separator lines are skipped;
 *  - any other line ("X", "\tX", "X |", "X | ||") is one cell (and blank
 *    ones), and such cells are gathered into rows: a blank line ends a row,
 *    and a label (a cell that is no figure) starts a new one when the row
 *    already holds a figure or when row_start says so.
 * Fails only with GK_ENOMEM. */
gk_status gk_grid_read(gk_grid *out, const gk_figure_rules *rules,
                       const char *text, size_t len,
                       gk_row_start_fn row_start, void *ctx);

/* Release a grid and zero it.  NULL-safe. */
void gk_grid_clear(gk_grid *g);

/* 1 if a cell holds a figure (a number, 0 written as 无, a dash); blank
 * cells are neither figures nor labels. */
int gk_grid_is_figure(const gk_figure_rules *rules, const char *cell);

#endif
