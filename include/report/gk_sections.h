/* gk_sections.h - the canonical report sections and how their headings and
 * names are written, loaded from the data file sections.tsv. */
#ifndef GK_SECTIONS_H
#define GK_SECTIONS_H

#include <signal.h>
#include <stddef.h>

#include "gk_status.h"
#include "gk_shingle.h"
#include "gk_table.h"
#include "gk_util.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_section_table gk_section_table;

/* Load DIR/sections.tsv: records "id<TAB>label<TAB>text" for the section's
 * Chinese display name, "id<TAB>alias<TAB>text" for names accepted in
 * queries, "id<TAB>heading<TAB>regex" for ICU regular expressions that
 * recognise the section's heading text (whitespace removed, number marker
 * stripped; matched at the start).  Ids keep the order of first appearance.
 * Fails like gk_table_load (file and line named), or with GK_ECORRUPT for a
 * bad regular expression (also named), a section without label, or none;
 * or like gk_boilerplate_load for DIR/boilerplate.tsv, loaded with it. */
gk_status gk_section_table_load(gk_section_table **out, const char *dir,
                                char **errmsg);

/* Release the table.  A harmless no-op on NULL. */
void gk_section_table_free(gk_section_table *t);

/* Have the heading search with this table (gk_report_parse) look at
 * *stop (NULL: never) every few thousand lines: once it is non-zero (in a
 * signal handler: the run is asked to stop) the search ends early and the
 * report parsed is incomplete, to be thrown away by the caller. */
void gk_section_table_watch(gk_section_table *t, const volatile sig_atomic_t *stop);

/* Number of section ids, and the i-th id / Chinese label (borrowed for the
 * table's lifetime). */
size_t gk_section_table_count(const gk_section_table *t);
const char *gk_section_table_id(const gk_section_table *t, size_t i);
const char *gk_section_table_label(const gk_section_table *t, size_t i);
/* The one-letter code (gk_schema.h) that prefixes section id's terms in
 * the index: "document" has its own; 0 for an id not in the table, or
 * past the codes there are. */
char gk_section_table_code(const gk_section_table *t, const char *id);

/* The ids, labels and aliases (for gk_table_find and gk_table_list_ids);
 * borrowed for the table's lifetime. */
const gk_table *gk_section_table_names(const gk_section_table *t);

/* The template's own sentences (DIR/boilerplate.tsv, loaded with the
 * table; gk_shingle.h), which near-duplicate detection skips; borrowed
 * for the table's lifetime, and like the table one thread's (it folds). */
gk_boilerplate *gk_section_table_boilerplate(const gk_section_table *t);

/* The canonical id named by `name` (an id, a label or an alias; ids are
 * matched case-insensitively), or NULL.  Borrowed for the table's lifetime. */
const char *gk_section_table_lookup(const gk_section_table *t,
                                    const char *name);

/* The section whose heading expression matches heading text (UTF-8,
 * whitespace already removed) at its start; *match_len receives the number
 * of bytes matched.  Returns the index or -1.  Not thread-safe (the
 * expressions keep state): use one table per thread. */
int gk_section_table_match(const gk_section_table *t, const char *text,
                           size_t len, size_t *match_len);

/* Append an ICU regular expression to the alternation in b as one more
 * branch ("|(?:...)"), its capturing groups made non-capturing: a single
 * search with the whole alternation then says whether any of them would
 * match, at the cost of one (a pre-filter; each group saved per branch
 * tried would otherwise be copied at every backtrack).  Returns GK_OK,
 * GK_ENOMEM, or GK_EINVAL when the expression cannot be joined (a back
 * reference, a named group or \Q quoting; b is then unchanged). */
gk_status gk_section_rx_join(gk_buf *b, const char *pattern);

#ifdef __cplusplus
}
#endif

#endif
