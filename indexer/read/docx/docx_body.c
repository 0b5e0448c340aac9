/* docx_body.c - the text of a Word document's body (word/document.xml),
 * written in the line conventions of html.c so that the report and table
 * parsers read Word and HTML reports alike: a paragraph is a line, a table
 * row is a line of tab-separated cells, white space collapses, empty
 * paragraphs vanish and only line breaks make blank lines.
 *
 * The tree is walked once.  Elements that are not text - properties,
 * deleted and moved-from runs, field instructions, ruby annotations - are
 * skipped whole; everything else is descended into, so text inside
 * hyperlinks, content controls, smart tags, fields and text boxes is found
 * wherever it sits.  Only w:t holds text: entity references left
 * unexpanded by the parser are not read.
 */
#include "docx_body.h"

#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "docx_numbering.h"
#include "docx_xml.h"
#include "gk_utf8.h"
#include "gk_util.h"

#define GK_MAX_SPAN 100              /* empty cells a w:gridSpan may add */
#define GK_LAYOUT_CELL_BYTES 1000    /* as in html.c */
#define GK_LAYOUT_CELL_PARAGRAPHS 20
#define GK_LAYOUT_CELL_ELEMENTS 10000  /* structure beyond any data cell's */
#define GK_MAX_DEPTH 1024            /* libxml2 already stops at 256 */

static const char mc_namespace[] =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

typedef struct body {
    gk_buf *out;
    size_t line_start;
    int line_has_text;
    char pending;      /* ' ' or '\t' owed before the next text, or 0 */
    int cell_depth;    /* > 0 inside a data table's cell: blocks are spaces */
    int oom;
    gk_docx_numbering *numbering;
} body;

/* ---- elements -------------------------------------------------------------- */

static int is_mc(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
           node->ns->href != NULL &&
           strcmp((const char *)node->ns->href, mc_namespace) == 0 &&
           strcmp((const char *)node->name, name) == 0;
}

/* WordprocessingML elements whose content is never text. */
static const char *const skipped_names[] = {
    "pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "tblPrEx",
    "del", "moveFrom", "delText", "delInstrText", "instrText", "fldData",
    "rt", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr", "sym",
    "softHyphen", "footnoteReference", "endnoteReference", "commentReference",
};

static int skipped(const xmlNode *e)
{
    for (size_t k = 0; k < sizeof skipped_names / sizeof skipped_names[0]; k++)
        if (gk_docx_is_w(e, skipped_names[k]))
            return 1;
    return 0;
}

/* The branch of mc:AlternateContent to read: Choice and Fallback hold the
 * same content in two forms (a text box as DrawingML and as VML). */
static const xmlNode *alternative(const xmlNode *ac)
{
    const xmlNode *fallback = NULL;
    for (const xmlNode *c = ac->children; c != NULL; c = c->next) {
        if (is_mc(c, "Choice"))
            return c;
        if (is_mc(c, "Fallback") && fallback == NULL)
            fallback = c;
    }
    return fallback;
}

typedef void (*visit_fn)(const xmlNode *e, void *ctx);

/* Call fn on each w:name child of parent, also those wrapped in content
 * controls (w:sdt/w:sdtContent) and custom XML (w:customXml). */
static void for_each(const xmlNode *parent, const char *name, visit_fn fn,
                     void *ctx, int depth)
{
    if (depth > GK_MAX_DEPTH)
        return;
    for (const xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (gk_docx_is_w(c, name)) {
            fn(c, ctx);
        } else if (gk_docx_is_w(c, "sdt")) {
            const xmlNode *content = gk_docx_child(c, "sdtContent");
            if (content != NULL)
                for_each(content, name, fn, ctx, depth + 1);
        } else if (gk_docx_is_w(c, "customXml")) {
            for_each(c, name, fn, ctx, depth + 1);
        }
    }
}

/* ---- lines ------------------------------------------------------------------ */

static void put(body *b, const char *s, size_t n)
{
    if (!b->oom && gk_buf_add(b->out, s, n) != GK_OK)
        b->oom = 1;
}

static void owe(body *b, char c)
{
    if (c == '\t' || b->pending == 0)
        b->pending = c;
}

/* Visible characters (no white space). */
static void emit_visible(body *b, const char *s, size_t n)
{
    if (b->pending != 0) {
        char c = b->pending;
        b->pending = 0;
        gk_buf *o = b->out;
        if (o->len > b->line_start && o->data[o->len - 1] != ' ' &&
            o->data[o->len - 1] != '\t')
            put(b, &c, 1);
    }
    put(b, s, n);
    b->line_has_text = 1;
}

/* White space that collapses, as in html.c: also the no-break and
 * ideographic spaces used for indentation. */
