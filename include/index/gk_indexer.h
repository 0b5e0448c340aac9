/* gk_indexer.h - putting report files into the database: read, decode,
 * parse, analyse, and store one document per section. */
#ifndef GK_INDEXER_H
#define GK_INDEXER_H

#include <sys/stat.h>
#include <signal.h>
#include <stddef.h>

#include "gk_report.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_indexer gk_indexer;

typedef struct gk_index_opts {
    unsigned long long max_file_size; /* bytes; larger files are refused */
    size_t max_section;               /* bytes; longer sections are split */
    const volatile sig_atomic_t *stop; /* NULL, or becomes non-zero (in a
                                          signal handler) when the run is
                                          asked to stop: an analysis under
                                          way is then abandoned (see
                                          gk_indexer_analyse) */
    int rebuild_old;                  /* a database of an older layout (or
                                         other section data) is emptied
                                         and rebuilt, rather than refused */
    size_t shards;                    /* 0: as the index is (one database
                                         when new); 1: one database; N:
                                         N shards and their stub (shards.h) */
    const char *collection;           /* NULL, or the name that the folders
                                         first indexed now are known by,
                                         before their own (gk_report_id.h) */
} gk_index_opts;

#define GK_DEFAULT_MAX_FILE_SIZE (64ull << 20)
#define GK_DEFAULT_MAX_SECTION ((size_t)64 << 10)

/* What was indexed from one file. */
typedef struct gk_file_info {
    char report_id[17];    /* 16 hex digits, from the file's collection key
                              (gk_report_id.h) */
    gk_report_kind kind;
    char format[8];        /* "text", "html", "docx" or "pdf" */
    char encoding[32];     /* detected source encoding */
    size_t replaced;       /* invalid byte sequences replaced by U+FFFD */
    int year;              /* 0 if unknown */
    gk_place place;        /* "" parts when unknown */
    const char *place_status; /* "resolved", "ambiguous", "unknown"; NULL
                                 for documents */
    size_t ncategories;    /* problem categories named */
    size_t nsections;
    const char *template_version; /* "2019", "2021", "pre2019" or NULL */
    const char *consistency;      /* "ok", "mismatch", "incomplete" */
    size_t nfigures;              /* canonical figures known */
    int by_content;        /* recognised only as Chinese text, its name
                              saying nothing: indexed only if it is a
                              report (else GK_EUNSUPPORTED, "not a report") */
    int abandoned;         /* the run was asked to stop while the file was
                              analysed: nothing to store, nothing wrong
                              with the file (gk_indexer_analyse) */
    size_t text_bytes;     /* the text analysed (UTF-8): what the analysis
                              held is about 10 to 45 times it */
} gk_file_info;

/* Open (creating if needed) the database at db_path for writing, with the
 * data files of data_dir.  Fails with the database's status (GK_ELOCKED when
 * another writer holds it) or the data files' status, with a message; a
 * database of another layout (an older version: one document per section)
 * with GK_EUNSUPPORTED, nothing written, unless opts->rebuild_old: then
 * every document, record and file state in it is removed first. */
gk_status gk_indexer_open(gk_indexer **out, const char *db_path,
                          const char *data_dir, const gk_index_opts *opts,
                          char **errmsg);

/* Commit pending work and close.  A harmless no-op on NULL. */
void gk_indexer_close(gk_indexer *ix);

/* Know the folder path is (or the folder of the file path is) as a root
 * that report ids are made from (roots.h): before walking it.  Fails
 * with the database's status or GK_ENOMEM. */
gk_status gk_indexer_add_root(gk_indexer *ix, const char *path, char **errmsg);

/* 1 if gongkai reads path: a name it knows (.txt .md .markdown .html .htm
 * .xhtml .shtml .docx .pdf, and .doc/.rtf, refused with a message), or
 * else a regular file whose first 4 KiB gk_format_detect recognises, or
 * that are Chinese text (a report named "r" or "r.tsv"; read, it is
 * indexed only if it is a report).  Only regular files are opened (never
 * a FIFO). */
int gk_indexer_accepts(const char *path);

/* Index one file, replacing whatever an earlier run stored for it (whether
 * it changed or not): gk_indexer_check, gk_indexer_analyse and
 * gk_indexer_store in one (an abandoned analysis stores nothing:
 * info->abandoned).  File problems (GK_EIO, GK_ENOTFOUND,
 * GK_EUNSUPPORTED, GK_ETOOBIG, GK_EINVAL) leave the database untouched; see
 * gk_indexer_fatal for the others.  *info is filled on success. */
gk_status gk_indexer_add_file(gk_indexer *ix, const char *path,
                              gk_file_info *info, char **errmsg);

/* How many databases ix writes: 1, or its shards. */
size_t gk_indexer_shards(const gk_indexer *ix);

/* Make everything indexed so far durable. */
gk_status gk_indexer_commit(gk_indexer *ix, char **errmsg);

/* 1 if a compaction of the database was killed half-way, before this
 * indexer opened it (gk_db_compaction_interrupted). */
int gk_indexer_compaction_interrupted(const gk_indexer *ix);

/* The link pass (indexer/index/continuity.h): recompute the continuity
 * of the reports stored, replaced or pruned since the last pass (noted
 * in the database with them, so that a run killed before its pass leaves
 * them to the next) and of their place's reports a year before and
 * after, across every shard; then copied (indexer/index/copied.h).
 * *rewritten: the reports whose continuity, and whose copied marks, were
 * written back (commit after).  Fails with the database's status. */
typedef struct gk_link_counts {
    unsigned long continuity, copied;
} gk_link_counts;
gk_status gk_indexer_link(gk_indexer *ix, gk_link_counts *rewritten, char **errmsg);

