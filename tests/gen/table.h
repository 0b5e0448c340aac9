/* table.h - a statistical table as a grid of cells with spans, rendered
 * the ways DOMAIN.md lists: tab rows, one cell per line (with or without
 * blank lines), cell lines ending in " |", pipe rows, markdown, HTML with
 * colspan/rowspan. */
#ifndef GEN_TABLE_H
#define GEN_TABLE_H

#include <stddef.h>

#include "buf.h"

typedef struct gen_cell {
    char *text;
    int colspan, rowspan; /* >= 1 */
} gen_cell;

typedef struct gen_trow {
    gen_cell *cells; /* only the cells the row starts (spans not repeated) */
    size_t ncells;
} gen_trow;

typedef struct gen_table {
    gen_trow *rows;
    size_t nrows;
    int ncols;
} gen_table;

typedef enum gen_rendering {
    GEN_R_TABS,
    GEN_R_CELL_LINES,       /* one cell per line, blank line between rows */
    GEN_R_CELL_LINES_TIGHT, /* one cell per line, no blank lines */
    GEN_R_CELL_PIPES,       /* one cell per line, each ending in " |" */
    GEN_R_PIPE_ROWS,
    GEN_R_MARKDOWN,
    GEN_R_HTML,
    GEN_R_CELL_PARAS,       /* one cell per paragraph, blank lines between cells */
    GEN_R_PIPE_SPANS,       /* cell lines ending " |", a span's covered columns as
                             * more "|" (rows ending in "||"), blank cells "|" */
    GEN_R_COUNT
} gen_rendering;

/* The rendering's name ("tabs", "html" ...). */
const char *gen_rendering_name(gen_rendering r);

/* Start a new row. */
void gen_table_row(gen_table *t);

/* Add a cell to the last row. */
void gen_table_cell(gen_table *t, const char *text, int colspan, int rowspan);

/* Add a cell with formatted text and no span. */
void gen_table_cellf(gen_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append the table as text in the rendering. */
void gen_table_render(const gen_table *t, gen_rendering r, gen_buf *out);

/* 1 if some cell that is not the first of its row is blank: renderings
 * without cell separators cannot show it. */
int gen_table_has_blank(const gen_table *t);

/* Release the table and zero it. */
void gen_table_clear(gen_table *t);

#endif
