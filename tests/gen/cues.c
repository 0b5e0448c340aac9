/* cues.c - category cues expanded into phrases. */
#define _POSIX_C_SOURCE 200809L
#include "cues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

typedef struct strs {
    char **v;
    size_t n;
} strs;

static void push(strs *s, const char *text)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], text) == 0)
            return;
    s->v = gen_xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    s->v[s->n++] = gen_strdup(text);
}

static void free_strs(strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

/* Expand one alternative (no top-level '|') from position p into every
 * prefix of acc; returns 0 when it holds something that is not plain text
 * or a simple group. */
static int expand_alt(const char *p, const char *end, strs *acc)
{
    while (p < end) {
        if (*p == '(') {
            const char *close = memchr(p, ')', (size_t)(end - p));
            if (close == NULL)
                return 0;
            const char *inner = p + 1;
            if (close - inner >= 2 && inner[0] == '?')
                return 0;
            int optional = close + 1 < end && close[1] == '?';
            strs next = {0};
            for (size_t k = 0; k < acc->n; k++) {
                if (optional)
                    push(&next, acc->v[k]);
                for (const char *a = inner; a <= close;) {
                    const char *bar = memchr(a, '|', (size_t)(close - a));
                    const char *stop = bar ? bar : close;
                    if (strcspn(a, "[]{}.\\^$*+?(") < (size_t)(stop - a)) {
                        free_strs(&next);
                        return 0;
                    }
                    gen_buf b = {0};
                    gen_buf_puts(&b, acc->v[k]);
                    gen_buf_add(&b, a, (size_t)(stop - a));
                    push(&next, gen_buf_str(&b));
                    gen_buf_free(&b);
                    a = stop + 1;
                }
            }
            free_strs(acc);
            *acc = next;
            p = close + 1 + optional;
        } else if (strchr("[]{}.\\^$*+?)", *p)) {
            return 0;
        } else {
            size_t n = 1;
            while (p + n < end && ((unsigned char)p[n] & 0xC0) == 0x80)
                n++;
            for (size_t k = 0; k < acc->n; k++) {
                gen_buf b = {0};
                gen_buf_puts(&b, acc->v[k]);
                gen_buf_add(&b, p, n);
                free(acc->v[k]);
                acc->v[k] = gen_strdup(gen_buf_str(&b));
                gen_buf_free(&b);
            }
            p += n;
        }
    }
    return 1;
}

/* Every plain phrase of an ICU regular expression. */
static void expand(const char *rx, strs *out)
{
    const char *p = rx;
    while (*p) {
        int depth = 0;
        const char *q = p;
        while (*q && !(*q == '|' && depth == 0)) {
            depth += *q == '(';
            depth -= *q == ')';
            q++;
        }
        strs acc = {0};
        push(&acc, "");
        if (expand_alt(p, q, &acc))
            for (size_t k = 0; k < acc.n; k++)
                if (acc.v[k][0])
                    push(out, acc.v[k]);
        free_strs(&acc);
        p = *q ? q + 1 : q;
    }
}

int gen_cues_load(gen_cues *out, const char *dir, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    gen_buf path = {0};
    gen_buf_printf(&path, "%s/categories.tsv", dir);
    FILE *fp = fopen(gen_buf_str(&path), "r");
    if (fp == NULL) {
        snprintf(err, errsz, "%s: cannot open", gen_buf_str(&path));
        gen_buf_free(&path);
        return -1;
    }
    gen_buf_free(&path);
    char *line = NULL;
    size_t cap = 0;
    strs splits = {0};
    while (getline(&line, &cap, fp) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *kind = strchr(line, '\t');
        char *value = kind ? strchr(kind + 1, '\t') : NULL;
        if (value == NULL)
            continue;
        *kind++ = '\0';
        *value++ = '\0';
        if (strcmp(kind, "split") == 0) {
            expand(value, &splits);
            continue;
        }
        gen_category *c = NULL;
        for (size_t i = 0; i < out->ncats; i++)
            if (strcmp(out->cats[i].id, line) == 0)
                c = &out->cats[i];
        if (c == NULL) {
            out->cats = gen_xrealloc(out->cats, (out->ncats + 1) * sizeof *out->cats);
            c = &out->cats[out->ncats++];
            memset(c, 0, sizeof *c);
            c->id = gen_strdup(line);
        }
        if (strcmp(kind, "cue") == 0) {
            strs s = {c->phrases, c->nphrases};
            expand(value, &s);
            c->phrases = s.v;
            c->nphrases = s.n;
        }
    }
    free(line);
    fclose(fp);
    out->splits = splits.v;
    out->nsplits = splits.n;
    if (out->ncats == 0 || out->ncats > 32) {
        snprintf(err, errsz, "%s/categories.tsv: expected 1 to 32 categories", dir);
        gen_cues_free(out);
        return -1;
    }
    for (size_t i = 0; i < out->ncats; i++)
        if (out->cats[i].nphrases == 0) {
            snprintf(err, errsz, "%s/categories.tsv: %s has no plain cue", dir,
                     out->cats[i].id);
            gen_cues_free(out);
            return -1;
        }
    return 0;
}

void gen_cues_free(gen_cues *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->ncats; i++) {
        strs s = {c->cats[i].phrases, c->cats[i].nphrases};
        free_strs(&s);
        free(c->cats[i].id);
    }
    free(c->cats);
    strs s = {c->splits, c->nsplits};
    free_strs(&s);
    memset(c, 0, sizeof *c);
}

void gen_cues_classify(const gen_cues *c, const char *text, unsigned *mask)
{
    for (size_t i = 0; i < c->ncats; i++)
        for (size_t k = 0; k < c->cats[i].nphrases; k++)
            if (strstr(text, c->cats[i].phrases[k]) != NULL) {
                *mask |= 1u << i;
                break;
            }
}

int gen_cues_has_split(const gen_cues *c, const char *text)
{
    for (size_t i = 0; i < c->nsplits; i++)
        if (strstr(text, c->splits[i]) != NULL)
            return 1;
    return 0;
}
