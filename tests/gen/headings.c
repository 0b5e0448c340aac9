/* headings.c - numbered section headings. */
#include "headings.h"

#include <string.h>

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

void gen_headings_choose(gen_headings *h, gen_rng *r, int md)
{
    static const unsigned weights[GEN_H_COUNT] = {50, 6, 5, 8, 5, 4, 0};
    unsigned total = 0;
    for (int k = 0; k < GEN_H_COUNT; k++)
        total += weights[k];
    unsigned roll = (unsigned)gen_rng_below(r, total);
    h->style = GEN_H_CHINESE;
    for (int k = 0; k < GEN_H_COUNT; k++) {
        if (roll < weights[k]) {
            h->style = (gen_heading_style)k;
            break;
        }
        roll -= weights[k];
    }
    if (md && gen_rng_chance(r, 80))
        h->style = GEN_H_MARKDOWN;
    h->indent = h->style != GEN_H_MARKDOWN && gen_rng_chance(r, 10) ? 4 : 0;
    h->full_stop = gen_rng_chance(r, 8);
}

const char *gen_headings_name(const gen_headings *h)
{
    static const char *const names[] = {"heading-chinese", "heading-spaced", "heading-nosep",
                                        "heading-arabic", "heading-arabic-dot", "heading-part",
                                        "heading-markdown"};
    return names[h->style];
}

/* "概述" as "概  述": short headings spaced out as Word exports do. */
static void spaced(const char *text, gen_buf *out)
{
    size_t len = strlen(text);
    if (len != 6) {
        gen_buf_puts(out, text);
        return;
    }
    gen_buf_add(out, text, 3);
    gen_buf_puts(out, "  ");
    gen_buf_add(out, text + 3, 3);
}

void gen_headings_write(const gen_headings *h, int n, const char *text, gen_buf *out)
{
    const char *num = numerals[(n - 1) % 10];
    for (int i = 0; i < h->indent; i++)
        gen_buf_puts(out, " ");
    switch (h->style) {
    case GEN_H_CHINESE: gen_buf_printf(out, "%s、%s", num, text); break;
    case GEN_H_CHINESE_SPACED:
        gen_buf_printf(out, "%s 、", num);
        spaced(text, out);
        break;
    case GEN_H_CHINESE_NOSEP:
        gen_buf_printf(out, "%s ", num);
        spaced(text, out);
        break;
    case GEN_H_ARABIC: gen_buf_printf(out, "%d、 %s", n, text); break;
    case GEN_H_ARABIC_DOT: gen_buf_printf(out, "%d.%s", n, text); break;
    case GEN_H_PART: gen_buf_printf(out, "第%s部分 %s", num, text); break;
    case GEN_H_MARKDOWN: gen_buf_printf(out, "## %s、%s", num, text); break;
    default: break;
    }
    if (h->full_stop)
        gen_buf_puts(out, "。");
}
