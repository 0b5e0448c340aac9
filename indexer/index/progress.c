/* progress.c - the indexer's progress line on a terminal.
 *
 * The total is counted by a second walk over the same roots in a
 * background thread: it only reads directories and stats files, so it
 * runs far ahead of the indexing, and until it finishes the line shows
 * "N of M+ files" and no time left. */
#define _POSIX_C_SOURCE 200809L
#include "gk_progress.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gk_util.h"
#include "gk_walk.h"

struct gk_progress {
    FILE *to;
    char **roots;
    size_t nroots;
    int follow_links;           /* the walk's, so that both find the same */
    pthread_t counter;
    int counting;               /* the thread was started */
    atomic_ulong total;         /* written by the counter */
    atomic_int total_final;
    atomic_int stop;            /* asks the counter to stop */
    unsigned long done;
    unsigned long long bytes;
    struct timespec start, drawn;
    int visible;
    int drawn_once;
};

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void gk_progress_format(char *buf, size_t size, const gk_progress_counts *c)
{
    char rate[32] = "", eta[32] = "";
    if (c->seconds > 0.5)
        snprintf(rate, sizeof rate, ", %.1f MB/s", (double)c->bytes / 1e6 / c->seconds);
    if (c->total_final && c->done > 0 && c->done < c->total && c->seconds > 0.5) {
        double left = (double)(c->total - c->done) * c->seconds / (double)c->done;
        unsigned long s = (unsigned long)(left + 0.5);
        if (s >= 3600)
            snprintf(eta, sizeof eta, ", %luh%02lum left", s / 3600, s / 60 % 60);
        else
            snprintf(eta, sizeof eta, ", %lum%02lus left", s / 60, s % 60);
    }
    unsigned long total = c->total < c->done ? c->done : c->total;
    snprintf(buf, size, "gongkai-index: %lu of %lu%s files%s%s", c->done, total,
             c->total_final ? "" : "+", rate, eta);
}

static gk_walk_step count_file(void *ctx, const gk_walk_file *file)
{
    gk_progress *p = ctx;
    (void)file;
    atomic_fetch_add(&p->total, 1);
    return atomic_load(&p->stop) ? GK_WALK_STOP : GK_WALK_CONTINUE;
}

static void count_error(void *ctx, const char *path, const char *reason)
{
    gk_progress *p = ctx;
    (void)path;
    (void)reason;
    atomic_fetch_add(&p->total, 1); /* the indexer reports it: one more line */
}

static void *counter_main(void *arg)
{
    gk_progress *p = arg;
    gk_walk_opts opts = {p->follow_links, NULL, 0, NULL};
    char **within = NULL;
    if (gk_walk_within(&within, &opts.nwithin, p->roots, p->nroots) == GK_OK)
        opts.within = (const char *const *)within;
    for (size_t i = 0; i < p->nroots && !atomic_load(&p->stop); i++)
        gk_walk(p->roots[i], &opts, count_file, count_error, p);
    gk_walk_within_free(within, opts.nwithin);
    atomic_store(&p->total_final, 1);
    return NULL;
}

gk_status gk_progress_new(gk_progress **out, FILE *to, char *const *roots,
                          size_t n, int follow_links)
{
    *out = NULL;
    gk_progress *p = calloc(1, sizeof *p);
    if (p == NULL || (n > 0 && (p->roots = calloc(n, sizeof *p->roots)) == NULL)) {
        free(p);
        return GK_ENOMEM;
    }
    p->to = to;
    p->follow_links = follow_links;
    atomic_init(&p->total, 0);
    atomic_init(&p->total_final, 0);
    atomic_init(&p->stop, 0);
    for (size_t i = 0; i < n; i++, p->nroots++)
        if ((p->roots[i] = gk_strdup(roots[i])) == NULL) {
            gk_progress_free(p);
            return GK_ENOMEM;
        }
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->drawn = p->start;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    p->counting = pthread_create(&p->counter, NULL, counter_main, p) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    *out = p;
    return GK_OK;
}

void gk_progress_file(gk_progress *p, unsigned long long bytes)
{
    if (p == NULL)
        return;
    p->done++;
    p->bytes += bytes;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (p->drawn_once && since(&p->drawn, &now) * 1000 < GK_PROGRESS_INTERVAL_MS)
        return;
    p->drawn_once = 1; /* the first file shows at once */
    p->drawn = now;
    gk_progress_counts c = {p->done, atomic_load(&p->total),
                            atomic_load(&p->total_final), p->bytes,
                            since(&p->start, &now)};
    char line[160];
    gk_progress_format(line, sizeof line, &c);
    fprintf(p->to, "\r%s\033[K", line);
    fflush(p->to);
    p->visible = 1;
}

void gk_progress_clear(gk_progress *p)
{
    if (p == NULL || !p->visible)
        return;
    fputs("\r\033[K", p->to);
    fflush(p->to);
    p->visible = 0;
}

void gk_progress_free(gk_progress *p)
{
    if (p == NULL)
        return;
    gk_progress_clear(p);
    atomic_store(&p->stop, 1);
    if (p->counting)
        pthread_join(p->counter, NULL);
    for (size_t i = 0; i < p->nroots; i++)
        free(p->roots[i]);
    free(p->roots);
    free(p);
}
