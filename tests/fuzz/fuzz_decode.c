/* fuzz_decode.c - any bytes, as a text or HTML file, through decoding,
 * HTML extraction, cleaning and folding: never a crash, always valid UTF-8
 * out, and a fold map that stays inside the text and never goes back. */
#include <stdlib.h>

#include "fuzz.h"
#include "gk_format.h"
#include "gk_text.h"
#include "gk_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static gk_folder *folder;
    if (folder == NULL)
        gk_fuzz_require(gk_folder_new(&folder, GK_FUZZ_DATA_DIR, NULL) == GK_OK, "t2s.tsv");
    if (size == 0)
        return 0;
    /* the first byte chooses how the rest is read */
    gk_format format = data[0] & 1 ? GK_FORMAT_HTML : GK_FORMAT_TEXT;
    const char *bytes = (const char *)data + 1;
    size_t len = size - 1;
    char *text = NULL;
    size_t text_len = 0;
    gk_text_info info;
    if (gk_format_text(format, bytes, len, &text, &text_len, &info, NULL) != GK_OK)
        return 0;
    if (!gk_utf8_valid(text, text_len))
        abort();
    char *folded = NULL;
    size_t folded_len = 0;
    gk_foldmap *map = NULL;
    if (gk_text_fold(folder, text, text_len, &folded, &folded_len, &map, NULL) == GK_OK) {
        if (!gk_utf8_valid(folded, folded_len))
            abort();
        size_t prev = 0;
        for (size_t i = 0; i <= folded_len; i++) {
            size_t at = gk_foldmap_source(map, i);
            if (at < prev || at > text_len)
                abort();
            prev = at;
        }
        if (gk_foldmap_source(map, folded_len) != text_len)
            abort();
    }
    free(folded);
    gk_foldmap_free(map);
    free(text);
    return 0;
}
