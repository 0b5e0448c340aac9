/* real_accuracy.c - the ctest real_accuracy: index the real-fixture set
 * (tests/real/reports/, README.md there) with the real gongkai-index, list
 * every file with gongkai-query --json, and compare each field with the
 * truth a reader wrote (tests/real/truth/NAME.json).  Prints the per-field
 * table in Markdown, every mismatch (file, field, expected, got) and
 * whether each target of issue 13 holds.  Fails when
 *   - a field reads below its floor in tests/real/floor.tsv (FIELD<TAB>MIN
 *     right; categories<TAB>MIN F1 x 1000; FIELD_wrong<TAB>MAX wrong), or
 *   - a truth file does not parse, breaks the schema, names a missing
 *     report or an id that corpus/data/ does not know, or a report has no
 *     truth.
 *
 * `real_accuracy --table` (or GK_REAL_TABLE=1 in the environment) prints
 * the same and passes whatever the floors say: scripts/accuracy.
 * GK_REAL_DIR=DIR measures another set laid out the same way (DIR/reports,
 * DIR/truth, and DIR/floor.tsv when it has one).  GK_REAL_FLOORS=1 also
 * prints the floor.tsv records of the reading (scripts/accuracy --floors). */
#define _POSIX_C_SOURCE 200809L
#include "gk_accuracy.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "gk_tsv.h"

static int table_mode;

/* ---- the fields measured -------------------------------------------------- */

enum field {
    F_KIND,
    F_TITLE,
    F_BODY,
    F_TOWNSHIP,
    F_TOWNSHIP_OR_BODY,
    F_COUNTY,
    F_CITY,
    F_PROVINCE,
    F_YEAR,
    F_TEMPLATE,
    F_SECTIONS,
    F_FIGURES,
    F_CATEGORIES,
    F_COUNT
};

static const char *const field_names[F_COUNT] = {
    "kind",     "title",    "body",     "township", "township_or_body", "county",    "city",
    "province", "year",     "template", "sections", "figures",          "categories"};

/* right of `of` compared; of the others, wrong (a value that differs) and
 * unknown (nothing found where the truth has a value). */
typedef struct field_stat {
    size_t right, of, wrong, unknown;
} field_stat;

typedef struct measure {
    field_stat f[F_COUNT];
    size_t county_named, county_named_right; /* truths whose county is not "" */
    size_t figures_extra;                    /* found, absent in the truth (in wrong) */
    size_t cat_tp, cat_fp, cat_fn;
    FILE *mismatches; /* Markdown rows */
    char *mismatch_text;
    size_t mismatch_len, nmismatch;
    FILE *problems; /* one line each */
    char *problem_text;
    size_t problem_len, nproblem;
} measure;

static void problem(measure *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(measure *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("- ", m->problems);
    vfprintf(m->problems, fmt, ap);
    fputc('\n', m->problems);
    va_end(ap);
    m->nproblem++;
}

/* s for a Markdown cell: pipes escaped, line breaks as spaces. */
static void put_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', f);
        else
            fputc(*s, f);
    }
}

static void mismatch(measure *m, const char *file, const char *field, const char *expected,
                     const char *got)
{
    fputs("| ", m->mismatches);
    put_cell(m->mismatches, file);
    fputs(" | ", m->mismatches);
    put_cell(m->mismatches, field);
    fputs(" | ", m->mismatches);
    put_cell(m->mismatches, expected);
    fputs(" | ", m->mismatches);
    put_cell(m->mismatches, got);
    fputs(" |\n", m->mismatches);
    m->nmismatch++;
}

static void mismatch_json(measure *m, const char *file, const char *field, const json_t *want,
                          const json_t *got)
{
    char *w = gk_acc_text_of(want), *g = gk_acc_text_of(got);
    mismatch(m, file, field, w, g);
    free(w);
    free(g);
}

/* Count one comparison of field: right when same; otherwise unknown when
 * got is empty (null, "", [], absent), else wrong.  Returns 1 when right. */
static int tally(measure *m, enum field k, int same, int got_empty)
{
    field_stat *s = &m->f[k];
    s->of++;
    if (same)
        s->right++;
    else if (got_empty)
        s->unknown++;
    else
        s->wrong++;
    return same;
}

static int is_empty(const json_t *v)
{
    return v == NULL || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0) ||
           (json_is_array(v) && json_array_size(v) == 0);
}

/* s with white space removed (ASCII, no-break, ideographic, the U+2000
 * spaces, zero-width and BOM); malloc'd. */
