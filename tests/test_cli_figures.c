/* test_cli_figures.c - end to end: the figures of the five reports in
 * corpus/, range filters, sorting and the figure table.  Every expected
 * figure below was read from the report by a person:
 *   000 曲峨镇 2020: tables of the 2019 template; procurement 1 item for
 *       "0.65 万元"; the requests table has zeros in five applicant columns
 *       but its 总计 and every result row are blank, so none of the
 *       requests figures is known and the arithmetic cannot be checked;
 *       "2020年我镇主动公开政府信息62条".
 *   001 柳泉镇 2021: 2021 template, all zeros (fees 0 万元, no procurement
 *       row); "全镇累计主动公开政府信息599条（件）".
 *   002 白阳镇 2020: 2019 template, procurement 1 for 54369 元 (header
 *       "采购总金额（元）"); the requests table has only its 总计 column,
 *       all 0; "共公开各类信息3340条".
 *   003 布海镇 2020: 2019 template, procurement 1 for "180万元"; requests
 *       all 0; "政府信息公开发布总数量（非新闻类、消息类）：2".
 *   004 峰灵镇 2023: 2021 template, all zeros; "主动在政府网上公开信息96条". */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define U (-1.0) /* unknown */

static const char *const figure_ids[] = {
    "proactive_items", "normative_docs_issued", "normative_docs_repealed",
    "normative_docs_in_force", "rules_issued", "rules_in_force",
    "licensing_decisions", "penalty_decisions", "enforcement_decisions",
    "fees_amount_yuan", "procurement_count", "procurement_amount_yuan",
    "requests_new", "requests_carried_over", "requests_granted",
    "requests_partial", "requests_handled_total", "requests_carried_forward",
    "reviews_total", "reviews_corrected", "lawsuits_total", "lawsuits_corrected"};
#define NFIGURES (sizeof figure_ids / sizeof figure_ids[0])

