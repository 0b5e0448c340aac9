/* pdf.c - the text of a PDF document, through poppler-glib.
 *
 * For each page poppler gives its text in its own reading order
 * (poppler_page_get_text), one box per character of that text
 * (poppler_page_get_text_layout: same offsets, the spaces and newlines it
 * puts between words and lines included) and the font size of offset ranges
 * (poppler_page_get_text_attributes).  The characters with their boxes go to
 * pdf_layout.c, which sets them as lines.  Should the boxes not match the
 * text one to one, or the page hold more than GK_PDF_LAYOUT_MAX_CHARS
 * characters, the page keeps poppler's own lines.  A page tree whose
 * /Count says fewer pages than the document writes out is read again from
 * a copy with the count put right (read_uncounted).
 */
#define _GNU_SOURCE /* memmem */
#include "gk_pdf.h"

#include <math.h>
#include <poppler.h>
#include <string.h>

#include "gk_utf8.h"
#include "gk_util.h"
#include "pdf_layout.h"
#include "pdf_log.h"

#define GK_PDF_SNIFF_WINDOW 1024
#define GK_PDF_LAYOUT_MAX_CHARS 100000 /* larger pages keep poppler's lines,
                                        * bounding the layout's memory */

int gk_pdf_sniff(const char *bytes, size_t len)
{
    if (bytes == NULL)
        return 0;
    size_t n = len < GK_PDF_SNIFF_WINDOW ? len : GK_PDF_SNIFF_WINDOW;
    for (size_t i = 0; i < n; i++)
        if (GK_STARTS_WITH(bytes + i, n - i, "%PDF-"))
            return 1;
    return 0;
}

/* ---- characters ---------------------------------------------------------- */

/* 1 for characters that carry no text of their own: white space (poppler
 * adds it between words and lines; the layout measures gaps itself),
 * controls and invisible format characters (soft hyphen, zero width). */
static int is_invisible(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || g_unichar_isspace(cp) ||
           g_unichar_type(cp) == G_UNICODE_FORMAT;
}

/* The code point of the character at text[*i] and its end in *i.  poppler
 * writes one UTF-8 sequence per character even for code points UTF-8 has
 * no place for, so a character is a lead byte and its continuation bytes;
 * anything that does not decode as one valid character is U+FFFD. */
static uint32_t next_char(const char *text, size_t len, size_t *i)
{
    size_t start = *i, end = start + 1;
    while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
        end++;
    size_t at = start;
    uint32_t cp = gk_utf8_next(text, end, &at);
    *i = end;
    return at == end ? cp : 0xFFFD;
}

static size_t count_chars(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

/* The font size poppler gives for character k; *attr walks the list. */
static double font_size_at(GList **attr, size_t k)
{
    while (*attr != NULL &&
           (size_t)((PopplerTextAttributes *)(*attr)->data)->end_index < k)
        *attr = (*attr)->next;
    if (*attr == NULL)
        return 0;
    const PopplerTextAttributes *a = (*attr)->data;
    return (size_t)a->start_index <= k ? a->font_size : 0;
}

/* The visible characters of a page with their boxes; *n of them. */
static gk_pdf_glyph *page_glyphs(const char *text, size_t len,
                                 const PopplerRectangle *rects, size_t nrects,
                                 GList *attrs, size_t *n)
{
    gk_pdf_glyph *g = malloc((nrects > 0 ? nrects : 1) * sizeof *g);
    if (g == NULL)
        return NULL;
    size_t ng = 0, run = 0, i = 0;
    for (size_t k = 0; k < nrects && i < len; k++) {
        uint32_t cp = next_char(text, len, &i);
        if (cp == '\n')
            run++;
        if (is_invisible(cp))
            continue;
        const PopplerRectangle *r = &rects[k];
        if (!isfinite(r->x1) || !isfinite(r->y1) || !isfinite(r->x2) ||
            !isfinite(r->y2))
            continue;
        gk_pdf_glyph *gl = &g[ng++];
        gl->cp = cp;
        gl->x1 = r->x1 < r->x2 ? r->x1 : r->x2;
        gl->x2 = r->x1 < r->x2 ? r->x2 : r->x1;
        gl->y1 = r->y1 < r->y2 ? r->y1 : r->y2;
        gl->y2 = r->y1 < r->y2 ? r->y2 : r->y1;
        double size = font_size_at(&attrs, k);
        gl->size = isfinite(size) && size > 0 ? size : 0;
        gl->run = run;
    }
    *n = ng;
    return g;
}

/* ---- pages --------------------------------------------------------------- */

/* poppler's own lines of a page, for when its boxes cannot be used: visible
 * characters only, white space runs as one space, blank lines and page
 * numbers on the first or last line dropped. */
static gk_status add_reader_lines(gk_buf *out, const char *text, size_t len)
{
    size_t nlines = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = out->len;
        int space = 0;
        while (i < len && text[i] != '\n') {
            uint32_t cp = next_char(text, len, &i);
            if (is_invisible(cp)) {
                space = out->len > start;
                continue;
            }
            char u[5] = {' '};
            size_t n = gk_utf8_put(u + space, cp) + (size_t)space;
            if (gk_buf_add(out, u, n) != GK_OK)
                return GK_ENOMEM;
            space = 0;
        }
        i++;
        if (out->len == start)
            continue;
        int first = nlines++ == 0, last = i >= len;
        if ((first || last) &&
            gk_pdf_is_page_number(out->data + start, out->len - start)) {
            out->len = start;
            out->data[start] = '\0';
            continue;
        }
        if (gk_buf_addc(out, '\n') != GK_OK)
            return GK_ENOMEM;
    }
    return GK_OK;
}

