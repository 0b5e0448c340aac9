/* test_cli_traditional.c - end to end: reports written in traditional
 * characters are found by simplified queries (and the other way round),
 * resolve to their places, and are shown as written.
 *
 * Fixtures: corpus report 000 (曲峨镇, 2020, 大宁县 141030101) converted to
 * traditional characters by ICU's Simplified-Traditional, with the pinyin a
 * broken converter inserts after 鎮; and a short report of 臚崗鎮 (胪岗镇,
 * 汕头市潮南区, 440514108 in the division list) written by hand. */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "gk_util.h"


static const char luogang[] =
    "臚崗鎮2021年政府信息公開工作年度報告\n"
    "一、總體情況\n"
    "2021年，臚崗鎮認真貫徹落實《中華人民共和國政府信息公開條例》。\n"
    "二、主動公開政府信息情況\n"
    "全年主動公開政府信息120條。\n"
    "三、收到和處理政府信息公開申請情況\n"
    "本年度未收到政府信息公開申請。\n"
    "四、存在的主要問題及改進情況\n"
    "（一）存在的主要問題：信息公開的及時性有待提高。\n"
    "（二）改進措施：加強學習培訓。\n";

/* The title only after the breadcrumb on its line: the line is page
 * chrome, cut before the report is read, so the title comes from the page. */
static const char crumb[] =
    "您所在位置：首頁 > 政務公開 > 政府信息公開年報\n"
    "您現在的位置：首頁 > 信息公開 > 臚崗鎮 > 年度報告臚崗鎮二〇二二年政府信息公開工作年度報告\n"
    "一、總體情況\n"
    "2022年，本鎮繼續推進政務公開。\n"
    "二、主動公開政府信息情況\n"
    "全年主動公開政府信息96條。\n"
    "三、收到和處理政府信息公開申請情況\n"
    "本年度收到政府信息公開申請2件。\n"
    "四、工作中的不足及改進措施\n"
    "公開內容不夠全面，下一步加強培訓。\n";

typedef struct fixture {
    gk_cli cli;
    char *trad, *luogang, *crumb; /* the reports, in cli.in */
} fixture;

/* text converted by ICU's Simplified-Traditional; malloc'd */
static char *to_traditional(const char *text, size_t len)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar id[32];
    u_uastrcpy(id, "Simplified-Traditional");
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    assert_false(U_FAILURE(e));
    int32_t ulen = 0;
    e = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &e);
    int32_t cap = ulen * 2 + 16;
    UChar *u = calloc((size_t)cap, sizeof *u);
    e = U_ZERO_ERROR;
    u_strFromUTF8(u, cap, &ulen, text, (int32_t)len, &e);
    assert_false(U_FAILURE(e));
    int32_t limit = ulen;
    e = U_ZERO_ERROR;
    utrans_transUChars(t, u, &ulen, cap, 0, &limit, &e);
    assert_false(U_FAILURE(e));
    utrans_close(t);
    char *out = malloc((size_t)ulen * 4 + 1);
    int32_t olen = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(out, ulen * 4 + 1, &olen, u, ulen, &e);
    assert_false(U_FAILURE(e));
    free(u);
    return out;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    gk_cli_init(&f->cli);
    size_t len = 0;
    char *simplified = gk_test_read_file(GK_TEST_REPORT_000, &len);
    assert_non_null(simplified);
    char *trad = to_traditional(simplified, len);
    free(simplified);
    /* the converter's pinyin after the first 鎮 (in the title) */
    char *zhen = strstr(trad, "曲峨鎮");
    assert_non_null(zhen);
    gk_buf b = {0};
    size_t at = (size_t)(zhen - trad) + strlen("曲峨鎮");
    gk_buf_add(&b, trad, at);
    gk_buf_adds(&b, "(zhèn)");
    gk_buf_adds(&b, trad + at);
    free(trad);
    f->trad = gk_test_put(f->cli.in, "trad.txt", b.data, b.len);
    gk_buf_free(&b);
    f->luogang = gk_test_put(f->cli.in, "luogang.txt", luogang, strlen(luogang));
    f->crumb = gk_test_put(f->cli.in, "crumb.txt", crumb, strlen(crumb));
    gk_test_run_result r;
    gk_cli_index(&r, f->cli.db, "-q", f->trad, f->luogang, f->crumb, NULL);
    if (r.status != 0)
        fail_msg("gongkai-index failed (%d): %s", r.status, r.err);
    gk_test_run_clear(&r);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_cli_clear(&f->cli);
    free(f->trad);
    free(f->luogang);
    free(f->crumb);
    free(f);
    return 0;
}

/* gongkai-query -d DB --json ARGS, exiting 0 or 1: the hit lines (summary
 * dropped). */
static json_t *query(void **state, const char *const *args)
{
    fixture *f = *state;
    json_t *lines = gk_cli_query_json(f->cli.db, GK_CLI_0_OR_1, args);
    json_t *hits = gk_cli_of_type(lines, "hit");
    json_decref(lines);
    return hits;
}

