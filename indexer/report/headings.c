/* headings.c - finding the top-level section headings of a report.
 *
 * A heading is a number marker (一、 1、 第一部分, or none) followed by text
 * that one of the section table's expressions recognises.  Candidates are
 * found on every line (and, in very long lines, inline after white space or
 * a full stop, for reports whose whole body is one line).  Sub-items such as
 * "1.主动公开" inside a section also look like headings, so the numbered
 * candidates are chosen as the strictly increasing sequence of numbers with
 * the largest weight: lines that hold only a heading, markdown headings and
 * the document's usual numbering style weigh more. */
#include "report_parts.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_report.h"
#include "gk_utf8.h"

enum marker_style { ST_NONE, ST_CN, ST_ARABIC, ST_SUB };

typedef struct cand {
    gk_heading h;
    int after; /* -1, or the section the heading before it must be */
    int number;
    int style;
    int weight;
    int heading_only;
} cand;

/* Longest heading text considered, in characters. */
#define GK_HEADING_MAX 40
/* Lines at least this long are also searched for inline headings. */
#define GK_LONG_LINE 400

uint32_t gk_cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    size_t j = i;
    uint32_t c = gk_utf8_next(s, len, &j);
    if (n != NULL)
        *n = j - i;
    return c;
}

int gk_is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

int gk_is_sentence_punct(uint32_t c)
{
    switch (c) {
    case 0x3002: /* 。 */
    case 0xFF0C: /* ， (folded to ',' by NFKC, kept for safety) */
    case ',':
    case ';':
    case 0xFF1B:
    case ':':
    case 0xFF1A:
    case '!':
    case '?':
    case 0xFF01:
    case 0xFF1F:
        return 1;
    default:
        return 0;
    }
}

size_t gk_find(const char *s, size_t len, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0 || len < n)
        return (size_t)-1;
    for (size_t i = from; i + n <= len; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
            return i;
    return (size_t)-1;
}

static size_t skip_spaces(const char *s, size_t end, size_t i)
{
    while (i < end) {
        size_t n;
        uint32_t c = gk_cp_at(s, end, i, &n);
        if (!gk_is_space_cp(c))
            break;
        i += n;
    }
    return i;
}

/* Past the blanks and the marks a copy doubled after a heading number
 * (一,、 一、, in mirrored pages). */
static size_t skip_marks(const char *s, size_t end, size_t i)
{
    for (;;) {
        i = skip_spaces(s, end, i);
        if (GK_STARTS_WITH(s + i, end - i, "、"))
            i += GK_LEN("、");
        else if (i < end && s[i] == ',')
            i++;
        else
            return i;
    }
}

/* Read the number marker at s[i]; *after is where the heading text starts.
 * `strict` (inline headings) accepts only Chinese numerals with 、. */
static int parse_marker(const char *s, size_t end, size_t i, int strict,
                        int *number, size_t *after)
{
    *number = 0;
    *after = i;
    if (i >= end)
        return ST_NONE;
    if (s[i] == '(')
        return ST_SUB;
    size_t used = 0;
    if (GK_STARTS_WITH(s + i, end - i, "第")) {
        size_t j = i + GK_LEN("第");
        int v = gk_report_cn_number(s + j, end - j, &used);
        j += used;
        int part = GK_STARTS_WITH(s + j, end - j, "部分");
        if (v > 0 && !strict && (part || GK_STARTS_WITH(s + j, end - j, "章"))) {
            j += part ? GK_LEN("部分") : GK_LEN("章");
            *number = v;
            *after = skip_spaces(s, end, j);
            return ST_CN;
        }
        return ST_NONE;
    }
    int v = gk_report_cn_number(s + i, end - i, &used);
    if (v > 0) {
        size_t j = i + used;
        size_t k = skip_spaces(s, end, j);
        if (GK_STARTS_WITH(s + k, end - k, "、")) {
            *number = v;
            *after = skip_marks(s, end, k + GK_LEN("、"));
            return ST_CN;
        }
        if (strict)
            return ST_NONE;
        if (k < end && (s[k] == '.' || s[k] == ',')) {
            *number = v;
            *after = skip_marks(s, end, k + 1);
            return ST_CN;
        }
        if (k < end && s[k] == ')') /* 一) with its opening bracket lost */
            return ST_SUB;
        if (k > j && k < end) { /* "一 概 述": a space instead of 、 */
            *number = v;
            *after = k;
            return ST_CN;
        }
        return ST_NONE;
    }
    if (strict)
        return ST_NONE;
    size_t j = i;
    v = 0;
    while (j < end && j - i < 2 && s[j] >= '0' && s[j] <= '9')
        v = v * 10 + (s[j++] - '0');
    if (j == i || v == 0 || v > 20 || (j < end && s[j] >= '0' && s[j] <= '9'))
        return ST_NONE;
    size_t k = skip_spaces(s, end, j);
    if (GK_STARTS_WITH(s + k, end - k, "、")) {
        *number = v;
        *after = skip_spaces(s, end, k + GK_LEN("、"));
        return ST_ARABIC;
    }
    if (k < end && s[k] == '.' && !(k + 1 < end && s[k + 1] >= '0' && s[k + 1] <= '9')) {
        *number = v;
        *after = skip_spaces(s, end, k + 1);
        return ST_ARABIC;
    }
    return ST_NONE;
}

