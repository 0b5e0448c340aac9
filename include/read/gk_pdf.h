/* gk_pdf.h - the text of a PDF document, through poppler (poppler-glib). */
#ifndef GK_PDF_H
#define GK_PDF_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits that bound the memory one document can take; larger documents fail
 * with GK_ETOOBIG.  (A page of more than 100,000 characters is not laid out
 * but keeps the lines poppler reads, which bounds the layout's memory.) */
#define GK_PDF_MAX_PAGES 2000          /* pages in one document */
#define GK_PDF_MAX_TEXT (16u << 20)    /* bytes of text from one document:
                                          GK_FORMAT_MAX_TEXT, checked early */

/* 1 if the bytes hold "%PDF-" within their first 1024 bytes (where readers
 * look for the header); 0 otherwise. */
int gk_pdf_sniff(const char *bytes, size_t len);

/* Text of a PDF document held in memory, in reading order, in the
 * conventions of gk_html_to_text:
 *  - pages in order, lines on a page top to bottom (in the direction most
 *    of the page's text runs, so that rotated pages read upright), the
 *    characters of a line left to right; one line of the page is one line
 *    of text;
 *  - between characters of a line: nothing between CJK characters, one
 *    space where Latin text has a word gap, "\t" where the gap is at least
 *    two character widths - so that a table row reads as one line with its
 *    cells separated by "\t";
 *  - a blank line where lines are set far apart; never two in a row, none
 *    at either end, no trailing white space; every line ends in "\n";
 *  - lines in a page's top or bottom margin that hold only a page number
 *    ("3", "- 3 -", "第 3 页", "第3页 共10页", "3/10") are dropped.
 * Fails with GK_EUNSUPPORTED when bytes are not a PDF, when a password is
 * needed ("encrypted PDF (password required)") or when no page has text,
 * page numbers aside ("PDF has no text layer (scanned images?)");
 * GK_ECORRUPT when poppler cannot read the document ("cannot read PDF:
 * ..."); GK_ETOOBIG beyond GK_PDF_MAX_PAGES pages or
 * GK_PDF_MAX_TEXT bytes of text; GK_ENOMEM; GK_EINTERNAL when poppler
 * reports misuse.  bytes need only live for the call.  *out is malloc'd,
 * NUL-terminated, valid UTF-8; the caller frees it.
 * Poppler never writes to stderr from this call: its messages go through
 * GLib's log under the "Poppler" domain, and the first call installs a
 * handler for that domain that keeps the messages raised inside
 * gk_pdf_to_text (the first one ends up in *errmsg on failure) and hands
 * every other message to GLib's default handler unchanged. */
gk_status gk_pdf_to_text(char **out, size_t *out_len, const char *bytes,
                         size_t len, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
