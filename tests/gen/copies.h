/* copies.h - reports whose problems section copies an earlier report's,
 * exactly or lightly edited (--copies; docs/GENERATOR.md, docs/SIMILAR.md). */
#ifndef GEN_COPIES_H
#define GEN_COPIES_H

#include "buf.h"
#include "rng.h"
#include "truth.h"

/* The problems sections written so far, the sources copies are made of. */
typedef struct gen_copybook {
    struct gen_copied {
        char *body, *self;
        char file[64];
        unsigned categories;
        int year;
        struct gen_place_draw draw; /* its place, for a sequel */
    } *items;
    size_t n, cap;
    unsigned percent; /* of reports with a problems section that copy one */
} gen_copybook;

/* With the book's chance, replace *body (the problems section about to be
 * written by a report calling itself self) by an earlier original's,
 * exactly or edited (a few words changed, sentences swapped or dropped;
 * its own self word put in), and say so in t (copy_of, copy, and the
 * source's categories).  Otherwise the report is an original: a few
 * sentences in its own words are added to *body (their category cues
 * are not in the truth: a --copies corpus measures copies, not
 * categories) and it is remembered as a source; copies are not, so that no copy
 * is made of a copy.  A sequel (gen_copies_sequel) always copies its
 * original, in one of the three ways. */
void gen_copies_apply(gen_copybook *b, gen_rng *r, const char *self, gen_buf *body,
                      gen_truth *t, const struct gen_copied *sequel);

/* With half the book's chance, an original of a township (drawn
 * before this one, of a year before 2025) that the report about to be
 * made continues: its place's report of a later year, whose problems
 * section gen_copies_apply then copies from it (truth: copy_place
 * "same").  NULL otherwise. */
const struct gen_copied *gen_copies_sequel(gen_copybook *b, gen_rng *r);

/* Release.  NULL-safe. */
void gen_copies_free(gen_copybook *b);

#endif