/* The section whose heading starts at s[from..end), or -1.  White space is
 * removed before matching, so "概  述" is read as "概述". */
static int match_heading(gk_section_table *t, const char *s, size_t end,
                         size_t from, int *after)
{
    *after = -1;
    char compact[GK_HEADING_MAX * 4 + 4];
    size_t n = 0, chars = 0, i = from;
    while (i < end && chars < GK_HEADING_MAX) {
        size_t cl;
        uint32_t c = gk_cp_at(s, end, i, &cl);
        if (c == '\t' || c == '|')
            break;
        if (!gk_is_space_cp(c)) {
            memcpy(compact + n, s + i, cl);
            n += cl;
            chars++;
        }
        i += cl;
    }
    if (n == 0)
        return -1;
    size_t matched = 0;
    int sec = gk_section_table_match(t, compact, n, &matched);
    return sec >= 0 ? sec : gk_section_table_match_follows(t, compact, n, after);
}

/* End of the heading's title: the first sentence punctuation or tab, or
 * GK_HEADING_MAX characters; `stop_at_space` also ends it at white space
 * (inline headings, which the body follows on the same line). */
static size_t title_end(const char *s, size_t end, size_t from,
                        int stop_at_space)
{
    size_t i = from, chars = 0, last = from;
    while (i < end && chars < GK_HEADING_MAX) {
        size_t cl;
        uint32_t c = gk_cp_at(s, end, i, &cl);
        if (gk_is_sentence_punct(c) || c == '\t' || c == '|' ||
            (stop_at_space && gk_is_space_cp(c)))
            break;
        i += cl;
        chars++;
        if (!gk_is_space_cp(c))
            last = i;
    }
    return last;
}

/* 1 if s[from..end) holds nothing but a heading: short, and no sentence
 * punctuation except at its very end. */
static int heading_only(const char *s, size_t end, size_t from, size_t limit)
{
    size_t i = from, chars = 0;
    while (i < end) {
        size_t cl;
        uint32_t c = gk_cp_at(s, end, i, &cl);
        i += cl;
        chars++;
        if (chars > limit)
            return 0;
        if ((gk_is_sentence_punct(c) || c == '\t') && i < end)
            return 0;
    }
    return 1;
}

static int push(cand **v, size_t *n, size_t *cap, const cand *c)
{
    if (GK_ARRAY_RESERVE(*v, *cap, *n + 1) != GK_OK)
        return -1;
    (*v)[(*n)++] = *c;
    return 0;
}

/* Inline headings inside a long line: a Chinese numeral with 、 right after
 * white space or a full stop. */
