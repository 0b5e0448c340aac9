/* test_cli_totals.c - end to end: --sum and --avg, a figure added up by
 * facet value, exactly, with blank figures unknown (never 0).  Every
 * expected value was read from the reports by a person:
 *   corpus (see test_cli_figures.c): procurement_amount_yuan 000 曲峨镇
 *       (大宁县, 2020) "0.65 万元" = 6500 元, 002 白阳镇 (彭阳县, 2020)
 *       54369 元, 003 布海镇 (德惠市, 2020) "180万元" = 1800000 元; 001
 *       柳泉镇 2021 and 004 峰灵镇 2023 have no procurement row (unknown).
 *       fees_amount_yuan 0 in 001 and 004 (the 2021 table's 行政事业性收费
 *       row), unknown in 000, 002, 003.  requests_new 0 in 001-004; in 000
 *       the requests table's 总计 and result rows are blank: unknown.
 *   two reports written here from 001, about 2022: a.txt whose
 *       行政事业性收费 cell (header "单位：万元，保留4位小数") says 1.2345,
 *       that is 12345 元; b.txt whose cell is blank (unknown).
 * So for fees: 7 reports, 3 known (001, 004, a), sum 12345, mean 4115.00;
 * procurement: 3 known, sum 1860869, mean 620289.666... = 620289.67. */
#define _GNU_SOURCE
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s with its one `from` replaced by `to`; fails the test unless s holds
 * from once.  malloc'd. */
static char *replace_once(const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    assert_non_null(p);
    assert_null(strstr(p + 1, from));
    char *out;
    assert_true(asprintf(&out, "%.*s%s%s", (int)(p - s), s, to, p + strlen(from)) > 0);
    return out;
}

/* The corpus and the two 2022 reports, indexed into one database. */
static int totals_setup(void **state)
{
    gk_cli_setup(state);
    gk_cli *cli = *state;
    size_t len;
    char *src = gk_test_read_file(GK_TEST_REPORT_001, &len);
    assert_non_null(src);
    static const char *const fees[] = {"1.2345", ""};
    static const char *const names[] = {"a.txt", "b.txt"};
    for (int k = 0; k < 2; k++) {
        char *dated = replace_once(src, "柳泉镇人民政府2021年", "柳泉镇人民政府2022年");
        char cell[64];
        snprintf(cell, sizeof cell, "行政事业性收费\t%s", fees[k]);
        char *text = replace_once(dated, "行政事业性收费\t0", cell);
        char *path;
        assert_true(asprintf(&path, "%s/%s", cli->in, names[k]) > 0);
        gk_test_write_file(path, text, strlen(text));
        free(path);
        free(text);
        free(dated);
    }
    free(src);
    gk_test_run_result r;
    gk_cli_index(&r, cli->db, GK_TEST_CORPUS_DIR, cli->in, NULL);
    if (r.status != 0)
        fail_msg("gongkai-index failed (%d): %s", r.status, r.err);
    assert_non_null(strstr(r.out, "7 reports"));
    gk_test_run_clear(&r);
    return 0;
}

/* gongkai-query -d DB ARGS...; its exit status (r to clear). */
static int query(void **state, gk_test_run_result *r, const char *const *args)
{
    gk_cli *f = *state;
    gk_cli_run(r, GK_TEST_QUERY_BIN, f->db, args, NULL);
    return r->status;
}

/* The output of a query that must exit 0 with nothing on stderr; malloc'd. */
static char *output_of(void **state, const char *const *args)
{
    gk_test_run_result r;
    int status = query(state, &r, args);
    if (status != 0 || r.err[0] != '\0')
        fail_msg("%s %s: exit %d, stderr %s", args[0], args[1], status, r.err);
    char *out = strdup(r.out);
    gk_test_run_clear(&r);
    return out;
}

