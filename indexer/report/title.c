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
#define GK_TITLE_LINES 40

typedef struct span {
    size_t start, end;
} span;

static size_t chars(const char *s, size_t len)
{
    return gk_utf8_count(s, len);
}

/* The dots web pages put before the items of a list (• 名称:…). */
static int is_bullet(uint32_t c)
{
    return c == 0x2022 || c == 0x00B7 || c == 0x25CF || c == 0x25AA || c == '-' ||
           c == '*';
}

/* The line s[ls..le) without indentation, list bullets, layout pipes,
 * markdown '#' and trailing blanks. */
static span trim_line(const char *s, size_t ls, size_t le)
{
    size_t i = ls, e = le;
    for (;;) {
        if (i >= e)
            break;
        size_t cl;
        uint32_t c = gk_cp_at(s, e, i, &cl);
        if (c != '|' && c != '#' && !is_bullet(c) && !gk_is_space_cp(c))
            break;
        i += cl;
    }
    while (e > i) { /* a mirror's stray '?' at line ends too */
        size_t k = gk_utf8_floor(s, e, e - 1);
        uint32_t c = gk_cp_at(s, e, k, NULL);
        if (c != '|' && c != '?' && !gk_is_space_cp(c))
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

/* The end of s[start..end) without a bracketed tail ("（2020年）", "[全文]")
 * and trailing blanks. */
static size_t before_bracket_tail(const char *s, size_t start, size_t end)
{
    span t = trim_line(s, start, end);
    if (t.end <= t.start)
        return t.end;
    size_t last = gk_utf8_floor(s, t.end, t.end - 1);
    uint32_t c = gk_cp_at(s, t.end, last, NULL);
    uint32_t open = c == ')' ? '(' : c == 0x3011 ? 0x3010 : c == ']' ? '[' : 0;
    if (open == 0)
        return t.end;
    for (size_t i = last; i > t.start;) {
        i = gk_utf8_floor(s, t.end, i - 1);
        if (gk_cp_at(s, t.end, i, NULL) == open)
            return trim_line(s, t.start, i).end;
    }
    return t.end;
}

/* 1 if s[start..end) reads like a disclosure report's title: a disclosure
 * word, a report word at its end (before a bracketed tail), no not_report
 * word. */
static int is_report_title(const gk_report_rules *rules, const char *s,
                           size_t start, size_t end)
{
    size_t e = before_bracket_tail(s, start, end), at, yend;
    if (first_year(rules, s, e, start, &at, &yend) != 0 && at > start &&
        word_before(rules, GK_TITLE_LEAD, s + start, trim_line(s, start, at).end - start) > 0)
        return 0; /* a headline: 某县发布2019年…年度报告 */
    return e > start && contains(rules, GK_TITLE_DISCLOSURE, s, start, e) &&
           word_before(rules, GK_TITLE_REPORT, s + start, e - start) > 0 &&
           !contains(rules, GK_TITLE_NOT_REPORT, s, start, e);
}

int gk_title_is_report(const gk_report_rules *rules, const char *title)
{
    return is_report_title(rules, title, 0, strlen(title));
}

/* If a label of `role` begins at s[i] (blanks between its characters
 * allowed: 索 引 号) and is followed by ':' or a cell border (TAB, '|'),
 * where its value begins; else 0. */
static size_t label_at(const gk_report_rules *rules, gk_title_role role,
                       const char *s, size_t len, size_t i)
{
    char buf[64];
    size_t src_end[64]; /* src_end[k]: where in s the compact bytes [0..k) end */
    size_t n = 0, j = i;
    for (size_t nchars = 0; j < len && nchars < 12 && n + 4 < sizeof buf;) {
        size_t cl;
        uint32_t c = gk_cp_at(s, len, j, &cl);
        if (c == '\n' || c == '\t' || c == '|' || c == ':')
            break;
        j += cl;
        if (gk_is_space_cp(c)) {
            if (nchars == 0)
                return 0;
            continue;
        }
        memcpy(buf + n, s + j - cl, cl);
        n += cl;
        src_end[n] = j;
        nchars++;
    }
    size_t m = word_at(rules, role, buf, n);
    if (m == 0)
        return 0;
    j = src_end[m];
    /* a label written with blanks between its characters (标      题) */
    int spaced = j - i > m;
    while (j < len && (s[j] == ' ' || s[j] == '\t'))
        j++;
    if (j < len && (s[j] == ':' || s[j] == '|'))
        return j + 1;
    if (j > src_end[m] && (s[j - 1] == '\t' || spaced))
        return j;
    return 0;
}

/* A label of the page's metadata (any kind) at s[i]: where its value
 * begins, or 0. */
static size_t any_label_at(const gk_report_rules *rules, const char *s,
                           size_t len, size_t i)
{
    static const gk_title_role roles[] = {GK_TITLE_TITLE_LABEL, GK_TITLE_PUBLISHER,
                                          GK_TITLE_META_LABEL};
    for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
        size_t v = label_at(rules, roles[r], s, len, i);
        if (v != 0)
            return v;
    }
    return 0;
}

/* In the metadata line t, the value of the first label of `role`: from
 * after its ':' to the next label, TAB or '|' (or, with stop_at_space, the
 * first blank).  0 if the line has no such label. */
static int meta_value(const gk_report_rules *rules, gk_title_role role,
                      const char *s, span t, int stop_at_space, span *out)
{
    for (size_t i = t.start; i < t.end;) {
        size_t v = label_at(rules, role, s, t.end, i);
        if (v == 0) {
            gk_utf8_next(s, t.end, &i);
            continue;
        }
        v = trim_line(s, v, t.end).start;
        size_t e = v;
        while (e < t.end) {
            size_t cl;
            uint32_t c = gk_cp_at(s, t.end, e, &cl);
            if (c == '\t' || c == '|' || (stop_at_space && gk_is_space_cp(c)) ||
                any_label_at(rules, s, t.end, e) != 0)
                break;
            e += cl;
        }
        *out = trim_line(s, v, e);
        return out->end > out->start;
    }
    return 0;
}

/* 1 if the line t is the page's metadata: it begins with a label and ':',
 * or it is a row of cells ('|') one of which is a label (公开目录 | 部门信息
 * 公开年报 | 发布日期 | 2024-01-29: the cells around a label are metadata
 * too, whatever their first one says). */
static int is_meta_line(const gk_report_rules *rules, const char *s, span t)
{
    if (any_label_at(rules, s, t.end, t.start) != 0)
        return 1;
    for (size_t i = t.start; i < t.end; i++) {
        if (s[i] != '|')
            continue;
        size_t c = trim_line(s, i + 1, t.end).start;
        if (c < t.end && any_label_at(rules, s, t.end, c) != 0)
            return 1;
    }
    return 0;
}

/* The first breadcrumb separator in s[from..len) (with `weak`, a
 * crumb_weak one too: '|' between the parts of 首页 | 政务公开 | …); its
 * length in *n; (size_t)-1 if none. */
static size_t next_sep(const gk_report_rules *rules, const char *s, size_t len,
                       size_t from, int weak, size_t *n)
{
    size_t p = find_word(rules, GK_TITLE_CRUMB_SEP, s, len, from, n), wn;
    if (weak) {
        size_t w = find_word(rules, GK_TITLE_CRUMB_WEAK, s, len, from, &wn);
        if (w < p) {
            *n = wn;
            return w;
        }
    }
    return p;
}

/* 0: the line s[t] is no breadcrumb; 1: one with crumb_sep separators
 * only; 2: one that begins like a breadcrumb (首页, 当前位置), whose
 * crumb_weak separators count too. */
static int crumb_kind(const gk_report_rules *rules, const char *s, span t)
{
    if (contains(rules, GK_TITLE_CRUMB_START, s, t.start, t.end))
        return 2;
    return contains(rules, GK_TITLE_CRUMB_SEP, s, t.start, t.end) ? 1 : 0;
}

/* Where what follows the last breadcrumb separator in s[start..upto)
 * begins; start if there is none. */
static size_t after_crumb(const gk_report_rules *rules, const char *s,
                          size_t start, size_t upto, int weak)
{
    size_t at = start, n;
    for (size_t p = next_sep(rules, s, upto, start, weak, &n); p != (size_t)-1;
         p = next_sep(rules, s, upto, p + n, weak, &n))
        at = p + n;
    return at;
}

/* A title written twice on its line ("某局…报告 某局…报告"): the first. */
static span undouble(const char *s, span t)
{
    for (size_t i = t.start; i < t.end;) {
        size_t cl;
        uint32_t c = gk_cp_at(s, t.end, i, &cl);
        if (gk_is_space_cp(c)) {
            span a = trim_line(s, t.start, i), b = trim_line(s, i, t.end);
            if (a.end - a.start == b.end - b.start && a.end > a.start &&
                memcmp(s + a.start, s + b.start, a.end - a.start) == 0)
                return a;
        }
        i += cl;
    }
    return t;
}

/* A title glued after a breadcrumb part that ends in a report word
 * ("年度报告某乡2020年…年度报告"): the title alone. */
static span drop_report_prefix(const gk_report_rules *rules, const char *s,
                               span t)
{
    size_t n;
    size_t p = find_word(rules, GK_TITLE_REPORT, s, t.end, t.start, &n);
    if (p != (size_t)-1 && p + n < t.end && is_report_title(rules, s, p + n, t.end) &&
        contains(rules, GK_TITLE_REPORT, s, p + n, t.end))
        t.start = trim_line(s, p + n, t.end).start;
    return t;
}

/* s[start..end) without one sentence full stop at its end. */
static size_t drop_full_stop(const char *s, size_t start, size_t end)
{
    span t = trim_line(s, start, end);
    if (t.end > t.start) {
        size_t k = gk_utf8_floor(s, t.end, t.end - 1);
        uint32_t c = gk_cp_at(s, t.end, k, NULL);
        if (c == 0x3002 || c == '.' || c == ';')
            return k;
    }
    return t.end;
}

static char *body_from_title(const gk_report_rules *rules, const char *title);

/* 1 if the title s[start..end) names an issuing body. */
static int body_in_title(const gk_report_rules *rules, const char *s,
                         size_t start, size_t end)
{
    char *t = gk_strndup(s + start, end - start);
    char *body = t != NULL ? body_from_title(rules, t) : NULL;
    free(t);
    free(body);
    return body != NULL;
}

/* 1 if s[start..end) may stand as a title found inside a sentence or a
 * breadcrumb: a report's title, not too long, naming its body (现向社会公布
 * 2017年度政府信息公开年度报告 and 编制我乡2013年…年度报告 name none). */
static int sentence_title(const gk_report_rules *rules, const char *s,
                          size_t start, size_t end)
{
    return end > start && chars(s + start, end - start) <= 60 &&
           !has_sentence_punct(s, start, end) && is_report_title(rules, s, start, end) &&
           body_in_title(rules, s, start, end);
}

/* Longest word (我乡, 本单位, 的) allowed between a lead word and the year
 * of a title given in a sentence without its body. */
#define GK_SENTENCE_PRONOUN_CHARS 3

/* 1 if *t, a report's name given in a sentence that names no body, begins
 * with its year after at most `prefix` characters (现向社会公布2017年度…
 * 年度报告; 编制我乡2013年…年度报告, 编制本单位2023年度…: the name from
 * the year on, the pronoun dropped); *t is narrowed to start at the year. */
static int year_led_title(const gk_report_rules *rules, const char *s, span *t,
                          size_t prefix)
{
    size_t at, yend;
    if (t->end <= t->start || first_year(rules, s, t->end, t->start, &at, &yend) == 0 ||
        chars(s + t->start, at - t->start) > prefix || has_sentence_punct(s, t->start, at) ||
        contains(rules, GK_TITLE_DISCLOSURE, s, t->start, at))
        return 0;
    if (chars(s + at, t->end - at) > 60 || has_sentence_punct(s, at, t->end) ||
        !is_report_title(rules, s, at, t->end) ||
        word_before(rules, GK_TITLE_NAME_END, s + at,
                    before_bracket_tail(s, at, t->end) - at) == 0)
        return 0;
    /* whose disclosure: 政府信息公开, 政务公开, 我街道信息公开; not
     * 本机关信息公开 or a bare 信息公开 */
    size_t dn, d = find_word(rules, GK_TITLE_DISCLOSURE, s, t->end, yend, &dn);
    if (d == (size_t)-1)
        return 0;
    span x = trim_line(s, yend, d);
    x.end = before_bracket_tail(s, x.start, x.end); /* 某镇政府（机关） */
    int place = x.end > x.start &&
                (gk_place_is_generic(rules->places, s + x.start, x.end - x.start) ||
                 gk_place_is_body(rules->places, s + x.start, x.end - x.start));
    x.end -= word_before(rules, GK_TITLE_GOVERNMENT, s + x.start, x.end - x.start);
    if ((x.end > x.start && !place) ||
        (!place && !contains(rules, GK_TITLE_OWNER, s, yend, d + dn)))
        return 0;
    t->start = at;
    return 1;
}

/* The title given inside a sentence of the opening text: in 《…》, or after
 * a lead word (公布, 发布…) up to the report word that closes the clause. */
static int title_in_sentence(const gk_report_rules *rules, const char *text,
                             size_t from, size_t len, int year_led, span *out)
{
    size_t lim = len - from < GK_OPENING_BYTES ? len : from + GK_OPENING_BYTES, n;
    for (size_t p = find_word(rules, GK_TITLE_REPORT, text, lim, from, &n); p != (size_t)-1;
         p = find_word(rules, GK_TITLE_REPORT, text, lim, p + n, &n)) {
        size_t e = p + n;
        size_t cl = 0;
        uint32_t next = e < lim ? gk_cp_at(text, lim, e, &cl) : '\n';
        size_t start = (size_t)-1;
        if (next == 0x300B) { /* 》: the opening 《 after a lead word */
            for (size_t i = p; i > 0 && p - i < 240;) {
                i = gk_utf8_floor(text, lim, i - 1);
                uint32_t c = gk_cp_at(text, lim, i, NULL);
                if (c == '\n' || c == 0x300B)
                    break;
                if (c == 0x300A) {
                    start = i + GK_LEN("《");
                    break;
                }
            }
        } else if (next == '\n' || next == '(' || gk_is_sentence_punct(next) ||
                   word_at(rules, GK_TITLE_COPULA, text + e, lim - e) > 0 ||
                   word_at(rules, GK_TITLE_CLAUSE_END, text + e, lim - e) > 0) {
            /* the clause: back to a line start or punctuation, then its last
             * lead word */
            size_t cs = p;
            while (cs > 0) {
                size_t q = gk_utf8_floor(text, lim, cs - 1);
                uint32_t c = gk_cp_at(text, lim, q, NULL);
                if (c == '\n' || gk_is_sentence_punct(c) || c == 0x300A || c == 0x300B)
                    break;
                cs = q;
            }
            size_t ln;
            for (size_t q = find_word(rules, GK_TITLE_LEAD, text, p, cs, &ln);
                 q != (size_t)-1; q = find_word(rules, GK_TITLE_LEAD, text, p, q + ln, &ln))
                start = q + ln;
            /* the name as the clause's subject: 某镇2019年…年度报告是根据… */
            if (start == (size_t)-1 && word_at(rules, GK_TITLE_COPULA, text + e, lim - e) > 0)
                start = cs;
        }
        if (start == (size_t)-1)
            continue;
        span t = trim_line(text, start, e);
        if (year_led ? year_led_title(rules, text, &t,
                                      next == 0x300B ? 0 : GK_SENTENCE_PRONOUN_CHARS)
                     : sentence_title(rules, text, t.start, t.end)) {
            *out = t;
            return 1;
        }
    }
    return 0;
}

/* The title on line k of lines[0..n) (joined with a neighbour when split
 * over two lines), in *where; 0 if the line holds none.  one_line: the
 * whole report is written on its one line. */
static int line_title(const gk_report_rules *rules, const char *text,
                      const span *lines, const int *plain, size_t k, size_t n,
                      int one_line, gk_title_spans *where)
{
    span t = lines[k];
    memset(where, 0, sizeof *where);
    if (is_meta_line(rules, text, t)) {
        /* 名称: the title; any other label: no title here */
        if (!meta_value(rules, GK_TITLE_TITLE_LABEL, text, t, 0, &t))
            return 0;
    }
    int crumb = plain[k] ? 0 : crumb_kind(rules, text, t);
    size_t replen, rep, from = t.start;
    for (;;) {
        /* a report word inside a breadcrumb's part (首页 > 年度报告 >
         * 2019年度) is no title's */
        rep = find_word(rules, GK_TITLE_REPORT, text, t.end, from, &replen);
        size_t sn, sep = rep == (size_t)-1 || !crumb
                             ? (size_t)-1
                             : next_sep(rules, text, t.end, rep, crumb == 2, &sn);
        if (sep == (size_t)-1 || chars(text + rep, sep - rep) > 40 ||
            has_sentence_punct(text, rep, sep))
            break;
        from = sep + sn;
    }
    if (rep == (size_t)-1) {
        /* "XX镇2020年政府信息公开" + "工作年度报告" */
        if (plain[k] && k + 1 < n && plain[k + 1] &&
            contains(rules, GK_TITLE_HEAD, text, t.start, t.end) &&
            chars(text + t.start, t.end - t.start) <= 40) {
            span u = lines[k + 1];
            if (word_before(rules, GK_TITLE_REPORT, text + u.start, u.end - u.start) > 0 &&
                chars(text + u.start, u.end - u.start) <= 20) {
                where->start[0] = t.start;
                where->end[0] = t.end;
                where->start[1] = u.start;
                where->end[1] = u.end;
                where->n = 2;
                return 1;
            }
        }
        return 0;
    }
    if (crumb) {
        /* a title glued after a breadcrumb: what follows its last part,
         * if that is a title, not the column (信息公开年报) */
        t.start = trim_line(text, after_crumb(rules, text, t.start, rep, crumb == 2), t.end).start;
        span u = drop_report_prefix(rules, text, undouble(text, t));
        if (chars(text + u.start, u.end - u.start) > 60 ||
            !sentence_title(rules, text, u.start, drop_full_stop(text, u.start, u.end)))
            return 0;
    }
    t = undouble(text, t);
    if (chars(text + t.start, t.end - t.start) > 60) {
        /* a sentence that mentions a report, unless the whole report is
         * this one line (its first heading inside it, after the opening) */
        if (!one_line)
            return 0;
        t.end = rep + replen; /* a report on one line: the title ends at 报告 */
        if (chars(text + t.start, t.end - t.start) > 60 ||
            !is_report_title(rules, text, t.start, t.end))
            return 0;
    }
    t.end = drop_full_stop(text, t.start, t.end);
    if (has_sentence_punct(text, t.start, t.end) ||
        word_at(rules, GK_TITLE_PREAMBLE, text + t.start, t.end - t.start) > 0)
        return 0; /* a sentence (本年报是…): its title, if any, is found by
                   * title_in_sentence */
    t = drop_report_prefix(rules, text, t);
    size_t qn;
    if (!is_report_title(rules, text, t.start, t.end) &&
        find_word(rules, GK_TITLE_QUOTE, text, t.end, t.start, &qn) != (size_t)-1)
        return 0; /* 现将《某镇…年度报告》公布如下: the title is in 《》 */
    if (k > 0 && plain[k] && plain[k - 1] && !body_in_title(rules, text, t.start, t.end)) {
        span p = lines[k - 1];
        size_t pc = chars(text + p.start, p.end - p.start);
        int starts_year = gk_report_year_at(text + t.start, t.end - t.start, NULL) != 0;
        if (pc <= 30 && !contains(rules, GK_TITLE_REPORT, text, p.start, p.end) &&
            !has_sentence_punct(text, p.start, p.end) &&
            word_before(rules, GK_TITLE_SITE, text + p.start, p.end - p.start) == 0 &&
            (gk_place_is_body(rules->places, text + p.start, p.end - p.start) ||
             starts_year)) {
            where->start[where->n] = p.start;
            where->end[where->n++] = p.end;
        }
    }
    where->start[where->n] = t.start;
    where->end[where->n++] = t.end;
    return 1;
}

static char *join_spans(const char *text, const gk_title_spans *w)
{
    gk_buf b = {0};
    if (gk_buf_reserve(&b, 1) != GK_OK)
        return NULL;
    for (size_t k = 0; k < w->n; k++)
        gk_buf_add(&b, text + w->start[k], w->end[k] - w->start[k]);
    return gk_buf_take(&b, NULL);
}

char *gk_title_find(const gk_report_rules *rules, const char *text, size_t len,
                    gk_title_spans *where)
{
    memset(where, 0, sizeof *where);
    span lines[GK_TITLE_LINES];
    int plain[GK_TITLE_LINES]; /* neither breadcrumb nor metadata */
    size_t n = 0;
    for (size_t ls = 0; ls < len && n < GK_TITLE_LINES;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        span t = trim_line(text, ls, le);
        if (t.end > t.start) {
            plain[n] = !is_meta_line(rules, text, t) && crumb_kind(rules, text, t) == 0;
            lines[n++] = t;
        }
        ls = le + 1;
    }
    /* the opening ends inside its only line: the first heading follows on
     * the same line */
    int one_line = n == 1 && len > 0 && text[len - 1] != '\n';
    for (size_t k = 0; k < n; k++) {
        if (!line_title(rules, text, lines, plain, k, n, one_line, where))
            continue;
        char *title = join_spans(text, where);
        if (title == NULL)
            return NULL;
        char *body = body_from_title(rules, title);
        int has_body = body != NULL;
        if (has_body) {
            /* a page header's title without the year (某局政府信息公开年度
             * 报告), the full title with it below: the full one, when it
             * names the same body */
            size_t at, yend, tl = strlen(title);
            for (size_t j = k + 1;
                 j < n && first_year(rules, title, tl, 0, &at, &yend) == 0; j++) {
                gk_title_spans w2;
                if (!line_title(rules, text, lines, plain, j, n, one_line, &w2))
                    continue;
                char *t2 = join_spans(text, &w2);
                char *b2 = t2 != NULL ? body_from_title(rules, t2) : NULL;
                int full = b2 != NULL && strcmp(b2, body) == 0 &&
                           first_year(rules, t2, strlen(t2), 0, &at, &yend) != 0;
                free(b2);
                if (full) {
                    free(body);
                    free(title);
                    *where = w2;
                    return t2;
                }
                free(t2);
            }
            free(body);
            return title;
        }
        /* a page header's title without the body ("2015年…年度报告"),
         * repeated below with it ("某乡人民政府" / "2015年…年度报告") */
        size_t tl = strlen(title);
        for (size_t j = k + 1; j < n; j++) {
            gk_title_spans w2;
            if (!line_title(rules, text, lines, plain, j, n, one_line, &w2))
                continue;
            char *t2 = join_spans(text, &w2);
            char *b2 = t2 != NULL ? body_from_title(rules, t2) : NULL;
            size_t l2 = t2 != NULL ? strlen(t2) : 0;
            int longer = b2 != NULL && l2 > tl && memcmp(t2 + l2 - tl, title, tl) == 0;
            free(b2);
            if (longer) {
                free(title);
                *where = w2;
                return t2;
            }
            free(t2);
        }
        return title;
    }
    span t;
    if (title_in_sentence(rules, text, 0, len, 0, &t)) {
        where->start[0] = t.start;
        where->end[0] = t.end;
        where->n = 1;
        where->sentence = 1;
        return gk_strndup(text + t.start, t.end - t.start);
    }
    return NULL;
}

char *gk_title_other_doc(const gk_report_rules *rules, const char *text,
                         size_t len, gk_title_spans *where)
{
    memset(where, 0, sizeof *where);
    size_t n = 0;
    for (size_t ls = 0; ls < len && n < GK_TITLE_LINES;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        span t = trim_line(text, ls, le);
        ls = le + 1;
        if (t.end <= t.start)
            continue;
        n++;
        if (is_meta_line(rules, text, t) || crumb_kind(rules, text, t) != 0)
            continue;
        t = undouble(text, t);
        if (chars(text + t.start, t.end - t.start) > 60 || has_sentence_punct(text, t.start, t.end) ||
            !contains(rules, GK_TITLE_DISCLOSURE, text, t.start, t.end) ||
            word_before(rules, GK_TITLE_OTHER_DOC, text + t.start, t.end - t.start) == 0)
            continue;
        where->start[0] = t.start;
        where->end[0] = t.end;
        where->n = 1;
        return gk_strndup(text + t.start, t.end - t.start);
    }
    return NULL;
}

char *gk_title_in_part(const gk_report_rules *rules, const char *text,
                       size_t start, size_t end, gk_title_spans *where)
{
    span t;
    memset(where, 0, sizeof *where);
    if (!title_in_sentence(rules, text, start, end, 0, &t))
        return NULL;
    where->start[0] = t.start;
    where->end[0] = t.end;
    where->n = 1;
    where->sentence = 1;
    return gk_strndup(text + t.start, t.end - t.start);
}

char *gk_title_in_sentence(const gk_report_rules *rules, const char *text, size_t len,
                           gk_title_spans *where)
{
    span t;
    memset(where, 0, sizeof *where);
    if (!title_in_sentence(rules, text, 0, len, 1, &t))
        return NULL;
    where->start[0] = t.start;
    where->end[0] = t.end;
    where->n = 1;
    return gk_strndup(text + t.start, t.end - t.start);
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

/* The body in title[from..): before the first body_end word that leaves a
 * body's name before it (沁源县人民政府信息公开年度报告: not 沁源县人民). */
static char *body_before_end(const gk_report_rules *rules, const char *title,
                             size_t from, size_t len)
{
    size_t n;
    for (size_t m = find_word(rules, GK_TITLE_BODY_END, title, len, from, &n);
         m != (size_t)-1; m = find_word(rules, GK_TITLE_BODY_END, title, len, m + 1, &n)) {
        char *body = accept_body(rules, clean_body(rules, title, from, m));
        if (body != NULL)
            return body;
    }
    return NULL;
}

static char *body_from_title(const gk_report_rules *rules, const char *title)
{
    size_t len = strlen(title), mlen;
    size_t m = find_word(rules, GK_TITLE_BODY_END, title, len, 0, &mlen);
    size_t at, end;
    int y = first_year(rules, title, len, 0, &at, &end);
    if (y != 0 && (m == (size_t)-1 || at < m)) {
        char *body = accept_body(rules, clean_body(rules, title, 0, at));
        if (body == NULL && m != (size_t)-1 && m > end)
            body = body_before_end(rules, title, end, len);
        return body;
    }
    return m != (size_t)-1 ? body_before_end(rules, title, 0, len) : NULL;
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
        size_t near = lim - s > 160 ? s + 160 : lim; /* 40 characters on */
        size_t best = find_word(rules, GK_TITLE_PREAMBLE_END, text, near, s, &vlen);
        if (best == (size_t)-1 || chars(text + s, best - s) > 40)
            continue;
        char *body = accept_body(rules, clean_body(rules, text, s, best));
        if (body != NULL)
            return body;
    }
    /* a clause that opens with the body: ",鹤峰县教育局编制了本年度报告",
     * "2019年,东营区政府按照…" */
    for (size_t p = find_word(rules, GK_TITLE_PREAMBLE_END, text, lim, 0, &vlen);
         p != (size_t)-1; p = find_word(rules, GK_TITLE_PREAMBLE_END, text, lim, p + vlen, &vlen)) {
        size_t cs = p;
        while (cs > 0 && p - cs < 120) {
            size_t q = gk_utf8_floor(text, lim, cs - 1);
            uint32_t c = gk_cp_at(text, lim, q, NULL);
            if (c == '\n' || gk_is_sentence_punct(c) || c == 0x3001 /* 、 */)
                break;
            cs = q;
        }
        if (cs == p || chars(text + cs, p - cs) > 30)
            continue;
        char *body = accept_body(rules, clean_body(rules, text, cs, p));
        if (body != NULL)
            return body;
    }
    return NULL;
}

/* The government a body's office belongs to (某乡人民政府党政办公室 ->
 * 某乡人民政府): the name up to its last government suffix, not one that
 * opens a disclosure word (某市人民政府办公室政府信息公开中心: 某市人民政府). */
static char *government_of(const gk_report_rules *rules, char *body)
{
    size_t len = strlen(body);
    for (size_t end = len; end > 0; end--) {
        size_t g = word_before(rules, GK_TITLE_GOVERNMENT, body, end);
        if (g > 0 && g < end && end < len &&
            word_at(rules, GK_TITLE_BODY_END, body + end - g, len - (end - g)) == 0) {
            /* a township's office under its district's government
             * (临川区人民政府温泉镇办公室): the township, not the district */
            size_t cut = end;
            for (size_t k = len; k > end; k = gk_utf8_floor(body, len, k - 1)) {
                gk_place rest;
                gk_place_split(rules->places, body + end, k - end, &rest);
                if (rest.township[0] != '\0' && strlen(rest.township) == k - end) {
                    cut = k;
                    break;
                }
            }
            body[cut] = '\0';
            return body;
        }
    }
    return body;
}

/* body if it names a place (a township, county or city), else NULL: the
 * one to contact may be 县政府办公室, no issuer. */
static char *names_place(const gk_report_rules *rules, char *body)
{
    gk_place p;
    if (body == NULL)
        return NULL;
    gk_place_split(rules->places, body, strlen(body), &p);
    if (p.township[0] == '\0' && p.county[0] == '\0' && p.city[0] == '\0') {
        free(body);
        return NULL;
    }
    return body;
}

/* The body given as the one to contact: an address that is a body's name
 * (地址:青神县罗波乡人民政府), or 与某乡人民政府办公室联系 (its government). */
static char *body_from_contact(const gk_report_rules *rules, const char *text,
                               size_t len)
{
    size_t n, vlen;
    for (size_t p = find_word(rules, GK_TITLE_ADDRESS, text, len, 0, &n); p != (size_t)-1;
         p = find_word(rules, GK_TITLE_ADDRESS, text, len, p + n, &n)) {
        size_t v = p + n;
        while (v < len && (text[v] == ':' || text[v] == ' '))
            v++;
        if (v == p + n)
            continue;
        size_t e = v;
        while (e < len && e - v < 120) {
            size_t cl;
            uint32_t c = gk_cp_at(text, len, e, &cl);
            if (c == '\n' || c == ')' || gk_is_sentence_punct(c) || gk_is_space_cp(c))
                break;
            e += cl;
        }
        char *body = names_place(rules, accept_body(rules, clean_body(rules, text, v, e)));
        if (body != NULL)
            return government_of(rules, body);
    }
    for (size_t p = find_word(rules, GK_TITLE_CONTACT_OPEN, text, len, 0, &n); p != (size_t)-1;
         p = find_word(rules, GK_TITLE_CONTACT_OPEN, text, len, p + n, &n)) {
        size_t s = p + n;
        s += word_at(rules, GK_TITLE_CONTACT_OPEN, text + s, len - s); /* 可与 */
        /* within 40 characters (at most 4 bytes each) */
        size_t near = len - s > 160 ? s + 160 : len;
        size_t e = find_word(rules, GK_TITLE_CONTACT_CLOSE, text, near, s, &vlen);
        if (e == (size_t)-1 || chars(text + s, e - s) > 40 || has_sentence_punct(text, s, e))
            continue;
        /* the government of the office named, whatever the office is
         * called (某街道办事处党政办) */
        char *office = clean_body(rules, text, s, e);
        char *body = office != NULL ? government_of(rules, office) : NULL;
        body = names_place(rules, accept_body(rules, body));
        if (body != NULL)
            return body;
    }
    return NULL;
}

/* The end of a signature line s[start..end) before the date written after
 * the body on the same line ("某镇人民政府 2021年1月20日"). */
static size_t before_date(const gk_report_rules *rules, const char *s,
                          size_t start, size_t end)
{
    size_t at, yend;
    if (first_year(rules, s, end, start, &at, &yend) == 0 || at == start)
        return end;
    for (size_t i = yend; i < end;) {
        size_t cl;
        uint32_t c = gk_cp_at(s, end, i, &cl);
        if (!(c >= '0' && c <= '9') && !gk_is_space_cp(c) &&
            word_at(rules, GK_TITLE_MONTH, s + i, end - i) == 0 &&
            c != 0x65E5 /* 日 */ && c != 0x53F7 /* 号 */)
            return end;
        i += cl;
    }
    return at;
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
            t.end = before_date(rules, text, t.start, t.end);
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

/* The lines of the opening text, one after the other: *t receives the next
 * non-empty line from *at on; 0 when there is none among the first
 * GK_TITLE_LINES. */
static int next_opening_line(const char *text, size_t len, size_t *at,
                             size_t *seen, span *t)
{
    size_t lim = len < GK_OPENING_BYTES ? len : GK_OPENING_BYTES;
    while (*at < lim && *seen < GK_TITLE_LINES) {
        const char *nl = memchr(text + *at, '\n', lim - *at);
        size_t le = nl ? (size_t)(nl - text) : lim;
        *t = trim_line(text, *at, le);
        *at = le + 1;
        if (t->end > t->start) {
            (*seen)++;
            return 1;
        }
    }
    return 0;
}

/* The k-th '|' cell of the line t (trimmed) in *out; 0 if it has fewer. */
static int pipe_cell(const char *s, span t, size_t k, span *out)
{
    size_t from = t.start;
    for (size_t i = 0;; i++) {
        const char *bar = memchr(s + from, '|', t.end - from);
        size_t to = bar != NULL ? (size_t)(bar - s) : t.end;
        if (i == k) {
            *out = trim_line(s, from, to);
            return 1;
        }
        if (bar == NULL)
            return 0;
        from = to + 1;
    }
}

/* A metadata header row (索引号 | 公开方式 | 发布机构 |) whose publisher
 * cell is a label alone: the cell below it in the next row, in *v. */
static int publisher_below(const gk_report_rules *rules, const char *text, span t,
                           span next, span *v)
{
    span cell;
    for (size_t k = 0; pipe_cell(text, t, k, &cell); k++)
        if (cell.end > cell.start &&
            word_at(rules, GK_TITLE_PUBLISHER, text + cell.start, cell.end - cell.start) ==
                cell.end - cell.start)
            return pipe_cell(text, next, k, v) && v->end > v->start &&
                   !is_meta_line(rules, text, next);
    return 0;
}

/* The value of a 发布机构 (publisher) label in the page's metadata, beside
 * it or in the cell below it. */
static char *body_from_metadata(const gk_report_rules *rules, const char *text,
                                size_t len)
{
    size_t at = 0, seen = 0;
    span t, v, prev = {0, 0};
    while (next_opening_line(text, len, &at, &seen, &t)) {
        if ((prev.end > prev.start && publisher_below(rules, text, prev, t, &v)) ||
            (is_meta_line(rules, text, t) &&
             meta_value(rules, GK_TITLE_PUBLISHER, text, t, 1, &v))) {
            char *body = accept_body(rules, clean_body(rules, text, v.start, v.end));
            if (body != NULL)
                return body;
        }
        prev = is_meta_line(rules, text, t) ? t : (span){0, 0};
    }
    return NULL;
}

/* Lines of the opening read for the subject of their first sentence. */
#define GK_SUBJECT_LINES 6

/* The subject of a line's first sentence, when it is a body's name that
 * names a place: 2022年,某市某区人民政府办公室在…指导下; 某苏木认真贯彻
 * 落实… (the subject_end words close it). */
static char *body_from_subject(const gk_report_rules *rules, const char *text,
                               size_t len)
{
    size_t at = 0, seen = 0, n;
    span t;
    while (seen < GK_SUBJECT_LINES && next_opening_line(text, len, &at, &seen, &t)) {
        size_t cs = t.start, y, yend;
        if (first_year(rules, text, t.end, cs, &y, &yend) != 0 && y == cs) {
            cs = yend; /* the year it opens with, and its comma */
            while (cs < t.end && (text[cs] == ',' || text[cs] == ' '))
                cs++;
        }
        size_t near = t.end - cs > 160 ? cs + 160 : t.end;
        size_t p = find_word(rules, GK_TITLE_SUBJECT_END, text, near, cs, &n);
        if (p == (size_t)-1 || p == cs || has_sentence_punct(text, cs, p))
            continue;
        char *body = names_place(rules, accept_body(rules, clean_body(rules, text, cs, p)));
        if (body != NULL)
            return body;
    }
    return NULL;
}

/* The last part of a breadcrumb that names a body
 * (首页 > 乡镇信息公开 > 某乡 > …). */
static char *body_from_breadcrumb(const gk_report_rules *rules,
                                  const char *text, size_t len)
{
    size_t at = 0, seen = 0;
    span t;
    while (next_opening_line(text, len, &at, &seen, &t)) {
        size_t n;
        size_t p = find_word(rules, GK_TITLE_CRUMB_SEP, text, t.end, t.start, &n);
        if (p == (size_t)-1)
            continue;
        char *best = NULL;
        for (size_t from = t.start; from < t.end;) {
            size_t to = p != (size_t)-1 ? p : t.end;
            span part = trim_line(text, from, to);
            /* the part after a label (您当前所在位置: 首页) */
            for (size_t i = part.start; i < part.end;) {
                size_t cl;
                if (gk_cp_at(text, part.end, i, &cl) == ':')
                    part.start = trim_line(text, i + cl, part.end).start;
                i += cl;
            }
            if (part.end > part.start &&
                !contains(rules, GK_TITLE_REPORT, text, part.start, part.end)) {
                char *body = accept_body(rules, clean_body(rules, text, part.start, part.end));
                if (body != NULL) {
                    free(best);
                    best = body;
                }
            }
            if (p == (size_t)-1)
                break;
            from = p + n;
            p = find_word(rules, GK_TITLE_CRUMB_SEP, text, t.end, from, &n);
        }
        if (best != NULL)
            return best;
    }
    return NULL;
}

/* 1 if the places two bodies name do not contradict each other: each level
 * both name is the same place (allowing a changed suffix). */
static int places_agree(const gk_report_rules *rules, const gk_place *a,
                        const gk_place *b)
{
    const char *pa[4] = {a->province, a->city, a->county, a->township};
    const char *pb[4] = {b->province, b->city, b->county, b->township};
    for (size_t k = 0; k < 4; k++) {
        if (pa[k][0] == '\0' || pb[k][0] == '\0' || strcmp(pa[k], pb[k]) == 0)
            continue;
        char sa[64], sb[64];
        gk_place_stem(rules->places, pa[k], sa, sizeof sa);
        gk_place_stem(rules->places, pb[k], sb, sizeof sb);
        if (sa[0] == '\0' || strcmp(sa, sb) != 0)
            return 0;
    }
    return 1;
}

static int levels(const gk_place *p)
{
    return (p->province[0] != '\0') + (p->city[0] != '\0') + (p->county[0] != '\0') +
           (p->township[0] != '\0');
}

/* 1 if body is a government's name (ends in 人民政府, 办事处: the
 * government words). */
static int is_government(const gk_report_rules *rules, const char *body)
{
    return word_before(rules, GK_TITLE_GOVERNMENT, body, strlen(body)) > 0;
}

/* The body the text names outside its title: the places that name it
 * (metadata, preamble, signature, breadcrumb, contact), the one naming most
 * levels if they agree; NULL if they contradict each other or none does.
 * *place receives its parts. */
static char *body_elsewhere(const gk_report_rules *rules, const char *text,
                            size_t len, gk_place *place)
{
    enum { NSOURCES = 6 };
    char *found[NSOURCES] = {body_from_metadata(rules, text, len),
                             body_from_preamble(rules, text, len),
                             body_from_subject(rules, text, len),
                             body_from_signature(rules, text, len),
                             body_from_breadcrumb(rules, text, len),
                             body_from_contact(rules, text, len)};
    gk_place places[NSOURCES];
    int best = -1, clash = 0;
    for (int k = 0; k < NSOURCES; k++) {
        if (found[k] == NULL)
            continue;
        gk_place_split(rules->places, found[k], strlen(found[k]), &places[k]);
        for (int j = 0; j < k; j++)
            if (found[j] != NULL && !places_agree(rules, &places[j], &places[k]))
                clash = 1;
        /* the one naming most levels; of those naming as many, a
         * government's name before a bare place (合川区 / 合川区人民政府)
         * or an office of it (某镇人民政府党政办公室) */
        if (best < 0 || levels(&places[k]) > levels(&places[best]) ||
            (levels(&places[k]) == levels(&places[best]) &&
             is_government(rules, found[k]) && !is_government(rules, found[best])))
            best = k;
    }
    char *body = NULL;
    if (!clash && best >= 0) {
        body = found[best];
        found[best] = NULL;
        *place = places[best];
    }
    for (int k = 0; k < NSOURCES; k++)
        free(found[k]);
    return body;
}

/* The government of the bare place a title names (洪江市2020年…), when the
 * opening text names that very government by a formal_government word
 * (洪江市人民政府门户网站, 怀化市洪江市人民政府): "洪江市人民政府"; else
 * body itself.  Takes body. */
static char *government_named(const gk_report_rules *rules, const char *text,
                              size_t len, char *body)
{
    size_t bl = strlen(body), lim = len < GK_OPENING_BYTES ? len : GK_OPENING_BYTES;
    gk_place p;
    gk_place_split(rules->places, body, bl, &p);
    const char *last = p.township[0] ? p.township : p.county[0] ? p.county
                     : p.city[0] ? p.city : p.province;
    size_t ll = strlen(last);
    if (ll == 0 || ll > bl || strcmp(body + bl - ll, last) != 0)
        return body; /* not a bare place: 某市财政局 */
    /* the longest formal name of it the text gives */
    size_t best = 0, best_g = 0;
    for (size_t i = 0; bl > 0 && i + bl <= lim; i++) {
        if (memcmp(text + i, body, bl) != 0)
            continue;
        size_t from = i + bl;
        size_t g = word_at(rules, GK_TITLE_FORMAL_GOVERNMENT, text + from, lim - from);
        if (g == 0 || word_at(rules, GK_TITLE_BODY_END, text + from, lim - from) != 0)
            continue; /* 某乡人民政府信息公开: the report's subject, not a name */
        if (g > best_g) {
            best = from;
            best_g = g;
        }
    }
    if (best_g == 0)
        return body;
    char *gov = malloc(bl + best_g + 1);
    if (gov == NULL)
        return body;
    memcpy(gov, body, bl);
    memcpy(gov + bl, text + best, best_g);
    gov[bl + best_g] = '\0';
    free(body);
    return gov;
}

char *gk_body_find(const gk_report_rules *rules, const char *title,
                   const char *text, size_t len)
{
    char *body = title != NULL ? body_from_title(rules, title) : NULL;
    if (body != NULL) {
        if (is_government(rules, body))
            return body;
        /* the title names the bare place (资阳区2020年…): the government
         * of that very place, when the text names it elsewhere
         * (益阳市资阳区人民政府), is the body, named as the title names
         * its place (资阳区人民政府) */
        gk_place place;
        char *gov = body_elsewhere(rules, text, len, &place);
        size_t bl = strlen(body), gl = gov != NULL ? strlen(gov) : 0;
        for (size_t i = 0; gov != NULL && i + bl < gl; i++) {
            if (memcmp(gov + i, body, bl) == 0 && word_at(rules, GK_TITLE_GOVERNMENT, gov + i + bl,
                                                          gl - i - bl) == gl - i - bl) {
                free(body);
                memmove(gov, gov + i, gl - i + 1); /* the place as the title names it */
                return gov;
            }
        }
        free(gov);
        return government_named(rules, text, len, body);
    }
    /* no body in the title: every other place the text names it; when they
     * contradict each other, none */
    gk_place place;
    return body_elsewhere(rules, text, len, &place);
}

void gk_place_hint(const gk_report_rules *rules, const char *text, size_t len,
                   gk_place *out)
{
    memset(out, 0, sizeof *out);
    gk_place place;
    char *body = body_elsewhere(rules, text, len, &place);
    if (body == NULL)
        return;
    free(body);
    memcpy(out->county, place.county, sizeof out->county);
    memcpy(out->city, place.city, sizeof out->city);
    memcpy(out->province, place.province, sizeof out->province);
}

int gk_title_page_line(const gk_report_rules *rules, const char *text,
                       size_t start, size_t end, size_t *vstart, size_t *vend)
{
    span t = trim_line(text, start, end), v;
    *vstart = *vend = 0;
    if (is_meta_line(rules, text, t)) {
        if (meta_value(rules, GK_TITLE_TITLE_LABEL, text, t, 0, &v)) {
            *vstart = v.start;
            *vend = v.end;
        }
        return 1;
    }
    return crumb_kind(rules, text, t) != 0;
}
