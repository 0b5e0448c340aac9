/* test_figures.c - figures from tables in every rendering and from
 * sentences, in the units a reader means, and the arithmetic checks. */
#include "gk_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_figures.h"
#include "gk_html.h"
#include "gk_report.h"
#include "gk_rules.h"
#include "gk_text.h"
#include "gk_util.h"

typedef struct fixture {
    gk_test_rules r;
    gk_figure_rules *rules; /* r.figures */
    gk_report *report;
    gk_figures figs;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    gk_test_rules_load(&f->r);
    f->rules = f->r.figures;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_figures_clear(&f->figs);
    gk_report_free(f->report);
    gk_test_rules_free(&f->r);
    free(f);
    return 0;
}

/* Normalise and parse text as a report, and read its figures. */
static void extract(void **state, const char *text)
{
    fixture *f = *state;
    gk_figures_clear(&f->figs);
    gk_report_free(f->report);
    f->report = gk_test_rules_parse(&f->r, text);
    assert_int_equal(gk_figures_extract(&f->figs, f->rules, f->report, NULL), GK_OK);
}

static const gk_figure *fig(void **state, const char *id)
{
    fixture *f = *state;
    int i = gk_figure_lookup(f->rules, id);
    assert_true(i >= 0);
    return &f->figs.figures[i];
}

static void expect(void **state, const char *id, double value)
{
    const gk_figure *g = fig(state, id);
    if (!g->known)
        fail_msg("%s is unknown, expected %g", id, value);
    if (fabs(g->value - value) > 1e-6)
        fail_msg("%s is %g, expected %g", id, g->value, value);
}

static void expect_unknown(void **state, const char *id)
{
    const gk_figure *g = fig(state, id);
    if (g->known)
        fail_msg("%s is %g, expected unknown", id, g->value);
}

static void expect_consistency(void **state, gk_consistency want)
{
    fixture *f = *state;
    if (f->figs.consistency != want)
        fail_msg("consistency %s, expected %s", gk_consistency_name(f->figs.consistency),
                 gk_consistency_name(want));
}

static const gk_check *check(void **state, const char *identity)
{
    fixture *f = *state;
    for (size_t i = 0; i < f->figs.nchecks; i++)
        if (strcmp(f->figs.checks[i].identity, identity) == 0)
            return &f->figs.checks[i];
    fail_msg("no check %s", identity);
    return NULL;
}

#define HEAD "某镇人民政府2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
#define TAIL "\n五、存在的主要问题及改进情况\n问题。\n"

/* The same 2019 proactive and procurement tables, rendered every way
 * DOMAIN.md lists.  A reader sees: 规章 2 made, 5 published in total;
 * 规范性文件 3 made, 9 in total; procurement 4 items for 2.3万元. */
static void expect_2019_tables(void **state, const char *rendering)
{
    expect(state, "rules_issued", 2);
    expect(state, "rules_in_force", 5);
    expect(state, "normative_docs_issued", 3);
    expect(state, "normative_docs_in_force", 9);
    expect_unknown(state, "normative_docs_repealed"); /* no such 2019 column */
    expect(state, "procurement_count", 4);
    expect(state, "procurement_amount_yuan", 23000);
    fixture *f = *state;
    if (f->figs.template_version == NULL || strcmp(f->figs.template_version, "2019") != 0)
        fail_msg("%s: template %s", rendering,
                 f->figs.template_version ? f->figs.template_version : "null");
}

static void test_tab_rows(void **state)
{
    extract(state, HEAD "第二十条第（一）项\t\t\t\n"
                        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
                        "规章\t2\t1\t5\n"
                        "规范性文件\t3\t3\t9\n"
                        "第二十条第（九）项\t\t\t\n"
                        "信息内容\t采购项目数量\t采购总金额\t\n"
                        "政府集中采购\t4\t2.3万元\t\n" TAIL);
    expect_2019_tables(state, "tab rows");
}

static void test_one_cell_per_line_with_blank_lines(void **state)
{
    extract(state, HEAD "\t第二十条第（一）项\n\n"
                        "\t信息内容\n\t本年新制作数量\n\t本年新公开数量\n\t对外公开总数量\n\n"
                        "\t规章\n\t2\n\t1\n\t5\n\n"
                        "\t规范性文件\n\t3\n\t3\n\t9\n\n"
                        "\t第二十条第（九）项\n\n"
                        "\t信息内容\n\t采购项目数量\n\t采购总金额\n\n"
                        "\t政府集中采购\n\t4\n\t2.3万元\n" TAIL);
    expect_2019_tables(state, "one cell per line");
}

static void test_one_cell_per_line_without_blank_lines(void **state)
{
    extract(state, HEAD "第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n"
                        "对外公开总数量\n规章\n2\n1\n5\n规范性文件\n3\n3\n9\n"
                        "第二十条第（九）项\n信息内容\n采购项目数量\n采购总金额\n"
                        "政府集中采购\n4\n2.3万元\n" TAIL);
    expect_2019_tables(state, "one cell per line, no blank lines");
}

static void test_cell_lines_ending_in_pipes(void **state)
{
    extract(state, HEAD "第二十条第(一)项 | |||\n信息内容 |\n本年新制作数量 |\n本年新公开数量 |\n"
                        "对外公开总数量 |\n规章 |\n2 |\n1 |\n5 |\n规范性文件 |\n3 |\n3 |\n9 |\n"
                        "第二十条第(九)项 | |||\n信息内容 |\n采购项目数量 |\n采购总金额 | ||\n"
                        "政府集中采购 |\n4 |\n2.3万元 | ||\n" TAIL);
    expect_2019_tables(state, "cell lines ending in |");
}

static void test_pipe_rows_and_markdown(void **state)
{
    extract(state, HEAD "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
                        "|---|---|---|---|\n"
                        "| 规章 | 2 | 1 | 5 |\n"
                        "| 规范性文件 | 3 | 3 | 9 |\n\n"
                        "信息内容 | 采购项目数量 | 采购总金额\n"
                        "政府集中采购 | 4 | 2.3万元\n" TAIL);
    expect_2019_tables(state, "pipe rows");
}

static void test_headers_broken_over_lines(void **state)
{
    extract(state, HEAD "信息内容\t本年新制作数量\t本年新\n公开数量\t对外公开总数量\n"
                        "规章\t2\t1\t5\n规范性文件\t3\t3\t9\n"
                        "信息内容\t采购项目\n数量\t采购总金额\n"
                        "政府集中采购\t4\t2.3万元\n" TAIL);
    expect_2019_tables(state, "broken headers");
}

static void test_stray_layout_pipes(void **state)
{
    extract(state, HEAD "|\n| |\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
                        "|\n规章\t2\t1\t5\n|||\n规范性文件\t3\t3\t9\n| |\n"
                        "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t4\t2.3万元\n" TAIL);
    expect_2019_tables(state, "stray pipes");
}

/* Every cell a paragraph of its own, blank lines between (tables pasted
 * from web pages): blank lines separate cells, not rows; an empty
 * paragraph (three blank lines, or a line of spaces between two) is a
 * blank cell; a header cell broken inside its paragraph is one cell. */