/* out holds the line `line` whole. */
static void expect_line(const char *out, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = strstr(out, line); p != NULL; p = strstr(p + 1, line))
        if ((p == out || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return;
    fail_msg("no line '%s' in:\n%s", line, out);
}

/* Money given in 万元 summed in 元, by year: CSV with its header. */
static void test_sum_by_facet_csv(void **state)
{
    char *out = output_of(state, GK_CLI_ARGS("--facet", "year", "--sum",
                                             "procurement_amount_yuan", "--format", "csv"));
    assert_int_equal(strncmp(out, "field,value,count,known,figure,unit,sum\n",
                             strlen("field,value,count,known,figure,unit,sum\n")),
                     0);
    expect_line(out, "year,2020,3,3,procurement_amount_yuan,yuan,1860869");
    /* the 2021 and 2023 reports have no procurement: unknown, no sum */
    expect_line(out, "year,2021,1,0,procurement_amount_yuan,yuan,");
    expect_line(out, "year,2022,2,0,procurement_amount_yuan,yuan,");
    expect_line(out, "year,2023,1,0,procurement_amount_yuan,yuan,");
    expect_line(out, "year,,0,0,procurement_amount_yuan,yuan,");
    assert_int_equal(gk_test_count_lines(out), 6);
    free(out);

    /* 1.2345 万元 is 12345 元; the blank cell of b.txt is unknown */
    out = output_of(state, GK_CLI_ARGS("--facet", "年份", "--sum", "fees_amount_yuan",
                                       "--format", "csv"));
    expect_line(out, "year,2022,2,1,fees_amount_yuan,yuan,12345");
    expect_line(out, "year,2021,1,1,fees_amount_yuan,yuan,0");
    expect_line(out, "year,2020,3,0,fees_amount_yuan,yuan,");
    free(out);
}

/* A blank figure is unknown: not known, not in the sum or the mean. */
static void test_blank_is_unknown(void **state)
{
    char *out = output_of(state, GK_CLI_ARGS("--sum", "requests_new", "--format", "csv"));
    /* no --facet: one row for every match; 000's blank table is unknown */
    assert_string_equal(out, "field,value,count,known,figure,unit,sum\n"
                             "all,all,7,6,requests_new,count,0\n");
    free(out);
    out = output_of(state, GK_CLI_ARGS("--avg", "fees_amount_yuan", "--format", "csv"));
    /* (0 + 0 + 12345) / 3, not / 4 as if the blank were 0 */
    assert_string_equal(out, "field,value,count,known,figure,unit,mean\n"
                             "all,all,7,3,fees_amount_yuan,yuan,4115.00\n");
    free(out);
}

/* The mean to two decimals, half up: 1860869 / 3 = 620289.666... */
static void test_mean(void **state)
{
    char *out = output_of(state, GK_CLI_ARGS("--avg", "采购金额", "--facet", "year",
                                             "--format", "tsv"));
    expect_line(out, "field\tvalue\tcount\tknown\tfigure\tunit\tmean");
    expect_line(out, "year\t2020\t3\t3\tprocurement_amount_yuan\tyuan\t620289.67");
    free(out);
}

/* JSON: one facet line each, the counts with known and sum (null when
 * nothing is known), the unknown row's alike. */
static void test_json_shape(void **state)
{
    gk_cli *f = *state;
    json_t *lines = gk_cli_query_json(f->db, 0,
                                      GK_CLI_ARGS("--json", "-n", "0", "--facet", "county",
                                                  "--sum", "procurement_amount_yuan"));
    json_t *facets = gk_cli_of_type(lines, "facet");
    assert_int_equal(json_array_size(facets), 1);
    json_t *fc = json_array_get(facets, 0);
    assert_string_equal(gk_cli_str(fc, "field"), "county");
    assert_string_equal(gk_cli_str(fc, "figure"), "procurement_amount_yuan");
    assert_string_equal(gk_cli_str(fc, "unit"), "yuan");
    json_t *counts = json_object_get(fc, "counts");
    int seen = 0;
    for (size_t k = 0; k < json_array_size(counts); k++) {
        json_t *c = json_array_get(counts, k);
        const char *v = gk_cli_str(c, "value");
        if (strncmp(v, "大宁县", strlen("大宁县")) == 0) {
            assert_int_equal(json_integer_value(json_object_get(c, "count")), 1);
            assert_int_equal(json_integer_value(json_object_get(c, "known")), 1);
            assert_int_equal(json_integer_value(json_object_get(c, "sum")), 6500);
            seen++;
        } else if (strncmp(v, "德惠市", strlen("德惠市")) == 0) {
            assert_int_equal(json_integer_value(json_object_get(c, "sum")), 1800000);
            seen++;
        } else if (strncmp(v, "巫溪县", strlen("巫溪县")) == 0) {
            assert_int_equal(json_integer_value(json_object_get(c, "known")), 0);
            assert_true(json_is_null(json_object_get(c, "sum")));
            seen++;
        }
    }
    assert_int_equal(seen, 3);
    /* 柳泉镇's three reports name no county: the unknown row, no procurement */
    assert_int_equal(json_integer_value(json_object_get(fc, "unknown")), 3);
    assert_int_equal(json_integer_value(json_object_get(fc, "unknown_known")), 0);
    assert_true(json_is_null(json_object_get(fc, "unknown_sum")));
    assert_int_equal(json_integer_value(json_object_get(gk_cli_summary(lines), "total")), 7);
    json_decref(facets);
    json_decref(lines);

    /* a fractional sum stays exact: 1.2345 万元 read back as 12345 */
    lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--format", "json", "--avg",
                                                    "procurement_amount_yuan"));
    fc = json_array_get(lines, 0);
    assert_string_equal(gk_cli_str(fc, "field"), "all");
    json_t *all = json_array_get(json_object_get(fc, "counts"), 0);
    assert_true(json_is_real(json_object_get(all, "mean")));
    assert_true(json_real_value(json_object_get(all, "mean")) == 620289.67);
    json_decref(lines);
}

