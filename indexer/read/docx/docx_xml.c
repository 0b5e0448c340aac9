/* docx_xml.c - WordprocessingML elements and attributes in a libxml2 tree:
 * the namespace test, child and attribute look-ups, and numbers and on/off
 * values read from attributes, shared by docx.c, docx_body.c and
 * docx_numbering.c.  Both namespaces of the main part are accepted, the
 * transitional one Word writes and the strict one of ISO 29500.
 */
#include "docx_xml.h"

#include <string.h>

static const char *const w_namespaces[] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
};

static int is_w_namespace(const xmlNs *ns)
{
    if (ns == NULL || ns->href == NULL)
        return 0;
    const char *href = (const char *)ns->href;
    return strcmp(href, w_namespaces[0]) == 0 || strcmp(href, w_namespaces[1]) == 0;
}

int gk_docx_is_w(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0 && is_w_namespace(node->ns);
}

xmlNode *gk_docx_child(const xmlNode *node, const char *name)
{
    if (node == NULL)
        return NULL;
    for (xmlNode *c = node->children; c != NULL; c = c->next)
        if (gk_docx_is_w(c, name))
            return c;
    return NULL;
}

const char *gk_docx_attr(const xmlNode *node, const char *name)
{
    if (node == NULL || node->type != XML_ELEMENT_NODE)
        return NULL;
    /* Some writers leave off the prefix; w:name wins when both are there. */
    const char *bare = NULL;
    for (const xmlAttr *a = node->properties; a != NULL; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        const char *v = "";
        if (a->children != NULL && a->children->type == XML_TEXT_NODE &&
            a->children->content != NULL)
            v = (const char *)a->children->content;
        if (is_w_namespace(a->ns))
            return v;
        if (a->ns == NULL)
            bare = v;
    }
    return bare;
}

long gk_docx_attr_long(const xmlNode *node, const char *name, long dflt)
{
    const char *v = gk_docx_attr(node, name);
    if (v == NULL)
        return dflt;
    while (*v == ' ')
        v++;
    int negative = *v == '-';
    if (*v == '-' || *v == '+')
        v++;
    if (*v < '0' || *v > '9')
        return dflt;
    long n = 0;
    for (; *v >= '0' && *v <= '9'; v++)
        if (n < GK_DOCX_NUMBER_LIMIT)
            n = n * 10 + (*v - '0');
    if (n > GK_DOCX_NUMBER_LIMIT)
        n = GK_DOCX_NUMBER_LIMIT; /* larger numbers are nonsense: saturate */
    return negative ? -n : n;
}

long gk_docx_child_val(const xmlNode *node, const char *name, long dflt)
{
    return gk_docx_attr_long(gk_docx_child(node, name), "val", dflt);
}

int gk_docx_onoff(const xmlNode *prop)
{
    if (prop == NULL)
        return 0;
    const char *v = gk_docx_attr(prop, "val");
    return v == NULL ||
           !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}
