/* test_cli_places.c - end to end: places resolved against the national
 * division list, problem categories, facets and --show on corpus/.
 *
 * Places: four townships have a unique name in the division list (曲峨镇
 * 141030101 大宁县, 白阳镇 640425100 彭阳县, 布海镇 220183107 德惠市, 峰灵镇
 * 500238110 巫溪县); 柳泉镇 has four and its report names no county, postal
 * code or telephone number, so it stays ambiguous.
 * Categories, read from each report's problem statements by a person:
 *   000 曲峨镇: 广度和深度 (coverage), 时效性…不及时 (timeliness),
 *       质量化…流水化 (quality)
 *   001 柳泉镇: 及时性 (timeliness), 不够全面 (coverage)
 *   002 白阳镇: 人员变动…业务生疏 (staffing), 宣传不够…知晓率低 (outreach),
 *       重点领域…全过程公开, 重大项目 (key_areas)
 *   003 布海镇: 时效性 (timeliness), 需要进一步细化 (coverage),
 *       宣传和引导 (outreach)
 *   004 峰灵镇: 不够及时…滞后 (timeliness), 审核…隐私 (review)
 * The improvement measures that follow are not classified.
 * Four more files, written for one test, put their titles and bodies where
 * published pages do (a breadcrumb, an address, a sentence). */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_db.h"
#include "gk_util.h"

static const struct {
    const char *file;
    const char *status, *code, *province, *city, *county, *township;
    const char *categories;
} corpus[] = {
    {"000_925b706919d91c02.txt", "resolved", "141030101", "山西省", "临汾市", "大宁县",
     "曲峨镇", "timeliness,coverage,quality"},
    {"001_74cc16f0ef581249.txt", "ambiguous", NULL, "", "", "", "柳泉镇",
     "timeliness,coverage"},
    {"002_c7f4534a7f0d64bb.txt", "resolved", "640425100", "宁夏回族自治区", "固原市",
     "彭阳县", "白阳镇", "staffing,outreach,key_areas"},
    {"003_09235f57ffce7de4.txt", "resolved", "220183107", "吉林省", "长春市", "德惠市",
     "布海镇", "timeliness,coverage,outreach"},
    {"004_999193c3277cf575.txt", "resolved", "500238110", "重庆市", "重庆市", "巫溪县",
     "峰灵镇", "timeliness,review"},
};
#define NREPORTS (sizeof corpus / sizeof corpus[0])

static int report_of(const char *path)
{
    for (size_t k = 0; k < NREPORTS; k++)
        if (path != NULL && gk_test_ends_with(path, corpus[k].file))
            return (int)k;
    return -1;
}

/* gongkai-query -d DB --json ARGS..., exiting `want`: every line parsed,
 * in an array. */
#define Q(want, ...) \
    gk_cli_query_json(((gk_cli *)*state)->db, (want), GK_CLI_ARGS("--json", __VA_ARGS__))

/* The corpus reports of the hit lines, as a bit mask. */
static unsigned reports(json_t *lines)
{
    unsigned mask = 0;
    size_t i;
    json_t *l;
    json_array_foreach(lines, i, l)
    {
        int k = report_of(json_string_value(json_object_get(l, "path")));
        if (k >= 0)
            mask |= 1u << k;
    }
    return mask;
}

