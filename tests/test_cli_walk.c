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

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
    /* within: followed, and it is a.txt by its real path, which this run
     * has read already: read once, and said so */
    assert_string_equal(status_of(lines, "/sub/alias.txt"), "skipped");
    const char *why = gk_cli_str(line_for(lines, "/sub/alias.txt"), "reason");
    assert_non_null(strstr(why, "the same file as "));
    assert_non_null(strstr(why, "/a.txt, reached already in this run"));
    json_t *s = gk_cli_summary(lines);
    assert_int_equal(json_integer_value(json_object_get(s, "skipped")), 3);
    assert_int_equal(json_integer_value(json_object_get(s, "indexed")), 1);
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
    /* the same file as passwd.txt leads to: read once */
    assert_string_equal(status_of(lines, "/sub/etc/outside.txt"), "skipped");
    assert_non_null(strstr(gk_cli_str(line_for(lines, "/sub/etc/outside.txt"), "reason"),
                           "/elsewhere/outside.txt, reached already in this run"));
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

/* A PATH that does not exist is a usage error: one line, exit 2, and no
 * database made (there was an empty one, and exit 1). */
static void test_missing_path_is_a_usage_error(void **state)
{
    gk_cli *f = *state;
    char *gone = gk_test_join(f->top, "nonexistent");
    gk_test_run_result r;
    gk_cli_index(&r, f->db, gone, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "gongkai-index: "));
    assert_non_null(strstr(r.err, "nonexistent: No such file or directory\n"));
    gk_test_run_clear(&r);
    assert_int_equal(access(f->db, F_OK), -1);
    free(gone);
}

/* Run gongkai-index -d db ARGS with `input` on its standard input; its
 * stdout and stderr into *out and *err (caller frees); returns its exit
 * code. */
static int index_with_stdin(const gk_cli *f, const char *input, const char *const args[],
                            char **out, char **err)
{
    char *out_path = gk_test_join(f->top, "stdout"), *err_path = gk_test_join(f->top, "stderr");
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    char **argv = gk_cli_argv(GK_TEST_INDEX_BIN, f->db, args);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0 || dup2(fds[0], 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(99);
        close(fds[1]);
        execv(argv[0], argv);
        _exit(98);
    }
    free(argv);
    close(fds[0]);
    assert_int_equal(write(fds[1], input, strlen(input)), (ssize_t)strlen(input));
    close(fds[1]);
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    assert_true(WIFEXITED(wstatus));
    size_t len;
    *out = gk_test_read_file(out_path, &len);
    *err = gk_test_read_file(err_path, &len);
    free(out_path);
    free(err_path);
    return WEXITSTATUS(wstatus);
}

/* "-" reads the paths to index from standard input, one per line (a CR
 * and empty lines ignored), and --files-from FILE from a file. */
static void test_paths_from_a_list(void **state)
{
    gk_cli *f = *state;
    char *a = gk_test_put_copy(f->in, "a.txt", gk_test_reports[0]);
    char *b = gk_test_put_copy(f->in, "b name.txt", gk_test_reports[2]);
    char *c = gk_test_put_copy(f->in, "c.txt", gk_test_reports[3]);
    char list[4096];
    snprintf(list, sizeof list, "%s\n\n%s\r\n", a, b);
    char *out = NULL, *err = NULL;
    int status = index_with_stdin(f, list, GK_CLI_ARGS("--json", "-"), &out, &err);
    if (status != 0)
        fail_msg("exit %d: %s", status, err);
    json_t *lines = gk_cli_json_lines(out);
    assert_string_equal(status_of(lines, "/a.txt"), "indexed");
    assert_string_equal(status_of(lines, "/b name.txt"), "indexed");
    assert_null(line_for(lines, "/c.txt"));
    json_decref(lines);
    free(out);
    free(err);

    char *listed = gk_test_join(f->top, "list");
    snprintf(list, sizeof list, "%s\n", c);
    gk_test_write_file(listed, list, strlen(list));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", "--files-from", listed, NULL);
    assert_int_equal(r.status, 0);
    lines = gk_cli_json_lines(r.out);
    assert_string_equal(status_of(lines, "/c.txt"), "indexed");
    assert_int_equal(json_integer_value(json_object_get(gk_cli_summary(lines), "indexed")), 1);
    json_decref(lines);
    gk_test_run_clear(&r);
    free(listed);
    free(a);
    free(b);
    free(c);
}

/* --prune of a PATH that no longer exists (a folder deleted or moved)
 * removes what was indexed under it, and only that; it used to fail. */