static const struct {
    const char *file;
    const char *template_version;
    const char *consistency;
    double figures[NFIGURES];
} corpus[] = {
    {"000_925b706919d91c02.txt", "2019", "incomplete",
     {62, 0, U, 0, 0, 0, 0, 0, 0, U, 1, 6500, U, U, U, U, U, U, 0, 0, 0, 0}},
    {"001_74cc16f0ef581249.txt", "2021", "ok",
     {599, 0, 0, 0, 0, 0, 0, 0, 0, 0, U, U, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"002_c7f4534a7f0d64bb.txt", "2019", "ok",
     {3340, 0, U, 0, 0, 0, 0, 0, 0, U, 1, 54369, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"003_09235f57ffce7de4.txt", "2019", "ok",
     {2, 0, U, 0, 0, 0, 0, 0, 0, U, 1, 1800000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"004_999193c3277cf575.txt", "2021", "ok",
     {96, 0, 0, 0, 0, 0, 0, 0, 0, 0, U, U, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
};
#define NREPORTS (sizeof corpus / sizeof corpus[0])

/* Which corpus report a path is, or -1. */
static int report_of(const char *path)
{
    for (size_t k = 0; k < NREPORTS; k++)
        if (gk_test_ends_with(path, corpus[k].file))
            return (int)k;
    return -1;
}

/* Run gongkai-query -d DB ARGS...; returns the result (caller clears). */
static gk_test_run_result run_query(void **state, const char *const *args)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_run(&r, GK_TEST_QUERY_BIN, f->db, args, NULL);
    return r;
}

/* The reports (corpus indexes) of gongkai-query -d DB ARGS... (a --json
 * --by report query) are `want`, in order, as a string of digits ("3 2
 * 0"), and the exit code says whether anything was found. */
static void expect_order(void **state, const char *want, const char *const *args)
{
    gk_test_run_result r = run_query(state, args);
    char got[64] = "";
    json_t *lines = gk_cli_json_lines(r.out);
    size_t i;
    json_t *j;
    json_array_foreach(lines, i, j) {
        json_t *p = json_object_get(j, "path");
        if (p != NULL) {
            char d[8];
            snprintf(d, sizeof d, "%s%d", got[0] ? " " : "", report_of(json_string_value(p)));
            strcat(got, d);
        }
    }
    json_decref(lines);
    if (strcmp(got, want) != 0)
        fail_msg("%s ...: reports '%s', expected '%s' (stderr: %s)", args[5], got, want, r.err);
    assert_int_equal(r.status, want[0] ? 0 : 1);
    gk_test_run_clear(&r);
}

#define ORDER(want, ...) \
    expect_order(state, want, GK_CLI_ARGS("--json", "--by", "report", "-n", "100", __VA_ARGS__))

static void test_every_figure_of_every_report(void **state)
{
    const char *args[] = {"--figures", "--format", "json", NULL};
    gk_test_run_result r = run_query(state, args);
    assert_int_equal(r.status, 0);
    size_t seen = 0, line;
    json_t *lines = gk_cli_json_lines(r.out), *j;
    json_array_foreach(lines, line, j) {
        assert_string_equal(gk_cli_str(j, "type"), "figures");
        int k = report_of(gk_cli_str(j, "path"));
        assert_true(k >= 0);
        seen++;
        assert_string_equal(gk_cli_str(j, "template"), corpus[k].template_version);
        assert_string_equal(gk_cli_str(j, "consistency"), corpus[k].consistency);
        json_t *figs = json_object_get(j, "figures");
        assert_int_equal(json_object_size(figs), NFIGURES);
        for (size_t i = 0; i < NFIGURES; i++) {
            json_t *v = json_object_get(figs, figure_ids[i]);
            assert_non_null(v);
            double want = corpus[k].figures[i];
            if (want == U) {
                if (!json_is_null(v))
                    fail_msg("%s %s: %g, expected unknown", corpus[k].file, figure_ids[i],
                             json_number_value(v));
            } else if (!json_is_number(v) || json_number_value(v) != want) {
                fail_msg("%s %s: %s, expected %g", corpus[k].file, figure_ids[i],
                         json_is_null(v) ? "unknown" : "another number", want);
            }
        }
    }
    json_decref(lines);
    assert_int_equal(seen, NREPORTS);
    gk_test_run_clear(&r);
}

/* The place columns: the issuing body each report names (峰灵镇 of 巫溪县,
 * 白阳镇 of 彭阳县, 布海镇 of 德惠市; 曲峨镇 alone, one of its name in the
 * division list, 大宁县; 柳泉镇 alone, four of its name) looked up by hand
 * in corpus/data/divisions/streets.csv and areas.csv. */
static void test_figure_table_places(void **state)
{
    static const struct {
        const char *township, *county, *city, *province, *code, *status;
    } want[NREPORTS] = {
        {"曲峨镇", "大宁县", "临汾市", "山西省", "141030101", "resolved"},
        {"柳泉镇", "", "", "", NULL, "ambiguous"},
        {"白阳镇", "彭阳县", "固原市", "宁夏回族自治区", "640425100", "resolved"},
        {"布海镇", "德惠市", "长春市", "吉林省", "220183107", "resolved"},
        {"峰灵镇", "巫溪县", "重庆市", "重庆市", "500238110", "resolved"},
    };
    const char *args[] = {"--figures", "--format", "json", NULL};
    gk_test_run_result r = run_query(state, args);
    assert_int_equal(r.status, 0);
    size_t line, seen = 0;
    json_t *lines = gk_cli_json_lines(r.out), *j;
    json_array_foreach(lines, line, j) {
        int k = report_of(gk_cli_str(j, "path"));
        assert_true(k >= 0);
        seen++;
        assert_string_equal(gk_cli_str(j, "township"), want[k].township);
        assert_string_equal(gk_cli_str(j, "county"), want[k].county);
        assert_string_equal(gk_cli_str(j, "city"), want[k].city);
        assert_string_equal(gk_cli_str(j, "province"), want[k].province);
        assert_string_equal(gk_cli_str(j, "place_status"), want[k].status);
        if (want[k].code == NULL)
            assert_true(json_is_null(json_object_get(j, "place_code")));
        else
            assert_string_equal(gk_cli_str(j, "place_code"), want[k].code);
    }
    json_decref(lines);
    assert_int_equal(seen, NREPORTS);
    gk_test_run_clear(&r);
}

static void test_range_filters(void **state)
{
    ORDER("2 3", "procurement_amount_yuan:10000..2000000", "--sort", "procurement_amount_yuan");
    ORDER("2 3", "采购金额:1万..200万", "--sort", "采购金额");
    ORDER("0", "procurement_amount_yuan:..10000");
    ORDER("0 2 3", "procurement_count>=1", "--sort", "procurement_amount_yuan");
    ORDER("", "requests_new:5..");
    /* unknown is not 0: 曲峨镇's blank requests table matches neither */
    ORDER("3 4 1 2", "requests_new=0", "--sort", "proactive_items");
    ORDER("", "requests_new>0");
    ORDER("0", "NOT", "requests_new:0..", "year:2020", "--sort", "proactive_items");
    ORDER("1 2", "主动公开:100..", "--sort", "proactive_items");
    /* figures and text together */
    ORDER("3", "采购金额:100万..", "存在的主要问题");
}

static void test_consistency_and_template(void **state)
{
    ORDER("0", "consistency:incomplete");
    ORDER("3 4 1 2", "consistency:ok", "--sort", "proactive_items");
    ORDER("4 1", "template:2021", "--sort", "proactive_items");
    ORDER("3 0 2", "模板:2019", "--sort", "proactive_items");
}

static void test_sorting(void **state)
{
    ORDER("3 0 4 1 2", "--sort", "proactive_items");
    ORDER("2 1 4 0 3", "--sort", "-proactive_items");
    ORDER("2 1 4 0 3", "--sort", "proactive_items", "--reverse");
    /* reports with no procurement figure come last both ways, in the
     * order of their report ids (which hash this run's paths), the same
     * both ways */
    gk_test_run_result r = run_query(
        state, GK_CLI_ARGS("--json", "--by", "report", "-n", "1", "--offset", "3", "--sort",
                           "procurement_amount_yuan"));
    int one_first = strstr(r.out, corpus[1].file) != NULL;
    gk_test_run_clear(&r);
    expect_order(state, one_first ? "0 2 3 1 4" : "0 2 3 4 1",
                    GK_CLI_ARGS("--json", "--by", "report", "-n", "100", "--sort",
                                "procurement_amount_yuan"));
    expect_order(state, one_first ? "3 2 0 1 4" : "3 2 0 4 1",
                    GK_CLI_ARGS("--json", "--by", "report", "-n", "100", "--sort",
                                "-procurement_amount_yuan"));
}

static void test_figure_table_csv(void **state)
{
    const char *args[] = {"--figures", "--sort", "proactive_items", NULL};
    gk_test_run_result r = run_query(state, args);
    assert_int_equal(r.status, 0);
    assert_int_equal(gk_test_count_lines(r.out), 1 + NREPORTS);
    char *header = strtok(r.out, "\n");
    static const char want[] = "report_id,path,title,township,county,city,province,"
                               "place_code,place_status,year,template,consistency,"
                               "completeness,missing,signed,deadline,proactive_items,";
    assert_true(strncmp(header, want, sizeof want - 1) == 0);
    assert_true(gk_test_ends_with(
        header, ",notes,continuity,previous_requests_carried_forward,copied,copied_from"));
    /* first row: 布海镇 (2 items): procurement 1800000, requests 0 */
    char *row = strtok(NULL, "\n");
    /* its six parts and tables are there, no statement of 考核, 评议 or
     * 追究 results (art. 50), no date at its end */
    assert_non_null(strstr(row, "布海镇,德惠市,长春市,吉林省,220183107,resolved,2020,2019,ok,"
                                "incomplete,assessment,,unknown,2,"));
    assert_non_null(strstr(row, ",1,1800000,0,0,0,0,0,0,"));
    /* 曲峨镇 (62; county from the division list): requests unknown, so empty
     * cells, not zeros */
    row = strtok(NULL, "\n");
    assert_non_null(
        strstr(row, "曲峨镇,大宁县,临汾市,山西省,141030101,resolved,2020,2019,incomplete,"
                    "incomplete,assessment,,unknown,62,"));
    assert_non_null(strstr(row, ",1,6500,,,,,,,0,0,0,0,"));
    gk_test_run_clear(&r);
}

static void test_figure_table_tsv_and_errors(void **state)
{
    const char *tsv[] = {"--figures", "--format", "tsv", "township:柳泉镇", NULL};
    gk_test_run_result r = run_query(state, tsv);
    assert_int_equal(r.status, 0);
    assert_int_equal(gk_test_count_lines(r.out), 2);
    /* four 柳泉镇 in the division list and no county named: no place */
    assert_non_null(strstr(r.out, "\t柳泉镇\t\t\t\t\tambiguous\t2021\t2021\tok\t"
                                  "incomplete\tassessment\t\tunknown\t599\t"));
    gk_test_run_clear(&r);
    const char *none[] = {"--figures", "量子计算机", NULL};
    r = run_query(state, none);
    assert_int_equal(r.status, 1);
    assert_int_equal(gk_test_count_lines(r.out), 1); /* the header only */
    gk_test_run_clear(&r);
    const char *bad_sort[] = {"--sort", "nosuchfigure", "公开", NULL};
    r = run_query(state, bad_sort);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--sort: 'nosuchfigure'"));
    gk_test_run_clear(&r);
    const char *bad_format[] = {"--figures", "--format", "xml", NULL};
    r = run_query(state, bad_format);
    assert_int_equal(r.status, 2);
    gk_test_run_clear(&r);
    /* facets are not a column of the table: said, not dropped silently */
    const char *with_facet[] = {"--figures", "--facet", "year", "kind:report", NULL};
    r = run_query(state, with_facet);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "--facet"));
    assert_string_equal(r.out, "");
    gk_test_run_clear(&r);
    const char *bad_range[] = {"requests_new:9..1", NULL};
    r = run_query(state, bad_range);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    gk_test_run_clear(&r);
}

static void test_sorted_figure_shown_in_text(void **state)
{
    const char *args[] = {"--by", "report", "--sort", "-procurement_amount_yuan", "-n", "1", NULL};
    gk_test_run_result r = run_query(state, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "政府集中采购总金额(元): 1800000"));
    gk_test_run_clear(&r);
}

/* Money written in 万元 with decimals comes out in 元 exactly, in JSON as
 * in CSV: tests/real's c08 writes 87.3615万元 in the procurement cell (its
 * truth: 873615 元), which the product in binary makes 873615.00000000012. */
static void test_money_in_json_is_exact(void **state)
{
    (void)state;
    gk_cli f;
    gk_cli_init(&f);
    free(gk_test_put_copy(f.in, "c08.txt", GK_TEST_CORPUS_DIR
                          "/../tests/real/reports/c08_lone_pipe_lines_procurement_wanyuan_cell.txt"));
    gk_test_run_result r;
    gk_cli_index(&r, f.db, "-q", f.in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    json_t *lines = gk_cli_query_json(f.db, 0, GK_CLI_ARGS("--figures", "--format", "json"));
    json_t *rows = gk_cli_of_type(lines, "figures");
    assert_int_equal(json_array_size(rows), 1);
    json_t *v = json_object_get(json_object_get(json_array_get(rows, 0), "figures"),
                                "procurement_amount_yuan");
    assert_true(json_is_integer(v));
    assert_int_equal(json_integer_value(v), 873615);
    json_decref(rows);
    json_decref(lines);
    gk_cli_clear(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_figure_of_every_report),
        cmocka_unit_test(test_figure_table_places),
        cmocka_unit_test(test_range_filters),
        cmocka_unit_test(test_consistency_and_template),
        cmocka_unit_test(test_sorting),
        cmocka_unit_test(test_figure_table_csv),
        cmocka_unit_test(test_figure_table_tsv_and_errors),
        cmocka_unit_test(test_sorted_figure_shown_in_text),
        cmocka_unit_test(test_money_in_json_is_exact),
    };
    return cmocka_run_group_tests(tests, gk_cli_corpus_setup, gk_cli_teardown);
}
