/* shards.c - the databases an index is written to (shards.h).
 *
 * Each shard of several has a writer thread and a queue of tasks, done in
 * the order they were given; a mutex per shard guards its database, held
 * by the thread through each task and by the owner for each look
 * (gk_shards_lock).  The first task to fail stops its shard: the tasks
 * after it are dropped, and the failure is what gk_shards_wait and every
 * later gk_shards_do return. */
#define _POSIX_C_SOURCE 200809L
#include "shards.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gk_paths.h"
#include "gk_util.h"

typedef struct task {
    gk_shard_fn fn;
    void *arg;
    gk_shard_free_fn drop;
} task;

typedef struct shard {
    gk_shards *set;
    gk_db *db;
    pthread_t thread;
    int started;
    pthread_mutex_t lock;      /* the database */
    task queue[GK_SHARD_QUEUE];
    size_t head, tail;         /* counters; queue[i % GK_SHARD_QUEUE] */
    gk_status st;              /* the first failure */
    char *msg;
} shard;

struct gk_shards {
    shard *shards;
    size_t n;
    int stopping;
    pthread_mutex_t qlock; /* every queue, st and msg */
    pthread_cond_t queued, done;
};

static void *writer_main(void *arg)
{
    shard *sh = arg;
    gk_shards *s = sh->set;
    pthread_mutex_lock(&s->qlock);
    for (;;) {
        while (sh->head == sh->tail && !s->stopping)
            pthread_cond_wait(&s->queued, &s->qlock);
        if (sh->head == sh->tail)
            break;
        task t = sh->queue[sh->head % GK_SHARD_QUEUE];
        int failed = sh->st != GK_OK;
        pthread_mutex_unlock(&s->qlock);
        char *msg = NULL;
        gk_status st = GK_OK;
        if (!failed) {
            pthread_mutex_lock(&sh->lock);
            st = t.fn(sh->db, t.arg, &msg);
            pthread_mutex_unlock(&sh->lock);
        }
        if (t.drop != NULL)
            t.drop(t.arg);
        pthread_mutex_lock(&s->qlock);
        if (st != GK_OK && sh->st == GK_OK) {
            sh->st = st;
            sh->msg = msg;
            msg = NULL;
        }
        free(msg);
        sh->head++;
        pthread_cond_broadcast(&s->done);
    }
    pthread_mutex_unlock(&s->qlock);
    return NULL;
}

/* The shards of a stub at path that gongkai-index wrote: every line
 * "auto shard-K", K from 0 up.  *n 0 when the stub is not of that form
 * (*why says what it holds instead). */
static gk_status read_stub(const char *stub, size_t *n, const char **why, char **errmsg)
{
    *n = 0;
    *why = NULL;
    FILE *f = fopen(stub, "r");
    if (f == NULL)
        return gk_fail(errmsg, GK_EIO, "%s: %s", stub, strerror(errno));
    char line[512];
    size_t k = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char want[64];
        snprintf(want, sizeof want, "auto " GK_SHARD_NAME, k);
        if (strcmp(line, want) != 0) {
            *why = strncmp(line, "remote", 6) == 0
                       ? "a stub naming remote shards: index each shard where it lies"
                       : "a stub that gongkai-index did not write: index each of its "
                         "databases on its own";
            k = 0;
            break;
        }
        k++;
    }
    fclose(f);
    if (k == 0 && *why == NULL)
        *why = "an empty stub";
    *n = k;
    return GK_OK;
}

