/* test_cli_complete.c - end to end: what the law requires of a report
 * (docs/COMPLETENESS.md): completeness and the parts missing, the date it
 * gives, and the deadline, as fields, facets, --figures columns and
 * --show.
 *
 * Five reports written for this test in the forms of published ones (our
 * own words and figures), and what a reader finds in them:
 *   a 东沟镇 2021: page header 发布时间 in full-width digits, six parts, the
 *     three 2021 tables, 绩效考核 and 责任追究 named, signed 二〇二二年一月二十日
 *     under the body: complete; signed 2022-01-20 (the signature, not the
 *     header's 01-24); a township government, due 2022-03-31: on_time
 *   b 泾源县住房和城乡建设局 2022: six parts in prose, no tables; body and
 *     date on one line, 2023年2月10日: missing the three tables; a
 *     department, due 2023-01-31: late
 *   c 城关街道办事处 2020: no part 五, no tables, no date anywhere:
 *     missing problems and the tables; deadline unknown (due 2021-03-31)
 *   d 新集乡 2015 (old template): no 收费 part; signed 2016年4月5日;
 *     every body due 2016-03-31: late
 *   e 河西街道办事处 2022: six parts, no tables, no signature; the page's
 *     发布日期 ２０２３－０１－１６ (full-width): signed 2023-01-16; a street
 *     office, due 2023-03-31: on_time
 * The corpus's 布海镇 2020 (corpus/003_…) has its six parts and tables, no
 * 考核, 评议 or 追究 result and no date: incomplete, missing assessment. */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const struct {
    const char *file;
    const char *text;
} fixtures[] = {
    {"a_town_2021.txt",
     "当前位置：首页 > 政务公开 > 政府信息公开年报\n"
     "索引号：11640424/2022-00007 | 发布机构：东沟镇 | 发布时间：２０２２年０１月２４日\n"
     "东沟镇人民政府2021年政府信息公开工作年度报告\n"
     "本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为2021年1月1日至2021年12月31日。\n"
     "一、总体情况\n"
     "2021年，东沟镇把政务公开列入全镇重点工作，明确党政办专人负责。本年度政府信息公开工作纳入镇年度绩效考核，未发生责任追究情形。\n"
     "二、主动公开政府信息情况\n"
     "第二十条第（一）项\n"
     "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
     "规章\t0\t0\t0\n"
     "行政规范性文件\t1\t0\t3\n"
     "三、收到和处理政府信息公开申请情况\n"
     "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
     "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n"
     "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
     "四、政府信息公开行政复议、行政诉讼情况\n"
     "行政复议\t\t\t\t\t行政诉讼\n"
     "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
     "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
     "五、存在的主要问题及改进情况\n"
     "部分栏目更新滞后，工作人员业务不熟。下一步将加强培训。\n"
     "六、其他需要报告的事项\n"
     "本年度未收取信息处理费。\n"
     "\n"
     "东沟镇人民政府\n"
     "二〇二二年一月二十日\n"},
    {"b_dept_2022.txt",
     "泾源县住房和城乡建设局2022年政府信息公开工作年度报告\n"
     "一、总体情况\n"
     "2022年，我局围绕住房保障、城市建设等重点领域推进信息公开。\n"
     "二、主动公开政府信息情况\n"
     "全年通过县政府网站发布信息86条。\n"
     "三、收到和处理政府信息公开申请情况\n"
     "全年共收到政府信息公开申请0件。\n"
     "四、政府信息公开行政复议、行政诉讼情况\n"
     "全年未发生因政府信息公开引起的行政复议、行政诉讼。\n"
     "五、存在的主要问题及改进情况\n"
     "公开内容不够全面。下一步将细化公开目录。\n"
     "六、其他需要报告的事项\n"
     "无。\n"
     "泾源县住房和城乡建设局　2023年2月10日\n"},
    {"c_street_2020.txt",
     "城关街道办事处2020年政府信息公开工作年度报告\n"
     "一、总体情况\n"
     "2020年，城关街道落实政务公开各项要求，公开栏目运行平稳。\n"
     "二、主动公开政府信息情况\n"
     "本年度主动公开信息45条。\n"
     "三、收到和处理政府信息公开申请情况\n"
     "本年度未收到政府信息公开申请。\n"
     "四、政府信息公开行政复议、行政诉讼情况\n"
     "本年度无行政复议、行政诉讼。\n"
     "六、其他需要报告的事项\n"
     "无其他需要报告的事项。\n"},
    {"d_township_2015.txt",
     "2015年新集乡政府信息公开工作年度报告\n"
     "一、概述\n"
     "2015年，新集乡按照县政府部署开展政府信息公开工作。\n"
     "二、主动公开政府信息情况\n"
     "全年主动公开政府信息38条。\n"
     "三、依申请公开政府信息情况\n"
     "全年未收到依申请公开。\n"
     "四、因政府信息公开申请行政复议、提起行政诉讼的情况\n"
     "未发生。\n"
     "五、政府信息公开工作存在的主要问题及改进措施\n"
     "宣传力度不够，群众知晓率不高。\n"
     "六、其他需要报告的事项\n"
     "无。\n"
     "新集乡人民政府\n"
     "2016年4月5日\n"},
    {"e_street_2022.txt",
     "首页 > 信息公开 > 年度报告\n"
     "发布机构：河西街道　发布日期：２０２３－０１－１６　浏览次数：\n"
     "河西街道办事处2022年政府信息公开工作年度报告\n"
     "一、总体情况\n"
     "2022年，河西街道把政务公开与基层治理结合推进。\n"
     "二、主动公开政府信息情况\n"
     "全年主动公开信息52条。\n"
     "三、收到和处理政府信息公开申请情况\n"
     "全年未收到申请。\n"
     "四、政府信息公开行政复议、行政诉讼情况\n"
     "未发生。\n"
     "五、存在的主要问题及改进情况\n"
     "信息更新不及时。\n"
     "六、其他需要报告的事项\n"
     "无。\n"}
};
#define NFIXTURES (sizeof fixtures / sizeof fixtures[0])

