/* sectiondata.c - the sections of a search document's data
 * (gk_sectiondata.h). */
#include "gk_sectiondata.h"

#include <stdint.h>
#include <string.h>

#include "gk_schema.h"

#define MAGIC_LEN (sizeof GK_DATA_MAGIC - 1)

/* The number at *p (after spaces) into *out, *p moved past it: 0 when
 * there is none before the line's end, or it does not fit. */
static int read_number(const char **p, const char *end, size_t *out)
{
    const char *q = *p;
    while (q < end && *q == ' ')
        q++;
    if (q == end || *q < '0' || *q > '9')
        return 0;
    size_t v = 0;
    for (; q < end && *q >= '0' && *q <= '9'; q++) {
        size_t d = (size_t)(*q - '0');
        if (v > (SIZE_MAX - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *p = q;
    *out = v;
    return 1;
}

/* The word at *p (after spaces, up to a space or the line's end) into
 * out (size bytes, NUL-terminated), *p moved past it: 0 when there is none
 * or it does not fit. */
static int read_word(const char **p, const char *end, char *out, size_t size)
{
    const char *q = *p;
    while (q < end && *q == ' ')
        q++;
    size_t n = 0;
    for (; q < end && *q != ' ' && *q != '\n'; q++) {
        if (n + 1 >= size)
            return 0;
        out[n++] = *q;
    }
    out[n] = '\0';
    *p = q;
    return n > 0;
}

/* The rest of the line at p is empty: spaces up to its end. */
static int line_done(const char *p, const char *end)
{
    while (p < end && *p == ' ')
        p++;
    return p == end || *p == '\n';
}

int gk_data_section_get(const char *data, size_t len, size_t k, gk_data_section *out)
{
    const char *end = data + len, *p = data + MAGIC_LEN;
    size_t n = 0, skip = 0;
    if (len < MAGIC_LEN || memcmp(data, GK_DATA_MAGIC, MAGIC_LEN) != 0 ||
        !read_number(&p, end, &n) || !line_done(p, end) || k >= n)
        return 0;
    const char *line = memchr(data, '\n', len);
    for (size_t i = 0; i < n; i++) {
        if (line == NULL || ++line >= end)
            return 0;
        size_t tl, xl, ln;
        char id[sizeof out->id];
        p = line;
        if (!read_word(&p, end, id, sizeof id) || !read_number(&p, end, &tl) ||
            !read_number(&p, end, &xl) || !read_number(&p, end, &ln) || !line_done(p, end) ||
            tl > len || xl > len)
            return 0;
        if (i < k)
            skip += tl + xl;
        if (i == k) {
            memcpy(out->id, id, sizeof id);
            out->title_len = tl;
            out->text_len = xl;
            out->line = (unsigned long)ln;
        }
        line = memchr(p, '\n', (size_t)(end - p));
    }
    if (line == NULL || (size_t)(end - line - 1) < skip + out->title_len + out->text_len)
        return 0;
    out->title = line + 1 + skip;
    out->text = out->title + out->title_len;
    return 1;
}
