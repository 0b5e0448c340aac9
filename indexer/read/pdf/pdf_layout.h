/* pdf_layout.h - a PDF page's characters, with their boxes, set as lines of
 * text; private to read (used by pdf.c).  Knows nothing of poppler. */
#ifndef GK_PDF_LAYOUT_H
#define GK_PDF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "gk_status.h"
#include "gk_util.h"

/* One character drawn on a page.  Coordinates are in points with the origin
 * at the page's top left and y growing downwards (poppler's layout). */
typedef struct gk_pdf_glyph {
    uint32_t cp;            /* Unicode code point, never white space */
    double x1, y1, x2, y2;  /* the character's box, x1 <= x2, y1 <= y2 */
    double size;            /* font size in points; 0 if unknown */
    size_t run;             /* glyphs the PDF reader read as one line share
                             * a run number; runs are contiguous in the
                             * array, in the reader's order */
} gk_pdf_glyph;

/* Append the text of one page to out: lines as gk_pdf_to_text describes
 * them (gk_pdf.h), each ending in "\n"; blank lines only between two lines
 * of this page; lines of page numbers in the margins dropped.  The page is
 * width x height points.  Reorders and rewrites glyphs[] (their boxes end up
 * in the frame in which the page's text reads left to right).  Fails only
 * with GK_ENOMEM (out then holds part of the page). */
gk_status gk_pdf_layout_page(gk_buf *out, gk_pdf_glyph *glyphs, size_t n,
                             double width, double height);

/* 1 if a line of text holds only a page number: "3", "- 3 -", "— 3 —",
 * "第 3 页", "第3页 共10页", "共10页 第3页", "3/10", "Page 3 of 10"
 * (pdf_page_number.c). */
int gk_pdf_is_page_number(const char *line, size_t len);

/* 1 if cp is a CJK character (ideograph, kana, hangul, CJK or full-width
 * punctuation): text in these scripts has no spaces between words. */
int gk_pdf_is_cjk(uint32_t cp);

#endif
