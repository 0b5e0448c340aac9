/* test_categories.c - the problem taxonomy: loading it (and refusing a bad
 * file), splitting problems from improvement measures, classifying. */
#include "gk_test.h"

#include <stdlib.h>
#include <string.h>

#include "gk_categories.h"

static int setup(void **state)
{
    gk_taxonomy *t = NULL;
    char *msg = NULL;
    if (gk_taxonomy_load(&t, GK_TEST_CORPUS_DIR "/data", &msg) != GK_OK)
        fail_msg("load: %s", msg);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    gk_taxonomy_free(*state);
    return 0;
}

/* The category ids found, space-separated, in taxonomy order. */
static char *classify(void **state, const char *text)
{
    gk_categories c = {0};
    assert_int_equal(gk_problems_classify(&c, *state, text, strlen(text), NULL), GK_OK);
    static char buf[256];
    buf[0] = '\0';
    for (size_t i = 0; i < c.n; i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, gk_taxonomy_id(*state, c.hits[i].category));
    }
    gk_categories_clear(&c);
    return buf;
}

static void expect(void **state, const char *text, const char *want)
{
    const char *got = classify(state, text);
    if (strcmp(got, want) != 0)
        fail_msg("'%s': '%s', expected '%s'", text, got, want);
}

static void test_taxonomy(void **state)
{
    gk_taxonomy *t = *state;
    assert_int_equal(gk_taxonomy_count(t), 12);
    static const char *const ids[] = {"timeliness", "coverage", "staffing", "channels",
                                      "quality", "platform", "outreach", "mechanism",
                                      "review", "interpretation", "key_areas", "applications"};
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(gk_taxonomy_id(t, i), ids[i]);
    assert_int_equal(gk_taxonomy_lookup(t, "时效性"), 0);
    assert_int_equal(gk_taxonomy_lookup(t, "TIMELINESS"), 0);
    assert_int_equal(gk_taxonomy_lookup(t, "宣传"), 6);
    assert_int_equal(gk_taxonomy_lookup(t, "weather"), -1);
}

