/* html.c - the readable text of an HTML page.
 *
 * A tolerant tokenizer in the spirit of the HTML standard (comments, raw
 * text elements, quoted attributes, character references, EOF anywhere)
 * feeding a small stack of open elements that knows just enough of the tree
 * builder's rules (implied </p>, </li>, </td>, </tr>; scope) to keep
 * broken pages readable.  No DOM is built.
 *
 * Tables: report tables pasted from Word wrap every cell in <p>, while
 * pages are often laid out with tables whose cells hold the whole report.
 * The page is therefore read twice.  The first pass measures each table;
 * the second renders data tables as one line per row with tab-separated
 * cells (blocks inside a cell become spaces), and layout tables - those
 * holding another table, a single cell, a cell with more than
 * GK_LAYOUT_CELL_BYTES of text or GK_LAYOUT_CELL_BLOCKS block boundaries -
 * as plain blocks.
 */
#include "gk_html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_utf8.h"
#include "html_entities.h"

#define GK_MAX_DEPTH 512          /* open elements tracked; deeper are ignored */
#define GK_MAX_COLSPAN 100
#define GK_MAX_ATTRS 16           /* attributes remembered per tag */
#define GK_LAYOUT_CELL_BYTES 1000
#define GK_LAYOUT_CELL_BLOCKS 20
#define GK_CHARSET_WINDOW 4096
#define GK_SNIFF_WINDOW 1024

#define UTF8_BOM "\xEF\xBB\xBF"
#define UTF16LE_BOM "\xFF\xFE"
#define UTF16BE_BOM "\xFE\xFF"
#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD" /* U+FFFD */

/* ---- elements ------------------------------------------------------------ */

enum {
    F_BLOCK = 1 << 0,    /* starts and ends a line */
    F_DROP = 1 << 1,     /* content is not text */
    F_RAW = 1 << 2,      /* content is raw text up to the matching end tag */
    F_VOID = 1 << 3,     /* never has content or an end tag */
    F_KEEP = 1 << 4,     /* raw text shown as preformatted text (xmp) */
    F_PRE = 1 << 5,      /* white space preserved */
    F_HEAD_OK = 1 << 6,  /* may appear in <head> without ending it */
    F_SCOPE = 1 << 7,    /* end tags inside do not close elements outside */
    F_FOREIGN = 1 << 8   /* "<svg/>" is honoured as self-closing */
};

typedef enum tag_id {
    T_OTHER = 0, T_BODY, T_BR, T_CAPTION, T_HEAD, T_HR, T_HTML, T_LI, T_OL,
    T_P, T_PLAINTEXT, T_TABLE, T_TBODY, T_TD, T_TFOOT, T_TH, T_THEAD, T_TR,
    T_UL, T_TEMPLATE, T_OBJECT, T_GENERIC
} tag_id;

typedef struct tag_info {
    const char *name;
    unsigned char id; /* tag_id, T_GENERIC for elements known by flags only */
    unsigned short flags;
} tag_info;

