/* test_report.c - report structure: headings in every style DOMAIN.md
 * lists, title, year and issuing body, plain documents. */
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_report.h"
#include "gk_util.h"

typedef struct fixture {
    gk_section_table *sections;
    gk_place_rules *places;
    gk_title_words *title_words;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char *msg = NULL;
    assert_int_equal(gk_section_table_load(&f->sections, GK_TEST_CORPUS_DIR "/data", &msg), GK_OK);
    assert_int_equal(gk_place_rules_load(&f->places, GK_TEST_CORPUS_DIR "/data", &msg), GK_OK);
    assert_int_equal(gk_title_words_load(&f->title_words, GK_TEST_CORPUS_DIR "/data", &msg),
                     GK_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_section_table_free(f->sections);
    gk_place_rules_free(f->places);
    gk_title_words_free(f->title_words);
    free(f);
    return 0;
}

/* Parse text with the title words tw (NULL: those of corpus/data). */
static gk_report *parse_with(void **state, const gk_title_words *tw, const char *text)
{
    fixture *f = *state;
    gk_report_rules rules = {f->sections, f->places, tw != NULL ? tw : f->title_words};
    gk_report *r = NULL;
    assert_int_equal(gk_report_parse(&r, &rules, gk_strdup(text), strlen(text), 0, NULL), GK_OK);
    return r;
}

static gk_report *parse(void **state, const char *text)
{
    return parse_with(state, NULL, text);
}

/* The section ids of r joined by spaces. */
static char *ids(const gk_report *r)
{
    gk_buf b = {0};
    for (size_t i = 0; i < r->nsections; i++)
        gk_buf_printf(&b, "%s%s", i ? " " : "", r->sections[i].id);
    return gk_buf_take(&b, NULL);
}

static void expect_ids(void **state, const char *text, const char *want)
{
    gk_report *r = parse(state, text);
    char *got = ids(r);
    if (strcmp(got, want) != 0)
        fail_msg("sections '%s', expected '%s'", got, want);
    free(got);
    gk_report_free(r);
}

#define TITLE "某镇人民政府2021年政府信息公开工作年度报告\n"
#define BODY_2019                                                        \
    "二、主动公开政府信息情况\n表格\n"                                   \
    "三、收到和处理政府信息公开申请情况\n表格\n"                         \
    "四、政府信息公开行政复议、行政诉讼情况\n表格\n"                     \
    "五、存在的主要问题及改进情况\n问题。\n"                             \
    "六、其他需要报告的事项\n无。\n"
#define ALL_2019 "preamble overview proactive requests review_litigation problems other"

static void test_standard_2019_template(void **state)
{
    expect_ids(state, TITLE "一、总体情况\n正文。\n" BODY_2019, ALL_2019);
}

static void test_heading_spacing_styles(void **state)
{
    expect_ids(state, TITLE "一 、概  述\n正文。\n" BODY_2019, ALL_2019);
    expect_ids(state, TITLE "一 概 述\n正文。\n" BODY_2019, ALL_2019);
    expect_ids(state, TITLE "   一、总体情况。\n正文。\n" BODY_2019, ALL_2019);
    expect_ids(state, TITLE "## 一、总体情况\n正文。\n" BODY_2019, ALL_2019);
    /* a tab typed after the number (Word documents) */
    expect_ids(state, TITLE "一、\t总体情况\n正文。\n" BODY_2019, ALL_2019);
}

static void test_arabic_and_mixed_numbering(void **state)
{
    expect_ids(state,
               TITLE "1、 总体情况\n正文。\n二、主动公开政府信息情况\n表\n"
                     "三、收到和处理政府信息公开申请情况\n表\n"
                     "四、政府信息公开行政复议、行政诉讼情况\n表\n"
                     "5、 存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n无。\n",
               ALL_2019);
    expect_ids(state,
               TITLE "1.总体情况\n正文。\n2.主动公开政府信息情况\n表\n"
                     "3.收到和处理政府信息公开申请情况\n表\n",
               "preamble overview proactive requests");
}

static void test_problem_heading_spellings(void **state)
{
    static const char *const spellings[] = {
        "存在的主要问题及改进情况", "存在的主要问题和改进措施",
        "政府信息公开工作存在的主要问题及改进措施", "存在的问题及整改措施",
        "存在问题和改进措施", "主要问题和改进措施", "存在的问题和下一步工作",
        "存在问题及工作打算", "存在的主要问题"};
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, TITLE "一、总体情况\n正文。\n二、%s\n问题。\n",
                 spellings[i]);
        gk_report *r = parse(state, text);
        assert_int_equal(r->nsections, 3);
        if (strcmp(r->sections[2].id, "problems") != 0)
            fail_msg("'%s' read as %s", spellings[i], r->sections[2].id);
        gk_report_free(r);
    }
}

static void test_pre2019_template(void **state)
{
    expect_ids(state,
               "2017年某镇政府信息公开工作年度报告\n"
               "一、概述\n正文。\n二、主动公开政府信息的情况\n正文。\n"
               "三、依申请公开政府信息和不予公开政府信息情况\n正文。\n"
               "四、政府信息公开的收费及减免情况\n无。\n"
               "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n"
               "六、政府信息公开工作存在的主要问题及改进措施\n问题。\n"
               "七、其他需要报告的事项\n无。\n",
               "preamble overview proactive requests fees review_litigation "
               "problems other");
}

/* The short headings of older township reports (seen e.g. in a 2018 report
 * of a 镇 in 遂溪县 and in a 2012 city report): the fees part named after
 * 依申请, and 复议、诉讼 without 行政, with 申诉 beside them. */
static void test_pre2019_short_headings(void **state)
{
    expect_ids(state,
               "2018年某镇政府信息公开工作年度报告\n"
               "一、主动公开政府信息的情况\n正文。\n"
               "二、政府信息依申请公开办理情况\n本年度未收到申请。\n"
               "三、依申请信息公开收费情况\n没有收费。\n"
               "四、复议、诉讼和申诉情况\n没有发生。\n",
               "preamble proactive requests fees review_litigation");
    expect_ids(state,
               "2012年某县政府信息公开工作年度报告\n"
               "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n"
               "三、依申请公开政府信息情况\n正文。\n"
               "四、复议、诉讼情况\n无。\n"
               "五、依申请公开收费及减免情况\n无。\n"
               "六、主要问题和改进措施\n问题。\n",
               "preamble overview proactive requests review_litigation fees problems");
}

/* More headings of old-template reports as published (real 2009-2021
 * county, township and department reports): the year before 主动公开,
 * 政务公开 for 政府信息公开, the fees part as 支出与收费 or after
 * 工作人员, 依申请 before 行政复议, 行政机关/政府 before 依申请公开,
 * 基本工作情况 for the overview, and the closing 说明和附表. */
