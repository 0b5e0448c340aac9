/* main.c - gongkai-index: index annual reports into a gongkai database. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gk_indexer.h"
#include "gk_json.h"
#include "gk_paths.h"
#include "gk_pipeline.h"
#include "gk_progress.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "gk_walk.h"

#define PROGRAM "gongkai-index"

/* Exit codes, as documented in --help and README.md. */
enum { EXIT_ALL_INDEXED = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2,
       EXIT_DATABASE = 3 };

/* Commit after this many files (--commit-every), so that a run that is
 * killed keeps most of its work. */
#define COMMIT_EVERY 200
#define MAX_COMMIT_EVERY 1000000ul

/* --jobs: at most this many threads (one of them writes the database).
 * Up to JOBS_IN_FLIGHT files per thread are in memory (the bound README.md
 * states). */
#define MAX_JOBS 256ul
#define JOBS_IN_FLIGHT 2

/* The SIGINT or SIGTERM that asked the run to stop, or 0.  The handler only
 * sets it; on_file looks at it between files. */
static volatile sig_atomic_t stop_signal = 0;

/* What one file found by the walk turns into, handed back in walk order. */
typedef enum job_kind {
    JOB_FILE,      /* to be read and analysed by a worker, then stored */
    JOB_UNCHANGED, /* known with the same size and time: nothing to do */
    JOB_FAILED,    /* a problem found by the walk or the check */
    JOB_SKIPPED    /* not a format gongkai reads */
} job_kind;

typedef struct job {
    job_kind kind;
    char *path;
    char *reason;          /* JOB_FAILED */
    gk_file_check check;   /* JOB_FILE, JOB_UNCHANGED */
    gk_file_info info;     /* JOB_FILE, filled by the worker */
    gk_indexed_file *analysis; /* JOB_FILE, on success */
    gk_status st;          /* JOB_FILE: the analysis's status */
    char *msg;             /* and its message */
} job;

typedef struct run {
    gk_indexer *ix;
    const char *db_path;
    int json, quiet, verbose, force;
    unsigned long indexed, failed, skipped, reports, documents, sections;
    unsigned long added, updated, unchanged, pruned;
    unsigned long since_commit, commit_every;
    gk_pipeline *pipeline;
    gk_progress *progress; /* NULL unless stderr is a terminal */
    int progress_on_stdout; /* stdout is a terminal too, and gets a line
                               per file: erase the progress line first */
    int interrupted; /* the walk was cut short by stop_signal */
    gk_status fatal; /* the database failed, which stopped the walk */
} run;

static void usage(FILE *to)
{
    fputs("Usage: " PROGRAM " [OPTION]... PATH...\n"
          "Index annual government-information-disclosure reports found at each\n"
          "PATH (files, or directories searched recursively) into a gongkai\n"
          "database: text (.txt, .md), web pages (.html, .htm), Word (.docx)\n"
          "and PDF files, recognised by their content whatever their names.\n"
          "A file indexed before is skipped when its size and modification time\n"
          "(or else its content) are the same, and replaced when it changed.\n"
          "\n"
          "Options:\n"
          "  -d, --db DIR          database directory (default: $GONGKAI_DB, else\n"
          "                        $XDG_DATA_HOME/gongkai/db, else\n"
          "                        ~/.local/share/gongkai/db)\n"
          "      --json            one JSON object per file, then a summary, on\n"
          "                        stdout (see docs/JSON.md)\n"
          "  -v, --verbose         a line for every file indexed\n"
          "  -q, --quiet           no summary line and no progress line\n"
          "  -j, --jobs N          work in N threads: one writes the database while\n"
          "                        the others analyse files (default: the number of\n"
          "                        processors online); results do not depend on N\n"
          "      --force           re-index every file, changed or not\n"
          "      --prune           remove from the database the files under each\n"
          "                        PATH that no longer exist\n"
          "      --max-size SIZE   skip files larger than SIZE bytes (suffix K, M\n"
          "                        or G; default 64M)\n"
          "      --commit-every N  make the work durable after every N files\n"
          "                        indexed (default 200)\n"
          "      --compact         rewrite the database compactly at the end (done\n"
          "                        anyway when this run created the database)\n"
          "      --no-compact      never compact (it needs room for a copy)\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "\n"
          "On a terminal, a progress line on stderr shows the files done, MB/s\n"
          "and the time left.\n"
          "\n"
          "Problems with a file are reported on stderr as\n"
          "  " PROGRAM ": PATH: reason\n"
          "and every other file is still indexed.\n"
          "\n"
          "Interrupted (Ctrl-C, SIGINT or SIGTERM), it finishes the files at hand,\n"
          "saves everything indexed so far and says so; running the same command\n"
          "again finishes the job.  A second interrupt stops it at once, and the\n"
          "database keeps what was saved last.  Only one " PROGRAM " can write\n"
          "to a database at a time; searching it meanwhile is fine.\n"
          "\n"
          "Exit status: 0 all files indexed; 1 some files failed, the rest were\n"
          "indexed; 2 usage error; 3 database error (or locked by another\n"
          PROGRAM "); 130 interrupted by SIGINT, 143 by SIGTERM.\n",
          to);
}

