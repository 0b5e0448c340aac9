/* gk_filestate.h - what the indexer remembers of each file it indexed, so
 * that a rerun can skip the files that have not changed.
 *
 * The state lives in the database's metadata under GK_META_FILE + report
 * id, as one line of text (docs/JSON.md, "The file state"). */
#ifndef GK_FILESTATE_H
#define GK_FILESTATE_H

#include <stddef.h>
#include <sys/stat.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GK_META_FILE "file/"

/* A file's modification time closer than this to the moment it was looked
 * at may be followed by another change within the same timestamp tick:
 * such a file is read and hashed again on the next run ("racy"). */
#define GK_FILE_STATE_RACY_SECONDS 2

typedef struct gk_file_state {
    unsigned long long size;  /* bytes */
    long long mtime_sec;      /* modification time */
    long mtime_nsec;
    long long seen_sec;       /* wall clock when the file was looked at */
    unsigned long long hash;  /* gk_file_hash of the bytes indexed */
    unsigned long nsections;  /* documents stored for the file */
    int kind;                 /* gk_report_kind */
    const char *path;         /* absolute path; borrowed (see decode) */
} gk_file_state;

/* 64-bit hash of a file's bytes, to tell a touched file from a changed
 * one.  Not cryptographic. */
unsigned long long gk_file_hash(const void *bytes, size_t len);

/* s as one line of text; malloc'd, NULL when out of memory. */
char *gk_file_state_encode(const gk_file_state *s);

/* Read a line made by gk_file_state_encode (len bytes, NUL-terminated):
 * out->path points into value.  GK_ECORRUPT if it is not such a line. */
gk_status gk_file_state_decode(gk_file_state *out, const char *value,
                               size_t len);

/* Record in s the size and modification time of sb, seen at `now`. */
void gk_file_state_set_stat(gk_file_state *s, const struct stat *sb,
                            long long now);

/* 1 if sb has the size and modification time s recorded and s is not racy
 * (see GK_FILE_STATE_RACY_SECONDS): the file can be skipped unread. */
int gk_file_state_unchanged(const gk_file_state *s, const struct stat *sb);

#ifdef __cplusplus
}
#endif

#endif