/* Write the stub naming n shards, whole or not at all. */
static gk_status write_stub(const char *dir, size_t n, char **errmsg)
{
    char *stub = gk_path_join(dir, GK_SHARD_STUB);
    char *tmp = gk_path_join(dir, GK_SHARD_STUB ".tmp");
    gk_status st = GK_OK;
    FILE *f = NULL;
    if (stub == NULL || tmp == NULL)
        st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    else if ((f = fopen(tmp, "w")) == NULL)
        st = gk_fail(errmsg, GK_EIO, "%s: %s", tmp, strerror(errno));
    for (size_t i = 0; st == GK_OK && i < n; i++)
        fprintf(f, "auto " GK_SHARD_NAME "\n", i);
    if (f != NULL && (fflush(f) != 0 || fsync(fileno(f)) != 0 || ferror(f)) && st == GK_OK)
        st = gk_fail(errmsg, GK_EIO, "%s: %s", tmp, strerror(errno));
    if (f != NULL && fclose(f) != 0 && st == GK_OK)
        st = gk_fail(errmsg, GK_EIO, "%s: %s", tmp, strerror(errno));
    if (st == GK_OK && rename(tmp, stub) != 0)
        st = gk_fail(errmsg, GK_EIO, "%s: %s", stub, strerror(errno));
    free(stub);
    free(tmp);
    return st;
}

/* How many shards the index at path has: 0 for one database (or none
 * yet), else its stub's count. */
