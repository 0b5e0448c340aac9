/* walk.c - finding the files under the paths given to the indexer. */
#define _XOPEN_SOURCE 700
#include "gk_walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gk_array.h"
#include "gk_paths.h"
#include "gk_util.h"

#define GK_WALK_STRINGIFY_(x) #x
#define GK_WALK_STRINGIFY(x) GK_WALK_STRINGIFY_(x)

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct walker {
    gk_walk_opts opts;
    gk_walk_file_fn on_file;
    gk_walk_error_fn on_error;
    void *ctx;
    dir_id ancestors[GK_WALK_MAX_DEPTH + 1];
    size_t depth;
    int stopped; /* on_file said GK_WALK_STOP */
    int has_exclude;
    dir_id exclude; /* opts.exclude's */
} walker;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir (without . and ..), sorted; NULL on error with errno. */
static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') /* hidden files, . and .. */
            continue;
        if (GK_ARRAY_RESERVE(names, cap, count + 1) != GK_OK)
            goto fail;
        if ((names[count] = gk_strdup(e->d_name)) == NULL)
            goto fail;
        count++;
    }
    if (errno != 0)
        goto fail;
    closedir(d);
    if (count > 1)
        qsort(names, count, sizeof *names, cmp_names);
    *n = count;
    return names != NULL ? names : calloc(1, sizeof *names);
fail : {
    int saved = errno ? errno : ENOMEM;
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    closedir(d);
    errno = saved;
    return NULL;
}
}

/* What a file that is neither regular nor a directory is, or NULL. */
static const char *special_kind(mode_t mode)
{
    if (S_ISREG(mode) || S_ISDIR(mode))
        return NULL;
    if (S_ISFIFO(mode))
        return "FIFO (named pipe)";
    if (S_ISSOCK(mode))
        return "socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "device";
    return "special file";
}

int gk_walk_path_within(const char *path, const char *root)
{
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (n == 1 && root[0] == '/')
        return 1;
    return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* 1 if the symbolic link at path may be followed: --follow-links, or it
 * leads within the roots.  A link that does not resolve (dangling, a loop)
 * is "followed", for stat to say what is wrong with it. */
static int may_follow(const walker *w, const char *path)
{
    if (w->opts.follow_links)
        return 1;
    char *target = realpath(path, NULL);
    if (target == NULL)
        return 1;
    int ok = 0;
    for (size_t i = 0; !ok && i < w->opts.nwithin; i++)
        ok = gk_walk_path_within(target, w->opts.within[i]);
    free(target);
    return ok;
}

/* Visit path; GK_OK (w->stopped set if on_file asked to stop) or
 * GK_ENOMEM. */
static gk_status visit(walker *w, const char *path, int named, int canonical)
{
    struct stat sb;
    if (named) {
        /* a root: canonical if it is its own real path */
        char *real = realpath(path, NULL);
        canonical = real != NULL && strcmp(real, path) == 0;
        free(real);
    } else if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
        canonical = 0; /* followed, the path is no longer the real one */
        if (!may_follow(w, path)) {
            gk_walk_file file = {path, named, NULL,
                                 "symbolic link leading out of the folders given: not "
                                 "followed (--follow-links follows it)",
                                 0, NULL};
            w->stopped = w->on_file(w->ctx, &file) == GK_WALK_STOP;
            return GK_OK;
        }
    }
    if (stat(path, &sb) != 0) {
        w->on_error(w->ctx, path, errno == ELOOP ? "symbolic link loop"
                                                 : strerror(errno));
        return GK_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        gk_walk_file file = {path, named, special_kind(sb.st_mode), NULL, canonical, &sb};
        w->stopped = w->on_file(w->ctx, &file) == GK_WALK_STOP;
        return GK_OK;
    }
    if (w->has_exclude && w->exclude.dev == sb.st_dev && w->exclude.ino == sb.st_ino)
        return GK_OK; /* the database being written */
    for (size_t i = 0; i < w->depth; i++)
        if (w->ancestors[i].dev == sb.st_dev && w->ancestors[i].ino == sb.st_ino) {
            w->on_error(w->ctx, path, "directory loop (already being visited)");
            return GK_OK;
        }
    if (w->depth == GK_WALK_MAX_DEPTH) {
        w->on_error(w->ctx, path,
                    "directories nested too deeply (more than "
                    GK_WALK_STRINGIFY(GK_WALK_MAX_DEPTH) " levels): not entered");
        return GK_OK;
    }
    size_t n = 0;
    char **names = list_dir(path, &n);
    if (names == NULL) {
        w->on_error(w->ctx, path, strerror(errno));
        return GK_OK;
    }
    w->ancestors[w->depth].dev = sb.st_dev;
    w->ancestors[w->depth].ino = sb.st_ino;
    w->depth++;
    gk_status st = GK_OK;
    for (size_t i = 0; i < n; i++) {
        if (st == GK_OK && !w->stopped) {
            char *child = gk_path_join(path, names[i]);
            st = child != NULL ? visit(w, child, 0, canonical) : GK_ENOMEM;
            free(child);
        }
        free(names[i]);
    }
    free(names);
    w->depth--;
    return st;
}

gk_status gk_walk(const char *root, const gk_walk_opts *opts,
                  gk_walk_file_fn on_file, gk_walk_error_fn on_error, void *ctx)
{
    walker w;
    memset(&w, 0, sizeof w);
    if (opts != NULL)
        w.opts = *opts;
    w.on_file = on_file;
    w.on_error = on_error;
    w.ctx = ctx;
    char *own = NULL;
    if (opts == NULL || opts->within == NULL) {
        own = realpath(root, NULL);
        w.opts.within = (const char *const *)&own;
        w.opts.nwithin = own != NULL ? 1 : 0;
    }
    struct stat ex;
    if (w.opts.exclude != NULL && stat(w.opts.exclude, &ex) == 0 && S_ISDIR(ex.st_mode)) {
        w.has_exclude = 1;
        w.exclude.dev = ex.st_dev;
        w.exclude.ino = ex.st_ino;
    }
    gk_status st = visit(&w, root, 1, 0);
    free(own);
    return st;
}

gk_status gk_walk_within(char ***out, size_t *nout, char *const *roots, size_t n)
{
    *out = calloc(n ? n : 1, sizeof **out);
    *nout = 0;
    if (*out == NULL)
        return GK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        char *real = realpath(roots[i], NULL);
        if (real != NULL)
            (*out)[(*nout)++] = real;
        else if (errno == ENOMEM) {
            gk_walk_within_free(*out, *nout);
            *out = NULL;
            *nout = 0;
            return GK_ENOMEM;
        }
    }
    return GK_OK;
}

void gk_walk_within_free(char **within, size_t n)
{
    if (within == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(within[i]);
    free(within);
}
