/* fuzz_docx.c - any bytes as a Word document: never a crash, and either
 * text in the conventions gk_docx.h promises or a documented failure with
 * a one-line message.
 *
 * Input that starts with "PK" is the archive itself.  Anything else is the
 * parts of a document, so that mutations reach the XML readers instead of
 * dying on a CRC: word/document.xml, then optionally "\0" and
 * word/numbering.xml, then "\0" and word/styles.xml, stored in an archive
 * here (uncompressed, as a ZIP may be). */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "fuzz.h"
#include "gk_docx.h"
#include "gk_utf8.h"

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

/* Add data[0..len) to the archive as `name` (not copied: data must live
 * until the archive is closed), stored uncompressed. */
static void add_part(zip_t *za, const char *name, const void *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    gk_fuzz_require(s != NULL, "a zip source");
    zip_int64_t at = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8);
    gk_fuzz_require(at >= 0, "a zip entry");
    gk_fuzz_require(zip_set_file_compression(za, (zip_uint64_t)at, ZIP_CM_STORE, 0) == 0,
                    "stored compression");
}

/* A ZIP archive of the parts separated by NUL in data[0..size); malloc'd,
 * its length in *len. */
static char *archive_of_parts(const uint8_t *data, size_t size, size_t *len)
{
    static const char *const names[] = {"word/document.xml", "word/numbering.xml",
                                        "word/styles.xml"};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    gk_fuzz_require(src != NULL, "a zip buffer");
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    gk_fuzz_require(za != NULL, "a new zip archive");
    add_part(za, "[Content_Types].xml", content_types, sizeof content_types - 1);
    const uint8_t *part = data, *end = data + size;
    for (size_t k = 0; k < 3; k++) {
        const uint8_t *nul = k < 2 ? memchr(part, '\0', (size_t)(end - part)) : NULL;
        const uint8_t *stop = nul != NULL ? nul : end;
        add_part(za, names[k], part, (size_t)(stop - part));
        if (nul == NULL)
            break;
        part = nul + 1;
    }
    gk_fuzz_require(zip_close(za) == 0, "closing the zip archive");
    gk_fuzz_require(zip_source_open(src) == 0, "the zip buffer");
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *bytes = malloc(n > 0 ? (size_t)n : 1);
    gk_fuzz_require(bytes != NULL && n > 0 &&
                        zip_source_read(src, bytes, (zip_uint64_t)n) == n,
                    "the zip archive's bytes");
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)n;
    return bytes;
}

/* The promises of gk_docx.h about a result. */
static void check_text(const char *text, size_t len)
{
    if (text == NULL || text[len] != '\0' || strlen(text) != len)
        abort(); /* NUL-terminated at len, no NUL inside */
    if (!gk_utf8_valid(text, len))
        abort();
    if (len > 0 && text[len - 1] != '\n')
        abort(); /* ends with "\n" unless empty */
    if (strstr(text, "\n\n\n") != NULL)
        abort(); /* at most one blank line in a row */
    if (strstr(text, " \n") != NULL || text[0] == ' ' || strstr(text, "\n ") != NULL)
        abort(); /* lines are trimmed */
}

static void check_failure(gk_status st, const char *text, size_t len, const char *err)
{
    if (st != GK_EUNSUPPORTED && st != GK_ECORRUPT && st != GK_ETOOBIG && st != GK_ENOMEM)
        abort(); /* GK_EINTERNAL only for a mismatched libxml2 */
    if (text != NULL || len != 0)
        abort();
    if (err == NULL ? st != GK_ENOMEM : err[0] == '\0' || strchr(err, '\n') != NULL)
        abort(); /* a message, on one line: the indexer prints it as one */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *archive = NULL;
    size_t len = size;
    const char *bytes = (const char *)data;
    if (size < 2 || data[0] != 'P' || data[1] != 'K') {
        archive = archive_of_parts(data, size, &len);
        bytes = archive;
    }
    char *text = NULL, *err = NULL;
    size_t text_len = 12345;
    gk_status st = gk_docx_to_text(&text, &text_len, bytes, len, &err);
    if (st == GK_OK)
        check_text(text, text_len);
    else
        check_failure(st, text, text_len, err);
    free(text);
    free(err);
    free(archive);
    return 0;
}