/* "64M" -> 67108864; 0 on a malformed size. */
static unsigned long long parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || s[0] == '-')
        return 0;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return 0;
    }
    if (*end != '\0' || v > (~0ull >> shift))
        return 0;
    return v << shift;
}

/* "500" -> 500; 0 unless a whole number from 1 to max. */
static unsigned long parse_count(const char *s, unsigned long max)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || v > max)
        return 0;
    return v;
}

/* Ask the run to stop after the files at hand.  A second signal stops the
 * program at once, as if there were no handler: the database then keeps its
 * last commit (a commit is atomic). */
static void on_signal(int sig)
{
    if (stop_signal != 0) {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, NULL);
        raise(sig); /* delivered when the handler returns */
        return;
    }
    stop_signal = sig;
}

/* Catch SIGINT and SIGTERM, unless they were ignored when the program
 * started (as for a background job of a non-interactive shell).
 * SA_RESTART: a write to a slow pipe goes on instead of failing. */
static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGINT);
        sigaddset(&sa.sa_mask, SIGTERM);
        sa.sa_flags = SA_RESTART;
        if (sigaction(sigs[i], &sa, &old) == 0 && old.sa_handler == SIG_IGN)
            sigaction(sigs[i], &old, NULL);
    }
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

/* The progress line, erased before anything else is written. */
static gk_progress *progress_line;

/* One line on stderr: "gongkai-index: PATH: reason" (both sanitised). */
/* Control characters (a newline in a file name) as '?', so that every
 * complaint stays one line. */
static void flatten(char *s)
{
    for (; s != NULL && *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

static void complain(const char *path, const char *reason)
{
    gk_progress_clear(progress_line);
    char *p = gk_utf8_sanitize(path, strlen(path));
    char *r = gk_utf8_sanitize(reason, strlen(reason));
    flatten(p);
    flatten(r);
    fprintf(stderr, PROGRAM ": %s: %s\n", p ? p : "?", r ? r : "?");
    free(p);
    free(r);
}

static void file_failed(run *rn, const char *path, const char *reason)
{
    rn->failed++;
    complain(path, reason);
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("failed"));
        json_object_set_new(o, "error", gk_json_text(reason));
        gk_json_print(stdout, o);
    }
}

/* Why a file was indexed: "new", "changed", or "forced" (--force). */
static const char *change_name(gk_file_change change)
{
    return change == GK_FILE_NEW ? "new" : change == GK_FILE_FORCED ? "forced"
                                                                     : "changed";
}

