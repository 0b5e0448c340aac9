/* prose.h - figures written in sentences; private to figures. */
#ifndef GK_PROSE_H
#define GK_PROSE_H

#include "figure_rules.h"
#include "gk_figures.h"

/* Fill the figures of figs that are still unknown from the sentences of r
 * (every section but problems), by the rules of prose_figures.tsv.  Fails
 * only with GK_ENOMEM. */
gk_status gk_prose_read(gk_figures *figs, const gk_figure_rules *rules,
                        const gk_report *r);

#endif
