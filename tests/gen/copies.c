/* copies.c - copied and lightly edited problems sections, the truth of
 * near-duplicate detection (docs/SIMILAR.md). */
#include "copies.h"

#include <stdlib.h>
#include <string.h>

/* Words an editor puts in place of two characters. */
static const char *const words[] = {"相关", "有关", "切实", "不断", "各项", "全面", "认真"};

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d == NULL)
        abort();
    return memcpy(d, s, n);
}

/* The sentences of s, each with its ending (。；\n) kept. */
static size_t split(const char *s, char ***out)
{
    size_t n = 0, cap = 8;
    char **v = malloc(cap * sizeof *v);
    if (v == NULL)
        abort();
    while (*s) {
        const char *e = s;
        while (*e && *e != '\n' && strncmp(e, "。", 3) != 0 && strncmp(e, "；", 3) != 0)
            e++;
        e += *e == '\n' ? 1 : *e ? 3 : 0;
        if (e > s && e[-1] != '\n' && *e == '\n') /* the line's end goes with it */
            e++;
        if (n == cap && (v = realloc(v, (cap *= 2) * sizeof *v)) == NULL)
            abort();
        v[n] = malloc((size_t)(e - s) + 1);
        if (v[n] == NULL)
            abort();
        memcpy(v[n], s, (size_t)(e - s));
        v[n][e - s] = '\0';
        n++;
        s = e;
    }
    *out = v;
    return n;
}

