/* stats.c - the template tables and their figures. */
#include "stats.h"

#include <stdio.h>
#include <string.h>

/* A small count: mostly 0, sometimes a few, now and then many. */
static long count(gen_rng *r)
{
    unsigned k = (unsigned)gen_rng_below(r, 10);
    return k < 5 ? 0 : k < 8 ? gen_rng_range(r, 1, 9) : gen_rng_range(r, 10, 400);
}

/* Cell text for a count: usually the number, 无 for some zeros. */
static void put_count(gen_table *tb, gen_rng *r, long v)
{
    if (v == 0 && gen_rng_chance(r, 8))
        gen_table_cell(tb, "无", 1, 1);
    else
        gen_table_cellf(tb, "%ld", v);
}

/* A count cell that may be left blank (unknown) when the rendering can
 * show a blank; sets the figure when written. */
static void figure_cell(gen_table *tb, gen_rng *r, int blanks, gen_truth *t, int figure)
{
    if (blanks && gen_rng_chance(r, 6)) {
        gen_table_cell(tb, "", 1, 1);
        gen_truth_form(t, "blank-cell");
        return;
    }
    long v = count(r);
    put_count(tb, r, v);
    if (figure >= 0)
        gen_truth_set(t, figure, (double)v);
}

static void title_row(gen_table *tb, const char *title, int cols)
{
    gen_table_row(tb);
    gen_table_cell(tb, title, cols, 1);
}

/* A header cell, broken over two lines in tab rows (two paragraphs in
 * cell paragraphs) now and then. */
static void header(gen_table *tb, gen_rng *r, gen_rendering rend, const char *text)
{
    size_t len = strlen(text);
    if ((rend == GEN_R_TABS || rend == GEN_R_CELL_PARAS) && len >= 12 && gen_rng_chance(r, 15)) {
        char broken[128];
        size_t cut = 9; /* three characters */
        snprintf(broken, sizeof broken, "%.*s%s%s", (int)cut, text,
                 rend == GEN_R_TABS ? "\n" : "\n\n", text + cut);
        gen_table_cell(tb, broken, 1, 1);
        return;
    }
    gen_table_cell(tb, text, 1, 1);
}

static int can_blank(gen_rendering r)
{
    return r == GEN_R_TABS || r == GEN_R_PIPE_ROWS || r == GEN_R_MARKDOWN || r == GEN_R_HTML ||
           r == GEN_R_PIPE_SPANS;
}

/* Money in 元 written as the table's unit says. */
static void money_cell(gen_table *tb, gen_rng *r, long yuan, int unit)
{
    /* unit 0: 元 in the header; 1: 万元 in the header; 2: 万元 in the cell */
    if (unit == 0)
        gen_table_cellf(tb, "%ld", yuan);
    else {
        char num[32];
        snprintf(num, sizeof num, "%ld.%04ld", yuan / 10000, yuan % 10000);
        size_t n = strlen(num);
        while (num[n - 1] == '0')
            num[--n] = '\0';
        if (num[n - 1] == '.')
            num[--n] = '\0';
        gen_table_cellf(tb, "%s%s", num, unit == 2 ? (gen_rng_chance(r, 50) ? "万元" : " 万元") : "");
    }
}

