/* table.c - the id/label/alias table of a data file (see gk_table.h). */
#include "gk_table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gk_array.h"
#include "gk_paths.h"
#include "gk_tsv.h"

typedef struct table_entry {
    char *id;
    char *label;
    char **aliases;
    size_t naliases, aliases_cap;
} table_entry;

struct gk_table {
    const gk_table_spec *spec;
    char *path; /* the file, for messages; NULL for a table built by hand */
    table_entry *entries;
    size_t n, cap;
    gk_table_record *records;
    size_t nrecords, records_cap;
    size_t line; /* the line being read */
};

gk_status gk_table_new(gk_table **out, const gk_table_spec *spec, char **errmsg)
{
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    (*out)->spec = spec;
    return GK_OK;
}

void gk_table_free(gk_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->entries[i].id);
        free(t->entries[i].label);
        for (size_t k = 0; k < t->entries[i].naliases; k++)
            free(t->entries[i].aliases[k]);
        free(t->entries[i].aliases);
    }
    free(t->entries);
    for (size_t k = 0; k < t->nrecords; k++)
        free((char *)t->records[k].text);
    free(t->records);
    free(t->path);
    free(t);
}

size_t gk_table_count(const gk_table *t)
{
    return t->n;
}

const char *gk_table_id(const gk_table *t, size_t i)
{
    return i < t->n ? t->entries[i].id : NULL;
}

const char *gk_table_label(const gk_table *t, size_t i)
{
    return i < t->n ? t->entries[i].label : NULL;
}

/* 1 if s is name[0..len), in any ASCII case when anycase. */
static int same(const char *s, const char *name, size_t len, int anycase)
{
    if (s == NULL || strlen(s) != len)
        return 0;
    return anycase ? strncasecmp(s, name, len) == 0 : memcmp(s, name, len) == 0;
}

int gk_table_find(const gk_table *t, const char *name, size_t len)
{
    unsigned flags = t->spec->flags;
    int any = (flags & GK_TABLE_ANYCASE) != 0;
    int id_any = any || (flags & GK_TABLE_ID_ANYCASE) != 0;
    for (size_t i = 0; i < t->n; i++) {
        const table_entry *e = &t->entries[i];
        if (same(e->id, name, len, id_any) || same(e->label, name, len, any))
            return (int)i;
        for (size_t k = 0; k < e->naliases; k++)
            if (same(e->aliases[k], name, len, any))
                return (int)i;
    }
    return -1;
}

const gk_table_record *gk_table_next(const gk_table *t, const char *kind, size_t *k)
{
    for (; *k < t->nrecords; (*k)++)
        if (kind == NULL || strcmp(t->records[*k].kind, kind) == 0)
            return &t->records[(*k)++];
    return NULL;
}

/* Append items[0..n) as "a, b, c", with last before the final one. */
static gk_status add_list(gk_buf *out, const char *const *items, size_t n,
                          const char *last)
{
    gk_status st = GK_OK;
    for (size_t i = 0; i < n && st == GK_OK; i++) {
        if (i > 0)
            st = gk_buf_adds(out, i + 1 == n ? last : ", ");
        if (st == GK_OK)
            st = gk_buf_adds(out, items[i]);
    }
    return st;
}

gk_status gk_table_list_ids(const gk_table *t, gk_buf *out, const char *last)
{
    gk_status st = GK_OK;
    for (size_t i = 0; i < t->n && st == GK_OK; i++) {
        if (i > 0)
            st = gk_buf_adds(out, i + 1 == t->n ? last : ", ");
        if (st == GK_OK)
            st = gk_buf_adds(out, t->entries[i].id);
    }
    return st;
}

gk_status gk_table_fail_at(const gk_table *t, const gk_table_record *r,
                           gk_status st, char **errmsg, const char *fmt, ...)
{
    if (errmsg == NULL)
        return st;
    gk_buf why = {0};
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && gk_buf_reserve(&why, (size_t)n) == GK_OK) {
        va_start(ap, fmt);
        vsnprintf(why.data, (size_t)n + 1, fmt, ap);
        va_end(ap);
        why.len = (size_t)n;
    }
    const char *text = why.data != NULL ? why.data : "out of memory";
    if (t->path != NULL && r->line > 0)
        gk_fail(errmsg, st, "%s:%zu: %s", t->path, r->line, text);
    else
        gk_fail(errmsg, st, "%s", text);
    gk_buf_free(&why);
    return st;
}

static size_t count_of(const char *const *v)
{
    size_t n = 0;
    while (v != NULL && v[n] != NULL)
        n++;
    return n;
}

/* The spec's string for kind, or NULL when v does not hold it. */
static const char *kind_in(const char *const *v, const char *kind)
{
    for (size_t i = 0; v != NULL && v[i] != NULL; i++)
        if (strcmp(v[i], kind) == 0)
            return v[i];
    return NULL;
}

/* "unknown record kind 'K' (label, alias, cue, split)": every kind the
 * file may use. */