/* What a reader finds in each (the comment above). */
static const struct {
    const char *file;
    const char *completeness, *missing, *signed_date, *deadline, *body_class, *due;
} truth[] = {
    {"a_town_2021.txt", "complete", "", "2022-01-20", "on_time", "government", "2022-03-31"},
    {"b_dept_2022.txt", "incomplete", "proactive_table,requests_table,review_table",
     "2023-02-10", "late", "department", "2023-01-31"},
    {"c_street_2020.txt", "incomplete", "problems,proactive_table,requests_table,review_table",
     NULL, "unknown", "street", "2021-03-31"},
    {"d_township_2015.txt", "incomplete", "fees", "2016-04-05", "late", "government",
     "2016-03-31"},
    {"e_street_2022.txt", "incomplete", "proactive_table,requests_table,review_table",
     "2023-01-16", "on_time", "street", "2023-03-31"},
    {"003_09235f57ffce7de4.txt", "incomplete", "assessment", NULL, "unknown", "government",
     "2021-03-31"},
};
#define NTRUTH (sizeof truth / sizeof truth[0])

static int setup(void **state)
{
    gk_cli_setup(state);
    gk_cli *cli = *state;
    for (size_t k = 0; k < NFIXTURES; k++) {
        char *p = gk_test_join(cli->in, fixtures[k].file);
        gk_test_write_file(p, fixtures[k].text, strlen(fixtures[k].text));
        free(p);
    }
    char *corpus = gk_test_join(GK_TEST_CORPUS_DIR, "003_09235f57ffce7de4.txt");
    gk_test_run_result r;
    gk_cli_index(&r, cli->db, cli->in, corpus, NULL);
    if (r.status != 0)
        fail_msg("gongkai-index failed (%d): %s", r.status, r.err);
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
    free(corpus);
    return 0;
}

#define Q(want, ...) \
    gk_cli_query_json(((gk_cli *)*state)->db, (want), GK_CLI_ARGS("--json", __VA_ARGS__))

static int truth_of(const char *path)
{
    for (size_t k = 0; k < NTRUTH; k++)
        if (path != NULL && gk_test_ends_with(path, truth[k].file))
            return (int)k;
    return -1;
}

