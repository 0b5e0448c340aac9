/* docx_xml.h - WordprocessingML elements and attributes in a libxml2 tree:
 * the helpers every part of the Word reader reads its XML with; private to
 * indexer/read/docx/. */
#ifndef GK_DOCX_XML_H
#define GK_DOCX_XML_H

#include <libxml/tree.h>

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

#endif
