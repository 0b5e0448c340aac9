/* grid.c - table text in any rendering read as rows of cells. */
#include "grid.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_figures.h"
#include "gk_utf8.h"
#include "gk_util.h"

#define IDEOGRAPHIC_SPACE "\xE3\x80\x80" /* U+3000 */

/* One cell per paragraph: at least this many one-cell lines followed by a
 * blank line, and this many times as many as those followed directly by
 * another one-cell line (a cell broken over two lines). */
#define GK_PARAGRAPH_MIN 8
#define GK_PARAGRAPH_RATIO 4

/* The longest run of separator lines counted as the usual separator. */
#define GK_SEPARATOR_MAX 4

void gk_grid_clear(gk_grid *g)
{
    if (g == NULL)
        return;
    for (size_t i = 0; i < g->nrows; i++) {
        for (size_t k = 0; k < g->rows[i].ncells; k++)
            free(g->rows[i].cells[k]);
        free(g->rows[i].cells);
    }
    free(g->rows);
    memset(g, 0, sizeof *g);
}

int gk_grid_is_figure(const gk_figure_rules *rules, const char *cell)
{
    gk_amount a = gk_amount_read(rules, cell, strlen(cell));
    return a.kind == GK_AMOUNT_NUMBER || a.kind == GK_AMOUNT_ZERO ||
           a.kind == GK_AMOUNT_DASH;
}

static int is_blank(const char *cell)
{
    return cell[0] == '\0';
}

/* A copy of s[0..n) without surrounding white space (ASCII and U+3000). */
static char *trimmed(const char *s, size_t n)
{
    for (;;) {
        if (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
            s++;
            n--;
        } else if (GK_STARTS_WITH(s, n, IDEOGRAPHIC_SPACE)) {
            s += GK_LEN(IDEOGRAPHIC_SPACE);
            n -= GK_LEN(IDEOGRAPHIC_SPACE);
        } else {
            break;
        }
    }
    for (;;) {
        if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        else if (GK_ENDS_WITH(s, n, IDEOGRAPHIC_SPACE))
            n -= GK_LEN(IDEOGRAPHIC_SPACE);
        else
            break;
    }
    return gk_strndup(s, n);
}

static gk_status push_cell(gk_grow *r, char *cell)
{
    if (cell == NULL)
        return GK_ENOMEM;
    if (GK_ARRAY_RESERVE(r->cells, r->cells_cap, r->ncells + 1) != GK_OK) {
        free(cell);
        return GK_ENOMEM;
    }
    r->cells[r->ncells++] = cell;
    return GK_OK;
}

static gk_status push_row(gk_grid *g, gk_grow *r)
{
    if (r->ncells == 0) {
        free(r->cells);
        memset(r, 0, sizeof *r);
        return GK_OK;
    }
    if (GK_ARRAY_RESERVE(g->rows, g->rows_cap, g->nrows + 1) != GK_OK)
        return GK_ENOMEM;
    g->rows[g->nrows++] = *r;
    memset(r, 0, sizeof *r);
    return GK_OK;
}

/* "|---|:--:|" */
static int markdown_rule(const char *s, size_t n)
{
    size_t dashes = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-')
            dashes++;
        else if (s[i] != '|' && s[i] != ':' && s[i] != ' ')
            return 0;
    }
    return dashes >= 3;
}

/* Split s[0..n) at sep into trimmed cells. */
static gk_status split(gk_grow *r, const char *s, size_t n, char sep)
{
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != sep)
            continue;
        gk_status st = push_cell(r, trimmed(s + a, i - a));
        if (st != GK_OK)
            return st;
        a = i + 1;
    }
    return GK_OK;
}

typedef struct reader {
    gk_grid *grid;
    const gk_figure_rules *rules;
    gk_grow pending; /* cells gathered from one-cell lines */
    int pending_figure; /* pending holds a figure: kept, not recounted, so
                           that a long run of one-cell lines is linear */
    gk_row_start_fn row_start;
    void *ctx;
    int paragraphs;    /* LINES, PARAGRAPHS, PIPE_LINES (paragraph_mode) */
    size_t sep;        /* separator lines between two cells, usually */
    size_t blanks;     /* separator lines since the last cell */
    int after_text;    /* the last line was a one-cell line holding text */
} reader;

/* The kinds of line the reader tells apart before reading. */
enum { LINE_BLANK, LINE_CELL, LINE_PIPES, LINE_ROW };

/* How one-cell lines are separated (see paragraph_mode). */
enum { LINES, PARAGRAPHS, PIPE_LINES };

/* 1 if a line with this tab is a row of cells ("\tX" alone is one cell). */
static int tab_row(const char *s, size_t n, const char *tab)
{
    return tab != NULL && !(tab == s && memchr(s + 1, '\t', n - 1) == NULL);
}

