/* test_record.c - the stored record of a report: gk_record_text writes
 * the raw table cells itself (they are most of a record), and must write
 * exactly what jansson writes for the whole record, whatever a cell holds:
 * quotes, backslashes, control characters, broken UTF-8, fractions,
 * blanks.  --show prints what is stored, so a cell must come back as it
 * was written. */
#include "gk_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_record.h"
#include "gk_rules.h"
#include "gk_util.h"

/* A small 2021-format report with its requests table. */
static const char report_text[] =
    "某镇人民政府2021年政府信息公开工作年度报告\n"
    "一、总体情况\n本年度共收到申请3件。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "| 本年新收政府信息公开申请数量 | 3 |\n"
    "| 上年结转政府信息公开申请数量 | 0 |\n"
    "五、存在的主要问题及改进情况\n更新不及时。\n";

/* The record of report_text with raw cells of every awkward kind; its
 * text from gk_record_text and from jansson. */
static void both(void **state, char **fast, size_t *fast_len, char **slow)
{
    gk_test_rules *rules = *state;
    gk_report *r = gk_test_rules_parse(rules, report_text);
    gk_figures figs = {0};
    assert_int_equal(gk_figures_extract(&figs, rules->figures, r, NULL), GK_OK);
    assert_true(figs.nraw > 0); /* the table's own cells come first */
    char row_quote[] = "“申请”\"数量\"\\合计", text_ctrl[] = "3\t件\n\x01\x1f",
         broken[] = "12\xe4\xb8", plain[] = "0.65万元", blank[] = "";
    gk_raw_figure extra[] = {
        {"requests", row_quote, "本年\"新收\"", 1, 3, text_ctrl},
        {"requests", broken, NULL, 1, 6500.5, broken},
        {"fees", plain, "金额", 1, 6500, plain},
        {"fees", blank, "金额", 0, 0, blank},
        {NULL, NULL, NULL, 1, -0.125, NULL},
        {"fees", plain, "金额", 1, 1e16, plain},
        {"fees", plain, "金额", 1, INFINITY, plain},
    };
    gk_raw_figure *keep = figs.raw;
    size_t nkeep = figs.nraw, n = sizeof extra / sizeof extra[0];
    gk_raw_figure *all = calloc(nkeep + n, sizeof *all);
    assert_non_null(all);
    memcpy(all, keep, nkeep * sizeof *all);
    memcpy(all + nkeep, extra, sizeof extra);
    figs.raw = all;
    figs.nraw = nkeep + n;
    gk_resolved_place place = {0};
    gk_categories cats = {0};
    gk_report_facts facts = {r, "0123456789abcdef", "/tmp/某镇\"报告\".txt", &figs,
                             rules->figures, &place, &cats, NULL};
    *fast = gk_record_text(&facts, fast_len);
    json_t *rec = gk_record_build(&facts);
    *slow = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    figs.raw = keep;
    figs.nraw = nkeep;
    free(all);
    gk_figures_clear(&figs);
    gk_report_free(r);
}

static void test_the_record_text_is_what_jansson_writes(void **state)
{
    char *fast = NULL, *slow = NULL;
    size_t len = 0;
    both(state, &fast, &len, &slow);
    assert_non_null(fast);
    assert_non_null(slow);
    assert_int_equal(len, strlen(fast));
    assert_string_equal(fast, slow);
    free(fast);
    free(slow);
}

static void test_a_cell_comes_back_as_written(void **state)
{
    char *fast = NULL, *slow = NULL;
    size_t len = 0;
    both(state, &fast, &len, &slow);
    json_error_t err;
    json_t *rec = json_loads(fast, 0, &err);
    if (rec == NULL)
        fail_msg("not JSON: %s at %d", err.text, err.position);
    json_t *raw = json_object_get(rec, "raw_figures");
    size_t n = json_array_size(raw);
    assert_true(n >= 7);
    json_t *quote = json_array_get(raw, n - 7), *broken = json_array_get(raw, n - 6);
    assert_string_equal(json_string_value(json_object_get(quote, "row")),
                        "“申请”\"数量\"\\合计");
    assert_string_equal(json_string_value(json_object_get(quote, "text")), "3\t件\n\x01\x1f");
    assert_string_equal(json_string_value(json_object_get(quote, "column")), "本年\"新收\"");
    /* each byte of a broken character becomes U+FFFD, not a broken record */
    assert_string_equal(json_string_value(json_object_get(broken, "text")),
                        "12\xef\xbf\xbd\xef\xbf\xbd");
    assert_true(json_is_null(json_object_get(broken, "column")));
    assert_true(fabs(json_number_value(json_object_get(broken, "value")) - 6500.5) < 1e-9);
    /* a blank cell is unknown, not 0 */
    assert_true(json_is_null(json_object_get(json_array_get(raw, n - 4), "value")));
    assert_true(json_is_integer(json_object_get(json_array_get(raw, n - 5), "value")));
    assert_int_equal(json_integer_value(json_object_get(json_array_get(raw, n - 5), "value")),
                     6500);
    /* a value JSON cannot hold is unknown too, and the record stays whole */
    assert_true(json_is_null(json_object_get(json_array_get(raw, n - 1), "value")));
    /* the report's own table cells are there too */
    assert_string_equal(json_string_value(json_object_get(json_array_get(raw, 0), "table")),
                        "requests");
    json_decref(rec);
    free(fast);
    free(slow);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_record_text_is_what_jansson_writes,
                                        gk_test_rules_setup, gk_test_rules_teardown),
        cmocka_unit_test_setup_teardown(test_a_cell_comes_back_as_written, gk_test_rules_setup,
                                        gk_test_rules_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
