/* test_noise.c - page noise: what is cut from a report copied off a web
 * page (breadcrumbs, metadata, chrome, attachments, Word bookmarks,
 * gambling spam) and what of the report must survive. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_noise.h"
#include "gk_report.h"
#include "gk_text.h"
#include "gk_util.h"

#define DATA GK_TEST_CORPUS_DIR "/data"

static gk_folder *folder;

static int setup(void **state)
{
    if (gk_folder_new(&folder, DATA, NULL) != GK_OK)
        return -1;
    gk_noise *n = NULL;
    char *msg = NULL;
    if (gk_noise_load(&n, DATA, &msg) != GK_OK) {
        fprintf(stderr, "noise.tsv: %s\n", msg ? msg : "?");
        free(msg);
        return -1;
    }
    *state = n;
    return 0;
}

static int teardown(void **state)
{
    gk_folder_free(folder);
    gk_noise_free(*state);
    return 0;
}

/* text without its noise; malloc'd. */
static char *cut_len(void **state, const char *text, size_t len)
{
    gk_range *r = NULL;
    size_t nr = 0;
    char *msg = NULL, *out = NULL;
    size_t out_len = 0;
    assert_int_equal(gk_noise_find(*state, text, len, &r, &nr, &msg), GK_OK);
    for (size_t k = 0; k < nr; k++) {
        assert_true(r[k].start < r[k].end);
        assert_true(r[k].end <= len);
        if (k > 0)
            assert_true(r[k].start > r[k - 1].end);
    }
    assert_int_equal(gk_noise_cut(text, len, r, nr, &out, &out_len, &msg), GK_OK);
    assert_int_equal(strlen(out), out_len);
    free(r);
    return out;
}

static char *cut(void **state, const char *text)
{
    return cut_len(state, text, strlen(text));
}

static void expect_cut(void **state, const char *text, const char *want)
{
    char *got = cut(state, text);
    if (strcmp(got, want) != 0)
        fail_msg("after cutting:\n---\n%s---\nexpected:\n---\n%s---", got, want);
    free(got);
}

static void expect_kept(void **state, const char *text)
{
    expect_cut(state, text, text);
}

/* text without what a display hides (gk_noise_find_hidden); malloc'd. */
static char *shown(void **state, const char *text)
{
    size_t len = strlen(text);
    gk_range *r = NULL;
    size_t nr = 0;
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(gk_noise_find_hidden(*state, text, len, &r, &nr, NULL), GK_OK);
    for (size_t k = 0; k < nr; k++) {
        assert_true(r[k].start < r[k].end && r[k].end <= len);
        if (k > 0)
            assert_true(r[k].start > r[k - 1].end);
    }
    assert_int_equal(gk_noise_cut(text, len, r, nr, &out, &out_len, NULL), GK_OK);
    free(r);
    return out;
}

static void expect_shown(void **state, const char *text, const char *want)
{
    char *got = shown(state, text);
    if (strcmp(got, want) != 0)
        fail_msg("shown:\n---\n%s---\nexpected:\n---\n%s---", got, want);
    free(got);
}

/* ---- a whole page -------------------------------------------------------- */

