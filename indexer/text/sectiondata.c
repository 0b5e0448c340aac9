/* sectiondata.c - the sections of a search document's data
 * (gk_sectiondata.h). */
#include "gk_sectiondata.h"

#include <stdio.h>
#include <string.h>

#include "gk_schema.h"

#define MAGIC_LEN (sizeof GK_DATA_MAGIC - 1)

/* The line at p (up to its newline or end) in buf, NUL-terminated and cut
 * to size - 1 bytes: sscanf on the data itself would measure all of it
 * (strlen) at every call, megabytes for a long report. */
static const char *line_copy(char *buf, size_t size, const char *p, const char *end)
{
    size_t n = 0;
    while (p + n < end && p[n] != '\n' && n + 1 < size) {
        buf[n] = p[n];
        n++;
    }
    buf[n] = '\0';
    return buf;
}

int gk_data_section_get(const char *data, size_t len, size_t k, gk_data_section *out)
{
    const char *end = data + len;
    size_t magic = MAGIC_LEN, n = 0, skip = 0;
    char buf[160];
    if (len < magic || memcmp(data, GK_DATA_MAGIC, magic) != 0 ||
        sscanf(line_copy(buf, sizeof buf, data + magic, end), "%zu", &n) != 1 || k >= n)
        return 0;
    const char *line = memchr(data, '\n', len);
    for (size_t i = 0; i < n; i++) {
        if (line == NULL || ++line >= end)
            return 0;
        size_t tl, xl;
        unsigned long ln;
        char id[sizeof out->id];
        if (sscanf(line_copy(buf, sizeof buf, line, end), "%63s %zu %zu %lu", id, &tl, &xl,
                   &ln) != 4 ||
            tl > len ||
            xl > len)
            return 0;
        if (i < k)
            skip += tl + xl;
        if (i == k) {
            memcpy(out->id, id, sizeof id);
            out->title_len = tl;
            out->text_len = xl;
            out->line = ln;
        }
        line = memchr(line, '\n', (size_t)(end - line));
    }
    if (line == NULL || (size_t)(end - line - 1) < skip + out->title_len + out->text_len)
        return 0;
    out->title = line + 1 + skip;
    out->text = out->title + out->title_len;
    return 1;
}
