/* test_places.c - resolving an issuing body against the national division
 * list: each kind of evidence, ambiguity kept, unknown names, bad data.
 * The codes expected come from the vendored list (divisions/streets.csv):
 * 柳泉镇 is 131022102 (河北 固安县), 320312120 (江苏 铜山区), 410327102
 * (河南 宜阳县) and 620104104 (甘肃 西固区); 城关镇 occurs 88 times. */
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Resolve a body (township, county) with a title and text. */
static gk_resolved_place resolve(void **state, const char *township,
                                 const char *county, const char *title,
                                 const char *text)
{
    fixture *f = *state;
    gk_place body;
    memset(&body, 0, sizeof body);
    snprintf(body.township, sizeof body.township, "%s", township);
    snprintf(body.county, sizeof body.county, "%s", county);
    gk_resolved_place p;
    assert_int_equal(gk_place_resolve(&p, f->d, f->rules, &body, title, text,
                                      strlen(text)), GK_OK);
    return p;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unique_name),
        cmocka_unit_test(test_ambiguous_without_evidence),
        cmocka_unit_test(test_county_in_the_body),
        cmocka_unit_test(test_county_named_in_the_text),
        cmocka_unit_test(test_postal_code),
        cmocka_unit_test(test_telephone_area_code),
        cmocka_unit_test(test_unknown_and_changed_names),
        cmocka_unit_test(test_county_level_body),
        cmocka_unit_test(test_municipality_city_name),
        cmocka_unit_test(test_bad_division_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
