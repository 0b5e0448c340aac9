/* history.c - a place over the years (--history): the matching reports
 * grouped by place and put in year order, each figure with its change
 * from the year before (gk_history.h). */
#include "gk_history.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_array.h"
#include "gk_escape.h"
#include "gk_facetout.h"
#include "gk_json.h"
#include "gk_schema.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* One report of a place. */
typedef struct entry {
    char *key; /* the place: its code, or its township's or county's facet key */
    char *township, *county, *city, *province, *place_code, *place_status;
    int year;  /* 0: unknown */
    char *report_id, *path, *title, *consistency, *continuity, *categories;
    int previous_cf_known;
    double previous_cf;
    double *value, *change;      /* per figure */
    unsigned char *known, *change_known;
} entry;

struct gk_history {
    const gk_figure_rules *rules;
    size_t nfigures;
    entry *v;
    size_t n, cap;
};

gk_status gk_history_new(gk_history **out, const gk_figure_rules *rules, char **errmsg)
{
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    (*out)->rules = rules;
    (*out)->nfigures = gk_figure_count(rules);
    return GK_OK;
}

static void entry_clear(entry *e)
{
    char **strings[] = {&e->key,       &e->township,    &e->county,     &e->city,
                        &e->province,  &e->place_code,  &e->place_status, &e->report_id,
                        &e->path,      &e->title,       &e->consistency, &e->continuity,
                        &e->categories};
    for (size_t k = 0; k < sizeof strings / sizeof strings[0]; k++)
        free(*strings[k]);
    free(e->value);
    free(e->change);
    free(e->known);
    free(e->change_known);
}

void gk_history_free(gk_history *h)
{
    if (h == NULL)
        return;
    for (size_t i = 0; i < h->n; i++)
        entry_clear(&h->v[i]);
    free(h->v);
    free(h);
}

