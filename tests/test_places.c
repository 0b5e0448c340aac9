/* test_places.c - resolving an issuing body against the national division
 * list: each kind of evidence, ambiguity kept, unknown names, bad data.
 * The codes expected come from the vendored list (divisions/streets.csv):
 * 柳泉镇 is 131022102 (河北 固安县), 320312120 (江苏 铜山区), 410327102
 * (河南 宜阳县) and 620104104 (甘肃 西固区); 城关镇 occurs 88 times. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gk_divisions.h"
#include "gk_places.h"

typedef struct fixture {
    gk_divisions *d;
    gk_place_rules *rules;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char *msg = NULL;
    if (gk_divisions_load(&f->d, GK_TEST_CORPUS_DIR "/data", &msg) != GK_OK)
        fail_msg("load: %s", msg);
    assert_int_equal(gk_place_rules_load(&f->rules, GK_TEST_CORPUS_DIR "/data", NULL), GK_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_divisions_free(f->d);
    gk_place_rules_free(f->rules);
    free(f);
    return 0;
}

/* Resolve a body (township, county) with a title and text against the
 * division list d (NULL: corpus/data's). */
static gk_resolved_place resolve_in(void **state, const gk_divisions *d,
                                    const char *township, const char *county,
                                    const char *title, const char *text)
{
    fixture *f = *state;
    gk_place body;
    memset(&body, 0, sizeof body);
    snprintf(body.township, sizeof body.township, "%s", township);
    snprintf(body.county, sizeof body.county, "%s", county);
    gk_resolved_place p;
    assert_int_equal(gk_place_resolve(&p, d != NULL ? d : f->d, f->rules, &body, title,
                                      text, strlen(text)), GK_OK);
    return p;
}

static gk_resolved_place resolve(void **state, const char *township,
                                 const char *county, const char *title,
                                 const char *text)
{
    return resolve_in(state, NULL, township, county, title, text);
}

static void expect_resolved(gk_resolved_place *p, const char *code,
                            const char *evidence)
{
    if (p->status != GK_PLACE_RESOLVED)
        fail_msg("%s: %s with %zu candidates (%s)", code, gk_place_status_name(p->status),
                 p->ncandidates, p->evidence);
    assert_string_equal(p->place.code, code);
    if (strstr(p->evidence, evidence) == NULL)
        fail_msg("evidence '%s' does not say '%s'", p->evidence, evidence);
    gk_resolved_place_clear(p);
}

/* Words for a place (我街道, 各乡, 本镇) are generic, a place's name is not. */
static void test_generic_place_words(void **state)
{
    fixture *f = *state;
    static const char *const generic[] = {"我街道", "各乡", "本镇", "我乡", "我局"};
    static const char *const named[] = {"白阳镇", "彭阳县", "本机关", "布海街道"};
    for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++)
        if (!gk_place_is_generic(f->rules, generic[i], strlen(generic[i])))
            fail_msg("%s should be generic", generic[i]);
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (gk_place_is_generic(f->rules, named[i], strlen(named[i])))
            fail_msg("%s should not be generic", named[i]);
}

static void test_unique_name(void **state)
{
    gk_resolved_place p = resolve(state, "曲峨镇", "", "曲峨镇 2020 年政府信息公开年度报告", "");
    assert_int_equal(p.status, GK_PLACE_RESOLVED);
    assert_string_equal(p.place.names.province, "山西省");
    assert_string_equal(p.place.names.city, "临汾市");
    assert_string_equal(p.place.names.county, "大宁县");
    assert_string_equal(p.place.names.township, "曲峨镇");
    expect_resolved(&p, "141030101", "unique name");
}

static void test_ambiguous_without_evidence(void **state)
{
    gk_resolved_place p = resolve(state, "柳泉镇", "", "柳泉镇人民政府2021年政府信息公开工作年度报告",
                                  "2021年,柳泉镇认真贯彻落实《条例》和省、市、县的要求。");
    assert_int_equal(p.status, GK_PLACE_AMBIGUOUS);
    assert_int_equal(p.ncandidates, 4);
    static const char *const codes[] = {"131022102", "320312120", "410327102", "620104104"};
    for (size_t i = 0; i < 4; i++) {
        int found = 0;
        for (size_t k = 0; k < p.ncandidates; k++)
            found |= strcmp(p.candidates[k].code, codes[i]) == 0;
        if (!found)
            fail_msg("candidate %s missing", codes[i]);
    }
    /* nothing is guessed beyond the shared name */
    assert_string_equal(p.place.names.township, "柳泉镇");
    assert_string_equal(p.place.names.county, "");
    assert_string_equal(p.place.code, "");
    gk_resolved_place_clear(&p);
}

