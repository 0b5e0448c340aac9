/* common.c - helpers shared by the fuzz harnesses. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

void gk_fuzz_require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz harness: cannot load %s\n", what);
        abort();
    }
}
