/* test_cli_similar.c - copied reports end to end (docs/SIMILAR.md):
 * gongkai-index on four township reports written in the form of real
 * ones (our own words and places), gongkai-query --similar and similar:.
 *
 * 白阳镇 2021 writes its problems section in its own words; 白阳镇 2022
 * repeats it word for word (last year's text again); 红河镇 2021 copies it
 * lightly edited (its first two problems swapped, 查阅 made 查询, 每季度
 * made 每半年, the last measure dropped); 城阳镇 2021 writes its own, under
 * the same template headings and sentences.  So the problems section of
 * 白阳镇 2021 is shared whole by 白阳镇 2022 (share 1) and mostly by 红河镇
 * (an edit touches at most a few runs of five characters of a sentence),
 * and 城阳镇 shares nothing but the template. */
#include "gk_cli.h"

#include <stdlib.h>
#include <string.h>

/* The parts every report has, in the national format's order; %s: the
 * township, %d the year, then the overview's own sentence and the
 * problems section. */
static const char report_form[] =
    "%s%d年政府信息公开工作年度报告\n"
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅"
    "政府信息与政务公开办公室有关要求编制。本报告中所列数据的统计期限自%d年1月1日起"
    "至%d年12月31日止。\n"
    "一、总体情况\n"
    "%s\n"
    "二、主动公开政府信息情况\n"
    "本年度主动公开政府信息%d条。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "本年度共收到政府信息公开申请%d件，均已按时答复。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。\n"
    "五、存在的主要问题及改进情况\n"
    "%s"
    "六、其他需要报告的事项\n"
    "本机关无其他需要报告的事项。\n"
    "%s人民政府\n"
    "%d年1月20日\n";

static const char baiyang_problems[] =
    "（一）存在的主要问题\n"
    "一是公开内容不够全面，部分村务、财务信息更新滞后，群众查阅不便；\n"
    "二是政策解读形式单一，多以文字转载为主，图表、音视频解读较少；\n"
    "三是工作人员业务能力有待提升，兼职人员多、变动频繁，对条例的理解不够深入；\n"
    "四是依申请公开答复文书格式不够规范，个别答复未告知救济途径。\n"
    "（二）改进措施\n"
    "一是加强信息更新，建立村务公开栏月度检查制度，确保内容及时准确；\n"
    "二是丰富解读方式，对涉及群众切身利益的政策采用图解、问答等形式解读；\n"
    "三是加强业务培训，每季度组织一次政务公开专题学习；\n"
    "四是规范答复文书，统一答复模板，逐件审核后再行送达。\n";

static const char honghe_problems[] =
    "（一）存在的主要问题\n"
    "一是政策解读形式单一，多以文字转载为主，图表、音视频解读较少；\n"
    "二是公开内容不够全面，部分村务、财务信息更新滞后，群众查询不便；\n"
    "三是工作人员业务能力有待提升，兼职人员多、变动频繁，对条例的理解不够深入；\n"
    "四是依申请公开答复文书格式不够规范，个别答复未告知救济途径。\n"
    "（二）改进措施\n"
    "一是加强信息更新，建立村务公开栏月度检查制度，确保内容及时准确；\n"
    "二是丰富解读方式，对涉及群众切身利益的政策采用图解、问答等形式解读；\n"
    "三是加强业务培训，每半年组织一次政务公开专题学习。\n";

static const char chengyang_problems[] =
    "（一）存在的主要问题\n"
    "一是网站栏目设置与上级平台衔接不够，部分链接失效，群众反映打不开；"
    "二是重点领域信息公开的主动性不强，征地拆迁信息发布不够及时。\n"
    "（二）改进措施\n"
    "下一步，我镇将对照上级要求逐项整改，安排专人维护网站，定期清理失效链接，"
    "并加大重点领域信息的发布力度，做到应公开尽公开。\n";

/* baiyang_problems written in traditional characters (85 of them),
 * as some reports are */
static const char baiyang_problems_traditional[] =
    "（一）存在的主要問題\n"
    "一是公開內容不夠全面，部分村務、財務信息更新滯後，群眾查閱不便；\n"
    "二是政策解讀形式單一，多以文字轉載為主，圖表、音視頻解讀較少；\n"
    "三是工作人員業務能力有待提升，兼職人員多、變動頻繁，對條例的理解不夠深入；\n"
    "四是依申請公開答復文書格式不夠規範，個別答復未告知救濟途徑。\n"
    "（二）改進措施\n"
    "一是加強信息更新，建立村務公開欄月度檢查制度，確保內容及時準確；\n"
    "二是豐富解讀方式，對涉及群眾切身利益的政策採用圖解、問答等形式解讀；\n"
    "三是加強業務培訓，每季度組織一次政務公開專題學習；\n"
    "四是規範答復文書，統一答復模板，逐件審核後再行送達。\n";

typedef struct fixture {
    gk_cli *cli;
    char id[4][17]; /* 白阳 2021, 白阳 2022, 红河 2021, 城阳 2021 */
    char *path[4];
} fixture;

