/* docx_body.h - the text of a Word document's body (word/document.xml);
 * private to read (docx/). */
#ifndef GK_DOCX_BODY_H
#define GK_DOCX_BODY_H

#include <libxml/tree.h>

#include "docx_numbering.h"
#include "gk_status.h"
#include "gk_util.h"

/* Append the text of word/document.xml's tree to out (see gk_docx.h for the
 * rules); numbering may be NULL.  Fails only with GK_ENOMEM. */
gk_status gk_docx_body_text(gk_buf *out, const xmlDoc *document,
                            gk_docx_numbering *numbering);

#endif