static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static void emit_text(body *b, const char *s, size_t n)
{
    size_t i = 0, run = 0; /* s[run..i) is visible and not yet emitted */
    while (i < n) {
        size_t start = i;
        uint32_t cp = gk_utf8_next(s, n, &i);
        if (!is_space_cp(cp))
            continue;
        if (run < start)
            emit_visible(b, s + run, start - run);
        owe(b, ' ');
        run = i;
    }
    if (run < n)
        emit_visible(b, s + run, n - run);
}

/* End the current line.  An empty line is dropped unless `hard` (a line
 * break), and then only one blank line is kept in a row. */
static void end_line(body *b, int hard)
{
    gk_buf *o = b->out;
    b->pending = 0;
    if (b->oom)
        return;
    while (o->len > b->line_start && o->data[o->len - 1] == ' ')
        o->len--;
    if (!b->line_has_text) {
        o->len = b->line_start;
        if (o->data != NULL)
            o->data[o->len] = '\0';
        if (!hard || o->len == 0 || (o->len >= 2 && o->data[o->len - 2] == '\n'))
            return;
    }
    put(b, "\n", 1);
    b->line_start = o->len;
    b->line_has_text = 0;
}

/* A paragraph begins or ends, or a line breaks: a new line, or a space
 * inside a table cell. */
static void block_boundary(body *b, int hard)
{
    if (b->cell_depth > 0)
        owe(b, ' ');
    else
        end_line(b, hard);
}

/* ---- layout tables ---------------------------------------------------------- */

typedef struct table_size {
    size_t cells;
    int layout; /* known to be a layout table: measuring can stop */
} table_size;

/* What a cell holds, counted only until it is too much for a data cell. */
typedef struct cell_size {
    size_t bytes, paragraphs, elements;
} cell_size;

static int cell_too_big(const cell_size *c)
{
    return c->bytes > GK_LAYOUT_CELL_BYTES || c->paragraphs > GK_LAYOUT_CELL_PARAGRAPHS ||
           c->elements > GK_LAYOUT_CELL_ELEMENTS;
}

static void measure(const xmlNode *e, cell_size *c, int depth)
{
    if (cell_too_big(c) || depth > GK_MAX_DEPTH || e->type != XML_ELEMENT_NODE || skipped(e))
        return;
    c->elements++;
    if (is_mc(e, "AlternateContent")) {
        e = alternative(e);
        if (e == NULL)
            return;
    } else if (gk_docx_is_w(e, "p")) {
        c->paragraphs++;
    } else if (gk_docx_is_w(e, "t")) {
        for (const xmlNode *t = e->children; t != NULL; t = t->next)
            if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) &&
                t->content != NULL)
                c->bytes += strlen((const char *)t->content);
        return;
    }
    for (const xmlNode *k = e->children; k != NULL; k = k->next)
        measure(k, c, depth + 1);
}

static void measure_cell(const xmlNode *tc, void *ctx)
{
    table_size *size = ctx;
    if (size->layout)
        return;
    cell_size c = {0, 0, 0};
    size->cells++;
    for (const xmlNode *k = tc->children; k != NULL; k = k->next)
        measure(k, &c, 0);
    if (cell_too_big(&c))
        size->layout = 1;
}

static void measure_row(const xmlNode *tr, void *ctx)
{
    table_size *size = ctx;
    if (!size->layout)
        for_each(tr, "tc", measure_cell, ctx, 0);
}

/* 1 for a table that lays out a page rather than holding data, as html.c
 * judges: one cell, or a cell of too much text or too many paragraphs.
 * A cell is measured only up to that much, so that tables nested in one
 * another cost no more than a bounded amount of measuring each. */
static int is_layout(const xmlNode *tbl)
{
    table_size size = {0, 0};
    for_each(tbl, "tr", measure_row, &size, 0);
    return size.layout || size.cells <= 1;
}

/* ---- rendering -------------------------------------------------------------- */

static void render(body *b, const xmlNode *e, int depth);

static void render_children(body *b, const xmlNode *e, int depth)
{
    for (const xmlNode *c = e->children; c != NULL && !b->oom; c = c->next)
        render(b, c, depth + 1);
}

static void paragraph(body *b, const xmlNode *p, int depth)
{
    block_boundary(b, 0);
    if (b->numbering != NULL) {
        char number[GK_DOCX_NUMBER_MAX];
        int space_after = 0;
        size_t n = gk_docx_numbering_next(b->numbering, gk_docx_child(p, "pPr"), number,
                                          &space_after);
        if (n > 0) {
            emit_text(b, number, n);
            if (space_after)
                owe(b, ' ');
        }
    }
    render_children(b, p, depth);
    block_boundary(b, 0);
}

static int deleted_row(const xmlNode *tr)
{
    return gk_docx_child(gk_docx_child(tr, "trPr"), "del") != NULL;
}

/* Where a table is being written, for the visitors of its rows and cells. */
typedef struct table_walk {
    body *b;
    int depth;
    size_t cells; /* cells begun in the row */
    size_t owed;  /* empty cells owed to a span before the next cell */
} table_walk;

