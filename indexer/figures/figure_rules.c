/* figure_rules.c - loading figures.tsv, tables.tsv, prose_figures.tsv and
 * templates.tsv (units.tsv and amount_words.tsv: amount_words.c). */
#include "figure_rules.h"

#include "completeness.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_schema.h"
#include "gk_table.h"
#include "gk_tsv.h"
#include "gk_util.h"

/* ---- freeing ------------------------------------------------------------ */

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_table(tbl_def *t)
{
    free(t->id);
    for (size_t i = 0; i < t->ncolumns; i++) {
        free(t->columns[i].id);
        free(t->columns[i].label);
        free(t->columns[i].version);
        gk_rx_free(t->columns[i].rx);
    }
    free(t->columns);
    for (size_t i = 0; i < t->nrows; i++) {
        free(t->rows[i].id);
        gk_rx_free(t->rows[i].rx);
    }
    free(t->rows);
    free(t->values_row);
    for (size_t i = 0; i < t->nfigures; i++) {
        free(t->figures[i].row);
        free(t->figures[i].column);
    }
    free(t->figures);
    for (size_t i = 0; i < t->nsums; i++) {
        free(t->sums[i].row);
        free_strings(t->sums[i].columns, t->sums[i].ncolumns);
    }
    free(t->sums);
    for (size_t i = 0; i < t->nderives; i++) {
        free(t->derives[i].row);
        free(t->derives[i].column);
        free_strings(t->derives[i].parts, t->derives[i].nparts);
    }
    free(t->derives);
    for (size_t i = 0; i < t->nhints; i++) {
        free(t->hints[i].version);
        gk_rx_free(t->hints[i].rx);
    }
    free(t->hints);
}

void gk_figure_rules_free(gk_figure_rules *r)
{
    if (r == NULL)
        return;
    gk_table_free(r->names);
    free(r->figs);
    for (size_t i = 0; i < r->ntables; i++)
        free_table(&r->tables[i]);
    free(r->tables);
    for (size_t i = 0; i < r->nprose; i++) {
        gk_rx_free(r->prose[i].rx);
        free(r->prose[i].section);
    }
    free(r->prose);
    gk_amount_words_clear(&r->amounts);
    for (size_t i = 0; i < r->nstructures; i++) {
        free(r->structures[i].id);
        for (size_t k = 0; k < r->structures[i].ncues; k++)
            gk_rx_free(r->structures[i].cues[k]);
        free(r->structures[i].cues);
    }
    free(r->structures);
    gk_rx_free(r->any_row);
    gk_buf_free(&r->any_row_text);
    gk_completeness_rules_free(r->completeness);
    free(r);
}

/* ---- figures.tsv -------------------------------------------------------- */

static const char *const figure_kinds[] = {"slot", "kind", NULL};
static const gk_table_spec figure_spec = {"figure", figure_kinds, NULL,
                                          GK_TABLE_ID_ANYCASE | GK_TABLE_ID_DIGITS};

int gk_figure_index(const gk_figure_rules *r, const char *id)
{
    for (size_t i = 0; i < r->nfigs; i++)
        if (strcmp(gk_table_id(r->names, i), id) == 0)
            return (int)i;
    return -1;
}

