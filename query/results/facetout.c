/* facetout.c - facet counts as bar charts, tables or JSON Lines. */
#include "gk_facetout.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/uchar.h>

#include "gk_escape.h"
#include "gk_json.h"
#include "gk_utf8.h"

#define BAR_WIDTH 30

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

static void print_json(FILE *to, const char *field, const gk_facets *f, size_t i,
                       int by_year)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("facet"));
    json_object_set_new(o, "field", json_string(field));
    if (by_year)
        json_object_set_new(o, "by", json_string("year"));
    json_t *counts = json_array();
    for (size_t k = 0; k < gk_facets_size(f, i); k++) {
        const gk_facet_count *c = gk_facets_get(f, i, k);
        json_t *e = json_object();
        json_object_set_new(e, "value", gk_json_text(c->value));
        if (by_year && c->pair != NULL)
            json_object_set_new(e, "year", json_integer(atoi(c->pair)));
        json_object_set_new(e, "count", json_integer((json_int_t)c->count));
        json_array_append_new(counts, e);
    }
    json_object_set_new(o, "counts", counts);
    gk_json_print(to, o);
}

static void print_bars(FILE *to, int color, const char *field, const gk_facets *f,
                       size_t i, const gk_taxonomy *tx)
{
    size_t n = gk_facets_size(f, i), width = 0;
    unsigned long max = 0;
    char shown[256];
    for (size_t k = 0; k < n; k++) {
        const gk_facet_count *c = gk_facets_get(f, i, k);
        shown_value(c->value, tx, shown, sizeof shown);
        size_t w = gk_display_width(shown);
        if (w > width)
            width = w;
        if (c->count > max)
            max = c->count;
    }
    fprintf(to, "%s%s%s (reports)\n", color ? "\033[1m" : "", field, color ? "\033[0m" : "");
    if (n == 0)
        fputs("  (none)\n", to);
    for (size_t k = 0; k < n; k++) {
        const gk_facet_count *c = gk_facets_get(f, i, k);
        shown_value(c->value, tx, shown, sizeof shown);
        fputs("  ", to);
        pad(to, shown, width + 2);
        size_t bar = max ? (size_t)((c->count * BAR_WIDTH + max - 1) / max) : 0;
        for (size_t b = 0; b < bar; b++)
            fputs("█", to);
        fprintf(to, " %lu\n", c->count);
    }
    fputc('\n', to);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* value x year: one row per value, one column per year. */
static void print_table(FILE *to, int color, const char *field, const gk_facets *f,
                        size_t i, const gk_taxonomy *tx)
{
    size_t n = gk_facets_size(f, i), nyears = 0, nvalues = 0, width = 0;
    const char **years = calloc(n + 1, sizeof *years);
    const char **values = calloc(n + 1, sizeof *values);
    if (years == NULL || values == NULL) {
        free(years);
        free(values);
        return;
    }
    char shown[256];
    for (size_t k = 0; k < n; k++) {
        const gk_facet_count *c = gk_facets_get(f, i, k);
        size_t y = 0, v = 0;
        while (y < nyears && strcmp(years[y], c->pair) != 0)
            y++;
        if (y == nyears)
            years[nyears++] = c->pair;
        while (v < nvalues && strcmp(values[v], c->value) != 0)
            v++;
        if (v == nvalues) {
            values[nvalues++] = c->value; /* in count order */
            shown_value(c->value, tx, shown, sizeof shown);
            if (gk_display_width(shown) > width)
                width = gk_display_width(shown);
        }
    }
    qsort(years, nyears, sizeof *years, cmp_str);
    fprintf(to, "%s%s by year%s (reports)\n", color ? "\033[1m" : "", field,
            color ? "\033[0m" : "");
    fputs("  ", to);
    pad(to, "", width + 2);
    for (size_t y = 0; y < nyears; y++)
        fprintf(to, "%6s", years[y]);
    fputc('\n', to);
    for (size_t v = 0; v < nvalues; v++) {
        shown_value(values[v], tx, shown, sizeof shown);
        fputs("  ", to);
        pad(to, shown, width + 2);
        for (size_t y = 0; y < nyears; y++) {
            unsigned long count = 0;
            for (size_t k = 0; k < n; k++) {
                const gk_facet_count *c = gk_facets_get(f, i, k);
                if (strcmp(c->value, values[v]) == 0 && strcmp(c->pair, years[y]) == 0)
                    count = c->count;
            }
            if (count)
                fprintf(to, "%6lu", count);
            else
                fputs("     ·", to); /* %6s would count the dot's two bytes */
        }
        fputc('\n', to);
    }
    if (nvalues == 0)
        fputs("  (none)\n", to);
    fputc('\n', to);
    free(years);
    free(values);
}

void gk_facet_print(FILE *to, int json, int color, const char *field,
                    const gk_facets *f, size_t i, int by_year,
                    const gk_taxonomy *tx)
{
    if (json)
        print_json(to, field, f, i, by_year);
    else if (by_year)
        print_table(to, color, field, f, i, tx);
    else
        print_bars(to, color, field, f, i, tx);
}
