/* title.c - a report's title, the year it reports on and its issuing body,
 * found by the words of title_words.tsv (what each kind does is explained
 * there).
 * The forms these take in the wild are listed in docs/SECTIONS.md. */
#include "report_parts.h"

#include <stdlib.h>
#include <string.h>

#include "gk_report.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "gk_words.h"

/* How far into a report the opening text (title, preamble, statistics
 * period) is looked for, in bytes. */
#define GK_OPENING_BYTES 6000
/* Lines looked at for a title. */
#define GK_TITLE_LINES 20

typedef struct span {
    size_t start, end;
} span;

static size_t chars(const char *s, size_t len)
{
    return gk_utf8_count(s, len);
}

/* The line s[ls..le) without indentation, layout pipes, markdown '#' and
 * trailing blanks. */
static span trim_line(const char *s, size_t ls, size_t le)
{
    size_t i = ls, e = le;
    for (;;) {
        if (i >= e)
            break;
        size_t cl;
        uint32_t c = gk_cp_at(s, e, i, &cl);
        if (c != '|' && c != '#' && !gk_is_space_cp(c))
            break;
        i += cl;
    }
    while (e > i) {
        size_t k = gk_utf8_floor(s, e, e - 1);
        uint32_t c = gk_cp_at(s, e, k, NULL);
        if (c != '|' && !gk_is_space_cp(c))
            break;
        e = k;
    }
    span r = {i, e};
    return r;
}

/* Where the first word of `role` in s[from..len) begins, its length in *n;
 * (size_t)-1 if none. */
static size_t find_word(const gk_report_rules *rules, gk_title_role role,
                        const char *s, size_t len, size_t from, size_t *n)
{
    return gk_words_find(rules->title_words, role, s, len, from, n);
}

/* 1 if s[start..end) holds a word of `role`. */
static int contains(const gk_report_rules *rules, gk_title_role role,
                    const char *s, size_t start, size_t end)
{
    size_t n;
    return find_word(rules, role, s, end, start, &n) != (size_t)-1;
}

/* The length of the longest word of `role` s[0..len) begins with, or 0. */
static size_t word_at(const gk_report_rules *rules, gk_title_role role,
                      const char *s, size_t len)
{
    return gk_words_prefix(rules->title_words, role, s, len);
}

/* The length of the longest word of `role` s[0..len) ends with, or 0. */
static size_t word_before(const gk_report_rules *rules, gk_title_role role,
                          const char *s, size_t len)
{
    return gk_words_suffix(rules->title_words, role, s, len);
}

static int has_sentence_punct(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end;) {
        size_t cl;
        if (gk_is_sentence_punct(gk_cp_at(s, end, i, &cl)))
            return 1;
        i += cl;
    }
    return 0;
}

/* Year at s[i] (not preceded by a digit) followed by a year word (年, 年度,
 * 度) after optional spaces; *end receives the end of that word.  0 if
 * none. */
static int year_token(const gk_report_rules *rules, const char *s, size_t len,
                      size_t i, size_t *end)
{
    if (i > 0) {
        size_t p = gk_utf8_floor(s, len, i - 1);
        uint32_t c = gk_cp_at(s, len, p, NULL);
        if (c >= '0' && c <= '9')
            return 0;
    }
    size_t used;
    int y = gk_report_year_at(s + i, len - i, &used);
    if (y == 0)
        return 0;
    size_t j = i + used;
    while (j < len && s[j] == ' ')
        j++;
    size_t mark = word_at(rules, GK_TITLE_YEAR, s + j, len - j);
    if (mark == 0)
        return 0;
    *end = j + mark;
    return y;
}

/* First year token in s[from..len); its start in *at. */
static int first_year(const gk_report_rules *rules, const char *s, size_t len,
                      size_t from, size_t *at, size_t *end)
{
    for (size_t i = from; i < len;) {
        int y = year_token(rules, s, len, i, end);
        if (y != 0) {
            *at = i;
            return y;
        }
        gk_utf8_next(s, len, &i);
    }
    return 0;
}

int gk_title_is_report(const gk_report_rules *rules, const char *title)
{
    size_t n = strlen(title);
    return contains(rules, GK_TITLE_REPORT, title, 0, n) &&
           contains(rules, GK_TITLE_DISCLOSURE, title, 0, n);
}

/* Record span t as the next piece of the title and append it to b. */
static void take(gk_buf *b, gk_title_spans *where, const char *text, span t)
{
    where->start[where->n] = t.start;
    where->end[where->n++] = t.end;
    gk_buf_add(b, text + t.start, t.end - t.start);
}

