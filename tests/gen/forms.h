/* forms.h - the named forms of real published reports that the generator
 * writes now and then (docs/GENERATOR.md, issue 13), each with a weight:
 * the percent of the reports it could apply to that get it.  A weight of 0
 * switches a form off.  Forms the indexer cannot read yet are off by
 * default; --forms-on, --forms-off and GK_GEN_FORMS_ON / GK_GEN_FORMS_OFF
 * change the weights of one run. */
#ifndef GEN_FORMS_H
#define GEN_FORMS_H

#include <stdio.h>

#include "rng.h"

typedef enum gen_form_id {
    GEN_FORM_TITLE_YEAR_FIRST,   /* 2018年某镇政府信息公开工作年度报告 */
    GEN_FORM_TITLE_IN_QUOTES,    /* no title line: 《…报告》 in the preamble */
    GEN_FORM_TITLE_AFTER_CRUMB,  /* 您当前所在位置: 首页 > … > title */
    GEN_FORM_TITLE_AFTER_META,   /* 索引号/发布机构/组配分类/发布日期, then the title */
    GEN_FORM_TITLE_NONE,         /* no title; body in preamble, signature or 发布机构 */
    GEN_FORM_COUNTY_DEPARTMENT,  /* 某县教育局 */
    GEN_FORM_COUNTY_GOVERNMENT,  /* 某区人民政府, 某县人民政府 */
    GEN_FORM_COUNTY_SITE,        /* a department named without its county, which
                                  * the site name gives (某县人民政府门户网站) */
    GEN_FORM_COUNTY_ADDRESS,     /* … which the contact address gives (地址：某县…路) */
    GEN_FORM_TABLE_CELL_PARAS,   /* one cell per paragraph, blank lines between */
    GEN_FORM_TABLE_PIPE_SPANS,   /* cell lines ending " |", spans as "||", lone "|" */
    GEN_FORM_PROSE_PUBLISHED,    /* 发布信息共N条, 累计发布各类信息N条, N余条 */
    GEN_FORM_PROSE_REQUESTS_ZERO,/* 共接收…申请0件, 全年新收…0件, 没有接到…申请 */
    GEN_FORM_PROSE_PROCUREMENT,  /* procurement in 万元 with decimals in a sentence */
    GEN_FORM_TEMPLATE_NEW,       /* 2019+ six parts, no tables: template "new" */
    GEN_FORM_TEMPLATE_OLD_LATE,  /* 2019+ on the old headings, no tables: "pre2019" */
    GEN_FORM_MEASURES_LEAD,      /* measures after 针对以上/下一步/下一年度, with cues */
    GEN_FORM_TRADITIONAL,        /* the whole report in traditional characters */
    GEN_NFORMS
} gen_form_id;

typedef struct gen_forms {
    unsigned weight[GEN_NFORMS]; /* percent; 0 = off */
} gen_forms;

/* The default weights. */
void gen_forms_defaults(gen_forms *f);

/* The form's switch name ("title-none"). */
const char *gen_forms_name(int id);

/* Switch forms on or off from a comma-separated list of names: on takes
 * NAME (the form's usual weight) or NAME=PERCENT; "all" names every form.
 * Returns 0, or -1 (with the bad name in bad) for an unknown name. */
int gen_forms_set(gen_forms *f, const char *list, int on, char *bad, size_t badsz);

/* Print every form with its weight and default. */
void gen_forms_print(const gen_forms *f, FILE *fp);

/* 1 with the form's weight. */
int gen_forms_draw(const gen_forms *f, gen_rng *r, int id);

/* One of the forms first..last (a group that excludes each other), drawn
 * by their weights, or -1 for none of them. */
int gen_forms_draw_one(const gen_forms *f, gen_rng *r, int first, int last);

/* 1 if the form can be drawn at all (weight > 0). */
int gen_forms_on(const gen_forms *f, int id);

#endif