static gk_status unknown_kind(const gk_table *t, const char *kind, char **errmsg)
{
    static const char *const names[] = {"label", "alias"};
    const char *const *own = t->spec->kinds, *const *shared = t->spec->shared_kinds;
    gk_buf b = {0};
    gk_status st = add_list(&b, names, 2, ", ");
    if (st == GK_OK && count_of(own) > 0 && (st = gk_buf_adds(&b, ", ")) == GK_OK)
        st = add_list(&b, own, count_of(own), ", ");
    if (st == GK_OK && count_of(shared) > 0 && (st = gk_buf_adds(&b, ", ")) == GK_OK)
        st = add_list(&b, shared, count_of(shared), ", ");
    st = st == GK_OK ? gk_fail(errmsg, GK_ECORRUPT, "unknown record kind '%s' (%s)", kind, b.data)
                     : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_buf_free(&b);
    return st;
}

static int valid_id(const char *id, int digits)
{
    if (id[0] == '\0')
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (digits && *p >= '0' && *p <= '9')))
            return 0;
    return 1;
}

/* The index of id in *e, created at the end when new (unless another id
 * already has it as a name). */
static gk_status entry_for(gk_table *t, const char *id, size_t *e, char **errmsg)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->entries[i].id, id) == 0) {
            *e = i;
            return GK_OK;
        }
    int other = gk_table_find(t, id, strlen(id));
    if (other >= 0)
        return gk_fail(errmsg, GK_ECORRUPT, "%s id '%s' is already a name of %s",
                       t->spec->entry, id, t->entries[other].id);
    if (GK_ARRAY_RESERVE(t->entries, t->cap, t->n + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    table_entry *v = t->entries;
    memset(&v[t->n], 0, sizeof v[t->n]);
    if ((v[t->n].id = gk_strdup(id)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    *e = t->n++;
    return GK_OK;
}

/* A label or alias for entry e, unless another id has that name. */
static gk_status add_name(gk_table *t, size_t e, const char *kind, const char *name,
                          char **errmsg)
{
    table_entry *d = &t->entries[e];
    int other = gk_table_find(t, name, strlen(name));
    if (other >= 0 && (size_t)other != e)
        return gk_fail(errmsg, GK_ECORRUPT, "%s '%s' of %s is already a name of %s", kind,
                       name, d->id, t->entries[other].id);
    if (strcmp(kind, "label") == 0) {
        if (d->label != NULL)
            return gk_fail(errmsg, GK_ECORRUPT, "second label for %s", d->id);
        d->label = gk_strdup(name);
        return d->label ? GK_OK : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    if (GK_ARRAY_RESERVE(d->aliases, d->aliases_cap, d->naliases + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    char **a = d->aliases;
    if ((a[d->naliases] = gk_strdup(name)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    d->naliases++;
    return GK_OK;
}

static gk_status add_record(gk_table *t, size_t e, const char *kind, const char *text,
                            char **errmsg)
{
    if (GK_ARRAY_RESERVE(t->records, t->records_cap, t->nrecords + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_table_record *r = &t->records[t->nrecords];
    r->entry = e;
    r->kind = kind;
    r->line = t->line;
    if ((r->text = gk_strdup(text)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    t->nrecords++;
    return GK_OK;
}

gk_status gk_table_add(gk_table *t, const char *id, const char *kind,
                       const char *text, char **errmsg)
{
    const gk_table_spec *spec = t->spec;
    if (spec->shared_kinds != NULL && strcmp(id, "-") == 0) {
        const char *shared = kind_in(spec->shared_kinds, kind);
        if (shared != NULL)
            return add_record(t, GK_TABLE_SHARED, shared, text, errmsg);
        gk_buf b = {0};
        if (add_list(&b, spec->shared_kinds, count_of(spec->shared_kinds), " or ") != GK_OK) {
            gk_buf_free(&b);
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        }
        gk_status st = gk_fail(errmsg, GK_ECORRUPT, "a '-' record must be a %s", b.data);
        gk_buf_free(&b);
        return st;
    }
    int digits = (spec->flags & GK_TABLE_ID_DIGITS) != 0;
    if (!valid_id(id, digits))
        return gk_fail(errmsg, GK_ECORRUPT, "%s id '%s' must be %s", spec->entry, id,
                       digits ? "a-z, 0-9 and _" : "a-z and _");
    int name = strcmp(kind, "label") == 0 || strcmp(kind, "alias") == 0;
    const char *own = name ? NULL : kind_in(spec->kinds, kind);
    if (!name && own == NULL)
        return unknown_kind(t, kind, errmsg);
    size_t e = 0;
    gk_status st = entry_for(t, id, &e, errmsg);
    if (st != GK_OK)
        return st;
    return name ? add_name(t, e, kind, text, errmsg) : add_record(t, e, own, text, errmsg);
}

static gk_status add_row(void *ctx, char **f, size_t n, size_t line, char **errmsg)
{
    gk_table *t = ctx;
    if (n != 3 || f[2][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "expected 3 fields: id, kind, text");
    t->line = line;
    gk_status st = gk_table_add(t, f[0], f[1], f[2], errmsg);
    t->line = 0;
    return st;
}

gk_status gk_table_load(gk_table **out, const char *dir, const char *name,
                        const gk_table_spec *spec, char **errmsg)
{
    *out = NULL;
    gk_table *t = NULL;
    gk_status st = gk_table_new(&t, spec, errmsg);
    if (st != GK_OK)
        return st;
    st = (t->path = gk_path_join(dir, name)) != NULL
             ? gk_tsv_read(t->path, add_row, t, errmsg)
             : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    if (st != GK_OK) {
        gk_table_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}