static void file_indexed(run *rn, const char *path, const gk_file_info *info,
                         gk_file_change change)
{
    rn->indexed++;
    if (change == GK_FILE_NEW)
        rn->added++;
    else
        rn->updated++;
    rn->sections += info->nsections;
    if (info->kind == GK_KIND_REPORT)
        rn->reports++;
    else
        rn->documents++;
    if (info->replaced > 0) {
        char why[128];
        snprintf(why, sizeof why,
                 "warning: %zu invalid byte sequence%s replaced by U+FFFD",
                 info->replaced, info->replaced == 1 ? "" : "s");
        complain(path, why);
    }
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("indexed"));
        json_object_set_new(o, "change", json_string(change_name(change)));
        json_object_set_new(o, "report_id", json_string(info->report_id));
        json_object_set_new(o, "kind", json_string(gk_report_kind_name(info->kind)));
        json_object_set_new(o, "format", json_string(info->format));
        json_object_set_new(o, "encoding", json_string(info->encoding));
        json_object_set_new(o, "replaced", json_integer((json_int_t)info->replaced));
        json_object_set_new(o, "year", info->year ? json_integer(info->year) : json_null());
        json_object_set_new(o, "township", json_string(info->place.township));
        json_object_set_new(o, "county", json_string(info->place.county));
        json_object_set_new(o, "sections", json_integer((json_int_t)info->nsections));
        json_object_set_new(o, "template", info->template_version
                                               ? json_string(info->template_version)
                                               : json_null());
        json_object_set_new(o, "consistency", info->consistency
                                                  ? json_string(info->consistency)
                                                  : json_null());
        json_object_set_new(o, "figures", json_integer((json_int_t)info->nfigures));
        json_object_set_new(o, "place_status", info->place_status
                                                   ? json_string(info->place_status)
                                                   : json_null());
        json_object_set_new(o, "categories", json_integer((json_int_t)info->ncategories));
        gk_json_print(stdout, o);
    } else if (rn->verbose) {
        char *p = gk_utf8_sanitize(path, strlen(path));
        printf("%s %s: %s", change == GK_FILE_NEW ? "indexed" : "updated",
               p ? p : "?", gk_report_kind_name(info->kind));
        if (info->year)
            printf(" %d", info->year);
        if (info->place.county[0] || info->place.township[0])
            printf(" %s%s", info->place.county, info->place.township);
        if (info->place_status != NULL && strcmp(info->place_status, "resolved") != 0)
            printf(" (place %s)", info->place_status);
        printf(", %zu section%s\n", info->nsections, info->nsections == 1 ? "" : "s");
        free(p);
    }
}

/* A file skipped as unchanged: by its size and time, or (by "content")
 * read and found the same. */
static void file_unchanged(run *rn, const char *path, const char *report_id,
                           int kind, unsigned long nsections, const char *by)
{
    rn->unchanged++;
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("unchanged"));
        json_object_set_new(o, "by", json_string(by));
        json_object_set_new(o, "report_id", json_string(report_id));
        json_object_set_new(o, "kind", json_string(gk_report_kind_name((gk_report_kind)kind)));
        json_object_set_new(o, "sections", json_integer((json_int_t)nsections));
        gk_json_print(stdout, o);
    } else if (rn->verbose) {
        char *p = gk_utf8_sanitize(path, strlen(path));
        printf("unchanged %s\n", p ? p : "?");
        free(p);
    }
}

static void on_pruned(void *ctx, const char *path, const char *report_id)
{
    run *rn = ctx;
    rn->pruned++;
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("pruned"));
        json_object_set_new(o, "report_id", json_string(report_id));
        gk_json_print(stdout, o);
    } else if (rn->verbose) {
        char *p = gk_utf8_sanitize(path, strlen(path));
        printf("pruned %s\n", p ? p : "?");
        free(p);
    }
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

/* Queue a job for path; NULL when out of memory. */
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
static int submit_ready(run *rn, job_kind kind, const char *path,
                        const char *reason)
{
    job *jb = job_new(kind, path, reason);
    if (jb == NULL) {
        complain(path, gk_status_str(GK_ENOMEM));
        rn->fatal = GK_ENOMEM;
        return 0;
    }
    gk_pipeline_submit(rn->pipeline, jb, 0);
    return 1;
}

/* In a worker thread: read and analyse the file. */
static void work(void *worker, void *arg)
{
    job *jb = arg;
    jb->st = gk_indexer_analyse(worker, jb->path, &jb->check, &jb->info,
                                &jb->analysis, &jb->msg);
}

/* The database failed: say so and stop. */
static void database_failed(run *rn, gk_status st, const char *msg)
{
    complain(rn->db_path, msg ? msg : gk_status_str(st));
    rn->fatal = st;
}