/* Sorted by name for bsearch. */
static const tag_info tags[] = {
    {"address", T_GENERIC, F_BLOCK},
    {"area", T_GENERIC, F_VOID},
    {"article", T_GENERIC, F_BLOCK},
    {"aside", T_GENERIC, F_BLOCK},
    {"audio", T_GENERIC, F_DROP},
    {"base", T_GENERIC, F_VOID | F_HEAD_OK},
    {"basefont", T_GENERIC, F_VOID | F_HEAD_OK},
    {"bgsound", T_GENERIC, F_VOID | F_HEAD_OK},
    {"blockquote", T_GENERIC, F_BLOCK},
    {"body", T_BODY, F_BLOCK},
    {"br", T_BR, F_VOID},
    {"button", T_GENERIC, F_DROP},
    {"canvas", T_GENERIC, F_DROP},
    {"caption", T_CAPTION, F_BLOCK | F_SCOPE},
    {"center", T_GENERIC, F_BLOCK},
    {"col", T_GENERIC, F_VOID},
    {"datalist", T_GENERIC, F_DROP},
    {"dd", T_GENERIC, F_BLOCK},
    {"details", T_GENERIC, F_BLOCK},
    {"dialog", T_GENERIC, F_BLOCK},
    {"dir", T_GENERIC, F_BLOCK},
    {"div", T_GENERIC, F_BLOCK},
    {"dl", T_GENERIC, F_BLOCK},
    {"dt", T_GENERIC, F_BLOCK},
    {"embed", T_GENERIC, F_VOID},
    {"fieldset", T_GENERIC, F_BLOCK},
    {"figcaption", T_GENERIC, F_BLOCK},
    {"figure", T_GENERIC, F_BLOCK},
    {"footer", T_GENERIC, F_BLOCK},
    {"form", T_GENERIC, F_BLOCK},
    {"frame", T_GENERIC, F_VOID},
    {"frameset", T_GENERIC, F_BLOCK},
    {"h1", T_GENERIC, F_BLOCK},
    {"h2", T_GENERIC, F_BLOCK},
    {"h3", T_GENERIC, F_BLOCK},
    {"h4", T_GENERIC, F_BLOCK},
    {"h5", T_GENERIC, F_BLOCK},
    {"h6", T_GENERIC, F_BLOCK},
    {"head", T_HEAD, F_HEAD_OK},
    {"header", T_GENERIC, F_BLOCK},
    {"hgroup", T_GENERIC, F_BLOCK},
    {"hr", T_HR, F_VOID},
    {"html", T_HTML, F_SCOPE},
    {"iframe", T_GENERIC, F_RAW | F_DROP},
    {"img", T_GENERIC, F_VOID},
    {"input", T_GENERIC, F_VOID},
    {"keygen", T_GENERIC, F_VOID},
    {"legend", T_GENERIC, F_BLOCK},
    {"li", T_LI, F_BLOCK},
    {"link", T_GENERIC, F_VOID | F_HEAD_OK},
    {"listing", T_GENERIC, F_BLOCK | F_PRE},
    {"main", T_GENERIC, F_BLOCK},
    {"math", T_GENERIC, F_DROP | F_FOREIGN},
    {"menu", T_GENERIC, F_BLOCK},
    {"meta", T_GENERIC, F_VOID | F_HEAD_OK},
    {"nav", T_GENERIC, F_DROP | F_BLOCK},
    {"noembed", T_GENERIC, F_RAW | F_DROP},
    {"noframes", T_GENERIC, F_RAW | F_DROP | F_HEAD_OK},
    {"noscript", T_GENERIC, F_RAW | F_DROP | F_HEAD_OK},
    {"object", T_OBJECT, F_DROP | F_SCOPE},
    {"ol", T_OL, F_BLOCK},
    {"p", T_P, F_BLOCK},
    {"param", T_GENERIC, F_VOID},
    {"plaintext", T_PLAINTEXT, F_RAW | F_KEEP},
    {"pre", T_GENERIC, F_BLOCK | F_PRE},
    {"script", T_GENERIC, F_RAW | F_DROP | F_HEAD_OK},
    {"section", T_GENERIC, F_BLOCK},
    {"select", T_GENERIC, F_DROP},
    {"source", T_GENERIC, F_VOID},
    {"style", T_GENERIC, F_RAW | F_DROP | F_HEAD_OK},
    {"summary", T_GENERIC, F_BLOCK},
    {"svg", T_GENERIC, F_DROP | F_FOREIGN},
    {"table", T_TABLE, F_SCOPE},
    {"tbody", T_TBODY, 0},
    {"td", T_TD, F_SCOPE},
    {"template", T_TEMPLATE, F_DROP | F_SCOPE | F_HEAD_OK},
    {"textarea", T_GENERIC, F_RAW | F_DROP},
    {"tfoot", T_TFOOT, 0},
    {"th", T_TH, F_SCOPE},
    {"thead", T_THEAD, 0},
    {"title", T_GENERIC, F_RAW | F_DROP | F_HEAD_OK},
    {"tr", T_TR, 0},
    {"track", T_GENERIC, F_VOID},
    {"ul", T_UL, F_BLOCK},
    {"video", T_GENERIC, F_DROP},
    {"wbr", T_GENERIC, F_VOID},
    {"xmp", T_GENERIC, F_RAW | F_KEEP | F_BLOCK},
};

#define N_TAGS (sizeof tags / sizeof tags[0])
#define TAG_NAME_MAX 16

static int compare_tag(const void *key, const void *elem)
{
    return strcmp(key, ((const tag_info *)elem)->name);
}

/* The entry for a lower-cased tag name, or NULL for other elements. */
static const tag_info *find_tag(const char *lower_name)
{
    return bsearch(lower_name, tags, N_TAGS, sizeof tags[0], compare_tag);
}

/* ---- tokenizer ------------------------------------------------------------ */

typedef struct span {
    size_t off, len;
} span;

typedef struct tag {
    const tag_info *info;  /* NULL: an element we do not care about */
    int complete;          /* 0: input ended inside the tag */
    int self_closing;
    size_t nattrs;
    span attr_name[GK_MAX_ATTRS], attr_value[GK_MAX_ATTRS];
} tag;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* 1 if s[0..n) equals the lower-case ASCII word w[0..n), ignoring case. */
static int ieq(const char *s, const char *w, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (lower(s[k]) != w[k])
            return 0;
    return 1;
}

/* 1 if the n bytes at s begin with the lower-case literal lit, ignoring
 * ASCII case. */
#define STARTS_WITH_NOCASE(s, n, lit) ((n) >= GK_LEN(lit) && ieq((s), (lit), GK_LEN(lit)))

/* Index just past the next '>' at or after j, or len. */
static size_t skip_past_gt(const char *s, size_t len, size_t j)
{
    if (j >= len)
        return len;
    const char *gt = memchr(s + j, '>', len - j);
    return gt == NULL ? len : (size_t)(gt - s) + 1;
}

/* j is just after "<!--": index past the comment's end, or len.  Like a
 * browser, "<!-->" and "<!--->" are empty comments and "--!>" also ends. */
static size_t skip_comment(const char *s, size_t len, size_t j)
{
    if (j < len && s[j] == '>')
        return j + 1;
    if (GK_STARTS_WITH(s + j, len - j, "->"))
        return j + GK_LEN("->");
    while (j < len) {
        const char *dash = memchr(s + j, '-', len - j);
        if (dash == NULL)
            return len;
        size_t k = (size_t)(dash - s);
        if (GK_STARTS_WITH(s + k, len - k, "-->"))
            return k + GK_LEN("-->");
        if (GK_STARTS_WITH(s + k, len - k, "--!>"))
            return k + GK_LEN("--!>");
        j = k + 1;
    }
    return len;
}

