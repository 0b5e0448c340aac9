/* run.c - an indexing run: the walk's files turned into jobs, analysed by
 * the pipeline's threads, stored and accounted for in walk order. */
#define _XOPEN_SOURCE 700
#include "gk_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "gk_idset.h"
#include "gk_paths.h"
#include "gk_pipeline.h"
#include "gk_util.h"
#include "gk_walk.h"

/* What one file found by the walk turns into, handed back in walk order. */
typedef enum job_kind {
    JOB_FILE,      /* to be read and analysed by a worker, then stored */
    JOB_UNCHANGED, /* known with the same size and time: nothing to do */
    JOB_FAILED,    /* a problem found by the walk or the check */
    JOB_SKIPPED    /* not read: see reason */
} job_kind;

typedef struct job {
    job_kind kind;
    int named;             /* a root given by name, not found in a folder */
    char *path;
    char *reason;          /* JOB_FAILED, JOB_SKIPPED */
    gk_file_check check;   /* JOB_FILE, JOB_UNCHANGED */
    gk_file_info info;     /* JOB_FILE, filled by the worker */
    gk_indexed_file *analysis; /* JOB_FILE, on success */
    gk_status st;          /* JOB_FILE: the analysis's status */
    char *msg;             /* and its message */
} job;

struct gk_run {
    gk_run_opts opts;
    char *db_path;
    gk_indexer *ix;
    gk_indexer_worker **workers;
    size_t nworkers;
    gk_pipeline *pipeline;
    gk_progress *progress; /* during gk_run_index; may be NULL */
    gk_run_counts counts;
    struct timespec stage; /* when the stage under way began */
    unsigned long since_commit;
    int compact;     /* compact at the end (opts.compact decided) */
    int interrupted; /* the walk was cut short by *stop, or a file's
                        analysis abandoned */
    gk_status fatal; /* the database failed (or memory ran out), which
                        stopped the walk */
    gk_idset *reached; /* the report ids of the files this walk has taken */
};

static int stop_asked(const gk_run *r)
{
    return r->opts.stop != NULL && *r->opts.stop != 0;
}

static void account(gk_run *r, const gk_run_file *f)
{
    if (r->opts.on_file != NULL)
        r->opts.on_file(r->opts.ctx, f);
}

static void problem(gk_run *r, const char *path, const char *reason)
{
    if (r->opts.on_problem != NULL)
        r->opts.on_problem(r->opts.ctx, path, reason);
}

/* The database failed: say so and stop. */
static void database_failed(gk_run *r, gk_status st, const char *msg)
{
    problem(r, r->db_path, msg ? msg : gk_status_str(st));
    r->fatal = st;
}

static void job_free(job *jb)
{
    free(jb->path);
    free(jb->reason);
    gk_file_check_clear(&jb->check);
    gk_indexed_file_free(jb->analysis);
    free(jb->msg);
    free(jb);
}

/* A job for path; NULL when out of memory. */
static job *job_new(job_kind kind, const char *path, const char *reason)
{
    job *jb = calloc(1, sizeof *jb);
    if (jb == NULL || (jb->path = gk_strdup(path)) == NULL ||
        (reason != NULL && (jb->reason = gk_strdup(reason)) == NULL)) {
        if (jb != NULL)
            job_free(jb);
        return NULL;
    }
    jb->kind = kind;
    return jb;
}

/* Submit a job that needs no work.  0 when out of memory (fatal). */
static int submit_ready(gk_run *r, job_kind kind, const char *path, const char *reason)
{
    job *jb = job_new(kind, path, reason);
    if (jb == NULL) {
        problem(r, path, gk_status_str(GK_ENOMEM));
        r->fatal = GK_ENOMEM;
        return 0;
    }
    gk_pipeline_submit(r->pipeline, jb, 0);
    return 1;
}

/* In a worker thread: read and analyse the file.  Its weight while it
 * waits to be stored is its text's size. */
static size_t work(void *worker, void *arg)
{
    job *jb = arg;
    jb->st = gk_indexer_analyse(worker, jb->path, &jb->check, &jb->info,
                                &jb->analysis, &jb->msg);
    return jb->analysis != NULL ? jb->info.text_bytes : 0;
}

static void file_failed(gk_run *r, const char *path, const char *reason)
{
    r->counts.failed++;
    gk_run_file f = {.outcome = GK_RUN_FAILED, .path = path, .reason = reason};
    account(r, &f);
}