/* Store a file analysed, and commit every commit_every files. */
static void store(run *rn, job *jb)
{
    char *msg = NULL;
    gk_status st = gk_indexer_store(rn->ix, jb->analysis, &msg);
    if (st != GK_OK) {
        database_failed(rn, st, msg);
        free(msg);
        return;
    }
    if (gk_indexed_file_same_content(jb->analysis))
        file_unchanged(rn, jb->path, jb->info.report_id, (int)jb->info.kind,
                       jb->info.nsections, "content");
    else
        file_indexed(rn, jb->path, &jb->info, jb->check.change);
    if (++rn->since_commit >= rn->commit_every) {
        rn->since_commit = 0;
        if ((st = gk_indexer_commit(rn->ix, &msg)) != GK_OK)
            database_failed(rn, st, msg);
    }
    free(msg);
}

/* In the main thread, in walk order: report and store what a job found. */
static void done(void *ctx, void *arg)
{
    run *rn = ctx;
    job *jb = arg;
    unsigned long long bytes = 0;
    if (rn->progress_on_stdout)
        gk_progress_clear(rn->progress); /* a line for this file follows */
    if (rn->fatal != GK_OK) {
        /* the database failed: what is still in flight is dropped */
    } else if (jb->kind == JOB_SKIPPED) {
        rn->skipped++;
    } else if (jb->kind == JOB_FAILED) {
        file_failed(rn, jb->path, jb->reason);
    } else if (jb->kind == JOB_UNCHANGED) {
        file_unchanged(rn, jb->path, jb->check.report_id, jb->check.known_kind,
                       jb->check.known_sections, "stat");
    } else if (jb->st != GK_OK && gk_indexer_fatal(jb->st)) {
        database_failed(rn, jb->st, jb->msg);
    } else if (jb->st != GK_OK) {
        file_failed(rn, jb->path, jb->msg ? jb->msg : gk_status_str(jb->st));
    } else {
        bytes = jb->check.size;
        store(rn, jb);
    }
    gk_progress_file(rn->progress, bytes);
    job_free(jb);
}

static void on_walk_error(void *ctx, const char *path, const char *reason)
{
    run *rn = ctx;
    if (rn->fatal == GK_OK)
        submit_ready(rn, JOB_FAILED, path, reason);
}

static gk_walk_step on_file(void *ctx, const gk_walk_file *file)
{
    run *rn = ctx;
    const char *path = file->path;
    if (rn->fatal != GK_OK)
        return GK_WALK_STOP;
    if (stop_signal != 0) {
        rn->interrupted = 1;
        return GK_WALK_STOP;
    }
    int ok = 1;
    if (!gk_indexer_accepts(path)) {
        if (file->named)
            ok = submit_ready(rn, JOB_FAILED, path,
                              file->special != NULL
                                  ? "not a regular file or directory"
                                  : "unsupported file type (gongkai reads text, "
                                    "HTML, Word .docx and PDF files)");
        else
            ok = submit_ready(rn, JOB_SKIPPED, path, NULL);
        return ok ? GK_WALK_CONTINUE : GK_WALK_STOP;
    }
    if (file->special != NULL) {
        char why[128];
        snprintf(why, sizeof why, "not a regular file but a %s: not read",
                 file->special);
        ok = submit_ready(rn, JOB_FAILED, path, why);
        return ok ? GK_WALK_CONTINUE : GK_WALK_STOP;
    }
    job *jb = job_new(JOB_FILE, path, NULL);
    if (jb == NULL) {
        complain(path, gk_status_str(GK_ENOMEM));
        rn->fatal = GK_ENOMEM;
        return GK_WALK_STOP;
    }
    char *msg = NULL;
    gk_status st = gk_indexer_check(rn->ix, path, rn->force, &jb->check, &msg);
    if (st != GK_OK && gk_indexer_fatal(st)) {
        database_failed(rn, st, msg);
        free(msg);
        job_free(jb);
        return GK_WALK_STOP;
    }
    if (st != GK_OK) {
        jb->kind = JOB_FAILED;
        jb->reason = msg != NULL ? msg : gk_strdup(gk_status_str(st));
        if (jb->reason == NULL) {
            job_free(jb);
            return submit_ready(rn, JOB_FAILED, path, "?") ? GK_WALK_CONTINUE
                                                           : GK_WALK_STOP;
        }
        gk_pipeline_submit(rn->pipeline, jb, 0);
        return GK_WALK_CONTINUE;
    }
    if (jb->check.change == GK_FILE_UNCHANGED) {
        jb->kind = JOB_UNCHANGED;
        gk_pipeline_submit(rn->pipeline, jb, 0);
    } else {
        gk_pipeline_submit(rn->pipeline, jb, 1);
    }
    return rn->fatal == GK_OK ? GK_WALK_CONTINUE : GK_WALK_STOP;
}