static char *no_space(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
            p++;
        } else if (p[0] == 0xC2 && p[1] == 0xA0) {
            p += 2;
        } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            p += 3;
        } else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] != 0 &&
                   ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF)) {
            p += 3;
        } else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) {
            p += 3;
        } else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
            p += 3;
        } else {
            out[k++] = (char)*p++;
        }
    }
    out[k] = '\0';
    return out;
}

/* s with white space removed and traditional characters made simplified
 * (t2s: corpus/data/t2s.tsv; NULL: none), as a place name or a body is
 * compared; malloc'd. */
static char *folded(const char *s, const json_t *t2s)
{
    char *bare = no_space(s ? s : "");
    if (t2s == NULL)
        return bare;
    size_t n = strlen(bare);
    char *out = malloc(4 * n + 1); /* no character grows past 4 bytes */
    assert_non_null(out);
    size_t k = 0;
    for (const char *p = bare; *p;) {
        unsigned char c = (unsigned char)*p;
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        for (size_t i = 1; i < len; i++)
            if (p[i] == '\0')
                len = i;
        char one[5] = {0};
        memcpy(one, p, len);
        const char *to = json_string_value(json_object_get(t2s, one));
        if (to != NULL && strlen(to) <= 4) {
            memcpy(out + k, to, strlen(to));
            k += strlen(to);
        } else {
            memcpy(out + k, p, len);
            k += len;
        }
        p += len;
    }
    out[k] = '\0';
    free(bare);
    return out;
}

/* A string field compared with white space removed on both sides (and,
 * with t2s, traditional characters made simplified). */
static int compare_text(measure *m, enum field k, const char *file, const char *want,
                        const char *got, const json_t *t2s)
{
    char *w = folded(want, t2s), *g = folded(got, t2s);
    int same = strcmp(w, g) == 0;
    tally(m, k, same, *g == '\0');
    if (!same)
        mismatch(m, file, field_names[k], *want ? want : "\"\"", got && *got ? got : "\"\"");
    free(w);
    free(g);
    return same;
}

static int compare_value(measure *m, enum field k, const char *file, const json_t *want,
                         const json_t *got)
{
    int same = gk_acc_same(want, got);
    tally(m, k, same, is_empty(got));
    if (!same)
        mismatch_json(m, file, field_names[k], want, got);
    return same;
}

/* ---- what corpus/data/ knows ---------------------------------------------- */

typedef struct known {
    json_t *figures, *categories, *sections, *templates; /* objects used as sets */
    json_t *t2s; /* traditional character -> simplified (corpus/data/t2s.tsv) */
} known;

typedef struct id_reader {
    json_t *set;
    const char *kind; /* the record kind that names an id ("label"), or a field
                         of values.tsv ("template") */
    int values;       /* values.tsv: FIELD VALUE NAME, the VALUE */
} id_reader;

static gk_status read_id(void *ctx, char **fields, size_t nfields, size_t line, char **errmsg)
{
    (void)line;
    (void)errmsg;
    id_reader *r = ctx;
    if (nfields >= 2 && strcmp(fields[r->values ? 0 : 1], r->kind) == 0)
        json_object_set_new(r->set, fields[r->values ? 1 : 0], json_true());
    return GK_OK;
}

static gk_status read_t2s(void *ctx, char **fields, size_t nfields, size_t line, char **errmsg)
{
    (void)line;
    (void)errmsg;
    if (nfields == 2)
        json_object_set_new(ctx, fields[0], json_string(fields[1]));
    return GK_OK;
}

static json_t *read_ids(const char *name, const char *kind, int values)
{
    id_reader r = {json_object(), kind, values};
    char *err = NULL;
    if (gk_tsv_read_in(GK_REAL_DATA_DIR, name, read_id, &r, &err) != GK_OK)
        fail_msg("%s", err ? err : name);
    if (json_object_size(r.set) == 0)
        fail_msg("%s/%s: no %s records", GK_REAL_DATA_DIR, name, kind);
    return r.set;
}

static void known_load(known *k)
{
    k->figures = read_ids("figures.tsv", "label", 0);
    k->categories = read_ids("categories.tsv", "label", 0);
    k->sections = read_ids("sections.tsv", "label", 0);
    k->templates = read_ids("values.tsv", "template", 1);
    /* the 2019+ structure without a table telling 2019 from 2021 (issue 13);
       values.tsv may not name it yet */
    json_object_set_new(k->templates, "new", json_true());
    /* the section id of a file that is not a report (docs/JSON.md) */
    json_object_set_new(k->sections, "document", json_true());
    k->t2s = json_object();
    char *err = NULL;
    if (gk_tsv_read_in(GK_REAL_DATA_DIR, "t2s.tsv", read_t2s, k->t2s, &err) != GK_OK)
        fail_msg("%s", err ? err : "t2s.tsv");
}

