/* gk_fixtures.c - Word documents, PDFs and encoded text built by the
 * tests. */
#define _POSIX_C_SOURCE 200809L
#include "gk_fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <zip.h>

#include "gk_test.h"
#include "gk_utf8.h"

#define CHECK(call) assert_int_equal((call), GK_OK)

/* ---- text lines ---------------------------------------------------------------- */

/* A line of text as the code points to write: control characters and
 * characters no XML or PDF string can hold left out (tabs kept). */
typedef struct cp_line {
    uint32_t *cp;
    size_t n;
} cp_line;

static int writable(uint32_t cp)
{
    return cp == '\t' || (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) &&
                          cp != 0xFFFE && cp != 0xFFFF);
}

/* The lines of text[0..len): "\n" or "\r\n" end a line; *nlines of them. */
static cp_line *split_lines(const char *text, size_t len, size_t *nlines)
{
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += text[i] == '\n';
    cp_line *lines = calloc(cap, sizeof *lines);
    assert_non_null(lines);
    size_t n = 0, i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl != NULL ? (size_t)(nl - text) : len;
        cp_line *l = &lines[n++];
        l->cp = malloc((end - i + 1) * sizeof *l->cp);
        assert_non_null(l->cp);
        size_t stop = end > i && text[end - 1] == '\r' ? end - 1 : end;
        for (size_t k = i; k < stop;) {
            uint32_t cp = gk_utf8_next(text, stop, &k);
            if (writable(cp))
                l->cp[l->n++] = cp;
        }
        i = end + 1;
    }
    *nlines = n;
    return lines;
}

static void free_lines(cp_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i].cp);
    free(lines);
}

static int has_tab(const cp_line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->cp[i] == '\t')
            return 1;
    return 0;
}

/* The end of the run of table rows (lines with a tab) starting at lines[i],
 * and in *ncols the largest number of cells in a row of it. */
static size_t table_end(const cp_line *lines, size_t n, size_t i, size_t *ncols)
{
    *ncols = 1;
    for (; i < n && has_tab(&lines[i]); i++) {
        size_t cells = 1;
        for (size_t k = 0; k < lines[i].n; k++)
            cells += lines[i].cp[k] == '\t';
        if (cells > *ncols)
            *ncols = cells;
    }
    return i;
}

/* ---- DOCX ----------------------------------------------------------------------- */

const char gk_test_docx_content_types[] =
    GK_TEST_XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

