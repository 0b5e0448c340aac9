/* gk_shingle.h - near-duplicate sections (docs/SIMILAR.md): a section's
 * text as a set of character shingles once the template's own sentences
 * are gone, its MinHash signature, the LSH band terms the index keeps,
 * and the real overlap of two sections.  The indexer and the query tool
 * both call these on the same bytes (the section as stored), so the band
 * terms a query computes are those the index holds. */
#ifndef GK_SHINGLE_H
#define GK_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

#include "gk_schema.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GK_SHINGLE_K 5     /* characters per shingle */
#define GK_SHINGLE_MIN 30  /* fewer distinct shingles: no signature, never similar */
#define GK_LSH_BANDS 20    /* bands of the signature ... */
#define GK_LSH_ROWS 4      /* ... of this many minima each */
#define GK_MINHASH_N (GK_LSH_BANDS * GK_LSH_ROWS)
#define GK_SIMILAR_SHARE 0.8 /* similar: at least this share in common */
#define GK_COPIED_SHARE 0.9  /* copied: a problems section at least this share the same */
/* a band term: prefix, section code, band (2 hex digits), hash (8) */
#define GK_LSH_TERM_SIZE (sizeof GK_PREFIX_SIMILAR_BAND - 1 + 1 + 2 + 8 + 1)

/* What near-duplicate detection leaves out and how it compares text:
 * the template's own sentences of DIR/boilerplate.tsv (gk_words kinds:
 * "sentence" PATTERN: a sentence containing PATTERN's parts ("…" between
 * them) in order is the template's; "line" TEXT: a sentence that is TEXT
 * alone, after an ordinal such as 一、 or 1. and before figures, is a
 * heading or table label of the template), and the folding of t2s.tsv,
 * so that a report in traditional characters meets its copy in
 * simplified ones.  One per thread (it folds). */
typedef struct gk_boilerplate gk_boilerplate;

/* Load DIR/boilerplate.tsv and DIR/t2s.tsv.  Fails like gk_words_load or
 * gk_folder_new; the caller owns *out (gk_boilerplate_free). */
gk_status gk_boilerplate_load(gk_boilerplate **out, const char *dir, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_boilerplate_free(gk_boilerplate *bp);

/* 1 if folded sentence s[0..len) (compared without punctuation, spaces or
 * full-width forms) is the template's by the rules of bp (NULL: none). */
int gk_boilerplate_is(const gk_boilerplate *bp, const char *s, size_t len);

/* text[0..len) folded as gk_text_fold does (NFKC, simplified characters)
 * into *out (malloc'd; the caller's); with bp NULL, a copy.  Fails with
 * GK_ENOMEM or GK_EINTERNAL. */
gk_status gk_boilerplate_fold(gk_boilerplate *bp, const char *text, size_t len, char **out,
                              size_t *out_len);

/* A section's shingles: the 64-bit hashes of every run of GK_SHINGLE_K
 * letters, digits and CJK characters (punctuation and spaces dropped,
 * full-width forms and Latin case folded) within a sentence that is not
 * boilerplate, with at least one CJK character; sorted, each once. */
typedef struct gk_shingles {
    uint64_t *hash;
    size_t n, cap;
    size_t text; /* bytes of text given so far */
} gk_shingles;

/* A section whose text is longer is too long to compare: its shingles are
 * dropped (n 0: no signature, never similar, copied: unknown) and no more
 * are made.  No report's section comes near (a long one is some 20 KB);
 * a page that is one 13 MB section would cost seconds to shingle again
 * in every link pass. */
#define GK_SHINGLE_MAX_TEXT (256u << 10)

/* Add the shingles of text[0..len) (valid UTF-8), folded by bp, to s,
 * skipping the template's sentences (bp NULL: no folding, nothing
 * skipped); keeps s sorted and unique; past GK_SHINGLE_MAX_TEXT bytes of
 * text in all, s is emptied and stays so.  Fails with GK_ENOMEM or
 * GK_EINTERNAL (s keeps what it had). */
gk_status gk_shingles_add(gk_shingles *s, gk_boilerplate *bp, const char *text, size_t len);

/* The same for text already folded as bp folds (a report's folded text,
 * whose sections are whole lines: each folds to the same as its display
 * text does), so that the indexer does not fold a section twice. */
gk_status gk_shingles_add_folded(gk_shingles *s, gk_boilerplate *bp, const char *text,
                                 size_t len);

/* Release s's memory and empty it.  A harmless no-op on an empty one. */
void gk_shingles_clear(gk_shingles *s);

/* How many shingles a and b share. */
size_t gk_shingles_common(const gk_shingles *a, const gk_shingles *b);

/* The share of the smaller set that the other has: common / min(|a|,
 * |b|), 0 when either is empty. */
double gk_shingles_share(const gk_shingles *a, const gk_shingles *b);

/* gk_shingles_share(a, b) >= share, told as soon as the smaller set has
 * missed too many of its shingles (the link pass's many near-misses stop
 * a few tenths of the way through). */
int gk_shingles_share_at_least(const gk_shingles *a, const gk_shingles *b, double share);

/* The MinHash signature of s (s->n >= 1): GK_MINHASH_N minima of
 * independent hashes. */
void gk_minhash(const gk_shingles *s, uint32_t sig[GK_MINHASH_N]);

/* Band `band` (< GK_LSH_BANDS) of sig as a term of the section with code
 * `code` (gk_schema.h) into out, NUL-terminated; returns its length. */
size_t gk_lsh_band_term(char out[GK_LSH_TERM_SIZE], char code,
                        const uint32_t sig[GK_MINHASH_N], size_t band);

/* A section's sketch: what the link pass needs to tell, from a value
 * slot alone, that two sections cannot share enough to be compared
 * (docs/SIMILAR.md): its count of shingles (4 bytes, big-endian), then
 * the low byte of each of its GK_MINHASH_N minima (b-bit MinHash). */
#define GK_SKETCH_SIZE (4 + GK_MINHASH_N)

/* The sketch of s (s->n >= 1), whose signature is sig, into out. */
void gk_sketch_make(unsigned char out[GK_SKETCH_SIZE], const gk_shingles *s,
                    const uint32_t sig[GK_MINHASH_N]);

/* 0 when the section of sketch mine[0..GK_SKETCH_SIZE) and the section
 * of sketch[0..len) cannot share `share` of the smaller one: their minima
 * agree far less often than sections sharing that much would (five
 * standard deviations below: for two sections of like length sharing
 * just that much, a chance of 4 in a million; far less for a closer
 * copy, none for an exact one);
 * 1 when they may, or when either sketch is not one (len !=
 * GK_SKETCH_SIZE, or a count of 0 shingles), so that only a real
 * comparison says no.  Symmetric: the two sketches may change places. */
int gk_sketch_may_share(const unsigned char mine[GK_SKETCH_SIZE], const unsigned char *sketch,
                        size_t len, double share);

#ifdef __cplusplus
}
#endif

#endif