static void test_one_cell_per_paragraph(void **state)
{
    extract(state, HEAD "第二十条第（一）项\n\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n"
                        "现行有效\n件数\n\n规章\n\n0\n\n0\n\n2\n\n"
                        "行政规范性文件\n\n\n\n1\n\n6\n\n"
                        "第二十条第（五）项\n\n信息内容\n\n本年处理决定数量\n\n行政许可\n\n 58\n\n"
                        "第二十条第（八）项\n\n信息内容\n\n本年收费金额单位：万元\n\n"
                        "行政事业性收费\n\n3.25\n\n"
                        "三、收到和处理政府信息公开申请情况\n\n申请人情况\n\n自然人\n\n"
                        "法人或其他组织\n\n总计\n\n商业企业\n\n科研机构\n\n社会公益组织\n\n"
                        "法律服务机构\n\n其他\n\n"
                        "一、本年新收政府信息公开申请数量\n\n2\n\n\n\n\n\n\n\n\n\n\n\n 2\n\n"
                        "二、上年结转政府信息公开申请数量\n\n  \n\n  \n\n  \n\n  \n\n  \n\n  \n\n1\n\n"
                        "三、本年度办理结果\n\n（一）予以公开\n\n3\n\n0\n\n0\n\n0\n\n0\n\n0\n\n3\n\n"
                        "（七）总计\n\n3\n\n0\n\n0\n\n0\n\n0\n\n0\n\n3\n\n"
                        "四、结转下年度继续办理\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n" TAIL);
    expect(state, "rules_issued", 0);
    expect(state, "rules_in_force", 2);
    /* 本年制发件数 left empty: unknown, and the two after it keep their
     * columns */
    expect_unknown(state, "normative_docs_issued");
    expect(state, "normative_docs_repealed", 1);
    expect(state, "normative_docs_in_force", 6);
    expect(state, "licensing_decisions", 58);
    expect(state, "fees_amount_yuan", 32500); /* the unit note lost its brackets */
    assert_false(fig(state, "fees_amount_yuan")->unit_assumed);
    expect(state, "requests_new", 2);
    expect(state, "requests_carried_over", 1);
    expect(state, "requests_granted", 3);
    expect(state, "requests_handled_total", 3);
    expect(state, "requests_carried_forward", 0);
    assert_int_equal(check(state, "requests_balance")->status, GK_CONSISTENCY_OK);
    fixture *f = *state;
    assert_string_equal(f->figs.template_version, "2021");
}

/* Pages that put two blank lines between paragraphs: two are the
 * separator, five hold an empty cell. */
static void test_one_cell_per_paragraph_two_blank_lines(void **state)
{
    extract(state, HEAD "第二十条第（一）项\n\n\n信息内容\n\n\n本年制发件数\n\n\n本年废止件数\n\n\n"
                        "现行有效件数\n\n\n规章\n\n\n0\n\n\n0\n\n\n2\n\n\n"
                        "行政规范性文件\n\n\n\n\n\n1\n\n\n6\n\n\n"
                        "第二十条第（五）项\n\n\n信息内容\n\n\n本年处理决定数量\n\n\n行政许可\n\n\n 58\n" TAIL);
    expect(state, "rules_issued", 0);
    expect(state, "rules_in_force", 2);
    expect_unknown(state, "normative_docs_issued");
    expect(state, "normative_docs_repealed", 1);
    expect(state, "normative_docs_in_force", 6);
    expect(state, "licensing_decisions", 58);
}

/* A header label broken over two paragraphs ("对外公开" / "总数量") is
 * still the column's label. */
static void test_header_label_over_two_cells(void **state)
{
    extract(state, HEAD "第二十条第(一)项\n\n信息内容\n\n本年新制作数量\n\n本年新\n\n公开数量\n\n"
                        "对外公开\n\n总数量\n\n规章\n\n0\n\n0\n\n4\n\n规范性文件\n\n2\n\n2\n\n17\n\n"
                        "第二十条第(九)项\n\n信息内容\n\n采购项目\n\n数量\n\n采购总金额\n\n"
                        "政府集中采购\n\n3\n\n41.6万元\n" TAIL);
    expect(state, "rules_issued", 0);
    expect(state, "rules_in_force", 4);
    expect(state, "normative_docs_issued", 2);
    expect(state, "normative_docs_in_force", 17);
    expect(state, "procurement_count", 3);
    expect(state, "procurement_amount_yuan", 416000);
}

/* A line holding a pipe alone after every cell: the pipes separate the
 * cells, and two in a row hold a blank cell between them. */
static void test_lone_pipe_line_after_every_cell(void **state)
{
    extract(state, HEAD "第二十条第（一）项\n|\n信息内容\n|\n本年新制作数量\n|\n本年新公开数量\n|\n"
                        "对外公开总数量\n|\n规章\n|\n2\n|\n1\n|\n5\n|\n规范性文件\n|\n3\n|\n3\n|\n9\n|\n"
                        "第二十条第（五）项\n|\n信息内容\n|\n上一年项目数量\n|\n本年增/减\n|\n处理决定数量\n|\n"
                        "行政许可\n|\n40\n|\n|\n44\n|\n"
                        "第二十条第（九）项\n|\n信息内容\n|\n采购项目数量\n|\n采购总金额\n|\n"
                        "政府集中采购\n|\n4\n|\n2.3万元\n|\n" TAIL);
    expect_2019_tables(state, "lone pipe lines");
    expect(state, "licensing_decisions", 44);
}

/* Lone pipe lines among cell lines that end in " |" are blank cells. */
static void test_lone_pipe_lines_are_blank_cells(void **state)
{
    extract(state, HEAD "|\n第二十条第（一）项 |\n|||\n|\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n"
                        "现行有效件数 |\n|\n规章 |\n0 |\n0 |\n1 |\n|\n行政规范性文件 |\n|\n2 |\n11 |\n"
                        "第二十条第（五）项 | |||\n信息内容 |\n本年处理决定数量 | ||\n行政许可 |\n17 | ||\n" TAIL);
    expect(state, "rules_in_force", 1);
    expect_unknown(state, "normative_docs_issued");
    expect(state, "normative_docs_repealed", 2);
    expect(state, "normative_docs_in_force", 11);
    expect(state, "licensing_decisions", 17);
}

/* Header labels cut short ("本年新" twice) still name their columns in
 * order; a header with a column missing and a row with more values than
 * the columns read is not read at all: which value is which is unknown. */
static void test_truncated_and_missing_header_labels(void **state)
{
    extract(state, HEAD "第二十条第（一）项 | ||||\n信息内容 | 本年新 | 本年新 | 对外公开总数量 | |\n"
                        "规章 | 0 | 0 | 1 | |\n规范性文件 | 7 | 6 | 48 | |\n" TAIL);
    expect(state, "rules_issued", 0);
    expect(state, "rules_in_force", 1);
    expect(state, "normative_docs_issued", 7);
    expect(state, "normative_docs_in_force", 48);
    extract(state, HEAD "第二十条第（一）项 | ||||\n信息内容 | 本年新 | 对外公开总数量 |\n"
                        "规章 | 0 | 0 | 1 |\n规范性文件 | 7 | 6 | 48 |\n"
                        "信息内容 | 上一年项目数量 | 处理 |\n行政许可 | 12 | 3 | 15 |\n" TAIL);
    expect_unknown(state, "rules_issued");
    expect_unknown(state, "rules_in_force");
    expect_unknown(state, "normative_docs_issued");
    expect_unknown(state, "normative_docs_in_force");
    expect_unknown(state, "licensing_decisions");
}

static void test_html_table_with_colspan(void **state)
{
    const char *html =
        "<html><body><p>某镇人民政府2020年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>"
        "<table><tr><td colspan=\"4\">第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年新<br>制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>"
        "<tr><td>规章</td><td>2</td><td>1</td><td>5</td></tr>"
        "<tr><td>规范性文件</td><td><p>3</p></td><td>3</td><td>9</td></tr>"
        "<tr><td colspan=\"4\">第二十条第（九）项</td></tr>"
        "<tr><td>信息内容</td><td>采购项目数量</td><td colspan=\"2\">采购总金额</td></tr>"
        "<tr><td>政府集中采购</td><td>4</td><td colspan=\"2\">2.3 万元</td></tr>"
        "</table><p>五、存在的主要问题及改进情况</p><p>问题。</p></body></html>";
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(gk_html_to_text(&text, &len, html, strlen(html), NULL), GK_OK);
    extract(state, text);
    free(text);
    expect_2019_tables(state, "HTML");
}

