/* gk_run.h - an indexing run: every file under some roots checked, read
 * and analysed by a pool of threads, and stored in the order the walk found
 * them, with a commit every so many files; then the final commit, the
 * files gone from disk pruned (on request) and the database compacted
 * (when due).  What became of each file - its account - reaches the
 * program through a callback: the program prints, the run decides. */
#ifndef GK_RUN_H
#define GK_RUN_H

#include <signal.h>
#include <stddef.h>

#include "gk_indexer.h"
#include "gk_progress.h"
#include "gk_report.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Files in memory at once per thread at most (read, analysed or waiting
 * to be stored): the bound README.md states, 2 x --jobs. */
#define GK_RUN_IN_FLIGHT 2

/* More files may wait to be stored while they are small, so that the
 * analysers go on while the writer commits: up to this many per thread in
 * all, while the text of those waiting totals less than GK_RUN_SMALL_TEXT
 * per analysing thread (README.md; docs/BENCHMARKS.md measures it). */
#define GK_RUN_SMALL_IN_FLIGHT 64
#define GK_RUN_SMALL_TEXT (2u << 20)

/* What became of one file. */
typedef enum gk_run_outcome {
    GK_RUN_INDEXED,   /* stored: new, changed or forced (see change) */
    GK_RUN_UNCHANGED, /* indexed before and the same (see by) */
    GK_RUN_FAILED,    /* a problem with the file (see reason); the run goes on */
    GK_RUN_SKIPPED,   /* found in a directory and not read (see reason):
                         not a format gongkai reads, or a symbolic link
                         leading out of the roots */
    GK_RUN_DROPPED,   /* not stored because the database failed (reported
                         through on_problem), or abandoned half-analysed
                         when the run was asked to stop (left for the
                         next run) */
    GK_RUN_PRUNED     /* gone from disk, so removed from the database */
} gk_run_outcome;

/* One file's account; everything is borrowed for the callback's duration. */
typedef struct gk_run_file {
    gk_run_outcome outcome;
    const char *path;         /* as the walk found it (PRUNED: as indexed) */
    const char *reason;       /* FAILED, SKIPPED: why, one line */
    gk_file_change change;    /* INDEXED: GK_FILE_NEW, GK_FILE_MODIFIED or
                                 GK_FILE_FORCED */
    const gk_file_info *info; /* INDEXED: what was indexed */
    const char *by;           /* UNCHANGED: "stat" (same size and time) or
                                 "content" (read, and its bytes the same) */
    const char *report_id;    /* UNCHANGED, PRUNED */
    gk_report_kind kind;      /* UNCHANGED: as indexed before */
    unsigned long nsections;  /* UNCHANGED: as indexed before */
} gk_run_file;

/* Called with each file's account: in walk order while indexing, then for
 * each file pruned. */
typedef void (*gk_run_file_fn)(void *ctx, const gk_run_file *file);

/* Called when a problem stops the run: the database failed (path is the
 * database) or memory ran out (path is the file at hand). */
typedef void (*gk_run_problem_fn)(void *ctx, const char *path, const char *reason);

/* The files of a run, by what became of them. */
typedef struct gk_run_counts {
    unsigned long indexed;   /* stored: added + updated */
    unsigned long added;     /* of them new */
    unsigned long updated;   /* of them indexed before */
    unsigned long reports;   /* of them reports ... */
    unsigned long documents; /* ... and other documents */
    unsigned long sections;  /* the sections of the files indexed */
    unsigned long unchanged, failed, skipped, pruned;
    /* the reports the link pass rewrote: their continuity, their copied
     * marks (gk_indexer_link) */
    unsigned long linked_continuity, linked_copied;
    /* wall-clock seconds of each stage: the files (walked, analysed,
     * stored, pruned), the link pass, the compaction (0 without one) */
    double seconds_files, seconds_link, seconds_compact;
} gk_run_counts;

typedef struct gk_run_opts {
    gk_index_opts index;        /* the largest file, the longest section */
    unsigned long jobs;         /* threads, at least 1: one stores (and, with
                                   -j1, analyses too), the others analyse */
    unsigned long commit_every; /* commit after this many files stored */
    int force;                  /* re-index every file, changed or not */
    int prune;                  /* remove the files under the roots that are
                                   gone from disk */
    int follow_links;           /* follow symbolic links out of the roots */
    int compact;                /* compact the database at the end: 1, 0, or
                                   -1 when the run creates it or a
                                   compaction was killed half-way */
    const volatile sig_atomic_t *stop; /* becomes non-zero (in a signal
                                   handler) to stop: the files analysed are
                                   stored, those being analysed abandoned
                                   (within a second, even in a huge file)
                                   for the next run; NULL: never */
    gk_run_file_fn on_file;     /* may be NULL */
    gk_run_problem_fn on_problem; /* may be NULL */
    void *ctx;                  /* for both */
} gk_run_opts;

typedef struct gk_run gk_run;

/* Make the database's parent directories, open (or create) the database at
 * db_path for writing with the data files of data_dir, and start the
 * threads.  Fails with the directories', the database's (GK_ELOCKED when
 * another writer holds it) or the data files' status, GK_ENOMEM or
 * GK_EINTERNAL (a thread), with a message to show after db_path. */
gk_status gk_run_open(gk_run **out, const char *db_path, const char *data_dir,
                      const gk_run_opts *opts, char **errmsg);

/* Commit what is pending, stop the threads and close.  A harmless no-op on
 * NULL. */
void gk_run_close(gk_run *r);

/* Index the files under each of roots (n of them), handing each file's
 * account to on_file in walk order and counting each on progress (may be
 * NULL) as it is accounted for; stops early when *stop becomes non-zero
 * (gk_run_interrupted).  Returns once every file in flight is accounted
 * for: GK_OK, or the status that stopped the run (the database failed, or
 * memory ran out), reported already through on_problem. */
gk_status gk_run_index(gk_run *r, char *const *roots, size_t n,
                       gk_progress *progress);

/* End the run: commit, then (with prune, and unless interrupted) remove
 * the files under roots that are gone from disk, with their accounts, and
 * commit again.  Fails with the database's status. */
gk_status gk_run_finish(gk_run *r, char *const *roots, size_t n, char **errmsg);

/* 1 if the run ends by compacting the database (as asked, or because it
 * created it): never once interrupted or asked to stop. */
int gk_run_compacting(const gk_run *r);

/* Rewrite the database compactly.  Fails with the database's status. */
gk_status gk_run_compact(gk_run *r, char **errmsg);

/* 1 if *stop cut the run short: some files were not looked at. */
int gk_run_interrupted(const gk_run *r);

/* The files so far, by what became of them; borrowed for the run's life. */
const gk_run_counts *gk_run_get_counts(const gk_run *r);

#ifdef __cplusplus
}
#endif

#endif
