/* fuzz_pdf.c - any bytes as a PDF: never a crash, and either text in the
 * conventions gk_pdf.h promises or a documented failure with a one-line
 * message.  Nothing is printed: poppler's complaints are caught. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "gk_pdf.h"
#include "gk_utf8.h"

/* The promises of gk_pdf.h about a result. */
static void check_text(const char *text, size_t len)
{
    if (text == NULL || len == 0 || text[len] != '\0' || strlen(text) != len)
        abort(); /* some text (else: no text layer), NUL-terminated at len */
    if (!gk_utf8_valid(text, len))
        abort();
    if (text[0] == '\n' || text[len - 1] != '\n' || (len >= 2 && text[len - 2] == '\n'))
        abort(); /* every line ends in "\n", no blank line at either end */
    if (strstr(text, "\n\n\n") != NULL)
        abort(); /* never two blank lines in a row */
    if (strstr(text, " \n") != NULL || strstr(text, "\t\n") != NULL ||
        strstr(text, "\n ") != NULL || strstr(text, "\n\t") != NULL)
        abort(); /* no white space at either end of a line */
    if (len > GK_PDF_MAX_TEXT)
        abort();
}

static void check_failure(gk_status st, const char *text, size_t len, const char *err)
{
    /* GK_EINTERNAL is poppler reporting a misuse of its API: our bug */
    if (st != GK_EUNSUPPORTED && st != GK_ECORRUPT && st != GK_ETOOBIG && st != GK_ENOMEM)
        abort();
    if (text != NULL || len != 0)
        abort();
    if (err == NULL ? st != GK_ENOMEM : err[0] == '\0' || strchr(err, '\n') != NULL)
        abort(); /* a message, on one line: the indexer prints it as one */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    char *text = NULL, *err = NULL;
    size_t len = 12345;
    gk_status st = gk_pdf_to_text(&text, &len, bytes, size, &err);
    if (st == GK_OK)
        check_text(text, len);
    else
        check_failure(st, text, len, err);
    /* no header: refused as not a PDF, whatever the rest */
    if (!gk_pdf_sniff(bytes, size) &&
        (st != GK_EUNSUPPORTED || err == NULL ||
         strcmp(err, "not a PDF file (no %PDF- header)") != 0))
        abort();
    free(text);
    free(err);
    return 0;
}