static void test_places_of_the_five_reports(void **state)
{
    json_t *lines = Q(GK_CLI_0_OR_1, "--by", "report", "-n", "10");
    size_t i, seen = 0;
    json_t *h;
    json_array_foreach(lines, i, h)
    {
        int k = report_of(json_string_value(json_object_get(h, "path")));
        if (k < 0)
            continue;
        seen++;
        assert_string_equal(gk_cli_str(h, "place_status"), corpus[k].status);
        if (corpus[k].code == NULL)
            assert_true(json_is_null(json_object_get(h, "place_code")));
        else
            assert_string_equal(gk_cli_str(h, "place_code"), corpus[k].code);
        assert_string_equal(gk_cli_str(h, "province"), corpus[k].province);
        assert_string_equal(gk_cli_str(h, "city"), corpus[k].city);
        assert_string_equal(gk_cli_str(h, "county"), corpus[k].county);
        assert_string_equal(gk_cli_str(h, "township"), corpus[k].township);
        json_t *cands = json_object_get(h, "place_candidates");
        if (strcmp(corpus[k].status, "ambiguous") == 0) {
            assert_int_equal(json_array_size(cands), 4);
            static const char *const counties[] = {"固安县", "铜山区", "宜阳县", "西固区"};
            for (size_t c = 0; c < 4; c++) {
                int found = 0;
                size_t m;
                json_t *cand;
                json_array_foreach(cands, m, cand)
                    found |= strcmp(gk_cli_str(cand, "county"), counties[c]) == 0 &&
                             strcmp(gk_cli_str(cand, "township"), "柳泉镇") == 0;
                if (!found)
                    fail_msg("no candidate in %s", counties[c]);
            }
        } else {
            assert_null(cands);
        }
        /* categories, in taxonomy order */
        char got[128] = "";
        size_t m;
        json_t *c;
        json_array_foreach(json_object_get(h, "categories"), m, c)
        {
            if (got[0])
                strcat(got, ",");
            strcat(got, json_string_value(c));
        }
        if (strcmp(got, corpus[k].categories) != 0)
            fail_msg("%s: categories %s, expected %s", corpus[k].file, got, corpus[k].categories);
    }
    assert_int_equal(seen, NREPORTS);
    json_decref(lines);
}

/* The reports found by gongkai-query -d DB ARGS... are exactly `want` (bit
 * i for corpus[i]), and the exit code says whether anything was found. */
static void expect_reports(void **state, unsigned want, const char *const *args)
{
    gk_cli *f = *state;
    json_t *lines = gk_cli_query_json(f->db, want ? 0 : 1, args);
    unsigned got = reports(lines);
    if (got != want)
        fail_msg("%s: reports %#x, expected %#x", args[5], got, want);
    json_decref(lines);
}

#define R(want, ...) \
    expect_reports(state, want, GK_CLI_ARGS("--json", "--by", "report", "-n", "10", __VA_ARGS__))

static void test_place_and_category_filters(void **state)
{
    R(1u << 0, "province:山西省");
    R(1u << 4, "省:重庆");
    R(1u << 2, "province:宁夏");     /* 宁夏回族自治区: the short name */
    R(1u << 2, "省:宁夏回族自治区");
    R(0, "province:广西");
    R(1u << 3, "city:长春市");
    R(1u << 3, "市:德惠");          /* a county-level city */
    R(1u << 0, "county:大宁");
    R(1u << 0, "place_code:1410");
    R(1u << 2, "区划代码:640425100");
    R(0x1f & ~(1u << 1), "place_code:14 OR place_code:22 OR place_code:50 OR place_code:64");
    R(1u << 1, "place_status:ambiguous");
    R(1u << 4, "category:review");
    R(1u << 2 | 1u << 3, "问题:宣传");
    R(1u << 0 | 1u << 1 | 1u << 3 | 1u << 4, "问题:时效性");
    R(1u << 1 | 1u << 3, "category:coverage", "-category:quality", "NOT", "year:2023");
}

