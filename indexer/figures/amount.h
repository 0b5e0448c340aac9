/* amount.h - the words numbers are written with: the units of units.tsv
 * and the words of amount_words.tsv; private to figures (amount_words.c
 * loads them, amount.c reads numbers with them, tables.c and prose.c look
 * units up). */
#ifndef GK_AMOUNT_H
#define GK_AMOUNT_H

#include <stddef.h>

#include "gk_figures.h"
#include "gk_status.h"
#include "gk_words.h"

/* U+3000, the blank of CJK text, which table cells are padded with. */
#define GK_IDEOGRAPHIC_SPACE "\xe3\x80\x80"

/* A unit written after a number. */
typedef struct amount_unit {
    const char *text;  /* as written: "万元", "件" */
    double scale;      /* what one of it is worth: 1, 1e4 (万), 1e8 (亿) */
    int money;         /* an amount of money, in 元 once scaled; else a count */
} amount_unit;

/* The kinds of amount_words.tsv. */
typedef enum amount_word_kind {
    AMOUNT_ZERO,   /* the whole cell says none: 0 (无) */
    AMOUNT_DASH,   /* the whole cell is a placeholder: unknown (—) */
    AMOUNT_ABOUT,  /* before the number: approximate (约20件) */
    AMOUNT_MORE,   /* right after the number: approximate (100余条) */
    AMOUNT_NOTE,   /* opens a table header's unit note: (单位:万元) */
    AMOUNT_KINDS
} amount_word_kind;

/* What numbers are read with.  The lists are borrowed: from the files
 * loaded by gk_amount_words_load, which owns them through own_units and
 * own_words. */
typedef struct amount_words {
    const amount_unit *units;
    size_t nunits;
    const char *const *words[AMOUNT_KINDS];
    size_t nwords[AMOUNT_KINDS];
    amount_unit *own_units;
    size_t own_units_cap;
    gk_words *own_words;
} amount_words;

/* Load DIR/units.tsv and DIR/amount_words.tsv into *w (zeroed).  Fails like
 * gk_tsv_read, or with GK_ECORRUPT naming the file and line of a bad
 * record; *w is then cleared. */
gk_status gk_amount_words_load(amount_words *w, const char *dir,
                               char **errmsg);

/* Release what gk_amount_words_load allocated and zero *w.  NULL-safe. */
void gk_amount_words_clear(amount_words *w);

/* gk_amount_read with the words w. */
gk_amount gk_amount_read_with(const amount_words *w, const char *s,
                              size_t len);

/* The longest unit (a money unit if money_only) that s[0..len) begins
 * with, or NULL. */
const amount_unit *gk_amount_unit_at(const amount_words *w, const char *s,
                                     size_t len, int money_only);

/* The unit written exactly as s[0..len), or NULL. */
const amount_unit *gk_amount_unit_named(const amount_words *w, const char *s,
                                        size_t len);

/* The length of the longest word of `kind` that s[0..len) begins with, or
 * 0. */
size_t gk_amount_word_at(const amount_words *w, amount_word_kind kind,
                         const char *s, size_t len);

#endif
