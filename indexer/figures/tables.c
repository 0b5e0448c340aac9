/* tables.c - the statistical tables of a section read cell by cell.
 *
 * The text is first read as rows of cells whatever its rendering (grid.c).
 * Rows without figures are headers: consecutive ones are joined, and a
 * versioned table's columns are the header labels of tables.tsv found in
 * that text, in the order they appear (so "本年新\n公开数量" still reads).
 * A data row belongs to the table whose row pattern its label matches; a
 * numbered sub-item ("1.属于国家秘密") to the group above it; an unlabelled
 * row of ten or more numbers to a table with a values row.  The row's
 * values are then lined up with the columns: padding blanks at the ends
 * are dropped, and what is missing is unknown (tables.tsv align). */
#include "tables.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "grid.h"

/* A values row has at least this many numbers. */
#define GK_VALUES_ROW_MIN 10

void gk_tables_clear(table_reading *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t k = 0; k < t->rows[i].ncells; k++)
            free(t->rows[i].cells[k].text);
        free(t->rows[i].cells);
        free(t->rows[i].label);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

const read_cell *gk_tables_cell(const table_reading *t, const char *table,
                                const char *row, const char *column)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const read_row *r = &t->rows[i];
        if (r->row_id == NULL || strcmp(r->table->id, table) != 0 ||
            strcmp(r->row_id, row) != 0)
            continue;
        for (size_t k = 0; k < r->ncells; k++)
            if (strcmp(r->cells[k].column->id, column) == 0)
                return &r->cells[k];
        return NULL;
    }
    return NULL;
}

/* s without white space, malloc'd. */
static char *squeeze(const char *s)
{
    size_t n = strlen(s), w = 0;
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
            continue;
        if (GK_STARTS_WITH(s + i, n - i, GK_IDEOGRAPHIC_SPACE)) {
            i += GK_LEN(GK_IDEOGRAPHIC_SPACE) - 1;
            continue;
        }
        out[w++] = s[i];
    }
    out[w] = '\0';
    return out;
}

static int matches(gk_rx *rx, const char *s)
{
    gk_rx_match m;
    return gk_rx_search(rx, s, strlen(s), 0, 0, &m);
}

/* The first row definition (over all tables) whose pattern matches key. */
static const tbl_row *match_row(const gk_figure_rules *r, const char *key,
                                const tbl_def **table)
{
    if (r->any_row != NULL && !matches(r->any_row, key))
        return NULL;
    for (size_t t = 0; t < r->ntables; t++)
        for (size_t i = 0; i < r->tables[t].nrows; i++)
            if (matches(r->tables[t].rows[i].rx, key)) {
                *table = &r->tables[t];
                return &r->tables[t].rows[i];
            }
    return NULL;
}

/* "1." "2、" "3 .": a numbered sub-item. */
static int numbered(const char *key)
{
    size_t i = 0;
    while (key[i] >= '0' && key[i] <= '9')
        i++;
    return i > 0 && i < 3 &&
           (key[i] == '.' || GK_STARTS_WITH(key + i, strlen(key + i), "、"));
}

static int row_start(void *ctx, const char *cell)
{
    const gk_figure_rules *r = ctx;
    char *key = squeeze(cell);
    if (key == NULL)
        return 0;
    const tbl_def *t;
    int yes = numbered(key) || match_row(r, key, &t) != NULL;
    free(key);
    return yes;
}

static int is_blank_cell(const char *c)
{
    return c[0] == '\0';
}

/* A column of a versioned table found in the header, with its unit. */
typedef struct found_column {
    const tbl_column *column;
    size_t at;      /* where its label starts in the header */
    size_t end;     /* and ends */
    double scale;   /* the header's unit: 1, 1e4 (万元), 1e8 (亿元) */
    int money;      /* the header names a money unit for it */
} found_column;

