/* pipeline.c - jobs worked on by a pool of threads and handed back in the
 * order they were submitted.
 *
 * The jobs live in a ring of `depth` slots.  Slots [head, next) are taken
 * by workers, [next, tail) wait for one (or need no work: done from the
 * start, and skipped); head is the oldest job, the next to hand back.  One
 * mutex guards the ring; `waiting` wakes workers when a job is queued, a
 * finished one is handed back (or the pipeline stops), `finished_cond` wakes the
 * submitter when a job is done.  A slot's job is written only by the
 * submitter while the slot is free, and read by the one worker that took
 * it.
 *
 * A job waiting in the ring holds nothing yet; a finished one holds what
 * its work made until it is handed back.  So a worker starts a job only
 * while fewer than `keep` finished jobs wait to be handed back, or while
 * the weights of those waiting (what `work` said each holds) total less
 * than `budget`: small finished jobs pile up while the submitter is busy
 * (the indexer's writer committing), large ones do not. */
#define _POSIX_C_SOURCE 200809L
#include "gk_pipeline.h"

#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "gk_util.h"

typedef struct slot {
    void *job;
    int done;
    int worked;    /* done by a worker: counted in finished, weight */
    size_t weight; /* what work said it holds */
} slot;

typedef struct thread_arg {
    gk_pipeline *p;
    void *worker;
} thread_arg;

struct gk_pipeline {
    gk_pipeline_work_fn work;
    gk_pipeline_done_fn done;
    void *ctx;
    void *inline_worker;  /* nthreads == 0 */
    slot *ring;
    size_t depth;
    size_t head, next, tail; /* counters; slot i is ring[i % depth] */
    size_t keep, budget;     /* see the top */
    size_t finished, weight; /* worked, not yet handed back: how many and
                                their weights' total */
    int stopping;
    pthread_mutex_t lock;
    pthread_cond_t waiting, finished_cond;
    pthread_t *threads;
    thread_arg *args;
    size_t nthreads;
};

static void *worker_main(void *arg)
{
    thread_arg *ta = arg;
    gk_pipeline *p = ta->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        /* jobs queued without work are done already: not ours */
        while (p->next < p->tail && p->ring[p->next % p->depth].done)
            p->next++;
        int room = p->finished < p->keep || p->weight < p->budget;
        if (p->next == p->tail || !room) {
            if (p->stopping && p->next == p->tail)
                break;
            pthread_cond_wait(&p->waiting, &p->lock);
            continue;
        }
        slot *s = &p->ring[p->next++ % p->depth];
        void *job = s->job;
        pthread_mutex_unlock(&p->lock);
        size_t weight = p->work(ta->worker, job);
        pthread_mutex_lock(&p->lock);
        s->done = 1;
        s->worked = 1;
        s->weight = weight;
        p->finished++;
        p->weight += weight;
        pthread_cond_broadcast(&p->finished_cond);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Hand back the oldest job, waiting for its work to finish. */
static void hand_back(gk_pipeline *p)
{
    pthread_mutex_lock(&p->lock);
    assert(p->head < p->tail);
    slot *s = &p->ring[p->head % p->depth];
    while (!s->done)
        pthread_cond_wait(&p->finished_cond, &p->lock);
    void *job = s->job;
    if (s->worked) {
        p->finished--;
        p->weight -= s->weight;
        pthread_cond_broadcast(&p->waiting); /* room for a worker */
    }
    *s = (slot){0};
    p->head++;
    if (p->next < p->head) /* it needed no work and no worker passed it */
        p->next = p->head;
    pthread_mutex_unlock(&p->lock);
    p->done(p->ctx, job);
}

/* Start the threads, with every signal blocked in them. */
static gk_status start_threads(gk_pipeline *p, void *const *workers,
                               size_t nthreads, char **errmsg)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    gk_status st = GK_OK;
    for (size_t i = 0; i < nthreads; i++) {
        p->args[i].p = p;
        p->args[i].worker = workers[i];
        if (pthread_create(&p->threads[i], NULL, worker_main, &p->args[i]) != 0) {
            st = gk_fail(errmsg, GK_EINTERNAL, "cannot start a thread");
            break;
        }
        p->nthreads++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return st;
}

gk_status gk_pipeline_new(gk_pipeline **out, void *const *workers,
                          size_t nthreads, size_t depth, size_t keep, size_t budget,
                          gk_pipeline_work_fn work, gk_pipeline_done_fn done,
                          void *ctx, char **errmsg)
{
    *out = NULL;
    gk_pipeline *p = calloc(1, sizeof *p);
    if (p == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    p->work = work;
    p->done = done;
    p->ctx = ctx;
    p->depth = nthreads == 0 ? 1 : depth < 1 ? 1 : depth;
    p->keep = keep < 1 ? 1 : keep;
    p->budget = budget;
    p->ring = calloc(p->depth, sizeof *p->ring);
    p->threads = nthreads ? calloc(nthreads, sizeof *p->threads) : NULL;
    p->args = nthreads ? calloc(nthreads, sizeof *p->args) : NULL;
    if (p->ring == NULL || (nthreads && (p->threads == NULL || p->args == NULL))) {
        free(p->ring);
        free(p->threads);
        free(p->args);
        free(p);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->waiting, NULL);
    pthread_cond_init(&p->finished_cond, NULL);
    if (nthreads == 0) {
        p->inline_worker = workers[0];
    } else {
        gk_status st = start_threads(p, workers, nthreads, errmsg);
        if (st != GK_OK) {
            gk_pipeline_free(p);
            return st;
        }
    }
    *out = p;
    return GK_OK;
}

void gk_pipeline_submit(gk_pipeline *p, void *job, int needs_work)
{
    if (p->nthreads == 0) {
        if (needs_work)
            p->work(p->inline_worker, job);
        p->done(p->ctx, job);
        return;
    }
    /* Hand back what is finished already, in order; then make room. */
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int ready = p->head < p->tail && p->ring[p->head % p->depth].done;
        int full = p->tail - p->head == p->depth;
        pthread_mutex_unlock(&p->lock);
        if (!ready && !full)
            break;
        hand_back(p);
    }
    pthread_mutex_lock(&p->lock);
    slot *s = &p->ring[p->tail % p->depth];
    s->job = job;
    s->done = !needs_work;
    p->tail++;
    if (needs_work)
        pthread_cond_signal(&p->waiting);
    pthread_mutex_unlock(&p->lock);
}

void gk_pipeline_drain(gk_pipeline *p)
{
    if (p == NULL)
        return;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int empty = p->head == p->tail;
        pthread_mutex_unlock(&p->lock);
        if (empty)
            break;
        hand_back(p);
    }
}

size_t gk_pipeline_in_flight(const gk_pipeline *p)
{
    return p->tail - p->head;
}

size_t gk_pipeline_finished(gk_pipeline *p, size_t *weight)
{
    pthread_mutex_lock(&p->lock);
    size_t n = p->finished;
    if (weight != NULL)
        *weight = p->weight;
    pthread_mutex_unlock(&p->lock);
    return n;
}

void gk_pipeline_free(gk_pipeline *p)
{
    if (p == NULL)
        return;
    gk_pipeline_drain(p);
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->waiting);
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->waiting);
    pthread_cond_destroy(&p->finished_cond);
    free(p->ring);
    free(p->threads);
    free(p->args);
    free(p);
}
