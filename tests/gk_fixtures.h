/* gk_fixtures.h - documents the tests build: Word (.docx) archives made in
 * memory with libzip, PDFs written byte by byte, both made from the text
 * of a report, and text in other encodings and line ends.  Every builder
 * fails the running test on error (outside a test, cmocka ends the
 * program). */
#ifndef GK_FIXTURES_H
#define GK_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

#include "gk_util.h"

/* ---- DOCX ------------------------------------------------------------------- */

#define GK_TEST_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
/* The namespaces of a document.xml root element. */
#define GK_TEST_DOCX_NAMESPACES                                                 \
    "xmlns:w=\"" GK_TEST_W_NS "\" "                                            \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " \
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "       \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\""
#define GK_TEST_XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* [Content_Types].xml of a Word document (NUL-terminated). */
extern const char gk_test_docx_content_types[];

/* One file of a ZIP archive. */
typedef struct gk_test_part {
    const char *name;
    const char *data;
    size_t len;
} gk_test_part;

/* A ZIP archive of the parts, built in memory (deflated, as Word does);
 * malloc'd, its length in *len. */
char *gk_test_zip_of(const gk_test_part *parts, size_t nparts, size_t *len);

/* A .docx of [Content_Types].xml, word/document.xml and, unless NULL,
 * word/numbering.xml and word/styles.xml; malloc'd, its length in *len. */
char *gk_test_docx_of(const char *document, const char *numbering,
                      const char *styles, size_t *len);

/* A .docx holding text[0..len) (UTF-8, lines ending in "\n" or "\r\n"):
 * each line a paragraph, a blank line an empty paragraph, and a run of
 * consecutive lines that hold "\t" a table of one row per line and one cell
 * per tab-separated field.  Control characters are left out and invalid
 * UTF-8 becomes U+FFFD.  malloc'd, its length in *out_len. */
char *gk_test_docx_from_text(const char *text, size_t len, size_t *out_len);

/* ---- PDF -------------------------------------------------------------------- */

/* The PDFs have one font: a Type0 font (Identity-H) over a CIDFontType2
 * font that is not embedded, whose CIDs are the characters' Unicode code
 * points and whose /ToUnicode CMap says so, so a reader gets the text
 * without needing glyphs.  Glyphs are 1000 units wide (one font size),
 * those of ASCII characters 500 and the space 250; boxes are one font size
 * tall (/Ascent 860, /Descent -140).  Characters outside the BMP cannot be
 * drawn. */

#define GK_TEST_PDF_PAGE_W 595 /* A4, in points */
#define GK_TEST_PDF_PAGE_H 842

/* A PDF being written: zero-initialise, add pages and text, then take its
 * bytes with gk_test_pdf_bytes. */
typedef struct gk_test_pdf {
    gk_buf *pages;      /* content stream of each page */
    int *rotate;        /* /Rotate of each page */
    size_t npages;
    unsigned char used[0x10000 / 8]; /* characters drawn, for the CMap */
    int encrypted;      /* add an /Encrypt dictionary nobody can open */
} gk_test_pdf;

/* Start a new page (A4 portrait) with the given /Rotate. */
void gk_test_pdf_page(gk_test_pdf *d, int rotate);

/* Show utf8 on the current page with the text matrix [a b c d x y] given
 * as six numbers in `matrix`, at the given font size. */
void gk_test_pdf_show(gk_test_pdf *d, const char *matrix, double size, const char *utf8);

/* Text upright, its baseline starting at (x, y) (PDF space: y up). */
void gk_test_pdf_text(gk_test_pdf *d, double x, double y, double size, const char *utf8);

/* Text turned a quarter left (running up the page) from (x, y). */
void gk_test_pdf_text_up(gk_test_pdf *d, double x, double y, double size,
                         const char *utf8);

/* Append raw content-stream operators to the current page. */
void gk_test_pdf_ops(gk_test_pdf *d, const char *ops);

/* The width of a character in font sizes: 1, 0.5 for ASCII, 0.25 for the
 * space. */
double gk_test_pdf_advance(uint32_t cp);

/* The bytes of the document (malloc'd, *len of them); releases d's pages
 * and leaves d empty. */
char *gk_test_pdf_bytes(gk_test_pdf *d, size_t *len);

/* A PDF holding text[0..len) (UTF-8, lines ending in "\n" or "\r\n") as a
 * word processor would print it: 10.5-point lines top to bottom on A4
 * pages (a new page when one is full, "- N -" centred at its foot), long
 * lines wrapped (between CJK characters, or after a space), a blank line as
 * a gap of one line.  A line holding "\t" is a table row: its cells start
 * at fixed column positions (the table's width shared among its columns)
 * and at least 2.5 character widths after the previous cell, so that a PDF
 * reader sees a tab between them; a row too wide for the page is set
 * smaller.  Control characters and characters outside the BMP are left
 * out.  malloc'd, its length in *out_len. */
char *gk_test_pdf_from_text(const char *text, size_t len, size_t *out_len);

/* ---- plain text ---------------------------------------------------------- */

/* text[0..len) (UTF-8) converted by ICU to charset ("GB18030",
 * "UTF-16LE", ...), after a byte order mark (U+FEFF in charset) when bom
 * is set; malloc'd, its length in *out_len. */
char *gk_test_encode(const char *text, size_t len, const char *charset, int bom,
                     size_t *out_len);

/* text[0..len) with every "\n" made "\r\n"; malloc'd, its length in
 * *out_len. */
char *gk_test_crlf(const char *text, size_t len, size_t *out_len);

#endif
