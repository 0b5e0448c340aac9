/* fieldlist.c - gongkai-query --fields: the names of every field, figure,
 * facet, section and category, as the data files give them. */
#include "gk_fieldlist.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_array.h"
#include "gk_facetfields.h"
#include "gk_json.h"
#include "gk_tsv.h"
#include "gk_util.h"

/* One id and the names of it, in file order. */
typedef struct entry {
    char *id;
    char *label;  /* NULL: none */
    char *group;  /* values.tsv: the field the value belongs to */
    char **names; /* aliases (and fields.tsv's names) */
    size_t nnames, names_cap;
} entry;

typedef struct entries {
    entry *e;
    size_t n, cap;
    int two_columns; /* fields.tsv: "ID NAME"; values.tsv: "FIELD ID NAME" */
    int values;
} entries;

static void entries_free(entries *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->e[i].id);
        free(l->e[i].label);
        free(l->e[i].group);
        for (size_t k = 0; k < l->e[i].nnames; k++)
            free(l->e[i].names[k]);
        free(l->e[i].names);
    }
    free(l->e);
    memset(l, 0, sizeof *l);
}

/* The entry for id (of group, or NULL), made at the end when new. */
static entry *entry_of(entries *l, const char *group, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->e[i].id, id) == 0 &&
            (group == NULL || strcmp(l->e[i].group, group) == 0))
            return &l->e[i];
    if (GK_ARRAY_RESERVE(l->e, l->cap, l->n + 1) != GK_OK)
        return NULL;
    entry *e = &l->e[l->n];
    memset(e, 0, sizeof *e);
    e->id = gk_strdup(id);
    e->group = group != NULL ? gk_strdup(group) : NULL;
    if (e->id == NULL || (group != NULL && e->group == NULL)) {
        free(e->id);
        free(e->group);
        return NULL;
    }
    l->n++;
    return e;
}

static gk_status add_name(entry *e, const char *name)
{
    if (strcmp(name, e->id) == 0 || (e->label != NULL && strcmp(name, e->label) == 0))
        return GK_OK; /* shown already */
    for (size_t k = 0; k < e->nnames; k++)
        if (strcmp(e->names[k], name) == 0)
            return GK_OK;
    if (GK_ARRAY_RESERVE(e->names, e->names_cap, e->nnames + 1) != GK_OK ||
        (e->names[e->nnames] = gk_strdup(name)) == NULL)
        return GK_ENOMEM;
    e->nnames++;
    return GK_OK;
}

static gk_status row(void *ctx, char **f, size_t n, size_t line, char **errmsg)
{
    (void)line;
    entries *l = ctx;
    gk_status st = GK_OK;
    if (l->two_columns) {
        entry *e = n == 2 ? entry_of(l, NULL, f[0]) : NULL;
        st = n != 2 ? GK_OK : e == NULL ? GK_ENOMEM : add_name(e, f[1]);
    } else if (l->values) {
        entry *e = n == 3 ? entry_of(l, f[0], f[1]) : NULL;
        st = n != 3 ? GK_OK : e == NULL ? GK_ENOMEM : add_name(e, f[2]);
    } else if (n == 3 && strcmp(f[0], "-") != 0) {
        entry *e = entry_of(l, NULL, f[0]);
        if (e == NULL)
            st = GK_ENOMEM;
        else if (strcmp(f[1], "label") == 0 && e->label == NULL)
            st = (e->label = gk_strdup(f[2])) != NULL ? GK_OK : GK_ENOMEM;
        else if (strcmp(f[1], "alias") == 0)
            st = add_name(e, f[2]);
    }
    return st == GK_OK ? GK_OK : gk_fail(errmsg, st, "out of memory");
}

static gk_status load(entries *l, const char *dir, const char *file, int two, int values,
                      char **errmsg)
{
    memset(l, 0, sizeof *l);
    l->two_columns = two;
    l->values = values;
    gk_status st = gk_tsv_read_in(dir, file, row, l, errmsg);
    if (st != GK_OK)
        entries_free(l);
    return st;
}

static json_t *names_json(const entry *e)
{
    json_t *a = json_array();
    for (size_t k = 0; k < e->nnames; k++)
        json_array_append_new(a, gk_json_text(e->names[k]));
    return a;
}

static void print_names(FILE *to, const entry *e)
{
    if (e->label != NULL)
        fprintf(to, "%s%s", e->label, e->nnames ? " ·" : "");
    for (size_t k = 0; k < e->nnames; k++)
        fprintf(to, "%s%s", k == 0 && e->label == NULL ? "" : " ", e->names[k]);
    fputc('\n', to);
}