static void summary(const run *rn)
{
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("summary"));
        json_object_set_new(o, "database", gk_json_text(rn->db_path));
        json_object_set_new(o, "indexed", json_integer((json_int_t)rn->indexed));
        json_object_set_new(o, "failed", json_integer((json_int_t)rn->failed));
        json_object_set_new(o, "skipped", json_integer((json_int_t)rn->skipped));
        json_object_set_new(o, "reports", json_integer((json_int_t)rn->reports));
        json_object_set_new(o, "documents", json_integer((json_int_t)rn->documents));
        json_object_set_new(o, "sections", json_integer((json_int_t)rn->sections));
        json_object_set_new(o, "new", json_integer((json_int_t)rn->added));
        json_object_set_new(o, "updated", json_integer((json_int_t)rn->updated));
        json_object_set_new(o, "unchanged", json_integer((json_int_t)rn->unchanged));
        json_object_set_new(o, "pruned", json_integer((json_int_t)rn->pruned));
        json_object_set_new(o, "interrupted", rn->interrupted
                                                  ? json_string(signal_name(stop_signal))
                                                  : json_null());
        gk_json_print(stdout, o);
        return;
    }
    if (rn->quiet)
        return;
    char *db = gk_utf8_sanitize(rn->db_path, strlen(rn->db_path));
    printf("indexed %lu file%s into %s: %lu report%s, %lu other document%s, "
           "%lu section%s",
           rn->indexed, rn->indexed == 1 ? "" : "s", db ? db : "?", rn->reports,
           rn->reports == 1 ? "" : "s", rn->documents,
           rn->documents == 1 ? "" : "s", rn->sections,
           rn->sections == 1 ? "" : "s");
    if (rn->updated)
        printf(" (%lu indexed before)", rn->updated);
    if (rn->unchanged)
        printf("; %lu unchanged", rn->unchanged);
    if (rn->pruned)
        printf("; %lu removed (gone from disk)", rn->pruned);
    if (rn->failed)
        printf("; %lu failed", rn->failed);
    if (rn->skipped)
        printf("; %lu skipped (not text, HTML, .docx or PDF)", rn->skipped);
    putchar('\n');
    free(db);
}

/* The number of processors online, the default of --jobs. */
static unsigned long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (unsigned long)n > MAX_JOBS ? MAX_JOBS : (unsigned long)n;
}

/* A progress line only for a person watching: stderr a terminal that
 * understands "erase to the end of the line", and no --quiet. */
static int show_progress(int quiet)
{
    const char *term = getenv("TERM");
    return !quiet && isatty(STDERR_FILENO) && term != NULL && term[0] != '\0' &&
           strcmp(term, "dumb") != 0;
}

