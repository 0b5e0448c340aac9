/* gk_format.h - what kind of file a report came in, and its text.
 *
 * The format is found from the bytes first (a PDF named .html is read as a
 * PDF) and from the file name only for text that could be either. */
#ifndef GK_FORMAT_H
#define GK_FORMAT_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_format {
    GK_FORMAT_TEXT,  /* plain text or markdown, any encoding */
    GK_FORMAT_HTML,
    GK_FORMAT_DOCX,  /* Word 2007+ */
    GK_FORMAT_PDF,
    GK_FORMAT_DOC,   /* Word 97-2003 (OLE2): not read */
    GK_FORMAT_RTF,   /* not read */
    GK_FORMAT_OTHER  /* an unknown name with no recognisable content */
} gk_format;

/* "text", "html", "docx", "pdf", "doc", "rtf", "other". */
const char *gk_format_name(gk_format f);

/* 1 if the file name's extension is one gongkai reads (.txt .md .markdown
 * .html .htm .shtml .xhtml .docx .pdf) or names a format it recognises to
 * refuse clearly (.doc .rtf). */
int gk_format_known_name(const char *name);

/* The format of a file from its first bytes (the whole file or at least
 * its first 4 KiB) and its name.  Content decides: PDF, ZIP (taken as
 * DOCX), OLE2 (DOC), RTF and HTML signatures; otherwise a known text or
 * HTML extension; otherwise GK_FORMAT_OTHER. */
gk_format gk_format_detect(const char *name, const char *bytes, size_t len);

/* What was learnt about a file on the way to its text. */
typedef struct gk_text_info {
    char encoding[32]; /* source encoding of text and HTML ("UTF-8",
                          "GB18030"...); "" for DOCX and PDF, whose text
                          is Unicode inside */
    size_t replaced;   /* invalid byte sequences replaced by U+FFFD */
} gk_text_info;

/* Most text one file may give, in bytes of UTF-8 (analysing and storing
 * text takes about 45 times its size: this bounds a file's memory). */
#define GK_FORMAT_MAX_TEXT (16u << 20)

/* The text of a file in format f, decoded and cleaned (gk_text_clean):
 * the text people see.  *out is malloc'd and NUL-terminated.  Fails with
 * GK_EUNSUPPORTED (binary data, .doc, .rtf, encrypted PDF...) or
 * GK_ECORRUPT (damaged DOCX or PDF) and a message a user can act on, or
 * GK_ETOOBIG (more than GK_FORMAT_MAX_TEXT bytes of text, or more than
 * twice that of text or HTML bytes), GK_ENOMEM. */
gk_status gk_format_text(gk_format f, const char *bytes, size_t len,
                         char **out, size_t *out_len, gk_text_info *info,
                         char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
