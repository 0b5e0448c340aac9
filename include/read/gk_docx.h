/* gk_docx.h - the text of a Word 2007+ (.docx) document. */
#ifndef GK_DOCX_H
#define GK_DOCX_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if bytes are a ZIP archive (PK\3\4) - a cheap check; whether it is a
 * Word document is only known once it is opened. */
int gk_docx_sniff(const char *bytes, size_t len);

/* Text of a Word 2007+ (.docx) document held in memory, in the conventions
 * of gk_html_to_text, so that the same report and table parsers read it:
 *  - Only the body (word/document.xml) is read: no headers, footers,
 *    footnotes or comments.  Each paragraph is one line; empty paragraphs
 *    give no line; a line break (w:br, w:cr) ends the line, and at most one
 *    blank line comes in a row.  Runs of white space (also U+3000 and
 *    no-break spaces) become one space; lines are trimmed.  A tab (w:tab)
 *    is "\t" between words.  Page and column breaks end a line only.
 *  - Deleted text, moved-from text, field instructions, hidden (w:vanish)
 *    runs, ruby annotations and symbol characters (w:sym) are left out;
 *    inserted text is kept; w:noBreakHyphen is "-".  Text boxes are read as
 *    paragraphs where they are anchored; of mc:AlternateContent only the
 *    first mc:Choice (else the mc:Fallback) is read.
 *  - Automatic list numbers ("一、", "（二）", "3.") are written before
 *    the paragraph's text, followed by a space unless the level says
 *    "nothing", counted as Word counts them from word/numbering.xml and the
 *    paragraph styles of word/styles.xml.  Bullets and number formats not
 *    supported give no number; when those parts are missing or damaged the
 *    text is the same, without numbers.
 *  - A table row becomes one line with its cells separated by "\t" (a
 *    cell's paragraphs, breaks and tabs become spaces); w:gridSpan="N" adds
 *    N-1 empty cells, w:gridBefore adds empty cells before the first, a
 *    vertically merged continuation cell is empty, rows without text and
 *    deleted rows give no line.  Tables inside a cell are flattened into it.
 *    A layout table - one cell, or a cell with more than 1000 bytes of text
 *    or 20 paragraphs - is read as plain paragraphs instead.
 * The result ends with "\n" unless it is empty.  *out is malloc'd,
 * NUL-terminated, valid UTF-8; the caller frees it; out_len (may be NULL)
 * receives its length.  Fails with GK_EUNSUPPORTED when the bytes are not a
 * ZIP archive, the archive holds no word/document.xml, or the document is
 * encrypted or compressed in a way not supported; GK_ECORRUPT when the
 * archive is damaged or truncated or document.xml is not well-formed XML;
 * GK_ETOOBIG when a part would unpack to more than 32 MiB or more than 100
 * times the archive's size (at least 4 MiB is always allowed), or would
 * parse into more than 1,000,000 XML nodes (which bounds its tree at about
 * 130 MB); GK_ENOMEM;
 * GK_EINTERNAL when the libxml2 found at run time does not match the one
 * built against.  Never prints: libxml2's messages are caught (per thread,
 * the caller's handlers are restored) and the first goes into *errmsg.
 * Entities declared in a DTD are not expanded and nothing is fetched. */
gk_status gk_docx_to_text(char **out, size_t *out_len, const char *bytes,
                          size_t len, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