/* Parse a tag whose name starts at s[j] (just after '<' or "</").  Fills
 * *t and returns the index after its '>', or len if the input ends first
 * (t->complete is then 0). */
static size_t parse_tag(const char *s, size_t len, size_t j, tag *t)
{
    char name[TAG_NAME_MAX + 1];
    size_t n = 0, k = j;
    memset(t, 0, sizeof *t);
    while (k < len && !is_space(s[k]) && s[k] != '/' && s[k] != '>') {
        if (n < TAG_NAME_MAX)
            name[n] = lower(s[k]);
        n++;
        k++;
    }
    if (n > 0 && n < TAG_NAME_MAX) {
        name[n] = '\0';
        t->info = find_tag(name);
    }
    for (;;) {
        while (k < len && (is_space(s[k]) || s[k] == '/')) {
            if (s[k] == '/' && k + 1 < len && s[k + 1] == '>')
                t->self_closing = 1;
            k++;
        }
        if (k >= len)
            return len;
        if (s[k] == '>') {
            t->complete = 1;
            return k + 1;
        }
        span an = {k, 0}, av = {0, 0};
        k++; /* the first character may be '=' */
        while (k < len && !is_space(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=')
            k++;
        an.len = k - an.off;
        while (k < len && is_space(s[k]))
            k++;
        if (k < len && s[k] == '=') {
            k++;
            while (k < len && is_space(s[k]))
                k++;
            if (k >= len)
                return len;
            if (s[k] == '"' || s[k] == '\'') {
                const char *q = memchr(s + k + 1, s[k], len - k - 1);
                if (q == NULL)
                    return len;
                av.off = k + 1;
                av.len = (size_t)(q - s) - av.off;
                k = (size_t)(q - s) + 1;
            } else {
                av.off = k;
                while (k < len && !is_space(s[k]) && s[k] != '>')
                    k++;
                av.len = k - av.off;
            }
        }
        if (t->nattrs < GK_MAX_ATTRS) {
            t->attr_name[t->nattrs] = an;
            t->attr_value[t->nattrs] = av;
            t->nattrs++;
        }
    }
}

/* The value of attribute `name` (lower case), or NULL. */
static const char *tag_attr(const tag *t, const char *s, const char *name,
                            size_t *vlen)
{
    size_t n = strlen(name);
    for (size_t a = 0; a < t->nattrs; a++) {
        if (t->attr_name[a].len == n && ieq(s + t->attr_name[a].off, name, n)) {
            *vlen = t->attr_value[a].len;
            return s + t->attr_value[a].off;
        }
    }
    return NULL;
}

/* colspan="N" as a count of columns, 1 to GK_MAX_COLSPAN. */
static size_t tag_colspan(const tag *t, const char *s)
{
    size_t vlen = 0, k = 0, n = 0;
    const char *v = tag_attr(t, s, "colspan", &vlen);
    if (v == NULL)
        return 1;
    while (k < vlen && is_space(v[k]))
        k++;
    while (k < vlen && v[k] >= '0' && v[k] <= '9') {
        n = n * 10 + (size_t)(v[k] - '0');
        if (n > GK_MAX_COLSPAN)
            n = GK_MAX_COLSPAN;
        k++;
    }
    return n == 0 ? 1 : n;
}

/* ---- rendering state ------------------------------------------------------ */

typedef struct table_stats {
    int nested;              /* holds another table */
    size_t cells;
    size_t max_cell_bytes;
    size_t max_cell_blocks;
} table_stats;

typedef struct open_table {
    size_t ordinal;          /* index into the first pass's table_stats */
    int layout;
    int in_cell;
    size_t cells;            /* cells begun in the current row */
    size_t owed;             /* empty cells owed by the last colspan */
    size_t cell_bytes, cell_blocks;
} open_table;

typedef struct elem {
    const tag_info *info;
} elem;

typedef struct render {
    /* output: committed lines, then the current line from line_start */
    char *p;
    size_t len, cap;
    size_t line_start;
    int line_has_text;       /* the current line holds more than tabs/spaces */
    int pending_space;
    int oom;

    const char *src;         /* the page, for attribute values */
    elem stack[GK_MAX_DEPTH];
    size_t depth;
    open_table tables[GK_MAX_DEPTH];
    size_t ntables;
    int drop_depth, pre_depth;
    int pre_skip_newline;    /* a newline right after <pre> is not text */
    int in_head, body_started, has_body;

    int measuring;           /* first pass: fill stats */
    int saw_body;
    table_stats *stats;
    size_t nstats, stats_cap;
    size_t table_count;
} render;

static int emitting(const render *r)
{
    return r->drop_depth == 0 && !r->in_head && (!r->has_body || r->body_started);
}

/* Room for n more bytes and a NUL; sets r->oom on failure. */
static int reserve(render *r, size_t n)
{
    if (r->oom)
        return 0;
    if (n > SIZE_MAX / 4 - r->len) {
        r->oom = 1;
        return 0;
    }
    if (GK_ARRAY_RESERVE(r->p, r->cap, r->len + n + 1) != GK_OK) {
        r->oom = 1;
        return 0;
    }
    return 1;
}

static void put_byte(render *r, char c)
{
    if (reserve(r, 1))
        r->p[r->len++] = c;
}

static open_table *current_table(render *r)
{
    return r->ntables > 0 ? &r->tables[r->ntables - 1] : NULL;
}

static int in_data_cell(render *r)
{
    open_table *t = current_table(r);
    return t != NULL && !t->layout && t->in_cell;
}

/* End the current line.  An empty line is dropped unless `hard` (<br>, a
 * newline in <pre>), and then only one blank line is kept in a row. */
static void end_line(render *r, int hard)
{
    r->pending_space = 0;
    if (!emitting(r))
        return;
    while (r->len > r->line_start && r->p[r->len - 1] == ' ')
        r->len--;
    if (!r->line_has_text) {
        r->len = r->line_start;
        if (!hard || r->len == 0 || (r->len >= 2 && r->p[r->len - 2] == '\n'))
            return;
    }
    put_byte(r, '\n');
    r->line_start = r->len;
    r->line_has_text = 0;
}

/* Visible characters s[0..n) (no white space). */
static void emit_visible(render *r, const char *s, size_t n)
{
    r->in_head = 0; /* text in <head> ends it, as in a browser */
    r->pre_skip_newline = 0;
    if (!emitting(r))
        return;
    if (r->pending_space) {
        r->pending_space = 0;
        if (r->len > r->line_start && r->p[r->len - 1] != ' ' &&
            r->p[r->len - 1] != '\t')
            put_byte(r, ' ');
    }
    if (!reserve(r, n))
        return;
    memcpy(r->p + r->len, s, n);
    r->len += n;
    r->line_has_text = 1;
    open_table *t = current_table(r);
    if (t != NULL && t->in_cell)
        t->cell_bytes += n;
}

/* White space that collapses outside <pre>; includes the no-break and
 * ideographic spaces used for indentation. */
static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* One ASCII white-space character inside <pre>. */
static void emit_pre_space(render *r, char c)
{
    if (c == '\n' || c == '\r' || c == '\f') {
        if (r->pre_skip_newline && (c == '\n' || c == '\r')) {
            r->pre_skip_newline = 0;
            return;
        }
        r->pre_skip_newline = 0;
        if (in_data_cell(r))
            r->pending_space = 1;
        else
            end_line(r, 1);
        return;
    }
    r->pre_skip_newline = 0;
    if (emitting(r) && !in_data_cell(r))
        put_byte(r, c);
    else
        r->pending_space = 1;
}

/* One code point (from a character reference). */
static void emit_cp(render *r, uint32_t cp)
{
    if (cp == 0)
        return;
    if (cp < 0x80 && is_space((char)cp)) {
        if (r->pre_depth > 0)
            emit_pre_space(r, (char)cp);
        else
            r->pending_space = 1;
        return;
    }
    if (r->pre_depth == 0 && is_space_cp(cp)) {
        r->pending_space = 1;
        return;
    }
    char b[4];
    emit_visible(r, b, gk_utf8_put(b, cp));
}

/* Text s[0..n) as it appears in the page (no references in it). */
static void emit_text(render *r, const char *s, size_t n)
{
    size_t i = 0, run = 0; /* s[run..i) is visible and not yet emitted */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x21 && c < 0x7F) {
            i++;
            continue;
        }
        if (c < 0x80) {
            if (run < i)
                emit_visible(r, s + run, i - run);
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++; /* CRLF is one newline */
            if (is_space((char)s[i])) {
                if (r->pre_depth > 0)
                    emit_pre_space(r, s[i]);
                else
                    r->pending_space = 1;
            } else if (c != 0) {
                emit_visible(r, s + i, 1); /* other controls: normalisation's job */
            }
            run = ++i;
            continue;
        }
        size_t start = i;
        uint32_t cp = gk_utf8_next(s, n, &i);
        int invalid = cp == 0xFFFDu && i - start == 1;
        if (!invalid && !(r->pre_depth == 0 && is_space_cp(cp)))
            continue;
        if (run < start)
            emit_visible(r, s + run, start - run);
        if (invalid)
            emit_visible(r, REPLACEMENT_CHARACTER, GK_LEN(REPLACEMENT_CHARACTER));
        else
            r->pending_space = 1;
        run = i;
    }
    if (run < n)
        emit_visible(r, s + run, n - run);
}

