/* test_cli_terminal.c - end to end: nothing gongkai-query prints can drive
 * a terminal.  A report whose file name and title hold escape sequences
 * (set the window title, clear the screen), a bell, CR and newline is
 * indexed; every text output (hits, --show, facets, --figures, --batch's
 * query line, error messages echoing an option or a query) must show them
 * escaped ("\x1b", "\n"), as ls and ripgrep do, and --json stays JSON;
 * so must gongkai-index's (-v lines, errors, echoed option values). */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_escape.h"
#include "gk_util.h"

/* The hostile part of the name and of the title. */
#define EVIL_UTF8 "\033]0;pwned\a\033[2J\r\n\xc2\x9b"
#define EVIL EVIL_UTF8 "\x9b" /* C1 CSI, in UTF-8 and as one byte */
#define EVIL_UTF8_SHOWN "\\x1b]0;pwned\\x07\\x1b[2J\\r\\n\\u{9b}"
#define EVIL_SHOWN EVIL_UTF8_SHOWN "\\x9b"

/* 1 if s[0..len) holds a control character other than a newline ending a
 * line or a tab (between TSV columns): an ESC, a BEL, a CR, or C1 control
 * (U+0080..U+009F). */
static int has_control(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return 1;
        if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9f)
            return 1;
    }
    return 0;
}

/* Index the hostile report into a fresh database. */
static int setup(void **state)
{
    gk_cli_setup(state);
    gk_cli *f = *state;
    size_t len;
    char *src = gk_test_read_file(GK_TEST_CORPUS_DIR "/002_c7f4534a7f0d64bb.txt", &len);
    gk_buf b = {0};
    /* the title line: "彭阳县白阳镇人民政府 2020年..." with the escapes */
    const char *at = strstr(src, "2020年政府信息公开工作年度报告");
    assert_non_null(at);
    gk_buf_add(&b, src, (size_t)(at - src));
    gk_buf_adds(&b, "\033[31m");
    gk_buf_add(&b, at, len - (size_t)(at - src));
    free(gk_test_put(f->in, "x" EVIL ".txt", b.data, b.len));
    gk_buf_free(&b);
    free(src);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    return 0;
}

static void expect_clean(const gk_test_run_result *r, const char *where)
{
    if (has_control(r->out, r->out_len))
        fail_msg("%s: a control character on stdout:\n%s", where, r->out);
    if (has_control(r->err, r->err_len))
        fail_msg("%s: a control character on stderr:\n%s", where, r->err);
}

static void test_hits_and_show(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--color=never", "白阳镇", NULL);
    assert_int_equal(r.status, 0);
    expect_clean(&r, "hits");
    assert_non_null(strstr(r.out, "x" EVIL_SHOWN ".txt"));
    assert_non_null(strstr(r.out, "2020年政府信息公开工作年度报告"));
    gk_test_run_clear(&r);

    /* --json: the same characters, as JSON escapes */
    json_t *lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--json", "白阳镇"));
    json_t *hit = json_array_get(lines, 0);
    assert_non_null(strstr(gk_cli_str(hit, "path"), "x" EVIL_UTF8));
    const char *id = gk_cli_str(hit, "report_id");
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "%s", id);
    json_decref(lines);

    gk_cli_query(&r, f->db, "--show", idbuf, NULL);
    assert_int_equal(r.status, 0);
    expect_clean(&r, "--show");
    /* the record is JSON: the byte that is not UTF-8 became U+FFFD */
    assert_non_null(strstr(r.out, "x" EVIL_UTF8_SHOWN));
    gk_test_run_clear(&r);

    gk_cli_query(&r, f->db, "--figures", "--format", "tsv", NULL);
    assert_int_equal(r.status, 0);
    expect_clean(&r, "--figures tsv");
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--figures", NULL);
    assert_int_equal(r.status, 0);
    expect_clean(&r, "--figures csv");
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "-n", "0", "--facet", "township,county", NULL);
    assert_int_equal(r.status, 0);
    expect_clean(&r, "--facet");
    gk_test_run_clear(&r);
}

