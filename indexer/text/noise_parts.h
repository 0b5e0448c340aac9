/* noise_parts.h - the pieces of the noise finder (noise.c, noise_spam.c,
 * lexicon.c), private to text. */
#ifndef GK_NOISE_PARTS_H
#define GK_NOISE_PARTS_H

#include <stddef.h>
#include <stdint.h>

#include "gk_noise.h"
#include "gk_status.h"

/* ---- lexicon.c: many terms found at a position in constant time -------- */

/* Terms are chained by their first two bytes (latin letters folded to
 * lower case), longest first, so a lookup costs a few comparisons however
 * many terms there are.  Zero-initialise; release with gk_lexicon_clear. */
#define GK_LEXICON_BUCKETS 512

typedef struct gk_lexicon_term {
    char *text;    /* latin letters in lower case */
    size_t len;
    int value;     /* what the caller stored with it */
    uint32_t next; /* 1 + index of the next term in the chain; 0 ends it */
} gk_lexicon_term;

typedef struct gk_lexicon {
    gk_lexicon_term *terms;
    size_t n, cap;
    uint32_t head[GK_LEXICON_BUCKETS]; /* 1 + index of the first term; 0: none */
} gk_lexicon;

/* Add a term (at least 2 bytes) with its value.  Fails with GK_EINVAL for a
 * term that is too short or already there, or GK_ENOMEM. */
gk_status gk_lexicon_add(gk_lexicon *lx, const char *text, int value,
                         char **errmsg);

/* The length of the longest term at s[i] (latin letters in any case), its
 * value in *value; 0 when none starts there. */
size_t gk_lexicon_match(const gk_lexicon *lx, const char *s, size_t len,
                        size_t i, int *value);

/* Release and zero.  NULL-safe. */
void gk_lexicon_clear(gk_lexicon *lx);

/* ---- ranges --------------------------------------------------------------- */

typedef struct gk_range_vec {
    gk_range *v;
    size_t n, cap;
} gk_range_vec;

/* Append [start, end) as it is.  GK_ENOMEM. */
gk_status gk_range_vec_append(gk_range_vec *v, size_t start, size_t end);

/* Append [start, end), merged into the last range when it overlaps or
 * touches it (ranges must come in order of start).  GK_ENOMEM. */
gk_status gk_range_vec_push(gk_range_vec *v, size_t start, size_t end);

/* ---- noise_spam.c: gambling spam --------------------------------------- */

typedef struct gk_spam_rules {
    gk_lexicon terms; /* value: the term's weight */
    int threshold;    /* a run weighing this much is spam ... */
    int anchor;       /* ... when one of its terms weighs at least this */
    size_t gap_max;   /* bytes of connectors allowed between two terms */
} gk_spam_rules;

/* Append to v the spam in s[a..b), a piece of one line with no "\n": each
 * run of adjacent terms that is spam, with the brackets it leaves empty and
 * the separators beside it.  GK_ENOMEM. */
gk_status gk_spam_find(const gk_spam_rules *r, const char *s, size_t a,
                       size_t b, gk_range_vec *v);

/* ---- characters ------------------------------------------------------------ */

/* 1 for CJK ideographs, kana and hangul: characters of words, which never
 * connect spam terms and never count as punctuation. */
int gk_noise_is_word_char(uint32_t c);

#endif