/* ---- structure ------------------------------------------------------------ */

/* A block element begins or ends: a new line, or a space inside a cell of
 * a data table. */
static void block_boundary(render *r, int hard)
{
    open_table *t = current_table(r);
    if (t != NULL && !t->layout && t->in_cell) {
        r->pending_space = 1;
        t->cell_blocks++;
        return;
    }
    end_line(r, hard);
}

static void table_begin(render *r)
{
    size_t ordinal = r->table_count++;
    int layout = 0;
    if (r->measuring) {
        if (GK_ARRAY_RESERVE(r->stats, r->stats_cap, ordinal + 1) != GK_OK) {
            r->oom = 1;
            return;
        }
        memset(&r->stats[ordinal], 0, sizeof r->stats[ordinal]);
        r->nstats = ordinal + 1;
        if (r->ntables > 0)
            r->stats[current_table(r)->ordinal].nested = 1;
    } else if (ordinal < r->nstats) {
        const table_stats *s = &r->stats[ordinal];
        layout = s->nested || s->cells <= 1 ||
                 s->max_cell_bytes > GK_LAYOUT_CELL_BYTES ||
                 s->max_cell_blocks > GK_LAYOUT_CELL_BLOCKS;
    }
    end_line(r, 0);
    open_table *t = &r->tables[r->ntables++];
    memset(t, 0, sizeof *t);
    t->ordinal = ordinal;
    t->layout = layout;
}

