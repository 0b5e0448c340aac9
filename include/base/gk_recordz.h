/* gk_recordz.h - a report's record (docs/JSON.md) as stored in the
 * database: zlib-compressed, since the JSON (every labelled table cell
 * with its row and column) is about 25 KB for a 3 KB report and would be
 * most of the index.  Records stored plain by older versions still read. */
#ifndef GK_RECORDZ_H
#define GK_RECORDZ_H

#include <stddef.h>

#include "gk_status.h"

/* The stored form of json (len bytes) in *out (malloc'd, *out_len bytes).
 * Fails with GK_ENOMEM, or GK_EINTERNAL if zlib does. */
gk_status gk_recordz_pack(const char *json, size_t len, char **out,
                          size_t *out_len, char **errmsg);

/* The JSON of a stored record (len bytes), NUL-terminated and malloc'd in
 * *json.  Fails with GK_ECORRUPT when the stored bytes do not inflate to
 * the length they announce, or GK_ENOMEM. */
gk_status gk_recordz_unpack(const char *stored, size_t len, char **json,
                            char **errmsg);

#endif