/* The slot and kind records of figures.tsv, in file order. */
static gk_status figure_details(gk_figure_rules *r, char **errmsg)
{
    r->nfigs = gk_table_count(r->names);
    if ((r->figs = calloc(r->nfigs ? r->nfigs : 1, sizeof *r->figs)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->nfigs; i++)
        r->figs[i].money = -1;
    const gk_table_record *rec;
    for (size_t k = 0; (rec = gk_table_next(r->names, NULL, &k)) != NULL;) {
        fig_def *d = &r->figs[rec->entry];
        const char *v = rec->text;
        if (strcmp(rec->kind, "kind") == 0) {
            if (strcmp(v, "count") != 0 && strcmp(v, "money") != 0)
                return gk_table_fail_at(r->names, rec, GK_ECORRUPT, errmsg,
                                        "kind must be count or money, not '%s'", v);
            d->money = strcmp(v, "money") == 0;
            continue;
        }
        char *end;
        errno = 0;
        long slot = strtol(v, &end, 10);
        if (errno || *end || slot < 20 || slot >= GK_SLOT_RECORD)
            return gk_table_fail_at(r->names, rec, GK_ECORRUPT, errmsg,
                                    "slot '%s' is not a number from 20 to %d", v,
                                    GK_SLOT_RECORD - 1);
        for (size_t i = 0; i < r->nfigs; i++)
            if (r->figs[i].slot == (unsigned)slot && &r->figs[i] != d)
                return gk_table_fail_at(r->names, rec, GK_ECORRUPT, errmsg,
                                        "slot %ld is also %s's", slot,
                                        gk_table_id(r->names, i));
        d->slot = (unsigned)slot;
    }
    return GK_OK;
}

static int valid_id(const char *id)
{
    if (id[0] == '\0')
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

/* A zeroed element appended to the array arr of n elements and capacity
 * cap (n counts it); NULL when out of memory. */
#define GROW(arr, n, cap)                                                  \
    (GK_ARRAY_RESERVE(arr, cap, (n) + 1) == GK_OK                          \
         ? (memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])          \
         : NULL)

/* ---- tables.tsv --------------------------------------------------------- */

static tbl_def *table_for(gk_figure_rules *r, const char *id)
{
    for (size_t i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i].id, id) == 0)
            return &r->tables[i];
    tbl_def *t = GROW(r->tables, r->ntables, r->tables_cap);
    if (t == NULL || (t->id = gk_strdup(id)) == NULL)
        return NULL;
    return t;
}

static int has_row(const tbl_def *t, const char *id)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].id, id) == 0)
            return 1;
    return t->values_row != NULL && strcmp(t->values_row, id) == 0;
}

static int has_column(const tbl_def *t, const char *id)
{
    for (size_t i = 0; i < t->ncolumns; i++)
        if (strcmp(t->columns[i].id, id) == 0)
            return 1;
    return 0;
}

/* The status of a failed regex compile, as a data-file error. */
static gk_status bad_rx(gk_status st)
{
    return st == GK_ENOMEM ? st : GK_ECORRUPT;
}

/* Add a row expression to the alternation of them all (any_row). */
static gk_status join_row(gk_figure_rules *r, const char *pattern, char **errmsg)
{
    if (r->any_row_unjoinable)
        return GK_OK;
    gk_status st = gk_section_rx_join(&r->any_row_text, pattern);
    if (st == GK_ENOMEM)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    r->any_row_unjoinable = st != GK_OK;
    return GK_OK;
}

/* Compile the alternation of every row expression, or leave it NULL. */
static gk_status join_rows(gk_figure_rules *r, char **errmsg)
{
    gk_status st = GK_OK;
    if (!r->any_row_unjoinable && r->any_row_text.len > 0 &&
        gk_rx_new(&r->any_row, r->any_row_text.data, NULL) == GK_ENOMEM)
        st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_buf_free(&r->any_row_text);
    return st;
}

