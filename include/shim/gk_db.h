/* gk_db.h - the C API over the search engine (implemented in shim/).
 *
 * This header is all the rest of gongkai knows about the search engine:
 * opaque handles, status codes and owned messages.  No C++ type and no
 * exception ever crosses it.  Nothing here prints.
 *
 * Memory: every object obtained through an `**out` parameter is owned by the
 * caller and released with the matching NULL-safe _free/_close function.
 * Strings returned through `char **` are allocated with malloc() and released
 * with free().  `const char *` results are borrowed; each comment says for
 * how long.
 *
 * Terms are byte strings (UTF-8 in practice); a term longer than
 * GK_DB_MAX_TERM bytes is refused with GK_EINVAL when it is added.
 */
#ifndef GK_DB_H
#define GK_DB_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GK_DB_MAX_TERM 240
#define GK_DB_MAX_SLOT 1000 /* value slots are 0 .. GK_DB_MAX_SLOT-1 */

typedef struct gk_db gk_db;           /* an open database */
typedef struct gk_doc gk_doc;         /* a document being built */
typedef struct gk_xquery gk_xquery;   /* an engine query */
typedef struct gk_results gk_results; /* one page of search results */

typedef enum gk_db_mode {
    GK_DB_READ,  /* read-only; fails with GK_ENOTFOUND if there is no database */
    GK_DB_WRITE  /* single writer; creates the database if missing */
} gk_db_mode;

/* ---- databases ---------------------------------------------------------- */

/* Open the database at path.  Fails with GK_ENOTFOUND (no database there),
 * GK_EINVAL (path is a file, or for a writer a folder of other files: not a
 * database), GK_ELOCKED (another writer holds it), GK_ECORRUPT (damaged: a
 * table missing, or - for a writer, whenever the tables are not as its
 * last commit left them - a table that fails Xapian's check), GK_EIO
 * (read-only file system, permission denied, ...) or GK_EDB, with a
 * one-line message in *errmsg; a damaged database is not written to.  The
 * parent directory must exist.  A writer removes what a killed
 * gk_db_compact left beside the database. */
gk_status gk_db_open(gk_db **out, const char *path, gk_db_mode mode,
                     char **errmsg);

/* Close a database; a writable one commits what is pending first (errors
 * at this point are lost: call gk_db_commit first to see them).
 * A harmless no-op on NULL. */
void gk_db_close(gk_db *db);

/* Called by gk_db_open_partial for each remote shard left out: its name
 * ("remote:tcp(HOST:PORT)", "remote:prog(PROGRAM ARGS)") and why. */
typedef void (*gk_db_down_fn)(void *ctx, const char *shard, const char *why);

/* Open path for reading as gk_db_open does; but a stub (a file, or a
 * folder holding XAPIANDB) is opened shard by shard, and the remote shards
 * that cannot be reached are left out, each handed to down (may be NULL)
 * and counted in *ndown.  Fails as gk_db_open does, and with GK_EIO when
 * every shard is down.  A local shard that fails fails the whole. */
gk_status gk_db_open_partial(gk_db **out, const char *path, gk_db_down_fn down,
                             void *ctx, size_t *ndown, char **errmsg);

/* Make every change so far durable and visible to readers. */
gk_status gk_db_commit(gk_db *db, char **errmsg);

/* Number of documents in the database. */
gk_status gk_db_doc_count(gk_db *db, unsigned long *out, char **errmsg);

/* Number of documents indexed by term (0 if none). */
gk_status gk_db_term_freq(gk_db *db, const char *term, unsigned long *out,
                          char **errmsg);

/* Remove every document indexed by term (none is not an error). */
gk_status gk_db_delete_term(gk_db *db, const char *term, char **errmsg);

/* Add a document.  The database copies it; doc stays owned by the caller. */
gk_status gk_db_add(gk_db *db, const gk_doc *doc, char **errmsg);

/* Make every change durable, then rewrite the database compactly (about
 * half the size of one built by adding documents) and put the copy in
 * its place; the handle goes on writing to it.  Needs free space for the
 * copy next to the database.  A writer only (GK_EINVAL otherwise); fails
 * with GK_EIO or the database's status, leaving the database as it was
 * unless the swap itself failed. */