static void test_html_requests_table_with_rowspan(void **state)
{
    /* 三、本年度办理结果 and (三)不予公开 span the rows below them: those rows
     * lack the spanned cells, and their values still line up */
    const char *html =
        "<html><body><p>某镇人民政府2021年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>正文。</p><p>三、收到和处理政府信息公开申请情况</p><table>"
        "<tr><td colspan=\"3\" rowspan=\"3\">(本列数据的勾稽关系为：第一项加第二项之和，"
        "等于第三项加第四项之和)</td><td colspan=\"7\">申请人情况</td></tr>"
        "<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td>"
        "<td rowspan=\"2\">总计</td></tr>"
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
        "<tr><td colspan=\"3\">一、本年新收政府信息公开申请数量</td>"
        "<td>6</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>7</td></tr>"
        "<tr><td colspan=\"3\">二、上年结转政府信息公开申请数量</td>"
        "<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
        "<tr><td rowspan=\"4\">三、本年度办理结果</td><td colspan=\"2\">(一)予以公开</td>"
        "<td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>"
        "<tr><td rowspan=\"2\">(三)不予公开</td><td>1.属于国家秘密</td>"
        "<td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
        "<tr><td>2.其他法律行政法规禁止公开</td>"
        "<td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
        "<tr><td colspan=\"2\">(七)总计</td>"
        "<td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>"
        "<tr><td colspan=\"3\">四、结转下年度继续办理</td>"
        "<td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
        "</table><p>五、存在的主要问题及改进情况</p><p>问题。</p></body></html>";
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(gk_html_to_text(&text, &len, html, strlen(html), NULL), GK_OK);
    extract(state, text);
    free(text);
    expect(state, "requests_new", 7);
    expect(state, "requests_carried_over", 0);
    expect(state, "requests_granted", 4);
    expect(state, "requests_handled_total", 6);
    expect(state, "requests_carried_forward", 1);
    assert_int_equal(check(state, "requests_balance")->status, GK_CONSISTENCY_OK);
    assert_int_equal(check(state, "handled_total")->status, GK_CONSISTENCY_OK);
    assert_int_equal(check(state, "applicants")->status, GK_CONSISTENCY_OK);
}

/* The parts missing, joined by ",". */
static char *missing_of(const gk_figures *f)
{
    gk_buf b = {0};
    gk_buf_adds(&b, "");
    for (size_t i = 0; i < f->nmissing; i++)
        gk_buf_printf(&b, "%s%s", i ? "," : "", f->missing[i]);
    return gk_buf_take(&b, NULL);
}

static void expect_law(void **state, const char *completeness, const char *missing,
                       const char *body_class, int signed_date, const char *deadline)
{
    fixture *f = *state;
    if (completeness == NULL)
        assert_null(f->figs.completeness);
    else
        assert_string_equal(f->figs.completeness, completeness);
    char *got = missing_of(&f->figs);
    assert_string_equal(got, missing);
    free(got);
    if (body_class == NULL)
        assert_null(f->figs.body_class);
    else
        assert_string_equal(f->figs.body_class, body_class);
    assert_int_equal(f->figs.signed_date, signed_date);
    assert_string_equal(f->figs.deadline, deadline);
}

/* A 2019+ report of body for year: its six parts, the tables (or a
 * sentence) under 二, 三 and 四, a sentence of the overview, its signature. */
#define SIX_PARTS_2019_(body, year, proactive, requests, review, assessment, signature) \
    body year "年政府信息公开工作年度报告\n一、总体情况\n全年工作有序推进。" assessment "\n" \
    "二、主动公开政府信息情况\n" proactive                                                  \
    "三、收到和处理政府信息公开申请情况\n" requests                                          \
    "四、政府信息公开行政复议、行政诉讼情况\n" review                                          \
    "五、存在的主要问题及改进情况\n公开不够及时。\n"                                           \
    "六、其他需要报告的事项\n无。\n" signature

#define PROACTIVE_2021                                                                     \
    "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
#define REQUESTS_2021                                                                      \
    "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"          \
    "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"                                  \
    "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
#define REVIEW_2021                                                                        \
    "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t"                 \
    "未经复议直接起诉\t\t\t\t\t复议后起诉\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
/* the tables' macros expand to three arguments before they are counted */
#define SIX_PARTS_2019(...) SIX_PARTS_2019_(__VA_ARGS__)
#define TABLES_2021 PROACTIVE_2021, REQUESTS_2021, REVIEW_2021
#define NO_TABLES "主动公开信息120条。\n", "全年未收到申请。\n", "未发生。\n"

/* 2019 and after: the six parts, the three tables, and for a government
 * the statement of its 考核、评议、追究 results; due 3月31日 (government) or
 * 1月31日 (department) of the next year. */
static void test_completeness_and_deadline_2019(void **state)
{
    /* a township with everything, signed in January: complete, on time */
    extract(state, SIX_PARTS_2019("某镇人民政府", "2021", TABLES_2021,
                                  "信息公开纳入年度绩效考核，未发生责任追究。",
                                  "某镇人民政府\n2022年1月20日\n"));
    expect_law(state, "complete", "", "government", 20220120, "on_time");
    fixture *f = *state;
    assert_int_equal(f->figs.due_date, 20220331);
    /* the same without the statement, signed in April: late */
    extract(state, SIX_PARTS_2019("某镇人民政府", "2021", TABLES_2021, "",
                                  "某镇人民政府\n二〇二二年四月一日\n"));
    expect_law(state, "incomplete", "assessment", "government", 20220401, "late");
    /* a department owes no statement but is due by 1月31日 */
    extract(state, SIX_PARTS_2019("某县水务局", "2021", TABLES_2021, "",
                                  "某县水务局\n2022年2月8日\n"));
    expect_law(state, "complete", "", "department", 20220208, "late");
    /* a street office: no statement owed, due by 3月31日 */
    extract(state, SIX_PARTS_2019("某区某街道办事处", "2021", TABLES_2021, "",
                                  "2022年3月31日\n"));
    expect_law(state, "complete", "", "street", 20220331, "on_time");
    /* no tables, no date: the three tables missing, deadline unknown */
    extract(state, SIX_PARTS_2019("某镇人民政府", "2022", NO_TABLES, "年度考核结果为优秀。", ""));
    expect_law(state, "incomplete", "proactive_table,requests_table,review_table",
               "government", 0, "unknown");
}

/* Before 2019: the six items of the 2007 regulations, every body due by
 * 3月31日; a part missing is named; a body named nowhere has no class. */
static void test_completeness_before_2019(void **state)
{
    extract(state, "2016年某乡政府信息公开工作年度报告\n一、概述\n正文。\n"
                   "二、主动公开政府信息情况\n公开信息50条。\n"
                   "三、依申请公开政府信息情况\n未收到申请。\n"
                   "四、政府信息公开的收费及减免情况\n未收费。\n"
                   "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n"
                   "六、政府信息公开工作存在的主要问题及改进措施\n宣传不够。\n"
                   "七、其他需要报告的事项\n无。\n某乡人民政府\n2017年3月30日\n");
    expect_law(state, "complete", "", "government", 20170330, "on_time");
    extract(state, "某县教育局2013年政府信息公开工作年度报告\n一、概述\n正文。\n"
                   "二、主动公开政府信息情况\n公开信息50条。\n"
                   "三、依申请公开政府信息情况\n未收到申请。\n"
                   "四、政府信息公开工作存在的主要问题及改进措施\n宣传不够。\n"
                   "2014年4月2日\n");
    expect_law(state, "incomplete", "fees,review_litigation,other", "department", 20140402,
               "late");
    /* no year, no template: no rules apply */
    extract(state, "政府信息公开工作年度报告\n一、概述\n正文。\n");
    expect_law(state, NULL, "", NULL, 0, "unknown");
}

static void test_2021_template(void **state)
{
    extract(state, HEAD "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
                        "规章\t0\t0\t1\n行政规范性文件\t4\t2\t30\n"
                        "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t120\n"
                        "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t7\n行政强制\t无\n"
                        "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t1.5\n" TAIL);
    expect(state, "rules_issued", 0);
    expect(state, "rules_in_force", 1);
    expect(state, "normative_docs_issued", 4);
    expect(state, "normative_docs_repealed", 2);
    expect(state, "normative_docs_in_force", 30);
    expect(state, "licensing_decisions", 120);
    expect(state, "penalty_decisions", 7);
    expect(state, "enforcement_decisions", 0); /* 无 */
    expect(state, "fees_amount_yuan", 15000);  /* 1.5 万元 from the header */
    expect_unknown(state, "procurement_amount_yuan"); /* no such 2021 row */
    fixture *f = *state;
    assert_string_equal(f->figs.template_version, "2021");
}

