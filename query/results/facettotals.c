/* facettotals.c - --sum and --avg: a figure added up exactly by facet value.
 *
 * Every document carries its year and known figures as one facet value
 * (GK_SLOT_FIGURE_TOTALS, "y=2020;requests_new=5;..."), counted paired
 * with each facet value like the year of --by-year, so that a remote
 * shard hands it over in its ValueCountMatchSpy reply like any facet.
 * Here the pairs are read back: a value's figure times the reports that
 * have that pair, added up in fixed point (nine decimals, 128 bits), so
 * that no sum is ever rounded. */
#include "gk_facettotals.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "gk_escape.h"
#include "gk_facetfields.h"
#include "gk_json.h"
#include "gk_util.h"

typedef gk_exact exact;
#define UNKNOWN_ROW "(unknown)"

typedef struct row {
    const char *value; /* borrowed from the facets; NULL for (unknown) */
    int year;          /* with by_year; 0 otherwise */
    unsigned long count, known;
    exact sum;
} row;

/* The figure `needle` (";ID=") of totals in *v: 1, or 0 when unknown, -1
 * when not exact. */
static int figure_of(const char *totals, const char *needle, exact *v)
{
    const char *p = strstr(totals, needle);
    if (p == NULL)
        return 0;
    return gk_exact_read(p + strlen(needle), v) ? 1 : -1;
}

/* The year of totals ("y=2020;..."), 0 when unknown. */
static int year_of(const char *totals)
{
    return strncmp(totals, "y=", 2) == 0 ? atoi(totals + 2) : 0;
}

/* The sum, or the mean, of r's known values as text; "" when none is
 * known. */
static void stat_format(const row *r, int mean, char *out, size_t outsz)
{
    if (r->known == 0)
        out[0] = '\0';
    else if (mean)
        gk_exact_mean_format(r->sum, r->known, out, outsz);
    else
        gk_exact_format(r->sum, out, outsz);
}

static int cmp_row(const void *a, const void *b)
{
    const row *x = *(const row *const *)a, *y = *(const row *const *)b;
    int c = strcmp(x->value, y->value);
    return c != 0 ? c : (x->year > y->year) - (x->year < y->year);
}