gk_status gk_db_compact(gk_db *db, char **errmsg);

/* 1 if gk_db_open, opening db for writing, found and removed what a
 * gk_db_compact killed half-way left beside it (the database is then as
 * it was before that compaction, not compacted); 0 otherwise. */
int gk_db_compaction_interrupted(const gk_db *db);

/* Make the database see the latest commit (a reader opened before a writer
 * committed sees the old state until this is called).  Every read
 * (counts, metadata, searches, facets) that finds its revision discarded by
 * a writer committing meanwhile does this itself and reads again, a few
 * times before failing with GK_EDB. */
gk_status gk_db_reopen(gk_db *db, char **errmsg);

/* Store value (len bytes) under key in the database's key-value metadata;
 * len 0 removes the key.  Keys are 1 to GK_DB_MAX_TERM bytes (GK_EINVAL
 * otherwise).  Part of the next commit like any change. */
gk_status gk_db_set_metadata(gk_db *db, const char *key, const char *value,
                             size_t len, char **errmsg);

/* The metadata stored under key: *value is malloc'd and NUL-terminated
 * (free it), "" with *len 0 when there is none. */
gk_status gk_db_get_metadata(gk_db *db, const char *key, char **value,
                             size_t *len, char **errmsg);

/* Called by gk_db_metadata_each for one key and its value (borrowed for
 * the call; value is NUL-terminated).  Return 0 to go on, anything else to
 * stop.  It must not change the database. */
typedef int (*gk_db_metadata_fn)(void *ctx, const char *key, const char *value,
                                 size_t len);

/* Call fn for every metadata key that starts with prefix ("" for all), in
 * byte order of the keys.  Fails with the database's status (nothing more
 * is called then); fn stopping the walk is not a failure. */
gk_status gk_db_metadata_each(gk_db *db, const char *prefix,
                              gk_db_metadata_fn fn, void *ctx, char **errmsg);

/* Called by gk_db_terms_each for one term (borrowed for the call).
 * Return 0 to go on, anything else to stop. */
typedef int (*gk_db_term_fn)(void *ctx, const char *term, size_t len);

/* Call fn for every term that starts with prefix, in byte order; with a
 * stub of several databases, each term once.  Fails with the database's
 * status; fn stopping the walk is not a failure. */
gk_status gk_db_terms_each(gk_db *db, const char *prefix, gk_db_term_fn fn,
                           void *ctx, char **errmsg);

/* Append the docids of the documents holding term (len bytes), in
 * increasing order, to the array *buf (*n of *cap used; malloc'd and
 * grown with realloc, the caller frees it): what a search for the term
 * reads, without weighing or ranking.  With a stub of several databases
 * the docids are the stub's.  Fails with GK_ENOMEM or the database's
 * status, *n then as it was. */
gk_status gk_db_postings_append(gk_db *db, const char *term, size_t len, unsigned **buf,
                                size_t *n, size_t *cap, char **errmsg);

/* ---- changing a stored document ------------------------------------------ */

/* The one document indexed by term (a report's XR term), read back as a
 * gk_doc that gk_doc_set_* and gk_doc_add_boolean change and
 * gk_db_replace writes back; *out owned by the caller (gk_doc_free).
 * Fails with GK_ENOTFOUND when no document has term, or the database's
 * status. */
gk_status gk_db_doc_get(gk_db *db, const char *term, gk_doc **out, char **errmsg);

/* Put doc in the place of the document indexed by term (added if there is
 * none).  A writer only (GK_EINVAL otherwise); fails with the database's
 * status. */
gk_status gk_db_replace(gk_db *db, const char *term, const gk_doc *doc, char **errmsg);

/* ---- documents ---------------------------------------------------------- */

/* A new, empty document.  Fails only with GK_ENOMEM. */
gk_status gk_doc_new(gk_doc **out);

/* Release a document.  A harmless no-op on NULL. */
void gk_doc_free(gk_doc *doc);

