/* test_query.c - the query language: what a query is read as, and a clear
 * one-line error for every kind of bad query. */
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_analyze.h"
#include "gk_query.h"
#include "gk_sections.h"
#include "gk_utf8.h"

typedef struct fixture {
    gk_analyzer *az;
    gk_section_table *sections;
    gk_field_table *fields;
    gk_figure_rules *figures;
    gk_taxonomy *taxonomy;
    gk_folder *folder;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_int_equal(gk_analyzer_new(&f->az, NULL), GK_OK);
    assert_int_equal(gk_section_table_load(&f->sections, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    assert_int_equal(gk_field_table_load(&f->fields, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    assert_int_equal(gk_figure_rules_load(&f->figures, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    assert_int_equal(gk_taxonomy_load(&f->taxonomy, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    assert_int_equal(gk_folder_new(&f->folder, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_analyzer_free(f->az);
    gk_section_table_free(f->sections);
    gk_field_table_free(f->fields);
    gk_figure_rules_free(f->figures);
    gk_taxonomy_free(f->taxonomy);
    gk_folder_free(f->folder);
    free(f);
    return 0;
}

static gk_status parse(void **state, const char *text, size_t len,
                       gk_query **q, char **msg)
{
    fixture *f = *state;
    gk_query_env env = {f->az, f->sections, f->fields, f->figures, f->taxonomy, f->folder, NULL, NULL};
    return gk_query_parse(q, &env, text, len, msg);
}

static void expect(void **state, const char *text, const char *want)
{
    gk_query *q = NULL;
    char *msg = NULL;
    gk_status st = parse(state, text, strlen(text), &q, &msg);
    if (st != GK_OK)
        fail_msg("'%s' failed: %s", text, msg ? msg : "?");
    char *got = gk_query_dump(q);
    if (strcmp(got, want) != 0)
        fail_msg("'%s' read as %s, expected %s", text, got, want);
    free(got);
    gk_query_free(q);
}

/* A bad query: GK_EQUERY and a one-line message containing `mention`. */
static void expect_error(void **state, const char *text, size_t len,
                         const char *mention)
{
    gk_query *q = NULL;
    char *msg = NULL;
    gk_status st = parse(state, text, len, &q, &msg);
    if (st != GK_EQUERY)
        fail_msg("'%s' was accepted (status %d)", text, st);
    assert_null(q);
    assert_non_null(msg);
    assert_null(strchr(msg, '\n'));
    if (strstr(msg, mention) == NULL)
        fail_msg("error for '%s' is '%s', which does not mention '%s'", text, msg,
                 mention);
    free(msg);
}

static void test_text_and_phrases(void **state)
{
    expect(state, "存在的主要问题", "TEXT(\"存在的主要问题\")");
    /* a space between Han characters only shows where words meet */
    expect(state, "\"行政 复议\"", "OR(TEXT(\"行政复议\"),TEXT(\"行政 复议\"))");
    expect(state, "\"open data\"", "TEXT(\"open data\")");
    expect(state, "“存在的主要问题”", "TEXT(\"存在的主要问题\")");
    expect(state, "", "ALL");
    expect(state, "   ", "ALL");
}

static void test_mixed_chinese_and_numbers(void **state)
{
    /* Xapian's own parser mis-reads this; ours must not */
    expect(state, "2022 行政复议", "AND(TEXT(\"2022\"),TEXT(\"行政复议\"))");
    expect(state, "２０２２年", "TEXT(\"2022年\")");
}

static void test_boolean_operators_and_precedence(void **state)
{
    expect(state, "复议 诉讼", "AND(TEXT(\"复议\"),TEXT(\"诉讼\"))");
    expect(state, "复议 AND 诉讼", "AND(TEXT(\"复议\"),TEXT(\"诉讼\"))");
    expect(state, "复议 OR 诉讼", "OR(TEXT(\"复议\"),TEXT(\"诉讼\"))");
    expect(state, "复议 OR 诉讼 公开",
           "OR(TEXT(\"复议\"),AND(TEXT(\"诉讼\"),TEXT(\"公开\")))");
    expect(state, "(复议 OR 诉讼) 公开",
           "AND(OR(TEXT(\"复议\"),TEXT(\"诉讼\")),TEXT(\"公开\"))");
    expect(state, "公开 NOT 诉讼", "AND(TEXT(\"公开\"),NOT(TEXT(\"诉讼\")))");
    expect(state, "公开 -诉讼", "AND(TEXT(\"公开\"),NOT(TEXT(\"诉讼\")))");
    expect(state, "-诉讼", "NOT(TEXT(\"诉讼\"))");
    /* lower-case words are words, not operators */
    expect(state, "and or", "AND(TEXT(\"and\"),TEXT(\"or\"))");
    /* a hyphen inside a word is not NOT */
    expect(state, "COVID-19", "TEXT(\"COVID-19\")");
}

static void test_fields_and_aliases(void **state)
{
    expect(state, "township:柳泉镇", "FILTER(XT柳泉镇)");
    expect(state, "镇:柳泉", "FILTER(XT柳泉)");
    expect(state, "镇：柳泉镇", "FILTER(XT柳泉镇)"); /* full-width colon */
    expect(state, "county:彭阳县", "FILTER(XC彭阳县)");
    expect(state, "县:彭阳", "FILTER(XC彭阳)");
    expect(state, "year:2020", "YEAR(2020)");
    expect(state, "年份:2019..2021", "YEAR(2019..2021)");
    expect(state, "year:2019..", "YEAR(2019..)");
    expect(state, "year:..2020", "YEAR(..2020)");
    expect(state, "年份:二〇二一", "YEAR(2021)");
    expect(state, "section:problems", "FILTER(XSproblems)");
    expect(state, "章节:存在的主要问题", "FILTER(XSproblems)");
    expect(state, "section:行政诉讼", "FILTER(XSreview_litigation)");
    expect(state, "township:\"柳泉镇\"", "FILTER(XT柳泉镇)");
    expect(state, "kind:document", "FILTER(XKdocument)");
    expect(state, "report:0123456789ABCDEF", "FILTER(XR0123456789abcdef)");
    expect(state, "存在的主要问题 year:2020 section:problems",
           "AND(TEXT(\"存在的主要问题\"),YEAR(2020),FILTER(XSproblems))");
    /* Chinese text with a colon that is no field: searched as text */
    expect(state, "地址:曲峨镇", "TEXT(\"地址:曲峨镇\")");
}

static void test_figure_ranges(void **state)
{
    expect(state, "procurement_amount_yuan:10000..2000000",
           "FIGURE(procurement_amount_yuan:10000..2000000)");
    expect(state, "采购金额:1万..200万", "FIGURE(procurement_amount_yuan:10000..2000000)");
    expect(state, "采购金额:0.5亿..", "FIGURE(procurement_amount_yuan:50000000..)");
    expect(state, "requests_new:5..", "FIGURE(requests_new:5..)");
    expect(state, "requests_new>=5", "FIGURE(requests_new:5..)");
    expect(state, "requests_new≥5", "FIGURE(requests_new:5..)");
    expect(state, "requests_new<=5", "FIGURE(requests_new:..5)");
    expect(state, "requests_new=0", "FIGURE(requests_new:0)");
    expect(state, "申请数:3", "FIGURE(requests_new:3)");
    expect(state, "REQUESTS_NEW:3", "FIGURE(requests_new:3)");
    /* strict bounds exclude the number itself */
    expect(state, "requests_new>5", "FIGURE(requests_new:5.0000000000000009..)");
    expect(state, "requests_new<5", "FIGURE(requests_new:..4.9999999999999991)");
    expect(state, "year>=2020", "YEAR(2020..)");
    /* white space around the sign */
    expect(state, "requests_new >= 5", "FIGURE(requests_new:5..)");
    expect(state, "requests_new>= 5", "FIGURE(requests_new:5..)");
    expect(state, "requests_new >=5", "FIGURE(requests_new:5..)");
    expect(state, "采购金额 : 1万..", "FIGURE(procurement_amount_yuan:10000..)");
    expect(state, "year : 2020 公开", "AND(YEAR(2020),TEXT(\"公开\"))");
    expect(state, "township: \"柳泉镇\"", "FILTER(XT柳泉镇)");
    expect(state, "year 2020", "AND(TEXT(\"year\"),TEXT(\"2020\"))");
    expect(state, "consistency:mismatch", "FILTER(XAmismatch)");
    expect(state, "勾稽:不符", "FILTER(XAmismatch)");
    expect(state, "template:2021", "FILTER(XV2021)");
    expect(state, "存在的主要问题 采购金额:1万.. -consistency:ok",
           "AND(TEXT(\"存在的主要问题\"),FIGURE(procurement_amount_yuan:10000..),"
           "NOT(FILTER(XAok)))");
    gk_query *q = NULL;
    assert_int_equal(parse(state, "requests_new:5.. 采购金额:1万.. requests_new:..9",
                           strlen("requests_new:5.. 采购金额:1万.. requests_new:..9"), &q, NULL),
                     GK_OK);
    int figs[8];
    fixture *f = *state;
    assert_int_equal(gk_query_figures(q, figs, 8), 2);
    assert_string_equal(gk_figure_id(f->figures, (size_t)figs[0]), "requests_new");
    assert_string_equal(gk_figure_id(f->figures, (size_t)figs[1]), "procurement_amount_yuan");
    gk_query_free(q);
}

static void test_place_and_category_fields(void **state)
{
    expect(state, "province:山西省", "FILTER(XPV山西省)");
    expect(state, "省:宁夏", "FILTER(XPV宁夏)");
    expect(state, "市:固原", "FILTER(XCT固原)");
    expect(state, "place_code:1410", "FILTER(XPC1410)");
    expect(state, "区划代码:141030101", "FILTER(XPC141030101)");
    expect(state, "place_status:ambiguous", "FILTER(XPSambiguous)");
    expect(state, "category:timeliness", "FILTER(XGtimeliness)");
    expect(state, "问题:时效性", "FILTER(XGtimeliness)");
    expect(state, "问题:宣传", "FILTER(XGoutreach)");
#define E(text, mention) expect_error(state, text, strlen(text), mention)
    E("place_code:123", "2, 4, 6 or 9 digits");
    E("place_status:maybe", "resolved, ambiguous or unknown");
    E("category:weather", "unknown category 'weather'");
#undef E
}

/* A lower-case and, or, not between words is searched as a word, with a
 * note saying so; upper-case ones are operators and need none. */
static void test_lower_case_operator_hint(void **state)
{
    gk_query *q = NULL;
    assert_int_equal(parse(state, "政府 or 信息", strlen("政府 or 信息"), &q, NULL), GK_OK);
    assert_non_null(gk_query_hint(q));
    assert_string_equal(gk_query_hint(q),
                        "'or' is searched as a word; the operator is OR, in capitals");
    gk_query_free(q);
    assert_int_equal(parse(state, "政府 OR 信息", strlen("政府 OR 信息"), &q, NULL), GK_OK);
    assert_null(gk_query_hint(q));
    gk_query_free(q);
    assert_int_equal(parse(state, "a not b", strlen("a not b"), &q, NULL), GK_OK);
    assert_non_null(strstr(gk_query_hint(q), "NOT"));
    gk_query_free(q);
    assert_int_equal(parse(state, "or", strlen("or"), &q, NULL), GK_OK);
    assert_null(gk_query_hint(q)); /* alone, it is only a word */
    gk_query_free(q);
}

static void test_figure_errors(void **state)
{
#define E(text, mention) expect_error(state, text, strlen(text), mention)
    E("requests_new:lots", "not a number");
    E("requests_new:9..5", "empty range");
    E("采购金额:1万..x", "not a number");
    E("township>柳泉", "takes a value after ':'");
    E("consistency:maybe", "ok, mismatch or incomplete");
    E("template:2020", "2019, 2021, new or pre2019");
    E("requets_new:5", "unknown field 'requets_new'");
#undef E
}

/* The values of consistency, template, place_status and kind, and the
 * names a user may type for them, are those of values.tsv. */
static void test_values_come_from_the_data_file(void **state)
{
    fixture *f = *state;
    char *dir = gk_test_mkdtemp("values");
    size_t len = 0;
    char *fields = gk_test_read_file(GK_TEST_CORPUS_DIR "/data/fields.tsv", &len);
    char *path = gk_test_join(dir, "fields.tsv");
    gk_test_write_file(path, fields, len);
    free(path);
    free(fields);
    fields = gk_test_read_file(GK_TEST_CORPUS_DIR "/data/figures.tsv", &len);
    path = gk_test_join(dir, "figures.tsv"); /* the figures' names */
    gk_test_write_file(path, fields, len);
    free(path);
    free(fields);
    const char *values = "consistency\tok\tok\nconsistency\tok\t吻合\n"
                         "consistency\tmismatch\tmismatch\n"
                         "template\t2019\t2019\nplace_status\tresolved\tresolved\n"
                         "kind\treport\treport\nkind\tdocument\tdocument\n"
                         "completeness\tcomplete\tcomplete\nmissing\tproblems\tproblems\n"
                         "deadline\tlate\tlate\ncontinuity\tok\tok\n"
                         "copied\tnone\tnone\n";
    path = gk_test_join(dir, "values.tsv");
    gk_test_write_file(path, values, strlen(values));
    free(path);
    gk_field_table *own = NULL;
    assert_int_equal(gk_field_table_load(&own, dir, NULL), GK_OK);
    gk_query_env env = {f->az, f->sections, own, f->figures, f->taxonomy, f->folder, NULL, NULL};
    gk_query *q = NULL;
    char *msg = NULL;
    assert_int_equal(gk_query_parse(&q, &env, "勾稽:吻合", strlen("勾稽:吻合"), NULL), GK_OK);
    char *got = gk_query_dump(q);
    assert_string_equal(got, "FILTER(XAok)");
    free(got);
    gk_query_free(q);
    assert_int_equal(gk_query_parse(&q, &env, "勾稽:不符", strlen("勾稽:不符"), &msg), GK_EQUERY);
    assert_string_equal(msg, "consistency: at character 1 expects ok or mismatch");
    free(msg);
    msg = NULL;
    assert_int_equal(gk_query_parse(&q, &env, "kind:报告", strlen("kind:报告"), &msg), GK_EQUERY);
    assert_string_equal(msg, "kind: at character 1 expects report or document");
    free(msg);
    gk_field_table_free(own);
    gk_test_rmtree(dir);
    free(dir);
}

/* The message for an unknown field or value names every one there is. */
static void expect_message(void **state, const char *text, const char *want)
{
    gk_query *q = NULL;
    char *msg = NULL;
    assert_int_equal(parse(state, text, strlen(text), &q, &msg), GK_EQUERY);
    assert_string_equal(msg, want);
    free(msg);
}

static void test_unknown_names_list_the_known_ones(void **state)
{
    expect_message(state, "colour:red",
                   "unknown field 'colour' at character 1 (fields: township, county, city, "
                   "province, place_code, place_status, year, section, category, kind, "
                   "report, similar, consistency, template, completeness, missing, deadline, "
                   "signed, continuity, copied, the figures of figures.tsv, or their "
                   "Chinese names)");
    expect_message(state, "section:x",
                   "section: unknown section 'x' (sections: preamble, overview, proactive, "
                   "requests, fees, review_litigation, problems, other, or their Chinese "
                   "names) at character 1");
    expect_message(state, "公开 问题:天气",
                   "category: unknown category '天气' (categories: timeliness, coverage, "
                   "staffing, channels, quality, platform, outreach, mechanism, review, "
                   "interpretation, key_areas, applications, or their Chinese names) at "
                   "character 4");
    /* a misspelt field, Latin or Chinese: the nearest names */
    expect_message(state, "townshp:柳泉",
                   "unknown field 'townshp' at character 1: did you mean township? (to "
                   "search the text, put it in quotes)");
    expect_message(state, "采购额:1万..",
                   "unknown field '采购额' at character 1: did you mean 采购金额 "
                   "(procurement_amount_yuan)? (to search the text, put it in quotes)");
    expect_message(state, "乡镇名:柳泉",
                   "unknown field '乡镇名' at character 1: did you mean 乡镇 (township)? "
                   "(to search the text, put it in quotes)");
    expect_message(state, "requests_nwe>=5",
                   "unknown field 'requests_nwe' at character 1: did you mean "
                   "requests_new? (to search the text, put it in quotes)");
    /* Chinese text with a colon, far from every name, is text */
    expect(state, "原因:人员", "TEXT(\"原因:人员\")");
    expect(state, "\"采购额:1万\"", "TEXT(\"采购额:1万\")");
    expect_message(state, "place_status:maybe",
                   "place_status: at character 1 expects resolved, ambiguous or unknown");
}

/* A long unknown value is shown cut at 200 bytes or fewer, never inside a
 * character: 199 letters then 问 (bytes 199-201) shows the letters only. */
static void test_long_unknown_value_cut_on_a_character(void **state)
{
    char text[512];
    int n = snprintf(text, sizeof text, "section:%.*s问题", 199,
                     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    assert_true(n > 0 && (size_t)n < sizeof text);
    gk_query *q = NULL;
    char *msg = NULL;
    assert_int_equal(parse(state, text, strlen(text), &q, &msg), GK_EQUERY);
    assert_true(gk_utf8_valid(msg, strlen(msg)));
    const char *open = strchr(msg, '\'');
    assert_non_null(open);
    const char *close = strchr(open + 1, '\'');
    assert_non_null(close);
    assert_int_equal(close - open - 1, 199); /* the letters, and not half of 问 */
    free(msg);
}

static void test_filters_only_have_no_text(void **state)
{
    gk_query *q = NULL;
    assert_int_equal(parse(state, "year:2020 township:白阳镇", strlen("year:2020 township:白阳镇"), &q, NULL), GK_OK);
    assert_false(gk_query_has_text(q));
    gk_query_free(q);
    assert_int_equal(parse(state, "公开 -诉讼", strlen("公开 -诉讼"), &q, NULL), GK_OK);
    assert_true(gk_query_has_text(q));
    assert_int_equal(gk_query_phrase_count(q), 1); /* 诉讼 is not highlighted */
    gk_query_free(q);
}

static void test_errors(void **state)
{
#define E(text, mention) expect_error(state, text, strlen(text), mention)
    E("\"存在的主要问题", "unterminated quote opened at character 1");
    E("公开 “存在", "unterminated quote opened at character 4");
    E("township:\"柳泉镇", "unterminated quote opened at character 10");
    E("year:\"x\n\ty\"", "'x  y' at character 1 is not a year"); /* one line */
    E("tonwship:柳泉镇", "unknown field 'tonwship'");
    E("year:abc", "year: 'abc' at character 1 is not a year");
    E("year:2021..2019", "empty range");
    E("year:..", "not a year");
    E("section:nowhere", "unknown section 'nowhere'");
    E("township:", "township: needs a value");
    E("kind:pdf", "report or document");
    E("report:xyz", "16 hexadecimal digits");
    E("AND 公开", "AND at character 1");
    E("公开 OR", "OR at character 4");
    E("NOT", "NOT at character 1");
    E("()", "empty parentheses");
    E("(公开", "never closed");
    E("公开)", "no matching '('");
    E("，。、", "nothing to search for");
#undef E
}

static void test_hostile_queries(void **state)
{
    /* deep nesting, many terms, huge input, invalid UTF-8: an error or a
     * result, never a crash */
    char deep[400];
    memset(deep, '(', 200);
    memcpy(deep + 200, "公开", 6);
    memset(deep + 206, ')', 193);
    deep[399] = '\0';
    expect_error(state, deep, strlen(deep), "nested too deeply");
    size_t big = 100 * 1024;
    char *huge = malloc(big + 1);
    memset(huge, 'a', big);
    huge[big] = '\0';
    expect_error(state, huge, big, "too long");
    gk_query *q = NULL;
    const char bad[] = "行政\xff\xfe复议\xe8";
    assert_int_equal(parse(state, bad, sizeof bad - 1, &q, NULL), GK_OK);
    gk_query_free(q);
    free(huge);
}

static void test_too_many_terms(void **state)
{
    size_t n = 300;
    char *s = malloc(n * 4 + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(s + len, "镇 ", 4);
        len += 4;
    }
    s[len] = '\0';
    expect_error(state, s, len, "too many search terms");
    free(s);
}

static void test_compiled_query_uses_phrases(void **state)
{
    gk_query *q = NULL;
    assert_int_equal(parse(state, "存在的主要问题 -诉讼 year:2019..2021",
                           strlen("存在的主要问题 -诉讼 year:2019..2021"), &q, NULL), GK_OK);
    gk_xquery *xq = NULL;
    assert_int_equal(gk_query_compile(q, &xq, NULL), GK_OK);
    char *d = gk_xquery_describe(xq);
    assert_non_null(strstr(d, "PHRASE"));
    assert_non_null(strstr(d, "AND_NOT"));
    assert_non_null(strstr(d, "VALUE_RANGE"));
    free(d);
    gk_xquery_free(xq);
    gk_query_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_and_phrases),
        cmocka_unit_test(test_mixed_chinese_and_numbers),
        cmocka_unit_test(test_boolean_operators_and_precedence),
        cmocka_unit_test(test_fields_and_aliases),
        cmocka_unit_test(test_figure_ranges),
        cmocka_unit_test(test_figure_errors),
        cmocka_unit_test(test_lower_case_operator_hint),
        cmocka_unit_test(test_place_and_category_fields),
        cmocka_unit_test(test_values_come_from_the_data_file),
        cmocka_unit_test(test_unknown_names_list_the_known_ones),
        cmocka_unit_test(test_long_unknown_value_cut_on_a_character),
        cmocka_unit_test(test_filters_only_have_no_text),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_hostile_queries),
        cmocka_unit_test(test_too_many_terms),
        cmocka_unit_test(test_compiled_query_uses_phrases),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