/* A JSON string or null as the truth's string or NULL. */
static void expect_text(const json_t *v, const char *want, const char *what, const char *file)
{
    const char *got = json_string_value(v);
    if (want == NULL ? !json_is_null(v) : got == NULL || strcmp(got, want) != 0)
        fail_msg("%s: %s is %s, expected %s", file, what, got ? got : "null",
                 want ? want : "null");
}

static char *joined(const json_t *array)
{
    size_t len = 0, i;
    json_t *v;
    json_array_foreach(array, i, v) len += strlen(json_string_value(v)) + 1;
    char *s = calloc(1, len + 1);
    assert_non_null(s);
    json_array_foreach(array, i, v)
    {
        if (i > 0)
            strcat(s, ",");
        strcat(s, json_string_value(v));
    }
    return s;
}

/* The four fields of a --figures row or a hit as its report's truth
 * says. */
static void expect_as_read(const json_t *o)
{
    int k = truth_of(gk_cli_str(o, "path"));
    assert_true(k >= 0);
    const char *file = truth[k].file;
    expect_text(json_object_get(o, "completeness"), truth[k].completeness, "completeness",
                file);
    char *missing = joined(json_object_get(o, "missing"));
    if (strcmp(missing, truth[k].missing) != 0)
        fail_msg("%s: missing %s, expected %s", file, missing, truth[k].missing);
    free(missing);
    expect_text(json_object_get(o, "signed"), truth[k].signed_date, "signed", file);
    expect_text(json_object_get(o, "deadline"), truth[k].deadline, "deadline", file);
}

/* --figures --format json: the four columns of every report as read. */
static void test_figures_columns(void **state)
{
    gk_cli *cli = *state;
    json_t *rows = gk_cli_query_json(cli->db, 0, GK_CLI_ARGS("--figures", "--format", "json"));
    assert_int_equal(json_array_size(rows), NTRUTH);
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        expect_as_read(row);
    }
    json_decref(rows);
    /* CSV: the same four columns after consistency, missing joined by commas */
    gk_test_run_result r;
    gk_cli_query(&r, cli->db, "--figures", "deadline:late", "missing:fees", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, ",consistency,completeness,missing,signed,deadline,"));
    assert_non_null(strstr(r.out, ",incomplete,fees,2016-04-05,late,"));
    assert_int_equal(gk_test_count_lines(r.out), 2);
    gk_test_run_clear(&r);
}

/* --by report --json hits carry the same four, as read. */
static void test_report_hits(void **state)
{
    gk_cli *cli = *state;
    json_t *lines = gk_cli_query_json(cli->db, 0, GK_CLI_ARGS("--json", "--by", "report",
                                                              "-n", "50", "kind:report"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), NTRUTH);
    size_t i;
    json_t *hit;
    json_array_foreach(hits, i, hit)
    {
        expect_as_read(hit);
    }
    json_decref(hits);
    json_decref(lines);
}

/* The record of --show --json carries the class and the due date too, and
 * the text --show says it all on one line. */
static void test_show(void **state)
{
    gk_cli *cli = *state;
    for (size_t k = 0; k < NTRUTH; k++) {
        char *path = k + 1 < NTRUTH ? gk_test_join(cli->in, truth[k].file)
                                    : gk_test_join(GK_TEST_CORPUS_DIR, truth[k].file);
        json_t *lines = gk_cli_query_json(cli->db, 0, GK_CLI_ARGS("--show", path, "--json"));
        json_t *rec = json_array_get(lines, 0);
        assert_non_null(rec);
        expect_text(json_object_get(rec, "body_class"), truth[k].body_class, "body_class",
                    truth[k].file);
        expect_text(json_object_get(rec, "due"), truth[k].due, "due", truth[k].file);
        expect_text(json_object_get(rec, "signed"), truth[k].signed_date, "signed",
                    truth[k].file);
        json_decref(lines);
        free(path);
    }
    char *a = gk_test_join(cli->in, "a_town_2021.txt");
    gk_test_run_result r;
    gk_cli_query(&r, cli->db, "--show", a, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "  completeness: complete · signed: 2022-01-20 · deadline: "
                                  "on_time (due 2022-03-31, government)\n"));
    gk_test_run_clear(&r);
    free(a);
    char *c = gk_test_join(cli->in, "c_street_2020.txt");
    gk_cli_query(&r, cli->db, "--show", c, NULL);
    assert_non_null(strstr(r.out, "  completeness: incomplete (missing: problems, "
                                  "proactive_table, requests_table, review_table) · signed: "
                                  "none given · deadline: unknown (due 2021-03-31, street)\n"));
    gk_test_run_clear(&r);
    free(c);
}