static gk_status count_shards(const char *path, size_t *n, char **errmsg)
{
    *n = 0;
    char *stub = gk_path_join(path, GK_SHARD_STUB);
    if (stub == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    struct stat sb;
    gk_status st = GK_OK;
    if (stat(path, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        /* a file: gk_db_open says what it is */
    } else if (stat(stub, &sb) == 0) {
        const char *why = NULL;
        st = read_stub(stub, n, &why, errmsg);
        if (st == GK_OK && why != NULL)
            st = gk_fail(errmsg, GK_EUNSUPPORTED, "%s", why);
    }
    free(stub);
    return st;
}

/* 1 if the folder at path holds nothing. */
static int empty_folder(const char *path)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return 0;
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

void gk_shards_close(gk_shards *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->qlock);
    s->stopping = 1;
    pthread_cond_broadcast(&s->queued);
    pthread_mutex_unlock(&s->qlock);
    for (size_t i = 0; i < s->n; i++) {
        shard *sh = &s->shards[i];
        if (sh->started)
            pthread_join(sh->thread, NULL);
        gk_db_close(sh->db);
        pthread_mutex_destroy(&sh->lock);
        free(sh->msg);
    }
    pthread_mutex_destroy(&s->qlock);
    pthread_cond_destroy(&s->queued);
    pthread_cond_destroy(&s->done);
    free(s->shards);
    free(s);
}

gk_status gk_shards_open(gk_shards **out, const char *path, size_t want, char **errmsg)
{
    *out = NULL;
    size_t have = 0;
    gk_status st = count_shards(path, &have, errmsg);
    if (st != GK_OK)
        return st;
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (want > 1 && have == 0 && exists && !empty_folder(path))
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "not empty, and not shards: give --shards a new folder");
    if (want > 0 && have > 0 && want != have)
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "%zu shards, not %zu: give --shards %zu, or a new folder", have,
                       want, have);
    if (want == 1 && have > 1)
        return gk_fail(errmsg, GK_EUNSUPPORTED, "%zu shards, not one", have);
    size_t n = have > 0 ? have : want > 1 ? want : 1;
    int sharded = have > 0 || want > 1;
    gk_shards *s = calloc(1, sizeof *s);
    if (s == NULL || (s->shards = calloc(n, sizeof *s->shards)) == NULL) {
        free(s);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    s->n = n;
    pthread_mutex_init(&s->qlock, NULL);
    pthread_cond_init(&s->queued, NULL);
    pthread_cond_init(&s->done, NULL);
    for (size_t i = 0; i < n; i++) {
        s->shards[i].set = s;
        pthread_mutex_init(&s->shards[i].lock, NULL);
    }
    if (sharded && !exists)
        st = gk_mkdir_p(path, errmsg);
    for (size_t i = 0; st == GK_OK && i < n; i++) {
        if (!sharded) {
            st = gk_db_open(&s->shards[i].db, path, GK_DB_WRITE, errmsg);
            continue;
        }
        char name[64];
        snprintf(name, sizeof name, GK_SHARD_NAME, i);
        char *p = gk_path_join(path, name);
        if (p == NULL)
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
        else
            st = gk_db_open(&s->shards[i].db, p, GK_DB_WRITE, errmsg);
        if (st != GK_OK && errmsg != NULL && *errmsg != NULL) {
            char *m = *errmsg;
            *errmsg = NULL;
            gk_fail(errmsg, st, "%s: %s", name, m);
            free(m);
        }
        free(p);
    }
    /* the stub last: a reader never sees a shard that is not there */
    if (st == GK_OK && sharded && have == 0)
        st = write_stub(path, n, errmsg);
    /* a writer thread for each of several shards; one database is
     * written by its owner, as it always was */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    for (size_t i = 0; st == GK_OK && n > 1 && i < n; i++) {
        if (pthread_create(&s->shards[i].thread, NULL, writer_main, &s->shards[i]) != 0)
            st = gk_fail(errmsg, GK_EINTERNAL, "cannot start a writer thread");
        else
            s->shards[i].started = 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (st != GK_OK) {
        gk_shards_close(s);
        return st;
    }
    *out = s;
    return GK_OK;
}

size_t gk_shards_count(const gk_shards *s)
{
    return s->n;
}

size_t gk_shards_route(const gk_shards *s, const char *report_id)
{
    /* the id's last 8 hex digits: FNV-1a's low bits mix well */
    unsigned long v = 0;
    size_t len = strlen(report_id);
    for (size_t i = len > 8 ? len - 8 : 0; i < len; i++) {
        char c = report_id[i];
        v = v * 16 + (unsigned long)(c >= '0' && c <= '9' ? c - '0'
                                     : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0);
    }
    return (size_t)(v % s->n);
}

gk_db *gk_shards_lock(gk_shards *s, size_t k)
{
    pthread_mutex_lock(&s->shards[k].lock);
    return s->shards[k].db;
}

void gk_shards_unlock(gk_shards *s, size_t k)
{
    pthread_mutex_unlock(&s->shards[k].lock);
}

/* The failure of shard k, as a status and message: GK_OK if none. */
static gk_status failure(gk_shards *s, size_t k, char **errmsg)
{
    shard *sh = &s->shards[k];
    if (sh->st == GK_OK)
        return GK_OK;
    char name[64];
    snprintf(name, sizeof name, GK_SHARD_NAME, k);
    return gk_fail(errmsg, sh->st, "%s: %s", name,
                   sh->msg != NULL ? sh->msg : gk_status_str(sh->st));
}

gk_status gk_shards_do(gk_shards *s, size_t k, gk_shard_fn fn, void *arg,
                       gk_shard_free_fn drop, char **errmsg)
{
    shard *sh = &s->shards[k];
    if (s->n == 1) { /* in this thread */
        gk_status st = fn(sh->db, arg, errmsg);
        if (drop != NULL)
            drop(arg);
        return st;
    }
    pthread_mutex_lock(&s->qlock);
    while (sh->tail - sh->head == GK_SHARD_QUEUE && sh->st == GK_OK)
        pthread_cond_wait(&s->done, &s->qlock);
    gk_status st = failure(s, k, errmsg);
    if (st == GK_OK) {
        sh->queue[sh->tail % GK_SHARD_QUEUE] = (task){fn, arg, drop};
        sh->tail++;
        pthread_cond_broadcast(&s->queued);
    }
    pthread_mutex_unlock(&s->qlock);
    if (st != GK_OK && drop != NULL)
        drop(arg);
    return st;
}

gk_status gk_shards_wait(gk_shards *s, char **errmsg)
{
    if (s->n == 1)
        return GK_OK;
    gk_status st = GK_OK;
    pthread_mutex_lock(&s->qlock);
    for (size_t k = 0; k < s->n; k++) {
        shard *sh = &s->shards[k];
        while (sh->head != sh->tail)
            pthread_cond_wait(&s->done, &s->qlock);
        if (st == GK_OK)
            st = failure(s, k, errmsg);
    }
    pthread_mutex_unlock(&s->qlock);
    return st;
}

gk_status gk_shards_each(gk_shards *s, gk_shard_fn fn, void *arg, char **errmsg)
{
    for (size_t k = 0; k < s->n; k++) {
        gk_status st = gk_shards_do(s, k, fn, arg, NULL, errmsg);
        if (st != GK_OK)
            return st;
    }
    return gk_shards_wait(s, errmsg);
}
