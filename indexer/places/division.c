/* division.c - loading the national division list (divisions/ CSV files), the
 * telephone area codes and the postal code prefixes (the words that go with
 * them: division_words.c). */
#include "division_data.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_paths.h"
#include "gk_tsv.h"
#include "gk_utf8.h"
#include "gk_util.h"

void gk_divisions_free(gk_divisions *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->e[i].name);
    free(d->e);
    free(d->by_name);
    free(d->areas);
    free(d->posts);
    gk_words_free(d->contact_labels);
    gk_words_free(d->placeholders);
    free(d);
}

/* Split a CSV line into at most max fields in place; fields may be quoted
 * ("" is a quote).  Returns the number of fields. */
static size_t csv_fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        if (*p == '"') {
            char *w = ++p;
            f[n++] = w;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            *w = '\0';
            if (*p == ',')
                p++;
            else
                break;
        } else {
            f[n++] = p;
            char *comma = strchr(p, ',');
            if (comma == NULL)
                break;
            *comma = '\0';
            p = comma + 1;
        }
    }
    return n;
}

static int cmp_code(const void *a, const void *b)
{
    const div_entry *x = a, *y = b;
    return strcmp(x->code, y->code);
}

/* Index of the entry with this code among e[lo..hi) (sorted by code). */
static int find_code(const div_entry *e, size_t lo, size_t hi, const char *code)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(e[mid].code, code);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Open DIR/divisions/FILE for reading; *path (for messages) is the
 * caller's to free.  Fails with GK_ENOTFOUND, GK_EIO or GK_ENOMEM, the
 * message naming the file. */
