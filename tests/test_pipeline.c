/* test_pipeline.c - jobs worked on by threads and handed back in order:
 * whatever order the threads finish in, the submitter sees the jobs in
 * the order it gave them, never more than `depth` at once, and jobs that
 * need no work keep their place among the others.  While the submitter is
 * busy, workers go on with light jobs and stop at heavy ones. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gk_pipeline.h"

#define NJOBS 500

typedef struct job {
    int seq;
    int needs_work;
    int worked;          /* set by a worker */
    pthread_t thread;    /* the thread that worked on it */
} job;

typedef struct worker {
    int id;
    int jobs_done;
} worker;

typedef struct tally {
    int next_expected;
    size_t max_in_flight;
    gk_pipeline *p;
    pthread_t submitter;
    int wrong_thread;
} tally;

/* Sleep a pseudo-random few microseconds, so that threads finish out of
 * order. */
static void jitter(int seq)
{
    struct timespec ts = {0, (long)((seq * 7919) % 13) * 20000L};
    nanosleep(&ts, NULL);
}

static size_t work(void *w, void *arg)
{
    worker *wk = w;
    job *jb = arg;
    jitter(jb->seq);
    jb->worked = 1;
    jb->thread = pthread_self();
    wk->jobs_done++;
    return 1;
}

static void done(void *ctx, void *arg)
{
    tally *lg = ctx;
    job *jb = arg;
    assert_int_equal(jb->seq, lg->next_expected);
    lg->next_expected++;
    assert_int_equal(jb->worked, jb->needs_work);
    if (!pthread_equal(pthread_self(), lg->submitter))
        lg->wrong_thread = 1;
    if (jb->needs_work && pthread_equal(jb->thread, lg->submitter) &&
        lg->p != NULL && lg->max_in_flight > 1)
        lg->wrong_thread = 1; /* with threads, work never runs here */
    free(jb);
}

/* Submit NJOBS jobs (every third one without work) through a pipeline of
 * nthreads threads and depth slots. */
static void run_jobs(size_t nthreads, size_t depth)
{
    worker workers[8];
    void *wp[8];
    for (int i = 0; i < 8; i++) {
        workers[i].id = i;
        workers[i].jobs_done = 0;
        wp[i] = &workers[i];
    }
    tally lg = {0, nthreads ? depth : 1, NULL, pthread_self(), 0};
    gk_pipeline *p = NULL;
    assert_int_equal(gk_pipeline_new(&p, wp, nthreads, depth, 1, depth, work, done, &lg, NULL),
                     GK_OK);
    lg.p = nthreads ? p : NULL;
    for (int i = 0; i < NJOBS; i++) {
        job *jb = calloc(1, sizeof *jb);
        jb->seq = i;
        jb->needs_work = i % 3 != 0;
        gk_pipeline_submit(p, jb, jb->needs_work);
        assert_true(gk_pipeline_in_flight(p) <= (nthreads ? depth : 1));
    }
    gk_pipeline_drain(p);
    assert_int_equal(gk_pipeline_in_flight(p), 0);
    assert_int_equal(lg.next_expected, NJOBS);
    assert_false(lg.wrong_thread);
    gk_pipeline_free(p);
    int total = 0;
    for (size_t i = 0; i < (nthreads ? nthreads : 1); i++)
        total += workers[i].jobs_done;
    assert_int_equal(total, NJOBS - (NJOBS + 2) / 3);
}

static void test_inline(void **state)
{
    (void)state;
    run_jobs(0, 8);
}

static void test_one_thread(void **state)
{
    (void)state;
    run_jobs(1, 1);
}

static void test_four_threads(void **state)
{
    (void)state;
    run_jobs(4, 8);
}

static void test_more_threads_than_slots(void **state)
{
    (void)state;
    run_jobs(8, 3);
}

