/* gk_walk.h - finding the files under the paths given to the indexer. */
#ifndef GK_WALK_H
#define GK_WALK_H

#include <sys/stat.h>
#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The deepest directory nesting gk_walk enters below a root. */
#define GK_WALK_MAX_DEPTH 64

/* What a gk_walk_file_fn tells the walk to do next. */
typedef enum gk_walk_step {
    GK_WALK_CONTINUE = 0, /* go on with the next file */
    GK_WALK_STOP          /* end the walk now (the caller knows why: an
                             interruption, or a database failure) */
} gk_walk_step;

/* One file the walk found. */
typedef struct gk_walk_file {
    const char *path; /* the root, or joined under its directory; borrowed
                         for the duration of the call */
    int named;        /* 1 for a root given by name, 0 if found in a
                         directory */
    const char *special; /* NULL for a regular file; otherwise what it is
                            ("FIFO (named pipe)", "socket", "device"), and
                            it must not be opened: opening a FIFO blocks */
    const char *skipped; /* NULL, or why the walk does not follow it (a
                            symbolic link leading out of the roots): it
                            must not be opened */
    int canonical;    /* 1 if path is absolute and holds no symbolic link,
                         "." or "..": its real path as it stands */
    const struct stat *st; /* the file's stat (links followed), taken by the
                         walk just before the call; NULL with skipped */
} gk_walk_file;

/* Where the walk may go. */
typedef struct gk_walk_opts {
    int follow_links;           /* follow symbolic links wherever they lead */
    const char *const *within;  /* otherwise: a link is followed only to a
                                   place at or under one of these (absolute
                                   paths without links, as realpath gives);
                                   NULL: the root's own */
    size_t nwithin;
    const char *exclude;        /* a directory never entered (the database
                                   being written, when it lies inside a
                                   root), or NULL */
} gk_walk_opts;

/* Called for each file that is not a directory. */
typedef gk_walk_step (*gk_walk_file_fn)(void *ctx, const gk_walk_file *file);

/* Called for each path that cannot be visited, with a reason. */
typedef void (*gk_walk_error_fn)(void *ctx, const char *path,
                                 const char *reason);

/* Visit root: a file, or a directory walked recursively in name order.
 * Entries whose names start with '.' are skipped inside directories;
 * a symbolic link found inside a directory is followed only where it
 * stays within opts (NULL: within root), else it is handed to on_file with
 * `skipped` set; a directory is never entered twice on one path (loops
 * are reported through on_error); directories nested more than
 * GK_WALK_MAX_DEPTH deep are reported and not entered.  Returns GK_OK
 * when every file was visited or on_file asked to stop, or GK_ENOMEM. */
gk_status gk_walk(const char *root, const gk_walk_opts *opts,
                  gk_walk_file_fn on_file, gk_walk_error_fn on_error, void *ctx);

/* The roots (n of them) as gk_walk_opts.within: each made absolute and
 * without links (realpath), leaving out those that do not resolve.
 * *out is malloc'd, release it with gk_walk_within_free; GK_ENOMEM. */
gk_status gk_walk_within(char ***out, size_t *nout, char *const *roots, size_t n);

/* 1 if path is root or lies below it (both absolute, without links). */
int gk_walk_path_within(const char *path, const char *root);

/* Release what gk_walk_within gave.  NULL-safe. */
void gk_walk_within_free(char **within, size_t n);

#ifdef __cplusplus
}
#endif

#endif