/* The 2021 headers with their last character lost in copying (现行有效件,
 * 本年制发件), one cell per paragraph. */
static void test_2021_headers_cut_short(void **state)
{
    extract(state, HEAD "第二十条第(一)项\n\n信息内容\n\n本年制发件\n\n本年废止件数\n\n现行有效件\n\n"
                        "规章\n\n0\n\n0\n\n2\n\n行政规范性文件\n\n3\n\n1\n\n17\n" TAIL);
    expect(state, "rules_issued", 0);
    expect(state, "rules_in_force", 2);
    expect(state, "normative_docs_issued", 3);
    expect(state, "normative_docs_repealed", 1);
    expect(state, "normative_docs_in_force", 17);
    fixture *f = *state;
    assert_string_equal(f->figs.template_version, "2021");
}

static void test_2022_report_on_the_old_table(void **state)
{
    extract(state, "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
                   "二、主动公开政府信息情况\n"
                   "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t3\t-1\t25\n"
                   "信息内容\t采购项目数量\t采购总金额（元）\n政府集中采购\t2\t54369\n" TAIL);
    fixture *f = *state;
    assert_int_equal(f->report->year, 2022);
    assert_string_equal(f->figs.template_version, "2019");
    expect(state, "licensing_decisions", 25);
    expect(state, "procurement_amount_yuan", 54369); /* 元 from the header */
    assert_false(fig(state, "procurement_amount_yuan")->unit_assumed);
}

/* 采购总金额 with no unit in the cell or its header: 元 or 万元 is not
 * known, so the amount is unknown; the cell stays a raw figure as
 * written.  Nothing is 0 in any unit. */
static void test_money_without_a_unit_is_unknown(void **state)
{
    extract(state, HEAD "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t42.8\n" TAIL);
    expect(state, "procurement_count", 3);
    expect_unknown(state, "procurement_amount_yuan");
    fixture *f = *state;
    int raw = 0;
    for (size_t i = 0; i < f->figs.nraw; i++)
        if (strcmp(f->figs.raw[i].text, "42.8") == 0)
            raw = 1;
    assert_true(raw);
    extract(state, HEAD "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t0\t0\n" TAIL);
    expect(state, "procurement_amount_yuan", 0);
    assert_false(fig(state, "procurement_amount_yuan")->unit_assumed);
}

static void test_missing_tables_are_unknown_not_zero(void **state)
{
    extract(state, HEAD "本年度主动公开情况良好。\n三、收到和处理政府信息公开申请情况\n表格略。\n"
                        "四、政府信息公开行政复议、行政诉讼情况\n无。\n" TAIL);
    fixture *f = *state;
    for (size_t i = 0; i < f->figs.nfigures; i++)
        if (f->figs.figures[i].known)
            fail_msg("%s known without a table", gk_figure_id(f->rules, i));
    expect_consistency(state, GK_CONSISTENCY_INCOMPLETE);
    /* no table tells 2019 from 2021; the headings are the 2019+ parts */
    assert_string_equal(f->figs.template_version, "new");
}

/* A requests table with the given rows' values (new, carried over, granted,
 * partial, 总计, carried forward), 7 applicant columns each. */
#define REQ_HEAD "三、收到和处理政府信息公开申请情况\n" \
    "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t申请人情况\n" \
    "\t自然人\t法人或其他组织\t\t\t\t\t总计\n" \
    "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
#define REVIEW_OK "四、政府信息公开行政复议、行政诉讼情况\n" \
    "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n" \
    "1\t1\t0\t0\t2\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1\n"

static void test_requests_balance_ok(void **state)
{
    extract(state, HEAD REQ_HEAD
            "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t0\t5\n"
            "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
            "三、本年度办理结果\t(一)予以公开\t2\t0\t0\t0\t0\t0\t2\n"
            "\t(二)部分公开\t1\t0\t0\t0\t0\t0\t1\n"
            "\t(三)不予公开\t1.属于国家秘密\t0\t1\t0\t0\t0\t0\t1\n"
            "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"
            "\t(七)总计\t3\t1\t0\t0\t0\t0\t4\n"
            "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\n" REVIEW_OK TAIL);
    expect(state, "requests_new", 5);
    expect(state, "requests_carried_over", 1);
    expect(state, "requests_granted", 2);
    expect(state, "requests_partial", 1);
    expect(state, "requests_handled_total", 4);
    expect(state, "requests_carried_forward", 2);
    expect(state, "reviews_total", 2);
    expect(state, "reviews_corrected", 1);
    expect(state, "lawsuits_total", 2);     /* 1 direct + 1 after review */
    expect(state, "lawsuits_corrected", 1);
    assert_int_equal(check(state, "requests_balance")->status, GK_CONSISTENCY_OK);
    assert_int_equal(check(state, "handled_total")->status, GK_CONSISTENCY_OK);
    assert_int_equal(check(state, "applicants")->status, GK_CONSISTENCY_OK);
    assert_int_equal(check(state, "review_total")->status, GK_CONSISTENCY_OK);
    expect_consistency(state, GK_CONSISTENCY_OK);
}

static void expect_template(void **state, const char *text, const char *want)
{
    extract(state, text);
    fixture *f = *state;
    const char *got = f->figs.template_version;
    if (want == NULL ? got != NULL : got == NULL || strcmp(got, want) != 0)
        fail_msg("template %s, expected %s", got ? got : "null", want ? want : "null");
}

/* Without tables telling the columns, the headings tell the structure:
 * the 2019+ six parts are `new`, the older parts `pre2019`; a report on a
 * year before 2019 is `pre2019` whatever its headings. */
static void test_template_from_the_headings(void **state)
{
    expect_template(state, "金鸡乡2022年政府信息公开工作年度报告\n一、总体情况\n本乡主动公开信息40条。\n"
                           "二、主动公开政府信息情况\n（表略）\n三、收到和处理政府信息公开申请情况\n"
                           "本年度未收到申请。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
                           "五、存在的主要问题及改进情况\n栏目更新不够及时。\n六、其他需要报告的事项\n无。\n",
                    "new");
    /* headings with spaces and other numbering, a requests table that is
     * the same in both versions */
    expect_template(state, "金鸡乡2023年政府信息公开工作年度报告\n一 、总 体 情 况\n正文。\n"
                           REQ_HEAD
                           "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
                           "（四）政府信息公开行政复议、行政诉讼情况\n无。\n",
                    "new");
    /* parts numbered 第一部分 … */
    expect_template(state, "金鸡乡2020年政府信息公开工作年度报告\n第一部分 工作总体推进情况\n正文。\n"
                           "第三部分 收到和处理政府信息公开申请情况\n无。\n"
                           "第四部分 政府信息公开行政复议、行政诉讼情况\n无。\n",
                    "new");
    /* the old parts, in a report on 2021 without tables */
    expect_template(state, "金鸡乡2021年政府信息公开工作年度报告\n一、概述\n正文。\n"
                           "二、主动公开政府信息的情况\n公开信息12条。\n三、依申请公开政府信息的情况\n无。\n"
                           "四、政府信息公开的收费及减免情况\n未收费。\n"
                           "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n",
                    "pre2019");
    /* a report on 2016 with the new names */
    expect_template(state, "金鸡乡2016年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
                           "二、收到和处理政府信息公开申请情况\n无。\n"
                           "三、存在的主要问题及改进情况\n无。\n",
                    "pre2019");
    /* as many old parts as new ones: not told */
    expect_template(state, "金鸡乡2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
                           "二、依申请公开政府信息情况\n无。\n三、收到和处理政府信息公开申请情况\n无。\n"
                           "四、主动公开政府信息的情况\n无。\n",
                    NULL);
    /* a single new heading is too little */
    expect_template(state, "金鸡乡2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
                           "二、主动公开政府信息情况\n正文。\n",
                    NULL);
    /* one heading of a long section split in parts counts once */
    {
        fixture *f = *state;
        gk_figures_clear(&f->figs);
        gk_report_free(f->report);
        gk_buf b = {0};
        gk_buf_adds(&b, "金鸡乡政府信息公开工作年度报告\n一、总体情况\n");
        for (int i = 0; i < 40; i++)
            gk_buf_adds(&b, "本乡按要求公开各类信息,做好政策解读。\n");
        char *norm = NULL;
        size_t len = 0;
        assert_int_equal(gk_text_normalize(f->r.folder, &norm, &len, b.data, b.len, NULL), GK_OK);
        gk_buf_free(&b);
        gk_report_rules rules = {f->r.sections, f->r.places, f->r.title_words};
        assert_int_equal(gk_report_parse(&f->report, &rules, norm, len, 200, NULL), GK_OK);
        assert_true(f->report->nsections > 3);
        assert_int_equal(gk_figures_extract(&f->figs, f->rules, f->report, NULL), GK_OK);
        assert_null(f->figs.template_version);
    }
    /* tables that tell the version win over the headings */
    expect_template(state, HEAD "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t1\n" TAIL,
                    "2021");
}

