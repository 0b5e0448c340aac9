/* continuity.h - the link pass: each report's 上年结转 against its place's
 * 结转下年度 of the year before (private to the index module).
 *
 * Continuity depends on other reports than the one stored, so it is not
 * written with the document but after a run's files are stored (and
 * pruned): every report touched, those of the same place a year before
 * and after it, and every report that compared itself with one touched,
 * are looked up across all shards and their continuity (GK_SLOT_CONTINUITY,
 * GK_SLOT_CONTINUITY_KEY, GK_SLOT_PREVIOUS_*: values alone) recomputed;
 * a document whose continuity changed is read back, changed and written
 * back in its place. */
#ifndef GK_CONTINUITY_H
#define GK_CONTINUITY_H

#include <stddef.h>

#include "gk_db.h"
#include "gk_status.h"
#include "link.h"
#include "shards.h"

/* The slots of the two figures continuity compares. */
typedef struct gk_continuity_slots {
    unsigned carried_over;    /* requests_carried_over: 上年结转 */
    unsigned carried_forward; /* requests_carried_forward: 结转下年度 */
} gk_continuity_slots;

/* A new report's continuity before any link pass: unknown, compared with
 * nothing.  Fails with the shim's status. */
gk_status gk_continuity_initial(gk_doc *doc);

/* The link pass over the reports noted in l (gk_link_notes_collect) and
 * their neighbours, across every shard of s (its writers idle: after
 * gk_shards_wait).  *rewritten: the documents written back.  Fails with
 * the databases' status or GK_ENOMEM. */
gk_status gk_continuity_link(gk_shards *s, const gk_continuity_slots *slots,
                             const gk_link_notes *l, unsigned long *rewritten, char **errmsg);

#endif
