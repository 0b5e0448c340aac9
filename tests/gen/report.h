/* report.h - one generated annual report and its truth. */
#ifndef GEN_REPORT_H
#define GEN_REPORT_H

#include <stddef.h>

#include "buf.h"
#include "copies.h"
#include "cues.h"
#include "encode.h"
#include "forms.h"
#include "noise.h"
#include "places.h"
#include "rng.h"
#include "truth.h"

/* What every report is drawn from. */
typedef struct gen_world {
    gen_places *places;
    gen_cues cues;
    gen_noise *noise;
    const char *formats[3]; /* "txt", "md", "html" */
    size_t nformats;
    gen_forms forms;  /* the weights of the forms of issue 13 */
    gen_trad *trad;   /* simplified to traditional characters */
    gen_copybook *copies; /* --copies: problems sections copied; NULL: none */
} gen_world;

/* Write report number index: its file's bytes into out, its truth into t
 * (t->file is the file name).  Returns 0, or -1 if it cannot be encoded. */
int gen_report_make(const gen_world *w, gen_rng *r, int index, gen_buf *out, gen_truth *t);

#endif
