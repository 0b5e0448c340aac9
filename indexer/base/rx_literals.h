/* rx_literals.h - the literal text every match of a pattern must hold,
 * read off the pattern, so that a search can give up without running the
 * expression on text that lacks it; private to regex.c.
 *
 * Of the pattern's top-level items that every match takes (not optional,
 * not inside a look-around), the one with the longest shortest literal
 * is kept: a run of literal characters ("主动公开"), or a group whose
 * alternatives are all literal ("(累计|共|合计)": any one of them).  A
 * pattern with a top-level "|", inline flags ("(?i)") or "\Q" gets none,
 * so is always run.
 *
 * And when a match must start with literal text (after look-arounds
 * only: "(?<!不予)(公开|发布)..."), the places where it can start: the
 * expression is then tried only there, which ICU cannot do for a pattern
 * that opens with a look-behind (it tries every character). */
#ifndef GK_RX_LITERALS_H
#define GK_RX_LITERALS_H

#include <stddef.h>
#include <stdint.h>

#include "gk_status.h"

/* Literals, any one of which: n == 0 when none is known. */
typedef struct rx_literal_set {
    char **v;
    size_t *len;
    size_t n;
    /* with three literals or more, all of three bytes or more: a bit per
     * hash of a literal's first three bytes, so that the text is read
     * once for all of them, not once for each */
    uint64_t *first3;
} rx_literal_set;

typedef struct rx_literals {
    rx_literal_set needs;  /* one is inside every match */
    rx_literal_set starts; /* every match starts with one (after zero-width
                            * look-arounds only) */
} rx_literals;

/* Read the literals off pattern (UTF-8).  GK_ENOMEM only: what cannot be
 * told is left empty. */
gk_status rx_literals_of(const char *pattern, rx_literals *out);

void rx_literals_clear(rx_literals *l);

/* The bytes of the look-behinds a pattern opens with ("(?<!不予)(?<!法定)"),
 * 0 when none (or when they are all there is).  What follows them, alone,
 * matches wherever the whole pattern does, and without ICU trying each
 * look-behind at every length: a cheap first test. */
size_t rx_leading_lookbehinds(const char *pattern);

/* The first byte at or after `from` of s[0..len) where one of the set
 * starts, or (size_t)-1.  Linear in the distance to it, times the number
 * of literals. */
size_t rx_literal_set_next(const rx_literal_set *l, const char *s, size_t len,
                           size_t from);
/* Does one of the set start exactly at byte `at` (<= len) of s? */
int rx_literal_set_at(const rx_literal_set *l, const char *s, size_t len, size_t at);

#endif
