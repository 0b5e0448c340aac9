/* docx.c - Word 2007+ documents: the ZIP package, the parsing of its XML
 * parts, and the entry point.
 *
 * The parts are unpacked whole, after their declared size is checked
 * against a cap (ZIP bombs), and parsed into libxml2 trees without entity
 * substitution, DTD loading or network access.  A body that is not
 * well-formed XML is an error rather than text recovered by guesswork: half
 * a report indexed silently is worse than a file reported as damaged.
 * docx_body.c turns the body's tree into text; docx_numbering.c supplies
 * the list numbers that Word does not store in the text; docx_xml.c holds
 * the element and attribute helpers both read the trees with.
 */
#include "gk_docx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>
#include <zip.h>

#include "docx_body.h"
#include "docx_numbering.h"
#include "docx_xml.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* Bytes a part may unpack to.  The tree takes about 15 times the XML's
 * size, so this bounds memory too (~500 MB). */
#define GK_DOCX_PART_MAX ((size_t)32 << 20)
#define GK_DOCX_PART_FLOOR ((size_t)4 << 20)  /* allowed whatever the ratio */
#define GK_DOCX_RATIO 100                     /* unpacked / archive size */
/* Most nodes the tree of one part may have (see markup_count).  A node
 * takes about 130 bytes whatever its text, so a part of 30 MB of empty
 * paragraphs (<w:p/>) would take 700 MB: past this count it is refused,
 * which bounds a tree at about 130 MB.  A long real report (2 MB of XML)
 * has a seventh of it. */
#define GK_DOCX_MARKUP_MAX ((size_t)1000000)
#define GK_XML_MESSAGE_MAX 200

#define PART_DOCUMENT "word/document.xml"
#define PART_NUMBERING "word/numbering.xml"
#define PART_STYLES "word/styles.xml"

/* The first bytes of a ZIP archive: a local file header, or the end of the
 * central directory of an empty archive; and those of an OLE compound file
 * (a .doc, or an encrypted .docx). */
#define ZIP_LOCAL_HEADER "PK\3\4"
#define ZIP_END_OF_DIRECTORY "PK\5\6"
#define OLE_SIGNATURE "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

/* ---- libxml2's messages ---------------------------------------------------- */

/* libxml2 2.12 made the error argument const. */
#if LIBXML_VERSION >= 21200
#define GK_XML_ERROR const xmlError
#else
#define GK_XML_ERROR xmlError
#endif

/* The first error libxml2 reported while parsing one part. */
typedef struct xml_errors {
    int have;
    int nomem;
    int line;
    char message[GK_XML_MESSAGE_MAX];
} xml_errors;

static void catch_structured(void *ctx, GK_XML_ERROR *e)
{
    xml_errors *errs = ctx;
    if (errs == NULL || e == NULL || errs->have || e->level < XML_ERR_ERROR)
        return;
    errs->have = 1;
    errs->nomem = e->code == XML_ERR_NO_MEMORY;
    errs->line = e->line;
    const char *m = e->message != NULL ? e->message : "unknown XML error";
    size_t n = strlen(m);
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    if (n >= sizeof errs->message)
        n = sizeof errs->message - 1;
    /* libxml2 may add lines ("Bytes: 0xFF 0x20 ..."): the message is one */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = (unsigned char)m[i] < 0x20 ? ' ' : m[i];
        if (c != ' ' || (k > 0 && errs->message[k - 1] != ' '))
            errs->message[k++] = c;
    }
    errs->message[k] = '\0';
}

static void catch_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* The handlers libxml2 had before we installed ours.  Both are per thread
 * in a threaded libxml2, so a parse in one thread does not silence or
 * capture another's. */
typedef struct xml_handlers {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} xml_handlers;

static void catch_messages(xml_handlers *saved, xml_errors *errs)
{
    saved->generic = xmlGenericError;
    saved->generic_ctx = xmlGenericErrorContext;
    saved->structured = xmlStructuredError;
    saved->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(errs, catch_generic);
    xmlSetStructuredErrorFunc(errs, catch_structured);
}

