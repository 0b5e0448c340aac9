/* buf.h - a growing string for the generator; allocation failure aborts
 * (a test tool has no better answer). */
#ifndef GEN_BUF_H
#define GEN_BUF_H

#include <stddef.h>

typedef struct gen_buf {
    char *data; /* NUL-terminated once anything was added */
    size_t len, cap;
} gen_buf;

/* Append text. */
void gen_buf_puts(gen_buf *b, const char *s);

/* Append n bytes. */
void gen_buf_add(gen_buf *b, const char *s, size_t n);

/* Append formatted text. */
void gen_buf_printf(gen_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The text so far ("" when empty); borrowed until the next change. */
const char *gen_buf_str(const gen_buf *b);

/* Empty the buffer, keeping its memory. */
void gen_buf_reset(gen_buf *b);

/* Release the memory; NULL-safe. */
void gen_buf_free(gen_buf *b);

/* A malloc'd copy of s; aborts on failure. */
char *gen_strdup(const char *s);

/* malloc/realloc that abort on failure. */
void *gen_xrealloc(void *p, size_t n);

#endif