static void test_requests_balance_mismatch(void **state)
{
    /* 5 + 1 received, 4 handled + 3 carried forward */
    extract(state, HEAD REQ_HEAD
            "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t0\t5\n"
            "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
            "\t(七)总计\t3\t1\t0\t0\t0\t0\t4\n"
            "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3\n" REVIEW_OK TAIL);
    const gk_check *c = check(state, "requests_balance");
    assert_int_equal(c->status, GK_CONSISTENCY_MISMATCH);
    assert_true(fabs(c->left - 6) < 1e-9);
    assert_true(fabs(c->right - 7) < 1e-9);
    expect_consistency(state, GK_CONSISTENCY_MISMATCH);
}

static void test_applicant_columns_mismatch(void **state)
{
    /* 1+1+1+1+1+0 is 5, not 6 */
    extract(state, HEAD REQ_HEAD
            "一、本年新收政府信息公开申请数量\t1\t1\t1\t1\t1\t0\t6\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
            "\t(七)总计\t1\t1\t1\t1\t1\t1\t6\n"
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n" REVIEW_OK TAIL);
    assert_int_equal(check(state, "requests_balance")->status, GK_CONSISTENCY_OK);
    const gk_check *row = check(state, "applicants_row");
    assert_int_equal(row->status, GK_CONSISTENCY_MISMATCH);
    assert_non_null(strstr(row->description, "本年新收"));
    assert_int_equal(check(state, "applicants")->status, GK_CONSISTENCY_MISMATCH);
    expect_consistency(state, GK_CONSISTENCY_MISMATCH);
}

static void test_blank_requests_table_is_incomplete(void **state)
{
    /* applicant columns filled, 其他 and 总计 blank, results blank */
    extract(state, HEAD REQ_HEAD
            "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t\t\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t\t\n"
            "三、本年度办理结果\t(一) 予以公开\t\t\t\t\t\t\t\n"
            "\t(七) 总计\t\t\t\t\t\t\t\n"
            "四、结转下年度继续办理\t\t\t\t\t\t\t\n" REVIEW_OK TAIL);
    expect_unknown(state, "requests_new");
    expect_unknown(state, "requests_handled_total");
    assert_int_equal(check(state, "requests_balance")->status, GK_CONSISTENCY_INCOMPLETE);
    expect_consistency(state, GK_CONSISTENCY_INCOMPLETE);
}

static void test_total_pushed_right_by_merged_cells(void **state)
{
    /* only the total filled, in the last cell of a short row, and a row
     * padded with empty cells after its values */
    extract(state, HEAD REQ_HEAD
            "一、本年新收政府信息公开申请数量\t\t\t\t\t\t3\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t\t\n"
            "\t(七)总计\t\t\t\t\t\t3\n"
            "四、结转下年度继续办理\t\t\t\t\t\t0\n" REVIEW_OK TAIL);
    expect(state, "requests_new", 3);
    expect(state, "requests_carried_over", 0);
    expect(state, "requests_handled_total", 3);
    expect(state, "requests_carried_forward", 0);
    expect_consistency(state, GK_CONSISTENCY_OK);
}

static void test_blank_total_after_merged_label_cells(void **state)
{
    /* the row label spans three cells (two blanks after it), every
     * applicant column is filled and 总计 is blank: the total is unknown,
     * not the last applicant value moved right (found by gongkai-gen) */
    extract(state, HEAD REQ_HEAD
            "一、本年新收政府信息公开申请数量\t\t\t4\t1\t0\t0\t0\t2\t\n"
            "二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t\n"
            "\t(七)总计\t\t4\t1\t0\t0\t0\t2\t\n"
            "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t\n" REVIEW_OK TAIL);
    expect_unknown(state, "requests_new");
    expect_unknown(state, "requests_carried_over");
    expect_unknown(state, "requests_handled_total");
    expect_unknown(state, "requests_carried_forward");
    expect_consistency(state, GK_CONSISTENCY_INCOMPLETE);
}

static void test_review_total_mismatch_and_missing_total(void **state)
{
    extract(state, HEAD "四、政府信息公开行政复议、行政诉讼情况\n"
                        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
                        "1\t1\t0\t0\t3\t0\t0\t0\t0\t0\t0\t0\t0\t0\n" TAIL);
    assert_int_equal(check(state, "review_total")->status, GK_CONSISTENCY_MISMATCH);
    /* 14 numbers: the after-review total is missing and is derived */
    const gk_figure *l = fig(state, "lawsuits_total");
    assert_true(l->known);
    assert_int_equal(l->source, GK_SOURCE_DERIVED);
    assert_int_equal(check(state, "after_total")->status, GK_CONSISTENCY_INCOMPLETE);
    expect_consistency(state, GK_CONSISTENCY_MISMATCH);
}

static void test_prose_figures(void **state)
{
    extract(state, "某镇人民政府2017年政府信息公开工作年度报告\n一、概述\n"
                   "2017年，我镇共主动公开政府信息100余条，其中通过网站公开42条。"
                   "联系电话：0357-7728882，邮编：042300。依据〔2017〕30号文件，"
                   "公开率达到100%。\n"
                   "二、依申请公开政府信息情况\n全年共收到政府信息公开申请16件。\n"
                   "三、因政府信息公开申请行政复议、提起行政诉讼的情况\n"
                   "全年未发生因政府信息公开申请行政复议的情况。\n"
                   "四、政府信息公开工作存在的主要问题及改进措施\n一是公开信息200条不够及时。\n");
    expect(state, "proactive_items", 100);
    assert_true(fig(state, "proactive_items")->approx);
    assert_int_equal(fig(state, "proactive_items")->source, GK_SOURCE_PROSE);
    assert_non_null(strstr(fig(state, "proactive_items")->text, "100余条"));
    expect(state, "requests_new", 16);
    expect(state, "reviews_total", 0);
    expect_unknown(state, "lawsuits_total");
    fixture *f = *state;
    assert_string_equal(f->figs.template_version, "pre2019");
}

static void test_prose_zero_and_masked(void **state)
{
    extract(state, "某镇人民政府2016年政府信息公开工作年度报告\n一、概述\n"
                   "本年度主动公开信息**条。本年度未收到政府信息公开申请。\n");
    expect_unknown(state, "proactive_items");
    expect(state, "requests_new", 0);
}

/* The ways real reports write their counts in sentences. */
static void test_prose_forms_of_real_reports(void **state)
{
    /* 发布信息共N条, 未接收到依申请公开 */
    extract(state, "三合乡2019年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年通过县政府网站发布信息共264条,主要包括通知公告和工作动态。\n"
                   "二、收到和处理政府信息公开申请情况\n全年未接收到依申请公开。\n");
    expect(state, "proactive_items", 264);
    expect(state, "requests_new", 0);
    /* 累计发布各类信息N条, 共接收…申请0件 */
    extract(state, "三合乡2016年政府信息公开工作年度报告\n一、概述\n正文。\n"
                   "二、主动公开政府信息的情况\n本年度我乡累计发布各类信息1,208条,其中工作动态930条。\n"
                   "三、依申请公开政府信息的情况\n本年度我乡共接收政府信息公开申请0件。\n");
    expect(state, "proactive_items", 1208);
    expect(state, "requests_new", 0);
    /* N余条, 全年新收…申请N件 and 上年结转N件 */
    extract(state, "三合乡2023年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年共在政务公开栏和网站公开各类信息300余条。"
                   "全年新收政府信息公开申请4件,上年结转1件。\n");
    expect(state, "proactive_items", 300);
    assert_true(fig(state, "proactive_items")->approx);
    expect(state, "requests_new", 4);
    expect(state, "requests_carried_over", 1);
    /* 没有接到…申请; a total followed by its parts (…条。其中…) */
    extract(state, "三合乡2012年政府信息公开工作年度报告\n一、政府信息公开情况\n"
                   "2012年,我乡通过县政府门户网站公开信息75条。其中工作动态50条。\n"
                   "二、政府信息依申请公开办理情况\n本年度没有接到群众要求公开政府信息的申请。\n");
    expect(state, "proactive_items", 75);
    expect(state, "requests_new", 0);
}

/* A number is read only in the clause of its own label: subtotals of
 * procurement, documents or other channels are no 主动公开 total, a review
 * request is no information request, and money in 万元 is in 元. */
static void test_prose_numbers_stay_in_their_clause(void **state)
{
    extract(state, "三合乡2019年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年主动公开政府信息512条,其中政府采购类信息40条;"
                   "全乡完成政府集中采购7次,采购总金额为2017.515万元。\n"
                   "二、主动公开政府信息情况\n(表略)\n");
    expect(state, "proactive_items", 512);
    expect(state, "procurement_count", 7);
    expect(state, "procurement_amount_yuan", 20175150);
    assert_false(fig(state, "procurement_amount_yuan")->unit_assumed);
    extract(state, "三合乡2019年政府信息公开工作年度报告\n一、总体情况\n"
                   "本年度在网站公开政府采购类信息40条;主动公开本乡规范性文件3件。"
                   "通过微信公众号累计发布信息320条。全年未收到行政复议申请。\n"
                   "二、主动公开政府信息情况\n通过县政府采购中心完成集中采购2项,采购金额共计36.8万元。\n");
    expect_unknown(state, "proactive_items");
    expect_unknown(state, "requests_new");
    expect(state, "procurement_count", 2);
    expect(state, "procurement_amount_yuan", 368000);
    /* a count that includes last year's carried-over requests is no count
     * of new ones */
    extract(state, "三合乡2022年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年共收到政府信息公开申请41件(含2021年结转3件)。\n");
    expect_unknown(state, "requests_new");
    /* requests received are no information published */
    extract(state, "三合乡2022年政府信息公开工作年度报告\n一、总体情况\n"
                   "2022年,三合乡共收到信息公开申请5件,上年度结转1件。\n");
    expect_unknown(state, "proactive_items");
    expect(state, "requests_new", 5);
    /* the amount in the next clause of the count, without 采购 again */
    extract(state, "三合乡2021年政府信息公开工作年度报告\n一、总体情况\n"
                   "本年度政府集中采购6项,总金额512.35万元。\n");
    expect(state, "procurement_count", 6);
    expect(state, "procurement_amount_yuan", 5123500);
    extract(state, "三合乡2020年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年通过网站累计发布工作动态信息88条。收到申请后15个工作日内答复。"
                   "发布法定主动公开内容1条。\n");
    expect_unknown(state, "proactive_items");
    expect_unknown(state, "requests_new");
    extract(state, "三合乡2025年政府信息公开工作年度报告\n一、总体情况\n"
                   "截至2025年12月,我乡主动公开内容共46条,包括规划计划5条、财政信息3条。\n");
    expect(state, "proactive_items", 46);
    /* a row of cells is no sentence: 收到…申请 | 2 | is not "申请2件" */
    extract(state, "三合乡2025年政府信息公开工作年度报告\n一、总体情况\n"
                   "收到和处理政府信息公开申请 | 2\n行政复议 | 1件\n");
    expect_unknown(state, "requests_new");
    expect_unknown(state, "reviews_total");
    extract(state, "三合乡2025年政府信息公开工作年度报告\n一、总体情况\n"
                   "对内容不明确又未补正的申请3件未予受理;未受理的申请2件已告知理由。\n");
    expect_unknown(state, "requests_new");
}

/* Parts of the requests, none made, fees in prose, and "no such case"
 * read in its own section only. */
static void test_prose_parts_and_nones(void **state)
{
    extract(state, "三合乡2023年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年新收政府信息公开申请5件,其中予以公开3件,无法提供2件;无上年结转申请。"
                   "本年度未制发规章和行政规范性文件,未作出行政强制决定。"
                   "全年收取行政事业性收费共约12.5万元。本年度没有此类情况。\n"
                   "四、政府信息公开行政复议、行政诉讼情况\n本年度没有此类情况。\n");
    expect(state, "requests_new", 5);
    expect(state, "requests_granted", 3);
    expect(state, "requests_carried_over", 0);
    expect(state, "rules_issued", 0);
    expect(state, "normative_docs_issued", 0);
    expect(state, "enforcement_decisions", 0);
    expect_unknown(state, "licensing_decisions");
    expect(state, "fees_amount_yuan", 125000);
    assert_true(fig(state, "fees_amount_yuan")->approx);
    expect(state, "reviews_total", 0);
    assert_string_equal(fig(state, "reviews_total")->section, "review_litigation");
    expect(state, "lawsuits_total", 0);
    /* 办结, 结转下年度 in the requests section; the parts of the reviews */
    extract(state, "三合区人民政府2013年政府信息公开工作年度报告\n一、概述\n正文。人大建议办结12件。\n"
                   "二、依申请公开政府信息的情况\n全年共收到政府信息公开申请58件,办结51件,"
                   "结转下年度办理7件。\n"
                   "三、因政府信息公开申请行政复议、提起行政诉讼的情况\n"
                   "提起行政复议4件,其中复议维持3件、纠正1件;提起行政诉讼1件。\n");
    expect(state, "requests_new", 58);
    expect(state, "requests_handled_total", 51);
    expect(state, "requests_carried_forward", 7);
    expect(state, "reviews_total", 4);
    expect(state, "reviews_corrected", 1);
    expect(state, "lawsuits_total", 1);
}

/* Forms of the prose figures seen in the reports written after the first
 * fixes: totals before 信息, the site's column, a made-and-obtained total
 * whose published part is the proactive one, decisions, normative
 * documents issued, repealed and in force, requests granted in every way
 * reports say it, carried over and forward in one clause, reviews and
 * lawsuits all upheld. */
static void test_prose_forms_of_fresh_reports(void **state)
{
    /* 通过…网站公开N条信息; 受理…N件,均…予以公开 */
    extract(state, "柳泉镇2019年政府信息公开工作报告\n一、总体情况\n"
                   "2019年通过\"三合县人民政府\"网站公开7条信息(即预算和决算)。\n"
                   "三、收到和处理政府信息公开申请情况\n本年共受理依申请公开3件,均已按期答复并予以公开。\n");
    expect(state, "proactive_items", 7);
    expect(state, "requests_granted", 3);
    /* 全年在…网站…专栏发布信息N条, with a long gap before 发布 */
    extract(state, "柳泉镇2019年政府信息公开工作年度报告\n一、工作概况\n"
                   "全年在三合县人民政府网站柳泉镇专栏里发布信息58条,涉及通知公告。\n");
    expect(state, "proactive_items", 58);
    /* one site, then another channel counted: the site's count is no total */
    extract(state, "柳泉镇2019年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
                   "二、主动公开政府信息情况\n在县政府网站柳泉镇专栏发布信息58条,"
                   "在镇微信公众号推送信息40条。\n");
    expect_unknown(state, "proactive_items");
    /* 制作、获取…信息总数N条,其中主动公开信息有N条 */
    extract(state, "柳泉乡2010年政府信息公开工作年度报告\n一、概述\n"
                   "本乡全年制作、获取政府信息总数140条,其中主动公开信息有103条,"
                   "涉及国家秘密的信息0条。\n");
    expect(state, "proactive_items", 103);
    /* 门户网站和政务新媒体累计主动公开: every channel, so a total */
    extract(state, "三合区人民政府2020年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年通过区政府门户网站和政务新媒体累计主动公开政府信息1904条。\n"
                   "区政府微信公众号累计发布信息320条。\n");
    expect(state, "proactive_items", 1904);
    /* decisions and normative documents in prose; 同意公开, 同意部分公开;
     * 无上年和下年结转件; 其中结果纠正N件; 均维持 */
    extract(state, "三合县交通运输局2020年政府信息公开工作年度报告\n一、总体情况\n"
                   "本年度本局未制发规章;行政许可处理决定182件,行政处罚处理决定27件。"
                   "本局制发行政规范性文件4件,废止1件,现行有效行政规范性文件31件。\n"
                   "三、收到和处理政府信息公开申请情况\n"
                   "全年共收到政府信息公开申请9件,已全部答复,其中同意公开6件,"
                   "同意部分公开2件,信息不存在1件,无上年和下年结转件。\n"
                   "四、政府信息公开行政复议、行政诉讼情况\n"
                   "因政府信息公开被申请行政复议3件,其中结果纠正1件;被提起行政诉讼2件,均为结果维持。\n");
    expect(state, "licensing_decisions", 182);
    expect(state, "penalty_decisions", 27);
    expect_unknown(state, "enforcement_decisions");
    expect(state, "normative_docs_issued", 4);
    expect(state, "normative_docs_repealed", 1);
    expect(state, "normative_docs_in_force", 31);
    expect(state, "requests_granted", 6);
    expect(state, "requests_partial", 2);
    expect(state, "requests_carried_over", 0);
    expect(state, "requests_carried_forward", 0);
    expect(state, "reviews_corrected", 1);
    expect(state, "lawsuits_corrected", 0);
    /* 收到申请N件(含YYYY年结转N件); 行政诉讼案件结果纠正N件;
     * 复议N件、诉讼N件,均维持原答复 */
    extract(state, "三合区人民政府办公室2022年政府信息公开工作年度报告\n一、总体情况\n"
                   "全年收到政府信息公开申请27件(含2021年结转2件),全部按程序办结。"
                   "行政复议案件结果纠正0件,行政诉讼案件结果纠正1件。\n");
    expect(state, "requests_carried_over", 2);
    expect(state, "reviews_corrected", 0);
    expect(state, "lawsuits_corrected", 1);
    extract(state, "三合市人民政府2017年政府信息公开工作年度报告\n一、概述\n"
                   "全年因政府信息公开引起的行政复议4件、行政诉讼2件,均维持原答复。\n");
    expect(state, "reviews_total", 4);
    expect(state, "reviews_corrected", 0);
    expect(state, "lawsuits_corrected", 0);
    /* 结果维持2件 says nothing of the others: no zero guessed */
    extract(state, "三合市人民政府2017年政府信息公开工作年度报告\n一、概述\n"
                   "全年因政府信息公开引起行政复议3件,结果维持2件。"
                   "收到政府信息公开申请5件,均已答复,其中予以公开2件。\n");
    expect_unknown(state, "reviews_corrected");
    expect(state, "requests_granted", 2);
    expect_unknown(state, "requests_partial");
}

static void test_amounts(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *text;
        gk_amount_kind kind;
        double value, scale;
        int money, approx;
    } cases[] = {
        {"0", GK_AMOUNT_NUMBER, 0, 1, 0, 0},
        {" 54369 ", GK_AMOUNT_NUMBER, 54369, 1, 0, 0},
        {"1,234", GK_AMOUNT_NUMBER, 1234, 1, 0, 0},
        {"0.65 万元", GK_AMOUNT_NUMBER, 0.65, 1e4, 1, 0},
        {"180万元", GK_AMOUNT_NUMBER, 180, 1e4, 1, 0},
        {"2亿元", GK_AMOUNT_NUMBER, 2, 1e8, 1, 0},
        {"1万", GK_AMOUNT_NUMBER, 1, 1e4, 0, 0},
        {"100余条", GK_AMOUNT_NUMBER, 100, 1, 0, 1},
        {"约20件", GK_AMOUNT_NUMBER, 20, 1, 0, 1},
        {"-1", GK_AMOUNT_NUMBER, -1, 1, 0, 0},
        {"无", GK_AMOUNT_ZERO, 0, 1, 0, 0},
        {"零", GK_AMOUNT_ZERO, 0, 1, 0, 0},
        {"", GK_AMOUNT_BLANK, 0, 1, 0, 0},
        {"　", GK_AMOUNT_BLANK, 0, 1, 0, 0},
        {"—", GK_AMOUNT_DASH, 0, 1, 0, 0},
        {"12%", GK_AMOUNT_TEXT, 0, 1, 0, 0},
        {"30号", GK_AMOUNT_TEXT, 0, 1, 0, 0},
        {"2020年", GK_AMOUNT_TEXT, 0, 1, 0, 0},
        {"1.属于国家秘密", GK_AMOUNT_TEXT, 0, 1, 0, 0},
        {"**条", GK_AMOUNT_TEXT, 0, 1, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gk_amount a = gk_amount_read(f->rules, cases[i].text, strlen(cases[i].text));
        if (a.kind != cases[i].kind || (a.kind == GK_AMOUNT_NUMBER &&
            (fabs(a.value - cases[i].value) > 1e-9 || a.scale != cases[i].scale ||
             a.money_unit != cases[i].money || a.approx != cases[i].approx)))
            fail_msg("'%s': kind %d value %g scale %g money %d approx %d", cases[i].text,
                     a.kind, a.value, a.scale, a.money_unit, a.approx);
    }
}

/* A data directory with the figure rules of corpus/data, where file `name`
 * has `extra` after corpus/data's own records (or instead of them when
 * `replace`). */
static char *rules_dir_with(const char *name, const char *extra, int replace)
{
    static const char *const files[] = {"figures.tsv", "tables.tsv", "prose_figures.tsv",
                                        "units.tsv", "amount_words.tsv", "templates.tsv",
                                        "completeness.tsv", "place_suffixes.tsv"};
    char *dir = gk_test_mkdtemp("rules");
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len = 0;
        char *from = gk_test_join(GK_TEST_CORPUS_DIR "/data", files[i]);
        char *text = gk_test_read_file(from, &len);
        assert_non_null(text);
        gk_buf b = {0};
        if (strcmp(files[i], name) != 0 || !replace)
            gk_buf_add(&b, text, len);
        if (strcmp(files[i], name) == 0)
            gk_buf_adds(&b, extra);
        char *to = gk_test_join(dir, files[i]);
        gk_test_write_file(to, b.data, b.len);
        gk_buf_free(&b);
        free(to);
        free(text);
        free(from);
    }
    return dir;
}

