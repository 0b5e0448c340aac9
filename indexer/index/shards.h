/* shards.h - the databases an index is written to (private to the index
 * module): one database, or N shards and the stub that lists them.
 *
 * gongkai-index --shards N -d DIR makes DIR a folder holding shard-0 ..
 * shard-(N-1) and a stub, DIR/XAPIANDB, with a line "auto shard-K" for
 * each; Xapian (and so gongkai-query -d DIR) opens the folder as the stub
 * and searches all the shards as one.  A report goes to the shard its id
 * routes to (gk_shards_route), so a rerun sends each file where it went
 * before.  Each of several shards is written by a thread of its own,
 * doing the tasks given to it in order; one database is written by the
 * thread that owns the set, at once. */
#ifndef GK_SHARDS_H
#define GK_SHARDS_H

#include <stddef.h>

#include "gk_db.h"
#include "gk_status.h"

#define GK_SHARD_STUB "XAPIANDB"
#define GK_SHARD_NAME "shard-%zu"
#define GK_SHARD_QUEUE 4 /* tasks waiting for a shard's writer at most:
                            the bound on memory (README) */

typedef struct gk_shards gk_shards;

/* Open (or create) the index at path for writing: want shards (0: as many
 * as it has, one for a new index; 1: one database).  A folder of shards
 * asked for another count, one database or a non-empty folder asked to be
 * shards, a stub gongkai-index did not write (remote shards), or a file:
 * GK_EUNSUPPORTED with a message saying why.  Otherwise fails with the
 * databases' status (GK_ELOCKED when another writer holds one) or
 * GK_ENOMEM / GK_EINTERNAL. */
gk_status gk_shards_open(gk_shards **out, const char *path, size_t want, char **errmsg);

/* Finish every task given, stop the writers and close the databases
 * (committing what is pending).  A harmless no-op on NULL. */
void gk_shards_close(gk_shards *s);

size_t gk_shards_count(const gk_shards *s);

/* The shard that holds report_id. */
size_t gk_shards_route(const gk_shards *s, const char *report_id);

/* Shard k's database, for a look or a change by the owner between tasks;
 * gk_shards_unlock when done. */
gk_db *gk_shards_lock(gk_shards *s, size_t k);
void gk_shards_unlock(gk_shards *s, size_t k);

/* A task: fn(db, arg, errmsg) on the shard's database.  drop(arg), if not
 * NULL, releases arg once the task is done or dropped. */
typedef gk_status (*gk_shard_fn)(gk_db *db, void *arg, char **errmsg);
typedef void (*gk_shard_free_fn)(void *arg);

/* Give shard k a task: done at once for one database, else queued for its
 * writer (waiting while its queue is full).  Fails with the task's status
 * for one database, or with the first failure of the shard's earlier
 * tasks (arg is then dropped). */
gk_status gk_shards_do(gk_shards *s, size_t k, gk_shard_fn fn, void *arg,
                       gk_shard_free_fn drop, char **errmsg);

/* Wait until every shard has done every task given; fails with the first
 * failure of any (its message names the shard). */
gk_status gk_shards_wait(gk_shards *s, char **errmsg);

/* fn(db, arg) on every shard, in their writers at the same time, and wait:
 * arg is shared, so fn must only read it. */
gk_status gk_shards_each(gk_shards *s, gk_shard_fn fn, void *arg, char **errmsg);

#endif
