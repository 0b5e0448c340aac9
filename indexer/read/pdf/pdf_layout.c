/* pdf_layout.c - a PDF page's characters, with their boxes, set as lines.
 *
 * A PDF says where each character goes, not in which order to read them:
 * content streams draw in any order, and the reader's own reading order
 * (poppler's) puts every cell of a table row in a block of its own.  The
 * page is therefore rebuilt from geometry:
 *  1. consecutive characters of the reader's lines vote for the direction
 *     the text runs (0, 90, 180 or 270 degrees), and every box is turned so
 *     that the winning direction reads left to right;
 *  2. characters whose boxes overlap vertically by at least half the
 *     smaller height share a line; lines go top to bottom, characters left
 *     to right; a reader's line that runs in another direction (a rotated
 *     label) stays whole, as a line of its own;
 *  3. the gap between two characters becomes nothing, a space or a tab,
 *     measured in font sizes and character widths.
 */
#include "pdf_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk_utf8.h"

#define GK_SPACE_LATIN 0.15  /* font sizes: a word gap between Latin letters */
#define GK_SPACE_CJK 0.5     /* font sizes: a gap beside a CJK character */
#define GK_TAB_WIDTHS 2.0    /* character widths: a gap between table cells */
#define GK_MIN_WIDTH 0.5     /* font sizes: narrowest width a gap is measured in */
#define GK_LINE_OVERLAP 0.5  /* of the smaller height: on the same line */
#define GK_BLANK_GAP 1.2     /* line heights between lines: a blank line */
#define GK_MARGIN 0.15       /* of the page height: header and footer zones */
#define GK_LINE_LOOKBACK 64  /* recent lines a character may join */
#define GK_RUN_MIN_PAIRS 3   /* pairs of glyphs that show a run's direction */
#define GK_RUN_AGREEMENT 0.75 /* share of its pairs that must agree */
#define GK_DUP_LOOKBACK 4    /* kept characters a duplicate is looked for in */
#define GK_DUP_SHIFT 0.3     /* widths: a repeat this close is a duplicate */

/* ---- directions ---------------------------------------------------------- */

/* Directions are quarter turns: 0 runs right, 1 down, 2 left, 3 up. */

static double center_x(const gk_pdf_glyph *g) { return (g->x1 + g->x2) / 2; }
static double center_y(const gk_pdf_glyph *g) { return (g->y1 + g->y2) / 2; }

/* The direction from a to b, or -1 when they share a centre. */
static int pair_direction(const gk_pdf_glyph *a, const gk_pdf_glyph *b)
{
    double dx = center_x(b) - center_x(a), dy = center_y(b) - center_y(a);
    if (dx == 0 && dy == 0)
        return -1;
    if (fabs(dx) >= fabs(dy))
        return dx > 0 ? 0 : 2;
    return dy > 0 ? 1 : 3;
}

/* Turn a box a quarter turn, so that text running down reads right. */
static void quarter_turn(double *x1, double *y1, double *x2, double *y2)
{
    double nx1 = *y1, nx2 = *y2, ny1 = -*x2, ny2 = -*x1;
    *x1 = nx1;
    *x2 = nx2;
    *y1 = ny1;
    *y2 = ny2;
}

static void turn_box(double *x1, double *y1, double *x2, double *y2, int turns)
{
    for (int i = 0; i < turns; i++)
        quarter_turn(x1, y1, x2, y2);
}

/* The direction most consecutive pairs of glyphs take, as the result; in
 * run_dir[], the direction of each run that clearly has one (-1 for the
 * others: readers join stray characters of rotated text into odd runs). */
static int vote_directions(const gk_pdf_glyph *g, size_t n, signed char *run_dir)
{
    size_t page_votes[4] = {0, 0, 0, 0};
    size_t start = 0;
    while (start < n) {
        size_t end = start + 1;
        size_t votes[4] = {0, 0, 0, 0};
        while (end < n && g[end].run == g[start].run) {
            int d = pair_direction(&g[end - 1], &g[end]);
            if (d >= 0)
                votes[d]++;
            end++;
        }
        int best = -1;
        size_t total = 0;
        for (int d = 0; d < 4; d++) {
            page_votes[d] += votes[d];
            total += votes[d];
            if (votes[d] > 0 && (best < 0 || votes[d] > votes[best]))
                best = d;
        }
        if (best >= 0 && (votes[best] < GK_RUN_MIN_PAIRS ||
                          votes[best] < GK_RUN_AGREEMENT * (double)total))
            best = -1;
        for (size_t i = start; i < end; i++)
            run_dir[i] = (signed char)best;
        start = end;
    }
    int page = 0;
    for (int d = 1; d < 4; d++)
        if (page_votes[d] > page_votes[page])
            page = d;
    return page;
}

