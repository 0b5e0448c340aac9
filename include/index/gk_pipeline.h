/* gk_pipeline.h - jobs worked on by a pool of threads and handed back in
 * the order they were submitted.
 *
 * The indexer submits one job per file as the walk finds it; worker threads
 * read and analyse files; the submitting thread gets each finished job back
 * (through `done`) in submission order, and alone writes the database.  At
 * most `depth` jobs exist at once - waiting, being worked on, or finished
 * and not yet handed back - so memory does not grow with the number of
 * jobs: gk_pipeline_submit blocks until the oldest one is handed back.  A
 * waiting job holds little; what finished ones hold is bounded by `keep`
 * and `budget` (gk_pipeline_new), so that the ring can be deep for small
 * jobs without holding many large ones. */
#ifndef GK_PIPELINE_H
#define GK_PIPELINE_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_pipeline gk_pipeline;

/* Work on job in a worker thread, with that thread's own worker context;
 * return the job's weight: what it holds until handed back (in the unit of
 * gk_pipeline_new's budget). */
typedef size_t (*gk_pipeline_work_fn)(void *worker, void *job);

/* Take a finished job back, in the thread that submits. */
typedef void (*gk_pipeline_done_fn)(void *ctx, void *job);

/* A pipeline of nthreads threads, the i-th working with workers[i], at most
 * depth jobs in flight (depth >= 1).  A worker starts a job only while
 * fewer than keep (>= 1) finished jobs wait to be handed back, or while
 * their weights total less than budget: so at most nthreads + keep jobs of
 * any weight are held at once, plus nthreads more while those waiting are
 * light.  nthreads 0 runs each job in the calling thread with workers[0]
 * as it is submitted.  The threads start
 * with every signal blocked, so that signals reach the caller's thread.
 * Fails with GK_ENOMEM or GK_EINTERNAL (a thread could not be started),
 * with a message. */
gk_status gk_pipeline_new(gk_pipeline **out, void *const *workers,
                          size_t nthreads, size_t depth, size_t keep, size_t budget,
                          gk_pipeline_work_fn work, gk_pipeline_done_fn done,
                          void *ctx, char **errmsg);

/* Queue job: to be worked on if needs_work, else handed back as it is when
 * its turn comes.  First hands back finished jobs, waiting for the oldest
 * when depth jobs are in flight. */
void gk_pipeline_submit(gk_pipeline *p, void *job, int needs_work);

/* Hand back every job submitted, waiting for the work on each. */
void gk_pipeline_drain(gk_pipeline *p);

/* Jobs submitted and not yet handed back. */
size_t gk_pipeline_in_flight(const gk_pipeline *p);

/* Jobs worked on and not yet handed back, and (weight not NULL) their
 * weights' total. */
size_t gk_pipeline_finished(gk_pipeline *p, size_t *weight);

/* Drain, stop the threads and release.  A harmless no-op on NULL. */
void gk_pipeline_free(gk_pipeline *p);

#ifdef __cplusplus
}
#endif

#endif