static void test_county_in_the_body(void **state)
{
    gk_resolved_place p = resolve(state, "柳泉镇", "宜阳县", "", "");
    expect_resolved(&p, "410327102", "county in the body's name: 宜阳县");
    p = resolve(state, "城关镇", "舒城县", "", "");
    expect_resolved(&p, "341523100", "舒城县");
}

static void test_county_named_in_the_text(void **state)
{
    gk_resolved_place p = resolve(state, "柳泉镇", "", "柳泉镇2021年政府信息公开工作年度报告",
                                  "本报告由柳泉镇人民政府依据固安县政府信息公开工作要求编制。");
    expect_resolved(&p, "131022102", "named in the text: 固安县");
    p = resolve(state, "城关镇", "", "城关镇2020年政府信息公开工作年度报告",
                "五河县城关镇人民政府\n2021年1月10日");
    expect_resolved(&p, "340322100", "五河县");
    /* 东街街道 is in 北海市海城区 and in 晋城市城区: 海城区 names the first;
     * the 城区 inside it is no mention of the second (found by gongkai-gen) */
    p = resolve(state, "东街街道", "", "东街街道办事处2015年政府信息公开工作年度报告",
                "海城区东街街道办事处\n2016年1月25日");
    expect_resolved(&p, "450502002", "named in the text: 海城区");
}

static void test_postal_code(void **state)
{
    gk_resolved_place p = resolve(state, "柳泉镇", "", "",
                                  "联系地址:柳泉镇人民政府,邮编:221000。");
    expect_resolved(&p, "320312120", "postal code 221000");
    /* a postal code narrows 城关镇 to 安徽's six, which stay ambiguous */
    p = resolve(state, "城关镇", "", "", "邮政编码 233300");
    assert_int_equal(p.status, GK_PLACE_AMBIGUOUS);
    assert_int_equal(p.ncandidates, 6);
    for (size_t k = 0; k < p.ncandidates; k++)
        assert_string_equal(p.candidates[k].names.province, "安徽省");
    gk_resolved_place_clear(&p);
}

static void test_telephone_area_code(void **state)
{
    gk_resolved_place p = resolve(state, "柳泉镇", "", "", "咨询电话:0931-7654321。");
    expect_resolved(&p, "620104104", "telephone area code 0931");
    p = resolve(state, "柳泉镇", "", "", "联系电话(0316)1234567");
    expect_resolved(&p, "131022102", "0316");
    /* a number that is no area code decides nothing */
    p = resolve(state, "柳泉镇", "", "", "电话:12345678");
    assert_int_equal(p.status, GK_PLACE_AMBIGUOUS);
    gk_resolved_place_clear(&p);
}

static void test_unknown_and_changed_names(void **state)
{
    gk_resolved_place p = resolve(state, "不存在镇", "", "", "");
    assert_int_equal(p.status, GK_PLACE_UNKNOWN);
    assert_string_equal(p.place.names.township, "不存在镇"); /* as the report says */
    assert_string_equal(p.place.code, "");
    gk_resolved_place_clear(&p);
    /* a 乡 that became a 镇 (or the other way round) */
    p = resolve(state, "曲峨乡", "", "", "");
    expect_resolved(&p, "141030101", "unique name");
    p = resolve(state, "", "", "", "");
    assert_int_equal(p.status, GK_PLACE_UNKNOWN);
    gk_resolved_place_clear(&p);
}

static void test_county_level_body(void **state)
{
    /* a department of 彭阳县: the county resolves, no township */
    gk_resolved_place p = resolve(state, "", "彭阳县", "", "");
    assert_string_equal(p.place.names.township, "");
    assert_string_equal(p.place.names.city, "固原市");
    expect_resolved(&p, "640425", "unique name");
}