static void test_split_problems_from_measures(void **state)
{
    static const struct {
        const char *text;
        const char *problems;
    } cases[] = {
        {"一是公开不及时。\n改进措施:一是加强培训。", "一是公开不及时。\n"},
        {"一是公开不及时;二是内容单一。针对上述问题,我镇将加强培训。",
         "一是公开不及时;二是内容单一。"},
        {"(一)存在的主要问题\n一是公开不及时。\n(二)改进措施\n加强审核。",
         "(一)存在的主要问题\n一是公开不及时。\n"},
        {"仍然存在一些问题:1、时效性不强。在下一步工作中,我镇将加强宣传。",
         "仍然存在一些问题:1、时效性不强。在"},
        {"一是公开不及时。", "一是公开不及时。"},
        /* measures paragraphs as published reports open them */
        {"栏目更新较慢。针对以上不足,我办将加强督促。", "栏目更新较慢。"},
        {"栏目更新较慢。\n下一年度,我局将完善制度。", "栏目更新较慢。\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = gk_problems_split(*state, cases[i].text, strlen(cases[i].text));
        if (n != strlen(cases[i].problems) ||
            memcmp(cases[i].text, cases[i].problems, n) != 0)
            fail_msg("case %zu: problems are '%.*s'", i, (int)n, cases[i].text);
    }
}

static void test_each_category(void **state)
{
    expect(state, "一是部分信息公开不够及时。", "timeliness");
    expect(state, "二是公开的内容不够全面。", "coverage");
    expect(state, "三是由于人员变动,工作人员业务生疏。", "staffing");
    expect(state, "四是公开形式单一。", "channels");
    expect(state, "五是信息发布格式不规范。", "quality");
    expect(state, "六是网站栏目设置不合理。", "platform");
    expect(state, "七是宣传力度不够,群众知晓率低。", "outreach");
    expect(state, "八是工作机制不健全。", "mechanism");
    expect(state, "九是公开内容涉及隐私,审核需加强。", "review");
    expect(state, "十是政策解读不够深入,回应关切不及时。", "timeliness interpretation");
    expect(state, "重点领域信息公开不均衡。", "key_areas");
    expect(state, "依申请公开办理答复超期。", "applications");
    expect(state, "工作取得了一定成效。", "");
}

/* Wordings seen in published problems sections that no cue knew. */
static void test_common_wordings(void **state)
{
    expect(state, "一是公开形式较单一,以网站发布为主。", "channels");
    expect(state, "二是公开的方式方法较为单一。", "channels");
    expect(state, "三是工作人员对条例学习不够深入。", "staffing");
    expect(state, "四是公开流程仍需进一步规范。", "quality");
    expect(state, "五是对重要文件的信息解读偏少。", "interpretation");
    expect(state, "六是部分政务平台活跃度不高。", "platform");
    expect(state, "七是公开内容的覆盖面与纵深度有待拓展。", "coverage");
}

static void test_rules_that_keep_categories_apart(void **state)
{
    /* 栏目更新不及时 is both platform and timeliness */
    expect(state, "政务公开栏目更新不及时。", "timeliness platform");
    /* 群众 + 知晓/了解 is outreach; 工作人员 + 意识 is staffing */
    expect(state, "群众对政务公开了解不够。", "outreach");
    expect(state, "部分工作人员公开意识不强。", "staffing");
    /* a website named in passing is no platform problem */
    expect(state, "还没有真正把政府网站作为监督的媒介。", "");
}

static void test_only_problems_are_classified(void **state)
{
    /* the measures after 改进措施 name 宣传 and 培训: not problems */
    expect(state, "一是信息公开不够及时。\n改进措施:一是加大宣传力度;二是加强培训。",
           "timeliness");
}

static void test_evidence_is_the_statement(void **state)
{
    gk_categories c = {0};
    const char *text = "主要问题:一是宣传不够到位;二是更新滞后。改进情况:略。";
    assert_int_equal(gk_problems_classify(&c, *state, text, strlen(text), NULL), GK_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(gk_taxonomy_id(*state, c.hits[0].category), "timeliness");
    assert_string_equal(c.hits[0].evidence, "二是更新滞后");
    assert_string_equal(gk_taxonomy_id(*state, c.hits[1].category), "outreach");
    assert_string_equal(c.hits[1].evidence, "主要问题:一是宣传不够到位");
    gk_categories_clear(&c);
}

static void expect_bad(const char *content, const char *mention)
{
    char *dir = gk_test_mkdtemp("taxonomy");
    char *p = gk_test_join(dir, "categories.tsv");
    gk_test_write_file(p, content, strlen(content));
    gk_taxonomy *t = NULL;
    char *msg = NULL;
    assert_int_equal(gk_taxonomy_load(&t, dir, &msg), GK_ECORRUPT);
    assert_null(t);
    assert_non_null(msg);
    assert_null(strchr(msg, '\n'));
    if (strstr(msg, mention) == NULL)
        fail_msg("'%s' does not mention '%s'", msg, mention);
    free(msg);
    free(p);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_bad_taxonomy_files(void **state)
{
    (void)state;
    expect_bad("timeliness\tlabel\t时效性\ntimeliness\tcue\t(不及时\n-\tsplit\t改进\n",
               "categories.tsv:2: bad regular expression");
    expect_bad("timeliness\tlabel\t时效性\n-\tsplit\t改进\n", "needs a label and a cue");
    expect_bad("timeliness\tlabel\t时效性\ntimeliness\tcue\t滞后\n", "split");
    expect_bad("timeliness\tcolour\t红\n", "categories.tsv:1: unknown record kind");
    expect_bad("Timeliness\tlabel\t时效性\n", "must be a-z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taxonomy),
        cmocka_unit_test(test_split_problems_from_measures),
        cmocka_unit_test(test_each_category),
        cmocka_unit_test(test_common_wordings),
        cmocka_unit_test(test_rules_that_keep_categories_apart),
        cmocka_unit_test(test_only_problems_are_classified),
        cmocka_unit_test(test_evidence_is_the_statement),
        cmocka_unit_test(test_bad_taxonomy_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
