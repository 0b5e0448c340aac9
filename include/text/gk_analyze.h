/* gk_analyze.h - the one text analyser shared by indexing and querying.
 *
 * Text (normalised UTF-8) is cut into positional units: every CJK character
 * is a unit, and every Latin word or number (found by ICU's word breaker) is
 * a unit.  Punctuation and white space are not units; they end a CJK run.
 * Unit i has position i+1 in the index.
 *
 * Index terms, for recall equal to grep on CJK text:
 *   - a bigram (two characters) at every CJK unit that is not the last of
 *     its run;
 *   - a unigram at the first and at the last character of every run;
 *   - the lower-cased word at every word unit;
 *   - "XW"+word, without position, for every ICU dictionary word of two or
 *     more CJK characters (used only to rank whole-word matches higher:
 *     a query that is one such word ranks the reports where it stands as
 *     a word above those where it is only inside a longer one).
 * A query string becomes a gk_phrase: the terms that must appear at
 * consecutive positions for the string to occur in a document.  Because
 * both sides come from this file, they cannot drift apart. */
#ifndef GK_ANALYZE_H
#define GK_ANALYZE_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_analyzer gk_analyzer; /* ICU state; one per thread */

/* A new analyser.  Fails with GK_EINTERNAL (ICU) or GK_ENOMEM. */
gk_status gk_analyzer_new(gk_analyzer **out, char **errmsg);

/* Release an analyser.  A harmless no-op on NULL. */
void gk_analyzer_free(gk_analyzer *az);

typedef enum gk_unit_kind {
    GK_UNIT_CJK = 1, /* one CJK character */
    GK_UNIT_WORD = 2 /* a Latin word or a number */
} gk_unit_kind;

typedef struct gk_unit {
    gk_unit_kind kind;
    unsigned char run_start; /* CJK: first character of its run */
    unsigned char run_end;   /* CJK: last character of its run */
    size_t start, end;       /* byte range in the analysed text */
    size_t term_off;         /* WORD: its term in gk_analysis.terms */
    size_t term_len;
} gk_unit;

typedef struct gk_span {
    size_t start, end; /* byte range */
} gk_span;

typedef struct gk_analysis {
    gk_unit *units;  /* unit i is at position i+1 */
    size_t nunits;
    char *terms;     /* the lower-cased word terms, back to back */
    size_t terms_len;
    gk_span *words;  /* ICU dictionary words of >= 2 CJK characters */
    size_t nwords;
} gk_analysis;

/* Analyse text (normalised UTF-8, len bytes).  *out must be zeroed or
 * cleared; release with gk_analysis_clear.  Fails with GK_ENOMEM or
 * GK_EINTERNAL. */
gk_status gk_analyze(gk_analyzer *az, const char *text, size_t len,
                     gk_analysis *out, char **errmsg);

/* Release an analysis and zero it.  NULL-safe. */
void gk_analysis_clear(gk_analysis *a);

/* Receives one index term: pos >= 1 for positional terms, 0 for
 * ranking-only terms.  Return GK_OK to go on. */
typedef gk_status (*gk_term_fn)(void *ctx, const char *term, size_t len,
                                unsigned pos);

/* Feed every index term of an analysis of text to fn (see the top of this
 * file).  Returns the first non-OK status of fn. */
gk_status gk_analysis_index_terms(const gk_analysis *a, const char *text,
                                  gk_term_fn fn, void *ctx);

/* ---- queries ------------------------------------------------------------ */

typedef struct gk_phrase_term {
    char *term;        /* owned */
    size_t len;
    unsigned width;    /* units it covers: 2 for a bigram, else 1 */
    int cjk;           /* 1: CJK characters; 0: a word or number */
} gk_phrase_term;

typedef struct gk_phrase {
    gk_phrase_term *terms; /* at consecutive positions, in order */
    size_t nterms;         /* 0: the text had nothing searchable */
    int any_position;      /* one CJK character with nothing around it:
                              terms[0] is that character and matches any
                              index term that starts with it */
    char **rank_words;     /* "XW"-prefixed words that boost ranking: the
                              query's one word when the whole query is one
                              ICU word, else none; owned */
    size_t nrank_words;
} gk_phrase;

/* The phrase that finds text (normalised UTF-8) wherever it occurs as a
 * substring of an indexed text (up to punctuation and white space, which
 * only separate).  *out must be zeroed; release with gk_phrase_clear.  Fails
 * with GK_ENOMEM or GK_EINTERNAL. */
gk_status gk_phrase_build(gk_analyzer *az, const char *text, size_t len,
                          gk_phrase *out, char **errmsg);

/* Release a phrase and zero it.  NULL-safe. */
void gk_phrase_clear(gk_phrase *p);

/* Called for each occurrence of a phrase: byte range in the text. */
typedef void (*gk_match_fn)(void *ctx, size_t start, size_t end);

/* Find every occurrence of phrase p in an analysed text, exactly as the index
 * would match it, and report its byte range. */
void gk_phrase_find(const gk_phrase *p, const gk_analysis *a,
                    const char *text, gk_match_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
