/* completeness.h - what a report must contain and when it is due
 * (completeness.tsv, docs/COMPLETENESS.md); private to figures. */
#ifndef GK_COMPLETENESS_H
#define GK_COMPLETENESS_H

#include "gk_figures.h"

typedef struct gk_completeness_rules gk_completeness_rules;

/* Load DIR/completeness.tsv and DIR/place_suffixes.tsv.  Fails like
 * gk_tsv_read, or with GK_ECORRUPT naming the file and line of a record of
 * an unknown kind, the wrong number of fields, a bad date or year, or an
 * unknown era.  The caller owns *out (gk_completeness_rules_free). */
gk_status gk_completeness_rules_load(gk_completeness_rules **out, const char *dir,
                                     char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_completeness_rules_free(gk_completeness_rules *r);

/* Fill f's completeness, missing parts, body class, signed date, due date
 * and deadline for report r (f's template version and raw cells already
 * read).  Strings are borrowed from the rules.  Fails only with GK_ENOMEM. */
gk_status gk_completeness_check(gk_figures *f, const gk_completeness_rules *rules,
                                const gk_report *r);

#endif
