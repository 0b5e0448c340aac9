/* docx_numbering.h - the automatic list numbers of Word paragraphs, read
 * from word/numbering.xml and word/styles.xml; private to
 * indexer/read/docx/. */
#ifndef GK_DOCX_NUMBERING_H
#define GK_DOCX_NUMBERING_H

#include <stddef.h>

#include <libxml/tree.h>

#include "gk_status.h"

typedef struct gk_docx_numbering gk_docx_numbering;

/* The list definitions of word/numbering.xml and the paragraph styles of
 * word/styles.xml (either tree may be NULL).  Fails only with GK_ENOMEM. */
gk_status gk_docx_numbering_new(gk_docx_numbering **out, const xmlDoc *numbering,
                                const xmlDoc *styles);

/* Release it.  A harmless no-op on NULL. */
void gk_docx_numbering_free(gk_docx_numbering *n);

/* Longest list number written, in bytes, NUL included. */
#define GK_DOCX_NUMBER_MAX 128

/* The list number of the next paragraph, whose properties are ppr (w:pPr,
 * or NULL), counting it: written NUL-terminated into buf (at least
 * GK_DOCX_NUMBER_MAX bytes).  Returns its length, 0 when the paragraph has
 * no number that can be written.  *space_after is set to 1 when a space is
 * to separate it from the text. */
size_t gk_docx_numbering_next(gk_docx_numbering *n, const xmlNode *ppr,
                              char *buf, int *space_after);

#endif
