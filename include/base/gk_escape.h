/* gk_escape.h - text safe to print on a terminal: every control character
 * escaped, as ls and ripgrep do, so that a file name or a title cannot
 * move the cursor, set the window title or break a line. */
#ifndef GK_ESCAPE_H
#define GK_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "gk_status.h"
#include "gk_util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if the code point cp is escaped: C0 controls (tab, CR and newline
 * too), DEL, C1 controls (U+0080..U+009F) and the invisible bidirectional
 * controls (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069). */
int gk_escape_needed(uint32_t cp);

/* Append s[0..len) to b with every escaped code point written as text:
 * "\n", "\r", "\t", "\x1b" for the other C0 controls and DEL, "\u{9b}" for
 * the others; a byte that is not UTF-8 becomes "\xNN".  Returns GK_OK or
 * GK_ENOMEM (b then holds part of it). */
gk_status gk_escape_add(gk_buf *b, const char *s, size_t len);

/* s (NUL-terminated) escaped as gk_escape_add does: malloc'd, NULL when out
 * of memory. */
char *gk_escape(const char *s);

/* Print s (NUL-terminated) to `to`, escaped as gk_escape_add does. */
void gk_escape_fputs(FILE *to, const char *s);

/* Print s[0..len) to `to`, escaped as gk_escape_add does. */
void gk_escape_fwrite(FILE *to, const char *s, size_t len);

/* Replace every string in v (values, not object keys) by its escaped form,
 * recursively: for printing a stored record as text. */
void gk_escape_json_strings(json_t *v);

#ifdef __cplusplus
}
#endif

#endif
