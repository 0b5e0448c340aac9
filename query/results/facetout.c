/* facetout.c - facet counts as bar charts, tables, CSV/TSV or JSON Lines. */
#include "gk_facetout.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/uchar.h>

#include "gk_escape.h"
#include "gk_json.h"
#include "gk_utf8.h"

#define BAR_WIDTH 30
#define UNKNOWN_ROW "(unknown)"

size_t gk_display_width(const char *s)
{
    size_t len = strlen(s), i = 0, w = 0;
    while (i < len) {
        uint32_t c = gk_utf8_next(s, len, &i);
        int ea = u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH);
        w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return w;
}

/* "timeliness 时效性" for categories, the value itself otherwise. */
static void shown_value(const char *value, const gk_taxonomy *tx, char *out,
                        size_t outsz)
{
    int k = tx != NULL ? gk_taxonomy_lookup(tx, value) : -1;
    char *safe = gk_escape(value); /* a place name read from a file */
    if (k >= 0)
        snprintf(out, outsz, "%s %s", safe ? safe : "?", gk_taxonomy_label(tx, (size_t)k));
    else
        snprintf(out, outsz, "%s", safe ? safe : "?");
    free(safe);
}

static void pad(FILE *to, const char *s, size_t width)
{
    fputs(s, to);
    for (size_t w = gk_display_width(s); w < width; w++)
        fputc(' ', to);
}

static int cmp_year(const void *a, const void *b)
{
    double x = atof((*(const gk_facet_count *const *)a)->value);
    double y = atof((*(const gk_facet_count *const *)b)->value);
    return (x > y) - (x < y);
}

/* The counts of list i in the order shown: largest first as counted, but
 * the year facet by year.  malloc'd (NULL when out of memory). */
static const gk_facet_count **ordered(const char *field, const gk_facets *f, size_t i,
                                      int by_year, size_t *n)
{
    *n = gk_facets_size(f, i);
    const gk_facet_count **c = calloc(*n + 1, sizeof *c);
    if (c == NULL)
        return NULL;
    for (size_t k = 0; k < *n; k++)
        c[k] = gk_facets_get(f, i, k);
    if (!by_year && strcmp(field, "year") == 0)
        qsort(c, *n, sizeof *c, cmp_year);
    return c;
}

static void print_json(FILE *to, const char *field, const gk_facets *f, size_t i,
                       int by_year, const gk_facet_unknown *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("facet"));
    json_object_set_new(o, "field", json_string(field));
    if (by_year)
        json_object_set_new(o, "by", json_string("year"));
    json_t *counts = json_array();
    size_t n;
    const gk_facet_count **c = ordered(field, f, i, by_year, &n);
    for (size_t k = 0; c != NULL && k < n; k++) {
        json_t *e = json_object();
        json_object_set_new(e, "value", gk_json_text(c[k]->value));
        if (by_year && c[k]->pair != NULL)
            json_object_set_new(e, "year", json_integer(atoi(c[k]->pair)));
        json_object_set_new(e, "count", json_integer((json_int_t)c[k]->count));
        json_array_append_new(counts, e);
    }
    free(c);
    json_object_set_new(o, "counts", counts);
    if (u != NULL && u->known && !by_year) {
        json_object_set_new(o, "unknown", json_integer((json_int_t)u->count));
    } else if (u != NULL && u->known) {
        json_t *a = json_array();
        for (size_t k = 0; k < u->nyears; k++)
            json_array_append_new(a, json_pack("{s:i,s:I}", "year", atoi(u->by_year[k].pair),
                                               "count", (json_int_t)u->by_year[k].count));
        json_object_set_new(o, "unknown", a);
    }
    gk_json_print(to, o);
}