static int scan_inline(gk_section_table *t, const char *s, size_t ls,
                       size_t le, size_t from, cand **v, size_t *n,
                       size_t *cap)
{
    size_t i = from;
    uint32_t prev = ' ';
    while (i < le) {
        size_t cl;
        uint32_t c = gk_cp_at(s, le, i, &cl);
        if (i > ls && (gk_is_space_cp(prev) || prev == 0x3002 || prev == ';')) {
            int number;
            size_t after;
            if (parse_marker(s, le, i, 1, &number, &after) == ST_CN) {
                int follows;
                int sec = match_heading(t, s, le, after, &follows);
                if (sec >= 0) {
                    cand cd = {{i, i, title_end(s, le, after, 1), sec}, follows,
                               number, ST_CN, 1, 0};
                    if (push(v, n, cap, &cd) != 0)
                        return -1;
                }
            }
        }
        prev = c;
        i += cl;
    }
    return 0;
}

/* Candidates on the line s[ls..le). */
static int scan_line(gk_section_table *t, const char *s, size_t ls, size_t le,
                     cand **v, size_t *n, size_t *cap)
{
    size_t i = ls, end = le;
    while (i < end) { /* indentation, layout pipes, a mirror's stray '?' */
        size_t cl;
        uint32_t c = gk_cp_at(s, end, i, &cl);
        if (c != '|' && c != '?' && !gk_is_space_cp(c))
            break;
        i += cl;
    }
    int markdown = 0;
    while (i < end && s[i] == '#') {
        markdown = 1;
        i++;
    }
    i = skip_spaces(s, end, i);
    while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '|' ||
                       s[end - 1] == '?'))
        end--;
    if (i >= end)
        return 0;
    int number;
    size_t after;
    int style = parse_marker(s, end, i, 0, &number, &after);
    /* a row of several table cells is no heading; a tab typed between the
     * number and the text ("一、<TAB>总体情况" in Word) does not make one */
    if (style != ST_NONE)
        after = skip_spaces(s, end, after);
    int cells = memchr(s + after, '\t', end - after) != NULL ||
                (style == ST_NONE && memchr(s + i, '\t', end - i) != NULL);
    int prev = -1;
    /* an unnumbered line counts only if it holds nothing but a heading:
     * asked first, so that the expressions skip the body's paragraphs */
    int only = heading_only(s, end, after, style == ST_NONE ? 30 : GK_HEADING_MAX);
    int sec = (style == ST_SUB || cells || (style == ST_NONE && !only))
                  ? -1
                  : match_heading(t, s, end, after, &prev);
    if (sec >= 0) {
        cand cd = {{ls, i, title_end(s, end, after, 0), sec}, prev, number, style,
                   1 + only + markdown, only};
        if (push(v, n, cap, &cd) != 0)
            return -1;
    }
    if (le - ls >= GK_LONG_LINE)
        return scan_inline(t, s, ls, le, i + 1, v, n, cap);
    return 0;
}

