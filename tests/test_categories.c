/* test_categories.c - the problem taxonomy: loading it (and refusing a bad
 * file), splitting problems from improvement measures, classifying. */
#include "gk_test.h"

#include <stdio.h>
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
    /* a 栏目 or 分类 not 细化 enough is the platform's, not the content's */
    expect(state, "公开专栏的分类不够细化。", "platform");
    /* the quality of an interpretation is the interpretation's */
    expect(state, "政策解读的质量还不够高。", "interpretation");
    /* a reply's form, however worded, is the applications' */
    expect(state, "依申请公开答复文书的格式不统一。", "applications");
    /* 停留在 of guidance is supervision, of what is published coverage */
    expect(state, "对村级公开的指导多停留在开会部署。", "mechanism");
    expect(state, "项目资金的公开只停留在结果上。", "coverage");
    /* staff who know too little are staffing; the public, outreach */
    expect(state, "个别经办人员对新条例了解不够。", "staffing");
    expect(state, "山区村民对公开渠道了解不多。", "outreach");
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

/* Problems sections in the forms of published reports (each form seen in
 * several; the wording, places and figures are our own), with the
 * categories a careful reader gives them.  Measures after the problems
 * must not count, and "no problems" gives no category. */
static const struct {
    const char *text;
    const char *want;
} real_sections[] = {
    /* measures opened by 在接下来的工作中 */
    {"2021年,我镇政务公开工作有所进步,但仍有短板:一是干部主动公开的意识还需增强;"
     "二是公开的信息内容还不够充实;三是工作方法创新不足。在接下来的工作中,我镇将从以下"
     "几方面着力:(一)加强宣传培训,提高信息发布的及时性。",
     "coverage staffing"},
    /* (一)存在问题 / (二)改进措施 */
    {"2018年我乡信息公开工作取得一些成效,但仍有不足。\n(一)存在问题\n"
     "一是部分政策文件公开的时效较差,旧文件还需逐件整理上网。二是动态信息更新不够及时,"
     "公开质量仍需提高;个别干部对信息公开的认识有待加强。三是承担公开工作的力量单薄,"
     "队伍建设仍需加强。\n(二)改进措施\n一是完善信息的梳理和维护,保证公开内容完整准确。"
     "二是加强宣传培训。",
     "timeliness staffing quality"},
    /* one sentence of problems, then 下一步 */
    {"我局2019年政府信息公开各项工作总体顺利,但在公开范围、时效性等方面仍需改进。"
     "下一步我局将加强日常管理,强化培训,提升公开质量。",
     "timeliness coverage"},
    /* a list of problems ending in 今后 */
    {"我单位信息公开工作起步较晚,仍有不少问题,如宣传和培训不足,经办人员业务不熟,"
     "缺少懂信息技术的人员,对公开工作认识不深,面向社会的宣传力度不够等,这些都需今后"
     "认真加以解决。",
     "staffing outreach"},
    /* measures opened by 为此,我们将 */
    {"目前我县信息公开还存在一些不足:一是部分单位依法主动公开的意识还需提高;二是公开的"
     "内容还需进一步规范;三是公开渠道还需完善。为此,我们将采取如下措施。",
     "staffing channels quality"},
    /* 接下来 */
    {"本局信息公开仍有不足:一是公开的数据不够全面,尤其缺少政策解读类内容;二是部分信息"
     "更新不够及时,下属单位更新偏慢;三是网站功能开发不足,尚无站内智能检索和移动端应用。"
     "接下来,我们将加强网站安全建设,按季度发布检测数据。",
     "timeliness coverage platform interpretation"},
    {"(一)存在的主要问题:一是主动公开意识有待增强;二是信息公开内容需进一步丰富。\n"
     "(二)解决办法和改进措施:我局将加强对工作人员的培训,加强质量把关。",
     "coverage staffing"},
    /* 下一年度 */
    {"因负责公开工作的专职人员少,部分信息公开不够及时。下一年度,我乡将完善工作机制和制度。",
     "timeliness staffing"},
    /* 存在问题: 1. 2. 3. / 改进措施: */
    {"存在问题:\n1.部分信息公开不够及时。\n2.公开目录需进一步细化完善。\n"
     "3.公开形式的便民性、多样性有待提高。\n改进措施:\n1.加强学习教育。\n2.丰富公开内容。",
     "timeliness channels platform"},
    /* 下步打算 */
    {"工作中的主要问题是公开的内容还不够全面,下步打算进一步扩大公开范围,保证信息公开的及时性。",
     "coverage"},
    /* measures opened by 在2020年的…工作中,我街道将从以下三方面改进 */
    {"2019年,我街道信息公开工作有一定成效,但仍有三方面不足:一是信息公开的及时性还需提升,"
     "个别社区的活动信息报送不及时造成发布滞后;同时负责公开的人员均为兼职,工作力量不够。"
     "二是对新条例的学习深度和广度不够,经办人员对公开时限、程序等新规定掌握不够。"
     "三是公开的全面性还需提升,发布的信息多集中在街道本级,社区活动反映较少。\n"
     "在2020年的信息公开工作中,我街道将从以下三方面改进:一是及时调度各社区信息;"
     "二是加强条例学习,确保时效性和准确性;三是充实公开内容,做好宣传推广。",
     "timeliness coverage staffing"},
    /* 2022年将从以下方面改进 */
    {"2021年,我街道信息公开工作按时完成,但仍有问题和不足,主要是部分信息公开不够及时,"
     "覆盖面不够广,个别栏目没有内容。2022年将从以下方面改进:一是深入了解群众需求;"
     "二是拓展公开形式;三是加强培训和宣传。",
     "timeliness coverage platform"},
    /* no measures at all */
    {"一是系统点多面广而编制偏少,没有专职的公开工作人员,兼职人员的专业素质有待提高,"
     "仍需加强培训。二是系统网站建设有待改进,与网民的交互性和页面的易用性不够,网上咨询、"
     "查询、办事等做得还不够好。三是主动公开的意识和自觉性有待提高,个别应公开的信息未能"
     "及时公开,经督促后才公开。",
     "timeliness staffing platform"},
    /* measures opened by 2010年,我县将 */
    {"2009年,全县政府信息公开工作取得较大进展,但与群众期望尚有差距。一是部分单位公开意识"
     "不强,应当主动公开的信息未能全面、及时公开,公开的信息以政策和动态类为主,办事服务类"
     "信息偏少。二是宣传力度不够,群众对政府信息公开的知晓率不高。三是公开渠道不多,群众"
     "通过网站获取信息的仍然较少。\n2010年,我县将按省里要求,进一步加大工作力度。一是在"
     "提高认识上有新突破。二是在丰富内容上有新突破。三是在拓宽渠道上有新突破。",
     "timeliness coverage staffing channels outreach"},
    {"当前我镇政务公开主要有以下问题:一是有的部门对公开工作的重要性认识仍不足,对政策理解"
     "不透;二是受审核环节影响,部分动态未能及时更新,时效性不强,存在滞后;三是公开内容"
     "不够全面,便民信息发布偏少,数量和质量都有待提升。\n下一步,我镇将继续落实公开规定。",
     "timeliness coverage staffing quality"},
    /* measures in the same paragraph: 将进一步改进 */
    {"信息公开工作主要存在公开不及时、缺少专门人员管理等问题。我们在今年的工作中将进一步"
     "改进,做到信息公开及时、准确、规范,加强人员业务培训。",
     "timeliness staffing"},
    /* 针对以上不足 */
    {"2020年,街道信息公开工作有成绩也有不足:一是群众获取政府信息的途径还需拓宽;二是公开"
     "的内容还不能满足群众的全部需求。\n针对以上不足,2021年街道将依托网格化管理,收集群众"
     "意见,拓宽公开渠道。",
     "coverage channels"},
    /* 针对上述问题,我街将 */
    {"2021年我街道政务公开取得一定成效,但与上级要求和群众需要还有差距,如思想认识还需提高,"
     "公开内容还需拓展,公开工作力量还需加强等。针对上述问题,我街将采取以下措施:(一)健全"
     "组织。针对工作人员力量薄弱的现状,明确专人。",
     "coverage staffing"},
    {"我镇在政府信息公开方面存在部分信息更新不及时的问题。下一步,我镇将进一步加强组织领导,"
     "组织培训。",
     "timeliness"},
    {"目前我镇政府信息公开工作存在宣传力度不大、信息更新不够及时等问题。下一步我们将加强"
     "培训,提高工作人员业务水平。",
     "timeliness outreach"},
    /* a county's long list */
    {"(一)存在问题\n一是个别单位重视不够。少数单位负责人对公开工作不够重视,推一下动一下;"
     "又因机构改革,部分单位联络员未及时补充,工作出现断档。\n二是公开不够主动。动态信息"
     "保障不到位,专栏和重点领域信息更新滞后,栏目设置不完整,有的栏目长期不更新甚至空白。\n"
     "三是部门公开信息的数量、质量和时效性有待提高。\n四是安全保密意识亟需加强,个别单位"
     "把已发布的信息复制后重发。\n(二)改进措施\n一是加强督查考核。二是加强业务培训。",
     "timeliness staffing quality platform mechanism review key_areas"},
    {"(一)存在的主要问题。总体运行较好,但仍有不足:一是时效性还需提高。二是公开程序有待"
     "进一步规范,公开形式的便民性有待加强。三是专门从事信息工作的人手不足。\n(二)改进措施。"
     "一是增加人手。二是加强培训。",
     "timeliness staffing channels quality"},
    /* a reply's form is the applications' problem, not the quality's */
    {"一是信息发布的及时性还需提高;二是依申请公开的答复文书还不够规范。\n下一步,我镇将"
     "参照示范文本统一答复文书。",
     "timeliness applications"},
    {"一是便民服务中心的公开专区用得不多,群众知晓率偏低;二是村里经办人员的业务能力还需"
     "提升。下一步,我镇将在集日设点宣传,并开展业务培训。",
     "staffing outreach"},
    /* problems as a list of faults in one sentence */
    {"中心信息公开虽有成绩,但也有不足,如信息发布不规范、不及时,内容不够全面,部分信息未经"
     "领导审签就发布,权责目录未上网公开等。",
     "timeliness coverage quality platform review"},
    {"我局信息公开与公众需求仍有差距:一是信息更新量少,维护的时效性差,个别栏目的信息未能"
     "及时发布。二是信息公开培训力度需要加强。三是公开形式的便民性、互动性、及时性还需提升。"
     "针对上述问题,我局将在2015年加以改进。",
     "timeliness coverage staffing channels platform"},
    {"(一)存在主要问题:\n尽管做了不少工作,但离上级要求还有差距,一是对信息公开的监督力度"
     "不够,对公开工作的认识不足;二是公开程序还不规范;三是工作协调配合不够紧密,有些工作"
     "不够细致。\n(二)改进情况:\n一是加强组织领导。",
     "staffing quality mechanism"},
    {"(一)问题\n1.公开内容需要进一步深化。\n(二)措施\n1.丰富公开内容,做到及时更新。", "coverage"},
    /* an interpretation problem about its form is channels too; knowing a
     * channel is outreach */
    {"一是政策解读的形式较少,多是转载文字;二是个别站所信息员业务水平不高。下一步,我镇将"
     "探索图解、短视频等解读方式。",
     "staffing channels interpretation"},
    {"主要是:政策解读以文字稿为主,形式不够生动;部分领域公开的内容不够丰富。对以上问题,我局"
     "将增加图解、问答等方式。",
     "coverage channels interpretation"},
    {"一是信息发布偶有滞后;二是宣传不到位,群众对依申请公开渠道知晓不多。2022年我局将宣传"
     "公开渠道。",
     "timeliness outreach"},
    {"一是解读数量偏少;二是依申请公开答复文书的规范性还需提升。针对以上问题,2021年我区将"
     "统一答复文书格式。",
     "interpretation applications"},
    /* "no problems" */
    {"无。", ""},
    {"本年度暂无需要说明的问题。", ""},
    {"我镇2020年政府信息公开工作未发现存在问题。下一步,我镇将继续加强宣传,提高及时性。", ""},
    {"暂无\n", ""},
    /* only measures */
    {"2011年,我们将按照上级要求,进一步提高对政务公开重要性的认识,让公开意识深入人心。", ""},
    {"下一年度,我局将进一步拓宽公开渠道,加强人员培训,提高信息发布的时效性。", ""},
};

