/* gk_decode.h - bytes in any supported encoding -> UTF-8 (the first step
 * of reading a plain-text or HTML file; DOCX and PDF are read as UTF-8 by
 * their own readers).  What comes out goes on to gk_text_clean. */
#ifndef GK_DECODE_H
#define GK_DECODE_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_decoded {
    char *text;         /* NUL-terminated UTF-8, owned; free with gk_decoded_clear */
    size_t len;         /* bytes in text, without the NUL */
    char encoding[32];  /* detected source encoding: "UTF-8", "GB18030", "UTF-16LE"... */
    int had_bom;        /* 1 if the input began with a byte order mark */
    size_t replaced;    /* invalid byte sequences replaced by U+FFFD */
} gk_decoded;

/* Decode bytes to UTF-8.  The encoding is found, in this order, from a byte
 * order mark; from NUL bytes (UTF-16/UTF-32 without a mark); from UTF-8
 * validity (also text that is UTF-8 but for a few bad bytes, even when a
 * page declares another charset: re-saved pages keep old <meta> tags); from
 * `declared` (a charset name from e.g. an HTML <meta>, or NULL; gb2312 and
 * gbk read as GB18030); then from ICU's detector, preferring GB18030 over
 * single-byte charsets when it decodes cleanly.  Invalid byte sequences
 * become U+FFFD and are counted in out->replaced; that is never a failure.
 * Empty input gives empty text.  Fails with GK_EUNSUPPORTED for binary data
 * that is no text in any encoding, GK_ENOMEM, or GK_EINTERNAL when ICU
 * fails unexpectedly.  The BOM is not copied into out->text. */
gk_status gk_text_decode(gk_decoded *out, const char *bytes, size_t len,
                         const char *declared, char **errmsg);

/* Release what gk_text_decode allocated and zero *d.  NULL-safe. */
void gk_decoded_clear(gk_decoded *d);

#ifdef __cplusplus
}
#endif

#endif
