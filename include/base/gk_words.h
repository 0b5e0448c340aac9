/* gk_words.h - a data file of words by kind: records "KIND<TAB>WORD", the
 * kinds named by the code that reads the file ("zero" in amount_words.tsv,
 * "report" in title_words.tsv, "postcode" in contact_labels.tsv).  The
 * words a module looks for in text are data; the code asks this table for
 * them and never lists them itself. */
#ifndef GK_WORDS_H
#define GK_WORDS_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_words gk_words;

/* Load DIR/name: records "KIND<TAB>WORD" with KIND one of `kinds` (a
 * NULL-terminated list; a kind's number is its index there).  Fails like
 * gk_tsv_read, or with GK_ECORRUPT naming the file and line of a record that
 * is not two fields, has an unknown kind or an empty word.  The caller owns
 * *out (NULL on failure) and releases it with gk_words_free. */
gk_status gk_words_load(gk_words **out, const char *dir, const char *name,
                        const char *const *kinds, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_words_free(gk_words *w);

/* The words of `kind` in file order, *n of them (none for a kind the table
 * was not loaded with); borrowed for the table's lifetime. */
const char *const *gk_words_of(const gk_words *w, size_t kind, size_t *n);

/* The length of the longest word of `kind` that s[0..len) begins with; 0 if
 * none does. */
size_t gk_words_prefix(const gk_words *w, size_t kind, const char *s,
                       size_t len);

/* The length of the longest word of `kind` that s[0..len) ends with; 0 if
 * none does. */
size_t gk_words_suffix(const gk_words *w, size_t kind, const char *s,
                       size_t len);

/* 1 if the whole of s[0..len) is a word of `kind`. */
int gk_words_is(const gk_words *w, size_t kind, const char *s, size_t len);

/* Where the first word of `kind` in s[from..len) begins, with the length of
 * the longest one beginning there in *n; (size_t)-1 (and *n 0) if none. */
size_t gk_words_find(const gk_words *w, size_t kind, const char *s,
                     size_t len, size_t from, size_t *n);

#ifdef __cplusplus
}
#endif

#endif