static gk_status table_row(void *ctx, char **f, size_t n, size_t line,
                           char **errmsg)
{
    (void)line;
    gk_figure_rules *r = ctx;
    gk_status st;
    if (n < 3 || !valid_id(f[0]))
        return gk_fail(errmsg, GK_ECORRUPT, "expected TABLE KIND ... (see the file's header)");
    tbl_def *t = table_for(r, f[0]);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    const char *kind = f[1];
    if (strcmp(kind, "column") == 0 && (n == 5 || n == 6)) {
        if (strcmp(f[2], "2019") != 0 && strcmp(f[2], "2021") != 0 && strcmp(f[2], "any") != 0)
            return gk_fail(errmsg, GK_ECORRUPT, "version must be 2019, 2021 or any, not '%s'", f[2]);
        tbl_column *c = GROW(t->columns, t->ncolumns, t->columns_cap);
        if (c == NULL || (c->version = gk_strdup(f[2])) == NULL ||
            (c->id = gk_strdup(f[3])) == NULL || (c->label = gk_strdup(f[4])) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        if ((st = gk_rx_new(&c->rx, n == 6 ? f[5] : f[4], errmsg)) != GK_OK)
            return bad_rx(st);
        if (strcmp(f[2], "any") != 0)
            t->versioned = 1;
        return GK_OK;
    }
    if ((strcmp(kind, "row") == 0 || strcmp(kind, "group") == 0) && n == 4) {
        tbl_row *w = GROW(t->rows, t->nrows, t->rows_cap);
        if (w == NULL || (w->id = gk_strdup(f[2])) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        w->group = strcmp(kind, "group") == 0;
        if ((st = gk_rx_new(&w->rx, f[3], errmsg)) != GK_OK)
            return bad_rx(st);
        return join_row(r, f[3], errmsg);
    }
    if (strcmp(kind, "values") == 0 && n == 3) {
        free(t->values_row);
        return (t->values_row = gk_strdup(f[2])) ? GK_OK
                                                 : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    if (strcmp(kind, "figure") == 0 && n == 5) {
        int fig = gk_figure_index(r, f[4]);
        if (fig < 0)
            return gk_fail(errmsg, GK_ECORRUPT, "unknown figure '%s' (see figures.tsv)", f[4]);
        if (!has_row(t, f[2]) || !has_column(t, f[3]))
            return gk_fail(errmsg, GK_ECORRUPT, "table %s has no row '%s' or column '%s'",
                           t->id, f[2], f[3]);
        tbl_figure *g = GROW(t->figures, t->nfigures, t->figures_cap);
        if (g == NULL || (g->row = gk_strdup(f[2])) == NULL || (g->column = gk_strdup(f[3])) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        g->figure = fig;
        return GK_OK;
    }
    if (strcmp(kind, "sum") == 0 && n >= 6) {
        int fig = gk_figure_index(r, f[3]);
        if (fig < 0)
            return gk_fail(errmsg, GK_ECORRUPT, "unknown figure '%s' (see figures.tsv)", f[3]);
        if (!has_row(t, f[2]))
            return gk_fail(errmsg, GK_ECORRUPT, "table %s has no row '%s'", t->id, f[2]);
        tbl_sum *s = GROW(t->sums, t->nsums, t->sums_cap);
        if (s == NULL || (s->row = gk_strdup(f[2])) == NULL ||
            (s->columns = calloc(n - 4, sizeof *s->columns)) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        s->figure = fig;
        for (size_t k = 4; k < n; k++) {
            if (!has_column(t, f[k]))
                return gk_fail(errmsg, GK_ECORRUPT, "table %s has no column '%s'", t->id, f[k]);
            if ((s->columns[s->ncolumns] = gk_strdup(f[k])) == NULL)
                return gk_fail(errmsg, GK_ENOMEM, "out of memory");
            s->ncolumns++;
        }
        return GK_OK;
    }
    if (strcmp(kind, "derive") == 0 && n >= 6) {
        if (!has_row(t, f[2]))
            return gk_fail(errmsg, GK_ECORRUPT, "table %s has no row '%s'", t->id, f[2]);
        tbl_derive *d = GROW(t->derives, t->nderives, t->derives_cap);
        if (d == NULL || (d->row = gk_strdup(f[2])) == NULL ||
            (d->column = gk_strdup(f[3])) == NULL ||
            (d->parts = calloc(n - 4, sizeof *d->parts)) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        for (size_t k = 3; k < n; k++)
            if (!has_column(t, f[k]))
                return gk_fail(errmsg, GK_ECORRUPT, "table %s has no column '%s'", t->id, f[k]);
        for (size_t k = 4; k < n; k++) {
            if ((d->parts[d->nparts] = gk_strdup(f[k])) == NULL)
                return gk_fail(errmsg, GK_ENOMEM, "out of memory");
            d->nparts++;
        }
        return GK_OK;
    }
    if (strcmp(kind, "hint") == 0 && n == 4) {
        tbl_hint *h = GROW(t->hints, t->nhints, t->hints_cap);
        if (h == NULL || (h->version = gk_strdup(f[2])) == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        if ((st = gk_rx_new(&h->rx, f[3], errmsg)) != GK_OK)
            return bad_rx(st);
        return GK_OK;
    }
    if (strcmp(kind, "align") == 0 && n == 3) {
        if (strcmp(f[2], "left") != 0 && strcmp(f[2], "right") != 0)
            return gk_fail(errmsg, GK_ECORRUPT, "align must be left or right");
        t->align_right = strcmp(f[2], "right") == 0;
        return GK_OK;
    }
    return gk_fail(errmsg, GK_ECORRUPT,
                   "unknown or malformed record '%s' (column, row, group, values, "
                   "figure, sum, derive, hint, align)", kind);
}

/* ---- prose_figures.tsv -------------------------------------------------- */

static gk_status prose_row(void *ctx, char **f, size_t n, size_t line,
                           char **errmsg)
{
    (void)line;
    gk_figure_rules *r = ctx;
    if (n != 3 && n != 4)
        return gk_fail(errmsg, GK_ECORRUPT,
                       "expected 3 or 4 fields: figure, kind, regex [, section]");
    if (n == 4 && !valid_id(f[3]))
        return gk_fail(errmsg, GK_ECORRUPT, "'%s' is no section id", f[3]);
    int fig = gk_figure_index(r, f[0]);
    if (fig < 0)
        return gk_fail(errmsg, GK_ECORRUPT, "unknown figure '%s' (see figures.tsv)", f[0]);
    int kind = strcmp(f[1], "count") == 0 ? PROSE_COUNT
             : strcmp(f[1], "part") == 0  ? PROSE_PART
             : strcmp(f[1], "money") == 0 ? PROSE_MONEY
             : strcmp(f[1], "zero") == 0  ? PROSE_ZERO : -1;
    if (kind < 0)
        return gk_fail(errmsg, GK_ECORRUPT,
                       "kind must be count, part, money or zero, not '%s'", f[1]);
    prose_rule *p = GROW(r->prose, r->nprose, r->prose_cap);
    if (p == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    p->figure = fig;
    p->kind = kind;
    if (n == 4 && (p->section = gk_strdup(f[3])) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_rx_new(&p->rx, f[2], errmsg);
    if (st != GK_OK)
        return bad_rx(st);
    p->group_n = gk_rx_group(p->rx, "n");
    p->group_q = gk_rx_group(p->rx, "q");
    p->group_u = gk_rx_group(p->rx, "u");
    if (kind != PROSE_ZERO && p->group_n < 0)
        return gk_fail(errmsg, GK_ECORRUPT, "a %s rule needs a group (?<n>...) for the number", f[1]);
    return GK_OK;
}

/* ---- templates.tsv ------------------------------------------------------ */

static tpl_structure *structure_for(gk_figure_rules *r, const char *id)
{
    for (size_t i = 0; i < r->nstructures; i++)
        if (strcmp(r->structures[i].id, id) == 0)
            return &r->structures[i];
    tpl_structure *t = GROW(r->structures, r->nstructures, r->structures_cap);
    if (t == NULL || (t->id = gk_strdup(id)) == NULL)
        return NULL;
    return t;
}

static gk_status template_row(void *ctx, char **f, size_t n, size_t line,
                              char **errmsg)
{
    (void)line;
    gk_figure_rules *r = ctx;
    if (n != 3 || f[0][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT,
                       "expected 3 fields: template, heading or min, value");
    tpl_structure *t = structure_for(r, f[0]);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    if (strcmp(f[1], "heading") == 0) {
        if (GK_ARRAY_RESERVE(t->cues, t->cues_cap, t->ncues + 1) != GK_OK)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        gk_status st = gk_rx_new(&t->cues[t->ncues], f[2], errmsg);
        if (st != GK_OK)
            return bad_rx(st);
        t->ncues++;
        return GK_OK;
    }
    if (strcmp(f[1], "min") == 0) {
        char *end;
        errno = 0;
        long min = strtol(f[2], &end, 10);
        if (errno || *end || min < 1 || min > 20)
            return gk_fail(errmsg, GK_ECORRUPT, "min '%s' is not a number from 1 to 20", f[2]);
        t->min = (unsigned)min;
        return GK_OK;
    }
    return gk_fail(errmsg, GK_ECORRUPT, "unknown record '%s' (heading, min)", f[1]);
}

/* Every structure of templates.tsv needs headings and a minimum. */
static gk_status check_structures(const gk_figure_rules *r, const char *dir,
                                  char **errmsg)
{
    for (size_t i = 0; i < r->nstructures; i++)
        if (r->structures[i].ncues == 0 || r->structures[i].min == 0)
            return gk_fail(errmsg, GK_ECORRUPT,
                           "%s/templates.tsv: template %s needs headings and a min", dir,
                           r->structures[i].id);
    return GK_OK;
}

/* ---- loading ------------------------------------------------------------ */

gk_status gk_figure_rules_load(gk_figure_rules **out, const char *dir,
                               char **errmsg)
{
    *out = NULL;
    gk_figure_rules *r = calloc(1, sizeof *r);
    if (r == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_table_load(&r->names, dir, "figures.tsv", &figure_spec, errmsg);
    if (st == GK_OK)
        st = figure_details(r, errmsg);
    for (size_t i = 0; st == GK_OK && i < r->nfigs; i++)
        if (r->figs[i].slot == 0 || r->figs[i].money < 0 ||
            gk_table_label(r->names, i) == NULL)
            st = gk_fail(errmsg, GK_ECORRUPT,
                         "%s/figures.tsv: figure %s needs a slot, a kind and a label", dir,
                         gk_table_id(r->names, i));
    if (st == GK_OK)
        st = gk_tsv_read_in(dir, "tables.tsv", table_row, r, errmsg);
    if (st == GK_OK)
        st = join_rows(r, errmsg);
    if (st == GK_OK)
        st = gk_tsv_read_in(dir, "prose_figures.tsv", prose_row, r, errmsg);
    if (st == GK_OK)
        st = gk_tsv_read_in(dir, "templates.tsv", template_row, r, errmsg);
    if (st == GK_OK)
        st = check_structures(r, dir, errmsg);
    if (st == GK_OK)
        st = gk_amount_words_load(&r->amounts, dir, errmsg);
    if (st == GK_OK)
        st = gk_completeness_rules_load(&r->completeness, dir, errmsg);
    if (st != GK_OK) {
        gk_figure_rules_free(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

void gk_figure_rules_watch(gk_figure_rules *rules, const volatile sig_atomic_t *stop)
{
    rules->stop = stop;
}

size_t gk_figure_count(const gk_figure_rules *r)
{
    return r->nfigs;
}

const char *gk_figure_id(const gk_figure_rules *r, size_t i)
{
    return gk_table_id(r->names, i);
}

const char *gk_figure_label(const gk_figure_rules *r, size_t i)
{
    return gk_table_label(r->names, i);
}

unsigned gk_figure_slot(const gk_figure_rules *r, size_t i)
{
    return i < r->nfigs ? r->figs[i].slot : 0;
}

int gk_figure_is_money(const gk_figure_rules *r, size_t i)
{
    return i < r->nfigs && r->figs[i].money == 1;
}

int gk_figure_lookup(const gk_figure_rules *r, const char *name)
{
    return gk_table_find(r->names, name, strlen(name));
}