/* Commit, then rewrite the database compactly (gk_db_compact). */
gk_status gk_indexer_compact(gk_indexer *ix, char **errmsg);

/* 1 if a status from gk_indexer_add_file means the database (not the file)
 * failed, so that going on with other files is pointless. */
int gk_indexer_fatal(gk_status st);

/* ---- incremental and parallel indexing ---------------------------------
 *
 * gk_indexer_check (in the thread that owns ix) says whether a file needs
 * reading; gk_indexer_analyse (in any thread, each with its own worker)
 * reads and analyses it into documents; gk_indexer_store (in the thread
 * that owns ix) writes them, itself or through the writer thread of the
 * report's shard.  The databases are only ever touched by the owning
 * thread and the shards' writers, never at once.  Everything in gk_indexer that workers share (text
 * folding, page noise, place rules, the division list) is read-only after
 * gk_indexer_open; what has state (the word breaker, and the regular
 * expressions of headings, problem cues and figure rules) belongs to a
 * worker. */

/* What gk_indexer_check found. */
typedef enum gk_file_change {
    GK_FILE_NEW,       /* never indexed: to be read */
    GK_FILE_MODIFIED,  /* size or modification time differ (or the earlier
                          look was too recent to trust them): to be read,
                          and re-indexed only if its bytes differ */
    GK_FILE_UNCHANGED, /* same size and modification time: skip unread */
    GK_FILE_FORCED     /* indexed before, to be re-indexed anyway (force) */
} gk_file_change;

/* One file as gk_indexer_check saw it. */
typedef struct gk_file_check {
    gk_file_change change;
    char report_id[17];
    char *abs_path;             /* malloc'd; see gk_file_check_clear */
    unsigned long long size;    /* bytes, when checked */
    unsigned long long known_hash; /* the stored hash (not NEW) */
    unsigned long known_sections;  /* the stored number of documents */
    int known_kind;                /* the stored gk_report_kind */
} gk_file_check;

/* Release what a check holds.  NULL-safe. */
void gk_file_check_clear(gk_file_check *c);

/* Look at path: its absolute path and report id, and whether the database
 * knows it unchanged (force: treat every known file as GK_FILE_FORCED).
 * File problems as for gk_indexer_add_file; database failures are
 * gk_indexer_fatal.  Call gk_file_check_clear on *out either way. */
gk_status gk_indexer_check(gk_indexer *ix, const char *path, int force,
                           gk_file_check *out, char **errmsg);

/* The same for a file the walk has just looked at (gk_walk_file): with
 * canonical, path is taken as its own real path, and with st (may be
 * NULL) the file is not looked at again.  A million unchanged files are
 * checked with one stat each instead of a path resolved component by
 * component and a second stat. */
gk_status gk_indexer_check_seen(gk_indexer *ix, const char *path, int canonical,
                                const struct stat *st, int force, gk_file_check *out,
                                char **errmsg);

/* The per-thread part of the analysis. */
typedef struct gk_indexer_worker gk_indexer_worker;

/* A worker for one thread, with its own copies of the stateful data.  ix
 * must outlive it.  Fails with the data files' status or GK_ENOMEM. */
gk_status gk_indexer_worker_new(gk_indexer_worker **out, gk_indexer *ix,
                                char **errmsg);

/* Release a worker.  A harmless no-op on NULL. */
void gk_indexer_worker_free(gk_indexer_worker *w);

/* One file read and analysed, ready to store. */
typedef struct gk_indexed_file gk_indexed_file;

/* Release an analysis.  A harmless no-op on NULL. */
void gk_indexed_file_free(gk_indexed_file *a);

/* 1 if the analysis found the file's bytes the same as when it was indexed
 * (only its size or time changed): storing it only records that. */
int gk_indexed_file_same_content(const gk_indexed_file *a);

/* Read the file of a check (path as given to gk_indexer_check) and, unless
 * its bytes hash as known (GK_FILE_MODIFIED only), analyse it into the
 * documents to store.  Touches no database.  *info is filled on success
 * (for an unchanged content only report_id, kind and nsections).  Once
 * the options' *stop is non-zero, the file is abandoned within a second
 * (its long loops look at *stop every few thousand lines): GK_OK with
 * *out NULL and info->abandoned set, the file neither failed nor to be
 * stored, left for the next run.  Fails with file problems (GK_EIO,
 * GK_ENOTFOUND, GK_EUNSUPPORTED, GK_ETOOBIG, GK_EINVAL) or GK_ENOMEM; *out
 * is the caller's to free. */
gk_status gk_indexer_analyse(gk_indexer_worker *w, const char *path,
                             const gk_file_check *check, gk_file_info *info,
                             gk_indexed_file **out, char **errmsg);

/* Write an analysis into the database (replacing what an earlier run stored
 * for the file) with the file's state, taking a (freed whatever happens).
 * With several shards the writing is the shard's writer's, done later: a
 * failure then shows in a later gk_indexer_store or gk_indexer_commit.
 * Fails only with database statuses (gk_indexer_fatal). */
gk_status gk_indexer_store(gk_indexer *ix, gk_indexed_file *a, char **errmsg);

/* Called by gk_indexer_prune for each file whose documents it removed. */
typedef void (*gk_prune_fn)(void *ctx, const char *path, const char *report_id);

/* Remove the documents, record and state of every indexed file whose
 * absolute path lies under one of roots (absolute, resolved paths) and that
 * no longer exists.  *count receives how many.  Fails with database
 * statuses. */
gk_status gk_indexer_prune(gk_indexer *ix, const char *const *roots,
                           size_t nroots, gk_prune_fn fn, void *ctx,
                           unsigned long *count, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