static void known_clear(known *k)
{
    json_decref(k->figures);
    json_decref(k->categories);
    json_decref(k->sections);
    json_decref(k->templates);
    json_decref(k->t2s);
}

/* ---- the set on disk ------------------------------------------------------ */

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of dir's regular files (not starting with '.'), sorted, as a
 * JSON array; fails the test when dir cannot be read. */
static json_t *list_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        fail_msg("%s: cannot be read", dir);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = gk_test_join(dir, e->d_name);
        struct stat st;
        int regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
        if (!regular)
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        assert_non_null(names);
        names[n] = strdup(e->d_name);
        assert_non_null(names[n]);
        n++;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, cmp_name);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(out, json_string(names[i]));
        free(names[i]);
    }
    free(names);
    return out;
}

static int has_name(const json_t *names, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(names, i, v) {
        if (strcmp(json_string_value(v), name) == 0)
            return 1;
    }
    return 0;
}

/* Length of name without its extension. */
static size_t stem_len(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot ? (size_t)(dot - name) : strlen(name);
}

static int is_string_array(const json_t *v)
{
    if (!json_is_array(v))
        return 0;
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
        if (!json_is_string(e))
            return 0;
    }
    return 1;
}

/* Each string of arr is a key of set; else a problem naming them. */
static int ids_known(measure *m, const char *truth, const char *what, const json_t *arr,
                     const json_t *set, const char *data_file)
{
    int ok = 1;
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        if (json_object_get(set, json_string_value(e)) == NULL) {
            problem(m, "truth/%s: %s \"%s\" is not an id of corpus/data/%s", truth, what,
                    json_string_value(e), data_file);
            ok = 0;
        }
    }
    return ok;
}

static const char *const truth_keys[] = {
    "file",     "source", "forms",    "kind",     "title",   "body",       "township", "county",
    "city",     "province", "year",   "template", "sections", "figures",   "categories", "notes",
    NULL};

/* truth (parsed from truth/NAME) keeps the schema of tests/real/README.md
 * and names a report of `reports` called NAME.EXT; each fault is a
 * problem.  Returns 1 when it can be measured. */
static int truth_valid(measure *m, const known *k, const char *name, const json_t *truth,
                       const json_t *reports)
{
    int ok = 1;
#define BAD(...) (problem(m, __VA_ARGS__), ok = 0)
    if (!json_is_object(truth)) {
        BAD("truth/%s: not a JSON object", name);
        return 0;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)truth, key, v) {
        size_t i = 0;
        while (truth_keys[i] && strcmp(truth_keys[i], key) != 0)
            i++;
        if (truth_keys[i] == NULL)
            BAD("truth/%s: unknown key \"%s\"", name, key);
    }
    const char *file = json_string_value(json_object_get(truth, "file"));
    if (file == NULL || *file == '\0')
        BAD("truth/%s: no \"file\"", name);
    else if (!has_name(reports, file))
        BAD("truth/%s: names %s, which is not in reports/", name, file);
    else if (stem_len(file) != stem_len(name) || strncmp(file, name, stem_len(name)) != 0)
        BAD("truth/%s: names %s; the truth of a report NAME.EXT is truth/NAME.json", name,
            file);
    const json_t *source = json_object_get(truth, "source");
    if (!json_is_string(source) || json_string_length(source) == 0)
        BAD("truth/%s: \"source\" is not the address where the form was seen", name);
    const json_t *forms = json_object_get(truth, "forms");
    if (!is_string_array(forms) || json_array_size(forms) == 0)
        BAD("truth/%s: \"forms\" is not a list of the forms it keeps", name);
    const char *kind = json_string_value(json_object_get(truth, "kind"));
    if (kind == NULL || (strcmp(kind, "report") != 0 && strcmp(kind, "document") != 0))
        BAD("truth/%s: \"kind\" is neither \"report\" nor \"document\"", name);
    static const char *const strings[] = {"title", "township", "county"};
    for (size_t i = 0; i < 3; i++)
        if (!json_is_string(json_object_get(truth, strings[i])))
            BAD("truth/%s: \"%s\" is not a string", name, strings[i]);
    static const char *const optional[] = {"city", "province", "notes"};
    for (size_t i = 0; i < 3; i++) {
        const json_t *o = json_object_get(truth, optional[i]);
        if (o != NULL && !json_is_string(o))
            BAD("truth/%s: \"%s\" is not a string", name, optional[i]);
    }
    if (!is_string_array(json_object_get(truth, "body")))
        BAD("truth/%s: \"body\" is not a list of names", name);
    const json_t *year = json_object_get(truth, "year");
    if (year == NULL || !(json_is_null(year) || json_is_integer(year)))
        BAD("truth/%s: \"year\" is neither a year nor null", name);
    const json_t *template = json_object_get(truth, "template");
    if (template == NULL ||
        !(json_is_null(template) ||
          (json_is_string(template) &&
           json_object_get(k->templates, json_string_value(template)) != NULL)))
        BAD("truth/%s: \"template\" is not null or a template of corpus/data/values.tsv "
            "(or \"new\")",
            name);
    const json_t *sections = json_object_get(truth, "sections");
    if (!is_string_array(sections))
        BAD("truth/%s: \"sections\" is not a list of section ids", name);
    else if (!ids_known(m, name, "section", sections, k->sections, "sections.tsv"))
        ok = 0;
    const json_t *categories = json_object_get(truth, "categories");
    if (!is_string_array(categories))
        BAD("truth/%s: \"categories\" is not a list of category ids", name);
    else if (!ids_known(m, name, "category", categories, k->categories, "categories.tsv"))
        ok = 0;
    const json_t *figures = json_object_get(truth, "figures");
    if (!json_is_object(figures)) {
        BAD("truth/%s: \"figures\" is not an object", name);
    } else {
        json_object_foreach((json_t *)figures, key, v) {
            if (json_object_get(k->figures, key) == NULL)
                BAD("truth/%s: figure \"%s\" is not an id of corpus/data/figures.tsv", name,
                    key);
            else if (!json_is_number(v) || json_number_value(v) < 0)
                BAD("truth/%s: figure %s is not a number (a figure the text does not give is "
                    "left out)",
                    name, key);
        }
    }