/* Sections read after those above (the second pass of issue 13), in the
 * forms of published reports and our own words; measured before their
 * cues were added (docs/CATEGORIES.md gives the figures). */
static const struct {
    const char *text;
    const char *want;
} later_sections[] = {
    /* the fixtures d*, e* of tests/real in other words */
    {"我乡公开专栏的分类设置不够细化,个别信息归类不准确。针对以上问题,我乡将重新梳理栏目。",
     "quality platform"},
    {"一是重点领域信息公开还不够深入,惠农资金的公开只停留在结果上;二是政策解读数量偏少。"
     "下一步,我镇将细化重点领域的公开内容。",
     "coverage interpretation key_areas"},
    {"动态信息发布时效性不够,部分会议消息隔几天才上网;镇级专栏的内容比较单薄。2015年,我们"
     "将安排专人每天更新。",
     "timeliness coverage"},
    {"(一)存在的主要问题\n懂双语的公开人员少,译文跟不上;偏远村的牧民对政府信息公开了解不多。"
     "\n(二)改进措施\n培养双语信息员。",
     "staffing outreach"},
    {"街道政务新媒体活跃度不高,有的账号长期不更新;依申请公开的答复文书不够规范。下一步,街道将"
     "建立内容排期。",
     "timeliness platform applications"},
    {"一是部分科室报送信息不够主动,栏目更新有时滞后;二是工作人员对新条例的理解还不深。下一步,"
     "我局将加强业务培训。",
     "timeliness staffing platform"},
    {"(一)存在的主要问题。一是部分乡镇的政务公开专栏更新不及时;二是政策解读以文字为主,图表和"
     "视频较少;三是依申请公开的答复文书格式还不够统一。\n(二)下步改进措施。一是按月通报。",
     "timeliness channels platform interpretation applications"},
    {"一是对乡镇政务公开的指导多停留在发通知上,实地督导偏少;二是部分部门对公开属性认定把关"
     "不严。2024年,我办将每季度抽查。",
     "mechanism review"},
    {"我区政务公开仍有差距:一是政策解读的质量和针对性还不够强;二是街道公开工作人员调整频繁,"
     "业务水平参差不齐。2023年,我们将组织解读材料评审。",
     "staffing interpretation"},
    {"存在的问题:部分乡镇和部门公开意识不强,信息报送不够及时;公开内容多为工作动态,群众关心"
     "的办事信息公开不够全面。",
     "timeliness coverage staffing"},
    {"(一)存在问题。一是部分乡镇信息公开栏内容更新慢;二是个别部门对依申请公开答复的法律依据"
     "引用不准确;三是公开信息以文字为主,图解、音视频等形式较少。(二)下步打算。",
     "timeliness channels platform applications"},
    {"我办政府信息公开的不足:一是外事政策解读数量偏少;二是网站英文版内容更新较慢。2023年,"
     "我办将增加解读材料。",
     "timeliness platform interpretation"},
    {"一是审计结果公告发布不够及时;二是局内懂信息公开业务的干部少,承办人员兼顾多项工作。"
     "2025年,我局将建立限时发布制度。",
     "timeliness staffing"},
    /* published sections of other bodies, read in the pages corpus */
    {"2022年度我局信息公开工作与条例要求相比还有差距,对条例的学习宣传力度不够,教育培训不足,"
     "对公开工作认识不深。\n下一步,我局将提高认识,加强培训。",
     "staffing outreach"},
    {"(一)存在问题\n一是公开内容时效较慢;二是信息更新还不够及时,公开质量有待提高,部分工作"
     "人员公开意识有待进一步提高;三是公开工作力量薄弱。\n(二)改进措施\n一是定期维护。",
     "timeliness staffing quality"},
    {"2021年,我街道信息公开虽按时完成,但仍有问题和不足,主要是公开内容不够及时,覆盖面不够"
     "广泛,有个别栏目未进行公开。2022年将从以下方面改进:一是拓展公开形式。",
     "timeliness coverage platform"},
    {"还存在一些不足:一是公开工作机制有待完善,规范化水平还需提升;二是公开的内容不及时,依法"
     "办事的能力需要提高;三是政策类文件未及时解读、更新,针对群众关心的焦点,回应的主动性有待"
     "加强。\n在今后的工作中,将从以下几个方面改进。",
     "timeliness staffing quality mechanism interpretation"},
    {"(一)问题\n1.公开内容需要进一步深化,主动公开的信息仍以概况和动态为主。\n(二)措施\n"
     "1.丰富内容。",
     "coverage"},
    {"主要存在以下几方面的问题:一是主动公开做得还不够;二是公开的途径太过单一;三是公开管理"
     "不够规范。\n2019年我局将认真梳理公开流程。",
     "coverage channels quality"},
    {"个别单位对政务公开的重要性认识还不够,信息发布数量偏少,更新速度较慢,内容单一,网站各"
     "栏目内容更新得不到保障。",
     "timeliness coverage staffing platform"},
    {"还存在一些问题,如宣传教育培训不足,经办人员业务不熟,缺乏信息专业技术人员,对信息公开认识"
     "不深,对社会宣传力度不够等。\n六、改进措施\n下一步,我局将加强培训。",
     "staffing outreach"},
    {"(一)存在的主要问题。\n一是时效性有待继续提高。\n二是公开程序有待进一步规范,公开形式的"
     "便民性有待加强。\n三是专职信息工作的人手不够。\n(二)改进措施。\n一是加派人手。",
     "timeliness staffing channels quality"},
    {"一是系统点多面广线长而编制偏少,无法配备专职公开人员,兼职人员的专业素质有待提高;二是"
     "系统网站建设需要改进,与网友的交互性不够;三是个别应公开的信息未及时公开。",
     "timeliness staffing platform"},
    {"信息公开工作主要存在公开不及时、缺乏专门人员管理等问题。今年我们将加强培训。",
     "timeliness staffing"},
    {"由于负责政府信息公开的专人较少,存在信息公开不够及时的问题。下一年度,我乡要完善工作机制。",
     "timeliness staffing"},
    {"一是政府信息公开内容相对单一,主要是乡镇工作动态,其他重要信息的公开尚显不足。二是公开的"
     "时效性有待提升。",
     "timeliness coverage"},
    {"一是以公开促落实的作用发挥不充分,公开内容的覆盖面与纵深度存在短板,部分信息的时效性还有"
     "提升空间。二是公开平台的活跃度、传播力和影响力有待增强,对社会热点的信息解读、通俗化表达"
     "水平仍需提高。三是公开队伍的专业素养和履职能力建设仍需强化。\n结合以上不足,我们将从三个"
     "方面改进。",
     "timeliness coverage staffing platform interpretation"},
    /* read after these cues were written: a held-out check (docs) */
    {"(一)存在问题:\n由于公开事项涉及面广,公开的时间难以统一,公开的格式也不能完全规范,内容"
     "更新做得还不够及时。上述问题,我们将在今后切实改进。\n(二)改进措施:\n多渠道公开。",
     "timeliness quality"},
    {"对照上级要求还有不足,主要是主动公开的内容还需进一步规范,公开的载体和形式还需要进一步"
     "丰富。在以后的工作中,我镇将继续落实要求。",
     "channels quality"},
    {"目前我市政府信息公开还有不足:一是一些部门主动公开的意识仍需进一步加强;二是公开的内容有待"
     "进一步规范;三是公开的渠道还应进一步完善。为此,我们将采取以下措施。",
     "staffing channels quality"},
    {"(一)存在的问题\n一是公开的信息内容还不够全面;二是", "coverage"},
};