static int cmp_year(const void *a, const void *b)
{
    const row *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

static int cmp_year_value(const void *a, const void *b)
{
    const row *x = a, *y = b;
    double u = atof(x->value), v = atof(y->value);
    return (u > v) - (u < v);
}

/* Add the known figures of totals list `list` of f (pairs: value, totals
 * when paired) into the rows: those whose value (and year) it names,
 * found in the sorted index; each pair weighs its count.  Returns -1 when
 * a value is not exact. */
static int add_list(const gk_facets *f, size_t list, int paired, int by_year,
                    row *const *index, size_t nrows, const char *needle)
{
    for (size_t k = 0; k < gk_facets_size(f, list); k++) {
        const gk_facet_count *c = gk_facets_get(f, list, k);
        const char *totals = paired ? c->pair : c->value;
        row key = {paired ? c->value : "", by_year ? year_of(totals) : 0, 0, 0, 0};
        if (by_year && key.year == 0)
            continue;
        const row *keyp = &key;
        row *const *found = nrows ? bsearch(&keyp, index, nrows, sizeof *index, cmp_row) : NULL;
        if (found == NULL)
            continue;
        exact v;
        int known = figure_of(totals, needle, &v);
        if (known < 0)
            return -1;
        if (known) {
            (*found)->known += c->count;
            (*found)->sum += v * (exact)c->count;
        }
    }
    return 0;
}

/* Add the figures of totals list `list` of f to the rows it names (by
 * value, and year with by_year).  -1 when a value is not exact, -2 out of
 * memory. */
static int add_all(const gk_facets *f, size_t list, int paired, int by_year, row *rows,
                   size_t nrows, const char *needle)
{
    row **index = calloc(nrows + 1, sizeof *index);
    if (index == NULL)
        return -2;
    row *tmp = calloc(nrows + 1, sizeof *tmp);
    if (tmp == NULL) {
        free(index);
        return -2;
    }
    for (size_t k = 0; k < nrows; k++) {
        tmp[k] = rows[k];
        tmp[k].known = 0;
        tmp[k].sum = 0;
        index[k] = &tmp[k];
    }
    qsort(index, nrows, sizeof *index, cmp_row);
    int rc = add_list(f, list, paired, by_year, index, nrows, needle);
    for (size_t k = 0; k < nrows; k++) {
        rows[k].known += tmp[k].known;
        rows[k].sum += tmp[k].sum;
    }
    free(tmp);
    free(index);
    return rc;
}

static void json_text(FILE *to, const char *s)
{
    json_t *j = gk_json_text(s);
    char *d = j != NULL ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    fputs(d != NULL ? d : "null", to);
    free(d);
    json_decref(j);
}

/* One row's numbers in JSON: "count":N,"known":K,"sum":S (S null when none
 * is known).  prefix: what the names start with. */
static void json_numbers(FILE *to, const row *r, const gk_total_figure *fig,
                         const char *prefix, int with_count)
{
    char stat[80];
    stat_format(r, fig->mean, stat, sizeof stat);
    if (with_count)
        fprintf(to, "\"%scount\":%lu,", prefix, r->count);
    fprintf(to, "\"%sknown\":%lu,\"%s%s\":%s", prefix, r->known, prefix,
            fig->mean ? "mean" : "sum", stat[0] ? stat : "null");
}

static void print_json(FILE *to, const char *field, const row *rows, size_t nrows,
                       const row *unknown, size_t nunknown, int by_year,
                       const gk_total_figure *fig)
{
    fputs("{\"type\":\"facet\",\"field\":", to);
    json_text(to, field);
    if (by_year)
        fputs(",\"by\":\"year\"", to);
    fputs(",\"figure\":", to);
    json_text(to, fig->id);
    fprintf(to, ",\"unit\":\"%s\",\"counts\":[", fig->money ? "yuan" : "count");
    for (size_t k = 0; k < nrows; k++) {
        fputs(k ? ",{\"value\":" : "{\"value\":", to);
        json_text(to, rows[k].value);
        if (by_year)
            fprintf(to, ",\"year\":%d", rows[k].year);
        fputc(',', to);
        json_numbers(to, &rows[k], fig, "", 1);
        fputc('}', to);
    }
    fputc(']', to);
    if (unknown != NULL && !by_year) {
        fprintf(to, ",\"unknown\":%lu,", unknown->count);
        json_numbers(to, unknown, fig, "unknown_", 0);
    } else if (unknown != NULL) {
        fputs(",\"unknown\":[", to);
        for (size_t k = 0; k < nunknown; k++) {
            fprintf(to, "%s{\"year\":%d,", k ? "," : "", unknown[k].year);
            json_numbers(to, &unknown[k], fig, "", 1);
            fputc('}', to);
        }
        fputc(']', to);
    }
    fputs("}\n", to);
}

static void print_row(FILE *to, gk_facet_format fmt, const char *field, const row *r,
                      int by_year, const gk_total_figure *fig)
{
    char sep = fmt == GK_FACET_CSV ? ',' : '\t';
    char stat[80];
    stat_format(r, fig->mean, stat, sizeof stat);
    fprintf(to, "%s%c", field, sep);
    if (r->value != NULL)
        gk_facet_cell(to, fmt, r->value);
    if (by_year)
        fprintf(to, "%c%d", sep, r->year);
    fprintf(to, "%c%lu%c%lu%c%s%c%s%c%s\n", sep, r->count, sep, r->known, sep, fig->id, sep,
            fig->money ? "yuan" : "count", sep, stat);
}

/* A text table: value [year] reports known sum, columns aligned. */
static void print_table(FILE *to, int color, const char *field, const row *rows,
                        size_t nrows, const row *unknown, size_t nunknown, int by_year,
                        const gk_taxonomy *tx, const gk_total_figure *fig)
{
    size_t total = nrows + (unknown != NULL ? nunknown : 0);
    char (*shown)[256] = calloc(total + 1, sizeof *shown);
    if (shown == NULL)
        return;
    size_t width = strlen("value");
    for (size_t k = 0; k < total; k++) {
        const row *r = k < nrows ? &rows[k] : &unknown[k - nrows];
        char *safe = r->value != NULL ? gk_escape(r->value) : NULL;
        int c = tx != NULL && r->value != NULL ? gk_taxonomy_lookup(tx, r->value) : -1;
        if (r->value == NULL)
            snprintf(shown[k], sizeof shown[k], "%s", UNKNOWN_ROW);
        else if (c >= 0)
            snprintf(shown[k], sizeof shown[k], "%s %s", safe ? safe : "?",
                     gk_taxonomy_label(tx, (size_t)c));
        else
            snprintf(shown[k], sizeof shown[k], "%s", safe ? safe : "?");
        free(safe);
        if (gk_display_width(shown[k]) > width)
            width = gk_display_width(shown[k]);
    }
    fprintf(to, "%s%s%s%s: %s of %s %s, %s\n", color ? "\033[1m" : "", field,
            by_year ? " by year" : "", color ? "\033[0m" : "", fig->mean ? "mean" : "sum",
            fig->id, fig->label, fig->money ? "in 元" : "a count");
    fputs("  value", to);
    for (size_t w = strlen("value"); w < width + 2; w++)
        fputc(' ', to);
    fprintf(to, "%s%9s %9s  %s\n", by_year ? "year  " : "", "reports", "known",
            fig->mean ? "mean" : "sum");
    for (size_t k = 0; k < total; k++) {
        const row *r = k < nrows ? &rows[k] : &unknown[k - nrows];
        char stat[80];
        stat_format(r, fig->mean, stat, sizeof stat);
        fputs("  ", to);
        fputs(shown[k], to);
        for (size_t w = gk_display_width(shown[k]); w < width + 2; w++)
            fputc(' ', to);
        if (by_year)
            fprintf(to, "%-4d  ", r->year);
        fprintf(to, "%9lu %9lu  %s\n", r->count, r->known, stat[0] ? stat : "-");
    }
    if (total == 0)
        fputs("  (none)\n", to);
    fputc('\n', to);
    free(shown);
}

static unsigned long list_sum(const gk_facets *f, size_t list, int year)
{
    unsigned long total = 0;
    for (size_t k = 0; k < gk_facets_size(f, list); k++) {
        const gk_facet_count *c = gk_facets_get(f, list, k);
        if (year == 0 || (c->pair != NULL && atoi(c->pair) == year))
            total += c->count;
    }
    return total;
}

/* The (unknown) rows of field i (by_year: one per year) into u, *nu of
 * them: the matches without a value, and their figures. */
static int unknown_rows(const gk_facets *f, size_t n, size_t i, int by_year,
                        const char *needle, row *u, size_t *nu)
{
    size_t years = GK_FACET_LIST_YEARS(n);
    *nu = 0;
    if (!by_year) {
        unsigned long all = list_sum(f, GK_FACET_LIST_REPORTS(n), 0);
        unsigned long with = list_sum(f, GK_FACET_LIST_WHOLE(n, i), 0);
        row r = {NULL, 0, all > with ? all - with : 0, 0, 0};
        u[(*nu)++] = r;
    } else {
        for (size_t y = 0; y < gk_facets_size(f, years); y++) {
            const gk_facet_count *yc = gk_facets_get(f, years, y);
            int year = atoi(yc->value);
            unsigned long with = list_sum(f, GK_FACET_LIST_WHOLE(n, i), year);
            row r = {NULL, year, yc->count > with ? yc->count - with : 0, 0, 0};
            u[(*nu)++] = r;
        }
    }
    /* every match's figures less those of the matches with a value; the
     * rows' value is "" for add_all's lookup, as the unpaired lists give */
    for (size_t k = 0; k < *nu; k++)
        u[k].value = "";
    int rc = add_all(f, GK_FACET_LIST_TOTALS_ALL(n), 0, by_year, u, *nu, needle);
    if (rc == 0) {
        /* the whole values, paired: add them as if their value were "" */
        for (size_t k = 0; k < gk_facets_size(f, GK_FACET_LIST_TOTALS_WHOLE(n, i)); k++) {
            const gk_facet_count *c = gk_facets_get(f, GK_FACET_LIST_TOTALS_WHOLE(n, i), k);
            int year = by_year ? year_of(c->pair) : 0;
            if (by_year && year == 0)
                continue;
            exact v;
            int known = figure_of(c->pair, needle, &v);
            if (known < 0)
                return -1;
            for (size_t r = 0; known && r < *nu; r++)
                if (u[r].year == year) {
                    u[r].known -= c->count;
                    u[r].sum -= v * (exact)c->count;
                }
        }
    }
    for (size_t k = 0; k < *nu; k++)
        u[k].value = NULL;
    if (by_year)
        qsort(u, *nu, sizeof *u, cmp_year);
    return rc;
}

/* The rows of field i (or, i == n, the one row "all") in *out, *nout. */
static int value_rows(const gk_facets *f, size_t n, size_t i, int by_year, int year_field,
                      const char *needle, row **out, size_t *nout)
{
    size_t list = i < n ? GK_FACET_LIST_VALUES(n, i) : GK_FACET_LIST_YEARS(n);
    size_t nc = gk_facets_size(f, list);
    row *rows = calloc(nc + 1, sizeof *rows);
    *out = rows;
    *nout = 0;
    if (rows == NULL)
        return -2;
    if (i == n) {
        /* every match: one row, or one per year */
        row all = {"all", 0, list_sum(f, GK_FACET_LIST_REPORTS(n), 0), 0, 0};
        if (!by_year)
            rows[(*nout)++] = all;
        for (size_t k = 0; by_year && k < nc; k++) {
            const gk_facet_count *c = gk_facets_get(f, list, k);
            row r = {"all", atoi(c->value), c->count, 0, 0};
            rows[(*nout)++] = r;
        }
        for (size_t k = 0; k < *nout; k++)
            rows[k].value = "";
        int rc = add_all(f, GK_FACET_LIST_TOTALS_ALL(n), 0, by_year, rows, *nout, needle);
        for (size_t k = 0; k < *nout; k++)
            rows[k].value = "all";
        if (by_year)
            qsort(rows, *nout, sizeof *rows, cmp_year);
        return rc;
    }
    for (size_t k = 0; k < nc; k++) {
        const gk_facet_count *c = gk_facets_get(f, list, k);
        row r = {c->value, by_year ? atoi(c->pair) : 0, c->count, 0, 0};
        rows[(*nout)++] = r;
    }
    if (year_field && !by_year)
        qsort(rows, *nout, sizeof *rows, cmp_year_value);
    return add_all(f, GK_FACET_LIST_TOTALS(n, i), 1, by_year, rows, *nout, needle);
}

/* Every field's rows, counted before anything is printed or written. */
typedef struct tables {
    size_t nfields, nyears;
    row **rows;
    size_t *nrows;
    row *unknown; /* nfields blocks of nyears + 1 */
    size_t *nunknown;
    gk_buf needle; /* ";ID=" */
} tables;

static void tables_free(tables *t)
{
    for (size_t i = 0; t->rows != NULL && i < t->nfields; i++)
        free(t->rows[i]);
    free(t->rows);
    free(t->nrows);
    free(t->unknown);
    free(t->nunknown);
    gk_buf_free(&t->needle);
}

/* The name of table i. */
static const char *table_name(const int *fields, size_t n, size_t i)
{
    return n == 0 ? "all" : gk_facet_field_name(fields[i]);
}

/* The unknown rows of table i, or NULL (n == 0: no field, none). */
static const row *table_unknown(const tables *t, size_t n, size_t i)
{
    return n > 0 ? &t->unknown[i * (t->nyears + 1)] : NULL;
}

/* Count fields[0..n) into *t; fails as gk_facet_totals_print_all. */
static gk_status tables_count(tables *t, const int *fields, size_t n, const gk_facets *f,
                              int by_year, const gk_total_figure *fig, char **errmsg)
{
    memset(t, 0, sizeof *t);
    if (list_sum(f, GK_FACET_LIST_TOTALS_ALL(n), 0) < list_sum(f, GK_FACET_LIST_REPORTS(n), 0))
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "the database was indexed before --sum: rebuild it with "
                       "gongkai-index --force");
    t->nyears = gk_facets_size(f, GK_FACET_LIST_YEARS(n));
    t->nfields = n == 0 ? 1 : n;
    t->rows = calloc(t->nfields, sizeof *t->rows);
    t->nrows = calloc(t->nfields, sizeof *t->nrows);
    t->unknown = calloc(t->nfields * (t->nyears + 1), sizeof *t->unknown);
    t->nunknown = calloc(t->nfields, sizeof *t->nunknown);
    int rc = t->rows == NULL || t->nrows == NULL || t->unknown == NULL ||
                     t->nunknown == NULL || gk_buf_printf(&t->needle, ";%s=", fig->id) != GK_OK
                 ? -2
                 : 0;
    for (size_t i = 0; rc == 0 && i < t->nfields; i++) {
        rc = value_rows(f, n, n == 0 ? n : i, by_year,
                        strcmp(table_name(fields, n, i), "year") == 0, t->needle.data,
                        &t->rows[i], &t->nrows[i]);
        if (rc == 0 && n > 0)
            rc = unknown_rows(f, n, i, by_year, t->needle.data,
                              &t->unknown[i * (t->nyears + 1)], &t->nunknown[i]);
    }
    if (rc == 0)
        return GK_OK;
    tables_free(t);
    if (rc == -2)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    return gk_fail(errmsg, GK_ETOOBIG, "a value of %s is not exact to %d decimals",
                   fig->id, GK_EXACT_DIGITS);
}

