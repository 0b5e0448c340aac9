/* gk_array.h - the one growable array: room for N items of any type, grown
 * geometrically so that filling an array one item at a time costs time
 * linear in its final size.  Every list that grows as a file is read uses
 * it, instead of a realloc of its own. */
#ifndef GK_ARRAY_H
#define GK_ARRAY_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Make room for at least `need` items of `size` bytes each in the array
 * whose pointer is at `items` (a T ** passed as void *) and whose capacity
 * in items is *cap.  Grows to at least twice the old capacity (16 items at
 * first).  On failure (GK_ENOMEM, also when the size would overflow) the
 * array and *cap are left as they were. */
gk_status gk_array_reserve(void *items, size_t *cap, size_t need, size_t size);

/* gk_array_reserve for an array variable `arr` (any T *) and its capacity
 * variable `cap`: GK_ARRAY_RESERVE(cells, ncap, ncells + 1). */
#define GK_ARRAY_RESERVE(arr, cap, need) \
    gk_array_reserve((void *)&(arr), &(cap), (need), sizeof *(arr))

#ifdef __cplusplus
}
#endif

#endif
