/* amount.c - numbers as reports write them: "0.65 万元", "180万元",
 * "100余条", "无", a blank cell.  The units are those of units.tsv, the
 * words for none, a placeholder and about those of amount_words.tsv. */
#include "amount.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure_rules.h"
#include "gk_utf8.h"

static int is_blank_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0x3000 || c == 0xA0;
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

size_t gk_amount_word_at(const amount_words *w, amount_word_kind kind,
                         const char *s, size_t len)
{
    size_t best = 0;
    for (size_t k = 0; k < w->nwords[kind]; k++) {
        size_t n = strlen(w->words[kind][k]);
        if (n > best && n <= len && memcmp(s, w->words[kind][k], n) == 0)
            best = n;
    }
    return best;
}

/* The whole of s[0..len) is a word of `kind`. */
static int only(const amount_words *w, amount_word_kind kind, const char *s,
                size_t len)
{
    for (size_t k = 0; k < w->nwords[kind]; k++)
        if (strlen(w->words[kind][k]) == len && memcmp(s, w->words[kind][k], len) == 0)
            return 1;
    return 0;
}

/* s[*i..len) begins with a word of `kind`: consume the longest. */
static int take_word(const amount_words *w, amount_word_kind kind,
                     const char *s, size_t len, size_t *i)
{
    size_t n = gk_amount_word_at(w, kind, s + *i, len - *i);
    *i += n;
    return n > 0;
}

/* The longest unit s begins with that keep() accepts. */
static const amount_unit *unit_at(const amount_words *w, const char *s,
                                  size_t len, int (*keep)(const amount_unit *))
{
    const amount_unit *best = NULL;
    for (size_t k = 0; k < w->nunits; k++) {
        const amount_unit *u = &w->units[k];
        size_t n = strlen(u->text);
        if ((best == NULL || n > strlen(best->text)) && n <= len &&
            memcmp(s, u->text, n) == 0 && (keep == NULL || keep(u)))
            best = u;
    }
    return best;
}

static int is_money(const amount_unit *u)
{
    return u->money;
}

/* A count of single things: what may follow 万 ("2万件"). */
static int is_plain_count(const amount_unit *u)
{
    return !u->money && u->scale == 1;
}

const amount_unit *gk_amount_unit_at(const amount_words *w, const char *s,
                                     size_t len, int money_only)
{
    return unit_at(w, s, len, money_only ? is_money : NULL);
}

const amount_unit *gk_amount_unit_named(const amount_words *w, const char *s,
                                        size_t len)
{
    for (size_t k = 0; k < w->nunits; k++)
        if (strlen(w->units[k].text) == len && memcmp(s, w->units[k].text, len) == 0)
            return &w->units[k];
    return NULL;
}

gk_amount gk_amount_read_with(const amount_words *w, const char *s, size_t len)
{
    gk_amount a = {GK_AMOUNT_TEXT, 0, 1, 0, 0};
    size_t i = 0;
    skip_blanks(s, len, &i);
    while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
        len--;
    while (GK_ENDS_WITH(s + i, len - i, GK_IDEOGRAPHIC_SPACE))
        len -= GK_LEN(GK_IDEOGRAPHIC_SPACE);
    if (i == len) {
        a.kind = GK_AMOUNT_BLANK;
        return a;
    }
    if (only(w, AMOUNT_DASH, s + i, len - i)) {
        a.kind = GK_AMOUNT_DASH;
        return a;
    }
    if (only(w, AMOUNT_ZERO, s + i, len - i)) {
        a.kind = GK_AMOUNT_ZERO;
        return a;
    }
    if (take_word(w, AMOUNT_ABOUT, s, len, &i))
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
    if (take_word(w, AMOUNT_MORE, s, len, &i))
        a.approx = 1;
    skip_blanks(s, len, &i);
    const amount_unit *u = unit_at(w, s + i, len - i, NULL);
    if (u != NULL) {
        i += strlen(u->text);
        a.scale = u->scale;
        a.money_unit = u->money;
        if (!u->money && u->scale != 1) { /* 万 then a count unit: "2万件" */
            const amount_unit *c = unit_at(w, s + i, len - i, is_plain_count);
            if (c != NULL)
                i += strlen(c->text);
        }
    }
    skip_blanks(s, len, &i);
    if (i != len)
        return a; /* "30号", "12%", "2020年", "1.属于国家秘密" */
    a.kind = GK_AMOUNT_NUMBER;
    a.value = negative ? -v : v;
    return a;
}

double gk_amount_scaled(double value, double scale)
{
    double r = value * scale;
    if (fabs(r) < 1e9) /* millionths stay exact in a double up to 9e9 */
        r = round(r * 1e6) / 1e6;
    return r;
}

gk_amount gk_amount_read(const gk_figure_rules *rules, const char *s,
                         size_t len)
{
    return gk_amount_read_with(&rules->amounts, s, len);
}
