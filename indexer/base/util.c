/* util.c - small helpers for strings, messages and byte buffers. */
#include "gk_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"

const char *gk_version(void)
{
    return GK_VERSION;
}

char *gk_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *gk_strdup(const char *s)
{
    return gk_strndup(s, strlen(s));
}

gk_status gk_fail(char **errmsg, gk_status st, const char *fmt, ...)
{
    if (errmsg == NULL)
        return st;
    free(*errmsg);
    *errmsg = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return st;
    char *msg = malloc((size_t)n + 1);
    if (msg == NULL)
        return st;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *errmsg = msg;
    return st;
}

gk_status gk_buf_reserve(gk_buf *b, size_t extra)
{
    if (extra > ((size_t)-1) / 2 - b->len - 1)
        return GK_ENOMEM;
    if (b->len + extra + 1 <= b->cap)
        return GK_OK;
    if (GK_ARRAY_RESERVE(b->data, b->cap, b->len + extra + 1) != GK_OK)
        return GK_ENOMEM;
    b->data[b->len] = '\0'; /* a reserved buffer is a string already */
    return GK_OK;
}

gk_status gk_buf_add(gk_buf *b, const char *s, size_t n)
{
    if (gk_buf_reserve(b, n) != GK_OK)
        return GK_ENOMEM;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return GK_OK;
}

gk_status gk_buf_adds(gk_buf *b, const char *s)
{
    return gk_buf_add(b, s, strlen(s));
}

gk_status gk_buf_addc(gk_buf *b, char c)
{
    return gk_buf_add(b, &c, 1);
}

gk_status gk_buf_printf(gk_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return GK_EINVAL;
    if (gk_buf_reserve(b, (size_t)n) != GK_OK)
        return GK_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return GK_OK;
}

char *gk_buf_take(gk_buf *b, size_t *len)
{
    char *p = b->data;
    if (p == NULL)
        p = calloc(1, 1);
    if (len != NULL)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void gk_buf_free(gk_buf *b)
{
    if (b == NULL)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
