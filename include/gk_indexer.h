/* gk_indexer.h - putting report files into the database: read, decode,
 * parse, analyse, and store one document per section. */
#ifndef GK_INDEXER_H
#define GK_INDEXER_H

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
} gk_index_opts;

#define GK_DEFAULT_MAX_FILE_SIZE (64ull << 20)
#define GK_DEFAULT_MAX_SECTION ((size_t)64 << 10)

/* What was indexed from one file. */
typedef struct gk_file_info {
    char report_id[17];    /* 16 hex digits, from the file's absolute path */
    gk_report_kind kind;
    char format[8];        /* "text" or "html" */
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
} gk_file_info;

/* Open (creating if needed) the database at db_path for writing, with the
 * data files of data_dir.  Fails with the database's status (GK_ELOCKED when
 * another writer holds it) or the data files' status, with a message. */
gk_status gk_indexer_open(gk_indexer **out, const char *db_path,
                          const char *data_dir, const gk_index_opts *opts,
                          char **errmsg);

/* Commit pending work and close.  A harmless no-op on NULL. */
void gk_indexer_close(gk_indexer *ix);

/* 1 if path has an extension gongkai reads (.txt .md .markdown .html .htm
 * .xhtml .shtml), ignoring case. */
int gk_indexer_accepts(const char *path);

/* Index one file, replacing whatever an earlier run stored for it.  File
 * problems (GK_EIO, GK_ENOTFOUND, GK_EUNSUPPORTED, GK_ETOOBIG, GK_EINVAL) leave
 * the database untouched; see gk_indexer_fatal for the others.  *info is
 * filled on success. */
gk_status gk_indexer_add_file(gk_indexer *ix, const char *path,
                              gk_file_info *info, char **errmsg);

/* Make everything indexed so far durable. */
gk_status gk_indexer_commit(gk_indexer *ix, char **errmsg);

/* 1 if a status from gk_indexer_add_file means the database (not the file)
 * failed, so that going on with other files is pointless. */
int gk_indexer_fatal(gk_status st);

#ifdef __cplusplus
}
#endif

#endif
