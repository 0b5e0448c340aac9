/* normalize.c - NFKC, LF line ends and no control characters.
 *
 * Line ends and unwanted characters are dealt with first, on the way from
 * UTF-8 to UTF-16, and NFKC runs last: NFKC never produces a character the
 * first step removes, so normalising twice changes nothing.
 */
#include "gk_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "gk_utf8.h"
#include "gk_util.h"

/* ICU counts in int32_t; NFKC may grow text, so keep well below that. */
#define GK_NORMALIZE_MAX_UNITS (INT32_MAX / 32)

/* 1 for characters that are dropped: C0/C1 controls other than \t and \n
 * (line-end controls are handled before), BOM/ZWNBSP, zero-width spaces
 * and joiners, word joiner, soft hyphen. */
static int is_dropped(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n';
    if (cp >= 0x7F && cp <= 0x9F)
        return 1;
    switch (cp) {
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
    case 0xFEFF:
        return 1;
    default:
        return 0;
    }
}

/* UTF-8 to UTF-16 with line ends unified and dropped characters removed.
 * u must hold len units (no character takes more units than bytes).
 * Returns the number of units written. */
static size_t prepare(UChar *u, const char *text, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        uint32_t cp = gk_utf8_next(text, len, &i);
        if (cp == '\r') {
            if (i < len && text[i] == '\n')
                i++;
            cp = '\n';
        } else if (cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
                   cp == 0x2029) {
            cp = '\n';
        }
        if (is_dropped(cp))
            continue;
        if (cp >= 0x10000) {
            u[n++] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
            u[n++] = (UChar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            u[n++] = (UChar)cp;
        }
    }
    return n;
}

gk_status gk_text_normalize(char **out, size_t *out_len, const char *text,
                            size_t len, char **errmsg)
{
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (text == NULL)
        len = 0;
    if (len > GK_NORMALIZE_MAX_UNITS)
        return gk_fail(errmsg, GK_ENOMEM, "text too large to normalise");

    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err))
        return gk_fail(errmsg, GK_EINTERNAL, "ICU: NFKC data unavailable");

    UChar *src = malloc((len + 1) * sizeof *src);
    if (src == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    int32_t src_len = (int32_t)prepare(src, text, len);

    /* NFKC mostly keeps or shrinks the length; retry once with the exact
     * size when it grows. */
    int32_t cap = src_len + src_len / 8 + 16;
    UChar *nf = NULL;
    int32_t nf_len = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        nf = malloc((size_t)cap * sizeof *nf);
        if (nf == NULL) {
            free(src);
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        }
        err = U_ZERO_ERROR;
        nf_len = unorm2_normalize(nfkc, src, src_len, nf, cap, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR)
            break;
        free(nf);
        nf = NULL;
        if (nf_len > GK_NORMALIZE_MAX_UNITS) {
            free(src);
            return gk_fail(errmsg, GK_ENOMEM, "text too large to normalise");
        }
        cap = nf_len + 1;
    }
    free(src);
    if (nf == NULL || U_FAILURE(err)) {
        free(nf);
        if (err == U_MEMORY_ALLOCATION_ERROR)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        return gk_fail(errmsg, GK_EINTERNAL, "ICU: NFKC normalisation failed");
    }

    /* Every UTF-16 unit becomes at most 3 UTF-8 bytes. */
    size_t u8cap = (size_t)nf_len * 3 + 1;
    char *u8 = malloc(u8cap);
    if (u8 == NULL) {
        free(nf);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    int32_t u8len = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8WithSub(u8, (int32_t)u8cap, &u8len, nf, nf_len, 0xFFFD, NULL,
                       &err);
    free(nf);
    if (U_FAILURE(err)) {
        free(u8);
        return gk_fail(errmsg, GK_EINTERNAL, "ICU: UTF-8 conversion failed");
    }
    u8[u8len] = '\0';
    char *shrunk = realloc(u8, (size_t)u8len + 1);
    *out = shrunk != NULL ? shrunk : u8;
    if (out_len != NULL)
        *out_len = (size_t)u8len;
    return GK_OK;
}
