/* gk_snippet.h - the passage shown for a hit, with its matches marked. */
#ifndef GK_SNIPPET_H
#define GK_SNIPPET_H

#include <stddef.h>

#include "gk_analyze.h"
#include "gk_noise.h"
#include "gk_status.h"
#include "gk_text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_highlight {
    size_t start, end; /* character (code point) offsets in the snippet,
                          end exclusive */
} gk_highlight;

typedef struct gk_snippet {
    char *text;           /* plain UTF-8: runs of white space made one space,
                             runs of layout pipes one " | " (none at either
                             end), markdown heading and quote marks dropped;
                             owned */
    size_t len;           /* bytes */
    gk_highlight *highlights;
    size_t nhighlights;
    int cut_before;       /* the section has text before the snippet */
    int cut_after;        /* ... and after it */
} gk_snippet;

/* A snippet of at most max_chars characters from text (a section as the
 * source writes it), placed around the first match of any phrase (or at the
 * start of the section's body when nothing matches).  Matches are found in
 * the text folded by folder, as indexing folds it, and marked on the text
 * as written.  Characters are never cut in half.  *out must be zeroed;
 * release with gk_snippet_clear.  Fails with GK_ENOMEM or the analyser's
 * status. */
gk_status gk_snippet_make(gk_snippet *out, gk_analyzer *az, gk_folder *folder,
                          const gk_phrase *const *phrases, size_t nphrases,
                          const char *text, size_t len, size_t max_chars,
                          char **errmsg);

/* gk_snippet_make, passing over the page chrome a display hides
 * (gk_noise_find_hidden with noise: breadcrumbs, metadata rows, site
 * menus the index keeps) unless a match lies in it.  noise NULL is
 * gk_snippet_make. */
gk_status gk_snippet_make_shown(gk_snippet *out, gk_analyzer *az, gk_folder *folder,
                                const gk_noise *noise, const gk_phrase *const *phrases,
                                size_t nphrases, const char *text, size_t len,
                                size_t max_chars, char **errmsg);

/* Release a snippet and zero it.  NULL-safe. */
void gk_snippet_clear(gk_snippet *s);

#ifdef __cplusplus
}
#endif

#endif
