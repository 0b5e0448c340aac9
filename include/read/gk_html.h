/* gk_html.h - the readable text of an HTML page. */
#ifndef GK_HTML_H
#define GK_HTML_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Extract the text of an HTML document given as UTF-8.
 *  - Only the <body> is kept when there is one; <head>, <script>, <style>,
 *    <noscript>, <template>, <nav>, <iframe>, <svg>, <select>, <button>,
 *    <object> and comments are dropped.
 *  - Block elements (p, div, br, h1-h6, li, table, tr, section, ...) end a
 *    line; runs of white space inside text collapse to one space (not in
 *    <pre>); lines are trimmed; at most one blank line in a row.
 *  - A table row becomes one line with its cells separated by "\t";
 *    colspan="N" adds N-1 empty cells so that columns stay aligned.
 *  - Character references are decoded: named (&nbsp; &ldquo; &mdash; ...)
 *    and numeric (&#20013; &#x4e2d;); invalid numeric ones become U+FFFD,
 *    unknown named ones stay as written.
 * Malformed markup never fails: it is read as a browser would, roughly.
 * *out is malloc'd, NUL-terminated UTF-8; the caller frees it.  Fails only
 * with GK_ENOMEM. */
gk_status gk_html_to_text(char **out, size_t *out_len, const char *html,
                          size_t len, char **errmsg);

/* Find the charset an HTML page declares in its first 4 KiB (<meta
 * charset=...> or <meta http-equiv="Content-Type" content="...charset=...">).
 * Copies it, NUL-terminated and lower-cased, into out and returns 1; returns
 * 0 if none is declared or it does not fit in outsz. */
int gk_html_declared_charset(const char *bytes, size_t len, char *out,
                             size_t outsz);

/* 1 if the bytes look like an HTML document (after optional BOM and white
 * space: "<!doctype html", "<html", "<head", "<body", or "<meta"/"<title"
 * near the start), ignoring case; 0 otherwise. */
int gk_html_sniff(const char *bytes, size_t len);

#ifdef __cplusplus
}
#endif

#endif