/* The counts of a facet line as "value=count,..." in their order. */
static char *facet(json_t *lines, const char *field, int by_year)
{
    static char buf[1024];
    buf[0] = '\0';
    size_t i;
    json_t *l;
    json_array_foreach(lines, i, l)
    {
        if (strcmp(gk_cli_str(l, "type"), "facet") != 0 || strcmp(gk_cli_str(l, "field"), field) != 0)
            continue;
        size_t k;
        json_t *c;
        json_array_foreach(json_object_get(l, "counts"), k, c)
        {
            char item[128];
            if (by_year)
                snprintf(item, sizeof item, "%s%s/%lld=%lld", buf[0] ? "," : "", gk_cli_str(c, "value"),
                         (long long)json_integer_value(json_object_get(c, "year")),
                         (long long)json_integer_value(json_object_get(c, "count")));
            else
                snprintf(item, sizeof item, "%s%s=%lld", buf[0] ? "," : "", gk_cli_str(c, "value"),
                         (long long)json_integer_value(json_object_get(c, "count")));
            strcat(buf, item);
        }
        return buf;
    }
    fail_msg("no facet %s", field);
    return buf;
}

static void test_facets(void **state)
{
    json_t *lines = Q(0, "-n", "0", "--facet",
                      "province,category,place_status,year,consistency,template", "公开");
    gk_cli_summary(lines); /* the summary comes last */
    assert_string_equal(facet(lines, "province", 0),
                        "吉林省=1,宁夏回族自治区=1,山西省=1,重庆市=1");
    assert_string_equal(facet(lines, "category", 0),
                        "timeliness=4,coverage=3,outreach=2,key_areas=1,quality=1,review=1,"
                        "staffing=1");
    assert_string_equal(facet(lines, "place_status", 0), "resolved=4,ambiguous=1");
    assert_string_equal(facet(lines, "year", 0), "2020=3,2021=1,2023=1");
    assert_string_equal(facet(lines, "consistency", 0), "ok=4,incomplete=1");
    assert_string_equal(facet(lines, "template", 0), "2019=3,2021=2");
    json_decref(lines);
    /* per report, not per section: 公开 is in 32 sections of 5 reports */
    lines = Q(GK_CLI_0_OR_1, "-n", "0", "--facet", "章节", "公开");
    assert_string_equal(facet(lines, "section", 0),
                        "overview=5,preamble=5,proactive=5,problems=5,requests=5,"
                        "review_litigation=5,other=2");
    json_decref(lines);
    /* only what the query matches */
    lines = Q(GK_CLI_0_OR_1, "-n", "0", "--facet", "category", "year:2020");
    assert_string_equal(facet(lines, "category", 0),
                        "coverage=2,outreach=2,timeliness=2,key_areas=1,quality=1,staffing=1");
    json_decref(lines);
    lines = Q(GK_CLI_0_OR_1, "-n", "0", "--facet", "问题", "--by-year");
    assert_string_equal(facet(lines, "category", 1),
                        "coverage/2020=2,outreach/2020=2,timeliness/2020=2,coverage/2021=1,"
                        "key_areas/2020=1,quality/2020=1,review/2023=1,staffing/2020=1,"
                        "timeliness/2021=1,timeliness/2023=1");
    json_decref(lines);
}