static void table_end(render *r)
{
    end_line(r, 0);
    if (r->ntables > 0)
        r->ntables--;
}

static void row_begin_or_end(render *r)
{
    open_table *t = current_table(r);
    end_line(r, 0);
    if (t != NULL) {
        t->cells = 0;
        t->owed = 0;
    }
}

static void cell_begin(render *r, size_t colspan)
{
    open_table *t = current_table(r);
    if (t == NULL)
        return;
    if (t->layout) {
        end_line(r, 0);
    } else {
        size_t tabs = (t->cells > 0 ? 1 : 0) + t->owed;
        r->pending_space = 0;
        if (emitting(r) && reserve(r, tabs)) {
            memset(r->p + r->len, '\t', tabs);
            r->len += tabs;
        }
    }
    t->cells++;
    t->owed = colspan - 1;
    t->in_cell = 1;
    t->cell_bytes = 0;
    t->cell_blocks = 0;
}

static void cell_end(render *r)
{
    open_table *t = current_table(r);
    if (t == NULL)
        return;
    if (t->layout)
        end_line(r, 0);
    r->pending_space = 0;
    t->in_cell = 0;
    if (r->measuring && t->ordinal < r->nstats) {
        table_stats *s = &r->stats[t->ordinal];
        s->cells++;
        if (t->cell_bytes > s->max_cell_bytes)
            s->max_cell_bytes = t->cell_bytes;
        if (t->cell_blocks > s->max_cell_blocks)
            s->max_cell_blocks = t->cell_blocks;
    }
}

/* Open an element: push it and start what it starts. */
static void open_elem(render *r, const tag_info *info, size_t colspan)
{
    if (r->depth == GK_MAX_DEPTH) {
        if (info->flags & F_BLOCK)
            block_boundary(r, 0);
        return;
    }
    r->stack[r->depth++].info = info;
    switch (info->id) {
    case T_TABLE: table_begin(r); return;
    case T_TR: row_begin_or_end(r); return;
    case T_TD: case T_TH: cell_begin(r, colspan); return;
    default: break;
    }
    if (info->flags & F_BLOCK)
        block_boundary(r, 0);
    if (info->flags & F_PRE) {
        r->pre_depth++;
        r->pre_skip_newline = 1;
    }
    if (info->flags & F_DROP) {
        if (!(info->flags & F_BLOCK))
            r->pending_space = 1;
        r->drop_depth++;
    }
}

/* Close the top element and end what it started. */
static void close_top(render *r)
{
    const tag_info *info = r->stack[--r->depth].info;
    switch (info->id) {
    case T_TABLE: table_end(r); return;
    case T_TR: row_begin_or_end(r); return;
    case T_TD: case T_TH: cell_end(r); return;
    default: break;
    }
    if (info->flags & F_DROP) {
        r->drop_depth--;
        if (!(info->flags & F_BLOCK))
            r->pending_space = 1;
    }
    if (info->flags & F_PRE)
        r->pre_depth--;
    if (info->flags & F_BLOCK)
        block_boundary(r, 0);
}

static void close_to(render *r, size_t index)
{
    while (r->depth > index && !r->oom)
        close_top(r);
}

enum scope { SCOPE_DEFAULT, SCOPE_LIST, SCOPE_TABLE };

/* Index of the nearest open element with this id (or, for T_GENERIC, this
 * entry) that is not hidden behind a scope boundary; -1 if none. */
static long find_open(const render *r, const tag_info *info, enum scope scope)
{
    for (size_t i = r->depth; i-- > 0;) {
        const tag_info *e = r->stack[i].info;
        if (info->id == T_GENERIC ? e == info : e->id == info->id)
            return (long)i;
        if (scope == SCOPE_TABLE) {
            if (e->id == T_TABLE || e->id == T_TEMPLATE || e->id == T_HTML)
                return -1;
        } else if ((e->flags & F_SCOPE) ||
                   (scope == SCOPE_LIST && (e->id == T_OL || e->id == T_UL))) {
            return -1;
        }
    }
    return -1;
}

static const tag_info *info_of(tag_id id)
{
    for (size_t k = 0; k < N_TAGS; k++)
        if (tags[k].id == id)
            return &tags[k];
    return NULL;
}

/* Close an open row (and its cells) of the innermost table. */
static void close_row(render *r)
{
    long i = find_open(r, info_of(T_TR), SCOPE_TABLE);
    if (i >= 0)
        close_to(r, (size_t)i);
}