/* ---- lines --------------------------------------------------------------- */

typedef struct line {
    double top, bottom;  /* band: the box of its first glyph (by centre) */
    double left;         /* leftmost glyph */
    size_t first;        /* smallest glyph index, to keep ties stable */
    int foreign_turns;   /* > 0: a rotated run, turned this much to read */
} line;

typedef struct page {
    gk_pdf_glyph *g;
    size_t n;
    line *lines;
    size_t nlines;
    size_t *line_of;     /* glyph -> line */
    size_t *order;       /* glyph indices in reading order */
    struct sort_key *keys;
} page;

/* What gets sorted: item i by a, then b, then c. */
typedef struct sort_key {
    double a, b;
    size_t c, i;
} sort_key;

static int by_key(const void *x, const void *y)
{
    const sort_key *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    if (p->c != q->c)
        return p->c < q->c ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

static size_t new_line(page *p, const gk_pdf_glyph *g, size_t i, int turns)
{
    line *l = &p->lines[p->nlines];
    l->top = g->y1;
    l->bottom = g->y2;
    l->left = g->x1;
    l->first = i;
    l->foreign_turns = turns;
    return p->nlines++;
}

/* The recent line g shares most height with, or SIZE_MAX. */
static size_t joinable_line(const page *p, const gk_pdf_glyph *g)
{
    size_t best = SIZE_MAX;
    double best_share = -1;
    size_t stop = p->nlines > GK_LINE_LOOKBACK ? p->nlines - GK_LINE_LOOKBACK : 0;
    for (size_t k = p->nlines; k-- > stop;) {
        const line *l = &p->lines[k];
        if (l->foreign_turns > 0)
            continue;
        double overlap = fmin(l->bottom, g->y2) - fmax(l->top, g->y1);
        double h = fmin(l->bottom - l->top, g->y2 - g->y1);
        if (overlap < 0 || overlap < GK_LINE_OVERLAP * h)
            continue;
        double share = h > 0 ? overlap / h : 1;
        if (share > best_share) {
            best_share = share;
            best = k;
        }
    }
    return best;
}

/* Assign every glyph to a line and put p->order in reading order: lines top
 * to bottom, glyphs left to right (rotated runs: in the reader's order). */
static void build_lines(page *p, const signed char *run_dir, int page_dir)
{
    size_t nregular = 0;
    for (size_t i = 0; i < p->n; i++) {
        int d = run_dir[i];
        const gk_pdf_glyph *g = &p->g[i];
        if (d >= 0 && d != page_dir) {
            /* A rotated run: one line, its band the union of its boxes. */
            if (i == 0 || p->g[i - 1].run != g->run)
                new_line(p, g, i, (d - page_dir + 4) % 4);
            line *l = &p->lines[p->nlines - 1];
            l->top = fmin(l->top, g->y1);
            l->bottom = fmax(l->bottom, g->y2);
            l->left = fmin(l->left, g->x1);
            p->line_of[i] = p->nlines - 1;
        } else {
            p->keys[nregular++] = (sort_key){center_y(g), 0, i, i};
        }
    }
    qsort(p->keys, nregular, sizeof *p->keys, by_key);
    for (size_t k = 0; k < nregular; k++) {
        size_t i = p->keys[k].i;
        const gk_pdf_glyph *g = &p->g[i];
        size_t l = joinable_line(p, g);
        if (l == SIZE_MAX) {
            l = new_line(p, g, i, 0);
        } else {
            p->lines[l].left = fmin(p->lines[l].left, g->x1);
            if (i < p->lines[l].first)
                p->lines[l].first = i;
        }
        p->line_of[i] = l;
    }

    for (size_t l = 0; l < p->nlines; l++) {
        const line *ln = &p->lines[l];
        p->keys[l] = (sort_key){(ln->top + ln->bottom) / 2, ln->left, ln->first, l};
    }
    qsort(p->keys, p->nlines, sizeof *p->keys, by_key);
    size_t *rank = p->order; /* scratch until the last sort */
    for (size_t k = 0; k < p->nlines; k++)
        rank[p->keys[k].i] = k;
    for (size_t i = 0; i < p->n; i++) {
        size_t l = p->line_of[i];
        double x = p->lines[l].foreign_turns == 0 ? p->g[i].x1 : 0;
        p->keys[i] = (sort_key){(double)rank[l], x, i, i};
    }
    qsort(p->keys, p->n, sizeof *p->keys, by_key);
    for (size_t k = 0; k < p->n; k++)
        p->order[k] = p->keys[k].i;
}

/* ---- gaps ---------------------------------------------------------------- */

int gk_pdf_is_cjk(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) ||   /* Hangul Jamo */
           (cp >= 0x2E80 && cp <= 0xA4CF) ||   /* radicals .. CJK, Yi */
           (cp >= 0xAC00 && cp <= 0xD7A3) ||   /* Hangul syllables */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility ideographs */
           (cp >= 0xFE30 && cp <= 0xFE4F) ||   /* compatibility forms */
           (cp >= 0xFF00 && cp <= 0xFF60) ||   /* full-width forms */
           (cp >= 0xFFE0 && cp <= 0xFFE6) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);   /* supplementary ideographs */
}

