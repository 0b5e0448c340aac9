/* figures.c - a report's figures: its tables first (tables.c), sentences
 * for what the tables leave unknown (prose.c), then the template version
 * and the arithmetic checks (consistency.c). */
#include "gk_figures.h"

#include <stdlib.h>
#include <string.h>

#include "consistency.h"
#include "gk_array.h"
#include "gk_util.h"
#include "prose.h"
#include "tables.h"

const char *gk_consistency_name(gk_consistency c)
{
    switch (c) {
    case GK_CONSISTENCY_OK: return "ok";
    case GK_CONSISTENCY_MISMATCH: return "mismatch";
    case GK_CONSISTENCY_INCOMPLETE: return "incomplete";
    }
    return "incomplete";
}

const char *gk_figure_source_name(gk_figure_source s)
{
    switch (s) {
    case GK_SOURCE_TABLE: return "table";
    case GK_SOURCE_PROSE: return "prose";
    case GK_SOURCE_DERIVED: return "derived";
    case GK_SOURCE_NONE: return "none";
    }
    return "none";
}

void gk_figures_clear(gk_figures *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->nfigures; i++) {
        free(f->figures[i].row);
        free(f->figures[i].column);
        free(f->figures[i].text);
    }
    free(f->figures);
    for (size_t i = 0; i < f->nraw; i++) {
        free(f->raw[i].row);
        free(f->raw[i].text);
    }
    free(f->raw);
    for (size_t i = 0; i < f->nchecks; i++)
        free(f->checks[i].description);
    free(f->checks);
    memset(f, 0, sizeof *f);
}

/* Take a canonical figure from a table cell (the first one read wins). */
static gk_status from_cell(gk_figure *f, const read_row *r, const read_cell *c)
{
    if (f->known || !c->known)
        return GK_OK;
    f->known = 1;
    f->value = c->value;
    f->approx = c->amount.approx;
    f->unit_assumed = c->unit_assumed;
    f->source = c->derived ? GK_SOURCE_DERIVED : GK_SOURCE_TABLE;
    f->section = r->section;
    f->row = gk_strdup(r->label);
    f->column = gk_strdup(c->column->label);
    f->text = gk_strdup(c->text);
    return f->row && f->column && f->text ? GK_OK : GK_ENOMEM;
}

/* A figure that is the sum of cells (tables.tsv sum). */
static gk_status from_sum(gk_figure *f, const read_row *r, const tbl_sum *s)
{
    if (f->known)
        return GK_OK;
    double sum = 0;
    int derived = 0;
    gk_buf names = {0}, texts = {0};
    for (size_t k = 0; k < s->ncolumns; k++) {
        const read_cell *c = NULL;
        for (size_t j = 0; j < r->ncells; j++)
            if (strcmp(r->cells[j].column->id, s->columns[k]) == 0)
                c = &r->cells[j];
        if (c == NULL || !c->known) {
            gk_buf_free(&names);
            gk_buf_free(&texts);
            return GK_OK;
        }
        sum += c->value;
        derived |= c->derived;
        gk_buf_printf(&names, "%s%s", k ? " + " : "", c->column->label);
        gk_buf_printf(&texts, "%s%s", k ? " + " : "", c->text[0] ? c->text : "?");
    }
    f->known = 1;
    f->value = sum;
    f->source = derived ? GK_SOURCE_DERIVED : GK_SOURCE_TABLE;
    f->section = r->section;
    f->row = gk_strdup(r->label);
    f->column = gk_buf_take(&names, NULL);
    f->text = gk_buf_take(&texts, NULL);
    return f->row && f->column && f->text ? GK_OK : GK_ENOMEM;
}

/* Append cell c of row r to out->raw, whose capacity is *cap (gk_figures
 * keeps none; from_tables does while it fills the array). */
