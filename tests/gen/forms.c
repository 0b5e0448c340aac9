/* forms.c - the table of named forms, their weights and switches. */
#define _POSIX_C_SOURCE 200809L
#include "forms.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* name, usual weight when on, on by default.  A form goes on by default
 * once gongkai-index reads it (docs/GENERATOR.md, "Not on by default
 * yet"): set its third column to 1. */
static const struct {
    const char *name;
    unsigned weight;
    int on;
    const char *what;
} table[GEN_NFORMS] = {
    [GEN_FORM_TITLE_YEAR_FIRST] = {"title-year-first", 6, 1,
                                   "2018年某镇政府信息公开工作年度报告"},
    [GEN_FORM_TITLE_IN_QUOTES] = {"title-in-quotes", 4, 1,
                                  "no title line, 《…年度报告》 in a preamble sentence"},
    [GEN_FORM_TITLE_AFTER_CRUMB] = {"title-after-crumb", 4, 1,
                                    "title glued after a breadcrumb on its line"},
    [GEN_FORM_TITLE_AFTER_META] = {"title-after-meta", 5, 1,
                                   "索引号/发布机构/组配分类/发布日期 lines, then the title"},
    [GEN_FORM_TITLE_NONE] = {"title-none", 4, 1,
                             "no title: body in the preamble, signature or 发布机构 line"},
    [GEN_FORM_COUNTY_DEPARTMENT] = {"county-department", 6, 1,
                                    "a county department (某县教育局)"},
    [GEN_FORM_COUNTY_GOVERNMENT] = {"county-government", 5, 1,
                                    "a district or county government (某区人民政府)"},
    [GEN_FORM_COUNTY_SITE] = {"county-in-site-name", 25, 1,
                              "of departments: 教育局 with the county in the site name only"},
    [GEN_FORM_COUNTY_ADDRESS] = {"county-in-address", 25, 1,
                                 "of departments: 教育局 with the county in the address only"},
    [GEN_FORM_TABLE_CELL_PARAS] = {"table-cell-paragraphs", 8, 1,
                                   "tables as one cell per paragraph, blank lines between"},
    [GEN_FORM_TABLE_PIPE_SPANS] = {"table-pipe-spans", 8, 1,
                                   "cell lines ending \" |\", spans as \"||\", lone \"|\""},
    [GEN_FORM_PROSE_PUBLISHED] = {"prose-published", 10, 1,
                                  "发布信息共N条, 累计发布各类信息N条, N余条"},
    [GEN_FORM_PROSE_REQUESTS_ZERO] = {"prose-requests-zero", 10, 1,
                                      "共接收…申请0件, 全年新收…0件, 没有接到…申请"},
    [GEN_FORM_PROSE_PROCUREMENT] = {"prose-procurement", 8, 1,
                                    "procurement in 万元 with decimals in prose"},
    [GEN_FORM_TEMPLATE_NEW] = {"template-new", 6, 1,
                               "2019+ six parts without tables: template \"new\""},
    [GEN_FORM_TEMPLATE_OLD_LATE] = {"template-old-late", 4, 1,
                                    "2019+ on the old headings without tables: \"pre2019\""},
    [GEN_FORM_MEASURES_LEAD] = {"measures-lead", 15, 1,
                                "measures after 针对以上/下一步/下一年度, with cues"},
    [GEN_FORM_TRADITIONAL] = {"traditional", 4, 1, "the whole report in traditional characters"},
};

void gen_forms_defaults(gen_forms *f)
{
    for (int k = 0; k < GEN_NFORMS; k++)
        f->weight[k] = table[k].on ? table[k].weight : 0;
}

const char *gen_forms_name(int id)
{
    return id >= 0 && id < GEN_NFORMS ? table[id].name : "?";
}

int gen_forms_set(gen_forms *f, const char *list, int on, char *bad, size_t badsz)
{
    char *copy = gen_strdup(list);
    int rc = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && rc == 0;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        long pct = -1;
        if (eq) {
            char *end;
            *eq = '\0';
            pct = strtol(eq + 1, &end, 10);
            if (!on || *end || end == eq + 1 || pct < 0 || pct > 100)
                pct = -2;
        }
        int found = 0;
        for (int k = 0; k < GEN_NFORMS && pct != -2; k++)
            if (strcmp(tok, "all") == 0 || strcmp(tok, table[k].name) == 0) {
                f->weight[k] = !on ? 0 : pct >= 0 ? (unsigned)pct : table[k].weight;
                found = 1;
            }
        if (!found) {
            snprintf(bad, badsz, "%s%s%s", tok, eq ? "=" : "", eq ? eq + 1 : "");
            rc = -1;
        }
    }
    free(copy);
    return rc;
}

void gen_forms_print(const gen_forms *f, FILE *fp)
{
    for (int k = 0; k < GEN_NFORMS; k++)
        fprintf(fp, "%-22s %3u%%  %-3s  %s\n", table[k].name, f->weight[k],
                table[k].on ? "on" : "off", table[k].what);
}

int gen_forms_draw(const gen_forms *f, gen_rng *r, int id)
{
    return f->weight[id] > 0 && gen_rng_below(r, 100) < f->weight[id];
}

int gen_forms_draw_one(const gen_forms *f, gen_rng *r, int first, int last)
{
    unsigned total = 0, sum = 0;
    for (int k = first; k <= last; k++)
        total += f->weight[k];
    unsigned roll = (unsigned)gen_rng_below(r, total > 100 ? total : 100);
    for (int k = first; k <= last; k++) {
        sum += f->weight[k];
        if (f->weight[k] > 0 && roll < sum)
            return k;
    }
    return -1;
}

int gen_forms_on(const gen_forms *f, int id)
{
    return f->weight[id] > 0;
}