/* One list: a heading and a line per entry, or a JSON line per entry. */
static void print_list(FILE *to, int json, const char *type, const char *heading,
                       const entries *l, const entries *values)
{
    size_t width = 0;
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->e[i].id) > width)
            width = strlen(l->e[i].id);
    if (!json)
        fprintf(to, "%s\n", heading);
    for (size_t i = 0; i < l->n; i++) {
        const entry *e = &l->e[i];
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "type", json_string(type));
            json_object_set_new(o, "id", gk_json_text(e->id));
            json_object_set_new(o, "label", e->label ? gk_json_text(e->label) : json_null());
            json_object_set_new(o, "names", names_json(e));
            json_t *vals = NULL;
            for (size_t k = 0; values != NULL && k < values->n; k++) {
                const entry *v = &values->e[k];
                if (strcmp(v->group, e->id) != 0)
                    continue;
                if (vals == NULL)
                    vals = json_array();
                json_array_append_new(vals, json_pack("{s:o,s:o}", "id", gk_json_text(v->id),
                                                      "names", names_json(v)));
            }
            if (vals != NULL)
                json_object_set_new(o, "values", vals);
            gk_json_print(to, o);
            continue;
        }
        fprintf(to, "  %-*s  ", (int)width, e->id);
        print_names(to, e);
        int first = 1;
        for (size_t k = 0; values != NULL && k < values->n; k++) {
            const entry *v = &values->e[k];
            if (strcmp(v->group, e->id) != 0)
                continue;
            fprintf(to, first ? "  %-*s  values: %s" : " · %*s%s", first ? (int)width : 0,
                    "", v->id);
            for (size_t m = 0; m < v->nnames; m++)
                fprintf(to, " %s", v->names[m]);
            first = 0;
        }
        if (!first)
            fputc('\n', to);
    }
    if (!json)
        fputc('\n', to);
}

gk_status gk_fieldlist_print(FILE *to, int json, const char *dir, char **errmsg)
{
    entries fields, values, figures, sections, categories, facets = {0};
    gk_status st = load(&fields, dir, "fields.tsv", 1, 0, errmsg);
    if (st == GK_OK && (st = load(&values, dir, "values.tsv", 0, 1, errmsg)) != GK_OK)
        entries_free(&fields);
    if (st == GK_OK && (st = load(&figures, dir, "figures.tsv", 0, 0, errmsg)) != GK_OK) {
        entries_free(&fields);
        entries_free(&values);
    }
    if (st == GK_OK && (st = load(&sections, dir, "sections.tsv", 0, 0, errmsg)) != GK_OK) {
        entries_free(&fields);
        entries_free(&values);
        entries_free(&figures);
    }
    if (st == GK_OK &&
        (st = load(&categories, dir, "categories.tsv", 0, 0, errmsg)) != GK_OK) {
        entries_free(&fields);
        entries_free(&values);
        entries_free(&figures);
        entries_free(&sections);
    }
    if (st != GK_OK)
        return st;
    /* the facets take the names of the query field of the same name */
    for (size_t i = 0; i < gk_facet_field_count() && st == GK_OK; i++) {
        const char *name = gk_facet_field_name((int)i);
        entry *e = entry_of(&facets, NULL, name);
        if (e == NULL)
            st = GK_ENOMEM;
        for (size_t k = 0; e != NULL && k < fields.n && st == GK_OK; k++)
            if (strcmp(fields.e[k].id, name) == 0)
                for (size_t m = 0; m < fields.e[k].nnames && st == GK_OK; m++)
                    st = add_name(e, fields.e[k].names[m]);
    }
    if (st == GK_OK) {
        print_list(to, json, "field", "Fields (FIELD:VALUE in a query; fields.tsv, values.tsv):",
                   &fields, &values);
        print_list(to, json, "figure",
                   "Figures (NAME:LOW..HIGH, NAME>=N, --sort NAME, --figures; figures.tsv):",
                   &figures, NULL);
        print_list(to, json, "facet", "Facets (--facet F,...):", &facets, NULL);
        print_list(to, json, "section", "Sections (section:ID; sections.tsv):", &sections,
                   NULL);
        print_list(to, json, "category", "Categories (category:ID; categories.tsv):",
                   &categories, NULL);
    } else {
        st = gk_fail(errmsg, st, "out of memory");
    }
    entries_free(&fields);
    entries_free(&values);
    entries_free(&figures);
    entries_free(&sections);
    entries_free(&categories);
    entries_free(&facets);
    return st;
}