static void test_pre2019_published_heading_variants(void **state)
{
    expect_ids(state,
               "某县2015年政府信息公开工作年度报告\n"
               "一、基本工作情况\n正文。\n"
               "二、2015年政府信息主动公开工作\n正文。\n"
               "三、行政机关依申请公开政府信息和不予公开政府信息的情况\n正文。\n"
               "四、依申请公开政府信息收费情况\n无。\n"
               "五、依申请行政复议、提起行政诉讼的情况\n无。\n"
               "六、其他情况说明与附表\n无。\n",
               "preamble overview proactive requests fees review_litigation other");
    expect_ids(state,
               "某乡2021年政府信息公开工作年度报告\n"
               "一、概述\n正文。\n二、主动公开情况\n正文。\n"
               "三、政府依申请公开政府信息情况\n正文。\n"
               "四、政务公开的收费及减免情况\n无。\n"
               "五、因政务公开申请行政复议、提起行政诉讼的情况\n无。\n"
               "六、工作人员、政府支出与收费情况\n两人兼职。\n"
               "七、说明和附表\n见附表。\n",
               "preamble overview proactive requests fees review_litigation fees other");
    expect_ids(state,
               "某县2011年政府信息公开工作年度报告\n"
               "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n"
               "三、工作人员和政府收支情况\n两人兼职,未收费。\n"
               "四、其他需报告的事项\n无。\n",
               "preamble overview proactive fees other");
    expect_ids(state,
               "某县2014年政府信息公开工作年度报告\n"
               "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n"
               "三、政府信息公开支出与收费\n无。\n",
               "preamble overview proactive fees");
    /* 行政收费 for the fees part; the overview named for the year */
    expect_ids(state,
               "某镇2012年政府信息公开工作年度报告\n"
               "一、本年度政府信息公开总体情况\n正文。\n二、政府信息主动公开情况\n正文。\n"
               "三、政府信息公开行政收费和减免情况\n未收费。\n",
               "preamble overview proactive fees");
}

static void test_subsections_and_table_rows_are_not_sections(void **state)
{
    /* (一) subsections, the requests table's own 一、..四、 rows, and
     * sub-items numbered 1. inside the overview */
    expect_ids(state,
               TITLE "一、总体情况\n1.主动公开政府信息情况。全年公开100条。\n"
                     "2.依申请公开情况。未收到申请。\n"
                     "二、主动公开政府信息情况\n表\n"
                     "三、收到和处理政府信息公开申请情况\n"
                     "一、本年新收政府信息公开申请数量\t0\n"
                     "四、结转下年度继续办理\t0\n"
                     "四、政府信息公开行政复议、行政诉讼情况\n表\n"
                     "五、存在的主要问题及改进情况\n(一)存在的主要问题\n问题。\n"
                     "(二)改进措施\n措施。\n"
                     "六、其他需要报告的事项\n(三)依申请公开政府信息情况\n无。\n",
               ALL_2019);
}

static void test_whole_report_on_one_line(void **state)
{
    char text[4096];
    snprintf(text, sizeof text,
             "某镇人民政府2021年政府信息公开工作年度报告 一、总体情况 2021年，我镇"
             "认真贯彻落实《条例》%s。 二、主动公开政府信息情况 第二十条第(一)项 信息内容"
             " 三、收到和处理政府信息公开申请情况 表格 四、政府信息公开行政复议、"
             "行政诉讼情况 表格 五、存在的主要问题及改进情况 一是公开不及时。"
             " 六、其他需要报告的事项 无。",
             "，进一步提升政府工作透明度，切实满足社会公众获取和利用政府信息的需求"
             "，持续推动打造法治政府、创新政府、廉洁政府和服务型政府，促进经济社会"
             "健康发展");
    gk_report *r = parse(state, text);
    char *got = ids(r);
    assert_string_equal(got, ALL_2019);
    free(got);
    assert_string_equal(r->sections[5].title, "五、存在的主要问题及改进情况");
    assert_int_equal(r->year, 2021);
    assert_string_equal(r->place.township, "某镇");
    gk_report_free(r);
}

static void test_section_titles_and_ranges(void **state)
{
    const char *text = TITLE "#### 五、存在的主要问题及改进情况\n问题。\n";
    gk_report *r = parse(state, text);
    assert_int_equal(r->nsections, 2);
    assert_string_equal(r->sections[1].title, "五、存在的主要问题及改进情况");
    /* sections cover the text without gaps */
    assert_int_equal(r->sections[0].start, 0);
    assert_int_equal(r->sections[0].end, r->sections[1].start);
    assert_int_equal(r->sections[1].end, r->len);
    gk_report_free(r);
}

static void test_title_split_over_two_lines(void **state)
{
    gk_report *r = parse(state, "德惠市布海镇人民政府\n2020年政府信息公开工作年度报告\n"
                                "一、总体情况\n正文。\n");
    assert_string_equal(r->title, "德惠市布海镇人民政府2020年政府信息公开工作年度报告");
    assert_string_equal(r->place.county, "德惠市");
    assert_string_equal(r->place.township, "布海镇");
    assert_int_equal(r->year, 2020);
    gk_report_free(r);
}

static void test_year_forms(void **state)
{
    static const struct {
        const char *title;
        int year;
    } cases[] = {
        {"曲峨镇 2020 年政府信息公开年度报告", 2020},
        {"2018年建新镇政府信息公开工作年度报告", 2018},
        {"某镇2018度政府信息公开工作年度报告", 2018},
        {"某镇二〇二一年政府信息公开工作年度报告", 2021},
        {"某镇二0一七年政府信息公开工作年度报告", 2017},
        {"某镇2021年度政府信息公开工作年度报告", 2021},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s\n一、总体情况\n正文。\n二、主动公开政府信息情况\n表\n",
                 cases[i].title);
        gk_report *r = parse(state, text);
        if (r->year != cases[i].year)
            fail_msg("'%s': year %d, expected %d", cases[i].title, r->year, cases[i].year);
        gk_report_free(r);
    }
}

static void test_year_is_not_the_signing_date(void **state)
{
    /* no year in the title: the statistics period decides, not the date of
     * signing in January of the next year */
    gk_report *r = parse(state,
                         "政府信息公开工作年度报告\n本报告统计数据期限为2021年1月1日"
                         "至2021年12月31日。\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
                         "表\n某镇人民政府\n2022年1月20日\n");
    assert_int_equal(r->year, 2021);
    gk_report_free(r);
}

