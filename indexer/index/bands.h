/* bands.h - the LSH band terms of a report's sections (gk_shingle.h,
 * docs/SIMILAR.md); private to index. */
#ifndef GK_BANDS_H
#define GK_BANDS_H

#include "gk_db.h"
#include "gk_report.h"
#include "gk_sections.h"
#include "gk_shingle.h"

/* Add to doc, for each section id of r with at least GK_SHINGLE_MIN
 * shingles (its occurrences' text as stored, template sentences of t
 * skipped), the GK_LSH_BANDS band terms of its MinHash signature;
 * *signed_out 1 when section id signed_id got them, and its sketch in
 * sketch (0 otherwise, sketch untouched).  Fails with GK_ENOMEM or the
 * shim's status. */
gk_status gk_bands_add(gk_doc *doc, const gk_section_table *t, const gk_report *r,
                       const char *signed_id, unsigned char sketch[GK_SKETCH_SIZE],
                       int *signed_out);

#endif
