/* encode.c - GB18030 through ICU, full-width digits, CRLF. */
#include "encode.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

int gen_encode_gb18030(const char *text, gen_buf *out)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = (int32_t)strlen(text);
    int32_t need = ucnv_convert("GB18030", "UTF-8", NULL, 0, text, len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return -1;
    err = U_ZERO_ERROR;
    char *bytes = gen_xrealloc(NULL, (size_t)need + 1);
    ucnv_convert("GB18030", "UTF-8", bytes, need + 1, text, len, &err);
    if (U_FAILURE(err)) {
        free(bytes);
        return -1;
    }
    gen_buf_add(out, bytes, (size_t)need);
    free(bytes);
    return 0;
}

void gen_encode_fullwidth_digits(const char *text, gen_buf *out)
{
    for (const char *p = text; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            /* U+FF10 + d: EF BC 90+d */
            char fw[3] = {(char)0xEF, (char)0xBC, (char)(0x90 + (*p - '0'))};
            gen_buf_add(out, fw, 3);
        } else {
            gen_buf_add(out, p, 1);
        }
    }
}

void gen_encode_crlf(const char *text, gen_buf *out)
{
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            gen_buf_add(out, "\r", 1);
        gen_buf_add(out, p, 1);
    }
}