static int cmp_found(const void *a, const void *b)
{
    const found_column *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* A money unit of units.tsv right after a column's label: "(元)",
 * "(万元)", "(单位:万元...", the note word from amount_words.tsv; the
 * brackets may be lost in copying ("本年收费金额单位:万元"). */
static void header_unit(const amount_words *w, const char *h, size_t end,
                        found_column *c)
{
    c->scale = 1;
    c->money = 0;
    const char *p = h + end;
    if (*p == '(')
        p++;
    size_t note = gk_amount_word_at(w, AMOUNT_NOTE, p, strlen(p));
    if (note > 0) {
        p += note;
        if (*p == ':')
            p++;
    }
    const amount_unit *u = gk_amount_unit_at(w, p, strlen(p), 1);
    if (u != NULL) {
        c->scale = u->scale;
        c->money = 1;
    }
}

/* 1 if [m.start, m.end) overlaps a column already found. */
static int overlaps(const found_column *found, size_t n, const gk_rx_match *m)
{
    for (size_t i = 0; i < n; i++)
        if (m->start < found[i].end && found[i].at < m->end)
            return 1;
    return 0;
}

/* The columns of versioned table t found in header h (the version with the
 * most columns found), in header order.  Each column's label is looked for
 * after the one before it in tables.tsv first, so two truncated labels
 * alike ("本年新" / "本年新") are two columns; then anywhere it does not
 * overlap another.  Returns how many (0: none); *of is how many columns
 * that version has. */
static size_t versioned_columns(const gk_figure_rules *r, const tbl_def *t,
                                const char *h, found_column *out, size_t max,
                                const char **version, size_t *of)
{
    static const char *const versions[] = {"2019", "2021"};
    size_t best = 0, hlen = strlen(h);
    *version = NULL;
    *of = 0;
    for (size_t v = 0; v < 2; v++) {
        found_column cand[32];
        size_t n = 0, from = 0, all = 0;
        for (size_t i = 0; i < t->ncolumns && n < 32 && n < max; i++) {
            if (strcmp(t->columns[i].version, versions[v]) != 0)
                continue;
            all++;
            gk_rx_match m;
            if (!(from < hlen && gk_rx_search(t->columns[i].rx, h, hlen, from, 0, &m)) &&
                !(gk_rx_search(t->columns[i].rx, h, hlen, 0, 0, &m) &&
                  !overlaps(cand, n, &m)))
                continue;
            cand[n].column = &t->columns[i];
            cand[n].at = m.start;
            cand[n].end = m.end;
            if (m.end > from)
                from = m.end;
            header_unit(&r->amounts, h, m.end, &cand[n]);
            n++;
        }
        if (n > best) {
            *of = all;
            best = n;
            *version = versions[v];
            memcpy(out, cand, n * sizeof *cand);
        }
    }
    qsort(out, best, sizeof *out, cmp_found);
    return best;
}

/* The indexes [*first, *last) of vals to line up with ncols columns:
 * padding blanks at the ends go first, those at the far end from the
 * alignment first (aligned right, a blank last cell is a blank total,
 * while blanks at the start are the label's merged cells); then, aligned
 * left, extra values at the end are dropped (aligned right: at the start). */
static void line_up(char **vals, size_t nvals, size_t ncols, int right,
                    size_t *first, size_t *last)
{
    size_t a = 0, b = nvals;
    while (right && b - a > ncols && is_blank_cell(vals[a]))
        a++;
    while (b - a > ncols && is_blank_cell(vals[b - 1]))
        b--;
    while (b - a > ncols && is_blank_cell(vals[a]))
        a++;
    if (b - a > ncols) {
        if (right)
            a = b - ncols;
        else
            b = a + ncols;
    }
    *first = a;
    *last = b;
}

static gk_status fill_cell(const gk_figure_rules *r, read_cell *c,
                           const tbl_column *col, const char *text,
                           const found_column *fc, int is_money)
{
    c->column = col;
    c->text = gk_strdup(text);
    if (c->text == NULL)
        return GK_ENOMEM;
    c->amount = gk_amount_read(r, text, strlen(text));
    c->known = c->amount.kind == GK_AMOUNT_NUMBER || c->amount.kind == GK_AMOUNT_ZERO;
    double scale = c->amount.scale;
    if (c->amount.scale == 1 && !c->amount.money_unit && fc != NULL)
        scale = fc->scale;
    c->value = c->amount.kind == GK_AMOUNT_NUMBER ? gk_amount_scaled(c->amount.value, scale) : 0;
    /* 0 is 0 in any unit: only a non-zero sum needs one */
    c->unit_assumed = c->known && is_money && c->amount.kind == GK_AMOUNT_NUMBER &&
                      c->amount.value != 0 && !c->amount.money_unit &&
                      (fc == NULL || !fc->money);
    return GK_OK;
}

/* 1 if any figure maps a money figure to this column of t. */
static int money_column(const gk_figure_rules *r, const tbl_def *t,
                        const tbl_column *col)
{
    for (size_t i = 0; i < t->nfigures; i++)
        if (strcmp(t->figures[i].column, col->id) == 0 &&
            r->figs[t->figures[i].figure].money == 1)
            return 1;
    return 0;
}

/* Fill the missing totals that tables.tsv lets derive from their parts. */
static void derive_totals(read_row *row)
{
    const tbl_def *t = row->table;
    for (size_t d = 0; d < t->nderives; d++) {
        const tbl_derive *dv = &t->derives[d];
        if (row->row_id == NULL || strcmp(dv->row, row->row_id) != 0)
            continue;
        read_cell *total = NULL;
        double sum = 0;
        size_t known = 0;
        for (size_t k = 0; k < row->ncells; k++) {
            read_cell *c = &row->cells[k];
            if (strcmp(c->column->id, dv->column) == 0)
                total = c;
            for (size_t p = 0; p < dv->nparts; p++)
                if (strcmp(c->column->id, dv->parts[p]) == 0 && c->known) {
                    sum += c->value;
                    known++;
                }
        }
        if (total != NULL && !total->known && known == dv->nparts) {
            total->known = 1;
            total->value = sum;
            total->derived = 1;
        }
    }
}

typedef struct state {
    const gk_figure_rules *rules;
    table_reading *out;
    const char *section;
    gk_buf header;           /* consecutive header rows, squeezed */
    int header_open;         /* the last row was a header row */
    const tbl_def *table;    /* the table of the last data row */
    const char *group;       /* the group numbered sub-items belong to */
} state;

static gk_status add_row(state *s, const tbl_def *t, const char *row_id,
                         const char *group_id, const char *label,
                         char **vals, size_t nvals)
{
    found_column found[32];
    size_t ncols;
    if (t->versioned) {
        const char *version;
        size_t of;
        ncols = versioned_columns(s->rules, t, s->header.data ? s->header.data : "",
                                  found, 32, &version, &of);
        if (ncols == 0)
            return GK_OK; /* no header to read it by */
        size_t first = 0, last = nvals;
        while (last > first && is_blank_cell(vals[last - 1]))
            last--;
        while (first < last && is_blank_cell(vals[first]))
            first++;
        if (ncols < of && last - first > ncols)
            return GK_OK; /* more values than the header's columns read:
                             which is which is not known */
        if (strcmp(version, "2019") == 0)
            s->out->votes_2019++;
        else
            s->out->votes_2021++;
    } else {
        ncols = 0;
        for (size_t i = 0; i < t->ncolumns && ncols < 32; i++) {
            found[ncols].column = &t->columns[i];
            found[ncols].scale = 1;
            found[ncols].money = 0;
            ncols++;
        }
    }
    size_t first, last;
    line_up(vals, nvals, ncols, t->align_right, &first, &last);
    size_t have = last - first;
    /* values fill the columns from the left (or, aligned right, from the
     * right); the columns left over get no cell */
    size_t offset = t->align_right && have < ncols ? ncols - have : 0;
    if (GK_ARRAY_RESERVE(s->out->rows, s->out->rows_cap, s->out->nrows + 1) != GK_OK)
        return GK_ENOMEM;
    read_row *row = &s->out->rows[s->out->nrows];
    memset(row, 0, sizeof *row);
    row->table = t;
    row->row_id = row_id;
    row->group_id = group_id;
    row->section = s->section;
    row->label = gk_strdup(label);
    row->cells = calloc(ncols ? ncols : 1, sizeof *row->cells);
    if (row->label == NULL || row->cells == NULL) {
        free(row->label);
        free(row->cells);
        return GK_ENOMEM;
    }
    s->out->nrows++;
    row->ncells = ncols;
    for (size_t k = 0; k < ncols; k++) {
        const char *text = "";
        if (k >= offset && k - offset < have)
            text = vals[first + k - offset];
        gk_status st = fill_cell(s->rules, &row->cells[k], found[k].column, text,
                                 &found[k], money_column(s->rules, t, found[k].column));
        if (st != GK_OK)
            return st;
    }
    derive_totals(row);
    return GK_OK;
}

/* The table with a values row and enough columns for n numbers. */
static const tbl_def *values_table(const gk_figure_rules *r, size_t n)
{
    for (size_t t = 0; t < r->ntables; t++)
        if (r->tables[t].values_row != NULL && n >= GK_VALUES_ROW_MIN &&
            r->tables[t].ncolumns >= GK_VALUES_ROW_MIN)
            return &r->tables[t];
    return NULL;
}

static gk_status read_grid_row(state *s, const gk_grow *g)
{
    /* labels: the cells up to the last one that is text; values: the rest */
    size_t nlabel = 0, figures = 0;
    for (size_t i = 0; i < g->ncells; i++)
        if (!is_blank_cell(g->cells[i]) && !gk_grid_is_figure(s->rules, g->cells[i]))
            nlabel = i + 1;
    for (size_t i = nlabel; i < g->ncells; i++)
        figures += gk_grid_is_figure(s->rules, g->cells[i]);
    if (nlabel == 0 && figures == 0)
        return GK_OK; /* empty cells only (layout pipes): nothing at all */
    gk_buf label = {0};
    for (size_t i = 0; i < nlabel; i++)
        if (!is_blank_cell(g->cells[i])) {
            if (label.len > 0)
                gk_buf_adds(&label, " / ");
            gk_buf_adds(&label, g->cells[i]);
        }
    char *shown = gk_buf_take(&label, NULL);
    char *key = shown != NULL ? squeeze(shown) : NULL;
    if (key == NULL) {
        free(shown);
        return GK_ENOMEM;
    }
    gk_status st = GK_OK;
    const tbl_def *t = NULL;
    const tbl_row *row = match_row(s->rules, key, &t);

    if (figures == 0) { /* a header row, a caption, or a group's own row */
        if (!s->header_open)
            s->header.len = 0;
        s->header_open = 1;
        /* its cells run together: a label broken over two cells
         * ("本年新" / "公开数量") is read whole */
        for (size_t i = 0; i < g->ncells && st == GK_OK; i++) {
            char *cell = squeeze(g->cells[i]);
            st = cell != NULL ? gk_buf_adds(&s->header, cell) : GK_ENOMEM;
            free(cell);
        }
        if (row != NULL && row->group) {
            s->table = t;
            s->group = row->id;
        }
    } else {
        s->header_open = 0;
        char **vals = g->cells + nlabel;
        size_t nvals = g->ncells - nlabel;
        for (size_t h = 0; h < s->rules->ntables; h++) /* template hints */
            for (size_t k = 0; k < s->rules->tables[h].nhints; k++)
                if (matches(s->rules->tables[h].hints[k].rx, key)) {
                    if (strcmp(s->rules->tables[h].hints[k].version, "2019") == 0)
                        s->out->votes_2019++;
                    else
                        s->out->votes_2021++;
                }
        const tbl_def *vt = values_table(s->rules, figures);
        if (row != NULL && vt != NULL && !t->versioned &&
            figures > t->ncolumns + 2) {
            /* far more numbers than the table has columns: the label was
             * a header cell ("总计") of a values row */
            row = NULL;
        }
        if (row != NULL && row->group) {
            s->table = t;
            s->group = row->id;
            st = add_row(s, t, NULL, row->id, shown, vals, nvals);
        } else if (row != NULL) {
            s->table = t;
            s->group = NULL;
            st = add_row(s, t, row->id, NULL, shown, vals, nvals);
        } else if (numbered(key) && s->table != NULL) {
            st = add_row(s, s->table, NULL, s->group, shown, vals, nvals);
        } else if (vt != NULL) {
            s->table = vt;
            st = add_row(s, vt, vt->values_row, NULL, "", vals, nvals);
        }
    }
    free(key);
    free(shown);
    return st;
}

gk_status gk_tables_read(table_reading *out, const gk_figure_rules *rules,
                         const char *section, const char *text, size_t len)
{
    gk_grid grid;
    gk_status st = gk_grid_read(&grid, rules, text, len, row_start, (void *)rules);
    if (st != GK_OK)
        return st;
    state s = {rules, out, section, {0}, 0, NULL, NULL};
    for (size_t i = 0; i < grid.nrows && st == GK_OK; i++)
        st = read_grid_row(&s, &grid.rows[i]);
    gk_buf_free(&s.header);
    gk_grid_clear(&grid);
    return st;
}
