/* escape.c - every control character of a text made visible ("\x1b"), the
 * one place text output goes through before it reaches a terminal. */
#include "gk_escape.h"

#include <stdlib.h>
#include <string.h>

#include "gk_utf8.h"

int gk_escape_needed(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

gk_status gk_escape_add(gk_buf *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        uint32_t cp = gk_utf8_next(s, len, &i);
        gk_status st = GK_OK;
        if (cp == 0xfffd && !gk_utf8_valid(s + start, i - start))
            st = gk_buf_printf(b, "\\x%02x", (unsigned char)s[start]);
        else if (!gk_escape_needed(cp))
            st = gk_buf_add(b, s + start, i - start);
        else if (cp == '\n')
            st = gk_buf_adds(b, "\\n");
        else if (cp == '\r')
            st = gk_buf_adds(b, "\\r");
        else if (cp == '\t')
            st = gk_buf_adds(b, "\\t");
        else if (cp < 0x80)
            st = gk_buf_printf(b, "\\x%02x", (unsigned)cp);
        else
            st = gk_buf_printf(b, "\\u{%x}", (unsigned)cp);
        if (st != GK_OK)
            return st;
    }
    return GK_OK;
}

char *gk_escape(const char *s)
{
    gk_buf b = {0};
    if (gk_escape_add(&b, s, strlen(s)) != GK_OK) {
        gk_buf_free(&b);
        return NULL;
    }
    return gk_buf_take(&b, NULL);
}

void gk_escape_fwrite(FILE *to, const char *s, size_t len)
{
    if (len == 0)
        return;
    /* the common case, nothing to escape, costs no copy */
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        uint32_t cp = gk_utf8_next(s, len, &i);
        if (gk_escape_needed(cp) || (cp == 0xfffd && !gk_utf8_valid(s + start, i - start)))
            break;
        if (i == len) {
            fwrite(s, 1, len, to);
            return;
        }
    }
    gk_buf b = {0};
    if (gk_escape_add(&b, s, len) == GK_OK && b.data != NULL)
        fwrite(b.data, 1, b.len, to);
    else
        fputs("?", to);
    gk_buf_free(&b);
}

void gk_escape_fputs(FILE *to, const char *s)
{
    gk_escape_fwrite(to, s, strlen(s));
}

void gk_escape_json_strings(json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t len = json_string_length(v);
        gk_buf b = {0};
        if (gk_escape_add(&b, s, len) == GK_OK && b.data != NULL)
            json_string_setn_nocheck(v, b.data, b.len);
        gk_buf_free(&b);
    } else if (json_is_object(v)) {
        const char *key;
        json_t *value;
        json_object_foreach(v, key, value)
            gk_escape_json_strings(value);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *value;
        json_array_foreach(v, i, value)
            gk_escape_json_strings(value);
    }
}