static void file_unchanged(gk_run *r, const char *path, const char *report_id,
                           int kind, unsigned long nsections, const char *by)
{
    r->counts.unchanged++;
    gk_run_file f = {.outcome = GK_RUN_UNCHANGED, .path = path, .by = by,
                     .report_id = report_id, .kind = (gk_report_kind)kind,
                     .nsections = nsections};
    account(r, &f);
}

static void file_indexed(gk_run *r, const char *path, const gk_file_info *info,
                         gk_file_change change)
{
    r->counts.indexed++;
    if (change == GK_FILE_NEW)
        r->counts.added++;
    else
        r->counts.updated++;
    r->counts.sections += info->nsections;
    if (info->kind == GK_KIND_REPORT)
        r->counts.reports++;
    else
        r->counts.documents++;
    gk_run_file f = {.outcome = GK_RUN_INDEXED, .path = path, .change = change,
                     .info = info};
    account(r, &f);
}

static void file_dropped(gk_run *r, const char *path)
{
    gk_run_file f = {.outcome = GK_RUN_DROPPED, .path = path};
    account(r, &f);
}

/* Store a file analysed, and commit every commit_every files. */
static void store(gk_run *r, job *jb)
{
    char *msg = NULL;
    int same = gk_indexed_file_same_content(jb->analysis);
    gk_status st = gk_indexer_store(r->ix, jb->analysis, &msg);
    jb->analysis = NULL; /* the indexer's now */
    if (st != GK_OK) {
        file_dropped(r, jb->path);
        database_failed(r, st, msg);
        free(msg);
        return;
    }
    if (same)
        file_unchanged(r, jb->path, jb->info.report_id, (int)jb->info.kind,
                       jb->info.nsections, "content");
    else
        file_indexed(r, jb->path, &jb->info, jb->check.change);
    if (++r->since_commit >= r->opts.commit_every) {
        r->since_commit = 0;
        if ((st = gk_indexer_commit(r->ix, &msg)) != GK_OK)
            database_failed(r, st, msg);
    }
    free(msg);
}

/* In the walking thread, in walk order: store and account for what a job
 * found. */
static void done(void *ctx, void *arg)
{
    gk_run *r = ctx;
    job *jb = arg;
    unsigned long long bytes = 0;
    if (r->fatal != GK_OK) {
        file_dropped(r, jb->path); /* what is still in flight is dropped */
    } else if (jb->kind == JOB_SKIPPED) {
        r->counts.skipped++;
        gk_run_file f = {.outcome = GK_RUN_SKIPPED, .path = jb->path,
                         .reason = jb->reason};
        account(r, &f);
    } else if (jb->kind == JOB_FAILED) {
        file_failed(r, jb->path, jb->reason);
    } else if (jb->kind == JOB_UNCHANGED) {
        file_unchanged(r, jb->path, jb->check.report_id, jb->check.known_kind,
                       jb->check.known_sections, "stat");
    } else if (jb->st == GK_OK && jb->info.abandoned) {
        r->interrupted = 1; /* stopped: the file is left for the next run */
        file_dropped(r, jb->path);
    } else if (jb->st != GK_OK && gk_indexer_fatal(jb->st)) {
        file_dropped(r, jb->path);
        database_failed(r, jb->st, jb->msg);
    } else if (jb->st != GK_OK && jb->info.by_content && !jb->named) {
        r->counts.skipped++; /* not a report, whatever its name */
        gk_run_file f = {.outcome = GK_RUN_SKIPPED, .path = jb->path, .reason = jb->msg};
        account(r, &f);
    } else if (jb->st != GK_OK) {
        file_failed(r, jb->path, jb->msg ? jb->msg : gk_status_str(jb->st));
    } else {
        bytes = jb->check.size;
        store(r, jb);
    }
    gk_progress_file(r->progress, bytes);
    job_free(jb);
}

static void on_walk_error(void *ctx, const char *path, const char *reason)
{
    gk_run *r = ctx;
    if (r->fatal == GK_OK)
        submit_ready(r, JOB_FAILED, path, reason);
}