/* A copy of value slot `slot` of hit i; NULL when out of memory. */
static char *copy_value(const gk_results *res, size_t i, unsigned slot)
{
    const char *s;
    size_t len;
    gk_results_value(res, i, slot, &s, &len);
    char *c = malloc(len + 1);
    if (c != NULL) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

gk_status gk_history_add(gk_history *h, const gk_results *res, size_t i, char **errmsg)
{
    const char *kind;
    size_t len;
    gk_results_value(res, i, GK_SLOT_KIND, &kind, &len);
    if (len != GK_LEN("report") || memcmp(kind, "report", len) != 0)
        return GK_OK;
    if (GK_ARRAY_RESERVE(h->v, h->cap, h->n + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    entry *e = &h->v[h->n];
    memset(e, 0, sizeof *e);
    e->township = copy_value(res, i, GK_SLOT_TOWNSHIP);
    e->county = copy_value(res, i, GK_SLOT_COUNTY);
    e->city = copy_value(res, i, GK_SLOT_CITY);
    e->province = copy_value(res, i, GK_SLOT_PROVINCE);
    e->place_code = copy_value(res, i, GK_SLOT_PLACE_CODE);
    e->place_status = copy_value(res, i, GK_SLOT_PLACE_STATUS);
    e->report_id = copy_value(res, i, GK_SLOT_REPORT_ID);
    e->path = copy_value(res, i, GK_SLOT_PATH);
    e->title = copy_value(res, i, GK_SLOT_TITLE);
    e->consistency = copy_value(res, i, GK_SLOT_CONSISTENCY);
    e->continuity = copy_value(res, i, GK_SLOT_CONTINUITY);
    e->categories = copy_value(res, i, GK_SLOT_CATEGORIES);
    char *cf = copy_value(res, i, GK_SLOT_PREVIOUS_CARRIED_FORWARD);
    e->previous_cf_known = cf != NULL && cf[0] != '\0';
    e->previous_cf = e->previous_cf_known ? strtod(cf, NULL) : 0;
    free(cf);
    double year = 0;
    e->year = gk_results_number(res, i, GK_SLOT_YEAR, &year) ? (int)year : 0;
    size_t n = h->nfigures ? h->nfigures : 1;
    e->value = calloc(n, sizeof *e->value);
    e->change = calloc(n, sizeof *e->change);
    e->known = calloc(n, 1);
    e->change_known = calloc(n, 1);
    /* the place: a resolved code, else the facet keys that keep
     * same-named places apart (document.c), else the report alone */
    char *township_key = copy_value(res, i, GK_SLOT_TOWNSHIP_KEY);
    char *county_key = copy_value(res, i, GK_SLOT_COUNTY_KEY);
    if (township_key != NULL && county_key != NULL && e->place_code != NULL &&
        e->place_status != NULL) {
        gk_buf key = {0};
        if (strcmp(e->place_status, "resolved") == 0 && e->place_code[0])
            gk_buf_adds(&key, e->place_code);
        else if (township_key[0])
            gk_buf_adds(&key, township_key);
        else if (county_key[0])
            gk_buf_adds(&key, county_key);
        else
            gk_buf_printf(&key, "(report %s)", e->report_id ? e->report_id : "");
        e->key = gk_buf_take(&key, NULL);
    }
    free(township_key);
    free(county_key);
    h->n++;
    if (e->key == NULL || e->township == NULL || e->county == NULL || e->city == NULL ||
        e->province == NULL || e->report_id == NULL || e->path == NULL ||
        e->title == NULL || e->consistency == NULL || e->continuity == NULL ||
        e->categories == NULL || e->value == NULL || e->change == NULL ||
        e->known == NULL || e->change_known == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    for (size_t k = 0; k < h->nfigures; k++)
        e->known[k] = (unsigned char)gk_results_number(res, i,
                                                       gk_figure_slot(h->rules, k),
                                                       &e->value[k]);
    return GK_OK;
}

/* By place, then year (unknown last), then report id. */
static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c != 0)
        return c;
    long xy = x->year ? x->year : 1L << 30, yy = y->year ? y->year : 1L << 30;
    if (xy != yy)
        return xy < yy ? -1 : 1;
    return strcmp(x->report_id, y->report_id);
}

/* Sort, and give each report its changes from the year before: the
 * reports of the same place and the year before, where they agree. */
static void compute_changes(gk_history *h)
{
    if (h->n > 1)
        qsort(h->v, h->n, sizeof *h->v, cmp_entry);
    for (size_t i = 0; i < h->n; i++) {
        entry *e = &h->v[i];
        size_t from = i; /* the first report of this place */
        while (from > 0 && strcmp(h->v[from - 1].key, e->key) == 0)
            from--;
        for (size_t k = 0; k < h->nfigures; k++) {
            int any = 0, agree = 1;
            double before = 0;
            for (size_t j = from; j < i && e->year != 0; j++) {
                const entry *p = &h->v[j];
                if (p->year != e->year - 1)
                    continue;
                agree = agree && p->known[k] && (!any || p->value[k] == before);
                before = p->value[k];
                any = 1;
            }
            e->change_known[k] = (unsigned char)(any && agree && e->known[k]);
            e->change[k] = e->change_known[k] ? e->value[k] - before : 0;
        }
    }
}

static json_t *number_or_null(int known, double v)
{
    return known ? gk_json_number(v) : json_null();
}

static json_t *text_or_null(const char *s)
{
    return s != NULL && s[0] ? gk_json_text(s) : json_null();
}

static void print_json(gk_history *h, FILE *to, size_t from, size_t to_i)
{
    const entry *first = &h->v[from];
    json_t *place = json_object();
    json_object_set_new(place, "type", json_string("place"));
    json_object_set_new(place, "place", gk_json_text(first->key));
    json_object_set_new(place, "township", gk_json_text(first->township));
    json_object_set_new(place, "county", gk_json_text(first->county));
    json_object_set_new(place, "city", gk_json_text(first->city));
    json_object_set_new(place, "province", gk_json_text(first->province));
    json_object_set_new(place, "place_code", text_or_null(first->place_code));
    json_object_set_new(place, "place_status", gk_json_text(first->place_status));
    json_object_set_new(place, "reports", json_integer((json_int_t)(to_i - from)));
    gk_json_print(to, place);
    for (size_t i = from; i < to_i; i++) {
        const entry *e = &h->v[i];
        json_t *o = json_object(), *figs = json_object(), *changes = json_object(),
               *cats = json_array();
        json_object_set_new(o, "type", json_string("history"));
        json_object_set_new(o, "place", gk_json_text(e->key));
        json_object_set_new(o, "year", e->year ? json_integer(e->year) : json_null());
        json_object_set_new(o, "report_id", gk_json_text(e->report_id));
        json_object_set_new(o, "path", gk_json_text(e->path));
        json_object_set_new(o, "title", gk_json_text(e->title));
        json_object_set_new(o, "consistency", text_or_null(e->consistency));
        json_object_set_new(o, "continuity", text_or_null(e->continuity));
        json_object_set_new(o, "previous_requests_carried_forward",
                            number_or_null(e->previous_cf_known, e->previous_cf));
        for (const char *c = e->categories; *c;) {
            size_t n = strcspn(c, ",");
            json_array_append_new(cats, json_stringn(c, n));
            c += n + (c[n] == ',');
        }
        json_object_set_new(o, "categories", cats);
        for (size_t k = 0; k < h->nfigures; k++) {
            const char *id = gk_figure_id(h->rules, k);
            json_object_set_new(figs, id, number_or_null(e->known[k], e->value[k]));
            json_object_set_new(changes, id,
                                number_or_null(e->change_known[k], e->change[k]));
        }
        json_object_set_new(o, "figures", figs);
        json_object_set_new(o, "changes", changes);
        gk_json_print(to, o);
    }
}

static void print_table_header(gk_history *h, FILE *to, gk_figtable_format f)
{
    static const char *const columns[] = {
        "place",       "township",    "county",     "city",       "province",
        "place_code",  "place_status", "year",      "report_id",  "path",
        "title",       "consistency", "continuity", "previous_requests_carried_forward",
        "categories"};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        gk_figtable_cell(to, f, columns[i], i == 0);
    for (size_t k = 0; k < h->nfigures; k++) {
        char change[128];
        snprintf(change, sizeof change, "%s_change", gk_figure_id(h->rules, k));
        gk_figtable_cell(to, f, gk_figure_id(h->rules, k), 0);
        gk_figtable_cell(to, f, change, 0);
    }
    fputc('\n', to);
}

static void print_table_row(gk_history *h, FILE *to, gk_figtable_format f, const entry *e)
{
    char year[16] = "";
    if (e->year)
        snprintf(year, sizeof year, "%d", e->year);
    const char *cells[] = {e->key,         e->township,   e->county,    e->city,
                           e->province,    e->place_code, e->place_status, year,
                           e->report_id,   e->path,       e->title,     e->consistency,
                           e->continuity};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        gk_figtable_cell(to, f, cells[i], i == 0);
    gk_figtable_number_cell(to, f, e->previous_cf_known, e->previous_cf);
    gk_figtable_cell(to, f, e->categories, 0);
    for (size_t k = 0; k < h->nfigures; k++) {
        gk_figtable_number_cell(to, f, e->known[k], e->value[k]);
        gk_figtable_number_cell(to, f, e->change_known[k], e->change[k]);
    }
    fputc('\n', to);
}

/* A cell of the text table: what it shows, malloc'd ("" when memory
 * runs out). */
typedef struct text_row {
    const char *label;
    char **cells;
} text_row;

static char *number_text(int known, double v, int change_known, double change)
{
    gk_buf b = {0};
    if (!known)
        gk_buf_adds(&b, "–");
    else if (change_known)
        gk_buf_printf(&b, "%.15g (%+.15g)", v, change);
    else
        gk_buf_printf(&b, "%.15g", v);
    char *s = gk_buf_take(&b, NULL);
    return s != NULL ? s : gk_strdup("");
}

static void pad(FILE *to, const char *s, size_t width)
{
    gk_escape_fputs(to, s);
    for (size_t w = gk_display_width(s); w < width; w++)
        fputc(' ', to);
}

static void print_text(gk_history *h, FILE *to, int color, size_t from, size_t to_i)
{
    const entry *first = &h->v[from];
    size_t ncols = to_i - from;
    /* the heading: the place as named, its code, how many reports */
    fputs(color ? "\033[1m" : "", to);
    const char *names[] = {first->province, first->city, first->county, first->township};
    int any = 0;
    for (size_t k = 0; k < 4; k++)
        if (names[k][0] && (k == 0 || strcmp(names[k], names[k - 1]) != 0)) {
            fputs(any ? " " : "", to);
            gk_escape_fputs(to, names[k]);
            any = 1;
        }
    if (!any)
        fputs("(no place)", to);
    fputs(color ? "\033[0m" : "", to);
    if (first->place_code[0] && strcmp(first->place_status, "resolved") == 0)
        fprintf(to, " · %s", first->place_code);
    else
        fprintf(to, " · place %s", first->place_status);
    fprintf(to, " · %zu report%s\n", ncols, ncols == 1 ? "" : "s");
    size_t nrows = 5 + h->nfigures;
    text_row *rows = calloc(nrows, sizeof *rows);
    if (rows == NULL)
        return;
    for (size_t r = 0; r < nrows; r++)
        rows[r].cells = calloc(ncols, sizeof *rows[r].cells);
    rows[0].label = "year";
    rows[1].label = "report";
    rows[2].label = "consistency";
    rows[3].label = "continuity";
    for (size_t k = 0; k < h->nfigures; k++)
        rows[4 + k].label = gk_figure_id(h->rules, k);
    rows[nrows - 1].label = "categories";
    size_t label_width = 0, *width = calloc(ncols, sizeof *width);
    for (size_t c = 0; c < ncols; c++) {
        const entry *e = &h->v[from + c];
        char year[16] = "?";
        if (e->year)
            snprintf(year, sizeof year, "%d", e->year);
        for (size_t r = 0; r < nrows && rows[r].cells != NULL; r++) {
            char *s;
            if (r == 0)
                s = gk_strdup(year);
            else if (r == 1)
                s = gk_strdup(e->report_id);
            else if (r == 2)
                s = gk_strdup(e->consistency[0] ? e->consistency : "–");
            else if (r == 3) {
                gk_buf b = {0};
                gk_buf_adds(&b, e->continuity[0] ? e->continuity : "–");
                if (e->previous_cf_known)
                    gk_buf_printf(&b, " (%.15g)", e->previous_cf);
                s = gk_buf_take(&b, NULL);
            } else if (r < nrows - 1) {
                size_t k = r - 4;
                s = number_text(e->known[k], e->value[k], e->change_known[k], e->change[k]);
            } else
                s = gk_strdup(e->categories[0] ? e->categories : "–");
            rows[r].cells[c] = s != NULL ? s : gk_strdup("");
            size_t w = rows[r].cells[c] ? gk_display_width(rows[r].cells[c]) : 0;
            if (width != NULL && w > width[c])
                width[c] = w;
        }
    }
    for (size_t r = 0; r < nrows; r++)
        if (strlen(rows[r].label) > label_width)
            label_width = strlen(rows[r].label);
    for (size_t r = 0; r < nrows; r++) {
        fputs("  ", to);
        pad(to, rows[r].label, label_width + 2);
        for (size_t c = 0; c < ncols && rows[r].cells != NULL; c++) {
            const char *s = rows[r].cells[c] ? rows[r].cells[c] : "";
            if (c + 1 < ncols)
                pad(to, s, (width ? width[c] : 0) + 2);
            else
                gk_escape_fputs(to, s);
        }
        fputc('\n', to);
    }
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < ncols && rows[r].cells != NULL; c++)
            free(rows[r].cells[c]);
        free(rows[r].cells);
    }
    free(rows);
    free(width);
}

void gk_history_print(gk_history *h, FILE *to, int text, gk_figtable_format f, int color)
{
    compute_changes(h);
    if (!text && f != GK_FIGTABLE_JSON)
        print_table_header(h, to, f);
    for (size_t from = 0; from < h->n;) {
        size_t end = from + 1;
        while (end < h->n && strcmp(h->v[end].key, h->v[from].key) == 0)
            end++;
        if (text) {
            if (from > 0)
                fputc('\n', to);
            print_text(h, to, color, from, end);
        } else if (f == GK_FIGTABLE_JSON) {
            print_json(h, to, from, end);
        } else {
            for (size_t i = from; i < end; i++)
                print_table_row(h, to, f, &h->v[i]);
        }
        from = end;
    }
    if (text && h->n > 0)
        fputs("\n– unknown; (±N) the change from the year before; continuity (N): this "
              "year's 上年结转 against N, the year before's 结转下年度\n",
              to);
}