static void restore_messages(const xml_handlers *saved)
{
    xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
    xmlSetStructuredErrorFunc(saved->structured_ctx, saved->structured);
}

/* Parse a part into a tree.  Fails with GK_ECORRUPT (not well-formed) or
 * GK_ENOMEM. */
static gk_status parse_part(xmlDoc **out, const char *name, const char *data,
                            size_t len, char **errmsg)
{
    *out = NULL;
    xml_errors errs;
    memset(&errs, 0, sizeof errs);
    xml_handlers saved;
    catch_messages(&saved, &errs);
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    xmlDoc *doc = NULL;
    if (ctxt != NULL) {
        /* No XML_PARSE_NOENT (entities stay unexpanded references), no
         * DTDLOAD, no HUGE (libxml2's depth and text-size limits hold). */
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_COMPACT);
        xmlFreeParserCtxt(ctxt);
    }
    restore_messages(&saved);
    if (ctxt == NULL || errs.nomem) {
        xmlFreeDoc(doc);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        xmlFreeDoc(doc);
        if (errs.have)
            return gk_fail(errmsg, GK_ECORRUPT, "damaged Word document: %s line %d: %s",
                           name, errs.line, errs.message);
        return gk_fail(errmsg, GK_ECORRUPT,
                       "damaged Word document: %s is not well-formed XML", name);
    }
    *out = doc;
    return GK_OK;
}

/* The libxml2 loaded at run time must be the one built against, or newer
 * within the same major version.  xmlCheckVersion would say so on stderr;
 * this says it through a status. */
static int libxml_compatible(void)
{
    int runtime = atoi(xmlParserVersion);
    return runtime / 10000 == LIBXML_VERSION / 10000 && runtime >= LIBXML_VERSION;
}

/* ---- the ZIP package ------------------------------------------------------- */

int gk_docx_sniff(const char *bytes, size_t len)
{
    return bytes != NULL && GK_STARTS_WITH(bytes, len, ZIP_LOCAL_HEADER);
}

/* Most a part may unpack to, for an archive of len bytes. */
static size_t part_limit(size_t len)
{
    size_t limit = len > GK_DOCX_PART_MAX / GK_DOCX_RATIO ? GK_DOCX_PART_MAX
                                                          : len * GK_DOCX_RATIO;
    return limit < GK_DOCX_PART_FLOOR ? GK_DOCX_PART_FLOOR : limit;
}

/* A libzip failure to read `what` as a status and message. */
static gk_status zip_failure(char **errmsg, zip_error_t *ze, const char *what)
{
    switch (zip_error_code_zip(ze)) {
    case ZIP_ER_MEMORY:
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    case ZIP_ER_NOPASSWD: case ZIP_ER_WRONGPASSWD: case ZIP_ER_ENCRNOTSUPP:
        return gk_fail(errmsg, GK_EUNSUPPORTED, "encrypted Word document is not supported (%s)",
                       what);
    case ZIP_ER_COMPNOTSUPP:
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "Word document compressed with an unsupported method (%s)", what);
    default:
        return gk_fail(errmsg, GK_ECORRUPT, "damaged Word document (%s: %s)", what,
                       zip_error_strerror(ze));
    }
}

static gk_status open_archive(zip_t **out, const char *bytes, size_t len,
                              char **errmsg)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    if (src == NULL) {
        zip_error_fini(&ze);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    /* No ZIP_CHECKCONS: Word opens archives whose local headers disagree
     * with the directory in harmless ways; what is read is still checked
     * (inflate errors, CRC). */
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (za == NULL) {
        zip_source_free(src);
        gk_status st = zip_error_code_zip(&ze) == ZIP_ER_MEMORY
                           ? gk_fail(errmsg, GK_ENOMEM, "out of memory")
                           : gk_fail(errmsg, GK_ECORRUPT,
                                     "damaged Word document (truncated, or not a valid "
                                     "ZIP archive: %s)",
                                     zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return st;
    }
    zip_error_fini(&ze);
    *out = za;
    return GK_OK;
}

/* At least as many as the nodes XML text parses into: each tag ('<') is
 * an element and may be followed by a text node, each attribute ('=') is
 * one. */
static size_t markup_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += s[i] == '<' ? 2 : s[i] == '=';
    return count;
}