static gk_walk_step on_file(void *ctx, const gk_walk_file *file)
{
    gk_run *r = ctx;
    const char *path = file->path;
    if (r->fatal != GK_OK)
        return GK_WALK_STOP;
    if (stop_asked(r)) {
        r->interrupted = 1;
        return GK_WALK_STOP;
    }
    int ok = 1;
    if (file->skipped != NULL) {
        ok = submit_ready(r, JOB_SKIPPED, path, file->skipped);
        return ok ? GK_WALK_CONTINUE : GK_WALK_STOP;
    }
    if (!gk_indexer_accepts(path)) {
        if (file->named)
            ok = submit_ready(r, JOB_FAILED, path,
                              file->special != NULL
                                  ? "not a regular file or directory"
                                  : "unsupported file type (gongkai reads text, "
                                    "HTML, Word .docx and PDF files)");
        else
            ok = submit_ready(r, JOB_SKIPPED, path,
                              file->special != NULL
                                  ? "not a regular file or directory"
                                  : "not a format gongkai reads (text, HTML, "
                                    "Word .docx, PDF)");
        return ok ? GK_WALK_CONTINUE : GK_WALK_STOP;
    }
    if (file->special != NULL) {
        char why[128];
        snprintf(why, sizeof why, "not a regular file but a %s: not read",
                 file->special);
        ok = submit_ready(r, JOB_FAILED, path, why);
        return ok ? GK_WALK_CONTINUE : GK_WALK_STOP;
    }
    job *jb = job_new(JOB_FILE, path, NULL);
    if (jb == NULL) {
        problem(r, path, gk_status_str(GK_ENOMEM));
        r->fatal = GK_ENOMEM;
        return GK_WALK_STOP;
    }
    jb->named = file->named;
    char *msg = NULL;
    gk_status st = gk_indexer_check_seen(r->ix, path, file->canonical, file->st,
                                         r->opts.force, &jb->check, &msg);
    if (st != GK_OK && gk_indexer_fatal(st)) {
        database_failed(r, st, msg);
        free(msg);
        job_free(jb);
        return GK_WALK_STOP;
    }
    if (st != GK_OK) {
        jb->kind = JOB_FAILED;
        jb->reason = msg != NULL ? msg : gk_strdup(gk_status_str(st));
        if (jb->reason == NULL) {
            job_free(jb);
            return submit_ready(r, JOB_FAILED, path, "?") ? GK_WALK_CONTINUE
                                                          : GK_WALK_STOP;
        }
        gk_pipeline_submit(r->pipeline, jb, 0);
        return GK_WALK_CONTINUE;
    }
    /* one real file reached twice (through a link, or a root given twice
     * or inside another) is read once: its state is the same report's */
    int added = 1;
    if (r->reached == NULL && (r->reached = gk_idset_new()) == NULL)
        st = GK_ENOMEM;
    if (st == GK_OK)
        st = gk_idset_add(r->reached, strtoull(jb->check.report_id, NULL, 16), &added);
    if (st != GK_OK) {
        problem(r, path, gk_status_str(GK_ENOMEM));
        r->fatal = GK_ENOMEM;
        job_free(jb);
        return GK_WALK_STOP;
    }
    if (!added) {
        gk_buf why = {0};
        if (strcmp(path, jb->check.abs_path) == 0)
            st = gk_buf_adds(&why, "reached again in this run: read once");
        else
            st = gk_buf_printf(&why, "the same file as %s, reached already in this run: "
                                     "read once", jb->check.abs_path);
        ok = st == GK_OK ? submit_ready(r, JOB_SKIPPED, path, why.data) : 0;
        if (st != GK_OK) {
            problem(r, path, gk_status_str(GK_ENOMEM));
            r->fatal = GK_ENOMEM;
        }
        gk_buf_free(&why);
        job_free(jb);
        return ok ? GK_WALK_CONTINUE : GK_WALK_STOP;
    }
    if (jb->check.change == GK_FILE_UNCHANGED) {
        jb->kind = JOB_UNCHANGED;
        gk_pipeline_submit(r->pipeline, jb, 0);
    } else {
        gk_pipeline_submit(r->pipeline, jb, 1);
    }
    return r->fatal == GK_OK ? GK_WALK_CONTINUE : GK_WALK_STOP;
}