static void print_bars(FILE *to, int color, const char *field, const gk_facets *f,
                       size_t i, const gk_taxonomy *tx, const gk_facet_unknown *u)
{
    size_t n, width = u != NULL && u->known ? strlen(UNKNOWN_ROW) : 0;
    const gk_facet_count **c = ordered(field, f, i, 0, &n);
    if (c == NULL)
        return;
    unsigned long max = u != NULL && u->known ? u->count : 0;
    char shown[256];
    for (size_t k = 0; k < n; k++) {
        shown_value(c[k]->value, tx, shown, sizeof shown);
        size_t w = gk_display_width(shown);
        if (w > width)
            width = w;
        if (c[k]->count > max)
            max = c[k]->count;
    }
    fprintf(to, "%s%s%s (reports)\n", color ? "\033[1m" : "", field, color ? "\033[0m" : "");
    if (n == 0 && (u == NULL || !u->known))
        fputs("  (none)\n", to);
    for (size_t k = 0; k <= n; k++) {
        unsigned long count;
        if (k < n) {
            shown_value(c[k]->value, tx, shown, sizeof shown);
            count = c[k]->count;
        } else if (u != NULL && u->known) {
            snprintf(shown, sizeof shown, "%s", UNKNOWN_ROW);
            count = u->count;
        } else {
            break;
        }
        fputs("  ", to);
        pad(to, shown, width + 2);
        size_t bar = max ? (size_t)((count * BAR_WIDTH + max - 1) / max) : 0;
        for (size_t b = 0; b < bar; b++)
            fputs("█", to);
        fprintf(to, " %lu\n", count);
    }
    fputc('\n', to);
    free(c);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The count of (value, year) in c[0..n), 0 if none. */
static unsigned long pair_count(const gk_facet_count *const *c, size_t n, const char *value,
                                const char *year)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(c[k]->value, value) == 0 && strcmp(c[k]->pair, year) == 0)
            return c[k]->count;
    return 0;
}

/* value x year: one row per value, one column per year. */
static void print_table(FILE *to, int color, const char *field, const gk_facets *f,
                        size_t i, const gk_taxonomy *tx, const gk_facet_unknown *u)
{
    size_t n, nyears = 0, nvalues = 0, width = 0;
    const gk_facet_count **c = ordered(field, f, i, 1, &n);
    size_t nu = u != NULL && u->known ? u->nyears : 0;
    const char **years = calloc(n + nu + 1, sizeof *years);
    const char **values = calloc(n + 1, sizeof *values);
    if (c == NULL || years == NULL || values == NULL) {
        free(c);
        free(years);
        free(values);
        return;
    }
    char shown[256];
    for (size_t k = 0; k < n + nu; k++) {
        const char *year = k < n ? c[k]->pair : u->by_year[k - n].pair;
        size_t y = 0;
        while (y < nyears && strcmp(years[y], year) != 0)
            y++;
        if (y == nyears)
            years[nyears++] = year;
        if (k >= n)
            continue;
        size_t v = 0;
        while (v < nvalues && strcmp(values[v], c[k]->value) != 0)
            v++;
        if (v == nvalues) {
            values[nvalues++] = c[k]->value; /* in count order */
            shown_value(c[k]->value, tx, shown, sizeof shown);
            if (gk_display_width(shown) > width)
                width = gk_display_width(shown);
        }
    }
    if (nu > 0 && strlen(UNKNOWN_ROW) > width)
        width = strlen(UNKNOWN_ROW);
    qsort(years, nyears, sizeof *years, cmp_str);
    fprintf(to, "%s%s by year%s (reports)\n", color ? "\033[1m" : "", field,
            color ? "\033[0m" : "");
    fputs("  ", to);
    pad(to, "", width + 2);
    for (size_t y = 0; y < nyears; y++)
        fprintf(to, "%6s", years[y]);
    fputc('\n', to);
    for (size_t v = 0; v <= nvalues; v++) {
        if (v == nvalues && nu == 0)
            break;
        if (v < nvalues)
            shown_value(values[v], tx, shown, sizeof shown);
        else
            snprintf(shown, sizeof shown, "%s", UNKNOWN_ROW);
        fputs("  ", to);
        pad(to, shown, width + 2);
        for (size_t y = 0; y < nyears; y++) {
            unsigned long count = 0;
            if (v < nvalues)
                count = pair_count(c, n, values[v], years[y]);
            else
                for (size_t k = 0; k < nu; k++)
                    if (strcmp(u->by_year[k].pair, years[y]) == 0)
                        count = u->by_year[k].count;
            if (count)
                fprintf(to, "%6lu", count);
            else
                fputs("     ·", to); /* %6s would count the dot's two bytes */
        }
        fputc('\n', to);
    }
    if (nvalues == 0 && nu == 0)
        fputs("  (none)\n", to);
    fputc('\n', to);
    free(c);
    free(years);
    free(values);
}

