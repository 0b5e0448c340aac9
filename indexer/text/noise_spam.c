/* noise_spam.c - gambling spam injected into hijacked copies of reports
 * ("一、总体情况澳门威尼斯人官网", "【大发快三-彩票平台】").
 *
 * A run is a stretch of adjacent lexicon terms with only a few connectors
 * (latin letters, digits, spaces, . - _ | / :) between them; it is spam when its
 * weights reach the threshold and one term is an anchor, so that a lone
 * 澳门, 平台 or 彩票 of a real report is kept.  A weak term glued to a word
 * of the report (政务公开平台, 体育彩票) belongs to that word, not to a run.
 * One pass over the text, a few comparisons per character. */
#include "noise_parts.h"

#include <string.h>

#include "gk_utf8.h"

int gk_noise_is_word_char(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x2FDF) || c == 0x3007 ||
           (c >= 0x3040 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
           c == 0xFFFD;
}

static int ascii_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Dashes, arrows, stars and other decoration: ——, →, ★, ●, ◆. */
static int decoration(uint32_t c)
{
    return (c >= 0x2010 && c <= 0x2015) || (c >= 0x2190 && c <= 0x21FF) ||
           (c >= 0x2500 && c <= 0x27BF);
}

/* May stand between two terms of one run. */
static int connector(uint32_t c)
{
    return ascii_alnum(c) || (c < 0x80 && c != 0 && strchr(" .-_|/:~", (int)c)) ||
           c == 0xB7 || c == 0x2022 || c == 0x30FB || decoration(c);
}

/* Eaten beside a cut run. */
static int separator(uint32_t c)
{
    return (c < 0x80 && c != 0 && strchr(" -_|/~", (int)c)) || c == 0xB7 ||
           c == 0x2022 || c == 0x30FB || c == 0x3000 || decoration(c);
}

/* Glued to a run: the rest of its URL or code ("vns8811.com"). */
static int glue(char c)
{
    return ascii_alnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
}

/* A Chinese numeral: "官网一、总体情况" glues a heading number, not a word. */
static int numeral(uint32_t c)
{
    static const uint32_t digits[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                      0x4E03, 0x516B, 0x4E5D, 0x5341, 0x3007, 0x96F6};
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
        if (c == digits[i])
            return 1;
    return 0;
}

