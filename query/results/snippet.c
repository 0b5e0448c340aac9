/* snippet.c - the passage shown for a hit, with its matches marked.
 *
 * Matches are found with the same analyser that indexed the text
 * (gk_phrase_find), so what is highlighted is exactly what matched.  The
 * snippet is built character by character, so no character is ever cut. */
#include "gk_snippet.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_utf8.h"
#include "gk_util.h"

typedef struct spans {
    gk_span *v;
    size_t n, cap;
    int oom;
} spans;

static void on_match(void *ctx, size_t start, size_t end)
{
    spans *s = ctx;
    if (GK_ARRAY_RESERVE(s->v, s->cap, s->n + 1) != GK_OK) {
        s->oom = 1;
        return;
    }
    s->v[s->n].start = start;
    s->v[s->n].end = end;
    s->n++;
}

static int cmp_span(const void *a, const void *b)
{
    const gk_span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* Sort and merge overlapping or touching spans. */
static void merge(spans *s)
{
    if (s->n < 2)
        return;
    qsort(s->v, s->n, sizeof *s->v, cmp_span);
    size_t w = 0;
    for (size_t i = 1; i < s->n; i++) {
        if (s->v[i].start <= s->v[w].end) {
            if (s->v[i].end > s->v[w].end)
                s->v[w].end = s->v[i].end;
        } else {
            s->v[++w] = s->v[i];
        }
    }
    s->n = w + 1;
}

static int is_blank(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
}

/* Step back from byte `at` over about `chars` shown characters (a run of
 * white space shows as one) and return the new start. */
static size_t back_off(const char *text, size_t at, size_t chars)
{
    while (at > 0 && chars > 0) {
        size_t prev = gk_utf8_floor(text, at, at - 1);
        size_t j = prev;
        uint32_t c = gk_utf8_next(text, at, &j);
        if (c == '\n' && chars < 8)
            break; /* prefer to start at a line when close to it */
        at = prev;
        if (!is_blank(c))
            chars--;
    }
    return at;
}

void gk_snippet_clear(gk_snippet *s)
{
    if (s == NULL)
        return;
    free(s->text);
    free(s->highlights);
    memset(s, 0, sizeof *s);
}

static gk_status add_highlight(gk_snippet *out, size_t *cap, size_t start,
                               size_t end)
{
    if (end <= start)
        return GK_OK;
    if (GK_ARRAY_RESERVE(out->highlights, *cap, out->nhighlights + 1) != GK_OK)
        return GK_ENOMEM;
    out->highlights[out->nhighlights].start = start;
    out->highlights[out->nhighlights].end = end;
    out->nhighlights++;
    return GK_OK;
}

/* The matches of the phrases in text, as ranges of text: found in the
 * folded text and mapped back. */
static gk_status find_matches(spans *sp, gk_analyzer *az, gk_folder *folder,
                              const gk_phrase *const *phrases, size_t nphrases,
                              const char *text, size_t len, char **errmsg)
{
    char *folded = NULL;
    size_t flen = 0;
    gk_foldmap *map = NULL;
    gk_status st = gk_text_fold(folder, text, len, &folded, &flen, &map, errmsg);
    if (st != GK_OK)
        return st;
    gk_analysis a = {0};
    st = gk_analyze(az, folded, flen, &a, errmsg);
    if (st == GK_OK) {
        for (size_t i = 0; i < nphrases; i++)
            gk_phrase_find(phrases[i], &a, folded, on_match, sp);
        gk_analysis_clear(&a);
        if (sp->oom)
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < sp->n && st == GK_OK; i++) {
        sp->v[i].start = gk_foldmap_source(map, sp->v[i].start);
        sp->v[i].end = gk_foldmap_source(map, sp->v[i].end);
    }
    free(folded);
    gk_foldmap_free(map);
    return st;
}

gk_status gk_snippet_make(gk_snippet *out, gk_analyzer *az, gk_folder *folder,
                          const gk_phrase *const *phrases, size_t nphrases,
                          const char *text, size_t len, size_t max_chars,
                          char **errmsg)
{
    memset(out, 0, sizeof *out);
    spans sp = {0};
    if (nphrases > 0) {
        gk_status st = find_matches(&sp, az, folder, phrases, nphrases, text,
                                    len, errmsg);
        if (st != GK_OK) {
            free(sp.v);
            return st;
        }
        merge(&sp);
    }
    size_t start = sp.n > 0 ? back_off(text, sp.v[0].start, max_chars / 4) : 0;
    gk_buf b = {0};
    size_t hcap = 0, shown = 0, k = 0, open_at = 0, i = start;
    int open = 0, pending_space = 0, line_start = 1;
    gk_status st = GK_OK;
    for (size_t j = 0; j < start && !out->cut_before;) {
        if (!is_blank(gk_utf8_next(text, start, &j)))
            out->cut_before = 1;
    }
    while (i < len && st == GK_OK) {
        size_t cs = i;
        uint32_t c = gk_utf8_next(text, len, &i);
        if (is_blank(c)) {
            pending_space = b.len > 0;
            line_start = c == '\n';
            continue;
        }
        if (c == '#' && line_start) { /* markdown heading marks */
            while (i < len && text[i] == '#')
                i++;
            continue;
        }
        line_start = 0;
        if (shown + (size_t)pending_space >= max_chars) {
            out->cut_after = 1;
            break;
        }
        while (k < sp.n && sp.v[k].end <= cs) {
            if (open)
                st = add_highlight(out, &hcap, open_at, shown);
            open = 0;
            k++;
        }
        if (pending_space) {
            gk_buf_addc(&b, ' ');
            shown++;
            pending_space = 0;
        }
        if (!open && k < sp.n && cs >= sp.v[k].start) {
            open = 1;
            open_at = shown;
        }
        if (gk_buf_add(&b, text + cs, i - cs) != GK_OK)
            st = GK_ENOMEM;
        shown++;
        if (open && i >= sp.v[k].end) {
            if (st == GK_OK)
                st = add_highlight(out, &hcap, open_at, shown);
            open = 0;
            k++;
        }
    }
    if (open && st == GK_OK)
        st = add_highlight(out, &hcap, open_at, shown);
    free(sp.v);
    if (st != GK_OK) {
        gk_buf_free(&b);
        gk_snippet_clear(out);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    out->text = gk_buf_take(&b, &out->len);
    if (out->text == NULL) {
        gk_snippet_clear(out);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    return GK_OK;
}