static void test_city_department(void **state)
{
    /* 衡水市财政局: 衡水市 is a city, not a county-level city */
    gk_resolved_place p = resolve(state, "", "衡水市", "", "");
    assert_string_equal(p.place.names.county, "");
    assert_string_equal(p.place.names.city, "衡水市");
    assert_string_equal(p.place.names.province, "河北省");
    expect_resolved(&p, "1311", "unique name");
    /* a city comes before another spelling: 吉安市 is not 吉安县 */
    p = resolve(state, "", "吉安市", "", "");
    assert_string_equal(p.place.names.county, "");
    expect_resolved(&p, "3608", "unique name");
    /* 宜川县市场监督管理局 splits as 宜川县市: the name before its suffix */
    p = resolve(state, "", "宜川县市", "", "");
    assert_string_equal(p.place.names.county, "宜川县");
    expect_resolved(&p, "610630", "unique name");
}

static void test_county_from_the_contact_details(void **state)
{
    /* a body naming no place of its own (县教育局, or none found): the
     * county its address begins with, or whose website it names */
    gk_resolved_place p = resolve(state, "", "", "",
                                  "如有疑问，请与本局办公室联系（地址：安徽省宣城市泾县"
                                  "城关镇某路8号，邮编：242500）。");
    assert_string_equal(p.place.names.county, "泾县");
    assert_string_equal(p.place.names.township, "");
    expect_resolved(&p, "341823", "contact details");
    p = resolve(state, "", "", "", "本报告电子版可在双牌县人民政府门户网站查阅。");
    expect_resolved(&p, "431123", "contact details");
    /* the address without its province and city */
    p = resolve(state, "", "", "", "地址:遂溪县遂城街道某路19号");
    expect_resolved(&p, "440823", "contact details");
    /* a site name shared by several districts: the area code decides */
    p = resolve(state, "", "", "",
                "本报告可在鼓楼区人民政府网站下载。联系电话：0591-87654321。");
    expect_resolved(&p, "350102", "telephone area code 0591");
    /* the address and the website disagree: nothing is guessed */
    p = resolve(state, "", "", "",
                "地址：泾县某路8号。本报告可在双牌县人民政府门户网站查阅。");
    assert_int_equal(p.status, GK_PLACE_UNKNOWN);
    assert_string_equal(p.place.names.county, "");
    gk_resolved_place_clear(&p);
    /* a county named in passing is no contact detail */
    p = resolve(state, "", "", "", "组织人员赴泾县学习政务公开经验。");
    assert_int_equal(p.status, GK_PLACE_UNKNOWN);
    gk_resolved_place_clear(&p);
}

static void test_municipality_city_name(void **state)
{
    /* 重庆's counties sit under a "县" placeholder: the city shown is 重庆市 */
    gk_resolved_place p = resolve(state, "峰灵镇", "巫溪县", "", "");
    assert_string_equal(p.place.names.city, "重庆市");
    assert_string_equal(p.place.names.province, "重庆市");
    expect_resolved(&p, "500238110", "");
}

static void test_bad_division_files(void **state)
{
    (void)state;
    char *dir = gk_test_mkdtemp("divisions");
    gk_divisions *d = NULL;
    char *msg = NULL;
    assert_int_equal(gk_divisions_load(&d, dir, &msg), GK_ENOTFOUND);
    assert_non_null(strstr(msg, "provinces.csv"));
    free(msg);
    msg = NULL;
    char *sub = gk_test_join(dir, "divisions");
    assert_int_equal(mkdir(sub, 0777), 0);
    char *p = gk_test_join(sub, "provinces.csv");
    const char *prov = "code,name\n11,\"北京市\"\n";
    gk_test_write_file(p, prov, strlen(prov));
    free(p);
    p = gk_test_join(sub, "cities.csv");
    const char *cities = "code,name,provinceCode\n1101,\"市辖区\",99\n";
    gk_test_write_file(p, cities, strlen(cities));
    free(p);
    assert_int_equal(gk_divisions_load(&d, dir, &msg), GK_ECORRUPT);
    assert_null(d);
    assert_non_null(strstr(msg, "cities.csv:2"));
    free(msg);
    free(sub);
    gk_test_rmtree(dir);
    free(dir);
}

/* A data directory with corpus/data's division list and postal codes, and
 * the given contact_labels.tsv and division_placeholders.tsv (NULL: none). */