/* --prune: remove the files under the roots that are gone, and commit. */
static gk_status prune_roots(run *rn, char *const *roots, size_t n)
{
    char **abs = calloc(n, sizeof *abs);
    size_t nabs = 0;
    gk_status st = abs != NULL ? GK_OK : GK_ENOMEM;
    char *msg = NULL;
    /* a root that does not resolve (gone itself) was reported by the walk
     * and prunes nothing */
    for (size_t i = 0; i < n && st == GK_OK; i++)
        if ((abs[nabs] = realpath(roots[i], NULL)) != NULL)
            nabs++;
    unsigned long count = 0;
    if (st == GK_OK)
        st = gk_indexer_prune(rn->ix, (const char *const *)abs, nabs, on_pruned,
                              rn, &count, &msg);
    if (st == GK_OK && count > 0)
        st = gk_indexer_commit(rn->ix, &msg);
    if (st != GK_OK)
        complain(rn->db_path, msg ? msg : gk_status_str(st));
    for (size_t i = 0; i < nabs; i++)
        free(abs[i]);
    free(abs);
    free(msg);
    return st;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'J'},
        {"jobs", required_argument, NULL, 'j'},
        {"force", no_argument, NULL, 'F'},
        {"prune", no_argument, NULL, 'P'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"max-size", required_argument, NULL, 'm'},
        {"commit-every", required_argument, NULL, 'c'},
        {"compact", no_argument, NULL, 'C'},
        {"no-compact", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run rn;
    memset(&rn, 0, sizeof rn);
    rn.commit_every = COMMIT_EVERY;
    const char *db_opt = NULL;
    int prune = 0;
    int compact = -1; /* -1: when the database is new */
    unsigned long jobs = default_jobs();
    gk_index_opts opts = {GK_DEFAULT_MAX_FILE_SIZE, GK_DEFAULT_MAX_SECTION};
    int c;
    while ((c = getopt_long(argc, argv, "d:j:vqhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'J': rn.json = 1; break;
        case 'F': rn.force = 1; break;
        case 'P': prune = 1; break;
        case 'C': compact = 1; break;
        case 'N': compact = 0; break;
        case 'j':
            if ((jobs = parse_count(optarg, MAX_JOBS)) == 0) {
                fprintf(stderr, PROGRAM ": --jobs: '%s' is not a number of "
                                "threads from 1 to %lu\n", optarg, MAX_JOBS);
                return EXIT_USAGE;
            }
            break;
        case 'v': rn.verbose = 1; break;
        case 'q': rn.quiet = 1; break;
        case 'm':
            opts.max_file_size = parse_size(optarg);
            if (opts.max_file_size == 0) {
                fprintf(stderr, PROGRAM ": --max-size: '%s' is not a size such "
                                "as 500K, 64M or 1G\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'c':
            if ((rn.commit_every = parse_count(optarg, MAX_COMMIT_EVERY)) == 0) {
                fprintf(stderr, PROGRAM ": --commit-every: '%s' is not a number "
                                "of files from 1 to %lu\n", optarg, MAX_COMMIT_EVERY);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_ALL_INDEXED;
        case 'V': printf(PROGRAM " %s\n", gk_version()); return EXIT_ALL_INDEXED;
        default:
            fputs("Try '" PROGRAM " --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(PROGRAM ": no PATH given: name the reports or folders to index\n"
              "Try '" PROGRAM " --help' for more information.\n", stderr);
        return EXIT_USAGE;
    }
    char *msg = NULL, *db_path = NULL, *data_dir = NULL;
    gk_status st = db_opt ? ((db_path = gk_strdup(db_opt)) ? GK_OK : GK_ENOMEM)
                          : gk_default_db_path(&db_path, &msg);
    if (st != GK_OK) {
        fprintf(stderr, PROGRAM ": database: %s\n", msg ? msg : gk_status_str(st));
        free(msg);
        return EXIT_USAGE;
    }
    rn.db_path = db_path;
    int code = EXIT_DATABASE;
    gk_indexer_worker **workers = NULL;
    unsigned long nworkers = 0;
    if ((st = gk_data_dir(&data_dir, &msg)) != GK_OK) {
        fprintf(stderr, PROGRAM ": data files: %s\n", msg ? msg : gk_status_str(st));
        goto done;
    }
    /* create the database's parent directories (the default lives in ~) */
    char *slash = strrchr(db_path, '/');
    if (slash != NULL && slash != db_path) {
        *slash = '\0';
        st = gk_mkdir_p(db_path, &msg);
        *slash = '/';
        if (st != GK_OK) {
            complain(db_path, msg ? msg : gk_status_str(st));
            goto done;
        }
    }
    /* a database this run creates is written from scratch: compact it */
    if (compact < 0) {
        struct stat dbst;
        compact = stat(db_path, &dbst) != 0 && errno == ENOENT;
    }
    if ((st = gk_indexer_open(&rn.ix, db_path, data_dir, &opts, &msg)) != GK_OK) {
        complain(db_path, msg ? msg : gk_status_str(st));
        goto done;
    }
    /* one analyser per thread: -j1 and -j2 have one each (see below) */
    unsigned long analysers = jobs > 1 ? jobs - 1 : 1;
    workers = calloc(analysers, sizeof *workers);
    if (workers == NULL) {
        complain(db_path, gk_status_str(GK_ENOMEM));
        goto done;
    }
    nworkers = analysers;
    for (unsigned long i = 0; i < analysers; i++)
        if ((st = gk_indexer_worker_new(&workers[i], rn.ix, &msg)) != GK_OK) {
            complain(db_path, msg ? msg : gk_status_str(st));
            goto done;
        }
    /* -j1 analyses in this thread, as it stores; -jN in N-1 more threads
     * while this one walks and writes the database: one more analyser
     * than processors would only take time from the writer, the part
     * that cannot run in parallel (docs/BENCHMARKS.md) */
    if ((st = gk_pipeline_new(&rn.pipeline, (void *const *)workers,
                              jobs - 1, jobs * JOBS_IN_FLIGHT, work,
                              done, &rn, &msg)) != GK_OK) {
        complain(db_path, msg ? msg : gk_status_str(st));
        goto done;
    }
    catch_signals();
    if (show_progress(rn.quiet))
        gk_progress_new(&rn.progress, stderr, argv + optind,
                        (size_t)(argc - optind));
    progress_line = rn.progress;
    rn.progress_on_stdout = (rn.json || rn.verbose) && isatty(STDOUT_FILENO);
    st = GK_OK;
    for (int i = optind; i < argc && st == GK_OK && !rn.interrupted &&
                         rn.fatal == GK_OK; i++) {
        if (stop_signal != 0)
            rn.interrupted = 1;
        else if ((st = gk_walk(argv[i], on_file, on_walk_error, &rn)) != GK_OK)
            complain(argv[i], gk_status_str(st));
    }
    gk_pipeline_drain(rn.pipeline); /* finish the files in flight */
    progress_line = NULL;
    gk_progress_free(rn.progress);
    rn.progress = NULL;
    if (st != GK_OK || rn.fatal != GK_OK)
        goto done;
    if ((st = gk_indexer_commit(rn.ix, &msg)) != GK_OK) {
        complain(db_path, msg ? msg : gk_status_str(st));
        goto done;
    }
    if (prune && !rn.interrupted &&
        (st = prune_roots(&rn, argv + optind, (size_t)(argc - optind))) != GK_OK)
        goto done;
    if (compact && !rn.interrupted && stop_signal == 0) {
        if (show_progress(rn.quiet))
            fputs(PROGRAM ": compacting the database\r", stderr);
        st = gk_indexer_compact(rn.ix, &msg);
        if (show_progress(rn.quiet))
            fputs("\033[K", stderr);
        if (st != GK_OK) {
            complain(db_path, msg ? msg : gk_status_str(st));
            goto done;
        }
    }
    summary(&rn);
    code = rn.failed > 0 ? EXIT_SOME_FAILED : EXIT_ALL_INDEXED;
    if (rn.interrupted) {
        fprintf(stderr, PROGRAM ": interrupted by %s after indexing %lu file%s "
                        "(%lu failed); what was indexed is saved in the database: "
                        "run the same command again to index the rest\n",
                signal_name(stop_signal), rn.indexed, rn.indexed == 1 ? "" : "s",
                rn.failed);
        code = 128 + stop_signal;
    }
done:
    progress_line = NULL;
    gk_progress_free(rn.progress);
    gk_pipeline_free(rn.pipeline);
    for (unsigned long i = 0; i < nworkers; i++)
        gk_indexer_worker_free(workers[i]);
    free(workers);
    gk_indexer_close(rn.ix);
    free(msg);
    free(db_path);
    free(data_dir);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, PROGRAM ": error writing output: %s\n", strerror(errno));
        return code == EXIT_ALL_INDEXED ? EXIT_SOME_FAILED : code;
    }
    return code;
}