static int cmp_pos(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->h.pos < y->h.pos ? -1 : x->h.pos > y->h.pos;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/* The better of two chain ends: the heavier, or the earlier of equals. */
typedef struct chain_end {
    long best;
    size_t at; /* (size_t)-1: none */
} chain_end;

static int better(chain_end a, chain_end b)
{
    return a.best > b.best || (a.best == b.best && a.at < b.at);
}

/* Choose the numbered candidates: heaviest strictly increasing sequence
 * (in number and in position).  The heaviest chain ending below each
 * number is kept in a Fenwick tree over the numbers, so that this is
 * O(n log n), not quadratic in a file of ten thousand "1、总体情况"; of
 * chains of equal weight the one through the earliest candidate wins. */
static size_t choose_numbered(cand *c, size_t n, int *chosen)
{
    size_t cn = 0, ar = 0;
    for (size_t i = 0; i < n; i++) {
        cn += c[i].style == ST_CN;
        ar += c[i].style == ST_ARABIC;
    }
    int usual = cn >= ar ? ST_CN : ST_ARABIC;
    long *best = calloc(n ? n : 1, sizeof *best);
    size_t *prev = calloc(n ? n : 1, sizeof *prev);
    int *numbers = malloc((n ? n : 1) * sizeof *numbers);
    chain_end *tree = malloc((n + 1) * sizeof *tree);
    if (best == NULL || prev == NULL || numbers == NULL || tree == NULL) {
        free(best);
        free(prev);
        free(numbers);
        free(tree);
        return 0;
    }
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (c[i].style == ST_CN || c[i].style == ST_ARABIC)
            numbers[distinct++] = c[i].number;
    qsort(numbers, distinct, sizeof *numbers, cmp_int);
    size_t u = 0;
    for (size_t i = 0; i < distinct; i++)
        if (u == 0 || numbers[u - 1] != numbers[i])
            numbers[u++] = numbers[i];
    distinct = u;
    for (size_t k = 0; k <= distinct; k++)
        tree[k] = (chain_end){0, (size_t)-1};
    size_t top = (size_t)-1;
    for (size_t g = 0; g < n;) {
        /* candidates at one position cannot follow each other: all are
         * chained first, then entered */
        size_t ge = g;
        while (ge < n && c[ge].h.pos == c[g].h.pos)
            ge++;
        for (size_t i = g; i < ge; i++) {
            prev[i] = (size_t)-1;
            if (c[i].style != ST_CN && c[i].style != ST_ARABIC)
                continue;
            long w = c[i].weight + (c[i].style == usual);
            int *at = bsearch(&c[i].number, numbers, distinct, sizeof *numbers, cmp_int);
            chain_end e = {0, (size_t)-1};
            for (size_t k = (size_t)(at - numbers); k > 0; k -= k & -k)
                if (better(tree[k], e))
                    e = tree[k];
            best[i] = w + (e.at != (size_t)-1 ? e.best : 0);
            prev[i] = e.at;
            if (top == (size_t)-1 || best[i] > best[top])
                top = i;
        }
        for (size_t i = g; i < ge; i++) {
            if (c[i].style != ST_CN && c[i].style != ST_ARABIC)
                continue;
            int *at = bsearch(&c[i].number, numbers, distinct, sizeof *numbers, cmp_int);
            chain_end e = {best[i], i};
            for (size_t k = (size_t)(at - numbers) + 1; k <= distinct; k += k & -k)
                if (better(e, tree[k]))
                    tree[k] = e;
        }
        g = ge;
    }
    size_t count = 0;
    for (size_t i = top; i != (size_t)-1; i = prev[i]) {
        chosen[i] = 1;
        count++;
    }
    free(best);
    free(prev);
    free(numbers);
    free(tree);
    return count;
}

gk_status gk_headings_find(gk_section_table *t, const char *text, size_t len,
                           gk_heading **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    cand *c = NULL;
    size_t n = 0, cap = 0, lines = 0;
    for (size_t ls = 0; ls < len;) {
        if (++lines % GK_STOP_EVERY == 0 && gk_section_table_stopped(t))
            break; /* the run stops: what is found so far is thrown away */
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        if (scan_line(t, text, ls, le, &c, &n, &cap) != 0) {
            free(c);
            return GK_ENOMEM;
        }
        ls = le + 1;
    }
    if (n == 0)
        return GK_OK;
    qsort(c, n, sizeof *c, cmp_pos);
    int *chosen = calloc(n, sizeof *chosen);
    gk_heading *h = malloc(n * sizeof *h);
    if (chosen == NULL || h == NULL) {
        free(c);
        free(chosen);
        free(h);
        return GK_ENOMEM;
    }
    size_t numbered = choose_numbered(c, n, chosen);
    /* numbering that starts at 2 with the first part's heading written
     * unnumbered on a line of its own before it (总体情况 / 二、…): that
     * line is the first part's heading */
    for (size_t i = 0; i < n; i++) {
        if (!chosen[i])
            continue;
        if (c[i].number == 2) {
            for (size_t j = i; j-- > 0;)
                if (c[j].style == ST_NONE && c[j].heading_only && c[j].after < 0) {
                    chosen[j] = 1;
                    break;
                }
        }
        break;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        /* unnumbered headings count only in reports without numbering */
        if (chosen[i] || (numbered < 2 && c[i].style == ST_NONE))
            if ((k == 0 || h[k - 1].pos != c[i].h.pos) &&
                (c[i].after < 0 || (k > 0 && h[k - 1].section == c[i].after)))
                h[k++] = c[i].h;
    }
    free(c);
    free(chosen);
    if (k == 0) {
        free(h);
        return GK_OK;
    }
    *out = h;
    *nout = k;
    return GK_OK;
}