void gen_stats_proactive(gen_rng *rng, int version, gen_rendering rend, gen_truth *t,
                         gen_buf *out)
{
    gen_table tb = {0};
    int blanks = can_blank(rend);
    int cols = 4;
    title_row(&tb, "第二十条第（一）项", cols);
    gen_table_row(&tb);
    gen_table_cell(&tb, "信息内容", 1, 1);
    if (version == 2021) {
        header(&tb, rng, rend, "本年制发件数");
        header(&tb, rng, rend, "本年废止件数");
        header(&tb, rng, rend, "现行有效件数");
    } else {
        header(&tb, rng, rend, "本年新制作数量");
        header(&tb, rng, rend, "本年新公开数量");
        header(&tb, rng, rend, "对外公开总数量");
    }
    gen_table_row(&tb);
    gen_table_cell(&tb, "规章", 1, 1);
    figure_cell(&tb, rng, blanks, t, GEN_F_RULES_ISSUED);
    figure_cell(&tb, rng, blanks, t, -1);
    figure_cell(&tb, rng, blanks, t, GEN_F_RULES_IN_FORCE);
    gen_table_row(&tb);
    gen_table_cell(&tb, version == 2021 || gen_rng_chance(rng, 30) ? "行政规范性文件" : "规范性文件", 1, 1);
    figure_cell(&tb, rng, blanks, t, GEN_F_ND_ISSUED);
    figure_cell(&tb, rng, blanks, t, version == 2021 ? GEN_F_ND_REPEALED : -1);
    figure_cell(&tb, rng, blanks, t, GEN_F_ND_IN_FORCE);

    static const char *const decided_2019[] = {"上一年项目数量", "本年增/减", "处理决定数量"};
    title_row(&tb, "第二十条第（五）项", cols);
    gen_table_row(&tb);
    gen_table_cell(&tb, "信息内容", 1, 1);
    if (version == 2021)
        gen_table_cell(&tb, "本年处理决定数量", 3, 1);
    else
        for (int k = 0; k < 3; k++)
            header(&tb, rng, rend, decided_2019[k]);
    const struct { const char *label; int figure; } decisions[] = {
        {"行政许可", GEN_F_LICENSING}, {"其他对外管理服务事项", -1},
        {NULL, 0}, {"行政处罚", GEN_F_PENALTY}, {"行政强制", GEN_F_ENFORCEMENT}};
    for (size_t i = 0; i < sizeof decisions / sizeof decisions[0]; i++) {
        if (decisions[i].label == NULL) {
            title_row(&tb, "第二十条第（六）项", cols);
            gen_table_row(&tb);
            gen_table_cell(&tb, "信息内容", 1, 1);
            if (version == 2021)
                gen_table_cell(&tb, "本年处理决定数量", 3, 1);
            else
                for (int k = 0; k < 3; k++)
                    header(&tb, rng, rend, decided_2019[k]);
            continue;
        }
        if (version == 2021 && decisions[i].figure < 0)
            continue;
        gen_table_row(&tb);
        gen_table_cell(&tb, decisions[i].label, 1, 1);
        if (version == 2021) {
            long v = count(rng);
            char text[32];
            snprintf(text, sizeof text, "%ld", v);
            gen_table_cell(&tb, text, 3, 1);
            gen_truth_set(t, decisions[i].figure, (double)v);
        } else {
            gen_table_cellf(&tb, "%ld", count(rng));
            gen_table_cellf(&tb, "%ld", count(rng));
            figure_cell(&tb, rng, blanks, t, decisions[i].figure);
        }
    }

    title_row(&tb, "第二十条第（八）项", cols);
    gen_table_row(&tb);
    gen_table_cell(&tb, "信息内容", 1, 1);
    if (version == 2021) {
        gen_table_cell(&tb, gen_rng_chance(rng, 50) ? "本年收费金额（单位：万元）"
                                                    : "本年收费金额（单位：万元，保留4位小数）",
                       3, 1);
        gen_table_row(&tb);
        gen_table_cell(&tb, "行政事业性收费", 1, 1);
        long yuan = gen_rng_chance(rng, 60) ? 0 : gen_rng_range(rng, 1, 2000000);
        money_cell(&tb, rng, yuan, 1);
        tb.rows[tb.nrows - 1].cells[tb.rows[tb.nrows - 1].ncells - 1].colspan = 3;
        gen_truth_set(t, GEN_F_FEES, (double)yuan);
    } else {
        header(&tb, rng, rend, "上一年项目数量");
        header(&tb, rng, rend, "本年增/减");
        gen_table_cell(&tb, "", 1, 1);
        gen_table_row(&tb);
        gen_table_cell(&tb, "行政事业性收费", 1, 1);
        gen_table_cellf(&tb, "%ld", count(rng));
        gen_table_cellf(&tb, "%ld", count(rng));
        gen_table_cell(&tb, "", 1, 1);

        title_row(&tb, "第二十条第（九）项", cols);
        gen_table_row(&tb);
        gen_table_cell(&tb, "信息内容", 1, 1);
        int unit = (int)gen_rng_below(rng, blanks ? 4 : 3);
        static const char *const amount_headers[] = {"采购总金额（元）", "采购总金额（万元）",
                                                     "采购总金额", "采购总金额"};
        header(&tb, rng, rend, "采购项目数量");
        gen_table_cell(&tb, amount_headers[unit], 2, 1);
        gen_table_row(&tb);
        gen_table_cell(&tb, "政府集中采购", 1, 1);
        long n = count(rng) % 20;
        long yuan = n ? gen_rng_range(rng, 1, 5000) * (gen_rng_chance(rng, 50) ? 100 : 1) : 0;
        gen_table_cellf(&tb, "%ld", n);
        gen_truth_set(t, GEN_F_PROC_COUNT, (double)n);
        if (unit == 3) { /* no unit anywhere: kept as written */
            gen_table_cellf(&tb, "%ld", yuan);
            gen_truth_form(t, "money-no-unit");
        } else {
            money_cell(&tb, rng, yuan, unit);
        }
        tb.rows[tb.nrows - 1].cells[tb.rows[tb.nrows - 1].ncells - 1].colspan = 2;
        /* money with no unit anywhere is unknown (docs/FIGURES.md), but 0 */
        if (unit != 3 || yuan == 0)
            gen_truth_set(t, GEN_F_PROC_AMOUNT, (double)yuan);
    }
    t->template_version = version == 2021 ? "2021" : "2019";
    gen_table_render(&tb, rend, out);
    gen_table_clear(&tb);
}