static void test_free_without_jobs(void **state)
{
    (void)state;
    worker w = {0, 0};
    void *wp[1] = {&w};
    tally lg = {0, 4, NULL, pthread_self(), 0};
    gk_pipeline *p = NULL;
    assert_int_equal(gk_pipeline_new(&p, wp, 1, 4, 1, 4, work, done, &lg, NULL), GK_OK);
    gk_pipeline_free(p);
    gk_pipeline_free(NULL);
    assert_int_equal(lg.next_expected, 0);
}

/* Freeing hands back what is still in flight. */
static void test_free_drains(void **state)
{
    (void)state;
    worker w[2] = {{0, 0}, {1, 0}};
    void *wp[2] = {&w[0], &w[1]};
    tally lg = {0, 6, NULL, pthread_self(), 0};
    gk_pipeline *p = NULL;
    assert_int_equal(gk_pipeline_new(&p, wp, 2, 6, 1, 6, work, done, &lg, NULL), GK_OK);
    for (int i = 0; i < 5; i++) {
        job *jb = calloc(1, sizeof *jb);
        jb->seq = i;
        jb->needs_work = 1;
        gk_pipeline_submit(p, jb, 1);
    }
    gk_pipeline_free(p);
    assert_int_equal(lg.next_expected, 5);
}

/* The memory rule, with one worker: jobs weigh `weight` each; the
 * submitter, handing back the first, waits (as the indexer's writer does
 * while it commits) and watches how many finished jobs pile up. */
typedef struct busy {
    size_t weight;
    gk_pipeline *p;
    size_t most;     /* most finished jobs seen waiting at once */
    int broke_rule;  /* a job started with no room for it */
    int handed;
    atomic_int submitted; /* every job is in: the first may finish */
} busy;

static size_t weigh(void *w, void *arg)
{
    busy *b = w;
    job *jb = arg;
    size_t weight = 0;
    while (jb->seq == 0 && !atomic_load(&b->submitted)) {
        struct timespec ts = {0, 100000L};
        nanosleep(&ts, NULL);
    }
    /* one worker: the finished jobs only went down since it was started */
    size_t n = gk_pipeline_finished(b->p, &weight);
    if (!(n < 2 || weight < 10))
        b->broke_rule = 1;
    return b->weight;
}

static void wait_while_busy(void *ctx, void *arg)
{
    busy *b = ctx;
    free(arg);
    if (b->handed++ != 0)
        return;
    /* up to 10 s for 20 jobs to finish; light jobs get there at once, heavy
     * ones never pass keep (2) */
    for (int i = 0; i < 10000; i++) {
        size_t n = gk_pipeline_finished(b->p, NULL);
        if (n > b->most)
            b->most = n;
        if (n >= 20 || (b->weight >= 10 && i >= 200))
            break;
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
}

static void run_busy(busy *b)
{
    void *wp[1] = {b};
    assert_int_equal(gk_pipeline_new(&b->p, wp, 1, 64, 2, 10, weigh, wait_while_busy, b,
                                      NULL),
                     GK_OK);
    for (int i = 0; i < 40; i++) {
        job *jb = calloc(1, sizeof *jb);
        jb->seq = i;
        gk_pipeline_submit(b->p, jb, 1);
    }
    atomic_store(&b->submitted, 1);
    gk_pipeline_free(b->p);
    assert_int_equal(b->handed, 40);
    assert_false(b->broke_rule);
}

static void test_light_jobs_go_on_while_the_submitter_is_busy(void **state)
{
    (void)state;
    busy b = {.weight = 0};
    run_busy(&b);
    assert_true(b.most >= 20);
}

static void test_heavy_jobs_wait_for_the_submitter(void **state)
{
    (void)state;
    busy b = {.weight = 10};
    run_busy(&b);
    assert_true(b.most <= 2);
    assert_true(b.most >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline),
        cmocka_unit_test(test_one_thread),
        cmocka_unit_test(test_four_threads),
        cmocka_unit_test(test_more_threads_than_slots),
        cmocka_unit_test(test_free_without_jobs),
        cmocka_unit_test(test_free_drains),
        cmocka_unit_test(test_light_jobs_go_on_while_the_submitter_is_busy),
        cmocka_unit_test(test_heavy_jobs_wait_for_the_submitter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