char *gk_title_find(const gk_report_rules *rules, const char *text, size_t len,
                    gk_title_spans *where)
{
    memset(where, 0, sizeof *where);
    span lines[GK_TITLE_LINES];
    size_t n = 0;
    for (size_t ls = 0; ls < len && n < GK_TITLE_LINES;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        span t = trim_line(text, ls, le);
        if (t.end > t.start)
            lines[n++] = t;
        ls = le + 1;
    }
    for (size_t k = 0; k < n; k++) {
        span t = lines[k];
        size_t replen;
        size_t rep = find_word(rules, GK_TITLE_REPORT, text, t.end, t.start, &replen);
        if (rep == (size_t)-1) {
            /* "XX镇2020年政府信息公开" + "工作年度报告" */
            if (k + 1 < n && contains(rules, GK_TITLE_HEAD, text, t.start, t.end) &&
                chars(text + t.start, t.end - t.start) <= 40) {
                span u = lines[k + 1];
                if (word_before(rules, GK_TITLE_REPORT, text + u.start, u.end - u.start) > 0 &&
                    chars(text + u.start, u.end - u.start) <= 20) {
                    gk_buf b = {0};
                    take(&b, where, text, t);
                    take(&b, where, text, u);
                    return gk_buf_take(&b, NULL);
                }
            }
            continue;
        }
        size_t nchars = chars(text + t.start, t.end - t.start);
        if (nchars > 60) {
            if (k != 0) /* a sentence that mentions a report */
                continue;
            t.end = rep + replen; /* a report on one line: the title ends at 报告 */
            if (chars(text + t.start, t.end - t.start) > 60)
                continue;
        }
        gk_buf b = {0};
        if (k > 0) {
            span p = lines[k - 1];
            size_t pc = chars(text + p.start, p.end - p.start);
            int starts_year = gk_report_year_at(text + t.start, t.end - t.start, NULL) != 0;
            if (pc <= 30 && !contains(rules, GK_TITLE_REPORT, text, p.start, p.end) &&
                !has_sentence_punct(text, p.start, p.end) &&
                (gk_place_is_body(rules->places, text + p.start, p.end - p.start) ||
                 starts_year)) {
                take(&b, where, text, p);
            }
        }
        take(&b, where, text, t);
        return gk_buf_take(&b, NULL);
    }
    return NULL;
}

/* Copy of s[start..end) with white space removed; malloc'd. */
static char *compact(const char *s, size_t start, size_t end, size_t *outlen)
{
    gk_buf b = {0};
    for (size_t i = start; i < end;) {
        size_t cl;
        uint32_t c = gk_cp_at(s, end, i, &cl);
        if (!gk_is_space_cp(c) && c != '\n')
            gk_buf_add(&b, s + i, cl);
        i += cl;
    }
    return gk_buf_take(&b, outlen);
}

/* 1 if the statistics period's end, year y (right after its digits), is
 * written in c[from..clen) less than 60 bytes on. */
static int period_ends(const gk_report_rules *rules, const char *c, size_t clen,
                       size_t from, int y)
{
    size_t n;
    const char *const *ends = gk_words_of(rules->title_words, GK_TITLE_PERIOD_END, &n);
    for (size_t k = 0; k < n; k++) {
        gk_buf want = {0};
        if (gk_buf_printf(&want, "%d%s", y, ends[k]) != GK_OK)
            return 0;
        size_t close = gk_find(c, clen, from, want.data);
        gk_buf_free(&want);
        if (close != (size_t)-1 && close - from < 60)
            return 1;
    }
    return 0;
}

int gk_year_find(const gk_report_rules *rules, const char *title,
                 const char *text, size_t len)
{
    size_t at, end;
    if (title != NULL) {
        int y = first_year(rules, title, strlen(title), 0, &at, &end);
        if (y != 0)
            return y;
    }
    size_t clen;
    char *c = compact(text, 0, len < GK_OPENING_BYTES ? len : GK_OPENING_BYTES,
                      &clen);
    if (c == NULL)
        return 0;
    int found = 0, first_plain = 0, first_nd = 0;
    for (size_t i = 0; i < clen && found == 0;) {
        int y = year_token(rules, c, clen, i, &end);
        if (y == 0) {
            gk_utf8_next(c, clen, &i);
            continue;
        }
        /* the statistics period: Y年1月1日 ... Y年12月31日 */
        if (word_at(rules, GK_TITLE_PERIOD_START, c + end, clen - end) > 0 &&
            period_ends(rules, c, clen, end, y))
            found = y;
        size_t after = end;
        int is_date = 0;
        while (after < clen && c[after] >= '0' && c[after] <= '9')
            after++;
        if (after > end && word_at(rules, GK_TITLE_MONTH, c + after, clen - after) > 0)
            is_date = 1;
        int nian_du = word_before(rules, GK_TITLE_ANNUAL, c, end) > 0;
        if (nian_du && first_nd == 0)
            first_nd = y;
        if (!is_date && first_plain == 0)
            first_plain = y;
        i = end;
    }
    free(c);
    if (found != 0)
        return found;
    if (first_nd != 0)
        return first_nd;
    return first_plain;
}

