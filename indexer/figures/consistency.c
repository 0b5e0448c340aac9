/* consistency.c - the report's own arithmetic.
 *
 *  requests_balance  本年新收 + 上年结转 = 办理结果总计 + 结转下年度 (the
 *                    table states it: 第一项加第二项之和，等于第三项加第四项之和)
 *  handled_total     the results (予以公开, 部分公开 and every numbered
 *                    sub-item) add up to 办理结果总计
 *  applicants        in every row the applicant columns add up to 总计
 *  TABLE:COLUMN      every total of tables.tsv's derive records equals its
 *                    parts (行政复议, 直接起诉 and 复议后起诉 totals)
 * A check with an unknown or derived figure is incomplete, never ok.  The
 * report is ok when the requests balance holds, at least one review total
 * was checked, and no check fails; mismatch when any check fails;
 * incomplete otherwise. */
#include "consistency.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_util.h"

#define GK_EPSILON 1e-6

/* The checks being added to figs->checks.  gk_figures keeps no capacity
 * for its array, so it is kept here while gk_consistency_check runs. */
typedef struct check_list {
    gk_figures *figs;
    size_t cap;
} check_list;

static gk_status add_check(check_list *l, const char *identity,
                           const char *description, gk_consistency status,
                           double left, double right)
{
    gk_figures *f = l->figs;
    if (GK_ARRAY_RESERVE(f->checks, l->cap, f->nchecks + 1) != GK_OK)
        return GK_ENOMEM;
    gk_check *k = &f->checks[f->nchecks];
    k->identity = identity;
    k->description = gk_strdup(description);
    if (k->description == NULL)
        return GK_ENOMEM;
    k->status = status;
    k->left = left;
    k->right = right;
    f->nchecks++;
    return GK_OK;
}

static gk_consistency compare(double left, double right)
{
    return fabs(left - right) < GK_EPSILON ? GK_CONSISTENCY_OK
                                           : GK_CONSISTENCY_MISMATCH;
}

/* The known, not derived, total-column value of a requests row. */
static int row_total(const table_reading *t, const char *row, double *out)
{
    const read_cell *c = gk_tables_cell(t, "requests", row, "total");
    if (c == NULL || !c->known || c->derived)
        return 0;
    *out = c->value;
    return 1;
}

static gk_status requests_balance(check_list *l, const table_reading *t,
                                  gk_consistency *status)
{
    double a = 0, b = 0, c = 0, d = 0;
    int ok = row_total(t, "new", &a) & row_total(t, "carried_over", &b) &
             row_total(t, "handled_total", &c) & row_total(t, "carried_forward", &d);
    *status = ok ? compare(a + b, c + d) : GK_CONSISTENCY_INCOMPLETE;
    return add_check(l, "requests_balance",
                     "本年新收 + 上年结转 = 办理结果总计 + 结转下年度", *status,
                     ok ? a + b : 0, ok ? c + d : 0);
}

static const read_cell *column(const read_row *r, const char *id)
{
    for (size_t k = 0; k < r->ncells; k++)
        if (strcmp(r->cells[k].column->id, id) == 0)
            return &r->cells[k];
    return NULL;
}

static gk_status handled_total(check_list *l, const table_reading *t)
{
    double total = 0;
    int ok = row_total(t, "handled_total", &total);
    double sum = 0;
    size_t parts = 0;
    for (size_t i = 0; i < t->nrows && ok; i++) {
        const read_row *r = &t->rows[i];
        if (strcmp(r->table->id, "requests") != 0)
            continue;
        int result = r->row_id == NULL || strcmp(r->row_id, "granted") == 0 ||
                     strcmp(r->row_id, "partial") == 0;
        if (!result)
            continue;
        const read_cell *c = column(r, "total");
        if (c == NULL || !c->known) {
            ok = 0;
            break;
        }
        sum += c->value;
        parts++;
    }
    ok = ok && parts >= 3;
    return add_check(l, "handled_total", "各项办理结果之和 = 办理结果总计",
                     ok ? compare(sum, total) : GK_CONSISTENCY_INCOMPLETE,
                     ok ? sum : 0, ok ? total : 0);
}

/* Applicant columns against 总计, row by row: one check per mismatching
 * row, then one summing up. */
