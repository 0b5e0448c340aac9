/* exact.h - decimals in fixed point (private to results): GK_EXACT_DIGITS
 * decimals in 128 bits, so that sums of figures are never rounded. */
#ifndef GK_EXACT_H
#define GK_EXACT_H

#include <stddef.h>

#define GK_EXACT_DIGITS 9

/* A decimal times 10^GK_EXACT_DIGITS. */
__extension__ typedef __int128 gk_exact;

/* The decimal s ("6500", "-1234.56"), up to ';' or the end, in *out:
 * 1, or 0 when it is no plain decimal of at most GK_EXACT_DIGITS
 * decimals and 24 digits (an exponent, a sign alone...). */
int gk_exact_read(const char *s, gk_exact *out);

/* v as a decimal, no trailing zeros after the point ("12345", "0.5"),
 * into out (outsz bytes, cut if shorter than the number). */
void gk_exact_format(gk_exact v, char *out, size_t outsz);

/* sum / n (n > 0) rounded half away from zero to 2 decimals, printed
 * with both ("4115.00", "620289.67"), into out. */
void gk_exact_mean_format(gk_exact sum, unsigned long n, char *out, size_t outsz);

#endif