/* Add one occurrence of term at position pos (positions start at 1). */
gk_status gk_doc_add_posting(gk_doc *doc, const char *term, size_t len,
                             unsigned pos);

/* Add wdf_inc occurrences of term without positions (ranking-only terms). */
gk_status gk_doc_add_term(gk_doc *doc, const char *term, size_t len,
                          unsigned wdf_inc);

/* Add a boolean (filter) term: it matches but never weighs. */
gk_status gk_doc_add_boolean(gk_doc *doc, const char *term);

/* Store bytes in value slot `slot` for display and facets.  Such values
 * are kept together (compactly) and cannot be collapsed or sorted on:
 * use gk_doc_set_key for that.  GK_EINVAL for slot >= GK_DB_MAX_SLOT. */
gk_status gk_doc_set_value(gk_doc *doc, unsigned slot, const char *bytes,
                           size_t len);

/* The same for a value that facets count (gk_db_facets): kept apart from
 * the others so that counting reads only these.  A slot holds either a
 * value or a facet value, not both. */
gk_status gk_doc_set_facet(gk_doc *doc, unsigned slot, const char *bytes,
                           size_t len);

/* The same for a long value that facets seldom count (figure totals, lists
 * of ids): counting facets that are none of these reads none of these
 * either (see gk_facet_spec.wide). */
gk_status gk_doc_set_wide_facet(gk_doc *doc, unsigned slot, const char *bytes,
                                size_t len);

/* Store bytes in value slot `slot` as a value of its own, so that
 * results can be collapsed (or sorted) on it; costlier than
 * gk_doc_set_value. */
gk_status gk_doc_set_key(gk_doc *doc, unsigned slot, const char *bytes,
                         size_t len);

/* Store a number in a value slot so that range queries and sorting on that
 * slot order numerically (it is also kept negated in a mirror slot the
 * shim keeps to itself, for sorting ascending: shim/README.md). */
gk_status gk_doc_set_number(gk_doc *doc, unsigned slot, double value);

/* Store the document's data blob (gongkai keeps the section text there). */
gk_status gk_doc_set_data(gk_doc *doc, const char *bytes, size_t len);

/* ---- queries ------------------------------------------------------------ */

typedef enum gk_xq_op {
    GK_XQ_AND,       /* every subquery matches */
    GK_XQ_OR,        /* any subquery matches */
    GK_XQ_AND_NOT,   /* the first matches and none of the others */
    GK_XQ_AND_MAYBE, /* the first matches; the others only add weight */
    GK_XQ_FILTER,    /* the first matches, weighted; the others filter */
    GK_XQ_SYNONYM    /* any matches, weighted as if one term */
} gk_xq_op;

/* A query for one term. */
gk_status gk_xquery_term(gk_xquery **out, const char *term, size_t len);

/* A query for terms at consecutive positions, in order.  n >= 1; with
 * n == 1 this is gk_xquery_term. */
gk_status gk_xquery_phrase(gk_xquery **out, const char *const *terms,
                           const size_t *lens, size_t n);

/* A query for every term that starts with prefix (len >= 1).  Its
 * expansion happens at search time against the database. */
gk_status gk_xquery_prefix(gk_xquery **out, const char *prefix, size_t len);

/* Combine n >= 1 subqueries with op.  The subqueries are copied: the caller
 * still owns (and frees) them. */
gk_status gk_xquery_combine(gk_xquery **out, gk_xq_op op,
                            gk_xquery *const *subs, size_t n);

/* Documents whose number in value slot `slot` (set by gk_doc_set_number)
 * lies in [lo, hi]; a bound is ignored when its has_ flag is 0. */
gk_status gk_xquery_number_range(gk_xquery **out, unsigned slot, int has_lo,
                                 double lo, int has_hi, double hi);

/* Documents whose key in value slot `slot` (set by gk_doc_set_key) lies
 * in [lo, hi] (lo_len and hi_len bytes), compared byte by byte.  It reads
 * the slot's values as a stream, unless other parts of the query name
 * fewer documents. */
