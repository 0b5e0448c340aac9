/* docx.h - the pieces of the Word reader (docx.c, docx_body.c,
 * docx_numbering.c); private to indexer/. */
#ifndef GK_DOCX_PRIVATE_H
#define GK_DOCX_PRIVATE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "gk_status.h"
#include "gk_util.h"

/* ---- WordprocessingML elements and attributes ----------------------------- */

/* 1 if node is the element w:name (WordprocessingML's main namespace,
 * transitional or strict). */
int gk_docx_is_w(const xmlNode *node, const char *name);

/* The first child element w:name of node, or NULL. */
xmlNode *gk_docx_child(const xmlNode *node, const char *name);

/* The value of node's attribute w:name, or NULL; borrowed from the tree. */
const char *gk_docx_attr(const xmlNode *node, const char *name);

/* Largest magnitude a number read from an attribute is given: more is
 * nonsense in a document and saturates, so that counting cannot overflow. */
#define GK_DOCX_NUMBER_LIMIT 1000000000L

/* node's attribute w:name as a number (decimal, with an optional sign,
 * within +-GK_DOCX_NUMBER_LIMIT); dflt when there is none. */
long gk_docx_attr_long(const xmlNode *node, const char *name, long dflt);

/* The w:val attribute of node's child w:name as a number, as above; dflt
 * when the child, the attribute or a number is missing. */
long gk_docx_child_val(const xmlNode *node, const char *name, long dflt);

/* 1 if an on/off property (w:vanish, w:isLgl...) is on: present, and w:val
 * is absent or not "0", "false" or "off". */
int gk_docx_onoff(const xmlNode *prop);

/* ---- automatic list numbers ------------------------------------------------ */

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

/* ---- the body -------------------------------------------------------------- */

/* Append the text of word/document.xml's tree to out (see gk_docx.h for the
 * rules); numbering may be NULL.  Fails only with GK_ENOMEM. */
gk_status gk_docx_body_text(gk_buf *out, const xmlDoc *document,
                            gk_docx_numbering *numbering);

#endif