char *gk_test_zip_of(const gk_test_part *parts, size_t nparts, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    for (size_t k = 0; k < nparts; k++) {
        zip_source_t *s = zip_source_buffer(za, parts[k].data, parts[k].len, 0);
        assert_non_null(s);
        assert_true(zip_file_add(za, parts[k].name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
    zip_int64_t size = zip_source_tell(src);
    assert_true(size > 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
    char *bytes = malloc((size_t)size);
    assert_non_null(bytes);
    assert_int_equal(zip_source_read(src, bytes, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)size;
    return bytes;
}

char *gk_test_docx_of(const char *document, const char *numbering, const char *styles,
                      size_t *len)
{
    gk_test_part parts[4] = {
        {"[Content_Types].xml", gk_test_docx_content_types,
         sizeof gk_test_docx_content_types - 1},
        {"word/document.xml", document, strlen(document)}};
    size_t n = 2;
    if (numbering != NULL)
        parts[n++] = (gk_test_part){"word/numbering.xml", numbering, strlen(numbering)};
    if (styles != NULL)
        parts[n++] = (gk_test_part){"word/styles.xml", styles, strlen(styles)};
    return gk_test_zip_of(parts, n, len);
}

/* Append cps[0..n) as XML character data. */
static void add_xml_text(gk_buf *b, const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (cps[i]) {
        case '&': CHECK(gk_buf_adds(b, "&amp;")); break;
        case '<': CHECK(gk_buf_adds(b, "&lt;")); break;
        case '>': CHECK(gk_buf_adds(b, "&gt;")); break;
        default: {
            char u[4];
            CHECK(gk_buf_add(b, u, gk_utf8_put(u, cps[i])));
        }
        }
    }
}

/* A paragraph holding cps[0..n) in one run (an empty paragraph if n = 0). */
static void add_paragraph(gk_buf *b, const uint32_t *cps, size_t n)
{
    if (n == 0) {
        CHECK(gk_buf_adds(b, "<w:p/>"));
        return;
    }
    CHECK(gk_buf_adds(b, "<w:p><w:r><w:t xml:space=\"preserve\">"));
    add_xml_text(b, cps, n);
    CHECK(gk_buf_adds(b, "</w:t></w:r></w:p>"));
}

static void add_table_row(gk_buf *b, const cp_line *l)
{
    CHECK(gk_buf_adds(b, "<w:tr>"));
    size_t start = 0;
    for (size_t k = 0; k <= l->n; k++) {
        if (k < l->n && l->cp[k] != '\t')
            continue;
        CHECK(gk_buf_adds(b, "<w:tc>"));
        add_paragraph(b, l->cp + start, k - start);
        CHECK(gk_buf_adds(b, "</w:tc>"));
        start = k + 1;
    }
    CHECK(gk_buf_adds(b, "</w:tr>"));
}

char *gk_test_docx_from_text(const char *text, size_t len, size_t *out_len)
{
    size_t nlines;
    cp_line *lines = split_lines(text, len, &nlines);
    gk_buf doc = {0};
    CHECK(gk_buf_adds(&doc, GK_TEST_XML_DECL "<w:document " GK_TEST_DOCX_NAMESPACES
                            "><w:body>"));
    for (size_t i = 0; i < nlines;) {
        if (!has_tab(&lines[i])) {
            add_paragraph(&doc, lines[i].cp, lines[i].n);
            i++;
            continue;
        }
        size_t ncols;
        size_t end = table_end(lines, nlines, i, &ncols);
        CHECK(gk_buf_adds(&doc, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>"
                                "</w:tblPr><w:tblGrid>"));
        for (size_t c = 0; c < ncols; c++)
            CHECK(gk_buf_printf(&doc, "<w:gridCol w:w=\"%zu\"/>", 9000 / ncols));
        CHECK(gk_buf_adds(&doc, "</w:tblGrid>"));
        for (; i < end; i++)
            add_table_row(&doc, &lines[i]);
        CHECK(gk_buf_adds(&doc, "</w:tbl>"));
    }
    CHECK(gk_buf_adds(&doc, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>"
                            "</w:body></w:document>"));
    free_lines(lines, nlines);
    char *bytes = gk_test_docx_of(doc.data, NULL, NULL, out_len);
    gk_buf_free(&doc);
    return bytes;
}

/* ---- PDF: writing ----------------------------------------------------------------- */

void gk_test_pdf_page(gk_test_pdf *d, int rotate)
{
    d->pages = realloc(d->pages, (d->npages + 1) * sizeof *d->pages);
    d->rotate = realloc(d->rotate, (d->npages + 1) * sizeof *d->rotate);
    assert_non_null(d->pages);
    assert_non_null(d->rotate);
    memset(&d->pages[d->npages], 0, sizeof *d->pages);
    d->rotate[d->npages++] = rotate;
}

static gk_buf *current_page(gk_test_pdf *d)
{
    assert_true(d->npages > 0);
    return &d->pages[d->npages - 1];
}

/* Show cps[0..n) with the text matrix given as six numbers. */
static void show_cps(gk_test_pdf *d, const char *matrix, double size, const uint32_t *cps,
                     size_t n)
{
    gk_buf *b = current_page(d);
    CHECK(gk_buf_printf(b, "BT /F1 %g Tf %s Tm <", size, matrix));
    for (size_t i = 0; i < n; i++) {
        assert_true(cps[i] <= 0xFFFF); /* one two-byte CID per character */
        d->used[cps[i] >> 3] |= (unsigned char)(1u << (cps[i] & 7));
        CHECK(gk_buf_printf(b, "%04X", (unsigned)cps[i]));
    }
    CHECK(gk_buf_adds(b, "> Tj ET\n"));
}

void gk_test_pdf_show(gk_test_pdf *d, const char *matrix, double size, const char *utf8)
{
    size_t len = strlen(utf8), n = 0;
    uint32_t *cps = malloc((len + 1) * sizeof *cps);
    assert_non_null(cps);
    for (size_t i = 0; i < len;)
        cps[n++] = gk_utf8_next(utf8, len, &i);
    show_cps(d, matrix, size, cps, n);
    free(cps);
}

void gk_test_pdf_text(gk_test_pdf *d, double x, double y, double size, const char *utf8)
{
    char m[64];
    snprintf(m, sizeof m, "1 0 0 1 %g %g", x, y);
    gk_test_pdf_show(d, m, size, utf8);
}

void gk_test_pdf_text_up(gk_test_pdf *d, double x, double y, double size, const char *utf8)
{
    char m[64];
    snprintf(m, sizeof m, "0 1 -1 0 %g %g", x, y);
    gk_test_pdf_show(d, m, size, utf8);
}

void gk_test_pdf_ops(gk_test_pdf *d, const char *ops)
{
    CHECK(gk_buf_adds(current_page(d), ops));
}

double gk_test_pdf_advance(uint32_t cp)
{
    return cp == ' ' ? 0.25 : cp > ' ' && cp < 0x7F ? 0.5 : 1.0;
}

/* The ToUnicode CMap: every CID drawn maps to the same code point. */
static void add_cmap(gk_buf *s, const gk_test_pdf *d)
{
    CHECK(gk_buf_adds(s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"));
    uint32_t chunk[100];
    size_t n = 0;
    for (uint32_t cp = 0; cp <= 0x10000; cp++) {
        if (cp < 0x10000 && (d->used[cp >> 3] >> (cp & 7) & 1))
            chunk[n++] = cp;
        if (n == 100 || (cp == 0x10000 && n > 0)) {
            CHECK(gk_buf_printf(s, "%zu beginbfchar\n", n));
            for (size_t k = 0; k < n; k++)
                CHECK(gk_buf_printf(s, "<%04X> <%04X>\n", (unsigned)chunk[k],
                                    (unsigned)chunk[k]));
            CHECK(gk_buf_adds(s, "endbfchar\n"));
            n = 0;
        }
    }
    CHECK(gk_buf_adds(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"));
}

typedef struct pdf_out {
    gk_buf b;
    size_t *offsets; /* of object i + 1 */
    size_t nobjs;
} pdf_out;

/* Start object number nobjs + 1 and return its number. */
static size_t begin_obj(pdf_out *o)
{
    o->offsets = realloc(o->offsets, (o->nobjs + 1) * sizeof *o->offsets);
    assert_non_null(o->offsets);
    o->offsets[o->nobjs++] = o->b.len;
    CHECK(gk_buf_printf(&o->b, "%zu 0 obj\n", o->nobjs));
    return o->nobjs;
}

static void add_stream(pdf_out *o, const gk_buf *s)
{
    begin_obj(o);
    CHECK(gk_buf_printf(&o->b, "<< /Length %zu >>\nstream\n", s->len));
    CHECK(gk_buf_add(&o->b, s->data != NULL ? s->data : "", s->len));
    CHECK(gk_buf_adds(&o->b, "\nendstream\nendobj\n"));
}

char *gk_test_pdf_bytes(gk_test_pdf *d, size_t *len)
{
    /* Objects: 1 catalog, 2 page tree, 3 font, 4 CID font, 5 descriptor,
     * 6 CMap, then a page and its content stream for each page. */
    pdf_out o = {{0}, NULL, 0};
    CHECK(gk_buf_adds(&o.b, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"));
    begin_obj(&o);
    CHECK(gk_buf_adds(&o.b, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"));
    begin_obj(&o);
    CHECK(gk_buf_adds(&o.b, "<< /Type /Pages /Kids ["));
    for (size_t i = 0; i < d->npages; i++)
        CHECK(gk_buf_printf(&o.b, " %zu 0 R", 7 + 2 * i));
    CHECK(gk_buf_printf(&o.b, " ] /Count %zu >>\nendobj\n", d->npages));
    begin_obj(&o);
    CHECK(gk_buf_adds(&o.b, "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun "
                            "/Encoding /Identity-H /DescendantFonts [4 0 R] "
                            "/ToUnicode 6 0 R >>\nendobj\n"));
    begin_obj(&o);
    CHECK(gk_buf_adds(&o.b, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                            "/Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 "
                            "/W [32 [250] 33 126 500] /CIDToGIDMap /Identity >>\nendobj\n"));
    begin_obj(&o);
    CHECK(gk_buf_adds(&o.b, "<< /Type /FontDescriptor /FontName /SimSun /Flags 6 "
                            "/FontBBox [0 -140 1000 860] /ItalicAngle 0 /Ascent 860 "
                            "/Descent -140 /CapHeight 700 /StemV 80 >>\nendobj\n"));
    gk_buf cmap = {0};
    add_cmap(&cmap, d);
    add_stream(&o, &cmap);
    gk_buf_free(&cmap);
    for (size_t i = 0; i < d->npages; i++) {
        size_t page = begin_obj(&o);
        CHECK(gk_buf_printf(&o.b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                                  "/Rotate %d /Resources << /Font << /F1 3 0 R >> >> "
                                  "/Contents %zu 0 R >>\nendobj\n",
                            GK_TEST_PDF_PAGE_W, GK_TEST_PDF_PAGE_H, d->rotate[i], page + 1));
        add_stream(&o, &d->pages[i]);
        gk_buf_free(&d->pages[i]);
    }
    size_t xref = o.b.len;
    CHECK(gk_buf_printf(&o.b, "xref\n0 %zu\n0000000000 65535 f \n", o.nobjs + 1));
    for (size_t i = 0; i < o.nobjs; i++)
        CHECK(gk_buf_printf(&o.b, "%010zu 00000 n \n", o.offsets[i]));
    CHECK(gk_buf_printf(&o.b, "trailer\n<< /Size %zu /Root 1 0 R", o.nobjs + 1));
    if (d->encrypted)
        /* Standard security handler, RC4 40-bit; /U matches no password, so
         * that a reader must ask for one. */
        CHECK(gk_buf_printf(&o.b, " /Encrypt << /Filter /Standard /V 1 /R 2 /P -4 "
                                  "/O <%s> /U <%s> >> /ID [<%s> <%s>]",
                            "1111111111111111111111111111111111111111111111111111111111111111",
                            "2222222222222222222222222222222222222222222222222222222222222222",
                            "00112233445566778899AABBCCDDEEFF",
                            "00112233445566778899AABBCCDDEEFF"));
    CHECK(gk_buf_printf(&o.b, " >>\nstartxref\n%zu\n%%%%EOF\n", xref));
    free(o.offsets);
    free(d->pages);
    free(d->rotate);
    memset(d, 0, sizeof *d);
    char *bytes = gk_buf_take(&o.b, len);
    assert_non_null(bytes);
    return bytes;
}

/* ---- PDF: setting text on pages ----------------------------------------------------- */

#define FONT_SIZE 10.5
#define LEADING 1.5         /* font sizes from baseline to baseline */
#define MARGIN_X 54.0       /* left and right, in points */
#define MARGIN_TOP 72.0
#define MARGIN_BOTTOM 72.0
#define TEXT_W (GK_TEST_PDF_PAGE_W - 2 * MARGIN_X)
#define CELL_GAP 2.5        /* font sizes at least between two cells */

typedef struct setter {
    gk_test_pdf *d;
    double y;           /* baseline of the last line set */
    double prev_size;   /* its font size; 0 at the top of a page */
    int page_no;
} setter;

static double width_of(const uint32_t *cps, size_t n, double size)
{
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w += gk_test_pdf_advance(cps[i]) * size;
    return w;
}

static void new_page(setter *s)
{
    gk_test_pdf_page(s->d, 0);
    s->page_no++;
    char foot[32];
    snprintf(foot, sizeof foot, "- %d -", s->page_no);
    double w = 0;
    for (const char *p = foot; *p; p++)
        w += gk_test_pdf_advance((unsigned char)*p) * FONT_SIZE;
    gk_test_pdf_text(s->d, (GK_TEST_PDF_PAGE_W - w) / 2, 40, FONT_SIZE, foot);
    s->y = GK_TEST_PDF_PAGE_H - MARGIN_TOP;
    s->prev_size = 0;
}

/* Move to the baseline of a new line of the given size, on a new page if
 * this one is full. */
static void next_line(setter *s, double size)
{
    double step = s->prev_size > 0 ? LEADING * (size > s->prev_size ? size : s->prev_size)
                                   : size;
    if (s->d->npages == 0 || s->y - step < MARGIN_BOTTOM) {
        new_page(s);
        step = size;
    }
    s->y -= step;
    s->prev_size = size;
}

static void set_run(setter *s, double x, double size, const uint32_t *cps, size_t n)
{
    char m[64];
    snprintf(m, sizeof m, "1 0 0 1 %.2f %.2f", x, s->y);
    show_cps(s->d, m, size, cps, n);
}

static int wide(uint32_t cp)
{
    return gk_test_pdf_advance(cp) >= 1.0;
}

/* A line may break before cps[i]: beside a wide (CJK) character, or after
 * a space. */
static int may_break(const uint32_t *cps, size_t i)
{
    return wide(cps[i]) || wide(cps[i - 1]) || cps[i - 1] == ' ';
}

/* A paragraph, wrapped to the width of the text. */
static void set_paragraph(setter *s, const uint32_t *cps, size_t n)
{
    size_t start = 0;
    while (start < n) {
        double w = 0;
        size_t i = start, brk = start;
        for (; i < n; i++) {
            double cw = gk_test_pdf_advance(cps[i]) * FONT_SIZE;
            if (i > start && may_break(cps, i))
                brk = i;
            if (i > start && w + cw > TEXT_W)
                break;
            w += cw;
        }
        size_t end = i == n || brk == start ? i : brk;
        next_line(s, FONT_SIZE);
        set_run(s, MARGIN_X, FONT_SIZE, cps + start, end - start);
        for (start = end; start < n && cps[start] == ' ';)
            start++;
    }
}

/* A table row: cells at the table's column positions, or later, never
 * closer than CELL_GAP; set smaller if too wide for the page. */
static void set_row(setter *s, const cp_line *l, size_t ncols)
{
    size_t *from = malloc((l->n + 1) * sizeof *from);
    size_t *to = malloc((l->n + 1) * sizeof *to);
    double *x = malloc((l->n + 1) * sizeof *x);
    assert_non_null(from);
    assert_non_null(to);
    assert_non_null(x);
    size_t ncells = 0, col = 0, start = 0;
    double end = MARGIN_X;
    for (size_t k = 0; k <= l->n; k++) {
        if (k < l->n && l->cp[k] != '\t')
            continue;
        if (k > start) {
            double at = MARGIN_X + (double)col * TEXT_W / (double)ncols;
            if (ncells > 0 && at < end + CELL_GAP * FONT_SIZE)
                at = end + CELL_GAP * FONT_SIZE;
            from[ncells] = start;
            to[ncells] = k;
            x[ncells++] = at;
            end = at + width_of(l->cp + start, k - start, FONT_SIZE);
        }
        col++;
        start = k + 1;
    }
    if (ncells > 0) {
        double scale = end - MARGIN_X > TEXT_W ? TEXT_W / (end - MARGIN_X) : 1.0;
        next_line(s, FONT_SIZE * scale);
        for (size_t c = 0; c < ncells; c++)
            set_run(s, MARGIN_X + (x[c] - MARGIN_X) * scale, FONT_SIZE * scale,
                    l->cp + from[c], to[c] - from[c]);
    }
    free(from);
    free(to);
    free(x);
}

char *gk_test_pdf_from_text(const char *text, size_t len, size_t *out_len)
{
    size_t nlines;
    cp_line *lines = split_lines(text, len, &nlines);
    for (size_t i = 0; i < nlines; i++) {
        size_t kept = 0;
        for (size_t k = 0; k < lines[i].n; k++)
            if (lines[i].cp[k] <= 0xFFFF)
                lines[i].cp[kept++] = lines[i].cp[k];
        lines[i].n = kept;
    }
    gk_test_pdf d;
    memset(&d, 0, sizeof d);
    setter s = {&d, 0, 0, 0};
    new_page(&s);
    for (size_t i = 0; i < nlines;) {
        if (has_tab(&lines[i])) {
            size_t ncols;
            size_t end = table_end(lines, nlines, i, &ncols);
            for (; i < end; i++)
                set_row(&s, &lines[i], ncols);
            continue;
        }
        size_t n = lines[i].n;
        while (n > 0 && lines[i].cp[n - 1] == ' ')
            n--;
        if (n == 0) {
            if (s.prev_size > 0)
                s.y -= LEADING * FONT_SIZE; /* a blank line */
        } else {
            set_paragraph(&s, lines[i].cp, n);
        }
        i++;
    }
    free_lines(lines, nlines);
    return gk_test_pdf_bytes(&d, out_len);
}

/* ---- plain text ---------------------------------------------------------- */

char *gk_test_encode(const char *text, size_t len, const char *charset, int bom,
                     size_t *out_len)
{
    gk_buf in = {0};
    if (bom)
        CHECK(gk_buf_adds(&in, "\xEF\xBB\xBF")); /* U+FEFF */
    CHECK(gk_buf_add(&in, text, len));
    size_t cap = in.len * 4 + 16;
    char *out = malloc(cap);
    assert_non_null(out);
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = ucnv_convert(charset, "UTF-8", out, (int32_t)cap, in.data, (int32_t)in.len,
                             &err);
    assert_true(U_SUCCESS(err));
    gk_buf_free(&in);
    *out_len = (size_t)n;
    return out;
}

char *gk_test_crlf(const char *text, size_t len, size_t *out_len)
{
    char *out = malloc(len * 2 + 1);
    assert_non_null(out);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            out[n++] = '\r';
        out[n++] = text[i];
    }
    *out_len = n;
    return out;
}