/* A line of one cell (no tab between cells, no pipe), a blank line, a
 * line of pipes alone, or a line with its own separators. */
static int line_kind(const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n);
    if (tab_row(s, n, tab))
        return LINE_ROW;
    char *cell = trimmed(s, n);
    if (cell == NULL)
        return LINE_ROW;
    int kind = is_blank(cell)                          ? LINE_BLANK
             : strspn(cell, "|") == strlen(cell)       ? LINE_PIPES
             : strchr(cell, '|') != NULL               ? LINE_ROW
                                                       : LINE_CELL;
    free(cell);
    return kind;
}

/* How the one-cell lines of the text are separated: PARAGRAPHS when they
 * are followed by a blank line far more often than directly by another
 * one-cell line (tables pasted from web pages, every cell a paragraph of
 * its own), PIPE_LINES when by a line of pipes alone ("|" after every
 * cell); a blank line, or a line of pipes, then separates cells, not
 * rows.  Otherwise LINES.  *sep is how many blank lines most often stand
 * between two cells (1 but for pages that put two blank lines between
 * paragraphs; one line of pipes). */
static int paragraph_mode(const char *text, size_t len, size_t *sep)
{
    size_t spaced = 0, piped = 0, adjacent = 0, run = 0;
    size_t runs[GK_SEPARATOR_MAX + 1] = {0};
    int prev = LINE_ROW, before_run = LINE_ROW;
    for (size_t ls = 0; ls <= len;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        int kind = line_kind(text + ls, le - ls);
        if (prev == LINE_CELL && kind == LINE_BLANK)
            spaced++;
        else if (prev == LINE_CELL && kind == LINE_PIPES)
            piped++;
        else if (prev == LINE_CELL && kind == LINE_CELL)
            adjacent++;
        if (kind == LINE_BLANK) {
            if (run++ == 0)
                before_run = prev;
        } else if (kind != LINE_PIPES) {
            if (kind == LINE_CELL && before_run == LINE_CELL && run > 0 &&
                run <= GK_SEPARATOR_MAX)
                runs[run]++;
            run = 0;
        }
        prev = kind;
        ls = le + 1;
    }
    *sep = 1;
    for (size_t k = 2; k <= GK_SEPARATOR_MAX; k++)
        if (runs[k] > runs[*sep])
            *sep = k;
    if (piped > spaced && piped >= GK_PARAGRAPH_MIN &&
        adjacent * GK_PARAGRAPH_RATIO <= piped) {
        *sep = 1;
        return PIPE_LINES;
    }
    if (spaced >= GK_PARAGRAPH_MIN && adjacent * GK_PARAGRAPH_RATIO <= spaced)
        return PARAGRAPHS;
    return LINES;
}

/* End the pending row. */
static gk_status end_pending(reader *rd)
{
    rd->pending_figure = 0;
    return push_row(rd->grid, &rd->pending);
}

/* Add a cell from a one-cell line to the pending row (or start a new row). */
static gk_status gather(reader *rd, char *cell)
{
    if (cell == NULL)
        return GK_ENOMEM;
    int blank = is_blank(cell);
    int label = !blank && !gk_grid_is_figure(rd->rules, cell);
    if (label && rd->pending.ncells > 0 &&
        (rd->pending_figure ||
         (rd->row_start != NULL && rd->row_start(rd->ctx, cell)))) {
        gk_status st = end_pending(rd);
        if (st != GK_OK) {
            free(cell);
            return st;
        }
    }
    gk_status st = push_cell(&rd->pending, cell);
    if (st == GK_OK && !blank && !label)
        rd->pending_figure = 1;
    return st;
}

/* A one-cell line of text written one cell per paragraph.  Blank lines
 * (PARAGRAPHS) or lines of pipes (PIPE_LINES) separate the cells; an empty
 * cell between two separators is a blank cell (with blank lines: three
 * blank lines, or a line of white space between two blank ones; with
 * pipes: two lines of pipes); lines of text with no separator between them
 * are one cell broken over lines ("本年新" / "制作数量"), unless one of
 * them is a figure. */
