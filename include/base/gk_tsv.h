/* gk_tsv.h - reading gongkai's tab-separated data files.
 *
 * Format: UTF-8, one record per line, fields separated by one TAB, no
 * quoting.  Blank lines and lines starting with '#' are comments. */
#ifndef GK_TSV_H
#define GK_TSV_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called once per record with its fields (borrowed for the call only) and
 * its 1-based line number.  Return GK_OK to go on; any other status stops
 * the reading and is returned by gk_tsv_read, with *errmsg (malloc'd, may be
 * left NULL) prefixed by "FILE:LINE: ". */
typedef gk_status (*gk_tsv_row_fn)(void *ctx, char **fields, size_t nfields,
                                   size_t line, char **errmsg);

/* Read path record by record.  Fails with GK_ENOTFOUND or GK_EIO if the file
 * cannot be read, GK_ECORRUPT if it is not valid UTF-8, or whatever the
 * callback returned; the message names the file and line. */
gk_status gk_tsv_read(const char *path, gk_tsv_row_fn fn, void *ctx,
                      char **errmsg);

/* gk_tsv_read on dir/name (a data file in the data directory). */
gk_status gk_tsv_read_in(const char *dir, const char *name, gk_tsv_row_fn fn,
                         void *ctx, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