#define Q(...) query(state, GK_CLI_ARGS("--json", __VA_ARGS__))

static json_t *hit_of(json_t *hits, const char *path)
{
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h)
    {
        if (strcmp(gk_cli_str(h, "path"), path) == 0)
            return h;
    }
    return NULL;
}

static void test_simplified_query_finds_traditional_reports(void **state)
{
    fixture *f = *state;
    json_t *hits = Q("--by", "report", "存在的主要问题");
    assert_int_equal(json_array_size(hits), 2);
    json_t *h = hit_of(hits, f->luogang);
    assert_non_null(h);
    assert_string_equal(gk_cli_str(h, "section"), "problems");
    /* shown as written, the match marked on the traditional characters */
    const char *snip = gk_cli_str(h, "snippet");
    assert_non_null(strstr(snip, "存在的主要問題"));
    json_t *hl = json_array_get(json_object_get(h, "highlights"), 0);
    assert_non_null(hl);
    json_int_t s = json_integer_value(json_array_get(hl, 0));
    json_int_t e = json_integer_value(json_array_get(hl, 1));
    assert_int_equal(e - s, 7); /* 存在的主要問題 */
    assert_string_equal(gk_cli_str(h, "section_title"), "四、存在的主要問題及改進情況");
    assert_string_equal(gk_cli_str(h, "title"), "臚崗鎮2021年政府信息公開工作年度報告");
    json_decref(hits);
}

static void test_traditional_query_finds_the_same(void **state)
{
    json_t *a = Q("--by", "report", "存在的主要问题");
    json_t *b = Q("--by", "report", "存在的主要問題");
    assert_int_equal(json_array_size(a), 2);
    assert_int_equal(json_array_size(b), 2);
    json_decref(a);
    json_decref(b);
    json_t *c = Q("township:臚崗鎮");
    assert_true(json_array_size(c) > 0);
    json_decref(c);
}

static void test_traditional_places_resolve(void **state)
{
    fixture *f = *state;
    json_t *hits = Q("--by", "report", "-n", "10");
    json_t *h = hit_of(hits, f->luogang);
    assert_non_null(h);
    assert_string_equal(gk_cli_str(h, "place_status"), "resolved");
    assert_string_equal(gk_cli_str(h, "place_code"), "440514108");
    assert_string_equal(gk_cli_str(h, "township"), "胪岗镇");
    assert_string_equal(gk_cli_str(h, "county"), "潮南区");
    assert_string_equal(gk_cli_str(h, "city"), "汕头市");
    assert_int_equal(json_integer_value(json_object_get(h, "year")), 2021);
    h = hit_of(hits, f->trad);
    assert_non_null(h);
    assert_string_equal(gk_cli_str(h, "place_code"), "141030101");
    assert_string_equal(gk_cli_str(h, "township"), "曲峨镇");
    assert_int_equal(json_integer_value(json_object_get(h, "year")), 2020);
    /* the converter's pinyin is gone from what is shown */
    assert_null(strstr(gk_cli_str(h, "title"), "zhèn"));
    assert_non_null(strstr(gk_cli_str(h, "title"), "曲峨鎮"));
    json_decref(hits);
}

/* A title found only in the page (after its breadcrumb) is shown as the
 * page writes it, not folded to simplified. */
static void test_title_from_the_page_shown_as_written(void **state)
{
    fixture *f = *state;
    json_t *hits = Q("--by", "report", "year:2022");
    assert_int_equal(json_array_size(hits), 1);
    json_t *h = hit_of(hits, f->crumb);
    assert_non_null(h);
    assert_string_equal(gk_cli_str(h, "title"), "臚崗鎮二〇二二年政府信息公開工作年度報告");
    assert_string_equal(gk_cli_str(h, "township"), "胪岗镇");
    json_decref(hits);
}

static void test_figures_read_from_traditional_tables(void **state)
{
    /* 000's procurement ("0.65 万元" = 6500 元) and its 62 items published
     * (read from the report) survive the conversion */
    fixture *f = *state;
    json_t *hits = Q("--by", "report", "procurement_amount_yuan:6500");
    assert_int_equal(json_array_size(hits), 1);
    assert_non_null(hit_of(hits, f->trad));
    json_decref(hits);
    hits = Q("--by", "report", "proactive_items:62");
    assert_int_equal(json_array_size(hits), 1);
    assert_non_null(hit_of(hits, f->trad));
    json_decref(hits);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simplified_query_finds_traditional_reports),
        cmocka_unit_test(test_traditional_query_finds_the_same),
        cmocka_unit_test(test_traditional_places_resolve),
        cmocka_unit_test(test_figures_read_from_traditional_tables),
        cmocka_unit_test(test_title_from_the_page_shown_as_written),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