static void test_facet_text_and_errors(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "-n", "0", "--facet", "category", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "category (reports)"));
    assert_non_null(strstr(r.out, "timeliness 时效性"));
    assert_non_null(strstr(r.out, "█ 4\n"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--facet", "weather", NULL);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "--facet: 'weather'"));
    gk_test_run_clear(&r);
}

static void test_show(void **state)
{
    json_t *lines = Q(GK_CLI_0_OR_1, "--by", "report", "township:柳泉镇");
    const char *id = gk_cli_str(json_array_get(lines, 0), "report_id");
    char idbuf[17];
    snprintf(idbuf, sizeof idbuf, "%s", id);
    json_decref(lines);
    lines = Q(GK_CLI_0_OR_1, "--show", idbuf);
    assert_int_equal(json_array_size(lines), 1);
    json_t *rec = json_array_get(lines, 0);
    assert_string_equal(gk_cli_str(rec, "type"), "report");
    assert_string_equal(gk_cli_str(rec, "report_id"), idbuf);
    json_t *place = json_object_get(rec, "place");
    assert_string_equal(gk_cli_str(place, "status"), "ambiguous");
    assert_int_equal(json_array_size(json_object_get(place, "candidates")), 4);
    assert_int_equal(json_integer_value(json_object_get(rec, "year")), 2021);
    assert_string_equal(gk_cli_str(rec, "template"), "2021");
    assert_int_equal(json_array_size(json_object_get(rec, "sections")), 7);
    json_t *cats = json_object_get(rec, "categories");
    assert_int_equal(json_array_size(cats), 2);
    assert_non_null(strstr(gk_cli_str(json_array_get(cats, 0), "evidence"), "及时性"));
    json_t *pi = json_object_get(json_object_get(rec, "figures"), "proactive_items");
    assert_int_equal(json_integer_value(json_object_get(pi, "value")), 599);
    assert_string_equal(gk_cli_str(pi, "source"), "prose");
    assert_non_null(strstr(gk_cli_str(pi, "text"), "累计主动公开政府信息599条"));
    json_decref(lines);

    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--show", idbuf, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "candidate 410327102: 河南省 洛阳市 宜阳县 柳泉镇"));
    assert_non_null(strstr(r.out, "timeliness 时效性:"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--show", "0000000000000000", NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no report 0000000000000000"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--show", "zzz", NULL);
    assert_int_equal(r.status, 2);
    gk_test_run_clear(&r);
}

/* Reports whose title or body is not on a "body + year" first line, in
 * the forms of published pages (each written for this test). */
static const struct {
    const char *file, *text;
    const char *kind, *title, *township, *county, *city;
} page_forms[] = {
    {"crumb.txt",
     "您当前所在位置: 首页 > 乡镇信息公开 > 白阳镇 > 白阳镇2019年政府信息公开工作年度报告\n"
     "一、总体情况\n2019年我镇主动公开政府信息41条。\n",
     "report", "白阳镇2019年政府信息公开工作年度报告", "白阳镇", "彭阳县", "固原市"},
    {"dept.txt",
     "县水务局2020年政府信息公开工作年度报告\n如对本报告有疑问,请与局办公室联系(地址:彭阳县"
     "某路6号,邮编:756500)。\n一、总体情况\n全年主动公开政府信息30条。\n"
     "二、主动公开政府信息情况\n略。\n",
     "report", "县水务局2020年政府信息公开工作年度报告", "", "彭阳县", "固原市"},
    {"city.txt",
     "根据条例要求,现向社会公布2022年衡水市财政局政府信息公开工作年度报告。\n"
     "一、总体情况\n全年公开各类信息120条。\n",
     "report", "2022年衡水市财政局政府信息公开工作年度报告", "", "", "衡水市"},
    {"notice.txt",
     "关于做好2020年政府信息公开工作年度报告编制和发布工作的通知\n各乡镇、各部门:\n"
     "请于2021年1月31日前报送本单位年度报告。\n一、主动公开政府信息情况要写全\n",
     "document", "关于做好2020年政府信息公开工作年度报告编制和发布工作的通知", "", "", ""},
};

static void test_titles_bodies_and_counties_of_page_forms(void **state)
{
    gk_cli *f = *state;
    for (size_t k = 0; k < sizeof page_forms / sizeof page_forms[0]; k++) {
        char *p = gk_test_join(f->in, page_forms[k].file);
        gk_test_write_file(p, page_forms[k].text, strlen(page_forms[k].text));
        free(p);
    }
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "-q", f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    json_t *lines = gk_cli_query_json(f->db, GK_CLI_0_OR_1,
                                      GK_CLI_ARGS("--json", "--by", "report", "-n", "10"));
    size_t seen = 0, i;
    json_t *h;
    json_array_foreach(lines, i, h)
    {
        const char *path = json_string_value(json_object_get(h, "path"));
        for (size_t k = 0; path != NULL && k < sizeof page_forms / sizeof page_forms[0]; k++) {
            if (!gk_test_ends_with(path, page_forms[k].file))
                continue;
            seen++;
            assert_string_equal(gk_cli_str(h, "kind"), page_forms[k].kind);
            assert_string_equal(gk_cli_str(h, "title"), page_forms[k].title);
            if (strcmp(page_forms[k].kind, "report") == 0) {
                assert_string_equal(gk_cli_str(h, "township"), page_forms[k].township);
                assert_string_equal(gk_cli_str(h, "county"), page_forms[k].county);
                assert_string_equal(gk_cli_str(h, "city"), page_forms[k].city);
            }
        }
    }
    assert_int_equal(seen, sizeof page_forms / sizeof page_forms[0]);
    json_decref(lines);
    /* the county found in the address filters */
    assert_int_equal(gk_cli_count(f->db, "--by", "report", "县:彭阳", NULL), 2);
    assert_int_equal(gk_cli_count(f->db, "--by", "report", "市:衡水", NULL), 1);
}

static int on_record_key(void *ctx, const char *key, const char *value, size_t len)
{
    (void)value;
    (void)len;
    json_array_append_new(ctx, json_string(key));
    return 0;
}

/* A result needs nothing from the database's metadata (a stub of shards
 * reads only its first shard's): the metadata holds only the layout and
 * the writer's state of each file, and a hit still has its place's
 * candidates, --figures its notes and --show its record. */
static void test_results_need_no_metadata(void **state)
{
    gk_cli *f = *state;
    for (size_t k = 0; k < GK_TEST_NREPORTS; k++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu.txt", k);
        free(gk_test_put_copy(f->in, name, gk_test_reports[k]));
    }
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "-q", f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    gk_db *db = NULL;
    assert_int_equal(gk_db_open(&db, f->db, GK_DB_READ, NULL), GK_OK);
    json_t *keys = json_array();
    assert_int_equal(gk_db_metadata_each(db, "", on_record_key, keys, NULL), GK_OK);
    size_t i, files = 0, roots = 0;
    json_t *key;
    json_array_foreach(keys, i, key) {
        const char *k = json_string_value(key);
        if (strncmp(k, "file/", 5) == 0)
            files++;
        else if (strncmp(k, "root/", 5) == 0)
            roots++; /* the folder indexed, by name (report ids) */
        else
            assert_string_equal(k, "layout");
    }
    assert_int_equal(files, GK_TEST_NREPORTS);
    assert_int_equal(roots, 1);
    json_decref(keys);
    gk_db_close(db);

    json_t *lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--json", "township:柳泉镇"));
    json_t *hit = json_array_get(lines, 0);
    assert_string_equal(gk_cli_str(hit, "place_status"), "ambiguous");
    assert_int_equal(json_array_size(json_object_get(hit, "place_candidates")), 4);
    char *id = gk_strdup(gk_cli_str(hit, "report_id"));
    json_decref(lines);
    gk_cli_query(&r, f->db, "--figures", NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(gk_test_count_lines(r.out), 1 + GK_TEST_NREPORTS);
    gk_test_run_clear(&r);
    /* the record, from the document */
    gk_cli_query(&r, f->db, "--json", "--show", id, NULL);
    assert_int_equal(r.status, 0);
    json_t *rec = json_loads(r.out, 0, NULL);
    assert_non_null(rec);
    assert_string_equal(gk_cli_str(rec, "report_id"), id);
    assert_string_equal(gk_cli_str(json_object_get(rec, "place"), "status"), "ambiguous");
    json_decref(rec);
    gk_test_run_clear(&r);
    free(id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_places_of_the_five_reports),
        cmocka_unit_test(test_place_and_category_filters),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_facet_text_and_errors),
        cmocka_unit_test(test_show),
        GK_CLI_TEST(test_titles_bodies_and_counties_of_page_forms),
        GK_CLI_TEST(test_results_need_no_metadata),
    };
    return cmocka_run_group_tests(tests, gk_cli_corpus_setup, gk_cli_teardown);
}
