/* test_snippet.c - the passage shown for a hit: around the match, marked
 * exactly where the query matched, never cutting a character. */
#include "gk_test.h"

#include <stdlib.h>
#include <string.h>

#include "gk_analyze.h"
#include "gk_noise.h"
#include "gk_snippet.h"
#include "gk_utf8.h"
#include "gk_util.h"

static gk_folder *folder;
static gk_noise *noise;

static int setup(void **state)
{
    gk_analyzer *az = NULL;
    assert_int_equal(gk_analyzer_new(&az, NULL), GK_OK);
    assert_int_equal(gk_folder_new(&folder, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    assert_int_equal(gk_noise_load(&noise, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    *state = az;
    return 0;
}

static int teardown(void **state)
{
    gk_analyzer_free(*state);
    gk_folder_free(folder);
    gk_noise_free(noise);
    return 0;
}

/* The snippet for one query string. */
static void make(void **state, const char *query, const char *text,
                 size_t max_chars, gk_snippet *out)
{
    gk_phrase p = {0};
    assert_int_equal(gk_phrase_build(*state, query, strlen(query), &p, NULL), GK_OK);
    const gk_phrase *ph[1] = {&p};
    assert_int_equal(gk_snippet_make(out, *state, folder, ph, 1, text, strlen(text),
                                     max_chars, NULL), GK_OK);
    gk_phrase_clear(&p);
}

/* The snippet as a display shows it, page chrome passed over; query NULL
 * for none. */
static void make_shown(void **state, const char *query, const char *text,
                       size_t max_chars, gk_snippet *out)
{
    gk_phrase p = {0};
    const gk_phrase *ph[1] = {&p};
    if (query != NULL)
        assert_int_equal(gk_phrase_build(*state, query, strlen(query), &p, NULL), GK_OK);
    assert_int_equal(gk_snippet_make_shown(out, *state, folder, noise, ph,
                                           query != NULL ? 1 : 0, text, strlen(text),
                                           max_chars, NULL),
                     GK_OK);
    gk_phrase_clear(&p);
}

/* Characters [start, end) of s as a malloc'd string. */
static char *chars(const char *s, size_t start, size_t end)
{
    size_t len = strlen(s), i = 0, k = 0, from = 0;
    while (i < len && k < start) {
        gk_utf8_next(s, len, &i);
        k++;
    }
    from = i;
    while (i < len && k < end) {
        gk_utf8_next(s, len, &i);
        k++;
    }
    return gk_strndup(s + from, i - from);
}

static void test_highlight_marks_the_match(void **state)
{
    gk_snippet s = {0};
    make(state, "存在的主要问题", "五、存在的主要问题及改进情况\n主要问题:一是人员变动。", 100, &s);
    assert_int_equal(s.nhighlights, 1);
    char *h = chars(s.text, s.highlights[0].start, s.highlights[0].end);
    assert_string_equal(h, "存在的主要问题");
    free(h);
    assert_false(s.cut_before);
    assert_false(s.cut_after);
    gk_snippet_clear(&s);
}

static void test_every_occurrence_in_the_window_is_marked(void **state)
{
    gk_snippet s = {0};
    make(state, "复议", "行政复议结果维持,行政复议结果纠正。", 100, &s);
    assert_int_equal(s.nhighlights, 2);
    for (size_t i = 0; i < 2; i++) {
        char *h = chars(s.text, s.highlights[i].start, s.highlights[i].end);
        assert_string_equal(h, "复议");
        free(h);
    }
    gk_snippet_clear(&s);
}

static void test_whitespace_collapses_and_markdown_goes(void **state)
{
    gk_snippet s = {0};
    make(state, "改进", "#### 五、问题\n\n\t一是  公开\n不及时。改进措施", 100, &s);
    assert_string_equal(s.text, "五、问题 一是 公开 不及时。改进措施");
    char *h = chars(s.text, s.highlights[0].start, s.highlights[0].end);
    assert_string_equal(h, "改进");
    free(h);
    gk_snippet_clear(&s);
}

static void test_window_around_a_late_match(void **state)
{
    gk_buf b = {0};
    for (int i = 0; i < 200; i++)
        gk_buf_adds(&b, "政务公开工作");
    gk_buf_adds(&b, "存在的主要问题");
    for (int i = 0; i < 200; i++)
        gk_buf_adds(&b, "进一步加强");
    char *text = gk_buf_take(&b, NULL);
    gk_snippet s = {0};
    make(state, "存在的主要问题", text, 60, &s);
    assert_true(s.cut_before);
    assert_true(s.cut_after);
    assert_int_equal(gk_utf8_count(s.text, s.len), 60);
    assert_int_equal(s.nhighlights, 1);
    char *h = chars(s.text, s.highlights[0].start, s.highlights[0].end);
    assert_string_equal(h, "存在的主要问题");
    free(h);
    gk_snippet_clear(&s);
    free(text);
}

static void test_never_cuts_a_character(void **state)
{
    const char *text = "abc行政复议😀结果维持 X 纠正。其他结果尚未审结总计";
    for (size_t max = 1; max < 40; max++) {
        gk_snippet s = {0};
        make(state, "纠正", text, max, &s);
        assert_true(gk_utf8_valid(s.text, s.len));
        assert_true(gk_utf8_count(s.text, s.len) <= max);
        for (size_t i = 0; i < s.nhighlights; i++)
            assert_true(s.highlights[i].end <= gk_utf8_count(s.text, s.len));
        gk_snippet_clear(&s);
    }
}

static void test_no_phrase_starts_at_the_beginning(void **state)
{
    gk_snippet s = {0};
    assert_int_equal(gk_snippet_make(&s, *state, folder, NULL, 0, "一、总体情况\n正文。", strlen("一、总体情况\n正文。"), 100, NULL), GK_OK);
    assert_string_equal(s.text, "一、总体情况 正文。");
    assert_int_equal(s.nhighlights, 0);
    gk_snippet_clear(&s);
}

static void test_traditional_text_shown_as_written(void **state)
{
    /* the query is folded like indexed text; the snippet shows the report's
     * own characters and punctuation, and marks them */
    gk_snippet s = {0};
    make(state, "存在的主要问题",
         "五、存在的主要問題及改進情況（一）人員變動。", 100, &s);
    assert_string_equal(s.text, "五、存在的主要問題及改進情況（一）人員變動。");
    assert_int_equal(s.nhighlights, 1);
    char *h = chars(s.text, s.highlights[0].start, s.highlights[0].end);
    assert_string_equal(h, "存在的主要問題");
    free(h);
    gk_snippet_clear(&s);
}

static void test_full_width_text_marked_where_it_matched(void **state)
{
    gk_snippet s = {0};
    make(state, "2021年", "截至２０２１年底，共受理申请。", 100, &s);
    assert_string_equal(s.text, "截至２０２１年底，共受理申请。");
    assert_int_equal(s.nhighlights, 1);
    char *h = chars(s.text, s.highlights[0].start, s.highlights[0].end);
    assert_string_equal(h, "２０２１年");
    free(h);
    gk_snippet_clear(&s);
}

/* A preamble as copied from a township's page: accessibility switches, a
 * breadcrumb, the title, a metadata table with spaced labels and '|'
 * cells, a site menu. */
static const char page[] =
    "关怀版 无障碍 无障碍\n"
    "首页 新闻中心 政务公开 办事服务 互动交流\n"
    "> 您现在所在的位置 : 首页 > 乡镇信息公开 > 石门乡 > 政务信息公开年报\n"
    "石门乡2020年政府信息公开工作年度报告\n"
    "索 引 号: | 000014349/2021-00031 | 生成日期: | 2021-01-20 |\n"
    "文 号: | 关键字: | 信息,公开 | |\n"
    "|||||||||||||||||||||\n"
    "根据《条例》规定,现公布石门乡2020年度报告。\n";

static void test_page_chrome_is_passed_over(void **state)
{
    gk_snippet s = {0};
    make_shown(state, NULL, page, 100, &s);
    assert_string_equal(s.text, "石门乡2020年政府信息公开工作年度报告 "
                                "根据《条例》规定,现公布石门乡2020年度报告。");
    assert_false(s.cut_before);
    gk_snippet_clear(&s);

    /* around a match: the breadcrumb's 石门乡 is passed over with it */
    make_shown(state, "石门乡", page, 100, &s);
    assert_non_null(strstr(s.text, "石门乡2020年政府信息公开工作年度报告"));
    assert_null(strstr(s.text, "首页"));
    assert_null(strstr(s.text, "索"));
    assert_false(s.cut_before);
    assert_int_equal(s.nhighlights, 2);
    assert_int_equal(s.highlights[0].start, 0);
    gk_snippet_clear(&s);

    make_shown(state, "现公布", page, 100, &s);
    assert_null(strstr(s.text, "|"));
    assert_null(strstr(s.text, "生成日期"));
    assert_int_equal(s.nhighlights, 1);
    gk_snippet_clear(&s);

    /* what matches only in the chrome is shown where it is */
    make_shown(state, "000014349", page, 100, &s);
    assert_non_null(strstr(s.text, "000014349/2021-00031"));
    assert_int_equal(s.nhighlights, 1);
    gk_snippet_clear(&s);
}

static void test_layout_pipes_show_as_one_separator(void **state)
{
    gk_snippet s = {0};
    make_shown(state, NULL,
               "| 兰溪市教育局2021年政府信息公开工作年度报告 |\n"
               "||||||||||||||||||||||||||||||\n"
               "|\n"
               "2021年度报告依照条例编制。 |\n"
               "| 第二十条第(一)项 | ||| |\n",
               100, &s);
    assert_string_equal(s.text, "兰溪市教育局2021年政府信息公开工作年度报告 | "
                                "2021年度报告依照条例编制。 | 第二十条第(一)项");
    gk_snippet_clear(&s);
    /* without the noise rules too; a quote mark at a line's start goes */
    assert_int_equal(gk_snippet_make(&s, *state, folder, NULL, 0, "规章 | 0 |\n  > 正文",
                                     strlen("规章 | 0 |\n  > 正文"), 100, NULL),
                     GK_OK);
    assert_string_equal(s.text, "规章 | 0 | 正文");
    gk_snippet_clear(&s);
}

static void test_shown_snippet_never_cuts_a_character(void **state)
{
    for (size_t max = 1; max < 60; max++) {
        gk_snippet s = {0};
        make_shown(state, "年度报告", page, max, &s);
        assert_true(gk_utf8_valid(s.text, s.len));
        assert_true(gk_utf8_count(s.text, s.len) <= max);
        for (size_t i = 0; i < s.nhighlights; i++)
            assert_true(s.highlights[i].end <= gk_utf8_count(s.text, s.len));
        gk_snippet_clear(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_highlight_marks_the_match),
        cmocka_unit_test(test_every_occurrence_in_the_window_is_marked),
        cmocka_unit_test(test_whitespace_collapses_and_markdown_goes),
        cmocka_unit_test(test_window_around_a_late_match),
        cmocka_unit_test(test_never_cuts_a_character),
        cmocka_unit_test(test_no_phrase_starts_at_the_beginning),
        cmocka_unit_test(test_traditional_text_shown_as_written),
        cmocka_unit_test(test_full_width_text_marked_where_it_matched),
        cmocka_unit_test(test_page_chrome_is_passed_over),
        cmocka_unit_test(test_layout_pipes_show_as_one_separator),
        cmocka_unit_test(test_shown_snippet_never_cuts_a_character),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