#undef BAD
    return ok;
}

/* ---- comparing one report ------------------------------------------------- */

static void compare_report(measure *m, const known *k, const json_t *want,
                           const json_t *file_line, const json_t *hit,
                           const json_t *got_sections)
{
    const char *file = json_string_value(json_object_get(want, "file"));
    json_t *none = json_object();
    if (hit == NULL)
        hit = none;

    /* kind: gongkai-index's file line; a failed file is read as nothing */
    const char *want_kind = json_string_value(json_object_get(want, "kind"));
    const char *got_kind = json_string_value(json_object_get(file_line, "kind"));
    const char *status = json_string_value(json_object_get(file_line, "status"));
    char got_text[512];
    if (file_line == NULL)
        snprintf(got_text, sizeof got_text, "(not indexed)");
    else if (status && strcmp(status, "failed") == 0)
        snprintf(got_text, sizeof got_text, "failed: %s",
                 json_string_value(json_object_get(file_line, "error"))
                     ? json_string_value(json_object_get(file_line, "error"))
                     : "?");
    else
        snprintf(got_text, sizeof got_text, "%s", got_kind ? got_kind : "(none)");
    int kind_same = got_kind && strcmp(want_kind, got_kind) == 0;
    tally(m, F_KIND, kind_same, got_kind == NULL);
    if (!kind_same)
        mismatch(m, file, "kind", want_kind, got_text);

    compare_text(m, F_TITLE, file, json_string_value(json_object_get(want, "title")),
                 json_string_value(json_object_get(hit, "title")), NULL);

    /* body: one of the truth's names, when the text names it */
    const json_t *bodies = json_object_get(want, "body");
    int body_right = 1;
    if (json_array_size(bodies) > 0) {
        const char *got = json_string_value(json_object_get(hit, "body"));
        char *g = folded(got, k->t2s);
        body_right = 0;
        size_t i;
        json_t *b;
        json_array_foreach(bodies, i, b) {
            char *w = folded(json_string_value(b), k->t2s);
            body_right |= strcmp(w, g) == 0;
            free(w);
        }
        tally(m, F_BODY, body_right, *g == '\0');
        if (!body_right) {
            char *list = json_dumps(bodies, JSON_COMPACT);
            mismatch(m, file, "body", list ? list : "?", *g ? got : "\"\"");
            free(list);
        }
        free(g);
    }

    const char *want_town = json_string_value(json_object_get(want, "township"));
    const char *got_town = json_string_value(json_object_get(hit, "township"));
    int town_right = compare_text(m, F_TOWNSHIP, file, want_town, got_town, k->t2s);
    /* township or body: the derived row of issue 13 (no mismatch line of
       its own: the two above say why) */
    {
        field_stat *s = &m->f[F_TOWNSHIP_OR_BODY];
        s->of++;
        if (town_right && body_right)
            s->right++;
        else if ((got_town && *got_town && !town_right) ||
                 (!body_right && json_string_length(json_object_get(hit, "body")) > 0))
            s->wrong++;
        else
            s->unknown++;
    }

    const char *want_county = json_string_value(json_object_get(want, "county"));
    int county_right = compare_text(m, F_COUNTY, file, want_county,
                                    json_string_value(json_object_get(hit, "county")), k->t2s);
    if (*want_county) {
        m->county_named++;
        m->county_named_right += (size_t)county_right;
    }
    if (json_object_get(want, "city"))
        compare_text(m, F_CITY, file, json_string_value(json_object_get(want, "city")),
                     json_string_value(json_object_get(hit, "city")), k->t2s);
    if (json_object_get(want, "province"))
        compare_text(m, F_PROVINCE, file, json_string_value(json_object_get(want, "province")),
                     json_string_value(json_object_get(hit, "province")), k->t2s);

    compare_value(m, F_YEAR, file, json_object_get(want, "year"), json_object_get(hit, "year"));

    if (strcmp(want_kind, "report") != 0) {
        json_decref(none);
        return;
    }
    compare_value(m, F_TEMPLATE, file, json_object_get(want, "template"),
                  json_object_get(hit, "template"));

    json_t *ws = gk_acc_sorted_set(json_object_get(want, "sections"));
    json_t *gs = gk_acc_sorted_set(got_sections);
    if (!tally(m, F_SECTIONS, json_equal(ws, gs), json_array_size(gs) == 0))
        mismatch_json(m, file, "sections", ws, gs);
    json_decref(ws);
    json_decref(gs);

    /* figures: each the truth gives is right, wrong or unknown; one found
       that the truth does not give is wrong (extra) */
    const json_t *wf = json_object_get(want, "figures");
    const json_t *gf = json_object_get(hit, "figures");
    const char *id;
    json_t *value;
    json_object_foreach((json_t *)wf, id, value) {
        const json_t *g = json_object_get(gf, id);
        char field[96];
        snprintf(field, sizeof field, "figures.%s", id);
        if (!tally(m, F_FIGURES, gk_acc_same(value, g), is_empty(g)))
            mismatch_json(m, file, field, value, g);
    }
    json_object_foreach((json_t *)gf, id, value) {
        if (is_empty(value) || json_object_get(wf, id) != NULL)
            continue;
        char field[96];
        snprintf(field, sizeof field, "figures.%s", id);
        m->f[F_FIGURES].wrong++;
        m->figures_extra++;
        char *g = gk_acc_text_of(value);
        mismatch(m, file, field, "(not in the text)", g);
        free(g);
    }

    /* categories: true and false positives and negatives over the set */
    json_t *wc = gk_acc_sorted_set(json_object_get(want, "categories"));
    json_t *gc = gk_acc_sorted_set(json_object_get(hit, "categories"));
    size_t tp = 0;
    size_t i;
    json_t *c;
    json_array_foreach(wc, i, c) {
        tp += (size_t)has_name(gc, json_string_value(c));
    }
    m->cat_tp += tp;
    m->cat_fn += json_array_size(wc) - tp;
    m->cat_fp += json_array_size(gc) - tp;
    /* right: the exact set; wrong: the false positives (a label the
       problems do not name), counted apart from the set */
    field_stat *cs = &m->f[F_CATEGORIES];
    cs->of++;
    cs->right += (size_t)json_equal(wc, gc);
    cs->wrong = m->cat_fp;
    if (!json_equal(wc, gc))
        mismatch_json(m, file, "categories", wc, gc);
    json_decref(wc);
    json_decref(gc);
    json_decref(none);
}

