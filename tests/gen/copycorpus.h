/* copycorpus.h - the corpus the two copy tests measure (gen_similar,
 * gen_copied): gongkai-gen --copies, indexed, its truth by file and every
 * report listed. */
#ifndef GEN_COPYCORPUS_H
#define GEN_COPYCORPUS_H

#include <jansson.h>

#include "gk_cli.h"

typedef struct copy_corpus {
    long count;          /* reports: GK_GEN_COUNT, else the test's own */
    const char *seed;    /* GK_GEN_SEED, else 20261206 */
    const char *copies;  /* percent: GK_GEN_COPIES, else 20 */
    json_t *truth;       /* file name -> its truth line */
    json_t *hits;        /* every report, as --by report --json lists it */
    json_t *file_of;     /* report id -> file name */
    size_t copies_made;  /* truth lines with copy_of */
} copy_corpus;

/* Generate the corpus into cli's input folder (count reports unless
 * GK_GEN_COUNT says), index it into cli's database and read it back into
 * *c.  Fails the test on any error. */
void copy_corpus_make(gk_cli *cli, long count, copy_corpus *c);

void copy_corpus_free(copy_corpus *c);

/* The original a report's problems section comes from: copy_of, or the
 * report itself; NULL for a partial copy (half an original's sentences
 * and its own: a copy of nothing).  *edited (may be NULL): an edited
 * copy. */
const char *copy_corpus_root(json_t *truth, const char *file, int *edited);

#endif
