/* headings.h - section headings in the numbering styles DOMAIN.md lists:
 * 一、 / 一 、概  述 / 一 概述 / 1、 / 2. / 第一部分 / ## 一、 / indented /
 * ending in 。 */
#ifndef GEN_HEADINGS_H
#define GEN_HEADINGS_H

#include "buf.h"
#include "rng.h"

typedef enum gen_heading_style {
    GEN_H_CHINESE,        /* 一、总体情况 */
    GEN_H_CHINESE_SPACED, /* 一 、总体情况, short ones spaced out: 概  述 */
    GEN_H_CHINESE_NOSEP,  /* 一 总体情况 */
    GEN_H_ARABIC,         /* 1、 总体情况 */
    GEN_H_ARABIC_DOT,     /* 1.总体情况 */
    GEN_H_PART,           /* 第一部分 总体情况 */
    GEN_H_MARKDOWN,       /* ## 一、总体情况 */
    GEN_H_COUNT
} gen_heading_style;

typedef struct gen_headings {
    gen_heading_style style;
    int indent;      /* leading spaces */
    int full_stop;   /* ending in 。 */
} gen_headings;

/* A style for a whole report (markdown only when md). */
void gen_headings_choose(gen_headings *h, gen_rng *r, int md);

/* Append heading number n (1-based) with its text, without a newline. */
void gen_headings_write(const gen_headings *h, int n, const char *text, gen_buf *out);

/* The style's name, for diagnostics. */
const char *gen_headings_name(const gen_headings *h);

#endif
