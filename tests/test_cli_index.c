/* test_cli_index.c - end to end: gongkai-index on odd and broken input.
 * Every bad file is reported as "gongkai-index: PATH: reason", every other
 * file is indexed, and the exit code says which happened. */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "gk_db.h"
#include "gk_fixtures.h"


/* Run a --json --by report query (exiting 0 or 1); return the first hit
 * (or NULL) and the total. */
static json_t *first_hit(gk_cli *f, const char *q, long *total)
{
    json_t *lines =
        gk_cli_query_json(f->db, GK_CLI_0_OR_1, GK_CLI_ARGS("--json", "--by", "report", q));
    *total = (long)json_integer_value(json_object_get(gk_cli_summary(lines), "total"));
    json_t *hit = json_incref(json_array_size(lines) > 1 ? json_array_get(lines, 0) : NULL);
    json_decref(lines);
    return hit;
}

static void test_bad_files_are_reported_and_the_rest_indexed(void **state)
{
    gk_cli *f = *state;
    size_t len = 0;
    char *report = gk_test_read_file(GK_TEST_REPORT_001, &len);
    char *good = gk_test_put(f->in, "good.txt", report, len);
    char *empty = gk_test_put(f->in, "empty.txt", "", 0);
    static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    char *bin = gk_test_put(f->in, "binary.txt", binary, sizeof binary);
    char *dangling = gk_test_join(f->in, "dangling.txt");
    assert_int_equal(symlink("/nonexistent/report.txt", dangling), 0);
    char *blank = gk_test_put(f->in, "blank.md", " \n\t\n", 4);
    /* not a format gongkai reads, by name or content: skipped */
    free(gk_test_put(f->in, "budget.xlsx", "a\tb\n1\t2\n", 8));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 1);
    gk_cli_expect_complaint(r.err, empty, "empty file");
    gk_cli_expect_complaint(r.err, bin, "binary");
    gk_cli_expect_complaint(r.err, dangling, "No such file");
    gk_cli_expect_complaint(r.err, blank, "no text");
    assert_int_equal(gk_test_count_lines(r.err), 4);
    assert_non_null(strstr(r.out, "indexed 1 file"));
    assert_non_null(strstr(r.out, "4 failed"));
    assert_non_null(strstr(r.out, "1 skipped"));
    gk_test_run_clear(&r);
    long total;
    json_t *hit = first_hit(f, "存在的主要问题", &total);
    assert_int_equal(total, 1);
    assert_string_equal(json_string_value(json_object_get(hit, "township")), "柳泉镇");
    json_decref(hit);
    free(report);
    free(good);
    free(empty);
    free(bin);
    free(dangling);
    free(blank);
}

static void test_json_account_of_every_file(void **state)
{
    gk_cli *f = *state;
    size_t len = 0;
    char *report = gk_test_read_file(GK_TEST_REPORT_001, &len);
    free(gk_test_put(f->in, "a.txt", report, len));
    free(gk_test_put(f->in, "b.txt", "", 0));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", f->in, NULL);
    assert_int_equal(r.status, 1);
    int indexed = 0, failed = 0, summaries = 0;
    size_t i;
    json_t *lines = gk_cli_json_lines(r.out), *j;
    json_array_foreach(lines, i, j) {
        if (strcmp(gk_cli_str(j, "type"), "summary") == 0) {
            summaries++;
            assert_int_equal(json_integer_value(json_object_get(j, "indexed")), 1);
            assert_int_equal(json_integer_value(json_object_get(j, "failed")), 1);
        } else {
            if (strcmp(gk_cli_str(j, "status"), "indexed") == 0) {
                indexed++;
                assert_int_equal(json_integer_value(json_object_get(j, "year")), 2021);
            } else {
                failed++;
                assert_non_null(json_object_get(j, "error"));
            }
        }
    }
    json_decref(lines);
    assert_int_equal(indexed, 1);
    assert_int_equal(failed, 1);
    assert_int_equal(summaries, 1);
    gk_test_run_clear(&r);
    /* --quiet: the summary alone on stdout, the broken file still named
     * on stderr */
    free(gk_test_put(f->in, "c.txt", report, len));
    gk_cli_index(&r, f->db, "--json", "-q", f->in, NULL);
    assert_int_equal(r.status, 1);
    assert_int_equal(gk_test_count_lines(r.out), 1);
    lines = gk_cli_json_lines(r.out);
    j = json_array_get(lines, 0);
    assert_string_equal(gk_cli_str(j, "type"), "summary");
    assert_int_equal(json_integer_value(json_object_get(j, "unchanged")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "failed")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "indexed")), 1);
    json_decref(lines);
    assert_non_null(strstr(r.err, "b.txt: "));
    gk_test_run_clear(&r);
    free(report);
}

