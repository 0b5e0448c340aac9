/* gk_categories.h - the problem categories a report names in its problems
 * section, by the taxonomy of the data file categories.tsv.  Pure C. */
#ifndef GK_CATEGORIES_H
#define GK_CATEGORIES_H

#include <stddef.h>

#include "gk_status.h"
#include "gk_table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_taxonomy gk_taxonomy;

/* Load DIR/categories.tsv.  Fails like gk_table_load, or with GK_ECORRUPT
 * for a bad regular expression (file and line named), a category without
 * label or cue, or no split record. */
gk_status gk_taxonomy_load(gk_taxonomy **out, const char *dir, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_taxonomy_free(gk_taxonomy *t);

/* The categories in file order; strings borrowed for the taxonomy's
 * lifetime. */
size_t gk_taxonomy_count(const gk_taxonomy *t);
const char *gk_taxonomy_id(const gk_taxonomy *t, size_t i);
const char *gk_taxonomy_label(const gk_taxonomy *t, size_t i);

/* The ids, labels and aliases (for gk_table_find and gk_table_list_ids);
 * borrowed for the taxonomy's lifetime. */
const gk_table *gk_taxonomy_names(const gk_taxonomy *t);

/* The category called name (id in any case, label or alias), or -1. */
int gk_taxonomy_lookup(const gk_taxonomy *t, const char *name);

/* The problem statements of a problems section's text (heading already
 * left out): from the start to the first split marker of the taxonomy
 * (改进措施, 下一步, (二) ...), or the whole text when there is none.
 * Returns the length of that part. */
size_t gk_problems_split(const gk_taxonomy *t, const char *text, size_t len);

typedef struct gk_category_hit {
    size_t category;  /* index in the taxonomy */
    char *evidence;   /* the first statement that names it; owned */
} gk_category_hit;

typedef struct gk_categories {
    gk_category_hit *hits; /* in taxonomy order, each category once */
    size_t n;
} gk_categories;

/* Classify the problem statements of a problems section's text (heading
 * left out; the improvement measures are split off here).  Statements are
 * cut at 。 ; and line breaks; a category is named when any of its cues
 * matches a statement.  *out must be zeroed; release with
 * gk_categories_clear.  Not thread-safe per taxonomy.  Fails only with
 * GK_ENOMEM. */
gk_status gk_problems_classify(gk_categories *out, const gk_taxonomy *t,
                               const char *text, size_t len, char **errmsg);

/* Release and zero.  NULL-safe. */
void gk_categories_clear(gk_categories *c);

#ifdef __cplusplus
}
#endif

#endif