/* A unit or a word added to the data files is understood: no code knows
 * them. */
static void test_units_and_words_come_from_the_data_files(void **state)
{
    fixture *f = *state;
    const char *cell = "5千元", *none = "未发生";
    /* corpus/data knows neither */
    assert_int_equal(gk_amount_read(f->rules, cell, strlen(cell)).kind, GK_AMOUNT_TEXT);
    assert_int_equal(gk_amount_read(f->rules, none, strlen(none)).kind, GK_AMOUNT_TEXT);
    char *dir = rules_dir_with("units.tsv", "千元\t1e3\tmoney\n", 0);
    char *p = gk_test_join(dir, "amount_words.tsv");
    gk_test_write_file(p, "zero\t未发生\nnote\t单位\n", strlen("zero\t未发生\nnote\t单位\n"));
    free(p);
    gk_figure_rules *grown = NULL;
    char *msg = NULL;
    if (gk_figure_rules_load(&grown, dir, &msg) != GK_OK)
        fail_msg("%s", msg);
    gk_amount a = gk_amount_read(grown, cell, strlen(cell));
    assert_int_equal(a.kind, GK_AMOUNT_NUMBER);
    assert_true(a.value == 5 && a.scale == 1e3 && a.money_unit);
    assert_int_equal(gk_amount_read(grown, none, strlen(none)).kind, GK_AMOUNT_ZERO);
    /* amount_words.tsv was replaced: 无 is no longer a word for none */
    assert_int_equal(gk_amount_read(grown, "无", strlen("无")).kind, GK_AMOUNT_TEXT);

    /* in a table: the cell, and a header's unit note */
    const char *text = HEAD "信息内容\t采购项目数量\t采购总金额（单位：千元）\n"
                            "政府集中采购\t2\t3.5\n" TAIL;
    extract(state, text);
    expect_unknown(state, "procurement_amount_yuan"); /* 千元 is no unit here */
    gk_figure_rules *own = f->rules;
    f->rules = grown;
    extract(state, text);
    expect(state, "procurement_amount_yuan", 3500);
    assert_false(fig(state, "procurement_amount_yuan")->unit_assumed);
    extract(state, HEAD "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t2\t2.3千元\n" TAIL);
    expect(state, "procurement_amount_yuan", 2300);
    assert_false(fig(state, "procurement_amount_yuan")->unit_assumed);
    gk_figures_clear(&f->figs); /* read with the rules about to go */
    f->rules = own;
    gk_figure_rules_free(grown);
    gk_test_rmtree(dir);
    free(dir);
}

