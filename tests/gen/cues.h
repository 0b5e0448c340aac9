/* cues.h - the problem-category taxonomy (corpus/data/categories.tsv) as
 * phrases to write: every cue alternative that is plain text, expanded from
 * simple groups ("网站(建设|栏目)" gives 网站建设 and 网站栏目); cues with
 * gaps or classes ("工作人员[^。;]{0,15}意识") are not written. */
#ifndef GEN_CUES_H
#define GEN_CUES_H

#include <stddef.h>

typedef struct gen_category {
    char *id;
    char **phrases;
    size_t nphrases;
} gen_category;

typedef struct gen_cues {
    gen_category *cats; /* in file order */
    size_t ncats;
    char **splits;      /* plain-text markers where the measures begin */
    size_t nsplits;
} gen_cues;

/* Read data_dir/categories.tsv.  Returns 0, or -1 with a message in err. */
int gen_cues_load(gen_cues *out, const char *data_dir, char *err, size_t errsz);

/* Release what gen_cues_load read; NULL-safe. */
void gen_cues_free(gen_cues *c);

/* Add to *mask (bit k = category k) every category one of whose phrases
 * occurs in text. */
void gen_cues_classify(const gen_cues *c, const char *text, unsigned *mask);

/* 1 if text holds a measures marker. */
int gen_cues_has_split(const gen_cues *c, const char *text);

#endif