static void score(void **state, const char *text, const char *want, size_t i, size_t *tp,
                  size_t *fp, size_t *fn, size_t *wrong)
{
    char got[256], w[256];
    snprintf(got, sizeof got, " %s ", classify(state, text));
    snprintf(w, sizeof w, " %s ", want);
    for (size_t k = 0; k < gk_taxonomy_count(*state); k++) {
        char id[64];
        snprintf(id, sizeof id, " %s ", gk_taxonomy_id(*state, k));
        int g = strstr(got, id) != NULL, x = strstr(w, id) != NULL;
        *tp += g && x;
        *fp += g && !x;
        *fn += !g && x;
    }
    if (strcmp(got, w) != 0) {
        (*wrong)++;
        print_message("section %zu: got '%s', want '%s'\n", i, got, w);
    }
}

static void report(const char *what, size_t tp, size_t fp, size_t fn)
{
    if (getenv("GK_CATEGORIES_REPORT") != NULL)
        print_message("%s: tp %zu fp %zu fn %zu: precision %.3f recall %.3f\n", what, tp, fp,
                      fn, tp + fp ? (double)tp / (double)(tp + fp) : 1.0,
                      tp + fn ? (double)tp / (double)(tp + fn) : 1.0);
}

static void test_later_problems_sections(void **state)
{
    size_t tp = 0, fp = 0, fn = 0, wrong = 0;
    for (size_t i = 0; i < sizeof later_sections / sizeof later_sections[0]; i++)
        score(state, later_sections[i].text, later_sections[i].want, i, &tp, &fp, &fn, &wrong);
    report("later sections", tp, fp, fn);
    assert_int_equal(wrong, 0);
}