static gk_status paragraph_line(reader *rd, char *cell, int kind)
{
    if (kind == LINE_PIPES || kind == LINE_BLANK) {
        free(cell);
        if ((kind == LINE_PIPES) == (rd->paragraphs == PIPE_LINES))
            rd->blanks++;
        return GK_OK;
    }
    gk_status st = GK_OK;
    int text = !gk_grid_is_figure(rd->rules, cell);
    if (rd->blanks == 0 && rd->after_text && text && rd->pending.ncells > 0) {
        char **last = &rd->pending.cells[rd->pending.ncells - 1];
        size_t a = strlen(*last), b = strlen(cell);
        char *joined = malloc(a + b + 1);
        if (joined == NULL) {
            free(cell);
            return GK_ENOMEM;
        }
        memcpy(joined, *last, a);
        memcpy(joined + a, cell, b + 1);
        free(*last);
        free(cell);
        *last = joined;
        if (gk_grid_is_figure(rd->rules, joined))
            rd->pending_figure = 1;
        return GK_OK;
    }
    /* an empty cell adds its own line and a separator */
    size_t empty = rd->blanks > rd->sep ? (rd->blanks - rd->sep) / (rd->sep + 1) : 0;
    if (rd->paragraphs == PIPE_LINES && rd->blanks > rd->sep)
        empty = rd->blanks - rd->sep; /* "|" "|": the empty cell has no line */
    for (size_t k = 0; k < empty && st == GK_OK; k++)
        st = gather(rd, gk_strdup(""));
    rd->blanks = 0;
    rd->after_text = text;
    if (st != GK_OK) {
        free(cell);
        return st;
    }
    return gather(rd, cell);
}

static gk_status read_line(reader *rd, const char *s, size_t n)
{
    gk_status st = GK_OK;
    int kind = line_kind(s, n);
    if (rd->paragraphs != LINES && kind != LINE_ROW) {
        char *cell = trimmed(s, n);
        return cell != NULL ? paragraph_line(rd, cell, kind) : GK_ENOMEM;
    }
    if (kind == LINE_ROW) {
        rd->blanks = 0;
        rd->after_text = 0;
    }
    const char *tab = memchr(s, '\t', n);
    const char *pipe = memchr(s, '|', n);
    if (tab != NULL && !(tab == s && memchr(s + 1, '\t', n - 1) == NULL)) {
        gk_grow row = {.explicit_row = 1};
        if ((st = end_pending(rd)) == GK_OK &&
            (st = split(&row, s, n, '\t')) == GK_OK)
            st = push_row(rd->grid, &row);
        return st;
    }
    if (tab == NULL && pipe != NULL) {
        if (markdown_rule(s, n))
            return GK_OK;
        gk_grow parts = {.explicit_row = 1};
        if ((st = split(&parts, s, n, '|')) != GK_OK)
            return st;
        /* "| a | b |": the edges are not cells */
        size_t first = 0, last = parts.ncells;
        size_t lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
            lead++;
        if (lead < n && s[lead] == '|')
            first = 1;
        size_t end = n;
        while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        if (end > 0 && s[end - 1] == '|' && last > first)
            last--;
        size_t filled = 0;
        for (size_t i = first; i < last; i++)
            filled += !is_blank(parts.cells[i]);
        gk_grow row = {.explicit_row = 1};
        for (size_t i = 0; i < parts.ncells; i++) {
            if (i < first || i >= last || st != GK_OK) {
                free(parts.cells[i]);
                continue;
            }
            st = filled >= 2 ? push_cell(&row, parts.cells[i])
                             : gather(rd, parts.cells[i]);
        }
        free(parts.cells);
        if (st == GK_OK && filled == 0 && last == first)
            st = gather(rd, gk_strdup("")); /* "|" alone: an empty cell */
        if (st == GK_OK && filled >= 2) {
            if ((st = end_pending(rd)) == GK_OK)
                st = push_row(rd->grid, &row);
        } else {
            for (size_t i = 0; i < row.ncells; i++)
                free(row.cells[i]);
            free(row.cells);
        }
        return st;
    }
    char *cell = trimmed(s, n);
    if (cell == NULL)
        return GK_ENOMEM;
    if (is_blank(cell) && (tab == NULL || n == 0)) {
        free(cell); /* an empty line ends the row */
        return end_pending(rd);
    }
    return gather(rd, cell);
}

gk_status gk_grid_read(gk_grid *out, const gk_figure_rules *rules,
                       const char *text, size_t len,
                       gk_row_start_fn row_start, void *ctx)
{
    memset(out, 0, sizeof *out);
    size_t sep = 1;
    int mode = paragraph_mode(text, len, &sep);
    reader rd = {out, rules, {0}, 0, row_start, ctx, mode, sep, 0, 0};
    gk_status st = GK_OK;
    for (size_t ls = 0; ls <= len && st == GK_OK;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        st = read_line(&rd, text + ls, le - ls);
        ls = le + 1;
    }
    if (st == GK_OK)
        st = push_row(out, &rd.pending);
    if (st != GK_OK) {
        for (size_t k = 0; k < rd.pending.ncells; k++)
            free(rd.pending.cells[k]);
        free(rd.pending.cells);
        gk_grid_clear(out);
    }
    return st;
}