static char *divisions_dir(const char *labels, const char *placeholders)
{
    char *dir = gk_test_mkdtemp("divisions");
    char *p = gk_test_join(dir, "divisions");
    assert_int_equal(symlink(GK_TEST_CORPUS_DIR "/data/divisions", p), 0);
    free(p);
    size_t len = 0;
    char *posts = gk_test_read_file(GK_TEST_CORPUS_DIR "/data/postcodes.tsv", &len);
    assert_non_null(posts);
    p = gk_test_join(dir, "postcodes.tsv");
    gk_test_write_file(p, posts, len);
    free(p);
    free(posts);
    if (labels != NULL) {
        p = gk_test_join(dir, "contact_labels.tsv");
        gk_test_write_file(p, labels, strlen(labels));
        free(p);
    }
    if (placeholders != NULL) {
        p = gk_test_join(dir, "division_placeholders.tsv");
        gk_test_write_file(p, placeholders, strlen(placeholders));
        free(p);
    }
    return dir;
}

/* Labels and placeholders are data: changing the files changes what is
 * understood, with no code change. */
static void test_labels_and_placeholders_come_from_the_data_files(void **state)
{
    const char *phone = "座机:0931-7654321。", *post = "邮码:221000。";
    /* corpus/data knows neither label */
    gk_resolved_place p = resolve(state, "柳泉镇", "", "", phone);
    assert_int_equal(p.status, GK_PLACE_AMBIGUOUS);
    gk_resolved_place_clear(&p);
    p = resolve(state, "柳泉镇", "", "", post);
    assert_int_equal(p.status, GK_PLACE_AMBIGUOUS);
    gk_resolved_place_clear(&p);

    char *dir = divisions_dir("postcode\t邮编\npostcode\t邮码\nphone\t座机\n",
                              "direct\t直辖县级行政区划\n");
    gk_divisions *d = NULL;
    char *msg = NULL;
    if (gk_divisions_load(&d, dir, &msg) != GK_OK)
        fail_msg("%s", msg);
    p = resolve_in(state, d, "柳泉镇", "", "", phone);
    expect_resolved(&p, "620104104", "telephone area code 0931");
    p = resolve_in(state, d, "柳泉镇", "", "", post);
    expect_resolved(&p, "320312120", "postal code 221000");
    /* 电话 is no longer a label */
    p = resolve_in(state, d, "柳泉镇", "", "", "咨询电话:0931-7654321。");
    assert_int_equal(p.status, GK_PLACE_AMBIGUOUS);
    gk_resolved_place_clear(&p);
    /* 县 is no longer a placeholder: 重庆's counties show it as their city */
    p = resolve_in(state, d, "峰灵镇", "巫溪县", "", "");
    assert_string_equal(p.place.names.city, "县");
    expect_resolved(&p, "500238110", "");
    gk_divisions_free(d);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_broken_label_files(void **state)
{
    (void)state;
    static const struct {
        const char *labels, *placeholders, *says;
        gk_status st;
    } cases[] = {
        {"postcode\t邮编\nfax\t传真\n", "municipality\t市辖区\n",
         "contact_labels.tsv:2: unknown kind 'fax' (expected postcode, phone, address, site)", GK_ECORRUPT},
        {"phone\t电话\n", "city\t市辖区\n",
         "division_placeholders.tsv:1: unknown kind 'city' (expected municipality, direct)",
         GK_ECORRUPT},
        {"phone\t\n", "", "contact_labels.tsv:1: empty word", GK_ECORRUPT},
        {NULL, "", "contact_labels.tsv", GK_ENOTFOUND},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *dir = divisions_dir(cases[i].labels, cases[i].placeholders);
        gk_divisions *d = NULL;
        char *msg = NULL;
        assert_int_equal(gk_divisions_load(&d, dir, &msg), cases[i].st);
        assert_null(d);
        if (msg == NULL || strstr(msg, cases[i].says) == NULL)
            fail_msg("message '%s' does not say '%s'", msg ? msg : "(none)", cases[i].says);
        free(msg);
        gk_test_rmtree(dir);
        free(dir);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generic_place_words),
        cmocka_unit_test(test_unique_name),
        cmocka_unit_test(test_ambiguous_without_evidence),
        cmocka_unit_test(test_county_in_the_body),
        cmocka_unit_test(test_county_named_in_the_text),
        cmocka_unit_test(test_postal_code),
        cmocka_unit_test(test_telephone_area_code),
        cmocka_unit_test(test_unknown_and_changed_names),
        cmocka_unit_test(test_county_level_body),
        cmocka_unit_test(test_city_department),
        cmocka_unit_test(test_county_from_the_contact_details),
        cmocka_unit_test(test_municipality_city_name),
        cmocka_unit_test(test_bad_division_files),
        cmocka_unit_test(test_labels_and_placeholders_come_from_the_data_files),
        cmocka_unit_test(test_broken_label_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