/* ---- the table, the targets, the floors ----------------------------------- */

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 1.0;
}

static void category_scores(const measure *m, double *p, double *r, double *f1)
{
    *p = ratio(m->cat_tp, m->cat_tp + m->cat_fp);
    *r = ratio(m->cat_tp, m->cat_tp + m->cat_fn);
    *f1 = (*p + *r) > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

/* F1 x 1000, rounded down: what floor.tsv holds for categories. */
static long category_f1_milli(const measure *m)
{
    double p, r, f1;
    category_scores(m, &p, &r, &f1);
    return (long)floor(f1 * 1000 + 1e-9);
}

static void print_table(const measure *m, size_t truths, size_t report_truths)
{
    printf("| field | right | of | note |\n|---|---|---|---|\n");
    for (int k = 0; k < F_COUNT; k++) {
        const field_stat *s = &m->f[k];
        printf("| %s | %zu | %zu | ", field_names[k], s->right, s->of);
        switch (k) {
        case F_KIND:
            printf("`report` or `document`, from gongkai-index; ");
            break;
        case F_TITLE:
            printf("white space ignored; ");
            break;
        case F_BODY:
            printf("truths that name the body (%zu of %zu); any of their names; ", s->of,
                   truths);
            break;
        case F_TOWNSHIP_OR_BODY:
            printf("township right and, where named, body right; ");
            break;
        case F_COUNTY:
            printf("right where the text names it: %zu/%zu; ", m->county_named_right,
                   m->county_named);
            break;
        case F_CITY:
        case F_PROVINCE:
            printf("truths that give it; ");
            break;
        case F_TEMPLATE:
            printf("reports (%zu); ", report_truths);
            break;
        case F_SECTIONS:
            printf("the set of section ids; ");
            break;
        case F_FIGURES:
            printf("found right of readable; wrong %zu (value %zu, extra %zu), unknown %zu |\n",
                   s->wrong, s->wrong - m->figures_extra, m->figures_extra, s->unknown);
            continue;
        case F_CATEGORIES: {
            double p, r, f1;
            category_scores(m, &p, &r, &f1);
            printf("reports with the exact set; P %.2f R %.2f F1 %.2f (TP %zu, FP %zu, FN %zu) |\n",
                   p, r, f1, m->cat_tp, m->cat_fp, m->cat_fn);
            continue;
        }
        default:
            break;
        }
        printf("wrong %zu, unknown %zu |\n", s->wrong, s->unknown);
    }
}

/* Whether each target of issue 13 holds; returns how many do not. */
static int print_targets(const measure *m)
{
    const field_stat *f = m->f;
    double p, r, f1;
    category_scores(m, &p, &r, &f1);
    struct {
        const char *what;
        int holds;
        char got[96];
    } t[7];
    size_t n = 0;
#define TARGET(text, cond, ...)                                                                \
    do {                                                                                       \
        t[n].what = text;                                                                      \
        t[n].holds = (cond);                                                                   \
        snprintf(t[n].got, sizeof t[n].got, __VA_ARGS__);                                      \
        n++;                                                                                   \
    } while (0)
    TARGET("township or body 100%", f[F_TOWNSHIP_OR_BODY].right == f[F_TOWNSHIP_OR_BODY].of,
           "%zu/%zu", f[F_TOWNSHIP_OR_BODY].right, f[F_TOWNSHIP_OR_BODY].of);
    TARGET("county >= 90% where named", ratio(m->county_named_right, m->county_named) >= 0.90,
           "%zu/%zu", m->county_named_right, m->county_named);
    TARGET("title 100%", f[F_TITLE].right == f[F_TITLE].of, "%zu/%zu", f[F_TITLE].right,
           f[F_TITLE].of);
    TARGET("kind 100%", f[F_KIND].right == f[F_KIND].of, "%zu/%zu", f[F_KIND].right,
           f[F_KIND].of);
    TARGET("template >= 95%", ratio(f[F_TEMPLATE].right, f[F_TEMPLATE].of) >= 0.95, "%zu/%zu",
           f[F_TEMPLATE].right, f[F_TEMPLATE].of);
    TARGET("figures >= 95% found, none wrong",
           ratio(f[F_FIGURES].right, f[F_FIGURES].of) >= 0.95 && f[F_FIGURES].wrong == 0,
           "%zu/%zu found, %zu wrong", f[F_FIGURES].right, f[F_FIGURES].of, f[F_FIGURES].wrong);
    TARGET("categories F1 >= 0.85", f1 >= 0.85 - 1e-9, "F1 %.2f", f1);
#undef TARGET
    int missed = 0;
    printf("\nIssue 13 targets:\n\n");
    for (size_t i = 0; i < n; i++) {
        printf("- %s: %s (%s)\n", t[i].what, t[i].holds ? "holds" : "does not hold", t[i].got);
        missed += !t[i].holds;
    }
    return missed;
}

/* The number a floor key measures: FIELD (right; categories: F1 x 1000)
 * or FIELD_wrong; -1 for a key that names no field. */
static long floor_value(const measure *m, const char *key, int *is_max)
{
    size_t n = strlen(key);
    *is_max = n > 6 && strcmp(key + n - 6, "_wrong") == 0;
    size_t len = *is_max ? n - 6 : n;
    for (int k = 0; k < F_COUNT; k++) {
        if (strlen(field_names[k]) != len || strncmp(field_names[k], key, len) != 0)
            continue;
        if (*is_max)
            return (long)m->f[k].wrong;
        return k == F_CATEGORIES ? category_f1_milli(m) : (long)m->f[k].right;
    }
    return -1;
}

typedef struct floor_reader {
    measure *m;
    const char *path;
    size_t below;    /* floors not met */
    size_t at_floor; /* floors met exactly (not listed one by one) */
} floor_reader;

static gk_status read_floor(void *ctx, char **fields, size_t nfields, size_t line,
                            char **errmsg)
{
    (void)errmsg;
    floor_reader *r = ctx;
    char *end = NULL;
    long want = nfields == 2 ? strtol(fields[1], &end, 10) : -1;
    if (nfields != 2 || end == fields[1] || *end != '\0' || want < 0) {
        problem(r->m, "%s:%zu: not FIELD<TAB>NUMBER", r->path, line);
        return GK_OK;
    }
    int is_max;
    long got = floor_value(r->m, fields[0], &is_max);
    if (got < 0) {
        problem(r->m, "%s:%zu: \"%s\" is not a field of the table (or FIELD_wrong)", r->path,
                line, fields[0]);
        return GK_OK;
    }
    if (is_max ? got > want : got < want) {
        printf("- %s: %ld, floor %s %ld: **below the floor**\n", fields[0], got,
               is_max ? "at most" : "at least", want);
        r->below++;
    } else if (got != want) {
        printf("- %s: %ld, floor %s %ld: better; set the floor to %ld\n", fields[0], got,
               is_max ? "at most" : "at least", want, got);
    } else {
        r->at_floor++;
    }
    return GK_OK;
}

/* Check dir/floor.tsv (required for the set in the source tree); returns
 * the floors not met. */
static size_t check_floors(measure *m, const char *dir, int required)
{
    char *path = gk_test_join(dir, "floor.tsv");
    struct stat st;
    size_t below = 0;
    if (stat(path, &st) != 0) {
        if (required)
            problem(m, "%s: missing", path);
        free(path);
        return 0;
    }
    printf("\nFloors (%s):\n\n", path);
    floor_reader r = {m, path, 0, 0};
    char *err = NULL;
    if (gk_tsv_read(path, read_floor, &r, &err) != GK_OK) {
        problem(m, "%s", err ? err : path);
        free(err);
    }
    printf("- %zu floor%s met exactly\n", r.at_floor, r.at_floor == 1 ? "" : "s");
    below = r.below;
    free(path);
    return below;
}

/* The floor.tsv records of this reading (every FIELD, categories and
 * FIELD_wrong), to start the floors of a set or raise them. */
static void print_floor_records(const measure *m)
{
    printf("\nfloor.tsv records of this reading:\n\n");
    for (int k = 0; k < F_COUNT; k++) {
        if (k == F_CATEGORIES)
            printf("%s\t%ld\n", field_names[k], category_f1_milli(m));
        else
            printf("%s\t%zu\n", field_names[k], m->f[k].right);
    }
    for (int k = 0; k < F_COUNT; k++)
        printf("%s_wrong\t%zu\n", field_names[k], m->f[k].wrong);
}

/* ---- the test -------------------------------------------------------------- */

static void test_real_reports_read_as_their_truth(void **state)
{
    gk_cli *cli = *state;
    const char *env_dir = getenv("GK_REAL_DIR");
    const char *dir = env_dir && *env_dir ? env_dir : GK_REAL_DIR_DEFAULT;
    char *reports_dir = gk_test_join(dir, "reports");
    char *truth_dir = gk_test_join(dir, "truth");

    measure m = {0};
    m.mismatches = open_memstream(&m.mismatch_text, &m.mismatch_len);
    m.problems = open_memstream(&m.problem_text, &m.problem_len);
    assert_non_null(m.mismatches);
    assert_non_null(m.problems);
    known k;
    known_load(&k);

    /* the truths, checked; each report has one */
    json_t *reports = list_dir(reports_dir);
    json_t *truth_names = list_dir(truth_dir);
    json_t *truths = json_array(), *covered = json_object();
    size_t i;
    json_t *v;
    json_array_foreach(truth_names, i, v) {
        const char *name = json_string_value(v);
        size_t n = strlen(name);
        if (n < 5 || strcmp(name + n - 5, ".json") != 0) {
            problem(&m, "truth/%s: not NAME.json", name);
            continue;
        }
        char *path = gk_test_join(truth_dir, name);
        json_error_t e;
        json_t *truth = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
        free(path);
        if (truth == NULL) {
            problem(&m, "truth/%s:%d:%d: %s", name, e.line, e.column, e.text);
            continue;
        }
        const char *file = json_string_value(json_object_get(truth, "file"));
        if (file && json_object_get(covered, file)) {
            problem(&m, "truth/%s: %s has a truth already", name, file);
        } else if (truth_valid(&m, &k, name, truth, reports)) {
            json_object_set_new(covered, file, json_true());
            json_array_append(truths, truth);
        } else if (file) {
            json_object_set_new(covered, file, json_true()); /* faulty, but not missing */
        }
        json_decref(truth);
    }
    json_array_foreach(reports, i, v) {
        if (json_object_get(covered, json_string_value(v)) == NULL)
            problem(&m, "reports/%s: has no truth (truth/NAME.json)", json_string_value(v));
    }

    /* the reading: gongkai-index's file lines, every hit by report and the
       sections of each report */
    char *indexed = gk_acc_run(GK_TEST_INDEX_BIN, cli->db, GK_CLI_ARGS("--json", reports_dir),
                               GK_CLI_0_OR_1);
    char *report_hits = gk_acc_list_all(cli->db, 1, "kind:report");
    char *document_hits = gk_acc_list_all(cli->db, 1, "kind:document");
    char *section_hits = gk_acc_list_all(cli->db, 0, "kind:report");
    json_t *files = json_object(), *hits = json_object(), *sections = json_object();
    gk_acc_index_lines(indexed, "file", files, 0);
    gk_acc_index_lines(report_hits, "hit", hits, 0);
    gk_acc_index_lines(document_hits, "hit", hits, 0);
    gk_acc_index_lines(section_hits, "hit", sections, 1);

    size_t report_truths = 0;
    json_array_foreach(truths, i, v) {
        const char *file = json_string_value(json_object_get(v, "file"));
        report_truths += strcmp(json_string_value(json_object_get(v, "kind")), "report") == 0;
        compare_report(&m, &k, v, json_object_get(files, file), json_object_get(hits, file),
                       json_object_get(sections, file));
    }
    fflush(m.mismatches);
    fflush(m.problems);

    printf("\nreal_accuracy: %s, %zu reports, %zu truths measured\n\n", dir,
           json_array_size(reports), json_array_size(truths));
    print_table(&m, json_array_size(truths), report_truths);
    printf("\nMismatches (%zu):\n\n", m.nmismatch);
    if (m.nmismatch)
        printf("| file | field | expected | got |\n|---|---|---|---|\n%s", m.mismatch_text);
    else
        printf("none\n");
    int missed = print_targets(&m);
    size_t below = check_floors(&m, dir, env_dir == NULL || *env_dir == '\0');
    const char *records = getenv("GK_REAL_FLOORS");
    if (records && *records && *records != '0')
        print_floor_records(&m);
    fflush(m.problems);
    if (m.nproblem)
        printf("\nProblems with the set (%zu):\n\n%s", m.nproblem, m.problem_text);
    printf("\nreal_accuracy: %d of 7 targets missed, %zu floors not met, %zu problems with the "
           "set\n",
           missed, below, m.nproblem);

    size_t nproblem = m.nproblem;
    fclose(m.mismatches);
    fclose(m.problems);
    free(m.mismatch_text);
    free(m.problem_text);
    known_clear(&k);
    json_decref(reports);
    json_decref(truth_names);
    json_decref(truths);
    json_decref(covered);
    json_decref(files);
    json_decref(hits);
    json_decref(sections);
    free(indexed);
    free(report_hits);
    free(document_hits);
    free(section_hits);
    free(reports_dir);
    free(truth_dir);
    if (table_mode)
        return;
    if (nproblem)
        fail_msg("%zu problems with the fixture set (listed above)", nproblem);
    if (below)
        fail_msg("%zu fields read below their floor in floor.tsv", below);
}

int main(int argc, char **argv)
{
    const char *env = getenv("GK_REAL_TABLE");
    table_mode = (argc > 1 && strcmp(argv[1], "--table") == 0) || (env && *env && *env != '0');
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_real_reports_read_as_their_truth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
