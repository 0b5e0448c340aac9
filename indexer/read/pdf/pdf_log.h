/* pdf_log.h - poppler's messages kept out of stderr while gongkai reads a
 * PDF; private to read (used by pdf.c). */
#ifndef GK_PDF_LOG_H
#define GK_PDF_LOG_H

#define GK_PDF_LOG_KEEP 160  /* bytes kept of the first message */

/* The messages poppler logged in this thread between gk_pdf_log_begin and
 * gk_pdf_log_end. */
typedef struct gk_pdf_log {
    char first[GK_PDF_LOG_KEEP];  /* the first message, one line, or "" */
    char first_bug[GK_PDF_LOG_KEEP]; /* the first critical message, or "" */
    unsigned long count;          /* messages of any level */
    unsigned long bugs;           /* critical messages: misuse of poppler */
} gk_pdf_log;

/* Start keeping the "Poppler" log domain's messages of this thread in log
 * (zeroed here) instead of letting GLib print them.  The first call in the
 * process installs the domain's handler, which hands messages logged
 * outside a capture to GLib's default handler unchanged.  Never fails. */
void gk_pdf_log_begin(gk_pdf_log *log);

/* Stop keeping messages in log; GLib prints them again. */
void gk_pdf_log_end(gk_pdf_log *log);

/* Copy msg into dst as one line of valid UTF-8 (control characters become
 * spaces, invalid bytes U+FFFD), cut at a character boundary to fit. */
void gk_pdf_log_line(char dst[GK_PDF_LOG_KEEP], const char *msg);

#endif