static void start_tag(render *r, const tag *t)
{
    const tag_info *info = t->info;
    if (info == NULL) {
        r->in_head = 0;
        return; /* inline or unknown elements do not matter */
    }
    if (r->in_head && !(info->flags & F_HEAD_OK))
        r->in_head = 0;
    long i;
    switch (info->id) {
    case T_HTML:
        return;
    case T_HEAD:
        if (!r->body_started && r->len == 0)
            r->in_head = 1;
        return;
    case T_BODY:
        r->in_head = 0;
        r->saw_body = 1;
        r->body_started = 1;
        end_line(r, 0);
        return;
    case T_BR:
        block_boundary(r, 1);
        return;
    case T_HR:
        block_boundary(r, 0);
        return;
    case T_P:
        if (r->depth > 0 && r->stack[r->depth - 1].info->id == T_P)
            close_top(r);
        break;
    case T_LI:
        i = find_open(r, info, SCOPE_LIST);
        if (i >= 0)
            close_to(r, (size_t)i);
        break;
    case T_TBODY: case T_THEAD: case T_TFOOT:
        close_row(r);
        return;
    case T_TR:
        if (r->ntables == 0)
            return; /* a browser ignores it outside a table */
        close_row(r);
        i = find_open(r, info_of(T_TD), SCOPE_TABLE);
        if (i < 0)
            i = find_open(r, info_of(T_TH), SCOPE_TABLE);
        if (i >= 0)
            close_to(r, (size_t)i);
        break;
    case T_TD: case T_TH: {
        if (r->ntables == 0)
            return;
        long td = find_open(r, info_of(T_TD), SCOPE_TABLE);
        long th = find_open(r, info_of(T_TH), SCOPE_TABLE);
        i = td > th ? td : th;
        if (i >= 0)
            close_to(r, (size_t)i);
        if (find_open(r, info_of(T_TR), SCOPE_TABLE) < 0)
            open_elem(r, info_of(T_TR), 1);
        open_elem(r, info, tag_colspan(t, r->src));
        return;
    }
    default:
        break;
    }
    if (info->flags & (F_VOID | F_RAW))
        return; /* raw text is handled by the tokenizer */
    if ((info->flags & F_FOREIGN) && t->self_closing)
        return;
    open_elem(r, info, 1);
}

static void end_tag(render *r, const tag *t)
{
    const tag_info *info = t->info;
    if (info == NULL)
        return;
    long i = -1;
    switch (info->id) {
    case T_HTML: case T_BODY:
        return; /* what follows is still shown by browsers */
    case T_HEAD:
        r->in_head = 0;
        return;
    case T_BR:
        block_boundary(r, 1); /* browsers read </br> as <br> */
        return;
    case T_P:
        i = find_open(r, info, SCOPE_DEFAULT);
        if (i < 0)
            block_boundary(r, 0);
        break;
    case T_TBODY: case T_THEAD: case T_TFOOT:
        close_row(r);
        return;
    case T_TABLE: case T_TR: case T_TD: case T_TH:
        i = find_open(r, info, SCOPE_TABLE);
        break;
    case T_LI:
        i = find_open(r, info, SCOPE_LIST);
        break;
    default:
        if (!(info->flags & (F_VOID | F_RAW)))
            i = find_open(r, info, SCOPE_DEFAULT);
        break;
    }
    if (i >= 0)
        close_to(r, (size_t)i);
}

/* ---- the tokenizer loop ---------------------------------------------------- */

/* Windows-1252 meanings of &#128; to &#159;, as browsers decode them. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* s[i] == '&': decode a character reference; returns the index after it.
 * What is not a reference stays as written. */
static size_t char_ref(render *r, const char *s, size_t len, size_t i)
{
    size_t k = i + 1;
    if (k < len && s[k] == '#') {
        int base = 10;
        k++;
        if (k < len && (s[k] == 'x' || s[k] == 'X')) {
            base = 16;
            k++;
        }
        size_t digits = k;
        uint32_t v = 0;
        while (k < len) {
            int d = base == 16 ? hex_value(s[k]) : (s[k] >= '0' && s[k] <= '9' ? s[k] - '0' : -1);
            if (d < 0)
                break;
            v = v * (uint32_t)base + (uint32_t)d;
            if (v > 0x10FFFF)
                v = 0x110000; /* stays out of range, cannot overflow */
            k++;
        }
        if (k == digits) {
            emit_visible(r, "&", 1);
            return i + 1;
        }
        if (k < len && s[k] == ';')
            k++;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F)
            v = cp1252_c1[v - 0x80];
        emit_cp(r, v);
        return k;
    }
    while (k < len && k - (i + 1) <= GK_HTML_ENTITY_MAX_NAME && is_alnum(s[k]))
        k++;
    size_t n = k - (i + 1);
    uint32_t cp[2];
    int found = 0;
    if (k < len && s[k] == ';' && gk_html_entity_lookup(s + i + 1, n, 0, cp)) {
        found = 1;
        k++;
    } else {
        /* Legacy names need no ';' ("&nbsp", "&copy2019"): longest first. */
        for (size_t m = n < 6 ? n : 6; m >= 2 && !found; m--) {
            if (gk_html_entity_lookup(s + i + 1, m, 1, cp)) {
                found = 1;
                k = i + 1 + m;
            }
        }
    }
    if (!found) {
        emit_visible(r, "&", 1);
        return i + 1;
    }
    emit_cp(r, cp[0]);
    if (cp[1] != 0)
        emit_cp(r, cp[1]);
    return k;
}