/* Append the text of one page to out. */
static gk_status add_page(gk_buf *out, PopplerPage *page, char **errmsg)
{
    char *text = poppler_page_get_text(page);
    size_t len = text != NULL ? strlen(text) : 0;
    if (len == 0) {
        g_free(text);
        return GK_OK;
    }
    if (out->len + len > GK_PDF_MAX_TEXT) {
        g_free(text);
        return gk_fail(errmsg, GK_ETOOBIG, "PDF has more than %u MiB of text",
                       GK_PDF_MAX_TEXT >> 20);
    }
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    if (!poppler_page_get_text_layout(page, &rects, &nrects))
        nrects = 0;
    gk_status st;
    if (nrects == 0 || nrects > GK_PDF_LAYOUT_MAX_CHARS ||
        nrects != count_chars(text, len)) {
        st = add_reader_lines(out, text, len);
    } else {
        GList *attrs = poppler_page_get_text_attributes(page);
        size_t n = 0;
        gk_pdf_glyph *glyphs = page_glyphs(text, len, rects, nrects, attrs, &n);
        poppler_page_free_text_attributes(attrs);
        double width = 0, height = 0;
        poppler_page_get_size(page, &width, &height);
        st = glyphs == NULL ? GK_ENOMEM
                            : gk_pdf_layout_page(out, glyphs, n, width, height);
        free(glyphs);
    }
    g_free(rects);
    g_free(text);
    return st == GK_ENOMEM ? gk_fail(errmsg, st, "out of memory") : st;
}

/* ---- documents ----------------------------------------------------------- */

static gk_status open_document(PopplerDocument **doc, const char *bytes,
                               size_t len, const gk_pdf_log *log, char **errmsg)
{
    /* Static: the document keeps a reference to the bytes, and is released
     * before gk_pdf_to_text returns. */
    GBytes *data = g_bytes_new_static(bytes, len);
    GError *err = NULL;
    *doc = poppler_document_new_from_bytes(data, NULL, &err);
    g_bytes_unref(data);
    if (*doc != NULL)
        return GK_OK;
    gk_status st;
    if (err != NULL && err->domain == POPPLER_ERROR &&
        err->code == POPPLER_ERROR_ENCRYPTED) {
        st = gk_fail(errmsg, GK_EUNSUPPORTED, "encrypted PDF (password required)");
    } else {
        char why[GK_PDF_LOG_KEEP];
        gk_pdf_log_line(why, err != NULL && err->message != NULL ? err->message
                                                                 : "unknown error");
        st = log->count > 0
                 ? gk_fail(errmsg, GK_ECORRUPT, "cannot read PDF: %s (%s)", why,
                           log->first)
                 : gk_fail(errmsg, GK_ECORRUPT, "cannot read PDF: %s", why);
    }
    if (err != NULL)
        g_error_free(err);
    return st;
}

static gk_status document_text(gk_buf *out, PopplerDocument *doc, char **errmsg)
{
    int npages = poppler_document_get_n_pages(doc);
    if (npages > GK_PDF_MAX_PAGES)
        return gk_fail(errmsg, GK_ETOOBIG, "PDF has %d pages (at most %d)",
                       npages, GK_PDF_MAX_PAGES);
    gk_status st = GK_OK;
    for (int i = 0; i < npages && st == GK_OK; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (page == NULL)
            continue; /* a damaged page tree: read the pages there are */
        st = add_page(out, page, errmsg);
        g_object_unref(page);
    }
    return st;
}

/* ---- a page count that lies ---------------------------------------------- */

/* The page objects written out in bytes ("/Type /Page", not /Pages): at
 * most the pages there are (those inside compressed object streams are
 * not seen). */