static gk_status open_division_file(FILE **fp, char **path, const char *dir,
                                    const char *file, char **errmsg)
{
    char rel[64];
    snprintf(rel, sizeof rel, "divisions/%s", file);
    *fp = NULL;
    *path = gk_path_join(dir, rel);
    if (*path == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    *fp = fopen(*path, "rb");
    if (*fp == NULL) {
        gk_status st = gk_fail(errmsg, errno == ENOENT ? GK_ENOTFOUND : GK_EIO,
                               "%s: %s", *path, strerror(errno));
        free(*path);
        *path = NULL;
        return st;
    }
    return GK_OK;
}

/* Read one level's CSV: code, name, then the parent code in column
 * parent_col (-1 for provinces).  Entries are appended, sorted by code. */
static gk_status read_level(gk_divisions *d, const char *dir, const char *file,
                            int level, int parent_col, size_t parent_lo,
                            size_t parent_hi, char **errmsg)
{
    FILE *fp;
    char *path;
    gk_status st = open_division_file(&fp, &path, dir, file, errmsg);
    if (st != GK_OK)
        return st;
    size_t first = d->n, lineno = 0;
    char line[512];
    while (st == GK_OK && fgets(line, sizeof line, fp) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (lineno == 1 || line[0] == '\0')
            continue; /* the header */
        char *f[8];
        size_t nf = csv_fields(line, f, 8);
        if (nf < 2 || (parent_col >= 0 && (size_t)parent_col >= nf) ||
            strlen(f[0]) >= sizeof d->e[0].code || !gk_utf8_valid(f[1], strlen(f[1]))) {
            st = gk_fail(errmsg, GK_ECORRUPT, "%s:%zu: not a division record", path, lineno);
            break;
        }
        int parent = -1;
        if (parent_col >= 0 &&
            (parent = find_code(d->e, parent_lo, parent_hi, f[parent_col])) < 0) {
            st = gk_fail(errmsg, GK_ECORRUPT, "%s:%zu: no division with code %s above %s",
                         path, lineno, f[parent_col], f[0]);
            break;
        }
        if (GK_ARRAY_RESERVE(d->e, d->cap, d->n + 1) != GK_OK) {
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
            break;
        }
        div_entry *x = &d->e[d->n];
        snprintf(x->code, sizeof x->code, "%s", f[0]);
        x->level = level;
        x->parent = parent;
        if ((x->name = gk_strdup(f[1])) == NULL) {
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
            break;
        }
        d->n++;
    }
    fclose(fp);
    free(path);
    if (st == GK_OK && d->n > first)
        qsort(d->e + first, d->n - first, sizeof *d->e, cmp_code);
    return st;
}

static int cmp_name(const void *a, const void *b)
{
    const div_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : (x->level > y->level) - (x->level < y->level);
}

void gk_divisions_named(const gk_divisions *d, const char *name, size_t *first,
                        size_t *last)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(d->by_name[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    while (lo < d->n && strcmp(d->by_name[lo].name, name) == 0)
        lo++;
    *last = lo;
}

int gk_divisions_ancestor(const gk_divisions *d, int i, int level)
{
    while (i >= 0 && d->e[i].level > level)
        i = d->e[i].parent;
    return i >= 0 && d->e[i].level == level ? i : -1;
}

const char *gk_divisions_city_name(const gk_divisions *d, int i)
{
    int city = gk_divisions_ancestor(d, i, DIV_CITY);
    if (city < 0)
        return "";
    const char *name = d->e[city].name;
    switch (gk_divisions_placeholder(d, name)) {
    case DIV_MUNICIPALITY: {
        int prov = gk_divisions_ancestor(d, i, DIV_PROVINCE);
        return prov >= 0 ? d->e[prov].name : "";
    }
    case DIV_DIRECT:
        return "";
    default:
        return name;
    }
}

/* district-code.csv: "name,code"; a name may be a city or a municipality. */
static gk_status read_area_codes(gk_divisions *d, const char *dir, char **errmsg)
{
    FILE *fp;
    char *path;
    gk_status st = open_division_file(&fp, &path, dir, "district-code.csv", errmsg);
    if (st != GK_OK)
        return st;
    char line[256];
    size_t lineno = 0;
    while (st == GK_OK && fgets(line, sizeof line, fp) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *f[4];
        if (lineno == 1 || line[0] == '\0' || csv_fields(line, f, 4) < 2)
            continue;
        size_t first, last;
        gk_divisions_named(d, f[0], &first, &last);
        for (size_t k = first; k < last; k++) {
            size_t i = d->by_name[k].index;
            if (d->e[i].level != DIV_CITY && d->e[i].level != DIV_PROVINCE)
                continue;
            if (GK_ARRAY_RESERVE(d->areas, d->areas_cap, d->nareas + 1) != GK_OK) {
                st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
                break;
            }
            area_code *a = d->areas;
            snprintf(a[d->nareas].code, sizeof a[d->nareas].code, "%.7s", f[1]);
            a[d->nareas].city = (int)i;
            d->nareas++;
        }
    }
    fclose(fp);
    free(path);
    return st;
}

static gk_status postcode_row(void *ctx, char **f, size_t n, size_t line,
                              char **errmsg)
{
    (void)line;
    gk_divisions *d = ctx;
    if (n != 2 || strlen(f[0]) != 2)
        return gk_fail(errmsg, GK_ECORRUPT, "expected PREFIX (2 digits) and PROVINCE_CODE");
    int prov = -1;
    for (size_t i = 0; i < d->n && prov < 0; i++) /* provinces come first */
        if (d->e[i].level == DIV_PROVINCE && strcmp(d->e[i].code, f[1]) == 0)
            prov = (int)i;
    if (prov < 0)
        return gk_fail(errmsg, GK_ECORRUPT, "no province with code %s", f[1]);
    if (GK_ARRAY_RESERVE(d->posts, d->posts_cap, d->nposts + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    postcode_prefix *p = d->posts;
    memcpy(p[d->nposts].prefix, f[0], 3);
    p[d->nposts].province = prov;
    d->nposts++;
    return GK_OK;
}

gk_status gk_divisions_load(gk_divisions **out, const char *dir, char **errmsg)
{
    *out = NULL;
    gk_divisions *d = calloc(1, sizeof *d);
    if (d == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    size_t p0 = 0, c0, a0, s0;
    gk_status st = read_level(d, dir, "provinces.csv", DIV_PROVINCE, -1, 0, 0, errmsg);
    c0 = d->n;
    if (st == GK_OK)
        st = read_level(d, dir, "cities.csv", DIV_CITY, 2, p0, c0, errmsg);
    a0 = d->n;
    if (st == GK_OK)
        st = read_level(d, dir, "areas.csv", DIV_COUNTY, 2, c0, a0, errmsg);
    s0 = d->n;
    if (st == GK_OK)
        st = read_level(d, dir, "streets.csv", DIV_TOWNSHIP, 2, a0, s0, errmsg);
    if (st == GK_OK && (d->by_name = malloc((d->n ? d->n : 1) * sizeof *d->by_name)) == NULL)
        st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    if (st == GK_OK) {
        for (size_t i = 0; i < d->n; i++) {
            d->by_name[i].name = d->e[i].name;
            d->by_name[i].level = d->e[i].level;
            d->by_name[i].index = i;
        }
        qsort(d->by_name, d->n, sizeof *d->by_name, cmp_name);
        st = read_area_codes(d, dir, errmsg);
    }
    if (st == GK_OK)
        st = gk_tsv_read_in(dir, "postcodes.tsv", postcode_row, d, errmsg);
    if (st == GK_OK)
        st = gk_division_words_load(d, dir, errmsg);
    if (st != GK_OK) {
        gk_divisions_free(d);
        return st;
    }
    *out = d;
    return GK_OK;
}