/* ---- the requests table ---------------------------------------------------- */

enum { APPLICANTS = 6 };

typedef struct req_row {
    const char *group;  /* 三、本年度办理结果's group label, or NULL */
    const char *label;
    long v[APPLICANTS + 1]; /* applicant columns, then 总计 */
} req_row;

static const char *const refused[] = {
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
    "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
    "7.属于行政执法案卷", "8.属于行政查询事项"};
static const char *const unable[] = {
    "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"};
static const char *const not_processed[] = {
    "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息"};
static const char *const other_2021[] = {
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"};

void gen_stats_requests(gen_rng *rng, int version, gen_rendering rend, gen_truth *t,
                        gen_buf *out)
{
    req_row rows[40];
    size_t n = 0;
    rows[n++] = (req_row){NULL, "一、本年新收政府信息公开申请数量", {0}};
    rows[n++] = (req_row){NULL, "二、上年结转政府信息公开申请数量", {0}};
    size_t first_result = n;
    rows[n++] = (req_row){"三、本年度办理结果", "（一）予以公开", {0}};
    rows[n++] = (req_row){"", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", {0}};
    for (size_t k = 0; k < 8; k++)
        rows[n++] = (req_row){"（三）不予公开", refused[k], {0}};
    for (size_t k = 0; k < 3; k++)
        rows[n++] = (req_row){"（四）无法提供", unable[k], {0}};
    for (size_t k = 0; k < 5; k++)
        rows[n++] = (req_row){"（五）不予处理", not_processed[k], {0}};
    if (version == 2021)
        for (size_t k = 0; k < 3; k++)
            rows[n++] = (req_row){"（六）其他处理", other_2021[k], {0}};
    else
        rows[n++] = (req_row){"", "（六）其他处理", {0}};
    size_t total_row = n;
    rows[n++] = (req_row){"", "（七）总计", {0}};
    size_t forward_row = n;
    rows[n++] = (req_row){NULL, "四、结转下年度继续办理", {0}};

    /* received = handled + carried forward, column by column */
    int busy = gen_rng_chance(rng, 40);
    for (int c = 0; c < APPLICANTS; c++) {
        long fresh = busy ? (c == 0 ? gen_rng_range(rng, 0, 30) : gen_rng_range(rng, 0, 2)) : 0;
        long over = busy && gen_rng_chance(rng, 30) ? gen_rng_range(rng, 0, 3) : 0;
        long forward = fresh + over ? gen_rng_range(rng, 0, (fresh + over) / 3) : 0;
        long handled = fresh + over - forward;
        rows[0].v[c] = fresh;
        rows[1].v[c] = over;
        rows[forward_row].v[c] = forward;
        rows[total_row].v[c] = handled;
        for (long k = 0; k < handled; k++) {
            size_t pick = gen_rng_chance(rng, 60) ? first_result
                        : first_result + gen_rng_below(rng, total_row - first_result);
            rows[pick].v[c]++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        rows[i].v[APPLICANTS] = 0;
        for (int c = 0; c < APPLICANTS; c++)
            rows[i].v[APPLICANTS] += rows[i].v[c];
    }
    /* 0 filled; 1 only 总计 filled; 2 总计 left blank; 3 and 4 deliberate
     * errors: the balance, an applicant column */
    int variant = 0;
    unsigned roll = (unsigned)gen_rng_below(rng, 100);
    if (can_blank(rend) && roll < 10)
        variant = 1;
    else if (can_blank(rend) && roll < 16)
        variant = 2;
    else if (roll < 26)
        variant = 3;
    else if (roll < 32)
        variant = 4;
    static const char *const variant_names[] = {"requests-ok", "requests-totals-only",
                                                 "requests-blank-totals", "requests-unbalanced",
                                                 "requests-applicants-wrong"};
    gen_truth_form(t, variant_names[variant]);
    if (variant == 3)
        rows[forward_row].v[APPLICANTS] += 1;
    if (variant == 4)
        rows[0].v[0] += 1;

    gen_table tb = {0};
    gen_table_row(&tb);
    gen_table_cell(&tb, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3);
    gen_table_cell(&tb, "申请人情况", 7, 1);
    gen_table_row(&tb);
    gen_table_cell(&tb, "自然人", 1, 2);
    gen_table_cell(&tb, "法人或其他组织", 5, 1);
    gen_table_cell(&tb, "总计", 1, 2);
    gen_table_row(&tb);
    static const char *const kinds[] = {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};
    for (int k = 0; k < 5; k++)
        gen_table_cell(&tb, kinds[k], 1, 1);
    for (size_t i = 0; i < n; i++) {
        gen_table_row(&tb);
        if (rows[i].group == NULL) {
            gen_table_cell(&tb, rows[i].label, 3, 1);
        } else {
            if (i == first_result)
                gen_table_cell(&tb, rows[i].group, 1, (int)(total_row - first_result + 1));
            if (rows[i].group[0] == '\0') {
                gen_table_cell(&tb, rows[i].label, 2, 1);
            } else if (i == 0 || rows[i - 1].group == NULL ||
                       strcmp(rows[i - 1].group, rows[i].group) != 0 || i == first_result) {
                size_t span = 1;
                while (i + span < n && rows[i + span].group &&
                       strcmp(rows[i + span].group, rows[i].group) == 0)
                    span++;
                if (i == first_result) { /* （一）予以公开 has no sub-items */
                    gen_table_cell(&tb, rows[i].label, 2, 1);
                    goto values;
                }
                gen_table_cell(&tb, rows[i].group, 1, (int)span);
                gen_table_cell(&tb, rows[i].label, 1, 1);
            } else {
                gen_table_cell(&tb, rows[i].label, 1, 1);
            }
        }
    values:
        for (int c = 0; c <= APPLICANTS; c++) {
            int blank = (variant == 1 && c < APPLICANTS) || (variant == 2 && c == APPLICANTS);
            if (blank)
                gen_table_cell(&tb, "", 1, 1);
            else
                put_count(&tb, rng, rows[i].v[c]);
        }
    }
    gen_table_render(&tb, rend, out);
    gen_table_clear(&tb);

    if (variant != 2) {
        gen_truth_set(t, GEN_F_REQ_NEW, (double)rows[0].v[APPLICANTS]);
        gen_truth_set(t, GEN_F_REQ_OVER, (double)rows[1].v[APPLICANTS]);
        gen_truth_set(t, GEN_F_REQ_GRANTED, (double)rows[first_result].v[APPLICANTS]);
        gen_truth_set(t, GEN_F_REQ_PARTIAL, (double)rows[first_result + 1].v[APPLICANTS]);
        gen_truth_set(t, GEN_F_REQ_TOTAL, (double)rows[total_row].v[APPLICANTS]);
        gen_truth_set(t, GEN_F_REQ_FORWARD, (double)rows[forward_row].v[APPLICANTS]);
        t->checks.balance = variant == 3 ? -1 : 1;
    }
    if (variant == 3 || variant == 4)
        t->checks.mismatch = 1;
    if (version == 2021 && t->template_version == NULL)
        t->template_version = "2021"; /* 逾期不补正 names the 2021 rows */
}

/* ---- the review and litigation table -------------------------------------- */

void gen_stats_review(gen_rng *rng, gen_rendering rend, gen_truth *t, gen_buf *out)
{
    long v[15];
    for (int g = 0; g < 3; g++) {
        long sum = 0;
        for (int k = 0; k < 4; k++) {
            v[g * 5 + k] = gen_rng_chance(rng, 80) ? 0 : gen_rng_range(rng, 1, 4);
            sum += v[g * 5 + k];
        }
        v[g * 5 + 4] = sum;
    }
    unsigned roll = (unsigned)gen_rng_below(rng, 100);
    int wrong = roll < 8;          /* 行政复议总计 off by one */
    int short_row = !wrong && roll < 16; /* 复议后起诉 总计 left out */
    if (wrong) {
        v[4] += 1;
        t->checks.mismatch = 1;
        gen_truth_form(t, "review-wrong-total");
    }
    if (short_row)
        gen_truth_form(t, "review-without-last-total");
    t->checks.review_checked = 1;

    gen_table tb = {0};
    gen_table_row(&tb);
    gen_table_cell(&tb, "行政复议", 5, 1);
    gen_table_cell(&tb, "行政诉讼", 10, 1);
    gen_table_row(&tb);
    static const char *const results[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    for (int k = 0; k < 5; k++)
        gen_table_cell(&tb, results[k], 1, 2);
    gen_table_cell(&tb, "未经复议直接起诉", 5, 1);
    gen_table_cell(&tb, "复议后起诉", 5, 1);
    gen_table_row(&tb);
    for (int g = 0; g < 2; g++)
        for (int k = 0; k < 5; k++)
            gen_table_cell(&tb, results[k], 1, 1);
    gen_table_row(&tb);
    for (int k = 0; k < (short_row ? 14 : 15); k++)
        gen_table_cellf(&tb, "%ld", v[k]);
    if (short_row)
        gen_table_cell(&tb, "", 1, 1);
    gen_table_render(&tb, rend, out);
    gen_table_clear(&tb);

    gen_truth_set(t, GEN_F_REV_TOTAL, (double)v[4]);
    gen_truth_set(t, GEN_F_REV_CORRECTED, (double)v[1]);
    gen_truth_set(t, GEN_F_LAW_TOTAL, (double)(v[9] + v[14]));
    gen_truth_set(t, GEN_F_LAW_CORRECTED, (double)(v[6] + v[11]));
}