static void test_report_page(void **state)
{
    expect_cut(state,
               "首页 > 政务公开 > 政府信息公开年报\n"
               "大宁县曲峨镇2020年政府信息公开工作年度报告\n"
               "索引号:11141030/2021-00012 发布机构:大宁县曲峨镇 生成日期:2021-01-20 "
               "文号: 主题分类:政务公开\n"
               "发布时间:2021-01-20 10:32 来源:曲峨镇人民政府 浏览次数:386\n"
               "【字体:大 中 小】【打印】【关闭】\n"
               "\n"
               "根据《中华人民共和国政府信息公开条例》规定,现公布曲峨镇2020年政府信息"
               "公开工作年度报告。\n"
               "一、总体情况\n"
               "2020年,曲峨镇认真贯彻落实政务公开工作要求,依托政务公开平台及时发布信息。\n"
               "二、主动公开政府信息情况\n"
               "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
               "规章\t0\t0\t0\n"
               "附件:\n"
               "1.曲峨镇2020年政府信息公开工作年度报告.docx\n"
               "2.政府信息公开情况统计表.xls\n"
               "分享到: 微信 微博 QQ空间\n"
               "上一篇:曲峨镇2019年政府信息公开工作年度报告\n"
               "下一篇:关于开展2021年春季植树造林工作的通知\n",
               "大宁县曲峨镇2020年政府信息公开工作年度报告\n"
               "\n"
               "根据《中华人民共和国政府信息公开条例》规定,现公布曲峨镇2020年政府信息"
               "公开工作年度报告。\n"
               "一、总体情况\n"
               "2020年,曲峨镇认真贯彻落实政务公开工作要求,依托政务公开平台及时发布信息。\n"
               "二、主动公开政府信息情况\n"
               "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
               "规章\t0\t0\t0\n");
}

/* ---- one test per kind ---------------------------------------------------- */

static void test_breadcrumbs(void **state)
{
    expect_cut(state,
               "首页 > 政务公开 > 政府信息公开年报\n"
               "首页>信息公开>法定主动公开内容>政府信息公开年报\n"
               "首页 » 政府信息公开 » 年度报告\n"
               "当前位置:首页 > 乡镇动态\n"
               "您当前的位置:首页>政务公开>年报\n"
               "您的位置 : 网站首页 > 政府信息公开\n"
               "白阳镇人民政府2020年政府信息公开工作年度报告\n",
               "白阳镇人民政府2020年政府信息公开工作年度报告\n");
    /* a report's title glued to the breadcrumb: the index keeps the line for
     * the title (and the parser reads the breadcrumb), a display hides it */
    static const char glued[] =
        "您现在的位置: | 首页 | > 信息公开 > 年度报告石门乡2017年度政府信息公开年度报告 | |||||\n"
        "本年报由石门乡人民政府编制。\n";
    expect_kept(state, glued);
    expect_shown(state, glued, "本年报由石门乡人民政府编制。\n");
    expect_cut(state,
               "当前位置: 首页 » 信息公开 » 2015年政府信息公开工作年度报告 » 详情\n"
               "当前位置:首页 > 政务公开 > 信息公开年报 > 2020\n"
               "正文。\n",
               "正文。\n");
    /* 首页 and 当前位置 in the report's own words */
    expect_kept(state,
                "首页设置政务公开专栏,方便群众查阅。\n"
                "在政府网站首页>专栏中公开。\n"
                "当前位置相对偏远的村,通过公开栏公开。\n");
}

static void test_metadata_glued_and_in_blocks(void **state)
{
    /* glued on one line; a table row; a block of one label per line */
    expect_cut(state,
               "索引号:11141030/2021-00012 发布机构:大宁县曲峨镇 生成日期:2021-01-20 "
               "文号: 主题分类:政务公开\n"
               "索引号\t000014349/2021-00031\t发布机构\t彭阳县白阳镇人民政府\n"
               "一、总体情况\n"
               "标题:白阳镇2020年政府信息公开工作年度报告\n"
               "索引号:000014349/2021-00031\n"
               "发布机构:彭阳县白阳镇人民政府\n"
               "来源:白阳镇党政办\n"
               "\n"
               "公开方式:主动公开\n"
               "成文日期:2021-01-18\n"
               "发布日期:2021年01月20日\n"
               "二、主动公开政府信息情况\n",
               "一、总体情况\n"
               "二、主动公开政府信息情况\n");
    /* a lone date line and a lone strong label */
    expect_cut(state,
               "报告正文。\n发布时间:2021-01-20 10:32\n文号:大政办发〔2021〕3号\n报告正文。\n",
               "报告正文。\n报告正文。\n");
}

