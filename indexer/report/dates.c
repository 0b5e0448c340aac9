/* dates.c - a calendar date as reports write it: "2022年1月20日",
 * "2022 年 01 月 20 日", "二〇二二年一月二十日", "二〇二二年元月八日",
 * "2022-01-20", "2022/1/20", "2022.01.20", digits full-width or not. */
#include "gk_report.h"

#include <string.h>

#include "gk_utf8.h"

/* An ASCII or full-width digit's value; -1 if c is none. */
static int digit(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 0xFF10 && c <= 0xFF19)
        return (int)(c - 0xFF10);
    return -1;
}

static uint32_t peek(const char *s, size_t len, size_t i, size_t *next)
{
    *next = i;
    return i < len ? gk_utf8_next(s, len, next) : 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    for (;;) {
        size_t j;
        uint32_t c = peek(s, len, i, &j);
        if (c != ' ' && c != '\t' && c != 0x3000)
            return i;
        i = j;
    }
}

/* A month or day number at s[i]: one or two digits, or Chinese numerals
 * (一 .. 三十一; 元 for the first month when month is 1); 0 if none. */
static int small_number(const char *s, size_t len, size_t *i, int month)
{
    size_t j;
    int d = digit(peek(s, len, *i, &j));
    if (d >= 0) {
        size_t k;
        int d2 = digit(peek(s, len, j, &k));
        if (d2 >= 0) {
            size_t l;
            if (digit(peek(s, len, k, &l)) >= 0)
                return 0; /* three digits: no month or day */
            *i = k;
            return d * 10 + d2;
        }
        *i = j;
        return d;
    }
    if (month && peek(s, len, *i, &j) == 0x5143) { /* 元月 */
        *i = j;
        return 1;
    }
    size_t used = 0;
    int v = gk_report_cn_number(s + *i, len - *i, &used);
    if (v > 0)
        *i += used;
    return v;
}

static int days_in(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

int gk_report_date_at(const char *s, size_t len, size_t *used)
{
    size_t i = 0, j;
    int year = gk_report_year_at(s, len, &i);
    if (year == 0) { /* full-width digits */
        year = 0;
        for (int k = 0; k < 4; k++) {
            int d = digit(peek(s, len, i, &j));
            if (d < 0)
                return 0;
            year = year * 10 + d;
            i = j;
        }
        if (digit(peek(s, len, i, &j)) >= 0 || year < 1990 || year > 2099)
            return 0;
    }
    i = skip_spaces(s, len, i);
    uint32_t sep = peek(s, len, i, &j);
    int chinese = sep == 0x5E74; /* 年 */
    if (!chinese && sep != '-' && sep != '/' && sep != '.' && sep != 0xFF0D &&
        sep != 0xFF0F && sep != 0xFF0E)
        return 0;
    i = skip_spaces(s, len, j);
    int month = small_number(s, len, &i, 1);
    if (month < 1 || month > 12)
        return 0;
    i = skip_spaces(s, len, i);
    uint32_t sep2 = peek(s, len, i, &j);
    if (chinese ? sep2 != 0x6708 /* 月 */ : sep2 != sep)
        return 0;
    i = skip_spaces(s, len, j);
    int day = small_number(s, len, &i, 0);
    if (day < 1 || day > days_in(year, month))
        return 0;
    if (chinese) {
        size_t k = skip_spaces(s, len, i);
        uint32_t c = peek(s, len, k, &j);
        if (c != 0x65E5 && c != 0x53F7) /* 日 号 */
            return 0;
        i = j;
    } else if (digit(peek(s, len, i, &j)) >= 0) {
        return 0;
    }
    if (used != NULL)
        *used = i;
    return year * 10000 + month * 100 + day;
}
