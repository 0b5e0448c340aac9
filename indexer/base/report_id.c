/* report_id.c - the id of a file's report, and its file key
 * (gk_report_id.h). */
#include "gk_report_id.h"

#include <stdio.h>

/* 64-bit FNV-1a of tag (one byte, 0 for none) then s, as 16 hexadecimal
 * digits. */
static void fnv_hex(char out[GK_REPORT_ID_LEN + 1], unsigned char tag, const char *s)
{
    unsigned long long h = 1469598103934665603ull;
    if (tag != 0) {
        h ^= tag;
        h *= 1099511628211ull;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    snprintf(out, GK_REPORT_ID_LEN + 1, "%016llx", h);
}

void gk_report_id_of_key(char out[GK_REPORT_ID_LEN + 1], const char *key)
{
    fnv_hex(out, 0, key);
}

void gk_report_file_key(char out[GK_REPORT_ID_LEN + 1], const char *abs_path)
{
    /* a tag byte, so that a file key never equals the id of a report */
    fnv_hex(out, 0x1f, abs_path);
}