static void test_metadata_lookalikes_are_kept(void **state)
{
    /* 文号 and 来源 inside sentences, one weak label, 标题 on its own */
    expect_kept(state,
                "一、总体情况\n"
                "严格落实公文类信息公开属性源头认定,公开的文件均标注文号和来源。\n"
                "数据来源:本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n"
                "标题:政府信息公开工作年度报告\n"
                "信息来源:本镇各办站所报送,经审核后发布。\n"
                "来源:各村(社区)及镇属各站所。\n"
                "二、主动公开政府信息情况\n");
}

static void test_page_chrome(void **state)
{
    expect_cut(state,
               "【字体:大 中 小】【打印本页】【关闭窗口】\n"
               "字号:T|T\n"
               "分享到: 微信 微博 QQ空间\n"
               "扫一扫在手机上打开当前页\n"
               "点击数:1024次\n"
               "[打印] [关闭]\n"
               "返回顶部\n"
               "上一篇:曲峨镇2019年政府信息公开工作年度报告\n"
               "六、其他需要报告的事项\n"
               "本机关未收取信息处理费。\n",
               "六、其他需要报告的事项\n"
               "本机关未收取信息处理费。\n");
    /* chrome words inside the report: an office printer, WeChat counts */
    expect_kept(state,
                "镇便民服务中心配备电脑、打印机等办公设备。\n"
                "打印机3台\n"
                "渠道\t条数\n"
                "微信\t25\n"
                "微博\t12\n"
                "大\n");
}

static void test_attachments(void **state)
{
    expect_cut(state,
               "六、其他需要报告的事项\n"
               "无。\n"
               "附件:\n"
               "附件1:曲峨镇2020年政府信息公开工作年度报告.docx\n"
               "附件下载:\n"
               "2. 政府信息公开情况统计表.XLS (56KB)\n"
               "相关附件:\n"
               "年报.pdf\n",
               "六、其他需要报告的事项\n"
               "无。\n");
    /* an attachment named without a file: part of the report */
    expect_kept(state,
                "六、其他需要报告的事项\n"
                "附件:政府信息公开情况统计表\n"
                "本报告电子版可在县政府网站下载。\n");
}

static void test_word_bookmarks(void **state)
{
    expect_cut(state,
               "1、 总体情况\n"
               "[bookmark: bookmark3](一)设立组织机构。\n"
               "[bookmark: bookmark4]\n"
               "(二)强化督促检查。[bookmark: _Toc123]确保落实到位。\n",
               "1、 总体情况\n"
               "(一)设立组织机构。\n"
               "(二)强化督促检查。确保落实到位。\n");
    /* no closing bracket near: not a marker */
    expect_kept(state, "[bookmark: 未闭合的标记\n");
}

/* ---- gambling spam ------------------------------------------------------- */

static void test_spam_in_headings_and_text(void **state)
{
    expect_cut(state,
               "一、总体情况澳门威尼斯人官网\n"
               "二、主动公开政府信息情况【大发快三-彩票平台】\n"
               "三、收到和处理政府信息公开申请情况 bet365体育在线投注\n"
               "澳门葡京娱乐场 四、政府信息公开行政复议、行政诉讼情况\n"
               "五、存在的主要问题及改进情况 (皇冠体育官网www.hg8868.com)\n"
               "澳门威尼斯人官网 www.vns8811.com\n"
               "2020年,我镇依托政务公开平台澳门银河娱乐官网,及时发布各类信息。\n"
               "澳门威尼斯人官网一、总体情况\n"
               "澳门威尼斯人平台建设稳步推进。\n"
               "★澳门新葡京★\n"
               "→ 澳门威尼斯人 ← 六、其他需要报告的事项\n"
               "五、存在的主要问题及改进情况——澳门美高梅官方网站\n"
               "政府网站\t澳门金沙 pk10开奖直播\t12\n",
               "一、总体情况\n"
               "二、主动公开政府信息情况\n"
               "三、收到和处理政府信息公开申请情况\n"
               "四、政府信息公开行政复议、行政诉讼情况\n"
               "五、存在的主要问题及改进情况\n"
               "2020年,我镇依托政务公开平台,及时发布各类信息。\n"
               "一、总体情况\n"
               "平台建设稳步推进。\n"
               "六、其他需要报告的事项\n"
               "五、存在的主要问题及改进情况\n"
               "政府网站\t\t12\n");
}