/* The code point before s[i] (not before a); 0 at a.  *n gets its size. */
static uint32_t cp_before(const char *s, size_t a, size_t i, size_t *n)
{
    if (i <= a) {
        *n = 0;
        return 0;
    }
    size_t j = i - 1;
    while (j > a && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t k = j;
    uint32_t c = gk_utf8_next(s, i, &k);
    *n = i - j;
    return c;
}

static uint32_t cp_at(const char *s, size_t b, size_t i, size_t *n)
{
    size_t j = i;
    uint32_t c = gk_utf8_next(s, b, &j);
    *n = j - i;
    return c;
}

static const char *const brackets[][2] = {
    {"\xE3\x80\x90", "\xE3\x80\x91"}, /* 【】 */
    {"[", "]"},
    {"(", ")"},
    {"<", ">"},
    {"\xC2\xAB", "\xC2\xBB"},         /* «» */
    {"\xE3\x80\x94", "\xE3\x80\x95"}, /* 〔〕 */
    {"\xE3\x80\x8A", "\xE3\x80\x8B"}, /* 《》 */
    {"\xE3\x80\x8C", "\xE3\x80\x8D"}, /* 「」 */
    {"\xE3\x80\x8E", "\xE3\x80\x8F"}, /* 『』 */
    {"\xE3\x80\x96", "\xE3\x80\x97"}, /* 〖〗 */
};

/* 1 if s[a..l) ends with an opening bracket and s[r..b) starts with its
 * closing one; their sizes in *ol and *cl. */
static int bracket_pair(const char *s, size_t a, size_t b, size_t l, size_t r,
                        size_t *ol, size_t *cl)
{
    for (size_t k = 0; k < sizeof brackets / sizeof brackets[0]; k++) {
        size_t o = strlen(brackets[k][0]), c = strlen(brackets[k][1]);
        if (l - a >= o && b - r >= c && memcmp(s + l - o, brackets[k][0], o) == 0 &&
            memcmp(s + r, brackets[k][1], c) == 0) {
            *ol = o;
            *cl = c;
            return 1;
        }
    }
    return 0;
}

static size_t skip_separators_back(const char *s, size_t a, size_t i)
{
    size_t n;
    while (i > a && separator(cp_before(s, a, i, &n)))
        i -= n;
    return i;
}

static size_t skip_separators(const char *s, size_t b, size_t i)
{
    size_t n;
    while (i < b && separator(cp_at(s, b, i, &n)))
        i += n;
    return i;
}

/* Longest URL or code glued to a run that is cut with it, in bytes. */
#define GK_SPAM_GLUE_MAX 40

/* Cut the spam run s[start..end) of s[a..b): with what is glued to it, the
 * brackets it leaves empty, and the separators after it, and those before
 * it when nothing follows or nothing precedes them. */
static gk_status cut_run(const char *s, size_t a, size_t b, size_t start,
                         size_t end, gk_range_vec *v)
{
    size_t gl = start, gr = end;
    while (gl > a && start - gl <= GK_SPAM_GLUE_MAX && glue(s[gl - 1]))
        gl--;
    while (gr < b && gr - end <= GK_SPAM_GLUE_MAX && glue(s[gr]))
        gr++;
    if (start - gl <= GK_SPAM_GLUE_MAX) /* longer: a word of the text */
        start = gl;
    if (gr - end <= GK_SPAM_GLUE_MAX)
        end = gr;
    for (;;) {
        size_t l = skip_separators_back(s, a, start);
        size_t r = skip_separators(s, b, end);
        size_t ol, cl;
        if (!bracket_pair(s, a, b, l, r, &ol, &cl))
            break;
        start = l - ol;
        end = r + cl;
    }
    end = skip_separators(s, b, end);
    size_t l = skip_separators_back(s, a, start);
    if (end == b || s[end] == '\t' || l == a || s[l - 1] == '\t')
        start = l;
    return gk_range_vec_push(v, start, end);
}

typedef struct run {
    size_t start, end;
    int weight, max, n;
    /* The weak terms at the end, glued to each other, start after base_*:
     * dropped if a word of the report is glued to them. */
    int tail;
    size_t base_end;
    int base_weight, base_max, base_n;
} run;

static void run_add(run *r, size_t start, size_t end, int weight, int anchor)
{
    if (weight < anchor) {
        if (!(r->tail && start == r->end)) {
            r->tail = 1;
            r->base_end = r->end;
            r->base_weight = r->weight;
            r->base_max = r->max;
            r->base_n = r->n;
        }
    } else {
        r->tail = 0;
    }
    if (r->n == 0)
        r->start = start;
    r->end = end;
    if (r->weight < 1000000) /* far above any threshold; never overflows */
        r->weight += weight;
    if (weight > r->max)
        r->max = weight;
    r->n++;
}

/* End the run; `word_after`: a word of the report is glued to its end. */
static gk_status run_close(const gk_spam_rules *rules, run *r, int word_after,
                           const char *s, size_t a, size_t b, gk_range_vec *v)
{
    if (word_after && r->tail) {
        r->end = r->base_end;
        r->weight = r->base_weight;
        r->max = r->base_max;
        r->n = r->base_n;
    }
    if (r->n == 0 || r->weight < rules->threshold || r->max < rules->anchor)
        return GK_OK;
    return cut_run(s, a, b, r->start, r->end, v);
}

gk_status gk_spam_find(const gk_spam_rules *rules, const char *s, size_t a,
                       size_t b, gk_range_vec *v)
{
    run r;
    int active = 0;
    size_t i = a, n;
    while (i < b) {
        int w;
        size_t m = gk_lexicon_match(&rules->terms, s, b, i, &w);
        if (m > 0) {
            if (!active) {
                if (w < rules->anchor && gk_noise_is_word_char(cp_before(s, a, i, &n))) {
                    i += m; /* part of the word before it */
                    continue;
                }
                memset(&r, 0, sizeof r);
                active = 1;
            }
            run_add(&r, i, i + m, w, rules->anchor);
            i += m;
            continue;
        }
        uint32_t c = cp_at(s, b, i, &n);
        if (active && (!connector(c) || i - r.end >= rules->gap_max)) {
            int word_after = i == r.end && gk_noise_is_word_char(c) && !numeral(c);
            gk_status st = run_close(rules, &r, word_after, s, a, b, v);
            if (st != GK_OK)
                return st;
            active = 0;
        }
        i += n;
    }
    return active ? run_close(rules, &r, 0, s, a, b, v) : GK_OK;
}