gk_status gk_run_open(gk_run **out, const char *db_path, const char *data_dir,
                      const gk_run_opts *opts, char **errmsg)
{
    *out = NULL;
    gk_run *r = calloc(1, sizeof *r);
    if (r == NULL || (r->db_path = gk_strdup(db_path)) == NULL) {
        free(r);
        return gk_fail(errmsg, GK_ENOMEM, "%s", gk_status_str(GK_ENOMEM));
    }
    r->opts = *opts;
    clock_gettime(CLOCK_MONOTONIC, &r->stage);
    gk_status st = GK_OK;
    /* create the database's parent directories (the default lives in ~) */
    char *slash = strrchr(r->db_path, '/');
    if (slash != NULL && slash != r->db_path) {
        *slash = '\0';
        st = gk_mkdir_p(r->db_path, errmsg);
        *slash = '/';
    }
    /* a database this run creates is written from scratch: compact it */
    r->compact = opts->compact;
    if (st == GK_OK && r->compact < 0) {
        struct stat dbst;
        r->compact = stat(db_path, &dbst) != 0 && errno == ENOENT;
    }
    gk_index_opts io = opts->index;
    io.stop = opts->stop; /* an analysis under way is abandoned at once */
    io.rebuild_old = opts->force; /* --force rebuilds an older layout */
    if (st == GK_OK)
        st = gk_indexer_open(&r->ix, db_path, data_dir, &io, errmsg);
    /* a compaction killed half-way is finished this time */
    if (st == GK_OK && opts->compact < 0 && gk_indexer_compaction_interrupted(r->ix))
        r->compact = 1;
    /* one analyser per thread: -j1 and -j2 have one each (see below) */
    unsigned long jobs = opts->jobs > 0 ? opts->jobs : 1;
    size_t analysers = jobs > 1 ? jobs - 1 : 1;
    /* shards have writers of their own and this thread only walks: -jN
     * then has N analysers */
    if (st == GK_OK && jobs > 1 && gk_indexer_shards(r->ix) > 1)
        analysers = jobs;
    if (st == GK_OK && (r->workers = calloc(analysers, sizeof *r->workers)) == NULL)
        st = gk_fail(errmsg, GK_ENOMEM, "%s", gk_status_str(GK_ENOMEM));
    if (st == GK_OK)
        r->nworkers = analysers;
    for (size_t i = 0; st == GK_OK && i < analysers; i++)
        st = gk_indexer_worker_new(&r->workers[i], r->ix, errmsg);
    /* -j1 analyses in this thread, as it stores; -jN in N-1 more threads
     * while this one walks and writes the database: one more analyser
     * than processors would only take time from the writer, the part
     * that cannot run in parallel (docs/BENCHMARKS.md).  Files of any size
     * in memory: the analysers' own and as many waiting as keeps the
     * whole at jobs * GK_RUN_IN_FLIGHT; small ones beyond that, up to the
     * budget, so that analysis goes on while the writer commits. */
    size_t any = jobs * GK_RUN_IN_FLIGHT;
    size_t keep = any > 2 * analysers ? any - 2 * analysers : 1;
    if (st == GK_OK)
        st = gk_pipeline_new(&r->pipeline, (void *const *)r->workers,
                             jobs > 1 ? analysers : 0, jobs * GK_RUN_SMALL_IN_FLIGHT,
                             keep, analysers * (size_t)GK_RUN_SMALL_TEXT, work, done,
                             r, errmsg);
    if (st != GK_OK) {
        gk_run_close(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

void gk_run_close(gk_run *r)
{
    if (r == NULL)
        return;
    gk_pipeline_free(r->pipeline);
    for (size_t i = 0; i < r->nworkers; i++)
        gk_indexer_worker_free(r->workers[i]);
    free(r->workers);
    gk_indexer_close(r->ix);
    gk_idset_free(r->reached);
    free(r->db_path);
    free(r);
}

/* Wall-clock seconds from *since, which becomes now. */
static double lap(struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double s = (double)(now.tv_sec - since->tv_sec) + (double)(now.tv_nsec - since->tv_nsec) / 1e9;
    *since = now;
    return s;
}

gk_status gk_run_index(gk_run *r, char *const *roots, size_t n, gk_progress *progress)
{
    clock_gettime(CLOCK_MONOTONIC, &r->stage);
    r->progress = progress;
    gk_walk_opts opts = {r->opts.follow_links, NULL, 0, r->db_path};
    char **within = NULL;
    gk_status st = gk_walk_within(&within, &opts.nwithin, roots, n);
    opts.within = (const char *const *)within;
    for (size_t i = 0; i < n && st == GK_OK && !r->interrupted && r->fatal == GK_OK; i++) {
        struct stat sb;
        if (stop_asked(r))
            r->interrupted = 1;
        else if (r->opts.prune && lstat(roots[i], &sb) != 0 &&
                 (errno == ENOENT || errno == ENOTDIR))
            continue; /* gone: only pruned */
        else {
            char *msg = NULL;
            gk_status rs = gk_indexer_add_root(r->ix, roots[i], &msg);
            if (rs != GK_OK)
                database_failed(r, rs, msg);
            else if ((st = gk_walk(roots[i], &opts, on_file, on_walk_error, r)) != GK_OK)
                problem(r, roots[i], gk_status_str(st));
            free(msg);
        }
    }
    gk_walk_within_free(within, opts.nwithin);
    gk_pipeline_drain(r->pipeline); /* finish the files in flight */
    r->progress = NULL;
    r->counts.seconds_files = lap(&r->stage);
    return st != GK_OK ? st : r->fatal;
}

static void on_pruned(void *ctx, const char *path, const char *report_id)
{
    gk_run *r = ctx;
    r->counts.pruned++;
    gk_run_file f = {.outcome = GK_RUN_PRUNED, .path = path, .report_id = report_id};
    account(r, &f);
}

/* The absolute path of root without links, as it was indexed, even when
 * it is gone: its real path, else its folder's real path and its name
 * (a folder moved or deleted), else made absolute as written.  NULL
 * when out of memory. */
static char *absolute(const char *root)
{
    char *real = realpath(root, NULL);
    if (real != NULL)
        return real;
    char *copy = gk_strdup(root);
    if (copy == NULL)
        return NULL;
    size_t len = strlen(copy);
    while (len > 1 && copy[len - 1] == '/')
        copy[--len] = '\0';
    char *slash = strrchr(copy, '/');
    const char *name = slash != NULL ? slash + 1 : copy;
    char *parent = slash == NULL ? realpath(".", NULL)
                   : slash == copy ? gk_strdup("/")
                                   : (*slash = '\0', realpath(copy, NULL));
    char *out = NULL;
    if (parent != NULL && strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
        out = gk_path_join(parent, name);
    free(parent);
    free(copy);
    return out;
}

/* Remove the files under the roots that are gone (and under the roots
 * themselves gone), and commit. */
static gk_status prune(gk_run *r, char *const *roots, size_t n, char **errmsg)
{
    char **abs = calloc(n ? n : 1, sizeof *abs);
    size_t nabs = 0;
    if (abs == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "%s", gk_status_str(GK_ENOMEM));
    for (size_t i = 0; i < n; i++)
        if ((abs[nabs] = absolute(roots[i])) != NULL)
            nabs++;
    unsigned long count = 0;
    gk_status st = gk_indexer_prune(r->ix, (const char *const *)abs, nabs, on_pruned, r,
                                    &count, errmsg);
    if (st == GK_OK && count > 0)
        st = gk_indexer_commit(r->ix, errmsg);
    for (size_t i = 0; i < nabs; i++)
        free(abs[i]);
    free(abs);
    return st;
}

gk_status gk_run_finish(gk_run *r, char *const *roots, size_t n, char **errmsg)
{
    gk_status st = gk_indexer_commit(r->ix, errmsg);
    if (st == GK_OK && r->opts.prune && !r->interrupted)
        st = prune(r, roots, n, errmsg);
    r->counts.seconds_files += lap(&r->stage);
    /* continuity and copied look at other reports: after all are stored
     * and pruned.  Asked to stop, before or during it, the pass leaves its
     * notes to the next run (gk_link_stopped) */
    gk_link_counts rewritten = {0, 0};
    if (st == GK_OK && r->fatal == GK_OK)
        st = gk_indexer_link(r->ix, &rewritten, errmsg);
    if (st == GK_OK) /* the documents rewritten, the notes removed */
        st = gk_indexer_commit(r->ix, errmsg);
    r->counts.linked_continuity = rewritten.continuity;
    r->counts.linked_copied = rewritten.copied;
    r->counts.seconds_link = lap(&r->stage);
    return st;
}

int gk_run_compacting(const gk_run *r)
{
    return r->compact && !r->interrupted && !stop_asked(r);
}

gk_status gk_run_compact(gk_run *r, char **errmsg)
{
    gk_status st = gk_indexer_compact(r->ix, errmsg);
    r->counts.seconds_compact = lap(&r->stage);
    return st;
}

int gk_run_interrupted(const gk_run *r)
{
    return r->interrupted;
}

const gk_run_counts *gk_run_get_counts(const gk_run *r)
{
    return &r->counts;
}