static void test_spam_cut_is_a_piece_of_the_line(void **state)
{
    const char *text = "一、总体情况澳门威尼斯人官网\n正文。\n";
    gk_range *r = NULL;
    size_t nr = 0;
    assert_int_equal(gk_noise_find(*state, text, strlen(text), &r, &nr, NULL), GK_OK);
    assert_int_equal(nr, 1);
    assert_int_equal(r[0].start, strlen("一、总体情况"));
    assert_int_equal(r[0].end, strlen("一、总体情况澳门威尼斯人官网"));
    free(r);
}

static void test_spam_lookalikes_are_kept(void **state)
{
    expect_kept(state,
                "港澳台居民可通过政务公开平台提交申请。\n"
                "全年使用体育彩票公益金120万元,用于全民健身设施建设。\n"
                "加快三农服务平台建设,赴澳门学习考察1次。\n"
                "通过官方网站、政务微信、手机APP在线访谈等渠道公开信息。\n"
                "网址:www.daning.gov.cn\n"
                "政务服务APP下载注册登录入口\n"
                "打击六合彩赌博,整治棋牌室。\n"
                "金沙镇人民政府2021年政府信息公开工作年度报告\n"
                "通过政府官方网站、政务微博公开信息,赴威尼斯考察1次。\n");
}

/* Sections of text as "id:title|id:title...". */
static char *sections_of(const gk_report_rules *rules, const char *text)
{
    gk_report *r = NULL;
    assert_int_equal(gk_report_parse(&r, rules, gk_strdup(text), strlen(text), 0, NULL),
                     GK_OK);
    gk_buf b = {0};
    for (size_t i = 0; i < r->nsections; i++)
        gk_buf_printf(&b, "%s:%s|", r->sections[i].id, r->sections[i].title);
    gk_report_free(r);
    return gk_buf_take(&b, NULL);
}

#define SPAM_TITLE "大宁县曲峨镇2020年政府信息公开工作年度报告\n"

static void test_spam_cut_report_parses_like_clean(void **state)
{
    static const char clean[] =
        SPAM_TITLE
        "一、总体情况\n正文。\n"
        "二、主动公开政府信息情况\n表格\n"
        "三、收到和处理政府信息公开申请情况\n表格\n"
        "四、政府信息公开行政复议、行政诉讼情况\n表格\n"
        "五、存在的主要问题及改进情况\n问题。\n"
        "六、其他需要报告的事项\n无。\n";
    static const char spammed[] =
        SPAM_TITLE
        "一、总体情况澳门威尼斯人官网\n正文。\n"
        "二、主动公开政府信息情况【大发快三-彩票平台】\n表格\n"
        "三、收到和处理政府信息公开申请情况 bet365体育在线投注\n表格\n"
        "澳门葡京娱乐场 四、政府信息公开行政复议、行政诉讼情况\n表格\n"
        "五、存在的主要问题及改进情况\n问题。\n"
        "六、其他需要报告的事项\n无。\n";
    gk_section_table *sections = NULL;
    gk_place_rules *places = NULL;
    gk_title_words *title_words = NULL;
    assert_int_equal(gk_section_table_load(&sections, DATA, NULL), GK_OK);
    assert_int_equal(gk_place_rules_load(&places, DATA, NULL), GK_OK);
    assert_int_equal(gk_title_words_load(&title_words, DATA, NULL), GK_OK);
    gk_report_rules rules = {sections, places, title_words};

    char *cleaned = cut(state, spammed);
    assert_string_equal(cleaned, clean);
    char *want = sections_of(&rules, clean);
    char *got = sections_of(&rules, cleaned);
    char *raw = sections_of(&rules, spammed);
    assert_string_equal(got, want);
    assert_non_null(strstr(want, "review_litigation:四、政府信息公开行政复议、行政诉讼情况|"));
    /* uncut, the spam spoils the sections: the test can fail */
    assert_string_not_equal(raw, want);

    free(cleaned);
    free(want);
    free(got);
    free(raw);
    gk_section_table_free(sections);
    gk_place_rules_free(places);
    gk_title_words_free(title_words);
}

