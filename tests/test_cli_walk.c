/* test_cli_walk.c - end to end: which files gongkai-index finds, follows
 * and reads.
 *
 * Symbolic links that lead out of the folders given are not followed (a
 * link to a file or a folder elsewhere is skipped and named), unless
 * --follow-links; links within them are.  A report is recognised by its
 * content whatever its name ("r", "r.tsv"), but Chinese text that is no
 * report is not indexed.  Every file skipped is named, with why, by -v and
 * by --json. */
#define _GNU_SOURCE
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

/* The --json line for path (by its ending), or NULL; borrowed from lines. */
static json_t *line_for(json_t *lines, const char *end)
{
    size_t i, n = strlen(end);
    json_t *j;
    json_array_foreach(lines, i, j) {
        const char *p = json_string_value(json_object_get(j, "path"));
        if (p != NULL && strlen(p) >= n && strcmp(p + strlen(p) - n, end) == 0)
            return j;
    }
    return NULL;
}

/* The status of path's --json line; fails the test when there is none. */
static const char *status_of(json_t *lines, const char *end)
{
    json_t *j = line_for(lines, end);
    if (j == NULL)
        fail_msg("no line for %s", end);
    return gk_cli_str(j, "status");
}

/* Links out of f->in: a report elsewhere, a folder elsewhere holding a
 * report; and a link to a report within. */
static void put_links(gk_cli *f)
{
    char *out = gk_test_join(f->top, "elsewhere");
    assert_int_equal(mkdir(out, 0755), 0);
    char *outside = gk_test_put_copy(out, "outside.txt", gk_test_reports[1]);
    free(gk_test_put_copy(f->in, "a.txt", gk_test_reports[0]));
    char *sub = gk_test_join(f->in, "sub");
    assert_int_equal(mkdir(sub, 0755), 0);
    char *l1 = gk_test_join(f->in, "passwd.txt");
    assert_int_equal(symlink(outside, l1), 0);
    char *l2 = gk_test_join(sub, "etc");
    assert_int_equal(symlink(out, l2), 0);
    char *l3 = gk_test_join(sub, "alias.txt");
    assert_int_equal(symlink("../a.txt", l3), 0);
    free(out);
    free(outside);
    free(sub);
    free(l1);
    free(l2);
    free(l3);
}

static void test_links_out_of_the_roots_are_not_followed(void **state)
{
    gk_cli *f = *state;
    put_links(f);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", f->in, NULL);
    assert_int_equal(r.status, 0);
    json_t *lines = gk_cli_json_lines(r.out);
    assert_string_equal(status_of(lines, "/passwd.txt"), "skipped");
    assert_non_null(strstr(gk_cli_str(line_for(lines, "/passwd.txt"), "reason"),
                           "symbolic link"));
    assert_string_equal(status_of(lines, "/sub/etc"), "skipped");
    assert_null(line_for(lines, "/outside.txt")); /* the folder was not entered */
    assert_string_equal(status_of(lines, "/a.txt"), "indexed");
    assert_string_equal(status_of(lines, "/sub/alias.txt"), "indexed"); /* within */
    json_t *s = gk_cli_summary(lines);
    assert_int_equal(json_integer_value(json_object_get(s, "skipped")), 2);
    json_decref(lines);
    gk_test_run_clear(&r);
    assert_int_equal(gk_cli_count(f->db, "year:2021", NULL), 0); /* outside.txt */

    /* -v names them, with why */
    gk_cli_index(&r, f->db, "-v", f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "skipped "));
    assert_non_null(strstr(r.out, "passwd.txt: symbolic link leading out of"));
    assert_non_null(strstr(r.out, "sub/etc: symbolic link leading out of"));
    gk_test_run_clear(&r);

    /* --follow-links follows them */
    gk_cli_index(&r, f->db, "--json", "--follow-links", f->in, NULL);
    assert_int_equal(r.status, 0);
    lines = gk_cli_json_lines(r.out);
    assert_string_equal(status_of(lines, "/passwd.txt"), "indexed");
    assert_string_equal(status_of(lines, "/sub/etc/outside.txt"), "indexed");
    json_decref(lines);
    gk_test_run_clear(&r);
}

/* A report named "r" or "r.tsv" is read as one; Chinese text that is no
 * report (a data file) and a picture are skipped and named. */
static void test_reports_whatever_their_names(void **state)
{
    gk_cli *f = *state;
    free(gk_test_put_copy(f->in, "r", gk_test_reports[0]));
    free(gk_test_put_copy(f->in, "r.tsv", gk_test_reports[2]));
    free(gk_test_put_copy(f->in, "sections.tsv", GK_TEST_CORPUS_DIR "/data/sections.tsv"));
    free(gk_test_put_copy(f->in, "categories.tsv",
                          GK_TEST_CORPUS_DIR "/data/categories.tsv"));
    free(gk_test_put(f->in, "picture.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", f->in, NULL);
    assert_int_equal(r.status, 0);
    json_t *lines = gk_cli_json_lines(r.out);
    assert_string_equal(status_of(lines, "/r"), "indexed");
    assert_string_equal(status_of(lines, "/r.tsv"), "indexed");
    assert_string_equal(gk_cli_str(line_for(lines, "/r.tsv"), "kind"), "report");
    assert_string_equal(status_of(lines, "/sections.tsv"), "skipped");
    assert_string_equal(status_of(lines, "/categories.tsv"), "skipped");
    assert_string_equal(status_of(lines, "/picture.png"), "skipped");
    assert_non_null(strstr(gk_cli_str(line_for(lines, "/picture.png"), "reason"),
                           "not a format"));
    json_t *s = gk_cli_summary(lines);
    assert_int_equal(json_integer_value(json_object_get(s, "reports")), 2);
    assert_int_equal(json_integer_value(json_object_get(s, "documents")), 0);
    assert_int_equal(json_integer_value(json_object_get(s, "skipped")), 3);
    json_decref(lines);
    gk_test_run_clear(&r);
    gk_cli_index(&r, f->db, "-v", "--force", f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "picture.png: not a format"));
    assert_non_null(strstr(r.out, "sections.tsv: "));
    gk_test_run_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_links_out_of_the_roots_are_not_followed),
        GK_CLI_TEST(test_reports_whatever_their_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