static gk_status add_raw(gk_figures *out, size_t *cap, const read_row *r,
                         const read_cell *c)
{
    if (GK_ARRAY_RESERVE(out->raw, *cap, out->nraw + 1) != GK_OK)
        return GK_ENOMEM;
    gk_raw_figure *x = &out->raw[out->nraw];
    x->table = r->table->id;
    x->column = c->column->label;
    x->known = c->known;
    x->value = c->value;
    x->row = gk_strdup(r->label);
    x->text = gk_strdup(c->text);
    if (x->row == NULL || x->text == NULL) {
        free(x->row);
        free(x->text);
        return GK_ENOMEM;
    }
    out->nraw++;
    return GK_OK;
}

static gk_status from_tables(gk_figures *out, const gk_figure_rules *rules,
                             const table_reading *t)
{
    gk_status st = GK_OK;
    size_t raw_cap = out->nraw; /* the array has room for those at least */
    for (size_t i = 0; i < t->nrows && st == GK_OK; i++) {
        const read_row *r = &t->rows[i];
        for (size_t k = 0; k < r->ncells && st == GK_OK; k++)
            if (r->cells[k].text[0] != '\0' || r->cells[k].derived)
                st = add_raw(out, &raw_cap, r, &r->cells[k]);
        if (r->row_id == NULL)
            continue;
        for (size_t g = 0; g < r->table->nfigures && st == GK_OK; g++) {
            const tbl_figure *tf = &r->table->figures[g];
            if (strcmp(tf->row, r->row_id) != 0)
                continue;
            for (size_t k = 0; k < r->ncells; k++)
                if (strcmp(r->cells[k].column->id, tf->column) == 0)
                    st = from_cell(&out->figures[tf->figure], r, &r->cells[k]);
        }
        for (size_t s = 0; s < r->table->nsums && st == GK_OK; s++)
            if (strcmp(r->table->sums[s].row, r->row_id) == 0)
                st = from_sum(&out->figures[r->table->sums[s].figure], r,
                              &r->table->sums[s]);
    }
    (void)rules;
    return st;
}

/* The template version from the tables' evidence; pre-2019 reports have
 * none of the template tables (and may have a fees section). */
static const char *template_version(const gk_report *r, const table_reading *t)
{
    if (t->votes_2021 > 0 && t->votes_2021 >= t->votes_2019)
        return "2021";
    if (t->votes_2019 > 0)
        return "2019";
    int fees_section = 0;
    for (size_t i = 0; i < r->nsections; i++)
        fees_section |= strcmp(r->sections[i].id, "fees") == 0;
    if (r->kind == GK_KIND_REPORT && t->nrows == 0 &&
        ((r->year != 0 && r->year <= 2018) || fees_section))
        return "pre2019";
    return NULL;
}

gk_status gk_figures_extract(gk_figures *out, const gk_figure_rules *rules,
                             const gk_report *r, char **errmsg)
{
    memset(out, 0, sizeof *out);
    out->figures = calloc(rules->nfigs ? rules->nfigs : 1, sizeof *out->figures);
    if (out->figures == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    out->nfigures = rules->nfigs;
    table_reading t = {0};
    gk_status st = GK_OK;
    if (r->kind == GK_KIND_REPORT)
        for (size_t i = 0; i < r->nsections && st == GK_OK; i++) {
            const gk_section *s = &r->sections[i];
            if (strcmp(s->id, "problems") != 0)
                st = gk_tables_read(&t, rules, s->id, r->text + s->start,
                                    s->end - s->start);
        }
    if (st == GK_OK)
        st = from_tables(out, rules, &t);
    if (st == GK_OK && r->kind == GK_KIND_REPORT)
        st = gk_prose_read(out, rules, r);
    if (st == GK_OK) {
        out->template_version = template_version(r, &t);
        st = gk_consistency_check(out, &t);
    }
    gk_tables_clear(&t);
    if (st != GK_OK) {
        gk_figures_clear(out);
        return gk_fail(errmsg, st, "out of memory while reading figures");
    }
    return GK_OK;
}