/* ---- what displays hide and the index keeps ----------------------------- */

/* Page headers as published pages write them (our own places): a display
 * shows none of it, the index keeps what it kept before. */
static const char header[] =
    "关怀版 无障碍 无障碍\n"
    "登录 注册 无障碍浏览\n"
    "• 长辈版\n"
    "网站首页 | 政务公开 | 乡镇街道 | 石门乡\n"
    "首页 新闻中心 政务公开 办事服务 互动交流\n"
    "双阳区人民政府 >> 乡镇街道 >> 石门乡\n"
    "> 您现在所在的位置 : 首页 > 乡镇信息公开 > 石门乡 > 政务信息公开年报\n"
    "政府信息公开年度报告 您的位置: 政务公开 -- 政府信息公开年度报告\n"
    "石门乡2020年政府信息公开工作年度报告\n"
    "索 引 号: | 000014349/2021-00031 | 生成日期: | 2021-01-20 |\n"
    "文 号: | 关键字: | 信息,公开 | |\n"
    "- 公文生成日期:2021-01-18\n"
    "- 备注/文号:石政[2021]3号\n"
    "时间:2021-01-20 09:30 大 中 小\n"
    "2021年01月20日 星期三 繁体 网站支持IPV6\n"
    "欢迎访问双阳区人民政府网站!今天是\t设为首页 | 加入收藏\n"
    "天气预报:\t站内搜索:\n"
    "【收藏此页】 【打印】 【关闭】\n"
    "|||||||||||||||||||\n"
    "???\n"
    "根据《条例》规定,现公布石门乡2020年度报告。\n";

static void test_display_hides_page_headers(void **state)
{
    expect_shown(state, header,
                 "石门乡2020年政府信息公开工作年度报告\n"
                 "根据《条例》规定,现公布石门乡2020年度报告。\n");
    /* the index cuts only what it cut before the hide records: none of
     * these lines (the crumbs and metadata stay searchable) */
    expect_cut(state, header, header);
}

static void test_display_keeps_the_report(void **state)
{
    static const char report[] =
        "首页设置政务公开专栏,方便群众查阅。\n"
        "在政府网站首页>专栏中公开。\n"
        "当前位置相对偏远的村,通过公开栏公开。\n"
        "通过首页 > 专栏 > 年报可以查阅,也可到查阅点查阅。\n"
        "无障碍设施改造3处。\n"
        "星期三上午召开信息公开专题会。\n"
        "时间:2021年全年\n"
        "规章 | 0 | 0 | 0 |\n"
        "行政许可 > 0\n"
        "信息内容\t本年制发件数\t本年废止件数\n"
        "(一)主动公开\n"
        "0\n"
        "石门乡人民政府\n"
        "2021年1月20日\n";
    char *got = shown(state, report);
    assert_string_equal(got, report);
    free(got);
    expect_kept(state, report);
}

/* ---- edges ------------------------------------------------------------------ */

static void test_empty_text(void **state)
{
    gk_range *r = (gk_range *)1;
    size_t nr = 7;
    assert_int_equal(gk_noise_find(*state, "", 0, &r, &nr, NULL), GK_OK);
    assert_null(r);
    assert_int_equal(nr, 0);
    char *out = NULL;
    size_t out_len = 1;
    assert_int_equal(gk_noise_cut("", 0, NULL, 0, &out, &out_len, NULL), GK_OK);
    assert_string_equal(out, "");
    assert_int_equal(out_len, 0);
    free(out);
}

static void test_all_noise(void **state)
{
    expect_cut(state,
               "当前位置:首页 > 信息公开 > 年度报告\n"
               "\n"
               "索引号:11141030/2021-00012 发布机构:大宁县曲峨镇\n"
               "【打印】【关闭】\n"
               "\n"
               "附件:\n"
               "年报.pdf",
               "");
}