typedef struct box {
    double x1, y1, x2, y2, size;
} box;

/* A glyph's box as its line reads it. */
static box reading_box(const gk_pdf_glyph *g, int turns)
{
    box b = {g->x1, g->y1, g->x2, g->y2, g->size};
    turn_box(&b.x1, &b.y1, &b.x2, &b.y2, turns);
    if (b.size <= 0)
        b.size = b.y2 - b.y1;
    return b;
}

/* What goes between two neighbours on a line: 0, ' ' or '\t'. */
static char separator(const box *a, uint32_t acp, const box *b, uint32_t bcp)
{
    double em = fmax(a->size, b->size);
    double gap = b->x1 - a->x2;
    double wa = fmax(a->x2 - a->x1, GK_MIN_WIDTH * a->size);
    double wb = fmax(b->x2 - b->x1, GK_MIN_WIDTH * b->size);
    if (em <= 0 || gap <= 0)
        return 0;
    if (gap >= GK_TAB_WIDTHS * (wa + wb) / 2)
        return '\t';
    int cjk_a = gk_pdf_is_cjk(acp), cjk_b = gk_pdf_is_cjk(bcp);
    if (cjk_a && cjk_b)
        return 0;
    if (gap >= (cjk_a || cjk_b ? GK_SPACE_CJK : GK_SPACE_LATIN) * em)
        return ' ';
    return 0;
}

/* 1 if b repeats a (same character drawn again on top, as for fake bold). */
static int duplicate(const gk_pdf_glyph *a, const gk_pdf_glyph *b)
{
    if (a->cp != b->cp)
        return 0;
    double w = fmax(a->x2 - a->x1, b->x2 - b->x1);
    double overlap = fmin(a->y2, b->y2) - fmax(a->y1, b->y1);
    return fabs(a->x1 - b->x1) <= GK_DUP_SHIFT * w && overlap > 0;
}

/* ---- text ---------------------------------------------------------------- */

typedef struct text_line {
    size_t off, len;      /* in the page's text */
    double top, bottom;   /* extent of its glyphs */
    int dropped;
} text_line;

static gk_status add_cp(gk_buf *b, uint32_t cp)
{
    char u[4];
    return gk_buf_add(b, u, gk_utf8_put(u, cp));
}