static void put_report(gk_cli *cli, const char *file, const char *town, int year,
                       const char *overview, int published, int requests,
                       const char *problems, char **path)
{
    char text[8192];
    snprintf(text, sizeof text, report_form, town, year, year, year, overview, published,
             requests, problems, town, year + 1);
    *path = gk_test_put(cli->in, file, text, strlen(text));
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(gk_cli_setup((void **)&f->cli), 0);
    put_report(f->cli, "baiyang2021.txt", "白阳镇", 2021,
               "2021年，白阳镇以群众需求为导向，把村务公开栏建设作为重点，全年更新公开栏46次。",
               210, 3, baiyang_problems, &f->path[0]);
    put_report(f->cli, "baiyang2022.txt", "白阳镇", 2022,
               "2022年，白阳镇围绕乡村振兴和疫情防控，集中发布惠农补贴等信息，办理回复留言19条。",
               236, 5, baiyang_problems, &f->path[1]);
    put_report(f->cli, "honghe2021.txt", "红河镇", 2021,
               "2021年，红河镇调整了政务公开领导小组，新建镇便民服务中心查阅点一处。", 98, 0,
               honghe_problems, &f->path[2]);
    put_report(f->cli, "chengyang2021.txt", "城阳镇", 2021,
               "2021年，城阳镇把政务公开与网格化管理结合，各村网格员收集群众意见212条。", 150,
               2, chengyang_problems, &f->path[3]);
    gk_test_run_result r;
    gk_cli_index(&r, f->cli->db, f->cli->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    json_t *lines = gk_cli_query_json(f->cli->db, 0, GK_CLI_ARGS("--json", "-n", "10"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 4);
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h) {
        for (int k = 0; k < 4; k++)
            if (strcmp(gk_cli_str(h, "path"), f->path[k]) == 0)
                snprintf(f->id[k], sizeof f->id[k], "%s", gk_cli_str(h, "report_id"));
    }
    json_decref(hits);
    json_decref(lines);
    for (int k = 0; k < 4; k++)
        assert_int_equal(strlen(f->id[k]), 16);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (int k = 0; k < 4; k++)
        free(f->path[k]);
    void *cli = f->cli;
    gk_cli_teardown(&cli);
    free(f);
    return 0;
}

static void test_copies_are_listed_with_their_share(void **state)
{
    fixture *f = *state;
    json_t *lines = gk_cli_query_json(f->cli->db, 0,
                                      GK_CLI_ARGS("--json", "--similar", f->id[0]));
    json_t *found = gk_cli_of_type(lines, "similar");
    assert_int_equal(json_array_size(found), 2);
    /* the word-for-word repeat first, whole */
    json_t *same = json_array_get(found, 0), *edited = json_array_get(found, 1);
    assert_string_equal(gk_cli_str(same, "report_id"), f->id[1]);
    assert_string_equal(gk_cli_str(same, "similar_to"), f->id[0]);
    assert_string_equal(gk_cli_str(same, "section"), "problems");
    assert_string_equal(gk_cli_str(same, "section_label"), "存在的主要问题及改进情况");
    assert_true(json_number_value(json_object_get(same, "share")) == 1.0);
    assert_int_equal(json_integer_value(json_object_get(same, "common")),
                     json_integer_value(json_object_get(same, "shingles")));
    assert_int_equal(json_integer_value(json_object_get(same, "year")), 2022);
    assert_string_equal(gk_cli_str(same, "title"), "白阳镇2022年政府信息公开工作年度报告");
    assert_string_equal(gk_cli_str(same, "path"), f->path[1]);
    /* the edited copy: most of it; it dropped a measure, so it is the
     * smaller section and fewer of its runs are lost */
    assert_string_equal(gk_cli_str(edited, "report_id"), f->id[2]);
    assert_string_equal(gk_cli_str(edited, "section"), "problems");
    double share = json_number_value(json_object_get(edited, "share"));
    assert_true(share >= 0.8 && share < 1.0);
    assert_true(json_integer_value(json_object_get(edited, "other_shingles")) <
                json_integer_value(json_object_get(edited, "shingles")));
    json_t *sum = gk_cli_summary(lines);
    assert_string_equal(gk_cli_str(sum, "similar_to"), f->id[0]);
    assert_int_equal(json_integer_value(json_object_get(sum, "total")), 2);
    json_decref(found);
    json_decref(lines);

    /* similar is symmetric: the edited copy finds the two it shares with */
    lines = gk_cli_query_json(f->cli->db, 0, GK_CLI_ARGS("--json", "--similar", f->id[2]));
    found = gk_cli_of_type(lines, "similar");
    assert_int_equal(json_array_size(found), 2);
    json_decref(found);
    json_decref(lines);
}

static void test_the_template_alone_makes_no_copy(void **state)
{
    fixture *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->cli->db, "--similar", f->id[3], NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "0 sections of other reports share 80% or more with"));
    gk_test_run_clear(&r);
}