/* Load figure rules from a data directory whose file `name` is `content`:
 * refused with a message naming the file, the line and `why`. */
static void expect_refused(const char *name, const char *content, gk_status want,
                           const char *where, const char *why)
{
    char *dir = rules_dir_with(name, content, 1);
    gk_figure_rules *r = NULL;
    char *msg = NULL;
    assert_int_equal(gk_figure_rules_load(&r, dir, &msg), want);
    assert_null(r);
    assert_non_null(msg);
    if (strstr(msg, where) == NULL || strstr(msg, why) == NULL)
        fail_msg("message '%s' does not say '%s' and '%s'", msg, where, why);
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_broken_units_files(void **state)
{
    (void)state;
    expect_refused("units.tsv", "元\t1\tmoney\n千元\tthousand\tmoney\n", GK_ECORRUPT,
                   "units.tsv:2", "scale must be a positive number");
    expect_refused("units.tsv", "千元\t1e3\tcurrency\n", GK_ECORRUPT, "units.tsv:1",
                   "kind must be money or count");
    expect_refused("units.tsv", "千元\t1e3\n", GK_ECORRUPT, "units.tsv:1", "3 fields");
    expect_refused("units.tsv", "元\t1\tmoney\n元\t1\tmoney\n", GK_ECORRUPT,
                   "units.tsv:2", "listed twice");
    expect_refused("amount_words.tsv", "# none\nnothing\t无\n", GK_ECORRUPT,
                   "amount_words.tsv:2", "unknown kind 'nothing' (expected zero, dash");
    expect_refused("amount_words.tsv", "zero\t\n", GK_ECORRUPT, "amount_words.tsv:1",
                   "empty word");
    /* a data directory without the file */
    char *dir = rules_dir_with("units.tsv", "", 1);
    char *p = gk_test_join(dir, "units.tsv");
    assert_int_equal(remove(p), 0);
    free(p);
    gk_figure_rules *r = NULL;
    char *msg = NULL;
    assert_int_equal(gk_figure_rules_load(&r, dir, &msg), GK_ENOTFOUND);
    assert_non_null(strstr(msg, "units.tsv"));
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
}

/* The headings that tell a structure are data: a cue added to
 * templates.tsv is understood, and a broken file is refused. */
static void test_template_cues_come_from_the_data_file(void **state)
{
    fixture *f = *state;
    const char *text = "金鸡乡2024年政府信息公开工作年度报告\n一、工作概况\n正文。\n"
                       "二、受理申请情况\n无。\n";
    expect_template(state, text, NULL);
    char *dir = rules_dir_with("templates.tsv",
                               "new\theading\t^工作概况\nnew\theading\t^受理申请\n"
                               "new\tmin\t2\n", 1);
    gk_figure_rules *grown = NULL;
    char *msg = NULL;
    if (gk_figure_rules_load(&grown, dir, &msg) != GK_OK)
        fail_msg("%s", msg);
    gk_figure_rules *own = f->rules;
    f->rules = grown;
    expect_template(state, text, "new");
    gk_figures_clear(&f->figs); /* read with the rules about to go */
    f->rules = own;
    gk_figure_rules_free(grown);
    gk_test_rmtree(dir);
    free(dir);
    expect_refused("templates.tsv", "new\tmin\tmany\n", GK_ECORRUPT, "templates.tsv:1",
                   "min 'many' is not a number");
    expect_refused("templates.tsv", "new\theading\t^概况\n", GK_ECORRUPT, "templates.tsv",
                   "template new needs headings and a min");
    expect_refused("templates.tsv", "new\tcue\t^概况\n", GK_ECORRUPT, "templates.tsv:1",
                   "unknown record 'cue'");
    expect_refused("prose_figures.tsv", "requests_new\tzero\t未收到\t依申请 公开\n", GK_ECORRUPT,
                   "prose_figures.tsv:1", "is no section id");
}

static void test_broken_rules_file(void **state)
{
    (void)state;
    char *dir = gk_test_mkdtemp("rules");
    char *p = gk_test_join(dir, "figures.tsv");
    const char *bad = "x\tslot\t20\nx\tkind\tcount\nx\tlabel\t某\n";
    gk_test_write_file(p, bad, strlen(bad));
    free(p);
    p = gk_test_join(dir, "tables.tsv");
    const char *tables = "docs\tfigure\trules\tissued\tno_such_figure\n";
    gk_test_write_file(p, tables, strlen(tables));
    free(p);
    gk_figure_rules *r = NULL;
    char *msg = NULL;
    assert_int_equal(gk_figure_rules_load(&r, dir, &msg), GK_ECORRUPT);
    assert_null(r);
    assert_non_null(strstr(msg, "tables.tsv:1"));
    assert_non_null(strstr(msg, "no_such_figure"));
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tab_rows),
        cmocka_unit_test(test_one_cell_per_line_with_blank_lines),
        cmocka_unit_test(test_one_cell_per_line_without_blank_lines),
        cmocka_unit_test(test_cell_lines_ending_in_pipes),
        cmocka_unit_test(test_pipe_rows_and_markdown),
        cmocka_unit_test(test_headers_broken_over_lines),
        cmocka_unit_test(test_stray_layout_pipes),
        cmocka_unit_test(test_one_cell_per_paragraph),
        cmocka_unit_test(test_one_cell_per_paragraph_two_blank_lines),
        cmocka_unit_test(test_header_label_over_two_cells),
        cmocka_unit_test(test_lone_pipe_line_after_every_cell),
        cmocka_unit_test(test_lone_pipe_lines_are_blank_cells),
        cmocka_unit_test(test_truncated_and_missing_header_labels),
        cmocka_unit_test(test_html_table_with_colspan),
        cmocka_unit_test(test_html_requests_table_with_rowspan),
        cmocka_unit_test(test_2021_template),
        cmocka_unit_test(test_completeness_and_deadline_2019),
        cmocka_unit_test(test_completeness_before_2019),
        cmocka_unit_test(test_2021_headers_cut_short),
        cmocka_unit_test(test_2022_report_on_the_old_table),
        cmocka_unit_test(test_money_without_a_unit_is_unknown),
        cmocka_unit_test(test_missing_tables_are_unknown_not_zero),
        cmocka_unit_test(test_template_from_the_headings),
        cmocka_unit_test(test_requests_balance_ok),
        cmocka_unit_test(test_requests_balance_mismatch),
        cmocka_unit_test(test_applicant_columns_mismatch),
        cmocka_unit_test(test_blank_requests_table_is_incomplete),
        cmocka_unit_test(test_total_pushed_right_by_merged_cells),
        cmocka_unit_test(test_blank_total_after_merged_label_cells),
        cmocka_unit_test(test_review_total_mismatch_and_missing_total),
        cmocka_unit_test(test_prose_figures),
        cmocka_unit_test(test_prose_zero_and_masked),
        cmocka_unit_test(test_prose_forms_of_real_reports),
        cmocka_unit_test(test_prose_numbers_stay_in_their_clause),
        cmocka_unit_test(test_prose_parts_and_nones),
        cmocka_unit_test(test_prose_forms_of_fresh_reports),
        cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_units_and_words_come_from_the_data_files),
        cmocka_unit_test(test_broken_units_files),
        cmocka_unit_test(test_template_cues_come_from_the_data_file),
        cmocka_unit_test(test_broken_rules_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