static void test_prune_a_path_gone(void **state)
{
    gk_cli *f = *state;
    char *keep = gk_test_join(f->in, "keep"), *old = gk_test_join(f->in, "old");
    assert_int_equal(mkdir(keep, 0755), 0);
    assert_int_equal(mkdir(old, 0755), 0);
    free(gk_test_put_copy(keep, "a.txt", gk_test_reports[0]));
    free(gk_test_put_copy(old, "b.txt", gk_test_reports[1]));
    free(gk_test_put_copy(old, "c.txt", gk_test_reports[2]));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "-q", keep, old, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    char *moved = gk_test_join(f->top, "moved");
    assert_int_equal(rename(old, moved), 0);
    gk_cli_index(&r, f->db, "--json", "--prune", old, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    json_t *lines = gk_cli_json_lines(r.out);
    assert_string_equal(status_of(lines, "/old/b.txt"), "pruned");
    assert_string_equal(status_of(lines, "/old/c.txt"), "pruned");
    assert_int_equal(json_integer_value(json_object_get(gk_cli_summary(lines), "pruned")), 2);
    json_decref(lines);
    gk_test_run_clear(&r);
    assert_int_equal(gk_cli_count(f->db, "--by", "report", "year:2020", NULL), 1); /* a.txt */
    free(keep);
    free(old);
    free(moved);
}

/* A database inside the folder being indexed: a warning, and none of its
 * files is looked at, the first time (when it is made) or later. */
static void test_database_inside_the_folder(void **state)
{
    gk_cli *f = *state;
    free(gk_test_put_copy(f->in, "a.txt", gk_test_reports[0]));
    char *db = gk_test_join(f->in, "db");
    for (int run = 0; run < 2; run++) {
        gk_test_run_result r;
        gk_cli_index(&r, db, "--json", f->in, NULL);
        assert_int_equal(r.status, 0);
        gk_cli_expect_complaint(r.err, db, "warning: the database lies inside");
        json_t *lines = gk_cli_json_lines(r.out);
        assert_int_equal(json_array_size(lines), 2); /* a.txt and the summary */
        assert_int_equal(json_integer_value(json_object_get(gk_cli_summary(lines), "skipped")), 0);
        json_decref(lines);
        gk_test_run_clear(&r);
    }
    free(db);
}

/* getopt's complaints name the program, not the path it was run by. */
static void test_option_errors_name_the_program(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--bogus", f->in, NULL);
    assert_int_equal(r.status, 2);
    if (strncmp(r.err, "gongkai-index: ", 15) != 0)
        fail_msg("stderr: %s", r.err);
    gk_test_run_clear(&r);
}

/* A folder reached through a link to it holds the same reports as through
 * its real path: the files are stored and searched under their real
 * paths, and a rerun through the link finds every one unchanged.  A link
 * inside the folder to a report in it resolves to that report. */
static void test_same_reports_through_a_link_to_the_folder(void **state)
{
    gk_cli *f = *state;
    free(gk_test_put_copy(f->in, "a.txt", gk_test_reports[0]));
    free(gk_test_put_copy(f->in, "b.txt", gk_test_reports[1]));
    char *real = realpath(f->in, NULL);
    assert_non_null(real);
    char *link = gk_test_join(f->top, "link");
    assert_int_equal(symlink(real, link), 0);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", link, NULL);
    assert_int_equal(r.status, 0);
    json_t *lines = gk_cli_json_lines(r.out);
    assert_string_equal(status_of(lines, "/a.txt"), "indexed");
    json_decref(lines);
    gk_test_run_clear(&r);
    /* stored under the real path */
    json_t *hits = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--json", "-n", "10", "kind:report"));
    size_t found = 0;
    for (size_t i = 0; i < json_array_size(hits); i++) {
        json_t *h = json_array_get(hits, i);
        if (strcmp(gk_cli_str(h, "type"), "hit") != 0)
            continue;
        const char *p = gk_cli_str(h, "path");
        assert_true(strncmp(p, real, strlen(real)) == 0 && p[strlen(real)] == '/');
        found++;
    }
    assert_int_equal(found, 2);
    json_decref(hits);
    /* through the real path, then back through the link: nothing new */
    const char *const through[] = {real, link};
    for (size_t i = 0; i < 2; i++) {
        gk_cli_index(&r, f->db, "--json", through[i], NULL);
        assert_int_equal(r.status, 0);
        lines = gk_cli_json_lines(r.out);
        assert_string_equal(status_of(lines, "/a.txt"), "unchanged");
        assert_string_equal(status_of(lines, "/b.txt"), "unchanged");
        json_decref(lines);
        gk_test_run_clear(&r);
    }
    assert_int_equal(gk_cli_count(f->db, "kind:report", NULL), 2);
    /* both at once, and the folder twice: each file is read once, and
     * every other way to it is named as the same file */
    gk_cli_index(&r, f->db, "--json", "--force", real, link, real, NULL);
    assert_int_equal(r.status, 0);
    lines = gk_cli_json_lines(r.out);
    size_t indexed = 0, same = 0, again = 0;
    for (size_t i = 0; i < json_array_size(lines); i++) {
        json_t *j = json_array_get(lines, i);
        const char *status = json_string_value(json_object_get(j, "status"));
        const char *why = json_string_value(json_object_get(j, "reason"));
        if (status == NULL)
            continue;
        indexed += strcmp(status, "indexed") == 0;
        if (strcmp(status, "skipped") == 0 && why != NULL) {
            same += strstr(why, "the same file as ") != NULL;
            again += strstr(why, "reached again in this run") != NULL;
        }
    }
    assert_int_equal(indexed, 2);
    assert_int_equal(same, 2);  /* through the link */
    assert_int_equal(again, 2); /* the folder named a second time */
    json_decref(lines);
    gk_test_run_clear(&r);
    assert_int_equal(gk_cli_count(f->db, "kind:report", NULL), 2);
    free(link);
    free(real);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_links_out_of_the_roots_are_not_followed),
        GK_CLI_TEST(test_reports_whatever_their_names),
        GK_CLI_TEST(test_missing_path_is_a_usage_error),
        GK_CLI_TEST(test_paths_from_a_list),
        GK_CLI_TEST(test_prune_a_path_gone),
        GK_CLI_TEST(test_database_inside_the_folder),
        GK_CLI_TEST(test_option_errors_name_the_program),
        GK_CLI_TEST(test_same_reports_through_a_link_to_the_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