static gk_status applicants(check_list *l, const table_reading *t)
{
    size_t checked = 0, wrong = 0;
    gk_status st = GK_OK;
    for (size_t i = 0; i < t->nrows && st == GK_OK; i++) {
        const read_row *r = &t->rows[i];
        if (strcmp(r->table->id, "requests") != 0)
            continue;
        double sum = 0;
        const read_cell *total = NULL;
        int complete = 1;
        for (size_t k = 0; k < r->ncells; k++) {
            const read_cell *c = &r->cells[k];
            if (!c->known || c->derived)
                complete = 0;
            else if (strcmp(c->column->id, "total") == 0)
                total = c;
            else
                sum += c->value;
        }
        if (!complete || total == NULL)
            continue;
        checked++;
        if (compare(sum, total->value) == GK_CONSISTENCY_MISMATCH) {
            wrong++;
            gk_buf desc = {0};
            gk_buf_printf(&desc, "申请人各列之和 = 总计: %s", r->label);
            char *text = gk_buf_take(&desc, NULL);
            st = text ? add_check(l, "applicants_row", text, GK_CONSISTENCY_MISMATCH,
                                  sum, total->value)
                      : GK_ENOMEM;
            free(text);
        }
    }
    if (st != GK_OK)
        return st;
    gk_consistency s = wrong ? GK_CONSISTENCY_MISMATCH
                     : checked ? GK_CONSISTENCY_OK : GK_CONSISTENCY_INCOMPLETE;
    return add_check(l, "applicants", "每一行申请人各列之和 = 总计", s,
                     (double)(checked - wrong), (double)checked);
}

/* The derive records of tables.tsv as identities; *checked counts those
 * that could be checked. */
static gk_status totals(check_list *l, const table_reading *t, size_t *checked)
{
    gk_status st = GK_OK;
    for (size_t i = 0; i < t->nrows && st == GK_OK; i++) {
        const read_row *r = &t->rows[i];
        for (size_t d = 0; d < r->table->nderives && st == GK_OK; d++) {
            const tbl_derive *dv = &r->table->derives[d];
            if (r->row_id == NULL || strcmp(dv->row, r->row_id) != 0)
                continue;
            const read_cell *total = column(r, dv->column);
            gk_buf desc = {0};
            double sum = 0;
            int ok = total != NULL && total->known && !total->derived;
            for (size_t p = 0; p < dv->nparts; p++) {
                const read_cell *c = column(r, dv->parts[p]);
                if (c == NULL || !c->known)
                    ok = 0;
                else
                    sum += c->value;
                gk_buf_printf(&desc, "%s%s", p ? " + " : "",
                              c ? c->column->label : dv->parts[p]);
            }
            gk_buf_printf(&desc, " = %s", total ? total->column->label : dv->column);
            gk_consistency s = ok ? compare(sum, total->value) : GK_CONSISTENCY_INCOMPLETE;
            *checked += ok;
            char *text = gk_buf_take(&desc, NULL);
            st = text ? add_check(l, dv->column, text, s, ok ? sum : 0,
                                  ok ? total->value : 0)
                      : GK_ENOMEM;
            free(text);
        }
    }
    return st;
}

gk_status gk_consistency_check(gk_figures *f, const table_reading *t)
{
    gk_consistency balance;
    size_t totals_checked = 0;
    size_t before = f->nchecks;
    check_list l = {f, f->nchecks}; /* the array has room for those at least */
    gk_status st = requests_balance(&l, t, &balance);
    if (st == GK_OK)
        st = handled_total(&l, t);
    if (st == GK_OK)
        st = applicants(&l, t);
    if (st == GK_OK)
        st = totals(&l, t, &totals_checked);
    if (st != GK_OK)
        return st;
    int mismatch = 0;
    for (size_t i = before; i < f->nchecks; i++)
        mismatch |= f->checks[i].status == GK_CONSISTENCY_MISMATCH;
    /* ok: the balance the table states holds, the review table's totals
     * could be checked, and nothing contradicts them */
    f->consistency = mismatch ? GK_CONSISTENCY_MISMATCH
                   : balance == GK_CONSISTENCY_OK && totals_checked > 0
                         ? GK_CONSISTENCY_OK
                         : GK_CONSISTENCY_INCOMPLETE;
    return GK_OK;
}