static void test_sample_reports_lose_only_bookmarks(void **state)
{
    static const char *const files[] = {
        "000_925b706919d91c02.txt", "001_74cc16f0ef581249.txt",
        "002_c7f4534a7f0d64bb.txt", "003_09235f57ffce7de4.txt",
        "004_999193c3277cf575.txt"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char *path = gk_test_join(GK_TEST_CORPUS_DIR, files[f]);
        size_t len = 0;
        char *raw = gk_test_read_file(path, &len);
        assert_non_null(raw);
        char *text = NULL;
        size_t tlen = 0;
        assert_int_equal(gk_text_normalize(folder, &text, &tlen, raw, len, NULL), GK_OK);
        /* neither the index nor a display leaves out anything else (a
         * display passes over the lone '|' of blank table cells too) */
        for (int hide = 0; hide < 2; hide++) {
            gk_range *r = NULL;
            size_t nr = 0;
            assert_int_equal(hide ? gk_noise_find_hidden(*state, text, tlen, &r, &nr, NULL)
                                  : gk_noise_find(*state, text, tlen, &r, &nr, NULL),
                             GK_OK);
            for (size_t k = 0; k < nr; k++)
                if ((strncmp(text + r[k].start, "[bookmark:", 10) != 0 ||
                     text[r[k].end - 1] != ']') &&
                    !(hide && strspn(text + r[k].start, "| \t\n") >= r[k].end - r[k].start))
                    fail_msg("%s: cut '%.*s'", files[f], (int)(r[k].end - r[k].start),
                             text + r[k].start);
            /* 003 is a Word export with its bookmarks */
            if (strcmp(files[f], "003_09235f57ffce7de4.txt") == 0)
                assert_true(nr > 0);
            free(r);
        }
        free(text);
        free(raw);
        free(path);
    }
}

static void test_huge_single_line(void **state)
{
    static const char prose[] = "曲峨镇认真贯彻落实政务公开工作要求,依托政务公开平台扎实推进各项工作。";
    static const char marks[] = "[bookmark:平台";
    size_t size = 5u << 20;
    char *text = malloc(size + 1);
    assert_non_null(text);
    const char *const units[] = {prose, marks};
    for (size_t u = 0; u < 2; u++) {
        size_t ul = strlen(units[u]), len = 0;
        while (len + ul <= size) {
            memcpy(text + len, units[u], ul);
            len += ul;
        }
        text[len] = '\0';
        gk_range *r = NULL;
        size_t nr = 1;
        assert_int_equal(gk_noise_find(*state, text, len, &r, &nr, NULL), GK_OK);
        assert_int_equal(nr, 0);
        assert_null(r);
        nr = 1;
        assert_int_equal(gk_noise_find_hidden(*state, text, len, &r, &nr, NULL), GK_OK);
        assert_int_equal(nr, 0);
        assert_null(r);
    }
    /* spam before 5 MB of latin letters: only the spam is cut, not the
     * letters glued to it as if they were its web address */
    static const char spam[] = "澳门威尼斯人官网";
    memcpy(text, spam, strlen(spam));
    memset(text + strlen(spam), 'a', size - strlen(spam));
    text[size] = '\0';
    gk_range *r = NULL;
    size_t nr = 0;
    assert_int_equal(gk_noise_find(*state, text, size, &r, &nr, NULL), GK_OK);
    assert_int_equal(nr, 1);
    assert_int_equal(r[0].start, 0);
    assert_int_equal(r[0].end, strlen(spam));
    free(r);
    free(text);
}