/* Render the lines (p->order) into text, one text_line each. */
static gk_status render_lines(const page *p, gk_buf *text, text_line *tl)
{
    size_t k = 0, nt = 0;
    while (k < p->n) {
        size_t l = p->line_of[p->order[k]];
        int turns = p->lines[l].foreign_turns;
        text_line *t = &tl[nt++];
        t->off = text->len;
        t->top = HUGE_VAL;
        t->bottom = -HUGE_VAL;
        t->dropped = 0;
        size_t kept[GK_DUP_LOOKBACK], nkept = 0;
        box prev = {0, 0, 0, 0, 0};
        uint32_t prev_cp = 0;
        for (; k < p->n && p->line_of[p->order[k]] == l; k++) {
            const gk_pdf_glyph *g = &p->g[p->order[k]];
            int dup = 0;
            for (size_t j = 0; j < nkept && !dup; j++)
                dup = duplicate(&p->g[kept[j]], g);
            if (dup)
                continue;
            if (nkept == GK_DUP_LOOKBACK)
                memmove(kept, kept + 1, --nkept * sizeof *kept);
            kept[nkept++] = p->order[k];
            t->top = fmin(t->top, g->y1);
            t->bottom = fmax(t->bottom, g->y2);
            box b = reading_box(g, turns);
            char sep = text->len > t->off ? separator(&prev, prev_cp, &b, g->cp) : 0;
            gk_status st = sep != 0 ? gk_buf_addc(text, sep) : GK_OK;
            if (st == GK_OK)
                st = add_cp(text, g->cp);
            if (st != GK_OK)
                return st;
            prev = b;
            prev_cp = g->cp;
        }
        t->len = text->len - t->off;
    }
    return GK_OK;
}

/* Drop lines of page numbers in the top and bottom margins. */
static void drop_page_numbers(const char *text, text_line *tl, size_t nt,
                              double top, double bottom)
{
    double zone = GK_MARGIN * (bottom - top);
    for (size_t i = 0; i < nt && tl[i].bottom <= top + zone; i++)
        if (gk_pdf_is_page_number(text + tl[i].off, tl[i].len))
            tl[i].dropped = 1;
    for (size_t i = nt; i-- > 0 && tl[i].top >= bottom - zone;)
        if (gk_pdf_is_page_number(text + tl[i].off, tl[i].len))
            tl[i].dropped = 1;
}

static gk_status emit_lines(gk_buf *out, const char *text, const text_line *tl,
                            size_t nt)
{
    const text_line *prev = NULL;
    for (size_t i = 0; i < nt; i++) {
        const text_line *t = &tl[i];
        if (t->dropped)
            continue;
        gk_status st = GK_OK;
        if (prev != NULL) {
            double h = fmax(prev->bottom - prev->top, t->bottom - t->top);
            if (t->top - prev->bottom > GK_BLANK_GAP * h)
                st = gk_buf_addc(out, '\n');
        }
        if (st == GK_OK)
            st = gk_buf_add(out, text + t->off, t->len);
        if (st == GK_OK)
            st = gk_buf_addc(out, '\n');
        if (st != GK_OK)
            return st;
        prev = t;
    }
    return GK_OK;
}

gk_status gk_pdf_layout_page(gk_buf *out, gk_pdf_glyph *glyphs, size_t n,
                             double width, double height)
{
    if (n == 0)
        return GK_OK;
    page p = {glyphs, n, NULL, 0, NULL, NULL, NULL};
    signed char *run_dir = malloc(n);
    p.lines = malloc(n * sizeof *p.lines);
    p.line_of = malloc(n * sizeof *p.line_of);
    p.order = malloc(n * sizeof *p.order);
    p.keys = malloc(n * sizeof *p.keys);
    text_line *tl = malloc(n * sizeof *tl);
    gk_buf text = {0};
    gk_status st = GK_ENOMEM;
    if (run_dir == NULL || p.lines == NULL || p.line_of == NULL ||
        p.order == NULL || p.keys == NULL || tl == NULL)
        goto done;

    int dir = vote_directions(glyphs, n, run_dir);
    for (size_t i = 0; i < n; i++)
        turn_box(&glyphs[i].x1, &glyphs[i].y1, &glyphs[i].x2, &glyphs[i].y2, dir);
    double px1 = 0, py1 = 0, px2 = width, py2 = height;
    turn_box(&px1, &py1, &px2, &py2, dir);
    build_lines(&p, run_dir, dir);
    st = render_lines(&p, &text, tl);
    if (st == GK_OK) {
        drop_page_numbers(text.data, tl, p.nlines, fmin(py1, py2), fmax(py1, py2));
        st = emit_lines(out, text.data, tl, p.nlines);
    }
done:
    gk_buf_free(&text);
    free(tl);
    free(p.keys);
    free(p.order);
    free(p.line_of);
    free(p.lines);
    free(run_dir);
    return st;
}