static size_t page_objects(const char *bytes, size_t len)
{
    size_t n = 0;
    for (const char *p = bytes, *end = bytes + len;
         (p = memmem(p, (size_t)(end - p), "/Type", 5)) != NULL;) {
        p += 5;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            p++;
        if (end - p >= 5 && memcmp(p, "/Page", 5) == 0 &&
            (end - p == 5 || !((p[5] >= 'a' && p[5] <= 'z') || (p[5] >= 'A' && p[5] <= 'Z'))))
            n++;
    }
    return n;
}

/* A copy of bytes whose every non-negative "/Count N" below `pages` says
 * `pages`: poppler believes the page tree's /Count and reads no page
 * beyond it, but walks the tree's kids to find each page.  The lengths
 * change, so poppler rebuilds the cross-reference table.  NULL when out of
 * memory. */
static char *recount(const char *bytes, size_t len, size_t pages, size_t *out_len)
{
    gk_buf b = {0};
    const char *p = bytes, *end = bytes + len, *hit;
    while ((hit = memmem(p, (size_t)(end - p), "/Count", 6)) != NULL) {
        const char *q = hit + 6;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
            q++;
        const char *digits = q;
        size_t value = 0;
        while (q < end && *q >= '0' && *q <= '9' && value < 1000000)
            value = value * 10 + (size_t)(*q++ - '0');
        if (q == digits || value >= pages) {
            if (gk_buf_add(&b, p, (size_t)(q - p)) != GK_OK)
                goto fail;
        } else if (gk_buf_add(&b, p, (size_t)(digits - p)) != GK_OK ||
                   gk_buf_printf(&b, "%zu", pages) != GK_OK) {
            goto fail;
        }
        p = q;
    }
    if (gk_buf_add(&b, p, (size_t)(end - p)) != GK_OK)
        goto fail;
    return gk_buf_take(&b, out_len);
fail:
    gk_buf_free(&b);
    return NULL;
}

/* When poppler counts fewer pages than the document writes out (a page
 * tree whose /Count lies), the text of every page there is, read from a
 * copy with the count put right, into *text (replacing it); else *text is
 * left as it is.  Fails only with GK_ENOMEM. */
static gk_status read_uncounted(gk_buf *text, PopplerDocument *doc, const char *bytes,
                                size_t len, const gk_pdf_log *log)
{
    size_t counted = (size_t)poppler_document_get_n_pages(doc);
    size_t written = page_objects(bytes, len);
    if (written <= counted)
        return GK_OK;
    if (written > GK_PDF_MAX_PAGES)
        written = GK_PDF_MAX_PAGES;
    size_t fixed_len = 0;
    char *fixed = recount(bytes, len, written, &fixed_len);
    if (fixed == NULL)
        return GK_ENOMEM;
    PopplerDocument *again = NULL;
    gk_buf more = {0};
    gk_status st = open_document(&again, fixed, fixed_len, log, NULL);
    if (st == GK_OK) {
        if ((size_t)poppler_document_get_n_pages(again) > counted)
            st = document_text(&more, again, NULL);
        g_object_unref(again);
    }
    if (st == GK_OK && more.len > text->len) {
        gk_buf_free(text);
        *text = more;
    } else {
        gk_buf_free(&more);
    }
    free(fixed);
    return st == GK_ENOMEM ? GK_ENOMEM : GK_OK;
}

gk_status gk_pdf_to_text(char **out, size_t *out_len, const char *bytes,
                         size_t len, char **errmsg)
{
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (!gk_pdf_sniff(bytes, len))
        return gk_fail(errmsg, GK_EUNSUPPORTED, "not a PDF file (no %%PDF- header)");

    gk_pdf_log log;
    gk_pdf_log_begin(&log);
    gk_buf text = {0};
    PopplerDocument *doc = NULL;
    gk_status st = open_document(&doc, bytes, len, &log, errmsg);
    if (st == GK_OK) {
        st = document_text(&text, doc, errmsg);
        if (st == GK_OK && read_uncounted(&text, doc, bytes, len, &log) != GK_OK)
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
        g_object_unref(doc);
    }
    gk_pdf_log_end(&log);

    if (st == GK_OK && log.bugs > 0)
        st = gk_fail(errmsg, GK_EINTERNAL, "poppler: %s", log.first_bug);
    if (st == GK_OK && text.len == 0)
        st = gk_fail(errmsg, GK_EUNSUPPORTED, "PDF has no text layer (scanned images?)");
    if (st != GK_OK) {
        gk_buf_free(&text);
        return st;
    }
    *out = gk_buf_take(&text, out_len);
    return *out != NULL ? GK_OK : gk_fail(errmsg, GK_ENOMEM, "out of memory");
}