/* After the start tag of a raw text element ending at j: skip (or show,
 * for <xmp>) its content; returns the index of its end tag. */
static size_t raw_text(render *r, const char *s, size_t len, size_t j,
                       const tag_info *info)
{
    size_t end = len, k = j, n = strlen(info->name);
    while (info->id != T_PLAINTEXT && k < len) {
        const char *lt = memchr(s + k, '<', len - k);
        if (lt == NULL)
            break;
        k = (size_t)(lt - s);
        if (k + 2 + n <= len && s[k + 1] == '/' && ieq(s + k + 2, info->name, n) &&
            (k + 2 + n == len || is_space(s[k + 2 + n]) || s[k + 2 + n] == '/' ||
             s[k + 2 + n] == '>')) {
            end = k;
            break;
        }
        k++;
    }
    if (info->flags & F_KEEP) {
        block_boundary(r, 0);
        r->pre_depth++;
        r->pre_skip_newline = 1;
        emit_text(r, s + j, end - j);
        r->pre_depth--;
        block_boundary(r, 0);
    }
    return end;
}

/* s[i] == '<': a tag, comment or other markup, or a '<' that is text.
 * Returns the index after it. */
static size_t markup(render *r, const char *s, size_t len, size_t i)
{
    tag t;
    if (i + 1 >= len) {
        emit_visible(r, "<", 1);
        return len;
    }
    char c = s[i + 1];
    if (c == '!') {
        if (GK_STARTS_WITH(s + i, len - i, "<!--"))
            return skip_comment(s, len, i + GK_LEN("<!--"));
        if (GK_STARTS_WITH(s + i, len - i, "<![CDATA[")) {
            for (size_t k = i + GK_LEN("<![CDATA["); k < len; k++)
                if (GK_STARTS_WITH(s + k, len - k, "]]>"))
                    return k + GK_LEN("]]>");
            return len;
        }
        return skip_past_gt(s, len, i + 2); /* doctype, bogus comment */
    }
    if (c == '?')
        return skip_past_gt(s, len, i + 2);
    if (c == '/') {
        if (i + 2 >= len) {
            emit_visible(r, "</", GK_LEN("</"));
            return len;
        }
        if (is_alpha(s[i + 2])) {
            size_t end = parse_tag(s, len, i + 2, &t);
            if (t.complete)
                end_tag(r, &t);
            return end;
        }
        return skip_past_gt(s, len, i + 2); /* "</>" or a bogus comment */
    }
    if (is_alpha(c)) {
        size_t end = parse_tag(s, len, i + 1, &t);
        if (!t.complete)
            return len; /* a browser drops a tag cut off by the end */
        start_tag(r, &t);
        if (t.info != NULL && (t.info->flags & F_RAW))
            end = raw_text(r, s, len, end, t.info);
        return end;
    }
    emit_visible(r, "<", 1);
    return i + 1;
}

static void render_page(render *r, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && !r->oom) {
        if (s[i] == '<') {
            i = markup(r, s, len, i);
        } else if (s[i] == '&') {
            i = char_ref(r, s, len, i);
        } else {
            size_t j = i + 1;
            while (j < len && s[j] != '<' && s[j] != '&')
                j++;
            emit_text(r, s + i, j - i);
            i = j;
        }
    }
    close_to(r, 0);
    r->in_head = 0;
    end_line(r, 0);
}

/* Reset everything but the buffers and the first pass's measurements. */
static void reset_for_pass(render *r, const char *src)
{
    char *p = r->p;
    size_t cap = r->cap;
    table_stats *stats = r->stats;
    size_t nstats = r->nstats, stats_cap = r->stats_cap;
    int oom = r->oom;
    memset(r, 0, sizeof *r);
    r->p = p;
    r->cap = cap;
    r->stats = stats;
    r->nstats = nstats;
    r->stats_cap = stats_cap;
    r->oom = oom;
    r->src = src;
}

gk_status gk_html_to_text(char **out, size_t *out_len, const char *html,
                          size_t len, char **errmsg)
{
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (html == NULL)
        len = 0;
    if (GK_STARTS_WITH(html, len, UTF8_BOM)) {
        html += GK_LEN(UTF8_BOM);
        len -= GK_LEN(UTF8_BOM);
    }
    render *r = calloc(1, sizeof *r);
    if (r == NULL)
        goto nomem;

    reset_for_pass(r, html);
    r->measuring = 1;
    render_page(r, html, len);
    int has_body = r->saw_body;
    reset_for_pass(r, html);
    r->has_body = has_body;
    render_page(r, html, len);

    /* No trailing blank lines; a final newline after the last line. */
    while (r->len > 0 && r->p[r->len - 1] == '\n')
        r->len--;
    if (r->len > 0)
        put_byte(r, '\n');
    if (!reserve(r, 0))
        goto nomem;
    r->p[r->len] = '\0';
    char *text = realloc(r->p, r->len + 1);
    *out = text != NULL ? text : r->p;
    if (out_len != NULL)
        *out_len = r->len;
    free(r->stats);
    free(r);
    return GK_OK;

nomem:
    if (r != NULL) {
        free(r->p);
        free(r->stats);
        free(r);
    }
    if (errmsg != NULL) {
        *errmsg = malloc(sizeof "out of memory");
        if (*errmsg != NULL)
            memcpy(*errmsg, "out of memory", sizeof "out of memory");
    }
    return GK_ENOMEM;
}

