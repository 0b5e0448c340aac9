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
#define GK_PDF_MAX_MEMORY_MB 512       /* MiB poppler may take reading one
                                          document in its reader process
                                          (gk_pdf_to_text_bounded;
                                          GONGKAI_PDF_MEMORY_MB changes it) */
#define GK_PDF_MAX_SECONDS 120         /* CPU seconds for one document */

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

/* gk_pdf_to_text done by the reader program named with gk_pdf_use_reader
 * (pdf_child.c), a separate process that may grow by at most
 * gk_pdf_memory_limit() bytes and use GK_PDF_MAX_SECONDS of CPU: the same
 * results, and GK_ETOOBIG ("PDF needs more than N MiB of memory to read",
 * "PDF takes more than N s to read") or GK_ECORRUPT (the reader crashed)
 * instead of taking the caller down; GK_EIO when no reader can be started.
 * Ctrl-C and SIGTERM end the reader as they would a program with no
 * handlers.  With no reader named, gk_pdf_to_text itself. */
gk_status gk_pdf_to_text_bounded(char **out, size_t *out_len, const char *bytes,
                                 size_t len, char **errmsg);

/* The argument that makes a program the reader: its main calls
 * gk_pdf_reader_main when started with just this argument. */
#define GK_PDF_READER_ARG "--internal-pdf-reader"

/* Name the reader program (a copy is kept; NULL: read in process, and
 * free the copy).  Call it before threads start.  Fails with GK_ENOMEM. */
gk_status gk_pdf_use_reader(const char *program);

/* The reader: a document on standard input, its answer on standard
 * output, within the limits; returns the exit code. */
int gk_pdf_reader_main(void);

/* The memory limit of the reader in bytes: GK_PDF_MAX_MEMORY_MB, or the
 * environment's GONGKAI_PDF_MEMORY_MB (16 or more) when set. */
size_t gk_pdf_memory_limit(void);

#ifdef __cplusplus
}
#endif

#endif