gk_status gk_facet_totals_print_all(FILE *to, gk_facet_format fmt, int color,
                                    const int *fields, size_t n, const gk_facets *f,
                                    int by_year, const gk_taxonomy *tx,
                                    const gk_total_figure *fig, char **errmsg)
{
    tables t;
    gk_status st = tables_count(&t, fields, n, f, by_year, fig, errmsg);
    if (st != GK_OK)
        return st;
    if (fmt != GK_FACET_JSON && fmt != GK_FACET_TEXT) {
        char s = fmt == GK_FACET_CSV ? ',' : '\t';
        fprintf(to, "field%cvalue%s%ccount%cknown%cfigure%cunit%c%s\n", s,
                by_year ? (s == ',' ? ",year" : "\tyear") : "", s, s, s, s, s,
                fig->mean ? "mean" : "sum");
    }
    for (size_t i = 0; i < t.nfields; i++) {
        const char *name = table_name(fields, n, i);
        size_t nu = t.nunknown[i];
        const row *u = table_unknown(&t, n, i);
        int is_category = strcmp(name, "category") == 0;
        if (fmt == GK_FACET_JSON)
            print_json(to, name, t.rows[i], t.nrows[i], u, nu, by_year, fig);
        else if (fmt == GK_FACET_TEXT)
            print_table(to, color, name, t.rows[i], t.nrows[i], u, nu, by_year,
                        is_category ? tx : NULL, fig);
        else
            for (size_t k = 0; k < t.nrows[i] + (u != NULL ? nu : 0); k++)
                print_row(to, fmt, name, k < t.nrows[i] ? &t.rows[i][k] : &u[k - t.nrows[i]],
                          by_year, fig);
    }
    tables_free(&t);
    return GK_OK;
}