static void test_text_and_csv_name_share_and_section(void **state)
{
    fixture *f = *state;
    gk_test_run_result r;
    /* the file's path does as well as the id, as for --show */
    gk_cli_query(&r, f->cli->db, "--similar", f->path[0], NULL);
    assert_int_equal(r.status, 0);
    char want[256];
    snprintf(want, sizeof want, "100.0%%  problems 存在的主要问题及改进情况  %s  2022  "
             "白阳镇2022年政府信息公开工作年度报告\n", f->id[1]);
    assert_non_null(strstr(r.out, want));
    assert_non_null(strstr(r.out, f->path[2]));
    assert_non_null(strstr(r.out, "2 sections of other reports share 80% or more with"));
    gk_test_run_clear(&r);

    gk_cli_query(&r, f->cli->db, "--similar", f->id[0], "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(gk_test_count_lines(r.out), 3);
    assert_true(strncmp(r.out, "similar_to,report_id,section,share,common,shingles,"
                               "other_shingles,year,title,path\n", 72) == 0);
    snprintf(want, sizeof want, "\n%s,%s,problems,1.000,", f->id[0], f->id[1]);
    assert_non_null(strstr(r.out, want));
    gk_test_run_clear(&r);
}

static void test_similar_field_combines_with_others(void **state)
{
    fixture *f = *state;
    char q[64];
    snprintf(q, sizeof q, "similar:%s", f->id[0]);
    assert_int_equal(gk_cli_count(f->cli->db, q, NULL), 2);
    assert_int_equal(gk_cli_count(f->cli->db, q, "year:2021", NULL), 1);
    assert_int_equal(gk_cli_count(f->cli->db, q, "township:红河镇", NULL), 1);
    snprintf(q, sizeof q, "相似:%s", f->id[3]);
    assert_int_equal(gk_cli_count(f->cli->db, q, NULL), 0);
    /* --explain shows the reports it stands for, the whole copy first */
    gk_test_run_result r;
    snprintf(q, sizeof q, "similar:%s", f->id[0]);
    gk_cli_query(&r, f->cli->db, "--explain", q, NULL);
    assert_int_equal(r.status, 0);
    char want[128];
    snprintf(want, sizeof want, "parsed: SIMILAR(%s: %s %s)\n", f->id[0], f->id[1], f->id[2]);
    assert_non_null(strstr(r.out, want));
    gk_test_run_clear(&r);
    /* NOT similar: every other report */
    snprintf(q, sizeof q, "-similar:%s", f->id[0]);
    assert_int_equal(gk_cli_count(f->cli->db, q, NULL), 2);
}

static void test_mistakes_are_said(void **state)
{
    fixture *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->cli->db, "similar:12ab", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "similar: at character 1 expects a report id"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->cli->db, "similar:0123456789abcdef", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no report 0123456789abcdef in this database"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->cli->db, "--similar", "0123456789abcdef", NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "--similar: no report '0123456789abcdef'"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->cli->db, "--similar", f->id[0], "公开", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--similar lists the reports like one report"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->cli->db, "--similar", f->id[0], "--format", "xlsx", NULL);
    assert_int_equal(r.status, 2);
    gk_test_run_clear(&r);
}

/* A copy in traditional characters is the same text once folded: the
 * indexer takes a section's shingles from the report's folded text, and
 * --similar folds the shown text of the report asked about, so the two
 * must agree for a simplified report to find its traditional copy. */
static void test_a_copy_in_traditional_characters_is_found(void **state)
{
    (void)state;
    void *v = NULL;
    assert_int_equal(gk_cli_setup(&v), 0);
    gk_cli *cli = v;
    char *path[2];
    put_report(cli, "baiyang2021.txt", "白阳镇", 2021, "2021年，白阳镇更新公开栏46次。", 210,
               3, baiyang_problems, &path[0]);
    put_report(cli, "qingshan2021.txt", "青山镇", 2021, "2021年，青山鎮新建查閱點一處。", 90, 1,
               baiyang_problems_traditional, &path[1]);
    gk_test_run_result r;
    gk_cli_index(&r, cli->db, cli->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    /* asked by the simplified one's file: the traditional one, whole */
    json_t *lines = gk_cli_query_json(cli->db, 0, GK_CLI_ARGS("--json", "--similar", path[0]));
    json_t *found = gk_cli_of_type(lines, "similar");
    assert_int_equal(json_array_size(found), 1);
    json_t *copy = json_array_get(found, 0);
    assert_string_equal(gk_cli_str(copy, "path"), path[1]);
    assert_string_equal(gk_cli_str(copy, "section"), "problems");
    assert_true(json_number_value(json_object_get(copy, "share")) == 1.0);
    json_decref(found);
    json_decref(lines);
    for (int k = 0; k < 2; k++)
        free(path[k]);
    gk_cli_teardown(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copies_are_listed_with_their_share),
        cmocka_unit_test(test_the_template_alone_makes_no_copy),
        cmocka_unit_test(test_text_and_csv_name_share_and_section),
        cmocka_unit_test(test_similar_field_combines_with_others),
        cmocka_unit_test(test_mistakes_are_said),
        cmocka_unit_test(test_a_copy_in_traditional_characters_is_found),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
