/* gk_walk.h - finding the files under the paths given to the indexer. */
#ifndef GK_WALK_H
#define GK_WALK_H

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called for each regular file; `named` is 1 for the root itself (a file
 * given by name), 0 for files found in directories.  A non-OK status stops
 * the walk and is returned by gk_walk. */
typedef gk_status (*gk_walk_file_fn)(void *ctx, const char *path, int named);

/* Called for each path that cannot be visited, with a reason. */
typedef void (*gk_walk_error_fn)(void *ctx, const char *path,
                                 const char *reason);

/* Visit root: a file, or a directory walked recursively in name order.
 * Entries whose names start with '.' are skipped inside directories;
 * symbolic links are followed, but a directory is never entered twice on
 * one path (loops are reported through on_error); depth is limited to 64.
 * Returns GK_OK, or the first non-OK status of on_file. */
gk_status gk_walk(const char *root, gk_walk_file_fn on_file,
                  gk_walk_error_fn on_error, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