static size_t hits(void **state, const char *query)
{
    json_t *lines = Q(GK_CLI_0_OR_1, "--by", "report", "-n", "50", query);
    size_t n = 0, i;
    json_t *l;
    json_array_foreach(lines, i, l) n += strcmp(gk_cli_str(l, "type"), "hit") == 0;
    json_decref(lines);
    return n;
}

/* The fields, by their names and their Chinese names; signed as dates and
 * ranges of dates. */
static void test_fields(void **state)
{
    assert_int_equal(hits(state, "completeness:complete"), 1);     /* a */
    assert_int_equal(hits(state, "完整性:不完整"), 5);
    assert_int_equal(hits(state, "missing:assessment"), 1);        /* 布海镇 */
    assert_int_equal(hits(state, "缺少:收费"), 1);                 /* d */
    assert_int_equal(hits(state, "missing:review_table"), 3);      /* b c e */
    assert_int_equal(hits(state, "deadline:late"), 2);             /* b d */
    assert_int_equal(hits(state, "期限:按时"), 2);                 /* a e */
    assert_int_equal(hits(state, "deadline:unknown"), 2);          /* c 布海镇 */
    assert_int_equal(hits(state, "signed:2022-01-20"), 1);         /* a */
    assert_int_equal(hits(state, "signed:2023-01-01..2023-12-31"), 2); /* b e */
    assert_int_equal(hits(state, "signed>2023-01-31"), 1);         /* b */
    assert_int_equal(hits(state, "signed:..2016-12-31"), 1);       /* d */
    /* wrong values name the right ones */
    gk_test_run_result r;
    gk_cli_query(&r, ((gk_cli *)*state)->db, "deadline:soon", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "deadline: at character 1 expects on_time, late or unknown"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, ((gk_cli *)*state)->db, "signed:2022-02-30", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "a date such as 2022-01-20"));
    gk_test_run_clear(&r);
}

/* The facets count reports; missing counts each part once per report. */
static void test_facets(void **state)
{
    json_t *lines = Q(0, "-n", "0", "--facet", "completeness,deadline,missing");
    json_t *facets = gk_cli_of_type(lines, "facet");
    assert_int_equal(json_array_size(facets), 3);
    static const struct {
        const char *field, *value;
        long count;
    } want[] = {
        {"completeness", "incomplete", 5}, {"completeness", "complete", 1},
        {"deadline", "late", 2},           {"deadline", "on_time", 2},
        {"deadline", "unknown", 2},        {"missing", "review_table", 3},
        {"missing", "proactive_table", 3}, {"missing", "problems", 1},
        {"missing", "fees", 1},            {"missing", "assessment", 1},
    };
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
        long got = -1;
        size_t i, j;
        json_t *f, *c;
        json_array_foreach(facets, i, f)
        {
            if (strcmp(gk_cli_str(f, "field"), want[w].field) != 0)
                continue;
            json_array_foreach(json_object_get(f, "counts"), j, c)
            if (strcmp(gk_cli_str(c, "value"), want[w].value) == 0)
                got = (long)json_integer_value(json_object_get(c, "count"));
        }
        if (got != want[w].count)
            fail_msg("%s %s: %ld, expected %ld", want[w].field, want[w].value, got,
                     want[w].count);
    }
    json_decref(facets);
    json_decref(lines);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_columns),
        cmocka_unit_test(test_report_hits),
        cmocka_unit_test(test_show),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_facets),
    };
    return cmocka_run_group_tests(tests, setup, gk_cli_teardown);
}
