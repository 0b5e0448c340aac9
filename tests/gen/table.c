/* table.c - a grid of cells and its renderings. */
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *gen_rendering_name(gen_rendering r)
{
    static const char *const names[] = {"tabs",     "cell-lines", "cell-lines-tight",
                                        "cell-pipes", "pipe-rows", "markdown",
                                        "html",     "table-cell-paragraphs", "table-pipe-spans"};
    return r < GEN_R_COUNT ? names[r] : "?";
}

void gen_table_row(gen_table *t)
{
    t->rows = gen_xrealloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
    t->rows[t->nrows].cells = NULL;
    t->rows[t->nrows].ncells = 0;
    t->nrows++;
}

void gen_table_cell(gen_table *t, const char *text, int colspan, int rowspan)
{
    gen_trow *r = &t->rows[t->nrows - 1];
    r->cells = gen_xrealloc(r->cells, (r->ncells + 1) * sizeof *r->cells);
    r->cells[r->ncells].text = gen_strdup(text);
    r->cells[r->ncells].colspan = colspan < 1 ? 1 : colspan;
    r->cells[r->ncells].rowspan = rowspan < 1 ? 1 : rowspan;
    r->ncells++;
}

void gen_table_cellf(gen_table *t, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    gen_table_cell(t, text, 1, 1);
}

void gen_table_clear(gen_table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t k = 0; k < t->rows[i].ncells; k++)
            free(t->rows[i].cells[k].text);
        free(t->rows[i].cells);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* The grid with spans laid out: grid[row * ncols + col] is the text of a
 * cell that starts there, or "" where a span covers it. */
static const char **layout(const gen_table *t, int *ncols)
{
    int cols = t->ncols;
    for (size_t i = 0; i < t->nrows; i++) {
        int w = 0;
        for (size_t k = 0; k < t->rows[i].ncells; k++)
            w += t->rows[i].cells[k].colspan;
        if (w > cols)
            cols = w;
    }
    const char **g = gen_xrealloc(NULL, (t->nrows * (size_t)cols + 1) * sizeof *g);
    char *taken = calloc(t->nrows * (size_t)cols + 1, 1);
    for (size_t i = 0; i < t->nrows * (size_t)cols; i++)
        g[i] = "";
    for (size_t i = 0; i < t->nrows; i++) {
        int c = 0;
        for (size_t k = 0; k < t->rows[i].ncells; k++) {
            while (c < cols && taken[i * (size_t)cols + (size_t)c])
                c++;
            const gen_cell *cell = &t->rows[i].cells[k];
            if (c >= cols)
                break;
            g[i * (size_t)cols + (size_t)c] = cell->text;
            for (int dr = 0; dr < cell->rowspan && i + (size_t)dr < t->nrows; dr++)
                for (int dc = 0; dc < cell->colspan && c + dc < cols; dc++)
                    taken[(i + (size_t)dr) * (size_t)cols + (size_t)(c + dc)] = 1;
            c += cell->colspan;
        }
    }
    free(taken);
    *ncols = cols;
    return g;
}

int gen_table_has_blank(const gen_table *t)
{
    int cols;
    const char **g = layout(t, &cols);
    int blank = 0;
    for (size_t i = 0; i < t->nrows && !blank; i++) {
        int seen = 0;
        for (int c = 0; c < cols; c++) {
            const char *s = g[i * (size_t)cols + (size_t)c];
            if (s[0])
                seen = 1;
            else if (seen) {
                /* a blank after the row's label, before a later value */
                for (int d = c + 1; d < cols; d++)
                    if (g[i * (size_t)cols + (size_t)d][0])
                        blank = 1;
            }
        }
    }
    free(g);
    return blank;
}

static void render_html(const gen_table *t, gen_buf *out)
{
    gen_buf_puts(out, "<table border=\"1\" cellspacing=\"0\">\n");
    for (size_t i = 0; i < t->nrows; i++) {
        gen_buf_puts(out, "<tr>");
        for (size_t k = 0; k < t->rows[i].ncells; k++) {
            const gen_cell *c = &t->rows[i].cells[k];
            gen_buf_puts(out, "<td");
            if (c->colspan > 1)
                gen_buf_printf(out, " colspan=\"%d\"", c->colspan);
            if (c->rowspan > 1)
                gen_buf_printf(out, " rowspan=\"%d\"", c->rowspan);
            gen_buf_printf(out, "><p>%s</p></td>", c->text);
        }
        gen_buf_puts(out, "</tr>\n");
    }
    gen_buf_puts(out, "</table>\n");
}

/* Cell lines ending in " |", a span's covered columns as more pipes
 * ("本年处理决定数量 | ||"), a blank cell as a lone "|". */
static void render_pipe_spans(const gen_table *t, gen_buf *out)
{
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t k = 0; k < t->rows[i].ncells; k++) {
            const gen_cell *c = &t->rows[i].cells[k];
            gen_buf_printf(out, "%s%s", c->text, c->text[0] ? " |" : "|");
            if (c->colspan > 1) {
                gen_buf_puts(out, " ");
                for (int n = 1; n < c->colspan; n++)
                    gen_buf_puts(out, "|");
            }
            gen_buf_puts(out, "\n");
        }
}

void gen_table_render(const gen_table *t, gen_rendering r, gen_buf *out)
{
    if (r == GEN_R_HTML) {
        render_html(t, out);
        return;
    }
    if (r == GEN_R_PIPE_SPANS) {
        render_pipe_spans(t, out);
        gen_buf_puts(out, "\n");
        return;
    }
    int cols;
    const char **g = layout(t, &cols);
    for (size_t i = 0; i < t->nrows; i++) {
        const char **row = g + i * (size_t)cols;
        int last = cols - 1;
        while (last > 0 && row[last][0] == '\0')
            last--;
        switch (r) {
        case GEN_R_TABS:
            for (int c = 0; c < cols; c++)
                gen_buf_printf(out, "%s%s", c ? "\t" : "", row[c]);
            gen_buf_puts(out, "\n");
            break;
        case GEN_R_PIPE_ROWS:
        case GEN_R_MARKDOWN:
            gen_buf_puts(out, "|");
            for (int c = 0; c < cols; c++)
                gen_buf_printf(out, " %s |", row[c]);
            gen_buf_puts(out, "\n");
            if (r == GEN_R_MARKDOWN && i == 0) {
                gen_buf_puts(out, "|");
                for (int c = 0; c < cols; c++)
                    gen_buf_puts(out, "---|");
                gen_buf_puts(out, "\n");
            }
            break;
        case GEN_R_CELL_LINES:
        case GEN_R_CELL_LINES_TIGHT:
        case GEN_R_CELL_PIPES:
            for (int c = 0; c <= last; c++) {
                if (row[c][0] == '\0')
                    continue;
                gen_buf_printf(out, "%s%s\n", row[c], r == GEN_R_CELL_PIPES ? " |" : "");
            }
            if (r == GEN_R_CELL_LINES)
                gen_buf_puts(out, "\n");
            break;
        case GEN_R_CELL_PARAS: /* every cell a paragraph; some numbers indented */
            for (int c = 0; c <= last; c++) {
                if (row[c][0] == '\0')
                    continue;
                int indent = row[c][0] >= '0' && row[c][0] <= '9' && (i + (size_t)c) % 3 == 0;
                gen_buf_printf(out, "%s%s\n\n", indent ? " " : "", row[c]);
            }
            break;
        default:
            break;
        }
    }
    if (r == GEN_R_PIPE_ROWS || r == GEN_R_MARKDOWN)
        gen_buf_puts(out, "\n");
    free(g);
}
