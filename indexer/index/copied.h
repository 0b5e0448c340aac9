/* copied.h - the link pass's second part: a report whose problems section
 * is >= GK_COPIED_SHARE the same as its own place's earlier report's
 * (previous_year) or as another place's of an earlier or the same year
 * (other_place) (private to the index module; docs/SIMILAR.md).
 *
 * Like continuity it depends on other reports, so it is computed after a
 * run's files are stored and pruned: every report noted, every report
 * whose problems section is that much like a noted one's, and every
 * report that named a noted one as copied (GK_SLOT_COPIED_FROM) are
 * measured again across all shards, from the band terms and the stored
 * sections as --similar does; a document whose status or list changed is
 * read back, changed and written back in its place. */
#ifndef GK_COPIED_H
#define GK_COPIED_H

#include <stddef.h>

#include "gk_db.h"
#include "gk_sections.h"
#include "gk_status.h"
#include "link.h"
#include "shards.h"

/* The section compared. */
#define GK_COPIED_SECTION "problems"
/* Candidates read per shard for one report (most bands in common first). */
#define GK_COPIED_CANDIDATES 200

/* A new document's status before any link pass, when it is a report
 * (is_report): "none" when its problems section is long enough to
 * compare (sketch, its gk_sketch_make, not NULL), else "unknown"; and
 * for any document with such a section, report_id and the sketch in
 * GK_SLOT_COPIED_SKETCH, all the pass reads of a candidate.  Fails with
 * GK_EINVAL (report_id not GK_REPORT_ID_LEN long) or the shim's status. */
gk_status gk_copied_initial(gk_doc *doc, int is_report, const char *report_id,
                            const unsigned char *sketch);

/* The link pass over the reports noted in l and those related to them,
 * across every shard of s (writers idle), sections shingled with table
 * t's boilerplate.  *rewritten: the documents written back.  Fails with
 * the databases' status or GK_ENOMEM. */
gk_status gk_copied_link(gk_shards *s, const gk_section_table *t, const gk_link_notes *l,
                         unsigned long *rewritten, char **errmsg);

#endif