/* Every real-form section reads as a careful reader reads it.  With
 * GK_CATEGORIES_REPORT set, the precision and recall over the table. */
static void test_real_problems_sections(void **state)
{
    size_t tp = 0, fp = 0, fn = 0, wrong = 0;
    for (size_t i = 0; i < sizeof real_sections / sizeof real_sections[0]; i++) {
        char got[256], want[256];
        snprintf(got, sizeof got, " %s ", classify(state, real_sections[i].text));
        snprintf(want, sizeof want, " %s ", real_sections[i].want);
        for (size_t k = 0; k < gk_taxonomy_count(*state); k++) {
            char id[64];
            snprintf(id, sizeof id, " %s ", gk_taxonomy_id(*state, k));
            int g = strstr(got, id) != NULL, w = strstr(want, id) != NULL;
            tp += g && w;
            fp += g && !w;
            fn += !g && w;
        }
        if (strcmp(got, want) != 0) {
            wrong++;
            print_message("section %zu: got '%s', want '%s'\n", i, got, want);
        }
    }
    if (getenv("GK_CATEGORIES_REPORT") != NULL)
        print_message("tp %zu fp %zu fn %zu: precision %.3f recall %.3f\n", tp, fp, fn,
                      tp + fp ? (double)tp / (double)(tp + fp) : 1.0,
                      tp + fn ? (double)tp / (double)(tp + fn) : 1.0);
    assert_int_equal(wrong, 0);
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
        cmocka_unit_test(test_real_problems_sections),
        cmocka_unit_test(test_later_problems_sections),
        cmocka_unit_test(test_bad_taxonomy_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
