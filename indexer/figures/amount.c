/* amount.c - numbers as reports write them: "0.65 万元", "180万元",
 * "100余条", "无", a blank cell. */
#include "gk_figures.h"

#include <stdlib.h>
#include <string.h>

#include "gk_utf8.h"

static int is_blank_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0x3000 || c == 0xA0;
}

/* s[*i..len) starts with lit: consume it. */
static int take(const char *s, size_t len, size_t *i, const char *lit)
{
    size_t n = strlen(lit);
    if (len - *i < n || memcmp(s + *i, lit, n) != 0)
        return 0;
    *i += n;
    return 1;
}

static void skip_blanks(const char *s, size_t len, size_t *i)
{
    while (*i < len) {
        size_t j = *i;
        if (!is_blank_cp(gk_utf8_next(s, len, &j)))
            break;
        *i = j;
    }
}

/* The whole of s[i..len) is one of the words. */
static int only(const char *s, size_t i, size_t len, const char *const *words)
{
    for (size_t k = 0; words[k] != NULL; k++)
        if (strlen(words[k]) == len - i && memcmp(s + i, words[k], len - i) == 0)
            return 1;
    return 0;
}

gk_amount gk_amount_parse(const char *s, size_t len)
{
    static const char *const dashes[] = {"-", "--", "—", "——", "–", "/", "\\",
                                         NULL};
    static const char *const zeros[] = {"无", "零", "没有", "暂无", NULL};
    /* units after the number: money first (longest first), then counts */
    static const struct {
        const char *text;
        double scale;
        int money;
    } units[] = {{"亿元", 1e8, 1}, {"万元", 1e4, 1}, {"元", 1, 1},
                 {"亿", 1e8, 0},   {"万", 1e4, 0},   {"人次", 1, 0},
                 {"件", 1, 0},     {"条", 1, 0},     {"个", 1, 0},
                 {"项", 1, 0},     {"次", 1, 0},     {"起", 1, 0},
                 {"篇", 1, 0},     {"份", 1, 0},     {"家", 1, 0},
                 {"人", 1, 0},     {"户", 1, 0}};
    gk_amount a = {GK_AMOUNT_TEXT, 0, 1, 0, 0};
    size_t i = 0;
    skip_blanks(s, len, &i);
    while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
        len--;
    while (len >= i + 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0) /* U+3000 */
        len -= 3;
    if (i == len) {
        a.kind = GK_AMOUNT_BLANK;
        return a;
    }
    if (only(s, i, len, dashes)) {
        a.kind = GK_AMOUNT_DASH;
        return a;
    }
    if (only(s, i, len, zeros)) {
        a.kind = GK_AMOUNT_ZERO;
        return a;
    }
    if (take(s, len, &i, "约") || take(s, len, &i, "近") || take(s, len, &i, "逾"))
        a.approx = 1;
    skip_blanks(s, len, &i);
    int negative = 0;
    if (i < len && (s[i] == '-' || s[i] == '+')) {
        negative = s[i] == '-';
        i++;
    }
    /* digits, thousands separators (only between digits), one decimal point */
    size_t start = i, digits = 0;
    int point = 0;
    char buf[64];
    size_t n = 0;
    while (i < len && n < sizeof buf - 1) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            buf[n++] = c;
            digits++;
        } else if (c == ',' && digits > 0 && i + 1 < len && s[i + 1] >= '0' &&
                   s[i + 1] <= '9' && !point) {
            /* grouping */
        } else if (c == '.' && !point && digits > 0 && i + 1 < len &&
                   s[i + 1] >= '0' && s[i + 1] <= '9') {
            buf[n++] = c;
            point = 1;
        } else {
            break;
        }
        i++;
    }
    if (digits == 0 || i == start)
        return a;
    buf[n] = '\0';
    double v = strtod(buf, NULL);
    if (take(s, len, &i, "余") || take(s, len, &i, "多") || take(s, len, &i, "以上"))
        a.approx = 1;
    skip_blanks(s, len, &i);
    for (size_t k = 0; k < sizeof units / sizeof units[0] && i < len; k++) {
        if (take(s, len, &i, units[k].text)) {
            a.scale = units[k].scale;
            a.money_unit = units[k].money;
            /* 万 then a count unit: "2万件" */
            if (!units[k].money && units[k].scale != 1)
                for (size_t m = 5; m < sizeof units / sizeof units[0]; m++)
                    if (take(s, len, &i, units[m].text))
                        break;
            break;
        }
    }
    skip_blanks(s, len, &i);
    if (i != len)
        return a; /* "30号", "12%", "2020年", "1.属于国家秘密" */
    a.kind = GK_AMOUNT_NUMBER;
    a.value = negative ? -v : v;
    return a;
}