/* Unpack the part `name` (at most `limit` bytes) into *data (malloc'd,
 * NUL-terminated).  GK_ENOTFOUND, without a message, when there is no such
 * part. */
static gk_status read_part(zip_t *za, const char *name, size_t limit,
                           char **data, size_t *len, char **errmsg)
{
    *data = NULL;
    *len = 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(za, name, 0, &st) != 0) {
        if (zip_error_code_zip(zip_get_error(za)) == ZIP_ER_NOENT) {
            zip_error_clear(za);
            return GK_ENOTFOUND;
        }
        return zip_failure(errmsg, zip_get_error(za), name);
    }
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_INDEX))
        return gk_fail(errmsg, GK_ECORRUPT, "damaged Word document (%s: size unknown)", name);
    if (st.size > limit)
        return gk_fail(errmsg, GK_ETOOBIG,
                       "Word document too large: %s would unpack to %llu bytes, more "
                       "than the limit of %zu for this file (a ZIP bomb?)",
                       name, (unsigned long long)st.size, limit);
    size_t size = (size_t)st.size;
    zip_file_t *zf = zip_fopen_index(za, st.index, 0);
    if (zf == NULL)
        return zip_failure(errmsg, zip_get_error(za), name);
    char *buf = malloc(size + 2);
    if (buf == NULL) {
        zip_fclose(zf);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    /* Ask for one byte more than declared: a part that holds more is lying
     * about its size.  Reading to the end also makes libzip check the CRC. */
    size_t got = 0;
    gk_status status = GK_OK;
    while (got <= size) {
        zip_int64_t n = zip_fread(zf, buf + got, size + 1 - got);
        if (n < 0) {
            status = zip_failure(errmsg, zip_file_get_error(zf), name);
            break;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    zip_fclose(zf);
    if (status == GK_OK && got != size)
        status = gk_fail(errmsg, GK_ECORRUPT,
                         "damaged Word document (%s: %s than its directory entry says)",
                         name, got > size ? "longer" : "shorter");
    if (status != GK_OK) {
        free(buf);
        return status;
    }
    buf[size] = '\0';
    size_t markup = markup_count(buf, size);
    if (markup > GK_DOCX_MARKUP_MAX) {
        free(buf);
        return gk_fail(errmsg, GK_ETOOBIG,
                       "Word document too large: %s has more than %zu XML "
                       "nodes (about %zu)",
                       name, GK_DOCX_MARKUP_MAX, markup);
    }
    *data = buf;
    *len = size;
    return GK_OK;
}

/* ---- the document ---------------------------------------------------------- */

/* The parts of the package, unpacked. */
typedef struct parts {
    char *document, *numbering, *styles;
    size_t document_len, numbering_len, styles_len;
} parts;

static void parts_free(parts *p)
{
    free(p->document);
    free(p->numbering);
    free(p->styles);
}

/* Unpack document.xml, and numbering.xml and styles.xml where they can be
 * read: without them the text only lacks list numbers.  ZIP bombs and lack
 * of memory are failures in any part. */
static gk_status read_parts(parts *p, const char *bytes, size_t len, char **errmsg)
{
    zip_t *za = NULL;
    gk_status st = open_archive(&za, bytes, len, errmsg);
    if (st != GK_OK)
        return st;
    size_t limit = part_limit(len);
    st = read_part(za, PART_DOCUMENT, limit, &p->document, &p->document_len, errmsg);
    if (st == GK_ENOTFOUND)
        st = gk_fail(errmsg, GK_EUNSUPPORTED,
                     "ZIP archive is not a Word document (it has no %s)", PART_DOCUMENT);
    for (int k = 0; k < 2 && st == GK_OK; k++) {
        char *msg = NULL;
        gk_status part_st = k == 0 ? read_part(za, PART_NUMBERING, limit, &p->numbering,
                                               &p->numbering_len, &msg)
                                   : read_part(za, PART_STYLES, limit, &p->styles,
                                               &p->styles_len, &msg);
        if (part_st == GK_ETOOBIG || part_st == GK_ENOMEM) {
            st = gk_fail(errmsg, part_st, "%s", msg != NULL ? msg : "out of memory");
        }
        free(msg);
    }
    zip_discard(za);
    return st;
}

/* Parse an optional part; NULL when it is missing or not well-formed.
 * Fails only with GK_ENOMEM. */
static gk_status parse_optional(xmlDoc **out, const char *name, char *data,
                                size_t len, char **errmsg)
{
    *out = NULL;
    if (data == NULL)
        return GK_OK;
    char *msg = NULL;
    gk_status st = parse_part(out, name, data, len, &msg);
    if (st == GK_ENOMEM) {
        free(msg);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    free(msg);
    return GK_OK;
}

/* The text of the parsed parts. */
static gk_status render(gk_buf *text, parts *p, char **errmsg)
{
    xmlDoc *document = NULL, *numbering = NULL, *styles = NULL;
    gk_docx_numbering *numbers = NULL;
    gk_status st = parse_part(&document, PART_DOCUMENT, p->document, p->document_len, errmsg);
    if (st == GK_OK) {
        free(p->document); /* the tree is several times larger: free early */
        p->document = NULL;
        if (!gk_docx_is_w(xmlDocGetRootElement(document), "document"))
            st = gk_fail(errmsg, GK_EUNSUPPORTED,
                         "ZIP archive is not a Word document (%s holds no w:document)",
                         PART_DOCUMENT);
    }
    if (st == GK_OK)
        st = parse_optional(&numbering, PART_NUMBERING, p->numbering, p->numbering_len,
                            errmsg);
    if (st == GK_OK)
        st = parse_optional(&styles, PART_STYLES, p->styles, p->styles_len, errmsg);
    if (st == GK_OK && (numbering != NULL || styles != NULL)) {
        st = gk_docx_numbering_new(&numbers, numbering, styles);
        if (st != GK_OK)
            st = gk_fail(errmsg, st, "out of memory");
    }
    xmlFreeDoc(numbering);
    xmlFreeDoc(styles);
    if (st == GK_OK && gk_docx_body_text(text, document, numbers) != GK_OK)
        st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_docx_numbering_free(numbers);
    xmlFreeDoc(document);
    return st;
}

gk_status gk_docx_to_text(char **out, size_t *out_len, const char *bytes,
                          size_t len, char **errmsg)
{
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (bytes == NULL)
        len = 0;
    if (!gk_docx_sniff(bytes, len) && !GK_STARTS_WITH(bytes, len, ZIP_END_OF_DIRECTORY)) {
        if (GK_STARTS_WITH(bytes, len, OLE_SIGNATURE))
            return gk_fail(errmsg, GK_EUNSUPPORTED,
                           "not a Word 2007+ document (an OLE file: a .doc, or an "
                           "encrypted .docx)");
        return gk_fail(errmsg, GK_EUNSUPPORTED, "not a Word document (not a ZIP archive)");
    }
    if (!libxml_compatible())
        return gk_fail(errmsg, GK_EINTERNAL,
                       "libxml2 %s found, but gongkai was built with %s",
                       xmlParserVersion, LIBXML_DOTTED_VERSION);
    xmlInitParser();

    parts p;
    memset(&p, 0, sizeof p);
    gk_buf text = {0};
    gk_status st = read_parts(&p, bytes, len, errmsg);
    if (st == GK_OK)
        st = render(&text, &p, errmsg);
    parts_free(&p);
    if (st != GK_OK) {
        gk_buf_free(&text);
        return st;
    }
    /* No trailing blank lines; a final newline after the last line. */
    while (text.len > 0 && text.data[text.len - 1] == '\n')
        text.len--;
    if (text.data != NULL)
        text.data[text.len] = '\0';
    if ((text.len > 0 && gk_buf_addc(&text, '\n') != GK_OK) ||
        (*out = gk_buf_take(&text, out_len)) == NULL) {
        gk_buf_free(&text);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    return GK_OK;
}