gk_status gk_facet_totals_book(gk_book *b, const int *fields, size_t n, const gk_facets *f,
                               int by_year, const gk_total_figure *fig, char **errmsg)
{
    tables t;
    gk_status st = tables_count(&t, fields, n, f, by_year, fig, errmsg);
    if (st != GK_OK)
        return st;
    const char *stat = fig->mean ? "mean" : "sum";
    const char *plain[] = {"value", "count", "known", stat};
    const char *yearly[] = {"value", "year", "count", "known", stat};
    for (size_t i = 0; i < t.nfields; i++) {
        const row *u = table_unknown(&t, n, i);
        int is_year = strcmp(table_name(fields, n, i), "year") == 0;
        gk_book_sheet_add(b, table_name(fields, n, i), by_year ? yearly : plain,
                          by_year ? 5 : 4);
        for (size_t k = 0; k < t.nrows[i] + (u != NULL ? t.nunknown[i] : 0); k++) {
            const row *r = k < t.nrows[i] ? &t.rows[i][k] : &u[k - t.nrows[i]];
            char text[80];
            stat_format(r, fig->mean, text, sizeof text);
            gk_facet_value_cell(b, r->value != NULL ? r->value : "", is_year); /* (unknown): empty */
            if (by_year)
                gk_book_number(b, 1, r->year);
            gk_book_number(b, 1, (double)r->count);
            gk_book_number(b, 1, (double)r->known);
            /* a number of the workbook (a double: 15 significant digits);
             * CSV and JSON keep every digit */
            gk_book_number(b, text[0] != '\0', text[0] != '\0' ? strtod(text, NULL) : 0);
            gk_book_row_end(b);
        }
    }
    tables_free(&t);
    return GK_OK;
}