static void test_issuing_body_forms(void **state)
{
    static const struct {
        const char *text;
        const char *county, *township;
    } cases[] = {
        {"彭阳县白阳镇人民政府 2020年政府信息公开工作年度报告\n一、总体情况\n", "彭阳县", "白阳镇"},
        {"临北回族乡2020年政府信息公开工作年度报告\n一、总体情况\n", "", "临北回族乡"},
        {"湖镇镇2020年政府信息公开工作年度报告\n一、总体情况\n", "", "湖镇镇"},
        {"某区新华街道办事处2020年政府信息公开工作年度报告\n一、总体情况\n", "某区", "新华街道"},
        {"新市镇2020年政府信息公开工作年度报告\n一、总体情况\n", "", "新市镇"},
        /* the body only in the preamble */
        {"2020年政府信息公开工作年度报告\n本报告是彭阳县白阳镇人民政府依据《条例》编制。\n"
         "一、总体情况\n", "彭阳县", "白阳镇"},
        /* the body only in the signature */
        {"2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
         "表。\n巫溪县峰灵镇人民政府\n2021年1月15日\n", "巫溪县", "峰灵镇"},
        /* a department: a county but no township */
        {"彭阳县水务局2020年政府信息公开工作年度报告\n一、总体情况\n", "彭阳县", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gk_report *r = parse(state, cases[i].text);
        assert_int_equal(r->kind, GK_KIND_REPORT);
        if (strcmp(r->place.county, cases[i].county) != 0 ||
            strcmp(r->place.township, cases[i].township) != 0)
            fail_msg("case %zu: county '%s' township '%s', expected '%s' '%s'", i,
                     r->place.county, r->place.township, cases[i].county,
                     cases[i].township);
        gk_report_free(r);
    }
}

static void test_city_and_province_prefixes(void **state)
{
    gk_report *r = parse(state, "宁夏回族自治区固原市彭阳县白阳镇人民政府2020年政府信息公开"
                                "工作年度报告\n一、总体情况\n");
    assert_string_equal(r->place.township, "白阳镇");
    assert_string_equal(r->place.county, "彭阳县");
    assert_string_equal(r->place.city, "固原市");
    assert_string_equal(r->place.province, "宁夏回族自治区");
    gk_report_free(r);
}

/* Titles not on a "body + year" first line, as published pages write
 * them (folded text: ASCII ':' and '>'). */
static void test_title_forms_of_published_pages(void **state)
{
    static const struct {
        const char *text;
        const char *title, *township, *county;
    } cases[] = {
        /* year first */
        {"2019年临北回族乡政府信息公开工作年度报告\n", "2019年临北回族乡政府信息公开工作年度报告",
         "临北回族乡", ""},
        /* glued after a breadcrumb */
        {"您当前所在位置: 首页 > 乡镇信息公开 > 布海镇 > 布海镇2019年政府信息公开工作年度报告\n",
         "布海镇2019年政府信息公开工作年度报告", "布海镇", ""},
        /* the breadcrumb's last part is a column ending in 年度报告 */
        {"首页 > 乡镇 > 曲峨镇 > 年度报告曲峨镇2020年政府信息公开工作年度报告\n",
         "曲峨镇2020年政府信息公开工作年度报告", "曲峨镇", ""},
        /* a breadcrumb ending in the column of reports, the title below */
        {"首页 > 乡镇信息公开 > 临北回族乡 > 信息公开年报\n2020年政府信息公开工作年度报告\n",
         "2020年政府信息公开工作年度报告", "临北回族乡", ""},
        /* a breadcrumb through a column of reports, the title below */
        {"您现在所在的位置 : 首页 > 政府信息公开 > 信息公开年度报告 > 2020年度\n"
         "峰灵镇人民政府2020年政府信息公开工作年度报告\n",
         "峰灵镇人民政府2020年政府信息公开工作年度报告", "峰灵镇", ""},
        /* after the page's metadata, one label naming a report column */
        {"索 引 号: 640425/2020-00012 | 发布机构: 白阳镇人民政府\n"
         "组配分类: 政府信息公开年度报告\n发布日期: 2020-01-20\n"
         "白阳镇2019年政府信息公开工作年度报告\n",
         "白阳镇2019年政府信息公开工作年度报告", "白阳镇", ""},
        /* the title as the value of a 名称 label */
        {"• 名称:2020年彭阳县水务局政府信息公开工作年度报告\n• 文号:\n",
         "2020年彭阳县水务局政府信息公开工作年度报告", "", "彭阳县"},
        /* written twice on its line by the page */
        {"彭阳县水务局2021年政府信息公开工作年度报告 彭阳县水务局2021年政府信息公开工作年度报告 |\n",
         "彭阳县水务局2021年政府信息公开工作年度报告", "", "彭阳县"},
        /* only in 《…》 in a sentence */
        {"根据《中华人民共和国政府信息公开条例》要求,现发布《德惠市布海镇2021年政府信息公开"
         "工作年度报告》。\n",
         "德惠市布海镇2021年政府信息公开工作年度报告", "布海镇", "德惠市"},
        /* in 《》 in a short sentence of its own */
        {"现将《白阳镇2019年政府信息公开工作年度报告》公布如下。\n",
         "白阳镇2019年政府信息公开工作年度报告", "白阳镇", ""},
        /* in 《》 after a verb that is no lead word */
        {"根据条例和上级关于年度报告编制的要求,我镇编制完成《德惠市布海镇2022年政府信息公开"
         "工作年度报告》(以下简称《年报》)。\n",
         "德惠市布海镇2022年政府信息公开工作年度报告", "布海镇", "德惠市"},
        /* a site's header line: no body joined to a title that has one */
        {"彭阳县人民政府\n彭阳县水务局 2021年政府信息公开工作年度报告\n",
         "彭阳县水务局 2021年政府信息公开工作年度报告", "", "彭阳县"},
        /* the page's title without the body, repeated below with it */
        {"2015年政府信息公开工作年度报告\n索 引 号: 0086/2016-00004\n巫溪县峰灵镇人民政府\n"
         "2015年政府信息公开工作年度报告\n",
         "巫溪县峰灵镇人民政府2015年政府信息公开工作年度报告", "峰灵镇", "巫溪县"},
        /* 关于 between the body and the year */
        {"峰灵镇人民政府关于2019年度政府信息公开工作的报告\n",
         "峰灵镇人民政府关于2019年度政府信息公开工作的报告", "峰灵镇", ""},
        /* the body's 人民政府 glued to 信息公开 */
        {"2015年彭阳县人民政府信息公开年度报告\n", "2015年彭阳县人民政府信息公开年度报告", "",
         "彭阳县"},
        /* a breadcrumb of '|' parts: the last, a column, is no title */
        {"网站首页 | 政务公开 | 信息公开年报\n布海镇2018年政府信息公开工作年度报告\n",
         "布海镇2018年政府信息公开工作年度报告", "布海镇", ""},
        /* in a sentence without 《》 */
        {"按照县政府办公室的统一部署,现向社会公布2022年彭阳县水务局政府信息公开工作年度报告。"
         "报告共六个部分。\n",
         "2022年彭阳县水务局政府信息公开工作年度报告", "", "彭阳县"},
        /* in a sentence that ends with 如下 */
        {"结合本局实际,特编制并向社会公布彭阳县水务局2016年度政府信息公开年度报告如下:\n",
         "彭阳县水务局2016年度政府信息公开年度报告", "", "彭阳县"},
        /* a page header that is the bare place, the title in 现将…如下 */
        {"彭阳县\n发布时间:2022-01-18\n依照条例,现将彭阳县2021年政府信息公开工作年度报告如下,"
         "统计期限为全年。\n",
         "彭阳县2021年政府信息公开工作年度报告", "", "彭阳县"},
        /* metadata in pipe rows, one of them opening with no label: the
         * title is the 标题 cell's */
        {"索引号 | 640425/2022-00031 | 发布机构 | 彭阳县水务局 |\n"
         "公开目录 | 部门信息公开年报 | 发布日期 | 2022-01-20 |\n"
         "标题 | 彭阳县水务局2021年政府信息公开工作年度报告 |\n",
         "彭阳县水务局2021年政府信息公开工作年度报告", "", "彭阳县"},
        /* a header's title without the year, the full one below */
        {"• 彭阳县水务局\n• 政府信息公开年度报告\n• 2022-01-20\n"
         "彭阳县水务局2021年政府信息公开工作年度报告\n",
         "彭阳县水务局2021年政府信息公开工作年度报告", "", "彭阳县"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        /* one numbered heading visible: the title alone makes it a report */
        snprintf(text, sizeof text, "%s一、总体情况\n今年我们认真做好公开工作。\n", cases[i].text);
        gk_report *r = parse(state, text);
        if (r->kind != GK_KIND_REPORT || strcmp(r->title, cases[i].title) != 0 ||
            strcmp(r->place.township, cases[i].township) != 0 ||
            strcmp(r->place.county, cases[i].county) != 0)
            fail_msg("case %zu: %s '%s' township '%s' county '%s'", i,
                     gk_report_kind_name(r->kind), r->title, r->place.township, r->place.county);
        gk_report_free(r);
    }
}

/* A report with no title line named in a sentence of its opening: with
 * its body it is the title (also as the sentence's subject, before 是);
 * without its body, the name from its year on is the title only when
 * nothing better is found, and never makes a document a report. */
static void test_title_named_in_a_sentence(void **state)
{
    fixture *f = *state;
    gk_report_rules rules = {f->sections, f->places, f->title_words};
    static const struct {
        const char *text, *title;
    } cases[] = {
        {"柳泉镇2019年政府信息公开年度报告是根据《条例》和上级要求编制的。\n", "柳泉镇2019年政府信息公开年度报告"},
        {"根据《条例》规定,结合我乡实际,编制我乡2013年政府信息公开工作年度报告。\n",
         "2013年政府信息公开工作年度报告"},
        {"依照《条例》,现向社会公布2017年度政府信息公开年度报告。\n", "2017年度政府信息公开年度报告"},
        {"按照县里要求,编制本单位2023年度政务公开工作年度报告。\n", "2023年度政务公开工作年度报告"},
        {"我乡根据《条例》,特向社会公开2011年度政府信息公开年度报告。\n",
         "2011年度政府信息公开年度报告"},
        {"依照《条例》,现特向社会公布2015年度我街道信息公开工作年度报告。\n",
         "2015年度我街道信息公开工作年度报告"},
        /* a name that does not say whose disclosure it is, or is no annual
         * report's name: no title */
        {"依照《条例》,特向社会公布2010年度本机关信息公开年度报告。\n", ""},
        {"依照《条例》,向社会公布2021年信息公开工作年度报告。\n", ""},
        {"依照《条例》,县政府办公室编制了2016年政府信息公开工作报告。\n", ""},
        /* a notice's title in 《》 is no report's name, even with a year in it */
        {"根据《关于做好2023年度政府信息公开工作年度报告》要求,我们认真做了总结。\n", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n",
                 cases[i].text);
        gk_report *r = parse(state, text);
        assert_int_equal(gk_report_use_page(r, &rules, text, strlen(text)), GK_OK);
        if (r->kind != GK_KIND_REPORT || strcmp(r->title, cases[i].title) != 0)
            fail_msg("case %zu: %s '%s'", i, gk_report_kind_name(r->kind), r->title);
        gk_report_free(r);
    }
    /* a notice asking for the reports stays a document */
    const char *notice = "关于做好政务公开工作的通知\n各单位:\n"
                         "各单位要于1月31日前,在门户网站发布本单位2024年政府信息公开工作年度报告。\n";
    gk_report *r = parse(state, notice);
    assert_int_equal(gk_report_use_page(r, &rules, notice, strlen(notice)), GK_OK);
    assert_int_equal(r->kind, GK_KIND_DOCUMENT);
    assert_string_equal(r->title, "关于做好政务公开工作的通知");
    gk_report_free(r);
}

/* A document whose own title line names another kind of document stays
 * one, even with headings like a report's parts; a report whose title
 * names only its bare place is issued by that place's government when the
 * text names it. */
static void test_other_documents_and_bare_places(void **state)
{
    gk_report *r = parse(state, "当前位置:首页 > 政务公开 > 彭阳县水务局 > 信息公开指南\n"
                                "彭阳县水务局政府信息公开指南\n为方便群众,我局编制本指南。\n"
                                "一、主动公开\n正文。\n二、依申请公开\n正文。\n");
    assert_int_equal(r->kind, GK_KIND_DOCUMENT);
    assert_string_equal(r->title, "彭阳县水务局政府信息公开指南");
    gk_report_free(r);
    r = parse(state, "彭阳县\n依照条例,现将彭阳县2021年政府信息公开工作年度报告如下,统计期限为全年。\n"
                     "一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n"
                     "本报告由固原市彭阳县人民政府编制。\n");
    assert_int_equal(r->kind, GK_KIND_REPORT);
    assert_string_equal(r->title, "彭阳县2021年政府信息公开工作年度报告");
    assert_string_equal(r->body, "彭阳县人民政府");
    gk_report_free(r);
}

static void test_no_title_at_all(void **state)
{
    gk_report *r = parse(state, "根据条例的要求,我镇认真做好政府信息公开工作。\n"
                                "一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n"
                                "三、收到和处理政府信息公开申请情况\n表。\n");
    assert_int_equal(r->kind, GK_KIND_REPORT);
    assert_string_equal(r->title, "");
    assert_string_equal(r->body, "");
    gk_report_free(r);
}

/* The body when the title does not give it: the preamble, the signature,
 * the page's metadata, the breadcrumb; none when they contradict. */
static void test_body_from_every_place_the_text_gives_it(void **state)
{
    static const struct {
        const char *text;
        const char *body;
    } cases[] = {
        {"2020年政府信息公开工作年度报告\n根据《条例》要求,由彭阳县白阳镇人民政府编制本报告。\n",
         "彭阳县白阳镇人民政府"},
        {"2020年政府信息公开工作年度报告\n本年报是根据《条例》和县政府办公室的通知要求,"
         "由峰灵镇人民政府编制。\n", "峰灵镇人民政府"},
        {"2020年政府信息公开工作年度报告\n发布机构:彭阳县白阳镇人民政府  发布日期:2021-01-15\n",
         "彭阳县白阳镇人民政府"},
        {"2020年政府信息公开工作年度报告\n"
         "您当前所在位置: 首页 > 乡镇信息公开 > 临北回族乡 > 信息公开年报\n", "临北回族乡"},
        /* the office of a township government: the township */
        {"2020年政府信息公开工作年度报告\n本报告由白阳镇人民政府办公室编制。\n",
         "白阳镇人民政府办公室"},
        /* a clause that opens with the body */
        {"根据条例及上级有关规定,彭阳县水务局编制了本年度报告。\n", "彭阳县水务局"},
        /* an address that is the body's name; the one to contact */
        {"2011年政府信息公开年度报告\n如有疑问请与我乡联系(地址:彭阳县白阳镇人民政府;"
         "邮编:756500)。\n", "彭阳县白阳镇人民政府"},
        {"2021年政府信息公开年度报告\n如有疑问,可与峰灵镇人民政府党政办公室联系。\n",
         "峰灵镇人民政府"},
        /* metadata as a header row and a row of values below it */
        {"索引号 | 公开方式 | 发布机构 |\n640425/2010-00012 | 主动公开 | 彭阳县白阳镇人民政府 |\n"
         "根据《条例》,特向社会公布本机关信息公开年度报告。\n", "彭阳县白阳镇人民政府"},
        /* an office's disclosure centre: its government */
        {"2017年政府信息公开年度报告\n如有疑问,请与德惠市人民政府办公室政府信息公开中心"
         "联系。\n", "德惠市人民政府"},
        /* a bare place and its government's name: the government */
        {"2022年政府信息公开年度报告\n2022年,德惠市按照上级部署推进公开。如需咨询,"
         "请与德惠市人民政府办公室联系。\n", "德惠市人民政府"},
        /* the office that compiled it and its government: the government */
        {"2020年政府信息公开年度报告\n本报告由白阳镇人民政府党政办公室编制。如有疑问,"
         "请与白阳镇人民政府党政办公室联系。\n", "白阳镇人民政府"},
        /* a township's office under its district's government: the
         * township, as the text names it */
        {"2019年政府信息公开年度报告\n如有疑问,请与德惠市人民政府布海镇办公室联系,"
         "电话:0431-7654321。\n", "德惠市人民政府布海镇"},
        /* the one to contact with its 与 lost, an office by a short name */
        {"2022年政府信息公开年度报告\n若有疑问,可布海街道办事处党政办联系,电话:0431-1234567。\n",
         "布海街道办事处"},
        /* the subject of the opening sentence, after its year */
        {"2022年,德惠市人民政府办公室在市政府办公厅的指导下,做好信息发布。\n",
         "德惠市人民政府办公室"},
        {"白阳镇认真贯彻落实《条例》,健全信息公开制度。\n", "白阳镇"},
        {"2022年,我镇认真贯彻落实《条例》,健全信息公开制度。\n", ""},
        /* the one to contact names no place: no body */
        {"2021年政府信息公开年度报告\n如有疑问,请与县政府办公室联系。\n", ""},
        /* 我镇, 我局 are no bodies */
        {"2020年政府信息公开工作年度报告\n我局根据条例编制本报告。\n", ""},
        /* words for a place are no body */
        {"2020年政府信息公开工作年度报告\n首页 > 信息公开 > 乡镇街道 > 年报\n", ""},
        /* the preamble and the signature disagree: unknown */
        {"2020年政府信息公开工作年度报告\n本报告由白阳镇人民政府编制。\n", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "%s一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n%s",
                 cases[i].text, i + 1 == sizeof cases / sizeof cases[0]
                                    ? "布海镇人民政府\n2021年1月20日\n" : "");
        gk_report *r = parse(state, text);
        if (strcmp(r->body, cases[i].body) != 0)
            fail_msg("case %zu: body '%s', expected '%s'", i, r->body, cases[i].body);
        gk_report_free(r);
    }
    /* the signature with its date on the same line */
    gk_report *r = parse(state, "2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
                                "二、主动公开政府信息情况\n表。\n德惠市布海镇人民政府 2021年1月20日\n");
    assert_string_equal(r->body, "德惠市布海镇人民政府");
    gk_report_free(r);
    r = parse(state, "2020年政府信息公开工作年度报告\n本报告由白阳镇人民政府办公室编制。\n"
                     "一、总体情况\n");
    assert_string_equal(r->place.township, "白阳镇");
    gk_report_free(r);
    /* a government named before its street office */
    r = parse(state, "2012年政府信息公开工作年度报告\n一、概述\n正文。\n二、主动公开政府信息情况\n"
                     "表。\n德惠市人民政府布海镇人民政府\n2013年3月5日\n");
    assert_string_equal(r->place.township, "布海镇");
    assert_string_equal(r->place.county, "德惠市");
    gk_report_free(r);
    /* a title naming the bare county-level place: its government, when
     * the opening text names it formally (here only through a site's
     * name and the contact office's city) */
    r = parse(state, "德惠市2020年政府信息公开工作年度报告\n本报告由德惠市政务公开办公室"
                     "编制,通过长春市德惠市人民政府门户网站公布。\n一、总体情况\n");
    assert_string_equal(r->body, "德惠市人民政府");
    assert_string_equal(r->place.county, "德惠市");
    gk_report_free(r);
    /* only the colloquial 政府 of an address: the bare place stays */
    r = parse(state, "布海镇2020年政府信息公开工作年度报告\n如有疑问,请与布海镇党政办公室"
                     "联系(地址:德惠市布海镇政府大院)。\n一、总体情况\n");
    assert_string_equal(r->body, "布海镇");
    assert_string_equal(r->place.township, "布海镇");
    gk_report_free(r);
    /* a department's title: never completed into a government */
    r = parse(state, "德惠市水务局2020年政府信息公开工作年度报告\n德惠市人民政府门户网站"
                     "公布本报告。\n一、总体情况\n");
    assert_string_equal(r->body, "德惠市水务局");
    gk_report_free(r);
    /* a department naming no county: the county the preamble's body gives */
    r = parse(state, "县水务局2020年政府信息公开工作年度报告\n本报告由彭阳县水务局编制。\n"
                     "一、总体情况\n");
    assert_string_equal(r->body, "县水务局");
    assert_string_equal(r->place.county, "彭阳县");
    assert_string_equal(r->place.township, "");
    gk_report_free(r);
}

/* What a mirrored copy adds (一,、 for 一、, '?' at line ends and before a
 * heading) does not hide the headings or the signature. */
static void test_marks_a_mirror_doubles(void **state)
{
    const char *text = "根据《条例》要求,编制本报告,。?\n"
                       "一,、政府信息公开工作情况?\n正文,,正文,。?\n"
                       "?二、主动公开政府信息情况?\n全年公开信息90条,。?\n"
                       "三,、依申请公开政府信息情况?\n无,。?\n"
                       "四,、存在的主要问题和下一步工作打算?\n问题,。?\n"
                       "彭阳县人民政府办公室?\n2018年1月22日?\n";
    gk_report *r = parse(state, text);
    assert_int_equal(r->kind, GK_KIND_REPORT);
    char *got = ids(r);
    assert_string_equal(got, "preamble overview proactive requests problems");
    free(got);
    assert_string_equal(r->body, "彭阳县人民政府办公室");
    gk_report_free(r);
    /* 一) that lost its opening bracket is a sub-section; 当前存在的… the
     * problems part */
    expect_ids(state,
               TITLE "一、总体情况\n一)主动公开情况。全年公开信息9条。\n"
                     "二)依申请公开情况。无。\n二、主动公开政府信息情况\n表\n"
                     "三、当前存在的主要问题及下步改进措施\n问题。\n",
               "preamble overview proactive problems");
}

/* A report that opens with its first part names itself in that part's
 * first paragraph: the title, when the name gives its body. */
static void test_title_in_the_first_part(void **state)
{
    gk_report *r = parse(state, "一、总体情况\n2022年,按照上级要求,我街道特公布2022年度德惠市"
                                "布海街道办事处政府信息公开工作年度报告。本报告包括…\n"
                                "二、主动公开政府信息情况\n表。\n三、收到和处理政府信息公开申请情况\n");
    assert_string_equal(r->title, "2022年度德惠市布海街道办事处政府信息公开工作年度报告");
    assert_string_equal(r->place.township, "布海街道");
    gk_report_free(r);
    r = parse(state, "一、总体情况\n白阳镇结合实际,形成2020年度白阳镇政府信息公开年度报告。\n"
                     "二、主动公开政府信息情况\n表。\n");
    assert_string_equal(r->title, "2020年度白阳镇政府信息公开年度报告");
    gk_report_free(r);
    /* a name without its body there is no title */
    r = parse(state, "一、总体情况\n我镇形成2020年度政府信息公开年度报告。\n"
                     "二、主动公开政府信息情况\n表。\n");
    assert_string_equal(r->title, "");
    gk_report_free(r);
}

/* Old reports call their proactive part 政府信息公开情况 or 公开政府信息情况
 * right after the overview; elsewhere those words are no heading. */
static void test_proactive_part_without_zhudong(void **state)
{
    expect_ids(state,
               "某乡2014年政府信息公开工作年度报告\n一、概述\n正文。\n二、政府信息公开情况\n"
               "公开信息53条。\n三、依申请公开情况\n无。\n四、复议、诉讼和申诉情况\n无。\n",
               "preamble overview proactive requests review_litigation");
    expect_ids(state,
               "某局2014年政府信息公开工作年度报告\n一、工作开展情况\n正文。\n二、公开政府信息情况\n"
               "公开信息53条。\n三、依申请公开和不予公开情况\n无。\n",
               "preamble overview proactive requests");
    /* after another part it stays inside that part */
    expect_ids(state,
               "某乡2014年政府信息公开工作年度报告\n一、概述\n正文。\n二、依申请公开情况\n无。\n"
               "三、政府信息公开情况\n正文。\n四、存在的主要问题\n问题。\n",
               "preamble overview requests problems");
}

/* A report numbered from 二 whose first heading stands unnumbered on its
 * own line before it: that line is the first part's heading. */
/* Dates as reports write them, read as yyyymmdd; what is no real date is 0. */
static void test_date_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int date;
    } cases[] = {
        {"2022年1月20日", 20220120},
        {"2022 年 01 月 05 日", 20220105},
        {"二〇二二年一月二十日", 20220120},
        {"二〇二一年元月八日", 20210108},
        {"二0一九年三月三十一日", 20190331},
        {"２０２３年２月１日", 20230201}, /* full-width digits */
        {"2024-01-29 10:21", 20240129},
        {"2020/1/6", 20200106},
        {"2017.03.16", 20170316},
        {"2021年2月30日", 0},  /* no such day */
        {"2020年2月29日", 20200229},
        {"2022年13月1日", 0},
        {"2022年1月", 0},       /* a month, no day */
        {"2022-01-20-3", 20220120},
        {"20181月1日", 0},      /* garbled */
        {"2022-1/20", 0},       /* mixed separators */
        {"第2022号", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = gk_report_date_at(cases[i].text, strlen(cases[i].text), NULL);
        if (got != cases[i].date)
            fail_msg("%s: %d, expected %d", cases[i].text, got, cases[i].date);
    }
    size_t used = 0;
    const char *s = "2022年1月20日发布";
    assert_int_equal(gk_report_date_at(s, strlen(s), &used), 20220120);
    assert_int_equal(used, strlen("2022年1月20日"));
}

/* The date under the signature: alone on its line, after the body on the
 * same line, in Chinese numerals; a date inside the year reported on, or in
 * a sentence, is not the signing date. */
static void test_signed_date_under_the_signature(void **state)
{
    static const struct {
        const char *text;
        int date;
    } cases[] = {
        {"某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
         "六、其他需要报告的事项\n无。\n\n某镇人民政府\n2022年1月18日\n", 20220118},
        {"某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
         "六、其他需要报告的事项\n无。\n某县某镇人民政府 二〇二二年一月二十六日\n", 20220126},
        {"某局2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
         "六、其他需要报告的事项\n无。\n   （2021年3月2日）  \n\n", 20210302},
        /* the statistics period's end: inside the year reported on */
        {"某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
         "六、其他需要报告的事项\n统计截至：\n2021年12月31日\n", 0},
        /* a sentence that ends in a date is no signature */
        {"某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
         "六、其他需要报告的事项\n本报告经镇党委会议审议，于2022年1月10日\n", 0},
        /* no date at all */
        {"某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
         "六、其他需要报告的事项\n无。\n", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gk_report *r = parse(state, cases[i].text);
        if (r->signed_date != cases[i].date)
            fail_msg("case %zu: %d, expected %d", i, r->signed_date, cases[i].date);
        gk_report_free(r);
    }
}

/* No date under the report: its page's 发布日期 (or 发布时间, 日期, a table
 * cell after the label) gives it; a date the signature gives wins. */
static void test_signed_date_from_the_page(void **state)
{
    fixture *f = *state;
    gk_report_rules rules = {f->sections, f->places, f->title_words};
    static const struct {
        const char *page;
        int date;
    } cases[] = {
        {"索引号:0001/2022-00003 发布机构:某镇 发布日期:2022-01-24 点击数:\n", 20220124},
        {"发布时间： 2023-02-01 10:05:33  来源：某区政府办\n", 20230201},
        {"成文日期 | 2022-01-20 | 发布机构 | 某街道 |\n", 20220120},
        {"日期:2022-03-28\n字体:【大 中 小】\n", 20220328},
        /* no label: a date with its time of day in the header */
        {"某市人民政府门户网站 www.example.cn   2022年02月14日 10時12分  来源:\n", 20220214},
        {"浏览次数:12  2022-02-15 09:30\n", 20220215},
        /* a date opening the header line, a label right after it */
        {"某街道办事处\n2022年02月16日来源:区政务办\n[字体: ] 打印\n", 20220216},
        {"统计时间为2021年1月1日至2021年12月31日\n", 0}, /* no label: a sentence */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gk_report *r = parse(state, "某镇人民政府2021年政府信息公开工作年度报告\n"
                                    "一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n");
        assert_int_equal(r->signed_date, 0);
        assert_int_equal(gk_report_use_page(r, &rules, cases[i].page, strlen(cases[i].page)),
                         GK_OK);
        if (r->signed_date != cases[i].date)
            fail_msg("case %zu: %d, expected %d", i, r->signed_date, cases[i].date);
        gk_report_free(r);
    }
    gk_report *r = parse(state, "某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n"
                                "正文。\n六、其他需要报告的事项\n无。\n某镇人民政府\n2022年1月18日\n");
    const char *page = "发布日期:2022-02-09\n";
    assert_int_equal(gk_report_use_page(r, &rules, page, strlen(page)), GK_OK);
    assert_int_equal(r->signed_date, 20220118);
    gk_report_free(r);
}

static void test_unnumbered_first_heading(void **state)
{
    expect_ids(state,
               "本报告依据《条例》编制。\n总体情况\n2019年,我镇推进公开。\n"
               "二、主动公开政府信息情况\n表。\n三、收到和处理政府信息公开申请情况\n表。\n",
               "preamble overview proactive requests");
    /* numbered from 一: an unnumbered line stays inside its part */
    expect_ids(state,
               TITLE "一、总体情况\n正文。\n主动公开政府信息情况\n正文。\n"
                     "二、收到和处理政府信息公开申请情况\n表。\n",
               "preamble overview requests");
}

/* A text that opens with the page's metadata and then its first part has
 * no preamble: the metadata goes with the first part, still searchable. */
static void test_metadata_alone_is_no_preamble(void **state)
{
    const char *text = "索 引 号 | H0/2023-1 | 成文日期 | 2023-01-10 |\n"
                       "发布机构 | 布海街道 | 主题分类 | 政务公开 |\n"
                       "一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n";
    gk_report *r = parse(state, text);
    char *got = ids(r);
    assert_string_equal(got, "overview proactive");
    free(got);
    assert_int_equal(r->sections[0].start, 0);
    assert_string_equal(r->sections[0].title, "一、总体情况");
    gk_report_free(r);
    /* with a sentence of the report before the first part: a preamble */
    expect_ids(state,
               "发布机构 | 布海街道 | 主题分类 | 政务公开 |\n本报告依据《条例》编制。\n"
               "一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n",
               "preamble overview proactive");
}

/* A label written with blanks between its characters and no colon
 * (标      题 某局…) is the page's metadata, its value the title. */
static void test_spaced_labels_without_colon(void **state)
{
    gk_report *r = parse(state, "标      题 彭阳县审计局2024年政务信息公开工作年度报告\n"
                                "发布机构 彭阳县审计局 发布日期 2025-01-20\n"
                                "一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n");
    assert_string_equal(r->title, "彭阳县审计局2024年政务信息公开工作年度报告");
    assert_string_equal(r->body, "彭阳县审计局");
    assert_string_equal(r->place.county, "彭阳县");
    gk_report_free(r);
}

/* A news item whose headline says a body published its report is no
 * report, and keeps its headline as its title below the page's chrome. */
static void test_headline_about_a_report_is_a_document(void **state)
{
    gk_report *r = parse(state, "EN\n\n彭阳县发布2020年政府信息公开工作年度报告\n"
                                "2021-03-30 来源: 固原日报\n本报讯 近日,彭阳县人民政府在门户网站"
                                "发布2020年政府信息公开工作年度报告,报告分为总体情况、主动公开"
                                "政府信息情况等六个部分。\n");
    assert_int_equal(r->kind, GK_KIND_DOCUMENT);
    assert_string_equal(r->title, "彭阳县发布2020年政府信息公开工作年度报告");
    assert_int_equal(r->year, 0);
    gk_report_free(r);
}

/* Notices about reports stay documents, however they mention them. */
static void test_notices_that_mention_reports_are_documents(void **state)
{
    static const char *const notices[] = {
        "关于做好2020年政府信息公开工作年度报告编制和发布工作的通知\n各乡镇、各部门:\n"
        "请于2021年1月31日前报送本单位年度报告。\n一、主动公开政府信息情况要写全\n",
        "关于报送政务公开材料的通知\n各单位:\n请于1月31日前报送《2020年政府信息公开工作"
        "年度报告》。\n一、总体情况要写实\n",
        /* an interpretation of a report */
        "【文稿解读】峰灵镇人民政府2021年政府信息公开工作年度报告\n《报告》梳理了全年的"
        "主动公开情况。\n一、总体情况\n",
        /* a one-line opening that only mentions a notice on reports */
        "根据县政府办公室《关于做好2023年度政府信息公开工作年度报告编制发布工作的通知》要求,"
        "我局认真做好政府信息公开工作,现将有关情况通报如下,请各股室认真对照。\n"
        "一、总体情况要写实\n",
    };
    for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++) {
        gk_report *r = parse(state, notices[i]);
        if (r->kind != GK_KIND_DOCUMENT)
            fail_msg("notice %zu read as a report titled '%s'", i, r->title);
        gk_report_free(r);
    }
}

/* The page noise cut from the text still names the title and the body:
 * gk_report_use_page reads them from the page. */
static void test_what_the_page_around_the_report_says(void **state)
{
    fixture *f = *state;
    gk_report_rules rules = {f->sections, f->places, f->title_words};
    static const char body[] = "本年报是根据规定要求编制的年度报告。\n一、概述\n正文。\n"
                               "二、主动公开政府信息的情况\n表。\n";
    /* the title glued to a breadcrumb that was cut as noise */
    const char *page = "您现在的位置: | 首页 | > 信息公开 > 年度报告布海镇2017年度政府信息公开"
                       "年度报告 | |||\n本年报是根据规定要求编制的年度报告。\n一、概述\n";
    gk_report *r = parse(state, body);
    assert_string_equal(r->title, "");
    assert_int_equal(gk_report_use_page(r, &rules, page, strlen(page)), GK_OK);
    assert_string_equal(r->title, "布海镇2017年度政府信息公开年度报告");
    assert_string_equal(gk_report_display_title(r), "布海镇2017年度政府信息公开年度报告");
    assert_string_equal(r->body, "布海镇");
    assert_string_equal(r->place.township, "布海镇");
    assert_int_equal(r->year, 2017);
    gk_report_free(r);
    /* a department naming no county, the county only in the breadcrumb */
    r = parse(state, "县水务局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n");
    page = "首页 > 彭阳县人民政府 > 政务公开 > 政府信息公开年报\n"
           "县水务局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n";
    assert_int_equal(gk_report_use_page(r, &rules, page, strlen(page)), GK_OK);
    assert_string_equal(r->body, "县水务局");
    assert_string_equal(r->place.county, "彭阳县");
    assert_string_equal(r->place.township, "");
    gk_report_free(r);
    /* a document named by the page's 标题: */
    r = parse(state, "白阳镇人民政府\n《报告》梳理了全年的主动公开情况。\n");
    page = "白阳镇人民政府\n标题: 【文稿解读】白阳镇2021年政府信息公开工作年度报告\n"
           "《报告》梳理了全年的主动公开情况。\n";
    assert_int_equal(gk_report_use_page(r, &rules, page, strlen(page)), GK_OK);
    assert_int_equal(r->kind, GK_KIND_DOCUMENT);
    assert_string_equal(r->title, "【文稿解读】白阳镇2021年政府信息公开工作年度报告");
    gk_report_free(r);
}

static void test_plain_document_invents_nothing(void **state)
{
    gk_report *r = parse(state, "关于2021年春节放假的通知\n各村：现将2021年春节放假安排"
                                "通知如下。白阳镇人民政府\n");
    assert_int_equal(r->kind, GK_KIND_DOCUMENT);
    assert_int_equal(r->year, 0);
    assert_string_equal(r->place.township, "");
    assert_string_equal(r->place.county, "");
    assert_int_equal(r->nsections, 1);
    assert_string_equal(r->sections[0].id, "document");
    assert_string_equal(r->title, "关于2021年春节放假的通知");
    gk_report_free(r);
    /* a document's title is not the page's metadata or breadcrumb */
    r = parse(state, "归档时间:2024-12-20\n首页 > 政务公开 > 通知公告\n"
                     "关于印发2024年政务公开工作要点的通知\n各镇:现将要点印发给你们。\n");
    assert_int_equal(r->kind, GK_KIND_DOCUMENT);
    assert_string_equal(r->title, "关于印发2024年政务公开工作要点的通知");
    gk_report_free(r);
}

static void test_long_sections_are_split_at_lines(void **state)
{
    fixture *f = *state;
    gk_buf b = {0};
    gk_buf_adds(&b, TITLE "一、总体情况\n");
    for (int i = 0; i < 400; i++)
        gk_buf_adds(&b, "我镇认真贯彻落实政府信息公开条例。\n");
    size_t len = 0;
    char *text = gk_buf_take(&b, &len);
    gk_report_rules rules = {f->sections, f->places, f->title_words};
    gk_report *r = NULL;
    assert_int_equal(gk_report_parse(&r, &rules, text, len, 4096, NULL), GK_OK);
    assert_true(r->nsections > 3);
    for (size_t i = 1; i < r->nsections; i++) {
        assert_string_equal(r->sections[i].id, "overview");
        assert_true(r->sections[i].end - r->sections[i].start <= 4096);
        assert_int_equal(r->text[r->sections[i].start - 1], '\n');
    }
    assert_int_equal(r->sections[r->nsections - 1].end, r->len);
    gk_report_free(r);
}

static void test_numerals(void **state)
{
    (void)state;
    size_t used = 0;
    assert_int_equal(gk_report_cn_number("十二、", strlen("十二、"), &used), 12);
    assert_int_equal(used, strlen("十二"));
    assert_int_equal(gk_report_cn_number("二十", strlen("二十"), NULL), 20);
    assert_int_equal(gk_report_cn_number("是", strlen("是"), NULL), 0);
    assert_int_equal(gk_report_year_at("二〇二一年", strlen("二〇二一年"), &used), 2021);
    assert_int_equal(used, strlen("二〇二一"));
    assert_int_equal(gk_report_year_at("20201", 5, NULL), 0);
    assert_int_equal(gk_report_year_at("1234", 4, NULL), 0);
}

/* A data directory whose title_words.tsv is corpus/data's with `extra`
 * after it (or only `extra` when `replace`). */
static char *title_words_dir(const char *extra, int replace)
{
    char *dir = gk_test_mkdtemp("title");
    size_t len = 0;
    char *text = gk_test_read_file(GK_TEST_CORPUS_DIR "/data/title_words.tsv", &len);
    assert_non_null(text);
    gk_buf b = {0};
    if (!replace)
        gk_buf_add(&b, text, len);
    gk_buf_adds(&b, extra);
    char *p = gk_test_join(dir, "title_words.tsv");
    gk_test_write_file(p, b.data, b.len);
    free(p);
    gk_buf_free(&b);
    free(text);
    return dir;
}

/* A word added to title_words.tsv is understood: no code lists them. */
static void test_title_words_come_from_the_data_file(void **state)
{
    const char *annual = "柳泉镇2020年政府信息公开年度总结\n正文。\n";
    const char *preamble = "2020年政府信息公开工作年度报告\n"
                           "本报告由彭阳县白阳镇人民政府制定。\n一、总体情况\n正文。\n";
    /* corpus/data knows no 总结 and no 制定 */
    gk_report *r = parse(state, annual);
    assert_int_equal(r->kind, GK_KIND_DOCUMENT);
    gk_report_free(r);
    r = parse(state, preamble);
    assert_string_equal(r->body, "");
    gk_report_free(r);

    char *dir = title_words_dir("report\t总结\npreamble_end\t制定\n", 0);
    gk_title_words *tw = NULL;
    char *msg = NULL;
    if (gk_title_words_load(&tw, dir, &msg) != GK_OK)
        fail_msg("%s", msg);
    r = parse_with(state, tw, annual);
    assert_int_equal(r->kind, GK_KIND_REPORT);
    assert_string_equal(r->title, "柳泉镇2020年政府信息公开年度总结");
    assert_int_equal(r->year, 2020);
    assert_string_equal(r->place.township, "柳泉镇");
    gk_report_free(r);
    r = parse_with(state, tw, preamble);
    assert_string_equal(r->body, "彭阳县白阳镇人民政府");
    assert_string_equal(r->place.township, "白阳镇");
    gk_report_free(r);
    gk_title_words_free(tw);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_broken_title_words(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"report\t报告\nyear\t年\nheading\t报告\n",
         "title_words.tsv:3: unknown kind 'heading' (expected report, disclosure"},
        {"report\t报告\nyear\t\n", "title_words.tsv:2: empty word"},
        {"year\t年\n", "title_words.tsv: no report word"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *dir = title_words_dir(bad[i][0], 1);
        gk_title_words *tw = NULL;
        char *msg = NULL;
        assert_int_equal(gk_title_words_load(&tw, dir, &msg), GK_ECORRUPT);
        assert_null(tw);
        if (msg == NULL || strstr(msg, bad[i][1]) == NULL)
            fail_msg("message '%s' does not say '%s'", msg ? msg : "(none)", bad[i][1]);
        free(msg);
        gk_test_rmtree(dir);
        free(dir);
    }
    char *dir = gk_test_mkdtemp("title");
    gk_title_words *tw = NULL;
    char *msg = NULL;
    assert_int_equal(gk_title_words_load(&tw, dir, &msg), GK_ENOTFOUND);
    assert_non_null(strstr(msg, "title_words.tsv"));
    free(msg);
    gk_title_words_free(NULL);
    gk_test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_2019_template),
        cmocka_unit_test(test_heading_spacing_styles),
        cmocka_unit_test(test_arabic_and_mixed_numbering),
        cmocka_unit_test(test_problem_heading_spellings),
        cmocka_unit_test(test_pre2019_template),
        cmocka_unit_test(test_pre2019_short_headings),
        cmocka_unit_test(test_pre2019_published_heading_variants),
        cmocka_unit_test(test_subsections_and_table_rows_are_not_sections),
        cmocka_unit_test(test_whole_report_on_one_line),
        cmocka_unit_test(test_section_titles_and_ranges),
        cmocka_unit_test(test_title_split_over_two_lines),
        cmocka_unit_test(test_year_forms),
        cmocka_unit_test(test_year_is_not_the_signing_date),
        cmocka_unit_test(test_issuing_body_forms),
        cmocka_unit_test(test_city_and_province_prefixes),
        cmocka_unit_test(test_title_forms_of_published_pages),
        cmocka_unit_test(test_other_documents_and_bare_places),
        cmocka_unit_test(test_no_title_at_all),
        cmocka_unit_test(test_title_named_in_a_sentence),
        cmocka_unit_test(test_body_from_every_place_the_text_gives_it),
        cmocka_unit_test(test_notices_that_mention_reports_are_documents),
        cmocka_unit_test(test_marks_a_mirror_doubles),
        cmocka_unit_test(test_spaced_labels_without_colon),
        cmocka_unit_test(test_metadata_alone_is_no_preamble),
        cmocka_unit_test(test_unnumbered_first_heading),
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_signed_date_under_the_signature),
        cmocka_unit_test(test_signed_date_from_the_page),
        cmocka_unit_test(test_proactive_part_without_zhudong),
        cmocka_unit_test(test_title_in_the_first_part),
        cmocka_unit_test(test_headline_about_a_report_is_a_document),
        cmocka_unit_test(test_what_the_page_around_the_report_says),
        cmocka_unit_test(test_plain_document_invents_nothing),
        cmocka_unit_test(test_long_sections_are_split_at_lines),
        cmocka_unit_test(test_numerals),
        cmocka_unit_test(test_title_words_come_from_the_data_file),
        cmocka_unit_test(test_broken_title_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
