/* gk_util.h - small helpers for strings, messages and byte buffers. */
#ifndef GK_UTIL_H
#define GK_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define GK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define GK_PRINTF(f, a)
#endif

/* gongkai's version, e.g. "0.1.0". */
const char *gk_version(void);

/* malloc'd copy of s / of its first n bytes (NUL-terminated); NULL when out
 * of memory. */
char *gk_strdup(const char *s);
char *gk_strndup(const char *s, size_t n);

/* Store a formatted, malloc'd message in *errmsg (when errmsg is not NULL)
 * and return st, so that failures read `return gk_fail(errmsg, GK_EIO,
 * "...: %s", why);`.  *errmsg is freed first if already set. */
gk_status gk_fail(char **errmsg, gk_status st, const char *fmt, ...)
    GK_PRINTF(3, 4);

/* A growable byte buffer, always NUL-terminated once anything was added.
 * Zero-initialise it; release with gk_buf_free. */
typedef struct gk_buf {
    char *data;
    size_t len;
    size_t cap;
} gk_buf;

/* Make room for `extra` more bytes plus a NUL, so that up to `extra` bytes
 * may be written at data + len directly (then add them to len).  Returns
 * GK_OK or GK_ENOMEM (the buffer is then unchanged). */
gk_status gk_buf_reserve(gk_buf *b, size_t extra);

/* Append bytes; returns GK_OK or GK_ENOMEM (the buffer is then unchanged). */
gk_status gk_buf_add(gk_buf *b, const char *s, size_t n);
gk_status gk_buf_adds(gk_buf *b, const char *s);
gk_status gk_buf_addc(gk_buf *b, char c);
gk_status gk_buf_printf(gk_buf *b, const char *fmt, ...) GK_PRINTF(2, 3);

/* Hand the buffer's bytes to the caller (malloc'd, NUL-terminated, never
 * NULL unless out of memory) and reset the buffer. */
char *gk_buf_take(gk_buf *b, size_t *len);

/* Release the buffer's memory and zero it.  NULL-safe. */
void gk_buf_free(gk_buf *b);

#ifdef __cplusplus
}
#endif

#endif
