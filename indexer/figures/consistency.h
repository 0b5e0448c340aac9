/* consistency.h - checking a report's own arithmetic; private to figures. */
#ifndef GK_CONSISTENCY_H
#define GK_CONSISTENCY_H

#include "gk_figures.h"
#include "tables.h"

/* Check the identities of the tables read into t and set figs->checks and
 * figs->consistency.  Fails only with GK_ENOMEM. */
gk_status gk_consistency_check(gk_figures *figs, const table_reading *t);

#endif