void gk_facet_cell(FILE *to, gk_facet_format fmt, const char *s)
{
    char *safe = gk_escape(s);
    const char *t = safe != NULL ? safe : "?";
    if (fmt == GK_FACET_CSV && strpbrk(t, ",\"") != NULL) {
        fputc('"', to);
        for (const char *p = t; *p; p++) {
            if (*p == '"')
                fputc('"', to);
            fputc(*p, to);
        }
        fputc('"', to);
    } else {
        fputs(t, to); /* escaped: no tab or newline left */
    }
    free(safe);
}

static void print_rows(FILE *to, gk_facet_format fmt, const char *field, const gk_facets *f,
                       size_t i, int by_year, const gk_facet_unknown *u)
{
    char sep = fmt == GK_FACET_CSV ? ',' : '\t';
    size_t n;
    const gk_facet_count **c = ordered(field, f, i, by_year, &n);
    for (size_t k = 0; c != NULL && k < n; k++) {
        fprintf(to, "%s%c", field, sep);
        gk_facet_cell(to, fmt, c[k]->value);
        if (by_year)
            fprintf(to, "%c%s", sep, c[k]->pair ? c[k]->pair : "");
        fprintf(to, "%c%lu\n", sep, c[k]->count);
    }
    free(c);
    if (u == NULL || !u->known)
        return;
    if (!by_year)
        fprintf(to, "%s%c%c%lu\n", field, sep, sep, u->count);
    for (size_t k = 0; by_year && k < u->nyears; k++)
        fprintf(to, "%s%c%c%s%c%lu\n", field, sep, sep, u->by_year[k].pair, sep,
                u->by_year[k].count);
}

void gk_facet_header(FILE *to, gk_facet_format fmt, int by_year)
{
    if (fmt != GK_FACET_CSV && fmt != GK_FACET_TSV)
        return;
    char s = fmt == GK_FACET_CSV ? ',' : '\t';
    if (by_year)
        fprintf(to, "field%cvalue%cyear%ccount\n", s, s, s);
    else
        fprintf(to, "field%cvalue%ccount\n", s, s);
}

void gk_facet_print_as(FILE *to, gk_facet_format fmt, int color, const char *field,
                       const gk_facets *f, size_t i, int by_year, const gk_taxonomy *tx,
                       const gk_facet_unknown *unknown)
{
    if (fmt == GK_FACET_JSON)
        print_json(to, field, f, i, by_year, unknown);
    else if (fmt == GK_FACET_CSV || fmt == GK_FACET_TSV)
        print_rows(to, fmt, field, f, i, by_year, unknown);
    else if (by_year)
        print_table(to, color, field, f, i, tx, unknown);
    else
        print_bars(to, color, field, f, i, tx, unknown);
}

void gk_facet_print(FILE *to, int json, int color, const char *field,
                    const gk_facets *f, size_t i, int by_year,
                    const gk_taxonomy *tx)
{
    gk_facet_print_as(to, json ? GK_FACET_JSON : GK_FACET_TEXT, color, field, f, i, by_year,
                      tx, NULL);
}
