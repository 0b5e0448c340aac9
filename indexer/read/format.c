/* format.c - recognising a file's format and turning it into text. */
#include "gk_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gk_docx.h"
#include "gk_html.h"
#include "gk_pdf.h"
#include "gk_decode.h"
#include "gk_text.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* The first bytes of an OLE compound file: a .doc, or an encrypted .docx. */
#define OLE_SIGNATURE "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

static const char *const names[] = {"text", "html", "docx", "pdf",
                                    "doc",  "rtf",  "other"};

const char *gk_format_name(gk_format f)
{
    return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "other";
}

static const char *extension(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    return dot ? dot + 1 : "";
}

static int ext_in(const char *ext, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcasecmp(ext, *list) == 0)
            return 1;
    return 0;
}

static const char *const html_exts[] = {"html", "htm", "shtml", "xhtml", NULL};
static const char *const text_exts[] = {"txt", "md", "markdown", NULL};
static const char *const other_exts[] = {"docx", "pdf", "doc", "rtf", NULL};

int gk_format_known_name(const char *name)
{
    const char *ext = extension(name);
    return ext_in(ext, html_exts) || ext_in(ext, text_exts) ||
           ext_in(ext, other_exts);
}

gk_format gk_format_detect(const char *name, const char *bytes, size_t len)
{
    /* "%PDF-" may follow some junk; an HTML page quoting it may not */
    if (GK_STARTS_WITH(bytes, len, "%PDF-") ||
        (gk_pdf_sniff(bytes, len) && !gk_html_sniff(bytes, len)))
        return GK_FORMAT_PDF;
    if (GK_STARTS_WITH(bytes, len, "PK\3\4"))
        return GK_FORMAT_DOCX;
    if (GK_STARTS_WITH(bytes, len, OLE_SIGNATURE))
        return GK_FORMAT_DOC;
    if (GK_STARTS_WITH(bytes, len, "{\\rtf"))
        return GK_FORMAT_RTF;
    if (gk_html_sniff(bytes, len))
        return GK_FORMAT_HTML;
    const char *ext = extension(name);
    if (ext_in(ext, html_exts))
        return GK_FORMAT_HTML;
    if (ext_in(ext, text_exts))
        return GK_FORMAT_TEXT;
    return GK_FORMAT_OTHER;
}

/* Decode (HTML: and extract) bytes into UTF-8. */
static gk_status decode(gk_format f, const char *bytes, size_t len,
                        char **out, size_t *out_len, gk_text_info *info,
                        char **errmsg)
{
    char declared[64] = "";
    if (f == GK_FORMAT_HTML)
        gk_html_declared_charset(bytes, len, declared, sizeof declared);
    gk_decoded dec = {0};
    gk_status st = gk_text_decode(&dec, bytes, len,
                                  declared[0] ? declared : NULL, errmsg);
    if (st != GK_OK)
        return st;
    snprintf(info->encoding, sizeof info->encoding, "%s", dec.encoding);
    info->replaced = dec.replaced;
    if (f != GK_FORMAT_HTML) {
        *out = dec.text;
        *out_len = dec.len;
        return GK_OK;
    }
    st = gk_html_to_text(out, out_len, dec.text, dec.len, errmsg);
    gk_decoded_clear(&dec);
    return st;
}

static gk_status too_long(size_t len, char **errmsg)
{
    return gk_fail(errmsg, GK_ETOOBIG,
                   "too much text (%zu bytes; the limit is %u MiB of text a file)",
                   len, GK_FORMAT_MAX_TEXT >> 20);
}

gk_status gk_format_text(gk_format f, const char *bytes, size_t len,
                         char **out, size_t *out_len, gk_text_info *info,
                         char **errmsg)
{
    *out = NULL;
    memset(info, 0, sizeof *info);
    char *raw = NULL;
    size_t raw_len = 0;
    gk_status st;
    switch (f) {
    case GK_FORMAT_TEXT:
    case GK_FORMAT_HTML:
        /* refused before decoding: no encoding makes text shorter by half */
        if (len / 2 > GK_FORMAT_MAX_TEXT)
            return too_long(len, errmsg);
        st = decode(f, bytes, len, &raw, &raw_len, info, errmsg);
        break;
    case GK_FORMAT_DOCX:
        st = gk_docx_to_text(&raw, &raw_len, bytes, len, errmsg);
        break;
    case GK_FORMAT_PDF:
        st = gk_pdf_to_text_bounded(&raw, &raw_len, bytes, len, errmsg);
        break;
    case GK_FORMAT_DOC:
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "Word 97-2003 document (.doc) is not supported: save "
                       "it as .docx or PDF");
    case GK_FORMAT_RTF:
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "RTF document is not supported: save it as .docx or PDF");
    default:
        return gk_fail(errmsg, GK_EUNSUPPORTED, "unsupported file format");
    }
    if (st != GK_OK)
        return st;
    if (raw_len > GK_FORMAT_MAX_TEXT) {
        free(raw);
        return too_long(raw_len, errmsg);
    }
    st = gk_text_clean(out, out_len, raw, raw_len, errmsg);
    free(raw);
    return st;
}
