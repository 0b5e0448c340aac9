/* noise.c - page noise from noise.tsv. */
#define _POSIX_C_SOURCE 200809L
#include "noise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct words {
    char **v;
    size_t n;
} words;

struct gen_noise {
    words crumbs, strong_meta, chrome, leads, attach_labels, attach_exts, spam;
};

static void push(words *w, const char *s)
{
    w->v = gen_xrealloc(w->v, (w->n + 1) * sizeof *w->v);
    w->v[w->n++] = gen_strdup(s);
}

static const char *pick(const words *w, gen_rng *r)
{
    return w->v[gen_rng_below(r, w->n)];
}

gen_noise *gen_noise_load(const char *dir, char *err, size_t errsz)
{
    gen_buf path = {0};
    gen_buf_printf(&path, "%s/noise.tsv", dir);
    FILE *fp = fopen(gen_buf_str(&path), "r");
    if (fp == NULL) {
        snprintf(err, errsz, "%s: cannot open", gen_buf_str(&path));
        gen_buf_free(&path);
        return NULL;
    }
    gen_noise *n = calloc(1, sizeof *n);
    char *line = NULL;
    size_t cap = 0;
    while (n && getline(&line, &cap, fp) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        char *f[3] = {line, NULL, NULL};
        for (int k = 1; k < 3; k++) {
            f[k] = f[k - 1] ? strchr(f[k - 1], '\t') : NULL;
            if (f[k])
                *f[k]++ = '\0';
        }
        if (line[0] == '#' || f[1] == NULL)
            continue;
        /* ASCII ':' '>' of the folded text, written as a page writes them */
        if (strcmp(f[0], "crumb") == 0)
            push(&n->crumbs, f[1]);
        else if (strcmp(f[0], "meta") == 0 && f[2] && strcmp(f[2], "strong") == 0)
            push(&n->strong_meta, f[1]);
        else if (strcmp(f[0], "chrome") == 0)
            push(&n->chrome, f[1]);
        else if (strcmp(f[0], "chrome_lead") == 0)
            push(&n->leads, f[1]);
        else if (strcmp(f[0], "attach_label") == 0)
            push(&n->attach_labels, f[1]);
        else if (strcmp(f[0], "attach_ext") == 0)
            push(&n->attach_exts, f[1]);
        else if (strcmp(f[0], "spam") == 0 && f[2] && atoi(f[2]) >= 10)
            push(&n->spam, f[1]);
    }
    free(line);
    fclose(fp);
    if (n && (!n->crumbs.n || n->strong_meta.n < 2 || !n->chrome.n || !n->leads.n ||
              !n->attach_labels.n || !n->attach_exts.n || !n->spam.n)) {
        snprintf(err, errsz, "%s: a kind of noise is missing", gen_buf_str(&path));
        gen_noise_free(n);
        n = NULL;
    }
    gen_buf_free(&path);
    return n;
}

static void free_words(words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
}

void gen_noise_free(gen_noise *n)
{
    if (n == NULL)
        return;
    free_words(&n->crumbs);
    free_words(&n->strong_meta);
    free_words(&n->chrome);
    free_words(&n->leads);
    free_words(&n->attach_labels);
    free_words(&n->attach_exts);
    free_words(&n->spam);
    free(n);
}

/* A metadata value that fits its label. */
static void meta_value(const char *label, gen_rng *r, int year, gen_buf *out)
{
    if (strstr(label, "日期") || strstr(label, "时间"))
        gen_buf_printf(out, "%d-%02d-%02d", year, (int)gen_rng_range(r, 1, 3),
                       (int)gen_rng_range(r, 1, 28));
    else if (strstr(label, "号"))
        gen_buf_printf(out, "%08lu/%d-%05lu", (unsigned long)gen_rng_range(r, 10000000, 99999999),
                       year, (unsigned long)gen_rng_range(r, 1, 99999));
    else if (strstr(label, "分类"))
        gen_buf_puts(out, "综合政务");
    else
        gen_buf_puts(out, "本级政府办公室");
}

void gen_noise_header(const gen_noise *n, gen_rng *r, int year, gen_buf *out)
{
    if (gen_rng_chance(r, 70)) {
        const char *crumb = pick(&n->crumbs, r);
        size_t len = strlen(crumb);
        int colon = len && crumb[len - 1] == ':';
        gen_buf_add(out, crumb, colon ? len - 1 : len);
        gen_buf_puts(out, colon ? "：首页 > 政务公开 > 政府信息公开年报\n"
                                : " 政务公开 > 政府信息公开年报\n");
    }
    if (gen_rng_chance(r, 60)) {
        const char *a = pick(&n->strong_meta, r), *b = a;
        while (b == a)
            b = pick(&n->strong_meta, r);
        int glued = gen_rng_chance(r, 50);
        gen_buf_printf(out, "%s：", a);
        meta_value(a, r, year, out);
        gen_buf_puts(out, glued ? "  " : "\n");
        gen_buf_printf(out, "%s：", b);
        meta_value(b, r, year, out);
        gen_buf_puts(out, "\n");
    }
    if (gen_rng_chance(r, 50)) {
        for (int k = 0, m = (int)gen_rng_range(r, 1, 3); k < m; k++)
            gen_buf_printf(out, "【%s】", pick(&n->chrome, r));
        gen_buf_puts(out, "\n");
    }
}

void gen_noise_footer(const gen_noise *n, gen_rng *r, gen_buf *out)
{
    if (gen_rng_chance(r, 40))
        gen_buf_printf(out, "%s：\n政府信息公开工作年度报告%s\n",
                       pick(&n->attach_labels, r), pick(&n->attach_exts, r));
    if (gen_rng_chance(r, 40))
        gen_buf_printf(out, "【%s】【%s】\n", pick(&n->chrome, r), pick(&n->chrome, r));
    if (gen_rng_chance(r, 30))
        gen_buf_printf(out, "%s：关于印发工作要点的通知\n", pick(&n->leads, r));
}

const char *gen_noise_spam(const gen_noise *n, gen_rng *r, gen_buf *out)
{
    gen_buf_printf(out, "%s", pick(&n->spam, r));
    return gen_buf_str(out);
}
