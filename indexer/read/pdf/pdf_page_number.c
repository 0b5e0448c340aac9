/* pdf_page_number.c - lines that hold only a page number ("- 3 -",
 * "第 3 页", "3/10"), which PDF pages print in their margins. */
#include "pdf_layout.h"

#include "gk_utf8.h"

#define GK_FOLIO_MAX 64  /* code points in a page number line */

static int is_blank_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000;
}

static int is_dash_cp(uint32_t c)
{
    return c == '-' || c == '_' || c == '*' || c == '~' || c == 0xB7 ||
           (c >= 0x2010 && c <= 0x2015) || c == 0x2022 || c == 0x2212 ||
           c == 0x2500 || c == 0x2501 || c == 0xFE58 || c == 0xFE63 ||
           c == 0xFF0D || c == 0xFF5E;
}

static int is_digit_cp(uint32_t c, int cjk_numerals)
{
    if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
        return 1;
    static const uint32_t numerals[] = {0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E09,
                                        0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B,
                                        0x4E5D, 0x5341, 0x767E};  /* 〇零一..十百 */
    for (size_t i = 0; cjk_numerals && i < sizeof numerals / sizeof numerals[0]; i++)
        if (c == numerals[i])
            return 1;
    return 0;
}

/* Skip a number of 1 to 4 digits at cp[*p]; 1 if there was one. */
static int skip_number(const uint32_t *cp, size_t n, size_t *p, int cjk)
{
    size_t start = *p;
    while (*p < n && *p - start < 5 && is_digit_cp(cp[*p], cjk))
        (*p)++;
    return *p > start && *p - start <= 4;
}

static int skip_cp(const uint32_t *cp, size_t n, size_t *p, uint32_t c)
{
    if (*p < n && cp[*p] == c) {
        (*p)++;
        return 1;
    }
    return 0;
}

static int skip_ascii_word(const uint32_t *cp, size_t n, size_t *p, const char *w)
{
    size_t k = 0;
    for (; w[k] != '\0'; k++) {
        uint32_t c = *p + k < n ? cp[*p + k] : 0;
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != (unsigned char)w[k])
            return 0;
    }
    *p += k;
    return 1;
}

static void skip_list_separator(const uint32_t *cp, size_t n, size_t *p)
{
    static const uint32_t seps[] = {',', ';', '/', 0xFF0C, 0xFF1B, 0xFF0F, 0x3001};
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (skip_cp(cp, n, p, seps[i]))
            return;
}

/* 第N页, with N in digits or CJK numerals. */
static int skip_nth_page(const uint32_t *cp, size_t n, size_t *p, uint32_t first)
{
    return skip_cp(cp, n, p, first) && skip_number(cp, n, p, 1) &&
           skip_cp(cp, n, p, 0x9875 /* 页 */);
}

int gk_pdf_is_page_number(const char *s, size_t len)
{
    uint32_t cp[GK_FOLIO_MAX];
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = gk_utf8_next(s, len, &i);
        if (is_blank_cp(c))
            continue;
        if (n == GK_FOLIO_MAX)
            return 0;
        cp[n++] = c;
    }
    size_t p = 0;
    while (p < n && is_dash_cp(cp[p]))
        p++;
    while (n > p && is_dash_cp(cp[n - 1]))
        n--;
    if (p == n)
        return 0;
    const uint32_t nth = 0x7B2C, total = 0x5171; /* 第, 共 */
    if (cp[p] == nth) {
        if (!skip_nth_page(cp, n, &p, nth))
            return 0;
        skip_list_separator(cp, n, &p);
        if (p < n && !skip_nth_page(cp, n, &p, total))
            return 0;
    } else if (cp[p] == total) {
        if (!skip_nth_page(cp, n, &p, total))
            return 0;
        skip_list_separator(cp, n, &p);
        if (!skip_nth_page(cp, n, &p, nth))
            return 0;
    } else if (skip_ascii_word(cp, n, &p, "page")) {
        if (!skip_number(cp, n, &p, 0))
            return 0;
        if (skip_ascii_word(cp, n, &p, "of") && !skip_number(cp, n, &p, 0))
            return 0;
    } else {
        if (!skip_number(cp, n, &p, 0))
            return 0;
        if ((skip_cp(cp, n, &p, '/') || skip_cp(cp, n, &p, 0xFF0F)) &&
            !skip_number(cp, n, &p, 0))
            return 0;
    }
    return p == n;
}
