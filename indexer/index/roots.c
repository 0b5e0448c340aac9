/* roots.c - the named folders of a database, which report ids are made
 * from (roots.h). */
#define _XOPEN_SOURCE 700
#include "roots.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gk_array.h"
#include "gk_report_id.h"
#include "gk_util.h"

typedef struct root {
    char *name; /* "corpus", "sichuan:corpus", "corpus.2" */
    char *abs;  /* where it was last indexed from, without links */
} root;

struct gk_roots {
    root *items;
    size_t n, cap;
    char *collection; /* NULL for none */
};

void gk_roots_free(gk_roots *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->items[i].name);
        free(r->items[i].abs);
    }
    free(r->items);
    free(r->collection);
    free(r);
}

static gk_status push(gk_roots *r, const char *name, size_t name_len, const char *abs)
{
    if (GK_ARRAY_RESERVE(r->items, r->cap, r->n + 1) != GK_OK)
        return GK_ENOMEM;
    root *it = &r->items[r->n];
    it->name = malloc(name_len + 1);
    it->abs = gk_strdup(abs);
    if (it->name == NULL || it->abs == NULL) {
        free(it->name);
        free(it->abs);
        return GK_ENOMEM;
    }
    memcpy(it->name, name, name_len);
    it->name[name_len] = '\0';
    r->n++;
    return GK_OK;
}

typedef struct loading {
    gk_roots *r;
    gk_status st;
} loading;

/* One stored root: "NAME\nABS". */
static int on_root(void *ctx, const char *key, const char *value, size_t len)
{
    (void)key;
    loading *l = ctx;
    const char *nl = memchr(value, '\n', len);
    if (nl == NULL || nl == value || nl[1] != '/')
        return 0; /* not ours: ignored */
    if ((l->st = push(l->r, value, (size_t)(nl - value), nl + 1)) != GK_OK)
        return 1;
    return 0;
}

gk_status gk_roots_load(gk_roots **out, gk_db *db, const char *collection, char **errmsg)
{
    *out = NULL;
    gk_roots *r = calloc(1, sizeof *r);
    if (r == NULL || (collection != NULL && (r->collection = gk_strdup(collection)) == NULL)) {
        free(r);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    loading l = {r, GK_OK};
    gk_status st = gk_db_metadata_each(db, GK_META_ROOT, on_root, &l, errmsg);
    if (st == GK_OK && l.st != GK_OK)
        st = gk_fail(errmsg, l.st, "out of memory");
    if (st != GK_OK) {
        gk_roots_free(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

/* 1 if path is dir or lies below it. */
static int within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return path[0] == '/';
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The innermost known root that holds path, or NULL. */
static const root *holder(const gk_roots *r, const char *path)
{
    const root *best = NULL;
    for (size_t i = 0; i < r->n; i++)
        if (within(path, r->items[i].abs) &&
            (best == NULL || strlen(r->items[i].abs) > strlen(best->abs)))
            best = &r->items[i];
    return best;
}

static root *named(gk_roots *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->items[i].name, name) == 0)
            return &r->items[i];
    return NULL;
}

gk_status gk_roots_add(gk_roots *r, const char *path, const char **name,
                       const char **abs, char **errmsg)
{
    *name = *abs = NULL;
    char real[PATH_MAX];
    struct stat sb;
    if (realpath(path, real) == NULL || stat(real, &sb) != 0)
        return GK_OK; /* gone or unreadable: the walk says so */
    if (!S_ISDIR(sb.st_mode)) { /* a file: its folder is the root */
        char *slash = strrchr(real, '/');
        if (slash == real)
            slash[1] = '\0';
        else if (slash != NULL)
            *slash = '\0';
    }
    if (holder(r, real) != NULL)
        return GK_OK; /* known, or inside a known root: its names stay */
    const char *slash = strrchr(real, '/');
    const char *base = slash != NULL && slash[1] != '\0' ? slash + 1 : "root";
    char want[PATH_MAX + 64], try[PATH_MAX + 96];
    snprintf(want, sizeof want, "%s%s%s", r->collection ? r->collection : "",
             r->collection ? ":" : "", base);
    for (unsigned k = 1;; k++) {
        if (k == 1)
            snprintf(try, sizeof try, "%s", want);
        else
            snprintf(try, sizeof try, "%s.%u", want, k);
        root *it = named(r, try);
        if (it == NULL) {
            if (push(r, try, strlen(try), real) != GK_OK)
                return gk_fail(errmsg, GK_ENOMEM, "out of memory");
            it = &r->items[r->n - 1];
        } else if (stat(it->abs, &sb) == 0 || errno != ENOENT) {
            continue; /* another folder of that name, still there */
        } else { /* that folder is gone: this is it, moved */
            char *moved = gk_strdup(real);
            if (moved == NULL)
                return gk_fail(errmsg, GK_ENOMEM, "out of memory");
            free(it->abs);
            it->abs = moved;
        }
        *name = it->name;
        *abs = it->abs;
        return GK_OK;
    }
}

char *gk_roots_key(const gk_roots *r, const char *abs_path)
{
    const root *it = holder(r, abs_path);
    if (it == NULL)
        return gk_strdup(abs_path); /* outside every root: by its path */
    const char *rel = abs_path + strlen(it->abs);
    if (strcmp(it->abs, "/") == 0)
        rel = abs_path;
    size_t n = strlen(it->name) + strlen(rel) + 2;
    char *key = malloc(n);
    if (key != NULL)
        snprintf(key, n, "%s%s%s", it->name, *rel == '/' ? "" : "/", rel);
    return key;
}

void gk_roots_meta_key(char out[64], const char *name)
{
    char h[GK_REPORT_ID_LEN + 1];
    gk_report_id_of_key(h, name);
    snprintf(out, 64, "%s%s", GK_META_ROOT, h);
}
