/* utf8.c - small UTF-8 helpers that need no ICU. */
#include "gk_utf8.h"

#include <stdlib.h>

#define GK_REPLACEMENT 0xFFFDu

uint32_t gk_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;
    unsigned char c = p[0];
    if (c < 0x80) {
        *i += 1;
        return c;
    }
    uint32_t cp, min;
    size_t need;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2; cp = c & 0x1Fu; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3; cp = c & 0x0Fu; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4; cp = c & 0x07u; min = 0x10000;
    } else {
        *i += 1;
        return GK_REPLACEMENT;
    }
    if (left < need) {
        *i += 1;
        return GK_REPLACEMENT;
    }
    for (size_t k = 1; k < need; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *i += 1;
            return GK_REPLACEMENT;
        }
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 1;
        return GK_REPLACEMENT;
    }
    *i += need;
    return cp;
}

size_t gk_utf8_put(char *buf, uint32_t cp)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = GK_REPLACEMENT;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int gk_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t before = i;
        uint32_t cp = gk_utf8_next(s, len, &i);
        /* A genuine U+FFFD is three bytes; a replacement for bad input
         * advances exactly one byte. */
        if (cp == GK_REPLACEMENT && i - before == 1)
            return 0;
    }
    return 1;
}

size_t gk_utf8_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        gk_utf8_next(s, len, &i);
        n++;
    }
    return n;
}

size_t gk_utf8_floor(const char *s, size_t len, size_t at)
{
    if (at >= len)
        return len;
    while (at > 0 && (((unsigned char)s[at]) & 0xC0) == 0x80)
        at--;
    return at;
}

char *gk_utf8_sanitize(const char *s, size_t len)
{
    char *out = malloc(len * 3 + 1); /* one invalid byte -> 3 bytes */
    if (out == NULL)
        return NULL;
    size_t i = 0, n = 0;
    while (i < len)
        n += gk_utf8_put(out + n, gk_utf8_next(s, len, &i));
    out[n] = '\0';
    return out;
}
