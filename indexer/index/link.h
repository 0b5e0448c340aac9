/* link.h - what the link pass's parts share (private to the index
 * module): the notes of the reports a run changed, and searches across
 * every shard.  The pass (gk_indexer_link) collects the notes once, hands
 * them to continuity (continuity.h) and copied problems sections
 * (copied.h), and forgets them when both succeeded. */
#ifndef GK_LINK_H
#define GK_LINK_H

#include <signal.h>
#include <stddef.h>

#include "gk_db.h"
#include "gk_status.h"
#include "shards.h"

/* Metadata of each shard: GK_META_LINK + report id ("1") for every report
 * stored, replaced or pruned there since the last link pass, written in
 * the same commit as the report, removed by the pass: a run killed
 * before its pass leaves them to the next run, which links them. */
#define GK_META_LINK "link/"

#define GK_LINK_IDS_PER_QUERY 200 /* report ids looked up at once */

/* The report ids noted in every shard's metadata. */
typedef struct gk_link_notes {
    char **ids; /* malloc'd, sorted, each once */
    size_t n, cap;
    int nomem;
    /* NULL, or becomes non-zero when the run is asked to stop: the pass's
     * parts then leave their work (gk_link_stopped), and the notes are
     * kept for the next run */
    const volatile sig_atomic_t *stop;
} gk_link_notes;

/* 1 once the run that made l is asked to stop: a part of the pass returns
 * GK_OK at once, what it rewrote so far being right (rewriting is done
 * again by the next run, which finds the notes). */
int gk_link_stopped(const gk_link_notes *l);

/* Note in db that report_id changed (stored, replaced or removed): its
 * GK_META_LINK key, part of the next commit.  Fails with the database's
 * status. */
gk_status gk_link_touch(gk_db *db, const char *report_id, char **errmsg);

/* The notes of every shard of s (writers idle) into *out (empty before;
 * release with gk_link_notes_free).  Fails with the databases' status or
 * GK_ENOMEM. */
gk_status gk_link_notes_collect(gk_shards *s, gk_link_notes *out, char **errmsg);

/* Remove the notes from every shard (commit after).  Fails with the
 * databases' status. */
gk_status gk_link_notes_forget(gk_shards *s, const gk_link_notes *l, char **errmsg);

/* 1 if id is noted in l. */
int gk_link_notes_has(const gk_link_notes *l, const char *id);

/* Release l's memory.  A harmless no-op on an empty one. */
void gk_link_notes_free(gk_link_notes *l);

/* Called for hit i of res, from shard `shard`; a status other than GK_OK
 * stops the search. */
typedef gk_status (*gk_link_hit_fn)(void *ctx, const gk_results *res, size_t i, size_t shard);

/* fn for every document of every shard of s that matches q, a page at a
 * time, each hit with the value slots slots[0..nslots) alone
 * (gk_search_opts.slots) and its data only if with_data, or with
 * everything when slots is NULL.  Fails with the databases' status or
 * fn's. */
gk_status gk_link_each_match(gk_shards *s, const gk_xquery *q, const unsigned *slots,
                             size_t nslots, int with_data, gk_link_hit_fn fn, void *ctx,
                             char **errmsg);

/* fn for every document of every shard of s holding prefix+id for any of
 * ids[0..n), read as gk_link_each_match reads a hit: each once, a shard
 * and GK_LINK_IDS_PER_QUERY ids at a time, in docid order (each id's
 * posting looked up, then the documents read in that order, not a
 * search: an OR of the ids made a quarter of reading them the matcher's).
 * Fails like gk_link_each_match, or with GK_ENOMEM or GK_EINVAL (a term
 * too long). */
gk_status gk_link_each_id(gk_shards *s, const char *prefix, const char *const *ids, size_t n,
                          const unsigned *slots, size_t nslots, int with_data,
                          gk_link_hit_fn fn, void *ctx, char **errmsg);

/* fn for every document of every shard of s whose key slot list_slot (a
 * list of report ids joined by ",", as GK_SLOT_PREVIOUS_REPORTS) names a
 * report noted in l, with the value slots slots[0..nslots) alone: the
 * lists read as one value stream per shard, a few bytes a document, then
 * the documents naming one read in docid order.  Fails with the
 * databases' status, fn's or GK_ENOMEM. */
gk_status gk_link_each_naming(gk_shards *s, unsigned list_slot, const gk_link_notes *l,
                              const unsigned *slots, size_t nslots, gk_link_hit_fn fn,
                              void *ctx, char **errmsg);

/* Value slot of hit i copied into out (size bytes, cut if longer). */
void gk_link_value(const gk_results *res, size_t i, unsigned slot, char *out, size_t size);

/* Change a stored document in place: the report's values alone.  A
 * document whose terms change is written back with every position it
 * holds (Xapian 1.4 reads them all first: about 5 ms a report); one whose
 * values alone change is not (about 0.13 ms), so the pass's marks are
 * values (gk_schema.h). */
typedef gk_status (*gk_link_edit_fn)(void *ctx, gk_doc *doc);

/* Read report id's document back from shard `shard` of s, let edit change
 * it, and write it back in its place.  Fails with the database's status
 * or edit's, with a message naming the report. */
gk_status gk_link_rewrite(gk_shards *s, size_t shard, const char *id, gk_link_edit_fn edit,
                          void *ctx, char **errmsg);

#endif