/* A cell of a data table. */
static void data_cell(const xmlNode *tc, void *ctx)
{
    table_walk *w = ctx;
    body *b = w->b;
    const xmlNode *tcpr = gk_docx_child(tc, "tcPr");
    long span = gk_docx_child_val(tcpr, "gridSpan", 1);
    span = span < 1 ? 1 : span > GK_MAX_SPAN ? GK_MAX_SPAN : span;
    const xmlNode *vmerge = gk_docx_child(tcpr, "vMerge");
    const char *merge = gk_docx_attr(vmerge, "val");
    int continued = vmerge != NULL && (merge == NULL || strcmp(merge, "restart") != 0);

    size_t tabs = (w->cells > 0 ? 1 : 0) + w->owed;
    char tab[GK_MAX_SPAN + 2];
    memset(tab, '\t', tabs);
    b->pending = 0;
    put(b, tab, tabs);
    w->cells++;
    w->owed = (size_t)span - 1;
    if (!continued) {
        b->cell_depth++;
        render_children(b, tc, w->depth + 1);
        b->cell_depth--;
    }
    b->pending = 0;
}

static void data_row(const xmlNode *tr, void *ctx)
{
    table_walk *w = ctx;
    if (deleted_row(tr))
        return;
    long before = gk_docx_child_val(gk_docx_child(tr, "trPr"), "gridBefore", 0);
    end_line(w->b, 0);
    w->cells = 0;
    w->owed = before < 0 ? 0 : before > GK_MAX_SPAN ? GK_MAX_SPAN : (size_t)before;
    for_each(tr, "tc", data_cell, w, 0);
    end_line(w->b, 0);
}

/* A cell whose content is read as it is: as blocks of a layout table, or
 * as words of a cell of the table it is nested in. */
static void plain_cell(const xmlNode *tc, void *ctx)
{
    table_walk *w = ctx;
    block_boundary(w->b, 0);
    render_children(w->b, tc, w->depth + 1);
    block_boundary(w->b, 0);
}

static void plain_row(const xmlNode *tr, void *ctx)
{
    table_walk *w = ctx;
    if (!deleted_row(tr))
        for_each(tr, "tc", plain_cell, w, 0);
}

static void table(body *b, const xmlNode *tbl, int depth)
{
    table_walk w = {b, depth, 0, 0};
    if (b->cell_depth > 0 || is_layout(tbl)) {
        for_each(tbl, "tr", plain_row, &w, 0);
        return;
    }
    end_line(b, 0);
    for_each(tbl, "tr", data_row, &w, 0);
    end_line(b, 0);
}

static void text(body *b, const xmlNode *t)
{
    for (const xmlNode *c = t->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content != NULL)
            emit_text(b, (const char *)c->content, strlen((const char *)c->content));
}

static void line_break(body *b, const xmlNode *br)
{
    const char *type = gk_docx_attr(br, "type");
    /* A page or column break only ends the line: it is no blank line. */
    int hard = type == NULL || !(strcmp(type, "page") == 0 || strcmp(type, "column") == 0);
    block_boundary(b, hard);
}

static void render(body *b, const xmlNode *e, int depth)
{
    if (e->type != XML_ELEMENT_NODE || depth > GK_MAX_DEPTH || skipped(e))
        return;
    if (is_mc(e, "AlternateContent")) {
        const xmlNode *branch = alternative(e);
        if (branch != NULL)
            render_children(b, branch, depth);
        return;
    }
    if (gk_docx_is_w(e, "p")) {
        paragraph(b, e, depth);
    } else if (gk_docx_is_w(e, "tbl")) {
        table(b, e, depth);
    } else if (gk_docx_is_w(e, "t")) {
        text(b, e);
    } else if (gk_docx_is_w(e, "r")) {
        if (!gk_docx_onoff(gk_docx_child(gk_docx_child(e, "rPr"), "vanish")))
            render_children(b, e, depth);
    } else if (gk_docx_is_w(e, "tab") || gk_docx_is_w(e, "ptab")) {
        owe(b, b->cell_depth > 0 ? ' ' : '\t');
    } else if (gk_docx_is_w(e, "br")) {
        line_break(b, e);
    } else if (gk_docx_is_w(e, "cr")) {
        block_boundary(b, 1);
    } else if (gk_docx_is_w(e, "noBreakHyphen")) {
        emit_visible(b, "-", 1);
    } else {
        render_children(b, e, depth);
    }
}

gk_status gk_docx_body_text(gk_buf *out, const xmlDoc *document,
                            gk_docx_numbering *numbering)
{
    body b;
    memset(&b, 0, sizeof b);
    b.out = out;
    b.line_start = out->len;
    b.numbering = numbering;
    const xmlNode *root = document != NULL ? xmlDocGetRootElement(document) : NULL;
    const xmlNode *content = gk_docx_child(root, "body");
    if (content != NULL)
        render_children(&b, content, 0);
    end_line(&b, 0);
    return b.oom ? GK_ENOMEM : GK_OK;
}