gk_status gk_xquery_key_range(gk_xquery **out, unsigned slot, const char *lo, size_t lo_len,
                              const char *hi, size_t hi_len);

/* A query that matches every document. */
gk_status gk_xquery_all(gk_xquery **out);

/* The same matches as q but contributing no weight (for filters). */
gk_status gk_xquery_unweighted(gk_xquery **out, const gk_xquery *q);

/* Release a query.  A harmless no-op on NULL. */
void gk_xquery_free(gk_xquery *q);

/* A one-line description of the query for debugging and tests; malloc'd,
 * NULL when out of memory. */
char *gk_xquery_describe(const gk_xquery *q);

/* ---- searching ---------------------------------------------------------- */

typedef struct gk_search_opts {
    unsigned offset;     /* hits to skip */
    unsigned limit;      /* hits to return (0: only count) */
    int collapse_slot;   /* keep the best hit per value of this slot; -1: off */
    int sort_slot;       /* order by this slot's number (gk_doc_set_number;
                            documents without one come last either way),
                            then relevance; -1: by relevance */
    int sort_descending; /* with sort_slot: largest first */
    unsigned check_at_least; /* count matches exactly up to this many, and
                                beyond give only a lower bound (faster);
                                0: always exact */
    unsigned tie_slot;   /* 0: equal weights (and equal sort values) in
                            docid order; else a gk_doc_set_number slot
                            that differs from document to document: they
                            follow its number, largest first, so that the
                            order is the same whatever the docids (one
                            database or a stub of shards).  A query
                            without weights sorted by value then scores 0
                            (its weights stand for the tie number) */
    const unsigned *slots; /* not NULL: copy only these nslots value
                              slots of each hit (none when nslots is 0),
                              and no document data (a lean read: a few
                              lookups per hit instead of one per slot the
                              document has); NULL: every value and the
                              data */
    size_t nslots;
    int with_data;         /* with slots: the document data too */
} gk_search_opts;

/* Run q.  *out receives one page of hits plus the number of matches
 * (after collapsing): exact, unless opts->check_at_least allowed a lower
 * bound.  A reader whose database changed underneath it is
 * reopened and the search retried. */
gk_status gk_db_search(gk_db *db, const gk_xquery *q,
                       const gk_search_opts *opts, gk_results **out,
                       char **errmsg);

/* Hits in this page. */
size_t gk_results_count(const gk_results *r);

/* Number of matching documents (after collapsing) in the database:
 * exact when gk_results_total_exact says so, else a lower bound (there
 * are at least that many). */
unsigned long gk_results_total(const gk_results *r);

/* 1 if gk_results_total is exact, 0 if it is a lower bound. */
int gk_results_total_exact(const gk_results *r);

/* The docid of hit i in the database searched (on a stub its own,
 * interleaving the shards'), for gk_db_docs_get and gk_db_values_each;
 * 0 when i is out of range. */
unsigned gk_results_docid(const gk_results *r, size_t i);

/* Relevance weight of hit i (0 for pure filters). */
double gk_results_score(const gk_results *r, size_t i);

/* How many other matches hit i stands for when collapsing (0 otherwise). */
unsigned long gk_results_collapsed(const gk_results *r, size_t i);

/* Value slot `slot` of hit i: *bytes and *len, borrowed until gk_results_free.
 * An unset slot gives len 0 (and a non-NULL empty string). */
void gk_results_value(const gk_results *r, size_t i, unsigned slot,
                      const char **bytes, size_t *len);

/* The number stored by gk_doc_set_number in slot of hit i; returns 0 and
 * leaves *out alone when the slot is unset. */
int gk_results_number(const gk_results *r, size_t i, unsigned slot,
                      double *out);

/* Data blob of hit i, borrowed until gk_results_free; NUL-terminated. */
void gk_results_data(const gk_results *r, size_t i, const char **bytes,
                     size_t *len);

/* Release results.  A harmless no-op on NULL. */
void gk_results_free(gk_results *r);

