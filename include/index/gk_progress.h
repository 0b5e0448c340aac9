/* gk_progress.h - the indexer's progress line on a terminal: files done
 * out of those found so far, megabytes read per second, and the time left
 * once a background count of the files has finished. */
#ifndef GK_PROGRESS_H
#define GK_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Redraw at most this often. */
#define GK_PROGRESS_INTERVAL_MS 250

typedef struct gk_progress gk_progress;

/* What the line shows. */
typedef struct gk_progress_counts {
    unsigned long done;       /* files looked at */
    unsigned long total;      /* files found by the count so far */
    int total_final;          /* the count has finished */
    unsigned long long bytes; /* bytes read */
    double seconds;           /* since the start */
} gk_progress_counts;

/* The line for c, without newline or terminal codes, into buf (always
 * NUL-terminated; cut to size). */
void gk_progress_format(char *buf, size_t size, const gk_progress_counts *c);

/* A progress line drawn on `to` (a terminal), counting the files under
 * roots (n of them) in a background thread with signals blocked, walking
 * as the run does (follow_links: as gk_walk_opts).  Fails with
 * GK_ENOMEM. */
gk_status gk_progress_new(gk_progress **out, FILE *to, char *const *roots,
                          size_t n, int follow_links);

/* Record that one more file was looked at (bytes read from it) and redraw
 * if this is the first file or the line is GK_PROGRESS_INTERVAL_MS old. */
void gk_progress_file(gk_progress *p, unsigned long long bytes);

/* Erase the line, if drawn, so that other output starts on a clean line;
 * the next gk_progress_file draws it again.  NULL-safe. */
void gk_progress_clear(gk_progress *p);

/* Erase the line, stop the count and release.  A harmless no-op on NULL. */
void gk_progress_free(gk_progress *p);

#ifdef __cplusplus
}
#endif

#endif