/* 1 if the 3 bytes at p are a CJK character (U+4E00..U+9FFF). */
static int cjk_at(const unsigned char *p)
{
    return p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

/* Two CJK characters of s replaced by a word, at a place r picks. */
static void change_word(gen_rng *r, gen_buf *s)
{
    for (int tries = 0; tries < 20; tries++) {
        if (s->len < 6)
            return;
        size_t at = gen_rng_below(r, s->len - 5);
        const unsigned char *p = (const unsigned char *)s->data + at;
        if (!cjk_at(p) || !cjk_at(p + 3)) /* a lead byte: a character's start */
            continue;
        gen_buf out = {0};
        gen_buf_add(&out, s->data, at);
        gen_buf_puts(&out, GEN_PICK(r, words));
        gen_buf_puts(&out, s->data + at + 6);
        gen_buf_reset(s);
        gen_buf_puts(s, gen_buf_str(&out));
        gen_buf_free(&out);
        return;
    }
}

/* The source's text edited: sentences swapped or dropped, words changed. */
static void edit(gen_rng *r, const char *src, gen_buf *out)
{
    char **v;
    size_t n = split(src, &v);
    if (n >= 2 && gen_rng_chance(r, 60)) {
        size_t i = gen_rng_below(r, n - 1);
        char *tmp = v[i];
        v[i] = v[i + 1];
        v[i + 1] = tmp;
    }
    size_t drop = n >= 3 && gen_rng_chance(r, 50) ? gen_rng_below(r, n) : n;
    gen_buf_reset(out);
    for (size_t i = 0; i < n; i++) {
        if (i != drop)
            gen_buf_puts(out, v[i]);
        free(v[i]);
    }
    free(v);
    long changes = gen_rng_range(r, 1, 3);
    for (long k = 0; k < changes; k++)
        change_word(r, out);
    if (out->len > 0 && out->data[out->len - 1] != '\n')
        gen_buf_puts(out, "\n");
}

/* The parts of the sentences an original's writer adds in its own words,
 * so that originals are as long as real problems sections (a few hundred
 * characters) and differ as real ones do, sharing stock phrases. */
static const char *const openers[] = {
    "从日常检查情况看，", "对照年度工作要点，", "结合群众反映，", "在年度自查中发现，",
    "从网站运行情况看，", "通过第三方评估发现，", "从办理依申请公开的情况看，", "总体来看，"};
static const char *const subjects[] = {
    "部分站所", "个别科室", "基层站点", "村（社区）信息公开栏", "政务公开专区", "政策解读栏目",
    "部门网站子栏目", "办事指南", "财政预决算信息", "重点领域信息"};
static const char *const faults[] = {
    "更新频率偏低，有时一个季度未更新一次", "内容与上级平台存在重复，查找不便",
    "发布格式不统一，附件常无法打开", "解读材料以转载为主，图表解读较少",
    "对群众关切回应不够及时，互动留言回复较慢", "信息分类不够科学，部分信息放错栏目",
    "人员变动较多，业务衔接不够顺畅", "发布前审核把关不严，偶有错别字",
    "公开的数据口径不一致，前后对不上", "依申请公开答复文书不够规范"};
static const char *const tails[] = {
    "，群众查阅时反映不便", "，影响了公开的实际效果", "，与新时代政务公开的要求仍有差距",
    "，需要在今后工作中重点解决", "", "，有关负责人已作说明", "，已列入整改清单"};

/* An original's own sentences, appended to body. */
static void own_words(gen_rng *r, gen_buf *body)
{
    long n = gen_rng_range(r, 4, 7);
    for (long i = 0; i < n; i++)
        gen_buf_printf(body, "%s%s%s%s。\n", GEN_PICK(r, openers), GEN_PICK(r, subjects),
                       GEN_PICK(r, faults), GEN_PICK(r, tails));
}

/* Half the source's sentences, then the writer's own: a report that
 * shares some of another's text but is no copy (a near miss). */
static void partial(gen_rng *r, const char *src, gen_buf *out)
{
    char **v;
    size_t n = split(src, &v);
    gen_buf_reset(out);
    for (size_t i = 0; i < n; i++) {
        if (i % 2 == 0)
            gen_buf_puts(out, v[i]);
        free(v[i]);
    }
    free(v);
    if (out->len > 0 && out->data[out->len - 1] != '\n')
        gen_buf_puts(out, "\n");
    own_words(r, out);
}

/* s with every `from` replaced by `to`. */
static void replace_all(gen_buf *s, const char *from, const char *to)
{
    if (strcmp(from, to) == 0)
        return;
    gen_buf out = {0};
    const char *p = gen_buf_str(s), *hit;
    while ((hit = strstr(p, from)) != NULL) {
        gen_buf_add(&out, p, (size_t)(hit - p));
        gen_buf_puts(&out, to);
        p = hit + strlen(from);
    }
    gen_buf_puts(&out, p);
    gen_buf_reset(s);
    gen_buf_puts(s, gen_buf_str(&out));
    gen_buf_free(&out);
}

const struct gen_copied *gen_copies_sequel(gen_copybook *b, gen_rng *r)
{
    if (b->n == 0 || !gen_rng_chance(r, b->percent / 2))
        return NULL;
    const struct gen_copied *src = &b->items[gen_rng_below(r, b->n)];
    return src->draw.set && src->year < 2025 ? src : NULL;
}

void gen_copies_apply(gen_copybook *b, gen_rng *r, const char *self, gen_buf *body,
                      gen_truth *t, const struct gen_copied *sequel)
{
    if (sequel != NULL || (b->n > 0 && gen_rng_chance(r, b->percent))) {
        const struct gen_copied *src = sequel ? sequel : &b->items[gen_rng_below(r, b->n)];
        t->copy_same_place = sequel != NULL;
        unsigned kind = (unsigned)gen_rng_below(r, 10); /* 4 exact, 4 edited, 2 partial */
        if (kind >= 8)
            partial(r, src->body, body);
        else if (kind >= 4)
            edit(r, src->body, body);
        else {
            gen_buf_reset(body);
            gen_buf_puts(body, src->body);
        }
        replace_all(body, src->self, self);
        snprintf(t->copy_of, sizeof t->copy_of, "%s", src->file);
        t->copy = kind >= 8 ? "partial" : kind >= 4 ? "edited" : "exact";
        t->categories = src->categories;
        return;
    }
    own_words(r, body);
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->items = realloc(b->items, b->cap * sizeof *b->items);
        if (b->items == NULL)
            abort();
    }
    struct gen_copied *c = &b->items[b->n++];
    c->body = dup(gen_buf_str(body));
    c->self = dup(self);
    snprintf(c->file, sizeof c->file, "%s", t->file);
    c->categories = t->categories;
    c->year = t->year;
    c->draw = t->draw;
}

void gen_copies_free(gen_copybook *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->items[i].body);
        free(b->items[i].self);
    }
    free(b->items);
    b->items = NULL;
    b->n = b->cap = 0;
}