static void test_errors_echo_escaped(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--sort", "x" EVIL, "a", NULL);
    assert_int_equal(r.status, 2);
    expect_clean(&r, "--sort");
    assert_non_null(strstr(r.err, "x" EVIL_SHOWN));
    gk_test_run_clear(&r);

    gk_cli_query(&r, NULL, "-d", "/nonexistent/" EVIL, "a", NULL);
    assert_int_equal(r.status, 3);
    expect_clean(&r, "-d");
    assert_non_null(strstr(r.err, "/nonexistent/" EVIL_SHOWN));
    gk_test_run_clear(&r);

    const char *const bad[] = {"--by=x" EVIL, "--color=x" EVIL, "--format=x" EVIL,
                               "--facet=x" EVIL, "--show=x" EVIL, "--limit=x" EVIL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gk_cli_query(&r, f->db, bad[i], "a", NULL);
        assert_int_equal(r.status, 2);
        expect_clean(&r, bad[i]);
        gk_test_run_clear(&r);
    }
    gk_cli_query(&r, f->db, "--x" EVIL, "a", NULL);
    assert_int_equal(r.status, 2);
    expect_clean(&r, "unknown option");
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "(" EVIL, NULL);
    assert_int_equal(r.status, 2);
    expect_clean(&r, "bad query");
    gk_test_run_clear(&r);
}

static void test_batch_query_line(void **state)
{
    gk_cli *f = *state;
    static const char queries[] = "白阳镇 -x" EVIL "\n(\033[2J\n";
    char *path = gk_test_put(f->in, "queries", queries, sizeof queries - 1);
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--batch", path, NULL);
    assert_int_equal(r.status, 2);
    expect_clean(&r, "--batch");
    assert_non_null(strstr(r.out, "query: 白阳镇 -x\\x1b]0;pwned"));
    gk_test_run_clear(&r);
    /* and the JSON is JSON */
    json_t *lines = gk_cli_query_json(f->db, 2, GK_CLI_ARGS("--json", "--batch", path));
    assert_true(json_array_size(lines) >= 2);
    json_decref(lines);
    free(path);
}

static void test_escape_function(void **state)
{
    (void)state;
    char *e = gk_escape("a\tb\nc\r\033[0m\x7f\xc2\x9b\xe2\x80\xae" "中\xff");
    assert_string_equal(e, "a\\tb\\nc\\r\\x1b[0m\\x7f\\u{9b}\\u{202e}中\\xff");
    free(e);
    e = gk_escape("");
    assert_string_equal(e, "");
    free(e);
    /* nothing to print prints nothing */
    char *buf = NULL;
    size_t len = 0;
    FILE *to = open_memstream(&buf, &len);
    gk_escape_fputs(to, "");
    gk_escape_fputs(to, "柳泉镇");
    fclose(to);
    assert_string_equal(buf, "柳泉镇");
    free(buf);
}

/* gongkai-index prints file names too: -v, a failing file, a bad option
 * value and the summary show them escaped. */
static void test_indexer_output(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    char *db = gk_test_join(f->top, "db2");
    gk_cli_index(&r, db, f->in, "-v", "--force", NULL);
    assert_int_equal(r.status, 0);
    expect_clean(&r, "gongkai-index -v");
    assert_non_null(strstr(r.out, "x" EVIL_SHOWN ".txt"));
    gk_test_run_clear(&r);
    /* a file that cannot be read is named on stderr, escaped */
    static const char not_zip[] = "PK\003\004 not a zip";
    free(gk_test_put(f->in, "y" EVIL ".docx", not_zip, sizeof not_zip - 1));
    gk_cli_index(&r, db, f->in, NULL);
    assert_int_equal(r.status, 1);
    expect_clean(&r, "gongkai-index, a broken file");
    assert_non_null(strstr(r.err, "y" EVIL_SHOWN ".docx"));
    gk_test_run_clear(&r);
    gk_cli_index(&r, db, f->in, "--jobs", "x" EVIL, NULL);
    assert_int_equal(r.status, 2);
    expect_clean(&r, "gongkai-index --jobs");
    assert_non_null(strstr(r.err, "'x" EVIL_SHOWN "'"));
    gk_test_run_clear(&r);
    free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_function),
        cmocka_unit_test(test_hits_and_show),
        cmocka_unit_test(test_errors_echo_escaped),
        cmocka_unit_test(test_batch_query_line),
        cmocka_unit_test(test_indexer_output),
    };
    return cmocka_run_group_tests(tests, setup, gk_cli_teardown);
}
