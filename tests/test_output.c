/* test_output.c - what gongkai-query prints: JSON Lines for programs,
 * text for people, colour only when asked, never broken UTF-8. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_output.h"
#include "gk_utf8.h"

static gk_highlight marks[1] = {{2, 9}};

static gk_snippet sample_snippet(void)
{
    gk_snippet s;
    memset(&s, 0, sizeof s);
    s.text = (char *)"五、存在的主要问题及改进情况";
    s.len = strlen(s.text);
    s.highlights = marks;
    s.nhighlights = 1;
    s.cut_after = 1;
    return s;
}

static gk_hit sample_hit(const gk_snippet *s, const char *path)
{
    gk_hit h;
    memset(&h, 0, sizeof h);
    h.rank = 3;
    h.report_id = "0123456789abcdef";
    h.path = path;
    h.title = "柳泉镇人民政府2021年政府信息公开工作年度报告";
    h.kind = "report";
    h.body = "柳泉镇人民政府";
    h.township = "柳泉镇";
    h.county = "";
    h.city = "";
    h.province = "";
    h.year = 2021;
    h.section = "problems";
    h.section_label = "存在的主要问题及改进情况";
    h.section_title = "五、存在的主要问题及改进情况";
    h.score = 1.5;
    h.snippet = s;
    return h;
}

/* Print with o into memory; returns malloc'd output. */
static char *render(gk_output *o, const gk_hit *h, int summary)
{
    char *buf = NULL;
    size_t len = 0;
    o->to = open_memstream(&buf, &len);
    assert_non_null(o->to);
    if (h != NULL)
        gk_output_hit(o, h);
    if (summary)
        gk_output_summary(o, 12, 1, 1, 2, 0);
    fclose(o->to);
    return buf;
}

static void test_json_hit_has_the_documented_fields(void **state)
{
    (void)state;
    gk_snippet s = sample_snippet();
    gk_hit h = sample_hit(&s, "/data/001.txt");
    gk_output o = {NULL, 1, 0};
    char *out = render(&o, &h, 0);
    assert_int_equal(gk_test_count_lines(out), 1);
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "type")), "hit");
    static const char *const keys[] = {"report_id", "path", "title", "township",
                                       "county", "year", "section",
                                       "section_title", "score", "snippet",
                                       "highlights", "rank"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (json_object_get(j, keys[i]) == NULL)
            fail_msg("no '%s' in %s", keys[i], out);
    assert_int_equal(json_integer_value(json_object_get(j, "year")), 2021);
    assert_string_equal(json_string_value(json_object_get(j, "section")), "problems");
    json_t *hl = json_array_get(json_object_get(j, "highlights"), 0);
    assert_int_equal(json_integer_value(json_array_get(hl, 0)), 2);
    assert_int_equal(json_integer_value(json_array_get(hl, 1)), 9);
    assert_null(strchr(out, '\033'));
    json_decref(j);
    free(out);
}

static void test_unknown_year_is_null_not_zero(void **state)
{
    (void)state;
    gk_snippet s = sample_snippet();
    gk_hit h = sample_hit(&s, "/data/x.txt");
    h.year = 0;
    json_t *j = gk_hit_json(&h);
    assert_true(json_is_null(json_object_get(j, "year")));
    json_decref(j);
}

static void test_invalid_utf8_in_a_path_is_replaced(void **state)
{
    (void)state;
    gk_snippet s = sample_snippet();
    gk_hit h = sample_hit(&s, "/data/\xd6\xd0\xce\xc4.txt"); /* a GBK file name */
    gk_output o = {NULL, 1, 0};
    char *out = render(&o, &h, 0);
    assert_true(gk_utf8_valid(out, strlen(out)));
    json_t *j = json_loads(out, 0, NULL);
    assert_non_null(j);
    assert_non_null(strstr(json_string_value(json_object_get(j, "path")), "\xef\xbf\xbd"));
    json_decref(j);
    free(out);
    o.json = 0;
    out = render(&o, &h, 0);
    assert_true(gk_utf8_valid(out, strlen(out)));
    free(out);
}

static void test_text_colours_only_when_asked(void **state)
{
    (void)state;
    gk_snippet s = sample_snippet();
    gk_hit h = sample_hit(&s, "/data/001.txt");
    gk_output o = {NULL, 0, 0};
    char *plain = render(&o, &h, 0);
    assert_null(strchr(plain, '\033'));
    assert_non_null(strstr(plain, "五、存在的主要问题及改进情况…"));
    assert_non_null(strstr(plain, "柳泉镇 · 2021"));
    o.color = 1;
    char *colour = render(&o, &h, 0);
    assert_non_null(strstr(colour, "\033[1;31m存在的主要问题\033[0m"));
    free(plain);
    free(colour);
}

static void test_summary_lines(void **state)
{
    (void)state;
    gk_output o = {NULL, 1, 0};
    char *out = render(&o, NULL, 1);
    json_t *j = json_loads(out, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "type")), "summary");
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 12);
    json_decref(j);
    free(out);
    o.json = 0;
    out = render(&o, NULL, 1);
    assert_non_null(strstr(out, "12 matching sections; showing 3–3"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_hit_has_the_documented_fields),
        cmocka_unit_test(test_unknown_year_is_null_not_zero),
        cmocka_unit_test(test_invalid_utf8_in_a_path_is_replaced),
        cmocka_unit_test(test_text_colours_only_when_asked),
        cmocka_unit_test(test_summary_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
