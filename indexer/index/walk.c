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
    gk_walk_file_fn on_file;
    gk_walk_error_fn on_error;
    void *ctx;
    dir_id ancestors[GK_WALK_MAX_DEPTH + 1];
    size_t depth;
    int stopped; /* on_file said GK_WALK_STOP */
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

/* Visit path; GK_OK (w->stopped set if on_file asked to stop) or
 * GK_ENOMEM. */
static gk_status visit(walker *w, const char *path, int named)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        w->on_error(w->ctx, path, errno == ELOOP ? "symbolic link loop"
                                                 : strerror(errno));
        return GK_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        gk_walk_file file = {path, named, special_kind(sb.st_mode)};
        w->stopped = w->on_file(w->ctx, &file) == GK_WALK_STOP;
        return GK_OK;
    }
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
            st = child != NULL ? visit(w, child, 0) : GK_ENOMEM;
            free(child);
        }
        free(names[i]);
    }
    free(names);
    w->depth--;
    return st;
}

gk_status gk_walk(const char *root, gk_walk_file_fn on_file,
                  gk_walk_error_fn on_error, void *ctx)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.on_file = on_file;
    w.on_error = on_error;
    w.ctx = ctx;
    return visit(&w, root, 1);
}
