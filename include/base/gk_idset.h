/* gk_idset.h - a set of 64-bit ids (report ids as numbers): what one run
 * of the indexer has reached already.  Open addressing, 16 bytes or less
 * per id held (the table doubles at half full). */
#ifndef GK_IDSET_H
#define GK_IDSET_H

#include <stddef.h>
#include <stdint.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_idset gk_idset;

/* An empty set; NULL when out of memory. */
gk_idset *gk_idset_new(void);

/* Add id: *added is 1 if it was not there, 0 if it was.  Fails only with
 * GK_ENOMEM (the set unchanged). */
gk_status gk_idset_add(gk_idset *s, uint64_t id, int *added);

/* How many ids it holds. */
size_t gk_idset_count(const gk_idset *s);

/* Release.  A harmless no-op on NULL. */
void gk_idset_free(gk_idset *s);

#ifdef __cplusplus
}
#endif

#endif
