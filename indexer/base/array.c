/* array.c - the one growable array (gk_array.h). */
#include "gk_array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

gk_status gk_array_reserve(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return GK_OK;
    if (size == 0)
        return GK_EINVAL;
    size_t ncap = *cap > 0 ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return GK_ENOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size)
        return GK_ENOMEM;
    void *old;
    memcpy(&old, items, sizeof old);
    void *grown = realloc(old, ncap * size);
    if (grown == NULL)
        return GK_ENOMEM;
    memcpy(items, &grown, sizeof grown);
    *cap = ncap;
    return GK_OK;
}