/* --by-year with --sum: one row per value and year. */
static void test_by_year(void **state)
{
    char *out = output_of(state, GK_CLI_ARGS("--facet", "county", "--by-year", "--sum",
                                             "procurement_amount_yuan", "--format", "csv"));
    expect_line(out, "field,value,year,count,known,figure,unit,sum");
    expect_line(out, "county,大宁县 (临汾市),2020,1,1,procurement_amount_yuan,yuan,6500");
    expect_line(out, "county,德惠市 (长春市),2020,1,1,procurement_amount_yuan,yuan,1800000");
    /* the reports without a county, by year: 柳泉镇 2021 and 2022 */
    expect_line(out, "county,,2021,1,0,procurement_amount_yuan,yuan,");
    expect_line(out, "county,,2022,2,0,procurement_amount_yuan,yuan,");
    free(out);
    out = output_of(state, GK_CLI_ARGS("--by-year", "--sum", "fees_amount_yuan", "--format",
                                       "csv"));
    assert_string_equal(out, "field,value,year,count,known,figure,unit,sum\n"
                             "all,all,2020,3,0,fees_amount_yuan,yuan,\n"
                             "all,all,2021,1,1,fees_amount_yuan,yuan,0\n"
                             "all,all,2022,2,1,fees_amount_yuan,yuan,12345\n"
                             "all,all,2023,1,1,fees_amount_yuan,yuan,0\n");
    free(out);
}

/* Text for people: a table with the figure named and its unit. */
static void test_text(void **state)
{
    char *out = output_of(state, GK_CLI_ARGS("-n", "0", "--facet", "year", "--sum",
                                             "procurement_amount_yuan"));
    assert_non_null(strstr(out, "year: sum of procurement_amount_yuan"));
    assert_non_null(strstr(out, ", in 元\n"));
    assert_non_null(strstr(out, "1860869"));
    assert_non_null(strstr(out, "7 matching reports"));
    free(out);
}

/* What cannot be added up: one line, exit 2, nothing on stdout. */
static void test_bad_uses(void **state)
{
    const char *const *const bad[] = {
        GK_CLI_ARGS("--sum", "no_such_figure", "--facet", "year"),
        GK_CLI_ARGS("--avg", "采购额", "--format", "csv"),
        GK_CLI_ARGS("--sum", "requests_new", "--avg", "requests_new"),
        GK_CLI_ARGS("--sum", "requests_new", "--figures"),
        GK_CLI_ARGS("--sum", "requests_new", "--show", "0000"),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gk_test_run_result r;
        int status = query(state, &r, bad[i]);
        if (status != 2 || gk_test_count_lines(r.err) != 1 || r.out[0] != '\0')
            fail_msg("%s %s: exit %d, stderr %s", bad[i][0], bad[i][1], status, r.err);
        gk_test_run_clear(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sum_by_facet_csv),
        cmocka_unit_test(test_blank_is_unknown),
        cmocka_unit_test(test_mean),
        cmocka_unit_test(test_json_shape),
        cmocka_unit_test(test_by_year),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_bad_uses),
    };
    return cmocka_run_group_tests(tests, totals_setup, gk_cli_teardown);
}
