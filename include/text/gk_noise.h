/* gk_noise.h - page noise in the folded text of a report: breadcrumbs,
 * metadata blocks, page chrome, attachment lists, Word bookmarks and
 * gambling spam injected into hijacked copies.  The rules and vocabulary are
 * the data file noise.tsv (see docs/NOISE.md).  The module only reports
 * byte ranges; it never rewrites text, so a caller can cut the same ranges
 * out of the original through its offset map.  Pure C. */
#ifndef GK_NOISE_H
#define GK_NOISE_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_noise gk_noise;

/* A byte range [start, end) of the text. */
typedef struct gk_range {
    size_t start, end;
} gk_range;

/* Load DIR/noise.tsv.  Fails like gk_tsv_read, or with GK_ECORRUPT (file
 * and line named) for an unknown record kind, a wrong number of fields or
 * an empty one, an unknown meta class or limit, a bad number, a term listed
 * twice or shorter than 2 bytes, or an extension without its dot. */
gk_status gk_noise_load(gk_noise **out, const char *dir, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_noise_free(gk_noise *n);

/* The noise in text (folded: UTF-8, NFKC, "\n" line ends, table cells
 * separated by "\t"): sorted byte ranges, apart from each other, of whole
 * lines with their "\n" and of pieces of lines (ranges that would touch are
 * merged into one).  *out is malloc'd (NULL with *nout == 0 when there is
 * no noise).  Time is linear in len; the rules are only read, so several
 * threads may share n.  Fails only with GK_ENOMEM. */
gk_status gk_noise_find(const gk_noise *n, const char *text, size_t len,
                        gk_range **out, size_t *nout, char **errmsg);

/* What a display of text leaves out: the ranges gk_noise_find gives, and
 * the page chrome the index keeps because it was searchable before the
 * hide_ records of noise.tsv were written (breadcrumbs in any
 * form, metadata rows with spaced labels or '|' cells, accessibility and
 * site-menu lines, lines of nothing but marks).  Same contract as
 * gk_noise_find. */
gk_status gk_noise_find_hidden(const gk_noise *n, const char *text, size_t len,
                               gk_range **out, size_t *nout, char **errmsg);

/* text without the ranges r[0..n) (sorted, non-overlapping, within len):
 * *out is malloc'd and NUL-terminated, *out_len its length.  Fails with
 * GK_EINVAL for ranges out of order or beyond len, or GK_ENOMEM. */
gk_status gk_noise_cut(const char *text, size_t len, const gk_range *r,
                       size_t n, char **out, size_t *out_len, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif
