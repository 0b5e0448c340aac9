/* test_cli_ids.c - end to end: report ids (gk_report_id.h).
 *
 * An id comes from the name of the folder indexed and the file's path
 * below it: a folder moved elsewhere and indexed again keeps every id (its
 * reports are re-read, not doubled); a folder of the same name that is
 * still there besides gets other ids; --collection names a collection so
 * that two machines' folders of one name differ; a subfolder indexed on
 * its own later keeps the ids its folder gave; --show finds a report by
 * its new path. */
#define _XOPEN_SOURCE 700
#include "gk_cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids of the reports in db, sorted, one per line (caller frees). */
static char *ids_of(const char *db)
{
    json_t *lines = gk_cli_query_json(db, 0, GK_CLI_ARGS("--json", "-n", "100",
                                                          "--sort", "year", "kind:report"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    size_t n = json_array_size(hits);
    char **ids = calloc(n + 1, sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = strdup(gk_cli_str(json_array_get(hits, i), "report_id"));
    qsort(ids, n, sizeof *ids, by_text);
    size_t len = 0;
    char *out = calloc(n * 18 + 1, 1);
    for (size_t i = 0; i < n; i++) {
        len += (size_t)sprintf(out + len, "%s\n", ids[i]);
        free(ids[i]);
    }
    free(ids);
    json_decref(hits);
    json_decref(lines);
    return out;
}

/* Index path into db; the run must succeed. */
static void index_ok(const char *db, const char *opt, const char *val, const char *path)
{
    gk_test_run_result r;
    if (opt != NULL && val != NULL)
        gk_cli_index(&r, db, "-q", opt, val, path, NULL);
    else if (opt != NULL)
        gk_cli_index(&r, db, "-q", opt, path, NULL);
    else
        gk_cli_index(&r, db, "-q", path, NULL);
    if (r.status != 0)
        fail_msg("gongkai-index %s: exit %d: %s", path, r.status, r.err);
    gk_test_run_clear(&r);
}

/* f->in/NAME/reports holding the five test reports, and its path. */
static char *put_folder(gk_cli *f, const char *name)
{
    char *parent = gk_test_join(f->in, name);
    assert_int_equal(mkdir(parent, 0700), 0);
    char *dir = gk_test_join(parent, "reports");
    assert_int_equal(mkdir(dir, 0700), 0);
    char *sub = gk_test_join(dir, "sub");
    assert_int_equal(mkdir(sub, 0700), 0);
    free(sub);
    for (size_t i = 0; i < GK_TEST_NREPORTS; i++) {
        char file[32];
        snprintf(file, sizeof file, i < 2 ? "sub/r%zu.txt" : "r%zu.txt", i);
        free(gk_test_put_copy(dir, file, gk_test_reports[i]));
    }
    free(parent);
    return dir;
}

static void test_moved_folder_keeps_its_ids(void **state)
{
    gk_cli *f = *state;
    char *dir = put_folder(f, "a");
    index_ok(f->db, NULL, NULL, dir);
    char *before = ids_of(f->db);
    assert_int_equal(gk_test_count_lines(before), GK_TEST_NREPORTS);
    /* moved: /a/reports -> /b/reports, the old place gone */
    char *b = gk_test_join(f->in, "b");
    assert_int_equal(mkdir(b, 0700), 0);
    char *moved = gk_test_join(b, "reports");
    assert_int_equal(rename(dir, moved), 0);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", "--prune", dir, moved, NULL);
    assert_int_equal(r.status, 0);
    json_t *lines = gk_cli_json_lines(r.out);
    json_t *sum = gk_cli_summary(lines);
    /* re-read (their path changed), replacing themselves: none new */
    assert_int_equal(json_integer_value(json_object_get(sum, "updated")), 0);
    assert_int_equal(json_integer_value(json_object_get(sum, "new")), GK_TEST_NREPORTS);
    assert_int_equal(json_integer_value(json_object_get(sum, "pruned")), 0);
    json_decref(sum);
    json_decref(lines);
    gk_test_run_clear(&r);
    char *after = ids_of(f->db);
    assert_string_equal(after, before);
    /* --show finds a report by its new path, and it shows that path */
    char *file = gk_test_join(moved, "r3.txt");
    gk_cli_query(&r, f->db, "--show", file, NULL);
    assert_int_equal(r.status, 0);
    char real[PATH_MAX];
    assert_non_null(realpath(file, real));
    assert_non_null(strstr(r.out, real));
    gk_test_run_clear(&r);
    /* a rerun finds everything unchanged */
    gk_cli_index(&r, f->db, "--json", moved, NULL);
    assert_non_null(strstr(r.out, "\"unchanged\":5"));
    gk_test_run_clear(&r);
    free(file);
    free(before);
    free(after);
    free(moved);
    free(b);
    free(dir);
}

static void test_folders_of_one_name_differ(void **state)
{
    gk_cli *f = *state;
    char *a = put_folder(f, "a"), *b = put_folder(f, "b");
    index_ok(f->db, NULL, NULL, a);
    index_ok(f->db, NULL, NULL, b); /* a is still there: b is reports.2 */
    char *ids = ids_of(f->db);
    assert_int_equal(gk_test_count_lines(ids), 2 * GK_TEST_NREPORTS);
    free(ids);
    /* and each keeps its ids on a rerun of both */
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", b, a, NULL);
    assert_non_null(strstr(r.out, "\"unchanged\":10"));
    gk_test_run_clear(&r);
    free(a);
    free(b);
}

static void test_collection_names_ids(void **state)
{
    gk_cli *f = *state;
    char *a = put_folder(f, "a");
    char *db2 = gk_test_join(f->top, "db2");
    index_ok(f->db, NULL, NULL, a);
    index_ok(db2, "--collection", "四川", a);
    char *plain = ids_of(f->db), *named = ids_of(db2);
    assert_int_equal(gk_test_count_lines(named), GK_TEST_NREPORTS);
    /* no id in common */
    for (const char *p = named; *p; p += 17) {
        char id[18];
        memcpy(id, p, 17);
        id[17] = '\0';
        assert_null(strstr(plain, id));
    }
    gk_test_run_result r;
    gk_cli_index(&r, db2, "--collection", "a/b", a, NULL);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "--collection"));
    gk_test_run_clear(&r);
    free(plain);
    free(named);
    free(db2);
    free(a);
}

static void test_subfolder_later_keeps_ids(void **state)
{
    gk_cli *f = *state;
    char *a = put_folder(f, "a");
    index_ok(f->db, NULL, NULL, a);
    char *before = ids_of(f->db);
    /* the subfolder on its own, forced to re-read: the same two reports */
    char *sub = gk_test_join(a, "sub");
    index_ok(f->db, "--force", NULL, sub);
    char *after = ids_of(f->db);
    assert_string_equal(after, before);
    free(before);
    free(after);
    free(sub);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_moved_folder_keeps_its_ids),
        GK_CLI_TEST(test_folders_of_one_name_differ),
        GK_CLI_TEST(test_collection_names_ids),
        GK_CLI_TEST(test_subfolder_later_keeps_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
