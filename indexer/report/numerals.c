/* numerals.c - reading years and heading numbers as reports write them:
 * "2020", "2020 年", "二〇二一", "二0一七", "十二". */
#include "gk_report.h"

#include <string.h>

#include "gk_utf8.h"

/* Digit value of a character used in years (0-9, 〇 ○ 零 and 一..九); -1 if
 * none. */
static int year_digit(uint32_t c)
{
    static const uint32_t cn[10] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                    0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c == 0x25CB || c == 0x96F6) /* ○ 零 */
        return 0;
    for (int d = 0; d < 10; d++)
        if (cn[d] == c)
            return d;
    return -1;
}

int gk_report_year_at(const char *s, size_t len, size_t *used)
{
    size_t i = 0;
    int year = 0, ascii = 0;
    for (int k = 0; k < 4; k++) {
        if (i >= len)
            return 0;
        uint32_t c = gk_utf8_next(s, len, &i);
        int d = year_digit(c);
        if (d < 0)
            return 0;
        ascii += c < 0x80;
        year = year * 10 + d;
    }
    if (i < len) { /* a fifth digit: not a year */
        size_t j = i;
        uint32_t c = gk_utf8_next(s, len, &j);
        if (year_digit(c) >= 0 && (c < 0x80 || ascii < 4))
            return 0;
    }
    if (year < 1990 || year > 2099)
        return 0;
    if (used != NULL)
        *used = i;
    return year;
}

/* Value of one Chinese numeral digit 一..九 (also 两), 0 if none. */
static int cn_digit(uint32_t c)
{
    static const uint32_t cn[10] = {0, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                    0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int d = 1; d < 10; d++)
        if (cn[d] == c)
            return d;
    return c == 0x4E24 ? 2 : 0;
}

int gk_report_cn_number(const char *s, size_t len, size_t *used)
{
    size_t i = 0, j;
    if (len == 0)
        return 0;
    uint32_t c = gk_utf8_next(s, len, &i);
    int value;
    if (c == 0x5341) { /* 十, 十一 .. 十九 */
        value = 10;
        j = i;
        if (j < len) {
            int d = cn_digit(gk_utf8_next(s, len, &j));
            if (d > 0) {
                value += d;
                i = j;
            }
        }
    } else {
        value = cn_digit(c);
        if (value == 0)
            return 0;
        j = i;
        if (j < len && gk_utf8_next(s, len, &j) == 0x5341) { /* 二十, 二十一 */
            value *= 10;
            i = j;
            if (j < len) {
                int d = cn_digit(gk_utf8_next(s, len, &j));
                if (d > 0) {
                    value += d;
                    i = j;
                }
            }
        }
    }
    if (used != NULL)
        *used = i;
    return value;
}
