/* gk_utf8.h - small UTF-8 helpers that need no ICU. */
#ifndef GK_UTF8_H
#define GK_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The length in bytes of a string literal ("单位" is 6), counted by the
 * compiler: never write a UTF-8 literal's length by hand. */
#define GK_LEN(lit) (sizeof(lit "") - 1)

/* 1 if the n bytes at s begin with the string literal lit. */
#define GK_STARTS_WITH(s, n, lit) \
    ((n) >= GK_LEN(lit) && memcmp((s), (lit), GK_LEN(lit)) == 0)

/* 1 if the n bytes at s end with the string literal lit. */
#define GK_ENDS_WITH(s, n, lit) \
    ((n) >= GK_LEN(lit) && memcmp((s) + (n) - GK_LEN(lit), (lit), GK_LEN(lit)) == 0)

/* Decode the code point at s[*i] (s has len bytes) and advance *i past it.
 * An invalid or truncated sequence yields U+FFFD and advances one byte. */
uint32_t gk_utf8_next(const char *s, size_t len, size_t *i);

/* Append the UTF-8 encoding of cp to buf (which needs 4 free bytes); returns
 * the number of bytes written.  Surrogates and cp > 0x10FFFF give U+FFFD. */
size_t gk_utf8_put(char *buf, uint32_t cp);

/* 1 if s[0..len) is entirely valid UTF-8 (no surrogates, no overlongs). */
int gk_utf8_valid(const char *s, size_t len);

/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t gk_utf8_count(const char *s, size_t len);

/* Largest offset <= at that is not inside a multi-byte character. */
size_t gk_utf8_floor(const char *s, size_t len, size_t at);

/* A malloc'd, NUL-terminated copy of s[0..len) in which every invalid byte
 * is replaced by U+FFFD, for showing file names and text that may not be
 * UTF-8; NULL when out of memory. */
char *gk_utf8_sanitize(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
