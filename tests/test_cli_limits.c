/* test_cli_limits.c - end to end: files built to make gongkai-index slow
 * or greedy (issue 14 items 1 and 2).
 *
 * A report followed by a hundred thousand short lines, heading lines or
 * table rows is indexed and found by its place and year (every stage is
 * linear in the lines: this took minutes when one was quadratic); a file of more text than a file may give, and a DOCX whose
 * body would parse into too many XML nodes, are each refused with one
 * line "gongkai-index: PATH: reason" while the other files are indexed.
 * Times are not measured: a quadratic stage shows as a run killed after a
 * minute, many times what a linear one takes. */
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_fixtures.h"
#include "gk_util.h"

#define LINES_SECONDS 60
#define REPORT GK_TEST_CORPUS_DIR "/000_925b706919d91c02.txt"

/* The report of corpus/ followed by n lines made by line(k). */
static char *report_then_lines(size_t n, void (*line)(gk_buf *, size_t), size_t *len)
{
    size_t report_len = 0;
    char *report = gk_test_read_file(REPORT, &report_len);
    gk_buf b = {0};
    assert_int_equal(gk_buf_add(&b, report, report_len), GK_OK);
    free(report);
    for (size_t k = 0; k < n; k++)
        line(&b, k);
    *len = b.len;
    return gk_buf_take(&b, NULL);
}

static void line_a(gk_buf *b, size_t k)
{
    (void)k;
    assert_int_equal(gk_buf_adds(b, "a\n"), GK_OK);
}

static void line_numbered(gk_buf *b, size_t k)
{
    char line[64];
    snprintf(line, sizeof line, "第%zu行\n", k);
    assert_int_equal(gk_buf_adds(b, line), GK_OK);
}

/* Index a file of the report and n lines; it must be indexed and found. */
static void expect_indexed(gk_cli *f, size_t n, void (*line)(gk_buf *, size_t))
{
    size_t len;
    char *text = report_then_lines(n, line, &len);
    free(gk_test_put(f->in, "long.txt", text, len));
    free(text);
    /* a minute, against the seconds it takes: the quadratic reader took
     * minutes, and is killed (exit 128+9) */
    char **argv = gk_cli_argv(GK_TEST_INDEX_BIN, f->db, GK_CLI_ARGS(f->in));
    gk_test_proc p;
    gk_test_spawn(&p, argv, NULL, NULL);
    free(argv);
    gk_test_run_result r;
    gk_test_proc_wait(&p, &r, gk_test_timeout(LINES_SECONDS));
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err);
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
    assert_true(gk_cli_count(f->db, "政府信息公开", NULL) > 0);
    /* still read as the report it starts with */
    assert_int_equal(gk_cli_count(f->db, "--by", "report", "township:曲峨镇", "year:2020",
                                  "kind:report", NULL),
                     1);
}

/* 100,000 lines of "a" after a report took 135 s: the table reader read
 * the whole pending row again for every line. */
static void test_many_lines_of_a(void **state)
{
    expect_indexed(*state, 100000, line_a);
}

/* 第N行 lines: each a short CJK line, the kind that made 13 MB take 5
 * minutes. */
static void test_many_numbered_lines(void **state)
{
    expect_indexed(*state, 200000, line_numbered);
}

/* "2、总体情况": a numbered heading on every line, each a candidate of the
 * numbering chosen (once chosen in time quadratic in the candidates). */
static void line_heading(gk_buf *b, size_t k)
{
    char line[64];
    snprintf(line, sizeof line, "%zu、总体情况\n", k % 20 + 1);
    assert_int_equal(gk_buf_adds(b, line), GK_OK);
}

static void test_many_heading_lines(void **state)
{
    expect_indexed(*state, 100000, line_heading);
}

/* "| 第N项 | N | 2N |": a table row on every line, each label tried
 * against every row pattern of tables.tsv. */
static void line_row(gk_buf *b, size_t k)
{
    char line[96];
    snprintf(line, sizeof line, "| 第%zu项 | %zu | %zu |\n", k, k, 2 * k);
    assert_int_equal(gk_buf_adds(b, line), GK_OK);
}

static void test_many_table_rows(void **state)
{
    expect_indexed(*state, 100000, line_row);
}

/* Run the indexer on the corpus report and `name`; it must refuse name
 * with `reason` and index the report. */
static void expect_refused(gk_cli *f, const char *name, const char *reason)
{
    char *bad = gk_test_join(f->in, name);
    free(gk_test_put_copy(f->in, "good.txt", REPORT));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 1);
    gk_cli_expect_complaint(r.err, bad, reason);
    gk_test_run_clear(&r);
    free(bad);
    assert_true(gk_cli_count(f->db, "政府信息公开", NULL) > 0);
}

/* More text than a file may give (16 MiB): refused, not analysed in
 * hundreds of MB. */
static void test_too_much_text(void **state)
{
    gk_cli *f = *state;
    size_t n = ((size_t)17 << 20) / 8;
    char *text = malloc(n * 8);
    assert_non_null(text);
    for (size_t k = 0; k < n; k++)
        memcpy(text + 8 * k, "abc def\n", 8);
    free(gk_test_put(f->in, "huge.txt", text, n * 8));
    free(text);
    expect_refused(f, "huge.txt", "too much text");
}

/* 30 MB of empty paragraphs in 456 KB took 743 MB as a tree: a body of
 * more XML nodes than the limit is refused. */
static void test_docx_of_empty_paragraphs(void **state)
{
    gk_cli *f = *state;
    static const char head[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
    static const char tail[] = "</w:body></w:document>";
    size_t n = 600000;
    gk_buf doc = {0};
    assert_int_equal(gk_buf_adds(&doc, head), GK_OK);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(gk_buf_adds(&doc, "<w:p/>"), GK_OK);
    assert_int_equal(gk_buf_adds(&doc, tail), GK_OK);
    size_t len;
    char *bytes = gk_test_docx_of(doc.data, NULL, NULL, &len);
    gk_buf_free(&doc);
    free(gk_test_put(f->in, "empty.docx", bytes, len));
    free(bytes);
    expect_refused(f, "empty.docx", "XML nodes");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_many_lines_of_a),
        GK_CLI_TEST(test_many_numbered_lines),
        GK_CLI_TEST(test_many_heading_lines),
        GK_CLI_TEST(test_many_table_rows),
        GK_CLI_TEST(test_too_much_text),
        GK_CLI_TEST(test_docx_of_empty_paragraphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
