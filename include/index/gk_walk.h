/* gk_walk.h - finding the files under the paths given to the indexer. */
#ifndef GK_WALK_H
#define GK_WALK_H

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
} gk_walk_file;

/* Called for each file that is not a directory. */
typedef gk_walk_step (*gk_walk_file_fn)(void *ctx, const gk_walk_file *file);

/* Called for each path that cannot be visited, with a reason. */
typedef void (*gk_walk_error_fn)(void *ctx, const char *path,
                                 const char *reason);

/* Visit root: a file, or a directory walked recursively in name order.
 * Entries whose names start with '.' are skipped inside directories;
 * symbolic links are followed, but a directory is never entered twice on
 * one path (loops are reported through on_error); directories nested more
 * than GK_WALK_MAX_DEPTH deep are reported and not entered.
 * Returns GK_OK when every file was visited or on_file asked to stop, or
 * GK_ENOMEM. */
gk_status gk_walk(const char *root, gk_walk_file_fn on_file,
                  gk_walk_error_fn on_error, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
