/* buf.c - a growing string. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *gen_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL) {
        fputs("gongkai-gen: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *gen_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(gen_xrealloc(NULL, n), s, n);
}

static void reserve(gen_buf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    b->data = gen_xrealloc(b->data, cap);
    b->cap = cap;
}

void gen_buf_add(gen_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void gen_buf_puts(gen_buf *b, const char *s)
{
    gen_buf_add(b, s, strlen(s));
}

void gen_buf_printf(gen_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *gen_buf_str(const gen_buf *b)
{
    return b->data ? b->data : "";
}

void gen_buf_reset(gen_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void gen_buf_free(gen_buf *b)
{
    if (b == NULL)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