static void test_cut_rejects_bad_ranges(void **state)
{
    (void)state;
    char *out = NULL, *msg = NULL;
    size_t out_len = 0;
    gk_range overlapping[] = {{0, 4}, {2, 6}};
    assert_int_equal(gk_noise_cut("abcdefgh", 8, overlapping, 2, &out, &out_len, &msg),
                     GK_EINVAL);
    assert_null(out);
    assert_non_null(msg);
    free(msg);
    msg = NULL;
    gk_range beyond[] = {{4, 9}};
    assert_int_equal(gk_noise_cut("abcdefgh", 8, beyond, 1, &out, &out_len, &msg),
                     GK_EINVAL);
    free(msg);
    gk_range fine[] = {{0, 2}, {4, 5}, {7, 8}};
    assert_int_equal(gk_noise_cut("abcdefgh", 8, fine, 3, &out, &out_len, NULL), GK_OK);
    assert_string_equal(out, "cdfg");
    free(out);
}

/* ---- the data file ------------------------------------------------------ */

static void expect_broken(const char *content, gk_status want, const char *must_mention)
{
    char *dir = gk_test_mkdtemp("noise");
    char *path = gk_test_join(dir, "noise.tsv");
    gk_test_write_file(path, content, strlen(content));
    gk_noise *n = (gk_noise *)1;
    char *msg = NULL;
    assert_int_equal(gk_noise_load(&n, dir, &msg), want);
    assert_null(n);
    assert_non_null(msg);
    assert_null(strchr(msg, '\n'));
    if (strstr(msg, must_mention) == NULL)
        fail_msg("message '%s' does not mention '%s'", msg, must_mention);
    free(msg);
    free(path);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_broken_noise_file_says_where(void **state)
{
    (void)state;
    expect_broken("# spam\nspam\t澳门\tmany\n", GK_ECORRUPT, "noise.tsv:2: spam weight");
    expect_broken("banner\t广告\n", GK_ECORRUPT, "unknown record kind 'banner'");
    expect_broken("meta\t索引号\tvery\n", GK_ECORRUPT, "strong or weak");
    expect_broken("meta\t索引号\n", GK_ECORRUPT, "3 fields");
    expect_broken("limit\tspam_ceiling\t3\n", GK_ECORRUPT, "unknown limit");
    expect_broken("spam\t澳门\t4\nspam\t澳门\t5\n", GK_ECORRUPT, "noise.tsv:2: term '澳门' is listed twice");
    expect_broken("spam\tx\t4\n", GK_ECORRUPT, "shorter than 2 bytes");
    expect_broken("attach_ext\tpdf\n", GK_ECORRUPT, "dot");
    expect_broken("crumb\t当前位置:\tshown\n", GK_ECORRUPT, "a crumb record has 2 fields");
    expect_broken("hide_crumb\t当前位置:\textra\n", GK_ECORRUPT, "a hide_crumb record has 2");
    expect_broken("hide_attach_ext\t.pdf\n", GK_ECORRUPT, "unknown record kind 'hide_attach_ext'");

    char *dir = gk_test_mkdtemp("no-noise");
    gk_noise *n = NULL;
    char *msg = NULL;
    assert_int_equal(gk_noise_load(&n, dir, &msg), GK_ENOTFOUND);
    assert_non_null(strstr(msg, "noise.tsv"));
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
    gk_noise_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_page),
        cmocka_unit_test(test_breadcrumbs),
        cmocka_unit_test(test_metadata_glued_and_in_blocks),
        cmocka_unit_test(test_metadata_lookalikes_are_kept),
        cmocka_unit_test(test_page_chrome),
        cmocka_unit_test(test_attachments),
        cmocka_unit_test(test_word_bookmarks),
        cmocka_unit_test(test_spam_in_headings_and_text),
        cmocka_unit_test(test_spam_cut_is_a_piece_of_the_line),
        cmocka_unit_test(test_spam_lookalikes_are_kept),
        cmocka_unit_test(test_spam_cut_report_parses_like_clean),
        cmocka_unit_test(test_display_hides_page_headers),
        cmocka_unit_test(test_display_keeps_the_report),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_all_noise),
        cmocka_unit_test(test_sample_reports_lose_only_bookmarks),
        cmocka_unit_test(test_huge_single_line),
        cmocka_unit_test(test_cut_rejects_bad_ranges),
        cmocka_unit_test(test_broken_noise_file_says_where),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
