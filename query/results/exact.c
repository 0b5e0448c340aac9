/* exact.c - decimals in fixed point: read, added, printed and divided
 * without rounding anything but the mean's last digit. */
#include "exact.h"

#include <string.h>

#define SCALE 1000000000LL /* 10 ^ GK_EXACT_DIGITS */

__extension__ typedef unsigned __int128 uexact;

int gk_exact_read(const char *s, gk_exact *out)
{
    int neg = *s == '-';
    s += neg;
    gk_exact v = 0;
    int digits = 0, decimals = -1;
    for (; *s != '\0' && *s != ';'; s++) {
        if (*s == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || ++digits > 24 || decimals >= GK_EXACT_DIGITS)
            return 0;
        v = v * 10 + (*s - '0');
        decimals += decimals >= 0;
    }
    if (digits == 0)
        return 0;
    for (int d = decimals < 0 ? 0 : decimals; d < GK_EXACT_DIGITS; d++)
        v *= 10;
    *out = neg ? -v : v;
    return 1;
}

void gk_exact_format(gk_exact v, char *out, size_t outsz)
{
    char digits[64];
    size_t n = 0;
    int neg = v < 0;
    uexact u = neg ? (uexact)(-v) : (uexact)v;
    do {
        digits[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u != 0 || n <= GK_EXACT_DIGITS);
    /* digits holds the number backwards, at least GK_EXACT_DIGITS + 1 of them */
    size_t frac_end = 0; /* digits[0 .. frac_end) are trailing zeros */
    while (frac_end < GK_EXACT_DIGITS && digits[frac_end] == '0')
        frac_end++;
    size_t o = 0;
    if (neg && o + 1 < outsz)
        out[o++] = '-';
    for (size_t k = n; k-- > GK_EXACT_DIGITS && o + 1 < outsz;)
        out[o++] = digits[k];
    if (frac_end < GK_EXACT_DIGITS && o + 1 < outsz)
        out[o++] = '.';
    for (size_t k = GK_EXACT_DIGITS; k-- > frac_end && o + 1 < outsz;)
        out[o++] = digits[k];
    out[o] = '\0';
}

void gk_exact_mean_format(gk_exact sum, unsigned long n, char *out, size_t outsz)
{
    gk_exact num = sum < 0 ? -sum : sum;
    gk_exact den = (gk_exact)n * (SCALE / 100);
    gk_exact q = num / den, rem = num % den;
    if (2 * rem >= den)
        q++;
    /* q in hundredths: printed with exactly two decimals */
    gk_exact_format(q * (SCALE / 100) * (sum < 0 ? -1 : 1), out, outsz);
    char *dot = strchr(out, '.');
    if (dot == NULL)
        strncat(out, ".00", outsz - strlen(out) - 1);
    else if (strlen(dot) == 2)
        strncat(out, "0", outsz - strlen(out) - 1);
}