/* The documents docids[0..n) of db (docids from gk_results_docid or
 * gk_db_values_each of the same database, writers idle) as a page of n
 * hits in that order, each read as gk_db_search reads a hit: the value
 * slots slots[0..nslots) (none when nslots is 0) and, when with_data, its
 * data; with slots NULL, every value and the data.  Read in increasing docid order, the documents
 * lie near each other on disk: one lookup of a few blocks each, not a
 * search.  Fails with GK_ENOTFOUND (a docid without a document) or the
 * database's status. */
gk_status gk_db_docs_get(gk_db *db, const unsigned *docids, size_t n, const unsigned *slots,
                         size_t nslots, int with_data, gk_results **out, char **errmsg);

/* Called for each document holding the value slot, in docid order; a
 * status other than GK_OK stops the walk and is returned. */
typedef gk_status (*gk_db_value_fn)(void *ctx, unsigned docid, const char *bytes, size_t len);

/* fn for every document of db that has value slot `slot` (a
 * gk_doc_set_key or gk_doc_set_number slot: the packed ones of
 * gk_doc_set_value and gk_doc_set_facet are not slots of their own), in
 * docid order, reading the slot's values as one stream: a few bytes a
 * document, where reading them hit by hit is a lookup each.  Fails with
 * the database's status or fn's; not retried when a writer changes db
 * meanwhile (fn would see documents twice). */
gk_status gk_db_values_each(gk_db *db, unsigned slot, gk_db_value_fn fn, void *ctx,
                            char **errmsg);

/* ---- facets ------------------------------------------------------------- */

typedef struct gk_facets gk_facets;

/* What to count for one facet. */
typedef struct gk_facet_spec {
    unsigned slot;      /* the value to count */
    int numeric;        /* the slot holds numbers (gk_doc_set_number): they
                           are counted as written ("2020") */
    char split;         /* a value holding a list ("a,b"): its separator;
                           0 counts values whole */
    int pair_slot;      /* -1, or a second slot: counts pairs (year x
                           category) */
    int pair_numeric;
    int per_unit;       /* every document of a unit has the same values in
                           slot (and pair_slot): read them only at the
                           unit's first match (much faster) */
    const gk_xquery *const *queries; /* or, with nqueries > 0, counted by
                           queries rather than a slot: value query_values[k]
                           counts the matches that also match queries[k]
                           (paired with pair_slot's values if set) */
    const char *const *query_values;
    size_t nqueries;
    int wide;           /* slot or pair_slot was set with
                           gk_doc_set_wide_facet: the count reads every
                           facet value of each match, not only the narrow
                           ones.  Mark every such spec: counted locally,
                           a wide value in a spec not marked so is not
                           seen */
} gk_facet_spec;

typedef struct gk_facet_count {
    const char *value;  /* borrowed until gk_facets_free */
    const char *pair;   /* the pair's second value, or NULL */
    unsigned long count;
} gk_facet_count;

/* Count, over every document matching q, the values of each spec (set by
 * gk_doc_set_facet, gk_doc_set_key or gk_doc_set_number) - once per value
 * of unit_slot, so that a unit of several matching documents counts once
 * (GK_DB_MAX_SLOT: every document is a unit of its own, and nothing is
 * deduplicated).  The values are read from each matching document as the
 * matcher hands it over (never by docid), fastest when they are all
 * facet values (gk_doc_set_facet).  Empty values are not counted.  Counts
 * come sorted by count (largest first), then value.  A stub with a remote
 * shard counts only gk_doc_set_facet values, with unit_slot
 * GK_DB_MAX_SLOT (else the remote shard's refusal, GK_EDB). */
gk_status gk_db_facets(gk_db *db, const gk_xquery *q, unsigned unit_slot,
                       const gk_facet_spec *specs, size_t nspecs,
                       gk_facets **out, char **errmsg);

/* Distinct values counted for spec i, and the k-th of them. */
size_t gk_facets_size(const gk_facets *f, size_t i);
const gk_facet_count *gk_facets_get(const gk_facets *f, size_t i, size_t k);

/* Release.  A harmless no-op on NULL. */
void gk_facets_free(gk_facets *f);

#ifdef __cplusplus
}
#endif

#endif
