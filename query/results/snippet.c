/* snippet.c - the passage shown for a hit, with its matches marked.
 *
 * Matches are found with the same analyser that indexed the text
 * (gk_phrase_find), so what is highlighted is exactly what matched.  The
 * snippet is built character by character, so no character is ever cut.
 * Page chrome the index keeps (breadcrumbs, metadata rows: what
 * gk_noise_find_hidden finds) is passed over, and layout pipes show as one
 * separator. */
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

/* The hidden range holding byte at, or NULL (*k: where to look from; the
 * ranges are sorted). */
static const gk_span *hidden_at(const spans *h, size_t *k, size_t at)
{
    while (*k < h->n && h->v[*k].end <= at)
        (*k)++;
    return *k < h->n && h->v[*k].start <= at ? &h->v[*k] : NULL;
}

/* Step back from byte `at` over about `chars` shown characters (a run of
 * white space or of layout pipes shows as one, hidden chrome as nothing)
 * and return the new start. */
static size_t back_off(const char *text, size_t at, size_t chars, const spans *hidden)
{
    size_t k = hidden->n;
    while (at > 0 && chars > 0) {
        size_t prev = gk_utf8_floor(text, at, at - 1);
        size_t j = prev;
        uint32_t c = gk_utf8_next(text, at, &j);
        while (k > 0 && hidden->v[k - 1].start > prev)
            k--;
        if (k > 0 && hidden->v[k - 1].end > prev) {
            at = hidden->v[k - 1].start; /* nothing of it shows */
            continue;
        }
        if (c == '\n' && chars < 8)
            break; /* prefer to start at a line when close to it */
        at = prev;
        if (!is_blank(c) && c != '|')
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

/* The matches of the phrases in text and, with noise, the page chrome a
 * display hides, as ranges of text: found in the folded text and mapped
 * back. */
static gk_status locate(spans *sp, spans *hidden, gk_analyzer *az, gk_folder *folder,
                        const gk_noise *noise, const gk_phrase *const *phrases,
                        size_t nphrases, const char *text, size_t len, char **errmsg)
{
    char *folded = NULL;
    size_t flen = 0;
    gk_foldmap *map = NULL;
    gk_status st = gk_text_fold(folder, text, len, &folded, &flen, &map, errmsg);
    if (st != GK_OK)
        return st;
    gk_analysis a = {0};
    if (nphrases > 0)
        st = gk_analyze(az, folded, flen, &a, errmsg);
    if (st == GK_OK && nphrases > 0) {
        for (size_t i = 0; i < nphrases; i++)
            gk_phrase_find(phrases[i], &a, folded, on_match, sp);
        gk_analysis_clear(&a);
        if (sp->oom)
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    gk_range *r = NULL;
    size_t nr = 0;
    if (st == GK_OK && noise != NULL)
        st = gk_noise_find_hidden(noise, folded, flen, &r, &nr, errmsg);
    for (size_t i = 0; i < nr && st == GK_OK; i++) {
        on_match(hidden, r[i].start, r[i].end);
        if (hidden->oom)
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    free(r);
    for (size_t i = 0; i < sp->n && st == GK_OK; i++) {
        sp->v[i].start = gk_foldmap_source(map, sp->v[i].start);
        sp->v[i].end = gk_foldmap_source(map, sp->v[i].end);
    }
    for (size_t i = 0; i < hidden->n && st == GK_OK; i++) {
        hidden->v[i].start = gk_foldmap_source(map, hidden->v[i].start);
        hidden->v[i].end = gk_foldmap_source(map, hidden->v[i].end);
    }
    free(folded);
    gk_foldmap_free(map);
    return st;
}

/* 1 if [start, end) overlaps a hidden range. */
static int in_hidden(const spans *hidden, size_t start, size_t end)
{
    for (size_t i = 0; i < hidden->n; i++)
        if (hidden->v[i].start < end && start < hidden->v[i].end)
            return 1;
    return 0;
}

/* Matches in chrome are passed over with it when another match shows;
 * when every match is in chrome, the chrome that holds one is shown. */
static void unhide_matches(spans *hidden, spans *sp)
{
    size_t w = 0, k = 0;
    for (size_t i = 0; i < sp->n; i++)
        if (!in_hidden(hidden, sp->v[i].start, sp->v[i].end))
            sp->v[w++] = sp->v[i];
    if (w > 0) {
        sp->n = w;
        return;
    }
    w = 0;
    for (size_t i = 0; i < hidden->n; i++) {
        while (k < sp->n && sp->v[k].end <= hidden->v[i].start)
            k++;
        if (k < sp->n && sp->v[k].start < hidden->v[i].end)
            continue;
        hidden->v[w++] = hidden->v[i];
    }
    hidden->n = w;
}

gk_status gk_snippet_make(gk_snippet *out, gk_analyzer *az, gk_folder *folder,
                          const gk_phrase *const *phrases, size_t nphrases,
                          const char *text, size_t len, size_t max_chars,
                          char **errmsg)
{
    return gk_snippet_make_shown(out, az, folder, NULL, phrases, nphrases, text, len,
                                 max_chars, errmsg);
}

gk_status gk_snippet_make_shown(gk_snippet *out, gk_analyzer *az, gk_folder *folder,
                                const gk_noise *noise, const gk_phrase *const *phrases,
                                size_t nphrases, const char *text, size_t len,
                                size_t max_chars, char **errmsg)
{
    memset(out, 0, sizeof *out);
    spans sp = {0}, hidden = {0};
    if (nphrases > 0 || noise != NULL) {
        gk_status st = locate(&sp, &hidden, az, folder, noise, phrases, nphrases, text,
                              len, errmsg);
        if (st != GK_OK) {
            free(sp.v);
            free(hidden.v);
            return st;
        }
        merge(&sp);
        unhide_matches(&hidden, &sp);
    }
    size_t start = sp.n > 0 ? back_off(text, sp.v[0].start, max_chars / 4, &hidden) : 0;
    gk_buf b = {0};
    size_t hcap = 0, shown = 0, k = 0, hk = 0, open_at = 0, i = start;
    /* pending: what stands between the last shown character and the next,
     * shown only if one follows: a space, or " | " for layout pipes */
    int open = 0, pending_space = 0, pending_pipe = 0, line_start = 1;
    gk_status st = GK_OK;
    for (size_t j = 0, q = 0; j < start && !out->cut_before;) {
        const gk_span *h = hidden_at(&hidden, &q, j);
        if (h != NULL) {
            j = h->end;
            continue;
        }
        uint32_t c = gk_utf8_next(text, start, &j);
        if (!is_blank(c) && c != '|')
            out->cut_before = 1;
    }
    while (i < len && st == GK_OK) {
        const gk_span *h = hidden_at(&hidden, &hk, i);
        if (h != NULL) { /* chrome: passed over like a line break */
            i = h->end;
            pending_space = b.len > 0;
            line_start = 1;
            continue;
        }
        size_t cs = i;
        uint32_t c = gk_utf8_next(text, len, &i);
        if (is_blank(c)) {
            pending_space = b.len > 0;
            line_start |= c == '\n'; /* indentation keeps a line's start */
            continue;
        }
        if (c == '|') { /* layout pipes: one separator, never at an end */
            pending_pipe = b.len > 0;
            continue;
        }
        if ((c == '#' || c == '>') && line_start) { /* markdown heading and
                                                       quote marks */
            while (i < len && text[i] == (char)c)
                i++;
            continue;
        }
        line_start = 0;
        size_t gap = pending_pipe ? 3 : (size_t)pending_space;
        if (shown + gap >= max_chars) {
            out->cut_after = 1;
            break;
        }
        while (k < sp.n && sp.v[k].end <= cs) {
            if (open)
                st = add_highlight(out, &hcap, open_at, shown);
            open = 0;
            k++;
        }
        if (pending_pipe) {
            if (gk_buf_adds(&b, " | ") != GK_OK)
                st = GK_ENOMEM;
            shown += 3;
        } else if (pending_space) {
            if (gk_buf_addc(&b, ' ') != GK_OK)
                st = GK_ENOMEM;
            shown++;
        }
        pending_pipe = pending_space = 0;
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
    free(hidden.v);
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
