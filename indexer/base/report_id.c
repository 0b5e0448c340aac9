/* report_id.c - the id of a file's report (gk_report_id.h). */
#include "gk_report_id.h"

#include <stdio.h>

void gk_report_id_of_path(char out[GK_REPORT_ID_LEN + 1], const char *abs_path)
{
    unsigned long long h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)abs_path; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    snprintf(out, GK_REPORT_ID_LEN + 1, "%016llx", h);
}
