/* figures.c - a report's figures: its tables first (tables.c), sentences
 * for what the tables leave unknown (prose.c), then the template version
 * and the arithmetic checks (consistency.c). */
#include "gk_figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consistency.h"
#include "completeness.h"
#include "figure_rules.h"
#include "gk_array.h"
#include "gk_utf8.h"
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
    free(f->missing);
    memset(f, 0, sizeof *f);
}

void gk_date_iso(int d, char out[11])
{
    if (d <= 0 || d > 99991231) {
        out[0] = '\0';
        return;
    }
    snprintf(out, 11, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
}

/* Take a canonical figure from a table cell (the first one read wins). */
static gk_status from_cell(gk_figure *f, const read_row *r, const read_cell *c)
{
    /* Money with no unit in the cell or its header is no reading: the
     * template prints none and reports fill the column in 元 or in 万元,
     * so 31.6 could be either.  The raw figure keeps the cell. */
    if (f->known || !c->known || c->unit_assumed)
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

/* A section heading as written without white space and without its
 * number ("一、", "(二)", "3.", "## 四 、", "第五部分"), malloc'd. */
static char *bare_heading(const char *title)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七",
                                           "八", "九", "十", "〇", "零"};
    size_t n = strlen(title), w = 0;
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) /* white space, ASCII and U+3000 */
        if (title[i] == ' ' || title[i] == '\t' || title[i] == '\n')
            continue;
        else if (GK_STARTS_WITH(title + i, n - i, GK_IDEOGRAPHIC_SPACE))
            i += GK_LEN(GK_IDEOGRAPHIC_SPACE) - 1;
        else
            out[w++] = title[i];
    out[w] = '\0';
    size_t i = strspn(out, "#(");
    if (GK_STARTS_WITH(out + i, w - i, "第"))
        i += GK_LEN("第");
    for (int more = 1; more;) {
        more = 0;
        if (out[i] >= '0' && out[i] <= '9') {
            i++;
            more = 1;
        }
        for (size_t k = 0; k < sizeof numerals / sizeof numerals[0]; k++)
            if (strncmp(out + i, numerals[k], strlen(numerals[k])) == 0) {
                i += strlen(numerals[k]);
                more = 1;
            }
    }
    if (GK_STARTS_WITH(out + i, w - i, "部分"))
        i += GK_LEN("部分");
    i += strspn(out + i, ").,:");
    if (GK_STARTS_WITH(out + i, w - i, "、"))
        i += GK_LEN("、");
    memmove(out, out + i, w - i + 1);
    return out;
}

/* The structure its headings say a report follows (templates.tsv): the
 * one with the most headings with a cue, at least its minimum and more
 * than any other; or NULL. */
static const char *structure(const gk_figure_rules *rules, const gk_report *r)
{
    const char *best = NULL;
    size_t most = 0, tie = 0;
    for (size_t t = 0; t < rules->nstructures; t++) {
        const tpl_structure *s = &rules->structures[t];
        size_t n = 0;
        for (size_t i = 0; i < r->nsections; i++) {
            if (r->sections[i].title == NULL || r->sections[i].title[0] == '\0' ||
                (i > 0 && r->sections[i - 1].title_start == r->sections[i].title_start))
                continue; /* no heading, or the same heading (a long section split) */
            char *h = bare_heading(r->sections[i].title);
            if (h == NULL)
                continue;
            for (size_t k = 0; k < s->ncues; k++) {
                gk_rx_match m;
                if (gk_rx_search(s->cues[k], h, strlen(h), 0, 0, &m)) {
                    n++;
                    break;
                }
            }
            free(h);
        }
        if (n > most) {
            most = n;
            tie = 0;
            best = n >= s->min ? s->id : NULL;
        } else if (n == most) {
            tie = 1;
        }
    }
    return tie ? NULL : best;
}

/* The template version: the tables' evidence first (their columns and
 * rows tell 2019 from 2021); a report on a year before 2019 is `pre2019`;
 * then the structure its headings say: the 2019+ six parts (`new`), or
 * the older parts (`pre2019`, as is a report with a fees section) when it
 * has no template table at all. */
static const char *template_version(const gk_figure_rules *rules, const gk_report *r,
                                    const table_reading *t)
{
    if (t->votes_2021 > 0 && t->votes_2021 >= t->votes_2019)
        return "2021";
    if (t->votes_2019 > 0)
        return "2019";
    if (r->kind != GK_KIND_REPORT)
        return NULL;
    if (r->year != 0 && r->year <= 2018)
        return "pre2019";
    const char *s = structure(rules, r);
    if (s != NULL && strcmp(s, "pre2019") != 0)
        return s;
    if (t->nrows > 0)
        return NULL;
    int fees_section = 0;
    for (size_t i = 0; i < r->nsections; i++)
        fees_section |= strcmp(r->sections[i].id, "fees") == 0;
    return s != NULL || fees_section ? "pre2019" : NULL;
}

/* 1 once the run is asked to stop (sections are at most a few ten
 * kilobytes: looking between them is often enough). */
static int stopped(const gk_figure_rules *rules)
{
    return rules->stop != NULL && *rules->stop;
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
        for (size_t i = 0; i < r->nsections && st == GK_OK && !stopped(rules); i++) {
            const gk_section *s = &r->sections[i];
            if (strcmp(s->id, "problems") != 0)
                st = gk_tables_read(&t, rules, s->id, r->text + s->start,
                                    s->end - s->start);
        }
    if (st == GK_OK)
        st = from_tables(out, rules, &t);
    if (st == GK_OK && r->kind == GK_KIND_REPORT && !stopped(rules))
        st = gk_prose_read(out, rules, r);
    if (st == GK_OK) {
        out->template_version = template_version(rules, r, &t);
        st = gk_consistency_check(out, &t);
    }
    if (st == GK_OK)
        st = gk_completeness_check(out, rules->completeness, r);
    gk_tables_clear(&t);
    if (st != GK_OK) {
        gk_figures_clear(out);
        return gk_fail(errmsg, st, "out of memory while reading figures");
    }
    return GK_OK;
}
