/* gk_text.h - from decoded text (read/gk_decode.h) to the text people see
 * and the text that is searched.
 *
 *   gk_text_clean      -> the text shown: line ends, no control characters
 *   gk_text_fold       -> the text searched: NFKC, simplified characters,
 *                         with a map back to the text shown
 * The query side normalises the query the same way (gk_text_normalize), so
 * index and query see text folded the same way.
 */
#ifndef GK_TEXT_H
#define GK_TEXT_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Clean decoded text into the text people see: CRLF, CR, U+2028/2029/0085,
 * VT and FF -> "\n"; other control characters, U+FEFF, zero-width
 * characters and soft hyphens removed; invalid UTF-8 bytes -> U+FFFD; the
 * pinyin glosses broken converters insert ("鎮(zhèn)") removed.  *out is
 * malloc'd and NUL-terminated.  Fails only with GK_ENOMEM. */
gk_status gk_text_clean(char **out, size_t *out_len, const char *text,
                        size_t len, char **errmsg);

/* Folding: what indexing and querying compare, so that full-width and
 * traditional forms meet their plain forms: NFKC ("２０１９" -> "2019",
 * "（一）" -> "(一)", U+3000 -> space), then traditional to simplified
 * characters (ICU's Traditional-Simplified, kept in the data file t2s.tsv:
 * "問題" -> "问题"). */
typedef struct gk_folder gk_folder;

/* A folder with DIR/t2s.tsv.  One per thread.  Fails like gk_tsv_read, or
 * GK_ECORRUPT for a bad record, GK_EINTERNAL if ICU's NFKC is missing. */
gk_status gk_folder_new(gk_folder **out, const char *dir, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_folder_free(gk_folder *f);

/* Where each byte of folded text came from in the text it was folded
 * from. */
typedef struct gk_foldmap gk_foldmap;

/* Fold clean text.  *out is malloc'd and NUL-terminated.  With map not
 * NULL, *map receives the map back to text (free with gk_foldmap_free).
 * Fails only with GK_ENOMEM or GK_EINTERNAL. */
gk_status gk_text_fold(gk_folder *f, const char *text, size_t len, char **out,
                       size_t *out_len, gk_foldmap **map, char **errmsg);

/* The offset in the source text of folded byte offset `at` (offsets inside
 * a character that folding rewrote map to its start; the end maps to the
 * end). */
size_t gk_foldmap_source(const gk_foldmap *m, size_t at);

/* Release.  A harmless no-op on NULL. */
void gk_foldmap_free(gk_foldmap *m);

struct gk_range; /* gk_noise.h */

/* text[0..len) (folded into folded, with map) with the ranges cuts[0..n)
 * of text cut out, folded: what gk_text_fold of the cut text gives, text
 * and map, made by cutting the folded text instead of folding again.
 * The cuts are in order, apart, and must each start and end where folding
 * could not join what is before to what is after (a character that starts
 * a normalisation segment, or the end): GK_EUNSUPPORTED otherwise, and the
 * caller folds the cut text.  Fails otherwise with GK_EINVAL (a map of
 * another text) or GK_ENOMEM. */
gk_status gk_text_fold_cut(const gk_folder *f, const char *text, size_t len,
                           const char *folded, const gk_foldmap *map,
                           const struct gk_range *cuts, size_t n, char **out,
                           size_t *out_len, gk_foldmap **out_map, char **errmsg);

/* gk_text_clean then gk_text_fold: the one normalisation of queries and of
 * indexed text.  Idempotent.  Fails with GK_ENOMEM or GK_EINTERNAL. */
gk_status gk_text_normalize(gk_folder *f, char **out, size_t *out_len,
                            const char *text, size_t len, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