static void test_other_encodings_and_line_ends(void **state)
{
    gk_cli *f = *state;
    size_t len = 0;
    char *report = gk_test_read_file(GK_TEST_REPORT_001, &len);
    /* GB18030 */
    size_t gb_len;
    char *gb = gk_test_encode(report, len, "GB18030", 0, &gb_len);
    free(gk_test_put(f->in, "gb.txt", gb, gb_len));
    free(gb);
    /* UTF-16LE with a BOM and CRLF line ends */
    size_t n, u16_len;
    char *crlf = gk_test_crlf(report, len, &n);
    char *u16 = gk_test_encode(crlf, n, "UTF-16LE", 1, &u16_len);
    free(gk_test_put(f->in, "utf16.txt", u16, u16_len));
    free(u16);
    free(crlf);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "indexed 2 files"));
    gk_test_run_clear(&r);
    long total;
    json_t *hit = first_hit(f, "\"存在的主要问题\" section:problems 镇:柳泉 year:2021", &total);
    assert_int_equal(total, 2);
    json_decref(hit);
    free(report);
}

static void test_html_report(void **state)
{
    gk_cli *f = *state;
    const char *html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>首页</title>"
        "<script>var x = '存在的主要问题';</script></head><body>"
        "<nav>首页 &gt; 政务公开</nav>"
        "<h1>彭阳县白阳镇人民政府2020年政府信息公开工作年度报告</h1>"
        "<h2>一、总体情况</h2><p>2020年，白阳镇&ldquo;五公开&rdquo;工作稳步推进。</p>"
        "<h2>二、主动公开政府信息情况</h2><table><tr><td>信息内容</td><td>本年新制作数量</td></tr>"
        "<tr><td>规章</td><td>0</td></tr></table>"
        "<h2>五、存在的主要问题及改进情况</h2><p>一是宣传不够到位，群众知晓率低。</p>"
        "</body></html>";
    free(gk_test_put(f->in, "report.html", html, strlen(html)));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    long total;
    json_t *hit = first_hit(f, "知晓率", &total);
    assert_int_equal(total, 1);
    assert_string_equal(json_string_value(json_object_get(hit, "section")), "problems");
    assert_string_equal(json_string_value(json_object_get(hit, "township")), "白阳镇");
    assert_string_equal(json_string_value(json_object_get(hit, "county")), "彭阳县");
    assert_int_equal(json_integer_value(json_object_get(hit, "year")), 2020);
    json_decref(hit);
    /* entities decoded (no "ldquo" left in the text); script text and
     * navigation not indexed */
    hit = first_hit(f, "五公开", &total);
    assert_int_equal(total, 1);
    json_decref(hit);
    hit = first_hit(f, "ldquo", &total);
    assert_int_equal(total, 0);
    json_decref(hit);
    hit = first_hit(f, "政务公开", &total);
    assert_int_equal(total, 0);
    json_decref(hit);
    hit = first_hit(f, "var", &total);
    assert_int_equal(total, 0);
    json_decref(hit);
}

static void test_plain_document_is_searchable_but_invents_nothing(void **state)
{
    gk_cli *f = *state;
    const char *text = "关于开展2021年春节慰问活动的通知\n各村：为做好节日慰问工作，现通知如下。\n";
    free(gk_test_put(f->in, "notice.txt", text, strlen(text)));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "1 other document"));
    gk_test_run_clear(&r);
    long total;
    json_t *hit = first_hit(f, "慰问", &total);
    assert_int_equal(total, 1);
    assert_string_equal(json_string_value(json_object_get(hit, "kind")), "document");
    assert_string_equal(json_string_value(json_object_get(hit, "township")), "");
    assert_true(json_is_null(json_object_get(hit, "year")));
    json_decref(hit);
    /* and it is not counted among the reports */
    hit = first_hit(f, "kind:report", &total);
    assert_int_equal(total, 0);
    json_decref(hit);
}

static void test_invalid_bytes_give_a_warning_not_a_failure(void **state)
{
    gk_cli *f = *state;
    size_t len = 0;
    char *report = gk_test_read_file(GK_TEST_REPORT_001, &len);
    report[200] = (char)0xFF; /* damage a few bytes */
    report[201] = (char)0xFE;
    char *path = gk_test_put(f->in, "damaged.txt", report, len);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, path, NULL);
    assert_int_equal(r.status, 0);
    gk_cli_expect_complaint(r.err, path, "warning:");
    gk_cli_expect_complaint(r.err, path, "U+FFFD");
    gk_test_run_clear(&r);
    long total;
    json_t *hit = first_hit(f, "存在的主要问题", &total);
    assert_int_equal(total, 1);
    json_decref(hit);
    free(report);
    free(path);
}

