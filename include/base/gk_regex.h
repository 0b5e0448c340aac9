/* gk_regex.h - ICU regular expressions over UTF-8 text, with byte offsets.
 * Used for the patterns of the data files. */
#ifndef GK_REGEX_H
#define GK_REGEX_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_rx gk_rx;

#define GK_RX_MAX_GROUPS 10

typedef struct gk_rx_match {
    size_t start, end;                /* the whole match, byte offsets */
    size_t gstart[GK_RX_MAX_GROUPS];  /* capture group g (1-based; 0 unused) */
    size_t gend[GK_RX_MAX_GROUPS];    /* (size_t)-1 when the group took no part */
} gk_rx_match;

/* Compile an ICU regular expression (UTF-8).  Fails with GK_EINVAL and a
 * message naming the offset of the error, or GK_ENOMEM. */
gk_status gk_rx_new(gk_rx **out, const char *pattern, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_rx_free(gk_rx *rx);

/* Find the first match in s[0..len) that starts at or after byte `from`;
 * with `anchored`, only a match starting exactly at `from`.  Returns 1 and
 * fills *m, or 0.  Not thread-safe: one gk_rx per thread. */
int gk_rx_search(gk_rx *rx, const char *s, size_t len, size_t from,
                 int anchored, gk_rx_match *m);

/* The number of the capture group called name, or -1. */
int gk_rx_group(gk_rx *rx, const char *name);

#ifdef __cplusplus
}
#endif

#endif