/* s[start..end) trimmed of spaces, a leading 关于 and a trailing 的 (the
 * body_before and body_after words); malloc'd. */
static char *clean_body(const gk_report_rules *rules, const char *s,
                        size_t start, size_t end)
{
    span t = trim_line(s, start, end);
    t.start += word_at(rules, GK_TITLE_BODY_BEFORE, s + t.start, t.end - t.start);
    t.end -= word_before(rules, GK_TITLE_BODY_AFTER, s + t.start, t.end - t.start);
    t = trim_line(s, t.start, t.end);
    return gk_strndup(s + t.start, t.end - t.start);
}

static char *accept_body(const gk_report_rules *rules, char *body)
{
    if (body != NULL &&
        (body[0] == '\0' || chars(body, strlen(body)) > 40 ||
         has_sentence_punct(body, 0, strlen(body)) ||
         !gk_place_is_body(rules->places, body, strlen(body)))) {
        free(body);
        return NULL;
    }
    return body;
}

static char *body_from_title(const gk_report_rules *rules, const char *title)
{
    size_t len = strlen(title), mlen;
    size_t m = find_word(rules, GK_TITLE_BODY_END, title, len, 0, &mlen);
    size_t at, end;
    int y = first_year(rules, title, len, 0, &at, &end);
    char *body;
    if (y != 0 && (m == (size_t)-1 || at < m)) {
        body = clean_body(rules, title, 0, at);
        if (body != NULL && body[0] == '\0' && m != (size_t)-1 && m > end) {
            free(body);
            body = clean_body(rules, title, end, m);
        }
    } else if (m != (size_t)-1) {
        body = clean_body(rules, title, 0, m);
    } else {
        return NULL;
    }
    return accept_body(rules, body);
}

/* "本报告(是|由)XXX(依据|根据|按照...)" in the opening text: the preamble,
 * copula and preamble_end words. */
static char *body_from_preamble(const gk_report_rules *rules, const char *text,
                                size_t len)
{
    size_t lim = len < GK_OPENING_BYTES ? len : GK_OPENING_BYTES, plen, vlen;
    for (size_t p = find_word(rules, GK_TITLE_PREAMBLE, text, lim, 0, &plen);
         p != (size_t)-1; p = find_word(rules, GK_TITLE_PREAMBLE, text, lim, p + plen, &plen)) {
        size_t s = p + plen;
        s += word_at(rules, GK_TITLE_COPULA, text + s, lim - s);
        size_t best = find_word(rules, GK_TITLE_PREAMBLE_END, text, lim, s, &vlen);
        if (best == (size_t)-1 || chars(text + s, best - s) > 40)
            continue;
        char *body = accept_body(rules, clean_body(rules, text, s, best));
        if (body != NULL)
            return body;
    }
    return NULL;
}

/* A line of its own among the last lines: the signature. */
static char *body_from_signature(const gk_report_rules *rules,
                                 const char *text, size_t len)
{
    size_t le = len;
    for (int seen = 0; le > 0 && seen < 8;) {
        size_t ls = le;
        while (ls > 0 && text[ls - 1] != '\n')
            ls--;
        span t = trim_line(text, ls, le);
        if (t.end > t.start) {
            seen++;
            if (chars(text + t.start, t.end - t.start) <= 30) {
                char *body = accept_body(rules, clean_body(rules, text, t.start, t.end));
                if (body != NULL)
                    return body;
            }
        }
        if (ls == 0)
            break;
        le = ls - 1;
    }
    return NULL;
}

char *gk_body_find(const gk_report_rules *rules, const char *title,
                   const char *text, size_t len)
{
    char *body = title != NULL ? body_from_title(rules, title) : NULL;
    if (body == NULL)
        body = body_from_preamble(rules, text, len);
    if (body == NULL)
        body = body_from_signature(rules, text, len);
    return body;
}