static void test_reindexing_replaces_documents(void **state)
{
    gk_cli *f = *state;
    size_t len = 0;
    char *report = gk_test_read_file(GK_TEST_REPORT_001, &len);
    char *path = gk_test_put(f->in, "r.txt", report, len);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, path, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    long first, second;
    json_decref(first_hit(f, "township:柳泉镇", &first));
    gk_cli_index(&r, f->db, path, NULL);
    gk_test_run_clear(&r);
    json_decref(first_hit(f, "township:柳泉镇", &second));
    assert_int_equal(first, 1);
    assert_int_equal(second, 1);
    /* a changed file replaces its old text */
    char *changed = gk_test_read_file(GK_TEST_REPORT_001, &len);
    char *p = strstr(changed, "柳泉镇人民政府2021年");
    memcpy(p, "杏林镇", strlen("杏林镇"));
    gk_test_write_file(path, changed, len);
    gk_cli_index(&r, f->db, path, NULL);
    gk_test_run_clear(&r);
    json_decref(first_hit(f, "township:柳泉镇", &first));
    json_decref(first_hit(f, "township:杏林镇", &second));
    assert_int_equal(first, 0);
    assert_int_equal(second, 1);
    free(report);
    free(changed);
    free(path);
}

static void test_locked_database(void **state)
{
    gk_cli *f = *state;
    gk_db *holder = NULL;
    assert_int_equal(gk_db_open(&holder, f->db, GK_DB_WRITE, NULL), GK_OK);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, GK_TEST_REPORT_001, NULL);
    assert_int_equal(r.status, 3);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "gongkai-index: "));
    assert_non_null(strstr(r.err, "locked"));
    gk_test_run_clear(&r);
    gk_db_close(holder);
    gk_cli_index(&r, f->db, GK_TEST_REPORT_001, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
}

static void test_usage_errors(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_index(&r, f->db, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no PATH"));
    gk_test_run_clear(&r);
    gk_cli_index(&r, f->db, "--max-size", "lots", GK_TEST_REPORT_001, NULL);
    assert_int_equal(r.status, 2);
    gk_test_run_clear(&r);
    gk_cli_index(&r, f->db, "--max-size", "1K", GK_TEST_REPORT_001, NULL);
    assert_int_equal(r.status, 1);
    gk_cli_expect_complaint(r.err, GK_TEST_REPORT_001, "too large");
    gk_test_run_clear(&r);
    gk_cli_index(&r, f->db, GK_TEST_CORPUS_DIR "/data/sections.tsv", NULL);
    assert_int_equal(r.status, 1);
    gk_cli_expect_complaint(r.err, GK_TEST_CORPUS_DIR "/data/sections.tsv", "unsupported file type");
    gk_test_run_clear(&r);
}

/* A database the run creates is compacted: smaller than the same one
 * left as written (--no-compact), finding the same; --compact compacts an
 * existing one; nothing is left beside the database. */
static void test_new_database_is_compacted(void **state)
{
    gk_cli *f = *state;
    char *loose = gk_test_join(f->top, "loose");
    gk_test_run_result r;
    gk_cli_index(&r, f->db, GK_TEST_CORPUS_DIR, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    gk_cli_index(&r, loose, "--no-compact", GK_TEST_CORPUS_DIR, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    long long compact = gk_test_dir_size(f->db), as_written = gk_test_dir_size(loose);
    if (!(compact < as_written))
        fail_msg("compacted %lld bytes, as written %lld", compact, as_written);
    static const char *const queries[] = {"存在的主要问题", "township:柳泉镇", "year:2021"};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(gk_cli_count(f->db, queries[i], NULL),
                         gk_cli_count(loose, queries[i], NULL));
    assert_true(gk_cli_count(f->db, "存在的主要问题", NULL) > 0);

    char slashed[4096]; /* "loose/" names the same database */
    snprintf(slashed, sizeof slashed, "%s/", loose);
    gk_cli_index(&r, slashed, "--compact", GK_TEST_CORPUS_DIR, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    long long after = gk_test_dir_size(loose);
    if (!(after < as_written))
        fail_msg("--compact left %lld bytes of %lld", after, as_written);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(gk_cli_count(loose, queries[i], NULL),
                         gk_cli_count(f->db, queries[i], NULL));
    /* top holds in/, db/ and loose/ only */
    char *ls[] = {"/bin/ls", "-A", f->top, NULL};
    gk_test_run(&r, ls, NULL);
    assert_string_equal(r.out, "db\nin\nloose\n");
    gk_test_run_clear(&r);
    free(loose);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_bad_files_are_reported_and_the_rest_indexed),
        GK_CLI_TEST(test_json_account_of_every_file),
        GK_CLI_TEST(test_other_encodings_and_line_ends),
        GK_CLI_TEST(test_html_report),
        GK_CLI_TEST(test_plain_document_is_searchable_but_invents_nothing),
        GK_CLI_TEST(test_invalid_bytes_give_a_warning_not_a_failure),
        GK_CLI_TEST(test_reindexing_replaces_documents),
        GK_CLI_TEST(test_locked_database),
        GK_CLI_TEST(test_usage_errors),
        GK_CLI_TEST(test_new_database_is_compacted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