/* ---- charset and sniffing ------------------------------------------------- */

/* Copy a charset name from v[0..n) (trimmed of quotes and spaces, up to
 * ';'), lower-cased, into out.  Returns 1, 0 if empty, -1 if too long. */
static int copy_charset(const char *v, size_t n, char *out, size_t outsz)
{
    size_t a = 0, b;
    while (a < n && (is_space(v[a]) || v[a] == '"' || v[a] == '\''))
        a++;
    b = a;
    while (b < n && !is_space(v[b]) && v[b] != '"' && v[b] != '\'' && v[b] != ';' &&
           v[b] != ',')
        b++;
    if (b == a)
        return 0;
    if (b - a + 1 > outsz)
        return -1;
    for (size_t k = a; k < b; k++)
        out[k - a] = lower(v[k]);
    out[b - a] = '\0';
    return 1;
}

int gk_html_declared_charset(const char *bytes, size_t len, char *out,
                             size_t outsz)
{
    if (bytes == NULL || out == NULL || outsz == 0)
        return 0;
    size_t n = len < GK_CHARSET_WINDOW ? len : GK_CHARSET_WINDOW, i = 0;
    while (i < n) {
        const char *lt = memchr(bytes + i, '<', n - i);
        if (lt == NULL)
            break;
        i = (size_t)(lt - bytes);
        if (GK_STARTS_WITH(bytes + i, n - i, "<!--")) {
            i = skip_comment(bytes, n, i + GK_LEN("<!--"));
            continue;
        }
        size_t after = i + GK_LEN("<meta");
        if (!(after < n && STARTS_WITH_NOCASE(bytes + i, n - i, "<meta") &&
              (is_space(bytes[after]) || bytes[after] == '/'))) {
            i++;
            continue;
        }
        tag t;
        size_t end = parse_tag(bytes, n, i + 1, &t);
        if (!t.complete)
            break;
        i = end;
        size_t vlen = 0;
        const char *v = tag_attr(&t, bytes, "charset", &vlen);
        if (v != NULL) {
            int got = copy_charset(v, vlen, out, outsz);
            if (got != 0)
                return got > 0;
        }
        v = tag_attr(&t, bytes, "content", &vlen);
        for (size_t k = 0; v != NULL && k < vlen; k++) {
            if (!STARTS_WITH_NOCASE(v + k, vlen - k, "charset"))
                continue;
            size_t m = k + GK_LEN("charset");
            while (m < vlen && is_space(v[m]))
                m++;
            if (m >= vlen || v[m] != '=')
                continue;
            int got = copy_charset(v + m + 1, vlen - m - 1, out, outsz);
            if (got != 0)
                return got > 0;
        }
    }
    return 0;
}

/* 1 if v (the ASCII view of the page start) at k begins with the tag name
 * w followed by white space, '>' or '/' or the end. */
static int starts_tag(const char *v, size_t n, size_t k, const char *w)
{
    size_t m = strlen(w);
    if (k + m > n || !ieq(v + k, w, m))
        return 0;
    return k + m == n || is_space(v[k + m]) || v[k + m] == '>' || v[k + m] == '/';
}

int gk_html_sniff(const char *bytes, size_t len)
{
    if (bytes == NULL)
        return 0;
    const unsigned char *b = (const unsigned char *)bytes;
    char view[GK_SNIFF_WINDOW];
    size_t n = 0;
    /* An ASCII view of the start: UTF-16 pages are read through their BOM. */
    if (GK_STARTS_WITH(bytes, len, UTF16LE_BOM) || GK_STARTS_WITH(bytes, len, UTF16BE_BOM)) {
        int le = GK_STARTS_WITH(bytes, len, UTF16LE_BOM);
        for (size_t k = GK_LEN(UTF16LE_BOM); k + 1 < len && n < sizeof view; k += 2) {
            unsigned char lo = le ? b[k] : b[k + 1], hi = le ? b[k + 1] : b[k];
            view[n++] = hi == 0 && lo < 0x80 ? (char)lo : '\x80';
        }
    } else {
        size_t k = GK_STARTS_WITH(bytes, len, UTF8_BOM) ? GK_LEN(UTF8_BOM) : 0;
        while (k < len && n < sizeof view)
            view[n++] = (char)b[k++];
    }
    size_t k = 0;
    for (;;) { /* white space, comments and an XML declaration may come first */
        while (k < n && is_space(view[k]))
            k++;
        if (GK_STARTS_WITH(view + k, n - k, "<!--"))
            k = skip_comment(view, n, k + GK_LEN("<!--"));
        else if (GK_STARTS_WITH(view + k, n - k, "<?"))
            k = skip_past_gt(view, n, k + GK_LEN("<?"));
        else
            break;
    }
    if (STARTS_WITH_NOCASE(view + k, n - k, "<!doctype html"))
        return 1;
    if (starts_tag(view, n, k, "<html") || starts_tag(view, n, k, "<head") ||
        starts_tag(view, n, k, "<body"))
        return 1;
    for (; k < n; k++)
        if (view[k] == '<' && (starts_tag(view, n, k, "<meta") || starts_tag(view, n, k, "<title")))
            return 1;
    return 0;
}
